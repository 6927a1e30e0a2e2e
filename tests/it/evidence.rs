//! Evidence in the rows: `--offsets chars` spans that slice the decoded
//! text by code points, as Python and R do.

use crate::util::{collapse, headers, read_csv, run_json, scan_in, stderr};

/// The text a row's code point span selects in `decoded` (as chars).
fn by_chars(decoded: &[char], start: &str, end: &str) -> String {
    let (a, b): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
    decoded[a..b].iter().collect()
}

#[test]
fn char_offsets_slice_the_decoded_text_in_files_blocks_and_records() {
    let tmp = tempfile::tempdir().unwrap();
    // Non-ASCII letters, an emoji, and a bad byte (one U+FFFD when decoded).
    let mut small = "Der Regisseur Jürgen Vogel hat den Film gedreht. 🎬 Directed by Ana Núñez.\n\n\
                     The producer \u{2014} Chloé Zhao \u{2014} raised the budget."
        .as_bytes()
        .to_vec();
    small.extend_from_slice(b"\n\nA bad \xff byte. Directed by Bo Ek.\n");
    std::fs::write(tmp.path().join("small.txt"), &small).unwrap();
    // Over the streaming threshold (2 MiB): read and tagged in blocks.
    let para = "Le réalisateur a tourné à Montréal. Directed by Zoë Ångström.\n\n";
    let big = para.repeat((3 << 20) / para.len() + 1);
    std::fs::write(tmp.path().join("big.txt"), &big).unwrap();
    let rec = serde_json::json!({"id": "r1", "text": "Produced by Søren Ølgaard. ✨ Directed by Ana."});
    std::fs::write(tmp.path().join("r.jsonl"), format!("{rec}\n")).unwrap();

    let out = tmp.path().join("out");
    let o = scan_in(tmp.path(), &[".", "--offsets", "chars", "--matches", "--sentences", "all"], &out);
    assert!(o.status.code() == Some(0) || o.status.code() == Some(1), "{}", stderr(&o));
    assert_eq!(headers(&out.join("sentences.csv"))[2..4], ["start_char", "end_char"]);
    assert_eq!(headers(&out.join("matches.csv"))[5..7], ["start_char", "end_char"]);

    // Each document's text decoded as Python would, as code points.
    let decode = |doc: &str| -> Vec<char> {
        if doc.ends_with("r.jsonl#r1") {
            rec["text"].as_str().unwrap().chars().collect()
        } else {
            let name = doc.rsplit('/').next().unwrap();
            String::from_utf8_lossy(&std::fs::read(tmp.path().join(name)).unwrap()).chars().collect()
        }
    };
    let mut texts: std::collections::HashMap<String, Vec<char>> = Default::default();
    let rows = read_csv(&out.join("sentences.csv"));
    let mut seen_big_tail = false;
    for r in &rows {
        let text = texts.entry(r["doc"].clone()).or_insert_with(|| decode(&r["doc"]));
        assert_eq!(collapse(&by_chars(text, &r["start_char"], &r["end_char"])), r["text"], "{r:?}");
        seen_big_tail |=
            r["doc"].ends_with("big.txt") && r["start_char"].parse::<usize>().unwrap() > 2_000_000;
    }
    assert!(seen_big_tail, "rows from late blocks of the streamed file");
    for m in read_csv(&out.join("matches.csv")) {
        let text = texts.entry(m["doc"].clone()).or_insert_with(|| decode(&m["doc"]));
        let found = by_chars(text, &m["start_char"], &m["end_char"]);
        let term = m["term"].to_lowercase();
        let found = found.to_lowercase();
        let same = match term.strip_suffix('*') {
            Some(prefix) => found.starts_with(prefix),
            None => found == term,
        };
        assert!(same, "{m:?} → {found:?}");
    }
}

#[test]
fn several_text_fields_are_tagged_together_and_rows_say_which() {
    let tmp = tempfile::tempdir().unwrap();
    let recs = [
        serde_json::json!({"id": "a", "title": "Regie: Jürgen Vogel. Directed by Ana Núñez", "body": "The producer raised the budget. Rain fell on Malmö."}),
        serde_json::json!({"id": "b", "title": "No body here"}),
        serde_json::json!({"id": "c", "title": null, "body": "Directed by Bo Ek."}),
    ];
    let lines: Vec<String> = recs.iter().map(|r| r.to_string()).collect();
    std::fs::write(tmp.path().join("r.jsonl"), lines.join("\n")).unwrap();
    std::fs::write(
        tmp.path().join("t.csv"),
        "id,title,body\n1,Directed by Ann Lee,The studio set a release date.\n",
    )
    .unwrap();
    // A text file in the same scan has no fields: its rows carry the
    // `field` cell empty (found by a trial: the cell was left out, so its
    // rows were one short of the header and merge refused the shard).
    let plain = "The film was produced by Bo Ma and directed by Ann Lee.\n";
    std::fs::write(tmp.path().join("a.txt"), plain).unwrap();
    for offsets in ["bytes", "chars"] {
        let out = tmp.path().join(format!("out-{offsets}"));
        let args = [
            ".",
            "--text-field",
            "title,body",
            "--sentences",
            "all",
            "--matches",
            "--people",
            "--offsets",
            offsets,
        ];
        let o = scan_in(tmp.path(), &args, &out);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let [start, end] = if offsets == "chars" { ["start_char", "end_char"] } else { ["start", "end"] };
        assert_eq!(headers(&out.join("sentences.csv"))[..5], ["doc", "sentence", "field", start, end]);
        let field_text = |doc: &str, field: &str| -> String {
            if doc == "./a.txt" {
                assert_eq!(field, "");
                plain.to_string()
            } else if let Some(id) = doc.strip_prefix("./r.jsonl#") {
                let r = recs.iter().find(|r| r["id"] == id).unwrap();
                r[field].as_str().unwrap_or("").to_string()
            } else {
                let row = "Directed by Ann Lee,The studio set a release date.";
                row.split(',').nth(if field == "title" { 0 } else { 1 }).unwrap().to_string()
            }
        };
        let slice = |text: &str, a: usize, b: usize| -> String {
            if offsets == "chars" {
                text.chars().skip(a).take(b - a).collect()
            } else {
                text[a..b].to_string()
            }
        };
        let rows = read_csv(&out.join("sentences.csv"));
        // Every unit lies inside one field, its span counted from the field's start.
        for r in &rows {
            let text = field_text(&r["doc"], &r["field"]);
            let got = slice(&text, r[start].parse().unwrap(), r[end].parse().unwrap());
            assert_eq!(collapse(&got), r["text"], "{r:?}");
        }
        let fields: Vec<(String, String)> =
            rows.iter().map(|r| (r["doc"].clone(), r["field"].clone())).collect();
        assert!(
            fields.contains(&("./r.jsonl#a".into(), "body".into()))
                && fields.contains(&("./t.csv#1".into(), "body".into()))
        );
        assert!(
            rows.iter()
                .any(|r| r["doc"] == "./r.jsonl#c" && r["field"] == "body" && r["label"] == "director")
        );
        assert!(rows.iter().any(|r| r["doc"] == "./a.txt" && r["field"].is_empty()), "{rows:?}");
        // Every row of every file has the header's cells (read_csv is strict).
        let mentions = read_csv(&out.join("mentions.csv"));
        assert!(
            mentions.iter().any(|m| m["doc"] == "./a.txt" && m["field"].is_empty() && m["name"] == "Bo Ma")
        );
        for m in read_csv(&out.join("matches.csv")) {
            let text = field_text(&m["doc"], &m["field"]);
            let got = slice(&text, m[start].parse().unwrap(), m[end].parse().unwrap());
            assert!(got.eq_ignore_ascii_case(&m["term"]) || m["term"].ends_with('*'), "{m:?} → {got:?}");
        }
    }
    // A CSV without one of the columns reads it as empty, as a JSON record
    // without the field (found by a trial: one field list could not serve
    // CSV and JSON files together); without any of them it is skipped.
    std::fs::write(tmp.path().join("t.csv"), "id,title\n1,Directed by Ann Lee\n").unwrap();
    let o3 = tmp.path().join("o3");
    let o = scan_in(tmp.path(), &["t.csv", "--text-field", "title,body"], &o3);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = read_csv(&o3.join("sentences.csv"));
    assert!(rows.iter().any(|r| r["field"] == "title" && r["label"] == "director"), "{rows:?}");
    // ... and says so once for the file (a mistyped name is not silent).
    let errors = std::fs::read_to_string(o3.join("errors.csv")).unwrap();
    assert_eq!(
        errors.matches("no column `body` in the header (columns: id, title), so its text is empty").count(),
        1,
        "{errors}"
    );
    // When no record of the run has one of the fields, stderr and run.json
    // say so once, for JSON and CSV alike (a JSON record's missing field
    // was silent: found by a review).
    let none_has =
        "--text-field \"title,body\": none of the 1 record(s) read has the field `body`, so it is empty";
    // (-q keeps notes off stderr: run.json has them.)
    let note =
        |out: &str| run_json(&tmp.path().join(out))["notes"][0].as_str().unwrap_or_default().to_string();
    assert!(note("o3").starts_with(none_has), "{}", note("o3"));
    std::fs::write(tmp.path().join("t.jsonl"), "{\"title\":\"Directed by Ann Lee\",\"bdy\":\"x\"}\n")
        .unwrap();
    let o = scan_in(tmp.path(), &["t.jsonl", "--text-field", "title,body"], tmp.path().join("o5"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        note("o5").starts_with(none_has) && note("o5").contains("fields seen: bdy, title"),
        "{}",
        note("o5")
    );
    // A field some record has gets no note.
    std::fs::write(tmp.path().join("u.jsonl"), "{\"title\":\"A\"}\n{\"title\":\"B\",\"body\":\"C\"}\n")
        .unwrap();
    let o = scan_in(tmp.path(), &["u.jsonl", "--text-field", "title,body"], tmp.path().join("o6"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(run_json(&tmp.path().join("o6")).get("notes").is_none());
    let o = scan_in(tmp.path(), &["t.csv", "--text-field", "summary,body"], tmp.path().join("o4"));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("none of the columns `summary`, `body` is in the header (columns: id, title)"),
        "{}",
        stderr(&o)
    );
}
