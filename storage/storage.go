// Package storage keeps evidence objects behind one small interface with two
// backends: S3-compatible object storage through minio-go (MinIO in
// production) and a local directory (the embedded default) whose presigned
// URLs are HMAC-signed and served by the application under /storage/.
package storage

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// Errors shared by every backend.
var (
	// ErrNotFound is returned when an object or multipart upload does not exist.
	ErrNotFound = errors.New("storage: not found")
	// ErrRetained is returned when an object under retention would be deleted or overwritten.
	ErrRetained = errors.New("storage: object is under retention")
	// ErrExists is returned when Put would overwrite an existing object.
	ErrExists = errors.New("storage: object already exists")
	// ErrInvalidPart is returned when Complete names a part that was not uploaded or whose ETag differs.
	ErrInvalidPart = errors.New("storage: invalid part")
	// ErrBusy is returned when storage answered that it could not serve the
	// request now (S3's InternalError, SlowDown, ServiceUnavailable): the same
	// request may succeed when tried again.
	ErrBusy error = busyError{}
)

type busyError struct{}

func (busyError) Error() string { return "storage: busy, try again" }

// Unavailable tells internal/fault that the client may try again (UNAVAILABLE).
func (busyError) Unavailable() bool { return true }

// PresignedRequest is an HTTP request a client may make without credentials.
type PresignedRequest struct {
	Method    string
	URL       string
	Header    http.Header // headers the client must send with the request
	ExpiresAt time.Time
}

// Part is one uploaded part of a multipart upload.
type Part struct {
	PartNumber int
	ETag       string
	Size       int64
}

// CompletedPart names a part to assemble, as reported by the client.
type CompletedPart struct {
	PartNumber int
	ETag       string
}

// ObjectInfo describes a stored object (one version of it).
type ObjectInfo struct {
	Key          string
	VersionID    string // the version described; pass it to read exactly this content again
	Size         int64
	ContentType  string
	ETag         string
	RetainUntil  time.Time // zero when the object is not under retention
	LastModified time.Time
}

// Version is one version of a key, or a delete marker hiding the ones before it.
type Version struct {
	VersionID    string
	DeleteMarker bool
	Size         int64
	LastModified time.Time
}

// Store is the object storage used for evidence.
//
// Reads take a version id: "" reads the current version, any other reads
// exactly that version (ErrNotFound when it does not exist), whatever was
// written or hidden at the key since. Verified evidence is always read by the
// version that was verified.
type Store interface {
	// EnsureBucket creates the bucket (with Object Lock where the backend has it) when missing.
	EnsureBucket(ctx context.Context) error
	// Ping reports whether the storage is reachable.
	Ping(ctx context.Context) error
	// CreateMultipart starts a multipart upload of key and returns its upload id.
	CreateMultipart(ctx context.Context, key, contentType string) (uploadID string, err error)
	// PresignPart returns a PUT request that uploads one part (1-based) of the
	// upload, of exactly size bytes: storage refuses a body of another length.
	PresignPart(ctx context.Context, key, uploadID string, partNumber int, size int64, expiry time.Duration) (PresignedRequest, error)
	// ListParts returns the parts the storage already holds, ordered by part number.
	ListParts(ctx context.Context, key, uploadID string) ([]Part, error)
	// CompleteMultipart assembles the parts into the object key.
	CompleteMultipart(ctx context.Context, key, uploadID string, parts []CompletedPart) error
	// AbortMultipart discards an unfinished upload and its parts; aborting an
	// unknown or already finished upload is not an error.
	AbortMultipart(ctx context.Context, key, uploadID string) error
	// Put stores a whole object; it refuses to overwrite an existing key (ErrExists).
	Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error
	// Stat describes a version of an object ("" the current one).
	Stat(ctx context.Context, key, version string) (ObjectInfo, error)
	// Open streams a version of an object ("" the current one).
	Open(ctx context.Context, key, version string) (io.ReadCloser, error)
	// PresignGet returns a GET URL for a version of the object ("" the
	// current one) that honours Range requests.
	PresignGet(ctx context.Context, key, version string, expiry time.Duration) (PresignedRequest, error)
	// Retain puts a version of the object ("" the current one) under
	// retention (COMPLIANCE mode) until the given time; retention can be
	// extended, never shortened.
	Retain(ctx context.Context, key, version string, until time.Time) error
	// Versions lists every version of key and its delete markers, newest
	// first (a backend without versions lists the one object).
	Versions(ctx context.Context, key string) ([]Version, error)
	// Delete removes an object; it fails with ErrRetained while retention lasts.
	Delete(ctx context.Context, key string) error
}
