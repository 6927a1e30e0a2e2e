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
        let o = run_in(d, &["merge", order[0], order[1], order[2], "-o", name, "-q"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
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
    assert!(err.contains("s2/terms.csv") && err.contains("same lexicon"), "{err}");
    assert!(!d.join("t/documents.csv").exists());

    fs::remove_file(d.join("s1/summary.csv")).unwrap();
    let o = run_in(d, &["merge", "s1", "-o", "t2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("s1: not the output of a finished scan (no summary.csv)"));
}

/// The same input in two shards would be counted twice: refused, naming it.
#[test]
fn shards_that_share_a_document_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "The producer left.").unwrap();
    fs::write(d.join("b.txt"), "The director stayed.").unwrap();
    run_in(d, &["scan", "a.txt", "b.txt", "-o", "s1", "-q"]);
    run_in(d, &["scan", "b.txt", "-o", "s2", "-q"]);
    for shards in [["s1", "s1"], ["s1", "s2"]] {
        let o = run_in(d, &["merge", shards[0], shards[1], "-o", "t"]);
        assert_eq!(o.status.code(), Some(2), "{shards:?}");
        let err = stderr(&o);
        let doc = if shards[0] == shards[1] { "a.txt" } else { "b.txt" };
        assert!(err.contains(&format!("document {doc} is in two shards")), "{err}");
        assert!(!d.join("t/documents.csv").exists() && !d.join("t/sentences.csv").exists());
    }
}
