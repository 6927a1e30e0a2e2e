//! The output schema: file names and CSV headers, the one source for
//! `scan`, `merge` and `explain`. Column layouts:
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

/// Every output file, in the order they are committed.
pub const OUTPUT_FILES: [&str; 10] =
    [SENTENCES, DOCUMENTS, ERRORS, TERMS, SUMMARY, GROUPS, MATCHES, MENTIONS, PEOPLE, RUN_JSON];

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
