//! A table file of the output folder in the format chosen
//! (`--output-format csv|parquet`): [`TableFile`] takes the CSV bytes
//! every table is rendered as and writes them as they are, or as a
//! Parquet file ([`crate::output::parquet`], on a thread of its own). Both are [`AtomicFile`]s,
//! committed with the other outputs.

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output::AtomicFile;
use crate::output::parquet::ParquetWriter;

/// The format of the output folder's tables (`--output-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum OutputFormat {
    /// `NAME.csv`: RFC 4180 CSV, CRLF line ends, a header row.
    #[default]
    Csv,
    /// `NAME.parquet`: typed columns, Zstd compressed.
    Parquet,
}

impl OutputFormat {
    /// Its name, as the option and `run.json` say it.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Csv => "csv",
            OutputFormat::Parquet => "parquet",
        }
    }

    /// The format named `name` (as [`OutputFormat::name`] says it).
    pub fn from_name(name: &str) -> Option<OutputFormat> {
        [OutputFormat::Csv, OutputFormat::Parquet].into_iter().find(|f| f.name() == name)
    }

    /// The file name of the table `csv_name` (`sentences.csv`) in this
    /// format (`sentences.parquet`).
    pub fn file(self, csv_name: &str) -> String {
        match self {
            OutputFormat::Csv => csv_name.to_string(),
            OutputFormat::Parquet => format!("{}.parquet", csv_name.strip_suffix(".csv").unwrap_or(csv_name)),
        }
    }

    /// The other format.
    pub fn other(self) -> OutputFormat {
        match self {
            OutputFormat::Csv => OutputFormat::Parquet,
            OutputFormat::Parquet => OutputFormat::Csv,
        }
    }
}

/// Rows held back ([`TableFile::hold`]): in memory, then past
/// [`HOLD_MEMORY`] bytes in an unnamed temporary file in the output folder.
#[derive(Debug, Default)]
struct Held {
    /// CSV: the file's length when holding began.
    from: u64,
    bytes: Vec<u8>,
    spill: Option<std::fs::File>,
}

/// Bytes of held rows kept in memory before they go to a temporary file.
pub const HOLD_MEMORY: usize = 8 << 20;

#[derive(Debug)]
enum Kind {
    Csv(AtomicFile),
    Parquet(ParquetThread),
}

/// Bytes handed to a Parquet table's thread at a time.
const CHUNK_BYTES: usize = 1 << 20;
/// Chunks waiting for that thread at most (memory: about this many MiB).
const CHUNKS_QUEUED: usize = 4;

/// A [`ParquetWriter`] on a thread of its own: converting and compressing
/// rows costs more than rendering them, so the scan's writing thread only
/// hands it chunks of CSV bytes, in order (the file is the same bytes).
#[derive(Debug)]
struct ParquetThread {
    tx: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
    pending: Vec<u8>,
    thread: Option<std::thread::JoinHandle<Result<ParquetWriter, Error>>>,
}

impl ParquetThread {
    fn start(mut w: ParquetWriter) -> Result<ParquetThread, Error> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(CHUNKS_QUEUED);
        let thread = std::thread::Builder::new()
            .name("rolecall-parquet".into())
            .spawn(move || {
                for chunk in rx {
                    w.write(&chunk)?;
                }
                Ok(w)
            })
            .map_err(|e| Error::Invalid(format!("cannot start a thread to write Parquet: {e}")))?;
        Ok(ParquetThread { tx: Some(tx), pending: Vec::with_capacity(CHUNK_BYTES), thread: Some(thread) })
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= CHUNK_BYTES {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<(), Error> {
        let chunk = std::mem::replace(&mut self.pending, Vec::with_capacity(CHUNK_BYTES));
        let sent = self.tx.as_ref().map(|tx| tx.send(chunk));
        match sent {
            Some(Ok(())) => Ok(()),
            // The thread stopped: at an error, which joining returns.
            _ => self.join().map(drop),
        }
    }

    fn join(&mut self) -> Result<ParquetWriter, Error> {
        drop(self.tx.take());
        let thread =
            self.thread.take().ok_or_else(|| Error::Invalid("the Parquet thread has ended".into()))?;
        thread.join().map_err(|_| Error::Invalid("the thread writing Parquet panicked".into()))?
    }

    /// Writes what is left, the footer; the file, ready to commit.
    fn finish(mut self) -> Result<AtomicFile, Error> {
        self.send()?;
        self.join()?.finish()
    }
}

impl Drop for ParquetThread {
    /// Dropped unfinished (an error, a stop): the thread ends, and with it
    /// the temporary file (removed) before this returns.
    fn drop(&mut self) {
        if self.thread.is_some() {
            let _ = self.join();
        }
    }
}

/// One table of the output folder (`sentences`, `documents`, …), written
/// from CSV bytes: the header first, then rows, in any pieces.
#[derive(Debug)]
pub struct TableFile {
    kind: Kind,
    dir: PathBuf,
    held: Option<Held>,
}

impl TableFile {
    /// Creates the table `csv_name` (one of [`crate::output::schema::TABLES`])
    /// in `dir` in `format`, under a temporary name.
    pub fn create(dir: &Path, csv_name: &'static str, format: OutputFormat) -> Result<TableFile, Error> {
        let file = AtomicFile::create(dir, &format.file(csv_name))?;
        let kind = match format {
            OutputFormat::Csv => Kind::Csv(file),
            OutputFormat::Parquet => Kind::Parquet(ParquetThread::start(ParquetWriter::new(csv_name, file))?),
        };
        Ok(TableFile { kind, dir: dir.to_path_buf(), held: None })
    }

    /// Appends CSV bytes (held back while [`TableFile::hold`] is on).
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if let (Some(held), Kind::Parquet(_)) = (&mut self.held, &self.kind) {
            held.bytes.extend_from_slice(bytes);
            if held.bytes.len() >= HOLD_MEMORY {
                let dir = &self.dir;
                let spill = match &mut held.spill {
                    Some(f) => f,
                    None => held.spill.insert(tempfile::tempfile_in(dir).map_err(|e| Error::io(dir, e))?),
                };
                spill.write_all(&held.bytes).map_err(|e| Error::io(dir, e))?;
                held.bytes.clear();
            }
            return Ok(());
        }
        match &mut self.kind {
            Kind::Csv(f) => f.write_all(bytes),
            Kind::Parquet(p) => p.write(bytes),
        }
    }

    /// From here on rows may be taken back ([`TableFile::discard_held`])
    /// until [`TableFile::release`]: the rows of a streamed document, which
    /// may turn out to be binary after its first blocks. A CSV file writes
    /// them and truncates; a Parquet table holds them back (in memory, then
    /// in a temporary file), as rows in its row groups cannot be taken back.
    pub fn hold(&mut self) {
        let from = match &self.kind {
            Kind::Csv(f) => f.len(),
            Kind::Parquet(_) => 0,
        };
        self.held = Some(Held { from, ..Held::default() });
    }

    /// Writes the rows held since [`TableFile::hold`].
    pub fn release(&mut self) -> Result<(), Error> {
        let Some(mut held) = self.held.take() else { return Ok(()) };
        let Kind::Parquet(p) = &mut self.kind else { return Ok(()) };
        if let Some(mut spill) = held.spill.take() {
            let dir = &self.dir;
            spill.rewind().map_err(|e| Error::io(dir, e))?;
            let mut chunk = vec![0; 1 << 20];
            loop {
                let n = spill.read(&mut chunk).map_err(|e| Error::io(dir, e))?;
                if n == 0 {
                    break;
                }
                p.write(&chunk[..n])?;
            }
        }
        p.write(&held.bytes)
    }

    /// Drops the rows written since [`TableFile::hold`].
    pub fn discard_held(&mut self) -> Result<(), Error> {
        let Some(held) = self.held.take() else { return Ok(()) };
        match &mut self.kind {
            Kind::Csv(f) => f.truncate(held.from),
            Kind::Parquet(_) => Ok(()),
        }
    }

    /// The file, complete, to commit ([`crate::output::commit_all`]).
    pub fn finish(mut self) -> Result<AtomicFile, Error> {
        self.release()?;
        match self.kind {
            Kind::Csv(f) => Ok(f),
            Kind::Parquet(p) => p.finish(),
        }
    }
}

impl Write for TableFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf).map_err(std::io::Error::other)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads the table `csv_name` of the folder `dir` whole as CSV bytes (for
/// small tables: `terms`, `summary`, `groups`), from its CSV or Parquet file.
pub fn read_as_csv(dir: &Path, csv_name: &str, format: OutputFormat) -> Result<Vec<u8>, Error> {
    let path = dir.join(format.file(csv_name));
    let mut bytes = Vec::new();
    crate::output::parquet::open_as_csv(&path)?.read_to_end(&mut bytes).map_err(|e| Error::io(&path, e))?;
    Ok(bytes)
}

/// The earlier outputs in `out` that a run writing `format` (with
/// `matches.csv` or not) does not replace and removes at its commit: a
/// report of the earlier run, an earlier `matches.csv`, and every table
/// of the other format.
pub fn stale_outputs(out: &Path, format: OutputFormat, matches: bool, people: bool) -> Vec<PathBuf> {
    use crate::output::schema::{MATCHES, MENTIONS, PEOPLE, REPORT};
    let mut stale = vec![out.join(REPORT)];
    if !matches {
        stale.push(out.join(format.file(MATCHES)));
    }
    if !people {
        stale.extend([MENTIONS, PEOPLE].map(|t| out.join(format.file(t))));
    }
    stale.extend(crate::output::schema::TABLES.iter().map(|t| out.join(format.other().file(t))));
    stale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_rows_are_written_or_dropped_in_both_formats() {
        for format in [OutputFormat::Csv, OutputFormat::Parquet] {
            let dir = tempfile::tempdir().unwrap();
            let mut t = TableFile::create(dir.path(), crate::output::schema::ERRORS, format).unwrap();
            t.write_all(b"path,problem\r\na,one\r\n").unwrap();
            t.hold();
            t.write_all(b"b,dropped\r\n").unwrap();
            t.discard_held().unwrap();
            t.hold();
            // Past the memory bound: through the temporary file.
            let many = "c,kept\r\n".repeat(HOLD_MEMORY / 8 + 10);
            t.write_all(many.as_bytes()).unwrap();
            t.write_all(b"d,kept too\r\n").unwrap();
            t.release().unwrap();
            t.finish().unwrap().commit().unwrap();
            let back = read_as_csv(dir.path(), crate::output::schema::ERRORS, format).unwrap();
            let want = format!("path,problem\r\na,one\r\n{many}d,kept too\r\n");
            assert!(back == want.as_bytes(), "{format:?}");
            // Only the table is left in the folder.
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        }
    }

    #[test]
    fn file_names_per_format() {
        assert_eq!(OutputFormat::Parquet.file("sentences.csv"), "sentences.parquet");
        assert_eq!(OutputFormat::Csv.file("sentences.csv"), "sentences.csv");
        assert_eq!(OutputFormat::from_name("parquet"), Some(OutputFormat::Parquet));
    }
}
