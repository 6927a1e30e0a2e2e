//! The progress bar on stderr (bytes done, throughput, ETA), and the
//! problems a scan without `errors.csv` reports, printed above it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rolecall::input::Problem;
use rolecall::scan::Observer;

/// A byte-count progress bar, drawn only when `visible`; problems are
/// printed to stderr either way.
#[derive(Debug)]
pub struct Bar {
    bar: ProgressBar,
    visible: bool,
}

impl Bar {
    /// A bar, hidden until [`Observer::start`] and for good when not `visible`.
    pub fn new(visible: bool) -> Bar {
        Bar { bar: ProgressBar::hidden(), visible }
    }
}

impl Observer for Bar {
    fn wants_total(&self) -> bool {
        self.visible
    }

    fn start(&self, total_bytes: u64) {
        if !self.visible {
            return;
        }
        let style = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
        )
        .expect("the template is valid");
        self.bar.set_style(style);
        self.bar.set_length(total_bytes);
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
    }

    fn advance(&self, bytes: u64, documents: u64) {
        if !self.visible {
            return;
        }
        self.bar.inc(bytes);
        self.bar.set_message(format!("{documents} docs"));
    }

    fn problem(&self, p: &Problem) {
        self.bar.suspend(|| eprintln!("rolecall: {}: {}", p.path, p.message()));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
