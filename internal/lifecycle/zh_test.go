package lifecycle

import (
	"testing"

	"github.com/hnvt/bairi/internal/fault"
)

// Every machine's noun and state reads in Chinese, so that a zh-CN user sees
// no enum value in a state message.
func TestEveryStateInChinese(t *testing.T) {
	for _, m := range All {
		for _, s := range append([]string{m.Noun}, m.States...) {
			if zh, _ := fault.ZhTerm(s).(string); zh == s {
				t.Errorf("%s: %q has no Chinese term in internal/fault/zh.go", m.Noun, s)
			}
		}
	}
}
