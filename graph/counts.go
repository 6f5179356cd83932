package graph

import (
	"context"
	"fmt"
	"reflect"

	entgo "entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/graphql"

	"github.com/hnvt/bairi/ent"
)

// CountCap bounds the count behind a list's totalCount: a list counts at
// most this many rows, so that a page of a million certificates costs what a
// page of a thousand does. Below the cap totalCount is exact; at the cap the
// list's totalCountExact is false and totalCount says "at least".
const CountCap = 1000

// boundedCounts is the ent interceptor that caps the counts of the Relay
// connections (entgql counts for totalCount and pageInfo): a Count of an
// entity asked while its own connection field resolves counts at most
// CountCap rows, SELECT COUNT(*) FROM (SELECT id ... LIMIT CountCap), an
// index walk that stops, instead of COUNT(*) over every row the viewer may
// see. Other counts (enrolledCount, the badges, the rules' own counts) stay
// exact. The Count has already evaluated the privacy policy and added its
// filter to the query (ent prepares a query before its interceptors run; a
// denial never gets here): the bound only moves that filtered query into
// the subquery.
func boundedCounts() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			qc := entgo.QueryFromContext(ctx)
			if qc == nil || qc.Op != entgo.OpQueryCount || !connectionOf(ctx, qc.Type) {
				return next.Query(ctx, q)
			}
			// Every generated query has Limit(int) *XQuery and
			// Modify(...func(*sql.Selector)) *XSelect.
			v := reflect.ValueOf(q)
			limit, modify := v.MethodByName("Limit"), v.MethodByName("Modify")
			if !limit.IsValid() || !modify.IsValid() {
				return nil, fmt.Errorf("bounded count: %T has no Limit or Modify", q)
			}
			limit.Call([]reflect.Value{reflect.ValueOf(CountCap)})
			modify.Call([]reflect.Value{reflect.ValueOf(countWithin)})
			return next.Query(ctx, q)
		})
	})
}

// countWithin makes the query a count has built (its filter and its LIMIT)
// the subquery the count counts: ent's count then selects COUNT(DISTINCT
// id) of at most CountCap rows, and only that number comes back (not the
// thousand ids).
func countWithin(s *sql.Selector) {
	inner := s.Clone()
	inner.Select(inner.C("id"))
	// The subquery takes the table's name, which the count's COUNT(DISTINCT
	// "table"."id") names.
	*s = *sql.Dialect(s.Dialect()).Select().From(inner.As(s.TableName()))
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
