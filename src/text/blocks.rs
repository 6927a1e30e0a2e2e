//! Blocks: the pieces a large or streamed text is cut into (at blank
//! lines, so no unit straddles two) to be tagged in parallel and in
//! bounded memory. "Block" means this and nothing else in rolecall.

/// Where [`next_block_cut`] found the next cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockCut {
    /// Cut before this offset.
    At(usize),
    /// No cut in this text.
    None,
    /// The answer depends on bytes after the end of the buffer. No cut
    /// is before `resume`: with more bytes appended, the search may go on
    /// from there ([`next_block_cut_from`]) instead of reading the same
    /// lines again.
    NeedMore {
        /// The offset from which the line breaks are still to be read
        /// (never before the minimum length, so past the end of a buffer
        /// shorter than it).
        resume: usize,
    },
}

/// Blocks are cut at most this many times their minimum length.
pub const MAX_BLOCK_FACTOR: usize = 4;

/// The next cut of `bytes` into a block of `min_len` to
/// `MAX_BLOCK_FACTOR * min_len` bytes: the start of the first blank line
/// (only ASCII white space) whose preceding line break is at or after
/// `min_len`. Units never cross a blank line, so such a cut changes no
/// unit. Where no blank line comes before the maximum, the cut falls back
/// to the first line break after a sentence stop and before a capital,
/// else the first line break, else the first space, after `min_len`: that
/// may change how the units next to it are cut, in input with no blank
/// line in megabytes. `at_end` says whether `bytes` runs to the end of the
/// input; if not, the answer may be [`BlockCut::NeedMore`].
pub fn next_block_cut(bytes: &[u8], min_len: usize, at_end: bool) -> BlockCut {
    next_block_cut_from(bytes, min_len, at_end, 0)
}

/// [`next_block_cut`] for a buffer that grows: `from` is the `resume`
/// offset of the [`BlockCut::NeedMore`] this buffer's shorter self gave
/// (0 the first time), and the answer is the same as `next_block_cut`'s.
/// A reader that appends 256 KiB at a time to a text with line breaks but
/// no blank line read each block's lines up to twelve times without it:
/// 6.7% of the samples of a `scan c100-large -j 1` (`perf record`, the
/// ten 10 MB files of `scripts/bench.sh`'s large shape), in `memchr`.
pub fn next_block_cut_from(bytes: &[u8], min_len: usize, at_end: bool, from: usize) -> BlockCut {
    let min_len = min_len.max(1);
    let max_len = min_len.saturating_mul(MAX_BLOCK_FACTOR);
    let scan_end = bytes.len().min(max_len);
    let start = from.max(min_len);
    if start < scan_end {
        for nl in memchr::memchr_iter(b'\n', &bytes[start..scan_end]) {
            let p = start + nl + 1;
            if p >= bytes.len() {
                // Whether the next line is blank is not known yet.
                return if at_end { BlockCut::None } else { BlockCut::NeedMore { resume: p - 1 } };
            }
            // Most lines start with a word: not blank, no need to find their end.
            if !is_blank_byte(bytes[p]) {
                continue;
            }
            let line_end = match memchr::memchr(b'\n', &bytes[p..]) {
                Some(i) => p + i,
                None if at_end => bytes.len(),
                None => return BlockCut::NeedMore { resume: p - 1 },
            };
            if bytes[p..line_end].iter().all(|&b| is_blank_byte(b)) {
                return BlockCut::At(p);
            }
        }
    }
    if bytes.len() > max_len {
        return BlockCut::At(fallback_cut(&bytes[..max_len], min_len));
    }
    if at_end { BlockCut::None } else { BlockCut::NeedMore { resume: scan_end.max(start) } }
}

fn is_blank_byte(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

/// A cut in `min_len..=window.len()` when no blank line is there.
fn fallback_cut(window: &[u8], min_len: usize) -> usize {
    let lines = || memchr::memchr_iter(b'\n', &window[min_len..]).map(|i| min_len + i + 1);
    let stop_then_capital = |p: usize| {
        let before = window[..p - 1].iter().rev().find(|b| !b.is_ascii_whitespace());
        let after = window[p..].iter().find(|b| !b.is_ascii_whitespace());
        matches!(before, Some(b'.' | b'!' | b'?' | b'"' | b'\'' | b')'))
            && after.is_some_and(|b| b.is_ascii_uppercase())
    };
    if let Some(p) = lines().find(|&p| p < window.len() && stop_then_capital(p)) {
        return p;
    }
    if let Some(p) = lines().find(|&p| p < window.len()) {
        return p;
    }
    // One long line: after a sentence stop, at a space before a capital,
    // the stop ending a word of four or more letters (not "Mr." or "U.S.").
    let spaces = || memchr::memchr_iter(b' ', &window[min_len..]).map(|i| min_len + i + 1);
    let after_word_stop = |p: usize| {
        let word = window[..p - 1].rsplit(|b| b.is_ascii_whitespace()).next().unwrap_or_default();
        word.len() >= 5 && word[word.len() - 2].is_ascii_lowercase()
    };
    if let Some(p) = spaces().find(|&p| p < window.len() && stop_then_capital(p) && after_word_stop(p)) {
        return p;
    }
    if let Some(i) = memchr::memchr(b' ', &window[min_len..]) {
        return min_len + i + 1;
    }
    // No space either: the first character boundary at or after `min_len`.
    (min_len..window.len()).find(|&i| window[i] & 0xC0 != 0x80).unwrap_or(window.len())
}

/// Every block cut of a whole text (see [`next_block_cut`]), in order.
/// A cut is never inside a UTF-8 character.
///
/// ```
/// let text = "One para.\n\nTwo para.\n\nThree.";
/// let cuts = rolecall::text::blocks::blank_line_cuts(text.as_bytes(), 5);
/// assert_eq!(cuts, [10, 21]);
/// ```
pub fn blank_line_cuts(bytes: &[u8], min_len: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut last = 0;
    while let BlockCut::At(p) = next_block_cut(&bytes[last..], min_len, true) {
        last += p;
        cuts.push(last);
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_bounded_and_cut_on_char_boundaries() {
        let text =
            "Alpha beta.\nGamma delta\nepsilon \u{e9}t\u{e9}.\nZeta eta ".repeat(200) + &"\u{e9}".repeat(500);
        let cuts = blank_line_cuts(text.as_bytes(), 100);
        assert!(!cuts.is_empty());
        let mut last = 0;
        for &c in &cuts {
            assert!(c - last >= 100 && c - last <= 100 * MAX_BLOCK_FACTOR, "{}", c - last);
            assert!(text.is_char_boundary(c));
            last = c;
        }
        // Preferred fallback: a line break after a stop and before a capital.
        assert!(
            cuts.iter()
                .take(3)
                .all(|&c| text[..c].ends_with(".\n") && text[c..].starts_with(char::is_uppercase))
        );
        // A blank line inside the window wins.
        let t2 = format!("{}\n\n{}", "word ".repeat(30), "more ".repeat(200));
        assert_eq!(blank_line_cuts(t2.as_bytes(), 100)[0], 151);
    }
}
