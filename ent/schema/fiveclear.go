package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/hnvt/bairi/internal/contractrule"
)

// FiveClear is one of the five clears (五清) of a contracted enterprise,
// confirmed by its official (R2): who confirmed it and when; once per item.
type FiveClear struct{ ent.Schema }

// Mixin of the FiveClear.
func (FiveClear) Mixin() []ent.Mixin {
	return []ent.Mixin{ScopeRegionMixin{}, ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the FiveClear.
func (FiveClear) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("organization_id").Immutable(),
		field.Enum("item").Values(contractrule.FiveClears...).Immutable(),
		field.Int("confirmed_by").Immutable().Annotations(out),
		field.String("confirmed_by_name").Immutable().Annotations(out),
		field.Time("confirmed_at").Immutable().Annotations(out),
	}
}

// Edges of the FiveClear.
func (FiveClear) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable().Annotations(NullWhenUnreadable{}),
	}
}

// Indexes of the FiveClear.
func (FiveClear) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "item").Unique()}
}

// Annotations of the FiveClear.
func (FiveClear) Annotations() []schema.Annotation { return nil }

// Hooks of the FiveClear.
func (FiveClear) Hooks() []ent.Hook { return []ent.Hook{fiveClearHook()} }

// Policy of the FiveClear.
func (FiveClear) Policy() ent.Policy { return servicePolicy() }
