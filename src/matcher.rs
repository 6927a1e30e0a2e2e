//! Finding lexicon terms in text: one multi-pattern pass, whole words,
//! leftmost-longest across every role's terms.
//!
//! The [`Matcher`] compiles all terms of a [`Lexicon`] into one Aho-Corasick
//! automaton (ASCII case-insensitive) and searches the [normalised](crate::normalize)
//! text. Every raw hit is checked for word boundaries (a wildcard term's last
//! word is extended to the end of the word instead); the surviving candidates
//! are then chosen leftmost-longest, so "director of photography" (exclude)
//! wins over "director". Spans are byte offsets into the text passed in.
//!
//! Since a match must start at a word start, the automaton is run anchored
//! from each word start only (through aho-corasick's `Automaton` API), not
//! over every byte; that finds the same candidates in a fraction of the
//! steps. A lexicon with a pattern that starts with punctuation falls back
//! to a full unanchored scan.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use crate::lexicon::{Lexicon, TermId};
use crate::normalize::{Normalized, fold_next, is_word_char, normalize_into};
use crate::span::Span;

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
    dfa: DFA,
    /// True when every pattern starts with a word character, so anchored
    /// runs from word starts find every candidate.
    word_starts: bool,
    n_terms: usize,
    /// Per cue: true when it belongs to the screen set.
    screen_cue: Vec<bool>,
    /// Which three-byte ASCII starts some pattern can begin with.
    starts: Prefix3,
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
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .start_kind(if word_starts { StartKind::Anchored } else { StartKind::Unanchored })
            .build(&pats)
            .expect("lexicon patterns are few and short enough to compile");
        let screen = lexicon.set_id(crate::lexicon::SCREEN_SET);
        let screen_cue = lexicon.cues().iter().map(|c| Some(c.set) == screen).collect();
        let starts = Prefix3::new(pats.iter().copied());
        Matcher { dfa, word_starts, n_terms: lexicon.terms().len(), screen_cue, starts, patterns }
    }

    /// Every pattern occurrence that starts at a word start of `text`, as
    /// `(pattern, start, end)` in offsets of `text`. The automaton reads
    /// the text's normalised form, produced on the fly by [`fold_next`].
    fn anchored_hits(&self, text: &str, raw: &mut Vec<(u32, usize, usize)>) {
        let bytes = text.as_bytes();
        let start = self.dfa.start_state(Anchored::Yes).expect("anchored searches are supported");
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
                sid = self.dfa.next_state(Anchored::Yes, sid, byte);
                if self.dfa.is_dead(sid) {
                    return;
                }
            }
            fed += n;
            p = next;
            if self.dfa.is_match(sid) {
                for k in 0..self.dfa.match_len(sid) {
                    let pid = self.dfa.match_pattern(sid, k);
                    // Keep patterns anchored here, not suffixes that end here.
                    if self.dfa.pattern_len(pid) == fed {
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
        let raw = &mut scratch.raw;
        raw.clear();
        // The word-start path reads the original text through `fold_next`
        // and reports original offsets; the full scan needs a normalised copy.
        let norm = if self.word_starts {
            scratch.norm.map.clear();
            self.anchored_hits(text, raw);
            text
        } else {
            normalize_into(text, &mut scratch.norm);
            let input = aho_corasick::Input::new(scratch.norm.text.as_str());
            let hits = self.dfa.try_find_overlapping_iter(input).expect("unanchored search is supported");
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
