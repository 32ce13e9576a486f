"""The ICDAR 2013 structure measure of ``scripts/icdar.py`` (what ``make bench`` reports), on
truth made by hand: adjacency relations of non-empty cells, normalised text, multisets per
document, precision and recall pooled over documents."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import icdar

YEARS = [("Year", "Men", "Women"), ("2023", "10", "12"), ("2024", "", "14")]


def _structure(path: Path, regions: list[list[tuple[str, ...]]]) -> Path:
    """A ``*-str.xml`` with one table per region, cells at their start row and column."""
    tables = []
    for rows in regions:
        cells = "".join(
            f'<cell start-row="{r}" start-col="{c}" end-row="{r}" end-col="{c}">'
            f"<content>{text}</content></cell>"
            for r, row in enumerate(rows)
            for c, text in enumerate(row)
            if text
        )
        tables.append(f'<table><region page="1">{cells}</region></table>')
    path.write_text(f"<document>{''.join(tables)}</document>", encoding="utf-8")
    return path


def test_relations_of_a_grid_skip_empty_cells_and_normalise_text():
    assert icdar.table_relations([list(r) for r in YEARS]) == Counter(
        {
            ("year", "men", "right"): 1, ("men", "women", "right"): 1,
            ("2023", "10", "right"): 1, ("10", "12", "right"): 1, ("2024", "14", "right"): 1,
            ("year", "2023", "below"): 1, ("2023", "2024", "below"): 1,
            ("men", "10", "below"): 1, ("women", "12", "below"): 1, ("12", "14", "below"): 1,
        }
    )  # fmt: skip
    assert icdar.table_relations([["Wo men", "A\nB"]]) == Counter({("women", "ab", "right"): 1})


def test_precision_and_recall_pooled_over_documents(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.pdf").write_bytes(b"%PDF-1.4")
    _structure(tmp_path / "a-str.xml", [YEARS])
    _structure(tmp_path / "b-str.xml", [[("a", "b"), ("c", "d")]])  # c.pdf has no truth
    found = {
        # every truth relation of a (text normalised), and one table where there is none
        "a": [[["YEAR", "Men", "Wo men"], ["2023", "10", "12"], ["2024", "", "14"]], [["x", "y"]]],
        # a relation printed twice is matched once: a multiset
        "b": [[["a", "b"], ["a", "b"]]],
    }
    docs = icdar.documents(tmp_path)
    assert [d.name for d in docs] == ["a", "b"]
    ev = icdar.evaluate(lambda pdf: found[pdf.stem], docs, "hand")
    assert [(d.document.name, d.score, d.tables, d.truth_tables) for d in ev.documents] == [
        ("a", icdar.Score(10, 11, 10), 2, 1),
        ("b", icdar.Score(1, 4, 4), 1, 1),
    ]
    assert ev.total == icdar.Score(11, 15, 14)
    assert (ev.total.precision, ev.total.recall, ev.total.f1) == (11 / 15, 11 / 14, 22 / 29)
    assert icdar.summary([ev])[2] == "| hand | 0.733 | 0.786 | 0.759 | 11 / 15 / 14 |"


def test_an_engine_that_fails_on_a_document_found_nothing_there(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    _structure(tmp_path / "a-str.xml", [YEARS])

    def broken(pdf):
        raise ValueError("cannot parse")

    (result,) = icdar.evaluate(broken, icdar.documents(tmp_path), "broken").documents
    assert (result.score, result.error) == (icdar.Score(0, 0, 10), "ValueError: cannot parse")
    assert (result.score.precision, result.score.recall, result.score.f1) == (None, 0.0, 0.0)
