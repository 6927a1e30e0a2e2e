//! `rolecall gen-corpus`: a deterministic benchmark corpus.

use std::path::PathBuf;

use rolecall::Error;
use rolecall::generate::{GenOptions, generate};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Total size in MB (10^6 bytes).
    #[arg(long, value_name = "N")]
    mb: f64,
    /// Seed of the generator.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Output folder (new or empty).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Target size of one file in kB (10^3 bytes); 2 gives news-sized files.
    #[arg(long, value_name = "K", default_value_t = 2.0)]
    file_kb: f64,
    /// Write the same articles as records of one JSON Lines file, DIR/corpus.jsonl.
    #[arg(long)]
    jsonl: bool,
}

pub fn run(args: Args) -> Result<u8, Error> {
    let opts = GenOptions {
        mb: args.mb,
        seed: args.seed,
        out: args.out,
        file_bytes: (args.file_kb * 1000.0).round().max(0.0) as usize,
        jsonl: args.jsonl,
    };
    let r = generate(&opts)?;
    if opts.jsonl {
        let path = opts.out.join("corpus.jsonl");
        super::stdio::say!(
            "rolecall: wrote {} records, {} bytes of text into {}",
            r.files,
            r.bytes,
            path.display()
        );
    } else {
        super::stdio::say!(
            "rolecall: wrote {} files, {} bytes into {}",
            r.files,
            r.bytes,
            opts.out.display()
        );
    }
    Ok(0)
}
