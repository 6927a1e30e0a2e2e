//! quanteda's YAML dictionaries (`dictionary(file = "x.yml")`,
//! `as.yaml(dict)` in R).
//!
//! ```text
//! film:
//!   director: [directed by, "helm*"]
//!   producer:
//!     - produced by
//!     - box office
//! weather: [rain, snow]
//! ```
//!
//! The document is a mapping. A key whose value is a list of strings (or
//! one string) is a category with those terms; a key whose value is a
//! mapping holds nested categories, named by their path (`film.director`);
//! a list may also hold mappings (nested categories beside terms). `*`
//! is a glob, as in rolecall only at a term's end; quanteda's `?` is
//! reported. Anchors and aliases are reported, not followed. Parsed with
//! the `yaml-rust2` crate's event parser, which gives every scalar its
//! line.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::yaml::{Hash, Yaml};
use yaml_rust2::{YamlEmitter, yaml};

use super::{Dictionary, Entry, Nested, err};
use crate::error::Error;

/// Nesting deeper than this is refused (no dictionary is that deep; the
/// limit keeps the recursion bounded).
const MAX_DEPTH: usize = 64;

#[derive(Default)]
struct Events(Vec<(Event, u64)>);

impl MarkedEventReceiver for Events {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        self.0.push((ev, mark.line() as u64));
    }
}

/// Reads a quanteda YAML dictionary's text (see the module doc).
///
/// # Errors
/// YAML that does not parse (with the parser's line and message), more
/// than one document, a document that is not a mapping, a key that is not
/// a plain string, or nesting deeper than 64: [`Error::Lexicon`].
pub fn read(file: &str, text: &str) -> Result<Dictionary, Error> {
    let mut events = Events::default();
    Parser::new_from_str(text).load(&mut events, true).map_err(|e| {
        err(
            file,
            e.marker().line() as u64,
            format!("not valid YAML: {}; fix the file there (or give --format if it is not YAML)", e.info()),
        )
    })?;
    let mut d = Dictionary::default();
    let mut r = Reader { file, events: &events.0, at: 0 };
    let mut documents = 0;
    while let Some((ev, line)) = r.next() {
        match ev {
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(err(
                        file,
                        line,
                        "a second YAML document: a dictionary is one document".into(),
                    ));
                }
                match r.peek() {
                    Some((Event::MappingStart(..), _)) => {
                        r.next();
                        r.mapping(&mut d, "", 1)?;
                    }
                    // An empty document (comments only).
                    Some((Event::DocumentEnd, _)) => {}
                    Some((Event::Scalar(s, TScalarStyle::Plain, ..), _)) if is_null(s) => {
                        r.next();
                    }
                    Some((_, line)) => {
                        return Err(err(
                            file,
                            line,
                            "the dictionary must be a mapping of category names to lists of terms (category: [term, …])".into(),
                        ));
                    }
                    None => {}
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
            _ => return Err(err(file, line, "unexpected YAML structure".into())),
        }
    }
    Ok(d)
}

/// A plain scalar that YAML reads as null.
fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

struct Reader<'a> {
    file: &'a str,
    events: &'a [(Event, u64)],
    at: usize,
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Option<(&'a Event, u64)> {
        let e = self.events.get(self.at)?;
        self.at += 1;
        Some((&e.0, e.1))
    }

    fn peek(&self) -> Option<(&'a Event, u64)> {
        self.events.get(self.at).map(|e| (&e.0, e.1))
    }

    /// Skips the rest of a node whose start event was just read.
    fn skip(&mut self, start: &Event) {
        if !matches!(start, Event::MappingStart(..) | Event::SequenceStart(..)) {
            return;
        }
        let mut depth = 1usize;
        while depth > 0 {
            match self.next() {
                Some((Event::MappingStart(..) | Event::SequenceStart(..), _)) => depth += 1,
                Some((Event::MappingEnd | Event::SequenceEnd, _)) => depth -= 1,
                Some(_) => {}
                None => return,
            }
        }
    }

    /// Reads a mapping's entries (its start event read) up to its end.
    fn mapping(&mut self, d: &mut Dictionary, path: &str, depth: usize) -> Result<(), Error> {
        if depth > MAX_DEPTH {
            let line = self.peek().map_or(0, |p| p.1);
            return Err(err(self.file, line, format!("categories nested more than {MAX_DEPTH} deep")));
        }
        loop {
            let Some((key, line)) = self.next() else { return Ok(()) };
            let name = match key {
                Event::MappingEnd => return Ok(()),
                Event::Scalar(s, ..) if !s.trim().is_empty() => s.trim(),
                _ => {
                    return Err(err(self.file, line, "a category name must be a plain string".into()));
                }
            };
            let cat_path = if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
            let category = d.category(&cat_path);
            let Some((value, vline)) = self.next() else { return Ok(()) };
            self.value(d, value, vline, &cat_path, category, depth)?;
        }
    }

    /// Reads the value of category `category` (at `path`).
    fn value(
        &mut self,
        d: &mut Dictionary,
        value: &Event,
        line: u64,
        path: &str,
        category: usize,
        depth: usize,
    ) -> Result<(), Error> {
        match value {
            Event::Scalar(s, style, ..) => {
                if !(*style == TScalarStyle::Plain && is_null(s)) {
                    d.entries.push(Entry { term: s.trim().to_string(), category, weight: 1.0, line });
                }
            }
            Event::MappingStart(..) => self.mapping(d, path, depth + 1)?,
            Event::SequenceStart(..) => {
                loop {
                    let Some((item, iline)) = self.next() else { return Ok(()) };
                    match item {
                        Event::SequenceEnd => break,
                        Event::Scalar(..) => self.value(d, item, iline, path, category, depth)?,
                        Event::MappingStart(..) => self.mapping(d, path, depth + 1)?,
                        Event::SequenceStart(..) => {
                            d.issue(iline, format!("category {path:?}: a list inside a list is not a dictionary entry; skipped"));
                            self.skip(item);
                        }
                        Event::Alias(_) => alias(d, iline, path),
                        _ => {}
                    }
                }
            }
            Event::Alias(_) => alias(d, line, path),
            _ => return Err(err(self.file, line, "unexpected YAML structure".into())),
        }
        Ok(())
    }
}

fn alias(d: &mut Dictionary, line: u64, path: &str) {
    d.issue(line, format!("category {path:?}: YAML aliases (*name) are not followed; skipped"));
}

/// Writes a nested dictionary as YAML (with the `yaml-rust2` emitter):
/// `groups` are `(outer key, [(inner key, terms)])`, so each term list is
/// the category `OUTER.INNER`. `comment` lines come first, each after `# `.
pub fn write(comment: &[String], groups: &Nested<String>) -> String {
    let mut root = Hash::new();
    for (outer, inner) in groups {
        let mut h = Hash::new();
        for (key, terms) in inner {
            let list = terms.iter().map(|t| Yaml::String(t.clone())).collect();
            h.insert(Yaml::String(key.clone()), Yaml::Array(list));
        }
        root.insert(Yaml::String(outer.clone()), Yaml::Hash(h));
    }
    let mut body = String::new();
    // Emitting strings into a String cannot fail.
    let _ = YamlEmitter::new(&mut body).dump(&yaml::Yaml::Hash(root));
    let mut out = String::new();
    for line in comment {
        out.push_str(if line.is_empty() { "#" } else { "# " });
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&body);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(d: &Dictionary) -> Vec<(String, String, u64)> {
        d.entries.iter().map(|e| (e.term.clone(), d.categories[e.category].clone(), e.line)).collect()
    }

    #[test]
    fn reads_nested_keys_as_paths_with_lines() {
        let text = "# a comment\nfilm:\n  director: [directed by, \"helm*\"]\n  producer:\n    - produced by\n    - 12\n    - sub:\n        - x\nweather: rain\nempty:\n";
        let d = read("a.yml", text).unwrap();
        assert_eq!(
            d.categories,
            ["film", "film.director", "film.producer", "film.producer.sub", "weather", "empty"]
        );
        let t = terms(&d);
        let want = [
            ("directed by", "film.director", 3),
            ("helm*", "film.director", 3),
            ("produced by", "film.producer", 5),
            ("12", "film.producer", 6),
            ("x", "film.producer.sub", 8),
            ("rain", "weather", 9),
        ];
        let want: Vec<(String, String, u64)> =
            want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), *c)).collect();
        assert_eq!(t, want);
        assert!(d.issues.is_empty(), "{:?}", d.issues);
    }

    #[test]
    fn reports_aliases_and_nested_lists() {
        let d = read("a.yml", "a: &x [one]\nb: *x\nc: [[two], three]\n").unwrap();
        assert_eq!(d.entries.len(), 2);
        let lines: Vec<u64> = d.issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, [2, 3], "{:?}", d.issues);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("a: [x\nb: y\n", "a.yml:"),
            ("- x\n- y\n", "a.yml:1: the dictionary must be a mapping"),
            ("a: x\n---\nb: y\n", "a.yml:2: a second YAML document"),
            ("? [k]\n: v\n", "a.yml:1: a category name must be a plain string"),
        ];
        for (text, want) in cases {
            let got = read("a.yml", text).unwrap_err().to_string();
            assert!(got.starts_with(want), "{text:?}: want {want:?}, got {got:?}");
        }
        let deep = "{a: ".repeat(70) + "x" + &"}".repeat(70);
        let got = read("a.yml", &deep);
        assert!(got.is_err(), "{got:?}");
        let deep = "[".repeat(100_000);
        assert!(read("a.yml", &deep).is_err());
    }

    #[test]
    fn writes_comments_and_quotes_what_needs_it() {
        let text = write(
            &["made by a test".into(), String::new()],
            &[(
                "director".into(),
                vec![("role".into(), vec!["directed by".into(), "yes".into(), "12".into(), "helm*".into()])],
            )],
        );
        assert!(text.starts_with("# made by a test\n#\n"), "{text}");
        let d = read("a.yml", &text).unwrap();
        assert_eq!(d.categories, ["director", "director.role"]);
        let got: Vec<&str> = d.entries.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(got, ["directed by", "yes", "12", "helm*"]);
    }
}
