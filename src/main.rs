//! The `rolecall` command: parses arguments, runs the library, maps the
//! result to messages on stderr and an exit code (0 ok, 1 some inputs
//! skipped, 2 error).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rolecall::scan::{ScanOptions, scan};
use rolecall::segment::UnitMode;
use rolecall::write::SentenceRows;
use rolecall::{Error, Lexicon};

/// Tag film writing and credits sentence by sentence as director, producer, both or none.
#[derive(Parser, Debug)]
#[command(name = "rolecall", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Tag every sentence of the inputs and write CSV summaries into --out.
    Scan(ScanArgs),
}

#[derive(clap::Args, Debug)]
struct ScanArgs {
    /// Files or folders to scan (folders recursively, hidden entries skipped); `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, value_name = "DIR", default_value = "rolecall-out")]
    out: PathBuf,
    /// Folder of lexicon CSVs replacing the built-in ones.
    #[arg(short, long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// What a unit is.
    #[arg(long, value_enum, default_value_t = Unit::Sentence)]
    unit: Unit,
    /// Which units to write to sentences.csv.
    #[arg(long, value_enum, default_value_t = Rows::Tagged)]
    sentences: Rows,
    /// Replace the outputs of an earlier run in --out.
    #[arg(long)]
    force: bool,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Unit {
    /// Sentences; credit lines and headings are units of their own.
    Sentence,
    /// Every non-blank line, unsegmented.
    Line,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Rows {
    /// Units labelled director, producer or both.
    Tagged,
    /// Every unit.
    All,
    /// No rows (header only).
    None,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("rolecall: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Error> {
    match cli.command {
        Command::Scan(args) => run_scan(args),
    }
}

fn load_lexicon(dir: Option<&PathBuf>) -> Result<Lexicon, Error> {
    match dir {
        Some(d) => Lexicon::load_dir(d),
        None => Ok(Lexicon::builtin()),
    }
}

fn run_scan(args: ScanArgs) -> Result<u8, Error> {
    let lexicon = load_lexicon(args.lexicons.as_ref())?;
    let mut opts = ScanOptions::new(args.paths, args.out, lexicon);
    opts.threads = args.threads;
    opts.force = args.force;
    opts.unit = match args.unit {
        Unit::Sentence => UnitMode::Sentence,
        Unit::Line => UnitMode::Line,
    };
    opts.sentences = match args.sentences {
        Rows::Tagged => SentenceRows::Tagged,
        Rows::All => SentenceRows::All,
        Rows::None => SentenceRows::None,
    };
    opts.progress = !args.quiet && std::io::stderr().is_terminal();
    let report = scan(&opts)?;
    if !args.quiet {
        eprintln!("{}", report.one_line());
    }
    Ok(report.exit_code())
}
