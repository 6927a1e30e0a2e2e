//! Byte and character tests the segmenter's rules are built from: stops,
//! quotes and brackets, line shapes, words around a candidate boundary.

use super::abbrev::FUNCTION_SET;
use crate::text::bitmap::next_bit;
use crate::text::normalize::is_space;
use crate::text::span::Span;

/// The position of the next possible sentence stop at or after `from`:
/// `.`, `!`, `?`, or the first byte of `…` or a full-width stop, found
/// from `stops`, the region's [`stop_bitmaps`].
#[inline]
pub(super) fn next_stop(bytes: &[u8], stops: &[u64], from: usize) -> Option<usize> {
    const WIDE: [&str; 5] = ["\u{2026}", "\u{FF0E}", "\u{FF01}", "\u{FF1F}", "\u{3002}"];
    let mut i = from;
    loop {
        let at = next_bit(stops, i, true, bytes.len());
        let &b = bytes.get(at)?;
        if b < 0x80 || WIDE.iter().any(|w| bytes[at..].starts_with(w.as_bytes())) {
            return Some(at);
        }
        i = at + 1;
    }
}

/// (The segmenter reads this on from stop to stop with [`OpenQuotes`];
/// this whole-string form is the definition its tests check it against.)
///
/// True when `s` opens a quotation in single quotes after some words of
/// its own and does not close it: a quote mark after a space and before a
/// letter, without a matching one after a letter or stop. Apostrophes
/// inside words are neither; double quotes are not looked at, as dialogue
/// in them is cut at each sentence.
#[cfg(test)]
pub(super) fn quote_open(s: &str) -> bool {
    let b = s.as_bytes();
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let mut depth = 0i32;
    // Only the quote marks are looked at: ' and the curly ones (E2 80 98/99).
    for p in memchr::memchr2_iter(b'\'', 0xE2, b) {
        let prev = s[..p].chars().next_back().unwrap_or(' ');
        let Some(QuoteMark { opens, closes, .. }) = quote_mark(s, p, prev) else { continue };
        if opens && p > lead {
            depth += 1;
        } else if closes && depth > 0 {
            depth -= 1;
        }
    }
    depth > 0
}

/// A quote mark at byte `p` of `s` (after the character `prev`): its
/// length and whether it opens or closes a quotation. `'` and the curly
/// ones (E2 80 98/99) are quote marks; `None` for any other byte.
struct QuoteMark {
    len: usize,
    opens: bool,
    closes: bool,
}

fn quote_mark(s: &str, p: usize, prev: char) -> Option<QuoteMark> {
    let b = s.as_bytes();
    let (len, curly_open, curly_close) = match b[p] {
        b'\'' => (1, false, false),
        0xE2 => match b.get(p + 1..p + 3) {
            Some([0x80, 0x98]) => (3, true, false),
            Some([0x80, 0x99]) => (3, false, true),
            _ => return None,
        },
        _ => return None,
    };
    let next = s[p + len..].chars().next().unwrap_or(' ');
    let plain = len == 1;
    let opens = curly_open || (plain && (is_space(prev) || prev == '(') && next.is_alphabetic());
    let closes =
        (curly_close && !next.is_alphabetic()) || (plain && !is_space(prev) && !next.is_alphanumeric());
    Some(QuoteMark { len, opens, closes })
}

/// True when `s` opens more round or square brackets than it closes (the
/// definition [`OpenBrackets`] is checked against).
#[cfg(test)]
pub(super) fn bracket_open(s: &str) -> bool {
    // Most sentences have no bracket: one memchr pass says so.
    if memchr::memchr2(b'(', b'[', s.as_bytes()).is_none() {
        return false;
    }
    let depth = s.bytes().fold(0i32, |d, b| match b {
        b'(' | b'[' => d + 1,
        b')' | b']' => d - 1,
        _ => d,
    });
    depth > 0
}

/// True when `s` starts with a dash, spaces, and a capitalised word.
pub(super) fn capital_after_dash(s: &str) -> bool {
    let rest = s.trim_start_matches(['-', '\u{2013}', '\u{2014}']);
    let word = rest.trim_start_matches(is_space);
    word.len() < rest.len() && word.starts_with(char::is_uppercase)
}

pub(super) fn is_fullwidth_stop(c: char) -> bool {
    matches!(c, '\u{FF0E}' | '\u{FF01}' | '\u{FF1F}' | '\u{3002}')
}

/// Moves `j` past footnote marks after a stop: "[12]" citations, and bare
/// numbers glued to a stop that follows a word ("a consultation.11 12").
pub(super) fn skip_footnotes(r: &str, stop: usize, mut j: usize) -> usize {
    let b = r.as_bytes();
    let digits_at = |k: usize| b[k.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    loop {
        if b.get(j) == Some(&b'[') {
            let n = digits_at(j + 1);
            if (1..=3).contains(&n) && b.get(j + 1 + n) == Some(&b']') {
                j += n + 2;
                continue;
            }
        }
        break;
    }
    let after_word = r[..stop].chars().next_back().is_some_and(|c| c.is_alphabetic() || c == ')');
    if after_word {
        let n = digits_at(j);
        let ends = |k: usize| k >= b.len() || b[k] == b' ';
        if (1..=3).contains(&n) && ends(j + n) {
            j += n;
            // More numbers in the same note: "11 12".
            while b.get(j) == Some(&b' ') {
                let m = digits_at(j + 1);
                if (1..=3).contains(&m) && ends(j + 1 + m) {
                    j += 1 + m;
                } else {
                    break;
                }
            }
        }
    }
    j
}

/// Moves `j` past HTML line-break tags (`<br>`, `<br/>`, `<br />`) and the
/// spaces between them.
pub(super) fn skip_html_breaks(r: &str, mut j: usize) -> usize {
    let b = r.as_bytes();
    let mut end = j;
    loop {
        let rest = &b[j..];
        if rest.len() < 4 || !rest[..3].eq_ignore_ascii_case(b"<br") {
            return end;
        }
        let Some(close) = rest.iter().take(8).position(|&c| c == b'>') else { return end };
        if !rest[3..close].iter().all(|&c| c == b' ' || c == b'/') {
            return end;
        }
        j += close + 1;
        end = j;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
    }
}

pub(super) fn has_alnum(r: &str, p: Span) -> bool {
    r[p.range()].chars().any(char::is_alphanumeric)
}

/// Calls `f` with each line's span (without its `\n`).
pub(super) fn for_each_line(text: &str, mut f: impl FnMut(Span)) {
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        f(Span::new(start, nl));
        start = nl + 1;
    }
    if start < text.len() {
        f(Span::new(start, text.len()));
    }
}

/// `span` without leading and trailing white space.
/// The ASCII part of [`is_space`]: tab to carriage return, and space (a
/// byte compare instead of a char test: 16 M of the segmenter's
/// instructions on the 100 MB benchmark).
#[inline]
pub(super) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

pub(super) fn trim(text: &str, span: Span) -> Span {
    // ASCII white space a byte at a time; chars only at a non-ASCII end.
    let s = &text[span.range()];
    let b = s.as_bytes();
    let mut lead = b.iter().position(|&c| !is_ascii_space(c)).unwrap_or(b.len());
    if b.get(lead).is_some_and(|&c| c >= 0x80) {
        lead = s.len() - s[lead..].trim_start_matches(is_space).len();
    }
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    let mut end = b.iter().rposition(|&c| !is_ascii_space(c)).map_or(0, |p| p + 1);
    if b[end - 1] >= 0x80 {
        end = s[..end].trim_end_matches(is_space).len();
    }
    Span::new(span.start + lead, span.start + end)
}

pub(super) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '\u{2019}' | '\u{201D}' | '\u{00BB}' | '\u{203A}')
}

pub(super) fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '\u{2018}' | '\u{201C}' | '\u{00AB}' | '\u{2039}')
}

pub(super) fn is_bullet(c: char) -> bool {
    matches!(c, '\u{2022}' | '\u{2043}' | '\u{25E6}' | '\u{25AA}' | '\u{2023}' | '\u{25CF}')
}

/// True when the text starts with a lower-case letter (after opening quotes).
pub(super) fn starts_lower(s: &str) -> bool {
    // Most calls meet an ASCII letter or digit first: no char decoding.
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => b.is_ascii_lowercase(),
        _ => s.chars().find(|&c| !is_opener(c)).is_some_and(char::is_lowercase),
    }
}

/// True when a line ends like a sentence: a stop, possibly before closers.
pub(super) fn ends_like_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(is_closer);
    s.ends_with(['.', '!', '?', '\u{2026}'])
}

/// True when a line starts with a bullet, dash or list number.
pub(super) fn starts_list_item(s: &str) -> bool {
    // A line that starts with a letter is an item only as "a) " or "iv) ":
    // without a ')' in its first six bytes it is none.
    let b = s.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphabetic) && !b.iter().take(6).any(|&c| c == b')') {
        return false;
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_bullet(c) => true,
        Some('-' | '*' | '\u{2013}' | '\u{2014}') => chars.next().is_some_and(is_space),
        Some(c) if c.is_ascii_digit() => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            digits <= 3 && (s[digits..].starts_with(". ") || s[digits..].starts_with(") "))
        }
        // "(a) ", "(iv) ", "ii) "
        Some(_) => {
            let body = s.strip_prefix('(').unwrap_or(s);
            let n = body.bytes().take(5).take_while(u8::is_ascii_alphanumeric).count();
            (1..=4).contains(&n)
                && body[n..].starts_with(") ")
                && (n == 1
                    || body[..n].bytes().all(|c| b"ivxlIVXL".contains(&c))
                    || body[..n].bytes().all(|c| c.is_ascii_digit()))
        }
        None => false,
    }
}

/// True when a line plainly runs on: it ends with a comma, semicolon or
/// hyphen, or with a word after which no sentence stops.
pub(super) fn continues(line: &str) -> bool {
    if line.ends_with([',', ';', '-', '&']) {
        return true;
    }
    let last = line.rsplit(is_space).next().unwrap_or("");
    FUNCTION_SET.contains_ignoring_case(last)
}

/// True when `s` starts with a capitalised word that commonly opens a sentence.
pub(super) fn opens_sentence(s: &str) -> bool {
    let w = s.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    w.starts_with(|c: char| c.is_ascii_uppercase()) && super::abbrev::is_opener_word(w)
}

pub(super) fn first_word_chars(s: &str) -> usize {
    s.chars().take_while(|&c| !is_space(c)).count()
}

/// How many dots a run of ". . ." at the start of `s` has.
pub(super) fn spaced_dots(s: &str) -> usize {
    spaced_run(s).0
}

/// (dots, bytes) of the spaced-dot run at the start of `s`: ". . . .".
pub(super) fn spaced_run(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    let (mut dots, mut i) = (0, 0);
    while i < b.len() && b[i] == b'.' {
        dots += 1;
        i += 1;
        if i + 1 < b.len() && b[i] == b' ' && b[i + 1] == b'.' {
            i += 1;
        } else {
            break;
        }
    }
    (dots, i)
}

/// The start of the next word after `from` (skipping white space and, for a
/// sentence test, nothing else), or `None` at the end.
pub(super) fn next_word_start(r: &str, from: usize) -> Option<usize> {
    let rest = &r[from..];
    let skip = rest.len() - rest.trim_start_matches(is_space).len();
    (from + skip < r.len()).then_some(from + skip)
}

/// After a spaced ellipsis ending at `end`: white space then a word not in lower case.
pub(super) fn boundary_follows(r: &str, end: usize) -> bool {
    let mut j = end;
    while let Some(c) = r[j..].chars().next().filter(|&c| is_closer(c)) {
        j += c.len_utf8();
    }
    match next_word_start(r, j) {
        None => true,
        Some(n) => j < n && !starts_lower(&r[n..]),
    }
}

/// [`bracket_open`] of `r[from..to]` for a run of queries from the same
/// `from` with `to` never going back (the candidate stops of one sentence):
/// each query reads on from the last one, so a sentence that never ends
/// (`( ? ( ? ( ?`) is read once, not once per stop. Another `from`, or a
/// `to` before the last, starts over.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct OpenBrackets {
    from: usize,
    to: usize,
    depth: i32,
}

impl OpenBrackets {
    pub(super) fn open(&mut self, r: &str, from: usize, to: usize) -> bool {
        if from != self.from || to < self.to {
            *self = OpenBrackets { from, to: from, depth: 0 };
        }
        for &b in &r.as_bytes()[self.to..to] {
            match b {
                b'(' | b'[' => self.depth += 1,
                b')' | b']' => self.depth -= 1,
                _ => {}
            }
        }
        self.to = to;
        self.depth > 0
    }
}

/// [`quote_open`] of `r[from..to]`, read on from the last query as
/// [`OpenBrackets`] is. A quote mark at the very end of a query is weighed
/// with a space after it (as [`quote_open`] does) but not kept: the next
/// query sees what follows it.
#[derive(Debug, Clone, Copy)]
pub(super) struct OpenQuotes {
    from: usize,
    /// Where the white space at `from` ends (quotes before it open nothing).
    lead: usize,
    /// Quote marks before this are counted in `depth`.
    to: usize,
    depth: i32,
}

impl Default for OpenQuotes {
    fn default() -> Self {
        // No query yet: the first one starts over.
        OpenQuotes { from: usize::MAX, lead: 0, to: 0, depth: 0 }
    }
}

impl OpenQuotes {
    pub(super) fn open(&mut self, r: &str, from: usize, to: usize) -> bool {
        if from != self.from || to < self.to {
            let lead = from + r[from..].len() - r[from..].trim_start_matches(is_space).len();
            *self = OpenQuotes { from, lead, to: from, depth: 0 };
        }
        let s = &r[..to];
        let b = s.as_bytes();
        let mut depth = self.depth;
        let mut last_at_end = None;
        for p in memchr::memchr2_iter(b'\'', 0xE2, &b[self.to..to]).map(|p| p + self.to) {
            let prev = if p == from { ' ' } else { s[..p].chars().next_back().unwrap_or(' ') };
            let Some(QuoteMark { len, opens, closes }) = quote_mark(s, p, prev) else { continue };
            if opens && p > self.lead {
                depth += 1;
            } else if closes && depth > 0 {
                depth -= 1;
            }
            if p + len < to {
                // What follows the mark is known: keep its count.
                self.depth = depth;
            } else {
                last_at_end = Some(p);
            }
        }
        self.to = last_at_end.unwrap_or(to);
        depth > 0
    }
}
