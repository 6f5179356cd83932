package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	entsql "entgo.io/ent/dialect/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	entevidence "github.com/hnvt/bairi/ent/evidence"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/storage"
)

func randomBytes(t testing.TB, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func sha(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

type upload struct {
	id        string
	partSize  int
	partCount int
}

const beginQ = `mutation($in: BeginEvidenceUploadInput!){ beginEvidenceUpload(input:$in){ evidence { id status } partSize partCount } }`

func (s *testServer) begin(t testing.TB, token, class, kind string, data []byte, announced string, captured time.Time, lat, lon float64) upload {
	t.Helper()
	in := map[string]any{"classID": class, "kind": kind, "fileName": "opening.mp4", "contentType": "video/mp4",
		"size": len(data), "sha256": announced, "capturedAt": captured.Format(time.RFC3339)}
	if lat != 0 {
		in["latitude"], in["longitude"] = lat, lon
	}
	var d struct {
		BeginEvidenceUpload struct {
			Evidence struct {
				ID     string `json:"id"`
				Status string `json:"status"`
			} `json:"evidence"`
			PartSize  int `json:"partSize"`
			PartCount int `json:"partCount"`
		} `json:"beginEvidenceUpload"`
	}
	s.must(t, token, beginQ, map[string]any{"in": in}, &d)
	b := d.BeginEvidenceUpload
	u := upload{id: b.Evidence.ID, partSize: b.PartSize, partCount: b.PartCount}
	if b.Evidence.Status != "UPLOADING" || u.partCount < 1 {
		t.Fatalf("begin: %+v", d)
	}
	return u
}

// absolute resolves the local backend's relative URLs against the server.
func (s *testServer) absolute(u string) string {
	if strings.HasPrefix(u, "/") {
		return s.URL + u
	}
	return u
}

// presignedPart is one part's upload URL from evidenceUploadParts.
type presignedPart struct {
	PartNumber int    `json:"partNumber"`
	URL        string `json:"url"`
	Headers    []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"headers"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// presignedParts is the answer to evidenceUploadParts.
type presignedParts struct {
	EvidenceUploadParts []presignedPart `json:"evidenceUploadParts"`
}

// putParts uploads the given parts with only the presigned URLs and headers.
func (s *testServer) putParts(t testing.TB, token string, u upload, data []byte, parts ...int) {
	t.Helper()
	var nums []any
	for _, p := range parts {
		nums = append(nums, p)
	}
	var d presignedParts
	s.must(t, token, `mutation($id:ID!, $p:[Int!]!){ evidenceUploadParts(evidenceID:$id, partNumbers:$p){ partNumber url headers { name value } expiresAt } }`,
		map[string]any{"id": u.id, "p": nums}, &d)
	for _, pp := range d.EvidenceUploadParts {
		n := pp.PartNumber
		exp := pp.ExpiresAt
		if time.Until(exp) > 30*time.Minute || time.Until(exp) < time.Minute {
			t.Errorf("part URL expires at %v", exp)
		}
		lo := (n - 1) * u.partSize
		hi := min(lo+u.partSize, len(data))
		req, _ := http.NewRequest(http.MethodPut, s.absolute(pp.URL), bytes.NewReader(data[lo:hi]))
		for _, h := range pp.Headers {
			req.Header.Set(h.Name, h.Value)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == "" {
			t.Fatalf("PUT part %d: %d %s", n, resp.StatusCode, body)
		}
	}
}

// status returns the parts storage holds as partNumber -> etag.
func (s *testServer) uploadedParts(t testing.TB, token string, u upload) map[int]string {
	t.Helper()
	var d struct {
		EvidenceUploadStatus struct {
			UploadedParts []struct {
				PartNumber int    `json:"partNumber"`
				ETag       string `json:"etag"`
				Size       int    `json:"size"`
			} `json:"uploadedParts"`
		} `json:"evidenceUploadStatus"`
	}
	s.must(t, token, `query($id:ID!){ evidenceUploadStatus(evidenceID:$id){ uploadedParts { partNumber etag size } } }`, map[string]any{"id": u.id}, &d)
	out := map[int]string{}
	for _, p := range d.EvidenceUploadStatus.UploadedParts {
		out[p.PartNumber] = p.ETag
	}
	return out
}

// evidence is the selection of completeEvidenceUpload.
type evidence struct {
	ID            string    `json:"id"`
	Status        string    `json:"status"`
	Flags         *[]string `json:"flags"`
	RetainUntil   *string   `json:"retainUntil"`
	SHA256        string    `json:"sha256"`
	FailureReason *string   `json:"failureReason"`
	FailureText   *string   `json:"failureText"`
}

// evidenceFields selects what evidence decodes.
const evidenceFields = `id status flags retainUntil sha256 failureReason failureText`

// completed is the answer to completeEvidenceUpload.
type completed struct {
	CompleteEvidenceUpload evidence `json:"completeEvidenceUpload"`
}

// complete completes an upload with the parts storage holds and, as the
// phone does, follows its VERIFYING answer until the verification ends it;
// data (completed) holds the evidence as it ended, decoded into out.
func (s *testServer) complete(t testing.TB, token string, u upload, out ...any) gqlResult {
	t.Helper()
	return s.settled(t, token, s.completeOnly(t, token, u), out...)
}

// completeOnly is the completion's answer alone (VERIFYING when it is taken).
func (s *testServer) completeOnly(t testing.TB, token string, u upload, out ...any) gqlResult {
	t.Helper()
	parts := s.uploadedParts(t, token, u)
	var list []any
	for n := 1; n <= u.partCount; n++ {
		list = append(list, map[string]any{"partNumber": n, "etag": parts[n]})
	}
	return s.gql(t, token, `mutation($id:ID!, $p:[CompletedPartInput!]!){ completeEvidenceUpload(evidenceID:$id, parts:$p){ `+evidenceFields+` } }`,
		map[string]any{"id": u.id, "p": list}, out...)
}

// settled follows a completion's answer while it says VERIFYING (asking
// evidenceUploadStatus, as the phone does) and puts the evidence as the
// verification ended it in the answer's data, decoded into out.
func (s *testServer) settled(t testing.TB, token string, r gqlResult, out ...any) gqlResult {
	t.Helper()
	if len(r.Errors) > 0 {
		r.decode(t, out...)
		return r
	}
	var c completed
	r.decode(t, &c)
	ev := c.CompleteEvidenceUpload
	for deadline := time.Now().Add(60 * time.Second); ev.Status == "VERIFYING"; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("evidence %s still VERIFYING after 60 s\n%s", ev.ID, s.logNotes(20))
		}
		var d struct {
			Status struct {
				Evidence evidence `json:"evidence"`
			} `json:"evidenceUploadStatus"`
		}
		s.must(t, token, `query($id:ID!){ evidenceUploadStatus(evidenceID:$id){ evidence { `+evidenceFields+` } } }`, map[string]any{"id": ev.ID}, &d)
		ev = d.Status.Evidence
	}
	data, err := json.Marshal(map[string]any{"completeEvidenceUpload": ev})
	if err != nil {
		t.Fatal(err)
	}
	r.Data = data
	r.decode(t, out...)
	return r
}

// uploadAll runs the four steps for a whole file and returns the evidence.
func (s *testServer) uploadAll(t testing.TB, token, class, kind string, data []byte, captured time.Time, lat, lon float64) (string, evidence) {
	t.Helper()
	u := s.begin(t, token, class, kind, data, sha(data), captured, lat, lon)
	var all []int
	for n := 1; n <= u.partCount; n++ {
		all = append(all, n)
	}
	s.putParts(t, token, u, data, all...)
	var c completed
	r := s.complete(t, token, u, &c)
	if len(r.Errors) > 0 {
		t.Fatalf("complete: %+v", r.Errors)
	}
	return u.id, c.CompleteEvidenceUpload
}

// openingDay is 10:00 on the class's first day, China time.
var openingDay = time.Date(2020, 9, 1, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// setEvidenceTime sets one time column of an evidence row in the database,
// under the API (a creation a week ago, a claim a dead server left).
func (s *testServer) setEvidenceTime(t *testing.T, evidenceID, column string, at time.Time) {
	t.Helper()
	s.setEvidenceColumn(t, evidenceID, column, at)
}

// evidenceRow reads an evidence row from the database, with what the API never shows (object key, upload id).
func (s *testServer) evidenceRow(t *testing.T, evidenceID string) *ent.Evidence {
	t.Helper()
	client, db, _, err := openDatabase(context.Background(), s.env["DATABASE_URL"], s.env["DATA_DIR"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id, _ := strconv.Atoi(evidenceID)
	e, err := client.Evidence.Get(viewer.WithPurpose(context.Background(), viewer.PurposeEvidenceCheck), id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// objectKey reads an evidence's object key from the database.
func (s *testServer) objectKey(t *testing.T, evidenceID string) string {
	t.Helper()
	return s.evidenceRow(t, evidenceID).ObjectKey
}

// store opens the server's evidence storage directly, as an attacker with
// the storage credentials would.
func (s *testServer) store(t *testing.T) storage.Store {
	t.Helper()
	if s.kind == "postgres" {
		st, err := storage.NewS3(storage.S3Config{Endpoint: s.env["S3_ENDPOINT"], AccessKey: s.env["S3_ACCESS_KEY"],
			SecretKey: s.env["S3_SECRET_KEY"], Bucket: s.env["S3_BUCKET"], Region: "us-east-1"})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	secret, err := secretFromEnvOrFile("", filepath.Join(s.env["DATA_DIR"], "storage-secret"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := storage.NewLocal(storage.LocalOptions{Dir: filepath.Join(s.env["DATA_DIR"], "objects"), Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestEvidenceUpload: a multi-part upload interrupted after its first part
// and resumed from evidenceUploadStatus ends verified under retention; a
// SHA-256 mismatch is refused and nothing is kept; a verified object cannot
// be deleted or overwritten; playback serves a byte range and expires.
func TestEvidenceUpload(t *testing.T) {
	for _, kind := range stacks {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, kind, map[string]string{"PLAYBACK_URL_TTL": "2s"})
			w := newWorld(t, s)
			class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
			data := randomBytes(t, 17<<20) // three parts: 8 + 8 + 1 MiB
			u := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
			if u.partCount != 3 || u.partSize != 8<<20 {
				t.Fatalf("plan: %d parts of %d", u.partCount, u.partSize)
			}
			s.putParts(t, w.staffZZ, u, data, 1)
			// The connection drops; the phone asks what storage already has.
			have := s.uploadedParts(t, w.staffZZ, u)
			if len(have) != 1 || have[1] == "" {
				t.Fatalf("after an interruption storage has %v, want part 1", have)
			}
			// Nobody else may continue the upload.
			s.wantCode(t, "FORBIDDEN", w.offZZ, `mutation($id:ID!){ evidenceUploadParts(evidenceID:$id, partNumbers:[2]){ url } }`, map[string]any{"id": u.id})
			s.wantCode(t, "NOT_FOUND", w.staffLY, `mutation($id:ID!){ evidenceUploadParts(evidenceID:$id, partNumbers:[2]){ url } }`, map[string]any{"id": u.id})
			s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, `mutation($id:ID!){ evidenceUploadParts(evidenceID:$id, partNumbers:[4]){ url } }`, map[string]any{"id": u.id})
			// Completing early names the missing parts' problem.
			s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, `mutation($id:ID!){ completeEvidenceUpload(evidenceID:$id, parts:[{partNumber:1, etag:"x"}]){ id } }`, map[string]any{"id": u.id})
			s.putParts(t, w.staffZZ, u, data, 2, 3)
			// The parts listed last to first: storage takes them in order only
			// (it answered "a part is missing"), the server sorts them.
			have = s.uploadedParts(t, w.staffZZ, u)
			var reversed []any
			for n := u.partCount; n >= 1; n-- {
				reversed = append(reversed, map[string]any{"partNumber": n, "etag": have[n]})
			}
			var c completed
			r := s.gql(t, w.staffZZ, `mutation($id:ID!, $p:[CompletedPartInput!]!){ completeEvidenceUpload(evidenceID:$id, parts:$p){ `+evidenceFields+` } }`,
				map[string]any{"id": u.id, "p": reversed}, &c)
			if len(r.Errors) > 0 {
				t.Fatalf("complete: %+v", r.Errors)
			}
			// The answer comes before the file is read back: the phone is
			// told VERIFYING, and follows it until the server's verification ends.
			if c.CompleteEvidenceUpload.Status != "VERIFYING" {
				t.Errorf("the completion answered %s, want VERIFYING", js(c.CompleteEvidenceUpload))
			}
			s.settled(t, w.staffZZ, r, &c)
			ev := c.CompleteEvidenceUpload
			if ev.Status != "VERIFIED" || deref(ev.RetainUntil) == "" || ev.Flags == nil || len(*ev.Flags) != 0 {
				t.Fatalf("evidence %s", js(ev))
			}
			// Completing again (the answer was lost) is harmless.
			var again completed
			if r := s.complete(t, w.staffZZ, u, &again); again.CompleteEvidenceUpload.Status != "VERIFIED" {
				t.Errorf("repeat complete: %+v %s", r.Errors, r.Data)
			}

			// The verified object is retained: no delete, no overwrite, nor an abort.
			st := s.store(t)
			key := s.objectKey(t, u.id)
			ctx := context.Background()
			if err := st.Delete(ctx, key); !errors.Is(err, storage.ErrRetained) {
				t.Errorf("delete of verified evidence: %v", err)
			}
			if err := st.Put(ctx, key, bytes.NewReader([]byte("forged")), 6, "video/mp4"); !errors.Is(err, storage.ErrRetained) && !errors.Is(err, storage.ErrExists) {
				t.Errorf("overwrite of verified evidence: %v", err)
			}
			s.wantCode(t, "CONFLICT", w.staffZZ, `mutation($id:ID!){ abortEvidenceUpload(evidenceID:$id){ id } }`, map[string]any{"id": u.id})
			rc, err := st.Open(ctx, key, "")
			if err != nil {
				t.Fatal(err)
			}
			stored, _ := io.ReadAll(rc)
			rc.Close()
			if !bytes.Equal(stored, data) {
				t.Error("stored object differs from the upload")
			}

			// Playback: a byte range from the inspector's URL, which then expires.
			var playback struct {
				EvidencePlaybackURL string `json:"evidencePlaybackURL"`
			}
			s.must(t, w.inspZZ, `query($id:ID!){ evidencePlaybackURL(evidenceID:$id) }`, map[string]any{"id": u.id}, &playback)
			url := playback.EvidencePlaybackURL
			req, _ := http.NewRequest(http.MethodGet, s.absolute(url), nil)
			req.Header.Set("Range", "bytes=9000000-9000099")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			part, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusPartialContent || !bytes.Equal(part, data[9000000:9000100]) {
				t.Errorf("range request: %d, %d bytes", resp.StatusCode, len(part))
			}
			s.wantCode(t, "NOT_FOUND", w.offLY, `query($id:ID!){ evidencePlaybackURL(evidenceID:$id) }`, map[string]any{"id": u.id})
			time.Sleep(3 * time.Second)
			resp, err = http.DefaultClient.Get(s.absolute(url))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("expired playback URL answered %d", resp.StatusCode)
			}

			// A file that is not what was announced is refused and discarded:
			// the verification fails it, and says why in the reader's language.
			other := randomBytes(t, 1<<20)
			u2 := s.begin(t, w.staffZZ, class, "PHOTO", other, sha(randomBytes(t, 16)), openingDay, 0, 0)
			s.putParts(t, w.staffZZ, u2, other, 1)
			var failed completed
			r = s.complete(t, w.staffZZ, u2, &failed)
			if f := failed.CompleteEvidenceUpload; len(r.Errors) > 0 || f.Status != "FAILED" || !strings.Contains(deref(f.FailureReason), "SHA-256") || deref(f.FailureText) == "" {
				t.Fatalf("mismatch: %+v %s", r.Errors, js(f))
			}
			var d struct {
				Node struct {
					Status        string  `json:"status"`
					FailureReason *string `json:"failureReason"`
				} `json:"node"`
			}
			s.must(t, w.staffZZ, `query($id:ID!){ node(id:$id){ ... on Evidence { status failureReason } } }`, map[string]any{"id": u2.id}, &d)
			if d.Node.Status != "FAILED" {
				t.Errorf("mismatched evidence is %s", js(d))
			}
			if _, err := st.Stat(ctx, s.objectKey(t, u2.id), ""); !errors.Is(err, storage.ErrNotFound) {
				t.Errorf("mismatched object kept: %v", err)
			}
			// Bad announcements are refused up front.
			bad := map[string]any{"classID": class, "kind": "PHOTO", "fileName": "x.exe", "contentType": "application/x-msdownload",
				"size": 10, "sha256": sha([]byte("x")), "capturedAt": "2020-09-01T10:00:00+08:00"}
			s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, beginQ, map[string]any{"in": bad})
			bad["contentType"], bad["size"] = "video/mp4", 5<<30
			s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, beginQ, map[string]any{"in": bad})
			bad["size"] = 10
			s.wantCode(t, "NOT_FOUND", w.staffLY, beginQ, map[string]any{"in": bad})
		})
	}
}

// TestSupervision: flags raised by real cases, the inspector's queue and
// decisions, the R11 rule, on-site checks, and reproducible sampling.
func TestSupervision(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		class2 := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		video := randomBytes(t, 64<<10)
		vid, ev := s.uploadAll(t, w.staffZZ, class, "ATTENDANCE_VIDEO", video, openingDay, venueLat, venueLon)
		if ev.Flags == nil || len(*ev.Flags) != 0 {
			t.Errorf("clean evidence flagged: %s", js(ev))
		}
		flagsOf := func(ev evidence) string {
			f := slices.Clone(deref(ev.Flags))
			slices.Sort(f)
			return strings.Join(f, ",")
		}
		// The same video again for another class: the classic fraud.
		dupID, ev := s.uploadAll(t, w.staffZZ, class2, "ATTENDANCE_VIDEO", video, openingDay, venueLat, venueLon)
		if flagsOf(ev) != "DUPLICATE_CONTENT" {
			t.Errorf("reused video: flags %q", flagsOf(ev))
		}
		_, ev = s.uploadAll(t, w.staffZZ, class, "PHOTO", randomBytes(t, 1000), time.Date(2020, 12, 1, 9, 0, 0, 0, time.UTC), venueLat, venueLon)
		if flagsOf(ev) != "OUT_OF_SCHEDULE" {
			t.Errorf("capture after the class: flags %q", flagsOf(ev))
		}
		_, ev = s.uploadAll(t, w.staffZZ, class, "PHOTO", randomBytes(t, 1000), openingDay, farLat, farLon)
		if flagsOf(ev) != "OUT_OF_PLACE" {
			t.Errorf("capture 60 km away: flags %q", flagsOf(ev))
		}
		recID, _ := s.uploadAll(t, w.staffZZ, class, "SUPERVISION_RECORDING", randomBytes(t, 2000), openingDay.Add(2*time.Hour), 0, 0)

		// The queue: the region's inspector sees everything, flags filter it; another region sees nothing.
		const queueQ = `query($f:[EvidenceFlag!]){ reviewQueue(first: 50, flags:$f){ totalCount edges { node { id flags class { id } } } } }`
		queue := func(token string, vars map[string]any) connection[ref] {
			var d struct {
				ReviewQueue connection[ref] `json:"reviewQueue"`
			}
			s.must(t, token, queueQ, vars, &d)
			return d.ReviewQueue
		}
		if n := queue(w.inspZZ, nil).TotalCount; n != 5 {
			t.Errorf("ZZ inspector's queue has %d, want 5", n)
		}
		dup := queue(w.inspZZ, map[string]any{"f": []any{"DUPLICATE_CONTENT"}})
		if dup.TotalCount != 1 || len(dup.Edges) == 0 || dup.Edges[0].Node.ID != dupID {
			t.Errorf("duplicate filter: %+v", dup)
		}
		if n := queue(w.inspZZ, map[string]any{"f": []any{"OUT_OF_PLACE", "OUT_OF_SCHEDULE"}}).TotalCount; n != 2 {
			t.Errorf("place-or-schedule filter: %d", n)
		}
		if n := queue(w.offLY, nil).TotalCount; n != 0 {
			t.Errorf("Luoyang sees %d of Zhengzhou's evidence", n)
		}
		lyInsp := func() string {
			s.must(t, w.offLY, createUserQ, map[string]any{"in": map[string]any{"username": "insp-ly", "password": testPassword, "displayName": "x", "role": "INSPECTOR", "regionID": w.ly}})
			tok, _ := s.login(t, "insp-ly", testPassword)
			return tok
		}()
		if n := queue(lyInsp, nil).TotalCount; n != 0 {
			t.Errorf("Luoyang inspector sees %d of Zhengzhou's evidence", n)
		}
		const reviewQ = `mutation($id:ID!, $d:EvidenceDecision!, $c:String){ reviewEvidence(input:{evidenceID:$id, decision:$d, comment:$c}){ decision reviewedAt } }`
		s.wantCode(t, "NOT_FOUND", lyInsp, reviewQ, map[string]any{"id": vid, "d": "ACCEPTED"})
		s.wantCode(t, "FORBIDDEN", w.staffZZ, reviewQ, map[string]any{"id": vid, "d": "ACCEPTED"})
		s.wantCode(t, "BAD_USER_INPUT", w.inspZZ, reviewQ, map[string]any{"id": dupID, "d": "REJECTED"})

		supervised := func(id string) bool {
			var d struct {
				Node struct {
					RemotelySupervised bool `json:"remotelySupervised"`
				} `json:"node"`
			}
			s.must(t, w.inspZZ, `query($id:ID!){ node(id:$id){ ... on TrainingClass { remotelySupervised } } }`, map[string]any{"id": id}, &d)
			return d.Node.RemotelySupervised
		}
		s.must(t, w.inspZZ, reviewQ, map[string]any{"id": vid, "d": "ACCEPTED"})
		if supervised(class) {
			t.Error("supervised without an accepted supervision recording")
		}
		s.must(t, w.inspZZ, reviewQ, map[string]any{"id": recID, "d": "ACCEPTED"})
		if !supervised(class) {
			t.Error("R11: accepted opening-day video and recording, yet not remotely supervised")
		}
		s.must(t, w.inspZZ, reviewQ, map[string]any{"id": dupID, "d": "REJECTED", "c": "与另一班级的视频相同"})
		s.must(t, w.inspZZ, reviewQ, map[string]any{"id": dupID, "d": "ON_SITE_REQUIRED", "c": "需现场核查"})
		var checks struct {
			OnSiteChecks connection[struct {
				ID     string `json:"id"`
				Status string `json:"status"`
				Class  ref    `json:"class"`
			}] `json:"onSiteChecks"`
		}
		s.must(t, w.inspZZ, `{ onSiteChecks(first: 5){ totalCount edges { node { id status class { id } } } } }`, nil, &checks)
		if c := checks.OnSiteChecks; c.TotalCount != 1 || len(c.Edges) == 0 || c.Edges[0].Node.Class.ID != class2 {
			t.Fatalf("on-site checks: %+v", checks)
		}
		check := checks.OnSiteChecks.Edges[0].Node.ID
		s.wantCode(t, "NOT_FOUND", lyInsp, `mutation($id:ID!){ recordOnSiteVisit(input:{checkID:$id, visitedAt:"2020-09-05T10:00:00+08:00", outcome: FAILED}){ id } }`, map[string]any{"id": check})
		var visit struct {
			RecordOnSiteVisit struct {
				Status  string  `json:"status"`
				Outcome *string `json:"outcome"`
			} `json:"recordOnSiteVisit"`
		}
		s.must(t, w.inspZZ, `mutation($id:ID!){ recordOnSiteVisit(input:{checkID:$id, visitedAt:"2020-09-05T10:00:00+08:00", outcome: FAILED, notes:"现场人数不足"}){ status outcome } }`, map[string]any{"id": check}, &visit)
		if visit.RecordOnSiteVisit.Status != "DONE" {
			t.Errorf("visit: %s", js(visit))
		}
		// Every decision is an audit event.
		var audited struct {
			AuditEvents counted `json:"auditEvents"`
		}
		s.must(t, w.admin, `{ auditEvents(where:{entityType:"Evidence", action:"UPDATE", actorUsername:"insp-zz"}){ totalCount } }`, nil, &audited)
		if audited.AuditEvents.TotalCount != 4 {
			t.Errorf("review audit events: %+v", audited)
		}

		// Sampling: the same seed over the same classes gives the same sample.
		for i := range 8 {
			w.newClass(t, s, w.staffZZ, w.orgZZ, i%2 == 0)
		}
		const drawQ = `mutation($r:ID!, $s:String!){ drawInspectionSample(regionID:$r, rate:0.5, seed:$s){ seed population classes { id } } }`
		type drawn struct {
			DrawInspectionSample struct {
				Seed       string `json:"seed"`
				Population int    `json:"population"`
				Classes    []ref  `json:"classes"`
			} `json:"drawInspectionSample"`
		}
		ids := func(d drawn) string {
			var out []string
			for _, c := range d.DrawInspectionSample.Classes {
				out = append(out, c.ID)
			}
			slices.Sort(out)
			return strings.Join(out, ",")
		}
		var a, b drawn
		s.must(t, w.inspZZ, drawQ, map[string]any{"r": w.zz, "s": "2020-10-旬报"}, &a)
		s.must(t, w.inspZZ, drawQ, map[string]any{"r": w.zz, "s": "2020-10-旬报"}, &b)
		if a.DrawInspectionSample.Population != 6 || ids(a) != ids(b) || len(strings.Split(ids(a), ",")) != 3 {
			t.Errorf("draws: %+v / %+v", a, b)
		}
		s.wantCode(t, "FORBIDDEN", lyInsp, drawQ, map[string]any{"r": w.zz, "s": "x"})
		s.wantCode(t, "FORBIDDEN", w.staffZZ, drawQ, map[string]any{"r": w.zz, "s": "x"})
		s.wantCode(t, "BAD_USER_INPUT", w.inspZZ, `mutation($r:ID!){ drawInspectionSample(regionID:$r, rate:0, seed:"x"){ id } }`, map[string]any{"r": w.zz})
		_ = fmt.Sprint
		var _ *ent.Client
	})
}

// evidenceCount counts a class's evidence rows in the database.
func (s *testServer) evidenceCount(t *testing.T, classID string) int {
	t.Helper()
	client, db, _, err := openDatabase(context.Background(), s.env["DATABASE_URL"], s.env["DATA_DIR"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id, _ := strconv.Atoi(classID)
	n, err := client.Evidence.Query().Where(entevidence.ClassID(id)).Count(viewer.WithPurpose(context.Background(), viewer.PurposeEvidenceCheck))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCheckEvidenceUpload: before the phone copies and hashes a file, the
// server says whether it would take it, by the rules beginEvidenceUpload
// applies, and keeps nothing; the part size follows what the phone asks for.
func TestCheckEvidenceUpload(t *testing.T) {
	const checkQ = `mutation($in: BeginEvidenceUploadInput!){ checkEvidenceUpload(input:$in) }`
	for _, kind := range stacks {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, kind, nil)
			w := newWorld(t, s)
			class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
			in := func(kind, contentType string, size int64) map[string]any {
				return map[string]any{"classID": class, "kind": kind, "fileName": "f", "contentType": contentType,
					"size": size, "sha256": "", "capturedAt": openingDay.Format(time.RFC3339)}
			}
			var ok struct {
				CheckEvidenceUpload bool `json:"checkEvidenceUpload"`
			}
			s.must(t, w.staffZZ, checkQ, map[string]any{"in": in("ATTENDANCE_VIDEO", "video/mp4", 512<<20)}, &ok)
			if !ok.CheckEvidenceUpload {
				t.Fatal("a 512 MiB MP4 is refused")
			}
			// iPhones shoot HEIC.
			s.must(t, w.staffZZ, checkQ, map[string]any{"in": in("PHOTO", "image/heic", 3<<20)}, &ok)
			// 4 GiB + 1 byte and a ZIP are refused at once, in Chinese for a zh-CN phone.
			for _, bad := range []map[string]any{in("ATTENDANCE_VIDEO", "video/mp4", 4<<30+1), in("ATTENDANCE_VIDEO", "application/zip", 1<<20)} {
				r := s.gqlIn(t, "zh-CN", w.staffZZ, checkQ, map[string]any{"in": bad})
				if r.code() != "BAD_USER_INPUT" || len(r.Errors) == 0 || !hasHan(r.Errors[0].Message) {
					t.Errorf("%v: %s %+v", bad["contentType"], r.code(), r.Errors)
				}
			}
			// Another county's trainer may not upload to this class.
			if r := s.gql(t, w.staffLY, checkQ, map[string]any{"in": in("ATTENDANCE_VIDEO", "video/mp4", 1<<20)}); r.code() == "" {
				t.Errorf("another county's trainer passes the check: %s", r.Data)
			}
			if n := s.evidenceCount(t, class); n != 0 {
				t.Errorf("checks left %d evidence rows", n)
			}

			// Part sizes: what the phone asks, in whole MiB, 5 to 64 MiB.
			for _, c := range []struct{ ask, size, partSize, parts int64 }{
				{0, 17 << 20, 8 << 20, 3}, {5 << 20, 17 << 20, 5 << 20, 4}, {1, 17 << 20, 5 << 20, 4},
				{6<<20 + 1, 17 << 20, 7 << 20, 3}, {1 << 30, 256 << 20, 64 << 20, 4},
			} {
				v := in("ATTENDANCE_VIDEO", "video/mp4", c.size)
				v["sha256"] = strings.Repeat("ab", 32)
				if c.ask != 0 {
					v["partSize"] = c.ask
				}
				var d struct {
					BeginEvidenceUpload struct{ PartSize, PartCount int64 } `json:"beginEvidenceUpload"`
				}
				s.must(t, w.staffZZ, beginQ, map[string]any{"in": v}, &d)
				if got := d.BeginEvidenceUpload; got.PartSize != c.partSize || got.PartCount != c.parts {
					t.Errorf("asked %d for %d bytes: %d parts of %d, want %d of %d", c.ask, c.size, got.PartCount, got.PartSize, c.parts, c.partSize)
				}
			}
		})
	}
}

// TestAbandonedUploads: an upload left unfinished for a week is expired by
// the job: the evidence is FAILED (said in Chinese), storage drops its parts;
// a recent one is left alone.
func TestAbandonedUploads(t *testing.T) {
	for _, kind := range stacks {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, kind, map[string]string{"UPLOAD_EXPIRY_INTERVAL": "1s"})
			w := newWorld(t, s)
			class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
			data := randomBytes(t, 9<<20)
			old := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
			s.putParts(t, w.staffZZ, old, data, 1)
			row := s.evidenceRow(t, old.id)
			key, uploadID := row.ObjectKey, row.UploadID
			s.setEvidenceTime(t, old.id, "created_at", time.Now().Add(-8*24*time.Hour))
			fresh := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
			const q = `query($id:ID!){ evidenceUploadStatus(evidenceID:$id){ evidence { status failureText } } }`
			var d struct {
				EvidenceUploadStatus struct {
					Evidence struct {
						Status      string  `json:"status"`
						FailureText *string `json:"failureText"`
					} `json:"evidence"`
				} `json:"evidenceUploadStatus"`
			}
			for deadline := time.Now().Add(30 * time.Second); ; {
				s.gqlIn(t, "zh-CN", w.staffZZ, q, map[string]any{"id": old.id}).decode(t, &d)
				if d.EvidenceUploadStatus.Evidence.Status == "FAILED" {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("a week-old upload is still %s", d.EvidenceUploadStatus.Evidence.Status)
				}
				time.Sleep(200 * time.Millisecond)
			}
			if ft := d.EvidenceUploadStatus.Evidence.FailureText; ft == nil || !hasHan(*ft) {
				t.Errorf("failure text %q", deref(ft))
			}
			// Its parts are gone from storage; the fresh upload goes on.
			if parts, err := s.store(t).ListParts(context.Background(), key, uploadID); !errors.Is(err, storage.ErrNotFound) {
				t.Errorf("the expired upload's parts are still held: %v, %v", parts, err)
			}
			var f struct {
				EvidenceUploadStatus struct {
					Evidence struct {
						Status string `json:"status"`
					} `json:"evidence"`
				} `json:"evidenceUploadStatus"`
			}
			s.must(t, w.staffZZ, q, map[string]any{"id": fresh.id}, &f)
			if f.EvidenceUploadStatus.Evidence.Status != "UPLOADING" {
				t.Errorf("a fresh upload was expired: %s", f.EvidenceUploadStatus.Evidence.Status)
			}
			s.putParts(t, w.staffZZ, fresh, data, 1, 2)
			var c completed
			if r := s.complete(t, w.staffZZ, fresh, &c); len(r.Errors) > 0 || c.CompleteEvidenceUpload.Status != "VERIFIED" {
				t.Errorf("the fresh upload: %+v", r.Errors)
			}
		})
	}
}

// TestCompletionRaces: a list of parts with one twice or one missing is bad
// input and the upload stays resumable; concurrent completions all answer
// (the evidence, or "being completed": never INTERNAL); a completion racing
// an abort leaves either verified evidence or nothing in storage.
func TestCompletionRaces(t *testing.T) {
	const completeQ = `mutation($id:ID!, $p:[CompletedPartInput!]!){ completeEvidenceUpload(evidenceID:$id, parts:$p){ id status } }`
	const abortQ = `mutation($id:ID!){ abortEvidenceUpload(evidenceID:$id){ id status } }`
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		data := randomBytes(t, 9<<20) // two parts: 8 + 1 MiB
		ready := func() upload {
			u := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
			s.putParts(t, w.staffZZ, u, data, 1, 2)
			return u
		}
		u := ready()
		etags := s.uploadedParts(t, w.staffZZ, u)
		part := func(n int) map[string]any { return map[string]any{"partNumber": n, "etag": etags[n]} }
		for _, bad := range [][]any{{part(1), part(1)}, {part(1)}, {part(1), part(2), part(2)}} {
			s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, completeQ, map[string]any{"id": u.id, "p": bad})
		}
		if have := s.uploadedParts(t, w.staffZZ, u); len(have) != 2 {
			t.Fatalf("after refused completions storage holds %v", have)
		}

		// Six completions at once.
		var mu sync.Mutex
		codes := map[string]int{}
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := s.gql(t, w.staffZZ, completeQ, map[string]any{"id": u.id, "p": []any{part(1), part(2)}})
				mu.Lock()
				codes[r.code()]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		if codes[""] == 0 || codes[""]+codes["CONFLICT"] != 6 {
			t.Errorf("six concurrent completions answered %v", codes)
		}
		var c completed
		if r := s.complete(t, w.staffZZ, u, &c); len(r.Errors) > 0 || c.CompleteEvidenceUpload.Status != "VERIFIED" {
			t.Errorf("after the race: %+v %s", r.Errors, c.CompleteEvidenceUpload.Status)
		}

		// A completion and an abort at once, a few times.
		for range 3 {
			u := ready()
			key := s.objectKey(t, u.id)
			etags := s.uploadedParts(t, w.staffZZ, u)
			var done, aborted gqlResult
			wg.Add(2)
			go func() {
				defer wg.Done()
				done = s.gql(t, w.staffZZ, completeQ, map[string]any{"id": u.id, "p": []any{
					map[string]any{"partNumber": 1, "etag": etags[1]}, map[string]any{"partNumber": 2, "etag": etags[2]}}})
			}()
			go func() {
				defer wg.Done()
				aborted = s.gql(t, w.staffZZ, abortQ, map[string]any{"id": u.id})
			}()
			wg.Wait()
			if done.code() == "INTERNAL" || aborted.code() == "INTERNAL" {
				t.Fatalf("complete %+v, abort %+v", done.Errors, aborted.Errors)
			}
			ended := s.evidenceEnded(t, w.staffZZ, u.id, 30*time.Second)
			_, statErr := s.store(t).Stat(context.Background(), key, "")
			switch got := ended.Status; got {
			case "VERIFIED":
				if statErr != nil || aborted.code() != "CONFLICT" {
					t.Errorf("verified, yet the object: %v, the abort: %+v", statErr, aborted.Errors)
				}
			case "FAILED":
				if !errors.Is(statErr, storage.ErrNotFound) {
					t.Errorf("aborted, yet storage holds the object (%v)", statErr)
				}
			default:
				t.Errorf("after complete and abort: %s (complete %+v, abort %+v)", got, done.Errors, aborted.Errors)
			}
		}
	})
}

// TestInterruptedCompletion: a completion whose server died mid-way (its
// claim lapsed, the upload still UPLOADING) is finished by the job: verified
// and retained, as the phone would have had it.
func TestInterruptedCompletion(t *testing.T) {
	for _, kind := range stacks {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, kind, map[string]string{"UPLOAD_EXPIRY_INTERVAL": "1s"})
			w := newWorld(t, s)
			class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
			data := randomBytes(t, 9<<20)
			u := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
			s.putParts(t, w.staffZZ, u, data, 1, 2)
			// The claim a dead server left behind, lapsed a minute ago.
			s.setEvidenceTime(t, u.id, "completing_until", time.Now().Add(-time.Minute))
			const statusQ = `query($id:ID!){ evidenceUploadStatus(evidenceID:$id){ evidence { status retainUntil } } }`
			var st struct {
				EvidenceUploadStatus struct {
					Evidence struct {
						Status      string  `json:"status"`
						RetainUntil *string `json:"retainUntil"`
					} `json:"evidence"`
				} `json:"evidenceUploadStatus"`
			}
			for deadline := time.Now().Add(30 * time.Second); st.EvidenceUploadStatus.Evidence.Status != "VERIFIED"; time.Sleep(200 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("the interrupted completion is still %s", st.EvidenceUploadStatus.Evidence.Status)
				}
				s.must(t, w.staffZZ, statusQ, map[string]any{"id": u.id}, &st)
			}
			if st.EvidenceUploadStatus.Evidence.RetainUntil == nil {
				t.Error("finished without retention")
			}

			// A server that died after storage assembled the parts, before the
			// evidence was marked: storage holds the object and no upload any
			// more (the job answered "no parts" and left it claimed; found by
			// the soak suite, TestSoakServerKill).
			u2 := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
			s.putParts(t, w.staffZZ, u2, data, 1, 2)
			row := s.evidenceRow(t, u2.id)
			var assembled []storage.CompletedPart
			for n, etag := range s.uploadedParts(t, w.staffZZ, u2) {
				assembled = append(assembled, storage.CompletedPart{PartNumber: n, ETag: etag})
			}
			slices.SortFunc(assembled, func(a, b storage.CompletedPart) int { return a.PartNumber - b.PartNumber })
			if err := s.store(t).CompleteMultipart(context.Background(), row.ObjectKey, row.UploadID, assembled); err != nil {
				t.Fatal(err)
			}
			s.setEvidenceTime(t, u2.id, "completing_until", time.Now().Add(-time.Minute))
			st.EvidenceUploadStatus.Evidence.Status = ""
			for deadline := time.Now().Add(30 * time.Second); st.EvidenceUploadStatus.Evidence.Status != "VERIFIED"; time.Sleep(200 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("the completion interrupted after assembly is still %s\n%s", st.EvidenceUploadStatus.Evidence.Status, s.logNotes(10))
				}
				s.must(t, w.staffZZ, statusQ, map[string]any{"id": u2.id}, &st)
			}
			if st.EvidenceUploadStatus.Evidence.RetainUntil == nil {
				t.Error("finished after assembly without retention")
			}

			// A verification whose server died: the evidence VERIFYING, its
			// claim lapsed. The sweep verifies it again.
			u3 := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
			s.putParts(t, w.staffZZ, u3, data, 1, 2)
			row = s.evidenceRow(t, u3.id)
			if err := s.store(t).CompleteMultipart(context.Background(), row.ObjectKey, row.UploadID, s.completedParts(t, w.staffZZ, u3)); err != nil {
				t.Fatal(err)
			}
			s.setEvidenceColumn(t, u3.id, "status", "VERIFYING")
			s.setEvidenceTime(t, u3.id, "completing_until", time.Now().Add(-time.Minute))
			if ev := s.evidenceEnded(t, w.staffZZ, u3.id, 60*time.Second); ev.Status != "VERIFIED" || ev.RetainUntil == nil {
				t.Errorf("the verification interrupted by a dead server ended %s", js(ev))
			}

			// A completion whose request storage dropped with its dead
			// server: neither the upload nor the object is kept. The evidence
			// fails (after the verification waited for the assembly), and the
			// phone is told, in Chinese, to upload again.
			u4 := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
			s.putParts(t, w.staffZZ, u4, data, 1, 2)
			row = s.evidenceRow(t, u4.id)
			if err := s.store(t).AbortMultipart(context.Background(), row.ObjectKey, row.UploadID); err != nil {
				t.Fatal(err)
			}
			s.setEvidenceColumn(t, u4.id, "status", "VERIFYING")
			s.setEvidenceTime(t, u4.id, "completing_until", time.Now().Add(-time.Minute))
			ev := s.evidenceEnded(t, w.staffZZ, u4.id, 90*time.Second)
			var zh struct {
				EvidenceUploadStatus struct {
					Evidence struct {
						FailureText *string `json:"failureText"`
					} `json:"evidence"`
				} `json:"evidenceUploadStatus"`
			}
			s.gqlIn(t, "zh-CN", w.staffZZ, `query($id:ID!){ evidenceUploadStatus(evidenceID:$id){ evidence { failureText } } }`, map[string]any{"id": u4.id}).decode(t, &zh)
			if ft := deref(zh.EvidenceUploadStatus.Evidence.FailureText); ev.Status != "FAILED" || !strings.Contains(deref(ev.FailureReason), "did not keep") || !hasHan(ft) {
				t.Errorf("a lost assembly ended %s (zh: %q)", js(ev), ft)
			}
		})
	}
}

// completedParts lists the parts storage holds for an upload, in order.
func (s *testServer) completedParts(t *testing.T, token string, u upload) []storage.CompletedPart {
	t.Helper()
	var out []storage.CompletedPart
	for n, etag := range s.uploadedParts(t, token, u) {
		out = append(out, storage.CompletedPart{PartNumber: n, ETag: etag})
	}
	slices.SortFunc(out, func(a, b storage.CompletedPart) int { return a.PartNumber - b.PartNumber })
	return out
}

// setEvidenceColumn sets a column of an evidence row, as a crash may have left it.
func (s *testServer) setEvidenceColumn(t *testing.T, evidenceID, column string, value any) {
	t.Helper()
	_, db, dialect, err := openDatabase(context.Background(), s.env["DATABASE_URL"], s.env["DATA_DIR"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id, _ := strconv.Atoi(evidenceID)
	q, args := entsql.Dialect(dialect).Update("evidences").Set(column, value).Where(entsql.EQ("id", id)).Query()
	if _, err := db.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatal(err)
	}
}

// evidenceEnded waits, up to within, for evidence to leave UPLOADING and
// VERIFYING, and returns it as it ended.
func (s *testServer) evidenceEnded(t *testing.T, token, evidenceID string, within time.Duration) evidence {
	t.Helper()
	var d struct {
		Status struct {
			Evidence evidence `json:"evidence"`
		} `json:"evidenceUploadStatus"`
	}
	for deadline := time.Now().Add(within); ; time.Sleep(100 * time.Millisecond) {
		s.must(t, token, `query($id:ID!){ evidenceUploadStatus(evidenceID:$id){ evidence { `+evidenceFields+` } } }`, map[string]any{"id": evidenceID}, &d)
		if st := d.Status.Evidence.Status; st != "UPLOADING" && st != "VERIFYING" {
			return d.Status.Evidence
		}
		if time.Now().After(deadline) {
			t.Fatalf("evidence %s is still %s after %s\n%s", evidenceID, d.Status.Evidence.Status, within, s.logNotes(20))
		}
	}
}
