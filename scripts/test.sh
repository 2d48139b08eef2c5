#!/usr/bin/env bash
# Installs what is missing, then runs every test: native (with and without the web feature),
# the headless-Chromium browser tests, an offline release build of the app, and axe-core on its pages.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" --browser
source "$ROOT/scripts/env.sh"
cd "$ROOT"

step() { echo; echo "=== $* ==="; }

step "formatting (rustfmt.toml)"
cargo fmt --check

step "native tests, kernel and engines only (no web dependency)"
cargo test --locked --no-default-features

step "native tests, default features"
cargo test --locked

step "fuzzers: Raft 2,000 seeds (3, 5 and 7 nodes); locks, IDs, transactions and configuration 1,000 seeds each; every invariant after every event"
for lab in raft:2000 locks:1000 ids:1000 txn:1000 config:1000; do
    cargo run --locked --quiet --profile bench-native --no-default-features --bin distlab-sim -- \
        fuzz --lab "${lab%%:*}" --seeds "${lab##*:}"
done

step "browser tests (wasm-bindgen-test, headless Chromium)"
# A busy 2-core machine can take longer than the runner's default 20 s for one test.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}"
cargo test --locked --target wasm32-unknown-unknown \
    --test browser_app --test browser_kernel --test browser_raft --test browser_replay --test browser_locks --test browser_tabs --test browser_raft_ext --test browser_patched_panels \
    --test browser_ids --test browser_txn --test browser_config --test browser_course

step "release build of the app (trunk, offline)"
trunk build --release
ls -l dist/*.wasm
echo "wasm size: $(stat -c %s dist/*.wasm) bytes, gzipped: $(gzip -9c dist/*.wasm | wc -c) bytes"

step "accessibility: axe-core on every page at 1280x720 and 390x844 (normal, presentation, Chinese); no sideways scroll"
node scripts/a11y.mjs
