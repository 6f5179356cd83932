package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/internal/viewer"
)

// measure runs f n times from c goroutines and returns the throughput.
func measure(n, c int, f func() error) (float64, error) {
	perSec, _, _, err := load(n, c, func(int) error { return f() })
	return perSec, err
}

// BenchmarkMeAndRegions prints the throughput of the `me` and `regions`
// queries over HTTP against the same ent query called directly, on
// PostgreSQL, as a ratio measured in the same run.
func BenchmarkMeAndRegions(b *testing.B) {
	s := startServer(b, "postgres", nil)
	token := s.adminToken(b)
	client, db, _, err := openDatabase(context.Background(), s.env["DATABASE_URL"], b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var d struct {
		Me *ref `json:"me"`
	}
	s.must(b, token, `{ me { id } }`, nil, &d)
	me := deref(d.Me).ID
	meID, _ := strconv.Atoi(me)
	admin, err := client.User.Query().WithRegion().Only(viewer.WithPurpose(context.Background(), viewer.PurposeAuth))
	if err != nil || admin.ID != meID {
		b.Fatalf("admin: %v %v", admin, err)
	}
	vctx := viewer.NewContext(context.Background(), &viewer.Viewer{UserID: admin.ID, Username: admin.Username,
		Role: viewer.ProvinceAdmin, RegionID: admin.RegionID, RegionPath: admin.Edges.Region.Path})
	httpClient := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	post := func(query string) func() error {
		body, _ := json.Marshal(map[string]any{"query": query})
		return func() error {
			req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := httpClient.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || bytes.Contains(raw, []byte(`"errors"`)) {
				return fmt.Errorf("status %d: %s", resp.StatusCode, raw)
			}
			return nil
		}
	}
	cases := []struct {
		name   string
		http   func() error
		direct func() error
	}{
		{"me", post(`{ me { id username role } }`), func() error {
			_, err := client.User.Get(vctx, admin.ID)
			return err
		}},
		{"regions", post(`{ regions(first: 20) { edges { node { code name level } } } }`), func() error {
			_, err := client.Region.Query().Order(ent.Asc("id")).Limit(21).All(vctx)
			return err
		}},
	}
	const conc = 8
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			n := max(b.N, 200)
			b.ResetTimer()
			viaHTTP, err := measure(n, conc, c.http)
			if err != nil {
				b.Fatal(err)
			}
			direct, err := measure(n, conc, c.direct)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(viaHTTP, "http_req/s")
			b.ReportMetric(direct, "direct_req/s")
			b.ReportMetric(viaHTTP/direct, "http/direct")
			b.Logf("%s: %.0f req/s over HTTP, %.0f direct ent calls/s, ratio %.2f (%d concurrent)", c.name, viaHTTP, direct, viaHTTP/direct, conc)
		})
	}
}
