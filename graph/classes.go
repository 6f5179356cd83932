package graph

import (
	"context"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/trainingclass"
)

// setClassStatus moves a class through its state machine (the hook refuses
// illegal transitions).
func setClassStatus(ctx context.Context, id int, to trainingclass.Status, reason string) (*ent.TrainingClass, error) {
	u := ent.FromContext(ctx).TrainingClass.UpdateOneID(id).SetStatus(to)
	if reason != "" {
		u.SetRejectReason(reason)
	}
	return u.Save(ctx)
}
