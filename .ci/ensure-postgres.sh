#!/usr/bin/env bash
# Prints a PostgreSQL URL the tests may create databases on. Uses
# $TEST_DATABASE_URL when set, else the local cluster on 127.0.0.1:5432
# (starting it when it is installed but stopped), else a throwaway cluster
# initialised in the cache folder. Fails loudly when none can be had.
set -euo pipefail
if [ -n "${TEST_DATABASE_URL:-}" ]; then echo "$TEST_DATABASE_URL"; exit 0; fi
default="postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
ready() { pg_isready -q -h 127.0.0.1 -p "$1" -U postgres 2>/dev/null; }
if command -v pg_isready >/dev/null && ready 5432; then echo "$default"; exit 0; fi
if command -v pg_lsclusters >/dev/null; then
  ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$ver" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 || true
    for _ in $(seq 1 30); do ready 5432 && { echo "$default"; exit 0; }; sleep 0.5; done
  fi
fi
# A throwaway cluster: PostgreSQL's binaries, run as the postgres user (initdb refuses root).
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  else
    exit 1
  fi
fi
dir="${BAIRI_CACHE:-$HOME/.cache/bairi}/pgdata"
port=55432
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! ready $port; then
  mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir" "$(dirname "$dir")"
  [ -f "$dir/PG_VERSION" ] || run_pg "$bindir/initdb" -D "$dir" -U postgres -A trust >&2
  run_pg "$bindir/pg_ctl" -D "$dir" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" -l "$dir/log" -w start >&2
fi
ready $port || { echo "could not start PostgreSQL" >&2; exit 1; }
echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
