//! Finding inputs and reading them into documents.
//!
//! [`discover`] expands the paths given on the command line: files as they
//! are, folders recursively in sorted path order with hidden entries skipped,
//! `-` for standard input. A path that does not exist is an error before any
//! work starts; anything that goes wrong further down (a symbolic-link loop,
//! an unreadable folder, a FIFO) becomes a [`Problem`] in its place in the
//! order, and the rest goes on.
//!
//! [`load`] reads one input. Binary files (a NUL byte) and unreadable files
//! become a skipping [`Problem`]; invalid UTF-8 is repaired (each bad
//! sequence becomes U+FFFD) with an [`OffsetMap`] so spans still index the
//! original bytes, and the repair is reported as a non-skipping problem.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::span::OffsetMap;

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// One input document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The document id written to the outputs: the path as given (joined
    /// with the file's path below a folder), or `-` for standard input.
    pub id: String,
    /// Where to read it from.
    pub source: Source,
    /// Size in bytes when known in advance (0 for standard input).
    pub size: u64,
}

/// Something wrong with one input, for `errors.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The input's path (or id).
    pub path: String,
    /// What is wrong, in words.
    pub message: String,
    /// True when the input was skipped; false when it was repaired and used.
    pub skipped: bool,
}

impl Problem {
    fn skip(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into(), skipped: true }
    }
}

/// One item of the expanded input list, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// An input to read.
    Input(Input),
    /// An input that could not even be listed.
    Problem(Problem),
}

/// Expands command-line paths into the ordered list of inputs.
///
/// Errors only when a path does not exist at all.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Entry>, Error> {
    for p in paths {
        if p.as_os_str() != "-" && std::fs::symlink_metadata(p).is_err() {
            return Err(Error::NoSuchInput { path: p.clone() });
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Entry::Input(Input { id: "-".into(), source: Source::Stdin, size: 0 }));
            continue;
        }
        let walk = walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for item in walk {
            match item {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) if e.file_type().is_file() => {
                    let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                    let path = e.into_path();
                    out.push(Entry::Input(Input { id: path_id(&path), source: Source::File(path), size }));
                }
                Ok(e) => out.push(Entry::Problem(Problem::skip(
                    path_id(e.path()),
                    format!("not a regular file ({}), skipped", file_kind(&e.file_type())),
                ))),
                Err(e) => {
                    let path = e.path().map_or_else(|| path_id(p), path_id);
                    let message = match e.loop_ancestor() {
                        Some(a) => format!("symbolic link loop (back to {}), skipped", a.display()),
                        None => match e.io_error() {
                            Some(io) => format!("cannot read: {}, skipped", io_message(io)),
                            None => format!("cannot read: {e}, skipped"),
                        },
                    };
                    out.push(Entry::Problem(Problem::skip(path, message)));
                }
            }
        }
    }
    Ok(out)
}

fn path_id(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn file_kind(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    let _ = ft;
    "not a file or folder"
}

/// An I/O error's message without Rust's "(os error N)" suffix.
fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A document read into memory.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The document id.
    pub id: String,
    /// Length of the original input in bytes.
    pub bytes: u64,
    /// The text (repaired when the input was not valid UTF-8).
    pub text: String,
    /// Maps offsets in `text` to offsets in the original bytes.
    pub map: OffsetMap,
    /// Set when the input had to be repaired.
    pub repaired: Option<Problem>,
}

/// Reads one input.
pub fn load(input: &Input) -> Result<Document, Problem> {
    let bytes = match &input.source {
        Source::File(path) => std::fs::read(path)
            .map_err(|e| Problem::skip(&input.id, format!("cannot read: {}, skipped", io_message(&e))))?,
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| Problem::skip("-", format!("cannot read standard input: {}", io_message(&e))))?;
            buf
        }
    };
    decode(&input.id, bytes)
}

/// Turns raw bytes into a document: rejects binary data, repairs bad UTF-8.
///
/// ```
/// let doc = rolecall::read::decode("x", b"caf\xe9 noir".to_vec()).unwrap();
/// assert_eq!(doc.text, "caf\u{fffd} noir");
/// assert!(doc.repaired.is_some());
/// // " noir" starts at byte 4 of the original, byte 6 of the text.
/// assert_eq!(doc.map.to_original(6), 4);
/// ```
pub fn decode(id: &str, bytes: Vec<u8>) -> Result<Document, Problem> {
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(Problem::skip(id, format!("binary file (NUL byte at offset {at}), skipped")));
    }
    let len = bytes.len() as u64;
    match String::from_utf8(bytes) {
        Ok(text) => {
            Ok(Document { id: id.into(), bytes: len, text, map: OffsetMap::default(), repaired: None })
        }
        Err(e) => {
            let bytes = e.into_bytes();
            let mut text = String::with_capacity(bytes.len() + 16);
            let mut map = OffsetMap::default();
            let (mut orig, mut bad) = (0, 0usize);
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                orig += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    text.push('\u{fffd}');
                    orig += chunk.invalid().len();
                    bad += chunk.invalid().len();
                    map.push(text.len(), orig);
                }
            }
            let first = e_first_bad(&bytes);
            let repaired = Problem {
                path: id.into(),
                message: format!(
                    "invalid UTF-8 ({bad} byte(s), first at offset {first}) replaced with U+FFFD; repaired, spans index the original bytes"
                ),
                skipped: false,
            };
            Ok(Document { id: id.into(), bytes: len, text, map, repaired: Some(repaired) })
        }
    }
}

fn e_first_bad(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_skipped() {
        let p = decode("b.bin", b"abc\0def".to_vec()).unwrap_err();
        assert!(p.skipped);
        assert!(p.message.contains("NUL byte at offset 3"), "{}", p.message);
    }

    #[test]
    fn repair_keeps_offsets() {
        let raw = b"ab\xff\xfecd \xe2\x80 ok".to_vec();
        let doc = decode("r", raw.clone()).unwrap();
        assert!(!doc.repaired.as_ref().unwrap().skipped);
        let t = &doc.text;
        let pos = t.find("ok").unwrap();
        let o = doc.map.to_original(pos);
        assert_eq!(&raw[o..o + 2], b"ok");
        let pos = t.find("cd").unwrap();
        let o = doc.map.to_original(pos);
        assert_eq!(&raw[o..o + 2], b"cd");
        assert_eq!(doc.map.to_original(t.len()), raw.len());
    }

    #[test]
    fn missing_path_is_an_error() {
        let err = discover(&[PathBuf::from("/no/such/place/x.txt")]).unwrap_err();
        assert!(err.to_string().contains("/no/such/place/x.txt"));
    }
}
