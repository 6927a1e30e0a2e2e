//! `rolecall report`: the page of a scan's output folder holds every figure
//! of `summary.csv` and `groups.csv`, loads nothing from elsewhere, and
//! escapes text and file names from the inputs. (`scripts/report-check.sh`
//! checks the same page in Chromium.)

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::util::{html_tags, read_csv, root, run_in, scan_in, stderr};

type Tag = (String, HashMap<String, String>);

/// Attributes by name.
type Attrs = HashMap<String, String>;

/// A group row of the page: the row's attributes, its cells' by label.
type GroupRow = (Attrs, HashMap<String, Attrs>);

/// Scans `inputs` in `dir` with `args` into `dir/out`, then reports it;
/// the page and its tags.
fn scan_and_report(dir: &Path, inputs: &[&str], args: &[&str]) -> (String, Vec<Tag>) {
    let mut all: Vec<&str> = inputs.to_vec();
    all.extend(args);
    let o = scan_in(dir, &all, dir.join("out"));
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    let o = run_in(dir, &["report", "out", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = fs::read_to_string(dir.join("out/report.html")).unwrap();
    let tags = html_tags(&html);
    (html, tags)
}

/// The group rows of the page: for each `<tr data-field data-value>`, its
/// attributes and the attributes of its `<td data-label>` cells by label.
fn group_rows(tags: &[Tag]) -> Vec<GroupRow> {
    let mut rows: Vec<GroupRow> = Vec::new();
    let mut open = false;
    for (name, attrs) in tags {
        match name.as_str() {
            "tr" => {
                open = attrs.contains_key("data-field") && attrs.contains_key("data-value");
                if open {
                    rows.push((attrs.clone(), HashMap::new()));
                }
            }
            "td" if open => {
                if let (Some(label), Some(row)) = (attrs.get("data-label"), rows.last_mut()) {
                    row.1.insert(label.clone(), attrs.clone());
                }
            }
            _ => {}
        }
    }
    rows
}

const LABELS: [&str; 4] = ["director", "producer", "both", "none"];

#[test]
fn the_page_has_every_figure_of_groups_csv_and_summary_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = root().join("corpus");
    let (_, tags) = scan_and_report(
        tmp.path(),
        &[corpus.to_str().unwrap()],
        &["--path-field", "kind=1", "--group-by", "kind"],
    );
    let out = tmp.path().join("out");

    let csv = read_csv(&out.join("groups.csv"));
    let page = group_rows(&tags);
    assert_eq!(page.len(), csv.len(), "one row per row of groups.csv");
    assert!(csv.iter().any(|r| r["field"] == "kind" && r["value"] == "credits"));
    for (want, (row, cells)) in csv.iter().zip(&page) {
        let key = format!("{}={}", want["field"], want["value"]);
        for (attr, col) in [
            ("data-field", "field"),
            ("data-value", "value"),
            ("data-documents", "documents"),
            ("data-sentences", "sentences"),
        ] {
            assert_eq!(row[attr], want[col], "{key} {col}");
        }
        for l in LABELS {
            let cell = &cells[l];
            assert_eq!(cell["data-count"], want[l], "{key} {l}");
            for part in ["share", "low", "high"] {
                assert_eq!(cell[&format!("data-{part}")], want[&format!("{l}_{part}")], "{key} {l}_{part}");
            }
        }
    }

    let summary = &read_csv(&out.join("summary.csv"))[0];
    let (_, table) = tags
        .iter()
        .find(|(n, a)| n == "table" && a.get("data-table").is_some_and(|t| t == "summary"))
        .unwrap();
    assert_eq!(table["data-documents"], summary["documents"]);
    assert_eq!(table["data-sentences"], summary["sentences"]);
    for l in LABELS {
        let (_, tr) =
            tags.iter().find(|(n, a)| n == "tr" && a.get("data-label").is_some_and(|x| x == l)).unwrap();
        assert_eq!(tr["data-count"], summary[l], "{l}");
        assert_eq!(tr["data-share"], summary[&format!("{l}_share")], "{l}");
    }
}

#[test]
fn the_page_loads_nothing_from_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = root().join("corpus");
    let (html, tags) = scan_and_report(tmp.path(), &[corpus.to_str().unwrap()], &["--period", "year"]);
    let csp = tags
        .iter()
        .find(|(n, a)| n == "meta" && a.get("http-equiv").is_some_and(|v| v == "Content-Security-Policy"));
    assert!(
        csp.is_some_and(|(_, a)| a["content"].starts_with("default-src 'none';")),
        "a policy that forbids loading"
    );
    for (name, attrs) in &tags {
        assert!(
            !["script", "link", "iframe", "object", "embed", "img", "base", "image", "use"]
                .contains(&name.as_str()),
            "<{name}>"
        );
        for (k, v) in attrs {
            if ["src", "href", "srcset", "poster", "data", "action", "xlink:href", "background"]
                .contains(&k.as_str())
            {
                assert!(v.starts_with('#'), "<{name} {k}={v:?}>: only links within the page");
            }
        }
    }
    assert!(!html.contains("url(") && !html.contains("@import"), "no style loads anything");
}

#[test]
fn text_and_file_names_from_the_inputs_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("in/<script>alert(1)<");
    fs::create_dir_all(&folder).unwrap();
    let file = "<img src=x onerror=alert(2)>.txt";
    fs::write(
        folder.join(file),
        "<script>alert(3)</script> Directed by Jane Campion, the film is luminous.\n\nThe producer \"onerror=alert(4)\" raised the budget.\n",
    )
    .unwrap();
    let (html, tags) =
        scan_and_report(tmp.path(), &["in"], &["--path-field", "kind=1", "--group-by", "kind"]);
    for (name, attrs) in &tags {
        assert!(!["script", "img"].contains(&name.as_str()), "<{name}> from the inputs");
        assert!(!attrs.keys().any(|k| k.starts_with("on")), "<{name} {attrs:?}>: an event handler");
    }
    // The text is there, escaped: decoded, the attributes give it back.
    let doc = format!("in/<script>alert(1)</{file}");
    assert!(tags.iter().any(|(_, a)| a.get("data-doc") == Some(&doc)), "{doc}");
    assert!(tags.iter().any(|(_, a)| a.get("data-value").is_some_and(|v| v == "<script>alert(1)<")));
    assert!(html.contains("&lt;script&gt;alert(3)&lt;&#x2f;script&gt;"));
    assert!(html.contains("&quot;onerror=alert(4)&quot;"));
}

#[test]
fn a_folder_that_is_not_a_scan_output_is_refused() {
    let o = run_in(&root(), &["report", "corpus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("corpus: not the output folder of a finished scan or merge (no summary.csv"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_report_in_the_output_folder_is_no_output_of_scan_or_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = root().join("corpus");
    scan_and_report(tmp.path(), &[corpus.to_str().unwrap()], &[]);
    // A report is no output of scan: the folder is still a shard that merge
    // takes, and an input folder holding it passes over it whole (its
    // report is no document).
    let o = run_in(tmp.path(), &["merge", "out", "--out", "total", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(tmp.path().join("note.txt"), "Directed by Ann.").unwrap();
    let o = scan_in(tmp.path(), &["."], tmp.path().join("again"));
    assert!(
        read_csv(&tmp.path().join("again/documents.csv")).iter().all(|d| !d["doc"].ends_with(".html")),
        "{}",
        stderr(&o)
    );
    // A rerun with --force replaces the outputs and removes the report of
    // the earlier run (it would describe that run), at its commit.
    assert!(tmp.path().join("out/report.html").is_file());
    let o = scan_in(tmp.path(), &[corpus.to_str().unwrap(), "--force"], tmp.path().join("out"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!tmp.path().join("out/report.html").exists());
}

/// `-o` takes the page's file path. A folder given instead was refused
/// with a message about an incomplete run and "run again with --force"
/// (report has no --force); `newdir/` wrote a file named `newdir`; a new
/// name without extension, meant as a folder, got an HTML file of that
/// name. Each is refused, saying -o takes a file path, and nothing is
/// written; a file path is taken, with or without a folder before it.
#[test]
fn report_output_that_names_a_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let corpus = root().join("corpus");
    let o = scan_in(d, &[corpus.to_str().unwrap()], d.join("out"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    fs::create_dir(d.join("pages")).unwrap();
    let cases = [
        ("out", "-o/--output out: a folder; -o takes the file path of the page, such as out/report.html"),
        (
            "pages/",
            "-o/--output pages/: a folder; -o takes the file path of the page, such as pages/report.html",
        ),
        (
            "newdir/",
            "-o/--output newdir/: ends with a slash (or a dot), so it names a folder, not a file; -o takes the \
             file path of the page, such as newdir/report.html (create the folder first",
        ),
        ("newdir/.", "-o/--output newdir/.: ends with a slash (or a dot), so it names a folder"),
        (
            "-",
            "-o/--output -: the page is written to a file, not to standard output; -o takes the file path of \
             the page, such as report.html",
        ),
        (
            "reports",
            "-o/--output reports: no such file or folder, and with no extension it looks like a folder; -o takes \
             the file path of the page, such as reports.html, or reports/report.html once the folder is there",
        ),
    ];
    for (path, said) in cases {
        let o = run_in(d, &["report", "out", "-o", path]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{path}: {err}");
        assert!(err.starts_with(&format!("rolecall: {said}")), "{path}: {err}");
        assert!(!err.contains("--force"), "{path}: {err}");
        assert!(!d.join("newdir").exists() && !d.join("reports").exists(), "{path}");
        assert!(!d.join("out/report.html").exists() && !d.join("pages/report.html").exists(), "{path}");
    }
    for path in ["page.html", "pages/report.html"] {
        let o = run_in(d, &["report", "out", "-o", path]);
        assert_eq!(o.status.code(), Some(0), "{path}: {}", stderr(&o));
        assert!(d.join(path).is_file(), "{path}");
    }
    // An earlier report is replaced, whatever its name.
    fs::copy(d.join("page.html"), d.join("plain")).unwrap();
    let o = run_in(d, &["report", "out", "-o", "plain", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fs::read_to_string(d.join("plain")).unwrap().starts_with("<!DOCTYPE html>"));
    // Found by a trial: any other file was replaced too, the scan's own
    // tables (`-o out/sentences.csv`) and inputs among them. It is left
    // as it is, and nothing is written.
    fs::write(d.join("notes.html"), "<!DOCTYPE html><p>mine</p>").unwrap();
    for path in ["out/sentences.csv", "out/run.json", "notes.html"] {
        let before = fs::read(d.join(path)).unwrap();
        let o = run_in(d, &["report", "out", "-o", path]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{path}: {err}");
        assert!(
            err.starts_with(&format!(
                "rolecall: -o/--output {path}: a file that is there and is not a report of rolecall, so it is left \
                 as it is (nothing written)"
            )),
            "{path}: {err}"
        );
        assert_eq!(fs::read(d.join(path)).unwrap(), before, "{path}");
    }
    assert!(!d.join("out/report.html").exists());
}

/// One of a thing is counted in the singular ("1 documents, 1 units").
#[test]
fn report_counts_one_in_the_singular() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("in")).unwrap();
    fs::write(tmp.path().join("in/a.txt"), "Directed by Ann Lee.").unwrap();
    let (html, _) = scan_and_report(tmp.path(), &["in"], &[]);
    assert!(html.contains("</strong>: 1 document, 1 unit</p>"), "{html}");
    assert!(html.contains("Share of the corpus's 1 unit per label"), "{html}");
    assert!(html.contains("From sentences.csv (1 row)"), "{html}");
}

#[test]
fn group_by_given_to_report_points_to_scan() {
    let o = run_in(&root(), &["report", "corpus", "--group-by", "outlet"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("report has no --group-by (found --group-by outlet)"), "{e}");
    assert!(e.contains("rolecall scan --group-by outlet"), "{e}");
}
