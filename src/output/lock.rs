//! The output folder's lock: one run at a time writes into a folder.
//!
//! A run takes an exclusive advisory lock (`flock`, through the `fs4`
//! crate) on [`LOCK_FILE`] in its output folder before it looks at earlier
//! outputs, and holds it until its outputs are committed or removed. A
//! second run into the same folder finds it taken and stops with
//! [`Error::OutputLocked`], naming the process written in the file.
//!
//! The lock is released by the system when the process ends, however it
//! ends (SIGKILL included), so the file left behind is harmless: it is not
//! an output (its name starts with a dot, so folder walks skip it, and
//! `merge` reads only the output files by name). It is opened without
//! following a symbolic link, so a link planted there cannot make the run
//! write elsewhere. Advisory locks bind only programs that take them, and
//! some network filesystems do not support them; where `flock` is not
//! supported the run goes on unlocked.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;

/// The lock file's name inside an output folder.
pub const LOCK_FILE: &str = ".rolecall.lock";

/// The folders this process holds locks on, for [`super::abandon`].
static HELD: Mutex<Vec<Held>> = Mutex::new(Vec::new());

/// A folder this process holds the lock of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Held {
    /// The folder.
    pub(crate) dir: PathBuf,
    /// This run created it: without outputs, it is removed again
    /// ([`remove_if_bare`]).
    pub(crate) created: bool,
}

/// The folders this process holds the lock of now. While the guard is
/// held no lock is taken or dropped, so a folder listed stays locked and
/// is not removed meanwhile (a signal handler ending the process cleans
/// up behind a run that is still going).
pub(crate) fn held() -> std::sync::MutexGuard<'static, Vec<Held>> {
    HELD.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes `dir`, a folder this run created, when nothing but the lock
/// file is in it (the run ended before writing any output): a failed or
/// stopped run leaves no stray folder. Best effort: anything else in it,
/// or an error, and it stays.
pub(crate) fn remove_if_bare(dir: &Path) {
    let only_lock = std::fs::read_dir(dir).is_ok_and(|entries| {
        let mut names = entries.map(|e| e.map(|e| e.file_name()));
        matches!((names.next(), names.next()), (Some(Ok(n)), None) if n == LOCK_FILE)
    });
    if only_lock && std::fs::remove_file(dir.join(LOCK_FILE)).is_ok() {
        let _ = std::fs::remove_dir(dir);
    }
}

/// An exclusive lock on an output folder, released when dropped (or when
/// the process ends).
#[derive(Debug)]
pub struct OutLock {
    dir: PathBuf,
    /// The open lock file; closing it releases the lock.
    _file: File,
    /// Whether this run created the folder: then, if nothing but the lock
    /// file is in it when the lock is dropped (the run failed before
    /// writing any output), the folder is removed too.
    created: bool,
}

impl OutLock {
    /// Takes the lock of the existing folder `dir`, without waiting: a
    /// folder locked by another run is [`Error::OutputLocked`].
    pub fn acquire(dir: &Path) -> Result<OutLock, Error> {
        OutLock::take(dir, false, &mut held())
    }

    /// Creates the folder `dir` (and its parents) when it is missing, and
    /// takes its lock as [`OutLock::acquire`] does. A folder created here is
    /// removed again when the lock is dropped, or the run abandoned
    /// ([`super::abandon`]), with nothing but the lock file in it; no
    /// signal lands between its creation and its lock.
    ///
    /// # Errors
    /// A folder that cannot be created, named with the reason; as
    /// [`OutLock::acquire`].
    pub fn create(dir: &Path) -> Result<OutLock, Error> {
        let mut held = held();
        let created = dir.symlink_metadata().is_err();
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::Invalid(format!(
                "{}: cannot create the output folder: {}",
                dir.display(),
                crate::input::io_message(&e)
            ))
        })?;
        OutLock::take(dir, created, &mut held)
    }

    /// Takes the lock of `dir` and lists it in `held`.
    fn take(dir: &Path, created: bool, held: &mut Vec<Held>) -> Result<OutLock, Error> {
        let path = dir.join(LOCK_FILE);
        let mut file = open_no_follow(&path)?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => {
                let holder = holder(&mut file);
                return Err(Error::OutputLocked { dir: dir.to_path_buf(), lock: path, holder });
            }
            // No flock on this filesystem (some network mounts): go on
            // unlocked rather than refuse every run there.
            Err(fs4::TryLockError::Error(e)) if unsupported(&e) => {}
            Err(fs4::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        // The holder's pid, for the message of a run that finds it locked.
        let wrote = (|| {
            file.set_len(0)?;
            file.rewind()?;
            writeln!(file, "{}", std::process::id())
        })();
        wrote.map_err(|e| Error::io(&path, e))?;
        held.push(Held { dir: dir.to_path_buf(), created });
        Ok(OutLock { dir: dir.to_path_buf(), _file: file, created })
    }

    /// The locked folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for OutLock {
    fn drop(&mut self) {
        // Held until the folder is dealt with: a handler ending the process
        // meanwhile finds the folder whole and listed, or gone and not.
        let mut held = held();
        if let Some(i) = held.iter().position(|h| h.dir == self.dir) {
            held.swap_remove(i);
        }
        if self.created {
            remove_if_bare(&self.dir);
        }
    }
}

/// The pid the holder wrote in the lock file. A holder that has just
/// taken the lock may not have written it yet: a few tries, 20 ms apart.
fn holder(file: &mut File) -> Option<u32> {
    for _ in 0..5 {
        let mut text = String::new();
        if file.rewind().and_then(|()| file.read_to_string(&mut text)).is_ok() {
            if let Ok(pid) = text.trim().parse() {
                return Some(pid);
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    None
}

/// Whether a lock error says the filesystem has no such locks.
fn unsupported(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ENOLCK) {
        return true;
    }
    e.kind() == std::io::ErrorKind::Unsupported
}

/// Opens (creating) the lock file for reading and writing, never through a
/// symbolic link, and only if it is a regular file.
fn open_no_follow(path: &Path) -> Result<File, Error> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).mode(0o644);
    }
    let refuse = |what: &str| {
        Error::Invalid(format!(
            "{}: {what}, not rolecall's lock file; remove it (it is not followed or written to)",
            path.display()
        ))
    };
    let file = match opts.open(path) {
        Ok(f) => f,
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(refuse("a symbolic link")),
        Err(e) => return Err(Error::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(refuse("not a regular file"));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_folder_is_refused_naming_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutLock::acquire(dir.path()).unwrap();
        let listed = |created| held().contains(&Held { dir: dir.path().to_path_buf(), created });
        assert!(listed(false));
        match OutLock::acquire(dir.path()) {
            Err(Error::OutputLocked { holder, .. }) => assert_eq!(holder, Some(std::process::id())),
            other => panic!("{other:?}"),
        }
        drop(first);
        assert!(!listed(false));
        OutLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn a_folder_the_lock_created_goes_with_it_unless_it_holds_more() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new");
        let lock = OutLock::create(&new).unwrap();
        assert!(held().contains(&Held { dir: new.clone(), created: true }));
        drop(lock);
        assert!(!new.exists(), "a folder holding only the lock is removed");
        // One that holds anything else stays, and so does one that was there.
        let lock = OutLock::create(&new).unwrap();
        std::fs::write(new.join("run.json"), "{}").unwrap();
        drop(lock);
        assert!(new.join("run.json").exists());
        std::fs::remove_file(new.join("run.json")).unwrap();
        drop(OutLock::create(&new).unwrap());
        assert!(new.join(LOCK_FILE).exists(), "a folder that was there stays");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_lock_name_is_refused_and_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::write(&outside, "keep").unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(&outside, out.join(LOCK_FILE)).unwrap();
        let err = OutLock::acquire(&out).unwrap_err().to_string();
        assert!(err.contains("a symbolic link") && err.contains(LOCK_FILE), "{err}");
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
        // A dangling link is not followed to create its target either.
        std::fs::remove_file(out.join(LOCK_FILE)).unwrap();
        std::os::unix::fs::symlink(dir.path().join("made"), out.join(LOCK_FILE)).unwrap();
        assert!(OutLock::acquire(&out).is_err());
        assert!(!dir.path().join("made").exists());
    }
}
