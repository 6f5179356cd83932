package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/hook"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

var levelRank = map[string]int{"PROVINCE": 1, "CITY": 2, "COUNTY": 3}

// regionPathHook fills a new region's materialised path from its parent and
// refuses a level that is not below the parent's.
func regionPathHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.RegionFunc(func(ctx context.Context, m *gen.RegionMutation) (ent.Value, error) {
			code, _ := m.Code()
			level, _ := m.Level()
			pid, hasParent := m.ParentID()
			if !hasParent {
				if level != region.LevelPROVINCE {
					return nil, fault.Input("parentID", "only a province has no parent region")
				}
				m.SetPath(code + "/")
				return next.Mutate(ctx, m)
			}
			parent, err := m.Client().Region.Get(ctx, pid)
			if err != nil {
				if gen.IsNotFound(err) {
					return nil, fault.Input("parentID", "no such parent region")
				}
				return nil, err
			}
			if levelRank[string(level)] <= levelRank[string(parent.Level)] {
				return nil, fault.Input("level", "a %s cannot be placed under a %s", level, parent.Level)
			}
			m.SetPath(parent.Path + code + "/")
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			return v, subtreeGrew(ctx, m, parent.Path)
		})
	}, ent.OpCreate)
}

// subtreeGrew ends the sessions of the users of every region above a new
// one (the parent at path and its ancestors), on every instance: their
// sessions remember the ids of their subtree (viewer.Subtree), which the
// new region now belongs to.
func subtreeGrew(ctx context.Context, m *gen.RegionMutation, path string) error {
	var above []string
	for i, c := range path {
		if c == '/' {
			above = append(above, path[:i+1])
		}
	}
	ctx = viewer.WithPurpose(ctx, viewer.PurposeAuth)
	users, err := m.Client().User.Query().Where(user.HasRegionWith(region.PathIn(above...))).IDs(ctx)
	if err != nil {
		return err
	}
	return sessionsChanged(ctx, m.Sessions, m, users)
}

func regionPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{allowPurpose(viewer.PurposeAuth), allowPurpose(viewer.PurposePublicity), allowAnyViewer(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.OnMutationOperation(genprivacy.RegionMutationRuleFunc(func(ctx context.Context, m *gen.RegionMutation) error {
				v := viewer.FromContext(ctx)
				pid, ok := m.ParentID()
				if v.Role != viewer.RegionOfficial || !ok {
					return privacy.Skip
				}
				path, err := regionPath(ctx, m.Client(), pid)
				if err != nil {
					return err
				}
				if v.InSubtree(path) {
					return privacy.Allow
				}
				return privacy.Skip
			}), ent.OpCreate),
			privacy.AlwaysDenyRule(),
		},
	}
}
