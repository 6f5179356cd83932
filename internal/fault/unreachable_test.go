package fault

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"testing"
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
		{Input("size", "the file is empty"), false},
		{errors.New("internal: nil map"), false},
		{nil, false},
	} {
		if got := Unreachable(c.err); got != c.want {
			t.Errorf("Unreachable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
