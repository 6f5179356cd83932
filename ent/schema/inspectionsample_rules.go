package schema

import (
	"entgo.io/ent"
)

func inspectionSamplePolicy() ent.Policy { return reviewerScoped(false) }
