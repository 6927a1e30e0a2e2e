//! `rolecall merge`: shards of separate scans make exactly the outputs of
//! one scan over all their inputs.

use std::fs;
use std::path::Path;

use crate::util::{CSVS, rolecall_in, root, run_in, run_json, stderr};

/// A copy of corpus/ plus inputs that produce error rows and records.
fn tree(dir: &Path) -> Vec<String> {
    let corpus = root().join("corpus");
    let mut files = Vec::new();
    for sub in ["articles", "credits"] {
        fs::create_dir_all(dir.join("c").join(sub)).unwrap();
        let mut names: Vec<_> =
            fs::read_dir(corpus.join(sub)).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        for n in names {
            fs::copy(corpus.join(sub).join(&n), dir.join("c").join(sub).join(&n)).unwrap();
            files.push(format!("c/{sub}/{}", n.to_string_lossy()));
        }
    }
    fs::write(dir.join("c/articles/05b-binary.txt"), b"abc\0def").unwrap();
    fs::write(
        dir.join("c/feed.jsonl"),
        "{\"id\":1,\"text\":\"The producer raised the budget.\"}\n{bad\n{\"id\":3,\"text\":\"Directed with a light touch.\"}\n",
    )
    .unwrap();
    files.push("c/articles/05b-binary.txt".into());
    files.push("c/feed.jsonl".into());
    // The order of one scan of the folder: component-wise path order.
    files.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
    files
}

#[test]
fn three_shards_merge_to_one_scan_byte_for_byte_in_any_order() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let files = tree(d);
    let o = run_in(d, &["scan", "c", "-o", "one", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let thirds: Vec<&[String]> = files.chunks(files.len().div_ceil(3)).collect();
    assert_eq!(thirds.len(), 3);
    for (i, part) in thirds.iter().enumerate() {
        let mut args = vec!["scan".to_string(), "-q".into(), "-o".into(), format!("s{i}")];
        args.extend(part.iter().cloned());
        rolecall_in(d).args(&args).output().unwrap();
    }
    for (name, order) in [("t012", ["s0", "s1", "s2"]), ("t201", ["s2", "s0", "s1"])] {
        // Exit 1, as the one scan's: inputs were skipped (a new user's
        // trial found merge exiting 0 over shards that skipped some).
        let o = run_in(d, &["merge", order[0], order[1], order[2], "-o", name, "-q"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        for f in CSVS {
            let (a, b) = (fs::read(d.join("one").join(f)).unwrap(), fs::read(d.join(name).join(f)).unwrap());
            assert!(a == b, "{name}/{f} differs from one scan");
        }
        let run = run_json(&d.join(name));
        assert_eq!(run["shards"], 3);
        assert_eq!(run["inputs"], files.len());
    }
    // The interesting rows are there: an error row from each kind of problem.
    let errors = String::from_utf8(fs::read(d.join("t012/errors.csv")).unwrap()).unwrap();
    assert!(errors.contains("05b-binary.txt") && errors.contains("feed.jsonl,\"line 2"), "{errors}");
}

#[test]
fn shards_from_other_lexicons_or_unfinished_scans_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "The producer left.").unwrap();
    let lex = d.join("lex");
    fs::create_dir(&lex).unwrap();
    fs::write(lex.join("director.csv"), "term,kind\ndirector,role\n").unwrap();
    fs::write(lex.join("producer.csv"), "term,kind\nproducer,role\n").unwrap();
    run_in(d, &["scan", "a.txt", "-o", "s1", "-q"]);
    run_in(d, &["scan", "a.txt", "-o", "s2", "-q", "-l", "lex"]);
    let o = run_in(d, &["merge", "s1", "s2", "-o", "t"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("s1/run.json") && err.contains("s2/run.json") && err.contains("same lexicon"),
        "{err}"
    );
    assert!(!d.join("t/documents.csv").exists());

    fs::remove_file(d.join("s1/summary.csv")).unwrap();
    let o = run_in(d, &["merge", "s1", "-o", "t2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("s1: not the output of a finished scan (no summary.csv)"));
    let o = run_in(d, &["merge", "nowhere", "-o", "t3"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere: no such folder; give the output folders"), "{}", stderr(&o));
}

/// The same input in two shards would be counted twice: refused, naming it.
/// A record file too, whose ids differ from record to record (found by a
/// new user: its last record in one shard and its first in the other
/// were compared, and passed).
#[test]
fn shards_that_share_an_input_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "The producer left.").unwrap();
    fs::write(d.join("b.txt"), "The director stayed.").unwrap();
    fs::write(
        d.join("r.jsonl"),
        "{\"text\": \"The producer left.\"}\n{\"text\": \"The director stayed.\"}\n",
    )
    .unwrap();
    run_in(d, &["scan", "a.txt", "b.txt", "-o", "s1", "-q"]);
    run_in(d, &["scan", "b.txt", "-o", "s2", "-q"]);
    run_in(d, &["scan", "r.jsonl", "-o", "r1", "-q"]);
    run_in(d, &["scan", "a.txt", "r.jsonl", "-o", "r2", "-q"]);
    for (shards, input) in [(["s1", "s2"], "b.txt"), (["r1", "r2"], "r.jsonl")] {
        let o = run_in(d, &["merge", shards[0], shards[1], "-o", "t"]);
        assert_eq!(o.status.code(), Some(2), "{shards:?}");
        let err = stderr(&o);
        assert!(err.contains(&format!("input {input} is in two shards")), "{shards:?}: {err}");
        assert!(!d.join("t/documents.csv").exists() && !d.join("t/sentences.csv").exists());
    }
    // Different record files merge.
    fs::write(d.join("q.jsonl"), "{\"text\": \"The producer left.\"}\n").unwrap();
    run_in(d, &["scan", "q.jsonl", "-o", "q1", "-q"]);
    let o = run_in(d, &["merge", "r1", "q1", "-o", "t"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A merge of shards that skipped inputs writes its outputs and exits 1,
/// as the one scan would (it exited 0); its summary says how many, and
/// counts one of a thing in the singular ("1 documents" was printed).
#[test]
fn a_merge_of_shards_that_skipped_inputs_exits_1_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::create_dir(d.join("c")).unwrap();
    fs::write(d.join("c/a.txt"), "The producer left.").unwrap();
    fs::write(d.join("c/bin.txt"), b"abc\0def").unwrap();
    let o = run_in(d, &["scan", "c", "-o", "s", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = run_in(d, &["merge", "s", "-o", "t"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "rolecall: merged 1 shard: 1 document, 1 sentence, 1 skipped (see t/errors.csv), into t\n"
    );
    for f in CSVS {
        assert!(fs::read(d.join("s").join(f)).unwrap() == fs::read(d.join("t").join(f)).unwrap(), "{f}");
    }
    // Quiet, the same code.
    let o = run_in(d, &["merge", "s", "-o", "t", "--force", "-q"]);
    assert_eq!((o.status.code(), stderr(&o).as_str()), (Some(1), ""));
}

/// The same shard given twice is said as such (it was refused as two
/// shards sharing an input, which sent a new user looking for the input).
#[test]
fn a_shard_given_twice_is_refused_as_such() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "The producer left.").unwrap();
    fs::write(d.join("b.txt"), "The director stayed.").unwrap();
    run_in(d, &["scan", "a.txt", "-o", "m1", "-q"]);
    run_in(d, &["scan", "b.txt", "-o", "m2", "-q"]);
    for (shards, said) in [
        (&["m1", "m1"][..], "m1: this shard is given twice; give each shard once"),
        (&["m1", "m2", "./m1/"][..], "./m1/: this shard is given twice (as m1); give each shard once"),
    ] {
        let mut args = vec!["merge"];
        args.extend(shards);
        args.extend(["-o", "t"]);
        let o = run_in(d, &args);
        assert_eq!(o.status.code(), Some(2), "{shards:?}");
        let err = stderr(&o);
        assert!(err.contains(said), "{shards:?}: {err}");
        assert!(!err.contains("in two shards"), "{err}");
        assert!(!d.join("t").exists());
    }
}

/// A copy of `lexicons/` with `edit` applied to the file `name` (its text
/// with `from` replaced by `to`, which must be there).
fn lexicon_variant(dir: &Path, name: &str, from: &str, to: &str) {
    fs::create_dir_all(dir).unwrap();
    for e in fs::read_dir(root().join("lexicons")).unwrap() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "csv") {
            fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
    }
    let path = dir.join(name);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{name} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Lexicons that differ only in a weight, an `unless` rule, a context cue or
/// a topic word have the same terms.csv: their run.json hashes tell them
/// apart (issue 14 item 8). A copy of the built-in lexicons is the same.
#[test]
fn shards_from_lexicons_that_differ_beyond_their_terms_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "The director shot the film in Lisbon.").unwrap();
    let o = run_in(d, &["scan", "a.txt", "-o", "base", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    lexicon_variant(&d.join("same"), "director.csv", "", "");
    let variants = [
        ("weight", "director.csv", "\ndirecting,role,,", "\ndirecting,role,0.5,"),
        ("unless", "director.csv", "\ndirector,role,,,business|", "\ndirector,role,,,"),
        ("cue", "context.csv", "\ncinema,screen,\n", "\n"),
        ("topic", "topic.csv", "\na-list,1.91\n", "\na-list,1.5\n"),
    ];
    for (what, file, from, to) in variants {
        lexicon_variant(&d.join(what), file, from, to);
    }
    for what in ["same", "weight", "unless", "cue", "topic"] {
        let shard = format!("s-{what}");
        fs::write(d.join("b.txt"), "The producer raised the money.").unwrap();
        let o = run_in(d, &["scan", "b.txt", "-o", &shard, "-q", "-l", what]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let a = fs::read(d.join("base/terms.csv")).unwrap();
        let b = fs::read(d.join(&shard).join("terms.csv")).unwrap();
        assert_eq!(String::from_utf8_lossy(&a).lines().count(), String::from_utf8_lossy(&b).lines().count());
        let o = run_in(d, &["merge", "base", &shard, "-o", &format!("t-{what}"), "-q"]);
        let err = stderr(&o);
        if what == "same" {
            assert_eq!(o.status.code(), Some(0), "{err}");
            continue;
        }
        assert_eq!(o.status.code(), Some(2), "{what}: {err}");
        assert!(
            err.contains("base/run.json")
                && err.contains(&format!("{shard}/run.json"))
                && err.contains("different lexicons"),
            "{what}: {err}"
        );
    }
}

/// Options that change rows must be the same in every shard: one scan has one of each.
#[test]
fn shards_scanned_with_other_row_options_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "The director shot the film.\nThe producer paid.").unwrap();
    fs::write(d.join("b.txt"), "The producer raised the money.").unwrap();
    run_in(d, &["scan", "a.txt", "-o", "base", "-q"]);
    for (name, opts, said) in [
        ("unit", &["--unit", "line"][..], "--unit sentence vs line"),
        ("rows", &["--sentences", "all"][..], "--sentences tagged vs all"),
        ("safe", &["--csv-safe"][..], "--csv-safe off vs on"),
        ("field", &["--text-field", "body"][..], "--text-field text vs body"),
    ] {
        let mut args = vec!["scan", "b.txt", "-o", name, "-q"];
        args.extend(opts);
        let o = run_in(d, &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = run_in(d, &["merge", "base", name, "-o", &format!("t-{name}")]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains("base/run.json") && err.contains(&format!("{name}/run.json")), "{err}");
        assert!(err.contains(said), "{name}: {err}");
    }
}

/// Regression: `--path-field` was not compared, so shards whose `kind`
/// column names different folders (`kind=-1` and `kind=-2`: the same
/// header) merged in silence. Now run.json records it and merge refuses
/// such shards, naming the option, both values and both shards; a shard
/// whose run.json does not record it (an earlier rolecall) is named as such.
#[test]
fn shards_scanned_with_other_path_fields_are_refused_and_unrecorded_ones_unknown() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for (dir, text) in [("x/news", "The director shot the film."), ("y/blog", "The producer paid.")] {
        fs::create_dir_all(d.join(dir)).unwrap();
        fs::write(d.join(dir).join("a.txt"), text).unwrap();
    }
    let scan = |file: &str, field: &str, out: &str| {
        let o = run_in(d, &["scan", file, "--path-field", field, "-o", out, "-q"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    scan("x/news/a.txt", "kind=-1", "s1");
    scan("y/blog/a.txt", "kind=-2", "s2");
    assert_eq!(run_json(&d.join("s1"))["options"]["path_field"], serde_json::json!(["kind=-1"]));
    let o = run_in(d, &["merge", "s1", "s2", "-o", "bad"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("s1/run.json and ")
            && err.contains("s2/run.json come from scans with different options"),
        "{err}"
    );
    assert!(err.contains("(--path-field kind=-1 vs kind=-2)"), "{err}");
    assert!(!d.join("bad/documents.csv").exists());

    // The same --path-field merges.
    scan("y/blog/a.txt", "kind=-1", "s3");
    let o = run_in(d, &["merge", "s1", "s3", "-o", "ok", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run_json(&d.join("ok"))["options"]["path_field"], serde_json::json!(["kind=-1"]));
    // So do shards without one (none recorded as none).
    let o = run_in(d, &["scan", "x/news/a.txt", "-o", "p1", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_in(d, &["scan", "y/blog/a.txt", "-o", "p2", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run_json(&d.join("p1"))["options"]["path_field"], serde_json::json!([]));
    let o = run_in(d, &["merge", "p1", "p2", "-o", "plain", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // A shard of an earlier rolecall, whose run.json has no path_field.
    let mut old = run_json(&d.join("s3"));
    old["options"].as_object_mut().unwrap().remove("path_field");
    fs::write(d.join("s3/run.json"), serde_json::to_vec_pretty(&old).unwrap()).unwrap();
    // Its --path-field is unknown: it merges (the documents.csv columns
    // must still match), and the merge records no --path-field either, so
    // that a later merge does not take it for none.
    let o = run_in(d, &["merge", "s1", "s3", "-o", "old", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(run_json(&d.join("old"))["options"].get("path_field").is_none());
}

/// A shard row that rolecall would not have written is refused with its
/// file and line, not copied (issue 14 item 8).
#[test]
fn malformed_shard_rows_are_refused_with_their_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "The director shot the film.").unwrap();
    fs::write(d.join("b.txt"), "The producer raised the money.\n\nThe director left.").unwrap();
    run_in(d, &["scan", "a.txt", "-o", "s1", "-q"]);
    run_in(d, &["scan", "b.txt", "-o", "s2", "-q"]);
    let o = run_in(d, &["merge", "s1", "s2", "-o", "ok", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let edits: [(&str, &str, &str, &str); 7] = [
        ("documents.csv", "b.txt,", "b.txt,x", "s2/documents.csv:2: column bytes is \"x"),
        ("documents.csv", "b.txt,", "b.txt,-", "s2/documents.csv:2: column bytes is \"-"),
        ("documents.csv", "b.txt,", "b.txt,1,", "s2/documents.csv:2: 10 fields, the header has 9"),
        ("sentences.csv", "counted,The", "counted,\"The", "s2/sentences.csv:2: a line break in column text"),
        ("sentences.csv", "b.txt,0,0,30,", "b.txt,0,99,30,", "s2/sentences.csv:2: start 99 after end 30"),
        ("errors.csv", "path,problem\r\n", "path,problem\r\nx.txt,a,b\r\n", "s2/errors.csv:2: 3 fields"),
        ("terms.csv", ",producer,", ",producer,-", "s2/terms.csv:"),
    ];
    for (file, from, to, said) in edits {
        let path = d.join("s2").join(file);
        let good = fs::read_to_string(&path).unwrap();
        assert!(good.contains(from), "{file}: {good}");
        fs::write(&path, good.replacen(from, to, 1)).unwrap();
        let o = run_in(d, &["merge", "s1", "s2", "-o", "bad"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{file} {to:?}: {err}");
        assert!(err.contains(said), "{file} {to:?}: {err}");
        assert!(!d.join("bad/documents.csv").exists());
        fs::write(&path, good).unwrap();
    }
}

/// Found by a trial: a shard copied in part (its `sentences.csv` cut
/// inside a quoted text) merged with exit 0 and lost the rest of its rows.
/// rolecall ends every row with a line break, so a table that does not end
/// with one was cut short.
#[test]
fn a_shard_table_cut_short_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "The director shot the film.").unwrap();
    fs::write(d.join("b.txt"), "The producer raised the money.\n\nThe director left the set.").unwrap();
    run_in(d, &["scan", "a.txt", "-o", "s1", "-q"]);
    run_in(d, &["scan", "b.txt", "-o", "s2", "-q"]);
    for file in ["sentences.csv", "documents.csv", "groups.csv", "summary.csv", "terms.csv"] {
        let path = d.join("s2").join(file);
        let good = fs::read(&path).unwrap();
        // Cut inside the last row.
        let cut = good.len() - 4;
        fs::write(&path, &good[..cut]).unwrap();
        let o = run_in(d, &["merge", "s1", "s2", "-o", "bad"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert!(err.contains(&format!("{file} ({cut} bytes): the file ends inside a row")), "{file}: {err}");
        assert!(!d.join("bad/documents.csv").exists(), "{file}");
        fs::write(&path, good).unwrap();
    }
    // Cut just after a line break inside a quoted kept field (found by a
    // review): the file ends with `\r\n`, but its quotes do not balance.
    fs::write(d.join("z.jsonl"), "{\"title\":\"Line one\\r\\nline two\",\"text\":\"The director left.\"}\n")
        .unwrap();
    run_in(d, &["scan", "z.jsonl", "--keep-field", "title", "-o", "s3", "-q"]);
    run_in(d, &["scan", "b.txt", "--keep-field", "title", "-o", "s4", "-q"]);
    let path = d.join("s3/documents.csv");
    let good = fs::read(&path).unwrap();
    let at = good.windows(10).position(|w| w == b"Line one\r\n").unwrap() + 10;
    fs::write(&path, &good[..at]).unwrap();
    let o = run_in(d, &["merge", "s3", "s4", "-o", "bad"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("the file ends inside a quoted field"), "{err}");
    // An empty table.
    fs::write(&path, "").unwrap();
    let o = run_in(d, &["merge", "s3", "s4", "-o", "bad"]);
    assert!(stderr(&o).contains("documents.csv (0 bytes): the file is empty"), "{}", stderr(&o));
    let o = run_in(d, &["merge", "s1", "s2", "-o", "good", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Found by a trial: run.json kept only the first of several text fields,
/// so shards that read `title,description` and `title,cast` merged in
/// silence. It keeps the list now, and merge names the option.
#[test]
fn shards_scanned_with_other_text_field_lists_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.csv"), "id,title,description,cast\n1,A,Directed by Ann Lee.,Bo\n").unwrap();
    fs::write(d.join("b.csv"), "id,title,description,cast\n2,B,Produced by Bo Ma.,Cy\n").unwrap();
    let scan = |file: &str, fields: &str, out: &str| {
        let o = run_in(d, &["scan", file, "--text-column", fields, "-o", out, "-q"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    scan("a.csv", "title,description", "s1");
    scan("b.csv", "title,cast", "s2");
    assert_eq!(run_json(&d.join("s1"))["options"]["text_field"], "title,description");
    let o = run_in(d, &["merge", "s1", "s2", "-o", "bad"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("(--text-field title,description vs title,cast)"), "{err}");
    // One field against a list starting with it: also what a shard of
    // several fields scanned by an earlier rolecall records, so rescanning
    // is suggested.
    scan("b.csv", "title", "s4");
    let o = run_in(d, &["merge", "s1", "s4", "-o", "bad"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--text-field title,description vs title (if s4 was scanned with several text fields by an earlier rolecall, which recorded only the first, rescan it)"),
        "{err}"
    );
    scan("b.csv", "title,description", "s3");
    let o = run_in(d, &["merge", "s1", "s3", "-o", "good"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Found by a trial: a note true of one shard ("no input is a record
/// file") was said of the whole merge. A note names the shards it comes
/// from; one every shard has is said as each one's.
#[test]
fn a_note_of_some_shards_names_them() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "Directed by Ann Lee.\n").unwrap();
    fs::write(d.join("b.csv"), "id,text,topic\n1,Produced by Bo Ma.,film\n").unwrap();
    let ok = |args: &[&str]| {
        let o = run_in(d, args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    ok(&["scan", "a.txt", "--group-by", "topic", "-o", "s1", "-q"]);
    ok(&["scan", "b.csv", "--group-by", "topic", "-o", "s2", "-q"]);
    ok(&["merge", "s1", "s2", "-o", "m", "-q"]);
    let notes = run_json(&d.join("m"))["notes"].clone();
    let notes: Vec<&str> = notes.as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    let record = notes.iter().filter(|n| n.contains("no input is a record file")).collect::<Vec<_>>();
    assert_eq!(record.len(), 1, "{notes:?}");
    assert!(record[0].starts_with("shard s1: --group-by \"topic\""), "{notes:?}");
    // A note every shard has is said as each one's: its count is not the
    // merge's (found by a review).
    fs::write(d.join("e.jsonl"), "").unwrap();
    fs::write(d.join("c.csv"), "id,text,topic\n2,Directed by Ann Lee.,film\n").unwrap();
    ok(&["scan", "b.csv", "e.jsonl", "--group-by", "topic", "-o", "s3", "-q"]);
    ok(&["scan", "c.csv", "e.jsonl", "--group-by", "topic", "-o", "s4", "-q"]);
    ok(&["merge", "s3", "s4", "-o", "m2", "-q"]);
    let notes = run_json(&d.join("m2"))["notes"].clone();
    assert!(
        notes.as_array().unwrap().iter().any(|n| n
            .as_str()
            .unwrap()
            .starts_with("shards s3, s4, each: 1 record file(s) held no record to read")),
        "{notes}"
    );
}
