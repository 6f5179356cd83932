// Package ruletest is a fast harness for testing the rules of the ent schema
// (privacy policies and hooks) directly on an in-memory SQLite ent client,
// without a server: a fixture world of regions, organisations, persons and
// users, a context per viewer, and a classifier for the kinds of errors the
// rules raise. It is used only by tests.
package ruletest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "modernc.org/sqlite" // the embedded database of the product

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/privacy"
	_ "github.com/hnvt/bairi/ent/runtime" // hooks, policies and defaults: without it they are silently missing
	"github.com/hnvt/bairi/internal/fault"
)

// databases numbers the in-memory databases of this process so that each is new.
var databases atomic.Int64

// migrating serialises Schema.Create: ent's migration writes the package-level
// table descriptors, so parallel tests may not run it at the same time.
var migrating sync.Mutex

// Open returns an ent client on a new, empty in-memory SQLite database with
// the schema created, closed when the test ends. Options (ent.Settings, …)
// are passed to the client.
func Open(t testing.TB, opts ...ent.Option) *ent.Client {
	t.Helper()
	dsn := fmt.Sprintf("file:ruletest-%d?mode=memory&cache=shared&_pragma=foreign_keys(1)&_time_format=sqlite", databases.Add(1))
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	// One connection: the in-memory database lives as long as it does, and
	// SQLite serialises writers anyway, as in the product.
	db.SetMaxOpenConns(1)
	drv := entsql.OpenDB(dialect.SQLite, db)
	client := ent.NewClient(append(opts, ent.Driver(drv))...)
	t.Cleanup(func() { client.Close() })
	migrating.Lock()
	err = client.Schema.Create(context.Background())
	migrating.Unlock()
	if err != nil {
		t.Fatalf("creating the schema: %v", err)
	}
	return client
}

// System returns a context in which every policy allows: for building fixtures.
func System() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

// Outcome is the kind of result of a query or mutation, as a client would
// tell it apart: allowed, refused, not found, or a fault code.
type Outcome string

// Outcomes of a query or mutation.
const (
	// OK means no error.
	OK Outcome = "OK"
	// Denied means a privacy policy refused (privacy.Deny: FORBIDDEN).
	Denied Outcome = "DENIED"
	// NotFound means the row is not there or out of the viewer's scope.
	NotFound Outcome = "NOT_FOUND"
	// Invalid means an ent field validator refused a value.
	Invalid Outcome = "INVALID"
	// Constraint means the database refused (unique key, foreign key).
	Constraint Outcome = "CONSTRAINT"
	// BadInput is the fault code BAD_USER_INPUT raised by a hook.
	BadInput = Outcome(fault.BadUserInput)
	// Conflict is the fault code CONFLICT raised by a hook.
	Conflict = Outcome(fault.Conflict)
	// Other is any other error.
	Other Outcome = "OTHER"
)

// OutcomeOf classifies an error by its kind, never by its text.
func OutcomeOf(err error) Outcome {
	if err == nil {
		return OK
	}
	if errors.Is(err, privacy.Deny) {
		return Denied
	}
	if f, ok := fault.As(err); ok {
		return Outcome(f.Code)
	}
	switch {
	case ent.IsNotFound(err):
		return NotFound
	case ent.IsValidationError(err):
		return Invalid
	case ent.IsConstraintError(err):
		return Constraint
	}
	return Other
}

// Expect fails the test unless err is of the wanted kind.
func Expect(t testing.TB, err error, want Outcome) {
	t.Helper()
	if got := OutcomeOf(err); got != want {
		t.Fatalf("got %s (%v), want %s", got, err, want)
	}
}
