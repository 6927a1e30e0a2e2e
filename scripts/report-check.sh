#!/usr/bin/env bash
# `rolecall report` checked in a real browser (issue 16 item 6): scans the
# sample corpus (corpus/, grouped by its articles/ and credits/ folders),
# writes its report, and has scripts/report_check.py open it in headless
# Chromium: no request may leave the page, the screenshot must not be
# blank, nothing may stick out of the page's column in windows 1200, 420
# and 360 px wide, and the figures of the rendered DOM must equal
# summary.csv and groups.csv. The same again for a report of a scan with
# --people, whose page has one more section and navigation link.
#
# Installs Debian's chromium when it is missing (apt-get, as root). When
# that is impossible the check is skipped with a message, except under CI
# (CI=true), where it fails.
#
#   bash scripts/report-check.sh          # check
#   bash scripts/report-check.sh --save   # check, and save the screenshot as docs/report.png
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
save=false
[[ ${1:-} == --save ]] && save=true

# The check's own verdicts, on made-up layouts (no browser needed).
python3 scripts/report_check.py --self-test

find_chromium() { command -v chromium || command -v chromium-browser || true; }
chromium=$(find_chromium)
if [[ -z $chromium ]]; then
    echo "report-check: chromium not found; installing Debian's chromium" >&2
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 || true
    fi
    chromium=$(find_chromium)
fi
if [[ -z $chromium ]]; then
    if [[ ${CI:-} == true ]]; then
        echo "report-check: FAIL: chromium is not installed and could not be installed (apt-get install chromium, as root)" >&2
        exit 1
    fi
    echo "report-check: SKIPPED: chromium is not installed and could not be installed (run as root with Debian's packages reachable, or install chromium)" >&2
    exit 0
fi

cargo build --quiet --bin rolecall
target=${CARGO_TARGET_DIR:-target}
bin=$(cd "$target/debug" && pwd)/rolecall

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Run where the corpus is `corpus` and the output folder `rolecall-out`, as in
# the README's quick start, so the page (and its screenshot) shows those names.
ln -s "$root/corpus" "$work/corpus"
(cd "$work" && "$bin" scan corpus --path-field kind=1 --group-by kind -o rolecall-out -q && "$bin" report rolecall-out -q)
(cd "$work" && "$bin" scan corpus --path-field kind=1 --group-by kind --people -o people-out -q && "$bin" report people-out -q)
status=0
echo "report-check: the report of corpus/ grouped by folder"
python3 scripts/report_check.py "$chromium" "$work/rolecall-out" "$work/rolecall-out/report.html" "$work/report.png" || status=1
echo "report-check: the same with --people"
python3 scripts/report_check.py "$chromium" "$work/people-out" "$work/people-out/report.html" "$work/report-people.png" || status=1
[[ $status == 0 ]] || exit 1
if $save; then
    cp "$work/report.png" docs/report.png
    echo "report-check: screenshot saved as docs/report.png"
fi
