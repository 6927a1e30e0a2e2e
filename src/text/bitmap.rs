//! Bitmaps of byte classes: one bit per byte, 64 bytes to a `u64`, built
//! without a branch per byte (SSE2 compares and `movemask` on x86-64, where
//! SSE2 is always present; eight bytes at a time in a `u64` elsewhere), and
//! read with `trailing_zeros`. The matcher finds words (and `$` signs) in
//! them, the segmenter its candidate stops and the film-topic score its
//! words, instead of a search call or a branch per byte.

use crate::text::span::Span;

/// Gathers the top bits of the eight bytes of `x` into bits 0..8.
#[inline(always)]
fn gather_top_bits(x: u64) -> u64 {
    (((x >> 7) & 0x0101_0101_0101_0101).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Bit `i` of the result is set when byte `i` of `x` (little-endian) is an
/// ASCII letter or digit.
#[inline(always)]
fn ascii_word_byte_bits(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Per byte, with the top bit cleared no sum below carries into the next byte.
    let y = x & (0x7f * ONES);
    let l = y | (0x20 * ONES);
    let letter = (l + 0x1f * ONES) & !(l + 0x05 * ONES); // 'a'..='z' after folding
    let digit = (y + 0x50 * ONES) & !(y + 0x46 * ONES); // '0'..='9'
    gather_top_bits((letter | digit) & !x & (0x80 * ONES))
}

/// Bit `i` of the result is set when byte `i` of `x` (little-endian) is `$`.
#[inline(always)]
fn dollar_bits(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // A zero byte of `y` is a `$` of `x`; per byte with the top bit
    // cleared, adding 0x7f sets it for every byte but zero.
    let y = x ^ (u64::from(b'$') * ONES);
    let nonzero = ((y & (0x7f * ONES)) + 0x7f * ONES) | y;
    gather_top_bits(!nonzero & (0x80 * ONES))
}

/// The bitmaps of 64 bytes' letters and digits, of their non-ASCII bytes
/// and of their `$` signs (portable: eight bytes at a time in a `u64`).
// On x86-64 only the tests call this (against the SSE2 version).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
#[inline(always)]
fn word_bits_64_swar(block: &[u8; 64]) -> (u64, u64, u64) {
    let (mut w, mut high, mut dollars) = (0, 0, 0);
    for (g, group) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(group.try_into().expect("eight bytes"));
        high |= gather_top_bits(x) << (8 * g);
        w |= ascii_word_byte_bits(x) << (8 * g);
        dollars |= dollar_bits(x) << (8 * g);
    }
    (w, high, dollars)
}

/// The ASCII letters of 16 bytes (0xFF where a byte is one, else 0).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn ascii_letters_16(v: std::arch::x86_64::__m128i) -> std::arch::x86_64::__m128i {
    use std::arch::x86_64::{_mm_add_epi8, _mm_cmplt_epi8, _mm_or_si128, _mm_set1_epi8};
    // SAFETY: SSE2 is enabled for this build (the cfg above); these
    // intrinsics only compute on registers.
    unsafe {
        // Folded to lower case, then a signed compare: the range is shifted
        // to start at -128; bytes of 0x80 and above land outside it.
        let folded = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8((128 - 97) as i8));
        _mm_cmplt_epi8(folded, _mm_set1_epi8(-128 + 26))
    }
}

/// [`word_bits_64_swar`] with SSE2 (part of every x86-64 CPU): sixteen
/// bytes per compare, and the bits gathered by `movemask`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn word_bits_64(block: &[u8; 64]) -> (u64, u64, u64) {
    use std::arch::x86_64::{
        _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    let (mut w, mut high, mut dollars) = (0, 0, 0);
    for (g, group) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is enabled for this build (the cfg above), `group`
        // is 16 readable bytes, and this load needs no alignment.
        let (word, non_ascii, dollar) = unsafe {
            let v = _mm_loadu_si128(group.as_ptr().cast());
            let letter = ascii_letters_16(v);
            // As in `ascii_letters_16`: shifted to start at -128.
            let digit =
                _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((128 - 48) as i8)), _mm_set1_epi8(-128 + 10));
            (
                _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u16,
                _mm_movemask_epi8(v) as u16,
                _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'$' as i8))) as u16,
            )
        };
        w |= u64::from(word) << (16 * g);
        high |= u64::from(non_ascii) << (16 * g);
        dollars |= u64::from(dollar) << (16 * g);
    }
    (w, high, dollars)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
use word_bits_64_swar as word_bits_64;

/// Fills `bits` with one bit per byte of `bytes`, set for ASCII letters and
/// digits, `high` with one set for each non-ASCII byte, and `dollars` with
/// one set for each `$`, 64 bytes at a time without branches per byte.
pub(crate) fn word_bitmaps(bytes: &[u8], bits: &mut Vec<u64>, high: &mut Vec<u64>, dollars: &mut Vec<u64>) {
    bits.clear();
    high.clear();
    dollars.clear();
    for_each_block(bytes, |block| {
        let (w, h, d) = word_bits_64(block);
        bits.push(w);
        high.push(h);
        dollars.push(d);
    });
}

/// `tail` (up to 64 bytes) followed by zeros.
#[inline(always)]
fn padded(tail: &[u8]) -> [u8; 64] {
    let mut buf = [0u8; 64];
    buf[..tail.len()].copy_from_slice(tail);
    buf
}

/// Calls `f` with each 64 bytes of `bytes`, the last zero-padded.
#[inline(always)]
fn for_each_block(bytes: &[u8], mut f: impl FnMut(&[u8; 64])) {
    let mut blocks = bytes.chunks_exact(64);
    for block in blocks.by_ref() {
        f(block.try_into().expect("64 bytes"));
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        f(&padded(tail));
    }
}

/// Whether no bit of `bits` in `span` is set.
#[inline]
pub(crate) fn none_set(bits: &[u64], span: Span) -> bool {
    if span.is_empty() {
        return true;
    }
    let (first, last) = (span.start / 64, (span.end - 1) / 64);
    let mut any = 0;
    for (k, &w) in bits[first..=last].iter().enumerate() {
        let mut w = w;
        if k == 0 {
            w &= u64::MAX << (span.start % 64);
        }
        if k == last - first && span.end % 64 != 0 {
            w &= u64::MAX >> (64 - span.end % 64);
        }
        any |= w;
    }
    any == 0
}

/// The first position at or after `from` whose bit in `bits` equals `set`,
/// or `len` when there is none.
#[inline]
pub(crate) fn next_bit(bits: &[u64], from: usize, set: bool, len: usize) -> usize {
    let mut k = from / 64;
    if k >= bits.len() {
        return len;
    }
    let flip = if set { 0 } else { u64::MAX };
    let mut w = (bits[k] ^ flip) >> (from % 64);
    if w != 0 {
        return (from + w.trailing_zeros() as usize).min(len);
    }
    loop {
        k += 1;
        if k >= bits.len() {
            return len;
        }
        w = bits[k] ^ flip;
        if w != 0 {
            return (k * 64 + w.trailing_zeros() as usize).min(len);
        }
    }
}

/// Sentence stop candidates of 64 bytes (`.`, `!`, `?`, and the lead
/// bytes 0xE2, 0xE3, 0xEF of `…` and full-width stops), and the ends of
/// list markers (`.` and `)`), and whether all 64 bytes are ASCII.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn stop_bits_64(block: &[u8; 64]) -> (u64, u64, bool) {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let (mut stops, mut marks, mut ascii) = (0, 0, true);
    for (g, group) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is enabled for this build (the cfg above), `group`
        // is 16 readable bytes, and this load needs no alignment.
        let (s, m) = unsafe {
            let v = _mm_loadu_si128(group.as_ptr().cast());
            let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
            let dot = is(b'.');
            let mut s = _mm_movemask_epi8(_mm_or_si128(dot, _mm_or_si128(is(b'!'), is(b'?')))) as u16;
            if _mm_movemask_epi8(v) != 0 {
                ascii = false;
                s |= _mm_movemask_epi8(_mm_or_si128(is(0xE2), _mm_or_si128(is(0xE3), is(0xEF)))) as u16;
            }
            (s, _mm_movemask_epi8(_mm_or_si128(dot, is(b')'))) as u16)
        };
        stops |= u64::from(s) << (16 * g);
        marks |= u64::from(m) << (16 * g);
    }
    (stops, marks, ascii)
}

/// [`stop_bits_64`], a byte at a time (other targets, and the tests).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn stop_bits_64_bytes(block: &[u8; 64]) -> (u64, u64, bool) {
    let (mut stops, mut marks) = (0, 0);
    for (i, &b) in block.iter().enumerate() {
        stops |= u64::from(matches!(b, b'.' | b'!' | b'?' | 0xE2 | 0xE3 | 0xEF)) << i;
        marks |= u64::from(matches!(b, b'.' | b')')) << i;
    }
    (stops, marks, block.is_ascii())
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
use stop_bits_64_bytes as stop_bits_64;

/// Fills `stops` and `marks` with the bits of [`stop_bits_64`] for `bytes`;
/// returns whether `bytes` is all ASCII.
pub(crate) fn stop_bitmaps(bytes: &[u8], stops: &mut Vec<u64>, marks: &mut Vec<u64>) -> bool {
    stops.clear();
    marks.clear();
    let mut all_ascii = true;
    for_each_block(bytes, |block| {
        let (s, m, ascii) = stop_bits_64(block);
        stops.push(s);
        marks.push(m);
        all_ascii &= ascii;
    });
    all_ascii
}

/// The bits of 64 bytes' ASCII letters, and of their word bytes of the
/// film-topic score: letters, `'` and `-` ([`crate::tag::topic`]).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn topic_bits_64(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let (mut letters, mut word) = (0, 0);
    for (g, group) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is enabled for this build (the cfg above), `group`
        // is 16 readable bytes, and this load needs no alignment.
        let (l, w) = unsafe {
            let v = _mm_loadu_si128(group.as_ptr().cast());
            let letter = ascii_letters_16(v);
            let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
            let word = _mm_or_si128(letter, _mm_or_si128(is(b'\''), is(b'-')));
            (_mm_movemask_epi8(letter) as u16, _mm_movemask_epi8(word) as u16)
        };
        letters |= u64::from(l) << (16 * g);
        word |= u64::from(w) << (16 * g);
    }
    (letters, word)
}

/// [`topic_bits_64`], a byte at a time (other targets, and the tests).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn topic_bits_64_bytes(block: &[u8; 64]) -> (u64, u64) {
    let (mut letters, mut word) = (0, 0);
    for (i, &b) in block.iter().enumerate() {
        letters |= u64::from(b.is_ascii_alphabetic()) << i;
        word |= u64::from(b.is_ascii_alphabetic() || b == b'\'' || b == b'-') << i;
    }
    (letters, word)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
use topic_bits_64_bytes as topic_bits_64;

/// [`topic_bits_64`] of the `k`-th 64 bytes of `bytes` (the last group
/// zero-padded: no bits past the end). Panics if `64 * k` is not below
/// `bytes.len()`.
#[inline(always)]
pub(crate) fn topic_bits(bytes: &[u8], k: usize) -> (u64, u64) {
    let at = 64 * k;
    match bytes.get(at..at + 64) {
        Some(block) => topic_bits_64(block.try_into().expect("64 bytes")),
        None => topic_bits_64(&padded(&bytes[at..])),
    }
}

/// The positions of the set bits of `bits`, in order.
pub(crate) fn set_bits(bits: &[u64]) -> impl Iterator<Item = usize> + '_ {
    bits.iter().enumerate().flat_map(|(k, &w)| {
        let mut w = w;
        std::iter::from_fn(move || {
            (w != 0).then(|| {
                let i = w.trailing_zeros() as usize;
                w &= w - 1;
                k * 64 + i
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_bitmaps_agree_with_a_byte_loop() {
        let mut bytes: Vec<u8> = (0..=255u8).collect();
        bytes.extend(b"Directed by Jane, 1999: a_b-c [d]{e}`f@g/h:i ~Z\x7f.");
        bytes.extend(b"\xc3\xa9 \xff");
        let (mut bits, mut high, mut dollars) = (Vec::new(), Vec::new(), Vec::new());
        for start in 0..9 {
            for end in (start..bytes.len()).step_by(7).chain([bytes.len()]) {
                let b = &bytes[start..end];
                word_bitmaps(b, &mut bits, &mut high, &mut dollars);
                assert_eq!(bits.len(), b.len().div_ceil(64));
                assert_eq!(high.len(), b.len().div_ceil(64));
                for (i, &c) in b.iter().enumerate() {
                    let bit = |v: &[u64]| v[i / 64] >> (i % 64) & 1 == 1;
                    assert_eq!(bit(&bits), c.is_ascii_alphanumeric(), "byte {c:#x} at {i} of {start}..{end}");
                    assert_eq!(bit(&high), !c.is_ascii(), "byte {c:#x} at {i} of {start}..{end}");
                    assert_eq!(bit(&dollars), c == b'$', "byte {c:#x} at {i} of {start}..{end}");
                }
                // No bits past the end.
                if b.len() % 64 != 0 {
                    assert_eq!(bits.last().unwrap() >> (b.len() % 64), 0);
                    assert_eq!(high.last().unwrap() >> (b.len() % 64), 0);
                    assert_eq!(dollars.last().unwrap() >> (b.len() % 64), 0);
                }
                // Any span is ASCII exactly when no high bit is set in it.
                for a in (0..=b.len()).step_by(5) {
                    for z in (a..=b.len()).step_by(11).chain([b.len()]) {
                        assert_eq!(none_set(&high, Span::new(a, z)), b[a..z].is_ascii(), "{a}..{z}");
                    }
                }
            }
        }
    }

    /// Calls `f` with blocks holding each byte value at each position,
    /// among neighbours that vary (`step` apart in value).
    fn every_byte_at_every_position(step: usize, mut f: impl FnMut(&[u8; 64], u8, usize)) {
        for at in 0..64 {
            let mut block = [0u8; 64];
            for (i, b) in block.iter_mut().enumerate() {
                *b = ((i * step + at) % 256) as u8;
            }
            for value in 0..=255u8 {
                block[at] = value;
                f(&block, value, at);
            }
        }
    }

    #[test]
    fn word_bits_of_every_byte_value() {
        every_byte_at_every_position(4, |block, value, at| {
            let bits = |is: fn(&u8) -> bool| -> u64 {
                block.iter().enumerate().map(|(i, c)| u64::from(is(c)) << i).sum()
            };
            let want = (bits(u8::is_ascii_alphanumeric), bits(|c| !c.is_ascii()), bits(|&c| c == b'$'));
            assert_eq!(word_bits_64(block), want, "byte {value:#x} at {at}");
            assert_eq!(word_bits_64_swar(block), want, "byte {value:#x} at {at}");
        });
    }

    #[test]
    fn topic_bits_of_every_byte_value() {
        every_byte_at_every_position(3, |block, value, at| {
            assert_eq!(topic_bits_64(block), topic_bits_64_bytes(block), "byte {value:#x} at {at}");
        });
        let mut block = [b' '; 64];
        block[..8].copy_from_slice(b"aZ'-0@\xe9`");
        assert_eq!(topic_bits_64_bytes(&block), (0b0000_0011, 0b0000_1111));
        // The last group is padded with zeros.
        let text = b"x".repeat(70);
        assert_eq!(topic_bits(&text, 1), (0b11_1111, 0b11_1111));
        assert_eq!(topic_bits(&text, 0), (u64::MAX, u64::MAX));
    }

    #[test]
    fn next_bit_finds_set_and_clear_bits() {
        let text = "ab  cd".repeat(30);
        let (mut bits, mut high, mut dollars) = (Vec::new(), Vec::new(), Vec::new());
        word_bitmaps(text.as_bytes(), &mut bits, &mut high, &mut dollars);
        let n = text.len();
        for from in 0..=n {
            let set = (from..n).find(|&i| text.as_bytes()[i] != b' ').unwrap_or(n);
            let clear = (from..n).find(|&i| text.as_bytes()[i] == b' ').unwrap_or(n);
            assert_eq!(next_bit(&bits, from, true, n), set, "set from {from}");
            assert_eq!(next_bit(&bits, from, false, n), clear, "clear from {from}");
        }
    }

    #[test]
    fn stop_bits_of_every_byte_value() {
        every_byte_at_every_position(5, |block, value, at| {
            assert_eq!(stop_bits_64(block), stop_bits_64_bytes(block), "byte {value:#x} at {at}");
        });
        // The byte version itself, on a few bytes.
        let mut block = [b' '; 64];
        block[..8].copy_from_slice(b"a.b)c!?\xe2");
        assert_eq!(stop_bits_64_bytes(&block), (0b1110_0010, 0b0000_1010, false));
    }

    #[test]
    fn stop_bitmaps_and_set_bits() {
        let text = "One. Two) three! 4.5? \u{2026} end".repeat(7);
        let (mut stops, mut marks) = (Vec::new(), Vec::new());
        assert!(stop_bitmaps("All ASCII. Yes! ".repeat(9).as_bytes(), &mut stops, &mut marks));
        assert!(!stop_bitmaps(text.as_bytes(), &mut stops, &mut marks));
        let want: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| b".!?\xe2\xe3\xef".contains(b))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(set_bits(&stops).collect::<Vec<_>>(), want);
        let want: Vec<usize> =
            text.bytes().enumerate().filter(|(_, b)| b".)".contains(b)).map(|(i, _)| i).collect();
        assert_eq!(set_bits(&marks).collect::<Vec<_>>(), want);
    }
}
