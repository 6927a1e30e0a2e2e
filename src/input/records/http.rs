//! HTTP responses inside WARC records: the body as the server sent it
//! undone step by step (chunked transfer encoding, gzip or deflate content
//! encoding, the charset), then reduced from HTML to text when it is HTML
//! (the `html` feature, on by default).
//!
//! A body that is not text is passed over (its declared type, or the
//! crawler's `WARC-Identified-Payload-Type`, names something else) or
//! reported (declared text, but its bytes are an image or hold NUL bytes);
//! it never becomes a unit of junk.

use std::io::Read;

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use super::{MAX_RECORD_BYTES, Transcoded};
use crate::input::problem::BodyFault;

/// Why a response could not be used: its HTTP head, or its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpFault {
    /// The HTTP status line or headers are broken (words for
    /// [`super::RecordFault::Http`]).
    Head(String),
    /// The body cannot be read as text.
    Body(BodyFault),
}

/// The text of a response body, and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyText {
    /// UTF-8 text (reduced from HTML when it was HTML); bytes that are not
    /// UTF-8 are still to be repaired.
    pub text: Vec<u8>,
    /// Set when the body was decoded from another charset.
    pub transcoded: Option<Transcoded>,
    /// Set when HTML read as UTF-8 held bytes that are not, replaced with
    /// U+FFFD before it was reduced to text
    /// ([`crate::input::ProblemKind::HtmlRepaired`]).
    pub repaired: Option<crate::input::ProblemKind>,
}

/// The text of an HTTP response (a WARC `response` block): the body,
/// decoded and reduced from HTML when it is HTML; `None` when it is some
/// other type. `identified` is the record's `WARC-Identified-Payload-Type`.
///
/// # Errors
/// A broken HTTP head, or a body that cannot be decoded or is binary.
///
/// ```
/// use rolecall::input::records::response_text;
/// let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\
///     Transfer-Encoding: chunked\r\n\r\n5\r\nCaf\xe9 \r\n4\r\nnoir\r\n0\r\n\r\n";
/// let body = response_text(block, None).unwrap().unwrap();
/// assert_eq!(String::from_utf8(body.text).unwrap(), "Café noir");
/// assert_eq!(body.transcoded.unwrap().encoding, "windows-1252");
/// ```
pub fn response_text(block: &[u8], identified: Option<&str>) -> Result<Option<BodyText>, HttpFault> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let body_at = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err(HttpFault::Head("incomplete HTTP header".into())),
        Err(e) => return Err(HttpFault::Head(format!("bad HTTP header ({e})"))),
    };
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("content-type").filter(|t| !t.is_empty());
    let identified = identified.map(|t| t.trim().to_ascii_lowercase()).filter(|t| !t.is_empty());
    // The crawler's look at the bytes outranks a declared text type.
    if identified.as_deref().is_some_and(|t| !is_textual(t)) {
        return Ok(None);
    }
    let html = match content_type.as_deref().or(identified.as_deref()) {
        Some(t) if t.contains("html") => true,
        Some(t) if t.starts_with("text/") => false,
        Some(_) => return Ok(None),
        None => false,
    };
    let mut body = std::borrow::Cow::Borrowed(&block[body_at..]);
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        if let Some(joined) =
            dechunk(&body).map_err(|detail| HttpFault::Body(BodyFault::Chunked { detail }))?
        {
            body = joined.into();
        }
    }
    if let Some(codings) = header("content-encoding") {
        // Applied in the order listed: undone from the last.
        for name in codings.rsplit(',').map(str::trim).filter(|c| !c.is_empty() && *c != "identity") {
            if let Some(decoded) = decompress(name, &body).map_err(HttpFault::Body)? {
                body = decoded.into();
            }
        }
    }
    let html = html || (content_type.is_none() && looks_like_html(&body));
    let declared = || content_type.clone().unwrap_or_else(|| "no type".into());
    let (encoding, bom) = charset(&body, content_type.as_deref(), html);
    if encoding == UTF_8 {
        if let Some(found) = sniff_binary(&body) {
            return Err(HttpFault::Body(BodyFault::Binary { declared: declared(), found }));
        }
        if !html {
            // (Bad UTF-8 is repaired with the text, spans into its bytes.)
            return Ok(Some(BodyText { text: body.into_owned(), transcoded: None, repaired: None }));
        }
        let (html, repaired) = html_utf8(body.into_owned(), crate::input::Remedy::Warc);
        let text = html_body(&html).map_err(HttpFault::Head)?;
        return Ok(Some(BodyText { text, transcoded: None, repaired }));
    }
    if encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE {
        if let Some(found) = sniff_binary(&body) {
            return Err(HttpFault::Body(BodyFault::Binary { declared: declared(), found }));
        }
    }
    let (decoded, replaced) = decode_with(encoding, &body[bom..]);
    let text =
        if html { html_body(decoded.as_bytes()).map_err(HttpFault::Head)? } else { decoded.into_bytes() };
    let transcoded = Some(Transcoded { encoding: encoding.name(), replaced });
    Ok(Some(BodyText { text, transcoded, repaired: None }))
}

/// HTML read as UTF-8, each invalid sequence replaced with U+FFFD (the
/// parser would do so unseen), and the row that says so, with `remedy`.
pub(super) fn html_utf8(
    html: Vec<u8>,
    remedy: crate::input::Remedy,
) -> (Vec<u8>, Option<crate::input::ProblemKind>) {
    if std::str::from_utf8(&html).is_ok() {
        return (html, None);
    }
    let fixed = crate::input::replace_invalid_utf8(html, |_, text| text.push('\u{fffd}'));
    let (bad_bytes, first_bad) = (fixed.bad_bytes, fixed.first_bad);
    let kind = crate::input::ProblemKind::HtmlRepaired { bad_bytes, first_bad, remedy };
    (fixed.text.into_bytes(), Some(kind))
}

/// Types that hold text: `text/*`, HTML, XML, JSON.
fn is_textual(t: &str) -> bool {
    t.starts_with("text/") || t.contains("html") || t.contains("xml") || t.contains("json")
}

/// A chunked body joined; `Ok(None)` when it does not even start like one
/// (a crawler that stored the body already joined but kept the header).
fn dechunk(body: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let Some(nl) = memchr::memchr(b'\n', rest) else {
            if first {
                return Ok(None);
            }
            return Err(format!("the body ends without a last chunk after {} bytes", out.len()));
        };
        let line = rest[..nl].strip_suffix(b"\r").unwrap_or(&rest[..nl]);
        let hex = line.split(|&b| b == b';').next().unwrap_or(b"");
        let hex = std::str::from_utf8(hex).unwrap_or("").trim();
        let size = match usize::from_str_radix(hex, 16) {
            Ok(n) if !hex.is_empty() && !hex.starts_with('+') => n,
            _ if first => return Ok(None),
            _ => {
                let shown: String = String::from_utf8_lossy(line).chars().take(20).collect();
                return Err(format!("chunk size line {shown:?} is not a hexadecimal number"));
            }
        };
        first = false;
        rest = &rest[nl + 1..];
        if size == 0 {
            return Ok(Some(out)); // trailers, if any, are not text
        }
        if size > rest.len() {
            return Err(format!("a chunk of {size} bytes is cut short at {} bytes", rest.len()));
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")).unwrap_or(rest);
    }
}

/// A body with content coding `name` undone, at most [`MAX_RECORD_BYTES`];
/// `Ok(None)` when the body is plainly text already (stored decoded with
/// the header kept).
fn decompress(name: &str, body: &[u8]) -> Result<Option<Vec<u8>>, BodyFault> {
    let limit = MAX_RECORD_BYTES as u64;
    let read_all = |mut r: Box<dyn Read + '_>| -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        (&mut r).take(limit + 1).read_to_end(&mut out)?;
        Ok(out)
    };
    let result = match name {
        "gzip" | "x-gzip" => {
            if !crate::input::open::is_gzip(body) && looks_like_text(body) {
                return Ok(None);
            }
            read_all(Box::new(flate2::bufread::MultiGzDecoder::new(body)))
        }
        "deflate" => {
            // Servers send zlib data (the standard) or raw deflate data.
            let zlib = body.len() >= 2 && (u16::from(body[0]) << 8 | u16::from(body[1])) % 31 == 0;
            let out = if zlib {
                read_all(Box::new(flate2::bufread::ZlibDecoder::new(body)))
            } else {
                Err(bad_zlib())
            };
            match out {
                Ok(out) => Ok(out),
                Err(_) => match read_all(Box::new(flate2::bufread::DeflateDecoder::new(body))) {
                    Err(_) if looks_like_text(body) => return Ok(None),
                    other => other,
                },
            }
        }
        _ if looks_like_text(body) && !crate::input::open::is_gzip(body) => {
            // An encoding we do not know, over a body that is text anyway.
            return Ok(None);
        }
        _ => return Err(BodyFault::UnknownEncoding { name: name.to_string() }),
    };
    match result {
        Ok(out) if out.len() as u64 > limit => Err(BodyFault::TooLong { limit_mib: MAX_RECORD_BYTES >> 20 }),
        Ok(out) => Ok(Some(out)),
        Err(_) if looks_like_text(body) => Ok(None),
        Err(e) => {
            Err(BodyFault::BadEncoding { name: name.to_string(), detail: crate::input::stream_failure(&e) })
        }
    }
}

fn bad_zlib() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, "not zlib")
}

/// True when the first bytes are UTF-8 text without control bytes (a
/// body stored already decoded).
fn looks_like_text(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A character cut at the end of the head is still text.
        Err(e) => e.error_len().is_none(),
    };
    valid && !head.is_empty() && !head.iter().any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
}

/// What binary bytes look like when a body that should be text holds them;
/// `None` for text.
pub(crate) fn sniff_binary(body: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 11] = [
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1f\x8b", "gzip data"),
        (b"wOFF", "a web font"),
        (b"wOF2", "a web font"),
        (b"\x00\x00\x01\x00", "an icon"),
        (b"OggS", "Ogg media"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| body.starts_with(m)) {
        return Some(what);
    }
    if body.len() >= 12 && &body[..4] == b"RIFF" && &body[8..12] == b"WEBP" {
        return Some("a WebP image");
    }
    // Text holds no NUL bytes, or a stray few; binary data many.
    let head = &body[..body.len().min(4096)];
    let nuls = memchr::memchr_iter(0, head).count();
    (nuls >= 2 && nuls * 32 >= head.len()).then_some("binary data (NUL bytes)")
}

/// The body's encoding and the length of its byte-order mark: a BOM, else
/// the `charset` of the Content-Type, else (HTML) a `<meta>` charset in the
/// first 1024 bytes, else UTF-8.
fn charset(body: &[u8], content_type: Option<&str>, html: bool) -> (&'static Encoding, usize) {
    declared_charset(body, content_type, html).unwrap_or((UTF_8, 0))
}

/// [`charset`] when the body or its header declares one (a BOM, a
/// `charset`, an HTML `<meta>`), else `None`.
pub(crate) fn declared_charset(
    body: &[u8],
    content_type: Option<&str>,
    html: bool,
) -> Option<(&'static Encoding, usize)> {
    if let Some((enc, bom)) = Encoding::for_bom(body) {
        return Some((enc, if enc == UTF_8 { 0 } else { bom }));
    }
    if let Some(enc) = content_type.and_then(label_after_charset).and_then(Encoding::for_label) {
        return Some((enc, 0));
    }
    if html {
        let head = &body[..body.len().min(1024)];
        let lower = head.to_ascii_lowercase();
        for at in memchr::memmem::find_iter(&lower, b"<meta") {
            let tag = &lower[at..];
            let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
            if let Some(enc) =
                std::str::from_utf8(tag).ok().and_then(label_after_charset).and_then(Encoding::for_label)
            {
                // A page that says UTF-16 in ASCII bytes is not UTF-16.
                let enc =
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc };
                return Some((enc, 0));
            }
        }
    }
    None
}

/// The label after `charset=` (quotes and spaces allowed around it).
fn label_after_charset(s: &str) -> Option<&[u8]> {
    let at = s.find("charset")?;
    let rest = s[at + 7..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || "-_.:".contains(c))).unwrap_or(rest.len());
    (end > 0).then(|| &rest.as_bytes()[..end])
}

/// `bytes` decoded from `encoding`, each malformed sequence replaced with
/// U+FFFD, and how many there were.
pub(crate) fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> (String, u64) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let (mut rest, mut replaced) = (bytes, 0);
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => return (out, replaced),
            DecoderResult::OutputFull => out.reserve(rest.len() * 3 + 16),
            DecoderResult::Malformed(..) => {
                replaced += 1;
                out.push('\u{fffd}');
            }
        }
    }
}

/// An HTML body as text, or why it cannot be.
pub(super) fn html_body(body: &[u8]) -> Result<Vec<u8>, String> {
    // Parsed HTML takes 40 to 140 bytes of memory per byte (1.26 GB for a
    // 30 MB page): past a size, the record is passed over.
    if body.len() > MAX_HTML_BYTES {
        return Err(format!(
            "HTML body of {} bytes, over the {} MiB rolecall reduces to text",
            body.len(),
            MAX_HTML_BYTES >> 20
        ));
    }
    // The HTML parser's time grows with the nesting depth times the number
    // of tags (31 s for 100,000 nested `<div>`s in 1.1 MB), and html2text
    // has no depth limit of its own; its memory grows with the elements
    // (about 2 KB each: 2.6 GB for 8 MiB of `<p>x. `): look first.
    match html_shape(body, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS) {
        HtmlShape::TooDeep => {
            return Err(format!(
                "HTML nested more than {MAX_HTML_DEPTH} elements deep, past what rolecall reads"
            ));
        }
        HtmlShape::TooMany => {
            return Err(format!("HTML of more than {MAX_HTML_ELEMENTS} elements, past what rolecall reads"));
        }
        HtmlShape::Fits => {}
    }
    #[cfg(feature = "html")]
    return Ok(html_to_text(body));
    #[cfg(not(feature = "html"))]
    return Err(format!("HTML body of {} bytes: rolecall was built without its `html` feature", body.len()));
}

/// The deepest element nesting an HTML body may have. Real pages stay far
/// below it (a few dozen levels).
pub const MAX_HTML_DEPTH: usize = 512;
/// The largest HTML body reduced to text (pages are seldom over 2 MB).
pub const MAX_HTML_BYTES: usize = 8 << 20;
/// The most elements (open tags) an HTML body may have: a long article
/// has a few tens of thousands.
pub const MAX_HTML_ELEMENTS: usize = 100_000;

/// What [`html_shape`] found.
#[derive(Debug, PartialEq, Eq)]
enum HtmlShape {
    Fits,
    TooDeep,
    TooMany,
}

/// Elements that are never open (void), or whose end tag may be left out
/// and that a parser closes by itself when the next one starts (`<p>`,
/// `<li>`, table cells): they do not count toward the depth.
const NOT_NESTING: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"optgroup",
    b"thead",
    b"tbody",
    b"tfoot",
    b"colgroup",
    b"rb",
    b"rt",
    b"rtc",
    b"rp",
    b"html",
    b"head",
    b"body",
];

/// Whether the element nesting passes `max_depth` or the elements
/// `max_elements`, found by a scan of the
/// tags (not a parse, so linear and cheap): an open tag adds one, a close
/// tag takes one; comments, `<!…>`, `<?…>` and the text of `<script>` and
/// `<style>` are passed over. Implied closes other than those of
/// [`NOT_NESTING`] are not seen, so this can only count too deep, never
/// too shallow, for a body that closes its elements.
fn html_shape(html: &[u8], max_depth: usize, max_elements: usize) -> HtmlShape {
    let find = |from: usize, what: &[u8]| -> Option<usize> {
        memchr::memmem::find(&html[from.min(html.len())..], what).map(|p| from + p)
    };
    let (mut depth, mut elements) = (0usize, 0usize);
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &html[i..]).map(|p| i + p) {
        let rest = &html[p + 1..];
        i = p + 1;
        match rest.first() {
            Some(b'!') if rest.starts_with(b"!--") => {
                i = find(p + 4, b"-->").map_or(html.len(), |e| e + 3);
            }
            Some(b'!' | b'?') => i = find(p, b">").map_or(html.len(), |e| e + 1),
            Some(b'/') => {
                let name = tag_name(&rest[1..]);
                if !name.is_empty() && !NOT_NESTING.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    depth = depth.saturating_sub(1);
                }
                i = find(p, b">").map_or(html.len(), |e| e + 1);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                elements += 1;
                if elements > max_elements {
                    return HtmlShape::TooMany;
                }
                let name = tag_name(rest);
                let end = find(p, b">").map_or(html.len(), |e| e + 1);
                let self_closing = html[..end].ends_with(b"/>");
                i = end;
                if ["script", "style"].iter().any(|r| r.as_bytes().eq_ignore_ascii_case(name)) {
                    // Raw text up to its own close tag, whatever it holds, and that tag.
                    let mut k = i;
                    i = loop {
                        match find(k, b"</") {
                            Some(e)
                                if html[e + 2..].len() >= name.len()
                                    && html[e + 2..e + 2 + name.len()].eq_ignore_ascii_case(name) =>
                            {
                                break find(e, b">").map_or(html.len(), |g| g + 1);
                            }
                            Some(e) => k = e + 2,
                            None => break html.len(),
                        }
                    };
                } else if !self_closing && !NOT_NESTING.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    depth += 1;
                    if depth > max_depth {
                        return HtmlShape::TooDeep;
                    }
                }
            }
            _ => {}
        }
    }
    HtmlShape::Fits
}

/// The tag name at the start of `s`: letters, digits, `-`, `:`.
fn tag_name(s: &[u8]) -> &[u8] {
    let n = s.iter().position(|&c| !(c.is_ascii_alphanumeric() || c == b'-' || c == b':')).unwrap_or(s.len());
    &s[..n]
}

fn looks_like_html(body: &[u8]) -> bool {
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    body[start..].first() == Some(&b'<')
}

/// HTML reduced to plain text: blocks become paragraphs, no decoration.
///
/// ```
/// let text = rolecall::input::records::html_to_text(b"<p>Directed by <b>Ann</b>.</p><p>Rain.</p>");
/// assert_eq!(String::from_utf8(text).unwrap().trim(), "Directed by Ann.\n\nRain.");
/// ```
#[cfg(feature = "html")]
pub fn html_to_text(html: &[u8]) -> Vec<u8> {
    let render = || {
        html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
            .allow_width_overflow()
            .no_table_borders()
            .string_from_read(html, HTML_WIDTH)
    };
    // A renderer bug must not take the scan down: fall back to the raw body.
    match std::panic::catch_unwind(render) {
        Ok(Ok(text)) => text.into_bytes(),
        _ => html.to_vec(),
    }
}

/// Wide enough that paragraphs are not wrapped.
#[cfg(feature = "html")]
const HTML_WIDTH: usize = 1 << 16;

#[cfg(test)]
mod tests {
    use super::*;

    fn text(block: &[u8], identified: Option<&str>) -> Result<Option<String>, HttpFault> {
        response_text(block, identified).map(|b| b.map(|b| String::from_utf8(b.text).unwrap()))
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let b = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n\
            7;ext=1\r\nDirecte\r\nA\r\nd by Ann. \r\n0\r\nX-Trailer: 1\r\n\r\n";
        assert_eq!(text(b, None).unwrap().unwrap(), "Directed by Ann. ");
        // Stored already joined, header kept: used as it is.
        let b = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nDirected by Ann.";
        assert_eq!(text(b, None).unwrap().unwrap(), "Directed by Ann.");
        let b = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\nzz\r\n";
        let e = text(b, None).unwrap_err();
        assert!(
            matches!(&e, HttpFault::Body(BodyFault::Chunked { detail }) if detail.contains("\"zz\"")),
            "{e:?}"
        );
        let b =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n50\r\nabcde";
        assert!(matches!(text(b, None), Err(HttpFault::Body(BodyFault::Chunked { .. }))));
    }

    fn gzip(b: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_and_deflate_bodies_are_decoded() {
        use std::io::Write;
        let head = |enc: &str| {
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: {enc}\r\n\r\n")
        };
        let body = "Produced by Bo Chan.";
        let gz = [head("gzip").as_bytes(), &gzip(body.as_bytes())].concat();
        assert_eq!(text(&gz, None).unwrap().unwrap(), body);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(body.as_bytes()).unwrap();
        let zlib = [head("deflate").as_bytes(), &z.finish().unwrap()].concat();
        assert_eq!(text(&zlib, None).unwrap().unwrap(), body);
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        d.write_all(body.as_bytes()).unwrap();
        let raw = [head("deflate").as_bytes(), &d.finish().unwrap()].concat();
        assert_eq!(text(&raw, None).unwrap().unwrap(), body);
        // Chunked and gzip'd together.
        let g = gzip(body.as_bytes());
        let chunked = [
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".as_slice(),
            format!("{:x}\r\n", g.len()).as_bytes(),
            &g,
            b"\r\n0\r\n\r\n",
        ]
        .concat();
        assert_eq!(text(&chunked, None).unwrap().unwrap(), body);
        // Corrupt gzip: reported, not tagged as compressed bytes.
        let mut broken = gzip(body.as_bytes());
        broken.truncate(broken.len() - 12);
        let broken = [head("gzip").as_bytes(), &broken].concat();
        assert!(matches!(text(&broken, None), Err(HttpFault::Body(BodyFault::BadEncoding { .. }))));
        // Brotli is not decoded: reported.
        let br = [head("br").as_bytes(), b"\x1b\x00\xf8\xa5\x01\x02"].concat();
        let e = text(&br, None).unwrap_err();
        assert_eq!(e, HttpFault::Body(BodyFault::UnknownEncoding { name: "br".into() }));
        // Stored decoded with the header kept: used as it is.
        let plain = [head("gzip").as_bytes(), body.as_bytes()].concat();
        assert_eq!(text(&plain, None).unwrap().unwrap(), body);
    }

    #[test]
    fn binary_bodies_are_passed_over_or_reported() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
        let declared_html = [b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".as_slice(), png].concat();
        // The crawler identified it: passed over like any image.
        assert_eq!(text(&declared_html, Some("image/png")), Ok(None));
        // Only the bytes tell: reported.
        let e = text(&declared_html, None).unwrap_err();
        assert_eq!(
            e,
            HttpFault::Body(BodyFault::Binary { declared: "text/html".into(), found: "a PNG image" })
        );
        let untyped =
            [b"HTTP/1.1 200 OK\r\n\r\n".as_slice(), &[0u8, 1, 0, 2, 0, 3, 0, 4].repeat(20)].concat();
        assert!(matches!(text(&untyped, None), Err(HttpFault::Body(BodyFault::Binary { .. }))));
        // A stray NUL in text is not binary (it is replaced later).
        let stray = b"HTTP/1.1 200 OK\r\n\r\nDirected by Ann.\0 And more text after it, plenty of it.";
        assert!(text(stray, None).unwrap().unwrap().contains('\0'));
        // Identified as text: the declared type decides.
        let t = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nDirected by Ann.";
        assert_eq!(text(t, Some("text/plain")).unwrap().unwrap(), "Directed by Ann.");
        assert_eq!(text(t, Some("application/octet-stream")), Ok(None));
    }

    #[test]
    fn charsets_are_decoded() {
        let latin = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\nR\xe9alis\xe9 par Agn\xe8s.";
        let b = response_text(latin, None).unwrap().unwrap();
        assert_eq!(String::from_utf8(b.text).unwrap(), "Réalisé par Agnès.");
        assert_eq!(b.transcoded, Some(Transcoded { encoding: "windows-1252", replaced: 0 }));
        let cp =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain;charset=\"windows-1252\"\r\n\r\n\x93Quoted\x94";
        assert_eq!(text(cp, None).unwrap().unwrap(), "\u{201c}Quoted\u{201d}");
        // <meta charset> and http-equiv in HTML.
        for meta in [
            &b"<meta charset=\"iso-8859-1\">"[..],
            b"<META http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
        ] {
            let block = [
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head>".as_slice(),
                meta,
                b"</head><body><p>Caf\xe9 scene.</p></body></html>",
            ]
            .concat();
            assert_eq!(text(&block, None).unwrap().unwrap().trim(), "Café scene.");
        }
        // The header's charset outranks the meta.
        let both = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<meta charset=iso-8859-1><p>Caf\xc3\xa9</p>";
        assert_eq!(text(both, None).unwrap().unwrap().trim(), "Café");
        // UTF-16 with a BOM, even untyped; malformed sequences counted.
        let mut utf16 = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n\xff\xfe".to_vec();
        for u in "Directed by Ann.".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        utf16.extend_from_slice(&[0x00, 0xd8]); // a lone surrogate
        let b = response_text(&utf16, None).unwrap().unwrap();
        assert_eq!(String::from_utf8(b.text).unwrap(), "Directed by Ann.\u{fffd}");
        assert_eq!(b.transcoded, Some(Transcoded { encoding: "UTF-16LE", replaced: 1 }));
        // Shift_JIS with a bad byte.
        let sj = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=shift_jis\r\n\r\n\x93\xfa\x96\x7b\x82\xa0\xff";
        let b = response_text(sj, None).unwrap().unwrap();
        assert_eq!(b.transcoded.unwrap().replaced, 1);
        // An unknown label: UTF-8, as before.
        let odd = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=x-nonsense\r\n\r\nPlain.";
        assert_eq!(response_text(odd, None).unwrap().unwrap().transcoded, None);
    }

    fn nesting_over(html: &[u8], limit: usize) -> bool {
        html_shape(html, limit, usize::MAX) == HtmlShape::TooDeep
    }

    #[test]
    fn nesting_is_counted_from_the_tags() {
        let nested = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        assert!(!nesting_over(nested(512).as_bytes(), 512));
        assert!(nesting_over(nested(513).as_bytes(), 512));
        let many = "<p>x".repeat(1000);
        assert_eq!(html_shape(many.as_bytes(), 4, 1000), HtmlShape::Fits);
        assert_eq!(html_shape(format!("{many}<br>").as_bytes(), 4, 1000), HtmlShape::TooMany);
        // Closed siblings, void and self-closing elements, unclosed paragraphs
        // and list items, comments and script text do not add up.
        let flat = "<div>a</div><br><img src=x/><p>one<p>two<li>three<x-y/>".repeat(1000)
            + "<!-- <div><div> --><script>if (a<b) { s = '<div>'; }</script><style>p>a{}</style>";
        assert!(!nesting_over(flat.as_bytes(), 3));
        assert!(nesting_over(format!("<span><b>{flat}<i><em>").as_bytes(), 3));
    }
}
