"""Type stubs of rolecall (the compiled module rolecall._rolecall).

Offsets: every ``start``/``end`` here counts **code points** of the Python
``str`` (what ``text[start:end]`` slices by), not UTF-8 bytes; ``end`` is
one past the last. ``rolecall scan`` writes bytes by default
(``offsets="chars"`` writes these).
"""

import os
import pathlib
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, TypedDict, Union

import pandas

__version__: str

_Path = Union[str, "os.PathLike[str]"]

class RolecallError(Exception):
    """An error of rolecall that is none of Python's own: another run holds
    the output folder's lock, a lexicon too large to compile."""

class LexiconError(RolecallError):
    """A lexicon that cannot be loaded; the message is
    ``file:line: what is wrong`` (line 0: the file or folder as a whole)."""

class Term:
    """One lexicon match inside a unit, and whether it counted."""

    @property
    def term(self) -> str:
        """The term as written in the lexicon (``"directed by"``, ``"produc*"``)."""
    @property
    def text(self) -> str:
        """The words matched, exactly as in the document:
        ``doc.text[term.start:term.end] == term.text``."""
    @property
    def role(self) -> str:
        """The role whose lexicon file holds the term (``"director"``)."""
    @property
    def kind(self) -> Literal["role", "activity", "exclude"]:
        """``role`` (a name of the role), ``activity`` (its work) or
        ``exclude`` (looks like the role, is not: blocks shorter terms)."""
    @property
    def start(self) -> int:
        """First code point of the match in the document's text."""
    @property
    def end(self) -> int:
        """One past the match's last code point."""
    @property
    def status(self) -> str:
        """``"counted"``, ``"excluded"``, ``"needs:SET"`` (its context set
        SET was not found), ``"discounted:SET"`` (a cue of SET and no screen
        signal in the unit) or ``"repeated"`` (a weak term already counted
        in the unit); the ``status`` column of ``matches.csv``."""
    @property
    def counted(self) -> bool:
        """``status == "counted"``: the match added its weight to its role."""
    @property
    def cue(self) -> Optional[str]:
        """The cue word that discounted the match, as in the text; else None."""
    @property
    def weight(self) -> float:
        """The term's weight (a role fires in a unit at a total of 1)."""
    @property
    def source(self) -> str:
        """Where the term is defined: ``"producer.csv:7"``."""

class Unit:
    """One unit of a document: a sentence, a credit line or a heading
    (``unit="sentence"``), or a line (``unit="line"``)."""

    @property
    def index(self) -> int:
        """Position in the document, from 0 (``sentence`` in ``sentences.csv``)."""
    @property
    def start(self) -> int:
        """First code point of the unit in ``doc.text``."""
    @property
    def end(self) -> int:
        """One past the unit's last code point: ``doc.text[u.start:u.end] == u.text``."""
    @property
    def text(self) -> str:
        """The unit's text, exactly as in the document."""
    @property
    def label(self) -> str:
        """``"director"``, ``"producer"`` (the lexicon's roles), ``"both"`` or ``"none"``."""
    @property
    def terms(self) -> List[Term]:
        """Every lexicon match in the unit, in text order, counted or not
        (``[t for t in u.terms if t.counted]`` for the evidence of the label)."""
    @property
    def hits(self) -> Dict[str, int]:
        """Counted matches per role, e.g. ``{"director": 1, "producer": 0}``."""

class Doc:
    """One tagged text. ``len(doc)`` is its number of units."""

    @property
    def text(self) -> str:
        """The text tagged (the same ``str`` object that was passed in)."""
    @property
    def units(self) -> List[Unit]:
        """The units, in text order (a new list each time; the units are made once)."""
    @property
    def about_film(self) -> bool:
        """The document-level film decision (``about_film`` in
        ``documents.csv``): at least three distinct screen signals (over
        1 MiB: in any block of the text)."""
    @property
    def film_signals(self) -> int:
        """Screen signals found, repeats included (``film_signals`` in ``documents.csv``)."""
    def __len__(self) -> int: ...

class Tagger:
    """Tags texts with one lexicon.

    ``lexicons``: None for the built-in lexicons, or a folder of lexicon
    CSVs (as ``rolecall scan --lexicons``); a path that is no folder is a
    ValueError, a broken lexicon a LexiconError (``file:line: message``).
    ``unit``: ``"sentence"`` (sentences, with credit lines and headings as
    units of their own) or ``"line"`` (every non-blank line).
    ``threads``: worker threads of the tagger's own pool; None or 0 uses
    rayon's global pool, one thread per core (more than 8 per core are
    capped, with a RuntimeWarning). Results do not depend on it.
    """

    def __init__(
        self,
        lexicons: Optional[_Path] = None,
        *,
        unit: Literal["sentence", "line"] = "sentence",
        threads: Optional[int] = None,
    ) -> None: ...
    def tag(self, texts: Iterable[str]) -> List[Doc]:
        """Tags each text; one Doc per text, in the order given.

        ``texts``: a list (or any iterable, a pandas Series too) of str. A
        single str is a TypeError (use ``tag_text``); an item that is not a
        str is a TypeError naming its position (``texts[3]``); a str that
        cannot be UTF-8 (a lone surrogate) a ValueError. The texts are tagged
        in parallel with the GIL released. NUL characters and lone carriage
        returns are read as a space and a line break, as ``rolecall scan``
        reads a record's text; offsets are unchanged by this.
        """
    def tag_text(self, text: str) -> Doc:
        """Tags one text (``tag([text])[0]``)."""
    def tag_frame(self, df: Union["pandas.DataFrame", "pandas.Series"], text: str = "text") -> "pandas.DataFrame":
        """Tags column ``text`` of ``df`` (or the Series ``df``): one row per unit.

        Shape: as many rows as units in all the texts, indexed by the
        input row's index label (repeated for each unit of that row; a
        MultiIndex is kept), with columns ``sentence`` (int64: unit position
        in its text), ``start``, ``end`` (int64: code points of the text),
        ``label`` (str), one int64 column per role (counted matches, as in
        ``sentences.csv``), ``terms`` (list of lexicon terms matched, in text
        order), ``statuses`` (list of their statuses, parallel to
        ``terms``), ``text`` (the unit's text) and ``about_film`` (bool: the
        document's film decision). Missing values (None, NaN, pd.NA) have no
        units; another non-str value is a TypeError naming the row. Needs
        pandas (an ImportError says so).
        """
    @property
    def labels(self) -> List[str]:
        """Label names in output order: each role, then ``both``, ``none``."""
    @property
    def roles(self) -> List[str]:
        """The lexicon's roles (``["director", "producer"]`` built in)."""
    @property
    def threads(self) -> int:
        """Worker threads tagging runs on."""

class ScanSummary(TypedDict):
    out: pathlib.Path
    documents: int
    documents_skipped: int
    documents_repaired: int
    bytes: int
    sentences: int
    labels: Dict[str, int]
    shares: Dict[str, Optional[float]]
    inputs: int
    threads: int
    elapsed_seconds: float
    mb_per_second: float
    exit_code: int
    notes: List[str]

def scan(
    paths: Union[_Path, Sequence[_Path]],
    *,
    out: _Path,
    lexicons: Optional[_Path] = None,
    threads: Optional[int] = None,
    unit: Literal["sentence", "line"] = "sentence",
    sentences: Literal["tagged", "all", "none"] = "tagged",
    input_format: Optional[Literal["text", "jsonl", "json", "csv", "tsv", "warc", "html"]] = None,
    encoding: Optional[str] = None,
    text_field: Union[str, Sequence[str], None] = None,
    id_field: Optional[str] = None,
    delimiter: Optional[str] = None,
    matches: bool = False,
    offsets: Literal["bytes", "chars"] = "bytes",
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    follow: bool = False,
    csv_safe: bool = False,
    force: bool = False,
) -> ScanSummary:
    """Scans files and folders into the output folder ``out``, as
    ``rolecall scan PATHS --out OUT`` does (the same library code, the same
    files: sentences.csv, documents.csv, errors.csv, terms.csv, summary.csv,
    groups.csv, run.json; matches.csv with ``matches=True``). Each keyword
    is the command line's option of that name (``--input-format`` →
    ``input_format``; ``text_field="title,body"`` or a list for several;
    ``encoding="latin1"`` as ``--encoding latin1``, ``encoding="auto"`` to
    detect each file's; ``delimiter=";"`` as ``--delimiter ';'`` for
    semicolon-separated CSV files).

    Returns the summary: ``out`` (a pathlib.Path), counts (``documents``, ``documents_skipped``,
    ``documents_repaired``, ``bytes`` of text, ``sentences``: units),
    ``labels`` (units per label), ``shares`` (fractions of units; None
    when there are no units, as summary.csv leaves those cells empty),
    ``inputs``, ``threads``, ``elapsed_seconds``, ``mb_per_second``,
    ``exit_code`` (the CLI's: 1 when inputs were skipped, listed in
    errors.csv, else 0) and ``notes``.

    Errors: a wrong option value is a ValueError naming the keyword; a
    missing input FileNotFoundError; earlier outputs in ``out`` without
    ``force=True`` FileExistsError; a commit that fails part way (an
    output's name taken by a folder) OSError, naming ``force=True``; a
    broken lexicon LexiconError; Ctrl-C
    stops the scan (KeyboardInterrupt) leaving no partial output. One bad
    input never stops the scan: it is a row of errors.csv.
    """
