//! Measuring tags against a hand-labelled gold file.
//!
//! [`evaluate`] tags each gold row's text as one unit and compares the label
//! with the gold one: per-label precision, recall and F1, accuracy,
//! macro-F1 (the mean F1 over all labels) and the confusion matrix. The
//! figures can be printed as a table ([`Evaluation::table`]) and written as
//! CSV ([`write_outputs`]): `eval.csv` with the figures, `mistakes.csv` with
//! every miss and the terms behind it.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::Error;
use crate::span::Span;
use crate::tag::{self, Label, TaggedDoc, Tagger};
use crate::write::{AtomicFile, csv_bytes};

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
    /// The text, tagged as one unit.
    pub text: String,
    /// Its hand label.
    pub label: Label,
}

/// Reads a gold CSV file.
pub fn read_gold(path: &Path, cols: &GoldColumns, tagger: &Tagger) -> Result<Vec<GoldRow>, Error> {
    let mut rdr = csv::Reader::from_path(path).map_err(|e| Error::csv(path, e))?;
    let headers = rdr.headers().map_err(|e| Error::csv(path, e))?.clone();
    let find = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| {
            Error::Invalid(format!(
                "{}: no column {name:?} (columns: {})",
                path.display(),
                headers.iter().collect::<Vec<_>>().join(", ")
            ))
        })
    };
    let (ti, li) = (find(&cols.text)?, find(&cols.label)?);
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
        rows.push(GoldRow { text: rec.get(ti).unwrap_or("").to_string(), label });
    }
    Ok(rows)
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

/// The figures of one evaluation.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Label names, in matrix order.
    pub labels: Vec<String>,
    /// `confusion[gold][predicted]`.
    pub confusion: Vec<Vec<u64>>,
    /// Every row, judged.
    pub rows: Vec<Judged>,
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

/// Tags every gold row as one unit.
pub fn evaluate(rows: Vec<GoldRow>, tagger: &Tagger) -> Evaluation {
    let lex = tagger.lexicon();
    let n_roles = lex.roles().len();
    let labels = tag::label_names(lex);
    let mut confusion = vec![vec![0u64; labels.len()]; labels.len()];
    let mut scratch = tag::Scratch::default();
    let mut doc = TaggedDoc::default();
    let mut judged = Vec::with_capacity(rows.len());
    for gold in rows {
        let span = Span::new(0, gold.text.len());
        tagger.tag_units(&gold.text, &[span], &mut scratch, &mut doc);
        let predicted = doc.units[0].label;
        let terms: Vec<&str> = doc.matches.iter().map(|m| lex.term(m.term).text.as_str()).collect();
        confusion[gold.label.index(n_roles)][predicted.index(n_roles)] += 1;
        judged.push(Judged { gold, predicted, terms: terms.join(";") });
    }
    Evaluation { labels, confusion, rows: judged }
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

/// Writes `eval.csv` (`label, precision, recall, f1, support`, then rows for
/// accuracy and macro-F1, then the confusion matrix as `gold, predicted,
/// count`) and `mistakes.csv` (`text, gold, predicted, terms`) into `dir`.
pub fn write_outputs(dir: &Path, ev: &Evaluation, tagger: &Tagger) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let lex = tagger.lexicon();
    let mut f = AtomicFile::create(dir, "eval.csv")?;
    f.write_all(&csv_bytes(|w| {
        w.write_record(["metric", "label", "predicted", "value", "support"])?;
        for (i, l) in ev.labels.iter().enumerate() {
            let sc = ev.scores(i);
            for (m, v) in [("precision", sc.precision), ("recall", sc.recall), ("f1", sc.f1)] {
                w.write_record([m, l, "", &format!("{v:.6}"), &sc.support.to_string()])?;
            }
        }
        let n = ev.rows.len().to_string();
        w.write_record(["accuracy", "", "", &format!("{:.6}", ev.accuracy()), &n])?;
        w.write_record(["macro_f1", "", "", &format!("{:.6}", ev.macro_f1()), &n])?;
        for (i, g) in ev.labels.iter().enumerate() {
            for (j, p) in ev.labels.iter().enumerate() {
                w.write_record(["confusion", g, p, &ev.confusion[i][j].to_string(), ""])?;
            }
        }
        Ok(())
    }))?;
    let mut m = AtomicFile::create(dir, "mistakes.csv")?;
    m.write_all(&csv_bytes(|w| {
        w.write_record(["text", "gold", "predicted", "terms"])?;
        for r in ev.rows.iter().filter(|r| r.predicted != r.gold.label) {
            w.write_record([r.gold.text.as_str(), r.gold.label.name(lex), r.predicted.name(lex), &r.terms])?;
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
    use crate::segment::UnitMode;

    #[test]
    fn figures_from_a_small_gold_set() {
        let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence);
        let lex = tagger.lexicon();
        let row = |t: &str, l: &str| GoldRow { text: t.into(), label: tag::parse_label(l, lex).unwrap() };
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
}
