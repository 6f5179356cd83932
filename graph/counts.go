package graph

import (
	"context"
	"fmt"
	"reflect"

	entgo "entgo.io/ent"
	"github.com/99designs/gqlgen/graphql"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/privacy"
)

// CountCap bounds the count behind a list's totalCount: a list counts at
// most this many rows, so that a page of a million certificates costs what a
// page of a thousand does. Below the cap totalCount is exact; at the cap the
// list's totalCountExact is false and totalCount says "at least".
const CountCap = 1000

// boundedCounts is the ent interceptor that caps the counts of the Relay
// connections (entgql counts for totalCount and pageInfo): a Count of an
// entity asked while its own connection field resolves reads at most
// CountCap ids (SELECT id ... LIMIT CountCap, an index walk that stops)
// instead of COUNT(*) over every row the viewer may see. Other counts
// (enrolledCount, the badges, the rules' own counts) stay exact.
func boundedCounts() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			qc := entgo.QueryFromContext(ctx)
			if qc == nil || qc.Op != entgo.OpQueryCount || !connectionOf(ctx, qc.Type) {
				return next.Query(ctx, q)
			}
			// Every generated query has Limit(int) *XQuery and IDs(ctx) ([]int, error).
			v := reflect.ValueOf(q)
			limit, ids := v.MethodByName("Limit"), v.MethodByName("IDs")
			if !limit.IsValid() || !ids.IsValid() {
				return nil, fmt.Errorf("bounded count: %T has no Limit or IDs", q)
			}
			limit.Call([]reflect.Value{reflect.ValueOf(CountCap)})
			// IDs runs as its own operation: without the Count's query
			// context (which nested calls inherit), it does not come back
			// here. The Count has already evaluated the privacy policy and
			// added its filter to q (ent prepares a query before its
			// interceptors run; a denial never gets here), so IDs runs q as
			// filtered instead of adding the same filter a second time (a
			// predicate written twice also makes PostgreSQL's estimate of
			// the rows the square of its selectivity, and its plan bad).
			inner := privacy.DecisionContext(entgo.NewQueryContext(ctx, nil), privacy.Allow)
			out := ids.Call([]reflect.Value{reflect.ValueOf(inner)})
			if err, _ := out[1].Interface().(error); err != nil {
				return nil, err
			}
			return out[0].Len(), nil
		})
	})
}

// connectionOf says whether the field being resolved returns a connection of
// the entity typ (CertificateConnection for Certificate).
func connectionOf(ctx context.Context, typ string) bool {
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && fc.Field.Definition != nil && fc.Field.Definition.Type.Name() == typ+"Connection"
}

// totalCountExact says whether a connection's totalCount is exact (below
// CountCap) or a lower bound.
func totalCountExact(n int) bool { return n < CountCap }
