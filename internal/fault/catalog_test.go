package fault

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// formats finds every message format the code hands to fault.New,
// fault.Input, a lifecycle machine's Require or a row report (sheet's Fail
// and FailFile, the rowErr, fail and failRow helpers), with where it is.
func formats(t *testing.T) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..")
	out := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "node_modules", ".git", "pwa", "test-artifacts":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "generated.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			at := -1
			switch fn := call.Fun.(type) {
			case *ast.Ident: // the row reports' own helpers
				switch fn.Name {
				case "rowErr":
					at = 2 // rowErr(row, field, format, args...)
				case "fail":
					at = 1 // fail(column, format, args...)
				case "failRow":
					at = 2 // failRow(row, field, format, args...)
				}
			case *ast.SelectorExpr:
				switch x, _ := fn.X.(*ast.Ident); {
				case x != nil && x.Name == "fault" && (fn.Sel.Name == "New" || fn.Sel.Name == "Input"):
					at = 1
				case fn.Sel.Name == "Require" && len(call.Args) >= 3:
					at = 2 // lifecycle: Require(action, state, format, args...)
				case fn.Sel.Name == "Fail":
					at = 2 // sheet: report.Fail(row, column, format, args...)
				case fn.Sel.Name == "FailFile":
					at = 0
				}
			}
			if at < 0 || len(call.Args) <= at {
				return true
			}
			if s, ok := constString(call.Args[at]); ok {
				out[s] = fset.Position(call.Args[at].Pos()).String()
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 50 {
		t.Fatalf("found only %d message formats: the scan is broken", len(out))
	}
	return out
}

// constString is a string literal, or literals joined with +.
func constString(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		a, ok1 := constString(x.X)
		b, ok2 := constString(x.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return constString(x.X)
	}
	return "", false
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// TestEveryMessageInChinese: a zh-CN user never reads English. Every
// message format has its Chinese sentence, with as many arguments.
func TestEveryMessageInChinese(t *testing.T) {
	var missing []string
	for f, where := range formats(t) {
		zh, ok := zhMessages[f]
		if !ok {
			missing = append(missing, where+": "+strconv.Quote(f))
			continue
		}
		if a, b := len(verb.FindAllString(f, -1)), len(verb.FindAllString(zh, -1)); a != b {
			t.Errorf("%s: %q has %d arguments, its Chinese %q has %d", where, f, a, zh, b)
		}
		if regexp.MustCompile(`[A-Za-z]{3,}`).MatchString(verb.ReplaceAllString(zh, "")) {
			t.Errorf("%s: the Chinese of %q still reads English: %q", where, f, zh)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("%d messages have no Chinese in zhMessages (internal/fault/zh.go):\n%s", len(missing), strings.Join(missing, "\n"))
	}
}
