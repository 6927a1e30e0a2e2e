"""Tagger.tag_frame: one row per unit, indexed by the input rows."""

import subprocess
import sys

import pytest

pd = pytest.importorskip("pandas")

import rolecall  # noqa: E402

TEXTS = [
    "Directed by Jane Campion\nProduced by Jan Chapman\nDirector of Photography Stuart Dryburgh",
    "Japanese producers cut prices. The film's producers cut the price.",
    "Zoë's café. No roles here.",
]


@pytest.fixture(scope="module")
def tagger():
    return rolecall.Tagger()


def test_one_row_per_unit_indexed_by_the_input_row(tagger):
    df = pd.DataFrame({"body": TEXTS, "year": [2001, 2002, 2003]}, index=pd.Index(["x", "y", "z"], name="article"))
    units = tagger.tag_frame(df, text="body")
    docs = tagger.tag(TEXTS)
    assert len(units) == sum(len(d) for d in docs) == 7
    assert list(units.columns) == [
        "sentence", "start", "end", "label", "director", "producer", "terms", "statuses", "text", "about_film",
    ]
    assert units.index.name == "article"
    assert list(units.index) == ["x", "x", "x", "y", "y", "z", "z"]
    assert list(units["label"]) == [u.label for d in docs for u in d.units]
    assert list(units["label"]) == ["director", "producer", "none", "none", "producer", "none", "none"]
    assert units.loc["y", "terms"].tolist() == [["producers"], ["producers"]]
    assert units.loc["y", "statuses"].tolist() == [["discounted:industry"], ["counted"]]
    for label, row in units.iterrows():
        assert df.loc[label, "body"][row["start"] : row["end"]] == row["text"]
    for column in ["sentence", "start", "end", "director", "producer"]:
        assert units[column].dtype == "int64", column
    assert units["about_film"].dtype == bool
    # Joins back onto the input by its index.
    assert list(units.join(df["year"])["year"]) == [2001] * 3 + [2002] * 2 + [2003] * 2


def test_missing_texts_have_no_rows_and_other_values_are_errors(tagger):
    df = pd.DataFrame({"text": ["Directed by Ann.", None, float("nan"), pd.NA, "Produced by Bob."]})
    units = tagger.tag_frame(df)
    assert list(units.index) == [0, 4]
    assert list(units["label"]) == ["director", "producer"]
    bad = pd.DataFrame({"text": ["Directed by Ann.", 42]}, index=["a", "b"])
    with pytest.raises(TypeError, match=r"column \"text\", row 'b': expected str .* found int"):
        tagger.tag_frame(bad)


def test_duplicate_and_multi_index_and_series(tagger):
    idx = pd.MultiIndex.from_tuples([("bbc", 1), ("bbc", 1), ("rt", 7)], names=["outlet", "n"])
    units = tagger.tag_frame(pd.DataFrame({"text": TEXTS}, index=idx))
    assert units.index.names == ["outlet", "n"]
    assert list(units.index) == [("bbc", 1)] * 5 + [("rt", 7)] * 2
    series = pd.Series(TEXTS[:2], index=[10, 10])
    units = tagger.tag_frame(series)
    assert list(units.index) == [10] * 5


def test_empty_frame_keeps_column_types(tagger):
    units = tagger.tag_frame(pd.DataFrame({"text": pd.Series([], dtype=object)}))
    assert len(units) == 0
    assert units["start"].dtype == "int64" and units["about_film"].dtype == bool


def test_wrong_column_or_object(tagger):
    with pytest.raises(KeyError, match=r"body.*the DataFrame has no such column; its columns are \[.*text.*\]"):
        tagger.tag_frame(pd.DataFrame({"text": TEXTS}), text="body")
    with pytest.raises(TypeError, match="expected a pandas DataFrame"):
        tagger.tag_frame(TEXTS)


def test_without_pandas_an_import_error_says_what_to_do():
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import rolecall\n"
        "try:\n"
        "    rolecall.Tagger().tag_frame(None)\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "tag_frame needs pandas" in out and "pip install pandas" in out
