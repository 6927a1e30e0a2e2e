//! rolecall tags sentences of film journalism and credits as being about the
//! **director** (creative vision), the **producer** (getting the film made
//! and out), **both**, or **none**, using keyword lexicons, and writes CSV
//! summaries a researcher can audit.
//!
//! The pipeline has one module per stage:
//! [`read`] (files, and [`records`] for JSON Lines, CSV/TSV, WARC/WET and
//! gzip) → [`segment`] → [`matcher`] (over [`normalize`]d text, with a
//! [`lexicon`]) → [`tag`] → [`summary`] → [`write`](mod@write), driven by
//! [`scan`]; [`merge`] combines the outputs of several scans into one.
//! Around it: [`eval`] (accuracy against hand labels), [`explain`] (why a
//! text got its tags), [`check`] (lexicon problems) and [`generate`] (a
//! deterministic benchmark corpus).
//!
//! ```
//! use rolecall::{Lexicon, Tagger, segment::UnitMode};
//!
//! let lexicon = Lexicon::builtin();
//! let tagger = Tagger::new(lexicon.clone(), UnitMode::Sentence);
//! let credits = "Directed by Jane Campion\nProduced by Jan Chapman\nDirector of Photography Stuart Dryburgh";
//! let doc = tagger.tag_text(credits);
//! for (i, unit) in doc.units.iter().enumerate() {
//!     let terms: Vec<&str> = doc.matches_of(i).iter().map(|m| lexicon.term(m.term).text.as_str()).collect();
//!     println!("{:9} {:?} {}", unit.label.name(&lexicon), terms, &credits[unit.span.range()]);
//! }
//! assert_eq!(doc.units[2].label.name(&lexicon), "none"); // a camera crew role
//! ```

#![warn(missing_docs)]

mod bitmap;
pub mod check;
pub mod error;
pub mod eval;
pub mod explain;
pub mod generate;
pub mod lexicon;
pub mod matcher;
pub mod merge;
pub mod normalize;
pub mod progress;
pub mod read;
pub mod records;
pub mod scan;
pub mod segment;
pub mod span;
pub mod summary;
pub mod tag;
pub mod topic;
pub mod write;

pub use error::Error;
pub use lexicon::Lexicon;
pub use matcher::Matcher;
pub use tag::{Label, Tagger};
