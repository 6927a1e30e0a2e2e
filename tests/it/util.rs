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

/// Every output of a finished scan or merge: [`CSVS`] and `run.json`.
pub fn outputs() -> Vec<&'static str> {
    CSVS.iter().copied().chain(["run.json"]).collect()
}

/// The output folder's lock file (not an output).
pub const LOCK_FILE: &str = ".rolecall.lock";

/// The names in `out` that are neither outputs nor its lock file (a
/// temporary file left behind, for one), sorted; none when `out` is absent.
pub fn leftovers(out: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(out) else { return Vec::new() };
    let mut left: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != LOCK_FILE && !outputs().contains(&n.as_str()))
        .collect();
    left.sort();
    left
}

/// Waits (20 s at most) until a run has a temporary file for output `name`
/// in `out` (it has started writing it).
pub fn wait_for_temp(out: &Path, name: &str) {
    let start = std::time::Instant::now();
    let prefix = format!(".rolecall-{name}.");
    loop {
        let found = fs::read_dir(out).into_iter().flatten().any(|e| {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && n.ends_with(".partial")
        });
        if found {
            return;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "no temporary {name} in {}",
            out.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Waits (`limit` at most, then kills it and fails) for `child` to end;
/// its exit code, `None` when a signal ended it.
pub fn wait_exit(child: &mut std::process::Child, limit: std::time::Duration) -> Option<i32> {
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("pid {} still running after {limit:?}", child.id());
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Sends `SIG` (`INT`, `TERM`, `HUP`) to `child` and waits (20 s at most)
/// for its exit code.
pub fn signal(child: &mut std::process::Child, sig: &str) -> Option<i32> {
    let killed = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    wait_exit(child, std::time::Duration::from_secs(20))
}

/// The start tags of an HTML page, in order: each tag's name (lower case)
/// and its attributes, values decoded ([`html_unescape`]). A small reader
/// for the pages rolecall writes (quoted attribute values, no `>` inside a
/// comment), enough to check what a page holds.
pub fn html_tags(html: &str) -> Vec<(String, HashMap<String, String>)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_lowercase();
        if name.is_empty() {
            continue;
        }
        let mut attrs = HashMap::new();
        let mut s = &rest[name.len()..];
        loop {
            s = s.trim_start();
            if s.is_empty() || s.starts_with('>') || s.starts_with("/>") {
                break;
            }
            let key: String = s.chars().take_while(|c| !c.is_whitespace() && !"=>/".contains(*c)).collect();
            s = &s[key.len()..];
            let value = if let Some(v) = s.strip_prefix('=') {
                let (q, body) = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => (Some(q), &v[1..]),
                    _ => (None, v),
                };
                let end = match q {
                    Some(q) => body.find(q).unwrap_or(body.len()),
                    None => body.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(body.len()),
                };
                s = &body[(end + usize::from(q.is_some())).min(body.len())..];
                html_unescape(&body[..end])
            } else {
                if key.is_empty() {
                    s = &s[1..];
                    continue;
                }
                String::new()
            };
            attrs.insert(key.to_lowercase(), value);
        }
        tags.push((name, attrs));
    }
    tags
}

/// HTML text with its character references decoded (the named ones
/// rolecall's pages use, and numeric ones).
pub fn html_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let c = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => {
                u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32)
            }
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
