//! `rolecall report`: one self-contained HTML page built from a finished
//! scan's (or merge's) output folder.
//!
//! [`load()`] reads the folder into typed data ([`Outputs`]); [`render`]
//! turns that into a view model, draws the charts ([`charts`]: plotters'
//! SVG backend, inline SVG) and fills the page template
//! (`templates/report.html`, minijinja with HTML auto-escaping: every text
//! that comes from the data is escaped); [`write()`] writes the page
//! atomically ([`crate::output::commit_all`]).
//!
//! The page makes no request: no script, no external style sheet, font or
//! image, and a Content-Security-Policy that forbids any. Every figure of
//! `summary.csv` and `groups.csv` is in the page's markup too, in
//! `data-*` attributes formatted as in those files (`data-share="0.117241"`),
//! so a test can compare the page with the CSV files.
//!
//! Shares and their 95% intervals are recomputed from the counts with
//! [`crate::output::groups::wilson`], as `groups.csv` computes them.

pub mod charts;
pub mod load;

use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::error::Error;
use crate::output::groups::{Z95, wilson};
use crate::output::{AtomicFile, MONTH_RULE, RowOptions, UNRECORDED, commit_all};
pub use load::{Evidence, Outputs, load};

/// The report's file name in the output folder when no other path is given.
pub const REPORT_FILE: &str = crate::output::schema::REPORT;

/// The page template, compiled in.
const TEMPLATE: &str = include_str!("../../templates/report.html");

/// Terms listed per role (most hits first).
pub const TOP_TERMS: usize = 12;

/// Exclusion terms listed per role (most hits first).
pub const TOP_EXCLUSIONS: usize = 6;

/// Values of a grouping drawn in its chart (the table lists all).
pub const CHART_VALUES: usize = 30;

/// The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"),
/// safe for the common kinds of colour blindness: vermillion, blue,
/// reddish purple, bluish green, orange, sky blue, yellow; grey for `none`.
pub const PALETTE: [(u8, u8, u8); 7] = [
    (213, 94, 0),
    (0, 114, 178),
    (204, 121, 167),
    (0, 158, 115),
    (230, 159, 0),
    (86, 180, 233),
    (240, 228, 66),
];

/// The colour of `none`: Okabe–Ito's grey.
pub const NONE_COLOUR: (u8, u8, u8) = (153, 153, 153);

/// The colour of label `i` of `labels`: `none` grey, the others in
/// [`PALETTE`] order.
pub fn colour(labels: &[String], i: usize) -> (u8, u8, u8) {
    match labels.get(i).map(String::as_str) {
        Some("none") => NONE_COLOUR,
        _ => PALETTE[i % PALETTE.len()],
    }
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Reads the output folder `dir`, renders its report and writes it to
/// `out` (default `dir/report.html`), atomically: the page appears only
/// when whole. Returns the path written.
///
/// # Errors
/// `out` names a folder (one that is there, a path ending in `/` or `.`,
/// or a new path without an extension) or is `-` (the page is a file,
/// not standard output); `out` is a file there that is not a report of
/// rolecall (a table, an input: it is never replaced); its folder is missing or a file; `dir` is not
/// the output of a finished scan or merge; the page cannot be written.
pub fn write(dir: &Path, out: Option<&Path>) -> Result<PathBuf, Error> {
    if let Some(out) = out {
        check_page_path(out)?;
    }
    let outputs = load(dir)?;
    let html = render(&outputs)?;
    let path = out.map_or_else(|| dir.join(REPORT_FILE), Path::to_path_buf);
    let name = path.file_name().ok_or_else(|| {
        Error::Invalid(format!("{}: not a file name; give a path such as report.html", path.display()))
    })?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if parent.exists() && !parent.is_dir() {
        return Err(Error::Invalid(format!(
            "{}: a file, not a folder; give -o/--output a path in a folder, such as report.html",
            parent.display()
        )));
    }
    if !parent.is_dir() {
        return Err(Error::Invalid(format!(
            "{}: no such folder for the report; create it first or give another path",
            parent.display()
        )));
    }
    let mut file = AtomicFile::create(&parent, &name.to_string_lossy())?;
    file.write_all(html.as_bytes())?;
    commit_all([file])?;
    Ok(path)
}

/// Refuses an `-o` that names a folder: an existing one (the page's
/// rename onto it failed with a message about an incomplete run), a path
/// ending in a slash (`newdir/` wrote a file named `newdir`), or a path
/// that is not there and has no extension (`-o reports` meant as a folder
/// wrote an HTML file called `reports`); and `-`, which is no standard
/// output here (it was taken as a new path without an extension, with
/// `-.html` suggested).
fn check_page_path(out: &Path) -> Result<(), Error> {
    let sep = std::path::MAIN_SEPARATOR;
    let raw = out.as_os_str().to_string_lossy();
    let folder = raw.trim_end_matches(['/', sep]);
    let inside = Path::new(if folder.is_empty() { &*raw } else { folder }).join(REPORT_FILE);
    let ends_in_folder = raw.ends_with(['/', sep])
        || raw.ends_with("/.")
        || raw.ends_with(&format!("{sep}."))
        || matches!(out.components().next_back(), Some(Component::CurDir | Component::ParentDir));
    let (why, suggest) = if raw == "-" {
        (
            "the page is written to a file, not to standard output".to_string(),
            format!("such as report.html (default: {REPORT_FILE} in the output folder)"),
        )
    } else if out.is_dir() {
        ("a folder".to_string(), format!("such as {}", inside.display()))
    } else if ends_in_folder {
        (
            "ends with a slash (or a dot), so it names a folder, not a file".to_string(),
            format!("such as {} (create the folder first when it is not there)", inside.display()),
        )
    } else if out.symlink_metadata().is_err() && out.extension().is_none() {
        (
            "no such file or folder, and with no extension it looks like a folder".to_string(),
            format!("such as {raw}.html, or {} once the folder is there", inside.display()),
        )
    } else if out.is_file() && out.metadata().is_ok_and(|m| m.len() > 0) && !is_report(out) {
        // Found by a trial: `-o OUT/sentences.csv` replaced the scan's own
        // table with the page, exit 0, and the next report failed.
        (
            "a file that is there and is not a report of rolecall, so it is left as it is (nothing written)"
                .to_string(),
            "such as a new path ending in .html (an earlier report of rolecall is replaced)".to_string(),
        )
    } else {
        return Ok(());
    };
    Err(Error::Invalid(format!(
        "-o/--output {}: {why}; -o takes the file path of the page, {suggest}",
        out.display()
    )))
}

/// Whether the file at `path` is a page of `rolecall report`: its first
/// KiB holds the template's `<meta name="generator" content="rolecall`.
/// (An empty file, such as `mktemp` makes, is replaced too: the caller
/// checks.) A file that cannot be read is not a report.
fn is_report(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    let read = std::fs::File::open(path).and_then(|f| f.take(1024).read_to_end(&mut head));
    read.is_ok() && head.windows(GENERATOR.len()).any(|w| w == GENERATOR)
}

/// What [`is_report`] looks for (`templates/report.html` writes it).
const GENERATOR: &[u8] = b"<meta name=\"generator\" content=\"rolecall ";

/// A share with its interval, formatted as in `groups.csv` (six decimals)
/// and for reading (percent).
#[derive(Debug, Clone, Serialize)]
struct Share {
    label: String,
    colour: String,
    count: u64,
    share: String,
    low: String,
    high: String,
    pct: String,
    low_pct: String,
    high_pct: String,
}

/// Share, low and high of `k` of `n` units, as numbers.
fn interval(k: u64, n: u64) -> (f64, f64, f64) {
    let share = if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let (low, high) = wilson(k, n, Z95);
    (share, low, high)
}

fn share(labels: &[String], i: usize, k: u64, n: u64) -> Share {
    let (s, l, h) = interval(k, n);
    // Shares under 1% are common outside film text: two significant digits
    // there, so a small interval does not read as 0.0–0.0.
    let pct = |x: f64| {
        let p = x * 100.0;
        match p {
            p if p == 0.0 || p >= 1.0 => format!("{p:.1}"),
            p if p >= 0.1 => format!("{p:.2}"),
            p => format!("{p:.3}"),
        }
    };
    Share {
        label: labels[i].clone(),
        colour: hex(colour(labels, i)),
        count: k,
        share: format!("{s:.6}"),
        low: format!("{l:.6}"),
        high: format!("{h:.6}"),
        pct: pct(s),
        low_pct: pct(l),
        high_pct: pct(h),
    }
}

/// The share of a group (or of the corpus): none for no units (0 of 0 is
/// no share), whose cells are empty in `groups.csv` and `summary.csv`
/// and say "n/a" here.
fn group_share(labels: &[String], i: usize, k: u64, n: u64) -> Share {
    if n > 0 {
        return share(labels, i, k, n);
    }
    let none = String::new;
    Share {
        label: labels[i].clone(),
        colour: hex(colour(labels, i)),
        count: k,
        share: none(),
        low: none(),
        high: none(),
        pct: none(),
        low_pct: none(),
        high_pct: none(),
    }
}

/// A line of the run's facts: a name and its value in words, or (for a
/// list or a map of `run.json` that the page does not know) its items,
/// one per line.
#[derive(Debug, PartialEq, Eq, Serialize)]
struct Fact {
    name: String,
    value: String,
    items: Vec<String>,
}

impl Fact {
    fn new(name: impl Into<String>, value: impl Into<String>) -> Fact {
        Fact { name: name.into(), value: value.into(), items: Vec::new() }
    }
}

#[derive(Debug, Serialize)]
struct LabelView {
    name: String,
    colour: String,
}

#[derive(Debug, Serialize)]
struct GroupValue {
    value: String,
    documents: u64,
    sentences: u64,
    shares: Vec<Share>,
}

#[derive(Debug, Serialize)]
struct Grouping {
    field: String,
    period: bool,
    chart: String,
    note: Option<String>,
    rows: Vec<GroupValue>,
}

#[derive(Debug, Serialize)]
struct TermView {
    term: String,
    kind: String,
    hits: u64,
    documents: u64,
    counted: Option<u64>,
    not_counted: Option<u64>,
}

#[derive(Debug, Serialize)]
struct RoleTerms {
    role: String,
    colour: String,
    top: Vec<TermView>,
    exclusions: Vec<TermView>,
    chart: String,
}

#[derive(Debug, Serialize)]
struct DocView {
    doc: String,
    sentences: u64,
    count: u64,
    pct: String,
}

#[derive(Debug, Serialize)]
struct RolePeople {
    role: String,
    colour: String,
    people: Vec<load::PersonRow>,
}

#[derive(Debug, Serialize)]
struct RoleDocs {
    role: String,
    colour: String,
    docs: Vec<DocView>,
}

/// A piece of a sample's text: plain, or a matched term (`kind`:
/// `counted`, `not-counted` or `matched` when the folder does not say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The text, as in `sentences.csv`.
    pub text: String,
    /// Empty for plain text, else the kind of match.
    pub kind: String,
}

#[derive(Debug, Serialize)]
struct SampleView {
    doc: String,
    sentence: u64,
    start: u64,
    end: u64,
    label: String,
    colour: String,
    segments: Vec<Segment>,
    terms: Vec<String>,
    counted: Option<Vec<String>>,
    not_counted: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
struct View {
    title: String,
    dir: String,
    version: String,
    facts: Vec<Fact>,
    options: Vec<Fact>,
    notes: Vec<String>,
    labels: Vec<LabelView>,
    documents: u64,
    sentences: u64,
    corpus: Vec<Share>,
    corpus_chart: String,
    groupings: Vec<Grouping>,
    terms: Vec<RoleTerms>,
    evidence: Option<String>,
    top_documents: Vec<RoleDocs>,
    people: Option<Vec<RolePeople>>,
    samples: Vec<SampleView>,
    samples_marked: bool,
    sentence_rows: u64,
}

/// The report page of `outputs`, as HTML.
pub fn render(outputs: &Outputs) -> Result<String, Error> {
    let view = view(outputs)?;
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // Auto-escaping follows the name: `.html` escapes every value.
    env.add_template("report.html", TEMPLATE).map_err(template_error)?;
    let t = env.get_template("report.html").map_err(template_error)?;
    t.render(minijinja::Value::from(minijinja::value::Serde(&view))).map_err(template_error)
}

fn template_error(e: minijinja::Error) -> Error {
    Error::Invalid(format!("the report template (templates/report.html): {e}"))
}

fn view(o: &Outputs) -> Result<View, Error> {
    let labels = &o.labels;
    let n = o.summary.sentences;
    // A corpus of no units has no shares: "n/a", as a group of none.
    let corpus: Vec<Share> =
        o.summary.counts.iter().enumerate().map(|(i, &k)| group_share(labels, i, k, n)).collect();
    let bars: Vec<charts::Bar> = o
        .summary
        .counts
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let (s, l, h) = interval(k, n);
            charts::Bar { name: labels[i].clone(), colour: colour(labels, i), share: s, low: l, high: h }
        })
        .collect();
    // Nothing to draw without units (the page says so instead).
    let corpus_chart = if n == 0 { String::new() } else { charts::corpus_bars(&bars)? };
    let groupings = groupings(o)?;
    let terms = terms(o)?;
    let top_documents = o
        .top_documents
        .iter()
        .map(|(role, docs)| {
            let r = labels.iter().position(|l| l == role).unwrap_or(0);
            RoleDocs {
                role: role.clone(),
                colour: hex(colour(labels, r)),
                docs: docs
                    .iter()
                    .map(|d| DocView {
                        doc: d.doc.clone(),
                        sentences: d.sentences,
                        count: d.counts[r],
                        pct: format!("{:.0}", 100.0 * d.counts[r] as f64 / d.sentences.max(1) as f64),
                    })
                    .collect(),
            }
        })
        .collect();
    let samples = o
        .samples
        .iter()
        .map(|s| {
            let i = labels.iter().position(|l| *l == s.label).unwrap_or(0);
            SampleView {
                doc: s.doc.clone(),
                sentence: s.sentence,
                start: s.start,
                end: s.end,
                label: s.label.clone(),
                colour: hex(colour(labels, i)),
                segments: highlight(&s.text, &s.terms, s.counted.as_deref(), s.not_counted.as_deref()),
                terms: s.terms.clone(),
                counted: s.counted.clone(),
                not_counted: s.not_counted.clone(),
            }
        })
        .collect();
    let version = o.run.get("version").and_then(|v| v.as_str()).unwrap_or("?").to_string();
    Ok(View {
        title: format!("rolecall report: {}", o.dir.display()),
        dir: o.dir.display().to_string(),
        version,
        facts: facts(o),
        options: options(&o.run),
        notes: notes(&o.run),
        labels: labels
            .iter()
            .enumerate()
            .map(|(i, l)| LabelView { name: l.clone(), colour: hex(colour(labels, i)) })
            .collect(),
        documents: o.summary.documents,
        sentences: n,
        corpus,
        corpus_chart,
        groupings,
        terms,
        evidence: o.evidence.as_ref().map(|e| e.source.clone()),
        top_documents,
        people: o.people.as_ref().map(|per| {
            per.iter()
                .map(|(role, people)| {
                    let r = labels.iter().position(|l| l == role).unwrap_or(0);
                    RolePeople { role: role.clone(), colour: hex(colour(labels, r)), people: people.clone() }
                })
                .collect()
        }),
        samples_marked: o.samples.iter().any(|s| s.counted.is_some() || s.not_counted.is_some()),
        samples,
        sentence_rows: o.sentence_rows,
    })
}

/// The labels drawn in group charts: all but `none` (its share, mostly
/// large, would squeeze the others; the tables have it).
fn charted(labels: &[String]) -> Vec<usize> {
    (0..labels.len()).filter(|&i| labels[i] != "none").collect()
}

fn groupings(o: &Outputs) -> Result<Vec<Grouping>, Error> {
    let labels = &o.labels;
    let mut out: Vec<Grouping> = Vec::new();
    let mut start = 0;
    while start < o.groups.len() {
        let field = &o.groups[start].field;
        let len = o.groups[start..].iter().take_while(|g| &g.field == field).count();
        let rows = &o.groups[start..start + len];
        start += len;
        let period = field == "year" || field == "month";
        let values: Vec<GroupValue> = rows
            .iter()
            .map(|g| GroupValue {
                value: g.value.clone(),
                documents: g.documents,
                sentences: g.sentences,
                shares: g
                    .counts
                    .iter()
                    .enumerate()
                    .map(|(i, &k)| group_share(labels, i, k, g.sentences))
                    .collect(),
            })
            .collect();
        // Drawn: periods in time order without the empty value (no date);
        // other groupings, the values with most units, in file order; never
        // a group of no units (it has no share to draw).
        let mut drawn: Vec<&crate::report::load::GroupRow> =
            rows.iter().filter(|g| !(period && g.value.is_empty()) && g.sentences > 0).collect();
        let unitless = rows.iter().filter(|g| g.sentences == 0).count();
        let mut note = None;
        if !period && drawn.len() > CHART_VALUES {
            let mut idx: Vec<usize> = (0..drawn.len()).collect();
            idx.sort_by(|&a, &b| drawn[b].sentences.cmp(&drawn[a].sentences));
            idx.truncate(CHART_VALUES);
            idx.sort_unstable();
            drawn = idx.into_iter().map(|i| drawn[i]).collect();
            note = Some(format!(
                "The chart draws the {} values with most units of {}; the table lists all.",
                drawn.len(),
                rows.len()
            ));
        }
        if period && rows.iter().any(|g| g.value.is_empty()) {
            note = Some(if field == "month" {
                "Documents without a readable date, or dated by a year alone (in no month): the empty value, \
                 in the table, not the chart."
                    .into()
            } else {
                "Documents without a readable date (the empty value) are in the table, not the chart.".into()
            });
        }
        if unitless > 0 {
            let said = format!(
                "{unitless} {} of no units (documents without text) {} no share (n/a): in the table, not the chart.",
                if unitless == 1 { "group" } else { "groups" },
                if unitless == 1 { "has" } else { "have" },
            );
            note = Some(match note {
                Some(n) => format!("{n} {said}"),
                None => said,
            });
        }
        let series: Vec<charts::Series> = charted(labels)
            .into_iter()
            .map(|i| charts::Series {
                name: labels[i].clone(),
                colour: colour(labels, i),
                points: drawn.iter().map(|g| interval(g.counts[i], g.sentences)).collect(),
            })
            .collect();
        let names: Vec<String> = drawn.iter().map(|g| shown_value(&g.value)).collect();
        let chart = if drawn.is_empty() {
            String::new()
        } else if period {
            charts::period_lines(field, &names, &series)?
        } else {
            charts::group_bars(field, &names, &series)?
        };
        out.push(Grouping { field: field.clone(), period, chart, note, rows: values });
    }
    Ok(out)
}

/// A group value as shown: the empty value named.
fn shown_value(v: &str) -> String {
    if v.is_empty() { "(none)".into() } else { v.to_string() }
}

fn terms(o: &Outputs) -> Result<Vec<RoleTerms>, Error> {
    let labels = &o.labels;
    let mut out = Vec::new();
    for (r, role) in labels.iter().enumerate().filter(|(_, l)| *l != "both" && *l != "none") {
        let pick = |exclude: bool, max: usize| -> Vec<TermView> {
            let mut v: Vec<&load::TermRow> = o
                .terms
                .iter()
                .filter(|t| &t.role == role && t.hits > 0 && (t.kind == "exclude") == exclude)
                .collect();
            v.sort_by(|a, b| b.hits.cmp(&a.hits).then(b.documents.cmp(&a.documents)));
            v.truncate(max);
            v.into_iter()
                .map(|t| {
                    let ev = o.evidence.as_ref().and_then(|e| e.get(role, &t.term));
                    TermView {
                        term: t.term.clone(),
                        kind: t.kind.clone(),
                        hits: t.hits,
                        documents: t.documents,
                        counted: o.evidence.as_ref().map(|_| ev.map_or(0, |e| e.0)),
                        not_counted: o.evidence.as_ref().map(|_| ev.map_or(0, |e| e.1)),
                    }
                })
                .collect()
        };
        let top = pick(false, TOP_TERMS);
        let exclusions = pick(true, TOP_EXCLUSIONS);
        let bars: Vec<(String, u64)> = top.iter().map(|t| (t.term.clone(), t.hits)).collect();
        let chart =
            if bars.is_empty() { String::new() } else { charts::term_bars(role, colour(labels, r), &bars)? };
        out.push(RoleTerms { role: role.clone(), colour: hex(colour(labels, r)), top, exclusions, chart });
    }
    Ok(out)
}

fn facts(o: &Outputs) -> Vec<Fact> {
    let run = &o.run;
    let num = |k: &str| run.get(k).and_then(serde_json::Value::as_u64);
    let mut f = Vec::new();
    let mut fact = |name: &str, value: String| f.push(Fact::new(name, value));
    fact("Output folder", o.dir.display().to_string());
    if let Some(v) = run.get("version").and_then(|v| v.as_str()) {
        fact("rolecall version", v.to_string());
    }
    if let Some(t) = o.written.and_then(|w| jiff::Timestamp::try_from(w).ok()) {
        fact("Finished", t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string());
    }
    if let Some(n) = num("shards") {
        fact("Shards merged", n.to_string());
    }
    if let Some(n) = num("inputs") {
        fact("Inputs listed", n.to_string());
    }
    let s = &o.summary;
    let repaired = num("documents_repaired").map(|r| format!(", {r} repaired")).unwrap_or_default();
    fact("Documents", format!("{} tagged, {} skipped{repaired}", s.documents, s.documents_skipped));
    fact("Documents about film (about_film)", o.film_documents.to_string());
    fact("Units (sentences, credit lines, headings)", s.sentences.to_string());
    fact("Bytes", s.bytes.to_string());
    let roles = o.roles();
    let per_role: Vec<String> = roles
        .iter()
        .map(|r| {
            let of =
                |ex: bool| o.terms.iter().filter(|t| &t.role == r && (t.kind == "exclude") == ex).count();
            format!("{r} {} (and {} exclusions)", of(false), of(true))
        })
        .collect();
    fact("Lexicon terms", format!("{}: {}", o.terms.len(), per_role.join(", ")));
    if let Some(v) = run.get("lexicon") {
        fact("Lexicon (SHA-256 of its terms and rules)", in_words(v));
    }
    if !o.document_fields.is_empty() {
        fact("Document fields kept", o.document_fields.join(", "));
    }
    if let Some(t) = num("threads") {
        fact("Threads", t.to_string());
    }
    if let Some(e) = run.get("elapsed_seconds").and_then(serde_json::Value::as_f64) {
        let rate = run.get("mb_per_second").and_then(serde_json::Value::as_f64).unwrap_or(0.0);
        fact("Time taken", format!("{e:.2} s ({rate:.1} MB/s)"));
    }
    if let Some(b) = num("peak_rss_bytes") {
        fact("Peak memory", format!("{:.1} MB", b as f64 / 1e6));
    }
    // The other figures of run.json: those this version writes named in
    // words (with their key), any a later rolecall adds under their key;
    // options and notes have lists of their own.
    const SHOWN: [&str; 15] = [
        "version",
        "lexicon",
        "shards",
        "inputs",
        "documents",
        "documents_skipped",
        "documents_repaired",
        "bytes",
        "sentences",
        "threads",
        "elapsed_seconds",
        "mb_per_second",
        "peak_rss_bytes",
        "options",
        "notes",
    ];
    for (k, v) in run.iter().filter(|(k, _)| !SHOWN.contains(&k.as_str())) {
        let name = match k.as_str() {
            "encoding" => "Input encoding (--encoding)".to_string(),
            "dates_unread" => "Dates not read (dates_unread)".to_string(),
            "dates_year_only" => "Dates of a year alone, in no month (dates_year_only)".to_string(),
            "path_fields_empty" => "Inputs with an empty --path-field (path_fields_empty)".to_string(),
            "mentions" => "People mentions, name and role (mentions)".to_string(),
            "people" => "Distinct name–role pairs (people)".to_string(),
            _ => k.clone(),
        };
        f.push(readable(name, v));
    }
    f
}

/// `run.json`'s `options`, the options that changed the rows, each by its
/// name on the command line with its value in words (as `merge` names
/// them), in the order of `scan --help`; keys that this version does not
/// know (a later one's) follow under their own names.
fn options(run: &serde_json::Map<String, serde_json::Value>) -> Vec<Fact> {
    let Some(serde_json::Value::Object(map)) = run.get("options") else {
        return Vec::new();
    };
    let Ok(known) = serde_json::from_value::<RowOptions>(serde_json::Value::Object(map.clone())) else {
        // Not of a shape this version reads: each key as it is, in words.
        return map.iter().map(|(k, v)| readable(k.clone(), v)).collect();
    };
    let mut out: Vec<Fact> = known
        .named()
        .into_iter()
        .filter(|(name, _)| *name != "--date-field" || known.period.is_some())
        .filter(|(name, _)| *name != "--delimiter" || known.delimiter.is_some())
        .map(|(name, value)| {
            let value = match (name, value.as_str()) {
                (_, "") => "(none)".to_string(),
                ("--period", "(none)") => "off".to_string(),
                ("--group-by", _) => value.replace(',', ", "),
                ("--path-field", _) if value != UNRECORDED => value.replace(',', ", "),
                _ => value,
            };
            Fact::new(name, value)
        })
        .collect();
    if let Some(rule) = &known.period_rule {
        let said = if rule == MONTH_RULE {
            format!("in no month, counted under the empty month ({rule})")
        } else {
            rule.clone()
        };
        out.push(Fact::new("--period month: a date that is a year alone (2019)", said));
    }
    let recorded = serde_json::to_value(&known).ok();
    let is_known = |k: &str| {
        ["period_rule", "date_field", "path_field"].contains(&k)
            || recorded.as_ref().is_some_and(|r| r.get(k).is_some())
    };
    out.extend(map.iter().filter(|(k, _)| !is_known(k)).map(|(k, v)| readable(k.clone(), v)));
    out
}

/// `run.json`'s `notes`: what the run said on standard error, one each.
fn notes(run: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    match run.get("notes") {
        Some(serde_json::Value::Array(notes)) => notes.iter().map(in_words).collect(),
        Some(serde_json::Value::Null) | None => Vec::new(),
        Some(other) => vec![in_words(other)],
    }
}

/// A value of `run.json` as a fact: a list's items and a map's `key: value`
/// pairs one per line, anything else in words ([`in_words`]).
fn readable(name: String, v: &serde_json::Value) -> Fact {
    match v {
        serde_json::Value::Array(items) if !items.is_empty() => {
            Fact { name, value: String::new(), items: items.iter().map(in_words).collect() }
        }
        serde_json::Value::Object(map) if !map.is_empty() => Fact {
            name,
            value: String::new(),
            items: map.iter().map(|(k, v)| format!("{k}: {}", in_words(v))).collect(),
        },
        v => Fact::new(name, in_words(v)),
    }
}

/// A JSON value in words: a string as it is, `true`/`false` as on/off,
/// `null` and empty lists and maps as "(none)", a list's items joined by commas;
/// only what nests deeper stays JSON.
fn in_words(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "on" } else { "off" }.to_string(),
        Value::Null => "(none)".to_string(),
        Value::Array(a) if a.is_empty() => "(none)".to_string(),
        Value::Object(m) if m.is_empty() => "(none)".to_string(),
        Value::Array(a) if a.iter().all(|i| !i.is_array() && !i.is_object()) => {
            a.iter().map(in_words).collect::<Vec<_>>().join(", ")
        }
        Value::Number(n) => n.to_string(),
        v => v.to_string(),
    }
}

/// Cuts `text` into plain pieces and the places where one of `terms`
/// occurs (ASCII case ignored, whole words, the longest term first), each
/// marked `counted` or `not-counted` when the lists say, else `matched`.
pub fn highlight(
    text: &str,
    terms: &[String],
    counted: Option<&[String]>,
    not_counted: Option<&[String]>,
) -> Vec<Segment> {
    let mut sorted: Vec<&str> = terms.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
    sorted.sort_by_key(|t| std::cmp::Reverse(t.len()));
    sorted.dedup();
    let has = |list: Option<&[String]>, t: &str| {
        list.is_some_and(|l| l.iter().any(|i| load_term(i).eq_ignore_ascii_case(t)))
    };
    let kind = |t: &str| {
        if has(counted, t) {
            "counted"
        } else if has(not_counted, t) {
            "not-counted"
        } else {
            "matched"
        }
    };
    let bytes = text.as_bytes();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = Vec::new();
    let mut plain = 0;
    let mut i = 0;
    while i < text.len() {
        let before = text[..i].chars().next_back();
        let found = (!word(before))
            .then(|| {
                sorted.iter().find(|t| {
                    let end = i + t.len();
                    end <= text.len()
                        && text.is_char_boundary(end)
                        && bytes[i..end].eq_ignore_ascii_case(t.as_bytes())
                        && !word(text[end..].chars().next())
                })
            })
            .flatten();
        match found {
            Some(t) => {
                if plain < i {
                    out.push(Segment { text: text[plain..i].to_string(), kind: String::new() });
                }
                let end = i + t.len();
                out.push(Segment { text: text[i..end].to_string(), kind: kind(t).to_string() });
                i = end;
                plain = end;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain < text.len() {
        out.push(Segment { text: text[plain..].to_string(), kind: String::new() });
    }
    out
}

/// The term of a `counted`/`not_counted` item (before a `:reason`).
fn load_term(item: &str) -> &str {
    item.split_once(':').map_or(item, |(t, _)| t).trim()
}

#[cfg(test)]
mod tests;
