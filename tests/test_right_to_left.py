"""Right-to-left text (Hebrew, Arabic) in a table reads in logical order, as typed, while the
page prints it in visual order. Each PDF is drawn by the test from the logical text (turned
into visual order for drawing), so the cells expected are the text as typed."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from bidi import get_display
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_tables
from reportparse.readers.pdf.direction import logical

# DejaVu Sans has Hebrew and Arabic letters; matplotlib (a dependency) ships it
DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
HEBREW = [
    ["מחוז", "נשים", "גברים"],
    ["צפון", "1 204", "1 310"],
    ["דרום", "988", "1 022"],
    ["מרכז 2", "415", "430"],
]
ARABIC = [
    ["المنطقة", "نساء", "رجال"],
    ["الشمال", "77", "81"],
    ["الجنوب", "120", "134"],
    ["الشرق", "56", "61"],
]


def _pdf(path: Path, rows: list[list[str]], ruled: bool) -> Path:
    """``rows`` drawn right to left (the first column rightmost), each cell in visual order."""
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVu", 10)
    edges = [450, 330, 250, 170]  # right to left
    for r, row in enumerate(rows):
        y = 760 - 20 * r
        for k, cell in enumerate(row):
            c.drawRightString(edges[k] - 4, y - 14, get_display(cell))
    if ruled:
        for r in range(len(rows) + 1):
            c.line(edges[-1], 760 - 20 * r, edges[0], 760 - 20 * r)
        for x in edges:
            c.line(x, 760, x, 760 - 20 * len(rows))
    c.save()
    return path


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "open"])
@pytest.mark.parametrize("rows", [HEBREW, ARABIC], ids=["hebrew", "arabic"])
def test_cells_read_in_logical_order(tmp_path, rows, ruled):
    (table,) = read_tables(_pdf(tmp_path / "rtl.pdf", rows, ruled).read_bytes())
    # columns stay as printed, left to right: the first column of the text is the rightmost
    assert table.cells == [list(reversed(r)) for r in rows]


def test_a_line_mixing_directions():
    assert logical("םולש 123 םלוע") == "עולם 123 שלום"
    assert logical("Total 1 204") == "Total 1 204"
    # Arabic presentation forms (the letters' joined shapes) are written as letters
    assert logical("\ufee3\ufeae\ufea3") == "حرم"
