//! CSV and TSV: a header row, then a record per row, cut on the reading
//! thread by `csv_core` (the csv crate's parser) with rolecall's own
//! buffers, so that:
//!
//! - a row over [`MAX_RECORD_BYTES`] is skipped without being held (an
//!   unbalanced quote would otherwise read the rest of the file into one
//!   field);
//! - a quote still open at the end of the file is reported with the line it
//!   opened on;
//! - a row's id is the line it starts on, whether lines end in LF or CRLF
//!   and after blank lines (the csv crate counts from the end of the row
//!   before, one line short after a CRLF);
//! - rows shorter than the header (trailing empty fields left off, as many
//!   TSV writers do) have empty values in the missing columns; rows longer
//!   than it (an unquoted delimiter inside a cell) are skipped with a
//!   [`RecordFault::TooManyFields`], unless the extra fields are all empty;
//! - a header that names a column more than once, and a row whose id cell
//!   is empty, are noted (the first such column is read; the row's line is
//!   its id).

use std::io::BufRead;

use csv_core::ReadRecordResult;

use super::lines::stream_error;
use super::{Fields, MAX_RECORD_BYTES, Payload, Place, RawRecord, RecordError, RecordFault};

/// Rows of a CSV or TSV stream.
pub(super) struct DelimitedReader<'a> {
    input: Box<dyn BufRead + 'a>,
    core: csv_core::Reader,
    quotes: Quotes,
    /// The fields of the row being read, and their ends.
    out: Vec<u8>,
    ends: Vec<usize>,
    /// The header's text and id columns, once it is read.
    text: Option<usize>,
    id: Option<usize>,
    /// The header's names, and the column of each kept field.
    names: Vec<String>,
    kept: Vec<Option<usize>>,
    /// The columns of the further text fields (`None`: not in the header,
    /// read as empty; at least one of the text fields is there).
    also: Vec<Option<usize>>,
    /// With several text fields, which of them the header has (the same
    /// for every row: [`RawRecord::texts_found`]); empty otherwise.
    texts_found: Vec<bool>,
    /// Notes about the header, handed out before the first row.
    notes: std::collections::VecDeque<RecordError>,
    started: bool,
    done: bool,
}

/// One row: where it starts, its fields (unless it was too long).
struct Row {
    line: u64,
    too_long: bool,
    fields: usize,
}

impl<'a> DelimitedReader<'a> {
    pub(super) fn new(input: Box<dyn BufRead + 'a>, delimiter: u8) -> DelimitedReader<'a> {
        let core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        DelimitedReader {
            input,
            core,
            quotes: Quotes::new(delimiter),
            out: vec![0; 1 << 12],
            ends: vec![0; 64],
            text: None,
            id: None,
            names: Vec::new(),
            kept: Vec::new(),
            also: Vec::new(),
            texts_found: Vec::new(),
            notes: std::collections::VecDeque::new(),
            started: false,
            done: false,
        }
    }

    fn field(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.out[start..end])
    }

    /// Skips line ends (and a UTF-8 byte-order mark at the start) before a
    /// row; false at the end of the input.
    fn skip_line_ends(&mut self) -> std::io::Result<bool> {
        loop {
            let buf = crate::input::open::fill(&mut self.input)?;
            if buf.is_empty() {
                return Ok(false);
            }
            if !self.started && self.quotes.line == 0 && buf.starts_with(b"\xef\xbb\xbf") {
                self.input.consume(3);
                continue;
            }
            let n = buf.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
            let more = n < buf.len();
            self.quotes.feed(&buf[..n]);
            self.input.consume(n);
            if more {
                return Ok(true);
            }
        }
    }

    /// Reads the next row into `out` and `ends`.
    fn read_row(&mut self) -> Result<Option<Row>, (u64, std::io::Error)> {
        let line = self.quotes.line + 1;
        match self.skip_line_ends() {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(e) => return Err((line, e)),
        }
        let line = self.quotes.line + 1;
        let (mut outlen, mut endlen, mut raw, mut too_long) = (0, 0, 0usize, false);
        loop {
            let input = crate::input::open::fill(&mut self.input).map_err(|e| (line, e))?;
            let (res, nin, nout, nend) =
                self.core.read_record(input, &mut self.out[outlen..], &mut self.ends[endlen..]);
            self.quotes.feed(&input[..nin]);
            self.input.consume(nin);
            raw += nin;
            outlen += nout;
            endlen += nend;
            if raw > MAX_RECORD_BYTES && !too_long {
                too_long = true;
                self.out = vec![0; 1 << 12];
                self.ends = vec![0; 64];
            }
            if too_long {
                // Scanned to its end, not held.
                (outlen, endlen) = (0, 0);
            }
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let n = self.out.len();
                    self.out.resize(n * 2, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len();
                    self.ends.resize(n * 2, 0);
                }
                ReadRecordResult::Record => return Ok(Some(Row { line, too_long, fields: endlen })),
                ReadRecordResult::End => return Ok(None),
            }
        }
    }

    pub(super) fn next_record(&mut self, fields: &Fields) -> Option<Result<RawRecord, RecordError>> {
        loop {
            if let Some(note) = self.notes.pop_front() {
                return Some(Err(note));
            }
            if self.done {
                return None;
            }
            let row = match self.read_row() {
                Ok(Some(row)) => row,
                Ok(None) => return None,
                Err((line, e)) => return Some(Err(stream_error(Place::Line(line), &e))),
            };
            let place = Place::Line(row.line);
            // (Taken from every row, so a row skipped for another fault does
            // not leave it to the next.)
            let swallowed = self.quotes.swallowed.take();
            if let Some(opened) = self.quotes.open_at_end(self.input.as_mut()) {
                // The row ran to the end of the file inside a quoted field.
                self.done = true;
                let last = self.quotes.line + u64::from(!self.quotes.at_line_start);
                let fault = RecordFault::QuoteOpen { opened, last };
                return Some(Err(RecordError::new(place, fault)));
            }
            if row.too_long {
                let fault = RecordFault::TooLong { limit_mib: MAX_RECORD_BYTES >> 20 };
                return Some(Err(RecordError::new(place, fault)));
            }
            if let Some((opened, closed)) = swallowed {
                // A header that swallowed rows has no columns to trust.
                self.done |= !self.started;
                return Some(Err(RecordError::new(place, RecordFault::QuoteSwallowed { opened, closed })));
            }
            if !self.started {
                self.started = true;
                let names: Vec<String> = (0..row.fields)
                    .map(|i| String::from_utf8_lossy(self.field(i).unwrap_or_default()).trim().to_string())
                    .collect();
                self.text = names.iter().position(|n| *n == fields.text);
                self.id = names.iter().position(|n| *n == fields.id);
                self.kept = fields.keep.iter().map(|k| names.iter().position(|n| n == k)).collect();
                // With several text fields, a column the header lacks is
                // empty in every row (as a field a JSON record lacks), so
                // one field list serves files of both kinds; the file is
                // skipped only when it has none of them.
                self.also = fields.also.iter().map(|a| names.iter().position(|n| n == a)).collect();
                if self.text.is_none() && self.also.iter().all(Option::is_none) {
                    self.done = true;
                    let fault = RecordFault::NoTextColumn { wanted: fields.wanted(), columns: names };
                    return Some(Err(RecordError::new(place, fault)));
                }
                if self.id.is_none() && fields.id_required {
                    self.done = true;
                    let fault = RecordFault::NoIdColumn { column: fields.id.clone(), columns: names };
                    return Some(Err(RecordError::new(place, fault)));
                }
                if !self.also.is_empty() {
                    self.texts_found =
                        std::iter::once(&self.text).chain(&self.also).map(Option::is_some).collect();
                }
                let missing = fields.not_found(&self.texts_found);
                let absent = (!missing.0.is_empty())
                    .then(|| RecordFault::TextColumnAbsent { missing, columns: names.clone() });
                self.notes = absent
                    .into_iter()
                    .chain(self.duplicates(&names))
                    .map(|f| RecordError::new(place, f))
                    .collect();
                self.names = names;
                continue;
            }
            if row.fields == 1 && self.field(0).is_some_and(<[u8]>::is_empty) {
                continue; // an empty row
            }
            // More fields than the header (an unquoted delimiter in a cell
            // shifts the cells after it): skipped, never cut short. Extra
            // fields that are all empty (trailing delimiters) shift nothing.
            let header = self.names.len();
            if row.fields > header
                && (header..row.fields).any(|i| self.field(i).is_some_and(|f| !f.is_empty()))
            {
                let fault = RecordFault::TooManyFields {
                    found: row.fields,
                    header,
                    delimiter: self.quotes.delimiter,
                };
                return Some(Err(RecordError::new(place, fault)));
            }
            let within = |i: usize| (i < row.fields).then(|| self.field(i)).flatten();
            // A missing trailing field is an empty value.
            let mut value = self.text.and_then(within).unwrap_or_default().to_vec();
            let mut parts = Vec::new();
            if !self.also.is_empty() {
                parts.push(0);
                for &c in &self.also {
                    value.extend_from_slice(super::PART_SEPARATOR.as_bytes());
                    parts.push(value.len());
                    value.extend_from_slice(c.and_then(within).unwrap_or_default());
                }
            }
            // An empty id cell: the line is the id, noted (it may be
            // another row's id).
            let cell = self.id.map(|c| within(c).map(|v| String::from_utf8_lossy(v).trim().to_string()));
            let (rid, note) = match cell.map(Option::unwrap_or_default) {
                Some(id) if !id.is_empty() => (Some(id), None),
                Some(_) => {
                    let fault =
                        RecordFault::IdFallback { field: fields.id.clone(), column: true, found: "empty" };
                    (None, Some(RecordError::new(place, fault)))
                }
                None => (None, None),
            };
            // A kept column the header has but a short row lacks is empty.
            let kept: Vec<Option<String>> = self
                .kept
                .iter()
                .map(|c| c.map(|c| String::from_utf8_lossy(within(c).unwrap_or_default()).into_owned()))
                .collect();
            let texts_found = self.texts_found.clone();
            let columns = if kept.iter().any(Option::is_none) || texts_found.contains(&false) {
                self.names.iter().take(20).cloned().collect()
            } else {
                Vec::new()
            };
            return Some(Ok(RawRecord {
                place,
                id: rid,
                payload: Payload::Text(value),
                kept,
                columns,
                parts,
                texts_found,
                note,
            }));
        }
    }

    /// A [`RecordFault::DuplicateColumn`] for each name the header gives to
    /// more than one column (empty names aside), in the order of their
    /// first columns; the text, id and kept columns are set.
    fn duplicates(&self, names: &[String]) -> Vec<RecordFault> {
        let mut columns: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        let mut order = Vec::new();
        for (i, name) in names.iter().enumerate().filter(|(_, n)| !n.is_empty()) {
            let at = columns.entry(name).or_default();
            if at.is_empty() {
                order.push(name.as_str());
            }
            at.push(i + 1);
        }
        let mut faults = Vec::new();
        for name in order {
            let Some(positions) = columns.remove(name).filter(|p| p.len() > 1) else { continue };
            // (Columns are found by name: the first of them is read.)
            let first = positions.first().map_or(0, |p| p - 1);
            let read_as = if self.text == Some(first) || self.also.contains(&Some(first)) {
                Some("the text (--text-column)")
            } else if self.id == Some(first) {
                Some("the id (--id-column)")
            } else if self.kept.contains(&Some(first)) {
                Some("a kept field (documents.csv)")
            } else {
                None
            };
            faults.push(RecordFault::DuplicateColumn { column: name.to_string(), positions, read_as });
        }
        faults
    }
}

/// Follows the quoting of the bytes the parser consumed, as `csv_core`
/// reads it (a `"` opens a quoted field only at the start of a field; `""`
/// inside one is a quote), to count lines and to know where a quote that is
/// still open at the end of the file opened.
struct Quotes {
    delimiter: u8,
    /// Line ends (`\n`) seen.
    line: u64,
    state: QuoteState,
    /// The last byte seen outside a quoted field.
    prev: u8,
    /// The 1-based line the current quoted field opened on.
    opened: u64,
    /// The last byte fed was a line end (or none was fed): the file's last
    /// line is then `line`, not `line + 1` (a trial saw "line 5" for a file
    /// of four lines).
    at_line_start: bool,
    /// A quoted field that spans lines was closed by a quote followed by
    /// text (not a delimiter or a line end): the lines it opened and
    /// closed on. A quote left open swallows rows this way.
    swallowed: Option<(u64, u64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    /// Not inside a quoted field.
    Out,
    /// Inside a quoted field.
    Quoted,
    /// Just after a `"` inside a quoted field: a closing quote or the first
    /// of `""`.
    QuoteSeen,
}

impl Quotes {
    fn new(delimiter: u8) -> Quotes {
        Quotes {
            delimiter,
            line: 0,
            state: QuoteState::Out,
            prev: b'\n',
            opened: 0,
            at_line_start: true,
            swallowed: None,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            match self.state {
                QuoteState::Out => match memchr::memchr2(b'"', b'\n', &bytes[i..]) {
                    Some(j) => {
                        let at = i + j;
                        let prev = if at == 0 { self.prev } else { bytes[at - 1] };
                        if bytes[at] == b'\n' {
                            self.line += 1;
                        } else if prev == self.delimiter || prev == b'\n' || prev == b'\r' {
                            self.state = QuoteState::Quoted;
                            self.opened = self.line + 1;
                        }
                        i = at + 1;
                    }
                    None => i = bytes.len(),
                },
                QuoteState::Quoted => match memchr::memchr2(b'"', b'\n', &bytes[i..]) {
                    Some(j) => {
                        let at = i + j;
                        if bytes[at] == b'\n' {
                            self.line += 1;
                        } else {
                            self.state = QuoteState::QuoteSeen;
                        }
                        i = at + 1;
                    }
                    None => i = bytes.len(),
                },
                QuoteState::QuoteSeen => {
                    if bytes[i] == b'"' {
                        self.state = QuoteState::Quoted;
                        i += 1;
                    } else {
                        // Closed: the byte is read outside the quotes.
                        let closed = self.line + 1;
                        let after = bytes[i];
                        // (Spaces after a closing quote are sloppy, not this.)
                        if closed > self.opened
                            && !matches!(after, b'\r' | b'\n' | b' ' | b'\t')
                            && after != self.delimiter
                        {
                            self.swallowed.get_or_insert((self.opened, closed));
                        }
                        self.state = QuoteState::Out;
                        self.prev = b'"';
                    }
                }
            }
        }
        if let Some(&last) = bytes.last() {
            self.at_line_start = last == b'\n';
        }
        if self.state == QuoteState::Out && i > 0 {
            if let Some(&last) = bytes.last() {
                self.prev = last;
            }
        }
    }

    /// The line an open quote opened on, when the input has ended inside it.
    fn open_at_end(&self, input: &mut dyn BufRead) -> Option<u64> {
        if self.state != QuoteState::Quoted {
            return None;
        }
        input.fill_buf().ok().filter(|b| b.is_empty()).map(|_| self.opened)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(data: &[u8]) -> Vec<String> {
        let fields = Fields::default();
        let mut r = DelimitedReader::new(Box::new(data), b',');
        std::iter::from_fn(|| r.next_record(&fields))
            .map(|x| match x {
                Ok(RawRecord { place, payload: Payload::Text(t), .. }) => {
                    format!("{}={}", place.number(), String::from_utf8_lossy(&t))
                }
                Ok(other) => panic!("{other:?}"),
                Err(e) => e.to_string(),
            })
            .collect()
    }

    /// What the reader hands out for `data` read with `fields`: notes and
    /// errors as their messages, rows as `LINE=ID`.
    fn read(data: &[u8], fields: &Fields) -> Vec<String> {
        let mut r = DelimitedReader::new(Box::new(data), b',');
        std::iter::from_fn(|| r.next_record(fields))
            .map(|x| match x {
                Ok(raw) => {
                    let id = raw.id.unwrap_or_else(|| "-".into());
                    match raw.note {
                        Some(n) => format!("{}={id} ({n})", raw.place.number()),
                        None => format!("{}={id}", raw.place.number()),
                    }
                }
                Err(e) => e.to_string(),
            })
            .collect()
    }

    /// Of several text columns, one the header lacks is noted once (a
    /// mistyped name was silent); the rows are read with it empty.
    #[test]
    fn a_missing_one_of_several_text_columns_is_noted_once() {
        let fields = Fields { also: vec!["body".into(), "cast".into()], ..Fields::default() };
        let got = read(b"id,text,cast\n1,a,b\n2,c,d\n", &fields);
        assert_eq!(
            got,
            [
                "line 1: no column `body` in the header (columns: id, text, cast), so its text is empty in every row; the other text columns are read (check the names given to --text-column)",
                "2=1",
                "3=2"
            ]
        );
        let got = read(b"id,cast\n1,b\n", &fields);
        assert!(got[0].starts_with("line 1: none of the columns `text`, `body` is in the header (columns: id, cast), so their text is"), "{got:?}");
        // All of them there: no note.
        assert_eq!(read(b"id,text,body,cast\n1,a,b,c\n", &fields), ["2=1"]);
    }

    /// Found by a trial: a header naming a column twice was read in
    /// silence. Each such name gets a note, the rows are read all the same.
    #[test]
    fn a_column_named_twice_is_noted_with_what_reads_it() {
        let fields = Fields { keep: vec!["k".into()], also: vec!["b".into()], ..Fields::default() };
        let got = read(b"\nid,text,k,text,x,k,x,b,id,b,x,,\n1,a,b,c,d,e,f,g,h,i,j,,\n", &fields);
        let said = |rest: &str| format!("line 2: column {rest}");
        assert_eq!(
            got,
            [
                said(
                    "`id` is named twice in the header (columns 1 and 9); the first (column 1) is read as the id (--id-column); to read the other, rename it in the header"
                ),
                said(
                    "`text` is named twice in the header (columns 2 and 4); the first (column 2) is read as the text (--text-column); to read the other, rename it in the header"
                ),
                said(
                    "`k` is named twice in the header (columns 3 and 6); the first (column 3) is read as a kept field (documents.csv); to read the other, rename it in the header"
                ),
                said("`x` is named 3 times in the header (columns 5, 7 and 11); none of them is read"),
                said(
                    "`b` is named twice in the header (columns 8 and 10); the first (column 8) is read as the text (--text-column); to read the other, rename it in the header"
                ),
                "3=1".to_string(),
            ]
        );
        let many = format!("text{}\nA\n", ",x".repeat(12));
        assert_eq!(
            read(many.as_bytes(), &Fields::default())[0],
            "line 1: column `x` is named 12 times in the header (columns 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more); none of them is read"
        );
        // A header that fails says only that.
        let got = read(b"a,a,b\n1,2,3\n", &Fields::default());
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("line 1: no column `text`"), "{got:?}");
    }

    /// An empty id cell falls back to the row's line, with a note; a file
    /// without an id column has no id cells to note.
    #[test]
    fn an_empty_id_cell_gives_the_line_and_a_note() {
        let got = read(b"text,id\nA,\nB,  \nC,r3\nD\n", &Fields::default());
        let note = |n: u64| {
            format!(
                "{n}=- (line {n}: column `id` (--id-column) is empty; the line number ({n}) is used as the id)"
            )
        };
        assert_eq!(got, [note(2), note(3), "4=r3".into(), note(5)]);
        assert_eq!(read(b"text\nA\n", &Fields::default()), ["2=-"]);
    }

    /// Found by a new user: a row with an unquoted comma in its text was
    /// read cut short at the comma, in silence. It is skipped with a row
    /// that says why and what to do; the rows around it are read.
    #[test]
    fn a_row_with_more_fields_than_the_header_is_skipped_and_said() {
        let got = ids(
            b"id,outlet,text\n1,Variety,Producer Kevin Feige, the boss, said so.\n2,BBC,Directed by Jane.\n",
        );
        assert_eq!(
            got,
            [
                "line 2: 5 fields, but the header has 3; record skipped (an unquoted comma in a cell? quote cells \
                 that hold commas, or pass --input-format tsv if the file is tab-separated)",
                "3=Directed by Jane."
            ]
        );
        // Quoted commas, a short row and trailing empty fields shift nothing.
        assert_eq!(ids(b"id,text\n1,\"a, b\"\n2\n3,c,,\n"), ["2=a, b", "3=", "4=c"]);
        // TSV says so in its own terms.
        let mut r = DelimitedReader::new(Box::new(&b"id\ttext\n1\ta\tb\n"[..]), b'\t');
        let e = r.next_record(&Fields::default()).expect("a row").expect_err("skipped");
        assert!(!e.fault.is_note() && !e.fatal(), "{e:?}");
        assert_eq!(
            e.to_string(),
            "line 2: 3 fields, but the header has 2; record skipped (a tab inside a cell? quote cells that hold \
             tabs, or pass --input-format csv if the file is comma-separated)"
        );
        assert!(r.next_record(&Fields::default()).is_none());
    }

    /// Found by a new user: `--input-format csv` on a JSON Lines file
    /// listed its whole first line (2.5 KB) as the columns, with no hint.
    /// The columns shown are capped; a first line of JSON says so.
    #[test]
    fn a_json_file_read_as_csv_shows_a_capped_header_and_a_hint() {
        let line = format!("{{\"id\": 0, \"body\": \"{}\u{e9}\"}}\n", "word ".repeat(500));
        let got = ids(line.as_bytes());
        assert_eq!(got.len(), 1);
        let start = "line 1: no column `text` in the header (columns: {\"id\": 0";
        let (shown, rest) = got[0].split_once('…').expect("cut");
        assert!(shown.starts_with(start), "{shown}");
        assert!(shown.len() <= start.len() - "{\"id\": 0".len() + 200, "{shown}");
        assert_eq!(
            rest,
            "); name it with --text-column, file skipped (the first line starts with `{`: a JSON Lines file? \
             give --input-format jsonl)"
        );
        let got = ids(b"[{\"id\": 1, \"text\": \"a\"},\n");
        assert!(
            got[0].ends_with("(the first line starts with `[`: a JSON array? give --input-format json)"),
            "{got:?}"
        );
        // Short headers are listed whole; a TSV header keeps its hint.
        assert_eq!(
            ids(b"a\tb\n1\t2\n"),
            [
                "line 1: no column `text` in the header (columns: a\tb); name it with --text-column, file skipped \
              (the header holds tabs: a TSV file? give --input-format tsv, without --delimiter)"
            ]
        );
        // A semicolon-separated header gets a hint too (found by a trial).
        let got = ids(b"id;text\n1;Directed by X.\n");
        assert!(got[0].starts_with("line 1: no column `text` in the header (columns: id;text)"), "{got:?}");
        assert!(
            got[0].ends_with("(the header holds `;`: a semicolon-separated file? give --delimiter ';')"),
            "{got:?}"
        );
        // UTF-16 without its byte-order mark: NUL bytes in the names (a trial).
        let got = ids(b"i\0d\0,\0t\0e\0x\0t\0\n\0");
        assert!(
            got[0].contains("(the header holds NUL bytes: UTF-16 text without a byte-order mark?"),
            "{got:?}"
        );
        assert!(got[0].contains("iconv -f UTF-16LE"), "{got:?}");
        assert!(ids(b"\0i\0d\0,\0t\0e\0x\0t\0\n")[0].contains("iconv -f UTF-16BE"));
        // A comma file read with another delimiter (a review).
        let mut r = DelimitedReader::new(Box::new(&b"id,body\n1,a\n"[..]), b';');
        let e = r.next_record(&Fields::default()).expect("a row").expect_err("skipped");
        assert!(
            e.to_string().ends_with(
                "(the header holds commas: a comma-separated file? read it as csv, without --delimiter)"
            ),
            "{e}"
        );
    }

    /// Found by a trial: a quote left open on one row ran on to the quote
    /// that opened the last field of the next, and that row vanished into
    /// the one before it in silence. A quoted field that spans lines and
    /// has text after its closing quote is skipped with a row naming the
    /// lines; the rows after it are read. Text after a quote that opened
    /// on the same line (sloppy, but one row) and quoted line breaks are
    /// read as before.
    #[test]
    fn a_quote_left_open_that_swallows_rows_is_said() {
        let data = b"id,text\n1,\"One.\"\n3,\"Left open\n4,\"Swallowed.\"\n5,Five.\n";
        let got = ids(data);
        assert_eq!(
            got,
            [
                "2=One.",
                "line 3: a quote opened on line 3 closes on line 4 with text after it, so lines 3-4 were read as \
                 one field (a quote left open?); record skipped, the rows it swallowed with it (fix or escape the \
                 quote: `\"\"` inside a quoted field)",
                "5=Five."
            ]
        );
        // CRLF, and TSV, alike.
        let crlf = b"id,text\r\n3,\"Left open\r\n4,\"Swallowed.\"\r\n5,Five.\r\n";
        assert!(
            ids(crlf)[0].starts_with("line 2: a quote opened on line 2 closes on line 3"),
            "{:?}",
            ids(crlf)
        );
        let mut r = DelimitedReader::new(Box::new(&b"id\ttext\n3\t\"open\n4\t\"x\"\n"[..]), b'\t');
        let e = r.next_record(&Fields::default()).expect("a row").expect_err("skipped");
        assert!(e.to_string().starts_with("line 2: a quote opened on line 2 closes on line 3"), "{e}");
        // Quoted line breaks (before a delimiter, a line end, spaces or the
        // end of the file), and text after a quote of the same line.
        assert_eq!(
            ids(b"id,text\n1,\"Two\nlines.\"\n2,\"The Godfather\" remake\n"),
            ["2=Two\nlines.", "4=The Godfather remake"]
        );
        let got = ids(b"text,id\n\"a\nb\",1\n\"c\r\nd\",2\r\n\"e\nf\" ,3\n\"g\nh\"");
        assert_eq!(got, ["2=a\nb", "4=c\r\nd", "6=e\nf ", "8=g\nh"]);
        // A header that swallowed rows ends the file.
        let got = ids(b"\"i\nd\"x,text\n1,a\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("line 1: a quote opened on line 1 closes on line 2"), "{got:?}");
    }

    /// `--delimiter`: a CSV or TSV file with another delimiter is read
    /// through [`Fields::delimiter`], quotes and all; a row with extra
    /// fields names that delimiter.
    #[test]
    fn another_delimiter_is_read_as_given() {
        use crate::input::records::{Format, RecordReader};
        let read = |format, data: &'static [u8], delimiter| {
            let fields = Fields { delimiter, ..Fields::default() };
            RecordReader::new(format, Box::new(data), &fields)
                .map(|x| match x {
                    Ok(RawRecord { id, payload: Payload::Text(t), .. }) => {
                        format!("{}={}", id.unwrap_or_default(), String::from_utf8_lossy(&t))
                    }
                    Ok(other) => panic!("{other:?}"),
                    Err(e) => e.to_string(),
                })
                .collect::<Vec<_>>()
        };
        let semi = b"id;text\n1;\"Directed by A; produced by B.\"\n2;a, b\n3;x;y\n";
        for format in [Format::Csv, Format::Tsv] {
            assert_eq!(
                read(format, semi, Some(b';')),
                [
                    "1=Directed by A; produced by B.",
                    "2=a, b",
                    "line 4: 3 fields, but the header has 2; record skipped (an unquoted `;` in a cell? quote \
                     cells that hold it, or give the file's own delimiter with --delimiter)"
                ]
            );
        }
        // Without it, the semicolon file's header has one column.
        assert!(read(Format::Csv, semi, None)[0].ends_with("give --delimiter ';')"));
        assert_eq!(read(Format::Csv, b"id|text\n7|a\n", Some(b'|')), ["7=a"]);
        assert_eq!(read(Format::Csv, b"id\ttext\n7\ta\n", Some(b'\t')), ["7=a"]);
    }

    #[test]
    fn rows_are_numbered_by_the_line_they_start_on() {
        let lf = ids(b"text\nA\n\"B\nb\"\n\n\nC\n");
        assert_eq!(lf, ["2=A", "3=B\nb", "7=C"]);
        let crlf = ids(b"text\r\nA\r\n\"B\r\nb\"\r\n\r\n\r\nC\r\n");
        assert_eq!(crlf, ["2=A", "3=B\r\nb", "7=C"]);
        // A byte-order mark is not part of the first column's name.
        assert_eq!(ids(b"\xef\xbb\xbftext\nA"), ["2=A"]);
    }

    #[test]
    fn a_quote_open_at_the_end_is_reported_with_its_line() {
        let got = ids(b"text\nA\n\"B, then\nC\nD\n");
        assert_eq!(got[0], "2=A");
        assert_eq!(
            got[1],
            "line 3: a quote opened on line 3 is still open at the end of the file (line 5), so lines 3-5 \
             were read as one field; record skipped (fix or escape the quote: `\"\"` inside a quoted field)"
        );
        assert_eq!(got.len(), 2);
        // Without a line end after the last line: the same line (a trial
        // saw one line too many when the file ended with one).
        let got = ids(b"text\nA\n\"B, then\nC\nD");
        assert!(got[1].contains("still open at the end of the file (line 5), so lines 3-5 "), "{got:?}");
        // Quotes inside a field, escaped quotes, and a quote closed at the end are not open.
        assert_eq!(
            ids(b"text\n5\" floppy\n\"say \"\"hi\"\"\"\n\"end\""),
            ["2=5\" floppy", "3=say \"hi\"", "4=end"]
        );
    }

    #[test]
    fn rows_over_the_limit_are_skipped_not_held() {
        // A quoted field of over 64 MiB that closes: skipped, the next row read.
        let mut data = b"text\n\"".to_vec();
        data.resize(MAX_RECORD_BYTES + 100, b'x');
        data.extend_from_slice(b"\"\nafter\n");
        assert_eq!(ids(&data), ["line 2: longer than 64 MiB, skipped", "3=after"]);
        // An unbalanced quote over a file larger than the limit: one row,
        // reported with the quote's line, nothing held.
        let mut data = b"text\nA\n\"B\n".to_vec();
        let line = b"more text, and more\n";
        while data.len() <= MAX_RECORD_BYTES + 10 {
            data.extend_from_slice(line);
        }
        let got = ids(&data);
        assert_eq!(got.len(), 2);
        assert!(
            got[1].starts_with("line 3: a quote opened on line 3 is still open at the end of the file"),
            "{got:?}"
        );
    }
}
