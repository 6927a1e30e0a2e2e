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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::Lexicon;
use crate::error::Error;
use crate::input::fields::{DocFields, Period};
use crate::input::records::{Fields, Format, RecordFault};
use crate::input::{self, Entry, Problem, ProblemKind};
use crate::output::groups::Groups;
use crate::output::summary::Totals;
use crate::output::{self, OUTPUT_FILES, Offsets, PARTIAL_SUFFIX, RowFormat, RunInfo, SentenceRows, schema};
use crate::tag::{self, Tagger};
use crate::text::segment::UnitMode;

mod dispatch;
mod sink;

use dispatch::Dispatch;
use sink::{FieldsSeen, Files, Render, Shape, StdoutSink, Writer};

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
    /// compressed when they are); `None` when not wanted or not known (an
    /// input is standard input).
    fn start(&self, _total_bytes: Option<u64>) {}
    /// `bytes` more of the inputs read (on disk); `documents` written so
    /// far, and `text_bytes`, their size as text (decompressed, as in the
    /// summary line and run.json).
    fn advance(&self, _bytes: u64, _documents: u64, _text_bytes: u64) {}
    /// A problem with one input, when the scan has no `errors.csv` for it.
    fn problem(&self, _problem: &Problem) {}
    /// A warning about the run while it goes on (one sentence, no
    /// `rolecall:` prefix), such as a kept field that none of the first
    /// records has.
    fn warn(&self, _message: &str) {}
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
    /// The rows of `mentions.csv`: people named in a role.
    Mentions,
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
    /// Follow symbolic links found inside input folders (links given as
    /// paths are always followed).
    pub follow: bool,
    /// Globs of the paths below input folders to read (none: all).
    pub include: Vec<String>,
    /// Globs of the paths below input folders to leave out.
    pub exclude: Vec<String>,
    /// The input format for every input (none: from each file name).
    pub input_format: Option<Format>,
    /// The character encoding of text, CSV, JSON and JSON Lines inputs
    /// without a byte-order mark, and of `.html` files that declare no
    /// charset ([`crate::input::Charset`]; by default UTF-8, bad bytes repaired). WARC records keep
    /// their declared charsets. Text decoded from it has spans into the
    /// decoded UTF-8 text.
    pub encoding: crate::input::Charset,
    /// Where record formats keep a document's text and id.
    pub fields: Fields,
    /// Also write `matches.csv`: one row per match with its status.
    pub matches: bool,
    /// Also write `mentions.csv` and `people.csv`: people named in a role
    /// ([`crate::people`]).
    pub people: bool,
    /// How spans are written in `sentences.csv`, `matches.csv` and the
    /// `--stdout` sentence rows.
    pub offsets: Offsets,
    /// Fields carried into `documents.csv` and grouped by in `groups.csv`
    /// (its record fields are read as [`Fields::keep`]).
    pub doc_fields: DocFields,
    /// Rows to stream to standard output.
    pub stdout: Option<StdoutRows>,
    /// The format of the streamed rows.
    pub stdout_format: RowFormat,
    /// Set (by a Ctrl-C handler) to stop the scan; outputs are then removed.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Write every CSV cell that a spreadsheet would read as a formula
    /// (see [`crate::output::rows::formula_like`]) with a `'` in front
    /// (`--csv-safe`); by default cells are exact.
    pub csv_safe: bool,
    /// The format of the output folder's tables (`--stdout` rows are
    /// CSV or JSON Lines whatever it is).
    pub output_format: output::OutputFormat,
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
            input_format: None,
            encoding: crate::input::Charset::Utf8,
            follow: false,
            include: Vec::new(),
            exclude: Vec::new(),
            fields: Fields::default(),
            doc_fields: DocFields::default(),
            matches: false,
            people: false,
            offsets: Offsets::Bytes,
            stdout: None,
            stdout_format: RowFormat::Csv,
            cancel: None,
            csv_safe: false,
            output_format: output::OutputFormat::Csv,
        }
    }

    /// The options that change rows, as `run.json` records them.
    pub fn row_options(&self) -> output::RowOptions {
        let name = |debug: String| debug.to_ascii_lowercase();
        output::RowOptions {
            unit: name(format!("{:?}", self.unit)),
            sentences: name(format!("{:?}", self.sentences)),
            input_format: self.input_format.map(|f| name(format!("{f:?}"))),
            // Every field, as given ("title,description"): shards that read
            // other fields do not merge.
            text_field: self.fields.wanted().as_option(),
            delimiter: self.fields.delimiter.map(|d| char::from(d).escape_default().to_string()),
            id_field: self.fields.id.clone(),
            csv_safe: self.csv_safe,
            group_by: self.doc_fields.group_by.clone(),
            period: self.doc_fields.period.as_ref().map(|(p, _)| p.name().to_string()),
            date_field: self.doc_fields.period.as_ref().map(|(_, field)| field.clone()),
            period_rule: self
                .doc_fields
                .period
                .as_ref()
                .filter(|(p, _)| *p == Period::Month)
                .map(|_| output::MONTH_RULE.to_string()),
            path_field: Some(
                self.doc_fields.path.iter().map(|f| format!("{}={}", f.name, f.folder)).collect(),
            ),
            people: self.people,
            output_format: self.output_format.name().to_string(),
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// What a finished scan reports.
#[derive(Debug, Clone)]
pub struct ScanReport {
    /// Folders inside the inputs left out because they hold the outputs of
    /// an earlier scan (a `run.json` beside a `sentences.csv`).
    pub earlier_outputs: Vec<PathBuf>,
    /// Symbolic links inside input folders that were not followed.
    pub links_skipped: u64,
    /// What the user should know (one sentence each), as `run.json`'s
    /// `notes` keeps them: among them the links of `links_skipped` and the
    /// folders of `earlier_outputs`, said once each (print these, not both).
    pub notes: Vec<String>,
    /// Corpus totals.
    pub totals: Totals,
    /// Label names in the order of `totals.labels`.
    pub label_names: Vec<String>,
    /// Figures written to run.json.
    pub run: RunInfo,
    /// True when problems went to `errors.csv` (else to stderr).
    pub errors_file: bool,
    /// The reader of `--stdout` went away (a broken pipe, `| head`) while
    /// the output folder was written: the scan went on without it and
    /// finished the folder; the rest of the rows for standard output were
    /// dropped. (Without an output folder the scan ends there, with an
    /// I/O error of kind `BrokenPipe`.)
    pub stdout_gone: bool,
}

/// The speed part of the summary line: the rate in MB/s, or for a run under
/// 0.1 s (whose rate says nothing) the bytes and the time.
fn speed_text(bytes: u64, elapsed_seconds: f64, mb_per_second: f64) -> String {
    if elapsed_seconds >= 0.1 {
        format!("{mb_per_second:.1} MB/s")
    } else {
        format!("{bytes} {} in {elapsed_seconds:.2} s", if bytes == 1 { "byte" } else { "bytes" })
    }
}

#[cfg(test)]
#[test]
fn short_runs_give_bytes_and_time_not_a_rate() {
    assert_eq!(speed_text(16, 0.004, 0.004), "16 bytes in 0.00 s");
    assert_eq!(speed_text(1, 0.05, 0.0), "1 byte in 0.05 s");
    assert_eq!(speed_text(5_000_000, 0.5, 10.0), "10.0 MB/s");
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
        let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let speed = speed_text(t.bytes, self.run.elapsed_seconds, self.run.mb_per_second);
        // With --people and an output folder: the mentions and the
        // name–role pairs (people.csv's rows).
        let people = match (self.run.mentions, self.run.people) {
            (Some(m), Some(p)) => {
                format!(
                    "{} of {}, ",
                    plural(m, "mention", "mentions"),
                    plural(p, "name–role pair", "name–role pairs")
                )
            }
            _ => String::new(),
        };
        let mut s = format!(
            "rolecall: {}, {} ({}), {people}{speed}",
            plural(t.documents, "document", "documents"),
            plural(t.units, "sentence", "sentences"),
            labels.join(", "),
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

/// Runs a scan; see the module docs.
pub fn scan(opts: &ScanOptions) -> Result<ScanReport, Error> {
    let started = Instant::now();
    // A missing input, a bad glob or a lexicon that cannot be compiled
    // stops the run before the output folder is touched.
    let entries = input::discover(&opts.paths)?;
    let filter = || input::Filter::new(&opts.include, &opts.exclude);
    filter()?;
    if opts.csv_safe && opts.output_format == output::OutputFormat::Parquet {
        return Err(Error::Invalid(
            "--csv-safe with --output-format parquet: --csv-safe puts a ' before CSV cells for spreadsheets; \
             Parquet columns are typed and their text exact. Leave out --csv-safe, or write CSV"
                .into(),
        ));
    }
    let tagger = Arc::new(Tagger::new(opts.lexicon.clone(), opts.unit)?);
    // Held to the end of the run: no other run writes into the folder.
    let mut lock = None;
    if let Some(out) = &opts.out {
        // The outputs would be left out of the walk, and so would everything
        // else: refuse rather than scan nothing.
        if let Some(p) = opts.paths.iter().find(|p| p.is_dir() && same_dir(p, out)) {
            return Err(Error::Invalid(format!(
                "{}: the output folder is also an input folder; write the outputs to another folder",
                p.display()
            )));
        }
        lock = Some(prepare_out_dir(out, opts.force)?);
    }
    let except_out = |d: input::Discover| -> Result<input::Discover, Error> {
        let d = d.filter(filter()?).follow(opts.follow);
        Ok(match &opts.out {
            Some(out) => d.except(out),
            None => d,
        })
    };
    let mut entries = except_out(entries)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start worker threads: {e}")))?;
    let threads = pool.current_num_threads();
    let lexicon = tagger.lexicon();

    let columns = opts.doc_fields.columns();
    // Several text fields per record: rows say which (a `field` column).
    let shape = Shape {
        csv_safe: opts.csv_safe,
        offsets: opts.offsets,
        parts: !opts.fields.also.is_empty(),
        format: opts.output_format,
    };
    let files = opts
        .out
        .as_deref()
        .map(|out| Files::create(out, lexicon, &columns, opts.matches, opts.people, shape))
        .transpose()?;
    let stdout = opts
        .stdout
        .map(|rows| StdoutSink::start(rows, opts.stdout_format, lexicon, &columns, files.is_some(), shape))
        .transpose()?;
    let render = Render {
        file: opts.out.as_ref().map(|_| opts.sentences),
        stdout: (opts.stdout == Some(StdoutRows::Sentences)).then_some((opts.sentences, opts.stdout_format)),
        csv_safe: opts.csv_safe,
        matches: opts.matches && opts.out.is_some(),
        offsets: opts.offsets,
        people: opts.people && opts.out.is_some(),
        stdout_mentions: (opts.stdout == Some(StdoutRows::Mentions)).then_some(opts.stdout_format),
        parts: shape.parts,
    };

    // The bar's total costs a second walk of the folders: only when it shows.
    let silent = Silent;
    let observer: &dyn Observer = opts.observer.as_deref().unwrap_or(&silent);
    let total_bytes = if observer.wants_total() {
        let mut total = Some(0u64);
        for e in except_out(input::discover(&opts.paths)?)? {
            match e {
                Entry::Input(i) if i.source == input::Source::Stdin => total = None,
                Entry::Input(i) => total = total.map(|t| t + i.size),
                Entry::Problem(_) => {}
            }
        }
        total
    } else {
        None
    };
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
        record_ids: None,
        field_problem: None,
        field_misses: Default::default(),
        csv_safe: opts.csv_safe,
        groups: Groups::new(opts.doc_fields.groupings(), tag::label_names(lexicon).len()),
        fields: FieldsSeen::new(&opts.doc_fields, &opts.fields),
        doc_fields: &opts.doc_fields,
        columns,
        grouper: opts.doc_fields.grouper(),
        people: (opts.people && opts.out.is_some()).then(output::PeopleCounts::default),
    };
    let inputs = Dispatch::new(&pool, &mut writer, opts, Arc::clone(&tagger), render).run(&mut entries)?;
    observer.finish();
    if opts.cancelled() {
        return Err(Error::Interrupted);
    }
    if inputs == 0 {
        // An empty folder, a wrong glob or an unmounted disk in a batch job
        // must not pass as a corpus without film talk.
        let links = entries.links_skipped();
        let why = if links > 0 {
            format!(
                "the folders given hold {links} symbolic link(s), not followed, and no other file to read (-L/--follow follows them)"
            )
        } else if !entries.earlier_outputs().is_empty() {
            "the folders given hold only earlier scans' outputs (left out) or hidden files".to_string()
        } else if opts.include.is_empty() && opts.exclude.is_empty() {
            "the folders given are empty or hold only hidden files".to_string()
        } else {
            "--include/--exclude left none (globs match paths relative to each input folder, e.g. '*.txt' or 'news/**')"
                .to_string()
        };
        // Which folders (found by a trial: a batch log did not say).
        let given: Vec<String> = opts
            .paths
            .iter()
            .take(5)
            .map(|p| crate::text::escape_controls(&p.display().to_string()).into_owned())
            .collect();
        let more = opts.paths.len().saturating_sub(5);
        let given = given.join(", ") + &if more > 0 { format!(" and {more} more") } else { String::new() };
        return Err(Error::Invalid(format!("no file to read in {given}: {why}; nothing was written")));
    }
    let Writer {
        files, stdout, totals, field_problem, field_misses, groups, fields, people, grouper, ..
    } = writer;
    let misses = field_misses.message();
    if let Some(p) = field_problem.filter(|_| totals.documents == 0) {
        // Every record lacked the field: a wrong option, not bad records.
        // Records of JSON: the fields of all of them, across files (a CSV
        // header's own row says more: its columns, a TSV hint).
        let json = matches!(&p.kind, ProblemKind::Record(e)
            if matches!(e.fault, RecordFault::NoField { .. } | RecordFault::FieldMissing(_)));
        if let Some(m) = misses.as_ref().filter(|_| json) {
            return Err(Error::Invalid(format!("no document was read: {m}")));
        }
        return Err(Error::Invalid(format!(
            "no document was read: the {} input(s) or record(s) skipped include {}: {}",
            totals.skipped,
            p.path,
            p.message()
        )));
    }
    let mut notes = fields.check(&opts.doc_fields, &opts.fields, totals.documents)?;
    // Documents were read (text files beside the record files, say), but
    // whole record files were skipped for the field asked for.
    notes.extend(misses);
    let period = opts.doc_fields.period.as_ref();
    if let Some((p, field)) = period {
        notes.extend(grouper.dates().notes(*p, field));
    }
    if entries.links_skipped() > 0 {
        notes.push(format!(
            "{} symbolic link(s) inside the input folders not followed (--follow follows them)",
            entries.links_skipped()
        ));
    }
    if let (n @ 1.., Some((again, first))) = entries.same_files() {
        let first = if again == first {
            format!("first: {first}")
        } else {
            format!("first: {again}, the same file as {first}")
        };
        let listed = if opts.out.is_some() { "each has a row in errors.csv" } else { "each is named above" };
        notes.push(format!(
            "{n} input(s) given or found twice were read once, where first met ({first}); {listed}"
        ));
    }
    notes.extend(
        entries
            .earlier_outputs()
            .iter()
            .map(|d| format!("left out {}: it holds an earlier scan's outputs (run.json)", d.display())),
    );
    let stdout_gone = match stdout {
        Some(out) => out.finish()?,
        None => false,
    };
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
        lexicon: lexicon.fingerprint(),
        options: opts.row_options(),
        notes: notes.clone(),
        encoding: opts.encoding.name().map(str::to_string),
        dates_unread: period.map(|_| grouper.dates().unread),
        dates_year_only: period.filter(|(p, _)| *p == Period::Month).map(|_| grouper.dates().year_only),
        path_fields_empty: (!opts.doc_fields.path.is_empty()).then_some(fields.path_empty),
        mentions: people.as_ref().map(output::PeopleCounts::mentions),
        people: people.as_ref().map(output::PeopleCounts::pairs),
    };
    if let (Some(out), Some(files)) = (&opts.out, files) {
        files.commit(out, lexicon, &totals, &groups, people.as_ref(), &run)?;
    }
    drop(lock);
    Ok(ScanReport {
        label_names: tag::label_names(lexicon),
        totals,
        run,
        errors_file: opts.out.is_some(),
        earlier_outputs: entries.earlier_outputs(),
        links_skipped: entries.links_skipped(),
        stdout_gone,
        notes,
    })
}

/// Whether `a` and `b` are the same existing folder.
pub(crate) fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Stack size of worker threads: HTML reduction recurses on deep nesting.
const WORKER_STACK: usize = 16 << 20;

/// Creates the output folder and takes its lock ([`output::OutLock`],
/// held until dropped: for the whole run); refuses an earlier run's outputs
/// unless `force`, and removes temporary files a killed run left. With
/// `force` the earlier outputs stay until the new ones replace them at the
/// commit ([`output::commit_all`]), so a run that fails or is stopped
/// leaves them whole.
pub fn prepare_out_dir(dir: &Path, force: bool) -> Result<output::OutLock, Error> {
    let lock = output::OutLock::create(dir)?;
    // Any entry of an output's name counts, a link (even a broken one) too.
    let existing: Vec<&str> =
        OUTPUT_FILES.iter().copied().filter(|f| dir.join(f).symlink_metadata().is_ok()).collect();
    if !existing.is_empty() && !force {
        return Err(Error::OutputExists { dir: dir.to_path_buf(), files: existing.join(", ") });
    }
    // With the lock held, temporary files here are a killed run's (and
    // `NAME.partial`, the temporary names of earlier rolecall versions).
    let stale = output::temp_files(dir).map_err(|e| Error::io(dir, e))?;
    let old = OUTPUT_FILES.iter().map(|f| dir.join(format!("{f}{PARTIAL_SUFFIX}")));
    for p in stale.into_iter().chain(old) {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&p, e)),
            _ => {}
        }
    }
    Ok(lock)
}
