package schema

import (
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hnvt/bairi/internal/lifecycle"
)

// EvidenceContentTypes are the content types evidence may have.
// HEIC/HEIF is what iPhones shoot by default.
// An online class's learning record is what its platform exports: PDF, a
// screenshot, or a spreadsheet.
var EvidenceContentTypes = []string{"video/mp4", "video/quicktime", "video/webm", "image/jpeg", "image/png", "image/heic", "image/heif", "application/pdf",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"}

// EvidenceFlags are the signals raised for the inspector.
var EvidenceFlags = []string{"DUPLICATE_CONTENT", "OUT_OF_SCHEDULE", "OUT_OF_PLACE", "TAMPERED"}

// Evidence is a file recorded for a class: an attendance video, a
// supervision recording, a photo, a sign-in sheet or an online class's
// learning record, uploaded from a phone
// straight to storage and verified by the server.
type Evidence struct{ ent.Schema }

// Mixin of the Evidence.
func (Evidence) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}} }

// Fields of the Evidence.
func (Evidence) Fields() []ent.Field {
	hidden := entgql.Skip(entgql.SkipAll)
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Enum("kind").Values("ATTENDANCE_VIDEO", "SUPERVISION_RECORDING", "PHOTO", "SIGN_IN_SHEET", "LEARNING_RECORD").Immutable().
			Comment("LEARNING_RECORD: an online class's learning record from its platform, in place of the opening-day video"),
		field.String("file_name").MaxLen(255).Immutable(),
		field.String("object_key").Immutable().Unique().Annotations(hidden),
		field.String("upload_id").Optional().Sensitive().Annotations(hidden),
		field.String("object_version").Optional().Annotations(hidden).
			Comment("The storage version that was verified: playback and every read of the evidence read this one, whatever is written at the key since."),
		field.Time("integrity_checked_at").Optional().Nillable().Annotations(hidden).
			Comment("When the integrity job last re-read the verified version and found its SHA-256 (internal/upload.Recheck)."),
		field.Time("completing_until").Optional().Nillable().Annotations(hidden).
			Comment("While a completion runs (claimed until then): no second completion, no abort."),
		field.Int64("size").Positive().Immutable(),
		field.String("content_type").Immutable(),
		field.String("sha256").Immutable().Match(regexp.MustCompile(`^[0-9a-f]{64}$`)),
		field.Int64("part_size").Positive().Immutable().Annotations(out),
		field.Int("part_count").Positive().Immutable().Annotations(out),
		field.Time("captured_at").Immutable().Annotations(entgql.OrderField("CAPTURED_AT")),
		field.Float("latitude").Optional().Nillable().Min(-90).Max(90).Immutable(),
		field.Float("longitude").Optional().Nillable().Min(-180).Max(180).Immutable(),
		field.Int("uploaded_by").Immutable().Annotations(out),
		field.Enum("status").Values(lifecycle.Evidence.States...).Default(lifecycle.Evidence.Initial()).Annotations(out),
		field.String("failure_reason").Optional().Annotations(out),
		field.Time("verified_at").Optional().Nillable().Annotations(out),
		field.Time("retain_until").Optional().Nillable().Annotations(out),
		field.Strings("flags").Optional().Annotations(out),
		field.Bool("flagged").Default(false).Annotations(out),
		field.Enum("decision").Values("ACCEPTED", "REJECTED", "ON_SITE_REQUIRED").Optional().Nillable().Annotations(out),
		field.String("review_comment").Optional().MaxLen(1000).Annotations(out),
		field.Int("reviewed_by").Optional().Nillable().Annotations(out),
		field.Time("reviewed_at").Optional().Nillable().Annotations(out),
		field.Int("class_id").Optional().Immutable().
			Comment("The class; none for the photos of an enterprise visit (R2)."),
		field.Int("region_id").Immutable().Annotations(out),
		field.Float("duration_seconds").Optional().Nillable().Min(0).Immutable().
			Comment("A video's length as the phone read it before uploading; absent when it could not."),
		field.Int("replaces_id").Optional().Nillable().Immutable().
			Comment("The failed or rejected evidence of the same class and kind this upload stands in for."),
		field.Int("on_site_check_id").Optional().Nillable().Immutable().
			Comment("The on-site check this photo documents (taken by the inspector on the visit)."),
		field.Int("enterprise_visit_id").Optional().Nillable().Immutable().
			Comment("The enterprise visit this photo documents (R2: taken by the contracting official)."),
	}
}

// Edges of the Evidence.
func (Evidence) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("class", TrainingClass.Type).Field("class_id").Unique().Immutable(),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("replacements", Evidence.Type).From("replaces").Field("replaces_id").Unique().Immutable(),
		edge.From("photo_of", OnSiteCheck.Type).Ref("photos").Field("on_site_check_id").Unique().Immutable(),
		edge.From("checks", OnSiteCheck.Type).Ref("evidence"),
		edge.From("visit", EnterpriseVisit.Type).Ref("photos").Field("enterprise_visit_id").Unique().Immutable(),
	}
}

// Indexes of the Evidence.
func (Evidence) Indexes() []ent.Index {
	return []ent.Index{index.Fields("sha256", "status"),
		// a region's evidence, with its ids (a bounded count of a subtree
		// reads this index alone)
		index.Fields("region_id", "status").StorageKey("evidence_region_id_status_id").Annotations(entsql.IncludeColumns("id")),
		index.Fields("class_id"), index.Fields("replaces_id"), index.Fields("on_site_check_id"), index.Fields("enterprise_visit_id"),
		// the review queue's ordering, ties broken by id (keyset pages walk it newest first)
		index.Fields("created_at", "id"),
		// what awaits review, by region: the queue's bounded count reads
		// this index alone (no table row) for the viewer's regions
		index.Fields("region_id", "status", "created_at", "id").StorageKey("evidence_awaiting_review").
			Annotations(entsql.IndexWhere(awaitingReview)),
		// the review queue's page, newest first, across the regions of a
		// city or the province: only what awaits review is walked (half
		// the rows a page read through created_at_id)
		index.Fields("created_at", "id").StorageKey("evidence_review_order").
			Annotations(entsql.IndexWhere(awaitingReview), entsql.IncludeColumns("region_id", "status")),
		// the rejections of a page of classes (their badges): a few rows
		// among hundreds of thousands
		index.Fields("class_id").StorageKey("evidence_rejected_class").Annotations(entsql.IndexWhere(Rejected))}
}

// Rejected is the SQL of "an inspector rejected it": the predicate of the
// partial index of rejections, written by the queries that count them as it
// is here (internal/classes), with no value to bind, so that a prepared
// statement's generic plan uses the index (bound, PostgreSQL planned the
// count of a page's rejections afresh at each execution: 0.3 ms, more than
// running it).
const Rejected = "decision = 'REJECTED'"

// awaitingReview is the predicate of the partial index of what awaits
// review: undecided, and no photo of an on-site check or an enterprise
// visit. It has no value to bind (status, which the queries bind, is a
// column of the index), so that a prepared statement's generic plan can
// use the index too.
const awaitingReview = "decision IS NULL AND on_site_check_id IS NULL AND enterprise_visit_id IS NULL"

// Annotations of the Evidence.
func (Evidence) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField().Description("Evidence the viewer may see.")}
}

// Hooks of the Evidence.
func (Evidence) Hooks() []ent.Hook {
	return []ent.Hook{evidenceCreateHook(), evidenceUpdateHook()}
}

// Policy of the Evidence.
func (Evidence) Policy() ent.Policy { return evidencePolicy() }
