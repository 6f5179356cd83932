package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AuditEvent records one mutation: who, what, which entity, when, details.
// It is append-only: written by the audit hook, never updated or deleted.
type AuditEvent struct{ ent.Schema }

// Fields of the AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(time.Now).Immutable().Annotations(entgql.OrderField("AT")),
		field.Int("actor_id").Optional().Immutable().Comment("0 or absent for system work"),
		field.String("actor_username").Optional().Immutable(),
		field.String("action").Immutable().Comment("CREATE, UPDATE, DELETE"),
		field.String("entity_type").Immutable(),
		field.Int("entity_id").Optional().Immutable(),
		field.JSON("details", map[string]any{}).Optional().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity_type", "entity_id"), index.Fields("actor_id")}
}

// Annotations of the AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// Policy of the AuditEvent.
func (AuditEvent) Policy() ent.Policy { return auditEventPolicy() }
