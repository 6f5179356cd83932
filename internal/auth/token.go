// Package auth signs users in: argon2id passwords, short JWT access tokens,
// rotating refresh tokens whose reuse revokes their family, and a lock on
// repeated failed logins.
package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Token parameters.
const (
	Issuer         = "bairi"
	Audience       = "bairi-api"
	AccessTTL      = 15 * time.Minute
	RefreshTTL     = 30 * 24 * time.Hour
	minSecretBytes = 32
)

// Claims are the claims of an access token.
type Claims struct {
	jwt.RegisteredClaims
	// Session is the refresh-token family of the session the token belongs to.
	Session string `json:"sid"`
}

// Keys signs access tokens with the current secret and accepts tokens signed
// by the previous ones, told apart by the key id ("kid") header.
type Keys struct {
	currentID string
	secrets   map[string][]byte
}

// KeyID derives a key's id from its secret.
func KeyID(secret []byte) string {
	sum := sha256.Sum256(secret)
	return hex.EncodeToString(sum[:6])
}

// NewKeys builds a key set; the first secret signs, all verify.
func NewKeys(current []byte, previous ...[]byte) (*Keys, error) {
	k := &Keys{secrets: map[string][]byte{}}
	for i, s := range append([][]byte{current}, previous...) {
		if len(s) < minSecretBytes {
			return nil, fmt.Errorf("auth: JWT secret %d must be at least %d bytes", i, minSecretBytes)
		}
		id := KeyID(s)
		if i == 0 {
			k.currentID = id
		}
		k.secrets[id] = s
	}
	return k, nil
}

// Sign issues an access token for a user and session.
func (k *Keys) Sign(userID int, session, jti string, now time.Time) (string, time.Time, error) {
	exp := now.Add(AccessTTL)
	claims := Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Audience:  jwt.ClaimStrings{Audience},
			Subject:   strconv.Itoa(userID),
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now.Add(-time.Second)),
			ExpiresAt: jwt.NewNumericDate(exp),
			ID:        jti,
		},
		Session: session,
	}
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	t.Header["kid"] = k.currentID
	s, err := t.SignedString(k.secrets[k.currentID])
	return s, exp, err
}

// ErrInvalidToken is returned for any token that must not be accepted.
var ErrInvalidToken = errors.New("invalid or expired access token")

// Parse verifies an access token: HS256 only, a known key id, expiry
// required, our issuer and audience.
func (k *Keys) Parse(token string, now time.Time) (*Claims, error) {
	p := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience),
		jwt.WithLeeway(5*time.Second),
		jwt.WithTimeFunc(func() time.Time { return now }),
	)
	claims := &Claims{}
	_, err := p.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		secret, ok := k.secrets[kid]
		if !ok {
			return nil, errors.New("unknown key id")
		}
		return secret, nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	if claims.Subject == "" || claims.Session == "" {
		return nil, fmt.Errorf("%w: missing subject or session", ErrInvalidToken)
	}
	return claims, nil
}
