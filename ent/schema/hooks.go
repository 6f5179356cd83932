package schema

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/schema/mixin"

	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/viewer"
)

// prioritySectorHook marks organisations in the five priority sectors of R1
// and stores credit codes normalised (trimmed, upper case), so that the same
// code typed differently cannot be registered twice.
func prioritySectorHook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if v, ok := m.Field("credit_code"); ok {
				if code, err := idcheck.CreditCode(fmt.Sprint(v)); err == nil {
					if err := m.SetField("credit_code", code); err != nil {
						return nil, err
					}
				}
			}
			if v, ok := m.Field("sector"); ok {
				if err := m.SetField("priority_sector", slices.Contains(PrioritySectors, fmt.Sprint(v))); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}

// keyGroupsHook refuses key groups that are not those of R3.
func keyGroupsHook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if v, ok := m.Field("key_groups"); ok {
				groups, _ := v.([]string)
				for _, g := range groups {
					if !slices.Contains(KeyGroups, g) {
						return nil, fault.Input("keyGroups", "unknown key group %q", g)
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}

var levelRank = map[string]int{"PROVINCE": 1, "CITY": 2, "COUNTY": 3}

// regionPathHook fills a new region's materialised path from its parent and
// refuses a level that is not below the parent's.
func regionPathHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.RegionFunc(func(ctx context.Context, m *gen.RegionMutation) (ent.Value, error) {
			code, _ := m.Code()
			level, _ := m.Level()
			pid, hasParent := m.ParentID()
			if !hasParent {
				if level != region.LevelPROVINCE {
					return nil, fault.Input("parentID", "only a province has no parent region")
				}
				m.SetPath(code + "/")
				return next.Mutate(ctx, m)
			}
			parent, err := m.Client().Region.Get(ctx, pid)
			if err != nil {
				if gen.IsNotFound(err) {
					return nil, fault.Input("parentID", "no such parent region")
				}
				return nil, err
			}
			if levelRank[string(level)] <= levelRank[string(parent.Level)] {
				return nil, fault.Input("level", "a %s cannot be placed under a %s", level, parent.Level)
			}
			m.SetPath(parent.Path + code + "/")
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// userShapeHook keeps a user's links consistent with the role.
func userShapeHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.UserFunc(func(ctx context.Context, m *gen.UserMutation) (ent.Value, error) {
			role, ok := m.Role()
			if !ok && m.Op().Is(ent.OpUpdateOne) {
				if id, exists := m.ID(); exists {
					u, err := m.Client().User.Get(ctx, id)
					if err != nil {
						return nil, err
					}
					role = u.Role
				}
			}
			_, hasOrg := m.OrganizationID()
			if role == user.RoleINSTITUTION_STAFF && m.Op().Is(ent.OpCreate) && !hasOrg {
				return nil, fault.Input("organizationID", "institution staff need an organisation")
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// campaignDatesHook refuses a campaign that ends before it starts.
func campaignDatesHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.CampaignFunc(func(ctx context.Context, m *gen.CampaignMutation) (ent.Value, error) {
			start, okS := m.StartsOn()
			end, okE := m.EndsOn()
			var err error
			if !okS && m.Op().Is(ent.OpUpdateOne) {
				if start, err = m.OldStartsOn(ctx); err != nil {
					return nil, err
				}
			}
			if !okE && m.Op().Is(ent.OpUpdateOne) {
				if end, err = m.OldEndsOn(ctx); err != nil {
					return nil, err
				}
			}
			if !end.After(start) {
				return nil, fault.Input("endsOn", "a campaign must end after it starts")
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// sensitiveFields are never copied into audit details.
var sensitiveFields = map[string]bool{"password_hash": true, "id_hash": true, "id_encrypted": true, "token_hash": true}

// AuditMixin writes an AuditEvent for every mutation of the entity, in the
// same transaction.
type AuditMixin struct{ mixin.Schema }

// Hooks of the AuditMixin.
func (AuditMixin) Hooks() []ent.Hook {
	return []ent.Hook{
		func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				var ids []int
				if !m.Op().Is(ent.OpCreate) {
					if r, ok := m.(interface {
						IDs(context.Context) ([]int, error)
					}); ok {
						var err error
						if ids, err = r.IDs(ctx); err != nil {
							return nil, err
						}
					}
				}
				v, err := next.Mutate(ctx, m)
				if err != nil {
					return v, err
				}
				if m.Op().Is(ent.OpCreate) {
					if r, ok := m.(interface{ ID() (int, bool) }); ok {
						if id, ok := r.ID(); ok {
							ids = []int{id}
						}
					}
				}
				details := map[string]any{}
				for _, f := range m.Fields() {
					if sensitiveFields[f] {
						details[f] = "[redacted]"
						continue
					}
					if val, ok := m.Field(f); ok {
						details[f] = val
					}
				}
				for _, f := range m.ClearedFields() {
					details[f] = nil
				}
				if len(m.AddedEdges()) > 0 {
					details["_edges_added"] = m.AddedEdges()
				}
				c := m.(interface{ Client() *gen.Client }).Client()
				actx := viewer.WithPurpose(ctx, viewer.PurposeAudit)
				vw := viewer.FromContext(ctx)
				builders := make([]*gen.AuditEventCreate, 0, len(ids))
				for _, id := range ids {
					b := c.AuditEvent.Create().SetAction(actionName(m.Op())).SetEntityType(m.Type()).
						SetEntityID(id).SetDetails(details)
					if vw != nil {
						b.SetActorID(vw.UserID).SetActorUsername(vw.Username)
					}
					builders = append(builders, b)
				}
				if len(builders) > 0 {
					if err := c.AuditEvent.CreateBulk(builders...).Exec(actx); err != nil {
						return nil, fmt.Errorf("writing audit event: %w", err)
					}
				}
				return v, nil
			})
		},
	}
}

func actionName(op ent.Op) string {
	switch {
	case op.Is(ent.OpCreate):
		return "CREATE"
	case op.Is(ent.OpUpdate | ent.OpUpdateOne):
		return "UPDATE"
	default:
		return "DELETE"
	}
}
