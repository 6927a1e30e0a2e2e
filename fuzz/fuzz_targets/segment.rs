//! Segmentation of any text: units in order, in bounds, on char boundaries;
//! paragraphs in order, each holding its units.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rolecall::text::segment::{Segmenter, UnitMode, segment};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for mode in [UnitMode::Sentence, UnitMode::Line] {
        let mut spans = Vec::new();
        segment(&text, mode, &mut spans);
        let mut last = 0;
        for s in &spans {
            assert!(s.start >= last && s.start < s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            last = s.end;
        }
    }
    let (mut spans, mut paragraphs) = (Vec::new(), Vec::new());
    Segmenter::default().segment_paragraphs(&text, UnitMode::Sentence, &mut spans, &mut paragraphs);
    for w in paragraphs.windows(2) {
        assert!(w[0].span.end < w[1].span.start);
    }
    for s in &spans {
        assert!(paragraphs.iter().any(|p| p.span.start <= s.start && s.end <= p.span.end));
    }
});
