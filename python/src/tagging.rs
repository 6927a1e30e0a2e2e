//! `Tagger`, `Doc`, `Unit` and `Term`: texts from Python tagged with the
//! library's [`rolecall::Tagger`], in parallel, with the GIL released.
//!
//! Each text is copied out of Python once (its UTF-8, held by the `Doc`),
//! tagged on a rayon pool (the `Tagger`'s own, or rayon's global pool: one
//! thread per core), and the results are collected in input order, so they
//! do not depend on the thread count. Spans are given to Python in code
//! points of the `str` (what `text[start:end]` slices by), worked out
//! while tagging; units and terms are Python objects made when asked for,
//! reading the tagged document they share.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyImportError, PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;
use rolecall::input::records::Extracted;
use rolecall::tag::{self, Status, TaggedDoc};

use crate::options;

thread_local! {
    /// Per worker thread: the tagger's buffers, reused from text to text.
    static SCRATCH: RefCell<tag::Scratch> = RefCell::new(tag::Scratch::default());
}

/// A text as handed to the workers: the Python `str` and its UTF-8.
struct Input {
    source: Py<PyString>,
    utf8: PyBackedStr,
}

/// What tagging one text gives, before it meets Python again.
struct Tagged {
    doc: TaggedDoc,
    chars: Option<CharSpans>,
}

/// Code point offsets of the spans of a tagged document whose text is not
/// all ASCII (for ASCII text a byte offset is the code point offset).
struct CharSpans {
    /// `start, end` of each unit.
    units: Vec<usize>,
    /// `start, end` of each match.
    matches: Vec<usize>,
}

/// Code point offsets of byte positions, counted from the last position
/// asked (forward or back), so a pass in text order is linear.
struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl CharCounter<'_> {
    fn at(&mut self, pos: usize) -> usize {
        if pos >= self.byte {
            self.chars += self.text[self.byte..pos].chars().count();
        } else {
            self.chars -= self.text[pos..self.byte].chars().count();
        }
        self.byte = pos;
        self.chars
    }
}

impl CharSpans {
    fn new(text: &str, doc: &TaggedDoc) -> CharSpans {
        let mut at = CharCounter { text, byte: 0, chars: 0 };
        let mut units = Vec::with_capacity(2 * doc.units.len());
        let mut matches = Vec::with_capacity(2 * doc.matches.len());
        for unit in &doc.units {
            units.push(at.at(unit.span.start));
            for m in &doc.matches[unit.matches.clone()] {
                matches.push(at.at(m.span.start));
                matches.push(at.at(m.span.end));
            }
            units.push(at.at(unit.span.end));
        }
        CharSpans { units, matches }
    }
}

/// Tags one text (on a worker). NUL bytes and lone carriage returns are
/// first taken as the command line takes them in a record's text (a space,
/// a line break: one byte for one, so spans index `text` all the same).
fn tag_text(tagger: &tag::Tagger, text: &str) -> Tagged {
    let bytes = text.as_bytes();
    let repaired = (bytes.contains(&0) || bytes.contains(&b'\r')).then(|| {
        let rec = Extracted::plain(String::new(), bytes.to_vec());
        rolecall::input::decode_record("", rec).text
    });
    let text = repaired.as_deref().unwrap_or(text);
    let mut doc = TaggedDoc::default();
    if text.len() > tagger.block_bytes() {
        // Blocks in parallel on the same pool. Not with the thread's
        // scratch: while it waits this thread may tag another text.
        tagger.tag_parallel(text, &mut tag::Scratch::default(), &mut doc);
    } else {
        SCRATCH.with_borrow_mut(|scratch| tagger.tag(text, scratch, &mut doc));
    }
    let chars = (!text.is_ascii()).then(|| CharSpans::new(text, &doc));
    Tagged { doc, chars }
}

/// Tags documents with one lexicon, in parallel.
///
/// `Tagger(lexicons=None, *, unit="sentence", threads=None)`: `lexicons`
/// None for the built-in lexicons or a folder of lexicon CSVs (a path that
/// is no folder: ValueError; a broken file: LexiconError `file:line:
/// message`); `unit` `"sentence"` or `"line"`; `threads` the size of the
/// tagger's own pool (None or 0: rayon's global pool, one per core).
#[pyclass(frozen, module = "rolecall")]
pub struct Tagger {
    tagger: Arc<tag::Tagger>,
    /// The label names as Python strings, made once (in `Label::index` order).
    label_names: Arc<[Py<PyString>]>,
    /// Its own pool when `threads` was given, else rayon's global pool.
    pool: Option<rayon::ThreadPool>,
}

impl Tagger {
    /// The texts of `texts` (an iterable of `str`), or a `TypeError`
    /// naming the position of the first that is not one.
    fn inputs(texts: &Bound<'_, PyAny>) -> PyResult<Vec<Option<Input>>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "texts: expected a list of str, found one str; use tag_text(text) for one text, or tag([text])",
            ));
        }
        let iter = texts.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "texts: expected a list (or other iterable) of str, found {}",
                type_name(texts)
            ))
        })?;
        let mut out = Vec::new();
        for (i, item) in iter.enumerate() {
            let s = item?.cast_into::<PyString>().map_err(|e| {
                PyTypeError::new_err(format!(
                    "texts[{i}]: expected str, found {}",
                    type_name(&e.into_inner())
                ))
            })?;
            let utf8 = PyBackedStr::try_from(s.clone()).map_err(|e| {
                PyValueError::new_err(format!("texts[{i}]: cannot be encoded as UTF-8 ({e})"))
            })?;
            out.push(Some(Input { source: s.unbind(), utf8 }));
        }
        Ok(out)
    }

    /// Tags `inputs` on the pool with the GIL released; results in input order.
    fn tag_inputs(&self, py: Python<'_>, inputs: &[Option<Input>]) -> Vec<Option<Tagged>> {
        let tagger = &*self.tagger;
        let work = || -> Vec<Option<Tagged>> {
            inputs.par_iter().map(|t| t.as_ref().map(|t| tag_text(tagger, &t.utf8))).collect()
        };
        py.detach(|| match &self.pool {
            Some(pool) => pool.install(work),
            None => work(),
        })
    }

    fn docs(&self, py: Python<'_>, inputs: Vec<Option<Input>>) -> PyResult<Vec<Option<Doc>>> {
        let tagged = self.tag_inputs(py, &inputs);
        Ok(inputs
            .into_iter()
            .zip(tagged)
            .map(|(input, tagged)| {
                let (input, tagged) = (input?, tagged?);
                Some(Doc {
                    data: Arc::new(DocData {
                        tagger: Arc::clone(&self.tagger),
                        label_names: Arc::clone(&self.label_names),
                        source: input.source,
                        text: input.utf8,
                        doc: tagged.doc,
                        chars: tagged.chars,
                    }),
                    units: PyOnceLock::new(),
                })
            })
            .collect())
    }
}

impl Tagger {
    /// The columns of `tag_frame`, and each row's position in `docs`.
    fn frame_columns<'py>(
        &self,
        py: Python<'py>,
        docs: &[Option<Doc>],
    ) -> PyResult<(Vec<usize>, Bound<'py, PyDict>)> {
        let lexicon = self.tagger.lexicon();
        let roles = lexicon.roles();
        let (mut row, mut sentence, mut start, mut end, mut label) = (vec![], vec![], vec![], vec![], vec![]);
        let mut hits: Vec<Vec<u32>> = vec![Vec::new(); roles.len()];
        let (mut terms, mut statuses, mut text, mut about_film) = (vec![], vec![], vec![], vec![]);
        for (r, doc) in docs.iter().enumerate() {
            let Some(doc) = doc else { continue };
            let d = &doc.data;
            for u in 0..d.doc.units.len() {
                let (s, e) = d.unit_chars(u);
                row.push(r);
                sentence.push(u);
                start.push(s);
                end.push(e);
                label.push(d.label(py, u));
                for (k, h) in d.doc.hits_of(u).iter().enumerate() {
                    hits[k].push(*h);
                }
                let ms = d.doc.units[u].matches.clone();
                terms.push(PyList::new(
                    py,
                    ms.clone().map(|m| lexicon.term(d.doc.matches[m].term).text.as_str()),
                )?);
                statuses.push(PyList::new(py, ms.map(|m| d.doc.status[m].code(lexicon)))?);
                text.push(d.unit_text(u));
                about_film.push(d.doc.screen_document);
            }
        }
        let columns = PyDict::new(py);
        columns.set_item("sentence", sentence)?;
        columns.set_item("start", start)?;
        columns.set_item("end", end)?;
        columns.set_item("label", label)?;
        for (role, h) in roles.iter().zip(hits) {
            if columns.contains(role)? || ["terms", "statuses", "text", "about_film"].contains(&role.as_str())
            {
                return Err(PyValueError::new_err(format!(
                    "the lexicon's role {role:?} has the name of a column of tag_frame; rename its file"
                )));
            }
            columns.set_item(role, h)?;
        }
        columns.set_item("terms", terms)?;
        columns.set_item("statuses", statuses)?;
        columns.set_item("text", text)?;
        columns.set_item("about_film", about_film)?;
        Ok((row, columns))
    }
}

fn type_name(x: &Bound<'_, PyAny>) -> String {
    x.get_type().name().map_or_else(|_| "?".into(), |n| n.to_string())
}

#[pymethods]
impl Tagger {
    #[new]
    #[pyo3(signature = (lexicons=None, *, unit="sentence", threads=None))]
    fn new(py: Python<'_>, lexicons: Option<PathBuf>, unit: &str, threads: Option<i64>) -> PyResult<Self> {
        let unit = options::unit(unit)?;
        let (threads, note) = options::threads(threads)?;
        if let Some(note) = note {
            let category = py.get_type::<pyo3::exceptions::PyRuntimeWarning>();
            let message = std::ffi::CString::new(note).expect("no NUL in the note");
            PyErr::warn(py, &category, &message, 1)?;
        }
        let lexicon = options::lexicon(lexicons)?;
        let tagger = rolecall::Tagger::new(lexicon, unit).map_err(crate::to_py_err)?;
        let pool = match threads {
            0 => None,
            n => Some(rayon::ThreadPoolBuilder::new().num_threads(n).build().map_err(|e| {
                crate::RolecallError::new_err(format!("cannot start {n} worker threads: {e}"))
            })?),
        };
        let label_names =
            tag::label_names(tagger.lexicon()).iter().map(|n| PyString::new(py, n).unbind()).collect();
        Ok(Tagger { tagger: Arc::new(tagger), label_names, pool })
    }

    /// Tags each text of `texts` (a list or other iterable of `str`) and
    /// returns one `Doc` per text, in the same order, whatever the threads.
    ///
    /// A single `str` is a TypeError (use `tag_text`); an item that is not
    /// a `str` a TypeError naming its position. Tagged in parallel with the
    /// GIL released. Spans of units and terms are code points of the `str`:
    /// `doc.text[u.start:u.end] == u.text`.
    fn tag(&self, py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<Vec<Doc>> {
        let inputs = Tagger::inputs(texts)?;
        Ok(self.docs(py, inputs)?.into_iter().flatten().collect())
    }

    /// Tags one text.
    fn tag_text(&self, py: Python<'_>, text: Bound<'_, PyString>) -> PyResult<Doc> {
        let utf8 = PyBackedStr::try_from(text.clone())
            .map_err(|e| PyValueError::new_err(format!("text: cannot be encoded as UTF-8 ({e})")))?;
        let inputs = vec![Some(Input { source: text.unbind(), utf8 })];
        let doc = self.docs(py, inputs)?.pop().flatten();
        Ok(doc.expect("one text in, one document out"))
    }

    /// Tags column `text` of the pandas DataFrame `df` (or the Series
    /// `df`) and returns a DataFrame with one row per unit, indexed by the
    /// input row's index label (repeated per unit), with columns
    /// `sentence` (unit position), `start`, `end` (int64 code points of the
    /// text), `label`, one int64 column per role (counted matches),
    /// `terms` and `statuses` (lists, parallel), `text` (the unit's text)
    /// and `about_film` (bool, the document's). Missing values give no
    /// rows; other non-`str` values are a TypeError naming the row. Needs
    /// pandas (an ImportError says so).
    #[pyo3(signature = (df, text="text"))]
    fn tag_frame<'py>(&self, df: &Bound<'py, PyAny>, text: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = df.py();
        let pandas = py.import("pandas").map_err(|e| {
            PyImportError::new_err(format!(
                "tag_frame needs pandas, which cannot be imported ({e}); install it (pip install pandas) or use tag() for lists of str"
            ))
        })?;
        let column = if df.is_instance(&pandas.getattr("DataFrame")?)? {
            let names = df.getattr("columns")?;
            if !names.contains(text)? {
                return Err(PyKeyError::new_err(format!(
                    "text={text:?}: the DataFrame has no such column; its columns are {}",
                    names.call_method0("tolist")?.repr()?
                )));
            }
            df.get_item(text)?
        } else if df.is_instance(&pandas.getattr("Series")?)? {
            df.clone()
        } else {
            return Err(PyTypeError::new_err(format!(
                "df: expected a pandas DataFrame (or Series), found {}",
                type_name(df)
            )));
        };
        // Missing values (None, NaN, pd.NA) are texts with no units.
        let missing: Vec<bool> = column.call_method0("isna")?.call_method0("tolist")?.extract()?;
        let values = column.call_method0("tolist")?.cast_into::<PyList>()?;
        let index = column.getattr("index")?;
        let mut inputs = Vec::with_capacity(values.len());
        for (i, (value, gone)) in values.iter().zip(missing).enumerate() {
            if gone {
                inputs.push(None);
                continue;
            }
            let s = value.cast_into::<PyString>().map_err(|e| {
                let label =
                    index.get_item(i).and_then(|l| l.repr()).map_or_else(|_| "?".into(), |r| r.to_string());
                PyTypeError::new_err(format!(
                    "column {text:?}, row {label}: expected str (or a missing value), found {}",
                    type_name(&e.into_inner())
                ))
            })?;
            let utf8 = PyBackedStr::try_from(s.clone()).map_err(|e| {
                let label =
                    index.get_item(i).and_then(|l| l.repr()).map_or_else(|_| "?".into(), |r| r.to_string());
                PyValueError::new_err(format!(
                    "column {text:?}, row {label}: cannot be encoded as UTF-8 ({e})"
                ))
            })?;
            inputs.push(Some(Input { source: s.unbind(), utf8 }));
        }
        let docs = self.docs(py, inputs)?;
        let (rows, columns) = self.frame_columns(py, &docs)?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("index", index.call_method1("take", (rows,))?)?;
        let frame = pandas.getattr("DataFrame")?.call((columns,), Some(&kwargs))?;
        // Typed even when empty (an empty list would make an object column).
        let dtypes = PyDict::new(py);
        for name in ["sentence", "start", "end"].iter().map(|s| s.to_string()).chain(self.roles()) {
            dtypes.set_item(name, "int64")?;
        }
        dtypes.set_item("about_film", "bool")?;
        frame.call_method1("astype", (dtypes,))
    }

    /// The label names in output order: each role, then `both`, `none`.
    #[getter]
    fn labels(&self) -> Vec<String> {
        tag::label_names(self.tagger.lexicon())
    }

    /// The roles of the lexicon (`["director", "producer"]` built in).
    #[getter]
    fn roles(&self) -> Vec<String> {
        self.tagger.lexicon().roles().to_vec()
    }

    /// Worker threads of the tagger's pool (one per core by default).
    #[getter]
    fn threads(&self) -> usize {
        match &self.pool {
            Some(pool) => pool.current_num_threads(),
            None => rayon::current_num_threads(),
        }
    }

    fn __repr__(&self) -> String {
        format!("Tagger(roles={:?}, threads={})", self.tagger.lexicon().roles(), self.threads())
    }
}

/// One tagged text, shared by its `Doc`, `Unit`s and `Term`s.
struct DocData {
    tagger: Arc<tag::Tagger>,
    label_names: Arc<[Py<PyString>]>,
    /// The `str` tagged.
    source: Py<PyString>,
    /// Its UTF-8.
    text: PyBackedStr,
    doc: TaggedDoc,
    /// Code point spans (`None`: the text is ASCII).
    chars: Option<CharSpans>,
}

impl DocData {
    fn unit_chars(&self, u: usize) -> (usize, usize) {
        match &self.chars {
            Some(c) => (c.units[2 * u], c.units[2 * u + 1]),
            None => (self.doc.units[u].span.start, self.doc.units[u].span.end),
        }
    }

    fn match_chars(&self, m: usize) -> (usize, usize) {
        match &self.chars {
            Some(c) => (c.matches[2 * m], c.matches[2 * m + 1]),
            None => (self.doc.matches[m].span.start, self.doc.matches[m].span.end),
        }
    }

    fn unit_text(&self, u: usize) -> &str {
        &self.text[self.doc.units[u].span.range()]
    }

    /// Unit `u`'s label, one shared `str` per label name.
    fn label(&self, py: Python<'_>, u: usize) -> Py<PyString> {
        let roles = self.tagger.lexicon().roles().len();
        self.label_names[self.doc.units[u].label.index(roles)].clone_ref(py)
    }
}

/// A tagged text: its units in text order and the film decision.
#[pyclass(frozen, module = "rolecall")]
pub struct Doc {
    data: Arc<DocData>,
    /// The `Unit` objects, made on first use.
    units: PyOnceLock<Vec<Py<Unit>>>,
}

#[pymethods]
impl Doc {
    /// The text tagged (the same `str` object).
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.data.source.clone_ref(py)
    }

    /// The units (sentences, credit lines, headings; or lines), in text order.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let units = self.units.get_or_try_init(py, || -> PyResult<Vec<Py<Unit>>> {
            (0..self.data.doc.units.len())
                .map(|index| Py::new(py, Unit { data: Arc::clone(&self.data), index }))
                .collect()
        })?;
        PyList::new(py, units.iter().map(|u| u.bind(py)))
    }

    /// Whether the document (or, over 1 MiB, any block of it) is about film
    /// or TV: at least three distinct screen signals (`about_film` of
    /// `documents.csv`).
    #[getter]
    fn about_film(&self) -> bool {
        self.data.doc.screen_document
    }

    /// Screen signals found, repeats included (`film_signals` of `documents.csv`).
    #[getter]
    fn film_signals(&self) -> usize {
        self.data.doc.screen_signals
    }

    fn __len__(&self) -> usize {
        self.data.doc.units.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Doc(units={}, about_film={})",
            self.data.doc.units.len(),
            if self.about_film() { "True" } else { "False" }
        )
    }
}

/// One unit of a `Doc` (a sentence, a credit line or heading; or a line).
#[pyclass(frozen, module = "rolecall")]
pub struct Unit {
    data: Arc<DocData>,
    index: usize,
}

#[pymethods]
impl Unit {
    /// Position of the unit in its document, from 0 (`sentence` in `sentences.csv`).
    #[getter]
    fn index(&self) -> usize {
        self.index
    }

    /// First code point of the unit in the document's text.
    #[getter]
    fn start(&self) -> usize {
        self.data.unit_chars(self.index).0
    }

    /// Code point after the unit's last: `doc.text[unit.start:unit.end] == unit.text`.
    #[getter]
    fn end(&self) -> usize {
        self.data.unit_chars(self.index).1
    }

    /// The unit's text, exactly as in the document.
    #[getter]
    fn text(&self) -> &str {
        self.data.unit_text(self.index)
    }

    /// `"director"`, `"producer"` (a lexicon's roles), `"both"` or `"none"`.
    #[getter]
    fn label(&self, py: Python<'_>) -> Py<PyString> {
        self.data.label(py, self.index)
    }

    /// Every lexicon match in the unit, in text order, each with its status.
    #[getter]
    fn terms(&self) -> Vec<Term> {
        self.data.doc.units[self.index]
            .matches
            .clone()
            .map(|index| Term { data: Arc::clone(&self.data), index })
            .collect()
    }

    /// Counted matches per role (`{"director": 1, "producer": 0}`).
    #[getter]
    fn hits<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (role, h) in self.data.tagger.lexicon().roles().iter().zip(self.data.doc.hits_of(self.index)) {
            d.set_item(role, h)?;
        }
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let (s, e) = self.data.unit_chars(self.index);
        let label = self.data.doc.units[self.index].label.name(self.data.tagger.lexicon());
        format!("Unit({}, {s}..{e}, {label:?}, {:?})", self.index, self.text())
    }
}

/// One lexicon match in a unit and whether it counted.
#[pyclass(frozen, module = "rolecall")]
pub struct Term {
    data: Arc<DocData>,
    index: usize,
}

impl Term {
    fn lexicon_term(&self) -> &rolecall::lexicon::Term {
        self.data.tagger.lexicon().term(self.data.doc.matches[self.index].term)
    }

    fn status_of(&self) -> Status {
        self.data.doc.status[self.index]
    }
}

#[pymethods]
impl Term {
    /// The term as written in the lexicon (`"directed by"`, `"produc*"`).
    #[getter]
    fn term(&self) -> &str {
        &self.lexicon_term().text
    }

    /// The words matched, exactly as in the document.
    #[getter]
    fn text(&self) -> &str {
        &self.data.text[self.data.doc.matches[self.index].span.range()]
    }

    /// The role whose lexicon holds the term.
    #[getter]
    fn role(&self) -> &str {
        self.data.tagger.lexicon().role_name(self.lexicon_term().role)
    }

    /// `"role"`, `"activity"` or `"exclude"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.lexicon_term().kind.as_str()
    }

    /// First code point of the match in the document's text.
    #[getter]
    fn start(&self) -> usize {
        self.data.match_chars(self.index).0
    }

    /// Code point after the match's last.
    #[getter]
    fn end(&self) -> usize {
        self.data.match_chars(self.index).1
    }

    /// `"counted"`, `"excluded"`, `"needs:SET"` (no context of SET),
    /// `"discounted:SET"` (a cue of SET and no screen signal, or a cue of SET
    /// next to the term and nearer than any screen signal) or
    /// `"repeated"` (a weak term already counted in the unit).
    #[getter]
    fn status(&self) -> String {
        self.status_of().code(self.data.tagger.lexicon()).into_owned()
    }

    /// Whether the match counted towards its role.
    #[getter]
    fn counted(&self) -> bool {
        self.status_of() == Status::Counted
    }

    /// The cue word that discounted the match, as in the text; else `None`.
    #[getter]
    fn cue(&self) -> Option<&str> {
        match self.status_of() {
            Status::Discounted(_, k) | Status::NearCue(_, k) => {
                self.data.doc.cues.get(k).map(|c| &self.data.text[c.span.range()])
            }
            _ => None,
        }
    }

    /// The term's weight (a role fires at 1).
    #[getter]
    fn weight(&self) -> f64 {
        self.lexicon_term().weight
    }

    /// Where the term is defined: `"file.csv:line"`.
    #[getter]
    fn source(&self) -> String {
        self.lexicon_term().origin.to_string()
    }

    fn __repr__(&self) -> String {
        let (s, e) = self.data.match_chars(self.index);
        format!("Term({:?}, {:?}, {s}..{e}, {:?})", self.term(), self.role(), self.status())
    }
}
