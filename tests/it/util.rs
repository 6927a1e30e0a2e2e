//! Helpers shared by the test modules: the project's folders (and the
//! shared data beside it), the `rolecall` binary, and reading what a scan
//! wrote.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The CSV files of every finished scan (and merge), in a fixed order.
pub const CSVS: [&str; 6] =
    ["sentences.csv", "documents.csv", "errors.csv", "terms.csv", "summary.csv", "groups.csv"];

/// The project folder: `corpus/`, `lexicons/`, `tests/data/`.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/REL` (the data shared beside the project: labelled sets,
/// segmentation suites), or `None` when it is not there, after saying so
/// with [`skipped`]. A test that needs it returns early on `None`.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = root().join("../shared").join(rel);
    if path.exists() {
        return Some(path);
    }
    skipped(&format!("../shared/{rel} not found"));
    None
}

/// Says on standard error that the running test skipped its checks, and
/// why: `skipped: MODULE::TEST: WHY`. Written to the stream itself, not
/// through `eprintln!`, so that `cargo test` shows it for a passing test
/// too (the harness holds back only what the print macros write).
pub fn skipped(why: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {why}");
}

/// The path of the built `rolecall` binary.
pub fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("rolecall")
}

/// The `rolecall` binary, run in `dir`.
pub fn rolecall_in(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("rolecall").unwrap();
    c.current_dir(dir);
    c
}

/// Runs `rolecall ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    rolecall_in(dir).args(args).output().unwrap()
}

/// Runs `rolecall scan ARGS -o OUT -q` in `dir`.
pub fn scan_in(dir: &Path, args: &[&str], out: impl AsRef<OsStr>) -> Output {
    rolecall_in(dir).arg("scan").args(args).arg("-o").arg(out).arg("-q").output().unwrap()
}

/// Runs `rolecall scan ARGS -o out -q` in `dir`: the outputs go to `dir/out`.
pub fn scan(dir: &Path, args: &[&str]) -> Output {
    scan_in(dir, args, "out")
}

/// What a run wrote to standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The rows of a CSV file, each by column name.
pub fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

/// The rows of a CSV file, each by column position.
pub fn csv_records(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path).unwrap().records().map(Result::unwrap).collect()
}

/// The header of a CSV file.
pub fn headers(path: &Path) -> Vec<String> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.headers().unwrap().iter().map(String::from).collect()
}

/// One column of a CSV file.
pub fn column(path: &Path, name: &str) -> Vec<String> {
    read_csv(path).into_iter().map(|r| r[name].clone()).collect()
}

/// The rows of `out/errors.csv`, as (path, problem).
pub fn error_rows(out: &Path) -> Vec<(String, String)> {
    read_csv(&out.join("errors.csv")).into_iter().map(|r| (r["path"].clone(), r["problem"].clone())).collect()
}

/// `out/run.json`.
pub fn run_json(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(out.join("run.json")).unwrap()).unwrap()
}

/// The words of `s` joined by single spaces (the text column's form).
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
