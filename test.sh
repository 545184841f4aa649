#!/usr/bin/env bash
# Run the whole test suite headless. Creates .venv on first use (with test extras).
set -euo pipefail
cd "$(dirname "$0")"
source ./tools/ensure-venv.sh
ensure_venv "test"
export QT_QPA_PLATFORM=offscreen
# Lint first (seconds): the rules are in pyproject.toml. Skipped when only some tests are asked for.
if [ "$#" -eq 0 ] || { [ "$#" -eq 1 ] && [ "$1" = "-q" ]; }; then
    .venv/bin/python -m ruff check --quiet ocop_desktop tests benchmarks tools
fi
exec .venv/bin/python -m pytest "$@"
