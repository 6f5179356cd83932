package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hnvt/bairi/internal/settings"
)

// config is the whole configuration, read from the environment only.
type config struct {
	HTTPAddr               string
	DataDir                string
	DatabaseURL            string
	S3Endpoint             string
	S3AccessKey            string
	S3SecretKey            string
	S3Bucket               string
	S3Region               string
	S3UseSSL               bool
	JWTSecret              []byte
	JWTPreviousSecrets     [][]byte
	DataKey                []byte
	BootstrapAdminPassword string
	Dev                    bool
	// TestClock (TEST_CLOCK=1) lets loopback clients move the rules' clock
	// through POST /testing/clock: for the browser run, never in production.
	TestClock       bool
	MaxBodyBytes    int64
	Settings        *settings.Settings
	PublicURL       string
	CertSigningSeed []byte
	VerifyPerMinute int
	VerifyPerNumber int
	// TrustedProxies (TRUSTED_PROXIES, CIDRs separated by commas, none by
	// default) are the reverse proxies whose X-Forwarded-For names the client.
	TrustedProxies    []netip.Prefix
	DeadlineScanEvery time.Duration
	// TenDayEvery (TENDAY_INTERVAL) runs the ten-day job at this interval
	// instead of just after midnight on the 1st, 11th and 21st (tests).
	TenDayEvery time.Duration
	// PDFFont and PDFLatinFont (PDF_FONT, PDF_LATIN_FONT) are the TrueType fonts of the bulletin's PDF: Chinese, and
	// digits and letters.
	PDFFont, PDFLatinFont string
	// UploadExpiryEvery (UPLOAD_EXPIRY_INTERVAL, default 1h) is how often abandoned uploads are looked for.
	UploadExpiryEvery time.Duration
	// RecheckEvery (EVIDENCE_RECHECK_INTERVAL, default 1h) is how often the
	// integrity job re-reads a sample of verified evidence; RecheckFiles
	// (EVIDENCE_RECHECK_FILES, default 20) how many files at most each time.
	RecheckEvery time.Duration
	RecheckFiles int
	// ReadTimeout (READ_TIMEOUT, default 60s) bounds how long a request may
	// take to send its body; uploads (multipart, storage parts) get ten times it.
	ReadTimeout time.Duration
}

// loadConfig reads the environment; JWT_SECRET and DATA_KEY are generated and
// kept in DATA_DIR when empty, so that a restart keeps tokens and data readable.
func loadConfig(getenv func(string) string) (*config, error) {
	get := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c := &config{
		HTTPAddr:               get("HTTP_ADDR", "127.0.0.1:8080"),
		DataDir:                get("DATA_DIR", "./data"),
		DatabaseURL:            get("DATABASE_URL", ""),
		S3Endpoint:             get("S3_ENDPOINT", ""),
		S3AccessKey:            get("S3_ACCESS_KEY", ""),
		S3SecretKey:            get("S3_SECRET_KEY", ""),
		S3Bucket:               get("S3_BUCKET", "evidence"),
		S3Region:               get("S3_REGION", "us-east-1"),
		BootstrapAdminPassword: getenv("BOOTSTRAP_ADMIN_PASSWORD"),
		Dev:                    get("DEV", "") == "1",
		TestClock:              get("TEST_CLOCK", "") == "1",
		MaxBodyBytes:           8 << 20,
	}
	c.PDFFont, c.PDFLatinFont = get("PDF_FONT", defaultCJKFont), get("PDF_LATIN_FONT", defaultLatinFont)
	var err error
	c.Settings = settings.Default()
	if v := get("MAX_EVIDENCE_BYTES", ""); v != "" {
		if c.Settings.MaxEvidenceBytes, err = strconv.ParseInt(v, 10, 64); err != nil || c.Settings.MaxEvidenceBytes <= 0 {
			return nil, fmt.Errorf("MAX_EVIDENCE_BYTES must be a positive number of bytes")
		}
	}
	if v := get("EVIDENCE_RETENTION_DAYS", ""); v != "" {
		if c.Settings.EvidenceRetentionDays, err = strconv.Atoi(v); err != nil || c.Settings.EvidenceRetentionDays <= 0 {
			return nil, fmt.Errorf("EVIDENCE_RETENTION_DAYS must be a positive number of days")
		}
	}
	if v := get("VENUE_RADIUS_KM", ""); v != "" {
		if c.Settings.VenueRadiusKM, err = strconv.ParseFloat(v, 64); err != nil || c.Settings.VenueRadiusKM <= 0 {
			return nil, fmt.Errorf("VENUE_RADIUS_KM must be a positive number of kilometres")
		}
	}
	if v := get("PLAYBACK_URL_TTL", ""); v != "" {
		if c.Settings.PlaybackTTL, err = time.ParseDuration(v); err != nil || c.Settings.PlaybackTTL < time.Second || c.Settings.PlaybackTTL > time.Hour {
			return nil, fmt.Errorf("PLAYBACK_URL_TTL must be a duration between 1s and 1h, such as 10m")
		}
	}
	if v := get("SUMMONS_MARGIN", ""); v != "" {
		if c.Settings.SummonsMargin, err = strconv.ParseFloat(v, 64); err != nil || c.Settings.SummonsMargin < 0 || c.Settings.SummonsMargin >= 1 {
			return nil, errors.New("SUMMONS_MARGIN must be a share from 0 to below 1, such as 0.1")
		}
	}
	if v := get("BULLETIN_BOTTOM", ""); v != "" {
		if c.Settings.BulletinBottom, err = strconv.Atoi(v); err != nil || c.Settings.BulletinBottom < 1 || c.Settings.BulletinBottom > 50 {
			return nil, errors.New("BULLETIN_BOTTOM must be a number of regions from 1 to 50")
		}
	}
	if c.UploadExpiryEvery, err = time.ParseDuration(get("UPLOAD_EXPIRY_INTERVAL", "1h")); err != nil || c.UploadExpiryEvery < time.Second {
		return nil, errors.New("UPLOAD_EXPIRY_INTERVAL: a duration of at least 1s, such as 1h")
	}
	if c.RecheckEvery, err = time.ParseDuration(get("EVIDENCE_RECHECK_INTERVAL", "1h")); err != nil || c.RecheckEvery < time.Second {
		return nil, errors.New("EVIDENCE_RECHECK_INTERVAL: a duration of at least 1s, such as 1h")
	}
	if c.RecheckFiles, err = strconv.Atoi(get("EVIDENCE_RECHECK_FILES", "20")); err != nil || c.RecheckFiles < 1 || c.RecheckFiles > 10000 {
		return nil, errors.New("EVIDENCE_RECHECK_FILES: a number of files between 1 and 10000")
	}
	if c.ReadTimeout, err = time.ParseDuration(get("READ_TIMEOUT", "60s")); err != nil || c.ReadTimeout < time.Second {
		return nil, errors.New("READ_TIMEOUT: a duration of at least 1s, such as 60s")
	}
	if v := getenv("TENDAY_INTERVAL"); v != "" {
		if c.TenDayEvery, err = time.ParseDuration(v); err != nil || c.TenDayEvery < time.Second {
			return nil, errors.New("TENDAY_INTERVAL must be a duration of a second or more")
		}
	}
	if c.DeadlineScanEvery, err = time.ParseDuration(get("DEADLINE_SCAN_INTERVAL", "10m")); err != nil || c.DeadlineScanEvery < time.Second {
		return nil, errors.New("DEADLINE_SCAN_INTERVAL must be a duration of at least 1s, such as 10m")
	}
	if c.S3UseSSL, err = parseBool(get("S3_USE_SSL", "false")); err != nil {
		return nil, fmt.Errorf("S3_USE_SSL: %w", err)
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		return nil, errors.New("DATABASE_URL must be empty (SQLite under DATA_DIR) or a postgres:// URL")
	}
	if c.S3Endpoint != "" && (c.S3AccessKey == "" || c.S3SecretKey == "") {
		return nil, errors.New("S3_ENDPOINT needs S3_ACCESS_KEY and S3_SECRET_KEY")
	}
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("DATA_DIR: %w", err)
	}
	if c.JWTSecret, err = secretFromEnvOrFile(getenv("JWT_SECRET"), filepath.Join(c.DataDir, "jwt-secret")); err != nil {
		return nil, fmt.Errorf("JWT_SECRET: %w", err)
	}
	for _, s := range strings.Split(getenv("JWT_PREVIOUS_SECRETS"), ",") {
		if s = strings.TrimSpace(s); s != "" {
			c.JWTPreviousSecrets = append(c.JWTPreviousSecrets, []byte(s))
		}
	}
	c.PublicURL = strings.TrimRight(get("PUBLIC_URL", "http://"+c.HTTPAddr), "/")
	if c.VerifyPerMinute, err = strconv.Atoi(get("VERIFY_LIMIT_PER_MINUTE", "60")); err != nil || c.VerifyPerMinute < 1 {
		return nil, errors.New("VERIFY_LIMIT_PER_MINUTE must be a positive number")
	}
	if c.VerifyPerNumber, err = strconv.Atoi(get("VERIFY_NUMBER_LIMIT_PER_MINUTE", "20")); err != nil || c.VerifyPerNumber < 1 {
		return nil, errors.New("VERIFY_NUMBER_LIMIT_PER_MINUTE must be a positive number")
	}
	for _, p := range strings.Split(getenv("TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			addr, aerr := netip.ParseAddr(p) // a single address
			if aerr != nil {
				return nil, fmt.Errorf("TRUSTED_PROXIES: %q is neither a CIDR nor an address", p)
			}
			prefix = netip.PrefixFrom(addr, addr.BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, prefix.Masked())
	}
	seed, err := secretFromEnvOrFile(getenv("CERT_SIGNING_KEY"), filepath.Join(c.DataDir, "cert-signing-key"))
	if err != nil {
		return nil, fmt.Errorf("CERT_SIGNING_KEY: %w", err)
	}
	sum := sha256.Sum256(seed) // any secret of 32+ characters becomes a 32-byte Ed25519 seed
	c.CertSigningSeed = sum[:]
	if c.DataKey, err = secretFromEnvOrFile(getenv("DATA_KEY"), filepath.Join(c.DataDir, "data-key")); err != nil {
		return nil, fmt.Errorf("DATA_KEY: %w", err)
	}
	return c, nil
}

func parseBool(s string) (bool, error) {
	return strconv.ParseBool(s)
}

// secretFromEnvOrFile returns the value when set (at least 32 bytes), else the
// secret kept in file, generating it on first use.
func secretFromEnvOrFile(value, file string) ([]byte, error) {
	if value != "" {
		if len(value) < 32 {
			return nil, errors.New("must be at least 32 characters")
		}
		return []byte(value), nil
	}
	if b, err := os.ReadFile(file); err == nil {
		s := strings.TrimSpace(string(b))
		if len(s) < 32 {
			return nil, fmt.Errorf("%s holds fewer than 32 characters", file)
		}
		return []byte(s), nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	s := hex.EncodeToString(raw)
	if err := os.WriteFile(file, []byte(s+"\n"), 0o600); err != nil {
		return nil, err
	}
	return []byte(s), nil
}
