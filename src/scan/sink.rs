//! The ordered sink between the workers and the outputs: results arrive
//! tagged with their place in input order, are held until all before
//! them are written, then go to the output files and `--stdout`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use super::{Observer, StdoutRows};
use crate::Lexicon;
use crate::error::Error;
use crate::input::fault::{FIELDS_LISTED, FieldMiss, Wanted, guess, guesses};
use crate::input::fields::{DocFields, Grouper};
use crate::input::problem::Tally;
use crate::input::records::{Fields, Place, RecordError, RecordFault};
use crate::input::{self, Problem, ProblemKind};
use crate::output::groups::Groups;
use crate::output::rows::header_row;
use crate::output::summary::{DocSummary, Totals};
use crate::output::{
    self, Base, Offsets, OutputFormat, RowBlock, RowFormat, RunInfo, SentenceRows, TableFile, schema,
};
use crate::tag::TaggedDoc;

/// Which rows workers render, for the files and for standard output.
#[derive(Debug, Clone, Copy)]
pub(super) struct Render {
    pub(super) file: Option<SentenceRows>,
    pub(super) stdout: Option<(SentenceRows, RowFormat)>,
    /// CSV cells made safe for spreadsheets (`--csv-safe`).
    pub(super) csv_safe: bool,
    /// `matches.csv` rows too (`--matches`).
    pub(super) matches: bool,
    /// How spans are written.
    pub(super) offsets: Offsets,
    /// `mentions.csv` rows and the `people.csv` counts (`--people`).
    pub(super) people: bool,
    /// Mention rows for standard output (`--stdout mentions`), in this format.
    pub(super) stdout_mentions: Option<RowFormat>,
    /// Rows carry a `field` column (several text fields).
    pub(super) parts: bool,
}

/// How the row files are shaped: CSV cells made safe for spreadsheets,
/// the unit of spans, a `field` column (several text fields), and the
/// format of the tables.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shape {
    pub(super) csv_safe: bool,
    pub(super) offsets: Offsets,
    pub(super) parts: bool,
    pub(super) format: OutputFormat,
}

/// Rendered rows: sentences for `sentences.csv` and for standard output,
/// and the matches for `matches.csv`.
#[derive(Debug, Default)]
pub(super) struct Rendered {
    pub(super) file: RowBlock,
    pub(super) stdout: RowBlock,
    pub(super) matches: RowBlock,
    /// `mentions.csv` rows (`--people`).
    pub(super) mentions: RowBlock,
    /// Mention rows for standard output.
    pub(super) stdout_mentions: RowBlock,
    /// `(name, role)` of each mention, for `people.csv`.
    pub(super) people: Vec<(String, String)>,
}

impl Render {
    /// Whether the workers find people (for a file or standard output).
    pub(super) fn wants_people(&self) -> bool {
        self.people || self.stdout_mentions.is_some()
    }

    /// The base of a block at byte `byte` and code point `char` of its document.
    pub(super) fn base(&self, byte: u64, char: u64) -> Base {
        Base { byte, char: (self.offsets == Offsets::Chars).then_some(char), parts: self.parts }
    }
}

impl Rendered {
    pub(super) fn new(
        doc: &input::Document,
        tagged: &TaggedDoc,
        lexicon: &Lexicon,
        render: Render,
        base: Base,
        mentions: &[crate::people::Mention],
    ) -> Rendered {
        let block = |which, format| RowBlock::new(doc, tagged, lexicon, which, base, format, render.csv_safe);
        let mention_rows = |format| RowBlock::mentions(doc, mentions, lexicon, base, format, render.csv_safe);
        Rendered {
            file: render.file.map(|w| block(w, RowFormat::Csv)).unwrap_or_default(),
            stdout: render.stdout.map(|(w, f)| block(w, f)).unwrap_or_default(),
            matches: if render.matches {
                RowBlock::matches(doc, tagged, lexicon, base, render.csv_safe)
            } else {
                RowBlock::default()
            },
            mentions: if render.people { mention_rows(RowFormat::Csv) } else { RowBlock::default() },
            stdout_mentions: render.stdout_mentions.map(mention_rows).unwrap_or_default(),
            people: if render.people {
                mentions.iter().map(|m| (m.name.clone(), lexicon.role_name(m.role).to_string())).collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// What a worker sends back; the writer takes these in input order.
pub(super) enum Done {
    /// Whole documents, in order.
    Docs(Vec<Done>),
    /// A whole document, or an input or record that could not be read.
    Doc { problem: Option<Problem>, summary: Option<DocSummary>, rows: Rendered, bytes: u64 },
    /// One block of a streamed document.
    Block { rows: Rendered, summary: DocSummary, units: usize, bad: u64, first_bad: Option<u64> },
    /// The end of a streamed document (or what stopped it). With
    /// `discard`, the rows written for it are taken back (binary data found
    /// after its first blocks) and it gets no document row.
    DocEnd {
        id: String,
        problem: Option<Problem>,
        discard: bool,
        fields: Vec<Option<String>>,
        /// What a row about the document's invalid UTF-8 says to do.
        remedy: crate::input::Remedy,
    },
    /// The records of the file `path` follow: their ids are checked for
    /// duplicates until [`Done::RecordsEnd`]. `warc`: a WARC file;
    /// `delimited`: a CSV or TSV file.
    RecordsStart { path: String, warc: bool, delimited: bool },
    /// The end of a record file's records.
    RecordsEnd,
}

/// The ids of one record file's documents, to find duplicates: 64-bit
/// hashes, so a file of ten million records holds about 160 MB at most
/// (a false duplicate needs a hash collision: about 1 in 10^5 for ten
/// million ids).
#[derive(Debug)]
pub(super) struct RecordIds {
    /// `PATH#`, the start of the file's document ids.
    prefix: String,
    /// A WARC file: its ids are the records' URIs, not a field to choose.
    warc: bool,
    seen: std::collections::HashSet<u64>,
    duplicates: u64,
    first: Option<String>,
    /// Documents read from the file.
    records: u64,
    /// Problems reported while its records were read.
    problems: u64,
    /// Records lacking the field an option names, held back while no
    /// document of the file has been read: when none is, the option names
    /// the wrong field, said in one row instead of one per record.
    missing: Option<Missing>,
    /// Records that failed to parse since the last one read well, and the
    /// first of them: when the stream then breaks (a corrupt gzip file),
    /// its row says they are likely damaged by the same corruption.
    damaged: u64,
    first_damaged: Option<Place>,
    /// Another row of the file was written while records lacking a field
    /// were held: those were written before it (so rows keep input order),
    /// and no more are held (the file is not one none of whose records has
    /// the field: a record failed for another reason).
    holding_over: bool,
}

/// Records of one file lacking the field an option names (see
/// [`RecordIds::missing`]).
#[derive(Debug)]
struct Missing {
    /// The file's path, for the row.
    path: String,
    wanted: Wanted,
    option: &'static str,
    count: u64,
    first: Place,
    last: Place,
    /// The fields of those records, in the order first seen.
    keys: Vec<String>,
    /// The rows of the first [`HELD`] of them, written as they are when a
    /// later record of the file is read.
    held: Vec<Problem>,
    /// The first record past those held.
    rest: Option<Place>,
}

/// Rows held per file while no record of it has the field asked for.
const HELD: usize = 10;

/// Record files none of whose records has the field an option names, for
/// one note (or the error when no document is read at all).
#[derive(Debug, Default)]
pub(super) struct FieldMisses {
    /// The option and its field, of the first such file.
    pub(super) named: Option<(&'static str, Wanted)>,
    pub(super) files: u64,
    pub(super) first: Option<String>,
    /// The fields their records have, in the order first seen.
    pub(super) keys: Vec<String>,
}

impl FieldMisses {
    /// In words: the option, the files and records, the fields seen and
    /// what to do; `None` when every record file had the field.
    pub(super) fn message(&self) -> Option<String> {
        let (option, wanted) = self.named.as_ref()?;
        let seen = if self.keys.is_empty() {
            String::new()
        } else {
            // (Capped as a row's fields are: a header may be a long line.)
            format!("; fields seen in their records: {}", crate::input::fault::shown(&self.keys))
        };
        let what = if *option == "--id-field" { "id" } else { "text" };
        let this = if wanted.0.len() > 1 { "any of these fields" } else { "this field" };
        // A guess for each name given that is near a field seen (found by a
        // trial: `--text-field Body` got none, `--group-by Outlet` did).
        let guess = guesses(wanted, &self.keys).map(|g| format!(" ({g})")).unwrap_or_default();
        Some(format!(
            "{option} {:?}: no record of {} record file(s) has {this} (first: {}), so they were \
             skipped whole{seen}; name the field that holds the {what} with {option}{guess}",
            wanted.as_option(),
            self.files,
            self.first.as_deref().unwrap_or_default(),
        ))
    }

    /// Counts a record file none of whose records has `field`.
    fn add(&mut self, path: &str, option: &'static str, wanted: &Wanted, keys: &[String]) {
        if self.named.as_ref().is_some_and(|(o, w)| (*o, w) != (option, wanted)) {
            return; // (another option's misses: its own rows say so)
        }
        self.named.get_or_insert_with(|| (option, wanted.clone()));
        self.files += 1;
        self.first.get_or_insert_with(|| path.to_string());
        add_keys(&mut self.keys, keys);
    }
}

/// Adds `names` not yet in `keys`, up to [`FIELDS_LISTED`] in all.
fn add_keys(keys: &mut Vec<String>, names: &[String]) {
    for name in names {
        if keys.len() >= FIELDS_LISTED {
            return;
        }
        if !keys.contains(name) {
            keys.push(name.clone());
        }
    }
}

impl Done {
    /// A problem with nothing tagged.
    pub(super) fn problem(problem: Problem, bytes: u64) -> Done {
        Done::Doc { problem: Some(problem), summary: None, rows: Rendered::default(), bytes }
    }
}

/// A streamed document's figures so far (its rows are held back by the
/// row files until its end: [`TableFile::hold`]).
pub(super) struct Stream {
    /// Its mentions so far, `(name, role)`, for `people.csv` at its end.
    pub(super) people: Vec<(String, String)>,
    pub(super) summary: DocSummary,
    pub(super) units: usize,
    pub(super) bad: u64,
    pub(super) first_bad: Option<u64>,
}

/// The row files of the output folder being written.
pub(super) struct Files {
    pub(super) sentences: TableFile,
    pub(super) documents: TableFile,
    pub(super) errors: TableFile,
    /// `matches.csv`, with `--matches`.
    pub(super) matches: Option<TableFile>,
    /// `mentions.csv`, with `--people`.
    pub(super) mentions: Option<TableFile>,
    /// CSV cells made safe for spreadsheets (`--csv-safe`).
    pub(super) csv_safe: bool,
    /// The tables' format.
    pub(super) format: OutputFormat,
}

/// Rows streamed to standard output.
pub(super) struct StdoutSink {
    pub(super) rows: StdoutRows,
    pub(super) format: RowFormat,
    pub(super) out: std::io::BufWriter<std::io::Stdout>,
    /// An output folder is written too: a reader that goes away (a broken
    /// pipe) does not end the run, which finishes the folder.
    outlives_reader: bool,
    /// The reader went away: the rows for standard output are dropped.
    gone: bool,
    /// The CSV header, written before the first row or at a run's end:
    /// a run that fails before any row (a wrong `--text-field`) writes
    /// nothing to standard output, not a header that looks like an
    /// empty result. (Rows stream as they come: a fault found only at the
    /// end, a `--keep-field` no record had, follows the rows written, and
    /// the exit code says so.)
    header: Vec<u8>,
}

impl Files {
    /// Creates the row files of `out` (under temporary names) with their
    /// headers; `columns` are the document fields kept.
    pub(super) fn create(
        out: &Path,
        lexicon: &Lexicon,
        columns: &[String],
        matches: bool,
        people: bool,
        shape: Shape,
    ) -> Result<Files, Error> {
        let Shape { csv_safe, offsets, parts, format } = shape;
        let table = |name| TableFile::create(out, name, format);
        let mut f = Files {
            sentences: table(schema::SENTENCES)?,
            documents: table(schema::DOCUMENTS)?,
            errors: table(schema::ERRORS)?,
            matches: matches.then(|| table(schema::MATCHES)).transpose()?,
            mentions: people.then(|| table(schema::MENTIONS)).transpose()?,
            csv_safe,
            format,
        };
        if let Some(m) = &mut f.mentions {
            m.write_all(&output::csv_bytes(|w| {
                header_row(w, schema::mentions_header(offsets, parts), csv_safe)
            }))?;
        }
        if let Some(m) = &mut f.matches {
            m.write_all(&output::csv_bytes(|w| {
                header_row(w, schema::matches_header(offsets, parts), csv_safe)
            }))?;
        }
        let header =
            |h: Vec<String>| output::csv_bytes(|w| header_row(w, h.iter().map(String::as_str), csv_safe));
        f.sentences.write_all(&header(schema::sentences_header(lexicon, offsets, parts)))?;
        f.documents.write_all(&header(schema::documents_header(lexicon, columns)))?;
        f.errors.write_all(&output::csv_bytes(|w| w.write_record(schema::ERRORS_HEADER)))?;
        Ok(f)
    }

    /// Writes the end-of-run tables beside the row files and commits all.
    pub(super) fn commit(
        self,
        out: &Path,
        lexicon: &Lexicon,
        totals: &Totals,
        groups: &Groups,
        people: Option<&output::PeopleCounts>,
        run: &RunInfo,
    ) -> Result<(), Error> {
        let format = self.format;
        let terms = output::write_terms(out, lexicon, totals, self.csv_safe, format)?;
        let summary = output::write_summary(out, lexicon, totals, self.csv_safe, format)?;
        let groups = output::write_groups(out, lexicon, groups, self.csv_safe, format)?;
        let run_json = output::write_run_json(out, run)?;
        let matches = self.matches.map(TableFile::finish).transpose()?;
        let mentions = self.mentions.map(TableFile::finish).transpose()?;
        let people = match (&mentions, people) {
            (Some(_), Some(p)) => Some(output::write_people(out, p, self.csv_safe, format)?),
            _ => None,
        };
        let files = [
            self.sentences.finish()?,
            self.documents.finish()?,
            self.errors.finish()?,
            terms,
            summary,
            groups,
        ];
        // An earlier run's optional outputs and report do not belong to this one.
        let stale = output::table::stale_outputs(out, format, matches.is_some(), mentions.is_some());
        let files = files.into_iter().chain(matches).chain(mentions).chain(people);
        output::commit_replacing(files.chain([run_json]), &stale)
    }
}

impl StdoutSink {
    /// Standard output for `rows` in `format`; a CSV header is written
    /// with the first row, or by [`StdoutSink::finish`] when there is
    /// none. With `outlives_reader` (an output folder is written too), a
    /// reader that goes away does not end the run.
    pub(super) fn start(
        rows: StdoutRows,
        format: RowFormat,
        lexicon: &Lexicon,
        columns: &[String],
        outlives_reader: bool,
        shape: Shape,
    ) -> Result<StdoutSink, Error> {
        let Shape { csv_safe, offsets, parts, .. } = shape;
        let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
        let mut sink = StdoutSink { rows, format, out, outlives_reader, gone: false, header: Vec::new() };
        if format == RowFormat::Csv {
            let header = match rows {
                StdoutRows::Sentences => schema::sentences_header(lexicon, offsets, parts),
                StdoutRows::Documents => schema::documents_header(lexicon, columns),
                StdoutRows::Mentions => {
                    schema::mentions_header(offsets, parts).into_iter().map(String::from).collect()
                }
            };
            sink.header = output::csv_bytes(|w| header_row(w, header.iter().map(String::as_str), csv_safe));
        }
        Ok(sink)
    }

    pub(super) fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if self.gone || bytes.is_empty() {
            return Ok(());
        }
        self.write_header()?;
        if self.gone {
            return Ok(());
        }
        let written = self.out.write_all(bytes);
        self.check(written)
    }

    /// Writes the CSV header if it is still held.
    fn write_header(&mut self) -> Result<(), Error> {
        if !self.header.is_empty() && !self.gone {
            let header = std::mem::take(&mut self.header);
            let written = self.out.write_all(&header);
            self.check(written)?;
        }
        Ok(())
    }

    /// Writes the header if no row came, and flushes what is left; true
    /// when the reader went away before the end.
    pub(super) fn finish(mut self) -> Result<bool, Error> {
        self.write_header()?;
        if !self.gone {
            let flushed = self.out.flush();
            self.check(flushed)?;
        }
        Ok(self.gone)
    }

    /// A broken pipe is the reader going away: the end of the run when
    /// standard output is all it writes, else noted and the rows dropped.
    fn check(&mut self, r: std::io::Result<()>) -> Result<(), Error> {
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe && self.outlives_reader => {
                self.gone = true;
                Ok(())
            }
            r => r.map_err(|e| Error::io("<stdout>", e)),
        }
    }
}

/// Writes results in input order as they arrive, holding the early ones.
pub(super) struct Writer<'a> {
    pub(super) files: Option<Files>,
    pub(super) stdout: Option<StdoutSink>,
    pub(super) label_names: Vec<String>,
    pub(super) totals: Totals,
    pub(super) observer: &'a dyn Observer,
    pub(super) next: u64,
    pub(super) pending: BTreeMap<u64, Done>,
    pub(super) stream: Option<Stream>,
    pub(super) buf: Vec<u8>,
    /// The record file being written, while its records are.
    pub(super) record_ids: Option<RecordIds>,
    /// The first record skipped for a field or column it lacks (a wrong
    /// `--text-field` or `--id-field` when no document is read at all).
    pub(super) field_problem: Option<Problem>,
    /// Record files none of whose records has the field an option names.
    pub(super) field_misses: FieldMisses,
    /// CSV cells made safe for spreadsheets (`--csv-safe`).
    pub(super) csv_safe: bool,
    /// Label counts per group value.
    pub(super) groups: Groups,
    /// Which kept record fields were found.
    pub(super) fields: FieldsSeen,
    /// The kept fields asked for, to name them in a warning.
    pub(super) doc_fields: &'a DocFields,
    /// The document fields' column names.
    pub(super) columns: Vec<String>,
    /// Each document's group values.
    pub(super) grouper: Grouper,
    /// The `people.csv` counts (`--people`).
    pub(super) people: Option<output::PeopleCounts>,
}

/// Which kept record fields some record had, and the field names of a
/// record that lacked one: an unknown `--keep-field` or `--group-by` is
/// an error listing the fields seen, a record lacking a field is not.
#[derive(Debug, Default)]
pub(super) struct FieldsSeen {
    found: Vec<bool>,
    record_files: u64,
    /// Of them, CSV and TSV files (which `--delimiter` splits).
    delimited_files: u64,
    /// Inputs given as paths themselves while a `--path-field` counts
    /// folders from the input folder: their field is empty.
    listed_inputs: u64,
    /// Inputs with a `--path-field` empty because their path has no such
    /// folder (`listed_inputs` among them): `run.json`'s `path_fields_empty`.
    pub(super) path_empty: u64,
    /// Those of them not given as paths (found below an input folder, but
    /// not as deep as a field counts; or a negative field past the path's
    /// start), and the first: its path, the field (`NAME=N`) and how many
    /// folders it has to count.
    path_short: u64,
    first_short: Option<(String, String, usize)>,
    seen: Vec<String>,
    /// With several text fields: whether any record had each, and how
    /// many records were read.
    texts_found: Vec<bool>,
    text_records: u64,
    /// Record files that held no record and no problem (an empty file, a
    /// CSV header alone, `[]`, blank lines), and the first of them.
    empty_record_files: u64,
    first_empty: Option<String>,
    /// Records read that named their fields because they lacked a kept
    /// or text field (so far): while a kept field is in no record, every
    /// record read; for the early warning ([`FieldsSeen::early_warning`]),
    /// and whether it was given.
    lacking: u64,
    warned: bool,
    /// Inputs read as text whose first lines are JSON objects
    /// ([`ProblemKind::LooksLikeJsonLines`]), and the first.
    json_lines_text: u64,
    first_json_lines_text: Option<String>,
}

/// Records read, none with a kept field, before the scan warns that the
/// field's name may be wrong ([`FieldsSeen::early_warning`]): a misspelt
/// `--group-by` is otherwise an error only at the scan's end, after hours
/// of a large batch.
pub(super) const EARLY_RECORDS: u64 = 1000;

impl FieldsSeen {
    pub(super) fn new(fields: &DocFields, texts: &Fields) -> FieldsSeen {
        let several = if texts.also.is_empty() { 0 } else { texts.text_fields().count() };
        FieldsSeen {
            found: vec![false; fields.kept.len()],
            texts_found: vec![false; several],
            ..Default::default()
        }
    }

    /// Counts an input whose path leaves a `--path-field` empty.
    pub(super) fn input(&mut self, input: &input::Input, fields: &DocFields) {
        let mut empty = fields.path.iter().filter(|p| input.folder(p.folder).is_empty()).peekable();
        if empty.peek().is_none() {
            return;
        }
        self.path_empty += 1;
        let mut listed = false;
        let mut short = None;
        for p in empty {
            if input.listed && p.folder > 0 {
                listed = true;
            } else {
                short.get_or_insert(p);
            }
        }
        if listed {
            self.listed_inputs += 1;
        }
        if let Some(p) = short {
            self.path_short += 1;
            self.first_short.get_or_insert_with(|| {
                (input.id.clone(), format!("{}={}", p.name, p.folder), input.folders(p.folder))
            });
        }
    }

    fn document(&mut self, s: &DocSummary) {
        for (found, v) in self.found.iter_mut().zip(&s.fields) {
            *found |= v.is_some();
        }
        // A record lacking a kept field names the fields it had.
        self.lacking += u64::from(!s.fields_seen.is_empty());
        if !s.texts_found.is_empty() {
            self.text_records += 1;
            for (found, &f) in self.texts_found.iter_mut().zip(&s.texts_found) {
                *found |= f;
            }
        }
        if self.seen.len() < 40 {
            for name in &s.fields_seen {
                if self.seen.len() < 40 && !self.seen.contains(name) {
                    self.seen.push(name.clone());
                }
            }
        }
    }

    /// Fails when a kept record field was in no record although records
    /// were read (a misspelt name); when no input was a record file, the
    /// column stays empty and the returned note says so (a shard of text
    /// files in a mixed corpus must not fail).
    ///
    /// One of several text fields (`texts`) that no record had gets a note
    /// (a misspelt name is otherwise silent: its part is empty); so do
    /// `--text-field`, `--id-field` and `--delimiter` given when no record
    /// file was read and `documents` (of text) were (they were not used).
    pub(super) fn check(
        &self,
        fields: &DocFields,
        texts: &Fields,
        documents: u64,
    ) -> Result<Vec<String>, Error> {
        let mut notes = Vec::new();
        let absent = texts.not_found(&self.texts_found);
        if self.text_records > 0 && !absent.0.is_empty() {
            let seen = if self.seen.is_empty() {
                String::new()
            } else {
                format!("; fields seen: {}", self.seen.join(", "))
            };
            notes.push(format!(
                "--text-field {:?}: none of the {} record(s) read has the {}, so {} empty in every document \
                 (the other text fields were tagged){seen}; check the name",
                texts.wanted().as_option(),
                self.text_records,
                absent.named("field"),
                if absent.several() { "they are" } else { "it is" },
            ));
        }
        if self.listed_inputs > 0 {
            let p = fields.path.iter().find(|p| p.folder > 0).expect("counted only then");
            notes.push(format!(
                "--path-field {}={}: {} input(s) were given as paths (or listed with --files-from), not found \
                 below an input folder, so they have no folder {} and their {} is empty; count from the \
                 file's end instead (--path-field {}=-1 is the folder holding the file)",
                p.name, p.folder, self.listed_inputs, p.folder, p.name, p.name
            ));
        }
        if let Some((path, field, folders)) = &self.first_short {
            let counted = if field.contains("=-") { "in its path" } else { "below the input folder" };
            notes.push(format!(
                "--path-field: {} input(s) have fewer folders in their path than a --path-field asks for, so \
                 that field is empty for them in documents.csv and groups.csv (first: {path}, {folders} \
                 folder(s) {counted}, for {field}); check N: 1 is the first folder below the input folder \
                 given, -1 the folder holding the file",
                self.path_short
            ));
        }
        let empty = self.first_empty.as_ref().map(|first| {
            format!(
                "{} record file(s) held no record to read (first: {first}), such as an empty file, blank \
                 lines only, a CSV header alone, an empty JSON array or a WARC file with no text response",
                self.empty_record_files
            )
        });
        notes.extend(empty.clone());
        // Found by a trial: a CSV saved as `.txt`, scanned with
        // `--text-field body`, was read as one text document in silence.
        let given: Vec<String> = [
            (texts.text != Fields::default().text || !texts.also.is_empty())
                .then(|| format!("--text-field {:?}", texts.wanted().as_option())),
            texts.id_required.then(|| format!("--id-field {:?}", texts.id)),
            texts.delimiter.map(|d| format!("--delimiter {:?}", char::from(d))),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let Some(first) = &self.first_json_lines_text {
            notes.push(format!(
                "{} input(s) read as text look like JSON Lines (first: {first}): their first lines are JSON \
                 objects, tagged as text; give --input-format jsonl to read their records",
                self.json_lines_text
            ));
        }
        // (Only when documents were read: inputs skipped whole, a .csv.bz2
        // say, were read as nothing.)
        if self.record_files == 0 && documents > 0 && !given.is_empty() {
            notes.push(format!(
                "{}: no record file (JSON Lines, JSON, CSV, TSV) was read, so {} not used: the inputs read \
                 were documents of text; --input-format names the format of files whose name does not \
                 (--input-format csv for a .txt file of CSV)",
                given.join(", "),
                if given.len() > 1 { "they were" } else { "it was" }
            ));
        }
        // (A review: `--delimiter` with JSON records only did nothing, in
        // silence.)
        if let (Some(d), 1.., 0) = (texts.delimiter, self.record_files, self.delimited_files) {
            notes.push(format!(
                "--delimiter {:?}: no CSV or TSV file was read, so it was not used (it splits the fields of \
                 CSV and TSV files only)",
                char::from(d)
            ));
        }
        let Some(i) = self.found.iter().position(|f| !f) else { return Ok(notes) };
        let (option, name) = option_of(fields, i);
        if self.record_files == 0 {
            notes.push(format!(
                "{option} {name:?}: no input is a record file (JSON Lines, JSON, CSV, TSV), so its column \
                 is empty; for a folder of the path use --path-field NAME=N"
            ));
            return Ok(notes);
        }
        // (A record file with no record says so: its header's fields were
        // never seen.)
        let empty = empty.map(|e| format!("; note: {e}")).unwrap_or_default();
        // Every misspelt name at once, each with its nearest field seen.
        let others: String = self
            .found
            .iter()
            .enumerate()
            .skip(i + 1)
            .filter(|(_, f)| !**f)
            .map(|(k, _)| {
                let (option, name) = option_of(fields, k);
                format!("; {option} {name:?} neither{}", did_you_mean(name, &self.seen))
            })
            .collect();
        Err(Error::Invalid(if self.seen.is_empty() {
            format!("{option} {name:?}: no record has this field{others}{empty}")
        } else {
            format!(
                "{option} {name:?}: no record has this field{}{others}; fields seen: {}{empty}",
                did_you_mean(name, &self.seen),
                self.seen.join(", "),
            )
        }))
    }

    /// Once, when [`EARLY_RECORDS`] records have been read and none had a
    /// kept field: the warning that its name may be wrong, with the fields
    /// seen and the nearest of them. The scan goes on (a later file may
    /// have the field); [`FieldsSeen::check`] still fails at the end if
    /// no record had it.
    pub(super) fn early_warning(&mut self, fields: &DocFields) -> Option<String> {
        if self.warned || self.lacking < EARLY_RECORDS {
            return None;
        }
        let names: Vec<String> = (0..self.found.len())
            .filter(|&k| !self.found[k])
            .map(|k| {
                let (option, name) = option_of(fields, k);
                match guesses(&Wanted::one(name), &self.seen) {
                    Some(guess) => format!("{option} {name:?} ({guess})"),
                    None => format!("{option} {name:?}"),
                }
            })
            .collect();
        if names.is_empty() {
            return None;
        }
        self.warned = true;
        let (that, it) = if names.len() > 1 { ("these fields", "them") } else { ("this field", "it") };
        Some(format!(
            "{}: none of the first {} records read has {that} (fields seen: {}); the scan goes on, but if no \
             record has {it}, it ends with an error and writes nothing: stop it (Ctrl-C) and check the name",
            names.join(", "),
            self.lacking,
            self.seen.join(", "),
        ))
    }
}

/// The option that asked for kept field `i`, and the field's name.
fn option_of(fields: &DocFields, i: usize) -> (&'static str, &str) {
    let name = &fields.kept[i].field;
    let option = if fields.period.as_ref().is_some_and(|(_, d)| d == name) {
        "--date-field"
    } else if fields.group_by.contains(&fields.kept[i].name) {
        "--group-by"
    } else {
        "--keep-field"
    };
    (option, name)
}

/// `"; did you mean \"outlet\"?"` for [`crate::input::fault::nearest`]'s guess, else empty
/// ([`guess`] of one name).
pub(super) fn did_you_mean(name: &str, seen: &[String]) -> String {
    guess(&Wanted::one(name), seen)
}

impl Writer<'_> {
    /// Tells the observer that `bytes` more of the inputs were read.
    pub(super) fn progressed(&self, bytes: u64) {
        self.observer.advance(bytes, self.totals.documents, self.totals.bytes);
    }

    /// Takes result `seq` and writes every result that is now next in order.
    pub(super) fn accept(&mut self, seq: u64, done: Done) -> Result<(), Error> {
        self.pending.insert(seq, done);
        while let Some(done) = self.pending.remove(&self.next) {
            self.next += 1;
            self.write(done)?;
        }
        Ok(())
    }

    pub(super) fn write(&mut self, done: Done) -> Result<(), Error> {
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
                    if let Some(p) = &mut self.people {
                        p.add_document(&rows.people);
                    }
                }
                self.progressed(bytes);
            }
            Done::Block { mut rows, summary, units, bad, first_bad } => {
                if self.stream.is_none() {
                    if let Some(files) = &mut self.files {
                        files.sentences.hold();
                        for m in files.matches.iter_mut().chain(files.mentions.iter_mut()) {
                            m.hold();
                        }
                    }
                }
                let st = self.stream.get_or_insert_with(|| Stream {
                    people: Vec::new(),
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
                // (Moved, not cloned: a credits page names a person in nearly
                // every sentence, and this runs on the one writing thread.)
                st.people.append(&mut rows.people);
                self.rows(&rows, base)?;
            }
            Done::RecordsStart { path, warc, delimited } => {
                self.fields.record_files += 1;
                self.fields.delimited_files += u64::from(delimited);
                self.record_ids = Some(RecordIds {
                    prefix: format!("{path}#"),
                    warc,
                    seen: Default::default(),
                    duplicates: 0,
                    first: None,
                    records: 0,
                    problems: 0,
                    missing: None,
                    damaged: 0,
                    first_damaged: None,
                    holding_over: false,
                });
            }
            Done::RecordsEnd => {
                self.release_missing(true)?;
                if let Some(ids) =
                    self.record_ids.as_ref().filter(|ids| ids.records == 0 && ids.problems == 0)
                {
                    // Nothing wrong was found, and nothing was read.
                    self.fields.empty_record_files += 1;
                    let path = ids.prefix.trim_end_matches('#');
                    self.fields.first_empty.get_or_insert_with(|| path.to_string());
                }
                if let Some(ids) = self.record_ids.take().filter(|ids| ids.duplicates > 0) {
                    let first = ids.first.unwrap_or_default();
                    let kind = ProblemKind::DuplicateIds {
                        count: ids.duplicates,
                        first: first.clone(),
                        warc: ids.warc,
                    };
                    let path = ids.prefix.trim_end_matches('#');
                    self.problem(&Problem::new(path, kind))?;
                }
            }
            Done::DocEnd { id, problem, discard, fields, remedy } => {
                let stream = self.stream.take();
                if let (Some(_), Some(files)) = (&stream, &mut self.files) {
                    for f in std::iter::once(&mut files.sentences)
                        .chain(files.matches.as_mut())
                        .chain(files.mentions.as_mut())
                    {
                        if discard { f.discard_held()? } else { f.release()? }
                    }
                }
                if discard {
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
                        ProblemKind::Repaired { bad_bytes: bad, first_bad: first, remedy },
                    ))?;
                }
                if let (Some(st), Some(p)) = (&stream, &mut self.people) {
                    p.add_document(&st.people);
                }
                match stream {
                    Some(mut st) => {
                        st.summary.fields = fields;
                        self.document(&st.summary)?
                    }
                    // Read to the end without a block: an empty document.
                    None if problem.is_none() => {
                        let mut empty = DocSummary::empty(&id, self.label_names.len());
                        empty.fields = fields;
                        self.document(&empty)?
                    }
                    None => {}
                }
            }
        }
        Ok(())
    }

    pub(super) fn rows(&mut self, rows: &Rendered, first_unit: usize) -> Result<(), Error> {
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
        if let Some(m) = self.files.as_mut().and_then(|f| f.matches.as_mut()) {
            self.buf.clear();
            rows.matches.render(first_unit, &mut self.buf);
            m.write_all(&self.buf)?;
        }
        if let Some(m) = self.files.as_mut().and_then(|f| f.mentions.as_mut()) {
            self.buf.clear();
            rows.mentions.render(first_unit, &mut self.buf);
            m.write_all(&self.buf)?;
        }
        if let Some(out) = self.stdout.as_mut().filter(|o| o.rows == StdoutRows::Mentions) {
            self.buf.clear();
            rows.stdout_mentions.render(first_unit, &mut self.buf);
            out.write_all(&self.buf)?;
        }
        Ok(())
    }

    /// Writes a problem's row and counts it; a record file's rows about
    /// records lacking the field asked for may be held back, or said in
    /// one row ([`RecordIds::missing`]).
    pub(super) fn problem(&mut self, p: &Problem) -> Result<(), Error> {
        let Some(ids) = &mut self.record_ids else { return self.emit(p) };
        ids.problems += 1;
        let ProblemKind::Record(e) = &p.kind else { return self.emit_after_held(p) };
        match &e.fault {
            // (One bad record before it is weak evidence: a run is.)
            RecordFault::Stream { what } if ids.damaged > 1 => {
                let first = ids.first_damaged.unwrap_or(e.place);
                let fault = RecordFault::StreamAfterDamage { what: what.clone(), failed: ids.damaged, first };
                let row = Problem::new(
                    p.path.as_str(),
                    ProblemKind::Record(Box::new(RecordError { fault, ..**e })),
                );
                return self.emit_after_held(&row);
            }
            f if f.is_damage() => {
                ids.damaged += 1;
                ids.first_damaged.get_or_insert(e.place);
            }
            f if !f.is_note() => (ids.damaged, ids.first_damaged) = (0, None),
            _ => {}
        }
        if let RecordFault::NoField { wanted, option, keys } = &e.fault {
            let held = ids.missing.as_ref().is_none_or(|m| m.option == *option);
            if ids.records == 0 && held && !ids.holding_over {
                let m = ids.missing.get_or_insert_with(|| Missing {
                    path: p.path.clone(),
                    wanted: wanted.clone(),
                    option,
                    count: 0,
                    first: e.place,
                    last: e.place,
                    keys: Vec::new(),
                    held: Vec::new(),
                    rest: None,
                });
                m.count += 1;
                m.last = e.place;
                add_keys(&mut m.keys, keys);
                if m.held.len() < HELD {
                    m.held.push(p.clone());
                } else {
                    m.rest.get_or_insert(e.place);
                }
                return Ok(());
            }
        }
        self.emit_after_held(p)
    }

    /// Writes a row of the record file being read after the rows held
    /// about its records lacking a field, if any (which are then no longer
    /// held: see [`RecordIds::holding_over`]).
    fn emit_after_held(&mut self, p: &Problem) -> Result<(), Error> {
        if let Some(ids) = self.record_ids.as_mut().filter(|ids| ids.missing.is_some()) {
            ids.holding_over = true;
            self.release_missing(false)?;
        }
        self.emit(p)
    }

    /// Writes the rows held about records lacking a field: one row for the
    /// file when `whole` (its end, no document read from it) and more than
    /// one record lacked it; else the rows held and one for the rest.
    fn release_missing(&mut self, whole: bool) -> Result<(), Error> {
        let Some(m) = self.record_ids.as_mut().and_then(|ids| ids.missing.take()) else { return Ok(()) };
        let keys = m.keys;
        if whole {
            self.field_misses.add(&m.path, m.option, &m.wanted, &keys);
        }
        let fault = |first, records, whole| {
            let (wanted, option, last) = (m.wanted.clone(), m.option, m.last);
            let miss = FieldMiss { wanted, option, records, last, keys: keys.clone(), whole };
            let fault = RecordFault::FieldMissing(Box::new(miss));
            Problem::new(m.path.as_str(), ProblemKind::Record(Box::new(RecordError::new(first, fault))))
        };
        if whole && m.count > 1 {
            return self.emit(&fault(m.first, m.count, true));
        }
        let rest = m.rest.map(|first| fault(first, m.count - m.held.len() as u64, false));
        for p in m.held.iter().chain(&rest) {
            self.emit(p)?;
        }
        Ok(())
    }

    /// Writes a problem's row and counts it.
    fn emit(&mut self, p: &Problem) -> Result<(), Error> {
        if let ProblemKind::Record(e) = &p.kind {
            match &e.fault {
                RecordFault::NoTextColumn { wanted, columns } => {
                    self.field_misses.add(&p.path, "--text-field", wanted, columns);
                }
                RecordFault::NoIdColumn { column, columns } => {
                    self.field_misses.add(&p.path, "--id-field", &Wanted::one(column), columns);
                }
                _ => {}
            }
        }
        if self.field_problem.is_none() && p.kind.is_field_mistake() {
            self.field_problem = Some(p.clone());
        }
        match p.kind.tally() {
            Tally::Skipped => self.totals.skipped += p.kind.count(),
            Tally::Repaired => self.totals.repaired += 1,
            Tally::Note => {}
        }
        if p.kind.holds(|k| matches!(k, ProblemKind::LooksLikeJsonLines)) {
            self.fields.json_lines_text += 1;
            self.fields.first_json_lines_text.get_or_insert_with(|| p.path.clone());
        }
        match &mut self.files {
            Some(files) => {
                files.errors.write_all(&output::csv_bytes(|w| output::error_row(w, p, self.csv_safe)))
            }
            None => {
                self.observer.problem(p);
                Ok(())
            }
        }
    }

    pub(super) fn document(&mut self, s: &DocSummary) -> Result<(), Error> {
        // A record of the file has the field: the rows held are written.
        self.release_missing(false)?;
        if let Some(ids) = &mut self.record_ids {
            (ids.damaged, ids.first_damaged) = (0, None);
        }
        self.totals.add(s);
        self.fields.document(s);
        if let Some(warning) = self.fields.early_warning(self.doc_fields) {
            self.observer.warn(&warning);
        }
        let values = self.grouper.values(&s.fields, s.about_film);
        self.groups.add(&values, s.units, &s.labels);
        if let Some(ids) = &mut self.record_ids {
            ids.records += 1;
            if let Some(id) = s.id.strip_prefix(ids.prefix.as_str()) {
                use std::hash::{BuildHasher, BuildHasherDefault};
                let hash =
                    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(id);
                if !ids.seen.insert(hash) {
                    ids.duplicates += 1;
                    ids.first.get_or_insert_with(|| id.to_string());
                }
            }
        }
        let stdout = self.stdout.as_mut().filter(|o| o.rows == StdoutRows::Documents);
        // The CSV row, rendered once for the file and a CSV stdout.
        let csv_wanted = self.files.is_some() || stdout.as_ref().is_some_and(|o| o.format == RowFormat::Csv);
        let csv = if csv_wanted {
            output::csv_bytes(|w| output::document_row(w, s, self.csv_safe))
        } else {
            Vec::new()
        };
        if let Some(files) = &mut self.files {
            files.documents.write_all(&csv)?;
        }
        if let Some(out) = stdout {
            match out.format {
                RowFormat::Csv => out.write_all(&csv)?,
                RowFormat::Jsonl => {
                    self.buf.clear();
                    output::document_json(&mut self.buf, s, &self.label_names, &self.columns);
                    out.write_all(&self.buf)?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn did_you_mean_names_the_nearest_field_seen_or_nothing() {
        let seen: Vec<String> = ["id", "outlet", "text", "Section", "published_at"].map(String::from).into();
        for (name, want) in [
            ("outlett", "; did you mean \"outlet\"?"),
            ("otulet", "; did you mean \"outlet\"?"),
            ("section", "; did you mean \"Section\"?"),
            ("SECTION", "; did you mean \"Section\"?"),
            ("publshed_at", "; did you mean \"published_at\"?"),
            // Two edits of a two-letter name is anything: no guess.
            ("ab", ""),
            ("tx", ""),
            ("year", ""),
            ("", ""),
        ] {
            assert_eq!(did_you_mean(name, &seen), want, "{name:?}");
        }
        assert_eq!(did_you_mean("outlet", &[]), "");
    }
}
