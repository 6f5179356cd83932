#!/usr/bin/env bash
# Builds the MinIO server once from the Go module proxy into the cache folder
# (about 2.5 min on 2 cores) and prints the binary's path. AGPL: it is run by
# the tests, never imported.
set -euo pipefail
cache="${BAIRI_CACHE:-$HOME/.cache/bairi}"
bin="$cache/bin/minio"
version="v0.0.0-20260212201848-7aac2a2c5b7c"
if [ ! -x "$bin" ] || [ "$(cat "$cache/bin/minio.version" 2>/dev/null)" != "$version" ]; then
  echo "building the MinIO server $version into $cache/bin (once)..." >&2
  mkdir -p "$cache/bin"
  (cd /tmp && GOBIN="$cache/bin" GOFLAGS= go install "github.com/minio/minio@$version") >&2
  echo "$version" > "$cache/bin/minio.version"
fi
echo "$bin"
