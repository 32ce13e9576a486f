"""Open tables (no column rules) as public reports print them: inside a frame that also
boxes charts beside the table, with ranges of figures for values and headings of their own
between the rows. Each page is drawn by the test; the cells expected are those drawn."""

from __future__ import annotations

from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_tables

HEADS = ["", "This week", "Last week", "Year ago"]
ROWS = [
    ["Ethanol ($/gal)", "", "", ""],
    ["Iowa", "1.35 - 1.42", "1.38 - 1.43", "1.27 - 1.35"],
    ["Minnesota", "1.38 - 1.48", "1.40 - 1.49", "1.28 - 1.35"],
    ["Nebraska", "1.38 - 1.40", "1.36 - 1.43", "1.27 - 1.35"],
    ["Biodiesel ($/gal)", "", "", ""],
    ["Iowa", "2.85", "2.99 - 3.30", "2.85 - 3.07"],
    ["Illinois", "unq", "3.47 - 3.54", "2.95 - 3.05"],
    ["Crude oil (cents/lb)", "", "", ""],
    ["Central Illinois", "30.02 - 30.82", "31.22 - 32.52", "29.58 - 31.08"],
    ["Indiana/Ohio", "30.92 - 31.17", "32.89 - 33.39", "30.36 - 31.11"],
]
RIGHT = [150, 230, 310, 390]  # right edges of the value columns


def _framed_page(path):
    """The table on the left of a frame, a line chart's panel on its right, a rule between."""
    c = canvas.Canvas(str(path), pagesize=landscape(letter))
    top, step = 560, 15
    c.setFont("Times-Bold", 10)
    for k, head in enumerate(HEADS[1:], 1):
        c.drawRightString(RIGHT[k], top, head)
    for r, row in enumerate(ROWS, 1):
        y = top - r * step
        heading = not any(row[1:])
        c.setFont("Times-Bold" if heading else "Times-Roman", 10)
        c.drawString(22 if heading else 30, y, row[0])
        for k, cell in enumerate(row[1:], 1):
            if cell:
                c.drawRightString(RIGHT[k], y, cell)
        if heading:
            c.line(20, y + 11, 420, y + 11)
    bottom = top - (len(ROWS) + 1) * step
    c.rect(15, bottom, 760, top + 20 - bottom)  # the frame round table and chart
    c.line(420, bottom, 420, top + 20)  # the rule between them
    c.setFont("Times-Bold", 9)
    c.drawString(540, top, "Iowa Ethanol")
    c.setFont("Times-Roman", 7)
    for i, tick in enumerate(["2.60", "2.40", "2.20", "2.00", "1.80", "1.60", "1.40"]):
        c.drawRightString(460, top - 20 - i * 20, tick)
        c.line(465, top - 18 - i * 20, 760, top - 18 - i * 20)
    for i, month in enumerate("JFMAMJJASOND"):
        c.drawString(470 + i * 24, top - 150, month)
    c.setStrokeColorRGB(0.1, 0.6, 0.9)
    c.lines([(470 + i * 24, top - 100 + (i % 3) * 9, 494 + i * 24, top - 91 + (i % 2) * 9)
             for i in range(11)])  # fmt: skip
    c.save()
    return path


def test_a_table_framed_with_a_chart_beside_it(tmp_path):
    """The frame holds no grid of cells: the table is read from its text, apart from the
    chart's labels across the rule; the headings between its rows are rows of their own."""
    (table,) = read_tables(_framed_page(tmp_path / "framed.pdf").read_bytes())
    assert table.cells == [HEADS, *ROWS]
    assert table.header_rows == 1


def test_heads_of_bands_are_a_header(tmp_path):
    """Heads that are bands of a scale ("19-24", "25-30") are a header, not values; ranges
    of figures in the body are values."""
    path = tmp_path / "bands.pdf"
    rows = [
        ["County", "19-24", "25-30", "31-36"],
        ["Agder", "19 %", "18 %", "23 %"],
        ["Innlandet", "17 %", "17 %", "22 %"],
        ["Oslo", "14 %", "21 %", "26 %"],
    ]
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 10)
    for r, row in enumerate(rows):
        c.drawString(72, 700 - 16 * r, row[0])
        for k, cell in enumerate(row[1:]):
            c.drawRightString(220 + 60 * k, 700 - 16 * r, cell)
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == rows
    assert table.header_rows == 1
