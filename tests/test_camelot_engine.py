"""camelot as an engine to choose: ``reportparse tables --engine camelot-lattice`` or
``camelot-stream`` writes the same outputs and records from camelot's tables."""

from __future__ import annotations

import csv
import json
import sys

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.cli import main
from reportparse.model import DocumentError
from reportparse.readers.document import read_tables
from reportparse.readers.pdf.camelot_engine import camelot_tables, with_engines

import pdfs

ROWS = pdfs.REGION_ROWS
X = [72, 162, 232, 302, 372]


def _ruled(path, turned: bool = False):
    """ROWS as a ruled grid from (72, 760) in PDF space; ``turned``: set at 90°."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    if turned:
        c.translate(400, 100)
        c.rotate(90)
        c.translate(-72, -760)
    pdfs.grid(c, ROWS, X, 760)
    c.save()
    return path


def _csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize(
    ("engine", "method"), [("camelot-lattice", "ruled-grid"), ("camelot-stream", "whitespace")]
)
def test_camelot_writes_the_same_outputs(tmp_path, engine, method):
    pdf = _ruled(tmp_path / "grid.pdf")
    out = tmp_path / "out"
    res = CliRunner().invoke(
        main, ["tables", str(pdf), "--out", str(out), "--engine", engine, "--jobs", "1"]
    )
    assert res.exit_code == 0, res.stderr
    assert res.stdout == f"wrote {out}: 1 table from 1 file\n"
    assert _csv(out / "grid" / "table-p1-1.csv") == ROWS
    (record,) = json.loads((out / "grid" / "tables.json").read_text(encoding="utf-8"))
    assert {k: record[k] for k in ("table_id", "engine", "method", "status", "header_rows")} == {
        "table_id": "table-p1-1",
        "engine": engine,
        "method": method,
        "status": "extracted",
        "header_rows": 0,
    }
    assert (record["n_rows"], record["n_cols"], record["filled_share"]) == (5, 4, 1.0)
    assert record["text_in_cells"] == 1.0


def test_lattice_boxes_are_on_the_page(tmp_path):
    """The grid's rules are at x 72 to 372 and 760 to 660 from the bottom of an A4 page."""
    sizes = {1: (595.2756, 841.8898)}
    (table,) = camelot_tables(_ruled(tmp_path / "g.pdf"), "camelot-lattice", sizes)
    assert table.cells == ROWS
    # camelot finds rules in a picture of the page: within a point and a half
    assert all(abs(a - b) <= 1.5 for a, b in zip(table.bbox, [72, 82, 372, 182], strict=True))


def test_a_table_camelot_turned_is_put_back_on_the_page(tmp_path):
    """Set at 90° from (400, 100): x 400 to 500, y 100 to 400 from the bottom."""
    sizes = {1: (595.2756, 841.8898)}
    (table,) = camelot_tables(_ruled(tmp_path / "t.pdf", True), "camelot-lattice", sizes)
    assert table.cells == ROWS
    box = [400, 442, 500, 742]
    assert all(abs(a - b) <= 1.5 for a, b in zip(table.bbox, box, strict=True))


def test_without_camelot_one_line_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "camelot", None)
    with pytest.raises(DocumentError) as err:
        camelot_tables(tmp_path / "x.pdf", "camelot-stream", {})
    assert str(err.value) == (
        "the engine camelot-stream needs camelot: pip install 'reportparse[camelot]'"
    )


def test_a_spec_entry_names_the_engine_of_its_table(tmp_path):
    """The tables under a caption its entry gives camelot-lattice are read by camelot: its
    cells and cell boxes, with the engine's header rows."""
    path = tmp_path / "captioned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(72, 775, "Table 1: Participants by region")
    c.setFont("Helvetica", 10)
    pdfs.grid(c, ROWS, X, 760)
    c.save()
    (ours,) = read_tables(path.read_bytes())
    assert (ours.method, ours.cells, ours.header_rows) == ("ruled-grid", ROWS, 1)
    sizes = {1: (595.2756, 841.8898)}
    (camelots,) = camelot_tables(path, "camelot-lattice", sizes)
    (read,) = with_engines([ours], [("participants", "camelot-lattice")], path, sizes)
    assert (read.cells, read.header_rows, read.status) == (ROWS, 1, "extracted")
    assert read.cell_boxes == camelots.cell_boxes != ours.cell_boxes
    assert (read.table_id, read.caption) == (ours.table_id, "Table 1: Participants by region")
    (kept,) = with_engines([ours], [("no such caption", "camelot-lattice")], path, sizes)
    assert kept is ours


@pytest.mark.parametrize(
    ("new", "error"),
    [
        (
            "caption = 'fylke'\nengine = 'camelot'",
            "table[1].engine: Input should be 'reportparse', 'camelot-lattice' or 'camelot-stream'",
        ),
        (
            "caption = 'fylke'\nengine = 'camelot-lattice'\nsettings = {caption_slack = 7.5}",
            "table[1]: settings are the table engine's: camelot-lattice takes none",
        ),
    ],
    ids=["unknown-engine", "engine-with-settings"],
)
def test_an_engine_in_a_spec_is_checked_on_load(monkeypatch, new, error):
    from reportparse.specs.load import SpecError
    from test_specs import NOKKELTALL, _load_with, _shipped

    text = _shipped(NOKKELTALL)
    assert text.count("caption = 'fylke'") == 1
    with pytest.raises(SpecError) as err:
        _load_with(monkeypatch, NOKKELTALL, text.replace("caption = 'fylke'", new, 1))
    assert str(err.value).startswith(f"specs/{NOKKELTALL}: {error}")
