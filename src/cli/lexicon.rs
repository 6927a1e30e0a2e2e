//! `rolecall lexicon …`: work on lexicon folders.

use std::path::{Path, PathBuf};

use rolecall::Error;
use rolecall::input::{self, Entry};

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Look for problems: shadowed terms, terms that never match, wide wildcards (exit 1 if any).
    Check(CheckArgs),
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Lexicon folder (default: the built-in lexicons).
    dir: Option<PathBuf>,
    /// Sample text files or folders for the wildcard check (default: corpus/ when present).
    #[arg(long, value_name = "PATH")]
    sample: Vec<PathBuf>,
    /// Distinct words a wildcard may match in the sample before it is reported.
    #[arg(long, value_name = "N", default_value_t = 15)]
    max_wildcard_words: usize,
}

pub fn run(cmd: Command) -> Result<u8, Error> {
    match cmd {
        Command::Check(args) => check(args),
    }
}

/// Prints the lexicon's sizes and every problem found (on stdout: it is the
/// command's data); exit code 1 when there is any.
fn check(args: CheckArgs) -> Result<u8, Error> {
    let mut out = super::stdio::Data::open("lexicon check")?;
    if let Some(d) = &args.dir {
        super::check_lexicon_dir("DIR", d)?;
    }
    let loaded = match &args.dir {
        Some(d) => rolecall::Lexicon::load_dir(d),
        None => Ok(rolecall::Lexicon::builtin()),
    };
    // A lexicon with problems is this command's finding (exit 1), not an error.
    let lexicon = match loaded {
        Ok(l) => l,
        Err(e @ Error::Lexicon { .. }) => {
            out.print(&format!("problem: {e}\n"))?;
            return Ok(1);
        }
        Err(e) => return Err(e),
    };
    let mut paths = args.sample;
    if paths.is_empty() && Path::new("corpus").is_dir() {
        paths.push(PathBuf::from("corpus"));
    }
    let mut samples = Vec::new();
    for entry in input::discover(&paths)? {
        if let Entry::Input(input) = entry {
            if let Ok(doc) = input::load(&input) {
                samples.push(doc.text);
            }
        }
    }
    let findings = rolecall::lexicon::check::check(&lexicon, &samples, args.max_wildcard_words);
    let wild = lexicon.terms().iter().filter(|t| t.wildcard).count();
    out.print(&format!(
        "{} roles, {} terms ({} wildcard), {} context cues; wildcard sample: {} document(s)\n",
        lexicon.roles().len(),
        lexicon.terms().len(),
        wild,
        lexicon.cues().len(),
        samples.len()
    ))?;
    for f in &findings {
        out.print(&format!("{}: {}: {}\n", f.origin, f.kind, f.message))?;
    }
    if findings.is_empty() {
        out.print("no problems found\n")?;
        Ok(0)
    } else {
        out.print(&format!("{} problem(s)\n", findings.len()))?;
        Ok(1)
    }
}
