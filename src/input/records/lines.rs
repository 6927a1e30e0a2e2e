//! JSON Lines: a record per line, cut on the reading thread; a line over
//! [`MAX_RECORD_BYTES`] is skipped without being held.

use std::io::BufRead;

use super::{MAX_RECORD_BYTES, Payload, Place, RawRecord, RecordError, RecordFault};

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
        let available = crate::input::open::fill(input)?;
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
        return Some(Ok(RawRecord::new(place, None, Payload::Json(std::mem::take(&mut buf)))));
    }
}

/// Lines a JSON Lines file is read ahead by before its first record goes
/// out: when none of them can be a record (none starts with `{`), the file
/// is not JSON Lines, said in one row ([`RecordFault::NotJsonLines`]).
pub(super) const LOOK_AHEAD: usize = 20;

/// Bytes of lines held while reading ahead at most: past them the lines
/// held go out as they are, unjudged (twenty lines of tens of MiB each
/// would otherwise be held whole: 721 MB peak for a 600 MB file of twenty
/// lines, found by a review).
pub(super) const LOOK_AHEAD_BYTES: usize = 1 << 20;

/// The first records of a JSON Lines file, read ahead: all of them when
/// one of the first [`LOOK_AHEAD`] non-blank lines (or of fewer, at the
/// end) starts with `{`, when there is only one, or when they pass
/// [`LOOK_AHEAD_BYTES`]; else one fatal [`RecordFault::NotJsonLines`] for
/// the file (a CSV, TSV or text file given `--input-format jsonl` had one
/// "invalid JSON" row per line: 109,240 for a Gutenberg folder).
pub(super) fn look_ahead(
    input: &mut Box<dyn BufRead + '_>,
    line: &mut u64,
) -> std::collections::VecDeque<Result<RawRecord, RecordError>> {
    let mut ahead = std::collections::VecDeque::new();
    let (mut object, mut held) = (false, 0);
    while ahead.len() < LOOK_AHEAD {
        let Some(item) = next_line(input, line) else { break };
        let stop = item.is_err();
        if let Ok(RawRecord { payload: Payload::Json(bytes), .. }) = &item {
            object |= bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
            held += bytes.len();
        }
        ahead.push_back(item);
        if object || stop || held > LOOK_AHEAD_BYTES {
            return ahead;
        }
    }
    if ahead.len() < 2 {
        return ahead;
    }
    let (Some(Ok(first)), Some(Ok(last))) = (ahead.front(), ahead.back()) else { return ahead };
    let Payload::Json(bytes) = &first.payload else { return ahead };
    let start: String = String::from_utf8_lossy(bytes).trim().chars().take(30).collect();
    let fault =
        RecordFault::NotJsonLines { last: last.place.number(), lines: ahead.len() as u64, first: start };
    std::collections::VecDeque::from([Err(RecordError::new(first.place, fault))])
}
