#!/usr/bin/env bash
# Build the Windows installer and check it under Wine (see tools/windows/wine_checks.py).
#   tools/test-windows.sh              build dist/OCOP-Desktop-Setup-<version>.exe, then check it
#   tools/test-windows.sh --no-build   check the installer already in dist/
# Needs: wine (wine64), osslsigncode, nsis, gcc-mingw-w64-x86-64, poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wine wineserver x86_64-w64-mingw32-gcc pdftotext; do
    command -v "$tool" >/dev/null 2>&1 || { echo "Missing: $tool (apt-get install -y wine64 gcc-mingw-w64-x86-64 poppler-utils)" >&2; exit 3; }
done
if [ "${1:-}" != "--no-build" ]; then
    tools/build-windows.sh
fi
VERSION=$(.venv/bin/python -c 'import re; print(re.search(r"__version__ = \"([^\"]+)\"", open("ocop_desktop/__init__.py").read()).group(1))')
INSTALLER=dist/OCOP-Desktop-Setup-$VERSION.exe
# Test-only stand-ins for two Windows system DLLs that Wine 8 lacks (see the .c files):
# icuuc.dll (Qt6Core links it) and bcryptprimitives.dll (cryptography's Rust extension).
SHIMS=build/windows/test/system32
mkdir -p "$SHIMS"
for shim in icuuc bcryptprimitives; do
    x86_64-w64-mingw32-gcc -O2 -s -shared -Wall -Wl,--no-insert-timestamp -o "$SHIMS/$shim.dll" \
        "tools/windows/${shim}_shim.c" -ladvapi32
done
exec .venv/bin/python tools/windows/wine_checks.py "$INSTALLER" "$SHIMS"
