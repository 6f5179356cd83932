package idcheck

import "testing"

func TestSameName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"张三", "张三", true},
		{" 张 三 ", "张三", true},
		{"张\u3000三", "张三", true},
		{"阿卜杜拉·买买提", "阿卜杜拉 · 买买提", true},
		{"张三", "张四", false},
		{"张三", "", false},
	} {
		if got := SameName(c.a, c.b); got != c.same {
			t.Errorf("SameName(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
}
