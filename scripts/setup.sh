#!/usr/bin/env bash
# Installs whatever distlab needs and is missing, checking versions; installs nothing twice.
#   scripts/setup.sh            what serving the app needs (wasm32 target, trunk, wasm-bindgen-cli, wasm-opt)
#   scripts/setup.sh --browser  the same plus Chromium and ChromeDriver for the browser tests
# Source scripts/env.sh afterwards (the other scripts do) to get the tools on PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
# The accessibility check (scripts/a11y.mjs): axe-core run in pages driven by playwright-core over the
# system Chromium (playwright-core downloads no browser).
AXE_CORE_VERSION=4.14.1
PLAYWRIGHT_CORE_VERSION=1.65.1

log() { echo "[setup] $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# trunk builds offline (Trunk.toml), so every crate must be in the local registry first.
(cd "$ROOT" && cargo fetch --locked --quiet)

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(cd "$ROOT" && cargo pkgid wasm-bindgen | sed 's/.*[@#]//')"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
    # Not --locked: its lockfile pins a crate version this registry lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
    log "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
    cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

# Debian's binaryen is too old for what rustc emits; binaryen from npm ships a current wasm-opt.
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    log "installing wasm-opt (binaryen $BINARYEN_VERSION) into .tools/"
    npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "binaryen@$BINARYEN_VERSION"
fi

if [ "${1:-}" = "--browser" ]; then
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
        log "installing Chromium and ChromeDriver"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    fi
    npm_version() { node -p "require('$ROOT/.tools/node_modules/$1/package.json').version" 2>/dev/null || true; }
    if [ "$(npm_version axe-core)" != "$AXE_CORE_VERSION" ] || [ "$(npm_version playwright-core)" != "$PLAYWRIGHT_CORE_VERSION" ]; then
        log "installing axe-core $AXE_CORE_VERSION and playwright-core $PLAYWRIGHT_CORE_VERSION into .tools/"
        npm install --silent --no-audit --no-fund --save-exact --prefix "$ROOT/.tools" \
            "axe-core@$AXE_CORE_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION"
    fi
fi
log "ready: $(trunk --version), wasm-bindgen $WASM_BINDGEN_VERSION, $(wasm-opt --version)"
