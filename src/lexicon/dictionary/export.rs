//! A rolecall [`Lexicon`] written as a dictionary of another tool.
//!
//! Each role's terms go to one category per kind, named `ROLE.KIND`
//! (`director.role`, `director.activity`, `director.exclude`; nested keys
//! in YAML and WordStat), so that an import with
//! `--role director.activity=director:activity` and so on gives the same
//! terms, roles and kinds back. What the format cannot express (weights
//! other than 1 (`.cat` files get `(1)` for every term), `needs`/`unless` context rules, the context cues and
//! topic weights, longest-match, built-in terms, terms ending in a word
//! class) is listed in [`Exported::lost`]: a
//! header comment in YAML, a side note for the formats without comments.

use super::{Format, Nested, cat, dic, dicx, format_name, yaml};
use crate::lexicon::{Lexicon, Term, TermKind};

/// A lexicon written in a dictionary format.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The dictionary file's text.
    pub text: String,
    /// What the format cannot express, one line each (already in `text`
    /// as a header comment when the format has comments).
    pub lost: Vec<String>,
    /// The same in one line of counts: weights, context rules, cues.
    pub summary: String,
}

const KINDS: [TermKind; 3] = [TermKind::Role, TermKind::Activity, TermKind::Exclude];

/// Writes `lexicon` (described as `source` in the notes: "the built-in
/// lexicon", a folder) in `format`.
pub fn export(lexicon: &Lexicon, format: Format, source: &str) -> Exported {
    // Categories: (role name, kind, terms as (text, weight)), roles in
    // lexicon order, kinds in KINDS order, empty ones left out.
    let mut groups = Vec::new();
    for (r, role) in lexicon.roles().iter().enumerate() {
        let mut kinds = Vec::new();
        for kind in KINDS {
            let terms: Vec<(String, f64)> = lexicon
                .terms()
                .iter()
                // A built-in term (`<money>`) is found by code, and a word
                // class (`{Name}`) is checked by code: no dictionary form.
                .filter(|t| t.role.index() == r && t.kind == kind && t.is_plain_text())
                // One space between words: tabs and line ends separate fields in the formats.
                .map(|t| (t.text.split_whitespace().collect::<Vec<_>>().join(" "), t.weight))
                .collect();
            if !terms.is_empty() {
                kinds.push((kind.to_string(), terms));
            }
        }
        groups.push((role.clone(), kinds));
    }
    let lost = lost_lines(lexicon, format, source, &groups);
    let weighted = lexicon.terms().iter().filter(|t| t.weight != 1.0).count();
    let ruled = lexicon.terms().iter().filter(|t| t.needs.is_some() || !t.unless.is_empty()).count();
    let summary = format!(
        "a {} dictionary cannot express: {weighted} weights other than 1, {ruled} context rules (needs/unless), {} context cues{}",
        format_name(format),
        lexicon.cues().len(),
        if lexicon.topic().is_some() { ", the film-topic weights" } else { "" }
    );
    let text = match format {
        Format::Liwc | Format::Dicx => {
            let mut categories = Vec::new();
            let mut terms = Vec::new();
            for (role, kinds) in &groups {
                for (kind, ts) in kinds {
                    categories.push(format!("{role}.{kind}"));
                    let c = categories.len() - 1;
                    terms.extend(ts.iter().map(|(t, _)| (t.clone(), vec![c])));
                }
            }
            if format == Format::Liwc {
                dic::write(&categories, &terms)
            } else {
                dicx::write(&categories, &terms)
            }
        }
        Format::Yaml => {
            let g: Vec<_> = groups
                .iter()
                .map(|(role, kinds)| {
                    let inner = kinds
                        .iter()
                        .map(|(k, ts)| (k.clone(), ts.iter().map(|(t, _)| t.clone()).collect()))
                        .collect();
                    (role.clone(), inner)
                })
                .collect();
            yaml::write(&lost, &g)
        }
        Format::WordStat => {
            let g: Vec<_> = groups
                .iter()
                .map(|(role, kinds)| {
                    // Every term `(1)`: readers of `.cat` files (quanteda's)
                    // take one digit there, so 0.5 is left to the notes.
                    let inner = kinds
                        .iter()
                        .map(|(k, ts)| (k.clone(), ts.iter().map(|(t, _)| (t.clone(), 1.0)).collect()))
                        .collect();
                    (role.clone(), inner)
                })
                .collect();
            cat::write(&g)
        }
    };
    Exported { text, lost, summary }
}

/// The notes: what the categories mean, what `format` loses, and the
/// import command that reads the file back.
fn lost_lines(
    lexicon: &Lexicon,
    format: Format,
    source: &str,
    groups: &Nested<(String, f64)>,
) -> Vec<String> {
    let mut out = vec![
        format!("{source}, exported by `rolecall lexicon export` as a {} dictionary.", format_name(format)),
        "Categories are ROLE.KIND. Kinds: role = a name of the role (\"directed by\"); activity = work that belongs".into(),
        "to the role (\"budget\"); exclude = a phrase that looks like the role but is not (\"director of photography\"):".into(),
        "rolecall lets it take the text it covers and count for nothing, so do not count it for the role.".into(),
        String::new(),
        "What this format cannot express (so another tool will count differently):".into(),
    ];
    let weighted: Vec<String> = lexicon
        .terms()
        .iter()
        .filter(|t| t.weight != 1.0)
        .map(|t| format!("{:?} {}", t.text, t.weight))
        .collect();
    if weighted.is_empty() {
        out.push("- weights: none (every term weighs 1).".into());
    } else {
        out.push(format!(
            "- weights: a role fires in a sentence when its matches' weights reach 1; {} terms weigh other than 1:",
            weighted.len()
        ));
        out.extend(wrap(&weighted));
    }
    // Terms that code finds or checks: no dictionary form.
    let mut left_out = |what: &str, how: &str, pick: fn(&Term) -> bool| {
        let terms: Vec<String> =
            lexicon.terms().iter().filter(|t| pick(t)).map(|t| format!("{:?}", t.text)).collect();
        if !terms.is_empty() {
            out.push(format!(
                "- {what} (lexicons/README.md): {how}, left out of this file: {}.",
                terms.join(", ")
            ));
        }
    };
    left_out("built-in terms", "found by rolecall's code", |t| t.builtin.is_some());
    left_out("terms with a word class", "checked by rolecall's code", |t| {
        t.next.is_some() || t.prev.is_some()
    });
    let compounds: Vec<String> = lexicon
        .terms()
        .iter()
        .filter(|t| t.is_plain_text() && crate::lexicon::compound_part(&t.pattern).is_some())
        .map(|t| format!("{:?}", t.text))
        .collect();
    if !compounds.is_empty() {
        out.push(format!(
            "- terms with a leading hyphen (lexicons/README.md): the second part of a hyphened compound \
             (\"-style\" in \"Matrix-style\"), written as they are, so another tool may read the hyphen as \
             text: {}.",
            compounds.join(", ")
        ));
    }
    let rules: Vec<String> = lexicon
        .terms()
        .iter()
        .filter(|t| t.needs.is_some() || !t.unless.is_empty())
        .map(|t| {
            let mut s = format!("{:?}", t.text);
            if let Some(n) = t.needs {
                s.push_str(&format!(" needs {}", lexicon.set_name(n)));
            }
            if !t.unless.is_empty() {
                let sets: Vec<&str> = t.unless.iter().map(|&u| lexicon.set_name(u)).collect();
                s.push_str(&format!(" unless {}", sets.join("|")));
            }
            s
        })
        .collect();
    if rules.is_empty() {
        out.push("- context rules: none.".into());
    } else {
        out.push(format!(
            "- context rules (lexicons/README.md): {} terms count only with a context (needs) or are discounted by one (unless):",
            rules.len()
        ));
        out.extend(wrap(&rules));
    }
    out.push(format!(
        "- context cues: {} cues in {} sets (context.csv){}, not exported.",
        lexicon.cues().len(),
        lexicon.sets().len(),
        if lexicon.topic().is_some() { " and the film-topic word weights (topic.csv)" } else { "" }
    ));
    out.push(
        "- matching: rolecall takes the leftmost, then longest match, so a term inside a longer matched term"
            .into(),
    );
    out.push("  does not count; dictionary tools count every term they find.".into());
    out.push(String::new());
    let mut cmd = format!("To read it back: rolecall lexicon import FILE.{} --out DIR", format.extension());
    for (role, kinds) in groups {
        for (kind, _) in kinds {
            cmd.push_str(&format!(" --role {role}.{kind}={role}"));
            if kind != TermKind::Role.as_str() {
                cmd.push_str(&format!(":{kind}"));
            }
        }
    }
    out.push(cmd);
    out
}

/// Items joined by `; ` into lines of about 100 characters, each indented.
fn wrap(items: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::from(" ");
    for item in items {
        if line.len() > 1 && line.len() + item.len() > 100 {
            lines.push(std::mem::replace(&mut line, String::from(" ")));
        }
        line.push(' ');
        line.push_str(item);
        line.push(';');
    }
    if line.len() > 1 {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::dictionary::import::{Mapping, import};
    use crate::lexicon::dictionary::read;

    fn lex(files: &[(&str, &str)]) -> Lexicon {
        Lexicon::from_sources(files.iter().map(|(a, b)| (a.to_string(), b.to_string()))).unwrap()
    }

    /// The command line's `--role` values, from the export's last note.
    fn mappings(e: &Exported) -> Vec<Mapping> {
        let cmd = e.lost.last().unwrap();
        cmd.split(" --role ").skip(1).map(|m| m.parse().unwrap()).collect()
    }

    #[test]
    fn yaml_has_the_notes_as_a_comment_and_the_kinds_as_keys() {
        let l = lex(&[
            ("context.csv", "term,set\nfilm,screen\nalbum,music\n"),
            (
                "director.csv",
                "term,kind,weight,needs,unless\ndirected by,role,,,\ntone,activity,0.5,,\ndirector,role,,,music\n",
            ),
            ("producer.csv", "term,kind\nproduced by,role\nrecord producer,exclude\n"),
        ]);
        let e = export(&l, Format::Yaml, "a test lexicon");
        assert!(e.text.starts_with("# a test lexicon, exported"), "{}", e.text);
        assert!(e.text.contains("#   \"tone\" 0.5;"), "{}", e.text);
        assert!(e.text.contains("\"director\" unless music"), "{}", e.text);
        assert!(e.text.contains("2 cues in 2 sets"), "{}", e.text);
        let d = read(Format::Yaml, "x.yml", e.text.as_bytes()).unwrap();
        assert_eq!(
            d.categories,
            [
                "director",
                "director.role",
                "director.activity",
                "producer",
                "producer.role",
                "producer.exclude"
            ]
        );
    }

    /// A lexicon of the given `(role, kind, term)` rows, one file per role.
    fn lexicon_of(rows: &[(usize, TermKind, String)]) -> Lexicon {
        let roles = ["director", "producer", "writer"];
        let files = roles.iter().enumerate().map(|(r, name)| {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["term", "kind"]).unwrap();
            for (_, kind, term) in rows.iter().filter(|row| row.0 == r) {
                w.write_record([term.as_str(), kind.as_str()]).unwrap();
            }
            (format!("{name}.csv"), String::from_utf8(w.into_inner().unwrap()).unwrap())
        });
        Lexicon::from_sources(files).unwrap()
    }

    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[a-zé][a-zé'0-9-]{0,7}",
            Just("null".to_string()),
            Just("true".to_string()),
            Just("no".to_string()),
            Just("10".to_string()),
            Just("x:".to_string()),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Any small lexicon comes back from every format with the same
        /// terms, roles and kinds.
        #[test]
        fn small_lexicons_round_trip(
            rows in proptest::collection::vec(
                (0usize..3, 0usize..3, proptest::collection::vec(word(), 1..4), proptest::bool::ANY),
                1..25,
            )
        ) {
            let mut seen = std::collections::HashSet::new();
            let rows: Vec<(usize, TermKind, String)> = rows
                .into_iter()
                .filter_map(|(r, k, words, wild)| {
                    let mut t = words.join(" ");
                    if wild && t.chars().next_back().is_some_and(char::is_alphanumeric) {
                        t.push('*');
                    }
                    let key = crate::lexicon::parse_pattern(&t).ok()?;
                    seen.insert(key).then_some((r, KINDS[k], t))
                })
                .collect();
            proptest::prop_assume!(!rows.is_empty());
            let l = lexicon_of(&rows);
            let want = |l: &Lexicon| {
                let mut v: Vec<(String, String, TermKind)> =
                    l.terms().iter().map(|t| (t.text.clone(), l.role_name(t.role).to_string(), t.kind)).collect();
                v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
                v
            };
            for format in Format::ALL {
                let e = export(&l, format, "a test lexicon");
                let d = read(format, "x", e.text.as_bytes()).unwrap();
                proptest::prop_assert!(d.issues.is_empty(), "{}: {:?}\n{}", format, d.issues, e.text);
                let imported = import(&d, "x", format, &mappings(&e)).unwrap();
                proptest::prop_assert!(imported.lost.is_empty(), "{}: {:?}", format, imported.lost);
                let back = Lexicon::from_sources(imported.files).unwrap();
                proptest::prop_assert_eq!(want(&back), want(&l), "{}\n{}", format, e.text);
            }
        }
    }

    #[test]
    fn every_format_reads_back_to_the_same_terms_roles_and_kinds() {
        let l = Lexicon::builtin();
        // Built-in terms and word-class terms are left out of every format
        // (the notes name them).
        let want = |l: &Lexicon| {
            let mut v: Vec<(String, String, TermKind)> = l
                .terms()
                .iter()
                .filter(|t| t.is_plain_text())
                .map(|t| (t.text.clone(), l.role_name(t.role).to_string(), t.kind))
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        for format in Format::ALL {
            let e = export(&l, format, "the built-in lexicon");
            let d = read(format, "x", e.text.as_bytes()).unwrap();
            assert!(d.issues.is_empty(), "{format}: {:?}", d.issues);
            assert!(
                e.lost.iter().any(|l| l.contains("\"<money>\"")),
                "{format}: the notes name the built-in term"
            );
            assert!(
                e.lost.iter().any(|l| l.contains("\"shot in {Name}\"")),
                "{format}: the notes name the terms with a word class"
            );
            let imported = import(&d, "x", format, &mappings(&e)).unwrap();
            assert!(imported.lost.is_empty(), "{format}: {:?}", imported.lost);
            assert!(imported.dropped.is_empty(), "{format}: {:?}", imported.dropped);
            let back = Lexicon::from_sources(imported.files).unwrap();
            assert_eq!(want(&back), want(&l), "{format}");
        }
    }
}
