package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Objection is one objection lodged during an application's public notice.
type Objection struct{ ent.Schema }

// Mixin of the Objection.
func (Objection) Mixin() []ent.Mixin {
	return []ent.Mixin{ScopeRegionMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the Objection.
func (Objection) Fields() []ent.Field {
	return []ent.Field{
		field.String("text").NotEmpty().MaxLen(2000).Immutable(),
		field.String("lodger_name").Optional().MaxLen(64).Immutable().Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("who objected from the public page; officials see it"),
		field.String("lodger_phone").Optional().MaxLen(20).Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Bool("resolved").Default(false),
		field.Bool("upheld").Optional().Nillable(),
		field.String("comment").Optional().MaxLen(1000),
		field.Int("application_id").Immutable(),
	}
}

// Edges of the Objection.
func (Objection) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", SubsidyApplication.Type).Field("application_id").Unique().Required().Immutable(),
	}
}

// Hooks of the Objection.
func (Objection) Hooks() []ent.Hook { return []ent.Hook{objectionHook()} }

// Policy of the Objection.
func (Objection) Policy() ent.Policy { return objectionPolicy() }
