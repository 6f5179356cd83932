// Package logredact is a slog.Handler that keeps secrets and personal
// numbers out of the logs: resident ID numbers (kept are the first 6 and the
// last character), mainland mobile numbers, bearer and JSON Web Tokens, and
// the values of attributes or key=value texts named like a password, a
// token, a secret or an authorization, in the message and in every attribute
// (strings, errors, numbers, nested groups and values logged whole).
package logredact

import (
	"context"
	"encoding/json"
	"log/slog"
	"maps"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Redacted replaces what is kept out of the logs.
const Redacted = "[redacted]"

// Handler redacts every record before the handler it wraps sees it.
type Handler struct {
	next slog.Handler
}

// New wraps next.
func New(next slog.Handler) *Handler { return &Handler{next: next} }

// Enabled reports whether the wrapped handler handles records at level.
func (h *Handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

// Handle redacts the record's message and attributes and passes it on: the
// record itself when redaction changed nothing (an access-log line, mostly).
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	msg := String(r.Message)
	var buf [8]slog.Attr
	attrs, changed := buf[:0], msg != r.Message
	r.Attrs(func(a slog.Attr) bool {
		red := Attr(a)
		changed = changed || !unchanged(a.Value, red.Value)
		attrs = append(attrs, red)
		return true
	})
	if !changed {
		return h.next.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, msg, r.PC)
	out.AddAttrs(attrs...)
	return h.next.Handle(ctx, out)
}

// unchanged reports whether redaction left a value as it was: a value
// logged whole, a group or a LogValuer always counts as changed.
func unchanged(v, red slog.Value) bool {
	switch v.Kind() {
	case slog.KindAny, slog.KindGroup, slog.KindLogValuer:
		return false
	}
	return v.Equal(red)
}

// WithAttrs redacts attributes given once for every record.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		red[i] = Attr(a)
	}
	return &Handler{next: h.next.WithAttrs(red)}
}

// WithGroup opens a group.
func (h *Handler) WithGroup(name string) slog.Handler {
	return &Handler{next: h.next.WithGroup(name)}
}

// secretKeys are the words of attribute names whose values are never logged.
var secretKeys = []string{"password", "passwd", "secret", "token", "authorization", "cookie", "credential", "apikey", "privatekey"}

// SecretKey reports whether an attribute named key holds a secret
// (password, new_password, refreshToken, Authorization, jwt_secret...).
func SecretKey(key string) bool {
	if known, ok := secretKeyCache.known()[key]; ok {
		return known
	}
	k := strings.ToLower(keySeparators.Replace(key))
	secret := false
	for _, s := range secretKeys {
		if strings.Contains(k, s) {
			secret = true
			break
		}
	}
	if len(key) <= 64 {
		// attribute names are a small fixed set: remember them (JSON
		// members of values logged whole are bounded by the same length),
		// in a map copied on the rare new name, so that a look-up neither
		// locks nor allocates
		secretKeyCache.remember(key, secret)
	}
	return secret
}

var (
	// keySeparators are dropped from a name before it is compared.
	keySeparators = strings.NewReplacer("_", "", "-", "", ".", "", " ", "")
	// secretKeyCache remembers SecretKey's answer per name: the access log
	// asks it for the same few names on every request.
	secretKeyCache secretNames
)

// secretNames maps names to SecretKey's answer, copied on the rare new name.
type secretNames struct {
	mu sync.Mutex
	m  atomic.Pointer[map[string]bool]
}

func (n *secretNames) known() map[string]bool {
	if m := n.m.Load(); m != nil {
		return *m
	}
	return nil
}

func (n *secretNames) remember(key string, secret bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if m := n.known(); len(m) < maxSecretKeys {
		m = maps.Clone(m)
		if m == nil {
			m = map[string]bool{}
		}
		m[key] = secret
		n.m.Store(&m)
	}
}

// maxSecretKeys bounds the names remembered (beyond, each is worked out).
const maxSecretKeys = 4096

// Attr is a with its value redacted: hidden whole under a secret name.
func Attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	if SecretKey(a.Key) && !(v.Kind() == slog.KindString && v.String() == "") {
		return slog.String(a.Key, Redacted)
	}
	return slog.Attr{Key: a.Key, Value: value(v)}
}

func value(v slog.Value) slog.Value {
	switch v.Kind() {
	case slog.KindString:
		return slog.StringValue(String(v.String()))
	case slog.KindInt64:
		if n := v.Int64(); n > -1e10 && n < 1e10 {
			return v
		}
		return number(v, strconv.FormatInt(v.Int64(), 10))
	case slog.KindUint64:
		if v.Uint64() < 1e10 {
			return v
		}
		return number(v, strconv.FormatUint(v.Uint64(), 10))
	case slog.KindGroup:
		attrs := v.Group()
		red := make([]slog.Attr, len(attrs))
		for i, a := range attrs {
			red[i] = Attr(a)
		}
		return slog.GroupValue(red...)
	case slog.KindAny:
		return anyValue(v.Any())
	}
	return v
}

// number is a numeric value, or its redacted text when it is an ID or a
// mobile number (11 digits or more: a smaller one is left as it is without
// writing it out).
func number(v slog.Value, s string) slog.Value {
	if r := String(s); r != s {
		return slog.StringValue(r)
	}
	return v
}

// anyValue redacts a value logged whole: an error or bytes by their text,
// anything else by its JSON form (what the JSON handler would write), its
// strings redacted and its secret-named members hidden.
func anyValue(x any) slog.Value {
	switch x := x.(type) {
	case nil:
		return slog.AnyValue(nil)
	case error:
		if _, marshals := x.(json.Marshaler); !marshals {
			return slog.StringValue(String(x.Error()))
		}
	case []byte:
		return slog.StringValue(String(string(x)))
	}
	b, err := json.Marshal(x)
	if err != nil {
		return slog.StringValue(Redacted)
	}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		return slog.StringValue(Redacted)
	}
	return slog.AnyValue(redactJSON(generic))
}

// redactJSON redacts a decoded JSON value in place.
func redactJSON(x any) any {
	switch x := x.(type) {
	case string:
		return String(x)
	case float64:
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if r := String(s); r != s {
			return r
		}
		return x
	case map[string]any:
		for k, e := range x {
			if SecretKey(k) {
				x[k] = Redacted
			} else {
				x[k] = redactJSON(e)
			}
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = redactJSON(e)
		}
		return x
	}
	return x
}

var (
	// bearer is a bearer credential: "Bearer " and the token.
	bearer = regexp.MustCompile(`(?i)\bbearer\s+[A-Za-z0-9\-._~+/]+=*`)
	// jwt is a JSON Web Token (its header always starts with eyJ, the
	// base64 of {"), or any three long base64url segments joined by dots.
	jwt = regexp.MustCompile(`\beyJ[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*|\b[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}`)
	// keyValue is a secret-named key written with its value in a text:
	// password=x, "refreshToken":"x" (also JSON-escaped inside a string),
	// password: "x" (GraphQL), Authorization: Bearer x.
	keyValue = regexp.MustCompile(`(?i)([a-z_\-]*(?:password|passwd|secret|token|authorization|cookie|credential)[a-z_\-]*(?:\\*["'])?\s*[:=]\s*)(?:(\\*["'])[^"'\\]*|(?:bearer\s+)?[^\s"'\\,;&}\])]+)`)
)

// String redacts a text: resident ID numbers (all but the first 6 and the
// last character), mobile numbers, bearer tokens, JSON Web Tokens and the
// values of secret-named keys.
func String(s string) string {
	if s == "" {
		return s
	}
	// Each pattern runs only on a text that has what it needs to match
	// (most logged texts have none of it: a path, a status, a duration).
	if strings.ContainsAny(s, ":=") {
		s = keyValue.ReplaceAllString(s, "${1}${2}"+Redacted)
	}
	if containsFold(s, "bearer") {
		s = bearer.ReplaceAllString(s, "Bearer "+Redacted)
	}
	if strings.Count(s, ".") >= 2 {
		s = jwt.ReplaceAllString(s, Redacted)
	}
	return numbers(s)
}

// containsFold reports whether s contains the lower-case ASCII word w in
// any case.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		k := 0
		for k < len(w) && (s[i+k] == w[k] || s[i+k]+'a'-'A' == w[k]) {
			k++
		}
		if k == len(w) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlnum(c byte) bool {
	return isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// numbers redacts the resident ID numbers and mobile numbers of a text,
// written whole or in groups joined by single spaces or dashes
// (410102 19900101 011X, 138-0013-8000, +86 138 0013 8000).
func numbers(s string) string {
	var b strings.Builder
	last := 0 // s[:last] is written to b
	for i := 0; i < len(s); {
		if !isDigit(s[i]) || (i > 0 && isAlnum(s[i-1])) {
			i++
			continue
		}
		groups, end := run(s, i)
		if end < len(s) && isAlnum(s[end]) {
			// Glued to letters: a hash or an identifier, not a number.
			for end < len(s) && isAlnum(s[end]) {
				end++
			}
			i = end
			continue
		}
		for _, m := range secretsIn(s, groups) {
			b.WriteString(s[last:m.from])
			b.WriteString(m.with)
			last = m.to
		}
		i = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// span is s[from:to].
type span struct{ from, to int }

// run reads the digit groups from i: digits, joined by single spaces or
// dashes, the last one possibly ending with X (an ID's check character).
func run(s string, i int) ([]span, int) {
	var groups []span
	for {
		k := i
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k < len(s) && (s[k] == 'X' || s[k] == 'x') && (k+1 == len(s) || !isAlnum(s[k+1])) {
			return append(groups, span{i, k + 1}), k + 1
		}
		groups = append(groups, span{i, k})
		if k+1 < len(s) && (s[k] == ' ' || s[k] == '-') && isDigit(s[k+1]) {
			i = k + 1
			continue
		}
		return groups, k
	}
}

// replacement is s[from:to] to be written as with.
type replacement struct {
	from, to int
	with     string
}

// secretsIn finds, among consecutive digit groups, the runs that make an ID
// number (18 characters) or a mobile number (11 digits, 1[3-9]..., maybe
// after 86).
func secretsIn(s string, groups []span) []replacement {
	var out []replacement
	for a := 0; a < len(groups); {
		found := 0
		var with string
		digits := ""
		for z := a; z < len(groups); z++ {
			digits += s[groups[z].from:groups[z].to]
			switch {
			case len(digits) == 18 && !strings.ContainsAny(digits[:17], "Xx"):
				found, with = z+1, digits[:6]+strings.Repeat("*", 11)+digits[17:]
			case len(digits) == 11 && mobile(digits):
				if found == 0 {
					found, with = z+1, Redacted
				}
			case len(digits) == 13 && strings.HasPrefix(digits, "86") && mobile(digits[2:]):
				if found == 0 {
					found, with = z+1, Redacted
				}
			}
			if len(digits) >= 18 {
				break
			}
		}
		if found == 0 {
			a++
			continue
		}
		out = append(out, replacement{groups[a].from, groups[found-1].to, with})
		a = found
	}
	return out
}

// mobile reports whether 11 digits are a mainland mobile number.
func mobile(d string) bool {
	return d[0] == '1' && d[1] >= '3' && d[1] <= '9' && !strings.ContainsAny(d, "Xx")
}
