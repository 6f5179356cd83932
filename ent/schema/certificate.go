package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hnvt/bairi/internal/certno"
	"github.com/hnvt/bairi/internal/lifecycle"
)

// Certificate is a training qualification (培训合格证书) or skill-level
// certificate (职业技能等级证书) held by a person.
type Certificate struct{ ent.Schema }

// Mixin of the Certificate.
func (Certificate) Mixin() []ent.Mixin {
	return []ent.Mixin{ScopeRegionMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the Certificate.
func (Certificate) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.String("number").Unique().Immutable().
			Validate(func(s string) error { _, err := certno.Check(s); return err }).
			Annotations(entgql.OrderField("NUMBER")),
		field.Enum("kind").Values("TRAINING_QUALIFICATION", "SKILL_LEVEL").Immutable(),
		field.Int("level").Optional().Nillable().Range(1, 5).Immutable().
			Comment("skill level 5 (初级工) to 1 (高级技师), for SKILL_LEVEL"),
		field.String("occupation").NotEmpty().MaxLen(64).Immutable(),
		field.Time("issued_at").Immutable().Annotations(entgql.OrderField("ISSUED_AT")),
		field.Enum("status").Values(lifecycle.Certificate.States...).Annotations(out),
		field.String("revoke_reason").Optional().MaxLen(500).Annotations(out),
		field.String("holder_name").Immutable().Annotations(out).
			Comment("the holder's name as issued (copied from the person)"),
		field.String("holder_id_masked").Immutable().Annotations(out),
		field.String("issuer_name").Immutable().Annotations(out),
		field.Enum("source").Values("ASSESSMENT", "IMPORT").Default("ASSESSMENT").Immutable().Annotations(out),
		field.Int("holder_id").Immutable(),
		field.Int("class_id").Optional().Immutable(),
		field.Int("issuer_id").Immutable(),
	}
}

// Edges of the Certificate.
func (Certificate) Edges() []ent.Edge {
	return []ent.Edge{
		// An official or staff member reads a certificate of their scope whose
		// holder (registered and trained elsewhere) is not; a trainee one issued
		// by an institution that never trained them: null edges.
		edge.From("holder", Person.Type).Ref("certificates").Field("holder_id").Unique().Required().Immutable().
			Annotations(NullWhenUnreadable{}),
		edge.To("class", TrainingClass.Type).Field("class_id").Unique().Immutable(),
		edge.To("issuer", Organization.Type).Field("issuer_id").Unique().Required().Immutable().
			Annotations(NullWhenUnreadable{}),
	}
}

// Indexes of the Certificate.
func (Certificate) Indexes() []ent.Index {
	return []ent.Index{index.Fields("holder_id"), index.Fields("class_id", "holder_id"),
		// a region's certificates, with their ids (a bounded count of a
		// subtree reads this index alone)
		index.Fields("region_id").StorageKey("certificate_region_id_id").Annotations(entsql.IncludeColumns("id")),
		// the lists' orderings, ties broken by id as the pages are (keyset
		// pages walk these newest first, with no sort of equal times)
		index.Fields("issued_at", "id"), index.Fields("created_at", "id")}
}

// Annotations of the Certificate.
func (Certificate) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// Hooks of the Certificate.
func (Certificate) Hooks() []ent.Hook { return []ent.Hook{certificateHook()} }

// Policy of the Certificate.
func (Certificate) Policy() ent.Policy { return certificatePolicy() }
