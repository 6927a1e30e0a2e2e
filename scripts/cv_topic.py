#!/usr/bin/env python3
"""K-fold cross-validation of the two numbers fitted to labelled rows, both
about the learned film topic score (src/tag/topic.rs):

- the topic threshold (TOPIC_THRESHOLD): in a short document, a term that
  needs film context also counts when the unit's score is above it;
- the sense threshold (SENSE_THRESHOLD): in a document without film
  context, a word of business or industry sense ("directors" of a board,
  oil "producers") is read in that sense when the document's score is below
  it.

The rows (../shared/eval dev.csv + train.csv; with --study also the study
samples of tests/data/study but the never-read held-out ones, HELD_OUT) are split into K folds by a hash of their
source document (the part of `ref` before `@`), so that no document has
rows on both sides. For each fold, the pair of thresholds is chosen from
the grids on the other K-1 folds (best sum of the two views' macro-F1;
ties to the larger sense and smaller topic threshold, the more cautious
rules) and the held-out fold is scored with it. Printed: the chosen pairs,
and the held-out macro-F1 and accuracy per view (mean and standard
deviation over folds) next to the same folds with the sense rule off (topic
threshold as fitted) and with both rules off.

Usage: cargo build --release && python3 scripts/cv_topic.py [K] [--study]
Needs ../shared (eval and data); takes a few minutes on two cores.
"""
import csv, os, statistics, subprocess, sys, tempfile, zlib
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared")
BIN = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "rolecall")
TOPIC = ["0", "0.5", "1", "1.5", "2"]
SENSE = ["-3", "-2.5", "-2", "-1.5", "-1", "-0.5", "0"]
TOPIC_OFF, SENSE_OFF = "1000", "-1000"  # no score reaches them: the rules never apply
LABELS = ["director", "producer", "both", "none"]
VIEWS = ["alone", "in_document"]


def macro_f1(m):
    """Mean F1 over the labels that occur in the gold or the predictions
    (a label absent from both, as `both` can be in a small fold, is left
    out, as scikit-learn does)."""
    f = []
    for i in range(4):
        tp, pred, sup = m[i][i], sum(r[i] for r in m), sum(m[i])
        if pred == 0 and sup == 0:
            continue
        p, r = (tp / pred if pred else 0), (tp / sup if sup else 0)
        f.append(2 * p * r / (p + r) if p + r else 0)
    return sum(f) / len(f)


def accuracy(m):
    return sum(m[i][i] for i in range(4)) / sum(map(sum, m))


def total(ms):
    return [[sum(m[i][j] for m in ms) for j in range(4)] for i in range(4)]


# Study samples kept out of the folds: the never-read held-out measure
# (tests/data/study/README.md).
# The never-read samples, kept in one place (scripts/eval_pool.py).
sys.path.insert(0, HERE)
from eval_pool import NEVER_READ as HELD_OUT  # noqa: E402


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    k_folds = int(args[0]) if args else 5
    files = [os.path.join(SHARED, "eval", n) for n in ("dev.csv", "train.csv")]
    if "--study" in sys.argv:
        study = os.path.join(ROOT, "tests", "data", "study")
        # The never-read held-out sample judges the result: it is not fitted on.
        files += sorted(
            os.path.join(study, n) for n in os.listdir(study) if n.endswith(".csv") and n not in HELD_OUT
        )
    rows = []
    for i, name in enumerate(files):
        with open(name, newline="") as f:
            for r in csv.DictReader(f):
                r["id"] = f"{i}:{r['id']}"  # ids are unique per file only
                rows.append(r)
    tmp = tempfile.mkdtemp(prefix="rolecall-cv-")
    pairs = [(t, s) for t in TOPIC for s in SENSE]
    runs = pairs + [(t, SENSE_OFF) for t in TOPIC] + [(TOPIC_OFF, SENSE_OFF)]
    jobs = []
    for k in range(k_folds):
        part = [r for r in rows if zlib.crc32(r["ref"].rsplit("@", 1)[0].encode()) % k_folds == k]
        gold = os.path.join(tmp, f"fold{k}.csv")
        with open(gold, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=["id", "source", "ref", "label", "text"], extrasaction="ignore")
            w.writeheader()
            w.writerows(part)
        jobs += [(k, t, s, gold) for t, s in runs]

    def run(job):
        k, t, s, gold = job
        out = os.path.join(tmp, f"out{k}-{t}-{s}")
        cmd = [BIN, "eval", gold, "--data", os.path.join(SHARED, "data"), "-o", out,
               "--topic-threshold", t, "--sense-threshold", s]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"cv_topic: {' '.join(cmd)} failed (is {BIN} built from this tree?):\n{done.stderr}")
        got = {}
        with open(os.path.join(out, "eval.csv"), newline="") as f:
            for r in csv.DictReader(f):
                if r["metric"] == "confusion":
                    m = got.setdefault((k, t, s, r["view"]), [[0] * 4 for _ in range(4)])
                    m[LABELS.index(r["label"])][LABELS.index(r["predicted"])] = int(r["value"])
        return got

    conf = {}
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for got in pool.map(run, jobs):
            conf.update(got)
    chosen = []
    for k in range(k_folds):
        def fit(p):
            return sum(macro_f1(total([conf[(j, *p, v)] for j in range(k_folds) if j != k])) for v in VIEWS)
        chosen.append(max(pairs, key=lambda p: (round(fit(p), 9), -float(p[0]), float(p[1]))))
    what = "dev + train" + (" + study samples" if "--study" in sys.argv else "")
    print(f"{k_folds}-fold cross-validation (folds by document) over {what} ({len(rows)} rows)")
    print(f"(topic, sense) thresholds chosen per fold: {chosen}")
    for v in VIEWS:
        for label, ps in (
            ("fitted", chosen),
            ("sense rule off", [(t, SENSE_OFF) for t, _ in chosen]),
            ("both rules off", [(TOPIC_OFF, SENSE_OFF)] * k_folds),
        ):
            f1 = [macro_f1(conf[(k, *ps[k], v)]) for k in range(k_folds)]
            acc = [accuracy(conf[(k, *ps[k], v)]) for k in range(k_folds)]
            print(f"  {v:<12} {label:<15} macro-F1 {statistics.mean(f1):.3f} (sd {statistics.stdev(f1):.3f})"
                  f"  accuracy {statistics.mean(acc):.3f} (sd {statistics.stdev(acc):.3f})")


if __name__ == "__main__":
    main()
