//! Ctrl-C, and SIGTERM and SIGHUP (what `kill`, `timeout` and cluster
//! managers send; the ctrlc crate's `termination` feature): the scan stops
//! between tasks and removes its partial outputs.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Ctrl-C sets the returned flag: the scan stops and removes its partial
/// outputs. If it has not ended a moment later (blocked on a read), the
/// handler removes them itself and exits with 130.
pub fn on_interrupt(out: Option<PathBuf>) -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let set = Arc::clone(&flag);
    // Without a handler Ctrl-C still ends the process; partial files keep their .partial names.
    let _ = ctrlc::set_handler(move || {
        if set.swap(true, Ordering::SeqCst) {
            rolecall::output::abandon(out.as_deref(), || std::process::exit(130));
        }
        let out = out.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(1500));
            rolecall::output::abandon(out.as_deref(), || std::process::exit(130));
        });
    });
    flag
}
