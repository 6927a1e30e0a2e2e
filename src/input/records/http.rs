//! HTTP responses inside WARC records: the body, reduced from HTML to
//! text when it is HTML (the `html` feature, on by default).

/// The text of an HTTP response: the body, reduced from HTML when it is
/// HTML; `None` when it is some other type.
pub(super) fn http_text(block: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let body_at = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("incomplete HTTP header".into()),
        Err(e) => return Err(format!("bad HTTP header ({e})")),
    };
    let body = &block[body_at..];
    let content_type = response
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
        .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase());
    Ok(match content_type.as_deref() {
        Some(t) if t.contains("html") => Some(html_body(body)?),
        None if looks_like_html(body) => Some(html_body(body)?),
        Some(t) if t.starts_with("text/") => Some(body.to_vec()),
        None => Some(body.to_vec()),
        Some(_) => None,
    })
}

/// An HTML body as text, or why it cannot be.
fn html_body(body: &[u8]) -> Result<Vec<u8>, String> {
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
