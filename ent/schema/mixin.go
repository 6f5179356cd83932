package schema

import (
	"context"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

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
