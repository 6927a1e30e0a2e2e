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

/// Writes the table `name` (in `format`) whose CSV rows, header first,
/// `rows` writes: the one path of every end-of-run table.
fn write_table(
    dir: &Path,
    name: &'static str,
    format: OutputFormat,
    rows: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
) -> Result<AtomicFile, Error> {
    let mut f = TableFile::create(dir, name, format)?;
    f.write_all(&csv_bytes(rows))?;
    f.finish()
}

/// Writes `terms.csv` (in `format`): every lexicon term, zero hits
/// included (`safe` as for [`cell`]).
pub fn write_terms(
    dir: &Path,
    lexicon: &Lexicon,
    totals: &Totals,
    safe: bool,
    format: OutputFormat,
) -> Result<AtomicFile, Error> {
    write_table(dir, schema::TERMS, format, |w| {
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
    })
}

/// Writes `summary.csv` (in `format`): one row of corpus totals (`safe` as
/// for [`cell`]: the header holds the role names). The share cells are
/// empty (null in Parquet) when there are no units, as in `groups.csv`.
pub fn write_summary(
    dir: &Path,
    lexicon: &Lexicon,
    totals: &Totals,
    safe: bool,
    format: OutputFormat,
) -> Result<AtomicFile, Error> {
    let labels = totals.labels.len();
    write_table(dir, schema::SUMMARY, format, |w| {
        header_row(w, schema::summary_header(lexicon).iter().map(String::as_str), safe)?;
        let mut row = vec![
            totals.documents.to_string(),
            totals.skipped.to_string(),
            totals.bytes.to_string(),
            totals.units.to_string(),
        ];
        row.extend(totals.labels.iter().map(u64::to_string));
        row.extend((0..labels).map(|i| totals.share(i).map_or_else(String::new, |s| format!("{s:.6}"))));
        w.write_record(&row)
    })
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
    let names = crate::tag::label_names(lexicon);
    write_table(dir, schema::GROUPS, format, |w| groups.write_csv(w, &names, safe))
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
    /// Inputs and records skipped: a bad record counts one, a record
    /// file of which no record has the text field counts each of its
    /// records, a CSV/TSV file whose header lacks the text column counts
    /// one (its rows are not read).
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
    /// What the run's notes said, one sentence each, for a batch job whose
    /// standard error is lost: record files that held no record, symbolic
    /// links not followed, earlier outputs left out, a kept field no record
    /// had, dates not read, paths too short for a `--path-field`. A merge
    /// keeps its shards' notes, in shard order, each once.
    /// Absent when there are none (and in the `run.json` of earlier
    /// versions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// `--encoding`, when given: the inputs' encoding, so their spans
    /// index decoded text. Not a row option (shards of inputs in other
    /// encodings merge); a merge gives its shards' values, in shard order,
    /// each once, joined by `, ` (`UTF-8` for a shard without one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// With `--period`: documents whose `--date-field` holds a value in
    /// none of the date forms read (they count under the empty period; a
    /// note gives the first). A merge adds its shards' counts. Absent
    /// without `--period`, and from a merge when a shard's `run.json`
    /// lacks it (a scan by an earlier rolecall: the total is unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates_unread: Option<u64>,
    /// With `--period month`: documents whose date is a year alone
    /// (`2019`), which is in no month (they count under the empty month).
    /// A merge adds its shards' counts. Absent otherwise, and from a merge
    /// when a shard's `run.json` lacks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates_year_only: Option<u64>,
    /// With `--path-field`: inputs whose path has no folder where a
    /// `--path-field` counts one (too few folders, or a file given as a
    /// path with a positive N), so that field is empty for their
    /// documents; a note gives the first. A merge adds its shards' counts.
    /// Absent without `--path-field`, and from a merge when a shard's
    /// `run.json` lacks it (an earlier rolecall, or a shard scanned
    /// without `--path-field`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_fields_empty: Option<u64>,
    /// With `--people` and an output folder: the rows of `mentions.csv`
    /// (one per name–role mention). A merge counts its merged file's.
    /// Absent otherwise (and in the `run.json` of versions before
    /// 2026-12-05).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions: Option<u64>,
    /// With `--people` and an output folder: the rows of `people.csv`
    /// (distinct name–role pairs; a person named in both roles counts
    /// twice). A merge counts its merged file's. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<u64>,
}

/// The options of a scan that change its rows (recorded in `run.json` as
/// `"options"`): one scan over all the inputs has one of each, so shards
/// merge only when theirs are equal. Options that choose inputs
/// (`--include`, `--exclude`, `--follow`) are not here: they are how shards
/// are cut.
///
/// Read back, the `run.json` of earlier versions is understood too: their
/// `"period": "year=date"` (the period and the date field in one string)
/// reads as `period` `year` and `date_field` `date`, so their shards merge
/// with this version's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct RowOptions {
    /// `--unit`: `sentence` or `line`.
    pub unit: String,
    /// `--sentences`: `tagged`, `all` or `none`.
    pub sentences: String,
    /// `--input-format`, when given: every input read in that format.
    pub input_format: Option<String>,
    /// `--text-field`: the fields as given, joined by commas (`title,body`).
    pub text_field: String,
    /// `--delimiter`, when given: the character between CSV and TSV
    /// fields (absent otherwise, and from the `run.json` of earlier
    /// versions, which read `,` and tabs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// `--id-field`.
    pub id_field: String,
    /// `--csv-safe`.
    pub csv_safe: bool,
    /// `--group-by`, in order.
    pub group_by: Vec<String>,
    /// `--period`: `year` or `month`; `None` without it.
    pub period: Option<String>,
    /// `--date-field`, the field whose date `--period` groups by; absent
    /// without `--period` (the option then does nothing). Earlier versions
    /// wrote it inside `period` (`"year=date"`); see [`RowOptions`].
    /// `None` beside a `period`: not recorded (a `period` of this form,
    /// `"month"`, with no `date_field`, as an earlier rolecall writes when it
    /// merges this version's shards: it knows no `date_field`), so unknown,
    /// like an unrecorded [`RowOptions::path_field`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_field: Option<String>,
    /// With `--period month`, how a date that is a year alone (`2019`) is
    /// counted: [`MONTH_RULE`], in no month. Absent otherwise, and from the
    /// `run.json` of earlier versions, which did not record it (the earliest
    /// put such a date in January; `merge` tells them apart by their
    /// `dates_year_only`). Not an option of the command line: `merge`
    /// compares it on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_rule: Option<String>,
    /// `--path-field`, each as `NAME=N`, in order; empty without one.
    /// `None`: not recorded (absent from the `run.json` of earlier
    /// versions, and of a merge of a shard of theirs): unknown, so
    /// `merge` leaves it to the `documents.csv` columns to differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_field: Option<Vec<String>>,
    /// `--people` (absent in the run.json of earlier versions: off).
    #[serde(default)]
    pub people: bool,
    /// `--output-format`: `csv` or `parquet` (`csv` in the `run.json` of
    /// rolecall versions before it).
    #[serde(default = "csv_format")]
    pub output_format: String,
}

/// How [`RowOptions::named`] shows an option that the `run.json` does not
/// record (one of an earlier version): it differs from no value.
pub const UNRECORDED: &str = "(not recorded)";

/// The rule of `--period month` that [`RowOptions::period_rule`]
/// records: a date that is a year alone is in no month (the empty month),
/// where earlier versions put it in January.
pub const MONTH_RULE: &str = "year-alone-in-no-month";

fn csv_format() -> String {
    OutputFormat::Csv.name().to_string()
}

impl Serialize for RowOptions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RowOptions::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for RowOptions {
    /// As derived, with the `period` of earlier versions (`PERIOD=FIELD`,
    /// such as `year=date`) split into `period` and `date_field`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut o = RowOptions::deserialize(d)?;
        let old = o.period.as_deref().filter(|_| o.date_field.is_none()).and_then(|p| p.split_once('='));
        if let Some((period, field)) = old.map(|(p, f)| (p.to_string(), f.to_string())) {
            (o.period, o.date_field) = (Some(period), Some(field));
        }
        Ok(o)
    }
}

impl RowOptions {
    /// Each option's name on the command line and its value, in words, for
    /// saying which one differs.
    pub fn named(&self) -> [(&'static str, String); 13] {
        [
            ("--unit", self.unit.clone()),
            ("--sentences", self.sentences.clone()),
            ("--input-format", self.input_format.clone().unwrap_or_else(|| "(from each file name)".into())),
            ("--text-field", self.text_field.clone()),
            ("--delimiter", self.delimiter.clone().unwrap_or_else(|| "(the format's own)".into())),
            ("--id-field", self.id_field.clone()),
            ("--csv-safe", if self.csv_safe { "on" } else { "off" }.into()),
            ("--group-by", self.group_by.join(",")),
            ("--period", self.period.clone().unwrap_or_else(|| "(none)".into())),
            (
                "--date-field",
                match (&self.period, &self.date_field) {
                    (_, Some(field)) => field.clone(),
                    (Some(_), None) => UNRECORDED.to_string(),
                    (None, None) => "(none)".to_string(),
                },
            ),
            (
                "--path-field",
                self.path_field.as_ref().map_or_else(|| UNRECORDED.to_string(), |p| p.join(",")),
            ),
            ("--people", if self.people { "on" } else { "off" }.into()),
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

/// The counts behind `people.csv`: per (name, role), mentions and
/// documents. Names are compared as written after white space folding
/// (one-word mentions linked to a full name count as it, see
/// [`crate::people`]). Memory grows with the distinct names of the corpus.
#[derive(Debug, Clone, Default)]
pub struct PeopleCounts {
    /// `(name, role)` → mentions, documents, and the number of the last
    /// document that named the pair (documents are numbered from 1 as they
    /// are added).
    counts: std::collections::HashMap<(String, String), [u64; 3], foldhash::fast::FixedState>,
    /// Documents added so far.
    documents: u64,
}

impl PeopleCounts {
    /// Adds one document's mentions, `(name, role)` per mention (a pair
    /// repeated counts as more mentions, once as a document). One hash per
    /// mention: a credits page names thousands of people.
    pub fn add_document<'a>(&mut self, mentions: impl IntoIterator<Item = &'a (String, String)>) {
        self.documents += 1;
        let doc = self.documents;
        for pair in mentions {
            let c = match self.counts.get_mut(pair) {
                Some(c) => c,
                None => self.counts.entry(pair.clone()).or_default(),
            };
            c[0] += 1;
            if c[2] != doc {
                c[1] += 1;
                c[2] = doc;
            }
        }
    }

    /// Adds counts read from a `people.csv` (merge).
    pub fn add_counts(&mut self, name: &str, role: &str, mentions: u64, documents: u64) {
        let c = self.counts.entry((name.to_string(), role.to_string())).or_default();
        c[0] += mentions;
        c[1] += documents;
    }

    /// Mentions counted: the rows of `mentions.csv` that these counts
    /// come from.
    pub fn mentions(&self) -> u64 {
        self.counts.values().map(|c| c[0]).sum()
    }

    /// Distinct (name, role) pairs: the rows of `people.csv`.
    pub fn pairs(&self) -> u64 {
        self.counts.len() as u64
    }

    /// The rows, most mentioned first, then by name and role.
    pub fn rows(&self) -> Vec<(&str, &str, u64, u64)> {
        let mut rows: Vec<(&str, &str, u64, u64)> =
            self.counts.iter().map(|((n, r), [m, d, _])| (n.as_str(), r.as_str(), *m, *d)).collect();
        // (Unstable: no two rows share a name and role, so the order is total.)
        rows.sort_unstable_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)).then(a.1.cmp(b.1)));
        rows
    }
}

/// Writes `people.csv` (`name, role, mentions, documents`; see
/// [`PeopleCounts::rows`] for the order; `safe` as for [`cell`]), in `format`.
pub fn write_people(
    dir: &Path,
    people: &PeopleCounts,
    safe: bool,
    format: OutputFormat,
) -> Result<AtomicFile, Error> {
    write_table(dir, schema::PEOPLE, format, |w| {
        w.write_record(schema::PEOPLE_HEADER)?;
        let mut num = itoa::Buffer::new();
        for (name, role, mentions, docs) in people.rows() {
            w.write_field(&*cell(name, safe))?;
            w.write_field(&*cell(role, safe))?;
            w.write_field(num.format(mentions))?;
            w.write_field(num.format(docs))?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scan's options as `run.json` holds them, with this `period`.
    fn options_json(period: serde_json::Value) -> serde_json::Value {
        serde_json::json!({
            "unit": "sentence", "sentences": "tagged", "input_format": null, "text_field": "text",
            "id_field": "id", "csv_safe": false, "group_by": [], "period": period,
            "path_field": [], "people": false, "output_format": "csv"
        })
    }

    /// Regression: run.json said `"period": "year=date"` (period and date
    /// field in one string, read as "the year is the date"). It says
    /// `"period": "year"` and `"date_field": "date"`; the old form still reads.
    #[test]
    fn run_json_period_and_date_field_apart_and_the_old_form_read() {
        let mut o: RowOptions = serde_json::from_value(options_json("year".into())).unwrap();
        assert_eq!((o.period.as_deref(), o.date_field.as_deref()), (Some("year"), None));
        o.date_field = Some("date".into());
        let v = serde_json::to_value(&o).unwrap();
        assert_eq!((&v["period"], &v["date_field"]), (&"year".into(), &"date".into()));
        assert_eq!(serde_json::from_value::<RowOptions>(v).unwrap(), o, "round trip");
        // Written by earlier versions: PERIOD=FIELD, the field with any `=` of its own.
        for (old, period, field) in [
            ("year=date", "year", "date"),
            ("month=pub=date", "month", "pub=date"),
            ("year=year", "year", "year"),
        ] {
            let o: RowOptions = serde_json::from_value(options_json(old.into())).unwrap();
            assert_eq!((o.period.as_deref(), o.date_field.as_deref()), (Some(period), Some(field)), "{old}");
        }
        // Without --period: no period, no date field (none written).
        let o: RowOptions = serde_json::from_value(options_json(serde_json::Value::Null)).unwrap();
        assert_eq!((o.period.as_deref(), o.date_field.as_deref()), (None, None));
        let v = serde_json::to_value(&o).unwrap();
        assert!(v["period"].is_null() && v.get("date_field").is_none(), "{v}");
        // An old shard and a new one of the same scan compare equal.
        let old: RowOptions = serde_json::from_value(options_json("year=date".into())).unwrap();
        let mut new = options_json("year".into());
        new["date_field"] = "date".into();
        assert_eq!(old.named(), serde_json::from_value::<RowOptions>(new).unwrap().named());
    }

    /// Regression (review): a `period` of this form (no `=`) with no
    /// `date_field`, as an earlier rolecall writes when it merges this
    /// version's shards, was named `--date-field (none)`, which differed
    /// from `date`. Its date field is not recorded; without a period there
    /// is none.
    #[test]
    fn a_period_without_date_field_has_its_date_field_unrecorded() {
        let date_field = |period: serde_json::Value| {
            let o: RowOptions = serde_json::from_value(options_json(period)).unwrap();
            o.named().into_iter().find(|(name, _)| *name == "--date-field").unwrap().1
        };
        assert_eq!(date_field("month".into()), UNRECORDED);
        assert_eq!(date_field("year".into()), UNRECORDED);
        assert_eq!(date_field("month=published".into()), "published");
        assert_eq!(date_field(serde_json::Value::Null), "(none)");
        let mut v = options_json("month".into());
        v["date_field"] = "date".into();
        let o: RowOptions = serde_json::from_value(v).unwrap();
        assert_eq!(o.named()[9], ("--date-field", "date".to_string()));
    }

    #[test]
    fn people_counts_mentions_and_documents() {
        let p = |n: &str, r: &str| (n.to_string(), r.to_string());
        let mut c = PeopleCounts::default();
        c.add_document(&[
            p("A B", "director"),
            p("C D", "producer"),
            p("A B", "director"),
            p("A B", "producer"),
        ]);
        c.add_document(&[p("A B", "director")]);
        c.add_document(&[]);
        assert_eq!(
            c.rows(),
            [("A B", "director", 3, 2), ("A B", "producer", 1, 1), ("C D", "producer", 1, 1)]
        );
    }
}
