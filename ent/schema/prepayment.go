package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hnvt/bairi/internal/lifecycle"
)

// Prepayment is the 50% of a class's subsidy paid in advance to
// enterprise-organised and project-based training (R6).
type Prepayment struct{ ent.Schema }

// Mixin of the Prepayment.
func (Prepayment) Mixin() []ent.Mixin {
	return []ent.Mixin{ScopeRegionMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the Prepayment.
func (Prepayment) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("amount_fen").Positive().Immutable().Comment("fen (1/100 yuan) paid in advance"),
		field.Int64("recoverable_fen").Default(0).NonNegative().
			Comment("fen to credit back: all of it when the class failed supervision, the excess over the subsidy at settlement"),
		field.Enum("status").Values(lifecycle.Prepayment.States...).Default(lifecycle.Prepayment.Initial()),
		field.String("recovery_reason").Optional().MaxLen(500),
		field.Int("class_id").Unique().Immutable(),
	}
}

// Edges of the Prepayment.
func (Prepayment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("class", TrainingClass.Type).Field("class_id").Unique().Required().Immutable(),
	}
}

// Indexes of the Prepayment.
func (Prepayment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("class_id").Unique()}
}

// Annotations of the Prepayment.
func (Prepayment) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Hooks of the Prepayment.
func (Prepayment) Hooks() []ent.Hook { return []ent.Hook{prepaymentTransitionHook()} }

// Policy of the Prepayment.
func (Prepayment) Policy() ent.Policy { return prepaymentPolicy() }
