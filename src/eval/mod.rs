//! Measuring tags against a hand-labelled gold file.
//!
//! [`evaluate`] tags each gold row's text as one unit and compares the label
//! with the gold one: per-label precision, recall and F1, accuracy,
//! macro-F1 (the mean F1 over all labels) and the confusion matrix. The
//! figures can be printed as a table ([`Evaluation::table`]) and written as
//! CSV ([`write_outputs`]): `eval.csv` with the figures, `mistakes.csv` with
//! every miss and the terms behind it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::rc::Rc;

use crate::error::Error;
use crate::output::{AtomicFile, csv_bytes};
use crate::tag::{self, Label, TaggedDoc, Tagger};
use crate::text::span::Span;

/// Which columns of the gold CSV hold the text and the label.
#[derive(Debug, Clone)]
pub struct GoldColumns {
    /// The text column (default `text`).
    pub text: String,
    /// The label column (default `label`).
    pub label: String,
}

impl Default for GoldColumns {
    fn default() -> Self {
        GoldColumns { text: "text".into(), label: "label".into() }
    }
}

/// One gold row.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldRow {
    /// The row's `id` column, or its line number when the file has none.
    pub id: String,
    /// The row's `source` column (the stratum it was drawn from), or empty.
    pub source: String,
    /// The row's `ref` column, where it is in its source document (see
    /// [`DocRef`]), or `None`.
    pub reference: Option<String>,
    /// The text, tagged as one unit.
    pub text: String,
    /// Its hand label.
    pub label: Label,
}

/// Reads a gold CSV file. The label column is required, and the text
/// column unless the file has a `ref` column (then [`fill_texts`] takes the
/// texts from the documents); `id`, `source` and `ref` are read when present.
///
/// Errors: the file cannot be read, a required column is missing (the
/// message lists the columns found), or a label is not one of the
/// tagger's (the message gives the line).
pub fn read_gold(path: &Path, cols: &GoldColumns, tagger: &Tagger) -> Result<Vec<GoldRow>, Error> {
    let mut rdr = csv::Reader::from_path(path).map_err(|e| Error::csv(path, e))?;
    let headers = rdr.headers().map_err(|e| Error::csv(path, e))?.clone();
    let position = |name: &str| headers.iter().position(|h| h == name);
    let find = |name: &str| {
        position(name).ok_or_else(|| {
            Error::Invalid(format!(
                "{}: no column {name:?} (columns: {})",
                path.display(),
                headers.iter().collect::<Vec<_>>().join(", ")
            ))
        })
    };
    let (ii, si, ri) = (position("id"), position("source"), position("ref"));
    // Without a text column the rows' texts come from their refs later
    // (`fill_texts`); a file with neither cannot be measured.
    let ti = match (position(&cols.text), ri) {
        (Some(t), _) => Some(t),
        (None, Some(_)) => None,
        (None, None) => Some(find(&cols.text)?),
    };
    let li = find(&cols.label)?;
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| Error::csv(path, e))?;
        let line = rec.position().map_or(0, |p| p.line());
        let raw = rec.get(li).unwrap_or("");
        let label = tag::parse_label(raw, tagger.lexicon()).ok_or_else(|| {
            Error::Invalid(format!(
                "{}:{line}: unknown label {raw:?} (expected one of {})",
                path.display(),
                tag::label_names(tagger.lexicon()).join(", ")
            ))
        })?;
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").to_string();
        let id = ii.map_or_else(|| format!("line {line}"), |_| get(ii));
        let reference = Some(get(ri)).filter(|r| !r.is_empty());
        rows.push(GoldRow { id, source: get(si), reference, text: get(ti), label });
    }
    Ok(rows)
}

/// `s` with white-space runs collapsed and the ends trimmed, as units are
/// written to CSV (and as the gold files hold their texts).
fn collapsed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::text::normalize::collapse_whitespace_into(s, &mut out);
    out
}

/// Gives every row without a text the text its `ref` points to, white
/// space collapsed (a gold file may hold refs and labels only, so that it
/// quotes nothing of the documents). Returns `(id, problem)` for each row
/// whose text could not be found; those keep an empty text.
pub fn fill_texts(rows: &mut [GoldRow], docs: &mut Documents) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    for row in rows.iter_mut().filter(|r| r.text.is_empty()) {
        let found = match row.reference.as_deref() {
            None => Err("no text and no ref".to_string()),
            Some(r) => DocRef::parse(r).and_then(|r| docs.locate(&r)),
        };
        match found {
            Ok((text, span)) => row.text = collapsed(&text[span.range()]),
            Err(p) => problems.push((row.id.clone(), p)),
        }
    }
    problems
}

/// Where a gold row sits in its source document: `PATH[#RECORD:FIELD]@START-END`,
/// relative to a data folder (the format of `../shared/eval/README.md`).
///
/// - `PATH@S-E`: characters (Unicode scalar values, not bytes) `S..E` of
///   the file decoded as UTF-8, invalid bytes replaced with U+FFFD;
/// - `PATH#I:FIELD@S-E` for a `.json` file: characters `S..E` of field
///   FIELD of element I (0-based) of the top-level JSON array;
/// - `PATH#I:FIELD@S-E` for a delimited file (`.csv`; tab-separated without
///   quoting when its header line holds a tab): row I, the header being row
///   0, column FIELD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    /// File path relative to the data folder.
    pub path: String,
    /// Record index and field name, for JSON arrays and delimited files.
    pub record: Option<(usize, String)>,
    /// Start and end in characters of the document's text.
    pub chars: (usize, usize),
}

impl DocRef {
    /// Parses a `ref` value.
    ///
    /// ```
    /// use rolecall::eval::DocRef;
    /// let r = DocRef::parse("movies.json#12:extract@0-40").unwrap();
    /// assert_eq!((r.path.as_str(), r.record, r.chars), ("movies.json", Some((12, "extract".to_string())), (0, 40)));
    /// assert!(DocRef::parse("news/1.txt@5").is_err());
    /// ```
    ///
    /// Errors: a message saying which part is missing or not a number.
    pub fn parse(s: &str) -> Result<DocRef, String> {
        let (loc, range) = s.rsplit_once('@').ok_or_else(|| format!("ref {s:?} has no @START-END"))?;
        let (a, b) =
            range.split_once('-').ok_or_else(|| format!("ref {s:?}: range {range:?} is not START-END"))?;
        let num = |x: &str| x.parse::<usize>().map_err(|_| format!("ref {s:?}: {x:?} is not a number"));
        let chars = (num(a)?, num(b)?);
        if chars.0 > chars.1 {
            return Err(format!("ref {s:?}: start after end"));
        }
        let (path, record) = match loc.split_once('#') {
            None => (loc.to_string(), None),
            Some((p, rec)) => {
                let (i, field) =
                    rec.split_once(':').ok_or_else(|| format!("ref {s:?}: record {rec:?} is not I:FIELD"))?;
                (p.to_string(), Some((num(i)?, field.to_string())))
            }
        };
        Ok(DocRef { path, record, chars })
    }
}

/// Source documents under a data folder, each file read once.
#[derive(Debug)]
pub struct Documents {
    root: std::path::PathBuf,
    files: HashMap<String, Rc<Source>>,
}

#[derive(Debug)]
enum Source {
    Text(Rc<str>),
    Array(Vec<serde_json::Value>),
    Table { header: Vec<String>, rows: Vec<Vec<String>> },
}

impl Documents {
    /// Documents found under `root`.
    pub fn new(root: &Path) -> Documents {
        Documents { root: root.to_path_buf(), files: HashMap::new() }
    }

    /// The text of the document `r` points into, and the byte span of its
    /// `S..E` characters in that text.
    ///
    /// Errors: the file cannot be read or parsed, the record or field is
    /// not there, or the range lies past the document's end.
    pub fn locate(&mut self, r: &DocRef) -> Result<(Rc<str>, Span), String> {
        let src = self.load(&r.path, r.record.is_some())?;
        let text: Rc<str> = match (&*src, &r.record) {
            (Source::Text(t), None) => Rc::clone(t),
            (Source::Array(items), Some((i, field))) => {
                let item = items.get(*i).ok_or_else(|| format!("{}: no element {i}", r.path))?;
                let v = field.split('.').try_fold(item, |v, k| v.get(k));
                let s = v
                    .and_then(|v| v.as_str())
                    .ok_or_else(|| format!("{}#{i}: no text field {field:?}", r.path))?;
                Rc::from(s)
            }
            (Source::Table { header, rows }, Some((i, field))) => {
                let col = header
                    .iter()
                    .position(|h| h == field)
                    .ok_or_else(|| format!("{}: no column {field:?}", r.path))?;
                let row = i
                    .checked_sub(1)
                    .and_then(|k| rows.get(k))
                    .ok_or_else(|| format!("{}: no row {i}", r.path))?;
                let cell =
                    row.get(col).ok_or_else(|| format!("{}: row {i} has no column {field:?}", r.path))?;
                Rc::from(cell.as_str())
            }
            _ => return Err(format!("{}: a record index is needed for this file, or not allowed", r.path)),
        };
        let byte = |c: usize| {
            if c == 0 { Some(0) } else { text.char_indices().map(|(b, _)| b).chain([text.len()]).nth(c) }
        };
        let (Some(s), Some(e)) = (byte(r.chars.0), byte(r.chars.1)) else {
            return Err(format!("{}: range {}-{} is past the text's end", r.path, r.chars.0, r.chars.1));
        };
        Ok((text, Span::new(s, e)))
    }

    fn load(&mut self, path: &str, records: bool) -> Result<Rc<Source>, String> {
        // A file read as records and as plain text are two sources.
        let key = format!("{}{path}", if records { "#" } else { "@" });
        if let Some(s) = self.files.get(&key) {
            return Ok(Rc::clone(s));
        }
        // Only files under the data folder: no absolute path, no `..`.
        let rel = Path::new(path);
        if !rel.components().all(|c| matches!(c, std::path::Component::Normal(_))) {
            return Err(format!("{path}: not a path inside the data folder (no absolute path, no `..`)"));
        }
        let full = self.root.join(rel);
        let bytes = std::fs::read(&full).map_err(|e| format!("{}: {e}", full.display()))?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let src = if !records {
            Source::Text(Rc::from(text))
        } else if path.ends_with(".json") {
            let v: Vec<serde_json::Value> = serde_json::from_str(&text)
                .map_err(|e| format!("{}: not a JSON array ({e})", full.display()))?;
            Source::Array(v)
        } else {
            let tabs = text.lines().next().is_some_and(|l| l.contains('\t'));
            let mut rdr = csv::ReaderBuilder::new()
                .delimiter(if tabs { b'\t' } else { b',' })
                .quoting(!tabs)
                .flexible(true)
                .has_headers(false)
                .from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for rec in rdr.records() {
                let rec = rec.map_err(|e| format!("{}: {e}", full.display()))?;
                rows.push(rec.iter().map(String::from).collect::<Vec<_>>());
            }
            if rows.is_empty() {
                return Err(format!("{}: no header row", full.display()));
            }
            let header = rows.remove(0);
            Source::Table { header, rows }
        };
        let src = Rc::new(src);
        self.files.insert(key, Rc::clone(&src));
        Ok(src)
    }
}

/// One evaluated row.
#[derive(Debug, Clone)]
pub struct Judged {
    /// The gold row.
    pub gold: GoldRow,
    /// What rolecall said.
    pub predicted: Label,
    /// The matched terms, `;`-separated.
    pub terms: String,
}

/// How each gold row was tagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The row's text alone, as one unit.
    Alone,
    /// The row's whole source document, cut into units as `scan` cuts it;
    /// the row's label is the union of the roles of the units that overlap
    /// its span.
    InDocument,
}

impl View {
    /// `alone` or `in_document`.
    pub fn name(self) -> &'static str {
        match self {
            View::Alone => "alone",
            View::InDocument => "in_document",
        }
    }
}

/// The figures of one evaluation.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// How the rows were tagged.
    pub view: View,
    /// Label names, in matrix order.
    pub labels: Vec<String>,
    /// `confusion[gold][predicted]`.
    pub confusion: Vec<Vec<u64>>,
    /// Every row, judged.
    pub rows: Vec<Judged>,
    /// Rows left out (in-document view only): `(id, problem)` for rows
    /// without a `ref` or whose document could not be found.
    pub left_out: Vec<(String, String)>,
    /// Rows whose text differs from their span in the document after white
    /// space is folded (in-document view only): the `ref` may be off.
    pub text_differs: Vec<String>,
}

/// Precision, recall, F1 and support of one label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Of the rows predicted with the label, the share that have it.
    pub precision: f64,
    /// Of the rows that have the label, the share predicted with it.
    pub recall: f64,
    /// Harmonic mean of the two (0 when both are 0).
    pub f1: f64,
    /// Rows that have the label.
    pub support: u64,
}

impl Evaluation {
    fn new(view: View, tagger: &Tagger) -> Evaluation {
        let labels = tag::label_names(tagger.lexicon());
        let confusion = vec![vec![0u64; labels.len()]; labels.len()];
        Evaluation {
            view,
            labels,
            confusion,
            rows: Vec::new(),
            left_out: Vec::new(),
            text_differs: Vec::new(),
        }
    }

    fn judge(&mut self, gold: GoldRow, predicted: Label, terms: String) {
        let n_roles = self.labels.len() - 2;
        self.confusion[gold.label.index(n_roles)][predicted.index(n_roles)] += 1;
        self.rows.push(Judged { gold, predicted, terms });
    }
}

/// Tags every gold row's text alone, as one unit.
pub fn evaluate(rows: Vec<GoldRow>, tagger: &Tagger) -> Evaluation {
    let lex = tagger.lexicon();
    let mut ev = Evaluation::new(View::Alone, tagger);
    let mut scratch = tag::Scratch::default();
    let mut doc = TaggedDoc::default();
    for gold in rows {
        let span = Span::new(0, gold.text.len());
        tagger.tag_units(&gold.text, &[span], &mut scratch, &mut doc);
        let predicted = doc.units[0].label;
        let terms: Vec<&str> = doc.matches.iter().map(|m| lex.term(m.term).text.as_str()).collect();
        ev.judge(gold, predicted, terms.join(";"));
    }
    ev
}

/// Tags every gold row inside its source document (see [`View::InDocument`]),
/// found through its `ref` under `docs`. Rows without a usable `ref` are
/// left out of the figures and listed in [`Evaluation::left_out`].
pub fn evaluate_in_documents(rows: Vec<GoldRow>, tagger: &Tagger, docs: &mut Documents) -> Evaluation {
    let lex = tagger.lexicon();
    let mut ev = Evaluation::new(View::InDocument, tagger);
    let mut scratch = tag::Scratch::default();
    let mut doc = TaggedDoc::default();
    for gold in rows {
        let located = match gold.reference.as_deref() {
            None => Err("no ref".to_string()),
            Some(r) => DocRef::parse(r).and_then(|r| docs.locate(&r)),
        };
        let (text, span) = match located {
            Ok(x) => x,
            Err(problem) => {
                ev.left_out.push((gold.id.clone(), problem));
                continue;
            }
        };
        if collapsed(&text[span.range()]) != collapsed(&gold.text) {
            ev.text_differs.push(gold.id.clone());
        }
        tagger.tag(&text, &mut scratch, &mut doc);
        let (mut roles, mut both) = (Vec::new(), false);
        let mut terms = Vec::new();
        for (u, unit) in doc.units.iter().enumerate() {
            if unit.span.end <= span.start || unit.span.start >= span.end {
                continue;
            }
            match unit.label {
                Label::Role(r) if !roles.contains(&r) => roles.push(r),
                Label::Both => both = true,
                _ => {}
            }
            terms.extend(doc.matches_of(u).iter().map(|m| lex.term(m.term).text.as_str()));
        }
        let predicted = match (both, roles.as_slice()) {
            (true, _) | (false, [_, _, ..]) => Label::Both,
            (false, [r]) => Label::Role(*r),
            (false, []) => Label::None,
        };
        ev.judge(gold, predicted, terms.join(";"));
    }
    ev
}

/// Accuracy per `source` value, over both views: `(source, rows, alone
/// accuracy, in-document accuracy)`, sorted by source; the in-document
/// figure is `None` where no row of the source could be placed.
pub fn per_source(alone: &Evaluation, in_doc: Option<&Evaluation>) -> Vec<(String, usize, f64, Option<f64>)> {
    let tally = |ev: &Evaluation| {
        let mut m: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for r in &ev.rows {
            let e = m.entry(r.gold.source.clone()).or_default();
            e.0 += 1;
            e.1 += usize::from(r.predicted == r.gold.label);
        }
        m
    };
    let a = tally(alone);
    let d = in_doc.map(tally).unwrap_or_default();
    a.into_iter()
        .map(|(s, (n, right))| {
            let doc = d.get(&s).filter(|x| x.0 > 0).map(|x| x.1 as f64 / x.0 as f64);
            (s, n, right as f64 / n as f64, doc)
        })
        .collect()
}

impl Evaluation {
    /// Scores of label `i`.
    pub fn scores(&self, i: usize) -> Scores {
        let tp = self.confusion[i][i] as f64;
        let predicted: u64 = self.confusion.iter().map(|row| row[i]).sum();
        let support: u64 = self.confusion[i].iter().sum();
        let precision = if predicted == 0 { 0.0 } else { tp / predicted as f64 };
        let recall = if support == 0 { 0.0 } else { tp / support as f64 };
        let f1 =
            if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Scores { precision, recall, f1, support }
    }

    /// Share of rows labelled right.
    pub fn accuracy(&self) -> f64 {
        let total: u64 = self.confusion.iter().flatten().sum();
        let right: u64 = (0..self.labels.len()).map(|i| self.confusion[i][i]).sum();
        if total == 0 { 0.0 } else { right as f64 / total as f64 }
    }

    /// Mean F1 over all labels.
    pub fn macro_f1(&self) -> f64 {
        let n = self.labels.len();
        (0..n).map(|i| self.scores(i).f1).sum::<f64>() / n as f64
    }

    /// The figures as a readable table.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let w = self.labels.iter().map(String::len).max().unwrap_or(5).max(9);
        let title = match self.view {
            View::Alone => "each row tagged alone",
            View::InDocument => "each row tagged inside its source document",
        };
        let _ = writeln!(s, "{title}\n");
        let _ =
            writeln!(s, "{:w$}  {:>9}  {:>6}  {:>6}  {:>7}", "label", "precision", "recall", "F1", "support");
        for (i, l) in self.labels.iter().enumerate() {
            let sc = self.scores(i);
            let _ = writeln!(
                s,
                "{l:w$}  {:>9.3}  {:>6.3}  {:>6.3}  {:>7}",
                sc.precision, sc.recall, sc.f1, sc.support
            );
        }
        let _ = writeln!(
            s,
            "\naccuracy  {:.3}   macro-F1  {:.3}   rows {}",
            self.accuracy(),
            self.macro_f1(),
            self.rows.len()
        );
        let _ = writeln!(s, "\nconfusion (rows: gold, columns: predicted)");
        let _ = write!(s, "{:w$}", "");
        for l in &self.labels {
            let _ = write!(s, "  {l:>9}");
        }
        s.push('\n');
        for (i, l) in self.labels.iter().enumerate() {
            let _ = write!(s, "{l:w$}");
            for n in &self.confusion[i] {
                let _ = write!(s, "  {n:>9}");
            }
            s.push('\n');
        }
        s
    }
}

/// The [`per_source`] figures as a readable table, or `None` when the rows
/// have no `source` values.
pub fn source_table(alone: &Evaluation, in_doc: Option<&Evaluation>) -> Option<String> {
    let sources = per_source(alone, in_doc);
    if sources.iter().all(|s| s.0.is_empty()) {
        return None;
    }
    let mut s = String::from("accuracy per source\n");
    let _ = writeln!(s, "{:<18} {:>5}  {:>6}  {:>11}", "source", "rows", "alone", "in_document");
    for (src, n, a, d) in &sources {
        let d = d.map_or("-".to_string(), |d| format!("{d:.3}"));
        let _ = writeln!(s, "{src:<18} {n:>5}  {a:>6.3}  {d:>11}");
    }
    Some(s)
}

/// Writes `eval.csv` (`view, metric, label, predicted, value, support`:
/// per label precision, recall and F1, then accuracy and macro-F1, then the
/// confusion matrix as `confusion, gold, predicted, count`; one block per
/// view) and `mistakes.csv` (`view, id, source, text, gold, predicted,
/// terms`) into `dir`, each written whole or not at all.
pub fn write_outputs(dir: &Path, evs: &[&Evaluation], tagger: &Tagger) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let lex = tagger.lexicon();
    let mut f = AtomicFile::create(dir, "eval.csv")?;
    f.write_all(&csv_bytes(|w| {
        w.write_record(["view", "metric", "label", "predicted", "value", "support"])?;
        for ev in evs {
            let v = ev.view.name();
            for (i, l) in ev.labels.iter().enumerate() {
                let sc = ev.scores(i);
                for (m, x) in [("precision", sc.precision), ("recall", sc.recall), ("f1", sc.f1)] {
                    w.write_record([v, m, l, "", &format!("{x:.6}"), &sc.support.to_string()])?;
                }
            }
            let n = ev.rows.len().to_string();
            w.write_record([v, "accuracy", "", "", &format!("{:.6}", ev.accuracy()), &n])?;
            w.write_record([v, "macro_f1", "", "", &format!("{:.6}", ev.macro_f1()), &n])?;
            for (i, g) in ev.labels.iter().enumerate() {
                for (j, p) in ev.labels.iter().enumerate() {
                    w.write_record([v, "confusion", g, p, &ev.confusion[i][j].to_string(), ""])?;
                }
            }
        }
        Ok(())
    }))?;
    let mut m = AtomicFile::create(dir, "mistakes.csv")?;
    m.write_all(&csv_bytes(|w| {
        w.write_record(["view", "id", "source", "text", "gold", "predicted", "terms"])?;
        for ev in evs {
            for r in ev.rows.iter().filter(|r| r.predicted != r.gold.label) {
                let g = &r.gold;
                w.write_record([
                    ev.view.name(),
                    &g.id,
                    &g.source,
                    &g.text,
                    g.label.name(lex),
                    r.predicted.name(lex),
                    &r.terms,
                ])?;
            }
        }
        Ok(())
    }))?;
    f.commit()?;
    m.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;
    use crate::text::segment::UnitMode;

    #[test]
    fn figures_from_a_small_gold_set() {
        let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence);
        let lex = tagger.lexicon();
        let row = |t: &str, l: &str| GoldRow {
            id: String::new(),
            source: String::new(),
            reference: None,
            text: t.into(),
            label: tag::parse_label(l, lex).unwrap(),
        };
        let ev = evaluate(
            vec![
                row("Directed by Jane Campion", "director"),
                row("Produced by Jan Chapman", "producer"),
                row("The weather was fine.", "none"),
                row("It rained all day.", "director"), // a deliberate miss
            ],
            &tagger,
        );
        assert_eq!(ev.accuracy(), 0.75);
        let d = ev.scores(0);
        assert_eq!((d.precision, d.recall, d.support), (1.0, 0.5, 2));
        assert!((d.f1 - 2.0 / 3.0).abs() < 1e-9);
        // `both` has no support and no predictions: F1 0.
        assert_eq!(ev.scores(2).f1, 0.0);
        assert!((ev.macro_f1() - (2.0 / 3.0 + 1.0 + 0.0 + 2.0 / 3.0) / 4.0).abs() < 1e-9);
        assert_eq!(ev.confusion[0][3], 1);
        assert!(ev.table().contains("macro-F1"));
    }

    #[test]
    fn refs_locate_text_json_and_tables() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        // Character offsets, not bytes: "é" is two bytes; a bad byte is one U+FFFD.
        std::fs::write(p.join("a.txt"), b"Caf\xc3\xa9 \xff Directed by Ann.\n").unwrap();
        std::fs::write(p.join("m.json"), r#"[{"x": "no"}, {"extract": "Ann directed it."}]"#).unwrap();
        std::fs::write(p.join("o.csv"), "A\tName\n1\t\"Bo, Producer\n").unwrap();
        std::fs::write(p.join("n.csv"), "id,description\n7,\"A film, by Cy.\"\n").unwrap();
        let mut docs = Documents::new(p);
        let mut get = |r: &str| {
            let (t, s) = docs.locate(&DocRef::parse(r).unwrap()).unwrap();
            t[s.range()].to_string()
        };
        assert_eq!(get("a.txt@7-23"), "Directed by Ann.");
        assert_eq!(get("m.json#1:extract@4-12"), "directed");
        assert_eq!(get("o.csv#1:Name@0-13"), "\"Bo, Producer");
        assert_eq!(get("n.csv#1:description@0-7"), "A film,");
        for bad in
            ["a.txt@0-99", "m.json#5:extract@0-1", "m.json#0:extract@0-1", "o.csv#3:Name@0-1", "zz.txt@0-1"]
        {
            assert!(docs.locate(&DocRef::parse(bad).unwrap()).is_err(), "{bad}");
        }
        // Outside the data folder: refused.
        for bad in ["../a.txt@0-1", "/etc/hostname@0-1", "news/../../a.txt@0-1"] {
            let e = docs.locate(&DocRef::parse(bad).unwrap()).unwrap_err();
            assert!(e.contains("inside the data folder"), "{bad}: {e}");
        }
        // The same file as text and as records: both work, in either order.
        assert!(docs.locate(&DocRef::parse("n.csv@0-2").unwrap()).is_ok());
        assert!(docs.locate(&DocRef::parse("n.csv#1:id@0-1").unwrap()).is_ok());
        // A row shorter than the header.
        std::fs::write(p.join("short.csv"), "a,b\n1\n").unwrap();
        let e = docs.locate(&DocRef::parse("short.csv#1:b@0-0").unwrap()).unwrap_err();
        assert!(e.contains("row 1 has no column \"b\""), "{e}");
        for bad in ["a.txt", "a.txt@3", "a.txt@x-3", "a.txt@5-3", "m.json#1@0-3"] {
            assert!(DocRef::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn in_document_label_is_the_union_of_overlapping_units() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Directed by Ann Lee\nProduced by Bo Li\n\nIt rained. The budget grew.";
        std::fs::write(dir.path().join("d.txt"), text).unwrap();
        let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence);
        let lex = tagger.lexicon();
        let row = |r: &str, t: &str, l: &str| GoldRow {
            id: r.into(),
            source: "s".into(),
            reference: Some(format!("d.txt@{r}")),
            text: t.into(),
            label: tag::parse_label(l, lex).unwrap(),
        };
        let rows = vec![
            row("0-19", "Directed by Ann Lee", "director"),
            row("0-37", "Directed by Ann Lee Produced by Bo Li", "both"),
            row("39-49", "It rained.", "none"),
            row("39-49", "It was windy.", "none"),
        ];
        let mut docs = Documents::new(dir.path());
        let ev = evaluate_in_documents(rows, &tagger, &mut docs);
        let got: Vec<&str> = ev.rows.iter().map(|r| r.predicted.name(lex)).collect();
        assert_eq!(got, ["director", "both", "none", "none"]);
        assert_eq!(ev.text_differs, ["39-49"]);
        assert_eq!(ev.accuracy(), 1.0);
        let mut no_ref = ev.rows[0].gold.clone();
        no_ref.reference = None;
        let ev = evaluate_in_documents(vec![no_ref], &tagger, &mut docs);
        assert_eq!((ev.rows.len(), ev.left_out.len()), (0, 1));
    }
}
