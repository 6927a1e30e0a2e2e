//! Accuracy on ../shared/eval/dev.csv, when present: the figures reached
//! must not drop (they are the README's Accuracy table).

use std::path::PathBuf;

use rolecall::eval::{GoldColumns, evaluate, read_gold};
use rolecall::segment::UnitMode;
use rolecall::{Lexicon, Tagger};

#[test]
fn dev_set_accuracy_does_not_drop() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev.csv");
    if !path.exists() {
        eprintln!("skipped: {} is not present", path.display());
        return;
    }
    let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence);
    let rows = read_gold(&path, &GoldColumns::default(), &tagger).unwrap();
    let ev = evaluate(rows, &tagger);
    eprintln!("{}", ev.table());
    assert!(ev.macro_f1() >= 0.90, "macro-F1 {:.3} < 0.90", ev.macro_f1());
    assert!(ev.accuracy() >= 0.93, "accuracy {:.3} < 0.93", ev.accuracy());
}
