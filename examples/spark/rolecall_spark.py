#!/usr/bin/env python3
"""Run rolecall over a collection with Apache Spark, then merge the shards.

Two modes:

files (default)
    The driver lists the input files in rolecall's order (folders walked in
    sorted path order, hidden entries skipped), cuts the list into
    --partitions contiguous runs of about equal bytes, and each Spark task
    runs `rolecall scan` on its run, writing a shard folder under
    OUT/shards/. The driver then runs `rolecall merge` into OUT/total: the
    same bytes as one `rolecall scan` over all the inputs.

pipe
    Each input is a JSON Lines file read by Spark itself (any Hadoop
    filesystem: local, HDFS, S3...). Every partition's lines are piped
    through `rolecall scan - --input-format jsonl --stdout ROWS --format
    jsonl` with RDD.pipe, and Spark saves the rows under OUT/ROWS/.

Both modes run locally (--master 'local[2]') or on a cluster (--master
spark://host:7077, yarn, ...). On a cluster, files mode needs the inputs and
OUT on a filesystem every executor mounts at the same path (NFS, Lustre...),
and both modes need the rolecall binary at the --rolecall path on every
executor; files mode ships it with SparkContext.addFile when it is not.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def list_inputs(paths):
    """Input files in the order one `rolecall scan PATHS...` reads them."""
    files = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p, followlinks=True):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [Path(root, n) for n in names if not n.startswith(".")]
            # rolecall walks each folder in sorted order: component-wise path order.
            found.sort(key=lambda f: [c.encode("utf-8", "surrogateescape") for c in f.parts])
            files += found
        else:
            files.append(p)
    return [str(f) for f in files]


def contiguous_runs(files, parts):
    """Cuts `files` into at most `parts` contiguous runs of about equal bytes."""
    sizes = [max(os.path.getsize(f), 1) if os.path.isfile(f) else 1 for f in files]
    total, runs, run, acc = sum(sizes), [], [], 0
    for f, s in zip(files, sizes):
        run.append(f)
        acc += s
        if acc >= total * (len(runs) + 1) / parts and len(runs) < parts - 1:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def scan_shard(binary_name, binary_path, shard_root, scan_args):
    """The Spark task of files mode: one `rolecall scan` into one shard."""

    def task(item):
        from pyspark import SparkFiles

        index, files = item
        binary = binary_path if os.access(binary_path, os.X_OK) else SparkFiles.get(binary_name)
        out = os.path.join(shard_root, f"part-{index:05d}")
        started = time.time()
        with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False) as listing:
            listing.write("".join(f + "\n" for f in files))
        cmd = [binary, "scan", "-q", "--force", "-o", out, "--files-from", listing.name, *scan_args]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True)
        finally:
            os.unlink(listing.name)
        if done.returncode not in (0, 1):  # 1: some inputs skipped, listed in errors.csv
            raise RuntimeError(f"shard {index}: {' '.join(cmd[:6])}... exit {done.returncode}: {done.stderr}")
        return index, len(files), done.returncode, round(time.time() - started, 3)

    return task


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="files or folders (pipe mode: JSON Lines files or globs)")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--rolecall", default=shutil.which("rolecall") or "target/release/rolecall",
                    help="the rolecall binary (default: on PATH, else target/release/rolecall)")
    ap.add_argument("--master", default=None, help="Spark master URL (default: spark-submit's, else local[*])")
    ap.add_argument("--partitions", type=int, default=0, help="tasks (default: Spark's default parallelism)")
    ap.add_argument("--mode", choices=["files", "pipe"], default="files")
    ap.add_argument("--rows", choices=["sentences", "documents"], default="documents", help="pipe mode: rows to keep")
    ap.add_argument("--scan-arg", action="append", default=[], help="extra argument for rolecall scan (repeatable)")
    args = ap.parse_args()

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("rolecall")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    binary = os.path.abspath(args.rolecall)
    parts = args.partitions or sc.defaultParallelism
    out = Path(args.out).resolve()
    started = time.time()

    if args.mode == "pipe":
        rows_dir = out / args.rows
        if rows_dir.exists():
            shutil.rmtree(rows_dir)
        lines = sc.textFile(",".join(args.inputs), minPartitions=parts)
        cmd = [binary, "scan", "-", "--input-format", "jsonl", "--stdout", args.rows, "--format", "jsonl", "-q",
               *args.scan_arg]
        lines.pipe(subprocess.list2cmdline(cmd)).saveAsTextFile(str(rows_dir))
        print(f"rolecall-spark: {lines.getNumPartitions()} partitions piped into {rows_dir} "
              f"in {time.time() - started:.1f} s", file=sys.stderr)
        spark.stop()
        return 0

    files = list_inputs(args.inputs)
    if not files:
        print("rolecall-spark: no input files", file=sys.stderr)
        return 2
    runs = contiguous_runs(files, parts)
    shard_root = out / "shards"
    if shard_root.exists():
        shutil.rmtree(shard_root)
    shard_root.mkdir(parents=True)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"rolecall-spark: {binary}: not an executable")
    sc.addFile(binary)
    task = scan_shard(os.path.basename(binary), binary, str(shard_root), args.scan_arg)
    results = sc.parallelize(list(enumerate(runs)), len(runs)).map(task).collect()
    for index, n, code, seconds in sorted(results):
        print(f"rolecall-spark: shard {index}: {n} files, exit {code}, {seconds} s", file=sys.stderr)
    spark.stop()

    shards = sorted(str(p) for p in shard_root.iterdir())
    merge = [binary, "merge", *shards, "-o", str(out / "total"), "--force"]
    # merge exits 1, as scan does, when a shard skipped inputs (the merged
    # outputs are written, errors.csv lists them); 2 is an error.
    merged = subprocess.run(merge)
    if merged.returncode not in (0, 1):
        # (Not SystemExit(message): that exits 1, which here means inputs
        # skipped, while nothing was merged.)
        print(f"rolecall-spark: {' '.join(merge[:2])}...: exit {merged.returncode}; {out / 'total'} not written",
              file=sys.stderr)
        return 2
    print(f"rolecall-spark: {len(files)} files in {len(runs)} shards, merged into {out / 'total'} "
          f"in {time.time() - started:.1f} s", file=sys.stderr)
    return 1 if merged.returncode == 1 or any(code == 1 for _, _, code, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
