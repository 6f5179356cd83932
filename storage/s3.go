package storage

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config configures the S3-compatible backend.
type S3Config struct {
	// Endpoint is "host:port", or a URL such as "http://127.0.0.1:9000"
	// (its scheme then decides TLS and UseSSL is ignored).
	Endpoint  string
	AccessKey string
	SecretKey string
	// SessionToken goes with temporary credentials (STS); empty otherwise.
	SessionToken string
	Bucket       string
	Region       string // optional; "us-east-1" when empty
	UseSSL       bool
}

// S3 is a Store backed by S3-compatible object storage (MinIO).
//
// The bucket uses Object Lock, so it is versioned: Delete removes every
// version of the key, and refuses while any of them is retained.
type S3 struct {
	client *minio.Client
	core   *minio.Core
	bucket string
	region string
}

var _ Store = (*S3)(nil)

// Presigned URL lifetimes accepted by both backends (S3 SigV4 limits).
const (
	minPresignExpiry = time.Second
	maxPresignExpiry = 7 * 24 * time.Hour
)

// NewS3 returns the S3 backend. It does not contact the server.
func NewS3(cfg S3Config) (*S3, error) {
	endpoint, secure := cfg.Endpoint, cfg.UseSSL
	if strings.Contains(endpoint, "://") {
		u, err := url.Parse(endpoint)
		if err != nil {
			return nil, fmt.Errorf("storage: parse endpoint: %w", err)
		}
		switch u.Scheme {
		case "http":
			secure = false
		case "https":
			secure = true
		default:
			return nil, fmt.Errorf("storage: endpoint scheme %q is not http or https", u.Scheme)
		}
		if u.Path != "" && u.Path != "/" {
			return nil, errors.New("storage: endpoint must not have a path")
		}
		endpoint = u.Host
	}
	if endpoint == "" {
		return nil, errors.New("storage: S3 endpoint is required")
	}
	if cfg.Bucket == "" {
		return nil, errors.New("storage: S3 bucket is required")
	}
	client, err := minio.New(endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, cfg.SessionToken),
		Secure: secure,
		Region: cfg.Region,
		// Two tries, not ten: with storage away the phone hears so in a
		// second (UNAVAILABLE), not after 6 s of backoff; it retries itself.
		MaxRetries: 2,
	})
	if err != nil {
		return nil, fmt.Errorf("storage: create S3 client: %w", err)
	}
	return &S3{
		client: client,
		core:   &minio.Core{Client: client},
		bucket: cfg.Bucket,
		region: cfg.Region,
	}, nil
}

// Bucket returns the bucket name.
func (s *S3) Bucket() string { return s.bucket }

// EnsureBucket creates the bucket with Object Lock enabled when it is missing.
// An existing bucket is left as it is.
func (s *S3) EnsureBucket(ctx context.Context) error {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("storage: check bucket %q: %w", s.bucket, err)
	}
	if ok {
		return nil
	}
	err = s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{Region: s.region, ObjectLocking: true})
	if err != nil {
		switch s3Code(err) {
		case "BucketAlreadyOwnedByYou", "BucketAlreadyExists":
			return nil // created concurrently
		}
		return fmt.Errorf("storage: create bucket %q: %w", s.bucket, err)
	}
	return nil
}

//go:embed app-policy.json
var appPolicy string

// AppPolicy is the IAM policy the application's storage user should have on
// bucket: everything the evidence upload, playback and retention need, and
// no delete without a version id (a delete marker would hide evidence).
// Retained versions cannot be deleted or changed anyway (Object Lock,
// COMPLIANCE); S3 has no policy condition that refuses a new version at an
// existing key, so reads are pinned to the verified version instead.
func AppPolicy(bucket string) string { return strings.ReplaceAll(appPolicy, "BUCKET", bucket) }

// CheckGuards reports, in English for the operator's log, what keeps the
// bucket's evidence safe from these credentials and is missing: Object Lock
// on the bucket, and a policy refusing delete markers (probed with a
// throwaway object under .bairi-probe/, removed afterwards).
func (s *S3) CheckGuards(ctx context.Context) ([]string, error) {
	var missing []string
	if _, _, _, _, err := s.client.GetObjectLockConfig(ctx, s.bucket); err != nil {
		if s3Code(err) != "ObjectLockConfigurationNotFoundError" {
			return nil, fmt.Errorf("storage: object lock of %q: %w", s.bucket, err)
		}
		missing = append(missing, fmt.Sprintf("bucket %q has no Object Lock: verified evidence can be deleted", s.bucket))
	}
	key := ".bairi-probe/" + strconv.FormatInt(time.Now().UnixNano(), 36)
	if _, err := s.client.PutObject(ctx, s.bucket, key, strings.NewReader("probe"), 5, minio.PutObjectOptions{}); err != nil {
		return nil, fmt.Errorf("storage: probe write: %w", err)
	}
	err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{})
	switch {
	case err == nil:
		missing = append(missing, "these storage credentials may write delete markers that hide evidence: give the application's user the policy storage.AppPolicy (storage/app-policy.json)")
	case s3Code(err) != "AccessDenied":
		return nil, fmt.Errorf("storage: probe delete: %w", err)
	}
	versions, verr := s.Versions(ctx, key)
	if verr != nil && !errors.Is(verr, ErrNotFound) {
		return nil, verr
	}
	for _, v := range versions {
		if err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{VersionID: v.VersionID}); err != nil {
			return nil, fmt.Errorf("storage: removing the probe: %w", err)
		}
	}
	return missing, nil
}

// Ping reports whether the server answers and the bucket exists
// (a missing bucket wraps ErrNotFound).
func (s *S3) Ping(ctx context.Context) error {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("storage: ping: %w", err)
	}
	if !ok {
		return fmt.Errorf("storage: bucket %q: %w", s.bucket, ErrNotFound)
	}
	return nil
}

// CreateMultipart starts a multipart upload. It fails early with ErrExists
// (or ErrRetained) when the key already holds an object.
func (s *S3) CreateMultipart(ctx context.Context, key, contentType string) (string, error) {
	opts := minio.PutObjectOptions{ContentType: contentType}
	opts.SetMatchETagExcept("*")
	id, err := s.core.NewMultipartUpload(ctx, s.bucket, key, opts)
	if err != nil {
		return "", s.writeErr(ctx, key, err)
	}
	return id, nil
}

// PresignPart returns a presigned UploadPart request whose signature covers
// the part's length (Content-Length is a signed header): a body of another
// length is refused by storage. Browsers send Content-Length themselves.
func (s *S3) PresignPart(ctx context.Context, key, uploadID string, partNumber int, size int64, expiry time.Duration) (PresignedRequest, error) {
	if err := checkPartNumber(partNumber); err != nil {
		return PresignedRequest{}, err
	}
	if err := checkPartSize(size, maxS3PartSize); err != nil {
		return PresignedRequest{}, err
	}
	if uploadID == "" {
		return PresignedRequest{}, fmt.Errorf("storage: empty upload id: %w", ErrNotFound)
	}
	if err := checkExpiry(expiry); err != nil {
		return PresignedRequest{}, err
	}
	params := url.Values{}
	params.Set("partNumber", strconv.Itoa(partNumber))
	params.Set("uploadId", uploadID)
	now := time.Now()
	length := http.Header{"Content-Length": {strconv.FormatInt(size, 10)}}
	u, err := s.client.PresignHeader(ctx, http.MethodPut, s.bucket, key, expiry, params, length)
	if err != nil {
		return PresignedRequest{}, fmt.Errorf("storage: presign part: %w", err)
	}
	return PresignedRequest{Method: http.MethodPut, URL: u.String(), Header: length, ExpiresAt: now.Add(expiry)}, nil
}

// ListParts returns the uploaded parts ordered by part number.
func (s *S3) ListParts(ctx context.Context, key, uploadID string) ([]Part, error) {
	if uploadID == "" {
		return nil, fmt.Errorf("storage: empty upload id: %w", ErrNotFound)
	}
	var parts []Part
	marker := 0
	for {
		res, err := s.core.ListObjectParts(ctx, s.bucket, key, uploadID, marker, 1000)
		if err != nil {
			return nil, mapErr(err)
		}
		for _, p := range res.ObjectParts {
			parts = append(parts, Part{PartNumber: p.PartNumber, ETag: trimETag(p.ETag), Size: p.Size})
		}
		if !res.IsTruncated || res.NextPartNumberMarker <= marker {
			break
		}
		marker = res.NextPartNumberMarker
	}
	if parts == nil {
		parts = []Part{}
	}
	return parts, nil
}

// CompleteMultipart assembles the parts. It never overwrites an existing
// object (ErrExists, or ErrRetained when that object is retained).
func (s *S3) CompleteMultipart(ctx context.Context, key, uploadID string, parts []CompletedPart) error {
	if uploadID == "" {
		return fmt.Errorf("storage: empty upload id: %w", ErrNotFound)
	}
	if len(parts) == 0 {
		return fmt.Errorf("%w: no parts", ErrInvalidPart)
	}
	cp := make([]minio.CompletePart, len(parts))
	for i, p := range parts {
		cp[i] = minio.CompletePart{PartNumber: p.PartNumber, ETag: trimETag(p.ETag)}
	}
	opts := minio.PutObjectOptions{}
	opts.SetMatchETagExcept("*")
	if _, err := s.core.CompleteMultipartUpload(ctx, s.bucket, key, uploadID, cp, opts); err != nil {
		return s.writeErr(ctx, key, err)
	}
	return nil
}

// AbortMultipart discards an upload. An unknown upload is not an error
// (MinIO behaves so; AWS's NoSuchUpload is mapped to success as well).
func (s *S3) AbortMultipart(ctx context.Context, key, uploadID string) error {
	if uploadID == "" {
		return nil
	}
	if err := s.core.AbortMultipartUpload(ctx, s.bucket, key, uploadID); err != nil {
		if err = mapErr(err); errors.Is(err, ErrNotFound) {
			return nil
		}
		return err
	}
	return nil
}

// Put stores a whole object with a conditional write (If-None-Match: *), so
// an existing key is never overwritten. size may be -1 when unknown.
func (s *S3) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if _, err := s.Stat(ctx, key, ""); err == nil {
		return s.existsErr(ctx, key)
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	opts := minio.PutObjectOptions{ContentType: contentType}
	opts.SetMatchETagExcept("*")
	if _, err := s.client.PutObject(ctx, s.bucket, key, r, size, opts); err != nil {
		return s.writeErr(ctx, key, err)
	}
	return nil
}

// Stat describes a version of an object ("" the current one).
func (s *S3) Stat(ctx context.Context, key, version string) (ObjectInfo, error) {
	oi, err := s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{VersionID: version})
	if err != nil {
		return ObjectInfo{}, mapErr(err)
	}
	info := ObjectInfo{
		Key:          key,
		VersionID:    oi.VersionID,
		Size:         oi.Size,
		ContentType:  oi.ContentType,
		ETag:         trimETag(oi.ETag),
		LastModified: oi.LastModified,
	}
	if v := oi.Metadata.Get("X-Amz-Object-Lock-Retain-Until-Date"); v != "" {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return ObjectInfo{}, fmt.Errorf("storage: parse retain-until date %q: %w", v, err)
		}
		info.RetainUntil = t
	}
	return info, nil
}

// Open streams a version of an object ("" the current one).
func (s *S3) Open(ctx context.Context, key, version string) (io.ReadCloser, error) {
	obj, err := s.client.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{VersionID: version})
	if err != nil {
		return nil, mapErr(err)
	}
	// GetObject is lazy; Stat makes a missing key fail here rather than on Read.
	if _, err := obj.Stat(); err != nil {
		obj.Close()
		return nil, mapErr(err)
	}
	return obj, nil
}

// PresignGet returns a presigned GET URL of a version ("" the current one);
// the server honours Range.
func (s *S3) PresignGet(ctx context.Context, key, version string, expiry time.Duration) (PresignedRequest, error) {
	if err := checkExpiry(expiry); err != nil {
		return PresignedRequest{}, err
	}
	now := time.Now()
	var params url.Values
	if version != "" {
		params = url.Values{"versionId": {version}}
	}
	u, err := s.client.PresignedGetObject(ctx, s.bucket, key, expiry, params)
	if err != nil {
		return PresignedRequest{}, fmt.Errorf("storage: presign get: %w", err)
	}
	return PresignedRequest{Method: http.MethodGet, URL: u.String(), Header: http.Header{}, ExpiresAt: now.Add(expiry)}, nil
}

// Retain sets COMPLIANCE retention on a version ("" the current one) until
// the given time. A request that would shorten the current retention is a no-op.
func (s *S3) Retain(ctx context.Context, key, version string, until time.Time) error {
	info, err := s.Stat(ctx, key, version)
	if err != nil {
		return err
	}
	if !info.RetainUntil.IsZero() && !until.After(info.RetainUntil) {
		return nil
	}
	if !until.After(time.Now()) {
		return errors.New("storage: retention date must be in the future")
	}
	mode := minio.Compliance
	until = until.UTC()
	err = s.client.PutObjectRetention(ctx, s.bucket, key, minio.PutObjectRetentionOptions{
		Mode:            &mode,
		RetainUntilDate: &until,
		VersionID:       info.VersionID,
	})
	if err != nil {
		return mapErr(err)
	}
	return nil
}

// Versions lists the versions and delete markers of key, newest first.
func (s *S3) Versions(ctx context.Context, key string) ([]Version, error) {
	var out []Version
	for oi := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{
		Prefix:       key,
		WithVersions: true,
		Recursive:    true,
	}) {
		if oi.Err != nil {
			return nil, mapErr(oi.Err)
		}
		if oi.Key != key {
			continue
		}
		out = append(out, Version{VersionID: oi.VersionID, DeleteMarker: oi.IsDeleteMarker, Size: oi.Size, LastModified: oi.LastModified})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("storage: versions of %q: %w", key, ErrNotFound)
	}
	return out, nil
}

// Delete removes every version of key (and its delete markers). It refuses
// with ErrRetained while any version is retained; a key without versions
// gives ErrNotFound. A plain delete is never used since, in a versioned
// bucket, it would only hide a retained object behind a delete marker.
func (s *S3) Delete(ctx context.Context, key string) error {
	versions, err := s.Versions(ctx, key)
	if err != nil {
		return err
	}
	objects := 0
	now := time.Now()
	for _, v := range versions {
		if v.DeleteMarker {
			continue
		}
		objects++
		info, err := s.Stat(ctx, key, v.VersionID)
		if err != nil {
			if errors.Is(err, ErrNotFound) {
				continue
			}
			return err
		}
		if info.RetainUntil.After(now) {
			return ErrRetained
		}
	}
	// Remove object versions before delete markers so that a failure
	// never leaves an object visible that was hidden before.
	for _, pass := range []bool{false, true} {
		for _, v := range versions {
			if v.DeleteMarker != pass {
				continue
			}
			err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{VersionID: v.VersionID})
			if err != nil {
				switch s3Code(err) {
				case "AccessDenied", "ObjectLocked", "InvalidRequest":
					// Retained concurrently: the server enforces the lock.
					if r, serr := s.Stat(ctx, key, v.VersionID); serr == nil && r.RetainUntil.After(time.Now()) {
						return ErrRetained
					}
				}
				return mapErr(err)
			}
		}
	}
	if objects == 0 {
		return fmt.Errorf("storage: delete %q: %w", key, ErrNotFound)
	}
	return nil
}

// writeErr maps the error of a conditional write (If-None-Match: *).
func (s *S3) writeErr(ctx context.Context, key string, err error) error {
	if s3Code(err) == "PreconditionFailed" {
		return s.existsErr(ctx, key)
	}
	return mapErr(err)
}

// existsErr tells ErrRetained from ErrExists for an existing key.
func (s *S3) existsErr(ctx context.Context, key string) error {
	info, err := s.Stat(ctx, key, "")
	if err == nil && info.RetainUntil.After(time.Now()) {
		return ErrRetained
	}
	return ErrExists
}

func s3Code(err error) string {
	var er minio.ErrorResponse
	if errors.As(err, &er) {
		return er.Code
	}
	return ""
}

// mapErr maps S3 error codes to the package errors, keeping the original
// error in the chain.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var target error
	switch s3Code(err) {
	case "NoSuchKey", "NoSuchUpload", "NoSuchVersion", "NoSuchBucket", "NotFound":
		target = ErrNotFound
	case "InvalidPart", "InvalidPartOrder", "EntityTooSmall":
		target = ErrInvalidPart
	case "PreconditionFailed":
		target = ErrExists
	case "InternalError", "SlowDown", "ServiceUnavailable", "XMinioServerNotInitialized", "RequestTimeout":
		// Retryable by S3's own account (CompleteMultipartUpload included).
		target = ErrBusy
	}
	if target == nil {
		return fmt.Errorf("storage: %w", err)
	}
	return fmt.Errorf("%w: %w", target, err)
}

func trimETag(etag string) string {
	etag = strings.TrimPrefix(etag, "W/")
	return strings.Trim(etag, `"`)
}

func checkPartNumber(n int) error {
	if n < 1 || n > maxParts {
		return fmt.Errorf("storage: part number %d out of range 1..%d", n, maxParts)
	}
	return nil
}

// maxS3PartSize is S3's largest part.
const maxS3PartSize = 5 << 30

func checkPartSize(size, max int64) error {
	if size < 1 || size > max {
		return fmt.Errorf("storage: part size %d out of range 1..%d", size, max)
	}
	return nil
}

func checkExpiry(d time.Duration) error {
	if d < minPresignExpiry || d > maxPresignExpiry {
		return fmt.Errorf("storage: presign expiry %v out of range %v..%v", d, minPresignExpiry, maxPresignExpiry)
	}
	return nil
}
