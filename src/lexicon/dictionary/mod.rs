//! Dictionaries of other content-analysis tools: reading them into one
//! model ([`Dictionary`]), turning them into rolecall lexicon folders
//! ([`import`]) and writing rolecall lexicons in their formats
//! ([`export`]).
//!
//! Formats, one file each:
//!
//! - [`dic`]: LIWC `.dic` (LIWC2001 to LIWC2015, read by LIWC-22 too): a
//!   category table between two `%` lines, then one term per line with
//!   its category numbers;
//! - [`dicx`]: LIWC-22 `.dicx`: CSV, the first column the terms, one
//!   column per category, a cell `X` (or a positive number: a weight)
//!   where the term belongs to the category;
//! - [`yaml`]: quanteda's YAML dictionaries: nested keys are categories
//!   (named by their path, `film.director`), lists of strings their terms;
//! - [`cat`]: WordStat `.cat`: category lines, term lines indented below
//!   them and ending in a weight in parentheses (`DIRECTED BY (1)`).
//!
//! In all of them `*` at the end of a term is a prefix wildcard, as in
//! rolecall.

pub mod cat;
pub mod dic;
pub mod dicx;
pub mod export;
pub mod import;
pub mod yaml;

use std::fmt;
use std::path::Path;

use crate::error::Error;

/// A dictionary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// LIWC `.dic`.
    Liwc,
    /// LIWC-22 `.dicx`.
    Dicx,
    /// quanteda YAML (`.yml`, `.yaml`).
    Yaml,
    /// WordStat `.cat`.
    WordStat,
}

impl Format {
    /// Every format, in the order the docs list them.
    pub const ALL: [Format; 4] = [Format::Liwc, Format::Dicx, Format::Yaml, Format::WordStat];

    /// The name used by `--format`: `liwc`, `dicx`, `yaml`, `wordstat`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Liwc => "liwc",
            Format::Dicx => "dicx",
            Format::Yaml => "yaml",
            Format::WordStat => "wordstat",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Liwc => "dic",
            Format::Dicx => "dicx",
            Format::Yaml => "yml",
            Format::WordStat => "cat",
        }
    }

    /// The format a file's extension names (case-insensitive): `.dic`,
    /// `.dicx`, `.yml`/`.yaml`, `.cat`; `None` for any other.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "dic" => Some(Format::Liwc),
            "dicx" => Some(Format::Dicx),
            "yml" | "yaml" => Some(Format::Yaml),
            "cat" => Some(Format::WordStat),
            _ => None,
        }
    }

    /// Whether the format has comments, so that what it cannot express
    /// goes in a header comment rather than a side note.
    pub fn has_comments(self) -> bool {
        matches!(self, Format::Yaml)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A two-level dictionary as the writers take it: outer categories (a
/// role), each with inner categories (a kind) and their terms `T`.
pub type Nested<T> = [(String, Vec<(String, Vec<T>)>)];

/// A dictionary as read from a file: categories and their terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dictionary {
    /// Category names, in the order the file defines them. A nested
    /// category (YAML, WordStat) is named by its path, parts joined by `.`.
    pub categories: Vec<String>,
    /// One entry per term and category it belongs to, in file order.
    pub entries: Vec<Entry>,
    /// What the reader could not take (a cell, a category number, a
    /// line), each with its line: reported, never dropped in silence.
    pub issues: Vec<Issue>,
}

/// A term's membership of one category.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The term as written in the file (trimmed).
    pub term: String,
    /// Index into [`Dictionary::categories`].
    pub category: usize,
    /// Its weight: 1 unless the file gives one (`.dicx` numbers, `.cat`
    /// parentheses).
    pub weight: f64,
    /// 1-based line of the file.
    pub line: u64,
}

/// Something in a dictionary file that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// 1-based line of the file.
    pub line: u64,
    /// What was not taken and why.
    pub message: String,
}

impl Dictionary {
    /// The index of category `name`, added when new.
    fn category(&mut self, name: &str) -> usize {
        match self.categories.iter().position(|c| c == name) {
            Some(i) => i,
            None => {
                self.categories.push(name.to_string());
                self.categories.len() - 1
            }
        }
    }

    fn issue(&mut self, line: u64, message: String) {
        self.issues.push(Issue { line, message });
    }
}

/// Reads a dictionary of format `format` from `bytes` (the content of
/// file `file`, named in errors). Text is UTF-8 (a byte-order mark is
/// skipped); a file that is not is read as Windows-1252, the encoding of
/// older LIWC and WordStat dictionaries, with an [`Issue`] on line 0
/// saying so.
///
/// # Errors
/// [`Error::Lexicon`] with the file and line when the file is not of the
/// format at all (no `%` header, a CSV without a term column, YAML that
/// does not parse or is not a mapping…) or defines no category.
pub fn read(format: Format, file: &str, bytes: &[u8]) -> Result<Dictionary, Error> {
    let (text, encoding_note) = decode(bytes);
    let mut dict = match format {
        Format::Liwc => dic::read(file, &text)?,
        Format::Dicx => dicx::read(file, &text)?,
        Format::Yaml => yaml::read(file, &text)?,
        Format::WordStat => cat::read(file, &text)?,
    };
    if let Some(note) = encoding_note {
        dict.issues.insert(0, Issue { line: 0, message: note });
    }
    if dict.categories.is_empty() {
        return Err(err(
            file,
            0,
            format!("no categories found: is this a {} dictionary?", format_name(format)),
        ));
    }
    Ok(dict)
}

/// The format's name for people: `LIWC .dic`, `LIWC-22 .dicx`…
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Liwc => "LIWC .dic",
        Format::Dicx => "LIWC-22 .dicx",
        Format::Yaml => "quanteda YAML",
        Format::WordStat => "WordStat .cat",
    }
}

/// UTF-8 text of `bytes` without a byte-order mark, or their Windows-1252
/// reading and a note saying so.
fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let note = format!(
                "not UTF-8 (byte {} is not): read as Windows-1252; save the file as UTF-8 if letters look wrong",
                e.valid_up_to()
            );
            (text.into_owned(), Some(note))
        }
    }
}

fn err(file: &str, line: u64, message: String) -> Error {
    Error::Lexicon { file: file.to_string(), line, message }
}

/// The lines of `text` with their 1-based numbers, line ends (`\n`,
/// `\r\n`) removed.
fn numbered_lines(text: &str) -> impl Iterator<Item = (u64, &str)> {
    text.lines().enumerate().map(|(i, l)| (i as u64 + 1, l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        assert_eq!(Format::from_path(Path::new("a/LIWC.DIC")), Some(Format::Liwc));
        assert_eq!(Format::from_path(Path::new("a.dicx")), Some(Format::Dicx));
        assert_eq!(Format::from_path(Path::new("a.yaml")), Some(Format::Yaml));
        assert_eq!(Format::from_path(Path::new("a.yml")), Some(Format::Yaml));
        assert_eq!(Format::from_path(Path::new("a.cat")), Some(Format::WordStat));
        assert_eq!(Format::from_path(Path::new("a.txt")), None);
        assert_eq!(Format::from_path(Path::new("dic")), None);
    }

    #[test]
    fn windows_1252_is_read_with_a_note() {
        let d = read(Format::Liwc, "x.dic", b"%\n1\tcaf\xe9\n%\nr\xe9alisateur\t1\n").unwrap();
        assert_eq!(d.categories, ["café"]);
        assert_eq!(d.entries[0].term, "réalisateur");
        assert_eq!(d.issues[0].line, 0);
        assert!(d.issues[0].message.contains("Windows-1252"), "{:?}", d.issues);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// No text makes a reader or the import panic: each reads it, or
        /// says what is wrong.
        #[test]
        fn any_text_is_read_or_refused_without_panic(
            text in "[%\\t\n\r ,\"'*?()<>:\\-\\[\\]{}#&!|0-9aXéb.]{0,200}",
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
        ) {
            for format in Format::ALL {
                for input in [text.as_bytes(), &bytes[..]] {
                    if let Ok(d) = read(format, "x", input) {
                        let maps: Vec<import::Mapping> = d
                            .categories
                            .iter()
                            .take(2)
                            .enumerate()
                            .map(|(i, c)| import::Mapping {
                                category: c.clone(),
                                role: format!("r{i}"),
                                kind: crate::lexicon::TermKind::Role,
                            })
                            .collect();
                        if let Err(e) = import::import(&d, "x", format, &maps) {
                            proptest::prop_assert!(!e.to_string().contains("bug"), "{}", e);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_file_without_categories_is_an_error() {
        let e = read(Format::Yaml, "x.yml", b"# nothing\n").unwrap_err().to_string();
        assert!(e.starts_with("x.yml:"), "{e}");
        assert!(e.contains("no categories"), "{e}");
    }
}
