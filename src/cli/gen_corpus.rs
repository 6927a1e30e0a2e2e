//! `rolecall gen-corpus`: a deterministic benchmark corpus.

use std::path::PathBuf;

use rolecall::Error;
use rolecall::generate::{GenOptions, generate};

/// The largest corpus made, in MB (1 TB).
const MAX_MB: f64 = 1e6;
/// The largest target file size, in kB: files are built in memory, and a
/// JSON Lines record of up to 1.5 times this stays under the scan's 64 MiB
/// record limit.
const MAX_FILE_KB: f64 = 40_000.0;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Total size in MB (10^6 bytes), at most 1,000,000.
    #[arg(long, value_name = "N", value_parser = size_in(1e-6, MAX_MB))]
    mb: f64,
    /// Seed of the generator.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Output folder (new or empty).
    #[arg(short = 'o', long, value_name = "DIR")]
    out: PathBuf,
    /// Target size of one file in kB (10^3 bytes); 2 gives news-sized files. At most 40,000, and
    /// not more than the whole corpus (--mb).
    #[arg(long, value_name = "K", default_value_t = 2.0, value_parser = size_in(1e-3, MAX_FILE_KB))]
    file_kb: f64,
    /// Write the same articles as records of one JSON Lines file, DIR/corpus.jsonl.
    #[arg(long)]
    jsonl: bool,
}

/// A parser of a size that is a number in `min..=max`.
fn size_in(min: f64, max: f64) -> impl Fn(&str) -> Result<f64, String> + Clone {
    move |s: &str| {
        let v: f64 = s.trim().parse().map_err(|_| format!("{s:?} is not a number"))?;
        if !(min..=max).contains(&v) {
            return Err(format!("{s} is not between {min} and {max}"));
        }
        Ok(v)
    }
}

pub fn run(args: Args) -> Result<u8, Error> {
    if args.file_kb > args.mb * 1000.0 {
        use clap::CommandFactory;
        super::Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "--file-kb {} is larger than the whole corpus (--mb {} is {} kB); give a smaller --file-kb or a larger --mb",
                    args.file_kb,
                    args.mb,
                    args.mb * 1000.0
                ),
            )
            .exit();
    }
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
            "rolecall: wrote {}, {} of text into {}",
            super::count(r.files, "record", "records"),
            super::count(r.bytes, "byte", "bytes"),
            path.display()
        );
    } else {
        super::stdio::say!(
            "rolecall: wrote {}, {} into {}",
            super::count(r.files, "file", "files"),
            super::count(r.bytes, "byte", "bytes"),
            opts.out.display()
        );
    }
    Ok(0)
}
