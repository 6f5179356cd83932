package fault

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
)

// Unreachable reports whether err says a service the server depends on (the
// database, storage) could not be reached or dropped the connection, rather
// than refused the request: the client gets UNAVAILABLE and may try again.
func Unreachable(err error) bool {
	if err == nil {
		return false
	}
	var op *net.OpError
	var dns *net.DNSError
	switch {
	case errors.As(err, &op), errors.As(err, &dns),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, context.DeadlineExceeded):
		return true
	}
	// pgx and minio-go say some of these only in words.
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"failed to connect", "conn closed", "connection reset", "connection refused", "broken pipe",
		"unexpected eof", "connection closed by foreign host", "server closed idle connection"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
