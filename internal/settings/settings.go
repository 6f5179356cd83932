// Package settings holds the tunable rules of the product that come from the
// environment (evidence limits, retention, the venue radius, the bulletin and summons
// thresholds), injected into
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
	// SummonsMargin is how far (a share, 0.1 = 10 points) a region's completion of a target may trail the share of
	// the campaign elapsed before it is proposed for summons (约谈, R9) (SUMMONS_MARGIN, default 0.1).
	SummonsMargin float64
	// BulletinBottom is how many regions the monthly bulletin (通报, R9) names at the bottom (BULLETIN_BOTTOM, default 3).
	BulletinBottom int
}

// Default returns the defaults.
func Default() *Settings {
	return &Settings{MaxEvidenceBytes: 4 << 30, EvidenceRetentionDays: 1825, VenueRadiusKM: 2, PlaybackTTL: 10 * time.Minute,
		SummonsMargin: 0.1, BulletinBottom: 3}
}

// OrDefault returns s, or the defaults when s is nil.
func (s *Settings) OrDefault() *Settings {
	if s == nil {
		return Default()
	}
	return s
}
