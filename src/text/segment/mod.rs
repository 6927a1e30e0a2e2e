//! Splitting a document into units: sentences, credit lines, or raw lines.
//!
//! In [`UnitMode::Sentence`] the text is cut in three steps:
//!
//! 1. **Paragraphs.** A blank line always ends a unit.
//! 2. **Styles and hard line breaks.** Each paragraph is read in a
//!    [`Style`], which decides which of its line breaks are unit
//!    boundaries. Other line breaks read as spaces.
//! 3. **Sentences.** Inside the text between hard boundaries, `.`, `!`, `?`
//!    and ellipses end a sentence when followed by white space and a word
//!    that does not start in lower case, after closing quotes and brackets.
//!
//! # Styles
//!
//! Checked in this order; [`Segmenter::segment_paragraphs`] reports the
//! style of each paragraph and `rolecall explain` prints it.
//!
//! - **Lower case** (a flag on any style, [`Paragraph::lower_case`]): the
//!   paragraph's first letter is lower case, and it has no capital at all,
//!   or the words after its full stops are lower case more than two times
//!   to one (capitals here and there: the pronoun "I", names). With no
//!   capitals to go by, one full stop before a lower-case word ends a
//!   sentence (`the movie was shot in six weeks. the studio wanted it
//!   out`), except after a title (`mr.`), a single letter, `e.g.`/`i.e.`,
//!   and after an abbreviation, a dotted acronym (`u.s.`) or a time (`a.m.`)
//!   unless the next word is a strong sentence opener (`the`, `it`,
//!   `they`…). `!`, `?` and ellipses before a lower-case word still go on.
//!   Limit: lower-case text whose sentences mostly open with names or "I"
//!   is read as ordinary prose.
//! - **Credits**: two or more lines, none ending like a sentence and none
//!   starting in lower case (`Directed by Jane Campion` / `Produced by Jan
//!   Chapman`, a title over a byline): every line is a unit.
//! - **List**: the same block where two or more lines start with a bullet,
//!   dash or number, or lines of at most four words with no sentence
//!   punctuation and none running on (`features` / `contact manager`): every
//!   line is a unit. In other paragraphs a line starting a list item
//!   starts a unit too, and the paragraph is labelled a list.
//! - **Line per sentence**: three or more lines, at least three quarters of
//!   them ending in sentence punctuation, none a list item and, unless the
//!   paragraph is lower case, none after the first starting in lower case
//!   (that line would carry on a wrapped sentence): every line is a
//!   unit, whether or not it ends in a stop or the next starts in lower case
//!   (one sentence per line, as in tokenised critic reviews). Limit:
//!   lower-case prose wrapped so that most lines happen to end in a stop is
//!   read this way too, which cuts its few wrapped sentences at the line
//!   breaks.
//! - **Heading**: a one-line paragraph without a final stop of at most ten
//!   words, or the first line of a paragraph when it is such a title line
//!   (no final stop, comma, colon or semicolon, not running on) followed by
//!   a line starting with a capital or digit, and it is in title case or
//!   clearly shorter than the paragraph's widest line (under four fifths).
//!   Further down, a title-case line of that kind is a unit of its own too
//!   (a credit line over a closing sentence). Limit: a sentence-case title
//!   as wide as a short body line runs into it.
//! - **Wrapped** and **prose**: each remaining line break is a boundary only
//!   when the next line starts a list item, or when the line does not
//!   plainly run on (a trailing comma, or "by", "the", "and"…), the next
//!   line does not start in lower case, the next line's first word would
//!   have fitted on the line (against the paragraph's widest line), and
//!   either the line ends short of four fifths of that width, the paragraph
//!   is narrower than 40 characters, or the next line opens with a common
//!   sentence opener (`They`, `The`, `In`). So wrapped prose at any width,
//!   greedy or not, reads as running text, and its sentences end at their
//!   stops. A paragraph with such a soft break after a line that does not
//!   end like a sentence is labelled wrapped. Limit: a wrapped line close to
//!   the width whose next line starts with a capitalised sentence opener in
//!   mid-sentence (a title such as *The Piano*) is cut there.
//!
//! # Stops
//!
//! A `.` does not end a sentence after a title (Mr., Dr., St., vs.), after a
//! name initial (J. R. R. Tolkien), after a list number at the start of a
//! sentence, or before a number after a short abbreviation (p. 55). After
//! other abbreviations (Inc., Co.) and abbreviated credit roles it ends one
//! only when the next word is a common sentence opener. Credit roles are
//! recognised by rule: three or more letters (or `ed`) that cut a role word
//! (director, producer, executive, cinematographer, editor…) short by two
//! letters or more, after an optional `co-`, and are not words of their own
//! (`edit`, `direct`): `dir.`, `prod.`, `exec.`, `co-prod.`, `cinematog.`.
//! A capital dotted acronym after "the" (`the U.S.`, a noun; without
//! "the" it modifies the next word: `U.S. Firms`) also ends a sentence
//! before a capitalised word of letters followed by a lower-case one (`in
//! the U.S. Audiences there were cool`), unless that word names a body
//! (`the U.S. Army film unit`) or a bracket is open. A time of day
//! (`a.m.`, `p.m.`) ends a sentence before a capitalised word, except after
//! a short phrase opening the sentence (`At 6 a.m. Mr. Okafor was on set`).
//! In tokenised text a stop set off by spaces goes on after a title or a
//! letter of a spaced acronym (`mr . smith`, `u . s .`), and a stop
//! followed by a quote and a comma goes on. `!` and `?` inside brackets,
//! or inside single quotes opened after the sentence's first words, go on
//! (`thought Alice, 'I shall think nothing of it! How brave they'll think
//! me!'`), and so do they before a bracketed aside after a closing quote;
//! after them a dash before a capitalised word starts a sentence. HTML line
//! breaks after a stop (`<br />`) stay with its sentence. A full stop run
//! into a capitalised word (`world.Today`) ends a sentence when both sides
//! are plain words (not an address such as `Jane.Doe@example.com`, nor a
//! title such as `St.Louis`). Spaced ellipses follow the MLA convention:
//! `. . .` marks an omission inside a sentence and `. . . .` ends one.
//! Numbered and lettered lists run into one line (`1. one 2. two`, or
//! lower-case items lettered `a.`, `b.`, `c.`) are split before each item.
//!
//! [`UnitMode::Line`] makes every non-blank line a unit.
//!
//! Every unit is a [`Span`] into the text, trimmed of white space. Units
//! never overlap, cover every character that is not white space, and never
//! hold a blank line. Known limit: an abbreviation followed by a
//! capitalised name that is also a sentence opener can be split wrongly.

use crate::text::bitmap::{next_bit, set_bits, stop_bitmaps};
use crate::text::normalize::is_space;
use crate::text::span::Span;

mod abbrev;
mod style;

pub use style::{Paragraph, Style};

use abbrev::{FUNCTION_SET, period_ends_sentence};

/// How a document is cut into units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum UnitMode {
    /// Sentences, with credit lines and headings as units of their own.
    #[default]
    Sentence,
    /// Every non-blank line, as is.
    Line,
}

/// Splits `text` into units and appends their spans to `out`.
///
/// ```
/// use rolecall::text::segment::{segment, UnitMode};
/// let text = "Directed by Jane Campion\nProduced by Jan Chapman\n\nMr. Smith met Dr. Jones. They talked.";
/// let mut units = Vec::new();
/// segment(text, UnitMode::Sentence, &mut units);
/// let got: Vec<&str> = units.iter().map(|s| &text[s.range()]).collect();
/// assert_eq!(got, ["Directed by Jane Campion", "Produced by Jan Chapman",
///                  "Mr. Smith met Dr. Jones.", "They talked."]);
/// ```
pub fn segment(text: &str, mode: UnitMode, out: &mut Vec<Span>) {
    let mut seg = Segmenter::default();
    seg.segment(text, mode, out);
}

/// Where [`next_block_cut`] found the next cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockCut {
    /// Cut before this offset.
    At(usize),
    /// No cut in this text.
    None,
    /// The answer depends on bytes after the end of the buffer.
    NeedMore,
}

/// Blocks are cut at most this many times their minimum length.
pub const MAX_BLOCK_FACTOR: usize = 4;

/// The next cut of `bytes` into a block of `min_len` to
/// `MAX_BLOCK_FACTOR * min_len` bytes: the start of the first blank line
/// (only ASCII white space) whose preceding line break is at or after
/// `min_len`. Units never cross a blank line, so such a cut changes no
/// unit. Where no blank line comes before the maximum, the cut falls back
/// to the first line break after a sentence stop and before a capital,
/// else the first line break, else the first space, after `min_len`: that
/// may change how the units next to it are cut, in input with no blank
/// line in megabytes. `at_end` says whether `bytes` runs to the end of the
/// input; if not, the answer may be [`BlockCut::NeedMore`].
pub fn next_block_cut(bytes: &[u8], min_len: usize, at_end: bool) -> BlockCut {
    let min_len = min_len.max(1);
    let max_len = min_len.saturating_mul(MAX_BLOCK_FACTOR);
    let scan_end = bytes.len().min(max_len);
    if min_len < scan_end {
        for nl in memchr::memchr_iter(b'\n', &bytes[min_len..scan_end]) {
            let p = min_len + nl + 1;
            if p >= bytes.len() {
                break;
            }
            // Most lines start with a word: not blank, no need to find their end.
            if !is_blank_byte(bytes[p]) {
                continue;
            }
            let line_end = match memchr::memchr(b'\n', &bytes[p..]) {
                Some(i) => p + i,
                None if at_end => bytes.len(),
                None => return BlockCut::NeedMore,
            };
            if bytes[p..line_end].iter().all(|&b| is_blank_byte(b)) {
                return BlockCut::At(p);
            }
        }
    }
    if bytes.len() > max_len {
        return BlockCut::At(fallback_cut(&bytes[..max_len], min_len));
    }
    if at_end { BlockCut::None } else { BlockCut::NeedMore }
}

fn is_blank_byte(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

/// A cut in `min_len..=window.len()` when no blank line is there.
fn fallback_cut(window: &[u8], min_len: usize) -> usize {
    let lines = || memchr::memchr_iter(b'\n', &window[min_len..]).map(|i| min_len + i + 1);
    let stop_then_capital = |p: usize| {
        let before = window[..p - 1].iter().rev().find(|b| !b.is_ascii_whitespace());
        let after = window[p..].iter().find(|b| !b.is_ascii_whitespace());
        matches!(before, Some(b'.' | b'!' | b'?' | b'"' | b'\'' | b')'))
            && after.is_some_and(|b| b.is_ascii_uppercase())
    };
    if let Some(p) = lines().find(|&p| p < window.len() && stop_then_capital(p)) {
        return p;
    }
    if let Some(p) = lines().find(|&p| p < window.len()) {
        return p;
    }
    // One long line: after a sentence stop, at a space before a capital,
    // the stop ending a word of four or more letters (not "Mr." or "U.S.").
    let spaces = || memchr::memchr_iter(b' ', &window[min_len..]).map(|i| min_len + i + 1);
    let after_word_stop = |p: usize| {
        let word = window[..p - 1].rsplit(|b| b.is_ascii_whitespace()).next().unwrap_or_default();
        word.len() >= 5 && word[word.len() - 2].is_ascii_lowercase()
    };
    if let Some(p) = spaces().find(|&p| p < window.len() && stop_then_capital(p) && after_word_stop(p)) {
        return p;
    }
    if let Some(i) = memchr::memchr(b' ', &window[min_len..]) {
        return min_len + i + 1;
    }
    // No space either: the first character boundary at or after `min_len`.
    (min_len..window.len()).find(|&i| window[i] & 0xC0 != 0x80).unwrap_or(window.len())
}

/// Every block cut of a whole text (see [`next_block_cut`]), in order.
/// A cut is never inside a UTF-8 character.
///
/// ```
/// let text = "One para.\n\nTwo para.\n\nThree.";
/// let cuts = rolecall::text::segment::blank_line_cuts(text.as_bytes(), 5);
/// assert_eq!(cuts, [10, 21]);
/// ```
pub fn blank_line_cuts(bytes: &[u8], min_len: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut last = 0;
    while let BlockCut::At(p) = next_block_cut(&bytes[last..], min_len, true) {
        last += p;
        cuts.push(last);
    }
    cuts
}

/// [`segment`] with reusable buffers.
#[derive(Debug, Default)]
pub struct Segmenter {
    lines: Vec<Line>,
    cuts: Vec<Cut>,
    markers: Vec<Marker>,
    /// A region's candidate stops and list-marker ends ([`stop_bitmaps`]).
    stops: Vec<u64>,
    marks: Vec<u64>,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    /// The line's content, trimmed.
    span: Span,
    /// Length in chars.
    chars: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cut(usize);

#[derive(Debug, Clone, Copy)]
struct Marker {
    start: usize,
    /// The item's number (1-based; letters a=1).
    value: u32,
    letter: bool,
    /// The item's text starts in lower case.
    lower: bool,
}

impl Segmenter {
    /// Splits `text` into units and appends their spans to `out`.
    pub fn segment(&mut self, text: &str, mode: UnitMode, out: &mut Vec<Span>) {
        self.run(text, mode, out, None);
    }

    /// [`Segmenter::segment`], and appends each paragraph with the style
    /// it was read in to `paragraphs` (none in [`UnitMode::Line`]).
    ///
    /// ```
    /// use rolecall::text::segment::{Segmenter, Style, UnitMode};
    /// let text = "Night Shoot Ends Early\nRain stopped it.\n\nthe cast is fine .\nthe plot is not .\nskip it .";
    /// let (mut units, mut paragraphs) = (Vec::new(), Vec::new());
    /// Segmenter::default().segment_paragraphs(text, UnitMode::Sentence, &mut units, &mut paragraphs);
    /// assert_eq!(units.len(), 5);
    /// assert_eq!(paragraphs[0].style, Style::Heading);
    /// assert_eq!((paragraphs[1].style, paragraphs[1].lower_case), (Style::LinePerSentence, true));
    /// ```
    pub fn segment_paragraphs(
        &mut self,
        text: &str,
        mode: UnitMode,
        out: &mut Vec<Span>,
        paragraphs: &mut Vec<Paragraph>,
    ) {
        self.run(text, mode, out, Some(paragraphs));
    }

    fn run(
        &mut self,
        text: &str,
        mode: UnitMode,
        out: &mut Vec<Span>,
        mut paragraphs: Option<&mut Vec<Paragraph>>,
    ) {
        match mode {
            UnitMode::Line => {
                for_each_line(text, |line| {
                    let s = trim(text, line);
                    if !s.is_empty() {
                        out.push(s);
                    }
                });
            }
            UnitMode::Sentence => {
                self.lines.clear();
                let lines = &mut self.lines;
                for_each_line(text, |line| {
                    // `chars` is counted by `paragraph`, where it is needed.
                    lines.push(Line { span: trim(text, line), chars: 0 });
                });
                let mut i = 0;
                while i < self.lines.len() {
                    if self.lines[i].span.is_empty() {
                        i += 1;
                        continue;
                    }
                    let mut j = i;
                    while j < self.lines.len() && !self.lines[j].span.is_empty() {
                        j += 1;
                    }
                    let p = self.paragraph(text, i, j, paragraphs.is_some(), out);
                    if let Some(ps) = paragraphs.as_deref_mut() {
                        ps.push(p);
                    }
                    i = j;
                }
            }
        }
    }

    /// Lines `a..b` form one paragraph; `label` asks for its style in full
    /// (for a one-line paragraph only a label, not needed to cut it).
    fn paragraph(&mut self, text: &str, a: usize, b: usize, label: bool, out: &mut Vec<Span>) -> Paragraph {
        let mut lines = std::mem::take(&mut self.lines);
        // Line widths matter only between lines; in ASCII, chars are bytes.
        if b - a >= 2 {
            let ascii = text[lines[a].span.start..lines[b - 1].span.end].is_ascii();
            for l in &mut lines[a..b] {
                l.chars = if ascii { l.span.len() } else { text[l.span.range()].chars().count() };
            }
        }
        let p = self.paragraph_lines(text, &lines[a..b], label, out);
        self.lines = lines;
        p
    }

    fn paragraph_lines(&mut self, text: &str, lines: &[Line], label: bool, out: &mut Vec<Span>) -> Paragraph {
        let span = Span::new(lines[0].span.start, lines[lines.len() - 1].span.end);
        let lower = style::is_lower_case(&text[span.range()]);
        let line = |k: usize| &text[lines[k].span.range()];
        if lines.len() == 1 {
            self.sentences(text, span, lower, out);
            let s = line(0);
            let style = if label && style::title_line(s) { Style::Heading } else { Style::Prose };
            return Paragraph { span, style, lower_case: lower };
        }
        let layout = style::line_layout(text, lines, lower);
        let width = lines.iter().map(|l| l.chars).max().unwrap_or(0);
        let mut style = layout.unwrap_or(Style::Prose);
        let mut region_start = lines[0].span.start;
        for k in 0..lines.len() {
            let last = k + 1 == lines.len();
            let hard = last || layout.is_some() || {
                let (cur, next) = (line(k), line(k + 1));
                let items = starts_list_item(next);
                if items && style == Style::Prose {
                    style = Style::List;
                }
                // Cheap tests first: most lines are not titles.
                let next_capital = style::starts_capital(next);
                let heading = k == 0
                    && next_capital
                    && style::title_line(cur)
                    && (lines[k].chars * 5 < width * 4 || style::title_case(cur));
                if heading {
                    style = Style::Heading;
                }
                // A break after a line that ends short of the paragraph's
                // width, where the next line's first word would have fitted.
                // (A line close to that width was wrapped unless the next
                // line opens a sentence: "They", "The", "In".)
                let short = lines[k].chars + 1 + first_word_chars(next) <= width
                    && (width < 40 || lines[k].chars * 5 < width * 4 || opens_sentence(next));
                let hard = items
                    || heading
                    || (!starts_lower(next) && !continues(cur) && short)
                    // A title-case line further down is a title or credit line too.
                    || (k > 0
                        && next_capital
                        && !cur.ends_with([',', ';', ':', '.', '!', '?'])
                        && style::title_case(cur)
                        && style::title_line(cur));
                if !hard && style == Style::Prose && !ends_like_sentence(cur) {
                    style = Style::Wrapped;
                }
                hard
            };
            if hard {
                let region = Span::new(region_start, lines[k].span.end);
                self.sentences(text, region, lower, out);
                if !last {
                    region_start = lines[k + 1].span.start;
                }
            }
        }
        Paragraph { span, style, lower_case: lower }
    }

    /// Cuts one region (text between hard boundaries) into sentences.
    fn sentences(&mut self, text: &str, region: Span, lower: bool, out: &mut Vec<Span>) {
        let r = &text[region.range()];
        let base = region.start;
        self.cuts.clear();
        let ascii = stop_bitmaps(r.as_bytes(), &mut self.stops, &mut self.marks);
        self.list_cuts(r, ascii);
        let n_list = self.cuts.len();
        let mut list_i = 0;
        let mut sent_start = 0;
        let bytes = r.as_bytes();
        let mut i = 0;
        while let Some(at) = next_stop(bytes, &self.stops, i) {
            i = at;
            while list_i < n_list && self.cuts[list_i].0 <= i {
                sent_start = self.cuts[list_i].0;
                list_i += 1;
            }
            let b = bytes[i];
            // Full-width stops end a sentence with or without a space after.
            if b >= 0xE3 && r[i..].starts_with(is_fullwidth_stop) {
                let mut j = i;
                while let Some(c) = r[j..].chars().next().filter(|&c| is_fullwidth_stop(c) || is_closer(c)) {
                    j += c.len_utf8();
                }
                if next_word_start(r, j).is_some() {
                    self.cuts.push(Cut(j));
                    sent_start = j;
                }
                i = j;
                continue;
            }

            // A spaced ellipsis ". . ." that does not follow a word directly.
            if b == b'.' && (i == 0 || bytes[i - 1] == b' ') && spaced_dots(&r[i..]) >= 3 {
                let (dots, len) = spaced_run(&r[i..]);
                let end = i + len;
                if dots >= 4 && boundary_follows(r, end) {
                    self.cuts.push(Cut(end));
                    sent_start = end;
                }
                i = end;
                continue;
            }
            // A period on a word followed by a spaced ellipsis: "word. . . . Next".
            if b == b'.' && r[i + 1..].starts_with(" .") && spaced_dots(&r[i + 2..]) >= 1 {
                let (_, len) = spaced_run(&r[i + 2..]);
                let after = i + 2 + len;
                if next_word_start(r, after).is_none_or(|n| !starts_lower(&r[n..])) {
                    self.cuts.push(Cut(i + 1));
                    sent_start = i + 1;
                }
                i = after;
                continue;
            }
            // An attached run of terminators, then closing quotes and brackets.
            let i_start = i;
            let mut j = i;
            let (mut dots, mut bang) = (0, false);
            while j < bytes.len() {
                match bytes[j] {
                    b'.' => dots += 1,
                    b'!' | b'?' => bang = true,
                    0xE2 if r[j..].starts_with('\u{2026}') => dots += 3,
                    _ => break,
                }
                j += if bytes[j] == 0xE2 { 3 } else { 1 };
            }
            let term_end = j;
            while let Some(c) = r[j..].chars().next().filter(|&c| is_closer(c)) {
                j += c.len_utf8();
            }
            let closed = j > term_end;
            j = skip_footnotes(r, i_start, j);
            // HTML line breaks after the stop ("grim.<br /><br />But") stay with it.
            if bytes.get(j) == Some(&b'<') {
                j = skip_html_breaks(r, j);
            }
            i = j;
            // Only a stop followed by white space (or the region's end) can end a sentence,
            // or a full stop run into a capitalised word after a word or
            // number ("world.Today is", "1,000.That"; not "U.S.A", "e.g.", "node.js").
            if j < bytes.len() && !r[j..].starts_with(is_space) && !r[..j].ends_with('>') {
                let glued = dots == 1
                    && !bang
                    && j == term_end
                    && matches!(bytes.get(j..j + 2), Some([a, b]) if a.is_ascii_uppercase() && b.is_ascii_lowercase())
                    && i_start >= 2
                    && bytes[i_start - 2..i_start]
                        .iter()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
                if glued {
                    // Plain words on both sides: not an address ("Jane.Doe@x.com",
                    // "www.site.Name.com") nor a title ("St.Louis").
                    let token = |s: &str| !s.contains(['.', '@', '/', ':', '_']);
                    let before = &r[..i_start];
                    let prev = before.rsplit(is_space).next().unwrap_or("");
                    let next_token = r[j..].split(is_space).next().unwrap_or("");
                    let next_token = next_token.trim_end_matches(|c: char| c.is_ascii_punctuation());
                    if token(prev) && token(next_token) && !abbrev::is_title(prev) {
                        self.cuts.push(Cut(j));
                        sent_start = j;
                    }
                }
                continue;
            }
            let Some(mut next) = next_word_start(r, j) else { continue };
            if bytes[next] == b'<' {
                let after = skip_html_breaks(r, next);
                if after > next {
                    (j, i) = (after, after);
                    let Some(n) = next_word_start(r, j) else { continue };
                    next = n;
                }
            }
            let next_word = &r[next..];
            // A comma or the like after the stop and a quote goes on
            // (tokenised text: `save us ! " , and`).
            if next_word.starts_with(is_closer)
                && next_word.trim_start_matches(|c| is_closer(c) || is_space(c)).starts_with([',', ';', ':'])
            {
                continue;
            }
            // A dash aside ("-- voila! -- you") goes on; so does lower case,
            // except after one full stop in lower-case text.
            // A bracketed list marker ("(b) Hello") opens a sentence.
            let lower_next = starts_lower(next_word) && !starts_list_item(next_word);
            // After "!" or "?" a dash before a capitalised word starts a
            // sentence ("What do you see? - Posted like sentinels").
            let dash = next_word.starts_with(['-', '\u{2013}', '\u{2014}']);
            if (dash && !(bang && capital_after_dash(next_word)))
                || (lower_next && !(lower && dots == 1 && !bang))
            {
                continue;
            }
            // An omission inside brackets ("[...]") ends nothing.
            let omission = r[..i_start].ends_with(['[', '(']);
            let ends = if omission {
                false
            } else if bang {
                // "!" or "?" inside an open quotation goes on ("'Why, I shall
                // think nothing of it! How brave they'll think me!'").
                // So does one closing a quotation before a bracketed aside on
                // it ("... the house!' (Which was true.)").
                if closed {
                    !next_word.starts_with('(')
                } else {
                    // Or inside open brackets: "[16: firma? 13:28]".
                    let so_far = &r[sent_start.min(i_start)..i_start];
                    !quote_open(so_far) && !bracket_open(so_far)
                }
            } else if dots >= 2 {
                true
            } else {
                period_ends_sentence(r, sent_start, term_end - 1, next_word, closed, lower_next)
            };
            if ends {
                self.cuts.push(Cut(j));
                sent_start = j;
            }
        }
        self.cuts.sort_unstable();
        self.cuts.dedup();
        // Emit pieces; a piece without letters or digits joins its neighbour.
        let mut pending: Option<(Span, bool)> = None;
        let mut from = 0;
        let ends = self.cuts.iter().map(|c| c.0).chain([r.len()]);
        for cut in ends {
            if cut <= from {
                continue;
            }
            let piece = trim(r, Span::new(from, cut));
            from = cut;
            if piece.is_empty() {
                continue;
            }
            let alnum = has_alnum(r, piece);
            pending = match pending {
                None => Some((piece, alnum)),
                Some((p, p_alnum)) if !p_alnum || !alnum => {
                    Some((Span::new(p.start, piece.end), p_alnum || alnum))
                }
                Some((p, _)) => {
                    out.push(p.offset(base));
                    Some((piece, alnum))
                }
            };
        }
        if let Some((p, _)) = pending {
            out.push(p.offset(base));
        }
    }

    /// Cut positions before list items run into one line.
    fn list_cuts(&mut self, r: &str, ascii: bool) {
        self.markers.clear();
        let bytes = r.as_bytes();
        if !ascii {
            for p in memchr::memchr_iter(0xE2, bytes) {
                if p > 0
                    && r.is_char_boundary(p)
                    && r[p..].starts_with(is_bullet)
                    && r[..p].ends_with(is_space)
                {
                    self.cuts.push(Cut(p));
                }
            }
        }
        for p in set_bits(&self.marks) {
            // The marker token before the stop: 1-3 digits, or one lower-case letter.
            let digits = bytes[..p].iter().rev().take_while(|b| b.is_ascii_digit()).take(4).count();
            let (start, value, letter) = if (1..=3).contains(&digits) {
                let v = r[p - digits..p].parse::<u32>().unwrap_or(0);
                (p - digits, v, false)
            } else if digits == 0 && p >= 1 && bytes[p - 1].is_ascii_lowercase() {
                (p - 1, u32::from(bytes[p - 1] - b'a') + 1, true)
            } else {
                continue;
            };
            if start > 0 && !bytes[start - 1].is_ascii_whitespace() {
                continue;
            }
            let rest = &r[p..];
            let mark_len = if rest.starts_with(".)") { 2 } else { 1 };
            if !rest[mark_len..].starts_with(' ') {
                continue;
            }
            // After a bullet the bullet itself is the cut.
            let after_bullet = r[..start].trim_end_matches(is_space).ends_with(is_bullet);
            let item_text = rest[mark_len..].trim_start_matches(' ');
            // Lower-case items only in lettered runs of three ("a. here b. there c. more").
            let lower = starts_lower(item_text);
            if !after_bullet && (!lower || letter) {
                self.markers.push(Marker { start, value, letter, lower });
            }
        }
        // Also accept markers glued to a bullet ("\u{2043}9."): handled by the
        // bullet cut above. Keep only markers that continue a sequence.
        let n = self.markers.len();
        for a in 0..n {
            let m = self.markers[a];
            let continues = |x: &Marker, y: &Marker| x.letter == y.letter && y.value == x.value + 1;
            let in_seq = if m.lower {
                // Part of a run "a", "b", "c": two neighbours in the sequence.
                let has = |v: u32| v > 0 && self.markers.iter().any(|x| x.letter && x.value == v);
                (has(m.value + 1) && has(m.value + 2))
                    || (has(m.value - 1) && has(m.value + 1))
                    || (m.value > 2 && has(m.value - 1) && has(m.value - 2))
            } else {
                self.markers[a + 1..].iter().any(|y| continues(&m, y))
                    || self.markers[..a].iter().any(|x| continues(x, &m))
            };
            if in_seq && m.start > 0 {
                self.cuts.push(Cut(m.start));
            }
        }
        self.cuts.sort_unstable();
        self.cuts.dedup();
    }
}

/// The position of the next possible sentence stop at or after `from`:
/// `.`, `!`, `?`, or the first byte of `…` or a full-width stop, found
/// from `stops`, the region's [`stop_bitmaps`].
#[inline]
fn next_stop(bytes: &[u8], stops: &[u64], from: usize) -> Option<usize> {
    const WIDE: [&str; 5] = ["\u{2026}", "\u{FF0E}", "\u{FF01}", "\u{FF1F}", "\u{3002}"];
    let mut i = from;
    loop {
        let at = next_bit(stops, i, true, bytes.len());
        let &b = bytes.get(at)?;
        if b < 0x80 || WIDE.iter().any(|w| bytes[at..].starts_with(w.as_bytes())) {
            return Some(at);
        }
        i = at + 1;
    }
}

/// True when `s` opens a quotation in single quotes after some words of
/// its own and does not close it: a quote mark after a space and before a
/// letter, without a matching one after a letter or stop. Apostrophes
/// inside words are neither; double quotes are not looked at, as dialogue
/// in them is cut at each sentence.
fn quote_open(s: &str) -> bool {
    let b = s.as_bytes();
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let mut depth = 0i32;
    // Only the quote marks are looked at: ' and the curly ones (E2 80 98/99).
    for p in memchr::memchr2_iter(b'\'', 0xE2, b) {
        let (len, curly_open, curly_close) = match b[p] {
            0xE2 => match b.get(p + 1..p + 3) {
                Some([0x80, 0x98]) => (3, true, false),
                Some([0x80, 0x99]) => (3, false, true),
                _ => continue,
            },
            _ => (1, false, false),
        };
        let prev = s[..p].chars().next_back().unwrap_or(' ');
        let next = s[p + len..].chars().next().unwrap_or(' ');
        let plain = len == 1;
        let opens = curly_open || (plain && (is_space(prev) || prev == '(') && next.is_alphabetic());
        let closes =
            (curly_close && !next.is_alphabetic()) || (plain && !is_space(prev) && !next.is_alphanumeric());
        if opens && p > lead {
            depth += 1;
        } else if closes && depth > 0 {
            depth -= 1;
        }
    }
    depth > 0
}

/// True when `s` opens more round or square brackets than it closes.
fn bracket_open(s: &str) -> bool {
    // Most sentences have no bracket: one memchr pass says so.
    if memchr::memchr2(b'(', b'[', s.as_bytes()).is_none() {
        return false;
    }
    let depth = s.bytes().fold(0i32, |d, b| match b {
        b'(' | b'[' => d + 1,
        b')' | b']' => d - 1,
        _ => d,
    });
    depth > 0
}

/// True when `s` starts with a dash, spaces, and a capitalised word.
fn capital_after_dash(s: &str) -> bool {
    let rest = s.trim_start_matches(['-', '\u{2013}', '\u{2014}']);
    let word = rest.trim_start_matches(is_space);
    word.len() < rest.len() && word.starts_with(char::is_uppercase)
}

fn is_fullwidth_stop(c: char) -> bool {
    matches!(c, '\u{FF0E}' | '\u{FF01}' | '\u{FF1F}' | '\u{3002}')
}

/// Moves `j` past footnote marks after a stop: "[12]" citations, and bare
/// numbers glued to a stop that follows a word ("a consultation.11 12").
fn skip_footnotes(r: &str, stop: usize, mut j: usize) -> usize {
    let b = r.as_bytes();
    let digits_at = |k: usize| b[k.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    loop {
        if b.get(j) == Some(&b'[') {
            let n = digits_at(j + 1);
            if (1..=3).contains(&n) && b.get(j + 1 + n) == Some(&b']') {
                j += n + 2;
                continue;
            }
        }
        break;
    }
    let after_word = r[..stop].chars().next_back().is_some_and(|c| c.is_alphabetic() || c == ')');
    if after_word {
        let n = digits_at(j);
        let ends = |k: usize| k >= b.len() || b[k] == b' ';
        if (1..=3).contains(&n) && ends(j + n) {
            j += n;
            // More numbers in the same note: "11 12".
            while b.get(j) == Some(&b' ') {
                let m = digits_at(j + 1);
                if (1..=3).contains(&m) && ends(j + 1 + m) {
                    j += 1 + m;
                } else {
                    break;
                }
            }
        }
    }
    j
}

/// Moves `j` past HTML line-break tags (`<br>`, `<br/>`, `<br />`) and the
/// spaces between them.
fn skip_html_breaks(r: &str, mut j: usize) -> usize {
    let b = r.as_bytes();
    let mut end = j;
    loop {
        let rest = &b[j..];
        if rest.len() < 4 || !rest[..3].eq_ignore_ascii_case(b"<br") {
            return end;
        }
        let Some(close) = rest.iter().take(8).position(|&c| c == b'>') else { return end };
        if !rest[3..close].iter().all(|&c| c == b' ' || c == b'/') {
            return end;
        }
        j += close + 1;
        end = j;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
    }
}

fn has_alnum(r: &str, p: Span) -> bool {
    r[p.range()].chars().any(char::is_alphanumeric)
}

/// Calls `f` with each line's span (without its `\n`).
fn for_each_line(text: &str, mut f: impl FnMut(Span)) {
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        f(Span::new(start, nl));
        start = nl + 1;
    }
    if start < text.len() {
        f(Span::new(start, text.len()));
    }
}

/// `span` without leading and trailing white space.
/// The ASCII part of [`is_space`]: tab to carriage return, and space (a
/// byte compare instead of a char test: 16 M of the segmenter's
/// instructions on the 100 MB benchmark).
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

fn trim(text: &str, span: Span) -> Span {
    // ASCII white space a byte at a time; chars only at a non-ASCII end.
    let s = &text[span.range()];
    let b = s.as_bytes();
    let mut lead = b.iter().position(|&c| !is_ascii_space(c)).unwrap_or(b.len());
    if b.get(lead).is_some_and(|&c| c >= 0x80) {
        lead = s.len() - s[lead..].trim_start_matches(is_space).len();
    }
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    let mut end = b.iter().rposition(|&c| !is_ascii_space(c)).map_or(0, |p| p + 1);
    if b[end - 1] >= 0x80 {
        end = s[..end].trim_end_matches(is_space).len();
    }
    Span::new(span.start + lead, span.start + end)
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '\u{2019}' | '\u{201D}' | '\u{00BB}' | '\u{203A}')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '\u{2018}' | '\u{201C}' | '\u{00AB}' | '\u{2039}')
}

fn is_bullet(c: char) -> bool {
    matches!(c, '\u{2022}' | '\u{2043}' | '\u{25E6}' | '\u{25AA}' | '\u{2023}' | '\u{25CF}')
}

/// True when the text starts with a lower-case letter (after opening quotes).
fn starts_lower(s: &str) -> bool {
    // Most calls meet an ASCII letter or digit first: no char decoding.
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => b.is_ascii_lowercase(),
        _ => s.chars().find(|&c| !is_opener(c)).is_some_and(char::is_lowercase),
    }
}

/// True when a line ends like a sentence: a stop, possibly before closers.
fn ends_like_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(is_closer);
    s.ends_with(['.', '!', '?', '\u{2026}'])
}

/// True when a line starts with a bullet, dash or list number.
fn starts_list_item(s: &str) -> bool {
    // A line that starts with a letter is an item only as "a) " or "iv) ":
    // without a ')' in its first six bytes it is none.
    let b = s.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphabetic) && !b.iter().take(6).any(|&c| c == b')') {
        return false;
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_bullet(c) => true,
        Some('-' | '*' | '\u{2013}' | '\u{2014}') => chars.next().is_some_and(is_space),
        Some(c) if c.is_ascii_digit() => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            digits <= 3 && (s[digits..].starts_with(". ") || s[digits..].starts_with(") "))
        }
        // "(a) ", "(iv) ", "ii) "
        Some(_) => {
            let body = s.strip_prefix('(').unwrap_or(s);
            let n = body.bytes().take(5).take_while(u8::is_ascii_alphanumeric).count();
            (1..=4).contains(&n)
                && body[n..].starts_with(") ")
                && (n == 1
                    || body[..n].bytes().all(|c| b"ivxlIVXL".contains(&c))
                    || body[..n].bytes().all(|c| c.is_ascii_digit()))
        }
        None => false,
    }
}

/// True when a line plainly runs on: it ends with a comma, semicolon or
/// hyphen, or with a word after which no sentence stops.
fn continues(line: &str) -> bool {
    if line.ends_with([',', ';', '-', '&']) {
        return true;
    }
    let last = line.rsplit(is_space).next().unwrap_or("");
    FUNCTION_SET.contains_ignoring_case(last)
}

/// True when `s` starts with a capitalised word that commonly opens a sentence.
fn opens_sentence(s: &str) -> bool {
    let w = s.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    w.starts_with(|c: char| c.is_ascii_uppercase()) && abbrev::is_opener_word(w)
}

fn first_word_chars(s: &str) -> usize {
    s.chars().take_while(|&c| !is_space(c)).count()
}

/// How many dots a run of ". . ." at the start of `s` has.
fn spaced_dots(s: &str) -> usize {
    spaced_run(s).0
}

/// (dots, bytes) of the spaced-dot run at the start of `s`: ". . . .".
fn spaced_run(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    let (mut dots, mut i) = (0, 0);
    while i < b.len() && b[i] == b'.' {
        dots += 1;
        i += 1;
        if i + 1 < b.len() && b[i] == b' ' && b[i + 1] == b'.' {
            i += 1;
        } else {
            break;
        }
    }
    (dots, i)
}

/// The start of the next word after `from` (skipping white space and, for a
/// sentence test, nothing else), or `None` at the end.
fn next_word_start(r: &str, from: usize) -> Option<usize> {
    let rest = &r[from..];
    let skip = rest.len() - rest.trim_start_matches(is_space).len();
    (from + skip < r.len()).then_some(from + skip)
}

/// After a spaced ellipsis ending at `end`: white space then a word not in lower case.
fn boundary_follows(r: &str, end: usize) -> bool {
    let mut j = end;
    while let Some(c) = r[j..].chars().next().filter(|&c| is_closer(c)) {
        j += c.len_utf8();
    }
    match next_word_start(r, j) {
        None => true,
        Some(n) => j < n && !starts_lower(&r[n..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_straddling_a_fullwidth_stop_does_not_panic() {
        // Found by the segment fuzz target.
        let text = "\"\\ wa at n\u{3002}ight. Was that a problem?\n\nFor the schedulThee,, it ";
        let mut spans = Vec::new();
        super::segment(text, super::UnitMode::Sentence, &mut spans);
        assert!(spans.iter().all(|s| s.end <= text.len()));
        assert!(spans.len() >= 3);
    }

    fn units(text: &str, mode: UnitMode) -> Vec<&str> {
        let mut out = Vec::new();
        segment(text, mode, &mut out);
        out.iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("simple", "He left. She stayed.", &["He left.", "She stayed."]),
            ("question and bang", "Why? Because! Yes.", &["Why?", "Because!", "Yes."]),
            ("titles", "Mr. Smith and Dr. Jones met St. Clair.", &["Mr. Smith and Dr. Jones met St. Clair."]),
            ("vs", "Kramer vs. Kramer won.", &["Kramer vs. Kramer won."]),
            (
                "initials",
                "The book by J. R. R. Tolkien sold well.",
                &["The book by J. R. R. Tolkien sold well."],
            ),
            ("name initial", "Jonas E. Smith spoke.", &["Jonas E. Smith spoke."]),
            ("money", "It cost $1.5m. The studio paid.", &["It cost $1.5m.", "The studio paid."]),
            ("decimal", "It scored 3.5 out of 5.", &["It scored 3.5 out of 5."]),
            ("company", "He joined Acme Inc. last year.", &["He joined Acme Inc. last year."]),
            ("company end", "He joined Acme Inc. The firm grew.", &["He joined Acme Inc.", "The firm grew."]),
            ("us", "In the U.S. Government offices.", &["In the U.S. Government offices."]),
            ("us end", "He lives in the U.S. He likes it.", &["He lives in the U.S.", "He likes it."]),
            ("am", "At 5 a.m. the crew arrived.", &["At 5 a.m. the crew arrived."]),
            ("quote close", "\"It works.\" She smiled.", &["\"It works.\"", "She smiled."]),
            ("quote said", "\"It works,\" she said. Then left.", &["\"It works,\" she said.", "Then left."]),
            ("curly quote", "\u{201c}Cut.\u{201d} He sat.", &["\u{201c}Cut.\u{201d}", "He sat."]),
            ("bracket", "It ended (finally.) The end.", &["It ended (finally.)", "The end."]),
            ("ellipsis", "Wait... Then go.", &["Wait...", "Then go."]),
            ("ellipsis lower", "Wait... then go.", &["Wait... then go."]),
            ("unicode ellipsis", "Wait\u{2026} Then go.", &["Wait\u{2026}", "Then go."]),
            ("paragraphs", "No stop here\n\nNext para", &["No stop here", "Next para"]),
            (
                "soft wrap",
                "The film was directed\nby Jane and produced by Jan.",
                &["The film was directed\nby Jane and produced by Jan."],
            ),
            (
                "credits block",
                "Directed by Jane Campion\nProduced by Jan Chapman\nDirector of Photography  Stuart Dryburgh",
                &[
                    "Directed by Jane Campion",
                    "Produced by Jan Chapman",
                    "Director of Photography  Stuart Dryburgh",
                ],
            ),
            (
                "credits colon",
                "Director: Ann Lee\nProducers: Bo Li, Cy Ma",
                &["Director: Ann Lee", "Producers: Bo Li, Cy Ma"],
            ),
            (
                "heading then body",
                "Studio buys rights\nThe studio bought the rights to the novel on Monday.",
                &["Studio buys rights", "The studio bought the rights to the novel on Monday."],
            ),
            (
                "runs on",
                "The first line of this paragraph is the longest.\nIt was produced by\nBo Li.",
                &["The first line of this paragraph is the longest.", "It was produced by\nBo Li."],
            ),
            ("dash list", "Crew:\n- a director\n- a producer", &["Crew:", "- a director", "- a producer"]),
            (
                "numbered inline",
                "1. The first item 2. The second item",
                &["1. The first item", "2. The second item"],
            ),
            ("lettered inline", "a. One b. Two", &["a. One", "b. Two"]),
            (
                "not a list",
                "As payment for 1. above and 2. below.",
                &["As payment for 1. above and 2. below."],
            ),
            (
                "footnotes",
                "It was a saint.[1] The emperor ruled.12 Then he died.",
                &["It was a saint.[1]", "The emperor ruled.12", "Then he died."],
            ),
            (
                "time of day",
                "He left at 6 p.m. Travelers stayed.",
                &["He left at 6 p.m.", "Travelers stayed."],
            ),
            ("dash aside", "Mix it and -- voila! -- cake.", &["Mix it and -- voila! -- cake."]),
            ("full-width stops", "One\u{ff0e}Two\u{ff0e}", &["One\u{ff0e}", "Two\u{ff0e}"]),
            ("paren list", "(i) One thing.\n(ii) Two things.", &["(i) One thing.", "(ii) Two things."]),
            ("crlf", "One.\r\nTwo.\r\n", &["One.", "Two."]),
            ("trailing dots join", "It ended. . . .", &["It ended. . . ."]),
            ("empty", "", &[]),
            ("only space", " \n\t\n", &[]),
        ];
        for (name, text, want) in cases {
            assert_eq!(units(text, UnitMode::Sentence), *want, "case {name}");
        }
    }

    fn styles(text: &str) -> Vec<(Style, bool)> {
        let (mut out, mut paras) = (Vec::new(), Vec::new());
        Segmenter::default().segment_paragraphs(text, UnitMode::Sentence, &mut out, &mut paras);
        paras.iter().map(|p| (p.style, p.lower_case)).collect()
    }

    /// One table per style: (name, text, units, style of the first paragraph).
    #[test]
    fn styles_table() {
        use Style::*;
        let cases: &[(&str, &str, &[&str], Style)] = &[
            // Standard prose.
            (
                "prose",
                "The crew flew to Malta. Filming began on Monday.",
                &["The crew flew to Malta.", "Filming began on Monday."],
                Prose,
            ),
            // Lower-case prose: a full stop before a lower-case word ends a sentence.
            (
                "lower case",
                "the editor worked nights. the producer paid overtime. nobody slept.",
                &["the editor worked nights.", "the producer paid overtime.", "nobody slept."],
                Prose,
            ),
            (
                "lower case abbreviations",
                "she met mr. lowe at 9 a.m. and flew to the u.s. later. the shoot went well.",
                &["she met mr. lowe at 9 a.m. and flew to the u.s. later.", "the shoot went well."],
                Prose,
            ),
            (
                "lower case acronym before a sentence",
                "they shot it in the u.k. the weather was awful.",
                &["they shot it in the u.k.", "the weather was awful."],
                Prose,
            ),
            (
                "lower case e.g.",
                "some scenes, e.g. the chase, were reshot.",
                &["some scenes, e.g. the chase, were reshot."],
                Prose,
            ),
            (
                "lower case with the pronoun I and a name",
                "i saw it twice. the second time Ana came too. I liked it more. she did not.",
                &["i saw it twice.", "the second time Ana came too.", "I liked it more.", "she did not."],
                Prose,
            ),
            (
                "wrapped lines that happen to end in stops",
                "\"Cut! Cut! Wait!\nno, go on. Keep rolling.\nGood.\"",
                &["\"Cut!", "Cut!", "Wait!\nno, go on.", "Keep rolling.", "Good.\""],
                Prose,
            ),
            // One sentence per line, tokenised and lower case.
            (
                "line per sentence tokenised",
                "the sequel is louder than the original , and dumber .\nmr . hale plays the villain with a grin .\nit was filmed in the u . s . and canada .\nthe ending , though \nsurprised me .\n",
                &[
                    "the sequel is louder than the original , and dumber .",
                    "mr . hale plays the villain with a grin .",
                    "it was filmed in the u . s . and canada .",
                    "the ending , though",
                    "surprised me .",
                ],
                LinePerSentence,
            ),
            (
                "line per sentence with capitals",
                "The studio wanted a comedy.\nThe director wanted a war film\nShe won.\nThe result was neither.",
                &[
                    "The studio wanted a comedy.",
                    "The director wanted a war film",
                    "She won.",
                    "The result was neither.",
                ],
                LinePerSentence,
            ),
            (
                "tokenised quote and comma",
                "she screams \" run , now ! \" , and nobody moves .",
                &["she screams \" run , now ! \" , and nobody moves ."],
                Prose,
            ),
            // Hard-wrapped prose at a narrow and a wide width.
            (
                "wrapped narrow",
                "The second unit shot the\nhorse chase near Almeria\nin four days. Nobody was\nhurt.",
                &["The second unit shot the\nhorse chase near Almeria\nin four days.", "Nobody was\nhurt."],
                Wrapped,
            ),
            (
                "wrapped, not greedily: a word that would fit still wraps",
                "Funding came from a broadcaster in Hamburg and a bank in\nLyon that had backed the producer's two earlier films\nabout the river. Shooting took nine weeks.",
                &[
                    "Funding came from a broadcaster in Hamburg and a bank in\nLyon that had backed the producer's two earlier films\nabout the river.",
                    "Shooting took nine weeks.",
                ],
                Wrapped,
            ),
            // Headings and title lines.
            ("heading alone", "Coming Soon", &["Coming Soon"], Heading),
            (
                "title case heading over a short body",
                "Night Shoot Ends Early\nRain stopped it.",
                &["Night Shoot Ends Early", "Rain stopped it."],
                Heading,
            ),
            (
                "sentence case heading over body",
                "Festival jury named\nThe jury will be led by a Danish director who won the prize in 2011.",
                &[
                    "Festival jury named",
                    "The jury will be led by a Danish director who won the prize in 2011.",
                ],
                Heading,
            ),
            (
                "capitals heading",
                "BOX OFFICE REPORT\nThe sequel took $42m in its first weekend, well ahead of studio forecasts.",
                &[
                    "BOX OFFICE REPORT",
                    "The sequel took $42m in its first weekend, well ahead of studio forecasts.",
                ],
                Heading,
            ),
            // Credit blocks.
            (
                "credits with abbreviations",
                "Dir. Maren Holt\nProd. Ivo Sand\nCo-prod. Lia Berg\nCinematog. Rui Costa",
                &["Dir. Maren Holt", "Prod. Ivo Sand", "Co-prod. Lia Berg", "Cinematog. Rui Costa"],
                Credits,
            ),
            (
                "title-case credit lines over a closing sentence",
                "Directed by Ines Marlow\nProduced by Paul Acker\nRunning time: 112 min.",
                &["Directed by Ines Marlow", "Produced by Paul Acker", "Running time: 112 min."],
                Heading,
            ),
            (
                "tokenised with capitals",
                "The film , directed by Mr . Lee , opens Friday .\nIt runs two hours .\nCritics are divided .",
                &[
                    "The film , directed by Mr . Lee , opens Friday .",
                    "It runs two hours .",
                    "Critics are divided .",
                ],
                LinePerSentence,
            ),
            // Lists.
            (
                "short lines",
                "casting\nlocations\npost production",
                &["casting", "locations", "post production"],
                List,
            ),
            (
                "lettered items in lower case",
                "We need three things. a. a script b. a star c. money",
                &["We need three things.", "a. a script", "b. a star", "c. money"],
                Prose,
            ),
            (
                "bracketed items",
                "(a) Shoot the pilot. (b) Sell the series.",
                &["(a) Shoot the pilot.", "(b) Sell the series."],
                Prose,
            ),
            (
                "bullet items under a title",
                "Festival prizes\n\u{2022} Best Film: The Quiet Road\n\u{2022} Best Director: Lena Holm",
                &[
                    "Festival prizes",
                    "\u{2022} Best Film: The Quiet Road",
                    "\u{2022} Best Director: Lena Holm",
                ],
                List,
            ),
            (
                "dash items",
                "Before the shoot:\n- cast the lead\n- book the crew",
                &["Before the shoot:", "- cast the lead", "- book the crew"],
                List,
            ),
        ];
        for (name, text, want, style) in cases {
            assert_eq!(units(text, UnitMode::Sentence), *want, "case {name}");
            assert_eq!(styles(text)[0].0, *style, "style of {name}");
        }
        assert_eq!(styles("the end.\n\nThe End."), [(Prose, true), (Prose, false)]);
        // Starts in lower case, but capitals open its sentences: not lower case.
        assert!(!styles("e.g. this one. It has capitals. So does this.")[0].1);
    }

    /// Abbreviations by rule: credit roles, capital acronyms, times of day.
    #[test]
    fn abbreviations_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The film opened in the U.S. Audiences there were cool on it.",
                &["The film opened in the U.S.", "Audiences there were cool on it."],
            ),
            ("She left the U.K. Critics followed her.", &["She left the U.K.", "Critics followed her."]),
            ("The U.S. Army film unit made it.", &["The U.S. Army film unit made it."]),
            ("It went to the U.S. Senate committee.", &["It went to the U.S. Senate committee."]),
            ("He moved to the U.S. It suited him.", &["He moved to the U.S.", "It suited him."]),
            (
                "Trade rules give U.S. Firms privileged access.",
                &["Trade rules give U.S. Firms privileged access."],
            ),
            (
                "Tickets cost two dollars (about 90 U.K. Pence) each.",
                &["Tickets cost two dollars (about 90 U.K. Pence) each."],
            ),
            (
                "The Long Shore (dir. Oona Vell; prod. Dax Mirren) opens on Friday.",
                &["The Long Shore (dir. Oona Vell; prod. Dax Mirren) opens on Friday."],
            ),
            (
                "Exec. Prod. Lena Varga signed off on the budget.",
                &["Exec. Prod. Lena Varga signed off on the budget."],
            ),
            ("Co-prod. Ana Ruiz joined late.", &["Co-prod. Ana Ruiz joined late."]),
            (
                "A debut (cinematog. Tom Reyes, ed. Ida Lunde) of real polish.",
                &["A debut (cinematog. Tom Reyes, ed. Ida Lunde) of real polish."],
            ),
            ("Assoc. Prod. Kim Berg flew in.", &["Assoc. Prod. Kim Berg flew in."]),
            (
                "The anthology (ed. Mira Cole) collects essays. Cole wrote the introduction.",
                &["The anthology (ed. Mira Cole) collects essays.", "Cole wrote the introduction."],
            ),
            (
                "It premiered in the U.S. Netflix bought it a week later.",
                &["It premiered in the U.S.", "Netflix bought it a week later."],
            ),
            // Whole words that start a role word still end sentences.
            (
                "They finished the edit. The studio liked it.",
                &["They finished the edit.", "The studio liked it."],
            ),
            ("It was a fine product. Buyers agreed.", &["It was a fine product.", "Buyers agreed."]),
            ("He worked as director. Nobody minded.", &["He worked as director.", "Nobody minded."]),
            ("At 6 a.m. Mr. Okafor was already on set.", &["At 6 a.m. Mr. Okafor was already on set."]),
            ("By 7 a.m. Lena had the shot.", &["By 7 a.m. Lena had the shot."]),
            (
                "The crew left at 6 p.m. Mr. Okafor stayed.",
                &["The crew left at 6 p.m.", "Mr. Okafor stayed."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(units(text, UnitMode::Sentence), *want, "{text}");
        }
    }

    #[test]
    fn quotes_table() {
        let cases: &[(&str, &[&str])] = &[
            ("She said, 'Cut! We go again!' and sat down.", &["She said, 'Cut! We go again!' and sat down."]),
            ("Who paid? - The studio did.", &["Who paid?", "- The studio did."]),
            // A full stop run into the next sentence.
            ("It wrapped.Then it sold.Mr. Lee paid.", &["It wrapped.", "Then it sold.", "Mr. Lee paid."]),
            (
                "Write to Ana.Ruiz@example.com or see St.Louis.",
                &["Write to Ana.Ruiz@example.com or see St.Louis."],
            ),
            ("It was a hit -- who knew? -- in May.", &["It was a hit -- who knew? -- in May."]),
            (
                "The cut (why? nobody knows) ran long. Then it sold.",
                &["The cut (why? nobody knows) ran long.", "Then it sold."],
            ),
            // HTML line breaks (web reviews) stay with the sentence before them.
            (
                "It dragged.<br /><br />The cast saved it. <BR>Go.",
                &["It dragged.<br /><br />", "The cast saved it. <BR>", "Go."],
            ),
            ("'Cut!' she said. 'Again!' We did.", &["'Cut!' she said.", "'Again!'", "We did."]),
            ("\"Why?\" He shrugged.", &["\"Why?\"", "He shrugged."]),
            ("The kids' film won! Its producer cried.", &["The kids' film won!", "Its producer cried."]),
        ];
        for (text, want) in cases {
            assert_eq!(units(text, UnitMode::Sentence), *want, "{text}");
        }
    }

    #[test]
    fn line_mode() {
        assert_eq!(units("a. b. c\n\n  d  \r\ne", UnitMode::Line), ["a. b. c", "d", "e"]);
    }

    #[test]
    fn ascii_space_is_the_ascii_part_of_is_space() {
        for b in 0u8..128 {
            assert_eq!(is_ascii_space(b), is_space(char::from(b)), "{b}");
        }
        assert!(!is_ascii_space(0x85) && !is_ascii_space(0xa0));
    }

    #[test]
    fn trim_agrees_with_trimming_chars() {
        let pieces =
            [" ", "\t", "\u{b}", "\u{a0}", "\u{3000}", "\u{feff}", "a", "\u{e9}", "\u{2026}", "\r\n"];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                texts.iter().flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}"))).collect();
            texts.extend(longer);
        }
        for t in texts {
            let text = format!("x{t}y");
            let span = Span::new(1, text.len() - 1);
            let got = trim(&text, span);
            let want = t.trim_matches(is_space);
            assert_eq!(&text[got.range()], want, "{t:?}");
            if !want.is_empty() {
                assert_eq!(got.start, 1 + t.len() - t.trim_start_matches(is_space).len(), "{t:?}");
            } else {
                assert_eq!(got, Span::new(1, 1), "{t:?}");
            }
        }
    }

    #[test]
    fn spans_are_trimmed_and_in_order() {
        let text = "  First one.   Second one!\n\n\u{a0}Third\u{a0}\n";
        let mut out = Vec::new();
        segment(text, UnitMode::Sentence, &mut out);
        for w in out.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for s in &out {
            let t = &text[s.range()];
            assert_eq!(t, t.trim_matches(is_space));
            assert!(!t.is_empty());
        }
        assert_eq!(out.len(), 3);
    }
}

#[cfg(test)]
mod block_tests {
    use super::*;

    #[test]
    fn blocks_are_bounded_and_cut_on_char_boundaries() {
        let text =
            "Alpha beta.\nGamma delta\nepsilon \u{e9}t\u{e9}.\nZeta eta ".repeat(200) + &"\u{e9}".repeat(500);
        let cuts = blank_line_cuts(text.as_bytes(), 100);
        assert!(!cuts.is_empty());
        let mut last = 0;
        for &c in &cuts {
            assert!(c - last >= 100 && c - last <= 100 * MAX_BLOCK_FACTOR, "{}", c - last);
            assert!(text.is_char_boundary(c));
            last = c;
        }
        // Preferred fallback: a line break after a stop and before a capital.
        assert!(
            cuts.iter()
                .take(3)
                .all(|&c| text[..c].ends_with(".\n") && text[c..].starts_with(char::is_uppercase))
        );
        // A blank line inside the window wins.
        let t2 = format!("{}\n\n{}", "word ".repeat(30), "more ".repeat(200));
        assert_eq!(blank_line_cuts(t2.as_bytes(), 100)[0], 151);
    }
}
