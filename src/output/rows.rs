//! Rows of `sentences.csv`, `documents.csv` and `errors.csv` (and their
//! `--stdout` forms, CSV or JSON Lines), rendered into memory on the
//! workers.

use std::borrow::Cow;

use crate::input::{Document, Problem};
use crate::lexicon::Lexicon;
use crate::output::summary::DocSummary;
use crate::tag::{Label, Status, TaggedDoc};
use crate::text::normalize::collapse_whitespace_into;

/// The CSV writer used for every output, writing into memory (files get
/// the bytes through their own buffer): CRLF line ends, and a small
/// buffer, as the `Vec` is the buffer.
pub fn csv_memory_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).buffer_capacity(256).from_writer(Vec::new())
}

/// Renders CSV rows into memory (no header).
pub fn csv_bytes(rows: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>) -> Vec<u8> {
    let mut w = csv_memory_writer();
    rows(&mut w).expect("writing CSV to memory cannot fail");
    w.into_inner().expect("flushing to memory cannot fail")
}

/// Whether a spreadsheet would read `cell` as a formula: it begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list for CSV
/// injection).
pub fn formula_like(cell: &str) -> bool {
    matches!(cell.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// `cell` as it is written: with `safe` (`scan --csv-safe`) a cell that a
/// spreadsheet would read as a formula ([`formula_like`]) gets a `'` in
/// front, so it shows as text; otherwise exact (spans stay checkable).
///
/// ```
/// use rolecall::output::rows::cell;
/// assert_eq!(cell("=HYPERLINK(\"http://x\")", true), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(cell("=1+2", false), "=1+2");
/// assert_eq!(cell("Directed by Ann.", true), "Directed by Ann.");
/// ```
pub fn cell(cell: &str, safe: bool) -> Cow<'_, str> {
    if safe && formula_like(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// A header row as it is written (see [`cell`]).
pub fn header_row<'a>(
    w: &mut csv::Writer<Vec<u8>>,
    header: impl IntoIterator<Item = &'a str>,
    safe: bool,
) -> csv::Result<()> {
    w.write_record(header.into_iter().map(|h| cell(h, safe).into_owned()))
}

/// Which units go to `sentences.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum SentenceRows {
    /// Units labelled other than `none`.
    #[default]
    Tagged,
    /// Every unit.
    All,
    /// None (the file has only its header).
    None,
}

/// How rows are written: CSV (the files, and `--stdout` by default) or
/// JSON Lines (`--format jsonl`, one object per row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum RowFormat {
    /// RFC 4180 CSV with CRLF line ends.
    #[default]
    Csv,
    /// One JSON object per line, keys named as the CSV columns.
    Jsonl,
}

/// How spans are written: byte offsets into the original document
/// (`start, end`), or Unicode code points (`start_char, end_char`: what
/// Python and R slice strings by).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Offsets {
    /// Bytes of the original document.
    #[default]
    Bytes,
    /// Code points of the document's text as decoded: UTF-8 with each
    /// invalid sequence one U+FFFD (Python's `bytes.decode("utf-8",
    /// errors="replace")`, a UTF-8 BOM kept as U+FEFF), UTF-16 decoded
    /// without its BOM, a record's text field as a string, HTML as the
    /// reduced text.
    Chars,
}

impl Offsets {
    /// The names of the span columns.
    pub fn columns(self) -> [&'static str; 2] {
        match self {
            Offsets::Bytes => ["start", "end"],
            Offsets::Chars => ["start_char", "end_char"],
        }
    }
}

/// How a block's spans are written: where the block starts (its first
/// byte in the original document and, for [`Offsets::Chars`], its first
/// code point) and whether rows carry a `field` column. (The last is the
/// same for every block of a run; it rides here because it decides the
/// same cells.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Base {
    /// Bytes of the document before the block.
    pub byte: u64,
    /// Code points before the block, when spans are written in code points.
    pub char: Option<u64>,
    /// Rows carry a `field` column (several text fields): a document
    /// without fields (a text or HTML file in the same scan) writes it
    /// empty, so that every row has the header's number of cells.
    pub parts: bool,
}

/// Code point offsets of increasing byte positions in a text, counted
/// forward from the last position asked (from the start when a position
/// goes back).
struct CharPos<'a> {
    text: &'a str,
    byte: usize,
    chars: u64,
}

impl<'a> CharPos<'a> {
    fn new(text: &'a str) -> Self {
        CharPos { text, byte: 0, chars: 0 }
    }

    fn at(&mut self, pos: usize) -> u64 {
        if pos < self.byte {
            (self.byte, self.chars) = (0, 0);
        }
        self.chars += self.text[self.byte..pos].chars().count() as u64;
        self.byte = pos;
        self.chars
    }
}

/// A span as written: original bytes, or code points from the block's base.
///
/// In a record of several text fields the span is counted from the start
/// of its field, whose name comes first; `part_chars` counts the code
/// points before each field's start (positions only grow, as `chars`').
fn written_span<'d>(
    doc: &'d Document,
    span: crate::text::span::Span,
    base: Base,
    chars: &mut CharPos<'_>,
    part_chars: &mut CharPos<'_>,
) -> (Option<&'d str>, u64, u64) {
    let o = doc.map.span_to_original(span);
    let part = doc.part_of(o.start);
    let no_field = base.parts.then_some("");
    match (base.char, part) {
        (Some(c), None) => (no_field, c + chars.at(span.start), c + chars.at(span.end)),
        (None, None) => (no_field, base.byte + o.start as u64, base.byte + o.end as u64),
        (None, Some((name, start))) => (Some(name), (o.start - start) as u64, (o.end - start) as u64),
        (Some(_), Some((name, start))) => {
            // Where the field starts in the text: the first position that
            // maps to its first original byte (after the ASCII separator, so
            // a character boundary).
            let t = partition(doc.text.len(), |t| doc.map.to_original(t) < start);
            let before = part_chars.at(t);
            (Some(name), chars.at(span.start) - before, chars.at(span.end) - before)
        }
    }
}

/// The first `t` in `0..=len` for which `below(t)` is false (`below` true
/// then false along `0..=len`).
fn partition(len: usize, below: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if below(mid) { lo = mid + 1 } else { hi = mid }
    }
    lo
}

/// The sentence rows of a document or of one block of it, rendered but
/// for the unit index, which for a block depends on the blocks before it:
/// [`RowBlock::render`] fills it in.
#[derive(Debug, Clone, Default)]
pub struct RowBlock {
    /// What comes before the unit index: the document id field.
    head: Vec<u8>,
    /// Each row from its `start` field to its line end, back to back.
    tails: Vec<u8>,
    /// Per row: the unit's index within the block, and where its tail ends.
    rows: Vec<(usize, usize)>,
}

/// What every row of document `id` begins with: its `doc` cell and the
/// separator before the unit's index (CSV), or the JSON object's start up
/// to the `sentence` value (JSON Lines).
fn row_head(id: &str, format: RowFormat, safe: bool) -> Vec<u8> {
    match format {
        RowFormat::Csv => {
            let mut h = csv_field(&cell(id, safe));
            h.push(b',');
            h
        }
        RowFormat::Jsonl => {
            let mut h = b"{\"doc\":".to_vec();
            json_string(&mut h, id);
            h.extend_from_slice(b",\"sentence\":");
            h
        }
    }
}

impl RowBlock {
    /// Renders the rows of `tagged` (units of `doc`, a block starting at
    /// `base` of its document) that `which` selects; CSV cells made safe
    /// for spreadsheets with `safe` (see [`cell`]).
    pub fn new(
        doc: &Document,
        tagged: &TaggedDoc,
        lexicon: &Lexicon,
        which: SentenceRows,
        base: Base,
        format: RowFormat,
        safe: bool,
    ) -> Self {
        let mut block = RowBlock { head: row_head(&doc.id, format, safe), ..RowBlock::default() };
        if which == SentenceRows::None {
            return block;
        }
        // The csv crate's writer (measured 1-6% slower in a whole
        // `--sentences all` scan than rows assembled by hand, which this
        // project therefore no longer keeps).
        let mut csv = csv_memory_writer();
        let mut json = Vec::new();
        let mut terms = String::new();
        let mut text = String::new();
        let mut chars = CharPos::new(&doc.text);
        let mut part_chars = CharPos::new(&doc.text);
        for (i, unit) in tagged.units.iter().enumerate() {
            if which == SentenceRows::Tagged && unit.label == Label::None {
                continue;
            }
            let (field, start, end) = written_span(doc, unit.span, base, &mut chars, &mut part_chars);
            text.clear();
            collapse_whitespace_into(&doc.text[unit.span.range()], &mut text);
            let tail = RowTail {
                field,
                span: (start, end),
                label: unit.label,
                hits: tagged.hits_of(i),
                matches: tagged.matches_of(i),
                statuses: tagged.status_of(i),
                text: &text,
            };
            match format {
                RowFormat::Jsonl => {
                    json_row_tail(&mut json, lexicon, &tail, base.char.is_some());
                    block.rows.push((i, json.len()));
                }
                RowFormat::Csv => {
                    csv_row_tail(&mut csv, lexicon, &tail, &mut terms, safe)
                        .expect("writing CSV to memory cannot fail");
                    block.rows.push((i, csv.get_ref().len()));
                }
            }
        }
        let csv = csv.into_inner().expect("flushing to memory cannot fail");
        block.tails = match format {
            RowFormat::Csv => csv,
            RowFormat::Jsonl => json,
        };
        block
    }

    /// Renders the `matches.csv` rows of `tagged` (units of `doc`, a block
    /// starting at byte `byte_base` of its document): one per match, in
    /// text order, each with its unit's index filled in by
    /// [`RowBlock::render`]. Columns after `doc, sentence`: `term, role,
    /// kind, start, end` (byte span of the match in the original
    /// document), `status` ([`Status::code`]), `cue` (the cue word that
    /// discounted it, else empty), `weight`.
    pub fn matches(doc: &Document, tagged: &TaggedDoc, lexicon: &Lexicon, base: Base, safe: bool) -> Self {
        let mut head = csv_field(&cell(&doc.id, safe));
        head.push(b',');
        let mut block = RowBlock { head, ..RowBlock::default() };
        let mut w = csv_memory_writer();
        let mut num = itoa::Buffer::new();
        let mut weight = String::new();
        let mut chars = CharPos::new(&doc.text);
        let mut part_chars = CharPos::new(&doc.text);
        for u in 0..tagged.units.len() {
            for (m, st) in tagged.matches_of(u).iter().zip(tagged.status_of(u)) {
                let t = lexicon.term(m.term);
                let (field, start, end) = written_span(doc, m.span, base, &mut chars, &mut part_chars);
                let cue = match *st {
                    Status::Discounted(_, k) | Status::NearCue(_, k) => {
                        tagged.cue_shown(lexicon, &doc.text, k)
                    }
                    _ => "",
                };
                weight.clear();
                use std::fmt::Write as _;
                let _ = write!(weight, "{}", t.weight);
                let row = (|| -> csv::Result<()> {
                    w.write_field(&*cell(&t.text, safe))?;
                    w.write_field(&*cell(lexicon.role_name(t.role), safe))?;
                    w.write_field(t.kind.as_str())?;
                    if let Some(f) = field {
                        w.write_field(&*cell(f, safe))?;
                    }
                    w.write_field(num.format(start))?;
                    w.write_field(num.format(end))?;
                    w.write_field(&*cell(&st.code(lexicon), safe))?;
                    w.write_field(&*cell(cue, safe))?;
                    w.write_field(&weight)?;
                    w.write_record(None::<&[u8]>)?;
                    w.flush()?;
                    Ok(())
                })();
                row.expect("writing CSV to memory cannot fail");
                block.rows.push((u, w.get_ref().len()));
            }
        }
        block.tails = w.into_inner().expect("flushing to memory cannot fail");
        block
    }

    /// Renders the `mentions.csv` rows (or, with [`RowFormat::Jsonl`],
    /// their JSON Lines form) of `mentions`, people found in `doc` (a block
    /// starting at `base` of its document; see [`crate::people`]): one per
    /// mention, each with its unit's index filled in by
    /// [`RowBlock::render`]. Columns after `doc, sentence`: `field` (several
    /// text fields only), `start, end` (the name's span, as for units:
    /// bytes of the original document or code points with
    /// `--offsets chars`), `name` (white space folded; a one-word mention
    /// linked to its full name), `role`, `evidence`
    /// ([`crate::people::Evidence::code`]).
    pub fn mentions(
        doc: &Document,
        mentions: &[crate::people::Mention],
        lexicon: &Lexicon,
        base: Base,
        format: RowFormat,
        safe: bool,
    ) -> Self {
        // Most documents name nobody: no head, writer or buffers for them.
        if mentions.is_empty() {
            return RowBlock::default();
        }
        let mut block = RowBlock { head: row_head(&doc.id, format, safe), ..RowBlock::default() };
        let mut w = csv_memory_writer();
        let mut json = Vec::new();
        let mut num = itoa::Buffer::new();
        let mut chars = CharPos::new(&doc.text);
        let mut part_chars = CharPos::new(&doc.text);
        let mut evidence = String::new();
        for m in mentions {
            let (field, start, end) = written_span(doc, m.span, base, &mut chars, &mut part_chars);
            let role = lexicon.role_name(m.role);
            m.evidence.code_into(lexicon, &mut evidence);
            match format {
                RowFormat::Csv => {
                    let row = (|| -> csv::Result<()> {
                        if let Some(f) = field {
                            w.write_field(&*cell(f, safe))?;
                        }
                        w.write_field(num.format(start))?;
                        w.write_field(num.format(end))?;
                        w.write_field(&*cell(&m.name, safe))?;
                        w.write_field(&*cell(role, safe))?;
                        w.write_field(&*cell(&evidence, safe))?;
                        w.write_record(None::<&[u8]>)?;
                        w.flush()?;
                        Ok(())
                    })();
                    row.expect("writing CSV to memory cannot fail");
                    block.rows.push((m.unit, w.get_ref().len()));
                }
                RowFormat::Jsonl => {
                    if let Some(f) = field {
                        json.extend_from_slice(b"\"field\":");
                        json_string(&mut json, f);
                        json.push(b',');
                    }
                    let chars = base.char.is_some();
                    json.extend_from_slice(if chars { b"\"start_char\":" } else { b"\"start\":" });
                    json.extend_from_slice(num.format(start).as_bytes());
                    json.extend_from_slice(if chars { b",\"end_char\":" } else { b",\"end\":" });
                    json.extend_from_slice(num.format(end).as_bytes());
                    json.extend_from_slice(b",\"name\":");
                    json_string(&mut json, &m.name);
                    json.extend_from_slice(b",\"role\":");
                    json_string(&mut json, role);
                    json.extend_from_slice(b",\"evidence\":");
                    json_string(&mut json, &evidence);
                    json.extend_from_slice(b"}\n");
                    block.rows.push((m.unit, json.len()));
                }
            }
        }
        block.tails = match format {
            RowFormat::Csv => w.into_inner().expect("flushing to memory cannot fail"),
            RowFormat::Jsonl => json,
        };
        block
    }

    /// Appends the full rows to `out`, numbering units from `first_unit`.
    pub fn render(&self, first_unit: usize, out: &mut Vec<u8>) {
        let mut num = itoa::Buffer::new();
        let mut from = 0;
        for &(i, end) in &self.rows {
            out.extend_from_slice(&self.head);
            out.extend_from_slice(num.format(first_unit + i).as_bytes());
            out.push(b',');
            out.extend_from_slice(&self.tails[from..end]);
            from = end;
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Appends `s` as a JSON string.
fn json_string(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(&mut *out, s).expect("writing JSON to memory cannot fail");
}

/// One unit's row after its unit index: what both row formats write.
#[derive(Clone, Copy)]
struct RowTail<'a> {
    /// The text field holding the unit, in a record of several.
    field: Option<&'a str>,
    /// Span in the original document (or field), bytes or code points.
    span: (u64, u64),
    label: Label,
    /// Counted hits per role.
    hits: &'a [u32],
    matches: &'a [crate::matcher::Match],
    /// Whether each match counted (parallel to `matches`).
    statuses: &'a [Status],
    /// The unit's text, white space collapsed.
    text: &'a str,
}

/// Writes the CSV fields of a row after its unit index, through the csv
/// crate's writer into memory (flushed, so `w.get_ref()` holds the row);
/// `terms` is a reused buffer; `safe` as for [`cell`].
fn csv_row_tail(
    w: &mut csv::Writer<Vec<u8>>,
    lexicon: &Lexicon,
    row: &RowTail<'_>,
    terms: &mut String,
    safe: bool,
) -> csv::Result<()> {
    let mut num = itoa::Buffer::new();
    terms.clear();
    for (k, m) in row.matches.iter().enumerate() {
        if k > 0 {
            terms.push(';');
        }
        terms.push_str(&lexicon.term(m.term).text);
    }
    if let Some(f) = row.field {
        w.write_field(&*cell(f, safe))?;
    }
    w.write_field(num.format(row.span.0))?;
    w.write_field(num.format(row.span.1))?;
    w.write_field(&*cell(row.label.name(lexicon), safe))?;
    for &h in row.hits {
        w.write_field(num.format(h))?;
    }
    w.write_field(&*cell(terms, safe))?;
    terms.clear();
    for (k, st) in row.statuses.iter().enumerate() {
        if k > 0 {
            terms.push(';');
        }
        terms.push_str(&st.code(lexicon));
    }
    w.write_field(&*cell(terms, safe))?;
    w.write_field(&*cell(row.text, safe))?;
    w.write_record(None::<&[u8]>)?;
    Ok(w.flush()?)
}

/// A JSON Lines sentence row from its `start` key on.
fn json_row_tail(out: &mut Vec<u8>, lexicon: &Lexicon, row: &RowTail<'_>, chars: bool) {
    let RowTail { field, span: (start, end), label, hits, matches, statuses, text } = *row;
    let mut num = itoa::Buffer::new();
    if let Some(f) = field {
        out.extend_from_slice(b"\"field\":");
        json_string(out, f);
        out.push(b',');
    }
    out.extend_from_slice(if chars { b"\"start_char\":" } else { b"\"start\":" });
    out.extend_from_slice(num.format(start).as_bytes());
    out.extend_from_slice(if chars { b",\"end_char\":" } else { b",\"end\":" });
    out.extend_from_slice(num.format(end).as_bytes());
    out.extend_from_slice(b",\"label\":");
    json_string(out, label.name(lexicon));
    for (role, &h) in lexicon.roles().iter().zip(hits) {
        out.push(b',');
        json_string(out, role);
        out.push(b':');
        out.extend_from_slice(num.format(h).as_bytes());
    }
    out.extend_from_slice(b",\"terms\":[");
    for (k, m) in matches.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        json_string(out, &lexicon.term(m.term).text);
    }
    out.extend_from_slice(b"],\"statuses\":[");
    for (k, st) in statuses.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        json_string(out, &st.code(lexicon));
    }
    out.extend_from_slice(b"],\"text\":");
    json_string(out, text);
    out.extend_from_slice(b"}\n");
}

/// A `documents` row as one JSON Lines object.
///
/// `columns` names the document's fields ([`DocSummary::fields`]); a
/// missing field is `null`.
pub fn document_json(out: &mut Vec<u8>, s: &DocSummary, label_names: &[String], columns: &[String]) {
    let mut num = itoa::Buffer::new();
    out.extend_from_slice(b"{\"doc\":");
    json_string(out, &s.id);
    out.extend_from_slice(b",\"bytes\":");
    out.extend_from_slice(num.format(s.bytes).as_bytes());
    out.extend_from_slice(b",\"sentences\":");
    out.extend_from_slice(num.format(s.units).as_bytes());
    for (name, &n) in label_names.iter().zip(&s.labels) {
        out.push(b',');
        json_string(out, name);
        out.push(b':');
        out.extend_from_slice(num.format(n).as_bytes());
    }
    out.extend_from_slice(if s.about_film { b",\"about_film\":true" } else { b",\"about_film\":false" });
    out.extend_from_slice(b",\"film_signals\":");
    out.extend_from_slice(num.format(s.film_signals).as_bytes());
    for (name, value) in columns.iter().zip(&s.fields) {
        out.push(b',');
        json_string(out, name);
        out.push(b':');
        match value {
            Some(v) => json_string(out, v),
            None => out.extend_from_slice(b"null"),
        }
    }
    out.extend_from_slice(b"}\n");
}

/// One value as a CSV field (quoted when it needs to be, as the `csv`
/// crate quotes it).
fn csv_field(value: &str) -> Vec<u8> {
    // A value with no delimiter, quote or line end is written as it is
    // (the csv crate's rule for `QuoteStyle::Necessary`): no writer built
    // per block of rows (callgrind, a `--people` scan of every 10th file of
    // `c100`: 6,935 calls, 10.4 M instructions → 4.0 M).
    if !value.is_empty() && !value.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
        return value.as_bytes().to_vec();
    }
    let mut b = csv_bytes(|w| w.write_record([value]));
    b.truncate(b.len() - 2); // the record's CRLF
    b
}

/// Appends the `sentences.csv` rows of one document (or of a block of it
/// whose first unit is `first_unit` and first byte `byte_base`).
pub fn sentence_rows(
    out: &mut Vec<u8>,
    doc: &Document,
    tagged: &TaggedDoc,
    lexicon: &Lexicon,
    which: SentenceRows,
    first_unit: usize,
    byte_base: u64,
) {
    let base = Base { byte: byte_base, char: None, parts: false };
    RowBlock::new(doc, tagged, lexicon, which, base, RowFormat::Csv, false).render(first_unit, out);
}

/// The `documents.csv` row of one document (`safe` as for [`cell`]).
pub fn document_row(w: &mut csv::Writer<Vec<u8>>, s: &DocSummary, safe: bool) -> csv::Result<()> {
    let mut num = itoa::Buffer::new();
    w.write_field(&*cell(&s.id, safe))?;
    w.write_field(num.format(s.bytes))?;
    w.write_field(num.format(s.units))?;
    for &n in &s.labels {
        w.write_field(num.format(n))?;
    }
    w.write_field(if s.about_film { "true" } else { "false" })?;
    w.write_field(num.format(s.film_signals))?;
    for v in &s.fields {
        w.write_field(&*cell(v.as_deref().unwrap_or(""), safe))?;
    }
    w.write_record(None::<&[u8]>)
}

/// The `errors.csv` row of one problem (`safe` as for [`cell`]).
pub fn error_row(w: &mut csv::Writer<Vec<u8>>, p: &Problem, safe: bool) -> csv::Result<()> {
    let message = p.message();
    w.write_record([&*cell(&p.path, safe), &*cell(&message, safe)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_field_quotes_as_the_csv_crate_does() {
        for v in ["", "a", "doc-1.txt", "a,b", "say \"hi\"", "x\ny", "x\ry", " pad ", "'=1", "é\\z", "#c"] {
            let mut want = csv_bytes(|w| w.write_record([v]));
            want.truncate(want.len() - 2);
            assert_eq!(csv_field(v), want, "{v:?}");
        }
    }

    #[test]
    fn row_blocks_number_units_from_their_base() {
        use crate::tag::Tagger;
        let lex = Lexicon::builtin();
        let tagger = Tagger::new(lex.clone(), crate::text::segment::UnitMode::Sentence).unwrap();
        let doc = crate::input::decode_text("a,b.txt", b"Directed by Ann. Rain. Produced by Bo.".to_vec());
        let tagged = tagger.tag_text(&doc.text);
        let mut out = Vec::new();
        sentence_rows(&mut out, &doc, &tagged, &lex, SentenceRows::Tagged, 10, 100);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\"a,b.txt\",10,100,116,director,1,0,directed by,counted,Directed by Ann.\r\n\
             \"a,b.txt\",12,123,138,producer,0,1,produced by,counted,Produced by Bo.\r\n"
        );
        // The matches of a block: offsets from its base, unit indices from its first unit.
        let mut out = Vec::new();
        RowBlock::matches(&doc, &tagged, &lex, Base { byte: 100, char: None, parts: false }, false)
            .render(10, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a,b.txt\",10,directed by,director,role,100,111,counted,,1\r\n\
             \"a,b.txt\",12,produced by,producer,role,123,134,counted,,1\r\n"
        );
    }

    #[test]
    fn csv_quotes_per_rfc4180() {
        let b = csv_bytes(|w| w.write_record(["a,b", "say \"hi\"", "plain"]));
        assert_eq!(b, b"\"a,b\",\"say \"\"hi\"\"\",plain\r\n");
    }
}
