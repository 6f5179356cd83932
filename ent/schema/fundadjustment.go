package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/hnvt/bairi/internal/lifecycle"
)

// FundAdjustment is a county's request to its city for more special-account
// funds (调剂, R6): HR gives its opinion within 5 working days, finance
// pre-allocates within 5 working days after agreement.
type FundAdjustment struct{ ent.Schema }

// Mixin of the FundAdjustment.
func (FundAdjustment) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the FundAdjustment.
func (FundAdjustment) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int64("amount_fen").Positive().Immutable().Comment("fen"),
		field.String("reason").NotEmpty().MaxLen(1000).Immutable(),
		field.Enum("state").Values(lifecycle.Adjustment.States...).Default(lifecycle.Adjustment.Initial()).Annotations(out),
		field.Time("requested_at").Default(time.Now).Immutable().Annotations(out),
		field.Time("hr_due_at").Optional().Nillable().Annotations(out),
		field.Time("decided_at").Optional().Nillable().Comment("HR's opinion").Annotations(out),
		field.String("comment").Optional().MaxLen(1000).Comment("HR's opinion").Annotations(out),
		field.Time("finance_due_at").Optional().Nillable().Comment("5 working days from HR's agreement to the allocation").Annotations(out),
		field.Time("finance_decided_at").Optional().Nillable().Comment("finance's answer in the consultation (会商)").Annotations(out),
		field.String("finance_comment").Optional().MaxLen(1000).Annotations(out),
		field.Time("allocated_at").Optional().Nillable().Annotations(out),
		field.Int("region_id").Immutable().Comment("the requesting county"),
	}
}

// Edges of the FundAdjustment.
func (FundAdjustment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable(),
	}
}

// Annotations of the FundAdjustment.
func (FundAdjustment) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Hooks of the FundAdjustment.
func (FundAdjustment) Hooks() []ent.Hook { return []ent.Hook{adjustmentHook()} }

// Policy of the FundAdjustment.
func (FundAdjustment) Policy() ent.Policy { return adjustmentPolicy() }
