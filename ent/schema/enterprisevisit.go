package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// EnterpriseVisit is a field visit (实地调研指导) of a contracted enterprise
// by its official (R2): the day, who, notes, and photos uploaded as evidence.
type EnterpriseVisit struct{ ent.Schema }

// Mixin of the EnterpriseVisit.
func (EnterpriseVisit) Mixin() []ent.Mixin {
	return []ent.Mixin{ScopeRegionMixin{}, ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the EnterpriseVisit.
func (EnterpriseVisit) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("organization_id").Immutable(),
		field.Int("visitor_id").Immutable().Annotations(out).Comment("the official who visited and logged it"),
		field.String("visitor_name").Immutable().Annotations(out),
		field.Time("visited_on").Immutable().Comment("the day of the visit (midnight, China time)").
			Annotations(entgql.OrderField("VISITED_ON")),
		field.String("participants").Optional().MaxLen(500).Immutable().Comment("others on the visit"),
		field.String("notes").Optional().MaxLen(4000).Immutable(),
	}
}

// Edges of the EnterpriseVisit.
func (EnterpriseVisit) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable().Annotations(NullWhenUnreadable{}),
		edge.To("photos", Evidence.Type),
	}
}

// Indexes of the EnterpriseVisit.
func (EnterpriseVisit) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "visitor_id")}
}

// Annotations of the EnterpriseVisit.
func (EnterpriseVisit) Annotations() []schema.Annotation { return nil }

// Hooks of the EnterpriseVisit.
func (EnterpriseVisit) Hooks() []ent.Hook { return []ent.Hook{enterpriseVisitHook()} }

// Policy of the EnterpriseVisit.
func (EnterpriseVisit) Policy() ent.Policy { return servicePolicy() }
