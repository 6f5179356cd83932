// Package lifecycle holds every state machine of the product, one table each:
// its states, the actions taken in them (those that move to another state and
// those that keep it), and the roles that may take each action besides the
// province admin. The schema's enums, hooks and policies and the API's
// allowedActions all read these tables; nothing else encodes a machine.
package lifecycle

import (
	"slices"

	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// Action is something a user (or the system) does to a record in some states.
type Action struct {
	// Name is the verb the API and the PWA use, e.g. "APPROVE".
	Name string
	// From lists the states the action may be taken in.
	From []string
	// To is the state the action leads to; empty when the state stays.
	To string
	// By lists the roles that may take the action besides the province admin;
	// empty means the system alone (a workflow, not a user's button).
	By []viewer.Role
}

// Machine is one state machine.
type Machine struct {
	// Noun names a record in messages: "a class" gives "a class that is DRAFT cannot become APPROVED".
	Noun string
	// States lists every state, the initial one first.
	States  []string
	Actions []Action
}

// Initial is the state a new record starts in.
func (m *Machine) Initial() string { return m.States[0] }

// Check refuses a change of state that no action of the table makes, with a
// CONFLICT that names both states.
func (m *Machine) Check(from, to string) error {
	for _, a := range m.Actions {
		if a.To == to && a.To != "" && slices.Contains(a.From, from) {
			return nil
		}
	}
	return fault.New(fault.Conflict, "%s that is %s cannot become %s", m.Noun, from, to)
}

// In reports whether the named action may be taken in the given state.
func (m *Machine) In(action, state string) bool {
	a, ok := m.action(action)
	return ok && slices.Contains(a.From, state)
}

// From lists the states the named action may be taken in (for queries that
// select the records an action applies to).
func (m *Machine) From(action string) []string {
	a, _ := m.action(action)
	return a.From
}

// Require is In as an error: a CONFLICT that says in which state the action
// is not possible.
func (m *Machine) Require(action, state string, format string, args ...any) error {
	if m.In(action, state) {
		return nil
	}
	return fault.New(fault.Conflict, format, args...)
}

// MayReach reports whether the role may take some action that leads to the
// state; the province admin may take every action.
func (m *Machine) MayReach(role viewer.Role, to string) bool {
	if role == viewer.ProvinceAdmin {
		return true
	}
	for _, a := range m.Actions {
		if a.To == to && slices.Contains(a.By, role) {
			return true
		}
	}
	return false
}

// CheckBy is Check for a viewer of the role: some action the role may take
// leads from one state to the other. A move no action makes is a Conflict;
// one the role may not make is Forbidden.
func (m *Machine) CheckBy(role viewer.Role, from, to string) error {
	if err := m.Check(from, to); err != nil {
		return err
	}
	for _, a := range m.Actions {
		if a.To == to && slices.Contains(a.From, from) && (role == viewer.ProvinceAdmin || slices.Contains(a.By, role)) {
			return nil
		}
	}
	return fault.New(fault.Forbidden, "your role may not make %s that is %s %s", m.Noun, from, to)
}

// Allowed lists, in table order, the actions the viewer may take on a record
// in the given state: the state allows them and the viewer's role may take
// them. Scope (region, organisation) is the privacy policies' business: a
// record the viewer can read is one whose actions the role may take.
func (m *Machine) Allowed(state string, v *viewer.Viewer) []string {
	out := []string{}
	if v == nil {
		return out
	}
	for _, a := range m.Actions {
		if slices.Contains(a.From, state) && (v.Admin() || slices.Contains(a.By, v.Role)) {
			out = append(out, a.Name)
		}
	}
	return out
}

func (m *Machine) action(name string) (Action, bool) {
	for _, a := range m.Actions {
		if a.Name == name {
			return a, true
		}
	}
	return Action{}, false
}

// undeclared lists the states the actions use that the table does not
// declare: none for a well-formed machine (a test checks every table).
func (m *Machine) undeclared() []string {
	var out []string
	for _, a := range m.Actions {
		for _, s := range append(slices.Clone(a.From), a.To) {
			if s != "" && !slices.Contains(m.States, s) && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// As converts state names to an ent enum type, for queries.
func As[S ~string](names []string) []S {
	out := make([]S, len(names))
	for i, n := range names {
		out[i] = S(n)
	}
	return out
}
