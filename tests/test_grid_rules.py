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


def _cells(c, rows, xs, tops, skip=frozenset()):
    """Each row's text set left in its cells, three points after the rule, the header bold;
    ``skip`` names (row, column) cells the test draws itself."""
    for r, cells in enumerate(rows):
        c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 9)
        for k, cell in enumerate(cells):
            if (r, k) not in skip:
                c.drawString(xs[k] + 3, tops[r] - 13, cell)


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


def test_a_spanning_cell_level_with_a_wrapped_label(tmp_path):
    """Rows parted by rules in some columns only, cells spanning them in the others; a
    spanning cell's text (a missing value, "–") stands level with the last line of a label
    wrapped over three lines, under that label's values: the band holds one row's values
    and a spanning cell's, not two rows of values, and the grid is read from its rules."""
    rows = [
        ["Loan", "Reference", "Rate", "Comparison", "Package"],
        ["Home Loan (2 Year)", "Variable Rate", "3.84%", "4.39%", "–"],
        ["Home Loan (Ratio 70.01% – 80%)", "", "3.79%", "3.80%", ""],
        ["Home Loan (4 Year)", "", "3.89%", "3.90%", ""],
    ]
    xs = [72, 180, 270, 330, 400, 460]
    lead = 10.0
    labels = [["Home Loan", "(2 Year)"], ["Home Loan", "(Ratio 70.01%", "– 80%)"]]
    labels.append(["Home Loan", "(4 Year)"])

    def draw(c):
        heights = [ROW, 2 * lead + 8, 3 * lead + 8, 2 * lead + 8]
        tops = [760.0]
        for h in heights:
            tops.append(tops[-1] - h)
        for t in (tops[0], tops[1], tops[-1]):
            c.line(xs[0], t, xs[-1], t)
        for t in tops[2:4]:  # rows parted in the label and rate columns only
            c.line(xs[0], t, xs[1], t)
            c.line(xs[2], t, xs[4], t)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        c.setFont("Helvetica-Bold", 9)
        for k, cell in enumerate(rows[0]):
            c.drawString(xs[k] + 3, tops[0] - 12, cell)
        c.setFont("Helvetica", 9)
        for r, lines in enumerate(labels, 1):
            first = tops[r] - 4 - 0.75 * lead
            for i, text in enumerate(lines):
                c.drawString(xs[0] + 3, first - i * lead, text)
            middle = first - (len(lines) - 1) * lead / 2
            c.drawString(xs[2] + 3, middle, rows[r][2])
            c.drawString(xs[3] + 3, middle, rows[r][3])
        level = tops[2] - 4 - 0.75 * lead - 2 * lead  # the long label's last line
        c.drawString(xs[1] + 3, level, rows[1][1])
        c.drawString(xs[4] + 3, level, rows[1][4])

    assert _read(tmp_path / "level.pdf", draw) == [rows]


def test_heads_printed_up_the_page_in_a_grid(tmp_path):
    """Header cells whose text runs up the page (at 90°), two lines in some, spanning both
    header rows beside a group head over two columns whose rule stops at its columns: each
    head is read upright in reading order, and the grid keeps its two header rows."""
    rows = [
        ["No.", "District", "Projected population 2013", "Adult equivalent", "Production", ""],
        ["", "", "", "", "Kharif", "Rabi"],
        ["1", "Balasore", "23.65", "20.81", "2.78", "0.86"],
        ["2", "Bhadrak", "15.34", "13.50", "3.50", "0.05"],
        ["3", "Balangir", "17.01", "14.97", "6.23", "0.10"],
    ]
    heads = {2: ["Projected population", "2013"], 3: ["Adult equivalent"]}
    xs = [72, 100, 180, 220, 260, 320, 380]

    def draw(c):
        tops = [760.0, 660.0, 640.0]  # the header's two rows, then the body's
        tops += [tops[-1] - ROW * r for r in range(1, 4)]
        for t in (tops[0], *tops[2:]):
            c.line(xs[0], t, xs[-1], t)
        c.line(xs[4], tops[1], xs[-1], tops[1])  # under the group head only
        for k, x in enumerate(xs):
            c.line(x, tops[1] if k == 5 else tops[0], x, tops[-1])
        c.setFont("Helvetica-Bold", 9)
        c.drawString(xs[0] + 3, 700, "No.")
        c.drawString(xs[1] + 3, 700, "District")
        c.drawString(xs[4] + 3, 680, "Production")
        c.drawString(xs[4] + 3, tops[1] - 14, "Kharif")
        c.drawString(xs[5] + 3, tops[1] - 14, "Rabi")
        for k, lines in heads.items():
            for i, text in enumerate(lines):  # up the page, the first line leftmost
                c.saveState()
                c.translate(xs[k] + 14 + i * 11, tops[2] + 4)
                c.rotate(90)
                c.drawString(0, 0, text)
                c.restoreState()
        _cells(c, rows, xs, tops, skip={(r, k) for r in (0, 1) for k in range(len(rows[0]))})

    assert _read(tmp_path / "up.pdf", draw) == [rows]


def test_a_column_whose_row_rules_are_undrawn_joins_the_grids_beside_it(tmp_path):
    """The row rules stop at both sides of one column (its edges ruled down the whole
    height): the grids on either side, their rows rule for rule the same, are one table, and
    the column between them keeps its rows."""
    rows = [
        ["No.", "Description", "Contract No.", "Method", "Amount"],
        ["1", "Pickups", "MRH/ICB/G-1", "ICB", "902,418.00"],
        ["2", "Buses", "MRH/ICB/G-3", "ICB", "214,885.63"],
        ["3", "Computers", "MRH/NCB/G-2", "NCB", "48,020.00"],
    ]
    xs = [72, 100, 180, 270, 320, 400]

    def draw(c):
        tops = [760 - r * ROW for r in range(len(rows) + 1)]
        for t in tops:
            c.line(xs[0], t, xs[2], t)
            c.line(xs[3], t, xs[-1], t)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        _cells(c, rows, xs, tops)

    assert _read(tmp_path / "beside.pdf", draw) == [rows]


def test_two_amounts_in_one_cell_under_a_wrapped_label(tmp_path):
    """A cell holding two amounts over each other (and its currency cell two codes) in a row
    whose description wraps: one row of two-line cells, not two rows of values that the
    rules leave together."""
    rows = [
        ["No.", "Description", "Amount", "Currency", "Signed"],
        ["1", "Pickups (4x4)", "902,418.00", "US$", "13-Sep-11"],
        ["2", "Cross country (4x4), Mid-range (4x4)", "62,785,105 11,200", "JPY US$", "13-Sep-11"],
        ["3", "Buses", "214,885.63", "GHS", "13-Oct-11"],
    ]
    xs = [72, 100, 220, 300, 360, 430]
    heights = [ROW, ROW, 2 * 11 + 8, ROW]

    def draw(c):
        tops = [760.0]
        for h in heights:
            tops.append(tops[-1] - h)
        for t in tops:
            c.line(xs[0], t, xs[-1], t)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        _cells(c, rows, xs, tops, skip={(2, 1), (2, 2), (2, 3)})
        two = {1: ["Cross country (4x4),", "Mid-range (4x4)"], 2: ["62,785,105", "11,200"]}
        two[3] = ["JPY", "US$"]
        for k, lines in two.items():
            for i, text in enumerate(lines):
                c.drawString(xs[k] + 3, tops[2] - 13 - i * 11, text)

    assert _read(tmp_path / "two.pdf", draw) == [rows]


def test_rules_drawn_as_filled_paths_left_open(tmp_path):
    """The rules of one column drawn as thin filled boxes whose paths are left open (three
    sides drawn, the fill closing the fourth), the others as lines: every rule counts, and
    that column's cells are its own, not joined into the rows above them."""
    rows = [
        ["Class", "VTEp", "NVAF", "VTEt"],
        ["Anaemia", "Common", "Uncommon", "Common"],
        ["Thrombocytopenia", "Uncommon", "Rare", "Common"],
        ["Pruritus", "Rare", "Uncommon", "Uncommon"],
    ]
    xs = [72, 180, 250, 320, 390]

    def bar(c, x0, y0, x1, y1):
        p = c.beginPath()
        p.moveTo(x0, y0)
        p.lineTo(x1, y0)
        p.lineTo(x1, y1)
        p.lineTo(x0, y1)  # left open
        c.drawPath(p, stroke=0, fill=1)

    def draw(c):
        tops = [760 - r * ROW for r in range(len(rows) + 1)]
        for t in tops:
            c.line(xs[0], t, xs[2], t)
            bar(c, xs[2], t - 0.2, xs[3], t + 0.2)
            c.line(xs[3], t, xs[4], t)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        _cells(c, rows, xs, tops)

    assert _read(tmp_path / "open.pdf", draw) == [rows]


def test_a_space_drawn_across_a_column_rule(tmp_path):
    """Two cells' texts set as one run of text whose space glyph lies across the column rule
    between them: the rule parts them."""
    rows = [["Region", "Share", "Count"], ["North", "1.4%", "439"], ["South", "2.5%", "663"]]
    xs = [72, 150, 200.0, 250]

    def draw(c):
        tops = [760 - r * ROW for r in range(len(rows) + 1)]
        for t in tops:
            c.line(xs[0], t, xs[-1], t)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        c.setFont("Courier", 10)  # a space 6 points wide
        for r, (label, share, count) in enumerate(rows):
            c.drawString(xs[0] + 3, tops[r] - 13, label)
            width = c.stringWidth(share, "Courier", 10)
            c.drawString(xs[2] - 3 - width, tops[r] - 13, f"{share} {count}")  # space on rule

    assert _read(tmp_path / "space.pdf", draw) == [rows]


def test_a_band_running_off_the_page_is_no_cell(tmp_path):
    """A filled band printed to bleed off the page's right edge, from above its top to below
    its bottom, beside a grid of filled rows: the grid is read alone, and the band (its
    edges no rules) is no grid left unread."""
    rows = [["Region", "Women", "Men"], ["North", "1 204", "1 310"], ["South", "988", "1 022"]]
    xs = [72, 200, 300, 400]

    def draw(c):
        height = A4[1]
        c.setFillColorRGB(0.6, 0.3, 0.05)
        c.rect(xs[-1] + 2, -20, 200, height + 40, 0, 1)  # off three edges of the page
        tops = [height - 100 - r * ROW for r in range(len(rows) + 1)]
        for r in range(len(rows)):
            c.setFillColorRGB(0.85, 0.9, 0.95)
            c.rect(xs[0], tops[r + 1], xs[-1] - xs[0], ROW - 1, 0, 1)
        c.setFillColorRGB(0, 0, 0)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        _cells(c, rows, xs, tops)

    c = canvas.Canvas(str(tmp_path / "bleed.pdf"), pagesize=A4)
    draw(c)
    c.save()
    tables = read_tables((tmp_path / "bleed.pdf").read_bytes())
    assert [(t.status, t.cells) for t in tables] == [("extracted", rows)]


def test_a_head_border_that_ends_at_the_inner_rule_of_a_double_frame(tmp_path):
    """A grid framed by a double rule; the border under a group head over the last two
    columns runs to the frame's inner rule, 2 points inside the outer one: it parts the
    header's two rows."""
    rows = [
        ["Site", "Description", "GPS coordinates", ""],
        ["", "", "Northing", "Easting"],
        ["7", "Sumas River @ Vye Road", "5429644", "556907"],
        ["8", "Saar Creek @ Vye Road", "5429665", "559270"],
    ]
    xs = [107.0, 160, 377, 435, 488.0]

    def draw(c):
        tops = [760, 740, 720, 702, 684]
        for d in (0, 2):  # the double frame
            c.rect(xs[0] - d, tops[-1] - d, xs[-1] - xs[0] + 2 * d, tops[0] - tops[-1] + 2 * d)
        for t in tops[2:-1]:
            c.line(xs[0], t, xs[-1], t)
        c.line(xs[2], tops[1], xs[-1], tops[1])  # under the group head only
        for k, x in enumerate(xs[1:-1], 1):
            c.line(x, tops[1] if k == 3 else tops[0], x, tops[-1])
        c.setFont("Helvetica-Bold", 9)
        c.drawString(xs[0] + 3, 735, "Site")
        c.drawString(xs[1] + 3, 735, "Description")
        c.drawString(xs[2] + 3, tops[0] - 14, "GPS coordinates")
        c.drawString(xs[2] + 3, tops[1] - 14, "Northing")
        c.drawString(xs[3] + 3, tops[1] - 14, "Easting")
        _cells(c, rows, xs, tops, skip={(r, k) for r in (0, 1) for k in range(len(rows[0]))})

    assert _read(tmp_path / "double.pdf", draw) == [rows]


def test_a_header_boxed_apart_with_no_column_rules(tmp_path):
    """The header in a box of its own with no column rules, over the body's grid with a gap
    between; two heads set close on one line (one run of text) stand in two columns: the
    header is the grid's, each head in its column."""
    rows = [
        ["No.", "Offense", "Max Term", "Min Term", "Fine"],
        ["1", "Child abuse", "40Y", "", "$10,000"],
        ["2", "Neglect", "5Y", "1Y", "$5,000"],
    ]
    xs = [72, 100, 220, 248, 290, 380]

    def draw(c):
        c.rect(xs[0], 740, xs[-1] - xs[0], 20)  # the header's box
        tops = [728 - r * ROW for r in range(len(rows))]
        for t in tops:
            c.line(xs[0], t, xs[-1], t)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        c.setFont("Helvetica-Bold", 9)
        c.drawString(xs[0] + 3, 746, "No.")
        c.drawString(xs[1] + 3, 746, "Offense")
        c.drawString(xs[4] + 3, 746, "Fine")
        c.drawString(xs[2] + 3, 751, "Max")
        c.drawString(xs[2] + 3, 742, "Term")  # two heads as one run: "Term Term"
        c.drawString(xs[3] + 3, 742, "Term")
        c.drawString(xs[3] + 3, 751, "Min")
        c.setFont("Helvetica", 9)
        for r, cells in enumerate(rows[1:]):
            for k, cell in enumerate(cells):
                c.drawString(xs[k] + 3, tops[r] - 13, cell)

    assert _read(tmp_path / "boxed.pdf", draw) == [rows]


def test_row_rules_that_run_on_past_the_frame(tmp_path):
    """Row rules drawn on 12 points past the grid's right-hand column rule: the stretch
    they reach into, with no rule down its end and no text, is no column."""
    rows = [["Group", "Total", "Treated"], ["Marginal", "39053", "0"], ["Small", "20341", "0"]]
    xs = [72, 160, 230, 300]

    def draw(c):
        tops = [760 - r * ROW for r in range(len(rows) + 1)]
        for t in tops:
            c.line(xs[0], t, xs[-1] + 12, t)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        _cells(c, rows, xs, tops)

    assert _read(tmp_path / "overshoot.pdf", draw) == [rows]


def test_a_head_centred_across_a_column_line_stays_whole(tmp_path):
    """A group head of several words centred over two columns, its column line undrawn in
    the header row and falling at a word space: one merged cell, written in its top-left
    position, not parted at the line."""
    rows = [
        ["State", "Blood pressure of adults", ""],
        ["", "Men", "Women"],
        ["Kerala", "2161", "3195"],
        ["Goa", "2134", "2858"],
    ]
    xs = [72, 150, 230, 310]

    def draw(c):
        tops = [760 - r * ROW for r in range(len(rows) + 1)]
        for r, t in enumerate(tops):
            c.line(xs[1] if r == 1 else xs[0], t, xs[-1], t)
        for k, x in enumerate(xs):
            c.line(x, tops[1] if k == 2 else tops[0], x, tops[-1])
        c.setFont("Helvetica-Bold", 9)
        c.drawString(xs[0] + 3, tops[0] - 22, "State")
        start = xs[2] - 1 - c.stringWidth("Blood pressure", "Helvetica-Bold", 9)
        c.drawString(start, tops[0] - 13, "Blood pressure of adults")  # a space on the line
        c.drawString(xs[1] + 3, tops[1] - 13, "Men")
        c.drawString(xs[2] + 3, tops[1] - 13, "Women")
        c.setFont("Helvetica", 9)
        for r, cells in enumerate(rows[2:], 2):
            for k, cell in enumerate(cells):
                c.drawString(xs[k] + 3, tops[r] - 13, cell)

    assert _read(tmp_path / "centred_head.pdf", draw) == [rows]


def test_heads_up_the_page_leave_no_sideways_grid_unread(tmp_path):
    """A grid whose many heads run up the page: the page's turned view sees the same grid,
    which the upright reading has read; no record says a grid set sideways was not read."""
    heads = ["Projected population", "Adult equivalent", "Consumption required", "Seeds"]
    rows = [["District", *heads]]
    rows += [
        ["Balasore", "23.65", "20.81", "3.04", "3.47"],
        ["Bhadrak", "15.34", "13.50", "1.97", "2.25"],
    ]
    xs = [72, 150, 190, 230, 270, 310]

    def draw(c):
        tops = [760.0, 650.0, 632.0, 614.0]
        for t in tops:
            c.line(xs[0], t, xs[-1], t)
        for x in xs:
            c.line(x, tops[0], x, tops[-1])
        c.setFont("Helvetica-Bold", 9)
        c.drawString(xs[0] + 3, 700, "District")
        for k, text in enumerate(heads, 1):
            c.saveState()
            c.translate(xs[k] + 22, tops[1] + 4)
            c.rotate(90)
            c.drawString(0, 0, text)
            c.restoreState()
        c.setFont("Helvetica", 9)
        for r, cells in enumerate(rows[1:], 1):
            for k, cell in enumerate(cells):
                c.drawString(xs[k] + 3, tops[r] - 13, cell)

    c = canvas.Canvas(str(tmp_path / "heads.pdf"), pagesize=A4)
    draw(c)
    c.save()
    tables = read_tables((tmp_path / "heads.pdf").read_bytes())
    assert [(t.status, t.cells) for t in tables] == [("extracted", rows)]
