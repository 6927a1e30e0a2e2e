//! WARC and WET: records cut by their `Content-Length`; `response` and
//! `conversion` records are documents, every other type is passed over.
//!
//! A `Content-Length` can lie. After a record's declared block the reader
//! checks what follows: white space (line ends, lines of spaces) and then
//! the next `WARC/` version line, or the end of the file. When something
//! else follows, the length is wrong:
//!
//! - too long (it runs into the next record, or past the end of the file):
//!   the block's bytes, already read, are searched for the first line that
//!   starts with `WARC/`; the record is skipped with a row
//!   ([`RecordFault::LengthPastRecord`]) and reading goes on from that
//!   line;
//! - too short (the block ends inside a line, and no record starts inside
//!   it): the record is skipped with a row ([`RecordFault::LengthShort`])
//!   and reading goes on at the next version line;
//! - otherwise (the block ends at a line end and junk follows) the record
//!   is read, and the junk gets its own row as junk between records does.
//!
//! The bytes read ahead stay in one buffer that the reader owns and reads
//! before its input ([`Source`]): going back to a record found inside a
//! block is moving a position in that buffer, never wrapping the input in
//! another reader. Each byte is read once from the input, searched at most
//! once for a version line and copied a bounded number of times (and at
//! most [`LOOK`] and 4 bytes are looked at past each block), so the work
//! stays linear however many lengths lie; the buffer holds at most about
//! the record limit ([`MAX_RECORD_BYTES`]) and a quarter.
//!
//! Limits: a length that ends in the line ends after its block, or exactly
//! where a later record starts or in the line ends before it, cannot be
//! told from a true one (the bytes up to there are read as this record's
//! block, later records included); a run of more than [`LOOK`] bytes of
//! white space after a block is taken for the separator and the length
//! trusted. A block declared longer than [`MAX_RECORD_BYTES`] is skipped as
//! too long, as it is not held; the bytes from the first record found
//! inside it are held, up to the same limit, so that when the block's
//! declared end (or the file's end) comes within that limit of it and the
//! length proves wrong, reading goes on from there. When it comes later,
//! the records from there to the declared end are lost, and said so
//! ([`RecordFault::LengthPastLost`]).

use std::io::{BufRead, Read};

use super::lines::{read_line_capped, stream_error};
use super::{MAX_RECORD_BYTES, Payload, Place, RawRecord, RecordError, RecordFault};

/// How many bytes after a block are looked at to see whether the next
/// record (or the end of the file) follows it.
pub(super) const LOOK: usize = 256;

/// How much of a block over [`MAX_RECORD_BYTES`] is looked at at a time,
/// while it is searched for a record inside it.
const CHUNK: usize = 1 << 20;

/// Room reserved ahead of bytes not yet read: more comes as they do.
const RESERVE: usize = 1 << 20;

/// The most bytes [`Source`] ever holds: a block at the record limit and
/// what is looked at after it, and up to a quarter more already read.
const HELD_MAX: usize = (MAX_RECORD_BYTES + LOOK + 4) / 4 * 5 + 8;

/// The stream a [`WarcReader`] reads: the bytes it holds (read ahead, or
/// put back to read again) first, then the input. One buffer, owned here;
/// going back is moving `pos`.
struct Source<'a> {
    input: Box<dyn BufRead + 'a>,
    /// `held[pos..]` comes before the input.
    held: Vec<u8>,
    pos: usize,
    /// Bytes of the stream consumed so far.
    offset: u64,
    /// A read error met while looking past a whole block: handed out by
    /// the next read that needs the input.
    failed: Option<std::io::Error>,
}

impl<'a> Source<'a> {
    fn new(input: Box<dyn BufRead + 'a>) -> Source<'a> {
        Source { input, held: Vec::new(), pos: 0, offset: 0, failed: None }
    }

    /// The bytes held and not yet read.
    fn pending(&self) -> &[u8] {
        &self.held[self.pos..]
    }

    /// Makes at least `n` bytes pending (fewer only at the end of the
    /// input), reading them from the input; returns how many are pending.
    fn hold(&mut self, n: usize) -> std::io::Result<usize> {
        let have = self.held.len() - self.pos;
        if have >= n {
            return Ok(have);
        }
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        // The bytes already read are dropped once they are a quarter of
        // those pending or more: each byte is moved at most four times on
        // average, and the buffer holds at most a quarter more than what
        // is pending.
        if self.pos > 0 && self.pos >= have / 4 {
            self.held.drain(..self.pos);
            self.pos = 0;
        }
        let want = n - have;
        // Room for what is asked and a look past it, but room for more than
        // [`RESERVE`] only as bytes come: a length that lies must not take
        // (or have the allocator commit) tens of MiB for a few bytes.
        room(&mut self.held, want.min(RESERVE) + LOOK + 4);
        let mut left = want;
        while left > 0 {
            let available = crate::input::open::fill(self.input.as_mut())?;
            if available.is_empty() {
                break;
            }
            let n = available.len().min(left);
            room(&mut self.held, n + LOOK + 4);
            self.held.extend_from_slice(&available[..n]);
            self.input.consume(n);
            left -= n;
        }
        Ok(self.held.len() - self.pos)
    }

    /// As [`Source::hold`], but a read error is kept for the next read
    /// that needs the input (the bytes before it are whole).
    fn hold_ahead(&mut self, n: usize) -> usize {
        match self.hold(n) {
            Ok(have) => have,
            Err(e) => {
                self.failed = Some(e);
                self.held.len() - self.pos
            }
        }
    }

    /// Takes `n` pending bytes out.
    fn take_out(&mut self, n: usize) -> Vec<u8> {
        let tail = self.held.len() - self.pos - n;
        let out = if self.pos == 0 && tail <= n {
            // The block is the buffer's front: hand the buffer over and
            // keep the few bytes after it.
            let rest = self.held.split_off(n);
            let mut out = std::mem::replace(&mut self.held, rest);
            if out.capacity() > 2 * n + 4096 {
                out.shrink_to_fit();
            }
            self.offset += n as u64;
            if self.held.is_empty() {
                self.release();
            }
            out
        } else {
            let out = self.pending()[..n].to_vec();
            self.consume(n);
            out
        };
        debug_assert_eq!(out.len(), n);
        out
    }

    /// Forgets the bytes held once all are read (a buffer grown for a
    /// large block is freed).
    fn release(&mut self) {
        self.held.clear();
        self.pos = 0;
        if self.held.capacity() > 1 << 20 {
            self.held = Vec::new();
        }
    }
}

/// Makes room in `held` for `more` bytes after those in it: doubled as it
/// grows (so small steps stay cheap), but not past what is ever held.
fn room(held: &mut Vec<u8>, more: usize) {
    let need = held.len() + more;
    if need > held.capacity() {
        let room = need.max((2 * held.capacity()).min(HELD_MAX));
        held.reserve_exact(room - held.len());
    }
}

impl Read for Source<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Source<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos < self.held.len() {
            return Ok(&self.held[self.pos..]);
        }
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.input.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.offset += n as u64;
        if self.pos < self.held.len() {
            self.pos += n;
            debug_assert!(self.pos <= self.held.len());
            if self.pos >= self.held.len() {
                self.release();
            }
        } else {
            self.input.consume(n);
        }
    }
}

/// WARC record framing: a version line, header lines, a blank line, then
/// `Content-Length` bytes of block. A record whose header is broken is
/// reported and the reader looks for the next version line; a record whose
/// length is wrong is reported and the reader goes on from the record
/// inside its block, or the next version line (see the module's doc).
pub(super) struct WarcReader<'a> {
    src: Source<'a>,
    record: u64,
    line: Vec<u8>,
    /// Where `line` starts in the stream.
    line_at: u64,
    /// True when `line` was read but not yet used (a version line found
    /// while skipping).
    pending: bool,
}

/// Header blocks longer than this are broken.
const MAX_WARC_HEADER: usize = 1 << 20;

/// What a record's declared block turned out to be.
enum Block {
    /// Where its length says: its bytes when asked for and within the
    /// record limit.
    Whole(Option<Vec<u8>>),
    /// Its length is wrong: the record is skipped with this row, and the
    /// reader is at the next record or (for a length too short) where
    /// skipping to the next version line starts.
    Wrong(RecordFault),
}

impl<'a> WarcReader<'a> {
    pub(super) fn new(input: Box<dyn BufRead + 'a>) -> WarcReader<'a> {
        WarcReader { src: Source::new(input), record: 0, line: Vec::new(), line_at: 0, pending: false }
    }

    fn read_line(&mut self) -> std::io::Result<usize> {
        if self.pending {
            self.pending = false;
            return Ok(self.line.len());
        }
        self.line_at = self.src.offset;
        read_line_capped(&mut self.src, &mut self.line, 64 << 10)
    }

    fn is_version(line: &[u8]) -> bool {
        line.starts_with(b"WARC/")
    }

    pub(super) fn next_record(&mut self) -> Option<Result<RawRecord, RecordError>> {
        loop {
            // Skip the blank lines between records, and after a broken
            // record everything up to the next version line.
            let start = loop {
                let read = self.read_line();
                let at = self.line_at;
                match read {
                    Ok(0) => return None,
                    Ok(_) if Self::is_version(&self.line) => break at,
                    Ok(_) if self.line.iter().all(u8::is_ascii_whitespace) => continue,
                    Ok(_) => {
                        // Junk is no record: its place is the record before
                        // it, so later records keep their true numbers.
                        let place = Place::Record(self.record);
                        let found = preview(&self.line);
                        let resumed = self.skip_to_version();
                        let fault = RecordFault::NotVersionLine { found, resumed };
                        return Some(Err(RecordError::at_byte(place, at, fault)));
                    }
                    Err(e) => return Some(Err(stream_error(Place::Record(self.record + 1), &e))),
                }
            };
            self.record += 1;
            let place = Place::Record(self.record);
            match self.read_record(place, start) {
                Ok(Some(r)) => return Some(Ok(r)),
                Ok(None) => continue, // a record that is not a document
                Err(e) => {
                    if !e.fatal() && !self.pending {
                        // The block's length is unknown: resynchronise (a
                        // record found inside a block is the next line).
                        self.skip_to_version();
                    }
                    return Some(Err(e));
                }
            }
        }
    }

    /// Reads lines until one starts a record; leaves it as the pending line.
    fn skip_to_version(&mut self) -> bool {
        loop {
            match self.read_line() {
                Ok(0) | Err(_) => return false,
                Ok(_) if Self::is_version(&self.line) => {
                    self.pending = true;
                    return true;
                }
                Ok(_) => {}
            }
        }
    }

    fn read_record(&mut self, place: Place, start: u64) -> Result<Option<RawRecord>, RecordError> {
        let broken = |fault| RecordError::at_byte(place, start, fault);
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut size = 0;
        loop {
            let n = self.read_line().map_err(|e| stream_error(place, &e))?;
            if n == 0 {
                return Err(broken(RecordFault::EndsInHeader));
            }
            size += n;
            if size > MAX_WARC_HEADER {
                return Err(broken(RecordFault::HeaderTooLong { limit_mib: MAX_WARC_HEADER >> 20 }));
            }
            let line = trim_eol(&self.line);
            if line.is_empty() {
                break;
            }
            if Self::is_version(line) {
                self.pending = true;
                return Err(broken(RecordFault::HeaderUnfinished));
            }
            if matches!(line[0], b' ' | b'\t') {
                if let Some((_, v)) = headers.last_mut() {
                    v.push(' ');
                    v.push_str(String::from_utf8_lossy(line).trim());
                }
                continue;
            }
            let Some(colon) = memchr::memchr(b':', line) else {
                return Err(broken(RecordFault::HeaderNoColon { line: preview(line) }));
            };
            let name = String::from_utf8_lossy(&line[..colon]).trim().to_ascii_lowercase();
            let value = String::from_utf8_lossy(&line[colon + 1..]).trim().to_string();
            headers.push((name, value));
        }
        let get = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        let length = match get("content-length") {
            Some(v) => match v.parse::<u64>() {
                Ok(n) => n,
                Err(_) if is_negative(v) => {
                    return Err(broken(RecordFault::NegativeLength { value: preview(v.as_bytes()) }));
                }
                Err(_) => return Err(broken(RecordFault::BadLength)),
            },
            None => return Err(broken(RecordFault::NoLength)),
        };
        let kind = get("warc-type").unwrap_or("").to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "conversion");
        let block = if length > MAX_RECORD_BYTES as u64 {
            self.read_long_block(length)
        } else {
            self.read_block(length as usize, wanted)
        };
        let block = match block.map_err(|e| stream_error(place, &e))? {
            Block::Whole(bytes) => bytes,
            Block::Wrong(fault) => return Err(broken(fault)),
        };
        if !wanted {
            return Ok(None);
        }
        let Some(block) = block else {
            return Err(broken(RecordFault::TooLong { limit_mib: MAX_RECORD_BYTES >> 20 }));
        };
        let id = get("warc-target-uri").or(get("warc-record-id")).map(str::to_string);
        let payload = if kind == "response" {
            let identified = get("warc-identified-payload-type").map(str::to_string);
            Payload::Http { block, identified }
        } else {
            Payload::Text(block)
        };
        Ok(Some(RawRecord {
            place,
            id,
            payload,
            kept: Vec::new(),
            columns: Vec::new(),
            parts: Vec::new(),
            note: None,
        }))
    }

    /// Reads a block of `n` bytes (at most [`MAX_RECORD_BYTES`]) into the
    /// held bytes, checks what follows it, and takes it out when `keep`.
    fn read_block(&mut self, n: usize, keep: bool) -> std::io::Result<Block> {
        let have = self.src.hold(n)?;
        if have < n {
            return Ok(self.ends_inside(n as u64, have));
        }
        let have = self.src.hold_ahead(n + LOOK + 4);
        let pending = self.src.pending();
        if let Follow::Other { line_end } = follows(pending, n) {
            // (Both reads above stopped only at the end of the input or
            // after 4 bytes past the block: a version line that starts in
            // it is whole.)
            if let Some(i) = find_version_line(&pending[..have.min(n + 4)], n, true) {
                let likely = likely_length(&pending[..i]);
                self.src.consume(i);
                let next = self.src.offset;
                return Ok(Block::Wrong(RecordFault::LengthPastRecord {
                    length: n as u64,
                    next,
                    into: i as u64,
                    likely,
                    file_ends: None,
                }));
            }
            if !line_end {
                let found = preview(after(&pending[n..]));
                self.src.consume(n);
                return Ok(Block::Wrong(RecordFault::LengthShort { length: n as u64, found }));
            }
            // Junk after a block that ends at a line end: the block is
            // taken as whole, the junk gets its own row.
        }
        if keep {
            Ok(Block::Whole(Some(self.src.take_out(n))))
        } else {
            self.src.consume(n);
            Ok(Block::Whole(None))
        }
    }

    /// The input ends `have` bytes into a block of `length` (the pending
    /// bytes): reading goes on from a record inside them, or the file ends
    /// inside the record.
    fn ends_inside(&mut self, length: u64, have: usize) -> Block {
        let pending = self.src.pending();
        if let Some(i) = find_version_line(&pending[..have], have, true) {
            let likely = likely_length(&pending[..i]);
            self.src.consume(i);
            return Block::Wrong(RecordFault::LengthPastRecord {
                length,
                next: self.src.offset,
                into: i as u64,
                likely,
                file_ends: Some(have as u64),
            });
        }
        self.src.consume(have);
        Block::Wrong(RecordFault::EndsInRecord { got: have as u64, length })
    }

    /// A block over [`MAX_RECORD_BYTES`]: read through (not held) while it
    /// is searched for a record inside it; from the first one found, up to
    /// the limit is held in case the length proves wrong.
    fn read_long_block(&mut self, length: u64) -> std::io::Result<Block> {
        let mut done = 0u64;
        let mut line_start = true;
        while done < length {
            let chunk = (length - done).min(CHUNK as u64) as usize;
            let have = self.src.hold(chunk + 4)?;
            let n = chunk.min(have);
            let pending = self.src.pending();
            if let Some(i) = find_version_line(&pending[..have.min(chunk + 4)], n, line_start) {
                let likely = done + likely_length(&pending[..i]);
                self.src.consume(i);
                return self.go_back_in_long(length, done + i as u64, likely);
            }
            if have < chunk {
                self.src.consume(have);
                let got = done + have as u64;
                return Ok(Block::Wrong(RecordFault::EndsInRecord { got, length }));
            }
            line_start = pending[n - 1] == b'\n';
            self.src.consume(n);
            done += n as u64;
        }
        // No record inside: a long record, whatever follows.
        Ok(Block::Whole(None))
    }

    /// In a block over the limit, a record starts `into` bytes in (the
    /// reader is there): held up to the limit, it is gone back to when the
    /// length proves wrong within that.
    fn go_back_in_long(&mut self, length: u64, into: u64, likely: u64) -> std::io::Result<Block> {
        let next = self.src.offset;
        let rest = length - into;
        let past = |file_ends| RecordFault::LengthPastRecord { length, next, into, likely, file_ends };
        if rest <= MAX_RECORD_BYTES as u64 {
            let r = rest as usize;
            let have = self.src.hold(r)?;
            if have < r {
                return Ok(Block::Wrong(past(Some(into + have as u64))));
            }
            self.src.hold_ahead(r + LOOK + 4);
            if let Follow::Other { .. } = follows(self.src.pending(), r) {
                return Ok(Block::Wrong(past(None)));
            }
            self.src.consume(r);
            return Ok(Block::Whole(None));
        }
        let have = self.src.hold(MAX_RECORD_BYTES)?;
        if have < MAX_RECORD_BYTES {
            return Ok(Block::Wrong(past(Some(into + have as u64))));
        }
        // Too far to hold: read on to the declared end.
        let mut left = rest;
        while left > 0 {
            let available = crate::input::open::fill(&mut self.src)?;
            if available.is_empty() {
                break;
            }
            let n = available.len().min(left.min(usize::MAX as u64) as usize);
            self.src.consume(n);
            left -= n as u64;
        }
        let to = self.src.offset;
        let limit_mib = MAX_RECORD_BYTES >> 20;
        if left > 0 {
            return Ok(Block::Wrong(RecordFault::LengthPastLost {
                length,
                next,
                to,
                at_end: true,
                limit_mib,
            }));
        }
        self.src.hold_ahead(LOOK + 4);
        match follows(self.src.pending(), 0) {
            Follow::Other { .. } => {
                Ok(Block::Wrong(RecordFault::LengthPastLost { length, next, to, at_end: false, limit_mib }))
            }
            Follow::Record => Ok(Block::Whole(None)),
        }
    }
}

/// What follows a block.
#[derive(Debug, PartialEq, Eq)]
enum Follow {
    /// White space, then a version line or the end of the file (or more
    /// than [`LOOK`] bytes of white space: taken for the separator).
    Record,
    /// Something else; `line_end` when the block ends at a line end (its
    /// last byte, or the first after it, ends a line).
    Other {
        /// True when the block ends at a line end.
        line_end: bool,
    },
}

/// What follows the block `bytes[..n]` (the bytes after it as far as they
/// are held: [`LOOK`] of them and 4 more, fewer at the end of the input).
fn follows(bytes: &[u8], n: usize) -> Follow {
    let rest = &bytes[n..];
    let look = &rest[..rest.len().min(LOOK)];
    let Some(q) = look.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n')) else {
        // White space to the end of the file, or more of it than is looked at.
        return Follow::Record;
    };
    let at_line_start = q == 0 || look[q - 1] == b'\n';
    if at_line_start && rest[q..].starts_with(b"WARC/") {
        return Follow::Record;
    }
    let line_end = n == 0 || bytes[n - 1] == b'\n' || matches!(rest[0], b'\r' | b'\n');
    Follow::Other { line_end }
}

/// The first line that starts with `WARC/` at an offset below `limit` of
/// `bytes` (a line starts at 0 when `line_start`, and after each `\n`).
fn find_version_line(bytes: &[u8], limit: usize, line_start: bool) -> Option<usize> {
    if limit == 0 {
        return None;
    }
    if line_start && bytes.starts_with(b"WARC/") {
        return Some(0);
    }
    let end = bytes.len().min(limit + 5);
    memchr::memmem::find(&bytes[..end], b"\nWARC/").map(|i| i + 1).filter(|&i| i < limit)
}

/// The length of a block that `bytes` (up to the next record) holds: less
/// the line ends (at most 4, `\r\n\r\n`) that close a block.
fn likely_length(bytes: &[u8]) -> u64 {
    let ends = bytes.iter().rev().take(4).take_while(|b| matches!(b, b'\r' | b'\n')).count();
    (bytes.len() - ends) as u64
}

/// The line that follows a block, as far as it is held.
fn after(bytes: &[u8]) -> &[u8] {
    let line = &bytes[..bytes.len().min(LOOK)];
    memchr::memchr(b'\n', line).map_or(line, |i| &line[..i])
}

/// A `Content-Length` that is a minus sign and digits.
fn is_negative(v: &str) -> bool {
    v.strip_prefix('-').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn preview(line: &[u8]) -> String {
    let s = String::from_utf8_lossy(trim_eol(line));
    let mut p: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        p.push('…');
    }
    p
}

#[cfg(test)]
mod tests {
    use super::super::{Fields, Format, RecordReader, extract};
    use super::*;

    /// A record of `kind` holding `block`, its Content-Length `length`
    /// (the block's own when `None`), closed by `\r\n\r\n`.
    fn rec(kind: &str, uri: &str, block: &str, length: Option<&str>) -> Vec<u8> {
        let length = length.map_or_else(|| block.len().to_string(), str::to_string);
        format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {length}\r\n\r\n{block}\r\n\r\n"
        )
        .into_bytes()
    }

    fn conv(uri: &str, text: &str) -> Vec<u8> {
        rec("conversion", uri, text, None)
    }

    /// What a file gives, read through buffers of several sizes (a buffer
    /// of 1 or 7 bytes cuts every look past a block): `uri text` for a
    /// document, the message for a row. All sizes must agree.
    fn read(data: &[u8]) -> Vec<String> {
        let mut seen: Option<Vec<String>> = None;
        for capacity in [1, 7, 64, 1 << 16] {
            let input = Box::new(std::io::BufReader::with_capacity(capacity, data));
            let got: Vec<String> = RecordReader::new(Format::Warc, input, &Fields::default())
                .map(|r| match r.map(|raw| extract(raw, &Fields::default())) {
                    Ok(Ok(Some(doc))) => format!("{} {}", doc.id, String::from_utf8_lossy(&doc.text)),
                    Ok(Ok(None)) => "none".into(),
                    Ok(Err(e)) | Err(e) => e.to_string(),
                })
                .collect();
            match &seen {
                Some(s) => assert_eq!(&got, s, "buffer of {capacity} bytes"),
                None => seen = Some(got),
            }
        }
        seen.unwrap()
    }

    /// Where each record of `records` starts when they are concatenated.
    fn starts(records: &[Vec<u8>]) -> Vec<usize> {
        records.iter().scan(0, |at, r| Some(std::mem::replace(at, *at + r.len()))).collect()
    }

    #[test]
    fn a_good_file_reads_as_before() {
        // Trailers of every sort: CRLF CRLF, LF LF, none, lines of spaces
        // and tabs (a whitespace-only line after a good record kept it).
        let mut bare = conv("u3", "Three.");
        bare.truncate(bare.len() - 4);
        let mut lf = conv("u4", "Four.\nLine two.");
        lf.truncate(lf.len() - 4);
        lf.extend(b"\n\n");
        let mut spaced = conv("u5", "Five.");
        spaced.extend(b"   \r\n\t\r\n \n");
        let records = [
            rec("warcinfo", "", "software: x\r\n", None),
            conv("u1", "One. WARC/1.0 in the text,\r\nWARC/1.1\r\nand as a line."),
            bare,
            lf,
            spaced,
            rec("request", "u6", "GET / HTTP/1.1\r\n\r\n", None),
            rec("conversion", "u7", "", None),
            b"WARC/1.1\r\nWARC-Type: conversion\r\n\r\nno length\r\n\r\n".to_vec(),
            conv("u9", "Nine."),
        ];
        let at = starts(&records);
        let got = read(&records.concat());
        assert_eq!(
            got,
            [
                "u1 One. WARC/1.0 in the text,\r\nWARC/1.1\r\nand as a line.".to_string(),
                "u3 Three.".into(),
                "u4 Four.\nLine two.".into(),
                "u5 Five.".into(),
                "u7 ".into(),
                format!("record 8 (byte {}): no Content-Length header, skipped", at[7]),
                "u9 Nine.".into(),
            ]
        );
        // The same at the end of a file, with and without line ends.
        assert_eq!(read(&conv("u1", "One.")), ["u1 One."]);
        let mut bare = conv("u1", "One.");
        bare.truncate(bare.len() - 4);
        assert_eq!(read(&bare), ["u1 One."]);
        bare.extend(b"\r\n \r\n");
        assert_eq!(read(&bare), ["u1 One."]);
    }

    #[test]
    fn a_length_a_few_bytes_too_long_loses_no_record() {
        // 5 to 8 bytes too long: the block ends inside the next version
        // line (`W`, `WA`, `WAR`, `WARC`), which is read all the same.
        for over in 5..=12 {
            let length = (4 + over).to_string();
            let records =
                [conv("u1", "One."), rec("conversion", "u2", "Two.", Some(&length)), conv("u3", "Three.")];
            let at = starts(&records);
            let got = read(&records.concat());
            assert_eq!(
                got,
                [
                    "u1 One.".to_string(),
                    format!(
                        "record 2 (byte {}): its Content-Length ({length} bytes) runs past the record: the next record starts 8 bytes into the block, at byte {}; record skipped, the records from byte {} are read (the block looks 4 bytes long: with that Content-Length the record would be read)",
                        at[1], at[2], at[2]
                    ),
                    "u3 Three.".into(),
                ],
                "{over} bytes too long"
            );
        }
    }

    #[test]
    fn a_length_past_the_next_record_loses_no_record() {
        // Record 2 runs into record 4; record 3 lies too (into record 4),
        // and a request (not a document) runs into record 5.
        let third = conv("u3", "Three.");
        let fourth = conv("u4", "Four, a longer record than the others.");
        let into_4 = (4 + 4 + third.len() + 30).to_string();
        let into_4_again = (6 + 4 + 20).to_string();
        let records = [
            conv("u1", "One."),
            rec("conversion", "u2", "Two.", Some(&into_4)),
            rec("conversion", "u3", "Three.", Some(&into_4_again)),
            fourth,
            rec("request", "r5", "GET / HTTP/1.1\r\n\r\n", Some("60")),
            conv("u6", "Six."),
        ];
        let at = starts(&records);
        let got = read(&records.concat());
        let past = |n: usize, length: &str, into: usize, next: usize, likely: usize| {
            format!(
                "record {n} (byte {}): its Content-Length ({length} bytes) runs past the record: the next record starts {into} bytes into the block, at byte {}; record skipped, the records from byte {} are read (the block looks {likely} bytes long: with that Content-Length the record would be read)",
                at[n - 1],
                at[next - 1],
                at[next - 1]
            )
        };
        assert_eq!(
            got,
            [
                "u1 One.".to_string(),
                past(2, &into_4, 8, 3, 4),
                past(3, &into_4_again, 10, 4, 6),
                "u4 Four, a longer record than the others.".into(),
                past(5, "60", 22, 6, 18),
                "u6 Six.".into(),
            ]
        );
    }

    #[test]
    fn a_length_past_the_end_of_the_file_loses_no_record_inside() {
        // Record 2 runs past the next records and the end of the file;
        // record 4 (inside it) does too.
        let records = [
            conv("u1", "One."),
            rec("conversion", "u2", "Two.", Some("5000")),
            conv("u3", "Three."),
            rec("response", "u4", "HTTP/1.1 200 OK\r\n\r\nFour.", Some("900")),
            conv("u5", "Five."),
        ];
        let at = starts(&records);
        let data = records.concat();
        let got = read(&data);
        let ends = |n: usize, length: usize| {
            let block = if n == 2 { 4 } else { 24 };
            let got = data.len() - (at[n - 1] + records[n - 1].len() - 4 - block);
            format!(
                "record {n} (byte {}): the file ends {got} bytes into the block, short of its Content-Length ({length} bytes), and a record starts {} bytes into it, at byte {}: the length is wrong; record skipped, the records from byte {} are read (the block looks {} bytes long: with that Content-Length the record would be read)",
                at[n - 1],
                if n == 2 { 8 } else { 28 },
                at[n],
                at[n],
                block,
            )
        };
        assert_eq!(
            got,
            ["u1 One.".to_string(), ends(2, 5000), "u3 Three.".into(), ends(4, 900), "u5 Five.".into()]
        );
        // With no record inside, the file ends inside the record (fatal).
        let mut data = conv("u1", "One.");
        let second = data.len();
        data.extend(rec("conversion", "u2", "Two.", Some("500")));
        assert_eq!(
            read(&data),
            [
                "u1 One.".to_string(),
                format!(
                    "record 2 (byte {second}): the file ends inside the record (8 of 500 bytes: the file is cut short, or its Content-Length is wrong); the records before it are kept"
                )
            ]
        );
    }

    #[test]
    fn a_length_too_short_skips_the_record_not_cuts_it() {
        let records = [
            conv("u1", "One."),
            rec("conversion", "u2", "Two, cut short by its length.", Some("4")),
            conv("u3", "Three."),
        ];
        let at = starts(&records);
        assert_eq!(
            read(&records.concat()),
            [
                "u1 One.".to_string(),
                format!(
                    "record 2 (byte {}): its Content-Length (4 bytes) ends inside a line (\" cut short by its length.\" follows the block), so it is too short; record skipped to the next record (fix the record's Content-Length to read it)",
                    at[1]
                ),
                "u3 Three.".into(),
            ]
        );
        // Short by whole lines: the block ends at a line end, so it is read
        // and the rest is junk between records, as before.
        let records = [rec("conversion", "u1", "One.\r\nTwo.", Some("6")), conv("u2", "Two.")];
        let got = read(&records.concat());
        assert_eq!(got[0], "u1 One.\r\n");
        assert_eq!(
            got[1],
            format!(
                "byte {} (after record 1): expected a `WARC/1.x` version line, found \"Two.\"; skipped to the next record",
                records[0].len() - 8
            )
        );
        assert_eq!(got[2], "u2 Two.");
    }

    #[test]
    fn a_negative_length_says_so() {
        let records = [conv("u1", "One."), rec("conversion", "u2", "Two.", Some("-4")), conv("u3", "Three.")];
        let at = starts(&records);
        assert_eq!(
            read(&records.concat()),
            [
                "u1 One.".to_string(),
                format!("record 2 (byte {}): Content-Length is negative (-4), skipped", at[1]),
                "u3 Three.".into(),
            ]
        );
    }

    #[test]
    fn the_rows_name_the_true_bytes_of_a_gzip_member_per_record() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let gz = |b: &[u8]| {
            let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(b).unwrap();
            e.finish().unwrap()
        };
        let records = [conv("u1", "One."), rec("conversion", "u2", "Two.", Some("50")), conv("u3", "Three.")];
        let at = starts(&records);
        let data: Vec<u8> = records.iter().flat_map(|r| gz(r)).collect();
        let reader =
            RecordReader::new(Format::Warc, crate::input::open::gunzip(&data[..]), &Fields::default());
        let got: Vec<_> = reader.collect();
        assert_eq!(got.len(), 3, "{got:?}");
        let e = got[1].as_ref().unwrap_err();
        assert_eq!((e.place, e.byte), (Place::Record(2), Some(at[1] as u64)));
        assert!(
            matches!(e.fault, RecordFault::LengthPastRecord { length: 50, next, into: 8, likely: 4, file_ends: None } if next == at[2] as u64),
            "{e:?}"
        );
        assert_eq!(got[2].as_ref().unwrap().place, Place::Record(3));
    }

    #[test]
    fn a_length_over_the_limit_loses_no_record_it_can_hold() {
        // Far past the end of a small file: the records inside are read.
        let records = [
            conv("u1", "One."),
            rec("conversion", "u2", "Two.", Some("9000000000")),
            conv("u3", "Three."),
            conv("u4", "Four."),
        ];
        let at = starts(&records);
        let got = read(&records.concat());
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(
            got[1].starts_with(&format!(
                "record 2 (byte {}): the file ends {} bytes into the block, short of its Content-Length (9000000000 bytes), and a record starts 8 bytes into it, at byte {}",
                at[1],
                records.concat().len() - at[1] - (records[1].len() - 8),
                at[2]
            )),
            "{got:?}"
        );
        assert_eq!(got[2..], ["u3 Three.", "u4 Four."]);
        // A true record over the limit that holds a version line: skipped
        // as too long, not read from the line inside; the next is read.
        let mut big = "x".repeat(MAX_RECORD_BYTES);
        big.push_str("\r\nWARC/1.1\r\nContent-Length: 2\r\n\r\nin\r\n\r\n");
        let records = [conv("u1", &big), conv("u2", "Two.")];
        let data = records.concat();
        let reader = RecordReader::new(Format::Warc, Box::new(&data[..]), &Fields::default());
        let got: Vec<String> = reader
            .map(|r| match r {
                Ok(raw) => format!("{:?}", raw.id),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(got, ["record 1 (byte 0): record longer than 64 MiB, skipped", "Some(\"u2\")"]);
        // A length that ends more than the limit after the record inside:
        // too far back to go on from it, the records between are lost and
        // said so; the next version line after the declared end is read.
        let filler = "y".repeat(MAX_RECORD_BYTES + (8 << 20));
        let second = conv("u2", &filler);
        let length = 8 + (second.len() - filler.len() - 4) + MAX_RECORD_BYTES + (1 << 20);
        let records =
            [rec("conversion", "u1", "One.", Some(&length.to_string())), second, conv("u3", "Three.")];
        let at = starts(&records);
        let data = records.concat();
        let reader = RecordReader::new(Format::Warc, Box::new(&data[..]), &Fields::default());
        let got: Vec<String> = reader
            .map(|r| match r {
                Ok(raw) => format!("{:?}", raw.id),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(
            got,
            [
                format!(
                    "record 1 (byte 0): its Content-Length ({length} bytes) runs past the record: a record starts inside the block at byte {}, but more than 64 MiB before the block's declared end, too far back to go on from it; record skipped, and the records from byte {} to byte {} are lost (fix the record's Content-Length to read them)",
                    at[1],
                    at[1],
                    records[0].len() - 8 + length
                ),
                "Some(\"u3\")".into()
            ]
        );
    }

    #[test]
    fn follows_and_version_lines() {
        assert_eq!(follows(b"ab\r\n\r\nWARC/1.0", 2), Follow::Record);
        assert_eq!(follows(b"abWARC/1.0", 2), Follow::Record);
        assert_eq!(follows(b"ab\r\n \t\r\n", 2), Follow::Record);
        assert_eq!(follows(b"ab\r\n  WARC/1.0", 2), Follow::Other { line_end: true });
        assert_eq!(follows(b"abcd", 2), Follow::Other { line_end: false });
        assert_eq!(follows(b"ab\nc", 3), Follow::Other { line_end: true });
        assert_eq!(find_version_line(b"WARC/", 1, true), Some(0));
        assert_eq!(find_version_line(b"WARC/", 1, false), None);
        assert_eq!(find_version_line(b"ab\nWARC/", 3, true), None);
        assert_eq!(find_version_line(b"ab\nWARC/", 4, true), Some(3));
        assert_eq!(likely_length(b"abc\r\n\r\n"), 3);
        assert_eq!(likely_length(b"abc\n\r\n\r\n"), 4);
    }
}
