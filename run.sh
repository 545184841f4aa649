#!/usr/bin/env bash
# Start OCOP Desktop. Creates .venv on first use and installs the app into it.
#   ./run.sh            open the app on your office database
#   ./run.sh --demo     open the app on a generated demo office (Cao Bằng, 240 products)
#   ./run.sh ARGS...    any ocop-desktop arguments, e.g. ./run.sh products list --json
set -euo pipefail
cd "$(dirname "$0")"
source ./tools/ensure-venv.sh
source ./tools/ensure-qt-libs.sh
ensure_venv ""
ensure_qt_libs
exec .venv/bin/ocop-desktop "$@"
