package graph

import (
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/apprenticeship"
	"github.com/hnvt/bairi/internal/persons"
)

// contractOf maps signApprenticeshipContract's input onto the service's contract.
func contractOf(in model.ApprenticeshipContractInput) apprenticeship.Contract {
	k := apprenticeship.Contract{EnterpriseID: in.EnterpriseID, SchoolID: in.SchoolID, Occupation: in.Occupation,
		StartsOn: in.StartsOn, Months: in.Months, Dispatched: in.Dispatched, SignedOn: in.SignedOn}
	if in.Apprentice != nil {
		k.Apprentice = persons.Entry{Name: in.Apprentice.Name, IDNumber: in.Apprentice.IDNumber}
	}
	if in.Level != nil {
		k.Level = *in.Level
		if k.Level == 0 {
			k.Level = -1 // said, and out of range
		}
	}
	if in.EnterpriseTutor != nil {
		k.EnterpriseTutor = *in.EnterpriseTutor
	}
	if in.SchoolTutor != nil {
		k.SchoolTutor = *in.SchoolTutor
	}
	return k
}
