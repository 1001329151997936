#!/usr/bin/env bash
# Installs what building and serving the app needs, with --test what the test suite needs, and
# with --fuzz (included in --test) what fuzzing needs: a nightly toolchain and cargo-fuzz.
# Idempotent: each step checks first and is skipped when its tool is already there.
# Everything comes from the package registries (crates.io, npm, Debian); nothing is downloaded
# from anywhere else, and Trunk runs offline.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="${BURNRATE_TOOLS:-$HOME/.cache/burnrate-tools}"
BINARYEN_VERSION=132
TRUNK_SERIES=0.21
want_test=false
want_fuzz=false
[ "${1:-}" = "--test" ] && want_test=true && want_fuzz=true
[ "${1:-}" = "--fuzz" ] && want_fuzz=true

say() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Node runs Trunk's post-build hook (scripts/csp.mjs), npm installs wasm-opt, and the
# end-to-end tests use node's test runner.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing nodejs and npm"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

say "fetching crates (Trunk builds offline)"
cargo fetch --locked >/dev/null

# wasm-bindgen CLI: must equal the wasm-bindgen crate in Cargo.lock exactly.
wb_version=$(cargo pkgid wasm-bindgen | sed 's/.*@//')
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb_version"; then
  say "installing wasm-bindgen-cli $wb_version (a few minutes)"
  cargo install wasm-bindgen-cli --version "=$wb_version" --locked \
    || cargo install wasm-bindgen-cli --version "=$wb_version"
fi

if ! trunk --version 2>/dev/null | grep -q "^trunk ${TRUNK_SERIES//./\\.}\."; then
  say "installing trunk $TRUNK_SERIES.x (about ten minutes on two cores)"
  cargo install trunk --version "~$TRUNK_SERIES" --locked
fi

# wasm-opt from npm's binaryen, kept in its own folder: Debian's binaryen is too old to read
# current wasm-bindgen output, and a global npm install would shadow /usr/bin/wasm-opt.
if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  say "installing wasm-opt (binaryen $BINARYEN_VERSION) into $TOOLS"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION.0.0" >/dev/null
fi

if $want_test; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if ! [ -f tests/e2e/node_modules/playwright-core/package.json ] \
    || ! [ -f tests/e2e/node_modules/read-excel-file/package.json ]; then
    say "installing the end-to-end test driver (playwright-core, no browser download) and workbook reader"
    npm ci --prefix tests/e2e --no-audit --no-fund >/dev/null
  fi
  if ! rustup component list --installed | grep -q '^clippy'; then
    rustup component add clippy rustfmt
  fi
fi
if $want_fuzz; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly toolchain (libFuzzer's instrumentation needs it)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz (a few minutes)"
    cargo install cargo-fuzz --locked
  fi
  say "fetching the fuzz crate's crates"
  cargo +nightly fetch --locked --manifest-path fuzz/Cargo.toml >/dev/null
fi
say "tools ready (wasm-opt: $TOOLS/node_modules/.bin)"
