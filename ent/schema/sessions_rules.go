package schema

import (
	"context"
	"database/sql"
	"slices"

	"entgo.io/ent"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/refreshtoken"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/sessions"
	"github.com/hnvt/bairi/internal/viewer"
)

// viewerFields are the fields of a user a signed-in viewer is made of: a
// change to one of them ends what the instances remember of their sessions.
var viewerFields = []string{user.FieldActive, user.FieldRole, user.FieldRegionID, user.FieldOrganizationID,
	user.FieldPersonID, user.FieldUsername, user.FieldPasswordHash}

// changer is a mutation that can tell the instances of a change.
type changer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	Tx() (*gen.Tx, error)
}

// sessionsChanged tells the instances (internal/sessions) that the sessions
// of some users changed, once the mutation's transaction commits.
func sessionsChanged(ctx context.Context, cache *sessions.Cache, m changer, userIDs []int) error {
	if len(userIDs) == 0 {
		return nil
	}
	ch := cache.Changing(userIDs...)
	if ch.Query != "" {
		if _, err := m.ExecContext(ctx, ch.Query, ch.Args...); err != nil {
			cache.Abandoned(ch)
			return err
		}
	}
	tx, err := m.Tx()
	if err != nil { // not in a transaction: it has happened
		cache.Committed(ch)
		return nil
	}
	tx.OnCommit(func(next gen.Committer) gen.Committer {
		return gen.CommitFunc(func(ctx context.Context, tx *gen.Tx) error {
			err := next.Commit(ctx, tx)
			if err == nil {
				cache.Committed(ch)
			} else {
				cache.Abandoned(ch)
			}
			return err
		})
	})
	tx.OnRollback(func(next gen.Rollbacker) gen.Rollbacker {
		return gen.RollbackFunc(func(ctx context.Context, tx *gen.Tx) error {
			cache.Abandoned(ch)
			return next.Rollback(ctx, tx)
		})
	})
	return nil
}

// userSessionsHook: a user deactivated, renamed, given another role,
// region or organisation, or a new password is signed in anew everywhere.
func userSessionsHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.UserFunc(func(ctx context.Context, m *gen.UserMutation) (ent.Value, error) {
			touched := slices.ContainsFunc(append(m.Fields(), m.ClearedFields()...), func(f string) bool {
				return slices.Contains(viewerFields, f)
			})
			if !touched {
				return next.Mutate(ctx, m)
			}
			ids, err := m.IDs(viewer.WithPurpose(ctx, viewer.PurposeAuth))
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			return v, sessionsChanged(ctx, m.Sessions, m, ids)
		})
	}, ent.OpUpdate|ent.OpUpdateOne)
}

// refreshTokenSessionsHook: a session revoked (logout, a replayed refresh
// token, the other sessions ended) ends at once on every instance.
func refreshTokenSessionsHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.RefreshTokenFunc(func(ctx context.Context, m *gen.RefreshTokenMutation) (ent.Value, error) {
			if _, revoking := m.RevokedAt(); !revoking {
				return next.Mutate(ctx, m)
			}
			ids, err := m.IDs(ctx)
			if err != nil {
				return nil, err
			}
			var users []int
			if len(ids) > 0 {
				if users, err = m.Client().RefreshToken.Query().Where(refreshtoken.IDIn(ids...)).
					Unique(true).Select(refreshtoken.FieldUserID).Ints(ctx); err != nil {
					return nil, err
				}
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			return v, sessionsChanged(ctx, m.Sessions, m, users)
		})
	}, ent.OpUpdate|ent.OpUpdateOne)
}
