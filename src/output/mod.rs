//! Writing the output files: CSV layouts, atomic file creation, run.json.
//!
//! Every output is written to `NAME.partial` in the output folder and renamed
//! to `NAME` only once complete ([`AtomicFile`]), so a crash never leaves a
//! file that looks whole. All CSV is RFC 4180 (csv crate, CRLF line ends),
//! UTF-8, with a header row. Column layouts:
//!
//! | file | columns |
//! |---|---|
//! | `sentences.csv` | `doc, sentence, start, end, label, <role>…, terms, text` |
//! | `documents.csv` | `doc, bytes, sentences, <role>…, both, none` |
//! | `terms.csv` | `role, kind, term, hits, documents` |
//! | `summary.csv` | `documents, documents_skipped, bytes, sentences, <label>…, <label>_share…` |
//! | `errors.csv` | `path, problem` |

pub mod merge;
pub mod summary;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::Error;
use crate::input::{Document, Problem};
use crate::lexicon::Lexicon;
use crate::output::summary::{DocSummary, Totals};
use crate::tag::{Label, TaggedDoc, label_names};
use crate::text::normalize::collapse_whitespace_into;

/// Output file names, in the order they are written.
pub const OUTPUT_FILES: &[&str] =
    &["sentences.csv", "documents.csv", "errors.csv", "terms.csv", "summary.csv", "run.json"];

/// Suffix of files still being written.
pub const PARTIAL_SUFFIX: &str = ".partial";

/// A file written under a temporary name and renamed into place by
/// [`AtomicFile::commit`]. Dropped without commit, it removes its temporary.
///
/// A large file starts going to disk while it is written: every
/// [`EARLY_SYNC_BYTES`] a helper thread syncs what is there, so the sync
/// before the rename has little left to wait for.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    out: Option<BufWriter<File>>,
    written: u64,
    early: Option<EarlySync>,
}

/// Bytes between two early syncs of an [`AtomicFile`].
pub const EARLY_SYNC_BYTES: u64 = 8 << 20;

#[derive(Debug)]
struct EarlySync {
    tick: std::sync::mpsc::SyncSender<()>,
}

impl AtomicFile {
    /// Creates `dir/name.partial`.
    pub fn create(dir: &Path, name: &str) -> Result<AtomicFile, Error> {
        let path = dir.join(name);
        let tmp = dir.join(format!("{name}{PARTIAL_SUFFIX}"));
        let f = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(AtomicFile { path, tmp, out: Some(BufWriter::with_capacity(1 << 16, f)), written: 0, early: None })
    }

    /// Appends bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let out = self.out.as_mut().expect("not yet committed");
        out.write_all(bytes).map_err(|e| Error::io(&self.tmp, e))?;
        self.wrote(bytes.len());
        Ok(())
    }

    /// Bytes written so far.
    pub fn len(&self) -> u64 {
        self.written
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.written == 0
    }

    /// Drops everything written after the first `len` bytes; writing goes
    /// on from there.
    pub fn truncate(&mut self, len: u64) -> Result<(), Error> {
        use std::io::Seek;
        let out = self.out.as_mut().expect("not yet committed");
        let f = (|| {
            out.flush()?;
            let f = out.get_mut();
            f.set_len(len)?;
            f.seek(std::io::SeekFrom::Start(len))
        })();
        f.map_err(|e| Error::io(&self.tmp, e))?;
        self.written = len;
        Ok(())
    }

    /// Counts written bytes and asks for an early sync at every step.
    fn wrote(&mut self, n: usize) {
        let before = self.written;
        self.written += n as u64;
        if before / EARLY_SYNC_BYTES == self.written / EARLY_SYNC_BYTES {
            return;
        }
        if self.early.is_none() {
            let Some(file) = self.out.as_ref().and_then(|o| o.get_ref().try_clone().ok()) else { return };
            let (tick, ticks) = std::sync::mpsc::sync_channel::<()>(1);
            std::thread::spawn(move || {
                for () in ticks {
                    // Errors show at the final sync.
                    let _ = file.sync_data();
                }
            });
            self.early = Some(EarlySync { tick });
        }
        if let Some(e) = &self.early {
            // A sync under way and one waiting are enough.
            let _ = e.tick.try_send(());
        }
    }

    /// Flushes, syncs and renames the file to its final name.
    pub fn commit(mut self) -> Result<(), Error> {
        let out = self.out.take().expect("commit once");
        let f = out.into_inner().map_err(|e| Error::io(&self.tmp, e.into_error()))?;
        // The helper finishes the sync under way, if any, then ends; the
        // final sync runs beside it rather than after it.
        drop(self.early.take());
        f.sync_all().map_err(|e| Error::io(&self.tmp, e))?;
        drop(f);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.as_mut().expect("not yet committed").write(buf)?;
        self.wrote(n);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.as_mut().expect("not yet committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Held while outputs are renamed into place, so that an interrupt never
/// lands between two renames (see [`abandon`]).
static COMMIT: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Commits `files` in order, as one step with respect to [`abandon`].
pub fn commit_all(files: impl IntoIterator<Item = AtomicFile>) -> Result<(), Error> {
    let _guard = COMMIT.lock().unwrap_or_else(|e| e.into_inner());
    for f in files {
        f.commit()?;
    }
    Ok(())
}

/// For a Ctrl-C handler that must end the process now: waits for a commit
/// under way, removes the partial outputs in `dir` and exits with `code`.
pub fn abandon(dir: Option<&Path>, code: i32) -> ! {
    let _guard = COMMIT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(dir) = dir {
        for f in OUTPUT_FILES {
            let _ = std::fs::remove_file(dir.join(format!("{f}{PARTIAL_SUFFIX}")));
        }
    }
    std::process::exit(code)
}

/// The CSV writer used for every output, writing into memory (files get
/// the bytes through their own buffer): CRLF line ends, and a small
/// buffer, as the `Vec` is the buffer.
pub fn csv_memory_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).buffer_capacity(256).from_writer(Vec::new())
}

/// Renders CSV rows into memory (no header).
pub fn csv_bytes(rows: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>) -> Vec<u8> {
    let mut w = csv_memory_writer();
    rows(&mut w).expect("writing CSV to memory cannot fail");
    w.into_inner().expect("flushing to memory cannot fail")
}

/// The header of `sentences.csv`.
pub fn sentences_header(lexicon: &Lexicon) -> Vec<String> {
    let mut h: Vec<String> = ["doc", "sentence", "start", "end", "label"].map(String::from).to_vec();
    h.extend(lexicon.roles().iter().cloned());
    h.push("terms".into());
    h.push("text".into());
    h
}

/// Which units go to `sentences.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum SentenceRows {
    /// Units labelled other than `none`.
    #[default]
    Tagged,
    /// Every unit.
    All,
    /// None (the file has only its header).
    None,
}

/// How rows are written: CSV (the files, and `--stdout` by default) or
/// JSON Lines (`--format jsonl`, one object per row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum RowFormat {
    /// RFC 4180 CSV with CRLF line ends.
    #[default]
    Csv,
    /// One JSON object per line, keys named as the CSV columns.
    Jsonl,
}

/// The sentence rows of a document or of one block of it, rendered but
/// for the unit index, which for a block depends on the blocks before it:
/// [`RowBlock::render`] fills it in.
#[derive(Debug, Clone, Default)]
pub struct RowBlock {
    /// What comes before the unit index: the document id field.
    head: Vec<u8>,
    /// Each row from its `start` field to its line end, back to back.
    tails: Vec<u8>,
    /// Per row: the unit's index within the block, and where its tail ends.
    rows: Vec<(usize, usize)>,
}

impl RowBlock {
    /// Renders the rows of `tagged` (units of `doc`, a block starting at
    /// byte `byte_base` of its document) that `which` selects.
    pub fn new(
        doc: &Document,
        tagged: &TaggedDoc,
        lexicon: &Lexicon,
        which: SentenceRows,
        byte_base: u64,
        format: RowFormat,
    ) -> Self {
        let head = match format {
            RowFormat::Csv => {
                let mut h = csv_field(&doc.id);
                h.push(b',');
                h
            }
            RowFormat::Jsonl => {
                let mut h = b"{\"doc\":".to_vec();
                json_string(&mut h, &doc.id);
                h.extend_from_slice(b",\"sentence\":");
                h
            }
        };
        let mut block = RowBlock { head, ..RowBlock::default() };
        if which == SentenceRows::None {
            return block;
        }
        let mut csv = Vec::new();
        let mut json = Vec::new();
        let mut terms = String::new();
        let mut text = String::new();
        let mut num = itoa::Buffer::new();
        for (i, unit) in tagged.units.iter().enumerate() {
            if which == SentenceRows::Tagged && unit.label == Label::None {
                continue;
            }
            let span = doc.map.span_to_original(unit.span);
            let (start, end) = (byte_base + span.start as u64, byte_base + span.end as u64);
            text.clear();
            collapse_whitespace_into(&doc.text[unit.span.range()], &mut text);
            let matches = tagged.matches_of(i);
            if format == RowFormat::Jsonl {
                json_row_tail(
                    &mut json,
                    lexicon,
                    (start, end),
                    unit.label,
                    tagged.hits_of(i),
                    matches,
                    &text,
                );
                block.rows.push((i, json.len()));
                continue;
            }
            terms.clear();
            for (k, m) in matches.iter().enumerate() {
                if k > 0 {
                    terms.push(';');
                }
                terms.push_str(&lexicon.term(m.term).text);
            }
            let out = &mut csv;
            out.extend_from_slice(num.format(start).as_bytes());
            out.push(b',');
            out.extend_from_slice(num.format(end).as_bytes());
            out.push(b',');
            push_csv_field(out, unit.label.name(lexicon).as_bytes());
            for &h in tagged.hits_of(i) {
                out.push(b',');
                out.extend_from_slice(num.format(h).as_bytes());
            }
            out.push(b',');
            push_csv_field(out, terms.as_bytes());
            out.push(b',');
            push_csv_field(out, text.as_bytes());
            out.extend_from_slice(b"\r\n");
            block.rows.push((i, out.len()));
        }
        block.tails = match format {
            RowFormat::Csv => csv,
            RowFormat::Jsonl => json,
        };
        block
    }

    /// Appends the full rows to `out`, numbering units from `first_unit`.
    pub fn render(&self, first_unit: usize, out: &mut Vec<u8>) {
        let mut num = itoa::Buffer::new();
        let mut from = 0;
        for &(i, end) in &self.rows {
            out.extend_from_slice(&self.head);
            out.extend_from_slice(num.format(first_unit + i).as_bytes());
            out.push(b',');
            out.extend_from_slice(&self.tails[from..end]);
            from = end;
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Appends `s` as a JSON string.
fn json_string(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(&mut *out, s).expect("writing JSON to memory cannot fail");
}

/// A JSON Lines sentence row from its `start` key on.
fn json_row_tail(
    out: &mut Vec<u8>,
    lexicon: &Lexicon,
    (start, end): (u64, u64),
    label: Label,
    hits: &[u32],
    matches: &[crate::matcher::Match],
    text: &str,
) {
    let mut num = itoa::Buffer::new();
    out.extend_from_slice(b"\"start\":");
    out.extend_from_slice(num.format(start).as_bytes());
    out.extend_from_slice(b",\"end\":");
    out.extend_from_slice(num.format(end).as_bytes());
    out.extend_from_slice(b",\"label\":");
    json_string(out, label.name(lexicon));
    for (role, &h) in lexicon.roles().iter().zip(hits) {
        out.push(b',');
        json_string(out, role);
        out.push(b':');
        out.extend_from_slice(num.format(h).as_bytes());
    }
    out.extend_from_slice(b",\"terms\":[");
    for (k, m) in matches.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        json_string(out, &lexicon.term(m.term).text);
    }
    out.extend_from_slice(b"],\"text\":");
    json_string(out, text);
    out.extend_from_slice(b"}\n");
}

/// A `documents` row as one JSON Lines object.
pub fn document_json(out: &mut Vec<u8>, s: &DocSummary, label_names: &[String]) {
    let mut num = itoa::Buffer::new();
    out.extend_from_slice(b"{\"doc\":");
    json_string(out, &s.id);
    out.extend_from_slice(b",\"bytes\":");
    out.extend_from_slice(num.format(s.bytes).as_bytes());
    out.extend_from_slice(b",\"sentences\":");
    out.extend_from_slice(num.format(s.units).as_bytes());
    for (name, &n) in label_names.iter().zip(&s.labels) {
        out.push(b',');
        json_string(out, name);
        out.push(b':');
        out.extend_from_slice(num.format(n).as_bytes());
    }
    out.extend_from_slice(b"}\n");
}

/// One value as a CSV field (quoted when it needs to be).
/// Appends one field of a row as the csv crate writes it (the rows of
/// `sentences.csv` are assembled by hand on the hot path): quoted only when
/// it holds a comma, a quote or a line break, quotes doubled.
fn push_csv_field(out: &mut Vec<u8>, field: &[u8]) {
    if memchr::memchr3(b',', b'"', b'\n', field).is_none() && memchr::memchr(b'\r', field).is_none() {
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    let mut from = 0;
    for q in memchr::memchr_iter(b'"', field) {
        out.extend_from_slice(&field[from..=q]);
        out.push(b'"');
        from = q + 1;
    }
    out.extend_from_slice(&field[from..]);
    out.push(b'"');
}

fn csv_field(value: &str) -> Vec<u8> {
    let mut b = csv_bytes(|w| w.write_record([value]));
    b.truncate(b.len() - 2); // the record's CRLF
    b
}

/// Appends the `sentences.csv` rows of one document (or of a block of it
/// whose first unit is `first_unit` and first byte `byte_base`).
pub fn sentence_rows(
    out: &mut Vec<u8>,
    doc: &Document,
    tagged: &TaggedDoc,
    lexicon: &Lexicon,
    which: SentenceRows,
    first_unit: usize,
    byte_base: u64,
) {
    RowBlock::new(doc, tagged, lexicon, which, byte_base, RowFormat::Csv).render(first_unit, out);
}

/// The header of `documents.csv`.
pub fn documents_header(lexicon: &Lexicon) -> Vec<String> {
    let mut h: Vec<String> = ["doc", "bytes", "sentences"].map(String::from).to_vec();
    h.extend(label_names(lexicon));
    h
}

/// The `documents.csv` row of one document.
pub fn document_row(w: &mut csv::Writer<Vec<u8>>, s: &DocSummary) -> csv::Result<()> {
    let mut num = itoa::Buffer::new();
    w.write_field(&s.id)?;
    w.write_field(num.format(s.bytes))?;
    w.write_field(num.format(s.units))?;
    for &n in &s.labels {
        w.write_field(num.format(n))?;
    }
    w.write_record(None::<&[u8]>)
}

/// The header of `errors.csv`.
pub const ERRORS_HEADER: [&str; 2] = ["path", "problem"];

/// The `errors.csv` row of one problem.
pub fn error_row(w: &mut csv::Writer<Vec<u8>>, p: &Problem) -> csv::Result<()> {
    w.write_record([p.path.as_str(), p.message.as_str()])
}

/// Writes `terms.csv`: every lexicon term, zero hits included.
pub fn write_terms(dir: &Path, lexicon: &Lexicon, totals: &Totals) -> Result<AtomicFile, Error> {
    let mut f = AtomicFile::create(dir, "terms.csv")?;
    let bytes = csv_bytes(|w| {
        w.write_record(["role", "kind", "term", "hits", "documents"])?;
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
    let mut f = AtomicFile::create(dir, "summary.csv")?;
    let names = label_names(lexicon);
    let bytes = csv_bytes(|w| {
        let mut header: Vec<String> =
            ["documents", "documents_skipped", "bytes", "sentences"].map(String::from).to_vec();
        header.extend(names.iter().cloned());
        header.extend(names.iter().map(|n| format!("{n}_share")));
        w.write_record(&header)?;
        let mut row = vec![
            totals.documents.to_string(),
            totals.skipped.to_string(),
            totals.bytes.to_string(),
            totals.units.to_string(),
        ];
        row.extend(totals.labels.iter().map(u64::to_string));
        row.extend((0..names.len()).map(|i| format!("{:.6}", totals.share(i))));
        w.write_record(&row)
    });
    f.write_all(&bytes)?;
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
    let mut f = AtomicFile::create(dir, "run.json")?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = AtomicFile::create(dir.path(), "x.csv").unwrap();
        f.write_all(b"a,b\r\n").unwrap();
        assert!(!dir.path().join("x.csv").exists());
        assert!(dir.path().join("x.csv.partial").exists());
        f.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("x.csv")).unwrap(), b"a,b\r\n");
        assert!(!dir.path().join("x.csv.partial").exists());
    }

    #[test]
    fn atomic_file_dropped_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut f = AtomicFile::create(dir.path(), "y.csv").unwrap();
            f.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn large_atomic_file_synced_early_is_whole_or_absent() {
        let dir = tempfile::tempdir().unwrap();
        let chunk: Vec<u8> = (0..=255u8).cycle().take(1 << 20).collect();
        let n = (EARLY_SYNC_BYTES as usize >> 20) * 2 + 3;
        let mut f = AtomicFile::create(dir.path(), "big.csv").unwrap();
        for _ in 0..n {
            f.write_all(&chunk).unwrap();
        }
        assert!(f.early.is_some(), "early syncs started");
        f.commit().unwrap();
        let got = std::fs::read(dir.path().join("big.csv")).unwrap();
        assert_eq!(got.len(), n << 20);
        assert!(got.chunks(1 << 20).all(|c| c == chunk.as_slice()));
        // Dropped after early syncs: nothing is left.
        {
            let mut f = AtomicFile::create(dir.path(), "gone.csv").unwrap();
            for _ in 0..n {
                f.write_all(&chunk).unwrap();
            }
        }
        assert!(!dir.path().join("gone.csv").exists() && !dir.path().join("gone.csv.partial").exists());
    }

    #[test]
    fn atomic_file_truncates_and_writes_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = AtomicFile::create(dir.path(), "t.csv").unwrap();
        f.write_all(b"keep,").unwrap();
        let mark = f.len();
        f.write_all(b"drop this").unwrap();
        f.truncate(mark).unwrap();
        f.write_all(b"then this").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("t.csv")).unwrap(), b"keep,then this");
    }

    #[test]
    fn hand_written_fields_match_the_csv_crate() {
        let fields = [
            "",
            "a",
            "a,b",
            "say \"cut\"",
            "\"",
            "a\r\nb",
            "a\nb",
            "a\rb",
            " lead",
            "#x",
            "caf\u{e9}",
            "1;2",
            "x\ty",
        ];
        for a in fields {
            for b in fields {
                let want = csv_bytes(|w| w.write_record(["0", a, b]));
                let mut got = b"0,".to_vec();
                push_csv_field(&mut got, a.as_bytes());
                got.push(b',');
                push_csv_field(&mut got, b.as_bytes());
                got.extend_from_slice(b"\r\n");
                assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn row_blocks_number_units_from_their_base() {
        use crate::tag::Tagger;
        let lex = Lexicon::builtin();
        let tagger = Tagger::new(lex.clone(), crate::text::segment::UnitMode::Sentence);
        let doc = crate::input::decode_text("a,b.txt", b"Directed by Ann. Rain. Produced by Bo.".to_vec());
        let tagged = tagger.tag_text(&doc.text);
        let mut out = Vec::new();
        sentence_rows(&mut out, &doc, &tagged, &lex, SentenceRows::Tagged, 10, 100);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\"a,b.txt\",10,100,116,director,1,0,directed by,Directed by Ann.\r\n\
             \"a,b.txt\",12,123,138,producer,0,1,produced by,Produced by Bo.\r\n"
        );
    }

    #[test]
    fn csv_quotes_per_rfc4180() {
        let b = csv_bytes(|w| w.write_record(["a,b", "say \"hi\"", "plain"]));
        assert_eq!(b, b"\"a,b\",\"say \"\"hi\"\"\",plain\r\n");
    }
}
