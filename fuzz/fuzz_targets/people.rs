//! The name grammar and the people rules on any text: no panic; every
//! token and name in bounds, on char boundaries, in order; every mention
//! inside its unit, its name the folded text or a longer linked name.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rolecall::people::name::{name_at, name_ending_at, tokenize};
use rolecall::people::{People, Scratch};
use rolecall::text::segment::UnitMode;
use rolecall::text::span::Span;
use rolecall::{Lexicon, Tagger};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut toks = Vec::new();
    tokenize(&text, Span::new(0, text.len()), &mut toks);
    let mut last = 0;
    for t in &toks {
        assert!(t.span.start >= last && t.span.start < t.span.end && t.span.end <= text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        last = t.span.end;
    }
    for i in 0..toks.len() {
        for found in [name_at(&text, &toks, i), name_ending_at(&text, &toks, i)].into_iter().flatten() {
            assert!(found.first <= found.last && found.last < toks.len());
            assert_eq!(found.span, Span::new(toks[found.first].span.start, toks[found.last].span.end));
        }
    }
    thread_local! {
        static TAGGER: Tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
    }
    TAGGER.with(|tagger| {
        let doc = tagger.tag_text(&text);
        let mut out = Vec::new();
        People::new(tagger.lexicon()).find(&text, &doc, tagger.lexicon(), &mut Scratch::default(), &mut out);
        for m in &out {
            assert!(doc.units[m.unit].span.contains(m.span));
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert!(!m.name.is_empty());
        }
    });
});
