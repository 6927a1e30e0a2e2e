//! The corpus tables written once at the end of a run: `terms.csv`,
//! `summary.csv`, `groups.csv` (or their Parquet forms) and `run.json`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::output::groups::Groups;
use crate::output::rows::{cell, header_row};
use crate::output::summary::Totals;
use crate::output::table::{OutputFormat, TableFile};
use crate::output::{AtomicFile, csv_bytes, schema};

/// Writes `terms.csv` (in `format`): every lexicon term, zero hits
/// included (`safe` as for [`cell`]).
pub fn write_terms(
    dir: &Path,
    lexicon: &Lexicon,
    totals: &Totals,
    safe: bool,
    format: OutputFormat,
) -> Result<AtomicFile, Error> {
    let mut f = TableFile::create(dir, schema::TERMS, format)?;
    let bytes = csv_bytes(|w| {
        w.write_record(schema::TERMS_HEADER)?;
        let mut num = itoa::Buffer::new();
        for (i, t) in lexicon.terms().iter().enumerate() {
            w.write_field(&*cell(lexicon.role_name(t.role), safe))?;
            w.write_field(t.kind.as_str())?;
            w.write_field(&*cell(&t.text, safe))?;
            w.write_field(num.format(totals.term_hits[i]))?;
            w.write_field(num.format(totals.term_docs[i]))?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    });
    f.write_all(&bytes)?;
    f.finish()
}

/// Writes `summary.csv` (in `format`): one row of corpus totals (`safe` as
/// for [`cell`]: the header holds the role names).
pub fn write_summary(
    dir: &Path,
    lexicon: &Lexicon,
    totals: &Totals,
    safe: bool,
    format: OutputFormat,
) -> Result<AtomicFile, Error> {
    let mut f = TableFile::create(dir, schema::SUMMARY, format)?;
    let labels = totals.labels.len();
    let bytes = csv_bytes(|w| {
        header_row(w, schema::summary_header(lexicon).iter().map(String::as_str), safe)?;
        let mut row = vec![
            totals.documents.to_string(),
            totals.skipped.to_string(),
            totals.bytes.to_string(),
            totals.units.to_string(),
        ];
        row.extend(totals.labels.iter().map(u64::to_string));
        row.extend((0..labels).map(|i| format!("{:.6}", totals.share(i))));
        w.write_record(&row)
    });
    f.write_all(&bytes)?;
    f.finish()
}

/// Writes `groups.csv` (in `format`; see [`crate::output::groups`]; `safe`
/// as for [`cell`]).
pub fn write_groups(
    dir: &Path,
    lexicon: &Lexicon,
    groups: &Groups,
    safe: bool,
    format: OutputFormat,
) -> Result<AtomicFile, Error> {
    let mut f = TableFile::create(dir, schema::GROUPS, format)?;
    let names = crate::tag::label_names(lexicon);
    f.write_all(&csv_bytes(|w| groups.write_csv(w, &names, safe)))?;
    f.finish()
}

/// The content of `run.json`: figures about the run itself.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    /// rolecall's version.
    pub version: String,
    /// Worker threads used.
    pub threads: usize,
    /// Inputs listed (documents, skipped ones included).
    pub inputs: u64,
    /// Documents tagged.
    pub documents: u64,
    /// Inputs skipped.
    pub documents_skipped: u64,
    /// Documents repaired (invalid UTF-8).
    pub documents_repaired: u64,
    /// Bytes of the tagged documents.
    pub bytes: u64,
    /// Units of the tagged documents.
    pub sentences: u64,
    /// Wall-clock seconds from start to the last output.
    pub elapsed_seconds: f64,
    /// Throughput: bytes / 10^6 / elapsed seconds.
    pub mb_per_second: f64,
    /// Peak resident memory in bytes, where the OS tells it.
    pub peak_rss_bytes: Option<u64>,
    /// Shards combined (`rolecall merge` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shards: Option<usize>,
    /// The lexicon's [`Lexicon::fingerprint`]: `merge` refuses shards of
    /// different lexicons.
    pub lexicon: String,
    /// The options that change rows: `merge` refuses shards whose options
    /// differ.
    pub options: RowOptions,
}

/// The options of a scan that change its rows (recorded in `run.json` as
/// `"options"`): one scan over all the inputs has one of each, so shards
/// merge only when theirs are equal. Options that choose inputs
/// (`--include`, `--exclude`, `--follow`) are not here: they are how shards
/// are cut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowOptions {
    /// `--unit`: `sentence` or `line`.
    pub unit: String,
    /// `--sentences`: `tagged`, `all` or `none`.
    pub sentences: String,
    /// `--input-format`, when given: every input read in that format.
    pub input_format: Option<String>,
    /// `--text-field`.
    pub text_field: String,
    /// `--id-field`.
    pub id_field: String,
    /// `--csv-safe`.
    pub csv_safe: bool,
    /// `--group-by`, in order.
    pub group_by: Vec<String>,
    /// `--period`, as `PERIOD=FIELD`.
    pub period: Option<String>,
    /// `--output-format`: `csv` or `parquet` (`csv` in the `run.json` of
    /// rolecall versions before it).
    #[serde(default = "csv_format")]
    pub output_format: String,
}

fn csv_format() -> String {
    OutputFormat::Csv.name().to_string()
}

impl RowOptions {
    /// Each option's name on the command line and its value, in words, for
    /// saying which one differs.
    pub fn named(&self) -> [(&'static str, String); 9] {
        [
            ("--unit", self.unit.clone()),
            ("--sentences", self.sentences.clone()),
            ("--input-format", self.input_format.clone().unwrap_or_else(|| "(from each file name)".into())),
            ("--text-field", self.text_field.clone()),
            ("--id-field", self.id_field.clone()),
            ("--csv-safe", if self.csv_safe { "on" } else { "off" }.into()),
            ("--group-by", self.group_by.join(",")),
            ("--period", self.period.clone().unwrap_or_else(|| "(none)".into())),
            ("--output-format", self.output_format.clone()),
        ]
    }
}

/// Writes `run.json`.
pub fn write_run_json(dir: &Path, info: &RunInfo) -> Result<AtomicFile, Error> {
    let mut f = AtomicFile::create(dir, schema::RUN_JSON)?;
    let mut s = serde_json::to_string_pretty(info).expect("RunInfo serialises");
    s.push('\n');
    f.write_all(s.as_bytes())?;
    Ok(f)
}

/// Peak resident set size of this process, from `/proc/self/status` (Linux).
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
