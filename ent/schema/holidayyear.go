package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
)

// HolidayYear is one year of the State Council holiday arrangement, edited
// by the province admin; it overrides the built-in data for that year.
type HolidayYear struct{ ent.Schema }

// Mixin of the HolidayYear.
func (HolidayYear) Mixin() []ent.Mixin {
	return []ent.Mixin{ViewerMixin{}, TimeMixin{}, ActorMixin{}, AuditMixin{}}
}

// Fields of the HolidayYear.
func (HolidayYear) Fields() []ent.Field {
	return []ent.Field{
		field.Int("year").Unique().Range(2000, 2100),
		field.Strings("holidays").Comment("dates off, YYYY-MM-DD"),
		field.Strings("working_weekends").Comment("weekend days made working days (调休), YYYY-MM-DD"),
	}
}

// Annotations of the HolidayYear.
func (HolidayYear) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}

// Hooks of the HolidayYear.
func (HolidayYear) Hooks() []ent.Hook { return []ent.Hook{recountClocksHook(), calendarChangedHook()} }

// Policy of the HolidayYear.
func (HolidayYear) Policy() ent.Policy { return adminWritesAnyoneReads() }
