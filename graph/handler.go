package graph

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"unicode"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/logredact"
	"github.com/hnvt/bairi/internal/viewer"
)

// ComplexityLimit bounds how much one query may ask for.
const ComplexityLimit = 500

// ParserTokenLimit bounds a document's tokens before it is parsed and
// validated (validation is quadratic in repeated fields: a 440 KB document
// of 40,000 fields took 92 s of CPU). The app's largest operation has a few
// hundred tokens; introspection about 1,000.
const ParserTokenLimit = 5000

// Options configure the GraphQL handler.
type Options struct {
	Introspection bool
	Logger        *slog.Logger
	MaxUploadSize int64
}

// NewHandler returns the GraphQL HTTP handler: POST and GET transports,
// multipart uploads, a complexity limit, a query cache, every mutation in
// one transaction, and errors that carry extensions.code.
func NewHandler(r *Resolver, opts Options) http.Handler {
	schema := NewExecutableSchema(Config{Resolvers: r})
	srv := handler.New(schema)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	maxUpload := opts.MaxUploadSize
	if maxUpload == 0 {
		maxUpload = 8 << 20
	}
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: maxUpload, MaxMemory: 8 << 20})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(ParserTokenLimit)
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		// "Did you mean ...?" in a validation error describes the schema
		// that introspection hides: no suggestions outside development.
		srv.SetDisableSuggestion(true)
		srv.SetValidationRulesFn(rulesWithoutSuggestions)
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(extension.FixedComplexityLimit(ComplexityLimit))
	// A list's totalCount reads at most CountCap rows (graph/counts.go).
	r.Client.Intercept(boundedCounts())
	srv.Use(transactioner{entgql.Transactioner{TxOpener: r.Client, SkipTxFunc: ownTransactions(schema.Schema())}})
	srv.Use(inputGuard{schema: schema.Schema()})
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(withBatches(ctx))
	})
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(logredact.New(slog.Default().Handler()))
	}
	srv.SetErrorPresenter(unreadableAsNull(schema.Schema(), ErrorPresenter(logger)))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		logger.ErrorContext(ctx, "panic in resolver", "panic", v)
		return &fault.Error{Code: fault.Internal, Message: "internal error"}
	})
	// Errors are said in the language the request asks for (Accept-Language).
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		srv.ServeHTTP(w, req.WithContext(fault.WithLanguage(req.Context(), req.Header.Get("Accept-Language"))))
	})
}

// rulesWithoutSuggestions are gqlparser's validation rules with each rule
// that may suggest names (fields, arguments, types, enum values, input
// fields) swapped for its variant that does not.
func rulesWithoutSuggestions() *rules.Rules {
	r := rules.NewDefaultRules()
	for _, rule := range []core.Rule{
		rules.FieldsOnCorrectTypeRuleWithoutSuggestions,
		rules.KnownArgumentNamesRuleWithoutSuggestions,
		rules.KnownTypeNamesRuleWithoutSuggestions,
		rules.ScalarLeafsRuleWithoutSuggestions,
		rules.ValuesOfCorrectTypeRuleWithoutSuggestions,
	} {
		r.RemoveRule(strings.TrimSuffix(rule.Name, "WithoutSuggestions"))
		r.AddRule(rule.Name, rule.RuleFunc)
	}
	return r
}

// transactioner is entgql's Transactioner, but for the errors answered
// before there is an operation (a body that cannot be decoded): entgql reads
// the operation unconditionally and panics, which made them INTERNAL.
type transactioner struct{ entgql.Transactioner }

// InterceptResponse runs a mutation in a transaction.
func (t transactioner) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	return t.Transactioner.InterceptResponse(ctx, next)
}

// ownTransactions skips the request transaction for operations made only of
// mutations declared @ownTransaction in the schema: they open and commit their
// own, so that their bookkeeping (a failed sign-in, a failed verification, an
// idempotency key with the money it moved) is kept even when they answer with
// an error, or so that parsing an uploaded sheet holds no write lock.
func ownTransactions(schema *ast.Schema) entgql.SkipTxFunc {
	return func(op *ast.OperationDefinition) bool {
		if op.Operation != ast.Mutation || len(op.SelectionSet) == 0 || schema.Mutation == nil {
			return false
		}
		for _, sel := range op.SelectionSet {
			f, ok := sel.(*ast.Field)
			if !ok {
				return false
			}
			def := schema.Mutation.Fields.ForName(f.Name)
			if def == nil || def.Directives.ForName("ownTransaction") == nil {
				return false
			}
		}
		return true
	}
}

// ErrorPresenter maps errors to client-safe messages with extensions.code;
// anything unknown becomes "internal error" and is logged whole.
func ErrorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var code fault.Code
		msg := gqlErr.Message
		var field string
		var details map[string]any
		switch f, isFault := fault.As(err); {
		case isFault:
			code, msg, field, details = f.Code, f.Text(ctx), f.Field, f.Details
		case errors.Is(err, privacy.Deny):
			if viewer.FromContext(ctx) == nil {
				code, msg = fault.Unauthenticated, fault.Say(ctx, "sign in to see this")
			} else {
				code, msg = fault.Forbidden, fault.Say(ctx, "you may not do this")
			}
		case ent.IsNotFound(err):
			code, msg = fault.NotFound, fault.Say(ctx, "not found")
		case ent.IsValidationError(err):
			var ve *ent.ValidationError
			errors.As(err, &ve)
			code, field = fault.BadUserInput, ve.Name
			msg = "invalid " + ve.Name + ": " + unwrapAll(ve.Unwrap()).Error()
			if fault.Chinese(ctx) {
				msg = fault.Translate(ctx, msg, "invalid %s", []any{ve.Name})
			}
		case ent.IsConstraintError(err):
			logger.InfoContext(ctx, "constraint violated", "error", err.Error(), "path", gqlErr.Path.String())
			code, msg = fault.Conflict, fault.Say(ctx, "this conflicts with an existing record (it may already exist)")
		case unreadableBody(gqlErr):
			// The transport could not read or decode the body; its message
			// quotes the body whole (a password with it), so it is neither
			// logged nor sent back.
			code, msg = fault.BadUserInput, fault.Say(ctx, "the request is malformed")
		case isRequestError(gqlErr):
			code = fault.BadUserInput
			if f := missingField(gqlErr); f != "" && fault.ZhTerm(f) != f {
				// A required input left out or null (a class without its
				// venue's location): named, like an invalid one.
				field = f
				msg = fault.Translate(ctx, f+" is required", "%s is required", []any{f})
			} else if fault.Chinese(ctx) {
				msg = fault.Say(ctx, "the request is malformed")
			}
		case fault.Unreachable(err):
			logger.WarnContext(ctx, "a dependency is unreachable", "error", err.Error(), "path", gqlErr.Path.String())
			code, msg = fault.Unavailable, fault.Say(ctx, "a service the app depends on cannot be reached: try again in a moment")
			details = map[string]any{"retryAfterSeconds": 5}
		default:
			logger.ErrorContext(ctx, "internal error", "error", err.Error(), "path", gqlErr.Path.String())
			code, msg = fault.Internal, fault.Say(ctx, "internal error")
		}
		gqlErr.Message = msg
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["code"] = string(code)
		if field != "" {
			gqlErr.Extensions["field"] = field
		}
		for k, v := range details {
			if l, ok := v.(fault.Localizer); ok {
				v = l.Localize(ctx)
			}
			gqlErr.Extensions[k] = v
		}
		return gqlErr
	}
}

// isRequestError reports errors raised by gqlgen itself while reading the
// request (bad variables, unknown fields): they are the client's input.
func isRequestError(e *gqlerror.Error) bool {
	return e.Rule != "" || e.Extensions["code"] != nil
}

// bodyErrors are how gqlgen's transports begin the errors of a body they
// could not read or decode.
var bodyErrors = []string{
	"json request body could not be decoded",
	"could not read request body",
	"could not get form body",
	"could not cleanup body",
}

// unreadableBody reports an error of a transport that could not read or
// decode the request's body: the client's input.
func unreadableBody(e *gqlerror.Error) bool {
	if e.Err != nil || len(e.Path) > 0 {
		return false
	}
	for _, p := range bodyErrors {
		if strings.HasPrefix(e.Message, p) {
			return true
		}
	}
	return false
}

// missingField is the input field (as ent names it: venue_latitude) that a
// request left out or sent as null where it is required, or "".
func missingField(e *gqlerror.Error) string {
	if (e.Message != "must be defined" && e.Message != "cannot be null") || len(e.Path) == 0 {
		return ""
	}
	name, ok := e.Path[len(e.Path)-1].(ast.PathName)
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, r := range string(name) {
		if unicode.IsUpper(r) {
			b.WriteByte('_')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func unwrapAll(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
