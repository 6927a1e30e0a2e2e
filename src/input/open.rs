//! Opening an input on the scanning thread: the file or stdin, counted
//! for progress, decompressed when it is gzip (by name or by its magic
//! bytes), decoded to UTF-8 when it starts with a UTF-16 byte-order mark
//! or is read in another encoding (`--encoding`).
//!
//! What goes wrong without stopping the read (junk after the gzip data,
//! malformed sequences of the encoding decoded) is kept in the [`Notes`] of the opened input, for a
//! row of `errors.csv` when the input has been read.
//!
//! The counting adapter is ours rather than indicatif's `wrap_read` because
//! the library reports progress through [`crate::scan::Observer`] and does
//! not depend on a progress-bar crate.

use std::cell::{Cell, RefCell};
use std::io::{BufRead, Read};
use std::rc::Rc;

use super::{Input, ProblemKind, Source};

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
    /// The encoding's name when the input was decoded to UTF-8 as it is
    /// read (UTF-16 by its BOM, or `--encoding`): its offsets are those of
    /// the decoded text.
    pub decoded: Option<&'static str>,
    /// The same name when the encoding was detected (`--encoding auto`):
    /// the caller notes it ([`ProblemKind::Detected`]) unless the input is
    /// skipped.
    pub detected: Option<&'static str>,
    /// Problems found while reading that did not stop it.
    pub notes: Notes,
    /// Whether the text (decompressed) starts with a UTF-8 byte-order
    /// mark, which decided that it is read as UTF-8.
    pub utf8_bom: bool,
}

/// Problems found while an input is read that do not stop the read: junk
/// after the gzip data, malformed sequences of a decoded encoding replaced.
#[derive(Clone, Default)]
pub struct Notes(Rc<RefCell<Vec<ProblemKind>>>);

impl Notes {
    fn push(&self, kind: ProblemKind) {
        self.0.borrow_mut().push(kind);
    }

    /// The problems noted so far, as one (none: `None`).
    pub fn take(&self) -> Option<ProblemKind> {
        std::mem::take(&mut *self.0.borrow_mut())
            .into_iter()
            .fold(None, |all, k| ProblemKind::and(all, Some(k)))
    }
}

/// How many of an input's bytes were read, for the progress bar.
pub struct Meter {
    read: Rc<Cell<u64>>,
    /// Bytes of `read` already shown.
    shown: u64,
}

/// Opens `input` for reading on this thread; `gzip` says its name asks for
/// decompression (the magic bytes are checked either way). Text with a
/// UTF-16 byte-order mark is decoded to UTF-8; other text is read as
/// `encoding` says (decoded to UTF-8 as it is read) unless it starts with a
/// UTF-8 byte-order mark. [`super::Charset::Detect`] reads up to
/// [`super::DETECT_BYTES`] ahead to decide (a read error met there is
/// handed out after those bytes, as it would have been).
///
/// # Errors
/// The error of opening the file or of its first read; data of another
/// compression format ([`other_compression`]), as a [`GzipError`].
pub fn open(input: &Input, gzip: bool, encoding: super::Charset) -> std::io::Result<Opened> {
    let read = Rc::new(Cell::new(0));
    let raw: Box<dyn std::io::Read> = match &input.source {
        Source::File(path) => Box::new(std::fs::File::open(path)?),
        Source::Stdin => Box::new(std::io::stdin().lock()),
    };
    let counted = Counting { inner: raw, count: Rc::clone(&read) };
    let mut reader: Box<dyn BufRead> = Box::new(std::io::BufReader::with_capacity(1 << 16, counted));
    let head = fill(&mut reader)?;
    if let Some(fault) = other_compression(head) {
        return Err(GzipError::io(fault, 0));
    }
    // An empty file is empty, whatever its name says.
    let gzip = (gzip && !head.is_empty()) || is_gzip(head);
    let notes = Notes::default();
    let mut reader = if gzip { gunzip_noting(reader, notes.clone()) } else { reader };
    // One layer is decompressed: gzip inside it is binary, said so.
    if gzip && is_gzip(fill(&mut reader)?) {
        return Err(GzipError::io(GzipFault::Nested, 0));
    }
    // Detection reads ahead: up to `DETECT_BYTES` (and one byte more, to
    // know whether more follows), read again from memory.
    let (choice, utf8_bom) = if encoding == super::Charset::Detect {
        let (head, failed) = read_ahead(&mut reader, super::DETECT_BYTES + 1);
        let choice = super::text_encoding(&head, encoding, false);
        let utf8_bom = head.starts_with(UTF8_BOM);
        let rest = ThenFail { failed, inner: reader };
        reader = Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::Cursor::new(head).chain(rest)));
        (choice, utf8_bom)
    } else {
        let head = fill(&mut reader)?;
        (super::text_encoding(head, encoding, true), head.starts_with(UTF8_BOM))
    };
    if let Some((encoding, _)) = choice {
        reader = Box::new(std::io::BufReader::with_capacity(
            1 << 16,
            Transcode::new(reader, encoding, notes.clone()),
        ));
    }
    let decoded = choice.map(|(encoding, _)| encoding.name());
    let detected = choice.filter(|&(_, detected)| detected).map(|(encoding, _)| encoding.name());
    Ok(Opened { reader, gzip, meter: Meter { read, shown: 0 }, decoded, detected, notes, utf8_bom })
}

impl Meter {
    /// Bytes of the input read since the last call.
    pub fn take_new(&mut self) -> u64 {
        let now = self.read.get();
        let new = now - self.shown;
        self.shown = now;
        new
    }

    /// Bytes of the input read in all.
    pub fn total(&self) -> u64 {
        self.read.get()
    }
}

/// Up to `limit` bytes read from `reader` (fewer at its end), and the read
/// error that stopped it early, if one did.
fn read_ahead(reader: &mut dyn BufRead, limit: usize) -> (Vec<u8>, Option<std::io::Error>) {
    let mut head = Vec::new();
    // (`read_to_end` keeps what it read before an error, and retries
    // interrupted reads.)
    let failed = reader.take(limit as u64).read_to_end(&mut head).err();
    (head, failed)
}

/// `inner`, after handing out `failed` first when there is one: a read
/// error met while reading ahead, given back where it was met (a gzip
/// decoder that failed may read as ended after it).
struct ThenFail<R> {
    failed: Option<std::io::Error>,
    inner: R,
}

impl<R: Read> Read for ThenFail<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.failed.take() {
            Some(e) => Err(e),
            None => self.inner.read(buf),
        }
    }
}

/// The reader's first buffered bytes (retrying interrupted reads).
///
/// An error is handed out as met: calling `fill_buf` again after it may
/// read past it (a gzip decoder whose checksum failed reads as ended
/// after saying so once).
pub(crate) fn fill<R: BufRead + ?Sized>(reader: &mut R) -> std::io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
            // (Borrowed again below: returning this borrow from the loop
            // does not pass the borrow checker.)
            Ok(_) => break,
        }
    }
    reader.fill_buf()
}

/// Decompresses gzip input (several members, as in `.warc.gz`); bytes
/// after the last member that do not start another one are ignored.
pub fn gunzip<'a>(input: impl BufRead + 'a) -> Box<dyn BufRead + 'a> {
    gunzip_noting(input, Notes::default())
}

/// [`gunzip`], noting junk after the gzip data in `notes` (as `gzip -d`
/// warns "trailing garbage ignored").
pub fn gunzip_noting<'a>(input: impl BufRead + 'a, notes: Notes) -> Box<dyn BufRead + 'a> {
    let state = Some(Member::Between(Consumed { inner: input, count: 0 }));
    let members = GzMembers { state, notes, member_start: 0 };
    Box::new(std::io::BufReader::with_capacity(1 << 16, members))
}

/// A `BufRead` that counts the bytes consumed from it.
struct Consumed<R> {
    inner: R,
    count: u64,
}

impl<R: BufRead> Read for Consumed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Consumed<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.count += n as u64;
        self.inner.consume(n);
    }
}

/// Gzip members one after the other; the bufread decoder takes exactly
/// its member's bytes from the input, so what follows can be looked at.
struct GzMembers<R> {
    state: Option<Member<R>>,
    notes: Notes,
    /// Where the member being read starts in the compressed input.
    member_start: u64,
}

/// What is wrong with gzip data, and where: carried inside the
/// `std::io::Error` that the decompressing reader ([`gunzip`]) or
/// [`open`] gives, so that every reader of the stream words it alike
/// ([`super::stream_failure`], [`super::io_message`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GzipError {
    /// What is wrong.
    pub fault: GzipFault,
    /// The byte of the compressed input where it was found (for a
    /// header: where the member starts).
    pub byte: u64,
}

/// The faults of gzip data ([`GzipError`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GzipFault {
    /// Named `.gz`, but the data does not start with gzip's magic bytes.
    NotGzip,
    /// A member's header is invalid (flate2's words).
    BadHeader {
        /// What the decoder said.
        detail: String,
    },
    /// The input ends inside a member's header.
    HeaderCut,
    /// The input ends inside a member's compressed data.
    DataCut,
    /// A member's checksum or length does not match its data.
    Checksum,
    /// The compressed data is corrupt.
    Corrupt,
    /// The decompressed data starts with gzip's magic bytes again.
    Nested,
    /// The input starts with the magic bytes of another compression
    /// format ([`other_compression`]), which rolecall does not read.
    OtherCompression {
        /// The format's name (`bzip2`, `xz`…).
        format: &'static str,
        /// A command that decompresses it to standard output, with FILE
        /// for the file.
        command: &'static str,
    },
    /// A zip file that is an Office Open XML or OpenDocument file (a
    /// spreadsheet, a document, an e-book): its first entry is
    /// `[Content_Types].xml` or `mimetype`.
    OfficeFile,
}

impl GzipError {
    /// `fault` at `byte`, as an I/O error (of kind `InvalidData`, or
    /// `UnexpectedEof` for data cut short).
    pub fn io(fault: GzipFault, byte: u64) -> std::io::Error {
        let kind = match fault {
            GzipFault::HeaderCut | GzipFault::DataCut => std::io::ErrorKind::UnexpectedEof,
            _ => std::io::ErrorKind::InvalidData,
        };
        std::io::Error::new(kind, GzipError { fault, byte })
    }

    /// The gzip fault an I/O error carries, if it carries one.
    pub fn of(e: &std::io::Error) -> Option<&GzipError> {
        e.get_ref().and_then(|inner| inner.downcast_ref::<GzipError>())
    }
}

impl std::fmt::Display for GzipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let byte = self.byte;
        let check = "`gzip -t FILE` checks a gzip file";
        match &self.fault {
            GzipFault::NotGzip => write!(
                f,
                "not a gzip stream: the name ends in `.gz` but the data does not start with gzip's magic bytes (1f 8b); if it is not compressed, rename it without `.gz`"
            ),
            GzipFault::BadHeader { detail } => {
                // (flate2 mostly says just "invalid gzip header".)
                let detail = match detail.as_str() {
                    "invalid gzip header" => String::new(),
                    other => format!(" ({other})"),
                };
                if byte == 0 {
                    write!(
                        f,
                        "not a gzip stream: it starts with gzip's magic bytes (1f 8b) but its gzip header at byte 0 is invalid{detail}; the file is damaged or is not gzip ({check})"
                    )
                } else {
                    write!(
                        f,
                        "invalid gzip header{detail} of the member at byte {byte}: damaged data ({check})"
                    )
                }
            }
            GzipFault::HeaderCut => write!(
                f,
                "unexpected end of the file inside the gzip header at byte {byte}: the file is truncated (a partial download or copy?)"
            ),
            GzipFault::DataCut => write!(
                f,
                "unexpected end of the gzip data at byte {byte}: the file is truncated (a partial download or copy?), the rest of its text is missing"
            ),
            GzipFault::Checksum => write!(
                f,
                "gzip checksum mismatch in the member ending at byte {byte}: the data is damaged ({check})"
            ),
            GzipFault::Corrupt => {
                write!(f, "corrupt gzip data near byte {byte}: the file is damaged ({check})")
            }
            GzipFault::Nested => write!(
                f,
                "gzip inside gzip: the decompressed data starts with gzip's magic bytes (1f 8b) again; decompress the outer layer (`gunzip -c FILE > INNER.gz`) and scan the result"
            ),
            GzipFault::OtherCompression { format, command } => write!(
                f,
                "compressed with {format}, which rolecall does not read (it decompresses gzip only): decompress it first (`{command}`), or recompress it with gzip"
            ),
            GzipFault::OfficeFile => write!(
                f,
                "an Office or OpenDocument file (a spreadsheet, document or e-book: zipped XML), which rolecall does not read: export it as CSV (a spreadsheet) or as plain text"
            ),
        }
    }
}

impl std::error::Error for GzipError {}

/// The decoder's error `e`, met `byte` bytes into the compressed input in
/// the member starting at `start` (`in_header`: before its header was
/// read), as a [`GzipError`]; errors of the input itself (I/O) as they are.
fn gzip_error(e: std::io::Error, in_header: bool, start: u64, byte: u64) -> std::io::Error {
    use std::io::ErrorKind::{InvalidData, InvalidInput, UnexpectedEof};
    // (flate2's own errors have no OS error code; the input's may.)
    if e.raw_os_error().is_some() || GzipError::of(&e).is_some() {
        return e;
    }
    let fault = match e.kind() {
        UnexpectedEof if in_header => GzipFault::HeaderCut,
        UnexpectedEof => GzipFault::DataCut,
        InvalidInput | InvalidData if in_header => GzipFault::BadHeader { detail: e.to_string() },
        InvalidInput | InvalidData if e.to_string().contains("checksum") => GzipFault::Checksum,
        InvalidInput | InvalidData => GzipFault::Corrupt,
        _ => return e,
    };
    GzipError::io(fault, if in_header { start } else { byte })
}

enum Member<R> {
    In(Box<flate2::bufread::GzDecoder<Consumed<R>>>),
    Between(Consumed<R>),
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            match self.state.take() {
                None => return Ok(0),
                Some(Member::In(mut d)) => match d.read(buf) {
                    Ok(0) if !buf.is_empty() => self.state = Some(Member::Between(d.into_inner())),
                    Err(e) => {
                        let (in_header, byte) = (d.header().is_none(), d.get_ref().count);
                        self.state = Some(Member::In(d));
                        return Err(gzip_error(e, in_header, self.member_start, byte));
                    }
                    other => {
                        self.state = Some(Member::In(d));
                        return other;
                    }
                },
                Some(Member::Between(mut input)) => {
                    let first = input.count == 0;
                    let head = loop {
                        match input.fill_buf() {
                            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                            Err(e) => {
                                self.state = Some(Member::Between(input));
                                return Err(e);
                            }
                            Ok(h) => break h,
                        }
                    };
                    if head.is_empty() {
                        return Ok(0);
                    }
                    // The first member must be gzip: anything else is an error, not junk.
                    if first && !is_gzip(head) {
                        self.state = Some(Member::Between(input)); // the same error again
                        return Err(GzipError::io(GzipFault::NotGzip, 0));
                    }
                    // A buffer ending on 0x1f may hold only half the magic.
                    if head[0] == 0x1f && head.get(1).is_none_or(|&b| b == 0x8b) {
                        self.member_start = input.count;
                        self.state = Some(Member::In(Box::new(flate2::bufread::GzDecoder::new(input))));
                        continue;
                    }
                    let offset = input.count;
                    let bytes = std::io::copy(&mut input, &mut std::io::sink()).unwrap_or(0);
                    self.notes.push(ProblemKind::TrailingGarbage { offset, bytes });
                    return Ok(0);
                }
            }
        }
    }
}

/// The UTF-8 byte-order mark.
pub(crate) const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// Text of another encoding (UTF-16, or `--encoding`) decoded to UTF-8 as
/// it is read (a UTF-16 BOM dropped); malformed sequences become U+FFFD
/// and are counted in a note at the end.
struct Transcode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    encoding: &'static encoding_rs::Encoding,
    out: Vec<u8>,
    at: usize,
    replaced: u64,
    done: bool,
    notes: Notes,
}

impl<R: BufRead> Transcode<R> {
    fn new(inner: R, encoding: &'static encoding_rs::Encoding, notes: Notes) -> Self {
        let decoder = encoding.new_decoder_with_bom_removal();
        Transcode { inner, decoder, encoding, out: Vec::new(), at: 0, replaced: 0, done: false, notes }
    }
}

impl<R: BufRead> Read for Transcode<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use encoding_rs::DecoderResult;
        while self.at == self.out.len() && !self.done {
            let src = self.inner.fill_buf()?;
            let last = src.is_empty();
            let room =
                self.decoder.max_utf8_buffer_length_without_replacement(src.len()).unwrap_or(src.len() * 3);
            self.out.clear();
            self.out.resize(room + 16, 0);
            self.at = 0;
            let (mut read, mut written) = (0, 0);
            loop {
                let (result, r, w) = self.decoder.decode_to_utf8_without_replacement(
                    &src[read..],
                    &mut self.out[written..],
                    last,
                );
                read += r;
                written += w;
                match result {
                    DecoderResult::InputEmpty => break,
                    DecoderResult::OutputFull => {
                        let len = self.out.len();
                        self.out.resize(len * 2 + 16, 0);
                    }
                    DecoderResult::Malformed(..) => {
                        self.replaced += 1;
                        if self.out.len() < written + 3 {
                            self.out.resize(written + 16, 0);
                        }
                        self.out[written..written + 3].copy_from_slice("\u{fffd}".as_bytes());
                        written += 3;
                    }
                }
            }
            self.out.truncate(written);
            self.inner.consume(read);
            if last {
                self.done = true;
                if self.replaced > 0 {
                    self.notes.push(ProblemKind::Decoded {
                        encoding: self.encoding.name(),
                        replaced: self.replaced,
                    });
                }
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The compression format other than gzip that `head` starts with, by
/// its magic bytes, and a command that decompresses it: bzip2 (`BZh`, a
/// level, then the block magic `1AY&SY`), xz, zstd, zip (an Office or
/// OpenDocument file by its first entry's name), 7z and lz4. (Found by a
/// trial: such files were called binary, for a NUL byte.)
pub fn other_compression(head: &[u8]) -> Option<GzipFault> {
    let (format, command) = match head {
        [b'B', b'Z', b'h', b'1'..=b'9', b'1', b'A', b'Y', b'&', b'S', b'Y', ..] => {
            ("bzip2", "bzip2 -dc FILE > FILE.out")
        }
        [0xfd, b'7', b'z', b'X', b'Z', 0x00, ..] => ("xz", "xz -dc FILE > FILE.out"),
        [0x28, 0xb5, 0x2f, 0xfd, ..] => ("zstd", "zstd -dc FILE > FILE.out"),
        [b'P', b'K', 0x03, 0x04, ..] => {
            // The local header's file name starts at byte 30.
            let office = |n: &[u8]| head.get(30..).is_some_and(|h| h.starts_with(n));
            if office(b"[Content_Types].xml") || office(b"mimetype") {
                return Some(GzipFault::OfficeFile);
            }
            ("zip", "unzip FILE")
        }
        [b'7', b'z', 0xbc, 0xaf, 0x27, 0x1c, ..] => ("7z", "7z x FILE"),
        [0x04, 0x22, 0x4d, 0x18, ..] => ("lz4", "lz4 -dc FILE > FILE.out"),
        _ => return None,
    };
    Some(GzipFault::OtherCompression { format, command })
}

/// [`other_compression`]'s finding in words, as an `errors.csv` row or an
/// error says it.
pub fn other_compression_said(head: &[u8]) -> Option<String> {
    other_compression(head).map(|fault| GzipError { fault, byte: 0 }.to_string())
}

/// True when `bytes` start like gzip data.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Fails once (after an interrupted read), then reads as ended, as a
    /// gzip decoder does after a checksum error.
    struct FailsOnce(u8);

    impl Read for FailsOnce {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            self.0 += 1;
            match self.0 {
                1 => Err(std::io::ErrorKind::Interrupted.into()),
                2 => Err(std::io::Error::other("checksum")),
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn fill_hands_out_an_error_once_met() {
        let mut r = std::io::BufReader::new(FailsOnce(0));
        assert_eq!(fill(&mut r).unwrap_err().to_string(), "checksum");
        assert!(fill(&mut r).unwrap().is_empty());
    }

    fn gz(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    fn read_all(r: &mut dyn BufRead) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        r.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn junk_after_gzip_is_noted_and_the_data_kept() {
        let one = gz(b"first member\n");
        let data = [one.clone(), gz(b"second\n"), b"JUNK\n\0\0".to_vec()].concat();
        let notes = Notes::default();
        let out = read_all(&mut gunzip_noting(&data[..], notes.clone())).unwrap();
        assert_eq!(out, b"first member\nsecond\n");
        let offset = data.len() as u64 - 7;
        assert_eq!(notes.take(), Some(ProblemKind::TrailingGarbage { offset, bytes: 7 }));
        assert_eq!(notes.take(), None);
        // Clean members: no note.
        let notes = Notes::default();
        let clean = [one.clone(), one.clone()].concat();
        assert_eq!(read_all(&mut gunzip_noting(&clean[..], notes.clone())).unwrap().len(), 26);
        assert_eq!(notes.take(), None);
        // A member cut short is an error, after the data before it.
        let cut = [one.clone(), one[..one.len() - 5].to_vec()].concat();
        let mut r = gunzip(&cut[..]);
        let mut out = vec![0; 13];
        r.read_exact(&mut out).unwrap();
        assert_eq!(out, b"first member\n");
        assert!(read_all(&mut r).is_err());
    }

    #[test]
    fn cut_deflate_data_gives_what_it_can() {
        let text = "Directed by Jane Campion, the film. The producer secured financing. ".repeat(400);
        let data = gz(text.as_bytes());
        let cut = &data[..data.len() - 20];
        let mut r = gunzip(cut);
        let mut out = Vec::new();
        let mut buf = vec![0; 4096];
        let err = loop {
            match r.read(&mut buf) {
                Ok(0) => break None,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => break Some(e),
            }
        };
        // Most of the text, then the error.
        assert!(out.len() > text.len() / 2 && text.as_bytes().starts_with(&out), "{}", out.len());
        assert_eq!(err.map(|e| e.kind()), Some(std::io::ErrorKind::UnexpectedEof));
        // Not gzip at all: an error, not junk.
        assert!(read_all(&mut gunzip(&b"plain text"[..])).is_err());
    }

    /// The gzip fault that reading `data` through [`gunzip`] ends with.
    fn gzip_fault(data: &[u8]) -> GzipError {
        let e = read_all(&mut gunzip(data)).unwrap_err();
        GzipError::of(&e).unwrap_or_else(|| panic!("not a gzip fault: {e:?}")).clone()
    }

    #[test]
    fn gzip_faults_say_what_and_where() {
        let one = gz(b"first member\n");
        // gzip's magic bytes, then text: not gzip, at byte 0, a clear row.
        let fake = b"\x1f\x8bjunk text that is not gzip\n";
        let e = gzip_fault(fake);
        assert_eq!(e.fault, GzipFault::BadHeader { detail: "invalid gzip header".into() });
        assert_eq!(e.byte, 0);
        let said = e.to_string();
        assert!(said.starts_with("not a gzip stream: it starts with gzip's magic bytes (1f 8b)"), "{said}");
        assert!(said.contains("header at byte 0 is invalid;") && said.contains("gzip -t"), "{said}");
        // The magic bytes alone, or a header cut short: the end of the file inside it.
        for cut in [&one[..2], &one[..6]] {
            let e = gzip_fault(cut);
            assert_eq!((e.fault.clone(), e.byte), (GzipFault::HeaderCut, 0));
            assert!(e.to_string().contains("truncated"), "{e}");
        }
        // Named `.gz` (so read as gzip) but plain: rename it.
        let e = gzip_fault(b"plain text");
        assert_eq!((e.fault.clone(), e.byte), (GzipFault::NotGzip, 0));
        assert!(e.to_string().contains("rename it without `.gz`"), "{e}");
        // A second member whose header is broken: its own offset.
        let second = [one.clone(), b"\x1f\x8b\x09 junk after a good member".to_vec()].concat();
        let e = gzip_fault(&second);
        assert_eq!(e.byte, one.len() as u64);
        assert!(
            e.to_string().starts_with(&format!("invalid gzip header of the member at byte {}", one.len())),
            "{e}"
        );
        // Data cut short, and a checksum that does not match.
        let text = "Directed by Jane Campion, the film. ".repeat(400);
        let data = gz(text.as_bytes());
        let e = gzip_fault(&data[..data.len() / 2]);
        assert_eq!((e.fault.clone(), e.byte), (GzipFault::DataCut, data.len() as u64 / 2));
        let mut bad = data.clone();
        let crc = bad.len() - 6;
        bad[crc] ^= 0xff;
        let e = gzip_fault(&bad);
        assert_eq!((e.fault.clone(), e.byte), (GzipFault::Checksum, data.len() as u64));
        // The kind stays what it was: a cut is an unexpected end.
        let e = read_all(&mut gunzip(&data[..data.len() / 2])).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::UnexpectedEof);
        assert_eq!(crate::input::stream_failure(&e), GzipError::of(&e).unwrap().to_string());
    }

    #[test]
    fn gzip_inside_gzip_is_refused_when_opened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("twice.txt.gz");
        std::fs::write(&path, gz(&gz(b"Directed by Jane Campion."))).unwrap();
        let input = Input {
            id: "twice.txt.gz".into(),
            source: Source::File(path.clone()),
            size: 0,
            below: 0,
            listed: true,
        };
        for charset in [super::super::Charset::Utf8, super::super::Charset::Detect] {
            let Err(e) = open(&input, true, charset) else { panic!("opened") };
            assert_eq!(GzipError::of(&e).map(|g| &g.fault), Some(&GzipFault::Nested));
            assert!(e.to_string().starts_with("gzip inside gzip: "), "{e}");
        }
        // Read whole (a small file not named `.gz`): the same words.
        let p = super::super::load(&input, None).unwrap_err();
        assert_eq!(
            p.message(),
            format!("cannot read: {}, skipped", GzipError { fault: GzipFault::Nested, byte: 0 })
        );
        // One layer is fine.
        std::fs::write(&path, gz(b"Directed by Jane Campion.")).unwrap();
        assert!(open(&input, true, super::super::Charset::Utf8).is_ok());
    }

    #[test]
    fn utf16_is_decoded_as_read_with_malformed_units_noted() {
        for chunk in [1, 2, 3, 7, 64] {
            let mut bytes = vec![0xfe, 0xff];
            for u in "Réalisé par Agnès.\n".repeat(50).encode_utf16() {
                bytes.extend_from_slice(&u.to_be_bytes());
            }
            bytes.extend_from_slice(&[0xdc, 0x00, 0x00, b'!']);
            let notes = Notes::default();
            let inner = std::io::BufReader::with_capacity(chunk, &bytes[..]);
            let mut r = std::io::BufReader::new(Transcode::new(inner, encoding_rs::UTF_16BE, notes.clone()));
            let out = String::from_utf8(read_all(&mut r).unwrap()).unwrap();
            assert_eq!(out, "Réalisé par Agnès.\n".repeat(50) + "\u{fffd}!", "chunk {chunk}");
            assert_eq!(notes.take(), Some(ProblemKind::Decoded { encoding: "UTF-16BE", replaced: 1 }));
        }
    }

    proptest::proptest! {
        // `--encoding`: text read in pieces of any size decodes to what the
        // whole file does (`decode_with`, as small files are read), with
        // multi-byte sequences split between reads, and malformed ones
        // counted alike.
        #[test]
        fn streamed_decoding_is_whole_decoding(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            chunk in 1usize..9,
            which in 0usize..5,
        ) {
            let encoding = [
                encoding_rs::WINDOWS_1252,
                encoding_rs::ISO_8859_2,
                encoding_rs::SHIFT_JIS,
                encoding_rs::GBK,
                encoding_rs::EUC_KR,
            ][which];
            let (whole, replaced) = crate::input::records::decode_with(encoding, &bytes);
            let notes = Notes::default();
            let inner = std::io::BufReader::with_capacity(chunk, &bytes[..]);
            let mut r = std::io::BufReader::new(Transcode::new(inner, encoding, notes.clone()));
            let streamed = read_all(&mut r).unwrap();
            proptest::prop_assert_eq!(String::from_utf8(streamed).unwrap(), whole);
            let noted = (replaced > 0).then(|| ProblemKind::Decoded { encoding: encoding.name(), replaced });
            proptest::prop_assert_eq!(notes.take(), noted);
        }
    }
}
