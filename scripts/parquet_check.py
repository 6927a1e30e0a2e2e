"""Compares the Parquet tables of a rolecall scan with the CSV tables of the
same scan: every table, every column's type, every value.

    python scripts/parquet_check.py CSV_DIR PARQUET_DIR

Types are expected by this file's own rules (written from the README's
column list, not from rolecall's code): counts and spans int64, shares,
bounds and weights float64, about_film bool, text string; kept fields,
`cue`, the shares and bounds of `groups` and the shares of `summary`
nullable, null where the CSV cell is empty (a group or corpus of no units
has no share). Then each Parquet table
is loaded with pandas and its dtypes printed. Exit 1 on any difference.
"""

import csv
import math
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

TABLES = ["sentences", "documents", "errors", "terms", "summary", "groups", "matches", "mentions", "people"]
INT, FLOAT, BOOL, STR, OPT = "int64", "float64", "bool", "string", "string?"
# A float that may be null: the shares (and bounds) of a group or corpus of no units.
OPT_FLOAT = "float64?"
NULLABLE = (OPT, OPT_FLOAT)


def expected(table, names):
    """The type of each column of `table`, by the README's description."""
    out = []
    for i, n in enumerate(names):
        if table == "sentences":
            t = STR if n in ("doc", "field", "label", "terms", "statuses", "text") else INT
        elif table == "matches":
            t = {"cue": OPT, "weight": FLOAT}.get(n)
            t = t or (STR if n in ("doc", "term", "role", "kind", "field", "status") else INT)
        elif table == "documents":
            kept_from = names.index("film_signals") + 1
            t = OPT if i >= kept_from else {"doc": STR, "about_film": BOOL}.get(n, INT)
        elif table == "errors":
            t = STR
        elif table == "mentions":
            t = STR if n in ("doc", "field", "name", "role", "evidence") else INT
        elif table == "people":
            t = STR if n in ("name", "role") else INT
        elif table == "terms":
            t = STR if n in ("role", "kind", "term") else INT
        elif table == "summary":
            t = OPT_FLOAT if n.endswith("_share") else INT
        elif table == "groups":
            if n in ("field", "value"):
                t = STR
            elif n.endswith(("_share", "_low", "_high")):
                t = OPT_FLOAT
            else:
                t = INT
        out.append(t)
    return out


ARROW = {
    INT: pa.int64(),
    FLOAT: pa.float64(),
    OPT_FLOAT: pa.float64(),
    BOOL: pa.bool_(),
    STR: pa.string(),
    OPT: pa.string(),
}


def same(kind, cell, value):
    """Whether a CSV cell and a Parquet value are the same datum."""
    if kind in NULLABLE and cell == "":
        return value is None
    if value is None:
        return False
    if kind == INT:
        return int(cell) == value
    if kind in (FLOAT, OPT_FLOAT):
        return math.isclose(float(cell), value, rel_tol=0, abs_tol=0)
    if kind == BOOL:
        return {"true": True, "false": False}[cell] == value
    return cell == value


def main(csv_dir, pq_dir):
    failures = []
    for t in TABLES:
        with open(csv_dir / f"{t}.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header, rows = rows[0], rows[1:]
        table = pq.read_table(pq_dir / f"{t}.parquet")
        if table.column_names != header:
            failures.append(f"{t}: columns {table.column_names} vs CSV {header}")
            continue
        kinds = expected(t, header)
        for name, kind in zip(header, kinds):
            field = table.schema.field(name)
            if field.type != ARROW[kind]:
                failures.append(f"{t}.{name}: {field.type}, expected {ARROW[kind]}")
            if kind not in NULLABLE and field.nullable:
                failures.append(f"{t}.{name}: nullable, expected not")
            if kind in NULLABLE and not field.nullable:
                failures.append(f"{t}.{name}: not nullable, expected nullable")
        if table.num_rows != len(rows):
            failures.append(f"{t}: {table.num_rows} rows vs {len(rows)} in the CSV")
            continue
        columns = [table.column(n).to_pylist() for n in header]
        bad = 0
        for r, row in enumerate(rows):
            for c, (kind, cell) in enumerate(zip(kinds, row)):
                if not same(kind, cell, columns[c][r]):
                    bad += 1
                    if bad <= 5:
                        failures.append(f"{t} row {r + 1} {header[c]}: CSV {cell!r} vs Parquet {columns[c][r]!r}")
        nulls = sum(table.column(n).null_count for n in header)
        print(f"{t}: {len(rows)} rows, {len(header)} columns, {nulls} nulls: same values and types as the CSV")
        df = pd.read_parquet(pq_dir / f"{t}.parquet")
        for name, kind in zip(header, kinds):
            dtype = str(df[name].dtype)
            want = {INT: ["int64"], FLOAT: ["float64"], OPT_FLOAT: ["float64"], BOOL: ["bool"]}
            want = want.get(kind, ["object", "str", "string"])
            if dtype not in want:
                failures.append(f"pandas {t}.{name}: dtype {dtype}, expected one of {want}")
        if t in ("documents", "matches"):
            print(f"pandas dtypes of {t}.parquet:\n{df.dtypes.to_string()}")
    for f in failures:
        print("FAIL", f, file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"parquet-check: {len(TABLES)} tables: values and types match the CSV outputs")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
