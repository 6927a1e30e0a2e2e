//! Text as the tagger sees it: byte [`span`]s into the original text, its
//! [`normalize`]d (folded) form for matching, and its [`segment`]ation into
//! units (sentences, credit lines, headings).

pub(crate) mod bitmap;
pub mod blocks;
pub mod normalize;
pub mod segment;
pub mod span;
