//! JSON Lines and CSV/TSV: a record per line or per row, cut on the
//! reading thread; a line or row over [`MAX_RECORD_BYTES`] is skipped
//! without being held.

use std::io::BufRead;

use super::{Fields, MAX_RECORD_BYTES, Payload, Place, RawRecord, RecordError, RecordFault};

/// The stream broke while reading the record at `place` (at the very start
/// when that is the first one).
pub(super) fn stream_error(place: Place, e: &std::io::Error) -> RecordError {
    RecordError::new(place, RecordFault::Stream { what: crate::input::stream_failure(e) })
}

/// Reads up to and including the next `\n`, keeping at most `max` bytes;
/// returns the bytes consumed (0 at the end).
pub(super) fn read_line_capped(
    input: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<usize> {
    buf.clear();
    let mut consumed = 0;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(consumed);
        }
        let (take, found) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        let room = max.saturating_sub(buf.len());
        buf.extend_from_slice(&available[..take.min(room)]);
        input.consume(take);
        consumed += take;
        if found {
            return Ok(consumed);
        }
    }
}

pub(super) fn next_line(
    input: &mut Box<dyn BufRead + '_>,
    line: &mut u64,
) -> Option<Result<RawRecord, RecordError>> {
    let mut buf = Vec::new();
    loop {
        let n = match read_line_capped(input.as_mut(), &mut buf, MAX_RECORD_BYTES + 1) {
            Ok(n) => n,
            Err(e) => return Some(Err(stream_error(Place::Line(*line + 1), &e))),
        };
        if n == 0 {
            return None;
        }
        *line += 1;
        let place = Place::Line(*line);
        if *line == 1 && buf.starts_with(b"\xef\xbb\xbf") {
            buf.drain(..3); // a UTF-8 byte-order mark, as CSV and text drop it
        }
        if n > MAX_RECORD_BYTES + 1 || buf.len() > MAX_RECORD_BYTES {
            return Some(Err(RecordError::new(
                place,
                RecordFault::TooLong { limit_mib: MAX_RECORD_BYTES >> 20 },
            )));
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue; // blank lines separate nothing
        }
        return Some(Ok(RawRecord { place, id: None, payload: Payload::Json(std::mem::take(&mut buf)) }));
    }
}

pub(super) fn next_row(
    rows: &mut csv::Reader<Box<dyn BufRead + '_>>,
    text: &mut Option<usize>,
    id: &mut Option<usize>,
    started: &mut bool,
    fields: &Fields,
) -> Option<Result<RawRecord, RecordError>> {
    let mut record = csv::ByteRecord::new();
    loop {
        match rows.read_byte_record(&mut record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Some(Err(match e.into_kind() {
                    csv::ErrorKind::Io(io) => stream_error(Place::Line(line), &io),
                    other => {
                        RecordError::new(Place::Line(line), RecordFault::Csv { detail: format!("{other:?}") })
                    }
                }));
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        if !*started {
            *started = true;
            let names: Vec<String> =
                record.iter().map(|f| String::from_utf8_lossy(f).trim().to_string()).collect();
            *text = names.iter().position(|n| *n == fields.text);
            *id = names.iter().position(|n| *n == fields.id);
            if text.is_none() {
                let fault = RecordFault::NoTextColumn { column: fields.text.clone(), columns: names };
                return Some(Err(RecordError::new(Place::Line(line), fault)));
            }
            continue;
        }
        if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
            continue; // a blank line
        }
        let place = Place::Line(line);
        let col = text.expect("set from the header");
        let Some(value) = record.get(col) else {
            let fault = RecordFault::MissingValue {
                fields: record.len(),
                column: fields.text.clone(),
                position: col + 1,
            };
            return Some(Err(RecordError::new(place, fault)));
        };
        let rid = id
            .and_then(|i| record.get(i))
            .map(|v| String::from_utf8_lossy(v).trim().to_string())
            .filter(|v| !v.is_empty());
        return Some(Ok(RawRecord { place, id: rid, payload: Payload::Text(value.to_vec()) }));
    }
}
