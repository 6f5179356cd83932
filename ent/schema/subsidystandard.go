package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SubsidyStandard is the per-head subsidy of a category (and level).
type SubsidyStandard struct{ ent.Schema }

// Mixin of the SubsidyStandard.
func (SubsidyStandard) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the SubsidyStandard.
func (SubsidyStandard) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("category").Values(ClassCategories...),
		field.Int("level").Default(0).Range(0, 5).Comment("0: any level"),
		field.Int64("fen_per_head").NonNegative().Comment("fen (1/100 yuan) per trainee"),
	}
}

// Indexes of the SubsidyStandard.
func (SubsidyStandard) Indexes() []ent.Index {
	return []ent.Index{index.Fields("category", "level").Unique()}
}

// Annotations of the SubsidyStandard.
func (SubsidyStandard) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy of the SubsidyStandard.
func (SubsidyStandard) Policy() ent.Policy { return adminWritesAnyoneReads() }
