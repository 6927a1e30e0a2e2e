//! Inputs and arguments that try to turn the outputs against the user
//! (issue 14 items 9-12; part of the fault matrix): ids that collide or
//! blow up the outputs, cells a spreadsheet runs as formulas, names that
//! drive the terminal, sizes that exhaust memory.

use std::fs;
use std::path::Path;

use crate::util::{column, error_rows, read_csv, rolecall_in, run_in, stderr};

/// Files with names that are not UTF-8, or that hold `#` or `%`, get ids
/// that are distinct and give their paths back (issue 14 item 9).
#[cfg(unix)]
#[test]
fn ids_of_odd_file_names_are_distinct_and_reversible() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir(d.join("d")).unwrap();
    let write = |name: &[u8], text: &str| fs::write(d.join("d").join(OsStr::from_bytes(name)), text).unwrap();
    write(b"a\xff", "The director left.");
    write(b"a\xfe", "The producer left.");
    write(b"news.jsonl", "{\"id\":1,\"text\":\"Directed by Ann.\"}\n");
    write(b"news.jsonl#1", "Produced by Bo.");
    write(b"100%.txt", "The director stayed.");
    write(b"100%25.txt", "The producer stayed.");
    let o = rolecall_in(d).args(["scan", "d", "-o", "out", "-q"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut docs = column(&d.join("out/documents.csv"), "doc");
    let want = ["d/100%25.txt", "d/100%2525.txt", "d/a%FE", "d/a%FF", "d/news.jsonl#1", "d/news.jsonl%231"];
    docs.sort();
    assert_eq!(docs, want);
    // Each id leads back to its file: percent-decoded before the first `#`.
    for id in &docs {
        let path = id.split('#').next().unwrap();
        let bytes: Vec<u8> = percent_decode(path);
        assert!(d.join(OsStr::from_bytes(&bytes)).is_file(), "{id}");
    }
    assert!(error_rows(&d.join("out")).is_empty());
}

/// `%XX` escapes decoded (test side: the decoding the README documents).
#[cfg(unix)]
fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// A 100,000-byte id on a record of thousands of sentences made a
/// gigabyte of rows: ids are capped, distinct, and noted (issue 14 item 9).
#[test]
fn huge_record_ids_are_capped_distinct_and_noted() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let long = "x".repeat(100_000);
    let text = "Directed by Ann Lee. ".repeat(2_000);
    let rec = |id: &str| serde_json::json!({ "id": id, "text": text }).to_string();
    let input = format!("{}\n{}\n", rec(&format!("{long}a")), rec(&format!("{long}b")));
    fs::write(d.join("big.jsonl"), &input).unwrap();
    let o = rolecall_in(d).args(["scan", "big.jsonl", "-o", "out", "-q"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // 4,000 rows: about 2 MB with capped ids, 400 MB with whole ones.
    let size = fs::metadata(d.join("out/sentences.csv")).unwrap().len();
    assert!(size < 3_000_000, "sentences.csv is {size} bytes for {} of input", input.len());
    let docs = column(&d.join("out/documents.csv"), "doc");
    assert_eq!(docs.len(), 2);
    assert_ne!(docs[0], docs[1], "capped ids collide");
    for id in &docs {
        assert!(id.len() <= 512 && id.starts_with("big.jsonl#xxx"), "{} bytes", id.len());
    }
    let rows = read_csv(&d.join("out/sentences.csv"));
    assert!(rows.iter().all(|r| docs.contains(&r["doc"])));
    let errors = error_rows(&d.join("out"));
    assert_eq!(errors.len(), 2, "{errors:?}");
    for ((path, problem), id) in errors.iter().zip(&docs) {
        assert_eq!(path, id);
        assert!(problem.contains("100011 bytes capped at 512"), "{problem}");
    }
    let summary = read_csv(&d.join("out/summary.csv"));
    assert_eq!(summary[0]["documents_skipped"], "0", "a note, not a skip");
}

/// The same file given twice, listed twice (written another way), or
/// found again below a second input folder was read twice: two documents
/// with one id, counts doubled, exit 0 and nothing said. Now it is read
/// once, where first met; each later place is a note row in errors.csv
/// (neither skipped nor repaired) and a note on stderr and in run.json.
/// Standard input twice is a usage error. Shards with a file met twice
/// merge as one scan would have written them.
#[test]
fn the_same_file_given_twice_is_read_once_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir_all(d.join("d/sub")).unwrap();
    fs::write(d.join("d/a.txt"), "The director shot it.\n").unwrap();
    fs::write(d.join("d/sub/b.txt"), "The producer paid.\n").unwrap();
    fs::write(d.join("list"), "d/a.txt\nd/a.txt\n./d/a.txt\nd/sub/../a.txt\n").unwrap();
    let same = |first: &str| format!("the same file as `{first}` (given or found twice), read once");
    let cases: [(&[&str], &[&str], &[&str]); 4] = [
        (&["d/a.txt", "d/a.txt"], &["d/a.txt"], &["d/a.txt"]),
        (&["d", "d/sub"], &["d/a.txt", "d/sub/b.txt"], &["d/sub/b.txt"]),
        (&["d/sub", "d"], &["d/sub/b.txt", "d/a.txt"], &["d/sub/b.txt"]),
        (&["--files-from", "list"], &["d/a.txt"], &["d/a.txt", "./d/a.txt", "d/sub/../a.txt"]),
    ];
    for (i, (args, docs, again)) in cases.iter().enumerate() {
        let out = format!("o{i}");
        let o = rolecall_in(d).arg("scan").args(*args).args(["-o", &out]).output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        let out = d.join(out);
        assert_eq!(column(&out.join("documents.csv"), "doc"), *docs, "{args:?}");
        let first = |id: &str| if id.ends_with("b.txt") { "d/sub/b.txt" } else { "d/a.txt" };
        let want: Vec<(String, String)> = again.iter().map(|id| (id.to_string(), same(first(id)))).collect();
        assert_eq!(error_rows(&out), want, "{args:?}");
        // Counted once everywhere: a note, not a skip.
        let summary = &read_csv(&out.join("summary.csv"))[0];
        assert_eq!(
            (summary["documents"].as_str(), summary["documents_skipped"].as_str()),
            (&*docs.len().to_string(), "0")
        );
        let run: serde_json::Value =
            serde_json::from_slice(&fs::read(out.join("run.json")).unwrap()).unwrap();
        assert_eq!(
            (run["documents"].as_u64(), run["inputs"].as_u64()),
            (Some(docs.len() as u64), Some(docs.len() as u64))
        );
        let note = format!("{} input(s) given or found twice were read once, where first met", again.len());
        assert!(run["notes"][0].as_str().unwrap().starts_with(&note), "{run}");
        assert!(err.contains(&format!("rolecall: note: {note}")), "{err}");
        assert!(
            err.contains(&format!("rolecall: {} document", docs.len())) && !err.contains("skipped"),
            "{err}"
        );
    }
    // Standard input can be read once: `-` twice is refused, whichever way.
    fs::write(d.join("dash"), "d/a.txt\n-\n").unwrap();
    for (args, want) in [
        (&["-", "-"][..], "the path - (standard input) is given twice"),
        (
            &["-", "--files-from", "dash"][..],
            "--files-from dash:2: -: standard input is read already, for the PATH -",
        ),
    ] {
        let o = rolecall_in(d)
            .arg("scan")
            .args(args)
            .args(["-o", "x"])
            .write_stdin("The director.")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
        assert!(!d.join("x").exists(), "{args:?} touched the output folder");
    }
    let o = rolecall_in(d)
        .args(["scan", "--files-from", "-", "-o", "x"])
        .write_stdin("d/a.txt\n-\n")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--files-from -:2: -: standard input holds the list itself"),
        "{}",
        stderr(&o)
    );
    // A shard with a file met twice merges as one scan of all the inputs;
    // shards sharing a file are still refused.
    let ok = |args: &[&str]| {
        let o = rolecall_in(d).args(args).arg("-q").output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    };
    ok(&["scan", "d/a.txt", "d/a.txt", "-o", "s1"]);
    ok(&["scan", "d/sub", "-o", "s2"]);
    ok(&["merge", "s2", "s1", "-o", "merged"]);
    ok(&["scan", "d/a.txt", "d/a.txt", "d/sub", "-o", "whole"]);
    for f in ["sentences.csv", "documents.csv", "errors.csv", "summary.csv", "terms.csv"] {
        assert_eq!(
            fs::read(d.join("merged").join(f)).unwrap(),
            fs::read(d.join("whole").join(f)).unwrap(),
            "{f}"
        );
    }
    let o = rolecall_in(d).args(["merge", "s1", "o0", "-o", "refused"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("input d/a.txt is in two shards"), "{}", stderr(&o));
}

/// Every cell of every CSV output.
fn cells(dir: &Path) -> Vec<String> {
    let mut all = Vec::new();
    for f in ["sentences.csv", "documents.csv", "errors.csv", "terms.csv", "summary.csv", "groups.csv"] {
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_path(dir.join(f)).unwrap();
        for rec in r.records() {
            all.extend(rec.unwrap().iter().map(String::from));
        }
    }
    all
}

fn formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Cells that a spreadsheet would run are exact by default and made inert
/// by `--csv-safe` in every CSV output and the `--stdout` rows (issue 14
/// item 10).
#[test]
fn csv_safe_defuses_formula_cells_everywhere_and_default_keeps_them_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let text = "=HYPERLINK(\"http://evil.example\",\"Directed by Ann\")\n\n+SUM(1) The producer paid.\n\n-2 The director said so.\n\n@cmd The producer agreed.\n";
    fs::write(d.join("=1+2.txt"), text).unwrap();
    fs::write(d.join("@bin.txt"), b"abc\0").unwrap();
    let args = ["scan", "=1+2.txt", "@bin.txt", "--sentences", "all", "-q", "--stdout", "sentences"];
    let exact = rolecall_in(d).args(args).args(["-o", "exact"]).output().unwrap();
    assert_eq!(exact.status.code(), Some(1), "{}", stderr(&exact));
    let texts = column(&d.join("exact/sentences.csv"), "text");
    assert!(texts.iter().any(|t| t.starts_with("=HYPERLINK(")), "{texts:?}");
    assert!(column(&d.join("exact/documents.csv"), "doc").contains(&"=1+2.txt".to_string()));

    let safe = rolecall_in(d).args(args).args(["-o", "safe", "--csv-safe"]).output().unwrap();
    assert_eq!(safe.status.code(), Some(1), "{}", stderr(&safe));
    let all = cells(&d.join("safe"));
    assert!(all.iter().all(|c| !formula_like(c)), "{:?}", all.iter().find(|c| formula_like(c)));
    for (file, col, want) in [
        ("sentences.csv", "text", "'=HYPERLINK("),
        ("sentences.csv", "text", "'+SUM(1)"),
        ("sentences.csv", "text", "'-2 The director"),
        ("sentences.csv", "text", "'@cmd"),
        ("documents.csv", "doc", "'=1+2.txt"),
        ("errors.csv", "path", "'@bin.txt"),
    ] {
        let values = column(&d.join("safe").join(file), col);
        assert!(values.iter().any(|v| v.starts_with(want)), "{file} {col}: {values:?}");
    }
    let mut r = csv::Reader::from_reader(&safe.stdout[..]);
    let streamed: Vec<String> =
        r.records().flat_map(|rec| rec.unwrap().iter().map(String::from).collect::<Vec<_>>()).collect();
    assert!(streamed.iter().any(|c| c.starts_with("'=HYPERLINK(")));
    assert!(streamed.iter().all(|c| !formula_like(c)));
    // Merged --csv-safe shards keep their cells and their order (exit 1,
    // as the shard's scan: bin.txt was skipped).
    let o = run_in(d, &["merge", "safe", "-o", "merged", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    for f in ["sentences.csv", "documents.csv", "errors.csv"] {
        assert_eq!(fs::read(d.join("safe").join(f)).unwrap(), fs::read(d.join("merged").join(f)).unwrap());
    }
}

/// File names, ids and record fields with control characters are printed
/// escaped on stderr, never raw (issue 14 item 11).
#[cfg(unix)]
#[test]
fn names_with_terminal_escapes_are_printed_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let evil = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J";
    fs::create_dir(d.join("in")).unwrap();
    fs::write(d.join("in").join(format!("{evil}.txt")), b"abc\0").unwrap();
    fs::write(
        d.join("in/rec.jsonl"),
        format!("{{\"te\\u001b[31mxt\":\"Directed by Ann.\",\"id\":\"{}\"}}\n", "\\u001b[2J"),
    )
    .unwrap();
    fs::write(d.join("in/ok.txt"), "Produced by Bo.").unwrap();
    // An earlier scan's folder inside the inputs, named with an escape: a note.
    let earlier = d.join("in").join(format!("old{evil}"));
    fs::create_dir(&earlier).unwrap();
    fs::write(earlier.join("run.json"), "{}").unwrap();
    fs::write(earlier.join("sentences.csv"), "doc\r\n").unwrap();
    let runs = [
        rolecall_in(d).args(["scan", "in", "--stdout", "sentences"]).output().unwrap(),
        rolecall_in(d).args(["scan", "in", "--stdout", "sentences", "--id-field", "nope"]).output().unwrap(),
        rolecall_in(d).args(["scan", &format!("missing{evil}")]).output().unwrap(),
        rolecall_in(d).args(["scan", "in", "-o", "out"]).output().unwrap(),
    ];
    for o in &runs {
        let err = stderr(o);
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "raw control characters: {err:?}");
    }
    let all: String = runs.iter().map(stderr).collect();
    assert!(all.contains("evil\\u{1b}]0;pwned\\u{7}\\u{1b}[2J.txt: binary file"), "{all}");
    assert!(all.contains("missingevil\\u{1b}"), "{all}");
    assert!(all.contains("left out in/oldevil\\u{1b}"), "{all}");
    assert!(all.contains("its fields: id, te\\u{1b}[31mxt"), "{all}");
}

/// Sizes that cannot be generated are refused by argument checks naming
/// the option, not by an allocation abort (issue 14 item 12).
#[test]
fn gen_corpus_refuses_sizes_it_cannot_make() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for (args, said) in [
        (&["--mb", "1", "--file-kb", "1e9"][..], "--file-kb"),
        (&["--mb", "0.01", "--file-kb", "100"][..], "--file-kb"),
        (&["--mb", "1e12"][..], "--mb"),
        (&["--mb", "1", "--file-kb", "0"][..], "--file-kb"),
        (&["--mb", "NaN"][..], "--mb"),
        (&["--mb", "-1"][..], "--mb"),
    ] {
        let o = rolecall_in(d).arg("gen-corpus").args(args).args(["--out", "g"]).output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(!d.join("g").exists(), "{args:?} wrote files");
    }
    let o = rolecall_in(d)
        .args(["gen-corpus", "--mb", "0.01", "--file-kb", "10", "--out", "g"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
