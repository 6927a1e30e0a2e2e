//! Python bindings of the rolecall library (PyO3): the extension module
//! `rolecall._rolecall`, wrapped by the Python package `rolecall`
//! (`python/rolecall/__init__.py`, which adds `Tagger.tag_frame`).
//!
//! - [`tagging`]: `Tagger`, `Doc`, `Unit`, `Term`: texts tagged in
//!   parallel on a rayon pool with the GIL released; results in input order.
//! - [`scanning`]: `scan`, the library's scan (the CLI's `rolecall scan`)
//!   with its common options as keyword arguments.
//! - [`options`]: option values named as on the command line, parsed with
//!   messages that name the keyword argument.
//!
//! Errors become Python exceptions ([`to_py_err`]).

use pyo3::exceptions::{
    PyException, PyFileExistsError, PyFileNotFoundError, PyKeyboardInterrupt, PyOSError, PyValueError,
};
use pyo3::prelude::*;

mod options;
mod scanning;
mod tagging;

pyo3::create_exception!(
    rolecall,
    RolecallError,
    PyException,
    "An error of rolecall that is none of Python's own (ValueError, OSError…): the output folder locked by another run, a lexicon too large to compile."
);
pyo3::create_exception!(
    rolecall,
    LexiconError,
    RolecallError,
    "A lexicon file that cannot be loaded: the message is `file:line: what is wrong` (line 0: the file or folder as a whole)."
);

/// The Python exception for a library error: `LexiconError` (a broken
/// lexicon, `file:line: message`), `FileNotFoundError` (an input path),
/// `FileExistsError` (earlier outputs without `force=True`), `OSError`
/// (reading or writing a file; a commit left incomplete, which names
/// `force=True`), `ValueError` (a wrong option or input,
/// said in words), `KeyboardInterrupt` (a scan stopped before its
/// commit), `RolecallError` (the rest).
pub(crate) fn to_py_err(e: rolecall::Error) -> PyErr {
    use rolecall::Error as E;
    match e {
        E::Lexicon { .. } => LexiconError::new_err(e.to_string()),
        E::NoSuchInput { .. } => PyFileNotFoundError::new_err(e.to_string()),
        // The library's message names the command line's --force.
        E::OutputExists { dir, files } => PyFileExistsError::new_err(format!(
            "{}: holds the outputs of an earlier run ({files}); pass force=True to replace them",
            dir.display()
        )),
        // Its message ends "run again with --force": the keyword here.
        E::Incomplete { cause, renamed, not_renamed } => {
            let renamed = if renamed.is_empty() { "none".to_string() } else { renamed.join(", ") };
            PyOSError::new_err(format!(
                "{cause}; the outputs were left incomplete: {renamed} renamed into place, {} not (their \
                 temporary files were removed); run again with force=True",
                not_renamed.join(", ")
            ))
        }
        E::Io { .. } => PyOSError::new_err(e.to_string()),
        E::Interrupted => PyKeyboardInterrupt::new_err(e.to_string()),
        E::Invalid(message) => PyValueError::new_err(message),
        e => RolecallError::new_err(e.to_string()),
    }
}

/// The extension module: its classes, `scan` and the exceptions.
#[pymodule]
fn _rolecall(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<tagging::Tagger>()?;
    m.add_class::<tagging::Doc>()?;
    m.add_class::<tagging::Unit>()?;
    m.add_class::<tagging::Term>()?;
    m.add_function(wrap_pyfunction!(scanning::scan, m)?)?;
    m.add("RolecallError", m.py().get_type::<RolecallError>())?;
    m.add("LexiconError", m.py().get_type::<LexiconError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
