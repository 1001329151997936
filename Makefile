# Burnrate: `make serve` builds and serves the app, `make test` runs every test.
# Both install what they need first (scripts/setup.sh), quickly when it is already there.

TOOLS ?= $(HOME)/.cache/burnrate-tools
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: serve dist test test-native test-web test-e2e lint setup setup-test bench screenshot

## Build the app (release, wasm-opt) and serve it on http://127.0.0.1:8080
serve: setup
	trunk serve --release

## Build the release site into dist/
dist: setup
	trunk build --release

## Everything: formatting, lints (native and wasm32), native tests, browser tests, end-to-end
test: setup-test lint test-native test-web test-e2e

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

bench:
	cargo bench --locked

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

## Refresh docs/screenshot.png from the release build
screenshot: setup-test
	trunk build --release
	node tests/e2e/screenshot.mjs docs/screenshot.png
