package storage

import (
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// S3 multipart limits, enforced by the local backend too so that it behaves
// like production.
const (
	maxParts    = 10000
	minPartSize = 5 << 20 // every part but the last
	maxPartSize = 5 << 30
	maxKeyLen   = 1024
)

// Query parameters of the local presigned URLs.
const (
	qOp         = "op"
	qUploadID   = "uploadId"
	qPartNumber = "partNumber"
	qSize       = "size"
	qVersion    = "versionId"
	qExpires    = "expires"
	qSig        = "sig"

	opGet     = "get"
	opPutPart = "put-part"
)

// LocalOptions configures the local directory backend.
type LocalOptions struct {
	// Dir is the root directory; EnsureBucket creates its layout.
	Dir string
	// URLPrefix starts every presigned URL and is where Handler is mounted.
	// It is a path ("/storage", the default) or an absolute URL
	// ("https://app.example/storage"), without a trailing slash.
	URLPrefix string
	// Secret is the HMAC-SHA256 key signing presigned URLs (required).
	Secret []byte
	// Now replaces time.Now (tests).
	Now func() time.Time
}

// Local is a Store keeping objects in a local directory:
//
//	Dir/objects/<key>               object data
//	Dir/meta/<key>                  object metadata JSON (content type, ETag, retainUntil)
//	Dir/uploads/<id>/upload.json    multipart upload (key, content type)
//	Dir/uploads/<id>/<n>            part n, with its ETag and size in <n>.json
//	Dir/tmp/                        temporary files, renamed into place
//
// Writes are atomic (temporary file + rename or link). Namespace changes are
// serialised by a mutex, so one process should own Dir. Presigned URLs are
// HMAC-signed and served by Handler.
type Local struct {
	dir         string
	prefix      string // URL prefix used to build URLs
	route       string // path part of prefix, used by Handler
	secret      []byte
	now         func() time.Time
	maxPartSize int64

	mu sync.RWMutex
}

var _ Store = (*Local)(nil)

type objectMeta struct {
	ContentType string    `json:"contentType,omitempty"`
	ETag        string    `json:"etag,omitempty"`
	RetainUntil time.Time `json:"retainUntil,omitzero"`
}

type uploadMeta struct {
	Key         string    `json:"key"`
	ContentType string    `json:"contentType,omitempty"`
	Created     time.Time `json:"created"`
}

type partMeta struct {
	ETag string `json:"etag"`
	Size int64  `json:"size"`
}

// NewLocal returns the local backend. It does not touch the disk;
// call EnsureBucket to create the directory layout.
func NewLocal(opts LocalOptions) (*Local, error) {
	if opts.Dir == "" {
		return nil, errors.New("storage: local directory is required")
	}
	if len(opts.Secret) == 0 {
		return nil, errors.New("storage: local URL signing secret is required")
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("storage: local directory: %w", err)
	}
	prefix := strings.TrimRight(opts.URLPrefix, "/")
	if opts.URLPrefix == "" {
		prefix = "/storage"
	}
	route := prefix
	if strings.Contains(prefix, "://") {
		u, err := url.Parse(prefix)
		if err != nil {
			return nil, fmt.Errorf("storage: URL prefix: %w", err)
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return nil, errors.New("storage: URL prefix must not have a query or fragment")
		}
		route = u.Path
	} else if !strings.HasPrefix(prefix, "/") {
		return nil, fmt.Errorf("storage: URL prefix %q must start with / or be an absolute URL", opts.URLPrefix)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Local{
		dir:         dir,
		prefix:      prefix,
		route:       route,
		secret:      slices.Clone(opts.Secret),
		now:         now,
		maxPartSize: maxPartSize,
	}, nil
}

func (l *Local) objectsDir() string { return filepath.Join(l.dir, "objects") }
func (l *Local) metaDir() string    { return filepath.Join(l.dir, "meta") }
func (l *Local) uploadsDir() string { return filepath.Join(l.dir, "uploads") }
func (l *Local) tmpDir() string     { return filepath.Join(l.dir, "tmp") }
func (l *Local) objectPath(key string) string {
	return filepath.Join(l.objectsDir(), filepath.FromSlash(key))
}
func (l *Local) metaPath(key string) string {
	return filepath.Join(l.metaDir(), filepath.FromSlash(key))
}
func (l *Local) uploadDir(id string) string { return filepath.Join(l.uploadsDir(), id) }

var keySegment = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// validKey accepts slash-separated segments of [A-Za-z0-9._-], none of them
// "." or "..", with no leading or trailing slash.
func validKey(key string) error {
	if key == "" || len(key) > maxKeyLen {
		return fmt.Errorf("storage: invalid key %q", key)
	}
	for seg := range strings.SplitSeq(key, "/") {
		if seg == "." || seg == ".." || !keySegment.MatchString(seg) {
			return fmt.Errorf("storage: invalid key %q", key)
		}
	}
	return nil
}

var uploadIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// EnsureBucket creates the directory layout when missing.
func (l *Local) EnsureBucket(ctx context.Context) error {
	for _, d := range []string{l.objectsDir(), l.metaDir(), l.uploadsDir(), l.tmpDir()} {
		if err := os.MkdirAll(d, 0o750); err != nil {
			return fmt.Errorf("storage: %w", err)
		}
	}
	return nil
}

// Ping checks that the directory layout exists and is writable.
func (l *Local) Ping(ctx context.Context) error {
	f, err := os.CreateTemp(l.tmpDir(), "ping-*")
	if err != nil {
		return fmt.Errorf("storage: ping: %w", err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// CreateMultipart starts an upload. It fails early with ErrExists (or
// ErrRetained) when the key already holds an object.
func (l *Local) CreateMultipart(ctx context.Context, key, contentType string) (string, error) {
	if err := validKey(key); err != nil {
		return "", err
	}
	l.mu.RLock()
	err := l.checkFree(key)
	l.mu.RUnlock()
	if err != nil {
		return "", err
	}
	var b [16]byte
	rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	if err := os.Mkdir(l.uploadDir(id), 0o750); err != nil {
		return "", fmt.Errorf("storage: create upload: %w", err)
	}
	meta := uploadMeta{Key: key, ContentType: contentType, Created: l.now().UTC()}
	if err := l.writeJSON(filepath.Join(l.uploadDir(id), "upload.json"), meta); err != nil {
		os.RemoveAll(l.uploadDir(id))
		return "", err
	}
	return id, nil
}

// loadUpload reads the upload; an unknown id or another key gives ErrNotFound.
func (l *Local) loadUpload(key, id string) (uploadMeta, error) {
	var meta uploadMeta
	if !uploadIDPattern.MatchString(id) {
		return meta, fmt.Errorf("storage: upload %q: %w", id, ErrNotFound)
	}
	err := readJSON(filepath.Join(l.uploadDir(id), "upload.json"), &meta)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && meta.Key != key) {
		return meta, fmt.Errorf("storage: upload %q of %q: %w", id, key, ErrNotFound)
	}
	return meta, err
}

// PresignPart returns a signed PUT URL served by Handler; the part's length
// is in the signed query and the handler takes no other. No header is needed.
func (l *Local) PresignPart(ctx context.Context, key, uploadID string, partNumber int, size int64, expiry time.Duration) (PresignedRequest, error) {
	if err := validKey(key); err != nil {
		return PresignedRequest{}, err
	}
	if err := checkPartNumber(partNumber); err != nil {
		return PresignedRequest{}, err
	}
	if err := checkPartSize(size, l.maxPartSize); err != nil {
		return PresignedRequest{}, err
	}
	if err := checkExpiry(expiry); err != nil {
		return PresignedRequest{}, err
	}
	if _, err := l.loadUpload(key, uploadID); err != nil {
		return PresignedRequest{}, err
	}
	q := url.Values{}
	q.Set(qOp, opPutPart)
	q.Set(qUploadID, uploadID)
	q.Set(qPartNumber, strconv.Itoa(partNumber))
	q.Set(qSize, strconv.FormatInt(size, 10))
	return l.presign(http.MethodPut, key, q, expiry), nil
}

// PresignGet returns a signed GET URL served by Handler (Range supported);
// with a version, the URL serves that content only.
func (l *Local) PresignGet(ctx context.Context, key, version string, expiry time.Duration) (PresignedRequest, error) {
	if err := validKey(key); err != nil {
		return PresignedRequest{}, err
	}
	if err := checkExpiry(expiry); err != nil {
		return PresignedRequest{}, err
	}
	q := url.Values{}
	q.Set(qOp, opGet)
	if version != "" {
		q.Set(qVersion, version)
	}
	return l.presign(http.MethodGet, key, q, expiry), nil
}

func (l *Local) presign(method, key string, q url.Values, expiry time.Duration) PresignedRequest {
	// Round up so that the URL lives at least expiry.
	exp := l.now().Add(expiry + time.Second - 1).Truncate(time.Second)
	q.Set(qExpires, strconv.FormatInt(exp.Unix(), 10))
	q.Set(qSig, l.sign(method, key, q))
	return PresignedRequest{
		Method:    method,
		URL:       l.prefix + "/" + key + "?" + q.Encode(),
		Header:    http.Header{},
		ExpiresAt: exp,
	}
}

// sign returns the hex HMAC-SHA256 of the canonical request string.
func (l *Local) sign(method, key string, q url.Values) string {
	canonical := strings.Join([]string{
		"bairi-storage-v1", method, key,
		q.Get(qOp), q.Get(qUploadID), q.Get(qPartNumber), q.Get(qExpires), q.Get(qSize), q.Get(qVersion),
	}, "\n")
	m := hmac.New(sha256.New, l.secret)
	m.Write([]byte(canonical))
	return hex.EncodeToString(m.Sum(nil))
}

// ListParts returns the parts held, ordered by part number.
func (l *Local) ListParts(ctx context.Context, key, uploadID string) ([]Part, error) {
	if err := validKey(key); err != nil {
		return nil, err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if _, err := l.loadUpload(key, uploadID); err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(l.uploadDir(uploadID))
	if err != nil {
		return nil, fmt.Errorf("storage: list parts: %w", err)
	}
	parts := []Part{}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".json")
		n, err := strconv.Atoi(name)
		if !ok || err != nil {
			continue
		}
		var pm partMeta
		if err := readJSON(filepath.Join(l.uploadDir(uploadID), e.Name()), &pm); err != nil {
			return nil, err
		}
		parts = append(parts, Part{PartNumber: n, ETag: pm.ETag, Size: pm.Size})
	}
	slices.SortFunc(parts, func(a, b Part) int { return a.PartNumber - b.PartNumber })
	return parts, nil
}

// putPart stores one part and returns its ETag (hex MD5, unquoted).
// Concurrent uploads of the same part are safe: the last one wins.
func (l *Local) putPart(ctx context.Context, key, uploadID string, n int, body io.Reader) (string, error) {
	if _, err := l.loadUpload(key, uploadID); err != nil {
		return "", err
	}
	tmp, sum, size, err := l.spool(ctx, body)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	etag := hex.EncodeToString(sum)

	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.loadUpload(key, uploadID); err != nil { // aborted or completed meanwhile
		return "", err
	}
	dst := filepath.Join(l.uploadDir(uploadID), strconv.Itoa(n))
	if err := os.Rename(tmp, dst); err != nil {
		return "", fmt.Errorf("storage: store part: %w", err)
	}
	if err := l.writeJSON(dst+".json", partMeta{ETag: etag, Size: size}); err != nil {
		os.Remove(dst + ".json")
		return "", err
	}
	return etag, nil
}

// CompleteMultipart checks the named parts (ascending numbers, matching
// ETags, all but the last at least 5 MiB, as S3 does) and assembles them.
// It never overwrites an object (ErrExists, or ErrRetained when retained).
func (l *Local) CompleteMultipart(ctx context.Context, key, uploadID string, parts []CompletedPart) error {
	if err := validKey(key); err != nil {
		return err
	}
	if len(parts) == 0 {
		return fmt.Errorf("%w: no parts", ErrInvalidPart)
	}
	l.mu.RLock()
	upload, err := l.loadUpload(key, uploadID)
	if err == nil {
		err = l.checkFree(key)
	}
	if err == nil {
		err = l.checkParts(uploadID, parts)
	}
	l.mu.RUnlock()
	if err != nil {
		return err
	}

	// Assemble outside the lock, verifying each part's MD5 again in case
	// a part was replaced meanwhile.
	f, err := os.CreateTemp(l.tmpDir(), "object-*")
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	sums := md5.New()
	for _, p := range parts {
		sum, err := appendPart(ctx, f, filepath.Join(l.uploadDir(uploadID), strconv.Itoa(p.PartNumber)))
		if errors.Is(err, fs.ErrNotExist) || (err == nil && hex.EncodeToString(sum) != trimETag(p.ETag)) {
			err = fmt.Errorf("%w: part %d changed during completion", ErrInvalidPart, p.PartNumber)
		}
		if err != nil {
			f.Close()
			return err
		}
		sums.Write(sum)
	}
	if err := closeSynced(f); err != nil {
		return err
	}
	etag := fmt.Sprintf("%s-%d", hex.EncodeToString(sums.Sum(nil)), len(parts))

	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.loadUpload(key, uploadID); err != nil {
		return err
	}
	if err := l.checkFree(key); err != nil {
		return err
	}
	if err := l.commit(tmp, key, objectMeta{ContentType: upload.ContentType, ETag: etag}); err != nil {
		return err
	}
	if err := os.RemoveAll(l.uploadDir(uploadID)); err != nil {
		return fmt.Errorf("storage: remove completed upload: %w", err)
	}
	return nil
}

// checkParts validates the parts named by the client. Caller holds l.mu.
func (l *Local) checkParts(uploadID string, parts []CompletedPart) error {
	prev := 0
	for i, p := range parts {
		if p.PartNumber <= prev {
			return fmt.Errorf("%w: part numbers must be ascending", ErrInvalidPart)
		}
		prev = p.PartNumber
		var pm partMeta
		err := readJSON(filepath.Join(l.uploadDir(uploadID), strconv.Itoa(p.PartNumber)+".json"), &pm)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: part %d was not uploaded", ErrInvalidPart, p.PartNumber)
		}
		if err != nil {
			return err
		}
		if pm.ETag != trimETag(p.ETag) {
			return fmt.Errorf("%w: part %d has ETag %q, not %q", ErrInvalidPart, p.PartNumber, pm.ETag, trimETag(p.ETag))
		}
		if i < len(parts)-1 && pm.Size < minPartSize {
			return fmt.Errorf("%w: part %d is smaller than 5 MiB", ErrInvalidPart, p.PartNumber)
		}
	}
	return nil
}

func appendPart(ctx context.Context, dst io.Writer, name string) ([]byte, error) {
	src, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	h := md5.New()
	if _, err := io.Copy(io.MultiWriter(dst, h), ctxReader{ctx, src}); err != nil {
		return nil, fmt.Errorf("storage: assemble: %w", err)
	}
	return h.Sum(nil), nil
}

// AbortMultipart discards an upload and its parts. An unknown upload is
// not an error.
func (l *Local) AbortMultipart(ctx context.Context, key, uploadID string) error {
	if err := validKey(key); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.loadUpload(key, uploadID); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		return err
	}
	if err := os.RemoveAll(l.uploadDir(uploadID)); err != nil {
		return fmt.Errorf("storage: abort: %w", err)
	}
	return nil
}

// Put stores a whole object atomically; it never overwrites (ErrExists, or
// ErrRetained when the existing object is retained). size may be -1.
func (l *Local) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if err := validKey(key); err != nil {
		return err
	}
	l.mu.RLock()
	err := l.checkFree(key)
	l.mu.RUnlock()
	if err != nil {
		return err
	}
	if size >= 0 {
		r = io.LimitReader(r, size+1)
	}
	tmp, sum, n, err := l.spool(ctx, r)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if size >= 0 && n != size {
		return fmt.Errorf("storage: put %q: read %d bytes, expected %d", key, n, size)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.checkFree(key); err != nil {
		return err
	}
	return l.commit(tmp, key, objectMeta{ContentType: contentType, ETag: hex.EncodeToString(sum)})
}

// checkFree returns ErrExists or ErrRetained when key holds an object.
// Caller holds l.mu.
func (l *Local) checkFree(key string) error {
	_, meta, err := l.lookup(key)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if meta.RetainUntil.After(l.now()) {
		return ErrRetained
	}
	return ErrExists
}

// commit links the temporary file tmp to the object key, which must not
// exist, then writes its metadata. Caller holds l.mu.
func (l *Local) commit(tmp, key string, meta objectMeta) error {
	dst := l.objectPath(key)
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	// Link fails when dst exists, even if another process created it.
	if err := os.Link(tmp, dst); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return ErrExists
		}
		return fmt.Errorf("storage: store %q: %w", key, err)
	}
	if err := l.writeJSON(l.metaPath(key), meta); err != nil {
		os.Remove(dst)
		return err
	}
	return nil
}

// lookupVersion is lookup of a version: a directory keeps one version of a
// key, named by its ETag (a digest of its content); another is not found.
func (l *Local) lookupVersion(key, version string) (fs.FileInfo, objectMeta, error) {
	fi, meta, err := l.lookup(key)
	if err == nil && version != "" && version != meta.ETag {
		return nil, meta, fmt.Errorf("storage: object %q version %q: %w", key, version, ErrNotFound)
	}
	return fi, meta, err
}

// lookup checks the key, stats the object and reads its metadata. Caller holds l.mu.
func (l *Local) lookup(key string) (fs.FileInfo, objectMeta, error) {
	var meta objectMeta
	if err := validKey(key); err != nil {
		return nil, meta, err
	}
	fi, err := os.Stat(l.objectPath(key))
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) || (err == nil && !fi.Mode().IsRegular()) {
		return nil, meta, fmt.Errorf("storage: object %q: %w", key, ErrNotFound)
	}
	if err != nil {
		return nil, meta, fmt.Errorf("storage: %w", err)
	}
	if err := readJSON(l.metaPath(key), &meta); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, meta, err
	}
	if meta.ContentType == "" {
		meta.ContentType = "application/octet-stream"
	}
	return fi, meta, nil
}

// Stat describes an object (its version is its ETag).
func (l *Local) Stat(ctx context.Context, key, version string) (ObjectInfo, error) {
	l.mu.RLock()
	fi, meta, err := l.lookupVersion(key, version)
	l.mu.RUnlock()
	if err != nil {
		return ObjectInfo{}, err
	}
	return ObjectInfo{
		Key:          key,
		VersionID:    meta.ETag,
		Size:         fi.Size(),
		ContentType:  meta.ContentType,
		ETag:         meta.ETag,
		RetainUntil:  meta.RetainUntil,
		LastModified: fi.ModTime(),
	}, nil
}

// Open streams an object (an *os.File).
func (l *Local) Open(ctx context.Context, key, version string) (io.ReadCloser, error) {
	f, _, _, err := l.open(key, version)
	return f, err
}

func (l *Local) open(key, version string) (*os.File, fs.FileInfo, objectMeta, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	_, meta, err := l.lookupVersion(key, version)
	if err != nil {
		return nil, nil, meta, err
	}
	f, err := os.Open(l.objectPath(key))
	if err != nil {
		return nil, nil, meta, fmt.Errorf("storage: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, meta, fmt.Errorf("storage: %w", err)
	}
	return f, fi, meta, nil
}

// Retain sets the retention date; a date before the current one is a no-op.
func (l *Local) Retain(ctx context.Context, key, version string, until time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, meta, err := l.lookupVersion(key, version)
	if err != nil {
		return err
	}
	if !until.After(meta.RetainUntil) {
		return nil
	}
	if !until.After(l.now()) {
		return errors.New("storage: retention date must be in the future")
	}
	meta.RetainUntil = until.UTC()
	return l.writeJSON(l.metaPath(key), meta)
}

// Versions lists the one version a directory keeps.
func (l *Local) Versions(ctx context.Context, key string) ([]Version, error) {
	info, err := l.Stat(ctx, key, "")
	if err != nil {
		return nil, err
	}
	return []Version{{VersionID: info.VersionID, Size: info.Size, LastModified: info.LastModified}}, nil
}

// Delete removes an object; it fails with ErrRetained while retention lasts.
func (l *Local) Delete(ctx context.Context, key string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, meta, err := l.lookup(key)
	if err != nil {
		return err
	}
	if meta.RetainUntil.After(l.now()) {
		return ErrRetained
	}
	if err := os.Remove(l.objectPath(key)); err != nil {
		return fmt.Errorf("storage: delete %q: %w", key, err)
	}
	if err := os.Remove(l.metaPath(key)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("storage: delete %q: %w", key, err)
	}
	removeEmptyParents(l.objectsDir(), key)
	removeEmptyParents(l.metaDir(), key)
	return nil
}

// removeEmptyParents removes the now empty directories of key under root.
func removeEmptyParents(root, key string) {
	for dir := path.Dir(key); dir != "."; dir = path.Dir(dir) {
		if os.Remove(filepath.Join(root, filepath.FromSlash(dir))) != nil {
			return
		}
	}
}

// spool copies r into a synced temporary file and returns its name, MD5
// and size. The caller removes the file.
func (l *Local) spool(ctx context.Context, r io.Reader) (string, []byte, int64, error) {
	f, err := os.CreateTemp(l.tmpDir(), "spool-*")
	if err != nil {
		return "", nil, 0, fmt.Errorf("storage: %w", err)
	}
	h := md5.New()
	n, err := io.Copy(io.MultiWriter(f, h), ctxReader{ctx, r})
	if err == nil {
		err = closeSynced(f)
	} else {
		f.Close()
	}
	if err != nil {
		os.Remove(f.Name())
		return "", nil, 0, err
	}
	return f.Name(), h.Sum(nil), n, nil
}

func closeSynced(f *os.File) error {
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	return nil
}

// writeJSON writes v to name atomically, creating parent directories.
func (l *Local) writeJSON(name string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o750); err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	f, err := os.CreateTemp(l.tmpDir(), "meta-*")
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = closeSynced(f)
	} else {
		f.Close()
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("storage: write %s: %w", filepath.Base(name), err)
	}
	return nil
}

func readJSON(name string, v any) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("storage: read %s: %w", filepath.Base(name), err)
	}
	return nil
}

// ctxReader stops reading once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
