// Package certsign signs certificate payloads with Ed25519 so that a QR code
// can be checked offline with the public key the server publishes.
package certsign

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// Payload is what a certificate's QR code asserts.
type Payload struct {
	Number     string `json:"n"`
	HolderName string `json:"h"` // masked
	IDMasked   string `json:"i"`
	Kind       string `json:"k"`
	Occupation string `json:"o"`
	Level      int    `json:"l,omitempty"`
	Issuer     string `json:"by"`
	IssuedOn   string `json:"d"` // YYYY-MM-DD
}

// Signer signs payloads.
type Signer struct{ key ed25519.PrivateKey }

// New makes a signer from a 32-byte seed.
func New(seed []byte) (*Signer, error) {
	if len(seed) != ed25519.SeedSize {
		return nil, errors.New("certsign: the signing key seed must be 32 bytes")
	}
	return &Signer{key: ed25519.NewKeyFromSeed(seed)}, nil
}

// PublicKey returns the key that verifies signatures.
func (s *Signer) PublicKey() ed25519.PublicKey { return s.key.Public().(ed25519.PublicKey) }

var enc = base64.RawURLEncoding

// Sign returns "payload.signature", both base64url.
func (s *Signer) Sign(p Payload) (string, error) {
	body, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	b := enc.EncodeToString(body)
	return b + "." + enc.EncodeToString(ed25519.Sign(s.key, []byte(b))), nil
}

// ErrBadSignature is returned for a token that was not signed by the key.
var ErrBadSignature = errors.New("certsign: the signature does not match")

// Verify checks a token with a public key and returns its payload.
func Verify(pub ed25519.PublicKey, token string) (Payload, error) {
	b, sig, ok := strings.Cut(token, ".")
	if !ok {
		return Payload{}, ErrBadSignature
	}
	rawSig, err := enc.DecodeString(sig)
	if err != nil || len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, []byte(b), rawSig) {
		return Payload{}, ErrBadSignature
	}
	body, err := enc.DecodeString(b)
	if err != nil {
		return Payload{}, ErrBadSignature
	}
	var p Payload
	if err := json.Unmarshal(body, &p); err != nil {
		return Payload{}, ErrBadSignature
	}
	return p, nil
}

// MaskName keeps the first character of a name: 张三 -> 张*, 欧阳娜娜 -> 欧***.
func MaskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + strings.Repeat("*", len(r)-1)
}
