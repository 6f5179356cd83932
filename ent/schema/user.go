package schema

import (
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// User is someone who signs in: an official, inspector, trainer or trainee.
type User struct{ ent.Schema }

// Mixin of the User.
func (User) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, ActorMixin{}, AuditMixin{}} }

// Fields of the User.
func (User) Fields() []ent.Field {
	skipInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.String("username").Unique().Immutable().Match(usernamePattern).
			Annotations(entgql.OrderField("USERNAME")),
		field.String("display_name").NotEmpty().MaxLen(64),
		field.String("phone").Optional().Match(regexp.MustCompile(`^\+?[0-9 -]{5,20}$`)),
		field.String("password_hash").Sensitive().NotEmpty().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Enum("role").Values("PROVINCE_ADMIN", "REGION_OFFICIAL", "FINANCE_OFFICER", "INSPECTOR", "INSTITUTION_STAFF", "TRAINEE"),
		field.Bool("active").Default(true),
		field.Int("failed_logins").Default(0).NonNegative().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("locked_until").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("region_id"),
		field.Int("organization_id").Optional(),
		field.Int("person_id").Optional().Annotations(skipInput),
	}
}

// Edges of the User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).Field("region_id").Unique().Required(),
		edge.To("organization", Organization.Type).Field("organization_id").Unique(),
		edge.From("person", Person.Type).Ref("user").Field("person_id").Unique(),
		edge.From("read_notices", Notice.Type).Ref("read_by").Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Annotations of the User.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// Hooks of the User.
func (User) Hooks() []ent.Hook { return []ent.Hook{userShapeHook(), userSessionsHook()} }

// Policy of the User.
func (User) Policy() ent.Policy { return userPolicy() }
