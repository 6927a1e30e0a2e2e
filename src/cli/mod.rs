//! The command line: one file per command (its arguments and its `run`),
//! plus the progress bar and the Ctrl-C handler. Binary only: the library
//! knows nothing of clap, indicatif or signals.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use rolecall::input::records::Format;
use rolecall::{Error, Lexicon};

mod eval;
mod eval_people;
mod explain;
mod gen_corpus;
pub mod interrupt;
mod lexicon;
mod merge;
mod progress;
#[cfg(feature = "report")]
mod report;
mod scan;
pub mod stdio;

/// Tag film writing and credits sentence by sentence as director, producer, both or none.
#[derive(Parser, Debug)]
#[command(name = "rolecall", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Tag every sentence of the inputs and write CSV summaries into --out.
    Scan(scan::Args),
    /// Measure the tags against a hand-labelled CSV (one text per row).
    Eval(eval::Args),
    /// Measure who is named in a role against annotated sentences (JSON Lines).
    EvalPeople(eval_people::Args),
    /// Show how a text is tagged: units, matches, context cues, the people named, and why.
    Explain(explain::Args),
    /// Work on lexicons.
    #[command(subcommand)]
    Lexicon(lexicon::Command),
    /// Combine the output folders of several scans into the outputs of one scan over all their inputs.
    Merge(merge::Args),
    /// Write one self-contained HTML report (charts, tables, samples) of a scan's or merge's output folder.
    #[cfg(feature = "report")]
    Report(report::Args),
    /// Write a deterministic article-like corpus for benchmarks (same seed, same bytes).
    GenCorpus(gen_corpus::Args),
}

/// Runs the parsed command; `Ok` holds the exit code.
pub fn run(cli: Cli) -> Result<u8, Error> {
    match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Eval(args) => eval::run(args),
        Command::EvalPeople(args) => eval_people::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Lexicon(cmd) => lexicon::run(cmd),
        Command::Merge(args) => merge::run(args),
        #[cfg(feature = "report")]
        Command::Report(args) => report::run(args),
        Command::GenCorpus(args) => gen_corpus::run(args),
    }
}

/// `n` and the noun for it: `1 document`, `2 documents`.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A clap value parser for a share such as an F1 threshold: a number from 0
/// to 1 (clap's error names the option and the value).
fn zero_to_one(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        Ok(_) => Err("not between 0 and 1; give a number from 0 to 1, such as 0.8".into()),
        Err(_) => Err("not a number; give a number from 0 to 1, such as 0.8".into()),
    }
}

/// The encoding of `--encoding LABEL` (none: UTF-8); an unknown or
/// unusable label is an error naming the option
/// ([`rolecall::input::encoding_for_label`]).
fn encoding_option(label: Option<&str>) -> Result<rolecall::input::Charset, Error> {
    let Some(label) = label else { return Ok(rolecall::input::Charset::Utf8) };
    rolecall::input::Charset::parse(label)
        .map_err(|why| Error::Invalid(format!("--encoding {label:?}: {why}")))
}

/// The name `--input-format` gives `format`.
fn format_name(format: Format) -> String {
    use clap::ValueEnum;
    format.to_possible_value().map_or_else(|| format!("{format:?}"), |v| v.get_name().to_string())
}

/// The field delimiter of `--delimiter CHAR` for CSV and TSV inputs: one
/// ASCII character, or `\t` / `tab` for a tab. `format` is the format the
/// input is read in, when known (`--input-format`, or explain's file name).
///
/// Errors, naming the option: more than one character, a character that
/// is not ASCII, a letter or digit (`--delimiter \t` unquoted arrives as
/// `t`), `"` or a line end (they frame CSV cells and rows), or an input
/// format that has no fields to split (JSON, WARC, text, HTML).
fn delimiter_option(value: Option<&str>, format: Option<Format>) -> Result<Option<u8>, Error> {
    let Some(value) = value else { return Ok(None) };
    let byte = rolecall::input::records::delimiter_byte(value)
        .map_err(|why| Error::Invalid(format!("--delimiter {value:?}: {why}")))?;
    if let Some(f) = format.filter(|f| !matches!(f, Format::Csv | Format::Tsv)) {
        let name = format_name(f);
        return Err(Error::Invalid(format!(
            "--delimiter {value:?} splits the fields of CSV and TSV inputs, and the input is read as {name} \
             (--input-format, or the file's name): leave out --delimiter, or give --input-format csv"
        )));
    }
    Ok(Some(byte))
}

/// Where a record's text and id are, from `--text-field NAME[,NAME…]`,
/// `--id-field` and `--delimiter` (scan's and explain's options): several
/// text fields are tagged together
/// ([`rolecall::input::records::Fields::also`]).
///
/// Errors: an empty name in the list, or a wrong delimiter
/// ([`delimiter_option`]), named with the option.
fn record_fields(
    text_field: &str,
    id_field: Option<String>,
    delimiter: Option<&str>,
    format: Option<Format>,
) -> Result<rolecall::input::records::Fields, Error> {
    let mut texts = text_field.split(',').map(|f| f.trim().to_string());
    let text = texts.next().unwrap_or_default();
    let also: Vec<String> = texts.collect();
    if text.is_empty() || also.iter().any(String::is_empty) {
        return Err(Error::Invalid(format!(
            "--text-field {text_field:?}: an empty field name; give NAME or NAME,NAME,…"
        )));
    }
    Ok(rolecall::input::records::Fields {
        text,
        id_required: id_field.is_some(),
        id: id_field.unwrap_or_else(|| "id".into()),
        keep: Vec::new(),
        also,
        delimiter: delimiter_option(delimiter, format)?,
    })
}

/// The lexicons of `-l DIR`, or the built-in ones.
fn load_lexicon(dir: Option<&PathBuf>) -> Result<Lexicon, Error> {
    load_lexicon_as("-l/--lexicons", dir)
}

/// The lexicons of the folder that option `option` names, or the built-in
/// ones; a wrong folder gets a message naming the option.
fn load_lexicon_as(option: &str, dir: Option<&PathBuf>) -> Result<Lexicon, Error> {
    let Some(d) = dir else { return Ok(Lexicon::builtin()) };
    check_lexicon_dir(option, d)?;
    Lexicon::load_dir(d).map_err(|e| match e {
        Error::Lexicon { line: 0, message, .. } => {
            Error::Invalid(format!("{option} {}: {message}", d.display()))
        }
        e => e,
    })
}

/// Refuses a lexicon folder path that does not exist or is a file.
fn check_lexicon_dir(option: &str, d: &Path) -> Result<(), Error> {
    if !d.exists() {
        return Err(Error::Invalid(format!(
            "{option} {}: no such folder; give a folder of lexicon CSVs (see lexicons/README.md), or leave the option out for the built-in lexicons",
            d.display()
        )));
    }
    if !d.is_dir() {
        return Err(Error::Invalid(format!(
            "{option} {}: a file, not a folder; give the folder that holds the lexicon CSVs (director.csv, producer.csv, …)",
            d.display()
        )));
    }
    Ok(())
}

/// Refuses an output folder path that names an existing file, or that a
/// file on its way makes impossible to create.
fn check_out_dir(option: &str, dir: &Path) -> Result<(), Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Invalid(format!(
            "{option} {}: a file, not a folder; give a folder for the outputs (created when missing)",
            dir.display()
        )));
    }
    // Not created here (a run that fails on its inputs leaves no folder),
    // but a file on the way makes it impossible.
    if let Some(file) = dir.ancestors().skip(1).find(|a| a.is_file()) {
        return Err(Error::Invalid(format!(
            "{option} {}: cannot create the output folder: {} is a file",
            dir.display(),
            file.display()
        )));
    }
    Ok(())
}
