//! The library's error type: everything that stops a command as a whole.
//!
//! A bad input file does not stop a scan; it becomes a [`crate::input::Problem`]
//! row in `errors.csv`. These errors are for what makes the whole run
//! impossible: a missing input path, a broken lexicon, an unwritable output.

use std::io;
use std::path::{Path, PathBuf};

/// An error that ends a command (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A lexicon file is malformed: `file:line: message`.
    #[error("{file}:{line}: {message}")]
    Lexicon {
        /// The lexicon file.
        file: String,
        /// 1-based line (0 when the problem is the file as a whole).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// An input path given on the command line does not exist.
    #[error("{}: no such file or folder; check the path (inputs are checked before any is read, so nothing was read)", path.display())]
    NoSuchInput {
        /// The path as given.
        path: PathBuf,
    },
    /// The output folder already holds an earlier run's files.
    #[error(
        "{}: holds the outputs of an earlier run ({files}); pass --force to replace them",
        dir.display()
    )]
    OutputExists {
        /// The output folder.
        dir: PathBuf,
        /// The files found there.
        files: String,
    },
    /// Another run holds the output folder's lock (see
    /// [`crate::output::lock`]).
    #[error(
        "{}: another rolecall run{} is writing its outputs into this folder; wait for it to end or give another output folder. Its lock on {} is released when that process ends; if no such process is running (a network filesystem can keep a stale lock), remove that file",
        dir.display(),
        holder.map(|p| format!(" (pid {p})")).unwrap_or_default(),
        lock.display()
    )]
    OutputLocked {
        /// The output folder.
        dir: PathBuf,
        /// Its lock file.
        lock: PathBuf,
        /// The process id written in the lock file, when readable.
        holder: Option<u32>,
    },
    /// Reading or writing a file failed. (Shown without the "(os error
    /// N)" tail, as problems are: [`crate::input::io_message`].)
    #[error("{}: {}", path.display(), crate::input::io_message(source))]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// Writing CSV failed.
    #[error("{}: {source}", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: csv::Error,
    },
    /// The lexicon's terms could not be compiled into one automaton (a
    /// lexicon far beyond the built-in one's size, or very long terms).
    #[error(
        "the lexicon's {patterns} terms and cues cannot be compiled into a matcher ({cause}); split it into smaller lexicons"
    )]
    Matcher {
        /// Terms and cues in the lexicon.
        patterns: usize,
        /// aho-corasick's description.
        cause: String,
    },
    /// The run was stopped (Ctrl-C) before its commit: its temporary files
    /// are removed, no output of it was renamed into place.
    #[error(
        "interrupted; the temporary files of this run were removed (outputs of an earlier run, if any, are left as they were)"
    )]
    Interrupted,
    /// Committing the outputs failed part way (a rename refused: an output
    /// name taken by a folder, say): the files renamed into place are the
    /// new run's, the rest are not, so the folder is incomplete. The
    /// message says to run again with `--force` (the Python package names
    /// its keyword instead).
    #[error(
        "{cause}; the outputs were left incomplete: {} renamed into place, {} not (their temporary files were removed); run again with --force",
        if renamed.is_empty() { "none".to_string() } else { renamed.join(", ") },
        not_renamed.join(", ")
    )]
    Incomplete {
        /// Why the rename failed.
        cause: Box<Error>,
        /// The outputs renamed into place, by name.
        renamed: Vec<String>,
        /// The outputs not renamed, by name (their temporary files removed).
        not_renamed: Vec<String>,
    },
    /// Bad input to a command, described in words.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, source: io::Error) -> Error {
        Error::Io { path: path.as_ref().to_path_buf(), source }
    }

    /// A CSV error on `path`.
    pub fn csv(path: impl AsRef<Path>, source: csv::Error) -> Error {
        Error::Csv { path: path.as_ref().to_path_buf(), source }
    }
}
