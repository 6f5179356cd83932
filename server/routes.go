package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"path"
	"strings"
	"time"

	"github.com/klauspost/compress/gzhttp"

	"github.com/hnvt/bairi/internal/auth"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/ratelimit"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/pwa"
)

func init() {
	_ = mime.AddExtensionType(".webmanifest", "application/manifest+json")
}

// routes wires the HTTP surface.
func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /graphql", a.limitBody(a.authenticate(a.graphql)))
	mux.Handle("GET /graphql", a.authenticate(a.graphql))
	mux.Handle("POST /api/certificate-check", a.limitBody(http.HandlerFunc(a.certificateCheck)))
	mux.HandleFunc("GET /.well-known/certificate-key", a.certificateKey)
	mux.Handle("GET /certificates/{id}/{file}", a.authenticate(http.HandlerFunc(a.certificateQR)))
	mux.Handle("GET /exports/subsidy-applications.xlsx", a.authenticate(http.HandlerFunc(a.exportApplications)))
	mux.Handle("GET /exports/fund-ledger.xlsx", a.authenticate(http.HandlerFunc(a.exportFundLedger)))
	mux.Handle("GET /exports/ten-day-reports.xlsx", a.authenticate(http.HandlerFunc(a.exportTenDayReports)))
	mux.Handle("GET /exports/contracting-ledger.xlsx", a.authenticate(http.HandlerFunc(a.exportContractingLedger)))
	mux.Handle("GET /exports/bulletin.pdf", a.authenticate(http.HandlerFunc(a.exportBulletin)))
	mux.Handle("OPTIONS /graphql", a.graphql)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "alive"})
	})
	mux.HandleFunc("GET /readyz", a.ready)
	if a.local != nil {
		mux.Handle("/storage/", a.local.Handler())
	}
	if a.cfg.TestClock {
		mux.HandleFunc("POST /testing/clock", a.moveClock)
	}
	mux.Handle("/", a.pwaHandler(pwa.Dist()))
	return a.requestLog(a.readDeadline(mux))
}

// readDeadline bounds the time a request may take to send its body, so that
// slow clients cannot hold connections for ever: READ_TIMEOUT, ten times it
// for uploads (a roster file, a part PUT to the local storage).
func (a *app) readDeadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := a.cfg.ReadTimeout
		if r.Method == http.MethodPut || strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			d *= 10
		}
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(d))
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// moveClock advances the clock the rules read by ?advance= (a Go duration,
// e.g. 73h) and answers the time it now reads. Mounted only with
// TEST_CLOCK=1, for loopback clients only: the browser run uses it to let a
// public notice run its three days.
func (a *app) moveClock(w http.ResponseWriter, r *http.Request) {
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		writeJSON(w, http.StatusForbidden, map[string]string{"error": "loopback only"})
		return
	}
	d, err := time.ParseDuration(r.URL.Query().Get("advance"))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "advance must be a duration such as 73h"})
		return
	}
	a.clock.Advance(d)
	writeJSON(w, http.StatusOK, map[string]string{"now": a.clock.Now().Format(time.RFC3339)})
}

// ready reports whether the database and the storage answer.
func (a *app) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	status := map[string]string{"database": "ok", "storage": "ok"}
	code := http.StatusOK
	if err := a.ping(ctx); err != nil {
		status["database"], code = "unreachable", http.StatusServiceUnavailable
		a.log.WarnContext(ctx, "readiness: database", "error", err.Error())
	}
	if err := a.store.Ping(ctx); err != nil {
		status["storage"], code = "unreachable", http.StatusServiceUnavailable
		a.log.WarnContext(ctx, "readiness: storage", "error", err.Error())
	}
	writeJSON(w, code, status)
}

// limitBody answers 413 to a body over MaxBodyBytes: at once when its length
// is announced, else as soon as the handler reads past the limit (whatever
// the handler then tries to answer is replaced).
func (a *app) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > a.cfg.MaxBodyBytes {
			a.tooLarge(w, r)
			return
		}
		body := &limitedBody{ReadCloser: http.MaxBytesReader(w, r.Body, a.cfg.MaxBodyBytes)}
		r.Body = body
		lw := &limitWriter{ResponseWriter: w, over: func() bool { return body.over }, refuse: func() { a.tooLarge(w, r) }}
		next.ServeHTTP(lw, r)
	})
}

func (a *app) tooLarge(w http.ResponseWriter, r *http.Request) {
	ctx := fault.WithLanguage(r.Context(), r.Header.Get("Accept-Language"))
	const format = "the request is larger than the limit of %d MiB"
	args := []any{a.cfg.MaxBodyBytes >> 20}
	w.Header().Set("Connection", "close")
	writeJSON(w, http.StatusRequestEntityTooLarge, gqlErrors(fault.Translate(ctx, fmt.Sprintf(format, args...), format, args), "PAYLOAD_TOO_LARGE"))
}

// limitedBody notes that a read went past the limit.
type limitedBody struct {
	io.ReadCloser
	over bool
}

func (b *limitedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		b.over = true
	}
	return n, err
}

// limitWriter replaces the handler's answer with 413 once the body was over the limit.
type limitWriter struct {
	http.ResponseWriter
	over    func() bool
	refuse  func()
	decided bool
	refused bool
}

func (l *limitWriter) WriteHeader(code int) {
	if l.decided {
		return
	}
	l.decided = true
	if l.over() {
		l.refused = true
		l.refuse()
		return
	}
	l.ResponseWriter.WriteHeader(code)
}

func (l *limitWriter) Write(p []byte) (int, error) {
	l.WriteHeader(http.StatusOK)
	if l.refused {
		return len(p), nil
	}
	return l.ResponseWriter.Write(p)
}

func (l *limitWriter) Unwrap() http.ResponseWriter { return l.ResponseWriter }

// authenticate puts the viewer of a valid bearer token in the context; a
// token that is present but invalid is refused with UNAUTHENTICATED.
func (a *app) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if h == "" {
			next.ServeHTTP(w, r)
			return
		}
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			unauthenticated(w, "the Authorization header must be \"Bearer <token>\"")
			return
		}
		v, err := a.auth.Authenticate(r.Context(), strings.TrimSpace(token))
		if err != nil {
			if errors.Is(err, auth.ErrInvalidToken) || errors.Is(err, auth.ErrSessionEnded) {
				unauthenticated(w, "the access token is invalid or expired: refresh it or sign in again")
				return
			}
			ctx := fault.WithLanguage(r.Context(), r.Header.Get("Accept-Language"))
			if fault.Unreachable(err) {
				// The database is away: say so, quickly, and that trying again may work.
				a.log.WarnContext(ctx, "authenticating: a dependency is unreachable", "error", err.Error())
				w.Header().Set("Retry-After", "5")
				writeJSON(w, http.StatusServiceUnavailable, gqlErrors(fault.Say(ctx, "a service the app depends on cannot be reached: try again in a moment"), string(fault.Unavailable)))
				return
			}
			a.log.ErrorContext(ctx, "authenticating", "error", err.Error())
			writeJSON(w, http.StatusInternalServerError, gqlErrors(fault.Say(ctx, "internal error"), "INTERNAL"))
			return
		}
		next.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), v)))
	})
}

func gqlErrors(msg, code string) map[string]any {
	return map[string]any{"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}}}
}

func unauthenticated(w http.ResponseWriter, msg string) {
	w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	writeJSON(w, http.StatusUnauthorized, gqlErrors(msg, "UNAUTHENTICATED"))
}

type ctxKey int

const requestIDKey ctxKey = 0

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// clientAddress is the address of the client a request comes from: the TCP
// peer, unless the peer is a trusted proxy (TRUSTED_PROXIES); then the
// X-Forwarded-For entries are read from the right (the proxies append the
// address they saw) and the first one not itself a trusted proxy is the
// client. A client that forges the header reaches nothing: an untrusted peer's
// header is never read, and what a trusted proxy appended stands to the right
// of what the client wrote.
func clientAddress(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return ""
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	isTrusted := func(a netip.Addr) bool {
		a = a.Unmap()
		for _, p := range trusted {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	if !isTrusted(peer) {
		return peer.Unmap().String()
	}
	client := peer
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // garbage: the last good hop stands
		}
		client = a
		if !isTrusted(a) {
			break
		}
	}
	return client.Unmap().String()
}

// requestLog gives each request an id (X-Request-Id) and logs it as JSON.
func (a *app) requestLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		sw := &statusWriter{ResponseWriter: w}
		start := time.Now()
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		if client := clientAddress(r, a.cfg.TrustedProxies); client != "" {
			ctx = ratelimit.WithClient(ctx, client)
		}
		next.ServeHTTP(sw, r.WithContext(ctx))
		a.log.LogAttrs(ctx, slog.LevelInfo, "request",
			slog.String("request_id", id), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int64("bytes", sw.bytes),
			slog.Duration("duration", time.Since(start)))
	})
}

const notBuiltPage = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>百日攻坚 · 职业技能培训监管</title>
<body style="font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em">
<h1>职业技能培训监管</h1><p>前端尚未构建。运行 <code>make run</code>（或 <code>make pwa</code>）以构建并嵌入 PWA。</p>
<p lang="en">The PWA has not been built. Run <code>make run</code> (or <code>make pwa</code>) to build and embed it. The API is at <code>POST /graphql</code>.</p>
</body></html>`

// pwaHandler serves the built PWA: immutable assets, no-cache for
// index.html and the service worker, and the SPA fallback for navigations.
func (a *app) pwaHandler(dist fs.FS) http.Handler {
	_, err := fs.Stat(dist, "index.html")
	built := err == nil
	files := http.FileServerFS(dist)
	// Text (HTML, JS, CSS, JSON, SVG) goes out gzip-compressed to clients that accept it:
	// on a county mobile network the first load is a third of the bytes.
	return gzhttp.GzipHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if !built {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(notBuiltPage))
			return
		}
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if p == "" {
			p = "index.html"
		}
		if _, err := fs.Stat(dist, p); err != nil {
			// SPA fallback only for navigations; a missing asset is a 404.
			if strings.Contains(r.Header.Get("Accept"), "text/html") && path.Ext(p) == "" {
				p = "index.html"
			} else {
				http.NotFound(w, r)
				return
			}
		}
		switch {
		case strings.HasPrefix(p, "assets/"):
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		case p == "index.html" || p == "sw.js" || strings.HasSuffix(p, ".webmanifest"):
			w.Header().Set("Cache-Control", "no-cache")
		}
		if p == "index.html" {
			http.ServeFileFS(w, r, dist, "index.html")
			return
		}
		files.ServeHTTP(w, r)
	}))
}
