//! End-to-end tests of record inputs (JSON Lines, CSV/TSV, WARC/WET, gzip,
//! stdin) and of `--stdout` streaming, from files the tests write.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::util::{column, error_rows, read_csv, rolecall_in, root, scan, stderr};

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

const DIRECTOR: &str = "Directed by Jane Campion, the film moves with a painter's eye.";
const PRODUCER: &str = "The producer secured financing and a distribution deal for the film.";

/// What a scan wrote: documents.csv ids, errors.csv rows, labels by document.
type Outcome = (Vec<String>, Vec<(String, String)>, HashMap<String, String>);

fn outcome(dir: &Path) -> Outcome {
    let out = dir.join("out");
    let docs = column(&out.join("documents.csv"), "doc");
    let errors = error_rows(&out);
    let labels = read_csv(&out.join("sentences.csv"))
        .into_iter()
        .map(|r| (r["doc"].clone(), r["label"].clone()))
        .collect();
    (docs, errors, labels)
}

#[test]
fn jsonl_records_with_ids_nested_fields_and_bad_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let lines = [
        format!(r#"{{"id": "a1", "text": "{DIRECTOR}"}}"#),
        "{not json".to_string(),
        r#"{"id": "a3", "title": "no text field"}"#.to_string(),
        format!(r#"{{"text": "{PRODUCER}"}}"#),
    ];
    fs::write(d.join("news.jsonl"), lines.join("\n") + "\n").unwrap();
    let o = scan(d, &["news.jsonl"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    assert_eq!(docs, ["news.jsonl#a1", "news.jsonl#4"]);
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].0, "news.jsonl");
    assert!(errors[0].1.starts_with("line 2: invalid JSON"), "{errors:?}");
    assert_eq!(errors[1], ("news.jsonl".into(), "line 3: no field `text`, skipped".into()));
    assert_eq!(labels["news.jsonl#a1"], "director");
    assert_eq!(labels["news.jsonl#4"], "producer");

    // Nested fields by dotted path, gzip'd, .ndjson.
    let nested = format!(
        "{{\"meta\": {{\"uid\": 17}}, \"article\": {{\"body\": \"{PRODUCER}\"}}}}\n{{\"article\": {{\"body\": 3}}}}\n"
    );
    fs::write(d.join("nested.ndjson.gz"), gz(nested.as_bytes())).unwrap();
    let o = rolecall_in(d)
        .args(["scan", "nested.ndjson.gz", "-o", "out", "--force", "-q"])
        .args(["--text-field", "article.body", "--id-field", "meta.uid"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["nested.ndjson.gz#17"]);
    assert_eq!(errors[0].1, "line 2: field `article.body` is a number, not a string, skipped");
}

#[test]
fn spans_index_the_record_text() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // Escapes and non-ASCII in the JSON: spans index the decoded text.
    let text = format!("Caf\u{e9} talk.\n\n{DIRECTOR} Then rain. {PRODUCER}");
    let line = serde_json::json!({"id": "x", "text": text}).to_string();
    fs::write(d.join("a.jsonl"), format!("{line}\n")).unwrap();
    let o = scan(d, &["a.jsonl", "--sentences", "all"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let sentences = read_csv(&d.join("out/sentences.csv"));
    assert_eq!(sentences.len(), 4);
    for r in &sentences {
        let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        assert_eq!(&text[s..e], r["text"], "{r:?}");
    }
}

#[test]
fn csv_and_tsv_rows_with_columns_and_bad_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let csv = format!("key,body\nk1,\"{DIRECTOR}\"\nk2\n,\"{PRODUCER}\"\nk4,\"A quiet, rainy day.\"\n");
    fs::write(d.join("export.csv"), &csv).unwrap();
    fs::write(d.join("export.tsv.gz"), gz(format!("body\tkey\n{PRODUCER}\tt1\n").as_bytes())).unwrap();
    let o = rolecall_in(d)
        .args(["scan", "export.csv", "export.tsv.gz", "-o", "out", "-q"])
        .args(["--text-column", "body", "--id-column", "key"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    assert_eq!(docs, ["export.csv#k1", "export.csv#4", "export.csv#k4", "export.tsv.gz#t1"]);
    assert_eq!(
        errors,
        [("export.csv".into(), "line 3: 1 field(s), no value for column `body` (field 2), skipped".into())]
    );
    assert_eq!(labels["export.csv#k1"], "director");
    assert_eq!(labels["export.tsv.gz#t1"], "producer");

    // A missing text column skips the file, with the columns named.
    let o = scan(d, &["export.csv", "--force"]);
    assert_eq!(o.status.code(), Some(1));
    let (docs, errors, _) = outcome(d);
    assert!(docs.is_empty());
    assert!(errors[0].1.contains("no column `text` in the header (columns: key, body)"), "{errors:?}");
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[test]
fn warc_responses_and_wet_conversions() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let html = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<html><head><title>T</title>\
         <script>var producer = 1;</script></head><body><h1>Review</h1><p>{DIRECTOR}</p><p>Rain fell.</p></body></html>"
    );
    let mut warc = warc_record("warcinfo", "info", b"software: test\r\n");
    warc.extend(warc_record("request", "http://x.example/a", b"GET /a HTTP/1.1\r\n\r\n"));
    warc.extend(warc_record("response", "http://x.example/a", html.as_bytes()));
    warc.extend(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\nHTTP/1.1 200 OK\r\n\r\n\r\n\r\n",
    );
    warc.extend(warc_record(
        "response",
        "http://x.example/c",
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n{PRODUCER}").as_bytes(),
    ));
    fs::write(d.join("crawl.warc"), &warc).unwrap();
    // WET, one gzip member per record as Common Crawl writes them.
    let mut wet = gz(&warc_record("warcinfo", "info", b"x"));
    wet.extend(gz(&warc_record("conversion", "http://y.example/1", PRODUCER.as_bytes())));
    wet.extend(gz(&warc_record("conversion", "http://y.example/2", DIRECTOR.as_bytes())));
    fs::write(d.join("crawl.warc.wet.gz"), &wet).unwrap();

    let o = scan(d, &["crawl.warc", "crawl.warc.wet.gz"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    assert_eq!(
        docs,
        [
            "crawl.warc#http://x.example/a",
            "crawl.warc#http://x.example/c",
            "crawl.warc.wet.gz#http://y.example/1",
            "crawl.warc.wet.gz#http://y.example/2"
        ]
    );
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].1.starts_with("record 4 (byte ") && errors[0].1.contains("Content-Length"),
        "{errors:?}"
    );
    // HTML was reduced to text: the script's "producer" is not seen.
    assert_eq!(labels["crawl.warc#http://x.example/a"], "director");
    assert_eq!(labels.len(), 4);
    let docs = read_csv(&d.join("out/documents.csv"));
    assert_eq!(docs[0]["none"], "2", "{docs:?}"); // the heading and "Rain fell."
}

#[test]
fn truncated_gzip_keeps_the_records_before_it() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let body: String =
        (0..2000).map(|i| format!("{{\"id\":{i},\"text\":\"{DIRECTOR} Number {i}.\"}}\n")).collect();
    let data = gz(body.as_bytes());
    fs::write(d.join("cut.jsonl.gz"), &data[..data.len() / 2]).unwrap();
    fs::write(d.join("z.txt"), PRODUCER).unwrap();
    let o = scan(d, &["."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert!(docs.len() > 100 && docs.len() < 2000, "{}", docs.len());
    assert_eq!(docs.last().unwrap(), "./z.txt");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, "./cut.jsonl.gz");
    assert!(
        errors[0].1.contains("truncated") && errors[0].1.contains("the records before it are kept"),
        "{errors:?}"
    );
}

#[test]
fn stdin_in_each_format_gzip_detected() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("jsonl", format!("{{\"id\":\"s\",\"text\":\"{DIRECTOR}\"}}\n").into_bytes(), "-#s"),
        ("csv", format!("id,text\nc,\"{DIRECTOR}\"\n").into_bytes(), "-#c"),
        ("tsv", gz(format!("text\n{DIRECTOR}\n").as_bytes()), "-#2"),
        ("warc", gz(&warc_record("conversion", "u", DIRECTOR.as_bytes())), "-#u"),
        ("text", gz(DIRECTOR.as_bytes()), "-"),
    ];
    for (format, input, id) in cases {
        let o = rolecall_in(d)
            .args(["scan", "-", "--input-format", format, "-o", "out", "--force", "-q"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        let (docs, _, labels) = outcome(d);
        assert_eq!(docs, [id], "{format}");
        assert_eq!(labels[id], "director", "{format}");
    }
}

#[test]
fn stdout_streams_rows_as_csv_or_json_lines_without_a_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let lines: String = (0..50)
        .map(|i| format!("{{\"id\":{i},\"text\":\"{}\"}}\n", if i % 2 == 0 { DIRECTOR } else { PRODUCER }))
        .collect();
    fs::write(d.join("n.jsonl"), &lines).unwrap();
    fs::write(d.join("bad.jsonl"), "{oops\n").unwrap();
    let o = rolecall_in(d)
        .args(["scan", "bad.jsonl", "n.jsonl", "--stdout", "sentences", "--format", "jsonl", "-q"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.jsonl: line 1: invalid JSON"), "{}", stderr(&o));
    assert!(!d.join("rolecall-out").exists(), "no folder without -o");
    let out = String::from_utf8(o.stdout).unwrap();
    let objs: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(objs.len(), 50);
    assert_eq!(objs[0]["doc"], "n.jsonl#0");
    assert_eq!(objs[0]["label"], "director");
    assert_eq!(objs[1]["label"], "producer");
    assert_eq!(objs[0]["terms"][0], "directed by");
    assert_eq!(objs[1]["text"], PRODUCER);

    // Documents as CSV, and the folder too when -o is given: the same rows.
    let o = rolecall_in(d)
        .args(["scan", "n.jsonl", "--stdout", "documents", "-o", "out", "-q"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout, fs::read(d.join("out/documents.csv")).unwrap());
}

#[test]
fn stdout_rows_equal_the_files_for_any_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let corpus = root().join("corpus");
    let mut outs = Vec::new();
    for j in ["1", "3"] {
        let o = rolecall_in(d)
            .args(["scan", "--stdout", "sentences", "-j", j, "-q", "-o"])
            .arg(d.join(format!("o{j}")))
            .arg(&corpus)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(o.stdout, fs::read(d.join(format!("o{j}/sentences.csv"))).unwrap());
        outs.push(o.stdout);
    }
    assert_eq!(outs[0], outs[1]);
}

#[test]
fn empty_record_files_are_empty_and_non_gzip_gz_files_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for name in ["a.jsonl", "b.jsonl.gz", "c.warc", "d.txt.gz"] {
        fs::write(d.join(name), "").unwrap();
    }
    fs::write(d.join("e.csv"), "text\n").unwrap();
    fs::write(d.join("f.txt.gz"), "plain text, not gzip").unwrap();
    let o = scan(d, &["."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["./d.txt.gz"]); // an empty text is a document of no units
    assert_eq!(errors, [("./f.txt.gz".to_string(), "cannot read: invalid gzip header, skipped".to_string())]);
}
