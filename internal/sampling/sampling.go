// Package sampling draws reproducible weighted samples for inspection: the
// same seed over the same candidates always gives the same selection, so an
// audit can redo a draw.
package sampling

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"sort"
	"strconv"
)

// Candidate is one item that may be drawn, with its weight (> 0).
type Candidate struct {
	ID     int
	Weight float64
}

// Size is how many of n candidates a rate selects: ceil(rate * n), at least
// one when rate > 0 and there is a candidate.
func Size(n int, rate float64) int {
	if n == 0 || rate <= 0 {
		return 0
	}
	k := int(math.Ceil(rate * float64(n)))
	return min(max(k, 1), n)
}

// Draw selects Size(len(c), rate) candidates without replacement, with
// probability growing with weight (Efraimidis-Spirakis keys u^(1/w)), where
// u is derived from SHA-256(seed, id): independent of the candidates' order.
// The selection is returned in ascending id order.
func Draw(seed string, rate float64, c []Candidate) []int {
	type keyed struct {
		id  int
		key float64
	}
	keys := make([]keyed, 0, len(c))
	for _, x := range c {
		sum := sha256.Sum256([]byte(seed + "\x00" + strconv.Itoa(x.ID)))
		// 53 random bits -> u in (0, 1).
		u := (float64(binary.BigEndian.Uint64(sum[:8])>>11) + 0.5) / (1 << 53)
		w := x.Weight
		if w <= 0 {
			w = 1
		}
		keys = append(keys, keyed{x.ID, math.Log(u) / w})
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].key != keys[j].key {
			return keys[i].key > keys[j].key
		}
		return keys[i].id < keys[j].id
	})
	k := Size(len(c), rate)
	out := make([]int, 0, k)
	for _, x := range keys[:k] {
		out = append(out, x.id)
	}
	sort.Ints(out)
	return out
}
