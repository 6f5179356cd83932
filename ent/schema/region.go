package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hnvt/bairi/internal/idcheck"
)

// Region is an administrative division (GB/T 2260): the province, its cities
// and the counties or districts below them.
type Region struct{ ent.Schema }

// Mixin of the Region.
func (Region) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}} }

// Fields of the Region.
func (Region) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").Unique().Immutable().
			Validate(idcheck.DivisionCode).
			Annotations(entgql.OrderField("CODE")),
		field.String("name").NotEmpty().MaxLen(64).
			Annotations(entgql.OrderField("NAME")),
		field.Enum("level").Values("PROVINCE", "CITY", "COUNTY").
			Annotations(entgql.OrderField("LEVEL")),
		field.Bool("directly_administered").Default(false).
			Comment("administered by the province directly (the 10 counties and Jiyuan)"),
		field.String("path").Immutable().Optional().
			Comment("materialised path of codes from the province down, e.g. 410000/410100/").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipType)),
		field.Int("parent_id").Optional().Immutable(),
	}
}

// Edges of the Region.
func (Region) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Region.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			From("parent").Field("parent_id").Unique().Immutable(),
	}
}

// Indexes of the Region.
func (Region) Indexes() []ent.Index {
	return []ent.Index{index.Fields("path")}
}

// Annotations of the Region.
func (Region) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate()),
	}
}

// Hooks of the Region.
func (Region) Hooks() []ent.Hook { return []ent.Hook{regionPathHook()} }

// Policy of the Region.
func (Region) Policy() ent.Policy { return regionPolicy() }
