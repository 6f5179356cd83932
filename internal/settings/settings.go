// Package settings holds the tunable rules of the product that come from the
// environment (evidence limits, retention, the venue radius), injected into
// the ent client so that schema hooks can read them.
package settings

import "time"

// Settings are the product's tunable rules.
type Settings struct {
	// MaxEvidenceBytes bounds one evidence file (MAX_EVIDENCE_BYTES, default 4 GiB).
	MaxEvidenceBytes int64
	// EvidenceRetentionDays keeps verified evidence undeletable (EVIDENCE_RETENTION_DAYS, default 1825).
	EvidenceRetentionDays int
	// VenueRadiusKM is how far from the venue a capture may be before it is flagged (VENUE_RADIUS_KM, default 2).
	VenueRadiusKM float64
	// PlaybackTTL is how long a playback URL works (PLAYBACK_URL_TTL, default 10m).
	PlaybackTTL time.Duration
}

// Default returns the defaults.
func Default() *Settings {
	return &Settings{MaxEvidenceBytes: 4 << 30, EvidenceRetentionDays: 1825, VenueRadiusKM: 2, PlaybackTTL: 10 * time.Minute}
}

// OrDefault returns s, or the defaults when s is nil.
func (s *Settings) OrDefault() *Settings {
	if s == nil {
		return Default()
	}
	return s
}
