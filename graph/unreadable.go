package graph

import (
	"context"
	"errors"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/fault"
)

// unreadableAsNull wraps the error presenter so that it drops the error of
// a nested nullable field the viewer may not read, which then answers null: an edge
// whose end a privacy rule filtered out (not found) or denied, or a field
// computed from records the viewer may not read. One unreadable edge would
// otherwise fail its parent (up to the nearest nullable field) and put an
// error in the answer for what is only the viewer's scope. Root fields (a
// list, node, a mutation) keep their errors: FORBIDDEN, NOT_FOUND. Non-null
// fields keep them too: an edge that may be unreadable is declared nullable
// (ent/schema's NullWhenUnreadable, or by hand in graph/*.graphqls).
//
// It is the error presenter's work, not a field middleware's: a nullable field that fails already answers null, so only
// its error has to go, and a field middleware costs every field of every
// answer a call and a closure (a page of twenty applications has 500
// fields) to act on the few that fail.
func unreadableAsNull(schema *ast.Schema, present graphql.ErrorPresenterFunc) graphql.ErrorPresenterFunc {
	root := map[string]bool{}
	for _, d := range []*ast.Definition{schema.Query, schema.Mutation, schema.Subscription} {
		if d != nil {
			root[d.Name] = true
		}
	}
	return func(ctx context.Context, err error) *gqlerror.Error {
		if unreadable(err) {
			fc := graphql.GetFieldContext(ctx)
			if fc != nil && !root[fc.Object] && fc.Field.Field != nil && fc.Field.Definition != nil && !fc.Field.Definition.Type.NonNull {
				return nil // dropped: the field answers null
			}
		}
		return present(ctx, err)
	}
}

// unreadable reports a refusal of the viewer's scope: a privacy denial, a
// record filtered out of it (not found), or the project's NOT_FOUND for a
// record out of scope.
func unreadable(err error) bool {
	if errors.Is(err, privacy.Deny) || ent.IsNotFound(err) {
		return true
	}
	f, ok := fault.As(err)
	return ok && (f.Code == fault.NotFound || f.Code == fault.Forbidden)
}
