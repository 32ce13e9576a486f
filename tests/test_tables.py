"""Every printed table, cell by cell, against the truth of the corpus."""

from __future__ import annotations

import csv

import pytest

from conftest import corpus_sources, truth_json, truth_table

CASES = [(name, t["table_id"]) for name in corpus_sources() for t in truth_json(name, "tables")]


@pytest.mark.parametrize(("source_id", "table_id"), CASES)
def test_table_cells_equal_truth(results, source_id, table_id):
    table = next(t for t in results[source_id].tables if t.table_id == table_id)
    assert table.status == "extracted"
    assert table.cells == truth_table(source_id, table_id)


@pytest.mark.parametrize(("source_id", "table_id"), CASES)
def test_table_metadata_equals_truth(results, source_id, table_id):
    expected = next(t for t in truth_json(source_id, "tables") if t["table_id"] == table_id)
    table = next(t for t in results[source_id].tables if t.table_id == table_id)
    assert table.caption == expected["caption"]
    assert table.pages == (expected["pages"] or [])
    assert (table.n_rows, table.n_cols) == (expected["n_rows"], expected["n_cols"])
    assert table.header_rows == expected["header_rows"]


@pytest.mark.parametrize("source_id", sorted({s for s, _ in CASES}))
def test_table_notes_equal_truth(results, source_id):
    def key(n):
        return (n[0], -1 if n[1] is None else n[1], -1 if n[2] is None else n[2], n[3], n[4])

    expected = sorted(
        ((n["table_id"], n["row"], n["col"], n["marker"], n["note"])
         for n in truth_json(source_id, "notes")),
        key=key,
    )  # fmt: skip
    got = sorted(
        ((t.table_id, n.row, n.col, n.marker, n.note)
         for t in results[source_id].tables if t.kind == "table" for n in t.notes),
        key=key,
    )  # fmt: skip
    assert got == expected


def test_published_table_files_match_cells(published):
    _, out = published
    path = out / "tables" / "imdi-nokkeltall-2025" / "tabell-2.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [
        "Fylker",
        "Måloppnåelse 2025 Kvinner",
        "Måloppnåelse 2025 Menn",
        "Måloppnåelse 2025 Begge kjønn",
        "Måloppnåelse 2024 Begge kjønn",
    ]
    assert rows[1] == ["Troms", "56 %", "75 %", "64 %", "62 %"]
    assert rows[-1] == ["Nasjonalt", "38 %", "53 %", "45 %", "45 %"]
