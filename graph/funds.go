package graph

import (
	"context"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/internal/money"
	"github.com/hnvt/bairi/internal/viewer"
)

// fundActions lists what the viewer may do with the special account of the
// region with the id (money.AccountActions).
func (r *Resolver) fundActions(ctx context.Context, id int) ([]string, error) {
	reg, err := r.fullRegion(ctx, id)
	if err != nil {
		return nil, err
	}
	hasChildren, err := reg.QueryChildren().Exist(ctx)
	if err != nil {
		return nil, err
	}
	return money.AccountActions(viewer.FromContext(ctx), reg.Path, reg.ParentID != 0, hasChildren), nil
}

// fullRegion reads a region with all its fields. The rules need its path and
// parent, which a region loaded for a GraphQL selection lacks when the
// selection leaves them out (entgql selects only the fields asked for).
func (r *Resolver) fullRegion(ctx context.Context, id int) (*ent.Region, error) {
	return r.db(ctx).Region.Get(ctx, id)
}
