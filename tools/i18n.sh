#!/usr/bin/env bash
# Translation workflow (Babel). Message ids are English; Vietnamese lives in translations/vi.
#   tools/i18n.sh extract   # scan the code into translations/ocop.pot
#   tools/i18n.sh update    # extract, then merge new/changed ids into translations/*/LC_MESSAGES/ocop.po
#   tools/i18n.sh compile   # build the .mo files the app loads
#   tools/i18n.sh check     # list untranslated or fuzzy Vietnamese entries (exit 1 if any)
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=".venv/bin/pybabel"
POT=translations/ocop.pot
extract() {
    "$PYBABEL" extract -F babel.cfg -k N_ -k ngettext:1,2 -k pgettext:1c,2 \
        --project="OCOP Desktop" --copyright-holder="OCOP Desktop" --msgid-bugs-address="" \
        --no-location --sort-output --width=100 -o "$POT" ocop_desktop
}
case "${1:-}" in
    extract) extract ;;
    update)
        extract
        for lang in vi; do
            po="translations/$lang/LC_MESSAGES/ocop.po"
            if [ -f "$po" ]; then
                "$PYBABEL" update -i "$POT" -d translations -D ocop -l "$lang" --no-fuzzy-matching --width=100 --ignore-obsolete
            else
                "$PYBABEL" init -i "$POT" -d translations -D ocop -l "$lang" --width=100
            fi
        done ;;
    compile) "$PYBABEL" compile -d translations -D ocop --statistics ;;
    check) .venv/bin/python tools/i18n_check.py ;;
    *) sed -n 2,7p "$0"; exit 2 ;;
esac
