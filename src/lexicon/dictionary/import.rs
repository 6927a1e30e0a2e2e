//! A [`Dictionary`] turned into the files of a rolecall lexicon folder.
//!
//! Categories become roles through [`Mapping`]s (`--role CATEGORY=ROLE`,
//! optionally `:KIND`): a mapping takes its category and every category
//! nested below it (`film` takes `film.director` too) unless a longer
//! mapping names that one. Categories no mapping takes are dropped (the
//! caller says so). Each term becomes a row of `ROLE.csv`; a term rolecall
//! cannot express (a `*` at its start or inside it, `?`, regular
//! expression or LIWC tag syntax, a term that is empty once normalised)
//! and a term already imported for another role are not taken and are
//! listed, with their lines, in [`Imported::lost`].

use std::collections::HashMap;
use std::str::FromStr;

use super::{Dictionary, Format, Issue, format_name};
use crate::error::Error;
use crate::lexicon::{Lexicon, TermKind, check_role_name, parse_pattern};

/// One `--role CATEGORY=ROLE[:KIND]`: the category (a path for nested
/// ones, `film.director`; matched without regard to ASCII case), the role
/// it becomes and the kind its terms take (default `role`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// The category's name or path.
    pub category: String,
    /// The role's name (the lexicon file's stem).
    pub role: String,
    /// The kind of every term taken through this mapping.
    pub kind: TermKind,
}

impl FromStr for Mapping {
    type Err = String;

    /// Parses `CATEGORY=ROLE` or `CATEGORY=ROLE:KIND`; the error says what
    /// is wrong and what was found.
    fn from_str(s: &str) -> Result<Mapping, String> {
        let Some((category, target)) = s.rsplit_once('=') else {
            return Err(format!("expected CATEGORY=ROLE or CATEGORY=ROLE:KIND, found {s:?}"));
        };
        let category = category.trim();
        if category.is_empty() {
            return Err(format!("no category before '=' in {s:?}"));
        }
        let (role, kind) = match target.split_once(':') {
            Some((r, k)) => {
                let kind = TermKind::parse(k).ok_or_else(|| {
                    format!("unknown kind {k:?} in {s:?} (expected role, activity or exclude)")
                })?;
                (r.trim(), kind)
            }
            None => (target.trim(), TermKind::Role),
        };
        check_role_name(role).map_err(|m| format!("{m} (in {s:?})"))?;
        Ok(Mapping { category: category.to_string(), role: role.to_string(), kind })
    }
}

/// What an import makes: the lexicon files and what was left out.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The lexicon folder's files, `(file name, CSV text)`: one
    /// `ROLE.csv` per mapped role, in the order the mappings name them.
    pub files: Vec<(String, String)>,
    /// Terms written for each role, in the same order.
    pub counts: Vec<(String, usize)>,
    /// Categories no mapping takes that hold terms, with their number of terms.
    pub dropped: Vec<(String, usize)>,
    /// What the mapped categories held that was not taken, and what the
    /// reader could not read, by line.
    pub lost: Vec<Issue>,
}

/// Turns `dict` (read from file `source` of format `format`) into lexicon
/// files through `mappings`.
///
/// The files may hold no term at all (every one lost): the caller decides.
///
/// # Errors
/// [`Error::Invalid`] when `mappings` is empty, names a category the
/// dictionary lacks (the message lists the categories) or names one
/// category twice.
pub fn import(
    dict: &Dictionary,
    source: &str,
    format: Format,
    mappings: &[Mapping],
) -> Result<Imported, Error> {
    let listed = || list_categories(&dict.categories);
    if mappings.is_empty() {
        return Err(Error::Invalid(format!(
            "--role: none given; map at least one category to a role with --role CATEGORY=ROLE (categories of {source}: {})",
            listed()
        )));
    }
    for (i, m) in mappings.iter().enumerate() {
        if mappings[..i].iter().any(|p| p.category.eq_ignore_ascii_case(&m.category)) {
            return Err(Error::Invalid(format!("--role: category {:?} is mapped twice", m.category)));
        }
        if !dict.categories.iter().any(|c| within(c, &m.category)) {
            return Err(Error::Invalid(format!(
                "--role {}={}: {source} has no category {:?}; its categories: {}",
                m.category,
                m.role,
                m.category,
                listed()
            )));
        }
    }
    // The mapping of each category: the longest one that takes it.
    let mapping_of: Vec<Option<&Mapping>> = dict
        .categories
        .iter()
        .map(|c| mappings.iter().filter(|m| within(c, &m.category)).max_by_key(|m| m.category.len()))
        .collect();

    let mut roles: Vec<&str> = Vec::new();
    for m in mappings {
        if !roles.contains(&m.role.as_str()) {
            roles.push(&m.role);
        }
    }
    let mut rows: Vec<Vec<Row>> = vec![Vec::new(); roles.len()];
    let mut lost: Vec<Issue> = dict.issues.clone();
    let mut dropped: Vec<(String, usize)> = Vec::new();
    // Where each term (pattern, wildcard) went: role index, kind, category, line.
    let mut seen: HashMap<(String, bool), (usize, TermKind, usize, u64)> = HashMap::new();
    for e in &dict.entries {
        let category = &dict.categories[e.category];
        let Some(m) = mapping_of[e.category] else {
            match dropped.iter_mut().find(|d| d.0 == *category) {
                Some(d) => d.1 += 1,
                None => dropped.push((category.clone(), 1)),
            }
            continue;
        };
        let lose = |lost: &mut Vec<Issue>, why: String| {
            lost.push(Issue {
                line: e.line,
                message: format!("term {:?} (category {category}): {why}; not imported", e.term),
            })
        };
        let text = match convert_term(&e.term) {
            Ok(t) => t,
            Err(why) => {
                lose(&mut lost, why);
                continue;
            }
        };
        let key = match parse_pattern(&text) {
            Ok(k) => k,
            Err(why) => {
                lose(&mut lost, why);
                continue;
            }
        };
        let role = roles.iter().position(|r| *r == m.role).unwrap_or(0);
        if let Some(&(r, kind, cat, line)) = seen.get(&key) {
            let first = format!("category {} at line {line}", dict.categories[cat]);
            if r != role {
                lose(
                    &mut lost,
                    format!(
                        "already imported for role {} from {first}; rolecall gives a term one role",
                        roles[r]
                    ),
                );
            } else if kind != m.kind {
                lose(
                    &mut lost,
                    format!("already imported as {kind} from {first}; rolecall gives a term one kind"),
                );
            }
            continue;
        }
        seen.insert(key, (role, m.kind, e.category, e.line));
        rows[role].push(Row {
            term: text,
            kind: m.kind,
            weight: e.weight,
            note: format!("{category} (line {})", e.line),
        });
    }
    lost.sort_by_key(|i| i.line);
    let header = header_comment(source, format, mappings);
    let files: Vec<(String, String)> = roles
        .iter()
        .zip(&rows)
        .map(|(role, rows)| (format!("{role}.csv"), csv_text(&header, rows)))
        .collect();
    // What is written must load: a failure here is rolecall's bug, said as such.
    Lexicon::from_sources(files.clone()).map_err(|e| {
        Error::Invalid(format!(
            "the imported lexicon does not load ({e}); this is a bug in rolecall lexicon import"
        ))
    })?;
    let counts = roles.iter().zip(&rows).map(|(r, rows)| (r.to_string(), rows.len())).collect();
    Ok(Imported { files, counts, dropped, lost })
}

/// Whether category `category` is `mapped` or nested below it.
fn within(category: &str, mapped: &str) -> bool {
    category.eq_ignore_ascii_case(mapped)
        || (category.len() > mapped.len()
            && category.as_bytes()[mapped.len()] == b'.'
            && category.is_char_boundary(mapped.len())
            && category[..mapped.len()].eq_ignore_ascii_case(mapped))
}

fn list_categories(categories: &[String]) -> String {
    const SHOWN: usize = 30;
    let mut s = categories.iter().take(SHOWN).map(String::as_str).collect::<Vec<_>>().join(", ");
    if categories.len() > SHOWN {
        s.push_str(&format!(" … ({} in all)", categories.len()));
    }
    s
}

#[derive(Debug, Clone)]
struct Row {
    term: String,
    kind: TermKind,
    weight: f64,
    note: String,
}

/// A dictionary term as a rolecall term, or why it cannot be one.
/// White space runs become one space; `*` may only end the term.
pub fn convert_term(raw: &str) -> Result<String, String> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err("empty term".into());
    }
    if text.chars().any(char::is_control) {
        return Err("a control character in the term".into());
    }
    if text.contains('<') && text.contains('>') {
        return Err("a LIWC tag (<…>) is not a word to match".into());
    }
    if text.contains('?') {
        return Err(
            "'?' (one-character wildcard) has no rolecall equivalent: only a '*' at the end of a term".into(),
        );
    }
    if let Some(c) =
        text.chars().find(|c| matches!(c, '[' | ']' | '{' | '}' | '^' | '$' | '|' | '\\' | '+' | '(' | ')'))
    {
        return Err(format!(
            "{c:?} looks like pattern (regular expression) syntax, which rolecall does not have: terms are words and phrases"
        ));
    }
    let body = text.strip_suffix('*').unwrap_or(&text);
    if body.starts_with('*') {
        return Err("a wildcard at the start of a term (a suffix match) has no rolecall equivalent".into());
    }
    if body.contains('*') {
        return Err(
            "a wildcard inside a term has no rolecall equivalent: only a '*' at the end of a term".into()
        );
    }
    Ok(text)
}

fn header_comment(source: &str, format: Format, mappings: &[Mapping]) -> String {
    let mut s = format!(
        "# Imported from {} ({}) by `rolecall lexicon import`; format: lexicons/README.md.\n",
        source.replace(['\n', '\r'], " "),
        format_name(format)
    );
    for m in mappings {
        s.push_str(&format!(
            "# category {} -> role {}, kind {}\n",
            m.category.replace(['\n', '\r'], " "),
            m.role,
            m.kind
        ));
    }
    s
}

/// A lexicon CSV: `term,kind,weight,note`. A term starting with `#`
/// would read as a comment line, so then every field is quoted.
fn csv_text(header: &str, rows: &[Row]) -> String {
    let quote = if rows.iter().any(|r| r.term.starts_with('#')) {
        csv::QuoteStyle::Always
    } else {
        csv::QuoteStyle::Necessary
    };
    let mut w = csv::WriterBuilder::new()
        .quote_style(quote)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(["term", "kind", "weight", "note"]);
    for r in rows {
        let weight = if r.weight == 1.0 { String::new() } else { format!("{}", r.weight) };
        let _ = w.write_record([r.term.as_str(), r.kind.as_str(), &weight, &r.note]);
    }
    let body = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    format!("{header}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::dictionary::read;

    fn m(s: &str) -> Mapping {
        s.parse().unwrap()
    }

    #[test]
    fn parses_mappings_and_names_what_is_wrong() {
        assert_eq!(
            m("film.director=director"),
            Mapping { category: "film.director".into(), role: "director".into(), kind: TermKind::Role }
        );
        assert_eq!(m("a=b=producer:activity").category, "a=b");
        assert_eq!(m("x=producer:exclude").kind, TermKind::Exclude);
        for (bad, want) in [
            ("director", "expected CATEGORY=ROLE"),
            ("=director", "no category"),
            ("x=Director", "lower-case"),
            ("x=both", "is a label"),
            ("x=director:weak", "unknown kind \"weak\""),
        ] {
            let got = bad.parse::<Mapping>().unwrap_err();
            assert!(got.contains(want), "{bad}: {got}");
        }
    }

    #[test]
    fn converts_terms_or_says_why_not() {
        assert_eq!(convert_term("  directed   by ").unwrap(), "directed by");
        assert_eq!(convert_term("helm*").unwrap(), "helm*");
        for (bad, want) in [
            ("*direct", "at the start"),
            ("di*rect", "inside"),
            ("direct**", "inside"),
            ("direct?", "'?'"),
            ("(dir|prod)", "pattern"),
            ("kind <of>", "LIWC tag"),
            ("", "empty"),
        ] {
            let got = convert_term(bad).unwrap_err();
            assert!(got.contains(want), "{bad:?}: {got}");
        }
    }

    #[test]
    fn maps_nested_categories_by_longest_path_and_reports_losses() {
        let text = "film:\n  director: [directed by, \"*direct\", helm*]\n  producer: [produced by, directed by]\n  crew: [gaffer]\nweather: [rain]\n";
        let d = read(Format::Yaml, "f.yml", text.as_bytes()).unwrap();
        let maps = [m("film=director:activity"), m("film.director=director"), m("film.producer=producer")];
        let got = import(&d, "f.yml", Format::Yaml, &maps).unwrap();
        assert_eq!(got.counts, [("director".to_string(), 3), ("producer".to_string(), 1)]);
        let lex = Lexicon::from_sources(got.files.clone()).unwrap();
        let terms: Vec<(&str, &str, TermKind)> =
            lex.terms().iter().map(|t| (t.text.as_str(), lex.role_name(t.role), t.kind)).collect();
        assert_eq!(
            terms,
            [
                ("directed by", "director", TermKind::Role),
                ("helm*", "director", TermKind::Role),
                ("gaffer", "director", TermKind::Activity),
                ("produced by", "producer", TermKind::Role),
            ]
        );
        assert_eq!(got.dropped, [("weather".to_string(), 1)]);
        let lost: Vec<(u64, &str)> = got.lost.iter().map(|i| (i.line, i.message.as_str())).collect();
        assert_eq!(lost.len(), 2, "{lost:?}");
        assert_eq!(lost[0].0, 2);
        assert!(lost[0].1.contains("\"*direct\"") && lost[0].1.contains("at the start"), "{lost:?}");
        assert_eq!(lost[1].0, 3);
        assert!(lost[1].1.contains("already imported for role director"), "{lost:?}");
    }

    #[test]
    fn refuses_unknown_or_missing_mappings() {
        let d = read(Format::Liwc, "a.dic", b"%\n1\tdirecting\n%\nhelm*\t1\n").unwrap();
        let e = import(&d, "a.dic", Format::Liwc, &[]).unwrap_err().to_string();
        assert!(e.contains("--role") && e.contains("directing"), "{e}");
        let e = import(&d, "a.dic", Format::Liwc, &[m("money=producer")]).unwrap_err().to_string();
        assert!(e.contains("no category \"money\"") && e.contains("directing"), "{e}");
        let e =
            import(&d, "a.dic", Format::Liwc, &[m("directing=a"), m("DIRECTING=b")]).unwrap_err().to_string();
        assert!(e.contains("mapped twice"), "{e}");
        // Case-insensitive categories.
        assert!(import(&d, "a.dic", Format::Liwc, &[m("Directing=director")]).is_ok());
    }

    #[test]
    fn weights_notes_and_hash_terms_survive_the_csv() {
        let d = read(Format::Dicx, "a.dicx", b"DicTerm,d\n#oscars,X\n\"tone, mood\",0.5\n").unwrap();
        let got = import(&d, "a.dicx", Format::Dicx, &[m("d=director")]).unwrap();
        let lex = Lexicon::from_sources(got.files.clone()).unwrap();
        let terms: Vec<(&str, f64)> = lex.terms().iter().map(|t| (t.text.as_str(), t.weight)).collect();
        assert_eq!(terms, [("#oscars", 1.0), ("tone, mood", 0.5)]);
        assert!(got.files[0].1.starts_with("# Imported from a.dicx (LIWC-22 .dicx)"), "{}", got.files[0].1);
    }
}
