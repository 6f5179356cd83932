package schema

import (
	"context"
	"strings"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/applicationline"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// lineRemarkHook: a remark is for a voucher line, is not blank, and is
// stamped with its time.
func lineRemarkHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.ApplicationLineFunc(func(ctx context.Context, m *gen.ApplicationLineMutation) (ent.Value, error) {
			remark, ok := m.Remark()
			if !ok {
				return next.Mutate(ctx, m)
			}
			if strings.TrimSpace(remark) == "" {
				return nil, fault.Input("remark", "write the remark: the trainee's electronic certificate number stands as the voucher")
			}
			id, _ := m.ID()
			line, err := m.Client().ApplicationLine.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if !line.Voucher {
				return nil, fault.New(fault.Conflict, "only a trainee counted through an electronic-certificate voucher (R12) takes a remark")
			}
			m.SetRemark(strings.TrimSpace(remark))
			m.SetRemarkedAt(m.Clock.Now())
			return next.Mutate(ctx, m)
		})
	}, ent.OpUpdateOne)
}

// applicationLinePolicy: lines are written as the application is submitted
// (PurposeClaim); the HR officials of the application's own region (the
// county) write the R12 remarks, not the regions above; reading follows
// the application.
func applicationLinePolicy() ent.Policy {
	return privacy.Policy{
		Query: append(privacy.QueryPolicy{allowPurpose(viewer.PurposePublicity)}, scopedQuery(scope{region: inRegionSubtree,
			staff: func(v *viewer.Viewer) entql.P {
				return entql.HasEdgeWith("application", entql.FieldEQ("organization_id", v.OrgID))
			}})...),
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(allowPurpose(viewer.PurposeClaim), ent.OpCreate),
			denyIfNoViewer(),
			privacy.DenyMutationOperationRule(ent.OpCreate | ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			genprivacy.ApplicationLineMutationRuleFunc(func(ctx context.Context, m *gen.ApplicationLineMutation) error {
				v := viewer.FromContext(ctx)
				id, _ := m.ID()
				reg, err := m.Client().ApplicationLine.Query().Where(applicationline.ID(id)).QueryRegion().Only(ctx)
				if err != nil {
					return err // not found when outside the viewer's scope
				}
				if !v.OfficialOf(reg.ID) {
					return privacy.Denyf("the HR officials of %s (the county) write the R12 remark", reg.Name)
				}
				return privacy.Allow
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}
