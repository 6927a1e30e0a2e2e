//! Opening an input on the scanning thread: the file or stdin, counted
//! for progress, decompressed when it is gzip (by name or by its magic
//! bytes).
//!
//! The counting adapter is ours rather than indicatif's `wrap_read` because
//! the library reports progress through [`crate::scan::Observer`] and does
//! not depend on a progress-bar crate.

use std::cell::Cell;
use std::io::BufRead;
use std::rc::Rc;

use super::{Input, Source};

/// Counts the bytes read through it: an input's own bytes, before any
/// decompression, for the progress bar.
struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: std::io::Read> std::io::Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// An input opened by the main thread: decompressed when gzip (named
/// `.gz`, or starting with gzip's magic bytes).
pub struct Opened {
    /// The input's bytes, decompressed.
    pub reader: Box<dyn BufRead>,
    /// Whether the input was gzip.
    pub gzip: bool,
    /// Counts the input's own bytes as they are read.
    pub meter: Meter,
}

/// How many of an input's bytes were read, for the progress bar.
pub struct Meter {
    read: Rc<Cell<u64>>,
    /// Bytes of `read` already shown.
    shown: u64,
}

/// Opens `input` for reading on this thread; `gzip` says its name asks for
/// decompression (the magic bytes are checked either way).
///
/// # Errors
/// The error of opening the file or of its first read.
pub fn open(input: &Input, gzip: bool) -> std::io::Result<Opened> {
    let read = Rc::new(Cell::new(0));
    let raw: Box<dyn std::io::Read> = match &input.source {
        Source::File(path) => Box::new(std::fs::File::open(path)?),
        Source::Stdin => Box::new(std::io::stdin().lock()),
    };
    let counted = Counting { inner: raw, count: Rc::clone(&read) };
    let mut reader: Box<dyn BufRead> = Box::new(std::io::BufReader::with_capacity(1 << 16, counted));
    let head = fill(&mut reader)?;
    // An empty file is empty, whatever its name says.
    let gzip = (gzip && !head.is_empty()) || is_gzip(head);
    let reader = if gzip { gunzip(reader) } else { reader };
    Ok(Opened { reader, gzip, meter: Meter { read, shown: 0 } })
}

impl Meter {
    /// Bytes of the input read since the last call.
    pub fn take_new(&mut self) -> u64 {
        let now = self.read.get();
        let new = now - self.shown;
        self.shown = now;
        new
    }
}

/// The reader's first buffered bytes (retrying interrupted reads).
fn fill(reader: &mut Box<dyn BufRead>) -> std::io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            _ => break,
        }
    }
    reader.fill_buf()
}

/// Decompresses gzip input (several members, as in `.warc.gz`).
pub fn gunzip<'a>(input: impl BufRead + 'a) -> Box<dyn BufRead + 'a> {
    // The bufread decoder reads from the input's own buffer: no second one.
    Box::new(std::io::BufReader::with_capacity(1 << 16, flate2::bufread::MultiGzDecoder::new(input)))
}

/// True when `bytes` start like gzip data.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}
