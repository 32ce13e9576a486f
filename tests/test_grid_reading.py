"""Ruled grids read whole whatever their cells hold: a grid of values alone is a table,
though its last column holds whole numbers that only grow (as a table of contents' page
numbers do). Each page is drawn by the test; the cells expected are those drawn."""

from __future__ import annotations

from itertools import pairwise

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_tables

ROW = 16.0


def test_a_ruled_grid_of_values_whose_last_column_grows_is_a_table(tmp_path):
    """Two columns of values, the second 1, 3, 5, ...: no labels stand before those whole
    numbers, so they are no page numbers of a table of contents."""
    rows = [[f"{200 * k}.01", str(2 * k - 1)] for k in range(1, 9)]
    xs, top = [320.0, 396.0, 472.0], 780.0
    path = tmp_path / "numbers.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    tops = [top - r * ROW for r in range(len(rows) + 1)]
    for t in tops:
        c.line(xs[0], t, xs[-1], t)
    for x in xs:
        c.line(x, tops[0], x, tops[-1])
    c.setFont("Helvetica", 10)
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            c.drawString(xs[k] + 4, tops[r] - 12, cell)
    c.save()
    tables = read_tables(path.read_bytes())
    assert [(t.status.value, t.cells) for t in tables] == [("extracted", rows)]


HEADS = ["State", "Disease", "Cases", "Date", "Comments"]
OUTBREAKS = [
    ("Kerala", ("vi.", "Food", "Poisoning"), "950", "02/04/15",
     ["Cases reported from the village;", "the district team investigated",
      "the outbreak. Water samples", "collected, 2 of 5 not potable.",
      "Health education given."]),
    ("Assam", ("vii.", "Acute", "Diarrhoea"), "12", "14/04/15",
     ["Cases reported from two blocks;", "samples sent to the college.", "All cases treated."]),
]  # fmt: skip


def _outbreaks(path):
    """A shaded grid whose rows hold a comment of several lines beside values centred on
    the row; the disease set on two lines, its first justified to the cell's width (its two
    words far apart), and the text of three cells of each row in a box of its own, the
    boxes of different heights."""
    xs, top = [60.0, 110.0, 200.0, 240.0, 300.0, 480.0], 780.0
    lines = [top, top - 20]
    for row in OUTBREAKS:
        lines.append(lines[-1] - 12 * len(row[4]) - 8)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFillColorRGB(0.92, 0.95, 0.98)
    for a, b in pairwise(lines):
        for x0, x1 in pairwise(xs):
            c.rect(x0, b, x1 - x0, a - b, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    for t in lines:
        c.line(xs[0], t, xs[-1], t)
    for x in xs:
        c.line(x, lines[0], x, lines[-1])
    c.setFont("Helvetica-Bold", 9)
    for k, head in enumerate(HEADS):
        c.drawString(xs[k] + 3, top - 14, head)
    c.setFont("Helvetica", 9)
    for (state, disease, cases, date, comment), (a, b) in zip(
        OUTBREAKS, pairwise(lines[1:]), strict=True
    ):
        mid = (a + b) / 2
        c.drawString(xs[0] + 6, mid - 3, state)
        c.drawString(xs[2] + 3, mid - 3, cases)
        c.drawString(xs[3] + 3, mid - 3, date)
        c.drawString(xs[1] + 8, mid + 2, disease[0])
        c.drawRightString(xs[2] - 8, mid + 2, disease[1])
        c.drawString(xs[1] + 8, mid - 10, disease[2])
        c.rect(xs[0] + 3, mid - 9, xs[1] - xs[0] - 6, 22, stroke=1, fill=0)
        c.rect(xs[1] + 4, mid - 13, xs[2] - xs[1] - 8, 24, stroke=1, fill=0)
        c.rect(xs[3] + 3, mid - 11, xs[4] - xs[3] - 6, 26, stroke=1, fill=0)
        for i, text in enumerate(comment):
            c.drawString(xs[4] + 3, a - 12 - 12 * i, text)
    c.save()
    return path.read_bytes()


def test_justified_words_and_boxes_round_cell_text_part_no_cells(tmp_path):
    """Two words of one cell set far apart on a line of values are no two columns the rules
    left together (only a value beside another segment says so), and the edges of a box
    round a cell's text, whose sides are its own, are no row lines: each row is one."""
    tables = read_tables(_outbreaks(tmp_path / "outbreaks.pdf"))
    assert [(t.status.value, t.method.value, t.cells) for t in tables] == [
        ("extracted", "ruled-grid", [
            HEADS,
            ["Kerala", "vi. Food Poisoning", "950", "02/04/15", " ".join(OUTBREAKS[0][4])],
            ["Assam", "vii. Acute Diarrhoea", "12", "14/04/15", " ".join(OUTBREAKS[1][4])],
        ])
    ]  # fmt: skip


LEFT = [["Test", "Current", "Result"], ["Class A", "131.44%", "PASS"],
        ["Class B", "121.82%", "PASS"], ["Class C", "112.24%", "FAIL"]]  # fmt: skip
RIGHT = [["Measure", "Value", "Limit"], ["Diversity", "85", "40"],
         ["Recovery rate, weighted", "40.50%", "40.00%"], ["Life", "4.83", "9.00"]]  # fmt: skip


def _filled_table(c, rows, xs, heights, top):
    """A table of filled cells, a 2 pt white gutter between cells, its rows ``heights``
    high (a row of two lines where it is taller)."""
    for row, height in zip(rows, heights, strict=True):
        c.setFillColorRGB(0.85, 0.9, 0.95)
        for x0, x1 in pairwise(xs):
            c.rect(x0, top - height, x1 - x0 - 2, height - 2, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        lines = [row[0]] if height < 20 else row[0].rsplit(" ", 1)
        for i, line in enumerate(lines):
            c.drawString(xs[0] + 3, top - 11 - 11 * i, line)
        for x, cell in zip(xs[1:-1], row[1:], strict=True):
            c.drawString(x + 3, top - 11, cell)
        top -= height


def test_two_tables_of_filled_cells_a_gutter_apart_are_two(tmp_path):
    """Two tables of filled cells side by side, no wider apart than the gutters of one
    (5 pt), are two tables where their rows differ: the right one has a row of two lines.
    (Read as one block of fills, they were one grid of their common row lines.)"""
    path = tmp_path / "side.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 9)
    _filled_table(c, LEFT, [60, 150, 210, 262], [14, 14, 14, 14], 780)
    _filled_table(c, RIGHT, [265, 368, 418, 470], [14, 14, 25, 14], 780)
    c.save()
    tables = read_tables(path.read_bytes())
    right = [*RIGHT[:2], ["Recovery rate, weighted", "40.50%", "40.00%"], RIGHT[3]]
    assert [(t.status.value, t.cells) for t in tables] == [
        ("extracted", LEFT), ("extracted", right)
    ]  # fmt: skip


def test_heads_between_a_rule_and_a_grid_are_its_header_row(tmp_path):
    """Heads printed on no fill between a rule and a grid of filled cells as wide as the
    rule, each head in one of the grid's columns: the rule tops the grid's header row."""
    path = tmp_path / "heads.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 9)
    xs = [60, 150, 210, 262]
    c.line(xs[0], 700, xs[-1] - 2, 700)
    for x, head in zip(xs[:-1], LEFT[0], strict=True):
        c.drawString(x + 3, 689, head)
    _filled_table(c, LEFT[1:], xs, [14, 14, 14], 684)
    c.save()
    tables = read_tables(path.read_bytes())
    assert [(t.status.value, t.header_rows, t.cells) for t in tables] == [
        ("extracted", 1, LEFT)
    ]  # fmt: skip
