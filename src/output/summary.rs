//! Counting: per-document figures and the corpus totals built from them.
//!
//! A [`DocSummary`] is computed in the worker that tagged the document;
//! [`Totals`] adds them up in document order on the writing thread, so the
//! result is the same whatever the number of threads.

use crate::lexicon::{Lexicon, TermId};
use crate::tag::TaggedDoc;

/// One document's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSummary {
    /// The document id.
    pub id: String,
    /// Input size in bytes.
    pub bytes: u64,
    /// Number of units.
    pub units: u64,
    /// Units per label, in [`crate::tag::label_names`] order.
    pub labels: Vec<u64>,
    /// Matches per term, sorted by term, zero counts left out.
    pub terms: Vec<(TermId, u64)>,
    /// The document-level film decision ([`TaggedDoc::screen_document`]).
    pub about_film: bool,
    /// The screen signals behind it ([`TaggedDoc::screen_signals`]).
    pub film_signals: u64,
    /// The document's field values
    /// ([`crate::input::fields::DocFields::columns`] order): `None` for a
    /// record field the record lacks. Empty when no fields are kept.
    pub fields: Vec<Option<String>>,
    /// The record's field names, given only when a kept field or one of
    /// several text fields is missing.
    pub fields_seen: Vec<String>,
    /// With several text fields: whether the record has each, in order
    /// (see [`crate::input::records::Extracted::texts_found`]). Empty for
    /// one text field or a document that is not a record.
    pub texts_found: Vec<bool>,
}

impl DocSummary {
    /// Counts the units and matches of a tagged document.
    pub fn new(id: &str, bytes: u64, doc: &TaggedDoc, lexicon: &Lexicon) -> DocSummary {
        let n_roles = lexicon.roles().len();
        let mut labels = vec![0u64; n_roles + 2];
        for u in &doc.units {
            labels[u.label.index(n_roles)] += 1;
        }
        let mut ids: Vec<TermId> = doc.matches.iter().map(|m| m.term).collect();
        ids.sort_unstable();
        let mut terms: Vec<(TermId, u64)> = Vec::new();
        for id in ids {
            match terms.last_mut() {
                Some((t, n)) if *t == id => *n += 1,
                _ => terms.push((id, 1)),
            }
        }
        DocSummary {
            id: id.to_string(),
            bytes,
            units: doc.units.len() as u64,
            labels,
            terms,
            about_film: doc.screen_document,
            film_signals: doc.screen_signals as u64,
            fields: Vec::new(),
            fields_seen: Vec::new(),
            texts_found: Vec::new(),
        }
    }
}

impl DocSummary {
    /// No units yet: the start of a document read in blocks.
    pub fn empty(id: &str, n_labels: usize) -> DocSummary {
        DocSummary {
            id: id.to_string(),
            bytes: 0,
            units: 0,
            labels: vec![0; n_labels],
            terms: Vec::new(),
            about_film: false,
            film_signals: 0,
            fields: Vec::new(),
            fields_seen: Vec::new(),
            texts_found: Vec::new(),
        }
    }

    /// Adds the figures of another block of the same document.
    pub fn absorb(&mut self, other: &DocSummary) {
        self.bytes += other.bytes;
        self.units += other.units;
        self.about_film |= other.about_film;
        self.film_signals += other.film_signals;
        for (a, b) in self.labels.iter_mut().zip(&other.labels) {
            *a += b;
        }
        let mut merged = Vec::with_capacity(self.terms.len() + other.terms.len());
        let (mut i, mut j) = (0, 0);
        while i < self.terms.len() || j < other.terms.len() {
            match (self.terms.get(i), other.terms.get(j)) {
                (Some(&(a, n)), Some(&(b, m))) if a == b => {
                    merged.push((a, n + m));
                    i += 1;
                    j += 1;
                }
                (Some(&(a, n)), Some(&(b, _))) if a < b => {
                    merged.push((a, n));
                    i += 1;
                }
                (_, Some(&x)) => {
                    merged.push(x);
                    j += 1;
                }
                (Some(&x), None) => {
                    merged.push(x);
                    i += 1;
                }
                (None, None) => unreachable!("loop condition"),
            }
        }
        self.terms = merged;
    }
}

/// Corpus totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Documents tagged.
    pub documents: u64,
    /// Inputs skipped (unreadable, binary, not files…).
    pub skipped: u64,
    /// Documents repaired (invalid UTF-8) but tagged.
    pub repaired: u64,
    /// Bytes of the tagged documents.
    pub bytes: u64,
    /// Units of the tagged documents.
    pub units: u64,
    /// Units per label, in [`crate::tag::label_names`] order.
    pub labels: Vec<u64>,
    /// Matches per term, indexed by term id.
    pub term_hits: Vec<u64>,
    /// Documents with at least one match, per term.
    pub term_docs: Vec<u64>,
}

impl Totals {
    /// Empty totals for `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Totals {
        let n = lexicon.terms().len();
        Totals {
            documents: 0,
            skipped: 0,
            repaired: 0,
            bytes: 0,
            units: 0,
            labels: vec![0; lexicon.roles().len() + 2],
            term_hits: vec![0; n],
            term_docs: vec![0; n],
        }
    }

    /// Adds one document.
    pub fn add(&mut self, doc: &DocSummary) {
        self.documents += 1;
        self.bytes += doc.bytes;
        self.units += doc.units;
        for (t, d) in self.labels.iter_mut().zip(&doc.labels) {
            *t += d;
        }
        for &(id, n) in &doc.terms {
            self.term_hits[id.index()] += n;
            self.term_docs[id.index()] += 1;
        }
    }

    /// Share of units with label index `i`: `None` when there are no
    /// units (0 of 0 is no share; `summary.csv` leaves its cell empty, as
    /// `groups.csv` does for a group of no units).
    pub fn share(&self, i: usize) -> Option<f64> {
        (self.units > 0).then(|| self.labels[i] as f64 / self.units as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::Tagger;
    use crate::text::segment::UnitMode;

    #[test]
    fn counts_add_up() {
        let lex = Lexicon::builtin();
        let tagger = Tagger::new(lex.clone(), UnitMode::Sentence).unwrap();
        let text = "The producer met the director. The producer left. Rain fell.";
        let doc = tagger.tag_text(text);
        let s = DocSummary::new("a", text.len() as u64, &doc, &lex);
        assert_eq!(s.units, 3);
        assert_eq!(s.labels.iter().sum::<u64>(), 3);
        let mut t = Totals::new(&lex);
        t.add(&s);
        t.add(&s);
        assert_eq!(t.documents, 2);
        assert_eq!(t.units, 6);
        let producer = lex.terms().iter().position(|x| x.text == "producer").unwrap();
        assert_eq!(t.term_hits[producer], 4);
        assert_eq!(t.term_docs[producer], 2);
        let shares: f64 = (0..4).map(|i| t.share(i).unwrap()).sum();
        // Two blocks absorbed make the same figures as the whole.
        let (a, b) = text.split_at(text.find(" The producer left").unwrap());
        let mut sa = DocSummary::new("a", a.len() as u64, &tagger.tag_text(a), &lex);
        sa.absorb(&DocSummary::new("a", b.len() as u64, &tagger.tag_text(b.trim_start()), &lex));
        assert_eq!(sa.units, s.units);
        assert_eq!(sa.labels, s.labels);
        assert_eq!(sa.terms, s.terms);
        assert!((shares - 1.0).abs() < 1e-9);
    }

    #[test]
    fn no_units_is_no_share() {
        let lex = Lexicon::builtin();
        let tagger = Tagger::new(lex.clone(), UnitMode::Sentence).unwrap();
        let mut t = Totals::new(&lex);
        t.add(&DocSummary::new("blank", 3, &tagger.tag_text("   "), &lex));
        assert_eq!((t.documents, t.units), (1, 0));
        assert!((0..t.labels.len()).all(|i| t.share(i).is_none()));
    }
}
