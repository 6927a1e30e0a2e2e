//! Reading a finished scan's (or merge's) output folder into typed data:
//! columns found by name (the names of [`crate::output::schema`]), every
//! bad cell an error naming the file, line and column. A folder of Parquet
//! tables (`--output-format parquet`) is read through the same code, its
//! tables rendered as CSV rows ([`crate::output::parquet::ParquetCsv`]);
//! its errors name the row.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output::OutputFormat;
use crate::output::schema::{
    DOCUMENTS, GROUPS, OUTPUT_FILES, RUN_JSON, SENTENCES, SHARE_SUFFIX, SUMMARY, SUMMARY_COUNTS, TERMS,
};

/// The files a report reads: every output of a scan but `errors.csv`.
pub const NEEDED: [&str; 6] = [SUMMARY, GROUPS, DOCUMENTS, TERMS, SENTENCES, RUN_JSON];

/// `matches.csv`, read when present: one row per match with its status.
pub const MATCHES: &str = "matches.csv";

/// How many documents are listed per role, most units first.
pub const TOP_DOCUMENTS: usize = 10;

/// People listed per role (`people.csv`, `scan --people`).
pub const TOP_PEOPLE: usize = 10;

/// One row of `people.csv`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PersonRow {
    /// The name (white space folded; one-word mentions linked to full names).
    pub name: String,
    /// Mentions in the role.
    pub mentions: u64,
    /// Documents with a mention.
    pub documents: u64,
}

/// How many sample units are kept per label (not `none`), from distinct
/// documents, the first ones in output order.
pub const SAMPLES_PER_LABEL: usize = 4;

/// The corpus totals of `summary.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Documents tagged.
    pub documents: u64,
    /// Inputs or records skipped.
    pub documents_skipped: u64,
    /// Bytes of the tagged documents.
    pub bytes: u64,
    /// Units of the tagged documents.
    pub sentences: u64,
    /// Units per label, in [`Outputs::labels`] order.
    pub counts: Vec<u64>,
}

/// One row of `groups.csv`: a grouping's value and its counts (shares and
/// intervals are recomputed from the counts, as `groups.csv` computed them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    /// The grouping (`field` column): a field, `year`, `month` or `about_film`.
    pub field: String,
    /// The value (empty for documents without the field).
    pub value: String,
    /// Documents with this value.
    pub documents: u64,
    /// Their units.
    pub sentences: u64,
    /// Units per label, in [`Outputs::labels`] order.
    pub counts: Vec<u64>,
}

/// One row of `terms.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermRow {
    /// The role whose lexicon holds the term.
    pub role: String,
    /// `role`, `activity` or `exclude` (and any kind a lexicon adds).
    pub kind: String,
    /// The term.
    pub term: String,
    /// Matches found, those that did not count included.
    pub hits: u64,
    /// Documents with a match.
    pub documents: u64,
}

/// A document of `documents.csv` with its units per label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    /// The document id (a path, or `PATH#ID`).
    pub doc: String,
    /// Its units.
    pub sentences: u64,
    /// Units per label, in [`Outputs::labels`] order.
    pub counts: Vec<u64>,
}

/// A unit of `sentences.csv` kept as a sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleRow {
    /// Its document.
    pub doc: String,
    /// Unit number in the document.
    pub sentence: u64,
    /// Byte span into the document.
    pub start: u64,
    /// End of the span (exclusive).
    pub end: u64,
    /// The unit's label.
    pub label: String,
    /// The unit's text, white space collapsed.
    pub text: String,
    /// Every matched term, in order.
    pub terms: Vec<String>,
    /// The terms that counted, when `sentences.csv` says (`counted`).
    pub counted: Option<Vec<String>>,
    /// The terms that did not count, when `sentences.csv` says
    /// (`not_counted` or `discounted`; a `:reason` after a term is kept).
    pub not_counted: Option<Vec<String>>,
}

/// Matches of each term that counted and that did not, from `matches.csv`
/// (`status`) or else from the `counted`/`not_counted` columns of
/// `sentences.csv`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The file the tallies come from.
    pub source: String,
    /// `(role, term)` → (counted, not counted); the role is empty when the
    /// source does not name it.
    pub tallies: HashMap<(String, String), (u64, u64)>,
}

impl Evidence {
    /// The tallies of `term` of `role` (else of `term` under no role).
    pub fn get(&self, role: &str, term: &str) -> Option<(u64, u64)> {
        let key = |r: &str| (r.to_string(), term.to_string());
        self.tallies.get(&key(role)).or_else(|| self.tallies.get(&key(""))).copied()
    }
}

/// Everything a report shows, read from an output folder.
#[derive(Debug, Clone)]
pub struct Outputs {
    /// The folder read.
    pub dir: PathBuf,
    /// Label names (the lexicon's roles, then `both`, `none`), from the
    /// share columns of `summary.csv`.
    pub labels: Vec<String>,
    /// Corpus totals.
    pub summary: Summary,
    /// `groups.csv`, in its order (by field, then value).
    pub groups: Vec<GroupRow>,
    /// `terms.csv`, in its order.
    pub terms: Vec<TermRow>,
    /// For each role (label other than `both`, `none`), the documents with
    /// the most units of it, most first (ties in document order); at most
    /// [`TOP_DOCUMENTS`], documents with none left out.
    pub top_documents: Vec<(String, Vec<DocRow>)>,
    /// Fields kept in `documents.csv` (columns after `film_signals`).
    pub document_fields: Vec<String>,
    /// Documents in `documents.csv` whose film decision (`about_film`) is true.
    pub film_documents: u64,
    /// Sample units: up to [`SAMPLES_PER_LABEL`] per label other than
    /// `none`, each from another document, the first in output order.
    pub samples: Vec<SampleRow>,
    /// Rows of `sentences.csv`.
    pub sentence_rows: u64,
    /// Counted and not counted matches per term, when the folder says.
    pub evidence: Option<Evidence>,
    /// With `people.csv` (`scan --people`): for each role, its
    /// [`TOP_PEOPLE`] most mentioned people, in the file's order.
    pub people: Option<Vec<(String, Vec<PersonRow>)>>,
    /// `run.json`, its keys in sorted order (`serde_json`'s map).
    pub run: serde_json::Map<String, serde_json::Value>,
    /// When `run.json` was written (its modification time).
    pub written: Option<std::time::SystemTime>,
}

impl Outputs {
    /// The lexicon's roles: the labels but `both` and `none`.
    pub fn roles(&self) -> Vec<String> {
        self.labels.iter().filter(|l| *l != "both" && *l != "none").cloned().collect()
    }
}

/// Reads the output folder `dir` of `rolecall scan` or `rolecall merge`.
/// A folder that lacks one of the files of [`NEEDED`] is not such a
/// folder: an error saying so.
pub fn load(dir: &Path) -> Result<Outputs, Error> {
    if !dir.is_dir() {
        return Err(Error::Invalid(format!(
            "{}: no such folder; give the output folder of `rolecall scan` (its -o/--out, default rolecall-out) or of `rolecall merge`",
            dir.display()
        )));
    }
    // A folder of Parquet tables: its sentences table says so.
    let format = match dir.join(OutputFormat::Parquet.file(SENTENCES)).is_file() {
        true => OutputFormat::Parquet,
        false => OutputFormat::Csv,
    };
    let file = |f: &str| dir.join(if f == RUN_JSON { f.to_string() } else { format.file(f) });
    let missing: Vec<String> = NEEDED
        .iter()
        .map(|f| if *f == RUN_JSON { f.to_string() } else { format.file(f) })
        .filter(|f| !dir.join(f).is_file())
        .collect();
    if !missing.is_empty() {
        let found = OUTPUT_FILES.iter().any(|f| dir.join(f).is_file());
        return Err(Error::Invalid(format!(
            "{}: not the output folder of a finished scan or merge (no {}){}; give the folder that `rolecall scan -o` or `rolecall merge --out` wrote",
            dir.display(),
            missing.join(", "),
            if found { ", perhaps of an earlier rolecall version or an unfinished run" } else { "" }
        )));
    }
    let (labels, summary) = read_summary(&file(SUMMARY))?;
    let groups = read_groups(&file(GROUPS), &labels)?;
    let terms = read_terms(&file(TERMS))?;
    let docs = read_documents(&file(DOCUMENTS), &labels)?;
    let (samples, sentence_rows, from_sentences) = read_sentences(&file(SENTENCES), &labels)?;
    let evidence = match file(MATCHES) {
        p if p.is_file() => Some(read_matches(&p)?),
        _ => from_sentences,
    };
    let (run, written) = read_run(&file(RUN_JSON))?;
    let people = match file(crate::output::schema::PEOPLE) {
        p if p.is_file() => Some(read_people(&p, &labels)?),
        _ => None,
    };
    Ok(Outputs {
        people,
        dir: dir.to_path_buf(),
        labels,
        summary,
        groups,
        terms,
        top_documents: docs.top,
        document_fields: docs.fields,
        film_documents: docs.film,
        samples,
        sentence_rows,
        evidence,
        run,
        written,
    })
}

/// A CSV file (or a Parquet table read as CSV) being read, for errors that
/// name it.
struct Table {
    path: PathBuf,
    reader: csv::Reader<Box<dyn std::io::Read>>,
    header: csv::StringRecord,
}

impl Table {
    fn open(path: &Path) -> Result<Table, Error> {
        let f = crate::output::parquet::open_as_csv(path)?;
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(f);
        let header = reader.headers().map_err(|e| Error::csv(path, e))?.clone();
        Ok(Table { path: path.to_path_buf(), reader, header })
    }

    /// Where column `name` is.
    fn col(&self, name: &str) -> Result<usize, Error> {
        self.header.iter().position(|c| c == name).ok_or_else(|| {
            Error::Invalid(format!(
                "{}: line 1: no column {name:?} in the header; not a rolecall output, or one of an earlier version: run the scan again",
                self.path.display()
            ))
        })
    }

    /// Where column `name` is, if there.
    fn col_opt(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|c| c == name)
    }

    /// The next row, or `None` at the end.
    fn next(&mut self, row: &mut csv::StringRecord) -> Result<bool, Error> {
        self.reader.read_record(row).map_err(|e| Error::csv(&self.path, e))
    }

    fn bad(&self, row: &csv::StringRecord, what: String) -> Error {
        if self.path.extension().is_some_and(|e| e == "parquet") {
            let n = row.position().map_or(0, |p| p.record());
            return Error::Invalid(format!(
                "{}: row {n}: {what}; the file is damaged or was edited: run the scan again",
                self.path.display()
            ));
        }
        let line = row.position().map_or(0, |p| line_at(&self.path, p.byte()));
        Error::Invalid(format!(
            "{}: line {line}: {what}; the file is damaged or was edited: run the scan again",
            self.path.display()
        ))
    }

    /// The text of column `i` (named `name`) of `row`.
    fn text<'r>(&self, row: &'r csv::StringRecord, i: usize, name: &str) -> Result<&'r str, Error> {
        row.get(i).ok_or_else(|| self.bad(row, format!("no {name:?} field (the row is short)")))
    }

    /// Column `i` (named `name`) of `row` as a whole number.
    fn count(&self, row: &csv::StringRecord, i: usize, name: &str) -> Result<u64, Error> {
        let t = self.text(row, i, name)?;
        t.parse().map_err(|_| self.bad(row, format!("column {name:?}: {t:?} is not a whole number")))
    }
}

/// The 1-based line of the record that starts at `byte` of the file at
/// `path` (read again up to there: only for an error message). The csv
/// crate's own line lags by one after a CRLF line end: its position of a
/// record can be the LF that ends the line before.
fn line_at(path: &Path, byte: u64) -> u64 {
    use std::io::Read;
    let mut head = Vec::new();
    if File::open(path).and_then(|f| f.take(byte + 1).read_to_end(&mut head)).is_err() {
        return 0;
    }
    let at = (byte as usize).min(head.len());
    let before = memchr::memchr_iter(b'\n', &head[..at]).count() as u64;
    before + 1 + u64::from(head.get(at) == Some(&b'\n'))
}

/// `summary.csv`: the labels (from its share columns) and the totals.
fn read_summary(path: &Path) -> Result<(Vec<String>, Summary), Error> {
    let mut t = Table::open(path)?;
    let labels: Vec<String> =
        t.header.iter().filter_map(|c| c.strip_suffix(SHARE_SUFFIX)).map(String::from).collect();
    if labels.is_empty() {
        return Err(Error::Invalid(format!(
            "{}: line 1: no share columns (LABEL{SHARE_SUFFIX}); not a rolecall summary",
            path.display()
        )));
    }
    let cols: Vec<usize> = SUMMARY_COUNTS.iter().map(|c| t.col(c)).collect::<Result<_, _>>()?;
    let label_cols: Vec<usize> = labels.iter().map(|l| t.col(l)).collect::<Result<_, _>>()?;
    let mut row = csv::StringRecord::new();
    if !t.next(&mut row)? {
        return Err(Error::Invalid(format!(
            "{}: no row of totals; the file is damaged: run the scan again",
            path.display()
        )));
    }
    let n: Vec<u64> =
        cols.iter().zip(SUMMARY_COUNTS).map(|(&i, name)| t.count(&row, i, name)).collect::<Result<_, _>>()?;
    let counts =
        label_cols.iter().zip(&labels).map(|(&i, l)| t.count(&row, i, l)).collect::<Result<_, _>>()?;
    let summary = Summary { documents: n[0], documents_skipped: n[1], bytes: n[2], sentences: n[3], counts };
    Ok((labels, summary))
}

fn read_groups(path: &Path, labels: &[String]) -> Result<Vec<GroupRow>, Error> {
    let mut t = Table::open(path)?;
    let [field, value, documents, sentences] = ["field", "value", "documents", "sentences"].map(|c| t.col(c));
    let (field, value, documents, sentences) = (field?, value?, documents?, sentences?);
    let label_cols: Vec<usize> = labels.iter().map(|l| t.col(l)).collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    let mut row = csv::StringRecord::new();
    while t.next(&mut row)? {
        rows.push(GroupRow {
            field: t.text(&row, field, "field")?.to_string(),
            value: t.text(&row, value, "value")?.to_string(),
            documents: t.count(&row, documents, "documents")?,
            sentences: t.count(&row, sentences, "sentences")?,
            counts: label_cols
                .iter()
                .zip(labels)
                .map(|(&i, l)| t.count(&row, i, l))
                .collect::<Result<_, _>>()?,
        });
    }
    Ok(rows)
}

fn read_terms(path: &Path) -> Result<Vec<TermRow>, Error> {
    let mut t = Table::open(path)?;
    let [role, kind, term, hits, documents] = crate::output::schema::TERMS_HEADER.map(|c| t.col(c));
    let (role, kind, term, hits, documents) = (role?, kind?, term?, hits?, documents?);
    let mut rows = Vec::new();
    let mut row = csv::StringRecord::new();
    while t.next(&mut row)? {
        rows.push(TermRow {
            role: t.text(&row, role, "role")?.to_string(),
            kind: t.text(&row, kind, "kind")?.to_string(),
            term: t.text(&row, term, "term")?.to_string(),
            hits: t.count(&row, hits, "hits")?,
            documents: t.count(&row, documents, "documents")?,
        });
    }
    Ok(rows)
}

/// `people.csv`: the first [`TOP_PEOPLE`] rows of each role (the file is
/// sorted by mentions), roles in label order.
fn read_people(path: &Path, labels: &[String]) -> Result<Vec<(String, Vec<PersonRow>)>, Error> {
    let mut t = Table::open(path)?;
    let [name, role, mentions, documents] = crate::output::schema::PEOPLE_HEADER.map(|c| t.col(c));
    let (name, role, mentions, documents) = (name?, role?, mentions?, documents?);
    let mut per: Vec<(String, Vec<PersonRow>)> =
        labels.iter().filter(|l| *l != "both" && *l != "none").map(|l| (l.clone(), Vec::new())).collect();
    let mut row = csv::StringRecord::new();
    while t.next(&mut row)? {
        let r = t.text(&row, role, "role")?;
        let Some((_, list)) = per.iter_mut().find(|(l, _)| l == r) else { continue };
        if list.len() < TOP_PEOPLE {
            list.push(PersonRow {
                name: t.text(&row, name, "name")?.to_string(),
                mentions: t.count(&row, mentions, "mentions")?,
                documents: t.count(&row, documents, "documents")?,
            });
        }
    }
    Ok(per)
}

/// What the report takes from `documents.csv`.
struct Documents {
    top: Vec<(String, Vec<DocRow>)>,
    fields: Vec<String>,
    film: u64,
}

/// `documents.csv`, read as a stream: only the top documents per role are kept.
fn read_documents(path: &Path, labels: &[String]) -> Result<Documents, Error> {
    let mut t = Table::open(path)?;
    let doc = t.col("doc")?;
    let sentences = t.col("sentences")?;
    let label_cols: Vec<usize> = labels.iter().map(|l| t.col(l)).collect::<Result<_, _>>()?;
    let about = t.col_opt("about_film");
    let fields = match t.col_opt("film_signals") {
        Some(i) => t.header.iter().skip(i + 1).map(String::from).collect(),
        None => Vec::new(),
    };
    let roles: Vec<usize> =
        (0..labels.len()).filter(|&i| labels[i] != "both" && labels[i] != "none").collect();
    let mut top: Vec<Vec<DocRow>> = vec![Vec::new(); roles.len()];
    let mut film = 0;
    let mut row = csv::StringRecord::new();
    while t.next(&mut row)? {
        let counts: Vec<u64> =
            label_cols.iter().zip(labels).map(|(&i, l)| t.count(&row, i, l)).collect::<Result<_, _>>()?;
        if let Some(i) = about {
            film += u64::from(t.text(&row, i, "about_film")? == "true");
        }
        for (list, &r) in top.iter_mut().zip(&roles) {
            let k = counts[r];
            // Kept: more units than the last kept (ties keep the earlier).
            if k == 0 || (list.len() == TOP_DOCUMENTS && list.last().is_some_and(|d| d.counts[r] >= k)) {
                continue;
            }
            let at = list.partition_point(|d| d.counts[r] >= k);
            let d = DocRow {
                doc: t.text(&row, doc, "doc")?.to_string(),
                sentences: t.count(&row, sentences, "sentences")?,
                counts: counts.clone(),
            };
            list.insert(at, d);
            list.truncate(TOP_DOCUMENTS);
        }
    }
    let top = roles.iter().zip(top).map(|(&r, list)| (labels[r].clone(), list)).collect();
    Ok(Documents { top, fields, film })
}

/// Splits a `;`-separated list of terms (empty: none).
fn split_terms(s: &str) -> Vec<String> {
    s.split(';').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect()
}

/// The term of a `counted`/`not_counted` item: the text before a `:reason`.
fn term_of(item: &str) -> &str {
    item.split_once(':').map_or(item, |(t, _)| t).trim()
}

/// `sentences.csv`, read as a stream: the samples, the row count, and the
/// counted/not counted tallies when it has those columns.
fn read_sentences(path: &Path, labels: &[String]) -> Result<(Vec<SampleRow>, u64, Option<Evidence>), Error> {
    let mut t = Table::open(path)?;
    // Spans in bytes (`start`, `end`) or, with `scan --offsets chars`, code points.
    let chars = t.col_opt("start_char").is_some();
    let (start, end) = if chars { ("start_char", "end_char") } else { ("start", "end") };
    let [doc, sentence, start, end, label, terms, text] =
        ["doc", "sentence", start, end, "label", "terms", "text"].map(|c| t.col(c));
    let (doc, sentence, start, end, label, terms, text) =
        (doc?, sentence?, start?, end?, label?, terms?, text?);
    // `statuses`: one status per term of `terms` (`counted`, `excluded`,
    // `needs:SET`, `discounted:SET`, `repeated`).
    let statuses = t.col_opt("statuses");
    let counted = t.col_opt("counted");
    let not_counted = t.col_opt("not_counted").or_else(|| t.col_opt("discounted"));
    let mut evidence = statuses
        .or(counted)
        .or(not_counted)
        .map(|_| Evidence { source: SENTENCES.into(), ..Default::default() });
    let wanted: Vec<&String> = labels.iter().filter(|l| *l != "none").collect();
    let mut kept: HashMap<&str, Vec<String>> = HashMap::new();
    let mut samples = Vec::new();
    let mut n = 0u64;
    let mut row = csv::StringRecord::new();
    while t.next(&mut row)? {
        n += 1;
        let list = |i: Option<usize>, name: &str| -> Result<Option<Vec<String>>, Error> {
            i.map(|i| t.text(&row, i, name).map(split_terms)).transpose()
        };
        let (c, nc) = match statuses {
            Some(i) => {
                let names = split_terms(t.text(&row, terms, "terms")?);
                let said = split_terms(t.text(&row, i, "statuses")?);
                let (mut c, mut nc) = (Vec::new(), Vec::new());
                for (term, status) in names.into_iter().zip(said) {
                    if status == "counted" {
                        c.push(term);
                    } else {
                        nc.push(format!("{term}:{status}"));
                    }
                }
                (Some(c), Some(nc))
            }
            None => (list(counted, "counted")?, list(not_counted, "not_counted")?),
        };
        if let Some(ev) = evidence.as_mut() {
            for item in c.iter().flatten() {
                ev.tallies.entry((String::new(), term_of(item).to_string())).or_default().0 += 1;
            }
            for item in nc.iter().flatten() {
                ev.tallies.entry((String::new(), term_of(item).to_string())).or_default().1 += 1;
            }
        }
        let l = t.text(&row, label, "label")?;
        let Some(&name) = wanted.iter().find(|w| w.as_str() == l) else { continue };
        let d = t.text(&row, doc, "doc")?;
        let docs = kept.entry(name.as_str()).or_default();
        if docs.len() >= SAMPLES_PER_LABEL || docs.iter().any(|k| k == d) {
            continue;
        }
        docs.push(d.to_string());
        samples.push(SampleRow {
            doc: d.to_string(),
            sentence: t.count(&row, sentence, "sentence")?,
            start: t.count(&row, start, "start")?,
            end: t.count(&row, end, "end")?,
            label: l.to_string(),
            text: t.text(&row, text, "text")?.to_string(),
            terms: split_terms(t.text(&row, terms, "terms")?),
            counted: c,
            not_counted: nc,
        });
    }
    // Grouped by label (in label order), each in output order.
    samples.sort_by_key(|s| labels.iter().position(|l| *l == s.label));
    Ok((samples, n, evidence))
}

/// `matches.csv`: counted and not counted matches per (role, term).
fn read_matches(path: &Path) -> Result<Evidence, Error> {
    let mut t = Table::open(path)?;
    let term = t.col("term")?;
    let status = t.col("status")?;
    let role = t.col_opt("role");
    let source = path.file_name().map_or(MATCHES.into(), |n| n.to_string_lossy().into_owned());
    let mut ev = Evidence { source, ..Default::default() };
    let mut row = csv::StringRecord::new();
    while t.next(&mut row)? {
        let r = match role {
            Some(i) => t.text(&row, i, "role")?.to_string(),
            None => String::new(),
        };
        let e = ev.tallies.entry((r, t.text(&row, term, "term")?.to_string())).or_default();
        match t.text(&row, status, "status")? {
            "counted" => e.0 += 1,
            _ => e.1 += 1,
        }
    }
    Ok(ev)
}

type RunJson = (serde_json::Map<String, serde_json::Value>, Option<std::time::SystemTime>);

fn read_run(path: &Path) -> Result<RunJson, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let written = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(serde_json::Value::Object(map)) => Ok((map, written)),
        Ok(_) => Err(Error::Invalid(format!(
            "{}: not a JSON object; the file is damaged: run the scan again",
            path.display()
        ))),
        Err(e) => Err(Error::Invalid(format!(
            "{}: line {}: invalid JSON ({e}); the file is damaged: run the scan again",
            path.display(),
            e.line()
        ))),
    }
}
