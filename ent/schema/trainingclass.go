package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hnvt/bairi/internal/lifecycle"
)

// ClassCategories are the categories T1..T5 a training class belongs to.
var ClassCategories = []string{"WORK_IN_LIEU", "ENTERPRISE_EMPLOYEE", "KEY_GROUP", "ENTREPRENEURSHIP", "APPRENTICESHIP"}

// ClassModes are how a class is taught: at a venue, or online (only
// entrepreneurship training, 网上创业培训).
var ClassModes = []string{"IN_PERSON", "ONLINE"}

// TrainingClass is a subsidised class opened by an institution or enterprise.
type TrainingClass struct{ ent.Schema }

// Mixin of the TrainingClass.
func (TrainingClass) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the TrainingClass.
func (TrainingClass) Fields() []ent.Field {
	skip := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Enum("category").Values(ClassCategories...),
		field.String("occupation").NotEmpty().MaxLen(64),
		field.Int("level").Optional().Range(1, 5).
			Comment("skill level 5 (初级工) to 1 (高级技师); empty for non-graded training"),
		field.Int("approved_headcount").Positive().Max(10000),
		field.Bool("project_based").Default(false).
			Comment("project-based training (项目制培训), prepaid at approval like enterprise-organised training (R6)"),
		field.Time("planned_start").Annotations(entgql.OrderField("PLANNED_START")),
		field.Time("planned_end"),
		field.Enum("mode").Values(ClassModes...).Default("IN_PERSON").
			Comment("ONLINE: online entrepreneurship training (网上创业培训, R4): no venue, and the platform's learning record stands for the opening-day video (R11)"),
		// An in-person class has all three, an online one none (classModeHook).
		field.String("venue_address").Optional().Nillable().NotEmpty().MaxLen(256),
		// Within China's extent: an empty location sent as 0,0 is refused, never stored
		// (every capture would then be flagged out of place).
		field.Float("venue_latitude").Optional().Nillable().Range(3.8, 53.6),
		field.Float("venue_longitude").Optional().Nillable().Range(73.4, 135.1),
		field.Enum("status").Values(lifecycle.Class.States...).
			Default(lifecycle.Class.Initial()).Annotations(skip, entgql.OrderField("STATUS")),
		field.String("reject_reason").Optional().MaxLen(500).Annotations(skip),
		field.Int("present_count").Optional().Nillable().NonNegative().
			Comment("trainees present on the opening day").Annotations(skip),
		field.Int("effective_headcount").Default(0).NonNegative().
			Comment("R10: present count when fewer than approved were present, else the approved count").
			Annotations(skip),
		field.Time("status_changed_at").Default(time.Now).Annotations(skip),
		field.Int("organization_id").Immutable(),
		field.Int("region_id").Immutable().Comment("the organisation's region, copied for scoping").
			Annotations(skip),
	}
}

// Edges of the TrainingClass.
func (TrainingClass) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("enrollments", Enrollment.Type).Ref("class").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("inspection_samples", InspectionSample.Type).Ref("classes").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Trainees read no evidence: declared in graph/classes.graphqls, null for them (NullWhenUnreadable).
		edge.From("evidence", Evidence.Type).Ref("class").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipType, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the TrainingClass.
func (TrainingClass) Indexes() []ent.Index {
	return []ent.Index{ // a region's classes, with their ids: a bounded count of a subtree
		// reads this index alone
		index.Fields("region_id", "status").StorageKey("trainingclass_region_id_status_id").Annotations(entsql.IncludeColumns("id")),
		index.Fields("organization_id"),
		// the class list's ordering, ties broken by id (keyset pages walk it newest first)
		index.Fields("created_at", "id")}
}

// Annotations of the TrainingClass.
func (TrainingClass) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(), entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Hooks of the TrainingClass.
func (TrainingClass) Hooks() []ent.Hook {
	return []ent.Hook{classRegionHook(), classDatesHook(), classModeHook(), classTransitionHook(), classHeadcountHook(), classProgressHook()}
}

// Policy of the TrainingClass.
func (TrainingClass) Policy() ent.Policy { return trainingClassPolicy() }
