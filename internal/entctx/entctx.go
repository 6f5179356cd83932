// Package entctx picks the ent client a call uses: the request's transaction
// when the call runs inside one (every GraphQL mutation does, but those
// declared @ownTransaction), else the root client. Using the root client
// inside the request's transaction would deadlock single-connection SQLite.
package entctx

import (
	"context"
	"fmt"

	"github.com/hnvt/bairi/ent"
)

// Client returns the transaction's client carried by ctx, or root.
func Client(ctx context.Context, root *ent.Client) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return root
}

// InTx runs f in a transaction: the request's when ctx carries one, else a
// new one on root, committed when f returns nil and rolled back otherwise.
// Work that needs no transaction (parsing an uploaded sheet) goes before it,
// so that no write lock is held while it runs.
func InTx(ctx context.Context, root *ent.Client, f func(ctx context.Context, c *ent.Client) error) error {
	if tx := ent.TxFromContext(ctx); tx != nil {
		return f(ctx, tx.Client())
	}
	tx, err := root.Tx(ctx)
	if err != nil {
		return err
	}
	c := tx.Client()
	if err := f(ent.NewContext(ent.NewTxContext(ctx, tx), c), c); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return err
	}
	return tx.Commit()
}
