//! Amounts of money written with a currency sign: the matches of the
//! built-in term `<money>` ([`crate::lexicon::Builtin::Money`]).
//!
//! Box-office takings, budgets and fees are often said with no production
//! word at all ("The Pacifier fell to second place, taking $18.1m
//! (£9.4m)"); the amount is the evidence. An amount is a currency sign
//! (`$`, `£`, `€`, `¥`), white space or none, a digit, then digits with `,`
//! or `.` between them, then a scale written on (`m`, `bn`, `k`, `mn`, `million`…) or
//! after white space (`million`, `billion`, `trillion`, `bn`, `m`). The span
//! runs from the sign to the end of the last of these. A sign with no digit
//! after it ("$ signs", "£s") is no amount.
//!
//! The search runs [`memchr::memchr3`] over the text for `$` and the lead
//! bytes of `£`/`¥` (0xC2) and `€` (0xE2), so text without them costs one
//! vectorised pass; it is only run when the lexicon has a `<money>` term,
//! and not on an ASCII unit whose word bitmaps mark no `$`
//! ([`super::Matcher::find_in_unit`]).
//! Measured with the round that added it (callgrind, `scan -j 1`, every
//! tenth file of the 100 MB benchmark corpus): 1.026 times the
//! instructions of the build before, for the finder and the new terms
//! together.

use crate::text::normalize::is_space;

/// Calls `found(start, end)` for each amount in `text`, in order, with byte
/// offsets into `text`.
///
/// ```
/// let text = "It took $18.1m (£9.4m), not $ 2 billion or 3 dollars.";
/// let mut spans = Vec::new();
/// rolecall::matcher::amount::find_amounts(text, |s, e| spans.push(&text[s..e]));
/// assert_eq!(spans, ["$18.1m", "£9.4m", "$ 2 billion"]);
/// ```
pub fn find_amounts(text: &str, mut found: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr3(b'$', 0xC2, 0xE2, &b[from..]) {
        let i = from + k;
        let sign = match b[i] {
            b'$' => 1,
            0xC2 if matches!(b.get(i + 1), Some(0xA3 | 0xA5)) => 2,
            0xE2 if b.get(i + 1) == Some(&0x82) && b.get(i + 2) == Some(&0xAC) => 3,
            _ => 0,
        };
        from = i + 1;
        if sign == 0 {
            continue;
        }
        if let Some(end) = amount_end(text, i + sign) {
            found(i, end);
            from = end;
        }
    }
}

/// The end of the number (and scale) starting at `p` (after the sign), if
/// a digit starts it.
fn amount_end(text: &str, mut p: usize) -> Option<usize> {
    let b = text.as_bytes();
    p = after_space(text, p);
    if !b.get(p).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    while p < b.len() {
        if b[p].is_ascii_digit() {
            p += 1;
        } else if matches!(b[p], b',' | b'.') && b.get(p + 1).is_some_and(u8::is_ascii_digit) {
            p += 2;
        } else {
            break;
        }
    }
    // A scale written on: "18.1m", "1.6bn", "40k".
    let letters = b[p..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters > 0 {
        let word = &b[p..p + letters];
        return SCALES_ON.iter().any(|s| word.eq_ignore_ascii_case(s)).then_some(p + letters);
    }
    // A scale after white space: "$1 billion".
    let q = after_space(text, p);
    if q > p {
        let rest = &b[q..];
        let n = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        if SCALES_AFTER.iter().any(|s| rest[..n].eq_ignore_ascii_case(s)) {
            return Some(q + n);
        }
    }
    Some(p)
}

/// The end of the run of white space ([`is_space`]) at byte `p` of
/// `text` (`p` itself when there is none). Any run, not one ASCII space,
/// so that the finder gives the same amounts on a text and on its
/// normalised copy, where each run is one space.
fn after_space(text: &str, p: usize) -> usize {
    text.get(p..)
        .map_or(p, |rest| p + rest.char_indices().find(|&(_, c)| !is_space(c)).map_or(rest.len(), |(i, _)| i))
}

/// Scales written straight after the digits.
const SCALES_ON: [&[u8]; 8] = [b"m", b"bn", b"k", b"mn", b"mln", b"million", b"billion", b"trillion"];

/// Scales written after one space.
const SCALES_AFTER: [&[u8]; 6] = [b"million", b"billion", b"trillion", b"bn", b"m", b"mln"];

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        find_amounts(text, |s, e| v.push(&text[s..e]));
        v
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("taking $18.1m (£9.4m) at the weekend", &["$18.1m", "£9.4m"]),
            ("a $100m movie", &["$100m"]),
            ("1.5bn yen ($14.3m) in two days", &["$14.3m"]),
            ("worth €5,000,000.", &["€5,000,000"]),
            ("¥300 a ticket", &["¥300"]),
            ("$1 billion-plus in sales", &["$1 billion"]),
            ("$ 2 million", &["$ 2 million"]),
            ("$5\nmillion and £\u{a0}9m and $2  bn", &["$5\nmillion", "£\u{a0}9m", "$2  bn"]),
            ("cost $50,000 to shoot", &["$50,000"]),
            ("US$5m", &["$5m"]),
            ("$5.95 for each session", &["$5.95"]),
            ("earned just $13.5 (£7m).", &["$13.5", "£7m"]),
            // A sign with no digit, or letters that are no scale.
            ("the $ sign and £s", &[]),
            ("$5million", &["$5million"]),
            ("$5mill", &[]),
            ("$3D glasses", &[]),
            ("20bn yen", &[]),
            ("a line ending in $", &[]),
            ("£", &[]),
            ("\u{e2}\u{80}\u{9c}quoted\u{e2}\u{80}\u{9d} $1", &["$1"]),
        ];
        for (text, want) in cases {
            assert_eq!(amounts(text), *want, "{text:?}");
        }
    }

    proptest::proptest! {
        /// On any text: spans are ordered, disjoint, on char boundaries,
        /// and each starts with a currency sign.
        #[test]
        fn spans_are_ordered_signs_on_char_boundaries(text in "(\\PC|[$£€¥0-9 .,mbn]){0,40}") {
            let mut last = 0;
            find_amounts(&text, |s, e| {
                assert!(last <= s && s < e && e <= text.len());
                assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                assert!(text[s..].starts_with(['$', '£', '€', '¥']));
                last = e;
            });
        }
    }

    #[test]
    fn spans_are_char_boundaries_on_any_text() {
        let texts = ["€", "£1", "x€1.", "$1,", "$1.", "₤5 £ ¥", "\u{c2}"];
        for t in texts {
            find_amounts(t, |s, e| {
                assert!(t.is_char_boundary(s) && t.is_char_boundary(e) && s < e, "{t:?} {s}..{e}");
            });
        }
    }
}
