//! The word screen in front of the automaton: most units hold no lexicon
//! term, and a hash of each word (and word pair) against a Bloom-style
//! bit set and a key table rejects them without running the automaton.
//! The figures that justify it are in the module docs of [`super`].

use crate::text::bitmap::{next_bit, word_bitmaps};
use crate::text::normalize::is_word_char;

/// ASCII letters and digits: the ASCII word characters.
pub(super) const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Whether the character at `i` is a word character, and its length.
#[inline(always)]
pub(super) fn class_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (ASCII_WORD[b as usize], 1)
    } else {
        let c = text[i..].chars().next().expect("on a char boundary");
        (is_word_char(c), c.len_utf8())
    }
}

/// A filter on the first three bytes of a word: a bit per triple of byte
/// classes (ASCII letter or digit, case folded; white space; other) that
/// some pattern can start with. A word whose first three bytes are ASCII
/// and form no such triple cannot start a match, so its automaton run is
/// skipped. Anything else (non-ASCII, near the end) is never filtered.
#[derive(Debug, Clone)]
pub(super) struct Prefix3 {
    bits: Vec<u64>,
}

pub(super) const KEYS: usize = 38;

impl Prefix3 {
    /// The class of an ASCII byte: letters and digits (case folded), white
    /// space, other.
    #[inline]
    pub(super) fn key(b: u8) -> usize {
        match b {
            b'a'..=b'z' => (b - b'a') as usize,
            b'A'..=b'Z' => (b - b'A') as usize,
            b'0'..=b'9' => 26 + (b - b'0') as usize,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 36,
            _ => 37,
        }
    }

    pub(super) fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> Prefix3 {
        let mut p = Prefix3 { bits: vec![0; (KEYS * KEYS * KEYS).div_ceil(64)] };
        for pat in patterns {
            let b = pat.as_bytes();
            if b.iter().take(3).any(|&c| c >= 0x80) {
                continue; // such a start is never filtered
            }
            // Positions past a short pattern's end may hold anything.
            let choices = |k: usize| -> Vec<usize> {
                b.get(k).map_or_else(|| (0..KEYS).collect(), |&c| vec![Prefix3::key(c)])
            };
            for a in choices(0) {
                for m in choices(1) {
                    for z in choices(2) {
                        let i = (a * KEYS + m) * KEYS + z;
                        p.bits[i / 64] |= 1 << (i % 64);
                    }
                }
            }
        }
        p
    }

    /// False only when no pattern can start at `i`.
    #[inline]
    pub(super) fn may_match(&self, bytes: &[u8], i: usize) -> bool {
        let Some(t) = bytes.get(i..i + 3) else { return true };
        if t[0] >= 0x80 || t[1] >= 0x80 || t[2] >= 0x80 {
            return true;
        }
        let k = (Prefix3::key(t[0]) * KEYS + Prefix3::key(t[1])) * KEYS + Prefix3::key(t[2]);
        self.bits[k / 64] & (1 << (k % 64)) != 0
    }
}

/// A hash of the ASCII word `bytes[start..end]`, ignoring ASCII case. Reads
/// whole eight-byte groups from `bytes`, past `end` where there is room.
/// A word of up to eight bytes hashes to its bytes times an odd number, so
/// no two such words share a hash. Also the film-topic score's word hash
/// ([`crate::tag::topic`]; its `'` and `-` have bit 0x20 set already).
#[inline]
pub(crate) fn word_hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    let group = |i: usize| -> u64 {
        let n = (end - i).min(8);
        let v = match bytes.get(i..i + 8) {
            Some(g) => u64::from_le_bytes(g.try_into().expect("eight bytes")),
            None => {
                let mut buf = [0u8; 8];
                buf[..bytes.len() - i].copy_from_slice(&bytes[i..]);
                u64::from_le_bytes(buf)
            }
        };
        fold_group(v, n)
    };
    // Most words fit one group, which says the word (and its length) alone.
    let mut h = group(start).wrapping_mul(HASH_K);
    let mut i = start + 8;
    while i < end {
        h = (h.rotate_left(26) ^ group(i)).wrapping_mul(HASH_K);
        i += 8;
    }
    h
}

/// [`word_hash`], with one load for a word of up to eight bytes that has
/// eight bytes of `bytes` from its start (most words of a text): the
/// matcher's word loop and the film-topic score's.
#[inline(always)]
pub(crate) fn word_hash_inline(bytes: &[u8], start: usize, end: usize) -> u64 {
    if end - start <= 8 {
        if let Some(g) = bytes.get(start..start + 8) {
            let g: [u8; 8] = g.try_into().expect("eight bytes");
            return fold_group(u64::from_le_bytes(g), end - start).wrapping_mul(HASH_K);
        }
    }
    word_hash(bytes, start, end)
}

/// The multiplier of [`word_hash`].
pub(super) const HASH_K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Eight bytes `v` (little-endian) of which the first `n` (1 to 8) belong
/// to a word, as [`word_hash`] reads them: setting 0x20 lower-cases letters
/// and leaves digits as they are; bytes past the word become zeros (no
/// letter or digit is zero).
#[inline(always)]
pub(super) fn fold_group(v: u64, n: usize) -> u64 {
    (v | 0x2020_2020_2020_2020) & (u64::MAX >> (64 - 8 * n))
}

/// A set of hashes with false positives (a Bloom filter of 2^16 bits
/// probed twice, about 0.05% false positives for a thousand hashes).
#[derive(Debug, Clone)]
pub(super) struct HashBits(Box<[u64; HashBits::WORDS]>);

impl HashBits {
    const BITS: u32 = 16;
    const WORDS: usize = (1 << Self::BITS) / 64;

    pub(super) fn new() -> HashBits {
        HashBits(Box::new([0; HashBits::WORDS]))
    }

    /// Two bit positions below 2^16, so indexing needs no bounds check.
    #[inline(always)]
    pub(super) fn probes(h: u64) -> [usize; 2] {
        [(h >> (64 - Self::BITS)) as usize, ((h >> 20) & ((1 << Self::BITS) - 1)) as usize]
    }

    pub(super) fn insert(&mut self, h: u64) {
        for i in HashBits::probes(h) {
            self.0[i / 64] |= 1 << (i % 64);
        }
    }

    #[inline(always)]
    pub(super) fn contains(&self, h: u64) -> bool {
        let [a, b] = HashBits::probes(h);
        self.0[a / 64] & (1 << (a % 64)) != 0 && self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

/// Candidate patterns by key, in an open-addressing table: the exact lists
/// behind [`WordScreen`]'s filters. A key's slot, its patterns and their
/// lower-case bytes each lie in one run of memory, so a lookup touches few
/// cache lines.
#[derive(Debug, Clone)]
pub(super) struct KeyTable {
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    /// The patterns' lower-case bytes, in entry order.
    bytes: Vec<u8>,
    mask: usize,
}

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Slot {
    key: u64,
    /// Start and length in `entries`; length 0 marks an empty slot.
    start: u32,
    len: u32,
    /// How many leading bytes all the slot's patterns share.
    shared: u32,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    pattern: u32,
    /// Start and length in `bytes`.
    at: u32,
    len: u32,
    /// The pattern's byte right after the shared bytes (0 when it has none).
    probe: u8,
}

impl KeyTable {
    /// The table of `lists` (patterns by key), with `lower[p]` the bytes of
    /// pattern `p` in ASCII lower case.
    pub(super) fn new(lists: &std::collections::BTreeMap<u64, Vec<u32>>, lower: &[Box<[u8]>]) -> KeyTable {
        let size = (2 * lists.len()).next_power_of_two().max(16);
        let mut t = KeyTable {
            slots: vec![Slot::default(); size],
            entries: Vec::new(),
            bytes: Vec::new(),
            mask: size - 1,
        };
        for (&key, ids) in lists {
            let mut i = KeyTable::slot(key, t.mask);
            while t.slots[i].len != 0 {
                i = (i + 1) & t.mask;
            }
            let first: &[u8] = ids.first().map_or(&[], |&p| &lower[p as usize]);
            let shared = ids.iter().fold(first.len(), |n, &p| {
                first[..n].iter().zip(lower[p as usize].iter()).take_while(|(a, b)| a == b).count()
            });
            t.slots[i] =
                Slot { key, start: t.entries.len() as u32, len: ids.len() as u32, shared: shared as u32 };
            for &p in ids {
                let b = &lower[p as usize];
                let probe = b.get(shared).copied().unwrap_or(0);
                t.entries.push(Entry { pattern: p, at: t.bytes.len() as u32, len: b.len() as u32, probe });
                t.bytes.extend_from_slice(b);
            }
        }
        t
    }

    /// Calls `found(pattern, start, end)` for every pattern under `key`
    /// that matches ASCII `text` at `start` ([`match_ascii_at`]), in list
    /// order. The bytes all the key's patterns share are compared once;
    /// then only the patterns whose next byte is the text's next byte are
    /// compared on. Lists of many patterns with one beginning ("director
    /// of" heads 67, "film was" 45) made comparing each pattern from its
    /// start 8% of the instructions of a `scan -j1 --people` of
    /// `c100-large` (callgrind, 3577229's lexicons: 542 M in
    /// [`WordScreen::check`]); with this, 332 M (6,779 M → 6,591 M in all;
    /// every output file identical, and on `c100`). In time, alternating
    /// rounds of `scan --people` against the same build without it:
    /// `c100-large` wall 1.000, CPU 1.014 (21 rounds, paired medians);
    /// `c100` wall 1.029, CPU 1.024 (9 rounds).
    #[inline]
    pub(super) fn check_at(
        &self,
        text: &[u8],
        key: u64,
        start: usize,
        found: &mut impl FnMut(u32, usize, usize),
    ) {
        let mut i = KeyTable::slot(key, self.mask);
        let slot = loop {
            let slot = self.slots[i];
            if slot.len == 0 {
                return;
            }
            if slot.key == key {
                break slot;
            }
            i = (i + 1) & self.mask;
        };
        let entries = &self.entries[slot.start as usize..(slot.start + slot.len) as usize];
        let shared = slot.shared as usize;
        let head = &self.bytes[entries[0].at as usize..][..shared];
        let Some(mid) = match_ascii_at(text, start, head) else { return };
        let next = text.get(mid).map(u8::to_ascii_lowercase);
        for e in entries {
            let end = if e.len as usize == shared {
                Some(mid)
            } else {
                // A space in a pattern stands for a run of white space.
                let first_ok = match (e.probe, next) {
                    (b' ', Some(t)) => is_ascii_space(t),
                    (p, Some(t)) => p == t,
                    (_, None) => false,
                };
                if !first_ok {
                    continue;
                }
                let rest = &self.bytes[e.at as usize + shared..(e.at + e.len) as usize];
                match_ascii_at(text, mid, rest)
            };
            if let Some(end) = end {
                found(e.pattern, start, end);
            }
        }
    }

    #[inline]
    pub(super) fn slot(key: u64, mask: usize) -> usize {
        (key >> 40) as usize & mask
    }

    /// The patterns under `key`, with their lower-case bytes (tests
    /// compare [`KeyTable::check_at`] with matching each of them).
    #[cfg(test)]
    pub(super) fn get(&self, key: u64) -> impl Iterator<Item = (u32, &[u8])> {
        let mut i = KeyTable::slot(key, self.mask);
        let found = loop {
            let slot = self.slots[i];
            if slot.len == 0 {
                break &[][..];
            }
            if slot.key == key {
                break &self.entries[slot.start as usize..(slot.start + slot.len) as usize];
            }
            i = (i + 1) & self.mask;
        };
        found.iter().map(|e| (e.pattern, &self.bytes[e.at as usize..(e.at + e.len) as usize]))
    }
}

/// Which patterns can match at a word of ASCII text, found from the word
/// and the word before or after it. In ASCII text a pattern can only match
/// where the text's first letter-and-digit run equals the pattern's first
/// run and the text's second run its second (ignoring case; a wildcard run
/// is a prefix). Each word is hashed once and looked up as a first run and,
/// with the word before it, as a pair; Bloom filters turn almost every
/// lookup away at once, and the patterns under a key that passes are
/// compared byte by byte ([`match_ascii_at`]). Patterns with non-ASCII
/// bytes cannot match ASCII text and take no part.
#[derive(Debug, Clone)]
pub(super) struct WordScreen {
    /// First runs that may match on their own (one-run patterns, and
    /// patterns whose second run is a wildcard).
    singles: HashBits,
    /// Pairs of exact first and second runs.
    pairs: HashBits,
    /// One-run wildcard patterns: their runs, which a word starts with.
    prefixes: HashBits,
    /// The lengths of those runs.
    prefix_lens: Vec<usize>,
    /// The patterns under each key (prefix keys salted with [`PREFIX_KEY`]).
    table: KeyTable,
}

/// Told apart from whole-word keys in [`WordScreen::table`].
pub(super) const PREFIX_KEY: u64 = 0x5bd1_e995_5bd1_e995;

/// The ASCII letter-and-digit runs of `pattern`, as (start, end).
pub(super) fn runs(pattern: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pattern.len() {
        if pattern[i].is_ascii_alphanumeric() {
            let s = i;
            while i < pattern.len() && pattern[i].is_ascii_alphanumeric() {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

#[inline]
pub(super) fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(31) ^ second).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// White space as [`match_ascii_at`] folds it: ASCII white space and VT.
#[inline(always)]
fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

/// Where a pattern (ASCII, lower case, normalised) that matches ASCII `text`
/// at `start` ends, or `None`: letters compare without case, and a space in
/// the pattern stands for a run of white space, as in [`fold_next`].
#[inline]
pub(super) fn match_ascii_at(text: &[u8], start: usize, pattern: &[u8]) -> Option<usize> {
    let is_space = is_ascii_space;
    let mut i = start;
    for &p in pattern {
        let &t = text.get(i)?;
        if p == b' ' {
            if !is_space(t) {
                return None;
            }
            i += 1;
            while text.get(i).is_some_and(|&t| is_space(t)) {
                i += 1;
            }
        } else {
            if t.to_ascii_lowercase() != p {
                return None;
            }
            i += 1;
        }
    }
    Some(i)
}

impl WordScreen {
    pub(super) fn new<'a>(patterns: impl Iterator<Item = (&'a str, bool)>) -> WordScreen {
        let mut s = WordScreen {
            singles: HashBits::new(),
            pairs: HashBits::new(),
            prefixes: HashBits::new(),
            prefix_lens: Vec::new(),
            table: KeyTable::new(&Default::default(), &[]),
        };
        let mut lists: std::collections::BTreeMap<u64, Vec<u32>> = Default::default();
        // Per pattern: its bytes in ASCII lower case (empty when not ASCII).
        let mut lower: Vec<Box<[u8]>> = Vec::new();
        for (pid, (pattern, wildcard)) in patterns.enumerate() {
            let b = pattern.as_bytes();
            if !b.is_ascii() {
                lower.push(Box::new([]));
                continue;
            }
            lower.push(b.to_ascii_lowercase().into_boxed_slice());
            let r = runs(b);
            let Some(&(s0, e0)) = r.first() else { continue };
            // The wildcard (if any) is the pattern's last run, at its end.
            let last_is_wild = |k: usize| wildcard && k + 1 == r.len() && r[k].1 == b.len();
            let first = word_hash(b, s0, e0);
            let key = if r.len() == 1 && last_is_wild(0) {
                s.prefixes.insert(first);
                s.prefix_lens.push(e0 - s0);
                first ^ PREFIX_KEY
            } else if r.len() == 1 || last_is_wild(1) {
                s.singles.insert(first);
                first
            } else {
                let pair = pair_hash(first, word_hash(b, r[1].0, r[1].1));
                s.pairs.insert(pair);
                pair
            };
            lists.entry(key).or_default().push(pid as u32);
        }
        s.prefix_lens.sort_unstable();
        s.prefix_lens.dedup();
        s.table = KeyTable::new(&lists, &lower);
        s
    }

    /// Calls `found(pattern, start, end)` for every pattern under `key`
    /// that matches `bytes` at `start`. Out of line: the screen's loop stays
    /// small, and keys pass it rarely.
    #[inline(never)]
    pub(super) fn check(
        &self,
        bytes: &[u8],
        key: u64,
        start: usize,
        found: &mut impl FnMut(u32, usize, usize),
    ) {
        self.table.check_at(bytes, key, start, found);
    }

    /// Calls `found(pattern, start, end)` for every pattern that matches
    /// the ASCII text `bytes[from..]` at one of its words. `bits` is the
    /// [`word_bitmaps`] of a text that starts with `bytes` (bits past
    /// `bytes` are ignored; `from` is taken as a word boundary). Each word is
    /// hashed once; a word is checked as a first run on its own and, with
    /// the word before it, as a pair.
    pub(super) fn find_in(
        &self,
        text: &[u8],
        to: usize,
        bits: &[u64],
        from: usize,
        mut found: impl FnMut(u32, usize, usize),
    ) {
        if from >= to {
            return;
        }
        let bytes = &text[..to];
        let (first_k, last_k) = (from / 64, (to - 1) / 64);
        let bits = &bits[..=last_k];
        // Before the first word, a stand-in: a pair key made with it can
        // only pass the filter by chance, and then finds no patterns.
        let (mut prev_start, mut prev_hash) = (from, 0);
        let mut carry = 0;
        for k in first_k..=last_k {
            let mut w = bits[k];
            if k == first_k {
                w &= u64::MAX << (from % 64);
            }
            if k == last_k && to % 64 != 0 {
                w &= u64::MAX >> (64 - to % 64);
            }
            let mut starts = w & !((w << 1) | carry);
            carry = w >> 63;
            while starts != 0 {
                let s = starts.trailing_zeros();
                starts &= starts - 1;
                let start = k * 64 + s as usize;
                // The word's bits run from `s`; past this chunk, read on.
                let run = (!(w >> s)).trailing_zeros();
                let end = if s + run < 64 {
                    start + run as usize
                } else {
                    next_bit(bits, (k + 1) * 64, false, to).min(to)
                };
                // (`text` goes on past `to`: more short words get their
                // one load; the mask drops what follows the word.)
                let h = word_hash_inline(text, start, end);
                let pair = pair_hash(prev_hash, h);
                if self.pairs.contains(pair) {
                    self.check(bytes, pair, prev_start, &mut found);
                }
                if self.singles.contains(h) {
                    self.check(bytes, h, start, &mut found);
                }
                if !self.prefix_lens.is_empty() {
                    self.find_prefixes(bytes, start, end, &mut found);
                }
                (prev_start, prev_hash) = (start, h);
            }
        }
    }

    /// The one-run wildcard patterns that the word `bytes[start..end]`
    /// starts with.
    #[inline(never)]
    pub(super) fn find_prefixes(
        &self,
        bytes: &[u8],
        start: usize,
        end: usize,
        found: &mut impl FnMut(u32, usize, usize),
    ) {
        for &n in self.prefix_lens.iter().take_while(|&&n| n <= end - start) {
            let p = word_hash(bytes, start, start + n);
            if self.prefixes.contains(p) {
                self.check(bytes, p ^ PREFIX_KEY, start, found);
            }
        }
    }
}

/// Which bytes of a text are ASCII letters and digits, and which are not
/// ASCII, worked out once for a text that holds many units (see
/// [`super::Matcher::find_in_unit`]).
#[derive(Debug, Default, Clone)]
pub struct WordBits {
    pub(super) bits: Vec<u64>,
    pub(super) high: Vec<u64>,
    /// The text's `$` signs: an ASCII unit without one holds no amount.
    pub(super) dollars: Vec<u64>,
    pub(super) len: usize,
}

impl WordBits {
    /// Works out the bits of `text`, replacing what was there.
    pub fn compute(&mut self, text: &str) {
        word_bitmaps(text.as_bytes(), &mut self.bits, &mut self.high, &mut self.dollars);
        self.len = text.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns under two keys: one list with a long shared beginning, one
    /// where a pattern is the shared beginning itself, one of a single pattern.
    fn table() -> (KeyTable, Vec<u64>) {
        let patterns = [
            "director of photography",
            "director of the board",
            "director of",
            "director of  x",
            "director of-photography",
            "film was shot in",
            "film was shot at",
            "film was shot in black and white",
            "film was",
            "shot",
        ];
        let lower: Vec<Box<[u8]>> = patterns.iter().map(|p| p.as_bytes().into()).collect();
        let mut lists = std::collections::BTreeMap::new();
        lists.insert(7u64, (0..5).collect::<Vec<u32>>());
        lists.insert(9u64 << 40, (5..9).collect());
        lists.insert(11u64, vec![9]);
        (KeyTable::new(&lists, &lower), vec![7, 9 << 40, 11, 13])
    }

    proptest::proptest! {
        /// Comparing the shared beginning once, then the rest of the
        /// patterns whose next byte fits, finds what comparing every
        /// pattern from its start finds, in the same order.
        #[test]
        fn check_at_finds_what_each_pattern_finds(
            text in "((DIRECTOR|director|film|Film) ?(of|was)?|shot|in|at|black|and|white|the|board|photography|x|-| |  |\t|\n){0,10}"
        ) {
            let (t, keys) = table();
            let b = text.as_bytes();
            for &key in &keys {
                for start in 0..=b.len() {
                    let mut got = Vec::new();
                    t.check_at(b, key, start, &mut |p, s, e| got.push((p, s, e)));
                    let want: Vec<(u32, usize, usize)> = t
                        .get(key)
                        .filter_map(|(p, pat)| match_ascii_at(b, start, pat).map(|e| (p, start, e)))
                        .collect();
                    proptest::prop_assert_eq!(got, want, "key {} at {}", key, start);
                }
            }
        }
    }
}
