package schema

import (
	"regexp"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
)

// IdempotencyRecord remembers a money mutation by its client-generated key,
// so that a replay returns the first result.
type IdempotencyRecord struct{ ent.Schema }

// Fields of the IdempotencyRecord.
func (IdempotencyRecord) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").Unique().Immutable().Match(regexp.MustCompile(`^[A-Za-z0-9._:-]{8,128}$`)),
		field.String("operation").Immutable(),
		field.String("request_hash").Immutable(),
		field.Int("result_id").Optional(),
		field.Int("user_id").Immutable(),
		field.Time("at").Default(time.Now).Immutable(),
	}
}

// Annotations of the IdempotencyRecord.
func (IdempotencyRecord) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the IdempotencyRecord.
func (IdempotencyRecord) Policy() ent.Policy { return idempotencyPolicy() }
