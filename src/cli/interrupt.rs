//! Ctrl-C, and SIGTERM and SIGHUP (what `kill`, `timeout` and cluster
//! managers send; the ctrlc crate's `termination` feature): a scan or merge
//! stops and removes its temporary outputs (exit 130), unless its outputs
//! were already committed (then the run is complete: exit 0).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rolecall::output::{Abandoned, abandon};

/// Ctrl-C sets the returned flag: the run stops at its next check and
/// removes its temporary outputs. If it has not ended a moment later
/// (blocked on a read), or at a second Ctrl-C, the handler ends it:
/// [`abandon`] waits for a commit under way, then exit 0 when the outputs
/// are committed, else the temporary outputs are removed and exit 130.
pub fn on_interrupt() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let set = Arc::clone(&flag);
    // Without a handler Ctrl-C still ends the process; its temporary files
    // are then left (and removed by the next run into the folder).
    let _ = ctrlc::set_handler(move || {
        if set.swap(true, Ordering::SeqCst) {
            end();
        }
        std::thread::spawn(|| {
            std::thread::sleep(std::time::Duration::from_millis(1500));
            end();
        });
    });
    flag
}

/// Ends the process now, with 0 when its outputs are in place, else 130.
fn end() {
    abandon(|found| match found {
        Abandoned::Committed => std::process::exit(0),
        Abandoned::Removed => std::process::exit(130),
    })
}
