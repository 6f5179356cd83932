// Package entctx picks the ent client a call uses: the request's transaction
// when the call runs inside one (every GraphQL mutation does, but those
// declared @ownTransaction), else the root client. Using the root client
// inside the request's transaction would deadlock single-connection SQLite.
package entctx

import (
	"context"

	"github.com/hnvt/bairi/ent"
)

// Client returns the transaction's client carried by ctx, or root.
func Client(ctx context.Context, root *ent.Client) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return root
}
