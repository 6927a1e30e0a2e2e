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
//! `Automaton` API). A term with a leading hyphen (`-style`, the second
//! part of a hyphened compound) is keyed on its word, and the hyphen
//! before it is checked with the word boundaries. A lexicon with another
//! pattern that starts with punctuation falls back to a full unanchored scan, which is also the reference the
//! property tests hold the other paths to. A built-in term (`<money>`) is
//! found by its own code ([`amount`]) on whichever text the path reads, and
//! its matches take part in the leftmost-longest choice like any other.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::error::Error;
use crate::lexicon::{Lexicon, TermId};
use crate::text::bitmap::none_set;
use crate::text::normalize::{Normalized, fold_next, is_word_char, normalize_into};
use crate::text::span::Span;

pub mod addressee;
pub mod amount;
mod screen;
pub(crate) use screen::{word_hash, word_hash_inline};

pub use screen::WordBits;
use screen::{ASCII_WORD, Prefix3, WordScreen, class_at};

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
    /// The `<money>` term, whose matches [`amount::find_amounts`] finds.
    money: Option<TermId>,
    /// The index of the `<to-capitals>` cue, whose match
    /// [`addressee::capitals_addressee`] finds.
    to_capitals: Option<u32>,
}

#[derive(Debug, Clone, Copy)]
struct PatternInfo {
    /// A term id, or for a cue `n_terms + cue index`.
    term: TermId,
    wildcard: bool,
    check_start: bool,
    check_end: bool,
    /// A term written with a leading hyphen (`-style`): compiled without
    /// it, and found only as the second part of a hyphened compound
    /// ("Matrix-style"), its span taking in the hyphen.
    after_hyphen: bool,
    /// The word class that must follow (`shot in {Name}`).
    next: Option<crate::lexicon::WordClass>,
    /// The word class the match must end (`{Name} Productions`).
    prev: Option<crate::lexicon::WordClass>,
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
    /// The term has a word class, which held: it is chosen before a plain
    /// term of the same phrase and span.
    classed: bool,
    term: TermId,
}

impl Matcher {
    /// Compiles the terms of `lexicon`.
    ///
    /// # Errors
    /// [`Error::Matcher`] when the automaton cannot hold them (aho-corasick's
    /// state limits: far beyond any lexicon of this project's kind).
    ///
    /// ```
    /// use rolecall::{Lexicon, Matcher, matcher::Scratch};
    /// let lex = Lexicon::builtin();
    /// let m = Matcher::new(&lex).unwrap();
    /// let mut found = Vec::new();
    /// m.find("The director of photography lit it.", &mut Scratch::default(), &mut found);
    /// assert_eq!(found.len(), 1);
    /// assert_eq!(lex.term(found[0].term).text, "director of photography");
    /// ```
    pub fn new(lexicon: &Lexicon) -> Result<Matcher, Error> {
        Matcher::build(lexicon, false)
    }

    /// A matcher that always scans every byte of a normalised copy (the path
    /// taken for patterns that start with punctuation); for testing that
    /// both paths agree.
    #[doc(hidden)]
    pub fn new_full_scan(lexicon: &Lexicon) -> Result<Matcher, Error> {
        Matcher::build(lexicon, true)
    }

    fn build(lexicon: &Lexicon, full_scan: bool) -> Result<Matcher, Error> {
        let mut pats = Vec::with_capacity(lexicon.terms().len());
        let mut patterns = Vec::with_capacity(lexicon.terms().len());
        let all = lexicon
            .terms()
            .iter()
            .map(|t| (t.pattern.as_str(), t.wildcard, t.builtin.is_some(), t.prev, t.next))
            .chain(
                lexicon
                    .cues()
                    .iter()
                    .map(|c| (c.pattern.as_str(), c.wildcard, c.builtin.is_some(), None, None)),
            );
        for (i, (pattern, wildcard, builtin, prev, next)) in all.enumerate() {
            // A built-in term or cue is found by code, not by its `<name>`.
            if builtin {
                continue;
            }
            // "-style" is keyed on its word, so the word-start paths keep
            // working (a pattern that starts with punctuation would need the
            // full scan: 2.4 times as long on c100-large).
            let rest = crate::lexicon::compound_part(pattern);
            let after_hyphen = rest.is_some();
            let pattern = rest.unwrap_or(pattern);
            pats.push(pattern);
            patterns.push(PatternInfo {
                term: TermId(i as u32),
                wildcard,
                after_hyphen,
                check_start: pattern.chars().next().is_some_and(is_word_char),
                check_end: !wildcard && pattern.chars().next_back().is_some_and(is_word_char),
                next,
                prev,
            });
        }
        let word_starts = !full_scan && patterns.iter().all(|p| p.check_start);
        // A compact NFA: quick to build, and runs are rare (non-ASCII words).
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&pats)
            .map_err(|e| Error::Matcher { patterns: pats.len(), cause: e.to_string() })?;
        let screen = lexicon.set_id(crate::lexicon::SCREEN_SET);
        let screen_cue = lexicon.cues().iter().map(|c| Some(c.set) == screen).collect();
        let starts = Prefix3::new(pats.iter().copied());
        let screen = WordScreen::new(pats.iter().copied().zip(patterns.iter().map(|p| p.wildcard)));
        let ascii_words_suffice =
            pats.iter().flat_map(|p| p.chars()).all(|c| c.is_ascii() || is_word_char(c));
        let money = lexicon
            .terms()
            .iter()
            .position(|t| t.builtin == Some(crate::lexicon::Builtin::Money))
            .map(|i| TermId(i as u32));
        let to_capitals = lexicon
            .cues()
            .iter()
            .position(|c| c.builtin == Some(crate::lexicon::BuiltinCue::ToCapitals))
            .map(|i| i as u32);
        Ok(Matcher {
            money,
            to_capitals,
            nfa,
            word_starts,
            ascii_words_suffice,
            n_terms: lexicon.terms().len(),
            screen_cue,
            starts,
            screen,
            patterns,
        })
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
    /// let m = rolecall::Matcher::new(&rolecall::Lexicon::builtin()).unwrap();
    /// let text = "Rain fell. The producer paid.";
    /// let mut words = WordBits::default();
    /// words.compute(text);
    /// let (mut found, mut cues) = (Vec::new(), Vec::new());
    /// m.find_in_unit(text, Span::new(11, 29), &words, &mut Scratch::default(), &mut found, &mut cues);
    /// assert_eq!(found[0].span, Span::new(4, 12)); // "producer", from the unit's start
    /// ```
    // One function of ~100 lines: the three paths (ASCII screen, screen on
    // the normalised copy, anchored automaton) fill the same candidate
    // buffer, which the leftmost-longest pass at the end reads.
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
        // An ASCII unit is read as it is: without a `$` it holds no amount.
        let mut no_amount = false;
        let norm = if self.word_starts {
            scratch.norm.map.clear();
            if none_set(&words.high, unit) {
                no_amount = none_set(&words.dollars, unit);
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
            let (mut start, mut end) = (start, end);
            if info.after_hyphen {
                // A hyphen right before, and no space before the hyphen.
                // The original text decides: a dash ("everything\u{2014}style")
                // is folded to `-` too, but joins no compound.
                let mut before = text[..scratch.norm.map.to_original(start)].chars().rev();
                if !matches!(before.next(), Some('-' | '\u{2010}' | '\u{2011}'))
                    || before.next().is_none_or(crate::text::normalize::is_space)
                {
                    continue;
                }
                // The hyphen as the searched text has it: `-`, or U+2010/11 unfolded.
                start -= norm[..start].chars().next_back().map_or(1, char::len_utf8);
            } else if info.check_start && norm[..start].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            if info.wildcard {
                end +=
                    norm[end..].chars().take_while(|&c| is_word_char(c)).map(char::len_utf8).sum::<usize>();
            } else if info.check_end && norm[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            // A word class reads the original text: normalising lower-cases
            // letters outside ASCII.
            if info.next.is_some_and(|class| !class.follows(text, scratch.norm.map.to_original(end))) {
                continue;
            }
            if info.prev.is_some_and(|class| !class.precedes(text, scratch.norm.map.to_original(start))) {
                continue;
            }
            let classed = info.next.is_some() || info.prev.is_some();
            let c = Candidate { start, end, wildcard: info.wildcard, classed, term: info.term };
            if info.term.index() < self.n_terms {
                cands.push(c);
            } else {
                scratch.cues.push(c);
            }
        }
        // (`find_amounts` reads every unit with `memchr3`: 2.3% of a `-j1`
        // scan of `c100-large`, perf samples, before this bitmap.)
        if let Some(term) = self.money.filter(|_| !no_amount) {
            amount::find_amounts(norm, |start, end| {
                cands.push(Candidate { start, end, wildcard: false, classed: false, term });
            });
        }
        // Leftmost, then longest, then a term whose word class held before
        // a plain one, then exact before wildcard, then lexicon order.
        cands.sort_unstable_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(b.classed.cmp(&a.classed))
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
        // The built-in cue is the unit's opening "To": before every other
        // cue, so the unit's cues stay in order.
        if let Some(cue) = self.to_capitals.filter(|_| addressee::capitals_addressee(text)) {
            cues.push(CueMatch { cue, span: Span::new(0, 2) });
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
    use super::screen::{match_ascii_at, word_hash};
    use super::*;
    use crate::text::bitmap::word_bitmaps;

    fn lex() -> Lexicon {
        let d = "term,kind\ndirector,role\ndirected by,role\ndirect*,role\ndirector of photography,exclude\n\
                 writer-director,role\nmise-en-sc\u{e8}ne,activity\nco-direct*,role\n";
        let p = "term,kind\nproducer,role\nproduced by,role\nbox office,activity\nrecord producer,exclude\n\
                 producer's cut,activity\nshot in {Name},activity\nshot in the dark,exclude\n\
                 productions,activity\n{Name} Productions,role\n";
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
        let m = Matcher::new(&lex).unwrap();
        let (mut bits, mut high, mut dollars) = (Vec::new(), Vec::new(), Vec::new());
        // Built-in terms have no automaton pattern: pattern ids skip them.
        let all = lex.terms().iter().filter(|t| t.builtin.is_none()).map(|t| (&t.pattern, t.wildcard));
        let all =
            all.chain(lex.cues().iter().filter(|c| c.builtin.is_none()).map(|c| (&c.pattern, c.wildcard)));
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
            word_bitmaps(bytes, &mut bits, &mut high, &mut dollars);
            let mut found = Vec::new();
            m.screen.find_in(bytes, bytes.len(), &bits, 0, |p, s, e| found.push((p, s, e)));
            let want = text.len() - " more".len() - if wildcard { 3 } else { 0 };
            // A leading hyphen is checked after the screen, which keys on the word.
            let from = usize::from(pattern.starts_with('-'));
            assert!(found.contains(&(pid as u32, from, want)), "{text:?}: {found:?}");
        }
        // And finds nothing in prose without lexicon words.
        let prose = b"Then we walked along the river until it grew dark and cold";
        word_bitmaps(prose, &mut bits, &mut high, &mut dollars);
        let mut n = 0;
        m.screen.find_in(prose, prose.len(), &bits, 0, |_, _, _| n += 1);
        assert_eq!(n, 0);
    }

    #[test]
    fn a_leading_hyphen_finds_the_second_part_of_a_compound_only() {
        let d = "term,kind\nstyle,activity\n-style,exclude\n-style storytelling,activity\n";
        let lex = Lexicon::from_sources([
            ("director.csv".into(), d.into()),
            ("producer.csv".into(), "term,kind\nproducer,role\n".into()),
        ])
        .unwrap();
        for m in [Matcher::new(&lex).unwrap(), Matcher::new_full_scan(&lex).unwrap()] {
            let found = |text: &str| {
                let mut out = Vec::new();
                m.find(text, &mut Scratch::default(), &mut out);
                out.iter()
                    .map(|x| (lex.term(x.term).text.clone(), x.span.start, x.span.end))
                    .collect::<Vec<_>>()
            };
            let t = |s: &str, a, b| (s.to_string(), a, b);
            let one: [(&str, &str, usize, usize); 13] = [
                ("a Matrix-style bullet time", "-style", 8, 14),
                ("\"Creepshow\"-STYLE motif", "-style", 11, 17),
                ("Dogs-style storytelling", "-style storytelling", 4, 23),
                // Not after a space, nor at the start, nor with no hyphen.
                ("a -style b", "style", 3, 8),
                ("-style", "style", 1, 6),
                ("the style", "style", 4, 9),
                // Non-ASCII text before it takes the other paths.
                ("Almodóvar-style melodrama", "-style", 10, 16),
                ("Almodóvar style", "style", 11, 16),
                // A Unicode hyphen joins a compound; a dash does not.
                ("Matrix\u{2010}style", "-style", 6, 14),
                ("Almodóvar\u{2011}style", "-style", 10, 18),
                ("everything\u{2014}style", "style", 13, 18),
                // A zero-width space is a space, as normalising reads it.
                ("Matrix\u{200b}-style", "style", 10, 15),
                ("Almodóvar\u{2013}style", "style", 13, 18),
            ];
            for (text, term, a, b) in one {
                assert_eq!(found(text), [t(term, a, b)], "{text}");
            }
            assert_eq!(
                found("one\u{2014}style, \u{201c}Dogs\u{201d}-style"),
                [t("style", 6, 11), t("-style", 23, 29)]
            );
        }
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
            ("word class: a name follows", "It was shot in Vancouver.", &[("shot in {Name}", "shot in")]),
            ("word class: the, then a name", "shot in the Isle of Wight", &[("shot in {Name}", "shot in")]),
            ("word class: no name", "He was shot in the head.", &[]),
            ("word class: the unit ends", "It was shot in", &[]),
            ("word class: no space", "shot in(Rome)", &[]),
            ("word class: non-ascii name", "shot in \u{c9}vora", &[("shot in {Name}", "shot in")]),
            ("word class: odd spaces", "shot\u{a0}in\u{a0}Rome", &[("shot in {Name}", "shot\u{a0}in")]),
            (
                "word class: a longer exclusion wins",
                "A Shot in the Dark",
                &[("shot in the dark", "Shot in the Dark")],
            ),
            // A class before the term: the classed term wins where it holds.
            ("class before: a name", "from Icon Productions", &[("{Name} Productions", "Productions")]),
            ("class before: no name", "stage productions", &[("productions", "productions")]),
            ("class before: lower-case word", "stage Productions", &[("productions", "Productions")]),
            ("class before: a number", "the 1988 Productions", &[("productions", "Productions")]),
            ("class before: an article", "The Productions", &[("productions", "Productions")]),
            (
                "class before: quoted name",
                "from \u{201c}Icon Productions",
                &[("{Name} Productions", "Productions")],
            ),
            (
                "class before: curly apostrophe",
                "Chuck Lorre\u{2019}s Productions",
                &[("{Name} Productions", "Productions")],
            ),
            ("class before: odd spaces", "Icon\u{a0}Productions", &[("{Name} Productions", "Productions")]),
            (
                "class before: non-ascii name",
                "\u{c9}lan Productions",
                &[("{Name} Productions", "Productions")],
            ),
            ("class before: at the start", "Productions rose", &[("productions", "Productions")]),
        ];
        let lex = lex();
        // Every case under every configuration: the word screen and anchored
        // automaton (the default), and the full unanchored scan.
        let configs = [
            ("word starts", Matcher::new(&lex).unwrap()),
            ("full scan", Matcher::new_full_scan(&lex).unwrap()),
        ];
        for (config, m) in &configs {
            let mut scratch = Scratch::default();
            for (name, text, want) in cases {
                let mut got = Vec::new();
                m.find(text, &mut scratch, &mut got);
                let got: Vec<(&str, &str)> =
                    got.iter().map(|x| (lex.term(x.term).text.as_str(), &text[x.span.range()])).collect();
                assert_eq!(&got, want, "case {name} ({config})");
            }
        }
    }
}
