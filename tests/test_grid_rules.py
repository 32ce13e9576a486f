"""Ruled grids whose rules or cells a reader can mistake: a column rule on nearly the same
line as another table's rule, cells of one row set at different heights. Each page is drawn
by the test; the cells expected are those drawn."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_tables

ROW = 18.0


def _read(path, draw) -> list[list[list[str]]]:
    c = canvas.Canvas(str(path), pagesize=A4)
    draw(c)
    c.save()
    return [t.cells for t in read_tables(path.read_bytes()) if t.status == "extracted"]


def _grid(c, rows, xs, top, row=ROW):
    """A grid of lines; the first column's text set right against its rule (a point from
    it), the others' left-aligned a point after theirs: only the rule parts them."""
    tops = [top - r * row for r in range(len(rows) + 1)]
    for t in tops:
        c.line(xs[0], t, xs[-1], t)
    for x in xs:
        c.line(x, tops[0], x, tops[-1])
    for r, cells in enumerate(rows):
        c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 10)
        c.drawRightString(xs[1] - 1, tops[r] - 13, cells[0])
        for k, cell in enumerate(cells[1:], 1):
            c.drawString(xs[k] + 1, tops[r] - 13, cell)


def test_column_rules_on_nearly_one_line_in_two_tables(tmp_path):
    """Two grids one above the other whose column rules stand less than a point apart: each
    keeps its own rules (the lower one's rule does not swallow the upper one's)."""
    upper = [["Region", "Women", "Men"], ["North", "1 204", "1 310"], ["South", "988", "1 022"]]
    lower = [["County", "Share", "Count"], ["East", "49 %", "430"], ["West", "51 %", "415"]]

    def draw(c):
        _grid(c, upper, [72, 200.0, 300, 400], 760)
        c.setFont("Helvetica", 10)
        c.drawString(72, 660, "The second table counts the year after.")
        _grid(c, lower, [72, 199.4, 300, 400], 620)

    assert _read(tmp_path / "near.pdf", draw) == [upper, lower]


def test_a_cell_of_many_lines_beside_cells_centred_on_the_row(tmp_path):
    """A comment of many lines beside values centred on the row's height: the lines of
    different cells join into one printed line, yet the cells stand in their columns (the
    comment's lines are above each other, not side by side), and the row is one."""
    comment = [
        "Cases reported from the village;",
        "the district team investigated",
        "the outbreak. Water samples",
        "collected, 2 of 5 not potable.",
        "Health education given.",
        "Chlorination of sources done.",
    ]
    rows = [
        ["Disease", "Cases", "Deaths", "Date", "Comment"],
        ["Acute Diarrhoeal Disease", "46", "0", "10/11/13", " ".join(comment)],
        ["Cholera", "12", "1", "14/11/13", "Under control."],
    ]
    xs = [72, 150, 190, 230, 290, 450]

    def draw(c):
        lead = 9.6
        heights = [ROW, len(comment) * lead + 6, ROW]
        tops = [760.0]
        for h in heights:
            tops.append(tops[-1] - h)
        for t in tops:
            c.line(xs[0], t, xs[-1], t)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        c.setFont("Helvetica-Bold", 8)
        for k, cell in enumerate(rows[0]):
            c.drawString(xs[k] + 3, tops[0] - 12, cell)
        c.setFont("Helvetica", 8)
        middle = tops[1] - 10 - 1.5 * lead  # halfway between two of the comment's lines
        label = ["Acute", "Diarrhoeal", "Disease"]
        for i, word in enumerate(label):  # three lines of 11.5, centred on the values
            c.drawString(xs[0] + 3, middle + 11.5 - i * 11.5, word)
        for k, cell in enumerate(rows[1][1:4], 1):
            c.drawString(xs[k] + 3, middle, cell)
        for i, text in enumerate(comment):
            c.drawString(xs[4] + 3, tops[1] - 10 - i * lead, text)
        for k, cell in enumerate(rows[2]):
            c.drawString(xs[k] + 3, tops[2] - 12, cell)

    assert _read(tmp_path / "centred.pdf", draw) == [rows]
