//! Document fields (`--keep-field`, `--path-field`) and `groups.csv`
//! (`--group-by`, `--period`): columns, shares, Wilson intervals, errors.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::util::{headers, read_csv, rolecall_in, root, run_in, run_json, scan_in, shared, skipped, stderr};

const LABELS: [&str; 4] = ["director", "producer", "both", "none"];

/// The 95% Wilson interval, written out independently of the library's.
fn wilson(k: f64, n: f64) -> (f64, f64) {
    let z: f64 = 1.959_963_984_540_054; // the 0.975 normal quantile
    let p = k / n;
    let c = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let h = z / (1.0 + z * z / n) * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    (c - h, c + h)
}

/// Checks every row of `groups.csv` in `out` against the sums of
/// `documents.csv` per value of the grouping's column (`about_film` too),
/// and its shares and bounds against [`wilson`]; returns the rows by
/// (field, value).
fn check_groups(out: &Path, groupings: &[&str]) -> BTreeMap<(String, String), HashMap<String, String>> {
    let docs = read_csv(&out.join("documents.csv"));
    let rows = read_csv(&out.join("groups.csv"));
    let mut by_key = BTreeMap::new();
    for row in &rows {
        let (field, value) = (row["field"].clone(), row["value"].clone());
        assert!(groupings.contains(&field.as_str()) || field == "about_film", "grouping {field}");
        let period = field == "year" || field == "month";
        let members: Vec<_> = docs.iter().filter(|d| period || d[&field] == value).collect();
        if !period {
            assert_eq!(row["documents"], members.len().to_string(), "{field}={value}");
            let sum = |c: &str| members.iter().map(|d| d[c].parse::<u64>().unwrap()).sum::<u64>();
            assert_eq!(row["sentences"], sum("sentences").to_string(), "{field}={value}");
            for l in LABELS {
                assert_eq!(row[l], sum(l).to_string(), "{field}={value} {l}");
            }
        }
        let n: f64 = row["sentences"].parse().unwrap();
        for l in LABELS {
            if n == 0.0 {
                // No units: no share, no interval (empty cells).
                for c in ["share", "low", "high"] {
                    assert_eq!(row[&format!("{l}_{c}")], "", "{field}={value} {l}_{c}");
                }
                continue;
            }
            let k: f64 = row[l].parse().unwrap();
            let share: f64 = row[&format!("{l}_share")].parse().unwrap();
            let (lo, hi): (f64, f64) =
                (row[&format!("{l}_low")].parse().unwrap(), row[&format!("{l}_high")].parse().unwrap());
            if n > 0.0 {
                let (wl, wh) = wilson(k, n);
                assert!((share - k / n).abs() < 1e-6, "{field}={value} {l} share");
                assert!(
                    (lo - wl.max(0.0)).abs() < 2e-6 && (hi - wh.min(1.0)).abs() < 2e-6,
                    "{field}={value} {l}: {lo} {hi} vs {wl} {wh}"
                );
            }
        }
        by_key.insert((field, value), row.clone());
    }
    // Sorted by field, then value.
    let keys: Vec<_> = rows.iter().map(|r| (r["field"].clone(), r["value"].clone())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    by_key
}

#[test]
fn path_fields_group_a_folder_corpus_with_intervals() {
    let tmp = tempfile::tempdir().unwrap();
    let news = tmp.path().join("news");
    for (topic, texts) in [
        (
            "film",
            ["The film was directed by Ann Lee. The budget was raised by a producer.", "Directed by Bo Ek."],
        ),
        ("sport", ["The match ended level. Rain fell.", "The striker scored twice."]),
    ] {
        std::fs::create_dir_all(news.join(topic)).unwrap();
        for (i, t) in texts.iter().enumerate() {
            std::fs::write(news.join(topic).join(format!("{i}.txt")), t).unwrap();
        }
    }
    std::fs::write(news.join("top.txt"), "A note at the top.").unwrap();
    let out = tmp.path().join("out");
    let o = scan_in(
        tmp.path(),
        &["news", "--path-field", "topic=1", "--path-field", "parent=-1", "--group-by", "topic"],
        &out,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(headers(&out.join("documents.csv"))[7..], ["about_film", "film_signals", "topic", "parent"]);
    let docs = read_csv(&out.join("documents.csv"));
    let topic_of = |doc: &str| docs.iter().find(|d| d["doc"].ends_with(doc)).unwrap()["topic"].clone();
    assert_eq!(
        (topic_of("film/0.txt"), topic_of("sport/1.txt"), topic_of("top.txt")),
        ("film".into(), "sport".into(), String::new())
    );
    assert_eq!(docs.iter().find(|d| d["doc"].ends_with("top.txt")).unwrap()["parent"], "news");
    let groups = check_groups(&out, &["topic"]);
    let film = &groups[&("topic".to_string(), "film".to_string())];
    assert_eq!((film["documents"].as_str(), film["sentences"].as_str()), ("2", "3"));
    assert_eq!(film["director"], "2");
    assert!(
        groups.contains_key(&("topic".to_string(), String::new())),
        "a document without the folder is counted under \"\""
    );
}

/// Regression: a group whose documents have no units got a share of 0 and
/// an interval of 0–0 computed from 0/0. Its share and interval cells are
/// empty in `groups.csv`, null in `groups.parquet`, stay so through
/// `merge`, and read "n/a" in the report.
#[test]
fn a_group_of_no_units_has_empty_shares_in_every_writer() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for (topic, name, text) in
        [("blank", "1.txt", ""), ("blank", "2.txt", "\n\n"), ("film", "1.txt", "Directed by Ann Lee. Rain.")]
    {
        std::fs::create_dir_all(d.join("news").join(topic)).unwrap();
        std::fs::write(d.join("news").join(topic).join(name), text).unwrap();
    }
    let grouped = ["--path-field", "topic=1", "--group-by", "topic"];
    let scan = |paths: &[&str], out: &str, more: &[&str]| {
        let mut args = paths.to_vec();
        args.extend(grouped);
        args.extend(more);
        let o = scan_in(d, &args, out);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    scan(&["news"], "csv", &[]);
    let groups = check_groups(&d.join("csv"), &["topic"]);
    let blank = &groups[&("topic".to_string(), "blank".to_string())];
    assert_eq!((blank["documents"].as_str(), blank["sentences"].as_str()), ("2", "0"));
    for l in LABELS {
        assert_eq!(blank[&format!("{l}_share")], "");
    }
    let film = &groups[&("topic".to_string(), "film".to_string())];
    assert_eq!(film["director_share"], "0.500000");
    let csv = std::fs::read_to_string(d.join("csv/groups.csv")).unwrap();
    assert!(csv.contains(&format!("topic,blank,2,0,0,0,0,0{}\r\n", ",".repeat(12))), "{csv}");

    // Parquet: the share columns are nullable, null for the group.
    scan(&["news"], "pq", &["--output-format", "parquet"]);
    let file = std::fs::File::open(d.join("pq/groups.parquet")).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let batch = reader.build().unwrap().next().unwrap().unwrap();
    let schema = batch.schema();
    let value = batch.column_by_name("value").unwrap();
    let value = arrow_array::cast::AsArray::as_string::<i32>(value.as_ref());
    let row = (0..batch.num_rows()).find(|&r| value.value(r) == "blank").unwrap();
    for l in LABELS {
        for c in ["share", "low", "high"] {
            let name = format!("{l}_{c}");
            assert!(schema.field_with_name(&name).unwrap().is_nullable(), "{name}");
            let col = batch.column_by_name(&name).unwrap();
            assert_eq!((col.null_count(), col.is_null(row)), (1, true), "{name}");
        }
    }
    assert!(!schema.field_with_name("sentences").unwrap().is_nullable());

    // Shards, one of them only the group of no units: merged, the bytes of one scan.
    scan(&["news"], "s1", &["--include", "blank/*"]);
    scan(&["news"], "s2", &["--include", "film/*"]);
    let o = run_in(d, &["merge", "s1", "s2", "-o", "merged", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let one_scan = std::fs::read(d.join("csv/groups.csv")).unwrap();
    let merged = std::fs::read(d.join("merged/groups.csv")).unwrap();
    assert!(
        read_csv(&d.join("s1/groups.csv"))
            .iter()
            .any(|r| r["sentences"] == "0" && r["director_share"].is_empty())
    );
    assert_eq!(String::from_utf8_lossy(&merged), String::from_utf8_lossy(&one_scan));

    // The report: n/a, never 0.0% (0.0–0.0).
    let o = run_in(d, &["report", "pq", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(d.join("pq/report.html")).unwrap();
    let at = html.find("data-value=\"blank\"").unwrap();
    let tr = &html[at..at + html[at..].find("</tr>").unwrap()];
    assert_eq!(tr.matches(">n/a</td>").count(), LABELS.len(), "{tr}");
    assert!(!tr.contains('%'), "{tr}");
}

/// Regression: a corpus whose documents have no units got shares of
/// 0.000000 in `summary.csv` (and 0.0% (0.0–0.0) in the report's corpus
/// table), while `groups.csv` leaves a group of no units empty. Now the
/// summary's share cells are empty too, null in `summary.parquet` (a
/// nullable column), stay so through `merge`, and read "n/a" in the report.
#[test]
fn a_corpus_of_no_units_has_empty_shares_in_every_writer() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("news")).unwrap();
    std::fs::write(d.join("news/1.txt"), "").unwrap();
    std::fs::write(d.join("news/2.txt"), "\n \n").unwrap();
    let scan = |args: &[&str], out: &str| {
        let o = scan_in(d, args, out);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    let shares = |out: &str| {
        let rows = read_csv(&d.join(out).join("summary.csv"));
        assert_eq!((rows.len(), rows[0]["documents"].as_str(), rows[0]["sentences"].as_str()), (1, "2", "0"));
        LABELS.map(|l| rows[0][&format!("{l}_share")].clone())
    };
    scan(&["news"], "csv");
    assert_eq!(shares("csv"), ["", "", "", ""], "no units: no share, as in groups.csv");
    let text = std::fs::read_to_string(d.join("csv/summary.csv")).unwrap();
    assert!(text.ends_with("\r\n2,0,3,0,0,0,0,0,,,,\r\n"), "{text}");

    // Parquet: the share columns are nullable, null here; counts are not.
    scan(&["news", "--output-format", "parquet"], "pq");
    let file = std::fs::File::open(d.join("pq/summary.parquet")).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let batch = reader.build().unwrap().next().unwrap().unwrap();
    let schema = batch.schema();
    for l in LABELS {
        let name = format!("{l}_share");
        assert!(schema.field_with_name(&name).unwrap().is_nullable(), "{name}");
        assert!(batch.column_by_name(&name).unwrap().is_null(0), "{name}");
    }
    assert!(!schema.field_with_name("sentences").unwrap().is_nullable());

    // Shards of no units merge (CSV and Parquet) to the bytes of one scan.
    for (format, one) in [("csv", "csv"), ("parquet", "pq")] {
        let (s1, s2, merged) = (format!("{format}1"), format!("{format}2"), format!("{format}-merged"));
        scan(&["news/1.txt", "--output-format", format], &s1);
        scan(&["news/2.txt", "--output-format", format], &s2);
        let o = run_in(d, &["merge", &s1, &s2, "-o", &merged, "-q"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let file = format!("summary.{format}");
        let (a, b) = (d.join(&merged).join(&file), d.join(one).join(&file));
        assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap(), "{file}");
    }
    // A shard of no units merged with one that has units: shares again.
    std::fs::write(d.join("film.txt"), "Directed by Ann Lee. Rain fell.").unwrap();
    scan(&["film.txt"], "film");
    let o = run_in(d, &["merge", "csv", "film", "-o", "mixed", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = read_csv(&d.join("mixed/summary.csv"));
    assert_eq!(
        (rows[0]["director_share"].as_str(), rows[0]["none_share"].as_str()),
        ("0.500000", "0.500000")
    );

    // The report (of either format): n/a, never 0.0% (0.0–0.0), and no chart.
    for out in ["csv", "pq"] {
        let o = run_in(d, &["report", out, "-q"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let html = std::fs::read_to_string(d.join(out).join("report.html")).unwrap();
        let at = html.find("data-table=\"summary\"").unwrap();
        let at = at + html[at..].find("<tbody>").unwrap();
        let table = &html[at..at + html[at..].find("</tbody>").unwrap()];
        assert_eq!(table.matches("data-share=\"\" data-low=\"\" data-high=\"\"").count(), LABELS.len());
        assert_eq!(table.matches(">n/a</td>").count(), 2 * LABELS.len(), "{table}");
        assert!(!table.contains('%'), "{table}");
        assert!(html.contains("The corpus has no units"), "the note instead of the chart");
    }
}

#[test]
fn record_fields_are_kept_grouped_and_dated() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a", "text": "Directed by Ann Lee.", "meta": {"outlet": "Daily"}, "date": "2004-05-06"}"#,
        r#"{"id": "b", "text": "The studio set a release date.", "meta": {"outlet": "Weekly"}, "date": "Tue, 1 Mar 2005 10:00:00 +0000"}"#,
        r#"{"id": "c", "text": "Rain fell on the town.", "date": "1 March 2005", "n": 3}"#,
        r#"{"id": "d", "text": "Produced by Bo Ek.", "meta": {"outlet": "Daily"}, "date": "someday"}"#,
    ];
    std::fs::write(tmp.path().join("news.jsonl"), lines.join("\n")).unwrap();
    let out = tmp.path().join("out");
    let args = ["news.jsonl", "--keep-field", "n", "--group-by", "meta.outlet", "--period", "year"];
    let o = scan_in(tmp.path(), &args, &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(headers(&out.join("documents.csv"))[9..], ["n", "meta.outlet", "date"]);
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.len(), 4, "a record missing a kept field keeps its row");
    let cells: Vec<(&str, &str)> =
        docs.iter().map(|d| (d["n"].as_str(), d["meta.outlet"].as_str())).collect();
    assert_eq!(cells, [("", "Daily"), ("", "Weekly"), ("3", ""), ("", "Daily")]);
    let groups = check_groups(&out, &["meta.outlet", "year"]);
    let g = |f: &str, v: &str| groups.get(&(f.to_string(), v.to_string())).map(|r| r["documents"].clone());
    assert_eq!(g("meta.outlet", "Daily").as_deref(), Some("2"));
    assert_eq!(g("meta.outlet", "").as_deref(), Some("1"));
    assert_eq!(
        (g("year", "2004").as_deref(), g("year", "2005").as_deref(), g("year", "").as_deref()),
        (Some("1"), Some("2"), Some("1"))
    );

    // The same fields on --stdout documents rows, CSV and JSON Lines.
    let o = rolecall_in(tmp.path())
        .args([
            "scan",
            "news.jsonl",
            "--keep-field",
            "meta.outlet",
            "--stdout",
            "documents",
            "--format",
            "jsonl",
            "-q",
        ])
        .output()
        .unwrap();
    let first: serde_json::Value =
        serde_json::from_slice(o.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(first["meta.outlet"], "Daily");
    // One screen signal ("directed by"): not enough for the film decision.
    assert_eq!(
        (&first["about_film"], &first["film_signals"]),
        (&serde_json::json!(false), &serde_json::json!(1))
    );
    let third: serde_json::Value =
        serde_json::from_slice(o.stdout.split(|&b| b == b'\n').nth(2).unwrap()).unwrap();
    assert!(third["meta.outlet"].is_null());
}

/// Regression: by month, a date that is a year alone ("2019") was put in
/// January, and dates that could not be read went to the empty period
/// without a word. Now the year alone is in no month, and both are noted
/// (stderr, run.json `notes`) and counted (`dates_year_only`,
/// `dates_unread`), and `merge` adds the counts.
#[test]
fn a_year_alone_is_in_no_month_and_unread_dates_are_noted_and_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("in")).unwrap();
    let line = |id: &str, date: Option<&str>| {
        let date = date.map(|v| format!(", \"date\": \"{v}\"")).unwrap_or_default();
        format!("{{\"id\": \"{id}\", \"text\": \"Directed by Ann Lee.\"{date}}}\n")
    };
    let a = [line("y", Some("2019")), line("m", Some("2019-03-04")), line("bad", Some("the spring of 2019"))];
    let b =
        [line("none", None), line("blank", Some(" ")), line("bad2", Some("19/3")), line("y2", Some("2020"))];
    std::fs::write(d.join("in/a.jsonl"), a.concat()).unwrap();
    std::fs::write(d.join("in/b.jsonl"), b.concat()).unwrap();

    // Not quiet: the notes go to stderr.
    let o = run_in(d, &["scan", "in", "--period", "month", "-o", "month"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let groups = check_groups(&d.join("month"), &["month"]);
    let docs = |v: &str| groups.get(&("month".to_string(), v.to_string())).map(|r| r["documents"].clone());
    assert_eq!(docs("2019-01"), None, "a year alone is not January");
    assert_eq!(docs("2020-01"), None);
    assert_eq!(docs("2019-03").as_deref(), Some("1"));
    assert_eq!(docs("").as_deref(), Some("6"), "year alone, unread, missing and blank dates");
    assert!(
        err.contains("rolecall: note: --period month: 2 document(s) have a year but no month in --date-field \"date\" (first: \"2019\")"),
        "{err}"
    );
    assert!(
        err.contains("rolecall: note: --date-field \"date\": 2 document(s) have a date rolecall cannot read (first: \"the spring of 2019\")")
            && err.contains("2005-03-01 (ISO 8601"),
        "{err}"
    );
    let run = run_json(&d.join("month"));
    assert_eq!(
        (&run["dates_unread"], &run["dates_year_only"]),
        (&serde_json::json!(2), &serde_json::json!(2))
    );
    // The missing and blank dates are said too (found by a trial: they
    // were counted in silence).
    assert!(
        err.contains("rolecall: note: --date-field \"date\": 2 document(s) have no date there (the field missing or empty"),
        "{err}"
    );
    assert_eq!(run["notes"].as_array().unwrap().len(), 3, "{run}");

    // By year, a year alone is its year; only the unread dates are noted.
    let o = run_in(d, &["scan", "in", "--period", "year", "-o", "year"]);
    let err = stderr(&o);
    let groups = check_groups(&d.join("year"), &["year"]);
    let docs = |v: &str| groups.get(&("year".to_string(), v.to_string())).map(|r| r["documents"].clone());
    assert_eq!(
        (docs("2019").as_deref(), docs("2020").as_deref(), docs("").as_deref()),
        (Some("2"), Some("1"), Some("4"))
    );
    assert!(!err.contains("no month") && err.contains("cannot read"), "{err}");
    let run = run_json(&d.join("year"));
    assert_eq!(run["dates_unread"], 2);
    assert!(run.get("dates_year_only").is_none(), "{run}");

    // Shards: merge adds the counts.
    for (file, out) in [("a.jsonl", "s1"), ("b.jsonl", "s2")] {
        let o = scan_in(d, &["in", "--include", file, "--period", "month"], out);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(run_json(&d.join(out))["dates_unread"], 1);
    }
    let o = run_in(d, &["merge", "s1", "s2", "-o", "merged", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let run = run_json(&d.join("merged"));
    assert_eq!(
        (&run["dates_unread"], &run["dates_year_only"]),
        (&serde_json::json!(2), &serde_json::json!(2))
    );
    let (merged, one) = (d.join("merged/groups.csv"), d.join("month/groups.csv"));
    assert_eq!(std::fs::read(merged).unwrap(), std::fs::read(one).unwrap());
    // A shard whose run.json lacks the counts (an earlier rolecall): the
    // total is unknown, so the merge leaves it out rather than give the
    // other shard's count (1) as the whole.
    let mut old = run_json(&d.join("s2"));
    for key in ["dates_unread", "dates_year_only"] {
        old.as_object_mut().unwrap().remove(key);
    }
    std::fs::write(d.join("s2/run.json"), serde_json::to_vec_pretty(&old).unwrap()).unwrap();
    let o = run_in(d, &["merge", "s1", "s2", "-o", "merged_old", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let run = run_json(&d.join("merged_old"));
    assert!(run.get("dates_unread").is_none() && run.get("dates_year_only").is_none(), "{run}");

    // Without --period, no such keys and no note.
    let o = run_in(d, &["scan", "in", "-o", "plain"]);
    assert!(!stderr(&o).contains("note"), "{}", stderr(&o));
    let run = run_json(&d.join("plain"));
    assert!(run.get("dates_unread").is_none() && run.get("dates_year_only").is_none(), "{run}");
}

/// Regression: merge could not tell a shard scanned under the old month
/// rule (a year alone in January) from one under the new (in no month), so
/// it added up month groups counted by two rules. Now run.json's options
/// record the rule (`period_rule`) and merge refuses a mixture, naming both
/// shards and their rules; shards that all lack it merge, noted.
#[test]
fn shards_of_two_month_rules_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("in")).unwrap();
    let line = |id: &str, date: &str| {
        format!("{{\"id\": \"{id}\", \"text\": \"Directed by Ann Lee.\", \"date\": \"{date}\"}}\n")
    };
    std::fs::write(d.join("in/a.jsonl"), line("y", "2019")).unwrap();
    std::fs::write(d.join("in/b.jsonl"), line("m", "2019-03-02")).unwrap();
    let scan = |file: &str, out: &str, period: &str| {
        let o = scan_in(d, &["in", "--include", file, "--period", period], out);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    let merge = |a: &str, b: &str, out: &str| run_in(d, &["merge", a, b, "-o", out, "-q"]);
    scan("a.jsonl", "new", "month");
    scan("b.jsonl", "old", "month");
    assert_eq!(run_json(&d.join("new"))["options"]["period_rule"], "year-alone-in-no-month");
    // "old": as an earlier rolecall wrote it, without the rule or the count.
    let edit = |dir: &str, keys: &[&str]| {
        let mut run = run_json(&d.join(dir));
        for k in keys {
            run["options"].as_object_mut().unwrap().remove(*k);
            run.as_object_mut().unwrap().remove(*k);
        }
        std::fs::write(d.join(dir).join("run.json"), serde_json::to_vec_pretty(&run).unwrap()).unwrap();
    };
    edit("old", &["period_rule", "dates_year_only", "dates_unread"]);
    for (a, b) in [("new", "old"), ("old", "new")] {
        let o = merge(a, b, "mixed");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("{a}/run.json and "))
                && err.contains(&format!("{b}/run.json come from scans with --period month")),
            "{err}"
        );
        assert!(err.contains("new/run.json: in no month (the empty month)"), "{err}");
        assert!(
            err.contains(
                "old/run.json: no rule recorded (a scan by an earlier rolecall, which put it in January)"
            ),
            "{err}"
        );
        assert!(err.contains("rescan ") && err.contains("old with this rolecall"), "{err}");
        assert!(!d.join("mixed/groups.csv").exists());
    }
    // A shard that counted dates_year_only but records no rule (the
    // versions between the change and this record) follows the new rule.
    scan("b.jsonl", "between", "month");
    edit("between", &["period_rule"]);
    let o = merge("new", "between", "ok");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run_json(&d.join("ok"))["options"]["period_rule"], "year-alone-in-no-month");
    // Shards that all lack the rule merge (they count alike), and the merge says so.
    scan("a.jsonl", "old2", "month");
    edit("old2", &["period_rule", "dates_year_only", "dates_unread"]);
    let o = merge("old2", "old", "olds");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let run = run_json(&d.join("olds"));
    assert!(run["options"].get("period_rule").is_none(), "{run}");
    let notes = run["notes"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n.as_str().unwrap().contains("no shard's run.json records how a date")),
        "{run}"
    );
    // … on stderr too, without -q.
    let o = run_in(d, &["merge", "old2", "old", "-o", "olds", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("rolecall: note: --period month: no shard's run.json records how a date"),
        "{}",
        stderr(&o)
    );
    // Without --period month no rule is recorded or needed: old shards merge.
    scan("a.jsonl", "y1", "year");
    scan("b.jsonl", "y2", "year");
    assert!(run_json(&d.join("y1"))["options"].get("period_rule").is_none());
    edit("y2", &["dates_unread", "path_field"]);
    let o = merge("y1", "y2", "years");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Regression: run.json recorded `--period` and `--date-field` as one
/// string (`"period": "year=date"`, which reads as "the year is the
/// date"; `"year=year"` with `--date-field year`). It records the period as
/// given (`"period": "year"`) and the field apart (`"date_field"`). Shards
/// whose run.json an earlier version wrote (the old form) still merge with
/// this version's, and with each other; a shard of another date field is
/// refused in either form.
#[test]
fn run_json_records_the_period_as_given_and_old_period_shards_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("in")).unwrap();
    let line = |id: &str, date: &str| {
        format!(
            "{{\"id\": \"{id}\", \"text\": \"Directed by Ann Lee. The producer paid.\", \"date\": \"{date}\", \"published\": \"2001\"}}\n"
        )
    };
    std::fs::write(d.join("in/a.jsonl"), line("a", "2019-03-02")).unwrap();
    std::fs::write(d.join("in/b.jsonl"), line("b", "2020-05-06")).unwrap();
    let scan = |args: &[&str], out: &str| {
        let o = scan_in(d, args, out);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    let merge = |a: &str, b: &str, out: &str| run_in(d, &["merge", a, b, "-o", out, "-q"]);
    // Written by earlier versions: PERIOD=FIELD, no date_field.
    let make_old = |dir: &str| {
        let mut run = run_json(&d.join(dir));
        let o = run["options"].as_object_mut().unwrap();
        let field = o.remove("date_field").unwrap();
        let joined = format!("{}={}", o["period"].as_str().unwrap(), field.as_str().unwrap());
        o.insert("period".into(), joined.into());
        std::fs::write(d.join(dir).join("run.json"), serde_json::to_vec_pretty(&run).unwrap()).unwrap();
    };

    for period in ["year", "month"] {
        scan(&["in", "--period", period], &format!("{period}-all"));
        let opts = &run_json(&d.join(format!("{period}-all")))["options"];
        assert_eq!((&opts["period"], &opts["date_field"]), (&period.into(), &"date".into()), "{opts}");
        let (s1, s2, old1, old2) =
            (format!("{period}1"), format!("{period}2"), format!("{period}-old1"), format!("{period}-old2"));
        scan(&["in", "--include", "a.jsonl", "--period", period], &s1);
        scan(&["in", "--include", "b.jsonl", "--period", period], &s2);
        scan(&["in", "--include", "a.jsonl", "--period", period], &old1);
        scan(&["in", "--include", "b.jsonl", "--period", period], &old2);
        make_old(&old1);
        make_old(&old2);
        assert_eq!(run_json(&d.join(&old2))["options"]["period"], format!("{period}=date"));
        let all = std::fs::read(d.join(format!("{period}-all/groups.csv"))).unwrap();
        // New with new, new with old (either way round), old with old: the
        // groups of one scan, and run.json in this version's form.
        for (a, b) in [(&s1, &s2), (&s1, &old2), (&old1, &s2), (&old1, &old2)] {
            let out = format!("{a}+{b}");
            let o = merge(a, b, &out);
            assert_eq!(o.status.code(), Some(0), "{a} + {b}: {}", stderr(&o));
            assert_eq!(std::fs::read(d.join(&out).join("groups.csv")).unwrap(), all, "{a} + {b}");
            let opts = &run_json(&d.join(&out))["options"];
            assert_eq!((&opts["period"], &opts["date_field"]), (&period.into(), &"date".into()), "{opts}");
        }
    }

    // Another date field: refused, naming --date-field, in either form.
    scan(&["in", "--include", "b.jsonl", "--period", "year", "--date-field", "published"], "pub");
    let opts = &run_json(&d.join("pub"))["options"];
    assert_eq!((&opts["period"], &opts["date_field"]), (&"year".into(), &"published".into()), "{opts}");
    for (a, b) in [("year1", "pub"), ("year-old1", "pub")] {
        let o = merge(a, b, "bad");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("(--date-field date vs published)"), "{a} + {b}: {err}");
    }
    make_old("pub");
    assert_eq!(run_json(&d.join("pub"))["options"]["period"], "year=published");
    let o = merge("year1", "pub", "bad");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "year1/run.json and pub/run.json come from scans with different options (--date-field date vs published); \
             shards must come from scans with the same options"
        ),
        "{err}"
    );
}

/// Regression (review): an earlier rolecall (whose run.json has no
/// `date_field`) merging two shards of this version reads their `"period":
/// "month"` and drops their `"date_field"`: its run.json says `"period":
/// "month"` alone. That was read as no --date-field, and its merge with a
/// shard of this version refused ("--date-field (none) vs date"). The date
/// field is not recorded: unknown, so no mismatch (as an unrecorded
/// --path-field), and the merge records none either. Each option is
/// compared with the first shard that records it, so a shard of another
/// date field is still refused after such a shard.
#[test]
fn a_period_without_its_date_field_is_unrecorded_not_none() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("in")).unwrap();
    for (id, date) in [("a", "2019-03-02"), ("b", "2020-05-06"), ("c", "2019-03-28")] {
        let line = format!(
            "{{\"id\": \"{id}\", \"text\": \"Directed by Ann Lee. The producer paid.\", \"date\": \"{date}\", \"published\": \"2001-01-01\"}}\n"
        );
        std::fs::write(d.join(format!("in/{id}.jsonl")), line).unwrap();
    }
    let ok = |o: std::process::Output| assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let month = |file: &str, out: &str, more: &[&str]| {
        ok(scan_in(d, &[&["in", "--include", file, "--period", "month"], more].concat(), out))
    };
    month("a.jsonl", "a", &[]);
    month("b.jsonl", "b", &[]);
    month("c.jsonl", "c", &[]);
    month("c.jsonl", "pub", &["--date-field", "published"]);
    ok(scan_in(d, &["in", "--period", "month"], "all"));
    // a + b as merged by an earlier rolecall: this version's merge, without
    // the date_field that one does not know.
    ok(run_in(d, &["merge", "a", "b", "-o", "ab", "-q"]));
    let mut run = run_json(&d.join("ab"));
    run["options"].as_object_mut().unwrap().remove("date_field");
    std::fs::write(d.join("ab/run.json"), serde_json::to_vec_pretty(&run).unwrap()).unwrap();
    assert_eq!(run["options"]["period"], "month");

    let all = std::fs::read(d.join("all/groups.csv")).unwrap();
    for (x, y) in [("ab", "c"), ("c", "ab")] {
        let out = format!("{x}+{y}");
        ok(run_in(d, &["merge", x, y, "-o", &out, "-q"]));
        assert_eq!(std::fs::read(d.join(&out).join("groups.csv")).unwrap(), all, "{out}");
        let opts = &run_json(&d.join(&out))["options"];
        assert_eq!(opts["period"], "month", "{opts}");
        assert!(opts.get("date_field").is_none(), "not recorded, as in one shard: {opts}");
    }
    // Unknown is not any field: after ab, c's "date" and pub's "published" differ.
    let o = run_in(d, &["merge", "ab", "c", "pub", "-o", "bad", "-q"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("c/run.json and pub/run.json come from scans with different options (--date-field date vs published);"),
        "{err}"
    );
}

/// Regression (review): a shard scanned with `--period year` and one
/// without `--period` were refused as "(--period year vs (none),
/// --date-field date vs (none))": without a --period, --date-field does
/// nothing and is not recorded, so only --period is named.
#[test]
fn a_shard_without_period_differs_by_period_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("in")).unwrap();
    let line = "{\"id\": \"a\", \"text\": \"Directed by Ann Lee.\", \"date\": \"2019-03-02\"}\n";
    std::fs::write(d.join("in/a.jsonl"), line).unwrap();
    for (out, args) in [("year", &["in", "--period", "year"][..]), ("none", &["in"][..])] {
        let o = scan_in(d, args, out);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    for (x, y, said) in
        [("year", "none", "--period year vs (none)"), ("none", "year", "--period (none) vs year")]
    {
        let o = run_in(d, &["merge", x, y, "-o", "bad", "-q"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!(
                "{x}/run.json and {y}/run.json come from scans with different options ({said}); "
            )),
            "{err}"
        );
        assert!(!err.contains("--date-field"), "{err}");
    }
}

#[test]
fn csv_columns_are_kept() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("t.csv"), "id,text,outlet\n1,Directed by Ann Lee.,Daily\n2,Rain fell.\n")
        .unwrap();
    let out = tmp.path().join("out");
    let o = scan_in(tmp.path(), &["t.csv", "--group-by", "outlet"], &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.iter().map(|d| d["outlet"].as_str()).collect::<Vec<_>>(), ["Daily", ""]);
    check_groups(&out, &["outlet"]);
}

/// `--keep-field NAME=FIELD` keeps a field under another column name: a
/// credits file's own `director` column (a new user could not keep the
/// Netflix file's), grouped by its new name; a date kept under another
/// name is still the `--date-field`.
#[test]
fn a_field_is_kept_under_another_name() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("t.csv"),
        "id,text,director,added\n1,Directed by Ann Lee.,Ann Lee,2004-05-01\n2,Rain fell.,,2005-01-02\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let args = [
        "t.csv",
        "--keep-field",
        "credited_director=director",
        "--keep-field",
        "when=added",
        "--group-by",
        "credited_director",
        "--period",
        "year",
        "--date-field",
        "added",
    ];
    let o = scan_in(tmp.path(), &args, &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = read_csv(&out.join("documents.csv"));
    assert_eq!(docs.iter().map(|d| d["credited_director"].as_str()).collect::<Vec<_>>(), ["Ann Lee", ""]);
    assert_eq!(docs.iter().map(|d| d["when"].as_str()).collect::<Vec<_>>(), ["2004-05-01", "2005-01-02"]);
    assert!(!docs[0].contains_key("added"), "the date is kept once, as `when`");
    check_groups(&out, &["credited_director", "year"]);
    let groups = read_csv(&out.join("groups.csv"));
    let years: Vec<&str> =
        groups.iter().filter(|g| g["field"] == "year").map(|g| g["value"].as_str()).collect();
    assert_eq!(years, ["2004", "2005"]);
    // Mistakes name the option and what to give.
    for (args, want) in [
        (&["--keep-field", "director"][..], "keep it under another name with --keep-field NEW_NAME=director"),
        (&["--keep-field", "=director"][..], "give NAME=FIELD"),
        (
            &["--keep-field", "a=director", "--keep-field", "a=text"][..],
            "--keep-field \"a=director\" and \"a=text\" both name the column \"a\"",
        ),
        (
            &["--keep-field", "a", "--keep-field", "a=text"][..],
            "--keep-field \"a\" and \"a=text\" both name the column \"a\"",
        ),
        (&["--keep-field", "a=text", "--keep-field", "a=text"][..], "--keep-field \"a=text\" is given twice"),
        // A column named as the date field that keeps another field (found
        // by a review: the year came from `added`, the `date` field unread).
        (
            &["--keep-field", "date=added", "--period", "year"][..],
            "--date-field \"date\": the column \"date\" keeps the field \"added\" (--keep-field date=added)",
        ),
        (&["--keep-field", "producer=director"][..], "already has a column"),
    ] {
        let out = tmp.path().join("bad");
        let o = scan_in(tmp.path(), &[&["t.csv"][..], args].concat(), &out);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn unknown_or_clashing_field_names_are_errors_naming_the_option() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("n.jsonl"), "{\"text\": \"Rain.\", \"outlet\": \"D\", \"year\": 2004}\n")
        .unwrap();
    std::fs::write(tmp.path().join("a.txt"), "Rain.").unwrap();
    let run = |args: &[&str]| {
        let out = tmp.path().join("out");
        let _ = std::fs::remove_dir_all(&out);
        let o = scan_in(tmp.path(), args, &out);
        (o.status.code(), stderr(&o), out)
    };
    let (code, err, out) = run(&["n.jsonl", "--group-by", "outlett"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("--group-by \"outlett\"")
            && err.contains(
                "no record has this field; did you mean \"outlet\"?; fields seen: outlet, text, year"
            ),
        "{err}"
    );
    assert!(!out.join("documents.csv").exists(), "no outputs after the error");
    assert!(!err.contains("warning:"), "one record is too few to warn early: {err}");
    // Text files only (a shard of a mixed corpus, say): a note, not an error.
    let o = rolecall_in(tmp.path())
        .args(["scan", "a.txt", "--keep-field", "outlet", "-o", "out2"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("note: --keep-field \"outlet\"") && err.contains("--path-field"), "{err}");
    let (code, err, _) = run(&["n.jsonl", "--keep-field", "director"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--keep-field \"director\"") && err.contains("already has a column"), "{err}");
    let (code, err, _) = run(&["n.jsonl", "--path-field", "topic"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--path-field") && err.contains("NAME=N"), "{err}");
}

#[test]
fn a_kept_field_no_early_record_has_is_warned_of_while_the_scan_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = |outlet: &str, n: usize| {
        (0..n).map(|i| format!("{{\"text\": \"Rain {i}.\", \"{outlet}\": \"D\"}}\n")).collect::<String>()
    };
    // 1,200 records without the field, then (a later file) one with it.
    std::fs::write(tmp.path().join("a.jsonl"), rows("Section", 1200)).unwrap();
    std::fs::write(tmp.path().join("b.jsonl"), rows("section", 1)).unwrap();
    let o = scan_in(tmp.path(), &["a.jsonl", "b.jsonl", "--group-by", "section"], tmp.path().join("o1"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "a later record has it: {err}");
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(
        err.contains(
            "warning: --group-by \"section\" (did you mean \"Section\"?): none of the first 1000 records read \
             has this field (fields seen: Section, text)"
        ),
        "{err}"
    );
    // No record has it: the warning early, the error at the end, nothing written.
    let o =
        scan_in(tmp.path(), &["a.jsonl", "--date-field", "dte", "--period", "year"], tmp.path().join("o2"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("warning: --date-field \"dte\": none of the first 1000"), "{err}");
    assert!(err.contains("--date-field \"dte\": no record has this field"), "{err}");
    assert!(!tmp.path().join("o2").exists());
    // Two misspelt names: both in the warning and in the error, each with its guess.
    let o = scan_in(
        tmp.path(),
        &["a.jsonl", "--keep-field", "foo", "--group-by", "sectoin"],
        tmp.path().join("o3"),
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("warning: --keep-field \"foo\", --group-by \"sectoin\" (did you mean \"Section\"?): none of the first 1000 records read has these fields"),
        "{err}"
    );
    assert!(
        err.contains("--keep-field \"foo\": no record has this field; --group-by \"sectoin\" neither; did you mean \"Section\"?; fields seen: Section, text"),
        "{err}"
    );
}

#[test]
fn bbc_topics_from_the_path_match_the_documents() {
    let Some(bbc) = shared("data/bbc-news") else {
        return skipped("../shared/data/bbc-news not found");
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o =
        scan_in(&root(), &[bbc.to_str().unwrap(), "--path-field", "topic=1", "--group-by", "topic"], &out);
    assert!(o.status.code() == Some(0) || o.status.code() == Some(1), "{}", stderr(&o));
    let groups = check_groups(&out, &["topic"]);
    for t in ["business", "entertainment", "politics", "sport", "tech"] {
        assert!(groups.contains_key(&("topic".to_string(), t.to_string())), "{t}");
    }
}

#[test]
fn sentences_say_which_terms_counted_and_matches_csv_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "The directors of the bank approved the merger.\n\nDirected by Ann Lee.\n\n\
                Director of Photography Bo Ek\n\nThe budget was cut.\n";
    std::fs::write(tmp.path().join("a.txt"), text).unwrap();
    let out = tmp.path().join("out");
    let o = scan_in(tmp.path(), &["a.txt", "--matches", "--sentences", "all"], &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let sentences = read_csv(&out.join("sentences.csv"));
    for s in &sentences {
        let (terms, statuses) = (&s["terms"], &s["statuses"]);
        assert_eq!(terms.is_empty(), statuses.is_empty());
        assert_eq!(terms.split(';').count(), statuses.split(';').count(), "parallel lists: {s:?}");
    }
    let status_of = |term: &str| {
        let s = sentences.iter().find(|s| s["terms"].split(';').any(|t| t == term)).unwrap();
        let i = s["terms"].split(';').position(|t| t == term).unwrap();
        s["statuses"].split(';').nth(i).unwrap().to_string()
    };
    assert_eq!(status_of("directors"), "discounted:business");
    assert_eq!(status_of("directed by"), "counted");
    assert_eq!(status_of("director of photography"), "excluded");
    assert_eq!(status_of("budget"), "needs:screen");

    let matches = read_csv(&out.join("matches.csv"));
    assert_eq!(
        headers(&out.join("matches.csv")),
        ["doc", "sentence", "term", "role", "kind", "start", "end", "status", "cue", "weight"]
    );
    // One row per match, in the sentence that holds it, spans slicing the file.
    let n_terms: usize =
        sentences.iter().map(|s| s["terms"].split(';').filter(|t| !t.is_empty()).count()).sum();
    assert_eq!(matches.len(), n_terms);
    for m in &matches {
        let s = sentences.iter().find(|s| s["sentence"] == m["sentence"]).unwrap();
        assert!(s["terms"].split(';').any(|t| t == m["term"]), "{m:?}");
        let (a, b): (usize, usize) = (m["start"].parse().unwrap(), m["end"].parse().unwrap());
        assert!(text[a..b].eq_ignore_ascii_case(&m["term"]), "{m:?} → {:?}", &text[a..b]);
    }
    let directors = matches.iter().find(|m| m["term"] == "directors").unwrap();
    assert_eq!((directors["status"].as_str(), directors["cue"].as_str()), ("discounted:business", "bank"));

    // Without --matches a rerun into the folder leaves no earlier matches.csv behind.
    let o = rolecall_in(tmp.path()).args(["scan", "a.txt", "-o", "out", "--force", "-q"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!out.join("matches.csv").exists());
}

#[test]
fn fields_seen_name_nested_paths_and_listed_files_get_a_note_for_positive_path_fields() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("n.jsonl"), "{\"text\": \"Rain.\", \"meta\": {\"country\": \"FR\"}}\n")
        .unwrap();
    let o = scan_in(tmp.path(), &["n.jsonl", "--keep-field", "meta.contry"], tmp.path().join("o1"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    // (Top-level names first, then one object down.)
    assert!(err.contains("fields seen: meta, text, meta.country"), "{err}");
    // A file given as a path has no folder below an input folder.
    std::fs::create_dir_all(tmp.path().join("news/tech")).unwrap();
    std::fs::write(tmp.path().join("news/tech/1.txt"), "Rain.").unwrap();
    let o = rolecall_in(tmp.path())
        .args(["scan", "news/tech/1.txt", "--path-field", "topic=1", "-o", "o2"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("--path-field topic=1: 1 input(s) were given as paths") && err.contains("topic=-1"),
        "{err}"
    );
    let o = rolecall_in(tmp.path())
        .args(["scan", "news", "--path-field", "topic=1", "-o", "o3"])
        .output()
        .unwrap();
    assert!(!stderr(&o).contains("given as paths"), "{}", stderr(&o));
    assert_eq!(read_csv(&tmp.path().join("o3/documents.csv"))[0]["topic"], "tech");
}

/// Regression: a `--path-field` that counts deeper than a file's path
/// gave it an empty value without a word. Now a note says how many inputs
/// have fewer folders than asked, with the first, and `run.json` counts
/// them (`path_fields_empty`, with the files given as paths that the
/// older note covers), added up by `merge`.
#[test]
fn path_fields_deeper_than_the_path_are_noted_and_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("news/tech")).unwrap();
    std::fs::write(d.join("news/tech/1.txt"), "Directed by Ann Lee.").unwrap();
    std::fs::write(d.join("news/2.txt"), "Rain fell.").unwrap();
    std::fs::write(d.join("news/3.txt"), "Rain fell again.").unwrap();
    let scan = |args: &[&str], out: &str| {
        let mut all = vec!["scan"];
        all.extend(args);
        all.extend(["-o", out]);
        let o = run_in(d, &all);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        (stderr(&o), run_json(&d.join(out)))
    };
    // topic=1: news/2.txt and news/3.txt have no folder below news.
    let (err, run) = scan(&["news", "--path-field", "topic=1", "--group-by", "topic"], "o1");
    assert!(
        err.contains(
            "rolecall: note: --path-field: 2 input(s) have fewer folders in their path than a --path-field \
             asks for, so that field is empty for them in documents.csv and groups.csv (first: news/2.txt, \
             0 folder(s) below the input folder, for topic=1)"
        ),
        "{err}"
    );
    assert_eq!(run["path_fields_empty"], 2);
    assert_eq!(run["notes"].as_array().unwrap().len(), 1);
    let groups = check_groups(&d.join("o1"), &["topic"]);
    assert_eq!(groups[&("topic".to_string(), String::new())]["documents"], "2");
    // A negative N past the start of every path (news/tech/1.txt has 2 folders).
    let (err, run) = scan(&["news", "--path-field", "top=-3"], "o2");
    assert!(
        err.contains("3 input(s)")
            && err.contains("(first: news/2.txt, 1 folder(s) in its path, for top=-3)"),
        "{err}"
    );
    assert_eq!(run["path_fields_empty"], 3);
    // Deep enough: no note, a count of 0.
    let (err, run) = scan(&["news", "--path-field", "parent=-1"], "o3");
    assert!(!err.contains("note"), "{err}");
    assert_eq!(run["path_fields_empty"], 0);
    // A file given as a path with a positive N: the older note alone, and counted.
    let (err, run) = scan(&["news/tech/1.txt", "--path-field", "topic=1"], "o4");
    assert!(err.contains("1 input(s) were given as paths") && !err.contains("fewer folders"), "{err}");
    assert_eq!(run["path_fields_empty"], 1);
    // Shards: merge adds the counts.
    scan(&["news", "--include", "tech/*", "--path-field", "topic=1"], "s1");
    scan(&["news", "--exclude", "tech", "--path-field", "topic=1"], "s2");
    let o = run_in(d, &["merge", "s1", "s2", "-o", "merged", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run_json(&d.join("merged"))["path_fields_empty"], 2);
    // A shard whose run.json lacks the count (an earlier rolecall): the
    // total is unknown, so the merge leaves it out rather than give s1's.
    let mut old = run_json(&d.join("s2"));
    old.as_object_mut().unwrap().remove("path_fields_empty");
    std::fs::write(d.join("s2/run.json"), serde_json::to_vec_pretty(&old).unwrap()).unwrap();
    let o = run_in(d, &["merge", "s1", "s2", "-o", "merged_old", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(run_json(&d.join("merged_old")).get("path_fields_empty").is_none());
    // Without --path-field, no such key.
    let (_, run) = scan(&["news"], "o5");
    assert!(run.get("path_fields_empty").is_none(), "{run}");
}

#[test]
fn an_input_folder_without_files_is_an_error_not_an_empty_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("empty/sub")).unwrap();
    std::fs::write(tmp.path().join("empty/.hidden"), "Directed by Ann.").unwrap();
    let o = scan_in(tmp.path(), &["empty"], tmp.path().join("out"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("no file to read"), "{err}");
    assert!(!tmp.path().join("out/documents.csv").exists());
    std::fs::write(tmp.path().join("empty/a.txt"), "Rain.").unwrap();
    let o = scan_in(tmp.path(), &["empty", "--include", "*.md"], tmp.path().join("out"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--include/--exclude left none"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_folder_of_only_symbolic_links_names_them_and_the_option() {
    // A folder of links (to files elsewhere) is read only with --follow:
    // the error says so, not that the folder is empty.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("real")).unwrap();
    std::fs::create_dir_all(tmp.path().join("links")).unwrap();
    std::fs::write(tmp.path().join("real/a.txt"), "Directed by Ann Lee.").unwrap();
    std::fs::write(tmp.path().join("real/b.txt"), "Produced by Bo Lind.").unwrap();
    for f in ["a.txt", "b.txt"] {
        std::os::unix::fs::symlink(tmp.path().join("real").join(f), tmp.path().join("links").join(f))
            .unwrap();
    }
    let o = scan_in(tmp.path(), &["links"], tmp.path().join("out"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("2 symbolic link(s)") && err.contains("--follow"), "{err}");
    assert!(!tmp.path().join("out/documents.csv").exists());
    // With globs that keep the links, the links are still the reason.
    let o = scan_in(tmp.path(), &["links", "--include", "*.txt"], tmp.path().join("out"));
    assert!(stderr(&o).contains("2 symbolic link(s)"), "{}", stderr(&o));
    let o = scan_in(tmp.path(), &["links", "--include", "*.md"], tmp.path().join("out"));
    assert!(stderr(&o).contains("--include/--exclude left none"), "{}", stderr(&o));
    let o = scan_in(tmp.path(), &["links", "--follow"], tmp.path().join("out"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read_csv(&tmp.path().join("out/documents.csv")).len(), 2);
}
