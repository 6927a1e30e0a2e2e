#!/usr/bin/env bash
# Whole-program benchmark: rolecall against the peers in ../shared/peers,
# interleaved, medians over repeats, on two corpus shapes of the same bytes:
#   small  many news-sized files (as ../shared/peers/make_corpus.sh builds them)
#   large  the same bytes concatenated into 10 files
#
#   scripts/bench.sh [MB]            # default 100
#
# Environment:
#   BENCH_PEERS   tools besides rolecall (default "cat rg flashtext-regex regex spacy"; "" for none)
#   BENCH_BASE    another rolecall binary (an older build) run the same way, interleaved, as
#                 tool "rolecall-base": its "wall / rolecall wall" is this build's throughput
#                 against it (issue 11 asks for 0.90 or more against its filing build, c22426e)
#   BENCH_REPEAT  runs per tool and shape, interleaved (default 3)
#   BENCH_SHAPES  shapes to run (default "small large")
#   BENCH_WORK    work folder (default ~/bench): corpora, logs, results
#   BENCH_GEN=1   use `rolecall gen-corpus` even when ../shared/data is present
#   BENCH_TIMEOUT seconds after which one run is stopped and counted as timed out (default 900)
#   CARGO_TARGET_DIR  where cargo builds rolecall (as cargo reads it; default ./target)
#
# The corpus comes from ../shared/data through make_corpus.sh when both are
# present, else from `rolecall gen-corpus --seed 1` (no external data).
# The Python peers need ../shared/peers/setup.sh (run here when missing).
# Wall time and peak RSS come from /usr/bin/time -v. Results: a CSV of every
# run, and bench-results.csv / bench-results.md with medians and ratios.
set -euo pipefail

HERE="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$HERE/../shared"
MB="${1:-100}"
PEERS="${BENCH_PEERS-cat rg flashtext-regex regex spacy}"  # set but empty: rolecall alone
REPEAT="${BENCH_REPEAT:-3}"
SHAPES="${BENCH_SHAPES:-small large}"
WORK="${BENCH_WORK:-$HOME/bench}"
TIMEOUT="${BENCH_TIMEOUT:-900}"
VENV="${PEER_VENV:-$HOME/.cache/peer-venv}"
mkdir -p "$WORK"

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
needs_py=0
for p in $PEERS; do case "$p" in regex|flashtext-*|spacy*) needs_py=1 ;; esac; done
if [ "$needs_py" = 1 ] || [[ " $PEERS " == *" rg "* ]]; then
  [ -x "$SHARED/peers/setup.sh" ] && bash "$SHARED/peers/setup.sh" >&2 || echo "bench: no peers setup script; Python peers and rg may be missing" >&2
fi

echo "bench: building rolecall (release)" >&2
(cd "$HERE" && cargo build --release -q)
# (Where cargo put it: CARGO_TARGET_DIR when set, as cargo does.)
TARGET="${CARGO_TARGET_DIR:-$HERE/target}"
case "$TARGET" in /*) ;; *) TARGET="$HERE/$TARGET" ;; esac
RC="$TARGET/release/rolecall"
[ -x "$RC" ] || { echo "bench: no rolecall at $RC after the build" >&2; exit 2; }
BASE="${BENCH_BASE:-}"
if [ -n "$BASE" ]; then
  [ -x "$BASE" ] || { echo "bench: BENCH_BASE=$BASE is not an executable file; give the path of a rolecall binary (such as target/release/rolecall of an older checkout)" >&2; exit 2; }
  BASE="$(cd "$(dirname "$BASE")" && pwd)/$(basename "$BASE")"
fi

# The corpus, small shape.
SMALL="$WORK/c$MB"
if [ -z "${BENCH_GEN:-}" ] && [ -d "$SHARED/data" ] && [ -x "$SHARED/peers/make_corpus.sh" ]; then
  "$SHARED/peers/make_corpus.sh" "$MB" "$SMALL" >&2
  SOURCE="../shared/data via make_corpus.sh"
else
  SMALL="$WORK/gen$MB"
  [ -d "$SMALL" ] || "$RC" gen-corpus --mb "$MB" --seed 1 --out "$SMALL"
  SOURCE="rolecall gen-corpus --seed 1"
fi
# The same bytes as 10 files.
LARGE="$SMALL-large"
if [ ! -d "$LARGE" ]; then
  mkdir -p "$LARGE"
  find "$SMALL" -type f | sort > "$WORK/files.txt"
  split -n l/10 -d "$WORK/files.txt" "$WORK/part."
  for part in "$WORK"/part.*; do
    xargs -d '\n' cat < "$part" > "$LARGE/$(basename "$part").txt"
  done
  rm -f "$WORK"/part.*
fi

# Peers get the role files only, without comment lines (they know nothing
# of context rules; extra columns are ignored).
LEX="$WORK/lexicon"
rm -rf "$LEX"; mkdir -p "$LEX"
for f in "$HERE"/lexicons/*.csv; do
  [ "$(basename "$f")" = context.csv ] || grep -v '^#' "$f" > "$LEX/$(basename "$f")"
done
TERMS="$WORK/terms.txt"
if [ -x "$VENV/bin/python" ]; then
  PEER_HERE="$SHARED/peers" "$VENV/bin/python" - "$LEX" > "$TERMS" <<'PY'
import os, sys
sys.path.insert(0, os.environ["PEER_HERE"])
from peer_common import load_lexicon
for t in load_lexicon(sys.argv[1]).counting_terms():
    print(t)
PY
fi

cmd_for() {  # tool corpus out -> command
  local t="$1" c="$2" o="$3"
  case "$t" in
    rolecall) echo "'$RC' scan '$c' -o '$o' --force -q" ;;
    rolecall-base) echo "'$BASE' scan '$c' -o '$o' --force -q" ;;
    cat) echo "find '$c' -type f -print0 | xargs -0 cat > /dev/null" ;;
    rg) echo "rg -c -i -w -F -f '$TERMS' '$c' > '$o.rg.txt'; test \$? -le 1" ;;
    regex) echo "'$VENV/bin/python' '$SHARED/peers/peer_regex.py' --lexicon '$LEX' --corpus '$c' --out '$o.csv'" ;;
    flashtext-regex) echo "'$VENV/bin/python' '$SHARED/peers/peer_flashtext.py' --splitter regex --lexicon '$LEX' --corpus '$c' --out '$o.csv'" ;;
    spacy) echo "'$VENV/bin/python' '$SHARED/peers/peer_spacy.py' --lexicon '$LEX' --corpus '$c' --out '$o.csv'" ;;
    *) echo "unknown tool $t" >&2; return 1 ;;
  esac
}

RUNS="$WORK/bench-runs.csv"
echo "shape,tool,run,rc,wall_s,peak_rss_kb" > "$RUNS"
for shape in $SHAPES; do
  corpus="$SMALL"; [ "$shape" = large ] && corpus="$LARGE"
  for r in $(seq 1 "$REPEAT"); do
    for t in rolecall ${BASE:+rolecall-base} $PEERS; do
      out="$WORK/out-$shape-$t"
      c="$(cmd_for "$t" "$corpus" "$out")"
      # Each tool writes fresh outputs: the last run's are removed untimed.
      rm -rf "$out" "$out.csv" "$out.rg.txt"
      # And reads a warm page cache: a long peer run can leave the corpus
      # cold (this machine reclaims idle page cache), which would charge
      # the disk to whichever tool runs next.
      find "$corpus" -type f -print0 | xargs -0 cat > /dev/null
      set +e
      /usr/bin/time -v -o "$WORK/time.txt" timeout "$TIMEOUT" sh -c "$c" > "$WORK/log-$shape-$t.txt" 2>&1
      rc=$?
      set -e
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt" \
        | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
      rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
      echo "$shape,$t,$r,$rc,$wall,$rss" >> "$RUNS"
      echo "bench: $shape run $r/$REPEAT $t: rc=$rc wall=${wall}s rss=${rss}kB" >&2
    done
  done
done

BENCH_TIMEOUT="$TIMEOUT" python3 - "$RUNS" "$SMALL" "$LARGE" "$SOURCE" "$WORK" <<'PY'
import csv, os, statistics, sys
runs, small, large, source, work = sys.argv[1:6]
def size(d):
    n = b = 0
    for root, _, files in os.walk(d):
        for f in files:
            n += 1; b += os.path.getsize(os.path.join(root, f))
    return n, b
sizes = {"small": size(small), "large": size(large)}
rows = list(csv.DictReader(open(runs)))
med = {}
for r in rows:
    k = (r["shape"], r["tool"])
    med.setdefault(k, {"wall": [], "rss": [], "rc": []})
    med[k]["wall"].append(float(r["wall_s"])); med[k]["rss"].append(int(r["peak_rss_kb"])); med[k]["rc"].append(r["rc"])
out = []
for (shape, tool), v in med.items():
    files, nbytes = sizes[shape]
    wall = statistics.median(v["wall"]); rss = statistics.median(v["rss"]) / 1000
    rc_wall = statistics.median(med[(shape, "rolecall")]["wall"])
    out.append(dict(shape=shape, tool=tool, files=files, bytes=nbytes, runs=len(v["wall"]),
                    wall_s=round(wall, 3), mb_per_s=round(nbytes / 1e6 / wall, 1) if wall else 0,
                    peak_rss_mb=round(rss, 1), wall_vs_rolecall=round(wall / rc_wall, 2) if rc_wall else 0,
                    failed_runs=sum(1 for c in v["rc"] if c != "0")))
with open(os.path.join(work, "bench-results.csv"), "w", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=list(out[0])); w.writeheader(); w.writerows(out)
timeout = os.environ.get("BENCH_TIMEOUT", "900")
lines = ["corpus: %s; small = %s (%d files, %d bytes), large = %s (%d files)" % (source, small, sizes["small"][0], sizes["small"][1], large, sizes["large"][0]), "",
         "| shape | tool | wall s (median) | MB/s | peak RSS MB | tool wall / rolecall wall |", "|---|---|---:|---:|---:|---:|"]
for r in out:
    if r["failed_runs"] == r["runs"]:
        lines.append("| %s | %s | > %s (every run stopped) | < %.1f | | > %.0f |" % (r["shape"], r["tool"], timeout, r["bytes"] / 1e6 / float(timeout), float(timeout) / statistics.median(med[(r["shape"], "rolecall")]["wall"])))
        continue
    lines.append("| %s | %s | %.3f | %.1f | %.1f | %.2f%s |" % (r["shape"], r["tool"], r["wall_s"], r["mb_per_s"], r["peak_rss_mb"], r["wall_vs_rolecall"], " (failed runs: %d)" % r["failed_runs"] if r["failed_runs"] else ""))
md = "\n".join(lines) + "\n"
open(os.path.join(work, "bench-results.md"), "w").write(md)
print(md)
PY
