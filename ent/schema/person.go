package schema

import (
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// KeyGroups are the key employment groups of R3.
var KeyGroups = []string{"RURAL_MIGRANT", "POVERTY", "VETERAN", "UNEMPLOYED_GRADUATE", "LAID_OFF", "DISABLED", "ECOMMERCE_PROJECT"}

// Person is a trainee or apprentice, identified by a resident ID number that
// is never stored or returned whole: a keyed hash for look-up, the number
// encrypted at rest and a masked form for display.
type Person struct{ ent.Schema }

// Mixin of the Person.
func (Person) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}} }

// Fields of the Person.
func (Person) Fields() []ent.Field {
	hidden := entgql.Skip(entgql.SkipAll)
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(64).
			Annotations(entgql.OrderField("NAME")),
		field.String("id_hash").Unique().Sensitive().
			Match(regexp.MustCompile(`^[0-9a-f]{64}$`)).Annotations(hidden),
		field.Bytes("id_encrypted").Sensitive().NotEmpty().Annotations(hidden),
		field.String("id_masked").Match(regexp.MustCompile(`^[0-9]{4}\*{10}[0-9]{3}[0-9X]$`)).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		field.String("phone").Optional().Match(regexp.MustCompile(`^\+?[0-9 -]{5,20}$`)),
		field.Strings("key_groups").Optional().
			Comment("key employment groups of R3: " + "RURAL_MIGRANT POVERTY VETERAN UNEMPLOYED_GRADUATE LAID_OFF DISABLED ECOMMERCE_PROJECT"),
		field.Int("region_id").Optional(),
		field.Int("organization_id").Optional().Comment("the organisation that registered the person"),
	}
}

// Edges of the Person.
func (Person) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).Field("region_id").Unique(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique(),
		edge.From("enrollments", Enrollment.Type).Ref("person").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("certificates", Certificate.Type).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("user", User.Type).Unique().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Annotations of the Person.
func (Person) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// Hooks of the Person.
func (Person) Hooks() []ent.Hook { return []ent.Hook{keyGroupsHook()} }

// Policy of the Person.
func (Person) Policy() ent.Policy { return personPolicy() }
