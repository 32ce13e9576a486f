"""Ruled grids as any PDF draws them: cells as filled rectangles with white gutters and no
rules, a header ruled apart from its body, spanning cells (written in their top-left
position), column rules that stop short of the frame. Each page is drawn by the test; the
cells expected are those drawn."""

from __future__ import annotations

from itertools import pairwise

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_tables

ROWS = [
    ["Region", "Women", "Men", "Total"],
    ["Work or education", "1 204", "1 310", "2 514"],
    ["Upper secondary", "988", "1 022", "2 010"],
    ["Not in work", "415", "430", "845"],
]
X = [72, 182, 252, 322, 392]
ROW = 18.0


def _text(c, rows, tops, bold_rows=1):
    for r, row in enumerate(rows):
        c.setFont("Helvetica-Bold" if r < bold_rows else "Helvetica", 10)
        for k, cell in enumerate(row):
            if k == 0:
                c.drawString(X[0] + 4, tops[r] - 13, cell)
            elif cell:
                c.drawRightString(X[k + 1] - 4, tops[r] - 13, cell)


def _read(path, draw) -> list[list[list[str]]]:
    c = canvas.Canvas(str(path), pagesize=A4)
    draw(c)
    c.save()
    return [t.cells for t in read_tables(path.read_bytes()) if t.status == "extracted"]


@pytest.mark.parametrize("gutter", [2.0, 3.0, 5.0])
def test_cells_drawn_as_filled_rectangles(tmp_path, gutter):
    """Every cell a filled rectangle, white gutters between them, no rule at all."""

    def draw(c):
        tops = [760 - r * ROW for r in range(len(ROWS))]
        for r, top in enumerate(tops):
            c.setFillColorRGB(0.6, 0.7, 0.85) if r == 0 else c.setFillColorRGB(0.85, 0.9, 0.95)
            for k in range(len(X) - 1):
                c.rect(X[k], top - ROW + gutter, X[k + 1] - X[k] - gutter, ROW - gutter, 0, 1)
        c.setFillColorRGB(0, 0, 0)
        _text(c, ROWS, tops)

    assert _read(tmp_path / "filled.pdf", draw) == [ROWS]


@pytest.mark.parametrize("gap", [6.0, 14.0])
def test_a_header_ruled_apart_from_its_body(tmp_path, gap):
    """The header in a ruled box of its own, the body in another right under it."""

    def draw(c):
        tops = [760] + [760 - r * ROW - gap for r in range(1, len(ROWS))]
        for a, b in ((0, 1), (1, len(ROWS))):
            top, bottom = tops[a], tops[b - 1] - ROW
            for r in range(a, b):
                c.line(X[0], tops[r], X[-1], tops[r])
            c.line(X[0], bottom, X[-1], bottom)
            for x in X:
                c.line(x, top, x, bottom)
        _text(c, ROWS, tops)

    assert _read(tmp_path / "apart.pdf", draw) == [ROWS]


def test_two_tables_with_text_between_stay_two(tmp_path):
    def draw(c):
        for top in (760, 640):
            tops = [top - r * ROW for r in range(len(ROWS))]
            for t in [*tops, tops[-1] - ROW]:
                c.line(X[0], t, X[-1], t)
            for x in X:
                c.line(x, tops[0], x, tops[-1] - ROW)
            _text(c, ROWS, tops)
        c.setFont("Helvetica", 10)
        c.drawString(X[0], 665, "The second table counts the year after.")

    assert _read(tmp_path / "two.pdf", draw) == [ROWS, ROWS]


def test_spanning_cells_and_short_rules(tmp_path):
    """A group head over two columns, the stub head over both header rows, and column
    rules that stop short of the frame: a merged cell is written in its top-left position."""
    rows = [
        ["Region", "Women", "", "Men", ""],
        ["", "Number", "Share", "Number", "Share"],
        ["North", "1 204", "51 %", "1 310", "49 %"],
        ["South", "988", "48 %", "1 022", "52 %"],
        ["East", "415", "49 %", "430", "51 %"],
    ]
    xs = [72, 152, 212, 272, 332, 392]

    def draw(c):
        tops = [760 - r * ROW for r in range(len(rows))]
        bottom = tops[-1] - ROW
        c.rect(xs[0], bottom, xs[-1] - xs[0], tops[0] - bottom)  # the frame
        for r in range(1, len(rows)):
            c.line(xs[1] if r == 1 else xs[0], tops[r], xs[-1], tops[r])
        for k, x in enumerate(xs[1:-1], 1):
            start = tops[1] if k in (2, 4) else tops[0] - 3  # short of the frame
            c.line(x, start, x, bottom + 3)
        for r, row in enumerate(rows):
            c.setFont("Helvetica-Bold" if r < 2 else "Helvetica", 10)
            for k, cell in enumerate(row):
                if not cell:
                    continue
                if k == 0:
                    c.drawString(xs[0] + 4, tops[r] - 13, cell)
                elif r == 0:
                    c.drawCentredString(xs[k + 1], tops[r] - 13, cell)
                else:
                    c.drawRightString(xs[k + 1] - 4, tops[r] - 13, cell)

    assert _read(tmp_path / "spans.pdf", draw) == [rows]


@pytest.mark.parametrize("ratio", [0.58, 0.7, 1 / 1.2])
def test_a_raised_marker_as_browsers_print_sup_is_a_note_not_text(tmp_path, ratio):
    """A footnote marker after a stub and after a head, set as a separate run ``ratio`` of the
    text's size and raised (a browser prints ``<sup>`` at font-size "smaller": 1/1.2)."""
    rows = [["Region", "Women", "Men", "Total"], *ROWS[1:], ["Unknown", "0", "1", "1"]]

    def draw(c):
        tops = [760 - r * ROW for r in range(len(rows))]
        for t in [*tops, tops[-1] - ROW]:
            c.line(X[0], t, X[-1], t)
        for x in X:
            c.line(x, tops[0], x, tops[-1] - ROW)
        _text(c, rows, tops)
        c.setFont("Helvetica", 10 * ratio)
        for r, k in ((len(rows) - 1, 0), (0, 1)):
            text = rows[r][k]
            x = X[0] + 4 if k == 0 else X[k + 1] - 4
            font = "Helvetica-Bold" if r == 0 else "Helvetica"
            start = x if k == 0 else x - c.stringWidth(text, font, 10)
            end = start + c.stringWidth(text, font, 10)
            c.drawString(end + 0.5, tops[r] - 13 + 4, "2" if r else "1")

    c = canvas.Canvas(str(tmp_path / "sup.pdf"), pagesize=A4)
    draw(c)
    c.save()
    (table,) = read_tables((tmp_path / "sup.pdf").read_bytes())
    assert table.cells == rows
    assert sorted((n.row, n.col, n.marker) for n in table.notes) == [(0, 1, "1"), (4, 0, "2")]


@pytest.mark.parametrize("width", [0.0, 1.4])
def test_row_spans_beside_short_cell_borders(tmp_path, width):
    """Rules between two rows drawn in some columns only (a cell's border, from one column
    rule to the next), a cell spanning both rows in the others, its text centred on the
    border's height: the rows stay two, and each spanning cell is written in its top-left
    position. Rules drawn as lines, or as thin filled boxes (``width`` wide) where a row
    border stops at the edge of the column rule's box, not at its middle."""
    rows = [
        ["Investigation", "HHs", "Group", "Share", "Size"],
        ["Anthropometry", "2400", "All individuals", "", ""],
        ["Clinical", "", "", "", ""],
        ["Blood pressure", "2400", "Men", "10%", "1728"],
        ["", "", "Women", "", "1728"],
        ["Diet", "1200", "Adults", "5%", "912"],
    ]
    xs = [72, 182, 232, 332, 382, 432]

    def draw(c):
        half = width / 2

        def hline(x0, x1, y):
            if width:
                c.rect(x0 + half, y - half, x1 - x0 - width, width, 0, 1)
            else:
                c.line(x0, y, x1, y)

        def vline(x, y0, y1):
            if width:
                c.rect(x - half, y1 - half, width, y0 - y1 + width, 0, 1)
            else:
                c.line(x, y0, x, y1)

        tops = [760 - r * ROW for r in range(len(rows) + 1)]
        for x in (xs[0], xs[-1]):  # the frame
            vline(x, tops[0], tops[-1])
        for r in (0, 1, 3, 5, len(rows)):
            hline(xs[0], xs[-1], tops[r])
        hline(xs[0], xs[1], tops[2])  # only under "Anthropometry"
        for k in (2, 4):  # only under "Men" and the first "1728"
            hline(xs[k], xs[k + 1], tops[4])
        for k, x in enumerate(xs[1:-1], 1):
            if k in (3, 4):  # not through the cell that spans three columns and two rows
                vline(x, tops[0], tops[1])
                vline(x, tops[3], tops[-1])
            else:
                vline(x, tops[0], tops[-1])
        c.setFont("Helvetica", 10)

        def put(text, k, r, span=1, centred=False):
            y = (tops[r] + tops[r + span]) / 2 - 3.5
            if centred:
                c.drawCentredString((xs[k] + xs[-1]) / 2, y, text)
            else:
                c.drawString(xs[k] + 4, y, text)

        for k, cell in enumerate(rows[0]):
            put(cell, k, 0)
        put("Anthropometry", 0, 1)
        put("Clinical", 0, 2)
        put("2400", 1, 1, span=2)
        put("All individuals", 2, 1, span=2, centred=True)
        for k, cell in enumerate(rows[3]):
            put(cell, k, 3, span=1 if k in (2, 4) else 2)
        put("Women", 2, 4)
        put("1728", 4, 4)
        for k, cell in enumerate(rows[5]):
            put(cell, k, 5)

    assert _read(tmp_path / "row-spans.pdf", draw) == [rows]


def test_cells_filled_in_pieces_are_no_bar_chart(tmp_path):
    """Every cell's fill drawn in pieces, as some word processors export it: a box behind the
    text, and the cell's white under it as a box apart. In the header those boxes are as wide
    as their columns, stand on one line and differ in height: no text in them, they look like
    a chart's bars. They are pieces of fills that hold text, and the grid is a table."""
    xs = [72, 182, 252, 322, 392]
    rows = [["Region", "Women", "Men", "Total"], *ROWS[1:]]
    head, line = 40.0, 11.0

    def draw(c):
        c.setFillColorRGB(0.82, 0.92, 0.95)
        top = 760.0
        for k, (x0, x1) in enumerate(pairwise(xs)):
            lines = [1, 2, 3, 1][k]  # the header's text fills 1, 2 or 3 lines of its cell
            c.rect(x0, top - line * lines - 4, x1 - x0, line * lines + 4, 0, 1)
            c.rect(x0, top - head, x1 - x0, head - line * lines - 4, 0, 1)  # the white under
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica-Bold", 9)
        words = [["Region"], ["Women"], ["Men"], ["Total"]]
        for k, cell in enumerate(words):
            for n, word in enumerate(cell):
                c.drawString(xs[k] + 4, top - 11 - n * line, word)
        for r, row in enumerate(rows[1:]):
            rtop = top - head - r * ROW
            c.setFillColorRGB(*((0.95, 0.97, 0.99) if r % 2 else (0.82, 0.92, 0.95)))
            c.rect(xs[0], rtop - ROW, xs[-1] - xs[0], ROW, 0, 1)
            c.setFillColorRGB(0, 0, 0)
            c.setFont("Helvetica", 10)
            for k, cell in enumerate(row):
                if k == 0:
                    c.drawString(xs[0] + 4, rtop - 13, cell)
                else:
                    c.drawRightString(xs[k + 1] - 4, rtop - 13, cell)
        c.setStrokeColorRGB(0.3, 0.6, 0.7)
        for x in xs:
            c.line(x, top, x, top - head - ROW * (len(rows) - 1))
        for y in (top, top - head, top - head - ROW * (len(rows) - 1)):
            c.line(xs[0], y, xs[-1], y)

    assert _read(tmp_path / "pieces.pdf", draw) == [rows]


def test_a_short_rule_with_text_over_and_under_it_beside_is_no_spanning_cell(tmp_path):
    """A rule drawn between two rows in the last column alone, where the other columns hold
    text over and under it: those are two rows whose rules the other columns left undrawn,
    not cells spanning them, and nothing is joined."""
    rows = [*ROWS, ["Abroad", "12", "15", "27"]]

    def draw(c):
        tops = [760 - r * ROW for r in range(len(rows) + 1)]
        c.rect(X[0], tops[-1], X[-1] - X[0], tops[0] - tops[-1])  # the frame
        for x in X[1:-1]:
            c.line(x, tops[0], x, tops[-1])
        for r in (1, 2, 4):
            c.line(X[0], tops[r], X[-1], tops[r])
        c.line(X[-2], tops[3], X[-1], tops[3])  # only in the last column
        _text(c, rows, tops)

    assert _read(tmp_path / "short-rule.pdf", draw) == [rows]


def test_white_boxes_behind_a_title_are_no_rules(tmp_path):
    """White boxes, not stroked, drawn behind the title lines over a ruled grid and wider
    than it, touching its frame: white on the white page, their edges are no rules, and the
    grid is read without the title or an empty column beside it."""

    def draw(c):
        tops = [740 - r * ROW for r in range(len(ROWS) + 1)]
        c.setFillColorRGB(1, 1, 1)
        c.rect(X[0] - 20, tops[0] + 14, X[-1] - X[0] + 60, 14, 0, 1)
        c.rect(X[0] + 30, tops[0], X[-1] - X[0] + 10, 14, 0, 1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0] + 40, tops[0] + 18, "Table 6: Participants by outcome")
        c.drawString(X[0] + 40, tops[0] + 4, "and gender")
        for top in tops:
            c.line(X[0], top, X[-1], top)
        for x in X:
            c.line(x, tops[0], x, tops[-1])
        _text(c, ROWS, tops)

    assert _read(tmp_path / "white-boxes.pdf", draw) == [ROWS]


def test_dot_leaders_after_a_label_are_no_part_of_its_cell(tmp_path):
    """Labels printed with dots leading to their values ("Upper secondary. . . . ."): the
    cell holds the label; the dots lead the eye and are no text of the table."""

    xs = [72, 222, 292, 362, 432]

    def draw(c):
        tops = [760 - r * ROW for r in range(len(ROWS) + 1)]
        for top in tops:
            c.line(xs[0], top, xs[-1], top)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        for r, row in enumerate(ROWS):
            c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 10)
            c.drawString(xs[0] + 4, tops[r] - 13, row[0] + ("" if r == 0 else ". " * 6))
            for k, cell in enumerate(row[1:], 1):
                c.drawRightString(xs[k + 1] - 4, tops[r] - 13, cell)

    assert _read(tmp_path / "leaders.pdf", draw) == [ROWS]


@pytest.mark.parametrize("sign", ["#", "†"])
def test_a_note_sign_after_a_label_is_its_marker_not_text(tmp_path, sign):
    """A label followed by a note sign other than asterisks ("Not in work #"), the note under
    the table: the cell holds the label, the sign is its marker."""

    def draw(c):
        tops = [760 - r * ROW for r in range(len(ROWS) + 1)]
        for top in tops:
            c.line(X[0], top, X[-1], top)
        for x in X:
            c.line(x, tops[0], x, tops[-1])
        marked = [list(row) for row in ROWS]
        marked[3][0] += f" {sign}"
        _text(c, marked, tops)
        c.setFont("Helvetica", 8)
        c.drawString(X[0], tops[-1] - 14, f"{sign} Not in work nor in education")

    assert _read(tmp_path / "sign.pdf", draw) == [ROWS]
