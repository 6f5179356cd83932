package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/privacy"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/hnvt/bairi/internal/viewer"
)

// CertificateSerial is the last serial given out in one region and year
// (a certificate number's prefix): numbers are taken by incrementing it in the
// issuing transaction, which holds its row until commit, so that concurrent
// issuers never pick the same number.
type CertificateSerial struct{ ent.Schema }

// Fields of the CertificateSerial.
func (CertificateSerial) Fields() []ent.Field {
	return []ent.Field{
		field.String("prefix").Unique().Immutable().MinLen(10).MaxLen(10),
		field.Int("last").NonNegative(),
	}
}

// Annotations of the CertificateSerial.
func (CertificateSerial) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the CertificateSerial: only the number allocation reads or writes it.
func (CertificateSerial) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPurpose(viewer.PurposeCertNumber), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{allowPurpose(viewer.PurposeCertNumber), privacy.AlwaysDenyRule()},
	}
}
