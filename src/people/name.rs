//! The name grammar: words of a unit as tokens, and a person's name read
//! forward or backward from a token.
//!
//! A name is a run of capitalised words (`Jane`, `O'Connell`,
//! `Dornford-May`, `Zoë`, `LeRoy`), initials (`J.`, `J.J.`, `E`),
//! lower-case particles inside it (`de`, `del`, `van`, `von`, `la`, …) and
//! a closing suffix (`Jr.`, `Sr.`, `II`); `St.` before a name word is
//! inside it (`Malcolm St. Clair`). An honorific before it (`Sir`,
//! `Dr`) is read over but not part of it. Words that are never parts of a
//! name (function words, award and festival names, months) end it, except
//! a capitalised one closing the name before punctuation or `and`
//! ("Johnny To and his band"); a word
//! of a company (`Pictures`, `Studios`, `Films`, `Company`) makes the run
//! no person at all.
//!
//! Positions are byte offsets into the text given to [`tokenize`].

use crate::text::span::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits, with apostrophes and hyphens between them.
    Word,
    /// A possessive ending: `'s`, `’s` or a bare `'` after a word.
    Possessive,
    /// Any other character that is not white space (one per token).
    Punct,
}

/// One token: its kind and byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// Where it is, in bytes of the text tokenised.
    pub span: Span,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Appends the tokens of `text[span]` to `out` (spans into `text`).
///
/// A word is a letter or digit, then letters, digits, inner apostrophes
/// and hyphens; U+FFFD inside a word (a byte of another encoding that
/// the input's repair replaced: Latin-1 "José") goes on with it, so a
/// name is not cut there.
///
/// ```
/// use rolecall::people::name::{tokenize, Kind};
/// let text = "Jerry O'Connell's co-star";
/// let mut toks = Vec::new();
/// tokenize(text, rolecall::text::span::Span::new(0, text.len()), &mut toks);
/// let words: Vec<&str> = toks.iter().map(|t| &text[t.span.range()]).collect();
/// assert_eq!(words, ["Jerry", "O'Connell", "'s", "co-star"]);
/// assert_eq!(toks[2].kind, Kind::Possessive);
/// ```
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    // Read by byte position, decoding a char only where the byte is not
    // ASCII, with ASCII letters in a tight loop: 22% fewer instructions
    // than a peekable `char_indices` on the windows a `--people` scan reads
    // (callgrind, 6,702 windows of every 10th file of `c100`: 21.7 M →
    // 17.0 M), with the same tokens (`same_tokens_as_chars`). ASCII bytes
    // are classed by one table look-up ([`CLASS`]) rather than by range
    // tests: 30% fewer again (18,808 windows of 640 bytes around
    // "direct" and "produc" in every 5th file of `c100`, tokenising
    // alone: 264 M → 186 M), the same tokens.
    let s = &text[span.range()];
    let bytes = s.as_bytes();
    let n = bytes.len();
    let at = |i: usize| span.start + i;
    let mut i = 0;
    while i < n {
        let class = CLASS[usize::from(bytes[i])];
        if class == SPACE {
            i += 1;
            continue;
        }
        let Some((c, len)) = char_at(s, i) else { break };
        if class == NOT_ASCII && c.is_whitespace() {
            i += len;
            continue;
        }
        if class == ALNUM || (class == NOT_ASCII && c.is_alphanumeric()) {
            let mut end = i + len;
            loop {
                // ASCII letters and digits in one tight loop.
                while end < n && CLASS[usize::from(bytes[end])] == ALNUM {
                    end += 1;
                }
                let Some((d, dlen)) = char_at(s, end) else { break };
                if d.is_alphanumeric() || d == char::REPLACEMENT_CHARACTER {
                    end += dlen;
                    continue;
                }
                if is_apostrophe(d) || is_hyphen(d) {
                    let after = end + dlen;
                    let n1 = char_at(s, after);
                    // `'s` closing a word is a possessive, not part of it.
                    if is_apostrophe(d)
                        && matches!(n1, Some(('s', _)))
                        && !char_at(s, after + 1).is_some_and(|(c, _)| c.is_alphanumeric())
                    {
                        break;
                    }
                    if n1.is_some_and(|(c, _)| c.is_alphanumeric()) {
                        end = after;
                        continue;
                    }
                }
                break;
            }
            out.push(Token { kind: Kind::Word, span: Span::new(at(i), at(end)) });
            i = end;
            continue;
        }
        if is_apostrophe(c) && out.last().is_some_and(|t| t.kind == Kind::Word && t.span.end == at(i)) {
            let mut end = i + len;
            if bytes.get(end) == Some(&b's') {
                end += 1;
            }
            out.push(Token { kind: Kind::Possessive, span: Span::new(at(i), at(end)) });
            i = end;
            continue;
        }
        out.push(Token { kind: Kind::Punct, span: Span::new(at(i), at(i + len)) });
        i += len;
    }
}

/// [`CLASS`] of other ASCII bytes (punctuation, control).
const OTHER: u8 = 0;
/// [`CLASS`] of ASCII white space (as [`char::is_whitespace`]: tab to
/// carriage return, space).
const SPACE: u8 = 1;
/// [`CLASS`] of ASCII letters and digits.
const ALNUM: u8 = 2;
/// [`CLASS`] of a byte of a char that is not ASCII (decoded to class it).
const NOT_ASCII: u8 = 3;

/// The class of each byte, for [`tokenize`].
const CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = if b >= 0x80 {
            NOT_ASCII
        } else if b.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(b, b'\t'..=b'\r' | b' ') {
            SPACE
        } else {
            OTHER
        };
        c += 1;
    }
    table
};

/// The char starting at byte `i` of `s` and its length in bytes (`None`
/// at the end); `i` is a char boundary.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = s[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Particles that may stand inside a name, before a capitalised word.
const PARTICLES: &[&str] = &[
    "de", "del", "della", "dello", "der", "den", "des", "di", "da", "das", "dos", "du", "la", "le", "van",
    "von", "ter", "ten", "y", "bin", "ibn", "zu", "af", "av", "el", "al", "lo",
];

/// Honorifics read over before a name, not part of it.
const HONORIFICS: &[&str] = &[
    "Sir",
    "Dame",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Lord",
    "Lady",
    "Prof",
    "Professor",
    "Rev",
    "Mme",
    "Mlle",
    "Herr",
    "Madame",
    "Monsieur",
    "Señor",
    "Senor",
];

/// Suffixes that close a name.
const SUFFIXES: &[&str] = &["Jr", "Sr", "II", "III", "IV"];

/// Capitalised words that are never part of a person's name here: function
/// words (capitalised at a sentence's start), the roles' own words, award,
/// festival and calendar words, nationalities that precede titles.
const STOP: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "Again",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "Any",
    "As",
    "At",
    "Before",
    "Both",
    "But",
    "By",
    "Can",
    "Could",
    "Despite",
    "During",
    "Each",
    "Even",
    "Every",
    "For",
    "From",
    "Had",
    "Has",
    "Have",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "Is",
    "It",
    "Its",
    "Just",
    "Later",
    "Like",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "Much",
    "My",
    "Neither",
    "No",
    "Nor",
    "Not",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Our",
    "Over",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "Than",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Through",
    "To",
    "Today",
    "Tomorrow",
    "Two",
    "Under",
    "Unlike",
    "Until",
    "Upon",
    "Very",
    "Was",
    "We",
    "Were",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Whose",
    "Why",
    "Will",
    "With",
    "Without",
    "Yesterday",
    "Yet",
    "You",
    "Your",
    "Director",
    "Directors",
    "Producer",
    "Producers",
    "Directed",
    "Produced",
    "Written",
    "Starring",
    "Executive",
    "Co-producer",
    "Filmmaker",
    "Film-maker",
    "Writer",
    "Screenplay",
    "Music",
    "Editor",
    "Cast",
    "Oscar",
    "Oscars",
    "Academy",
    "Award",
    "Awards",
    "Best",
    "Bafta",
    "Baftas",
    "BAFTA",
    "Emmy",
    "Emmys",
    "Golden",
    "Globe",
    "Globes",
    "Festival",
    "Cannes",
    "Sundance",
    "Venice",
    "Berlinale",
    "Hollywood",
    "Bollywood",
    "Broadway",
    "January",
    "February",
    "March",
    "July",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "British",
    "American",
    "French",
    "German",
    "Italian",
    "Spanish",
    "Japanese",
    "Chinese",
    "Indian",
    "Australian",
    "Canadian",
    "Irish",
    "Scottish",
    "Welsh",
    "English",
    "Mexican",
    "Korean",
    "Russian",
    "Polish",
    "Danish",
    "Swedish",
    "Iranian",
    "Dutch",
    "European",
    "Veteran",
    "Acclaimed",
    "Legendary",
    "Famed",
    "Murdered",
    "Late",
    "Former",
    "Young",
    "Part",
    "Chapter",
    "Episode",
    "Whoever",
    "Whatever",
    "Anyone",
    "Someone",
    "Everyone",
    "Nobody",
    "Somebody",
    "Everybody",
    "Anybody",
    "Nothing",
    "Something",
    "Everything",
    "Well",
    "Beautifully",
    "Badly",
    "Poorly",
    "Nicely",
    "Brilliantly",
    "Competently",
    "Superbly",
    "Expertly",
    "Skilfully",
    "Skillfully",
    "Cheaply",
    "Lavishly",
    "Independently",
    "Originally",
    "Previously",
    "Recently",
    "Subsequently",
    "Eventually",
    "Ultimately",
    "Personally",
    "Ably",
    "Tightly",
    "Wonderfully",
    "Perfectly",
    "Cleverly",
    "Stylishly",
    "Handsomely",
    "Capably",
    "Admirably",
    "Professionally",
    "Obviously",
    "Clearly",
    "Apparently",
    "Interestingly",
    "Sadly",
    "Unfortunately",
    "Knowing",
    "Seeing",
    "Watching",
    "Being",
    "Having",
    "Considering",
    "Given",
    "Including",
    "Making",
    "Getting",
    "Actor",
    "Actress",
    "Singer",
    "Comedian",
    "Presenter",
    "Screenwriter",
    "Novelist",
    "Author",
    "Composer",
    "Musician",
    "Rapper",
    "Designer",
    "Artist",
    "Playwright",
    "Dancer",
    "Critic",
    // "Director's Cut", "the Producers Cut" (people_dev: 1 row, p0021).
    "Cut",
    "Chairman",
    "Chief",
    "President",
    "Minister",
    "Judge",
    "Senator",
    "Governor",
    "Mayor",
    "Star",
    "Host",
    "Broadcaster",
    "Journalist",
    "Photographer",
    "Choreographer",
    "Season",
    "Series",
    "Sequel",
    "Act",
    "Scene",
    "God",
    "Christ",
    "Jesus",
    "Bond",
    "Batman",
    "Superman",
];

/// Words that make a capitalised run a company, studio or institution.
const COMPANY: &[&str] = &[
    "Pictures",
    "Picture",
    "Studios",
    "Studio",
    "Films",
    "Movies",
    "Film",
    "Productions",
    "Production",
    "Entertainment",
    "Company",
    "Co",
    "Corporation",
    "Corp",
    "Inc",
    "Incorporated",
    "Ltd",
    "Limited",
    "LLC",
    "Media",
    "Group",
    "Bros",
    "Brothers",
    "Department",
    "Manufacturing",
    "Releasing",
    "Television",
    "TV",
    "Network",
    "Networks",
    "Channel",
    "Records",
    "Features",
    "Cinema",
    "Cinemas",
    "Classics",
    "Animation",
    "Animations",
    "Partners",
    "Fund",
    "Foundation",
    "Institute",
    "University",
    "Association",
    "Society",
    "Council",
    "Trust",
    "Agency",
    "International",
    "Distribution",
    "Industries",
    "Enterprises",
    "Holdings",
    "Ventures",
    "Capital",
    "Labs",
    "Works",
    "Broadcasting",
    "Radio",
    "Theatre",
    "Theater",
    "Opera",
    "Orchestra",
    "Festival",
    "Academy",
    "Bank",
    "Club",
    "Party",
    "Ministry",
    "Government",
    "Commission",
    "Office",
    "Service",
    "Services",
    "House",
    "Press",
    "News",
    "Magazine",
    "Times",
    "Post",
    "Journal",
    "Guardian",
    "Telegraph",
    // Kind "a company whose last word is `Plays`" (people_sample4: 1 row,
    // m0108; people_dev, people_sample3: none): "produced by Paralta Plays".
    "Plays",
];

/// Studios and companies known by one word: a one-word name that is one
/// of these is no person ("produced by Paramount"; "Walt Disney" still is).
const STUDIOS: &[&str] = &[
    "Disney",
    "Paramount",
    "Universal",
    "Lucasfilm",
    "Illumination",
    "Pixar",
    "Filmation",
    "Hanna-Barbera",
    "Republic",
    "Columbia",
    "Warner",
    "Fox",
    "Netflix",
    "Amazon",
    "Hulu",
    "Lionsgate",
    "Amblin",
    "DreamWorks",
    "Dreamworks",
    "Gaumont",
    "Toho",
    "Cannon",
    "Orion",
    "TriStar",
    "Touchstone",
    "Guild",
    "Mosfilm",
    "Aardman",
    "Legendary",
    "Blumhouse",
    "Marvel",
    "Ealing",
    "Hammer",
    "Miramax",
    "Monogram",
    "Mascot",
    "Vitagraph",
    "Essanay",
    "Biograph",
    "Selig",
    "Kalem",
    "Edison",
    "Pathé",
    "Pathe",
    "Goldwyn",
    "Metro",
    "Mutual",
    "Triangle",
    "Thanhouser",
    "Tiffany",
    "Chesterfield",
    "Majestic",
    "Invincible",
    "Embassy",
    "Carolco",
    "Filmways",
    "Screen",
    "Rank",
    "Gainsborough",
    "Shochiku",
    "Daiei",
    "Nikkatsu",
    "Ghibli",
    "Madhouse",
    "Aniplex",
    "Sunrise",
    "Sony",
    "Columbia-TriStar",
    "Spyglass",
    "Imagine",
    "Participant",
    "Annapurna",
    "Neon",
    "Focus",
    "Searchlight",
    "Summit",
    "Relativity",
    "Village",
    "Roadshow",
    "Constantin",
    // Kind "a studio's name before another word" (as `is_studio_label`):
    // "Deutsche Universal" (a German studio's distribution arm).
    "Deutsche",
    "Canal",
];

/// Contractions of pronouns and auxiliaries, with either apostrophe:
/// capitalised words, never names ("a filmmaker I'm not familiar with").
/// Stop words. Kind "a pronoun's contraction read as a name"
/// (people_sample3: 1 row, n0079; people_dev, people_new: none).
const CONTRACTIONS: &[&str] = &[
    "I'm",
    "I’m",
    "I've",
    "I’ve",
    "I'd",
    "I’d",
    "I'll",
    "I’ll",
    "We're",
    "We’re",
    "We've",
    "We’ve",
    "We'd",
    "We’d",
    "We'll",
    "We’ll",
    "You're",
    "You’re",
    "You've",
    "You’ve",
    "You'd",
    "You’d",
    "You'll",
    "You’ll",
    "They're",
    "They’re",
    "They've",
    "They’ve",
    "They'd",
    "They’d",
    "They'll",
    "They’ll",
    "He'd",
    "He’d",
    "He'll",
    "He’ll",
    "She'd",
    "She’d",
    "She'll",
    "She’ll",
    "It'll",
    "It’ll",
    "Don't",
    "Don’t",
    "Didn't",
    "Didn’t",
    "Doesn't",
    "Doesn’t",
    "Can't",
    "Can’t",
    "Won't",
    "Won’t",
    "Isn't",
    "Isn’t",
    "Wasn't",
    "Wasn’t",
    "Aren't",
    "Aren’t",
    "Weren't",
    "Weren’t",
    "Couldn't",
    "Couldn’t",
    "Wouldn't",
    "Wouldn’t",
    "Shouldn't",
    "Shouldn’t",
];

/// Stop words (before a name: "Singer A", "English director A", "Young
/// director A") that are also surnames: after a name word (or an
/// initial) they close it, unless a name word follows ("Irving Rapper",
/// "Bryan Singer", "Mike Judge", "John English", "Robert M. Young Jr."). Kinds "a surname that is an occupation word" (people_dev: 1
/// row, p0088) and "a surname that is a nationality or an adjective"
/// (people_sample7: 1 row, q0070, "directed by William Witney and John
/// English"; in ../shared/data 141 of "directed/produced/written by"
/// + given name + one of these, 49 of them "John English").
const STOP_SURNAMES: &[&str] = &[
    "Rapper", "Singer", "Judge", "Host", "Dancer", "English", "French", "German", "Irish", "Welsh", "Dutch",
    "Young",
];

/// Stop words that are surnames only right after a middle initial:
/// "directed by Edwin L. Hollywood" (6 times in ../shared/data) had named
/// "Edwin"; after a name word they stay no name ("Ava DuVernay Hollywood
/// style", "Old Hollywood").
const INITIAL_SURNAMES: &[&str] = &["Hollywood"];

/// Stop words that are also given names, read as one only first in a
/// name and before a name word ([`name_at`]): "Oscar Apfel", "Will Cowan".
const STOP_GIVEN_NAMES: &[&str] = &["Oscar", "Will"];

/// Whether token `j` is a stop word that is a given name here
/// ([`STOP_GIVEN_NAMES`]): before a name word that holds no award
/// ("Oscar Apfel", not "Oscar Winner A") or an initial and its dot ("Will
/// S. Davis"), and not after a capitalised word ("Best Director Oscar
/// Predictions", a title-case headline).
fn stop_given_name(text: &str, toks: &[Token], j: usize) -> bool {
    word_at(text, toks, j).is_some_and(|w| STOP_GIVEN_NAMES.contains(&w))
        && !j
            .checked_sub(1)
            .and_then(|p| word_at(text, toks, p))
            .is_some_and(|p| p.starts_with(char::is_uppercase))
        && match word_at(text, toks, j + 1) {
            Some(n) if is_initial(n) => is_dot(text, toks.get(j + 2)),
            Some(n) => name_word(n) && !HOLDER_WORDS.iter().any(|h| n.eq_ignore_ascii_case(h)),
            None => false,
        }
}

/// Words of an award's holder, after which an award's name is no given
/// name ("Oscar Winner Ann Vale").
const HOLDER_WORDS: &[&str] = &["winner", "winners", "nominee", "nominees", "winning", "nominated"];

/// Whether `w` is a stop word that is also a surname ([`STOP_SURNAMES`]).
fn is_stop_surname(w: &str) -> bool {
    STOP_SURNAMES.contains(&w)
}

/// Nationalities (capitalised, never names here) that may describe a
/// person before the name: "former British executive A".
pub fn is_nationality(w: &str) -> bool {
    is_stop(w)
        && (w.ends_with("an")
            || w.ends_with("ish")
            || w.ends_with("ese")
            || w == "Dutch"
            || w == "French"
            || is_nationality_compound(w))
}

/// Whether `w` is nationalities joined by hyphens ("Cuban-American",
/// "British-French-German", "Anglo-Irish"): every part one of
/// `NATIONALITY_PARTS`. Never a name: a trial's Wikipedia scan named
/// "Cuban-American" from "the directorial debut of Cuban-American graphic
/// designer Pablo Ferro" (in ../shared/data 117 "African-American", 97
/// "British-American", 32 "Italian-American"). A listed part is needed
/// for each, so double-barrelled surnames stay names ("Dawn
/// Morgan-French", "Kate Vaughan-English").
pub fn is_nationality_compound(w: &str) -> bool {
    let mut n = 0;
    for part in w.split('-') {
        if !NATIONALITY_PARTS.contains(&part) {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// The parts of hyphen-joined nationalities ([`is_nationality_compound`]):
/// nationalities, and the combining forms that open such compounds.
const NATIONALITY_PARTS: &[&str] = &[
    "African",
    "Afro",
    "Albanian",
    "Algerian",
    "American",
    "Anglo",
    "Arab",
    "Argentine",
    "Argentinian",
    "Armenian",
    "Asian",
    "Australian",
    "Austrian",
    "Austro",
    "Belgian",
    "Bosnian",
    "Brazilian",
    "British",
    "Bulgarian",
    "Canadian",
    "Caribbean",
    "Chilean",
    "Chinese",
    "Colombian",
    "Croatian",
    "Cuban",
    "Czech",
    "Danish",
    "Dominican",
    "Dutch",
    "Egyptian",
    "English",
    "Estonian",
    "Ethiopian",
    "Euro",
    "European",
    "Filipino",
    "Finnish",
    "Franco",
    "French",
    "Georgian",
    "German",
    "Ghanaian",
    "Greek",
    "Haitian",
    "Hungarian",
    "Icelandic",
    "Indian",
    "Indo",
    "Indonesian",
    "Iranian",
    "Iraqi",
    "Irish",
    "Israeli",
    "Italian",
    "Italo",
    "Jamaican",
    "Japanese",
    "Jewish",
    "Kenyan",
    "Korean",
    "Latvian",
    "Lebanese",
    "Lithuanian",
    "Malaysian",
    "Mexican",
    "Moroccan",
    "Nigerian",
    "Norwegian",
    "Pakistani",
    "Palestinian",
    "Persian",
    "Peruvian",
    "Polish",
    "Portuguese",
    "Romanian",
    "Russian",
    "Scottish",
    "Serbian",
    "Sino",
    "Slovak",
    "Somali",
    "Spanish",
    "Swedish",
    "Swiss",
    "Syrian",
    "Taiwanese",
    "Thai",
    "Turkish",
    "Ukrainian",
    "Venezuelan",
    "Vietnamese",
    "Welsh",
];

/// Whether a one-word name is a studio or company known by one word.
pub fn is_studio(w: &str) -> bool {
    in_list(w, STUDIO)
}

/// Whether a name of two or more words (split at spaces) is a studio's
/// label: its first word is a studio ([`is_studio`]) that is no given
/// name as well. Kind "a studio's name before another word" (a new
/// user's scan of Wikipedia plots: "produced by Paramount Players and
/// Nickelodeon Movies", "Disney MovieToons", "Metro Goldwyn Mayer");
/// "Walt Disney" and "Samuel Goldwyn" end in one and stay people.
pub fn is_studio_label(name: &str) -> bool {
    let mut words = name.split(' ');
    let first = words.next().unwrap_or("");
    words.next().is_some() && is_studio(first) && !STUDIO_GIVEN_NAMES.contains(&first)
}

/// Studios whose names are also given names ("Tiffany Haddish").
const STUDIO_GIVEN_NAMES: &[&str] = &["Tiffany", "Edison", "Orion"];

/// The word of a token.
fn word<'t>(text: &'t str, t: &Token) -> Option<&'t str> {
    (t.kind == Kind::Word).then(|| &text[t.span.range()])
}

/// The word of token `k`, if there is one and it is a word.
fn word_at<'t>(text: &'t str, toks: &[Token], k: usize) -> Option<&'t str> {
    toks.get(k).and_then(|t| word(text, t))
}

/// A capitalised name word: upper case first, a lower-case letter in it,
/// and every hyphenated part capitalised (`Dornford-May`, not
/// `Oscar-winning`).
pub fn is_capitalised(w: &str) -> bool {
    if w.is_ascii() { is_capitalised_ascii(w) } else { is_capitalised_chars(w) }
}

/// [`is_capitalised`] of any word, by chars.
fn is_capitalised_chars(w: &str) -> bool {
    // "deMille", "dePalma", "McG" and the like: a short lower-case prefix
    // before the capital.
    if let Some(k) = w.find(char::is_uppercase).filter(|&k| k > 0) {
        let prefix = &w[..k];
        if CAPITAL_PREFIXES.contains(&prefix) {
            return is_capitalised_chars(&w[k..]);
        }
    }
    let mut chars = w.chars();
    let Some(first) = chars.next() else { return false };
    if !first.is_uppercase() || !w.chars().any(char::is_lowercase) {
        return false;
    }
    w.split(is_hyphen).enumerate().all(|(k, part)| {
        part.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
            || (k > 0 && is_syllable(part))
    }) && !w.chars().any(|c| c.is_ascii_digit())
}

/// Whether `part` (after a hyphen) is one romanised syllable of an East
/// Asian given name, written in lower case: "Kar-wai", "Chan-wook",
/// "Joon-ho", "Hsiao-hsien". Kind "a hyphenated given name with a
/// lower-case second part" (people_sample8: q0077 "Ji-woon Kim"; c100
/// holds Kar-wai 18 times, Chan-wook 7, Yun-fat 7, Joon-ho 5): up to three
/// consonants, one to three vowels, then nothing or one of n, ng, k, p,
/// t, l, m, h. The second parts of hyphenated adjectives have more
/// syllables or other endings ("Oscar-winning", "Dutch-born",
/// "Kong-based", "War-era", "Burton-ish").
///
/// Limits: one-syllable English words fit too ("Blu-ray", "Anti-war");
/// such a word counts as a name word only where the grammar reads a name.
fn is_syllable(part: &str) -> bool {
    let b = part.as_bytes();
    if b.len() < 2 || b.len() > 6 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    // (`y` opens a syllable as a consonant: "yun", "yeon".)
    let onset = b.iter().enumerate().take_while(|&(k, &c)| !vowel(c) || (k == 0 && c == b'y')).count();
    let nucleus = b[onset..].iter().take_while(|&&c| vowel(c)).count();
    let coda = &part[onset + nucleus..];
    onset <= 3
        && (1..=3).contains(&nucleus)
        && matches!(coda, "" | "n" | "ng" | "k" | "p" | "t" | "l" | "m" | "h")
}

/// Lower-case prefixes before a capital inside a name word ("deMille").
const CAPITAL_PREFIXES: &[&str] = &["de", "di", "da", "du", "le", "la", "van", "von", "d'", "l'"];

/// [`is_capitalised`] of an ASCII word, by bytes: the same answer
/// (`same_capitalised_as_chars`) for fewer instructions (it is asked of
/// nearly every word a `--people` scan reads).
fn is_capitalised_ascii(w: &str) -> bool {
    let b = w.as_bytes();
    if let Some(k) = b.iter().position(u8::is_ascii_uppercase).filter(|&k| k > 0) {
        if CAPITAL_PREFIXES.contains(&&w[..k]) {
            return is_capitalised_ascii(&w[k..]);
        }
    }
    // The first byte a capital, a lower-case letter somewhere, no digit,
    // and every part after a hyphen opening with a capital.
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter().any(u8::is_ascii_lowercase)
        && !b.iter().any(u8::is_ascii_digit)
        && (b.iter().enumerate().all(|(k, &c)| c != b'-' || b.get(k + 1).is_some_and(u8::is_ascii_uppercase))
            || w.split('-')
                .skip(1)
                .all(|p| p.as_bytes().first().is_some_and(u8::is_ascii_uppercase) || is_syllable(p)))
}

/// An adjective such as "Oscar-winning" or "Dutch-born": capitalised, with
/// a lower-case part after a hyphen, and no name word ("Kar-wai",
/// [`is_capitalised`]). It may stand before a name.
pub fn is_hyphen_adjective(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.split(is_hyphen).skip(1).any(|p| p.chars().next().is_some_and(char::is_lowercase))
        && !is_capitalised(w)
}

/// A single capital letter: an initial (its `.` is a separate token).
pub fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.next().is_none()
}

/// The word lists are looked up for nearly every word read: foldhash, not
/// SipHash.
type Lists = std::collections::HashMap<&'static str, u8, foldhash::fast::FixedState>;

/// The word lists as one hash map: word → which lists hold it (bits);
/// and per ASCII first byte, the lengths (below 64) of the words that
/// start with it (bit `len`), so most words are known absent without
/// hashing them.
fn lists() -> &'static (Lists, [u64; 128]) {
    static LISTS: std::sync::OnceLock<(Lists, [u64; 128])> = std::sync::OnceLock::new();
    LISTS.get_or_init(|| {
        let mut m = Lists::default();
        for (bit, list) in [
            (PARTICLE, PARTICLES),
            (HONORIFIC, HONORIFICS),
            (STOPPED, STOP),
            (COMPANY_WORD, COMPANY),
            (SUFFIX, SUFFIXES),
            (STUDIO, STUDIOS),
        ] {
            for w in list {
                *m.entry(*w).or_insert(0) |= bit;
            }
        }
        for w in CONTRACTIONS {
            *m.entry(*w).or_insert(0) |= STOPPED;
        }
        let mut lens = [0u64; 128];
        for w in m.keys() {
            if let Some(&b) = w.as_bytes().first().filter(|&&b| b < 128) {
                lens[b as usize] |= 1 << w.len().min(63);
            }
        }
        (m, lens)
    })
}

/// The bits of the lists that hold `w` ([`PARTICLE`], [`STOPPED`]…; 0 for none).
fn flags(w: &str) -> u8 {
    let (map, lens) = lists();
    // (A word whose first byte is ASCII and whose length no listed word
    // with that byte has is in no list: no hashing. Lengths of 63 and
    // more share one bit.)
    let listed = match w.as_bytes().first() {
        Some(&b) if b < 128 && lens[b as usize] & (1 << w.len().min(63)) == 0 => 0,
        _ => map.get(w).copied().unwrap_or(0),
    };
    // Nationalities joined by hyphens are stop words too.
    if listed == 0 && w.len() > 6 && w.as_bytes().contains(&b'-') && is_nationality_compound(w) {
        return STOPPED;
    }
    listed
}

fn in_list(w: &str, bit: u8) -> bool {
    flags(w) & bit != 0
}

// The bits of [`flags`]: the lists that hold a word ([`lists`]).
const PARTICLE: u8 = 1 << 0;
const HONORIFIC: u8 = 1 << 1;
const STOPPED: u8 = 1 << 2;
const COMPANY_WORD: u8 = 1 << 3;
const SUFFIX: u8 = 1 << 4;
const STUDIO: u8 = 1 << 5;
/// A name word has none of these ([`name_word`]).
const NOT_NAME: u8 = STOPPED | HONORIFIC | SUFFIX;

/// A particle that may stand inside a name (`van`, `de`).
pub fn is_particle(w: &str) -> bool {
    in_list(w, PARTICLE)
}

/// An honorific before a name (`Sir`, `Dr`).
pub fn is_honorific(w: &str) -> bool {
    in_list(w, HONORIFIC)
}

/// A word that is never part of a name (see `STOP`), or nationalities
/// joined by hyphens ([`is_nationality_compound`]).
pub fn is_stop(w: &str) -> bool {
    in_list(w, STOPPED)
}

/// A word that makes a capitalised run a company or institution.
pub fn is_company(w: &str) -> bool {
    in_list(w, COMPANY_WORD)
}

pub(crate) fn is_suffix(w: &str) -> bool {
    in_list(w, SUFFIX)
}

/// The last token of a suffix at token `k`: its dot when one follows
/// ("Jr."), else the suffix itself.
fn suffix_end(text: &str, toks: &[Token], k: usize) -> usize {
    if is_dot(text, toks.get(k + 1)) { k + 1 } else { k }
}

/// The last token of ", Jr." (or ", Jr") starting with the comma at token
/// `j`, right after a name's word; `None` when no such tail is there.
fn comma_suffix(text: &str, toks: &[Token], j: usize) -> Option<usize> {
    (punct_is_comma(text, toks.get(j)) && word_at(text, toks, j + 1).is_some_and(is_suffix))
        .then(|| suffix_end(text, toks, j + 1))
}

fn punct_is_comma(text: &str, t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.kind == Kind::Punct && &text[t.span.range()] == ",")
}

fn is_dot(text: &str, t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.kind == Kind::Punct && &text[t.span.range()] == ".")
}

/// A name word: capitalised, not a stop word, an honorific or a suffix.
fn name_word(w: &str) -> bool {
    is_capitalised(w) && flags(w) & NOT_NAME == 0
}

/// A nickname in quotes from token `j`: an opening quote (double or
/// single), one to four capitalised words, the closing quote and a name
/// word; the index of that name word. Kind "a quoted nickname of several
/// words, or in single quotes" (people_sample3: 1 row, n0080; people_dev,
/// people_new: none): "Irvin 'Empire Strikes Back' Kershner".
fn nickname(text: &str, toks: &[Token], j: usize) -> Option<usize> {
    let open = toks.get(j)?;
    if !(open.kind == Kind::Punct && matches!(&text[open.span.range()], "\"" | "“" | "'" | "‘")) {
        return None;
    }
    let mut k = j + 1;
    while k < j + 5 && word_at(text, toks, k).is_some_and(is_capitalised) {
        k += 1;
    }
    let close = toks.get(k)?;
    // A single quote after a word is tokenised as a bare possessive.
    let closes = matches!(&text[close.span.range()], "\"" | "”" | "'" | "’")
        && matches!(close.kind, Kind::Punct | Kind::Possessive);
    (k > j + 1 && closes && word_at(text, toks, k + 1).is_some_and(name_word)).then_some(k + 1)
}

/// Whether token `i` is `St` or `Ste` (a saint's name inside a surname)
/// with its dot, one space and a name word: "Malcolm St. Clair". A
/// street before a new sentence ("on Main St. Then") is followed by a
/// stop word, which is no name word.
fn saint_dot(text: &str, toks: &[Token], i: usize) -> bool {
    word_at(text, toks, i).is_some_and(|w| w == "St" || w == "Ste")
        && is_dot(text, toks.get(i + 1))
        && toks.get(i + 1).zip(toks.get(i + 2)).is_some_and(|(d, n)| d.span.end == n.span.start - 1)
        && word_at(text, toks, i + 2).is_some_and(name_word)
}

/// Whether a name may start at token `i`: an honorific, a name word, an
/// initial or a particle before one.
pub fn starts_name(text: &str, toks: &[Token], i: usize) -> bool {
    let Some(w) = word_at(text, toks, i) else { return false };
    if is_honorific(w) || name_word(w) || is_company(w) || stop_given_name(text, toks, i) {
        return true;
    }
    if is_initial(w) {
        return true;
    }
    is_particle(w) && word_at(text, toks, i + 1).is_some_and(name_word)
}

/// A name found: its tokens `first..=last` and its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The first token of the name (after any honorific).
    pub first: usize,
    /// The last token of the name (a `.` after `Jr` included).
    pub last: usize,
    /// Its bytes.
    pub span: Span,
}

/// Longest number of tokens in a name.
const MAX_TOKENS: usize = 10;

/// The name that starts at token `i` (an honorific read over), if any;
/// `None` for a company's name.
///
/// ```
/// use rolecall::people::name::{tokenize, name_at};
/// let text = "by Sir Guillermo del Toro Jr. and others";
/// let mut toks = Vec::new();
/// tokenize(text, rolecall::text::span::Span::new(0, text.len()), &mut toks);
/// let found = name_at(text, &toks, 1).unwrap();
/// assert_eq!(&text[found.span.range()], "Guillermo del Toro Jr.");
/// ```
pub fn name_at(text: &str, toks: &[Token], i: usize) -> Option<Found> {
    let mut j = i;
    if word_at(text, toks, j).is_some_and(is_honorific) {
        j += 1;
        if is_dot(text, toks.get(j)) {
            j += 1;
        }
    }
    let first = j;
    let mut last = None;
    let mut words = 0;
    // The token before is an initial (and its dot), inside the name.
    let mut after_initial = false;
    while j < toks.len() && j - first < MAX_TOKENS {
        let Some(w) = word(text, &toks[j]) else { break };
        // The word's lists, looked up once (up to five look-ups before).
        let f = flags(w);
        if f & COMPANY_WORD != 0 && (words > 0 || is_capitalised(w)) {
            return None;
        }
        if is_initial(w) {
            // An initial opens a name only with its dot ("A Beautiful
            // Mind" is no name); inside one it may stand alone ("Don E Faun").
            if j == first && !is_dot(text, toks.get(j + 1)) {
                return None;
            }
            j += 1;
            if is_dot(text, toks.get(j)) {
                j += 1;
            }
            after_initial = words > 0;
            continue;
        }
        let initial_surname = std::mem::take(&mut after_initial) && INITIAL_SURNAMES.contains(&w);
        if f & SUFFIX != 0 && words > 0 {
            last = Some(suffix_end(text, toks, j));
            break;
        }
        // A stop surname after a name word closes the name; it is none
        // before another name word ("Jean Rouch French New Wave").
        let stop_surname = words > 0
            && (is_stop_surname(w) || initial_surname)
            && !word_at(text, toks, j + 1).is_some_and(name_word);
        let capitalised = is_capitalised(w);
        // Kind "a given name that is also a stop word, opening a name"
        // (a `c100` audit: "directed by Oscar Apfel", "by Will Cowan"):
        // first, and before a name word that holds no award.
        let given = j == first && stop_given_name(text, toks, j);
        let a_name_word = (capitalised && f & NOT_NAME == 0) || given;
        if a_name_word || (words > 0 && capitalised && f & HONORIFIC != 0) || stop_surname {
            words += 1;
            last = Some(j);
            j += 1;
            // "George Nicholls, Jr."
            if let Some(end) = comma_suffix(text, toks, j) {
                last = Some(end);
                break;
            }
            if stop_surname {
                // Only a suffix may follow it: "Robert Young Jr.".
                if word_at(text, toks, j).is_some_and(is_suffix) {
                    continue;
                }
                break;
            }
            // A nickname in quotes: John "Bud" Cardos, Irvin 'Empire
            // Strikes Back' Kershner.
            if let Some(k) = nickname(text, toks, j) {
                j = k;
            }
            // Kind "`St.` inside a name" (people_sample6: 1 row, k0078;
            // people_dev, people_sample3/4/5: none): "Malcolm St. Clair".
            if saint_dot(text, toks, j - 1) {
                j += 1;
            }
            continue;
        }
        if f & PARTICLE != 0 && word_at(text, toks, j + 1).is_some_and(|n| name_word(n) || is_particle(n)) {
            j += 1;
            continue;
        }
        break;
    }
    // A company word right after the run (`Marvel Studios`).
    if let Some(l) = last {
        if word_at(text, toks, l + 1).is_some_and(is_company) {
            return None;
        }
    }
    let mut last = last?;
    // Kind "a surname that is also a function word" (people_sample5: 1
    // row, k0062; people_dev, people_sample3/4: none): "auteur Johnny To
    // and his band". A capitalised stop word right after a name, closed
    // by punctuation, a possessive or `and`, ends it (mid-sentence a short
    // function word is capitalised only as a name's).
    if last + 1 < toks.len() && last + 1 - first < MAX_TOKENS {
        let next = word(text, &toks[last + 1]).filter(|w| {
            // Short function words only ("To", "Lo", "On"): months, weekdays
            // and the like in the stop list are no surnames ("Ana Roth Monday").
            w.len() <= 3
                && is_capitalised(w)
                && is_stop(w)
                && !matches!(*w, "The" | "And" | "But" | "Or" | "Of" | "For" | "Nor")
        });
        let closed = match toks.get(last + 2) {
            None => false,
            Some(t) if t.kind == Kind::Possessive => true,
            Some(t) if t.kind == Kind::Punct => matches!(&text[t.span.range()], "," | "." | ")" | ";"),
            Some(t) => &text[t.span.range()] == "and",
        };
        if next.is_some() && closed {
            last += 1;
        }
    }
    Some(Found { first, last, span: Span::new(toks[first].span.start, toks[last].span.end) })
}

/// The name whose last token is `e`, read backward (an honorific before it
/// read over); `None` when token `e` does not end a name or the run is a
/// company's.
///
/// ```
/// use rolecall::people::name::{tokenize, name_ending_at};
/// let text = "then Theo van Gogh directed";
/// let mut toks = Vec::new();
/// tokenize(text, rolecall::text::span::Span::new(0, text.len()), &mut toks);
/// let found = name_ending_at(text, &toks, 3).unwrap();
/// assert_eq!(&text[found.span.range()], "Theo van Gogh");
/// ```
pub fn name_ending_at(text: &str, toks: &[Token], e: usize) -> Option<Found> {
    let mut last = e;
    let w = word(text, toks.get(e)?);
    // `Jr.`: the dot is the name's.
    let mut j = e as isize;
    if w.is_none() && is_dot(text, toks.get(e)) {
        let prev = word_at(text, toks, e.checked_sub(1)?)?;
        if !is_suffix(prev) {
            return None;
        }
        j -= 1;
    }
    let w = word(text, &toks[j as usize])?;
    if is_suffix(w) {
        j -= 1;
        // Kind "a suffix after a comma, read backward" (people_sample8: 2
        // rows, q0039 and q0060; people_dev, people_sample3–7: none):
        // "Thomas P. Kelly, Jr., Producer". The comma is the name's when a
        // name word stands before it, as [`name_at`] reads it forward.
        if j > 0
            && punct_is_comma(text, toks.get(j as usize))
            && word(text, &toks[j as usize - 1]).is_some_and(name_word)
        {
            j -= 1;
        }
    }
    if word_at(text, toks, e + 1).is_some_and(is_company) {
        return None;
    }
    let mut first = None;
    let mut words = 0;
    while j >= 0 && e - j as usize <= MAX_TOKENS {
        let t = &toks[j as usize];
        if is_dot(text, Some(t)) {
            // The dot of an initial, or of `St.` inside a name.
            match j.checked_sub(1).and_then(|k| word_at(text, toks, k as usize)) {
                Some(p) if is_initial(p) && first.is_some() => {
                    j -= 2;
                    first = Some((j + 1) as usize);
                    continue;
                }
                Some(_) if first.is_some() && saint_dot(text, toks, j as usize - 1) => {
                    words += 1;
                    j -= 2;
                    first = Some((j + 1) as usize);
                    continue;
                }
                _ => break,
            }
        }
        let Some(w) = word(text, t) else { break };
        if is_company(w) && is_capitalised(w) {
            return None;
        }
        // "Irving Rapper", "John English", "Robert M. Young": a stop
        // surname as the last word after a name word or an initial's dot.
        let surname = first.is_none()
            && is_stop_surname(w)
            && j > 0
            && (word_at(text, toks, j as usize - 1).is_some_and(name_word)
                || (j > 1
                    && is_dot(text, toks.get(j as usize - 1))
                    && word_at(text, toks, j as usize - 2).is_some_and(is_initial)));
        if name_word(w) || surname || (first.is_none() && is_honorific(w) && is_capitalised(w)) {
            words += 1;
            first = Some(j as usize);
        } else if is_initial(w) && first.is_some() {
            first = Some(j as usize);
        } else if is_particle(w) && first.is_some() {
            // Kept only if a name word comes before it (checked below).
        } else {
            break;
        }
        j -= 1;
    }
    let mut first = first?;
    if words == 0 {
        return None;
    }
    // A name does not start with a particle unless it is all there is
    // before a surname (`von Trier`): keep it then.
    while first < e && word(text, &toks[first]).is_some_and(is_particle) {
        first += 1;
    }
    if word_at(text, toks, first.wrapping_sub(1)).is_some_and(is_particle) {
        let p = first - 1;
        let before = p.checked_sub(1).and_then(|k| word_at(text, toks, k));
        if !before.is_some_and(name_word) {
            first = p;
        }
    }
    if last < first {
        last = first;
    }
    Some(Found { first, last, span: Span::new(toks[first].span.start, toks[last].span.end) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanised_syllables_are_name_parts_and_adjectives_are_not() {
        for w in ["Kar-wai", "Chan-wook", "Joon-ho", "Hsiao-hsien", "Yun-fat", "Ji-woon", "Jean-Luc"] {
            assert!(is_capitalised(w), "{w}");
            assert!(!is_hyphen_adjective(w), "{w}");
        }
        for w in
            ["Oscar-winning", "Dutch-born", "Kong-based", "War-era", "Burton-ish", "Top-billed", "Low-budget"]
        {
            assert!(!is_capitalised(w), "{w}");
            assert!(is_hyphen_adjective(w), "{w}");
        }
        assert!(!is_syllable("a") && !is_syllable("winning") && !is_syllable("Wai"));
    }

    /// The tokeniser as first written, over `char_indices`: the reference
    /// the byte-position one must agree with.
    fn tokenize_chars(text: &str, span: Span, out: &mut Vec<Token>) {
        let s = &text[span.range()];
        let mut it = s.char_indices().peekable();
        let at = |i: usize| span.start + i;
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            if c.is_alphanumeric() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphanumeric() || d == char::REPLACEMENT_CHARACTER {
                        end = j + d.len_utf8();
                        it.next();
                        continue;
                    }
                    if is_apostrophe(d) || is_hyphen(d) {
                        let mut next = s[j + d.len_utf8()..].chars();
                        let n1 = next.next();
                        if is_apostrophe(d)
                            && matches!(n1, Some('s'))
                            && !next.next().is_some_and(char::is_alphanumeric)
                        {
                            break;
                        }
                        if n1.is_some_and(char::is_alphanumeric) {
                            end = j + d.len_utf8();
                            it.next();
                            continue;
                        }
                    }
                    break;
                }
                out.push(Token { kind: Kind::Word, span: Span::new(at(i), at(end)) });
                continue;
            }
            if is_apostrophe(c) && out.last().is_some_and(|t| t.kind == Kind::Word && t.span.end == at(i)) {
                let mut end = i + c.len_utf8();
                if let Some(&(j, 's')) = it.peek() {
                    end = j + 1;
                    it.next();
                }
                out.push(Token { kind: Kind::Possessive, span: Span::new(at(i), at(end)) });
                continue;
            }
            out.push(Token { kind: Kind::Punct, span: Span::new(at(i), at(i + c.len_utf8())) });
        }
    }

    fn both(text: &str, span: Span) -> (Vec<Token>, Vec<Token>) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        tokenize(text, span, &mut a);
        tokenize_chars(text, span, &mut b);
        (a, b)
    }

    #[test]
    fn class_table_is_the_char_tests() {
        for b in 0..=255u8 {
            let c = char::from(b);
            let want = if !b.is_ascii() {
                NOT_ASCII
            } else if c.is_alphanumeric() {
                ALNUM
            } else if c.is_whitespace() {
                SPACE
            } else {
                OTHER
            };
            assert_eq!(CLASS[usize::from(b)], want, "{b:#x}");
        }
    }

    #[test]
    fn same_tokens_as_chars_on_hard_cases() {
        for text in [
            "Jerry O'Connell's co-star",
            "Zoë Kravitz’s film’s  director Jean-Luc Godard's",
            "rock 'n' roll, the directors' cut -- don't-stop - a",
            "Ma\u{a0}Ying\u{2009}jeou 李安 Åsa‑Helena ‐x s' 's",
            "trailing '",
            "vt\u{b}ff\u{c}cr\r fs\u{1c}nul\u{0}del\u{7f}nbsp\u{a0}x\u{85}y",
            "x's",
            "Jos\u{fffd} Garc\u{fffd}a \u{fffd}lvaro Ren\u{fffd}",
            "",
        ] {
            let (a, b) = both(text, Span::new(0, text.len()));
            assert_eq!(a, b, "{text:?}");
        }
    }

    /// The word lists' flags with and without the length prefilter.
    #[test]
    fn flags_prefilter_drops_no_listed_word() {
        let (map, _) = lists();
        for (w, f) in map {
            assert_eq!(flags(w), *f, "{w:?}");
        }
    }

    proptest::proptest! {
        /// Any ASCII word: the same answer as by chars.
        #[test]
        fn same_capitalised_as_chars(w in "(de|van|l'|d')?[a-zA-Z0-9'\\-]{0,12}") {
            proptest::prop_assert_eq!(is_capitalised_ascii(&w), is_capitalised_chars(&w));
        }

        /// Any text, any span on char boundaries: the same tokens.
        #[test]
        fn same_tokens_as_chars(
            text in "([a-zA-Z0-9 ,.'’s\\-‐‑éÆ李\u{a0}\u{2009}\n\t\r\u{b}\u{1c}\u{85}]){0,60}",
            a in 0usize..64,
            b in 0usize..64,
        ) {
            let (mut lo, mut hi) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
            while !text.is_char_boundary(lo) { lo -= 1; }
            while !text.is_char_boundary(hi) { hi -= 1; }
            let span = Span::new(lo, hi.max(lo));
            let (x, y) = both(&text, span);
            proptest::prop_assert_eq!(x, y);
        }
    }
}
