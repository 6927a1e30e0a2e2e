//! The corpus tables written once at the end of a run: `terms.csv`,
//! `summary.csv` and `run.json`.

use std::path::Path;

use serde::Serialize;

use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::output::groups::Groups;
use crate::output::summary::Totals;
use crate::output::{AtomicFile, csv_bytes, schema};

/// Writes `terms.csv`: every lexicon term, zero hits included.
pub fn write_terms(dir: &Path, lexicon: &Lexicon, totals: &Totals) -> Result<AtomicFile, Error> {
    let mut f = AtomicFile::create(dir, schema::TERMS)?;
    let bytes = csv_bytes(|w| {
        w.write_record(schema::TERMS_HEADER)?;
        let mut num = itoa::Buffer::new();
        for (i, t) in lexicon.terms().iter().enumerate() {
            w.write_field(lexicon.role_name(t.role))?;
            w.write_field(t.kind.as_str())?;
            w.write_field(&t.text)?;
            w.write_field(num.format(totals.term_hits[i]))?;
            w.write_field(num.format(totals.term_docs[i]))?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    });
    f.write_all(&bytes)?;
    Ok(f)
}

/// Writes `summary.csv`: one row of corpus totals.
pub fn write_summary(dir: &Path, lexicon: &Lexicon, totals: &Totals) -> Result<AtomicFile, Error> {
    let mut f = AtomicFile::create(dir, schema::SUMMARY)?;
    let labels = totals.labels.len();
    let bytes = csv_bytes(|w| {
        w.write_record(schema::summary_header(lexicon))?;
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
    Ok(f)
}

/// Writes `groups.csv` (see [`crate::output::groups`]).
pub fn write_groups(dir: &Path, lexicon: &Lexicon, groups: &Groups) -> Result<AtomicFile, Error> {
    let mut f = AtomicFile::create(dir, schema::GROUPS)?;
    let names = crate::tag::label_names(lexicon);
    f.write_all(&csv_bytes(|w| groups.write_csv(w, &names)))?;
    Ok(f)
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
