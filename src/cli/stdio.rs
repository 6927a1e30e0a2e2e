//! Standard output and standard error as the commands use them.
//!
//! - Messages go to stderr through [`say!`]: control characters escaped
//!   ([`rolecall::text::escape_controls`]: names and ids come from the
//!   inputs), and a failed write (a closed stderr, a reader that went away)
//!   ignored rather than a panic.
//! - Data goes to stdout through [`Data`]: a reader that goes away (`| head`)
//!   ends the printing, not the command, which still writes its files.
//! - A closed stdout (`>&-`) is refused by the commands that write data
//!   there ([`require_stdout`]): Rust's runtime reopens a closed standard
//!   stream on `/dev/null`, so the data would vanish with exit code 0. A
//!   `/dev/null` the caller gave (`>/dev/null`, Python's
//!   `subprocess.DEVNULL`) is not refused.

use std::io::Write;

use rolecall::Error;

/// Prints one line on standard error: `format!` arguments, control
/// characters escaped, a failed write ignored (never a panic).
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::stdio::say_line(&format!($($arg)*))
    };
}
pub(crate) use say;

/// Writes `line` and a line end to standard error, control characters
/// escaped; a write that fails (stderr closed or its reader gone) is
/// ignored: a message that cannot be shown is no reason to stop.
pub fn say_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", rolecall::text::escape_controls(line));
}

/// Refuses a closed standard output for a command whose data goes there
/// (`what`: the command or option that writes it).
pub fn require_stdout(what: &str) -> Result<(), Error> {
    if stdout_closed() {
        return Err(Error::Invalid(format!(
            "standard output is closed, and {what} writes its data there; give it a file or a pipe (>/dev/null to discard it)"
        )));
    }
    Ok(())
}

/// Whether standard output was closed when the program started (`>&-`).
///
/// Rust's runtime reopens a closed standard stream on `/dev/null`, read-write,
/// before `main`; a caller's `/dev/null` can look the same (Python's
/// `subprocess.DEVNULL` opens it read-write too), so the descriptor is looked
/// at earlier, by [`record_stdout`], which the loader runs before the
/// runtime's set-up (Linux; elsewhere a closed stdout is not detected).
fn stdout_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        STDOUT_CLOSED_AT_START.load(std::sync::atomic::Ordering::Relaxed)
    }
    #[cfg(not(target_os = "linux"))]
    false
}

#[cfg(target_os = "linux")]
static STDOUT_CLOSED_AT_START: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Runs from the executable's `.init_array`, as the loader starts the
/// program: glibc and musl run those functions before `main`, and so before
/// Rust's runtime fills a closed descriptor 0, 1 or 2 with `/dev/null`.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static RECORD_STDOUT: extern "C" fn() = record_stdout;

/// Records whether descriptor 1 is open ([`STDOUT_CLOSED_AT_START`]).
#[cfg(target_os = "linux")]
extern "C" fn record_stdout() {
    // SAFETY: F_GETFD only reads the descriptor's flags; it takes no pointer
    // and fails with EBADF when descriptor 1 is not open.
    let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
    STDOUT_CLOSED_AT_START.store(closed, std::sync::atomic::Ordering::Relaxed);
}

/// Standard output for a command's data (tables, reports): a reader that
/// goes away ends the printing quietly, and the command goes on.
pub struct Data {
    out: std::io::StdoutLock<'static>,
    gone: bool,
}

impl Data {
    /// Standard output, refused when closed (see [`require_stdout`]).
    pub fn open(what: &str) -> Result<Data, Error> {
        require_stdout(what)?;
        Ok(Data { out: std::io::stdout().lock(), gone: false })
    }

    /// Prints `s`; after the reader went away, nothing.
    pub fn print(&mut self, s: &str) -> Result<(), Error> {
        if self.gone {
            return Ok(());
        }
        let written = self.out.write_all(s.as_bytes()).and_then(|()| self.out.flush());
        self.check(written)
    }

    /// True when the reader went away before all was printed.
    pub fn gone(&self) -> bool {
        self.gone
    }

    fn check(&mut self, r: std::io::Result<()>) -> Result<(), Error> {
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(())
            }
            r => r.map_err(|e| Error::io("<stdout>", e)),
        }
    }
}
