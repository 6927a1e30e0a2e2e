//! The public sentence-boundary suites in `../shared/segmentation/`, when
//! present: the pass count must never drop below what rolecall reached.

use std::path::Path;

use rolecall::text::segment::{UnitMode, segment};

use crate::util::{collapse, root, shared};

/// Passing cases reached so far; raise these when the segmenter improves.
const GOLDEN_MIN_PASS: usize = 48;
const PRAGMATIC_MIN_PASS: usize = 163;
/// Film texts in every paragraph style (`tests/data/segmentation_films.jsonl`,
/// written for this project and held out until the styles were done).
const FILMS_MIN_PASS: usize = 20;

/// One case: its id, the text, and the sentences it should be cut into.
type Case = (String, String, Vec<String>);

/// The cases of the suite `../shared/segmentation/NAME`, or `None` (said)
/// when it is not there.
fn suite(name: &str) -> Option<Vec<Case>> {
    Some(suite_at(&shared(&format!("segmentation/{name}"))?))
}

fn suite_at(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("suite lines are JSON");
        let id = v["id"].as_str().unwrap_or("?").to_string();
        let input = v["text"].as_str().expect("text").to_string();
        let want = v["sentences"]
            .as_array()
            .expect("sentences")
            .iter()
            .map(|s| s.as_str().expect("string").trim().to_string())
            .collect();
        cases.push((id, input, want));
    }
    cases
}

/// Compares after trimming (`collapse`: after folding white-space runs too,
/// as the pragmatic suite's expectations are cleaned text).
fn run_with(cases: &[Case], collapse_space: bool) -> (usize, Vec<String>) {
    let norm = |s: &str| if collapse_space { collapse(s) } else { s.trim().to_string() };
    let mut pass = 0;
    let mut fails = Vec::new();
    for (id, text, want) in cases {
        let mut spans = Vec::new();
        segment(text, UnitMode::Sentence, &mut spans);
        let got: Vec<String> = spans.iter().map(|s| norm(&text[s.range()])).collect();
        let want: Vec<String> = want.iter().map(|s| norm(s)).collect();
        if got == want {
            pass += 1;
        } else {
            fails.push(format!("{id}: want {want:?}\n      got  {got:?}"));
        }
    }
    (pass, fails)
}

/// Runs `cases` (see [`run_with`]), prints the pass count and the failures,
/// and fails when fewer than `min` pass.
fn assert_passes(suite: &str, cases: &[Case], collapse_space: bool, min: usize) {
    let (pass, fails) = run_with(cases, collapse_space);
    eprintln!("{suite}: {pass}/{} pass", cases.len());
    for f in &fails {
        eprintln!("  {f}");
    }
    assert!(pass >= min, "{suite}: {pass}/{} < {min}", cases.len());
}

#[test]
fn golden_rules_pass_count_does_not_drop() {
    let Some(cases) = suite("golden_en.jsonl") else { return };
    assert_passes("golden rules", &cases, false, GOLDEN_MIN_PASS);
}

#[test]
fn pragmatic_segmenter_pass_count_does_not_drop() {
    let Some(cases) = suite("pragmatic_segmenter_en.jsonl") else { return };
    assert_passes("pragmatic segmenter", &cases, true, PRAGMATIC_MIN_PASS);
}

#[test]
fn film_texts_in_every_style_pass() {
    let cases = suite_at(&root().join("tests/data/segmentation_films.jsonl"));
    assert_passes("film texts", &cases, false, FILMS_MIN_PASS);
}
