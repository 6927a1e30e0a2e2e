//! The name grammar and the people rules on any text: no panic; every
//! token and name in bounds, on char boundaries, in order; every mention
//! inside its unit, in text order, its name the folded text or a longer
//! linked name (the checks: `people_check.rs`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use rolecall::text::segment::UnitMode;
use rolecall::{Lexicon, Tagger};

mod people_check;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    thread_local! {
        static TAGGER: Tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
    }
    TAGGER.with(|tagger| people_check::check(tagger, &text));
});
