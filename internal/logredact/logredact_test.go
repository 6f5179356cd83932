package logredact

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
)

const (
	idNumber = "41010219900101011X"
	mobileNo = "13800138000"
	jwtToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
	password = "s3cret-Pass-word"
)

func TestString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"person " + idNumber + " created", "person 410102***********X created"},
		{"id 410102 19900101 011X", "id 410102***********X"},
		{"id 410102-19900101-0118 and more", "id 410102***********8 and more"},
		{"phone 13800138000.", "phone [redacted]."},
		{"phone 138 0013 8000", "phone [redacted]"},
		{"phone +86 138-0013-8000", "phone +[redacted]"},
		{"phone +8613800138000", "phone +[redacted]"},
		{"两个：" + idNumber + "，" + mobileNo + "。", "两个：410102***********X，[redacted]。"},
		{"Authorization: Bearer abc.def-ghi", "Authorization: [redacted]"},
		{"sent Bearer abc.def-ghi", "sent Bearer [redacted]"},
		{"token " + jwtToken + " expired", "token [redacted] expired"},
		{`{"query":"mutation{login(input:{username:\"x\",password:\"` + password + `\"})}"}`,
			`{"query":"mutation{login(input:{username:\"x\",password:\"[redacted]\"})}"}`},
		{`body:{"variables":{"p":"x","newPassword":"` + password + `"}`, `body:{"variables":{"p":"x","newPassword":"[redacted]"}`},
		{"dsn postgres://u@h/db?password=" + password + "&sslmode=disable", "dsn postgres://u@h/db?password=[redacted]&sslmode=disable"},
		{"refreshToken: abcdefghijklmnop", "refreshToken: [redacted]"},
		// Left as they are: what is not a secret.
		{"wrong username or password", "wrong username or password"},
		{"the access token is invalid or expired", "the access token is invalid or expired"},
		{"took 12345678901234567890 ns; 2020-09-01 08:00:00; hash a13800138000f; 123456789012", "took 12345678901234567890 ns; 2020-09-01 08:00:00; hash a13800138000f; 123456789012"},
		{"file photo.2020.jpg on minio.example.com", "file photo.2020.jpg on minio.example.com"},
		{"12800138000 is not a mobile number", "12800138000 is not a mobile number"},
	} {
		if got := String(c.in); got != c.want {
			t.Errorf("String(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

type person struct {
	Name     string `json:"name"`
	IDNumber string `json:"idNumber"`
	Password string `json:"password"`
	Age      int    `json:"age"`
}

type valuer struct{}

func (valuer) LogValue() slog.Value { return slog.StringValue("holder " + idNumber) }

func TestHandler(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(New(slog.NewJSONHandler(&buf, nil)))
	log = log.With("jwt_secret", "do-not-show-1", slog.Group("ctx", "phone", mobileNo))
	log.WithGroup("req").Error("login of "+idNumber+" failed",
		"password", password,
		"Authorization", "Bearer "+jwtToken,
		"refreshToken", "opaque-refresh-token-value",
		"error", fmt.Errorf("decoding body {\"password\":\"%s\"}: %w", password, errors.New("unexpected EOF")),
		"person", person{Name: "张三", IDNumber: idNumber, Password: password, Age: 30},
		"mobile", int64(13800138000),
		slog.Group("nested", "id", "410102 19900101 011X", slog.Group("deeper", "token", "tok-123", "note", "call "+mobileNo)),
		"valuer", valuer{},
		"raw", []byte("id="+idNumber),
		"count", 3,
	)
	out := buf.String()
	for _, secret := range []string{idNumber, "41010219900101011", "19900101 011X", mobileNo, password, jwtToken, "eyJhbGci",
		"do-not-show-1", "opaque-refresh-token-value", "tok-123"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
	for _, kept := range []string{`"count":3`, `"age":30`, "410102***********X", "张三", "unexpected EOF", `"name":"张三"`} {
		if !strings.Contains(out, kept) {
			t.Errorf("the log lost %q:\n%s", kept, out)
		}
	}
}

// BenchmarkAccessLogRecord writes the server's access-log record (one per
// request) through the redacting handler and, as its baseline, through the
// JSON handler alone; the ratio of the two ns/op is what redaction costs.
func BenchmarkAccessLogRecord(b *testing.B) {
	for _, bc := range []struct {
		name string
		h    slog.Handler
	}{{"json", slog.NewJSONHandler(io.Discard, nil)}, {"redacted", New(slog.NewJSONHandler(io.Discard, nil))}} {
		b.Run(bc.name, func(b *testing.B) {
			log := slog.New(bc.h)
			ctx := context.Background()
			b.ReportAllocs()
			for range b.N {
				log.LogAttrs(ctx, slog.LevelInfo, "request",
					slog.String("request_id", "4f1c2a9e7b3d4c5a"), slog.String("method", "POST"), slog.String("path", "/graphql"),
					slog.Int("status", 200), slog.Int64("bytes", 1834), slog.Duration("duration", 12345678))
			}
		})
	}
}
