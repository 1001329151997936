# Burnrate: `make serve` builds and serves the app, `make test` runs every test.
# Both install what they need first (scripts/setup.sh), quickly when it is already there.

TOOLS ?= $(HOME)/.cache/burnrate-tools
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: serve dist test test-native test-web test-e2e test-fuzz fuzz lint setup setup-test setup-fuzz bench screenshot

## Build the app (release, wasm-opt) and serve it on http://127.0.0.1:8080
serve: setup
	trunk serve --release

## Build the release site into dist/
dist: setup
	trunk build --release

## Everything: formatting, lints (native and wasm32), native tests, browser tests, end-to-end,
## and a short run of every fuzz target
test: setup-test lint test-native test-web test-e2e test-fuzz

lint:
	cargo fmt --all -- --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --locked

test-web:
	cargo test --locked --target wasm32-unknown-unknown --test web

test-e2e:
	trunk build --release
	node --test tests/e2e/

## Every fuzz target for FUZZ_SMOKE_SECONDS (fails on any crash, timeout or memory blow-up)
FUZZ_SMOKE_SECONDS ?= 20
test-fuzz:
	fuzz/run.sh $(FUZZ_SMOKE_SECONDS)

## Long fuzz runs: every target (or FUZZ_TARGETS) for FUZZ_SECONDS each, or FUZZ_RUNS executions
FUZZ_SECONDS ?= 3600
fuzz: setup-fuzz
	FUZZ_RUNS=$(FUZZ_RUNS) fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

bench:
	cargo bench --locked

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

setup-fuzz:
	scripts/setup.sh --fuzz

## Refresh docs/screenshot.png and docs/usage-panel.png from the release build
screenshot: setup-test
	trunk build --release
	node tests/e2e/screenshot.mjs docs/screenshot.png
	node tests/e2e/screenshot.mjs --usage docs/usage-panel.png
