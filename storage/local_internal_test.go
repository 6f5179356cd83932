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
	req, err := l.PresignPart(ctx, "big.bin", id, 1, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, declared := range []bool{true, false} {
		r := httptest.NewRequest(http.MethodPut, req.URL, strings.NewReader(strings.Repeat("x", 2048)))
		if !declared {
			r.ContentLength = -1 // chunked: caught while reading
			r.Body = io.NopCloser(r.Body)
		}
		w := httptest.NewRecorder()
		l.Handler().ServeHTTP(w, r)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("declared length %v: status %d", declared, w.Code)
		}
	}
	if parts, err := l.ListParts(ctx, "big.bin", id); err != nil || len(parts) != 0 {
		t.Fatalf("ListParts: %v, %v", parts, err)
	}
	r := httptest.NewRequest(http.MethodPut, req.URL, strings.NewReader(strings.Repeat("x", 1024)))
	w := httptest.NewRecorder()
	l.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusOK || w.Header().Get("ETag") == "" {
		t.Fatalf("part at the limit: status %d", w.Code)
	}
}
