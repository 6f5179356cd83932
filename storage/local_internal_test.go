package storage

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestLocalPartTooLarge(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l, err := NewLocal(LocalOptions{Dir: t.TempDir(), Secret: []byte("s")})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.EnsureBucket(ctx); err != nil {
		t.Fatal(err)
	}
	l.maxPartSize = 1024
	id, err := l.CreateMultipart(ctx, "big.bin", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.PresignPart(ctx, "big.bin", id, 1, 2048, time.Minute); err == nil {
		t.Error("a part over the store's limit was presigned")
	}
	req, err := l.PresignPart(ctx, "big.bin", id, 1, 1000, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		n        int
		declared bool
		want     int
	}{{2048, true, http.StatusRequestEntityTooLarge}, {1000, false, http.StatusLengthRequired}, {999, true, http.StatusBadRequest}} {
		r := httptest.NewRequest(http.MethodPut, req.URL, strings.NewReader(strings.Repeat("x", c.n)))
		if !c.declared {
			r.ContentLength = -1 // chunked
			r.Body = io.NopCloser(r.Body)
		}
		w := httptest.NewRecorder()
		l.Handler().ServeHTTP(w, r)
		if w.Code != c.want {
			t.Errorf("%d bytes (declared %v): status %d, want %d", c.n, c.declared, w.Code, c.want)
		}
	}
	if parts, err := l.ListParts(ctx, "big.bin", id); err != nil || len(parts) != 0 {
		t.Fatalf("ListParts: %v, %v", parts, err)
	}
	r := httptest.NewRequest(http.MethodPut, req.URL, strings.NewReader(strings.Repeat("x", 1000)))
	w := httptest.NewRecorder()
	l.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusOK || w.Header().Get("ETag") == "" {
		t.Fatalf("a part of its signed length: status %d", w.Code)
	}
}
