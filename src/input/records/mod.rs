//! Record formats: JSON Lines, JSON arrays, CSV/TSV and WARC/WET, plain or
//! gzip'd; and HTML files, reduced to text.
//!
//! A record file holds many documents. A [`RecordReader`] cuts the
//! (decompressed) stream into [`RawRecord`]s on the reading thread, cheaply:
//! lines, CSV rows, WARC records by their `Content-Length`. The costly part,
//! [`extract`] (JSON parsing, HTML to text), runs on the workers. A record
//! that is malformed becomes a [`RecordError`] with its line or record
//! number and the reader goes on with the next one; only a failure of the
//! stream itself (a truncated gzip file, an I/O error) ends the file.
//!
//! ```
//! use rolecall::input::records::{Fields, Format, RecordReader, extract};
//! let data = b"{\"id\": 7, \"text\": \"Directed by Ann.\"}\n{\"id\": 8,}\n";
//! let mut reader = RecordReader::new(Format::Jsonl, Box::new(&data[..]), &Fields::default());
//! let first = reader.next().unwrap().unwrap();
//! let doc = extract(first, &Fields::default()).unwrap().unwrap();
//! assert_eq!((doc.id.as_str(), doc.text.as_slice()), ("7", &b"Directed by Ann."[..]));
//! let second = reader.next().unwrap().unwrap(); // cut, not yet parsed
//! assert!(extract(second, &Fields::default()).unwrap_err().to_string().starts_with("line 2: invalid JSON"));
//! assert!(reader.next().is_none());
//! ```

use std::io::BufRead;
use std::path::Path;

mod delimited;
mod http;
mod json;
mod lines;
mod warc;

pub use crate::input::problem::{BodyFault, Place, RecordError, RecordFault};
pub(crate) use http::decode_with;
pub use http::{BodyText, HttpFault, response_text};

use delimited::DelimitedReader;
use json::ArrayReader;
use lines::next_line;
use warc::WarcReader;

#[cfg(feature = "html")]
pub use http::html_to_text;

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// The whole input is one document.
    Text,
    /// JSON Lines: one JSON object per line (also `ndjson`).
    #[cfg_attr(feature = "cli", value(alias = "ndjson"))]
    Jsonl,
    /// A JSON array of objects, one record each.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row (also `tab`).
    #[cfg_attr(feature = "cli", value(alias = "tab"))]
    Tsv,
    /// WARC or WET (also `wet`): `response` and `conversion` records are
    /// documents.
    #[cfg_attr(feature = "cli", value(alias = "wet"))]
    Warc,
    /// HTML (also `htm`, `xhtml`): the whole input is one document, reduced
    /// to text.
    #[cfg_attr(feature = "cli", value(aliases = ["htm", "xhtml"]))]
    Html,
}

impl Format {
    /// The format a file name implies, and whether it is gzip'd (`.gz`).
    ///
    /// ```
    /// use rolecall::input::records::Format;
    /// use std::path::Path;
    /// assert_eq!(Format::detect(Path::new("a/news.jsonl.gz")), (Format::Jsonl, true));
    /// assert_eq!(Format::detect(Path::new("CC-NEWS-1.warc.wet.gz")), (Format::Warc, true));
    /// assert_eq!(Format::detect(Path::new("notes.TXT")), (Format::Text, false));
    /// assert_eq!(Format::detect(Path::new("movies.json.gz")), (Format::Json, true));
    /// assert_eq!(Format::detect(Path::new("page.HTM")), (Format::Html, false));
    /// ```
    pub fn detect(path: &Path) -> (Format, bool) {
        let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        let (stem, gz) = match name.strip_suffix(".gz") {
            Some(s) => (s, true),
            None => (name.as_str(), false),
        };
        let ext = stem.rsplit_once('.').map_or("", |(_, e)| e);
        let format = match ext {
            "jsonl" | "ndjson" => Format::Jsonl,
            "json" => Format::Json,
            "html" | "htm" | "xhtml" => Format::Html,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "warc" | "wet" => Format::Warc,
            _ => Format::Text,
        };
        (format, gz)
    }
}

/// Where the text and id of a record are (`--text-field`, `--id-field`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// JSON: a dotted path (`article.body`); CSV/TSV: a column name.
    pub text: String,
    /// As `text`; when the record has no such field its line number (its
    /// 0-based index in a JSON array) is the id.
    pub id: String,
    /// True when the user named the id field (`--id-field`): then a header
    /// or record without it is an error listing the fields, not a silent
    /// fall back to line numbers.
    pub id_required: bool,
    /// Fields copied into `documents.csv` (`--keep-field`): dotted paths
    /// (JSON) or column names (CSV/TSV). WARC records have none.
    pub keep: Vec<String>,
    /// More text fields tagged with `text` (`--text-field title,body`):
    /// the parts are joined with [`PART_SEPARATOR`], a blank line, so no
    /// unit crosses from one to the next. A record without one (or with
    /// `null`) has it empty.
    pub also: Vec<String>,
    /// CSV/TSV: the byte between fields (`--delimiter`), in place of the
    /// format's own (`,` for CSV, a tab for TSV); `None` keeps that. Any
    /// ASCII byte but `"`, CR and LF (the caller checks).
    pub delimiter: Option<u8>,
}

/// The delimiter byte a `--delimiter` value names: one ASCII character,
/// or `\t` / `tab` (any case) for a tab.
///
/// # Errors
/// Why the value is no delimiter, in words, for the caller to put after
/// its option's name: more than one character, a character that is not
/// ASCII, a letter or digit (`--delimiter \t` unquoted reaches a program as
/// `t`), `"` or a line end (they frame CSV cells and rows).
///
/// ```
/// use rolecall::input::records::delimiter_byte;
/// assert_eq!(delimiter_byte(";"), Ok(b';'));
/// assert_eq!(delimiter_byte("TAB"), Ok(b'\t'));
/// assert!(delimiter_byte("t").unwrap_err().contains("a tab unquoted?"));
/// ```
pub fn delimiter_byte(value: &str) -> Result<u8, String> {
    match value {
        v if v == "\\t" || v.eq_ignore_ascii_case("tab") => Ok(b'\t'),
        v if v.len() == 1 && !v.as_bytes()[0].is_ascii_alphanumeric() && !matches!(v, "\"" | "\n" | "\r") => {
            Ok(v.as_bytes()[0])
        }
        v => {
            let quote = if v == "t" { " (a tab unquoted? write '\\t' or tab)" } else { "" };
            Err(format!(
                "give one ASCII character other than a letter, a digit, a quote or a line end, such as ';' \
                 or '|', or \\t for a tab{quote}"
            ))
        }
    }
}

/// What joins the text fields of a record (a blank line: units never
/// cross it).
pub const PART_SEPARATOR: &str = "\n\n";

impl Default for Fields {
    fn default() -> Self {
        Fields {
            text: "text".into(),
            id: "id".into(),
            id_required: false,
            keep: Vec::new(),
            also: Vec::new(),
            delimiter: None,
        }
    }
}

impl Fields {
    /// The names of the text fields, in order (`text`, then `also`).
    pub fn text_fields(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.text).chain(&self.also)
    }

    /// [`Fields::text_fields`] for a message.
    pub fn wanted(&self) -> crate::input::fault::Wanted {
        crate::input::fault::Wanted(self.text_fields().cloned().collect())
    }

    /// The text fields whose entry of `found` ([`Extracted::texts_found`]
    /// order) is false; none when `found` is empty (one text field).
    pub fn not_found(&self, found: &[bool]) -> crate::input::fault::Wanted {
        let names = self.text_fields().zip(found).filter(|(_, f)| !**f).map(|(n, _)| n.clone());
        crate::input::fault::Wanted(names.collect())
    }
}

impl RawRecord {
    /// A record at `place` of `payload` alone (its id if the reader knows
    /// it): no kept fields, columns, parts or note, as the JSON and WARC
    /// readers hand them out.
    pub fn new(place: Place, id: Option<String>, payload: Payload) -> RawRecord {
        RawRecord {
            place,
            id,
            payload,
            kept: Vec::new(),
            columns: Vec::new(),
            parts: Vec::new(),
            texts_found: Vec::new(),
            note: None,
        }
    }
}

impl Extracted {
    /// A document of `text` alone: no fields, parts or notes (for
    /// [`crate::input::decode_record`] outside a scan).
    pub fn plain(id: String, text: Vec<u8>) -> Extracted {
        Extracted {
            id,
            text,
            transcoded: None,
            repaired: None,
            kept: Vec::new(),
            fields_seen: Vec::new(),
            parts: Vec::new(),
            texts_found: Vec::new(),
            note: None,
        }
    }
}

/// A record cut from its file but not yet decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// Where it is: `line N`, `record N` or `element N (byte B)`.
    pub place: Place,
    /// Its id, when the reader already knows it (CSV, WARC).
    pub id: Option<String>,
    /// Its content.
    pub payload: Payload,
    /// The kept fields ([`Fields::keep`]) when the reader already knows
    /// them (CSV/TSV): `None` for a column the file lacks. Empty otherwise.
    pub kept: Vec<Option<String>>,
    /// The file's column names, given only when a kept field is missing
    /// (for the message that lists the fields seen).
    pub columns: Vec<String>,
    /// With several text fields: the byte offset of each in the text.
    pub parts: Vec<usize>,
    /// With several text fields: whether the record has each, in order
    /// (JSON: the field is there, `null` included; CSV/TSV: the header
    /// has the column). Empty otherwise.
    pub texts_found: Vec<bool>,
    /// A note the reader took about the record, to report with it though
    /// it is read: an empty id cell (CSV/TSV), its line number the id.
    pub note: Option<RecordError>,
}

/// What a record holds, before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// One JSON Lines line or JSON array element.
    Json(Vec<u8>),
    /// The text itself (a CSV field, a WET conversion record).
    Text(Vec<u8>),
    /// An HTTP response (WARC `response` record): headers and body.
    Http {
        /// The record's block: the HTTP head and body.
        block: Vec<u8>,
        /// The record's `WARC-Identified-Payload-Type`, when it has one.
        identified: Option<String>,
    },
}

impl Payload {
    /// The payload's size in bytes.
    pub fn len(&self) -> usize {
        match self {
            Payload::Json(b) | Payload::Text(b) | Payload::Http { block: b, .. } => b.len(),
        }
    }

    /// True when the payload holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Text decoded from a charset other than UTF-8 (a WARC body's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transcoded {
    /// The encoding's name ("windows-1252", "UTF-16LE"…).
    pub encoding: &'static str,
    /// Malformed sequences replaced with U+FFFD.
    pub replaced: u64,
}

/// A document taken out of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The record's id (without the file's path).
    pub id: String,
    /// Its text, as bytes (decoded and repaired like any document).
    pub text: Vec<u8>,
    /// Set when the text was decoded from another charset: spans then
    /// index the decoded UTF-8 text.
    pub transcoded: Option<Transcoded>,
    /// What was repaired while the text was taken out, reported with it:
    /// invalid UTF-8 in an HTML body replaced before it was reduced to text
    /// ([`ProblemKind::HtmlRepaired`]).
    ///
    /// [`ProblemKind::HtmlRepaired`]: crate::input::ProblemKind::HtmlRepaired
    pub repaired: Option<crate::input::ProblemKind>,
    /// The values of [`Fields::keep`], in order: `None` where the record
    /// lacks the field (JSON `null` is `Some("")`; numbers, booleans,
    /// arrays and objects as JSON text).
    pub kept: Vec<Option<String>>,
    /// The record's field names (top-level JSON keys or CSV columns, at
    /// most 20), given only when a kept field is missing.
    pub fields_seen: Vec<String>,
    /// With several text fields ([`Fields::also`]): the byte offset of
    /// each in `text`, in order (empty otherwise).
    pub parts: Vec<usize>,
    /// With several text fields: whether the record has each, in order
    /// (JSON: the field is there, `null` included; CSV/TSV: the header
    /// has the column). Empty otherwise.
    pub texts_found: Vec<bool>,
    /// A note about the record, to report with it though it is tagged
    /// ([`RecordFault::is_note`]): an id field that holds no id (an
    /// object, an array, a boolean, `""`; an empty CSV/TSV cell), its line
    /// number (a JSON array element's index) used instead.
    pub note: Option<RecordError>,
}

/// Lines longer than this are skipped as malformed.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// Cuts a stream into raw records.
pub struct RecordReader<'a> {
    inner: Inner<'a>,
    fields: Fields,
    done: bool,
}

enum Inner<'a> {
    Lines {
        input: Box<dyn BufRead + 'a>,
        line: u64,
        /// The records read ahead ([`lines::look_ahead`]); `None` before.
        ahead: Option<std::collections::VecDeque<Result<RawRecord, RecordError>>>,
    },
    Array(ArrayReader<'a>),
    Csv(Box<DelimitedReader<'a>>),
    Warc(WarcReader<'a>),
    /// Text and HTML inputs are documents, not record files: no records.
    Text,
}

impl<'a> RecordReader<'a> {
    /// A reader of `format` records from `input` (already decompressed).
    pub fn new(format: Format, input: Box<dyn BufRead + 'a>, fields: &Fields) -> RecordReader<'a> {
        let inner = match format {
            Format::Jsonl => Inner::Lines { input, line: 0, ahead: None },
            Format::Json => Inner::Array(ArrayReader::new(input)),
            Format::Csv => {
                Inner::Csv(Box::new(DelimitedReader::new(input, fields.delimiter.unwrap_or(b','))))
            }
            Format::Tsv => {
                Inner::Csv(Box::new(DelimitedReader::new(input, fields.delimiter.unwrap_or(b'\t'))))
            }
            Format::Warc => Inner::Warc(WarcReader::new(input)),
            Format::Text | Format::Html => Inner::Text,
        };
        RecordReader { inner, fields: fields.clone(), done: false }
    }
}

impl Iterator for RecordReader<'_> {
    type Item = Result<RawRecord, RecordError>;

    /// The next record, a bad one, or `None` at the end (and after a fatal error).
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = match &mut self.inner {
            Inner::Lines { input, line, ahead } => {
                let ahead = ahead.get_or_insert_with(|| lines::look_ahead(input, line));
                ahead.pop_front().or_else(|| next_line(input, line))
            }
            Inner::Array(a) => a.next_record(),
            Inner::Csv(rows) => rows.next_record(&self.fields),
            Inner::Warc(w) => w.next_record(),
            Inner::Text => None,
        };
        match &next {
            None => self.done = true,
            Some(Err(e)) if e.fatal() => self.done = true,
            _ => {}
        }
        next
    }
}

/// The first characters (at most 20, then `…`) of `line` when it starts
/// as no JSON value or line of pretty-printed JSON does (after white
/// space): not `{`, `[`, `}`, `]`, `,`, `:`, `"`, a digit,
/// `-`, `true`, `false` or `null`. `None` for a line that may be JSON.
fn prose_start(line: &[u8]) -> Option<String> {
    let at = line.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &line[at..];
    // (`}`, `]`, `,` and `:` open the lines of pretty-printed JSON.)
    let json_like = matches!(rest[0], b'{' | b'[' | b'}' | b']' | b',' | b':' | b'"' | b'-' | b'0'..=b'9')
        || [&b"true"[..], b"false", b"null"].iter().any(|w| rest.starts_with(w));
    if json_like {
        return None;
    }
    let text = String::from_utf8_lossy(&rest[..rest.len().min(80)]);
    let text = text.trim_end();
    let shown: String = text.chars().take(20).collect();
    let more = if text.chars().count() > 20 { "…" } else { "" };
    Some(format!("{shown}{more}"))
}

/// A JSON record parsed.
struct ParsedJson {
    /// Its value; bytes that were not UTF-8 are U+FFFD in it.
    value: serde_json::Value,
    /// When it was not UTF-8: its value with each such byte a mark
    /// ([`MARKS`]), for the text fields to keep them.
    marked: Option<serde_json::Value>,
    /// When it was not UTF-8 and could not be marked: how many sequences
    /// were replaced with U+FFFD in the text too.
    lossy: Option<Transcoded>,
    /// The bytes parsed (the record, or its copy made UTF-8), for
    /// [`number_text`] to read a number as written.
    source: Vec<u8>,
}

/// The first of the code points that stand for bytes that are not UTF-8
/// while a JSON record is parsed (serde_json takes only UTF-8): byte `b`
/// (0x80 to 0xFF) is `MARKS + b`, the last 128 code points of plane 16
/// (private use).
const MARKS: u32 = 0x10_FF00;

/// Parses a JSON record. Fast when it is UTF-8; when it is not (Latin-1
/// bytes, say), each bad byte is parsed as its mark, so the text fields get
/// their bytes back ([`unmark`]) and are repaired as CSV fields are, with
/// spans into their bytes and the offset of the first bad one. A record
/// that may hold marks of its own (their UTF-8, or `\udbff` escapes) has its
/// bad bytes replaced with U+FFFD instead, noted as [`Transcoded`].
///
/// # Errors
/// Why the record is not JSON ([`json_detail`]).
fn parse_json(line: Vec<u8>) -> Result<ParsedJson, String> {
    let e = match serde_json::from_slice(&line) {
        Ok(value) => return Ok(ParsedJson { value, marked: None, lossy: None, source: line }),
        Err(e) => e,
    };
    if std::str::from_utf8(&line).is_ok() {
        return Err(json_detail(&e, &line, None));
    }
    let own_marks = memchr::memmem::find(&line, b"\xf4\x8f").is_some()
        || line.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\udbff"));
    let mut replaced = 0;
    let fixed = crate::input::replace_invalid_utf8(line, |bad, text| {
        replaced += 1;
        if own_marks {
            text.push('\u{fffd}');
        } else {
            text.extend(bad.iter().map(|&b| char::from_u32(MARKS + u32::from(b)).expect("plane 16")));
        }
    });
    let parsed: serde_json::Value = serde_json::from_str(&fixed.text)
        .map_err(|e| json_detail(&e, fixed.text.as_bytes(), Some(&fixed.map)))?;
    let source = fixed.text.into_bytes();
    if own_marks {
        let lossy = Some(Transcoded { encoding: "UTF-8", replaced });
        return Ok(ParsedJson { value: parsed, marked: None, lossy, source });
    }
    let mut value = parsed.clone();
    unmark_all(&mut value);
    Ok(ParsedJson { value, marked: Some(parsed), lossy: None, source })
}

/// A marked string's bytes: each mark ([`MARKS`]) the byte it stands for.
fn unmark(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        match u32::from(c).checked_sub(MARKS) {
            Some(b @ 0x80..=0xff) => out.push(b as u8),
            _ => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    out
}

/// Every string and key of `value` with its marks repaired as U+FFFD, as
/// the bytes they stand for would be (one per bad sequence).
fn unmark_all(value: &mut serde_json::Value) {
    let clean = |s: &str| String::from_utf8_lossy(&unmark(s)).into_owned();
    match value {
        serde_json::Value::String(s) => *s = clean(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(unmark_all),
        serde_json::Value::Object(m) => {
            *m = std::mem::take(m)
                .into_iter()
                .map(|(k, mut v)| {
                    unmark_all(&mut v);
                    (clean(&k), v)
                })
                .collect();
        }
        _ => {}
    }
}

/// serde_json's description of why `record` is not JSON, its place given
/// as a byte offset into the record (serde_json counts lines and columns
/// within the record, which read as the file's own lines would mislead);
/// `map` takes it back to the record's own bytes when `record` is a
/// repaired copy.
fn json_detail(e: &serde_json::Error, record: &[u8], map: Option<&crate::text::span::OffsetMap>) -> String {
    let text = e.to_string();
    if e.line() == 0 {
        return text;
    }
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let what = text.strip_suffix(&suffix).unwrap_or(&text);
    // The line's start: after the record's (line - 1)th newline.
    let line_start = match e.line() {
        1 => 0,
        line => {
            record.iter().enumerate().filter(|&(_, &b)| b == b'\n').nth(line - 2).map_or(0, |(i, _)| i + 1)
        }
    };
    let at = (line_start + e.column()).saturating_sub(1).min(record.len());
    let hint = control_hint(what, record, at, map);
    let at = map.map_or(at, |m| m.to_original(at));
    format!("{what}, at byte {at} of the record{hint}")
}

/// What to do about a control character that broke `record` at `at`: a
/// raw one inside a string (named, with its escape), or a lone CR (an old
/// Mac line end) that JSON reads as white space, so that two records on
/// either side of it read as one line with trailing characters.
fn control_hint(what: &str, record: &[u8], at: usize, map: Option<&crate::text::span::OffsetMap>) -> String {
    if what.starts_with("control character") {
        // The line's own end, inside a string that never closes: the line
        // was cut off, or its string holds a raw line break (its record
        // goes on in the next line); one line cannot tell which.
        let at_end =
            record.get(at.saturating_add(1)..).is_none_or(|rest| rest.iter().all(u8::is_ascii_whitespace));
        if matches!(record.get(at), Some(b'\n' | b'\r')) && at_end {
            return "; the line ends inside a string that never closes: either the line was cut off (a file truncated or still being written?), or a string holds a raw line break, which JSON Lines must write as \\n (the record then goes on in the next line, which fails too)".to_string();
        }
        let name = match record.get(at) {
            Some(b'\r') => "a carriage return (CR): write it as \\r",
            Some(b'\n') => "a line feed (LF): write it as \\n",
            Some(b'\t') => "a tab: write it as \\t",
            Some(&b) if b < 0x20 => {
                return format!("; it is byte 0x{b:02x}: in a JSON string write it as \\u{b:04x}");
            }
            _ => return String::new(),
        };
        return format!("; it is {name} in a JSON string");
    }
    if what.starts_with("EOF while parsing") {
        // (A line break inside a string fails on that character instead.)
        return "; the line ends before its JSON value does: it looks cut off (a file truncated or still being written?)"
            .to_string();
    }
    if what.starts_with("trailing characters") {
        // The white space before the trailing characters.
        let gap = record[..at].iter().rposition(|b| !b.is_ascii_whitespace()).map_or(0, |i| i + 1);
        let lone_cr = (gap..at).find(|&i| record[i] == b'\r' && record.get(i + 1) != Some(&b'\n'));
        if let Some(cr) = lone_cr {
            let cr = map.map_or(cr, |m| m.to_original(cr));
            return format!(
                "; a lone carriage return (CR) at byte {cr} separates two values: JSON Lines lines end at LF or CRLF, so the records on either side of it were read as one line (old Mac line ends?); convert lone CRs to LF (`tr '\\r' '\\n' < FILE > FIXED.jsonl`) and scan again"
            );
        }
    }
    String::new()
}

/// Turns a raw record into a document's id and text, or `None` for a
/// record that is not a document: an HTTP response that is neither HTML
/// nor text (an image, a PDF), passed over like WARC `request` records.
///
/// # Errors
/// A record that is not JSON, lacks the text field, or holds an unusable
/// HTTP message.
pub fn extract(raw: RawRecord, fields: &Fields) -> Result<Option<Extracted>, RecordError> {
    let place = raw.place;
    let fallback = || place.number().to_string();
    let fault = |fault| RecordError::new(place, fault);
    match raw.payload {
        Payload::Text(text) => Ok(Some(Extracted {
            id: raw.id.unwrap_or_else(fallback),
            text,
            transcoded: None,
            repaired: None,
            kept: if raw.kept.is_empty() { vec![None; fields.keep.len()] } else { raw.kept },
            fields_seen: raw.columns,
            parts: raw.parts,
            texts_found: raw.texts_found,
            note: raw.note,
        })),
        Payload::Json(line) => {
            // A line of JSON Lines that does not even start as JSON does (a
            // line of prose: serde's "expected ident" was a trial's puzzle)
            // is said to be text, in its own first words.
            let prose = prose_start(&line).filter(|_| matches!(place, crate::input::fault::Place::Line(_)));
            let parsed = parse_json(line).map_err(|detail| match prose {
                Some(start) => fault(RecordFault::LineNotJson { start }),
                None => fault(RecordFault::InvalidJson { detail }),
            })?;
            let value = &parsed.value;
            // (A JSON array's elements were checked to be objects as they
            // were cut; a line of JSON Lines is checked here.)
            if !value.is_object() && matches!(place, crate::input::fault::Place::Line(_)) {
                return Err(fault(RecordFault::LineNotAnObject { found: json_kind(value) }));
            }
            // The text fields keep their bytes that are not UTF-8, for
            // `decode_record` to repair as it does CSV fields.
            let marked = parsed.marked.as_ref().unwrap_or(value);
            let bytes = |s: &str| if parsed.marked.is_some() { unmark(s) } else { s.as_bytes().to_vec() };
            // Of several text fields, any may be missing or null (empty), not all.
            let several = !fields.also.is_empty();
            let any_text = || fields.text_fields().any(|f| lookup(marked, f).is_some());
            let mut text = match lookup(marked, &fields.text) {
                Some(serde_json::Value::String(s)) => bytes(s),
                Some(serde_json::Value::Null) if several => Vec::new(),
                None if several && any_text() => Vec::new(),
                Some(other) => {
                    return Err(fault(RecordFault::NotAString {
                        field: fields.text.clone(),
                        found: json_kind(other),
                    }));
                }
                None => {
                    // Nested fields as dotted paths ("article.body"): the
                    // name a nested text needs (found by a trial: only
                    // "article" was listed).
                    return Err(fault(RecordFault::NoField {
                        wanted: fields.wanted(),
                        option: "--text-field",
                        keys: paths_of(value),
                    }));
                }
            };
            let mut parts = Vec::new();
            if !fields.also.is_empty() {
                parts.push(0);
                for f in &fields.also {
                    text.extend_from_slice(PART_SEPARATOR.as_bytes());
                    parts.push(text.len());
                    match lookup(marked, f) {
                        Some(serde_json::Value::String(s)) => text.extend(bytes(s)),
                        None | Some(serde_json::Value::Null) => {}
                        Some(other) => {
                            return Err(fault(RecordFault::NotAString {
                                field: f.clone(),
                                found: json_kind(other),
                            }));
                        }
                    }
                }
            }
            let source = &parsed.source;
            let mut note = None;
            let id = match lookup(value, &fields.id) {
                Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
                Some(serde_json::Value::Number(n)) => number_text(n, source, &fields.id),
                None if fields.id_required => {
                    return Err(fault(RecordFault::NoField {
                        wanted: crate::input::fault::Wanted::one(&fields.id),
                        option: "--id-field",
                        keys: paths_of(value),
                    }));
                }
                // No id, as when the field is missing: the line number
                // (noted when the user named the field: `null` is then no id).
                None => fallback(),
                Some(serde_json::Value::Null) if !fields.id_required => fallback(),
                // Something that cannot be an id: the line number, noted,
                // as it may be another record's id.
                Some(other) => {
                    let found = match other {
                        serde_json::Value::String(_) => "an empty string",
                        other => json_kind(other),
                    };
                    let field = fields.id.clone();
                    note = Some(RecordError::new(
                        place,
                        RecordFault::IdFallback { field, column: false, found },
                    ));
                    fallback()
                }
            };
            let kept: Vec<Option<String>> = fields
                .keep
                .iter()
                .map(|k| {
                    lookup(value, k).map(|v| match v {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Null => String::new(),
                        serde_json::Value::Number(n) => number_text(n, source, k),
                        other => other.to_string(),
                    })
                })
                .collect();
            let texts_found: Vec<bool> = if fields.also.is_empty() {
                Vec::new()
            } else {
                fields.text_fields().map(|f| lookup(marked, f).is_some()).collect()
            };
            let fields_seen = if kept.iter().any(Option::is_none) || texts_found.contains(&false) {
                paths_of(value)
            } else {
                Vec::new()
            };
            let transcoded = parsed.lossy;
            Ok(Some(Extracted {
                id,
                text,
                transcoded,
                repaired: None,
                kept,
                fields_seen,
                parts,
                texts_found,
                note,
            }))
        }
        Payload::Http { block, identified } => {
            let id = raw.id.unwrap_or_else(fallback);
            let body = response_text(&block, identified.as_deref()).map_err(|e| match e {
                HttpFault::Head(detail) => fault(RecordFault::Http { id: id.clone(), detail }),
                HttpFault::Body(f) => fault(RecordFault::Body { id: id.clone(), fault: Box::new(f) }),
            })?;
            Ok(body.map(|b| Extracted {
                transcoded: b.transcoded,
                repaired: b.repaired,
                kept: vec![None; fields.keep.len()],
                ..Extracted::plain(id, b.text)
            }))
        }
    }
}

/// An HTML file's text: the document reduced to text as the HTML of WARC
/// responses is ([`html_to_text`]); spans index this text.
///
/// # Errors
/// HTML past the bounds of depth, elements or size (see the `http`
/// module), or a build without the `html` feature: why, in words.
pub fn html_file_text(html: &[u8]) -> Result<Vec<u8>, String> {
    http::html_body(html)
}

/// An HTML file's bytes as UTF-8, decoded from the charset it declares
/// (a BOM, else a `<meta charset>` or `http-equiv` `<meta>` in the first
/// 1024 bytes), else as `fallback` (`--encoding`) says, else read as UTF-8
/// (bad bytes replaced with U+FFFD); with what to note: malformed
/// sequences replaced ([`ProblemKind::Decoded`], [`ProblemKind::HtmlRepaired`]),
/// an encoding detected ([`ProblemKind::Detected`]).
///
/// [`ProblemKind::Decoded`]: crate::input::ProblemKind::Decoded
/// [`ProblemKind::HtmlRepaired`]: crate::input::ProblemKind::HtmlRepaired
/// [`ProblemKind::Detected`]: crate::input::ProblemKind::Detected
pub fn html_file_utf8(
    html: Vec<u8>,
    fallback: crate::input::Charset,
) -> (Vec<u8>, Option<crate::input::ProblemKind>) {
    use crate::input::Remedy;
    // (No BOM is left for `text_encoding` to find: `declared_charset` reads them.)
    let (encoding, bom, detected, remedy) = match http::declared_charset(&html, None, true) {
        Some((e, bom)) => (e, bom, false, Remedy::Declared),
        None => crate::input::text_encoding(&html, fallback, false)
            .map_or((encoding_rs::UTF_8, 0, false, Remedy::for_option(fallback)), |(e, detected)| {
                (e, 0, detected, Remedy::for_option(fallback))
            }),
    };
    if encoding == encoding_rs::UTF_8 {
        return http::html_utf8(html, remedy);
    }
    let (text, replaced) = decode_with(encoding, &html[bom..]);
    (text.into_bytes(), crate::input::ProblemKind::decoding(encoding.name(), detected, replaced))
}

/// Reads a whole input up to [`MAX_RECORD_BYTES`]; `Ok(None)` when it is
/// longer (the rest is not read).
///
/// # Errors
/// The stream's error.
pub fn read_whole(input: &mut dyn BufRead) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    input.take(MAX_RECORD_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() <= MAX_RECORD_BYTES).then_some(bytes))
}

/// The dotted paths of a JSON record's fields, at most 40, level by level:
/// its own field names first (`id`, `meta`, `text`), then those one object
/// down (`meta.type`, …; arrays not entered), so a message shows the names
/// a flat record needs before any nested one.
fn paths_of(v: &serde_json::Value) -> Vec<String> {
    const MOST: usize = 40;
    let mut out = Vec::new();
    let mut level = vec![(String::new(), v)];
    while !level.is_empty() && out.len() < MOST {
        let mut next = Vec::new();
        for (prefix, v) in level {
            let serde_json::Value::Object(m) = v else { continue };
            for (k, child) in m {
                let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                if out.len() < MOST {
                    out.push(path.clone());
                }
                if child.is_object() {
                    next.push((path, child));
                }
            }
        }
        level = next;
    }
    out
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A JSON number's text as its record writes it (`1E2`, `-0.50e-3`,
/// `12345678901234567890123`), never rounded through f64. serde_json holds
/// numbers as their text (its `arbitrary_precision` feature, see
/// Cargo.toml) but writes the exponent its own way (`1e+2`), so a number
/// that is not a plain integer is read again, raw, from `source` (the bytes
/// its record was parsed from) at `path`, found as [`lookup`] finds it.
fn number_text(n: &serde_json::Number, source: &[u8], path: &str) -> String {
    // A plain integer is written one way only (no `+`, no leading zero).
    if n.is_u64() || n.is_i64() {
        return n.to_string();
    }
    let raw = |keys: &[&str]| {
        let mut de = serde_json::Deserializer::from_slice(source);
        serde::de::DeserializeSeed::deserialize(RawAt(keys), &mut de).ok().flatten()
    };
    // As `lookup`: a key that is the whole path first.
    let found = raw(&[path]).or_else(|| {
        let steps: Vec<&str> = path.split('.').collect();
        if steps.len() > 1 { raw(&steps) } else { None }
    });
    found.map_or_else(|| n.to_string(), |r| r.get().to_string())
}

/// Finds the raw JSON at a path of keys (array indices for arrays),
/// passing over the rest unparsed; the last of duplicate keys wins, as in
/// a parsed `serde_json::Value`.
struct RawAt<'k>(&'k [&'k str]);

/// One step of [`RawAt`]: `key` in the value met, then `rest` below it.
struct Step<'k> {
    key: &'k str,
    rest: &'k [&'k str],
}

type Raw = Option<Box<serde_json::value::RawValue>>;

impl<'de> serde::de::DeserializeSeed<'de> for RawAt<'_> {
    type Value = Raw;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        match self.0.split_first() {
            None => serde::Deserialize::deserialize(d).map(Some),
            Some((key, rest)) => d.deserialize_any(Step { key, rest }),
        }
    }
}

impl<'de> serde::de::Visitor<'de> for Step<'_> {
    type Value = Raw;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == self.key {
                found = map.next_value_seed(RawAt(self.rest))?;
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let index = self.key.parse::<usize>().ok();
        let (mut found, mut i) = (None, 0);
        loop {
            if index == Some(i) {
                match seq.next_element_seed(RawAt(self.rest))? {
                    Some(raw) => found = raw,
                    None => break,
                }
            } else if seq.next_element::<serde::de::IgnoredAny>()?.is_none() {
                break;
            }
            i += 1;
        }
        Ok(found)
    }

    // A scalar has nothing below it.
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Raw, E> {
        Ok(None)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Raw, E> {
        Ok(None)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Raw, E> {
        Ok(None)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Raw, E> {
        Ok(None)
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Raw, E> {
        Ok(None)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Raw, E> {
        Ok(None)
    }
}

/// Follows a dotted path (`a.b.0.c`) through objects and arrays.
fn lookup<'v>(value: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    if let Some(v) = value.get(path) {
        return Some(v); // a key that itself has dots
    }
    path.split('.').try_fold(value, |v, key| match v {
        serde_json::Value::Object(m) => m.get(key),
        serde_json::Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::open::{gunzip, is_gzip};

    fn all(format: Format, data: &[u8], fields: &Fields) -> Vec<Result<Extracted, String>> {
        let r = RecordReader::new(format, Box::new(data), fields);
        let mut out = Vec::new();
        for next in r {
            match next {
                Ok(raw) => match extract(raw, fields) {
                    Ok(Some(doc)) => out.push(Ok(doc)),
                    Ok(None) => {}
                    Err(e) => out.push(Err(e.to_string())),
                },
                Err(e) => out.push(Err(e.to_string())),
            }
        }
        out
    }

    fn ok(id: &str, text: &str) -> Result<Extracted, String> {
        Ok(Extracted::plain(id.into(), text.as_bytes().to_vec()))
    }

    #[test]
    fn json_errors_give_a_byte_of_the_record_not_serde_lines() {
        // A trailing comma on one line; a bad element over two lines.
        let got = all(Format::Jsonl, b"{\"text\": \"a\",}\n", &Fields::default());
        assert_eq!(got[0], Err("line 1: invalid JSON (trailing comma, at byte 13 of the record), skipped; if the file is not JSON Lines (one object per line), give its format with --input-format".into()));
        let e = serde_json::from_slice::<serde_json::Value>(b"{\"a\":\n  tru}").unwrap_err();
        assert_eq!(json_detail(&e, b"{\"a\":\n  tru}", None), "expected ident, at byte 11 of the record");
    }

    #[test]
    fn jsonl_lone_carriage_returns_are_named_with_what_to_do() {
        // A lone CR between records: JSON white space, so the line holds
        // two values; the row says where the CR is and what to do.
        let data = b"{\"id\":\"a\",\"text\":\"One.\"}\r{\"id\":\"b\",\"text\":\"Two.\"}\n{\"id\":\"c\",\"text\":\"Three.\"}\n";
        let got = all(Format::Jsonl, data, &Fields::default());
        assert_eq!(got.len(), 2, "{got:?}");
        let said = got[0].as_ref().unwrap_err();
        assert!(said.starts_with("line 1: invalid JSON (trailing characters, at byte 25 of the record; a lone carriage return (CR) at byte 24 separates two values: JSON Lines lines end at LF or CRLF"), "{said}");
        assert!(said.contains("convert lone CRs to LF (`tr '\\r' '\\n' < FILE > FIXED.jsonl`)"), "{said}");
        assert_eq!(got[1], ok("c", "Three."));
        // A lone CR between the fields of one record is white space: read.
        let got = all(Format::Jsonl, b"{\"id\":\"a\",\r\"text\":\"One.\"}\r\n", &Fields::default());
        assert_eq!(got, [ok("a", "One.")]);
        // A raw CR inside a string is not JSON: named, with its escape.
        let got = all(
            Format::Jsonl,
            b"{\"text\":\"One.\rTwo.\"}\n{\"text\":\"x\ty\"}\n{\"text\":\"\x01\"}\n",
            &Fields::default(),
        );
        let said = got[0].as_ref().unwrap_err();
        assert!(
            said.contains(
                "at byte 13 of the record; it is a carriage return (CR): write it as \\r in a JSON string)"
            ),
            "{said}"
        );
        assert!(
            got[1].as_ref().unwrap_err().contains("it is a tab: write it as \\t in a JSON string"),
            "{got:?}"
        );
        assert!(
            got[2].as_ref().unwrap_err().contains("it is byte 0x01: in a JSON string write it as \\u0001"),
            "{got:?}"
        );
        // A line cut off inside a string (found by a trial: it was told to
        // escape its own line end): said to look cut off; the next is read.
        let got = all(
            Format::Jsonl,
            b"{\"id\":\"a\",\"text\":\"Dead\n{\"id\":\"b\",\"text\":\"B.\"}\n",
            &Fields::default(),
        );
        let said = got[0].as_ref().unwrap_err();
        assert!(
            said.contains("the line ends inside a string that never closes: either the line was cut off"),
            "{said}"
        );
        assert!(
            said.contains("or a string holds a raw line break, which JSON Lines must write as \\n"),
            "{said}"
        );
        assert!(!said.contains("write it as"), "{said}");
        assert_eq!(got[1], ok("b", "B."));
        // A last line cut inside a string (no line end follows) or a line
        // cut between values: said to look cut off.
        for data in [&b"{\"id\":\"a\",\"text\":\"Dea"[..], b"{\"id\":\"a\",\"text\":\"D\"\n"] {
            let said = all(Format::Jsonl, data, &Fields::default())[0].clone().unwrap_err();
            assert!(said.contains("EOF while parsing") && said.contains("it looks cut off"), "{said}");
        }
        // Trailing characters after a space are not about a CR.
        let said = all(Format::Jsonl, b"{\"text\":\"a\"} x\n", &Fields::default())[0].clone().unwrap_err();
        assert!(!said.contains("carriage"), "{said}");
    }

    #[test]
    fn jsonl_fields_ids_and_bad_lines() {
        let data = b"{\"id\":\"a\",\"text\":\"One.\"}\n\n{\"text\":\"Two.\"}\n{oops\n{\"id\":3,\"text\":5}\n\
            {\"id\":4}\n{\"id\":5,\"text\":\"caf\\u00e9\"}";
        let got = all(Format::Jsonl, data, &Fields::default());
        assert_eq!(got[0], ok("a", "One."));
        assert_eq!(got[1], ok("3", "Two.")); // no id: the line number
        assert_eq!(
            got[2],
            Err("line 4: invalid JSON (key must be a string, at byte 1 of the record), skipped".into())
        );
        assert_eq!(got[3], Err("line 5: field `text` is a number, not a string, skipped".into()));
        assert_eq!(
            got[4],
            Err("line 6: no field `text` (its fields: id), skipped; --text-field names the field to read"
                .into())
        );
        assert_eq!(got[5], ok("5", "café"));
        assert_eq!(got.len(), 6);
    }

    /// Found by a trial: numeric ids went through f64 (two long ids became
    /// one, `1E2` became `100.0`, `1e400` made the record invalid JSON).
    /// A number keeps its text as written, wherever the id path leads.
    #[test]
    fn numeric_ids_keep_their_text_as_written() {
        let cases: [(&[u8], &str, &str); 13] = [
            (b"{\"id\":12345678901234567890123}", "id", "12345678901234567890123"),
            (b"{\"id\":12345678901234567890124}", "id", "12345678901234567890124"),
            (b"{\"id\":-12345678901234567890124}", "id", "-12345678901234567890124"),
            (b"{\"id\":1E2}", "id", "1E2"),
            (b"{\"id\": 1e400 }", "id", "1e400"),
            (b"{\"id\":-0.50e-3}", "id", "-0.50e-3"),
            (b"{\"id\":7.0}", "id", "7.0"),
            // Plain integers as before (serde_json's own digits).
            (b"{\"id\":42}", "id", "42"),
            (b"{\"id\":-0}", "id", "-0"),
            // A path through objects and arrays; a key holding dots; the
            // last of duplicate keys, as the parsed record has it.
            (b"{\"meta\":{\"n\":[1,2.0E+1]}}", "meta.n.1", "2.0E+1"),
            (b"{\"a.b\":1E1,\"a\":{\"b\":2E2}}", "a.b", "1E1"),
            (b"{\"id\":1E1,\"x\":[{\"id\":3E3}],\"id\":2E2}", "id", "2E2"),
            // A record that is not UTF-8 (read through its repaired copy).
            (b"{\"id\":1E2,\"x\":\"caf\xe9\"}", "id", "1E2"),
        ];
        for (record, path, want) in cases {
            let fields = Fields { id: path.into(), ..Fields::default() };
            let mut line = record[..record.len() - 1].to_vec();
            line.extend_from_slice(b",\"text\":\"T.\"}\n");
            let got = all(Format::Jsonl, &line, &fields);
            assert_eq!(got.len(), 1, "{}", String::from_utf8_lossy(record));
            assert_eq!(
                got[0].as_ref().map(|d| d.id.as_str()),
                Ok(want),
                "{}",
                String::from_utf8_lossy(record)
            );
        }
        // A JSON array's elements too; and an out-of-range number in
        // another field no longer makes the record invalid.
        let got = all(
            Format::Json,
            b"[{\"id\":1E2,\"text\":\"a\"},{\"id\":\"s\",\"n\":-1e999,\"text\":\"b\"}]",
            &Fields::default(),
        );
        assert_eq!(got, [ok("1E2", "a"), ok("s", "b")]);
    }

    /// Kept fields that are numbers are kept as written too.
    #[test]
    fn kept_numbers_are_kept_as_written() {
        let fields = Fields { keep: vec!["n".into(), "m.v".into()], ..Fields::default() };
        let data = b"{\"n\":1E2,\"m\":{\"v\":1.50},\"text\":\"a\"}\n{\"n\":12345678901234567890123,\"m\":{\"v\":-3},\"text\":\"b\"}\n";
        let kept: Vec<_> = all(Format::Jsonl, data, &fields).into_iter().map(|d| d.unwrap().kept).collect();
        let some = |a: &str, b: &str| vec![Some(a.to_string()), Some(b.to_string())];
        assert_eq!(kept, [some("1E2", "1.50"), some("12345678901234567890123", "-3")]);
    }

    /// Found by a trial: an id field holding an object, an array, a boolean
    /// or `""` fell back to the line number in silence. It still does, with
    /// a note naming the place, the field, the option and what was found;
    /// a missing or null id is no id, and says nothing.
    #[test]
    fn ids_that_cannot_be_ids_give_the_line_number_and_a_note() {
        let data = b"{\"id\":{\"a\":1},\"text\":\"a\"}\n{\"id\":[1],\"text\":\"b\"}\n{\"id\":false,\"text\":\"c\"}\n\
            {\"id\":\"\",\"text\":\"d\"}\n{\"id\":null,\"text\":\"e\"}\n{\"text\":\"f\"}\n{\"id\":\"g\",\"text\":\"g\"}\n";
        let got: Vec<_> =
            all(Format::Jsonl, data, &Fields::default()).into_iter().map(Result::unwrap).collect();
        let ids: Vec<&str> = got.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "g"]);
        let notes: Vec<Option<String>> =
            got.iter().map(|d| d.note.as_ref().map(ToString::to_string)).collect();
        let note = |line: u64, found: &str| {
            Some(format!(
                "line {line}: field `id` (--id-field) is {found}, not a string or a number; the line number ({line}) is used as the id"
            ))
        };
        assert_eq!(
            notes,
            [
                note(1, "an object"),
                note(2, "an array"),
                note(3, "a boolean"),
                note(4, "an empty string"),
                None,
                None,
                None
            ]
        );
        assert!(got[0].note.as_ref().unwrap().fault.is_note() && !got[0].note.as_ref().unwrap().fatal());
        // A JSON array element: its index, and the field as named.
        let fields = Fields { id: "meta.id".into(), id_required: true, ..Fields::default() };
        let got = all(Format::Json, b"[{\"meta\":{\"id\":true},\"text\":\"a\"}]", &fields);
        let doc = got[0].as_ref().unwrap();
        assert_eq!(doc.id, "0");
        assert_eq!(
            doc.note.as_ref().unwrap().to_string(),
            "element 0 (byte 1): field `meta.id` (--id-field) is a boolean, not a string or a number; the element's index (0) is used as the id"
        );
    }

    /// Found by a trial: a folder of text files (or a CSV file) given
    /// `--input-format jsonl` wrote one "invalid JSON" row per line, 109,240
    /// for a Gutenberg folder. When none of the first non-blank lines can
    /// be a record, the file is not JSON Lines: one fatal row says so.
    #[test]
    fn a_file_none_of_whose_first_lines_is_an_object_is_not_json_lines() {
        let csv = b"id,text\n1,Directed by Ann Lee.\n\n2,Produced.\n";
        let got = all(Format::Jsonl, csv, &Fields::default());
        assert_eq!(got.len(), 1, "{got:?}");
        let e = got[0].as_ref().unwrap_err();
        assert!(e.starts_with("lines 1-4: not JSON Lines: none of the first 3 non-blank lines"), "{e}");
        assert!(e.contains("(line 1 starts \"id,text\")") && e.ends_with("file skipped"), "{e}");
        // Twenty lines are looked at, no more: the rest is not read.
        let text: Vec<u8> = (0..100).flat_map(|i| format!("line {i}\n").into_bytes()).collect();
        let got = all(Format::Jsonl, &text, &Fields::default());
        assert_eq!(got.len(), 1);
        assert!(got[0].as_ref().unwrap_err().starts_with("lines 1-20: not JSON Lines"), "{got:?}");
        // One object among the first lines: every line is read as before.
        let mixed = b"junk\n{\"text\":\"One.\"}\nmore junk\n";
        let got = all(Format::Jsonl, mixed, &Fields::default());
        assert_eq!(got.len(), 3);
        // (A line that does not start as JSON is said to be text: serde's
        // "expected ident" puzzled a trial.)
        let said = "line 1: text (\"junk\"), not JSON; a JSON Lines file holds one object per line (a file of \
                    another format: give it with --input-format), skipped";
        assert_eq!(got[0].as_ref().unwrap_err(), said, "{got:?}");
        assert_eq!(got[1], ok("2", "One."));
        assert!(
            got[2].as_ref().unwrap_err().starts_with("line 3: text (\"more junk\"), not JSON"),
            "{got:?}"
        );
        // Longer: its first twenty characters; JSON cut short is still JSON.
        let got = all(
            Format::Jsonl,
            b"{\"text\":\"One.\"}\nthis is prose, not a record at all\n{\"text\"\n",
            &Fields::default(),
        );
        assert!(
            got[1].as_ref().unwrap_err().starts_with("line 2: text (\"this is prose, not a\u{2026}\")"),
            "{got:?}"
        );
        assert!(got[2].as_ref().unwrap_err().starts_with("line 3: invalid JSON (EOF"), "{got:?}");
        // Pretty-printed JSON's lines are JSON's, not text (a review).
        for line in ["}", "},", "]", ": 1"] {
            assert_eq!(prose_start(line.as_bytes()), None, "{line}");
        }
        // An object after twenty lines that are not: the file is not read.
        let late: Vec<u8> = [&text[..], b"{\"text\":\"Late.\"}\n"].concat();
        assert_eq!(all(Format::Jsonl, &late, &Fields::default()).len(), 1);
        // Lines are numbered as in the file, blank ones too (a review).
        let got = all(Format::Jsonl, b"\n\n\nalpha\nbeta\n", &Fields::default());
        assert!(got[0].as_ref().unwrap_err().starts_with("lines 4-5: not JSON Lines"), "{got:?}");
        assert!(got[0].as_ref().unwrap_err().contains("(line 4 starts \"alpha\")"), "{got:?}");
        // Past 1 MiB read ahead, the lines go out unjudged, one row each:
        // the look-ahead holds a bounded number of bytes (a review).
        let long = "x".repeat(700_000);
        let big = format!("{long}\n{long}\n{long}\n");
        let got = all(Format::Jsonl, big.as_bytes(), &Fields::default());
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got.iter().all(|g| g.as_ref().unwrap_err().contains("), not JSON;")), "{got:?}");
    }

    /// Found by a new user: a JSON array or a CSV file read as JSON Lines
    /// (`--input-format jsonl`) was blamed on `--text-field`, or said
    /// "invalid JSON" on every line with no word of the format.
    #[test]
    fn jsonl_lines_that_are_not_objects_name_the_format() {
        let data = b"[\n\"Silent\",\n{\"text\":\"One.\"}\n[1, 2]\n";
        let got = all(Format::Jsonl, data, &Fields::default());
        let e0 = got[0].as_ref().unwrap_err();
        assert!(
            e0.starts_with("line 1: invalid JSON") && e0.ends_with("give its format with --input-format"),
            "{e0}"
        );
        // (Invalid JSON after the first line: no hint, once is enough.)
        assert!(got[1].as_ref().unwrap_err().starts_with("line 2: invalid JSON"), "{got:?}");
        assert!(!got[1].as_ref().unwrap_err().contains("--input-format"), "{got:?}");
        assert_eq!(got[2], ok("3", "One."));
        assert_eq!(
            got[3],
            Err("line 4: an array, not an object; a JSON Lines file holds one object per line (for a JSON array of objects give --input-format json), skipped".into())
        );
        let got = all(Format::Jsonl, b"\"Silent\"\n", &Fields::default());
        assert!(got[0].as_ref().unwrap_err().starts_with("line 1: a string, not an object"), "{got:?}");
        let got = all(Format::Jsonl, b"title,year\n", &Fields::default());
        assert!(got[0].as_ref().unwrap_err().contains("--input-format"), "{got:?}");
    }

    /// Latin-1 bytes in a JSON record had it skipped as invalid JSON; now
    /// the text keeps them for `decode_record` to repair as in CSV fields.
    #[test]
    fn json_records_that_are_not_utf8_keep_their_text_bytes() {
        let data = b"{\"id\":\"a\xe9\",\"text\":\"Caf\xe9 \\u00e9 \xe2\x80.\",\"k\":\"v\xff\",\"t\xe9\":1}\n{\"text\":1}\xe9\n";
        let fields = Fields { keep: vec!["k".into(), "x".into()], ..Fields::default() };
        let got = all(Format::Jsonl, data, &fields);
        let rec = got[0].as_ref().unwrap();
        // The escape is decoded, the bad bytes kept as they were.
        assert_eq!(rec.text, b"Caf\xe9 \xc3\xa9 \xe2\x80.");
        assert_eq!(rec.id, "a\u{fffd}");
        assert_eq!(rec.kept, [Some("v\u{fffd}".to_string()), None]);
        assert_eq!(rec.fields_seen, ["id", "k", "text", "t\u{fffd}"]);
        assert_eq!(rec.transcoded, None);
        let doc = crate::input::decode_record("f#a", got[0].clone().unwrap());
        assert_eq!(doc.text, "Caf\u{fffd} \u{e9} \u{fffd}.");
        assert!(doc.repaired.unwrap().message().starts_with("invalid UTF-8 (3 byte(s), first at offset 3)"));
        // Invalid JSON as well: its byte is the record's own, not the copy's.
        assert_eq!(
            got[1],
            Err("line 2: invalid JSON (trailing characters, at byte 10 of the record), skipped".into())
        );
        // In a JSON array, and several text fields (their starts in bytes).
        let fields = Fields { also: vec!["b".into()], ..Fields::default() };
        let got = all(Format::Json, b"[{\"text\":\"\xe9t\xe9\",\"b\":\"\xff!\"}]", &fields);
        let rec = got[0].as_ref().unwrap();
        assert_eq!((rec.text.as_slice(), rec.parts.as_slice()), (&b"\xe9t\xe9\n\n\xff!"[..], &[0, 5][..]));
        // A record that may hold marks of its own: U+FFFD, and said so.
        let got = all(
            Format::Jsonl,
            "{\"text\":\"\u{10ff80}\\udbff\\udf80 \u{e9}x\"}".as_bytes(),
            &Fields::default(),
        );
        assert_eq!(got[0].as_ref().unwrap().text, "\u{10ff80}\u{10ff80} \u{e9}x".as_bytes());
        let data = b"{\"text\":\"\xf4\x8f\xbe\x80 \xe9x\"}";
        let rec = all(Format::Jsonl, data, &Fields::default()).remove(0).unwrap();
        assert_eq!(rec.text, "\u{10ff80} \u{fffd}x".as_bytes());
        assert_eq!(rec.transcoded, Some(Transcoded { encoding: "UTF-8", replaced: 1 }));
    }

    #[test]
    fn jsonl_dotted_paths() {
        let fields = Fields {
            text: "article.body".into(),
            id: "meta.ids.0".into(),
            id_required: false,
            ..Fields::default()
        };
        let data = br#"{"article":{"body":"Deep."},"meta":{"ids":[17,18]}}
{"article.body":"Flat key.","meta":{}}"#;
        let got = all(Format::Jsonl, data, &fields);
        assert_eq!(got, vec![ok("17", "Deep."), ok("2", "Flat key.")]);
    }

    #[test]
    fn csv_and_tsv_rows() {
        let fields =
            Fields { text: "body".into(), id: "key".into(), id_required: false, ..Fields::default() };
        let data = b"key,body,extra\nk1,\"Quoted, with comma.\",x\nk2\n,No key.,y\n";
        let got = all(Format::Csv, data, &fields);
        assert_eq!(got[0], ok("k1", "Quoted, with comma."));
        // A row short of the text column: the missing fields are empty.
        assert_eq!(got[1], ok("k2", ""));
        // An empty id cell: the line number, noted.
        let no_key = got[2].as_ref().unwrap();
        assert_eq!((no_key.id.as_str(), no_key.text.as_slice()), ("4", &b"No key."[..]));
        let note = no_key.note.as_ref().map(ToString::to_string);
        assert_eq!(
            note.as_deref(),
            Some("line 4: column `key` (--id-column) is empty; the line number (4) is used as the id")
        );
        let tsv = all(Format::Tsv, b"text\tid\nHello there.\t9\n", &Fields::default());
        assert_eq!(tsv, vec![ok("9", "Hello there.")]);
        let missing = all(Format::Csv, b"a,b\n1,2\n", &Fields::default());
        assert_eq!(missing.len(), 1);
        assert!(missing[0].as_ref().unwrap_err().contains("no column `text` in the header (columns: a, b)"));
    }

    #[test]
    fn json_array_elements_are_records() {
        let data = "\u{feff} [ {\"id\": \"a\", \"text\": \"One [x] {y} \\\" ]\"},\n{\"text\": \"Two.\"}, {\"n\": {\"text\": 1}},\
            {\"id\": 7, \"text\": \"caf\\u00e9\"}, {oops}, \"str\", [1], {\"text\": \"Last.\"} ]\n";
        let got = all(Format::Json, data.as_bytes(), &Fields::default());
        assert_eq!(got[0], ok("a", "One [x] {y} \" ]"));
        assert_eq!(got[1], ok("1", "Two.")); // no id: the 0-based element index
        assert!(got[2].as_ref().unwrap_err().starts_with("element 2 (byte "), "{got:?}");
        assert!(
            got[2].as_ref().unwrap_err().ends_with(
                "no field `text` (its fields: n, n.text; did you mean \"n.text\"?), skipped; --text-field names the field to read"
            ),
            "{got:?}"
        );
        assert_eq!(got[3], ok("7", "café"));
        assert!(got[4].as_ref().unwrap_err().contains("invalid JSON"), "{got:?}");
        assert!(got[5].as_ref().unwrap_err().ends_with(": a string, not an object, skipped"), "{got:?}");
        assert!(got[6].as_ref().unwrap_err().ends_with(": an array, not an object, skipped"), "{got:?}");
        assert_eq!(got[7], ok("7", "Last."));
        assert_eq!(got.len(), 8);
        // Dotted paths, as for JSON Lines.
        let fields = Fields {
            text: "a.body".into(),
            id: "meta.ids.1".into(),
            id_required: false,
            ..Fields::default()
        };
        let got = all(Format::Json, br#"[{"a":{"body":"Deep."},"meta":{"ids":[1,"x"]}}]"#, &fields);
        assert_eq!(got, vec![ok("x", "Deep.")]);
        assert!(all(Format::Json, b"[]", &Fields::default()).is_empty());
        assert!(all(Format::Json, b"  \n", &Fields::default()).is_empty());
    }

    #[test]
    fn json_that_is_not_an_array_of_objects_is_reported() {
        let one = |data: &[u8]| {
            let got = all(Format::Json, data, &Fields::default());
            got.iter().filter_map(|r| r.as_ref().err().cloned()).collect::<Vec<_>>().join(" | ")
        };
        let object = one(b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n");
        assert!(
            object.starts_with("an object at byte 0, where a JSON array of objects was expected"),
            "{object}"
        );
        assert!(object.contains("--input-format jsonl"), "{object}");
        let strings = one(b"[\"a\", \"b\"]");
        assert!(strings.starts_with("element 0 (byte 1): a string, not an object;"), "{strings}");
        assert!(strings.ends_with("file skipped"), "{strings}");
        assert_eq!(
            one(b"42"),
            "a number at byte 0, where a JSON array of objects was expected; a `.json` file is read as an array of records (for one object per line name it `.jsonl` or use --input-format jsonl; for plain text, --input-format text), file skipped"
        );
        // Broken mid-array: the elements before it are kept.
        let data = b"[{\"text\": \"Kept.\"} {\"text\": \"Lost.\"}]";
        let got = all(Format::Json, data, &Fields::default());
        assert_eq!(got[0], ok("0", "Kept."));
        assert_eq!(
            got[1],
            Err("element 1 (byte 19): expected `,` or `]`, found `{`: broken JSON; the elements before it are kept, the rest of the file is skipped".into())
        );
        assert_eq!(got.len(), 2);
        let mismatch = one(b"[{\"text\": \"a\"}, {\"x\": [1}, {\"text\": \"b\"}]");
        assert!(
            mismatch.starts_with("element 1 (byte 16): expected `]`, found `}` at byte 24: broken JSON"),
            "{mismatch}"
        );
        assert!(one(b"[{\"text\": \"a\"},,{}]").contains("expected an element, found `,`"));
        assert!(one(b"[{\"text\": \"a\"},]").contains("expected an element, found `]`"));
        // Truncated inside an element, between elements, and junk after the end.
        let cut = all(Format::Json, b"[{\"text\": \"A.\"}, {\"text\": \"B", &Fields::default());
        assert_eq!(cut[0], ok("0", "A."));
        assert_eq!(cut[1], Err("element 1 (byte 17): the file ends inside this element (truncated?); the elements before it are kept".into()));
        assert_eq!(
            one(b"[{\"text\": \"A.\"},\n"),
            "the file ends inside the JSON array at byte 17, after 1 element(s) (truncated?); the elements before it are kept"
        );
        let after = all(Format::Json, b"[{\"text\": \"A.\"}] x", &Fields::default());
        assert_eq!(after[0], ok("0", "A."));
        assert_eq!(
            after[1],
            Err("`x` at byte 17 after the JSON array's closing `]`, ignored; the array's elements are kept"
                .into())
        );
    }

    #[test]
    fn json_array_nesting_is_bounded() {
        let deep = |n: usize| {
            let mut d = b"[{\"text\": \"A.\"}, ".to_vec();
            d.extend(std::iter::repeat_n(b'[', n));
            d.extend(std::iter::repeat_n(b']', n));
            d.extend_from_slice(b", {\"text\": \"B.\"}]");
            all(Format::Json, &d, &Fields::default())
        };
        for n in [10, 5000, 200_000] {
            let got = deep(n);
            assert_eq!(got.len(), 3, "{n}");
            assert_eq!(got[0], ok("0", "A."));
            assert!(got[1].as_ref().unwrap_err().ends_with("an array, not an object, skipped"), "{got:?}");
            assert_eq!(got[2], ok("2", "B."));
        }
        let got = all(Format::Json, br#"[{"a": [{"text": 1}]}, {"text": "B."}]"#, &Fields::default());
        assert_eq!(got[1], ok("1", "B."));
    }

    #[test]
    fn json_array_elements_over_the_limit_are_skipped_not_held() {
        let mut data = b"[{\"text\": \"".to_vec();
        data.resize(MAX_RECORD_BYTES + 100, b'x');
        data.extend_from_slice(b"\"}, {\"text\": \"after\"}]");
        let got = all(Format::Json, &data, &Fields::default());
        assert_eq!(got[0], Err("element 0 (byte 1): longer than 64 MiB, skipped".into()));
        assert_eq!(got[1], ok("1", "after"));
    }

    fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn warc_response_conversion_and_broken_records() {
        let html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Directed by Ann.</p></body></html>";
        let mut data = warc_record("warcinfo", "", b"software: x\r\n");
        data.extend(warc_record("response", "http://a.example/1", html));
        data.extend(b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: nope\r\n\r\nbody\r\n\r\n");
        data.extend(warc_record(
            "conversion",
            "http://a.example/2",
            "Produced by Bo.\nSecond line.".as_bytes(),
        ));
        data.extend(b"garbage line\r\nmore\r\n");
        data.extend(warc_record(
            "response",
            "http://a.example/3",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        data.extend(warc_record("conversion", "http://a.example/4", b"Last."));
        let got = all(Format::Warc, &data, &Fields::default());
        assert_eq!(got.len(), 5, "{got:?}");
        let first = got[0].as_ref().unwrap();
        assert_eq!(first.id, "http://a.example/1");
        assert_eq!(String::from_utf8_lossy(&first.text).trim(), "Directed by Ann.");
        assert!(got[1].as_ref().unwrap_err().starts_with("record 3 (byte "), "{got:?}");
        assert!(got[1].as_ref().unwrap_err().contains("Content-Length is not a number"));
        assert_eq!(got[2], ok("http://a.example/2", "Produced by Bo.\nSecond line."));
        assert!(got[3].as_ref().unwrap_err().contains("expected a `WARC/1.x` version line"), "{got:?}");
        // The image response is passed over, not reported.
        assert_eq!(got[4], ok("http://a.example/4", "Last."));
    }

    #[test]
    fn warc_junk_between_records_is_not_counted_as_a_record() {
        // Junk before the first record and between records: reported at its
        // byte, and the broken record after it keeps its true number (3).
        let mut data = b"junk at the start\r\n".to_vec();
        data.extend(warc_record("conversion", "u1", b"One."));
        let junk = data.len();
        data.extend(b"stray bytes\r\nmore\r\n");
        data.extend(warc_record("warcinfo", "", b"software: x\r\n"));
        data.extend(b"garbage\r\n");
        let broken = data.len();
        data.extend(b"WARC/1.1\r\nWARC-Type: conversion\r\nContent-Length: nope\r\n\r\nx\r\n\r\n");
        data.extend(warc_record("conversion", "u4", b"Four."));
        let got = all(Format::Warc, &data, &Fields::default());
        assert_eq!(got.len(), 6, "{got:?}");
        assert_eq!(
            got[0],
            Err("byte 0 (before the first record): expected a `WARC/1.x` version line, found \"junk at the start\"; skipped to the next record".into())
        );
        assert_eq!(got[1], ok("u1", "One."));
        assert!(
            got[2].as_ref().unwrap_err().starts_with(&format!("byte {junk} (after record 1): ")),
            "{got:?}"
        );
        assert!(got[3].as_ref().unwrap_err().starts_with("byte "), "{got:?}");
        assert!(got[3].as_ref().unwrap_err().contains("(after record 2): "), "{got:?}");
        let bad = format!("record 3 (byte {broken}): Content-Length is not a number");
        assert!(got[4].as_ref().unwrap_err().starts_with(&bad), "{got:?}");
        assert_eq!(got[5], ok("u4", "Four."));
        // Junk at the end: skipped to the end.
        let mut data = warc_record("conversion", "u1", b"One.");
        data.extend(b"tail\r\n");
        let got = all(Format::Warc, &data, &Fields::default());
        assert!(got[1].as_ref().unwrap_err().ends_with("found \"tail\"; skipped to the end"), "{got:?}");
    }

    #[test]
    fn warc_truncated_is_fatal_and_keeps_earlier_records() {
        let mut data = warc_record("conversion", "u1", b"One.");
        let second = warc_record("conversion", "u2", b"Two is longer.");
        data.extend_from_slice(&second[..second.len() - 10]);
        let got = all(Format::Warc, &data, &Fields::default());
        assert_eq!(got[0], ok("u1", "One."));
        assert!(got[1].as_ref().unwrap_err().contains("the file ends inside the record"), "{got:?}");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn gzip_members_and_truncation() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let gz = |b: &[u8]| {
            let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(b).unwrap();
            e.finish().unwrap()
        };
        let mut data = gz(b"{\"text\":\"A.\"}\n");
        data.extend(gz(b"{\"text\":\"B.\"}\n"));
        assert!(is_gzip(&data));
        let mut r = RecordReader::new(Format::Jsonl, gunzip(&data[..]), &Fields::default());
        assert_eq!(r.by_ref().filter(|x| x.is_ok()).count(), 2);
        let cut = &data[..data.len() - 6];
        let mut r = RecordReader::new(Format::Jsonl, gunzip(cut), &Fields::default());
        let got: Vec<_> = r.by_ref().collect();
        assert!(got[0].is_ok());
        let last = got.last().unwrap().as_ref().unwrap_err();
        assert!(last.fatal() && last.to_string().contains("truncated"), "{got:?}");
    }

    #[test]
    fn long_lines_are_skipped_not_held() {
        let mut data = vec![b'x'; MAX_RECORD_BYTES + 10];
        data.extend_from_slice(b"\n{\"text\":\"after\"}\n");
        let got = all(Format::Jsonl, &data, &Fields::default());
        assert!(got[0].as_ref().unwrap_err().contains("longer than 64 MiB"));
        assert_eq!(got[1], ok("2", "after"));
    }
}
