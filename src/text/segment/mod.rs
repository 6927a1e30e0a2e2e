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
//! name initial (J. R. R. Tolkien; a first initial after `by`, a person's
//! noun such as `producer`, or `and` after a name: "Derrickson and C.
//! Robert Cargill"), after a list number at the start of a
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

use crate::text::bitmap::{set_bits, stop_bitmaps};
use crate::text::normalize::is_space;
use crate::text::span::Span;

mod abbrev;
mod chars;
mod style;
#[cfg(test)]
mod tests;

pub use style::{Paragraph, Style};

use std::collections::HashMap;

use abbrev::{WordMemo, period_ends_sentence};
use chars::{
    OpenBrackets, OpenQuotes, boundary_follows, capital_after_dash, continues, ends_like_sentence,
    first_word_chars, for_each_line, has_alnum, is_bullet, is_closer, is_fullwidth_stop, next_stop,
    next_word_start, opens_sentence, skip_footnotes, skip_html_breaks, spaced_dots, spaced_run,
    starts_list_item, starts_lower, trim,
};

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

/// [`segment`] with reusable buffers.
#[derive(Debug, Default)]
pub struct Segmenter {
    lines: Vec<Line>,
    cuts: Vec<Cut>,
    markers: Vec<Marker>,
    /// A region's candidate stops and list-marker ends ([`stop_bitmaps`]).
    stops: Vec<u64>,
    marks: Vec<u64>,
    /// Where each list marker's (letter, number) first and last occur.
    marker_at: HashMap<(bool, u32), (usize, usize)>,
    /// Quotes and brackets open in the sentence so far, and what is known
    /// about earlier stops' words: read on from stop to stop, not again.
    quotes: OpenQuotes,
    brackets: OpenBrackets,
    words: WordMemo,
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
    // Long (~190 lines) on purpose: one pass over the candidate stops, in
    // which each rule reads and moves the same cut state (where the
    // sentence began, open quotes and brackets, the line); the rules read
    // in order of precedence.
    fn sentences(&mut self, text: &str, region: Span, lower: bool, out: &mut Vec<Span>) {
        let r = &text[region.range()];
        let base = region.start;
        self.cuts.clear();
        (self.quotes, self.brackets, self.words) = Default::default();
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
                // Plain words on both sides: not an address ("Jane.Doe@x.com",
                // "www.site.Name.com") nor a title ("St.Louis").
                if glued && plain_token_before(r, i_start) && plain_token_after(r, j) {
                    self.cuts.push(Cut(j));
                    sent_start = j;
                }
                continue;
            }
            let Some(mut next) = next_word_start(r, j) else { continue };
            // (The tests below read only near the stop, or on from where
            // they stopped at the last one: the run stays linear.)
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
                    let from = sent_start.min(i_start);
                    !self.quotes.open(r, from, i_start) && !self.brackets.open(r, from, i_start)
                }
            } else if dots >= 2 {
                true
            } else {
                period_ends_sentence(
                    r,
                    sent_start,
                    term_end - 1,
                    next_word,
                    closed,
                    lower_next,
                    &mut self.words,
                )
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
        // (Looked up by (letter, number), not by going over every other
        // marker: a run of "1. 1. 1." stays linear.) One marker alone
        // continues nothing.
        if self.markers.len() < 2 {
            self.cuts.sort_unstable();
            self.cuts.dedup();
            return;
        }
        self.marker_at.clear();
        for (a, m) in self.markers.iter().enumerate() {
            self.marker_at.entry((m.letter, m.value)).and_modify(|e| e.1 = a).or_insert((a, a));
        }
        let at =
            |letter: bool, value: Option<u32>| value.and_then(|v| self.marker_at.get(&(letter, v)).copied());
        for (a, m) in self.markers.iter().enumerate() {
            let (next, prev) = (m.value.checked_add(1), m.value.checked_sub(1));
            let in_seq = if m.lower {
                // Part of a run "a", "b", "c": two neighbours in the sequence.
                let has = |v: Option<u32>| v.is_some_and(|v| v > 0) && at(true, v).is_some();
                let plus2 = m.value.checked_add(2);
                let minus2 = m.value.checked_sub(2);
                (has(next) && has(plus2))
                    || (has(prev) && has(next))
                    || (m.value > 2 && has(prev) && has(minus2))
            } else {
                // The next number later on, or the one before earlier on.
                at(m.letter, next).is_some_and(|(_, last)| last > a)
                    || at(m.letter, prev).is_some_and(|(first, _)| first < a)
            };
            if in_seq && m.start > 0 {
                self.cuts.push(Cut(m.start));
            }
        }
        self.cuts.sort_unstable();
        self.cuts.dedup();
    }
}

/// True when the token before the stop at `stop` (back to white space) is
/// a plain word: no `.`, `@`, `/`, `:` or `_` in it, and not a title
/// ("St.Louis"). Reads back only to the first of those.
fn plain_token_before(r: &str, stop: usize) -> bool {
    let before = &r[..stop];
    let mut start = 0;
    for (k, c) in before.char_indices().rev() {
        if is_space(c) {
            start = k + c.len_utf8();
            break;
        }
        if matches!(c, '.' | '@' | '/' | ':' | '_') {
            return false;
        }
    }
    !abbrev::is_title(&before[start..])
}

/// True when the token at `from` (up to white space, without trailing
/// punctuation) is a plain word: no `.`, `@`, `/`, `:` or `_` in it. Reads
/// on only to the first of those and the punctuation after it.
fn plain_token_after(r: &str, from: usize) -> bool {
    let mut marked = false;
    for c in r[from..].chars() {
        if is_space(c) {
            break;
        }
        if marked {
            // Something after the mark other than trailing punctuation.
            if !c.is_ascii_punctuation() {
                return false;
            }
        } else if matches!(c, '.' | '@' | '/' | ':' | '_') {
            marked = true;
        }
    }
    true
}
