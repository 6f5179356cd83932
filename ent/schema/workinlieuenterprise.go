package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// WorkInLieuEnterprise is an enterprise on a county's 以工代训 ledger (台账,
// R1): how the county found it and whether it joined the county's WeChat
// work group. The enterprise itself (credit code, sector, priority flag,
// headcount) is its Organization.
type WorkInLieuEnterprise struct{ ent.Schema }

// Mixin of the WorkInLieuEnterprise.
func (WorkInLieuEnterprise) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the WorkInLieuEnterprise.
func (WorkInLieuEnterprise) Fields() []ent.Field {
	return []ent.Field{
		field.Int("organization_id").Immutable(),
		field.Int("region_id").Immutable().Comment("the county (县市区) whose ledger lists the enterprise"),
		field.Enum("found_by").Values("VISIT", "OTHER_DEPARTMENT", "PHONE").
			Comment("how the county found it: a visit, another department's list, a phone call"),
		field.String("contact_name").Optional().MaxLen(64),
		field.String("contact_phone").Optional().MaxLen(20),
		field.Time("joined_work_group_at").Optional().Nillable().
			Comment("when it joined the county's work group (midnight, China time, of the day); empty: not yet").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Edges of the WorkInLieuEnterprise.
func (WorkInLieuEnterprise) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable(),
	}
}

// Indexes of the WorkInLieuEnterprise.
func (WorkInLieuEnterprise) Indexes() []ent.Index {
	// An enterprise is on one ledger.
	return []ent.Index{index.Fields("organization_id").Unique(), index.Fields("region_id")}
}

// Annotations of the WorkInLieuEnterprise.
func (WorkInLieuEnterprise) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

// Hooks of the WorkInLieuEnterprise.
func (WorkInLieuEnterprise) Hooks() []ent.Hook { return []ent.Hook{ledgerCountyHook()} }

// Policy of the WorkInLieuEnterprise.
func (WorkInLieuEnterprise) Policy() ent.Policy { return workInLieuEnterprisePolicy() }

// CountyLedger records when a county's 以工代训 ledger of a campaign was
// complete and its work group set up (R1: both by 25 August 2020, the
// campaign's ledger_due_on).
type CountyLedger struct{ ent.Schema }

// Mixin of the CountyLedger.
func (CountyLedger) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the CountyLedger.
func (CountyLedger) Fields() []ent.Field {
	return []ent.Field{
		field.Int("campaign_id").Immutable(),
		field.Int("region_id").Immutable(),
		field.Time("completed_at").Comment("when a county official declared the ledger complete"),
		field.Time("work_group_created_on").Comment("the day the county's WeChat work group was set up (midnight, China time)"),
	}
}

// Edges of the CountyLedger.
func (CountyLedger) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("campaign", Campaign.Type).Field("campaign_id").Unique().Required().Immutable(),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable(),
	}
}

// Indexes of the CountyLedger.
func (CountyLedger) Indexes() []ent.Index {
	return []ent.Index{index.Fields("campaign_id", "region_id").Unique()}
}

// Annotations of the CountyLedger.
func (CountyLedger) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Hooks of the CountyLedger.
func (CountyLedger) Hooks() []ent.Hook { return []ent.Hook{ledgerCountyHook()} }

// Policy of the CountyLedger.
func (CountyLedger) Policy() ent.Policy { return countyLedgerPolicy() }
