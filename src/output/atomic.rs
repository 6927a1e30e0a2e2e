//! Output files that never look whole before they are: written under a
//! temporary name in the output folder, synced, renamed into place.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output::schema::{OUTPUT_FILES, PARTIAL_SUFFIX};

/// A file written under a temporary name and renamed into place by
/// [`AtomicFile::commit`]. Dropped without commit, it removes its temporary.
///
/// A large file starts going to disk while it is written: every
/// [`EARLY_SYNC_BYTES`] a helper thread syncs what is there, so the sync
/// before the rename has little left to wait for.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    out: Option<BufWriter<File>>,
    written: u64,
    early: Option<EarlySync>,
}

/// Bytes between two early syncs of an [`AtomicFile`].
pub const EARLY_SYNC_BYTES: u64 = 8 << 20;

#[derive(Debug)]
struct EarlySync {
    tick: std::sync::mpsc::SyncSender<()>,
}

impl AtomicFile {
    /// Creates `dir/name.partial`.
    pub fn create(dir: &Path, name: &str) -> Result<AtomicFile, Error> {
        let path = dir.join(name);
        let tmp = dir.join(format!("{name}{PARTIAL_SUFFIX}"));
        let f = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(AtomicFile { path, tmp, out: Some(BufWriter::with_capacity(1 << 16, f)), written: 0, early: None })
    }

    /// Appends bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let out = self.out.as_mut().expect("not yet committed");
        out.write_all(bytes).map_err(|e| Error::io(&self.tmp, e))?;
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
        use std::io::Seek;
        let out = self.out.as_mut().expect("not yet committed");
        let f = (|| {
            out.flush()?;
            let f = out.get_mut();
            f.set_len(len)?;
            f.seek(std::io::SeekFrom::Start(len))
        })();
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
            let Some(file) = self.out.as_ref().and_then(|o| o.get_ref().try_clone().ok()) else { return };
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

    /// Flushes, syncs and renames the file to its final name.
    pub fn commit(mut self) -> Result<(), Error> {
        let out = self.out.take().expect("commit once");
        let f = out.into_inner().map_err(|e| Error::io(&self.tmp, e.into_error()))?;
        // The helper finishes the sync under way, if any, then ends; the
        // final sync runs beside it rather than after it.
        drop(self.early.take());
        f.sync_all().map_err(|e| Error::io(&self.tmp, e))?;
        drop(f);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.as_mut().expect("not yet committed").write(buf)?;
        self.wrote(n);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.as_mut().expect("not yet committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Held while outputs are renamed into place, so that an interrupt never
/// lands between two renames (see [`abandon`]).
static COMMIT: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Commits `files` in order, as one step with respect to [`abandon`].
pub fn commit_all(files: impl IntoIterator<Item = AtomicFile>) -> Result<(), Error> {
    let _guard = COMMIT.lock().unwrap_or_else(|e| e.into_inner());
    for f in files {
        f.commit()?;
    }
    Ok(())
}

/// For a Ctrl-C handler that must end the process now: waits for a commit
/// under way, removes the partial outputs in `dir`, then calls `end` (the
/// caller's exit) with no commit able to start in between. The library
/// itself never exits the process.
pub fn abandon<T>(dir: Option<&Path>, end: impl FnOnce() -> T) -> T {
    let _guard = COMMIT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(dir) = dir {
        for f in OUTPUT_FILES {
            let _ = std::fs::remove_file(dir.join(format!("{f}{PARTIAL_SUFFIX}")));
        }
    }
    end()
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
        assert!(dir.path().join("x.csv.partial").exists());
        f.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("x.csv")).unwrap(), b"a,b\r\n");
        assert!(!dir.path().join("x.csv.partial").exists());
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
        assert!(!dir.path().join("gone.csv").exists() && !dir.path().join("gone.csv.partial").exists());
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
}
