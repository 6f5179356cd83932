package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters (OWASP's minimum recommendation: 19 MiB, 2 passes, 1 lane).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// argonSlots bounds the argon2id computations running at once: each holds
// argonMemory KiB, so that 200 parallel sign-ins cannot take gigabytes.
// Sized to the machine: one per CPU (argon2id keeps a core busy, so more
// would only wait holding their memory), at least 2, at most 16 (304 MiB).
var argonSlots = make(chan struct{}, min(16, max(2, runtime.GOMAXPROCS(0))))

// argonKey computes an argon2id key in a slot, or gives up when ctx ends
// while it waits (the client left).
func argonKey(ctx context.Context, password, salt []byte, t, m uint32, p uint8, keyLen uint32) ([]byte, error) {
	select {
	case argonSlots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-argonSlots }()
	return argon2.IDKey(password, salt, t, m, p, keyLen), nil
}

// HashPassword returns a PHC-format argon2id hash of the password.
func HashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := argonKey(context.Background(), []byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword reports whether the password matches a hash made by HashPassword.
func VerifyPassword(hash, password string) (bool, error) {
	return VerifyPasswordContext(context.Background(), hash, password)
}

// VerifyPasswordContext is VerifyPassword that stops waiting for a slot when ctx ends.
func VerifyPasswordContext(ctx context.Context, hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("auth: unknown password hash format")
	}
	var version int
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("auth: unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, fmt.Errorf("auth: bad argon2 parameters: %w", err)
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false, err
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil {
		return false, err
	}
	if m > 64*1024 {
		return false, errors.New("auth: argon2 memory parameter out of bounds")
	}
	got, err := argonKey(ctx, []byte(password), salt, t, m, p, uint32(len(want)))
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// CheckPasswordStrength refuses passwords too weak to protect an account.
func CheckPasswordStrength(password string) error {
	if len([]rune(password)) < 10 {
		return errors.New("password must be at least 10 characters long")
	}
	if len(password) > 256 {
		return errors.New("password must be at most 256 bytes long")
	}
	return nil
}
