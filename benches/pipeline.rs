//! Criterion benchmarks on fixed input: the pipeline stages on the sample
//! corpus in `corpus/` (concatenated and repeated to about 1 MB; matching
//! unit by unit as tagging does it, and apart from that the matcher's
//! non-ASCII fallback on the whole text), and a whole scan of a 5 MB corpus
//! from `rolecall gen-corpus --seed 1`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rolecall::matcher::{Scratch as MatchScratch, WordBits};
use rolecall::text::normalize::is_word_char;
use rolecall::text::segment::{Segmenter, UnitMode};
use rolecall::{Lexicon, Matcher, Tagger};

fn corpus_text() -> String {
    let mut paths: Vec<_> = walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")));
    paths.sort();
    let one: String = paths.iter().map(|p| std::fs::read_to_string(p).unwrap() + "\n\n").collect();
    one.repeat((1_000_000 / one.len()).max(1))
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

fn benches(c: &mut Criterion) {
    let text = corpus_text();
    let lexicon = Lexicon::builtin();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);

    g.bench_function("segment", |b| {
        let mut seg = Segmenter::default();
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            seg.segment(black_box(&text), UnitMode::Sentence, &mut out);
            out.len()
        })
    });

    // Matching as tagging does it (`Tagger::tag_units`): the word bits of
    // the block worked out once, then each unit matched in place. Most units
    // are ASCII and take the word screen; the units are cut outside the loop.
    let matcher = Matcher::new(&lexicon).unwrap();
    let mut units = Vec::new();
    Segmenter::default().segment(&text, UnitMode::Sentence, &mut units);
    g.bench_function("match", |b| {
        let mut scratch = MatchScratch::default();
        let mut words = WordBits::default();
        let (mut out, mut cues) = (Vec::new(), Vec::new());
        b.iter(|| {
            out.clear();
            cues.clear();
            words.compute(black_box(&text));
            for &unit in &units {
                matcher.find_in_unit(&text, unit, &words, &mut scratch, &mut out, &mut cues);
            }
            out.len()
        })
    });

    // The whole text as one unit: it holds non-ASCII word characters, so
    // it takes the path of units that do (the automaton run from each word
    // start), which real units rarely take.
    assert!(
        text.chars().any(|c| !c.is_ascii() && is_word_char(c)),
        "the fallback bench needs a non-ASCII word character in corpus/"
    );
    g.bench_function("match_non_ascii_fallback", |b| {
        let mut scratch = MatchScratch::default();
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            matcher.find(black_box(&text), &mut scratch, &mut out);
            out.len()
        })
    });

    let tagger = Tagger::new(lexicon.clone(), UnitMode::Sentence).unwrap();
    g.bench_function("tag", |b| {
        let mut scratch = rolecall::tag::Scratch::default();
        let mut doc = rolecall::tag::TaggedDoc::default();
        b.iter(|| {
            tagger.tag(black_box(&text), &mut scratch, &mut doc);
            doc.units.len()
        })
    });
    g.finish();

    // A whole scan of a fixed generated corpus (5 MB, seed 1), 2 threads.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    rolecall::generate::generate(&rolecall::generate::GenOptions {
        mb: 5.0,
        seed: 1,
        out: corpus.clone(),
        file_bytes: 2000,
        jsonl: false,
    })
    .unwrap();
    let mut opts = rolecall::scan::ScanOptions::new(vec![corpus], dir.path().join("out"), lexicon);
    opts.force = true;
    opts.threads = 2;
    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Bytes(5_000_000));
    g.sample_size(10);
    g.bench_function("gen5mb", |b| b.iter(|| rolecall::scan::scan(&opts).unwrap().totals.units));
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
