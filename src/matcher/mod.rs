//! Finding lexicon terms in text: one multi-pattern pass, whole words,
//! leftmost-longest across every role's terms.
//!
//! The [`Matcher`] compiles all terms (and context cues) of a [`Lexicon`]
//! into a screen keyed by their first words and into one Aho-Corasick
//! automaton, both ASCII case-insensitive, and finds them in the
//! [normalised](crate::text::normalize) text. Every raw hit is checked for word boundaries (a wildcard term's last
//! word is extended to the end of the word instead); the surviving candidates
//! are then chosen leftmost-longest, so "director of photography" (exclude)
//! wins over "director". Spans are byte offsets into the text passed in.
//!
//! A match must start at a word start, so no pass looks at every byte
//! position. In ASCII text (most units of most corpora) the words come from
//! a bitmap of letters and digits ([`WordBits`], built once per block,
//! sixteen bytes at a time with SSE2 or eight in a `u64`; a second bitmap
//! of the non-ASCII bytes says which units are ASCII); each word is hashed
//! once and looked up as a first word and, with the word before it, as a
//! first pair of words, and the few patterns under a key that passes Bloom
//! filters are compared byte by byte (no automaton run). A unit whose only
//! non-ASCII characters are not word characters takes the same path on its
//! normalised copy. Other units run
//! the automaton anchored at each word start (through aho-corasick's
//! `Automaton` API). A lexicon with a pattern that starts with punctuation
//! falls back to a full unanchored scan, which is also the reference the
//! property tests hold the other paths to.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::lexicon::{Lexicon, TermId};
use crate::text::bitmap::{next_bit, none_set, word_bitmaps};
use crate::text::normalize::{Normalized, fold_next, is_word_char, normalize_into};
use crate::text::span::Span;

/// ASCII letters and digits: the ASCII word characters.
const ASCII_WORD: [bool; 128] = {
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
fn class_at(text: &str, i: usize) -> (bool, usize) {
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
struct Prefix3 {
    bits: Vec<u64>,
}

const KEYS: usize = 38;

impl Prefix3 {
    /// The class of an ASCII byte: letters and digits (case folded), white
    /// space, other.
    #[inline]
    fn key(b: u8) -> usize {
        match b {
            b'a'..=b'z' => (b - b'a') as usize,
            b'A'..=b'Z' => (b - b'A') as usize,
            b'0'..=b'9' => 26 + (b - b'0') as usize,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 36,
            _ => 37,
        }
    }

    fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> Prefix3 {
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
    fn may_match(&self, bytes: &[u8], i: usize) -> bool {
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
#[inline]
fn word_hash(bytes: &[u8], start: usize, end: usize) -> u64 {
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

/// The multiplier of [`word_hash`].
const HASH_K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Eight bytes `v` (little-endian) of which the first `n` (1 to 8) belong
/// to a word, as [`word_hash`] reads them: setting 0x20 lower-cases letters
/// and leaves digits as they are; bytes past the word become zeros (no
/// letter or digit is zero).
#[inline(always)]
fn fold_group(v: u64, n: usize) -> u64 {
    (v | 0x2020_2020_2020_2020) & (u64::MAX >> (64 - 8 * n))
}

/// A set of hashes with false positives (a Bloom filter of 2^16 bits
/// probed twice, about 0.05% false positives for a thousand hashes).
#[derive(Debug, Clone)]
struct HashBits(Box<[u64; HashBits::WORDS]>);

impl HashBits {
    const BITS: u32 = 16;
    const WORDS: usize = (1 << Self::BITS) / 64;

    fn new() -> HashBits {
        HashBits(Box::new([0; HashBits::WORDS]))
    }

    /// Two bit positions below 2^16, so indexing needs no bounds check.
    #[inline(always)]
    fn probes(h: u64) -> [usize; 2] {
        [(h >> (64 - Self::BITS)) as usize, ((h >> 20) & ((1 << Self::BITS) - 1)) as usize]
    }

    fn insert(&mut self, h: u64) {
        for i in HashBits::probes(h) {
            self.0[i / 64] |= 1 << (i % 64);
        }
    }

    #[inline(always)]
    fn contains(&self, h: u64) -> bool {
        let [a, b] = HashBits::probes(h);
        self.0[a / 64] & (1 << (a % 64)) != 0 && self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

/// Candidate patterns by key, in an open-addressing table: the exact lists
/// behind [`WordScreen`]'s filters. A key's slot, its patterns and their
/// lower-case bytes each lie in one run of memory, so a lookup touches few
/// cache lines.
#[derive(Debug, Clone)]
struct KeyTable {
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    /// The patterns' lower-case bytes, in entry order.
    bytes: Vec<u8>,
    mask: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u64,
    /// Start and length in `entries`; length 0 marks an empty slot.
    start: u32,
    len: u32,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    pattern: u32,
    /// Start and length in `bytes`.
    at: u32,
    len: u32,
}

impl KeyTable {
    /// The table of `lists` (patterns by key), with `lower[p]` the bytes of
    /// pattern `p` in ASCII lower case.
    fn new(lists: &std::collections::BTreeMap<u64, Vec<u32>>, lower: &[Box<[u8]>]) -> KeyTable {
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
            t.slots[i] = Slot { key, start: t.entries.len() as u32, len: ids.len() as u32 };
            for &p in ids {
                let b = &lower[p as usize];
                t.entries.push(Entry { pattern: p, at: t.bytes.len() as u32, len: b.len() as u32 });
                t.bytes.extend_from_slice(b);
            }
        }
        t
    }

    #[inline]
    fn slot(key: u64, mask: usize) -> usize {
        (key >> 40) as usize & mask
    }

    /// The patterns under `key`, with their lower-case bytes.
    #[inline]
    fn get(&self, key: u64) -> impl Iterator<Item = (u32, &[u8])> {
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
struct WordScreen {
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
const PREFIX_KEY: u64 = 0x5bd1_e995_5bd1_e995;

/// The ASCII letter-and-digit runs of `pattern`, as (start, end).
fn runs(pattern: &[u8]) -> Vec<(usize, usize)> {
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
fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(31) ^ second).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// Where a pattern (ASCII, lower case, normalised) that matches ASCII `text`
/// at `start` ends, or `None`: letters compare without case, and a space in
/// the pattern stands for a run of white space, as in [`fold_next`].
#[inline]
fn match_ascii_at(text: &[u8], start: usize, pattern: &[u8]) -> Option<usize> {
    let is_space = |b: u8| b.is_ascii_whitespace() || b == 0x0b;
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
    fn new<'a>(patterns: impl Iterator<Item = (&'a str, bool)>) -> WordScreen {
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
    fn check(&self, bytes: &[u8], key: u64, start: usize, found: &mut impl FnMut(u32, usize, usize)) {
        for (pid, pattern) in self.table.get(key) {
            if let Some(e) = match_ascii_at(bytes, start, pattern) {
                found(pid, start, e);
            }
        }
    }

    /// Calls `found(pattern, start, end)` for every pattern that matches
    /// the ASCII text `bytes[from..]` at one of its words. `bits` is the
    /// [`word_bitmaps`] of a text that starts with `bytes` (bits past
    /// `bytes` are ignored; `from` is taken as a word boundary). Each word is
    /// hashed once; a word is checked as a first run on its own and, with
    /// the word before it, as a pair.
    fn find_in(
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
        // Words starting before this have eight bytes to load.
        let last_load = text.len().saturating_sub(7);
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
                // As `word_hash`, with one load for short words (`text` goes
                // on past `to`; the mask drops what follows the word).
                let h = if start < last_load && end - start <= 8 {
                    let g: [u8; 8] = text[start..start + 8].try_into().expect("eight bytes");
                    fold_group(u64::from_le_bytes(g), end - start).wrapping_mul(HASH_K)
                } else {
                    word_hash(bytes, start, end)
                };
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
    fn find_prefixes(
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
/// [`Matcher::find_in_unit`]).
#[derive(Debug, Default, Clone)]
pub struct WordBits {
    bits: Vec<u64>,
    high: Vec<u64>,
    len: usize,
}

impl WordBits {
    /// Works out the bits of `text`, replacing what was there.
    pub fn compute(&mut self, text: &str) {
        word_bitmaps(text.as_bytes(), &mut self.bits, &mut self.high);
        self.len = text.len();
    }
}

/// One term found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The lexicon term.
    pub term: TermId,
    /// Where it is, in bytes of the searched text.
    pub span: Span,
}

/// One context cue found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    /// Index into [`Lexicon::cues`].
    pub cue: u32,
    /// Where it is, in bytes of the searched text.
    pub span: Span,
}

/// Compiled search for all terms (and context cues) of a lexicon.
#[derive(Debug, Clone)]
pub struct Matcher {
    nfa: NFA,
    /// True when every pattern starts with a word character, so anchored
    /// runs from word starts find every candidate.
    word_starts: bool,
    /// True when no pattern has a non-ASCII character that is not a word
    /// character: then text whose only non-ASCII characters are not word
    /// characters can take the ASCII path once normalised.
    ascii_words_suffice: bool,
    n_terms: usize,
    /// Per cue: true when it belongs to the screen set.
    screen_cue: Vec<bool>,
    /// Which three-byte ASCII starts some pattern can begin with.
    starts: Prefix3,
    /// Which words of ASCII text some pattern can begin with.
    screen: WordScreen,
    /// Per automaton pattern: its term and how to check its ends.
    patterns: Vec<PatternInfo>,
}

#[derive(Debug, Clone, Copy)]
struct PatternInfo {
    /// A term id, or for a cue `n_terms + cue index`.
    term: TermId,
    wildcard: bool,
    check_start: bool,
    check_end: bool,
}

/// Reusable buffers for [`Matcher::find`], one per thread.
#[derive(Debug, Default)]
pub struct Scratch {
    norm: Normalized,
    raw: Vec<(u32, usize, usize)>,
    /// The bits of the normalised copy, for units that take the ASCII path on it.
    norm_words: WordBits,
    words: WordBits,
    candidates: Vec<Candidate>,
    cues: Vec<Candidate>,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    wildcard: bool,
    term: TermId,
}

impl Matcher {
    /// Compiles the terms of `lexicon`.
    ///
    /// ```
    /// use rolecall::{Lexicon, Matcher, matcher::Scratch};
    /// let lex = Lexicon::builtin();
    /// let m = Matcher::new(&lex);
    /// let mut found = Vec::new();
    /// m.find("The director of photography lit it.", &mut Scratch::default(), &mut found);
    /// assert_eq!(found.len(), 1);
    /// assert_eq!(lex.term(found[0].term).text, "director of photography");
    /// ```
    pub fn new(lexicon: &Lexicon) -> Matcher {
        Matcher::build(lexicon, false)
    }

    /// A matcher that always scans every byte of a normalised copy (the path
    /// taken for patterns that start with punctuation); for testing that
    /// both paths agree.
    #[doc(hidden)]
    pub fn new_full_scan(lexicon: &Lexicon) -> Matcher {
        Matcher::build(lexicon, true)
    }

    fn build(lexicon: &Lexicon, full_scan: bool) -> Matcher {
        let mut pats = Vec::with_capacity(lexicon.terms().len());
        let mut patterns = Vec::with_capacity(lexicon.terms().len());
        let all = lexicon
            .terms()
            .iter()
            .map(|t| (t.pattern.as_str(), t.wildcard))
            .chain(lexicon.cues().iter().map(|c| (c.pattern.as_str(), c.wildcard)));
        for (i, (pattern, wildcard)) in all.enumerate() {
            pats.push(pattern);
            patterns.push(PatternInfo {
                term: TermId(i as u32),
                wildcard,
                check_start: pattern.chars().next().is_some_and(is_word_char),
                check_end: !wildcard && pattern.chars().next_back().is_some_and(is_word_char),
            });
        }
        let word_starts = !full_scan && patterns.iter().all(|p| p.check_start);
        // A compact NFA: quick to build, and runs are rare (non-ASCII words).
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&pats)
            .expect("lexicon patterns are few and short enough to compile");
        let screen = lexicon.set_id(crate::lexicon::SCREEN_SET);
        let screen_cue = lexicon.cues().iter().map(|c| Some(c.set) == screen).collect();
        let starts = Prefix3::new(pats.iter().copied());
        let screen = WordScreen::new(pats.iter().copied().zip(patterns.iter().map(|p| p.wildcard)));
        let ascii_words_suffice =
            pats.iter().flat_map(|p| p.chars()).all(|c| c.is_ascii() || is_word_char(c));
        Matcher {
            nfa,
            word_starts,
            ascii_words_suffice,
            n_terms: lexicon.terms().len(),
            screen_cue,
            starts,
            screen,
            patterns,
        }
    }

    /// Every pattern occurrence that starts at a word start of `text`, as
    /// `(pattern, start, end)` in offsets of `text`. The automaton reads
    /// the text's normalised form, produced on the fly by [`fold_next`].
    fn anchored_hits(&self, text: &str, raw: &mut Vec<(u32, usize, usize)>) {
        let bytes = text.as_bytes();
        let start = self.nfa.start_state(Anchored::Yes).expect("anchored searches are supported");
        let mut i = 0;
        while i < bytes.len() {
            // Skip ASCII non-word bytes in a tight loop.
            if bytes[i] < 0x80 && !ASCII_WORD[bytes[i] as usize] {
                i += 1;
                continue;
            }
            let (word, len) = class_at(text, i);
            if !word {
                i += len;
                continue;
            }
            if self.starts.may_match(bytes, i) {
                self.walk(text, i, start, raw);
            }
            // Skip the rest of the word.
            i += len;
            while i < bytes.len() {
                if bytes[i] < 0x80 {
                    if !ASCII_WORD[bytes[i] as usize] {
                        break;
                    }
                    i += 1;
                    continue;
                }
                let (word, len) = class_at(text, i);
                if !word {
                    break;
                }
                i += len;
            }
        }
    }

    /// Runs the anchored automaton from `from` until it dies.
    fn walk(&self, text: &str, from: usize, start: StateID, raw: &mut Vec<(u32, usize, usize)>) {
        let mut sid = start;
        let mut p = from;
        let mut fed = 0;
        while let Some((unit, n, next)) = fold_next(text, p) {
            for &byte in &unit[..n] {
                sid = self.nfa.next_state(Anchored::Yes, sid, byte);
                if self.nfa.is_dead(sid) {
                    return;
                }
            }
            fed += n;
            p = next;
            if self.nfa.is_match(sid) {
                for k in 0..self.nfa.match_len(sid) {
                    let pid = self.nfa.match_pattern(sid, k);
                    // Keep patterns anchored here, not suffixes that end here.
                    if self.nfa.pattern_len(pid) == fed {
                        raw.push((pid.as_u32(), from, p));
                    }
                }
            }
        }
    }

    /// Appends to `out` the matches in `text`, in order, non-overlapping,
    /// with spans into `text`.
    pub fn find(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<Match>) {
        let mut cues = Vec::new();
        self.find_with_cues(text, scratch, out, &mut cues);
    }

    /// Like [`Matcher::find`], and also appends to `cues` the context cues
    /// found outside the chosen matches (cues may overlap each other).
    pub fn find_with_cues(
        &self,
        text: &str,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
        cues: &mut Vec<CueMatch>,
    ) {
        let mut words = std::mem::take(&mut scratch.words);
        words.compute(text);
        self.find_in_unit(text, Span::new(0, text.len()), &words, scratch, out, cues);
        scratch.words = words;
    }

    /// [`Matcher::find_with_cues`] on the unit `unit` of `text`, whose
    /// [`WordBits`] are `words` (worked out once for all its units); spans
    /// are offsets into the unit.
    ///
    /// ```
    /// use rolecall::matcher::{Scratch, WordBits};
    /// use rolecall::text::span::Span;
    /// let m = rolecall::Matcher::new(&rolecall::Lexicon::builtin());
    /// let text = "Rain fell. The producer paid.";
    /// let mut words = WordBits::default();
    /// words.compute(text);
    /// let (mut found, mut cues) = (Vec::new(), Vec::new());
    /// m.find_in_unit(text, Span::new(11, 29), &words, &mut Scratch::default(), &mut found, &mut cues);
    /// assert_eq!(found[0].span, Span::new(4, 12)); // "producer", from the unit's start
    /// ```
    pub fn find_in_unit(
        &self,
        text: &str,
        unit: Span,
        words: &WordBits,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
        cues: &mut Vec<CueMatch>,
    ) {
        assert_eq!(words.len, text.len(), "word bits of another text");
        let raw = &mut scratch.raw;
        raw.clear();
        let text_all = text;
        let text = &text_all[unit.range()];
        // The word-start path reads the original text through `fold_next`
        // and reports original offsets; the full scan needs a normalised copy.
        let norm = if self.word_starts {
            scratch.norm.map.clear();
            if none_set(&words.high, unit) {
                let base = unit.start;
                self.screen.find_in(text_all.as_bytes(), unit.end, &words.bits, base, |pid, s, e| {
                    raw.push((pid, s - base, e - base))
                });
                text
            } else if self.ascii_words_suffice && {
                normalize_into(text, &mut scratch.norm);
                scratch.norm.text.chars().all(|c| c.is_ascii() || !is_word_char(c))
            } {
                // Curly quotes, dashes, odd spaces and symbols only: the
                // normalised copy takes the ASCII path; spans map back.
                let norm = scratch.norm.text.as_bytes();
                scratch.norm_words.compute(&scratch.norm.text);
                self.screen.find_in(norm, norm.len(), &scratch.norm_words.bits, 0, |pid, start, end| {
                    raw.push((pid, start, end))
                });
                scratch.norm.text.as_str()
            } else {
                // `normalize_into` above filled the map: these spans are original.
                scratch.norm.map.clear();
                self.anchored_hits(text, raw);
                text
            }
        } else {
            normalize_into(text, &mut scratch.norm);
            let input = aho_corasick::Input::new(scratch.norm.text.as_str());
            let hits = self.nfa.try_find_overlapping_iter(input).expect("unanchored search is supported");
            raw.extend(hits.map(|m| (m.pattern().as_usize() as u32, m.start(), m.end())));
            scratch.norm.text.as_str()
        };
        let cands = &mut scratch.candidates;
        cands.clear();
        scratch.cues.clear();
        for &(pid, start, end) in raw.iter() {
            let info = self.patterns[pid as usize];
            let mut end = end;
            if info.check_start && norm[..start].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            if info.wildcard {
                end +=
                    norm[end..].chars().take_while(|&c| is_word_char(c)).map(char::len_utf8).sum::<usize>();
            } else if info.check_end && norm[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            let c = Candidate { start, end, wildcard: info.wildcard, term: info.term };
            if info.term.index() < self.n_terms {
                cands.push(c);
            } else {
                scratch.cues.push(c);
            }
        }
        // Leftmost, then longest, then exact before wildcard, then lexicon order.
        cands.sort_unstable_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.wildcard.cmp(&b.wildcard))
                .then(a.term.cmp(&b.term))
        });
        let first = out.len();
        let mut next_free = 0;
        for c in cands.iter() {
            if c.start < next_free {
                continue;
            }
            next_free = c.end;
            out.push(Match { term: c.term, span: Span::new(c.start, c.end) });
        }
        // A cue inside a chosen match belongs to that term ("company" in
        // "production company"), except the screen set's, which it confirms.
        scratch.cues.sort_unstable_by_key(|c| (c.start, c.end, c.term));
        scratch.cues.dedup_by_key(|c| (c.start, c.end, c.term));
        for c in &scratch.cues {
            let keep = self.screen_cue[c.term.index() - self.n_terms]
                || !out[first..].iter().any(|m| m.span.start <= c.start && c.end <= m.span.end);
            if keep {
                let span = scratch.norm.map.span_to_original(Span::new(c.start, c.end));
                cues.push(CueMatch { cue: (c.term.index() - self.n_terms) as u32, span });
            }
        }
        for m in &mut out[first..] {
            m.span = scratch.norm.map.span_to_original(m.span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        let d = "term,kind\ndirector,role\ndirected by,role\ndirect*,role\ndirector of photography,exclude\n\
                 writer-director,role\nmise-en-sc\u{e8}ne,activity\nco-direct*,role\n";
        let p = "term,kind\nproducer,role\nproduced by,role\nbox office,activity\nrecord producer,exclude\n\
                 producer's cut,activity\n";
        Lexicon::from_sources([("director.csv".into(), d.into()), ("producer.csv".into(), p.into())]).unwrap()
    }

    /// (name, text, expected [(term, matched text)])
    type Case = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

    #[test]
    fn word_hash_ignores_case_and_bytes_outside_the_word() {
        let a = b"xx Production yy";
        let b = b"PRODUCTION";
        assert_eq!(word_hash(a, 3, 13), word_hash(b, 0, 10));
        assert_ne!(word_hash(a, 3, 12), word_hash(b, 0, 10));
        assert_eq!(word_hash(b"in", 0, 2), word_hash(b"IN the", 0, 2));
    }

    #[test]
    fn screen_finds_every_ascii_pattern() {
        let lex = Lexicon::builtin();
        let m = Matcher::new(&lex);
        let (mut bits, mut high) = (Vec::new(), Vec::new());
        let all = lex.terms().iter().map(|t| (&t.pattern, t.wildcard));
        let all = all.chain(lex.cues().iter().map(|c| (&c.pattern, c.wildcard)));
        for (pid, (pattern, wildcard)) in all.enumerate() {
            if !pattern.is_ascii() {
                continue;
            }
            // Upper case, white space runs for spaces, and a suffix.
            let text = format!(
                "{}{} more",
                pattern.to_uppercase().replace(' ', " \n "),
                if wildcard { "ing" } else { "" }
            );
            let bytes = text.as_bytes();
            word_bitmaps(bytes, &mut bits, &mut high);
            let mut found = Vec::new();
            m.screen.find_in(bytes, bytes.len(), &bits, 0, |p, s, e| found.push((p, s, e)));
            let want = text.len() - " more".len() - if wildcard { 3 } else { 0 };
            assert!(found.contains(&(pid as u32, 0, want)), "{text:?}: {found:?}");
        }
        // And finds nothing in prose without lexicon words.
        let prose = b"Then we walked along the river until it grew dark and cold";
        word_bitmaps(prose, &mut bits, &mut high);
        let mut n = 0;
        m.screen.find_in(prose, prose.len(), &bits, 0, |_, _, _| n += 1);
        assert_eq!(n, 0);
    }

    #[test]
    fn ascii_comparison_folds_case_and_white_space_runs() {
        assert_eq!(match_ascii_at(b"a Box \t\nOffice!", 2, b"box office"), Some(14));
        assert_eq!(match_ascii_at(b"box-office", 0, b"box office"), None);
        assert_eq!(match_ascii_at(b"box", 0, b"box office"), None);
        assert_eq!(match_ascii_at(b"boxoffice", 0, b"box office"), None);
        assert_eq!(match_ascii_at(b"Producer's", 0, b"producer's"), Some(10));
    }

    #[test]
    fn table() {
        let cases: &[Case] = &[
            ("plain", "The director spoke.", &[("director", "director")]),
            ("case", "DIRECTED BY Jane", &[("directed by", "DIRECTED BY")]),
            (
                "exclude wins by length",
                "Director of Photography Stuart",
                &[("director of photography", "Director of Photography")],
            ),
            ("wildcard extends to word end", "She is directing.", &[("direct*", "directing")]),
            ("exact beats wildcard on same span", "a director", &[("director", "director")]),
            ("wildcard when exact fails boundary", "two directors", &[("direct*", "directors")]),
            ("no match inside a word", "misdirected mail", &[]),
            ("no match inside a word 2", "reproducer", &[]),
            ("possessive", "the producer's notes", &[("producer", "producer")]),
            (
                "curly possessive phrase",
                "the producer\u{2019}s cut",
                &[("producer's cut", "producer\u{2019}s cut")],
            ),
            ("line break in phrase", "directed\n  by", &[("directed by", "directed\n  by")]),
            ("nbsp in phrase", "box\u{a0}office", &[("box office", "box\u{a0}office")]),
            ("en dash", "writer\u{2013}director", &[("writer-director", "writer\u{2013}director")]),
            ("hyphen is a boundary", "co-director", &[("co-direct*", "co-director")]),
            ("non-ascii case", "MISE-EN-SC\u{c8}NE", &[("mise-en-sc\u{e8}ne", "MISE-EN-SC\u{c8}NE")]),
            ("record producer excluded", "a record producer", &[("record producer", "record producer")]),
            (
                "overlap: leftmost wins",
                "produced by director",
                &[("produced by", "produced by"), ("director", "director")],
            ),
            ("empty", "", &[]),
        ];
        let lex = lex();
        let m = Matcher::new(&lex);
        let mut scratch = Scratch::default();
        for (name, text, want) in cases {
            let mut got = Vec::new();
            m.find(text, &mut scratch, &mut got);
            let got: Vec<(&str, &str)> =
                got.iter().map(|x| (lex.term(x.term).text.as_str(), &text[x.span.range()])).collect();
            assert_eq!(&got, want, "case {name}");
        }
    }
}
