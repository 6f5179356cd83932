package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/hnvt/bairi/internal/idcheck"
)

// PrioritySectors are the five sectors hit by the epidemic (R1).
var PrioritySectors = []string{"FOREIGN_TRADE", "ACCOMMODATION_CATERING", "CULTURE_TOURISM", "TRANSPORT", "WHOLESALE_RETAIL"}

// Sectors are an organisation's sectors, the priority ones first.
var Sectors = append(append([]string{}, PrioritySectors...),
	"MANUFACTURING", "CONSTRUCTION", "AGRICULTURE", "INFORMATION_TECHNOLOGY", "EDUCATION",
	"HEALTH", "FINANCE", "PUBLIC_ADMINISTRATION", "OTHER")

// Organization is a training institution, enterprise, school, association or bureau.
type Organization struct{ ent.Schema }

// Mixin of the Organization.
func (Organization) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the Organization.
func (Organization) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(128).
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").Values("TRAINING_INSTITUTION", "ENTERPRISE", "TECHNICIAN_COLLEGE",
			"SENIOR_TECHNICAL_SCHOOL", "TECHNICAL_SCHOOL", "INDUSTRY_ASSOCIATION", "HR_BUREAU", "FINANCE_BUREAU"),
		field.String("credit_code").Unique().
			Comment("unified social credit code, GB 32100").
			Validate(func(s string) error { _, err := idcheck.CreditCode(s); return err }),
		field.Enum("sector").Values(Sectors...).Default("OTHER"),
		field.Bool("priority_sector").Default(false).
			Comment("in one of the five priority sectors of R1; set from sector").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Int("employee_count").NonNegative().Default(0),
		field.Enum("state_ownership").Values("CENTRAL", "PROVINCIAL").Optional().Nillable().
			Comment("R2: a central (在豫央企) or provincial (省属) state enterprise, which a province-level official serves"),
		field.Int("region_id"),
	}
}

// Edges of the Organization.
func (Organization) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).Field("region_id").Unique().Required(),
		edge.From("users", User.Type).Ref("organization").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// For the read rules only (a trainee reads the institutions that train them): not in the API.
		edge.From("classes", TrainingClass.Type).Ref("organization").Annotations(entgql.Skip(entgql.SkipAll)),
		// For R2's unassigned enterprises only: not in the API.
		edge.From("contract_assignments", ContractAssignment.Type).Ref("organization").Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Annotations of the Organization.
func (Organization) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Hooks of the Organization.
func (Organization) Hooks() []ent.Hook { return []ent.Hook{prioritySectorHook()} }

// Policy of the Organization.
func (Organization) Policy() ent.Policy { return organizationPolicy() }
