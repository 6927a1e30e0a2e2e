//! Gold files: the hand-labelled CSV (`id`, `text`, `label`, optional
//! `source` and `ref`), read and checked.

use std::path::Path;

use super::documents::Documents;
use crate::error::Error;
use crate::tag::{self, Label, Tagger};

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
    // (`option`: the command-line option that names the column.)
    let find = |name: &str, option: &str| {
        position(name).ok_or_else(|| {
            Error::Invalid(format!(
                "{}: no column {name:?} (columns: {}); {option} names the column to read",
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
        (None, None) => Some(find(&cols.text, "--text-column")?),
    };
    let li = find(&cols.label, "--label-column")?;
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
pub(super) fn collapsed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::text::normalize::collapse_whitespace_into(s, &mut out);
    out
}

/// Gives every row without a text the text its `ref` points to, white
/// space collapsed (a gold file may hold refs and labels only, so that it
/// quotes nothing of the documents). Returns `(id, problem)` for each row
/// whose text could not be found; those keep an empty text.
pub fn fill_texts(rows: &mut [GoldRow], docs: &mut Documents) -> Vec<(String, String)> {
    super::documents::fill_from_refs(rows, docs)
}

impl super::documents::RefRow for GoldRow {
    fn parts(&mut self) -> (&str, Option<&str>, &mut String) {
        (&self.id, self.reference.as_deref(), &mut self.text)
    }
}
