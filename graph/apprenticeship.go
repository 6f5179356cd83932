package graph

import (
	"context"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/schema"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/viewer"
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

// contractParty names the enterprise or school of a credit code for a
// signed-in viewer (viewer.PurposeContract: it may lie outside their scope),
// with no more than a contract shows of it.
func (r *Resolver) contractParty(ctx context.Context, creditCode string) (*model.ContractParty, error) {
	if viewer.FromContext(ctx) == nil {
		return nil, fault.New(fault.Unauthenticated, "sign in to look organisations up")
	}
	code, err := idcheck.CreditCode(creditCode)
	if err != nil {
		return nil, fault.Input("creditCode", "%s %s", fault.IDField(err), fault.IDReason(err))
	}
	org, err := r.db(ctx).Organization.Query().Where(organization.CreditCode(code)).WithRegion().
		Only(viewer.WithPurpose(ctx, viewer.PurposeContract))
	if ent.IsNotFound(err) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if _, school := schema.ApprenticeshipSchoolKinds[string(org.Kind)]; !school && org.Kind != organization.KindENTERPRISE {
		return nil, nil
	}
	p := &model.ContractParty{ID: org.ID, Name: org.Name, Kind: org.Kind}
	if org.Edges.Region != nil {
		p.RegionName = org.Edges.Region.Name
	}
	return p, nil
}
