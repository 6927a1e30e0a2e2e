//! Accuracy floors on the labelled sets in ../shared/eval (dev.csv and
//! train.csv), in both views: each row tagged alone, and each row tagged
//! inside its source document under ../shared/data. The floors sit a little
//! under the figures in the README's Accuracy table, so a change that loses
//! accuracy fails here. When ../shared is absent the tests say they were
//! skipped ([`crate::util::shared`]); they never pass silently on missing data.

use rolecall::eval::{
    Documents, Evaluation, GoldColumns, GoldRow, evaluate, evaluate_in_documents, read_gold,
};
use rolecall::text::segment::UnitMode;
use rolecall::{Lexicon, Tagger};

use crate::util::shared;

/// The rows of dev.csv and train.csv, or `None` (said) when absent.
fn gold(tagger: &Tagger) -> Option<Vec<GoldRow>> {
    let mut rows = Vec::new();
    for name in ["dev.csv", "train.csv"] {
        let path = shared(&format!("eval/{name}"))?;
        rows.extend(read_gold(&path, &GoldColumns::default(), tagger).unwrap());
    }
    Some(rows)
}

fn check(ev: &Evaluation, min_f1: f64, min_acc: f64) {
    eprintln!("{}", ev.table());
    assert!(ev.macro_f1() >= min_f1, "{}: macro-F1 {:.3} < {min_f1}", ev.view.name(), ev.macro_f1());
    assert!(ev.accuracy() >= min_acc, "{}: accuracy {:.3} < {min_acc}", ev.view.name(), ev.accuracy());
}

#[test]
fn labelled_rows_tagged_alone_keep_their_accuracy() {
    let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
    let Some(rows) = gold(&tagger) else { return };
    assert_eq!(rows.len(), 746, "dev.csv + train.csv rows");
    check(&evaluate(rows, &tagger), 0.89, 0.935);
}

#[test]
fn labelled_rows_tagged_in_their_documents_keep_their_accuracy() {
    let tagger = Tagger::new(Lexicon::builtin(), UnitMode::Sentence).unwrap();
    let Some(rows) = gold(&tagger) else { return };
    let Some(data) = shared("data") else { return };
    let ev = evaluate_in_documents(rows, &tagger, &mut Documents::new(&data));
    assert!(ev.left_out.is_empty(), "rows without a document: {:?}", ev.left_out);
    assert!(ev.text_differs.is_empty(), "rows whose ref text differs: {:?}", ev.text_differs);
    check(&ev, 0.865, 0.925);
}
