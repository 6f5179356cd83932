package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hnvt/bairi/internal/deadline"
)

// Notice tells officials that a clock of an application (a subsidy application or an
// enterprise's application to train apprentices) or an adjustment is due soon or
// overdue, or that its due time is provisional because the calendar lacks a
// year (the province admin enters it); the deadline job raises them.
type Notice struct{ ent.Schema }

// Mixin of the Notice.
func (Notice) Mixin() []ent.Mixin { return []ent.Mixin{ScopeRegionMixin{}} }

// Fields of the Notice.
func (Notice) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(time.Now).Immutable().Annotations(entgql.OrderField("AT")),
		field.Enum("kind").Values("DUE_SOON", "OVERDUE", "CALENDAR_MISSING").Immutable().
			Comment("CALENDAR_MISSING: the due time was counted over a year without a holiday arrangement, for the province admin to enter"),
		field.Enum("clock").Values(deadline.Names...).Immutable(),
		field.Time("due_at").Immutable(),
		field.Int("application_id").Optional().Immutable().Comment("the application whose clock it is, or"),
		field.Int("adjustment_id").Optional().Immutable().Comment("the adjustment (调剂) whose clock it is, or"),
		field.Int("apprenticeship_application_id").Optional().Immutable().
			Comment("the enterprise's application to train apprentices (R5) whose acceptance clock it is"),
	}
}

// Edges of the Notice.
func (Notice) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", SubsidyApplication.Type).Field("application_id").Unique().Immutable(),
		edge.To("adjustment", FundAdjustment.Type).Field("adjustment_id").Unique().Immutable(),
		edge.To("apprenticeship_application", ApprenticeshipApplication.Type).Field("apprenticeship_application_id").Unique().Immutable(),
		edge.To("read_by", User.Type).Comment("the users who have read it").Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Notice.
func (Notice) Indexes() []ent.Index {
	return []ent.Index{index.Fields("application_id", "kind", "clock", "due_at").Unique(),
		index.Fields("adjustment_id", "kind", "clock", "due_at").Unique(),
		index.Fields("apprenticeship_application_id", "kind", "clock", "due_at").Unique(), index.Fields("region_id", "at")}
}

// Annotations of the Notice.
func (Notice) Annotations() []schema.Annotation {
	// The notices query is written in graph/subsidy.graphqls (it takes unreadOnly).
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the Notice.
func (Notice) Policy() ent.Policy { return noticePolicy() }
