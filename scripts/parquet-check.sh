#!/usr/bin/env bash
# Parquet outputs checked with pyarrow and pandas (issue 18 item 3): scans
# the sample corpus, a small JSON Lines file written here (kept fields,
# some missing, groups, dates) and a binary file (a row of errors), once as
# CSV and once as Parquet, with
# --sentences all, --matches and --people, then scripts/parquet_check.py reads every
# table of both and compares values and column types, and loads each
# Parquet table in pandas. Installs pyarrow and pandas from PyPI into
# target/venv-parquet (kept between runs). Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${ROLECALL_PARQUET_VENV:-target/venv-parquet}"
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if ! "$VENV/bin/python" -c "import pyarrow, pandas" 2>/dev/null; then
    "$PY" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check pyarrow pandas
fi

cargo build --quiet
BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/rolecall"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/in/news"
cp -r corpus "$WORK/in/corpus"
# Records with a kept field that is there, empty or missing, and text that
# CSV must quote (commas, quotes, a line break, non-ASCII); a5 has no text,
# so its outlet and year are groups of no units (null shares).
cat > "$WORK/in/news/items.jsonl" <<'JSONL'
{"id": "a1", "outlet": "Daily Reel", "date": "2021-03-04", "text": "Directed by Mira Okafor, the film is patient and strange.\n\nThe producers, \"Hollow Pine\", raised the budget in Lagos."}
{"id": "a2", "outlet": "", "date": "2022-01-09", "text": "Her direction of the actors is exact; the score is loud."}
{"id": "a3", "date": "not a date", "text": "The studio's producer signed the distribution deal for the film in Zürich."}
{"id": "a4", "outlet": "=cmd|' /C calc'!A0", "text": "Nothing about cinema here, only weather."}
{"id": "a5", "outlet": "Blank Desk", "date": "2023-05-06", "text": ""}
JSONL
# A binary file: a row of errors.csv (exit 1 for both scans).
printf 'abc\0def' > "$WORK/in/news/binary.txt"

opts=(--sentences all --matches --people --keep-field outlet --group-by outlet --period year -q)
set +e
"$BIN" scan "$WORK/in" -o "$WORK/csv" "${opts[@]}"
a=$?
"$BIN" scan "$WORK/in" -o "$WORK/parquet" --output-format parquet "${opts[@]}"
b=$?
set -e
# Exit 1: the binary file is skipped (a row of errors).
[[ $a == 1 && $b == 1 ]] || { echo "parquet-check: scans exited $a and $b, expected 1 (one input skipped)" >&2; exit 1; }
"$VENV/bin/python" scripts/parquet_check.py "$WORK/csv" "$WORK/parquet"
