//! The progress bar on stderr (bytes done, throughput, ETA), and the
//! problems a scan without `errors.csv` reports, printed above it.

use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
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

    fn start(&self, total_bytes: Option<u64>) {
        if !self.visible {
            return;
        }
        // Without a total (standard input) there is no bar to fill: bytes
        // read and the rate only.
        let template = match total_bytes {
            Some(_) => {
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}"
            }
            None => "{spinner} [{elapsed_precise}] {bytes} read, {bytes_per_sec} {msg}",
        };
        let style = ProgressStyle::with_template(template).expect("the templates are valid");
        self.bar.set_style(style);
        if let Some(total) = total_bytes {
            self.bar.set_length(total);
        }
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
    }

    fn advance(&self, bytes: u64, documents: u64, text_bytes: u64) {
        if !self.visible {
            return;
        }
        self.bar.inc(bytes);
        // The text rate, as the summary line reports it: for gzip input it
        // is the decompressed rate, above the bar's rate of bytes on disk.
        let secs = self.bar.elapsed().as_secs_f64().max(1e-3);
        let rate = HumanBytes((text_bytes as f64 / secs) as u64);
        self.bar.set_message(format!("{documents} docs, {} of text, {rate}/s", HumanBytes(text_bytes)));
    }

    fn problem(&self, p: &Problem) {
        self.bar.suspend(|| super::stdio::say!("rolecall: {}: {}", p.path, p.message()));
    }

    fn warn(&self, message: &str) {
        self.bar.suspend(|| super::stdio::say!("rolecall: warning: {message}"));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
