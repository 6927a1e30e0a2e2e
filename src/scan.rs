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
use crate::read::{self, Document, Entry, Input, Problem};
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

/// Upper bounds for one batch of in-memory documents.
const BATCH_BYTES: u64 = 8 << 20;
const BATCH_DOCS: usize = 1024;
/// Files of this size or more are read and tagged block by block.
const STREAM_BYTES: u64 = 2 << 20;

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

/// The three files written as documents finish, and the running totals.
struct Sink<'a> {
    sentences: AtomicFile,
    documents: AtomicFile,
    errors: AtomicFile,
    totals: Totals,
    progress: &'a Progress,
}

impl Sink<'_> {
    fn problem(&mut self, p: &Problem) -> Result<(), Error> {
        if p.skipped {
            self.totals.skipped += 1;
        } else {
            self.totals.repaired += 1;
        }
        self.errors.write_all(&write::csv_bytes(|w| write::error_row(w, p)))
    }

    fn document(&mut self, s: &DocSummary) -> Result<(), Error> {
        self.totals.add(s);
        self.documents.write_all(&write::csv_bytes(|w| write::document_row(w, s)))
    }
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
    let mut sink = Sink { sentences, documents, errors, totals: Totals::new(lexicon), progress: &progress };

    pool.install(|| -> Result<(), Error> {
        let mut rest = &entries[..];
        while !rest.is_empty() {
            if let Some(Entry::Input(input)) = rest.first().filter(|e| streamed(e)) {
                scan_streamed(input, &tagger, opts.sentences, threads, &mut sink)?;
                rest = &rest[1..];
                continue;
            }
            let n = batch_len(rest);
            let (batch, tail) = rest.split_at(n);
            rest = tail;
            let outcomes: Vec<Outcome> = batch
                .par_iter()
                .map_init(Worker::default, |w, e| process(e, &tagger, opts.sentences, w))
                .collect();
            for o in outcomes {
                if let Some(p) = &o.problem {
                    sink.problem(p)?;
                }
                if let Some(s) = &o.summary {
                    sink.document(s)?;
                    sink.sentences.write_all(&o.rows)?;
                }
                progress.advance(o.bytes, sink.totals.documents);
            }
        }
        Ok(())
    })?;
    progress.finish();
    let Sink { sentences, documents, errors, totals, .. } = sink;

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

/// Decodes and tags a group of blocks in parallel.
fn tag_group(group: Vec<(u64, Vec<u8>)>, input: &Input, tagger: &Tagger) -> Vec<(u64, Document, TaggedDoc)> {
    group
        .into_par_iter()
        .map_init(tag::Scratch::default, |sc, (at, bytes)| {
            let doc = read::decode_text(&input.id, bytes);
            let mut t = TaggedDoc::default();
            tagger.tag_block(&doc.text, sc, &mut t);
            (at, doc, t)
        })
        .collect()
}

/// True for an input read block by block: a large regular file.
fn streamed(e: &Entry) -> bool {
    matches!(e, Entry::Input(Input { source: read::Source::File(_), size, .. }) if *size >= STREAM_BYTES)
}

/// How many leading entries make the next in-memory batch.
fn batch_len(entries: &[Entry]) -> usize {
    let mut bytes = 0;
    for (i, e) in entries.iter().enumerate() {
        if i >= BATCH_DOCS || (i > 0 && bytes >= BATCH_BYTES) || streamed(e) {
            return i.max(1);
        }
        if let Entry::Input(inp) = e {
            bytes += inp.size;
        }
    }
    entries.len()
}

/// Tags one large file block by block, a few blocks at a time in parallel,
/// writing rows as blocks finish: memory holds a few blocks, not the file.
fn scan_streamed(
    input: &Input,
    tagger: &Tagger,
    which: SentenceRows,
    threads: usize,
    sink: &mut Sink<'_>,
) -> Result<(), Error> {
    let read::Source::File(path) = &input.source else { unreachable!("only files are streamed") };
    let lexicon = tagger.lexicon();
    let cannot_read = |e: std::io::Error| Problem {
        path: input.id.clone(),
        message: format!("cannot read: {}, skipped", read::io_message(&e)),
        skipped: true,
    };
    // A binary file is skipped whole, so look for a NUL byte before tagging.
    let file = match read::find_nul(path) {
        Ok(None) => std::fs::File::open(path),
        Ok(Some(at)) => {
            sink.progress.advance(input.size, sink.totals.documents);
            return sink.problem(&Problem {
                path: input.id.clone(),
                message: format!("binary file (NUL byte at offset {at}), skipped"),
                skipped: true,
            });
        }
        Err(e) => Err(e),
    };
    let file = match file {
        Ok(f) => f,
        Err(e) => {
            sink.progress.advance(input.size, sink.totals.documents);
            return sink.problem(&cannot_read(e));
        }
    };
    let mut blocks = read::BlockReader::new(file, tagger.block_bytes());
    let mut summary = DocSummary::new(&input.id, 0, &TaggedDoc::default(), lexicon);
    let (mut units, mut bad, mut first_bad) = (0usize, 0u64, None);
    let mut failed = None;
    let group_len = 2 * threads;
    let mut read_group = |failed: &mut Option<std::io::Error>| {
        let mut group = Vec::with_capacity(group_len);
        while failed.is_none() && group.len() < group_len {
            match blocks.next_block() {
                Ok(Some(b)) => group.push(b),
                Ok(None) => break,
                Err(e) => *failed = Some(e),
            }
        }
        group
    };
    let mut group = read_group(&mut failed);
    while !group.is_empty() {
        // Read the next group while this one is tagged.
        let (next, tagged) = rayon::join(
            || {
                let mut f = None;
                let g = if failed.is_none() { read_group(&mut f) } else { Vec::new() };
                (g, f)
            },
            || tag_group(std::mem::take(&mut group), input, tagger),
        );
        let mut bases = Vec::with_capacity(tagged.len());
        for (at, doc, t) in &tagged {
            bases.push(units);
            units += t.units.len();
            if doc.bad_bytes > 0 {
                bad += doc.bad_bytes;
                first_bad.get_or_insert(at + doc.first_bad);
            }
            summary.absorb(&DocSummary::new(&input.id, doc.bytes, t, lexicon));
        }
        let rows: Vec<Vec<u8>> = tagged
            .par_iter()
            .zip(bases)
            .map(|((at, doc, t), base)| {
                write::csv_bytes(|w| write::sentence_rows(w, doc, t, lexicon, which, base, *at))
            })
            .collect();
        let done: u64 = tagged.iter().map(|(_, d, _)| d.bytes).sum();
        for r in rows {
            sink.sentences.write_all(&r)?;
        }
        sink.progress.advance(done, sink.totals.documents);
        let (g, f) = next;
        group = g;
        if f.is_some() {
            failed = f;
        }
    }
    if let Some(e) = failed {
        sink.problem(&Problem {
            path: input.id.clone(),
            message: format!(
                "read failed after {} bytes: {}; the rows before it are kept",
                summary.bytes,
                read::io_message(&e)
            ),
            skipped: true,
        })?;
    } else if let Some(first) = first_bad {
        sink.problem(&read::repair_problem(&input.id, bad, first))?;
    }
    sink.document(&summary)
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
    tagger.tag(&doc.text, &mut w.scratch, &mut w.tagged);
    let rows = write::csv_bytes(|wr| write::sentence_rows(wr, &doc, &w.tagged, lexicon, which, 0, 0));
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
