#!/usr/bin/env bash
# Paired throughput of `scan --people` against a baseline binary: runs
# alternate (base, new without --people, new with --people) N times on one
# corpus, and prints each run's seconds, the medians and the ratios of
# throughput (base seconds / new seconds; 1.00 = as fast).
#
#   scripts/bench_people.sh BASE_BIN NEW_BIN CORPUS [N]      # N default 5
#
# BASE_BIN is a rolecall built from the branch point (main), NEW_BIN this
# branch's. Outputs go to a temporary folder, removed at the end.
set -euo pipefail
BASE="$1"; NEW="$2"; CORPUS="$3"; N="${4:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
run() { # BIN ARGS... -> seconds
    local start end
    start=$(date +%s.%N)
    "$@" -o "$WORK/out" --force -q >/dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
: >"$WORK/base"; : >"$WORK/plain"; : >"$WORK/people"
for i in $(seq "$N"); do
    b=$(run "$BASE" scan "$CORPUS"); echo "$b" >>"$WORK/base"
    p=$(run "$NEW" scan "$CORPUS"); echo "$p" >>"$WORK/plain"
    q=$(run "$NEW" scan "$CORPUS" --people); echo "$q" >>"$WORK/people"
    echo "run $i: base ${b}s, new ${p}s, new --people ${q}s"
done
mb=$(median <"$WORK/base"); mp=$(median <"$WORK/plain"); mq=$(median <"$WORK/people")
echo "medians: base ${mb}s, new ${mp}s, new --people ${mq}s"
echo "throughput ratio new/base: $(echo "scale=3; $mb / $mp" | bc)"
echo "throughput ratio new --people/base: $(echo "scale=3; $mb / $mq" | bc)"
