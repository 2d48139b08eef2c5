#!/usr/bin/env bash
# Installs what is missing, then serves the app at http://127.0.0.1:8080 (extra arguments go to trunk serve).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"
cd "$ROOT"
exec trunk serve "$@"
