//! The command line: one file per command (its arguments and its `run`),
//! plus the progress bar and the Ctrl-C handler. Binary only: the library
//! knows nothing of clap, indicatif or signals.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use rolecall::{Error, Lexicon};

mod eval;
mod explain;
mod gen_corpus;
mod interrupt;
mod lexicon;
mod merge;
mod progress;
mod scan;

/// Tag film writing and credits sentence by sentence as director, producer, both or none.
#[derive(Parser, Debug)]
#[command(name = "rolecall", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Tag every sentence of the inputs and write CSV summaries into --out.
    Scan(scan::Args),
    /// Measure the tags against a hand-labelled CSV (one text per row).
    Eval(eval::Args),
    /// Show how a text is tagged: units, matches, context cues, and why.
    Explain(explain::Args),
    /// Work on lexicons.
    #[command(subcommand)]
    Lexicon(lexicon::Command),
    /// Combine the output folders of several scans into the outputs of one scan over all their inputs.
    Merge(merge::Args),
    /// Write a deterministic article-like corpus for benchmarks (same seed, same bytes).
    GenCorpus(gen_corpus::Args),
}

/// Runs the parsed command; `Ok` holds the exit code.
pub fn run(cli: Cli) -> Result<u8, Error> {
    match cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Lexicon(cmd) => lexicon::run(cmd),
        Command::Merge(args) => merge::run(args),
        Command::GenCorpus(args) => gen_corpus::run(args),
    }
}

/// The lexicons of `-l DIR`, or the built-in ones.
fn load_lexicon(dir: Option<&PathBuf>) -> Result<Lexicon, Error> {
    match dir {
        Some(d) => Lexicon::load_dir(d),
        None => Ok(Lexicon::builtin()),
    }
}
