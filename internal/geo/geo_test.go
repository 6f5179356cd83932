package geo

import (
	"math"
	"testing"
)

// Zhengzhou's and Luoyang's centres are about 113 km apart; a point is 0 km from itself.
func TestDistanceKM(t *testing.T) {
	if d := DistanceKM(34.7466, 113.6253, 34.7466, 113.6253); d != 0 {
		t.Errorf("same point: %v km", d)
	}
	if d := DistanceKM(34.7466, 113.6253, 34.6197, 112.4540); math.Abs(d-108) > 3 {
		t.Errorf("Zhengzhou to Luoyang: %.1f km, want about 108", d)
	}
}
