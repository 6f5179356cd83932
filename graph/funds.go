package graph

import (
	"context"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/internal/money"
	"github.com/hnvt/bairi/internal/viewer"
)

// fundActions lists what the viewer may do with a region's special account
// (money.AccountActions).
func fundActions(ctx context.Context, reg *ent.Region) ([]string, error) {
	hasChildren, err := reg.QueryChildren().Exist(ctx)
	if err != nil {
		return nil, err
	}
	return money.AccountActions(viewer.FromContext(ctx), reg.Path, reg.ParentID != 0, hasChildren), nil
}
