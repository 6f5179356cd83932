package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ApplicationLine is one trainee a subsidy application counts, with the
// certificate that counts them. A trainee counted through an R12 voucher (a
// certificate pending its electronic version) needs the county HR's remark
// on the line before the application passes review.
type ApplicationLine struct{ ent.Schema }

// Mixin of the ApplicationLine.
func (ApplicationLine) Mixin() []ent.Mixin {
	return []ent.Mixin{ScopeRegionMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the ApplicationLine.
func (ApplicationLine) Fields() []ent.Field {
	return []ent.Field{
		field.Int("application_id").Immutable(),
		field.Int("person_id").Immutable(),
		field.Int("certificate_id").Immutable(),
		field.Bool("voucher").Immutable().Comment("counted through an R12 voucher: the certificate awaits its electronic version"),
		field.String("remark").Optional().MaxLen(500).Comment("R12: the county HR's remark on the application form"),
		field.Time("remarked_at").Optional().Nillable(),
	}
}

// Edges of the ApplicationLine.
func (ApplicationLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", SubsidyApplication.Type).Field("application_id").Unique().Required().Immutable(),
		edge.To("person", Person.Type).Field("person_id").Unique().Required().Immutable(),
		edge.To("certificate", Certificate.Type).Field("certificate_id").Unique().Required().Immutable(),
	}
}

// Indexes of the ApplicationLine.
func (ApplicationLine) Indexes() []ent.Index {
	return []ent.Index{index.Fields("application_id", "person_id").Unique()}
}

// Annotations of the ApplicationLine.
func (ApplicationLine) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Hooks of the ApplicationLine.
func (ApplicationLine) Hooks() []ent.Hook { return []ent.Hook{lineRemarkHook()} }

// Policy of the ApplicationLine.
func (ApplicationLine) Policy() ent.Policy { return applicationLinePolicy() }
