//! `rolecall.scan`: the library's scan ([`rolecall::scan::scan`], what
//! `rolecall scan` runs) from Python, writing the same output folder.
//!
//! The scan runs on its own thread with the GIL released; the calling
//! thread wakes every 100 ms to let Python handle signals, so Ctrl-C (a
//! `KeyboardInterrupt`) stops the scan as it stops the command line: its
//! temporary files removed, earlier outputs left whole.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rolecall::input::records::Fields;
use rolecall::scan::{ScanOptions, ScanReport};

use crate::options;

/// Scans files and folders into the output folder `out`, as
/// `rolecall scan PATH... --out OUT` does (the same files); returns the
/// summary as a dict: `documents`, `documents_skipped`, `bytes`,
/// `sentences` (units), `labels` (units per label), `shares`, `exit_code`
/// (1 when inputs were skipped), `notes`, ….
///
/// Keywords are the command line's options (`input_format` for
/// `--input-format`); a wrong value is a ValueError naming the keyword.
/// Earlier outputs need `force=True` (else FileExistsError). Ctrl-C stops
/// the scan with no partial output (KeyboardInterrupt).
#[pyfunction]
#[pyo3(signature = (
    paths, *, out, lexicons=None, threads=None, unit="sentence", sentences="tagged",
    input_format=None, encoding=None, text_field=None, id_field=None, delimiter=None, matches=false, offsets="bytes",
    include=Vec::new(), exclude=Vec::new(), follow=false, csv_safe=false, force=false
))]
#[allow(clippy::too_many_arguments)] // One per keyword argument of the Python function.
pub fn scan<'py>(
    py: Python<'py>,
    paths: &Bound<'py, PyAny>,
    out: PathBuf,
    lexicons: Option<PathBuf>,
    threads: Option<i64>,
    unit: &str,
    sentences: &str,
    input_format: Option<&str>,
    encoding: Option<&str>,
    text_field: Option<&Bound<'py, PyAny>>,
    id_field: Option<String>,
    delimiter: Option<&str>,
    matches: bool,
    offsets: &str,
    include: Vec<String>,
    exclude: Vec<String>,
    follow: bool,
    csv_safe: bool,
    force: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let paths = input_paths(paths)?;
    check_out_dir(&out)?;
    let mut opts = ScanOptions::new(paths, out.clone(), options::lexicon(lexicons)?);
    let (n, note) = options::threads(threads)?;
    opts.threads = n;
    opts.unit = options::unit(unit)?;
    opts.sentences = options::sentences(sentences)?;
    opts.input_format = options::input_format(input_format)?;
    opts.encoding = options::encoding(encoding)?;
    let (text, also) = match text_field {
        Some(f) => options::text_fields(f)?,
        None => ("text".to_string(), Vec::new()),
    };
    opts.fields = Fields {
        text,
        also,
        id_required: id_field.is_some(),
        id: id_field.unwrap_or_else(|| "id".into()),
        keep: Vec::new(),
        delimiter: options::delimiter(delimiter, opts.input_format)?,
    };
    opts.matches = matches;
    opts.offsets = options::offsets(offsets)?;
    opts.include = include;
    opts.exclude = exclude;
    opts.follow = follow;
    opts.csv_safe = csv_safe;
    opts.force = force;
    let cancel = Arc::new(AtomicBool::new(false));
    opts.cancel = Some(Arc::clone(&cancel));

    let report = run(py, &opts, &cancel)?;
    let mut notes = Vec::from_iter(note);
    notes.extend(report.notes.iter().cloned());
    summary(py, &report, &out, notes)
}

/// Runs the scan on its own thread, handling Python's signals meanwhile:
/// on a `KeyboardInterrupt` the scan is told to stop, and once it has
/// cleaned up that exception is raised.
fn run(py: Python<'_>, opts: &ScanOptions, cancel: &AtomicBool) -> PyResult<ScanReport> {
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(move || {
            // The receiver waits for this; it cannot be gone.
            let _ = tx.send(rolecall::scan::scan(opts));
        });
        let (mut rx, mut interrupted) = (rx, None);
        loop {
            // The receiver is Send, not Sync: it goes into the closure and back.
            let (got, back) = py.detach(move || (rx.recv_timeout(Duration::from_millis(100)), rx));
            rx = back;
            match got {
                Ok(result) => {
                    return match (result, interrupted) {
                        // A signal taken from Python is raised again, even
                        // when the scan had passed its last check and
                        // finished (its outputs are then whole): a
                        // KeyboardInterrupt is never swallowed.
                        (Err(rolecall::Error::Interrupted) | Ok(_), Some(signal)) => Err(signal),
                        (result, _) => result.map_err(crate::to_py_err),
                    };
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Err(signal) = py.check_signals() {
                        cancel.store(true, Ordering::Relaxed);
                        interrupted = Some(signal);
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(crate::RolecallError::new_err("the scan's thread ended without a result"));
                }
            }
        }
    })
}

/// `paths`: one path (`str` or `os.PathLike`) or an iterable of them.
fn input_paths(paths: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(one) = paths.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    let many: Vec<PathBuf> = paths.extract().map_err(|_| {
        PyValueError::new_err(format!(
            "paths={}: expected a path (str or os.PathLike) or a list of paths",
            paths.repr().map_or_else(|_| "?".into(), |r| r.to_string())
        ))
    })?;
    if many.is_empty() {
        return Err(PyValueError::new_err("paths=[]: no path given; give files or folders to scan"));
    }
    Ok(many)
}

/// Refuses an output folder that is a file or lies below one (the scan
/// creates it when missing).
fn check_out_dir(dir: &Path) -> PyResult<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(PyValueError::new_err(format!(
            "out={:?}: a file, not a folder; give a folder for the outputs (created when missing)",
            dir.display().to_string()
        )));
    }
    if let Some(file) = dir.ancestors().skip(1).find(|a| a.is_file()) {
        return Err(PyValueError::new_err(format!(
            "out={:?}: cannot create the output folder: {} is a file",
            dir.display().to_string(),
            file.display()
        )));
    }
    Ok(())
}

/// The report as a dict: the figures of `run.json` and `summary.csv`.
fn summary<'py>(
    py: Python<'py>,
    report: &ScanReport,
    out: &Path,
    notes: Vec<String>,
) -> PyResult<Bound<'py, PyDict>> {
    let t = &report.totals;
    let d = PyDict::new(py);
    d.set_item("out", out)?;
    d.set_item("documents", t.documents)?;
    d.set_item("documents_skipped", t.skipped)?;
    d.set_item("documents_repaired", t.repaired)?;
    d.set_item("bytes", t.bytes)?;
    d.set_item("sentences", t.units)?;
    let labels = PyDict::new(py);
    let shares = PyDict::new(py);
    for (i, (name, n)) in report.label_names.iter().zip(&t.labels).enumerate() {
        labels.set_item(name, n)?;
        shares.set_item(name, t.share(i))?;
    }
    d.set_item("labels", labels)?;
    d.set_item("shares", shares)?;
    d.set_item("inputs", report.run.inputs)?;
    d.set_item("threads", report.run.threads)?;
    d.set_item("elapsed_seconds", report.run.elapsed_seconds)?;
    d.set_item("mb_per_second", report.run.mb_per_second)?;
    d.set_item("exit_code", report.exit_code())?;
    d.set_item("notes", notes)?;
    Ok(d)
}
