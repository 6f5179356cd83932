package storage_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/hnvt/bairi/storage"
	"github.com/hnvt/bairi/storage/storagetest"
)

// One MinIO server per test binary, started on first use.
var minioServer struct {
	once sync.Once
	cfg  storage.S3Config
	stop func()
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if minioServer.stop != nil {
		minioServer.stop()
	}
	os.Exit(code)
}

func minioConfig(t testing.TB) storage.S3Config {
	t.Helper()
	minioServer.once.Do(func() {
		minioServer.cfg, minioServer.stop, minioServer.err = storagetest.StartMinIOServer()
	})
	if minioServer.err != nil {
		t.Fatal(minioServer.err)
	}
	return minioServer.cfg
}

// backend is a fresh, empty store and the way to reach its presigned URLs.
type backend struct {
	store   storage.Store
	client  *http.Client
	resolve func(u string) string // makes a presigned URL absolute
}

func newLocalBackend(t testing.TB, now func() time.Time) (backend, *storage.Local) {
	t.Helper()
	l, err := storage.NewLocal(storage.LocalOptions{
		Dir:    t.TempDir(),
		Secret: []byte("test secret"),
		Now:    now,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/storage/", l.Handler())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return backend{
		store:   l,
		client:  srv.Client(),
		resolve: func(u string) string { return srv.URL + u },
	}, l
}

func newS3Backend(t testing.TB) backend {
	t.Helper()
	cfg := minioConfig(t)
	cfg.Bucket = storagetest.Bucket(t.Name())
	s, err := storage.NewS3(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	return backend{
		store:   s,
		client:  &http.Client{Timeout: time.Minute},
		resolve: func(u string) string { return u },
	}
}

func TestLocalContract(t *testing.T) {
	t.Parallel()
	runContract(t, func(t *testing.T) backend {
		b, _ := newLocalBackend(t, nil)
		return b
	})
}

func TestS3Contract(t *testing.T) {
	t.Parallel()
	runContract(t, func(t *testing.T) backend { return newS3Backend(t) })
}

// restrictedS3Backend is newS3Backend reached with credentials that have
// only storage.AppPolicy (temporary credentials from STS, the policy as the
// session policy): the bucket is created with the root credentials first.
func restrictedS3Backend(t *testing.T) backend {
	t.Helper()
	b, _ := restrictedS3(t)
	return b
}

func restrictedS3(t *testing.T) (backend, storage.S3Config) {
	t.Helper()
	b := newS3Backend(t)
	cfg := minioConfig(t)
	cfg.Bucket = b.store.(*storage.S3).Bucket()
	creds, err := credentials.NewSTSAssumeRole("http://"+cfg.Endpoint, credentials.STSAssumeRoleOptions{
		AccessKey: cfg.AccessKey, SecretKey: cfg.SecretKey, Policy: storage.AppPolicy(cfg.Bucket), DurationSeconds: 3600,
	})
	if err != nil {
		t.Fatal(err)
	}
	v, err := creds.GetWithContext(nil)
	if err != nil {
		t.Fatalf("STS: %v", err)
	}
	cfg.AccessKey, cfg.SecretKey, cfg.SessionToken = v.AccessKeyID, v.SecretAccessKey, v.SessionToken
	s, err := storage.NewS3(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	b.store = s
	return b, cfg
}

// TestS3AppPolicyContract: every promise of the store holds for a user with
// only the application's policy (so the policy allows all the app does).
func TestS3AppPolicyContract(t *testing.T) {
	t.Parallel()
	runContract(t, restrictedS3Backend)
}

// TestS3Guards: the startup check tells credentials that may hide evidence
// behind delete markers (the root's) from the application's user, whose
// delete without a version is refused by storage itself.
func TestS3Guards(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	root := newS3Backend(t).store.(*storage.S3)
	missing, err := root.CheckGuards(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) != 1 || !strings.Contains(missing[0], "delete markers") {
		t.Errorf("root credentials: missing = %q, want the delete-marker warning", missing)
	}
	b, cfg := restrictedS3(t)
	app := b.store.(*storage.S3)
	if missing, err := app.CheckGuards(ctx); err != nil || len(missing) != 0 {
		t.Errorf("app credentials: missing = %q, %v; want nothing", missing, err)
	}
	const key = "class-2/recording.mp4"
	b.put(t, key, []byte("verified"), "video/mp4")
	if err := app.Delete(ctx, key); err != nil {
		t.Fatalf("the app's own delete (by version) of an unretained object: %v", err)
	}
	b.put(t, key, []byte("verified"), "video/mp4")
	if err := app.Retain(ctx, key, "", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	raw, err := minio.New(cfg.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, cfg.SessionToken)})
	if err != nil {
		t.Fatal(err)
	}
	err = raw.RemoveObject(ctx, cfg.Bucket, key, minio.RemoveObjectOptions{})
	if er := minio.ToErrorResponse(err); er.Code != "AccessDenied" {
		t.Errorf("a delete marker written with the app's credentials: %v, want AccessDenied", err)
	}
	if got := readAll(t, app, key); string(got) != "verified" {
		t.Errorf("after the refused delete the object reads %q", got)
	}
}

// TestS3PinnedVersionOutlivesTampering: whoever holds the storage
// credentials may write a new version at a verified key or hide it behind a
// delete marker (S3 cannot forbid either by policy); reads of the pinned
// version still give the verified content, and Versions shows what was done.
func TestS3PinnedVersionOutlivesTampering(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := newS3Backend(t)
	cfg := minioConfig(t)
	raw, err := minio.New(cfg.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, "")})
	if err != nil {
		t.Fatal(err)
	}
	bucket := b.store.(*storage.S3).Bucket()
	const key = "class-1/attendance.mp4"
	data := randomBytes(32, 4096)
	b.put(t, key, data, "video/mp4")
	info, err := b.store.Stat(ctx, key, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.store.Retain(ctx, key, info.VersionID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	forged := []byte("forged content")
	if _, err := raw.PutObject(ctx, bucket, key, bytes.NewReader(forged), int64(len(forged)), minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readAll(t, b.store, key), forged) {
		t.Fatal("the current version is not the forged one: the test tampers nothing")
	}
	checkPinned(t, b, key, info.VersionID, data)
	if err := raw.RemoveObject(ctx, bucket, key, minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	_, err = b.store.Stat(ctx, key, "")
	wantErr(t, "Stat of the current version behind a delete marker", err, storage.ErrNotFound)
	checkPinned(t, b, key, info.VersionID, data)
	vs, err := b.store.Versions(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 3 || !vs[0].DeleteMarker || vs[2].VersionID != info.VersionID {
		t.Errorf("Versions = %+v; want a delete marker, the forged version, then %s", vs, info.VersionID)
	}
}

const mib = 1 << 20

func randomBytes(seed uint64, n int) []byte {
	r := rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), byte(seed >> 16)})
	b := make([]byte, n)
	r.Read(b)
	return b
}

func md5Hex(b []byte) string {
	s := md5.Sum(b)
	return hex.EncodeToString(s[:])
}

// send sends a presigned request with only its URL and headers.
func (b backend) send(req storage.PresignedRequest, body []byte, extra http.Header) (*http.Response, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	r, err := http.NewRequest(req.Method, b.resolve(req.URL), rd)
	if err != nil {
		return nil, nil, err
	}
	for k, v := range req.Header {
		r.Header[k] = v
	}
	for k, v := range extra {
		r.Header[k] = v
	}
	resp, err := b.client.Do(r)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, data, err
}

func (b backend) do(t testing.TB, req storage.PresignedRequest, body []byte, extra http.Header) (*http.Response, []byte) {
	t.Helper()
	resp, data, err := b.send(req, body, extra)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

// tryUploadPart presigns and PUTs one part and returns its ETag header.
func (b backend) tryUploadPart(key, uploadID string, n int, data []byte) (string, error) {
	req, err := b.store.PresignPart(context.Background(), key, uploadID, n, int64(len(data)), time.Minute)
	if err != nil {
		return "", err
	}
	if req.Method != http.MethodPut || req.Header == nil {
		return "", fmt.Errorf("presigned part: method %q, header %v", req.Method, req.Header)
	}
	resp, body, err := b.send(req, data, nil)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("PUT part %d: %s: %s", n, resp.Status, body)
	}
	etag := resp.Header.Get("ETag")
	if etag == "" {
		return "", fmt.Errorf("PUT part %d: no ETag", n)
	}
	return etag, nil
}

func (b backend) uploadPart(t testing.TB, key, uploadID string, n int, data []byte) string {
	t.Helper()
	etag, err := b.tryUploadPart(key, uploadID, n, data)
	if err != nil {
		t.Fatal(err)
	}
	return etag
}

func trim(etag string) string { return strings.Trim(etag, `"`) }

func (b backend) put(t testing.TB, key string, data []byte, contentType string) {
	t.Helper()
	if err := b.store.Put(context.Background(), key, bytes.NewReader(data), int64(len(data)), contentType); err != nil {
		t.Fatalf("Put %s: %v", key, err)
	}
}

// checkPinned reads version of key three ways (Stat, Open, a presigned GET)
// and wants data.
func checkPinned(t testing.TB, b backend, key, version string, data []byte) {
	t.Helper()
	ctx := context.Background()
	info, err := b.store.Stat(ctx, key, version)
	if err != nil || info.VersionID != version || info.Size != int64(len(data)) {
		t.Errorf("Stat(%s) = %+v, %v", version, info, err)
	}
	rc, err := b.store.Open(ctx, key, version)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("Open(%s): %d bytes, %v; want the %d pinned bytes", version, len(got), err, len(data))
	}
	req, err := b.store.PresignGet(ctx, key, version, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := b.do(t, req, nil, nil)
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, data) {
		t.Errorf("GET of version %s: %s, %d bytes; want the %d pinned bytes", version, resp.Status, len(body), len(data))
	}
}

func readAll(t testing.TB, s storage.Store, key string) []byte {
	t.Helper()
	rc, err := s.Open(context.Background(), key, "")
	if err != nil {
		t.Fatalf("Open %s: %v", key, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func wantErr(t testing.TB, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: got error %v, want %v", what, err, target)
	}
}

// tamper flips one character of the signature of a presigned URL.
func tamper(t testing.TB, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	for _, name := range []string{"sig", "X-Amz-Signature"} {
		if s := q.Get(name); s != "" {
			c := byte('0')
			if s[0] == '0' {
				c = '1'
			}
			q.Set(name, string(c)+s[1:])
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	t.Fatalf("no signature in %s", raw)
	return ""
}

// runContract checks the behaviour every Store must have.
func runContract(t *testing.T, newBackend func(t *testing.T) backend) {
	ctx := context.Background()

	t.Run("EnsureBucketTwice", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		for range 2 {
			if err := b.store.EnsureBucket(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.store.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("MultipartResume", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "evidence/case-1/video.mp4"
		sizes := []int{5 * mib, 5 * mib, 1 * mib}
		var parts [][]byte
		var all []byte
		for i, n := range sizes {
			p := randomBytes(uint64(i+1), n)
			parts = append(parts, p)
			all = append(all, p...)
		}
		id, err := b.store.CreateMultipart(ctx, key, "video/mp4")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := b.store.ListParts(ctx, key, id); err != nil || len(got) != 0 {
			t.Fatalf("ListParts before upload: %v, %v", got, err)
		}

		// The client uploads part 1, then is interrupted.
		etag1 := b.uploadPart(t, key, id, 1, parts[0])
		if trim(etag1) != md5Hex(parts[0]) {
			t.Errorf("part 1 ETag %s, want MD5 %s", etag1, md5Hex(parts[0]))
		}
		listed, err := b.store.ListParts(ctx, key, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(listed) != 1 || listed[0].PartNumber != 1 || listed[0].Size != int64(len(parts[0])) || trim(listed[0].ETag) != trim(etag1) {
			t.Fatalf("ListParts after part 1: %+v", listed)
		}

		// It resumes with the parts the storage lacks.
		have := map[int]bool{}
		for _, p := range listed {
			have[p.PartNumber] = true
		}
		for i, p := range parts {
			if !have[i+1] {
				b.uploadPart(t, key, id, i+1, p)
			}
		}
		listed, err = b.store.ListParts(ctx, key, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(listed) != len(parts) {
			t.Fatalf("ListParts: %+v", listed)
		}
		var done []storage.CompletedPart
		for i, p := range listed {
			if p.PartNumber != i+1 || p.Size != int64(sizes[i]) || trim(p.ETag) != md5Hex(parts[i]) {
				t.Fatalf("part %d listed as %+v", i+1, p)
			}
			done = append(done, storage.CompletedPart{PartNumber: p.PartNumber, ETag: p.ETag})
		}
		if err := b.store.CompleteMultipart(ctx, key, id, done); err != nil {
			t.Fatal(err)
		}

		info, err := b.store.Stat(ctx, key, "")
		if err != nil {
			t.Fatal(err)
		}
		if info.Key != key || info.Size != int64(len(all)) || info.ContentType != "video/mp4" || info.ETag == "" ||
			info.LastModified.IsZero() || !info.RetainUntil.IsZero() {
			t.Errorf("Stat: %+v", info)
		}
		if got, want := sha256.Sum256(readAll(t, b.store, key)), sha256.Sum256(all); got != want {
			t.Error("object content differs from the uploaded parts")
		}
		_, err = b.store.ListParts(ctx, key, id)
		wantErr(t, "ListParts after completion", err, storage.ErrNotFound)
	})

	t.Run("CompleteInvalidParts", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "invalid-parts.bin"
		data := randomBytes(10, mib)
		id, err := b.store.CreateMultipart(ctx, key, "application/octet-stream")
		if err != nil {
			t.Fatal(err)
		}
		etag := b.uploadPart(t, key, id, 1, data)
		err = b.store.CompleteMultipart(ctx, key, id, []storage.CompletedPart{{PartNumber: 1, ETag: md5Hex([]byte("other"))}})
		wantErr(t, "wrong ETag", err, storage.ErrInvalidPart)
		err = b.store.CompleteMultipart(ctx, key, id, []storage.CompletedPart{{PartNumber: 1, ETag: etag}, {PartNumber: 2, ETag: etag}})
		wantErr(t, "missing part", err, storage.ErrInvalidPart)
		// Every part but the last must be at least 5 MiB.
		etag2 := b.uploadPart(t, key, id, 2, data)
		err = b.store.CompleteMultipart(ctx, key, id, []storage.CompletedPart{{PartNumber: 1, ETag: etag}, {PartNumber: 2, ETag: etag2}})
		wantErr(t, "small part", err, storage.ErrInvalidPart)
		// The upload is still usable.
		if err := b.store.CompleteMultipart(ctx, key, id, []storage.CompletedPart{{PartNumber: 1, ETag: etag}}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(readAll(t, b.store, key), data) {
			t.Error("content differs")
		}
	})

	t.Run("CompleteOverExisting", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "raced.bin"
		id, err := b.store.CreateMultipart(ctx, key, "text/plain")
		if err != nil {
			t.Fatal(err)
		}
		etag := b.uploadPart(t, key, id, 1, []byte("from the upload"))
		b.put(t, key, []byte("first"), "text/plain")
		err = b.store.CompleteMultipart(ctx, key, id, []storage.CompletedPart{{PartNumber: 1, ETag: etag}})
		wantErr(t, "CompleteMultipart over an object", err, storage.ErrExists)
		if got := readAll(t, b.store, key); string(got) != "first" {
			t.Errorf("object overwritten: %q", got)
		}
		_, err = b.store.CreateMultipart(ctx, key, "text/plain")
		wantErr(t, "CreateMultipart over an object", err, storage.ErrExists)
	})

	t.Run("PartLength", func(t *testing.T) {
		// A part URL takes the length it was signed for: no more (a 64 MiB part
		// for a 10-byte evidence), no less.
		t.Parallel()
		b := newBackend(t)
		const key = "length.bin"
		id, err := b.store.CreateMultipart(ctx, key, "")
		if err != nil {
			t.Fatal(err)
		}
		req, err := b.store.PresignPart(ctx, key, id, 1, 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		for _, body := range []string{"eleven byte", "nine byte"} {
			if resp, data := b.do(t, req, []byte(body), nil); resp.StatusCode/100 == 2 {
				t.Errorf("%d bytes on a 10-byte part URL: %s: %s", len(body), resp.Status, data)
			}
		}
		if resp, data := b.do(t, req, []byte("ten bytes!"), nil); resp.StatusCode != http.StatusOK {
			t.Errorf("10 bytes: %s: %s", resp.Status, data)
		}
		if parts, err := b.store.ListParts(ctx, key, id); err != nil || len(parts) != 1 || parts[0].Size != 10 {
			t.Errorf("parts held: %+v, %v", parts, err)
		}
	})

	t.Run("Abort", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "aborted.bin"
		id, err := b.store.CreateMultipart(ctx, key, "")
		if err != nil {
			t.Fatal(err)
		}
		b.uploadPart(t, key, id, 1, []byte("part"))
		req, err := b.store.PresignPart(ctx, key, id, 2, int64(len("late part")), time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.store.AbortMultipart(ctx, key, id); err != nil {
			t.Fatal(err)
		}
		_, err = b.store.ListParts(ctx, key, id)
		wantErr(t, "ListParts after abort", err, storage.ErrNotFound)
		if err := b.store.AbortMultipart(ctx, key, id); err != nil {
			t.Errorf("second abort: %v", err)
		}
		if resp, body := b.do(t, req, []byte("late part"), nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("PUT part after abort: %s: %s", resp.Status, body)
		}
		_, err = b.store.Stat(ctx, key, "")
		wantErr(t, "Stat after abort", err, storage.ErrNotFound)
	})

	t.Run("PresignedGetRange", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "docs/report.pdf"
		data := randomBytes(20, 100_000)
		b.put(t, key, data, "application/pdf")
		req, err := b.store.PresignGet(ctx, key, "", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if req.Method != http.MethodGet || req.ExpiresAt.Before(time.Now()) {
			t.Errorf("PresignGet: %+v", req)
		}
		resp, body := b.do(t, req, nil, nil)
		if resp.StatusCode != http.StatusOK || !bytes.Equal(body, data) || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("GET: %s, %d bytes, type %q", resp.Status, len(body), resp.Header.Get("Content-Type"))
		}
		resp, body = b.do(t, req, nil, http.Header{"Range": {"bytes=1000-1999"}})
		if resp.StatusCode != http.StatusPartialContent || !bytes.Equal(body, data[1000:2000]) {
			t.Fatalf("ranged GET: %s, %d bytes", resp.Status, len(body))
		}
		if got := resp.Header.Get("Content-Range"); got != "bytes 1000-1999/100000" {
			t.Errorf("Content-Range %q", got)
		}
		resp, body = b.do(t, req, nil, http.Header{"Range": {"bytes=-10"}})
		if resp.StatusCode != http.StatusPartialContent || !bytes.Equal(body, data[len(data)-10:]) {
			t.Fatalf("suffix GET: %s, %d bytes", resp.Status, len(body))
		}
	})

	t.Run("PresignedGetExpired", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "expiring.txt"
		b.put(t, key, []byte("soon gone"), "text/plain")
		req, err := b.store.PresignGet(ctx, key, "", time.Second)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(2200 * time.Millisecond)
		if resp, body := b.do(t, req, nil, nil); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("expired GET: %s: %s", resp.Status, body)
		}
	})

	t.Run("TamperedSignature", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "signed.txt"
		b.put(t, key, []byte("signed"), "text/plain")
		req, err := b.store.PresignGet(ctx, key, "", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		bad := req
		bad.URL = tamper(t, req.URL)
		if resp, body := b.do(t, bad, nil, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("tampered GET: %s: %s", resp.Status, body)
		}
		bad = req
		bad.Method = http.MethodPut
		if resp, body := b.do(t, bad, []byte("overwrite"), nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("PUT with a GET URL: %s: %s", resp.Status, body)
		}
		if got := readAll(t, b.store, key); string(got) != "signed" {
			t.Errorf("object changed: %q", got)
		}
		b.put(t, "other.txt", []byte("other"), "text/plain")
		bad = req
		bad.URL = strings.Replace(req.URL, "/signed.txt?", "/other.txt?", 1)
		if resp, body := b.do(t, bad, nil, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("GET of another key: %s: %s", resp.Status, body)
		}

		id, err := b.store.CreateMultipart(ctx, "upload.bin", "")
		if err != nil {
			t.Fatal(err)
		}
		preq, err := b.store.PresignPart(ctx, "upload.bin", id, 1, 1, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		preq.URL = tamper(t, preq.URL)
		if resp, body := b.do(t, preq, []byte("x"), nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("tampered PUT: %s: %s", resp.Status, body)
		}
		if parts, err := b.store.ListParts(ctx, "upload.bin", id); err != nil || len(parts) != 0 {
			t.Errorf("ListParts after refused PUT: %v, %v", parts, err)
		}
	})

	t.Run("RetainDelete", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "sealed/evidence.bin"
		data := randomBytes(30, 4096)
		b.put(t, key, data, "application/octet-stream")
		until := time.Now().Add(time.Hour).Truncate(time.Second)
		if err := b.store.Retain(ctx, key, "", until); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "Delete retained", b.store.Delete(ctx, key), storage.ErrRetained)
		if !bytes.Equal(readAll(t, b.store, key), data) {
			t.Fatal("retained object changed")
		}
		err := b.store.Put(ctx, key, strings.NewReader("new"), 3, "text/plain")
		wantErr(t, "Put over retained", err, storage.ErrRetained)
		_, err = b.store.CreateMultipart(ctx, key, "text/plain")
		wantErr(t, "CreateMultipart over retained", err, storage.ErrRetained)

		checkUntil := func(want time.Time) {
			t.Helper()
			info, err := b.store.Stat(ctx, key, "")
			if err != nil {
				t.Fatal(err)
			}
			if d := info.RetainUntil.Sub(want); d < -time.Second || d > time.Second {
				t.Errorf("RetainUntil %v, want %v", info.RetainUntil, want)
			}
		}
		checkUntil(until)
		// Never shortened.
		if err := b.store.Retain(ctx, key, "", until.Add(-30*time.Minute)); err != nil {
			t.Fatal(err)
		}
		checkUntil(until)
		// Extended.
		longer := until.Add(time.Hour)
		if err := b.store.Retain(ctx, key, "", longer); err != nil {
			t.Fatal(err)
		}
		checkUntil(longer)
		wantErr(t, "Delete retained", b.store.Delete(ctx, key), storage.ErrRetained)
		if !bytes.Equal(readAll(t, b.store, key), data) {
			t.Fatal("retained object changed")
		}
	})

	t.Run("PinnedVersion", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "pinned/evidence.bin"
		data := randomBytes(31, 2048)
		b.put(t, key, data, "application/octet-stream")
		info, err := b.store.Stat(ctx, key, "")
		if err != nil {
			t.Fatal(err)
		}
		if info.VersionID == "" {
			t.Fatal("Stat gave no version id")
		}
		if err := b.store.Retain(ctx, key, info.VersionID, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		checkPinned(t, b, key, info.VersionID, data)
		vs, err := b.store.Versions(ctx, key)
		if err != nil || len(vs) != 1 || vs[0].VersionID != info.VersionID || vs[0].DeleteMarker || vs[0].Size != int64(len(data)) {
			t.Errorf("Versions = %+v, %v; want the one version %s", vs, err, info.VersionID)
		}
		const other = "00000000-0000-0000-0000-000000000000"
		_, err = b.store.Stat(ctx, key, other)
		wantErr(t, "Stat of another version", err, storage.ErrNotFound)
		_, err = b.store.Open(ctx, key, other)
		wantErr(t, "Open of another version", err, storage.ErrNotFound)
		req, err := b.store.PresignGet(ctx, key, other, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if resp, _ := b.do(t, req, nil, nil); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("GET of another version: %s", resp.Status)
		}
		_, err = b.store.Versions(ctx, "pinned/missing.bin")
		wantErr(t, "Versions of a missing key", err, storage.ErrNotFound)
	})

	t.Run("RetentionEnds", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "short.bin"
		b.put(t, key, []byte("short"), "")
		if err := b.store.Retain(ctx, key, "", time.Now().Add(2*time.Second)); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "Delete retained", b.store.Delete(ctx, key), storage.ErrRetained)
		time.Sleep(3500 * time.Millisecond)
		if err := b.store.Delete(ctx, key); err != nil {
			t.Fatalf("Delete after retention: %v", err)
		}
		_, err := b.store.Stat(ctx, key, "")
		wantErr(t, "Stat after Delete", err, storage.ErrNotFound)
	})

	t.Run("PutExisting", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "once.txt"
		b.put(t, key, []byte("one"), "text/plain")
		err := b.store.Put(ctx, key, strings.NewReader("two"), 3, "text/plain")
		wantErr(t, "Put over existing", err, storage.ErrExists)
		if got := readAll(t, b.store, key); string(got) != "one" {
			t.Fatalf("object overwritten: %q", got)
		}
		if err := b.store.Delete(ctx, key); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "second Delete", b.store.Delete(ctx, key), storage.ErrNotFound)
		// The key is free again after Delete; size may be unknown.
		if err := b.store.Put(ctx, key, strings.NewReader("three"), -1, "text/plain"); err != nil {
			t.Fatal(err)
		}
		info, err := b.store.Stat(ctx, key, "")
		if err != nil || info.Size != 5 || info.ContentType != "text/plain" {
			t.Fatalf("Stat: %+v, %v", info, err)
		}
	})

	t.Run("ConcurrentPut", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "race.txt"
		const n = 4
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				data := fmt.Sprintf("writer %d", i)
				errs[i] = b.store.Put(ctx, key, strings.NewReader(data), int64(len(data)), "text/plain")
			})
		}
		wg.Wait()
		winners := 0
		for i, err := range errs {
			switch {
			case err == nil:
				winners++
				if got := readAll(t, b.store, key); string(got) != fmt.Sprintf("writer %d", i) {
					t.Errorf("winner %d, content %q", i, got)
				}
			case !errors.Is(err, storage.ErrExists):
				t.Errorf("writer %d: %v", i, err)
			}
		}
		if winners != 1 {
			t.Errorf("%d writers succeeded", winners)
		}
	})

	t.Run("Missing", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		const key = "missing/key.bin"
		_, err := b.store.Stat(ctx, key, "")
		wantErr(t, "Stat", err, storage.ErrNotFound)
		_, err = b.store.Open(ctx, key, "")
		wantErr(t, "Open", err, storage.ErrNotFound)
		wantErr(t, "Retain", b.store.Retain(ctx, key, "", time.Now().Add(time.Hour)), storage.ErrNotFound)
		wantErr(t, "Delete", b.store.Delete(ctx, key), storage.ErrNotFound)
		req, err := b.store.PresignGet(ctx, key, "", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if resp, _ := b.do(t, req, nil, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET of a missing key: %s", resp.Status)
		}
		_, err = b.store.ListParts(ctx, key, "0123456789abcdef0123456789abcdef")
		wantErr(t, "ListParts", err, storage.ErrNotFound)
	})
}

// Local-only behaviour.

func TestLocalExpiryClock(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	b, _ := newLocalBackend(t, clock)
	ctx := context.Background()
	b.put(t, "a.txt", []byte("a"), "text/plain")
	req, err := b.store.PresignGet(ctx, "a.txt", "", 10*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := b.do(t, req, nil, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET: %s", resp.Status)
	}
	mu.Lock()
	now = now.Add(11 * time.Minute)
	mu.Unlock()
	resp, body := b.do(t, req, nil, nil)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "expired") {
		t.Fatalf("expired GET: %s: %s", resp.Status, body)
	}
}

func TestLocalCORS(t *testing.T) {
	t.Parallel()
	b, _ := newLocalBackend(t, nil)
	ctx := context.Background()
	r, _ := http.NewRequest(http.MethodOptions, b.resolve("/storage/any/key"), nil)
	r.Header.Set("Origin", "https://app.example")
	r.Header.Set("Access-Control-Request-Method", "PUT")
	resp, err := b.client.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h := resp.Header
	if resp.StatusCode != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(h.Get("Access-Control-Allow-Methods"), "PUT") ||
		!strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "content-type") {
		t.Fatalf("preflight: %s %v", resp.Status, h)
	}

	id, err := b.store.CreateMultipart(ctx, "cors.bin", "")
	if err != nil {
		t.Fatal(err)
	}
	req, err := b.store.PresignPart(ctx, "cors.bin", id, 1, 1, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	resp, _ = b.do(t, req, []byte("x"), nil)
	if resp.Header.Get("Access-Control-Expose-Headers") != "ETag" || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("PUT CORS headers: %v", resp.Header)
	}
}

// TestLocalServeHeaders: what local playback serves is never sniffed into
// another type, runs no script, and comes inline with a harmless file name.
func TestLocalServeHeaders(t *testing.T) {
	t.Parallel()
	b, _ := newLocalBackend(t, nil)
	ctx := context.Background()
	if err := b.store.Put(ctx, "play.mp4", strings.NewReader("<html><script>alert(1)</script>"), 31, "video/mp4"); err != nil {
		t.Fatal(err)
	}
	req, err := b.store.PresignGet(ctx, "play.mp4", "", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := b.do(t, req, nil, nil)
	h := resp.Header
	if resp.StatusCode != http.StatusOK || string(body) == "" || h.Get("Content-Type") != "video/mp4" ||
		h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") ||
		!strings.HasPrefix(h.Get("Content-Disposition"), "inline") {
		t.Errorf("playback headers: %s %v", resp.Status, h)
	}
}

func TestLocalKeys(t *testing.T) {
	t.Parallel()
	b, _ := newLocalBackend(t, nil)
	ctx := context.Background()
	for _, key := range []string{"", "../x", "a/../b", "/abs", "a//b", "a/", "./a", "sp ace", "é", "a\\b", "a?b"} {
		if err := b.store.Put(ctx, key, strings.NewReader("x"), 1, ""); err == nil {
			t.Errorf("Put(%q) accepted", key)
		}
		if _, err := b.store.PresignGet(ctx, key, "", time.Minute); err == nil {
			t.Errorf("PresignGet(%q) accepted", key)
		}
	}
	b.put(t, "A-z_0.9/x.y", []byte("ok"), "")
	for _, p := range []string{"/storage/../objects/A-z_0.9/x.y", "/storage/%2e%2e/x", "/other/A-z_0.9/x.y"} {
		resp, err := b.client.Get(b.resolve(p))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Errorf("GET %s: %s", p, resp.Status)
		}
	}
}

func TestLocalConcurrentParts(t *testing.T) {
	t.Parallel()
	b, _ := newLocalBackend(t, nil)
	ctx := context.Background()
	const key = "concurrent.bin"
	id, err := b.store.CreateMultipart(ctx, key, "")
	if err != nil {
		t.Fatal(err)
	}
	// Two different payloads race for each of 4 parts.
	const nParts = 4
	payload := func(part, variant int) []byte {
		return randomBytes(uint64(100+part*2+variant), 5*mib+part)
	}
	var wg sync.WaitGroup
	for part := 1; part <= nParts; part++ {
		for v := range 2 {
			wg.Go(func() {
				if _, err := b.tryUploadPart(key, id, part, payload(part, v)); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	parts, err := b.store.ListParts(ctx, key, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != nParts {
		t.Fatalf("ListParts: %+v", parts)
	}
	var want []byte
	var done []storage.CompletedPart
	for i, p := range parts {
		var data []byte
		for v := range 2 {
			if d := payload(i+1, v); md5Hex(d) == p.ETag {
				data = d
			}
		}
		if data == nil || p.Size != int64(len(data)) {
			t.Fatalf("part %d: ETag %s size %d matches no payload", p.PartNumber, p.ETag, p.Size)
		}
		want = append(want, data...)
		done = append(done, storage.CompletedPart{PartNumber: p.PartNumber, ETag: p.ETag})
	}
	if err := b.store.CompleteMultipart(ctx, key, id, done); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readAll(t, b.store, key), want) {
		t.Fatal("content differs")
	}
}

func TestNewLocalOptions(t *testing.T) {
	t.Parallel()
	if _, err := storage.NewLocal(storage.LocalOptions{Dir: t.TempDir()}); err == nil {
		t.Error("NewLocal without secret accepted")
	}
	if _, err := storage.NewLocal(storage.LocalOptions{Secret: []byte("s")}); err == nil {
		t.Error("NewLocal without directory accepted")
	}
	l, err := storage.NewLocal(storage.LocalOptions{Dir: t.TempDir(), Secret: []byte("s"), URLPrefix: "https://app.example/files/"})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	req, err := l.PresignGet(context.Background(), "k", "", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(req.URL, "https://app.example/files/k?") {
		t.Errorf("URL %s", req.URL)
	}
}

func BenchmarkLocalPartPut(b *testing.B) {
	be, _ := newLocalBackend(b, nil)
	ctx := context.Background()
	id, err := be.store.CreateMultipart(ctx, "bench.bin", "")
	if err != nil {
		b.Fatal(err)
	}
	data := randomBytes(1, 5*mib)
	b.SetBytes(int64(len(data)))
	n := 0
	for b.Loop() {
		n = n%10000 + 1
		be.uploadPart(b, "bench.bin", id, n, data)
	}
}

func ExampleLocal_Handler() {
	l, err := storage.NewLocal(storage.LocalOptions{Dir: os.TempDir(), Secret: []byte("change me")})
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	// No http.StripPrefix: the handler reads the key from the full path.
	mux.Handle("/storage/", l.Handler())
	fmt.Println("mounted")
	// Output: mounted
}
