#!/usr/bin/env bash
# Run the whole test suite headless. Creates .venv on first use (with test extras).
set -euo pipefail
cd "$(dirname "$0")"
source ./tools/ensure-venv.sh
ensure_venv "test"
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
