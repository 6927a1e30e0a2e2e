#!/usr/bin/env python3
"""Would term weights fitted to the labelled rows gain on unseen rows?

Reads the `eval` folders that `scripts/eval_pool.py --out DIR` keeps (one
per labelled file, each with predictions.csv) and the lexicons, and
re-derives each row's label, tagged alone, from its counted terms: each
role adds its terms' weights (a weak term, weight < 1, once per unit) and
fires at 1, as `tag::label` does. The script first checks that this
reproduces every prediction (it exits if not: the lexicons or the rule
moved), then asks whether changing some terms' weights helps:

- fit: from the current weights, greedily change one term's weight at a
  time (a full term to 0 or 0.5, a weak one to 0 or 1), taking the
  change that puts the most training rows right, as long as it gains at
  least MIN rows;
- 5-fold cross-validation over the studied rows (dev, train, the read
  study samples), folds by source document (the part of `ref` before
  `@`, as scripts/cv_topic.py), the weights fitted on four folds and
  scored on the fifth: macro-F1 and accuracy, with and without the fit;
- the never-read pool (eval_pool.NEVER_READ) scored with the weights
  fitted on all studied rows: counts only, never a row's text.

Usage: python3 scripts/eval_pool.py BIN --out DIR
       python3 scripts/cv_weights.py DIR [MIN ...]     # MIN default 3 5 8
Needs ../shared/eval (the gold files' `ref` column).
"""
import collections, csv, os, re, sys, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from eval_pool import LABELS, NEVER_READ, ROOT, SHARED, STUDY  # noqa: E402

K = 5


def lexicon():
    """Term (lower case, white space folded) -> (role, weight, term as written)."""
    exact, prefix = {}, []
    for role in ("director", "producer"):
        with open(os.path.join(ROOT, "lexicons", f"{role}.csv"), newline="") as f:
            for r in csv.DictReader(line for line in f if not line.startswith("#")):
                if r["kind"] == "exclude":
                    continue
                w = float(r["weight"]) if r["weight"] else 1.0
                t = re.sub(r"\s+", " ", r["term"].lower())
                if t.endswith("*"):
                    prefix.append((t[:-1], (role, w, r["term"])))
                elif "{" in t:
                    # A class term is shown by its text ("{name} pictures");
                    # one that ends in a class, also by the phrase before it.
                    exact.setdefault(t, (role, w, r["term"]))
                    if not t.startswith("{"):
                        prefix.append((t.split("{")[0].rstrip(), (role, w, r["term"])))
                else:
                    exact.setdefault(t, (role, w, r["term"]))
    return exact, prefix


def look(exact, prefix, text):
    t = re.sub(r"\s+", " ", text.lower())
    if t in exact:
        return exact[t]
    for p, entry in prefix:
        if t.startswith(p):
            return entry
    sys.exit(f"cv_weights: matched text {text!r} is in no lexicon line")


def gold_refs():
    """Row id -> source document, from every gold file."""
    refs = {}
    files = [os.path.join(SHARED, "eval", f) for f in ("dev.csv", "train.csv")]
    files += [os.path.join(STUDY, f) for f in os.listdir(STUDY) if f.startswith("sample")]
    for path in files:
        with open(path, newline="") as f:
            for r in csv.DictReader(f):
                refs[(os.path.basename(path)[:-4], r["id"])] = r["ref"].rsplit("@", 1)[0]
    return refs


def load(folder, exact, prefix, refs):
    rows = {"studied": [], "never": []}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name, "predictions.csv")
        if not os.path.exists(path):
            continue
        pool = "never" if name + ".csv" in NEVER_READ else "studied"
        with open(path, newline="") as f:
            for r in csv.DictReader(f):
                if r["view"] != "alone":
                    continue
                counted = [look(exact, prefix, t) for t, s in zip(r["terms"].split(";"), r["statuses"].split(";"))
                           if s == "counted"]
                rows[pool].append({"doc": refs[(name, r["id"])], "gold": r["gold"], "pred": r["predicted"],
                                   "counted": counted})
    return rows


def label(counted, weights=None):
    score = {"director": 0.0, "producer": 0.0}
    weak_seen = set()
    for role, w, term in counted:
        if weights and term in weights:
            w = weights[term]
        if w < 1:
            if term in weak_seen:
                continue
            weak_seen.add(term)
        score[role] += w
    d, p = score["director"] >= 1 - 1e-9, score["producer"] >= 1 - 1e-9
    return "both" if d and p else "director" if d else "producer" if p else "none"


def score(rows, preds):
    acc = sum(p == r["gold"] for r, p in zip(rows, preds)) / len(rows)
    f1 = []
    for lab in LABELS:
        tp = sum(p == lab and r["gold"] == lab for r, p in zip(rows, preds))
        fp = sum(p == lab and r["gold"] != lab for r, p in zip(rows, preds))
        fn = sum(p != lab and r["gold"] == lab for r, p in zip(rows, preds))
        f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return acc, sum(f1) / len(f1)


def fit(train, min_gain):
    """Greedy weight changes, each gaining at least `min_gain` right rows."""
    by_term = collections.defaultdict(set)
    for i, r in enumerate(train):
        for _, w, term in r["counted"]:
            by_term[(term, w)].add(i)
    weights = {}
    now = [label(r["counted"]) for r in train]
    while True:
        best = None
        for (term, w0), idx in sorted(by_term.items()):
            if term in weights:
                continue
            for w in ((0.0, 0.5) if w0 >= 1 else (0.0, 1.0)):
                trial = dict(weights, **{term: w})
                gain = sum((label(train[i]["counted"], trial) == train[i]["gold"]) - (now[i] == train[i]["gold"])
                           for i in idx)
                if gain >= min_gain and (best is None or gain > best[0]):
                    best = (gain, term, w)
        if best is None:
            return weights
        weights[best[1]] = best[2]
        now = [label(r["counted"], weights) for r in train]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    mins = [int(a) for a in sys.argv[2:]] or [3, 5, 8]
    exact, prefix = lexicon()
    rows = load(folder, exact, prefix, gold_refs())
    for pool, rs in rows.items():
        off = sum(label(r["counted"]) != r["pred"] for r in rs)
        if off:
            sys.exit(f"cv_weights: the re-derived label differs from `eval` on {off} {pool} rows")
    studied, never = rows["studied"], rows["never"]
    print(f"re-derived labels match eval on all {len(studied)} studied and {len(never)} never-read rows")
    fold = [zlib.crc32(r["doc"].encode()) % K for r in studied]
    for m in mins:
        deltas = []
        for k in range(K):
            train = [r for r, f in zip(studied, fold) if f != k]
            test = [r for r, f in zip(studied, fold) if f == k]
            w = fit(train, m)
            before = score(test, [label(r["counted"]) for r in test])
            after = score(test, [label(r["counted"], w) for r in test])
            deltas.append((after[1] - before[1], after[0] - before[0], len(w)))
        mean_f1 = sum(d[0] for d in deltas) / K
        mean_acc = sum(d[1] for d in deltas) / K
        w = fit(studied, m)
        nb = score(never, [label(r["counted"]) for r in never])
        na = score(never, [label(r["counted"], w) for r in never])
        print(f"MIN {m}: CV macro-F1 change per fold {' '.join(f'{d[0]:+.4f}' for d in deltas)}, "
              f"mean {mean_f1:+.4f}; accuracy mean {mean_acc:+.4f}; weights changed per fold "
              f"{[d[2] for d in deltas]}")
        print(f"        fitted on all studied rows: {sorted(w.items())}; never read macro-F1 "
              f"{nb[1]:.4f} -> {na[1]:.4f}, accuracy {nb[0]:.4f} -> {na[0]:.4f}")


if __name__ == "__main__":
    main()
