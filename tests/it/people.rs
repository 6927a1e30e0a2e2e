//! `scan --people`: mentions.csv and people.csv, their spans, streams,
//! merge and thread-count invariance; `eval-people`; explain and report.

use std::fs;
use std::path::Path;

use crate::util::{headers, read_csv, run_in, scan, stderr};

const ARTICLE: &str = "Harbour Lights is a 1994 drama film written and directed by Ana Ruiz and produced by \
Tomas Berg and Zoë Ågård.\n\nRuiz, who directed two shorts before, shot it in Bergen. The director of \
photography Lars Bek lit the harbour.\n";
const CREDITS: &str = "Directed by Ana Ruiz\nProducer: Zoë Ågård\nKim Sato and Bo Lind, Producers\n";

fn corpus(d: &Path) {
    fs::create_dir_all(d.join("c")).unwrap();
    fs::write(d.join("c/a.txt"), ARTICLE).unwrap();
    fs::write(d.join("c/b.txt"), CREDITS).unwrap();
}

#[test]
fn mentions_and_people_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    corpus(d);
    let o = scan(d, &["c", "--people"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = d.join("out");
    assert_eq!(
        headers(&out.join("mentions.csv")),
        ["doc", "sentence", "start", "end", "name", "role", "evidence"]
    );
    let rows = read_csv(&out.join("mentions.csv"));
    let got: Vec<(String, String, String)> =
        rows.iter().map(|r| (r["doc"].clone(), r["name"].clone(), r["role"].clone())).collect();
    let want = [
        ("c/a.txt", "Ana Ruiz", "director"),
        ("c/a.txt", "Tomas Berg", "producer"),
        ("c/a.txt", "Zoë Ågård", "producer"),
        ("c/a.txt", "Ana Ruiz", "director"), // "Ruiz, who directed": linked
        ("c/b.txt", "Ana Ruiz", "director"),
        ("c/b.txt", "Zoë Ågård", "producer"),
        ("c/b.txt", "Kim Sato", "producer"),
        ("c/b.txt", "Bo Lind", "producer"),
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(got, want);
    // Spans slice the original file: the name as written.
    for r in &rows {
        let bytes = fs::read(d.join(&r["doc"])).unwrap();
        let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        let written = String::from_utf8(bytes[s..e].to_vec()).unwrap();
        assert!(r["name"] == written || r["name"].ends_with(&format!(" {written}")), "{r:?} {written:?}");
    }
    assert_eq!(rows[3]["evidence"], "subject:directed");
    assert_eq!(rows[0]["evidence"], "by:directed by");
    // people.csv: most mentions first, then by name.
    let people = fs::read_to_string(out.join("people.csv")).unwrap();
    assert_eq!(
        people,
        "name,role,mentions,documents\r\nAna Ruiz,director,3,2\r\nZoë Ågård,producer,2,2\r\n\
         Bo Lind,producer,1,1\r\nKim Sato,producer,1,1\r\nTomas Berg,producer,1,1\r\n"
    );
    let run = crate::util::run_json(&out);
    assert_eq!(run["options"]["people"], true);
    // run.json and the summary line count them (a new user found no
    // count of the people anywhere but the files).
    assert_eq!((run["mentions"].as_u64(), run["people"].as_u64()), (Some(8), Some(5)));
    let o = run_in(d, &["scan", "c", "--people", "-o", "again"]);
    assert!(stderr(&o).contains("), 8 mentions of 5 name–role pairs, "), "{}", stderr(&o));
    // Without --people: neither.
    assert!(scan(d, &["c", "--force"]).status.success());
    let run = crate::util::run_json(&out);
    assert!(run.get("mentions").is_none() && run.get("people").is_none(), "{run}");
}

#[test]
fn char_offsets_stdout_and_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    corpus(d);
    let o = scan(d, &["c", "--people", "--offsets", "chars"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for r in read_csv(&d.join("out/mentions.csv")) {
        let text = fs::read_to_string(d.join(&r["doc"])).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let (s, e): (usize, usize) = (r["start_char"].parse().unwrap(), r["end_char"].parse().unwrap());
        let written: String = chars[s..e].iter().collect();
        assert!(r["name"].ends_with(&written), "{r:?} {written:?}");
    }
    // --stdout mentions: the rows of mentions.csv.
    let file = fs::read(d.join("out/mentions.csv")).unwrap();
    let o = run_in(d, &["scan", "c", "--stdout", "mentions", "--offsets", "chars", "-q"]);
    assert_eq!(o.stdout, file);
    let o = run_in(d, &["scan", "c", "--stdout", "mentions", "--format", "jsonl", "-q"]);
    let first: serde_json::Value =
        serde_json::from_slice(o.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(first["name"], "Ana Ruiz");
    assert_eq!(first["evidence"], "by:directed by");
    // With a folder as well, the folder keeps the people (no --people given).
    let o = run_in(d, &["scan", "c", "--stdout", "mentions", "-o", "streamed", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read(d.join("streamed/mentions.csv")).unwrap(), o.stdout);
    assert!(d.join("streamed/people.csv").is_file());
    assert_eq!(crate::util::run_json(&d.join("streamed"))["options"]["people"], true);
    // Byte-identical for any thread count.
    let mut outs = Vec::new();
    for j in ["1", "3"] {
        let name = format!("j{j}");
        let o = crate::util::scan_in(d, &["c", "--people", "-j", j], &name);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        outs.push(["mentions.csv", "people.csv"].map(|f| fs::read(d.join(&name).join(f)).unwrap()));
    }
    assert_eq!(outs[0], outs[1]);
}

#[test]
fn merge_adds_people_and_refuses_mixed_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    corpus(d);
    assert!(scan(d, &["c", "--people"]).status.success());
    assert!(crate::util::scan_in(d, &["c/a.txt", "--people"], "s1").status.success());
    assert!(crate::util::scan_in(d, &["c/b.txt", "--people"], "s2").status.success());
    let o = run_in(d, &["merge", "s2", "s1", "-o", "m", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in ["mentions.csv", "people.csv"] {
        assert_eq!(fs::read(d.join("out").join(f)).unwrap(), fs::read(d.join("m").join(f)).unwrap(), "{f}");
    }
    // The merged counts are the merged files' (a pair in both shards is
    // one row of people.csv): as the one scan's.
    let (one, merged) = (crate::util::run_json(&d.join("out")), crate::util::run_json(&d.join("m")));
    assert_eq!((&merged["mentions"], &merged["people"]), (&one["mentions"], &one["people"]));
    assert_eq!((merged["mentions"].as_u64(), merged["people"].as_u64()), (Some(8), Some(5)));
    // A shard without --people is refused, the option named.
    assert!(crate::util::scan_in(d, &["c/b.txt"], "s3").status.success());
    let o = run_in(d, &["merge", "s1", "s3", "-o", "m2", "-q"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--people"), "{}", stderr(&o));
    // A later scan without --people removes the earlier people files.
    let o = crate::util::scan_in(d, &["c", "--force"], "out");
    assert!(o.status.success());
    assert!(!d.join("out/mentions.csv").exists() && !d.join("out/people.csv").exists());
}

#[test]
fn several_text_fields_give_a_field_column() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(
        d.join("r.jsonl"),
        "{\"id\":\"x\",\"title\":\"Directed by Ana Ruiz\",\"body\":\"It was produced by Tomas Berg.\"}\n",
    )
    .unwrap();
    let o = scan(d, &["r.jsonl", "--people", "--text-field", "title,body"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = read_csv(&d.join("out/mentions.csv"));
    assert_eq!(headers(&d.join("out/mentions.csv"))[2], "field");
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r["field"].as_str(), r["start"].as_str(), r["end"].as_str(), r["name"].as_str()))
        .collect();
    assert_eq!(got, [("title", "12", "20", "Ana Ruiz"), ("body", "19", "29", "Tomas Berg")]);
}

#[test]
fn eval_people_scores_and_mistakes() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let gold = [
        r#"{"id":"a","source":"wiki","text":"The film was directed by Ana Ruiz.","people":[{"name":"Ana Ruiz","role":"director"}]}"#,
        r#"{"id":"b","source":"news","text":"Producer Kim Sato spoke.","people":[{"name":"Kim Sato","role":"producer"}]}"#,
        r#"{"id":"c","source":"news","text":"The director of photography Lars Bek lit it.","people":[]}"#,
        r#"{"id":"d","source":"news","text":"Bo Lind's new film opens.","people":[{"name":"Bo Lind","role":"director"}]}"#,
    ];
    fs::write(d.join("g.jsonl"), gold.join("\n")).unwrap();
    let o = run_in(d, &["eval-people", "g.jsonl", "-o", "ev"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(table.contains("all                  4    2    0    1     1.000  0.667  0.800"), "{table}");
    let figures = read_csv(&d.join("ev/people_eval.csv"));
    assert_eq!(figures[0]["source"], "all");
    assert_eq!(figures[0]["recall"], "0.666667"); // (six decimals, as eval.csv)
    let mistakes = read_csv(&d.join("ev/people_mistakes.csv"));
    assert_eq!(mistakes.len(), 1);
    assert_eq!((mistakes[0]["id"].as_str(), mistakes[0]["kind"].as_str()), ("d", "missed"));
    // An earlier eval is kept unless --force; --min-f1 fails the run.
    assert_eq!(run_in(d, &["eval-people", "g.jsonl", "-o", "ev"]).status.code(), Some(2));
    let o = run_in(d, &["eval-people", "g.jsonl", "-o", "ev", "--force", "--min-f1", "0.9"]);
    assert_eq!(o.status.code(), Some(1));
    // A bad line is named.
    fs::write(d.join("bad.jsonl"), format!("{}\n{{\"text\":\"x\"}}\n", gold[0])).unwrap();
    let o = run_in(d, &["eval-people", "bad.jsonl", "-o", "ev2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.jsonl:2: no list \"people\""), "{}", stderr(&o));
}

/// Regression: a Latin-1 gold file was read lossily (its names compared
/// with U+FFFD in them, and scored as misses). Now `eval-people` refuses
/// it as `eval` refuses a Latin-1 CSV: file, line, byte, the encoding it
/// looks like and an iconv command; exit 2, nothing written.
#[test]
fn eval_people_refuses_a_gold_file_not_in_utf8() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let line = b"{\"id\":\"a\",\"text\":\"Directed by Fran\xe7ois Ozon.\",\"people\":[{\"name\":\"Fran\xe7ois Ozon\",\"role\":\"director\"}]}\n";
    fs::write(d.join("latin1.jsonl"), line).unwrap();
    let o = run_in(d, &["eval-people", "latin1.jsonl", "-o", "ev"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("latin1.jsonl:1: not UTF-8 (byte 0xE7 at byte offset 34)"), "{err}");
    assert!(err.contains("windows-1252 (Latin-1)") && err.contains("a gold file must be UTF-8"), "{err}");
    assert!(err.contains("iconv -f windows-1252 -t UTF-8 latin1.jsonl > latin1-utf8.jsonl"), "{err}");
    assert!(!d.join("ev").exists());
}

/// Gold roles are the lexicon's, whatever their case ("Director" was
/// counted as a miss, and "directer" too, in silence); a role the lexicon
/// does not have is refused with the file, the line and the roles it has.
#[test]
fn eval_people_reads_roles_without_case_and_refuses_unknown_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let gold = [
        r#"{"id":"a","text":"The film was directed by Ana Ruiz.","people":[{"name":"Ana Ruiz","role":"Director"}]}"#,
        r#"{"id":"b","text":"Producer Kim Sato spoke.","people":[{"name":"Kim Sato","role":" PRODUCER "}]}"#,
    ];
    fs::write(d.join("g.jsonl"), gold.join("\n")).unwrap();
    let o = run_in(d, &["eval-people", "g.jsonl", "-o", "ev"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(table.contains("all                  2    2    0    0     1.000  1.000  1.000"), "{table}");
    assert!(read_csv(&d.join("ev/people_mistakes.csv")).is_empty());

    let bad = format!(
        "{}\n{}\n",
        gold[0],
        r#"{"id":"c","text":"Bo Lind directed it.","people":[{"name":"Bo Lind","role":"directer"}]}"#
    );
    fs::write(d.join("bad.jsonl"), bad).unwrap();
    let o = run_in(d, &["eval-people", "bad.jsonl", "-o", "ev2"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.jsonl:2: unknown role \"directer\"")
            && err.contains("roles are director, producer"),
        "{err}"
    );
    assert!(!d.join("ev2").exists());
}

#[test]
fn eval_people_takes_texts_from_refs_with_data() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir_all(d.join("data/news")).unwrap();
    // Characters 0..34 and 35..58 of the document.
    fs::write(d.join("data/news/1.txt"), "The film was directed by Ana Ruiz. Producer Kim  Sato spoke.")
        .unwrap();
    let gold = [
        r#"{"id":"a","ref":"news/1.txt@0-34","people":[{"name":"Ana Ruiz","role":"director"}]}"#,
        r#"{"id":"b","ref":"news/1.txt@35-60","people":[{"name":"Kim Sato","role":"producer"}]}"#,
        r#"{"id":"c","ref":"news/missing.txt@0-5","people":[]}"#,
    ];
    fs::write(d.join("g.jsonl"), gold.join("\n")).unwrap();
    // Without --data the option is named.
    let o = run_in(d, &["eval-people", "g.jsonl", "-o", "ev"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("row a has a ref but no text: give --data DIR"), "{}", stderr(&o));
    let o = run_in(d, &["eval-people", "g.jsonl", "-o", "ev", "--data", "data"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("row c left out"), "{}", stderr(&o));
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(table.contains("all                  2    2    0    0     1.000  1.000  1.000"), "{table}");
    // A folder under which no ref leads anywhere is an error.
    let o = run_in(d, &["eval-people", "g.jsonl", "-o", "ev3", "--data", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn explain_and_report_show_people() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    corpus(d);
    let o = run_in(
        d,
        &["explain", "Ruiz, who directed it, met producer Tomas Berg. It was directed by Ana Ruiz."],
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("person \"Ruiz\" (= \"Ana Ruiz\") director 0..4: subject \"directed\""), "{text}");
    assert!(text.contains("person \"Tomas Berg\" producer"), "{text}");
    assert!(scan(d, &["c", "--people"]).status.success());
    let o = run_in(d, &["report", "out", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = fs::read_to_string(d.join("out/report.html")).unwrap();
    assert!(html.contains("<table data-table=\"people\" data-role=\"director\">"));
    assert!(html.contains("<tr><td>Ana Ruiz</td><td class=\"num\">3</td><td class=\"num\">2</td></tr>"));
}

/// The annotated sentences beside the project (`../shared/eval/people_dev.jsonl`):
/// the figures the README gives must hold.
#[test]
fn people_dev_keeps_its_accuracy() {
    let Some(gold) = crate::util::shared("eval/people_dev.jsonl") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let o = run_in(tmp.path(), &["eval-people", gold.to_str().unwrap(), "-o", "ev"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let all = &read_csv(&tmp.path().join("ev/people_eval.csv"))[0];
    let (p, r): (f64, f64) = (all["precision"].parse().unwrap(), all["recall"].parse().unwrap());
    assert!(p >= 0.90 && r >= 0.85, "precision {p}, recall {r}");
}
