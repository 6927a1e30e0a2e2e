//! Document ids: the `doc` column of the outputs, unambiguous and reversible.
//!
//! - A file's id is its path (as given, joined with the path below a
//!   folder), with three kinds of bytes percent-encoded as in URLs: `%` (the
//!   escape itself, `%25`), `#` (`%23`, the record separator) and every byte
//!   that is not part of valid UTF-8 (`%FF`). Any other character is kept
//!   as is, so a plain path is its own id. Standard input is `-`.
//! - A record's id is `FILE#RECORD`: the file's id, `#`, and the record's id
//!   (from `--id-field`, the line number or the WARC target URI) unchanged.
//!   The first `#` of an id is always this separator, since a path's own
//!   `#` is escaped: the file `news.jsonl#1` is `news.jsonl%231`, never
//!   record 1 of `news.jsonl`.
//! - An id longer than [`MAX_ID_BYTES`] is capped: its first bytes (cut on
//!   a character boundary, not inside an escape) then `~` and 16 hex digits
//!   of a SHA-256 of the whole id, so capped ids stay distinct; each capped
//!   id gets a note row in `errors.csv`. (Every row of a document repeats
//!   its id: a 100,000-byte id on a record of 10,000 sentences was 1 GB.)
//!
//! [`split`] reverses an id that was not capped: the path's bytes and the
//! record's id.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use percent_encoding::{percent_decode, percent_encode_byte};
use sha2::{Digest, Sha256};

/// The longest document id written, in bytes; longer ones are capped.
pub const MAX_ID_BYTES: usize = 512;

/// Hex digits of the hash that ends a capped id.
const HASH_DIGITS: usize = 16;

/// The id of the file at `path` (see the module docs).
///
/// ```
/// use std::path::Path;
/// use rolecall::input::id::path_id;
/// assert_eq!(path_id(Path::new("news/a b.txt")), "news/a b.txt");
/// assert_eq!(path_id(Path::new("news.jsonl#1")), "news.jsonl%231");
/// assert_eq!(path_id(Path::new("100%.txt")), "100%25.txt");
/// # #[cfg(unix)] {
/// use std::os::unix::ffi::OsStrExt;
/// assert_eq!(path_id(Path::new(std::ffi::OsStr::from_bytes(b"a\xff"))), "a%FF");
/// # }
/// ```
pub fn path_id(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    // The common case, a UTF-8 path without `#` or `%`: the path itself.
    if let (Ok(s), None) = (std::str::from_utf8(bytes), memchr::memchr2(b'#', b'%', bytes)) {
        return s.to_owned();
    }
    let mut id = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '#' | '%' => id.push_str(percent_encode_byte(c as u8)),
                c => id.push(c),
            }
        }
        for &b in chunk.invalid() {
            id.push_str(percent_encode_byte(b));
        }
    }
    id
}

/// The id of a record of the file whose id is `file`.
pub fn record_id(file: &str, record: &str) -> String {
    let mut id = String::with_capacity(file.len() + 1 + record.len());
    id.push_str(file);
    id.push('#');
    id.push_str(record);
    id
}

/// `id` capped at [`MAX_ID_BYTES`] (see the module docs), or `None` when it
/// is not longer than that.
///
/// ```
/// use rolecall::input::id::{MAX_ID_BYTES, cap};
/// assert_eq!(cap("short"), None);
/// let (a, b) = ("x".repeat(2000), format!("{}y", "x".repeat(1999)));
/// let (ca, cb) = (cap(&a).unwrap(), cap(&b).unwrap());
/// assert!(ca.len() <= MAX_ID_BYTES && ca.starts_with("xxx") && ca != cb);
/// ```
pub fn cap(id: &str) -> Option<String> {
    if id.len() <= MAX_ID_BYTES {
        return None;
    }
    let mut end = MAX_ID_BYTES - 1 - HASH_DIGITS;
    while !id.is_char_boundary(end) {
        end -= 1;
    }
    // Not inside a `%XX` escape of the path.
    if let Some(k) = id.as_bytes()[end - 2..end].iter().rposition(|&b| b == b'%') {
        end = end - 2 + k;
    }
    let hash = Sha256::digest(id.as_bytes());
    let mut capped = String::with_capacity(MAX_ID_BYTES);
    capped.push_str(&id[..end]);
    capped.push('~');
    for b in &hash[..HASH_DIGITS / 2] {
        capped.push_str(&format!("{b:02x}"));
    }
    Some(capped)
}

/// An id taken apart: the file's path (its escapes decoded) and the
/// record's id, when it is a record's.
///
/// ```
/// use std::path::Path;
/// use rolecall::input::id::split;
/// assert_eq!(split("news.jsonl#7"), (Path::new("news.jsonl").into(), Some("7")));
/// assert_eq!(split("news.jsonl%231"), (Path::new("news.jsonl#1").into(), None));
/// assert_eq!(split("w.warc#http://x/#top"), (Path::new("w.warc").into(), Some("http://x/#top")));
/// ```
pub fn split(id: &str) -> (PathBuf, Option<&str>) {
    let (file, record) = match id.split_once('#') {
        Some((f, r)) => (f, Some(r)),
        None => (id, None),
    };
    (decoded_path(file), record)
}

/// The path whose id is `file`.
fn decoded_path(file: &str) -> PathBuf {
    if !file.contains('%') {
        return PathBuf::from(file);
    }
    let bytes: Cow<'_, [u8]> = percent_decode(file.as_bytes()).into();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(&bytes))
    }
    #[cfg(not(unix))]
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn every_path_comes_back_from_its_id() {
        use std::os::unix::ffi::OsStrExt;
        let names: [&[u8]; 7] =
            [b"a\xff", b"a\xfe", b"a%ff", b"a#1", b"caf\xc3\xa9", b"%%##", b"x\xc3(y\xe2\x82"];
        let mut ids = Vec::new();
        for n in names {
            let p = Path::new(std::ffi::OsStr::from_bytes(n));
            let id = path_id(p);
            assert!(!id.contains('#'), "{id}");
            assert_eq!(split(&id), (p.to_path_buf(), None), "{id}");
            assert_eq!(split(&record_id(&id, "r#2")), (p.to_path_buf(), Some("r#2")));
            ids.push(id);
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), names.len(), "ids collide: {ids:?}");
    }

    #[test]
    fn capped_ids_are_short_distinct_and_cut_between_escapes() {
        for pad in 480..500 {
            let id = format!("{}%23{}é{}", "a".repeat(pad), "b".repeat(3), "c".repeat(600));
            let c = cap(&id).unwrap();
            assert!(c.len() <= MAX_ID_BYTES, "{}", c.len());
            let head = c.rsplit_once('~').unwrap().0;
            assert!(id.starts_with(head));
            let tail = &head.as_bytes()[head.len() - 2..];
            assert!(!tail.contains(&b'%'), "{head}");
            assert_ne!(cap(&format!("{id}z")).unwrap(), c);
        }
        assert_eq!(cap(&"q".repeat(MAX_ID_BYTES)), None);
    }
}
