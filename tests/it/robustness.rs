//! Hard inputs and interruptions: every good file's rows are kept, every
//! problem is a row in errors.csv, and an interrupted scan leaves no output
//! that looks complete.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::util::{LOCK_FILE, bin, csv_records, run_json, scan, signal, stderr, wait_for_temp};

const GOOD: &str = "The director coaxed a fragile performance from her lead.";

#[test]
fn ten_megabyte_single_line_and_empty_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let line =
        "The producer closed the financing. The director framed the shot in one take. ".repeat(130_000);
    assert!(line.len() > 10_000_000 && !line.contains('\n'));
    fs::write(d.join("a-line.txt"), &line).unwrap();
    fs::write(d.join("b-empty.txt"), "").unwrap();
    fs::write(d.join("c-good.txt"), GOOD).unwrap();
    let o = scan(d, &["."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = csv_records(&d.join("out/documents.csv"));
    assert_eq!(docs.len(), 3);
    assert_eq!(&docs[0][0], "./a-line.txt");
    assert_eq!(docs[0][1].parse::<usize>().unwrap(), line.len());
    // Every sentence is a unit: with no blank line to cut the 10 MB line
    // into blocks at, it is cut after sentence stops.
    let units: usize = docs[0][2].parse().unwrap();
    assert_eq!(units, 260_000);
    assert_eq!((&docs[1][0], &docs[1][2]), ("./b-empty.txt", "0"));
    assert_eq!(&docs[2][0], "./c-good.txt");
    assert!(csv_records(&d.join("out/errors.csv")).is_empty());
}

#[cfg(unix)]
#[test]
fn fifo_is_reported_not_waited_for() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), GOOD).unwrap();
    let made = Command::new("mkfifo").arg(d.join("b.pipe")).status().unwrap();
    assert!(made.success());
    fs::write(d.join("c.txt"), GOOD).unwrap();
    for target in [".", "b.pipe"] {
        let o = scan(d, &[target, "--force"]);
        assert_eq!(o.status.code(), Some(1));
        let errors = csv_records(&d.join("out/errors.csv"));
        assert_eq!(errors.len(), 1);
        assert!(errors[0][0].ends_with("b.pipe") && errors[0][1].contains("a FIFO"), "{errors:?}");
    }
    let docs = csv_records(&d.join("out/documents.csv"));
    assert!(docs.is_empty()); // the second run scanned only the FIFO
}

/// Found by a trial: `rolecall scan <(cat FILE)` said only "not a
/// regular file": the shell's `/dev/fd/N` is a link to a pipe. It is named
/// a FIFO, with the hint to pipe into standard input as `-`.
#[cfg(unix)]
#[test]
fn a_pipe_given_as_path_is_told_to_use_standard_input() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    assert!(Command::new("mkfifo").arg(d.join("p")).status().unwrap().success());
    std::os::unix::fs::symlink(d.join("p"), d.join("fd63")).unwrap();
    let hint = "give `-` (standard input) as the path and pipe into it: `cmd | rolecall scan -`";
    for target in ["p", "fd63"] {
        let o = scan(d, &[target, "--force"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let errors = csv_records(&d.join("out/errors.csv"));
        assert!(errors[0][1].starts_with("not a regular file (a FIFO"), "{errors:?}");
        assert!(errors[0][1].contains(hint), "{errors:?}");
    }
    // The shell's own `<(…)`.
    let o = Command::new("bash")
        .current_dir(d)
        .arg("-c")
        .arg("\"$0\" scan <(printf 'Directed by Ann.') -o sub -q")
        .arg(bin())
        .output();
    let Ok(o) = o else {
        return crate::util::skipped("no bash for <(…)");
    };
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = csv_records(&d.join("sub/errors.csv"));
    assert!(errors[0][0].starts_with("/dev/fd/") && errors[0][1].contains(hint), "{errors:?}");
}

#[test]
fn hundred_thousand_tiny_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("many");
    for i in 0..100 {
        let sub = d.join(format!("{i:03}"));
        fs::create_dir_all(&sub).unwrap();
        for j in 0..1000 {
            let text = if j % 2 == 0 { "Directed by Ann." } else { "Rain." };
            fs::write(sub.join(format!("{j:04}.txt")), text).unwrap();
        }
    }
    let o = scan(tmp.path(), &["many"]);
    assert_eq!(o.status.code(), Some(0));
    let run = run_json(&tmp.path().join("out"));
    assert_eq!(run["documents"], 100_000);
    assert_eq!(run["sentences"], 100_000);
    let summary = csv_records(&tmp.path().join("out/summary.csv"));
    assert_eq!(&summary[0][4], "50000"); // director
    assert_eq!(&summary[0][7], "50000"); // none
}

/// The outputs left in `out`: no final file, and no temporary one either
/// (the folder's lock file may stay: it is not an output).
fn assert_no_outputs(out: &Path) {
    let left: Vec<String> = match fs::read_dir(out) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != LOCK_FILE)
            .collect(),
        Err(_) => Vec::new(),
    };
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// A `scan -` into `out` (`--force`) that waits on an open, empty
/// standard input, returned once it is writing its outputs (past the
/// signal handler's setup and the lock).
fn scan_blocked_on_input(out: &Path, stderr: Stdio) -> std::process::Child {
    let child = Command::new(bin())
        .args(["scan", "-", "-q", "--force", "-o"])
        .arg(out)
        .stdin(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    wait_for_temp(out, "sentences.csv");
    child
}

/// A scan blocked on standard input and stopped by a signal leaves no
/// outputs: the scan waits on an open, empty standard input.
fn stopped_while_blocked_on_input(sig: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut child = scan_blocked_on_input(&out, Stdio::null());
    assert_eq!(signal(&mut child, sig), Some(130), "SIG{sig}");
    assert_no_outputs(&out);
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_blocked_on_input_leaves_no_outputs() {
    stopped_while_blocked_on_input("INT");
}

/// SIGTERM and SIGHUP (what `kill`, `timeout` and cluster managers send)
/// are handled as Ctrl-C: exit 130, no partial outputs left.
#[cfg(unix)]
#[test]
fn sigterm_and_sighup_leave_no_outputs() {
    for sig in ["TERM", "HUP"] {
        stopped_while_blocked_on_input(sig);
    }
}

/// Sends `SIG` (`INT`, `TERM`, `HUP`) to the process `pid` and returns at
/// once; false when there was no such process any more.
fn send(pid: u32, sig: &str) -> bool {
    let sent =
        Command::new("kill").args([&format!("-{sig}"), &pid.to_string()]).stderr(Stdio::null()).status();
    sent.unwrap().success()
}

/// Two signals close together (GNU `timeout` signals its child, then the
/// child's process group) ended the run from the handler at the second:
/// exit 130 without the "interrupted" message, and a folder the run had
/// created was left behind holding only its lock file. Any number of
/// signals, of any of the kinds handled, now end the run as one does: the
/// message once, the temporary outputs removed, a folder the run created
/// removed, earlier outputs (`--force`) whole, exit 130. The runs wait on
/// an open standard input, so they are still going when signalled however
/// slow the machine; the second signal follows the first at once (the two
/// may arrive as one), and another follows a moment later.
#[cfg(unix)]
#[test]
fn two_signals_in_a_row_end_as_one_does() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let credits = crate::util::root().join("corpus/credits");
    let earlier = d.join("earlier");
    assert!(crate::util::scan_in(d, &[credits.to_str().unwrap()], &earlier).status.success());
    let snapshot = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name() != LOCK_FILE && e.file_name() != "run.json")
            .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
            .collect();
        files.sort();
        files
    };
    let before = snapshot(&earlier);
    for (first, then) in [("INT", "INT"), ("TERM", "INT"), ("HUP", "TERM")] {
        for out in [d.join("new"), earlier.clone()] {
            // Writing its outputs: past the handler's setup and the lock.
            let mut child = scan_blocked_on_input(&out, Stdio::piped());
            let pid = child.id();
            assert!(send(pid, first));
            send(pid, then);
            std::thread::sleep(Duration::from_millis(100));
            send(pid, then);
            let code = crate::util::wait_exit(&mut child, Duration::from_secs(20));
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            let why = format!("SIG{first}, SIG{then} into {}", out.display());
            assert_eq!(code, Some(130), "{why}: {err}");
            assert_eq!(err.matches("rolecall: interrupted;").count(), 1, "{why}: {err}");
            if out == earlier {
                assert!(snapshot(&out) == before, "{why}: the earlier outputs changed");
                assert_eq!(crate::util::leftovers(&out), Vec::<String>::new(), "{why}");
            } else {
                assert!(!out.exists(), "{why}: left {:?}", fs::read_dir(&out).map(|e| e.count()));
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_scan_leaves_no_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let made = Command::new(bin())
        .args(["gen-corpus", "--mb", "40", "--seed", "3", "--out"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(made.status.success());
    let out = tmp.path().join("out");
    let mut child = Command::new(bin())
        .args(["scan", "-q", "-j", "1", "-o"])
        .arg(&out)
        .arg(&corpus)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_temp(&out, "documents.csv");
    std::thread::sleep(Duration::from_millis(100));
    match signal(&mut child, "INT") {
        Some(130) => assert_no_outputs(&out),
        // Finished before the signal came: then every output is complete.
        Some(0) => assert!(out.join("run.json").exists()),
        other => panic!("exit {other:?}"),
    }
}
