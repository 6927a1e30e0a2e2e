"""Tagger.tag against the command line, offsets, repairs, errors, threads."""

import threading
import time

import pytest

import rolecall
from conftest import corpus_files, read_csv, run_cli


@pytest.fixture(scope="module")
def tagger():
    return rolecall.Tagger()


def test_labels_terms_and_film_decision_agree_with_the_cli(tagger, corpus, rolecall_bin, tmp_path):
    out = tmp_path / "out"
    done = run_cli(rolecall_bin, "scan", corpus, "-o", out, "--sentences", "all", "--offsets", "chars", "--matches", "-q")
    assert done.returncode == 0, done.stderr
    rows, matches, documents = {}, {}, {}
    for r in read_csv(out / "sentences.csv"):
        rows.setdefault(r["doc"], []).append(r)
    for r in read_csv(out / "matches.csv"):
        matches.setdefault(r["doc"], []).append(r)
    for r in read_csv(out / "documents.csv"):
        documents[r["doc"]] = r

    files = corpus_files()
    docs = tagger.tag([p.read_bytes().decode("utf-8") for p in files])
    assert len(docs) == len(files) == len(documents) == 13
    labels_seen = set()
    for path, doc in zip(files, docs):
        key = str(corpus / path.relative_to(corpus))
        want = rows[key]
        assert [u.index for u in doc.units] == [int(r["sentence"]) for r in want]
        for u, r in zip(doc.units, want):
            assert (u.start, u.end, u.label) == (int(r["start_char"]), int(r["end_char"]), r["label"]), key
            assert ";".join(t.term for t in u.terms) == r["terms"]
            assert ";".join(t.status for t in u.terms) == r["statuses"]
            assert u.hits == {"director": int(r["director"]), "producer": int(r["producer"])}
            labels_seen.add(u.label)
        terms = [t for u in doc.units for t in u.terms]
        want_terms = matches.get(key, [])
        assert len(terms) == len(want_terms)
        for t, m in zip(terms, want_terms):
            got = (t.term, t.role, t.kind, t.start, t.end, t.status, t.cue or "", t.weight)
            assert got == (m["term"], m["role"], m["kind"], int(m["start_char"]), int(m["end_char"]), m["status"], m["cue"], float(m["weight"]))
        d = documents[key]
        assert doc.about_film == (d["about_film"] == "true")
        assert doc.film_signals == int(d["film_signals"])
        assert len(doc) == int(d["sentences"])
    # The sample corpus has every label, and matches that did not count.
    assert labels_seen == {"director", "producer", "both", "none"}
    assert any(not t.counted for d in docs for u in d.units for t in u.terms)


def test_code_point_offsets_slice_the_str_also_past_ascii(tagger):
    texts = [
        "Réalisé par Agnès Varda. The film's producers raised €2m 🎬 for the budget.",
        "映画 — directed by Bong Joon-ho 😀😀. Produced by Kwak Sin-ae.\nDirected by Céline Sciamma",
        "e\u0301\u0301 Directed by Ann.",  # combining marks: each one code point
        "",
        "Directed by Ann.",
    ]
    docs = tagger.tag(texts)
    assert [d.text for d in docs] == texts
    assert docs[0].text is texts[0]
    assert len(docs[3]) == 0
    n_terms = 0
    for d in docs:
        for u in d.units:
            assert d.text[u.start : u.end] == u.text
            assert u.text.strip() == u.text and u.text
            for t in u.terms:
                assert d.text[t.start : t.end] == t.text
                assert u.start <= t.start < t.end <= u.end
                n_terms += 1
    assert n_terms >= 6
    labels = [[u.label for u in d.units] for d in docs]
    assert labels[1] == ["director", "producer", "director"]
    assert labels[2] == ["director"]


def test_offsets_agree_with_the_cli_chars_on_non_ascii_file(tagger, rolecall_bin, tmp_path):
    text = "Ünïcödé 🎬 test. Directed by Zoë Ñúñez 😀.\n\nThe producers of the film — 映画 — raised money.\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    done = run_cli(rolecall_bin, "scan", tmp_path / "in", "-o", tmp_path / "out", "--sentences", "all", "--offsets", "chars", "-q")
    assert done.returncode == 0, done.stderr
    want = [(int(r["start_char"]), int(r["end_char"]), r["label"]) for r in read_csv(tmp_path / "out" / "sentences.csv")]
    got = [(u.start, u.end, u.label) for u in tagger.tag_text(text).units]
    assert got == want
    assert len(got) == 3


def test_nul_and_lone_carriage_return_read_as_the_cli_reads_records(tagger):
    # A lone CR ends a line (as LF), a NUL is a space; offsets and text unchanged.
    doc = tagger.tag_text("Directed by\x00Ann Lee\rProduced by Bob Roe\r\nWritten by Cy")
    assert [u.text for u in doc.units] == ["Directed by\x00Ann Lee", "Produced by Bob Roe", "Written by Cy"]
    assert [u.label for u in doc.units] == ["director", "producer", "none"]
    for u in doc.units:
        assert doc.text[u.start : u.end] == u.text


def test_units_are_made_once_and_listed_afresh(tagger):
    doc = tagger.tag_text("Directed by Ann. Produced by Bob.")
    first, second = doc.units, doc.units
    assert first is not second and first[0] is second[0]
    first.clear()
    assert len(doc.units) == 2
    assert repr(doc.units[0]) == 'Unit(0, 0..16, "director", "Directed by Ann.")'


def test_terms_say_why_they_did_not_count(tagger):
    u = tagger.tag_text("Japanese producers cut prices.").units[0]
    (t,) = u.terms
    assert (t.term, t.status, t.counted, t.cue, u.label) == ("producers", "discounted:industry", False, "prices", "none")
    assert t.source.startswith("producer.csv:")
    (t,) = tagger.tag_text("Director of Photography Stuart Dryburgh").units[0].terms
    assert (t.kind, t.status) == ("exclude", "excluded")


def test_bad_texts_are_errors_naming_their_position(tagger):
    with pytest.raises(TypeError, match="found one str; use tag_text"):
        tagger.tag("Directed by Ann.")
    with pytest.raises(TypeError, match=r"texts\[1\]: expected str, found int"):
        tagger.tag(["ok", 3])
    with pytest.raises(TypeError, match=r"texts\[0\]: expected str, found bytes"):
        tagger.tag([b"Directed by Ann."])
    with pytest.raises(TypeError, match="expected a list .* found int"):
        tagger.tag(5)
    with pytest.raises(ValueError, match=r"texts\[0\]: cannot be encoded as UTF-8"):
        tagger.tag(["lone surrogate \udc80 here"])
    # Any iterable of str: a generator, a tuple.
    assert [len(d) for d in tagger.tag(t for t in ("Ann left. Bob stayed.", "Cy."))] == [2, 1]
    assert tagger.tag(()) == []


def test_lexicon_and_option_errors(tmp_path):
    with pytest.raises(ValueError, match="lexicons=.*no such folder"):
        rolecall.Tagger(lexicons=tmp_path / "missing")
    (tmp_path / "file.csv").write_text("term,kind\n")
    with pytest.raises(ValueError, match="lexicons=.*a file, not a folder"):
        rolecall.Tagger(lexicons=tmp_path / "file.csv")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "director.csv").write_text("term,kind,weight,needs,unless,note\ndirected by,role,,,,\nhelmer,boss,,,,\n")
    with pytest.raises(rolecall.LexiconError, match=r"director\.csv:3: .*boss"):
        rolecall.Tagger(lexicons=bad)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(rolecall.LexiconError, match="no lexicon files"):
        rolecall.Tagger(lexicons=empty)
    with pytest.raises(ValueError, match='unit="word": expected one of "sentence", "line"'):
        rolecall.Tagger(unit="word")
    with pytest.raises(ValueError, match="threads=-1"):
        rolecall.Tagger(threads=-1)
    assert issubclass(rolecall.LexiconError, rolecall.RolecallError)


def test_a_lexicon_folder_replaces_the_built_in_one(tmp_path):
    lex = tmp_path / "lex"
    lex.mkdir()
    (lex / "writer.csv").write_text("term,kind,weight,needs,unless,note\nwritten by,role,,,,\n")
    (lex / "director.csv").write_text("term,kind,weight,needs,unless,note\ndirected by,role,,,,\n")
    t = rolecall.Tagger(lexicons=str(lex), unit="line")
    assert t.roles == ["director", "writer"]
    assert t.labels == ["director", "writer", "both", "none"]
    doc = t.tag_text("Written by Ann. Directed by Ann.\nProduced by Bob.")
    assert [u.label for u in doc.units] == ["both", "none"]


def test_results_do_not_depend_on_threads():
    texts = [p.read_bytes().decode("utf-8") for p in corpus_files()] * 40
    # Over 1 MiB: tagged in blocks, themselves in parallel.
    texts.append("\n\n".join(texts[:13]) * 120)
    assert len(texts[-1]) > 1 << 20

    def flat(docs):
        return [
            (d.about_film, d.film_signals, [(u.start, u.end, u.label, [(t.start, t.status) for t in u.terms]) for u in d.units])
            for d in docs
        ]

    docs = rolecall.Tagger(threads=1).tag(texts)
    one = flat(docs)
    # Code points also in blocks after the first (the text is not all ASCII).
    big = docs[-1]
    assert not big.text.isascii()
    assert all(big.text[u.start : u.end] == u.text for u in big.units)
    assert all(big.text[t.start : t.end] == t.text for u in big.units for t in u.terms)
    assert one == flat(rolecall.Tagger(threads=3).tag(texts))
    assert one == flat(rolecall.Tagger().tag(texts))
    assert one[-1][2] and len(one[-1][2]) > 10_000
    assert rolecall.Tagger(threads=3).threads == 3


def test_tagging_releases_the_gil():
    texts = [p.read_bytes().decode("utf-8") for p in corpus_files()] * 3000
    tagger = rolecall.Tagger(threads=1)
    span = {}

    def work():
        span["start"] = time.perf_counter()
        tagger.tag(texts)
        span["end"] = time.perf_counter()

    ticks = []
    worker = threading.Thread(target=work)
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
    worker.join()
    start, end = span["start"], span["end"]
    assert end - start > 0.05, "too little work to tell"
    # Held, the GIL would leave no tick in the middle of the call (Python
    # switches threads only between bytecodes).
    middle = [t for t in ticks if start + 0.3 * (end - start) < t < end - 0.3 * (end - start)]
    assert len(middle) > 100
