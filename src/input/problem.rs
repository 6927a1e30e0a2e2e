//! Problems with single inputs (and, through [`super::fault`], records): typed, placed, and worded in
//! one place ([`ProblemKind`]'s and [`RecordError`]'s `Display`). A problem
//! never stops a scan: the input or record is skipped (or repaired and
//! used), counted, and written as a row of `errors.csv`.

use std::fmt;
use std::path::PathBuf;

pub use super::fault::{BodyFault, Place, RecordError, RecordFault};

/// What [`ProblemKind::NotRegularFile`] says a FIFO (a named pipe, or
/// the `/dev/fd/N` of a shell's `<(cmd)`) is.
pub const FIFO: &str = "a FIFO";

/// One input's (or record's) problem, as a row of `errors.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The input's path (or `PATH#ID` for a record).
    pub path: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem with the input at `path`.
    pub fn new(path: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem { path: path.into(), kind }
    }

    /// True when the input was skipped; false when it was repaired and used.
    pub fn skipped(&self) -> bool {
        self.kind.skipped()
    }

    /// The same problem, its rows about invalid UTF-8 telling to do what
    /// `remedy` says ([`ProblemKind::with_remedy`]).
    pub fn with_remedy(self, remedy: Remedy) -> Problem {
        Problem { path: self.path, kind: self.kind.with_remedy(remedy) }
    }

    /// What is wrong, in words (the `problem` column of `errors.csv`).
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

/// How a problem counts in the totals ([`ProblemKind::tally`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tally {
    /// In `documents_skipped`; makes the exit code 1.
    Skipped,
    /// In `documents_repaired`.
    Repaired,
    /// In neither: a note about the data.
    Note,
}

/// What a row about invalid UTF-8 tells the user to do, from how the
/// input was read: an option to give only where it would apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Remedy {
    /// Read as UTF-8 by default: give `--encoding` (a label or `auto`).
    #[default]
    GiveEncoding,
    /// Read as UTF-8 as `--encoding utf-8` says: give the input's own.
    Utf8Given,
    /// `--encoding auto` read it as UTF-8, as the first
    /// [`super::DETECT_BYTES`] are: give the input's encoding.
    AutoSawUtf8,
    /// The input declares UTF-8 (a byte-order mark, an HTML `<meta>`),
    /// which wins over `--encoding`.
    Declared,
    /// A WARC record: read in the charset it declares (UTF-8 when it
    /// declares none); `--encoding` does not apply.
    Warc,
    /// Text that starts with a UTF-8 byte-order mark, which decided that
    /// it is UTF-8 (a byte-order mark wins over `--encoding`).
    Utf8Bom,
}

impl Remedy {
    /// The remedy for input read as UTF-8 because `--encoding` is
    /// `charset` (no byte-order mark or declaration decided it).
    pub fn for_option(charset: super::Charset) -> Remedy {
        match charset {
            super::Charset::Utf8 => Remedy::GiveEncoding,
            super::Charset::Label(_) => Remedy::Utf8Given,
            super::Charset::Detect => Remedy::AutoSawUtf8,
        }
    }

    /// The remedy for text read as UTF-8 with `--encoding` `charset`:
    /// when it starts with a UTF-8 byte-order mark (`utf8_bom`), the mark
    /// decided the encoding, else the option did ([`Remedy::for_option`]).
    pub fn for_text(charset: super::Charset, utf8_bom: bool) -> Remedy {
        if utf8_bom { Remedy::Utf8Bom } else { Remedy::for_option(charset) }
    }
}

impl fmt::Display for Remedy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Remedy::GiveEncoding => {
                "text, CSV or JSON in another encoding, such as Latin-1: give --encoding, e.g. --encoding windows-1252, or --encoding auto to detect each file's"
            }
            Remedy::Utf8Given => {
                "read as UTF-8 as --encoding says; if it is in another encoding, such as Latin-1, give that one, e.g. --encoding windows-1252, or --encoding auto to detect each file's"
            }
            Remedy::AutoSawUtf8 => {
                "--encoding auto read it as UTF-8, as its first MiB is; if the rest is in another encoding, such as Latin-1, scan this file with that one, e.g. --encoding windows-1252"
            }
            Remedy::Declared => {
                "it declares UTF-8 (a byte-order mark or a <meta> charset), which wins over --encoding; to read it in another encoding, correct the declaration"
            }
            Remedy::Utf8Bom => {
                "it starts with a UTF-8 byte-order mark, which decided that it is read as UTF-8 (a byte-order mark wins over --encoding); if it is in another encoding, such as Latin-1, remove the mark (its first 3 bytes) and give that encoding, e.g. --encoding windows-1252"
            }
            Remedy::Warc => {
                "a WARC record is read in the charset its HTTP header or HTML declares, UTF-8 when it declares none; --encoding does not apply to it, so these bytes are as the site sent them"
            }
        })
    }
}

/// What went wrong with one input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A folder entry that is neither a file nor a folder (a socket, a
    /// device…); `what` names it.
    NotRegularFile {
        /// "socket", "FIFO", "block device"…
        what: &'static str,
    },
    /// A symbolic link back to a folder that contains it.
    LinkLoop {
        /// The folder it leads back to.
        target: PathBuf,
    },
    /// The input could not be read at all.
    Unreadable {
        /// The operating system's words (see [`io_message`]).
        error: String,
    },
    /// Standard input could not be read.
    UnreadableStdin {
        /// The operating system's words.
        error: String,
    },
    /// A text file holding a NUL byte: binary, not text.
    BinaryFile {
        /// Byte offset of the first NUL.
        offset: u64,
    },
    /// A NUL byte found while streaming compressed or piped text: the
    /// document ends there.
    BinaryData {
        /// Byte offset of the first NUL (in the decompressed text).
        offset: u64,
        /// True when rows of the text before it were already written (and
        /// are kept); false when it was the first block.
        kept: bool,
    },
    /// Reading a streamed text failed after some of it was tagged.
    StreamFailed {
        /// Bytes read before the failure.
        after_bytes: u64,
        /// What broke it (see [`stream_failure`]).
        what: String,
    },
    /// Bytes that are not UTF-8 were replaced with U+FFFD; the document
    /// was tagged (not skipped).
    Repaired {
        /// How many bytes were replaced.
        bad_bytes: u64,
        /// Byte offset of the first of them.
        first_bad: u64,
        /// What to do about it, as the input was read.
        remedy: Remedy,
    },
    /// HTML (an `.html` file, a WARC response) read as UTF-8 whose bytes
    /// that are not UTF-8 were replaced with U+FFFD before it was reduced
    /// to text; the document was tagged, spans index the reduced text.
    HtmlRepaired {
        /// How many bytes were replaced.
        bad_bytes: u64,
        /// Byte offset of the first of them in the HTML.
        first_bad: u64,
        /// What to do about it, as the input was read.
        remedy: Remedy,
    },
    /// A whole-file document (an HTML file) over the record size limit.
    TooLong {
        /// The limit in MiB.
        limit_mib: usize,
    },
    /// A file holding gzip data under a name that does not end in `.gz`,
    /// small enough to be read whole, whose text is longer than
    /// `limit_mib` once decompressed (see [`super::load`]).
    GzipTooLong {
        /// The limit in MiB.
        limit_mib: usize,
    },
    /// An HTML file that is not reduced to text: past a bound of nesting
    /// depth, elements or size, or in a build without the `html` feature.
    HtmlRefused {
        /// Why, in words (the bound passed).
        reason: String,
    },
    /// Documents of one record file share ids: their rows cannot be told
    /// apart by `doc`. A note (the documents are tagged), counted neither
    /// as skipped nor as repaired.
    DuplicateIds {
        /// Documents whose id an earlier document of the file had.
        count: u64,
        /// The first such id.
        first: String,
        /// A WARC file (ids are the records' `WARC-Target-URI`, so
        /// `--id-field` does not apply).
        warc: bool,
    },
    /// A record of a record file (JSON Lines, CSV/TSV, WARC) was skipped,
    /// or the file could not be read past it.
    Record(Box<RecordError>),
    /// NUL bytes inside a record's text were replaced with spaces (one
    /// byte each, so spans still index the original bytes); the record
    /// was tagged.
    NulReplaced {
        /// How many NUL bytes.
        count: u64,
        /// Byte offset of the first (in the record's text).
        first: u64,
    },
    /// Text decoded from another encoding (a WARC body's charset, a UTF-16
    /// file) in which malformed sequences were replaced with U+FFFD; the
    /// document was tagged, spans index the decoded UTF-8 text.
    Decoded {
        /// The encoding's name ("windows-1252", "UTF-16LE"…).
        encoding: &'static str,
        /// How many malformed sequences were replaced.
        replaced: u64,
    },
    /// Text that is not UTF-8, read in the encoding detected from its
    /// bytes (`--encoding auto`).
    Detected {
        /// The encoding's name ("windows-1252", "Shift_JIS"…).
        encoding: &'static str,
    },
    /// An input read as text whose first lines are JSON objects: JSON
    /// Lines without its format named ([`looks_like_json_lines`]). Tagged
    /// as text all the same. (Found by a trial: JSON Lines piped into
    /// `scan -` was tagged as raw JSON, with no word said.)
    LooksLikeJsonLines,
    /// Bytes after the end of gzip data that are not another gzip member,
    /// ignored (as `gzip -d` does); everything before them was read.
    TrailingGarbage {
        /// Byte offset of the junk in the compressed file.
        offset: u64,
        /// How many bytes of it.
        bytes: u64,
    },
    /// The file became shorter while it was read: what was read is
    /// tagged, the rest is missing.
    Shrank {
        /// Its size when it was listed.
        listed: u64,
        /// The bytes there were to read.
        read: u64,
    },
    /// A document id longer than [`super::id::MAX_ID_BYTES`] was capped (see
    /// [`super::id::cap`]); the problem's path is the capped id. A note.
    IdCapped {
        /// The length of the whole id in bytes.
        bytes: usize,
    },
    /// The same file as an input met before it (given twice, listed
    /// twice, found again below another input folder, through a link
    /// followed, or a hard link to it): left out, the file was read once.
    /// A note, counted neither as skipped nor as repaired.
    SameFile {
        /// The id the file was read under, where it was met first.
        first: String,
    },
    /// More than one problem with the same document, in the order found.
    Several(Vec<ProblemKind>),
}

impl ProblemKind {
    /// How this problem is counted in the run's totals: skipped (an input
    /// or part of one not tagged), repaired (tagged after a fix), or a note
    /// about the data (counted in neither).
    pub fn tally(&self) -> Tally {
        match self {
            ProblemKind::DuplicateIds { .. }
            | ProblemKind::IdCapped { .. }
            | ProblemKind::SameFile { .. }
            | ProblemKind::LooksLikeJsonLines => Tally::Note,
            ProblemKind::Record(e) if e.fault.is_note() => Tally::Note,
            k if k.skipped() => Tally::Skipped,
            _ => Tally::Repaired,
        }
    }

    /// The inputs or records this problem stands for, as counted in the
    /// run's totals: one, except for a row about many records of a file
    /// ([`RecordFault::FieldMissing`]).
    pub fn count(&self) -> u64 {
        match self {
            ProblemKind::Record(e) => e.fault.records(),
            _ => 1,
        }
    }

    /// True when the input (or part of it) was skipped; false when it was
    /// repaired and used whole, or for a note.
    pub fn skipped(&self) -> bool {
        match self {
            ProblemKind::Repaired { .. }
            | ProblemKind::HtmlRepaired { .. }
            | ProblemKind::NulReplaced { .. }
            | ProblemKind::Decoded { .. }
            | ProblemKind::Detected { .. }
            | ProblemKind::LooksLikeJsonLines
            | ProblemKind::TrailingGarbage { .. }
            | ProblemKind::DuplicateIds { .. }
            | ProblemKind::IdCapped { .. }
            | ProblemKind::SameFile { .. } => false,
            ProblemKind::Several(all) => all.iter().any(ProblemKind::skipped),
            ProblemKind::Record(e) => !e.fault.is_note(),
            _ => true,
        }
    }

    /// True for a record that lacks the field or column an option names
    /// (`--text-field`, `--id-field`): when no record has it, the option is
    /// wrong.
    pub fn is_field_mistake(&self) -> bool {
        match self {
            ProblemKind::Record(e) => matches!(
                e.fault,
                RecordFault::NoField { .. }
                    | RecordFault::FieldMissing(_)
                    | RecordFault::NoTextColumn { .. }
                    | RecordFault::NoIdColumn { .. }
                    | RecordFault::NotJsonLines { .. }
            ),
            _ => false,
        }
    }

    /// What text read in `encoding` leaves to note: that the encoding was
    /// detected ([`ProblemKind::Detected`]), then malformed sequences
    /// replaced ([`ProblemKind::Decoded`]); `None` when neither.
    pub fn decoding(encoding: &'static str, detected: bool, replaced: u64) -> Option<ProblemKind> {
        ProblemKind::and(
            detected.then_some(ProblemKind::Detected { encoding }),
            (replaced > 0).then_some(ProblemKind::Decoded { encoding, replaced }),
        )
    }

    /// This problem with the rows about invalid UTF-8 in it telling to do
    /// what `remedy` says.
    pub fn with_remedy(self, remedy: Remedy) -> ProblemKind {
        match self {
            ProblemKind::Repaired { bad_bytes, first_bad, .. } => {
                ProblemKind::Repaired { bad_bytes, first_bad, remedy }
            }
            ProblemKind::HtmlRepaired { bad_bytes, first_bad, .. } => {
                ProblemKind::HtmlRepaired { bad_bytes, first_bad, remedy }
            }
            ProblemKind::Several(all) => {
                ProblemKind::Several(all.into_iter().map(|k| k.with_remedy(remedy)).collect())
            }
            other => other,
        }
    }

    /// True when this problem, or one of [`ProblemKind::Several`], is of
    /// the kind `is` tells.
    pub fn holds(&self, is: impl Fn(&ProblemKind) -> bool) -> bool {
        match self {
            ProblemKind::Several(all) => all.iter().any(is),
            one => is(one),
        }
    }

    /// This problem and then `other`, as one (`None` stays `None`).
    pub fn and(first: Option<ProblemKind>, other: Option<ProblemKind>) -> Option<ProblemKind> {
        match (first, other) {
            (None, x) | (x, None) => x,
            (Some(ProblemKind::Several(mut all)), Some(b)) => {
                all.push(b);
                Some(ProblemKind::Several(all))
            }
            (Some(a), Some(b)) => Some(ProblemKind::Several(vec![a, b])),
        }
    }
}

/// Bytes of a text's start that [`looks_like_json_lines`] reads.
pub const JSON_LINES_HEAD: usize = 64 << 10;

/// True when `text`, an input read as text (or its first block), is JSON
/// Lines: its first non-blank lines within [`JSON_LINES_HEAD`] bytes (two,
/// or one when it is all there is) each start with `{"` and end with `}`
/// (after white space). A line cut off by the end of what is read is not
/// judged.
pub fn looks_like_json_lines(text: &[u8]) -> bool {
    let head = &text[..text.len().min(JSON_LINES_HEAD)];
    let mut lines = head.split(|&b| b == b'\n').map(<[u8]>::trim_ascii).filter(|l| !l.is_empty());
    let object = |l: &[u8]| l.starts_with(b"{\"") && l.ends_with(b"}");
    let (Some(first), second) = (lines.next(), lines.next()) else { return false };
    object(first) && second.is_none_or(|l| object(l) || !head.ends_with(b"\n") && l.starts_with(b"{\""))
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::NotRegularFile { what } if *what == FIFO => write!(
                f,
                "not a regular file ({what}, a pipe such as `<(cmd)` gives), skipped; to scan what a pipe carries, give `-` (standard input) as the path and pipe into it: `cmd | rolecall scan -` (with --input-format for a record format)"
            ),
            ProblemKind::NotRegularFile { what } => write!(f, "not a regular file ({what}), skipped"),
            ProblemKind::LinkLoop { target } => {
                write!(f, "symbolic link loop (back to {}), skipped", target.display())
            }
            ProblemKind::Unreadable { error } => write!(f, "cannot read: {error}, skipped"),
            ProblemKind::UnreadableStdin { error } => write!(f, "cannot read standard input: {error}"),
            ProblemKind::BinaryFile { offset } => {
                write!(f, "binary file (NUL byte at offset {offset}), skipped")
            }
            ProblemKind::BinaryData { offset, kept: false } => {
                write!(f, "binary data (NUL byte at offset {offset}), skipped")
            }
            ProblemKind::BinaryData { offset, kept: true } => {
                write!(f, "binary data (NUL byte at offset {offset}); the rows before it are kept")
            }
            ProblemKind::StreamFailed { after_bytes, what } => {
                write!(f, "read failed after {after_bytes} bytes: {what}; the rows before it are kept")
            }
            ProblemKind::Repaired { bad_bytes, first_bad, remedy } => write!(
                f,
                "invalid UTF-8 ({bad_bytes} byte(s), first at offset {first_bad}) replaced with U+FFFD; repaired, spans index the original bytes ({remedy})"
            ),
            ProblemKind::HtmlRepaired { bad_bytes, first_bad, remedy } => write!(
                f,
                "invalid UTF-8 in the HTML ({bad_bytes} byte(s), first at byte {first_bad} of the HTML) replaced with U+FFFD; repaired, spans index the text the HTML was reduced to ({remedy})"
            ),
            ProblemKind::TooLong { limit_mib } => write!(f, "longer than {limit_mib} MiB, skipped"),
            ProblemKind::GzipTooLong { limit_mib } => write!(
                f,
                "gzip data (found by its first bytes) longer than {limit_mib} MiB once decompressed, skipped: a file whose name does not end in `.gz` is read whole when small; name it with `.gz` at the end, or pipe it to standard input (`rolecall scan - < FILE`), to read it in blocks"
            ),
            ProblemKind::HtmlRefused { reason } => write!(f, "{reason}; skipped"),
            ProblemKind::Record(e) => e.fmt(f),
            ProblemKind::DuplicateIds { count, first, warc } => write!(
                f,
                "{count} document(s) with an id an earlier document of this file has (first: {first:?}); their rows share a doc value{}",
                if *warc {
                    " (a WARC record's id is its WARC-Target-URI: the same URI was captured twice; --id-field does not apply to WARC)"
                } else {
                    ": give --id-field a unique field"
                }
            ),
            ProblemKind::NulReplaced { count, first } => write!(
                f,
                "{count} NUL byte(s) (first at offset {first}) replaced with spaces; repaired, spans index the original bytes"
            ),
            ProblemKind::Decoded { encoding, replaced } => write!(
                f,
                "decoded from {encoding}, {replaced} malformed sequence(s) replaced with U+FFFD; repaired, spans index the decoded UTF-8 text"
            ),
            ProblemKind::LooksLikeJsonLines => write!(
                f,
                "read as text, but its first lines are JSON objects: JSON Lines? give --input-format jsonl to read its records (and --text-field for the field that holds the text)"
            ),
            ProblemKind::Detected { encoding } => write!(
                f,
                "not UTF-8: read as {encoding}, the encoding its bytes suggest (--encoding auto); check the text, or give the right --encoding; spans index the decoded UTF-8 text"
            ),
            ProblemKind::TrailingGarbage { offset, bytes } => write!(
                f,
                "{bytes} byte(s) of trailing garbage after the gzip data (at offset {offset}) ignored; the data before them is kept"
            ),
            ProblemKind::Shrank { listed, read } => write!(
                f,
                "the file shrank while it was read ({read} of {listed} bytes listed); the rows of what was read are kept"
            ),
            ProblemKind::IdCapped { bytes } => write!(
                f,
                "document id of {bytes} bytes capped at {} (its start, `~` and a hash of the whole id); the rows use this capped id",
                super::id::MAX_ID_BYTES
            ),
            ProblemKind::SameFile { first } => {
                write!(f, "the same file as `{first}` (given or found twice), read once")
            }
            ProblemKind::Several(all) => {
                for (i, p) in all.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; and ")?;
                    }
                    p.fmt(f)?;
                }
                Ok(())
            }
        }
    }
}

/// An I/O error's message without Rust's "(os error N)" suffix.
pub fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// What broke a stream, in words: a truncated file says so, and gzip
/// data that cannot be read says what and where
/// ([`super::open::GzipError`]).
pub fn stream_failure(e: &std::io::Error) -> String {
    if let Some(gzip) = super::open::GzipError::of(e) {
        return gzip.to_string();
    }
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "unexpected end of data (truncated file?)".to_string(),
        _ => io_message(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by a trial: JSON Lines piped into `scan -` was tagged as raw
    /// JSON in silence. Objects on their first lines say so; prose, a JSON
    /// array or one object spread over lines do not.
    #[test]
    fn json_lines_read_as_text_are_known_by_their_first_lines() {
        let yes: [&[u8]; 4] = [
            b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n",
            b"\n  {\"id\": 1}\r\n{\"id\": 2}",
            b"{\"only\": \"one\"}\n",
            b"{\"a\": 1}\n{\"b\": \"cut off by the end of the hea",
        ];
        for head in yes {
            assert!(looks_like_json_lines(head), "{}", String::from_utf8_lossy(head));
        }
        let no: [&[u8]; 5] = [
            b"Directed by Ann Lee.\n{\"a\": 1}\n",
            b"[{\"a\": 1}]\n",
            b"{\n  \"a\": 1\n}\n",
            b"{\"a\": 1}\nThen prose.\n",
            b"",
        ];
        for head in no {
            assert!(!looks_like_json_lines(head), "{}", String::from_utf8_lossy(head));
        }
    }

    #[test]
    fn every_problem_is_worded_with_its_place() {
        let rec = |place, byte, fault| {
            ProblemKind::Record(Box::new(RecordError { place, byte, fault })).to_string()
        };
        assert_eq!(
            rec(Place::Line(1), None, RecordFault::Stream { what: "gone".into() }),
            "cannot read: gone, skipped"
        );
        assert_eq!(
            rec(Place::Line(9), None, RecordFault::Stream { what: "gone".into() }),
            "read failed at line 9: gone; the records before it are kept"
        );
        assert_eq!(
            rec(Place::Record(2), Some(410), RecordFault::TooLong { limit_mib: 64 }),
            "record 2 (byte 410): record longer than 64 MiB, skipped"
        );
        assert_eq!(
            rec(Place::Line(4), None, RecordFault::TooLong { limit_mib: 64 }),
            "line 4: longer than 64 MiB, skipped"
        );
        assert_eq!(
            ProblemKind::Repaired { bad_bytes: 2, first_bad: 7, remedy: Remedy::GiveEncoding }.to_string(),
            "invalid UTF-8 (2 byte(s), first at offset 7) replaced with U+FFFD; repaired, spans index the original bytes (text, CSV or JSON in another encoding, such as Latin-1: give --encoding, e.g. --encoding windows-1252, or --encoding auto to detect each file's)"
        );
        let p = Problem::new("a.txt", ProblemKind::BinaryFile { offset: 3 });
        assert!(p.skipped());
        assert_eq!(p.message(), "binary file (NUL byte at offset 3), skipped");
        assert!(
            !Problem::new("a", ProblemKind::Repaired { bad_bytes: 1, first_bad: 0, remedy: Remedy::Warc })
                .skipped()
        );
        // A file met twice is read once: a note, neither skipped nor repaired.
        let twice = Problem::new("./d/a.txt", ProblemKind::SameFile { first: "d/a.txt".into() });
        assert_eq!(twice.message(), "the same file as `d/a.txt` (given or found twice), read once");
        assert_eq!((twice.skipped(), twice.kind.tally()), (false, Tally::Note));
    }

    #[test]
    fn a_utf8_bom_decides_the_remedy_over_the_option() {
        use super::super::Charset;
        for charset in [Charset::Utf8, Charset::Label(encoding_rs::WINDOWS_1252), Charset::Detect] {
            assert_eq!(Remedy::for_text(charset, true), Remedy::Utf8Bom);
            assert_eq!(Remedy::for_text(charset, false), Remedy::for_option(charset));
        }
        let kind = ProblemKind::Repaired { bad_bytes: 1, first_bad: 9, remedy: Remedy::Utf8Bom };
        let said = kind.to_string();
        assert!(said.contains("it starts with a UTF-8 byte-order mark, which decided"), "{said}");
        assert!(!said.contains("give --encoding,"), "{said}");
    }

    #[test]
    fn a_fifo_is_told_to_come_through_standard_input() {
        let said = ProblemKind::NotRegularFile { what: FIFO }.to_string();
        assert!(said.starts_with("not a regular file (a FIFO"), "{said}");
        assert!(said.contains("give `-` (standard input) as the path"), "{said}");
        // Other kinds: no such hint.
        let said = ProblemKind::NotRegularFile { what: "a socket" }.to_string();
        assert_eq!(said, "not a regular file (a socket), skipped");
    }

    #[test]
    fn notes_about_records_are_neither_skipped_nor_repaired() {
        let note = |fault| ProblemKind::Record(Box::new(RecordError::new(Place::Line(1), fault)));
        let fallback =
            note(RecordFault::IdFallback { field: "id".into(), column: false, found: "an object" });
        let twice = note(RecordFault::DuplicateColumn {
            column: "text".into(),
            positions: vec![2, 3],
            read_as: None,
        });
        for kind in [fallback, twice] {
            assert_eq!((kind.skipped(), kind.tally()), (false, Tally::Note), "{kind}");
        }
        let skipped = note(RecordFault::TooLong { limit_mib: 64 });
        assert_eq!((skipped.skipped(), skipped.tally()), (true, Tally::Skipped));
    }

    #[test]
    fn only_stream_and_framing_faults_end_a_file() {
        let fatal = |fault| RecordError::new(Place::Line(3), fault).fatal();
        assert!(fatal(RecordFault::EndsInHeader));
        assert!(fatal(RecordFault::Csv { detail: "x".into() }));
        assert!(!fatal(RecordFault::NoField {
            wanted: crate::input::fault::Wanted::one("text"),
            option: "--text-field",
            keys: Vec::new()
        }));
        assert!(!fatal(RecordFault::TooLong { limit_mib: 64 }));
    }
}
