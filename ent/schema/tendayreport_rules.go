package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/tendayreport"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
)

// tenDayReportHook: a submitted report never changes; a report is
// submitted once, by whom and when recorded.
func tenDayReportHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.TenDayReportFunc(func(ctx context.Context, m *gen.TenDayReportMutation) (ent.Value, error) {
			id, _ := m.ID()
			old, err := m.Client().TenDayReport.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if old.Status == tendayreport.StatusSUBMITTED {
				return nil, fault.New(fault.Conflict, "a submitted ten-day report never changes: correct it with a new version")
			}
			if to, ok := m.Status(); ok && to != old.Status {
				if err := lifecycle.TenDayReport.CheckBy(viewer.FromContext(ctx).Role, string(old.Status), string(to)); err != nil {
					return nil, err
				}
				m.SetSubmittedAt(m.Clock.Now())
				m.SetSubmittedBy(viewer.FromContext(ctx).UserID)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpUpdateOne)
}

// tenDayReportPolicy: the officials (and finance officers and inspectors)
// of a region and above read its reports; its own officials submit and
// correct them; the job (the system) and the admin freeze them.
func tenDayReportPolicy() ent.Policy {
	return privacy.Policy{
		Query: scopedRead(scope{region: inRegionSubtree}),
		Mutation: privacy.MutationPolicy{
			privacy.OnMutationOperation(filterBy(func(v *viewer.Viewer) entql.P {
				if v.Role == viewer.RegionOfficial {
					return entql.FieldEQ("region_id", v.RegionID)
				}
				return nil
			}), ent.OpUpdateOne),
			privacy.OnMutationOperation(allowPurpose(viewer.PurposeReports), ent.OpCreate),
			privacy.AlwaysDenyRule(),
		},
	}
}
