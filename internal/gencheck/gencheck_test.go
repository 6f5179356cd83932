// Package gencheck fails when the committed generated code (ent, gqlgen) is
// not what `go generate` produces from the committed sources.
package gencheck

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// generatedDirs hold generated code next to hand-written sources.
var generatedDirs = []string{"ent", "graph"}

func repoRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// copyTree copies the Go sources needed to regenerate into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	for _, name := range []string{"go.mod", "go.sum", "gqlgen.yml", "tools.go"} {
		copyFile(t, filepath.Join(src, name), filepath.Join(dst, name))
	}
	for _, dir := range append([]string{"internal", "storage", "pwa"}, generatedDirs...) {
		err := filepath.WalkDir(filepath.Join(src, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if d.IsDir() {
				if d.Name() == "node_modules" || d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			if strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".graphqls") || (dir == "storage" && strings.HasSuffix(p, ".json")) || (dir == "pwa" && rel == filepath.Join("pwa", "dist", ".gitkeep")) {
				copyFile(t, p, filepath.Join(dst, rel))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, dir := range generatedDirs {
		_ = filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".graphqls") {
				rel, _ := filepath.Rel(root, p)
				b, _ := os.ReadFile(p)
				files[rel] = b
			}
			return nil
		})
	}
	return files
}

// TestGeneratedCodeIsFresh regenerates into a copy of the module and compares.
func TestGeneratedCodeIsFresh(t *testing.T) {
	if testing.Short() {
		t.Log("regenerating takes a while; running anyway: staleness must never pass unnoticed")
	}
	root := repoRoot(t)
	tmp := t.TempDir()
	copyTree(t, root, tmp)
	want := snapshot(t, root)
	cmd := exec.Command("go", "generate", "./ent/...", "./graph/...")
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("go generate failed: %v\n%s", err, out.String())
	}
	got := snapshot(t, tmp)
	for name, b := range got {
		if w, ok := want[name]; !ok {
			t.Errorf("%s is generated but not committed: run `make generate`", name)
		} else if !bytes.Equal(w, b) {
			t.Errorf("%s is stale: run `make generate`", name)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok && isGenerated(want[name]) {
			t.Errorf("%s is no longer generated: delete it (run `make generate`)", name)
		}
	}
}

func isGenerated(b []byte) bool {
	return bytes.Contains(b, []byte("Code generated")) && bytes.Contains(b, []byte("DO NOT EDIT"))
}
