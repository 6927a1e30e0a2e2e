"""rolecall.scan: the command line's scan from Python, the same files."""

import _thread
import json
import signal
import threading
import time

import pytest

import rolecall
from conftest import read_csv, run_cli

CSV_FILES = ["sentences.csv", "documents.csv", "errors.csv", "terms.csv", "summary.csv", "groups.csv", "matches.csv"]


def test_scan_writes_the_files_the_cli_writes(corpus, rolecall_bin, tmp_path):
    cli = run_cli(rolecall_bin, "scan", corpus, "-o", tmp_path / "cli", "--sentences", "all", "--matches", "-j", "2", "-q")
    assert cli.returncode == 0, cli.stderr
    summary = rolecall.scan([corpus], out=tmp_path / "py", sentences="all", matches=True, threads=1)
    for name in CSV_FILES:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    run_py = json.loads((tmp_path / "py" / "run.json").read_text())
    run_cli_ = json.loads((tmp_path / "cli" / "run.json").read_text())
    for key in ["documents", "sentences", "bytes", "lexicon", "options", "inputs"]:
        assert run_py[key] == run_cli_[key], key
    totals = read_csv(tmp_path / "cli" / "summary.csv")[0]
    assert summary["documents"] == int(totals["documents"]) == 13
    assert summary["sentences"] == int(totals["sentences"])
    assert summary["labels"] == {k: int(totals[k]) for k in ["director", "producer", "both", "none"]}
    assert summary["shares"]["director"] == pytest.approx(float(totals["director_share"]), abs=1e-6)
    assert summary["exit_code"] == 0 and summary["threads"] == 1
    assert summary["out"] == tmp_path / "py"


def test_record_options_map_to_the_cli_options(rolecall_bin, tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    rows = [
        {"key": "a", "title": "Directed by Ann Lee", "body": "Café owner’s producers cut prices. Produced by Bob."},
        {"key": "b", "title": "Zoë", "body": "The film’s director spoke."},
    ]
    (data / "news.data").write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")
    args = ["--input-format", "jsonl", "--text-field", "title,body", "--id-field", "key", "--offsets", "chars", "--unit", "line", "--csv-safe"]
    cli = run_cli(rolecall_bin, "scan", data, "-o", tmp_path / "cli", *args, "-q")
    assert cli.returncode == 1, cli.stderr  # the bad line is skipped
    summary = rolecall.scan(
        str(data), out=str(tmp_path / "py"), input_format="jsonl", text_field=["title", "body"], id_field="key",
        offsets="chars", unit="line", csv_safe=True,
    )
    for name in ["sentences.csv", "documents.csv", "errors.csv", "summary.csv"]:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert summary["exit_code"] == 1 and summary["documents_skipped"] == 1 and summary["documents"] == 2
    assert "field" in read_csv(tmp_path / "py" / "sentences.csv")[0]


def test_encoding_reads_latin1_as_the_cli_does(rolecall_bin, tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    (data / "a.txt").write_bytes("François Truffaut directed the film.\n".encode("latin-1"))
    (data / "b.csv").write_bytes("id,text\n1,José produced the film in São Paulo.\n".encode("latin-1"))
    cli = run_cli(rolecall_bin, "scan", data, "-o", tmp_path / "cli", "--encoding", "latin1", "-q")
    assert cli.returncode == 0, cli.stderr
    rolecall.scan(data, out=tmp_path / "py", encoding="latin1")
    for name in ["sentences.csv", "documents.csv", "errors.csv"]:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    texts = [r["text"] for r in read_csv(tmp_path / "py" / "sentences.csv")]
    assert texts == ["François Truffaut directed the film.", "José produced the film in São Paulo."]


def test_encoding_auto_detects_as_the_cli_does(rolecall_bin, tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    french = "François Truffaut a réalisé le film à Paris, où l'équipe était déjà réunie. He directed it.\n"
    (data / "a.txt").write_bytes(french.encode("cp1252"))
    (data / "u.txt").write_text("Zoë directed the film.\n", encoding="utf-8")
    cli = run_cli(rolecall_bin, "scan", data, "-o", tmp_path / "cli", "--encoding", "auto", "-q")
    assert cli.returncode == 0, cli.stderr
    rolecall.scan(data, out=tmp_path / "py", encoding="auto")
    for name in ["sentences.csv", "documents.csv", "errors.csv"]:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    errors = read_csv(tmp_path / "py" / "errors.csv")
    assert [r["path"].rsplit("/", 1)[-1] for r in errors] == ["a.txt"]
    assert errors[0]["problem"].startswith("not UTF-8: read as windows-1252")


def test_follow_reads_links_inside_folders_and_the_note_says_so(tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    (tmp_path / "a.txt").write_text("The film was directed by Ann Lee.\n")
    (data / "link.txt").symlink_to(tmp_path / "a.txt")
    (data / "b.txt").write_text("Nothing here.\n")
    left = rolecall.scan(data, out=tmp_path / "left")
    assert left["documents"] == 1
    assert any("symbolic link(s) inside the input folders not followed" in n for n in left["notes"])
    followed = rolecall.scan(data, out=tmp_path / "followed", follow=True)
    assert followed["documents"] == 2 and followed["labels"]["director"] == 1


def test_earlier_outputs_need_force(corpus, tmp_path):
    rolecall.scan(corpus, out=tmp_path)
    with pytest.raises(FileExistsError, match="pass force=True"):
        rolecall.scan(corpus, out=tmp_path)
    assert rolecall.scan(corpus, out=tmp_path, force=True, sentences="none")["documents"] == 13
    assert read_csv(tmp_path / "sentences.csv") == []


def test_a_commit_left_incomplete_names_the_keyword(corpus, tmp_path):
    # An output's name taken by a folder: the rename fails part way. The
    # message named the command line's --force, not the keyword.
    (tmp_path / "summary.csv" / "inside").mkdir(parents=True)
    with pytest.raises(OSError, match="left incomplete") as e:
        rolecall.scan(corpus, out=tmp_path, force=True, sentences="none")
    assert "run again with force=True" in str(e.value) and "--force" not in str(e.value)


def test_delimiter_reads_a_semicolon_file_as_the_cli_does(rolecall_bin, tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    (data / "a.csv").write_text('id;body\n1;"Directed by Ann Lee; shot fast."\n2;The producer raised money.\n')
    cli = run_cli(rolecall_bin, "scan", data, "-o", tmp_path / "cli", "--delimiter", ";", "--text-field", "body", "-q")
    assert cli.returncode == 0, cli.stderr
    rolecall.scan(data, out=tmp_path / "py", delimiter=";", text_field="body")
    for name in ["sentences.csv", "documents.csv", "errors.csv"]:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert [r["doc"].rsplit("/", 1)[-1] for r in read_csv(tmp_path / "py" / "documents.csv")] == ["a.csv#1", "a.csv#2"]


def test_option_errors_name_the_option(corpus, tmp_path):
    cases = [
        (dict(sentences="some"), 'sentences="some": expected one of "tagged", "all", "none"'),
        (dict(unit="para"), 'unit="para"'),
        (dict(input_format="xml"), 'input_format="xml": expected one of "text", "jsonl"'),
        (dict(offsets="words"), 'offsets="words"'),
        (dict(threads=-2), "threads=-2"),
        (dict(text_field=""), 'text_field=\'\': an empty field name'),
        (dict(text_field="title,"), "an empty field name"),
        (dict(lexicons=tmp_path / "nope"), "lexicons=.*no such folder"),
        (dict(encoding="klingon"), 'encoding="klingon": not an encoding label'),
        (dict(delimiter=";;"), 'delimiter=";;": give one ASCII character'),
        (dict(delimiter=";", input_format="jsonl"), 'delimiter=";" splits the fields of CSV and TSV inputs'),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValueError, match=message):
            rolecall.scan(corpus, out=tmp_path / "out", **kwargs)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="out=.*a file, not a folder"):
        rolecall.scan(corpus, out=tmp_path / "file")
    with pytest.raises(ValueError, match=r"paths=\[\]"):
        rolecall.scan([], out=tmp_path / "out")
    with pytest.raises(FileNotFoundError, match="no such file or folder; check the path"):
        rolecall.scan(tmp_path / "missing", out=tmp_path / "out")
    with pytest.raises(TypeError):
        rolecall.scan(corpus)  # out is required
    assert not (tmp_path / "out").exists()


def test_interrupt_stops_the_scan_and_leaves_no_partial_file(tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    text = "The producers raised the budget. Directed by Ann Lee.\n" * 20000  # ~1 MB
    for i in range(60):
        (data / f"{i:03}.txt").write_text(text)
    out = tmp_path / "out"
    stop = threading.Event()

    def interrupt_once_started():
        # The scan takes its lock first and writes its outputs last (over a
        # second here): interrupting as soon as the lock is there does not
        # depend on how busy the machine is.
        while not stop.is_set() and not (out / ".rolecall.lock").exists():
            time.sleep(0.005)
        if not stop.is_set():
            _thread.interrupt_main()

    # A process started in the background by a non-interactive shell
    # inherits SIGINT ignored, and then interrupt_main does nothing: give
    # the test Python's own handler whatever launched it.
    earlier = signal.signal(signal.SIGINT, signal.default_int_handler)
    watcher = threading.Thread(target=interrupt_once_started)
    watcher.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            rolecall.scan(data, out=out, threads=1)
    finally:
        stop.set()
        watcher.join()
        signal.signal(signal.SIGINT, earlier)
    # No output: the folder this interrupted run made is removed again
    # (were it there before, only its lock file would be left in it).
    assert not out.exists() or sorted(p.name for p in out.iterdir() if p.name != ".rolecall.lock") == []
