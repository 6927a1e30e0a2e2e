#!/usr/bin/env bash
# Parquet vs CSV outputs on a corpus (issue 18 item 3): sizes of every
# table, and scan time with --output-format csv and parquet in paired,
# alternating runs: medians of wall-clock and of CPU (user + system)
# seconds. Not part of CI.
#
#   scripts/parquet-bench.sh CORPUS [RUNS] [extra scan options...]
#   scripts/parquet-bench.sh /root/bench/c100 7 --sentences all
#
# Uses the release binary (cargo build --release); outputs go to a
# temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:?usage: scripts/parquet-bench.sh CORPUS [RUNS] [scan options...]}
runs=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/rolecall"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for i in $(seq 1 "$runs"); do
    for f in csv parquet; do
        /usr/bin/time -a -o "$WORK/$f.times" -f "%e %U %S %M" \
            "$BIN" scan "$corpus" -o "$WORK/$f" --force -q --output-format "$f" "$@" || [[ $? == 1 ]]
    done
done
python3 - "$WORK" "$corpus" "$*" <<'PY'
import json, statistics as st, sys
from pathlib import Path
work, corpus, opts = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
mb = json.loads((work / "csv/run.json").read_text())["bytes"] / 1e6
med = {}
print(f"corpus: {corpus}, {mb:.1f} MB of text; options: {opts}")
for f in ("csv", "parquet"):
    rows = [list(map(float, l.split())) for l in (work / f"{f}.times").read_text().split("\n") if l.strip()]
    wall = [r[0] for r in rows]
    cpu = [r[1] + r[2] for r in rows]
    rss = [r[3] / 1024 for r in rows]
    med[f] = (st.median(wall), st.median(cpu))
    print(f"{f}: wall s {wall}; median {st.median(wall):.2f} s ({mb / st.median(wall):.1f} MB/s); "
          f"CPU median {st.median(cpu):.2f} s; peak RSS median {st.median(rss):.0f} MB")
print(f"parquet/csv medians: wall {med['parquet'][0] / med['csv'][0]:.2f}, CPU {med['parquet'][1] / med['csv'][1]:.2f}")
tc = tp = 0
print(f"{'table':<10} {'csv bytes':>14} {'parquet bytes':>14} {'ratio':>7}")
for t in ["sentences", "documents", "errors", "terms", "summary", "groups", "matches"]:
    c, p = work / f"csv/{t}.csv", work / f"parquet/{t}.parquet"
    if not c.exists():
        continue
    c, p = c.stat().st_size, p.stat().st_size
    tc += c
    tp += p
    print(f"{t:<10} {c:>14,} {p:>14,} {c / p:>7.2f}")
print(f"{'all':<10} {tc:>14,} {tp:>14,} {tc / tp:>7.2f}")
PY
