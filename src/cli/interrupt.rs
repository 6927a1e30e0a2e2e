//! Ctrl-C, and SIGTERM and SIGHUP (what `kill`, `timeout` and cluster
//! managers send; the ctrlc crate's `termination` feature): a scan or merge
//! stops and removes its temporary outputs (exit 130), unless its outputs
//! were already committed (then the run is complete: exit 0).
//!
//! However many signals come, and whichever thread ends the run (the main
//! thread at its next check, or the handler when that takes too long), the
//! end is the same: the "interrupted" message once, the temporary outputs
//! removed, an output folder the run created removed again, exit 130.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rolecall::Error;
use rolecall::output::{Abandoned, abandon};

/// How long after the first signal the handler waits for the run to end
/// by itself before it ends the process.
const GRACE: Duration = Duration::from_millis(1500);

/// How long the handler, ending the process, waits for the message to be
/// said (a standard error that takes nothing must not keep it alive).
const SAY_WAIT: Duration = Duration::from_secs(1);

/// True once the "interrupted" message was said; held while it is said.
static SAID: Mutex<bool> = Mutex::new(false);

/// Ctrl-C sets the returned flag: the run stops at its next check and
/// removes its temporary outputs. If it has not ended a moment later
/// (blocked on a read), or at a second signal, the handler ends it:
/// [`abandon`] waits for a commit under way, then exit 0 when the outputs
/// are committed, else the temporary outputs (and a folder the run
/// created) are removed, the message said, and exit 130.
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
            std::thread::sleep(GRACE);
            end();
        });
    });
    flag
}

/// Says that the run was interrupted (the message of
/// [`Error::Interrupted`]), once per process: the main thread and the
/// handler may both come to it.
pub fn say_interrupted() {
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if !*said {
        super::stdio::say!("rolecall: {}", Error::Interrupted);
        *said = true;
    }
}

/// Ends the process now, with 0 when its outputs are in place, else the
/// message and 130.
fn end() {
    abandon(|found| match found {
        Abandoned::Committed => std::process::exit(0),
        Abandoned::Removed => {
            // Said on a thread of its own, waited for a moment only.
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                say_interrupted();
                let _ = tx.send(());
            });
            let _ = rx.recv_timeout(SAY_WAIT);
            std::process::exit(130)
        }
    })
}
