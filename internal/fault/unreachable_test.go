package fault

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/hnvt/bairi/storage"
)

// TestUnreachable: connection failures of the database and storage are told
// apart from refusals and from the server's own faults.
func TestUnreachable(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true},
		{fmt.Errorf("starting the upload: %w", &net.OpError{Op: "read", Err: syscall.ECONNRESET}), true},
		{fmt.Errorf("storage: Post \"http://127.0.0.1:9000/b/k?uploads=\": Connection closed by foreign host"), true},
		{errors.New("failed to connect to `user=postgres database=x`: dial error"), true},
		{context.DeadlineExceeded, true},
		// Storage answering InternalError to a completion: S3 says try again.
		{fmt.Errorf("completing the upload: %w", storage.ErrBusy), true},
		// A PostgreSQL restart, as the soak suite met it.
		{fmt.Errorf("depositFunds %w", &pgconn.PgError{Severity: "FATAL", Code: "57P01", Message: "terminating connection due to unexpected postmaster exit"}), true},
		{&pgconn.PgError{Severity: "FATAL", Code: "57P03", Message: "the database system is not yet accepting connections"}, true},
		{&pgconn.PgError{Code: "08006", Message: "connection failure"}, true},
		{&pgconn.PgError{Code: "57014", Message: "canceling statement due to statement timeout"}, false},
		{&pgconn.PgError{Code: "23505", Message: "duplicate key value violates unique constraint"}, false},
		{Input("size", "the file is empty"), false},
		{errors.New("internal: nil map"), false},
		{nil, false},
	} {
		if got := Unreachable(c.err); got != c.want {
			t.Errorf("Unreachable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
