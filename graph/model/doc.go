// Package model holds GraphQL types that are not ent entities.
package model
