package storage

import (
	"errors"
	"fmt"
	"testing"

	"github.com/minio/minio-go/v7"
)

// TestMapErr: S3's codes become the package's errors, the retryable ones
// ErrBusy (the API answers UNAVAILABLE, and the phone tries again).
func TestMapErr(t *testing.T) {
	for code, want := range map[string]error{
		"NoSuchUpload":       ErrNotFound,
		"InvalidPartOrder":   ErrInvalidPart,
		"PreconditionFailed": ErrExists,
		"InternalError":      ErrBusy,
		"SlowDown":           ErrBusy,
		"ServiceUnavailable": ErrBusy,
	} {
		err := mapErr(fmt.Errorf("completing: %w", minio.ErrorResponse{Code: code}))
		if !errors.Is(err, want) {
			t.Errorf("%s mapped to %v, want %v", code, err, want)
		}
	}
	if err := mapErr(minio.ErrorResponse{Code: "AccessDenied"}); errors.Is(err, ErrBusy) || errors.Is(err, ErrNotFound) {
		t.Errorf("AccessDenied mapped to %v", err)
	}
}
