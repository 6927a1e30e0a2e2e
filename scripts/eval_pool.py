#!/usr/bin/env python3
"""Accuracy of one rolecall build on the labelled pools, both views.

Runs `rolecall eval GOLD --data ../shared/data` on each labelled file and
pools the predictions into two figures per view (each row tagged alone, and
tagged inside its source document):

- studied: ../shared/eval dev.csv + train.csv and the study samples that
  have been read (tests/data/study/sample*.csv but NEVER_READ);
- never read: the study samples whose rows and tags no session has read
  (tests/data/study/README.md says which), the honest measure of new text.

Prints accuracy and macro-F1 (mean F1 over the four labels, as `eval`
computes it), the per-label F1 and the confusion matrix of each pool.
It never prints a row's text: the never-read pool must stay unread.

Usage: python3 scripts/eval_pool.py [BIN] [--lexicons DIR] [--out DIR] [--bootstrap N]
BIN defaults to $CARGO_TARGET_DIR/release/rolecall (or target/release);
--out keeps each eval folder (default: a temporary folder, removed);
--bootstrap N adds a 95% percentile interval of macro-F1 from N resamples
of the pool's rows (seeded, so the same rows give the same interval; rows
drawn as if independent, which they are not within a document, so the
interval is somewhat too narrow).
Needs ../shared (eval and data).
"""
import csv, math, os, random, shutil, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared")
STUDY = os.path.join(ROOT, "tests", "data", "study")
LABELS = ["director", "producer", "both", "none"]
VIEWS = ["alone", "in_document"]
# scripts/cv_topic.py imports this set; keep it in step with the study README.
NEVER_READ = {"sample27.csv", "sample28.csv", "sample29.csv", "sample30.csv"}


def opt(name):
    if name in sys.argv:
        i = sys.argv.index(name)
        if i + 1 >= len(sys.argv):
            sys.exit(f"eval_pool: {name} needs a value")
        return sys.argv[i + 1]
    return None


def run_eval(binary, gold, out, lexicons):
    cmd = [binary, "eval", gold, "--data", os.path.join(SHARED, "data"), "-o", out, "--force"]
    if lexicons:
        cmd += ["-l", lexicons]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"eval_pool: {' '.join(cmd)} exited {done.returncode}:\n{done.stderr}")
    rows = {v: [] for v in VIEWS}
    with open(os.path.join(out, "predictions.csv"), newline="") as f:
        for r in csv.DictReader(f):
            if r["view"] in rows:
                rows[r["view"]].append((r["gold"], r["predicted"]))
    return rows


def matrix(pairs):
    m = [[0] * 4 for _ in range(4)]
    for g, p in pairs:
        m[LABELS.index(g)][LABELS.index(p)] += 1
    return m


def f1s(m):
    out = []
    for i in range(4):
        tp, pred, sup = m[i][i], sum(r[i] for r in m), sum(m[i])
        p, r = (tp / pred if pred else 0), (tp / sup if sup else 0)
        out.append(2 * p * r / (p + r) if p + r else 0)
    return out


def bootstrap(pairs, rounds):
    """95% percentile interval of macro-F1 over `rounds` resamples of `pairs`
    (rows drawn with replacement, as many as there are; Efron's percentile
    bootstrap: the ceil(0.025 R)-th and ceil(0.975 R)-th of the sorted
    statistics). Rows are drawn as if independent, though rows of one
    document or one sample are not, so the interval is somewhat too
    narrow."""
    rng = random.Random(11)
    stats = sorted(
        sum(f1s(matrix(rng.choices(pairs, k=len(pairs))))) / 4 for _ in range(rounds))
    return stats[max(0, math.ceil(0.025 * rounds) - 1)], stats[max(0, math.ceil(0.975 * rounds) - 1)]


def main():
    args = [a for a in sys.argv[1:]
            if not a.startswith("--") and a not in (opt("--lexicons"), opt("--out"), opt("--bootstrap"))]
    rounds = int(opt("--bootstrap") or 0)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    binary = args[0] if args else os.path.join(target, "release", "rolecall")
    lexicons, keep = opt("--lexicons"), opt("--out")
    golds = [os.path.join(SHARED, "eval", n) for n in ("dev.csv", "train.csv")]
    golds += sorted(os.path.join(STUDY, n) for n in os.listdir(STUDY) if n.startswith("sample") and n.endswith(".csv"))
    base = keep or tempfile.mkdtemp(prefix="rolecall-pool-")
    try:
        outs = [os.path.join(base, os.path.splitext(os.path.basename(g))[0]) for g in golds]
        with ThreadPoolExecutor(2) as ex:
            results = list(ex.map(lambda go: run_eval(binary, go[0], go[1], lexicons), zip(golds, outs)))
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    pools = {"studied": {v: [] for v in VIEWS}, "never read": {v: [] for v in VIEWS}}
    for g, res in zip(golds, results):
        pool = "never read" if os.path.basename(g) in NEVER_READ else "studied"
        for v in VIEWS:
            pools[pool][v] += res[v]
    for pool, views in pools.items():
        for v in VIEWS:
            m = matrix(views[v])
            n = sum(map(sum, m))
            acc = sum(m[i][i] for i in range(4)) / n if n else 0
            f = f1s(m)
            print(f"{pool:10} {v:11} n={n:5} accuracy {acc:.3f} macro-F1 {sum(f) / 4:.3f}  "
                  + " ".join(f"{l[:3]} {x:.3f}" for l, x in zip(LABELS, f)))
            if rounds and n:
                lo, hi = bootstrap(views[v], rounds)
                print(f"    macro-F1 95% bootstrap interval {lo:.3f}-{hi:.3f} ({rounds} resamples)")
            print("    gold\\pred " + " ".join(f"{l[:4]:>5}" for l in LABELS))
            for l, row in zip(LABELS, m):
                print(f"    {l:9} " + " ".join(f"{x:5}" for x in row))


if __name__ == "__main__":
    main()
