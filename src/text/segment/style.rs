//! Paragraph styles: how the lines of a paragraph are read (see the
//! [`segment`](super) module docs for each style's rule and limits).

use super::Line;
use super::chars::{continues, ends_like_sentence, is_opener, starts_list_item, starts_lower};
use crate::text::normalize::is_space;
use crate::text::span::Span;

/// How a paragraph's lines are laid out, as found by the segmenter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Running text on one line, or lines whose every break is a boundary
    /// by the line-break rules.
    Prose,
    /// Hard-wrapped prose: at least one line break falls inside a sentence
    /// and reads as a space.
    Wrapped,
    /// One sentence per line: most lines end in sentence punctuation, and
    /// every line break is a boundary.
    LinePerSentence,
    /// A title line: a one-line paragraph without a final stop, or a title
    /// line on top of the paragraph's body.
    Heading,
    /// A block of lines none of which ends like a sentence or starts in
    /// lower case (credits, bylines): every line is a unit.
    Credits,
    /// List items: lines that start with a bullet, dash or number, or
    /// short lines without sentence punctuation.
    List,
}

impl Style {
    /// A short lower-case name, as `explain` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Style::Prose => "prose",
            Style::Wrapped => "wrapped",
            Style::LinePerSentence => "line per sentence",
            Style::Heading => "heading",
            Style::Credits => "credits",
            Style::List => "list",
        }
    }
}

/// A paragraph (text between blank lines) and how it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's text, trimmed.
    pub span: Span,
    /// How its lines were read.
    pub style: Style,
    /// The paragraph has letters and no capital: a full stop before a
    /// lower-case word can end a sentence.
    pub lower_case: bool,
}

/// True when `s` is lower-case text: its first letter is lower case, and
/// it has no capital letter or, among the words after its full stops,
/// lower-case ones outnumber capitalised ones more than two to one.
pub(super) fn is_lower_case(s: &str) -> bool {
    // Most text starts with a capital: stop there.
    if !s.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase) {
        return false;
    }
    let b = s.as_bytes();
    if !has_ascii_capital(b) && (s.is_ascii() || !s.chars().any(char::is_uppercase)) {
        return true;
    }
    // Capitals here and there ("I", names): the words after full stops
    // decide, lower case in more than two thirds of them (two at least).
    let (mut lower, mut upper) = (0usize, 0usize);
    for p in memchr::memchr_iter(b'.', b) {
        let rest = &b[p + 1..];
        let spaces = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
        match rest.get(spaces) {
            Some(c) if spaces > 0 && c.is_ascii_lowercase() => lower += 1,
            // The pronoun "I" is a capital in lower-case text too.
            Some(b'I') if rest.get(spaces + 1).is_none_or(|c| !c.is_ascii_alphabetic()) => {}
            Some(c) if spaces > 0 && c.is_ascii_uppercase() => upper += 1,
            _ => {}
        }
    }
    lower >= 2 && lower > 2 * upper
}

/// True when `b` has a byte `A`..=`Z`: 32 bytes at a time without a
/// branch per byte (the compiler makes each chunk a few vector compares).
fn has_ascii_capital(b: &[u8]) -> bool {
    let mut chunks = b.chunks_exact(32);
    for c in &mut chunks {
        if c.iter().fold(0u8, |a, &x| a | u8::from(x.wrapping_sub(b'A') < 26)) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_uppercase)
}

/// True when `s` has at most `max` words (runs of non-space), counting
/// no further than that.
fn at_most_words(s: &str, max: usize) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        // A non-ASCII space would only split a word here: at most one more.
        let space = b == b' ' || b == b'\t' || b == b'\x0b';
        if !space && !in_word {
            words += 1;
            if words > max {
                return false;
            }
        }
        in_word = !space;
    }
    true
}

/// A short line without sentence punctuation that can stand as a title:
/// at most ten words, no final stop, comma, colon or semicolon, and not
/// ending on a word after which a sentence goes on.
pub(super) fn title_line(s: &str) -> bool {
    // Cheap tests first: the line's end and length in words.
    if s.is_empty() || ends_like_sentence(s) || s.ends_with([',', ':', ';']) || !at_most_words(s, 10) {
        return false;
    }
    // After a list marker: "d. Compliance Log".
    let s = match s.bytes().take(5).position(|b| b == b' ') {
        Some(n @ 2..=4) if s[..n].ends_with(['.', ')']) => &s[n + 1..],
        _ => s,
    };
    !continues(s)
        && s.chars().find(|&c| !is_opener(c)).is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Title case: every word of four or more letters starts with a capital
/// (two such words at least).
pub(super) fn title_case(s: &str) -> bool {
    if s.len() < 128 || s.is_ascii() {
        // Bytes, stopping at the first long word in lower case (or, in a
        // short line, at a non-ASCII byte, for the test on chars below).
        let mut long = 0;
        for w in s.as_bytes().split(|&b| b == b' ' || b == b'\t') {
            if w.iter().any(|&b| b >= 0x80) {
                long = usize::MAX;
                break;
            }
            let w = match w.iter().position(|b| !b"\"'([{".contains(b)) {
                Some(i) => &w[i..],
                None => continue,
            };
            if w.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 4 {
                if !w[0].is_ascii_uppercase() {
                    return false;
                }
                long += 1;
            }
        }
        if long != usize::MAX {
            return long >= 2;
        }
    }
    let mut long = 0;
    for w in s.split(is_space) {
        let w = w.trim_start_matches(is_opener);
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            if !w.starts_with(char::is_uppercase) {
                return false;
            }
            long += 1;
        }
    }
    long >= 2
}

/// A line starts with a capital (after opening quotes) or a digit.
pub(super) fn starts_capital(s: &str) -> bool {
    s.chars().find(|&c| !is_opener(c)).is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The layout of a paragraph of two or more lines, when every line is a
/// unit (`Credits`, `List` of short lines, `LinePerSentence`); `None`
/// when the line breaks are decided one by one.
pub(super) fn line_layout(text: &str, lines: &[Line], lower: bool) -> Option<Style> {
    let n = lines.len();
    let line = |l: &Line| &text[l.span.range()];
    // Neither no line ending like a sentence nor three quarters of them:
    // stop counting as soon as both are out of reach.
    let mut ends = 0;
    for (k, l) in lines.iter().enumerate() {
        if ends_like_sentence(line(l)) {
            ends += 1;
        }
        let others = k + 1 - ends;
        if ends > 0 && others * 4 > n {
            return None;
        }
    }
    let items = || lines.iter().filter(|l| starts_list_item(line(l))).count();
    if ends == 0 {
        if !lines.iter().any(|l| starts_lower(line(l))) {
            return Some(if items() >= 2 { Style::List } else { Style::Credits });
        }
        // Short lines, none running on: "features" / "contact manager".
        if lines.iter().all(|l| at_most_words(line(l), 4) && !continues(line(l))) {
            return Some(Style::List);
        }
    }
    // Lines that mostly end in sentence punctuation: three quarters at
    // least, and, where capitals tell, none going on in lower case.
    if n >= 3
        && ends * 4 >= n * 3
        && (lower || !lines[1..].iter().any(|l| starts_lower(line(l))))
        && items() == 0
    {
        return Some(Style::LinePerSentence);
    }
    None
}
