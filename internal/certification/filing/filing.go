// Package filing runs the filings of skill-level certification units (R8)
// that cross the database and storage: a filing saved or filed, its
// materials handed in (kept in storage, recorded with their SHA-256) and
// taken back, and the technician colleges and senior technical schools that
// have not filed. The rules (kinds, checklists, the lifecycle, who decides)
// are the schema's (ent/schema/certificationunit_rules.go).
package filing

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificationmaterial"
	"github.com/hnvt/bairi/ent/certificationunit"
	"github.com/hnvt/bairi/ent/organization"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/schema"
	"github.com/hnvt/bairi/internal/certification"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/storage"
)

// MaxMaterialSize bounds a material file (a scanned form or licence).
const MaxMaterialSize = 20 << 20

// MaterialTypes are the content types a material may have: PDF, pictures
// taken with a phone, and the Word and Excel files the templates come as.
var MaterialTypes = []string{"application/pdf", "image/jpeg", "image/png", "image/heic", "image/heif",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

// urlExpiry is how long a link to read a material lasts.
const urlExpiry = 15 * time.Minute

// Service runs filings against one ent client and one store.
type Service struct {
	Client *ent.Client
	Store  storage.Store
}

func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

// Filing is a filing to save or file.
type Filing struct {
	// ID is a draft or returned filing to save again or file; 0 for a new one.
	ID             int
	OrganizationID int
	Kind           certificationunit.Kind
	Occupations    []certification.Occupation
	// Draft saves it without filing it.
	Draft bool
}

// File saves or files a filing.
func (s *Service) File(ctx context.Context, f Filing) (*ent.CertificationUnit, error) {
	status := certificationunit.StatusFILED
	if f.Draft {
		status = certificationunit.StatusDRAFT
	}
	c := s.db(ctx)
	if f.ID == 0 {
		return c.CertificationUnit.Create().SetOrganizationID(f.OrganizationID).SetKind(f.Kind).
			SetOccupations(f.Occupations).SetStatus(status).Save(ctx)
	}
	u, err := c.CertificationUnit.Get(ctx, f.ID)
	if err != nil {
		return nil, err
	}
	if u.OrganizationID != f.OrganizationID {
		return nil, fault.Input("id", "filing %d is another organisation's", f.ID)
	}
	up := c.CertificationUnit.UpdateOne(u).SetKind(f.Kind).SetOccupations(f.Occupations)
	if status != u.Status {
		up.SetStatus(status)
	}
	return up.Save(ctx)
}

// contentType is the declared type of a file, or the one its name's
// extension says when the phone declared none of the allowed ones.
func contentType(declared, name string) (string, error) {
	declared, _, _ = mime.ParseMediaType(declared)
	if slices.Contains(MaterialTypes, declared) {
		return declared, nil
	}
	byExt := map[string]string{".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
		".heic": "image/heic", ".heif": "image/heif", ".docx": MaterialTypes[5], ".xlsx": MaterialTypes[6]}
	if t, ok := byExt[strings.ToLower(filepath.Ext(name))]; ok {
		return t, nil
	}
	return "", fault.Input("file", "a material is a PDF, a picture (JPEG, PNG, HEIC), or a Word or Excel file")
}

// HandIn keeps a file in storage and records it as a material of a filing
// for a checklist item. The filing is read (and its state and checklist
// checked) first, so that nothing is written to storage for a refused file;
// a file recorded nowhere is removed again.
func (s *Service) HandIn(ctx context.Context, unitID int, item certificationmaterial.Item, name, declared string, size int64, r io.Reader) (*ent.CertificationMaterial, error) {
	c := s.db(ctx)
	u, err := c.CertificationUnit.Get(ctx, unitID)
	if ent.IsNotFound(err) {
		return nil, fault.New(fault.NotFound, "no such filing")
	} else if err != nil {
		return nil, err
	}
	if err := schema.MaterialAllowed(u, string(item), true); err != nil {
		return nil, err
	}
	name = strings.TrimSpace(filepath.Base(name))
	if name == "" || name == "." || len([]rune(name)) > 255 {
		return nil, fault.Input("file", "a file name of 1 to 255 characters is required")
	}
	if size <= 0 || size > MaxMaterialSize {
		return nil, fault.Input("file", "a material is at most 20 MB")
	}
	ct, err := contentType(declared, name)
	if err != nil {
		return nil, err
	}
	var nonce [8]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return nil, err
	}
	key := fmt.Sprintf("certification/%d/%s/%s", unitID, strings.ToLower(string(item)), hex.EncodeToString(nonce[:]))
	h := sha256.New()
	if err := s.Store.Put(ctx, key, io.TeeReader(io.LimitReader(r, size), h), size, ct); err != nil {
		return nil, fmt.Errorf("keeping the material: %w", err)
	}
	info, err := s.Store.Stat(ctx, key, "")
	if err == nil && info.Size != size {
		err = fault.Input("file", "the file arrived incomplete: %d of %d bytes", info.Size, size)
	}
	var m *ent.CertificationMaterial
	if err == nil {
		m, err = c.CertificationMaterial.Create().SetUnitID(unitID).SetItem(item).SetFileName(name).SetContentType(ct).
			SetSize(size).SetSha256(hex.EncodeToString(h.Sum(nil))).SetObjectKey(key).SetObjectVersion(info.VersionID).Save(ctx)
	}
	if err != nil {
		// Recorded nowhere: not kept either (with the request's deadline gone, on a fresh one).
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		return nil, errors.Join(err, ignoreNotFound(s.Store.Delete(dctx, key)))
	}
	return m, nil
}

func ignoreNotFound(err error) error {
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	return err
}

// Remove takes a material back from a draft or returned filing, and its file
// out of storage.
func (s *Service) Remove(ctx context.Context, id int) error {
	c := s.db(ctx)
	m, err := c.CertificationMaterial.Get(ctx, id)
	if ent.IsNotFound(err) {
		return fault.New(fault.NotFound, "no such material")
	} else if err != nil {
		return err
	}
	if err := c.CertificationMaterial.DeleteOne(m).Exec(ctx); err != nil {
		return err
	}
	return ignoreNotFound(s.Store.Delete(ctx, m.ObjectKey))
}

// URL is a link to read a material, for a while.
func (s *Service) URL(ctx context.Context, m *ent.CertificationMaterial) (string, error) {
	req, err := s.Store.PresignGet(ctx, m.ObjectKey, m.ObjectVersion, urlExpiry)
	if err != nil {
		return "", err
	}
	return req.URL, nil
}

// Unfiled lists the technician colleges and senior technical schools of a
// region's subtree with no filing filed or approved (全员参与), by name.
func (s *Service) Unfiled(ctx context.Context, regionCode string) ([]*ent.Organization, error) {
	c := s.db(ctx)
	reg, err := c.Region.Query().Where(region.Code(regionCode)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.Input("regionCode", "unknown region %q", regionCode)
	} else if err != nil {
		return nil, err
	}
	filed, err := c.CertificationUnit.Query().Where(certificationunit.HasRegionWith(region.PathHasPrefix(reg.Path)),
		certificationunit.StatusIn(certificationunit.StatusFILED, certificationunit.StatusAPPROVED)).
		Select(certificationunit.FieldOrganizationID).Ints(ctx)
	if err != nil {
		return nil, err
	}
	return c.Organization.Query().Where(
		organization.KindIn(organization.KindTECHNICIAN_COLLEGE, organization.KindSENIOR_TECHNICAL_SCHOOL),
		organization.HasRegionWith(region.PathHasPrefix(reg.Path)), organization.IDNotIn(filed...),
	).Order(ent.Asc(organization.FieldName)).All(ctx)
}
