//! Planning and dispatch: how each input is read (whole, streamed in
//! blocks, or cut into records), and the tasks handed to the worker pool
//! with a bounded number in flight.

use std::cell::RefCell;
use std::sync::{Arc, mpsc};

use super::sink::{Done, Render, Rendered, Writer};
use super::{ScanOptions, StdoutRows};
use crate::error::Error;
use crate::input::fields::DocFields;
use crate::input::records::{self, Fields, Format, RawRecord, RecordError, RecordReader};
use crate::input::{self, Entry, Input, Problem, ProblemKind, Source};
use crate::output::Offsets;
use crate::output::summary::DocSummary;
use crate::people;
use crate::tag::{self, TaggedDoc, Tagger};

/// Tasks in flight at most, per worker thread: this bounds memory. Two,
/// not four (2026-12-05): peak RSS of `scripts/bench.sh`'s large shape
/// (ten 10 MB files, 1 MiB blocks, `-j2`) 113 → 100 MB, wall time the same
/// (0.37 s, medians of 11 alternating rounds; `c100`, 59,101 small files:
/// 0.59 against 0.60 s, 40 against 41 MB, 7 rounds); every output byte
/// the same.
const IN_FLIGHT_PER_THREAD: usize = 2;
/// Input bytes of the tasks in flight (handed out and not yet written) at
/// most, whatever the number of threads: a task is held back while others
/// fill this, so a run of large records is tagged one or a few at a time,
/// not one per slot (ten 60 MiB records took 2.4 GB at `-j2`). A single
/// task larger than this still runs, alone.
const IN_FLIGHT_BYTES: u64 = 64 << 20;
/// Text files of this size or more are read and tagged block by block.
const STREAM_BYTES: u64 = 2 << 20;

/// Small documents or records handed to one task together (count and bytes).
const TASK_DOCS: usize = 64;
const TASK_BYTES: u64 = 1 << 20;

thread_local! {
    static SCRATCH: RefCell<(tag::Scratch, TaggedDoc)> = RefCell::new(Default::default());
    static PEOPLE: RefCell<(people::Scratch, Vec<people::Mention>)> = RefCell::new(Default::default());
}

/// Renders the rows of a tagged document (or block), with its people found
/// first when the scan wants them.
fn rendered(
    doc: &input::Document,
    tagged: &TaggedDoc,
    tagger: &Tagger,
    render: Render,
    base: crate::output::Base,
) -> Rendered {
    let lexicon = tagger.lexicon();
    if !render.wants_people() {
        return Rendered::new(doc, tagged, lexicon, render, base, &[]);
    }
    PEOPLE.with_borrow_mut(|(scratch, mentions)| {
        mentions.clear();
        tagger.people().find(&doc.text, tagged, lexicon, scratch, mentions);
        Rendered::new(doc, tagged, lexicon, render, base, mentions)
    })
}

/// Tags one document read into memory (on a worker); `fields` are its
/// field values (see [`DocSummary::fields`]).
pub(super) fn tag_doc(
    doc: &input::Document,
    fields: DocValues,
    tagger: &Tagger,
    render: Render,
    bytes: u64,
) -> Done {
    SCRATCH.with_borrow_mut(|(scratch, tagged)| {
        tagger.tag(&doc.text, scratch, tagged);
        let lexicon = tagger.lexicon();
        let mut summary = DocSummary::new(&doc.id, doc.bytes, tagged, lexicon);
        (summary.fields, summary.fields_seen, summary.texts_found) =
            (fields.fields, fields.seen, fields.texts_found);
        Done::Doc {
            problem: doc.repaired.clone(),
            summary: Some(summary),
            rows: rendered(doc, tagged, tagger, render, render.base(0, 0)),
            bytes,
        }
    })
}

/// What a document carries besides its text (see [`DocSummary`]).
#[derive(Debug, Default)]
pub(super) struct DocValues {
    /// Its field values ([`DocSummary::fields`]).
    pub(super) fields: Vec<Option<String>>,
    /// The record's field names when one is missing ([`DocSummary::fields_seen`]).
    pub(super) seen: Vec<String>,
    /// Which of several text fields the record has ([`DocSummary::texts_found`]).
    pub(super) texts_found: Vec<bool>,
}

/// The field values of a document that is not a record: empty record
/// fields, then the path fields of `input`.
fn file_fields(input: &Input, doc_fields: &DocFields) -> Vec<Option<String>> {
    let mut v = vec![None; doc_fields.kept.len()];
    v.extend(doc_fields.path_values(input).into_iter().map(Some));
    v
}

/// Reads, tags and renders one whole text file (on a worker);
/// `judge_json_lines`: note a text that looks like JSON Lines (no
/// `--input-format` was given).
pub(super) fn tag_file(
    input: &Input,
    encoding: input::Charset,
    judge_json_lines: bool,
    doc_fields: &DocFields,
    tagger: &Tagger,
    render: Render,
) -> Done {
    match input::load(input, encoding) {
        Ok(mut doc) => {
            if judge_json_lines && input::problem::looks_like_json_lines(doc.text.as_bytes()) {
                let kind = ProblemKind::and(
                    doc.repaired.take().map(|p| p.kind),
                    Some(ProblemKind::LooksLikeJsonLines),
                );
                doc.repaired = kind.map(|k| Problem::new(input.id.as_str(), k));
            }
            // (The text keeps a UTF-8 byte-order mark: U+FEFF.)
            let remedy = input::Remedy::for_text(encoding, doc.text.starts_with('\u{feff}'));
            doc.repaired = doc.repaired.map(|p| p.with_remedy(remedy));
            let fields = DocValues { fields: file_fields(input, doc_fields), ..DocValues::default() };
            // Progress counts bytes on disk, as the total does: the text
            // may be longer (gzip, or decoded from another encoding).
            tag_doc(&doc, fields, tagger, render, input.size)
        }
        Err(p) => Done::problem(p, input.size),
    }
}

/// Extracts, tags and renders one record of the file `path` (on a worker).
/// `path_values` are the file's path fields; `remedy` what a row about its
/// invalid UTF-8 says to do.
pub(super) fn tag_record(
    path: &str,
    raw: RawRecord,
    remedy: input::Remedy,
    fields: &Fields,
    path_values: &[String],
    tagger: &Tagger,
    render: Render,
) -> Done {
    match records::extract(raw, fields) {
        Ok(Some(mut rec)) => {
            let id = input::id::record_id(path, &rec.id);
            let mut values = std::mem::take(&mut rec.kept);
            values.extend(path_values.iter().cloned().map(Some));
            let carried = DocValues {
                fields: values,
                seen: std::mem::take(&mut rec.fields_seen),
                texts_found: std::mem::take(&mut rec.texts_found),
            };
            let parts = std::mem::take(&mut rec.parts);
            let note = rec.note.take();
            // Several text fields: each part's field name and start.
            let decode = |id: &str, rec| {
                let mut doc = input::decode_record(id, rec);
                doc.repaired = doc.repaired.take().map(|p| p.with_remedy(remedy));
                input::name_parts(&mut doc, &parts, fields);
                doc
            };
            let tagged = match input::id::cap(&id) {
                None => tag_doc(&decode(&id, rec), carried, tagger, render, 0),
                Some(capped) => Done::Docs(vec![
                    Done::problem(
                        Problem::new(capped.as_str(), ProblemKind::IdCapped { bytes: id.len() }),
                        0,
                    ),
                    tag_doc(&decode(&capped, rec), carried, tagger, render, 0),
                ]),
            };
            // A note about the record (its id taken from its line) comes first.
            match note {
                None => tagged,
                Some(n) => Done::Docs(vec![
                    Done::problem(Problem::new(path, ProblemKind::Record(Box::new(n))), 0),
                    tagged,
                ]),
            }
        }
        Ok(None) => Done::Docs(Vec::new()),
        Err(e) => Done::problem(Problem::new(path, ProblemKind::Record(Box::new(e))), 0),
    }
}

/// Decodes, tags and renders one block of a streamed document (on a worker).
/// `at` is the block's first byte in its document, `chars` the code points
/// before it (counted only when spans are written in code points).
pub(super) fn tag_block(
    id: &str,
    at: u64,
    chars: u64,
    bytes: Vec<u8>,
    tagger: &Tagger,
    render: Render,
    buffers: &input::BufferPool,
) -> Done {
    let doc = input::decode_text(id, bytes);
    let done = SCRATCH.with_borrow_mut(|(scratch, tagged)| {
        tagger.tag_block(&doc.text, scratch, tagged);
        let lexicon = tagger.lexicon();
        Done::Block {
            rows: rendered(&doc, tagged, tagger, render, render.base(at, chars)),
            summary: DocSummary::new(id, doc.bytes, tagged, lexicon),
            units: tagged.units.len(),
            bad: doc.bad_bytes,
            first_bad: (doc.bad_bytes > 0).then_some(at + doc.first_bad),
        }
    });
    buffers.give(doc.text.into_bytes());
    done
}

/// How one input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Plan {
    /// A small text file, read whole by a worker (decompressed there when
    /// its first bytes are gzip's).
    Whole,
    /// Text read block by block by the main thread; `gzip` when its name
    /// says so (its first bytes are checked either way).
    Stream { gzip: bool },
    /// A record file.
    Records { format: Format, gzip: bool },
    /// An HTML file: read whole by the main thread, reduced to text and
    /// tagged by a worker.
    Html { gzip: bool },
}

pub(super) fn plan(input: &Input, forced: Option<Format>) -> Plan {
    let (detected, gzip) = match &input.source {
        Source::File(path) => Format::detect(path),
        Source::Stdin => (Format::Text, false),
    };
    match forced.unwrap_or(detected) {
        Format::Text if gzip || input.source == Source::Stdin || input.size >= STREAM_BYTES => {
            Plan::Stream { gzip }
        }
        Format::Text => Plan::Whole,
        Format::Html => Plan::Html { gzip },
        format => Plan::Records { format, gzip },
    }
}

/// Hands tasks to the pool in input order, keeping a bounded number in
/// flight, and feeds their results to the writer.
pub(super) struct Dispatch<'a, 'w> {
    pub(super) pool: &'a rayon::ThreadPool,
    pub(super) tx: mpsc::Sender<(u64, Done)>,
    pub(super) rx: mpsc::Receiver<(u64, Done)>,
    pub(super) seq: u64,
    pub(super) in_flight: usize,
    pub(super) limit: usize,
    /// The input bytes of each task not yet written, in order of `seq`, and their sum.
    pub(super) held: std::collections::VecDeque<(u64, u64)>,
    pub(super) held_bytes: u64,
    pub(super) writer: &'a mut Writer<'w>,
    pub(super) opts: &'a ScanOptions,
    pub(super) tagger: Arc<Tagger>,
    pub(super) render: Render,
    /// Where records keep their text, id and kept fields.
    pub(super) fields: Arc<Fields>,
    pub(super) doc_fields: Arc<DocFields>,
    /// Buffers of streamed blocks, reused from one block (and file) to the next.
    pub(super) buffers: Arc<input::BufferPool>,
}

impl<'a, 'w> Dispatch<'a, 'w> {
    pub(super) fn new(
        pool: &'a rayon::ThreadPool,
        writer: &'a mut Writer<'w>,
        opts: &'a ScanOptions,
        tagger: Arc<Tagger>,
        render: Render,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let limit = IN_FLIGHT_PER_THREAD * pool.current_num_threads();
        let held = std::collections::VecDeque::new();
        Dispatch {
            pool,
            tx,
            rx,
            seq: 0,
            in_flight: 0,
            limit,
            held,
            held_bytes: 0,
            writer,
            opts,
            tagger,
            render,
            fields: Arc::new(Fields {
                keep: opts.doc_fields.kept.iter().map(|k| k.field.clone()).collect(),
                ..opts.fields.clone()
            }),
            doc_fields: Arc::new(opts.doc_fields.clone()),
            buffers: Arc::default(),
        }
    }

    /// Reads every entry in order, small text files in batches, and waits
    /// for the last result; returns the number of entries.
    pub(super) fn run(mut self, entries: &mut dyn Iterator<Item = Entry>) -> Result<u64, Error> {
        let mut inputs = 0;
        let mut chunk: Vec<Input> = Vec::new();
        let mut chunk_bytes = 0;
        for entry in entries {
            if self.opts.cancelled() {
                return Err(Error::Interrupted);
            }
            // A file met again is not another input (its note still goes to errors.csv).
            if !matches!(&entry, Entry::Problem(p) if matches!(p.kind, ProblemKind::SameFile { .. })) {
                inputs += 1;
            }
            if let Entry::Input(i) = &entry {
                self.writer.fields.input(i, &self.opts.doc_fields);
            }
            let mut entry = entry;
            if let Entry::Input(input) = &mut entry {
                if let Some(capped) = input::id::cap(&input.id) {
                    let kind = ProblemKind::IdCapped { bytes: input.id.len() };
                    input.id = capped;
                    self.files(std::mem::take(&mut chunk))?;
                    chunk_bytes = 0;
                    self.ready(Done::problem(Problem::new(input.id.as_str(), kind), 0))?;
                }
            }
            let plan = match &entry {
                Entry::Input(input) => Some(plan(input, self.opts.input_format)),
                Entry::Problem(_) => None,
            };
            if plan != Some(Plan::Whole) || chunk.len() >= TASK_DOCS || chunk_bytes >= TASK_BYTES {
                self.files(std::mem::take(&mut chunk))?;
                chunk_bytes = 0;
            }
            match (entry, plan) {
                (Entry::Problem(p), _) => self.ready(Done::problem(p, 0))?,
                (Entry::Input(input), Some(Plan::Stream { gzip })) => self.stream(&input, gzip)?,
                (Entry::Input(input), Some(Plan::Records { format, gzip })) => {
                    self.records(&input, format, gzip)?
                }
                (Entry::Input(input), Some(Plan::Html { gzip })) => self.html(&input, gzip)?,
                (Entry::Input(input), _) => {
                    chunk_bytes += input.size;
                    chunk.push(input);
                }
            }
        }
        self.files(chunk)?;
        self.finish()?;
        Ok(inputs)
    }
}

impl Dispatch<'_, '_> {
    /// Whether text inputs are looked at for JSON Lines
    /// ([`ProblemKind::LooksLikeJsonLines`]): not when a format was given
    /// (text asked for with `--input-format text` is not second-guessed).
    fn judges_json_lines(&self) -> bool {
        self.opts.input_format.is_none()
    }

    /// Runs `task`, on `bytes` of input, on the pool as the next result in
    /// order, once fewer than `limit` tasks are running and (unless there
    /// are none) the tasks not yet written hold at most [`IN_FLIGHT_BYTES`]
    /// with this one. (Tasks done but waiting for an earlier one count
    /// there: they hold their rows.)
    pub(super) fn spawn(
        &mut self,
        bytes: u64,
        task: impl FnOnce() -> Done + Send + 'static,
    ) -> Result<(), Error> {
        if self.opts.cancelled() {
            return Err(Error::Interrupted);
        }
        loop {
            while self.held.front().is_some_and(|&(seq, _)| seq < self.writer.next) {
                let (_, b) = self.held.pop_front().expect("a front");
                self.held_bytes -= b;
            }
            let full = self.in_flight >= self.limit
                || (!self.held.is_empty() && self.held_bytes + bytes > IN_FLIGHT_BYTES);
            // A task waiting to be written is in flight or waits for one that is.
            if !full || self.in_flight == 0 {
                break;
            }
            self.receive()?;
        }
        self.held.push_back((self.seq, bytes));
        self.held_bytes += bytes;
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
    pub(super) fn files(&mut self, inputs: Vec<Input>) -> Result<(), Error> {
        if inputs.is_empty() {
            return Ok(());
        }
        let (tagger, render) = (Arc::clone(&self.tagger), self.render);
        let bytes = inputs.iter().map(|i| i.size).sum();
        let doc_fields = Arc::clone(&self.doc_fields);
        let encoding = self.opts.encoding;
        let judge = self.judges_json_lines();
        self.spawn(bytes, move || {
            Done::Docs(
                inputs.iter().map(|i| tag_file(i, encoding, judge, &doc_fields, &tagger, render)).collect(),
            )
        })
    }

    /// A result that needs no task, as the next in order.
    pub(super) fn ready(&mut self, done: Done) -> Result<(), Error> {
        let seq = self.seq;
        self.seq += 1;
        self.writer.accept(seq, done)
    }

    pub(super) fn receive(&mut self) -> Result<(), Error> {
        let (seq, done) = self.rx.recv().expect("a worker holds a sender while tasks are in flight");
        self.in_flight -= 1;
        self.writer.accept(seq, done)
    }

    pub(super) fn finish(&mut self) -> Result<(), Error> {
        while self.in_flight > 0 {
            self.receive()?;
        }
        Ok(())
    }

    /// Streams one text input block by block.
    pub(super) fn stream(&mut self, input: &Input, gzip: bool) -> Result<(), Error> {
        let fields = file_fields(input, &self.opts.doc_fields);
        let end = |problem, remedy| Done::DocEnd {
            id: input.id.clone(),
            problem,
            discard: false,
            fields: fields.clone(),
            remedy,
        };
        // (Opened first: gzip is known by its first bytes too.)
        let input::open::Opened { reader, gzip, mut meter, decoded, detected, notes, utf8_bom } =
            match input::open::open(input, gzip, self.opts.encoding) {
                Ok(r) => r,
                Err(e) => {
                    let kind = ProblemKind::Unreadable { error: input::io_message(&e) };
                    let remedy = input::Remedy::for_option(self.opts.encoding);
                    return self.ready(end(Some(Problem::new(input.id.as_str(), kind)), remedy));
                }
            };
        // What a row about invalid UTF-8 says to do.
        let remedy = input::Remedy::for_text(self.opts.encoding, utf8_bom);
        // A plain file with binary data is skipped whole. When its rows go
        // only to files, it is checked block by block as it is read, and
        // the rows of the blocks before a NUL byte are taken back; rows
        // streamed to standard output cannot be, so then a first pass looks
        // for NUL bytes before any row is written.
        let plain = matches!(input.source, Source::File(_)) && !gzip;
        let take_back = plain
            && self.writer.files.is_some()
            && !self.writer.stdout.as_ref().is_some_and(|o| o.rows != StdoutRows::Documents);
        if let (Source::File(path), true, false) = (&input.source, plain, take_back) {
            let found = match input::find_nul(path) {
                Ok(None) => None,
                Ok(Some(at)) => Some(ProblemKind::BinaryFile { offset: at }),
                Err(e) => Some(ProblemKind::Unreadable { error: input::io_message(&e) }),
            };
            if let Some(kind) = found {
                self.writer.progressed(input.size);
                return self.ready(end(Some(Problem::new(input.id.as_str(), kind)), remedy));
            }
        }
        // UTF-16 is checked for NUL bytes once decoded, as it is read (its
        // NUL bytes are text). Text read with `--encoding` (ASCII-compatible)
        // has a NUL byte where its decoded text has one: a plain file still.
        let utf16 = decoded.is_some_and(|name| name.starts_with("UTF-16"));
        let plain = plain && !utf16;
        let check_nul = gzip || input.source == Source::Stdin || take_back || decoded.is_some();
        let mut blocks =
            input::BlockReader::new(reader, self.tagger.block_bytes()).with_pool(Arc::clone(&self.buffers));
        let mut read_bytes = 0u64;
        let mut read_chars = 0u64;
        let mut json_lines = false;
        let problem = loop {
            let next = blocks.next_block();
            self.writer.progressed(meter.take_new());
            match next {
                Ok(Some((at, bytes))) => {
                    if let Some(i) = check_nul.then(|| memchr::memchr(0, &bytes)).flatten() {
                        if plain {
                            // (Decoded text's offset is not the file's: that is
                            // found in the file itself.)
                            let raw = match (&input.source, decoded) {
                                (Source::File(path), Some(_)) => input::find_nul(path).ok().flatten(),
                                _ => None,
                            };
                            let kind = ProblemKind::BinaryFile { offset: raw.unwrap_or(at + i as u64) };
                            let problem = Some(Problem::new(input.id.as_str(), kind));
                            // (What was read ahead of this block counts as read.)
                            let unread = input.size.saturating_sub(meter.total());
                            self.writer.progressed(unread);
                            let fields = Vec::new();
                            return self.ready(Done::DocEnd {
                                id: input.id.clone(),
                                problem,
                                discard: true,
                                fields,
                                remedy,
                            });
                        }
                        let kind = ProblemKind::BinaryData { offset: at + i as u64, kept: at > 0 };
                        break Some(Problem::new(input.id.as_str(), kind));
                    }
                    if at == 0 && self.judges_json_lines() {
                        json_lines = input::problem::looks_like_json_lines(&bytes);
                    }
                    read_bytes += bytes.len() as u64;
                    let chars = read_chars;
                    if self.render.offsets == Offsets::Chars {
                        // As the worker will decode it: one U+FFFD per bad sequence.
                        read_chars += String::from_utf8_lossy(&bytes).chars().count() as u64;
                    }
                    let (tagger, id, render) = (Arc::clone(&self.tagger), input.id.clone(), self.render);
                    let buffers = Arc::clone(&self.buffers);
                    self.spawn(bytes.len() as u64, move || {
                        tag_block(&id, at, chars, bytes, &tagger, render, &buffers)
                    })?;
                }
                Ok(None) => break shrank(input, &meter).map(|k| Problem::new(input.id.as_str(), k)),
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
        drop(blocks);
        // (Binary data is skipped: what it was read as does not matter.)
        let binary = problem.as_ref().is_some_and(|p| matches!(p.kind, ProblemKind::BinaryData { .. }));
        let detected = detected.filter(|_| !binary).map(|encoding| ProblemKind::Detected { encoding });
        let json_lines = json_lines.then_some(ProblemKind::LooksLikeJsonLines).filter(|_| !binary);
        if let Some(kind) = ProblemKind::and(ProblemKind::and(detected, notes.take()), json_lines) {
            self.ready(Done::problem(Problem::new(input.id.as_str(), kind), 0))?;
        }
        self.ready(end(problem, remedy))
    }

    /// Reads an HTML file (at most [`records::MAX_RECORD_BYTES`]) and hands
    /// it to a worker, which reduces it to text and tags it.
    pub(super) fn html(&mut self, input: &Input, gzip: bool) -> Result<(), Error> {
        let id = input.id.clone();
        let problem = |kind| Done::problem(Problem::new(id.as_str(), kind), 0);
        // (Read as bytes: the charset is decided below, from the HTML.)
        let input::open::Opened { mut reader, mut meter, .. } =
            match input::open::open(input, gzip, input::Charset::Utf8) {
                Ok(r) => r,
                Err(e) => {
                    let kind = ProblemKind::Unreadable { error: input::io_message(&e) };
                    return self.ready(Done::problem(Problem::new(input.id.as_str(), kind), input.size));
                }
            };
        let read = records::read_whole(reader.as_mut());
        let done = meter.take_new();
        self.writer.progressed(done);
        let html = match read {
            Ok(Some(html)) => html,
            Ok(None) => {
                let unread = input.size.saturating_sub(done);
                self.writer.progressed(unread);
                let limit_mib = records::MAX_RECORD_BYTES >> 20;
                return self.ready(problem(ProblemKind::TooLong { limit_mib }));
            }
            Err(e) => {
                return self.ready(problem(ProblemKind::Unreadable { error: input::stream_failure(&e) }));
            }
        };
        let (tagger, render) = (Arc::clone(&self.tagger), self.render);
        let fields = DocValues { fields: file_fields(input, &self.opts.doc_fields), ..DocValues::default() };
        let encoding = self.opts.encoding;
        let size = html.len() as u64;
        self.spawn(size, move || {
            let (html, noted) = records::html_file_utf8(html, encoding);
            match records::html_file_text(&html) {
                Ok(text) => {
                    let mut doc = input::decode_text(&id, text);
                    if let Some(kind) = noted {
                        doc.repaired = Some(Problem::new(id.as_str(), kind));
                    }
                    tag_doc(&doc, fields, &tagger, render, 0)
                }
                Err(reason) => {
                    Done::problem(Problem::new(id.as_str(), ProblemKind::HtmlRefused { reason }), 0)
                }
            }
        })
    }

    /// Reads a record file: records are cut here and tagged in batches.
    pub(super) fn records(&mut self, input: &Input, format: Format, gzip: bool) -> Result<(), Error> {
        // (A WARC file's records keep their declared charsets.)
        let encoding = if format == Format::Warc { input::Charset::Utf8 } else { self.opts.encoding };
        let input::open::Opened { reader, mut meter, notes, detected, utf8_bom, .. } =
            match input::open::open(input, gzip, encoding) {
                Ok(r) => r,
                Err(e) => {
                    let kind = ProblemKind::Unreadable { error: input::io_message(&e) };
                    return self.ready(Done::problem(Problem::new(input.id.as_str(), kind), input.size));
                }
            };
        // What a row about a record's invalid UTF-8 says to do (a WARC
        // file's records keep their declared charsets).
        let remedy = match format {
            Format::Warc => input::Remedy::Warc,
            _ => input::Remedy::for_text(self.opts.encoding, utf8_bom),
        };
        let delimited = matches!(format, Format::Csv | Format::Tsv);
        self.ready(Done::RecordsStart { path: input.id.clone(), warc: format == Format::Warc, delimited })?;
        let mut batch: Vec<Result<RawRecord, RecordError>> = Vec::new();
        let mut batch_bytes = 0u64;
        let mut ended = false;
        for item in RecordReader::new(format, reader, &self.fields) {
            batch_bytes += match &item {
                Ok(r) => payload_len(r),
                Err(e) => {
                    ended |= e.fatal();
                    0
                }
            };
            batch.push(item);
            if batch.len() >= TASK_DOCS || batch_bytes >= TASK_BYTES {
                self.record_batch(input, remedy, std::mem::take(&mut batch), batch_bytes)?;
                batch_bytes = 0;
                self.writer.progressed(meter.take_new());
            }
        }
        self.record_batch(input, remedy, batch, batch_bytes)?;
        self.ready(Done::RecordsEnd)?;
        self.writer.progressed(meter.take_new());
        // Read to its end: the notes taken on the way, and a file that
        // turned out shorter than it was listed.
        let shrank = if ended { None } else { shrank(input, &meter) };
        let detected = detected.map(|encoding| ProblemKind::Detected { encoding });
        if let Some(kind) = ProblemKind::and(ProblemKind::and(detected, notes.take()), shrank) {
            self.ready(Done::problem(Problem::new(input.id.as_str(), kind), 0))?;
        }
        Ok(())
    }

    /// Tags a batch of records of `input` in one task; `remedy` is what a
    /// row about a record's invalid UTF-8 says to do.
    pub(super) fn record_batch(
        &mut self,
        input: &Input,
        remedy: input::Remedy,
        batch: Vec<Result<RawRecord, RecordError>>,
        bytes: u64,
    ) -> Result<(), Error> {
        if batch.is_empty() {
            return Ok(());
        }
        let (tagger, render, fields) = (Arc::clone(&self.tagger), self.render, Arc::clone(&self.fields));
        let path = input.id.clone();
        let path_values = self.opts.doc_fields.path_values(input);
        self.spawn(bytes, move || {
            let done = batch.into_iter().map(|item| match item {
                Ok(raw) => tag_record(&path, raw, remedy, &fields, &path_values, &tagger, render),
                Err(e) => Done::problem(Problem::new(path.as_str(), ProblemKind::Record(Box::new(e))), 0),
            });
            Done::Docs(done.collect())
        })
    }
}

/// A file read to its end that held fewer bytes than it was listed with.
fn shrank(input: &Input, meter: &input::open::Meter) -> Option<ProblemKind> {
    let read = meter.total();
    (matches!(input.source, Source::File(_)) && read < input.size)
        .then_some(ProblemKind::Shrank { listed: input.size, read })
}

pub(super) fn payload_len(r: &RawRecord) -> u64 {
    r.payload.len() as u64
}
