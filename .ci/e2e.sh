#!/usr/bin/env bash
# Browser tests: the real server (with the built PWA embedded) on a fresh
# PostgreSQL database and a fresh MinIO, driven by playwright-core in
# Debian's Chromium at a phone viewport. Everything listens on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${dbname:-}" ]; then psql "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

go build -o "$work/server" ./server

# MinIO with four drive folders (Object Lock needs erasure coding).
minio_port=$(free_port); console_port=$(free_port)
app_port=$(free_port)
export MINIO_ROOT_USER=e2e-minio MINIO_ROOT_PASSWORD=e2e-minio-secret-$RANDOM MINIO_CI_CD=1
export MINIO_API_CORS_ALLOW_ORIGIN="http://127.0.0.1:$app_port"
"$MINIO_BIN" server --quiet --address "127.0.0.1:$minio_port" --console-address "127.0.0.1:$console_port" "$work/minio/d{1...4}" >"$work/minio.log" 2>&1 &
pids+=($!)
# "cluster" answers 200 once the object layer has write quorum ("live" comes earlier).
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$minio_port/minio/health/cluster" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$minio_port/minio/health/cluster" >/dev/null || { cat "$work/minio.log"; echo "MinIO did not start" >&2; exit 1; }

dbname="bairi_e2e_$$"
psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $dbname" >/dev/null
db_url=$(python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' "$TEST_DATABASE_URL" "$dbname")

export ADMIN_PASSWORD="e2e-admin-password-1"
HTTP_ADDR="127.0.0.1:$app_port" DATA_DIR="$work/data" DATABASE_URL="$db_url" \
  S3_ENDPOINT="127.0.0.1:$minio_port" S3_ACCESS_KEY="$MINIO_ROOT_USER" S3_SECRET_KEY="$MINIO_ROOT_PASSWORD" \
  S3_BUCKET=evidence BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" TEST_CLOCK=1 "$work/server" >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$app_port/readyz" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$app_port/readyz" >/dev/null || { tail -50 "$work/server.log"; echo "server did not start" >&2; exit 1; }

status=0
BASE_URL="http://127.0.0.1:$app_port" node pwa/e2e/run.mjs || status=$?
# Lighthouse (mobile, simulated slow 4G and CPU x4) on /login and /verify: scores and metrics
# printed, a failure under performance 90 or accessibility 100. Part of every full run; with
# ONLY=..., only when "lighthouse" is named.
case ",${ONLY:-lighthouse}," in
  *,lighthouse,*) BASE_URL="http://127.0.0.1:$app_port" node pwa/scripts/lighthouse.mjs || status=$? ;;
esac
if [ $status -ne 0 ]; then echo "--- server log (tail) ---"; tail -40 "$work/server.log"; fi
exit $status
