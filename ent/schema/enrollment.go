package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Enrollment links a person to a class, with opening-day attendance.
type Enrollment struct{ ent.Schema }

// Mixin of the Enrollment.
func (Enrollment) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the Enrollment.
func (Enrollment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("class_id").Immutable(),
		field.Int("person_id").Immutable(),
		field.Bool("present_on_opening").Optional().Nillable(),
	}
}

// Edges of the Enrollment.
func (Enrollment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("class", TrainingClass.Type).Field("class_id").Unique().Required().Immutable(),
		edge.To("person", Person.Type).Field("person_id").Unique().Required().Immutable(),
	}
}

// Indexes of the Enrollment.
func (Enrollment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("class_id", "person_id").Unique(), index.Fields("person_id")}
}

// Annotations of the Enrollment.
func (Enrollment) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the Enrollment.
func (Enrollment) Policy() ent.Policy { return enrollmentPolicy() }
