package model

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/hnvt/bairi/internal/fault"
)

// MarshalID writes a record's ID (ent's global integer IDs) as a string.
func MarshalID(id int) graphql.Marshaler { return graphql.MarshalIntID(id) }

// UnmarshalID reads an ID; anything else is the client's bad input, not a
// server error.
func UnmarshalID(v any) (int, error) {
	id, err := graphql.UnmarshalIntID(v)
	if err != nil {
		return 0, fault.Input("id", "an ID is a string of digits, as the API gave it")
	}
	return id, nil
}
