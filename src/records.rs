//! Record formats: JSON Lines, CSV/TSV and WARC/WET, plain or gzip'd.
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
//! use rolecall::records::{Fields, Format, RecordReader, extract};
//! let data = b"{\"id\": 7, \"text\": \"Directed by Ann.\"}\nnot json\n";
//! let mut reader = RecordReader::new(Format::Jsonl, Box::new(&data[..]), &Fields::default());
//! let first = reader.next().unwrap().unwrap();
//! let doc = extract(first, &Fields::default()).unwrap().unwrap();
//! assert_eq!((doc.id.as_str(), doc.text.as_slice()), ("7", &b"Directed by Ann."[..]));
//! let second = reader.next().unwrap().unwrap(); // cut, not yet parsed
//! assert!(extract(second, &Fields::default()).unwrap_err().starts_with("line 2: invalid JSON"));
//! assert!(reader.next().is_none());
//! ```

use std::io::{BufRead, Read};
use std::path::Path;

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The whole input is one document.
    Text,
    /// JSON Lines: one JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// WARC or WET: `response` and `conversion` records are documents.
    Warc,
}

impl Format {
    /// The format a file name implies, and whether it is gzip'd (`.gz`).
    ///
    /// ```
    /// use rolecall::records::Format;
    /// use std::path::Path;
    /// assert_eq!(Format::detect(Path::new("a/news.jsonl.gz")), (Format::Jsonl, true));
    /// assert_eq!(Format::detect(Path::new("CC-NEWS-1.warc.wet.gz")), (Format::Warc, true));
    /// assert_eq!(Format::detect(Path::new("notes.TXT")), (Format::Text, false));
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
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "warc" | "wet" => Format::Warc,
            _ => Format::Text,
        };
        (format, gz)
    }

    /// True for formats that hold many documents.
    pub fn has_records(self) -> bool {
        self != Format::Text
    }
}

/// Where the text and id of a record are (`--text-field`, `--id-field`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// JSON: a dotted path (`article.body`); CSV/TSV: a column name.
    pub text: String,
    /// As `text`; when the record has no such field its line number is the id.
    pub id: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields { text: "text".into(), id: "id".into() }
    }
}

/// A record cut from its file but not yet decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// Where it is: `line N` or `record N`.
    pub place: Place,
    /// Its id, when the reader already knows it (CSV, WARC).
    pub id: Option<String>,
    /// Its content.
    pub payload: Payload,
}

/// A record's position in its file, for ids and error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// 1-based line number (JSON Lines, CSV/TSV: the line the row starts on).
    Line(u64),
    /// 1-based record number (WARC).
    Record(u64),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Record(n) => write!(f, "record {n}"),
        }
    }
}

impl Place {
    fn number(self) -> u64 {
        match self {
            Place::Line(n) | Place::Record(n) => n,
        }
    }
}

/// What a record holds, before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// One JSON Lines line.
    Json(Vec<u8>),
    /// The text itself (a CSV field, a WET conversion record).
    Text(Vec<u8>),
    /// An HTTP response (WARC `response` record): headers and body.
    Http(Vec<u8>),
}

/// A record that cannot be read, or a stream that broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// The message, starting with the record's place when there is one.
    pub message: String,
    /// True when the file cannot be read any further.
    pub fatal: bool,
}

/// A document taken out of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The record's id (without the file's path).
    pub id: String,
    /// Its text, as bytes (decoded and repaired like any document).
    pub text: Vec<u8>,
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
    },
    Csv {
        rows: csv::Reader<Box<dyn BufRead + 'a>>,
        text: Option<usize>,
        id: Option<usize>,
        started: bool,
    },
    Warc(WarcReader<'a>),
    /// Text inputs are documents, not record files: no records.
    Text,
}

impl<'a> RecordReader<'a> {
    /// A reader of `format` records from `input` (already decompressed).
    pub fn new(format: Format, input: Box<dyn BufRead + 'a>, fields: &Fields) -> RecordReader<'a> {
        let inner = match format {
            Format::Jsonl => Inner::Lines { input, line: 0 },
            Format::Csv | Format::Tsv => {
                let rows = csv::ReaderBuilder::new()
                    .delimiter(if format == Format::Tsv { b'\t' } else { b',' })
                    .flexible(true)
                    .has_headers(false)
                    .from_reader(input);
                Inner::Csv { rows, text: None, id: None, started: false }
            }
            Format::Warc => Inner::Warc(WarcReader {
                input,
                record: 0,
                offset: 0,
                line: Vec::new(),
                line_at: 0,
                pending: false,
            }),
            Format::Text => Inner::Text,
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
            Inner::Lines { input, line } => next_line(input, line),
            Inner::Csv { rows, text, id, started } => next_row(rows, text, id, started, &self.fields),
            Inner::Warc(w) => w.next_record(),
            Inner::Text => None,
        };
        match &next {
            None | Some(Err(RecordError { fatal: true, .. })) => self.done = true,
            _ => {}
        }
        next
    }
}

/// The stream broke while reading the record at `place` (at the very start
/// when that is the first one).
fn stream_error(place: Place, e: &std::io::Error) -> RecordError {
    let what = crate::read::stream_failure(e);
    let message = if place.number() <= 1 {
        format!("cannot read: {what}, skipped")
    } else {
        format!("read failed at {place}: {what}; the records before it are kept")
    };
    RecordError { message, fatal: true }
}

/// Reads up to and including the next `\n`, keeping at most `max` bytes;
/// returns the bytes consumed (0 at the end).
fn read_line_capped(input: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<usize> {
    buf.clear();
    let mut consumed = 0;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(consumed);
        }
        let (take, found) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        let room = max.saturating_sub(buf.len());
        buf.extend_from_slice(&available[..take.min(room)]);
        input.consume(take);
        consumed += take;
        if found {
            return Ok(consumed);
        }
    }
}

fn next_line(input: &mut Box<dyn BufRead + '_>, line: &mut u64) -> Option<Result<RawRecord, RecordError>> {
    let mut buf = Vec::new();
    loop {
        let n = match read_line_capped(input.as_mut(), &mut buf, MAX_RECORD_BYTES + 1) {
            Ok(n) => n,
            Err(e) => return Some(Err(stream_error(Place::Line(*line + 1), &e))),
        };
        if n == 0 {
            return None;
        }
        *line += 1;
        let place = Place::Line(*line);
        if n > MAX_RECORD_BYTES + 1 || buf.len() > MAX_RECORD_BYTES {
            return Some(Err(RecordError {
                message: format!("{place}: longer than {} MiB, skipped", MAX_RECORD_BYTES >> 20),
                fatal: false,
            }));
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue; // blank lines separate nothing
        }
        return Some(Ok(RawRecord { place, id: None, payload: Payload::Json(std::mem::take(&mut buf)) }));
    }
}

fn next_row(
    rows: &mut csv::Reader<Box<dyn BufRead + '_>>,
    text: &mut Option<usize>,
    id: &mut Option<usize>,
    started: &mut bool,
    fields: &Fields,
) -> Option<Result<RawRecord, RecordError>> {
    let mut record = csv::ByteRecord::new();
    loop {
        match rows.read_byte_record(&mut record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Some(Err(match e.into_kind() {
                    csv::ErrorKind::Io(io) => stream_error(Place::Line(line), &io),
                    other => RecordError { message: format!("line {line}: {other:?}"), fatal: true },
                }));
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        if !*started {
            *started = true;
            let names: Vec<String> =
                record.iter().map(|f| String::from_utf8_lossy(f).trim().to_string()).collect();
            *text = names.iter().position(|n| *n == fields.text);
            *id = names.iter().position(|n| *n == fields.id);
            if text.is_none() {
                return Some(Err(RecordError {
                    message: format!(
                        "line {line}: no column `{}` in the header (columns: {}); name it with --text-column, file skipped",
                        fields.text,
                        names.join(", ")
                    ),
                    fatal: true,
                }));
            }
            continue;
        }
        if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
            continue; // a blank line
        }
        let place = Place::Line(line);
        let col = text.expect("set from the header");
        let Some(value) = record.get(col) else {
            return Some(Err(RecordError {
                message: format!(
                    "{place}: {} field(s), no value for column `{}` (field {}), skipped",
                    record.len(),
                    fields.text,
                    col + 1
                ),
                fatal: false,
            }));
        };
        let rid = id
            .and_then(|i| record.get(i))
            .map(|v| String::from_utf8_lossy(v).trim().to_string())
            .filter(|v| !v.is_empty());
        return Some(Ok(RawRecord { place, id: rid, payload: Payload::Text(value.to_vec()) }));
    }
}

/// WARC record framing: a version line, header lines, a blank line, then
/// `Content-Length` bytes of block. A record whose header is broken is
/// reported and the reader looks for the next version line.
struct WarcReader<'a> {
    input: Box<dyn BufRead + 'a>,
    record: u64,
    /// Bytes of the stream consumed so far.
    offset: u64,
    line: Vec<u8>,
    /// Where `line` starts in the stream.
    line_at: u64,
    /// True when `line` was read but not yet used (a version line found
    /// while skipping).
    pending: bool,
}

/// Header blocks longer than this are broken.
const MAX_WARC_HEADER: usize = 1 << 20;

impl WarcReader<'_> {
    fn read_line(&mut self) -> std::io::Result<usize> {
        if self.pending {
            self.pending = false;
            return Ok(self.line.len());
        }
        self.line_at = self.offset;
        let n = read_line_capped(self.input.as_mut(), &mut self.line, 64 << 10)?;
        self.offset += n as u64;
        Ok(n)
    }

    fn is_version(line: &[u8]) -> bool {
        line.starts_with(b"WARC/")
    }

    fn next_record(&mut self) -> Option<Result<RawRecord, RecordError>> {
        loop {
            // Skip the blank lines between records, and after a broken
            // record everything up to the next version line.
            let start = loop {
                let read = self.read_line();
                let at = self.line_at;
                match read {
                    Ok(0) => return None,
                    Ok(_) if Self::is_version(&self.line) => break at,
                    Ok(_) if self.line.iter().all(u8::is_ascii_whitespace) => continue,
                    Ok(_) => {
                        self.record += 1;
                        let place = Place::Record(self.record);
                        let found_line = preview(&self.line);
                        let found = self.skip_to_version();
                        let message = format!(
                            "{place} (byte {at}): expected a `WARC/1.x` version line, found {found_line:?}; skipped{}",
                            if found { " to the next record" } else { " to the end" }
                        );
                        return Some(Err(RecordError { message, fatal: false }));
                    }
                    Err(e) => return Some(Err(stream_error(Place::Record(self.record + 1), &e))),
                }
            };
            self.record += 1;
            let place = Place::Record(self.record);
            match self.read_record(place, start) {
                Ok(Some(r)) => return Some(Ok(r)),
                Ok(None) => continue, // a record that is not a document
                Err(e) => {
                    if !e.fatal && !self.pending {
                        // The block's length is unknown: resynchronise.
                        self.skip_to_version();
                    }
                    return Some(Err(e));
                }
            }
        }
    }

    /// Reads lines until one starts a record; leaves it as the pending line.
    fn skip_to_version(&mut self) -> bool {
        loop {
            match self.read_line() {
                Ok(0) | Err(_) => return false,
                Ok(_) if Self::is_version(&self.line) => {
                    self.pending = true;
                    return true;
                }
                Ok(_) => {}
            }
        }
    }

    fn read_record(&mut self, place: Place, start: u64) -> Result<Option<RawRecord>, RecordError> {
        let broken = |message: String| RecordError {
            message: format!("{place} (byte {start}): {message}"),
            fatal: false,
        };
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut size = 0;
        loop {
            let n = self.read_line().map_err(|e| stream_error(place, &e))?;
            if n == 0 {
                return Err(RecordError {
                    message: format!(
                        "{place} (byte {start}): the file ends inside the header; the records before it are kept"
                    ),
                    fatal: true,
                });
            }
            size += n;
            if size > MAX_WARC_HEADER {
                return Err(broken(format!("header longer than {} MiB, skipped", MAX_WARC_HEADER >> 20)));
            }
            let line = trim_eol(&self.line);
            if line.is_empty() {
                break;
            }
            if Self::is_version(line) {
                self.pending = true;
                return Err(broken("a new record starts before the header ended; skipped".into()));
            }
            if matches!(line[0], b' ' | b'\t') {
                if let Some((_, v)) = headers.last_mut() {
                    v.push(' ');
                    v.push_str(String::from_utf8_lossy(line).trim());
                }
                continue;
            }
            let Some(colon) = memchr::memchr(b':', line) else {
                return Err(broken(format!("header line without a colon: {:?}, skipped", preview(line))));
            };
            let name = String::from_utf8_lossy(&line[..colon]).trim().to_ascii_lowercase();
            let value = String::from_utf8_lossy(&line[colon + 1..]).trim().to_string();
            headers.push((name, value));
        }
        let get = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        let length = match get("content-length").map(|v| v.parse::<u64>()) {
            Some(Ok(n)) => n,
            Some(Err(_)) => return Err(broken("Content-Length is not a number, skipped".into())),
            None => return Err(broken("no Content-Length header, skipped".into())),
        };
        let kind = get("warc-type").unwrap_or("").to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "conversion");
        let too_big = length > MAX_RECORD_BYTES as u64;
        let mut block = Vec::new();
        let read = if wanted && !too_big {
            block.reserve(length as usize);
            (&mut self.input).take(length).read_to_end(&mut block)
        } else {
            std::io::copy(&mut (&mut self.input).take(length), &mut std::io::sink()).map(|n| n as usize)
        };
        let got = read.map_err(|e| stream_error(place, &e))? as u64;
        self.offset += got;
        if got < length {
            return Err(RecordError {
                message: format!(
                    "{place} (byte {start}): the file ends inside the record ({got} of {length} bytes); the records before it are kept"
                ),
                fatal: true,
            });
        }
        if !wanted {
            return Ok(None);
        }
        if too_big {
            return Err(broken(format!("record longer than {} MiB, skipped", MAX_RECORD_BYTES >> 20)));
        }
        let id = get("warc-target-uri").or(get("warc-record-id")).map(str::to_string);
        let payload = if kind == "response" { Payload::Http(block) } else { Payload::Text(block) };
        Ok(Some(RawRecord { place, id, payload }))
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn preview(line: &[u8]) -> String {
    let s = String::from_utf8_lossy(trim_eol(line));
    let mut p: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        p.push('…');
    }
    p
}

/// Turns a raw record into a document's id and text, or `None` for a
/// record that is not a document: an HTTP response that is neither HTML
/// nor text (an image, a PDF), passed over like WARC `request` records.
/// The error message starts with the record's place.
pub fn extract(raw: RawRecord, fields: &Fields) -> Result<Option<Extracted>, String> {
    let place = raw.place;
    let fallback = || place.number().to_string();
    match raw.payload {
        Payload::Text(text) => Ok(Some(Extracted { id: raw.id.unwrap_or_else(fallback), text })),
        Payload::Json(line) => {
            let value: serde_json::Value =
                serde_json::from_slice(&line).map_err(|e| format!("{place}: invalid JSON ({e}), skipped"))?;
            let text = match lookup(&value, &fields.text) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => {
                    return Err(format!(
                        "{place}: field `{}` is {}, not a string, skipped",
                        fields.text,
                        json_kind(other)
                    ));
                }
                None => return Err(format!("{place}: no field `{}`, skipped", fields.text)),
            };
            let id = match lookup(&value, &fields.id) {
                Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => fallback(),
            };
            Ok(Some(Extracted { id, text: text.into_bytes() }))
        }
        Payload::Http(block) => {
            let id = raw.id.unwrap_or_else(fallback);
            let text = http_text(&block).map_err(|m| format!("{place} ({id}): {m}, skipped"))?;
            Ok(text.map(|text| Extracted { id, text }))
        }
    }
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

/// The text of an HTTP response: the body, reduced from HTML when it is
/// HTML; `None` when it is some other type.
fn http_text(block: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let body_at = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("incomplete HTTP header".into()),
        Err(e) => return Err(format!("bad HTTP header ({e})")),
    };
    let body = &block[body_at..];
    let content_type = response
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
        .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase());
    Ok(match content_type.as_deref() {
        Some(t) if t.contains("html") => Some(html_to_text(body)),
        None if looks_like_html(body) => Some(html_to_text(body)),
        Some(t) if t.starts_with("text/") => Some(body.to_vec()),
        None => Some(body.to_vec()),
        Some(_) => None,
    })
}

fn looks_like_html(body: &[u8]) -> bool {
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    body[start..].first() == Some(&b'<')
}

/// HTML reduced to plain text: blocks become paragraphs, no decoration.
///
/// ```
/// let text = rolecall::records::html_to_text(b"<p>Directed by <b>Ann</b>.</p><p>Rain.</p>");
/// assert_eq!(String::from_utf8(text).unwrap().trim(), "Directed by Ann.\n\nRain.");
/// ```
pub fn html_to_text(html: &[u8]) -> Vec<u8> {
    let render = || {
        html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
            .allow_width_overflow()
            .no_table_borders()
            .string_from_read(html, HTML_WIDTH)
    };
    // A renderer bug must not take the scan down: fall back to the raw body.
    match std::panic::catch_unwind(render) {
        Ok(Ok(text)) => text.into_bytes(),
        _ => html.to_vec(),
    }
}

/// Wide enough that paragraphs are not wrapped.
const HTML_WIDTH: usize = 1 << 16;

/// Decompresses gzip input (several members, as in `.warc.gz`).
pub fn gunzip<'a>(input: impl Read + 'a) -> Box<dyn BufRead + 'a> {
    Box::new(std::io::BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(input)))
}

/// True when `bytes` start like gzip data.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(format: Format, data: &[u8], fields: &Fields) -> Vec<Result<Extracted, String>> {
        let r = RecordReader::new(format, Box::new(data), fields);
        let mut out = Vec::new();
        for next in r {
            match next {
                Ok(raw) => match extract(raw, fields) {
                    Ok(Some(doc)) => out.push(Ok(doc)),
                    Ok(None) => {}
                    Err(e) => out.push(Err(e)),
                },
                Err(e) => out.push(Err(e.message)),
            }
        }
        out
    }

    fn ok(id: &str, text: &str) -> Result<Extracted, String> {
        Ok(Extracted { id: id.into(), text: text.as_bytes().to_vec() })
    }

    #[test]
    fn jsonl_fields_ids_and_bad_lines() {
        let data = b"{\"id\":\"a\",\"text\":\"One.\"}\n\n{\"text\":\"Two.\"}\n{oops\n{\"id\":3,\"text\":5}\n\
            {\"id\":4}\n{\"id\":5,\"text\":\"caf\\u00e9\"}";
        let got = all(Format::Jsonl, data, &Fields::default());
        assert_eq!(got[0], ok("a", "One."));
        assert_eq!(got[1], ok("3", "Two.")); // no id: the line number
        assert!(got[2].as_ref().unwrap_err().starts_with("line 4: invalid JSON"), "{got:?}");
        assert_eq!(got[3], Err("line 5: field `text` is a number, not a string, skipped".into()));
        assert_eq!(got[4], Err("line 6: no field `text`, skipped".into()));
        assert_eq!(got[5], ok("5", "café"));
        assert_eq!(got.len(), 6);
    }

    #[test]
    fn jsonl_dotted_paths() {
        let fields = Fields { text: "article.body".into(), id: "meta.ids.0".into() };
        let data = br#"{"article":{"body":"Deep."},"meta":{"ids":[17,18]}}
{"article.body":"Flat key.","meta":{}}"#;
        let got = all(Format::Jsonl, data, &fields);
        assert_eq!(got, vec![ok("17", "Deep."), ok("2", "Flat key.")]);
    }

    #[test]
    fn csv_and_tsv_rows() {
        let fields = Fields { text: "body".into(), id: "key".into() };
        let data = b"key,body,extra\nk1,\"Quoted, with comma.\",x\nk2\n,No key.,y\n";
        let got = all(Format::Csv, data, &fields);
        assert_eq!(got[0], ok("k1", "Quoted, with comma."));
        assert_eq!(got[1], Err("line 3: 1 field(s), no value for column `body` (field 2), skipped".into()));
        assert_eq!(got[2], ok("4", "No key."));
        let tsv = all(Format::Tsv, b"text\tid\nHello there.\t9\n", &Fields::default());
        assert_eq!(tsv, vec![ok("9", "Hello there.")]);
        let missing = all(Format::Csv, b"a,b\n1,2\n", &Fields::default());
        assert_eq!(missing.len(), 1);
        assert!(missing[0].as_ref().unwrap_err().contains("no column `text` in the header (columns: a, b)"));
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
        assert!(last.fatal && last.message.contains("truncated"), "{got:?}");
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
