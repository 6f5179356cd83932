package graph

import (
	"context"
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/workday"
)

// The times and dates the API accepts anywhere: a year outside these is a
// typing slip (0001-01-01 from an empty picker), and lists, deadlines and
// the databases break on them.
var (
	earliestTime = time.Date(1900, time.January, 1, 0, 0, 0, 0, workday.China)
	endOfTime    = time.Date(2101, time.January, 1, 0, 0, 0, 0, workday.China) // exclusive: 2100-12-31 is the last day
)

// inputGuard refuses, before any resolver runs and so before anything is
// written, a request whose arguments hold what no field accepts: a NUL
// character in any text (PostgreSQL refuses it in text; uploaded files'
// names count) or a Time or Date outside 1900-01-01 .. 2100-12-31. It walks
// every argument of every field of the operation (variables, literals and
// fragments alike) along the schema's input types, so a new mutation or
// input field is covered without a line here. The fault names the field as
// ent does (file_name) and says it in the request's language.
type inputGuard struct{ schema *ast.Schema }

var (
	_ graphql.HandlerExtension        = inputGuard{}
	_ graphql.OperationContextMutator = inputGuard{}
)

func (inputGuard) ExtensionName() string                   { return "InputGuard" }
func (inputGuard) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext runs once the operation is parsed and validated and
// its variables read, before any field is resolved.
func (g inputGuard) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if err := g.selections(oc.Operation.SelectionSet, oc.Variables, map[string]bool{}); err != nil {
		return &gqlerror.Error{Err: err, Message: err.Error()}
	}
	return nil
}

func (g inputGuard) selections(set ast.SelectionSet, vars map[string]any, seen map[string]bool) error {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Definition != nil {
				for _, arg := range s.Arguments {
					def := s.Definition.Arguments.ForName(arg.Name)
					if def == nil || arg.Value == nil {
						continue
					}
					v, err := arg.Value.Value(vars)
					if err != nil {
						continue // validation has answered already
					}
					if err := g.value(def.Type, v, def.Name); err != nil {
						return err
					}
				}
			}
			if err := g.selections(s.SelectionSet, vars, seen); err != nil {
				return err
			}
		case *ast.InlineFragment:
			if err := g.selections(s.SelectionSet, vars, seen); err != nil {
				return err
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if err := g.selections(s.Definition.SelectionSet, vars, seen); err != nil {
				return err
			}
		}
	}
	return nil
}

// value checks v, given for an argument or input field called name of type t.
func (g inputGuard) value(t *ast.Type, v any, name string) error {
	if v == nil {
		return nil
	}
	if t.Elem != nil {
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice {
			for i := range rv.Len() {
				if err := g.value(t.Elem, rv.Index(i).Interface(), name); err != nil {
					return err
				}
			}
			return nil
		}
		return g.value(t.Elem, v, name) // one value given for a list
	}
	if def := g.schema.Types[t.NamedType]; def != nil && def.Kind == ast.InputObject {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		for _, f := range def.Fields {
			if err := g.value(f.Type, m[f.Name], f.Name); err != nil {
				return err
			}
		}
		return nil
	}
	return leafValue(t.NamedType, v, name)
}

// leafValue checks a scalar or enum value: text of any type, an upload's
// file name and type, the range of a Time or a Date.
func leafValue(typ string, v any, name string) error {
	switch x := v.(type) {
	case string:
		if strings.ContainsRune(x, 0) {
			return nulFault(name)
		}
		switch typ {
		case "Time":
			if t, err := model.UnmarshalTime(x); err == nil && !timeInRange(t) {
				return rangeFault(name)
			}
		case "Date":
			if d, err := workday.ParseDate(x); err == nil && (d.Year < 1900 || d.Year > 2100) {
				return rangeFault(name)
			}
		}
	case graphql.Upload:
		if strings.ContainsRune(x.Filename, 0) || strings.ContainsRune(x.ContentType, 0) {
			return nulFault(name)
		}
	case *graphql.Upload:
		if x != nil {
			return leafValue(typ, *x, name)
		}
	case map[string]any: // a JSON-like scalar
		for k, e := range x {
			if strings.ContainsRune(k, 0) {
				return nulFault(name)
			}
			if err := leafValue("", e, name); err != nil {
				return err
			}
		}
	case []any:
		for _, e := range x {
			if err := leafValue("", e, name); err != nil {
				return err
			}
		}
	}
	return nil
}

// timeInRange reports whether t lies between 1900-01-01 and 2100-12-31
// (China time), the times the API accepts.
func timeInRange(t time.Time) bool {
	return !t.Before(earliestTime) && t.Before(endOfTime)
}

// nulFault and rangeFault name the field in the message, in Chinese by its
// term (fault.FieldName).
func nulFault(name string) error {
	field := fieldName(name)
	return fault.Input(field, "%s must not contain the NUL character (\\u0000)", fault.FieldName(field))
}

func rangeFault(name string) error {
	field := fieldName(name)
	return fault.Input(field, "%s must lie between 1900-01-01 and 2100-12-31", fault.FieldName(field))
}

// fieldName is a GraphQL argument or input field name as ent and the error
// presenter name fields: fileName is file_name, classIDs class_ids.
func fieldName(s string) string {
	var b strings.Builder
	var prev rune
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(prev) || unicode.IsDigit(prev)) {
				b.WriteByte('_')
			}
			prev = r
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		prev = r
		b.WriteRune(r)
	}
	return b.String()
}
