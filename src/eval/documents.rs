//! Source documents of gold rows: a row's `ref` (see
//! `../shared/eval/README.md`) resolved under the `--data` folder, each file
//! read once and shared by its rows.

use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use crate::text::span::Span;

/// Where a gold row sits in its source document: `PATH[#RECORD:FIELD]@START-END`,
/// relative to a data folder (the format of `../shared/eval/README.md`).
///
/// - `PATH@S-E`: characters (Unicode scalar values, not bytes) `S..E` of
///   the file decoded as UTF-8, invalid bytes replaced with U+FFFD;
/// - `PATH#I:FIELD@S-E` for a `.json` file: characters `S..E` of field
///   FIELD of element I (0-based) of the top-level JSON array;
/// - `PATH#I:FIELD@S-E` for a delimited file (`.csv`; tab-separated without
///   quoting when its header line holds a tab): row I, the header being row
///   0, column FIELD;
/// - `PATH#N:FIELD@S-E` for a JSON Lines file (`.jsonl`, `.ndjson`): field
///   FIELD (a dotted path) of the object on line N, counted from 1 as
///   `scan` numbers JSON Lines records (an extension of the shared format).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    /// File path relative to the data folder.
    pub path: String,
    /// Record index and field name, for JSON arrays and delimited files.
    pub record: Option<(usize, String)>,
    /// Start and end in characters of the document's text.
    pub chars: (usize, usize),
}

impl DocRef {
    /// Parses a `ref` value.
    ///
    /// ```
    /// use rolecall::eval::DocRef;
    /// let r = DocRef::parse("movies.json#12:extract@0-40").unwrap();
    /// assert_eq!((r.path.as_str(), r.record, r.chars), ("movies.json", Some((12, "extract".to_string())), (0, 40)));
    /// assert!(DocRef::parse("news/1.txt@5").is_err());
    /// ```
    ///
    /// Errors: a message saying which part is missing or not a number.
    pub fn parse(s: &str) -> Result<DocRef, String> {
        let (loc, range) = s.rsplit_once('@').ok_or_else(|| format!("ref {s:?} has no @START-END"))?;
        let (a, b) =
            range.split_once('-').ok_or_else(|| format!("ref {s:?}: range {range:?} is not START-END"))?;
        let num = |x: &str| x.parse::<usize>().map_err(|_| format!("ref {s:?}: {x:?} is not a number"));
        let chars = (num(a)?, num(b)?);
        if chars.0 > chars.1 {
            return Err(format!("ref {s:?}: start after end"));
        }
        let (path, record) = match loc.split_once('#') {
            None => (loc.to_string(), None),
            Some((p, rec)) => {
                let (i, field) =
                    rec.split_once(':').ok_or_else(|| format!("ref {s:?}: record {rec:?} is not I:FIELD"))?;
                (p.to_string(), Some((num(i)?, field.to_string())))
            }
        };
        Ok(DocRef { path, record, chars })
    }
}

/// Source documents under a data folder, each file read once.
#[derive(Debug)]
pub struct Documents {
    root: std::path::PathBuf,
    files: HashMap<String, Rc<Source>>,
}

#[derive(Debug)]
enum Source {
    Text(Rc<str>),
    Array(Vec<serde_json::Value>),
    /// A JSON Lines file's lines, parsed (a blank line is `null`).
    Lines(Vec<serde_json::Value>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// The string at the dotted path `field` of a JSON record.
fn json_text(item: &serde_json::Value, field: &str) -> Option<Rc<str>> {
    field.split('.').try_fold(item, |v, k| v.get(k)).and_then(|v| v.as_str()).map(Rc::from)
}

impl Documents {
    /// Documents found under `root`.
    pub fn new(root: &Path) -> Documents {
        Documents { root: root.to_path_buf(), files: HashMap::new() }
    }

    /// The text a row's `ref` points to, white space collapsed as gold
    /// texts are held (a gold file may give refs instead of texts, so
    /// that it quotes nothing of the documents).
    ///
    /// Errors: no ref, a ref that does not parse, or [`Documents::locate`]'s.
    pub fn text_of(&mut self, reference: Option<&str>) -> Result<String, String> {
        let r = DocRef::parse(reference.ok_or("no text and no ref")?)?;
        let (text, span) = self.locate(&r)?;
        Ok(super::gold::collapsed(&text[span.range()]))
    }

    /// The text of the document `r` points into, and the byte span of its
    /// `S..E` characters in that text.
    ///
    /// Errors: the file cannot be read or parsed, the record or field is
    /// not there, or the range lies past the document's end.
    pub fn locate(&mut self, r: &DocRef) -> Result<(Rc<str>, Span), String> {
        let src = self.load(&r.path, r.record.is_some())?;
        let text: Rc<str> = match (&*src, &r.record) {
            (Source::Text(t), None) => Rc::clone(t),
            (Source::Array(items), Some((i, field))) => {
                let item = items.get(*i).ok_or_else(|| format!("{}: no element {i}", r.path))?;
                json_text(item, field).ok_or_else(|| format!("{}#{i}: no text field {field:?}", r.path))?
            }
            (Source::Lines(lines), Some((n, field))) => {
                let item = n
                    .checked_sub(1)
                    .and_then(|k| lines.get(k))
                    .ok_or_else(|| format!("{}: no line {n} (JSON Lines refs count lines from 1)", r.path))?;
                json_text(item, field).ok_or_else(|| format!("{}#{n}: no text field {field:?}", r.path))?
            }
            (Source::Table { header, rows }, Some((i, field))) => {
                let col = header
                    .iter()
                    .position(|h| h == field)
                    .ok_or_else(|| format!("{}: no column {field:?}", r.path))?;
                let row = i
                    .checked_sub(1)
                    .and_then(|k| rows.get(k))
                    .ok_or_else(|| format!("{}: no row {i}", r.path))?;
                let cell =
                    row.get(col).ok_or_else(|| format!("{}: row {i} has no column {field:?}", r.path))?;
                Rc::from(cell.as_str())
            }
            _ => return Err(format!("{}: a record index is needed for this file, or not allowed", r.path)),
        };
        let byte = |c: usize| {
            if c == 0 { Some(0) } else { text.char_indices().map(|(b, _)| b).chain([text.len()]).nth(c) }
        };
        let (Some(s), Some(e)) = (byte(r.chars.0), byte(r.chars.1)) else {
            return Err(format!("{}: range {}-{} is past the text's end", r.path, r.chars.0, r.chars.1));
        };
        Ok((text, Span::new(s, e)))
    }

    fn load(&mut self, path: &str, records: bool) -> Result<Rc<Source>, String> {
        // A file read as records and as plain text are two sources.
        let key = format!("{}{path}", if records { "#" } else { "@" });
        if let Some(s) = self.files.get(&key) {
            return Ok(Rc::clone(s));
        }
        // Only files under the data folder: no absolute path, no `..`.
        let rel = Path::new(path);
        if !rel.components().all(|c| matches!(c, std::path::Component::Normal(_))) {
            return Err(format!("{path}: not a path inside the data folder (no absolute path, no `..`)"));
        }
        let full = self.root.join(rel);
        let bytes = std::fs::read(&full).map_err(|e| format!("{}: {e}", full.display()))?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let src = if !records {
            Source::Text(Rc::from(text))
        } else if path.ends_with(".json") {
            let v: Vec<serde_json::Value> = serde_json::from_str(&text)
                .map_err(|e| format!("{}: not a JSON array ({e})", full.display()))?;
            Source::Array(v)
        } else if path.ends_with(".jsonl") || path.ends_with(".ndjson") {
            let mut lines = Vec::new();
            for (k, line) in text.lines().enumerate() {
                let v = match line.trim() {
                    "" => serde_json::Value::Null,
                    l => serde_json::from_str(l)
                        .map_err(|e| format!("{}: line {}: not a JSON value ({e})", full.display(), k + 1))?,
                };
                lines.push(v);
            }
            Source::Lines(lines)
        } else {
            let tabs = text.lines().next().is_some_and(|l| l.contains('\t'));
            let mut rdr = csv::ReaderBuilder::new()
                .delimiter(if tabs { b'\t' } else { b',' })
                .quoting(!tabs)
                .flexible(true)
                .has_headers(false)
                .from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for rec in rdr.records() {
                let rec = rec.map_err(|e| format!("{}: {e}", full.display()))?;
                rows.push(rec.iter().map(String::from).collect::<Vec<_>>());
            }
            if rows.is_empty() {
                return Err(format!("{}: no header row", full.display()));
            }
            let header = rows.remove(0);
            Source::Table { header, rows }
        };
        let src = Rc::new(src);
        self.files.insert(key, Rc::clone(&src));
        Ok(src)
    }
}

/// A labelled row that may give a `ref` instead of its text (gold CSV
/// rows, people JSON Lines rows), for [`fill_from_refs`].
pub trait RefRow {
    /// The row's id, its `ref` if any, and its text (to be filled).
    fn parts(&mut self) -> (&str, Option<&str>, &mut String);
}

/// Gives every row without a text the text its `ref` points to under the
/// documents' root ([`Documents::text_of`]). Returns `(id, problem)` for
/// each row whose text could not be found; those keep an empty text.
pub fn fill_from_refs<R: RefRow>(rows: &mut [R], docs: &mut Documents) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    for row in rows {
        let (id, reference, text) = row.parts();
        if !text.is_empty() {
            continue;
        }
        match docs.text_of(reference) {
            Ok(t) => *text = t,
            Err(p) => problems.push((id.to_string(), p)),
        }
    }
    problems
}
