package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// TestEvidenceIntegrity: verified evidence is read by the version that was
// verified. On S3, a new version written at its key and a delete marker
// (by someone holding the storage credentials) change nothing an inspector
// plays, and the integrity job reports them; on the local store, a file
// altered on disk is found by the job's SHA-256 re-check and flagged
// TAMPERED for the inspectors.
func TestEvidenceIntegrity(t *testing.T) {
	for _, kind := range stacks {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, kind, map[string]string{"EVIDENCE_RECHECK_INTERVAL": "1s"})
			w := newWorld(t, s)
			class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
			data := randomBytes(t, 300<<10)
			u := s.begin(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, sha(data), openingDay, venueLat, venueLon)
			s.putParts(t, w.staffZZ, u, data, 1)
			if r := s.complete(t, w.staffZZ, u); len(r.Errors) > 0 {
				t.Fatalf("complete: %+v", r.Errors)
			}
			row := s.evidenceRow(t, u.id)
			if row.ObjectVersion == "" {
				t.Fatal("verified evidence has no pinned version")
			}
			checkedAfter := func(since time.Time) {
				t.Helper()
				for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
					if at := s.evidenceRow(t, u.id).IntegrityCheckedAt; at != nil && at.After(since) {
						return
					}
					if time.Now().After(deadline) {
						t.Fatal("the integrity job did not re-check the evidence")
					}
				}
			}
			checkedAfter(time.Time{})
			if e := s.evidenceRow(t, u.id); e.Flagged || e.ObjectVersion != row.ObjectVersion {
				t.Fatalf("an untouched file: flags %v, version %q (was %q)", e.Flags, e.ObjectVersion, row.ObjectVersion)
			}
			play := func() []byte {
				t.Helper()
				var p struct {
					EvidencePlaybackURL string `json:"evidencePlaybackURL"`
				}
				s.must(t, w.inspZZ, `query($id:ID!){ evidencePlaybackURL(evidenceID:$id) }`, map[string]any{"id": u.id}, &p)
				resp, err := http.Get(s.absolute(p.EvidencePlaybackURL))
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				body, _ := io.ReadAll(resp.Body)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("playback: %s", resp.Status)
				}
				return body
			}

			tampered := time.Now()
			if kind == "postgres" {
				raw, err := minio.New(s.env["S3_ENDPOINT"], &minio.Options{Creds: credentials.NewStaticV4(s.env["S3_ACCESS_KEY"], s.env["S3_SECRET_KEY"], "")})
				if err != nil {
					t.Fatal(err)
				}
				ctx, bucket := context.Background(), s.env["S3_BUCKET"]
				forged := bytes.Repeat([]byte("forged"), 1000)
				if _, err := raw.PutObject(ctx, bucket, row.ObjectKey, bytes.NewReader(forged), int64(len(forged)), minio.PutObjectOptions{ContentType: "video/mp4"}); err != nil {
					t.Fatal(err)
				}
				if got := play(); !bytes.Equal(got, data) {
					t.Fatalf("after a new version at the key, playback gives %d other bytes", len(got))
				}
				if err := raw.RemoveObject(ctx, bucket, row.ObjectKey, minio.RemoveObjectOptions{}); err != nil {
					t.Fatal(err)
				}
				if got := play(); !bytes.Equal(got, data) {
					t.Fatalf("after a delete marker, playback gives %d other bytes", len(got))
				}
				checkedAfter(tampered)
				if e := s.evidenceRow(t, u.id); e.Flagged {
					t.Errorf("intact evidence flagged %v", e.Flags)
				}
				reported := func() bool {
					for _, line := range strings.Split(s.out.String(), "\n") {
						if strings.Contains(line, "evidence integrity") && strings.Contains(line, `"rewritten":2`) {
							return true
						}
					}
					return false
				}
				if eventually(reported); !reported() {
					t.Errorf("the job did not report the two writes at the key:\n%s", s.logNotes(20))
				}
				return
			}
			// The local store: the file changed on the server's disk.
			path := filepath.Join(s.env["DATA_DIR"], "objects", "objects", filepath.FromSlash(row.ObjectKey))
			altered := slices.Clone(data)
			altered[1000] ^= 0xff
			if err := os.WriteFile(path, altered, 0o600); err != nil {
				t.Fatal(err)
			}
			checkedAfter(tampered)
			if e := s.evidenceRow(t, u.id); !e.Flagged || !slices.Contains(e.Flags, "TAMPERED") {
				t.Errorf("altered file: flags %v, want TAMPERED", e.Flags)
			}
			var q struct {
				ReviewQueue struct {
					Edges []struct {
						Node struct {
							ID    string   `json:"id"`
							Flags []string `json:"flags"`
						} `json:"node"`
					} `json:"edges"`
				} `json:"reviewQueue"`
			}
			s.must(t, w.inspZZ, `{ reviewQueue(first: 20, flags: [TAMPERED]) { edges { node { id flags } } } }`, nil, &q)
			if len(q.ReviewQueue.Edges) != 1 || q.ReviewQueue.Edges[0].Node.ID != u.id {
				t.Errorf("the inspector's queue of TAMPERED evidence: %+v", q.ReviewQueue.Edges)
			}
		})
	}
}
