// Package ent holds the domain model generated from ent/schema.
package ent

//go:generate go run -mod=mod entc.go
