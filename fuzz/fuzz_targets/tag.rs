//! Matching and tagging of any bytes, whole and as a block: matches inside
//! their units, spans mapped back into the original bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rolecall::text::segment::UnitMode;
use rolecall::{Lexicon, Tagger};
use std::sync::OnceLock;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(|| Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = rolecall::input::decode("f", data.to_vec()) else { return };
    let tagged = tagger().tag_text(&doc.text);
    for (i, u) in tagged.units.iter().enumerate() {
        for m in tagged.matches_of(i) {
            assert!(u.span.contains(m.span));
            assert!(doc.text.is_char_boundary(m.span.start) && doc.text.is_char_boundary(m.span.end));
        }
        let o = doc.map.span_to_original(u.span);
        assert!(o.start <= o.end && o.end <= data.len());
    }
    let mut scratch = Default::default();
    let mut block = Default::default();
    tagger().tag_block(&doc.text, &mut scratch, &mut block);
    assert_eq!(block.units.len(), tagged.units.len());
});
