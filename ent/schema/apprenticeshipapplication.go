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

// ApprenticeshipApplication is an enterprise's application to train
// apprentices (申请开展企业新型学徒制, R5): accepted on the working day it
// arrives (即时受理, the ACCEPTANCE clock and its notices as for subsidy
// applications), then approved or rejected whole. The number of apprentices
// cannot change once applied for (不得刻意压缩规模).
type ApprenticeshipApplication struct{ ent.Schema }

// Mixin of the ApprenticeshipApplication.
func (ApprenticeshipApplication) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, ScopeRegionMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the ApprenticeshipApplication.
func (ApprenticeshipApplication) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("organization_id").Immutable().Comment("the enterprise"),
		field.String("organization_name").Immutable().Annotations(out),
		field.Int("school_id").Optional().Nillable().Immutable().Comment("the school it trains with, when chosen"),
		field.String("occupation").NotEmpty().MaxLen(64).Immutable(),
		field.Int("apprentices").Range(1, 100000).Immutable().
			Comment("how many apprentices it will train: approved or rejected as applied for, never cut"),
		field.Int("months").Range(1, 48).Immutable(),
		field.Time("starts_on").Immutable().Annotations(entgql.Skip(entgql.SkipType)).Comment("midnight, China time, of the first day"),
		field.Enum("state").Values(lifecycle.ApprenticeshipApplication.States...).
			Default(lifecycle.ApprenticeshipApplication.Initial()).Annotations(out, entgql.OrderField("STATE")),
		field.Time("submitted_at").Immutable().Annotations(out, entgql.OrderField("SUBMITTED_AT")),
		field.Time("acceptance_due_at").Immutable().Annotations(out).
			Comment("the end of the working day it arrived (即时受理)"),
		field.Time("accepted_at").Optional().Nillable().Annotations(out),
		field.Time("decided_at").Optional().Nillable().Annotations(out),
		field.Int("decided_by").Optional().Nillable().Annotations(out),
		field.String("reject_reason").Optional().MaxLen(500).Annotations(out),
	}
}

// Edges of the ApprenticeshipApplication.
func (ApprenticeshipApplication) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("school", Organization.Type).Field("school_id").Unique().Immutable().Annotations(NullWhenUnreadable{}),
	}
}

// Indexes of the ApprenticeshipApplication.
func (ApprenticeshipApplication) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id"), index.Fields("region_id", "state")}
}

// Annotations of the ApprenticeshipApplication.
func (ApprenticeshipApplication) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

// Hooks of the ApprenticeshipApplication.
func (ApprenticeshipApplication) Hooks() []ent.Hook {
	return []ent.Hook{apprenticeshipApplicationHook()}
}

// Policy of the ApprenticeshipApplication.
func (ApprenticeshipApplication) Policy() ent.Policy { return apprenticeshipApplicationPolicy() }
