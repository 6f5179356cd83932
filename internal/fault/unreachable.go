package fault

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
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
	var pg *pgconn.PgError
	var busy interface{ Unavailable() bool }
	switch {
	case errors.As(err, &busy) && busy.Unavailable():
		// A dependency that says so itself (storage.ErrBusy).
		return true
	case errors.As(err, &pg):
		// PostgreSQL going down or coming up says so with its own codes: the
		// connection exceptions (class 08), and a session ended by a shutdown
		// or a crash, or refused while the database starts (57P01-57P03).
		return strings.HasPrefix(pg.Code, "08") || pg.Code == "57P01" || pg.Code == "57P02" || pg.Code == "57P03"
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
