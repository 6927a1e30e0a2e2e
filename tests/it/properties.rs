//! Property tests: invariants that hold for any input.

use proptest::prelude::*;
use rolecall::text::normalize::{Normalized, normalize_into};
use rolecall::text::segment::{UnitMode, segment};
use rolecall::{Lexicon, Tagger};
use std::sync::OnceLock;

use crate::util::CSVS;

fn tagger(mode: UnitMode) -> &'static Tagger {
    static S: OnceLock<Tagger> = OnceLock::new();
    static L: OnceLock<Tagger> = OnceLock::new();
    let cell = if mode == UnitMode::Sentence { &S } else { &L };
    cell.get_or_init(|| Tagger::new(Lexicon::builtin(), mode).unwrap())
}

/// Texts of up to 40 pieces drawn from `piece`.
fn texts_of(piece: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Text made of pieces that exercise the segmenter and matcher.
fn filmish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Directed by ".to_string()),
        Just("director of photography".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("producer\u{2019}s ".to_string()),
        Just("box\u{a0}office".to_string()),
        Just("\u{201c}Cut!\u{201d} ".to_string()),
        Just(". . . ".to_string()),
        Just("...".to_string()),
        Just("\n".to_string()),
        Just("\r\n\r\n".to_string()),
        Just("1. ".to_string()),
        Just("\u{2022} ".to_string()),
        // Amounts for the built-in <money>, with white space runs that
        // normalisation folds.
        Just("took $5\nmillion ".to_string()),
        Just("\u{a3}\u{a0}9m ".to_string()),
        Just("$2  bn ".to_string()),
        Just("\u{2013}".to_string()),
        Just("Writer\u{2013}Director ".to_string()),
        Just("PRODUCED\n  BY ".to_string()),
        Just("film festival ".to_string()),
        Just("\u{c9}cran ".to_string()),
        Just("Ana Ruiz ".to_string()),
        Just("Zo\u{eb} \u{c5}g\u{e5}rd".to_string()),
        Just(", Producer".to_string()),
        // Leading-hyphen terms ("-style"): each hyphen the matcher accepts,
        // with and without a word before it, and a zero-width space.
        Just("Matrix-style ".to_string()),
        Just("noir\u{2010}style camerawork ".to_string()),
        Just("\u{2011}style".to_string()),
        Just("\u{200b}-style ".to_string()),
        Just(" -style".to_string()),
        "[a-zA-Z .,!?'\"()]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    texts_of(piece)
}

/// Lines in the styles the segmenter tells apart: lower case and
/// tokenised, one sentence per line, wrapped, headings, credits, lists.
fn styled() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("the film , and it works .".to_string()),
        Just("mr . hale".to_string()),
        Just("the u . s . ".to_string()),
        Just("the u.s. ".to_string()),
        Just("at 6 a.m. ".to_string()),
        Just("Exec. Prod. Lena Varga".to_string()),
        Just("(dir. Oona Vell; prod. Dax Mirren)".to_string()),
        Just("Night Shoot Ends Early".to_string()),
        Just("- cast the lead".to_string()),
        Just("a. one b. two c. three".to_string()),
        Just("'Cut! Again!' ".to_string()),
        Just(" \" , and ".to_string()),
        Just("\n".to_string()),
        Just("\n \t\n".to_string()),
        Just(". ".to_string()),
        "[a-z .,!?']{0,20}",
        "[A-Z][a-z]{0,8} ",
    ];
    texts_of(piece)
}

/// The matches and cues `m` finds in `text`.
fn found(
    m: &rolecall::Matcher,
    text: &str,
) -> (Vec<rolecall::matcher::Match>, Vec<rolecall::matcher::CueMatch>) {
    let (mut matches, mut cues) = (Vec::new(), Vec::new());
    m.find_with_cues(text, &mut rolecall::matcher::Scratch::default(), &mut matches, &mut cues);
    (matches, cues)
}

/// A small lexicon with wildcard terms of one, two and three words.
fn wildcard_lexicon() -> Lexicon {
    let d = "term,kind\ndirect*,role\nco-direct*,role\nfilm direct*,role\nshot by,role\nin the direct*,activity\n";
    let p = "term,kind\nproduc*,role\nbox office,activity\nthe money,activity\nfinanc*,activity\n";
    Lexicon::from_sources([("director.csv".into(), d.into()), ("producer.csv".into(), p.into())]).unwrap()
}

/// ASCII text dense with lexicon phrases (of the built-in and the wildcard
/// lexicon), in random case, run together with words and separators.
fn ascii_lexicon_text() -> impl Strategy<Value = String> {
    let mut phrases: Vec<String> = [Lexicon::builtin(), wildcard_lexicon()]
        .iter()
        .flat_map(|l| {
            let terms = l.terms().iter().map(|t| t.pattern.clone());
            terms.chain(l.cues().iter().map(|c| c.pattern.clone())).collect::<Vec<_>>()
        })
        .filter(|p| p.is_ascii())
        .collect();
    phrases.sort();
    phrases.dedup();
    // Random case, and each space as a random run of white space.
    let phrase =
        (prop::sample::select(phrases), any::<u64>(), any::<u64>()).prop_map(|(p, flips, spaces)| {
            p.chars()
                .enumerate()
                .map(|(i, c)| match c {
                    ' ' => [" ", "  ", "\n", " \t\r\n "][(spaces >> (2 * (i % 32)) & 3) as usize].to_string(),
                    c if flips >> (i % 64) & 1 == 1 => c.to_ascii_uppercase().to_string(),
                    c => c.to_string(),
                })
                .collect::<String>()
        });
    let piece = prop_oneof![
        4 => phrase,
        1 => "[a-zA-Z0-9]{1,12}",
        2 => prop::sample::select(vec![" ", "  ", "\n", ", ", "-", "'s ", ". ", "ing ", "s", "\t", "(", "\"", "9"]).prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

fn check_doc(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let len = bytes.len();
    let Ok(doc) = rolecall::input::decode("p", bytes.clone()) else {
        prop_assert!(bytes.contains(&0));
        return Ok(());
    };
    for mode in [UnitMode::Sentence, UnitMode::Line] {
        let tagged = tagger(mode).tag_text(&doc.text);
        let mut last_end = 0;
        for (i, u) in tagged.units.iter().enumerate() {
            prop_assert!(u.span.start < u.span.end && u.span.end <= doc.text.len());
            prop_assert!(u.span.start >= last_end, "units overlap");
            last_end = u.span.end;
            prop_assert!(doc.text.is_char_boundary(u.span.start) && doc.text.is_char_boundary(u.span.end));
            for m in tagged.matches_of(i) {
                prop_assert!(u.span.contains(m.span), "match outside its unit");
                prop_assert!(
                    doc.text.is_char_boundary(m.span.start) && doc.text.is_char_boundary(m.span.end)
                );
            }
            let orig = doc.map.span_to_original(u.span);
            // UTF-16 input is decoded: its spans index the decoded text (documented).
            let utf16 = rolecall::input::utf16_bom(&bytes).is_some();
            let bound = if utf16 { doc.text.len() } else { len };
            prop_assert!(orig.start <= orig.end && orig.end <= bound);
            if doc.repaired.is_none() && !utf16 {
                prop_assert!(std::str::from_utf8(&bytes[orig.range()]).is_ok());
            }
        }
    }
    Ok(())
}

/// Text made of pieces that the name grammar reads: role terms of every
/// shape, names with initials, particles, apostrophes, hyphens, suffixes
/// and letters that are not ASCII, list joiners and punctuation.
fn peopleish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("directed by ".to_string()),
        Just("Produced by: ".to_string()),
        Just("written, produced and directed by ".to_string()),
        Just("director ".to_string()),
        Just("Director ".to_string()),
        Just(", the director of ".to_string()),
        Just("'s directorial debut".to_string()),
        Just(" directed".to_string()),
        Just(", who produced ".to_string()),
        Just("helmed by ".to_string()),
        Just("Producer: ".to_string()),
        Just(", Producers".to_string()),
        Just("executive producer ".to_string()),
        Just("the directing debut of ".to_string()),
        Just("direction by ".to_string()),
        Just("best director prize for ".to_string()),
        Just("directors like ".to_string()),
        Just("Jane Campion".to_string()),
        Just("Campion".to_string()),
        Just("J.R. ".to_string()),
        Just("de la ".to_string()),
        Just("O'Neil".to_string()),
        Just("Jean-Luc ".to_string()),
        Just(" Jr.".to_string()),
        Just("Zo\u{eb} \u{c5}g\u{e5}rd".to_string()),
        Just("\u{201c}Title\u{201d} ".to_string()),
        Just(" and ".to_string()),
        Just(", ".to_string()),
        Just("; ".to_string()),
        Just(": ".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("'s ".to_string()),
        Just("\u{2019}s ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("Miramax ".to_string()),
        Just("stage ".to_string()),
        "[A-Z][a-z]{0,8} ",
        "[a-zA-Z .,'\"()-]{0,10}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    texts_of(piece)
}

/// The fuzz targets' checks, run here on stable (cargo-fuzz needs nightly).
#[path = "../../fuzz/fuzz_targets/people_check.rs"]
mod people_check;
#[path = "../../fuzz/fuzz_targets/read_records.rs"]
mod read_records;

/// Bytes made of pieces of the record formats (JSON, CSV, WARC records
/// with HTTP heads, chunked bodies) and arbitrary bytes.
fn recordish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"{\"text\": \"Directed by Ana Ruiz.\", \"id\": 1}\n".to_vec()),
        Just(b"{\"text\": \"a\\u00e9\\ud800\"".to_vec()),
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b",".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"{".to_vec()),
        Just(b"}".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"text,id\n".to_vec()),
        Just(b"text\tid\n".to_vec()),
        Just(b"\"a \"\"quoted\"\" cell\",2\n".to_vec()),
        Just(b"WARC/1.0\r\n".to_vec()),
        Just(b"WARC-Type: response\r\n".to_vec()),
        Just(b"WARC-Type: conversion\r\n".to_vec()),
        Just(b"WARC-Target-URI: http://x/\r\n".to_vec()),
        Just(b"Content-Length: 64\r\n".to_vec()),
        Just(b"Content-Length: 99999999999\r\n".to_vec()),
        Just(b"HTTP/1.1 200 OK\r\n".to_vec()),
        Just(b"Content-Type: text/html; charset=windows-1252\r\n".to_vec()),
        Just(b"Transfer-Encoding: chunked\r\n".to_vec()),
        Just(b"Content-Encoding: gzip\r\n".to_vec()),
        Just(b"5\r\nhello\r\n0\r\n\r\n".to_vec()),
        Just(b"<p>Produced by Lena Varga</p>".to_vec()),
        Just(vec![0x1f, 0x8b, 0x08, 0x00]),
        prop::collection::vec(any::<u8>(), 0..12),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

/// WARC files of whole records (a response with an HTTP head and body,
/// or a conversion), their `Content-Length` right or off by up to two
/// bytes, and JSON arrays of objects: inputs that get past the headers.
fn framed() -> impl Strategy<Value = Vec<u8>> {
    let body = prop::collection::vec(recordish(), 1..3).prop_map(|v| v.concat());
    let record =
        (body, prop_oneof![Just("response"), Just("conversion"), Just("request")], -2i64..=2, any::<bool>())
            .prop_map(|(body, kind, off, http)| {
                let mut block = Vec::new();
                if http {
                    block.extend_from_slice(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
                }
                block.extend_from_slice(&body);
                let len = (block.len() as i64 + if off.abs() == 2 { off } else { 0 }).max(0);
                let mut r = format!(
                "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://x/\r\nContent-Length: {len}\r\n\r\n"
            )
            .into_bytes();
                r.extend_from_slice(&block);
                r.extend_from_slice(b"\r\n\r\n");
                r
            });
    let warc = prop::collection::vec(record, 1..4).prop_map(|v| v.concat());
    let object = "[a-zA-Z .,\\\\\"\u{e9}]{0,20}".prop_map(|t| format!("{{\"text\": \"{t}\", \"id\": 7}}"));
    let json = prop::collection::vec(object, 0..5).prop_map(|v| format!("[{}]", v.join(",")).into_bytes());
    prop_oneof![warc, json]
}

/// Found by the property below: UTF-16 input whose UTF-8 decoding is
/// longer than its bytes.
#[test]
fn utf16_spans_index_the_decoded_text() {
    check_doc(vec![255, 254, 0, 1, 0, 8, 0]).unwrap();
    check_doc(vec![255, 254, 0, 1]).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic_and_spans_stay_in_bounds(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_doc(bytes)?;
    }

    #[test]
    fn filmish_text_spans_stay_in_bounds(text in filmish()) {
        check_doc(text.into_bytes())?;
    }

    #[test]
    fn people_on_any_text_stay_in_bounds(text in prop_oneof![peopleish(), filmish()]) {
        people_check::check(tagger(UnitMode::Sentence), &text);
    }

    #[test]
    fn record_readers_never_panic_on_any_bytes(
        data in prop_oneof![recordish(), framed(), prop::collection::vec(any::<u8>(), 0..400)],
    ) {
        use rolecall::input::records::{Format, response_text};
        for format in [Format::Jsonl, Format::Json, Format::Csv, Format::Tsv, Format::Warc] {
            read_records::read_all(format, &data);
        }
        for identified in [None, Some("text/html"), Some("image/png")] {
            if let Ok(Some(body)) = response_text(&data, identified) {
                prop_assert!(identified != Some("image/png"), "an identified image was read as text");
                if body.transcoded.is_some() {
                    prop_assert!(std::str::from_utf8(&body.text).is_ok(), "decoded text is not UTF-8");
                }
            }
        }
    }

    #[test]
    fn normalisation_is_idempotent_and_maps_monotonically(text in filmish()) {
        let (mut a, mut b) = (Normalized::default(), Normalized::default());
        normalize_into(&text, &mut a);
        normalize_into(&a.text, &mut b);
        prop_assert_eq!(&a.text, &b.text);
        let mut last = 0;
        for (pos, _) in a.text.char_indices() {
            let o = a.map.to_original(pos);
            prop_assert!(o >= last && text.is_char_boundary(o));
            last = o;
        }
        prop_assert_eq!(a.map.to_original(a.text.len()), text.len());
    }

    #[test]
    fn word_start_matching_equals_full_scan(text in filmish()) {
        use rolecall::matcher::Matcher;
        static M: OnceLock<(Matcher, Matcher)> = OnceLock::new();
        let (fast, full) = M.get_or_init(|| {
            let lex = Lexicon::builtin();
            (Matcher::new(&lex).unwrap(), Matcher::new_full_scan(&lex).unwrap())
        });
        prop_assert_eq!(found(fast, &text), found(full, &text));
    }

    #[test]
    fn ascii_word_screen_equals_full_scan(text in ascii_lexicon_text()) {
        use rolecall::matcher::Matcher;
        static M: OnceLock<Vec<(Matcher, Matcher)>> = OnceLock::new();
        let pairs = M.get_or_init(|| {
            [Lexicon::builtin(), wildcard_lexicon()]
                .iter()
                .map(|lex| (Matcher::new(lex).unwrap(), Matcher::new_full_scan(lex).unwrap()))
                .collect()
        });
        for (fast, full) in pairs {
            prop_assert_eq!(found(fast, &text), found(full, &text));
        }
    }

    #[test]
    fn collapsed_text_is_the_words_joined_by_single_spaces(text in prop_oneof![filmish(), any::<String>(), "[ a-c\t\n\r\u{b}\u{c}\u{a0}]{0,40}"]) {
        use rolecall::text::normalize::{collapse_whitespace_into, is_space};
        let want = text.split(is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        let mut got = String::new();
        collapse_whitespace_into(&text, &mut got);
        prop_assert_eq!(got, want);
    }

    #[test]
    fn matching_a_unit_in_place_equals_matching_it_alone(
        text in prop_oneof![ascii_lexicon_text(), filmish()],
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        use rolecall::matcher::{Matcher, Scratch, WordBits};
        use rolecall::text::span::Span;
        static M: OnceLock<Matcher> = OnceLock::new();
        let m = M.get_or_init(|| Matcher::new(&Lexicon::builtin()).unwrap());
        let mut at: Vec<usize> = cuts.iter().map(|i| i.index(text.len() + 1)).filter(|&p| text.is_char_boundary(p)).collect();
        at.extend([0, text.len()]);
        at.sort_unstable();
        let mut words = WordBits::default();
        words.compute(&text);
        for w in at.windows(2) {
            let unit = Span::new(w[0], w[1]);
            let (mut a, mut ca) = (Vec::new(), Vec::new());
            m.find_in_unit(&text, unit, &words, &mut Scratch::default(), &mut a, &mut ca);
            prop_assert_eq!((a, ca), found(m, &text[unit.range()]));
        }
    }

    /// Units never overlap, cover every non-space byte of the text, and
    /// never hold a blank line, in every paragraph style.
    #[test]
    fn units_cover_the_text_without_overlap_or_blank_lines(text in prop_oneof![filmish(), styled()]) {
        let mut spans = Vec::new();
        segment(&text, UnitMode::Sentence, &mut spans);
        let mut covered = vec![false; text.len()];
        let mut last_end = 0;
        for s in &spans {
            prop_assert!(s.start >= last_end && s.start < s.end && s.end <= text.len(), "{:?}", spans);
            last_end = s.end;
            covered[s.range()].iter_mut().for_each(|c| *c = true);
            let unit = &text[s.range()];
            let mut lines = unit.split('\n');
            lines.next();
            lines.next_back();
            // Between two line breaks of the unit, some non-space character.
            prop_assert!(lines.all(|l| !l.chars().all(rolecall::text::normalize::is_space)), "blank line in {:?}", unit);
        }
        for (i, c) in text.char_indices() {
            prop_assert!(rolecall::text::normalize::is_space(c) || covered[i], "{:?} at {} not in a unit", c, i);
        }
    }

    #[test]
    fn units_are_trimmed_and_nonempty(text in filmish()) {
        let mut spans = Vec::new();
        segment(&text, UnitMode::Sentence, &mut spans);
        for s in spans {
            let t = &text[s.range()];
            prop_assert!(!t.is_empty());
            prop_assert_eq!(t, t.trim_matches(rolecall::text::normalize::is_space));
        }
    }
}

/// Scans `paths` into `out` with `threads` workers.
fn scan_to(paths: Vec<std::path::PathBuf>, out: &std::path::Path, threads: usize) {
    use rolecall::input::fields::{DocFields, Period};
    let mut opts = rolecall::scan::ScanOptions::new(paths, out.to_path_buf(), Lexicon::builtin());
    opts.threads = threads;
    opts.matches = true;
    opts.people = true;
    // Kept, path and grouped fields, so documents.csv and groups.csv have
    // columns and rows of their own to keep in order.
    let labels = rolecall::tag::label_names(&opts.lexicon);
    opts.doc_fields = DocFields::new(
        vec!["src".into()],
        vec!["dir=-1".parse().unwrap()],
        vec!["src".into(), "dir".into()],
        Some((Period::Year, "date".into())),
        &labels,
    )
    .unwrap();
    rolecall::scan::scan(&opts).unwrap();
}

fn outputs(dir: &std::path::Path) -> Vec<Vec<u8>> {
    CSVS.iter()
        .chain(&["matches.csv", "mentions.csv", "people.csv"])
        .map(|f| std::fs::read(dir.join(f)).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Any split of the files into shards, scanned with any thread count and
    /// merged in any order, gives the bytes of one scan.
    #[test]
    fn shards_threads_and_merge_order_do_not_change_the_output(
        docs in prop::collection::vec((filmish(), 0usize..4, any::<bool>()), 1..10),
        threads in 1usize..4,
        order in any::<u64>(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("c");
        std::fs::create_dir(&corpus).unwrap();
        let mut shards: Vec<Vec<std::path::PathBuf>> = vec![Vec::new(); 4];
        for (i, (text, shard, jsonl)) in docs.iter().enumerate() {
            // Some documents are records of a JSON Lines file, one a broken line.
            // One record file at least: a kept field no record has is an error.
            let (name, body) = if *jsonl || i == 0 {
                let src = ["a", "b"][i % 2];
                let date = format!("200{}-01-02", i % 3);
                let rec = serde_json::json!({"id": i, "text": text, "src": src, "date": date}).to_string();
                (format!("d{i:02}.jsonl"), format!("{rec}\n{{broken\n{rec}\n"))
            } else {
                (format!("d{i:02}.txt"), text.clone())
            };
            std::fs::write(corpus.join(&name), body).unwrap();
            shards[*shard].push(corpus.join(&name));
        }
        scan_to(vec![corpus.clone()], &tmp.path().join("one"), threads);
        let one = outputs(&tmp.path().join("one"));
        let mut dirs = Vec::new();
        for (s, files) in shards.into_iter().enumerate().filter(|(_, f)| !f.is_empty()) {
            let dir = tmp.path().join(format!("s{s}"));
            scan_to(files, &dir, 1 + s % 3);
            dirs.push(dir);
        }
        // A permutation of the shards from `order`.
        let mut k = order;
        for i in (1..dirs.len()).rev() {
            dirs.swap(i, (k % (i as u64 + 1)) as usize);
            k /= i as u64 + 1;
        }
        let total = tmp.path().join("total");
        rolecall::output::merge::merge(&dirs, &total, false, None).unwrap();
        prop_assert!(outputs(&total) == one);
    }
}

/// How a WARC record's Content-Length is written in
/// [`warc_lengths_that_lie_lose_no_other_record`].
#[derive(Debug, Clone, Copy)]
enum Length {
    True,
    Over(u64),
    Under(u64),
    Huge(u64),
}

/// A WARC file of conversion records `u0`, `u1`… with the lengths given,
/// and where each record starts and its block ends (the true one).
fn warc_of(records: &[(String, Length)]) -> (Vec<u8>, Vec<(usize, usize)>) {
    let mut data = Vec::new();
    let mut spans = Vec::new();
    for (i, (text, length)) in records.iter().enumerate() {
        let n = text.len() as u64;
        let declared = match *length {
            Length::True => n,
            Length::Over(k) => n + k,
            Length::Under(k) => n - k.min(n - 1),
            Length::Huge(k) => k,
        };
        let start = data.len();
        data.extend(
            format!("WARC/1.1\r\nWARC-Type: conversion\r\nWARC-Target-URI: u{i}\r\nContent-Length: {declared}\r\n\r\n")
                .bytes(),
        );
        data.extend(text.bytes());
        spans.push((start, data.len()));
        data.extend(b"\r\n\r\n");
    }
    (data, spans)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Records whose Content-Length is too long (into later records, past
    /// the end of the file, over the record limit) or too short (the block
    /// ends inside its text) each get a row with their number and byte;
    /// every other record is read, whatever the buffer sizes of the input.
    /// (A length that ends in the line ends before a later record, or at
    /// its start, cannot be told from a true one: such cases are left out.)
    #[test]
    fn warc_lengths_that_lie_lose_no_other_record(
        records in prop::collection::vec(
            (
                // (Ending in a letter: a block cut short before spaces
                // only reads as a true one, the spaces taken for the
                // separator.)
                "[A-Za-z ,.]{1,79}[A-Za-z]",
                prop_oneof![
                    3 => Just(Length::True),
                    2 => (5u64..400).prop_map(Length::Over),
                    1 => (1u64..80).prop_map(Length::Under),
                    1 => prop_oneof![Just(5000u64), Just(60 << 20), Just(9_000_000_000)].prop_map(Length::Huge),
                ],
            ),
            1..8,
        ),
        capacity in 1usize..16,
    ) {
        use rolecall::input::records::{Fields, Format, RecordReader};
        let (data, spans) = warc_of(&records);
        // Left out: a declared end in the line ends after a block, or at
        // the next record's start.
        for (i, (_, length)) in records.iter().enumerate() {
            if let Length::Over(_) | Length::Huge(_) = length {
                let header = spans[i].1 - records[i].0.len();
                let declared = header as u64 + match *length {
                    Length::Over(k) => records[i].0.len() as u64 + k,
                    Length::Huge(k) => k,
                    _ => 0,
                };
                prop_assume!(!spans.iter().any(|&(_, end)| (end as u64..=end as u64 + 4).contains(&declared)));
            }
        }
        let read = |capacity: usize| -> Vec<String> {
            let input = Box::new(std::io::BufReader::with_capacity(capacity, &data[..]));
            RecordReader::new(Format::Warc, input, &Fields::default())
                .map(|r| match r {
                    Ok(raw) => raw.id.unwrap_or_default(),
                    Err(e) => format!("{} {:?}", e.place, e.byte),
                })
                .collect()
        };
        let want: Vec<String> = records
            .iter()
            .enumerate()
            .map(|(i, (_, length))| match length {
                Length::True => format!("u{i}"),
                _ => format!("record {} {:?}", i + 1, Some(spans[i].0 as u64)),
            })
            .collect();
        prop_assert_eq!(read(1 << 16), want.clone());
        prop_assert_eq!(read(capacity), want);
    }
}
