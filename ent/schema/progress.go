package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/hnvt/bairi/internal/viewer"
)

// ProgressCounter is one figure of a campaign's progress for a region's
// subtree (region_path) and a counter (a target category, or FUND_ALLOCATED),
// kept by hooks as the records it counts change (internal/progress), so that
// campaignProgress reads it instead of counting.
type ProgressCounter struct{ ent.Schema }

// Fields of the ProgressCounter.
func (ProgressCounter) Fields() []ent.Field {
	return []ent.Field{
		field.Int("campaign_id").Immutable(),
		field.String("region_path").Immutable(),
		field.String("counter").Immutable(),
		field.Int64("value").Default(0),
	}
}

// Indexes of the ProgressCounter.
func (ProgressCounter) Indexes() []ent.Index {
	return []ent.Index{index.Fields("campaign_id", "region_path", "counter").Unique()}
}

// Annotations of the ProgressCounter.
func (ProgressCounter) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the ProgressCounter.
func (ProgressCounter) Policy() ent.Policy { return progressPolicy() }

// CountedPerson records that a person counts for a distinct-person target
// (T1, T4) of a campaign in a region's subtree, so that they count once.
type CountedPerson struct{ ent.Schema }

// Fields of the CountedPerson.
func (CountedPerson) Fields() []ent.Field {
	return []ent.Field{
		field.Int("campaign_id").Immutable(),
		field.String("counter").Immutable(),
		field.Int("person_id").Immutable(),
		field.String("region_path").Immutable(),
	}
}

// Indexes of the CountedPerson.
func (CountedPerson) Indexes() []ent.Index {
	return []ent.Index{index.Fields("campaign_id", "counter", "person_id", "region_path").Unique()}
}

// Annotations of the CountedPerson.
func (CountedPerson) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the CountedPerson.
func (CountedPerson) Policy() ent.Policy { return progressPolicy() }

// progressPolicy: the hooks keep the figures (PurposeProgress); the admin
// and region-scoped viewers read those of their subtree.
func progressPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{allowPurpose(viewer.PurposeProgress), denyIfNoViewer(), allowAdmin(),
			filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role.RegionScoped() {
					return entql.FieldHasPrefix("region_path", v.RegionPath)
				}
				return nil
			}), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{allowPurpose(viewer.PurposeProgress), privacy.AlwaysDenyRule()},
	}
}
