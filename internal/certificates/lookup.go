package certificates

import (
	"context"
	"errors"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
)

// checkSQL is the public check's SELECT on PostgreSQL, built once by ent's
// SQL builder from the schema's names (checkedFields of the number's row).
var checkSQL = func() string {
	t := entsql.Table(certificate.Table)
	q, _ := entsql.Dialect(dialect.Postgres).Select(t.Columns(checkedFields...)...).From(t).
		Where(entsql.EQ(t.C(certificate.FieldNumber), "")).Limit(1).Query()
	return q
}()

// publicCheck is what the certificate policy is asked about before the
// direct read: a read that is not an ent query, so that a rule that would
// filter the rows (every rule but the check's purpose) denies it instead
// of being left out of the SQL.
type publicCheck struct{}

// lookup reads the certificate of a number for a public check straight
// from the pool, on PostgreSQL outside a transaction: the busiest query of
// all (anyone asks it, by number), whose SQL never changes, so it skips
// what ent pays per query for its generality (building the SQL, the
// interceptors, database/sql's wrapping of pgx): a third of the server's CPU
// per check (README, "Figures at province scale"). The certificate policy
// still decides first (certificate_rules.go: the check's purpose reads any
// certificate by number). Nil, nil when there is none.
func (s *Service) lookup(ctx context.Context, number string) (*ent.Certificate, error) {
	if err := certificate.Policy.EvalQuery(ctx, publicCheck{}); err != nil {
		return nil, err
	}
	var c ent.Certificate
	var kind, status string
	// the columns of checkedFields, in their order
	err := s.Pool.QueryRow(ctx, checkSQL, number).Scan(&c.Number, &kind, &c.Level, &c.Occupation,
		&c.IssuedAt, &status, &c.HolderName, &c.HolderIDMasked, &c.IssuerName)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c.Kind, c.Status = certificate.Kind(kind), certificate.Status(status)
	return &c, nil
}
