//! Abbreviations and the word lists behind them: whether a `.` after a
//! word ends a sentence.

use super::chars::{OpenBrackets, is_bullet, is_opener};
use crate::text::normalize::is_space;
use std::sync::LazyLock;

/// Words after which a sentence cannot stop.
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "by", "of", "to", "in", "on", "at", "for", "from", "with", "and", "or", "but", "as",
    "that", "which", "who", "whose", "his", "her", "their", "its", "my", "our", "your", "is", "was", "are",
    "were", "be", "been", "has", "have", "had", "will", "would", "into", "than", "this", "these",
];

/// Titles written before a name: never end a sentence.
const TITLES: &[&str] = &[
    "adm", "capt", "cf", "cmdr", "col", "det", "dr", "fr", "ft", "gen", "gov", "hon", "insp", "lt", "maj",
    "messrs", "mlle", "mme", "mr", "mrs", "ms", "mt", "pres", "prof", "rep", "rev", "sen", "sgt", "st",
    "supt", "v", "viz", "vs",
];

/// Abbreviations that may end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "al", "approx", "apr", "aug", "ave", "blvd", "bros", "ch", "chap", "co", "corp", "dec", "dept", "ed",
    "eds", "est", "etc", "feb", "fig", "figs", "fri", "ft", "hrs", "inc", "jan", "jr", "jul", "jun", "lb",
    "lbs", "llc", "ltd", "mar", "max", "min", "mins", "mon", "no", "nos", "nov", "oct", "oz", "p", "plc",
    "pp", "rd", "sat", "sec", "sep", "sept", "sq", "sr", "sun", "thu", "tue", "vol", "vols", "wed",
];

/// Words that commonly open a sentence; after an abbreviation they signal
/// that the abbreviation ended one.
const OPENERS: &[&str] = &[
    "a",
    "according",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "are",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "can",
    "could",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "every",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "is",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "most",
    "my",
    "next",
    "no",
    "not",
    "now",
    "on",
    "once",
    "or",
    "our",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "today",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yet",
    "you",
    "your",
];

/// Words that open a sentence and seldom go on one: after an abbreviation
/// in lower-case text they signal that it ended a sentence.
const STRONG_OPENERS: &[&str] = &[
    "a", "an", "he", "her", "his", "how", "i", "it", "its", "my", "our", "she", "that", "the", "their",
    "there", "these", "they", "this", "those", "we", "what", "why", "you", "your",
];

/// Nouns that follow a country's acronym inside a name: "U.S. Army",
/// "U.K. Panel".
const NAME_NOUNS: &[&str] = &[
    "administration",
    "agency",
    "air",
    "ambassador",
    "army",
    "attorney",
    "board",
    "border",
    "box",
    "bureau",
    "census",
    "coast",
    "commission",
    "committee",
    "congress",
    "consulate",
    "council",
    "court",
    "customs",
    "department",
    "district",
    "dollar",
    "embassy",
    "federal",
    "forces",
    "government",
    "house",
    "marine",
    "marines",
    "military",
    "mint",
    "national",
    "navy",
    "office",
    "open",
    "panel",
    "parliament",
    "post",
    "postal",
    "president",
    "representative",
    "secretary",
    "senate",
    "senator",
    "state",
    "states",
    "supreme",
    "treasury",
];

/// One of the word lists as sorted 16-byte keys, for quick lookups, with a
/// filter on each word's length and first byte that turns most words away
/// before the search.
pub(super) struct WordSet {
    keys: Vec<u128>,
    /// Per length (1 to 16): a bit per first byte (`& 63`) in the list.
    first: [u64; 17],
}

impl WordSet {
    fn new(list: &[&str]) -> WordSet {
        let mut keys: Vec<u128> = list.iter().filter_map(|w| WordSet::key(w.as_bytes(), false)).collect();
        keys.sort_unstable();
        let mut first = [0; 17];
        for w in list.iter().filter(|w| (1..=16).contains(&w.len())) {
            first[w.len()] |= 1 << (w.as_bytes()[0] & 63);
        }
        WordSet { keys, first }
    }

    /// The word's bytes as a number (ASCII lower case with `fold`); `None`
    /// past 16 bytes (in no list).
    #[inline]
    fn key(w: &[u8], fold: bool) -> Option<u128> {
        if w.len() > 16 {
            return None;
        }
        let mut key = 0u128;
        for (i, &b) in w.iter().enumerate() {
            let b = if fold { b.to_ascii_lowercase() } else { b };
            key |= u128::from(b) << (8 * i);
        }
        Some(key)
    }

    #[inline]
    fn lookup(&self, w: &str, fold: bool) -> bool {
        let b = w.as_bytes();
        let Some(&b0) = b.first() else { return false };
        let b0 = if fold { b0.to_ascii_lowercase() } else { b0 };
        if b.len() > 16 || self.first[b.len()] & (1 << (b0 & 63)) == 0 {
            return false;
        }
        WordSet::key(b, fold).is_some_and(|k| self.keys.binary_search(&k).is_ok())
    }

    pub(super) fn contains(&self, w: &str) -> bool {
        self.lookup(w, false)
    }

    /// Whether the list (of lower-case words) has `w`, ignoring ASCII case.
    pub(super) fn contains_ignoring_case(&self, w: &str) -> bool {
        self.lookup(w, true)
    }
}

static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(TITLES));
static ABBREVIATION_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(ABBREVIATIONS));
static OPENER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(OPENERS));
pub(super) static STRONG_OPENER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(STRONG_OPENERS));
static NAME_NOUN_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NAME_NOUNS));
/// The credit abbreviations, and a bit for each pair of first letters.
static CREDIT_ABBREVIATION_SET: LazyLock<(WordSet, [u64; 11])> = LazyLock::new(|| {
    let list = credit_abbreviations();
    let mut pairs = [0u64; 11];
    for p in list.iter().filter_map(|w| letter_pair(w)) {
        pairs[p / 64] |= 1 << (p % 64);
    }
    (WordSet::new(&list.iter().map(String::as_str).collect::<Vec<_>>()), pairs)
});
pub(super) static FUNCTION_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(FUNCTION_WORDS));

/// Lower-case words after which a capital initial opens a person's name
/// rather than ending a sentence: "directed by D. Ross Lederman",
/// "producer J. Gordon Edwards".
const NAME_INTRODUCERS: &[&str] =
    &["by", "director", "directors", "producer", "producers", "filmmaker", "film-maker", "starring"];

/// Other people's nouns after which a capital initial opens a name ("the
/// novel by author J. Smith"), unless `I` or a sentence opener follows.
const PERSON_INTRODUCERS: &[&str] = &[
    "writer",
    "writers",
    "screenwriter",
    "co-writer",
    "author",
    "novelist",
    "actor",
    "actress",
    "composer",
    "cinematographer",
];

/// Decides whether the `.` at `dot` ends a sentence. `next_word` does not
/// start in lower case, unless `lower_next` (in lower-case text).
// A decision list (~130 lines): the rules, each a few lines with its
// example, in the order they are tried, so the precedence is visible.
pub(super) fn period_ends_sentence(
    r: &str,
    sent_start: usize,
    dot: usize,
    next_word: &str,
    closed: bool,
    lower_next: bool,
    memo: &mut WordMemo,
) -> bool {
    let b = r.as_bytes();
    let word_start = memo.word_start(r, dot);
    // After a full stop run into this word ("Tuesday.Mr."), the word starts
    // with the sentence.
    let word_start = if sent_start > word_start && sent_start <= dot && b[sent_start - 1] == b'.' {
        sent_start
    } else {
        word_start
    };
    let w_start = memo.after_openers(r, word_start, dot);
    let w = &r[w_start..dot];
    if w.is_empty() {
        return tokenised_stop_ends(r, dot, next_word);
    }
    // Lower case for the word lists, whose words are all short and ASCII.
    let mut buf = [0u8; 16];
    let owned;
    let lw: &str = if w.len() > buf.len() {
        ""
    } else if w.is_ascii() {
        buf[..w.len()].copy_from_slice(w.as_bytes());
        buf.make_ascii_lowercase();
        std::str::from_utf8(&buf[..w.len()]).expect("ASCII")
    } else {
        owned = w.to_lowercase();
        &owned
    };
    let one_char = |s: &str| {
        let mut c = s.chars();
        c.next().is_some() && c.next().is_none()
    };
    let has_dot = memo.first_dot(r, w_start, dot) < dot;
    let next_digit = next_word.starts_with(|c: char| c.is_ascii_digit());
    // A list number or letter opening a sentence: "1. The first item".
    let short_marker = (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
        || (one_char(w) && w.chars().all(char::is_alphabetic));
    // The word may start before the sentence does (after a stop with no
    // space, as in "a。b."): it opens the sentence then.
    if short_marker && (sent_start > word_start || memo.sentence_text(r, sent_start) >= word_start) {
        return false;
    }
    if closed {
        // A quote or bracket after the stop: abbreviations do not take one.
        return true;
    }
    if TITLE_SET.contains(lw) {
        return false;
    }
    if next_digit {
        return !(ABBREVIATION_SET.contains(lw) || w.chars().nth(2).is_none());
    }
    // The next word, lower case, without opening quotes.
    let next_lower = || -> String {
        next_word
            .chars()
            .skip_while(|&c| is_opener(c))
            .take_while(|&c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase()
    };
    if lower_next {
        // Lower-case text: a plain word ends its sentence; an abbreviation,
        // acronym or time of day only before a word that opens one.
        if matches!(lw, "e.g" | "i.e" | "cf" | "viz") || (one_char(w) && lw != "i") {
            return false;
        }
        let dotted = has_dot;
        if dotted || ABBREVIATION_SET.contains(lw) || is_credit_abbreviation(lw) {
            return STRONG_OPENER_SET.contains(&next_lower());
        }
        return true;
    }
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            // An initial: inside a name, or before another initial.
            let next_is_initial = {
                let mut n = next_word.chars();
                matches!((n.next(), n.next()), (Some(a), Some('.')) if a.is_uppercase())
            };
            let prev_word = r[..word_start].trim_end_matches(is_space);
            let prev = prev_word.rsplit(is_space).next().unwrap_or("");
            let prev_is_name = prev.starts_with(char::is_uppercase);
            // After a word that introduces a person ("directed by D. Ross
            // Lederman", "producer J. Gordon Edwards") it opens a name.
            let names_next = NAME_INTRODUCERS.iter().any(|p| prev.eq_ignore_ascii_case(p));
            let person_next = PERSON_INTRODUCERS.iter().any(|p| prev.eq_ignore_ascii_case(p));
            // After `and` or `&` that follow a name, it opens the list's
            // next name ("by Derrickson and C. Robert Cargill"; "you and
            // I." ends its sentence).
            let listed_next = matches!(prev, "and" | "&") && {
                let before = prev_word[..prev_word.len() - prev.len()].trim_end_matches(is_space);
                let pp = before.rsplit(is_space).next().unwrap_or("").trim_end_matches(',');
                pp.starts_with(char::is_uppercase) && pp.chars().nth(1).is_some_and(char::is_lowercase)
            };
            // (After those two, the pronoun or a word that opens sentences
            // ends it: "Mike and I. The director…".)
            if (person_next || listed_next)
                && !next_is_initial
                && (c == 'I' || STRONG_OPENER_SET.contains(&next_lower()))
            {
                return true;
            }
            return !(next_is_initial || prev_is_name || names_next || person_next || listed_next);
        }
        return true;
    }
    if matches!(lw, "a.m" | "p.m") {
        // A time of day ends its sentence before a capitalised word, unless
        // it closes a short phrase opening the sentence ("At 6 a.m. Mr. Okafor
        // was on set").
        return !fronted_time(&r[sent_start.min(word_start)..word_start]);
    }
    let dotted = has_dot && w.split('.').all(|part| one_char(part) && part.chars().all(char::is_alphabetic));
    if dotted || ABBREVIATION_SET.contains(lw) || is_credit_abbreviation(lw) {
        let nw = next_lower();
        if OPENER_SET.contains(&nw) {
            return true;
        }
        // A capital acronym after "the" ("the U.S.", a noun; without it,
        // "U.S. firms", a modifier) before a capitalised word of letters,
        // then a lower-case one, ends a sentence ("in the U.S. Audiences
        // were cool"), unless the word names a body ("the U.S. Army film
        // unit") or brackets are open ("(six U.S. Cents) a litre").
        return dotted
            && w.chars().all(|c| c == '.' || c.is_uppercase())
            && r[..word_start]
                .trim_end_matches(is_space)
                .rsplit(is_space)
                .next()
                .is_some_and(|p| p.eq_ignore_ascii_case("the"))
            && next_word.split(is_space).next().is_some_and(|n| n.len() == nw.len())
            && !NAME_NOUN_SET.contains(&nw)
            && word_after(next_word).is_some_and(|n| n.starts_with(char::is_lowercase))
            && !memo.brackets.open(r, sent_start.min(word_start), word_start);
    }
    true
}

/// What [`period_ends_sentence`] found about the words and sentence of
/// the region's earlier stops, so that the stops of a long word or of a
/// sentence that never ends do not each read it again: the stops of a
/// region come in order, and each answer is read on from the last.
#[derive(Debug, Default)]
pub(super) struct WordMemo {
    /// The start of the word (after white space) that runs to `ws_at`.
    ws_at: usize,
    ws: usize,
    /// A word's start, and where it starts after opening quotes and bullets.
    openers: Option<(usize, usize)>,
    /// A word's start (after openers), and its first `.`.
    dot: Option<(usize, usize)>,
    /// A sentence's start, and where its opening white space, bullets and
    /// quotes end.
    sentence: Option<(usize, usize)>,
    /// Brackets open from a sentence's start to a word.
    pub(super) brackets: OpenBrackets,
}

impl WordMemo {
    /// Just after the last white space before `dot`, or 0.
    fn word_start(&mut self, r: &str, dot: usize) -> usize {
        if dot < self.ws_at {
            (self.ws_at, self.ws) = (0, 0);
        }
        let b = r.as_bytes();
        let from = self.ws_at;
        // Back to a space: bytes while ASCII, chars from the first that is not.
        let ws = match b[from..dot].iter().rposition(|&c| c >= 0x80 || is_space(char::from(c))) {
            Some(p) if b[from + p] < 0x80 => from + p + 1,
            Some(_) => r[from..dot]
                .rfind(is_space)
                .map_or(self.ws, |p| from + p + r[from + p..].chars().next().map_or(1, char::len_utf8)),
            None => self.ws,
        };
        (self.ws_at, self.ws) = (dot, ws);
        ws
    }

    /// `word_start` moved past opening quotes, brackets and bullets (not past `dot`).
    fn after_openers(&mut self, r: &str, word_start: usize, dot: usize) -> usize {
        if let Some((w, at)) = self.openers {
            if w == word_start && at <= dot {
                return at;
            }
        }
        let raw = &r[word_start..dot];
        let at = dot - raw.trim_start_matches(|c: char| is_opener(c) || is_bullet(c)).len();
        self.openers = Some((word_start, at));
        at
    }

    /// The first `.` at or after `from`, up to `dot` (a `.`).
    fn first_dot(&mut self, r: &str, from: usize, dot: usize) -> usize {
        if let Some((f, at)) = self.dot {
            if f == from && at <= dot {
                return at;
            }
        }
        let at = memchr::memchr(b'.', &r.as_bytes()[from..dot]).map_or(dot, |p| from + p);
        self.dot = Some((from, at));
        at
    }

    /// Where the white space, bullets and opening quotes at `sent_start` end.
    fn sentence_text(&mut self, r: &str, sent_start: usize) -> usize {
        if let Some((s, at)) = self.sentence {
            if (s..=at).contains(&sent_start) {
                return at;
            }
        }
        let rest = &r[sent_start..];
        let at =
            r.len() - rest.trim_start_matches(|c: char| is_space(c) || is_bullet(c) || is_opener(c)).len();
        self.sentence = Some((sent_start, at));
        at
    }
}

/// A stop set off by a space, as in tokenised text ("mr . smith", "the u . s .
/// army", "it works . the"): it ends a sentence unless the token before it
/// is a title, or a letter of a spaced acronym.
fn tokenised_stop_ends(r: &str, dot: usize, next_word: &str) -> bool {
    let before = r[..dot].trim_end_matches(is_space);
    if before.len() == dot {
        return true;
    }
    let token = before.rsplit(is_space).next().unwrap_or("");
    if token.is_empty() || token.len() > 8 || !token.bytes().all(|b| b.is_ascii_alphabetic()) {
        return true;
    }
    let lt = token.to_ascii_lowercase();
    if TITLE_SET.contains(&lt) {
        return false;
    }
    if token.len() == 1 && lt != "i" {
        // "u . s .": a letter before another spaced letter, or after one.
        let mut next = next_word.split(is_space);
        let next_letter =
            next.next().is_some_and(|t| t.len() == 1 && t.bytes().all(|b| b.is_ascii_alphabetic()))
                && next.next() == Some(".");
        let rest = before[..before.len() - 1].trim_end_matches(is_space);
        let prev_letter = rest.strip_suffix('.').is_some_and(|p| {
            let p = p.trim_end_matches(is_space);
            p.rsplit(is_space)
                .next()
                .is_some_and(|t| t.len() == 1 && t.bytes().all(|b| b.is_ascii_alphabetic()))
        });
        return !(next_letter || prev_letter);
    }
    true
}

/// True when `w` (any case) is a title written before a name ("Mr", "St").
pub(super) fn is_title(w: &str) -> bool {
    TITLE_SET.contains_ignoring_case(w)
}

/// True when `w` (any case) is a common sentence opener.
pub(super) fn is_opener_word(w: &str) -> bool {
    OPENER_SET.contains_ignoring_case(w)
}

/// The word after the first one of `s`, if any.
fn word_after(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches(|c: char| !is_space(c));
    let rest = rest.trim_start_matches(is_space);
    (!rest.is_empty()).then_some(rest)
}

/// A short phrase of time opening a sentence, before "a.m."/"p.m.": at
/// most three words, the first a preposition of time or a number.
fn fronted_time(before: &str) -> bool {
    let mut words = before.split(is_space).filter(|w| !w.is_empty());
    let Some(first) = words.next() else { return true };
    // Counting no further than four words.
    if words.take(3).count() > 2 {
        return false;
    }
    let first = first.trim_start_matches(is_opener).to_ascii_lowercase();
    first.starts_with(|c: char| c.is_ascii_digit())
        || matches!(
            first.as_str(),
            "at" | "by" | "around" | "about" | "before" | "after" | "until" | "till" | "from" | "since"
        )
}

/// Credit roles whose abbreviations ("dir.", "prod.", "exec.",
/// "cinematog.") do not end a sentence before a name.
const CREDIT_ROLES: &[&str] = &[
    "animation",
    "assistant",
    "associate",
    "cinematographer",
    "cinematography",
    "composer",
    "designer",
    "director",
    "editor",
    "executive",
    "photography",
    "producer",
    "production",
    "screenplay",
    "supervisor",
    "music",
];

/// Prefixes of credit roles that are words of their own and end sentences.
const ROLE_PREFIX_WORDS: &[&str] = &[
    "ass", "assist", "cinema", "compose", "design", "dire", "direct", "edit", "music", "photo", "pro",
    "produce", "product", "screen", "super",
];

/// An abbreviated credit role: three or more letters (or "ed") cutting a
/// role word short by two or more, after an optional "co-" ("co-prod").
pub(super) fn is_credit_abbreviation(lw: &str) -> bool {
    let w = lw.strip_prefix("co-").unwrap_or(lw);
    // Most words stop at the filter of the roles' first two letters.
    let (set, pairs) = &*CREDIT_ABBREVIATION_SET;
    letter_pair(w).is_some_and(|p| pairs[p / 64] & (1 << (p % 64)) != 0) && set.contains(w)
}

/// The first two bytes of `w` as a number below 26 * 26, when they are
/// lower-case ASCII letters.
fn letter_pair(w: &str) -> Option<usize> {
    match w.as_bytes() {
        [a @ b'a'..=b'z', b @ b'a'..=b'z', ..] => Some(usize::from(a - b'a') * 26 + usize::from(b - b'a')),
        _ => None,
    }
}

/// Every abbreviation [`is_credit_abbreviation`] accepts, from the roles.
fn credit_abbreviations() -> Vec<String> {
    let mut out = vec!["ed".to_string()];
    for r in CREDIT_ROLES {
        for n in 3..=r.len() - 2 {
            out.push(r[..n].to_string());
        }
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|w| !ROLE_PREFIX_WORDS.contains(&w.as_str()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_abbreviations_by_rule() {
        for w in [
            "dir",
            "prod",
            "exec",
            "co-prod",
            "cinematog",
            "ed",
            "assoc",
            "anim",
            "comp",
            "des",
            "sup",
            "mus",
            "scr",
            "phot",
            "co-exec",
        ] {
            assert!(is_credit_abbreviation(w), "{w}");
        }
        for w in ["edit", "direct", "product", "director", "producer", "man", "co", "d", "film", "dire"] {
            assert!(!is_credit_abbreviation(w), "{w}");
        }
        // The first-letter filter lets every role through.
        for r in CREDIT_ROLES {
            assert!(credit_abbreviations().iter().any(|a| r.starts_with(a.as_str())), "{r}");
            assert!(is_credit_abbreviation(&r[..3]) || ROLE_PREFIX_WORDS.contains(&&r[..3]), "{r}");
        }
    }

    #[test]
    fn word_lists_are_short_lower_case_ascii_and_found() {
        for (list, set) in [
            (TITLES, &*TITLE_SET),
            (ABBREVIATIONS, &*ABBREVIATION_SET),
            (OPENERS, &*OPENER_SET),
            (FUNCTION_WORDS, &*FUNCTION_SET),
        ] {
            assert_eq!(set.keys.len(), list.len());
            for w in list {
                // Titles and abbreviations are looked up only up to 8 bytes.
                assert!(
                    w.len() <= 8 || std::ptr::eq(list, OPENERS) || std::ptr::eq(list, FUNCTION_WORDS),
                    "{w}"
                );
                assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
                assert!(set.contains(w));
                assert!(!set.contains(&format!("{w}x")) || list.contains(&format!("{w}x").as_str()));
                assert!(
                    set.contains_ignoring_case(&w.to_ascii_uppercase())
                        && !set.contains(&w.to_ascii_uppercase())
                );
                assert!(!set.contains(&w[1..]) || list.contains(&&w[1..]));
            }
        }
        assert!(!OPENER_SET.contains("accordingly") && !OPENER_SET.contains(""));
        assert!(
            FUNCTION_SET.contains_ignoring_case("ThE") && !FUNCTION_SET.contains_ignoring_case("th\u{e9}")
        );
    }
}
