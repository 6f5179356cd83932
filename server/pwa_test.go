package main

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPWACompressed: the app's text goes out gzip-compressed to a client
// that accepts it (a third of the bytes on a slow link), intact once
// decompressed, with its cache headers; a client that does not accept gzip
// gets it as it is.
func TestPWACompressed(t *testing.T) {
	js := strings.Repeat("export const a = 'the same line of a bundle, again and again';\n", 2000)
	dist := fstest.MapFS{
		"index.html":        {Data: []byte("<!doctype html><title>培训监管</title>" + strings.Repeat("<div></div>", 200))},
		"assets/index-1.js": {Data: []byte(js)},
	}
	h := (&app{}).pwaHandler(dist)
	get := func(path, encoding string) *http.Response {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		if encoding != "" {
			r.Header.Set("Accept-Encoding", encoding)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Result()
	}
	res := get("/assets/index-1.js", "gzip, deflate, br")
	body, _ := io.ReadAll(res.Body)
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers %v", res.Header)
	}
	if res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("the asset lost its cache header: %q", res.Header.Get("Cache-Control"))
	}
	zr, err := gzip.NewReader(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if string(plain) != js {
		t.Fatal("the decompressed asset differs from the file")
	}
	t.Logf("asset: %d bytes sent for %d (%.3f of the size)", len(body), len(js), float64(len(body))/float64(len(js)))
	if len(body)*3 > len(js) {
		t.Errorf("compressed to %d of %d bytes", len(body), len(js))
	}
	if res := get("/", "gzip"); res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("index.html: %v", res.Header)
	}
	res = get("/assets/index-1.js", "")
	body, _ = io.ReadAll(res.Body)
	if res.Header.Get("Content-Encoding") != "" || string(body) != js {
		t.Errorf("a client without gzip got %q encoding, %d bytes", res.Header.Get("Content-Encoding"), len(body))
	}
}
