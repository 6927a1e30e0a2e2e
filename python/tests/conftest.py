"""Shared fixtures: the repository's sample corpus and the rolecall binary
the package is compared with (ROLECALL_BIN, set by scripts/python-check.sh;
else target/debug/rolecall when built). Tests that need the binary are
skipped, and say so (pytest -rs), when there is none."""

import csv
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def corpus():
    return CORPUS


@pytest.fixture(scope="session")
def rolecall_bin():
    given = os.environ.get("ROLECALL_BIN")
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    path = pathlib.Path(given) if given else target / "debug" / "rolecall"
    if not path.is_file():
        pytest.skip(f"no rolecall binary at {path} (set ROLECALL_BIN or run cargo build)")
    return path


def run_cli(binary, *args):
    """Runs `rolecall ARGS...`; returns the completed process (not checked)."""
    return subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def corpus_files():
    return sorted(p for p in CORPUS.rglob("*") if p.is_file())
