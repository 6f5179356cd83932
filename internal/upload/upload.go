// Package upload is the four-step evidence upload (R11's recordings): begin
// (check the class, pick the key, start a multipart upload), presigned part
// URLs, the parts storage already holds (to resume), and completion, which
// has storage assemble the parts and answers VERIFYING. Verification runs off
// the request path (a job, Verify): it streams the object back to check its
// size and SHA-256, then puts it under retention and marks the evidence
// VERIFIED, or FAILED. Video bytes never pass through the API server: phones
// PUT parts straight to storage.
package upload

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/google/uuid"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/ent/predicate"
	"github.com/hnvt/bairi/internal/clock"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/settings"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/storage"
)

// Upload parameters.
const (
	minPartSize    = 5 << 20 // S3's floor for every part but the last
	defaultPart    = 8 << 20 // when the phone does not ask for a size
	maxPartSize    = 64 << 20
	maxParts       = 10000
	partURLExpiry  = 15 * time.Minute
	maxPartsPerAsk = 100
)

// Service runs evidence uploads against one ent client and one store. Begin,
// Parts, Status, Abort and PlaybackURL use the request transaction when there
// is one; Complete opens its own (its GraphQL field is @ownTransaction), so
// that a claim or a hand-over is recorded although the call fails.
type Service struct {
	Client   *ent.Client
	Store    storage.Store
	Settings *settings.Settings
	Clock    *clock.Clock
	// Enqueue asks for the verification of assembled evidence (a job that
	// calls Verify). When it fails, or the job dies with its server, the
	// periodic FinishInterrupted verifies once the hand-over's lease lapsed.
	Enqueue func(ctx context.Context, evidenceID int) error
}

// db returns the request transaction's client when there is one.
func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

// PartPlan returns the part size and count for a file of size bytes. want is
// the part size the phone asks for (0: the default): small parts on a bad
// link, so that a cut connection wastes less; it is rounded to whole MiB and
// kept within S3's bounds and 10,000 parts.
func PartPlan(size, want int64) (partSize int64, partCount int) {
	const mib = 1 << 20
	partSize = defaultPart
	if want > 0 {
		partSize = min(max((want+mib-1)/mib*mib, minPartSize), maxPartSize)
	}
	if need := (size + maxParts - 1) / maxParts; need > partSize {
		partSize = (need + (mib - 1)) &^ (mib - 1) // round up to a whole MiB
	}
	return partSize, int((size + partSize - 1) / partSize)
}

// Announced is what the phone announces before it uploads a file.
type Announced struct {
	ClassID     int
	Kind        evidence.Kind
	FileName    string
	ContentType string
	Size        int64
	Sha256      string
	CapturedAt  time.Time
	Latitude    *float64
	Longitude   *float64
	// DurationSeconds is a video's length as the phone read it (nil when it could not).
	DurationSeconds *float64
	// ReplacesID is the failed or rejected evidence this upload replaces (0: none).
	ReplacesID int
	// OnSiteCheckID is the on-site check this photo documents (0: none).
	OnSiteCheckID int
	// EnterpriseVisitID is the enterprise visit (R2) this photo documents
	// (0: none); such a photo has no class.
	EnterpriseVisitID int
	// PartSize is the part size the phone asks for (0: the default).
	PartSize int64
}

// Plan is an upload in progress: PUT PartCount parts of PartSize bytes.
type Plan struct {
	Evidence  *ent.Evidence
	PartSize  int64
	PartCount int
}

// Begin is step 1: check, pick the key, start a multipart upload.
func (s *Service) Begin(ctx context.Context, in Announced) (*Plan, error) {
	client := s.db(ctx)
	e, err := record(ctx, client, s.Settings, in)
	if err != nil {
		return nil, err
	}
	uploadID, err := s.Store.CreateMultipart(ctx, e.ObjectKey, e.ContentType)
	if err != nil {
		return nil, fmt.Errorf("starting the upload: %w", err)
	}
	if e, err = client.Evidence.UpdateOne(e).SetUploadID(uploadID).Save(ctx); err != nil {
		_ = s.Store.AbortMultipart(context.WithoutCancel(ctx), e.ObjectKey, uploadID)
		return nil, err
	}
	return &Plan{Evidence: e, PartSize: e.PartSize, PartCount: e.PartCount}, nil
}

// Check answers, before the phone copies and hashes a file, whether Begin
// would accept it: every rule Begin applies (who may upload, the class's
// state, the file's type and size, what it replaces) runs on a row written in
// a transaction that is always rolled back. The SHA-256 is not known yet.
func (s *Service) Check(ctx context.Context, in Announced) error {
	if in.Sha256 == "" {
		in.Sha256 = strings.Repeat("0", 64)
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	_, err = record(ent.NewTxContext(ctx, tx), tx.Client(), s.Settings, in)
	return err
}

// record checks what the phone announces and writes the evidence row (not
// yet uploading).
func record(ctx context.Context, client *ent.Client, set *settings.Settings, in Announced) (*ent.Evidence, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return nil, fault.New(fault.Unauthenticated, "sign in to upload evidence")
	}
	in.Sha256 = strings.ToLower(strings.TrimSpace(in.Sha256))
	if in.Size <= 0 {
		return nil, fault.Input("size", "the file is empty")
	}
	if max := set.OrDefault().MaxEvidenceBytes; in.Size > max {
		return nil, fault.Input("size", "the file is larger than the limit of %d MiB", max>>20)
	}
	if in.DurationSeconds != nil && (*in.DurationSeconds < 0 || math.IsNaN(*in.DurationSeconds) || math.IsInf(*in.DurationSeconds, 0)) {
		in.DurationSeconds = nil // the phone could not read it
	}
	if (in.Latitude == nil) != (in.Longitude == nil) {
		return nil, fault.Input("latitude", "give both latitude and longitude, or neither")
	}
	name := strings.TrimSpace(in.FileName)
	if name == "" || len(name) > 255 {
		return nil, fault.Input("fileName", "a file name of 1 to 255 bytes is required")
	}
	partSize, partCount := PartPlan(in.Size, in.PartSize)
	create := client.Evidence.Create()
	var key string
	if in.EnterpriseVisitID != 0 {
		key = fmt.Sprintf("evidence/visit-%d/%s", in.EnterpriseVisitID, uuid.NewString())
		create.SetEnterpriseVisitID(in.EnterpriseVisitID)
		if in.ClassID != 0 {
			create.SetClassID(in.ClassID) // refused by the evidence hook
		}
	} else {
		if _, err := client.TrainingClass.Get(ctx, in.ClassID); err != nil {
			return nil, err
		}
		key = fmt.Sprintf("evidence/class-%d/%s", in.ClassID, uuid.NewString())
		create.SetClassID(in.ClassID)
	}
	create.SetKind(in.Kind).SetFileName(name).
		SetObjectKey(key).SetSize(in.Size).SetContentType(in.ContentType).SetSha256(in.Sha256).
		SetPartSize(partSize).SetPartCount(partCount).SetCapturedAt(in.CapturedAt).
		SetNillableLatitude(in.Latitude).SetNillableLongitude(in.Longitude).SetUploadedBy(v.UserID).
		SetNillableDurationSeconds(in.DurationSeconds)
	if in.ReplacesID != 0 {
		create.SetReplacesID(in.ReplacesID)
	}
	if in.OnSiteCheckID != 0 {
		create.SetOnSiteCheckID(in.OnSiteCheckID)
	}
	// Validated and authorised in the database (the transaction rolls back on error).
	return create.Save(ctx)
}

// uploading returns evidence the viewer is uploading.
func uploading(ctx context.Context, c *ent.Client, id int) (*ent.Evidence, error) {
	e, err := c.Evidence.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if v := viewer.FromContext(ctx); v == nil || (e.UploadedBy != v.UserID && !v.Admin()) {
		return nil, fault.New(fault.Forbidden, "only the user who began this upload may continue it")
	}
	return e, nil
}

// PresignedPart is a PUT for one part.
type PresignedPart struct {
	PartNumber int
	Request    storage.PresignedRequest
}

// Parts is step 2: presigned PUTs for the parts asked for.
func (s *Service) Parts(ctx context.Context, id int, partNumbers []int) ([]PresignedPart, error) {
	e, err := uploading(ctx, s.db(ctx), id)
	if err != nil {
		return nil, err
	}
	if err := lifecycle.Evidence.Require("UPLOAD_PARTS", string(e.Status), "this upload is %s", e.Status); err != nil {
		return nil, err
	}
	if len(partNumbers) == 0 || len(partNumbers) > maxPartsPerAsk {
		return nil, fault.Input("partNumbers", "ask for 1 to %d parts at a time", maxPartsPerAsk)
	}
	out := make([]PresignedPart, 0, len(partNumbers))
	for _, n := range partNumbers {
		if n < 1 || n > e.PartCount {
			return nil, fault.Input("partNumbers", "part %d is outside 1..%d", n, e.PartCount)
		}
		// Each part's length is signed into its URL: storage takes no more, no less.
		size := e.PartSize
		if n == e.PartCount {
			size = e.Size - int64(e.PartCount-1)*e.PartSize
		}
		req, err := s.Store.PresignPart(ctx, e.ObjectKey, e.UploadID, n, size, partURLExpiry)
		if err != nil {
			return nil, err
		}
		out = append(out, PresignedPart{PartNumber: n, Request: req})
	}
	return out, nil
}

// Progress is step 3: what storage already holds, to resume.
type Progress struct {
	Evidence *ent.Evidence
	Parts    []storage.Part
}

// Status is step 3: the parts storage already holds.
func (s *Service) Status(ctx context.Context, id int) (*Progress, error) {
	e, err := s.db(ctx).Evidence.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &Progress{Evidence: e}
	if !lifecycle.Evidence.In("UPLOAD_PARTS", string(e.Status)) || e.UploadID == "" {
		return p, nil
	}
	if p.Parts, err = s.Store.ListParts(ctx, e.ObjectKey, e.UploadID); err != nil && !errors.Is(err, storage.ErrNotFound) {
		return nil, err
	}
	return p, nil
}

// Complete is step 4: storage assembles the parts, and the evidence is
// VERIFYING until the verification job (Verify) ends it VERIFIED or FAILED.
func (s *Service) Complete(ctx context.Context, id int, parts []storage.CompletedPart) (*ent.Evidence, error) {
	e, err := uploading(ctx, s.Client, id)
	if err != nil {
		return nil, err
	}
	switch e.Status {
	case evidence.StatusVERIFIED, evidence.StatusVERIFYING:
		return e, nil // a retry after a dropped connection
	case evidence.StatusFAILED:
		return nil, fault.New(fault.Conflict, "this upload failed (%s): start a new one", e.FailureReason)
	}
	if err := checkParts(parts, e.PartCount); err != nil {
		return nil, err
	}
	// Storage takes the parts in ascending order only (else InvalidPartOrder,
	// which reads as a missing part); the phone may list them in any order.
	parts = slices.Clone(parts)
	slices.SortFunc(parts, func(a, b storage.CompletedPart) int { return a.PartNumber - b.PartNumber })
	// One completion at a time, and no abort meanwhile: the claim is a
	// conditional update; it lapses by itself if this server dies mid-way
	// (the phone's retry, or the expiry job, then finishes the completion).
	// Real time, as the job's: a claim is operational, not a rule's clock.
	now := time.Now()
	claimed := s.Client.Evidence.UpdateOne(e).
		Where(unclaimed(now)).
		SetCompletingUntil(now.Add(completionClaim)).Exec(ctx)
	if ent.IsNotFound(claimed) {
		return s.afterRace(ctx, id)
	}
	if claimed != nil {
		return nil, claimed
	}
	release := func() {
		_ = s.Client.Evidence.UpdateOneID(e.ID).Where(evidence.StatusEQ(evidence.StatusUPLOADING)).
			ClearCompletingUntil().Exec(context.WithoutCancel(ctx))
	}
	done, err := s.assemble(ctx, e, parts)
	if err != nil {
		release()
	}
	return done, err
}

// unclaimed is "still uploading, and no completion holds it at now".
func unclaimed(now time.Time) predicate.Evidence {
	return evidence.And(evidence.StatusEQ(evidence.StatusUPLOADING), evidence.Or(evidence.CompletingUntilIsNil(), evidence.CompletingUntilLT(now)))
}

// How long a verification waits for storage to finish assembling an object
// whose upload it no longer lists (the request that asked for it may have
// died with its server): assemblyWaits polls, assemblyPoll apart. After
// that, storage has lost the parts, and the phone is told to upload again.
const (
	assemblyWaits = 120
	assemblyPoll  = 250 * time.Millisecond
)

// completionClaim is how long a completion holds its evidence, and a
// verification its VERIFYING evidence: long enough to read a 4 GiB file back
// and hash it. A claim that lapsed is its server's death: FinishInterrupted
// takes the work over.
const completionClaim = 10 * time.Minute

// afterRace answers a completion that found another one under way (or
// finished, or an abort): the evidence as it now is, or a retryable conflict.
func (s *Service) afterRace(ctx context.Context, id int) (*ent.Evidence, error) {
	e, err := s.Client.Evidence.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	switch e.Status {
	case evidence.StatusVERIFIED, evidence.StatusVERIFYING:
		return e, nil
	case evidence.StatusFAILED:
		return nil, fault.New(fault.Conflict, "this upload failed (%s): start a new one", e.FailureReason)
	}
	return nil, fault.New(fault.Conflict, "this upload is being completed: ask again in a moment")
}

// checkParts refuses a list of parts that is not each of 1..count once.
func checkParts(parts []storage.CompletedPart, count int) error {
	seen := make([]bool, count+1)
	for _, p := range parts {
		if p.PartNumber < 1 || p.PartNumber > count {
			return fault.Input("parts", "part %d is outside 1..%d", p.PartNumber, count)
		}
		if seen[p.PartNumber] {
			return fault.Input("parts", "part %d is listed twice", p.PartNumber)
		}
		seen[p.PartNumber] = true
	}
	for n := 1; n <= count; n++ {
		if !seen[n] {
			return fault.Input("parts", "all %d parts are needed: part %d is missing", count, n)
		}
	}
	return nil
}

// assemble has storage put a claimed upload's parts together and hands the
// evidence over to verification.
func (s *Service) assemble(ctx context.Context, e *ent.Evidence, parts []storage.CompletedPart) (*ent.Evidence, error) {
	err := s.Store.CompleteMultipart(ctx, e.ObjectKey, e.UploadID, parts)
	switch {
	case errors.Is(err, storage.ErrInvalidPart):
		return nil, fault.Input("parts", "a part is missing or its ETag differs: ask evidenceUploadStatus and upload the missing parts again")
	case errors.Is(err, storage.ErrNotFound), errors.Is(err, storage.ErrExists):
		// Assembled before (the answer, or the server, was lost), or being
		// assembled still: the verification reads what storage keeps.
	case err != nil:
		return nil, fmt.Errorf("completing the upload: %w", err)
	}
	return s.handOver(ctx, e, true)
}

// handOver marks assembled evidence VERIFYING, under a claim the
// verification renews, and asks for its verification when enqueue is set.
func (s *Service) handOver(ctx context.Context, e *ent.Evidence, enqueue bool) (*ent.Evidence, error) {
	e, err := s.Client.Evidence.UpdateOne(e).Where(evidence.StatusEQ(evidence.StatusUPLOADING)).
		SetStatus(evidence.StatusVERIFYING).SetCompletingUntil(time.Now().Add(completionClaim)).Save(ctx)
	if err != nil {
		return nil, err
	}
	if enqueue && s.Enqueue != nil {
		// Not enqueued (the job store away): FinishInterrupted verifies it
		// once the claim lapsed; the phone, told VERIFYING, waits.
		_ = s.Enqueue(context.WithoutCancel(ctx), e.ID)
	}
	return e, nil
}

// Verify is the verification job: it ends VERIFYING evidence VERIFIED or
// FAILED. Run twice (a job retried, or the sweep after a lapsed claim), the
// second finds it ended. ctx must allow the system's reads and writes.
func (s *Service) Verify(ctx context.Context, id int) error {
	now := time.Now()
	err := s.Client.Evidence.UpdateOneID(id).Where(evidence.StatusEQ(evidence.StatusVERIFYING)).
		SetCompletingUntil(now.Add(completionClaim)).Exec(ctx)
	if ent.IsNotFound(err) {
		return nil // ended meanwhile
	}
	if err != nil {
		return err
	}
	e, err := s.Client.Evidence.Get(ctx, id)
	if err != nil {
		return err
	}
	return s.settle(ctx, e)
}

// settle verifies, retains and pins the object VERIFYING evidence was
// assembled into (every later read of the evidence reads that version), or
// fails the evidence when the object is not the file announced, or absent.
func (s *Service) settle(ctx context.Context, e *ent.Evidence) error {
	info, err := s.Store.Stat(ctx, e.ObjectKey, "")
	// Storage may still be assembling it for a request whose server died:
	// the upload is gone before the object appears (MinIO). Wait a little.
	for wait := 0; errors.Is(err, storage.ErrNotFound) && wait < assemblyWaits; wait++ {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(assemblyPoll):
		}
		info, err = s.Store.Stat(ctx, e.ObjectKey, "")
	}
	reason := ""
	switch {
	case errors.Is(err, storage.ErrNotFound):
		reason = lostParts
	case err != nil:
		return err
	default:
		if reason, err = s.verify(ctx, e, info); err != nil {
			return err
		}
	}
	if reason != "" {
		// Nothing half-verified is kept: the object goes, the evidence fails.
		_ = s.Store.Delete(context.WithoutCancel(ctx), e.ObjectKey)
		err := s.Client.Evidence.UpdateOne(e).Where(evidence.StatusEQ(evidence.StatusVERIFYING)).
			SetStatus(evidence.StatusFAILED).SetFailureReason(reason).ClearCompletingUntil().Exec(ctx)
		if ent.IsNotFound(err) {
			return nil
		}
		return err
	}
	now := s.Clock.Now()
	until := now.AddDate(0, 0, s.Settings.OrDefault().EvidenceRetentionDays)
	if err := s.Store.Retain(ctx, e.ObjectKey, info.VersionID, until); err != nil {
		return fmt.Errorf("putting the evidence under retention: %w", err)
	}
	err = s.Client.Evidence.UpdateOne(e).Where(evidence.StatusEQ(evidence.StatusVERIFYING)).
		SetStatus(evidence.StatusVERIFIED).SetVerifiedAt(now).
		SetRetainUntil(until).SetObjectVersion(info.VersionID).ClearUploadID().ClearCompletingUntil().Exec(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	return err
}

// verify streams the stored version back and compares its size and SHA-256
// with what was announced; it returns the mismatch, if any.
func (s *Service) verify(ctx context.Context, e *ent.Evidence, info storage.ObjectInfo) (string, error) {
	if info.Size != e.Size {
		return fmt.Sprintf(sizeMismatch, info.Size, e.Size), nil
	}
	got, err := s.digest(ctx, e.ObjectKey, info.VersionID)
	if err != nil {
		return "", err
	}
	if got != e.Sha256 {
		return fmt.Sprintf(hashMismatch, got[:12]+"…", e.Sha256[:12]+"…"), nil
	}
	return "", nil
}

// digest is the hex SHA-256 of a version of an object, read back from storage.
func (s *Service) digest(ctx context.Context, key, version string) (string, error) {
	rc, err := s.Store.Open(ctx, key, version)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.CopyBuffer(h, rc, make([]byte, 1<<20)); err != nil {
		return "", fmt.Errorf("reading the object back: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Why an upload failed, as failure_reason records it (in English; FailureText says it to the reader).
const (
	sizeMismatch = "size %d instead of %d bytes"
	hashMismatch = "SHA-256 %s instead of %s"
	cancelled    = "cancelled by the uploader"
	abandoned    = "abandoned: the upload was not finished within a week"
	// Storage, asked to assemble the parts, kept neither the upload nor the
	// object (the request that asked died with its server meanwhile).
	lostParts = "storage did not keep the assembled file: upload it again"
)

// FinishInterrupted finishes the work a server did not live to end (its
// claim lapsed): a completion, with the parts storage holds, is assembled
// and verified as Complete and Verify would have; a verification is done
// again. ctx must allow the system's reads and writes.
func (s *Service) FinishInterrupted(ctx context.Context, now time.Time) (int, error) {
	stuck, err := s.Client.Evidence.Query().
		Where(evidence.StatusIn(evidence.StatusUPLOADING, evidence.StatusVERIFYING), evidence.CompletingUntilLT(now)).Limit(100).All(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range stuck {
		if e.Status == evidence.StatusVERIFYING {
			if err := s.Verify(ctx, e.ID); err != nil {
				return n, err
			}
			n++
			continue
		}
		err := s.Client.Evidence.UpdateOne(e).Where(evidence.StatusEQ(evidence.StatusUPLOADING), evidence.CompletingUntilLT(now)).
			SetCompletingUntil(now.Add(completionClaim)).Exec(ctx)
		if ent.IsNotFound(err) {
			continue // taken or ended meanwhile
		}
		if err != nil {
			return n, err
		}
		held, err := s.Store.ListParts(ctx, e.ObjectKey, e.UploadID)
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return n, err
		}
		parts := make([]storage.CompletedPart, len(held))
		for i, p := range held {
			parts[i] = storage.CompletedPart{PartNumber: p.PartNumber, ETag: p.ETag}
		}
		if err == nil && len(parts) != e.PartCount {
			// Not all there: the phone goes on uploading.
			if err := s.Client.Evidence.UpdateOneID(e.ID).ClearCompletingUntil().Exec(ctx); err != nil {
				return n, err
			}
			continue
		}
		if err == nil {
			err = s.Store.CompleteMultipart(ctx, e.ObjectKey, e.UploadID, parts)
		}
		// Storage holds no upload any more (ErrNotFound): it assembled the
		// parts before the server died; what it stored is verified.
		if err != nil && !errors.Is(err, storage.ErrNotFound) && !errors.Is(err, storage.ErrExists) {
			if errors.Is(err, storage.ErrInvalidPart) {
				// A part went missing: the phone, asking again, is told which.
				if err := s.Client.Evidence.UpdateOneID(e.ID).ClearCompletingUntil().Exec(ctx); err != nil {
					return n, err
				}
				continue
			}
			return n, err
		}
		if _, err := s.handOver(ctx, e, false); err != nil {
			return n, err
		}
		if err := s.Verify(ctx, e.ID); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// AbandonAfter is how long an upload may stay unfinished (a phone may be
// offline for days; its queue keeps the file and begins again afterwards).
const AbandonAfter = 7 * 24 * time.Hour

// ExpireAbandoned gives up the uploads begun more than AbandonAfter before
// now and never completed: storage drops their parts (it would fill up) and
// the evidence is FAILED. ctx must allow the system's reads and writes.
func (s *Service) ExpireAbandoned(ctx context.Context, now time.Time) (int, error) {
	old, err := s.Client.Evidence.Query().
		Where(evidence.StatusEQ(evidence.StatusUPLOADING), evidence.CreatedAtLT(now.Add(-AbandonAfter))).
		Limit(500).All(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range old {
		// Only if still uploading: a completion that came in between wins.
		err := s.Client.Evidence.UpdateOne(e).Where(evidence.StatusEQ(evidence.StatusUPLOADING)).
			SetStatus(evidence.StatusFAILED).SetFailureReason(abandoned).Exec(ctx)
		if ent.IsNotFound(err) {
			continue
		}
		if err != nil {
			return n, err
		}
		n++
		if e.UploadID == "" {
			continue
		}
		if err := s.Store.AbortMultipart(ctx, e.ObjectKey, e.UploadID); err != nil && !errors.Is(err, storage.ErrNotFound) {
			return n, err
		}
		if err := s.Client.Evidence.UpdateOneID(e.ID).ClearUploadID().Exec(ctx); err != nil {
			return n, err
		}
	}
	return n, nil
}

// Finding is what the integrity check found wrong with one verified evidence.
type Finding struct {
	EvidenceID int
	Key        string
	// Tampered: the verified version is gone or no longer has its SHA-256
	// (the evidence is flagged TAMPERED for its inspectors).
	Tampered bool
	// Rewritten counts the versions and delete markers written at the key
	// beside the verified one: what is played is unchanged (reads are pinned),
	// but someone with the storage credentials wrote there.
	Rewritten int
	Detail    string
}

// Recheck re-reads up to n verified evidence files, the least recently
// checked first (so every file comes round in turn), by the version that was
// verified: its SHA-256 must still be the one recorded, and no other version
// or delete marker may sit at its key. Evidence verified before versions were
// kept is pinned here, to the current version when its SHA-256 matches. It
// stops early, having checked at least one file, once maxBytes were read. ctx
// must allow the system's reads and writes.
func (s *Service) Recheck(ctx context.Context, now time.Time, n int, maxBytes int64) (checked int, findings []Finding, err error) {
	batch, err := s.Client.Evidence.Query().
		Where(evidence.StatusEQ(evidence.StatusVERIFIED)).
		Order(evidence.ByIntegrityCheckedAt(sql.OrderNullsFirst()), evidence.ByID()).
		Limit(n).All(ctx)
	if err != nil {
		return 0, nil, err
	}
	var read int64
	for _, e := range batch {
		if checked > 0 && read+e.Size > maxBytes {
			break
		}
		f, err := s.recheck(ctx, e)
		if err != nil {
			return checked, findings, err
		}
		read += e.Size
		checked++
		upd := s.Client.Evidence.UpdateOneID(e.ID).SetIntegrityCheckedAt(now)
		if f.Tampered {
			if !slices.Contains(e.Flags, "TAMPERED") {
				upd.SetFlags(append(slices.Clone(e.Flags), "TAMPERED")).SetFlagged(true)
			}
		} else if e.ObjectVersion == "" && f.version != "" {
			upd.SetObjectVersion(f.version)
		}
		if err := upd.Exec(ctx); err != nil {
			return checked, findings, err
		}
		if f.Tampered || f.Rewritten > 0 {
			findings = append(findings, f.Finding)
		}
	}
	return checked, findings, nil
}

type recheckFinding struct {
	Finding
	version string // the version found to hold the recorded SHA-256
}

func (s *Service) recheck(ctx context.Context, e *ent.Evidence) (recheckFinding, error) {
	f := recheckFinding{Finding: Finding{EvidenceID: e.ID, Key: e.ObjectKey}}
	info, err := s.Store.Stat(ctx, e.ObjectKey, e.ObjectVersion)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		f.Tampered, f.Detail = true, "the verified version is gone"
		return f, nil
	case err != nil:
		return f, err
	}
	got, err := s.digest(ctx, e.ObjectKey, info.VersionID)
	if err != nil {
		return f, err
	}
	if info.Size != e.Size || got != e.Sha256 {
		f.Tampered, f.Detail = true, fmt.Sprintf("%d bytes with SHA-256 %s, verified as %d bytes with %s", info.Size, got, e.Size, e.Sha256)
		return f, nil
	}
	f.version = info.VersionID
	versions, err := s.Store.Versions(ctx, e.ObjectKey)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return f, err
	}
	for _, v := range versions {
		if v.DeleteMarker || v.VersionID != info.VersionID {
			f.Rewritten++
		}
	}
	if f.Rewritten > 0 {
		f.Detail = fmt.Sprintf("%d version(s) or delete marker(s) written at the key beside the verified one", f.Rewritten)
	}
	return f, nil
}

// FailureText says why an upload failed in the request's language.
func FailureText(ctx context.Context, reason string) string {
	var got, want int64
	if n, _ := fmt.Sscanf(reason, sizeMismatch, &got, &want); n == 2 {
		return fault.Translate(ctx, reason, sizeMismatch, []any{got, want})
	}
	var gotHash, wantHash string
	if n, _ := fmt.Sscanf(reason, hashMismatch, &gotHash, &wantHash); n == 2 {
		return fault.Translate(ctx, reason, hashMismatch, []any{gotHash, wantHash})
	}
	return fault.Say(ctx, reason)
}

// Abort gives up an unfinished upload.
func (s *Service) Abort(ctx context.Context, id int) (*ent.Evidence, error) {
	client := s.db(ctx)
	e, err := uploading(ctx, client, id)
	if err != nil {
		return nil, err
	}
	if err := lifecycle.Evidence.Require("FAIL", string(e.Status), "this upload is %s", e.Status); err != nil {
		return nil, err
	}
	// Not while a completion runs (it would leave a retained object no evidence points to).
	now := time.Now()
	e, err = client.Evidence.UpdateOne(e).
		Where(unclaimed(now)).
		SetStatus(evidence.StatusFAILED).SetFailureReason(cancelled).Save(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.New(fault.Conflict, "this upload is being completed or has ended: it can no longer be cancelled")
	}
	if err != nil {
		return nil, err
	}
	if err := s.Store.AbortMultipart(ctx, e.ObjectKey, e.UploadID); err != nil && !errors.Is(err, storage.ErrNotFound) {
		return nil, err
	}
	return client.Evidence.UpdateOne(e).ClearUploadID().Save(ctx)
}

// PlaybackURL returns a short-lived GET URL for verified evidence.
func (s *Service) PlaybackURL(ctx context.Context, id int) (string, error) {
	e, err := s.db(ctx).Evidence.Get(ctx, id)
	if err != nil {
		return "", err
	}
	if err := lifecycle.Evidence.Require("PLAY", string(e.Status), "only verified evidence can be played; this is %s", e.Status); err != nil {
		return "", err
	}
	// The version that was verified, not whatever the key holds now.
	req, err := s.Store.PresignGet(ctx, e.ObjectKey, e.ObjectVersion, s.Settings.OrDefault().PlaybackTTL)
	if err != nil {
		return "", err
	}
	return req.URL, nil
}
