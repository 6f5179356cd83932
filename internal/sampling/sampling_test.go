package sampling

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func candidates(n int, flagged map[int]bool) []Candidate {
	c := make([]Candidate, n)
	for i := range c {
		c[i] = Candidate{ID: i + 1, Weight: 1}
		if flagged[i+1] {
			c[i].Weight = 3
		}
	}
	return c
}

func TestDrawIsReproducibleAndOrderFree(t *testing.T) {
	c := candidates(200, map[int]bool{5: true, 17: true})
	a := Draw("audit-2020-10", 0.1, c)
	shuffled := slices.Clone(c)
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b := Draw("audit-2020-10", 0.1, shuffled)
	if !slices.Equal(a, b) {
		t.Fatalf("same seed, same candidates, different samples: %v vs %v", a, b)
	}
	if len(a) != 20 {
		t.Fatalf("sample size %d, want 20", len(a))
	}
	if other := Draw("another-seed", 0.1, c); slices.Equal(a, other) {
		t.Error("another seed gave the same sample")
	}
}

func TestSize(t *testing.T) {
	for _, tc := range []struct {
		n    int
		rate float64
		want int
	}{{0, 0.5, 0}, {10, 0, 0}, {10, 0.01, 1}, {10, 0.25, 3}, {10, 1, 10}, {10, 2, 10}} {
		if got := Size(tc.n, tc.rate); got != tc.want {
			t.Errorf("Size(%d, %v) = %d, want %d", tc.n, tc.rate, got, tc.want)
		}
	}
}

// Flagged candidates (weight 3) are drawn clearly more often than the others.
func TestFlaggedWeighMore(t *testing.T) {
	c := candidates(100, map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true})
	flaggedHits, plainHits := 0, 0
	const draws = 2000
	for i := range draws {
		for _, id := range Draw(fmt.Sprint("seed-", i), 0.1, c) {
			if id <= 5 {
				flaggedHits++
			} else {
				plainHits++
			}
		}
	}
	perFlagged := float64(flaggedHits) / 5 / draws
	perPlain := float64(plainHits) / 95 / draws
	if perFlagged < 2*perPlain {
		t.Errorf("flagged drawn at %.3f per draw, plain at %.3f: flagged must weigh clearly more", perFlagged, perPlain)
	}
}
