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
        // The notes of the merged run.json: the shards' (as their scans said
        // them) and the merge's own (month groups of an earlier rule).
        for note in &run.notes {
            super::stdio::say!("rolecall: note: {note}");
        }
        let see = match run.documents_skipped {
            0 => String::new(),
            _ => format!(" (see {})", args.out.join("errors.csv").display()),
        };
        super::stdio::say!(
            "rolecall: merged {}: {}, {}, {} skipped{see}, into {}",
            super::count(args.shards.len() as u64, "shard", "shards"),
            super::count(run.documents, "document", "documents"),
            super::count(run.sentences, "sentence", "sentences"),
            run.documents_skipped,
            args.out.display()
        );
    }
    // As scan's: 1 when a shard skipped inputs or records (the outputs are
    // written, and errors.csv lists them).
    Ok(u8::from(run.documents_skipped > 0))
}
