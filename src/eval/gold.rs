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
    /// [`crate::eval::documents::DocRef`]), or `None`.
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
/// Errors: the file cannot be read, is not UTF-8 (the message gives the
/// line and byte, and the encoding it looks like), is JSON (Lines) rather
/// than CSV, a required column is missing (the message lists the columns
/// found, and says when the header is one column holding `;`, tabs or
/// `|`: a file with other separators), a row has another number of cells
/// than the header (the message gives the line, the csv crate's record and
/// byte, and how to quote), or a label is not one of the tagger's (the
/// message gives the line).
pub fn read_gold(path: &Path, cols: &GoldColumns, tagger: &Tagger) -> Result<Vec<GoldRow>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    check_csv_text(path, &bytes)?;
    let mut rdr = csv::Reader::from_reader(bytes.as_slice());
    let headers = rdr.headers().map_err(|e| csv_error(path, &bytes, e))?.clone();
    let position = |name: &str| headers.iter().position(|h| h == name);
    // (`option`: the command-line option that names the column.)
    let find =
        |name: &str, option: &str| position(name).ok_or_else(|| no_column(path, &headers, name, option));
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
        let rec = rec.map_err(|e| csv_error(path, &bytes, e))?;
        let line = rec.position().map_or(0, |p| line_of(&bytes, p));
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

/// The column names of a gold CSV file's header (checked as
/// [`read_gold`] checks the file), for messages about its columns.
///
/// # Errors
/// As [`read_gold`]'s, before its columns.
pub fn gold_header(path: &Path) -> Result<Vec<String>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    check_csv_text(path, &bytes)?;
    let mut rdr = csv::Reader::from_reader(bytes.as_slice());
    let headers = rdr.headers().map_err(|e| csv_error(path, &bytes, e))?;
    Ok(headers.iter().map(str::to_string).collect())
}

/// The 1-based line of the gold file (`bytes`) where a record at `pos`
/// starts. The csv crate's own line is one early after a CRLF line end:
/// it puts the record's start at that line end's `\n`.
fn line_of(bytes: &[u8], pos: &csv::Position) -> u64 {
    // The position may be at the line end before the record (after a
    // CRLF's CR, or before blank lines the reader passed over): a record
    // never starts with a line end, so read them over first.
    let mut at = (pos.byte() as usize).min(bytes.len());
    while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    // Line ends before it: LF, CRLF (one) and a lone CR.
    let before = bytes[..at]
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count() as u64;
    before + 1
}

/// The csv crate's error reading the gold file `path`, in our words: the
/// file, the line, what was found and what to do, with the crate's
/// position (record and byte) kept, its line counted from the byte
/// ([`line_of`]). A row with another number of cells
/// than the header is the usual one: a text holding a comma, not quoted, or
/// a quote left open (which takes in the lines after it).
fn csv_error(path: &Path, bytes: &[u8], e: csv::Error) -> Error {
    let shown = path.display();
    let at = |p: &csv::Position| format!("{shown}:{}: ", line_of(bytes, p));
    let place = |p: &csv::Position| format!("csv record {}, byte {}", p.record(), p.byte());
    match e.kind() {
        csv::ErrorKind::UnequalLengths { pos: Some(pos), expected_len, len } => Error::Invalid(format!(
            "{}a row of {len} cell(s), where the header has {expected_len} ({}): a gold file is comma-separated \
             CSV, so quote a text that holds a comma (\"Directed by Ann Lee, 2004\") and double a quote inside \
             quotes (\"\"); a quote left open takes in the lines after it, so look for one on this line or \
             above it",
            at(pos),
            place(pos)
        )),
        csv::ErrorKind::Utf8 { pos: Some(pos), err } => Error::Invalid(format!(
            "{}not UTF-8 ({err}; {}): a gold file must be UTF-8: convert it (e.g. with iconv)",
            at(pos),
            place(pos)
        )),
        csv::ErrorKind::Io(_) => Error::csv(path, e),
        _ => Error::Invalid(format!(
            "{shown}: {e}; not CSV as `rolecall eval` reads it (comma-separated UTF-8 with a header row): fix the \
             file there"
        )),
    }
}

/// Refuses a gold file that is not UTF-8 text, or that is JSON: the CSV
/// reader would say only "invalid utf-8" with a record number, or read a
/// JSON object as a header of odd columns.
fn check_csv_text(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let place = |at: usize| bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    check_utf8(path, bytes)?;
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.len() - text.trim_start().len();
    let first_line = text[start..].lines().next().unwrap_or("");
    let json = match first_line.as_bytes().first() {
        Some(b'{') => serde_json::from_str::<serde_json::Value>(first_line).is_ok_and(|v| v.is_object()),
        Some(b'[') => serde_json::from_str::<serde_json::Value>(&text[start..]).is_ok_and(|v| v.is_array()),
        _ => false,
    };
    if json {
        let what = if first_line.starts_with('{') { "JSON Lines" } else { "a JSON array" };
        return Err(Error::Invalid(format!(
            "{}:{}: {what}, not CSV; `rolecall eval` reads a CSV file with a header row (columns text and \
             label; id, source and ref when there). Write the rows as CSV (e.g. `jq -r '[.id, .text, .label] | @csv'`, \
             after a header line id,text,label), or use `rolecall eval-people` for JSON Lines of (name, role) annotations",
            path.display(),
            place(start + (bytes.len() - text.len()))
        )));
    }
    Ok(())
}

/// Refuses a gold file (`eval`'s CSV, `eval-people`'s JSON Lines) that
/// is not UTF-8: UTF-16 (by its byte-order mark), or bytes that are not
/// UTF-8 (Latin-1, say). The message gives the file, the line and byte
/// offset of the first bad byte, the encoding the bytes look like, and an
/// `iconv` command that converts the file.
pub(super) fn check_utf8(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let place = |at: usize| bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let shown = path.display();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let utf8 = beside(path, "utf8");
        return Err(Error::Invalid(format!(
            "{shown}:1: UTF-16 text (it starts with a UTF-16 byte-order mark), and a gold file must be UTF-8: \
             save it as UTF-8, e.g. `iconv -f UTF-16 -t UTF-8 {shown} > {utf8}`"
        )));
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        let (line, byte) = (place(at), bytes[at]);
        let looks = crate::input::detect(bytes, false).map_or("windows-1252", |e| e.name());
        let latin = if looks == "windows-1252" { " (Latin-1)" } else { "" };
        let utf8 = beside(path, "utf8");
        return Err(Error::Invalid(format!(
            "{shown}:{line}: not UTF-8 (byte 0x{byte:02X} at byte offset {at}); its bytes look like {looks}{latin} \
             text, and a gold file must be UTF-8: convert it, e.g. `iconv -f {looks} -t UTF-8 {shown} > {utf8}`"
        )));
    }
    Ok(())
}

/// `gold.csv` → `gold-TAG.csv` (the file's own extension kept; `.csv`
/// without one), for the conversion a message suggests.
fn beside(path: &Path, tag: &str) -> String {
    let stem = path.file_stem().map_or_else(|| "gold".into(), |s| s.to_string_lossy());
    let ext = path.extension().map_or_else(|| "csv".into(), |e| e.to_string_lossy());
    path.with_file_name(format!("{stem}-{tag}.{ext}")).display().to_string()
}

/// The error for a column `name` (named by `option`) that the header lacks:
/// the columns found, and, when the header is one column holding another
/// separator, that the file is not comma-separated.
pub(super) fn no_column(path: &Path, headers: &csv::StringRecord, name: &str, option: &str) -> Error {
    let found: Vec<&str> = headers.iter().collect();
    if let [only] = found.as_slice() {
        let other = [(';', "`;`"), ('\t', "tabs"), ('|', "`|`")].into_iter().find(|(c, _)| only.contains(*c));
        if let Some((c, said)) = other {
            let (shown, commas, c) = (path.display(), beside(path, "commas"), c.escape_default());
            return Error::Invalid(format!(
                "{shown}:1: the header is one column, {only:?}: the file is separated by {said}, and \
                 `rolecall eval` reads comma-separated CSV; save it with commas (a spreadsheet's \"CSV, \
                 comma-separated\"), e.g. `python3 -c 'import csv,sys; \
                 csv.writer(sys.stdout).writerows(csv.reader(sys.stdin, delimiter=\"{c}\"))' < {shown} > {commas}`"
            ));
        }
    }
    Error::Invalid(format!(
        "{}:1: no column {name:?} in the header (its columns: {}); {option} names the column to read: give {option} \
         with the column that holds it",
        path.display(),
        if found.is_empty() { "none".to_string() } else { found.join(", ") }
    ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;
    use crate::text::segment::UnitMode;

    /// Regression: a bad row in the middle of a gold CSV was said in the csv
    /// crate's words ("found record with 3 fields, but the previous record
    /// has 2 fields"). Now it names the file and line, what was found and
    /// what to do, the crate's record and byte kept; with CRLF line ends
    /// too (the crate's line is one early there).
    #[test]
    fn a_bad_row_is_named_with_its_line_and_what_to_do() {
        let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.csv");
        for (end, byte) in [("\n", 27), ("\r\n", 28)] {
            let text = ["text,label", "It rained.,none", "Directed by Ann Lee, 2004,director", ""].join(end);
            std::fs::write(&path, text).unwrap();
            let err = read_gold(&path, &GoldColumns::default(), &tagger).unwrap_err().to_string();
            let head = format!(
                "{}:3: a row of 3 cell(s), where the header has 2 (csv record 2, byte {byte}): ",
                path.display()
            );
            assert!(err.starts_with(&head), "{end:?}: {err}");
            assert!(err.contains("quote a text that holds a comma"), "{err}");
            assert!(!err.contains("previous record"), "{err}");
        }
        // A quote left open takes in the rest of the file: one cell.
        std::fs::write(&path, "text,label\nIt rained.,none\n\"Directed by Ann Lee.,director\nRain.,none\n")
            .unwrap();
        let err = read_gold(&path, &GoldColumns::default(), &tagger).unwrap_err().to_string();
        assert!(err.contains("gold.csv:3: a row of 1 cell(s), where the header has 2"), "{err}");
        assert!(err.contains("a quote left open"), "{err}");
        // An unknown label's line is right with CRLF line ends too.
        std::fs::write(&path, "text,label\r\nIt rained.,none\r\nDirected by Ann Lee.,directr\r\n").unwrap();
        let err = read_gold(&path, &GoldColumns::default(), &tagger).unwrap_err().to_string();
        assert!(err.contains("gold.csv:3: unknown label \"directr\""), "{err}");
        // Blank lines before the row (CRLF, LF or CR alone): still its line.
        for (text, line) in [
            ("text,label\r\n\r\n\r\nDirected by Ann Lee.,directr\r\n", 4),
            ("text,label\r\n\r\nIt rained.,none\r\n\r\nDirected by Ann Lee.,directr\r\n", 5),
            ("text,label\n\nIt rained.,none\n\nDirected by Ann Lee.,directr\n", 5),
            ("text,label\rIt rained.,none\rDirected by Ann Lee.,directr\r", 3),
        ] {
            std::fs::write(&path, text).unwrap();
            let err = read_gold(&path, &GoldColumns::default(), &tagger).unwrap_err().to_string();
            assert!(err.contains(&format!("gold.csv:{line}: unknown label")), "{text:?}: {err}");
        }
        std::fs::write(
            &path,
            "text,label\r\n\r\nIt rained.,none\r\n\r\nDirected by Ann Lee, 2004,director\r\n",
        )
        .unwrap();
        let err = read_gold(&path, &GoldColumns::default(), &tagger).unwrap_err().to_string();
        assert!(err.contains("gold.csv:5: a row of 3 cell(s)"), "{err}");
    }
}
