//! The film topic of a unit or document: a learned word list that says how strongly a
//! sentence's words belong to film and TV writing rather than to other text.
//!
//! `lexicons/topic.csv` (columns `word, weight`) is made by
//! `scripts/learn_topic.py` from unlabelled documents: a word's weight is
//! its smoothed log odds of occurring in a film or TV document rather than
//! in another one (naive Bayes with a Bernoulli model; Manning, Raghavan and
//! Schütze, *Introduction to Information Retrieval*, 2008, §13.3). A unit's
//! [`TopicScore`] is the sum of the weights of its distinct words divided by
//! the square root of their number, so that long sentences are not favoured.
//! The tagger uses it in two places: a term that `needs=screen` and
//! finds no screen cue, role term or film document also counts in a short
//! document when the unit's score is above [`TOPIC_THRESHOLD`]; and a term
//! whose other sense is business or industry is read in that sense, in a
//! document without film context, when the whole document's score is below
//! [`SENSE_THRESHOLD`].
//!
//! Limits: words are runs of ASCII letters (with inner `'` or `-`),
//! compared lower-cased; words with other letters are not scored. The
//! weights come from the corpora in `../shared/data`; writing of other
//! places and times has other words.

use crate::error::Error;
use crate::text::bitmap::topic_bits;
use std::collections::HashMap;

/// The score *above* which a unit counts as film or TV writing: at 0, its
/// words lean to film more than to other writing (a unit of unknown words
/// scores 0 and does not count). Chosen by 5-fold cross-validation over
/// `../shared/eval` dev + train from 0, 0.5, 1, 1.5 and 2
/// (`scripts/cv_topic.py`).
pub const TOPIC_THRESHOLD: f32 = 0.0;

/// The score *below* which a document that is not about film or TV reads
/// a word of business or industry sense in that sense (board "directors",
/// oil "producers"; [`crate::tag::Status::OffTopic`]): its words lean to
/// other writing by a clear margin. Chosen by 5-fold cross-validation
/// (folds by document) from -3, -2.5, -2, -1.5, -1, -0.5 and 0 over
/// `../shared/eval` dev + train and the study samples of
/// `tests/data/study` (`scripts/cv_topic.py`).
pub const SENSE_THRESHOLD: f32 = -2.0;

/// Above this many bytes of text, [`TopicModel::score`] keeps only the
/// first of repeated words (a hash set, as it reads) and sorts those. A
/// document's (or 1 MiB block's) score reads all of its words, about
/// 170,000 per MiB of news and 20,000 of them distinct: sorting every
/// hash was 28% of the instructions of a
/// scan of `c100-large/part.00` (BBC news, callgrind). With the set and
/// the one-pass word hashes the score there fell from 347 M to 220 M
/// instructions (the whole scan from 1,203 M to 1,075 M).
const DEDUP_SET_FROM: usize = 4096;

/// Per-word film weights.
///
/// Words are kept as 64-bit hashes of their lower-case bytes (the
/// matcher's word hash, a multiply per eight bytes), no string per word (a map of boxed strings cost about
/// 7 M instructions to build and drop per run, 1% of a 16 MB scan), in a
/// hash map keyed by them (foldhash, as the score's own word set).
/// Callgrind, a `-j1` scan of `c100` (59,101 files): 47 M fewer
/// instructions than a binary search of a sorted list (6,414 M → 6,367 M),
/// and within 2 M of a hand-written open-addressing table (6,265 M vs
/// 6,263 M with later changes), so the crate's map is kept. Two listed
/// words with the same hash are refused at load (no two words of up to
/// eight bytes can have one); a word of the text that is not listed could
/// still share a hash with a listed one (odds about 12,000 in 2^64 for a
/// word of nine bytes or more; such words can be made on purpose).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicModel {
    weights: HashMap<u64, f32, foldhash::fast::FixedState>,
    /// The words' FNV-1a hashes and weights, sorted by hash: what
    /// [`crate::Lexicon::fingerprint`] reads, kept from before the
    /// scorer's hash changed so that a lexicon's fingerprint did not.
    fnv_weights: Vec<(u64, f32)>,
}

/// The hash a word is kept and looked up by: the matcher's hash of an
/// ASCII word ignoring case ([`crate::matcher::word_hash`]; a multiply per
/// eight bytes). Meant for ASCII letters, `'` and `-`: the hash sets bit
/// 0x20 of each byte, so some other bytes hash as these do (`\r` as `-`).
/// `w` must not be empty.
fn word_hash(w: &[u8]) -> u64 {
    crate::matcher::word_hash(w, 0, w.len())
}

/// FNV-1a over the ASCII lower case of `w` (Fowler, Noll and Vo; the
/// 64-bit offset basis and prime of the public FNV specification): only
/// for [`TopicModel::weights`].
fn fnv_hash(w: &[u8]) -> u64 {
    w.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, &c| {
        (h ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3)
    })
}

/// A unit's topic score and the words that made it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TopicScore {
    /// Sum of the distinct words' weights over the square root of their number.
    pub score: f32,
    /// Distinct words in the unit.
    pub words: usize,
}

impl TopicModel {
    /// Parses `word,weight` lines (a header row first; `#` lines are
    /// comments). Errors name the file and line: a missing column; a word
    /// that the scorer cannot meet (it must be lower-case ASCII letters,
    /// with `'` and `-` only between letters); a weight that is not a
    /// finite number; a word listed twice.
    pub fn parse(file: &str, content: &str) -> Result<TopicModel, Error> {
        let err = |line: usize, message: String| Error::Lexicon {
            file: file.to_string(),
            line: line as u64,
            message,
        };
        let mut weights: Vec<(u64, f32)> = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let mut lines: Vec<usize> = Vec::new();
        let mut header = false;
        for (i, raw) in content.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if !header {
                if line != "word,weight" {
                    return Err(err(i + 1, format!("the header must be `word,weight`, found {line:?}")));
                }
                header = true;
                continue;
            }
            let (w, x) = line.split_once(',').ok_or_else(|| err(i + 1, "expected `word,weight`".into()))?;
            let wb = w.as_bytes();
            let ok = wb.first().is_some_and(u8::is_ascii_lowercase)
                && wb.last().is_some_and(u8::is_ascii_lowercase)
                && wb.iter().all(|&b| b.is_ascii_lowercase() || b == b'\'' || b == b'-');
            if !ok {
                return Err(err(
                    i + 1,
                    format!(
                        "the scorer cannot meet word {w:?} (lower-case ASCII letters, `'` or `-` only between letters)"
                    ),
                ));
            }
            let x: f32 = x
                .trim()
                .parse()
                .ok()
                .filter(|x: &f32| x.is_finite())
                .ok_or_else(|| err(i + 1, format!("weight {x:?} is not a number")))?;
            weights.push((word_hash(w.as_bytes()), x));
            words.push(w);
            lines.push(i + 1);
        }
        if !header {
            return Err(err(0, "no `word,weight` header".into()));
        }
        let mut order: Vec<usize> = (0..weights.len()).collect();
        order.sort_by_key(|&k| (weights[k].0, lines[k]));
        if let Some(w) = order.windows(2).find(|w| weights[w[0]].0 == weights[w[1]].0) {
            let (first, again) = (lines[w[0]], lines[w[1]]);
            let message = if words[w[0]] == words[w[1]] {
                format!("the word is listed twice (first at line {first})")
            } else {
                format!(
                    "the word {:?} has the same 64-bit hash as {:?} at line {first}; leave one out",
                    words[w[1]], words[w[0]]
                )
            };
            return Err(err(again, message));
        }
        let mut fnv_weights: Vec<(u64, f32)> =
            words.iter().zip(&weights).map(|(w, &(_, x))| (fnv_hash(w.as_bytes()), x)).collect();
        fnv_weights.sort_unstable_by_key(|&(h, _)| h);
        Ok(TopicModel { weights: weights.into_iter().collect(), fnv_weights })
    }

    /// The words' FNV-1a hashes and weights, sorted by hash (what
    /// [`crate::Lexicon::fingerprint`] hashes).
    pub(crate) fn weights(&self) -> &[(u64, f32)] {
        &self.fnv_weights
    }

    /// Number of words with a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when no word has a weight.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The weight of `word` (compared in ASCII lower case), 0 when unknown.
    pub fn weight(&self, word: &str) -> f32 {
        if word.is_empty() {
            return 0.0;
        }
        self.weight_of_hash(word_hash(word.as_bytes()))
    }

    #[inline]
    fn weight_of_hash(&self, h: u64) -> f32 {
        self.weights.get(&h).copied().unwrap_or(0.0)
    }

    /// Scores `text`; `seen` is a scratch buffer (the distinct words'
    /// hashes, sorted, when it returns).
    ///
    /// ```
    /// use rolecall::tag::topic::TopicModel;
    /// let m = TopicModel::parse("topic.csv", "word,weight\nfilm,3\nshares,-2\n").unwrap();
    /// assert!(m.score("The film opened.", &mut Vec::new()).score > 1.0);
    /// assert!(m.score("Shares fell.", &mut Vec::new()).score < 0.0);
    /// ```
    pub fn score(&self, text: &str, seen: &mut Vec<u64>) -> TopicScore {
        seen.clear();
        let b = text.as_bytes();
        // A word: an ASCII letter, then letters, `'` and `-`, ending on a
        // letter (the learner's `[a-z](?:[a-z'-]*[a-z])?` on lower-cased
        // text). Letters beside it that are not ASCII do not join it.
        // Words are found in bitmaps of 64 bytes (letters; letters, `'`
        // and `-`) with `trailing_zeros`, no branch per byte, and hashed
        // eight bytes at a time. Against a byte loop with an FNV-1a step
        // per byte (scratch benchmark, paired rounds, medians): 1.65 times
        // as fast on the 101 blocks of 1 MiB of `c100-large`, 1.3 times on
        // every fifth file of `c100`. Callgrind counts *more* instructions
        // (the score in a `-j1` scan of `c100-large/part.00`: 161 M →
        // 169 M); the time saved is presumably in mispredicted branches
        // (this machine has no counters to show it). Whole scans, alternating rounds: that file at
        // `-j1` 1.06 times as fast (15 rounds), `c100-large` 1.03 to 1.05,
        // `c100` 0.98 to 1.04 (11 rounds each).
        let mut set = (b.len() > DEDUP_SET_FROM).then(|| {
            std::collections::HashSet::with_capacity_and_hasher(
                b.len() / 64,
                foldhash::fast::FixedState::default(),
            )
        });
        let groups = b.len().div_ceil(64);
        let mut k = 0;
        if groups > 0 {
            // Group `k`'s letters and word bytes; `next_letters`: its
            // letters not read yet.
            let (mut letters, mut word_bytes) = topic_bits(b, 0);
            let mut next_letters = letters;
            'words: loop {
                while next_letters == 0 {
                    k += 1;
                    if k == groups {
                        break 'words;
                    }
                    (letters, word_bytes) = topic_bits(b, k);
                    next_letters = letters;
                }
                let start = 64 * k + next_letters.trailing_zeros() as usize;
                // The run of word bytes from `start`: its end is the first
                // byte after it that is no word byte (nor is a group's
                // zero padding).
                let mut ends = !word_bytes & (u64::MAX << (start % 64));
                let run_end = loop {
                    if ends != 0 {
                        break 64 * k + ends.trailing_zeros() as usize;
                    }
                    k += 1;
                    if k == groups {
                        break b.len();
                    }
                    (letters, word_bytes) = topic_bits(b, k);
                    ends = !word_bytes;
                };
                // `'` and `-` belong to the word only with a letter after them.
                let mut end = run_end;
                while matches!(b[end - 1], b'\'' | b'-') {
                    end -= 1;
                }
                let h = crate::matcher::word_hash_inline(b, start, end);
                if set.as_mut().is_none_or(|s| s.insert(h)) {
                    seen.push(h);
                }
                if k == groups {
                    break;
                }
                next_letters = letters & (u64::MAX << (run_end % 64));
            }
        }
        // Distinct words: sorted hashes, not a search per word (which
        // made a long unit quadratic); a long text's are distinct already.
        seen.sort_unstable();
        seen.dedup();
        // Summed in f64, so the score does not hang on the hashes' order:
        // with the shipped weights (f32, |weight| from 0.5 to 4, 12,379
        // words) every partial sum is a multiple of 2^-24 below 2^16, held
        // exactly by a 53-bit mantissa.
        let sum: f64 = seen.iter().map(|&h| f64::from(self.weight_of_hash(h))).sum();
        let n = seen.len();
        TopicScore { score: if n == 0 { 0.0 } else { (sum / (n as f64).sqrt()) as f32 }, words: n }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_name_the_line() {
        for (bad, want) in [
            ("word,weight\nFilm,1\n", "topic.csv:2:"),
            ("word,weight\nfilm,x\n", "not a number"),
            ("word,weight\nfilm,1\nfilm,2\n", "topic.csv:3: the word is listed twice (first at line 2)"),
            // Two words of 16 letters found to share a hash (a search over
            // 8-letter prefixes; no two words of up to eight bytes can).
            (
                "word,weight\naaaaaaaaaaadbeaa,1\njxanpmjvsunxczvv,2\n",
                "topic.csv:3: the word \"jxanpmjvsunxczvv\" has the same 64-bit hash as \"aaaaaaaaaaadbeaa\" at line 2",
            ),
            ("w,x\n", "header"),
            ("", "header"),
            ("word,weight\nfilm\n", "expected"),
            ("word,weight\n-film,1\n", "cannot meet"),
            ("word,weight\nfilm',1\n", "cannot meet"),
        ] {
            let e = TopicModel::parse("topic.csv", bad).unwrap_err().to_string();
            assert!(e.contains(want), "{bad:?}: {e}");
        }
        let m = TopicModel::parse("t", "# note\nword,weight\nbox-office,2.5\ndon't,0.5\n").unwrap();
        assert_eq!((m.len(), m.weight("box-office"), m.weight("don't"), m.weight("x")), (2, 2.5, 0.5, 0.0));
    }

    #[test]
    fn map_lookup_is_the_sorted_list_lookup() {
        let csv = include_str!("../../lexicons/topic.csv");
        let m = TopicModel::parse("topic.csv", csv).unwrap();
        let mut sorted: Vec<(u64, f32)> = csv
            .lines()
            .filter(|l| !l.starts_with('#') && *l != "word,weight")
            .map(|l| l.split_once(',').unwrap())
            .map(|(w, x)| (word_hash(w.as_bytes()), x.parse().unwrap()))
            .collect();
        sorted.sort_unstable_by_key(|&(h, _)| h);
        assert!(m.len() > 1000 && sorted.len() == m.len() && sorted.windows(2).all(|w| w[0].0 < w[1].0));
        let search = |h: u64| sorted.binary_search_by_key(&h, |&(k, _)| k).map_or(0.0, |i| sorted[i].1);
        for &(h, x) in &sorted {
            assert_eq!(m.weight_of_hash(h).to_bits(), x.to_bits());
        }
        // Hashes not listed.
        for k in 0..20_000u64 {
            let h = k.wrapping_mul(0x2545_f491_4f6c_dd1d);
            assert_eq!(m.weight_of_hash(h).to_bits(), search(h).to_bits(), "{h:#x}");
        }
        // Small tables: 0 to 3 words ("a", "aa", "aaa").
        for len in 0..4 {
            let rows: String = (1..=len).map(|n| format!("{},1\n", "a".repeat(n))).collect();
            let m = TopicModel::parse("t", &format!("word,weight\n{rows}")).unwrap();
            let a = if len > 0 { 1.0 } else { 0.0 };
            assert_eq!((m.len(), m.weight("a"), m.weight("zz")), (len, a, 0.0));
        }
    }

    #[test]
    fn fingerprint_weights_are_fnv_hashes() {
        // FNV-1a's published 64-bit value for "a".
        assert_eq!(fnv_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        let m = TopicModel::parse("t", "word,weight\nfilm,2\nbox-office,-1.5\n").unwrap();
        let mut want = vec![(fnv_hash(b"film"), 2.0), (fnv_hash(b"box-office"), -1.5)];
        want.sort_unstable_by_key(|&(h, _)| h);
        assert_eq!(m.weights(), want);
    }

    /// The words and hashes of `text` read in two passes (bounds, then
    /// [`word_hash`]): what the one-pass reader must give.
    fn reference_hashes(text: &str) -> Vec<u64> {
        let b = text.as_bytes();
        let (mut i, mut out) = (0, Vec::new());
        while i < b.len() {
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let (start, mut end) = (i, i + 1);
            i += 1;
            while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'\'' || b[i] == b'-') {
                if b[i].is_ascii_alphabetic() {
                    end = i + 1;
                }
                i += 1;
            }
            i = end;
            out.push(word_hash(&b[start..end]));
        }
        out
    }

    proptest::proptest! {
        // Short texts (sorted only), long ones (past DEDUP_SET_FROM
        // bytes: repeats dropped by the hash set as they are read), and
        // words of up to 150 letters across the bitmaps' 64-byte groups.
        #[test]
        fn one_pass_words_are_the_two_pass_words(
            text in proptest::prop_oneof![
                "[aBzZ09@`{\\['\\- .é\u{0}\u{7f}\u{85}]{0,40}",
                "[aBzZ09@`{\\['\\- .é\u{0}\u{7f}\u{85}]{4000,9000}",
                "([a-zA-Z]{0,150}['\\- .é]{1,3}){0,8}"
            ]
        ) {
            let mut seen = Vec::new();
            let m = TopicModel::default();
            let got = m.score(&text, &mut seen);
            let mut want = reference_hashes(&text);
            want.sort_unstable();
            want.dedup();
            proptest::prop_assert_eq!(got.words, want.len());
            proptest::prop_assert_eq!(seen, want);
        }
    }

    #[test]
    fn a_long_text_scores_as_its_sorted_distinct_words() {
        // Words of a small vocabulary, repeated: past DEDUP_SET_FROM bytes
        // the repeats go through the hash set; the score must be bit-identical
        // to the sum over the distinct words (in the vocabulary's order).
        let vocab: Vec<String> =
            (0..300).map(|k| format!("w{}", "q".repeat(k % 17) + &"x".repeat(k / 17))).collect();
        let table: String =
            vocab.iter().enumerate().map(|(k, w)| format!("{w},{}\n", (k as f32 * 0.37).sin())).collect();
        let m = TopicModel::parse("t", &format!("word,weight\n{table}")).unwrap();
        let text: String = (0..5_000).map(|k| format!("{} ", vocab[(k * 7919) % vocab.len()])).collect();
        let hashes: Vec<u64> = vocab.iter().map(|w| word_hash(w.as_bytes())).collect();
        let want = (hashes.iter().map(|&h| f64::from(m.weight_of_hash(h))).sum::<f64>()
            / (hashes.len() as f64).sqrt()) as f32;
        let got = m.score(&text, &mut Vec::new());
        assert_eq!((got.words, got.score.to_bits()), (vocab.len(), want.to_bits()));
    }

    #[test]
    fn words_at_the_bitmaps_group_edges() {
        // Runs of letters, or letters then `'`/`-`, ending at, just before
        // and just after 64-byte group edges, alone and after other text.
        let m = TopicModel::default();
        let mut seen = Vec::new();
        for lead in ["", " ", "ab-", "x'y ", &" ".repeat(63)] {
            for n in [1, 62, 63, 64, 65, 127, 128, 129, 200] {
                for tail in ["", "'", "--", " ", "-z", "\u{e9}"] {
                    let text = format!("{lead}{}{tail}", "q".repeat(n));
                    let mut want = reference_hashes(&text);
                    want.sort_unstable();
                    want.dedup();
                    let got = m.score(&text, &mut seen);
                    assert_eq!((got.words, &seen), (want.len(), &want), "{lead:?} + {n} letters + {tail:?}");
                }
            }
        }
    }

    #[test]
    fn shipped_weights_sum_exactly_in_f64() {
        // The condition the score's f64 sum relies on: every |weight| from
        // 0.5 to 4 (f32 multiples of 2^-24), their total below 2^16.
        let csv = include_str!("../../lexicons/topic.csv");
        let m = TopicModel::parse("topic.csv", csv).unwrap();
        let total: f64 = m.weights().iter().map(|&(_, x)| f64::from(x.abs())).sum();
        assert!(m.weights().iter().all(|&(_, x)| (0.5..=4.0).contains(&x.abs())));
        assert!(total < 65_536.0, "{total}");
        assert_eq!(m.weight(""), 0.0);
    }

    #[test]
    fn score_counts_distinct_ascii_words() {
        let m = TopicModel::parse("t", "word,weight\nfilm,2\nstudio,1\nbank,-3\n").unwrap();
        let mut seen = Vec::new();
        // "film" twice counts once; three distinct words.
        let s = m.score("Film, film STUDIO release", &mut seen);
        assert_eq!(s.words, 3);
        assert!((s.score - 3.0 / 3f32.sqrt()).abs() < 1e-6);
        assert_eq!(m.score("", &mut seen), TopicScore { score: 0.0, words: 0 });
        // Words as the learner's regex finds them in lower-cased text:
        // inner apostrophes and hyphens (runs too) join, trailing ones do
        // not, and a non-ASCII letter splits ("caf\u{e9}film": "caf", "film").
        let m2 = TopicModel::parse("t", "word,weight\nfilm's,1\nbox-office,2\nfilm,8\na--b,4\n").unwrap();
        let s = m2.score("the film's caf\u{e9}film box-office a--b x'- \u{201c}film\u{201d}", &mut seen);
        assert_eq!(s.words, 7, "the film's caf film box-office a--b x");
        assert!((s.score - 15.0 / 7f32.sqrt()).abs() < 1e-5, "{}", s.score);
        // A long unit of distinct words is scored in n log n, not n^2.
        let long: String =
            (0..200_000).map(|k| format!("w{k:x} ").replace(|c: char| c.is_ascii_digit(), "q")).collect();
        let t = std::time::Instant::now();
        m.score(&long, &mut seen);
        assert!(t.elapsed().as_secs() < 2);
        assert!(m.score("bank bank film", &mut seen).score < 0.0);
    }
}
