package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/tenday"
)

// TenDayReport is a region's ten-day report (旬报, R9): the figures of
// T1..T7 and of the special accounts, cumulative and for the ten days,
// frozen on the report day (internal/tenday), then reviewed and submitted
// by the region's own officials with a comment. A submitted report never
// changes: a correction is a new version with its reason.
type TenDayReport struct{ ent.Schema }

// Mixin of the TenDayReport.
func (TenDayReport) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, ScopeRegionMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the TenDayReport.
func (TenDayReport) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	date := entgql.Skip(entgql.SkipType)
	return []ent.Field{
		field.Int("campaign_id").Immutable(),
		field.Time("period_start").Immutable().Annotations(date, entgql.OrderField("PERIOD_START")).
			Comment("midnight, China time, of the period's first day (a 1st, 11th or 21st)"),
		field.Time("period_end").Immutable().Annotations(date).Comment("midnight, China time, of its last day"),
		field.Time("due_at").Immutable().Annotations(out).
			Comment("the end of the first working day from the report day: submitted later, it is late"),
		field.Int("version").Default(1).Immutable().Annotations(out),
		field.String("correction_reason").Optional().MaxLen(500).Immutable().Annotations(out),
		field.Enum("status").Values(lifecycle.TenDayReport.States...).Default(lifecycle.TenDayReport.Initial()).Annotations(out),
		field.JSON("figures", []tenday.Figure{}).Immutable().Annotations(entgql.Type("[TenDayFigure!]")),
		field.String("comment").Optional().MaxLen(2000).Annotations(out),
		field.Time("submitted_at").Optional().Nillable().Annotations(out),
		field.Int("submitted_by").Optional().Nillable().Annotations(out),
	}
}

// Indexes of the TenDayReport.
func (TenDayReport) Indexes() []ent.Index {
	// One report per region, period and version: the job never makes two.
	return []ent.Index{index.Fields("region_id", "period_start", "version").Unique(), index.Fields("period_start")}
}

// Annotations of the TenDayReport.
func (TenDayReport) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

// Hooks of the TenDayReport.
func (TenDayReport) Hooks() []ent.Hook { return []ent.Hook{tenDayReportHook()} }

// Policy of the TenDayReport.
func (TenDayReport) Policy() ent.Policy { return tenDayReportPolicy() }
