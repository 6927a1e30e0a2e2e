//! Role lexicons: loading and validating the term lists that drive tagging.
//!
//! A lexicon is a folder with one CSV file per role; the file stem names the
//! role (`director.csv`, `producer.csv`). Each file has a header row with the
//! columns `term` and `kind`, and optionally `weight` and `note`; lines
//! starting with `#` are comments. See `lexicons/README.md` for the format.
//!
//! Terms are validated when loaded; every problem is reported as
//! `file:line: what is wrong`. The default lexicons are compiled into the
//! binary ([`Lexicon::builtin`]).

pub mod check;
pub mod dictionary;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::error::Error;
use crate::tag::topic::TopicModel;
use crate::text::normalize::{is_word_char, normalize_term};

/// Index of a role in [`Lexicon::roles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoleId(pub u16);

impl RoleId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Index of a term in [`Lexicon::terms`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermId(pub u32);

impl TermId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Index of a context set in [`Lexicon::sets`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SetId(pub u16);

impl SetId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A context cue: a word that tells what a sentence is about (film and TV,
/// business, music…), from `context.csv`. Cues do not compete with terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// The cue as written (a trailing `*` makes its last word a prefix).
    pub text: String,
    /// The normalised form searched for.
    pub pattern: String,
    /// True when the last word is a prefix.
    pub wildcard: bool,
    /// The set it belongs to.
    pub set: SetId,
    /// A cue found by code rather than by its text ([`BuiltinCue`]), whose
    /// `pattern` is `<name>` and never searched for.
    pub builtin: Option<BuiltinCue>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A context cue that is a shape of text found by code, written `<name>`
/// in `context.csv`: the matcher finds it ([`crate::matcher::addressee`]),
/// and it discounts terms like any cue of its set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltinCue {
    /// `<to-capitals>`: a unit that opens with "To" and a name in capital
    /// letters ("To C. R. DAILY and ...", "To PARAMOUNT PICTURES, INC., for
    /// ..."; [`crate::matcher::addressee::capitals_addressee`] says exactly
    /// which): the form of the Academy's Scientific and Technical award
    /// citations, whose other citations write names in mixed case ("To King
    /// Vidor for ..."). Its match, found by the matcher in every unit, is
    /// the opening "To", so that it stands before every term of the unit,
    /// the addressee too. It is not a sense said in the unit: the film
    /// topic score's rescue of a `needs=screen` term still applies. Limits:
    /// a line in capitals that opens "To" is one ("To ALL OUR FANS ..."),
    /// and a citation whose names are in mixed case is not.
    ToCapitals,
}

impl BuiltinCue {
    /// Every built-in cue, in the order of their names in error messages.
    pub const ALL: [BuiltinCue; 1] = [BuiltinCue::ToCapitals];

    /// The name inside the angle brackets.
    pub fn name(self) -> &'static str {
        match self {
            BuiltinCue::ToCapitals => "to-capitals",
        }
    }

    /// The built-in cue a cue's text names (`<to-capitals>`), if it is one.
    ///
    /// # Errors
    /// The text is in angle brackets but names no built-in cue.
    fn parse(text: &str) -> Result<Option<BuiltinCue>, String> {
        parse_builtin(text, &BuiltinCue::ALL, BuiltinCue::name, "cue")
    }
}

/// The name of the context set that stands for film and television work:
/// role terms count as its cues, and it rescues terms from `unless`.
pub const SCREEN_SET: &str = "screen";

/// For a term written with a leading hyphen (`-style`), the rest of it:
/// the word the matcher keys it on, found only as the second part of a
/// hyphened compound ("Matrix-style"). `None` for any other pattern
/// (a hyphen then no word character, `--x`, stays a plain pattern).
pub fn compound_part(pattern: &str) -> Option<&str> {
    pattern.strip_prefix('-').filter(|r| r.chars().next().is_some_and(crate::text::normalize::is_word_char))
}

/// The most context sets a lexicon may define.
pub const MAX_SETS: usize = 64;

/// The file stem of the context-cue file (not a role).
pub const CONTEXT_STEM: &str = "context";

/// The file stem of the learned film-topic word weights (not a role; see
/// [`crate::tag::topic`]). Optional: without it no unit has a topic score.
pub const TOPIC_STEM: &str = "topic";

/// What a term's match says about its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// A name of the role: "producer", "directed by".
    Role,
    /// Work that belongs to the role: "budget", "camera work".
    Activity,
    /// A phrase that looks like the role but is not: "director of photography".
    /// It wins the text it covers and counts for no role.
    Exclude,
}

impl TermKind {
    /// The name used in lexicon files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            TermKind::Role => "role",
            TermKind::Activity => "activity",
            TermKind::Exclude => "exclude",
        }
    }

    /// True for kinds that count towards their role.
    pub fn counts(self) -> bool {
        !matches!(self, TermKind::Exclude)
    }

    fn parse(s: &str) -> Option<TermKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "role" => Some(TermKind::Role),
            "activity" => Some(TermKind::Activity),
            "exclude" => Some(TermKind::Exclude),
            _ => None,
        }
    }
}

/// A term that is a class of strings found by code rather than a phrase,
/// written `<name>` in a lexicon file. Weights, `needs` and `unless` apply
/// to its matches as to any term's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `<money>`: an amount of money written with a currency sign (`$`,
    /// `£`, `€`, `¥`) right before its digits, with a scale word if one
    /// follows: "$18.1m", "£ 9,000", "$1.6bn", "$1 billion". Found by
    /// [`crate::matcher::amount`]. Amounts written in words ("20bn yen",
    /// "45 mln dlrs") are not: list such words as ordinary terms.
    Money,
}

impl Builtin {
    /// Every built-in term, in the order of their names in error messages.
    pub const ALL: [Builtin; 1] = [Builtin::Money];

    /// The name inside the angle brackets.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Money => "money",
        }
    }

    /// A text the built-in matches as a whole (for `lexicon check`).
    pub fn example(self) -> &'static str {
        match self {
            Builtin::Money => "$1.5m",
        }
    }

    /// The built-in a term's text names (`<money>`), if it is one.
    ///
    /// # Errors
    /// The text is in angle brackets but names no built-in.
    fn parse(text: &str) -> Result<Option<Builtin>, String> {
        parse_builtin(text, &Builtin::ALL, Builtin::name, "term")
    }
}

/// The built-in of `all` that `text` names in angle brackets (`<money>`,
/// `< To-Capitals >`: case and spaces inside ignored), `None` for text not
/// in brackets. `what` ("term" or "cue") names the kind in the error.
///
/// # Errors
/// The text is in angle brackets but names none of `all`.
fn parse_builtin<B: Copy>(
    text: &str,
    all: &[B],
    name: fn(B) -> &'static str,
    what: &str,
) -> Result<Option<B>, String> {
    let Some(inner) = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) else {
        return Ok(None);
    };
    all.iter().copied().find(|&b| inner.trim().eq_ignore_ascii_case(name(b))).map(Some).ok_or_else(|| {
        let known: Vec<String> = all.iter().map(|&b| format!("<{}>", name(b))).collect();
        format!("{what} {text:?}: unknown built-in {what} (known: {})", known.join(", "))
    })
}

impl fmt::Display for TermKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a term was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The lexicon file's name (`director.csv`).
    pub file: String,
    /// 1-based line number.
    pub line: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The term as written in the lexicon, including a trailing `*`.
    pub text: String,
    /// The normalised form that is searched for (without the `*`).
    pub pattern: String,
    /// True when the last word is a prefix (`direct*`).
    pub wildcard: bool,
    /// What a match means.
    pub kind: TermKind,
    /// The role whose file defines the term.
    pub role: RoleId,
    /// How much one match counts; a role fires in a unit when the weights of
    /// its matches there add up to at least 1.
    pub weight: f64,
    /// Free-text note from the lexicon.
    pub note: String,
    /// Where the term was defined.
    pub origin: Origin,
    /// The match counts only where this context set is present (column `needs`).
    pub needs: Option<SetId>,
    /// The match is discounted where one of these sets is present and the
    /// unit shows no screen evidence (column `unless`).
    pub unless: Vec<SetId>,
    /// Set for a term written `<name>`: its matches are found by code
    /// ([`Builtin`]), and `pattern` is `<name>`, never searched for.
    pub builtin: Option<Builtin>,
    /// Set for a term that ends in a word class (`shot in {Name}`): the
    /// match (of `pattern`, the text before the class) counts only where a
    /// word of the class follows it. The class word is not part of the span.
    pub next: Option<WordClass>,
    /// Set for a term that opens with a word class (`{Name} Productions`):
    /// the match (of `pattern`, the text after the class) counts only where
    /// it comes right after a word of the class, as the last part of a name
    /// ([`WordClass::precedes`]). The class word is not part of the span.
    pub prev: Option<WordClass>,
}

impl Term {
    /// Whether the term is its text and nothing more: no built-in finder
    /// (`<money>`) and no word class (`{Name}`), both of which code checks.
    /// Only such terms have a form in another tool's dictionary.
    pub fn is_plain_text(&self) -> bool {
        self.builtin.is_none() && self.next.is_none() && self.prev.is_none()
    }
}

/// A class of word that must follow a term's text, written at the end of
/// the term in braces: `shot in {Name}`; or that the term's text must end,
/// written at its start: `{Name} Productions`. It says what a list of
/// phrases would have to enumerate ("shot in Vancouver", "shot in
/// Spokane", ...; "Icon Productions", "Baby Cow Productions", ...) and
/// keeps out what the bare phrase would take ("shot in the head"; "stage
/// productions").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordClass {
    /// `{Name}`: a proper name. At the end of a term, a name follows: after
    /// white space and an optional "the" (itself followed by white space),
    /// a word that starts with an upper-case letter: "shot in Vancouver",
    /// "filmed at the University of Michigan", "shot in Évora"; not "shot
    /// in the head" ([`WordClass::follows`]). At the start of a term, the
    /// match is the last part of a name: "Icon Productions", not "stage
    /// productions" ([`WordClass::precedes`]). Limits: text in lower case
    /// (the tokenised critic reviews) has no names, so a class term never
    /// matches there (list a longer plain phrase, as "film was shot in",
    /// where that matters); a heading in title case or capitals ("SHOT IN
    /// THE HEAD") looks like a name; a name in quotes after a term ("shot
    /// in “Rome”") is not seen; a name word that is a number ("Fox 2000
    /// Pictures") is no name.
    Name,
}

impl WordClass {
    /// Every word class, in the order of their names in error messages.
    pub const ALL: [WordClass; 1] = [WordClass::Name];

    /// The name inside the braces.
    pub fn name(self) -> &'static str {
        match self {
            WordClass::Name => "Name",
        }
    }

    /// A word of the class (for `lexicon check`).
    pub fn example(self) -> &'static str {
        match self {
            WordClass::Name => "Vancouver",
        }
    }

    /// Whether a word of the class follows byte `end` of `text` (a char
    /// boundary): white space first, then the word.
    ///
    /// ```
    /// use rolecall::lexicon::WordClass;
    /// let t = "It was shot in the head, not shot in Vancouver or the Hague.";
    /// assert!(!WordClass::Name.follows(t, "It was shot in".len()));
    /// assert!(WordClass::Name.follows(t, t.find("in Vancouver").unwrap() + 2));
    /// assert!(WordClass::Name.follows("shot at the Iverson Ranch", 7));
    /// assert!(!WordClass::Name.follows("shot inVancouver", 7));
    /// assert!(!WordClass::Name.follows("shot in The.", 7));
    /// assert!(WordClass::Name.follows("shot in Theydon Bois", 7));
    /// ```
    pub fn follows(self, text: &str, end: usize) -> bool {
        use crate::text::normalize::{is_space, is_word_char};
        fn after_space(s: &str) -> Option<&str> {
            let t = s.trim_start_matches(is_space);
            (t.len() < s.len()).then_some(t)
        }
        match self {
            WordClass::Name => {
                let Some(mut rest) = text.get(end..).and_then(after_space) else { return false };
                let the = rest.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("the"))
                    && !rest[3..].starts_with(is_word_char);
                if the {
                    // "the Bahamas"; a "The" with no word after it is no name.
                    let Some(r) = after_space(&rest[3..]) else { return false };
                    rest = r;
                }
                rest.chars().next().is_some_and(char::is_uppercase)
            }
        }
    }

    /// Whether the match at byte `start` of `text` (a char boundary) comes
    /// right after a word of the class, as the last part of a name, as a
    /// term that opens with the class reads it. For `{Name}`: the text at
    /// `start` begins with an upper-case letter, and so does the word right
    /// before it (white space between; the word may hold `'`, `’`, `-`, `.`
    /// and `&`, and quotes or dashes opening it are skipped), which is not
    /// "The", "A" or "An": "Icon Productions", "'Baby Cow Productions'",
    /// "Island Pictures"; not "Asian productions", "our Pictures", "1988
    /// Productions", "The Productions". Limits: lower-case text has no
    /// names; a heading in title case ("Of the True Pictures of Whales") or
    /// in capitals looks like a name; a name word that is a number ("Fox
    /// 2000 Pictures") is not seen as one.
    ///
    /// ```
    /// use rolecall::lexicon::WordClass;
    /// let t = "Icon Productions and other productions; The Productions.";
    /// assert!(WordClass::Name.precedes(t, t.find("Productions").unwrap()));
    /// assert!(!WordClass::Name.precedes(t, t.find("productions").unwrap()));
    /// assert!(!WordClass::Name.precedes(t, t.rfind("Productions").unwrap()));
    /// assert!(!WordClass::Name.precedes("Productions", 0));
    /// assert!(WordClass::Name.precedes("Warner Bros. Pictures", 13));
    /// assert!(!WordClass::Name.precedes("IconProductions", 4));
    /// assert!(WordClass::Name.precedes("from 'Icon Productions'", 11));
    /// assert!(!WordClass::Name.precedes("shot our Pictures", 9));
    /// assert!(!WordClass::Name.precedes("the 1988 Productions", 9));
    /// ```
    pub fn precedes(self, text: &str, start: usize) -> bool {
        use crate::text::normalize::{is_space, is_word_char};
        match self {
            WordClass::Name => {
                let Some((before, at)) = text.split_at_checked(start) else { return false };
                if !at.chars().next().is_some_and(char::is_uppercase) {
                    return false;
                }
                let trimmed = before.trim_end_matches(is_space);
                if trimmed.len() == before.len() {
                    return false;
                }
                let in_word = |c: char| is_word_char(c) || matches!(c, '\'' | '\u{2019}' | '-' | '.' | '&');
                let from = trimmed
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| !in_word(c))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                // Quotes, dashes or a full stop opening it ("'Icon") are no part of the name.
                let word = trimmed[from..].trim_start_matches(|c: char| !c.is_alphanumeric());
                word.chars().next().is_some_and(char::is_uppercase)
                    && !["the", "a", "an"].iter().any(|a| word.eq_ignore_ascii_case(a))
            }
        }
    }

    /// Splits a class off the start and the end of a term's text:
    /// `(None, "shot in", Some(Name))` for `shot in {Name}`, `(Some(Name),
    /// "Productions", None)` for `{Name} Productions`, the text unchanged
    /// and no class without braces.
    ///
    /// # Errors
    /// A brace anywhere but around a known class at the start (before white
    /// space) or at the end (after white space); a class with no text.
    fn split(text: &str) -> Result<(Option<WordClass>, &str, Option<WordClass>), String> {
        if !text.contains(['{', '}']) {
            return Ok((None, text, None));
        }
        let known =
            || WordClass::ALL.iter().map(|c| format!("{{{}}}", c.name())).collect::<Vec<_>>().join(", ");
        let bad = || {
            format!(
                "term {text:?}: a word class is written in braces at the start of the term before a space, \
                 or at its end after a space ({})",
                known()
            )
        };
        let class_of =
            |name: &str| {
                WordClass::ALL.iter().copied().find(|c| c.name() == name.trim()).ok_or_else(|| {
                    format!("term {text:?}: unknown word class {{{name}}} (known: {})", known())
                })
            };
        let mut body = text;
        let mut prev = None;
        if let Some(rest) = body.strip_prefix('{') {
            let close = rest.find('}').ok_or_else(bad)?;
            let (name, after) = (&rest[..close], &rest[close + 1..]);
            if name.contains('{') || !after.starts_with(char::is_whitespace) {
                return Err(bad());
            }
            prev = Some(class_of(name)?);
            body = after.trim_start();
        }
        let mut next = None;
        if body.ends_with('}') {
            let open = body.rfind('{').ok_or_else(bad)?;
            let (head, class) = (&body[..open], &body[open..]);
            let name = &class[1..class.len() - 1];
            if name.contains(['{', '}']) || !head.ends_with(char::is_whitespace) {
                return Err(bad());
            }
            next = Some(class_of(name)?);
            body = head.trim_end();
        }
        if body.contains(['{', '}']) || body.is_empty() {
            return Err(bad());
        }
        Ok((prev, body, next))
    }
}

/// A set of roles and their terms.
#[derive(Debug, Clone)]
pub struct Lexicon {
    roles: Vec<String>,
    terms: Vec<Term>,
    sets: Vec<String>,
    cues: Vec<Cue>,
    topic: Option<TopicModel>,
}

/// The default lexicons, compiled in.
const BUILTIN: &[(&str, &str)] = &[
    ("context.csv", include_str!("../../lexicons/context.csv")),
    ("director.csv", include_str!("../../lexicons/director.csv")),
    ("producer.csv", include_str!("../../lexicons/producer.csv")),
    ("topic.csv", include_str!("../../lexicons/topic.csv")),
];

/// Names a role may not take, since they are labels of their own.
const RESERVED_ROLES: &[&str] = &["both", "none", CONTEXT_STEM, TOPIC_STEM];

impl Lexicon {
    /// The lexicons shipped in `lexicons/`, compiled into the binary.
    ///
    /// ```
    /// let lex = rolecall::Lexicon::builtin();
    /// assert_eq!(lex.roles(), ["director", "producer"]);
    /// assert!(lex.terms().len() > 100);
    /// ```
    pub fn builtin() -> Lexicon {
        Lexicon::from_sources(BUILTIN.iter().map(|&(n, c)| (n.to_string(), c.to_string())))
            .expect("the built-in lexicons are valid (checked by tests)")
    }

    /// Loads every `*.csv` file in `dir`, one role per file.
    pub fn load_dir(dir: &Path) -> Result<Lexicon, Error> {
        let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let mut files = Vec::new();
        for entry in rd {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let path = entry.path();
            let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if is_csv && !hidden {
                files.push(path);
            }
        }
        files.sort();
        if files.is_empty() {
            return Err(Error::Lexicon {
                file: dir.display().to_string(),
                line: 0,
                message: "no lexicon files (*.csv) in this folder".into(),
            });
        }
        let mut sources = Vec::new();
        for path in files {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            let name = path.display().to_string();
            let content = String::from_utf8(bytes).map_err(|e| Error::Lexicon {
                file: name.clone(),
                line: 0,
                message: format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
            })?;
            sources.push((name, content));
        }
        Lexicon::from_sources(sources)
    }

    /// Builds a lexicon from `(file name, CSV content)` pairs; the role is
    /// the file name's stem.
    pub fn from_sources<I>(sources: I) -> Result<Lexicon, Error>
    where
        I: IntoIterator<Item = (String, String)>,
    {
        let (topic_src, rest): (Vec<_>, Vec<_>) =
            sources.into_iter().partition(|(f, _)| file_stem(f) == TOPIC_STEM);
        let topic = match topic_src.as_slice() {
            [] => None,
            [(file, content)] => Some(TopicModel::parse(file, content)?),
            [_, (file, _), ..] => return Err(lex_err(file, 0, "a second topic file".into())),
        };
        let (context, roles_src): (Vec<_>, Vec<_>) =
            rest.into_iter().partition(|(f, _)| file_stem(f) == CONTEXT_STEM);
        let mut sets: Vec<String> = Vec::new();
        let mut cues: Vec<Cue> = Vec::new();
        for (file, content) in &context {
            parse_context(file, content, &mut sets, &mut cues)?;
        }
        let mut roles: Vec<String> = Vec::new();
        let mut terms: Vec<Term> = Vec::new();
        // A phrase may be listed plain and with a word class: where the
        // class holds, the term with the class is the match (the matcher
        // prefers it), elsewhere the plain one.
        type Key = (String, bool, Option<WordClass>, Option<WordClass>);
        let mut seen: HashMap<Key, usize> = HashMap::new();
        // The first term of each phrase, with or without a class: the
        // copies of a phrase must share a role.
        let mut phrase: HashMap<(String, bool), usize> = HashMap::new();
        for (file, content) in roles_src {
            let role_name = role_from_file(&file)?;
            if roles.contains(&role_name) {
                return Err(lex_err(&file, 0, format!("a second file for role {role_name:?}")));
            }
            if roles.len() >= u16::MAX as usize {
                return Err(lex_err(&file, 0, "too many roles".into()));
            }
            let role = RoleId(roles.len() as u16);
            roles.push(role_name);
            for term in parse_file(&file, &content, role, &sets)? {
                let key = (term.pattern.clone(), term.wildcard, term.prev, term.next);
                if let Some(&prev) = seen.get(&key) {
                    let p: &Term = &terms[prev];
                    let what = if p.role == term.role {
                        "is listed twice".to_string()
                    } else {
                        format!("is also in role {:?}", roles[p.role.index()])
                    };
                    return Err(lex_err(
                        &term.origin.file,
                        term.origin.line,
                        format!("term {:?} {what} (first at {})", term.text, p.origin),
                    ));
                }
                // (A phrase met for the first time maps to this term's own index, past the end.)
                let first = *phrase.entry((term.pattern.clone(), term.wildcard)).or_insert(terms.len());
                if let Some(p) = terms.get(first).filter(|p| p.role != term.role) {
                    return Err(lex_err(
                        &term.origin.file,
                        term.origin.line,
                        format!(
                            "term {:?} has the phrase of {:?} in role {:?} (at {}): a phrase listed \
                             plain and with a word class stays in one role",
                            term.text,
                            p.text,
                            roles[p.role.index()],
                            p.origin
                        ),
                    ));
                }
                seen.insert(key, terms.len());
                terms.push(term);
            }
        }
        if roles.is_empty() {
            return Err(lex_err("(lexicon)", 0, "no roles".into()));
        }
        if sets.len() > MAX_SETS {
            return Err(lex_err("context.csv", 0, format!("more than {MAX_SETS} context sets")));
        }
        if terms.len() + cues.len() > u32::MAX as usize {
            return Err(lex_err("(lexicon)", 0, "too many terms".into()));
        }
        Ok(Lexicon { roles, terms, sets, cues, topic })
    }

    /// The role names, in file-name order.
    pub fn roles(&self) -> &[String] {
        &self.roles
    }

    /// Every term, in file then line order.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The term with id `id`.
    pub fn term(&self, id: TermId) -> &Term {
        &self.terms[id.index()]
    }

    /// The name of role `id`.
    pub fn role_name(&self, id: RoleId) -> &str {
        &self.roles[id.index()]
    }

    /// The context set names, in order of first use in `context.csv`.
    pub fn sets(&self) -> &[String] {
        &self.sets
    }

    /// The name of set `id`.
    pub fn set_name(&self, id: SetId) -> &str {
        &self.sets[id.index()]
    }

    /// The id of the set called `name`.
    pub fn set_id(&self, name: &str) -> Option<SetId> {
        self.sets.iter().position(|s| s == name).map(|i| SetId(i as u16))
    }

    /// The context cues.
    pub fn cues(&self) -> &[Cue] {
        &self.cues
    }

    /// The learned film-topic weights, when the lexicon has a `topic.csv`.
    pub fn topic(&self) -> Option<&TopicModel> {
        self.topic.as_ref()
    }

    /// A SHA-256 of everything in the lexicon that changes tags, as
    /// `sha256:` and 64 hex digits: the roles in order; each term's text,
    /// pattern, wildcard, kind, role, weight, `needs` and `unless` sets; the
    /// context sets and their cues; the topic words' weights. Where a term
    /// was defined (file, line) and its note are left out, so the built-in
    /// lexicons and a copy of `lexicons/` given with `-l` hash the same.
    /// `run.json` records it; `merge` refuses shards whose hashes differ.
    ///
    /// ```
    /// let lex = rolecall::Lexicon::builtin();
    /// assert!(lex.fingerprint().starts_with("sha256:"));
    /// assert_eq!(lex.fingerprint(), lex.clone().fingerprint());
    /// ```
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        // Every field length-prefixed, every list counted: no two lexicons
        // write the same bytes.
        let mut put = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        let num = |n: u64| n.to_le_bytes();
        put(b"rolecall lexicon 1");
        put(&num(self.roles.len() as u64));
        for r in &self.roles {
            put(r.as_bytes());
        }
        put(&num(self.terms.len() as u64));
        for t in &self.terms {
            put(t.text.as_bytes());
            put(t.pattern.as_bytes());
            put(&[u8::from(t.wildcard)]);
            put(t.kind.as_str().as_bytes());
            put(&num(u64::from(t.role.0)));
            put(&num(t.weight.to_bits()));
            put(&num(t.needs.map_or(u64::MAX, |s| u64::from(s.0))));
            put(&num(t.unless.len() as u64));
            for s in &t.unless {
                put(&num(u64::from(s.0)));
            }
        }
        put(&num(self.sets.len() as u64));
        for s in &self.sets {
            put(s.as_bytes());
        }
        put(&num(self.cues.len() as u64));
        for c in &self.cues {
            put(c.text.as_bytes());
            put(c.pattern.as_bytes());
            put(&[u8::from(c.wildcard)]);
            put(&num(u64::from(c.set.0)));
        }
        let topic = self.topic.as_ref().map(TopicModel::weights).unwrap_or_default();
        put(&num(topic.len() as u64));
        for &(word, weight) in topic {
            put(&num(word));
            put(&num(u64::from(weight.to_bits())));
        }
        let mut out = String::from("sha256:");
        for b in h.finalize() {
            out.push_str(&format!("{b:02x}"));
        }
        out
    }
}

fn lex_err(file: &str, line: u64, message: String) -> Error {
    Error::Lexicon { file: file.to_string(), line, message }
}

fn file_stem(file: &str) -> String {
    Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn role_from_file(file: &str) -> Result<String, Error> {
    let stem = file_stem(file);
    check_role_name(&stem).map_err(|m| {
        let named = format!("role name {stem:?}");
        lex_err(file, 0, m.replacen(&named, &format!("{named} (the file stem)"), 1))
    })?;
    Ok(stem)
}

/// Whether `name` may name a role: lower-case ASCII letters, digits, `_`
/// or `-`, and not a label (`both`, `none`) or a reserved file stem
/// (`context`, `topic`). The error says which rule it breaks.
pub fn check_role_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !ok {
        return Err(format!("role name {name:?} must be lower-case letters, digits, '_' or '-'"));
    }
    if RESERVED_ROLES.contains(&name) {
        return Err(format!("{name:?} is a label, not a role name"));
    }
    Ok(())
}

const KNOWN_COLUMNS: &[&str] = &["term", "kind", "weight", "note", "needs", "unless"];
const CONTEXT_COLUMNS: &[&str] = &["term", "set", "note"];

/// A CSV reader for lexicon files: `#` comments, trimmed fields.
fn lexicon_reader(content: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(content.as_bytes())
}

/// The non-blank records of a lexicon file, each with its line number.
fn lexicon_records<'a>(
    file: &'a str,
    content: &'a str,
    rdr: &'a mut csv::Reader<&[u8]>,
) -> impl Iterator<Item = Result<(u64, csv::StringRecord), Error>> + 'a {
    let mut lines = LineCounter::default();
    rdr.records().filter_map(move |rec| match rec {
        Err(e) => Some(Err(lex_err(file, csv_line(&e), format!("bad CSV: {e}")))),
        Ok(r) if r.iter().all(str::is_empty) => None,
        Ok(r) => {
            let line = r.position().map_or(0, |p| lines.line_at(content, p.byte()));
            // No lexicon field holds a line break: one that does was
            // swallowed by a quote left open.
            match r.iter().map(|f| f.matches('\n').count() as u64).max() {
                Some(n) if n > 0 => Some(Err(lex_err(
                    file,
                    line,
                    format!(
                        "a quote opened on this line is not closed on it: its field runs over {} lines, to line {} (close the quote, or remove it)",
                        n + 1,
                        line + n
                    ),
                ))),
                _ => Some(Ok((line, r))),
            }
        }
    })
}

/// Checks the header against `known`; returns the position of each known column.
fn columns(file: &str, headers: &csv::StringRecord, known: &[&str]) -> Result<Vec<Option<usize>>, Error> {
    for h in headers.iter() {
        if !known.iter().any(|k| h.eq_ignore_ascii_case(k)) {
            return Err(lex_err(file, 1, format!("unknown column {h:?} (known: {})", known.join(", "))));
        }
    }
    Ok(known.iter().map(|k| headers.iter().position(|h| h.eq_ignore_ascii_case(k))).collect())
}

/// Splits a term into its normalised pattern and wildcard flag, or says what is wrong.
fn parse_pattern(text: &str) -> Result<(String, bool), String> {
    let (body, wildcard) = match text.strip_suffix('*') {
        Some(b) => (b, true),
        None => (text, false),
    };
    if body.contains('*') {
        return Err(format!("term {text:?}: '*' may only end the term"));
    }
    let pattern = normalize_term(body);
    if pattern.is_empty() {
        return Err(format!("term {text:?} is empty once normalised"));
    }
    if wildcard && !body.chars().next_back().is_some_and(is_word_char) {
        return Err(format!(
            "term {text:?}: '*' must follow a letter or digit (it makes the last word a prefix)"
        ));
    }
    Ok((pattern, wildcard))
}

/// Reads `context.csv`: `term, set, note`.
fn parse_context(
    file: &str,
    content: &str,
    sets: &mut Vec<String>,
    cues: &mut Vec<Cue>,
) -> Result<(), Error> {
    let mut rdr = lexicon_reader(content);
    let headers = rdr.headers().map_err(|e| lex_err(file, csv_line(&e), format!("bad header: {e}")))?.clone();
    let cols = columns(file, &headers, CONTEXT_COLUMNS)?;
    let term_col = cols[0].ok_or_else(|| lex_err(file, 1, "missing column \"term\"".into()))?;
    let set_col = cols[1].ok_or_else(|| lex_err(file, 1, "missing column \"set\"".into()))?;
    let mut seen: HashMap<(String, bool, String), u64> = HashMap::new();
    for rec in lexicon_records(file, content, &mut rdr) {
        let (line, rec) = rec?;
        let err = |m: String| lex_err(file, line, m);
        let text = rec.get(term_col).unwrap_or("").to_string();
        let set_name = rec.get(set_col).unwrap_or("").to_ascii_lowercase();
        if text.is_empty() {
            return Err(err("empty term".into()));
        }
        if set_name.is_empty() || !set_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(err(format!("term {text:?}: set {set_name:?} must be a plain name")));
        }
        if text.contains(['{', '}']) {
            return Err(err(format!(
                "cue {text:?}: a word class ({{Name}}) is for role files' terms, not cues"
            )));
        }
        let builtin = BuiltinCue::parse(&text).map_err(err)?;
        if let Some(first) = builtin.and_then(|b| cues.iter().find(|c| c.builtin == Some(b))) {
            return Err(err(format!(
                "cue {text:?}: a built-in cue is listed once, in one set (first at line {}, set {:?})",
                first.origin.line,
                sets[first.set.index()]
            )));
        }
        let (pattern, wildcard) = match builtin {
            Some(b) => (format!("<{}>", b.name()), false),
            None => parse_pattern(&text).map_err(err)?,
        };
        if let Some(first) = seen.insert((pattern.clone(), wildcard, set_name.clone()), line) {
            return Err(lex_err(
                file,
                line,
                format!("term {text:?} is listed twice in set {set_name:?} (first at line {first})"),
            ));
        }
        let set = match sets.iter().position(|s| *s == set_name) {
            Some(i) => SetId(i as u16),
            None => {
                sets.push(set_name);
                SetId((sets.len() - 1) as u16)
            }
        };
        cues.push(Cue {
            text,
            pattern,
            wildcard,
            set,
            builtin,
            origin: Origin { file: file_name(file), line },
        });
    }
    Ok(())
}

fn parse_file(file: &str, content: &str, role: RoleId, sets: &[String]) -> Result<Vec<Term>, Error> {
    let mut rdr = lexicon_reader(content);
    let headers = rdr.headers().map_err(|e| lex_err(file, csv_line(&e), format!("bad header: {e}")))?.clone();
    let cols = columns(file, &headers, KNOWN_COLUMNS)?;
    let term_col = cols[0].ok_or_else(|| lex_err(file, 1, "missing column \"term\"".into()))?;
    let kind_col = cols[1].ok_or_else(|| lex_err(file, 1, "missing column \"kind\"".into()))?;
    let (weight_col, note_col, needs_col, unless_col) = (cols[2], cols[3], cols[4], cols[5]);
    let set_of = |name: &str| sets.iter().position(|s| s.eq_ignore_ascii_case(name)).map(|i| SetId(i as u16));

    let mut out = Vec::new();
    for rec in lexicon_records(file, content, &mut rdr) {
        let (line, rec) = rec?;
        let err = |m: String| lex_err(file, line, m);
        let field = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("");
        let text = field(Some(term_col)).to_string();
        let kind_s = field(Some(kind_col));
        if text.is_empty() {
            return Err(err("empty term".into()));
        }
        let kind = TermKind::parse(kind_s).ok_or_else(|| {
            err(format!("term {text:?}: unknown kind {kind_s:?} (expected role, activity or exclude)"))
        })?;
        let weight = match field(weight_col) {
            "" => 1.0,
            w => match w.parse::<f64>() {
                Ok(v) if v.is_finite() && v > 0.0 => v,
                _ => return Err(err(format!("term {text:?}: weight {w:?} is not a positive number"))),
            },
        };
        let unknown_set = |name: &str| {
            err(format!(
                "term {text:?}: unknown context set {name:?} ({})",
                if sets.is_empty() {
                    "no context sets: is context.csv missing from the lexicon folder?".to_string()
                } else {
                    format!("sets in context.csv: {}", sets.join(", "))
                }
            ))
        };
        let needs = match field(needs_col) {
            "" => None,
            n => Some(set_of(n).ok_or_else(|| unknown_set(n))?),
        };
        let mut unless = Vec::new();
        for n in field(unless_col).split(['|', ';']).map(str::trim).filter(|n| !n.is_empty()) {
            unless.push(set_of(n).ok_or_else(|| unknown_set(n))?);
        }
        if kind == TermKind::Exclude && (needs.is_some() || !unless.is_empty()) {
            return Err(err(format!("term {text:?}: an exclude term takes no needs/unless")));
        }
        let note = field(note_col).to_string();
        let (prev, body, next) = WordClass::split(&text).map_err(err)?;
        let builtin = Builtin::parse(body).map_err(err)?;
        if builtin.is_some() && (prev.is_some() || next.is_some()) {
            return Err(err(format!("term {text:?}: a word class does not combine with a built-in term")));
        }
        if prev.is_some() && !body.chars().next().is_some_and(char::is_alphabetic) {
            return Err(err(format!(
                "term {text:?}: after a word class at the start the term begins with a letter \
                 (it is matched only where that letter is a capital)"
            )));
        }
        let (pattern, wildcard) = match builtin {
            Some(b) => (format!("<{}>", b.name()), false),
            None => parse_pattern(body).map_err(err)?,
        };
        if next.is_some() && wildcard {
            return Err(err(format!("term {text:?}: a word class cannot follow a '*'")));
        }
        out.push(Term {
            text,
            pattern,
            wildcard,
            kind,
            role,
            weight,
            note,
            origin: Origin { file: file_name(file), line },
            needs,
            unless,
            builtin,
            next,
            prev,
        });
    }
    Ok(out)
}

fn file_name(file: &str) -> String {
    Path::new(file).file_name().map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned())
}

/// The 1-based line number of the record that the CSV reader places at
/// `byte`: its position is where the reader started, before it skipped
/// blank and comment lines, so those are skipped here too.
/// Line numbers of records read in order: the newlines are counted on
/// from the previous record, not from the start of the file (which made
/// loading quadratic in the number of rows).
#[derive(Debug, Default)]
struct LineCounter {
    /// A byte offset of `content` and the number of newlines before it.
    at: usize,
    newlines: u64,
}

impl LineCounter {
    /// The 1-based line of the first line at or after `byte` that is not
    /// blank or a comment (where the record's own text starts).
    fn line_at(&mut self, content: &str, byte: u64) -> u64 {
        let mut start = (byte as usize).min(content.len());
        loop {
            let rest = &content[start..];
            let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let line = rest[..line_end].trim();
            if line_end == 0
                || !(line.is_empty() || line.starts_with('#'))
                || start + line_end >= content.len()
            {
                break;
            }
            start += line_end;
        }
        if start < self.at {
            *self = LineCounter::default();
        }
        let bytes = content.as_bytes();
        self.newlines += memchr::memchr_iter(b'\n', &bytes[self.at..start]).count() as u64;
        self.at = start;
        self.newlines + 1
    }
}

fn csv_line(e: &csv::Error) -> u64 {
    e.position().map_or(0, |p| p.line())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: &[(&str, &str)]) -> Result<Lexicon, Error> {
        Lexicon::from_sources(files.iter().map(|(a, b)| (a.to_string(), b.to_string())))
    }

    fn err_of(files: &[(&str, &str)]) -> String {
        load(files).unwrap_err().to_string()
    }

    #[test]
    fn builtin_loads() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.roles(), ["director", "producer"]);
        assert!(lex.set_id(SCREEN_SET).is_some());
        assert!(lex.terms().len() >= 200, "a few hundred terms, got {}", lex.terms().len());
    }

    #[test]
    fn parses_kinds_weights_comments_and_wildcards() {
        let lex = load(&[(
            "director.csv",
            "term,kind,weight,note\n# a comment\ndirected by,role,,\ndirect*,role,0.5,prefix\n\"Director of Photography\",exclude,,camera crew\n",
        )])
        .unwrap();
        let t = lex.terms();
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].pattern, "directed by");
        assert_eq!(t[0].origin.line, 3);
        assert!(t[1].wildcard);
        assert_eq!(t[1].pattern, "direct");
        assert_eq!(t[1].weight, 0.5);
        assert_eq!(t[2].kind, TermKind::Exclude);
        assert_eq!(t[2].pattern, "director of photography");
    }

    /// The matches of `lex` in `text`: (term index, start, end).
    fn found_in(lex: &Lexicon, text: &str) -> Vec<(u32, usize, usize)> {
        let mut found = Vec::new();
        crate::Matcher::new(lex).unwrap().find(text, &mut crate::matcher::Scratch::default(), &mut found);
        found.iter().map(|f| (f.term.0, f.span.start, f.span.end)).collect()
    }

    #[test]
    fn builtin_terms_are_named_in_angle_brackets() {
        let lex = load(&[("p.csv", "term,kind,weight\n<MONEY>,activity,0.5\nmoney,activity,\n")]).unwrap();
        let t = lex.terms();
        assert_eq!(
            (t[0].builtin, t[0].pattern.as_str(), t[0].weight),
            (Some(Builtin::Money), "<money>", 0.5)
        );
        assert_eq!(t[1].builtin, None);
        assert_eq!(
            found_in(&lex, "The money: it took $18.1m (£9.4m)."),
            [(1, 4, 9), (0, 19, 25), (0, 27, 33)]
        );
    }

    #[test]
    fn builtin_cues_are_named_in_angle_brackets() {
        let p = ("p.csv", "term,kind,unless\nstudio,role,citation\n");
        let lex = load(&[p, ("context.csv", "term,set\n< To-Capitals >,citation\nfilm,screen\n")]).unwrap();
        let c = lex.cues();
        assert_eq!((c[0].builtin, c[0].pattern.as_str()), (Some(BuiltinCue::ToCapitals), "<to-capitals>"));
        assert_eq!(c[1].builtin, None);
        // Never searched for as text: only "film" is found.
        let (mut out, mut cues) = (Vec::new(), Vec::new());
        let m = crate::Matcher::new(&lex).unwrap();
        m.find_with_cues("<to-capitals> to-capitals film", &mut Default::default(), &mut out, &mut cues);
        assert_eq!(cues.iter().map(|c| c.cue).collect::<Vec<_>>(), [1]);
        // Found by its form, first among the cues: the opening "To".
        let (mut out, mut cues) = (Vec::new(), Vec::new());
        m.find_with_cues("To JOHN ARNOLD for a film", &mut Default::default(), &mut out, &mut cues);
        let found: Vec<_> = cues.iter().map(|c| (c.cue, c.span.start, c.span.end)).collect();
        assert_eq!(found, [(0, 0, 2), (1, 21, 25)]);
        let e = load(&[p, ("context.csv", "term,set\n<money>,citation\n")]).unwrap_err().to_string();
        assert!(
            e.contains("context.csv:2:") && e.contains("unknown built-in cue (known: <to-capitals>)"),
            "{e}"
        );
        let twice = "term,set\n<to-capitals>,citation\n<to-capitals>,tech\n";
        let e = load(&[p, ("context.csv", twice)]).unwrap_err().to_string();
        assert!(
            e.contains("context.csv:3:") && e.contains("listed once, in one set (first at line 2"),
            "{e}"
        );
    }

    #[test]
    fn a_word_class_ends_a_term() {
        let lex = load(&[("p.csv", "term,kind\nshot in  {Name},activity\nshot,activity\n")]).unwrap();
        let t = lex.terms();
        assert_eq!(
            (t[0].pattern.as_str(), t[0].next, t[0].text.as_str()),
            ("shot in", Some(WordClass::Name), "shot in  {Name}")
        );
        assert_eq!(t[1].next, None);
        // The first "Shot" falls back to the bare term; the second takes the class term.
        assert_eq!(found_in(&lex, "Shot in the head, then shot in Rome."), [(1, 0, 4), (0, 23, 30)]);
    }

    #[test]
    fn a_word_class_opens_a_term_and_a_plain_phrase_may_be_listed_too() {
        // The plain phrase first, the class term after it: the class term
        // is still the match where its class holds (not lexicon order).
        let lex = load(&[(
            "p.csv",
            "term,kind,weight\nproductions,activity,0.5\n{Name}  Productions,role,1\nshot in,activity,0.5\nshot in {Name},activity,1\n",
        )])
        .unwrap();
        let t = lex.terms();
        assert_eq!(
            (t[1].pattern.as_str(), t[1].prev, t[1].next, t[1].text.as_str()),
            ("productions", Some(WordClass::Name), None, "{Name}  Productions")
        );
        assert!(!t[1].is_plain_text() && t[0].is_plain_text());
        let text = "Icon Productions shot in Rome; stage productions shot in the rain; The Productions.";
        assert_eq!(found_in(&lex, text), [(1, 5, 16), (3, 17, 24), (0, 37, 48), (2, 49, 56), (0, 71, 82)]);
        // Non-ASCII text (the automaton's path) and a name word with a full stop.
        let text = "Élan Productions; Warner Bros. Productions; Éric productions";
        assert_eq!(found_in(&lex, text), [(1, 6, 17), (1, 32, 43), (0, 51, 62)]);
    }

    /// The error for a brace out of place.
    const WHERE_CLASS: &str = "a word class is written in braces at the start of the term before a space, \
                               or at its end after a space ({Name})";

    #[test]
    fn errors_name_file_and_line() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("d.csv", "term,kind\nfoo,bogus\n")], "d.csv:2: term \"foo\": unknown kind \"bogus\""),
            (&[("d.csv", "term,kind\n,role\n")], "d.csv:2: empty term"),
            (&[("d.csv", "term,kind\ndi*rect,role\n")], "d.csv:2: term \"di*rect\": '*' may only end"),
            (&[("d.csv", "term,kind\nfoo *,role\n")], "d.csv:2: term \"foo *\": '*' must follow"),
            (&[("d.csv", "term\nfoo\n")], "d.csv:1: missing column \"kind\""),
            (&[("d.csv", "term,kind,colour\nfoo,role,red\n")], "d.csv:1: unknown column \"colour\""),
            (&[("d.csv", "term,kind,weight\nfoo,role,-1\n")], "d.csv:2: term \"foo\": weight \"-1\""),
            (
                &[("d.csv", "term,kind\nfoo,role\n"), ("p.csv", "term,kind\n\nFOO,activity\n")],
                "p.csv:3: term \"FOO\" is also in role \"d\" (first at d.csv:2)",
            ),
            (&[("d.csv", "term,kind\nfoo,role\nfoo,activity\n")], "d.csv:3: term \"foo\" is listed twice"),
            // A quote left open swallows the lines after it (a new user's
            // file gave the next 120 lines as one term).
            (
                &[("d.csv", "term,kind\nfoo,role\n\"bar,role\nbaz,role\nqux,role\n")],
                "d.csv:3: a quote opened on this line is not closed on it: its field runs over 3 lines, to line 5",
            ),
            (&[("both.csv", "term,kind\n")], "\"both\" is a label"),
            (
                &[("d.csv", "term,kind\n<cash>,activity\n")],
                "d.csv:2: term \"<cash>\": unknown built-in term (known: <money>)",
            ),
            (
                &[("d.csv", "term,kind\n<money>,role\n< Money >,activity\n")],
                "d.csv:3: term \"< Money >\" is listed twice",
            ),
            (
                &[("d.csv", "term,kind\nshot in {Place},activity\n")],
                "d.csv:2: term \"shot in {Place}\": unknown word class {Place} (known: {Name})",
            ),
            (
                &[("d.csv", "term,kind\n{Place} Productions,activity\n")],
                "d.csv:2: term \"{Place} Productions\": unknown word class {Place} (known: {Name})",
            ),
            (&[("d.csv", "term,kind\n{Name}Productions,activity\n")], WHERE_CLASS),
            (&[("d.csv", "term,kind\nshot in{Name},activity\n")], WHERE_CLASS),
            (&[("d.csv", "term,kind\nshot {in} {Name},activity\n")], WHERE_CLASS),
            (&[("d.csv", "term,kind\nshot in {Name,activity\n")], WHERE_CLASS),
            (&[("d.csv", "term,kind\n{Name shot in,activity\n")], WHERE_CLASS),
            (&[("d.csv", "term,kind\nshoot* {Name},activity\n")], "a word class cannot follow a '*'"),
            (&[("d.csv", "term,kind\n{Name},activity\n")], WHERE_CLASS),
            (&[("d.csv", "term,kind\n{Name} {Name},activity\n")], WHERE_CLASS),
            (&[("d.csv", "term,kind\n{Name} -style,activity\n")], "begins with a letter"),
            (&[("d.csv", "term,kind\n{Name} 3D Pictures,activity\n")], "begins with a letter"),
            (&[("d.csv", "term,kind\n{Name} <money>,activity\n")], "does not combine with a built-in term"),
            (&[("d.csv", "term,kind\n<money> {Name},activity\n")], "does not combine with a built-in term"),
            (
                &[
                    ("d.csv", "term,kind\n{Name} Productions,role\n"),
                    ("p.csv", "term,kind\nproductions,role\n"),
                ],
                "p.csv:2: term \"productions\" has the phrase of \"{Name} Productions\" in role \"d\" (at d.csv:2): \
                 a phrase listed plain and with a word class stays in one role",
            ),
            (
                &[("d.csv", "term,kind\nshot in {Name},activity\nshot  in {Name},activity\n")],
                "d.csv:3: term \"shot  in {Name}\" is listed twice (first at d.csv:2)",
            ),
            (
                &[("context.csv", "term,set\nfilm {Name},screen\n"), ("d.csv", "term,kind\nfoo,role\n")],
                "a word class ({Name}) is for role files' terms, not cues",
            ),
        ];
        for (files, want) in cases {
            let got = err_of(files);
            assert!(got.contains(want), "want {want:?} in {got:?}");
        }
    }
}
