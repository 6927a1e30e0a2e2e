//! `rolecall explain`: how one text is tagged, and why.

use std::io::Read;
use std::path::PathBuf;

use rolecall::input::records::{self, Fields, Format, RecordReader};
use rolecall::tag::explain::{explain, explain_document};
use rolecall::text::segment::UnitMode;
use rolecall::{Error, Tagger};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The text to explain (read from stdin when absent and no --file).
    #[arg(conflicts_with = "file")]
    text: Option<String>,
    /// Explain the text of this file, read as `scan` reads it: gzip is decompressed, UTF-16
    /// with a byte-order mark decoded, bad UTF-8 bytes shown as U+FFFD (with a note), a binary
    /// file refused, an HTML file reduced to its text. A file of records (JSON Lines, JSON,
    /// CSV/TSV, WARC) is explained as its raw text unless --record picks one record.
    #[arg(short, long, value_name = "PATH")]
    file: Option<PathBuf>,
    /// With --file, a file of records: explain the record whose id is ID, as `scan` reads and
    /// tags it. ID is what scan writes after `#` in its `doc` column (`news.jsonl#42` →
    /// `--record 42`): the --id-field value, else the line number (JSON arrays: the 0-based
    /// element index; WARC: the WARC-Target-URI, else the WARC-Record-ID). An id that scan
    /// shortened (over 512 bytes, ending in `~` and 16 hex digits) is matched by its start.
    #[arg(long, value_name = "ID", requires = "file")]
    record: Option<String>,
    /// The format of --file, as scan's --input-format [default: from the file name].
    #[arg(long, value_enum, value_name = "FORMAT", requires = "file")]
    input_format: Option<Format>,
    /// With --file: the character between the fields of a CSV or TSV file, as scan's --delimiter.
    #[arg(long, value_name = "CHAR", requires = "file")]
    delimiter: Option<String>,
    /// With --record: the field (JSON, dotted path) or column (CSV/TSV) holding the text;
    /// several, comma-separated, as scan's --text-field.
    #[arg(
        long,
        visible_alias = "text-column",
        value_name = "NAME",
        default_value = "text",
        requires = "record"
    )]
    text_field: String,
    /// With --record: the field or column holding the record ids, as scan's --id-field.
    #[arg(long, visible_alias = "id-column", value_name = "NAME", requires = "record")]
    id_field: Option<String>,
    /// Character encoding of the --file (or standard input), as scan's --encoding: a WHATWG
    /// label, or `auto` [default: utf-8].
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Folder of lexicon CSVs replacing the built-in ones.
    #[arg(short, long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// What a unit is.
    #[arg(long, value_enum, default_value_t = UnitMode::Sentence)]
    unit: UnitMode,
}

pub fn run(args: Args) -> Result<u8, Error> {
    let mut out = super::stdio::Data::open("explain")?;
    let tagger = Tagger::new(super::load_lexicon(args.lexicons.as_ref())?, args.unit)?;
    let encoding = super::encoding_option(args.encoding.as_deref())?;
    // (clap's `requires` is not checked when the TEXT that conflicts with
    // --file is given.)
    if args.file.is_none() {
        let given = [
            ("--record", args.record.is_some()),
            ("--input-format", args.input_format.is_some()),
            ("--delimiter", args.delimiter.is_some()),
        ];
        if let Some((option, _)) = given.into_iter().find(|&(_, g)| g) {
            return Err(Error::Invalid(format!(
                "{option} reads a file: give it with --file PATH (a TEXT or standard input is one document)"
            )));
        }
    }
    // A file (or a record of one) is explained with its spans as scan
    // writes them; words given or read from standard input with theirs in
    // that text.
    let report = match (args.text, &args.file) {
        (_, Some(path)) => {
            let (format, named_gz) = Format::detect(path);
            let format = args.input_format.unwrap_or(format);
            // (The format read, given or from the name: a delimiter for a
            // JSON file is an error.)
            let fields = super::record_fields(
                &args.text_field,
                args.id_field,
                args.delimiter.as_deref(),
                Some(format),
            )?;
            match (format, args.record) {
                (Format::Text | Format::Html, Some(id)) => {
                    return Err(Error::Invalid(format!(
                        "--record {id:?}: {} is read as {} (one document, not a file of records); \
                         --input-format names the format of a file of records (jsonl, json, csv, tsv, warc)",
                        path.display(),
                        super::format_name(format)
                    )));
                }
                (_, Some(id)) => {
                    explain_document(&tagger, &record_text(path, named_gz, format, &fields, encoding, &id)?)
                }
                (Format::Html, None) => {
                    explain_document(&tagger, &html_text(path, read_file(path)?, encoding)?)
                }
                (Format::Text, None) => {
                    explain_document(&tagger, &file_text(path, read_file(path)?, encoding)?)
                }
                (_, None) => {
                    super::stdio::say!(
                        "rolecall: note: {} is read by scan as {} records; explaining its raw text (--record ID explains one record as scan tags it)",
                        path.display(),
                        super::format_name(format)
                    );
                    explain_document(&tagger, &file_text(path, read_file(path)?, encoding)?)
                }
            }
        }
        (Some(t), None) => {
            if !t.contains(char::is_whitespace) && std::path::Path::new(&t).is_file() {
                super::stdio::say!(
                    "rolecall: note: {t:?} is also a file's path; explaining these words themselves (--file {t} explains the file)"
                );
            }
            explain(&tagger, &t)
        }
        (None, None) => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| Error::io("-", e))?;
            let text = match encoding {
                rolecall::input::Charset::Utf8 => String::from_utf8_lossy(&buf).into_owned(),
                charset => {
                    let doc = rolecall::input::decode_as("-", buf, charset)
                        .map_err(|p| Error::Invalid(format!("standard input: {}", p.kind)))?;
                    if let Some(p) = &doc.repaired {
                        super::stdio::say!("rolecall: note: standard input: {}", p.kind);
                    }
                    doc.text
                }
            };
            explain(&tagger, &text)
        }
    };
    out.print(&report)?;
    Ok(0)
}

/// The bytes of `--file PATH`.
fn read_file(path: &std::path::Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| file_error(path, e))
}

/// An error opening or reading `--file PATH`: a missing file named with
/// the option (`scan`'s wording speaks of a batch of inputs).
fn file_error(path: &std::path::Path, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::NotFound => Error::Invalid(format!(
            "--file {}: no such file; check the path",
            rolecall::text::escape_controls(&path.display().to_string())
        )),
        _ => Error::io(path, e),
    }
}

/// The text of the record of `path` whose id is `id`, as `scan` takes it
/// out and decodes it (its text fields joined, an HTML body reduced). The
/// file is read from its start until the record is found.
///
/// Errors: a file that cannot be opened or read to the record, a fatal
/// fault of its format (the reader cannot go on), no record with that id
/// (saying how many records were read and how many could not be).
fn record_text(
    path: &std::path::Path,
    named_gz: bool,
    format: Format,
    fields: &Fields,
    encoding: rolecall::input::Charset,
    id: &str,
) -> Result<rolecall::input::Document, Error> {
    use rolecall::input::{Input, Source, open};
    let shown = path.display().to_string();
    let size = std::fs::metadata(path).map_err(|e| file_error(path, e))?.len();
    let input =
        Input { id: shown.clone(), source: Source::File(path.to_path_buf()), size, below: 0, listed: true };
    // (A WARC file's records keep their declared charsets, as in `scan`.)
    let encoding = if format == Format::Warc { rolecall::input::Charset::Utf8 } else { encoding };
    let opened = open::open(&input, named_gz, encoding).map_err(|e| Error::io(path, e))?;
    if let Some(encoding) = opened.detected {
        super::stdio::say!(
            "rolecall: note: {shown}: {}",
            rolecall::input::ProblemKind::Detected { encoding }
        );
    }
    // An id `scan` shortened (`input::id::cap`): its start, then `~` and a
    // hash of the whole; the records whose id begins with that start.
    let capped = id
        .rsplit_once('~')
        .filter(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(|(start, _)| start);
    let matches = |rec_id: &str| match capped {
        Some(start) => rec_id == id || (rec_id.len() > start.len() && rec_id.starts_with(start)),
        None => rec_id == id,
    };
    let (mut read, mut bad, mut same) = (0u64, 0u64, 0u64);
    let mut first_fault = None;
    let mut found: Option<rolecall::input::Document> = None;
    for item in RecordReader::new(format, opened.reader, fields) {
        let raw = match item {
            Ok(raw) => raw,
            Err(e) if e.fatal() => {
                if found.is_some() {
                    break;
                }
                return Err(Error::Invalid(format!(
                    "--file {shown}: {e}; no record with id {id:?} was found before it"
                )));
            }
            Err(e) => {
                bad += 1;
                first_fault.get_or_insert_with(|| e.to_string());
                continue;
            }
        };
        read += 1;
        match records::extract(raw, fields) {
            Ok(Some(mut rec)) if matches(&rec.id) => {
                same += 1;
                if found.is_some() {
                    continue;
                }
                if let Some(note) = rec.note.take() {
                    super::stdio::say!("rolecall: note: {shown}: {note}");
                }
                let doc_id = rolecall::input::id::record_id(&shown, &rec.id);
                let parts = std::mem::take(&mut rec.parts);
                let mut doc = rolecall::input::decode_record(&doc_id, rec);
                rolecall::input::name_parts(&mut doc, &parts, fields);
                if let Some(p) = &doc.repaired {
                    super::stdio::say!("rolecall: note: {}: {}", p.path, p.kind);
                }
                found = Some(doc);
            }
            Ok(_) => {}
            Err(e) => {
                bad += 1;
                first_fault.get_or_insert_with(|| e.to_string());
            }
        }
    }
    if let Some(note) = opened.notes.take() {
        super::stdio::say!("rolecall: note: {shown}: {note}");
    }
    if let Some(doc) = found {
        if same > 1 {
            super::stdio::say!(
                "rolecall: note: {shown}: {same} records have the id {id:?} (scan tags each: their rows share a doc value); explaining the first"
            );
        }
        return Ok(doc);
    }
    let unread = match first_fault {
        Some(first) => format!(", {bad} of them could not be read, the first: {first}"),
        None => String::new(),
    };
    let ids = match format {
        Format::Warc => "a WARC record's id is its WARC-Target-URI, else its WARC-Record-ID".to_string(),
        Format::Json => format!("from --id-field {:?}, else the element's 0-based index", fields.id),
        _ => format!("from --id-field {:?}, else the line number", fields.id),
    };
    let what = if read > 0 && bad == read {
        format!("no record of {shown} could be read ({read} tried as {}{unread})", super::format_name(format))
    } else {
        format!(
            "no record of {shown} has that id ({read} record(s) read as {}{unread})",
            super::format_name(format)
        )
    };
    Err(Error::Invalid(format!(
        "--record {id:?}: {what}; the id is what scan writes after '#' in its doc column: {ids}"
    )))
}

/// The text of an HTML `--file PATH` from its `bytes`, as `scan` reduces
/// an HTML file: decompressed when gzip, decoded from the charset it
/// declares (else `encoding`), reduced to its text.
///
/// Errors: gzip data that cannot be read, HTML past the reducer's bounds.
fn html_text(
    path: &std::path::Path,
    bytes: Vec<u8>,
    encoding: rolecall::input::Charset,
) -> Result<rolecall::input::Document, Error> {
    let shown = path.display().to_string();
    let bytes = gunzip_if_gzip(&shown, bytes)?;
    let (html, noted) = records::html_file_utf8(bytes, encoding);
    if let Some(kind) = noted {
        super::stdio::say!("rolecall: note: {shown}: {kind}");
    }
    let text =
        records::html_file_text(&html).map_err(|why| Error::Invalid(format!("--file {shown}: {why}")))?;
    Ok(rolecall::input::decode_text(&shown, text))
}

/// `bytes` decompressed when they are gzip data.
///
/// Errors: gzip data that cannot be read, or data of another compression
/// format, named with `--file`.
fn gunzip_if_gzip(shown: &str, bytes: Vec<u8>) -> Result<Vec<u8>, Error> {
    if let Some(said) = rolecall::input::open::other_compression_said(&bytes) {
        return Err(Error::Invalid(format!("--file {shown}: {said}")));
    }
    if !rolecall::input::open::is_gzip(&bytes) {
        return Ok(bytes);
    }
    let mut plain = Vec::new();
    rolecall::input::open::gunzip(&bytes[..]).read_to_end(&mut plain).map_err(|e| {
        Error::Invalid(format!(
            "--file {shown}: gzip data that cannot be read after {} bytes of text ({e})",
            plain.len()
        ))
    })?;
    Ok(plain)
}

/// The text of `--file PATH` from its `bytes`: decompressed when gzip,
/// then decoded as `scan` decodes a text file in `encoding`
/// ([`rolecall::input::decode_as`]).
/// Errors: gzip data that cannot be read, a binary file (a NUL byte).
fn file_text(
    path: &std::path::Path,
    bytes: Vec<u8>,
    encoding: rolecall::input::Charset,
) -> Result<rolecall::input::Document, Error> {
    let shown = path.display().to_string();
    let bytes = gunzip_if_gzip(&shown, bytes)?;
    match rolecall::input::decode_as(&shown, bytes, encoding) {
        Ok(doc) => {
            if let Some(p) = &doc.repaired {
                super::stdio::say!("rolecall: note: {shown}: {}", p.kind);
            }
            Ok(doc)
        }
        Err(p) => Err(Error::Invalid(match p.kind {
            rolecall::input::ProblemKind::BinaryFile { offset } => {
                format!("--file {shown}: a binary file (NUL byte at offset {offset}); explain reads text")
            }
            other => format!("--file {shown}: {other}"),
        })),
    }
}
