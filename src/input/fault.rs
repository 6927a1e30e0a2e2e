//! Faults of single records in record files (JSON Lines, JSON arrays,
//! CSV/TSV, WARC): where ([`Place`], a byte offset) and what
//! ([`RecordFault`], [`BodyFault`]), each worded in one `Display`.

use std::fmt;

/// Where a record is in its file: the 1-based line (JSON Lines, CSV/TSV)
/// or record number (WARC), or the 0-based element of a JSON array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A line number.
    Line(u64),
    /// A WARC record number.
    Record(u64),
    /// An element of a JSON array: its 0-based index and the byte offset
    /// (in the decompressed file) where it starts.
    Element {
        /// The 0-based index.
        index: u64,
        /// Where it starts.
        byte: u64,
    },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Record(n) => write!(f, "record {n}"),
            Place::Element { index, byte } => write!(f, "element {index} (byte {byte})"),
        }
    }
}

impl Place {
    /// The line or record number, or the element's index.
    pub fn number(self) -> u64 {
        match self {
            Place::Line(n) | Place::Record(n) | Place::Element { index: n, .. } => n,
        }
    }
}

/// A record that could not be read or used: where, and what is wrong; or
/// a note about a record or header that is read ([`RecordFault::is_note`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// The record's line or record number.
    pub place: Place,
    /// The byte offset of a WARC record's version line, when known.
    pub byte: Option<u64>,
    /// What is wrong.
    pub fault: RecordFault,
}

impl RecordError {
    /// A fault of the record at `place`.
    pub fn new(place: Place, fault: RecordFault) -> RecordError {
        RecordError { place, byte: None, fault }
    }

    /// The same, for a WARC record starting at byte `byte`.
    pub fn at_byte(place: Place, byte: u64, fault: RecordFault) -> RecordError {
        RecordError { place, byte: Some(byte), fault }
    }

    /// True when the file cannot be read any further (the records before
    /// it are kept); false when only this record is skipped.
    pub fn fatal(&self) -> bool {
        use RecordFault::*;
        matches!(
            self.fault,
            Stream { .. }
                | Csv { .. }
                | NoTextColumn { .. }
                | NoIdColumn { .. }
                | EndsInHeader
                | EndsInRecord { .. }
                | QuoteOpen { .. }
                | NotAnArray { .. }
                | NotObjects { .. }
                | ArrayBroken { .. }
                | EndsInArray { .. }
                | AfterArray { .. }
                | StreamAfterDamage { .. }
                | NotJsonLines { .. }
        )
    }
}

/// What is wrong with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecordFault {
    /// The stream broke (an I/O error, a truncated gzip file).
    Stream {
        /// What broke it, in words (see [`super::stream_failure`]).
        what: String,
    },
    /// A line or record over the record size limit.
    TooLong {
        /// The limit in MiB.
        limit_mib: usize,
    },
    /// The CSV reader failed (its own words).
    Csv {
        /// The csv crate's description.
        detail: String,
    },
    /// The CSV/TSV header has no column for the text (with several text
    /// fields, none of them).
    NoTextColumn {
        /// The column or columns asked for (`--text-column`).
        wanted: Wanted,
        /// The header's columns.
        columns: Vec<String>,
    },
    /// A CSV/TSV quoted field still open at the end of the file: the rest
    /// of the file from that quote was read as one field.
    QuoteOpen {
        /// The 1-based line the quote opened on.
        opened: u64,
        /// The file's last line.
        last: u64,
    },
    /// A CSV/TSV quoted field that spans lines and has text after its
    /// closing quote: a quote left open on `opened` ran on to the quote
    /// that opened a field on `closed`, so the rows between were read as
    /// one field of this row. (Found by a trial: a row vanished into the
    /// one before it in silence.)
    QuoteSwallowed {
        /// The 1-based line the quote opened on.
        opened: u64,
        /// The line of the quote that closed it.
        closed: u64,
    },
    /// A file read as JSON Lines none of whose first lines (up to
    /// `lines::LOOK_AHEAD`, at least two) starts with `{`: not JSON Lines.
    NotJsonLines {
        /// The last line looked at (1-based; the first is the error's place).
        last: u64,
        /// The non-blank lines looked at.
        lines: u64,
        /// The start of the first of them (up to 30 chars).
        first: String,
    },
    /// A JSON Lines record that is not JSON.
    InvalidJson {
        /// serde_json's description.
        detail: String,
    },
    /// The text field holds something other than a string.
    NotAString {
        /// The field asked for.
        field: String,
        /// What it holds ("a number", "an object"…).
        found: &'static str,
    },
    /// The record has no text field (with several, none of them), or no
    /// id field when one was named.
    NoField {
        /// The field or fields asked for.
        wanted: Wanted,
        /// The option that names it (`--text-field`, `--id-field`).
        option: &'static str,
        /// The record's fields as dotted paths, its own names first, then
        /// those one object down (at most 40; none when the record is not
        /// an object).
        keys: Vec<String>,
    },
    /// The CSV/TSV header has no column for the id named by `--id-field`.
    NoIdColumn {
        /// The column asked for.
        column: String,
        /// The header's columns.
        columns: Vec<String>,
    },
    /// A `.json` file whose top-level value is not an array.
    NotAnArray {
        /// What was found instead ("an object", "a string"…).
        found: String,
    },
    /// A JSON array whose first element is not an object: not records.
    NotObjects {
        /// What the element is ("a string", "a number"…).
        found: String,
    },
    /// An element of a JSON array (after the first) that is not an object.
    NotAnObject {
        /// What it is.
        found: String,
    },
    /// A line of a JSON Lines file that is JSON but not an object (the
    /// inside of a JSON array read as JSON Lines, say).
    LineNotAnObject {
        /// What it is ("a string", "an array"…).
        found: &'static str,
    },
    /// A line of a JSON Lines file that does not start as any JSON value
    /// does (a line of prose), where serde's words ("expected ident")
    /// would puzzle.
    LineNotJson {
        /// Its first characters (at most 20, then `…`).
        start: String,
    },
    /// A JSON array whose syntax breaks between elements (the place is
    /// where the next element was expected).
    ArrayBroken {
        /// What was expected ("`,` or `]`"…).
        expected: &'static str,
        /// What was found.
        found: String,
    },
    /// The file ends inside a JSON array (the place is its end), between
    /// elements or, when `inside`, inside the element at the place.
    EndsInArray {
        /// True when it ends inside an element.
        inside: bool,
    },
    /// Something other than white space after a JSON array's `]`.
    AfterArray {
        /// What was found.
        found: String,
    },
    /// A WARC response whose HTTP message is unusable.
    Http {
        /// The record's id (its target URI).
        id: String,
        /// What is wrong with the HTTP message.
        detail: String,
    },
    /// A WARC response whose body cannot be read as text.
    Body {
        /// The record's id (its target URI).
        id: String,
        /// What is wrong with the body.
        fault: Box<BodyFault>,
    },
    /// Where a WARC version line was expected, something else was found:
    /// junk between records, skipped to the next version line. Not a
    /// record: its place is the record before it (`Record(0)`: none).
    NotVersionLine {
        /// The line found (shortened).
        found: String,
        /// True when a later record was found to go on with.
        resumed: bool,
    },
    /// A WARC header over the header size limit.
    HeaderTooLong {
        /// The limit in MiB.
        limit_mib: usize,
    },
    /// A WARC version line inside a header.
    HeaderUnfinished,
    /// A WARC header line without a colon.
    HeaderNoColon {
        /// The line (shortened).
        line: String,
    },
    /// A WARC `Content-Length` that is not a number.
    BadLength,
    /// A WARC record without `Content-Length`.
    NoLength,
    /// A WARC `Content-Length` that is a minus sign and digits: negative,
    /// or `-0` (said as such).
    NegativeLength {
        /// The value (shortened).
        value: String,
    },
    /// A WARC record's `Content-Length` runs past its block: what follows
    /// the declared block is not the next record (or the file ends inside
    /// it), and a record starts inside it. The record is skipped and
    /// reading goes on from the record inside.
    LengthPastRecord {
        /// Bytes its `Content-Length` announced.
        length: u64,
        /// Where the record found inside starts (a byte of the file).
        next: u64,
        /// How many bytes into the block it starts.
        into: u64,
        /// The block's likely length: `into` less the line ends that close
        /// a block.
        likely: u64,
        /// When the file ends inside the declared block: the bytes of it
        /// present.
        file_ends: Option<u64>,
    },
    /// As [`RecordFault::LengthPastRecord`] for a block declared over the
    /// record size limit, but the record found inside starts more than the
    /// limit before the declared end of the block and before the end of
    /// the file: too far back to go on from it. The records from there to
    /// the declared end (or the file's) are lost; reading goes on after it.
    LengthPastLost {
        /// Bytes its `Content-Length` announced.
        length: u64,
        /// Where the record found inside starts.
        next: u64,
        /// Where reading goes on: the declared end of the block, or the
        /// end of the file when `at_end`.
        to: u64,
        /// True when the file ends inside the declared block.
        at_end: bool,
        /// The limit in MiB.
        limit_mib: usize,
    },
    /// A WARC block that ends inside a line: what follows its declared end
    /// is neither line ends nor the next record, and no record starts
    /// inside it. Its `Content-Length` is too short (or junk follows the
    /// block); skipped to the next version line.
    LengthShort {
        /// Bytes its `Content-Length` announced.
        length: u64,
        /// What follows the declared block, to the end of its line
        /// (shortened).
        found: String,
        /// True when a later record was found to go on with (false: the
        /// file ends).
        resumed: bool,
    },
    /// The file ends inside a WARC header.
    EndsInHeader,
    /// The file ends inside a WARC record's block.
    EndsInRecord {
        /// Bytes of the block present.
        got: u64,
        /// Bytes its `Content-Length` announced.
        length: u64,
    },
    /// A note: the record's id field holds no id (JSON: an object, an
    /// array, a boolean, `""`, or `null` when `--id-field` named the field;
    /// CSV/TSV: an empty cell), so its line number
    /// (a JSON array element's index) is its id. The record is tagged.
    IdFallback {
        /// The id field (`--id-field`).
        field: String,
        /// True for a CSV/TSV column (then the cell was empty).
        column: bool,
        /// What the JSON field holds ("an object", "an empty string"…).
        found: &'static str,
    },
    /// A note: of several text columns (`--text-column title,body`), the
    /// header lacks some (not all): theirs is empty in every row.
    TextColumnAbsent {
        /// The text columns the header lacks, in the order given.
        missing: Wanted,
        /// The header's columns.
        columns: Vec<String>,
    },
    /// A note: a CSV/TSV header names a column more than once; the first
    /// of them is the one read.
    DuplicateColumn {
        /// The name.
        column: String,
        /// Its columns, 1-based, in order.
        positions: Vec<usize>,
        /// What reads the first ("the text (--text-column)"…), or `None`
        /// when no option names it.
        read_as: Option<&'static str>,
    },
    /// A CSV/TSV row with more fields than the header, not all of the
    /// extra ones empty: a delimiter inside an unquoted cell shifted the
    /// cells after it, so the row is skipped rather than read cut short.
    TooManyFields {
        /// The row's fields.
        found: usize,
        /// The header's columns.
        header: usize,
        /// The delimiter (`,` or a tab).
        delimiter: u8,
    },
    /// Records of one file that lack the field an option names, reported
    /// in one row (the place is the first of them): with `whole`, every
    /// record of the file lacks it, so the option most likely names the
    /// wrong field; without, the rest of a run of such records after the
    /// first few, which have rows of their own.
    FieldMissing(Box<FieldMiss>),
    /// The stream broke (as [`RecordFault::Stream`]) right after a run of
    /// records that could not be parsed: corrupt data (a damaged gzip
    /// file) read as garbage before the decoder noticed.
    StreamAfterDamage {
        /// What broke the stream, in words.
        what: String,
        /// Records just before it that failed to parse.
        failed: u64,
        /// The first of them.
        first: Place,
    },
}

/// Records of one file that lack the field an option names
/// ([`RecordFault::FieldMissing`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMiss {
    /// The field or fields asked for.
    pub wanted: Wanted,
    /// The option that names it (`--text-field`, `--id-field`).
    pub option: &'static str,
    /// How many records lack it (each counted as skipped).
    pub records: u64,
    /// The last of them.
    pub last: Place,
    /// The fields those records have, in the order first seen (at most
    /// [`FIELDS_LISTED`]).
    pub keys: Vec<String>,
    /// True when no record of the file has the field.
    pub whole: bool,
}

/// The field or fields an option names (`--text-field title,body`: any
/// of them is enough), in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted(pub Vec<String>);

impl Wanted {
    /// One field.
    pub fn one(name: &str) -> Wanted {
        Wanted(vec![name.to_string()])
    }

    /// True for more than one name (a message then says "none of", "their").
    pub fn several(&self) -> bool {
        self.0.len() > 1
    }

    /// "field `a`", or with several "fields `a`, `b`"; `noun` is "field"
    /// or "column".
    pub fn named(&self, noun: &str) -> String {
        let plural = if self.several() { "s" } else { "" };
        format!("{noun}{plural} `{}`", self.0.join("`, `"))
    }

    /// "no field `a`", or with several "none of the fields `a`, `b`".
    pub fn none_of(&self, noun: &str) -> String {
        let none = if self.several() { "none of the" } else { "no" };
        format!("{none} {}", self.named(noun))
    }

    /// "no column `a` in the header", or with several "none of the
    /// columns `a`, `b` is in the header".
    pub fn not_in_header(&self) -> String {
        let verb = if self.several() { " is" } else { "" };
        format!("{}{verb} in the header", self.none_of("column"))
    }

    /// As the option's value was given: `title,body`.
    pub fn as_option(&self) -> String {
        self.0.join(",")
    }
}

/// How many field names a message lists at most.
pub const FIELDS_LISTED: usize = 20;

impl RecordFault {
    /// True for a note: the record (or file) is read all the same, and the
    /// row counts neither as skipped nor as repaired.
    pub fn is_note(&self) -> bool {
        matches!(
            self,
            RecordFault::IdFallback { .. }
                | RecordFault::DuplicateColumn { .. }
                | RecordFault::TextColumnAbsent { .. }
        )
    }

    /// The records this row stands for (more than one for a
    /// [`RecordFault::FieldMissing`]).
    pub fn records(&self) -> u64 {
        match self {
            RecordFault::FieldMissing(m) => m.records,
            _ => 1,
        }
    }

    /// True for a record whose bytes do not parse as a record of its
    /// format: what corrupt data read as garbage gives.
    pub fn is_damage(&self) -> bool {
        use RecordFault::*;
        matches!(
            self,
            InvalidJson { .. }
                | LineNotAnObject { .. }
                | LineNotJson { .. }
                | NotAnObject { .. }
                | TooLong { .. }
                | TooManyFields { .. }
                | NotVersionLine { .. }
                | HeaderTooLong { .. }
                | HeaderUnfinished
                | HeaderNoColon { .. }
                | BadLength
                | NoLength
                | NegativeLength { .. }
                | LengthPastRecord { .. }
                | LengthPastLost { .. }
                | LengthShort { .. }
        )
    }
}

/// Why the body of an HTTP response (a WARC `response` record) was not
/// tagged.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyFault {
    /// `Transfer-Encoding: chunked`, but the chunks are broken.
    Chunked {
        /// What is wrong (a size line that is not hex, a chunk cut short).
        detail: String,
    },
    /// A `Content-Encoding` rolecall does not decode (br, zstd…).
    UnknownEncoding {
        /// The encoding named.
        name: String,
    },
    /// A `Content-Encoding` (gzip, deflate) whose data is corrupt.
    BadEncoding {
        /// The encoding named.
        name: String,
        /// The decoder's words.
        detail: String,
    },
    /// The decoded body is over the record size limit.
    TooLong {
        /// The limit in MiB.
        limit_mib: usize,
    },
    /// A body declared (or taken to be) text whose bytes are binary.
    Binary {
        /// The type declared, or "no type".
        declared: String,
        /// What the bytes look like ("a PNG image", "NUL bytes"…).
        found: &'static str,
    },
}

impl fmt::Display for BodyFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyFault::Chunked { detail } => write!(f, "broken chunked transfer encoding ({detail})"),
            BodyFault::UnknownEncoding { name } => {
                write!(f, "body in content encoding `{name}`, which rolecall does not decode")
            }
            BodyFault::BadEncoding { name, detail } => write!(f, "corrupt `{name}` body ({detail})"),
            BodyFault::TooLong { limit_mib } => write!(f, "decoded body longer than {limit_mib} MiB"),
            BodyFault::Binary { declared, found } => write!(f, "body declared {declared} holds {found}"),
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RecordFault::*;
        let place = self.place;
        // Where: "line 3: ", or "record 2 (byte 410): " for WARC records.
        let at = match self.byte {
            Some(b) => format!("{place} (byte {b})"),
            None => place.to_string(),
        };
        match &self.fault {
            Stream { what } if place.number() <= u64::from(!matches!(place, Place::Element { .. })) => {
                write!(f, "cannot read: {what}, skipped")
            }
            Stream { what } => write!(f, "read failed at {place}: {what}; the records before it are kept"),
            TooLong { limit_mib } if self.byte.is_some() => {
                write!(f, "{at}: record longer than {limit_mib} MiB, skipped")
            }
            TooLong { limit_mib } => write!(f, "{at}: longer than {limit_mib} MiB, skipped"),
            Csv { detail } => write!(f, "{at}: {detail}"),
            NoTextColumn { wanted, columns } => write!(
                f,
                "{at}: {} (columns: {}{}); name {} with --text-column, file skipped{}",
                wanted.not_in_header(),
                shown(columns),
                guess(wanted, columns),
                if wanted.several() { "one" } else { "it" },
                format_hint(columns)
            ),
            QuoteSwallowed { opened, closed } => write!(
                f,
                "{at}: a quote opened on line {opened} closes on line {closed} with text after it, so lines {opened}-{closed} were read as one field (a quote left open?); record skipped, the rows it swallowed with it (fix or escape the quote: `\"\"` inside a quoted field)"
            ),
            QuoteOpen { opened, last } => write!(
                f,
                "{at}: a quote opened on line {opened} is still open at the end of the file (line {last}), so lines {opened}-{last} were read as one field; record skipped (fix or escape the quote: `\"\"` inside a quoted field)"
            ),
            NotAnArray { found } => write!(
                f,
                "{found} at byte {}, where a JSON array of objects was expected; a `.json` file is read as an array of records (for one object per line name it `.jsonl` or use --input-format jsonl; for plain text, --input-format text), file skipped",
                byte_of(place)
            ),
            NotObjects { found } => write!(
                f,
                "{at}: {found}, not an object; a `.json` file is read as an array of objects, one record each (use --input-format text to read it as text), file skipped"
            ),
            NotAnObject { found } => write!(f, "{at}: {found}, not an object, skipped"),
            ArrayBroken { expected, found } => write!(
                f,
                "{at}: expected {expected}, found {found}: broken JSON; the elements before it are kept, the rest of the file is skipped"
            ),
            EndsInArray { inside: true } => write!(
                f,
                "{at}: the file ends inside this element (truncated?); the elements before it are kept"
            ),
            EndsInArray { inside: false } => write!(
                f,
                "the file ends inside the JSON array at byte {}, after {} element(s) (truncated?); the elements before it are kept",
                byte_of(place),
                place.number()
            ),
            AfterArray { found } => write!(
                f,
                "{found} at byte {} after the JSON array's closing `]`, ignored; the array's elements are kept",
                byte_of(place)
            ),
            NotJsonLines { last, lines, first } => write!(
                f,
                "lines {}-{last}: not JSON Lines: none of the first {lines} non-blank lines starts with `{{` as a record must (line {} starts {first:?}); give the file's format with --input-format (csv, tsv, json, warc, html or text), file skipped",
                place.number(),
                place.number()
            ),
            InvalidJson { detail } => {
                write!(f, "{at}: invalid JSON ({detail}), skipped")?;
                // The first line of a file that is not JSON Lines at all (a
                // CSV file, a JSON array) says so once, at its first line.
                if matches!(place, Place::Line(1)) {
                    write!(
                        f,
                        "; if the file is not JSON Lines (one object per line), give its format with --input-format"
                    )?;
                }
                Ok(())
            }
            LineNotJson { start } => write!(
                f,
                "{at}: text ({start:?}), not JSON; a JSON Lines file holds one object per line (a file of another format: give it with --input-format), skipped"
            ),
            LineNotAnObject { found } => write!(
                f,
                "{at}: {found}, not an object; a JSON Lines file holds one object per line (for a JSON array of objects give --input-format json), skipped"
            ),
            NotAString { field, found } => {
                write!(f, "{at}: field `{field}` is {found}, not a string, skipped")
            }
            NoField { wanted, option, keys } if keys.is_empty() => {
                write!(
                    f,
                    "{at}: {} (the record has no fields); check {option}, skipped",
                    wanted.none_of("field")
                )
            }
            NoField { wanted, option, keys } => write!(
                f,
                "{at}: {} (its fields: {}{}), skipped; {option} names the field to read",
                wanted.none_of("field"),
                keys.join(", "),
                guess(wanted, keys)
            ),
            NoIdColumn { column, columns } => write!(
                f,
                "{at}: no column `{column}` in the header (columns: {}{}); name the id column with --id-column, file skipped{}",
                shown(columns),
                guess(&Wanted::one(column), columns),
                format_hint(columns)
            ),
            Http { id, detail } => write!(f, "{at} ({id}): {detail}, skipped"),
            Body { id, fault } => write!(f, "{at} ({id}): {fault}, skipped"),
            NotVersionLine { found, resumed } => {
                let byte = self.byte.unwrap_or(0);
                let after = match place.number() {
                    0 => "before the first record".to_string(),
                    n => format!("after record {n}"),
                };
                write!(
                    f,
                    "byte {byte} ({after}): expected a `WARC/1.x` version line, found {found:?}; skipped{}",
                    if *resumed { " to the next record" } else { " to the end" }
                )
            }
            HeaderTooLong { limit_mib } => write!(f, "{at}: header longer than {limit_mib} MiB, skipped"),
            HeaderUnfinished => write!(f, "{at}: a new record starts before the header ended; skipped"),
            HeaderNoColon { line } => write!(f, "{at}: header line without a colon: {line:?}, skipped"),
            BadLength => write!(f, "{at}: Content-Length is not a number, skipped"),
            NoLength => write!(f, "{at}: no Content-Length header, skipped"),
            NegativeLength { value } if value.trim_start_matches('-').bytes().all(|b| b == b'0') => write!(
                f,
                "{at}: Content-Length is {value}, a minus sign before zero: not a length (a length is digits only), skipped"
            ),
            NegativeLength { value } => write!(f, "{at}: Content-Length is negative ({value}), skipped"),
            LengthPastRecord { length, next, into, likely, file_ends } => {
                match file_ends {
                    None => write!(
                        f,
                        "{at}: its Content-Length ({length} bytes) runs past the record: the next record starts {into} bytes into the block, at byte {next}"
                    )?,
                    Some(got) => write!(
                        f,
                        "{at}: the file ends {got} bytes into the block, short of its Content-Length ({length} bytes), and a record starts {into} bytes into it, at byte {next}: the length is wrong"
                    )?,
                }
                write!(f, "; record skipped, the records from byte {next} are read")?;
                if *likely <= crate::input::records::MAX_RECORD_BYTES as u64 {
                    write!(
                        f,
                        " (the block looks {likely} bytes long: with that Content-Length the record would be read)"
                    )?;
                }
                Ok(())
            }
            LengthPastLost { length, next, to, at_end, limit_mib } => write!(
                f,
                "{at}: its Content-Length ({length} bytes) runs past the record: a record starts inside the block at byte {next}, but more than {limit_mib} MiB before {}, too far back to go on from it; record skipped, and the records from byte {next} to byte {to} are lost (fix the record's Content-Length to read them)",
                if *at_end { "the end of the file" } else { "the block's declared end" }
            ),
            LengthShort { length, found, resumed } => write!(
                f,
                "{at}: its Content-Length ({length} bytes) ends inside a line ({found:?} follows the block), so it is too short (or junk follows the block); record skipped{} (fix the record's Content-Length to read it)",
                if *resumed { " to the next record" } else { ", and no record follows it: the file ends" }
            ),
            EndsInHeader => {
                write!(f, "{at}: the file ends inside the header; the records before it are kept")
            }
            EndsInRecord { got, length } => write!(
                f,
                "{at}: the file ends inside the record ({got} of {length} bytes: the file is cut short, or its Content-Length is wrong); the records before it are kept"
            ),
            IdFallback { field, column, found } => {
                let used = match place {
                    Place::Element { index, .. } => format!("the element's index ({index})"),
                    _ => format!("the line number ({})", place.number()),
                };
                if *column {
                    write!(f, "{at}: column `{field}` (--id-column) is empty; {used} is used as the id")
                } else {
                    write!(
                        f,
                        "{at}: field `{field}` (--id-field) is {found}, not a string or a number; {used} is used as the id"
                    )
                }
            }
            TextColumnAbsent { missing, columns } => write!(
                f,
                "{at}: {} (columns: {}), so {} empty in every row; the other text columns are read (check the names given to --text-column)",
                missing.not_in_header(),
                shown(columns),
                if missing.several() { "their text is" } else { "its text is" }
            ),
            DuplicateColumn { column, positions, read_as } => {
                let times = match positions.len() {
                    2 => "twice".to_string(),
                    n => format!("{n} times"),
                };
                write!(
                    f,
                    "{at}: column `{column}` is named {times} in the header (columns {})",
                    listed(positions)
                )?;
                match read_as {
                    Some(what) => write!(
                        f,
                        "; the first (column {}) is read as {what}; to read {}, rename it in the header",
                        positions.first().copied().unwrap_or_default(),
                        if positions.len() == 2 { "the other" } else { "another" }
                    ),
                    None => f.write_str("; none of them is read"),
                }
            }
            FieldMissing(m) if m.whole => {
                let FieldMiss { wanted, option, records, last, keys, .. } = &**m;
                let any = if wanted.several() { "any of the " } else { "" };
                let has = format!("{any}{}", wanted.named("field"));
                write!(
                    f,
                    "no record of this file has {has} ({option} {:?}): all {records} record(s), {place} to {last}, skipped; ",
                    wanted.as_option()
                )?;
                if keys.is_empty() {
                    write!(f, "they have no fields; ")?;
                } else {
                    write!(f, "fields seen in them: {}; ", keys.join(", "))?;
                }
                let what = if *option == "--id-field" { "id" } else { "text" };
                write!(f, "name the field that holds the {what} with {option}")
            }
            FieldMissing(m) => {
                let FieldMiss { wanted, option, records, last, keys, .. } = &**m;
                write!(f, "{place} to {last}: {records} more record(s) with {}", wanted.none_of("field"))?;
                if !keys.is_empty() {
                    write!(f, " (fields seen in such records: {})", keys.join(", "))?;
                }
                write!(f, ", skipped; {option} names the field to read")
            }
            StreamAfterDamage { what, failed, first } => write!(
                f,
                "read failed at {place}: {what}; the {failed} record(s) just before it ({first} on) could not be parsed either and are likely damaged by the same corruption (gzip -t checks a .gz file; get a good copy); the records before {first} are kept"
            ),
            TooManyFields { found, header, delimiter } => write!(
                f,
                "{at}: {found} fields, but the header has {header}; record skipped ({})",
                extra_fields_hint(*delimiter)
            ),
        }
    }
}

impl std::error::Error for RecordError {}

/// What to do about a row with more fields than its header: the likely
/// cause for its delimiter, and the other format to try.
fn extra_fields_hint(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "a tab inside a cell? quote cells that hold tabs, or pass --input-format csv if the file is comma-separated".into(),
        b',' => "an unquoted comma in a cell? quote cells that hold commas, or pass --input-format tsv if the file is tab-separated".into(),
        d => format!(
            "an unquoted `{}` in a cell? quote cells that hold it, or give the file's own delimiter with --delimiter",
            char::from(d).escape_default()
        ),
    }
}

/// The field of `seen` nearest to `name`, if near enough to guess: the
/// same but for case, or within two edits of it (Damerau–Levenshtein
/// distance in chars, [`strsim::damerau_levenshtein`]) and less than half
/// the longer name's length. The nearest wins, the first seen among equals.
pub fn nearest<'a>(name: &str, seen: &'a [String]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    seen.iter()
        .map(|s| {
            let d = if s.to_lowercase() == lower { 0 } else { strsim::damerau_levenshtein(name, s) };
            (d, s)
        })
        .filter(|&(d, s)| d <= 2 && 2 * d < name.chars().count().max(s.chars().count()))
        .min_by_key(|&(d, _)| d)
        .map(|(_, s)| s.as_str())
}

/// `did you mean "body"?` for the names of `wanted` near a name of `seen`
/// ([`nearest`]), each with the name it is for when there are several;
/// `None` when none is near. (Found by a trial: `--text-field Body` got no
/// guess where `--group-by Outlet` got one.)
pub(crate) fn guesses(wanted: &Wanted, seen: &[String]) -> Option<String> {
    let guesses: Vec<String> = wanted
        .0
        .iter()
        .filter_map(|w| nearest(w, seen).filter(|s| s != w).map(|s| (w, s)))
        .map(|(w, s)| if wanted.several() { format!("{s:?} for {w:?}") } else { format!("{s:?}") })
        .collect();
    (!guesses.is_empty()).then(|| format!("did you mean {}?", guesses.join(", ")))
}

/// [`guesses`] after `; `, as a message's clause; empty when none.
pub(crate) fn guess(wanted: &Wanted, seen: &[String]) -> String {
    guesses(wanted, seen).map(|g| format!("; {g}")).unwrap_or_default()
}

/// [`format_hint`]'s words for a UTF-16 header, with the `iconv` name of
/// its byte order.
macro_rules! utf16_hint {
    ($order:literal) => {
        concat!(
            " (the header holds NUL bytes: UTF-16 text without a byte-order mark? convert it to UTF-8, as `iconv -f ",
            $order,
            " -t UTF-8 FILE` does, or save it with a byte-order mark, which rolecall reads)"
        )
    };
}

/// A hint for a header read in the wrong format: a first line that starts
/// with `{` or `[` is JSON Lines or JSON; a column name that holds a tab is
/// a TSV header read as CSV.
fn format_hint(columns: &[String]) -> &'static str {
    let first = columns.first().map_or("", |c| c.trim_start());
    if columns.first().is_some_and(|c| c.starts_with('\0')) {
        // (Found by a trial: a UTF-16 export without its byte-order mark
        // listed its columns as `i\0d\0, \0b\0o\0d\0y\0`. Big-endian
        // text starts with its NUL byte.)
        utf16_hint!("UTF-16BE")
    } else if columns.iter().any(|c| c.contains('\0')) {
        utf16_hint!("UTF-16LE")
    } else if first.starts_with('{') {
        " (the first line starts with `{`: a JSON Lines file? give --input-format jsonl)"
    } else if first.starts_with('[') {
        " (the first line starts with `[`: a JSON array? give --input-format json)"
    } else if columns.iter().any(|c| c.contains('\t')) {
        " (the header holds tabs: a TSV file? give --input-format tsv, without --delimiter)"
    } else if columns.iter().any(|c| c.contains(';')) {
        // (Found by a trial: a European spreadsheet export.)
        " (the header holds `;`: a semicolon-separated file? give --delimiter ';')"
    } else if columns.iter().any(|c| c.contains(',')) {
        // (A comma file read with `--delimiter ';'` or as TSV.)
        " (the header holds commas: a comma-separated file? read it as csv, without --delimiter)"
    } else {
        ""
    }
}

/// How much of a header's columns a message shows, in bytes: a line of
/// another format read as a header can be kilobytes long.
const COLUMNS_SHOWN: usize = 200;

/// A header's columns as a message lists them: joined with `, `, cut at
/// [`COLUMNS_SHOWN`] bytes (at a character's boundary) with `…`.
pub(crate) fn shown(columns: &[String]) -> String {
    let mut all = columns.join(", ");
    if all.len() > COLUMNS_SHOWN {
        let mut end = COLUMNS_SHOWN;
        while !all.is_char_boundary(end) {
            end -= 1;
        }
        all.truncate(end);
        all.push('…');
    }
    all
}

/// Column numbers in words: `2 and 3`, `2, 5 and 6`; past ten, the first
/// ten and how many more.
fn listed(positions: &[usize]) -> String {
    const SHOWN: usize = 10;
    let words: Vec<String> = positions.iter().take(SHOWN).map(usize::to_string).collect();
    match (positions.len().checked_sub(SHOWN), words.split_last()) {
        (Some(more @ 1..), _) => format!("{} and {more} more", words.join(", ")),
        (_, Some((last, rest))) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.join(", "),
    }
}

/// The byte offset of a JSON array element's place (0 for other places).
fn byte_of(place: Place) -> u64 {
    match place {
        Place::Element { byte, .. } => byte,
        _ => 0,
    }
}
