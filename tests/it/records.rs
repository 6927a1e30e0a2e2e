//! End-to-end tests of record inputs (JSON Lines, JSON arrays, CSV/TSV,
//! WARC/WET, HTML files, gzip, stdin) and of `--stdout` streaming, from
//! files the tests write.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::util::{column, error_rows, read_csv, rolecall_in, root, run_in, scan, scan_in, shared, stderr};

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
    assert_eq!(errors[1].0, "news.jsonl");
    // The message lists the record's fields and names the option.
    assert!(errors[1].1.starts_with("line 3: no field `text` (its fields: "), "{errors:?}");
    assert!(errors[1].1.ends_with("skipped; --text-field names the field to read"), "{errors:?}");
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
    let csv = format!("key,body\nk1,\"{DIRECTOR}\"\nk2,\n,\"{PRODUCER}\"\nk4,\"A quiet, rainy day.\"\nk5\n");
    fs::write(d.join("export.csv"), &csv).unwrap();
    fs::write(d.join("export.tsv.gz"), gz(format!("body\tkey\n{PRODUCER}\tt1\n").as_bytes())).unwrap();
    let o = rolecall_in(d)
        .args(["scan", "export.csv", "export.tsv.gz", "-o", "out", "-q"])
        .args(["--text-column", "body", "--id-column", "key"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    // `k5` leaves its text field off: an empty value, as `k2`'s.
    let want = [
        "export.csv#k1",
        "export.csv#k2",
        "export.csv#4",
        "export.csv#k4",
        "export.csv#k5",
        "export.tsv.gz#t1",
    ];
    assert_eq!(docs, want);
    // The row without a key is numbered by its line, with a note.
    let note = "line 4: column `key` (--id-column) is empty; the line number (4) is used as the id";
    assert_eq!(errors, [("export.csv".to_string(), note.to_string())]);
    assert_eq!(labels["export.csv#k1"], "director");
    assert_eq!(labels["export.tsv.gz#t1"], "producer");

    // A missing text column skips the file, with the columns named; when
    // no document at all is read, the option is wrong: exit 2, said on
    // stderr, no outputs.
    fs::write(d.join("ok.csv"), format!("text\n{PRODUCER}\n")).unwrap();
    let o = scan(d, &["export.csv", "ok.csv", "--force"]);
    assert_eq!(o.status.code(), Some(1));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["ok.csv#2"]);
    assert!(errors[0].1.contains("no column `text` in the header (columns: key, body)"), "{errors:?}");
    let o = scan_in(d, &["export.csv"], "out2");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no document was read"), "{}", stderr(&o));
    assert!(stderr(&o).contains("no column `text` in the header (columns: key, body)"), "{}", stderr(&o));
    assert!(!d.join("out2/documents.csv").exists());
    // The folder this failed run made is gone (a new user found one left
    // with only the lock file in it); a folder that was there stays.
    assert!(!d.join("out2").exists());
    fs::create_dir(d.join("out3")).unwrap();
    let o = scan_in(d, &["export.csv"], "out3");
    assert_eq!(o.status.code(), Some(2));
    assert!(d.join("out3").is_dir());
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
fn gzip_checksum_and_header_damage_is_reported_in_every_format() {
    // A gzip member whose checksum does not match (one byte of its CRC
    // flipped), and one cut within its 10-byte header: every format reports
    // it, the records before it kept (the record readers used to read past
    // the decoder's one error and take the file as whole).
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let files: [(&str, Vec<u8>); 5] = [
        ("a.jsonl.gz", format!("{{\"id\":\"1\",\"text\":\"{DIRECTOR}\"}}\n").into_bytes()),
        ("b.json.gz", format!("[{{\"id\":\"1\",\"text\":\"{DIRECTOR}\"}}]").into_bytes()),
        ("c.csv.gz", format!("id,text\n1,\"{DIRECTOR}\"\n").into_bytes()),
        ("d.warc.gz", warc_record("conversion", "http://x.example/1", DIRECTOR.as_bytes())),
        ("e.txt.gz", format!("{DIRECTOR}\n").into_bytes()),
    ];
    for (name, body) in &files {
        let mut data = gz(body);
        let crc = data.len() - 6;
        data[crc] ^= 0xff;
        fs::write(d.join(name), &data).unwrap();
        fs::write(d.join(format!("cut-{name}")), &gz(body)[..5]).unwrap();
    }
    let o = scan(d, &["."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(errors.len(), 10, "{errors:?}");
    for (name, _) in &files {
        let damaged = errors.iter().find(|(p, _)| p == &format!("./{name}")).expect(name);
        assert!(damaged.1.contains("checksum") && damaged.1.contains("before it are kept"), "{damaged:?}");
        let cut = errors.iter().find(|(p, _)| p == &format!("./cut-{name}")).expect(name);
        assert!(cut.1.contains("end of"), "{cut:?}");
    }
    // The one record of each damaged file was read before the checksum.
    assert_eq!(docs.iter().filter(|d| !d.starts_with("./cut-")).count(), 5, "{docs:?}");
}

/// Found by a new user: one bit flipped in a `.jsonl.gz` gave ~200 rows
/// "invalid JSON" and then the checksum error, with nothing tying them
/// together. The gzip error's row counts the records just before it that
/// failed to parse, as likely damaged by the same corruption; their own
/// rows stay, and the counts are those of the rows.
#[test]
fn records_garbled_before_a_gzip_error_are_tied_to_it() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let lines: Vec<String> =
        (1..=10).map(|i| format!("{{\"id\": {i}, \"text\": \"Rain fell on day {i:02}.\"}}")).collect();
    let text = lines.join("\n") + "\n";
    // Stored (not compressed) gzip: bytes changed in its data are read as
    // they are, and only the checksum at the end finds them.
    let stored = |garble: &[usize]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::none());
        e.write_all(text.as_bytes()).unwrap();
        let mut data = e.finish().unwrap();
        let at = data.windows(text.len()).position(|w| w == text.as_bytes()).unwrap();
        for &line in garble {
            let start = at + lines[..line - 1].iter().map(|l| l.len() + 1).sum::<usize>();
            data[start] = b'#'; // `{` of the line
        }
        data
    };
    fs::write(d.join("end.jsonl.gz"), stored(&[8, 9, 10])).unwrap();
    fs::write(d.join("one.jsonl.gz"), stored(&[10])).unwrap();
    fs::write(d.join("mid.jsonl.gz"), stored(&[5, 6])).unwrap();
    let o = scan(d, &["end.jsonl.gz", "one.jsonl.gz", "mid.jsonl.gz"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = error_rows(&d.join("out"));
    let of = |path: &str| -> Vec<String> {
        errors.iter().filter(|(p, _)| p == path).map(|(_, e)| e.clone()).collect()
    };
    let end = of("end.jsonl.gz");
    assert_eq!(end.len(), 4, "{end:?}");
    assert!(end[..3].iter().all(|e| e.contains("), not JSON;")), "{end:?}");
    assert!(end[3].starts_with("read failed at line 11: "), "{end:?}");
    assert!(
        end[3].ends_with(
            "; the 3 record(s) just before it (line 8 on) could not be parsed either and are likely damaged \
             by the same corruption (gzip -t checks a .gz file; get a good copy); the records before line 8 \
             are kept"
        ),
        "{end:?}"
    );
    // One bad record just before is no run; bad records with good ones
    // after them are not tied to the error.
    for path in ["one.jsonl.gz", "mid.jsonl.gz"] {
        let rows = of(path);
        let last = rows.last().unwrap();
        assert!(
            last.ends_with("; the records before it are kept") && !last.contains("corruption"),
            "{rows:?}"
        );
    }
    let docs = column(&d.join("out/documents.csv"), "doc");
    assert_eq!(docs.len(), 7 + 9 + 8);
    // Each bad record and each stream error counted once.
    assert_eq!(crate::util::run_json(&d.join("out"))["documents_skipped"], 4 + 2 + 3);
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
    // (Without -q: notes are said on stderr.)
    let o = run_in(d, &["scan", ".", "-o", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["./d.txt.gz"]); // an empty text is a document of no units
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "./f.txt.gz");
    assert!(
        errors[0].1.starts_with("cannot read: not a gzip stream: the name ends in `.gz`")
            && errors[0].1.ends_with("rename it without `.gz`, skipped"),
        "{errors:?}"
    );
    // The four record files that held nothing are noted, not counted as problems.
    assert!(
        stderr(&o).contains("note: 4 record file(s) held no record to read (first: ./a.jsonl)"),
        "{}",
        stderr(&o)
    );
    // run.json keeps the notes (a batch job's stderr may be lost); a merge
    // keeps its shards' notes, each once, naming the shard of a note that
    // not every shard has.
    let notes = crate::util::run_json(&d.join("out"))["notes"].clone();
    assert!(notes[0].as_str().unwrap().starts_with("4 record file(s) held no record to read"), "{notes}");
    assert!(run_in(d, &["scan", "a.jsonl", "-o", "s2", "-q"]).status.success());
    // (Exit 1, as the scan of `out`: f.txt.gz was skipped.)
    let o = run_in(d, &["merge", "out", "s2", "-o", "m", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let merged = crate::util::run_json(&d.join("m"))["notes"].clone();
    let s2 = crate::util::run_json(&d.join("s2"))["notes"].clone();
    assert_eq!(merged.as_array().unwrap().len(), 2, "{merged}");
    let said = |shard: &str, note: &serde_json::Value| format!("shard {shard}: {}", note.as_str().unwrap());
    assert_eq!(
        (merged[0].as_str().unwrap(), merged[1].as_str().unwrap()),
        (&*said("out", &notes[0]), &*said("s2", &s2[0]))
    );
    for name in ["s2", "m"] {
        fs::remove_dir_all(d.join(name)).unwrap();
    }
    // A record file with a bad line has its problem; one with a record is read: no note.
    for name in ["a.jsonl", "b.jsonl.gz", "c.warc", "e.csv", "f.txt.gz"] {
        fs::remove_file(d.join(name)).unwrap();
    }
    fs::write(d.join("g.jsonl"), "{not json\n").unwrap();
    fs::write(d.join("h.json"), "[{\"text\": \"A line.\"}]").unwrap();
    let o = run_in(d, &["scan", ".", "-o", "out", "--force"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!stderr(&o).contains("held no record"), "{}", stderr(&o));
    assert_eq!(outcome(d).0, ["./d.txt.gz", "./h.json#0"]);
    assert!(crate::util::run_json(&d.join("out")).get("notes").is_none());
}

/// The labels of `doc`'s units in a scan's sentences.csv.
fn labels_of(dir: &Path, doc: &str) -> Vec<String> {
    let rows = read_csv(&dir.join("out/sentences.csv"));
    rows.into_iter().filter(|r| r["doc"] == doc).map(|r| r["label"].clone()).collect()
}

/// A movies file as `../shared/data/wikipedia-movie-data` holds them: a JSON
/// array of objects, pretty-printed, the text in `extract`.
fn movies_json(extracts: &[Option<&str>]) -> String {
    let films: Vec<serde_json::Value> = extracts
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut film = serde_json::json!({"title": format!("Film {i}"), "year": 1999, "cast": ["A [b]"], "genres": []});
            if let Some(e) = e {
                film["extract"] = serde_json::Value::String(e.to_string());
            }
            film
        })
        .collect();
    serde_json::to_string_pretty(&films).unwrap()
}

#[test]
fn json_arrays_are_read_as_records() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let text = format!("Caf\u{e9} \"quoted\" [1] {{x}}.\n\n{DIRECTOR} Then rain.");
    fs::write(d.join("movies.json"), movies_json(&[Some(&text), None, Some(PRODUCER)])).unwrap();
    fs::write(d.join("more.json.gz"), gz(movies_json(&[Some(PRODUCER)]).as_bytes())).unwrap();
    let o = rolecall_in(d)
        .args(["scan", "movies.json", "more.json.gz", "-o", "out", "-q", "--sentences", "all"])
        .args(["--text-field", "extract"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    // Ids are 0-based element indexes when there is no id field.
    assert_eq!(docs, ["movies.json#0", "movies.json#2", "more.json.gz#0"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "movies.json");
    assert!(errors[0].1.starts_with("element 1 (byte "), "{errors:?}");
    assert!(errors[0].1.contains("no field `extract` (its fields: "), "{errors:?}");
    assert!(labels_of(d, "movies.json#0").contains(&"director".to_string()));
    assert_eq!(labels_of(d, "movies.json#2"), ["producer"]);
    // Spans index the element's decoded text; no JSON syntax in the units.
    let sentences = read_csv(&d.join("out/sentences.csv"));
    for r in sentences.iter().filter(|r| r["doc"] == "movies.json#0") {
        let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        assert_eq!(&text[s..e], r["text"], "{r:?}");
    }
    assert!(sentences.iter().all(|r| !r["text"].contains("\"title\"")), "{sentences:?}");

    // --id-field with a dotted path; --input-format json on another name.
    fs::write(d.join("films.txt"), r#"[{"meta": {"uid": "m9"}, "extract": "Produced by Bo."}]"#).unwrap();
    let o = rolecall_in(d)
        .args(["scan", "films.txt", "-o", "out", "-q", "--force", "--input-format", "json"])
        .args(["--text-field", "extract", "--id-field", "meta.uid"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(outcome(d).0, ["films.txt#m9"]);
}

#[test]
fn json_that_is_not_an_array_of_objects_gets_a_row_saying_what_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // JSON Lines saved as .json; an array of strings; an array broken
    // after its first element (which is kept).
    fs::write(d.join("a-lines.json"), format!("{{\"text\": \"{DIRECTOR}\"}}\n{{\"text\": \"x\"}}\n"))
        .unwrap();
    fs::write(d.join("b-strings.json"), r#"["Directed by Ann.", "Produced by Bo."]"#).unwrap();
    fs::write(
        d.join("c-broken.json"),
        format!("[{{\"text\": \"{PRODUCER}\"}}, {{\"text\": \"x\" \"y\"}}, oops"),
    )
    .unwrap();
    let o = scan(d, &["a-lines.json", "b-strings.json", "c-broken.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["c-broken.json#0"]);
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert_eq!(errors[0].0, "a-lines.json");
    assert!(
        errors[0].1.starts_with("an object at byte 0, where a JSON array of objects was expected"),
        "{errors:?}"
    );
    assert!(errors[0].1.contains("--input-format jsonl"), "{errors:?}");
    assert_eq!(errors[1].0, "b-strings.json");
    assert!(errors[1].1.starts_with("element 0 (byte 1): a string, not an object;"), "{errors:?}");
    assert!(errors[1].1.contains("--input-format text"), "{errors:?}");
    assert_eq!(errors[2].0, "c-broken.json");
    assert!(errors[2].1.starts_with("element 1 (byte "), "{errors:?}");
    assert!(errors[2].1.contains("invalid JSON"), "{errors:?}");
    assert!(errors[3].1.starts_with("element 2 (byte "), "{errors:?}");
    assert!(errors[3].1.contains("found `o`: broken JSON"), "{errors:?}");
}

#[test]
fn wikipedia_movie_data_scans_as_its_records() {
    let Some(data) = shared("data/wikipedia-movie-data") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let files: Vec<String> = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 13);
    let o = rolecall_in(tmp.path())
        .args(["scan", "-o", "out", "-q", "--sentences", "none", "--text-field", "extract"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(tmp.path());
    // 36,273 films; 34,532 with an extract, 1,741 without one.
    assert_eq!(docs.len(), 34_532);
    assert_eq!(errors.len(), 1_741);
    assert!(errors.iter().all(|(_, e)| e.contains("no field `extract` (its fields: ")), "{:?}", &errors[..3]);
}

#[test]
fn html_files_are_reduced_to_text() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let html = format!(
        "<!doctype html><html><head><title>Page</title><style>p::before {{ content: 'Directed by Jane Campion and produced by Ann.'; }}</style>\
         <script>var s = \"The producer secured financing. Directed by Bo.\";</script></head>\
         <body><p>{DIRECTOR}</p><script type=\"module\">/* Directed by Ann. */</script><noscript></noscript><p>Caf&eacute; &amp; rain.</p></body></html>"
    );
    fs::write(d.join("page.html"), &html).unwrap();
    fs::write(d.join("page.HTM.gz"), gz(format!("<p>{PRODUCER}</p>").as_bytes())).unwrap();
    fs::write(d.join("page.txt"), "<style>b { content: 'Produced by Ann.' }</style><p>Rain.</p>").unwrap();
    let o = rolecall_in(d)
        .args(["scan", "page.html", "page.HTM.gz", "-o", "out", "-q", "--sentences", "all"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["page.html", "page.HTM.gz"]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(labels_of(d, "page.html"), ["director", "none"]);
    assert_eq!(labels_of(d, "page.HTM.gz"), ["producer"]);
    let sentences = read_csv(&d.join("out/sentences.csv"));
    // Nothing of <style> or <script> became a unit.
    for r in &sentences {
        for leak in ["content", "var s", "Directed by Bo", "Directed by Ann", "::before", "{"] {
            assert!(!r["text"].contains(leak), "{leak} in {r:?}");
        }
    }
    // Spans index the reduced text.
    let reduced = String::from_utf8(rolecall::input::records::html_to_text(html.as_bytes())).unwrap();
    let ours: Vec<_> = sentences.iter().filter(|r| r["doc"] == "page.html").collect();
    assert_eq!(ours.len(), 2, "{ours:?}");
    for r in ours {
        let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        assert_eq!(&reduced[s..e], r["text"], "{r:?}");
    }
    assert!(sentences.iter().any(|r| r["text"] == "Café & rain."), "{sentences:?}");

    // --input-format html, on a file and on standard input.
    let o = rolecall_in(d)
        .args([
            "scan",
            "page.txt",
            "-o",
            "out",
            "-q",
            "--force",
            "--sentences",
            "all",
            "--input-format",
            "html",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(column(&d.join("out/sentences.csv"), "text"), ["Rain."]);
    let o = rolecall_in(d)
        .args(["scan", "-", "--input-format", "html", "--stdout", "sentences", "--sentences", "all", "-q"])
        .write_stdin(fs::read(d.join("page.txt")).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("Rain.") && !out.contains("Produced"), "{out}");
}

#[test]
fn ragged_tsv_rows_have_empty_trailing_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // As the Oscars file: tab-separated under a .csv name, trailing empty
    // fields left off, backslash-escaped quotes inside fields.
    let tsv = "Ceremony\tFilm\tName\tWinner\tCitation\n\
               1\tThe Noose\tRichard Barthelmess\n\
               1\tWings\tParamount Famous Lasky\tTrue\n\
               2\tThe \\\"Circus\\\"\tCharles Chaplin\t\tTo Charles Chaplin, for writing, directing and producing The Circus.\n";
    fs::write(d.join("oscars.csv"), tsv).unwrap();
    let o = rolecall_in(d)
        .args(["scan", "oscars.csv", "-o", "out", "-q", "--input-format", "tsv", "--text-field", "Citation"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    assert_eq!(docs, ["oscars.csv#2", "oscars.csv#3", "oscars.csv#4"]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(labels["oscars.csv#4"], "both");
}

#[test]
fn oscars_tsv_scans_with_no_row_skipped() {
    let Some(file) = shared("data/oscars-nominations/oscars.csv") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let o = rolecall_in(tmp.path())
        .args(["scan", "-o", "out", "-q", "--input-format", "tsv", "--text-field", "Citation"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, _) = outcome(tmp.path());
    assert_eq!(docs.len(), 12_137);
    assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(3)]);
    let with_text =
        read_csv(&tmp.path().join("out/documents.csv")).iter().filter(|r| r["bytes"] != "0").count();
    assert_eq!(with_text, 1_201);
}

#[test]
fn csv_row_ids_do_not_depend_on_line_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let lf = format!("id_,text\na,\"{DIRECTOR}\"\n\nb,\"{PRODUCER}\nsecond line\"\nc,Rain.\n");
    fs::write(d.join("lf.csv"), &lf).unwrap();
    fs::write(d.join("crlf.csv"), lf.replace('\n', "\r\n")).unwrap();
    let o = scan(d, &["lf.csv", "crlf.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The line each row starts on, after a blank line and a two-line field too.
    let (docs, _, _) = outcome(d);
    assert_eq!(docs, ["lf.csv#2", "lf.csv#4", "lf.csv#6", "crlf.csv#2", "crlf.csv#4", "crlf.csv#6"]);
}

#[test]
fn csv_with_an_unbalanced_quote_is_reported_not_swallowed() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let csv = format!("id,text\na,\"{DIRECTOR}\"\nb,\"The 12-inch cut\nc,{PRODUCER}\nd,Rain.\n");
    fs::write(d.join("quote.csv"), csv).unwrap();
    let o = scan(d, &["quote.csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["quote.csv#a"]);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .1
            .starts_with("line 3: a quote opened on line 3 is still open at the end of the file (line 5)"),
        "{errors:?}"
    );
}

/// Found by a new user: a row with an unquoted comma in its text cell was
/// read cut short at the comma (only "Producer Kevin Feige" tagged) with
/// exit 0 and no row in errors.csv. It is skipped, said and counted; the
/// other rows are kept.
#[test]
fn csv_row_with_more_fields_than_the_header_is_skipped_and_said() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let csv = "id,outlet,text\n\
               1,Variety,Producer Kevin Feige, the Marvel boss, said the film was directed by Chloe Zhao.\n\
               2,BBC,Directed by Jane Campion.\n\
               3,NYT,\"Produced by Ann Lee, with care.\"\n";
    fs::write(d.join("bad3.csv"), csv).unwrap();
    let o = scan(d, &["bad3.csv", "--people", "--sentences", "all"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["bad3.csv#2", "bad3.csv#3"]);
    assert_eq!(
        errors,
        [(
            "bad3.csv".to_string(),
            "line 2: 5 fields, but the header has 3; record skipped (an unquoted comma in a cell? quote cells \
             that hold commas, or pass --input-format tsv if the file is tab-separated)"
                .to_string()
        )]
    );
    assert_eq!(crate::util::run_json(&d.join("out"))["documents_skipped"], 1);
    // Nobody is taken from the half-read row.
    let people = column(&d.join("out/mentions.csv"), "name");
    assert_eq!(people, ["Jane Campion", "Ann Lee"]);
}

/// The units of `out/sentences.csv` (all of them) as (doc, text, label).
fn units(dir: &Path) -> Vec<(String, String, String)> {
    read_csv(&dir.join("out/sentences.csv"))
        .into_iter()
        .map(|r| (r["doc"].clone(), r["text"].clone(), r["label"].clone()))
        .collect()
}

#[test]
fn warc_bodies_are_read_as_sent_chunked_compressed_binary_and_charsets() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let http =
        |headers: &str, body: &[u8]| [format!("HTTP/1.1 200 OK\r\n{headers}\r\n").as_bytes(), body].concat();
    let mut warc = Vec::new();
    // Chunked: the chunk-size lines are not units.
    let chunked =
        format!("{:x}\r\n{DIRECTOR}\r\n{:x}\r\n {PRODUCER}\r\n0\r\n\r\n", DIRECTOR.len(), PRODUCER.len() + 1);
    let block = http("Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n", chunked.as_bytes());
    warc.extend(warc_record("response", "http://w/chunked", &block));
    // gzip'd HTML, chunked on top.
    let g = gz(format!("<html><body><p>{DIRECTOR}</p></body></html>").as_bytes());
    let body = [format!("{:x}\r\n", g.len()).as_bytes(), &g, b"\r\n0\r\n\r\n"].concat();
    let block =
        http("Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", &body);
    warc.extend(warc_record("response", "http://w/gzip", &block));
    // gzip'd but corrupt: skipped with a row.
    let mut bad = gz(PRODUCER.as_bytes());
    bad.truncate(bad.len() / 2);
    warc.extend(warc_record(
        "response",
        "http://w/badgzip",
        &http("Content-Type: text/plain\r\nContent-Encoding: gzip\r\n", &bad),
    ));
    // Declared text/html, identified (and sniffed) as a PNG: passed over.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0producer";
    let mut rec = warc_record("response", "http://w/png", &http("Content-Type: text/html\r\n", png));
    let at = rec.windows(16).position(|w| w == b"Content-Length: ").unwrap();
    rec.splice(at..at, b"WARC-Identified-Payload-Type: image/png\r\n".iter().copied());
    warc.extend(rec);
    // The same without the identified type: reported.
    warc.extend(warc_record("response", "http://w/png2", &http("Content-Type: text/html\r\n", png)));
    // Charsets: header, <meta>, UTF-16 BOM; Latin-1 without a row.
    let latin =
        http("Content-Type: text/plain; charset=iso-8859-1\r\n", b"R\xe9alis\xe9 par Agn\xe8s Varda.");
    warc.extend(warc_record("response", "http://w/latin1", &latin));
    let meta = http(
        "Content-Type: text/html\r\n",
        b"<html><head><meta charset=\"windows-1252\"></head><body><p>\x93Directed by Agn\xe8s Varda.\x94</p></body></html>",
    );
    warc.extend(warc_record("response", "http://w/meta", &meta));
    let mut u16 = vec![0xff, 0xfe];
    u16.extend("Producer: Marie Lef\u{e8}vre.".encode_utf16().flat_map(u16::to_le_bytes));
    u16.extend([0x00, 0xd8]); // a lone surrogate: replaced, and said so
    warc.extend(warc_record("response", "http://w/utf16", &http("Content-Type: text/plain\r\n", &u16)));
    fs::write(d.join("wire.warc"), &warc).unwrap();

    let o = scan(d, &["wire.warc", "--sentences", "all"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(
        docs,
        [
            "wire.warc#http://w/chunked",
            "wire.warc#http://w/gzip",
            "wire.warc#http://w/latin1",
            "wire.warc#http://w/meta",
            "wire.warc#http://w/utf16"
        ]
    );
    let units = units(d);
    let texts: Vec<&str> = units.iter().map(|u| u.1.as_str()).collect();
    assert_eq!(
        texts,
        [
            DIRECTOR,
            PRODUCER,
            DIRECTOR,
            "Réalisé par Agnès Varda.",
            "\u{201c}Directed by Agnès Varda.\u{201d}",
            "Producer: Marie Lefèvre.\u{fffd}"
        ],
        "{units:?}"
    );
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].1.starts_with("record 3 (http://w/badgzip): corrupt `gzip` body"), "{errors:?}");
    assert!(
        errors[1].1.ends_with("(http://w/png2): body declared text/html holds a PNG image, skipped"),
        "{errors:?}"
    );
    assert_eq!(
        errors[2],
        (
            "wire.warc#http://w/utf16".into(),
            "decoded from UTF-16LE, 1 malformed sequence(s) replaced with U+FFFD; repaired, spans index the decoded UTF-8 text"
                .into()
        )
    );
}

#[test]
fn boms_lone_cr_and_utf16_text_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // A UTF-8 BOM before the first JSON Lines record.
    fs::write(d.join("a.jsonl"), format!("\u{feff}{{\"id\":1,\"text\":\"{DIRECTOR}\"}}\n")).unwrap();
    // An old Mac credits block: lone CR line ends.
    fs::write(d.join("b.txt"), "Directed by Ann Lee\rProduced by Bo Chan\rMusic by Cy\r").unwrap();
    // UTF-16 text files, both byte orders.
    let le: Vec<u8> =
        [0xff, 0xfe].into_iter().chain(PRODUCER.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> =
        [0xfe, 0xff].into_iter().chain(DIRECTOR.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    fs::write(d.join("c.txt"), &le).unwrap();
    fs::write(d.join("d.txt"), &be).unwrap();
    // UTF-16 JSON Lines, gzip'd: decoded as it is read.
    let jl = format!("{{\"id\":2,\"text\":\"{PRODUCER}\"}}\n");
    let u: Vec<u8> = [0xff, 0xfe].into_iter().chain(jl.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    fs::write(d.join("e.jsonl.gz"), gz(&u)).unwrap();
    let o = scan(d, &[".", "--sentences", "all"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs, ["./a.jsonl#1", "./b.txt", "./c.txt", "./d.txt", "./e.jsonl.gz#2"]);
    let units = units(d);
    let of = |doc: &str| -> Vec<(String, String)> {
        units.iter().filter(|u| u.0 == doc).map(|u| (u.1.clone(), u.2.clone())).collect()
    };
    assert_eq!(of("./a.jsonl#1"), [(DIRECTOR.to_string(), "director".to_string())]);
    // Three credit lines, three units: not one `both` unit.
    let credits = of("./b.txt");
    let labels: Vec<&str> = credits.iter().map(|c| c.1.as_str()).collect();
    assert_eq!(labels, ["director", "producer", "none"], "{credits:?}");
    assert_eq!(of("./c.txt"), [(PRODUCER.to_string(), "producer".to_string())]);
    assert_eq!(of("./d.txt"), [(DIRECTOR.to_string(), "director".to_string())]);
    assert_eq!(of("./e.jsonl.gz#2"), [(PRODUCER.to_string(), "producer".to_string())]);
    // Spans of the CR file index its bytes; those of UTF-16 files the decoded text.
    let rows = read_csv(&d.join("out/sentences.csv"));
    let span = |doc: &str, i: usize| {
        let r = rows.iter().filter(|r| r["doc"] == doc).nth(i).unwrap();
        (r["start"].parse::<usize>().unwrap(), r["end"].parse::<usize>().unwrap())
    };
    let (s, e) = span("./b.txt", 1);
    assert_eq!(&fs::read(d.join("b.txt")).unwrap()[s..e], b"Produced by Bo Chan");
    assert_eq!(span("./c.txt", 0), (0, PRODUCER.len()));
}

/// Latin-1 bytes in a JSON Lines or JSON array record had the record
/// skipped ("invalid JSON", a hint at --input-format) where a CSV row is
/// repaired; now they are repaired as in CSV, with the same row.
#[test]
fn json_records_that_are_not_utf8_are_repaired_as_csv_rows_are() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let text = b"Caf\xe9 \\u00e9. The director shot it.";
    let jsonl =
        [&b"{\"id\":\"1\",\"text\":\""[..], text, b"\"}\n{\"id\":\"2\",\"text\":\"Fine.\"}\n"].concat();
    fs::write(d.join("l.jsonl"), &jsonl).unwrap();
    fs::write(d.join("a.json"), [&b"[{\"id\":\"1\",\"text\":\""[..], text, b"\"}]"].concat()).unwrap();
    fs::write(
        d.join("c.csv"),
        [&b"id,text\n1,\""[..], &b"Caf\xe9 \xc3\xa9. The director shot it."[..], b"\"\n"].concat(),
    )
    .unwrap();
    let o = scan(d, &["l.jsonl", "a.json", "c.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    assert_eq!(docs, ["l.jsonl#1", "l.jsonl#2", "a.json#1", "c.csv#1"]);
    assert_eq!(labels["l.jsonl#1"], "director");
    let repaired = "invalid UTF-8 (1 byte(s), first at offset 3) replaced with U+FFFD; repaired, spans index the original bytes (text, CSV or JSON in another encoding, such as Latin-1: give --encoding, e.g. --encoding windows-1252, or --encoding auto to detect each file's)";
    let want: Vec<(String, String)> =
        ["l.jsonl#1", "a.json#1", "c.csv#1"].iter().map(|p| (p.to_string(), repaired.to_string())).collect();
    assert_eq!(errors, want);
    assert_eq!(crate::util::run_json(&d.join("out"))["documents_repaired"], 3);
    // Spans index the record's text with its bad byte as it was: the decoded
    // JSON string and the CSV field give the same ones.
    let rows = read_csv(&d.join("out/sentences.csv"));
    let spans: Vec<(&str, &str)> = rows.iter().map(|r| (r["start"].as_str(), r["end"].as_str())).collect();
    assert_eq!(spans, [("9", "30"); 3]);
    assert!(rows.iter().all(|r| r["text"] == "The director shot it."), "{rows:?}");
    // The same bytes for any thread count.
    for j in ["1", "4"] {
        let o = scan_in(d, &["l.jsonl", "a.json", "c.csv", "-j", j], format!("j{j}"));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        for f in ["sentences.csv", "documents.csv", "errors.csv"] {
            assert_eq!(
                fs::read(d.join("out").join(f)).unwrap(),
                fs::read(d.join(format!("j{j}")).join(f)).unwrap()
            );
        }
    }
    // With --encoding the record reads as before: no row.
    let o = scan_in(d, &["l.jsonl", "a.json", "--encoding", "latin1"], "latin1");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(error_rows(&d.join("latin1")).is_empty());
    let texts = column(&d.join("latin1/sentences.csv"), "text");
    assert_eq!(texts, ["The director shot it.", "The director shot it."]);
}

/// HTML read as UTF-8 was repaired unseen (no row, not counted); a file
/// whose first MiB is UTF-8 was told to try the --encoding auto it had.
#[test]
fn repairs_are_reported_with_a_hint_that_fits_the_input_and_options() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("bad.html"), b"<p>Caf\xe9 scene. The director shot it.</p>").unwrap();
    fs::write(d.join("meta.html"), b"<meta charset=\"utf-8\"><p>Caf\xe9 scene. The director shot it.</p>")
        .unwrap();
    let http = |ctype: &str, body: &[u8]| {
        [format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n").as_bytes(), body].concat()
    };
    let mut warc =
        warc_record("response", "http://w/1", &http("text/html", b"<p>Caf\xe9. The director.</p>"));
    warc.extend(warc_record("response", "http://w/2", &http("text/plain", b"Caf\xe9. The director.")));
    fs::write(d.join("w.warc"), warc).unwrap();
    let o = scan(d, &["bad.html", "meta.html", "w.warc"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    assert_eq!(docs, ["bad.html", "meta.html", "w.warc#http://w/1", "w.warc#http://w/2"]);
    assert_eq!(labels["bad.html"], "director");
    assert_eq!(crate::util::run_json(&d.join("out"))["documents_repaired"], 4);
    let html = |at: u64| {
        format!(
            "invalid UTF-8 in the HTML (1 byte(s), first at byte {at} of the HTML) replaced with U+FFFD; repaired, spans index the text the HTML was reduced to ("
        )
    };
    let row = |p: &str| errors.iter().find(|e| e.0 == p).map(|e| e.1.clone()).unwrap_or_default();
    // Read as UTF-8 by default: the hint is to give --encoding.
    assert!(row("bad.html").starts_with(&html(6)), "{errors:?}");
    assert!(row("bad.html").contains("give --encoding, e.g. --encoding windows-1252, or --encoding auto"));
    assert!(row("meta.html").starts_with(&html(28)), "{errors:?}");
    assert!(row("meta.html").contains("it declares UTF-8"), "{errors:?}");
    assert!(row("w.warc#http://w/1").starts_with(&html(6)), "{errors:?}");
    assert!(
        row("w.warc#http://w/2").starts_with("invalid UTF-8 (1 byte(s), first at offset 3)"),
        "{errors:?}"
    );
    for warc in ["w.warc#http://w/1", "w.warc#http://w/2"] {
        assert!(row(warc).contains("--encoding does not apply"), "{errors:?}");
        assert!(!row(warc).contains("give --encoding"), "{errors:?}");
    }
    // A first MiB of UTF-8, then Latin-1: read as UTF-8 by auto, and the
    // hint says to give the encoding, not auto again; whole, streamed, records.
    let utf8 = "Zo\u{eb} directed the film. ".repeat(50_000);
    fs::write(d.join("tail.txt"), [utf8.as_bytes(), b"Fran\xe7ois produced it."].concat()).unwrap();
    let line = |t: &[u8]| [&b"{\"text\":\""[..], t, b"\"}\n"].concat();
    fs::write(d.join("tail.jsonl"), [line(utf8.as_bytes()), line(b"Fran\xe7ois produced it.")].concat())
        .unwrap();
    let o = scan_in(d, &["tail.txt", "tail.jsonl", "--encoding", "auto"], "auto");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = error_rows(&d.join("auto"));
    assert_eq!(rows.len(), 2, "{rows:?}");
    for (_, why) in &rows {
        assert!(why.contains("--encoding auto read it as UTF-8, as its first MiB is"), "{why}");
        assert!(!why.contains("or --encoding auto"), "{why}");
    }
    // --encoding utf-8 given: not told to give --encoding as if it were not.
    let o = scan_in(d, &["bad.html", "--encoding", "utf-8"], "utf8");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(error_rows(&d.join("utf8"))[0].1.contains("read as UTF-8 as --encoding says"));
}

#[test]
fn nul_bytes_in_record_text_never_reach_the_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.csv"), "id,text\n1,\"Directed\0by Jane Campion.\"\n").unwrap();
    fs::write(d.join("b.jsonl"), "{\"id\":2,\"text\":\"Produced by Bo\\u0000Chan.\"}\n").unwrap();
    let body =
        b"HTTP/1.1 200 OK\r\n\r\nDirected by Ann\0 Lee, the film opens in rain and stays there for an hour.";
    fs::write(d.join("c.warc"), warc_record("response", "http://n/1", body)).unwrap();
    let o = scan(d, &["."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let sentences = fs::read(d.join("out/sentences.csv")).unwrap();
    assert!(!sentences.contains(&0), "a NUL byte in sentences.csv");
    let (docs, errors, labels) = outcome(d);
    assert_eq!(docs, ["./a.csv#1", "./b.jsonl#2", "./c.warc#http://n/1"]);
    assert_eq!(labels["./a.csv#1"], "director");
    assert_eq!(labels["./b.jsonl#2"], "producer");
    let msg = |at: u64| {
        format!(
            "1 NUL byte(s) (first at offset {at}) replaced with spaces; repaired, spans index the original bytes"
        )
    };
    assert_eq!(
        errors,
        [
            ("./a.csv#1".to_string(), msg(8)),
            ("./b.jsonl#2".to_string(), msg(14)),
            ("./c.warc#http://n/1".to_string(), msg(15))
        ]
    );
}

#[test]
fn junk_after_gzip_keeps_everything_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let junk = b"\n\0\0\0trailing junk";
    let lines: String = (0..300).map(|i| format!("{{\"id\":{i},\"text\":\"{DIRECTOR}\"}}\n")).collect();
    fs::write(d.join("a.jsonl.gz"), [gz(lines.as_bytes()), junk.to_vec()].concat()).unwrap();
    // The last record without a line end, just before the junk.
    let last = format!("{{\"id\":\"end\",\"text\":\"{PRODUCER}\"}}");
    fs::write(d.join("b.jsonl.gz"), [gz(last.as_bytes()), junk.to_vec()].concat()).unwrap();
    let text = format!("{DIRECTOR}\n\n{PRODUCER}");
    fs::write(d.join("c.txt.gz"), [gz(text.as_bytes()), gz(b" Then rain."), junk.to_vec()].concat()).unwrap();
    let o = scan(d, &["."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs.len(), 302, "{docs:?}");
    assert_eq!(docs[300], "./b.jsonl.gz#end");
    assert_eq!(docs[301], "./c.txt.gz");
    let d301 = read_csv(&d.join("out/documents.csv"));
    assert_eq!(d301[301]["bytes"], (text.len() + 11).to_string());
    assert_eq!(errors.len(), 3, "{errors:?}");
    for (path, e) in &errors {
        assert!(
            e.starts_with(&format!("{} byte(s) of trailing garbage after the gzip data", junk.len())),
            "{path}: {e}"
        );
        assert!(e.ends_with("ignored; the data before them is kept"), "{e}");
    }
}

#[test]
fn truncated_gzip_text_keeps_what_was_decompressed() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let text = format!("{DIRECTOR} {PRODUCER} ").repeat(400);
    let data = gz(text.as_bytes());
    fs::write(d.join("cut.txt.gz"), &data[..data.len() - 20]).unwrap();
    let o = scan(d, &["cut.txt.gz"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["cut.txt.gz"]);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].1.starts_with("read failed after ") && errors[0].1.contains("truncated"), "{errors:?}");
    // The text decompressed before the cut was tagged (it used to be dropped).
    let sentences = read_csv(&d.join("out/documents.csv"))[0]["sentences"].parse::<usize>().unwrap();
    assert!(sentences > 700, "{sentences}");
}

/// A named id field that is not there is an error listing the fields (not a
/// silent fall back to line numbers); a TSV read as CSV gets a hint.
#[test]
fn wrong_id_field_and_tsv_read_as_csv_say_what_was_found() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.jsonl"), "{\"key\": \"k1\", \"text\": \"Directed by Ann.\"}\n").unwrap();
    fs::write(d.join("b.csv"), "key,text\nk2,Produced by Bob.\n").unwrap();
    fs::write(d.join("c.csv"), "key\ttext\nk3\tProduced by Cy.\n").unwrap();
    fs::write(d.join("d.jsonl"), "{\"uid\": \"u4\", \"text\": \"Directed by Di.\"}\n").unwrap();
    let o = scan(d, &["a.jsonl", "b.csv", "c.csv", "d.jsonl", "--id-field", "uid"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = error_rows(&d.join("out"));
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(errors[0].0, "a.jsonl");
    assert!(
        errors[0]
            .1
            .contains("no field `uid` (its fields: key, text), skipped; --id-field names the field to read"),
        "{errors:?}"
    );
    assert!(errors[1].1.contains("no column `uid` in the header (columns: key, text)"), "{errors:?}");
    assert!(errors[1].1.contains("--id-column"), "{errors:?}");
    assert!(errors[2].1.contains("a TSV file? give --input-format tsv"), "{errors:?}");
    // When no record at all has the field, the option is wrong: exit 2,
    // said once for all the files with the fields seen in them, no outputs.
    let o = scan_in(d, &["a.jsonl", "b.csv", "--id-field", "uid"], "none");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "no document was read: --id-field \"uid\": no record of 2 record file(s) has this field \
             (first: a.jsonl), so they were skipped whole; fields seen in their records: key, text; name \
             the field that holds the id with --id-field"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("none/documents.csv").exists());
    // The default id field may be missing: records are numbered.
    let o = scan(d, &["a.jsonl", "b.csv", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(column(&d.join("out/documents.csv"), "doc"), ["a.jsonl#1", "b.csv#2"]);
}

/// Found by a trial: bzip2, xz, zstd and zip files were "binary file (NUL
/// byte …)". Each is named by its magic bytes with the command that
/// decompresses it, in every format and in explain; text that merely
/// starts with `BZh` is text; the other inputs are read.
#[test]
fn other_compression_formats_are_named_with_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "a.csv.bz2",
            b"BZh91AY&SY\x00\x01rest",
            "compressed with bzip2, which rolecall does not read (it decompresses gzip only): decompress it first (`bzip2 -dc FILE > FILE.out`), or recompress it with gzip",
        ),
        ("b.jsonl.xz", b"\xfd7zXZ\x00\x00rest", "compressed with xz"),
        ("c.txt.zst", b"\x28\xb5\x2f\xfd\x00rest", "compressed with zstd"),
        ("d.zip", b"PK\x03\x04\x14\x00rest", "compressed with zip"),
        ("e.jsonl", b"BZh91AY&SY\x00\x01rest", "compressed with bzip2"),
    ];
    for (name, bytes, _) in cases {
        fs::write(d.join(name), bytes).unwrap();
    }
    fs::write(d.join("f.txt"), "BZh9 is no archive. Directed by Ann Lee.").unwrap();
    // A spreadsheet: a zip whose first entry is `[Content_Types].xml`.
    let mut xlsx = b"PK\x03\x04".to_vec();
    xlsx.extend([0u8; 26]);
    xlsx.extend(b"[Content_Types].xml rest");
    fs::write(d.join("g.xlsx"), xlsx).unwrap();
    let o = scan_in(d, &["g.xlsx", "f.txt"], "office");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rows = error_rows(&d.join("office"));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].1.starts_with("cannot read: an Office or OpenDocument file"), "{rows:?}");
    assert!(rows[0].1.contains("export it as CSV (a spreadsheet)"), "{rows:?}");
    let o = scan(d, &["a.csv.bz2", "b.jsonl.xz", "c.txt.zst", "d.zip", "e.jsonl", "f.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = error_rows(&d.join("out"));
    assert_eq!(errors.len(), 5, "{errors:?}");
    for ((name, _, said), (path, problem)) in cases.iter().zip(&errors) {
        assert_eq!(path, name);
        assert!(problem.contains(said) && problem.ends_with("skipped"), "{name}: {problem}");
    }
    assert_eq!(column(&d.join("out/documents.csv"), "doc"), ["f.txt"]);
    let o = run_in(d, &["explain", "--file", "c.txt.zst"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--file c.txt.zst: compressed with zstd"), "{}", stderr(&o));
}

/// Found by a trial: a misspelt `--text-field` got no guess where a
/// misspelt `--group-by` got one. The error of the run, a CSV header's
/// row and a JSON record's row each give the nearest field seen.
#[test]
fn a_misspelt_text_field_gets_the_nearest_field_seen() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.jsonl"), format!("{{\"id\": 1, \"body\": \"{DIRECTOR}\"}}\n")).unwrap();
    fs::write(d.join("b.csv"), format!("id,body\n2,{PRODUCER}\n")).unwrap();
    let o = scan_in(d, &["a.jsonl", "--text-field", "Body"], "o1");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("; name the field that holds the text with --text-field (did you mean \"body\"?)"),
        "{}",
        stderr(&o)
    );
    let o = scan_in(d, &["a.jsonl", "b.csv", "--text-field", "text,Body"], "o2");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--text-field (did you mean \"body\" for \"Body\"?)"), "{}", stderr(&o));
    let o = scan_in(d, &["b.csv", "--text-field", "body", "--id-field", "ID"], "o5");
    let err = stderr(&o);
    assert!(err.contains("no column `ID` in the header (columns: id, body; did you mean \"id\"?)"), "{err}");
    let o = scan_in(d, &["b.csv", "--text-field", "bdoy"], "o3");
    assert!(
        stderr(&o).contains("(columns: id, body; did you mean \"body\"?); name it with --text-column"),
        "{}",
        stderr(&o)
    );
    // Nothing near: no guess.
    let o = scan_in(d, &["b.csv", "--text-field", "article"], "o4");
    assert!(!stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

/// Found by a trial: JSON Lines piped into `scan -` without
/// `--input-format` was tagged as raw JSON in silence. It is still read
/// as text, with a note row and a note at the end naming the option; a
/// text file is not.
#[test]
fn json_lines_read_as_text_get_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let jsonl = format!("{{\"id\": 1, \"text\": \"{DIRECTOR}\"}}\n{{\"id\": 2, \"text\": \"{PRODUCER}\"}}\n");
    fs::write(d.join("news.data"), &jsonl).unwrap();
    fs::write(d.join("plain.txt"), DIRECTOR).unwrap();
    let o = rolecall_in(d)
        .args(["scan", "-", "news.data", "plain.txt", "-o", "out"])
        .write_stdin(jsonl.as_bytes())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = error_rows(&d.join("out"));
    let paths: Vec<&str> = rows.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["-", "news.data"], "{rows:?}");
    assert!(
        rows.iter().all(|(_, e)| e.starts_with("read as text, but its first lines are JSON objects")),
        "{rows:?}"
    );
    assert!(
        stderr(&o).contains("note: 2 input(s) read as text look like JSON Lines (first: -)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(crate::util::run_json(&d.join("out"))["documents_repaired"], 0);
    // Text asked for is not second-guessed.
    let o = run_in(d, &["scan", "news.data", "--input-format", "text", "-o", "asked"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(error_rows(&d.join("asked")).is_empty());
}

/// Found by a trial: a CSV saved as `.txt` and scanned with `--text-field
/// body` was read as one text document in silence. A note says the
/// record options were not used, and what reads the file; with a record
/// file among the inputs, no such note.
#[test]
fn record_options_with_no_record_file_get_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), format!("id,body\n1,{DIRECTOR}\n")).unwrap();
    let o = run_in(d, &["scan", "a.txt", "--text-field", "body", "--id-field", "id", "-o", "o1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = "rolecall: note: --text-field \"body\", --id-field \"id\": no record file (JSON Lines, JSON, \
                CSV, TSV) was read, so they were not used: the inputs read were documents of text; \
                --input-format names the format";
    assert!(stderr(&o).contains(said), "{}", stderr(&o));
    assert!(
        crate::util::run_json(&d.join("o1"))["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("--text-field \"body\"")
    );
    fs::write(d.join("b.csv"), format!("id,body\n2,{PRODUCER}\n")).unwrap();
    let o = run_in(d, &["scan", "a.txt", "b.csv", "--text-field", "body", "-o", "o2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("no record file"), "{}", stderr(&o));
    // `--delimiter` with JSON records only: not used, said (a review).
    fs::write(d.join("j.jsonl"), format!("{{\"body\": \"{DIRECTOR}\"}}\n")).unwrap();
    let o = run_in(d, &["scan", "j.jsonl", "--text-field", "body", "--delimiter", ";", "-o", "o6"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("note: --delimiter ';': no CSV or TSV file was read, so it was not used"),
        "{}",
        stderr(&o)
    );
    let o = run_in(d, &["scan", "j.jsonl", "b.csv", "--text-field", "body", "--delimiter", ",", "-o", "o7"]);
    assert!(!stderr(&o).contains("no CSV or TSV file"), "{}", stderr(&o));
    // An input skipped whole (another compression) is read as nothing.
    fs::write(d.join("c.csv.bz2"), b"BZh91AY&SY\x00\x01rest").unwrap();
    let o = run_in(d, &["scan", "c.csv.bz2", "a.txt", "--text-field", "body", "-o", "o4"]);
    assert!(stderr(&o).contains("no record file (JSON Lines"), "{}", stderr(&o));
    let o = run_in(d, &["scan", "c.csv.bz2", "--text-field", "body", "-o", "o5"]);
    assert!(!stderr(&o).contains("no record file"), "{}", stderr(&o));
    // The default field, not given: nothing to say.
    let o = run_in(d, &["scan", "a.txt", "-o", "o3"]);
    assert!(!stderr(&o).contains("note"), "{}", stderr(&o));
}

/// `--delimiter`: a semicolon-separated spreadsheet export (Latin-1, as
/// many are) scans with its columns; without the option the error says
/// which option reads it; explain reads the same record; a wrong value
/// or a format with no fields to split is an error naming the option.
#[test]
fn a_semicolon_separated_export_is_read_with_delimiter() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let export = b"id;outlet;body\n1;Le Monde;\"Directed by Agn\xe8s Varda; a painter's eye.\"\n2;BBC;The producer raised \xa35m.\n";
    fs::write(d.join("export.csv"), export).unwrap();
    let o =
        scan(d, &["export.csv", "--text-column", "body", "--keep-field", "outlet", "--encoding", "latin1"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("a semicolon-separated file? give --delimiter ';'"), "{}", stderr(&o));
    let o = scan(
        d,
        &[
            "export.csv",
            "--text-column",
            "body",
            "--keep-field",
            "outlet",
            "--encoding",
            "latin1",
            "--delimiter",
            ";",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = read_csv(&d.join("out/documents.csv"));
    let got: Vec<_> = docs
        .iter()
        .map(|r| (r["doc"].as_str(), r["outlet"].as_str(), r["director"].as_str(), r["producer"].as_str()))
        .collect();
    assert_eq!(got, [("export.csv#1", "Le Monde", "1", "0"), ("export.csv#2", "BBC", "0", "1")]);
    let sentences = column(&d.join("out/sentences.csv"), "text");
    assert_eq!(sentences[0], "Directed by Agn\u{e8}s Varda; a painter's eye.");
    // run.json records it (a review): shards read with another delimiter
    // do not merge.
    assert_eq!(crate::util::run_json(&d.join("out"))["options"]["delimiter"], ";");

    let o = run_in(
        d,
        &[
            "explain",
            "--file",
            "export.csv",
            "--record",
            "2",
            "--text-column",
            "body",
            "--delimiter",
            ";",
            "--encoding",
            "latin1",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("The producer raised \u{a3}5m."));

    for (args, said) in [
        (
            &["--delimiter", ";;"][..],
            "--delimiter \";;\": give one ASCII character other than a letter, a digit, a quote or a line end",
        ),
        (&["--delimiter", "\""][..], "--delimiter \"\\\"\": give one ASCII character"),
        (&["--delimiter", "\u{a7}"][..], "--delimiter \"\u{a7}\": give one ASCII character"),
        (&["--delimiter", "t"][..], "--delimiter \"t\": give one ASCII character other than a letter"),
        (
            &["--delimiter", ";", "--input-format", "jsonl"][..],
            "--delimiter \";\" splits the fields of CSV and TSV inputs, and the input is read as jsonl",
        ),
    ] {
        let o = scan_in(d, &[&["export.csv"][..], args].concat(), "bad");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
        assert!(!d.join("bad").exists());
    }
    // A tab, spelt as the shell passes it.
    fs::write(d.join("t.csv"), "id\ttext\n9\tProduced by Bob.\n").unwrap();
    let o = scan(d, &["t.csv", "--delimiter", "\\t", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(column(&d.join("out/documents.csv"), "doc"), ["t.csv#9"]);
    // Shards read with other delimiters do not merge, and say which option.
    fs::write(d.join("c.csv"), "id,text\n3,Produced by Cy.\n").unwrap();
    let o = scan_in(d, &["c.csv"], "plain");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_in(d, &["merge", "out", "plain", "-o", "merged"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--delimiter"), "{}", stderr(&o));
}

/// Found by a new user: with `--stdout`, a wrong `--text-field` (or
/// `--text-column`) printed the CSV header to standard output and then
/// failed, so a pipeline got a header-only "result". Nothing is printed
/// to standard output when no document is read; an input with no
/// sentence still gets its header (a whole, empty result).
#[test]
fn a_failed_run_prints_no_header_to_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.jsonl"), "{\"text\": \"Directed by Ann Lee.\"}\n").unwrap();
    fs::write(d.join("b.csv"), "id,text\n1,Produced in Oslo.\n").unwrap();
    fs::write(d.join("empty.txt"), "").unwrap();
    for args in [
        &["scan", "a.jsonl", "--text-field", "body", "--stdout", "sentences"][..],
        &["scan", "b.csv", "--text-column", "body", "--stdout", "mentions"],
        &["scan", "a.jsonl", "--text-field", "body", "--stdout", "documents"],
        // (Review: a fault found at the end, with no row written before it.)
        &["scan", "b.csv", "--keep-field", "nosuch", "--stdout", "mentions"],
    ] {
        let o = run_in(d, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&o.stdout));
    }
    let o = run_in(d, &["scan", "empty.txt", "--stdout", "sentences"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("doc,sentence,start,end,label"));
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
    let o = run_in(d, &["scan", "a.jsonl", "--stdout", "sentences"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().nth(1).unwrap().starts_with("a.jsonl#1,0,"), "{out}");
}

/// Found by a new user: `--input-format ndjson` was refused with a tip
/// to use `json` (an array, which then failed); the file-name spellings
/// are accepted as values. `--format` without `--stdout` says what it is
/// for and which option sets the folder's format.
#[test]
fn format_options_take_the_file_name_spellings_and_say_what_they_set() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "{\"text\": \"Directed by Ann Lee.\"}\n").unwrap();
    let o = scan(d, &["a.txt", "--input-format", "ndjson"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(column(&d.join("out/documents.csv"), "doc"), ["a.txt#1"]);
    let o = scan_in(d, &["a.txt", "--format", "jsonl"], "b");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "--format jsonl sets the format of the --stdout rows, and no --stdout was given: add --stdout \
             sentences, documents or mentions, or, for the tables in the output folder, use --output-format"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("b").exists());
}

/// Found by a new user: a folder of record files (and its SOURCE.md)
/// scanned without `--text-field extract` gave 36,273 near-identical rows,
/// each listing only its own record's fields, and exit 1 (SOURCE.md was a
/// document). A file none of whose records has the field gets one row
/// naming the option, the value given and the fields seen in its records
/// (a field missing from the first record too); stderr and run.json say it
/// once for all such files; every record is still counted as skipped.
#[test]
fn a_wrong_text_field_is_said_once_per_file_with_the_fields_seen() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir(d.join("data")).unwrap();
    fs::write(d.join("data/SOURCE.md"), "Films from Wikipedia, directed by many.\n").unwrap();
    let mut extracts = vec![None; 15];
    extracts[2] = Some(PRODUCER);
    fs::write(d.join("data/a.json"), movies_json(&extracts)).unwrap();
    let lines: Vec<String> = (0..12).map(|i| format!("{{\"id\": {i}, \"body\": \"Rain.\"}}")).collect();
    fs::write(d.join("data/b.jsonl"), lines.join("\n") + "\n").unwrap();
    let o = scan(d, &["data"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["data/SOURCE.md"]);
    let row = |path: &str, all: &str, fields: &str| {
        (
            path.to_string(),
            format!(
                "no record of this file has field `text` (--text-field \"text\"): {all}, skipped; fields seen \
                 in them: {fields}; name the field that holds the text with --text-field"
            ),
        )
    };
    let a_from = "all 15 record(s), element 0 (byte 4) to element 14 (byte ";
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].1.contains(a_from), "{errors:?}");
    let a_to = errors[0].1.split(a_from).nth(1).unwrap().split(')').next().unwrap();
    assert_eq!(
        errors[0],
        row("data/a.json", &format!("{a_from}{a_to})"), "cast, genres, title, year, extract")
    );
    assert_eq!(errors[1], row("data/b.jsonl", "all 12 record(s), line 1 to line 12", "body, id"));
    let run = crate::util::run_json(&d.join("out"));
    assert_eq!(run["documents_skipped"], 27);
    assert_eq!(
        run["notes"][0],
        "--text-field \"text\": no record of 2 record file(s) has this field (first: data/a.json), so they \
         were skipped whole; fields seen in their records: cast, genres, title, year, extract, body, id; name \
         the field that holds the text with --text-field"
    );
    // Without the text file no document is read: exit 2, the same words.
    fs::remove_file(d.join("data/SOURCE.md")).unwrap();
    let o = scan_in(d, &["data"], "none");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no document was read: --text-field \"text\": no record of 2 record file(s)"),
        "{}",
        stderr(&o)
    );
    // A file where some records have the field: a row per record without
    // it, the first ten of a run held, the rest of the run in one row.
    let mut lines: Vec<String> = (1..=13).map(|i| format!("{{\"id\": {i}, \"body\": \"x\"}}")).collect();
    lines.push(format!("{{\"id\": 14, \"text\": \"{PRODUCER}\"}}"));
    lines.push("{\"id\": 15}".to_string());
    fs::write(d.join("c.jsonl"), lines.join("\n") + "\n").unwrap();
    let o = scan_in(d, &["c.jsonl"], "c");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = error_rows(&d.join("c"));
    let said: Vec<&str> = errors.iter().map(|(_, e)| e.as_str()).collect();
    let one = |n: u64, fields: &str| {
        format!(
            "line {n}: no field `text` (its fields: {fields}), skipped; --text-field names the field to read"
        )
    };
    let mut want: Vec<String> = (1..=10).map(|n| one(n, "body, id")).collect();
    want.push(
        "line 11 to line 13: 3 more record(s) with no field `text` (fields seen in such records: body, id), \
         skipped; --text-field names the field to read"
            .to_string(),
    );
    want.push(one(15, "id"));
    assert_eq!(said, want);
    assert_eq!(crate::util::run_json(&d.join("c"))["documents_skipped"], 14);
}

/// Ids shared by documents of one file are reported once, with a count;
/// the documents are still tagged and the run is not a failure.
#[test]
fn duplicate_ids_in_a_record_file_get_one_row_with_a_count() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let lines = [
        "{\"id\": \"a\", \"text\": \"Directed by Ann.\"}",
        "{\"id\": \"b\", \"text\": \"Produced by Bob.\"}",
    ];
    let text = [lines[0], lines[1], lines[0], lines[0]].join("\n") + "\n";
    fs::write(d.join("dup.jsonl"), text).unwrap();
    fs::write(d.join("ok.jsonl"), lines.join("\n") + "\n").unwrap();
    let o = scan(d, &["dup.jsonl", "ok.jsonl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let errors = error_rows(&d.join("out"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "dup.jsonl");
    assert!(
        errors[0]
            .1
            .starts_with("2 document(s) with an id an earlier document of this file has (first: \"a\")"),
        "{errors:?}"
    );
    assert!(errors[0].1.ends_with("give --id-field a unique field"), "{errors:?}");
    assert_eq!(column(&d.join("out/documents.csv"), "doc").len(), 6);
    // A WARC file's ids are its records' URIs: no --id-field to give.
    let record = warc_record("conversion", "http://x.example/same", DIRECTOR.as_bytes());
    fs::write(d.join("twice.warc"), [record.clone(), record].concat()).unwrap();
    let o = scan(d, &["twice.warc", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let errors = error_rows(&d.join("out"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].1.contains("WARC-Target-URI") && !errors[0].1.contains("give --id-field"),
        "{errors:?}"
    );
}

/// Found by a trial: numeric ids went through f64, so two long ids became
/// one (`#1.2345678901234568e+22`), `1E2` became `#100.0`, and `1e400`
/// made its record invalid JSON. A number id is now its text as written;
/// plain integers are as before.
#[test]
fn numeric_ids_keep_their_text_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let ids = ["12345678901234567890123", "12345678901234567890124", "1E2", "1e400", "-0.50e-3", "42", "-7"];
    let lines: Vec<String> =
        ids.iter().map(|id| format!("{{\"id\": {id}, \"text\": \"{DIRECTOR}\"}}")).collect();
    fs::write(d.join("n.jsonl"), lines.join("\n") + "\n").unwrap();
    let array =
        format!("[{{\"id\": 1E2, \"text\": \"{PRODUCER}\"}}, {{\"id\": 9, \"text\": \"{PRODUCER}\"}}]");
    fs::write(d.join("a.json"), array).unwrap();
    let o = scan(d, &["n.jsonl", "a.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    let want: Vec<String> = ids
        .iter()
        .map(|id| format!("n.jsonl#{id}"))
        .chain(["a.json#1E2".into(), "a.json#9".into()])
        .collect();
    assert_eq!(docs, want);
    assert_eq!(errors, []);
}

/// A `null` in the field that `--id-field` names is no id either: the line
/// number, with the note (without `--id-field`, a null `id` is as a missing
/// one, in silence, as above).
#[test]
fn a_null_in_the_named_id_field_falls_back_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let lines = [
        format!("{{\"key\": \"k1\", \"text\": \"{DIRECTOR}\"}}"),
        format!("{{\"key\": null, \"text\": \"{PRODUCER}\"}}"),
    ];
    fs::write(d.join("n.jsonl"), lines.join("\n") + "\n").unwrap();
    let o = scan(d, &["n.jsonl", "--id-field", "key"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["n.jsonl#k1", "n.jsonl#2"]);
    assert_eq!(
        errors,
        [(
            "n.jsonl".to_string(),
            "line 2: field `key` (--id-field) is null, not a string or a number; the line number (2) is used as the id"
                .to_string()
        )]
    );
}

/// Found by a trial: an id field holding an object, an array, a boolean or
/// `""` fell back to the line number in silence, and that number could be
/// another record's id. The fallback stays, with a note row naming the
/// line, the field and what it holds; a clash is the duplicate-id note.
#[test]
fn ids_that_cannot_be_ids_fall_back_to_the_line_number_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let lines = [
        format!("{{\"id\": {{\"n\": 1}}, \"text\": \"{DIRECTOR}\"}}"),
        format!("{{\"id\": 1, \"text\": \"{PRODUCER}\"}}"),
        format!("{{\"id\": [3], \"text\": \"{PRODUCER}\"}}"),
        format!("{{\"id\": true, \"text\": \"{PRODUCER}\"}}"),
        format!("{{\"id\": \"\", \"text\": \"{PRODUCER}\"}}"),
        format!("{{\"id\": null, \"text\": \"{PRODUCER}\"}}"),
    ];
    fs::write(d.join("odd.jsonl"), lines.join("\n") + "\n").unwrap();
    fs::write(d.join("arr.json"), format!("[{{\"id\": {{}}, \"text\": \"{DIRECTOR}\"}}]")).unwrap();
    fs::write(d.join("rows.csv"), format!("id,text\n,\"{DIRECTOR}\"\nr2,{PRODUCER}\n")).unwrap();
    let o = scan(d, &["odd.jsonl", "arr.json", "rows.csv"]);
    // Notes: every record is tagged, and the run is not a failure.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    let want = ["odd.jsonl#1", "odd.jsonl#1", "odd.jsonl#3", "odd.jsonl#4", "odd.jsonl#5", "odd.jsonl#6"];
    assert_eq!(docs[..6], want);
    assert_eq!(docs[6..], ["arr.json#0", "rows.csv#2", "rows.csv#r2"]);
    assert_eq!(labels["odd.jsonl#3"], "producer");
    let odd = |line: u64, found: &str| {
        (
            "odd.jsonl".to_string(),
            format!(
                "line {line}: field `id` (--id-field) is {found}, not a string or a number; the line number ({line}) is used as the id"
            ),
        )
    };
    assert_eq!(errors[0], odd(1, "an object"));
    assert_eq!(errors[1], odd(3, "an array"));
    assert_eq!(errors[2], odd(4, "a boolean"));
    assert_eq!(errors[3], odd(5, "an empty string"));
    // (A null id is no id, as a missing field: no note.) The fallback of
    // line 1 is record 2's id: the duplicate-id note says so.
    assert!(
        errors[4]
            .1
            .starts_with("1 document(s) with an id an earlier document of this file has (first: \"1\")"),
        "{errors:?}"
    );
    assert_eq!(errors[4].0, "odd.jsonl");
    assert_eq!(
        errors[5],
        (
            "arr.json".to_string(),
            "element 0 (byte 1): field `id` (--id-field) is an object, not a string or a number; the element's index (0) is used as the id".to_string()
        )
    );
    assert_eq!(
        errors[6],
        (
            "rows.csv".to_string(),
            "line 2: column `id` (--id-column) is empty; the line number (2) is used as the id".to_string()
        )
    );
    assert_eq!(errors.len(), 7, "{errors:?}");
}

/// Found by a trial: a CSV/TSV header naming a column twice (`id,text,text`)
/// was read in silence (the first of the two). Now a note names the file,
/// the column, its places and which one is read; the batch goes on.
#[test]
fn a_header_naming_a_column_twice_is_noted_with_the_one_read() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("two.csv"), format!("id,text,text\nr1,\"{DIRECTOR}\",\"{PRODUCER}\"\n")).unwrap();
    fs::write(d.join("ids.tsv"), format!("id\tnote\ttext\tid\tnote\tnote\nr1\ta\t{PRODUCER}\tr9\tb\tc\n"))
        .unwrap();
    fs::write(d.join("ok.csv"), format!("id,text\nr1,\"{PRODUCER}\"\n")).unwrap();
    let o = scan(d, &["two.csv", "ids.tsv", "ok.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    assert_eq!(docs, ["two.csv#r1", "ids.tsv#r1", "ok.csv#r1"]);
    // The first `text` column is the one read.
    assert_eq!(labels["two.csv#r1"], "director");
    assert_eq!(
        errors,
        [
            (
                "two.csv".to_string(),
                "line 1: column `text` is named twice in the header (columns 2 and 3); the first (column 2) is read as the text (--text-column); to read the other, rename it in the header".to_string()
            ),
            (
                "ids.tsv".to_string(),
                "line 1: column `id` is named twice in the header (columns 1 and 4); the first (column 1) is read as the id (--id-column); to read the other, rename it in the header".to_string()
            ),
            (
                "ids.tsv".to_string(),
                "line 1: column `note` is named 3 times in the header (columns 2, 5 and 6); none of them is read".to_string()
            ),
        ]
    );
}

/// What a scan tells its observer (the progress bar): for gzip input the
/// bar counts bytes on disk and the text rate counts decompressed bytes.
/// (Standard input, which gives no total, is not tried here: a test run
/// from a terminal would wait on it.)
#[test]
fn observer_gets_disk_bytes_text_bytes_and_no_total_for_stdin() {
    use std::sync::{Arc, Mutex};

    use rolecall::Lexicon;
    use rolecall::scan::{Observer, ScanOptions, scan};

    #[derive(Debug, Default)]
    struct Seen {
        total: Mutex<Vec<Option<u64>>>,
        read: Mutex<u64>,
        text: Mutex<u64>,
    }
    impl Observer for Seen {
        fn wants_total(&self) -> bool {
            true
        }
        fn start(&self, total: Option<u64>) {
            self.total.lock().unwrap().push(total);
        }
        fn advance(&self, bytes: u64, _documents: u64, text_bytes: u64) {
            *self.read.lock().unwrap() += bytes;
            *self.text.lock().unwrap() = text_bytes;
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let text = "Directed by Ann, and produced by Bob on a small budget.\n".repeat(2000);
    let lines: String = (0..50).map(|i| format!("{{\"id\": {i}, \"text\": {text:?}}}\n")).collect();
    let path = tmp.path().join("big.jsonl.gz");
    fs::write(&path, gz(lines.as_bytes())).unwrap();
    let disk = fs::metadata(&path).unwrap().len();
    let seen = Arc::new(Seen::default());
    let mut opts = ScanOptions::new(vec![path], tmp.path().join("out"), Lexicon::builtin());
    opts.observer = Some(seen.clone());
    scan(&opts).unwrap();
    assert_eq!(*seen.total.lock().unwrap(), [Some(disk)]);
    assert_eq!(*seen.read.lock().unwrap(), disk);
    let text_bytes = *seen.text.lock().unwrap();
    assert_eq!(text_bytes, 50 * text.len() as u64);
    assert!(text_bytes > 20 * disk, "decompressed {text_bytes} vs {disk} on disk");
}

/// `--encoding`: text, CSV, JSON Lines and gzip in Latin-1 read as such
/// (a new user's Latin-1 file came out as U+FFFD); a byte-order mark wins;
/// a WARC record keeps its declared charset; a bad label names the option.
#[test]
fn encoding_option_reads_latin1_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let c = d.join("c");
    fs::create_dir(&c).unwrap();
    let text = b"Fran\xe7ois Truffaut directed the film.\n";
    fs::write(c.join("a.txt"), text).unwrap();
    fs::write(c.join("a2.txt.gz"), gz(text)).unwrap();
    fs::write(c.join("b.csv"), b"id,text\n1,\"Jos\xe9 produced the film in S\xe3o Paulo.\"\n").unwrap();
    fs::write(c.join("c.jsonl"), b"{\"id\":\"x\",\"text\":\"Ren\xe9 Cl\xe9ment directed it.\"}\n").unwrap();
    fs::write(c.join("d.txt"), b"\xef\xbb\xbfCaf\xc3\xa9 was directed by Ann.\n").unwrap();
    let body = "<html><body><p>Zo\u{eb} directed the film.</p></body></html>".as_bytes();
    let http = [&b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"[..], body].concat();
    fs::write(c.join("e.warc"), warc_record("response", "http://x/1", &http)).unwrap();
    // A UTF-8 BOM wins in the streamed (gzip) path too.
    fs::write(c.join("d2.txt.gz"), gz(b"\xef\xbb\xbfCaf\xc3\xa9 was directed by Bo.\n")).unwrap();
    // An .html file: its <meta charset> wins, else --encoding.
    fs::write(c.join("f.html"), b"<html><body><p>Fran\xe7ois directed the film.</p></body></html>").unwrap();
    fs::write(
        c.join("g.html"),
        b"<html><head><meta charset=\"utf-8\"></head><body><p>Zo\xc3\xab directed the film.</p></body></html>",
    )
    .unwrap();
    let o = scan(d, &["c", "--encoding", "latin1", "--people"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = d.join("out");
    assert_eq!(error_rows(&out), Vec::<(String, String)>::new());
    let texts: HashMap<String, String> = read_csv(&out.join("sentences.csv"))
        .into_iter()
        .map(|r| (r["doc"].clone(), r["text"].clone()))
        .collect();
    assert_eq!(texts["c/a.txt"], "François Truffaut directed the film.");
    assert_eq!(texts["c/a2.txt.gz"], "François Truffaut directed the film.");
    assert_eq!(texts["c/b.csv#1"], "José produced the film in São Paulo.");
    assert_eq!(texts["c/c.jsonl#x"], "René Clément directed it.");
    assert_eq!(texts["c/d.txt"], "Café was directed by Ann.");
    assert_eq!(texts["c/d2.txt.gz"], "Café was directed by Bo.");
    assert_eq!(texts["c/f.html"], "François directed the film.");
    assert_eq!(texts["c/g.html"], "Zoë directed the film.");
    assert_eq!(crate::util::run_json(&out)["encoding"], "windows-1252");
    assert_eq!(texts["c/e.warc#http://x/1"], "Zoë directed the film.");
    let names = column(&out.join("mentions.csv"), "name");
    assert!(names.contains(&"François Truffaut".to_string()), "{names:?}");
    // --offsets chars: code points of the decoded text.
    let o = scan_in(d, &["c/a.txt", "--encoding", "latin1", "--offsets", "chars"], "chars");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let row = &read_csv(&d.join("chars/sentences.csv"))[0];
    assert_eq!((row["start_char"].as_str(), row["end_char"].as_str()), ("0", "36"));
    // A NUL byte: binary, skipped whole at the file's own offset, read whole or streamed.
    fs::write(c.join("h.txt"), b"caf\xe9\x00 directed").unwrap();
    let big = [b"Fran\xe7ois directed the film. ".repeat(70_000), b"\x00".to_vec()].concat();
    fs::write(c.join("i.txt"), &big).unwrap();
    let o = scan_in(d, &["c/h.txt", "c/i.txt", "--encoding", "latin1"], "nul");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rows = error_rows(&d.join("nul"));
    assert_eq!(rows[0].1, "binary file (NUL byte at offset 4), skipped");
    assert_eq!(rows[1].1, format!("binary file (NUL byte at offset {}), skipped", big.len() - 1));
    assert!(read_csv(&d.join("nul/sentences.csv")).is_empty());
    fs::remove_file(c.join("h.txt")).unwrap();
    fs::remove_file(c.join("i.txt")).unwrap();
    // Without the option the Latin-1 bytes are repaired, and the note says what to give.
    let o = scan_in(d, &["c/a.txt"], "plain");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = error_rows(&d.join("plain"));
    assert!(rows[0].1.contains("give --encoding, e.g. --encoding windows-1252"), "{rows:?}");
    for (label, says) in [("klingon", "not an encoding label"), ("utf-16le", "UTF-16LE is not read this way")]
    {
        let o = scan_in(d, &["c", "--encoding", label], "bad");
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(&format!("--encoding {label:?}: {says}")), "{}", stderr(&o));
        assert!(!d.join("bad").exists());
    }
}

/// `--encoding auto`: a folder mixing UTF-8 and legacy encodings is read
/// in one scan, each file in the encoding its bytes suggest, in every path
/// (whole, streamed, gzip, records, `.html`), each detection a row of
/// `errors.csv`; UTF-8 files are read as UTF-8 and get no row.
#[test]
fn encoding_auto_detects_each_file() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let c = d.join("c");
    fs::create_dir(&c).unwrap();
    let french = "Fran\u{e7}ois Truffaut a r\u{e9}alis\u{e9} le film \u{e0} Paris, o\u{f9} l'\u{e9}quipe \u{e9}tait d\u{e9}j\u{e0} r\u{e9}unie. Il directed the film.\n";
    let latin1 = |s: &str| encoding_rs::WINDOWS_1252.encode(s).0.into_owned();
    let russian = "\u{420}\u{435}\u{436}\u{438}\u{441}\u{441}\u{435}\u{440} \u{441}\u{43d}\u{44f}\u{43b} \u{444}\u{438}\u{43b}\u{44c}\u{43c} \u{432} \u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{435}. Ivan directed the film.\n";
    fs::write(c.join("u.txt"), "Zo\u{eb} directed the film.\n").unwrap();
    fs::write(c.join("l.txt"), latin1(french)).unwrap();
    fs::write(c.join("r.txt"), encoding_rs::WINDOWS_1251.encode(russian).0.as_ref()).unwrap();
    fs::write(c.join("l.txt.gz"), gz(&latin1(french))).unwrap();
    // Past the size that is streamed in blocks.
    fs::write(c.join("big.txt"), latin1(&french.repeat(30_000))).unwrap();
    fs::write(c.join("b.csv"), [&b"id,text\n1,\""[..], &latin1(french.trim_end()), b"\"\n"].concat())
        .unwrap();
    fs::write(c.join("f.html"), [&b"<html><body><p>"[..], &latin1(french), b"</p></body></html>"].concat())
        .unwrap();
    let o = scan(d, &["c", "--encoding", "auto", "--sentences", "all"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = d.join("out");
    let first: HashMap<String, String> = read_csv(&out.join("sentences.csv"))
        .into_iter()
        .rev()
        .map(|r| (r["doc"].clone(), r["text"].clone()))
        .collect();
    let first_sentence = |s: &str| s[..s.find(". ").unwrap() + 1].to_string();
    for doc in ["c/l.txt", "c/l.txt.gz", "c/big.txt", "c/b.csv#1", "c/f.html"] {
        assert_eq!(first[doc], first_sentence(french), "{doc}");
    }
    assert_eq!(first["c/r.txt"], first_sentence(russian));
    assert_eq!(first["c/u.txt"], "Zo\u{eb} directed the film.");
    let rows = error_rows(&out);
    let detected =
        |enc: &str| format!("not UTF-8: read as {enc}, the encoding its bytes suggest (--encoding auto)");
    let mut files: Vec<&str> = rows.iter().map(|(f, _)| f.as_str()).collect();
    files.sort();
    assert_eq!(files, ["c/b.csv", "c/big.txt", "c/f.html", "c/l.txt", "c/l.txt.gz", "c/r.txt"], "{rows:?}");
    for (file, why) in &rows {
        let enc = if file == "c/r.txt" { "windows-1251" } else { "windows-1252" };
        assert!(why.starts_with(&detected(enc)), "{file}: {why}");
    }
    assert_eq!(crate::util::run_json(&out)["encoding"], "auto");
    // Without it, the Latin-1 file is repaired as UTF-8.
    let o = scan_in(d, &["c/l.txt"], "plain");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(error_rows(&d.join("plain"))[0].1.contains("give --encoding"));
    // Reading ahead to decide loses no read error (a corrupt gzip), and
    // binary data is skipped with one row (not also "read as").
    let e = d.join("e");
    fs::create_dir(&e).unwrap();
    let mut corrupt = gz(&latin1(&french.repeat(2_000)));
    let third = corrupt.len() / 3;
    corrupt[third..third + 50].fill(0xff);
    fs::write(e.join("corrupt.txt.gz"), &corrupt).unwrap();
    fs::write(e.join("nul.txt.gz"), gz(&[latin1(french), b"\0".to_vec(), latin1(french)].concat())).unwrap();
    for (option, out) in [(None, "e-utf8"), (Some("auto"), "e-auto")] {
        let mut args = vec!["e"];
        args.extend(option.map(|o| ["--encoding", o]).into_iter().flatten());
        let o = scan_in(d, &args, out);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let rows = error_rows(&d.join(out));
        let corrupt: Vec<&String> =
            rows.iter().filter(|(f, _)| f == "e/corrupt.txt.gz").map(|(_, w)| w).collect();
        assert!(corrupt.iter().any(|w| w.starts_with("read failed after")), "{option:?}: {rows:?}");
        let nul: Vec<&String> = rows.iter().filter(|(f, _)| f == "e/nul.txt.gz").map(|(_, w)| w).collect();
        assert_eq!(nul.len(), 1, "{option:?}: {rows:?}");
        assert!(nul[0].starts_with("binary data"), "{option:?}: {rows:?}");
    }
    // A label named UTF-8 is recorded as given.
    let o = scan_in(d, &["c/u.txt", "--encoding", "utf-8"], "u8");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(crate::util::run_json(&d.join("u8"))["encoding"], "UTF-8");
}

/// A small gzip file without `.gz` in its name is read whole, with at most
/// 1 MiB of text: a file of 20 KB that holds 3 MiB is skipped with a row
/// saying to name it `.gz`, and the same bytes named `.gz` are streamed.
#[test]
fn small_gzip_without_a_gz_name_holds_at_most_one_mib() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let c = d.join("c");
    fs::create_dir(&c).unwrap();
    let text = format!("{DIRECTOR}\n\n").repeat(3 * (1 << 20) / (DIRECTOR.len() + 2) + 1);
    let packed = gz(text.as_bytes());
    assert!(packed.len() < 2 << 20, "read whole by its size");
    fs::write(c.join("dense.txt"), &packed).unwrap();
    fs::write(c.join("dense.txt.gz"), &packed).unwrap();
    fs::write(c.join("small.txt"), gz(DIRECTOR.as_bytes())).unwrap();
    let o = rolecall_in(d).args(["scan", "c", "-o", "out", "-q"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["c/dense.txt.gz", "c/small.txt"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "c/dense.txt");
    assert!(
        errors[0].1.contains("longer than 1 MiB once decompressed") && errors[0].1.contains("`.gz`"),
        "{errors:?}"
    );
}

/// Found by a trial: gzip data under a name that does not end in `.gz`
/// (`notes.txt`, a name without extension) was read as text and reported
/// binary (NUL byte at offset 3). It is found by its first bytes, read
/// whole or streamed, and the format still follows the name.
#[test]
fn gzip_without_a_gz_name_is_found_by_its_first_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let c = d.join("c");
    fs::create_dir(&c).unwrap();
    fs::write(c.join("notes.txt"), gz(DIRECTOR.as_bytes())).unwrap();
    fs::write(c.join("no-extension"), gz(PRODUCER.as_bytes())).unwrap();
    fs::write(c.join("news.jsonl"), gz(format!("{{\"id\":\"n1\",\"text\":\"{DIRECTOR}\"}}\n").as_bytes()))
        .unwrap();
    fs::write(c.join("export.csv"), gz(format!("id,text\nx1,\"{PRODUCER}\"\n").as_bytes())).unwrap();
    // Over the size read whole (2 MiB on disk: stored, not compressed).
    let big = format!("{DIRECTOR}\n\n").repeat(40_000);
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::none());
    e.write_all(big.as_bytes()).unwrap();
    let stored = e.finish().unwrap();
    assert!(stored.len() > 2 << 20);
    fs::write(c.join("big.txt"), stored).unwrap();
    // A real binary file is still binary.
    fs::write(c.join("blob.txt"), b"abcdefgh\0ijk").unwrap();
    // Rows to files only (checked block by block), and to stdout too (a
    // first pass looks for NUL bytes in plain files).
    for stdout in [false, true] {
        let mut cmd = rolecall_in(d);
        cmd.args(["scan", "c", "-o", "out", "--force", "-q"]);
        if stdout {
            cmd.args(["--stdout", "sentences"]);
        }
        let o = cmd.output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let (docs, errors, labels) = outcome(d);
        assert_eq!(
            docs,
            ["c/big.txt", "c/export.csv#x1", "c/news.jsonl#n1", "c/no-extension", "c/notes.txt"],
            "stdout {stdout}"
        );
        assert_eq!(errors, [("c/blob.txt".into(), "binary file (NUL byte at offset 8), skipped".into())]);
        assert_eq!(labels["c/notes.txt"], "director");
        assert_eq!(labels["c/no-extension"], "producer");
        assert_eq!(labels["c/news.jsonl#n1"], "director");
        assert_eq!(labels["c/export.csv#x1"], "producer");
        let big_rows =
            read_csv(&d.join("out/sentences.csv")).iter().filter(|r| r["doc"] == "c/big.txt").count();
        assert_eq!(big_rows, 40_000, "stdout {stdout}");
    }
}

/// A file that starts with a UTF-8 byte-order mark is read as UTF-8
/// whatever `--encoding` says: its row about invalid UTF-8 says the mark
/// decided, not to give `--encoding` (which the mark overrides).
#[test]
fn a_utf8_bom_row_says_the_mark_decided_the_encoding() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let c = d.join("c");
    fs::create_dir(&c).unwrap();
    let bom = b"\xef\xbb\xbf";
    fs::write(c.join("a.txt"), [&bom[..], b"Caf\xe9 was directed by Ann.\n"].concat()).unwrap();
    fs::write(c.join("b.csv"), [&bom[..], b"id,text\n1,Caf\xe9 was produced by Bo.\n"].concat()).unwrap();
    fs::write(c.join("c.txt.gz"), gz(&[&bom[..], b"Caf\xe9 was directed by Cy.\n"].concat())).unwrap();
    fs::write(c.join("d.txt"), b"Caf\xe9 was directed by Di.\n").unwrap();
    let said = "it starts with a UTF-8 byte-order mark, which decided that it is read as UTF-8";
    for args in [&["c"][..], &["c", "--encoding", "latin1"], &["c", "--encoding", "auto"]] {
        let o = scan(d, &[args, &["--force"][..]].concat());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let errors = error_rows(&d.join("out"));
        for path in ["c/a.txt", "c/b.csv#1", "c/c.txt.gz"] {
            let row = errors.iter().find(|(p, _)| p == path).unwrap_or_else(|| panic!("{path}: {errors:?}"));
            assert!(row.1.starts_with("invalid UTF-8 (1 byte(s)"), "{args:?}: {row:?}");
            assert!(row.1.contains(said), "{args:?}: {row:?}");
        }
        // Without a mark, the option decides.
        let plain = errors.iter().find(|(p, _)| p == "c/d.txt");
        match args.get(2) {
            None => assert!(plain.unwrap().1.contains("give --encoding, e.g."), "{errors:?}"),
            Some(_) => assert!(!plain.is_some_and(|r| r.1.contains(said)), "{errors:?}"),
        }
    }
}

/// Junk between WARC records is reported at its byte and is not counted as
/// a record: the records after it keep their numbers in the file.
#[test]
fn warc_junk_between_records_keeps_record_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut data = warc_record("conversion", "http://x/1", DIRECTOR.as_bytes());
    let junk = data.len();
    data.extend(b"<html>stray bytes</html>\r\n");
    data.extend(warc_record("conversion", "http://x/2", PRODUCER.as_bytes()));
    let broken = data.len();
    data.extend(b"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: ten\r\n\r\nxxxxxxxxxx\r\n\r\n");
    data.extend(warc_record("conversion", "http://x/4", DIRECTOR.as_bytes()));
    fs::write(d.join("a.warc"), data).unwrap();
    let o = scan(d, &["a.warc"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["a.warc#http://x/1", "a.warc#http://x/2", "a.warc#http://x/4"]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        errors[0].1,
        format!(
            "byte {junk} (after record 1): expected a `WARC/1.x` version line, found \"<html>stray bytes</html>\"; skipped to the next record"
        )
    );
    assert_eq!(errors[1].1, format!("record 3 (byte {broken}): Content-Length is not a number, skipped"));
}

/// Data that starts with gzip's magic bytes (1f 8b) but is not gzip (text
/// after them, a header cut short), read whole, streamed or as records:
/// one row each naming the byte and what to do; no panic, and the other
/// files' rows are all there. It used to say only "invalid gzip header" or
/// "unexpected end of file".
#[test]
fn gzip_magic_bytes_without_gzip_data_get_a_row_each() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let c = d.join("c");
    fs::create_dir(&c).unwrap();
    fs::write(c.join("a.txt"), DIRECTOR).unwrap();
    let fake = b"\x1f\x8bjunk text that is not gzip at all\n".to_vec();
    fs::write(c.join("fake.txt"), &fake).unwrap(); // read whole
    fs::write(c.join("fake.txt.gz"), &fake).unwrap(); // streamed
    fs::write(c.join("fake.jsonl"), &fake).unwrap(); // records
    // Over 2 MiB: streamed although not named `.gz`.
    fs::write(c.join("fake-big.txt"), [fake.clone(), vec![b'x'; 3 << 20]].concat()).unwrap();
    let header = gz(DIRECTOR.as_bytes())[..6].to_vec();
    fs::write(c.join("cut-header.txt"), &header).unwrap();
    fs::write(c.join("cut-header.warc.gz"), &header).unwrap();
    fs::write(c.join("magic-only.csv"), b"\x1f\x8b").unwrap();
    fs::write(c.join("z.jsonl"), format!("{{\"id\":\"z\",\"text\":\"{PRODUCER}\"}}\n")).unwrap();
    let o = rolecall_in(d).args(["scan", "c", "-o", "out"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    assert_eq!(docs, ["c/a.txt", "c/z.jsonl#z"]);
    assert_eq!((labels["c/a.txt"].as_str(), labels["c/z.jsonl#z"].as_str()), ("director", "producer"));
    let row = |name: &str| {
        errors
            .iter()
            .find(|(p, _)| p == &format!("c/{name}"))
            .unwrap_or_else(|| panic!("{name}: {errors:?}"))
            .1
            .clone()
    };
    for name in ["fake.txt", "fake.txt.gz", "fake.jsonl", "fake-big.txt"] {
        assert_eq!(
            row(name),
            "cannot read: not a gzip stream: it starts with gzip's magic bytes (1f 8b) but its gzip header at byte 0 is invalid; the file is damaged or is not gzip (`gzip -t FILE` checks a gzip file), skipped",
            "{name}"
        );
    }
    for name in ["cut-header.txt", "cut-header.warc.gz", "magic-only.csv"] {
        assert_eq!(
            row(name),
            "cannot read: unexpected end of the file inside the gzip header at byte 0: the file is truncated (a partial download or copy?), skipped",
            "{name}"
        );
    }
    assert_eq!(errors.len(), 7, "{errors:?}");
    // Said on stderr too, with the file's name.
    assert!(stderr(&o).contains("7 skipped"), "{}", stderr(&o));
}

/// A `.gz` whose decompressed data is gzip again: one layer is
/// decompressed (as `gzip -d` does), and the file is skipped with a row
/// that says it is gzip inside gzip, not "binary data (NUL byte at offset
/// 3)" or invalid JSON, in every format and read whole or streamed.
#[test]
fn gzip_inside_gzip_is_skipped_saying_so() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let c = d.join("c");
    fs::create_dir(&c).unwrap();
    let twice = |b: &[u8]| gz(&gz(b));
    fs::write(c.join("a.txt.gz"), twice(DIRECTOR.as_bytes())).unwrap();
    fs::write(c.join("b.txt"), twice(DIRECTOR.as_bytes())).unwrap(); // small: read whole
    fs::write(c.join("c.jsonl.gz"), twice(format!("{{\"text\":\"{DIRECTOR}\"}}\n").as_bytes())).unwrap();
    fs::write(c.join("d.warc.gz"), twice(&warc_record("conversion", "u", DIRECTOR.as_bytes()))).unwrap();
    fs::write(c.join("e.html.gz"), twice(b"<p>Directed by Jane Campion.</p>")).unwrap();
    fs::write(c.join("f.txt.gz"), gz(PRODUCER.as_bytes())).unwrap();
    let o = scan(d, &["c"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["c/f.txt.gz"]);
    let said = "cannot read: gzip inside gzip: the decompressed data starts with gzip's magic bytes (1f 8b) again; decompress the outer layer (`gunzip -c FILE > INNER.gz`) and scan the result, skipped";
    let expected: Vec<(String, String)> = ["a.txt.gz", "b.txt", "c.jsonl.gz", "d.warc.gz", "e.html.gz"]
        .iter()
        .map(|n| (format!("c/{n}"), said.to_string()))
        .collect();
    assert_eq!(errors, expected);
    // Standard input too.
    let o = rolecall_in(d)
        .args(["scan", "-", "-o", "out", "--force", "-q"])
        .write_stdin(twice(DIRECTOR.as_bytes()))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(outcome(d).1, [("-".to_string(), said.to_string())]);
}

/// `--input-format text` names the format inside, not the compression:
/// gzip data is decompressed whatever its name (`.gz` or not), a plain
/// file is read as it is, and a plain file named `.gz` is skipped with a
/// row saying to rename it, as it is without the option.
#[test]
fn input_format_text_still_decompresses_gzip() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let c = d.join("c");
    fs::create_dir(&c).unwrap();
    fs::write(c.join("a.txt.gz"), gz(DIRECTOR.as_bytes())).unwrap();
    fs::write(c.join("b.jsonl.gz"), gz(format!("{{\"text\":\"{PRODUCER}\"}}\n").as_bytes())).unwrap();
    fs::write(c.join("c-no-extension"), gz(DIRECTOR.as_bytes())).unwrap();
    fs::write(c.join("d.txt"), PRODUCER).unwrap();
    fs::write(c.join("e.txt.gz"), DIRECTOR).unwrap();
    let rename = "cannot read: not a gzip stream: the name ends in `.gz` but the data does not start with gzip's magic bytes (1f 8b); if it is not compressed, rename it without `.gz`, skipped";
    for forced in [true, false] {
        let mut args = vec!["c", "--force"];
        if forced {
            args.extend(["--input-format", "text"]);
        }
        let o = scan(d, &args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let (docs, errors, labels) = outcome(d);
        assert_eq!(errors, [("c/e.txt.gz".to_string(), rename.to_string())], "forced {forced}");
        if forced {
            // The JSON Lines file is text: one document, its JSON the text.
            assert_eq!(docs, ["c/a.txt.gz", "c/b.jsonl.gz", "c/c-no-extension", "c/d.txt"]);
            let bytes = read_csv(&d.join("out/documents.csv"))[1]["bytes"].clone();
            assert_eq!(bytes, (PRODUCER.len() + 12).to_string());
        } else {
            assert_eq!(docs, ["c/a.txt.gz", "c/b.jsonl.gz#1", "c/c-no-extension", "c/d.txt"]);
        }
        assert_eq!(labels["c/a.txt.gz"], "director");
        assert_eq!(labels["c/c-no-extension"], "director");
        assert_eq!(labels["c/d.txt"], "producer");
    }
}

/// A `.gz` cut in the middle, streamed or read whole (a small file not
/// named `.gz`) or as records: the text before the cut is tagged and kept,
/// and the file is reported as incomplete: a row saying it is truncated
/// and the rest is missing, counted in `documents_skipped`, exit code 1.
#[test]
fn a_cut_gzip_is_reported_incomplete_and_counted_as_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let c = d.join("c");
    fs::create_dir(&c).unwrap();
    let text = format!("{DIRECTOR} {PRODUCER} ").repeat(400);
    let data = gz(text.as_bytes());
    let cut = &data[..data.len() / 2];
    fs::write(c.join("cut.txt.gz"), cut).unwrap();
    fs::write(c.join("cut-small.txt"), cut).unwrap();
    let lines: String = (0..2000).map(|i| format!("{{\"id\":{i},\"text\":\"{DIRECTOR}\"}}\n")).collect();
    let packed = gz(lines.as_bytes());
    fs::write(c.join("cut.jsonl.gz"), &packed[..packed.len() / 2]).unwrap();
    fs::write(c.join("z.txt"), PRODUCER).unwrap();
    let o = scan(d, &["c"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(errors.len(), 3, "{errors:?}");
    let said = format!(
        "unexpected end of the gzip data at byte {}: the file is truncated (a partial download or copy?), the rest of its text is missing",
        cut.len()
    );
    for (path, e) in &errors {
        if path == "c/cut.jsonl.gz" {
            assert!(
                e.starts_with("read failed at line ") && e.ends_with("; the records before it are kept"),
                "{e}"
            );
        } else {
            assert!(e.starts_with("read failed after ") && e.contains(&said), "{path}: {e}");
            assert!(e.ends_with("; the rows before it are kept"), "{e}");
        }
    }
    // The text before the cut was tagged, and the file after it is whole.
    let rows = read_csv(&d.join("out/documents.csv"));
    for doc in ["c/cut-small.txt", "c/cut.txt.gz"] {
        let row = rows.iter().find(|r| r["doc"] == doc).unwrap();
        assert!(row["sentences"].parse::<usize>().unwrap() > 100, "{row:?}");
    }
    assert!(docs.iter().filter(|d| d.starts_with("c/cut.jsonl.gz#")).count() > 100);
    assert_eq!(docs.last().unwrap(), "c/z.txt");
    assert_eq!(crate::util::run_json(&d.join("out"))["documents_skipped"], 3);
}

/// Numbers inside an object (or array) kept by `--keep-field`, out of any
/// float's or integer's range, are written with every digit (never
/// through f64: no `inf`, no rounding, no panic); only their exponent is
/// written with a lower-case `e` (and `+` when positive), and the keys in sorted order, as compact JSON. A number
/// kept by its own dotted path stays as written.
#[test]
fn numbers_inside_kept_objects_keep_every_digit() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let c = d.join("c");
    fs::create_dir(&c).unwrap();
    let line = format!(
        "{{\"text\":\"{DIRECTOR}\",\"meta\":{{\"z\":1.50,\"a\":-0.0,\"b\":1E2,\"c\":[1E400,-1e-400,18446744073709551616,-9223372036854775809],\"d\":123456789012345678901234567890.000000000000000000001}}}}\n"
    );
    fs::write(c.join("k.jsonl"), &line).unwrap();
    fs::write(c.join("k.json"), format!("[{}]", line.trim_end())).unwrap();
    let o = scan(d, &["c", "--keep-field", "meta", "--keep-field", "meta.c.0", "--keep-field", "meta.b"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (docs, errors, _) = outcome(d);
    assert_eq!(docs, ["c/k.json#0", "c/k.jsonl#1"]);
    assert!(errors.is_empty(), "{errors:?}");
    for row in read_csv(&d.join("out/documents.csv")) {
        assert_eq!(
            row["meta"],
            "{\"a\":-0.0,\"b\":1e+2,\"c\":[1e+400,-1e-400,18446744073709551616,-9223372036854775809],\"d\":123456789012345678901234567890.000000000000000000001,\"z\":1.50}",
            "{row:?}"
        );
        assert_eq!((row["meta.c.0"].as_str(), row["meta.b"].as_str()), ("1E400", "1E2"));
    }
}

/// A file where a record fails for another reason (a null text, invalid
/// JSON) is not one none of whose records has the field: the rows held
/// about records lacking it are written before that row, in input order,
/// and the file gets no "no record of this file" row.
#[test]
fn rows_held_about_a_missing_field_keep_input_order() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(
        d.join("nul.jsonl"),
        "{\"title\":\"a\"}\n{\"title\":\"b\"}\n{\"title\":\"c\",\"text\":null}\n{\"title\":\"d\"}\n",
    )
    .unwrap();
    let mut part: Vec<String> = (0..12).map(|i| format!("{{\"title\":\"{i}\"}}")).collect();
    part[3] = "{bad json".into();
    part.push("{\"text\":\"Directed by Ann Lee.\"}".into());
    fs::write(d.join("part.jsonl"), part.join("\n") + "\n").unwrap();
    fs::write(d.join("good.txt"), "The director shot it.").unwrap();
    let o = scan(d, &["nul.jsonl", "part.jsonl", "good.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rows = error_rows(&d.join("out"));
    let lines: Vec<String> =
        rows.iter().map(|(p, e)| format!("{p} {}", e.split(':').next().unwrap())).collect();
    let want: Vec<String> = (1..=4)
        .map(|l| format!("nul.jsonl line {l}"))
        .chain((1..=12).map(|l| format!("part.jsonl line {l}")))
        .collect();
    assert_eq!(lines, want, "{rows:?}");
    assert!(!rows.iter().any(|(_, e)| e.contains("no record of this file")), "{rows:?}");
    assert!(!stderr(&o).contains("no record of"), "{}", stderr(&o));
}

/// WARC records whose Content-Length lies: a few bytes too long, past the
/// next record, too short (the block ends inside a line), past the end of
/// the file with a record inside. Each is skipped with a row naming the
/// record, its byte and where reading went on; every other record is
/// tagged (the one after a length too long used to be lost, and its
/// header read as text). In `.warc` and in `.warc.gz` of one member per
/// record.
#[test]
fn warc_records_with_lying_lengths_lose_no_other_record() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let lying = |uri: &str, text: &str, length: usize| {
        let r = warc_record("conversion", uri, text.as_bytes());
        let real = format!("Content-Length: {}\r\n", text.len());
        String::from_utf8(r).unwrap().replace(&real, &format!("Content-Length: {length}\r\n")).into_bytes()
    };
    let fifth = warc_record("conversion", "u5", PRODUCER.as_bytes());
    let records = [
        warc_record("conversion", "u1", DIRECTOR.as_bytes()),
        lying("u2", PRODUCER, PRODUCER.len() + 6),
        warc_record("conversion", "u3", DIRECTOR.as_bytes()),
        lying("u4", PRODUCER, PRODUCER.len() + 4 + fifth.len() + 20),
        fifth,
        lying("u6", DIRECTOR, 8),
        warc_record("conversion", "u7", DIRECTOR.as_bytes()),
        lying("u8", PRODUCER, 5000),
        warc_record("conversion", "u9", DIRECTOR.as_bytes()),
    ];
    let at: Vec<usize> = records.iter().scan(0, |at, r| Some(std::mem::replace(at, *at + r.len()))).collect();
    let all = records.concat();
    fs::write(d.join("a.warc"), &all).unwrap();
    fs::write(d.join("b.warc.gz"), records.iter().flat_map(|r| gz(r)).collect::<Vec<u8>>()).unwrap();
    let o = scan(d, &["a.warc", "b.warc.gz"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (docs, errors, labels) = outcome(d);
    let block_of = |n: usize, text: &str| at[n - 1] + records[n - 1].len() - 4 - text.len();
    let past = |n: usize, length: usize, text: &str| {
        format!(
            "record {n} (byte {}): its Content-Length ({length} bytes) runs past the record: the next record starts {} bytes into the block, at byte {}; record skipped, the records from byte {} are read (the block looks {} bytes long: with that Content-Length the record would be read)",
            at[n - 1],
            text.len() + 4,
            at[n],
            at[n],
            text.len()
        )
    };
    for file in ["a.warc", "b.warc.gz"] {
        let ids: Vec<&str> = docs.iter().filter_map(|d| d.strip_prefix(&format!("{file}#"))).collect();
        assert_eq!(ids, ["u1", "u3", "u5", "u7", "u9"], "{file}");
        assert_eq!(labels[&format!("{file}#u3")], "director");
        assert_eq!(labels[&format!("{file}#u5")], "producer");
        let rows: Vec<&str> = errors.iter().filter(|(p, _)| p == file).map(|(_, e)| e.as_str()).collect();
        assert_eq!(
            rows,
            [
                past(2, PRODUCER.len() + 6, PRODUCER),
                past(4, PRODUCER.len() + 4 + records[4].len() + 20, PRODUCER),
                format!(
                    "record 6 (byte {}): its Content-Length (8 bytes) ends inside a line (\" by Jane Campion, the film moves with a …\" follows the block), so it is too short (or junk follows the block); record skipped to the next record (fix the record's Content-Length to read it)",
                    at[5]
                ),
                format!(
                    "record 8 (byte {}): the file ends {} bytes into the block, short of its Content-Length (5000 bytes), and a record starts {} bytes into it, at byte {}: the length is wrong; record skipped, the records from byte {} are read (the block looks {} bytes long: with that Content-Length the record would be read)",
                    at[7],
                    all.len() - block_of(8, PRODUCER),
                    PRODUCER.len() + 4,
                    at[8],
                    at[8],
                    PRODUCER.len()
                ),
            ],
            "{file}"
        );
    }
    assert_eq!(crate::util::run_json(&d.join("out"))["documents_skipped"], 8);
}

/// Found by a trial: a folder of text or a CSV file given `--input-format
/// jsonl` wrote one "invalid JSON" row per line and exited 1. Each file is
/// one row now, and a run that read no document exits 2 naming the option.
#[test]
fn files_that_are_not_json_lines_are_one_row_each_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.csv"), "id,text\n1,Directed by Ann Lee.\n2,Produced by Bo Ma.\n").unwrap();
    let lines: String = (0..50).map(|i| format!("Line {i} of a book.\n")).collect();
    fs::write(d.join("book.txt"), lines).unwrap();
    let o = run_in(d, &["scan", "a.csv", "book.txt", "--input-format", "jsonl", "-o", "out"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("no document was read"), "{err}");
    assert!(err.contains("not JSON Lines") && err.contains("--input-format"), "{err}");
    // With one JSON Lines file among them: its document is read, one row
    // per other file, exit 1.
    fs::write(d.join("ok.jsonl"), "{\"text\":\"Directed by Ann Lee.\"}\n").unwrap();
    let o =
        run_in(d, &["scan", "a.csv", "book.txt", "ok.jsonl", "--input-format", "jsonl", "-o", "out2", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rows = error_rows(&d.join("out2"));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|(_, problem)| problem.contains("not JSON Lines")), "{rows:?}");
}
