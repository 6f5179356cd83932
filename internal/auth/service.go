package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/refreshtoken"
	"github.com/hnvt/bairi/ent/user"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
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
	// regionPaths caches region id -> path; both are immutable.
	regionPaths sync.Map
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
func (s *Service) Login(ctx context.Context, username, password string) (*Tokens, error) {
	ctx = sysCtx(ctx)
	now := s.Now()
	u, err := s.db(ctx).User.Query().Where(user.Username(username)).Only(ctx)
	if ent.IsNotFound(err) {
		_, _ = VerifyPassword(dummyHash, password)
		return nil, errBadCredentials
	}
	if err != nil {
		return nil, err
	}
	if u.LockedUntil != nil && u.LockedUntil.After(now) {
		mins := int(u.LockedUntil.Sub(now).Minutes()) + 1
		return nil, fault.New(fault.TooManyRequests, "too many failed sign-ins: this account is locked for %d more minutes", mins)
	}
	ok, err := VerifyPassword(u.PasswordHash, password)
	if err != nil {
		return nil, err
	}
	if !ok {
		failures := u.FailedLogins + 1
		upd := s.db(ctx).User.UpdateOneID(u.ID).SetFailedLogins(failures)
		if failures >= LockAfter {
			upd.SetLockedUntil(now.Add(LockFor)).SetFailedLogins(0)
		}
		if err := upd.Exec(ctx); err != nil {
			return nil, err
		}
		s.Delay(ctx, failures)
		if failures >= LockAfter {
			return nil, fault.New(fault.TooManyRequests, "too many failed sign-ins: this account is locked for %d minutes", int(LockFor.Minutes()))
		}
		return nil, errBadCredentials
	}
	if !u.Active {
		return nil, fault.New(fault.Unauthenticated, "this account has been deactivated")
	}
	if u.FailedLogins > 0 || u.LockedUntil != nil {
		if err := s.db(ctx).User.UpdateOneID(u.ID).SetFailedLogins(0).ClearLockedUntil().Exec(ctx); err != nil {
			return nil, err
		}
	}
	return s.issue(ctx, u, uuid.NewString(), now)
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
// user is still active and the session not ended.
func (s *Service) Authenticate(ctx context.Context, token string) (*viewer.Viewer, error) {
	claims, err := s.Keys.Parse(token, s.Now())
	if err != nil {
		return nil, err
	}
	id, err := strconv.Atoi(claims.Subject)
	if err != nil {
		return nil, ErrInvalidToken
	}
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
	return v, nil
}
