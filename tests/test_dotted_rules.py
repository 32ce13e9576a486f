"""Dotted and dashed rules drawn as many small marks, one box per dot or dash: the marks that
follow each other on one line are one rule, down the page as well as across, and a grid
ruled so reads by its rules. Each page is drawn by the test; the cells expected are those
drawn."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.model import TableMethod
from reportparse.readers.document import read_tables
from reportparse.readers.pdf.cells import Grid
from reportparse.readers.pdf.layout import dotted_rules
from reportparse.readers.pdf.pdffile import page_layouts
from reportparse.readers.pdf.rulings import text_across_rules
from reportparse.specs.settings import TABLES

ROWS = [
    ["Municipality", "Seats", "Kind", "Voters"],
    ["North", "1", "INF", "1 578"],
    ["South", "", "SUP", "44 600"],
    ["East", "2", "INF", "2 710"],
]
X = [72.0, 200.0, 260.0, 330.0, 420.0]
ROW = 16.0
TOP = 760.0

# (dot length along its rule, its thickness, the white between two dots), in points
DASHES = (1.92, 0.6, 0.6)  # dashes a spreadsheet prints, each its own box
DOTS = (0.8, 0.8, 1.6)  # square dots, either way round


def _dotted(c, x0, y0, x1, y1, style):
    """A rule from (x0, y0) to (x1, y1), across or down, as one filled box per dot."""
    length, thick, white = style
    if y0 == y1:
        x = x0
        while x + length <= x1 + 0.01:
            c.rect(x, y0 - thick / 2, length, thick, 0, 1)
            x += length + white
    else:
        y = y1
        while y + length <= y0 + 0.01:
            c.rect(x0 - thick / 2, y, thick, length, 0, 1)
            y += length + white


def _page(path, style):
    c = canvas.Canvas(str(path), pagesize=A4)
    tops = [TOP - r * ROW for r in range(len(ROWS) + 1)]
    for t in tops:
        _dotted(c, X[0], t, X[-1], t, style)
    for x in X:
        _dotted(c, x, tops[0], x, tops[-1], style)
    for r, row in enumerate(ROWS):
        c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 9)
        c.drawRightString(X[1] - 1, tops[r] - 11, row[0])  # set against the rule after it
        for k, cell in enumerate(row[1:], 1):
            c.drawString(X[k] + 1, tops[r] - 11, cell)  # a point after the rule before it
    c.save()
    return path.read_bytes()


@pytest.mark.parametrize("style", [DASHES, DOTS], ids=["dashes", "dots"])
def test_a_grid_of_dotted_rules_reads_by_its_rules(tmp_path, style):
    """Without the dots joined down the page, the column rules are lost and each row's
    stub runs into the cell after it ("North1")."""
    tables = read_tables(_page(tmp_path / "dotted.pdf", style))
    assert [(t.status, t.method.value, t.cells) for t in tables] == [
        ("extracted", "ruled-grid", ROWS)
    ]


def test_dots_in_a_row_are_one_rule_and_a_lone_dot_a_mark():
    across = [(10.0 + 2.52 * k, 50.0, 11.92 + 2.52 * k, 50.6) for k in range(10)]
    down = [(30.0, 80.0 + 2.52 * k, 30.6, 81.92 + 2.52 * k) for k in range(5)]
    few = [(60.0, 10.0 + 2.4 * k, 60.8, 10.8 + 2.4 * k) for k in range(3)]  # an ellipsis
    h, v = dotted_rules(across + down + few)
    assert [(r.pos, r.a, r.b) for r in h[:1]] == [pytest.approx((50.3, 10.0, 34.6))]
    lone = [(r.pos, r.a, r.b) for r in h[1:]]  # marks of their own, short rules across
    assert lone == [pytest.approx((10.4 + 2.4 * k, 60.0, 60.8)) for k in range(3)]
    assert [(r.pos, r.a, r.b) for r in v] == [pytest.approx((30.3, 80.0, 92.0))]


def _row_page(path, rules):
    """One row: "Total", then 23 and 0 in two printed cells, a column rule between them in
    this row only where ``rules``; a second row under it without rules."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 9)
    for y, cells in ((760, ("Total", "23", "0")), (740, ("North", "1", ""))):
        c.drawString(80, y, cells[0])
        c.drawString(205, y, cells[1])
        if cells[2]:
            c.drawString(262, y, cells[2])
    if rules:
        c.line(250, 772, 250, 756)
    c.save()
    return page_layouts(pdfium.PdfDocument(path.read_bytes()))[0]


@pytest.mark.parametrize("rules", [True, False])
def test_a_reading_that_joins_cells_across_a_column_rule_is_counted(tmp_path, rules):
    """A table read by its text's alignment, its column from 200 to 290 pt holding "23" and
    "0": where a rule runs down between them in their row, that cell joins two printed
    cells (tables.py fails such a reading with the count as its reason); the row under it,
    with no rule drawn through it, joins nothing."""
    layout = _row_page(tmp_path / "row.pdf", rules)
    columns = [(75, 200), (200, 290)]
    boxes = [(r, c, x0, top, x1, top + 12) for r, top in enumerate((72, 92))
             for c, (x0, x1) in enumerate(columns)]  # fmt: skip
    grid = Grid([["Total", "23 0"], ["North", "1"]], 0, TableMethod.WHITESPACE,
                (75, 72, 290, 104), col_bounds=[75, 200, 290], cell_boxes=boxes)  # fmt: skip
    assert text_across_rules(grid, layout.segments, layout, TABLES) == (1 if rules else 0)
    # in a header row the heads stand where the body's alignment bounds no column: left
    grid.header_rows = 1
    assert text_across_rules(grid, layout.segments, layout, TABLES) == 0


def test_a_table_whose_reading_joins_cells_across_a_rule_fails_with_the_reason(
    tmp_path, monkeypatch
):
    """The reading of a table without column rules of its own is not published where its
    cells join text across a rule (``text_across_rules`` counts them): its record fails with
    the reason and where it stands, and nothing is published from it."""
    from reportparse.readers.pdf import tables

    c = canvas.Canvas(str(tmp_path / "open.pdf"), pagesize=A4)
    c.setFont("Helvetica", 10)
    for r, (label, a, b) in enumerate(
        [
            ("Region", "Women", "Men"),
            ("North", "1 204", "1 310"),
            ("South", "988", "1 022"),
            ("East", "415", "430"),
        ]
    ):
        c.drawString(72, 760 - 16 * r, label)
        c.drawRightString(250, 760 - 16 * r, a)
        c.drawRightString(330, 760 - 16 * r, b)
    c.save()
    data = (tmp_path / "open.pdf").read_bytes()
    assert [t.status.value for t in read_tables(data)] == ["extracted"]
    monkeypatch.setattr(tables, "text_across_rules", lambda *args: 2)
    [table] = read_tables(data)
    assert (table.status.value, table.reason, table.cells) == (
        "failed",
        "2 cells of its reading hold text on both sides of a column rule",
        [],
    )
    assert table.bbox is not None and table.bbox[0] == 72.0
