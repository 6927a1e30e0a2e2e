//! Output files that never look whole before they are, and their commit.
//!
//! Each file is written under a temporary name in the output folder
//! (`.rolecall-NAME.RANDOM.partial`: created exclusively, so never through
//! a symbolic link planted there, under a name no one can guess; the
//! `tempfile` crate). [`commit_all`] then writes out and syncs every file
//! of a run, renames them into place only when all of them are whole, and
//! syncs the folder: a run that fails or is stopped before that leaves the
//! folder as it found it, earlier outputs included. [`abandon`] is for a
//! signal handler that must end the process: it never lands between two
//! renames.

use std::fs::File;
use std::io::{BufWriter, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::NamedTempFile;

use crate::error::Error;
use crate::output::lock;
use crate::output::schema::PARTIAL_SUFFIX;

/// The start of every temporary output's name (then the output's name, a
/// dot, random characters and [`PARTIAL_SUFFIX`]).
pub const TEMP_PREFIX: &str = ".rolecall-";

/// Random characters in a temporary output's name.
const TEMP_RANDOM: usize = 12;

/// A file written under a temporary name and renamed into place by
/// [`commit_all`]. Dropped without commit, it removes its temporary.
///
/// A large file starts going to disk while it is written: every
/// [`EARLY_SYNC_BYTES`] a helper thread syncs what is there, so the sync
/// before the rename has little left to wait for.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    state: State,
    written: u64,
    early: Option<EarlySync>,
}

/// Where an [`AtomicFile`] is on its way to its final name.
#[derive(Debug)]
enum State {
    /// Being written.
    Writing(BufWriter<NamedTempFile>),
    /// Written out and synced, still under its temporary name.
    Synced(NamedTempFile),
    /// Renamed into place, or failed on the way (its temporary removed).
    Done,
}

/// Bytes between two early syncs of an [`AtomicFile`].
pub const EARLY_SYNC_BYTES: u64 = 8 << 20;

#[derive(Debug)]
struct EarlySync {
    tick: std::sync::mpsc::SyncSender<()>,
}

/// What [`abandon`] and [`commit_all`] share: held while temporary files
/// are created and while outputs are renamed into place, so that an
/// interrupt never lands in between.
static OUTPUTS: Mutex<Outputs> = Mutex::new(Outputs { committed: false });

#[derive(Debug)]
struct Outputs {
    /// A commit finished and no output file was started since: every
    /// output of the run is in place.
    committed: bool,
}

fn outputs() -> std::sync::MutexGuard<'static, Outputs> {
    OUTPUTS.lock().unwrap_or_else(|e| e.into_inner())
}

fn not_writing() -> std::io::Error {
    std::io::Error::other("written to after its commit")
}

impl AtomicFile {
    /// Creates a temporary file for `dir/name` in `dir`.
    pub fn create(dir: &Path, name: &str) -> Result<AtomicFile, Error> {
        let path = dir.join(name);
        let mut outputs = outputs();
        let prefix = format!("{TEMP_PREFIX}{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(PARTIAL_SUFFIX).rand_bytes(TEMP_RANDOM);
        #[cfg(unix)]
        {
            // As `File::create`: 0666 less the umask (tempfile's default,
            // 0600, would hide the outputs from the user's group).
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir).map_err(|e| {
            Error::Invalid(format!(
                "{}: cannot create a temporary file for {name}: {}",
                dir.display(),
                crate::input::io_message(&e)
            ))
        })?;
        outputs.committed = false;
        Ok(AtomicFile {
            path,
            tmp: tmp.path().to_path_buf(),
            state: State::Writing(BufWriter::with_capacity(1 << 16, tmp)),
            written: 0,
            early: None,
        })
    }

    fn out(&mut self) -> std::io::Result<&mut BufWriter<NamedTempFile>> {
        match &mut self.state {
            State::Writing(out) => Ok(out),
            _ => Err(not_writing()),
        }
    }

    /// Appends bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.out().and_then(|out| out.write_all(bytes)).map_err(|e| Error::io(&self.tmp, e))?;
        self.wrote(bytes.len());
        Ok(())
    }

    /// Bytes written so far.
    pub fn len(&self) -> u64 {
        self.written
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.written == 0
    }

    /// Drops everything written after the first `len` bytes; writing goes
    /// on from there.
    pub fn truncate(&mut self, len: u64) -> Result<(), Error> {
        let f = self.out().and_then(|out| {
            out.flush()?;
            let f = out.get_mut();
            f.as_file().set_len(len)?;
            f.seek(std::io::SeekFrom::Start(len))
        });
        f.map_err(|e| Error::io(&self.tmp, e))?;
        self.written = len;
        Ok(())
    }

    /// Counts written bytes and asks for an early sync at every step.
    fn wrote(&mut self, n: usize) {
        let before = self.written;
        self.written += n as u64;
        if before / EARLY_SYNC_BYTES == self.written / EARLY_SYNC_BYTES {
            return;
        }
        if self.early.is_none() {
            let State::Writing(out) = &self.state else { return };
            let Ok(file) = out.get_ref().as_file().try_clone() else { return };
            let (tick, ticks) = std::sync::mpsc::sync_channel::<()>(1);
            std::thread::spawn(move || {
                for () in ticks {
                    // Errors show at the final sync.
                    let _ = file.sync_data();
                }
            });
            self.early = Some(EarlySync { tick });
        }
        if let Some(e) = &self.early {
            // A sync under way and one waiting are enough.
            let _ = e.tick.try_send(());
        }
    }

    /// Writes out what is buffered and syncs it; the file keeps its
    /// temporary name. On an error the temporary is removed.
    fn finish(&mut self) -> Result<(), Error> {
        let out = match std::mem::replace(&mut self.state, State::Done) {
            State::Writing(out) => out,
            other => {
                self.state = other;
                return Ok(());
            }
        };
        let tmp = out.into_inner().map_err(|e| Error::io(&self.tmp, e.into_error()))?;
        // The helper finishes the sync under way, if any, then ends; the
        // final sync runs beside it rather than after it.
        drop(self.early.take());
        tmp.as_file().sync_all().map_err(|e| Error::io(&self.tmp, e))?;
        self.state = State::Synced(tmp);
        Ok(())
    }

    /// Renames the synced temporary to the final name (replacing a file or
    /// a symbolic link there, never writing through it).
    fn rename(&mut self) -> Result<(), Error> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Synced(tmp) => {
                tmp.persist(&self.path).map(drop).map_err(|e| Error::io(&self.path, e.error))
            }
            _ => Err(Error::io(&self.path, not_writing())),
        }
    }

    /// Writes, syncs and renames this one file into place: [`commit_all`]
    /// of it alone.
    pub fn commit(self) -> Result<(), Error> {
        commit_all([self])
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary path, while the file is not committed.
    pub fn temp_path(&self) -> &Path {
        &self.tmp
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out()?.write(buf)?;
        self.wrote(n);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out()?.flush()
    }
}

/// Commits the files of one run together: each is written out and synced
/// under its temporary name; only when all of them are, they are renamed
/// into place, in order, and their folder is synced. Until the first
/// rename nothing in the folder changes (an error removes every temporary,
/// and earlier outputs of the same names stay as they were). The last file
/// marks a complete set (`run.json`): an earlier file of its name is
/// removed before the first rename, so a folder caught between two renames
/// (power lost, SIGKILL) never looks finished. Renames are one step with
/// respect to [`abandon`].
///
/// # Errors
/// Writing or syncing a file ([`Error::Io`]); a rename that fails after
/// others were done, [`Error::Incomplete`] naming both sets (a single
/// file's: [`Error::Invalid`], nothing else touched).
pub fn commit_all(files: impl IntoIterator<Item = AtomicFile>) -> Result<(), Error> {
    commit_replacing(files, &[])
}

/// [`commit_all`], also removing `stale`: earlier outputs this run does not
/// write (an optional file), removed after the other renames and before
/// the last file's, so a folder with the last file is this run's alone.
///
/// # Errors
/// As [`commit_all`]; a stale file that cannot be removed is an error
/// before the last rename.
pub fn commit_replacing(files: impl IntoIterator<Item = AtomicFile>, stale: &[PathBuf]) -> Result<(), Error> {
    let mut files: Vec<AtomicFile> = files.into_iter().collect();
    for f in &mut files {
        f.finish()?;
    }
    let mut outputs = outputs();
    if let [_, .., marker] = files.as_slice() {
        match std::fs::remove_file(marker.path()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(marker.path(), e)),
            _ => {}
        }
    }
    for i in 0..files.len() {
        if i + 1 == files.len() {
            for p in stale {
                match std::fs::remove_file(p) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(p, e)),
                    _ => {}
                }
            }
        }
        if let Err(e) = files[i].rename() {
            if files.len() == 1 && stale.is_empty() {
                // One file (a report): nothing else was touched, and its
                // command may have no --force to suggest. (With stale
                // files, they were removed just now: the folder is
                // incomplete, as below.)
                return Err(Error::Invalid(format!(
                    "{e}; {} was not written (its temporary file was removed)",
                    name(files[0].path())
                )));
            }
            return Err(Error::Incomplete {
                cause: Box::new(e),
                renamed: files[..i].iter().map(|f| name(f.path())).collect(),
                not_renamed: files[i..].iter().map(|f| name(f.path())).collect(),
            });
        }
    }
    let mut dirs: Vec<&Path> = files.iter().filter_map(|f| f.path().parent()).collect();
    dirs.dedup();
    for dir in dirs {
        sync_dir(dir)?;
    }
    outputs.committed = true;
    Ok(())
}

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Syncs a folder, so that the renames in it last. A filesystem that
/// cannot sync folders is let be.
fn sync_dir(dir: &Path) -> Result<(), Error> {
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    #[cfg(unix)]
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(e) if !matches!(e.kind(), std::io::ErrorKind::InvalidInput | std::io::ErrorKind::Unsupported) => {
            return Err(Error::io(dir, e));
        }
        _ => {}
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The temporary outputs in `dir` (by name: [`TEMP_PREFIX`] …
/// [`PARTIAL_SUFFIX`]; folders left out, links not followed).
pub fn temp_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name();
        let name = name.as_encoded_bytes();
        let ours = name.starts_with(TEMP_PREFIX.as_bytes()) && name.ends_with(PARTIAL_SUFFIX.as_bytes());
        // The entry's own type: a link is not followed.
        if ours && e.file_type().is_ok_and(|t| !t.is_dir()) {
            found.push(e.path());
        }
    }
    Ok(found)
}

/// What [`abandon`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abandoned {
    /// The run's commit had finished (and no output was started since):
    /// every output is in place and whole, nothing was removed.
    Committed,
    /// No commit had finished: the temporary outputs in the folders this
    /// process has locked were removed; no output of the run was renamed
    /// into place.
    Removed,
}

/// For a signal handler that must end the process now: waits for a commit
/// under way; unless it has finished, removes the temporary outputs in the
/// output folders this process holds the lock of ([`lock::OutLock`]), and
/// those folders themselves when the run created them and nothing else is
/// in them (as dropping the lock would); then calls `end` (the caller's
/// exit) with what it found, with no commit, new output or lock able to
/// start or end in between. The library itself never exits the process.
pub fn abandon<T>(end: impl FnOnce(Abandoned) -> T) -> T {
    let outputs = outputs();
    if outputs.committed {
        return end(Abandoned::Committed);
    }
    let held = lock::held();
    for h in held.iter() {
        for f in temp_files(&h.dir).unwrap_or_default() {
            // Removes the name (a link itself, never its target).
            let _ = std::fs::remove_file(f);
        }
        if h.created {
            lock::remove_if_bare(&h.dir);
        }
    }
    let ended = end(Abandoned::Removed);
    drop(held);
    drop(outputs);
    ended
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = AtomicFile::create(dir.path(), "x.csv").unwrap();
        f.write_all(b"a,b\r\n").unwrap();
        assert!(!dir.path().join("x.csv").exists());
        let tmp = f.temp_path().to_path_buf();
        let name = tmp.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with(".rolecall-x.csv.") && name.ends_with(".partial"), "{name}");
        assert_eq!(name.len(), ".rolecall-x.csv.".len() + TEMP_RANDOM + ".partial".len());
        assert_eq!(temp_files(dir.path()).unwrap(), std::slice::from_ref(&tmp));
        f.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("x.csv")).unwrap(), b"a,b\r\n");
        assert!(!tmp.exists());
    }

    #[test]
    fn atomic_file_dropped_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut f = AtomicFile::create(dir.path(), "y.csv").unwrap();
            f.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn large_atomic_file_synced_early_is_whole_or_absent() {
        let dir = tempfile::tempdir().unwrap();
        let chunk: Vec<u8> = (0..=255u8).cycle().take(1 << 20).collect();
        let n = (EARLY_SYNC_BYTES as usize >> 20) * 2 + 3;
        let mut f = AtomicFile::create(dir.path(), "big.csv").unwrap();
        for _ in 0..n {
            f.write_all(&chunk).unwrap();
        }
        assert!(f.early.is_some(), "early syncs started");
        f.commit().unwrap();
        let got = std::fs::read(dir.path().join("big.csv")).unwrap();
        assert_eq!(got.len(), n << 20);
        assert!(got.chunks(1 << 20).all(|c| c == chunk.as_slice()));
        // Dropped after early syncs: nothing is left.
        {
            let mut f = AtomicFile::create(dir.path(), "gone.csv").unwrap();
            for _ in 0..n {
                f.write_all(&chunk).unwrap();
            }
        }
        assert!(!dir.path().join("gone.csv").exists());
        assert!(temp_files(dir.path()).unwrap().is_empty());
    }

    #[test]
    fn atomic_file_truncates_and_writes_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = AtomicFile::create(dir.path(), "t.csv").unwrap();
        f.write_all(b"keep,").unwrap();
        let mark = f.len();
        f.write_all(b"drop this").unwrap();
        f.truncate(mark).unwrap();
        f.write_all(b"then this").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("t.csv")).unwrap(), b"keep,then this");
    }

    #[cfg(unix)]
    #[test]
    fn outputs_are_readable_as_file_create_makes_them() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        AtomicFile::create(dir.path(), "p.csv").unwrap().commit().unwrap();
        let plain = dir.path().join("plain");
        File::create(&plain).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("p.csv")), mode(&plain));
    }

    /// A commit renames over a link at the final name, never writing
    /// through it.
    #[cfg(unix)]
    #[test]
    fn a_link_at_the_final_name_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::write(&outside, "keep").unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(&outside, out.join("l.csv")).unwrap();
        let mut f = AtomicFile::create(&out, "l.csv").unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
        assert!(std::fs::symlink_metadata(out.join("l.csv")).unwrap().is_file());
        assert_eq!(std::fs::read_to_string(out.join("l.csv")).unwrap(), "new");
    }

    #[test]
    fn a_rename_that_fails_names_what_was_left() {
        let dir = tempfile::tempdir().unwrap();
        // A folder with something in it cannot be renamed over.
        std::fs::create_dir_all(dir.path().join("b.csv/inside")).unwrap();
        std::fs::write(dir.path().join("end.json"), "earlier").unwrap();
        let files: Vec<AtomicFile> = ["a.csv", "b.csv", "end.json"]
            .iter()
            .map(|n| AtomicFile::create(dir.path(), n).unwrap())
            .collect();
        // A typed error (the Python package rewords its --force), its
        // message naming what was and was not renamed.
        let err = commit_all(files).unwrap_err();
        let Error::Incomplete { renamed, not_renamed, .. } = &err else { panic!("{err:?}") };
        assert_eq!(
            (renamed, not_renamed),
            (&vec!["a.csv".to_string()], &vec!["b.csv".into(), "end.json".into()])
        );
        let err = err.to_string();
        assert!(err.contains("a.csv renamed into place, b.csv, end.json not"), "{err}");
        assert!(err.ends_with("; run again with --force"), "{err}");
        // The marker of a whole set is gone; no temporary is left.
        assert!(!dir.path().join("end.json").exists());
        assert!(temp_files(dir.path()).unwrap().is_empty());
    }

    /// One file (a report) whose rename fails left nothing incomplete, and
    /// its command may have no --force: the message says neither.
    #[test]
    fn a_single_file_that_fails_to_rename_suggests_no_force() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("report.html/inside")).unwrap();
        let f = AtomicFile::create(dir.path(), "report.html").unwrap();
        let err = commit_all([f]).unwrap_err().to_string();
        assert!(err.ends_with("; report.html was not written (its temporary file was removed)"), "{err}");
        assert!(!err.contains("--force") && !err.contains("incomplete"), "{err}");
        assert!(temp_files(dir.path()).unwrap().is_empty());
    }

    /// One file with stale files to replace (a lexicon import of one
    /// role over two): the stale one is gone when the rename fails, so the
    /// message says the outputs are incomplete.
    #[test]
    fn a_single_file_with_stale_files_that_fails_to_rename_says_incomplete() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("director.csv/inside")).unwrap();
        std::fs::write(dir.path().join("producer.csv"), "term\n").unwrap();
        let f = AtomicFile::create(dir.path(), "director.csv").unwrap();
        let err = commit_replacing([f], &[dir.path().join("producer.csv")]).unwrap_err().to_string();
        assert!(err.contains("the outputs were left incomplete"), "{err}");
        assert!(!dir.path().join("producer.csv").exists());
    }

    #[cfg(unix)]
    #[test]
    fn temp_files_are_found_by_name_without_following_links() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join(".rolecall-dir.partial")).unwrap();
        std::fs::write(d.join("sentences.csv"), "").unwrap();
        std::fs::write(d.join(".rolecall.lock"), "").unwrap();
        std::os::unix::fs::symlink(d.join(".rolecall-dir.partial"), d.join(".rolecall-link.csv.x.partial"))
            .unwrap();
        let f = AtomicFile::create(d, "t.csv").unwrap();
        let mut found = temp_files(d).unwrap();
        found.sort();
        let mut want = vec![d.join(".rolecall-link.csv.x.partial"), f.temp_path().to_path_buf()];
        want.sort();
        assert_eq!(found, want);
    }
}
