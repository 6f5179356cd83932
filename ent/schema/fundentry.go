package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// FundEntry is one line of a fund account's ledger.
type FundEntry struct{ ent.Schema }

// Mixin of the FundEntry.
func (FundEntry) Mixin() []ent.Mixin { return []ent.Mixin{ScopeRegionMixin{}} }

// Fields of the FundEntry.
func (FundEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(time.Now).Immutable(),
		field.Enum("kind").Values("DEPOSIT", "ALLOCATION_IN", "ALLOCATION_OUT", "PAYMENT", "PREPAYMENT", "RECOVERY").Immutable(),
		field.Int64("amount_fen").Immutable().Comment("fen: positive in, negative out"),
		field.Int64("balance_after_fen").Immutable(),
		field.Int("actor_id").Optional().Immutable(),
		field.Int("application_id").Optional().Immutable(),
		field.String("counterparty").Optional().Immutable().Comment("the other region's code, for allocations"),
		field.Int("account_id").Immutable(),
	}
}

// Edges of the FundEntry.
func (FundEntry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("account", FundAccount.Type).Field("account_id").Unique().Required().Immutable(),
	}
}

// Annotations of the FundEntry.
func (FundEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the FundEntry.
func (FundEntry) Policy() ent.Policy { return fundPolicy() }

// Hooks of the FundEntry.
func (FundEntry) Hooks() []ent.Hook { return []ent.Hook{fundProgressHook()} }
