package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/refreshtoken"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/sessions"
	"github.com/hnvt/bairi/internal/viewer"
)

// Login throttling: after SlowAfter failures each attempt waits longer, and
// after LockAfter failures the account is locked for LockFor.
const (
	SlowAfter = 3
	LockAfter = 5
	LockFor   = 15 * time.Minute
)

// Service signs users in and turns access tokens back into viewers.
type Service struct {
	Client *ent.Client
	Keys   *Keys
	Now    func() time.Time
	// Delay waits before answering a failed login; tests may shorten it.
	Delay func(ctx context.Context, failures int)
	// Log records lockouts (nil: not logged).
	Log *slog.Logger
	// Sessions remembers the viewers of live sessions (nil: none), forgotten
	// on every instance as soon as a user or their sessions change.
	Sessions *sessions.Cache
	// regionPaths caches region id -> path; both are immutable.
	regionPaths sync.Map
	// phantoms are unknown usernames' sign-in attempts.
	phantomMu sync.Mutex
	phantoms  map[string]*phantom
}

// NewService builds the service.
func NewService(c *ent.Client, k *Keys) *Service {
	return &Service{Client: c, Keys: k, Now: time.Now, Delay: defaultDelay}
}

func defaultDelay(ctx context.Context, failures int) {
	if failures < SlowAfter {
		return
	}
	d := time.Duration(failures-SlowAfter+1) * 500 * time.Millisecond
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// Tokens is a signed-in session's token pair.
type Tokens struct {
	AccessToken  string
	RefreshToken string
	ExpiresAt    time.Time
	User         *ent.User
}

var errBadCredentials = fault.New(fault.Unauthenticated, "wrong username or password")

// dummyHash is verified against when the username is unknown, so that an
// unknown user takes as long as a wrong password.
var dummyHash, _ = HashPassword("not-a-real-password-0000")

// db returns the transaction's client when the request runs in one (every
// GraphQL mutation does), so that single-connection SQLite never deadlocks.
func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

func sysCtx(ctx context.Context) context.Context { return viewer.WithPurpose(ctx, viewer.PurposeAuth) }

// Login checks a username and password and opens a session.
//
// Every attempt is counted before the password is checked, by one
// conditional update that only passes while the account is neither locked
// nor at LockAfter attempts: a burst of parallel guesses gets LockAfter
// checks, not one per request. An unknown username goes through the same
// steps (in memory) and gets the same answers, so that answers do not tell
// which usernames exist.
func (s *Service) Login(ctx context.Context, username, password string) (*Tokens, error) {
	ctx = sysCtx(ctx)
	now := s.Now()
	u, err := s.db(ctx).User.Query().Where(user.Username(username)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, s.unknownLogin(ctx, username, password, now)
	}
	if err != nil {
		return nil, err
	}
	attempt, err := s.takeAttempt(ctx, u, now)
	if err != nil {
		return nil, err
	}
	ok, err := VerifyPasswordContext(ctx, u.PasswordHash, password)
	if err != nil {
		return nil, err
	}
	if !ok {
		// This attempt stays counted; the one numbered LockAfter locks the account.
		if attempt == LockAfter {
			if err := s.db(ctx).User.UpdateOneID(u.ID).SetLockedUntil(now.Add(LockFor)).SetFailedLogins(0).Exec(ctx); err != nil {
				return nil, err
			}
			s.logLockout(ctx, username, true)
		}
		s.Delay(ctx, attempt)
		if attempt == LockAfter {
			return nil, lockedError(nil, now)
		}
		return nil, errBadCredentials
	}
	if err := s.db(ctx).User.UpdateOneID(u.ID).SetFailedLogins(0).ClearLockedUntil().Exec(ctx); err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, fault.New(fault.Unauthenticated, "this account has been deactivated")
	}
	return s.issue(ctx, u, uuid.NewString(), now)
}

// takeAttempt counts a sign-in attempt before its password is checked and
// returns its number (1 to LockAfter), or the lock's error. The count moves
// by compare-and-swap (one conditional update), so that parallel attempts
// each get their own number and no more than LockAfter are ever checked.
func (s *Service) takeAttempt(ctx context.Context, u *ent.User, now time.Time) (int, error) {
	for range 200 {
		if (u.LockedUntil != nil && u.LockedUntil.After(now)) || u.FailedLogins >= LockAfter {
			return 0, lockedError(u.LockedUntil, now)
		}
		err := s.db(ctx).User.UpdateOneID(u.ID).Where(user.FailedLogins(u.FailedLogins)).
			SetFailedLogins(u.FailedLogins + 1).ClearLockedUntil().Exec(ctx)
		if err == nil {
			return u.FailedLogins + 1, nil
		}
		if !ent.IsNotFound(err) {
			return 0, err
		}
		if u, err = s.db(ctx).User.Get(ctx, u.ID); err != nil { // another attempt came first
			return 0, err
		}
	}
	return 0, fault.New(fault.TooManyRequests, "too many sign-ins at once: try again in a moment")
}

// lockedError says for how long an account is locked (LockFor when it was locked just now).
func lockedError(until *time.Time, now time.Time) error {
	if until == nil || !until.After(now) {
		return fault.New(fault.TooManyRequests, "too many failed sign-ins: this account is locked for %d minutes", int(LockFor.Minutes()))
	}
	return fault.New(fault.TooManyRequests, "too many failed sign-ins: this account is locked for %d more minutes", int(until.Sub(now).Minutes())+1)
}

// logLockout records a lockout (the username only: never the password tried).
func (s *Service) logLockout(ctx context.Context, username string, known bool) {
	if s.Log != nil {
		s.Log.WarnContext(ctx, "sign-in locked after repeated failures", "username", username, "known_user", known, "minutes", int(LockFor.Minutes()))
	}
}

// phantom is an unknown username's attempts, kept in memory.
type phantom struct {
	failures    int
	lockedUntil time.Time
}

// maxPhantoms bounds the memory unknown usernames may take.
const maxPhantoms = 10000

// unknownLogin answers for a username that does not exist exactly as Login
// does for a wrong password: a password check against a dummy hash, the same
// slowing down, the same lock after LockAfter attempts.
func (s *Service) unknownLogin(ctx context.Context, username, password string, now time.Time) error {
	s.phantomMu.Lock()
	if s.phantoms == nil {
		s.phantoms = map[string]*phantom{}
	}
	p := s.phantoms[username]
	if p == nil {
		if len(s.phantoms) >= maxPhantoms {
			// Forget the names not locked first, then any, down to half.
			for k, q := range s.phantoms {
				if !q.lockedUntil.After(now) {
					delete(s.phantoms, k)
				}
			}
			for k := range s.phantoms {
				if len(s.phantoms) < maxPhantoms/2 {
					break
				}
				delete(s.phantoms, k)
			}
		}
		p = &phantom{}
		s.phantoms[username] = p
	}
	if p.lockedUntil.After(now) {
		until := p.lockedUntil
		s.phantomMu.Unlock()
		return lockedError(&until, now)
	}
	if p.failures >= LockAfter {
		s.phantomMu.Unlock()
		return lockedError(nil, now)
	}
	p.failures++
	s.phantomMu.Unlock()
	if _, err := VerifyPasswordContext(ctx, dummyHash, password); err != nil {
		return err
	}
	s.phantomMu.Lock()
	failures := p.failures
	locked := failures >= LockAfter
	if locked {
		p.lockedUntil, p.failures = now.Add(LockFor), 0
	}
	s.phantomMu.Unlock()
	if locked {
		s.logLockout(ctx, username, false)
	}
	s.Delay(ctx, failures)
	if locked {
		return lockedError(nil, now)
	}
	return errBadCredentials
}

// Unlock ends a lockout (another administrator, or `server unlock USER`).
func (s *Service) Unlock(ctx context.Context, username string) error {
	ctx = sysCtx(ctx)
	id, err := s.db(ctx).User.Query().Where(user.Username(username)).OnlyID(ctx)
	if ent.IsNotFound(err) {
		return fault.Input("username", "no user %q", username)
	}
	if err != nil {
		return err
	}
	if err := s.db(ctx).User.UpdateOneID(id).SetFailedLogins(0).ClearLockedUntil().Exec(ctx); err != nil {
		return err
	}
	if s.Log != nil {
		s.Log.WarnContext(ctx, "sign-in lock lifted", "username", username)
	}
	return nil
}

func hashToken(t string) string {
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:])
}

// issue creates a refresh token in the family and signs an access token.
func (s *Service) issue(ctx context.Context, u *ent.User, family string, now time.Time) (*Tokens, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	refresh := base64.RawURLEncoding.EncodeToString(raw)
	err := s.db(ctx).RefreshToken.Create().SetTokenHash(hashToken(refresh)).SetFamily(family).
		SetUserID(u.ID).SetCreatedAt(now).SetExpiresAt(now.Add(RefreshTTL)).Exec(ctx)
	if err != nil {
		return nil, err
	}
	access, exp, err := s.Keys.Sign(u.ID, family, uuid.NewString(), now)
	if err != nil {
		return nil, err
	}
	return &Tokens{AccessToken: access, RefreshToken: refresh, ExpiresAt: exp, User: u}, nil
}

var errBadRefresh = fault.New(fault.Unauthenticated, "the session has ended: sign in again")

// Refresh rotates a refresh token. Presenting a token that was already
// rotated means it was stolen or replayed: the whole family is revoked.
func (s *Service) Refresh(ctx context.Context, token string) (*Tokens, error) {
	ctx = sysCtx(ctx)
	now := s.Now()
	rt, err := s.db(ctx).RefreshToken.Query().Where(refreshtoken.TokenHash(hashToken(token))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errBadRefresh
	}
	if err != nil {
		return nil, err
	}
	if rt.RevokedAt != nil || now.After(rt.ExpiresAt) {
		return nil, errBadRefresh
	}
	// Claim the token atomically: only one caller may rotate it.
	n, err := s.db(ctx).RefreshToken.Update().
		Where(refreshtoken.ID(rt.ID), refreshtoken.RotatedAtIsNil(), refreshtoken.RevokedAtIsNil()).
		SetRotatedAt(now).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		if err := s.revokeFamily(ctx, rt.Family, now); err != nil {
			return nil, err
		}
		return nil, fault.New(fault.Unauthenticated, "this refresh token was already used: the session has been ended for safety, sign in again")
	}
	u, err := s.db(ctx).User.Get(ctx, rt.UserID)
	if err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, fault.New(fault.Unauthenticated, "this account has been deactivated")
	}
	return s.issue(ctx, u, rt.Family, now)
}

func (s *Service) revokeFamily(ctx context.Context, family string, now time.Time) error {
	return s.db(ctx).RefreshToken.Update().
		Where(refreshtoken.Family(family), refreshtoken.RevokedAtIsNil()).
		SetRevokedAt(now).Exec(sysCtx(ctx))
}

// Logout ends the viewer's session.
func (s *Service) Logout(ctx context.Context) error {
	v := viewer.FromContext(ctx)
	if v == nil {
		return fault.New(fault.Unauthenticated, "not signed in")
	}
	return s.revokeFamily(ctx, v.SessionID, s.Now())
}

// EndOtherSessions revokes every session of the user but the current one.
func (s *Service) EndOtherSessions(ctx context.Context, userID int, keep string) error {
	return s.db(ctx).RefreshToken.Update().
		Where(refreshtoken.UserID(userID), refreshtoken.FamilyNEQ(keep), refreshtoken.RevokedAtIsNil()).
		SetRevokedAt(s.Now()).Exec(sysCtx(ctx))
}

// ErrSessionEnded is returned when a valid token belongs to an ended session or user.
var ErrSessionEnded = errors.New("the session has ended")

// Authenticate turns an access token into the viewer, checking that the
// user is still active and the session not ended: in the database, or in
// what Sessions remembers of it (which forgets it when either changes).
func (s *Service) Authenticate(ctx context.Context, token string) (*viewer.Viewer, error) {
	claims, err := s.Keys.Parse(token, s.Now())
	if err != nil {
		return nil, err
	}
	id, err := strconv.Atoi(claims.Subject)
	if err != nil {
		return nil, ErrInvalidToken
	}
	if cached, ok := s.Sessions.Get(claims.Session, id); ok {
		v := *cached.(*viewer.Viewer)
		return &v, nil
	}
	gen := s.Sessions.Begin()
	ctx = sysCtx(ctx)
	u, err := s.db(ctx).User.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, ErrSessionEnded
	}
	if err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, ErrSessionEnded
	}
	live, err := s.db(ctx).RefreshToken.Query().
		Where(refreshtoken.Family(claims.Session), refreshtoken.RevokedAtIsNil()).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !live {
		return nil, ErrSessionEnded
	}
	v := &viewer.Viewer{
		UserID: u.ID, Username: u.Username, Role: viewer.Role(u.Role),
		RegionID: u.RegionID, OrgID: u.OrganizationID, PersonID: u.PersonID, SessionID: claims.Session,
	}
	if p, ok := s.regionPaths.Load(u.RegionID); ok {
		v.RegionPath = p.(string)
	} else {
		r, err := s.db(ctx).Region.Get(ctx, u.RegionID)
		if err != nil {
			return nil, err
		}
		s.regionPaths.Store(r.ID, r.Path)
		v.RegionPath = r.Path
	}
	if v.Role.RegionScoped() {
		// the regions the policies filter by (remembered with the session:
		// a region created below it ends the session, ent/schema/region_rules.go)
		if v.Subtree, err = s.db(ctx).Region.Query().Where(region.PathHasPrefix(v.RegionPath)).IDs(ctx); err != nil {
			return nil, err
		}
	}
	cached := *v
	s.Sessions.Put(gen, claims.Session, id, &cached)
	return v, nil
}
