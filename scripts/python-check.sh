#!/usr/bin/env bash
# The Python package (python/), end to end: a virtual environment under
# target/ (target/venv-python, kept between runs) with maturin, pytest and
# pandas from PyPI; the package's Rust crate formatted and linted; the
# package built and installed with pip (maturin as its PEP 517 backend);
# its pytest tests run against the rolecall binary built here. Needs
# python3 (3.9 or newer) with venv. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${ROLECALL_PY_VENV:-target/venv-python}"
if ! "$VENV/bin/python" -c "import maturin, pytest, pandas" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.9.4,<2" "pytest>=7" "pandas>=1.3"
fi
ROOT_TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
# The package's crate builds apart from the root crate (its own workspace).
export PYO3_PYTHON="$PWD/$VENV/bin/python"
cargo fmt --manifest-path python/Cargo.toml -- --check
CARGO_TARGET_DIR="$ROOT_TARGET/python" cargo clippy --manifest-path python/Cargo.toml --all-targets -- -D warnings
# No build isolation: the venv's maturin (on PATH) builds it, no second download.
export PATH="$PWD/$VENV/bin:$PATH"
CARGO_TARGET_DIR="$ROOT_TARGET/python" "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    --no-build-isolation --force-reinstall --no-deps ./python
cargo build --quiet
# Run from python/tests so the package comes from the venv, not the source folder.
(cd python/tests && ROLECALL_BIN="$ROOT_TARGET/debug/rolecall" "../../$VENV/bin/python" -m pytest -q -rs -p no:cacheprovider .)
