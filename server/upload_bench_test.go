package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// BenchmarkEvidenceUpload uploads a 256 MiB file through the four steps
// (begin, presigned part PUTs, status, complete: the phone's wait ends when
// the server answers VERIFYING) and the same file with one direct minio-go
// PutObject to the same MinIO, and prints the throughput ratio; then the
// time from the completion's answer to VERIFIED (the server's read-back and
// SHA-256, off the request path) and the rate of the whole, verified, upload.
func BenchmarkEvidenceUpload(b *testing.B) {
	const size = 256 << 20
	s := startServer(b, "postgres", map[string]string{"MAX_EVIDENCE_BYTES": fmt.Sprint(8 << 30)})
	w := newWorld(b, s)
	class := w.newClass(b, s, w.staffZZ, w.orgZZ, true)
	data := randomBytes(b, size)
	sum := sha(data)
	mc, err := minio.New(s.env["S3_ENDPOINT"], &minio.Options{Creds: credentials.NewStaticV4(s.env["S3_ACCESS_KEY"], s.env["S3_SECRET_KEY"], "")})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	const threads = 4
	var fourSteps, direct, complete, verifying time.Duration
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		u := s.begin(b, w.staffZZ, class, "SUPERVISION_RECORDING", data, sum, openingDay, 0, 0)
		var nums []any
		for n := 1; n <= u.partCount; n++ {
			nums = append(nums, n)
		}
		var d presignedParts
		s.must(b, w.staffZZ, `mutation($id:ID!, $p:[Int!]!){ evidenceUploadParts(evidenceID:$id, partNumbers:$p){ partNumber url } }`,
			map[string]any{"id": u.id, "p": nums}, &d)
		urls := d.EvidenceUploadParts
		work := make(chan presignedPart)
		var wg sync.WaitGroup
		errs := make(chan error, len(urls))
		for range threads {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for pp := range work {
					n := pp.PartNumber
					lo := (n - 1) * u.partSize
					hi := min(lo+u.partSize, len(data))
					req, _ := http.NewRequest(http.MethodPut, s.absolute(pp.URL), bytes.NewReader(data[lo:hi]))
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						errs <- err
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						errs <- fmt.Errorf("part %d: %d", n, resp.StatusCode)
					}
				}
			}()
		}
		for _, pp := range urls {
			work <- pp
		}
		close(work)
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		c0 := time.Now()
		var c completed
		r := s.completeOnly(b, w.staffZZ, u, &c)
		if c.CompleteEvidenceUpload.Status != "VERIFYING" {
			b.Fatalf("complete: %+v %s", r.Errors, c.CompleteEvidenceUpload.Status)
		}
		complete += time.Since(c0)
		fourSteps += time.Since(start)
		v0 := time.Now()
		if s.settled(b, w.staffZZ, r, &c); c.CompleteEvidenceUpload.Status != "VERIFIED" {
			b.Fatalf("verification: %s", js(c.CompleteEvidenceUpload))
		}
		verifying += time.Since(v0)

		start = time.Now()
		_, err := mc.PutObject(ctx, s.env["S3_BUCKET"], fmt.Sprintf("bench/direct-%d", i), bytes.NewReader(data), size,
			minio.PutObjectOptions{ContentType: "video/mp4", NumThreads: threads})
		if err != nil {
			b.Fatal(err)
		}
		direct += time.Since(start)
	}
	b.StopTimer()
	mib := float64(size) / (1 << 20) * float64(b.N)
	viaSteps := mib / fourSteps.Seconds()
	viaDirect := mib / direct.Seconds()
	b.ReportMetric(viaSteps, "four_steps_MiB/s")
	b.ReportMetric(viaDirect, "direct_put_MiB/s")
	b.ReportMetric(viaSteps/viaDirect, "ratio")
	b.ReportMetric(complete.Seconds()*1000/float64(b.N), "complete_ms")
	verified := mib / (fourSteps + verifying).Seconds()
	b.ReportMetric(verified/viaDirect, "ratio_to_verified")
	b.Logf("256 MiB: four steps %.0f MiB/s, direct PutObject %.0f MiB/s, ratio %.2f (completion answered in %.0f ms); "+
		"verified %.1f s after the answer (read-back + SHA-256 + retention, off the request path): to VERIFIED %.0f MiB/s, ratio %.2f",
		viaSteps, viaDirect, viaSteps/viaDirect, complete.Seconds()*1000/float64(b.N), verifying.Seconds()/float64(b.N), verified, verified/viaDirect)
}
