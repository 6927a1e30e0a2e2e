//! Explaining tags: every unit, every match and cue, and why each counted
//! or not, as readable text.

use std::fmt::Write as _;

use crate::tag::{DOC_SCREEN_DENSITY, DOC_SCREEN_SIGNALS, Status, TaggedDoc, Tagger};
use crate::text::segment::{Paragraph, Segmenter, UnitMode};
use crate::text::span::Span;

/// Tags `text` and describes every decision, with the style each
/// paragraph was read in ([`crate::text::segment::Style`]).
///
/// ```
/// use rolecall::{Lexicon, Tagger, text::segment::UnitMode};
/// let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
/// let report = rolecall::tag::explain::explain(&tagger, "Production fell at the plant. The film went into production.");
/// assert!(report.contains("no context"));
/// assert!(report.contains("=> producer"));
/// assert!(report.contains("paragraph 0 0..60: prose"));
/// let report = rolecall::tag::explain::explain(&tagger, "It was directed by Jane Campion.");
/// assert!(report.contains("person \"Jane Campion\" director 19..31: by \"directed by\""));
/// ```
pub fn explain(tagger: &Tagger, text: &str) -> String {
    let doc = tagger.tag_text(text);
    render(tagger, text, &doc)
}

/// Tags a decoded document (a file, or a record of one) and describes it
/// as [`explain`] does, with every span written as `scan` writes it in
/// bytes: in the document's original bytes (through its
/// [`crate::text::span::OffsetMap`]) and, for a record tagged from several
/// text fields, in its field, named before the span ("body 0..31").
///
/// ```
/// use rolecall::{Lexicon, Tagger, text::segment::UnitMode};
/// let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
/// let mut doc = rolecall::input::decode_text("r", b"Directed by Ann Lee.\n\nThe producer paid.".to_vec());
/// doc.parts = vec![("title".into(), 0), ("body".into(), 22)];
/// let report = rolecall::tag::explain::explain_document(&tagger, &doc);
/// assert!(report.contains("[1] body 0..18"));
/// assert!(report.contains("person \"Ann Lee\" director title 12..19"));
/// ```
pub fn explain_document(tagger: &Tagger, doc: &crate::input::Document) -> String {
    let tagged = tagger.tag_text(&doc.text);
    let place = |span: Span| {
        let o = doc.map.span_to_original(span);
        match doc.part_of(o.start) {
            Some((name, start)) => (Some(name), Span::new(o.start - start, o.end - start)),
            None => (None, o),
        }
    };
    render_placed(tagger, &doc.text, &tagged, &place)
}

/// What a pattern of [`crate::people`] reads, in words.
fn pattern_words(p: crate::people::Pattern) -> &'static str {
    use crate::people::Pattern;
    match p {
        Pattern::Title => "the role's noun right before the name",
        Pattern::Apposition => "the role's noun, a comma, the name",
        Pattern::Credit => "a credit line: title and names",
        Pattern::NameTitle => "the role's noun after the name (a comma, brackets or `as` between)",
        Pattern::Award => "an award of the role for the name",
        Pattern::By => "the names after by/of",
        Pattern::Subject => "the name as the verb's subject",
        Pattern::Debut => "the name's directorial debut or direction",
        Pattern::Example => "names given as examples of the role (like, such as, including)",
        Pattern::Predicate => "the name as subject of is/was (described as) a …",
    }
}

/// Describes an already tagged document.
// ~90 lines of straight-line formatting: one section per unit, in the
// order the rules decided it.
pub fn render(tagger: &Tagger, text: &str, doc: &TaggedDoc) -> String {
    render_placed(tagger, text, doc, &|span| (None, span))
}

/// Where a span of the tagged text is written: the text field it is in
/// (several fields only) and its span there.
type Place<'a> = dyn Fn(Span) -> (Option<&'a str>, Span) + 'a;

/// A span as [`render_placed`] writes it: `start..end`, after its field's
/// name when it has one; `pad` right-aligns the start and left-aligns the
/// end in five places each (the columns of the match lines).
fn placed(place: &Place<'_>, span: Span, pad: bool) -> String {
    let (field, at) = place(span);
    let field = field.map(|f| format!("{f} ")).unwrap_or_default();
    if pad {
        format!("{field}{:>5}..{:<5}", at.start, at.end)
    } else {
        format!("{field}{}..{}", at.start, at.end)
    }
}

/// [`render`], with each span written where `place` puts it.
fn render_placed(tagger: &Tagger, text: &str, doc: &TaggedDoc, place: &Place<'_>) -> String {
    let lex = tagger.lexicon();
    let mut s = String::new();
    let signals: usize = (0..doc.units.len()).map(|u| tagger.screen_signals(doc, u)).sum();
    let distinct = tagger.distinct_screen_signals(doc, &mut Vec::new());
    let _ = writeln!(
        s,
        "document: {} unit(s); about film or TV: {} ({signals} screen signal(s), {distinct}{} distinct; {DOC_SCREEN_SIGNALS} distinct needed, and one per {DOC_SCREEN_DENSITY} units)",
        doc.units.len(),
        if doc.screen_document { "yes" } else { "no" },
        if distinct >= DOC_SCREEN_SIGNALS { " or more" } else { "" },
    );
    // Each paragraph's style, printed before its first unit.
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    if tagger.mode() == UnitMode::Sentence {
        Segmenter::default().segment_paragraphs(text, UnitMode::Sentence, &mut Vec::new(), &mut paragraphs);
    }
    let mut people = Vec::new();
    tagger.people().find(text, doc, lex, &mut crate::people::Scratch::default(), &mut people);
    let mut next_para = paragraphs.iter().enumerate().peekable();
    for (u, unit) in doc.units.iter().enumerate() {
        while let Some((k, p)) = next_para.next_if(|(_, p)| p.span.start <= unit.span.start) {
            let case = if p.lower_case { ", lower case" } else { "" };
            let _ = writeln!(s, "\nparagraph {k} {}: {}{case}", placed(place, p.span, false), p.style.name());
        }
        let _ = writeln!(s, "\n[{u}] {}  {:?}", placed(place, unit.span, false), &text[unit.span.range()]);
        for (m, st) in doc.matches_of(u).iter().zip(doc.status_of(u)) {
            let t = lex.term(m.term);
            let why = match *st {
                Status::Counted => format!("counted, weight {}", t.weight),
                Status::Excluded => "excluded: not this role; blocks shorter terms".to_string(),
                Status::NoContext(set) => format!("no context: needs {}", lex.set_name(set)),
                Status::Repeated => "repeated: a weak term counts once per unit".to_string(),
                Status::OffTopic(set) => format!(
                    "off topic: read in its {} sense (no screen signal, not a film document, document film topic score {:.2} below {})",
                    lex.set_name(set),
                    doc.document_topic,
                    tagger.sense_threshold()
                ),
                Status::Discounted(set, k) | Status::NearCue(set, k) => {
                    let why = if matches!(st, Status::NearCue(..)) {
                        "next to it, nearer than any screen signal"
                    } else if tagger.is_screen_blind(set) && tagger.screen_signals(doc, u) > 0 {
                        "before it, though the unit has a screen signal (the set is screen-blind)"
                    } else {
                        "and no screen signal"
                    };
                    format!("discounted: {} cue {:?} {why}", lex.set_name(set), doc.cue_shown(lex, text, k))
                }
            };
            let mark = if *st == Status::Counted { '+' } else { '-' };
            let _ = writeln!(
                s,
                "  {mark} {:<28} {:<9} {:<8} {} {:?}  {why}  ({})",
                t.text,
                lex.role_name(t.role),
                t.kind.as_str(),
                placed(place, m.span, true),
                &text[m.span.range()],
                t.origin
            );
        }
        for c in doc.cues_of(u) {
            let cue = &lex.cues()[c.cue as usize];
            let _ = writeln!(
                s,
                "    cue {:<24} {:<9} {} {:?}",
                cue.text,
                lex.set_name(cue.set),
                placed(place, c.span, true),
                &text[c.span.range()]
            );
        }
        let mut weights = vec![0.0f64; lex.roles().len()];
        for (m, st) in doc.matches_of(u).iter().zip(doc.status_of(u)) {
            if *st == Status::Counted {
                let t = lex.term(m.term);
                weights[t.role.index()] += t.weight;
            }
        }
        let roles: Vec<String> = lex
            .roles()
            .iter()
            .zip(doc.hits_of(u))
            .zip(&weights)
            .map(|((r, h), w)| format!("{r} {h} (weight {w})"))
            .collect();
        if let Some(&score) = doc.topic.get(u).filter(|x| !x.is_nan()) {
            let verdict = if score > tagger.topic_threshold() { "film context" } else { "no film context" };
            let _ = writeln!(
                s,
                "  film topic score {score:.2} (above {} counts; short document): {verdict}",
                tagger.topic_threshold()
            );
        }
        let _ = writeln!(s, "  counted: {}  => {}", roles.join(", "), unit.label.name(lex));
        for m in people.iter().filter(|m| m.unit == u) {
            let written = &text[m.span.range()];
            let linked = if m.name != written { format!(" (= {:?})", m.name) } else { String::new() };
            let _ = writeln!(
                s,
                "  person {:?}{linked} {} {}: {} {:?} ({})",
                written,
                lex.role_name(m.role),
                placed(place, m.span, false),
                m.evidence.pattern.name(),
                lex.term(m.evidence.term).text,
                pattern_words(m.evidence.pattern)
            );
        }
    }
    s
}
