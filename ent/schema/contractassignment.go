package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ContractAssignment is one line of R2's contracting (包干): an official
// covers a region (a province-level official's city or direct county) or
// serves an enterprise one-to-one.
type ContractAssignment struct{ ent.Schema }

// Mixin of the ContractAssignment.
func (ContractAssignment) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the ContractAssignment.
func (ContractAssignment) Fields() []ent.Field {
	hidden := entgql.Skip(entgql.SkipAll)
	out := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("user_id").Immutable().Comment("the official"),
		field.String("official_name").Immutable().Annotations(out).
			Comment("the official's display name when assigned (readers of the line may not read the user)"),
		field.String("official_region_path").Immutable().Annotations(hidden).
			Comment("the official's region: officials above it may serve the enterprise too"),
		field.Enum("tier").Values("PROVINCE", "CITY", "COUNTY").Immutable().Annotations(out).
			Comment("the level of the official's region: what they contract (internal/contractrule)"),
		field.Int("region_id").Immutable().
			Comment("the region covered, or the enterprise's region"),
		field.Int("organization_id").Optional().Nillable().Immutable().
			Comment("the enterprise served; null for a region covered"),
		field.Time("assigned_at").Immutable().Annotations(out).
			Comment("when the line was assigned (the rules' clock): the ledger is dated by it"),
		field.String("key").Unique().Immutable().Annotations(hidden).
			Comment("one line per official and region or enterprise"),
	}
}

// Edges of the ContractAssignment.
func (ContractAssignment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("official", User.Type).Field("user_id").Unique().Required().Immutable().Annotations(NullWhenUnreadable{}),
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique().Immutable(),
	}
}

// Indexes of the ContractAssignment.
func (ContractAssignment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id"), index.Fields("organization_id"), index.Fields("region_id")}
}

// Annotations of the ContractAssignment.
func (ContractAssignment) Annotations() []schema.Annotation { return nil }

// Hooks of the ContractAssignment.
func (ContractAssignment) Hooks() []ent.Hook { return []ent.Hook{contractAssignmentHook()} }

// Policy of the ContractAssignment.
func (ContractAssignment) Policy() ent.Policy { return contractAssignmentPolicy() }
