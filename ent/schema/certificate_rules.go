package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/enrollment"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
)

// certificateHook keeps certificates consistent: the issuer's region, a level
// only for skill-level certificates, assessment certificates only for
// persons enrolled in a completed class, and honest status changes.
func certificateHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.CertificateFunc(func(ctx context.Context, m *gen.CertificateMutation) (ent.Value, error) {
			c := m.Client()
			if m.Op().Is(ent.OpCreate) {
				iid, _ := m.IssuerID()
				org, err := c.Organization.Get(ctx, iid)
				if err != nil {
					if gen.IsNotFound(err) {
						return nil, fault.Input("issuer", "no such issuing organisation")
					}
					return nil, err
				}
				m.SetRegionID(org.RegionID)
				if err := m.SetField("issuer_name", org.Name); err != nil {
					return nil, err
				}
				hid, _ := m.HolderID()
				holder, err := c.Person.Get(viewer.WithPurpose(ctx, viewer.PurposeEnroll), hid)
				if err != nil {
					return nil, err
				}
				if err := m.SetField("holder_name", holder.Name); err != nil {
					return nil, err
				}
				if err := m.SetField("holder_id_masked", holder.IDMasked); err != nil {
					return nil, err
				}
				kind, _ := m.Kind()
				_, hasLevel := m.Level()
				if kind == certificate.KindSKILL_LEVEL && !hasLevel {
					return nil, fault.Input("level", "a skill-level certificate needs a level from 5 (初级工) to 1 (高级技师)")
				}
				if level, _ := m.Level(); kind == certificate.KindSKILL_LEVEL && level >= 1 && level <= 5 {
					// R8: only under an approved filing that covers the occupation and level.
					occupation, _ := m.Occupation()
					covered, err := CertificationCovers(ctx, c, iid, occupation, level)
					if err != nil {
						return nil, err
					}
					if !covered {
						return nil, fault.Input("level", NotCertifiedFormat, org.Name, occupation, level)
					}
				}
				if kind == certificate.KindTRAINING_QUALIFICATION && hasLevel {
					m.ClearLevel()
				}
				if src, _ := m.Source(); src == certificate.SourceASSESSMENT {
					cid, ok := m.ClassID()
					if !ok {
						return nil, fault.Input("classID", "an assessment certificate belongs to a class")
					}
					class, err := c.TrainingClass.Get(ctx, cid)
					if err != nil {
						return nil, err
					}
					if err := lifecycle.Class.Require("RECORD_RESULTS", string(class.Status),
						"assessment results are recorded for completed classes; this class is %s", class.Status); err != nil {
						return nil, err
					}
					enrolled, err := c.Enrollment.Query().Where(enrollment.ClassID(cid), enrollment.PersonID(hid)).Exist(ctx)
					if err != nil {
						return nil, err
					}
					if !enrolled {
						return nil, fault.Input("personID", "person %d is not enrolled in this class", hid)
					}
				}
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			old, err := c.Certificate.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if to, ok := m.Status(); ok && to != old.Status {
				if err := lifecycle.Certificate.Check(string(old.Status), string(to)); err != nil {
					return nil, err
				}
				if r, _ := m.RevokeReason(); to == certificate.StatusREVOKED && r == "" {
					return nil, fault.Input("reason", "a revocation needs a reason")
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

func certificatePolicy() ent.Policy {
	return privacy.Policy{
		Query: append(privacy.QueryPolicy{allowPurpose(viewer.PurposeVerify)}, scopedQuery(scope{region: inRegionSubtree,
			staff:   func(v *viewer.Viewer) entql.P { return entql.FieldEQ("issuer_id", v.OrgID) },
			trainee: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("holder_id", v.PersonID) }})...),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			genprivacy.CertificateMutationRuleFunc(func(ctx context.Context, m *gen.CertificateMutation) error {
				v := viewer.FromContext(ctx)
				switch {
				case m.Op().Is(ent.OpCreate) && v.Role == viewer.InstitutionStaff:
					if iid, _ := m.IssuerID(); iid == v.OrgID && v.OrgID != 0 {
						return privacy.Allow
					}
					return privacy.Denyf("staff issue certificates of their own organisation")
				case m.Op().Is(ent.OpCreate) && v.Role == viewer.RegionOfficial:
					iid, _ := m.IssuerID()
					// The issuer must lie in the official's subtree (the query is filtered by scope).
					if _, err := m.Client().Organization.Get(ctx, iid); err != nil {
						return privacy.Denyf("issuer outside the viewer's subtree")
					}
					return privacy.Allow
				case m.Op().Is(ent.OpUpdateOne) && v.Role == viewer.RegionOfficial:
					m.Filter().Where(inRegionSubtree(v))
					return privacy.Allow
				}
				return privacy.Skip
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}
