package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/organization"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/progress"
	"github.com/hnvt/bairi/internal/viewer"
)

// contractParties reads the enterprise and the school of a contract being
// signed (viewer.PurposeContract: one of them may lie outside the signer's
// scope) and checks their kinds (R5).
func contractParties(ctx context.Context, m *gen.ApprenticeshipContractMutation) (enterprise, school *gen.Organization, err error) {
	ctx = viewer.WithPurpose(ctx, viewer.PurposeContract)
	eid, _ := m.EnterpriseID()
	sid, _ := m.SchoolID()
	if enterprise, err = m.Client().Organization.Get(ctx, eid); gen.IsNotFound(err) {
		return nil, nil, fault.Input("enterpriseID", "no such organisation")
	} else if err != nil {
		return nil, nil, err
	}
	if school, err = m.Client().Organization.Get(ctx, sid); gen.IsNotFound(err) {
		return nil, nil, fault.Input("schoolID", "no such organisation")
	} else if err != nil {
		return nil, nil, err
	}
	if enterprise.Kind != organization.KindENTERPRISE {
		return nil, nil, fault.Input("enterpriseID", "%s is not an enterprise", enterprise.Name)
	}
	if _, ok := ApprenticeshipSchoolKinds[string(school.Kind)]; !ok {
		return nil, nil, fault.Input("schoolID", "%s is not a technician college, a senior technical school or a technical school", school.Name)
	}
	return enterprise, school, nil
}

// contractPartiesHook checks the parties of a new contract and copies their
// regions (for scoping) and names onto it.
func contractPartiesHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.ApprenticeshipContractFunc(func(ctx context.Context, m *gen.ApprenticeshipContractMutation) (ent.Value, error) {
			enterprise, school, err := contractParties(ctx, m)
			if err != nil {
				return nil, err
			}
			m.SetRegionID(enterprise.RegionID)
			m.SetSchoolRegionID(school.RegionID)
			m.SetEnterpriseName(enterprise.Name)
			m.SetSchoolName(school.Name)
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// contractProgressHook counts a contract signed within a campaign (T5).
func contractProgressHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.ApprenticeshipContractFunc(func(ctx context.Context, m *gen.ApprenticeshipContractMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			return v, progress.ContractSigned(ctx, m.Client(), v.(*gen.ApprenticeshipContract))
		})
	}, ent.OpCreate)
}

// contractOfOrg is "the viewer's organisation is a party to the contract".
func contractOfOrg(v *viewer.Viewer) entql.P {
	return entql.Or(entql.FieldEQ("enterprise_id", v.OrgID), entql.FieldEQ("school_id", v.OrgID))
}

// apprenticeshipContractPolicy: the parties' staff and the officials of
// either party's region (and above) read and sign contracts; the apprentice
// reads their own. A contract, once signed, does not change.
func apprenticeshipContractPolicy() ent.Policy {
	return privacy.Policy{
		Query: append(privacy.QueryPolicy{allowPurpose(viewer.PurposeContract)}, scopedRead(scope{
			region: func(v *viewer.Viewer) entql.P {
				return entql.Or(inRegionSubtree(v), entql.HasEdgeWith("school_region", entql.FieldHasPrefix("path", v.RegionPath)))
			},
			staff:   contractOfOrg,
			trainee: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("person_id", v.PersonID) },
		})...),
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(genprivacy.ApprenticeshipContractMutationRuleFunc(func(ctx context.Context, m *gen.ApprenticeshipContractMutation) error {
				v := viewer.FromContext(ctx)
				eid, _ := m.EnterpriseID()
				sid, _ := m.SchoolID()
				switch v.Role {
				case viewer.InstitutionStaff:
					if v.OrgID != 0 && (v.OrgID == eid || v.OrgID == sid) {
						return privacy.Allow
					}
					return privacy.Denyf("a contract is signed by its parties' staff")
				case viewer.RegionOfficial:
					enterprise, school, err := contractParties(ctx, m)
					if err != nil {
						return err
					}
					if requireRegionInSubtree(ctx, m.Client(), v, enterprise.RegionID) == nil ||
						requireRegionInSubtree(ctx, m.Client(), v, school.RegionID) == nil {
						return privacy.Allow
					}
					return privacy.Denyf("neither party lies in the viewer's region")
				}
				return privacy.Skip
			}), ent.OpCreate),
			privacy.AlwaysDenyRule(),
		},
	}
}
