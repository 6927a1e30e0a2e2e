//! Option values as Python passes them (the command line's names, as
//! strings), parsed into the library's types. A wrong value is a
//! `ValueError` naming the keyword argument, what was found and what is
//! allowed.

use std::path::{Path, PathBuf};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rolecall::Lexicon;
use rolecall::input::records::Format;
use rolecall::output::{Offsets, SentenceRows};
use rolecall::text::segment::UnitMode;

/// One of `choices` (name, value) by its name, else a `ValueError`:
/// `unit='word': expected one of 'sentence', 'line'`.
fn choose<T: Copy>(option: &str, found: &str, choices: &[(&str, T)]) -> PyResult<T> {
    choices.iter().find(|(name, _)| *name == found).map(|&(_, v)| v).ok_or_else(|| {
        let names: Vec<String> = choices.iter().map(|(n, _)| format!("{n:?}")).collect();
        PyValueError::new_err(format!("{option}={found:?}: expected one of {}", names.join(", ")))
    })
}

/// `unit`: `"sentence"` or `"line"` (`--unit`).
pub fn unit(found: &str) -> PyResult<UnitMode> {
    choose("unit", found, &[("sentence", UnitMode::Sentence), ("line", UnitMode::Line)])
}

/// `sentences`: `"tagged"`, `"all"` or `"none"` (`--sentences`).
pub fn sentences(found: &str) -> PyResult<SentenceRows> {
    choose(
        "sentences",
        found,
        &[("tagged", SentenceRows::Tagged), ("all", SentenceRows::All), ("none", SentenceRows::None)],
    )
}

/// `offsets`: `"bytes"` or `"chars"` (`--offsets`).
pub fn offsets(found: &str) -> PyResult<Offsets> {
    choose("offsets", found, &[("bytes", Offsets::Bytes), ("chars", Offsets::Chars)])
}

/// `input_format`: `None` (from each file name) or one of the formats of
/// `--input-format`.
pub fn input_format(found: Option<&str>) -> PyResult<Option<Format>> {
    let Some(found) = found else { return Ok(None) };
    choose(
        "input_format",
        found,
        &[
            ("text", Format::Text),
            ("jsonl", Format::Jsonl),
            ("json", Format::Json),
            ("csv", Format::Csv),
            ("tsv", Format::Tsv),
            ("warc", Format::Warc),
            ("html", Format::Html),
        ],
    )
    .map(Some)
}

/// `encoding`: `None` (UTF-8), a WHATWG label or `"auto"`, as `--encoding`.
pub fn encoding(found: Option<&str>) -> PyResult<rolecall::input::Charset> {
    let Some(label) = found else { return Ok(rolecall::input::Charset::Utf8) };
    rolecall::input::Charset::parse(label)
        .map_err(|why| PyValueError::new_err(format!("encoding={label:?}: {why}")))
}

/// `delimiter`: the character between CSV and TSV fields, as `--delimiter`
/// ([`rolecall::input::records::delimiter_byte`]); with an `input_format`
/// that has no fields to split, an error naming both keywords.
pub fn delimiter(found: Option<&str>, format: Option<Format>) -> PyResult<Option<u8>> {
    let Some(value) = found else { return Ok(None) };
    let byte = rolecall::input::records::delimiter_byte(value)
        .map_err(|why| PyValueError::new_err(format!("delimiter={value:?}: {why}")))?;
    if format.is_some_and(|f| !matches!(f, Format::Csv | Format::Tsv)) {
        return Err(PyValueError::new_err(format!(
            "delimiter={value:?} splits the fields of CSV and TSV inputs, and input_format is not csv or tsv: \
             leave out delimiter, or give input_format=\"csv\""
        )));
    }
    Ok(Some(byte))
}

/// Worker threads allowed per core, as the command line caps `-j`.
const MAX_THREADS_PER_CORE: usize = 8;

/// `threads`: `None` or 0 for one per core; more than 8 per core is capped
/// (returned with a note).
pub fn threads(found: Option<i64>) -> PyResult<(usize, Option<String>)> {
    let n = match found {
        None => 0,
        Some(n) if n < 0 => {
            return Err(PyValueError::new_err(format!(
                "threads={n}: expected a count of worker threads (0 or None: one per core)"
            )));
        }
        Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let cap = MAX_THREADS_PER_CORE * cores;
    Ok(if n > cap {
        (cap, Some(format!("threads={n} capped at {cap} ({MAX_THREADS_PER_CORE} per core)")))
    } else {
        (n, None)
    })
}

/// The lexicons of folder `dir`, or the built-in ones (`None`). A path
/// that is no folder is a `ValueError` naming the keyword `lexicons`; a
/// broken lexicon file a `LexiconError` (`file:line: message`).
pub fn lexicon(dir: Option<PathBuf>) -> PyResult<Lexicon> {
    let Some(dir) = dir else { return Ok(Lexicon::builtin()) };
    check_lexicon_dir(&dir)?;
    Lexicon::load_dir(&dir).map_err(crate::to_py_err)
}

fn check_lexicon_dir(dir: &Path) -> PyResult<()> {
    if !dir.exists() {
        return Err(PyValueError::new_err(format!(
            "lexicons={:?}: no such folder; give a folder of lexicon CSVs (see lexicons/README.md), or None for the built-in lexicons",
            dir.display().to_string()
        )));
    }
    if !dir.is_dir() {
        return Err(PyValueError::new_err(format!(
            "lexicons={:?}: a file, not a folder; give the folder that holds the lexicon CSVs (director.csv, producer.csv, …)",
            dir.display().to_string()
        )));
    }
    Ok(())
}

/// `text_field`: one name, `"title,body"`, or a list of names; the first
/// is the field of the text, the others are tagged with it.
pub fn text_fields(found: &Bound<'_, PyAny>) -> PyResult<(String, Vec<String>)> {
    let names: Vec<String> = match found.extract::<String>() {
        Ok(s) => s.split(',').map(|f| f.trim().to_string()).collect(),
        Err(_) => found.extract::<Vec<String>>().map_err(|_| {
            PyValueError::new_err(format!(
                "text_field={}: expected a field name, names separated by commas, or a list of names",
                found.repr().map_or_else(|_| "?".into(), |r| r.to_string())
            ))
        })?,
    };
    if names.is_empty() || names.iter().any(String::is_empty) {
        return Err(PyValueError::new_err(format!(
            "text_field={}: an empty field name; give NAME, \"NAME,NAME\" or a list of names",
            found.repr().map_or_else(|_| "?".into(), |r| r.to_string())
        )));
    }
    let mut names = names.into_iter();
    let first = names.next().expect("not empty");
    Ok((first, names.collect()))
}
