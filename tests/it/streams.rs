//! Broken streams, for every command (issue 14 item 6; part of the fault
//! matrix): a reader of standard output that goes away (`| head -1`), a
//! closed standard output (`>&-`), a closed standard error (`2>&-`) and a
//! standard error whose reader went away. No command may panic (exit 101),
//! lose its output folder, or report success with nothing written.
//!
//! A reader that "went away" is one end of a socket pair whose other end is
//! dropped before the command starts: every write gets EPIPE, the same as
//! `| head -1` once head has exited, without depending on timing.

#![cfg(unix)]

use std::fs;
use std::io::{BufRead, BufReader};
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::util::{CSVS, bin, root, stderr};

/// A stream whose reader has gone: every write to it fails with EPIPE.
fn gone_reader() -> Stdio {
    let (ours, theirs) = UnixStream::pair().unwrap();
    drop(theirs);
    Stdio::from(OwnedFd::from(ours))
}

/// A folder with inputs for every command: a copy of the corpus with a
/// binary file (a problem row, or a problem line on stderr), a gold CSV, and
/// a finished scan to merge.
fn fixture(d: &Path) {
    let corpus = root().join("corpus");
    for sub in ["articles", "credits"] {
        fs::create_dir_all(d.join("c").join(sub)).unwrap();
        for e in fs::read_dir(corpus.join(sub)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), d.join("c").join(sub).join(e.file_name())).unwrap();
        }
    }
    fs::write(d.join("c/bin.txt"), b"abc\0def").unwrap();
    fs::write(d.join("gold.csv"), "text,label\nDirected by Ann Lee.,director\nProduced by Bo.,producer\n")
        .unwrap();
    let o = Command::new(bin()).current_dir(d).args(["scan", "c", "-o", "shard", "-q"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

/// Every command, with the exit code it has when all is well, and the
/// folder it writes (if any).
fn commands() -> Vec<(Vec<&'static str>, i32, Option<&'static str>)> {
    vec![
        (vec!["scan", "c", "-o", "o-scan"], 1, Some("o-scan")),
        (vec!["scan", "c", "--stdout", "sentences", "--sentences", "all"], 1, None),
        (vec!["scan", "c", "--stdout", "documents", "-o", "o-both"], 1, Some("o-both")),
        (vec!["eval", "gold.csv", "-o", "o-eval"], 0, Some("o-eval")),
        (vec!["explain", "Directed by Ann Lee. The producer raised the budget."], 0, None),
        (vec!["lexicon", "check", "--sample", "c/articles"], 0, None),
        // (1: the shard skipped bin.txt, as scan's 1.)
        (vec!["merge", "shard", "-o", "o-merge"], 1, Some("o-merge")),
        (vec!["gen-corpus", "--mb", "0.01", "--out", "o-gen"], 0, Some("o-gen")),
        (vec!["scan", "no-such-input"], 2, None),
    ]
}

/// Runs `rolecall ARGS` in `d` with `redirect` applied by the shell
/// (`>&-`, `2>&-`).
fn run_redirected(d: &Path, args: &[&str], redirect: &str) -> Output {
    Command::new("sh")
        .current_dir(d)
        .arg("-c")
        .arg(format!("exec \"$0\" \"$@\" {redirect}"))
        .arg(bin())
        .args(args)
        .output()
        .unwrap()
}

/// True when `dir` holds what its command writes when it finishes.
fn finished(dir: &Path) -> bool {
    let name = dir.file_name().unwrap().to_string_lossy();
    if name == "o-eval" {
        return dir.join("eval.csv").is_file() && dir.join("mistakes.csv").is_file();
    }
    if name == "o-gen" {
        return dir.join("d000").is_dir();
    }
    CSVS.iter().chain(&["run.json"]).all(|f| dir.join(f).is_file())
}

#[test]
fn no_command_panics_on_a_broken_or_closed_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fixture(d);
    for (how, round) in [("a reader gone", 0), ("closed", 1)] {
        for (args, code, out) in commands() {
            if let Some(o) = out {
                let _ = fs::remove_dir_all(d.join(o));
            }
            let o = if round == 0 {
                Command::new(bin())
                    .current_dir(d)
                    .args(&args)
                    .stdout(Stdio::null())
                    .stderr(gone_reader())
                    .output()
                    .unwrap()
            } else {
                run_redirected(d, &args, ">/dev/null 2>&-")
            };
            assert_eq!(o.status.code(), Some(code), "{args:?} with stderr {how}");
            if let Some(out) = out {
                assert!(finished(&d.join(out)), "{args:?} with stderr {how}: {out} not finished");
            }
        }
    }
    // Nothing meant for stderr lands in a file that took its place.
    let rows = fs::read_to_string(d.join("o-scan/sentences.csv")).unwrap();
    assert!(!rows.contains("rolecall:"), "{rows}");
}

#[test]
fn a_reader_that_goes_away_ends_no_command_in_a_panic_or_a_lost_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fixture(d);
    for (args, code, out) in commands() {
        let o = Command::new(bin()).current_dir(d).args(&args).stdout(gone_reader()).output().unwrap();
        let err = stderr(&o);
        // Standard output all it writes: the run ends there, quietly (the README's Streaming).
        let code = if args.contains(&"--stdout") && out.is_none() { 0 } else { code };
        assert_eq!(o.status.code(), Some(code), "{args:?} with stdout's reader gone: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if let Some(out) = out {
            assert!(finished(&d.join(out)), "{args:?} with stdout's reader gone: {out} not finished: {err}");
        }
    }
    // The scan with a folder says that it finished the folder without the reader.
    let o = Command::new(bin())
        .current_dir(d)
        .args(["scan", "c", "--stdout", "sentences", "-o", "o-said", "--sentences", "all"])
        .stdout(gone_reader())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(err.contains("standard output") && err.contains("o-said"), "{err}");
}

#[test]
fn head_dash_1_on_scan_stdout_still_finishes_the_folder_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fixture(d);
    // More rows than a pipe holds, so the scan meets the closed pipe.
    for k in 0..6 {
        let sub = d.join("c").join(format!("copy{k}"));
        fs::create_dir_all(&sub).unwrap();
        for e in fs::read_dir(root().join("corpus/articles")).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), sub.join(e.file_name())).unwrap();
        }
    }
    let whole = Command::new(bin())
        .current_dir(d)
        .args(["scan", "c", "-o", "whole", "-q", "--sentences", "all"])
        .output()
        .unwrap();
    assert_eq!(whole.status.code(), Some(1));
    let mut child = Command::new(bin())
        .current_dir(d)
        .args(["scan", "c", "--stdout", "sentences", "-o", "piped", "--sentences", "all", "-j", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("doc,sentence"), "{first}");
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    for f in CSVS {
        let (a, b) = (fs::read(d.join("whole").join(f)).unwrap(), fs::read(d.join("piped").join(f)).unwrap());
        assert!(a == b, "piped/{f} differs from the scan without --stdout");
    }
}

/// `/dev/null` opened read-write as standard output, as Python's
/// `subprocess.DEVNULL` gives it (and as Rust's runtime fills a closed
/// descriptor), is the caller's choice to discard the data, not a closed
/// stdout: every command runs as it does with stdout a file.
#[test]
fn dev_null_opened_read_write_is_not_a_closed_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fixture(d);
    for (args, code, out) in commands() {
        let o = run_redirected(d, &args, "1<>/dev/null");
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(code), "{args:?} with stdout /dev/null read-write: {err}");
        assert!(!err.contains("standard output is closed"), "{args:?}: {err}");
        if let Some(out) = out {
            assert!(finished(&d.join(out)), "{args:?} with stdout /dev/null read-write: {out} not finished");
        }
    }
}

#[test]
fn a_closed_stdout_is_an_error_for_the_commands_that_write_data_there() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fixture(d);
    for (args, code, out) in commands() {
        let o = run_redirected(d, &args, ">&-");
        let err = stderr(&o);
        let data_on_stdout = matches!(args[0], "eval" | "explain" | "lexicon") || args.contains(&"--stdout");
        if data_on_stdout && code != 2 {
            assert_eq!(o.status.code(), Some(2), "{args:?} with stdout closed: {err}");
            assert!(err.contains("standard output is closed"), "{args:?}: {err}");
        } else {
            assert_eq!(o.status.code(), Some(code), "{args:?} with stdout closed: {err}");
            if let Some(out) = out {
                assert!(finished(&d.join(out)), "{args:?} with stdout closed: {out} not finished");
            }
        }
    }
}
