package graph

import (
	"context"
	"math"
	"slices"
	"strings"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/ent/predicate"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/geo"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/sampling"
	"github.com/hnvt/bairi/internal/upload"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/storage"
)

// announced maps the phone's announcement of a file onto the upload service's.
func announced(in model.BeginEvidenceUploadInput) upload.Announced {
	a := upload.Announced{Kind: in.Kind, FileName: in.FileName,
		ContentType: in.ContentType, Size: int64(in.Size), Sha256: in.Sha256, CapturedAt: in.CapturedAt,
		Latitude: in.Latitude, Longitude: in.Longitude, DurationSeconds: in.DurationSeconds}
	if in.ReplacesID != nil {
		a.ReplacesID = *in.ReplacesID
	}
	if in.OnSiteCheckID != nil {
		a.OnSiteCheckID = *in.OnSiteCheckID
	}
	if in.ClassID != nil {
		a.ClassID = *in.ClassID
	}
	if in.EnterpriseVisitID != nil {
		a.EnterpriseVisitID = *in.EnterpriseVisitID
	}
	if in.PartSize != nil {
		a.PartSize = int64(*in.PartSize)
	}
	return a
}

// beginEvidenceUpload maps step 1 onto the upload service.
func (r *Resolver) beginEvidenceUpload(ctx context.Context, in model.BeginEvidenceUploadInput) (*model.EvidenceUpload, error) {
	p, err := r.Upload.Begin(ctx, announced(in))
	if err != nil {
		return nil, err
	}
	return &model.EvidenceUpload{Evidence: p.Evidence, PartSize: int(p.PartSize), PartCount: p.PartCount}, nil
}

// evidenceUploadParts maps step 2: presigned PUTs with the headers to send.
func (r *Resolver) evidenceUploadParts(ctx context.Context, id int, partNumbers []int) ([]*model.PresignedPart, error) {
	parts, err := r.Upload.Parts(ctx, id, partNumbers)
	if err != nil {
		return nil, err
	}
	out := make([]*model.PresignedPart, 0, len(parts))
	for _, p := range parts {
		headers := []*model.Header{}
		for k, vs := range p.Request.Header {
			for _, v := range vs {
				headers = append(headers, &model.Header{Name: k, Value: v})
			}
		}
		out = append(out, &model.PresignedPart{PartNumber: p.PartNumber, URL: p.Request.URL, Headers: headers, ExpiresAt: p.Request.ExpiresAt})
	}
	return out, nil
}

// evidenceUploadStatus maps step 3: the parts storage already holds.
func (r *Resolver) evidenceUploadStatus(ctx context.Context, id int) (*model.EvidenceUploadStatus, error) {
	p, err := r.Upload.Status(ctx, id)
	if err != nil {
		return nil, err
	}
	e := p.Evidence
	st := &model.EvidenceUploadStatus{Evidence: e, PartSize: int(e.PartSize), PartCount: e.PartCount, UploadedParts: []*model.UploadedPart{}}
	for _, part := range p.Parts {
		st.UploadedParts = append(st.UploadedParts, &model.UploadedPart{PartNumber: part.PartNumber, Etag: part.ETag, Size: int(part.Size)})
	}
	return st, nil
}

// completeEvidenceUpload maps step 4.
func (r *Resolver) completeEvidenceUpload(ctx context.Context, id int, parts []*model.CompletedPartInput) (*ent.Evidence, error) {
	done := make([]storage.CompletedPart, 0, len(parts))
	for _, p := range parts {
		done = append(done, storage.CompletedPart{PartNumber: p.PartNumber, ETag: p.Etag})
	}
	return r.Upload.Complete(ctx, id, done)
}

// reviewQueue lists verified evidence for review with the given filters.
func (r *Resolver) reviewQueue(ctx context.Context, after *ent.Cursor, first *int, before *ent.Cursor, last *int,
	where *ent.EvidenceWhereInput, flags []model.EvidenceFlag, orderBy *ent.EvidenceOrder) (*ent.EvidenceConnection, error) {
	// Photos of on-site checks and enterprise visits document a visit: nothing to review.
	q := r.db(ctx).Evidence.Query().Where(evidence.StatusEQ(evidence.StatusVERIFIED), evidence.OnSiteCheckIDIsNil(),
		evidence.EnterpriseVisitIDIsNil())
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
		trainingclass.HasRegionWith(region.PathHasPrefix(reg.Path)),
		trainingclass.StatusIn(lifecycle.As[trainingclass.Status](lifecycle.Class.From("SAMPLE"))...),
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

// distanceKM is how far from the class's venue the evidence was captured
// (nil without a place of capture, or for an online class).
func (r *Resolver) distanceKM(ctx context.Context, e *ent.Evidence) (*float64, error) {
	if e.Latitude == nil || e.Longitude == nil {
		return nil, nil
	}
	c := e.Edges.Class // loaded with the list when the query asks for the class
	if c == nil {
		var err error
		if c, err = e.QueryClass().Only(ctx); err != nil {
			return nil, err
		}
	}
	if c.VenueLatitude == nil || c.VenueLongitude == nil { // an online class
		return nil, nil
	}
	d := geo.DistanceKM(*e.Latitude, *e.Longitude, *c.VenueLatitude, *c.VenueLongitude)
	return &d, nil
}

// duplicates is, for evidence flagged DUPLICATE_CONTENT, the other classes'
// verified evidence with the same content that the viewer may read.
func (r *Resolver) duplicates(ctx context.Context, e *ent.Evidence) ([]*ent.Evidence, error) {
	if !slices.Contains(e.Flags, string(model.EvidenceFlagDuplicateContent)) {
		return []*ent.Evidence{}, nil
	}
	return r.db(ctx).Evidence.Query().Where(evidence.Sha256(e.Sha256), evidence.StatusEQ(evidence.StatusVERIFIED),
		evidence.ClassIDNEQ(e.ClassID)).WithClass(func(q *ent.TrainingClassQuery) { q.WithOrganization() }).
		Order(ent.Asc(evidence.FieldCapturedAt)).Limit(20).All(ctx)
}

// evidenceActions is what the viewer may do with the evidence: its machine's
// actions, REPLACE only for a failed or rejected one not yet replaced.
func (r *Resolver) evidenceActions(ctx context.Context, e *ent.Evidence) ([]string, error) {
	decision := ""
	if e.Decision != nil {
		decision = string(*e.Decision)
	}
	out := []string{}
	for _, a := range lifecycle.Evidence.Allowed(string(e.Status), viewer.FromContext(ctx)) {
		if a == "REPLACE" {
			if !lifecycle.Replaceable(string(e.Status), decision) {
				continue
			}
			replaced, err := r.db(ctx).Evidence.Query().Where(evidence.ReplacesID(e.ID), evidence.StatusEQ(evidence.StatusVERIFIED)).Exist(ctx)
			if err != nil {
				return nil, err
			}
			if replaced {
				continue
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// rejectedEvidenceCount is the class's unreplaced rejections, counted for
// every class of the operation in one query (graph/batch.go).
func (r *Resolver) rejectedEvidenceCount(ctx context.Context, c *ent.TrainingClass) (int, error) {
	key, ids := classPage(ctx, "rejected", c)
	counts, err := batched(ctx, key, func() (map[int]int, error) {
		return r.Classes.RejectedByClass(classFigures(ctx), ids()...)
	})
	return counts[c.ID], err
}
