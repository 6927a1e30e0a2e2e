//! Writing the outputs: the [`schema`] (file names, headers), [`rows`]
//! rendered on the workers, the end-of-run [`tables`], files that appear
//! only when whole ([`atomic`]), the output folder's [`lock`], the
//! per-document figures they add up ([`summary`]) and their [`groups`],
//! and [`merge`] of several scans' outputs. Tables are written as CSV or
//! Parquet ([`table`], [`parquet`]).
//!
//! All CSV is RFC 4180 (CRLF line ends), UTF-8, with a header row.

pub mod atomic;
pub mod groups;
pub mod lock;
pub mod merge;
pub mod parquet;
pub mod rows;
pub mod schema;
pub mod summary;
pub mod table;
pub mod tables;

pub use atomic::{
    Abandoned, AtomicFile, EARLY_SYNC_BYTES, TEMP_PREFIX, abandon, commit_all, commit_replacing, temp_files,
};
pub use lock::{LOCK_FILE, OutLock};
pub use rows::{
    Base, Offsets, RowBlock, RowFormat, SentenceRows, csv_bytes, csv_memory_writer, document_json,
    document_row, error_row, sentence_rows,
};
pub use schema::{ERRORS_HEADER, OUTPUT_FILES, PARTIAL_SUFFIX, documents_header, sentences_header};
pub use table::{OutputFormat, TableFile};
pub use tables::{
    MONTH_RULE, PeopleCounts, RowOptions, RunInfo, UNRECORDED, peak_rss_bytes, write_groups, write_people,
    write_run_json, write_summary, write_terms,
};
