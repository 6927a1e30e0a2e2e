//! `rolecall lexicon check`: problems a lexicon can load with but should not have.
//!
//! Loading already rejects malformed files and exact duplicates. This looks
//! further:
//!
//! - **shadowed**: a counting term of one role lies, as whole words, inside
//!   a longer counting term of another role, so wherever the longer one
//!   appears the shorter never counts for its own role (unless the longer
//!   term's note declares it, with `takes "SHORTER"`, and keeps the
//!   shorter's `needs` and `unless` sets: "filming technique" is camera
//!   work, so it takes "filming" from the producer on purpose);
//! - **never matches**: a term that does not match even its own text (its
//!   text is always claimed by another term, or normalisation changes it);
//! - **wide wildcard**: a `*` term that matched more than a limit of
//!   distinct words in sample text (a prefix that is too short).

use std::collections::{BTreeSet, HashMap};

use crate::lexicon::{Lexicon, Term, TermId};
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

/// The distinct pieces of `outer` that stand as whole words: each slice
/// that starts at the start or after a character that is not a word
/// character and ends at the end or before one, shorter than `outer`.
fn word_pieces(outer: &str) -> BTreeSet<&str> {
    let mut starts = vec![0];
    let mut ends = Vec::new();
    for (i, c) in outer.char_indices() {
        if !is_word_char(c) {
            ends.push(i);
            starts.push(i + c.len_utf8());
        }
    }
    ends.push(outer.len());
    let mut pieces = BTreeSet::new();
    for &a in &starts {
        for &b in ends.iter().filter(|&&b| b > a) {
            if b - a < outer.len() {
                pieces.insert(&outer[a..b]);
            }
        }
    }
    pieces
}

/// True when `note` declares that its term takes `shorter` from another role
/// on purpose: it holds `takes "SHORTER"` (as written in the lexicon, case
/// and all).
fn takes(note: &str, shorter: &str) -> bool {
    note.contains(&format!("takes \"{shorter}\""))
}

/// True when `longer` keeps the context rules of `shorter`, which it takes
/// from another role: the same `needs` set (or `shorter` has none) and every
/// `unless` set of `shorter`. A take that drops a guard ("shooting style"
/// without the screen context that bare "shooting", also gunfire, needs)
/// is still reported.
fn keeps_guards(shorter: &Term, longer: &Term) -> bool {
    (shorter.needs.is_none() || shorter.needs == longer.needs)
        && shorter.unless.iter().all(|s| longer.unless.contains(s))
}

/// A counting term lying as whole words inside a longer counting term of
/// another role. Each term's whole-word pieces are looked up by pattern (not
/// every pair of terms compared: a million-term lexicon is checked in
/// seconds); findings come in the order of the shorter term, then the longer.
fn shadowed(lex: &Lexicon, out: &mut Vec<Finding>) {
    let terms = lex.terms();
    // A built-in term (`<money>`) has no words to lie inside.
    let counting: Vec<usize> =
        (0..terms.len()).filter(|&i| terms[i].kind.counts() && terms[i].builtin.is_none()).collect();
    let mut by_pattern: HashMap<&str, Vec<usize>> = HashMap::new();
    for &i in &counting {
        by_pattern.entry(terms[i].pattern.as_str()).or_default().push(i);
    }
    let mut pairs = Vec::new();
    for &ui in &counting {
        let u = &terms[ui];
        for piece in word_pieces(&u.pattern) {
            for &ti in by_pattern.get(piece).into_iter().flatten() {
                if terms[ti].role != u.role
                    && !(takes(&u.note, &terms[ti].text) && keeps_guards(&terms[ti], u))
                {
                    pairs.push((ti, ui));
                }
            }
        }
    }
    pairs.sort_unstable();
    for (ti, ui) in pairs {
        let (t, u) = (&terms[ti], &terms[ui]);
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

fn never_matches(lex: &Lexicon, matcher: &Matcher, out: &mut Vec<Finding>) {
    let mut scratch = Scratch::default();
    let mut found = Vec::new();
    for (i, t) in lex.terms().iter().enumerate() {
        found.clear();
        // A wildcard term is tried on a longer word, where a plain term of
        // the same text cannot take it.
        // (A class term is tried with a word of its class after it, or
        // before it, and a leading-hyphen term with a word before it: "x-style".)
        let mut own = match (t.builtin, t.next) {
            (Some(b), _) => b.example().to_string(),
            (None, _) if t.wildcard => format!("{}zz", t.pattern),
            (None, Some(class)) => format!("{} {}", t.pattern, class.example()),
            (None, None) => t.pattern.clone(),
        };
        // A term that opens with a class comes right after a word of it:
        // "Vancouver Productions" (a capital, as a name's part is written).
        if let (None, Some(class)) = (t.builtin, t.prev) {
            let mut chars = own.chars();
            let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
            own = format!("{} {first}{}", class.example(), chars.as_str());
        }
        if t.builtin.is_none() && super::compound_part(&own).is_some() {
            own.insert(0, 'x');
        }
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
        // A longer term whose note says it takes the shorter one on purpose.
        let declared = lex(
            "term,kind\ndirector,role\n",
            "term,kind,note\nproducer,role,\nproducer director,role,takes \"director\" on purpose\n",
        );
        assert!(check(&declared, &[], 15).is_empty());
        let other =
            lex("term,kind\ndirector,role\n", "term,kind,note\nproducer director,role,takes \"direct\"\n");
        assert_eq!(check(&other, &[], 15).len(), 1, "the note names another term");
        let guarded = |longer: &str| {
            Lexicon::from_sources([
                ("context.csv".to_string(), "term,set\nfilm,screen\n".to_string()),
                ("director.csv".to_string(), "term,kind,needs\ndirector,role,screen\n".to_string()),
                ("producer.csv".to_string(), format!("term,kind,needs,note\n{longer}\n")),
            ])
            .unwrap()
        };
        let dropped = guarded("producer director,role,,takes \"director\"");
        assert_eq!(check(&dropped, &[], 15).len(), 1, "the longer term drops the shorter's needs");
        let kept = guarded("producer director,role,screen,takes \"director\"");
        assert!(check(&kept, &[], 15).is_empty());
        // Under the limit: no finding.
        assert!(check(&l, &["film fish".to_string()], 5).iter().all(|x| x.kind != "wide-wildcard"));
    }
}
