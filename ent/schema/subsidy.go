package schema

import (
	"regexp"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// HolidayYear is one year of the State Council holiday arrangement, edited
// by the province admin; it overrides the built-in data for that year.
type HolidayYear struct{ ent.Schema }

// Mixin of the HolidayYear.
func (HolidayYear) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}} }

// Fields of the HolidayYear.
func (HolidayYear) Fields() []ent.Field {
	return []ent.Field{
		field.Int("year").Unique().Range(2000, 2100),
		field.Strings("holidays").Comment("dates off, YYYY-MM-DD"),
		field.Strings("working_weekends").Comment("weekend days made working days (调休), YYYY-MM-DD"),
	}
}

// Annotations of the HolidayYear.
func (HolidayYear) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}

// Policy of the HolidayYear.
func (HolidayYear) Policy() ent.Policy { return adminWritesAnyoneReads() }

// SubsidyStandard is the per-head subsidy of a category (and level).
type SubsidyStandard struct{ ent.Schema }

// Mixin of the SubsidyStandard.
func (SubsidyStandard) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the SubsidyStandard.
func (SubsidyStandard) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("category").Values(ClassCategories...),
		field.Int("level").Default(0).Range(0, 5).Comment("0: any level"),
		field.Int64("yuan_per_head").NonNegative(),
	}
}

// Indexes of the SubsidyStandard.
func (SubsidyStandard) Indexes() []ent.Index {
	return []ent.Index{index.Fields("category", "level").Unique()}
}

// Annotations of the SubsidyStandard.
func (SubsidyStandard) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy of the SubsidyStandard.
func (SubsidyStandard) Policy() ent.Policy { return adminWritesAnyoneReads() }

// ApplicationStates are the states of a subsidy application (R7).
var ApplicationStates = []string{"SUBMITTED", "ACCEPTED", "REVIEWED", "IN_PUBLICITY", "TRANSFERRED_TO_FINANCE", "PAID", "RETURNED", "REJECTED"}

// SubsidyApplication is an organisation's claim for training subsidies, on
// the R7 review clock.
type SubsidyApplication struct{ ent.Schema }

// Mixin of the SubsidyApplication.
func (SubsidyApplication) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the SubsidyApplication.
func (SubsidyApplication) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Enum("kind").Values("CLASS_TRAINING", "WORK_IN_LIEU", "APPRENTICESHIP", "ENTREPRENEURSHIP").Immutable(),
		field.Enum("state").Values(ApplicationStates...).Default("SUBMITTED").Annotations(out, entgql.OrderField("STATE")),
		field.Int("headcount").NonNegative().Default(0).Annotations(out),
		field.Int64("amount").NonNegative().Default(0).Comment("yuan, computed by the server").Annotations(out),
		field.Int64("prepaid").NonNegative().Default(0).Comment("yuan paid in advance (R6)").Annotations(out),
		field.Strings("materials").Optional().Comment("the materials checklist handed in"),
		field.Bool("materials_complete").Default(false),
		field.Bool("complex").Default(false).Comment("needs up to 3 working days of review (R7)"),
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
		field.Time("review_due_at").Optional().Nillable().Annotations(out),
		field.Time("hr_due_at").Optional().Nillable().Annotations(out),
		field.Time("finance_due_at").Optional().Nillable().Annotations(out),
		field.String("comment").Optional().MaxLen(1000).Annotations(out),
		field.Int("organization_id").Immutable(),
		field.Int("region_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the SubsidyApplication.
func (SubsidyApplication) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("classes", TrainingClass.Type).Annotations(entgql.Skip(entgql.SkipMutationUpdateInput)),
		edge.From("objections", Objection.Type).Ref("application").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the SubsidyApplication.
func (SubsidyApplication) Indexes() []ent.Index {
	return []ent.Index{index.Fields("region_id", "state"), index.Fields("organization_id")}
}

// Annotations of the SubsidyApplication.
func (SubsidyApplication) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection(), entgql.Mutations(entgql.MutationCreate())}
}

// Hooks of the SubsidyApplication.
func (SubsidyApplication) Hooks() []ent.Hook { return []ent.Hook{applicationHook()} }

// Policy of the SubsidyApplication.
func (SubsidyApplication) Policy() ent.Policy { return applicationPolicy() }

// Objection is one objection lodged during an application's public notice.
type Objection struct{ ent.Schema }

// Mixin of the Objection.
func (Objection) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}} }

// Fields of the Objection.
func (Objection) Fields() []ent.Field {
	return []ent.Field{
		field.String("text").NotEmpty().MaxLen(2000).Immutable(),
		field.Bool("resolved").Default(false),
		field.Bool("upheld").Optional().Nillable(),
		field.String("comment").Optional().MaxLen(1000),
		field.Int("application_id").Immutable(),
		field.Int("region_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the Objection.
func (Objection) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", SubsidyApplication.Type).Field("application_id").Unique().Required().Immutable(),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Policy of the Objection.
func (Objection) Policy() ent.Policy { return objectionPolicy() }

// FundAccount is a region's skills special account (专账), in yuan.
type FundAccount struct{ ent.Schema }

// Mixin of the FundAccount.
func (FundAccount) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

// Fields of the FundAccount.
func (FundAccount) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("balance").Default(0).Min(0).Comment("yuan; never negative"),
		field.Int("region_id").Unique().Immutable(),
	}
}

// Edges of the FundAccount.
func (FundAccount) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable(),
		edge.From("entries", FundEntry.Type).Ref("account").Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the FundAccount.
func (FundAccount) Indexes() []ent.Index {
	return []ent.Index{index.Fields("region_id").Unique()}
}

// Policy of the FundAccount.
func (FundAccount) Policy() ent.Policy { return fundPolicy() }

// FundEntry is one line of a fund account's ledger.
type FundEntry struct{ ent.Schema }

// Fields of the FundEntry.
func (FundEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(time.Now).Immutable(),
		field.Enum("kind").Values("DEPOSIT", "ALLOCATION_IN", "ALLOCATION_OUT", "PAYMENT", "PREPAYMENT", "RECOVERY").Immutable(),
		field.Int64("amount").Immutable().Comment("yuan: positive in, negative out"),
		field.Int64("balance_after").Immutable(),
		field.Int("actor_id").Optional().Immutable(),
		field.Int("application_id").Optional().Immutable(),
		field.String("counterparty").Optional().Immutable().Comment("the other region's code, for allocations"),
		field.Int("account_id").Immutable(),
		field.Int("region_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the FundEntry.
func (FundEntry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("account", FundAccount.Type).Field("account_id").Unique().Required().Immutable(),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Annotations of the FundEntry.
func (FundEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the FundEntry.
func (FundEntry) Policy() ent.Policy { return fundPolicy() }

// IdempotencyRecord remembers a money mutation by its client-generated key,
// so that a replay returns the first result.
type IdempotencyRecord struct{ ent.Schema }

// Fields of the IdempotencyRecord.
func (IdempotencyRecord) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").Unique().Immutable().Match(regexp.MustCompile(`^[A-Za-z0-9._:-]{8,128}$`)),
		field.String("operation").Immutable(),
		field.String("request_hash").Immutable(),
		field.Int("result_id").Optional(),
		field.Int("user_id").Immutable(),
		field.Time("at").Default(time.Now).Immutable(),
	}
}

// Annotations of the IdempotencyRecord.
func (IdempotencyRecord) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the IdempotencyRecord.
func (IdempotencyRecord) Policy() ent.Policy { return idempotencyPolicy() }

// Prepayment is the 50% of a class's subsidy paid in advance to
// enterprise-organised and project-based training (R6).
type Prepayment struct{ ent.Schema }

// Mixin of the Prepayment.
func (Prepayment) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}} }

// Fields of the Prepayment.
func (Prepayment) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("amount").Positive().Immutable().Comment("yuan"),
		field.Enum("status").Values("PAID", "SETTLED", "TO_RECOVER", "RECOVERED").Default("PAID"),
		field.String("recovery_reason").Optional().MaxLen(500),
		field.Int("class_id").Unique().Immutable(),
		field.Int("region_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the Prepayment.
func (Prepayment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("class", TrainingClass.Type).Field("class_id").Unique().Required().Immutable(),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
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

// Policy of the Prepayment.
func (Prepayment) Policy() ent.Policy { return prepaymentPolicy() }

// Notice tells officials that a clock of an application is due soon or
// overdue; the deadline job raises them.
type Notice struct{ ent.Schema }

// Fields of the Notice.
func (Notice) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(time.Now).Immutable().Annotations(entgql.OrderField("AT")),
		field.Enum("kind").Values("DUE_SOON", "OVERDUE").Immutable(),
		field.Enum("clock").Values("REVIEW", "HR", "FINANCE").Immutable(),
		field.Time("due_at").Immutable(),
		field.Int("application_id").Immutable(),
		field.Int("region_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the Notice.
func (Notice) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", SubsidyApplication.Type).Field("application_id").Unique().Required().Immutable(),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Notice.
func (Notice) Indexes() []ent.Index {
	return []ent.Index{index.Fields("application_id", "kind", "clock", "due_at").Unique(), index.Fields("region_id", "at")}
}

// Annotations of the Notice.
func (Notice) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy of the Notice.
func (Notice) Policy() ent.Policy { return noticePolicy() }

// FundAdjustment is a county's request to its city for more special-account
// funds (调剂, R6): HR gives its opinion within 5 working days, finance
// pre-allocates within 5 working days after agreement.
type FundAdjustment struct{ ent.Schema }

// Mixin of the FundAdjustment.
func (FundAdjustment) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the FundAdjustment.
func (FundAdjustment) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int64("amount").Positive().Immutable().Comment("yuan"),
		field.String("reason").NotEmpty().MaxLen(1000).Immutable(),
		field.Enum("state").Values("REQUESTED", "AGREED", "REFUSED", "ALLOCATED").Default("REQUESTED").Annotations(out),
		field.Time("requested_at").Default(time.Now).Immutable().Annotations(out),
		field.Time("hr_due_at").Optional().Nillable().Annotations(out),
		field.Time("decided_at").Optional().Nillable().Annotations(out),
		field.String("comment").Optional().MaxLen(1000).Annotations(out),
		field.Time("finance_due_at").Optional().Nillable().Annotations(out),
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
