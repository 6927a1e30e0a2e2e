//! The `scan` command: inputs in, tagged CSV out, in parallel and in order.
//!
//! Inputs are processed in batches: the documents of a batch are read and
//! tagged in parallel on a rayon pool, each worker rendering its document's
//! CSV rows; the main thread then writes the batch's rows in input order.
//! Output is therefore the same bytes whatever the thread count, and memory
//! holds one batch, not the corpus.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::error::Error;
use crate::read::{self, Entry, Input, Problem};
use crate::summary::{DocSummary, Totals};
use crate::tag::{self, TaggedDoc, Tagger};
use crate::write::{self, AtomicFile, OUTPUT_FILES, PARTIAL_SUFFIX, RunInfo, SentenceRows};
use crate::{Lexicon, progress::Progress, segment::UnitMode};

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Files, folders, or `-` for standard input.
    pub paths: Vec<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    /// The lexicon to tag with.
    pub lexicon: Lexicon,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// How documents are cut into units.
    pub unit: UnitMode,
    /// Which units go to `sentences.csv`.
    pub sentences: SentenceRows,
    /// Replace an earlier run's outputs.
    pub force: bool,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

impl ScanOptions {
    /// Options with the defaults of the command line.
    pub fn new(paths: Vec<PathBuf>, out: PathBuf, lexicon: Lexicon) -> ScanOptions {
        ScanOptions {
            paths,
            out,
            lexicon,
            threads: 0,
            unit: UnitMode::Sentence,
            sentences: SentenceRows::Tagged,
            force: false,
            progress: false,
        }
    }
}

/// What a finished scan reports.
#[derive(Debug, Clone)]
pub struct ScanReport {
    /// Corpus totals.
    pub totals: Totals,
    /// Label names in the order of `totals.labels`.
    pub label_names: Vec<String>,
    /// Figures written to run.json.
    pub run: RunInfo,
}

impl ScanReport {
    /// The process exit code: 1 when inputs were skipped, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.totals.skipped > 0 { 1 } else { 0 }
    }

    /// A one-line summary for stderr.
    pub fn one_line(&self) -> String {
        let t = &self.totals;
        let labels: Vec<String> =
            self.label_names.iter().zip(&t.labels).map(|(n, c)| format!("{n} {c}")).collect();
        let mut s = format!(
            "rolecall: {} documents, {} sentences ({}), {:.1} MB/s",
            t.documents,
            t.units,
            labels.join(", "),
            self.run.mb_per_second
        );
        if t.skipped > 0 {
            s.push_str(&format!("; {} skipped (see errors.csv)", t.skipped));
        }
        if t.repaired > 0 {
            s.push_str(&format!("; {} repaired", t.repaired));
        }
        s
    }
}

/// Upper bounds for one batch of documents.
const BATCH_BYTES: u64 = 32 << 20;
const BATCH_DOCS: usize = 1024;
/// Documents of twice this size or more are cut into pieces tagged in parallel.
const PIECE_BYTES: usize = 1 << 20;

/// One document's result, computed by a worker.
struct Outcome {
    problem: Option<Problem>,
    summary: Option<DocSummary>,
    rows: Vec<u8>,
    bytes: u64,
}

#[derive(Default)]
struct Worker {
    scratch: tag::Scratch,
    tagged: TaggedDoc,
}

/// Runs a scan; see the module docs.
pub fn scan(opts: &ScanOptions) -> Result<ScanReport, Error> {
    let started = Instant::now();
    let entries = read::discover(&opts.paths)?;
    prepare_out_dir(&opts.out, opts.force)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start worker threads: {e}")))?;
    let threads = pool.current_num_threads();
    let tagger = Tagger::new(opts.lexicon.clone(), opts.unit);
    let lexicon = tagger.lexicon();

    let mut sentences = AtomicFile::create(&opts.out, "sentences.csv")?;
    let mut documents = AtomicFile::create(&opts.out, "documents.csv")?;
    let mut errors = AtomicFile::create(&opts.out, "errors.csv")?;
    sentences.write_all(&write::csv_bytes(|w| w.write_record(write::sentences_header(lexicon))))?;
    documents.write_all(&write::csv_bytes(|w| w.write_record(write::documents_header(lexicon))))?;
    errors.write_all(&write::csv_bytes(|w| w.write_record(write::ERRORS_HEADER)))?;

    let total_bytes: u64 = entries.iter().map(|e| if let Entry::Input(i) = e { i.size } else { 0 }).sum();
    let progress = Progress::new(total_bytes, opts.progress);
    let mut totals = Totals::new(lexicon);

    pool.install(|| -> Result<(), Error> {
        let mut rest = &entries[..];
        while !rest.is_empty() {
            let n = batch_len(rest);
            let (batch, tail) = rest.split_at(n);
            rest = tail;
            let outcomes: Vec<Outcome> = batch
                .par_iter()
                .map_init(Worker::default, |w, e| process(e, &tagger, opts.sentences, w))
                .collect();
            for o in outcomes {
                if let Some(p) = &o.problem {
                    if p.skipped {
                        totals.skipped += 1;
                    } else {
                        totals.repaired += 1;
                    }
                    errors.write_all(&write::csv_bytes(|w| write::error_row(w, p)))?;
                }
                if let Some(s) = &o.summary {
                    totals.add(s);
                    documents.write_all(&write::csv_bytes(|w| write::document_row(w, s)))?;
                    sentences.write_all(&o.rows)?;
                }
                progress.advance(o.bytes, totals.documents);
            }
        }
        Ok(())
    })?;
    progress.finish();

    let terms = write::write_terms(&opts.out, lexicon, &totals)?;
    let summary = write::write_summary(&opts.out, lexicon, &totals)?;
    for f in [sentences, documents, errors, terms, summary] {
        f.commit()?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let run = RunInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        threads,
        inputs: entries.len() as u64,
        documents: totals.documents,
        documents_skipped: totals.skipped,
        documents_repaired: totals.repaired,
        bytes: totals.bytes,
        sentences: totals.units,
        elapsed_seconds: elapsed,
        mb_per_second: if elapsed > 0.0 { totals.bytes as f64 / 1e6 / elapsed } else { 0.0 },
        peak_rss_bytes: write::peak_rss_bytes(),
    };
    write::write_run_json(&opts.out, &run)?.commit()?;
    Ok(ScanReport { label_names: tag::label_names(lexicon), totals, run })
}

/// How many leading entries make the next batch.
fn batch_len(entries: &[Entry]) -> usize {
    let mut bytes = 0;
    for (i, e) in entries.iter().enumerate() {
        if i >= BATCH_DOCS || (i > 0 && bytes >= BATCH_BYTES) {
            return i;
        }
        if let Entry::Input(inp) = e {
            bytes += inp.size;
        }
    }
    entries.len()
}

/// Reads, tags and renders one entry.
fn process(entry: &Entry, tagger: &Tagger, which: SentenceRows, w: &mut Worker) -> Outcome {
    let input: &Input = match entry {
        Entry::Problem(p) => {
            return Outcome { problem: Some(p.clone()), summary: None, rows: Vec::new(), bytes: 0 };
        }
        Entry::Input(i) => i,
    };
    let doc = match read::load(input) {
        Ok(d) => d,
        Err(p) => return Outcome { problem: Some(p), summary: None, rows: Vec::new(), bytes: input.size },
    };
    let lexicon = tagger.lexicon();
    if doc.text.len() >= 2 * PIECE_BYTES {
        tagger.tag_parallel(&doc.text, PIECE_BYTES, &mut w.scratch, &mut w.tagged);
    } else {
        tagger.tag(&doc.text, &mut w.scratch, &mut w.tagged);
    }
    let rows = write::csv_bytes(|wr| write::sentence_rows(wr, &doc, &w.tagged, lexicon, which));
    let summary = DocSummary::new(&doc.id, doc.bytes, &w.tagged, lexicon);
    Outcome { problem: doc.repaired.clone(), summary: Some(summary), rows, bytes: input.size.max(doc.bytes) }
}

/// Creates the output folder; refuses (or, with `force`, removes) an earlier
/// run's outputs and any leftover partial files.
fn prepare_out_dir(dir: &Path, force: bool) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let existing: Vec<&str> = OUTPUT_FILES.iter().copied().filter(|f| dir.join(f).exists()).collect();
    if !existing.is_empty() && !force {
        return Err(Error::OutputExists { dir: dir.to_path_buf(), files: existing.join(", ") });
    }
    for f in OUTPUT_FILES {
        for name in [f.to_string(), format!("{f}{PARTIAL_SUFFIX}")] {
            let p = dir.join(&name);
            if p.exists() {
                std::fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
            }
        }
    }
    Ok(())
}
