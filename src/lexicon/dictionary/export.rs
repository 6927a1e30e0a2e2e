//! A rolecall [`Lexicon`] written as a dictionary of another tool.
//!
//! Each role's terms go to one category per kind, named `ROLE.KIND`
//! (`director.role`, `director.activity`, `director.exclude`; nested keys
//! in YAML and WordStat), so that an import with
//! `--role director.activity=director:activity` and so on gives the same
//! terms, roles and kinds back. What the format cannot express (weights
//! other than 1, `needs`/`unless` context rules, the context cues and
//! topic weights, longest-match) is listed in [`Exported::lost`]: a
//! header comment in YAML, a side note for the formats without comments.

use super::{Format, cat, dic, dicx, format_name, yaml};
use crate::lexicon::{Lexicon, TermKind};

/// A lexicon written in a dictionary format.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The dictionary file's text.
    pub text: String,
    /// What the format cannot express, one line each (already in `text`
    /// as a header comment when the format has comments).
    pub lost: Vec<String>,
}

const KINDS: [TermKind; 3] = [TermKind::Role, TermKind::Activity, TermKind::Exclude];

/// Writes `lexicon` (described as `source` in the notes: "the built-in
/// lexicon", a folder) in `format`.
pub fn export(lexicon: &Lexicon, format: Format, source: &str) -> Exported {
    // Categories: (role name, kind, terms as (text, weight)), roles in
    // lexicon order, kinds in KINDS order, empty ones left out.
    let mut groups: Vec<(String, Vec<(TermKind, Vec<(String, f64)>)>)> = Vec::new();
    for (r, role) in lexicon.roles().iter().enumerate() {
        let mut kinds = Vec::new();
        for kind in KINDS {
            let terms: Vec<(String, f64)> = lexicon
                .terms()
                .iter()
                .filter(|t| t.role.index() == r && t.kind == kind)
                .map(|t| (t.text.clone(), t.weight))
                .collect();
            if !terms.is_empty() {
                kinds.push((kind, terms));
            }
        }
        groups.push((role.clone(), kinds));
    }
    let lost = lost_lines(lexicon, format, source, &groups);
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
            if format == Format::Liwc { dic::write(&categories, &terms) } else { dicx::write(&categories, &terms) }
        }
        Format::Yaml => {
            let g: Vec<(String, Vec<(String, Vec<String>)>)> = groups
                .iter()
                .map(|(role, kinds)| {
                    let inner = kinds
                        .iter()
                        .map(|(k, ts)| (k.to_string(), ts.iter().map(|(t, _)| t.clone()).collect()))
                        .collect();
                    (role.clone(), inner)
                })
                .collect();
            yaml::write(&lost, &g)
        }
        Format::WordStat => {
            let g: Vec<(String, Vec<(String, Vec<(String, f64)>)>)> = groups
                .iter()
                .map(|(role, kinds)| (role.clone(), kinds.iter().map(|(k, ts)| (k.to_string(), ts.clone())).collect()))
                .collect();
            cat::write(&g)
        }
    };
    Exported { text, lost }
}

/// The notes: what the categories mean, what `format` loses, and the
/// import command that reads the file back.
fn lost_lines(
    lexicon: &Lexicon,
    format: Format,
    source: &str,
    groups: &[(String, Vec<(TermKind, Vec<(String, f64)>)>)],
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
    if format == Format::WordStat {
        out.push("- weights: written in parentheses; rolecall fires a role when its matches' weights in a sentence reach 1.".into());
    } else if weighted.is_empty() {
        out.push("- weights: none (every term weighs 1).".into());
    } else {
        out.push(format!(
            "- weights: a role fires in a sentence when its matches' weights reach 1; {} terms weigh other than 1:",
            weighted.len()
        ));
        out.extend(wrap(&weighted));
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
    out.push("- matching: rolecall takes the leftmost, then longest match, so a term inside a longer matched term".into());
    out.push("  does not count; dictionary tools count every term they find.".into());
    out.push(String::new());
    let mut cmd = format!("To read it back: rolecall lexicon import FILE.{} --out DIR", format.extension());
    for (role, kinds) in groups {
        for (kind, _) in kinds {
            cmd.push_str(&format!(" --role {role}.{kind}={role}"));
            if *kind != TermKind::Role {
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
            ("director.csv", "term,kind,weight,needs,unless\ndirected by,role,,,\ntone,activity,0.5,,\ndirector,role,,,music\n"),
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
            ["director", "director.role", "director.activity", "producer", "producer.role", "producer.exclude"]
        );
    }

    #[test]
    fn every_format_reads_back_to_the_same_terms_roles_and_kinds() {
        let l = Lexicon::builtin();
        let want = |l: &Lexicon| {
            let mut v: Vec<(String, String, TermKind)> =
                l.terms().iter().map(|t| (t.text.clone(), l.role_name(t.role).to_string(), t.kind)).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        for format in Format::ALL {
            let e = export(&l, format, "the built-in lexicon");
            let d = read(format, "x", e.text.as_bytes()).unwrap();
            assert!(d.issues.is_empty(), "{format}: {:?}", d.issues);
            let imported = import(&d, "x", format, &mappings(&e)).unwrap();
            assert!(imported.lost.is_empty(), "{format}: {:?}", imported.lost);
            assert!(imported.dropped.is_empty(), "{format}: {:?}", imported.dropped);
            let back = Lexicon::from_sources(imported.files).unwrap();
            assert_eq!(want(&back), want(&l), "{format}");
            if format == Format::WordStat {
                let w = |l: &Lexicon| {
                    let mut v: Vec<(String, u64)> = l.terms().iter().map(|t| (t.text.clone(), t.weight.to_bits())).collect();
                    v.sort();
                    v
                };
                assert_eq!(w(&back), w(&l), "WordStat keeps weights");
            }
        }
    }
}
