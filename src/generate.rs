//! `rolecall gen-corpus`: a deterministic, article-like benchmark corpus.
//!
//! Built only from the project's own sample texts (`corpus/`, compiled in)
//! and small word lists: each article is a headline and paragraphs of
//! sentences drawn from the samples, with people's names, film titles and
//! figures replaced by generated ones; one file in ten is a credits block.
//! The same seed and sizes always give the same bytes (the generator is a
//! fixed SplitMix64, not a library whose stream may change).

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::text::segment::{UnitMode, segment};

/// The sample texts the corpus is made from.
const SAMPLES: &[&str] = &[
    include_str!("../corpus/articles/01-news-harbour-lights.txt"),
    include_str!("../corpus/articles/02-review-the-salt-road.txt"),
    include_str!("../corpus/articles/03-interview-nadia-okafor.txt"),
    include_str!("../corpus/articles/04-business-meridian-slate.txt"),
    include_str!("../corpus/articles/05-profile-ruth-ashdown.txt"),
    include_str!("../corpus/articles/06-business-north-sea-foods.txt"),
    include_str!("../corpus/articles/07-news-bbc-appointment.txt"),
    include_str!("../corpus/articles/08-feature-making-of-glass-harbour.txt"),
    include_str!("../corpus/articles/09-news-festival-jury.txt"),
    include_str!("../corpus/articles/10-review-paper-moons.txt"),
];

/// Names in the samples, swapped for generated ones.
const SAMPLE_NAMES: &[&str] = &[
    "Ailsa Crombie",
    "Crombie",
    "Morag Lennie",
    "Lennie",
    "Callum Dewar",
    "Tomas Varga",
    "Varga",
    "Nadia Okafor",
    "Laura Brandt",
    "Ruth Ashdown",
    "Ashdown",
    "Graham Tully",
    "Tully",
    "Anne Lorimer",
    "Simon Akers",
    "Akers",
    "Clare Hollis",
    "Maren Holt",
    "Holt",
    "Pieter Vos",
    "Lotte Sand",
    "Paolo Renzi",
    "Hélène Marchand",
    "Marchand",
    "Oskar Lind",
    "Celia Marsh",
    "Marsh",
    "Derek Pollard",
    "Femi Adeyemi",
];
const SAMPLE_TITLES: &[&str] = &[
    "Harbour Lights",
    "The Salt Road",
    "Night Shift",
    "Cold Water",
    "Tidewater",
    "Glass Harbour",
    "Paper Moons",
];

const FIRST: &[&str] = &[
    "Ada", "Bram", "Carla", "Dev", "Elena", "Femi", "Greta", "Hugo", "Ines", "Jonah", "Kira", "Luca", "Mina",
    "Nils", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tess", "Umar", "Vera", "Wen", "Yusuf", "Zofia",
];
const LAST: &[&str] = &[
    "Abara",
    "Berg",
    "Castell",
    "Dunmore",
    "Eriksen",
    "Fallon",
    "Gaddis",
    "Halloran",
    "Ibsen",
    "Jaramillo",
    "Kowal",
    "Lindqvist",
    "Mbeki",
    "Novak",
    "Okonjo",
    "Pryce",
    "Quarles",
    "Rahman",
    "Sorensen",
    "Takeda",
    "Ulloa",
    "Varela",
    "Whitlock",
    "Yilmaz",
    "Zuberi",
];
const TITLE_WORDS: &[&str] = &[
    "Winter", "Harbour", "Glass", "Salt", "Paper", "Night", "River", "Silent", "Iron", "Golden", "Last",
    "Northern", "Hollow", "Bright", "Distant", "Moons", "Road", "Shift", "Lights", "Garden", "Signal",
    "Tide",
];
const CREDIT_LINES: &[&str] = &[
    "Directed by",
    "Produced by",
    "Written by",
    "Executive Producers:",
    "Director of Photography",
    "Edited by",
    "Music by",
    "Production Designer",
    "Casting Director",
    "Line Producer",
    "Co-producer:",
];

/// A fixed 64-bit generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started at `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// Total size in MB (10^6 bytes); the last file may overshoot.
    pub mb: f64,
    /// Seed of the generator.
    pub seed: u64,
    /// Output folder (created; must not hold files already).
    pub out: PathBuf,
    /// Target size of one file in bytes (about 2,000 for news-sized files).
    pub file_bytes: usize,
    /// Write the articles as records of one JSON Lines file,
    /// `out/corpus.jsonl` (`{"id": "aNNNNNN", "text": …}`), not as files.
    pub jsonl: bool,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenReport {
    /// Files written.
    pub files: u64,
    /// Bytes written.
    pub bytes: u64,
}

/// The sentence pool: every unit of the sample articles but their headlines.
fn pool() -> Vec<String> {
    let mut out = Vec::new();
    for text in SAMPLES {
        let mut spans = Vec::new();
        segment(text, UnitMode::Sentence, &mut spans);
        out.extend(
            spans.iter().skip(1).map(|s| text[s.range()].split_whitespace().collect::<Vec<_>>().join(" ")),
        );
    }
    out
}

fn person(rng: &mut SplitMix64) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn film_title(rng: &mut SplitMix64) -> String {
    let n = 1 + rng.below(3);
    let words: Vec<&str> = (0..n).map(|_| rng.pick(TITLE_WORDS)).collect();
    format!("The {}", words.join(" "))
}

/// Replaces sample names, titles and figures in one sentence.
fn vary(sentence: &str, rng: &mut SplitMix64, cast: &[String], title: &str) -> String {
    let mut s = sentence.to_string();
    for (i, name) in SAMPLE_NAMES.iter().enumerate() {
        if s.contains(name) {
            s = s.replace(name, &cast[i % cast.len()]);
        }
    }
    for t in SAMPLE_TITLES {
        if s.contains(t) {
            s = s.replace(t, title);
        }
    }
    // Figures: every run of digits gets new digits of the same length.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_digit() {
            out.push(char::from(b'0' + rng.below(10) as u8));
        } else {
            out.push(c);
        }
    }
    out
}

/// One article of about `target` bytes.
pub fn article(rng: &mut SplitMix64, pool: &[String], target: usize) -> String {
    let cast: Vec<String> = (0..4).map(|_| person(rng)).collect();
    let title = film_title(rng);
    if rng.below(10) == 0 {
        let mut s = format!("{}\n\n", title.to_uppercase());
        let lines = 4 + rng.below(CREDIT_LINES.len() - 3);
        for _ in 0..lines {
            s.push_str(&format!("{} {}\n", rng.pick(CREDIT_LINES), person(rng)));
        }
        return s;
    }
    let mut s = format!(
        "{title}: {} {}\n\n",
        rng.pick(TITLE_WORDS).to_lowercase(),
        rng.pick(TITLE_WORDS).to_lowercase()
    );
    while s.len() < target {
        let sentences = 1 + rng.below(4);
        let para: Vec<String> =
            (0..sentences).map(|_| vary(&pool[rng.below(pool.len())], rng, &cast, &title)).collect();
        s.push_str(&para.join(" "));
        s.push_str("\n\n");
    }
    s
}

/// Writes the corpus: `out/dNNN/aNNNNNN.txt`, 1,000 files per folder, or
/// the same articles as the records of `out/corpus.jsonl`. Sizes count
/// article text, so both forms hold the same text.
pub fn generate(opts: &GenOptions) -> Result<GenReport, Error> {
    if !opts.mb.is_finite() || opts.mb <= 0.0 || opts.file_bytes == 0 {
        return Err(Error::Invalid("gen-corpus: --mb and the file size must be positive".into()));
    }
    ensure_empty(&opts.out)?;
    let pool = pool();
    let mut rng = SplitMix64::new(opts.seed);
    let target = (opts.mb * 1e6) as u64;
    let (mut files, mut bytes) = (0u64, 0u64);
    let mut jsonl = match opts.jsonl {
        true => {
            let path = opts.out.join("corpus.jsonl");
            let f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
            Some((path, std::io::BufWriter::with_capacity(1 << 20, f)))
        }
        false => None,
    };
    while bytes < target {
        if let Some((path, out)) = &mut jsonl {
            use std::io::Write;
            let size = opts.file_bytes / 2 + rng.below(opts.file_bytes.max(1));
            let text = article(&mut rng, &pool, size);
            let record = serde_json::json!({ "id": format!("a{files:06}"), "text": text });
            serde_json::to_writer(&mut *out, &record).map_err(|e| Error::io(&*path, e.into()))?;
            out.write_all(b"\n").map_err(|e| Error::io(&*path, e))?;
            files += 1;
            bytes += text.len() as u64;
            continue;
        }
        let dir = opts.out.join(format!("d{:03}", files / 1000));
        if files % 1000 == 0 {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        // Sizes vary around the target: half to one and a half times it.
        let size = opts.file_bytes / 2 + rng.below(opts.file_bytes.max(1));
        let text = article(&mut rng, &pool, size);
        let path = dir.join(format!("a{files:06}.txt"));
        std::fs::write(&path, &text).map_err(|e| Error::io(&path, e))?;
        files += 1;
        bytes += text.len() as u64;
    }
    if let Some((path, out)) = jsonl {
        out.into_inner().map_err(|e| Error::io(&path, e.into_error()))?;
    }
    Ok(GenReport { files, bytes })
}

fn ensure_empty(dir: &Path) -> Result<(), Error> {
    if dir.exists() {
        let mut rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if rd.next().is_some() {
            return Err(Error::Invalid(format!(
                "{}: not empty; gen-corpus writes into a new folder",
                dir.display()
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                out.push((
                    e.path().strip_prefix(dir).unwrap().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                ));
            }
        }
        out
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let t = tempfile::tempdir().unwrap();
        let run = |name: &str, seed| {
            let out = t.path().join(name);
            let r =
                generate(&GenOptions { mb: 0.05, seed, out: out.clone(), file_bytes: 2000, jsonl: false })
                    .unwrap();
            (r, tree(&out))
        };
        let (ra, a) = run("a", 7);
        let (_, b) = run("b", 7);
        let (_, c) = run("c", 8);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(ra.bytes >= 50_000 && ra.files >= 10);
        assert_eq!(ra.bytes, a.iter().map(|(_, d)| d.len() as u64).sum::<u64>());
    }

    #[test]
    fn jsonl_records_hold_the_same_articles_as_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let opts = |out: PathBuf, jsonl| GenOptions { mb: 0.03, seed: 9, out, file_bytes: 1500, jsonl };
        let files = generate(&opts(dir.path().join("f"), false)).unwrap();
        let records = generate(&opts(dir.path().join("j"), true)).unwrap();
        assert_eq!(files, records);
        let lines = std::fs::read_to_string(dir.path().join("j/corpus.jsonl")).unwrap();
        let texts: Vec<Vec<u8>> = lines
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().into())
            .collect();
        let on_disk: Vec<Vec<u8>> = tree(&dir.path().join("f")).into_iter().map(|(_, b)| b).collect();
        assert_eq!(texts, on_disk);
    }

    #[test]
    fn splitmix_is_fixed() {
        // Reference values of SplitMix64 from seed 0.
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }
}
