#!/usr/bin/env bash
# The Spark example, end to end: installs pyspark from PyPI into a virtual
# environment (target/spark-venv, kept between runs), runs the job in
# local[2] mode on corpus/ in both modes and checks the results against
# plain local scans. Needs Java 17+ and python3. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYSPARK_VERSION="${PYSPARK_VERSION:-4.3.0}"
VENV="${ROLECALL_SPARK_VENV:-target/spark-venv}"
if ! "$VENV/bin/python" -c "import pyspark" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
java -version 2>&1 | head -1 >&2

cargo build --quiet
BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/rolecall"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Files mode: three shards merged, against one scan.
"$BIN" scan corpus -o "$WORK/single" -q
start=$(date +%s%N)
"$VENV/bin/python" examples/spark/rolecall_spark.py --master 'local[2]' --rolecall "$BIN" \
    --partitions 3 --out "$WORK/spark" corpus
end=$(date +%s%N)
shards=$(ls "$WORK/spark/shards" | wc -l)
[ "$shards" -eq 3 ] || { echo "expected 3 shards, found $shards" >&2; exit 1; }
for f in sentences.csv documents.csv errors.csv terms.csv summary.csv groups.csv; do
    cmp "$WORK/single/$f" "$WORK/spark/total/$f"
done
echo "spark files mode: 3 shards merged = one scan, byte for byte ($(( (end - start) / 1000000 )) ms)" >&2

# Pipe mode: JSON Lines records piped through rolecall by RDD.pipe.
"$VENV/bin/python" - "$WORK/records.jsonl" <<'PY'
import json, pathlib, sys
files = sorted(p for p in pathlib.Path("corpus").rglob("*.txt"))
with open(sys.argv[1], "w") as out:
    for i, p in enumerate(files):
        out.write(json.dumps({"id": p.name, "text": p.read_text()}) + "\n")
PY
"$BIN" scan - --input-format jsonl --stdout documents --format jsonl -q < "$WORK/records.jsonl" > "$WORK/single-docs.jsonl"
"$VENV/bin/python" examples/spark/rolecall_spark.py --master 'local[2]' --rolecall "$BIN" \
    --mode pipe --partitions 2 --out "$WORK/pipe" "$WORK/records.jsonl"
cat "$WORK"/pipe/documents/part-* > "$WORK/pipe-docs.jsonl"
lines=$(wc -l < "$WORK/pipe-docs.jsonl")
[ "$lines" -eq "$(find corpus -name '*.txt' | wc -l)" ] || { echo "pipe mode: $lines rows" >&2; exit 1; }
cmp "$WORK/single-docs.jsonl" "$WORK/pipe-docs.jsonl"
echo "spark pipe mode: $lines document rows = one streaming scan, byte for byte" >&2
