package fault

import (
	"context"
	"testing"
)

// A real format of the code (internal/money, Pay) with a state argument.
const payFormat = "only applications handed over to finance are paid; this one is %s"

type state string // an ent enum is a named string type

func TestTextInChinese(t *testing.T) {
	ctx := WithLanguage(context.Background(), "zh-CN,zh;q=0.9")
	if !Chinese(ctx) {
		t.Fatal("zh-CN,zh;q=0.9 should prefer Chinese")
	}
	f, _ := As(New(Conflict, payFormat, state("IN_PUBLICITY")))
	if got, want := f.Text(ctx), "只有已移交财政部门的补贴申请才能拨付，该申请当前状态为“公示中”"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if f.Message != "only applications handed over to finance are paid; this one is IN_PUBLICITY" {
		t.Errorf("the English message changed: %q", f.Message)
	}

	// Reordered arguments, a number left as it is, two terms translated.
	f, _ = As(Input("classIDs", "class %d is %s training, which a %s application does not cover", 7, state("KEY_GROUP"), "WORK_IN_LIEU"))
	if got, want := f.Text(ctx), "班级（编号 7）属于就业重点群体培训，不在以工代训补贴申请的范围内"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}

	// The machine's noun is a term too.
	f, _ = As(New(Conflict, "%s that is %s cannot become %s", "a class", "DRAFT", "APPROVED"))
	if got, want := f.Text(ctx), "班级当前状态为“草稿”，不能变为“已审批通过”"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestTextInEnglish(t *testing.T) {
	for _, header := range []string{"en-US", "", "en-GB,en;q=0.8", "not a header;;"} {
		ctx := WithLanguage(context.Background(), header)
		if Chinese(ctx) {
			t.Errorf("%q should not prefer Chinese", header)
		}
		f, _ := As(New(Conflict, payFormat, state("IN_PUBLICITY")))
		if got, want := f.Text(ctx), "only applications handed over to finance are paid; this one is IN_PUBLICITY"; got != want {
			t.Errorf("%q: Text = %q, want %q", header, got, want)
		}
	}
	f, _ := As(New(Conflict, payFormat, "PAID"))
	if got := f.Text(context.Background()); got != f.Message {
		t.Errorf("without a language Text = %q, want the English %q", got, f.Message)
	}
}

func TestSay(t *testing.T) {
	zh := WithLanguage(context.Background(), "zh-CN,zh;q=0.9")
	en := WithLanguage(context.Background(), "en-US")
	if got, want := Say(zh, "internal error"), "服务器出错了，请稍后再试"; got != want {
		t.Errorf("Say(zh) = %q, want %q", got, want)
	}
	if got := Say(en, "internal error"); got != "internal error" {
		t.Errorf("Say(en) = %q", got)
	}
	if got := Say(zh, "a sentence nobody translated"); got != "a sentence nobody translated" {
		t.Errorf("Say(zh) of an unknown sentence = %q, want the English", got)
	}
}

func TestUntranslatedFallsBackToEnglish(t *testing.T) {
	ctx := WithLanguage(context.Background(), "zh-CN,zh;q=0.9")
	f, _ := As(New(Conflict, "no Chinese for %s yet", "DRAFT"))
	if got, want := f.Text(ctx), "no Chinese for DRAFT yet"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	// A runtime text known in Chinese is translated as an argument.
	f, _ = As(Input("number", "%s", "the check character does not match: the number was probably mistyped"))
	if got, want := f.Text(ctx), "校验码不符，编号可能输入有误"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	// An argument the catalog does not know stays as it is.
	f, _ = As(Input("time", "%q is not a time: use RFC 3339 (2020-09-01T08:00:00+08:00) or a date (2020-09-01)", "tomorrow"))
	if got, want := f.Text(ctx), `"tomorrow"不是有效的时间：请使用带时区的标准时间（如 2020-09-01T08:00:00+08:00）或日期（如 2020-09-01）`; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}
