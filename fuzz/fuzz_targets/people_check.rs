//! Shared by the `people` fuzz target and `tests/it/properties.rs`: the
//! name grammar and the people rules on `text`, with their invariants
//! asserted (a failed one panics).

use rolecall::Tagger;
use rolecall::people::name::{name_at, name_ending_at, tokenize};
use rolecall::people::{People, Scratch};
use rolecall::text::span::Span;

/// Every token and name in bounds, on char boundaries, in order; every
/// mention inside its unit, in text order, on char boundaries, its name
/// non-empty (the folded text or a longer linked name).
pub fn check(tagger: &Tagger, text: &str) {
    let mut toks = Vec::new();
    tokenize(text, Span::new(0, text.len()), &mut toks);
    let mut last = 0;
    for t in &toks {
        assert!(t.span.start >= last && t.span.start < t.span.end && t.span.end <= text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        last = t.span.end;
    }
    for i in 0..toks.len() {
        for found in [name_at(text, &toks, i), name_ending_at(text, &toks, i)].into_iter().flatten() {
            assert!(found.first <= found.last && found.last < toks.len());
            assert_eq!(found.span, Span::new(toks[found.first].span.start, toks[found.last].span.end));
        }
    }
    let doc = tagger.tag_text(text);
    let mut out = Vec::new();
    People::new(tagger.lexicon()).find(text, &doc, tagger.lexicon(), &mut Scratch::default(), &mut out);
    let mut at = 0;
    for m in &out {
        assert!(doc.units[m.unit].span.contains(m.span));
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert!(!m.name.is_empty());
        assert!(m.span.start >= at, "mentions in text order");
        at = m.span.start;
    }
}
