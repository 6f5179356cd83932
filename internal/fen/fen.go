// Package fen is the unit of money: integer fen (1/100 yuan), never floats.
package fen

import "fmt"

// Yuan writes an amount of fen as yuan with two decimals: 1234567 -> "12345.67".
func Yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}
