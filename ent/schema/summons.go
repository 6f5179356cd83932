package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hnvt/bairi/internal/tenday"
)

// Summons is a confirmed summons (约谈, R9): the level above proposes a
// region (its HR office) from measured facts of a month (targets trailing
// time, overdue clocks, unsubmitted ten-day reports: the summonsCandidates
// query) and an official confirms it with a reason. The record is kept as
// confirmed: it never changes and is never deleted.
type Summons struct{ ent.Schema }

// Mixin of the Summons.
func (Summons) Mixin() []ent.Mixin {
	// Not the ViewerMixin: its policy writes its own start, so that not even the admin changes a summons.
	return []ent.Mixin{ScopeRegionMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the Summons.
func (Summons) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("campaign_id").Immutable().Annotations(out),
		field.String("month").Immutable().Match(monthPattern).Annotations(entgql.OrderField("MONTH")).
			Comment("the month whose facts propose the region, 2020-10"),
		field.String("reason").NotEmpty().MaxLen(1000).Immutable().Comment("why the official confirms the summons"),
		field.JSON("facts", []tenday.Fact{}).Immutable().Annotations(entgql.Type("[SummonsFact!]"), out).
			Comment("the measured facts that proposed the region, as they stood at confirmation"),
		field.Int("confirmed_by").Immutable().Annotations(out),
		field.Time("confirmed_at").Immutable().Annotations(out),
	}
}

// Indexes of the Summons.
func (Summons) Indexes() []ent.Index {
	// A region is summoned once for a month.
	return []ent.Index{index.Fields("region_id", "month").Unique(), index.Fields("month")}
}

// Annotations of the Summons.
func (Summons) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

// Hooks of the Summons.
func (Summons) Hooks() []ent.Hook { return []ent.Hook{summonsHook()} }

// Policy of the Summons.
func (Summons) Policy() ent.Policy { return summonsPolicy() }
