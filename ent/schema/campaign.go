package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/hnvt/bairi/internal/targets"
)

// Categories are the campaign's target categories T1..T7 by their API names.
var Categories = targets.Categories

// Campaign is a time-boxed push with targets per region and category.
type Campaign struct{ ent.Schema }

// Mixin of the Campaign.
func (Campaign) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the Campaign.
func (Campaign) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(128),
		field.Time("starts_on").Annotations(entgql.OrderField("STARTS_ON")),
		field.Time("ends_on"),
		field.Time("ledger_due_on").Optional().Nillable().
			Comment("R1: the day by which each county's 以工代训 ledger and work group exist (2020-08-25)"),
	}
}

// Edges of the Campaign.
func (Campaign) Edges() []ent.Edge {
	return []ent.Edge{
		// Only officials read targets: declared in graph/progress.graphqls, null for the others (NullWhenUnreadable).
		edge.To("targets", Target.Type).
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Annotations of the Campaign.
func (Campaign) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(), entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Hooks of the Campaign.
func (Campaign) Hooks() []ent.Hook { return []ent.Hook{campaignDatesHook()} }

// Policy of the Campaign.
func (Campaign) Policy() ent.Policy { return campaignPolicy() }
