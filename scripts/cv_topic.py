#!/usr/bin/env python3
"""K-fold cross-validation of the one number fitted to labelled rows: the
film topic threshold (src/topic.rs, TOPIC_THRESHOLD).

The rows of ../shared/eval/dev.csv and train.csv are split into K folds by a
hash of their id. For each fold, the threshold is chosen from CANDIDATES on
the other K-1 folds (best macro-F1 of the two views added, ties to the
smaller value) and the held-out fold is scored with it. Printed: the chosen
values, and the held-out macro-F1 and accuracy per view (mean and standard
deviation over folds) next to the same folds without the topic score.

Usage: cargo build --release && python3 scripts/cv_topic.py [K]
"""
import csv, os, statistics, subprocess, sys, tempfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared")
BIN = os.path.join(ROOT, "target", "release", "rolecall")
CANDIDATES = ["0", "0.5", "1", "1.5", "2"]
OFF = "1000"  # no unit reaches it: the topic score never counts
LABELS = ["director", "producer", "both", "none"]
VIEWS = ["alone", "in_document"]


def macro_f1(m):
    f = []
    for i in range(4):
        tp, pred, sup = m[i][i], sum(r[i] for r in m), sum(m[i])
        p, r = (tp / pred if pred else 0), (tp / sup if sup else 0)
        f.append(2 * p * r / (p + r) if p + r else 0)
    return sum(f) / 4


def accuracy(m):
    return sum(m[i][i] for i in range(4)) / sum(map(sum, m))


def total(ms):
    return [[sum(m[i][j] for m in ms) for j in range(4)] for i in range(4)]


def main():
    k_folds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rows = []
    for name in ("dev.csv", "train.csv"):
        with open(os.path.join(SHARED, "eval", name), newline="") as f:
            rows += list(csv.DictReader(f))
    tmp = tempfile.mkdtemp(prefix="rolecall-cv-")
    conf = {}
    for k in range(k_folds):
        part = [r for r in rows if zlib.crc32(r["id"].encode()) % k_folds == k]
        gold = os.path.join(tmp, f"fold{k}.csv")
        with open(gold, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=["id", "source", "ref", "label", "text"], extrasaction="ignore")
            w.writeheader()
            w.writerows(part)
        for t in CANDIDATES + [OFF]:
            out = os.path.join(tmp, f"out{k}-{t}")
            subprocess.run([BIN, "eval", gold, "--data", os.path.join(SHARED, "data"), "-o", out,
                            "--topic-threshold", t], check=True, capture_output=True)
            with open(os.path.join(out, "eval.csv"), newline="") as f:
                for r in csv.DictReader(f):
                    if r["metric"] == "confusion":
                        m = conf.setdefault((k, t, r["view"]), [[0] * 4 for _ in range(4)])
                        m[LABELS.index(r["label"])][LABELS.index(r["predicted"])] = int(r["value"])
    chosen = []
    for k in range(k_folds):
        def fit(t):
            return sum(macro_f1(total([conf[(j, t, v)] for j in range(k_folds) if j != k])) for v in VIEWS)
        chosen.append(max(CANDIDATES, key=lambda t: (fit(t), -float(t))))
    print(f"{k_folds}-fold cross-validation over dev + train ({len(rows)} rows); threshold chosen per fold: {chosen}")
    for v in VIEWS:
        for label, ts in (("with topic", chosen), ("without topic", [OFF] * k_folds)):
            f1 = [macro_f1(conf[(k, ts[k], v)]) for k in range(k_folds)]
            acc = [accuracy(conf[(k, ts[k], v)]) for k in range(k_folds)]
            print(f"  {v:<12} {label:<14} macro-F1 {statistics.mean(f1):.3f} (sd {statistics.stdev(f1):.3f})"
                  f"  accuracy {statistics.mean(acc):.3f} (sd {statistics.stdev(acc):.3f})")


if __name__ == "__main__":
    main()
