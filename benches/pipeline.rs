//! Criterion benchmarks of the pipeline stages on fixed input: the sample
//! corpus in `corpus/`, concatenated and repeated to about 1 MB.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rolecall::matcher::Scratch as MatchScratch;
use rolecall::segment::{Segmenter, UnitMode};
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

    let matcher = Matcher::new(&lexicon);
    g.bench_function("match", |b| {
        let mut scratch = MatchScratch::default();
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            matcher.find(black_box(&text), &mut scratch, &mut out);
            out.len()
        })
    });

    let tagger = Tagger::new(lexicon.clone(), UnitMode::Sentence);
    g.bench_function("tag", |b| {
        let mut scratch = rolecall::tag::Scratch::default();
        let mut doc = rolecall::tag::TaggedDoc::default();
        b.iter(|| {
            tagger.tag(black_box(&text), &mut scratch, &mut doc);
            doc.units.len()
        })
    });
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
