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
}

/// Header blocks longer than this are broken.
const MAX_WARC_HEADER: usize = 1 << 20;

impl<'a> WarcReader<'a> {
    pub(super) fn new(input: Box<dyn BufRead + 'a>) -> WarcReader<'a> {
        WarcReader { input, record: 0, offset: 0, line: Vec::new(), line_at: 0, pending: false }
    }

    fn read_line(&mut self) -> std::io::Result<usize> {
        if self.pending {
            self.pending = false;
            return Ok(self.line.len());
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
                        // The block's length is unknown: resynchronise.
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
        let length = match get("content-length").map(|v| v.parse::<u64>()) {
            Some(Ok(n)) => n,
            Some(Err(_)) => return Err(broken(RecordFault::BadLength)),
            None => return Err(broken(RecordFault::NoLength)),
        };
        let kind = get("warc-type").unwrap_or("").to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "conversion");
        let too_big = length > MAX_RECORD_BYTES as u64;
        let mut block = Vec::new();
        let read = if wanted && !too_big {
            block.reserve(length as usize);
            (&mut self.input).take(length).read_to_end(&mut block)
        } else {
            std::io::copy(&mut (&mut self.input).take(length), &mut std::io::sink()).map(|n| n as usize)
        };
        let got = read.map_err(|e| stream_error(place, &e))? as u64;
        self.offset += got;
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
