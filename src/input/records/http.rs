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
pub(super) fn html_body(body: &[u8]) -> Result<Vec<u8>, String> {
    #[cfg(feature = "html")]
    return Ok(html_to_text(body));
    #[cfg(not(feature = "html"))]
    return Err(format!("HTML body of {} bytes: rolecall was built without its `html` feature", body.len()));
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
