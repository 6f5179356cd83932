// Package pii protects resident ID numbers: a keyed hash for look-up, AES-GCM
// encryption at rest, and a masked form for display.
package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/hnvt/bairi/internal/idcheck"
)

// Cipher seals and opens resident ID numbers with keys derived from one data key.
type Cipher struct {
	aead    cipher.AEAD
	hashKey []byte
}

// New derives the encryption and hashing keys from a data key of at least 32 bytes.
func New(dataKey []byte) (*Cipher, error) {
	if len(dataKey) < 32 {
		return nil, errors.New("pii: data key must be at least 32 bytes")
	}
	encKey := derive(dataKey, "bairi/pii/encrypt")
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Cipher{aead: aead, hashKey: derive(dataKey, "bairi/pii/hash")}, nil
}

func derive(key []byte, label string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label))
	return m.Sum(nil)
}

// Sealed is what is stored for one resident ID number.
type Sealed struct {
	Hash      string // keyed hash (hex) for exact look-up
	Encrypted []byte // nonce || AES-GCM ciphertext
	Masked    string // e.g. 4101**********1234
}

// Seal validates and normalises an ID number and returns what may be stored.
func (c *Cipher) Seal(idNumber string) (Sealed, error) {
	id, err := idcheck.ResidentID(idNumber)
	if err != nil {
		return Sealed{}, err
	}
	nonce := make([]byte, c.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return Sealed{}, err
	}
	enc := c.aead.Seal(nonce, nonce, []byte(id), []byte("resident-id"))
	return Sealed{Hash: c.Hash(id), Encrypted: enc, Masked: idcheck.MaskResidentID(id)}, nil
}

// Hash returns the keyed look-up hash of a normalised ID number.
func (c *Cipher) Hash(id string) string {
	m := hmac.New(sha256.New, c.hashKey)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))
}

// Open decrypts a stored ID number.
func (c *Cipher) Open(enc []byte) (string, error) {
	n := c.aead.NonceSize()
	if len(enc) < n {
		return "", errors.New("pii: ciphertext too short")
	}
	plain, err := c.aead.Open(nil, enc[:n], enc[n:], []byte("resident-id"))
	if err != nil {
		return "", fmt.Errorf("pii: %w", err)
	}
	return string(plain), nil
}

// MaskName keeps the family name (the first character) and masks the rest,
// as a public notice shows a trainee: 张三 -> 张*, 欧阳娜娜 -> 欧*.
func MaskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + "*"
}
