//! JSON arrays of objects (`.json`): one record per element, cut on the
//! reading thread without parsing and without holding the array.
//!
//! The cutter follows only the array's framing: white space, `[`, `,`,
//! `]`, and for each element the extent of its value (strings with their
//! escapes, nested brackets kept on a stack so `{]` is caught). The element's
//! bytes are parsed by `serde_json` on a worker, like a JSON Lines line, so
//! the reading thread holds one element at a time and at most
//! [`MAX_RECORD_BYTES`] of it.

use std::io::BufRead;

use super::lines::stream_error;
use super::{MAX_RECORD_BYTES, Payload, Place, RawRecord, RecordError, RecordFault};

/// Where the cutter is in the array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the `[`.
    Start,
    /// After the `[`: an element or `]`.
    First,
    /// After an element: `,` or `]`.
    Next,
    /// After the `]`: only white space.
    End,
    /// Nothing more to read.
    Done,
}

/// Cuts a JSON array into its elements.
pub(super) struct ArrayReader<'a> {
    input: Box<dyn BufRead + 'a>,
    /// Bytes of the stream consumed so far.
    offset: u64,
    /// The next element's 0-based index.
    index: u64,
    state: State,
    /// Open brackets of the element being cut, the first [`MAX_STACK`].
    stack: Vec<u8>,
    /// Open brackets beyond those (not checked against their closers).
    deep: u64,
}

/// Brackets whose kind is kept to check the closing one. Deeper nesting is
/// only counted, so memory stays bounded on `[[[[…`; `serde_json` refuses
/// elements nested over 128 levels anyway (skipped as invalid JSON).
const MAX_STACK: usize = 4096;

/// What the cut of one value ended with.
enum Cut {
    /// A whole value (its bytes not kept when it was too long).
    Value { too_long: bool },
    /// A closing bracket that does not match the open one.
    Mismatch { found: u8, at: u64 },
    /// The file ends inside the value.
    Eof,
}

impl<'a> ArrayReader<'a> {
    pub(super) fn new(input: Box<dyn BufRead + 'a>) -> ArrayReader<'a> {
        ArrayReader { input, offset: 0, index: 0, state: State::Start, stack: Vec::new(), deep: 0 }
    }

    fn place(&self) -> Place {
        Place::Element { index: self.index, byte: self.offset }
    }

    /// Skips white space (and a UTF-8 byte-order mark at the very start);
    /// returns the next byte without consuming it, `None` at the end.
    fn peek(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            let buf = crate::input::open::fill(&mut self.input)?;
            if buf.is_empty() {
                return Ok(None);
            }
            if self.offset == 0 && buf.starts_with(b"\xef\xbb\xbf") {
                self.input.consume(3);
                self.offset += 3;
                continue;
            }
            let ws = buf.iter().take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')).count();
            if ws < buf.len() {
                let next = buf[ws];
                self.input.consume(ws);
                self.offset += ws as u64;
                return Ok(Some(next));
            }
            let n = buf.len();
            self.input.consume(n);
            self.offset += n as u64;
        }
    }

    fn consume(&mut self, n: usize) {
        self.input.consume(n);
        self.offset += n as u64;
    }

    /// Ends the file with a fault at the current place.
    fn fatal(&mut self, fault: RecordFault) -> Option<Result<RawRecord, RecordError>> {
        self.state = State::Done;
        Some(Err(RecordError::new(self.place(), fault)))
    }

    pub(super) fn next_record(&mut self) -> Option<Result<RawRecord, RecordError>> {
        loop {
            let next = match self.peek() {
                Ok(b) => b,
                Err(e) => {
                    self.state = State::Done;
                    return Some(Err(stream_error(self.place(), &e)));
                }
            };
            match (self.state, next) {
                (State::Done, _) | (State::Start | State::End, None) => {
                    self.state = State::Done;
                    return None;
                }
                (State::Start, Some(b'[')) => {
                    self.consume(1);
                    self.state = State::First;
                }
                (State::Start, Some(b)) => {
                    return self.fatal(RecordFault::NotAnArray { found: kind(b).into() });
                }
                (State::First | State::Next, Some(b']')) => {
                    self.consume(1);
                    self.state = State::End;
                }
                (State::First | State::Next, None) => {
                    return self.fatal(RecordFault::EndsInArray { inside: false });
                }
                (State::Next, Some(b',')) => {
                    self.consume(1);
                    match self.peek() {
                        Ok(Some(b @ (b']' | b','))) => {
                            let found = found(b);
                            return self.fatal(RecordFault::ArrayBroken { expected: "an element", found });
                        }
                        Ok(None) => return self.fatal(RecordFault::EndsInArray { inside: false }),
                        Ok(Some(_)) => self.state = State::First,
                        Err(e) => {
                            self.state = State::Done;
                            return Some(Err(stream_error(self.place(), &e)));
                        }
                    }
                }
                (State::Next, Some(b)) => {
                    let found = found(b);
                    return self.fatal(RecordFault::ArrayBroken { expected: "`,` or `]`", found });
                }
                (State::First, Some(b)) => return self.element(b),
                (State::End, Some(b)) => {
                    let found = found(b);
                    return self.fatal(RecordFault::AfterArray { found });
                }
            }
        }
    }

    /// Cuts the element starting with `first` (not yet consumed).
    fn element(&mut self, first: u8) -> Option<Result<RawRecord, RecordError>> {
        if kind(first) == NOT_JSON {
            let found = found(first);
            return self.fatal(RecordFault::ArrayBroken { expected: "an element or `]`", found });
        }
        let place = self.place();
        let mut buf = Vec::new();
        let cut = match self.cut_value(first, &mut buf) {
            Ok(c) => c,
            Err(e) => {
                self.state = State::Done;
                return Some(Err(stream_error(place, &e)));
            }
        };
        self.index += 1;
        self.state = State::Next;
        let fault = match cut {
            Cut::Eof => {
                self.state = State::Done;
                return Some(Err(RecordError::new(place, RecordFault::EndsInArray { inside: true })));
            }
            Cut::Mismatch { found, at } => {
                self.state = State::Done;
                let found = format!("`{}` at byte {at}", found as char);
                let expected = if self.stack.last() == Some(&b'{') { "`}`" } else { "`]`" };
                return Some(Err(RecordError::new(place, RecordFault::ArrayBroken { expected, found })));
            }
            Cut::Value { too_long: true } => RecordFault::TooLong { limit_mib: MAX_RECORD_BYTES >> 20 },
            Cut::Value { too_long: false } if first == b'{' => {
                return Some(Ok(RawRecord::new(place, None, Payload::Json(buf))));
            }
            Cut::Value { .. } if place.number() == 0 => {
                self.state = State::Done;
                RecordFault::NotObjects { found: kind(first).into() }
            }
            Cut::Value { .. } => RecordFault::NotAnObject { found: kind(first).into() },
        };
        Some(Err(RecordError::new(place, fault)))
    }

    /// Reads one JSON value into `buf` (at most [`MAX_RECORD_BYTES`] of
    /// it): a string, an object or array up to its closing bracket, or a
    /// bare word (number, `true`…) up to the next `,`, `]` or white space.
    fn cut_value(&mut self, first: u8, buf: &mut Vec<u8>) -> std::io::Result<Cut> {
        self.stack.clear();
        self.deep = 0;
        let mut in_string = false;
        let mut escaped = false;
        let mut started = false;
        let mut too_long = false;
        loop {
            let chunk = crate::input::open::fill(&mut self.input)?;
            if chunk.is_empty() {
                // A bare word may end with the file; anything else may not.
                let word = started && !matches!(first, b'{' | b'[' | b'"');
                return Ok(if word { Cut::Value { too_long } } else { Cut::Eof });
            }
            let mut i = 0;
            let mut end = None;
            while i < chunk.len() {
                let b = chunk[i];
                if in_string {
                    if escaped {
                        escaped = false;
                    } else {
                        // Jump to the next quote or backslash.
                        match memchr::memchr2(b'"', b'\\', &chunk[i..]) {
                            Some(j) => {
                                i += j;
                                if chunk[i] == b'\\' {
                                    escaped = true;
                                } else {
                                    in_string = false;
                                    if self.stack.is_empty() {
                                        end = Some(i + 1); // a string element
                                        break;
                                    }
                                }
                            }
                            None => i = chunk.len() - 1,
                        }
                    }
                    i += 1;
                    continue;
                }
                match b {
                    b'"' if !started || !self.stack.is_empty() => in_string = true,
                    b'{' | b'[' if self.stack.len() >= MAX_STACK => self.deep += 1,
                    b'{' | b'[' if !started || !self.stack.is_empty() => self.stack.push(b),
                    b'}' | b']' if self.deep > 0 => self.deep -= 1,
                    b'}' | b']' if !self.stack.is_empty() => {
                        let open = self.stack.pop().expect("not empty");
                        if (open == b'{') != (b == b'}') {
                            self.stack.push(open);
                            let at = self.offset + i as u64;
                            return Ok(Cut::Mismatch { found: b, at });
                        }
                        if self.stack.is_empty() {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b'"'
                        if started && self.stack.is_empty() =>
                    {
                        end = Some(i); // a bare word ends before this byte
                        break;
                    }
                    _ => {}
                }
                started = true;
                i += 1;
            }
            let take = end.unwrap_or(chunk.len());
            if !too_long {
                buf.extend_from_slice(&chunk[..take]);
                if buf.len() > MAX_RECORD_BYTES {
                    // Skipped, not held: the rest is only scanned.
                    too_long = true;
                    *buf = Vec::new();
                }
            }
            self.consume(take);
            if end.is_some() {
                return Ok(Cut::Value { too_long });
            }
        }
    }
}

/// What a JSON value starting with `b` is, in words.
fn kind(b: u8) -> &'static str {
    match b {
        b'{' => "an object",
        b'[' => "an array",
        b'"' => "a string",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        b'-' | b'0'..=b'9' => "a number",
        _ => NOT_JSON,
    }
}

const NOT_JSON: &str = "not a JSON value";

/// A byte found where it does not belong, in words.
fn found(b: u8) -> String {
    if b.is_ascii_graphic() { format!("`{}`", b as char) } else { format!("byte 0x{b:02x}") }
}
