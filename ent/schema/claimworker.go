package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ClaimWorker is one worker of an enterprise's monthly 以工代训 claim (R1):
// a WORK_IN_LIEU application with a claim month. A worker claimed by another
// enterprise for the same month is held: not paid by this claim, and the
// claim is flagged WORKER_CLAIMED_ELSEWHERE for review. Two keys, cleared
// when the claim is rejected, make the rules hold under concurrency: one
// payable line per worker and month (paid_key), one line per enterprise,
// worker and month (enterprise_key). A held line gives its enterprise_key up
// when the enterprise claims the worker again after the other claim's
// rejection (internal/workinlieu).
type ClaimWorker struct{ ent.Schema }

// Mixin of the ClaimWorker.
func (ClaimWorker) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, ActorMixin{}}
}

// Fields of the ClaimWorker.
func (ClaimWorker) Fields() []ent.Field {
	return []ent.Field{
		field.Int("application_id").Immutable(),
		field.Int("person_id").Immutable(),
		field.Int("organization_id").Immutable(),
		field.Int("region_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("month").Immutable().Comment("YYYY-MM"),
		field.String("name").Immutable().Comment("the worker's name as claimed"),
		field.String("id_masked").Immutable().Comment("the worker's ID number, masked"),
		field.Bool("held").Immutable().Comment("claimed by another enterprise for the same month: not paid by this claim"),
		field.String("paid_key").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("enterprise_key").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the ClaimWorker.
func (ClaimWorker) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("application", SubsidyApplication.Type).Field("application_id").Unique().Required().Immutable(),
		edge.To("person", Person.Type).Field("person_id").Unique().Required().Immutable().Annotations(NullWhenUnreadable{}),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the ClaimWorker.
func (ClaimWorker) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("paid_key").Unique(), index.Fields("enterprise_key").Unique(),
		index.Fields("application_id"), index.Fields("person_id", "month"),
	}
}

// Annotations of the ClaimWorker.
func (ClaimWorker) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}

// Policy of the ClaimWorker.
func (ClaimWorker) Policy() ent.Policy { return claimWorkerPolicy() }

// WorkInLieuStandard is the monthly subsidy per worker kept on (以工代训, R1)
// for a year, in one sector or (sector empty) in every sector without its
// own, and how many months a worker may be claimed that year.
type WorkInLieuStandard struct{ ent.Schema }

// Mixin of the WorkInLieuStandard.
func (WorkInLieuStandard) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the WorkInLieuStandard.
func (WorkInLieuStandard) Fields() []ent.Field {
	return []ent.Field{
		field.Int("year").Range(2000, 2100),
		field.Enum("sector").Values(Sectors...).Optional().Nillable().Comment("empty: every sector without a standard of its own"),
		field.Int64("fen_per_worker_month").Positive().Max(100_000_000).Comment("fen per worker and month"),
		field.Int("max_months").Range(1, 12).Comment("the most months a worker is claimed in the year"),
	}
}

// Indexes of the WorkInLieuStandard.
func (WorkInLieuStandard) Indexes() []ent.Index {
	return []ent.Index{index.Fields("year", "sector").Unique()}
}

// Annotations of the WorkInLieuStandard.
func (WorkInLieuStandard) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy of the WorkInLieuStandard.
func (WorkInLieuStandard) Policy() ent.Policy { return adminWritesAnyoneReads() }
