//! Work that must grow linearly with its input: segmenting pathological
//! runs of stops, loading and checking large lexicons. Each test times the
//! same work at two sizes, one four times the other, and asserts the ratio
//! of the times (quadratic work would show about 16×; the bound of 6×
//! leaves room for a noisy, shared machine). Each size is timed a few
//! times, interleaved, and the fastest run counts. Where a step past a
//! cache's size can cost more than the bound, a third size, 16×, is timed
//! against 4× when 4× is over it (`assert_linear_past_a_step`).

use std::time::{Duration, Instant};

use rolecall::Lexicon;
use rolecall::text::segment::{Segmenter, UnitMode};

/// The most the larger input (4× the smaller) may take, in multiples of
/// the smaller one's time.
const MAX_RATIO: f64 = 6.0;

/// Adds `runs` timings of `f` on `small` and on `large`, interleaved, to
/// the fastest seen so far of each.
fn time_fastest<T: ?Sized>(
    runs: usize,
    small: &T,
    large: &T,
    best: &mut (Duration, Duration),
    mut f: impl FnMut(&T),
) {
    for _ in 0..runs {
        let t = Instant::now();
        f(small);
        best.0 = best.0.min(t.elapsed());
        let t = Instant::now();
        f(large);
        best.1 = best.1.min(t.elapsed());
    }
}

/// How many rounds of timings a ratio over the bound gets before the test
/// fails.
const ROUNDS: usize = 5;

/// Times `f` on `small` and on `large` (4× the input) and asserts the
/// ratio of the fastest runs. A ratio over the bound is measured again
/// (up to [`ROUNDS`] rounds), each round's runs joining the earlier ones,
/// so the fastest of each size comes nearer its unhindered time: the other
/// tests running beside this one, or other work on the machine, slow some
/// runs down (a round of runs at load 9 once gave over 6× for linear
/// work). Quadratic work fails every round.
fn assert_linear<T: ?Sized>(what: &str, runs: usize, small: &T, large: &T, f: impl FnMut(&T)) {
    if let Err(seen) = within_bound(runs, small, large, f) {
        panic!("{what}: 4× the input took {seen}");
    }
}

/// As [`assert_linear`], but when 4× the input is over the bound, 16×
/// (made by `larger`) is timed against 4×, and that ratio decides: one
/// step past a cache's size can cost more than 6× while the work stays
/// linear (segmenting in a debug build beside another build once took
/// 7–8×), and the next step of 4× then costs about 4×, where quadratic
/// work costs 16× again.
fn assert_linear_past_a_step<T: ?Sized, L: std::borrow::Borrow<T>>(
    what: &str,
    runs: usize,
    small: &T,
    large: &T,
    larger: impl FnOnce() -> L,
    mut f: impl FnMut(&T),
) {
    let Err(first) = within_bound(runs, small, large, &mut f) else { return };
    let larger = larger();
    if let Err(second) = within_bound(runs, large, larger.borrow(), &mut f) {
        panic!("{what}: 4× the input took {first}; 4× that took {second}");
    }
}

/// [`assert_linear`]'s measure: `Err` with the ratios seen when every
/// round is over the bound.
fn within_bound<T: ?Sized>(runs: usize, small: &T, large: &T, mut f: impl FnMut(&T)) -> Result<(), String> {
    let mut best = (Duration::MAX, Duration::MAX);
    let mut seen = Vec::new();
    for _ in 0..ROUNDS {
        time_fastest(runs, small, large, &mut best, &mut f);
        let (s, l) = best;
        // Below a millisecond the timer and the allocator say more than the work.
        let ratio = l.as_secs_f64() / s.as_secs_f64().max(1e-3);
        if ratio <= MAX_RATIO {
            return Ok(());
        }
        seen.push(format!("{ratio:.1}× ({s:?} → {l:?})"));
    }
    Err(seen.join(", then "))
}

/// `pattern` repeated to `bytes` bytes (whole repeats).
fn repeat_to(pattern: &str, bytes: usize) -> String {
    pattern.repeat(bytes / pattern.len())
}

/// Runs of stops that each made segmentation quadratic: every candidate
/// stop rescanned the sentence so far, its word, or the list markers found.
const PATHOLOGICAL: &[&str] = &[
    "\u{2026} ",
    "... ",
    "? ",
    "! ",
    ". ",
    // A `!` or `?` inside an open bracket or quotation goes on.
    "( ? ",
    "(A! ",
    "x 'a! A ",
    // List markers that never continue a sequence, or letters that do.
    "1. ",
    "b. ",
    ". a",
    "? 2. ",
    // Stops inside one long word: glued full stops, HTML breaks.
    "Word.",
    "a.Mr",
    "<br>U.S.",
    ".<br>",
    "A.",
    "a.m. ",
];

#[test]
fn segmentation_is_linear_on_runs_of_stops() {
    // Debug builds segment about twenty times slower than release ones;
    // at 64 KiB quadratic work still shows (the runs above took seconds).
    let small = if cfg!(debug_assertions) { 64 << 10 } else { 1 << 20 };
    let mut seg = Segmenter::default();
    let mut units = Vec::new();
    let mut segment = |text: &str| {
        units.clear();
        seg.segment(text, UnitMode::Sentence, &mut units);
    };
    for pattern in PATHOLOGICAL {
        let (a, b) = (repeat_to(pattern, small), repeat_to(pattern, 4 * small));
        let c = || repeat_to(pattern, 16 * small);
        assert_linear_past_a_step(
            &format!("segmenting {pattern:?}"),
            3,
            a.as_str(),
            b.as_str(),
            c,
            &mut segment,
        );
    }
}

/// A director and a producer lexicon of `n` terms each, every producer
/// term lying inside a director term (a `shadowed` finding each).
fn lexicon_sources(n: usize) -> Vec<(String, String)> {
    let mut d = String::from("# generated\nterm,kind,weight\n");
    let mut p = String::from("term,kind\n");
    for i in 0..n {
        d.push_str(&format!("alpha{i} beta{i} films,role,1\n"));
        if i % 100 == 0 {
            d.push_str("# a comment\n\n");
        }
        p.push_str(&format!("beta{i},activity\n"));
    }
    vec![("director.csv".into(), d), ("producer.csv".into(), p)]
}

#[test]
fn lexicon_loading_is_linear() {
    let small = if cfg!(debug_assertions) { 12_500 } else { 100_000 };
    let (a, b) = (lexicon_sources(small), lexicon_sources(4 * small));
    let load = |s: &[(String, String)]| Lexicon::from_sources(s.to_vec()).unwrap();
    assert_linear("loading a lexicon", 2, a.as_slice(), b.as_slice(), |s| drop(load(s)));
    // Line numbers are still those of the file, after comments and blank lines.
    let lex = load(&a);
    let last = lex.terms().iter().rfind(|t| t.origin.file == "director.csv").unwrap();
    assert_eq!(last.origin.line, 2 + small as u64 + 2 * (small as u64 / 100));
}

#[test]
fn lexicon_check_is_linear() {
    // (Release builds once used 20,000 terms: 4× that took 6.2–6.6× the
    // time when other tests ran beside it, most of it building the
    // Aho-Corasick automaton of 160,000 patterns, which outgrows the
    // caches; alone it passed. At 5,000 → 20,000 a release build still
    // took 6.3–6.6× about one run in four: a step past a cache, so the
    // next 4× decides. Quadratic work shows 16× at any size.)
    let small = if cfg!(debug_assertions) { 2_500 } else { 5_000 };
    let (a, b) = (Lexicon::from_sources(lexicon_sources(small)).unwrap(), {
        Lexicon::from_sources(lexicon_sources(4 * small)).unwrap()
    });
    let check = |l: &Lexicon| rolecall::lexicon::check::check(l, &[], 15);
    assert_linear_past_a_step(
        "checking a lexicon",
        2,
        &a,
        &b,
        || Lexicon::from_sources(lexicon_sources(16 * small)).unwrap(),
        |l: &Lexicon| assert_eq!(check(l).len(), l.terms().len() / 2),
    );
}

/// One WARC response record holding `html`.
fn warc_response(uri: &str, html: &[u8]) -> Vec<u8> {
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    block.extend_from_slice(html);
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(&block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// HTML nested 100,000 deep (31 s in the HTML parser), HTML past the size
/// rolecall parses and HTML of too many elements (about 2 KB of memory
/// each) are each skipped with a row naming the bound, at once; the page
/// beside them is read.
#[test]
fn deep_or_huge_html_is_skipped_with_a_row() {
    let tmp = tempfile::tempdir().unwrap();
    let n = 100_000;
    let deep = format!("<html><body>{}Deep text.{}</body></html>", "<div>".repeat(n), "</div>".repeat(n));
    let huge = format!("<html><body>{}</body></html>", "<p>Directed by Ann.</p>\n".repeat(400_000));
    let many = format!("<html><body>{}</body></html>", "<p>x. ".repeat(150_000));
    let mut warc = warc_response("http://x.example/deep", deep.as_bytes());
    warc.extend(warc_response("http://x.example/huge", huge.as_bytes()));
    warc.extend(warc_response("http://x.example/many", many.as_bytes()));
    warc.extend(warc_response("http://x.example/ok", b"<html><body><p>Directed by Ann.</p></body></html>"));
    std::fs::write(tmp.path().join("pages.warc"), warc).unwrap();
    let start = Instant::now();
    let out = crate::util::scan(tmp.path(), &["pages.warc"]);
    assert!(start.elapsed() < Duration::from_secs(20), "took {:?}", start.elapsed());
    assert_eq!(out.status.code(), Some(1), "{}", crate::util::stderr(&out));
    let errors = crate::util::error_rows(&tmp.path().join("out"));
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0].1.contains("http://x.example/deep") && errors[0].1.contains("more than 512 elements deep")
    );
    assert!(errors[1].1.contains("http://x.example/huge") && errors[1].1.contains("over the 8 MiB"));
    assert!(
        errors[2].1.contains("http://x.example/many") && errors[2].1.contains("more than 100000 elements")
    );
    let docs = crate::util::column(&tmp.path().join("out/documents.csv"), "doc");
    assert_eq!(docs, ["pages.warc#http://x.example/ok"]);
    // The same bound for an .html file.
    std::fs::write(tmp.path().join("deep.html"), deep.as_bytes()).unwrap();
    let out = crate::util::scan(tmp.path(), &["deep.html", "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", crate::util::stderr(&out));
    let errors = crate::util::error_rows(&tmp.path().join("out"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "deep.html");
    assert!(
        errors[0].1.contains("more than 512 elements deep") && errors[0].1.ends_with("; skipped"),
        "{errors:?}"
    );
}

/// One long unit dense with names (no sentence stop in it: a list, a
/// table flattened to text): finding its people read every match of the
/// unit once per name, 5.2 s for 2 MB against 0.6 s for the scan without
/// people.
#[test]
fn people_in_a_long_dense_unit_is_linear() {
    use rolecall::Tagger;
    use rolecall::people::{People, Scratch};
    let lex = Lexicon::builtin();
    let tagger = Tagger::new(lex.clone(), UnitMode::Sentence).unwrap();
    let people = People::new(&lex);
    let pattern = "directed by Jane Campion and produced by Jan Chapman and ";
    let small = repeat_to(pattern, 200_000);
    let large = repeat_to(pattern, 800_000);
    let (ds, dl) = (tagger.tag_text(&small), tagger.tag_text(&large));
    assert_eq!(ds.units.len(), 1, "one unit");
    let mut out = Vec::new();
    people.find(&large, &dl, &lex, &mut Scratch::default(), &mut out);
    assert_eq!(out.len(), 2 * (800_000 / pattern.len()), "every name found");
    assert_linear("people in one dense unit", 3, small.as_str(), large.as_str(), |text: &str| {
        let doc = if text.len() == small.len() { &ds } else { &dl };
        let mut out = Vec::new();
        people.find(text, doc, &lex, &mut Scratch::default(), &mut out);
    });
}

/// A Content-Length from a block's true length and its record's size.
type Lie = fn(u64, u64) -> u64;

/// A WARC file of `n` conversion records whose Content-Lengths all lie:
/// `lie` gives each from its block's true length and the record's size.
fn lying_warc(n: usize, lie: Lie) -> Vec<u8> {
    let mut data = Vec::new();
    for i in 0..n {
        let block = format!("Directed by Ann {i:06}.");
        let head = |length: u64| {
            format!(
                "WARC/1.1\r\nWARC-Type: conversion\r\nWARC-Target-URI: u{i:06}\r\nContent-Length: {length}\r\n\r\n"
            )
        };
        let size = (head(block.len() as u64).len() + block.len() + 4) as u64;
        let length = lie(block.len() as u64, size);
        data.extend(head(length).bytes());
        data.extend(block.bytes());
        data.extend(b"\r\n\r\n");
    }
    data
}

/// Content-Lengths that lie, in every way the WARC reader goes back for:
/// each record is read again from the record inside the block before it
/// (which made a reader that re-read the rest of the file at each one
/// quadratic: 20,000 such records took 36.5 s against 0.13 s).
#[test]
fn warc_records_with_lying_lengths_are_read_in_linear_time() {
    let lies: [(&str, Lie); 5] = [
        ("a few bytes too long", |block, _| block + 6),
        ("past the next record", |block, size| block + 4 + size + 10),
        ("past the end of the file", |_, _| 60 << 20),
        ("over the record limit", |_, _| 9_000_000_000),
        ("too short", |block, _| block - 3),
    ];
    use rolecall::input::records::{Fields, Format, RecordReader};
    let count = |data: &[u8]| {
        let input = Box::new(std::io::BufReader::with_capacity(1 << 16, data));
        RecordReader::new(Format::Warc, input, &Fields::default()).map(|r| r.is_ok() as usize).sum::<usize>()
    };
    for (what, lie) in lies {
        let (small, large) = (lying_warc(5_000, lie), lying_warc(20_000, lie));
        // Every record is reported, none read, none lost.
        let input = Box::new(&large[..]);
        let rows: Vec<_> = RecordReader::new(Format::Warc, input, &Fields::default()).collect();
        assert_eq!(rows.len(), 20_000, "{what}");
        assert!(rows.iter().all(Result::is_err), "{what}");
        let larger = || lying_warc(80_000, lie);
        assert_linear_past_a_step(
            &format!("WARC lengths {what}"),
            2,
            small.as_slice(),
            large.as_slice(),
            larger,
            |d| {
                std::hint::black_box(count(d));
            },
        );
    }
}

/// The retries do not let quadratic work through: it fails every round.
#[test]
#[should_panic(expected = "quadratic: 4× the input took")]
fn quadratic_work_fails_the_bound() {
    let (small, large): (Vec<u64>, Vec<u64>) = ((0..1_500).collect(), (0..6_000).collect());
    assert_linear("quadratic", 2, small.as_slice(), large.as_slice(), |v| {
        let mut sum = 0u64;
        for a in v {
            for b in v {
                // (black_box per pair: a release build vectorises the bare
                // loop to under the 1 ms floor, and the check passes it.)
                sum = sum.wrapping_add(std::hint::black_box(a ^ b));
            }
        }
        std::hint::black_box(sum);
    });
}

/// The check past a cache step fails quadratic work too: 16× against 4×
/// is still about 16×.
#[test]
#[should_panic(expected = "4× that took")]
fn quadratic_work_fails_past_a_step() {
    let quadratic = |v: &[u64]| {
        let mut sum = 0u64;
        for a in v {
            for b in v {
                // (black_box per pair: a release build vectorises the bare
                // loop to under the 1 ms floor, and the check passes it.)
                sum = sum.wrapping_add(std::hint::black_box(a ^ b));
            }
        }
        std::hint::black_box(sum);
    };
    // The smallest size must take more than the timer floor of
    // `within_bound` (about a millisecond), else the first check passes:
    // 1,000 is enough in a debug build, not in a release build.
    let mut n = 1_000u64;
    while n < 64_000 && {
        let v: Vec<u64> = (0..n).collect();
        let t = std::time::Instant::now();
        quadratic(&v);
        t.elapsed() < std::time::Duration::from_millis(2)
    } {
        n *= 2;
    }
    let sizes: Vec<Vec<u64>> = [n, 4 * n, 16 * n].iter().map(|&n| (0..n).collect()).collect();
    assert_linear_past_a_step(
        "quadratic",
        2,
        sizes[0].as_slice(),
        sizes[1].as_slice(),
        || sizes[2].clone(),
        quadratic,
    );
}
