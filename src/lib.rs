//! rolecall tags sentences of film journalism and credits as being about the
//! **director** (creative vision), the **producer** (getting the film made
//! and out), **both**, or **none**, using keyword lexicons, and writes CSV
//! summaries a researcher can audit.
//!
//! The pipeline has one module per stage, in the order data flows:
//! [`input`] (finding files, opening them, decoding bytes to text, and
//! [`input::records`] for JSON Lines, CSV/TSV, WARC/WET and gzip) →
//! [`text`] (spans, folding, [`text::segment`]ation into units) →
//! [`matcher`] (lexicon terms found in a unit, with a [`lexicon`]) →
//! [`tag`] (rules that turn matches into labels) → [`output`] (rows,
//! tables, atomic files), driven by [`scan`]; [`output::merge`] combines
//! the outputs of several scans into one. Around it: [`eval`] (accuracy
//! against hand labels), [`tag::explain`] (why a text got its tags),
//! [`lexicon::check`] (lexicon problems) and [`generate`] (a deterministic
//! benchmark corpus). `ARCHITECTURE.md` walks through the whole.
//!
//! ```
//! use rolecall::{Lexicon, Tagger, text::segment::UnitMode};
//!
//! let lexicon = Lexicon::builtin();
//! let tagger = Tagger::new(lexicon.clone(), UnitMode::Sentence).unwrap();
//! let credits = "Directed by Jane Campion\nProduced by Jan Chapman\nDirector of Photography Stuart Dryburgh";
//! let doc = tagger.tag_text(credits);
//! for (i, unit) in doc.units.iter().enumerate() {
//!     let terms: Vec<&str> = doc.matches_of(i).iter().map(|m| lexicon.term(m.term).text.as_str()).collect();
//!     println!("{:9} {:?} {}", unit.label.name(&lexicon), terms, &credits[unit.span.range()]);
//! }
//! assert_eq!(doc.units[2].label.name(&lexicon), "none"); // a camera crew role
//! ```

#![warn(missing_docs)]

pub mod error;
pub mod eval;
pub mod generate;
pub mod input;
pub mod lexicon;
pub mod matcher;
pub mod output;
pub mod people;
#[cfg(feature = "report")]
pub mod report;
pub mod scan;
pub mod tag;
pub mod text;

pub use error::Error;
pub use lexicon::Lexicon;
pub use matcher::Matcher;
pub use tag::{Label, Tagger};
