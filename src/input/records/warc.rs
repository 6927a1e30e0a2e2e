//! WARC and WET: records cut by their `Content-Length`; `response` and
//! `conversion` records are documents, every other type is passed over.
//!
//! A `Content-Length` can lie. After a record's declared block the reader
//! checks what follows: white space (line ends, lines of spaces) and then
//! the next `WARC/` version line, or the end of the file. When something
//! else follows, the length is wrong. A record inside a block is a
//! `WARC/` that [`starts_record`] does not rule out (a version line, at a
//! line start or glued to the text before it, then header lines):
//!
//! - too long (it runs into the next record, or past the end of the file,
//!   or the input fails inside it): the block's bytes, already read, are
//!   searched for the first record inside; the record is skipped with a
//!   row ([`RecordFault::LengthPastRecord`]) and reading goes on from it;
//! - but a block followed by its trailer (`\r\n\r\n`) and a record within
//!   [`LOOK`] bytes is whole, whatever it holds, unless the header of the
//!   record inside runs to its declared end ([`trailer_then_record`]);
//! - too short (the block ends inside a line, and no record starts inside
//!   it): the record is skipped with a row ([`RecordFault::LengthShort`])
//!   and reading goes on at the next version line (or the row says the
//!   file ends);
//! - otherwise (the block ends at a line end and junk follows) the record
//!   is read, and the junk gets its own row as junk between records does.
//!
//! The bytes read ahead stay in one buffer that the reader owns and reads
//! before its input ([`Source`]): going back to a record found inside a
//! block is moving a position in that buffer, never wrapping the input in
//! another reader. Each byte is read once from the input, searched a
//! bounded number of times for a record and copied a bounded number of
//! times (and at most [`LOOK`] and 4 bytes are looked at past each block),
//! so the work stays linear however many lengths lie. A document's block
//! is held whole, in room for exactly it; a block that is not a document
//! is read through a chunk ([`CHUNK`]) at a time and held only from the
//! first record that may start in it. The buffer holds at most about the
//! record limit ([`MAX_RECORD_BYTES`]) and a quarter.
//!
//! Limits: a length that ends in the line ends after its block, or exactly
//! where a later record starts or in the line ends before it, cannot be
//! told from a true one (the bytes up to there are read as this record's
//! block, later records included: lost without a row when the record is
//! not a document); a run of more than [`LOOK`] bytes of white space after
//! a block is taken for the separator and the length trusted. A block
//! declared longer than [`MAX_RECORD_BYTES`] is skipped as too long, as it
//! is not held; the bytes from the first record found inside it are held,
//! up to the same limit, so that when the block's declared end (or the
//! file's end) comes within that limit of it and the length proves wrong,
//! reading goes on from there. When it comes later, the records from there
//! to the declared end are lost, and said so
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
    /// The most room `held` had (for tests of memory use).
    #[cfg(test)]
    most_held: usize,
}

impl<'a> Source<'a> {
    fn new(input: Box<dyn BufRead + 'a>) -> Source<'a> {
        Source {
            input,
            held: Vec::new(),
            pos: 0,
            offset: 0,
            failed: None,
            #[cfg(test)]
            most_held: 0,
        }
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
        // Room for what is asked, but for more than [`RESERVE`] only as
        // bytes come: a length that lies must not take (or have the
        // allocator commit) tens of MiB for a few bytes. Doubled as it
        // grows, never past what is asked: a true block of any size ends
        // in room for exactly it.
        let most = self.held.len() + want;
        room(&mut self.held, want.min(RESERVE), most);
        let mut left = want;
        while left > 0 {
            let available = crate::input::open::fill(self.input.as_mut())?;
            if available.is_empty() {
                break;
            }
            let n = available.len().min(left);
            room(&mut self.held, n, most);
            self.held.extend_from_slice(&available[..n]);
            self.input.consume(n);
            left -= n;
        }
        #[cfg(test)]
        {
            self.most_held = self.most_held.max(self.held.capacity());
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
/// grows (so small steps stay cheap), but not past `most` bytes in all
/// (what is asked for) nor past what is ever held. Once an eighth of
/// `most` has come, the room jumps to `most`: the length is then backed by
/// bytes (a length that lies costs at most eight times the bytes that
/// follow it), and a large true block is not copied through every
/// doubling. Two true documents of 60 MiB: peak RSS 222 MB with doubling
/// alone, against 162 MB for the reader before the rewind buffer.
fn room(held: &mut Vec<u8>, more: usize, most: usize) {
    let need = held.len() + more;
    if need > held.capacity() {
        let doubled = if need >= most / 8 { most } else { 2 * held.capacity() };
        let room = need.max(doubled.min(HELD_MAX).min(most));
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

    /// A version line: `WARC/`, digits, `.`, digits, spaces or tabs at
    /// most, the line end (so "WARC/1.0 spec." in text is not one).
    fn is_version(line: &[u8]) -> bool {
        let v = trim_eol(line);
        let v = &v[..v.len() - v.iter().rev().take_while(|&&c| c == b' ' || c == b'\t').count()];
        let Some(v) = v.strip_prefix(b"WARC/") else { return false };
        let Some(dot) = v.iter().position(|&c| c == b'.') else { return false };
        let digits = |d: &[u8]| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
        digits(&v[..dot]) && digits(&v[dot + 1..])
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
                        if let Some(p) = glued_version(&self.line) {
                            // A version line right after the junk on its
                            // line (records with no line ends between).
                            let junk = self.line[..p].iter().all(u8::is_ascii_whitespace);
                            let found = preview(&self.line[..p]);
                            self.line.drain(..p);
                            self.line_at = at + p as u64;
                            self.pending = true;
                            if junk {
                                continue;
                            }
                            let fault = RecordFault::NotVersionLine { found, resumed: true };
                            return Some(Err(RecordError::at_byte(place, at, fault)));
                        }
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

    /// Reads lines until one starts a record (or ends in a version line,
    /// as when records have no line ends between them); leaves the version
    /// line as the pending line.
    fn skip_to_version(&mut self) -> bool {
        loop {
            match self.read_line() {
                Ok(0) | Err(_) => return false,
                Ok(_) if Self::is_version(&self.line) => {
                    self.pending = true;
                    return true;
                }
                Ok(_) => {
                    if let Some(p) = glued_version(&self.line) {
                        self.line.drain(..p);
                        self.line_at += p as u64;
                        self.pending = true;
                        return true;
                    }
                }
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
        Ok(Some(RawRecord::new(place, id, payload)))
    }

    /// Reads a block of `n` bytes (at most [`MAX_RECORD_BYTES`]), checks
    /// what follows it, and takes it out when `keep`. A kept block is held
    /// whole; one that is not is read through a chunk at a time and held
    /// only from where a record may start inside it (all a going back can
    /// need), so a true block that is not a document takes a chunk of
    /// memory, not its size.
    fn read_block(&mut self, n: usize, keep: bool) -> std::io::Result<Block> {
        // Bytes of the block read through, not held.
        let mut base = 0;
        if !keep {
            while n - base > CHUNK {
                let want = CHUNK + LOOK + 4;
                if self.src.hold_ahead(want) < want
                    || find_record(&self.src.pending()[..want], CHUNK - 4).is_some()
                {
                    break;
                }
                // The last bytes stay: those before a record found next
                // give the block's likely length.
                self.src.consume(CHUNK - 8);
                base += CHUNK - 8;
            }
        }
        let m = n - base;
        // (A read error is kept for the next read past the bytes held: what
        // is held before it is searched as at the end of the file.)
        let have = self.src.hold_ahead(m + LOOK + 4);
        if have < m {
            return self.ends_inside(n as u64, base, have);
        }
        let pending = self.src.pending();
        if let Follow::Other { line_end } = follows(&pending[..have], m) {
            // A block closed by its trailer with a record close after it
            // is whole, whatever it holds (junk between gets its own row);
            // but not when a record inside starts after the block's last
            // blank line: its header runs to the declared end, and the
            // "trailer" ends that header.
            let found = find_record(&pending[..have], m);
            let trailed = found.is_some() && trailer_then_record(&pending[m..have]) && {
                let block = &pending[..m];
                let k = [(&b"\n\r\n"[..], 3), (b"\n\n", 2)]
                    .iter()
                    .filter_map(|(blank, len)| memchr::memmem::rfind(block, blank).map(|j| j + len))
                    .max()
                    .unwrap_or(0);
                find_record(&pending[k..have], m - k).is_none()
            };
            if let Some(i) = found.filter(|_| !trailed) {
                let likely = (base as u64) + likely_length(&pending[..i]);
                self.src.consume(i);
                let next = self.src.offset;
                return Ok(Block::Wrong(RecordFault::LengthPastRecord {
                    length: n as u64,
                    next,
                    into: (base + i) as u64,
                    likely,
                    file_ends: None,
                }));
            }
            if !line_end {
                let found = preview(after(&pending[m..have]));
                self.src.consume(m);
                let resumed = self.skip_to_version();
                return Ok(Block::Wrong(RecordFault::LengthShort { length: n as u64, found, resumed }));
            }
            // Junk after a block that ends at a line end: the block is
            // taken as whole, the junk gets its own row.
        }
        if keep {
            Ok(Block::Whole(Some(self.src.take_out(m))))
        } else {
            self.src.consume(m);
            Ok(Block::Whole(None))
        }
    }

    /// The input ends (or cannot be read further) `have` bytes into the
    /// rest of a block of `length` whose first `base` bytes were read
    /// through: reading goes on from a record inside the bytes held, or
    /// the file ends inside the record (a read error is handed on).
    fn ends_inside(&mut self, length: u64, base: usize, have: usize) -> std::io::Result<Block> {
        let pending = self.src.pending();
        if let Some(i) = find_record(&pending[..have], have) {
            let likely = (base as u64) + likely_length(&pending[..i]);
            self.src.consume(i);
            return Ok(Block::Wrong(RecordFault::LengthPastRecord {
                length,
                next: self.src.offset,
                into: (base + i) as u64,
                likely,
                file_ends: Some((base + have) as u64),
            }));
        }
        if let Some(e) = self.src.failed.take() {
            return Err(e);
        }
        self.src.consume(have);
        Ok(Block::Wrong(RecordFault::EndsInRecord { got: (base + have) as u64, length }))
    }

    /// A block over [`MAX_RECORD_BYTES`]: read through (not held) while it
    /// is searched for a record inside it; from the first one found, up to
    /// the limit is held in case the length proves wrong.
    fn read_long_block(&mut self, length: u64) -> std::io::Result<Block> {
        let mut done = 0u64;
        while done < length {
            let chunk = (length - done).min(CHUNK as u64) as usize;
            let have = self.src.hold_ahead(chunk + LOOK + 4);
            let n = chunk.min(have);
            let pending = self.src.pending();
            if let Some(i) = find_record(&pending[..have], n) {
                let likely = done + likely_length(&pending[..i]);
                self.src.consume(i);
                return self.go_back_in_long(length, done + i as u64, likely);
            }
            if have < chunk {
                if let Some(e) = self.src.failed.take() {
                    return Err(e);
                }
                self.src.consume(have);
                let got = done + have as u64;
                return Ok(Block::Wrong(RecordFault::EndsInRecord { got, length }));
            }
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
            let have = self.src.hold_ahead(r);
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
        let have = self.src.hold_ahead(MAX_RECORD_BYTES);
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
    /// White space, then a version line that may start a record, or the
    /// end of the file (or more than [`LOOK`] bytes of white space: taken
    /// for the separator).
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
    // White space (none, spaces, line ends) then a version line: records
    // may be glued, indented or on the next line; [`starts_record`] keeps
    // a `WARC/` in running text from passing for one.
    if rest[q..].starts_with(b"WARC/") && starts_record(&rest[q..]) {
        return Follow::Record;
    }
    let line_end = n == 0 || bytes[n - 1] == b'\n' || matches!(rest[0], b'\r' | b'\n');
    Follow::Other { line_end }
}

/// Where the first record inside `bytes` starts, at an offset below
/// `limit`: a `WARC/` that [`starts_record`] does not rule out (at a line
/// start or not: records with no line ends between them are glued to the
/// text before).
fn find_record(bytes: &[u8], limit: usize) -> Option<usize> {
    let end = bytes.len().min(limit.saturating_add(4));
    let finder = memchr::memmem::Finder::new(b"WARC/");
    let mut from = 0;
    while let Some(j) = finder.find(&bytes[from..end]) {
        let i = from + j;
        if i >= limit {
            return None;
        }
        if starts_record(&bytes[i..]) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// False when `bytes` (which start with `WARC/`) are shown not to start a
/// record: a record starts with a version line (`WARC/`, digits, `.`,
/// digits, spaces at most, then the line end) and a header line (a name
/// and a colon), and each line after it up to a blank line is a header
/// line or goes on with one. Bytes that stop before that is settled, or a
/// line that holds `WARC/` (another candidate, looked at on its own), do
/// not rule it out; nor does a header longer than 4 KiB.
fn starts_record(bytes: &[u8]) -> bool {
    let b = &bytes[..bytes.len().min(4 << 10)];
    let mut k = 5;
    for last in [b'.', b'\n'] {
        let digits = b[k.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        k += digits;
        if k >= b.len() {
            return true;
        }
        if digits == 0 {
            return false;
        }
        if last == b'\n' {
            k += b[k..].iter().take_while(|&&c| c == b' ' || c == b'\t').count();
        }
        match b.get(k) {
            None => return true,
            Some(b'\r') if last == b'\n' => match b.get(k + 1) {
                None => return true,
                Some(b'\n') => k += 2,
                Some(_) => return false,
            },
            Some(&c) if c == last => k += 1,
            Some(_) => return false,
        }
    }
    let mut first = true;
    loop {
        let rest = &b[k..];
        let Some(e) = memchr::memchr(b'\n', rest) else { return true };
        let line = trim_eol(&rest[..=e]);
        if line.is_empty() {
            return !first;
        }
        if memchr::memmem::find(line, b"WARC/").is_some() {
            return true;
        }
        let header = match line[0] {
            b' ' | b'\t' => !first,
            _ => memchr::memchr(b':', line).is_some_and(|c| c > 0 && !line[..c].contains(&b' ')),
        };
        if !header {
            return false;
        }
        first = false;
        k += e + 1;
    }
}

/// Where a version line (`WARC/`, digits, `.`, digits, the line end) ends
/// `line` after other bytes: a record glued to what comes before it.
fn glued_version(line: &[u8]) -> Option<usize> {
    let p = memchr::memmem::rfind(line, b"WARC/").filter(|&p| p > 0)?;
    WarcReader::is_version(&line[p..]).then_some(p)
}

/// True when a block's declared end is followed by its trailer (`\r\n\r\n`
/// or `\n\n`) and, within the bytes looked at, a line that starts a
/// record: a length that ends just there is taken as true, whatever the
/// block holds (what comes between is junk, with its own row).
fn trailer_then_record(rest: &[u8]) -> bool {
    let Some(t) = [&b"\r\n\r\n"[..], b"\n\n"].iter().find(|t| rest.starts_with(t)).map(|t| t.len()) else {
        return false;
    };
    let look = &rest[..rest.len().min(LOOK + 4)];
    let mut from = t;
    while let Some(j) = memchr::memmem::find(&look[from..], b"\nWARC/") {
        let i = from + j + 1;
        if starts_record(&rest[i..]) {
            return true;
        }
        from = i;
    }
    false
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
                    "record 2 (byte {}): its Content-Length (4 bytes) ends inside a line (\" cut short by its length.\" follows the block), so it is too short (or junk follows the block); record skipped to the next record (fix the record's Content-Length to read it)",
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

    /// A record whose bytes are given as is (no trailer added).
    fn bare(uri: &str, text: &str, length: usize) -> Vec<u8> {
        format!("WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: {uri}\r\nContent-Length: {length}\r\n\r\n{text}")
            .into_bytes()
    }

    /// The most bytes the reader's buffer had room for while reading
    /// `data` (read to the end).
    fn most_held(data: &[u8]) -> usize {
        let mut reader = WarcReader::new(Box::new(data));
        while reader.next_record().is_some() {}
        reader.src.most_held
    }

    #[test]
    fn a_true_block_that_is_not_a_document_is_not_held() {
        // A resource record of 8 MiB with no version line inside: only a
        // chunk is held at a time.
        let text = "y".repeat(8 << 20);
        let records = [rec("resource", "r1", &text, None), conv("u2", "Two.")];
        assert_eq!(read(&records.concat()), ["u2 Two."]);
        let most = most_held(&records.concat());
        assert!(most < CHUNK + (64 << 10), "{most}");
        // With a version line 6 MiB in: held from there (2 MiB and a bit).
        let text = format!("{}\r\nWARC/1.0\r\nA: b\r\n\r\n{}", "y".repeat(6 << 20), "z".repeat(2 << 20));
        let records = [rec("resource", "r1", &text, None), conv("u2", "Two.")];
        assert_eq!(read(&records.concat()), ["u2 Two."]);
        let most = most_held(&records.concat());
        assert!(most < (2 << 20) + CHUNK + (64 << 10), "{most}");
        // A document's block is held whole, in room for exactly it (and
        // the look past it), not doubled past it.
        let text = "d".repeat(3 << 20);
        let records = [conv("u1", &text), conv("u2", "Two.")];
        let most = most_held(&records.concat());
        assert!(most <= (3 << 20) + LOOK + 8, "{most}");
    }

    #[test]
    fn a_read_error_inside_a_lying_block_keeps_the_records_held() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        // One gzip member, cut short: record 2 declares more than the file
        // holds, and the decoder fails before its declared end.
        let records = [
            conv("u1", "One."),
            rec("conversion", "u2", "Two.", Some("900000")),
            conv("u3", "Three."),
            conv("u4", &"Four. ".repeat(3000)),
        ];
        let at = starts(&records);
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&records.concat()).unwrap();
        let gz = e.finish().unwrap();
        let cut = &gz[..gz.len() - 200];
        let reader = RecordReader::new(Format::Warc, crate::input::open::gunzip(cut), &Fields::default());
        let got: Vec<String> = reader
            .map(|r| match r {
                Ok(raw) => format!("{:?}", raw.id),
                Err(e) => format!("{} {}", e.place, if e.fatal() { "fatal" } else { "skipped" }),
            })
            .collect();
        assert_eq!(got, ["Some(\"u1\")", "record 2 skipped", "Some(\"u3\")", "record 4 fatal"], "{at:?}");
    }

    #[test]
    fn a_length_too_short_at_the_end_of_the_file_says_so() {
        let records = [conv("u1", "One."), rec("conversion", "u2", "Two, cut short.", Some("4"))];
        let at = starts(&records);
        assert_eq!(
            read(&records.concat()),
            [
                "u1 One.".to_string(),
                format!(
                    "record 2 (byte {}): its Content-Length (4 bytes) ends inside a line (\" cut short.\" follows the block), so it is too short (or junk follows the block); record skipped, and no record follows it: the file ends (fix the record's Content-Length to read it)",
                    at[1]
                ),
            ]
        );
    }

    #[test]
    fn bare_records_lose_none_to_a_lying_length() {
        // No trailers: each version line follows the text on its line.
        let records =
            [bare("u1", "One.", 4), bare("u2", "Two.", 6), bare("u3", "Three.", 6), bare("u4", "Four.", 5)];
        let at = starts(&records);
        assert_eq!(
            read(&records.concat()),
            [
                "u1 One.".to_string(),
                format!(
                    "record 2 (byte {}): its Content-Length (6 bytes) runs past the record: the next record starts 4 bytes into the block, at byte {}; record skipped, the records from byte {} are read (the block looks 4 bytes long: with that Content-Length the record would be read)",
                    at[1], at[2], at[2]
                ),
                "u3 Three.".into(),
                "u4 Four.".into(),
            ]
        );
        // Too short: skipped to the version line glued to the text.
        let records = [bare("u1", "One.", 4), bare("u2", "Two.", 2), bare("u3", "Three.", 6)];
        let got = read(&records.concat());
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            got[1].contains(
                "so it is too short (or junk follows the block); record skipped to the next record"
            )
        );
        assert_eq!(got[2], "u3 Three.");
        // Carriage returns alone between records.
        let mut data = conv("u1", "One.");
        data.truncate(data.len() - 4);
        data.extend(b"\r\r");
        data.extend(conv("u2", "Two."));
        assert_eq!(read(&data), ["u1 One.", "u2 Two."]);
    }

    #[test]
    fn a_true_record_is_kept_whatever_its_text_holds() {
        // A line starting WARC/ that starts no record, then junk after the
        // record: the record is read whole, the junk is its own row, the
        // next record keeps its number.
        let second = conv("u2", "Quoted:\r\nWARC/1.0 is a format.\r\nTwo.");
        let mut data = conv("u1", "One.");
        data.extend(&second);
        let junk = data.len();
        data.extend(b"junk line\r\n");
        data.extend(conv("u3", "Three."));
        data.extend(rec("conversion", "u4", "Four.", Some("x")));
        let got = read(&data);
        assert_eq!(
            got[..3],
            [
                "u1 One.",
                "u2 Quoted:\r\nWARC/1.0 is a format.\r\nTwo.",
                &format!(
                    "byte {junk} (after record 2): expected a `WARC/1.x` version line, found \"junk line\"; skipped to the next record"
                )
            ]
        );
        assert_eq!(got[3], "u3 Three.");
        assert!(got[4].starts_with("record 4 "), "{got:?}");
        // A whole record quoted in the text: its declared end is followed
        // by the trailer, and the next record comes within the look.
        let text = "Quoted:\r\nWARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 3\r\n\r\nabc\r\nTwo.";
        let mut data = conv("u1", "One.");
        data.extend(conv("u2", text));
        data.extend(b"junk line\r\n");
        data.extend(conv("u3", "Three."));
        let got = read(&data);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[1], format!("u2 {text}"));
        assert_eq!(got[3], "u3 Three.");
        // A length that ends where a later record's header does (its blank
        // line looks like a trailer): not taken as true, the records
        // inside are read.
        let third = conv("u3", "Three.");
        let header = third.len() - "Three.\r\n\r\n".len() - 2;
        let records = [
            conv("u1", "One."),
            rec("conversion", "u2", "Two.", Some(&(4 + 4 + header).to_string())),
            third,
            conv("u4", "Four."),
        ];
        let got = read(&records.concat());
        assert!(got[1].starts_with("record 2 "), "{got:?}");
        assert_eq!(got[2..], ["u3 Three.", "u4 Four."]);
        // The same with a record between.
        let records = [
            conv("u1", "One."),
            rec("conversion", "u2", "Two.", Some(&(4 + 4 + records[2].len() + header).to_string())),
            records[2].clone(),
            records[2].clone(),
            conv("u4", "Four."),
        ];
        let got = read(&records.concat());
        assert!(got[1].starts_with("record 2 "), "{got:?}");
        assert_eq!(got[2..], ["u3 Three.", "u3 Three.", "u4 Four."]);
    }

    #[test]
    fn a_length_of_minus_zero_says_what_it_is() {
        let records = [conv("u1", "One."), rec("conversion", "u2", "Two.", Some("-0")), conv("u3", "Three.")];
        let at = starts(&records);
        assert_eq!(
            read(&records.concat()),
            [
                "u1 One.".to_string(),
                format!(
                    "record 2 (byte {}): Content-Length is -0, a minus sign before zero: not a length (a length is digits only), skipped",
                    at[1]
                ),
                "u3 Three.".into(),
            ]
        );
    }

    #[test]
    fn records_parted_by_spaces_and_a_cut_on_warc_in_text() {
        // Records parted only by spaces (no line end): all read, no row.
        let mut data = Vec::new();
        for (uri, text) in [("u1", "One."), ("u2", "Two."), ("u3", "Three.")] {
            let mut r = conv(uri, text);
            r.truncate(r.len() - 4);
            data.extend_from_slice(&r);
            data.extend_from_slice(b"  ");
        }
        assert_eq!(read(&data), ["u1 One.", "u2 Two.", "u3 Three."]);
        // A length too short that ends just before "WARC/1.0" in running
        // text: the record is skipped with its row, and no phantom record
        // is read from the text.
        let text = "Two. See WARC/1.0 spec.";
        let short = (text.find("WARC/").unwrap()).to_string();
        let records = [conv("u1", "One."), rec("conversion", "u2", text, Some(&short)), conv("u3", "Three.")];
        let got = read(&records.concat());
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], "u1 One.");
        assert!(got[1].starts_with("record 2 (byte "), "{}", got[1]);
        assert!(got[1].contains("too short"), "{}", got[1]);
        assert_eq!(got[2], "u3 Three.");
    }

    #[test]
    fn follows_and_version_lines() {
        assert_eq!(follows(b"ab\r\n\r\nWARC/1.0", 2), Follow::Record);
        assert_eq!(follows(b"abWARC/1.0", 2), Follow::Record);
        assert_eq!(follows(b"ab\r\n \t\r\n", 2), Follow::Record);
        assert_eq!(follows(b"ab  WARC/1.0\r\nA: b\r\n", 2), Follow::Record);
        assert_eq!(follows(b"ab\r\n  WARC/1.0\r\nA: b\r\n", 2), Follow::Record);
        assert_eq!(follows(b"abWARC/1.0 is a format\r\n", 2), Follow::Other { line_end: false });
        assert_eq!(follows(b"ab\r\nWARC/1.0\r\nno colon\r\n", 2), Follow::Other { line_end: true });
        assert_eq!(follows(b"abcd", 2), Follow::Other { line_end: false });
        assert_eq!(follows(b"ab\nc", 3), Follow::Other { line_end: true });
        assert_eq!(find_record(b"WARC/", 1), Some(0));
        assert_eq!(find_record(b"ab\nWARC/1.0\r\nA: b\r\n\r\n", 3), None);
        assert_eq!(find_record(b"ab\nWARC/1.0\r\nA: b\r\n\r\n", 4), Some(3));
        assert_eq!(find_record(b"abWARC/1.0\r\nA: b\r\n", 3), Some(2));
        assert_eq!(find_record(b"ab\nWARC/1.0 is a format.\r\nA: b\r\n", 9), None);
        assert_eq!(find_record(b"WARC/1.0\r\nno colon\r\nWARC/1.1\r\nA: b\r\n", 30), Some(20));
        assert_eq!(find_record(b"WARC/1.0\r\n\r\n", 3), None);
        assert_eq!(glued_version(b"text.WARC/1.0\r\n"), Some(5));
        assert_eq!(glued_version(b"text.WARC/1.0 is\r\n"), None);
        assert_eq!(glued_version(b"WARC/1.0\r\n"), None);
        assert!(trailer_then_record(b"\r\n\r\njunk\r\nWARC/1.0\r\nA: b\r\n"));
        assert!(!trailer_then_record(b"\r\njunk\r\nWARC/1.0\r\nA: b\r\n"));
        assert!(!trailer_then_record(b"\r\n\r\njunk\r\nWARC/1.0 is\r\n"));
        assert_eq!(likely_length(b"abc\r\n\r\n"), 3);
        assert_eq!(likely_length(b"abc\n\r\n\r\n"), 4);
    }
}
