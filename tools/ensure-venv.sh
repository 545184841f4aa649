# shellcheck shell=bash
# Sourced by run.sh and test.sh: make sure .venv exists and holds the current project.
# Reinstalls only when pyproject.toml changed since the last install (stamp file).
ensure_venv() {
    local extras="$1"
    local py="${PYTHON:-python3}"
    if ! "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
        echo "OCOP Desktop cần Python 3.11 trở lên (Python 3.11 or newer is required)." >&2
        exit 1
    fi
    if [ ! -x .venv/bin/python ]; then
        echo "Đang tạo môi trường .venv (creating .venv)…" >&2
        "$py" -m venv .venv
    fi
    local spec="."
    [ -n "$extras" ] && spec=".[${extras}]"
    local stamp=".venv/.ocop-installed-${extras:-app}"
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        echo "Đang cài đặt (installing dependencies)…" >&2
        .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >&2 || true
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" >&2
        touch "$stamp"
    fi
}
