package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// InspectionSample is a reproducible draw of classes for review: the seed
// and the selection are stored so that an audit can redo it.
type InspectionSample struct{ ent.Schema }

// Mixin of the InspectionSample.
func (InspectionSample) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the InspectionSample.
func (InspectionSample) Fields() []ent.Field {
	return []ent.Field{
		field.Int("region_id").Immutable(),
		field.Float("rate").Min(0).Max(1).Immutable(),
		field.String("seed").NotEmpty().MaxLen(128).Immutable(),
		field.Int("population").NonNegative().Immutable().Comment("classes the draw was made from"),
		field.Ints("candidate_ids").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Ints("selected_ids").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the InspectionSample.
func (InspectionSample) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable(),
		edge.To("classes", TrainingClass.Type),
	}
}

// Annotations of the InspectionSample.
func (InspectionSample) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// Policy of the InspectionSample.
func (InspectionSample) Policy() ent.Policy { return inspectionSamplePolicy() }
