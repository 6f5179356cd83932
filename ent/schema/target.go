package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Target is a campaign's quantity for one region and category.
type Target struct{ ent.Schema }

// Mixin of the Target.
func (Target) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the Target.
func (Target) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("category").Values(Categories...),
		field.Int64("quantity").NonNegative(),
		field.Enum("unit").Values("PEOPLE", "PERSON_TIMES", "UNITS", "YUAN"),
		field.Int("campaign_id"),
		field.Int("region_id"),
	}
}

// Edges of the Target.
func (Target) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("campaign", Campaign.Type).Ref("targets").Field("campaign_id").Unique().Required(),
		edge.To("region", Region.Type).Field("region_id").Unique().Required(),
	}
}

// Indexes of the Target.
func (Target) Indexes() []ent.Index {
	return []ent.Index{index.Fields("campaign_id", "region_id", "category").Unique()}
}

// Annotations of the Target.
func (Target) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// Hooks of the Target.
func (Target) Hooks() []ent.Hook { return []ent.Hook{targetUnitHook()} }

// Policy of the Target.
func (Target) Policy() ent.Policy { return targetPolicy() }
