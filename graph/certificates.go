package graph

import (
	"context"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/certificates"
	"github.com/hnvt/bairi/internal/certsign"
)

// CheckCertificate is the public check outside GraphQL (the server's POST
// /api/certificate-check): by the holder's name, or by a QR link's token
// when name is empty, answered as verifyCertificate and
// verifyCertificateLink answer.
func (r *Resolver) CheckCertificate(ctx context.Context, number, name, token string) (*model.CertificateCheck, error) {
	if token != "" {
		return r.verifyCertificateLink(ctx, number, token)
	}
	return r.verifyCertificate(ctx, number, name)
}

// verifyCertificate maps the public check: NOT_FOUND for an unknown number
// and a wrong name alike, masked details otherwise.
func (r *Resolver) verifyCertificate(ctx context.Context, number, name string) (*model.CertificateCheck, error) {
	return certificateCheck(r.Certificates.Verify(ctx, number, name))
}

// verifyCertificateLink maps the check of a QR code's signed link, which
// answers like verifyCertificate without the holder's name.
func (r *Resolver) verifyCertificateLink(ctx context.Context, number, token string) (*model.CertificateCheck, error) {
	return certificateCheck(r.Certificates.VerifyLink(ctx, number, token))
}

// certificateCheck is what a checker learns: masked details and the status,
// NOT_FOUND when there is no certificate to show.
func certificateCheck(c *ent.Certificate, err error) (*model.CertificateCheck, error) {
	if err != nil {
		return nil, err
	}
	if c == nil {
		return &model.CertificateCheck{Status: model.CertificateCheckStatusNotFound}, nil
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
