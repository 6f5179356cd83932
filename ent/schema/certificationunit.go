package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/hnvt/bairi/internal/certification"
	"github.com/hnvt/bairi/internal/lifecycle"
)

// CertificationUnit is an organisation's filing (备案) to run skill-level
// certification (职业技能等级认定, R8) for some occupations and levels: drafted,
// filed, then approved or returned with a reason by the HR officials of its
// city or province. Only an approved filing lets the organisation issue
// SKILL_LEVEL certificates (CertificationCovers); T6 counts the organisations
// with one.
type CertificationUnit struct{ ent.Schema }

// Mixin of the CertificationUnit.
func (CertificationUnit) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, ScopeRegionMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the CertificationUnit.
func (CertificationUnit) Fields() []ent.Field {
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("organization_id").Immutable(),
		field.String("organization_name").Immutable().Annotations(out).Comment("the organisation's name when it filed"),
		field.Enum("kind").Values(certification.FilingKinds...).
			Comment("SCHOOL: a technician college or another school; ASSOCIATION: an industry association or society"),
		field.JSON("occupations", []certification.Occupation{}).Annotations(entgql.Type("[CertifiedOccupation!]")),
		field.Enum("status").Values(lifecycle.CertificationUnit.States...).Default(lifecycle.CertificationUnit.Initial()).
			Annotations(out, entgql.OrderField("STATUS")),
		field.Time("filed_at").Optional().Nillable().Annotations(out, entgql.OrderField("FILED_AT")),
		field.Time("decided_at").Optional().Nillable().Annotations(out).Comment("when it was approved or returned"),
		field.Int("decided_by").Optional().Nillable().Annotations(out),
		field.String("return_reason").Optional().MaxLen(500).Annotations(out),
	}
}

// Edges of the CertificationUnit.
func (CertificationUnit) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Required().Immutable(),
		edge.From("materials", CertificationMaterial.Type).Ref("unit").Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the CertificationUnit.
func (CertificationUnit) Indexes() []ent.Index {
	return []ent.Index{index.Fields("organization_id", "status"), index.Fields("region_id", "status")}
}

// Annotations of the CertificationUnit.
func (CertificationUnit) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

// Hooks of the CertificationUnit.
func (CertificationUnit) Hooks() []ent.Hook {
	return []ent.Hook{certificationUnitHook()}
}

// Policy of the CertificationUnit.
func (CertificationUnit) Policy() ent.Policy { return certificationUnitPolicy() }

// CertificationMaterial is a file handed in with a filing, for an item of
// its kind's checklist, kept in storage (one key per file, the version the
// server wrote).
type CertificationMaterial struct{ ent.Schema }

// Mixin of the CertificationMaterial.
func (CertificationMaterial) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, ScopeRegionMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the CertificationMaterial.
func (CertificationMaterial) Fields() []ent.Field {
	hidden := entgql.Skip(entgql.SkipAll)
	return []ent.Field{
		field.Int("unit_id").Immutable(),
		field.Enum("item").Values(certification.Items...).Immutable(),
		field.String("file_name").NotEmpty().MaxLen(255).Immutable(),
		field.String("content_type").Immutable(),
		field.Int64("size").Positive().Immutable(),
		field.String("sha256").Immutable(),
		field.String("object_key").Unique().Immutable().Annotations(hidden),
		field.String("object_version").Optional().Immutable().Annotations(hidden),
	}
}

// Edges of the CertificationMaterial.
func (CertificationMaterial) Edges() []ent.Edge {
	return []ent.Edge{edge.To("unit", CertificationUnit.Type).Field("unit_id").Unique().Required().Immutable()}
}

// Indexes of the CertificationMaterial.
func (CertificationMaterial) Indexes() []ent.Index {
	return []ent.Index{index.Fields("unit_id", "item")}
}

// Annotations of the CertificationMaterial.
func (CertificationMaterial) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)}
}

// Hooks of the CertificationMaterial.
func (CertificationMaterial) Hooks() []ent.Hook {
	return []ent.Hook{certificationMaterialHook()}
}

// Policy of the CertificationMaterial.
func (CertificationMaterial) Policy() ent.Policy { return certificationMaterialPolicy() }
