package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// FundAccount is a region's skills special account (专账), in fen.
type FundAccount struct{ ent.Schema }

// Mixin of the FundAccount.
func (FundAccount) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

// Fields of the FundAccount.
func (FundAccount) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("balance_fen").Default(0).Min(0).Comment("fen (1/100 yuan); never negative"),
		field.Int("region_id").Unique().Immutable(),
	}
}

// Edges of the FundAccount.
func (FundAccount) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).Field("region_id").Unique().Required().Immutable(),
		edge.From("entries", FundEntry.Type).Ref("account").Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the FundAccount.
func (FundAccount) Indexes() []ent.Index {
	return []ent.Index{index.Fields("region_id").Unique()}
}

// Policy of the FundAccount.
func (FundAccount) Policy() ent.Policy { return fundPolicy() }
