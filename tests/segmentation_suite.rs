//! The public sentence-boundary suites in `../shared/segmentation/`, when
//! present: the pass count must never drop below what rolecall reached.

use std::path::PathBuf;

use rolecall::segment::{UnitMode, segment};

/// Passing cases reached so far; raise these when the segmenter improves.
const GOLDEN_MIN_PASS: usize = 47;

fn suite(name: &str) -> Option<Vec<(String, String, Vec<String>)>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/segmentation").join(name);
    let text = std::fs::read_to_string(&path).ok()?;
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
    Some(cases)
}

fn run(cases: &[(String, String, Vec<String>)]) -> (usize, Vec<String>) {
    let mut pass = 0;
    let mut fails = Vec::new();
    for (id, text, want) in cases {
        let mut spans = Vec::new();
        segment(text, UnitMode::Sentence, &mut spans);
        let got: Vec<String> = spans.iter().map(|s| text[s.range()].trim().to_string()).collect();
        if &got == want {
            pass += 1;
        } else {
            fails.push(format!("{id}: want {want:?}\n      got  {got:?}"));
        }
    }
    (pass, fails)
}

#[test]
fn golden_rules_pass_count_does_not_drop() {
    let Some(cases) = suite("golden_en.jsonl") else {
        eprintln!("skipped: ../shared/segmentation/golden_en.jsonl is not present");
        return;
    };
    let (pass, fails) = run(&cases);
    eprintln!("golden rules: {pass}/{} pass", cases.len());
    for f in &fails {
        eprintln!("  {f}");
    }
    assert!(pass >= GOLDEN_MIN_PASS, "golden rules: {pass}/{} < {GOLDEN_MIN_PASS}", cases.len());
}
