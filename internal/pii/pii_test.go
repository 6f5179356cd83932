package pii

import "testing"

func TestMaskName(t *testing.T) {
	for name, want := range map[string]string{"张三": "张*", "欧阳娜娜": "欧*", " 李 ": "李*", "": ""} {
		if got := MaskName(name); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", name, got, want)
		}
	}
}
