//! The `rolecall` command: parses arguments, runs the command, maps the
//! result to a message on stderr and an exit code (0 ok, 1 some inputs
//! skipped or a check failed, 2 error, 130 interrupted).

use std::process::ExitCode;

use clap::Parser;
use rolecall::Error;

mod cli;

/// mimalloc (version 3, as `mimalloc` 0.1.52 bundles it) instead of the
/// system allocator (glibc's on Linux): a scan allocates and
/// frees many small buffers per document on several threads, where glibc's
/// `malloc`, `free` and their consolidation took about 14% of a `--people`
/// scan's time (perf, `scan c100 -j1 --people`). Medians of 11 alternating
/// runs, 2 threads: `scan c100 --people` 1.446 s → 1.303 s (59,101 small
/// files), `scan c100-large --people` 0.814 s → 0.813 s (10 files of 10
/// MB: no gain). mimalloc keeps freed memory about a second for reuse
/// (its purge delay), so peak RSS is higher: `c100` 30 → 74 MB,
/// `c100-large` 73 → 189 MB, 100 MB of JSON Lines streamed as sentence
/// rows 14 → 35 MB (1 GB: 28 → 46–52 MB; the rest of the growth is the
/// record ids kept to find duplicates). `MIMALLOC_PURGE_DELAY=0` returns
/// freed memory at once (49 and 95 MB), at a cost on large files
/// (`c100-large --people` 8% and 10% slower than glibc in two of three
/// paired runs: its 1–4 MiB blocks are returned and faulted in again).
///
/// (Those RSS figures are from before `no_thp`; with it, the purge delay
/// at 0 gives 29 and 86 MB.)
///
/// Built with the crate's `no_thp` feature since 2026-12-05: mimalloc
/// does not ask for transparent huge pages on its arenas (no
/// `madvise(MADV_HUGEPAGE)`; where the system's setting is `always` the
/// kernel still gives them, and `MIMALLOC_ALLOW_THP=0` turns them off).
/// 13 alternating rounds each, 2 threads, against the same code with huge
/// pages, paired ratio of throughput (wall): `c100` 1.050, `c100
/// --people` 0.986, `c100-large` 1.081, `c100-large --people` 1.068; peak
/// RSS `c100` 87 → 42 MB, `c100-large` 181 → 113 MB, and a one-sentence
/// scan 35 → 13 MB (a huge page is zeroed whole at its first touch). An
/// earlier session had measured 0.94 on `c100-large` in one quiet spell.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(Error::Interrupted) => {
            cli::interrupt::say_interrupted();
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
