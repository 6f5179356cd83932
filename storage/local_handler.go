package storage

import (
	"crypto/hmac"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Handler serves the presigned URLs of the local backend: PUT of a part and
// GET (or HEAD) of an object, plus CORS preflight requests.
//
// Mount it WITHOUT http.StripPrefix, at the path of URLPrefix followed by a
// slash: mux.Handle("/storage/", local.Handler()). It reads the key from the
// full request path, which must start with that path and a slash.
func (l *Local) Handler() http.Handler {
	return http.HandlerFunc(l.serveHTTP)
}

func (l *Local) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	if r.Method == http.MethodOptions {
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, PUT")
		h.Set("Access-Control-Allow-Headers", "Content-Type, Range")
		h.Set("Access-Control-Max-Age", "3600")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	key, ok := strings.CutPrefix(r.URL.Path, l.route+"/")
	if !ok || validKey(key) != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	q := r.URL.Query()
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		l.serveGet(w, r, key, q)
	case http.MethodPut:
		l.servePart(w, r, key, q)
	default:
		h.Set("Allow", "GET, HEAD, PUT, OPTIONS")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// verify checks the signature, then the expiry, and returns a short reason
// when the request must be refused.
func (l *Local) verify(method, op, key string, q url.Values) (reason string, ok bool) {
	if q.Get(qOp) != op {
		return "signature does not match", false
	}
	got, err := hex.DecodeString(q.Get(qSig))
	if err != nil {
		return "signature does not match", false
	}
	want, _ := hex.DecodeString(l.sign(method, key, q))
	if !hmac.Equal(got, want) {
		return "signature does not match", false
	}
	exp, err := strconv.ParseInt(q.Get(qExpires), 10, 64)
	if err != nil || l.now().After(time.Unix(exp, 0)) {
		return "request has expired", false
	}
	return "", true
}

func (l *Local) serveGet(w http.ResponseWriter, r *http.Request, key string, q url.Values) {
	if reason, ok := l.verify(http.MethodGet, opGet, key, q); !ok {
		http.Error(w, reason, http.StatusForbidden)
		return
	}
	f, fi, meta, err := l.open(key, q.Get(qVersion))
	if errors.Is(err, ErrNotFound) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Access-Control-Expose-Headers", "ETag, Content-Range, Accept-Ranges, Content-Length")
	h.Set("Content-Type", meta.ContentType)
	// Evidence is played or shown, never run: no sniffing of another type, no
	// scripts or frames of its own, and a browser that cannot show it saves it.
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'")
	h.Set("Content-Disposition", `inline; filename="evidence"`)
	h.Set("Accept-Ranges", "bytes")
	if meta.ETag != "" {
		h.Set("ETag", `"`+meta.ETag+`"`)
	}
	http.ServeContent(w, r, "", fi.ModTime(), f)
}

func (l *Local) servePart(w http.ResponseWriter, r *http.Request, key string, q url.Values) {
	if reason, ok := l.verify(http.MethodPut, opPutPart, key, q); !ok {
		http.Error(w, reason, http.StatusForbidden)
		return
	}
	w.Header().Set("Access-Control-Expose-Headers", "ETag")
	n, err := strconv.Atoi(q.Get(qPartNumber))
	if err != nil || checkPartNumber(n) != nil {
		http.Error(w, "bad part number", http.StatusBadRequest)
		return
	}
	size, err := strconv.ParseInt(q.Get(qSize), 10, 64)
	if err != nil || size > l.maxPartSize {
		http.Error(w, "part too large", http.StatusRequestEntityTooLarge)
		return
	}
	switch {
	case r.ContentLength < 0:
		http.Error(w, "the part's length is required", http.StatusLengthRequired)
		return
	case r.ContentLength > size:
		http.Error(w, "part too large", http.StatusRequestEntityTooLarge)
		return
	case r.ContentLength != size:
		http.Error(w, fmt.Sprintf("this part has %d bytes, not %d", size, r.ContentLength), http.StatusBadRequest)
		return
	}
	body := http.MaxBytesReader(w, r.Body, size)
	etag, err := l.putPart(r.Context(), key, q.Get(qUploadID), n, body)
	var tooLarge *http.MaxBytesError
	switch {
	case err == nil:
		w.Header().Set("ETag", `"`+etag+`"`)
		w.WriteHeader(http.StatusOK)
	case errors.Is(err, ErrNotFound):
		http.Error(w, "no such upload", http.StatusNotFound)
	case errors.As(err, &tooLarge):
		http.Error(w, "part too large", http.StatusRequestEntityTooLarge)
	default:
		http.Error(w, "cannot store part", http.StatusInternalServerError)
	}
}
