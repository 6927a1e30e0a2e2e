#!/usr/bin/env bash
# Paired throughput of `scan --people` against a baseline binary: runs
# alternate (base, new without --people, new with --people) N times on one
# corpus, and prints each run's wall and CPU (user + system) seconds, the
# medians and the ratios of throughput (base seconds / new seconds; 1.00 =
# as fast). On a machine shared with other work the CPU ratio is the
# steadier figure; both are printed. Then the paired figure: each round's
# own ratio (its base run over its new run, run one after the other), as
# median and quartiles, which a slow spell on the machine moves less than
# a ratio of medians.
#
#   scripts/bench_people.sh BASE_BIN NEW_BIN CORPUS [N]      # N default 5
#
# BASE_BIN is a rolecall built from the branch point (main), NEW_BIN this
# branch's. Outputs go to a temporary folder, removed at the end.
set -euo pipefail
BASE="$1"; NEW="$2"; CORPUS="$3"; N="${4:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
run() { # BIN ARGS... -> "wall cpu" seconds
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@" -o "$WORK/out" --force -q >/dev/null
    awk '{printf "%s %.2f\n", $1, $2 + $3}' "$WORK/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
: >"$WORK/base"; : >"$WORK/plain"; : >"$WORK/people"
for i in $(seq "$N"); do
    b=$(run "$BASE" scan "$CORPUS"); echo "$b" >>"$WORK/base"
    p=$(run "$NEW" scan "$CORPUS"); echo "$p" >>"$WORK/plain"
    q=$(run "$NEW" scan "$CORPUS" --people); echo "$q" >>"$WORK/people"
    echo "run $i (wall cpu): base $b, new $p, new --people $q"
done
for col in 1 2; do
    what=$([ "$col" = 1 ] && echo wall || echo cpu)
    mb=$(cut -d' ' -f$col "$WORK/base" | median)
    mp=$(cut -d' ' -f$col "$WORK/plain" | median)
    mq=$(cut -d' ' -f$col "$WORK/people" | median)
    echo "$what medians: base ${mb}s, new ${mp}s, new --people ${mq}s;" \
        "throughput new/base $(echo "scale=3; $mb / $mp" | bc), new --people/base $(echo "scale=3; $mb / $mq" | bc)"
done
# Paired: per round, base seconds / new seconds; median and quartiles
# (by the nearest rank).
paired() { # FILE COLUMN -> "median (q1-q3)"
    paste -d' ' "$WORK/base" "$1" | awk -v c="$2" '{print $c / $(c + 2)}' | sort -n |
        awk '{a[NR]=$1} END {q=int((NR+3)/4); h=int((NR+1)/2); t=NR+1-q;
            printf "%.3f (%.3f-%.3f)", a[h], a[q], a[t]}'
}
for col in 1 2; do
    what=$([ "$col" = 1 ] && echo wall || echo cpu)
    echo "$what paired per round: new/base $(paired "$WORK/plain" "$col")," \
        "new --people/base $(paired "$WORK/people" "$col")"
done
