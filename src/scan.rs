//! The `scan` command: inputs in, tagged CSV out, in parallel and in order.
//!
//! The main thread walks the inputs in order and hands out tasks to a rayon
//! pool: a whole document for a small file (read by the worker), one block
//! for a large file (read by the main thread in blocks cut at blank lines,
//! see [`crate::read::BlockReader`]). Workers tag and render CSV rows; the
//! main thread writes results in input order, holding early ones back.
//! At most a few tasks per thread are in flight, so memory holds a few
//! documents or blocks, not the corpus, and the output is the same bytes
//! whatever the thread count.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Instant;

use crate::error::Error;
use crate::read::{self, Entry, Input, Problem};
use crate::summary::{DocSummary, Totals};
use crate::tag::{self, TaggedDoc, Tagger};
use crate::write::{self, AtomicFile, OUTPUT_FILES, PARTIAL_SUFFIX, RowBlock, RunInfo, SentenceRows};
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

/// Tasks in flight at most, per worker thread: this bounds memory.
const IN_FLIGHT_PER_THREAD: usize = 4;
/// Files of this size or more are read and tagged block by block.
const STREAM_BYTES: u64 = 2 << 20;

/// Small documents handed to one task together (count and bytes).
const TASK_DOCS: usize = 64;
const TASK_BYTES: u64 = 1 << 20;

/// What a worker sends back; the writer takes these in input order.
enum Done {
    /// Whole documents, in order.
    Docs(Vec<Done>),
    /// A whole document, or an input that could not be read.
    Doc { problem: Option<Problem>, summary: Option<DocSummary>, rows: RowBlock, bytes: u64 },
    /// One block of a streamed document.
    Block { rows: RowBlock, summary: DocSummary, units: usize, bad: u64, first_bad: Option<u64> },
    /// The end of a streamed document (or what stopped it).
    DocEnd { id: String, problem: Option<Problem> },
}

/// A streamed document's figures so far.
struct Stream {
    summary: DocSummary,
    units: usize,
    bad: u64,
    first_bad: Option<u64>,
}

/// Writes results in input order as they arrive, holding the early ones.
struct Writer<'a> {
    sentences: AtomicFile,
    documents: AtomicFile,
    errors: AtomicFile,
    totals: Totals,
    progress: &'a Progress,
    next: u64,
    pending: BTreeMap<u64, Done>,
    stream: Option<Stream>,
    buf: Vec<u8>,
}

impl Writer<'_> {
    /// Takes result `seq` and writes every result that is now next in order.
    fn accept(&mut self, seq: u64, done: Done) -> Result<(), Error> {
        self.pending.insert(seq, done);
        while let Some(done) = self.pending.remove(&self.next) {
            self.next += 1;
            self.write(done)?;
        }
        Ok(())
    }

    fn write(&mut self, done: Done) -> Result<(), Error> {
        match done {
            Done::Docs(docs) => {
                for d in docs {
                    self.write(d)?;
                }
            }
            Done::Doc { problem, summary, rows, bytes } => {
                if let Some(p) = &problem {
                    self.problem(p)?;
                }
                if let Some(s) = &summary {
                    self.document(s)?;
                    self.rows(&rows, 0)?;
                }
                self.progress.advance(bytes, self.totals.documents);
            }
            Done::Block { rows, summary, units, bad, first_bad } => {
                let st = self.stream.get_or_insert_with(|| Stream {
                    summary: DocSummary::empty(&summary.id, summary.labels.len()),
                    units: 0,
                    bad: 0,
                    first_bad: None,
                });
                let base = st.units;
                st.units += units;
                st.bad += bad;
                if st.first_bad.is_none() {
                    st.first_bad = first_bad;
                }
                st.summary.absorb(&summary);
                self.rows(&rows, base)?;
                self.progress.advance(summary.bytes, self.totals.documents);
            }
            Done::DocEnd { id, problem } => {
                let stream = self.stream.take();
                if let Some(p) = &problem {
                    self.problem(p)?;
                } else if let Some(first) = stream.as_ref().and_then(|s| s.first_bad) {
                    let bad = stream.as_ref().map_or(0, |s| s.bad);
                    self.problem(&read::repair_problem(&id, bad, first))?;
                }
                if let Some(st) = stream {
                    self.document(&st.summary)?;
                }
            }
        }
        Ok(())
    }

    fn rows(&mut self, rows: &RowBlock, first_unit: usize) -> Result<(), Error> {
        self.buf.clear();
        rows.render(first_unit, &mut self.buf);
        self.sentences.write_all(&self.buf)
    }

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

thread_local! {
    static SCRATCH: RefCell<(tag::Scratch, TaggedDoc)> = RefCell::new(Default::default());
}

/// Reads, tags and renders one whole document (on a worker).
fn tag_document(input: &Input, tagger: &Tagger, which: SentenceRows) -> Done {
    let doc = match read::load(input) {
        Ok(d) => d,
        Err(p) => {
            return Done::Doc {
                problem: Some(p),
                summary: None,
                rows: RowBlock::default(),
                bytes: input.size,
            };
        }
    };
    SCRATCH.with_borrow_mut(|(scratch, tagged)| {
        tagger.tag(&doc.text, scratch, tagged);
        let lexicon = tagger.lexicon();
        let rows = RowBlock::new(&doc, tagged, lexicon, which, 0);
        let summary = DocSummary::new(&doc.id, doc.bytes, tagged, lexicon);
        Done::Doc {
            problem: doc.repaired.clone(),
            summary: Some(summary),
            rows,
            bytes: input.size.max(doc.bytes),
        }
    })
}

/// Decodes, tags and renders one block of a streamed document (on a worker).
fn tag_block(id: &str, at: u64, bytes: Vec<u8>, tagger: &Tagger, which: SentenceRows) -> Done {
    let doc = read::decode_text(id, bytes);
    SCRATCH.with_borrow_mut(|(scratch, tagged)| {
        tagger.tag_block(&doc.text, scratch, tagged);
        let lexicon = tagger.lexicon();
        Done::Block {
            rows: RowBlock::new(&doc, tagged, lexicon, which, at),
            summary: DocSummary::new(id, doc.bytes, tagged, lexicon),
            units: tagged.units.len(),
            bad: doc.bad_bytes,
            first_bad: (doc.bad_bytes > 0).then_some(at + doc.first_bad),
        }
    })
}

/// True for an input read block by block: a large regular file.
fn streamed(input: &Input) -> bool {
    matches!(input.source, read::Source::File(_)) && input.size >= STREAM_BYTES
}

/// Hands tasks to the pool in input order, keeping a bounded number in
/// flight, and feeds their results to the writer.
struct Dispatch<'a, 'w> {
    pool: &'a rayon::ThreadPool,
    tx: mpsc::Sender<(u64, Done)>,
    rx: mpsc::Receiver<(u64, Done)>,
    seq: u64,
    in_flight: usize,
    limit: usize,
    writer: &'a mut Writer<'w>,
}

impl Dispatch<'_, '_> {
    /// Runs `task` on the pool as the next result in order.
    fn spawn(&mut self, task: impl FnOnce() -> Done + Send + 'static) -> Result<(), Error> {
        while self.in_flight >= self.limit {
            self.receive()?;
        }
        let (tx, seq) = (self.tx.clone(), self.seq);
        self.pool.spawn(move || {
            // The receiver is gone only when the writer failed; nothing to do then.
            let _ = tx.send((seq, task()));
        });
        self.seq += 1;
        self.in_flight += 1;
        Ok(())
    }

    /// Tags `inputs`, small documents, in one task.
    fn documents(
        &mut self,
        inputs: Vec<Input>,
        tagger: &Arc<Tagger>,
        which: SentenceRows,
    ) -> Result<(), Error> {
        if inputs.is_empty() {
            return Ok(());
        }
        let tagger = Arc::clone(tagger);
        self.spawn(move || Done::Docs(inputs.iter().map(|i| tag_document(i, &tagger, which)).collect()))
    }

    /// A result that needs no task, as the next in order.
    fn ready(&mut self, done: Done) -> Result<(), Error> {
        let seq = self.seq;
        self.seq += 1;
        self.writer.accept(seq, done)
    }

    fn receive(&mut self) -> Result<(), Error> {
        let (seq, done) = self.rx.recv().expect("a worker holds a sender while tasks are in flight");
        self.in_flight -= 1;
        self.writer.accept(seq, done)
    }

    fn finish(&mut self) -> Result<(), Error> {
        while self.in_flight > 0 {
            self.receive()?;
        }
        Ok(())
    }

    /// Streams one large file: a binary check, then its blocks as tasks.
    fn stream(&mut self, input: &Input, tagger: &Arc<Tagger>, which: SentenceRows) -> Result<(), Error> {
        let read::Source::File(path) = &input.source else { unreachable!("only files are streamed") };
        let skipped = |message: String| Some(Problem { path: input.id.clone(), message, skipped: true });
        let file = match read::find_nul(path) {
            Ok(None) => std::fs::File::open(path),
            Ok(Some(at)) => {
                let problem = skipped(format!("binary file (NUL byte at offset {at}), skipped"));
                self.writer.progress.advance(input.size, self.writer.totals.documents);
                return self.ready(Done::DocEnd { id: input.id.clone(), problem });
            }
            Err(e) => Err(e),
        };
        let file = match file {
            Ok(f) => f,
            Err(e) => {
                let problem = skipped(format!("cannot read: {}, skipped", read::io_message(&e)));
                self.writer.progress.advance(input.size, self.writer.totals.documents);
                return self.ready(Done::DocEnd { id: input.id.clone(), problem });
            }
        };
        let mut blocks = read::BlockReader::new(file, tagger.block_bytes());
        let mut read_bytes = 0u64;
        let problem = loop {
            match blocks.next_block() {
                Ok(Some((at, bytes))) => {
                    read_bytes += bytes.len() as u64;
                    let (tagger, id) = (Arc::clone(tagger), input.id.clone());
                    self.spawn(move || tag_block(&id, at, bytes, &tagger, which))?;
                }
                Ok(None) => break None,
                Err(e) => {
                    break skipped(format!(
                        "read failed after {read_bytes} bytes: {}; the rows before it are kept",
                        read::io_message(&e)
                    ));
                }
            }
        };
        self.ready(Done::DocEnd { id: input.id.clone(), problem })
    }
}

/// Runs a scan; see the module docs.
pub fn scan(opts: &ScanOptions) -> Result<ScanReport, Error> {
    let started = Instant::now();
    let mut entries = read::discover(&opts.paths)?;
    prepare_out_dir(&opts.out, opts.force)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start worker threads: {e}")))?;
    let threads = pool.current_num_threads();
    let tagger = Arc::new(Tagger::new(opts.lexicon.clone(), opts.unit));
    let lexicon = tagger.lexicon();

    let mut sentences = AtomicFile::create(&opts.out, "sentences.csv")?;
    let mut documents = AtomicFile::create(&opts.out, "documents.csv")?;
    let mut errors = AtomicFile::create(&opts.out, "errors.csv")?;
    sentences.write_all(&write::csv_bytes(|w| w.write_record(write::sentences_header(lexicon))))?;
    documents.write_all(&write::csv_bytes(|w| w.write_record(write::documents_header(lexicon))))?;
    errors.write_all(&write::csv_bytes(|w| w.write_record(write::ERRORS_HEADER)))?;

    // The bar's total costs a second walk of the folders: only when it shows.
    let total_bytes: u64 = if opts.progress {
        read::discover(&opts.paths)?.map(|e| if let Entry::Input(i) = e { i.size } else { 0 }).sum()
    } else {
        0
    };
    let mut inputs = 0u64;
    let progress = Progress::new(total_bytes, opts.progress);
    let mut writer = Writer {
        sentences,
        documents,
        errors,
        totals: Totals::new(lexicon),
        progress: &progress,
        next: 0,
        pending: BTreeMap::new(),
        stream: None,
        buf: Vec::new(),
    };
    {
        let (tx, rx) = mpsc::channel();
        let mut dispatch = Dispatch {
            pool: &pool,
            tx,
            rx,
            seq: 0,
            in_flight: 0,
            limit: IN_FLIGHT_PER_THREAD * threads,
            writer: &mut writer,
        };
        let mut chunk: Vec<Input> = Vec::new();
        let mut chunk_bytes = 0;
        for entry in &mut entries {
            inputs += 1;
            let small = matches!(&entry, Entry::Input(input) if !streamed(input));
            if !small || chunk.len() >= TASK_DOCS || chunk_bytes >= TASK_BYTES {
                dispatch.documents(std::mem::take(&mut chunk), &tagger, opts.sentences)?;
                chunk_bytes = 0;
            }
            match entry {
                Entry::Problem(p) => dispatch.ready(Done::Doc {
                    problem: Some(p),
                    summary: None,
                    rows: RowBlock::default(),
                    bytes: 0,
                })?,
                Entry::Input(input) if streamed(&input) => {
                    dispatch.stream(&input, &tagger, opts.sentences)?
                }
                Entry::Input(input) => {
                    chunk_bytes += input.size;
                    chunk.push(input);
                }
            }
        }
        dispatch.documents(chunk, &tagger, opts.sentences)?;
        dispatch.finish()?;
    }
    progress.finish();
    let Writer { sentences, documents, errors, totals, .. } = writer;

    let terms = write::write_terms(&opts.out, lexicon, &totals)?;
    let summary = write::write_summary(&opts.out, lexicon, &totals)?;
    for f in [sentences, documents, errors, terms, summary] {
        f.commit()?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let run = RunInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        threads,
        inputs,
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
