// Package storagetest starts a real MinIO server for tests.
//
// The server binary comes from $MINIO_BIN, else $HOME/.cache/bairi/bin/minio
// (built by `make test`). A missing binary is a failure, never a skip.
package storagetest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hnvt/bairi/storage"
)

const startTimeout = 30 * time.Second

// BinaryPath returns the MinIO server binary path, or an error when it is
// missing.
func BinaryPath() (string, error) {
	bin := os.Getenv("MINIO_BIN")
	if bin == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("MinIO server binary not found: run `make test` which builds it (%v)", err)
		}
		bin = filepath.Join(home, ".cache", "bairi", "bin", "minio")
	}
	fi, err := os.Stat(bin)
	if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
		return "", fmt.Errorf("MinIO server binary not found at %s: run `make test` which builds it", bin)
	}
	return bin, nil
}

// StartMinIOServer starts a MinIO server on loopback with fresh credentials
// and data directories, and waits until it is live. cfg has no Bucket: give
// each test its own (see Bucket). stop terminates the server and removes its
// data; it is safe to call more than once.
func StartMinIOServer() (cfg storage.S3Config, stop func(), err error) {
	bin, err := BinaryPath()
	if err != nil {
		return cfg, nil, err
	}
	dir, err := os.MkdirTemp("", "bairi-minio-")
	if err != nil {
		return cfg, nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }

	apiAddr, err := freeAddr()
	if err != nil {
		cleanup()
		return cfg, nil, err
	}
	consoleAddr, err := freeAddr()
	if err != nil {
		cleanup()
		return cfg, nil, err
	}
	user, password := "test-"+randomHex(8), randomHex(20)

	out := &syncBuffer{}
	cmd := exec.Command(bin, "server",
		"--quiet",
		"--address", apiAddr,
		"--console-address", consoleAddr,
		filepath.Join(dir, "d{1...4}"),
	)
	cmd.Env = append(os.Environ(),
		"MINIO_CI_CD=1",
		"MINIO_ROOT_USER="+user,
		"MINIO_ROOT_PASSWORD="+password,
		"MINIO_API_CORS_ALLOW_ORIGIN=*",
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=off",
	)
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		cleanup()
		return cfg, nil, fmt.Errorf("start MinIO: %w", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()

	var once sync.Once
	stop = func() {
		once.Do(func() {
			cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				<-exited
			}
			cleanup()
		})
	}

	if err := waitLive(apiAddr, exited); err != nil {
		stop()
		return cfg, nil, fmt.Errorf("MinIO did not start: %w\n--- MinIO output ---\n%s", err, out.String())
	}
	return storage.S3Config{
		Endpoint:  apiAddr,
		AccessKey: user,
		SecretKey: password,
	}, stop, nil
}

// StartMinIO starts a server for one test (or benchmark) and stops it at
// cleanup. It fails the test when the server cannot start.
func StartMinIO(t testing.TB) storage.S3Config {
	t.Helper()
	cfg, stop, err := StartMinIOServer()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return cfg
}

// Bucket returns a fresh valid bucket name derived from name.
func Bucket(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 40 {
		s = strings.Trim(s[:40], "-")
	}
	if s == "" {
		s = "test"
	}
	return s + "-" + randomHex(6)
}

// waitLive waits until the server is live and its object layer is
// initialised with write quorum (/minio/health/cluster): "live" alone comes
// before the server accepts S3 requests.
func waitLive(addr string, exited <-chan struct{}) error {
	client := &http.Client{Timeout: time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	for _, path := range []string{"/minio/health/live", "/minio/health/cluster"} {
		url := "http://" + addr + path
		for ok := false; !ok; {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if resp, err := client.Do(req); err == nil {
				resp.Body.Close()
				ok = resp.StatusCode == http.StatusOK
			}
			if ok {
				break
			}
			select {
			case <-exited:
				return errors.New("server exited")
			case <-ctx.Done():
				return fmt.Errorf("%s not ready after %v", url, startTimeout)
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	return nil
}

// freeAddr returns a loopback address with a port that was free.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 1<<20 {
		return len(p), nil // enough for an error message
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
