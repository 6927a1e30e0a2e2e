//! `rolecall merge`: the outputs of several scans combined into one.

use std::path::PathBuf;

use rolecall::Error;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output folders of `rolecall scan` (shards).
    #[arg(required = true, value_name = "DIR")]
    shards: Vec<PathBuf>,
    /// Folder for the merged outputs.
    #[arg(short, long, alias = "output", value_name = "TOTAL")]
    out: PathBuf,
    /// Replace the outputs of an earlier run in --out.
    #[arg(long)]
    force: bool,
    /// No summary line.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<u8, Error> {
    let cancel = super::interrupt::on_interrupt();
    super::check_out_dir("-o/--out", &args.out)?;
    let run = rolecall::output::merge::merge(&args.shards, &args.out, args.force, Some(&cancel))?;
    if !args.quiet {
        super::stdio::say!(
            "rolecall: merged {} shard{}: {} documents, {} sentences, {} skipped, into {}",
            args.shards.len(),
            if args.shards.len() == 1 { "" } else { "s" },
            run.documents,
            run.sentences,
            run.documents_skipped,
            args.out.display()
        );
    }
    Ok(0)
}
