package fault

import (
	"context"
	"fmt"
	"reflect"

	"golang.org/x/text/language"
)

// The languages the API answers in: English for API clients that ask for
// nothing, Simplified Chinese for the PWA and any browser that prefers it.
var matcher = language.NewMatcher([]language.Tag{language.English, language.SimplifiedChinese})

type chineseKey struct{}

// WithLanguage notes in ctx whether the request's Accept-Language prefers
// Chinese; the error presenter then says every message in Chinese.
func WithLanguage(ctx context.Context, acceptLanguage string) context.Context {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return ctx
	}
	_, i, _ := matcher.Match(tags...)
	return context.WithValue(ctx, chineseKey{}, i == 1)
}

// Chinese reports whether the request asked for Chinese.
func Chinese(ctx context.Context) bool {
	zh, _ := ctx.Value(chineseKey{}).(bool)
	return zh
}

// Text is the message in the request's language: the Chinese catalog's
// sentence for the format (its arguments' terms translated too), or the
// English message when the catalog lacks it.
func (e *Error) Text(ctx context.Context) string {
	return Translate(ctx, e.Message, e.format, e.args)
}

// Translate says a message in the request's language: english as it is, or
// the catalog's Chinese sentence for format with its arguments' terms in
// Chinese (english itself looked up when there is no format).
func Translate(ctx context.Context, english, format string, args []any) string {
	if !Chinese(ctx) {
		return english
	}
	if format == "" {
		if zh, ok := zhMessages[english]; ok {
			return zh
		}
		return english
	}
	zh, ok := zhMessages[format]
	if !ok {
		return english
	}
	zhArgs := make([]any, len(args))
	for i, a := range args {
		zhArgs[i] = ZhTerm(a)
	}
	return fmt.Sprintf(zh, zhArgs...)
}

// Localizer is a value of an error's extensions (a row-by-row report) that
// says its messages in the request's language.
type Localizer interface {
	Localize(ctx context.Context) any
}

// ZhTerm is a value as a Chinese message shows it: an enum value or a noun
// the catalog knows in Chinese, anything else as it is.
func ZhTerm(a any) any {
	if z, ok := a.(interface{ zh() string }); ok {
		return z.zh()
	}
	v := reflect.ValueOf(a)
	if !v.IsValid() || v.Kind() != reflect.String {
		return a
	}
	if zh, ok := zhTerms[v.String()]; ok {
		return zh
	}
	return a
}

// Say is a fixed message (not from New or Input) in the request's language.
func Say(ctx context.Context, english string) string {
	return Translate(ctx, english, "", nil)
}

// FieldName is an input field's name (file_name) as a message argument: in
// Chinese its term when the catalog has one, else 所填内容, so that a Chinese
// message never shows an English identifier.
type FieldName string

func (f FieldName) zh() string {
	if zh, ok := zhTerms[string(f)]; ok {
		return zh
	}
	return "所填内容"
}
