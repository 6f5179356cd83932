package schema

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/contractassignment"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/organization"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/contractrule"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// ContractTier is the contracting tier of an official of the region, and
// whether its officials contract at all (R2): the province, a city or
// Jiyuan, a directly administered county.
func ContractTier(r *gen.Region) (contractrule.Tier, bool) {
	return contractrule.TierOf(string(r.Level), r.DirectlyAdministered)
}

// contractOfficial reads the official of a contracting line: a user the
// viewer may read (else the NOT_FOUND of a missing one), an active HR
// official of a region whose officials contract.
func contractOfficial(ctx context.Context, c *gen.Client, uid int) (*gen.User, *gen.Region, contractrule.Tier, error) {
	u, err := c.User.Query().Where(user.ID(uid)).WithRegion().Only(ctx)
	if gen.IsNotFound(err) {
		return nil, nil, "", outOfScope()
	}
	if err != nil {
		return nil, nil, "", err
	}
	if u.Role != user.RoleREGION_OFFICIAL || !u.Active {
		return nil, nil, "", fault.Input("userID", "%s is not an active HR official: only officials contract enterprises", u.DisplayName)
	}
	reg := u.Edges.Region
	tier, ok := ContractTier(reg)
	if !ok {
		return nil, nil, "", fault.Input("userID", "%s is an official of %s: contracting is for officials of the province, a city, Jiyuan or a directly administered county", u.DisplayName, reg.Name)
	}
	return u, reg, tier, nil
}

// contractAssignmentHook answers a line already assigned as it is, and checks a new contracting line against R2 and fills in
// the official's name, region and tier: a province-level official covers at
// most 3 cities or direct counties and serves at most 3 central or
// provincial state enterprises within them; the officials of a city or
// Jiyuan serve the enterprises of their region of 2,000 employees or more,
// those of a direct county of 500 or more (the number included).
func contractAssignmentHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.ContractAssignmentFunc(func(ctx context.Context, m *gen.ContractAssignmentMutation) (ent.Value, error) {
			c := m.Client()
			uid, _ := m.UserID()
			rid, _ := m.RegionID()
			key := fmt.Sprintf("u%d/r%d", uid, rid)
			if oid, ok := m.OrganizationID(); ok {
				key = fmt.Sprintf("u%d/o%d", uid, oid)
			}
			// Assigning a line again answers the line as it is (the policy has let the viewer through).
			if held, err := c.ContractAssignment.Query().Where(contractassignment.Key(key)).Only(ctx); err == nil {
				return held, nil
			} else if !gen.IsNotFound(err) {
				return nil, err
			}
			m.SetKey(key)
			u, reg, tier, err := contractOfficial(ctx, c, uid)
			if err != nil {
				return nil, err
			}
			m.SetOfficialName(u.DisplayName)
			m.SetOfficialRegionPath(reg.Path)
			m.SetTier(contractassignment.Tier(tier))
			m.SetAssignedAt(m.Clock.Now().Truncate(time.Microsecond))
			if oid, ok := m.OrganizationID(); ok {
				org, err := c.Organization.Query().Where(organization.ID(oid)).WithRegion().Only(ctx)
				if gen.IsNotFound(err) {
					return nil, outOfScope()
				}
				if err != nil {
					return nil, err
				}
				if org.Kind != organization.KindENTERPRISE {
					return nil, fault.Input("organizationIDs", "%s is not an enterprise", org.Name)
				}
				if tier == contractrule.Province {
					if err := checkProvinceEnterprise(ctx, c, uid, u, org); err != nil {
						return nil, err
					}
				} else {
					if !strings.HasPrefix(org.Edges.Region.Path, reg.Path) {
						return nil, fault.Input("organizationIDs", "%s lies outside %s, which %s serves", org.Name, reg.Name, u.DisplayName)
					}
					if !contractrule.Large(tier, org.EmployeeCount) {
						return nil, fault.Input("organizationIDs", "%s has %d employees: the officials of %s serve enterprises of %d employees or more",
							org.Name, org.EmployeeCount, reg.Name, contractrule.Threshold(tier))
					}
				}
				m.SetRegionID(org.RegionID)
				return next.Mutate(ctx, m)
			}
			if tier != contractrule.Province {
				return nil, fault.Input("regionIDs", "only province-level officials cover regions; %s serves the enterprises of %s", u.DisplayName, reg.Name)
			}
			r, err := c.Region.Get(ctx, rid)
			if gen.IsNotFound(err) {
				return nil, fault.Input("regionIDs", "no such region")
			}
			if err != nil {
				return nil, err
			}
			if !contractrule.LedgerUnit(string(r.Level), r.DirectlyAdministered) {
				return nil, fault.Input("regionIDs", "%s is not a city, Jiyuan or a directly administered county", r.Name)
			}
			n, err := c.ContractAssignment.Query().Where(contractassignment.UserID(uid), contractassignment.OrganizationIDIsNil()).Count(ctx)
			if err != nil {
				return nil, err
			}
			if n >= contractrule.MaxRegions {
				return nil, fault.Input("regionIDs", "%s already covers %d regions, the most a province-level official covers", u.DisplayName, n)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// checkProvinceEnterprise: a province-level official serves central or
// provincial state enterprises lying in the regions they cover, three at most.
func checkProvinceEnterprise(ctx context.Context, c *gen.Client, uid int, u *gen.User, org *gen.Organization) error {
	if org.StateOwnership == nil {
		return fault.Input("organizationIDs", "%s is not a central or provincial state enterprise, which province-level officials serve", org.Name)
	}
	covered, err := c.ContractAssignment.Query().Where(contractassignment.UserID(uid), contractassignment.OrganizationIDIsNil()).
		QueryRegion().Select(region.FieldPath).Strings(ctx)
	if err != nil {
		return err
	}
	in := false
	for _, p := range covered {
		in = in || strings.HasPrefix(org.Edges.Region.Path, p)
	}
	if !in {
		return fault.Input("organizationIDs", "%s lies outside the regions %s covers: assign its region first", org.Name, u.DisplayName)
	}
	n, err := c.ContractAssignment.Query().Where(contractassignment.UserID(uid), contractassignment.OrganizationIDNotNil()).Count(ctx)
	if err != nil {
		return err
	}
	if n >= contractrule.MaxEnterprises {
		return fault.Input("organizationIDs", "%s already serves %d enterprises, the most a province-level official serves", u.DisplayName, n)
	}
	return nil
}

// officialInSubtree is "the line's official belongs to the viewer's subtree".
func officialInSubtree(v *viewer.Viewer) entql.P {
	return entql.HasEdgeWith("official", entql.HasEdgeWith("region", entql.FieldHasPrefix("path", v.RegionPath)))
}

// contractAssignmentPolicy: the officials of a region, and those above it,
// assign its officials (the province's officials their peers and the
// officials below; a city's officials their own), and lines out of their
// subtree look not found; officials and the other region-scoped viewers read
// the lines of their subtree and their own, an enterprise's staff the lines
// that serve it.
func contractAssignmentPolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedRead(scope{
			region: func(v *viewer.Viewer) entql.P {
				return entql.Or(inRegionSubtree(v), entql.FieldEQ("user_id", v.UserID))
			},
			staff: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("organization_id", v.OrgID) },
		}),
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(genprivacy.ContractAssignmentMutationRuleFunc(func(ctx context.Context, m *gen.ContractAssignmentMutation) error {
				v := viewer.FromContext(ctx)
				if v.Role != viewer.RegionOfficial {
					return privacy.Skip
				}
				uid, _ := m.UserID()
				found, err := m.Client().User.Query().Where(user.ID(uid), user.HasRegionWith(region.PathHasPrefix(v.RegionPath))).Exist(ctx)
				if err != nil {
					return err
				}
				if !found {
					return outOfScope()
				}
				if oid, ok := m.OrganizationID(); ok {
					if err := requireOrgInSubtree(ctx, m.Client(), v, oid); err != nil {
						return err
					}
				} else if rid, ok := m.RegionID(); ok {
					if err := requireRegionInSubtree(ctx, m.Client(), v, rid); err != nil {
						return err
					}
				}
				return privacy.Allow
			}), ent.OpCreate),
			privacy.OnMutationOperation(filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role == viewer.RegionOfficial {
					return officialInSubtree(v)
				}
				return nil
			}), ent.OpDelete|ent.OpDeleteOne),
			privacy.AlwaysDenyRule(),
		},
	}
}
