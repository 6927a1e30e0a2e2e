"""rolecall: tag film journalism and credits sentence by sentence as
``director``, ``producer``, ``both`` or ``none``.

The tagging is done by the Rust library (the ``rolecall`` crate) in the
compiled module ``rolecall._rolecall``; this package re-exports it. See
``__init__.pyi`` for the types, shapes and units, and the repository's
README ("Python") for examples.
"""

from ._rolecall import (
    Doc,
    LexiconError,
    RolecallError,
    Tagger,
    Term,
    Unit,
    __version__,
    scan,
)

__all__ = [
    "Doc",
    "LexiconError",
    "RolecallError",
    "Tagger",
    "Term",
    "Unit",
    "__version__",
    "scan",
]
