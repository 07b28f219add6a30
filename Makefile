# onetrip — the two commands of the README, and the steps they are made of.
# Every target installs what it needs first, so each works on a fresh Debian 12 machine.

SHELL := /bin/bash
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export CARGO_TERM_COLOR := never

.PHONY: run test deps ui ui-deps desktop serve openapi lint test-rust test-build test-ui test-e2e test-api-fuzz test-desktop package bench-desktop

## Launch the desktop app standalone: embedded hall server, SQLite, demo catalog.
run: deps ui desktop
	ONETRIP_DEMO_DAY=1 ./target/debug/onetrip-desktop

## Run every test: formatting, lints, Rust unit and integration tests, UI unit tests,
## generated types, the browser flow and the desktop smoke test.
test: deps ui lint test-rust test-ui test-e2e test-api-fuzz test-desktop
	@echo "all test suites passed"

deps:
	bash scripts/install-deps.sh

ui-deps:
	cd ui && if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi

ui: ui-deps
	cd ui && npm run build

desktop:
	cargo build -p onetrip-desktop

## Run a hall server on this machine (for terminals on the LAN use --bind 0.0.0.0:8080).
serve: ui
	cargo run --bin onetrip -- serve --seed-demo --demo-day

## Regenerate openapi.json and the UI's types from the server's routes.
openapi: ui-deps
	UPDATE_OPENAPI=1 cargo test --test api openapi
	cd ui && npm run gen:api

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

## The whole suite on SQLite, then the API and crash suites again on a throwaway PostgreSQL (with the
## tests only PostgreSQL has: two instances, an outage, the database itself crashing).
# Every cargo command of the suite selects the whole workspace with its tests, so all of them
# share one feature resolution and build each dependency once (a narrower selection, such as
# `--bin onetrip`, would resolve other features and rebuild much of the tree).
test-rust:
	cargo test --workspace
	ONETRIP_REQUIRE_POSTGRES=1 bash scripts/with-postgres.sh cargo test --workspace --test api --test crash

## The binaries the browser and desktop tests run, built as `cargo test --workspace` builds them.
test-build:
	cargo build --workspace --bins --tests

test-ui: ui-deps
	cd ui && npm run check:api && npm test

test-e2e: ui test-build
	bash scripts/e2e.sh

## Every API operation called with generated valid and invalid input (schemathesis): no 5xx,
## no answer that breaks the OpenAPI document.
test-api-fuzz: test-build
	bash scripts/schemathesis.sh

test-desktop: ui test-build
	SMOKE_REQUIRE_PRINTER=1 bash tests/desktop/smoke.sh
	bash tests/desktop/lockdown.sh

## The desktop app's .deb (and the AppImage where its tooling can be downloaded): scripts/package.sh.
package: deps
	bash scripts/package.sh

## Package size, idle memory and start-up time of the desktop app beside a minimal Tauri app,
## written to docs/BENCHMARKS.md.
bench-desktop: deps
	bash scripts/bench-desktop.sh

## A day in the hall for 30 s against a throwaway SQLite server (release build): onetrip-load
## reports ops/s and p50/p99 per operation (docs/BENCHMARKS.md). LOAD_ARGS adds options,
## e.g. LOAD_ARGS="--kiosks 4 --counters 8 --json".
.PHONY: load
load:
	cargo build --release --bin onetrip --bin onetrip-load
	@set -euo pipefail; work=$$(mktemp -d); pid=""; \
	trap '[ -n "$$pid" ] && kill $$pid 2>/dev/null; wait 2>/dev/null; rm -rf "$$work"' EXIT; \
	export ONETRIP_ADMIN_PASSWORD="load-admin-$$(date +%s)"; \
	./target/release/onetrip serve --data-dir "$$work" --bind 127.0.0.1:0 --seed-demo \
	  >"$$work/server.out" 2>"$$work/server.log" & pid=$$!; \
	url=""; for _ in $$(seq 1 300); do \
	  url=$$(grep -o 'http://127.0.0.1:[0-9]*' "$$work/server.out" || true); [ -n "$$url" ] && break; \
	  kill -0 $$pid 2>/dev/null || { cat "$$work/server.log"; exit 1; }; sleep 0.1; done; \
	[ -n "$$url" ] || { cat "$$work/server.log"; echo "server did not report its address"; exit 1; }; \
	echo "throwaway hall server at $$url (SQLite in $$work)"; \
	./target/release/onetrip-load --url "$$url" --duration 30 $(LOAD_ARGS)
