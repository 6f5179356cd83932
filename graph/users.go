package graph

import (
	"context"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/auth"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

func authPayload(t *auth.Tokens) *model.AuthPayload {
	return &model.AuthPayload{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, ExpiresAt: t.ExpiresAt, User: t.User}
}

func (r *Resolver) me(ctx context.Context) (*ent.User, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return nil, nil
	}
	return r.db(ctx).User.Get(ctx, v.UserID)
}

func (r *Resolver) regionByCode(ctx context.Context, code string) (*ent.Region, error) {
	reg, err := r.db(ctx).Region.Query().Where(region.Code(code)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return reg, err
}

func (r *Resolver) createUser(ctx context.Context, in model.CreateUserInput) (*ent.User, error) {
	if err := auth.CheckPasswordStrength(in.Password); err != nil {
		return nil, fault.Input("password", "%s", err.Error())
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	c := ent.FromContext(ctx).User.Create().
		SetUsername(in.Username).SetDisplayName(in.DisplayName).SetPasswordHash(hash).
		SetRole(in.Role).SetRegionID(in.RegionID).
		SetNillablePhone(in.Phone).SetNillableOrganizationID(in.OrganizationID).SetNillablePersonID(in.PersonID)
	return c.Save(ctx)
}

func (r *Resolver) changePassword(ctx context.Context, oldPassword, newPassword string) (bool, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return false, fault.New(fault.Unauthenticated, "not signed in")
	}
	client := ent.FromContext(ctx)
	u, err := client.User.Get(ctx, v.UserID)
	if err != nil {
		return false, err
	}
	ok, err := auth.VerifyPassword(u.PasswordHash, oldPassword)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, fault.Input("oldPassword", "the current password is wrong")
	}
	if err := auth.CheckPasswordStrength(newPassword); err != nil {
		return false, fault.Input("newPassword", "%s", err.Error())
	}
	hash, err := auth.HashPassword(newPassword)
	if err != nil {
		return false, err
	}
	actx := viewer.WithPurpose(ctx, viewer.PurposeAuth)
	if err := client.User.UpdateOneID(u.ID).SetPasswordHash(hash).Exec(actx); err != nil {
		return false, err
	}
	return true, r.Auth.EndOtherSessions(ctx, u.ID, v.SessionID)
}

func (r *Resolver) createPerson(ctx context.Context, in model.CreatePersonInput) (*ent.Person, error) {
	sealed, err := r.PII.Seal(in.IDNumber)
	if err != nil {
		return nil, fault.Input("idNumber", "%s", err.Error())
	}
	client := ent.FromContext(ctx)
	if in.OrganizationID == nil {
		if v := viewer.FromContext(ctx); v != nil && v.Role == viewer.InstitutionStaff && v.OrgID != 0 {
			in.OrganizationID = &v.OrgID
		}
	}
	return client.Person.Create().
		SetName(in.Name).SetIDHash(sealed.Hash).SetIDEncrypted(sealed.Encrypted).SetIDMasked(sealed.Masked).
		SetNillablePhone(in.Phone).SetKeyGroups(in.KeyGroups).
		SetNillableRegionID(in.RegionID).SetNillableOrganizationID(in.OrganizationID).
		Save(ctx)
}

// setUserActive deactivates or reactivates a user. Deactivation ends every
// session at once, so that a later reactivation does not revive them: the
// user signs in again.
func (r *Resolver) setUserActive(ctx context.Context, id int, active bool) (*ent.User, error) {
	u, err := r.db(ctx).User.UpdateOneID(id).SetActive(active).Save(ctx)
	if err != nil {
		return nil, err
	}
	if !active {
		if err := r.Auth.EndOtherSessions(ctx, id, ""); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// unlockUser lifts a sign-in lock; who may is who may update the user (the user policy).
func (r *Resolver) unlockUser(ctx context.Context, id int) (*ent.User, error) {
	return r.db(ctx).User.UpdateOneID(id).SetFailedLogins(0).ClearLockedUntil().Save(ctx)
}
