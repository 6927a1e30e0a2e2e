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
/// cursor), the invisible bidirectional controls that reorder what
/// follows them, and the characters that show as nothing at all (a
/// byte-order mark `\u{feff}`, zero-width space `\u{200b}`, word joiner,
/// soft hyphen, invisible operators) are written as Rust escapes (`\u{1b}`,
/// `\n`, `\u{202e}`, `\u{feff}`), the escapes `{:?}` (and so `rolecall
/// explain`) prints for them; everything else is kept. Zero-width joiners
/// and non-joiners (`\u{200d}`, `\u{200c}`) are kept: they belong in
/// emoji and in words of several scripts. Borrowed when there is nothing
/// to escape.
///
/// Every message rolecall prints on standard error goes through this: file
/// names, ids and record fields come from the inputs, and a path that
/// fails because of a character nobody sees must show it.
///
/// ```
/// use rolecall::text::escape_controls;
/// assert_eq!(escape_controls("a\u{1b}]0;pwned\u{7}.txt"), "a\\u{1b}]0;pwned\\u{7}.txt");
/// assert_eq!(escape_controls("line\nbreak"), "line\\nbreak");
/// assert_eq!(escape_controls("\u{feff}a.txt"), "\\u{feff}a.txt");
/// assert!(matches!(escape_controls("café.txt"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    fn escaped(c: char) -> bool {
        c.is_control()
            || matches!(
                c,
                // Bidirectional controls.
                '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                // Invisible: soft hyphen, Mongolian vowel separator,
                // zero-width space, word joiner and invisible operators,
                // deprecated format controls, BOM, interlinear annotation.
                | '\u{00ad}' | '\u{180e}' | '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}'
                | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
            )
    }
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escaped(c) {
            // (`escape_debug` keeps a character it deems printable: then
            // the `\u{…}` form.)
            let debug: String = c.escape_debug().collect();
            match debug.starts_with('\\') {
                true => out.push_str(&debug),
                false => out.extend(c.escape_unicode()),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape_controls;
    use std::borrow::Cow;

    /// Text of any script is kept as it is: emoji sequences joined by
    /// zero-width joiners, Persian and Indic words that need a joiner or
    /// non-joiner, Arabic, Hebrew, combining accents, variation selectors.
    #[test]
    fn legitimate_text_of_any_script_is_kept() {
        for s in [
            "👩\u{200d}👩\u{200d}👧 family.txt",
            "🏳\u{fe0f}\u{200d}🌈",
            "می\u{200c}خواهم",
            "क्\u{200d}ष",
            "ক্\u{200c}ষ",
            "مرحبا بالعالم.txt",
            "שלום",
            "Zoë e\u{301}te\u{301}",
            "日本語のファイル.txt",
        ] {
            assert!(
                matches!(escape_controls(s), Cow::Borrowed(_)),
                "{s:?} was changed: {}",
                escape_controls(s)
            );
        }
    }

    /// What shows as nothing, or reorders or moves the cursor, is escaped.
    #[test]
    fn invisible_and_control_characters_are_escaped() {
        for (s, shown) in [
            ("\u{feff}a", "\\u{feff}a"),
            ("a\u{200b}b", "a\\u{200b}b"),
            ("a\u{2060}b", "a\\u{2060}b"),
            ("soft\u{ad}hyphen", "soft\\u{ad}hyphen"),
            ("x\u{202e}fdp.exe", "x\\u{202e}fdp.exe"),
            ("tab\there", "tab\\there"),
        ] {
            assert_eq!(escape_controls(s), shown);
        }
    }
}
