//! The integration tests, as one test binary: each module was once a file
//! of its own under `tests/`, and each linked the library (html5ever and
//! all) again. `cargo test --test it MODULE::` runs one module.
//!
//! Tests that need `../shared` (the data beside the project) take its paths
//! from [`util::shared`]: when a file is absent they return early after a
//! `skipped: MODULE::TEST: ../shared/… not found` line that `cargo test`
//! shows, so a run without it never passes in silence.
//!
//! proptest keeps the failing cases of `properties.rs` in
//! `tests/proptest-regressions/properties.txt`: with a `main.rs` in this
//! folder, its default (`SourceParallel`) puts them in a `proptest-regressions`
//! folder beside this one, by the source file's path below it.

mod util;

mod accuracy;
mod cli;
mod dictionaries;
mod evidence;
mod groups;
mod hostile;
mod labels_spec;
mod merge;
mod outputs;
mod parquet;
mod people;
mod properties;
mod records;
mod report;
mod robustness;
mod scaling;
mod segmentation_suite;
mod streams;
