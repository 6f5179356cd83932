package idcheck

import "testing"

func TestPhone(t *testing.T) {
	for s, want := range map[string]bool{"13800000000": true, "+86 371-6666 8888": true, "1234": false, "电话": false, "": false, "138000000001380000000": false} {
		if got := Phone(s); got != want {
			t.Errorf("Phone(%q) = %v, want %v", s, got, want)
		}
	}
}
