package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ApprenticeshipSchoolKinds are the organisation kinds that sign
// apprenticeship contracts as the school (R5: 技师学院, 高级技工学校,
// 普通技工学校), with the contracts each is to sign in a calendar year.
var ApprenticeshipSchoolKinds = map[string]int{"TECHNICIAN_COLLEGE": 500, "SENIOR_TECHNICAL_SCHOOL": 300, "TECHNICAL_SCHOOL": 100}

// ApprenticeshipContract is a new-style apprenticeship (企业新型学徒制, R5): an
// enterprise, a school and an apprentice sign it for an occupation and the
// skill level aimed at, with a tutor on each side (企校双师). T5 counts the
// contracts signed within the campaign.
type ApprenticeshipContract struct{ ent.Schema }

// Mixin of the ApprenticeshipContract.
func (ApprenticeshipContract) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the ApprenticeshipContract.
func (ApprenticeshipContract) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("enterprise_id").Immutable(),
		field.String("enterprise_name").Immutable().Annotations(out).
			Comment("the enterprise's name when signed: readable by every reader of the contract, as the organisation may not be"),
		field.Int("school_id").Immutable(),
		field.String("school_name").Immutable().Annotations(out).Comment("the school's name when signed"),
		field.Int("person_id").Immutable().Comment("the apprentice"),
		field.String("apprentice_name").Immutable().MaxLen(64).Comment("the apprentice's name as signed"),
		field.String("id_masked").Immutable().Comment("the apprentice's ID number, masked"),
		field.String("occupation").NotEmpty().MaxLen(64).Immutable(),
		field.Int("level").Optional().Nillable().Range(1, 5).Immutable().Comment("the skill level aimed at: 5 (初级工) to 1 (高级技师)"),
		field.Time("starts_on").Immutable().Comment("midnight, China time, of the first day").Annotations(entgql.Skip(entgql.SkipType)),
		field.Int("months").Range(1, 48).Immutable().Comment("the length of the apprenticeship"),
		field.String("enterprise_tutor").Optional().MaxLen(64).Immutable().Comment("the enterprise's tutor (企业导师)"),
		field.String("school_tutor").Optional().MaxLen(64).Immutable().Comment("the school's tutor (院校导师)"),
		field.Time("signed_on").Immutable().Annotations(entgql.OrderField("SIGNED_ON"), entgql.Skip(entgql.SkipType)).
			Comment("midnight, China time, of the day it was signed: T5 and the schools' quotas count it then"),
		field.Int("region_id").Immutable().Annotations(out).Comment("the enterprise's region, copied for scoping"),
		field.Int("school_region_id").Immutable().Annotations(out).Comment("the school's region, copied for scoping"),
	}
}

// Edges of the ApprenticeshipContract.
func (ApprenticeshipContract) Edges() []ent.Edge {
	return []ent.Edge{
		// A party outside the reader's scope reads null (its name is on the contract).
		edge.To("enterprise", Organization.Type).Field("enterprise_id").Unique().Required().Immutable().Annotations(NullWhenUnreadable{}),
		edge.To("school", Organization.Type).Field("school_id").Unique().Required().Immutable().Annotations(NullWhenUnreadable{}),
		edge.To("person", Person.Type).Field("person_id").Unique().Required().Immutable().Annotations(NullWhenUnreadable{}),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("school_region", Region.Type).Field("school_region_id").Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the ApprenticeshipContract.
func (ApprenticeshipContract) Indexes() []ent.Index {
	// An apprentice signs once with an enterprise for an occupation.
	return []ent.Index{index.Fields("person_id", "enterprise_id", "occupation").Unique(), index.Fields("school_id", "signed_on"),
		index.Fields("region_id"), index.Fields("school_region_id")}
}

// Annotations of the ApprenticeshipContract.
func (ApprenticeshipContract) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

// Hooks of the ApprenticeshipContract.
func (ApprenticeshipContract) Hooks() []ent.Hook {
	return []ent.Hook{contractPartiesHook(), contractProgressHook()}
}

// Policy of the ApprenticeshipContract.
func (ApprenticeshipContract) Policy() ent.Policy { return apprenticeshipContractPolicy() }
