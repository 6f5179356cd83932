package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/hnvt/bairi/internal/eligibility"
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
		// R4: why the person takes an entrepreneurship class (empty in other classes).
		field.Enum("entrepreneurship_basis").Values(eligibility.Bases...).Optional().Nillable().Immutable().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// The business licence's date for a small or micro business owner
		// (midnight, China time); read in the API as a Date.
		field.Time("business_opened_on").Optional().Nillable().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
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

// Hooks of the Enrollment.
func (Enrollment) Hooks() []ent.Hook { return []ent.Hook{enrollmentEligibilityHook()} }

// Policy of the Enrollment.
func (Enrollment) Policy() ent.Policy { return enrollmentPolicy() }
