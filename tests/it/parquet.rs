//! `scan --output-format parquet`: every table as typed Parquet holding the
//! rows of the CSV tables, the same bytes for any thread count, merged
//! shards the bytes of one scan, files that appear only when whole. Read
//! back with the parquet crate's reader.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rolecall::output::parquet::ParquetCsv;

use crate::util::{bin, rolecall_in, root, run_in, signal, stderr, wait_for_temp};

/// Every table, by its stem.
const TABLES: [&str; 7] = ["sentences", "documents", "errors", "terms", "summary", "groups", "matches"];

/// `dir/in`: the sample corpus, a JSON Lines file whose records have a
/// kept field or lack it, and a large text (streamed in blocks).
fn inputs(dir: &Path) {
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    let corpus = root().join("corpus/articles");
    for e in fs::read_dir(&corpus).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), input.join(e.file_name())).unwrap();
    }
    fs::write(
        input.join("feed.jsonl"),
        "{\"id\":1,\"outlet\":\"Reel, \\\"North\\\"\",\"text\":\"The producer raised the budget for the film.\"}\n\
         {\"id\":2,\"text\":\"Directed with a light touch.\\nIt premiered in Oslo.\"}\n\
         {bad\n\
         {\"id\":4,\"outlet\":\"Gazette\",\"text\":\"Nothing here.\"}\n",
    )
    .unwrap();
    let para = "The film was directed by Ann Lee and produced by Bo Li. Rain fell.\n\n";
    fs::write(input.join("large.txt"), para.repeat(3_000_000 / para.len())).unwrap();
}

/// Runs `rolecall ARGS` in `dir`, expecting exit `code`.
fn ok(dir: &Path, args: &[&str], code: i32) {
    let o = run_in(dir, args);
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
}

/// A Parquet table read back as CSV records (the parquet crate's reader
/// under [`ParquetCsv`]).
fn parquet_records(path: &Path) -> Vec<csv::StringRecord> {
    let mut bytes = Vec::new();
    ParquetCsv::open(path).unwrap().read_to_end(&mut bytes).unwrap();
    csv::Reader::from_reader(bytes.as_slice()).into_records().map(Result::unwrap).collect()
}

fn csv_records(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path).unwrap().into_records().map(Result::unwrap).collect()
}

/// Each column's Arrow type and whether it may be null, with its null count.
fn parquet_columns(path: &Path) -> Vec<(String, DataType, bool, usize)> {
    let reader =
        ParquetRecordBatchReaderBuilder::try_new(fs::File::open(path).unwrap()).unwrap().build().unwrap();
    let mut cols: Vec<(String, DataType, bool, usize)> = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        if cols.is_empty() {
            cols = batch
                .schema()
                .fields()
                .iter()
                .map(|f| (f.name().clone(), f.data_type().clone(), f.is_nullable(), 0))
                .collect();
        }
        for (c, col) in cols.iter_mut().zip(batch.columns()) {
            c.3 += col.null_count();
        }
    }
    cols
}

#[test]
fn parquet_tables_hold_the_rows_of_the_csv_tables_typed() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    inputs(d);
    let opts = ["--sentences", "all", "--matches", "--keep-field", "outlet", "--group-by", "outlet", "-q"];
    for (out, format) in [("csv", "csv"), ("pq", "parquet")] {
        let mut args = vec!["scan", "in", "-o", out, "--output-format", format];
        args.extend(opts);
        ok(d, &args, 1); // the bad JSON line is skipped
    }
    // Only Parquet tables and run.json in the Parquet folder.
    let mut names: Vec<String> = fs::read_dir(d.join("pq"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = TABLES.iter().map(|t| format!("{t}.parquet")).collect();
    want.extend([".rolecall.lock".into(), "run.json".into()]);
    want.sort();
    assert_eq!(names, want);
    let run: serde_json::Value = serde_json::from_slice(&fs::read(d.join("pq/run.json")).unwrap()).unwrap();
    assert_eq!(run["options"]["output_format"], "parquet");
    for t in TABLES {
        let (csv, pq) = (
            csv_records(&d.join(format!("csv/{t}.csv"))),
            parquet_records(&d.join(format!("pq/{t}.parquet"))),
        );
        assert_eq!(csv.len(), pq.len(), "{t}: rows");
        assert!(!csv.is_empty() || t == "errors", "{t} has rows");
        for (r, (a, b)) in csv.iter().zip(&pq).enumerate() {
            assert_eq!(a.len(), b.len(), "{t} row {r}");
            for (x, y) in a.iter().zip(b) {
                // Floats read back in their shortest form: 0.6 for 0.600000.
                let same = x == y || x.parse::<f64>().ok().is_some_and(|x| y.parse::<f64>() == Ok(x));
                assert!(same, "{t} row {r}: CSV {x:?}, Parquet {y:?}");
            }
        }
    }
    let types = |t: &str| parquet_columns(&d.join(format!("pq/{t}.parquet")));
    let col = |cols: &[(String, DataType, bool, usize)], n: &str| {
        cols.iter().find(|c| c.0 == n).unwrap_or_else(|| panic!("no column {n}")).clone()
    };
    let docs = types("documents");
    assert_eq!(col(&docs, "doc").1, DataType::Utf8);
    assert_eq!(col(&docs, "bytes").1, DataType::Int64);
    assert_eq!(col(&docs, "about_film").1, DataType::Boolean);
    // A kept field: null for the documents without it (text files, record 2).
    let outlet = col(&docs, "outlet");
    assert_eq!((outlet.1, outlet.2), (DataType::Utf8, true));
    assert_eq!(
        outlet.3,
        csv_records(&d.join("csv/documents.csv")).iter().filter(|r| r[r.len() - 1].is_empty()).count()
    );
    assert!(outlet.3 > 0);
    let sentences = types("sentences");
    for (n, t) in [
        ("sentence", DataType::Int64),
        ("start", DataType::Int64),
        ("director", DataType::Int64),
        ("text", DataType::Utf8),
    ] {
        assert_eq!(col(&sentences, n).1, t, "sentences.{n}");
        assert!(!col(&sentences, n).2, "sentences.{n} is not nullable");
    }
    let matches = types("matches");
    assert_eq!(col(&matches, "weight").1, DataType::Float64);
    assert_eq!((col(&matches, "cue").1, col(&matches, "cue").2), (DataType::Utf8, true));
    assert_eq!(col(&types("summary"), "director_share").1, DataType::Float64);
    assert_eq!(col(&types("groups"), "director_high").1, DataType::Float64);
    assert_eq!(col(&types("terms"), "hits").1, DataType::Int64);
    // rolecall report reads the Parquet folder as it reads the CSV one.
    ok(d, &["report", "pq", "-q"], 0);
    assert!(fs::read_to_string(d.join("pq/report.html")).unwrap().contains("matches.parquet"));
}

#[test]
fn parquet_bytes_do_not_depend_on_threads_and_streamed_rows_are_taken_back() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    inputs(d);
    // A large file whose NUL comes after its first blocks: its rows, held
    // back, are dropped.
    let para = "Produced by Bo Li on a small budget.\n\n";
    let mut bin_file = para.repeat(3_000_000 / para.len()).into_bytes();
    bin_file.extend_from_slice(b"\0tail");
    fs::write(d.join("in/zz-binary.txt"), &bin_file).unwrap();
    for j in ["1", "3"] {
        let out = format!("j{j}");
        ok(
            d,
            &[
                "scan",
                "in",
                "-o",
                &out,
                "-j",
                j,
                "--sentences",
                "all",
                "--matches",
                "--output-format",
                "parquet",
                "-q",
            ],
            1,
        );
    }
    ok(d, &["scan", "in", "-o", "csv", "--sentences", "all", "--matches", "-q"], 1);
    for t in TABLES {
        let f = format!("{t}.parquet");
        let (a, b) = (fs::read(d.join("j1").join(&f)).unwrap(), fs::read(d.join("j3").join(&f)).unwrap());
        assert!(a == b, "{f} differs between -j 1 and -j 3");
    }
    let rows = parquet_records(&d.join("j1/sentences.parquet"));
    // Rows of many batches: the large text has 44,000 units.
    assert!(rows.len() > 4 * rolecall::output::parquet::BATCH_ROWS, "{}", rows.len());
    assert!(!rows.iter().any(|r| r[0].ends_with("zz-binary.txt")));
    assert_eq!(rows, csv_records(&d.join("csv/sentences.csv")));
    assert_eq!(parquet_records(&d.join("j1/matches.parquet")), csv_records(&d.join("csv/matches.csv")));
}

#[test]
fn parquet_shards_merge_to_one_parquet_scan_and_formats_do_not_mix() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let pq = ["--output-format", "parquet", "--sentences", "all", "--matches", "-q"];
    let scan = |paths: &[&str], out: &str, extra: &[&str]| {
        let mut args = vec!["scan"];
        args.extend(paths);
        args.extend(["-o", out]);
        args.extend(extra);
        let o = rolecall_in(&root()).args(&args).arg("--force").output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    let out = |n: &str| d.join(n).to_string_lossy().into_owned();
    scan(&["corpus"], &out("one"), &pq);
    scan(&["corpus/articles"], &out("s1"), &pq);
    scan(&["corpus/credits"], &out("s2"), &pq);
    ok(d, &["merge", "s2", "s1", "-o", "merged", "-q"], 0);
    for t in TABLES {
        let f = format!("{t}.parquet");
        let (a, b) =
            (fs::read(d.join("one").join(&f)).unwrap(), fs::read(d.join("merged").join(&f)).unwrap());
        assert!(a == b, "merged {f} differs from one scan's");
    }
    // A CSV shard beside a Parquet one: refused, naming both, nothing written.
    scan(&["corpus/credits"], &out("c2"), &["-q"]);
    let o = run_in(d, &["merge", "s1", "c2", "-o", "mixed", "-q"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("s1/run.json")
            && err.contains("c2/run.json")
            && err.contains("--output-format parquet vs csv"),
        "{err}"
    );
    assert!(!d.join("mixed/run.json").exists() && !d.join("mixed/sentences.parquet").exists());
    // A damaged Parquet table is named.
    fs::write(d.join("s2/documents.parquet"), b"PAR1 not really").unwrap();
    let o = run_in(d, &["merge", "s1", "s2", "-o", "broken", "-q"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("s2/documents.parquet: not a Parquet file"), "{}", stderr(&o));
}

#[test]
fn a_parquet_run_commits_whole_or_leaves_the_earlier_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let o = Command::new(bin())
        .args(["gen-corpus", "--mb", "4", "--seed", "5", "--out"])
        .arg(d.join("c"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let credits = root().join("corpus/credits");
    let credits = credits.to_str().unwrap();
    ok(d, &["scan", credits, "-o", "out", "-q"], 0);
    let earlier: Vec<(String, Vec<u8>)> = snapshot(&d.join("out"));
    // Stopped while it writes its tables: the earlier CSV outputs as they were.
    let mut child = std::process::Command::new(bin())
        .current_dir(d)
        .args([
            "scan",
            "c",
            "-o",
            "out",
            "--force",
            "--sentences",
            "all",
            "--output-format",
            "parquet",
            "-q",
            "-j",
            "1",
        ])
        // (Its "interrupted" message is not this test's output.)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for_temp(&d.join("out"), "sentences.parquet");
    std::thread::sleep(Duration::from_millis(20));
    let code = signal(&mut child, "TERM");
    eprintln!("a Parquet scan stopped by SIGTERM after its tables were started: exit {code:?}");
    match code {
        Some(130) => assert!(snapshot(&d.join("out")) == earlier, "the earlier outputs changed"),
        // It finished first: then the new outputs are whole (below).
        Some(0) => {}
        other => panic!("exit {other:?}"),
    }
    // Over CSV outputs, a Parquet run leaves Parquet tables only, and back.
    ok(d, &["scan", credits, "-o", "out", "--force", "--output-format", "parquet", "-q"], 0);
    let names = |dir: &str| -> Vec<String> { snapshot(&d.join(dir)).into_iter().map(|(n, _)| n).collect() };
    let mut want: Vec<String> =
        TABLES.iter().filter(|t| **t != "matches").map(|t| format!("{t}.parquet")).collect();
    want.push("run.json".into());
    want.sort();
    assert_eq!(names("out"), want);
    ok(d, &["scan", credits, "-o", "out", "--force", "-q"], 0);
    assert!(names("out").iter().all(|n| n.ends_with(".csv") || n == "run.json"), "{:?}", names("out"));
    // --csv-safe is for spreadsheets, which read CSV: refused with Parquet.
    let o = run_in(d, &["scan", credits, "-o", "safe", "--csv-safe", "--output-format", "parquet", "-q"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--csv-safe with --output-format parquet"), "{}", stderr(&o));
    assert!(!d.join("safe/run.json").exists());
}

/// The files of `dir` (but its lock), sorted, with their bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name() != ".rolecall.lock")
        .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}
