//! The `rolecall` command: parses arguments, runs the command, maps the
//! result to a message on stderr and an exit code (0 ok, 1 some inputs
//! skipped or a check failed, 2 error, 130 interrupted).

use std::process::ExitCode;

use clap::Parser;
use rolecall::Error;

mod cli;

/// mimalloc instead of the system allocator (glibc's): a scan allocates and
/// frees many small buffers per document on several threads, where glibc's
/// `malloc`, `free` and their consolidation took about 14% of a `--people`
/// scan's time (perf, `scan c100 -j1 --people`). Medians of 11 alternating
/// runs, 2 threads: `scan c100 --people` 1.446 s → 1.303 s (59,101 small
/// files), `scan c100-large --people` 0.814 s → 0.813 s (10 files of 10
/// MB: no gain); streaming 100 MB of JSON Lines as sentence rows (3 runs
/// each) 1.47–1.67 s → 1.30–1.40 s. mimalloc keeps freed memory a little
/// while for reuse, so peak RSS is higher: `c100` 30 → 74 MB, `c100-large`
/// 73 → 189 MB, the JSON Lines stream 14 → 35 MB (1 GB: 28 → 46–52 MB), and
/// still does not grow with the input. `MIMALLOC_PURGE_DELAY=0` returns
/// freed memory at once (49 and 95 MB) at a cost on large files
/// (`c100-large --people` 8% slower).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(Error::Interrupted) => {
            cli::stdio::say!("rolecall: {}", Error::Interrupted);
            ExitCode::from(130)
        }
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            // The reader of our output went away (`| head`): not an error.
            ExitCode::SUCCESS
        }
        Err(err) => {
            cli::stdio::say!("rolecall: {err}");
            ExitCode::from(2)
        }
    }
}
