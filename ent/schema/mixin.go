package schema

import (
	"context"
	"fmt"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/internal/viewer"
)

// TimeMixin records when a row was created and last updated.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("CREATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// ActorMixin records which user created and last updated a row.
type ActorMixin struct{ mixin.Schema }

// Fields of the ActorMixin.
func (ActorMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("created_by").Optional().Immutable().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		field.Int("updated_by").Optional().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
	}
}

type actorSetter interface {
	SetCreatedBy(int)
	SetUpdatedBy(int)
	Op() ent.Op
}

// Hooks of the ActorMixin.
func (ActorMixin) Hooks() []ent.Hook {
	return []ent.Hook{
		func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				if v := viewer.FromContext(ctx); v != nil {
					if s, ok := m.(actorSetter); ok {
						if m.Op().Is(ent.OpCreate) {
							s.SetCreatedBy(v.UserID)
						}
						s.SetUpdatedBy(v.UserID)
					}
				}
				return next.Mutate(ctx, m)
			})
		},
	}
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

// ScopeRegionMixin is the region a row is scoped by, copied from its owner
// (the class, the organisation, the application) when the row is created,
// so that the privacy policies filter it with one prefix match on the
// region's path. It is hidden from the API.
type ScopeRegionMixin struct{ mixin.Schema }

// Fields of the ScopeRegionMixin.
func (ScopeRegionMixin) Fields() []ent.Field {
	return []ent.Field{field.Int("region_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll))}
}

// Edges of the ScopeRegionMixin.
func (ScopeRegionMixin) Edges() []ent.Edge {
	return []ent.Edge{edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable().
		Annotations(entgql.Skip(entgql.SkipAll))}
}
