//! Byte spans and the offset maps that carry them back to the original input.
//!
//! Every stage reports positions as byte offsets. When a stage works on a
//! rewritten copy of the text (lossy UTF-8 repair, matching normalisation),
//! an [`OffsetMap`] translates positions in the copy to positions in the text
//! it was made from, so evidence can always be checked by slicing the input.

use std::ops::Range;

/// A half-open byte range `start..end` into some text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range`, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span moved right by `by` bytes.
    pub fn offset(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// Maps byte positions in a rewritten copy back to the text it came from.
///
/// The rewrite must replace whole characters by whole characters; then every
/// character boundary of the copy that is not inside a replacement has one
/// well-defined position in the original. The map stores a checkpoint after
/// each replacement whose length differs from the original; positions
/// between checkpoints move in step. Positions inside a multi-byte
/// replacement are not character boundaries and are never asked for.
///
/// ```
/// use rolecall::text::span::OffsetMap;
/// // "a\u{2019}b" (5 bytes) rewritten as "a'b" (3 bytes)
/// let mut map = OffsetMap::default();
/// map.push(2, 4); // after the quote: copy offset 2 is original offset 4
/// assert_eq!(map.to_original(0), 0);
/// assert_eq!(map.to_original(1), 1);
/// assert_eq!(map.to_original(2), 4);
/// assert_eq!(map.to_original(3), 5);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(copy offset, original offset)`, both increasing.
    marks: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Records that copy offset `copy` corresponds to original offset `orig`.
    /// Marks must be pushed in increasing order.
    pub fn push(&mut self, copy: usize, orig: usize) {
        debug_assert!(self.marks.last().is_none_or(|&(c, o)| c <= copy && o <= orig));
        self.marks.push((copy, orig));
    }

    /// Forgets all marks (the identity map).
    pub fn clear(&mut self) {
        self.marks.clear();
    }

    /// True when the map is the identity.
    pub fn is_identity(&self) -> bool {
        self.marks.is_empty()
    }

    /// The original offset of copy offset `pos`.
    pub fn to_original(&self, pos: usize) -> usize {
        let i = self.marks.partition_point(|&(c, _)| c <= pos);
        match i {
            0 => pos,
            _ => {
                let (c, o) = self.marks[i - 1];
                o + (pos - c)
            }
        }
    }

    /// [`OffsetMap::to_original`] applied to both ends of a span.
    pub fn span_to_original(&self, span: Span) -> Span {
        if self.marks.is_empty() {
            return span;
        }
        Span::new(self.to_original(span.start), self.to_original(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_when_empty() {
        let m = OffsetMap::default();
        assert!(m.is_identity());
        assert_eq!(m.to_original(17), 17);
    }

    #[test]
    fn collapsed_whitespace_run() {
        // "a   b" -> "a b": after the run, copy 2 = original 4.
        let mut m = OffsetMap::default();
        m.push(2, 4);
        assert_eq!(m.to_original(1), 1);
        assert_eq!(m.to_original(2), 4);
        assert_eq!(m.span_to_original(Span::new(0, 3)), Span::new(0, 5));
    }

    #[test]
    fn growing_replacement() {
        // one invalid byte 0xFF (1 byte) -> U+FFFD (3 bytes) at offset 1.
        let mut m = OffsetMap::default();
        m.push(4, 2);
        assert_eq!(m.to_original(1), 1);
        assert_eq!(m.to_original(4), 2);
        assert_eq!(m.to_original(6), 4);
    }
}
