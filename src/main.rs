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
/// scan's time (perf, `scan c100 -j1 --people`). With [`PURGE_DELAY`] at 0,
/// medians of 7 alternating runs: `scan c100 --people` 1.724 s → 1.517 s,
/// `scan c100-large --people` 1.096 s → 1.060 s; peak RSS 30 → 53 MB and
/// 73 → 89 MB (mimalloc's default delay: 77 and 190 MB).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_e` of the
/// mimalloc 3 that `libmimalloc-sys` 0.1.49 bundles (`include/mimalloc.h`;
/// the crate names no constant for it, hence the pinned version).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Freed memory goes back to the system at once, not after a delay (10
    // ms, 100 for whole arenas), so peak memory stays near glibc's.
    // SAFETY: sets one option's value; mimalloc reads options at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
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
