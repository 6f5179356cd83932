package fault

import (
	"errors"

	"github.com/hnvt/bairi/internal/idcheck"
)

// IDField and IDReason split a failed identifier check (internal/idcheck)
// for a message "%s %s": in English it reads as the check's own error; in
// Chinese it names the identifier and the kind of fault, never the value.
func IDField(err error) any {
	var e *idcheck.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// IDReason: see IDField.
func IDReason(err error) any {
	var e *idcheck.Error
	if errors.As(err, &e) {
		return idReason{e}
	}
	return err.Error()
}

type idReason struct{ e *idcheck.Error }

func (r idReason) String() string { return r.e.Reason }

func (r idReason) zh() string {
	switch {
	case errors.Is(r.e, idcheck.ErrLength):
		return "位数不对"
	case errors.Is(r.e, idcheck.ErrFormat):
		return "含有不允许的字符"
	case errors.Is(r.e, idcheck.ErrRegion):
		return "中的地区代码无效"
	case errors.Is(r.e, idcheck.ErrBirthDate):
		return "中的出生日期无效"
	case errors.Is(r.e, idcheck.ErrChecksum):
		return "校验位不对，可能输错了"
	}
	return "有误"
}
