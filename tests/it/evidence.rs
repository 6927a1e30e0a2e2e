//! Evidence in the rows: `--offsets chars` spans that slice the decoded
//! text by code points, as Python and R do.

use crate::util::{collapse, headers, read_csv, scan_in, stderr};

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
