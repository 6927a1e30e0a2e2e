//! End-to-end tests of the `rolecall` binary.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

use crate::util::{
    CSVS, collapse, column, error_rows, headers, read_csv, rolecall_in, root, run_in, run_json, scan_in,
    skipped, stderr,
};

/// The `rolecall` binary, run in the project folder.
fn rolecall() -> Command {
    rolecall_in(&root())
}

/// Runs `rolecall scan ARGS -o OUT -q` in the project folder.
fn scan(args: &[&str], out: &Path) -> Output {
    scan_in(&root(), args, out)
}

#[test]
fn writes_every_output_with_the_documented_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = scan(&["corpus"], &out);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let cols = |f: &str| headers(&out.join(f));
    assert_eq!(
        cols("sentences.csv"),
        ["doc", "sentence", "start", "end", "label", "director", "producer", "terms", "statuses", "text"]
    );
    assert_eq!(
        cols("documents.csv"),
        ["doc", "bytes", "sentences", "director", "producer", "both", "none", "about_film", "film_signals"]
    );
    assert_eq!(cols("terms.csv"), ["role", "kind", "term", "hits", "documents"]);
    assert_eq!(
        cols("summary.csv"),
        [
            "documents",
            "documents_skipped",
            "bytes",
            "sentences",
            "director",
            "producer",
            "both",
            "none",
            "director_share",
            "producer_share",
            "both_share",
            "none_share"
        ]
    );
    assert_eq!(cols("errors.csv"), ["path", "problem"]);
    assert_eq!(read_csv(&out.join("errors.csv")).len(), 0);
    let run = run_json(&out);
    for key in [
        "version",
        "threads",
        "inputs",
        "bytes",
        "elapsed_seconds",
        "mb_per_second",
        "documents",
        "sentences",
    ] {
        assert!(run.get(key).is_some(), "run.json lacks {key}");
    }
    // No temporary file is left behind.
    for e in fs::read_dir(&out).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".partial"), "left {name}");
    }
    // Default --sentences tagged: no `none` rows.
    let rows = read_csv(&out.join("sentences.csv"));
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["label"] != "none"));
    // terms.csv lists every term, zero hits included, and the hits add up.
    let terms = read_csv(&out.join("terms.csv"));
    let lex = rolecall::Lexicon::builtin();
    assert_eq!(terms.len(), lex.terms().len());
    assert!(terms.iter().any(|t| t["hits"] == "0"));
    let summary = &read_csv(&out.join("summary.csv"))[0];
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(summary["documents"], docs.len().to_string());
    let total: u64 = docs.iter().map(|d| d["sentences"].parse::<u64>().unwrap()).sum();
    assert_eq!(summary["sentences"], total.to_string());
}

/// The hand-checked labels of `corpus/` (tests/data/corpus_labels.csv).
///
/// Units must be cut exactly as listed; every LABELS.md hard case must be
/// tagged as decided; overall agreement must not fall below the level
/// reached (135 of 145 units when last measured). Misses are printed.
#[test]
fn corpus_matches_hand_checked_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = scan(&["corpus", "--sentences", "all"], &out);
    assert_eq!(o.status.code(), Some(0));
    let got = read_csv(&out.join("sentences.csv"));
    let want = read_csv(&root().join("tests/data/corpus_labels.csv"));
    assert_eq!(got.len(), want.len(), "number of units");
    let mut agree = 0;
    for (g, w) in got.iter().zip(&want) {
        assert_eq!((&g["doc"], &g["sentence"]), (&w["doc"], &w["sentence"]));
        assert_eq!(g["text"], w["text"], "unit text of {} #{}", w["doc"], w["sentence"]);
        if g["label"] == w["label"] {
            agree += 1;
        } else {
            eprintln!(
                "miss: {} #{}: hand {} rolecall {} | {}",
                w["doc"], w["sentence"], w["label"], g["label"], w["text"]
            );
            assert_ne!(w["hard_case"], "yes", "LABELS.md hard case mistagged: {}", w["text"]);
        }
    }
    let share = agree as f64 / want.len() as f64;
    eprintln!("corpus agreement: {agree}/{} = {share:.3}", want.len());
    assert!(share >= 0.93, "agreement {share:.3} below 0.93");
}

#[test]
fn every_span_slices_the_input_to_the_reported_text() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("tricky.txt"),
        "\u{feff}Writer\u{2013}director Ana\u{a0}Ruiz\u{2019}s film premiered.\r\nIt was produced by\r\nBo Li.\r\n\r\n\u{201c}Cut!\u{201d} said the director.",
    )
    .unwrap();
    for f in fs::read_dir(root().join("corpus/articles")).unwrap() {
        let p = f.unwrap().path();
        fs::copy(&p, input.join(p.file_name().unwrap())).unwrap();
    }
    let out = tmp.path().join("out");
    let o = scan(&[input.to_str().unwrap(), "--sentences", "all"], &out);
    assert_eq!(o.status.code(), Some(0));
    let rows = read_csv(&out.join("sentences.csv"));
    assert!(rows.len() > 50);
    let mut cache: HashMap<String, Vec<u8>> = HashMap::new();
    for r in &rows {
        let bytes = cache.entry(r["doc"].clone()).or_insert_with(|| fs::read(&r["doc"]).unwrap());
        let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        assert!(s < e && e <= bytes.len());
        let slice = std::str::from_utf8(&bytes[s..e]).expect("span on char boundaries");
        assert_eq!(collapse(slice), r["text"], "{} {}..{}", r["doc"], s, e);
    }
    let tricky: Vec<_> = rows.iter().filter(|r| r["doc"].ends_with("tricky.txt")).collect();
    let labels: Vec<&str> = tricky.iter().map(|r| r["label"].as_str()).collect();
    assert_eq!(labels, ["both", "producer", "director"]);
}

#[test]
fn output_is_identical_for_one_and_four_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(scan(&["corpus", "-j", "1", "--sentences", "all"], &a).status.code(), Some(0));
    assert_eq!(scan(&["corpus", "-j", "4", "--sentences", "all"], &b).status.code(), Some(0));
    for f in CSVS {
        assert_eq!(fs::read(a.join(f)).unwrap(), fs::read(b.join(f)).unwrap(), "{f} differs");
    }
    assert_eq!(run_json(&a)["threads"], 1);
    assert_eq!(run_json(&b)["threads"], 4);
}

#[test]
fn missing_input_is_an_error_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = scan(&["corpus", "no/such/file.txt"], &out);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert!(!out.join("sentences.csv").exists());
}

/// A folder with two good files and one bad entry made by `make_bad`.
fn batch_with(make_bad: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf, Output) {
    batch_with_args(make_bad, &[])
}

/// As [`batch_with`], with more scan arguments.
fn batch_with_args(make_bad: impl FnOnce(&Path), args: &[&str]) -> (tempfile::TempDir, PathBuf, Output) {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), "The film was directed by Ann Lee.").unwrap();
    make_bad(&input);
    fs::write(input.join("z.txt"), "Produced by Bo Li.").unwrap();
    let out = tmp.path().join("out");
    let o = scan(&[&[input.to_str().unwrap()], args].concat(), &out);
    (tmp, out, o)
}

fn assert_good_files_kept(out: &Path) {
    let docs: Vec<String> =
        read_csv(&out.join("documents.csv")).into_iter().map(|r| r["doc"].clone()).collect();
    assert!(docs.iter().any(|d| d.ends_with("a.txt")), "{docs:?}");
    assert!(docs.iter().any(|d| d.ends_with("z.txt")), "{docs:?}");
    let labels: Vec<String> =
        read_csv(&out.join("sentences.csv")).into_iter().map(|r| r["label"].clone()).collect();
    assert_eq!(labels, ["director", "producer"]);
}

#[test]
fn binary_file_is_skipped_and_reported() {
    let (_t, out, o) = batch_with(|d| fs::write(d.join("m.bin"), b"GIF89a\0\0\x01binary").unwrap());
    assert_eq!(o.status.code(), Some(1));
    let errs = error_rows(&out);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].0.ends_with("m.bin") && errs[0].1.contains("binary"), "{errs:?}");
    assert_good_files_kept(&out);
    assert_eq!(read_csv(&out.join("summary.csv"))[0]["documents_skipped"], "1");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_skipped_and_reported() {
    let make = |d: &Path| {
        std::os::unix::fs::symlink(d, d.join("loop")).unwrap();
        std::os::unix::fs::symlink(d.join("self"), d.join("self")).unwrap();
    };
    // Not followed by default: counted in a note, no problem rows.
    let (_t, out, o) = batch_with(make);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(error_rows(&out).is_empty());
    assert_good_files_kept(&out);
    let (_t, out, o) = batch_with_args(make, &["--follow"]);
    assert_eq!(o.status.code(), Some(1));
    let errs = error_rows(&out);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs.iter().any(|(p, m)| p.ends_with("loop") && m.contains("loop")), "{errs:?}");
    assert!(errs.iter().any(|(p, _)| p.ends_with("self")), "{errs:?}");
    assert_good_files_kept(&out);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped_and_reported() {
    // A dangling link cannot be read, whoever runs the test.
    // (Links inside folders are followed only with --follow.)
    let (_t, out, o) = batch_with_args(
        |d| std::os::unix::fs::symlink(d.join("gone.txt"), d.join("m.txt")).unwrap(),
        &["--follow"],
    );
    assert_eq!(o.status.code(), Some(1));
    let errs = error_rows(&out);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].0.ends_with("m.txt") && errs[0].1.contains("cannot read"), "{errs:?}");
    assert_good_files_kept(&out);
}

#[cfg(unix)]
#[test]
fn permission_denied_is_skipped_and_reported() {
    use std::os::unix::fs::PermissionsExt;
    let (_t, out, o) = batch_with(|d| {
        let p = d.join("m.txt");
        fs::write(&p, "secret").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    });
    if fs::read(out.parent().unwrap().join("in/m.txt")).is_ok() {
        skipped("this user (root?) can read a mode-000 file");
        return;
    }
    assert_eq!(o.status.code(), Some(1));
    let errs = error_rows(&out);
    assert!(errs[0].1.contains("ermission"), "{errs:?}");
    assert_good_files_kept(&out);
}

#[test]
fn invalid_utf8_is_repaired_reported_and_spans_index_original_bytes() {
    let raw = b"Caf\xe9 society. The director \xff\xfe shot it. Produced by Bo Li.".to_vec();
    let (_t, out, o) = batch_with(|d| fs::write(d.join("m.txt"), &raw).unwrap());
    assert_eq!(o.status.code(), Some(0));
    let errs = error_rows(&out);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].1.contains("invalid UTF-8") && errs[0].1.contains("repaired"), "{errs:?}");
    assert_eq!(read_csv(&out.join("summary.csv"))[0]["documents_skipped"], "0");
    let rows: Vec<_> =
        read_csv(&out.join("sentences.csv")).into_iter().filter(|r| r["doc"].ends_with("m.txt")).collect();
    assert_eq!(rows.len(), 2);
    for r in &rows {
        let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        let lossy = String::from_utf8_lossy(&raw[s..e]).into_owned();
        assert_eq!(collapse(&lossy), r["text"]);
    }
    assert_eq!(&raw[rows[1]["start"].parse::<usize>().unwrap()..][..8], b"Produced");
}

#[test]
fn earlier_outputs_are_refused_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_eq!(scan(&["corpus/credits"], &out).status.code(), Some(0));
    let o = scan(&["corpus/credits"], &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    let o = rolecall().args(["scan", "corpus/credits", "-q", "--force", "-o"]).arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    // `--output` is taken for `--out`, as `report` takes it (a new user typed it).
    let o =
        rolecall().args(["scan", "corpus/credits", "-q", "--force", "--output"]).arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A lexicon folder `parent/lex` holding `files` (name, content).
fn lexicon_dir(parent: &Path, files: &[(&str, &str)]) -> PathBuf {
    let lex = parent.join("lex");
    fs::create_dir_all(&lex).unwrap();
    for (name, content) in files {
        fs::write(lex.join(name), content).unwrap();
    }
    lex
}

#[test]
fn lexicon_errors_name_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let lex = lexicon_dir(
        tmp.path(),
        &[
            ("director.csv", "term,kind\ndirected by,role\ndirector,rôle\n"),
            ("producer.csv", "term,kind\nproducer,role\n"),
        ],
    );
    let o = scan(&["corpus", "-l", lex.to_str().unwrap()], &tmp.path().join("out"));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("director.csv:3:") && err.contains("unknown kind"), "{err}");
}

#[test]
fn custom_lexicons_replace_the_builtin_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let lex = lexicon_dir(
        tmp.path(),
        &[
            ("actor.csv", "term,kind\nactress,role\nactor,role\n"),
            ("writer.csv", "term,kind\nwritten by,role\n"),
        ],
    );
    let out = tmp.path().join("out");
    let o = scan(&["corpus/credits", "-l", lex.to_str().unwrap()], &out);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        headers(&out.join("documents.csv")),
        ["doc", "bytes", "sentences", "actor", "writer", "both", "none", "about_film", "film_signals"]
    );
    let rows = read_csv(&out.join("sentences.csv"));
    assert!(
        rows.iter().any(|r| r["label"] == "writer" && r["text"] == "Written by Ailsa Crombie and Rob Hay")
    );
}

#[test]
fn stdin_line_units_and_sentence_filters() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = rolecall()
        .args(["scan", "-", "--unit", "line", "--sentences", "all", "-q", "-o"])
        .arg(&out)
        .write_stdin("Directed by A. Produced by B.\nnothing here\n")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let rows = read_csv(&out.join("sentences.csv"));
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0]["doc"].as_str(), rows[0]["label"].as_str()), ("-", "both"));
    assert_eq!(rows[1]["label"], "none");

    let out2 = tmp.path().join("out2");
    assert_eq!(scan(&["corpus/credits", "--sentences", "none"], &out2).status.code(), Some(0));
    assert_eq!(read_csv(&out2.join("sentences.csv")).len(), 0);
    assert!(read_csv(&out2.join("documents.csv")).len() == 3);
}

#[test]
fn summary_line_goes_to_stderr_and_stdout_stays_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let o = rolecall().args(["scan", "corpus/credits", "-o"]).arg(tmp.path().join("o")).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    // A run of a few milliseconds gives its bytes and time, not a rate.
    assert!(err.contains("3 documents") && (err.contains("MB/s") || err.contains("bytes in ")), "{err}");
    let one = tmp.path().join("one.txt");
    std::fs::write(&one, "Directed by Ann.").unwrap();
    let o = rolecall().args(["scan", "-o"]).arg(tmp.path().join("o1")).arg(&one).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    // Bytes and time unless a loaded machine took 0.1 s or more (see
    // `scan::short_runs_give_bytes_and_time_not_a_rate`).
    assert!(
        err.contains("1 document, 1 sentence (") && (err.contains("16 bytes in ") || err.contains("MB/s")),
        "{err}"
    );
}

#[test]
fn large_document_split_across_threads_gives_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("big.txt");
    let mut one = String::new();
    for f in ["corpus/articles/04-business-meridian-slate.txt", "corpus/credits/harbour-lights.txt"] {
        one.push_str(&fs::read_to_string(root().join(f)).unwrap());
        one.push_str("\n\n");
    }
    fs::write(&input, one.repeat(2_500_000 / one.len() + 1)).unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let inp = input.to_str().unwrap();
    assert_eq!(scan(&[inp, "-j", "1", "--sentences", "all"], &a).status.code(), Some(0));
    assert_eq!(scan(&[inp, "-j", "4", "--sentences", "all"], &b).status.code(), Some(0));
    for f in ["sentences.csv", "documents.csv", "terms.csv", "summary.csv"] {
        assert!(fs::read(a.join(f)).unwrap() == fs::read(b.join(f)).unwrap(), "{f} differs");
    }
    assert!(read_csv(&a.join("sentences.csv")).len() > 10_000);
}

#[test]
fn eval_reports_figures_writes_csvs_and_gates_on_macro_f1() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.csv");
    fs::write(
        &gold,
        "sentence,tag\n\"Directed by Jane Campion\",director\nProduced by Jan Chapman,producer\nIt rained.,none\nThe weather was fine.,director\n",
    )
    .unwrap();
    let out = tmp.path().join("ev");
    let o = rolecall()
        .args(["eval", gold.to_str().unwrap(), "--text-column", "sentence", "--label-column", "tag", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(table.contains("accuracy  0.750") && table.contains("confusion"), "{table}");
    let ev = read_csv(&out.join("eval.csv"));
    assert!(ev.iter().any(|r| r["metric"] == "accuracy" && r["value"] == "0.750000"));
    let miss = read_csv(&out.join("mistakes.csv"));
    assert_eq!(miss.len(), 1);
    assert_eq!((miss[0]["gold"].as_str(), miss[0]["predicted"].as_str()), ("director", "none"));
    let all = read_csv(&out.join("predictions.csv"));
    assert_eq!(all.len(), 4, "every row, hit or miss");
    assert_eq!((all[0]["terms"].as_str(), all[0]["statuses"].as_str()), ("directed by", "counted"));

    let o = rolecall()
        .args(["eval", gold.to_str().unwrap(), "--text-column", "sentence", "--label-column", "tag"])
        .args(["--min-macro-f1", "0.99", "--force", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let o = rolecall().args(["eval", gold.to_str().unwrap(), "-o"]).arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "a missing column is an error");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no column \"text\"") && err.contains("--text-column names the column"), "{err}");
}

/// The thresholds take negative numbers as separate arguments, as their
/// help says ("-1000 turns the rule off"); another option after them is
/// not taken for a value.
#[test]
fn eval_thresholds_take_negative_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.csv");
    fs::write(&gold, "text,label\nDirected by Jane Campion,director\nIt rained.,none\n").unwrap();
    let out = tmp.path().join("ev");
    let o = rolecall()
        .arg("eval")
        .arg(&gold)
        .args(["--topic-threshold", "-0.5", "--sense-threshold", "-1000", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let o = rolecall()
        .arg("eval")
        .arg(&gold)
        .args(["--sense-threshold", "--force", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--sense-threshold"), "{err}");
}

/// A gold file that is not what `eval` reads is named with what was found
/// and what to do (a new user's Latin-1 file got "invalid utf-8" and a
/// record number; a `;`-separated file and a JSON Lines file got "no
/// column" with one odd column).
#[test]
fn eval_says_what_is_wrong_with_a_gold_file() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let cases: [(&str, &[u8], &[&str]); 6] = [
        (
            "latin1.csv",
            b"text,label\nIt rained.,none\nDirected by Fran\xe7ois Ozon.,director\n",
            &[
                "latin1.csv:3: not UTF-8 (byte 0xE7 at byte offset 43)",
                "windows-1252 (Latin-1)",
                "iconv -f windows-1252 -t UTF-8 latin1.csv > latin1-utf8.csv",
            ],
        ),
        (
            "semi.csv",
            b"id;text;label\n1;Directed by Jane Campion;director\n",
            &[
                "semi.csv:1: the header is one column, \"id;text;label\"",
                "separated by `;`",
                "comma-separated",
                "delimiter=\";\"",
            ],
        ),
        (
            "tabs.csv",
            b"text\tlabel\nIt rained.\tnone\n",
            &["tabs.csv:1: the header is one column", "separated by tabs", "delimiter=\"\\t\""],
        ),
        (
            "rows.jsonl",
            b"\n{\"id\": \"a\", \"text\": \"Directed by Jane Campion\", \"label\": \"director\"}\n",
            &["rows.jsonl:2: JSON Lines, not CSV", "header row", "rolecall eval-people"],
        ),
        (
            "columns.csv",
            b"id,sentence,label\n1,It rained.,none\n",
            &[
                "columns.csv:1: no column \"text\" in the header (its columns: id, sentence, label)",
                "give --text-column",
            ],
        ),
        (
            "refs.csv",
            b"id,ref,label\n1,news/1.txt@0-5,none\n",
            &[
                "refs.csv:1: no column \"text\" in the header (its columns: id, ref, label)",
                "give --data DIR",
                "--text-column",
            ],
        ),
    ];
    // Rows with an empty text cell are named by id, or by line without an
    // id column ("first: row line 3" was printed); --data is suggested
    // only when there are refs to take texts from.
    // A bad row in the middle, in our words with the csv crate's place (it
    // said "found record with 3 fields, but the previous record has 2 fields").
    let rows: [(&str, &[u8], &[&str]); 1] = [(
        "commas.csv",
        b"text,label\r\nIt rained.,none\r\nDirected by Ann Lee, 2004,director\r\n",
        &[
            "commas.csv:3: a row of 3 cell(s), where the header has 2 (csv record 2, byte 28)",
            "quote a text that holds a comma",
        ],
    )];
    let empty: [(&str, &[u8], &[&str]); 2] = [
        (
            "empty-ids.csv",
            b"id,text,label,ref\n7,It rained.,none,\n8,,director,news/1.txt@0-5\n",
            &["empty-ids.csv: 1 row(s) with an empty \"text\" cell (first: id \"8\"): give --data DIR"],
        ),
        (
            "empty-lines.csv",
            b"text,label\nIt rained.,none\n,director\n",
            &["empty-lines.csv: 1 row(s) with an empty \"text\" cell (first: line 3): fill them in"],
        ),
    ];
    for (name, bytes, said) in cases.into_iter().chain(rows).chain(empty) {
        fs::write(d.join(name), bytes).unwrap();
        let o = run_in(d, &["eval", name, "-o", "ev"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        for s in said {
            assert!(err.contains(s), "{name}: {s:?} not in {err}");
        }
        assert!(!d.join("ev").exists(), "{name}");
    }
}

/// An F1 threshold is a number from 0 to 1: `--min-macro-f1 80` (meant as
/// a percentage) made every run fail, and `-0.5` or `nan` every run pass.
/// Refused by clap, naming the option, before anything is read.
#[test]
fn f1_thresholds_outside_zero_to_one_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("gold.csv"), "text,label\nDirected by Jane Campion,director\n").unwrap();
    let person =
        r#"{"text":"Directed by Jane Campion.","people":[{"name":"Jane Campion","role":"director"}]}"#;
    fs::write(d.join("gold.jsonl"), person).unwrap();
    for (command, gold, option) in
        [("eval", "gold.csv", "--min-macro-f1"), ("eval-people", "gold.jsonl", "--min-f1")]
    {
        for bad in ["80", "1.01", "-0.5", "nan", "inf", "high"] {
            let o = run_in(d, &[command, gold, "-o", "ev", option, bad]);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{command} {option} {bad}: {err}");
            assert!(err.contains(&format!("'{bad}' for '{option} <X>'")), "{command} {option} {bad}: {err}");
            assert!(err.contains("from 0 to 1"), "{err}");
            assert!(!d.join("ev").exists());
        }
        // Taken (exit 1 is the gate, when the figure is below).
        for good in ["0", "1", "0.5"] {
            let o = run_in(d, &[command, gold, "-o", &format!("ev-{command}-{good}"), option, good]);
            assert!(matches!(o.status.code(), Some(0 | 1)), "{command} {option} {good}: {}", stderr(&o));
        }
    }
}

#[test]
fn eval_with_data_tags_rows_inside_their_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(data.join("news")).unwrap();
    // One review, lower-case and one sentence per line: the row is its second line.
    fs::write(
        data.join("news/1.txt"),
        "the plot is thin .\nthe director keeps it moving .\nthe cast is fine .\n",
    )
    .unwrap();
    fs::write(data.join("m.json"), r#"[{"extract": "It was directed by Ann Lee. It rained."}]"#).unwrap();
    let gold = tmp.path().join("gold.csv");
    fs::write(
        &gold,
        "id,source,ref,label,text\n\
         a,critic,news/1.txt@19-49,director,the director keeps it moving .\n\
         b,wiki,m.json#0:extract@27-36,none,It rained.\n\
         c,wiki,m.json#3:extract@0-5,none,Gone.\n",
    )
    .unwrap();
    let out = tmp.path().join("ev");
    let o = rolecall().arg("eval").arg(&gold).arg("--data").arg(&data).arg("-o").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(
        table.contains("each row tagged alone") && table.contains("inside its source document"),
        "{table}"
    );
    assert!(table.contains("accuracy per source") && table.contains("critic"), "{table}");
    // Row c's document is not there: left out of that view, and said so.
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("row c left out") && err.contains("no element 3"), "{err}");
    let ev = read_csv(&out.join("eval.csv"));
    let acc =
        |view: &str| ev.iter().find(|r| r["view"] == view && r["metric"] == "accuracy").unwrap().clone();
    assert_eq!((acc("alone")["support"].as_str(), acc("in_document")["support"].as_str()), ("3", "2"));
    assert_eq!(acc("in_document")["value"], "1.000000");

    // Without a text column the texts come from the refs (white space folded).
    let refs_only = tmp.path().join("refs.csv");
    fs::write(&refs_only, "id,ref,label\na,news/1.txt@19-49,director\n").unwrap();
    let o = rolecall()
        .arg("eval")
        .arg(&refs_only)
        .arg("--data")
        .arg(&data)
        .arg("--force")
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("accuracy  1.000"));
    let o = rolecall().arg("eval").arg(&refs_only).arg("-o").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("give --data DIR"));
    // A --data folder that is not there is named as such, not as rows
    // without text.
    let missing = tmp.path().join("no-such-folder");
    let o = rolecall()
        .arg("eval")
        .arg(&refs_only)
        .arg("--data")
        .arg(&missing)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--data ") && err.contains("no-such-folder: not a folder"), "{err}");

    // --data needs a ref column.
    let plain = tmp.path().join("plain.csv");
    fs::write(&plain, "text,label\nIt rained.,none\n").unwrap();
    let o = rolecall().arg("eval").arg(&plain).arg("--data").arg(&data).arg("-o").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no `ref` column"));
}

/// A missing file is said with the option (a new user found the raw
/// system message with its "(os error 2)", and later `scan`'s wording,
/// which speaks of a batch of inputs).
#[test]
fn explain_of_a_missing_file_names_the_option() {
    let o = rolecall().args(["explain", "--file", "no-such-file.txt"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "rolecall: --file no-such-file.txt: no such file; check the path"
    );
}

/// `--file` reads a file as `scan` reads a text file (a new user found
/// gzip bytes and binary files explained as text): gzip decompressed, a
/// binary file refused, bad UTF-8 noted.
#[test]
fn explain_file_reads_gzip_and_refuses_binary() {
    use std::io::Write as _;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"Directed by Jane Campion, the film is luminous.").unwrap();
    let gz = gz.finish().unwrap();
    fs::write(d.join("a.txt.gz"), &gz).unwrap();
    let o = rolecall().current_dir(d).args(["explain", "--file", "a.txt.gz"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("directed by") && out.contains("director"), "{out}");
    // Cut short: an error naming the option and the file, no explanation.
    fs::write(d.join("cut.gz"), &gz[..gz.len() / 2]).unwrap();
    let o = rolecall().current_dir(d).args(["explain", "--file", "cut.gz"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--file cut.gz: gzip data that cannot be read"));
    assert!(o.stdout.is_empty());
    // (An executable: a zip file is named as such, see records.rs.)
    fs::write(d.join("b.bin"), b"\x7fELF\x02\x01\x01\x00 binary").unwrap();
    let o = rolecall().current_dir(d).args(["explain", "--file", "b.bin"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--file b.bin: a binary file (NUL byte at offset 7)"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    fs::write(d.join("l.txt"), b"Fran\xe7ois directed it.").unwrap();
    let o = rolecall().current_dir(d).args(["explain", "--file", "l.txt"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("note: l.txt: invalid UTF-8 (1 byte(s), first at offset 4)")
    );
    // --encoding as scan's.
    let o = rolecall()
        .current_dir(d)
        .args(["explain", "--file", "l.txt", "--encoding", "latin1"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"François directed it.\""));
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn explain_shows_matches_cues_rules_and_label() {
    let o = rolecall()
        .args(["explain", "Production fell at the plant. The film went into production."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("no context: needs screen"), "{s}");
    assert!(s.contains("cue film") && s.contains("=> producer"), "{s}");
    let o = rolecall().arg("explain").write_stdin("The directors of the company met.").output().unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("discounted: business cue \"company\""), "{s}");
}

/// `--stdout` without `-o` writes no folder: the options whose only work is
/// on its files are refused with exit 2, naming the option (a new user's
/// `--stdout documents --matches` was taken and wrote nothing). With `-o`
/// they are taken, and so is `--people` with `--stdout mentions`, and
/// `--group-by` and `--period` with `--stdout documents` (its rows gain
/// their fields).
#[test]
fn stdout_without_a_folder_refuses_the_options_that_only_write_there() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir(d.join("news")).unwrap();
    fs::write(d.join("news/a.txt"), "Directed by Ann Lee. The producer raised the budget.").unwrap();
    // (Options, what is said, the column the documents rows gain instead.)
    let cases: [(&[&str], &str, Option<&str>); 7] = [
        (&["--matches"], "--matches writes matches.csv to the output folder", None),
        (&["--people"], "--people writes mentions.csv and people.csv to the output folder", None),
        (
            &["--path-field", "kind=-1", "--group-by", "kind"],
            "--group-by writes groups.csv to the output folder",
            Some("kind"),
        ),
        (&["--period", "year"], "--period writes groups.csv to the output folder", Some("date")),
        (
            &["--output-format", "parquet"],
            "--output-format sets the format of the tables in the output folder",
            None,
        ),
        (&["--output-format", "csv"], "--output-format sets the format", None),
        (&["--force"], "--force replaces an earlier run's outputs in the output folder", None),
    ];
    for (i, (extra, said, column)) in cases.into_iter().enumerate() {
        for rows in ["sentences", "documents"] {
            let mut args = vec!["scan", "news", "--stdout", rows, "-q"];
            args.extend(extra);
            let o = run_in(d, &args);
            let err = stderr(&o);
            match column.filter(|_| rows == "documents") {
                Some(column) => {
                    assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
                    let header = String::from_utf8_lossy(&o.stdout).lines().next().unwrap_or("").to_string();
                    assert!(header.split(',').any(|c| c == column), "{args:?}: {header}");
                }
                None => {
                    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
                    assert!(err.starts_with(&format!("rolecall: {said}")), "{args:?}: {err}");
                    assert!(err.contains("--stdout without -o/--out writes no folder: give -o DIR"), "{err}");
                    assert!(o.stdout.is_empty(), "{args:?}");
                }
            }
            assert!(!d.join("rolecall-out").exists());
            let out = format!("out-{i}-{rows}");
            args.extend(["-o", &out]);
            let o = run_in(d, &args);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
            assert!(!o.stdout.is_empty(), "{args:?}");
        }
    }
    let o = run_in(d, &["scan", "news", "--stdout", "mentions", "--people", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Ann Lee"));
}

/// One of a thing is counted in the singular ("1 roles, 1 terms" was printed).
#[test]
fn lexicon_check_counts_one_in_the_singular() {
    let tmp = tempfile::tempdir().unwrap();
    let lex = lexicon_dir(tmp.path(), &[("director.csv", "term,kind\ndirector,role\n")]);
    let o =
        rolecall().args(["lexicon", "check", lex.to_str().unwrap(), "--sample", "corpus"]).output().unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.starts_with("1 role, 1 term (0 wildcard), 0 context cues; "), "{s}");
}

#[test]
fn lexicon_check_passes_shipped_lexicons_and_flags_problems() {
    let o = rolecall().args(["lexicon", "check", "lexicons"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let tmp = tempfile::tempdir().unwrap();
    let lex = lexicon_dir(
        tmp.path(),
        &[
            ("director.csv", "term,kind\ndirector,role\nd*,role\n"),
            ("producer.csv", "term,kind\nproducer director,role\n"),
        ],
    );
    let o = rolecall()
        .args(["lexicon", "check", lex.to_str().unwrap(), "--sample", "corpus", "--max-wildcard-words", "5"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("shadowed") && s.contains("wide-wildcard"), "{s}");
    // No sample text: the wildcard check says it did not run.
    let o = rolecall()
        .args(["lexicon", "check", lex.to_str().unwrap()])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(
        s.contains("note: wide wildcards not checked: no corpus/ folder here; give --sample PATH"),
        "{s}"
    );
    lexicon_dir(tmp.path(), &[("producer.csv", "term,kind\ndirector,role\n")]);
    let o = rolecall().args(["lexicon", "check", lex.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("is also in role"));
}

#[test]
fn large_files_are_streamed_with_the_same_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    let para = "The film was directed by Ann Lee and produced by Bo Li.\n\n";
    let n = 3_000_000 / para.len();
    // A large file with a NUL far from its start is skipped whole.
    let mut bin = para.repeat(n).into_bytes();
    bin.extend_from_slice(b"\0tail");
    fs::write(input.join("a-binary.txt"), &bin).unwrap();
    // A large file with bad UTF-8 in its second half is repaired, offsets kept.
    let mut bad = para.repeat(n).into_bytes();
    let at = bad.len();
    bad.extend_from_slice(b"Caf\xe9 talk. The director spoke.\n");
    fs::write(input.join("b-bad.txt"), &bad).unwrap();
    let out = tmp.path().join("out");
    let o = scan(&[input.to_str().unwrap(), "--sentences", "all"], &out);
    assert_eq!(o.status.code(), Some(1));
    let errs = error_rows(&out);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(
        errs[0].0.ends_with("a-binary.txt")
            && errs[0].1.contains(&format!("NUL byte at offset {}", bin.len() - 5))
    );
    assert!(
        errs[1].0.ends_with("b-bad.txt") && errs[1].1.contains(&format!("first at offset {}", at + 3)),
        "{errs:?}"
    );
    let all_rows = read_csv(&out.join("sentences.csv"));
    // The binary file's first blocks were tagged before its NUL was read:
    // their rows are taken back.
    assert!(!all_rows.iter().any(|r| r["doc"].ends_with("a-binary.txt")));
    let rows: Vec<_> = all_rows.into_iter().filter(|r| r["doc"].ends_with("b-bad.txt")).collect();
    assert_eq!(rows.len(), n + 2);
    let last = rows.last().unwrap();
    let (s, e): (usize, usize) = (last["start"].parse().unwrap(), last["end"].parse().unwrap());
    assert_eq!(&bad[s..e], b"The director spoke.");
    assert_eq!(last["sentence"], (n + 1).to_string());
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["bytes"], bad.len().to_string());
    // Rows on standard output cannot be taken back: none is printed for it.
    let o =
        rolecall().args(["scan", input.to_str().unwrap(), "--stdout", "sentences", "-q"]).output().unwrap();
    let printed = String::from_utf8(o.stdout).unwrap();
    assert!(printed.contains("b-bad.txt") && !printed.contains("a-binary.txt"));
}

#[test]
fn gen_corpus_is_deterministic_and_refuses_a_used_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let generate = |dir: &Path, seed: &str| {
        rolecall().args(["gen-corpus", "--mb", "0.02", "--seed", seed, "--out"]).arg(dir).output().unwrap()
    };
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(generate(&a, "5").status.code(), Some(0));
    assert_eq!(generate(&b, "5").status.code(), Some(0));
    let files = |d: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(d)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(d).unwrap().display().to_string(), fs::read(e.path()).unwrap()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(files(&a), files(&b));
    assert!(files(&a).iter().map(|(_, d)| d.len()).sum::<usize>() >= 20_000);
    let o = generate(&a, "5");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not empty"));
    // The generated corpus scans cleanly.
    assert_eq!(scan(&[a.to_str().unwrap()], &tmp.path().join("out")).status.code(), Some(0));
}

#[test]
fn bench_script_parses() {
    let o =
        std::process::Command::new("bash").arg("-n").arg(root().join("scripts/bench.sh")).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A user's mistake in an option gets a message that names the option and
/// says what was expected, not a bare system error.
#[test]
fn wrong_option_paths_are_named_with_their_option() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("empty")).unwrap();
    fs::write(d.join("file.txt"), "Directed by Ann.").unwrap();
    fs::write(d.join("list.txt"), "file.txt\n  missing.txt \n").unwrap();
    let corpus = root().join("corpus");
    let corpus = corpus.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["-l", "nope"], "-l/--lexicons nope: no such folder"),
        (&["-l", "file.txt"], "-l/--lexicons file.txt: a file, not a folder"),
        (&["-l", "empty"], "-l/--lexicons empty: no lexicon files"),
        (&["-o", "file.txt"], "-o/--out file.txt: a file, not a folder"),
        (&["--files-from", "nolist"], "--files-from nolist: cannot read the list"),
        (&["--include", "["], "--include \"[\": not a glob"),
        (
            &["-o", "file.txt/sub"],
            "-o/--out file.txt/sub: cannot create the output folder: file.txt is a file",
        ),
        (&["--files-from", "list.txt"], "--files-from list.txt:2: missing.txt: no such file or folder"),
    ];
    for (args, want) in cases {
        let mut all = vec!["scan", corpus, "-q"];
        if !args.contains(&"-o") {
            all.extend(["-o", "out"]);
        }
        all.extend_from_slice(args);
        let o = run_in(d, &all);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!d.join("out").exists(), "{args:?} touched the output folder");
    }
}

#[test]
fn files_from_dash_reads_the_list_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    fs::write(&a, "Produced by Bob.").unwrap();
    let out = dir.path().join("out");
    let list = format!("{}\n\n", a.display());
    rolecall().args(["scan", "--files-from", "-", "-q", "-o"]).arg(&out).write_stdin(list).assert().success();
    assert_eq!(column(&out.join("documents.csv"), "doc"), [a.display().to_string()]);
}

/// A list saved with a UTF-8 byte-order mark (Notepad's "UTF-8 with BOM")
/// reads its first path without it (it failed as "a.txt: no such file",
/// the mark unseen); from a file and from standard input. A path that
/// fails because of a character nobody sees shows it, escaped.
#[test]
fn files_from_strips_a_byte_order_mark_and_failed_paths_show_invisible_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "Produced by Bob.").unwrap();
    fs::write(d.join("b.txt"), "Directed by Ann.").unwrap();
    let list = "\u{feff}a.txt\r\nb.txt\r\n";
    fs::write(d.join("list.txt"), list).unwrap();
    let o = run_in(d, &["scan", "--files-from", "list.txt", "-q", "-o", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(column(&d.join("out/documents.csv"), "doc"), ["a.txt", "b.txt"]);
    let o = rolecall_in(d)
        .args(["scan", "--files-from", "-", "-q", "-o", "in"])
        .write_stdin(list)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(column(&d.join("in/documents.csv"), "doc"), ["a.txt", "b.txt"]);

    // Only the first line's mark is one; a zero-width space, a BOM inside
    // and an escape sequence are shown as what they are.
    for (line, shown) in [
        ("a.txt\u{200b}", "a.txt\\u{200b}"),
        ("\u{feff}b.txt", "\\u{feff}b.txt"),
        ("c\u{1b}[2J.txt", "c\\u{1b}[2J.txt"),
        ("d\u{ad}.txt", "d\\u{ad}.txt"),
    ] {
        fs::write(d.join("bad.txt"), format!("\u{feff}a.txt\n{line}\n")).unwrap();
        let o = run_in(d, &["scan", "--files-from", "bad.txt", "-q", "-o", "bad"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert_eq!(
            err,
            format!(
                "rolecall: --files-from bad.txt:2: {shown}: no such file or folder; check the path (inputs are checked before any is read, so nothing was read)\n"
            )
        );
    }
}

#[test]
fn include_and_exclude_globs_and_earlier_outputs_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    for (rel, text) in
        [("a/x.txt", "Directed by Ann."), ("b/y.md", "Produced by Bob."), ("z.txt", "Produced by Cy.")]
    {
        fs::create_dir_all(input.join(rel).parent().unwrap()).unwrap();
        fs::write(input.join(rel), text).unwrap();
    }
    // An earlier scan's outputs inside the input folder.
    let old = input.join("old");
    assert!(run_in(dir.path(), &["scan", "in", "-q", "-o", "in/old"]).status.success());
    let docs = |args: &[&str]| {
        let out = dir.path().join("out");
        let _ = fs::remove_dir_all(&out);
        let o = run_in(dir.path(), &[&["scan", "in", "-o", "out"], args].concat());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mut got: Vec<String> = column(&out.join("documents.csv"), "doc");
        got.iter_mut().for_each(|d| *d = d.replace('\\', "/"));
        (got, String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (all, err) = docs(&[]);
    assert_eq!(all, ["in/a/x.txt", "in/b/y.md", "in/z.txt"]);
    assert!(err.contains(&format!("note: left out {}", Path::new("in").join("old").display())), "{err}");
    assert!(old.join("run.json").exists());
    assert_eq!(docs(&["--include", "*.txt"]).0, ["in/a/x.txt", "in/z.txt"]);
    assert_eq!(docs(&["--exclude", "a"]).0, ["in/b/y.md", "in/z.txt"]);
    assert_eq!(docs(&["--include", "*.txt", "--exclude", "z.*"]).0, ["in/a/x.txt"]);
    // A path given itself is read whatever the globs say.
    let o = run_in(dir.path(), &["scan", "in/b/y.md", "-q", "-o", "out2", "--include", "*.txt"]);
    assert!(o.status.success());
    assert_eq!(column(&dir.path().join("out2/documents.csv"), "doc"), ["in/b/y.md"]);
}

/// `eval --data` that no ref resolves under is an error naming the option;
/// an earlier eval's outputs are kept unless --force.
#[test]
fn eval_refuses_a_data_folder_that_holds_no_ref_and_earlier_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("data/docs")).unwrap();
    fs::write(d.join("data/docs/a.txt"), "Rain. Directed by Ann Lee.").unwrap();
    fs::write(d.join("gold.csv"), "id,ref,label,text\nr1,docs/a.txt@6-26,director,Directed by Ann Lee.\n")
        .unwrap();
    let o = run_in(d, &["eval", "gold.csv", "--data", ".", "-o", "ev"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("--data .: no row's ref leads to a document under it"), "{err}");
    let o = run_in(d, &["eval", "gold.csv", "--data", "data", "-o", "ev"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("rows 1"));
    let o = run_in(d, &["eval", "gold.csv", "--data", "data", "-o", "ev"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("pass --force"));
    assert!(run_in(d, &["eval", "gold.csv", "--data", "data", "-o", "ev", "--force"]).status.success());
}

/// `--out` equal to an input folder would scan nothing (the output folder
/// is left out of the walk): refused before anything is written.
#[test]
fn out_equal_to_an_input_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), "Directed by Ann.").unwrap();
    let o = run_in(dir.path(), &["scan", "in", "-q", "-o", "in"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("in: the output folder is also an input folder"));
    let mut left: Vec<_> = fs::read_dir(&input).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["a.txt"]);
}

/// `-j` far beyond the cores is capped (with a note), not obeyed.
#[test]
fn huge_thread_counts_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Directed by Ann.").unwrap();
    let start = std::time::Instant::now();
    let o = run_in(dir.path(), &["scan", "a.txt", "-j", "100000", "-o", "out"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
    assert!(String::from_utf8_lossy(&o.stderr).contains("-j 100000 capped at"));
    assert!(run_json(&dir.path().join("out"))["threads"].as_u64().unwrap() <= 8 * 64);
}

/// A symbolic link inside an input folder that leads outside it is not
/// followed unless --follow (a planted link must not put other files'
/// lines in the outputs); a link given as a path is followed.
#[cfg(unix)]
#[test]
fn links_inside_input_folders_are_not_followed_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("in")).unwrap();
    fs::create_dir_all(d.join("outside")).unwrap();
    fs::write(d.join("in/a.txt"), "Directed by Ann.").unwrap();
    fs::write(d.join("outside/secret.txt"), "Produced by the secret.").unwrap();
    std::os::unix::fs::symlink(d.join("outside"), d.join("in/link")).unwrap();
    std::os::unix::fs::symlink(d.join("in"), d.join("in-link")).unwrap();
    let o = run_in(d, &["scan", "in", "-o", "o1"]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("1 symbolic link(s) inside the input folders not followed")
    );
    assert_eq!(column(&d.join("o1/documents.csv"), "doc"), ["in/a.txt"]);
    assert!(run_in(d, &["scan", "in", "-q", "--follow", "-o", "o2"]).status.success());
    assert_eq!(column(&d.join("o2/documents.csv"), "doc"), ["in/a.txt", "in/link/secret.txt"]);
    // A link given as a path is followed (its own links are not).
    assert!(run_in(d, &["scan", "in-link", "-q", "-o", "o3"]).status.success());
    assert_eq!(column(&d.join("o3/documents.csv"), "doc"), ["in-link/a.txt"]);
}

/// The labels `explain` prints for the units of its text, in order.
fn explained_labels(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("counted: "))
        .filter_map(|l| l.rsplit_once("=> ").map(|(_, label)| label.trim().to_string()))
        .collect()
}

/// `explain --file PATH --record ID` tags a record as `scan` does (a user
/// auditing a row of sentences.csv could only explain a record's raw line),
/// and `explain --file` of an HTML file its reduced text: for every
/// document of a scan of records and HTML, explain's unit labels are the
/// labels scan wrote, in order.
#[test]
fn explain_of_a_record_or_an_html_file_tags_it_as_scan_does() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir(d.join("in")).unwrap();
    fs::write(
        d.join("in/news.jsonl"),
        concat!(
            "{\"id\":\"n1\",\"body\":\"The producer raised the budget. Directed by Ann Lee. It rained.\"}\n",
            "{\"id\":\"n2\",\"body\":\"Director Jane Roe attended the premiere. The plot is thin.\"}\n",
            "{\"body\":\"Filming began in May in Toronto, and the studio set the release date.\"}\n",
        ),
    )
    .unwrap();
    fs::write(
        d.join("in/c.csv"),
        "id,body\n7,\"The cast is fine. She wrote, directed and produced the film.\"\n",
    )
    .unwrap();
    fs::write(
        d.join("in/page.html"),
        "<html><head><title>News</title><style>p{}</style></head><body><p>Directed by <b>Jane Campion</b>.</p>\
         <script>var producer = 1;</script><p>The film took $20m at the box office.</p></body></html>",
    )
    .unwrap();
    let o = rolecall()
        .current_dir(d)
        .args(["scan", "in", "--sentences", "all", "--text-field", "body", "-q", "-o", "out"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let mut by_doc: Vec<(String, Vec<String>)> = Vec::new();
    for row in read_csv(&d.join("out/sentences.csv")) {
        match by_doc.last_mut() {
            Some((doc, labels)) if *doc == row["doc"] => labels.push(row["label"].clone()),
            _ => by_doc.push((row["doc"].clone(), vec![row["label"].clone()])),
        }
    }
    assert_eq!(by_doc.len(), 5, "{by_doc:?}");
    assert!(by_doc.iter().any(|(doc, _)| doc == "in/news.jsonl#3"), "{by_doc:?}");
    for (doc, labels) in &by_doc {
        let mut cmd = rolecall();
        cmd.current_dir(d).arg("explain");
        match doc.split_once('#') {
            Some((path, id)) => cmd.args(["--file", path, "--record", id, "--text-field", "body"]),
            None => cmd.args(["--file", doc.as_str()]),
        };
        let o = cmd.output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{doc}: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(&explained_labels(&o.stdout), labels, "{doc}: {}", String::from_utf8_lossy(&o.stdout));
    }
    // (The HTML file's script is not read: its "producer" is no match.)
    let o = rolecall().current_dir(d).args(["explain", "--file", "in/page.html"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&o.stdout).contains("var producer"));
}

/// The spans `explain` prints for a file or record are the ones scan
/// writes: a unit's and a person's, in the field of a record tagged from
/// several text fields ("body 0..31"), and in the original bytes of a
/// file whose bad bytes were repaired (a Latin-1 byte is one byte there,
/// three in the repaired text).
#[test]
fn explain_spans_are_the_ones_scan_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir(d.join("in")).unwrap();
    fs::write(
        d.join("in/a.jsonl"),
        "{\"id\":\"a\",\"title\":\"Directed by Jane Campion.\",\"body\":\"The producer raised the budget. Produced by Ann Lee.\"}\n",
    )
    .unwrap();
    fs::write(d.join("in/l.txt"), b"Caf\xe9 owner. The producer paid. Directed by Jane Campion.\n").unwrap();
    let scan = |input: &str, out: &str, more: &[&str]| {
        let o = rolecall()
            .current_dir(d)
            .args(["scan", input, "--sentences", "all", "--people", "-q", "-o", out])
            .args(more)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    };
    scan("in/a.jsonl", "o1", &["--text-field", "title,body"]);
    scan("in/l.txt", "o2", &[]);
    // scan's spans: "[field ]start..end" per unit, then per person.
    let spans = |dir: &str, file: &str| -> Vec<String> {
        read_csv(&d.join(dir).join(file))
            .iter()
            .map(|r| {
                let field = r.get("field").map(|f| format!("{f} ")).unwrap_or_default();
                format!("{field}{}..{}", r["start"], r["end"])
            })
            .collect()
    };
    let explained = |args: &[&str]| -> (Vec<String>, Vec<String>) {
        let o = rolecall().current_dir(d).arg("explain").args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        let units = out
            .lines()
            .filter(|l| l.starts_with('['))
            .map(|l| l.split_once("] ").unwrap().1.split("  ").next().unwrap().to_string())
            .collect();
        let people = out
            .lines()
            .filter_map(|l| l.trim().strip_prefix("person "))
            .map(|l| {
                let (before, _) = l.split_once(": ").unwrap();
                let role = if before.contains(" director ") { " director " } else { " producer " };
                before.split_once(role).unwrap().1.to_string()
            })
            .collect();
        (units, people)
    };
    let (units, people) = explained(&["--file", "in/a.jsonl", "--record", "a", "--text-field", "title,body"]);
    assert_eq!(units, spans("o1", "sentences.csv"));
    assert_eq!(units, ["title 0..25", "body 0..31", "body 32..52"]);
    assert_eq!(people, spans("o1", "mentions.csv"));
    assert_eq!(people, ["title 12..24", "body 44..51"]);
    let (units, people) = explained(&["--file", "in/l.txt"]);
    assert_eq!(units, spans("o2", "sentences.csv"));
    assert_eq!(units[1], "12..30");
    assert_eq!(people, spans("o2", "mentions.csv"));
}

/// `--record` mistakes name the option and what was found.
#[test]
fn explain_record_mistakes_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("n.jsonl"), "{\"id\":\"a\",\"text\":\"It rained.\"}\nnot json\n").unwrap();
    fs::write(d.join("t.txt"), "Directed by Ann Lee.").unwrap();
    let err = |args: &[&str]| {
        let o = rolecall().current_dir(d).args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let e = err(&["explain", "--file", "n.jsonl", "--record", "zz"]);
    assert!(
        e.contains("--record \"zz\": no record of n.jsonl has that id (2 record(s) read as jsonl, 1 of them could not be read, the first: line 2: text (\"not json\"), not JSON"),
        "{e}"
    );
    let e = err(&["explain", "--file", "n.jsonl", "--record", "a", "--id-field", "key"]);
    assert!(e.contains("no field `key`") && e.contains("--id-field \"key\""), "{e}");
    let e = err(&["explain", "--file", "t.txt", "--record", "1"]);
    assert!(e.contains("--record \"1\": t.txt is read as text (one document"), "{e}");
    let e = err(&["explain", "Directed by Ann Lee.", "--record", "1"]);
    assert!(e.contains("--record reads a file: give it with --file PATH"), "{e}");
    // Without --record a file of records is its raw text, with a note.
    let o = rolecall().current_dir(d).args(["explain", "--file", "n.jsonl"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--record ID explains one record"));
}

/// What `scan` notes about a record `explain --record` says too, and the
/// ids scan writes that are not a record's own (found by a review): two
/// records with one id (the first is explained, with a note), an id scan
/// shortened (over 512 bytes), a null `--id-field` (the line number).
#[test]
fn explain_record_finds_shortened_ids_and_notes_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let long = "x".repeat(600);
    fs::write(
        d.join("n.jsonl"),
        format!(
            "{{\"id\":\"{long}\",\"text\":\"Directed by Ann Lee.\"}}\n\
             {{\"id\":\"twice\",\"text\":\"The producer raised the budget.\"}}\n\
             {{\"id\":\"twice\",\"text\":\"It rained.\"}}\n\
             {{\"id\":null,\"text\":\"She wrote, directed and produced the film.\"}}\n"
        ),
    )
    .unwrap();
    let o = rolecall()
        .current_dir(d)
        .args(["scan", "n.jsonl", "--sentences", "all", "-q", "-o", "out"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = column(&d.join("out/sentences.csv"), "doc");
    let shortened = docs[0].split_once('#').unwrap().1.to_string();
    assert!(shortened.len() < 520 && shortened.contains('~'), "{shortened}");
    let explain = |id: &str, extra: &[&str]| {
        let o = rolecall()
            .current_dir(d)
            .args(["explain", "--file", "n.jsonl", "--record", id])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{id}: {}", String::from_utf8_lossy(&o.stderr));
        (explained_labels(&o.stdout), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    assert_eq!(explain(&shortened, &[]).0, ["director"]);
    let (labels, err) = explain("twice", &[]);
    assert_eq!(labels, ["producer"]);
    assert!(err.contains("2 records have the id \"twice\"") && err.contains("explaining the first"), "{err}");
    let (labels, err) = explain("4", &["--id-field", "id"]);
    assert_eq!(labels, ["both"]);
    assert!(err.contains("line 4: field `id` (--id-field) is null"), "{err}");
}

/// Found by a trial: "no file to read" did not say where, which a batch
/// log of many scans needs.
#[test]
fn an_empty_folder_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty-shard");
    fs::create_dir(&empty).unwrap();
    let o = rolecall().arg("scan").arg(&empty).arg("-o").arg(tmp.path().join("out")).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("no file to read in {}: the folders given are empty", empty.display())),
        "{err}"
    );
    assert!(!tmp.path().join("out").exists());
}
