package main

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestComposeFile parses docker-compose.yml and checks that it wires the app
// with the same environment variables the server reads.
func TestComposeFile(t *testing.T) {
	raw, err := os.ReadFile("../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Build       any               `yaml:"build"`
			Command     string            `yaml:"command"`
			Entrypoint  []string          `yaml:"entrypoint"`
			Volumes     []string          `yaml:"volumes"`
			Environment map[string]string `yaml:"environment"`
			DependsOn   map[string]any    `yaml:"depends_on"`
			Profiles    []string          `yaml:"profiles"`
			Networks    any               `yaml:"networks"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(raw, &compose); err != nil {
		t.Fatalf("docker-compose.yml does not parse: %v", err)
	}
	for _, name := range []string{"postgres", "minio", "minio-setup", "app"} {
		if _, ok := compose.Services[name]; !ok {
			t.Fatalf("service %s missing", name)
		}
	}
	// The scaled profile: two instances like app, trusting only the proxy's
	// X-Forwarded-For, sharing one secrets volume, behind Caddy.
	for _, name := range []string{"app-a", "app-b"} {
		inst := compose.Services[name]
		if !slices.Equal(inst.Profiles, []string{"scaled"}) || inst.Build == nil ||
			!strings.Contains(strings.Join(inst.Volumes, " "), "scaleddata:/data") || inst.DependsOn["scaled-secrets"] == nil {
			t.Errorf("%s: the scaled profile's instance, on the shared secrets: %+v", name, inst)
		}
		for k, v := range compose.Services["app"].Environment {
			if inst.Environment[k] != v {
				t.Errorf("%s sets %s=%q, the app %q", name, k, inst.Environment[k], v)
			}
		}
		proxy := compose.Services["proxy"]
		if ip := fmt.Sprint(proxy.Networks); !strings.Contains(ip, "10.89.0.10") || inst.Environment["TRUSTED_PROXIES"] != "10.89.0.10/32" ||
			!strings.HasPrefix(proxy.Image, "caddy:") {
			t.Errorf("%s trusts %q; the proxy (%s) is at %s", name, inst.Environment["TRUSTED_PROXIES"], proxy.Image, ip)
		}
	}
	if caddy, err := os.ReadFile("../deploy/Caddyfile"); err != nil || !strings.Contains(string(caddy), "reverse_proxy app-a:8080 app-b:8080") {
		t.Errorf("deploy/Caddyfile must balance app-a and app-b: %v", err)
	}
	if !strings.Contains(compose.Services["minio"].Command, "{1...4}") {
		t.Error("MinIO needs several drive folders for Object Lock")
	}
	app := compose.Services["app"]
	if app.Build == nil || app.DependsOn["postgres"] == nil || app.DependsOn["minio-setup"] == nil {
		t.Error("app must be built here and depend on postgres and on the MinIO setup")
	}
	// The app runs as its own storage user under storage/app-policy.json,
	// never as MinIO's root (which could hide evidence behind delete markers).
	setup := compose.Services["minio-setup"]
	script := strings.Join(setup.Entrypoint, " ")
	if !strings.Contains(strings.Join(setup.Volumes, " "), "./storage/app-policy.json") ||
		!strings.Contains(script, "--with-lock") ||
		!strings.Contains(script, "mc admin user add local "+app.Environment["S3_ACCESS_KEY"]+" "+app.Environment["S3_SECRET_KEY"]) {
		t.Errorf("minio-setup must create the bucket with Object Lock and the app's user under app-policy.json: %q", script)
	}
	if app.Environment["S3_ACCESS_KEY"] == compose.Services["minio"].Environment["MINIO_ROOT_USER"] {
		t.Error("the app must not use MinIO's root credentials")
	}
	known := map[string]bool{}
	for _, k := range []string{"HTTP_ADDR", "DATA_DIR", "DATABASE_URL", "S3_ENDPOINT", "S3_ACCESS_KEY", "S3_SECRET_KEY",
		"S3_BUCKET", "S3_REGION", "S3_USE_SSL", "JWT_SECRET", "DATA_KEY", "BOOTSTRAP_ADMIN_PASSWORD", "DEV"} {
		known[k] = true
		if _, ok := app.Environment[k]; !ok {
			t.Errorf("app environment lacks %s", k)
		}
	}
	// Interpolations ${X:-} resolve to empty; the configuration must load.
	interp := regexp.MustCompile(`\$\{[A-Z_]+:-([^}]*)\}`)
	env := map[string]string{}
	for k, v := range app.Environment {
		if !known[k] {
			t.Errorf("app environment sets %s, which the server does not read", k)
		}
		env[k] = interp.ReplaceAllString(v, "$1")
	}
	env["DATA_DIR"] = t.TempDir()
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("compose environment does not load: %v", err)
	}
	if cfg.DatabaseURL == "" || cfg.S3Endpoint == "" || cfg.S3Bucket != "evidence" {
		t.Errorf("compose does not select PostgreSQL and MinIO: %+v", cfg)
	}
}
