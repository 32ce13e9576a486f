"""Tables set sideways read in reading order: text at 90° or 270° on an upright page, and a
page turned by /Rotate with its table drawn upright in the page's own space (so shown
sideways). Each PDF is drawn by the test; the cells expected are those drawn."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_measured_tables

import pdfs

ROWS = pdfs.REGION_ROWS
XS = [0, 90, 160, 230, 300]  # column edges, in the table's own (turned) space


def _table(c: canvas.Canvas, ruled: bool) -> None:
    pdfs.grid(c, ROWS, XS, 0, ruled)  # its top row at y 0 of the table's own space


def _pdf(path, degrees: int, ruled: bool, page_rotation: int = 0):
    """ROWS turned ``degrees`` counter-clockwise on an A4 page (``page_rotation``: /Rotate)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 800, "Participants by region")
    c.setPageRotation(page_rotation)
    c.saveState()
    c.translate(*{0: (100, 700), 90: (300, 100), 270: (300, 700)}[degrees])
    c.rotate(degrees)
    _table(c, ruled)
    c.restoreState()
    c.save()
    return path


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "open"])
@pytest.mark.parametrize("degrees", [90, 270])
def test_text_turned_on_an_upright_page(tmp_path, degrees, ruled):
    found = read_measured_tables(_pdf(tmp_path / "t.pdf", degrees, ruled).read_bytes())
    assert [(t.table_id, t.status, t.cells) for t, _ in found] == [
        ("utabell-p1-1", "extracted", ROWS)
    ]
    ((_, figures),) = found
    assert (figures.filled_share, figures.text_in_cells) == (1.0, 1.0)


def test_the_box_is_on_the_page(tmp_path):
    """Turned 90° at (300, 100) in PDF space: x 300 to 400, y 100 to 400 from the bottom."""
    ((table, _),) = read_measured_tables(_pdf(tmp_path / "t.pdf", 90, True).read_bytes())
    assert [round(v) for v in table.bbox] == [300, 442, 400, 742]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "open"])
def test_a_turned_page_showing_its_table_sideways(tmp_path, ruled):
    path = _pdf(tmp_path / "t.pdf", 0, ruled, page_rotation=90)
    found = read_measured_tables(path.read_bytes())
    assert [(t.status, t.cells) for t, _ in found] == [("extracted", ROWS)]


def test_a_turned_page_showing_its_table_upright(tmp_path):
    path = _pdf(tmp_path / "t.pdf", 90, False, page_rotation=90)
    found = read_measured_tables(path.read_bytes())
    assert [(t.status, t.cells) for t, _ in found] == [("extracted", ROWS)]


def test_a_turned_axis_label_is_no_table(tmp_path):
    """A few turned words (an axis label) give no turned view and no record."""
    c = canvas.Canvas(str(tmp_path / "axis.pdf"), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.saveState()
    c.translate(60, 400)
    c.rotate(90)
    c.drawString(0, 0, "Share of participants (%)")
    c.restoreState()
    c.drawString(72, 800, "The share rose over the period.")
    c.save()
    assert read_measured_tables((tmp_path / "axis.pdf").read_bytes()) == []
