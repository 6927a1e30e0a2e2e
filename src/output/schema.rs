//! The output schema: file names, CSV headers and column types, the one
//! source for `scan`, `merge` and `explain`. Column layouts:
//!
//! | file | columns |
//! |---|---|
//! | `sentences.csv` | `doc, sentence, start, end, label, <role>…, terms, statuses, text` |
//! | `matches.csv` (`--matches`) | `doc, sentence, term, role, kind, start, end, status, cue, weight` |
//! | `documents.csv` | `doc, bytes, sentences, <role>…, both, none, about_film, film_signals, <field>…` |
//! | `groups.csv` | `field, value, documents, sentences, <label>…, <label>_share, <label>_low, <label>_high…` |
//! | `terms.csv` | `role, kind, term, hits, documents` |
//! | `summary.csv` | `documents, documents_skipped, bytes, sentences, <label>…, <label>_share…` |
//! | `errors.csv` | `path, problem` |
//! | `mentions.csv` (`--people`) | `doc, sentence, start, end, name, role, evidence` |
//! | `people.csv` (`--people`) | `name, role, mentions, documents` |
//!
//! A `sentence`/`sentences` column counts *units*: sentences, and the credit
//! lines and headings that are units of their own (every non-blank line with
//! `--unit line`); the name is kept for the readers of earlier outputs.
//!
//! Each column's type ([`ColumnType`], what a Parquet output stores) is
//! declared per table by [`column_types`], from the header's names.

use crate::lexicon::Lexicon;
use crate::output::rows::Offsets;
use crate::tag::label_names;

/// One row per unit (`--sentences` chooses which).
pub const SENTENCES: &str = "sentences.csv";
/// One row per document tagged.
pub const DOCUMENTS: &str = "documents.csv";
/// One row per input or record skipped or repaired.
pub const ERRORS: &str = "errors.csv";
/// One row per lexicon term.
pub const TERMS: &str = "terms.csv";
/// One row of corpus totals.
pub const SUMMARY: &str = "summary.csv";
/// Label shares per group value, with intervals.
pub const GROUPS: &str = "groups.csv";
/// The HTML report (`rolecall report`), written into the output folder by
/// default; a new scan or merge into the folder removes an earlier one at
/// its commit (it would describe the earlier run).
pub const REPORT: &str = "report.html";
/// One row per match (`scan --matches`).
pub const MATCHES: &str = "matches.csv";
/// The header of `matches.csv` (see [`crate::output::RowBlock::matches`]),
/// its span columns named as `offsets` says.
pub fn matches_header(offsets: Offsets, parts: bool) -> Vec<&'static str> {
    let [start, end] = offsets.columns();
    let mut h = vec!["doc", "sentence", "term", "role", "kind"];
    if parts {
        h.push("field");
    }
    h.extend([start, end, "status", "cue", "weight"]);
    h
}
/// One row per person named in a role (`scan --people`).
pub const MENTIONS: &str = "mentions.csv";
/// The header of `mentions.csv` (see [`crate::output::RowBlock::mentions`]):
/// the span columns named as `offsets` says, a `field` column before them
/// with several text fields.
pub fn mentions_header(offsets: Offsets, parts: bool) -> Vec<&'static str> {
    let [start, end] = offsets.columns();
    let mut h = vec!["doc", "sentence"];
    if parts {
        h.push("field");
    }
    h.extend([start, end, "name", "role", "evidence"]);
    h
}
/// One row per person and role over the corpus (`scan --people`).
pub const PEOPLE: &str = "people.csv";
/// The header of `people.csv`: a person is keyed by its first two columns;
/// the last two are counts.
pub const PEOPLE_HEADER: [&str; 4] = ["name", "role", "mentions", "documents"];
/// Figures about the run itself (JSON).
pub const RUN_JSON: &str = "run.json";

/// The CSV outputs of a scan, in the order they are written; a finished
/// scan's folder has all of them (what `merge` requires of a shard).
pub const CSV_FILES: [&str; 6] = [SENTENCES, DOCUMENTS, ERRORS, TERMS, SUMMARY, GROUPS];

/// Every output file, in the order they are committed (CSV, then the
/// same tables as Parquet: a run writes one of the two).
pub const OUTPUT_FILES: [&str; 19] = [
    SENTENCES,
    DOCUMENTS,
    ERRORS,
    TERMS,
    SUMMARY,
    GROUPS,
    MATCHES,
    MENTIONS,
    PEOPLE,
    "sentences.parquet",
    "documents.parquet",
    "errors.parquet",
    "terms.parquet",
    "summary.parquet",
    "groups.parquet",
    "matches.parquet",
    "mentions.parquet",
    "people.parquet",
    RUN_JSON,
];

/// The tables (by their CSV names) that have a Parquet form, written as
/// `NAME.parquet` with `--output-format parquet`.
pub const TABLES: [&str; 9] =
    [SENTENCES, DOCUMENTS, ERRORS, TERMS, SUMMARY, GROUPS, MATCHES, MENTIONS, PEOPLE];

/// The type of a column, as a Parquet output stores it (a CSV output
/// writes every type as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text, never null (an empty cell is the empty string): Utf8.
    Text,
    /// Text where an empty cell means no value (a field a record lacks,
    /// no cue): Utf8, null for an empty cell.
    OptionalText,
    /// A count, span offset or unit index: Int64 (counts fit in it;
    /// signed because R and pandas read Int64 natively).
    Integer,
    /// A number never missing (a match's weight): Float64, the value the
    /// CSV shows.
    Float,
    /// A share or interval bound (six decimals in the CSV), which a group
    /// or a corpus of no units has none of: Float64, null for an empty cell.
    OptionalFloat,
    /// `true` or `false`: Boolean.
    Flag,
}

/// The type of each column of `header` in the table `file` (its CSV name,
/// e.g. [`SENTENCES`]), declared once here for every table: role and label
/// columns, kept fields and the span columns' names vary with the lexicon
/// and options, so types go by name and place. `None` for a file that is
/// not a table.
pub fn column_types<S: AsRef<str>>(file: &str, header: &[S]) -> Option<Vec<ColumnType>> {
    use ColumnType::*;
    let names: Vec<&str> = header.iter().map(AsRef::as_ref).collect();
    let text_or_count = |text: &[&str], name: &str| if text.contains(&name) { Text } else { Integer };
    let types = match file {
        // doc, sentence, [field], start, end, label, <role>…, terms, statuses, text
        SENTENCES => names
            .iter()
            .enumerate()
            .map(|(i, &n)| match n {
                _ if i == 0 || i + 3 >= names.len() => Text,
                "field" if i == 2 => Text,
                "label" => Text,
                _ => Integer,
            })
            .collect(),
        // doc, sentence, term, role, kind, [field], start, end, status, cue, weight
        MATCHES => names
            .iter()
            .map(|&n| match n {
                "cue" => OptionalText,
                "weight" => Float,
                n => text_or_count(&["doc", "term", "role", "kind", "field", "status"], n),
            })
            .collect(),
        // doc, bytes, sentences, <label>…, about_film, film_signals, <field>…
        DOCUMENTS => {
            let kept_from = names.iter().position(|&n| n == "film_signals").map_or(names.len(), |i| i + 1);
            names
                .iter()
                .enumerate()
                .map(|(i, &n)| match n {
                    _ if i >= kept_from => OptionalText,
                    "doc" => Text,
                    "about_film" => Flag,
                    _ => Integer,
                })
                .collect()
        }
        // doc, sentence, [field], start, end, name, role, evidence
        MENTIONS => {
            names.iter().map(|&n| text_or_count(&["doc", "field", "name", "role", "evidence"], n)).collect()
        }
        // name, role, mentions, documents
        PEOPLE => names.iter().map(|&n| text_or_count(&["name", "role"], n)).collect(),
        ERRORS => vec![Text; names.len()],
        TERMS => names.iter().map(|&n| text_or_count(&["role", "kind", "term"], n)).collect(),
        // documents, documents_skipped, bytes, sentences, <label>…, then
        // <label>_share… (null for a corpus of no units)
        SUMMARY => {
            let counts = SUMMARY_COUNTS.len() + names.len().saturating_sub(SUMMARY_COUNTS.len()) / 2;
            (0..names.len()).map(|i| if i < counts { Integer } else { OptionalFloat }).collect()
        }
        // field, value, documents, sentences, <label>…, then per label
        // _share, _low, _high (null for a group of no units)
        GROUPS => {
            let counts = 4 + names.len().saturating_sub(4) / 4;
            (0..names.len())
                .map(|i| {
                    if i < 2 {
                        Text
                    } else if i < counts {
                        Integer
                    } else {
                        OptionalFloat
                    }
                })
                .collect()
        }
        _ => return None,
    };
    Some(types)
}

/// Suffix of files still being written.
pub const PARTIAL_SUFFIX: &str = ".partial";

/// The header of `sentences.csv`.
/// Its span columns are named as `offsets` says (`start, end` or
/// `start_char, end_char`).
///
/// With `parts` (several text fields per record) a `field` column comes
/// before the span, which then counts from the start of that field.
pub fn sentences_header(lexicon: &Lexicon, offsets: Offsets, parts: bool) -> Vec<String> {
    let [start, end] = offsets.columns();
    let mut h: Vec<String> = ["doc", "sentence"].map(String::from).to_vec();
    if parts {
        h.push("field".into());
    }
    h.extend([start, end, "label"].map(String::from));
    h.extend(lexicon.roles().iter().cloned());
    h.push("terms".into());
    h.push("statuses".into());
    h.push("text".into());
    h
}

/// The header of `documents.csv`: `columns` are the document fields
/// kept ([`crate::input::fields::DocFields::columns`]).
pub fn documents_header(lexicon: &Lexicon, columns: &[String]) -> Vec<String> {
    let mut h: Vec<String> = ["doc", "bytes", "sentences"].map(String::from).to_vec();
    h.extend(label_names(lexicon));
    h.extend(["about_film", "film_signals"].map(String::from));
    h.extend(columns.iter().cloned());
    h
}

/// The header of `errors.csv`.
pub const ERRORS_HEADER: [&str; 2] = ["path", "problem"];

/// The header of `terms.csv`: a term is keyed by its first three columns;
/// the last two are counts.
pub const TERMS_HEADER: [&str; 5] = ["role", "kind", "term", "hits", "documents"];

/// The count columns that open `summary.csv`, before one count per label.
pub const SUMMARY_COUNTS: [&str; 4] = ["documents", "documents_skipped", "bytes", "sentences"];

/// Ends the name of each share column of `summary.csv` (`director_share`).
pub const SHARE_SUFFIX: &str = "_share";

/// The header of `summary.csv`: [`SUMMARY_COUNTS`], a count per label,
/// then a share per label.
pub fn summary_header(lexicon: &Lexicon) -> Vec<String> {
    let names = label_names(lexicon);
    let mut h: Vec<String> = SUMMARY_COUNTS.map(String::from).to_vec();
    h.extend(names.iter().cloned());
    h.extend(names.iter().map(|n| format!("{n}{SHARE_SUFFIX}")));
    h
}

#[cfg(test)]
mod tests {
    use super::ColumnType::*;
    use super::*;

    #[test]
    fn every_header_gets_its_types() {
        let lex = Lexicon::builtin();
        let s = sentences_header(&lex, Offsets::Chars, true);
        let t = column_types(SENTENCES, &s).unwrap();
        assert_eq!(s[..6], ["doc", "sentence", "field", "start_char", "end_char", "label"]);
        assert_eq!(t[..6], [Text, Integer, Text, Integer, Integer, Text]);
        assert!(t[6..s.len() - 3].iter().all(|&c| c == Integer), "the role columns");
        assert_eq!(t[s.len() - 3..], [Text, Text, Text]);
        // A kept field named like a count column is still a kept field.
        let d = documents_header(&lex, &["bytes".into(), "outlet".into()]);
        let t = column_types(DOCUMENTS, &d).unwrap();
        assert_eq!(t[0], Text);
        assert_eq!(t[d.len() - 4..], [Flag, Integer, OptionalText, OptionalText]);
        let m = matches_header(Offsets::Bytes, false);
        let t = column_types(MATCHES, &m).unwrap();
        assert_eq!(t, [Text, Integer, Text, Text, Text, Integer, Integer, Text, OptionalText, Float]);
        let h = summary_header(&lex);
        let t = column_types(SUMMARY, &h).unwrap();
        let labels = crate::tag::label_names(&lex).len();
        assert_eq!(t.iter().filter(|&&c| c == OptionalFloat).count(), labels);
        assert!(h.iter().zip(&t).all(|(n, &c)| (c == OptionalFloat) == n.ends_with(SHARE_SUFFIX)));
        let g = crate::output::groups::Groups::header(&crate::tag::label_names(&lex));
        let t = column_types(GROUPS, &g).unwrap();
        assert!(g.iter().zip(&t).all(|(n, &c)| match c {
            Text => n == "field" || n == "value",
            OptionalFloat => n.ends_with("_share") || n.ends_with("_low") || n.ends_with("_high"),
            _ => c == Integer,
        }));
        assert_eq!(column_types(TERMS, &TERMS_HEADER).unwrap(), [Text, Text, Text, Integer, Integer]);
        assert_eq!(column_types(ERRORS, &ERRORS_HEADER).unwrap(), [Text, Text]);
        assert_eq!(column_types(RUN_JSON, &["x"]), None);
    }
}
