//! Text as the tagger sees it: byte [`span`]s into the original text, its
//! [`normalize`]d (folded) form for matching, and its [`segment`]ation into
//! units (sentences, credit lines, headings).

pub(crate) mod bitmap;
pub mod blocks;
pub mod normalize;
pub mod segment;
pub mod span;

use std::borrow::Cow;

/// `s` made safe to print on a terminal: control characters (C0, DEL, C1:
/// escape sequences that clear the screen, set the window title or move the
/// cursor) and the invisible bidirectional controls that reorder what
/// follows them are written as Rust escapes (`\u{1b}`, `\n`, `\u{202e}`),
/// the escapes `{:?}` (and so `rolecall explain`) prints for them;
/// everything else is kept. Borrowed when there is nothing to escape.
///
/// Every message rolecall prints on standard error goes through this: file
/// names, ids and record fields come from the inputs.
///
/// ```
/// use rolecall::text::escape_controls;
/// assert_eq!(escape_controls("a\u{1b}]0;pwned\u{7}.txt"), "a\\u{1b}]0;pwned\\u{7}.txt");
/// assert_eq!(escape_controls("line\nbreak"), "line\\nbreak");
/// assert!(matches!(escape_controls("café.txt"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    fn escaped(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escaped(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
