//! Tagging: from a document's text to labelled units with their evidence.
//!
//! The [`Tagger`] owns a lexicon, its compiled [`Matcher`] and the unit mode.
//! For each unit it finds the matches, adds up the weights of each role's
//! counting matches (`role` and `activity` terms; `exclude` terms count for
//! nothing), and labels the unit: a role *fires* when its weights reach 1;
//! no role firing → `none`, one → that role, more → `both`.
//!
//! Context rules decide which matches count ([`Status`]): a term with
//! `needs=SET` counts only where a cue of SET is in the unit; for the
//! `screen` set (film and TV) a *screen signal* also satisfies it: a screen
//! cue, a match of a rule-free `role` term (such as "directed by"), or a
//! document with at least [`DOC_SCREEN_SIGNALS`] distinct such signals (a
//! plural the same signal as its singular), and
//! in a long document at least one per [`DOC_SCREEN_DENSITY`] units. A term with
//! `unless=SET` is discounted where a cue of SET is in the unit and the unit
//! has no screen signal, or where such a cue modifies the term from nearby
//! and is nearer to it than every screen signal of the unit ("the film … is
//! to be turned into a musical by the producer": [`NEAR_CUE_BYTES`]); a
//! cue of a [screen-blind](SCREEN_BLIND_SETS) set (technical award
//! citations' formulas) discounts the terms after it whatever the unit's
//! screen signals. A
//! weak term (weight below 1) counts once per unit: its repeats are
//! [`Status::Repeated`] and add nothing.
//!
//! In a short document (at most [`SHORT_DOC_UNITS`] units: a sentence, a
//! title, a description) the document-level signal count says little, so a
//! `needs=screen` term that finds no screen signal also counts when the
//! unit's learned film topic score ([`crate::tag::topic`]) is above the threshold
//! and the unit holds no cue of another set. This holds for each block of a
//! document over [`BLOCK_BYTES`] too, so a last block of at most three
//! units is judged as a short document.
//!
//! The topic score also works the other way, for the words whose other
//! sense is business or industry ("directors" of a board, oil
//! "producers"; a term whose `unless` names one of [`TOPIC_SENSE_SETS`]): in
//! a document (or block) that is not about film or TV, such a match in a
//! unit without a screen signal is read in that other sense
//! ([`Status::OffTopic`]) when the whole document's film topic score is
//! below the sense threshold ([`crate::tag::topic::SENSE_THRESHOLD`]).

pub mod explain;
pub mod topic;

use crate::error::Error;
use crate::lexicon::{Lexicon, RoleId, SCREEN_SET, SetId, TermKind};
use crate::matcher::{CueMatch, Match, Matcher, Scratch as MatchScratch, WordBits};
use crate::tag::topic::{SENSE_THRESHOLD, TOPIC_THRESHOLD};
use crate::text::segment::{Segmenter, UnitMode};
use crate::text::span::Span;

/// A unit's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// Exactly one role fired.
    Role(RoleId),
    /// Two or more roles fired.
    Both,
    /// No role fired.
    None,
}

impl Label {
    /// The label's name: the role's name, `both` or `none`.
    pub fn name<'a>(&self, lexicon: &'a Lexicon) -> &'a str {
        match *self {
            Label::Role(r) => lexicon.role_name(r),
            Label::Both => "both",
            Label::None => "none",
        }
    }

    /// The label of per-role scores (`scores[r]` the summed weights of
    /// role `r`'s counted matches): a role fires at 1.
    pub fn from_scores(scores: &[f64]) -> Label {
        let mut fired = scores.iter().enumerate().filter(|&(_, &s)| s >= 1.0 - 1e-9).map(|(i, _)| i);
        match (fired.next(), fired.next()) {
            (None, _) => Label::None,
            (Some(r), None) => Label::Role(RoleId(r as u16)),
            (Some(_), Some(_)) => Label::Both,
        }
    }

    /// Position of this label in [`label_names`] order: roles, `both`, `none`.
    pub fn index(&self, n_roles: usize) -> usize {
        match *self {
            Label::Role(r) => r.index(),
            Label::Both => n_roles,
            Label::None => n_roles + 1,
        }
    }
}

/// All label names in output order: each role, then `both`, then `none`.
pub fn label_names(lexicon: &Lexicon) -> Vec<String> {
    let mut v: Vec<String> = lexicon.roles().to_vec();
    v.push("both".into());
    v.push("none".into());
    v
}

/// Parses a label name against a lexicon's roles.
pub fn parse_label(name: &str, lexicon: &Lexicon) -> Option<Label> {
    match name.trim().to_ascii_lowercase().as_str() {
        "both" => Some(Label::Both),
        "none" => Some(Label::None),
        n => lexicon.roles().iter().position(|r| r == n).map(|i| Label::Role(RoleId(i as u16))),
    }
}

/// Documents longer than this are judged for film context in blocks of at
/// least this many bytes, cut at blank lines.
pub const BLOCK_BYTES: usize = 1 << 20;

/// `(start, end)` of the blocks that `cuts` make of a text of `len` bytes.
fn bounds(cuts: &[usize], len: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    std::iter::once(0).chain(cuts.iter().copied()).zip(cuts.iter().copied().chain(std::iter::once(len)))
}

/// Documents (or blocks) of at most this many units rarely show three
/// distinct screen signals: there a term that needs film context
/// and finds none may take it from the unit's film topic score
/// ([`crate::tag::topic`]) when no cue of another sense is in the unit.
pub const SHORT_DOC_UNITS: usize = 3;

/// Distinct screen signals (different cues or terms) that make a whole
/// document about film or TV: three mentions of "television" in a sports
/// story are one signal, not three.
pub const DOC_SCREEN_SIGNALS: usize = 3;

/// A long document (or block) is about film or TV only if its screen
/// signals are at least this dense: one per this many units. Kind "a long
/// text about something else reaches three distinct signals by chance"
/// (issue 11, kind 4): every novel of `../shared/data` is 2,600 to 9,100
/// units long with 5 to 88 signals ("scene", "acting", "animated",
/// "sequel"), and was read as film writing, so its weak words counted
/// (Moby-Dick: 61 director and 59 producer sentences); so were long
/// speeches and a politics story. Film reviews of 100 units and more hold
/// 13 to 83 signals. Only documents of more than
/// `DOC_SCREEN_SIGNALS * DOC_SCREEN_DENSITY` (150) units are affected.
pub const DOC_SCREEN_DENSITY: usize = 50;

/// How near (in bytes between the two spans) a cue of a term's `unless`
/// set must be to discount the term in a unit that has a screen signal
/// (and nearer than every screen signal): about three short words, as in
/// "a musical by the producer" or "album, The Massacre, is released".
pub const NEAR_CUE_BYTES: usize = 20;

/// Bytes between two spans (0 when they touch or overlap).
fn byte_gap(a: Span, b: Span) -> usize {
    if a.end <= b.start { b.start - a.end } else { a.start.saturating_sub(b.end) }
}

/// Whether the text between a cue and a term holds a clause boundary: a
/// semicolon, a colon, or a comma followed by a joining word ("the music,
/// with producers A and B"; "an opera, and director A"). A comma around
/// an apposition ("album, The Massacre, is released") is no boundary.
fn clause_break(between: &str) -> bool {
    // Sentence ends too: a unit in line mode can hold several sentences.
    if between.contains([';', ':', '.', '!', '?']) {
        return true;
    }
    const JOINING: [&str; 9] = ["and", "or", "but", "with", "while", "as", "who", "which", "whose"];
    between.split(',').skip(1).any(|part| one_of(part.split_whitespace().next(), &JOINING))
}

/// Whether `word` is one of `set`, ASCII case ignored.
fn one_of(word: Option<&str>, set: &[&str]) -> bool {
    word.is_some_and(|w| set.iter().any(|s| w.eq_ignore_ascii_case(s)))
}

/// The prepositions through which a cue right after a term modifies it.
const LINKING: [&str; 4] = ["of", "at", "for", "in"];

/// Whether a cue at `cue` reads as a modifier of the term at `term`, the
/// way the proximity rule of [`Tagger::discounting_cue`] needs it: before
/// the term, at most [`NEAR_CUE_BYTES`] bytes away and in the same clause
/// ("a musical by the producer", "album, The Massacre, is released"; not
/// "the music, with producers", nor "to match director"), or right after it
/// through "of", "at", "for" or "in" and an optional article ("director of
/// the IMRG", "The Producers at Theatre Royal"), or a cue that opens with
/// one of them ("Studio for the design of"); for an amount (`amount`,
/// a built-in term such as `<money>`), also the noun right after it, which
/// says what the money is for ("a £7m musical"). A cue after a verb ("the
/// producers defended Rock") is its object or a later clause, not a
/// modifier, and is left out.
fn modifies(text: &str, cue: Span, term: Span, amount: bool) -> bool {
    if cue.end <= term.start {
        if term.start - cue.end > NEAR_CUE_BYTES {
            return false;
        }
        let (Some(between), Some(before)) = (text.get(cue.end..term.start), text.get(..cue.start)) else {
            return false;
        };
        // "to match director A": the cue is a verb, not a modifier.
        let infinitive = before.trim_end().rsplit(|c: char| !c.is_alphanumeric()).next() == Some("to");
        return !infinitive && !clause_break(between);
    }
    if cue.start < term.end {
        return false; // overlaps the term: part of it, not context
    }
    let Some(between) = text.get(term.end..cue.start) else { return false };
    if amount && between.trim().is_empty() {
        return true;
    }
    // A cue that opens with the preposition itself ("Studio for the
    // design of"), right after the term.
    if between.trim().is_empty()
        && one_of(text.get(cue.range()).and_then(|c| c.split_whitespace().next()), &LINKING)
    {
        return true;
    }
    let mut words = between.split_whitespace();
    if !one_of(words.next(), &LINKING) {
        return false;
    }
    match (words.next(), words.next()) {
        (None, _) => true,
        (article, None) => one_of(article, &["the", "a", "an"]),
        _ => false,
    }
}

/// The context sets whose sense the film topic model tells apart from film:
/// it was learned from film and TV documents against business, economy and
/// commodity newswire, among others ([`crate::tag::topic`]). A lexicon
/// without sets of these names does not use the rule.
pub const TOPIC_SENSE_SETS: [&str; 2] = ["business", "industry"];

/// The context sets whose cue discounts a later term that names the set in
/// `unless` even in a unit with a screen signal (without one, the plain
/// `unless` rule already discounts it wherever it stands). `citation` holds the
/// formulas of technical award citations ("for the design and development
/// of"): in "To B. Whited for the design and development of the Meander
/// drawing system at Walt Disney Animation Studios" the screen word
/// ("Animation", "camera", "motion picture") names the field of the
/// equipment, not a film being made, so it should not keep "Studios" in
/// its production sense. A lexicon without a set of this name does not
/// use the rule.
pub const SCREEN_BLIND_SETS: [&str; 1] = ["citation"];

/// Whether `set` is in the bit set `bits` (one bit per [`SetId`]).
fn in_bits(bits: u64, set: SetId) -> bool {
    bits & (1 << set.index()) != 0
}

/// Whether a match counted, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// It counted towards its role.
    Counted,
    /// An `exclude` term: it blocks shorter terms and counts for nothing.
    Excluded,
    /// Its `needs` set was nowhere to be found.
    NoContext(SetId),
    /// An `unless` set's cue (index into `TaggedDoc::cues`) was in the unit
    /// and no screen signal was, or, before the term, a cue of one of
    /// [`SCREEN_BLIND_SETS`], which discount whatever the unit's screen
    /// signals.
    Discounted(SetId, usize),
    /// In a unit with a screen signal, a cue of an `unless` set (index into
    /// `TaggedDoc::cues`) modifies the term from nearby and is nearer to it
    /// than every screen signal (the proximity rule of [`NEAR_CUE_BYTES`]).
    /// Written as `discounted:SET`, like [`Status::Discounted`].
    NearCue(SetId, usize),
    /// A weak term (weight below 1) already counted in this unit: a word
    /// said twice is one piece of evidence, so it adds no weight. (Its
    /// singular and plural are two terms and count twice: "deal ... other
    /// deals".)
    Repeated,
    /// Read in the other sense of its `unless` set (one of
    /// [`TOPIC_SENSE_SETS`]): the unit has no screen signal, the document
    /// is not about film or TV, and the document's film topic score
    /// ([`TaggedDoc::document_topic`]) is below the sense threshold.
    OffTopic(SetId),
}

impl Status {
    /// The status as written in `sentences.csv` (`statuses`) and
    /// `matches.csv` (`status`): `counted`, `excluded`, `needs:SET` (its
    /// `needs` set was not found), `discounted:SET` (a cue of its `unless`
    /// set was in the unit and no screen signal, or next to the term:
    /// [`Status::NearCue`]), `repeated`, `off-topic:SET`
    /// (read in SET's sense in a document whose words are not film's).
    pub fn code(&self, lexicon: &Lexicon) -> std::borrow::Cow<'static, str> {
        use std::borrow::Cow;
        match *self {
            Status::Counted => Cow::Borrowed("counted"),
            Status::Excluded => Cow::Borrowed("excluded"),
            Status::NoContext(set) => Cow::Owned(format!("needs:{}", lexicon.set_name(set))),
            Status::Discounted(set, _) | Status::NearCue(set, _) => {
                Cow::Owned(format!("discounted:{}", lexicon.set_name(set)))
            }
            Status::Repeated => Cow::Borrowed("repeated"),
            Status::OffTopic(set) => Cow::Owned(format!("off-topic:{}", lexicon.set_name(set))),
        }
    }

    /// Whether who-is-named ([`crate::people`]) reads the match as saying
    /// the role: when it counted, or when only a cue next to it discounted
    /// it ([`Status::NearCue`]). The proximity rule is for the sentence's
    /// label; on names it cost more than it gave: of the 17 names it took
    /// from a `--people` scan of the first round of c100, most were right
    /// ("Jimmy Page providing the music, with producers Golan and Globus";
    /// "hip-hop artist Quavo helped produce it"), and people sample 8 lost
    /// a pair.
    ///
    /// A cue right before the term (one space between: "rock producer",
    /// "band director") names the other job itself, so a term discounted
    /// by it names nobody. `doc` is the tagged document and `at` the
    /// match's span.
    pub fn names_role(&self, doc: &TaggedDoc, at: Span) -> bool {
        match *self {
            Status::Counted => true,
            Status::NearCue(_, k) => {
                doc.cues.get(k).is_none_or(|c| !(c.span.end <= at.start && byte_gap(c.span, at) <= 1))
            }
            _ => false,
        }
    }

    /// Whether a title right before a name ("its director Radley Metzger",
    /// "father of director Bertrand Blier") still names the role though the
    /// match was [`Status::Discounted`]: no cue of the term's `unless` sets
    /// in unit `u` modifies it (the proximity rule of `unless`), so the
    /// discount came from a cue elsewhere in the sentence ("with a musical
    /// score, and owes much to its director A"). A cue that modifies it
    /// ("the theatre's director A", "band director A") still names nobody.
    /// Only music and stage cues are read so: reviews speak of a film's
    /// songs and score, while a business, legal or civic cue anywhere in
    /// the sentence is most often the sense of the title itself (of the 47
    /// names a `--people` scan of `c100` took with every set, about 20
    /// were bank, company and agency officers and oil-producing countries).
    /// `text` is the document's text and `at` the match of term `term`.
    pub fn discounted_from_afar(
        &self,
        doc: &TaggedDoc,
        text: &str,
        lexicon: &Lexicon,
        u: usize,
        term: crate::lexicon::TermId,
        at: Span,
    ) -> bool {
        if !matches!(self, Status::Discounted(..)) {
            return false;
        }
        let t = lexicon.term(term);
        let amount = t.builtin.is_some();
        doc.cues[doc.units[u].cues.clone()].iter().all(|c| {
            let set = lexicon.cues()[c.cue as usize].set;
            !t.unless.contains(&set)
                || (matches!(lexicon.set_name(set), "music" | "stage") && !modifies(text, c.span, at, amount))
        })
    }
}

/// One tagged unit (a sentence or a line).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Byte span in the document's text.
    pub span: Span,
    /// The label.
    pub label: Label,
    /// Range of this unit's matches in [`TaggedDoc::matches`].
    pub matches: std::ops::Range<usize>,
    /// Range of this unit's context cues in [`TaggedDoc::cues`].
    pub cues: std::ops::Range<usize>,
}

/// A document's units, matches and per-role hit counts.
#[derive(Debug, Default, Clone)]
pub struct TaggedDoc {
    /// Units in text order.
    pub units: Vec<Unit>,
    /// All matches, in text order; spans are into the document's text.
    pub matches: Vec<Match>,
    /// Whether each match counted (parallel to `matches`).
    pub status: Vec<Status>,
    /// Context cues, per unit in text order.
    pub cues: Vec<CueMatch>,
    /// True when the document (or, for a long one, any of its blocks) is
    /// about film or TV.
    pub screen_document: bool,
    /// The screen signals of the document (or of all its blocks), repeats
    /// included: the evidence `screen_document` is decided on (it also
    /// needs [`DOC_SCREEN_SIGNALS`] distinct ones).
    pub screen_signals: usize,
    /// Counting matches per role: `hits[unit * roles + role]`.
    pub hits: Vec<u32>,
    /// Per unit, its film topic score ([`crate::tag::topic`]) where a term
    /// needed screen context that nothing else gave, else NaN (not worked out).
    pub topic: Vec<f32>,
    /// The whole document's (or block's) film topic score, where a term of
    /// a business or industry sense needed it ([`Status::OffTopic`]), else
    /// NaN (not worked out). For a document tagged in blocks: the last
    /// block's that was worked out.
    pub document_topic: f32,
    /// Number of roles (the stride of `hits`).
    pub roles: usize,
}

impl TaggedDoc {
    /// The counting matches of each role in unit `u`.
    pub fn hits_of(&self, u: usize) -> &[u32] {
        &self.hits[u * self.roles..(u + 1) * self.roles]
    }

    /// The matches of unit `u`.
    pub fn matches_of(&self, u: usize) -> &[Match] {
        &self.matches[self.units[u].matches.clone()]
    }

    /// The statuses of unit `u`'s matches.
    pub fn status_of(&self, u: usize) -> &[Status] {
        &self.status[self.units[u].matches.clone()]
    }

    /// The context cues of unit `u`.
    pub fn cues_of(&self, u: usize) -> &[CueMatch] {
        &self.cues[self.units[u].cues.clone()]
    }

    /// How cue `k` (an index into [`TaggedDoc::cues`], as a discount names
    /// it) is shown to a user: its text in `text`, or for a built-in cue
    /// its name as the lexicon writes it (`<to-capitals>`), since the text
    /// it stands on ("To") says nothing. Empty for an index out of range.
    pub fn cue_shown<'a>(&self, lexicon: &'a Lexicon, text: &'a str, k: usize) -> &'a str {
        let Some(c) = self.cues.get(k) else { return "" };
        let cue = &lexicon.cues()[c.cue as usize];
        if cue.builtin.is_some() { &cue.pattern } else { text.get(c.span.range()).unwrap_or("") }
    }

    /// Appends the units of `part`, a block starting at byte `at`.
    pub fn append(&mut self, part: &TaggedDoc, at: usize) {
        let (m0, c0) = (self.matches.len(), self.cues.len());
        self.matches.extend(part.matches.iter().map(|m| Match { term: m.term, span: m.span.offset(at) }));
        // A discount names its cue by index: rebase it with the cues.
        self.status.extend(part.status.iter().map(|&st| match st {
            Status::Discounted(set, k) => Status::Discounted(set, k + c0),
            Status::NearCue(set, k) => Status::NearCue(set, k + c0),
            other => other,
        }));
        self.cues.extend(part.cues.iter().map(|c| CueMatch { cue: c.cue, span: c.span.offset(at) }));
        self.units.extend(part.units.iter().map(|u| Unit {
            span: u.span.offset(at),
            label: u.label,
            matches: u.matches.start + m0..u.matches.end + m0,
            cues: u.cues.start + c0..u.cues.end + c0,
        }));
        self.hits.extend_from_slice(&part.hits);
        self.topic.extend_from_slice(&part.topic);
        if !part.document_topic.is_nan() {
            self.document_topic = part.document_topic;
        }
        self.screen_document |= part.screen_document;
        self.screen_signals += part.screen_signals;
    }

    fn clear(&mut self, roles: usize) {
        self.units.clear();
        self.matches.clear();
        self.status.clear();
        self.cues.clear();
        self.hits.clear();
        self.topic.clear();
        self.document_topic = f32::NAN;
        self.roles = roles;
        self.screen_document = false;
        self.screen_signals = 0;
    }
}

/// Tags documents with one lexicon.
#[derive(Debug, Clone)]
pub struct Tagger {
    lexicon: Lexicon,
    matcher: Matcher,
    mode: UnitMode,
    block_bytes: usize,
    screen: Option<SetId>,
    /// Per term: a rule-free `role` term, whose match is a screen signal.
    signal: Vec<bool>,
    /// Per cue: a cue of the `screen` set, also a screen signal.
    screen_cue: Vec<bool>,
    /// Per cue and per term: the id under which it counts as a distinct
    /// screen signal ([`plural_groups`]: a plural counts as its singular).
    cue_signal_id: Vec<u32>,
    term_signal_id: Vec<u32>,
    topic_threshold: f32,
    sense_threshold: f32,
    /// Bit set of the sets of [`TOPIC_SENSE_SETS`] in this lexicon.
    topic_senses: u64,
    /// Bit set of the sets of [`SCREEN_BLIND_SETS`] in this lexicon.
    screen_blind: u64,
    /// The lexicon's person terms ([`crate::people`]).
    people: crate::people::People,
}

/// Per-thread buffers for a [`Tagger`].
#[derive(Debug, Default)]
pub struct Scratch {
    segmenter: Segmenter,
    spans: Vec<Span>,
    matcher: MatchScratch,
    words: WordBits,
    scores: Vec<f64>,
    signals: Vec<usize>,
    topic_words: Vec<u64>,
    seen_signals: Vec<u32>,
    part: TaggedDoc,
}

/// For each pattern (normalised cue or term text, in id order), the id of
/// the pattern it counts as when signals are told apart: its singular when
/// that is a pattern too ("cameras" → "camera", "scenes" → "scene",
/// "directors" → "director"; a plural in `s` or `es`), else its own id. So
/// a document that says "camera" and "cameras" shows one screen signal, not
/// two (a technology report on camera phones had read as film writing).
/// The rule is by spelling: a user's lexicon with "art" and "arts", or
/// "new" and "news", would have each pair counted once; a pattern listed
/// twice counts once too.
fn plural_groups<'a>(patterns: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let patterns: Vec<&str> = patterns.collect();
    let mut first: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for (i, p) in patterns.iter().enumerate() {
        first.entry(p).or_insert(i as u32);
    }
    let singular = |p: &str| -> Option<u32> {
        let one = p.strip_suffix('s')?;
        first.get(one).or_else(|| one.strip_suffix('e').and_then(|two| first.get(two))).copied()
    };
    patterns.iter().map(|p| singular(p).unwrap_or(first[p])).collect()
}

impl Tagger {
    /// A tagger for `lexicon`, cutting units as `mode` says.
    ///
    /// # Errors
    /// The lexicon's terms cannot be compiled ([`Matcher::new`]).
    ///
    /// ```
    /// use rolecall::{Lexicon, Tagger, text::segment::UnitMode, tag::TaggedDoc};
    /// let lex = Lexicon::builtin();
    /// let tagger = Tagger::new(lex.clone(), UnitMode::Sentence).unwrap();
    /// let doc = tagger.tag_text("Directed by Jane Campion\nProduced by Jan Chapman\nDirector of Photography Stuart Dryburgh");
    /// let labels: Vec<&str> = doc.units.iter().map(|u| u.label.name(&lex)).collect();
    /// assert_eq!(labels, ["director", "producer", "none"]);
    /// ```
    pub fn new(lexicon: Lexicon, mode: UnitMode) -> Result<Tagger, Error> {
        let matcher = Matcher::new(&lexicon)?;
        let screen = lexicon.set_id(SCREEN_SET);
        let signal = lexicon
            .terms()
            .iter()
            .map(|t| t.kind == TermKind::Role && t.needs.is_none() && t.unless.is_empty())
            .collect();
        let screen_cue: Vec<bool> = lexicon.cues().iter().map(|c| Some(c.set) == screen).collect();
        let cue_signal_id = plural_groups(lexicon.cues().iter().map(|c| c.pattern.as_str()));
        let term_signal_id = plural_groups(lexicon.terms().iter().map(|t| t.pattern.as_str()));
        let bits = |names: &[&str]| {
            names.iter().filter_map(|n| lexicon.set_id(n)).fold(0u64, |b, s| b | 1 << s.index())
        };
        let topic_senses = bits(&TOPIC_SENSE_SETS);
        let screen_blind = bits(&SCREEN_BLIND_SETS);
        Ok(Tagger {
            matcher,
            mode,
            block_bytes: BLOCK_BYTES,
            screen,
            signal,
            screen_cue,
            cue_signal_id,
            term_signal_id,
            topic_threshold: TOPIC_THRESHOLD,
            sense_threshold: SENSE_THRESHOLD,
            topic_senses,
            screen_blind,
            people: crate::people::People::new(&lexicon),
            lexicon,
        })
    }

    /// The finder of people in a role for this lexicon ([`crate::people`]).
    pub fn people(&self) -> &crate::people::People {
        &self.people
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The unit mode.
    pub fn mode(&self) -> UnitMode {
        self.mode
    }

    /// Whether `set` is one of [`SCREEN_BLIND_SETS`] in this lexicon.
    pub fn is_screen_blind(&self, set: SetId) -> bool {
        in_bits(self.screen_blind, set)
    }

    /// Tags `text`, allocating fresh buffers (convenient, not fast).
    pub fn tag_text(&self, text: &str) -> TaggedDoc {
        let mut out = TaggedDoc::default();
        self.tag(text, &mut Scratch::default(), &mut out);
        out
    }

    /// Tags `text` into `out` (replacing its content), cutting it into units first.
    ///
    /// A text longer than the block size ([`BLOCK_BYTES`] unless set with
    /// [`Tagger::with_block_bytes`]) is judged for film context block by
    /// block: blocks cut at blank lines ([`crate::text::blocks::blank_line_cuts`]).
    pub fn tag(&self, text: &str, scratch: &mut Scratch, out: &mut TaggedDoc) {
        let cuts = crate::text::blocks::blank_line_cuts(text.as_bytes(), self.block_bytes);
        if cuts.is_empty() {
            return self.tag_block(text, scratch, out);
        }
        out.clear(self.lexicon.roles().len());
        let mut part = std::mem::take(&mut scratch.part);
        for (a, b) in bounds(&cuts, text.len()) {
            self.tag_block(&text[a..b], scratch, &mut part);
            out.append(&part, a);
        }
        scratch.part = part;
    }

    /// Like [`Tagger::tag`], with the blocks tagged in parallel on the
    /// current rayon pool. The result is the same.
    pub fn tag_parallel(&self, text: &str, scratch: &mut Scratch, out: &mut TaggedDoc) {
        use rayon::prelude::*;
        let cuts = crate::text::blocks::blank_line_cuts(text.as_bytes(), self.block_bytes);
        if cuts.is_empty() {
            return self.tag_block(text, scratch, out);
        }
        let parts: Vec<TaggedDoc> = bounds(&cuts, text.len())
            .collect::<Vec<_>>()
            .par_iter()
            .map_init(Scratch::default, |sc, &(a, b)| {
                let mut part = TaggedDoc::default();
                self.tag_block(&text[a..b], sc, &mut part);
                part
            })
            .collect();
        out.clear(self.lexicon.roles().len());
        for (part, (a, _)) in parts.iter().zip(bounds(&cuts, text.len())) {
            out.append(part, a);
        }
    }

    /// Tags one block: units, matches, and labels with the block as the
    /// document context.
    pub fn tag_block(&self, text: &str, scratch: &mut Scratch, out: &mut TaggedDoc) {
        scratch.spans.clear();
        scratch.segmenter.segment(text, self.mode, &mut scratch.spans);
        let spans = std::mem::take(&mut scratch.spans);
        self.tag_units(text, &spans, scratch, out);
        scratch.spans = spans;
    }

    /// The same tagger with another film topic threshold (see
    /// [`crate::tag::topic`]; default [`TOPIC_THRESHOLD`]). For measuring that
    /// one fitted number by cross-validation.
    pub fn with_topic_threshold(mut self, threshold: f32) -> Tagger {
        self.topic_threshold = threshold;
        self
    }

    /// The film topic threshold.
    pub fn topic_threshold(&self) -> f32 {
        self.topic_threshold
    }

    /// The same tagger with another sense threshold (see
    /// [`Status::OffTopic`]; default [`SENSE_THRESHOLD`]). For measuring
    /// that fitted number by cross-validation; below every score (say
    /// -1000) the rule never applies.
    pub fn with_sense_threshold(mut self, threshold: f32) -> Tagger {
        self.sense_threshold = threshold;
        self
    }

    /// The sense threshold.
    pub fn sense_threshold(&self) -> f32 {
        self.sense_threshold
    }

    /// The block size used for film context.
    pub fn block_bytes(&self) -> usize {
        self.block_bytes
    }

    /// The same tagger with another block size (at least 1).
    pub fn with_block_bytes(mut self, n: usize) -> Tagger {
        self.block_bytes = n.max(1);
        self
    }

    /// Tags the given units of `text` into `out` (replacing its content).
    pub fn tag_units(&self, text: &str, units: &[Span], scratch: &mut Scratch, out: &mut TaggedDoc) {
        self.match_units(text, units, scratch, out);
        self.label_all(text, out, scratch);
    }

    /// Finds the matches and cues of each unit (no labels yet).
    fn match_units(&self, text: &str, units: &[Span], scratch: &mut Scratch, out: &mut TaggedDoc) {
        out.clear(self.lexicon.roles().len());
        scratch.words.compute(text);
        for &span in units {
            let (first, first_cue) = (out.matches.len(), out.cues.len());
            self.matcher.find_in_unit(
                text,
                span,
                &scratch.words,
                &mut scratch.matcher,
                &mut out.matches,
                &mut out.cues,
            );
            for m in &mut out.matches[first..] {
                m.span = m.span.offset(span.start);
            }
            for c in &mut out.cues[first_cue..] {
                c.span = c.span.offset(span.start);
            }
            out.units.push(Unit {
                span,
                label: Label::None,
                matches: first..out.matches.len(),
                cues: first_cue..out.cues.len(),
            });
        }
    }

    /// The screen signals in unit `u`: screen cues, and matches of `role`
    /// terms without context rules.
    pub fn screen_signals(&self, doc: &TaggedDoc, u: usize) -> usize {
        let cues = doc.cues_of(u).iter().filter(|c| self.screen_cue[c.cue as usize]);
        let terms = doc.matches_of(u).iter().filter(|m| self.signal[m.term.index()]);
        cues.count() + terms.count()
    }

    /// The distinct screen signals of a document (each cue or term counted
    /// once, however often it occurs, and a plural as its singular:
    /// "camera" and "cameras" are one signal), up to `DOC_SCREEN_SIGNALS`:
    /// the evidence behind [`TaggedDoc::screen_document`].
    pub fn distinct_screen_signals(&self, doc: &TaggedDoc, seen: &mut Vec<u32>) -> usize {
        seen.clear();
        // Cues and terms in one id space: cue ids below 2^31, terms above.
        let ids = doc
            .cues
            .iter()
            .filter(|c| self.screen_cue[c.cue as usize])
            .map(|c| self.cue_signal_id[c.cue as usize])
            .chain(
                doc.matches
                    .iter()
                    .filter(|m| self.signal[m.term.index()])
                    .map(|m| (1 << 31) | self.term_signal_id[m.term.index()]),
            );
        for id in ids {
            if !seen.contains(&id) {
                seen.push(id);
                if seen.len() >= DOC_SCREEN_SIGNALS {
                    break;
                }
            }
        }
        seen.len()
    }

    /// The status of match `i` of unit `u` when a cue discounts it
    /// ([`Status::Discounted`] or [`Status::NearCue`], with the cue's set
    /// and index into [`TaggedDoc::cues`]), given the term's `unless` sets: without a
    /// screen signal in the unit, the first cue of one of those sets; with
    /// one, only a cue of those sets that modifies the match ([`modifies`])
    /// and is nearer to it than every screen signal of the unit, so that the word next to the term decides
    /// its sense ("the film … is to be turned into a musical by the
    /// producer of the show": stage, though the unit says film). In a unit
    /// with a screen signal, a cue of a screen-blind set
    /// ([`SCREEN_BLIND_SETS`]) before the term discounts it first.
    fn discounting_cue(
        &self,
        doc: &TaggedDoc,
        text: &str,
        u: usize,
        i: usize,
        unless: &[SetId],
        unit_screen: bool,
    ) -> Option<Status> {
        let set_of = |k: usize| self.lexicon.cues()[doc.cues[k].cue as usize].set;
        let cues = doc.units[u].cues.clone();
        if !unit_screen {
            // The first of the term's sets present, at its first cue.
            return unless
                .iter()
                .find_map(|&s| cues.clone().find(|&k| set_of(k) == s).map(|k| Status::Discounted(s, k)));
        }
        let at = doc.matches[i].span;
        // A screen-blind set's cue before the term discounts it, screen
        // signals or not (a citation's formula governs what follows it:
        // "for the design of … at Blue Sky Studios"; "the film's
        // production was delayed for the design of a rig" keeps its sense).
        let before = |k: usize| doc.cues[k].span.end <= at.start;
        if let Some(hit) = unless.iter().filter(|&&s| self.is_screen_blind(s)).find_map(|&s| {
            cues.clone().find(|&k| set_of(k) == s && before(k)).map(|k| Status::Discounted(s, k))
        }) {
            return Some(hit);
        }
        let amount = self.lexicon.term(doc.matches[i].term).builtin.is_some();
        let (k, gap) = cues
            .clone()
            .filter(|&k| unless.contains(&set_of(k)))
            .filter(|&k| modifies(text, doc.cues[k].span, at, amount))
            .map(|k| (k, byte_gap(at, doc.cues[k].span)))
            .min_by_key(|&(k, gap)| (gap, k))?;
        let screen_cue = cues
            .filter(|&k| self.screen_cue[doc.cues[k].cue as usize])
            .map(|k| byte_gap(at, doc.cues[k].span));
        let screen_term = doc.units[u]
            .matches
            .clone()
            .filter(|&j| j != i && self.signal[doc.matches[j].term.index()])
            .map(|j| byte_gap(at, doc.matches[j].span));
        // A signal term can be the match itself ("produced by" has no
        // rules, so it is never discounted); any other signal nearer than
        // the cue keeps the screen sense.
        let nearest_screen = screen_cue.chain(screen_term).min().unwrap_or(usize::MAX);
        (gap < nearest_screen).then(|| Status::NearCue(set_of(k), k))
    }

    /// Whether unit `u`'s film topic score is above the tagger's threshold
    /// ([`Tagger::topic_threshold`]; false without a topic model); worked
    /// out once per unit and kept in [`TaggedDoc::topic`].
    fn film_topic(&self, text: &str, doc: &mut TaggedDoc, u: usize, seen: &mut Vec<u64>) -> bool {
        let Some(model) = self.lexicon.topic() else { return false };
        if doc.topic[u].is_nan() {
            doc.topic[u] = model.score(&text[doc.units[u].span.range()], seen).score;
        }
        doc.topic[u] > self.topic_threshold
    }

    /// Whether the document's film topic score is below the sense threshold
    /// (false without a topic model); worked out once per document and kept
    /// in [`TaggedDoc::document_topic`].
    fn off_topic(&self, text: &str, doc: &mut TaggedDoc, seen: &mut Vec<u64>) -> bool {
        let Some(model) = self.lexicon.topic() else { return false };
        if doc.document_topic.is_nan() {
            doc.document_topic = model.score(text, seen).score;
        }
        doc.document_topic < self.sense_threshold
    }

    /// Applies the context rules and labels every unit.
    fn label_all(&self, text: &str, doc: &mut TaggedDoc, scratch: &mut Scratch) {
        let Scratch { scores, signals, words: _, topic_words, seen_signals, .. } = scratch;
        let roles = self.lexicon.roles().len();
        signals.clear();
        signals.extend((0..doc.units.len()).map(|u| self.screen_signals(doc, u)));
        doc.screen_signals = signals.iter().sum::<usize>();
        doc.screen_document = doc.screen_signals >= DOC_SCREEN_SIGNALS
            && doc.screen_signals * DOC_SCREEN_DENSITY >= doc.units.len()
            && self.distinct_screen_signals(doc, seen_signals) >= DOC_SCREEN_SIGNALS;
        doc.status.clear();
        doc.hits.clear();
        doc.topic.clear();
        doc.topic.resize(doc.units.len(), f32::NAN);
        doc.document_topic = f32::NAN;
        let short = doc.units.len() <= SHORT_DOC_UNITS;
        let screen_bit = self.screen.map_or(0, |s| 1u64 << s.index());
        for (u, &unit_signals) in signals.iter().enumerate() {
            if doc.units[u].matches.is_empty() {
                // Most units: nothing to weigh.
                doc.hits.resize(doc.hits.len() + roles, 0);
                doc.units[u].label = Label::None;
                continue;
            }
            let unit_screen = unit_signals > 0;
            let cue_range = doc.units[u].cues.clone();
            // `present`: the sets of the unit's cues; `said`: of those found
            // by their text. The topic score's rescue below asks that no
            // other sense be *said*: a built-in cue (`<to-capitals>`) is a
            // form, which discounts only the terms that name its set.
            let (mut present, mut said): (u64, u64) = (0, 0);
            for c in &doc.cues[cue_range.clone()] {
                let cue = &self.lexicon.cues()[c.cue as usize];
                let bit = 1 << cue.set.index();
                present |= bit;
                if cue.builtin.is_none() {
                    said |= bit;
                }
            }
            scores.clear();
            scores.resize(roles, 0.0);
            let base = doc.hits.len();
            doc.hits.resize(base + roles, 0);
            for i in doc.units[u].matches.clone() {
                let t = self.lexicon.term(doc.matches[i].term);
                let has = |s: SetId| present & (1 << s.index()) != 0;
                let status = if t.kind == TermKind::Exclude {
                    Status::Excluded
                } else if let Some(n) = t.needs.filter(|&n| {
                    let screen = Some(n) == self.screen;
                    !(has(n)
                        || (screen && (unit_screen || doc.screen_document))
                        // The topic score is the weakest evidence: any cue of
                        // another sense in the unit overrides it.
                        || (screen
                            && short
                            && said & !screen_bit == 0
                            && self.film_topic(text, doc, u, topic_words)))
                }) {
                    Status::NoContext(n)
                } else if let Some(discounted) = t
                    .unless
                    .iter()
                    .any(|&s| has(s))
                    .then(|| self.discounting_cue(doc, text, u, i, &t.unless, unit_screen))
                    .flatten()
                {
                    discounted
                } else if let Some(&s) =
                    t.unless.iter().find(|&&s| in_bits(self.topic_senses, s)).filter(|_| {
                        !unit_screen && !doc.screen_document && self.off_topic(text, doc, topic_words)
                    })
                {
                    Status::OffTopic(s)
                } else if t.weight < 1.0 && doc.units[u].matches.start < i && {
                    let term = doc.matches[i].term;
                    (doc.units[u].matches.start..i)
                        .any(|k| doc.matches[k].term == term && doc.status[k] == Status::Counted)
                } {
                    Status::Repeated
                } else {
                    Status::Counted
                };
                if status == Status::Counted {
                    scores[t.role.index()] += t.weight;
                    doc.hits[base + t.role.index()] += 1;
                }
                doc.status.push(status);
            }
            doc.units[u].label = Label::from_scores(scores);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lexicon from `(file name, content)` pairs.
    fn lexicon(files: &[(&str, &str)]) -> Lexicon {
        Lexicon::from_sources(files.iter().map(|&(f, c)| (f.into(), c.into()))).unwrap()
    }

    /// That lexicon and a sentence tagger of it.
    fn tagger_of(files: &[(&str, &str)]) -> (Lexicon, Tagger) {
        let lex = lexicon(files);
        (lex.clone(), Tagger::new(lex, UnitMode::Sentence).unwrap())
    }

    fn tagger() -> Tagger {
        let d = "term,kind,weight\ndirector,role,\ndirected by,role,\ndirector of photography,exclude,\nframing,activity,0.5\n";
        let p = "term,kind\nproducer,role\nproduced by,role\nbudget,activity\n";
        tagger_of(&[("director.csv", d), ("producer.csv", p)]).1
    }

    #[test]
    fn labels() {
        let t = tagger();
        let cases: &[(&str, &str)] = &[
            ("The director spoke.", "director"),
            ("The budget grew.", "producer"),
            ("She sets the budget.", "producer"),
            ("Directed by Ann, produced by Bo.", "both"),
            ("The director of photography lit it.", "none"),
            ("Careful framing.", "none"),
            ("Careful framing and framing again.", "none"),
            ("Careful framing and a budget.", "producer"),
            ("Nothing here.", "none"),
        ];
        for (text, want) in cases {
            let doc = t.tag_text(text);
            assert_eq!(doc.units.len(), 1, "{text}");
            assert_eq!(doc.units[0].label.name(t.lexicon()), *want, "{text}");
        }
    }

    #[test]
    fn hits_and_spans_point_into_document() {
        let t = tagger();
        let text = "Intro line.\n\nThe producer and the director met. The director of photography left.";
        let doc = t.tag_text(text);
        assert_eq!(doc.units.len(), 3);
        assert_eq!(doc.hits_of(1), [1, 1]);
        assert_eq!(doc.hits_of(2), [0, 0]);
        let found: Vec<&str> = doc.matches_of(1).iter().map(|m| &text[m.span.range()]).collect();
        assert_eq!(found, ["producer", "director"]);
        assert_eq!(&text[doc.matches_of(2)[0].span.range()], "director of photography");
    }

    #[test]
    fn parallel_tagging_equals_serial() {
        let lex = Lexicon::builtin();
        for mode in [UnitMode::Sentence, UnitMode::Line] {
            let t = Tagger::new(lex.clone(), mode).unwrap();
            let para =
                "Directed by Ann Lee\nProduced by Bo Li\n\nThe director met the producer. It rained.\n \n";
            let text = format!("{}\n\n\nTail line with a budget", para.repeat(50));
            let t = t.with_block_bytes(200);
            let serial = t.tag_text(&text);
            let mut par = TaggedDoc::default();
            t.tag_parallel(&text, &mut Scratch::default(), &mut par);
            assert!(crate::text::blocks::blank_line_cuts(text.as_bytes(), 200).len() > 5);
            assert_eq!(serial.units, par.units);
            assert_eq!(serial.matches, par.matches);
            assert_eq!(serial.status, par.status);
            assert_eq!(serial.cues, par.cues);
            assert_eq!(serial.hits, par.hits);
        }
    }

    #[test]
    fn a_discount_names_its_own_cue_when_the_text_is_cut_into_blocks() {
        let p = "term,kind,unless\nproducer,role,music\n";
        let c = "term,set\nalbum,music\nsong,music\n";
        let lex = lexicon(&[("producer.csv", p), ("context.csv", c)]);
        let t = Tagger::new(lex, UnitMode::Sentence).unwrap().with_block_bytes(40);
        let text =
            "The album producer left.\n\nA song producer came.\n\nThe song and album producer stayed.\n";
        let mut doc = TaggedDoc::default();
        t.tag_parallel(text, &mut Scratch::default(), &mut doc);
        assert!(doc.units.len() >= 3);
        let mut seen = 0;
        for (i, st) in doc.status.iter().enumerate() {
            if let Status::Discounted(_, k) = *st {
                // The cue is in the same unit as the match it discounts.
                let unit = doc.units.iter().find(|u| u.matches.contains(&i)).unwrap();
                assert!(unit.cues.contains(&k), "match {i}: cue {k} not in {:?}", unit.cues);
                seen += 1;
            }
        }
        assert_eq!(seen, 3);
    }

    #[test]
    fn a_capitals_addressee_is_a_cue_that_discounts_what_names_its_set() {
        let p = "term,kind,needs,unless\nstudio,role,screen,citation\nproducer,role,,\n";
        let c = "term,set\ncamera,screen\n<to-capitals>,citation\n";
        let (lex, t) = tagger_of(&[("producer.csv", p), ("context.csv", c)]);
        for (text, want) in [
            // The screen cue "camera" does not save the studio: the set is screen-blind.
            ("To JOHN ARNOLD of the Studio for a camera crane.", "none"),
            ("To John Arnold of the studio for a camera crane.", "producer"),
            // Only terms whose `unless` names the set are discounted.
            ("To JOHN ARNOLD, producer, for a camera crane.", "producer"),
            // The addressee can be the term.
            ("To STUDIO TEN for a camera crane.", "none"),
        ] {
            let doc = t.tag_text(text);
            assert_eq!(doc.units[0].label.name(&lex), want, "{text}");
        }
        let doc = t.tag_text("To JOHN ARNOLD of the Studio for a camera crane.");
        assert_eq!(doc.status, [Status::Discounted(lex.set_id("citation").unwrap(), 0)]);
        assert_eq!(doc.cues[0].span, Span::new(0, 2));
        // The form is no sense said: a term that does not name the set keeps
        // the film topic score's rescue in a short document.
        let p2 = "term,kind,needs,unless\nrelease,activity,screen,\n";
        let c2 = "term,set\ncamera,screen\n<to-capitals>,citation\nalbum,music\n";
        let topic = "word,weight\npremiere,4\nrelease,2\n";
        let (lex2, t2) = tagger_of(&[("producer.csv", p2), ("context.csv", c2), ("topic.csv", topic)]);
        for (text, want) in [
            ("To JOHN ARNOLD the release premiere", "producer"),
            ("To JOHN ARNOLD the album release premiere", "none"),
        ] {
            assert_eq!(t2.tag_text(text).units[0].label.name(&lex2), want, "{text}");
        }
        // A lexicon that does not list the cue does not find it.
        let c = "term,set\ncamera,screen\nfor the invention of,citation\n";
        let (lex, t) = tagger_of(&[("producer.csv", p), ("context.csv", c)]);
        assert_eq!(
            t.tag_text("To JOHN ARNOLD of the Studio for a camera crane.").units[0].label.name(&lex),
            "producer"
        );
    }

    #[test]
    fn a_word_of_business_sense_is_read_so_where_the_document_is_not_film() {
        let p = "term,kind,unless\nproducers,role,industry\nproducer,role,music\n";
        let c = "term,set\nfilm,screen\nmovie,screen\ncinema,screen\nalbum,music\ncrude,industry\n";
        let topic = "word,weight\nbarrels,-4\ntonnes,-4\nscreenplay,4\n";
        let sources = |with_topic: bool| {
            let mut v = vec![("producer.csv".into(), p.into()), ("context.csv".into(), c.into())];
            if with_topic {
                v.push(("topic.csv".into(), topic.into()));
            }
            Lexicon::from_sources(v).unwrap()
        };
        let t = Tagger::new(sources(true), UnitMode::Sentence).unwrap();
        let code = |t: &Tagger, text: &str, u: usize| {
            let doc = t.tag_text(text);
            (
                doc.status_of(u).iter().map(|s| s.code(t.lexicon()).into_owned()).collect::<Vec<_>>(),
                doc.document_topic,
            )
        };
        // Newswire: the document's words are not film's, so "producers" are
        // makers of goods; the whole document is scored, once.
        let news = "Barrels, tonnes. Producers met.";
        let (st, score) = code(&t, news, 1);
        assert_eq!(st, ["off-topic:industry"]);
        assert!((score - (-8.0 / 4f32.sqrt())).abs() < 1e-6, "{score}");
        // Film words in the document (its score above the threshold), a
        // screen signal in the unit, or a film document: counted.
        assert_eq!(code(&t, "Barrels, tonnes, a screenplay. Producers met.", 1).0, ["counted"]);
        assert_eq!(code(&t, "Barrels, tonnes. The film's producers met.", 1).0, ["counted"]);
        let film_doc = "A film. A movie. A cinema. Barrels, tonnes. Producers met.";
        assert_eq!(code(&t, film_doc, 4).0, ["counted"]);
        // A term whose `unless` names no business or industry set is not affected.
        assert_eq!(code(&t, "Barrels, tonnes. The producer met.", 1).0, ["counted"]);
        // A cue of the sense in the unit still discounts it, as before.
        assert_eq!(code(&t, "Producers of crude met.", 0).0, ["discounted:industry"]);
        // Without a topic model, or with the rule turned off: counted.
        let plain = Tagger::new(sources(false), UnitMode::Sentence).unwrap();
        assert_eq!(code(&plain, news, 1).0, ["counted"]);
        assert_eq!(code(&t.clone().with_sense_threshold(-1000.0), news, 1).0, ["counted"]);
    }

    /// Kind "one word in its singular and plural reads as two distinct
    /// signals": a technology report on camera phones ("camera" 13 times,
    /// "cameras" 7, "film" once) counted as film writing, so its sales and
    /// launches read as production work (found by a trial on BBC news).
    #[test]
    fn a_plural_is_the_same_screen_signal_as_its_singular() {
        let t = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
        let text = "The camera is good. Cameras sell well. A film of it exists. The phone was released in May. \
                    Its makers hope to sell more. Prices fell.";
        let d = t.tag_text(text);
        assert_eq!(d.units.len(), 6);
        assert_eq!(d.screen_signals, 3);
        assert_eq!(t.distinct_screen_signals(&d, &mut Vec::new()), 2);
        assert!(!d.screen_document);
        assert_eq!(d.units[3].label, Label::None, "released needs film context");
        // Three different words are three signals, as before.
        let d = t.tag_text(&text.replace("Cameras sell well.", "The scene sold well."));
        assert!(d.screen_document);
        assert_eq!(d.units[3].label.name(t.lexicon()), "producer");
        // The groups: a plural in s or es joins its singular, else itself.
        let ids = plural_groups(["camera", "cameras", "box", "boxes", "press", "film"].into_iter());
        assert_eq!(ids, [0, 0, 2, 2, 4, 5]);
    }

    /// Kind "a long text about something else reaches three distinct
    /// signals by chance": a novel with a scene, a movie and a cinema in
    /// 200 sentences is not film writing, so its weak words need their own
    /// context; the same three signals in 100 sentences are enough.
    #[test]
    fn a_long_document_needs_dense_screen_signals() {
        let t = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
        let doc_of = |units: usize| {
            let mut text = String::from("They saw a film. They saw a movie. They went to the cinema. ");
            for _ in 3..units - 1 {
                text.push_str("The sea was calm. ");
            }
            text.push_str("The budget was tight.");
            text
        };
        let long = doc_of(200);
        let d = t.tag_text(&long);
        assert_eq!(d.units.len(), 200);
        assert!(!d.screen_document);
        assert_eq!(d.units[199].label, Label::None, "budget needs film context");
        let short = doc_of(100);
        let d = t.tag_text(&short);
        assert_eq!(d.units.len(), 100);
        assert!(d.screen_document);
        assert_ne!(d.units[99].label, Label::None);
    }

    #[test]
    fn film_topic_gives_context_in_short_documents_only() {
        let p = "term,kind,needs\nreleased,activity,screen\n";
        let c = "term,set\nfilm,screen\nalbum,music\n";
        let topic = "word,weight\ntheaters,3\nvote,-3\n";
        let (lex, t) = tagger_of(&[("producer.csv", p), ("context.csv", c), ("topic.csv", topic)]);
        let label = |text: &str, u: usize| {
            let doc = t.tag_text(text);
            (doc.units[u].label.name(&lex).to_string(), doc.topic[u])
        };
        let (l, score) = label("It was released to theaters.", 0);
        assert_eq!(l, "producer");
        assert!((score - 3.0 / 5f32.sqrt()).abs() < 1e-6, "{score}");
        assert_eq!(label("It was released after the vote.", 0).0, "none");
        // Another sense's cue in the unit wins over the topic.
        assert_eq!(label("The album was released to theaters.", 0).0, "none");
        // In a longer document the topic is not consulted (not worked out: NaN).
        let long = "One. Two. Three. It was released to theaters.";
        let (l, score) = label(long, 3);
        assert_eq!(l, "none");
        assert!(score.is_nan());
        // Without a topic model nothing changes.
        let plain =
            Lexicon::from_sources([("producer.csv".into(), p.into()), ("context.csv".into(), c.into())]);
        let t2 = Tagger::new(plain.unwrap(), UnitMode::Sentence).unwrap();
        assert_eq!(t2.tag_text("It was released to theaters.").units[0].label, Label::None);
        // A threshold above the score turns it off.
        let t3 = t.clone().with_topic_threshold(2.0);
        assert_eq!(t3.tag_text("It was released to theaters.").units[0].label, Label::None);
    }

    #[test]
    fn a_cue_next_to_the_term_decides_its_sense_over_a_distant_screen_signal() {
        let p =
            "term,kind,unless\nproducer,role,stage|music\nreleased,activity,music\n<money>,activity,stage\n";
        let c = "term,set\nfilm,screen\nmovie,screen\nmusical,stage\nalbum,music\nrock,music\n";
        let (lex, t) = tagger_of(&[("producer.csv", p), ("context.csv", c)]);
        let codes = |text: &str| {
            let doc = t.tag_text(text);
            doc.status_of(0).iter().map(|s| s.code(t.lexicon()).into_owned()).collect::<Vec<_>>()
        };
        // Before the term, within NEAR_CUE_BYTES, nearer than "film".
        assert_eq!(
            codes("The old film is to become a musical by the producer of Cats."),
            ["discounted:stage"]
        );
        assert_eq!(
            codes("Her album, Blue Sky, is released a month before her first film."),
            ["discounted:music"]
        );
        // Linked after it by "of"/"at" and an article.
        assert_eq!(codes("The movie stars the producer of the musical."), ["discounted:stage"]);
        // The screen signal is nearer: the film sense stays.
        assert_eq!(codes("A musical joined the film producer."), ["counted"]);
        // A cue after a verb is its object, not a modifier.
        assert_eq!(codes("The film's producer defended Rock."), ["counted"]);
        // A clause boundary or an infinitive between: not a modifier.
        assert_eq!(codes("The film's rock, with producer Ann Vale, was praised."), ["counted"]);
        assert_eq!(codes("The film's rock, Big Sky, producer Ann Vale said."), ["discounted:music"]);
        assert_eq!(codes("The film is meant to rock producer Ann Vale."), ["counted"]);
        // A sentence end between, in a line that holds two sentences.
        let lines = Tagger::new(lex, UnitMode::Line).unwrap();
        let doc = lines.tag_text("The film had rock. Producer Ann Vale left.");
        assert_eq!(doc.status_of(0), [Status::Counted]);
        // Too far before the term.
        assert_eq!(codes("The film had a musical that was closed early by the producer."), ["counted"]);
        // An amount takes the noun right after it as its head.
        assert_eq!(codes("The movie became a $7m musical."), ["discounted:stage"]);
        // Without a screen signal the old rule holds: any cue of the set.
        assert_eq!(codes("The producer defended Rock."), ["discounted:music"]);
        assert_eq!(byte_gap(Span { start: 0, end: 3 }, Span { start: 5, end: 9 }), 2);
        assert_eq!(byte_gap(Span { start: 5, end: 9 }, Span { start: 0, end: 3 }), 2);
        assert_eq!(byte_gap(Span { start: 0, end: 6 }, Span { start: 5, end: 9 }), 0);
    }

    #[test]
    fn a_screen_blind_set_discounts_over_any_screen_signal() {
        let p = "term,kind,needs,unless\nstudios,role,screen,tech|citation\nproducer,role,,tech\n";
        let c = "term,set\nanimation,screen\nfilm,screen\nsoftware,tech\nfor the design of,citation\n";
        let (lex, t) = tagger_of(&[("producer.csv", p), ("context.csv", c)]);
        let status = |text: &str| t.tag_text(text).status_of(0).to_vec();
        // The citation's formula discounts though "animation" is a screen word.
        let s = status("To Ann Vale for the design of a drawing tool at Blue Sky Animation Studios.");
        assert!(matches!(s[..], [Status::Discounted(set, _)] if lex.set_name(set) == "citation"), "{s:?}");
        // A tech cue far from the term does not, with a screen signal.
        assert_eq!(status("The film's software was made at Blue Sky Animation Studios."), [Status::Counted]);
        // A term before the formula keeps its count: the formula governs
        // what follows it.
        assert_eq!(
            status("The film's studios were paid for the design of a drawing tool."),
            [Status::Counted]
        );
        // A term whose `unless` does not name the set keeps its count.
        assert_eq!(status("To the film producer for the design of a dolly."), [Status::Counted]);
        // A lexicon without the set has no screen-blind set.
        assert_eq!(tagger().screen_blind, 0);
    }

    #[test]
    fn label_names_and_parse() {
        let t = tagger();
        let lex = t.lexicon();
        assert_eq!(label_names(lex), ["director", "producer", "both", "none"]);
        for name in label_names(lex) {
            let l = parse_label(&name, lex).unwrap();
            assert_eq!(l.name(lex), name);
            assert_eq!(label_names(lex)[l.index(2)], name);
        }
        assert_eq!(parse_label("actor", lex), None);
    }
}
