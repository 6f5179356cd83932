package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/hnvt/bairi/internal/lifecycle"
)

// OnSiteCheck is the on-site visit an inspector asked for, and its outcome.
type OnSiteCheck struct{ ent.Schema }

// Mixin of the OnSiteCheck.
func (OnSiteCheck) Mixin() []ent.Mixin {
	return []ent.Mixin{ScopeRegionMixin{}, ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the OnSiteCheck.
func (OnSiteCheck) Fields() []ent.Field {
	return []ent.Field{
		field.Int("class_id").Immutable(),
		field.Int("evidence_id").Optional().Immutable(),
		field.String("reason").Optional().MaxLen(1000),
		field.Enum("status").Values(lifecycle.OnSiteCheck.States...).Default(lifecycle.OnSiteCheck.Initial()),
		field.Time("visited_at").Optional().Nillable(),
		field.Enum("outcome").Values("PASSED", "FAILED").Optional().Nillable(),
		field.String("notes").Optional().MaxLen(2000),
	}
}

// Edges of the OnSiteCheck.
func (OnSiteCheck) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("class", TrainingClass.Type).Field("class_id").Unique().Required().Immutable(),
		edge.To("evidence", Evidence.Type).Field("evidence_id").Unique().Immutable(),
		edge.To("photos", Evidence.Type),
	}
}

// Annotations of the OnSiteCheck.
func (OnSiteCheck) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// Hooks of the OnSiteCheck.
func (OnSiteCheck) Hooks() []ent.Hook { return []ent.Hook{onSiteTransitionHook(), onSiteOutcomeHook()} }

// Policy of the OnSiteCheck.
func (OnSiteCheck) Policy() ent.Policy { return onSiteCheckPolicy() }
