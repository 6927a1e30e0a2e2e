//! Measuring tags against a hand-labelled gold file.
//!
//! [`evaluate`] tags each gold row's text as one unit and compares the label
//! with the gold one: per-label precision, recall and F1, accuracy,
//! macro-F1 (the mean F1 over all labels) and the confusion matrix. The
//! figures can be printed as a table ([`Evaluation::table`]) and written as
//! CSV ([`write_outputs`]): `eval.csv` with the figures, `mistakes.csv` with
//! every miss and the terms behind it, `predictions.csv` with every row.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::Error;
use crate::output::{AtomicFile, csv_bytes};
use crate::tag::{self, Label, TaggedDoc, Tagger};
use crate::text::span::Span;

mod documents;
mod gold;
pub mod people;

pub use documents::{DocRef, Documents};
use gold::collapsed;
pub use gold::{GoldColumns, GoldRow, fill_texts, gold_header, read_gold};

/// One evaluated row.
#[derive(Debug, Clone)]
pub struct Judged {
    /// The gold row.
    pub gold: GoldRow,
    /// What rolecall said.
    pub predicted: Label,
    /// The matched terms, `;`-separated.
    pub terms: String,
    /// Each matched term's status (as in `sentences.csv`: `counted`,
    /// `excluded`, `needs:SET`, …), `;`-separated, parallel to `terms`.
    pub statuses: String,
}

/// How each gold row was tagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The row's text alone, as one unit.
    Alone,
    /// The row's whole source document, cut into units as `scan` cuts it;
    /// the row's label is the union of the roles of the units that overlap
    /// its span. A unit that reaches beyond the row by more than white
    /// space (the row was cut where rolecall does not cut, say after the
    /// middle initial of "directed by Charles C. Lamont") gives only the
    /// roles of its counted matches that lie inside the row, their context
    /// rules applied in the whole document as in a scan; such rows are
    /// listed in [`Evaluation::partial`].
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
    /// Rows that are part of a unit (in-document view only; see
    /// [`View::InDocument`]), by id.
    pub partial: Vec<String>,
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
            partial: Vec::new(),
        }
    }

    fn judge(&mut self, gold: GoldRow, predicted: Label, terms: String, statuses: String) {
        let n_roles = self.labels.len() - 2;
        self.confusion[gold.label.index(n_roles)][predicted.index(n_roles)] += 1;
        self.rows.push(Judged { gold, predicted, terms, statuses });
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
        let statuses: Vec<_> = doc.status_of(0).iter().map(|s| s.code(lex)).collect();
        ev.judge(gold, predicted, terms.join(";"), statuses.join(";"));
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
    let mut scores: Vec<f64> = Vec::new();
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
        let (mut terms, mut statuses) = (Vec::new(), Vec::new());
        for (u, unit) in doc.units.iter().enumerate() {
            if unit.span.end <= span.start || unit.span.start >= span.end {
                continue;
            }
            let blank = |a: usize, b: usize| text[a..b].trim().is_empty();
            let whole = (unit.span.start >= span.start || blank(unit.span.start, span.start))
                && (unit.span.end <= span.end || blank(span.end, unit.span.end));
            let label = if whole {
                unit.label
            } else {
                if ev.partial.last() != Some(&gold.id) {
                    ev.partial.push(gold.id.clone());
                }
                scores.clear();
                scores.resize(lex.roles().len(), 0.0);
                for (m, st) in doc.matches_of(u).iter().zip(doc.status_of(u)) {
                    if *st == tag::Status::Counted && m.span.start >= span.start && m.span.end <= span.end {
                        let t = lex.term(m.term);
                        scores[t.role.index()] += t.weight;
                    }
                }
                Label::from_scores(&scores)
            };
            match label {
                Label::Role(r) if !roles.contains(&r) => roles.push(r),
                Label::Both => both = true,
                _ => {}
            }
            terms.extend(doc.matches_of(u).iter().map(|m| lex.term(m.term).text.as_str()));
            statuses.extend(doc.status_of(u).iter().map(|s| s.code(lex)));
        }
        let predicted = match (both, roles.as_slice()) {
            (true, _) | (false, [_, _, ..]) => Label::Both,
            (false, [r]) => Label::Role(*r),
            (false, []) => Label::None,
        };
        ev.judge(gold, predicted, terms.join(";"), statuses.join(";"));
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

/// The files [`write_outputs`] writes, in its order.
pub const EVAL_FILES: [&str; 3] = ["eval.csv", "mistakes.csv", "predictions.csv"];

/// Writes `eval.csv` (`view, metric, label, predicted, value, support`:
/// per label precision, recall and F1, then accuracy and macro-F1, then the
/// confusion matrix as `confusion, gold, predicted, count`; one block per
/// view), `mistakes.csv` (`view, id, source, text, gold, predicted, terms,
/// statuses`: the rows whose label was missed) and `predictions.csv` (the
/// same columns, every row) into `dir`, each written whole or not at all.
pub fn write_outputs(dir: &Path, evs: &[&Evaluation], tagger: &Tagger) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let lex = tagger.lexicon();
    let mut f = AtomicFile::create(dir, EVAL_FILES[0])?;
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
    let rows = |misses_only: bool| {
        csv_bytes(|w| {
            w.write_record(["view", "id", "source", "text", "gold", "predicted", "terms", "statuses"])?;
            for ev in evs {
                for r in ev.rows.iter().filter(|r| !misses_only || r.predicted != r.gold.label) {
                    let g = &r.gold;
                    w.write_record([
                        ev.view.name(),
                        &g.id,
                        &g.source,
                        &g.text,
                        g.label.name(lex),
                        r.predicted.name(lex),
                        &r.terms,
                        &r.statuses,
                    ])?;
                }
            }
            Ok(())
        })
    };
    let mut m = AtomicFile::create(dir, EVAL_FILES[1])?;
    m.write_all(&rows(true))?;
    let mut p = AtomicFile::create(dir, EVAL_FILES[2])?;
    p.write_all(&rows(false))?;
    crate::output::commit_all([f, m, p])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;
    use crate::text::segment::UnitMode;

    #[test]
    fn figures_from_a_small_gold_set() {
        let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
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
        std::fs::write(p.join("f.jsonl"), "{\"text\": \"x\"}\n\n{\"a\": {\"body\": \"Dee produced it.\"}}\n")
            .unwrap();
        let mut docs = Documents::new(p);
        let mut get = |r: &str| {
            let (t, s) = docs.locate(&DocRef::parse(r).unwrap()).unwrap();
            t[s.range()].to_string()
        };
        assert_eq!(get("a.txt@7-23"), "Directed by Ann.");
        assert_eq!(get("m.json#1:extract@4-12"), "directed");
        assert_eq!(get("o.csv#1:Name@0-13"), "\"Bo, Producer");
        assert_eq!(get("n.csv#1:description@0-7"), "A film,");
        // JSON Lines: line N counted from 1, as scan numbers its records.
        assert_eq!(get("f.jsonl#3:a.body@4-12"), "produced");
        assert_eq!(get("f.jsonl#1:text@0-1"), "x");
        let e = docs.locate(&DocRef::parse("f.jsonl#0:text@0-1").unwrap()).unwrap_err();
        assert!(e.contains("no line 0 (JSON Lines refs count lines from 1)"), "{e}");
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
        let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
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
        assert!(ev.partial.is_empty());
        let mut no_ref = ev.rows[0].gold.clone();
        no_ref.reference = None;
        let ev = evaluate_in_documents(vec![no_ref], &tagger, &mut docs);
        assert_eq!((ev.rows.len(), ev.left_out.len()), (0, 1));
    }

    #[test]
    fn a_row_that_is_part_of_a_unit_gets_the_roles_inside_it() {
        let dir = tempfile::tempdir().unwrap();
        // One unit for rolecall (an initial is not a sentence end), two rows
        // for a gold file cut after "C.".
        let text = "Cy is a 1937 film directed by Charles C. Lamont and produced by Bo Li.";
        std::fs::write(dir.path().join("d.txt"), text).unwrap();
        let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
        let lex = tagger.lexicon();
        let cut = text.find("C. ").unwrap() + 2;
        let row = |a: usize, b: usize, l: &str| GoldRow {
            id: format!("{a}-{b}"),
            source: "s".into(),
            reference: Some(format!("d.txt@{a}-{b}")),
            text: text[a..b].into(),
            label: tag::parse_label(l, lex).unwrap(),
        };
        let rows =
            vec![row(0, cut, "director"), row(cut + 1, text.len(), "producer"), row(0, text.len(), "both")];
        let mut docs = Documents::new(dir.path());
        let ev = evaluate_in_documents(rows, &tagger, &mut docs);
        let got: Vec<&str> = ev.rows.iter().map(|r| r.predicted.name(lex)).collect();
        assert_eq!(got, ["director", "producer", "both"]);
        assert_eq!(ev.partial, [format!("0-{cut}"), format!("{}-{}", cut + 1, text.len())]);
    }
}
