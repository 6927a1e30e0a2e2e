//! `rolecall report`: one self-contained HTML page of an output folder.

use std::path::PathBuf;

use rolecall::Error;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output folder of `rolecall scan` or `rolecall merge`.
    #[arg(value_name = "OUT")]
    dir: PathBuf,
    /// Where to write the page (replaced if there) [default: OUT/report.html].
    #[arg(short, long, visible_alias = "out", value_name = "FILE")]
    output: Option<PathBuf>,
    /// No line saying where the report went.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<u8, Error> {
    let path = rolecall::report::write(&args.dir, args.output.as_deref())?;
    if !args.quiet {
        eprintln!("rolecall: report of {} written to {}", args.dir.display(), path.display());
    }
    Ok(0)
}
