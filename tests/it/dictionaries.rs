//! `rolecall lexicon import` and `export`: dictionaries of LIWC, quanteda
//! and WordStat (invented ones in `tests/data/dictionaries/`) become
//! lexicon folders that tag the sample corpus; exported lexicons come back
//! with the same terms; what cannot be expressed is reported with its line.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use rolecall::Lexicon;
use rolecall::lexicon::TermKind;

use crate::util::{read_csv, root, run_in, scan_in, stderr};

fn dictionaries() -> std::path::PathBuf {
    root().join("tests/data/dictionaries")
}

/// The invented dictionaries and the `--role` values that map their
/// directing and producing categories (the weather one is left out).
const DICTIONARIES: [(&str, [&str; 2]); 4] = [
    ("film-roles.dic", ["directing=director", "producing=producer"]),
    ("film-roles.yml", ["film.director=director", "film.producer=producer"]),
    ("film-roles.dicx", ["Directing=director", "Producing=producer"]),
    ("film-roles.cat", ["DIRECTING=director", "PRODUCING=producer"]),
];

fn import(dir: &Path, file: &Path, out: &str, roles: &[&str], more: &[&str]) -> std::process::Output {
    let mut args = vec!["lexicon", "import", file.to_str().unwrap(), "--out", out];
    for r in roles {
        args.extend(["--role", r]);
    }
    args.extend(more);
    run_in(dir, &args)
}

/// `(text, role, kind)` of every term, sorted by text then role.
fn terms(lex: &Lexicon) -> Vec<(String, String, TermKind)> {
    let mut v: Vec<_> = lex
        .terms()
        .iter()
        .map(|t| (t.text.to_lowercase(), lex.role_name(t.role).to_string(), t.kind))
        .collect();
    v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    v
}

#[test]
fn each_format_imports_and_tags_the_sample_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = root().join("corpus");
    let mut labels_by_format: Vec<BTreeMap<(String, String), String>> = Vec::new();
    for (i, (file, roles)) in DICTIONARIES.iter().enumerate() {
        let lex = format!("lex{i}");
        let o = import(tmp.path(), &dictionaries().join(file), &lex, roles, &[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{file}: {err}");
        assert!(err.contains("8 terms of") && err.contains("director 3, producer 5"), "{file}: {err}");
        assert!(err.to_lowercase().contains("dropped (terms): weather (2)"), "{file}: {err}");
        // The folder loads and passes the check.
        let o = run_in(tmp.path(), &["lexicon", "check", &lex, "--sample", corpus.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", String::from_utf8_lossy(&o.stdout));
        let o = scan_in(tmp.path(), &[corpus.to_str().unwrap(), "-l", &lex], format!("out{i}"));
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let rows = read_csv(&tmp.path().join(format!("out{i}/sentences.csv")));
        let name = |r: &std::collections::HashMap<String, String>| {
            Path::new(&r["doc"]).file_name().unwrap().to_string_lossy().into_owned()
        };
        let labels: BTreeMap<(String, String), String> =
            rows.iter().map(|r| ((name(r), r["sentence"].clone()), r["label"].clone())).collect();
        // Sentences the invented terms decide: "budget" (producing), "camera*"
        // (directing), "financ*" and "director*" together (both).
        for (doc, sentence, want) in [
            ("01-news-harbour-lights.txt", "5", "producer"),
            ("02-review-the-salt-road.txt", "1", "director"),
            ("04-business-meridian-slate.txt", "8", "producer"),
            ("06-business-north-sea-foods.txt", "2", "both"),
        ] {
            assert_eq!(
                labels.get(&(doc.into(), sentence.into())).map(String::as_str),
                Some(want),
                "{file}: {doc} {sentence}"
            );
        }
        // The dropped weather category tags nothing.
        for r in &rows {
            let t = r["terms"].to_lowercase();
            assert!(!t.contains("storm") && !t.contains("rain"), "{file}: {t}");
        }
        labels_by_format.push(labels);
    }
    for (i, l) in labels_by_format.iter().enumerate().skip(1) {
        assert_eq!(l, &labels_by_format[0], "{} tags as {} does", DICTIONARIES[i].0, DICTIONARIES[0].0);
    }
}

#[test]
fn exported_builtin_lexicon_imports_back_to_the_same_terms() {
    let tmp = tempfile::tempdir().unwrap();
    // Built-in terms (`<money>`) and terms with a word class (`{Name}`, at
    // either end) have no dictionary form: left out, and named in the notes.
    let want: Vec<_> = terms(&Lexicon::builtin())
        .into_iter()
        .filter(|t| !t.0.starts_with(['<', '{']) && !t.0.ends_with('}'))
        .collect();
    for (format, ext) in [("liwc", "dic"), ("dicx", "dicx"), ("yaml", "yml"), ("wordstat", "cat")] {
        let file = format!("builtin.{ext}");
        let o = run_in(tmp.path(), &["lexicon", "export", "--format", format, "--out", &file]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        // The count said is of the terms written.
        assert!(stderr(&o).contains(&format!("{} terms written", want.len())), "{}", stderr(&o));
        let text = fs::read_to_string(tmp.path().join(&file)).unwrap();
        // The notes: a header comment in YAML, a side note for the others.
        let notes = if format == "yaml" {
            assert!(!tmp.path().join(format!("{file}.notes.txt")).exists());
            text.lines()
                .take_while(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches(['#', ' ']))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            fs::read_to_string(tmp.path().join(format!("{file}.notes.txt"))).unwrap()
        };
        assert!(notes.contains("\"tone\" 0.5"), "{format}: weights listed");
        assert!(notes.contains("unless business|"), "{format}: context rules listed");
        assert!(notes.contains("left out of this file: \"<money>\""), "{format}: built-in terms named");
        assert!(notes.contains("\"shot in {Name}\""), "{format}: word-class terms named");
        assert!(notes.contains("\"{Name} Productions\""), "{format}: terms opening with a class named");
        let cmd = notes.lines().find(|l| l.starts_with("To read it back:")).unwrap();
        let roles: Vec<&str> = cmd.split(" --role ").skip(1).collect();
        assert_eq!(roles.len(), 6, "{cmd}");
        let lex = format!("back-{format}");
        let o = import(tmp.path(), &tmp.path().join(&file), &lex, &roles, &[]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        let back = Lexicon::load_dir(&tmp.path().join(&lex)).unwrap();
        assert_eq!(terms(&back), want, "{format}");
        let o = run_in(tmp.path(), &["explain", "-l", &lex, "The film was directed by Ana Ruiz."]);
        assert_eq!(o.status.code(), Some(0), "{format}: explain: {}", stderr(&o));
    }
    // To standard output, the notes go to stderr where the format has no comments.
    let o = run_in(tmp.path(), &["lexicon", "export", "--format", "liwc"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("%\n1\tdirector.role\n"));
    let weak = Lexicon::builtin().terms().iter().filter(|t| t.weight != 1.0).count();
    let want = format!("note: a LIWC .dic dictionary cannot express: {weak} weights other than 1");
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));
}

#[test]
fn terms_rolecall_cannot_express_are_reported_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dic = "%\n1\tdirecting\n2\tother\n%\ndirected by\t1\n*direct\t1\ndi*rect\t1\ndirect?\t1\nlike\t1 134(02 02)131/125\nghost\t7\n(dir|prod)\t1\nhelm*\t1 2\n";
    fs::write(tmp.path().join("odd.dic"), dic).unwrap();
    let o = import(tmp.path(), Path::new("odd.dic"), "lex", &["directing=director"], &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for want in [
        "odd.dic:6: term \"*direct\" (category directing): a wildcard at the start",
        "odd.dic:7: term \"di*rect\" (category directing): a wildcard inside",
        "odd.dic:8: term \"direct?\" (category directing): '?'",
        "odd.dic:9: term \"like\": \"134(02\" is not a category number",
        "odd.dic:10: term \"ghost\": category number 7 is not in the category table",
        "odd.dic:11: term \"(dir|prod)\"",
        "6 entries of odd.dic were not imported",
        "dropped (terms): other (1)",
    ] {
        assert!(err.contains(want), "want {want:?} in:\n{err}");
    }
    // What could be taken is written, and loads.
    let lex = Lexicon::load_dir(&tmp.path().join("lex")).unwrap();
    let texts: Vec<&str> = lex.terms().iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["directed by", "helm*"]);
}

#[test]
fn an_existing_lexicon_is_replaced_only_with_force() {
    let tmp = tempfile::tempdir().unwrap();
    let dic = dictionaries().join("film-roles.dic");
    let o = import(tmp.path(), &dic, "lex", &["directing=director", "producing=producer"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = fs::read(tmp.path().join("lex/producer.csv")).unwrap();
    let o = import(tmp.path(), &dic, "lex", &["directing=director", "weather=producer"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--out lex: holds a lexicon already (director.csv, producer.csv); pass --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(tmp.path().join("lex/producer.csv")).unwrap(), before, "left as it was");
    // With --force: replaced, and a role the new import lacks is removed.
    let o = import(tmp.path(), &dic, "lex", &["weather=weather"], &["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = fs::read_dir(tmp.path().join("lex"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["weather.csv"]);
    // Export refuses to replace a file too.
    let o = run_in(tmp.path(), &["lexicon", "export", "lex", "--out", "w.yml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_in(tmp.path(), &["lexicon", "export", "lex", "--out", "w.yml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out w.yml: exists; pass --force"), "{}", stderr(&o));
}

#[test]
fn mistakes_are_named_with_the_option_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dic = dictionaries().join("film-roles.dic");
    fs::write(tmp.path().join("words.txt"), "%\n1\ta\n%\nx\t1\n").unwrap();
    fs::write(tmp.path().join("bad.dic"), "%\n1\ta\nfilm\t1\n%\n").unwrap();
    fs::write(tmp.path().join("bad.yml"), "film: [directed by\nweather: rain\n").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["words.txt", "--role", "a=director"],
            "words.txt: cannot tell the dictionary format from the file name; give --format",
        ),
        (vec![dic.to_str().unwrap()], "--role: none given"),
        (
            vec![dic.to_str().unwrap(), "--role", "money=producer"],
            "has no category \"money\"; its categories: directing, producing, weather",
        ),
        (vec![dic.to_str().unwrap(), "--role", "directing"], "--role <CATEGORY=ROLE[:KIND]>"),
        (vec![dic.to_str().unwrap(), "--role", "directing=Director"], "must be lower-case"),
        (vec!["bad.dic", "--role", "a=director"], "bad.dic:3: a category line is a number"),
        (vec!["bad.yml", "--role", "film=director"], "bad.yml:"),
        (vec!["missing.dic", "--role", "a=director"], "missing.dic"),
    ];
    for (args, want) in cases {
        let mut all = vec!["lexicon", "import"];
        all.extend(&args);
        all.extend(["--out", "lex"]);
        let o = run_in(tmp.path(), &all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{args:?}: want {want:?} in {}", stderr(&o));
        assert!(!tmp.path().join("lex").exists(), "{args:?}: nothing written");
    }
    let o = run_in(
        tmp.path(),
        &["lexicon", "import", "words.txt", "--format", "liwc", "--role", "a=director", "--out", "lex"],
    );
    assert_eq!(o.status.code(), Some(0), "--format overrides the extension: {}", stderr(&o));
    let o = run_in(tmp.path(), &["lexicon", "export"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--format: needed when writing to standard output"), "{}", stderr(&o));
    let o = run_in(tmp.path(), &["lexicon", "export", "--out", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out x.txt: cannot tell the dictionary format"), "{}", stderr(&o));
}
