//! WARC and WET: records cut by their `Content-Length`; `response` and
//! `conversion` records are documents, every other type is passed over.

use std::io::{BufRead, Read};

use super::lines::{read_line_capped, stream_error};
use super::{MAX_RECORD_BYTES, Payload, Place, RawRecord, RecordError, RecordFault};

/// WARC record framing: a version line, header lines, a blank line, then
/// `Content-Length` bytes of block. A record whose header is broken is
/// reported and the reader looks for the next version line.
pub(super) struct WarcReader<'a> {
    input: Box<dyn BufRead + 'a>,
    record: u64,
    /// Bytes of the stream consumed so far.
    offset: u64,
    line: Vec<u8>,
    /// Where `line` starts in the stream.
    line_at: u64,
    /// True when `line` was read but not yet used (a version line found
    /// while skipping).
    pending: bool,
    /// A read error met after a record's block, handed out by the next read
    /// (the record before it is whole).
    failed: Option<std::io::Error>,
}

/// Header blocks longer than this are broken.
const MAX_WARC_HEADER: usize = 1 << 20;

impl<'a> WarcReader<'a> {
    pub(super) fn new(input: Box<dyn BufRead + 'a>) -> WarcReader<'a> {
        WarcReader { input, record: 0, offset: 0, line: Vec::new(), line_at: 0, pending: false, failed: None }
    }

    fn read_line(&mut self) -> std::io::Result<usize> {
        if self.pending {
            self.pending = false;
            return Ok(self.line.len());
        }
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.line_at = self.offset;
        let n = read_line_capped(self.input.as_mut(), &mut self.line, 64 << 10)?;
        self.offset += n as u64;
        Ok(n)
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
                        self.record += 1;
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
                        // The block's length is unknown: resynchronise.
                        self.skip_to_version();
                    }
                    return Some(Err(e));
                }
            }
        }
    }

    /// Reads and drops `length` bytes of a block (fewer at the end of the
    /// input); returns how many were read. The first line inside it that
    /// starts like a record (`WARC/`) and the bytes from there (at most
    /// [`MAX_RECORD_BYTES`]) are kept in `inside`, in case the block's
    /// length turns out wrong.
    fn skip_block(&mut self, length: u64, inside: &mut Option<(u64, Vec<u8>)>) -> std::io::Result<u64> {
        let mut got = 0u64;
        let mut full = false;
        // The last chunk ended a line (a gzip member ends with its record).
        let mut line_start = false;
        while got < length {
            let buf = crate::input::open::fill(&mut self.input)?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min((length - got) as usize);
            let chunk = &buf[..take];
            match inside {
                None => {
                    let found = if line_start && chunk.starts_with(b"WARC/") {
                        Some(0)
                    } else {
                        memchr::memmem::find(chunk, b"\nWARC/").map(|i| i + 1)
                    };
                    if let Some(i) = found {
                        *inside = Some((got + i as u64, chunk[i..].to_vec()));
                    }
                }
                Some((_, kept)) if !full => {
                    full = kept.len() + take > MAX_RECORD_BYTES;
                    if !full {
                        kept.extend_from_slice(chunk);
                    }
                }
                Some(_) => {}
            }
            line_start = chunk.last() == Some(&b'\n');
            self.input.consume(take);
            got += take as u64;
        }
        if full {
            *inside = None; // too much to read again: the bytes are gone
        }
        Ok(got)
    }

    /// Whether a block is followed as it should be: by line ends, then the
    /// next record's version line or the end of the input. The line ends
    /// are consumed.
    fn ends_cleanly(&mut self) -> std::io::Result<bool> {
        loop {
            let buf = crate::input::open::fill(&mut self.input)?;
            if buf.is_empty() {
                return Ok(true);
            }
            let ends = buf.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
            if ends == 0 {
                // (A buffer may end inside the version word.)
                let n = buf.len().min(5);
                return Ok(buf[..n] == b"WARC/"[..n]);
            }
            self.input.consume(ends);
            self.offset += ends as u64;
        }
    }

    /// Goes on reading from a record found at byte `at` of the input,
    /// inside a block already read: its `bytes`, then the rest.
    fn resync(&mut self, at: u64, bytes: Vec<u8>) {
        let rest = std::mem::replace(&mut self.input, Box::new(std::io::empty()));
        self.input = Box::new(std::io::Cursor::new(bytes).chain(rest));
        self.offset = at;
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
        let length = match get("content-length").map(|v| v.parse::<u64>()) {
            Some(Ok(n)) => n,
            Some(Err(_)) => return Err(broken(RecordFault::BadLength)),
            None => return Err(broken(RecordFault::NoLength)),
        };
        let kind = get("warc-type").unwrap_or("").to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "conversion");
        let too_big = length > MAX_RECORD_BYTES as u64;
        let block_start = self.offset;
        let mut block = Vec::new();
        // Where a record starts inside the block, and the bytes from there
        // (see `resync`).
        let mut inside = None;
        let got = if wanted && !too_big {
            // (Room for the announced length only as far as it fits what
            // is read: a wrong Content-Length must not reserve gigabytes.)
            block.reserve((length as usize).min(1 << 20));
            let read = (&mut self.input).take(length).read_to_end(&mut block);
            read.map_err(|e| stream_error(place, &e))? as u64
        } else {
            self.skip_block(length, &mut inside).map_err(|e| stream_error(place, &e))?
        };
        self.offset += got;
        let clean = got == length
            && self.ends_cleanly().unwrap_or_else(|e| {
                self.failed = Some(e);
                true
            });
        if !clean {
            if inside.is_none() {
                inside =
                    memchr::memmem::find(&block, b"\nWARC/").map(|i| (i as u64 + 1, block.split_off(i + 1)));
            }
            if let Some((next, bytes)) = inside {
                self.resync(block_start + next, bytes);
                return Err(broken(RecordFault::LengthPastRecord { length, next }));
            }
        }
        if got < length {
            return Err(broken(RecordFault::EndsInRecord { got, length }));
        }
        if !wanted {
            return Ok(None);
        }
        if too_big {
            return Err(broken(RecordFault::TooLong { limit_mib: MAX_RECORD_BYTES >> 20 }));
        }
        let id = get("warc-target-uri").or(get("warc-record-id")).map(str::to_string);
        let payload = if kind == "response" {
            let identified = get("warc-identified-payload-type").map(str::to_string);
            Payload::Http { block, identified }
        } else {
            Payload::Text(block)
        };
        Ok(Some(RawRecord { place, id, payload, kept: Vec::new(), columns: Vec::new(), parts: Vec::new() }))
    }
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
