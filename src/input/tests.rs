//! Tests of the input walk, whole-file reads, decoding and the block reader.

use super::*;

#[test]
fn binary_is_skipped() {
    let p = decode("b.bin", b"abc\0def".to_vec()).unwrap_err();
    assert!(p.skipped());
    assert!(p.message().contains("NUL byte at offset 3"), "{}", p.message());
}

#[test]
fn repair_agrees_with_utf8_chunks() {
    let pieces: [&[u8]; 9] =
        [b"ab", "\u{e9}".as_bytes(), b"\xe9", b"\xf0\x9f", b"\xff\xfe", b" ", b"\xe2\x80", b"\xc3", b"z"];
    // Every sequence of up to four pieces, as whole documents.
    let mut docs = vec![Vec::new()];
    let mut last = docs.clone();
    for _ in 0..4 {
        last = last.iter().flat_map(|d| pieces.iter().map(move |p| [d.as_slice(), p].concat())).collect();
        docs.extend(last.iter().cloned());
    }
    for bytes in docs {
        let doc = decode_text("x", bytes.clone());
        // The reference: the standard library's chunks, one U+FFFD each.
        let (mut text, mut bad, mut orig, mut ends) = (String::new(), 0, 0, Vec::new());
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            orig += chunk.valid().len() + chunk.invalid().len();
            if !chunk.invalid().is_empty() {
                text.push('\u{fffd}');
                bad += chunk.invalid().len() as u64;
                ends.push((text.len(), orig));
            }
        }
        assert_eq!(doc.text, text, "{bytes:?}");
        assert_eq!(doc.bad_bytes, bad, "{bytes:?}");
        let first_bad = std::str::from_utf8(&bytes).err().map_or(0, |e| e.valid_up_to() as u64);
        assert_eq!(doc.first_bad, first_bad, "{bytes:?}");
        assert_eq!(doc.repaired.is_some(), bad > 0);
        for (at, orig) in ends {
            assert_eq!(doc.map.to_original(at), orig, "{bytes:?}");
        }
    }
}

#[test]
fn repair_keeps_offsets() {
    let raw = b"ab\xff\xfecd \xe2\x80 ok".to_vec();
    let doc = decode("r", raw.clone()).unwrap();
    assert!(!doc.repaired.as_ref().unwrap().skipped());
    let t = &doc.text;
    let pos = t.find("ok").unwrap();
    let o = doc.map.to_original(pos);
    assert_eq!(&raw[o..o + 2], b"ok");
    let pos = t.find("cd").unwrap();
    let o = doc.map.to_original(pos);
    assert_eq!(&raw[o..o + 2], b"cd");
    assert_eq!(doc.map.to_original(t.len()), raw.len());
}

/// Each (min, chunk) pair, without and with a buffer pool.
fn block_cases(mins: [usize; 5], chunks: [usize; 3]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    for min in mins {
        for chunk in chunks {
            out.extend([(min, chunk, false), (min, chunk, true)]);
        }
    }
    out
}

#[test]
fn buffer_pool_reuses_large_enough_buffers_only() {
    let pool = BufferPool::default();
    let mut a = pool.take(100);
    assert!(a.is_empty() && a.capacity() >= 100);
    a.extend_from_slice(b"old");
    let cap = a.capacity();
    pool.give(a);
    pool.give(Vec::with_capacity(cap * 4));
    // Too small for either: a new buffer, the spare ones kept.
    assert!(pool.take(cap * 10).capacity() >= cap * 10);
    // The smallest that fits, emptied.
    let b = pool.take(10);
    assert!(b.is_empty(), "a spare buffer comes back empty");
    assert_eq!(b.capacity(), cap);
    assert_eq!(pool.take(10).capacity(), cap * 4);
    // Past the bound on bytes held, buffers are freed.
    pool.give(Vec::with_capacity(BufferPool::MAX_HELD + 1));
    assert!(pool.spare.lock().unwrap().0.is_empty());
    let quarter = BufferPool::MAX_HELD / 4;
    for _ in 0..6 {
        pool.give(Vec::with_capacity(quarter));
    }
    let (spare, held) = &*pool.spare.lock().unwrap();
    assert_eq!((spare.len(), *held), (4, BufferPool::MAX_HELD));
}

/// A reader that returns the next of `sizes` (cycled) bytes a call.
struct Chunked<'a>(&'a [u8], Vec<usize>, usize);

impl Read for Chunked<'_> {
    fn read(&mut self, b: &mut [u8]) -> std::io::Result<usize> {
        let want = self.1[self.2 % self.1.len()];
        self.2 += 1;
        let n = want.min(b.len()).min(self.0.len());
        b[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn block_reader_cuts_like_blank_line_cuts() {
    let text = "para one line\nstill one\n\npara two\n \t\npara three is longer\n\n\nend".repeat(50)
        + &"No blank line here. Only line breaks\nand spaces, caf\u{e9} ".repeat(60)
        + &"x\u{e9}".repeat(300);
    let pool = Arc::new(BufferPool::default());
    for (min, chunk, pooled) in block_cases([1, 7, 40, 300, 5000], [1, 3, 64]) {
        {
            let mut r = BlockReader::new(Chunked(text.as_bytes(), vec![chunk], 0), min);
            if pooled {
                r = r.with_pool(Arc::clone(&pool));
            }
            let mut ends = Vec::new();
            let mut joined = Vec::new();
            while let Some((at, block)) = r.next_block().unwrap() {
                assert_eq!(at as usize, joined.len());
                joined.extend_from_slice(&block);
                ends.push(joined.len());
                // Given back dirty: the next block taken must not show it.
                pool.give(block);
            }
            assert_eq!(joined, text.as_bytes());
            ends.pop();
            assert_eq!(
                ends,
                crate::text::blocks::blank_line_cuts(text.as_bytes(), min),
                "min {min} chunk {chunk} pooled {pooled}"
            );
        }
    }
    // The readers gave their read buffers back as they were dropped.
    assert!(!pool.spare.lock().unwrap().0.is_empty());
}

proptest::proptest! {
    /// The reader's resumed search ([`crate::text::blocks::next_block_cut_from`])
    /// cuts where a search of the whole text does, however the reads fall.
    #[test]
    fn block_reader_cuts_like_blank_line_cuts_for_any_reads(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec!["a", "Bc", " ", "\n", "\n\n", " \n", "\t\n", ". ", ".\nD", "\u{e9}"]),
            0..400,
        ),
        min in 1usize..60,
        sizes in proptest::collection::vec(1usize..90, 1..6),
    ) {
        let text = pieces.concat();
        let mut r = BlockReader::new(Chunked(text.as_bytes(), sizes, 0), min);
        let mut ends = Vec::new();
        let mut joined = Vec::new();
        while let Some((at, block)) = r.next_block().unwrap() {
            proptest::prop_assert_eq!(at as usize, joined.len());
            joined.extend_from_slice(&block);
            ends.push(joined.len());
        }
        proptest::prop_assert_eq!(&joined, text.as_bytes());
        ends.pop();
        proptest::prop_assert_eq!(ends, crate::text::blocks::blank_line_cuts(text.as_bytes(), min));
    }
}

#[test]
fn folders_are_walked_in_name_order_depth_first() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["b.txt", "a.txt", "a b.txt", "A.txt", "a/z.txt", "a/y/x.txt", ".hidden.txt"] {
        let p = dir.path().join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "x").unwrap();
    }
    let ids: Vec<String> = discover(&[dir.path().to_path_buf()])
        .unwrap()
        .map(|e| if let Entry::Input(i) = e { i.id } else { String::new() })
        .collect();
    let root = dir.path().to_string_lossy().into_owned();
    let want: Vec<String> = ["A.txt", "a/y/x.txt", "a/z.txt", "a b.txt", "a.txt", "b.txt"]
        .iter()
        .map(|f| format!("{root}/{f}"))
        .collect();
    assert_eq!(ids, want);
}

#[test]
fn output_folder_inside_an_input_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("out/sub")).unwrap();
    std::fs::write(dir.path().join("a.txt"), "a").unwrap();
    std::fs::write(dir.path().join("out/sub/b.txt"), "b").unwrap();
    let ids = |d: Discover| d.map(|e| if let Entry::Input(i) = e { i.id } else { String::new() }).count();
    let root = [dir.path().to_path_buf()];
    assert_eq!(ids(discover(&root).unwrap()), 2);
    assert_eq!(ids(discover(&root).unwrap().except(&dir.path().join("out"))), 1);
}

/// The input that discovery lists for the file `path`.
fn listed(path: &Path) -> Input {
    match discover(&[path.to_path_buf()]).unwrap().next() {
        Some(Entry::Input(input)) => input,
        _ => panic!("an input"),
    }
}

#[test]
fn file_is_read_as_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grows.txt");
    std::fs::write(&path, "The producer left.").unwrap();
    let input = listed(&path);
    // Appended after listing: left for the next run.
    let mut f = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
    std::io::Write::write_all(&mut f, b" Then more.").unwrap();
    assert_eq!(load(&input, None).unwrap().text, "The producer left.");
    // Shrunk after listing: read to its end, and said so.
    std::fs::write(&path, "Short.").unwrap();
    let doc = load(&input, None).unwrap();
    assert_eq!(doc.text, "Short.");
    let p = doc.repaired.expect("a problem");
    assert!(p.skipped());
    assert_eq!(
        p.message(),
        "the file shrank while it was read (6 of 18 bytes listed); the rows of what was read are kept"
    );
}

#[test]
fn lone_cr_is_a_line_break_of_one_byte() {
    let doc = decode("mac", b"Cast\rDirector: Ann\r\rProducer: Bo\r\nEnd\r".to_vec()).unwrap();
    assert_eq!(doc.text, "Cast\nDirector: Ann\n\nProducer: Bo\r\nEnd\n");
    assert!(doc.repaired.is_none());
    // Bad UTF-8 too: offsets still map to the original bytes.
    let doc = decode("mac", b"\xe9\rAnn".to_vec()).unwrap();
    assert_eq!(doc.text, "\u{fffd}\nAnn");
    assert_eq!(doc.map.to_original(doc.text.find("Ann").unwrap()), 2);
}

fn utf16(le: bool, text: &str) -> Vec<u8> {
    let units = text.encode_utf16();
    let bom: &[u8] = if le { &[0xff, 0xfe] } else { &[0xfe, 0xff] };
    let body: Vec<u8> = if le {
        units.flat_map(u16::to_le_bytes).collect()
    } else {
        units.flat_map(u16::to_be_bytes).collect()
    };
    [bom, &body].concat()
}

#[test]
fn utf16_files_are_decoded_by_their_bom() {
    for le in [true, false] {
        let doc = decode("u", utf16(le, "Réalisé par Agnès.\r\nProducer: Bo.")).unwrap();
        assert_eq!(doc.text, "Réalisé par Agnès.\r\nProducer: Bo.");
        assert!(doc.repaired.is_none());
    }
    // A lone surrogate: replaced and reported.
    let mut bytes = utf16(true, "Ann");
    bytes.extend_from_slice(&[0x00, 0xdc]);
    let doc = decode("u", bytes).unwrap();
    assert_eq!(doc.text, "Ann\u{fffd}");
    assert!(!doc.repaired.as_ref().unwrap().skipped());
    assert!(doc.repaired.unwrap().message().starts_with("decoded from UTF-16LE, 1 malformed"));
    // U+0000 in UTF-16 is still binary.
    let p = decode("u", utf16(true, "a\0b")).unwrap_err();
    assert!(p.message().contains("NUL byte"), "{}", p.message());
    // Odd bytes without a BOM stay binary.
    assert!(decode("u", b"a\0b\0".to_vec()).is_err());
}

#[test]
fn record_nuls_become_spaces_and_are_reported_with_other_repairs() {
    use crate::input::records::{Extracted, Transcoded};
    let rec =
        |text: &[u8], transcoded| Extracted { transcoded, ..Extracted::plain("r".into(), text.to_vec()) };
    let doc = decode_record("f#r", rec(b"a\0b\0\xffc", None));
    assert_eq!(doc.text, "a b \u{fffd}c");
    let p = doc.repaired.unwrap();
    assert!(!p.skipped());
    assert_eq!(
        p.message(),
        "2 NUL byte(s) (first at offset 1) replaced with spaces; repaired, spans index the original bytes; and \
         invalid UTF-8 (1 byte(s), first at offset 4) replaced with U+FFFD; repaired, spans index the original bytes (text, CSV or JSON in another encoding, such as Latin-1: give --encoding, e.g. --encoding windows-1252, or --encoding auto to detect each file's)"
    );
    let t = Some(Transcoded { encoding: "Shift_JIS", replaced: 2 });
    let p = decode_record("f#r", rec("ok".as_bytes(), t)).repaired.unwrap();
    assert!(p.message().starts_with("decoded from Shift_JIS, 2 malformed sequence(s)"), "{}", p.message());
    // Clean text: nothing to report; a transcoding without replacements neither.
    let t = Some(Transcoded { encoding: "windows-1252", replaced: 0 });
    assert!(decode_record("f#r", rec(b"ok", t)).repaired.is_none());
}

#[test]
fn block_reader_hands_out_what_was_read_before_a_failure() {
    struct Breaks(Vec<u8>);
    impl Read for Breaks {
        fn read(&mut self, b: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "cut"));
            }
            let n = b.len().min(self.0.len());
            b[..n].copy_from_slice(&self.0[..n]);
            self.0.drain(..n);
            Ok(n)
        }
    }
    let mut r = BlockReader::new(Breaks(b"one line\nno end".to_vec()), 1 << 20);
    assert_eq!(r.next_block().unwrap(), Some((0, b"one line\nno end".to_vec())));
    assert_eq!(r.next_block().unwrap_err().kind(), std::io::ErrorKind::UnexpectedEof);
}

#[test]
fn file_deleted_after_listing_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone.txt");
    std::fs::write(&path, "The producer left.").unwrap();
    let input = listed(&path);
    std::fs::remove_file(&path).unwrap();
    let p = load(&input, None).unwrap_err();
    assert!(p.skipped() && p.message().starts_with("cannot read: No such file"), "{}", p.message());
}

/// What discovery lists for `paths`: `+ID` for an input, `=ID<FIRST` for
/// a file met again (a [`ProblemKind::SameFile`] note), `!ID` for another problem.
fn walk(d: Discover) -> Vec<String> {
    d.map(|e| match e {
        Entry::Input(i) => format!("+{}", i.id),
        Entry::Problem(Problem { path, kind: ProblemKind::SameFile { first } }) => format!("={path}<{first}"),
        Entry::Problem(p) => format!("!{}", p.path),
    })
    .collect()
}

/// The same file given twice, written another way, or found again below
/// another input folder is listed once, where first met; its later places
/// are notes naming that first place.
#[test]
fn a_file_met_twice_is_listed_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("a.txt"), "The director shot it.").unwrap();
    std::fs::write(d.join("sub/b.txt"), "The producer paid.").unwrap();
    let id = |p: &Path| path_id(p);
    let (a, b) = (id(&d.join("a.txt")), id(&d.join("sub/b.txt")));
    let paths = |rel: &[&str]| -> Vec<PathBuf> { rel.iter().map(|r| d.join(r)).collect() };
    let dup = id(&d.join("sub/../a.txt"));
    let dot = id(&d.join("./a.txt"));
    assert_eq!(
        walk(discover(&paths(&["a.txt", "a.txt", "./a.txt", "sub/../a.txt"])).unwrap()),
        [format!("+{a}"), format!("={a}<{a}"), format!("={dot}<{a}"), format!("={dup}<{a}")]
    );
    // A folder, then a folder inside it; and the other way round.
    assert_eq!(
        walk(discover(&[d.clone(), d.join("sub")]).unwrap()),
        [format!("+{a}"), format!("+{b}"), format!("={b}<{b}")]
    );
    assert_eq!(
        walk(discover(&paths(&["sub", "sub/b.txt"])).unwrap()),
        [format!("+{b}"), format!("={b}<{b}")]
    );
    let mut found = discover(&paths(&["a.txt", "a.txt", "sub/b.txt"])).unwrap();
    assert_eq!(found.by_ref().count(), 3);
    assert_eq!(found.same_files(), (1, Some(&(a.clone(), a.clone()))));
    // Without a file met twice, nothing changes.
    let mut once = discover(&paths(&["a.txt", "sub"])).unwrap();
    assert_eq!(walk(discover(&paths(&["a.txt", "sub"])).unwrap()), [format!("+{a}"), format!("+{b}")]);
    assert_eq!(once.by_ref().count(), 2);
    assert_eq!(once.same_files(), (0, None));
}

/// Hard links are one file, even below one folder; so is a link followed
/// (`--follow`) to a file read already.
#[cfg(unix)]
#[test]
fn hard_links_and_links_followed_are_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), "The director shot it.").unwrap();
    std::fs::hard_link(d.join("a.txt"), d.join("b.txt")).unwrap();
    std::fs::write(d.join("c.txt"), "The producer paid.").unwrap();
    std::os::unix::fs::symlink(d.join("c.txt"), d.join("d.txt")).unwrap();
    let id = |name: &str| path_id(&d.join(name));
    let root = [d.to_path_buf()];
    assert_eq!(
        walk(discover(&root).unwrap()),
        [
            format!("+{}", id("a.txt")),
            format!("={}<{}", id("b.txt"), id("a.txt")),
            format!("+{}", id("c.txt"))
        ]
    );
    assert_eq!(
        walk(discover(&root).unwrap().follow(true)),
        [
            format!("+{}", id("a.txt")),
            format!("={}<{}", id("b.txt"), id("a.txt")),
            format!("+{}", id("c.txt")),
            format!("={}<{}", id("d.txt"), id("c.txt"))
        ]
    );
}

#[test]
fn standard_input_given_twice_is_an_error() {
    let twice = [PathBuf::from("-"), PathBuf::from("-")];
    let err = discover(&twice).err().expect("an error").to_string();
    assert!(err.contains("the path - (standard input) is given twice"), "{err}");
    assert_eq!(walk(discover(&twice[..1]).unwrap()), ["+-"]);
}

#[test]
fn missing_path_is_an_error() {
    let err = discover(&[PathBuf::from("/no/such/place/x.txt")]).err().expect("an error");
    assert!(err.to_string().contains("/no/such/place/x.txt"));
}

#[test]
fn detect_keeps_utf8_and_guesses_legacy_text() {
    assert_eq!(detect(b"plain ASCII", false), None);
    assert_eq!(detect("Zo\u{eb} and Fran\u{e7}ois".as_bytes(), false), None);
    // Cut inside its last character: UTF-8 when more follows, not at the end.
    let cut = &"caf\u{e9}".as_bytes()[..4];
    assert_eq!(detect(cut, true), None);
    assert!(detect(cut, false).is_some());
    let french = "Fran\u{e7}ois a r\u{e9}alis\u{e9} le film \u{e0} Paris, o\u{f9} l'\u{e9}quipe \u{e9}tait r\u{e9}unie.";
    assert_eq!(detect(&encoding_rs::WINDOWS_1252.encode(french).0, false), Some(encoding_rs::WINDOWS_1252));
    let russian = "\u{420}\u{435}\u{436}\u{438}\u{441}\u{441}\u{435}\u{440} \u{441}\u{43d}\u{44f}\u{43b} \u{444}\u{438}\u{43b}\u{44c}\u{43c} \u{432} \u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{435}.";
    assert_eq!(detect(&encoding_rs::WINDOWS_1251.encode(russian).0, false), Some(encoding_rs::WINDOWS_1251));
    // Only the first DETECT_BYTES are read: valid UTF-8 there is UTF-8.
    let late = [vec![b'a'; DETECT_BYTES], b"\xe9".to_vec()].concat();
    assert_eq!(detect(&late, false), None);
    // A text of exactly DETECT_BYTES ending inside a character is not
    // UTF-8 (nothing follows to complete it); one byte more and it may be.
    let cut = [vec![b'a'; DETECT_BYTES - 1], b"\xc3".to_vec()].concat();
    assert!(detect(&cut, false).is_some());
    let cut = [vec![b'a'; DETECT_BYTES - 1], b"\xc3\xa9".to_vec()].concat();
    assert_eq!(detect(&cut, false), None);
    // Decoded and noted in the document.
    let doc =
        decode_as("x", encoding_rs::WINDOWS_1252.encode(french).0.into_owned(), Charset::Detect).unwrap();
    assert_eq!(doc.text, french);
    assert_eq!(doc.repaired.unwrap().kind, ProblemKind::Detected { encoding: "windows-1252" });
    assert_eq!(Charset::parse("AUTO"), Ok(Charset::Detect));
    assert!(Charset::parse("klingon").unwrap_err().contains("or `auto`"));
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut e, bytes).unwrap();
    e.finish().unwrap()
}

/// gzip data is known by its first bytes, whatever the file's name: a
/// `notes.txt` or a name without extension holding gzip data is
/// decompressed, not read as text with NUL bytes.
#[test]
fn gzip_is_read_whatever_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Directed by Jane Campion.\nProduced by Ann Lee.\n";
    for name in ["notes.txt", "no-extension"] {
        let path = dir.path().join(name);
        std::fs::write(&path, gz(text.as_bytes())).unwrap();
        let doc = load(&listed(&path), None).unwrap();
        assert_eq!(doc.text, text, "{name}");
        assert!(doc.repaired.is_none(), "{name}");
        assert_eq!(doc.bytes, text.len() as u64);
    }
    // A real binary file is still binary.
    let path = dir.path().join("blob.txt");
    std::fs::write(&path, b"abcdefgh\0ijk").unwrap();
    let p = load(&listed(&path), None).unwrap_err();
    assert_eq!(p.message(), "binary file (NUL byte at offset 8), skipped");
    // Binary data inside the gzip: its offset in the decompressed data.
    std::fs::write(&path, gz(b"abcdefgh\0ijk")).unwrap();
    let p = load(&listed(&path), None).unwrap_err();
    assert_eq!(p.message(), "binary data (NUL byte at offset 8), skipped");
    // Invalid UTF-8 in it: repaired at its offset in the text.
    std::fs::write(&path, gz(b"Caf\xe9 noir.")).unwrap();
    let doc = load(&listed(&path), None).unwrap();
    assert_eq!(doc.text, "Caf\u{fffd} noir.");
    assert!(doc.repaired.unwrap().message().starts_with("invalid UTF-8 (1 byte(s), first at offset 3)"));
}

#[test]
fn gzip_read_whole_notes_junk_and_keeps_text_before_a_cut() {
    let text = "Directed by Jane Campion. ".repeat(2000);
    let data = gz(text.as_bytes());
    // Junk after the data: noted, the text kept.
    let junk = [data.clone(), b"JUNK".to_vec()].concat();
    let (got, noted) = gunzip_whole(&junk, 1 << 20).unwrap();
    assert_eq!(got, text.as_bytes());
    assert_eq!(noted, Some(ProblemKind::TrailingGarbage { offset: data.len() as u64, bytes: 4 }));
    // Cut short: the text before the cut, and a row that says so.
    let (got, noted) = gunzip_whole(&data[..data.len() - 8], 1 << 20).unwrap();
    assert_eq!(got, text.as_bytes());
    assert!(matches!(noted, Some(ProblemKind::StreamFailed { .. })), "{noted:?}");
    assert!(noted.unwrap().skipped());
    // Cut inside its header: nothing to read.
    let e = gunzip_whole(&data[..5], 1 << 20).unwrap_err();
    assert!(e.to_string().starts_with("cannot read: "), "{e}");
    // More text than the limit: refused, naming what to do.
    let e = gunzip_whole(&data, 1 << 10).unwrap_err();
    assert_eq!(e, ProblemKind::GzipTooLong { limit_mib: 0 });
    assert!(e.to_string().contains("name it with `.gz` at the end"), "{e}");
    assert_eq!(gunzip_whole(&data, text.len()).unwrap().0.len(), text.len());
}
