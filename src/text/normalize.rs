//! The canonical form that lexicon terms and text are matched in.
//!
//! Matching must not care whether a writer typed `director's` or
//! `director’s`, `writer-director` or `writer–director`, or broke a phrase
//! across a line. [`normalize_into`] rewrites text so that
//!
//! - every run of white space (including line breaks, tabs, non-breaking and
//!   other Unicode spaces, and a byte-order mark) becomes one ASCII space;
//! - curly and typographic single quotes and primes become `'`, double ones `"`;
//! - hyphen and dash variants (‐ ‑ ‒ – — ― −) become `-`;
//! - non-ASCII letters are lower-cased when the lower-case form has the same
//!   UTF-8 length (É → é); ASCII case is left alone, because the matcher
//!   compares ASCII case-insensitively.
//!
//! The rewrite keeps an [`OffsetMap`] so positions found in the normalised
//! copy map back to the original text. Limits: case folding is simple (one
//! character to one character); ligatures, combining accents and
//! compatibility forms are not folded.

use crate::text::span::OffsetMap;

/// A normalised copy of a text plus the map back to the original.
#[derive(Debug, Default, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Copy offsets to original offsets.
    pub map: OffsetMap,
}

/// True for characters treated as white space everywhere in rolecall.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// True for characters that make up words (for whole-word matching).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The single ASCII replacement of a typographic character, if it has one.
#[inline]
fn fold_punct(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '\u{02BC}' => {
            Some('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}'
        | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        _ => None,
    }
}

/// Writes the normalised form of `text` into `out` (replacing its content).
///
/// ```
/// use rolecall::text::normalize::{normalize_into, Normalized};
/// let mut n = Normalized::default();
/// normalize_into("Writer\u{2013}Director\u{2019}s\n  cut", &mut n);
/// assert_eq!(n.text, "Writer-Director's cut");
/// // "cut" starts at byte 24 of the original.
/// assert_eq!(n.map.to_original(18), 24);
/// ```
pub fn normalize_into(text: &str, out: &mut Normalized) {
    out.text.clear();
    out.map.clear();
    out.text.reserve(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Fast path: copy a run of ASCII bytes that need no change.
        let run = ascii_plain_run(&bytes[i..]);
        if run > 0 {
            out.text.push_str(&text[i..i + run]);
            i += run;
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        let len = c.len_utf8();
        if is_space(c) {
            let mut j = i + len;
            while let Some(d) = text[j..].chars().next() {
                if !is_space(d) {
                    break;
                }
                j += d.len_utf8();
            }
            out.text.push(' ');
            if j - i != 1 {
                out.map.push(out.text.len(), j);
            }
            i = j;
            continue;
        }
        if let Some(r) = fold_punct(c) {
            out.text.push(r);
            out.map.push(out.text.len(), i + len);
        } else {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == len => out.text.push(l),
                _ => out.text.push(c),
            }
        }
        i += len;
    }
}

/// ASCII bytes that [`is_space`] accepts.
#[inline]
fn is_ascii_space_byte(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

/// The normalised form of the text at `p`, one piece at a time: a run of
/// white space gives one `' '`, a typographic quote or dash its ASCII
/// replacement, a letter its same-length lower case, anything else itself.
/// Returns the piece's bytes, their count and where the next piece starts;
/// `None` at the end. Chaining the pieces gives [`normalize_into`]'s text.
#[inline]
pub fn fold_next(text: &str, p: usize) -> Option<([u8; 4], usize, usize)> {
    let bytes = text.as_bytes();
    let &b = bytes.get(p)?;
    if b < 0x80 {
        if !is_ascii_space_byte(b) {
            return Some(([b, 0, 0, 0], 1, p + 1));
        }
    } else {
        let c = text[p..].chars().next().expect("p is on a char boundary");
        let len = c.len_utf8();
        if !is_space(c) {
            let mut buf = [0u8; 4];
            let out = match fold_punct(c) {
                Some(r) => r,
                None => {
                    let mut lower = c.to_lowercase();
                    match (lower.next(), lower.next()) {
                        (Some(l), None) if l.len_utf8() == len => l,
                        _ => c,
                    }
                }
            };
            let n = out.encode_utf8(&mut buf).len();
            return Some((buf, n, p + len));
        }
    }
    // A white-space run.
    let rest = &text[p..];
    let run = rest.len() - rest.trim_start_matches(is_space).len();
    Some(([b' ', 0, 0, 0], 1, p + run))
}

/// Length of the leading run of bytes that are ASCII, not white space
/// other than a single space, and so copy unchanged.
#[inline]
fn ascii_plain_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while n < bytes.len() {
        let b = bytes[n];
        if b >= 0x80 {
            break;
        }
        if b == b' ' {
            // A lone space is kept; a space followed by more white space is not.
            match bytes.get(n + 1) {
                Some(&next) if is_ascii_space_byte(next) || next >= 0x80 => break,
                _ => {}
            }
        } else if is_ascii_space_byte(b) {
            break;
        }
        n += 1;
    }
    n
}

/// The normalised form of a lexicon term: as [`normalize_into`], trimmed and
/// with ASCII lower-cased.
///
/// ```
/// assert_eq!(rolecall::text::normalize::normalize_term("  Writer\u{2013}Director "), "writer-director");
/// ```
pub fn normalize_term(term: &str) -> String {
    let mut n = Normalized::default();
    normalize_into(term, &mut n);
    n.text.trim().to_ascii_lowercase()
}

/// The first position at or after `from` holding a byte that
/// [`collapse_whitespace_into`] cannot copy as it is: non-ASCII, below
/// 0x20, or a space right after a space; `b.len()` when there is none.
/// Eight bytes at a time.
fn first_special(b: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // Top bit set per byte: non-ASCII, below 0x20, a space after a space.
    let flags = |x: u64, prev_space: &mut u64| -> u64 {
        let low = x.wrapping_sub(0x20 * ONES) & !x & HIGH;
        let y = x ^ (0x20 * ONES);
        let space = !(((y & !HIGH) + !HIGH) | y | !HIGH);
        let twice = space & ((space << 8) | *prev_space);
        *prev_space = space >> 56;
        (x & HIGH) | low | twice
    };
    let mut prev_space = if from > 0 && b[from - 1] == b' ' { 0x80 } else { 0 };
    let rest = &b[from..];
    let mut groups = rest.chunks_exact(8);
    for (k, g) in groups.by_ref().enumerate() {
        let f = flags(u64::from_le_bytes(g.try_into().expect("eight bytes")), &mut prev_space);
        if f != 0 {
            return from + 8 * k + f.trailing_zeros() as usize / 8;
        }
    }
    // The tail, padded with letters.
    let tail = groups.remainder();
    let mut buf = [b'a'; 8];
    buf[..tail.len()].copy_from_slice(tail);
    let f = flags(u64::from_le_bytes(buf), &mut prev_space);
    if f != 0 { from + (rest.len() - tail.len()) + f.trailing_zeros() as usize / 8 } else { b.len() }
}

/// Appends `text` with every white-space run collapsed to one space and the
/// ends trimmed: the form in which units are written to CSV.
///
/// Runs of plain text are found eight bytes at a time and copied whole.
pub fn collapse_whitespace_into(text: &str, out: &mut String) {
    let text = text.trim_matches(is_space);
    let b = text.as_bytes();
    let mut i = 0;
    let mut prev_space = false;
    while i < b.len() {
        let p = first_special(b, i);
        if p > i {
            out.push_str(&text[i..p]);
            prev_space = b[p - 1] == b' ';
        }
        let Some(c) = text[p..].chars().next() else { break };
        if is_space(c) {
            // A run (never at the end: the text is trimmed).
            let mut j = p;
            while let Some(d) = text[j..].chars().next().filter(|&d| is_space(d)) {
                j += d.len_utf8();
            }
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
            i = j;
        } else {
            out.push(c);
            prev_space = false;
            i = p + c.len_utf8();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_special_agrees_with_a_byte_loop() {
        let slow = |b: &[u8], from: usize| {
            (from..b.len())
                .find(|&i| b[i] >= 0x80 || b[i] < 0x20 || (b[i] == b' ' && i > 0 && b[i - 1] == b' '))
                .unwrap_or(b.len())
        };
        let mut cases: Vec<Vec<u8>> = vec![b"".to_vec(), b"Directed by Jane".to_vec(), b"a  b".to_vec()];
        for c in 0..=255u8 {
            for at in [0, 1, 7, 8, 9, 15, 16] {
                let mut v = b"abcdefgh ijklmnop q".to_vec();
                v.insert(at, c);
                cases.push(v.clone());
                v.insert(at, b' ');
                cases.push(v);
            }
        }
        for n in 1..20 {
            for at in 0..n {
                let mut v = vec![b'x'; n];
                v[at] = b' ';
                if at + 1 < n {
                    let mut w = v.clone();
                    w[at + 1] = b' ';
                    cases.push(w);
                }
                cases.push(v);
            }
        }
        for c in &cases {
            for from in 0..=c.len() {
                assert_eq!(
                    first_special(c, from),
                    slow(c, from),
                    "{:?} from {from}",
                    String::from_utf8_lossy(c)
                );
            }
        }
    }

    #[test]
    fn collapse_agrees_with_splitting_on_white_space() {
        let cases = [
            "  Directed\n  by\tJane  ",
            "a \n b",
            "one  two   three",
            "caf\u{e9}\u{a0}\u{a0}cr\u{e8}me \u{2014} br\u{fb}l\u{e9}e",
            "x\u{1}y \u{7f}z",
            "\u{3000}\u{3000}",
            "long line of plain words that runs past several groups of eight bytes",
            "wrapped\nline of text\nthat goes on\r\nand on",
        ];
        for text in cases {
            let want = text.split(is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            let mut got = String::new();
            collapse_whitespace_into(text, &mut got);
            assert_eq!(got, want, "{text:?}");
        }
    }

    fn check_map(original: &str, n: &Normalized) {
        // Every char boundary of the copy maps to a char boundary of the original,
        // monotonically, and the end maps to the end.
        let mut last = 0;
        for (pos, _) in n.text.char_indices().chain([(n.text.len(), ' ')]) {
            let o = n.map.to_original(pos);
            assert!(o >= last, "map not monotonic at {pos}");
            assert!(original.is_char_boundary(o), "{o} not a boundary");
            last = o;
        }
        assert_eq!(n.map.to_original(n.text.len()), original.len());
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str)] = &[
            ("plain ascii text", "plain ascii text"),
            ("two  spaces", "two spaces"),
            ("line\nbreak", "line break"),
            ("crlf\r\nbreak", "crlf break"),
            ("tab\there", "tab here"),
            ("nbsp\u{a0}here", "nbsp here"),
            ("\u{feff}bom", " bom"),
            ("it\u{2019}s", "it's"),
            ("\u{201c}quoted\u{201d}", "\"quoted\""),
            ("writer\u{2013}director", "writer-director"),
            ("em\u{2014}dash", "em-dash"),
            ("MISE-EN-SC\u{c8}NE", "MISE-EN-SC\u{e8}NE"),
            ("trailing  ", "trailing "),
            ("", ""),
        ];
        let mut n = Normalized::default();
        for (input, want) in cases {
            normalize_into(input, &mut n);
            assert_eq!(&n.text, want, "input {input:?}");
            check_map(input, &n);
        }
    }

    #[test]
    fn fold_next_chains_to_normalize_into() {
        let mut n = Normalized::default();
        for s in [
            "Writer\u{2013}Director\u{2019}s\n  cut",
            "\u{feff}MISE-EN-SC\u{c8}NE \u{a0}\t x",
            "",
            "a  ",
            "\u{130}x",
        ] {
            normalize_into(s, &mut n);
            let mut folded = Vec::new();
            let mut p = 0;
            while let Some((buf, len, next)) = fold_next(s, p) {
                folded.extend_from_slice(&buf[..len]);
                assert!(next > p);
                p = next;
            }
            assert_eq!(String::from_utf8(folded).unwrap(), n.text, "{s:?}");
        }
    }

    #[test]
    fn idempotent() {
        let mut a = Normalized::default();
        let mut b = Normalized::default();
        for s in ["a \u{2019} \u{2014}\n\n b", "Écran  TOTAL", "x\t\ty"] {
            normalize_into(s, &mut a);
            normalize_into(&a.text, &mut b);
            assert_eq!(a.text, b.text);
            assert!(b.map.is_identity());
        }
    }

    #[test]
    fn collapse() {
        let mut s = String::new();
        collapse_whitespace_into("  Directed\n  by\tJane  ", &mut s);
        assert_eq!(s, "Directed by Jane");
        for (input, want) in
            [("a b c", "a b c"), (" a  b ", "a b"), ("a\u{a0}b", "a b"), ("\u{feff}x y", "x y"), ("", "")]
        {
            s.clear();
            collapse_whitespace_into(input, &mut s);
            assert_eq!(s, want, "{input:?}");
        }
    }
}
