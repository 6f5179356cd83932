package idcheck

import "testing"

func TestPhone(t *testing.T) {
	for s, want := range map[string]bool{"13800000000": true, "+86 371-6666 8888": true, "1234": false, "电话": false, "": false, "138000000001380000000": false} {
		if got := Phone(s); got != want {
			t.Errorf("Phone(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"138 0013 8000":        "13800138000",
		"１３８００１３８０００":          "13800138000", // full-width digits from a Chinese input method
		"(0371) 6666-8888":     "037166668888",
		"+86 138-0013-8000":    "+8613800138000",
		"\u3000138 0013 8000 ": "13800138000",
	} {
		got, ok := NormalizePhone(in)
		if !ok || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "12-34", "138 0013 800a", "++8613800138000", "电话"} {
		if got, ok := NormalizePhone(bad); ok {
			t.Errorf("NormalizePhone(%q) = %q accepted", bad, got)
		}
	}
}
