package idcheck

import "strings"

// NormalizeName is a person's name as names are compared: without any space
// (a half- or full-width space typed between the characters of a Chinese
// name, or around it, does not make another name).
func NormalizeName(s string) string { return strings.Join(strings.Fields(s), "") }

// SameName reports whether two names are the same person's name once
// normalised (NormalizeName).
func SameName(a, b string) bool { return NormalizeName(a) == NormalizeName(b) }
