//! `rolecall lexicon check`: problems a lexicon can load with but should not have.
//!
//! Loading already rejects malformed files and exact duplicates. This looks
//! further:
//!
//! - **shadowed**: a counting term of one role lies, as whole words, inside
//!   a longer counting term of another role, so wherever the longer one
//!   appears the shorter never counts for its own role;
//! - **never matches**: a term that does not match even its own text (its
//!   text is always claimed by another term, or normalisation changes it);
//! - **wide wildcard**: a `*` term that matched more than a limit of
//!   distinct words in sample text (a prefix that is too short).

use std::collections::BTreeSet;

use crate::lexicon::{Lexicon, TermId};
use crate::matcher::{Matcher, Scratch};
use crate::text::normalize::is_word_char;

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `shadowed`, `never-matches`, `wide-wildcard` or `uncompilable`.
    pub kind: &'static str,
    /// `file:line` of the term concerned.
    pub origin: String,
    /// What is wrong.
    pub message: String,
}

/// Runs every check; `samples` are texts for the wildcard check (none: skipped).
pub fn check(lexicon: &Lexicon, samples: &[String], max_wildcard_words: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    shadowed(lexicon, &mut out);
    let matcher = match Matcher::new(lexicon) {
        Ok(m) => m,
        Err(e) => {
            out.push(Finding { kind: "uncompilable", origin: "lexicon".into(), message: e.to_string() });
            return out;
        }
    };
    never_matches(lexicon, &matcher, &mut out);
    wide_wildcards(lexicon, &matcher, samples, max_wildcard_words, &mut out);
    out
}

/// True when `inner` occurs in `outer` as whole words.
fn contains_words(outer: &str, inner: &str) -> bool {
    outer.match_indices(inner).any(|(i, _)| {
        let before = outer[..i].chars().next_back();
        let after = outer[i + inner.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

fn shadowed(lex: &Lexicon, out: &mut Vec<Finding>) {
    let counting: Vec<_> = lex.terms().iter().filter(|t| t.kind.counts()).collect();
    for t in &counting {
        for u in &counting {
            if u.role != t.role && u.pattern.len() > t.pattern.len() && contains_words(&u.pattern, &t.pattern)
            {
                out.push(Finding {
                    kind: "shadowed",
                    origin: t.origin.to_string(),
                    message: format!(
                        "{:?} ({}) lies inside {:?} ({}, {}): there it counts for {} only",
                        t.text,
                        lex.role_name(t.role),
                        u.text,
                        lex.role_name(u.role),
                        u.origin,
                        lex.role_name(u.role)
                    ),
                });
            }
        }
    }
}

fn never_matches(lex: &Lexicon, matcher: &Matcher, out: &mut Vec<Finding>) {
    let mut scratch = Scratch::default();
    let mut found = Vec::new();
    for (i, t) in lex.terms().iter().enumerate() {
        found.clear();
        // A wildcard term is tried on a longer word, where a plain term of
        // the same text cannot take it.
        let own = if t.wildcard { format!("{}zz", t.pattern) } else { t.pattern.clone() };
        matcher.find(&own, &mut scratch, &mut found);
        let me = TermId(i as u32);
        if !found.iter().any(|m| m.term == me) {
            let by = found.first().map_or("nothing".to_string(), |m| format!("{:?}", lex.term(m.term).text));
            out.push(Finding {
                kind: "never-matches",
                origin: t.origin.to_string(),
                message: format!("{:?} does not match its own text (taken by {by})", t.text),
            });
        }
    }
}

fn wide_wildcards(lex: &Lexicon, matcher: &Matcher, samples: &[String], max: usize, out: &mut Vec<Finding>) {
    let wild: Vec<usize> = (0..lex.terms().len()).filter(|&i| lex.terms()[i].wildcard).collect();
    if wild.is_empty() || samples.is_empty() {
        return;
    }
    let mut scratch = Scratch::default();
    let mut words: Vec<BTreeSet<String>> = vec![BTreeSet::new(); lex.terms().len()];
    let mut found = Vec::new();
    for text in samples {
        found.clear();
        matcher.find(text, &mut scratch, &mut found);
        for m in &found {
            if lex.term(m.term).wildcard {
                words[m.term.index()].insert(text[m.span.range()].to_lowercase());
            }
        }
    }
    for i in wild {
        let t = &lex.terms()[i];
        let w = &words[i];
        if w.len() > max {
            let shown: Vec<&str> = w.iter().take(12).map(String::as_str).collect();
            out.push(Finding {
                kind: "wide-wildcard",
                origin: t.origin.to_string(),
                message: format!(
                    "{:?} matched {} distinct words in the sample (limit {max}): {}{}",
                    t.text,
                    w.len(),
                    shown.join(", "),
                    if w.len() > shown.len() { ", …" } else { "" }
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(d: &str, p: &str) -> Lexicon {
        Lexicon::from_sources([
            ("director.csv".to_string(), d.to_string()),
            ("producer.csv".to_string(), p.to_string()),
        ])
        .unwrap()
    }

    #[test]
    fn shipped_lexicons_pass() {
        let findings = check(&Lexicon::builtin(), &[], 15);
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn finds_shadowed_terms_and_wide_wildcards() {
        let l = lex(
            "term,kind\ndirector,role\nfi*,activity\n",
            "term,kind\nproducer,role\nproducer director,role\n",
        );
        let sample = "film fight fish fig final finance fire first fit five fix".to_string();
        let f = check(&l, &[sample], 5);
        let kinds: Vec<&str> = f.iter().map(|x| x.kind).collect();
        assert_eq!(kinds, ["shadowed", "wide-wildcard"], "{f:#?}");
        assert!(f[0].message.contains("\"director\" (director) lies inside \"producer director\""));
        assert_eq!(f[0].origin, "director.csv:2");
        assert!(f[1].message.contains("11 distinct words"), "{}", f[1].message);
        // Under the limit: no finding.
        assert!(check(&l, &["film fish".to_string()], 5).iter().all(|x| x.kind != "wide-wildcard"));
    }
}
