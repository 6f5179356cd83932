package schema

import (
	"context"
	"slices"
	"strings"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificationunit"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/certification"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/progress"
	"github.com/hnvt/bairi/internal/viewer"
)

// NotCertifiedFormat says that an issuer's approved filings do not cover a
// skill-level certificate (its name, the occupation, the level).
const NotCertifiedFormat = "%s has no approved skill-level certification filing for %s at level %d"

// CertificationCovers reports whether an organisation's approved filings
// cover an occupation at a skill level: only then may it issue a SKILL_LEVEL
// certificate for it (R8). The certificate hook and the certificate import
// ask it.
func CertificationCovers(ctx context.Context, c *gen.Client, orgID int, occupation string, level int) (bool, error) {
	units, err := c.CertificationUnit.Query().Where(certificationunit.OrganizationID(orgID),
		certificationunit.StatusEQ(certificationunit.StatusAPPROVED)).All(viewer.WithPurpose(ctx, viewer.PurposeCertification))
	if err != nil {
		return false, err
	}
	for _, u := range units {
		if certification.Covers(u.Occupations, occupation, level) {
			return true, nil
		}
	}
	return false, nil
}

// certificationOrg reads the organisation a filing is for and checks that
// its kind files as the filing's kind.
func certificationOrg(ctx context.Context, c *gen.Client, orgID int, kind certificationunit.Kind) (*gen.Organization, error) {
	org, err := c.Organization.Get(ctx, orgID)
	if gen.IsNotFound(err) {
		return nil, fault.Input("organizationID", "no such organisation")
	} else if err != nil {
		return nil, err
	}
	want, ok := certification.Kinds[string(org.Kind)]
	if !ok {
		return nil, fault.Input("organizationID", "%s does not run skill-level certification", org.Name)
	}
	if string(kind) != want {
		return nil, fault.Input("kind", "%s files as %s, not as %s", org.Name, want, kind)
	}
	return org, nil
}

// certificationUnitHook checks a filing: the organisation's kind, the
// occupations and levels, the moves of its lifecycle (filed, approved,
// returned with a reason), who decided and when; an approval counts for T6.
func certificationUnitHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.CertificationUnitFunc(func(ctx context.Context, m *gen.CertificationUnitMutation) (ent.Value, error) {
			v, now := viewer.FromContext(ctx), m.Clock.Now()
			if occ, ok := m.Occupations(); ok {
				clean, err := certification.CheckOccupations(occ)
				if err != nil {
					return nil, err
				}
				m.SetOccupations(clean)
			}
			if m.Op().Is(ent.OpCreate) {
				oid, _ := m.OrganizationID()
				kind, _ := m.Kind()
				org, err := certificationOrg(ctx, m.Client(), oid, kind)
				if err != nil {
					return nil, err
				}
				if _, ok := m.Occupations(); !ok {
					return nil, fault.Input("occupations", "a filing names at least one occupation with its levels")
				}
				m.SetRegionID(org.RegionID)
				m.SetOrganizationName(org.Name)
				status, _ := m.Status()
				switch status {
				case certificationunit.StatusDRAFT:
				case certificationunit.StatusFILED:
					m.SetFiledAt(now)
				default:
					return nil, fault.New(fault.Conflict, "a new filing is a draft or filed")
				}
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			old, err := m.Client().CertificationUnit.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			to, moves := m.Status()
			moves = moves && to != old.Status
			_, newKind := m.Kind()
			_, newOcc := m.Occupations()
			if (newKind || newOcc) && !lifecycle.CertificationUnit.In("EDIT", string(old.Status)) {
				return nil, fault.New(fault.Conflict, "a filing that is %s cannot be changed; file another one", old.Status)
			}
			if newKind {
				kind, _ := m.Kind()
				if _, err := certificationOrg(ctx, m.Client(), old.OrganizationID, kind); err != nil {
					return nil, err
				}
			}
			if !moves {
				return next.Mutate(ctx, m)
			}
			if err := lifecycle.CertificationUnit.CheckBy(v.Role, string(old.Status), string(to)); err != nil {
				return nil, err
			}
			switch to {
			case certificationunit.StatusFILED:
				m.SetFiledAt(now)
				m.ClearReturnReason()
				m.ClearDecidedAt()
				m.ClearDecidedBy()
			case certificationunit.StatusRETURNED:
				if r, _ := m.ReturnReason(); strings.TrimSpace(r) == "" {
					return nil, fault.Input("reason", "say why the filing is returned, so the organisation can mend it")
				}
				fallthrough
			case certificationunit.StatusAPPROVED:
				m.SetDecidedAt(now)
				m.SetDecidedBy(v.UserID)
			}
			out, err := next.Mutate(ctx, m)
			if err != nil || to != certificationunit.StatusAPPROVED {
				return out, err
			}
			u := out.(*gen.CertificationUnit)
			return u, progress.UnitApproved(ctx, m.Client(), u)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// CityOrAbove reports whether a region official's region is a city or the
// province: they approve and return filings (备案 is a city's or the
// province's HR work, not a county's).
func CityOrAbove(v *viewer.Viewer) bool { return strings.Count(v.RegionPath, "/") <= 2 }

// certificationUnitPolicy: the organisation's staff file for it and read its
// filings; the officials of its region (and above) read them and may file for
// it; the officials of its city or the province approve and return them.
func certificationUnitPolicy() ent.Policy {
	return privacy.Policy{
		Query: append(privacy.QueryPolicy{allowPurpose(viewer.PurposeCertification)}, scopedRead(scope{
			region: inRegionSubtree,
			staff:  func(v *viewer.Viewer) entql.P { return entql.FieldEQ("organization_id", v.OrgID) },
		})...),
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(genprivacy.CertificationUnitMutationRuleFunc(func(ctx context.Context, m *gen.CertificationUnitMutation) error {
				v := viewer.FromContext(ctx)
				oid, _ := m.OrganizationID()
				switch v.Role {
				case viewer.InstitutionStaff:
					if v.OrgID != 0 && v.OrgID == oid {
						return privacy.Allow
					}
					return privacy.Denyf("staff file for their own organisation")
				case viewer.RegionOfficial:
					org, err := m.Client().Organization.Get(ctx, oid)
					if err != nil {
						return privacy.Denyf("organisation outside the viewer's region")
					}
					if err := requireRegionInSubtree(ctx, m.Client(), v, org.RegionID); err != nil {
						return err
					}
					return privacy.Allow
				}
				return privacy.Skip
			}), ent.OpCreate),
			privacy.OnMutationOperation(genprivacy.CertificationUnitMutationRuleFunc(func(ctx context.Context, m *gen.CertificationUnitMutation) error {
				v := viewer.FromContext(ctx)
				to, _ := m.Status()
				deciding := to == certificationunit.StatusAPPROVED || to == certificationunit.StatusRETURNED
				switch {
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0 && !deciding:
					m.Where(certificationunit.OrganizationID(v.OrgID))
					return privacy.Allow
				case v.Role == viewer.RegionOfficial:
					if deciding && !CityOrAbove(v) {
						return fault.New(fault.Forbidden, "filings are approved or returned by the HR officials of a city or of the province")
					}
					m.Filter().Where(inRegionSubtree(v))
					return privacy.Allow
				}
				return privacy.Skip
			}), ent.OpUpdateOne),
			privacy.AlwaysDenyRule(),
		},
	}
}

// MaterialAllowed says whether a material may be handed in for an item of
// a filing (adding) or taken back from it: only while the filing can be
// changed (a draft, or returned), and only for an item of its kind's
// checklist. The hook asks it, and internal/certification/filing before it
// writes the file to storage.
func MaterialAllowed(u *gen.CertificationUnit, item string, adding bool) error {
	if !lifecycle.CertificationUnit.In("EDIT", string(u.Status)) {
		return fault.New(fault.Conflict, "materials are handed in while a filing is a draft or returned; this one is %s", u.Status)
	}
	if adding && !slices.Contains(certification.Checklists[string(u.Kind)], item) {
		return fault.Input("item", "%s is not on the checklist of a filing of kind %s", item, u.Kind)
	}
	return nil
}

// certificationMaterialHook: a material is handed in for an item of its
// filing kind's checklist while the filing can be changed (a draft, or
// returned), and taken back only then.
func certificationMaterialHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.CertificationMaterialFunc(func(ctx context.Context, m *gen.CertificationMaterialMutation) (ent.Value, error) {
			var unitID int
			if m.Op().Is(ent.OpCreate) {
				unitID, _ = m.UnitID()
			} else {
				id, _ := m.ID()
				mat, err := m.Client().CertificationMaterial.Get(ctx, id)
				if err != nil {
					return nil, err
				}
				unitID = mat.UnitID
			}
			u, err := m.Client().CertificationUnit.Get(ctx, unitID)
			if gen.IsNotFound(err) {
				return nil, fault.New(fault.NotFound, "no such filing")
			} else if err != nil {
				return nil, err
			}
			item, _ := m.Item()
			if err := MaterialAllowed(u, string(item), m.Op().Is(ent.OpCreate)); err != nil {
				return nil, err
			}
			if m.Op().Is(ent.OpCreate) {
				m.SetRegionID(u.RegionID)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpDeleteOne)
}

// certificationMaterialPolicy: read and handed in by whoever reads and
// changes the filing (its organisation's staff, the officials of its region).
func certificationMaterialPolicy() ent.Policy {
	ofOrg := func(v *viewer.Viewer) entql.P {
		return entql.HasEdgeWith("unit", entql.FieldEQ("organization_id", v.OrgID))
	}
	return privacy.Policy{
		Query: scopedRead(scope{region: inRegionSubtree, staff: ofOrg}),
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(genprivacy.CertificationMaterialMutationRuleFunc(func(ctx context.Context, m *gen.CertificationMaterialMutation) error {
				// The filing must be one the viewer reads (the hook reads it in their scope) and may change.
				v := viewer.FromContext(ctx)
				if v.Role == viewer.InstitutionStaff || v.Role == viewer.RegionOfficial {
					return privacy.Allow
				}
				return privacy.Skip
			}), ent.OpCreate),
			privacy.OnMutationOperation(filterBy(func(v *viewer.Viewer) entql.P {
				switch {
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0:
					return ofOrg(v)
				case v.Role == viewer.RegionOfficial:
					return inRegionSubtree(v)
				}
				return nil
			}), ent.OpDeleteOne),
			privacy.AlwaysDenyRule(),
		},
	}
}
