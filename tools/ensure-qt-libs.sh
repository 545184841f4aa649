# shellcheck shell=bash
# Sourced by run.sh on Linux: Qt's X11 plugin (since Qt 6.5) needs a few xcb libraries
# that desktop distributions do not always have. Find the missing ones and install them
# (as root with apt-get) or say exactly which command to run. Silent when all is there.
ensure_qt_libs() {
    [ "$(uname -s)" = "Linux" ] || return 0
    [ "${QT_QPA_PLATFORM:-}" = "offscreen" ] && return 0
    [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || return 0
    local qt
    qt=$(.venv/bin/python -c 'import PySide6, os; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))' 2>/dev/null) || return 0
    local missing
    missing=$( { ldd "$qt/plugins/platforms/libqxcb.so" "$qt/lib/libQt6XcbQpa.so.6" 2>/dev/null \
                   | awk '/not found/ {print $1}';
                 ldconfig -p 2>/dev/null | grep -c 'libxcb-cursor.so.0' >/dev/null || echo libxcb-cursor.so.0; } | sort -u)
    [ -n "$missing" ] || return 0
    local pkgs=() lib
    for lib in $missing; do
        case "$lib" in
            libxcb-cursor.so.0) pkgs+=(libxcb-cursor0) ;;
            libxcb-icccm.so.4) pkgs+=(libxcb-icccm4) ;;
            libxcb-keysyms.so.1) pkgs+=(libxcb-keysyms1) ;;
            libxcb-image.so.0) pkgs+=(libxcb-image0) ;;
            libxcb-render-util.so.0) pkgs+=(libxcb-render-util0) ;;
            libxcb-shape.so.0) pkgs+=(libxcb-shape0) ;;
            libxcb-randr.so.0) pkgs+=(libxcb-randr0) ;;
            libxcb-xkb.so.1) pkgs+=(libxcb-xkb1) ;;
            libxkbcommon-x11.so.0) pkgs+=(libxkbcommon-x11-0) ;;
            libxcb-xinerama.so.0) pkgs+=(libxcb-xinerama0) ;;
            *) pkgs+=("$lib") ;;
        esac
    done
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Đang cài thư viện hiển thị còn thiếu (installing missing Qt display libraries): ${pkgs[*]}" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >&2 && return 0
    fi
    echo "Máy còn thiếu thư viện hiển thị của Qt. Hãy chạy lệnh sau rồi mở lại:" >&2
    echo "Qt's display libraries are missing. Run this, then start again:" >&2
    echo "    sudo apt-get install ${pkgs[*]}" >&2
    exit 1
}
