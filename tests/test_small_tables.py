"""Small borderless tables in running text (two value columns or more, three rows or more)
are found and read cell for cell; the paragraphs around them stay text. Each page is drawn by
the test; the cells expected are those drawn."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_measured_tables
from test_detection import PROSE, wrap

SIX = [
    ["", "2019", "2020", "2021", "2022", "2023", "2024"],
    ["Women", "41", "43", "45", "44", "47", "49"],
    ["Men", "52", "55", "54", "56", "58", "57"],
    ["All", "47", "49", "50", "50", "53", "53"],
]
TWO = [
    ["Outcome", "2023", "2024"],
    ["Work", "1 204", "1 310"],
    ["Education", "988", "1 022"],
]


@pytest.mark.parametrize("rows", [SIX, TWO], ids=["six-columns", "two-value-columns"])
def test_a_small_table_between_paragraphs(tmp_path, rows):
    path = tmp_path / "small.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = wrap(c, PROSE, 72, 780, 450) - 8
    c.setFont("Helvetica", 10)
    for row in rows:
        c.drawString(72, y, row[0])
        for k, v in enumerate(row[1:]):
            c.drawRightString(190 + 50 * k, y, v)
        y -= 13
    wrap(c, PROSE, 72, y - 8, 450)
    c.save()
    found = read_measured_tables(path.read_bytes())
    assert [(t.status, t.cells) for t, _ in found] == [("extracted", rows)]
