//! Finding inputs and reading them into documents.
//!
//! [`discover`] expands the paths given on the command line: files as they
//! are, folders recursively in sorted path order with hidden entries skipped,
//! `-` for standard input. A path that does not exist, or `-` given twice,
//! is an error before any work starts; anything that goes wrong further down
//! (a symbolic-link loop, an unreadable folder, a FIFO) becomes a [`Problem`]
//! in its place in the order, and the rest goes on. A file met a second time
//! (given twice, or found again below another input folder) is read once:
//! its later places are [`ProblemKind::SameFile`] notes.
//!
//! [`load`] reads one input. Binary files (a NUL byte) and unreadable files
//! become a skipping [`Problem`]; invalid UTF-8 is repaired (each bad
//! sequence becomes U+FFFD) with an [`OffsetMap`] so spans still index the
//! original bytes, and the repair is reported as a non-skipping problem.

pub mod fault;
pub mod fields;
pub mod id;
pub mod open;
pub mod problem;
pub mod records;

pub use problem::{Problem, ProblemKind, Remedy, io_message, stream_failure};

/// A character encoding (of `encoding_rs`), as [`encoding_for_label`] gives it.
pub use encoding_rs::Encoding;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::Error;
use crate::text::span::OffsetMap;

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// One input document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The document id written to the outputs: the path as given (joined
    /// with the file's path below a folder), `%`, `#` and bytes that are
    /// not UTF-8 percent-encoded ([`id`]), or `-` for standard input.
    pub id: String,
    /// Where to read it from.
    pub source: Source,
    /// Size in bytes when known in advance (0 for standard input).
    pub size: u64,
    /// Byte offset in `id` where the part below the input folder given
    /// starts (for a path given itself: where its file name starts), so
    /// `id[below..]` is `folder/…/file`; see [`Input::folder`].
    pub below: usize,
    /// Given as a path itself (or standard input), not found below a
    /// folder: it has no folders below an input folder.
    pub listed: bool,
}

impl Input {
    /// The `n`-th folder of the input's path: for `n ≥ 1` counted from the
    /// input folder given (1 is the folder just below it), for `n ≤ -1`
    /// from the file's end (−1 is the folder holding the file). `""` when
    /// the path has no such folder (or `n` is 0).
    pub fn folder(&self, n: i32) -> &str {
        let folders = |from: usize| {
            let rest = self.id.get(from..).unwrap_or("");
            rest.rsplit_once('/').map_or("", |(dirs, _)| dirs)
        };
        if n >= 1 {
            let dirs = folders(self.below);
            if dirs.is_empty() {
                return "";
            }
            dirs.split('/').nth(n as usize - 1).unwrap_or("")
        } else if n <= -1 {
            let dirs = folders(0);
            if dirs.is_empty() {
                return "";
            }
            // (`unsigned_abs`: `-n` overflows for `i32::MIN`.)
            dirs.rsplit('/').nth(n.unsigned_abs() as usize - 1).unwrap_or("")
        } else {
            ""
        }
    }

    /// How many folders [`Input::folder`] counts from for `n`: for `n ≥ 1`
    /// those below the input folder given, for `n ≤ -1` those of the whole
    /// path (0 for a path given as a file name alone, or standard input).
    /// Only named folders count: the root of an absolute path (`/data/a.txt`
    /// has one folder, `data`) is none.
    pub fn folders(&self, n: i32) -> usize {
        let from = if n >= 1 { self.below } else { 0 };
        let rest = self.id.get(from..).unwrap_or("");
        rest.rsplit_once('/').map_or(0, |(dirs, _)| dirs.split('/').filter(|d| !d.is_empty()).count())
    }
}

/// One item of the expanded input list, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// An input to read.
    Input(Input),
    /// An input that could not even be listed.
    Problem(Problem),
}

/// Expands command-line paths into the ordered list of inputs.
///
/// Each file is listed once, where it is met first: a file met again (the
/// same file on disk, under any path) is a [`ProblemKind::SameFile`] note
/// in its place ([`Discover::same_files`] counts them).
///
/// Errors when a path does not exist at all, or when `-` (standard input,
/// which can be read only once) is given twice. The list is produced
/// lazily, so a folder of a million files is never held in memory.
pub fn discover(paths: &[PathBuf]) -> Result<Discover, Error> {
    for p in paths {
        if p.as_os_str() != "-" && std::fs::symlink_metadata(p).is_err() {
            return Err(Error::NoSuchInput { path: p.clone() });
        }
    }
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::Invalid(
            "the path - (standard input) is given twice: standard input can be read only once; give - once"
                .into(),
        ));
    }
    #[allow(clippy::unnecessary_to_owned)] // the iterator owns its paths
    Ok(Discover {
        several: paths.len() > 1,
        paths: paths.to_vec().into_iter(),
        walk: None,
        skip: None,
        filter: Arc::new(Filter::default()),
        earlier_outputs: Arc::new(Mutex::new(Vec::new())),
        follow: false,
        links_skipped: Arc::default(),
        seen: HashMap::new(),
        same_files: 0,
        first_same: None,
    })
}

/// A file's identity: device and inode on Unix (so every path to one file,
/// hard links included, gives the same), else its canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileId {
    /// Device and inode.
    Inode(u64, u64),
    /// The canonical path (where there are no inodes).
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileId {
    /// The identity of what `path` leads to (links followed).
    fn of(path: &Path) -> Option<FileId> {
        FileId::from_metadata(path, &std::fs::metadata(path).ok()?)
    }

    /// The identity of the file at `path`, whose metadata (links followed)
    /// is `meta`.
    #[cfg(unix)]
    fn from_metadata(_path: &Path, meta: &std::fs::Metadata) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        Some(FileId::Inode(meta.dev(), meta.ino()))
    }

    #[cfg(not(unix))]
    fn from_metadata(path: &Path, _meta: &std::fs::Metadata) -> Option<FileId> {
        path.canonicalize().ok().map(FileId::Path)
    }
}

/// Whether the file of `meta` may have other names (hard links): then
/// even a single folder's walk may meet it twice. Unknown (not Unix): yes.
fn linked(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

/// A folder walk in sorted order, hidden entries left out.
type Walk = Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>;

/// The inputs below the command-line paths, in order (see [`discover`]).
pub struct Discover {
    paths: std::vec::IntoIter<PathBuf>,
    walk: Option<(PathBuf, Walk)>,
    skip: Option<FileId>,
    filter: Arc<Filter>,
    /// Folders left out because they hold an earlier scan's outputs.
    earlier_outputs: Arc<Mutex<Vec<PathBuf>>>,
    /// Follow symbolic links found inside input folders.
    follow: bool,
    /// Symbolic links found inside input folders and not followed.
    links_skipped: Arc<std::sync::atomic::AtomicU64>,
    /// More than one path given: a file may be met under two of them.
    several: bool,
    /// The files listed so far that may be met again, by identity, with
    /// the id each was listed under. Only such files are kept (several
    /// paths given, links followed, or a file with hard links), so one
    /// folder's walk holds no list of its files.
    seen: HashMap<FileId, String>,
    /// Files met again and left out so far.
    same_files: u64,
    /// The first of them: its id and the id it was listed under.
    first_same: Option<(String, String)>,
}

/// Which paths below an input folder are read: `--include` and
/// `--exclude` globs (the globset crate's syntax), matched against the path
/// relative to the input folder given, `*` crossing `/` (so `*.txt` matches
/// in every sub-folder). `exclude` also leaves out whole folders; `include`
/// applies to files. Paths given themselves are always read.
#[derive(Debug, Default)]
pub struct Filter {
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
}

impl Filter {
    /// A filter from the globs of `--include` and `--exclude`.
    ///
    /// # Errors
    /// A glob that does not parse, named with its option.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter, Error> {
        let set = |option: &str, globs: &[String]| -> Result<Option<globset::GlobSet>, Error> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = globset::GlobSetBuilder::new();
            for g in globs {
                let glob = globset::Glob::new(g)
                    .map_err(|e| Error::Invalid(format!("{option} {g:?}: not a glob ({})", e.kind())))?;
                b.add(glob);
            }
            b.build().map(Some).map_err(|e| Error::Invalid(format!("{option}: {e}")))
        };
        Ok(Filter { include: set("--include", include)?, exclude: set("--exclude", exclude)? })
    }

    /// Whether the entry at `path`, found below the input folder `root`, is
    /// walked. Without globs nothing is left out and the path below the
    /// folder is not worked out: `strip_prefix` splits both paths into
    /// components, and skipping it took a `-j1` scan of c100's 59,101 files
    /// from 6,367 M to 6,263 M instructions (callgrind).
    fn keeps(&self, path: &Path, root: &Path, is_dir: bool) -> bool {
        if self.include.is_none() && self.exclude.is_none() {
            return true;
        }
        let rel = path.strip_prefix(root).unwrap_or(path);
        if self.exclude.as_ref().is_some_and(|x| x.is_match(rel)) {
            return false;
        }
        is_dir || self.include.as_ref().is_none_or(|i| i.is_match(rel))
    }
}

impl Discover {
    /// Leaves out the folder `dir` (a scan's own output folder, when it lies
    /// inside an input folder) and everything below it. `dir` must exist.
    pub fn except(mut self, dir: &Path) -> Discover {
        self.skip = FileId::of(dir);
        self
    }

    /// Walks only what `filter` keeps.
    pub fn filter(mut self, filter: Filter) -> Discover {
        self.filter = Arc::new(filter);
        self
    }

    /// Follows symbolic links found inside input folders (`--follow`); by
    /// default they are not followed, only counted ([`Discover::links_skipped`]):
    /// a link planted in a folder must not lead a scan outside it. A link
    /// given as a path itself is always followed.
    pub fn follow(mut self, follow: bool) -> Discover {
        self.follow = follow;
        self
    }

    /// Symbolic links inside input folders left unfollowed so far.
    pub fn links_skipped(&self) -> u64 {
        self.links_skipped.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The folders left out so far because they hold the outputs of an
    /// earlier scan (a `run.json` beside a `sentences.csv`).
    pub fn earlier_outputs(&self) -> Vec<PathBuf> {
        self.earlier_outputs.lock().map(|v| v.clone()).unwrap_or_default()
    }

    /// The files met again and left out so far ([`ProblemKind::SameFile`]),
    /// with the first of them: its id and the id it was read under.
    pub fn same_files(&self) -> (u64, Option<&(String, String)>) {
        (self.same_files, self.first_same.as_ref())
    }

    /// `input`, or the note that its file was listed before (its identity
    /// is `file`, may have other names when `linked`).
    fn once(&mut self, input: Input, file: Option<FileId>, linked: bool) -> Entry {
        let Some(file) = file.filter(|_| linked || self.several || self.follow) else {
            return Entry::Input(input);
        };
        match self.seen.entry(file) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(input.id.clone());
                Entry::Input(input)
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                let first = o.get().clone();
                self.same_files += 1;
                self.first_same.get_or_insert_with(|| (input.id.clone(), first.clone()));
                Entry::Problem(Problem::new(input.id, ProblemKind::SameFile { first }))
            }
        }
    }
}

impl Iterator for Discover {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some((root, walk)) = &mut self.walk {
                match walk.next() {
                    None => self.walk = None,
                    Some(Ok(e)) if e.file_type().is_dir() => {}
                    // A link given as a path is followed: judged by its target.
                    Some(Ok(e)) if e.depth() == 0 && e.path_is_symlink() && e.path().is_dir() => {}
                    Some(Ok(e))
                        if e.file_type().is_file()
                            || (e.depth() == 0 && e.path_is_symlink() && e.path().is_file()) =>
                    {
                        // (Of the link's target, for a link given as a path.)
                        let meta = std::fs::metadata(e.path()).ok();
                        let size = meta.as_ref().map_or(0, |m| m.len());
                        let file = meta.as_ref().and_then(|m| FileId::from_metadata(e.path(), m));
                        let linked = meta.as_ref().is_some_and(linked);
                        let depth = e.depth();
                        let path = e.into_path();
                        let id = path_id(&path);
                        let below = if depth == 0 {
                            id.rfind('/').map_or(0, |i| i + 1)
                        } else {
                            (path_id(root).trim_end_matches('/').len() + 1).min(id.len())
                        };
                        let listed = depth == 0;
                        let input = Input { id, source: Source::File(path), size, below, listed };
                        return Some(self.once(input, file, linked));
                    }
                    Some(Ok(e)) => {
                        // A link given as a path (`<(cmd)` is /dev/fd/N) is
                        // named by what it leads to.
                        let target = (e.depth() == 0 && e.path_is_symlink())
                            .then(|| std::fs::metadata(e.path()).ok())
                            .flatten();
                        let ft = target.map_or_else(|| e.file_type(), |m| m.file_type());
                        let kind = ProblemKind::NotRegularFile { what: file_kind(&ft) };
                        return Some(Entry::Problem(Problem::new(path_id(e.path()), kind)));
                    }
                    Some(Err(e)) => {
                        let path = e.path().map_or_else(|| path_id(root), path_id);
                        let kind = match e.loop_ancestor() {
                            Some(a) => ProblemKind::LinkLoop { target: a.to_path_buf() },
                            None => ProblemKind::Unreadable {
                                error: e.io_error().map_or_else(|| e.to_string(), io_message),
                            },
                        };
                        return Some(Entry::Problem(Problem::new(path, kind)));
                    }
                }
                continue;
            }
            let p = self.paths.next()?;
            if p.as_os_str() == "-" {
                return Some(Entry::Input(Input {
                    id: "-".into(),
                    source: Source::Stdin,
                    size: 0,
                    below: 0,
                    listed: true,
                }));
            }
            let skip = self.skip.clone();
            let (filter, earlier) = (Arc::clone(&self.filter), Arc::clone(&self.earlier_outputs));
            let root = p.clone();
            let (follow, links) = (self.follow, Arc::clone(&self.links_skipped));
            let walk = walkdir::WalkDir::new(&p)
                .follow_links(follow)
                // Siblings share their parent's path, so whole paths compare
                // as their names do (without splitting each path per comparison).
                .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
                .into_iter()
                .filter_entry(move |e| {
                    let hidden = e.depth() > 0 && e.file_name().as_encoded_bytes().first() == Some(&b'.');
                    let is_dir = e.file_type().is_dir();
                    let skipped =
                        is_dir && skip.as_ref().is_some_and(|s| FileId::of(e.path()).as_ref() == Some(s));
                    if hidden || skipped || e.depth() == 0 {
                        return !hidden && !skipped;
                    }
                    if !filter.keeps(e.path(), &root, is_dir) {
                        return false;
                    }
                    // (Counted after the globs: a link they leave out is
                    // no link left unread.)
                    if !follow && e.path_is_symlink() {
                        links.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        return false;
                    }
                    if is_dir && is_scan_output(e.path()) {
                        if let Ok(mut v) = earlier.lock() {
                            v.push(e.path().to_path_buf());
                        }
                        return false;
                    }
                    true
                });
            self.walk = Some((p, Box::new(walk)));
        }
    }
}

/// Whether `dir` holds the outputs of a finished rolecall scan.
fn is_scan_output(dir: &Path) -> bool {
    use crate::output::{OutputFormat, schema};
    dir.join(schema::RUN_JSON).is_file()
        && [OutputFormat::Csv, OutputFormat::Parquet]
            .iter()
            .any(|f| dir.join(f.file(schema::SENTENCES)).is_file())
}

use id::path_id;

fn file_kind(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return problem::FIFO;
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    let _ = ft;
    "not a file or folder"
}

/// Reads a whole file whose size was `size_hint` when it was listed,
/// without asking the system for its size again: one `open`, one `read`
/// for a file of that size (it is read as it was listed: bytes appended
/// since are left for the next run), one `close`. A file with no listed
/// size is read to its end.
fn read_file(path: &Path, size_hint: u64) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    let listed = usize::try_from(size_hint).unwrap_or(0);
    let mut buf = Vec::with_capacity(listed.saturating_add(1));
    loop {
        if listed > 0 && buf.len() == listed {
            return Ok(buf);
        }
        if buf.len() == buf.capacity() {
            buf.reserve(buf.capacity().max(8192));
        }
        let len = buf.len();
        // Never past the listed size; to the end when none was listed.
        let end = if listed > len { listed } else { buf.capacity() };
        buf.resize(end, 0);
        match f.read(&mut buf[len..end]) {
            Ok(0) => {
                buf.truncate(len);
                return Ok(buf);
            }
            Ok(n) => buf.truncate(len + n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => buf.truncate(len),
            Err(e) => return Err(e),
        }
    }
}

/// The offset of the first NUL byte in a file, read in chunks.
/// A UTF-16 file (with its BOM) has none: it is checked once decoded.
pub fn find_nul(path: &Path) -> std::io::Result<Option<u64>> {
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut offset = 0u64;
    loop {
        let n = match f.read(&mut buf) {
            Ok(0) => return Ok(None),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if offset == 0 && utf16_bom(&buf[..n]).is_some() {
            return Ok(None);
        }
        if let Some(i) = memchr::memchr(0, &buf[..n]) {
            return Ok(Some(offset + i as u64));
        }
        offset += n as u64;
    }
}

/// A document read into memory.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The document id.
    pub id: String,
    /// Length in bytes of the text its spans index: the input as read
    /// (decompressed; bad UTF-8 bytes counted as they were), or the
    /// decoded UTF-8 text of an input in another encoding or UTF-16.
    pub bytes: u64,
    /// The text (repaired when the input was not valid UTF-8).
    pub text: String,
    /// Maps offsets in `text` to offsets in the original bytes.
    pub map: OffsetMap,
    /// Set when the input had to be repaired.
    pub repaired: Option<Problem>,
    /// Bytes that were not valid UTF-8.
    pub bad_bytes: u64,
    /// Offset of the first of them (0 when none).
    pub first_bad: u64,
    /// A record tagged from several text fields: each field's name and the
    /// byte offset where it starts in the original bytes (the fields joined
    /// with [`records::PART_SEPARATOR`]). Empty for one text.
    pub parts: Vec<(std::sync::Arc<str>, usize)>,
}

impl Document {
    /// The text field holding original byte `at`, and where it starts
    /// (`None` for a document of one text).
    pub fn part_of(&self, at: usize) -> Option<(&str, usize)> {
        let i = self.parts.partition_point(|(_, start)| *start <= at).checked_sub(1)?;
        let (name, start) = &self.parts[i];
        Some((name, *start))
    }
}

/// Byte buffers handed back once used, for the next blocks of a stream to
/// reuse: shared by the thread reading blocks and the workers tagging them.
///
/// A new 1–4 MiB buffer per block is a new large allocation each time,
/// whose pages the kernel zeroes again as they are first written
/// (`clear_page_erms` was 10–25% of `scan c100-large --people -j1` in
/// perf). With the pool, `scan c100-large` (10 files of 10 MB, 2
/// threads) has 1.03× the throughput, CPU and wall (medians of two sets
/// of 11 paired runs), and writes the same bytes. It keeps spare
/// buffers of [`BufferPool::MAX_HELD`] bytes of capacity in all at most,
/// the bound on the input bytes of the tasks in flight.
#[derive(Debug, Default)]
pub struct BufferPool {
    /// The spare buffers and the sum of their capacities (bytes).
    spare: Mutex<(Vec<Vec<u8>>, usize)>,
}

impl BufferPool {
    /// Capacity (bytes) of all spare buffers together at most; a buffer
    /// given back past it is freed.
    pub const MAX_HELD: usize = 64 << 20;

    /// An empty buffer with room for `len` bytes: the smallest spare one
    /// that is large enough (one too small is left for a smaller request:
    /// growing it would copy and zero again), else a new one.
    pub fn take(&self, len: usize) -> Vec<u8> {
        let mut guard = self.spare.lock().unwrap_or_else(|e| e.into_inner());
        let (spare, held) = &mut *guard;
        let best =
            (0..spare.len()).filter(|&i| spare[i].capacity() >= len).min_by_key(|&i| spare[i].capacity());
        match best {
            Some(i) => {
                let buf = spare.swap_remove(i);
                *held -= buf.capacity();
                buf
            }
            None => Vec::with_capacity(len),
        }
    }

    /// Hands `buf` back for reuse (its content is dropped), or frees it
    /// when the pool holds enough.
    pub fn give(&self, mut buf: Vec<u8>) {
        buf.clear();
        let mut guard = self.spare.lock().unwrap_or_else(|e| e.into_inner());
        let (spare, held) = &mut *guard;
        if buf.capacity() > 0 && *held + buf.capacity() <= Self::MAX_HELD {
            *held += buf.capacity();
            spare.push(buf);
        }
    }
}

/// Reads a file in blocks cut at blank lines (see
/// [`crate::text::blocks::next_block_cut`]), so a file of any size is tagged in
/// bounded memory with the same units as if read whole.
///
/// The bytes are read straight into the buffer of the block being filled,
/// up to 256 KiB a call, and a cut hands that buffer out
/// whole; only the bytes after the cut (less than one read) are copied,
/// into the next block's buffer. Reading into one buffer and copying each
/// block out of it (and the rest to the buffer's front) spent 87 M
/// instructions in `memcpy` of a `scan c100-large -j 1`, now 11 M
/// (callgrind; 5,756 M → 5,713 M in all, outputs the same); in time, 11
/// alternating rounds showed no difference beyond the noise (CPU paired
/// median 1.014, quartiles 0.97–1.05). Each read still zeroes the part of
/// the buffer it reads into.
#[derive(Debug)]
pub struct BlockReader<R> {
    inner: R,
    /// The block being filled: the bytes read and not yet handed out.
    buf: Vec<u8>,
    /// Where block buffers come from, and the last buffer goes back to.
    pool: Option<std::sync::Arc<BufferPool>>,
    min_len: usize,
    /// Where the search for the next cut goes on in `buf` (the `resume` of
    /// the last [`crate::text::blocks::BlockCut::NeedMore`]; 0 in a new block).
    resume: usize,
    offset: u64,
    eof: bool,
    /// A read error held back until the bytes read before it are handed out.
    failed: Option<std::io::Error>,
}

impl<R: Read> BlockReader<R> {
    /// Blocks of at least `min_len` bytes (but the last).
    pub fn new(inner: R, min_len: usize) -> Self {
        BlockReader {
            inner,
            buf: Vec::new(),
            pool: None,
            min_len: min_len.max(1),
            resume: 0,
            offset: 0,
            eof: false,
            failed: None,
        }
    }

    /// Bytes asked of the reader at a time, for blocks of `min_len` bytes:
    /// a quarter of a 1 MiB block, so the bytes copied after a cut stay
    /// few, in 400 reads per 100 MB.
    fn read_len(min_len: usize) -> usize {
        min_len.clamp(1 << 12, 1 << 18)
    }

    /// Room for the longest block and one read after it.
    fn block_capacity(&self) -> usize {
        self.min_len.saturating_mul(crate::text::blocks::MAX_BLOCK_FACTOR) + Self::read_len(self.min_len)
    }

    /// An empty buffer for the next block: from the pool, with room for
    /// the longest block, or (without a pool) one that grows as read.
    fn next_buffer(&self) -> Vec<u8> {
        match &self.pool {
            Some(pool) => pool.take(self.block_capacity()),
            None => Vec::new(),
        }
    }

    /// The same reader taking its block buffers from `pool` (their users
    /// give them back when done with them) and handing its last buffer
    /// back to it when dropped.
    pub fn with_pool(mut self, pool: std::sync::Arc<BufferPool>) -> Self {
        self.pool = Some(pool);
        if self.buf.capacity() == 0 {
            self.buf = self.next_buffer();
        }
        self
    }

    /// The next block and its offset in the input, or `None` at the end.
    /// When reading fails, the bytes read before the failure are handed out
    /// first (as one last block), then the error.
    pub fn next_block(&mut self) -> std::io::Result<Option<(u64, Vec<u8>)>> {
        use crate::text::blocks::{BlockCut, next_block_cut_from};
        loop {
            if self.buf.is_empty() {
                if let Some(e) = self.failed.take() {
                    return Err(e);
                }
                if self.eof {
                    return Ok(None);
                }
            } else {
                let cut = match next_block_cut_from(&self.buf, self.min_len, self.eof, self.resume) {
                    BlockCut::At(p) => Some(p),
                    BlockCut::None => Some(self.buf.len()),
                    BlockCut::NeedMore { resume } => {
                        self.resume = resume;
                        None
                    }
                };
                if let Some(p) = cut {
                    // The bytes after the cut start the next block.
                    let mut next =
                        if p < self.buf.len() || !self.eof { self.next_buffer() } else { Vec::new() };
                    next.extend_from_slice(&self.buf[p..]);
                    self.buf.truncate(p);
                    let block = std::mem::replace(&mut self.buf, next);
                    self.resume = 0;
                    let at = self.offset;
                    self.offset += p as u64;
                    return Ok(Some((at, block)));
                }
            }
            let old = self.buf.len();
            self.buf.resize(old + Self::read_len(self.min_len), 0);
            let n = loop {
                match self.inner.read(&mut self.buf[old..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        // Hand out what was read (if anything), then the error.
                        self.failed = Some(e);
                        break 0;
                    }
                }
            };
            self.buf.truncate(old + n);
            self.eof = n == 0;
        }
    }
}

impl<R> Drop for BlockReader<R> {
    fn drop(&mut self) {
        if let Some(pool) = &self.pool {
            pool.give(std::mem::take(&mut self.buf));
        }
    }
}

/// The encoding a WHATWG `label` names (as `encoding_rs` reads it, white
/// space trimmed), for [`decode_as`] and [`open::open`].
///
/// ```
/// assert_eq!(rolecall::input::encoding_for_label("latin1"), Ok(encoding_rs::WINDOWS_1252));
/// assert!(rolecall::input::encoding_for_label("utf-16le").is_err());
/// ```
///
/// # Errors
/// What is wrong and what to give: an unknown label; an encoding that is
/// not ASCII-compatible (UTF-16 is read by its byte-order mark; the WHATWG
/// "replacement" encoding decodes nothing).
pub fn encoding_for_label(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    let hint = "give a WHATWG label such as utf-8, windows-1252 (also latin1, iso-8859-1), iso-8859-2, koi8-r, shift_jis, gbk or euc-kr";
    match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
        None => Err(format!("not an encoding label; {hint}")),
        Some(e) if e == encoding_rs::REPLACEMENT || !e.is_ascii_compatible() => Err(format!(
            "{} is not read this way (UTF-16 files are read by their byte-order mark); {hint}",
            e.name()
        )),
        Some(e) => Ok(e),
    }
}

/// How text without a byte-order mark is read (`--encoding`): a BOM
/// always wins, and WARC records and HTML keep the charsets they declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Charset {
    /// UTF-8, bad bytes repaired as U+FFFD (the default).
    #[default]
    Utf8,
    /// Every input in this encoding (an ASCII-compatible one:
    /// [`encoding_for_label`]; UTF-8 as a label reads as [`Charset::Utf8`] does).
    Label(&'static encoding_rs::Encoding),
    /// Each input as UTF-8 when its first [`DETECT_BYTES`] are valid UTF-8,
    /// else in the encoding that chardetng (Firefox's detector for legacy
    /// web text) guesses from those bytes (`--encoding auto`).
    Detect,
}

/// Bytes of an input that [`Charset::Detect`] reads to decide.
pub const DETECT_BYTES: usize = 1 << 20;

impl From<Option<&'static encoding_rs::Encoding>> for Charset {
    fn from(e: Option<&'static encoding_rs::Encoding>) -> Charset {
        e.map_or(Charset::Utf8, Charset::Label)
    }
}

impl From<&'static encoding_rs::Encoding> for Charset {
    fn from(e: &'static encoding_rs::Encoding) -> Charset {
        Charset::Label(e)
    }
}

impl Charset {
    /// What `--encoding` takes: `auto`, or a WHATWG label
    /// ([`encoding_for_label`]).
    ///
    /// ```
    /// use rolecall::input::Charset;
    /// assert_eq!(Charset::parse("auto"), Ok(Charset::Detect));
    /// assert_eq!(Charset::parse("latin1"), Ok(Charset::Label(encoding_rs::WINDOWS_1252)));
    /// assert_eq!(Charset::parse("utf8"), Ok(Charset::Label(encoding_rs::UTF_8)));
    /// ```
    ///
    /// # Errors
    /// What is wrong with the label ([`encoding_for_label`]).
    pub fn parse(label: &str) -> Result<Charset, String> {
        if label.trim().eq_ignore_ascii_case("auto") {
            return Ok(Charset::Detect);
        }
        encoding_for_label(label)
            .map(Charset::Label)
            .map_err(|why| format!("{why}, or `auto` to detect each file's"))
    }

    /// The option's value as `run.json` records it: `None` when not given,
    /// `auto`, or the encoding's name (`UTF-8` when given as such).
    pub fn name(self) -> Option<&'static str> {
        match self {
            Charset::Utf8 => None,
            Charset::Label(e) => Some(e.name()),
            Charset::Detect => Some("auto"),
        }
    }
}

/// Under [`Charset::Detect`], the encoding of text that starts with `head`
/// (no BOM): `None` when the first [`DETECT_BYTES`] of `head` are UTF-8
/// (valid, or cut inside their last character when more bytes follow:
/// `more`, or `head` is longer), else chardetng's guess from them.
pub(crate) fn detect(head: &[u8], more: bool) -> Option<&'static encoding_rs::Encoding> {
    let more = more || head.len() > DETECT_BYTES;
    let head = &head[..head.len().min(DETECT_BYTES)];
    match std::str::from_utf8(head) {
        Ok(_) => return None,
        Err(e) if more && e.error_len().is_none() => return None,
        Err(_) => {}
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, !more);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // (Not UTF-8, and never a non-ASCII-compatible guess: the detector
    // gives only ASCII-compatible ones, this keeps it so.)
    Some(if guess.is_ascii_compatible() && guess != encoding_rs::UTF_8 {
        guess
    } else {
        encoding_rs::WINDOWS_1252
    })
}

/// Decompressed text of gzip data read whole ([`load`]) from standard
/// input at most this long: more is refused, as the compressed data may be
/// small.
pub const MAX_GUNZIP_WHOLE: usize = records::MAX_RECORD_BYTES;

/// The same for a file (a small gzip file without `.gz` in its name, read
/// whole by a worker): 1 MiB, the bytes of one task of small files. Tasks
/// and the bytes in flight are counted by size on disk, so a larger bound
/// let a folder of such files hold gigabytes (8 files of 224 KB that each
/// held 63 MiB of text: 2.2 GB at `-j2`, 219 MB when named `.gz` and
/// streamed). More is refused with a row saying to name the file `.gz`.
pub const MAX_GUNZIP_FILE: usize = 1 << 20;

/// Reads one input, as [`decode_as`] decodes it in `encoding`. An input
/// that starts with gzip's magic bytes (1f 8b), whatever its name, is
/// decompressed first (up to [`MAX_GUNZIP_FILE`] bytes of text, from
/// standard input [`MAX_GUNZIP_WHOLE`]); junk after the gzip data, or a
/// read error after some text (a truncated file), is noted in the
/// document's `repaired` problem.
///
/// # Errors
/// A file that cannot be read, gzip data that cannot be read or is too
/// long, data of another compression format
/// ([`open::other_compression`]), or binary data ([`decode_as`]).
pub fn load(input: &Input, encoding: impl Into<Charset>) -> Result<Document, Problem> {
    let bytes = match &input.source {
        Source::File(path) => read_file(path, input.size)
            .map_err(|e| Problem::new(&input.id, ProblemKind::Unreadable { error: io_message(&e) }))?,
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| Problem::new("-", ProblemKind::UnreadableStdin { error: io_message(&e) }))?;
            buf
        }
    };
    let read = bytes.len() as u64;
    let problem = |kind| Problem::new(&input.id, kind);
    if let Some(error) = open::other_compression_said(&bytes) {
        return Err(problem(ProblemKind::Unreadable { error }));
    }
    let mut doc = if open::is_gzip(&bytes) {
        let limit = if input.source == Source::Stdin { MAX_GUNZIP_WHOLE } else { MAX_GUNZIP_FILE };
        let (text, noted) = gunzip_whole(&bytes, limit).map_err(problem)?;
        // One layer is decompressed, as a stream is: gzip inside it is said so.
        if open::is_gzip(&text) {
            let error = open::GzipError { fault: open::GzipFault::Nested, byte: 0 }.to_string();
            return Err(problem(ProblemKind::Unreadable { error }));
        }
        // (As a `.gz` file streamed says it: binary data, at its offset in the text.)
        let mut doc = decode_as(&input.id, text, encoding).map_err(|p| match p.kind {
            ProblemKind::BinaryFile { offset } => problem(ProblemKind::BinaryData { offset, kept: false }),
            _ => p,
        })?;
        let kind = ProblemKind::and(doc.repaired.take().map(|p| p.kind), noted);
        doc.repaired = kind.map(problem);
        doc
    } else {
        decode_as(&input.id, bytes, encoding)?
    };
    if matches!(input.source, Source::File(_)) && read < input.size {
        let shrank = ProblemKind::Shrank { listed: input.size, read };
        let kind = ProblemKind::and(doc.repaired.take().map(|p| p.kind), Some(shrank));
        doc.repaired = kind.map(problem);
    }
    Ok(doc)
}

/// The text that gzip data `raw` decompresses to (at most `limit` bytes),
/// and what went wrong after some of it was read: junk after the gzip
/// data ([`ProblemKind::TrailingGarbage`]), a read error
/// ([`ProblemKind::StreamFailed`]: a truncated file, a checksum).
///
/// # Errors
/// A read error before any text ([`ProblemKind::Unreadable`]), or more
/// text than `limit` ([`ProblemKind::GzipTooLong`]).
fn gunzip_whole(raw: &[u8], limit: usize) -> Result<(Vec<u8>, Option<ProblemKind>), ProblemKind> {
    let notes = open::Notes::default();
    let mut text = Vec::new();
    // (`read_to_end` keeps what it read before an error.)
    let failed = open::gunzip_noting(raw, notes.clone()).take(limit as u64 + 1).read_to_end(&mut text).err();
    if text.len() > limit {
        return Err(ProblemKind::GzipTooLong { limit_mib: limit >> 20 });
    }
    let failed = match failed {
        Some(e) if text.is_empty() => return Err(ProblemKind::Unreadable { error: stream_failure(&e) }),
        Some(e) => {
            Some(ProblemKind::StreamFailed { after_bytes: text.len() as u64, what: stream_failure(&e) })
        }
        None => None,
    };
    Ok((text, ProblemKind::and(notes.take(), failed)))
}

/// Turns raw bytes into a document: decodes UTF-16 by its byte-order mark,
/// rejects binary data, repairs bad UTF-8, and takes lone CR line ends
/// (old Mac files) as line breaks.
///
/// ```
/// let doc = rolecall::input::decode("x", b"caf\xe9 noir".to_vec()).unwrap();
/// assert_eq!(doc.text, "caf\u{fffd} noir");
/// assert!(doc.repaired.is_some());
/// // " noir" starts at byte 4 of the original, byte 6 of the text.
/// assert_eq!(doc.map.to_original(6), 4);
/// ```
///
/// A UTF-16 file (with its BOM) is decoded to UTF-8; its spans index the
/// decoded UTF-8 text, not the file's bytes:
///
/// ```
/// let bytes = [&[0xff, 0xfe][..], &"Caf\u{e9}.".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()].concat();
/// let doc = rolecall::input::decode("x", bytes).unwrap();
/// assert_eq!(doc.text, "Caf\u{e9}.");
/// assert!(doc.repaired.is_none());
/// ```
pub fn decode(id: &str, bytes: Vec<u8>) -> Result<Document, Problem> {
    decode_as(id, bytes, None)
}

/// [`decode`], reading text without a byte-order mark as `encoding` says
/// ([`Charset`]; `None` or UTF-8: as UTF-8, bad bytes repaired). Text
/// decoded from another encoding has spans into the decoded UTF-8 text, as
/// UTF-16 has; an encoding detected is noted in the document's
/// `repaired` problem ([`ProblemKind::Detected`]).
///
/// ```
/// let doc = rolecall::input::decode_as("x", b"Fran\xe7ois".to_vec(), Some(encoding_rs::WINDOWS_1252)).unwrap();
/// assert_eq!(doc.text, "Fran\u{e7}ois");
/// assert!(doc.repaired.is_none());
/// ```
///
/// # Errors
/// Binary data: a NUL byte (in the decoded text when decoded).
pub fn decode_as(id: &str, bytes: Vec<u8>, encoding: impl Into<Charset>) -> Result<Document, Problem> {
    let encoding = encoding.into();
    let utf16 = utf16_bom(&bytes).is_some();
    // A NUL byte is binary data, but UTF-16's are text: its decoded text
    // is checked instead.
    if let Some(at) = memchr::memchr(0, &bytes).filter(|_| !utf16) {
        return Err(Problem::new(id, ProblemKind::BinaryFile { offset: at as u64 }));
    }
    let Some((encoding, detected)) = text_encoding(&bytes, encoding, false) else {
        return Ok(decode_text(id, bytes));
    };
    let (text, replaced) = records::decode_with(encoding, &bytes[if utf16 { 2 } else { 0 }..]);
    if let Some(at) = memchr::memchr(0, text.as_bytes()).filter(|_| utf16) {
        return Err(Problem::new(id, ProblemKind::BinaryFile { offset: at as u64 }));
    }
    // (Its `bytes` are those of the decoded text, which its spans index, as
    // for a stream decoded as it is read.)
    let mut doc = decode_text(id, text.into_bytes());
    doc.repaired = ProblemKind::decoding(encoding.name(), detected, replaced).map(|k| Problem::new(id, k));
    Ok(doc)
}

/// The encoding of text that starts with `head` (`more`: bytes follow
/// it), to decode it to UTF-8 from, and whether it was detected: UTF-16 by
/// its byte-order mark; none (it is UTF-8) after a UTF-8 byte-order mark;
/// else as `option` (`--encoding`) says: none for UTF-8, its encoding, or
/// the one [`detect`] finds.
pub(crate) fn text_encoding(
    head: &[u8],
    option: Charset,
    more: bool,
) -> Option<(&'static encoding_rs::Encoding, bool)> {
    match utf16_bom(head) {
        Some(utf16) => Some((utf16, false)),
        None if head.starts_with(open::UTF8_BOM) => None,
        None => match option {
            Charset::Utf8 => None,
            Charset::Label(e) => (e != encoding_rs::UTF_8).then_some((e, false)),
            Charset::Detect => detect(head, more).map(|e| (e, true)),
        },
    }
}

/// UTF-16LE or UTF-16BE when `bytes` start with its byte-order mark.
pub fn utf16_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match bytes {
        [0xff, 0xfe, ..] => Some(encoding_rs::UTF_16LE),
        [0xfe, 0xff, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// The text of a record as a document: NUL bytes become spaces (one byte
/// for one, so spans still index the record's text), bad UTF-8 is
/// repaired; each repair, and malformed sequences replaced while the text
/// was decoded from another charset, is reported in one problem.
///
/// ```
/// use rolecall::input::records::Extracted;
/// let text = b"Directed\0by Ann.".to_vec();
/// let rec = Extracted::plain("r".into(), text);
/// let doc = rolecall::input::decode_record("f.jsonl#r", rec);
/// assert_eq!(doc.text, "Directed by Ann.");
/// assert!(doc.repaired.unwrap().message().starts_with("1 NUL byte(s) (first at offset 8) replaced with spaces"));
/// ```
pub fn decode_record(id: &str, rec: records::Extracted) -> Document {
    let mut text = rec.text;
    let (mut nuls, mut first) = (0u64, 0u64);
    if memchr::memchr(0, &text).is_some() {
        for (i, b) in text.iter_mut().enumerate() {
            if *b == 0 {
                if nuls == 0 {
                    first = i as u64;
                }
                nuls += 1;
                *b = b' ';
            }
        }
    }
    let mut doc = decode_text(id, text);
    let decoded = rec
        .transcoded
        .filter(|t| t.replaced > 0)
        .map(|t| ProblemKind::Decoded { encoding: t.encoding, replaced: t.replaced });
    let nul = (nuls > 0).then_some(ProblemKind::NulReplaced { count: nuls, first });
    let kind = ProblemKind::and(ProblemKind::and(rec.repaired, decoded), nul);
    let kind = ProblemKind::and(kind, doc.repaired.take().map(|p| p.kind));
    doc.repaired = kind.map(|k| Problem::new(id, k));
    doc
}

/// Names the text fields of a record tagged from several
/// (`--text-field title,body`): `starts` are where each field begins in
/// the record's bytes ([`records::Extracted::parts`]), in the order of
/// `fields` (`text`, then `also`); [`Document::parts`] gets each name with
/// its start. Nothing changes for a record of one text (`starts` empty).
pub fn name_parts(doc: &mut Document, starts: &[usize], fields: &records::Fields) {
    if starts.is_empty() {
        return;
    }
    doc.parts =
        fields.text_fields().map(|n| std::sync::Arc::from(n.as_str())).zip(starts.iter().copied()).collect();
}

/// [`decode`] without the binary check: bad UTF-8 is repaired, and the
/// document says how many bytes were bad and where the first was.
pub fn decode_text(id: &str, bytes: Vec<u8>) -> Document {
    let len = bytes.len() as u64;
    let Utf8Repair { text, map, bad_bytes, first_bad } =
        replace_invalid_utf8(bytes, |_, text| text.push('\u{fffd}'));
    let text = lone_cr_to_lf(text);
    let repaired = (bad_bytes > 0)
        .then(|| Problem::new(id, ProblemKind::Repaired { bad_bytes, first_bad, remedy: Remedy::default() }));
    Document { id: id.into(), bytes: len, text, map, repaired, bad_bytes, first_bad, parts: Vec::new() }
}

/// Bytes made UTF-8 by [`replace_invalid_utf8`].
pub(crate) struct Utf8Repair {
    /// The text.
    pub text: String,
    /// Maps offsets in `text` to offsets in the bytes it was made from.
    pub map: OffsetMap,
    /// Bytes that were not UTF-8.
    pub bad_bytes: u64,
    /// Offset of the first of them (0 when none).
    pub first_bad: u64,
}

/// `bytes` as UTF-8, each invalid sequence written by `replace` (given the
/// sequence, and the text so far to push to), with the map back to
/// `bytes`. Valid UTF-8 is taken as it is, without a copy.
pub(crate) fn replace_invalid_utf8(
    bytes: Vec<u8>,
    mut replace: impl FnMut(&[u8], &mut String),
) -> Utf8Repair {
    match String::from_utf8(bytes) {
        Ok(text) => Utf8Repair { text, map: OffsetMap::default(), bad_bytes: 0, first_bad: 0 },
        Err(e) => {
            let first_bad = e.utf8_error().valid_up_to() as u64;
            let bytes = e.into_bytes();
            let mut text = String::with_capacity(bytes.len() + 16);
            let mut map = OffsetMap::default();
            let (mut orig, mut bad) = (0, 0u64);
            // `from_utf8` runs through ASCII a word at a time (`utf8_chunks`
            // goes byte by byte); the valid part before each bad sequence is
            // checked twice, which is still cheaper.
            loop {
                let rest = &bytes[orig..];
                let (good, invalid) = match std::str::from_utf8(rest) {
                    Ok(valid) => {
                        text.push_str(valid);
                        break;
                    }
                    Err(e) => (e.valid_up_to(), e.error_len().unwrap_or(rest.len() - e.valid_up_to())),
                };
                text.push_str(std::str::from_utf8(&rest[..good]).expect("valid up to the error"));
                replace(&rest[good..good + invalid], &mut text);
                orig += good + invalid;
                bad += invalid as u64;
                map.push(text.len(), orig);
            }
            Utf8Repair { text, map, bad_bytes: bad, first_bad }
        }
    }
}

/// Lone CR line ends (old Mac files) as LF: the segmenter breaks lines at
/// `\n` only. One byte for one, so spans still index the original bytes.
fn lone_cr_to_lf(text: String) -> String {
    let bytes = text.as_bytes();
    let lone = |&i: &usize| bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(|i| lone(&i)) {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("ASCII replaced with ASCII")
}

#[cfg(test)]
mod tests;
