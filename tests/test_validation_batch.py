"""Several tables of a document validated in one pandera pass give the failures each table
gives validated alone: the same names, checks, columns and rows."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from reportparse.output.validation import checks_only, schema, validate, validate_each


def _plain(failures):
    return [(f.dataset, f.check, f.column, f.rows.to_dict("split")) for f in failures]


def test_stacked_tables_fail_as_each_alone():
    clean = pd.DataFrame([["Fylke", "Antall"], ["Oslo", "12"]], dtype=str)
    marked = pd.DataFrame([["Fylke", "Antall", "Andel"], ["Agder", "7*", "3"]], dtype=str)
    parts = [("printed table a", clean, []), ("printed table b", marked, [])]
    alone = [f for name, df, _ in parts for f in validate(name, df, schema("printed_table"))[1]]
    batched = validate_each(schema("printed_table"), parts)
    assert _plain(batched) == _plain(alone)
    [failure] = batched
    assert (failure.dataset, failure.column) == ("printed table b", None)
    assert failure.check.startswith("cells_clean(")
    assert failure.rows.to_dict("split") == {  # the table's own row, with its own columns
        "index": [1],
        "columns": [0, 1, 2],
        "data": [["Agder", "7*", "3"]],
    }


def test_a_check_over_rows_sees_its_own_table_only():
    """A frame check (a sum over a table's rows) runs on each table's rows alone."""
    at_most_two = pa.Check(lambda df: pd.Series(len(df) <= 2, index=df.index), name="two")
    frames = [pd.DataFrame({"x": ["1", "2"]}), pd.DataFrame({"x": ["3", "4"]})]
    parts = [(f"t{i}", df, [at_most_two]) for i, df in enumerate(frames)]
    assert validate_each(checks_only("t", []), parts) == []
    three = pd.DataFrame({"x": ["5", "6", "7"]})
    [failure] = validate_each(checks_only("t", []), [*parts, ("t2", three, [at_most_two])])
    assert (failure.dataset, failure.check, list(failure.rows.index)) == ("t2", "two", [0, 1, 2])
