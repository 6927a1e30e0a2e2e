//! Tests of the report: loading a folder, refusing one that is not a scan
//! output, errors that name file and line, escaping, highlighting.

use std::path::Path;

use super::*;

const SUMMARY: &str = "documents,documents_skipped,bytes,sentences,director,producer,both,none,director_share,producer_share,both_share,none_share\r\n3,0,300,10,4,3,1,2,0.400000,0.300000,0.100000,0.200000\r\n";
const GROUPS: &str = "field,value,documents,sentences,director,producer,both,none,director_share,director_low,director_high,producer_share,producer_low,producer_high,both_share,both_low,both_high,none_share,none_low,none_high\r\n\
about_film,true,3,10,4,3,1,2,0.400000,0.168180,0.687326,0.300000,0.107791,0.603222,0.100000,0.017876,0.404150,0.200000,0.056682,0.509838\r\n\
kind,a,2,6,3,1,1,1,0.500000,0.187616,0.812384,0.166667,0.030053,0.563503,0.166667,0.030053,0.563503,0.166667,0.030053,0.563503\r\n\
kind,b,1,4,1,2,0,1,0.250000,0.045587,0.699358,0.500000,0.150039,0.849961,0.000000,0.000000,0.489891,0.250000,0.045587,0.699358\r\n";
const DOCUMENTS: &str = "doc,bytes,sentences,director,producer,both,none,about_film,film_signals,kind\r\n\
a/1.txt,100,3,2,0,1,0,true,4,a\r\n\
a/2.txt,100,3,1,1,0,1,true,3,a\r\n\
b/3.txt,100,4,1,2,0,1,false,1,b\r\n";
const TERMS: &str = "role,kind,term,hits,documents\r\n\
director,role,director,3,2\r\n\
director,role,directed by,2,2\r\n\
director,exclude,managing director,1,1\r\n\
producer,activity,budget,2,2\r\n\
producer,role,producer,0,0\r\n";
const SENTENCES: &str = "doc,sentence,start,end,label,director,producer,terms,text\r\n\
a/1.txt,0,0,30,director,1,0,directed by,Directed by Ann Lee.\r\n\
a/1.txt,1,31,60,director,1,0,director,The director spoke.\r\n\
a/2.txt,0,0,20,producer,0,1,budget,The Budget rose.\r\n\
b/3.txt,0,0,40,both,1,1,director;budget,The director cut the budget.\r\n";
const RUN: &str = "{\n  \"version\": \"0.1.0\",\n  \"threads\": 2,\n  \"inputs\": 3,\n  \"documents\": 3,\n  \"elapsed_seconds\": 0.5,\n  \"mb_per_second\": 0.1,\n  \"lexicon\": \"custom\"\n}\n";

/// An output folder with these files (name, content) in a new temporary folder.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    dir
}

fn scan_files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("summary.csv", SUMMARY),
        ("groups.csv", GROUPS),
        ("documents.csv", DOCUMENTS),
        ("terms.csv", TERMS),
        ("sentences.csv", SENTENCES),
        ("run.json", RUN),
        ("errors.csv", "path,problem\r\n"),
    ]
}

/// `files` with `name`'s content replaced.
fn with(name: &'static str, content: &'static str) -> Vec<(&'static str, &'static str)> {
    scan_files().into_iter().map(|(n, c)| if n == name { (n, content) } else { (n, c) }).collect()
}

fn err(dir: &Path) -> String {
    load(dir).map(|_| ()).unwrap_err().to_string()
}

#[test]
fn a_scan_folder_loads_into_typed_data() {
    let d = folder(&scan_files());
    let o = load(d.path()).unwrap();
    assert_eq!(o.labels, ["director", "producer", "both", "none"]);
    assert_eq!(o.roles(), ["director", "producer"]);
    assert_eq!(o.summary.documents, 3);
    assert_eq!(o.summary.counts, [4, 3, 1, 2]);
    assert_eq!(o.groups.len(), 3);
    assert_eq!((o.groups[2].field.as_str(), o.groups[2].value.as_str()), ("kind", "b"));
    assert_eq!(o.groups[2].counts, [1, 2, 0, 1]);
    assert_eq!(o.terms.len(), 5);
    assert_eq!(o.document_fields, ["kind"]);
    assert_eq!(o.film_documents, 2);
    // Most units first; ties in document order.
    let director: Vec<&str> = o.top_documents[0].1.iter().map(|d| d.doc.as_str()).collect();
    assert_eq!(director, ["a/1.txt", "a/2.txt", "b/3.txt"]);
    let producer: Vec<&str> = o.top_documents[1].1.iter().map(|d| d.doc.as_str()).collect();
    assert_eq!(producer, ["b/3.txt", "a/2.txt"]);
    // One sample per document and label: a/1.txt's second director unit is not one.
    let samples: Vec<(&str, &str)> = o.samples.iter().map(|s| (s.label.as_str(), s.doc.as_str())).collect();
    assert_eq!(samples, [("director", "a/1.txt"), ("producer", "a/2.txt"), ("both", "b/3.txt")]);
    assert_eq!(o.sentence_rows, 4);
    assert!(o.evidence.is_none());
    assert_eq!(o.run.get("lexicon").and_then(|v| v.as_str()), Some("custom"));
}

#[test]
fn a_folder_that_is_not_a_scan_output_is_refused_naming_what_is_missing() {
    let d = folder(&[("notes.txt", "hello")]);
    let e = err(d.path());
    assert!(e.contains("not the output folder of a finished scan or merge"), "{e}");
    assert!(e.contains("summary.csv") && e.contains("run.json"), "{e}");
    // A folder of an unfinished or older run: the files that are there are named as a clue.
    let d = folder(&scan_files()[..4]);
    let e = err(d.path());
    assert!(e.contains("(no sentences.csv, run.json)") && e.contains("unfinished run"), "{e}");
    let e = err(&d.path().join("missing"));
    assert!(e.contains("no such folder"), "{e}");
}

#[test]
fn a_bad_cell_is_named_by_file_line_and_column() {
    let bad = "field,value,documents,sentences,director,producer,both,none\r\nkind,a,2,6,3,1,1,1\r\nkind,b,x,4,1,2,0,1\r\n";
    let d = folder(&with("groups.csv", bad));
    let e = err(d.path());
    assert!(e.contains("groups.csv: line 3: column \"documents\": \"x\" is not a whole number"), "{e}");
    assert!(e.contains("run the scan again"), "{e}");
}

#[test]
fn a_missing_column_is_named() {
    let d = folder(&with("documents.csv", "doc,bytes,sentences,director\r\na,1,1,1\r\n"));
    let e = err(d.path());
    assert!(e.contains("documents.csv: line 1: no column \"producer\""), "{e}");
    let d = folder(&with("summary.csv", "documents,bytes\r\n1,2\r\n"));
    assert!(err(d.path()).contains("no share columns"));
    let d = folder(&with("run.json", "[1, 2"));
    assert!(err(d.path()).contains("run.json: line 1: invalid JSON"));
}

#[test]
fn the_page_holds_each_figure_as_groups_csv_writes_it() {
    let d = folder(&scan_files());
    let html = render(&load(d.path()).unwrap()).unwrap();
    // Recomputed from the counts with the same Wilson interval and format.
    for line in GROUPS.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let row = format!(
            "data-field=\"{}\" data-value=\"{}\" data-documents=\"{}\" data-sentences=\"{}\"",
            f[0], f[1], f[2], f[3]
        );
        assert!(html.contains(&row), "{row}");
        for (i, label) in ["director", "producer", "both", "none"].iter().enumerate() {
            let cell = format!(
                "data-label=\"{label}\" data-count=\"{}\" data-share=\"{}\" data-low=\"{}\" data-high=\"{}\"",
                f[4 + i],
                f[8 + 3 * i],
                f[9 + 3 * i],
                f[10 + 3 * i]
            );
            assert!(html.contains(&cell), "{cell}");
        }
    }
    assert!(
        html.contains(
            "data-label=\"director\" data-count=\"4\" data-share=\"0.400000\" data-low=\"0.168180\""
        )
    );
    // Self-contained: a policy that forbids loading anything, no script, no link out.
    assert!(html.contains("default-src 'none'"));
    for banned in ["<script", "<link", "<img", "src=", "url(", "@import", "http://", "https://"] {
        assert!(!html.contains(banned), "{banned}");
    }
    assert_eq!(html.matches("<svg").count(), 5, "corpus, two groupings, two roles' terms");
}

#[test]
fn a_group_of_no_units_says_n_a_and_is_not_drawn() {
    // kind=c: one document without text. Its shares are empty cells in
    // groups.csv, empty data-* attributes and "n/a" on the page.
    let groups = format!("{GROUPS}kind,c,1,0,0,0,0,0{}\r\n", ",".repeat(12));
    let groups: &'static str = Box::leak(groups.into_boxed_str());
    let d = folder(&with("groups.csv", groups));
    let html = render(&load(d.path()).unwrap()).unwrap();
    let row = "data-field=\"kind\" data-value=\"c\" data-documents=\"1\" data-sentences=\"0\"";
    let at = html.find(row).expect(row);
    let tr = &html[at..at + html[at..].find("</tr>").unwrap()];
    assert_eq!(tr.matches("data-share=\"\" data-low=\"\" data-high=\"\">n/a</td>").count(), 4, "{tr}");
    assert!(!tr.contains('%'), "{tr}");
    // The other rows are as before, and the chart leaves the group out, saying so.
    assert!(html.contains(
        "data-share=\"0.250000\" data-low=\"0.045587\" data-high=\"0.699358\">25.0% (4.6–69.9)</td>"
    ));
    assert!(html.contains("1 group of no units (documents without text) has no share"), "the note");
    let page = render(&load(folder(&scan_files()).path()).unwrap()).unwrap();
    let svg = |h: &str| h.split("<svg").nth(3).map(|s| s.split("</svg>").next().unwrap().to_string());
    assert_eq!(svg(&html), svg(&page), "the kind chart draws a and b only");
}

#[test]
fn text_from_the_data_is_escaped() {
    let evil_doc = "<img src=x onerror=alert(1)>.txt";
    let docs = format!(
        "doc,bytes,sentences,director,producer,both,none,about_film,film_signals,kind\r\n\"{evil_doc}\",1,1,1,0,0,0,true,1,\"<script>alert('k')</script>\"\r\n"
    );
    let sentences = format!(
        "doc,sentence,start,end,label,director,producer,terms,text\r\n\"{evil_doc}\",0,0,9,director,1,0,director,\"<script>alert(2)</script> The director \"\"onerror=alert(3)\"\"\"\r\n"
    );
    let groups = "field,value,documents,sentences,director,producer,both,none\r\nkind,\"<script>alert('g')</script>\",1,1,1,0,0,0\r\n";
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("<img src=x onerror=alert('dir')>");
    std::fs::create_dir(&dir).unwrap();
    for (name, content) in scan_files() {
        let content = match name {
            "documents.csv" => docs.as_str(),
            "sentences.csv" => sentences.as_str(),
            "groups.csv" => groups,
            _ => content,
        };
        std::fs::write(dir.join(name), content).unwrap();
    }
    let html = render(&load(&dir).unwrap()).unwrap();
    // Every tag in the page is the template's or a chart's: none from the data.
    for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
        let name: String =
            tag.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!').collect();
        assert!(!["script", "img", "/script"].contains(&name.to_ascii_lowercase().as_str()), "<{tag}>");
        // Attribute names only: quoted values (escaped data) left out.
        let names: String = tag.split('"').step_by(2).collect();
        assert!(!names.contains("onerror"), "<{tag}>");
    }
    assert!(html.contains("&lt;script&gt;alert(2)&lt;&#x2f;script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;.txt"));
    assert!(html.contains("&lt;img src=x onerror=alert(&#x27;dir&#x27;)&gt;"));
    // The group value in a chart's axis label: escaped by the SVG backend.
    assert!(html.contains("&lt;script&gt;alert(&apos;g&apos;)&lt;/script&gt;"));
}

#[test]
fn terms_are_marked_case_insensitively_on_whole_words() {
    let s = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    let marked = |segs: Vec<Segment>| -> Vec<(String, String)> {
        segs.into_iter().filter(|s| !s.kind.is_empty()).map(|s| (s.text, s.kind)).collect()
    };
    let pairs =
        |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
    // (text, terms, counted, not counted, marked pieces)
    type Case<'a> = (&'a str, Vec<String>, Option<Vec<String>>, Option<Vec<String>>, Vec<(String, String)>);
    let cases: Vec<Case> = vec![
        ("Directed by Ann.", s(&["directed by"]), None, None, pairs(&[("Directed by", "matched")])),
        // The longest term wins; "director" inside "directorial" is no match.
        (
            "A directorial debut, says the director.",
            s(&["director", "directorial debut"]),
            None,
            None,
            pairs(&[("directorial debut", "matched"), ("director", "matched")]),
        ),
        ("The directors met.", s(&["director"]), None, None, vec![]),
        (
            "Managing Director Jo Smith and the director.",
            s(&["managing director", "director"]),
            Some(s(&["director"])),
            Some(s(&["managing director:excluded"])),
            pairs(&[("Managing Director", "not-counted"), ("director", "counted")]),
        ),
        ("Ça tourne: the café director.", s(&["director"]), None, None, pairs(&[("director", "matched")])),
    ];
    for (text, terms, counted, not_counted, want) in cases {
        let segs = highlight(text, &terms, counted.as_deref(), not_counted.as_deref());
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text, "the pieces make up the text");
        assert_eq!(marked(segs), want, "{text}");
    }
}

#[test]
fn counted_and_not_counted_columns_are_used_when_present() {
    let sentences = "doc,sentence,start,end,label,director,producer,terms,counted,not_counted,text\r\n\
a/1.txt,0,0,30,director,1,0,managing director;director,director,managing director:excluded,Managing director and the director.\r\n";
    let d = folder(&with("sentences.csv", sentences));
    let o = load(d.path()).unwrap();
    let ev = o.evidence.as_ref().unwrap();
    assert_eq!(ev.source, "sentences.csv");
    assert_eq!(ev.get("director", "director"), Some((1, 0)));
    assert_eq!(ev.get("director", "managing director"), Some((0, 1)));
    let html = render(&o).unwrap();
    assert!(html.contains("<mark class=\"not-counted\">Managing director</mark>"));
    assert!(html.contains("<mark class=\"counted\">director</mark>"));
    assert!(html.contains("<th class=\"num\">not counted</th>"));
    // matches.csv, when there, is the source.
    let mut files = with("sentences.csv", sentences);
    files.push(("matches.csv", "doc,unit,term,role,status\r\na,0,director,director,counted\r\na,0,director,director,discounted:film\r\n"));
    let o = load(folder(&files).path()).unwrap();
    let ev = o.evidence.unwrap();
    assert_eq!((ev.source.as_str(), ev.get("director", "director")), ("matches.csv", Some((1, 1))));
}

#[test]
fn the_page_is_written_whole_to_report_html_or_the_path_given() {
    let d = folder(&scan_files());
    let path = write(d.path(), None).unwrap();
    assert_eq!(path, d.path().join(REPORT_FILE));
    let first = std::fs::read_to_string(&path).unwrap();
    assert!(first.starts_with("<!DOCTYPE html>") && first.trim_end().ends_with("</html>"));
    // Written again over the first; no temporary file left.
    write(d.path(), None).unwrap();
    assert!(crate::output::temp_files(d.path()).unwrap().is_empty());
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("r.html");
    assert_eq!(write(d.path(), Some(&out)).unwrap(), out);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
    let e = write(d.path(), Some(&elsewhere.path().join("no/such/r.html"))).unwrap_err().to_string();
    assert!(e.contains("no such folder for the report"), "{e}");
    // A file where the folder should be is named as such.
    let e = write(d.path(), Some(&out.join("r.html"))).unwrap_err().to_string();
    assert!(e.contains("a file, not a folder"), "{e}");
    // The page is known as a report by its first KiB, so `-o` may replace
    // it (a review); an empty file too; another file is kept.
    let head = &first.as_bytes()[..1024];
    assert!(head.windows(GENERATOR.len()).any(|w| w == GENERATOR));
    let empty = elsewhere.path().join("empty.html");
    std::fs::write(&empty, "").unwrap();
    assert_eq!(write(d.path(), Some(&empty)).unwrap(), empty);
    let mine = elsewhere.path().join("mine.html");
    std::fs::write(&mine, "<p>mine</p>").unwrap();
    let e = write(d.path(), Some(&mine)).unwrap_err().to_string();
    assert!(e.contains("is not a report of rolecall"), "{e}");
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "<p>mine</p>");
}

/// A run.json of a merge of shards scanned with `--group-by outlet
/// --group-by section --period month --date-field published --people`, one
/// of them by an earlier version (`"period": "month=published"`), with
/// notes, an option and a figure a later version might add.
const RUN_WITH_OPTIONS: &str = r#"{
  "version": "0.1.0", "threads": 1, "shards": 2, "lexicon": "sha256:ab12",
  "options": {
    "unit": "sentence", "sentences": "tagged", "input_format": null, "text_field": "title,body",
    "id_field": "id", "csv_safe": false, "group_by": ["outlet", "section"],
    "period": "month=published", "period_rule": "year-alone-in-no-month", "path_field": ["kind=-1"],
    "people": true, "output_format": "csv", "later_option": ["x", 2]
  },
  "notes": ["1 record file(s) held no record (first: <empty>.jsonl)", "2 symbolic link(s) not followed"],
  "later_figures": {"a": 1, "b": [true, null]},
  "dates_unread": 3
}"#;

/// Regression (a new user's trial): the run's options and notes were shown
/// as raw JSON (`{"csv_safe":false,"group_by":["kind"],…}`). Options are
/// pairs of each option's name on the command line and its value in words
/// (a definition list); notes a list, one per line.
#[test]
fn options_and_notes_are_listed_in_words_not_as_json() {
    let run: serde_json::Map<String, serde_json::Value> = serde_json::from_str(RUN_WITH_OPTIONS).unwrap();
    let shown: Vec<(String, String)> = options(&run)
        .into_iter()
        .map(|f| (f.name, if f.items.is_empty() { f.value } else { f.items.join(" | ") }))
        .collect();
    let want = [
        ("--unit", "sentence"),
        ("--sentences", "tagged"),
        ("--input-format", "(from each file name)"),
        ("--text-field", "title,body"),
        ("--id-field", "id"),
        ("--csv-safe", "off"),
        ("--group-by", "outlet, section"),
        ("--period", "month"),
        ("--date-field", "published"),
        ("--path-field", "kind=-1"),
        ("--people", "on"),
        ("--output-format", "csv"),
        (
            "--period month: a date that is a year alone (2019)",
            "in no month, counted under the empty month (year-alone-in-no-month)",
        ),
        ("later_option", "x | 2"),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(shown, want);
    assert_eq!(
        notes(&run),
        ["1 record file(s) held no record (first: <empty>.jsonl)", "2 symbolic link(s) not followed"]
    );

    // Without --period: off, and no --date-field; without notes, none.
    let plain: serde_json::Map<String, serde_json::Value> = serde_json::from_str(RUN).unwrap();
    assert!(options(&plain).is_empty() && notes(&plain).is_empty(), "RUN has neither");
    let mut scan = run.clone();
    let o = scan["options"].as_object_mut().unwrap();
    for k in ["period", "period_rule", "later_option"] {
        o.remove(k);
    }
    o.insert("period".into(), serde_json::Value::Null);
    o.insert("group_by".into(), serde_json::json!([]));
    scan.remove("notes");
    let shown: Vec<(String, String)> = options(&scan).into_iter().map(|f| (f.name, f.value)).collect();
    assert!(shown.contains(&("--period".into(), "off".into())), "{shown:?}");
    assert!(shown.contains(&("--group-by".into(), "(none)".into())), "{shown:?}");
    assert!(!shown.iter().any(|(n, _)| n == "--date-field"), "{shown:?}");
    assert!(notes(&scan).is_empty());

    // On the page: name and value pairs, items of a list, escaped; no JSON.
    let d = folder(&with("run.json", RUN_WITH_OPTIONS));
    let html = render(&load(d.path()).unwrap()).unwrap();
    for row in [
        "<div><dt>--group-by</dt><dd>outlet, section</dd></div>",
        "<div><dt>--period</dt><dd>month</dd></div>",
        "<div><dt>--date-field</dt><dd>published</dd></div>",
        "<div><dt>later_option</dt><dd><ul class=\"items\"><li>x</li><li>2</li></ul></dd></div>",
        "<li>1 record file(s) held no record (first: &lt;empty&gt;.jsonl)</li>\n<li>2 symbolic link(s) not followed</li>",
        "<dt>later_figures</dt><dd><ul class=\"items\"><li>a: 1</li><li>b: on, (none)</li></ul></dd>",
        "<dt>Dates not read (dates_unread)</dt><dd>3</dd>",
        "<dt>Lexicon (SHA-256 of its terms and rules)</dt><dd>sha256:ab12</dd>",
    ] {
        assert!(html.contains(row), "{row}");
    }
    let run_section =
        &html[html.find("<section id=\"run\">").unwrap()..html.find("<section id=\"corpus\">").unwrap()];
    for json in ["{&quot;", "[&quot;", "&quot;:", "null", "true", "false"] {
        assert!(!run_section.contains(json), "{json} in {run_section}");
    }
}

/// Regression (a new user's trial): a group table (shares per outlet,
/// section, year) ran past the page's column at 1200 px. Every table is in
/// a box that scrolls sideways, the group tables' value column stays in
/// view, and the label columns' headers put "(95% interval)" on a line of
/// its own. (`scripts/report-check.sh` measures the page in Chromium at
/// 1200, 420 and 360 px.)
#[test]
fn every_table_is_in_a_box_that_scrolls_sideways() {
    let html = render(&load(folder(&scan_files()).path()).unwrap()).unwrap();
    let tables = html.matches("<table").count();
    assert_eq!(tables, 8, "summary, 2 groupings, 2 roles' terms, 1 role's exclusions, 2 roles' documents");
    for (at, _) in html.match_indices("<table") {
        let before = html[..at].trim_end();
        assert!(
            before.ends_with("<div class=\"scroll\">") || before.ends_with("(table)\">"),
            "a table outside a scroll box: {}",
            &html[at..at + 60]
        );
    }
    assert_eq!(
        html.matches("<div class=\"scroll\" tabindex=\"0\" role=\"region\"").count(),
        2,
        "the group tables"
    );
    assert!(html.contains(".scroll { overflow-x: auto;"));
    assert!(html.contains("table.groups tr > :first-child { position: sticky; left: 0;"));
    assert!(html.contains("director <span class=\"ci\">(95% interval)</span></th>"));
}

/// The page's style sheet.
fn css(html: &str) -> &str {
    &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()]
}

/// The declarations of the first rule for `selector` in `css`, a rule that
/// starts a line (indented or not).
fn css_rule<'a>(css: &'a str, selector: &str) -> &'a str {
    let head = format!("{selector} {{");
    let mut at = 0;
    for line in css.split_inclusive('\n') {
        if line.trim_start().starts_with(&head) {
            let rule = &css[at..];
            return &rule[rule.find('{').unwrap() + 1..rule.find('}').unwrap()];
        }
        at += line.len();
    }
    panic!("no rule for {selector}")
}

/// Regression (review of the report): on a phone (375 or 390 px) the page
/// was 401 px wide, and with `--people` 461 px at 420 px: the navigation
/// links are written with no space between them (`</a><a>`), one line that
/// could not wrap. The links are a flex box that wraps; and the other
/// things that held a minimum width (the options' pairs, 240 px; a word of
/// a fact's name, of a sample) give way in a window narrower than they.
/// (`scripts/report-check.sh` measures a report with `--people` at 1200,
/// 420 and 360 px in Chromium.)
#[test]
fn the_navigation_wraps_and_nothing_holds_the_page_wider_than_a_phone() {
    let mut files = scan_files();
    files.push(("people.csv", "name,role,mentions,documents\r\nAnn Lee,director,2,1\r\n"));
    let html = render(&load(folder(&files).path()).unwrap()).unwrap();
    let nav = &html[html.find("<nav>").unwrap()..html.find("</nav>").unwrap()];
    assert!(nav.contains("</a><a href=\"#people\">People</a><a"), "{nav}");
    let css = css(&html);
    let rule = css_rule(css, "nav");
    assert!(rule.contains("display: flex;") && rule.contains("flex-wrap: wrap;"), "nav {{{rule}}}");
    assert!(!css_rule(css, "nav a").contains("margin"), "the gap spaces the links");
    assert!(css_rule(css, "dl.options").contains("minmax(min(240px, 100%), 1fr)"));
    for selector in ["dl.facts dt", "dl.options dt", ".sample p"] {
        assert!(css_rule(css, selector).contains("overflow-wrap: anywhere;"), "{selector}");
    }
    let narrow = &css[css.find("@media (max-width: 700px)").unwrap()..];
    assert!(css_rule(narrow, "dl.facts").contains("grid-template-columns: minmax(0, 1fr);"));
}
