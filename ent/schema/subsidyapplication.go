package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hnvt/bairi/internal/lifecycle"
)

// SubsidyApplication is an organisation's claim for training subsidies, on
// the R7 review clock.
type SubsidyApplication struct{ ent.Schema }

// Mixin of the SubsidyApplication.
func (SubsidyApplication) Mixin() []ent.Mixin {
	return []ent.Mixin{ScopeRegionMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the SubsidyApplication.
func (SubsidyApplication) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Enum("kind").Values("CLASS_TRAINING", "WORK_IN_LIEU", "APPRENTICESHIP", "ENTREPRENEURSHIP").Immutable(),
		field.Enum("state").Values(lifecycle.Application.States...).Default(lifecycle.Application.Initial()).Annotations(out, entgql.OrderField("STATE")),
		field.Int("headcount").NonNegative().Default(0).Annotations(out),
		field.Int64("amount_fen").NonNegative().Default(0).Comment("fen, computed by the server").Annotations(out),
		field.Int64("prepaid_fen").NonNegative().Default(0).Comment("fen paid in advance for its classes (R6); any excess over the amount is recovered at payment").Annotations(out),
		field.Strings("materials").Optional().Comment("the materials checklist handed in"),
		field.Bool("materials_complete").Default(false),
		field.Bool("complex").Default(false).Comment("the reviewer found the case complex at acceptance: up to 3 working days of review (R7)").Annotations(out),
		field.String("complex_reason").Optional().MaxLen(500).Comment("why the case is complex").Annotations(out),
		field.Time("submitted_at").Default(time.Now).Annotations(out),
		field.Time("accepted_at").Optional().Nillable().Annotations(out),
		field.Time("reviewed_at").Optional().Nillable().Annotations(out),
		field.Time("publicity_started_at").Optional().Nillable().Annotations(out),
		field.Time("publicity_ends_at").Optional().Nillable().Annotations(out),
		field.Time("transferred_at").Optional().Nillable().Annotations(out),
		field.Time("paid_at").Optional().Nillable().Annotations(out),
		field.Time("returned_at").Optional().Nillable().Annotations(out),
		field.Time("rejected_at").Optional().Nillable().Annotations(out),
		field.Int("hr_days_used").Default(0).NonNegative().
			Comment("working days the HR clock ran before a return; it restarts from there").Annotations(out),
		field.Time("acceptance_due_at").Optional().Nillable().Annotations(out),
		field.Time("review_due_at").Optional().Nillable().Annotations(out),
		field.Time("publicity_due_at").Optional().Nillable().Comment("the notice starts by then: the working day of the review").Annotations(out),
		field.Time("handover_due_at").Optional().Nillable().Comment("the working day after the notice ends").Annotations(out),
		field.Time("hr_due_at").Optional().Nillable().Annotations(out),
		field.Time("finance_due_at").Optional().Nillable().Annotations(out),
		field.String("comment").Optional().MaxLen(1000).Annotations(out),
		field.String("claim_month").Optional().Immutable().Annotations(out).
			Comment("YYYY-MM: a WORK_IN_LIEU claim for the workers an enterprise kept on that month (R1); empty for class claims"),
		field.Strings("flags").Optional().Annotations(out).
			Comment("WORKER_CLAIMED_ELSEWHERE: a worker is claimed by another enterprise for the same month (held, not paid by this claim)"),
		field.Int("organization_id").Immutable(),
	}
}

// Edges of the SubsidyApplication.
func (SubsidyApplication) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("classes", TrainingClass.Type).Annotations(entgql.Skip(entgql.SkipMutationUpdateInput)),
		edge.From("objections", Objection.Type).Ref("application").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("lines", ApplicationLine.Type).Ref("application").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("claim_workers", ClaimWorker.Type).Ref("application").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the SubsidyApplication.
func (SubsidyApplication) Indexes() []ent.Index {
	return []ent.Index{ // a region's applications, with their ids (a bounded count of a
		// subtree reads this index alone)
		index.Fields("region_id", "state").StorageKey("subsidyapplication_region_id_state_id").Annotations(entsql.IncludeColumns("id")),
		index.Fields("organization_id"),
		// the queue's ordering, ties broken by id (keyset pages walk it newest first)
		index.Fields("created_at", "id")}
}

// Annotations of the SubsidyApplication.
func (SubsidyApplication) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection(), entgql.Mutations(entgql.MutationCreate())}
}

// Hooks of the SubsidyApplication.
func (SubsidyApplication) Hooks() []ent.Hook {
	return []ent.Hook{applicationHook(), claimProgressHook()}
}

// Policy of the SubsidyApplication.
func (SubsidyApplication) Policy() ent.Policy { return applicationPolicy() }
