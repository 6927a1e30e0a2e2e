"""Throughput of rolecall's Python package against the command line, on the same text.

    python scripts/python_bench.py CORPUS [--rolecall BIN] [--repeat N] [--threads N]

CORPUS is a folder of text files (e.g. /root/bench/c100, or one made by
`rolecall gen-corpus --mb 100`). Its files are read into a list of str
(UTF-8, bad bytes replaced) once, not timed. Then, N times, in alternating
order within each round:

  cli       `rolecall scan CORPUS -o TMP --force -q` (wall clock of the
            process: reading the files, tagging, writing the CSV outputs)
  tag       `Tagger().tag(texts)`: the list of Doc objects
  tag+units the same, then every unit's label read (`doc.units`, `u.label`)

and prints each run, the medians and the throughput of each Python way as a
share of the CLI's (the same bytes: median CLI time / median Python time).
Needs the package installed (`pip install ./python`) and a release build of
the binary. Speed figures are only meaningful as these paired ratios on a
quiet machine.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import rolecall


def read_corpus(root):
    texts, size = [], 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            with open(os.path.join(folder, name), "rb") as f:
                raw = f.read()
            size += len(raw)
            texts.append(raw.decode("utf-8", errors="replace"))
    return texts, size


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--rolecall", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "rolecall"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0, help="both sides (0: one per core)")
    args = ap.parse_args()

    texts, size = read_corpus(args.corpus)
    print(f"corpus: {args.corpus}: {len(texts)} files, {size / 1e6:.1f} MB", file=sys.stderr)
    tagger = rolecall.Tagger(threads=args.threads or None)
    out = tempfile.mkdtemp(prefix="rolecall-pybench-")
    cmd = [args.rolecall, "scan", args.corpus, "-o", out, "--force", "-q", "-j", str(args.threads)]

    def cli():
        t = time.perf_counter()
        subprocess.run(cmd, check=True)
        return time.perf_counter() - t

    def tag():
        t = time.perf_counter()
        docs = tagger.tag(texts)
        elapsed = time.perf_counter() - t
        del docs
        return elapsed

    def tag_units():
        t = time.perf_counter()
        docs = tagger.tag(texts)
        n = sum(1 for d in docs for u in d.units if u.label != "none")
        elapsed = time.perf_counter() - t
        del docs
        return elapsed, n

    times = {"cli": [], "tag": [], "tag+units": []}
    try:
        cli()  # warm the page cache and the binary
        for r in range(args.repeat):
            order = ["cli", "tag", "tag+units"]
            if r % 2:
                order.reverse()
            for way in order:
                if way == "cli":
                    times[way].append(cli())
                elif way == "tag":
                    times[way].append(tag())
                else:
                    elapsed, tagged = tag_units()
                    times[way].append(elapsed)
            print(f"round {r + 1}: " + ", ".join(f"{w} {times[w][-1]:.3f} s" for w in times), file=sys.stderr)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    med = {w: statistics.median(v) for w, v in times.items()}
    print(f"medians of {args.repeat} ({size / 1e6:.1f} MB, {tagger.threads} threads, {tagged} units tagged):")
    for w, m in med.items():
        share = "" if w == "cli" else f", {med['cli'] / m:.2f} x the CLI's throughput"
        print(f"  {w:<10} {m:.3f} s  {size / 1e6 / m:.0f} MB/s{share}")


if __name__ == "__main__":
    main()
