package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"
	"github.com/google/uuid"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/ent/predicate"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/sampling"
	"github.com/hnvt/bairi/internal/settings"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/storage"
)

// Upload parameters.
const (
	minPartSize    = 8 << 20 // parts are 8 MiB or more (S3 needs 5 MiB for all but the last)
	maxParts       = 10000
	partURLExpiry  = 15 * time.Minute
	maxPartsPerAsk = 100
)

// PartPlan returns the part size and count for a file of size bytes.
func PartPlan(size int64) (partSize int64, partCount int) {
	partSize = minPartSize
	if need := (size + maxParts - 1) / maxParts; need > partSize {
		partSize = (need + (1<<20 - 1)) &^ (1<<20 - 1) // round up to a whole MiB
	}
	return partSize, int((size + partSize - 1) / partSize)
}

func (r *Resolver) settings() *settings.Settings { return r.Settings.OrDefault() }

// beginEvidenceUpload is step 1: check, pick the key, start a multipart upload.
func (r *Resolver) beginEvidenceUpload(ctx context.Context, in model.BeginEvidenceUploadInput) (*model.EvidenceUpload, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return nil, fault.New(fault.Unauthenticated, "sign in to upload evidence")
	}
	in.Sha256 = strings.ToLower(strings.TrimSpace(in.Sha256))
	if in.Size <= 0 {
		return nil, fault.Input("size", "the file is empty")
	}
	if max := r.settings().MaxEvidenceBytes; int64(in.Size) > max {
		return nil, fault.Input("size", "the file is larger than the limit of %d MiB", max>>20)
	}
	if (in.Latitude == nil) != (in.Longitude == nil) {
		return nil, fault.Input("latitude", "give both latitude and longitude, or neither")
	}
	name := strings.TrimSpace(in.FileName)
	if name == "" || len(name) > 255 {
		return nil, fault.Input("fileName", "a file name of 1 to 255 bytes is required")
	}
	client := ent.FromContext(ctx)
	if _, err := client.TrainingClass.Get(ctx, in.ClassID); err != nil {
		return nil, err
	}
	partSize, partCount := PartPlan(int64(in.Size))
	key := fmt.Sprintf("evidence/class-%d/%s", in.ClassID, uuid.NewString())
	create := client.Evidence.Create().SetClassID(in.ClassID).SetKind(in.Kind).SetFileName(name).
		SetObjectKey(key).SetSize(int64(in.Size)).SetContentType(in.ContentType).SetSha256(in.Sha256).
		SetPartSize(partSize).SetPartCount(partCount).SetCapturedAt(in.CapturedAt).
		SetNillableLatitude(in.Latitude).SetNillableLongitude(in.Longitude).SetUploadedBy(v.UserID)
	// Validate and authorise in the database first (the transaction rolls
	// back on error), then start the upload and record its id.
	e, err := create.Save(ctx)
	if err != nil {
		return nil, err
	}
	uploadID, err := r.Store.CreateMultipart(ctx, key, in.ContentType)
	if err != nil {
		return nil, fmt.Errorf("starting the upload: %w", err)
	}
	if e, err = client.Evidence.UpdateOne(e).SetUploadID(uploadID).Save(ctx); err != nil {
		_ = r.Store.AbortMultipart(context.WithoutCancel(ctx), key, uploadID)
		return nil, err
	}
	return &model.EvidenceUpload{Evidence: e, PartSize: int(partSize), PartCount: partCount}, nil
}

// uploadingEvidence returns evidence the viewer is uploading.
func (r *Resolver) uploadingEvidence(ctx context.Context, c *ent.Client, id int) (*ent.Evidence, error) {
	e, err := c.Evidence.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if v := viewer.FromContext(ctx); v == nil || (e.UploadedBy != v.UserID && !v.Admin()) {
		return nil, fault.New(fault.Forbidden, "only the user who began this upload may continue it")
	}
	return e, nil
}

// evidenceUploadParts is step 2: presigned PUTs for the parts asked for.
func (r *Resolver) evidenceUploadParts(ctx context.Context, id int, partNumbers []int) ([]*model.PresignedPart, error) {
	e, err := r.uploadingEvidence(ctx, ent.FromContext(ctx), id)
	if err != nil {
		return nil, err
	}
	if e.Status != evidence.StatusUPLOADING {
		return nil, fault.New(fault.Conflict, "this upload is %s", e.Status)
	}
	if len(partNumbers) == 0 || len(partNumbers) > maxPartsPerAsk {
		return nil, fault.Input("partNumbers", "ask for 1 to %d parts at a time", maxPartsPerAsk)
	}
	out := make([]*model.PresignedPart, 0, len(partNumbers))
	for _, n := range partNumbers {
		if n < 1 || n > e.PartCount {
			return nil, fault.Input("partNumbers", "part %d is outside 1..%d", n, e.PartCount)
		}
		req, err := r.Store.PresignPart(ctx, e.ObjectKey, e.UploadID, n, partURLExpiry)
		if err != nil {
			return nil, err
		}
		headers := []*model.Header{}
		for k, vs := range req.Header {
			for _, v := range vs {
				headers = append(headers, &model.Header{Name: k, Value: v})
			}
		}
		out = append(out, &model.PresignedPart{PartNumber: n, URL: req.URL, Headers: headers, ExpiresAt: req.ExpiresAt})
	}
	return out, nil
}

// evidenceUploadStatus is step 3: the parts storage already holds.
func (r *Resolver) evidenceUploadStatus(ctx context.Context, id int) (*model.EvidenceUploadStatus, error) {
	e, err := r.db(ctx).Evidence.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	st := &model.EvidenceUploadStatus{Evidence: e, PartSize: int(e.PartSize), PartCount: e.PartCount, UploadedParts: []*model.UploadedPart{}}
	if e.Status != evidence.StatusUPLOADING || e.UploadID == "" {
		return st, nil
	}
	parts, err := r.Store.ListParts(ctx, e.ObjectKey, e.UploadID)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return nil, err
	}
	for _, p := range parts {
		st.UploadedParts = append(st.UploadedParts, &model.UploadedPart{PartNumber: p.PartNumber, Etag: p.ETag, Size: int(p.Size)})
	}
	return st, nil
}

// completeEvidenceUpload is step 4. It runs outside the request transaction
// so that a failed verification is recorded even though the call fails.
func (r *Resolver) completeEvidenceUpload(ctx context.Context, id int, parts []*model.CompletedPartInput) (*ent.Evidence, error) {
	e, err := r.uploadingEvidence(ctx, r.Client, id)
	if err != nil {
		return nil, err
	}
	switch e.Status {
	case evidence.StatusVERIFIED:
		return e, nil // a retry after a dropped connection
	case evidence.StatusFAILED:
		return nil, fault.New(fault.Conflict, "this upload failed (%s): start a new one", e.FailureReason)
	}
	done := make([]storage.CompletedPart, 0, len(parts))
	for _, p := range parts {
		done = append(done, storage.CompletedPart{PartNumber: p.PartNumber, ETag: p.Etag})
	}
	if len(done) != e.PartCount {
		return nil, fault.Input("parts", "all %d parts are needed, got %d", e.PartCount, len(done))
	}
	err = r.Store.CompleteMultipart(ctx, e.ObjectKey, e.UploadID, done)
	switch {
	case errors.Is(err, storage.ErrInvalidPart):
		return nil, fault.Input("parts", "a part is missing or its ETag differs: ask evidenceUploadStatus and upload the missing parts again")
	case errors.Is(err, storage.ErrNotFound), errors.Is(err, storage.ErrExists):
		// Completed before (the answer was lost): verify what is stored.
		if _, serr := r.Store.Stat(ctx, e.ObjectKey); serr != nil {
			return nil, fmt.Errorf("completing the upload: %w", err)
		}
	case err != nil:
		return nil, fmt.Errorf("completing the upload: %w", err)
	}
	if reason, err := r.verifyObject(ctx, e); err != nil {
		return nil, err
	} else if reason != "" {
		// Nothing half-verified is kept: the object goes, the evidence fails.
		_ = r.Store.Delete(context.WithoutCancel(ctx), e.ObjectKey)
		if err := r.db(ctx).Evidence.UpdateOne(e).SetStatus(evidence.StatusFAILED).SetFailureReason(reason).Exec(ctx); err != nil {
			return nil, err
		}
		return nil, fault.Input("sha256", "the uploaded file does not match what the phone announced (%s): it was discarded, upload it again", reason)
	}
	until := time.Now().AddDate(0, 0, r.settings().EvidenceRetentionDays)
	if err := r.Store.Retain(ctx, e.ObjectKey, until); err != nil {
		return nil, fmt.Errorf("putting the evidence under retention: %w", err)
	}
	return r.db(ctx).Evidence.UpdateOne(e).SetStatus(evidence.StatusVERIFIED).SetVerifiedAt(time.Now()).
		SetRetainUntil(until).ClearUploadID().Save(ctx)
}

// verifyObject streams the stored object back and compares its size and
// SHA-256 with what was announced; it returns the mismatch, if any.
func (r *Resolver) verifyObject(ctx context.Context, e *ent.Evidence) (string, error) {
	info, err := r.Store.Stat(ctx, e.ObjectKey)
	if err != nil {
		return "", err
	}
	if info.Size != e.Size {
		return fmt.Sprintf("size %d instead of %d bytes", info.Size, e.Size), nil
	}
	rc, err := r.Store.Open(ctx, e.ObjectKey)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.CopyBuffer(h, rc, make([]byte, 1<<20)); err != nil {
		return "", fmt.Errorf("reading the object back: %w", err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != e.Sha256 {
		return "SHA-256 " + got[:12] + "… instead of " + e.Sha256[:12] + "…", nil
	}
	return "", nil
}

// abortEvidenceUpload gives up an unfinished upload.
func (r *Resolver) abortEvidenceUpload(ctx context.Context, id int) (*ent.Evidence, error) {
	client := ent.FromContext(ctx)
	e, err := r.uploadingEvidence(ctx, client, id)
	if err != nil {
		return nil, err
	}
	if e.Status != evidence.StatusUPLOADING {
		return nil, fault.New(fault.Conflict, "this upload is %s", e.Status)
	}
	if err := r.Store.AbortMultipart(ctx, e.ObjectKey, e.UploadID); err != nil {
		return nil, err
	}
	return client.Evidence.UpdateOne(e).SetStatus(evidence.StatusFAILED).SetFailureReason("cancelled by the uploader").ClearUploadID().Save(ctx)
}

// evidencePlaybackURL returns a short-lived GET URL for verified evidence.
func (r *Resolver) evidencePlaybackURL(ctx context.Context, id int) (string, error) {
	e, err := r.db(ctx).Evidence.Get(ctx, id)
	if err != nil {
		return "", err
	}
	if e.Status != evidence.StatusVERIFIED {
		return "", fault.New(fault.Conflict, "only verified evidence can be played; this is %s", e.Status)
	}
	req, err := r.Store.PresignGet(ctx, e.ObjectKey, r.settings().PlaybackTTL)
	if err != nil {
		return "", err
	}
	return req.URL, nil
}

// reviewQueue lists verified evidence for review with the given filters.
func (r *Resolver) reviewQueue(ctx context.Context, after *ent.Cursor, first *int, before *ent.Cursor, last *int,
	where *ent.EvidenceWhereInput, flags []model.EvidenceFlag, orderBy *ent.EvidenceOrder) (*ent.EvidenceConnection, error) {
	q := r.db(ctx).Evidence.Query().Where(evidence.StatusEQ(evidence.StatusVERIFIED))
	if len(flags) > 0 {
		ps := make([]predicate.Evidence, 0, len(flags))
		for _, f := range flags {
			ps = append(ps, predicate.Evidence(func(s *sql.Selector) {
				s.Where(sqljson.ValueContains(s.C(evidence.FieldFlags), string(f)))
			}))
		}
		q = q.Where(evidence.Or(ps...))
	}
	if orderBy == nil {
		orderBy = &ent.EvidenceOrder{Direction: "DESC", Field: ent.EvidenceOrderFieldCreatedAt}
	}
	return q.Paginate(ctx, after, first, before, last, ent.WithEvidenceOrder(orderBy), ent.WithEvidenceFilter(where.Filter))
}

// reviewEvidence records an inspector's decision (the hook checks it).
func (r *Resolver) reviewEvidence(ctx context.Context, in model.ReviewEvidenceInput) (*ent.Evidence, error) {
	u := ent.FromContext(ctx).Evidence.UpdateOneID(in.EvidenceID).SetDecision(in.Decision)
	if in.Comment != nil {
		u.SetReviewComment(strings.TrimSpace(*in.Comment))
	}
	return u.Save(ctx)
}

// drawInspectionSample draws a reproducible sample of a region's classes.
func (r *Resolver) drawInspectionSample(ctx context.Context, regionID int, rate float64, seed string) (*ent.InspectionSample, error) {
	if rate <= 0 || rate > 1 || math.IsNaN(rate) {
		return nil, fault.Input("rate", "the rate must be above 0 and at most 1")
	}
	if seed = strings.TrimSpace(seed); seed == "" {
		return nil, fault.Input("seed", "a seed is required so that the draw can be redone")
	}
	client := ent.FromContext(ctx)
	reg, err := client.Region.Get(ctx, regionID)
	if err != nil {
		return nil, err
	}
	classes, err := client.TrainingClass.Query().Where(
		trainingclass.HasRegionWith(regionPathPrefix(reg.Path)),
		trainingclass.StatusIn(trainingclass.StatusAPPROVED, trainingclass.StatusIN_PROGRESS, trainingclass.StatusCOMPLETED),
	).IDs(ctx)
	if err != nil {
		return nil, err
	}
	flagged := map[int]bool{}
	if len(classes) > 0 {
		ids, err := client.Evidence.Query().Where(evidence.Flagged(true), evidence.ClassIDIn(classes...)).
			Select(evidence.FieldClassID).Ints(ctx)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			flagged[id] = true
		}
	}
	cands := make([]sampling.Candidate, 0, len(classes))
	for _, id := range classes {
		w := 1.0
		if flagged[id] {
			w = FlaggedWeight
		}
		cands = append(cands, sampling.Candidate{ID: id, Weight: w})
	}
	selected := sampling.Draw(seed, rate, cands)
	return client.InspectionSample.Create().SetRegionID(regionID).SetRate(rate).SetSeed(seed).
		SetPopulation(len(classes)).SetCandidateIds(classes).SetSelectedIds(selected).AddClassIDs(selected...).Save(ctx)
}

// FlaggedWeight is how much more likely a class with flagged evidence is drawn.
const FlaggedWeight = 3.0
