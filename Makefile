# make run   - the product on its embedded defaults (SQLite, local storage)
# make test  - the whole suite on real parts (PostgreSQL, MinIO, Chromium)
# make soak  - the reliability suite, long: restarts under load, one SOAK line per fault
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export BAIRI_CACHE ?= $(HOME)/.cache/bairi
GO ?= go
# A count, not a duration: a duration-based -fuzztime can fail with a bare "context deadline
# exceeded" on a loaded machine (golang/go#75804, a race in the fuzz coordinator).
FUZZTIME ?= 50000x

.PHONY: run build pwa pwa-deps generate test test-go test-fuzz test-pwa test-e2e check lint bench bench-data bench-load soak minio postgres chromium fonts clean

run: pwa fonts ## Build the PWA and run the server on embedded defaults
	$(GO) run ./server

build: pwa ## Build the server binary (with the PWA embedded) into bin/
	$(GO) build -o bin/server ./server

pwa/node_modules/.package-lock.json: pwa/package-lock.json
	cd pwa && npm ci --no-audit --no-fund

pwa-deps: pwa/node_modules/.package-lock.json

pwa: pwa-deps ## Build the PWA into pwa/dist (embedded by the server)
	cd pwa && npm run build

generate: pwa-deps ## Regenerate ent, gqlgen and graphql-codegen output
	$(GO) generate ./...
	cd pwa && npm run codegen

minio: ## Build the MinIO server for the tests (once, cached)
	@bash .ci/ensure-minio.sh >/dev/null

postgres: ## Make sure a PostgreSQL for the tests is running
	@bash .ci/ensure-postgres.sh >/dev/null

fonts: ## Install the bulletin PDF's fonts (and pdftotext for the tests) when missing
	@bash .ci/ensure-fonts.sh

chromium: ## Install Debian's Chromium for the browser tests when missing
	@bash pwa/scripts/ensure-chromium.sh

check: ## Formatting, vet and type-check
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

test: check test-go test-fuzz test-pwa test-e2e ## Everything CI runs
	@echo "make test: all suites passed"

test-go: minio postgres fonts ## Go tests: GraphQL on SQLite and PostgreSQL, storage on local and MinIO
	MINIO_BIN=$$(bash .ci/ensure-minio.sh) TEST_DATABASE_URL=$$(bash .ci/ensure-postgres.sh) \
	  $(GO) test -count=1 -timeout 30m ./...

test-fuzz: ## Run each fuzz target briefly over its seed corpus and beyond
	$(GO) test -run='^$$' -fuzz='^FuzzResidentID$$' -fuzztime=$(FUZZTIME) ./internal/idcheck
	$(GO) test -run='^$$' -fuzz='^FuzzCreditCode$$' -fuzztime=$(FUZZTIME) ./internal/idcheck

test-pwa: pwa-deps ## PWA codegen freshness, type-check, unit tests and build (with its size budget)
	cd pwa && npm run codegen >/dev/null && git diff --exit-code -- src/gql || { echo "pwa/src/gql is stale: run make generate"; exit 1; }
	cd pwa && npm run typecheck && npm test && npm run build

test-e2e: minio postgres chromium fonts pwa ## Browser tests against the real server on PostgreSQL and MinIO
	MINIO_BIN=$$(bash .ci/ensure-minio.sh) TEST_DATABASE_URL=$$(bash .ci/ensure-postgres.sh) bash .ci/e2e.sh

bench: minio postgres ## Benchmarks that print figures (ratios against a baseline in the same run)
	MINIO_BIN=$$(bash .ci/ensure-minio.sh) TEST_DATABASE_URL=$$(bash .ci/ensure-postgres.sh) \
	  $(GO) test -run='^$$' -bench=. -benchtime=2s -timeout 30m ./server ./storage

# The province-scale data set and the load suite over it (see README, "Figures at province scale").
# BENCH_SCALE=0.01 makes a hundredth of it; BENCH_DB names the database (dropped and made again).
BENCH_SCALE ?= 1
BENCH_DB ?= bairi_bench
BENCH_DATA_KEY ?= bench-data-key-0123456789abcdef0123456789
BENCH_SECONDS ?= 15
bench-data: postgres ## A deterministic province-scale data set (2,000,000 persons) in the database $(BENCH_DB)
	@admin=$$(bash .ci/ensure-postgres.sh); url=$$(echo "$$admin" | sed -E 's#/[^/?]+(\?|$$)#/$(BENCH_DB)\1#'); \
	  psql "$$admin" -qc 'DROP DATABASE IF EXISTS $(BENCH_DB) WITH (FORCE)' -c 'CREATE DATABASE $(BENCH_DB)' && \
	  DATA_DIR=$$(mktemp -d) DATA_KEY=$(BENCH_DATA_KEY) BOOTSTRAP_ADMIN_PASSWORD=bench-password-1 DATABASE_URL="$$url" \
	  $(GO) run ./server bench-data $(BENCH_SCALE)

bench-load: minio postgres ## The load suite over the data set of bench-data: throughput, p50/p95/p99 against a floor, RSS
	@admin=$$(bash .ci/ensure-postgres.sh); url=$$(echo "$$admin" | sed -E 's#/[^/?]+(\?|$$)#/$(BENCH_DB)\1#'); \
	  MINIO_BIN=$$(bash .ci/ensure-minio.sh) BENCH_LOAD=1 BENCH_DATABASE_URL="$$url" BENCH_DATA_KEY=$(BENCH_DATA_KEY) BENCH_SECONDS=$(BENCH_SECONDS) \
	  $(GO) test -count=1 -run '^TestBenchLoad$$' -v -timeout 60m ./server 2>&1 | grep --line-buffered -vE '^=== (RUN|PAUSE|CONT)'

soak: minio postgres ## The reliability suite, long: restarts of PostgreSQL, MinIO and the server under load (SOAK lines)
	@mkdir -p test-artifacts
	MINIO_BIN=$$(bash .ci/ensure-minio.sh) TEST_DATABASE_URL=$$(bash .ci/ensure-postgres.sh) SOAK=1 \
	  $(GO) test -count=1 -run '^TestSoak' -v -timeout 60m ./server 2>&1 | tee test-artifacts/soak.log \
	  | grep -E '^(SOAK |--- |FAIL|ok |PASS)|soak_test.go'

clean:
	rm -rf bin data test-artifacts
