//! The `scan` command: inputs in, tagged CSV out, in parallel and in order.
//!
//! The main thread walks the inputs in order and hands out tasks to a rayon
//! pool: a batch of small text files (read by the worker), one block of a
//! large, compressed or piped text (read by the main thread in blocks cut
//! at blank lines, see [`crate::input::BlockReader`]), or a batch of records
//! cut from a record file (see [`crate::input::records`]). Workers tag and render
//! rows; the main thread writes results in input order, holding early ones
//! back. At most a few tasks per thread are in flight, so memory holds a
//! few documents or blocks, not the corpus, and the output is the same
//! bytes whatever the thread count.
//!
//! Rows go to the files of the output folder, to standard output
//! (`--stdout`), or both.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Instant;

use crate::Lexicon;
use crate::error::Error;
use crate::input::records::{self, Fields, Format, RawRecord, RecordError, RecordReader};
use crate::input::{self, Entry, Input, Problem, ProblemKind, Source};
use crate::output::summary::{DocSummary, Totals};
use crate::output::{
    self, AtomicFile, OUTPUT_FILES, PARTIAL_SUFFIX, RowBlock, RowFormat, RunInfo, SentenceRows, schema,
};
use crate::tag::{self, TaggedDoc, Tagger};
use crate::text::segment::UnitMode;

/// What a scan tells its caller while it runs: the library reports, the
/// caller (the binary's progress bar, a notebook, a log) decides how to show
/// it. Every method has an empty default. Called from the scanning thread only.
pub trait Observer: Send + Sync + std::fmt::Debug {
    /// Whether [`Observer::start`] should get the inputs' total size, which
    /// costs a second walk of the input folders.
    fn wants_total(&self) -> bool {
        false
    }
    /// Before the first input: the inputs' total size in bytes (on disk,
    /// compressed when they are), or 0 when not wanted.
    fn start(&self, _total_bytes: u64) {}
    /// `bytes` more of the inputs read (on disk); `documents` written so far.
    fn advance(&self, _bytes: u64, _documents: u64) {}
    /// A problem with one input, when the scan has no `errors.csv` for it.
    fn problem(&self, _problem: &Problem) {}
    /// After the last input, before the outputs are committed.
    fn finish(&self) {}
}

/// The observer of a scan given none.
#[derive(Debug)]
struct Silent;
impl Observer for Silent {}

/// Which rows `--stdout` streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum StdoutRows {
    /// The rows of `sentences.csv`.
    Sentences,
    /// The rows of `documents.csv`.
    Documents,
}

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Files, folders, or `-` for standard input.
    pub paths: Vec<PathBuf>,
    /// The output folder (none: only `stdout` rows are written).
    pub out: Option<PathBuf>,
    /// The lexicon to tag with.
    pub lexicon: Lexicon,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// How documents are cut into units.
    pub unit: UnitMode,
    /// Which units are sentence rows.
    pub sentences: SentenceRows,
    /// Replace an earlier run's outputs.
    pub force: bool,
    /// Told of progress and of problems that have no `errors.csv` to go
    /// to (a `--stdout` run without `--out`); `None` ignores both.
    pub observer: Option<Arc<dyn Observer>>,
    /// The input format for every input (none: from each file name).
    pub format: Option<Format>,
    /// Where record formats keep a document's text and id.
    pub fields: Fields,
    /// Rows to stream to standard output.
    pub stdout: Option<StdoutRows>,
    /// The format of the streamed rows.
    pub stdout_format: RowFormat,
    /// Set (by a Ctrl-C handler) to stop the scan; outputs are then removed.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl ScanOptions {
    /// Options with the defaults of the command line.
    pub fn new(paths: Vec<PathBuf>, out: PathBuf, lexicon: Lexicon) -> ScanOptions {
        ScanOptions {
            paths,
            out: Some(out),
            lexicon,
            threads: 0,
            unit: UnitMode::Sentence,
            sentences: SentenceRows::Tagged,
            force: false,
            observer: None,
            format: None,
            fields: Fields::default(),
            stdout: None,
            stdout_format: RowFormat::Csv,
            cancel: None,
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed))
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
    /// True when problems went to `errors.csv` (else to stderr).
    pub errors_file: bool,
}

impl ScanReport {
    /// The process exit code: 1 when inputs or records were skipped, else 0.
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
            let see = if self.errors_file { schema::ERRORS } else { "above" };
            s.push_str(&format!("; {} skipped (see {see})", t.skipped));
        }
        if t.repaired > 0 {
            s.push_str(&format!("; {} repaired", t.repaired));
        }
        s
    }
}

/// Tasks in flight at most, per worker thread: this bounds memory.
const IN_FLIGHT_PER_THREAD: usize = 4;
/// Text files of this size or more are read and tagged block by block.
const STREAM_BYTES: u64 = 2 << 20;

/// Small documents or records handed to one task together (count and bytes).
const TASK_DOCS: usize = 64;
const TASK_BYTES: u64 = 1 << 20;

/// Which rows workers render, for the files and for standard output.
#[derive(Debug, Clone, Copy)]
struct Render {
    file: Option<SentenceRows>,
    stdout: Option<(SentenceRows, RowFormat)>,
}

/// Rendered sentence rows: for `sentences.csv` and for standard output.
#[derive(Debug, Default)]
struct Rows {
    file: RowBlock,
    stdout: RowBlock,
}

impl Rows {
    fn new(doc: &input::Document, tagged: &TaggedDoc, lexicon: &Lexicon, render: Render, base: u64) -> Rows {
        let block = |which, format| RowBlock::new(doc, tagged, lexicon, which, base, format);
        Rows {
            file: render.file.map(|w| block(w, RowFormat::Csv)).unwrap_or_default(),
            stdout: render.stdout.map(|(w, f)| block(w, f)).unwrap_or_default(),
        }
    }
}

/// What a worker sends back; the writer takes these in input order.
enum Done {
    /// Whole documents, in order.
    Docs(Vec<Done>),
    /// A whole document, or an input or record that could not be read.
    Doc { problem: Option<Problem>, summary: Option<DocSummary>, rows: Rows, bytes: u64 },
    /// One block of a streamed document.
    Block { rows: Rows, summary: DocSummary, units: usize, bad: u64, first_bad: Option<u64> },
    /// The end of a streamed document (or what stopped it). With
    /// `discard`, the rows written for it are taken back (binary data found
    /// after its first blocks) and it gets no document row.
    DocEnd { id: String, problem: Option<Problem>, discard: bool },
}

impl Done {
    /// A problem with nothing tagged.
    fn problem(problem: Problem, bytes: u64) -> Done {
        Done::Doc { problem: Some(problem), summary: None, rows: Rows::default(), bytes }
    }
}

/// A streamed document's figures so far.
struct Stream {
    /// The length of `sentences.csv` before its rows.
    rows_from: u64,
    summary: DocSummary,
    units: usize,
    bad: u64,
    first_bad: Option<u64>,
}

/// The CSV files of the output folder being written.
struct Files {
    sentences: AtomicFile,
    documents: AtomicFile,
    errors: AtomicFile,
}

/// Rows streamed to standard output.
struct StdoutSink {
    rows: StdoutRows,
    format: RowFormat,
    out: std::io::BufWriter<std::io::Stdout>,
}

impl StdoutSink {
    fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.out.write_all(bytes).map_err(|e| Error::io("<stdout>", e))
    }
}

/// Writes results in input order as they arrive, holding the early ones.
struct Writer<'a> {
    files: Option<Files>,
    stdout: Option<StdoutSink>,
    label_names: Vec<String>,
    totals: Totals,
    observer: &'a dyn Observer,
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
                self.observer.advance(bytes, self.totals.documents);
            }
            Done::Block { rows, summary, units, bad, first_bad } => {
                let rows_from = self.files.as_ref().map_or(0, |f| f.sentences.len());
                let st = self.stream.get_or_insert_with(|| Stream {
                    rows_from,
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
            }
            Done::DocEnd { id, problem, discard } => {
                let stream = self.stream.take();
                if discard {
                    if let (Some(st), Some(files)) = (&stream, &mut self.files) {
                        files.sentences.truncate(st.rows_from)?;
                    }
                    if let Some(p) = &problem {
                        self.problem(p)?;
                    }
                    return Ok(());
                }
                if let Some(p) = &problem {
                    self.problem(p)?;
                } else if let Some(first) = stream.as_ref().and_then(|s| s.first_bad) {
                    let bad = stream.as_ref().map_or(0, |s| s.bad);
                    self.problem(&Problem::new(
                        &id,
                        ProblemKind::Repaired { bad_bytes: bad, first_bad: first },
                    ))?;
                }
                match stream {
                    Some(st) => self.document(&st.summary)?,
                    // Read to the end without a block: an empty document.
                    None if problem.is_none() => {
                        self.document(&DocSummary::empty(&id, self.label_names.len()))?
                    }
                    None => {}
                }
            }
        }
        Ok(())
    }

    fn rows(&mut self, rows: &Rows, first_unit: usize) -> Result<(), Error> {
        if let Some(files) = &mut self.files {
            self.buf.clear();
            rows.file.render(first_unit, &mut self.buf);
            files.sentences.write_all(&self.buf)?;
        }
        if let Some(out) = self.stdout.as_mut().filter(|o| o.rows == StdoutRows::Sentences) {
            self.buf.clear();
            rows.stdout.render(first_unit, &mut self.buf);
            out.write_all(&self.buf)?;
        }
        Ok(())
    }

    fn problem(&mut self, p: &Problem) -> Result<(), Error> {
        if p.skipped() {
            self.totals.skipped += 1;
        } else {
            self.totals.repaired += 1;
        }
        match &mut self.files {
            Some(files) => files.errors.write_all(&output::csv_bytes(|w| output::error_row(w, p))),
            None => {
                self.observer.problem(p);
                Ok(())
            }
        }
    }

    fn document(&mut self, s: &DocSummary) -> Result<(), Error> {
        self.totals.add(s);
        let stdout = self.stdout.as_mut().filter(|o| o.rows == StdoutRows::Documents);
        // The CSV row, rendered once for the file and a CSV stdout.
        let csv_wanted = self.files.is_some() || stdout.as_ref().is_some_and(|o| o.format == RowFormat::Csv);
        let csv = if csv_wanted { output::csv_bytes(|w| output::document_row(w, s)) } else { Vec::new() };
        if let Some(files) = &mut self.files {
            files.documents.write_all(&csv)?;
        }
        if let Some(out) = stdout {
            match out.format {
                RowFormat::Csv => out.write_all(&csv)?,
                RowFormat::Jsonl => {
                    self.buf.clear();
                    output::document_json(&mut self.buf, s, &self.label_names);
                    out.write_all(&self.buf)?;
                }
            }
        }
        Ok(())
    }
}

thread_local! {
    static SCRATCH: RefCell<(tag::Scratch, TaggedDoc)> = RefCell::new(Default::default());
}

/// Tags one document read into memory (on a worker).
fn tag_doc(doc: &input::Document, tagger: &Tagger, render: Render, bytes: u64) -> Done {
    SCRATCH.with_borrow_mut(|(scratch, tagged)| {
        tagger.tag(&doc.text, scratch, tagged);
        let lexicon = tagger.lexicon();
        Done::Doc {
            problem: doc.repaired.clone(),
            summary: Some(DocSummary::new(&doc.id, doc.bytes, tagged, lexicon)),
            rows: Rows::new(doc, tagged, lexicon, render, 0),
            bytes,
        }
    })
}

/// Reads, tags and renders one whole text file (on a worker).
fn tag_file(input: &Input, tagger: &Tagger, render: Render) -> Done {
    match input::load(input) {
        Ok(doc) => tag_doc(&doc, tagger, render, input.size.max(doc.bytes)),
        Err(p) => Done::problem(p, input.size),
    }
}

/// Extracts, tags and renders one record of the file `path` (on a worker).
fn tag_record(path: &str, raw: RawRecord, fields: &Fields, tagger: &Tagger, render: Render) -> Done {
    match records::extract(raw, fields) {
        Ok(Some(rec)) => {
            let id = format!("{path}#{}", rec.id);
            tag_doc(&input::decode_text(&id, rec.text), tagger, render, 0)
        }
        Ok(None) => Done::Docs(Vec::new()),
        Err(e) => Done::problem(Problem::new(path, ProblemKind::Record(e)), 0),
    }
}

/// Decodes, tags and renders one block of a streamed document (on a worker).
fn tag_block(id: &str, at: u64, bytes: Vec<u8>, tagger: &Tagger, render: Render) -> Done {
    let doc = input::decode_text(id, bytes);
    SCRATCH.with_borrow_mut(|(scratch, tagged)| {
        tagger.tag_block(&doc.text, scratch, tagged);
        let lexicon = tagger.lexicon();
        Done::Block {
            rows: Rows::new(&doc, tagged, lexicon, render, at),
            summary: DocSummary::new(id, doc.bytes, tagged, lexicon),
            units: tagged.units.len(),
            bad: doc.bad_bytes,
            first_bad: (doc.bad_bytes > 0).then_some(at + doc.first_bad),
        }
    })
}

/// How one input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// A small text file, read whole by a worker.
    Whole,
    /// Text read block by block by the main thread.
    Stream { gzip: bool },
    /// A record file.
    Records { format: Format, gzip: bool },
}

fn plan(input: &Input, forced: Option<Format>) -> Plan {
    let (detected, gzip) = match &input.source {
        Source::File(path) => Format::detect(path),
        Source::Stdin => (Format::Text, false),
    };
    match forced.unwrap_or(detected) {
        Format::Text if gzip || input.source == Source::Stdin || input.size >= STREAM_BYTES => {
            Plan::Stream { gzip }
        }
        Format::Text => Plan::Whole,
        format => Plan::Records { format, gzip },
    }
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
    opts: &'a ScanOptions,
    tagger: Arc<Tagger>,
    render: Render,
}

impl Dispatch<'_, '_> {
    /// Runs `task` on the pool as the next result in order.
    fn spawn(&mut self, task: impl FnOnce() -> Done + Send + 'static) -> Result<(), Error> {
        if self.opts.cancelled() {
            return Err(Error::Interrupted);
        }
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

    /// Tags `inputs`, small text files, in one task.
    fn files(&mut self, inputs: Vec<Input>) -> Result<(), Error> {
        if inputs.is_empty() {
            return Ok(());
        }
        let (tagger, render) = (Arc::clone(&self.tagger), self.render);
        self.spawn(move || Done::Docs(inputs.iter().map(|i| tag_file(i, &tagger, render)).collect()))
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

    /// Streams one text input block by block.
    fn stream(&mut self, input: &Input, gzip: bool) -> Result<(), Error> {
        let end = |problem| Done::DocEnd { id: input.id.clone(), problem, discard: false };
        // A plain file with binary data is skipped whole. When its rows go
        // only to files, it is checked block by block as it is read, and
        // the rows of the blocks before a NUL byte are taken back; rows
        // streamed to standard output cannot be, so then a first pass looks
        // for NUL bytes before any row is written.
        let plain = matches!(input.source, Source::File(_)) && !gzip;
        let take_back = plain
            && self.writer.files.is_some()
            && !self.writer.stdout.as_ref().is_some_and(|o| o.rows == StdoutRows::Sentences);
        if let (Source::File(path), false, false) = (&input.source, gzip, take_back) {
            let found = match input::find_nul(path) {
                Ok(None) => None,
                Ok(Some(at)) => Some(ProblemKind::BinaryFile { offset: at }),
                Err(e) => Some(ProblemKind::Unreadable { error: input::io_message(&e) }),
            };
            if let Some(kind) = found {
                self.writer.observer.advance(input.size, self.writer.totals.documents);
                return self.ready(end(Some(Problem::new(input.id.as_str(), kind))));
            }
        }
        let input::open::Opened { reader, gzip, mut meter } = match input::open::open(input, gzip) {
            Ok(r) => r,
            Err(e) => {
                let kind = ProblemKind::Unreadable { error: input::io_message(&e) };
                return self.ready(end(Some(Problem::new(input.id.as_str(), kind))));
            }
        };
        let check_nul = gzip || input.source == Source::Stdin || take_back;
        let mut blocks = input::BlockReader::new(reader, self.tagger.block_bytes());
        let mut read_bytes = 0u64;
        let problem = loop {
            let next = blocks.next_block();
            self.writer.observer.advance(meter.take_new(), self.writer.totals.documents);
            match next {
                Ok(Some((at, bytes))) => {
                    if let Some(i) = check_nul.then(|| memchr::memchr(0, &bytes)).flatten() {
                        if plain {
                            let kind = ProblemKind::BinaryFile { offset: at + i as u64 };
                            let problem = Some(Problem::new(input.id.as_str(), kind));
                            let unread = input.size.saturating_sub(at + bytes.len() as u64);
                            self.writer.observer.advance(unread, self.writer.totals.documents);
                            return self.ready(Done::DocEnd { id: input.id.clone(), problem, discard: true });
                        }
                        let kind = ProblemKind::BinaryData { offset: at + i as u64, kept: at > 0 };
                        break Some(Problem::new(input.id.as_str(), kind));
                    }
                    read_bytes += bytes.len() as u64;
                    let (tagger, id, render) = (Arc::clone(&self.tagger), input.id.clone(), self.render);
                    self.spawn(move || tag_block(&id, at, bytes, &tagger, render))?;
                }
                Ok(None) => break None,
                Err(e) => {
                    let what = input::stream_failure(&e);
                    let kind = if read_bytes == 0 {
                        ProblemKind::Unreadable { error: what }
                    } else {
                        ProblemKind::StreamFailed { after_bytes: read_bytes, what }
                    };
                    break Some(Problem::new(input.id.as_str(), kind));
                }
            }
        };
        self.ready(end(problem))
    }

    /// Reads a record file: records are cut here and tagged in batches.
    fn records(&mut self, input: &Input, format: Format, gzip: bool) -> Result<(), Error> {
        let input::open::Opened { reader, mut meter, .. } = match input::open::open(input, gzip) {
            Ok(r) => r,
            Err(e) => {
                let kind = ProblemKind::Unreadable { error: input::io_message(&e) };
                return self.ready(Done::problem(Problem::new(input.id.as_str(), kind), input.size));
            }
        };
        let mut batch: Vec<Result<RawRecord, RecordError>> = Vec::new();
        let mut batch_bytes = 0u64;
        for item in RecordReader::new(format, reader, &self.opts.fields) {
            batch_bytes += match &item {
                Ok(r) => payload_len(r),
                Err(_) => 0,
            };
            batch.push(item);
            if batch.len() >= TASK_DOCS || batch_bytes >= TASK_BYTES {
                self.record_batch(input, std::mem::take(&mut batch))?;
                batch_bytes = 0;
                self.writer.observer.advance(meter.take_new(), self.writer.totals.documents);
            }
        }
        self.record_batch(input, batch)?;
        self.writer.observer.advance(meter.take_new(), self.writer.totals.documents);
        Ok(())
    }

    fn record_batch(
        &mut self,
        input: &Input,
        batch: Vec<Result<RawRecord, RecordError>>,
    ) -> Result<(), Error> {
        if batch.is_empty() {
            return Ok(());
        }
        let (tagger, render, fields) = (Arc::clone(&self.tagger), self.render, self.opts.fields.clone());
        let path = input.id.clone();
        self.spawn(move || {
            let done = batch.into_iter().map(|item| match item {
                Ok(raw) => tag_record(&path, raw, &fields, &tagger, render),
                Err(e) => Done::problem(Problem::new(path.as_str(), ProblemKind::Record(e)), 0),
            });
            Done::Docs(done.collect())
        })
    }
}

fn payload_len(r: &RawRecord) -> u64 {
    match &r.payload {
        records::Payload::Json(b) | records::Payload::Text(b) | records::Payload::Http(b) => b.len() as u64,
    }
}

/// Runs a scan; see the module docs.
pub fn scan(opts: &ScanOptions) -> Result<ScanReport, Error> {
    let started = Instant::now();
    // A missing input stops the run before the output folder is touched.
    let entries = input::discover(&opts.paths)?;
    if let Some(out) = &opts.out {
        prepare_out_dir(out, opts.force)?;
    }
    let except_out = |d: input::Discover| match &opts.out {
        Some(out) => d.except(out),
        None => d,
    };
    let mut entries = except_out(entries);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start worker threads: {e}")))?;
    let threads = pool.current_num_threads();
    let tagger = Arc::new(Tagger::new(opts.lexicon.clone(), opts.unit));
    let lexicon = tagger.lexicon();

    let files = match &opts.out {
        Some(out) => {
            let mut f = Files {
                sentences: AtomicFile::create(out, schema::SENTENCES)?,
                documents: AtomicFile::create(out, schema::DOCUMENTS)?,
                errors: AtomicFile::create(out, schema::ERRORS)?,
            };
            f.sentences
                .write_all(&output::csv_bytes(|w| w.write_record(output::sentences_header(lexicon))))?;
            f.documents
                .write_all(&output::csv_bytes(|w| w.write_record(output::documents_header(lexicon))))?;
            f.errors.write_all(&output::csv_bytes(|w| w.write_record(output::ERRORS_HEADER)))?;
            Some(f)
        }
        None => None,
    };
    let mut stdout = opts.stdout.map(|rows| StdoutSink {
        rows,
        format: opts.stdout_format,
        out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
    });
    if let Some(out) = stdout.as_mut().filter(|o| o.format == RowFormat::Csv) {
        let header = match out.rows {
            StdoutRows::Sentences => output::sentences_header(lexicon),
            StdoutRows::Documents => output::documents_header(lexicon),
        };
        out.write_all(&output::csv_bytes(|w| w.write_record(header)))?;
    }
    let render = Render {
        file: opts.out.as_ref().map(|_| opts.sentences),
        stdout: (opts.stdout == Some(StdoutRows::Sentences)).then_some((opts.sentences, opts.stdout_format)),
    };

    // The bar's total costs a second walk of the folders: only when it shows.
    let silent = Silent;
    let observer: &dyn Observer = opts.observer.as_deref().unwrap_or(&silent);
    let total_bytes: u64 = if observer.wants_total() {
        except_out(input::discover(&opts.paths)?)
            .map(|e| if let Entry::Input(i) = e { i.size } else { 0 })
            .sum()
    } else {
        0
    };
    let mut inputs = 0u64;
    observer.start(total_bytes);
    let mut writer = Writer {
        files,
        stdout,
        label_names: tag::label_names(lexicon),
        totals: Totals::new(lexicon),
        observer,
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
            opts,
            tagger: Arc::clone(&tagger),
            render,
        };
        let mut chunk: Vec<Input> = Vec::new();
        let mut chunk_bytes = 0;
        for entry in &mut entries {
            if opts.cancelled() {
                return Err(Error::Interrupted);
            }
            inputs += 1;
            let plan = match &entry {
                Entry::Input(input) => Some(plan(input, opts.format)),
                Entry::Problem(_) => None,
            };
            if plan != Some(Plan::Whole) || chunk.len() >= TASK_DOCS || chunk_bytes >= TASK_BYTES {
                dispatch.files(std::mem::take(&mut chunk))?;
                chunk_bytes = 0;
            }
            match (entry, plan) {
                (Entry::Problem(p), _) => dispatch.ready(Done::problem(p, 0))?,
                (Entry::Input(input), Some(Plan::Stream { gzip })) => dispatch.stream(&input, gzip)?,
                (Entry::Input(input), Some(Plan::Records { format, gzip })) => {
                    dispatch.records(&input, format, gzip)?
                }
                (Entry::Input(input), _) => {
                    chunk_bytes += input.size;
                    chunk.push(input);
                }
            }
        }
        dispatch.files(chunk)?;
        dispatch.finish()?;
    }
    observer.finish();
    if opts.cancelled() {
        return Err(Error::Interrupted);
    }
    let Writer { files, stdout, totals, .. } = writer;
    if let Some(mut out) = stdout {
        out.out.flush().map_err(|e| Error::io("<stdout>", e))?;
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
        peak_rss_bytes: output::peak_rss_bytes(),
        shards: None,
    };
    if let (Some(out), Some(files)) = (&opts.out, files) {
        let terms = output::write_terms(out, lexicon, &totals)?;
        let summary = output::write_summary(out, lexicon, &totals)?;
        let run_json = output::write_run_json(out, &run)?;
        output::commit_all([files.sentences, files.documents, files.errors, terms, summary, run_json])?;
    }
    Ok(ScanReport { label_names: tag::label_names(lexicon), totals, run, errors_file: opts.out.is_some() })
}

/// Stack size of worker threads: HTML reduction recurses on deep nesting.
const WORKER_STACK: usize = 16 << 20;

/// Creates the output folder; refuses (or, with `force`, removes) an earlier
/// run's outputs and any leftover partial files.
pub fn prepare_out_dir(dir: &Path, force: bool) -> Result<(), Error> {
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
