package graph

import (
	"context"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/certificates"
	"github.com/hnvt/bairi/internal/certsign"
)

// verifyCertificate maps the public check: NOT_FOUND for an unknown number
// and a wrong name alike, masked details otherwise.
func (r *Resolver) verifyCertificate(ctx context.Context, number, name string) (*model.CertificateCheck, error) {
	c, err := r.Certificates.Verify(ctx, number, name)
	if err != nil || c == nil {
		return &model.CertificateCheck{Status: model.CertificateCheckStatusNotFound}, err
	}
	out := &model.CertificateCheck{
		HolderName: ptr(certsign.MaskName(c.HolderName)), IDNumberMasked: ptr(c.HolderIDMasked),
		Kind: &c.Kind, Occupation: ptr(c.Occupation), Level: c.Level, IssuerName: ptr(c.IssuerName), IssuedAt: &c.IssuedAt,
	}
	switch c.Status {
	case certificate.StatusISSUED:
		out.Status = model.CertificateCheckStatusValid
	case certificate.StatusREVOKED:
		out.Status = model.CertificateCheckStatusRevoked
	default:
		out.Status = model.CertificateCheckStatusPendingElectronic
	}
	return out, nil
}

func ptr[T any](v T) *T { return &v }

// recordAssessmentResults maps the results onto the certificate service.
func (r *Resolver) recordAssessmentResults(ctx context.Context, classID int, in []*model.AssessmentResultInput) ([]*ent.Certificate, error) {
	results := make([]certificates.Result, len(in))
	for i, x := range in {
		results[i] = certificates.Result{PersonID: x.PersonID, Passed: x.Passed, Level: x.Level, Electronic: x.ElectronicCertificate}
	}
	return r.Certificates.Issue(ctx, classID, results)
}
