//! The output folder under faults (issue 14): runs racing into one folder,
//! links planted in it, a disk that fills up, signals at any point. After
//! each, the folder holds this run's complete outputs, or the earlier
//! run's outputs as they were (or none), and never a temporary file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{
    CSVS, LOCK_FILE, bin, leftovers, outputs, root, run_in, signal, skipped, stderr, wait_exit,
};

/// Every entry of `out` but the lock file, by name: its bytes (a link: its
/// target's path).
fn snapshot(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in fs::read_dir(out).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name == LOCK_FILE {
            continue;
        }
        let bytes = match e.file_type().unwrap().is_symlink() {
            true => fs::read_link(e.path()).unwrap().to_string_lossy().as_bytes().to_vec(),
            false => fs::read(e.path()).unwrap(),
        };
        files.insert(name, bytes);
    }
    files
}

/// The CSV outputs of `out` (what does not change between identical runs).
fn csvs(out: &Path) -> Vec<Vec<u8>> {
    CSVS.iter().map(|f| fs::read(out.join(f)).unwrap_or_default()).collect()
}

/// A generated corpus of about `mb` MB in `dir/c`, in three folders.
fn corpus(dir: &Path, mb: &str) -> PathBuf {
    let c = dir.join("c");
    let o = Command::new(bin())
        .args(["gen-corpus", "--mb", mb, "--seed", "5", "--out"])
        .arg(&c)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    c
}

/// Shards `s1` (the first folder of `dir/c`) and `s2` (the others): merged,
/// the outputs of one scan of `c`.
fn shards(dir: &Path) {
    let mut folders: Vec<String> = fs::read_dir(dir.join("c"))
        .unwrap()
        .map(|e| format!("c/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    folders.sort();
    assert!(folders.len() > 1);
    ok_in(dir, &["scan", &folders[0], "-o", "s1", "-q"], 0);
    let mut rest = vec!["scan", "-o", "s2", "-q"];
    rest.extend(folders[1..].iter().map(String::as_str));
    ok_in(dir, &rest, 0);
}

/// Runs `rolecall ARGS` in `dir`, asserting its exit code.
fn ok_in(dir: &Path, args: &[&str], code: i32) {
    let o = run_in(dir, args);
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
}

/// Starts `rolecall ARGS` in `dir`, standard error piped.
fn start(dir: &Path, args: &[&str]) -> Child {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn err_of(child: &mut Child) -> String {
    let mut s = String::new();
    use std::io::Read;
    child.stderr.take().map(|mut e| e.read_to_string(&mut s));
    s
}

/// A small pseudo-random generator (xorshift), seeded from the clock; the
/// seed is in every failure message.
struct Rng(u64);
impl Rng {
    fn new() -> Rng {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
        Rng(t.as_nanos() as u64 | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Two scans and a merge started together into one folder (issue 14 item
/// 1): one of them writes it, the others stop with exit 2 naming the
/// folder's holder; the outputs are whole, never a mix. Before the lock,
/// runs wrote into the same temporary files and one exited 0 with mixed,
/// corrupted files.
#[test]
fn runs_racing_into_one_folder_never_mix_their_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    corpus(d, "2");
    ok_in(d, &["scan", "c", "-o", "ref", "-q"], 0);
    shards(d);
    let want = csvs(&d.join("ref"));
    let started = Instant::now();
    for round in 0..3 {
        let scan = ["scan", "c", "-o", "shared", "--force", "-q"];
        let merge = ["merge", "s1", "s2", "-o", "shared", "--force", "-q"];
        let mut runs: Vec<Child> = [&scan[..], &scan[..], &merge[..]].iter().map(|a| start(d, a)).collect();
        let mut won = 0;
        for r in &mut runs {
            let code = wait_exit(r, Duration::from_secs(60));
            let err = err_of(r);
            match code {
                Some(0) => won += 1,
                // The pid, unless the holder had not written it yet.
                Some(2) => assert!(
                    err.contains("shared: another rolecall run") && err.contains(LOCK_FILE),
                    "round {round}: {err}"
                ),
                other => panic!("round {round}: exit {other:?}: {err}"),
            }
        }
        assert!(won >= 1, "round {round}: no run wrote the folder");
        assert!(csvs(&d.join("shared")) == want, "round {round}: the outputs are not those of one run");
        assert_eq!(leftovers(&d.join("shared")), Vec::<String>::new(), "round {round}");
    }
    assert!(started.elapsed() < Duration::from_secs(120));
}

/// A run into a folder another run is writing stops at once with exit 2,
/// naming the folder, the holder's pid and the lock file.
#[test]
fn a_folder_being_written_is_refused_naming_the_holder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "The director framed the shot.").unwrap();
    ok_in(d, &["scan", "a.txt", "-o", "s", "-q"], 0);
    // A scan of standard input holds the folder while it waits for input.
    let mut first = Command::new(bin())
        .args(["scan", "-", "-q", "-o", "out"])
        .current_dir(d)
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    crate::util::wait_for_temp(&d.join("out"), "sentences.csv");
    for args in [&["scan", "a.txt", "-o", "out", "--force"][..], &["merge", "s", "-o", "out", "--force"][..]]
    {
        let o = run_in(d, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        let pid = format!("out: another rolecall run (pid {}) is writing", first.id());
        assert!(err.contains(&pid) && err.contains(&format!("out/{LOCK_FILE}")), "{err}");
        assert!(err.contains("released when that process ends"), "{err}");
    }
    drop(first.stdin.take());
    assert_eq!(wait_exit(&mut first, Duration::from_secs(20)), Some(0));
    assert!(d.join("out/run.json").exists());
    // Free again once the holder has ended.
    ok_in(d, &["scan", "a.txt", "-o", "out", "--force", "-q"], 0);
}

/// Links planted in the output folder by someone who can write there
/// (issue 14 item 2): at the temporary names rolecall used before (a
/// broken link was followed, creating its target), at the pattern of the
/// temporary names and at an output's final name: none is followed, the
/// outside files stay as they were.
#[cfg(unix)]
#[test]
fn links_planted_in_the_output_folder_are_not_followed() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let outside = d.join("outside");
    fs::create_dir(&outside).unwrap();
    let victim = outside.join("victim");
    fs::write(&victim, "keep").unwrap();
    let out = d.join("out");
    fs::create_dir(&out).unwrap();
    for f in outputs() {
        symlink(outside.join(format!("made-{f}")), out.join(format!("{f}.partial"))).unwrap();
    }
    symlink(&victim, out.join(".rolecall-sentences.csv.AAAAAAAAAAAA.partial")).unwrap();
    symlink(&victim, out.join("documents.csv")).unwrap();
    let credits = root().join("corpus/credits");
    let credits = credits.to_str().unwrap();
    // A link at an output's name is an earlier output: refused without --force.
    ok_in(d, &["scan", credits, "-o", "out", "-q"], 2);
    ok_in(d, &["scan", credits, "-o", "out", "-q", "--force"], 0);
    ok_in(d, &["scan", credits, "-o", "ref", "-q"], 0);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
    let made: Vec<_> = fs::read_dir(&outside).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(made, ["victim"]);
    assert!(fs::symlink_metadata(out.join("documents.csv")).unwrap().is_file());
    assert!(csvs(&out) == csvs(&d.join("ref")));
    assert_eq!(leftovers(&out), Vec::<String>::new());
}

/// A tmpfs of `kb` KiB mounted on `at`, unmounted when dropped.
struct Tmpfs(PathBuf);
impl Tmpfs {
    /// `None` (after saying so) when not root or the mount fails.
    fn mount(at: &Path, kb: u64) -> Option<Tmpfs> {
        let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout == b"0\n");
        if !root {
            skipped("needs root to mount a small tmpfs");
            return None;
        }
        fs::create_dir_all(at).unwrap();
        let size = format!("size={kb}k");
        let o = Command::new("mount").args(["-t", "tmpfs", "-o", &size, "tmpfs"]).arg(at).output();
        match o {
            Ok(o) if o.status.success() => Some(Tmpfs(at.to_path_buf())),
            Ok(o) => {
                skipped(&format!("mount -t tmpfs failed: {}", String::from_utf8_lossy(&o.stderr).trim()));
                None
            }
            Err(e) => {
                skipped(&format!("mount -t tmpfs failed: {e}"));
                None
            }
        }
    }
}
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Pages of 4 KiB that `files` of `dir` take on a tmpfs.
fn pages(dir: &Path, files: &[&str]) -> u64 {
    files.iter().map(|f| fs::metadata(dir.join(f)).unwrap().len().div_ceil(4096)).sum()
}

/// The disk fills up (issue 14 item 4): at the commit of a first run (its
/// small files are written out only then), and during a `--force` rerun
/// over earlier outputs. Nothing is renamed into place, every temporary
/// file is removed, and the earlier outputs stay whole. Before: three
/// final files and a truncated `.partial` were left, and `--force` had
/// removed the earlier outputs at the start.
#[test]
fn a_full_disk_leaves_no_output_and_earlier_outputs_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let corpus = root().join("corpus");
    let corpus = corpus.to_str().unwrap();
    let credits = root().join("corpus/credits");
    let credits = credits.to_str().unwrap();
    ok_in(d, &["scan", corpus, "-o", "probe", "-q"], 0);
    ok_in(d, &["scan", credits, "-o", "earlier", "-q"], 0);
    let probe = d.join("probe");
    // Room for the row files and the lock, not for terms.csv beside them.
    let rows = pages(&probe, &["sentences.csv", "documents.csv", "errors.csv"]);
    assert!(
        pages(&probe, &["terms.csv"]) > 2
            && fs::metadata(probe.join("sentences.csv")).unwrap().len() < 60_000
    );
    let mnt = d.join("mnt");
    {
        let Some(_fs) = Tmpfs::mount(&mnt, (rows + 2) * 4) else { return };
        let o = run_in(d, &["scan", corpus, "-o", "mnt/out", "-q"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("No space left"), "{}", stderr(&o));
        // No output left: the folder this run made is removed whole.
        assert!(!mnt.join("out").exists(), "outputs left: {:?}", snapshot(&mnt.join("out")).into_keys());
    }
    // Room for the earlier outputs and a little more: a rerun over them
    // with a large corpus runs out during the scan.
    corpus_in(d);
    let earlier = pages(&d.join("earlier"), &outputs());
    let Some(_fs) = Tmpfs::mount(&mnt, (earlier + 1 + 6) * 4) else { return };
    ok_in(d, &["scan", credits, "-o", "mnt/out", "-q"], 0);
    let before = snapshot(&mnt.join("out"));
    let o = run_in(d, &["scan", "c", "-o", "mnt/out", "-q", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(snapshot(&mnt.join("out")) == before, "the earlier outputs changed");
}

/// A generated corpus in `dir/c` of 1 MB: outputs of about 1 MB.
fn corpus_in(dir: &Path) {
    corpus(dir, "1");
}

/// Runs `args` (a `--force` run into `out`, which holds other outputs) and
/// sends `sig` after a random delay below `ms`; then the folder holds the
/// earlier outputs as they were (exit 130) or this run's complete outputs
/// (exit 0, the CSVs of `want`), and no temporary file. Returns the exit
/// code (-1: ended by the signal), or what went wrong.
fn stopped_at_random(
    d: &Path,
    args: &[&str],
    sig: &str,
    delay: Duration,
    want: &[Vec<u8>],
) -> Result<i32, String> {
    let out = d.join("out");
    let before = snapshot(&out);
    let mut child = Command::new(bin()).args(args).current_dir(d).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(delay);
    let code = signal(&mut child, sig);
    let why = format!("{args:?} SIG{sig} after {delay:?}");
    match code {
        // Ended by the signal itself: it came before the handler was set
        // up, so before the folder was touched.
        None if snapshot(&out) != before => {
            return Err(format!("{why}: killed, the earlier outputs changed"));
        }
        None => {}
        Some(130) if snapshot(&out) != before => {
            return Err(format!("{why}: exit 130, the earlier outputs changed"));
        }
        Some(0) if csvs(&out) != want => return Err(format!("{why}: exit 0, the outputs are not complete")),
        Some(0 | 130) => {}
        other => return Err(format!("{why}: exit {other:?}")),
    }
    match leftovers(&out) {
        left if left.is_empty() => Ok(code.unwrap_or(-1)),
        left => Err(format!("{why}: left {left:?}")),
    }
}

/// SIGINT, SIGTERM and SIGHUP at random points of a `--force` scan and a
/// `--force` merge over earlier outputs (issue 14 items 4 and 5): either
/// the earlier outputs, whole (exit 130), or the new ones, complete (exit
/// 0); never a temporary file. Before: `--force` had removed the earlier
/// outputs, and a merge had no handler (a signal left its `.partial`).
#[cfg(unix)]
#[test]
fn signals_at_random_points_leave_earlier_or_complete_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    corpus(d, "3");
    // How long each run takes here: signals fall anywhere in it, and a
    // little after.
    let timed = |args: &[&str]| {
        let t = Instant::now();
        ok_in(d, args, 0);
        (t.elapsed().as_millis() as u64 * 5 / 4).max(50)
    };
    let scan_ms = timed(&["scan", "c", "-o", "ref", "-q"]);
    shards(d);
    let merge_ms = timed(&["merge", "s1", "s2", "-o", "ref-merge", "-q"]);
    let credits = root().join("corpus/credits");
    let credits = credits.to_str().unwrap();
    ok_in(d, &["scan", credits, "-o", "e1", "-q"], 0);
    let want = csvs(&d.join("ref"));
    let mut rng = Rng::new();
    let seed = rng.0;
    let mut codes = Vec::new();
    for trial in 0..8 {
        let sig = ["INT", "TERM", "HUP"][trial % 3];
        let merging = trial % 2 == 1;
        // The earlier outputs: of another scan or merge.
        let earlier: &[&str] = match merging {
            false => &["scan", credits, "-o", "out", "-q", "--force"],
            true => &["merge", "e1", "-o", "out", "-q", "--force"],
        };
        ok_in(d, earlier, 0);
        let args: &[&str] = match merging {
            false => &["scan", "c", "-o", "out", "-q", "--force"],
            true => &["merge", "s1", "s2", "-o", "out", "-q", "--force"],
        };
        let delay = Duration::from_millis(rng.below(if merging { merge_ms } else { scan_ms }));
        let code =
            stopped_at_random(d, args, sig, delay, &want).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        codes.push((args[0], sig, delay.as_millis(), code));
    }
    eprintln!("seed {seed}, scan {scan_ms} ms, merge {merge_ms} ms: {codes:?}");
}

/// A signal that comes after the commit (issue 14 item 5): the outputs are
/// complete, so the run exits 0, not 130. The run is held after its commit
/// by a standard error that cannot take its summary line (a socket whose
/// buffer is full); the handler then ends it.
#[cfg(unix)]
#[test]
fn a_signal_after_the_commit_exits_0() {
    use std::io::{ErrorKind, Read, Write};
    use std::os::unix::net::UnixStream;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let credits = root().join("corpus/credits");
    let credits = credits.to_str().unwrap();
    ok_in(d, &["scan", credits, "-o", "s1", "-q"], 0);
    for args in [&["scan", credits, "-o", "out"][..], &["merge", "s1", "-o", "out"][..]] {
        let _ = fs::remove_dir_all(d.join("out"));
        let (mut ours, theirs) = UnixStream::pair().unwrap();
        let mut full = theirs.try_clone().unwrap();
        full.set_nonblocking(true).unwrap();
        loop {
            match full.write(&[b'.'; 4096]) {
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) => panic!("{e}"),
            }
        }
        full.set_nonblocking(false).unwrap();
        drop(full);
        let mut child = Command::new(bin())
            .args(args)
            .current_dir(d)
            .stderr(Stdio::from(std::os::fd::OwnedFd::from(theirs)))
            .spawn()
            .unwrap();
        let start = Instant::now();
        while !d.join("out/run.json").exists() {
            assert!(start.elapsed() < Duration::from_secs(20), "{args:?}: no commit");
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(200));
        assert!(child.try_wait().unwrap().is_none(), "{args:?}: not held after its commit");
        let code = signal(&mut child, "INT");
        let mut said = Vec::new();
        ours.set_nonblocking(true).unwrap();
        let _ = ours.read_to_end(&mut said);
        assert_eq!(code, Some(0), "{args:?}");
        assert!(csvs(&d.join("out")) == csvs(&d.join("s1")), "{args:?}");
        assert_eq!(leftovers(&d.join("out")), Vec::<String>::new());
    }
}
