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
    """Heads that are bands of a scale ("19–24", "25–30") are a header, not values; ranges
    of figures in the body are values."""
    path = tmp_path / "bands.pdf"
    rows = [
        ["County", "19–24", "25–30", "31–36"],
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


CRIMES = [  # (label, this year, last year, change): change set close after last year
    ("Murder", "0", "1", "-100.0"),
    ("Rape", "14", "13", "7.7"),
    ("Robbery", "85", "100", "-15.0"),
    ("Burglary", "78", "111", "-29.7"),
    ("Larceny", "831", "888", "-6.4"),
]


def _banded_page(path):
    """A letterhead, a title band (white words on a black bar), the table: its values set
    flush right in columns closer than a column gap, then a second band and a note."""
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 20)
    c.drawCentredString(306, 740, "Police Department")
    c.setFont("Helvetica", 10)
    c.drawString(70, 700, "Volume 24 Number 28")
    c.drawString(420, 700, "Manhattan South")
    c.drawCentredString(306, 684, "Report Covering the Week")

    def band(y, title):
        c.setFillColorRGB(0, 0, 0)
        c.rect(40, y - 4, 532, 14, fill=1, stroke=0)
        c.setFillColorRGB(1, 1, 1)
        c.drawCentredString(306, y, title)
        c.setFillColorRGB(0, 0, 0)

    band(664, "Crime Complaints")
    c.drawCentredString(173, 646, "Week to Date")  # over its three columns
    for x, head in ((150, "2017"), (185, "2016"), (218, "% Chg")):
        c.drawRightString(x, 632, head)
    for r, (label, now, before, change) in enumerate(CRIMES):
        y = 616 - 13.5 * r
        c.drawRightString(118, y, label)
        c.drawRightString(150, y, now)
        c.drawRightString(185, y, before)
        c.drawRightString(218, y, change)
    band(530, "Historical Perspective")
    c.drawCentredString(306, 512, "(A complete calendar year of data.)")
    c.save()
    return path


def test_a_title_band_parts_a_table_from_the_letterhead(tmp_path):
    """Text over a band and under it are read apart: the letterhead's "Number 28" is no row
    of the table; columns of figures set flush right a word gap apart are two columns."""
    (table,) = read_tables(_banded_page(tmp_path / "banded.pdf").read_bytes())
    assert table.cells == [
        ["", "Week to Date", "", ""],
        ["", "2017", "2016", "% Chg"],
        *[list(row) for row in CRIMES],
    ]
    assert table.header_rows == 2


RESULTS = [
    ["Item", "Method", "Flag", "Result", "Unit", "Range"],
    ["White cells (WBC)", "Analyser", "L", "3.9", "E+9/L", "[4.0-10.0]"],
    ["Neutrophils (NEU)", "Analyser", "", "2.33", "E+9/L", "[1.8-6.3]"],
    ["Lymphocytes (LYM)", "Analyser", "", "1.16", "E+9/L", "[1.1-3.2]"],
    ["Monocytes (MON)", "Analyser", "", "0.25", "E+9/L", "[0.1-0.6]"],
    ["Haemoglobin (HGB)", "Analyser", "", "159", "g/L", "[130-175]"],
    ["Platelet volume (MPV)", "Analyser", "H", "13.2", "fL", "[6.5-12.0]"],
    ["Platelets (PLT)", "Analyser", "", "149", "E+9/L", "[125-350]"],
    ["Red cells (RBC)", "Analyser", "", "5.37", "E+12/L", "[4.3-5.8]"],
    ["Haematocrit (HCT)", "Analyser", "", "47.6", "%", "[40.0-50.0]"],
    ["Cell volume (MCV)", "Analyser", "", "88.6", "fL", "[82.0-100.0]"],
    ["Cell haemoglobin (MCH)", "Analyser", "", "29.5", "Pg", "[27.0-34.0]"],
    ["Concentration (MCHC)", "Analyser", "", "333", "g/L", "[316-354]"],
    ["Width (RDW-SD)", "Analyser", "", "42.2", "fL", "[35.0-56.0]"],
    ["Width (RDW-CV)", "Analyser", "", "13.4", "%", "[11.0-16.0]"],
]


def test_a_sparse_column_under_its_own_head(tmp_path):
    """A column of flags that two rows of fourteen fill is a column of its own, under its head
    (too few lines fill it for the body's white space alone to show it)."""
    path = tmp_path / "results.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 9)
    xs = [30, 215, 300, 340, 403, 452]
    for r, row in enumerate(RESULTS):
        for x, cell in zip(xs, row, strict=True):
            c.drawString(x, 686 - 14 * r, cell)
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == RESULTS
    assert table.header_rows == 1


KEY_FIGURES = [
    ["", "2016"],
    ["(all amounts in EUR)", ""],
    ["Class A", ""],
    ["Net asset value at 31 December", "5,111,372"],
    ["Outstanding units at 31 December", "49,136"],
    ["Net asset value per unit", "104.03"],
    ["Class B", ""],
    ["Net asset value at 31 December", "49,144,825"],
    ["Outstanding units at 31 December", "471,555"],
]


def test_a_header_boxed_by_rules_over_the_body(tmp_path):
    """A top rule and a rule under the heads, then a note line and, further down, the body:
    the rules over the aligned text box its header."""
    path = tmp_path / "key.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 10)
    c.drawRightString(541, 750, "A Hedge Fund")  # the page's running head
    c.setFont("Helvetica-Bold", 14)
    c.drawString(71, 690, "Key figures")
    c.line(70, 652, 543, 652)
    c.setFont("Helvetica-Bold", 9)
    c.drawRightString(531, 641, "2016")
    c.line(70, 638, 543, 638)
    c.setFont("Helvetica-Oblique", 9)
    c.drawString(71, 627, KEY_FIGURES[1][0])
    y = 604
    for label, value in KEY_FIGURES[2:]:
        heading = not value
        if heading and label != "Class A":
            y -= 12
        c.setFont("Helvetica-Bold" if heading else "Helvetica", 9)
        c.drawString(71, y, label)
        c.drawRightString(531, y, value)
        y -= 22
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == KEY_FIGURES
    assert table.header_rows == 1


def test_labels_that_begin_alike_stay_whole(tmp_path):
    """Stub labels that begin with the same word end that word at one x, white space after it
    in every line (set word by word, as TeX does, with no space glyph): they are one column
    of text, not two."""
    rows = [
        ["", "Freq.", "Percent", "Mean loss"],
        ["I/we kept the assets", "344", "75.2", "12196"],
        ["I/we sold some of the assets", "53", "11.6", "23518"],
        ["I/we sold all of them", "61", "13.2", "9187"],
        ["Total", "458", "100.0", "13153"],
    ]
    path = tmp_path / "labels.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 10)
    for r, row in enumerate(rows):
        y = 700 - 15 * r
        x = 72.0
        for word in row[0].split():
            c.drawString(x, y, word)
            x += c.stringWidth(word, "Helvetica", 10) + 3.3
        for k, cell in enumerate(row[1:]):
            c.drawRightString(290 + 60 * k, y, cell)
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == rows


def test_rows_after_a_gap_in_the_same_columns_go_on(tmp_path):
    """Rows of values with no header of their own, after a gap and a rule, standing in the
    columns of the table over them (their labels out at the margin): rows of that table."""
    years = ["2011", "2012", "2013", "2014"]
    upper = [
        ["Defense", "699", "709", "700", "673"],
        ["Non-defense", "600", "610", "565", "546"],
        ["Social Security", "725", "773", "820", "867"],
        ["Medicare", "480", "478", "528", "564"],
    ]
    lower = [
        ["Deficit", "1,300", "1,127", "772", "662"],
        ["Net interest", "230", "223", "246", "305"],
        ["Primary deficit", "1,070", "903", "527", "357"],
    ]
    path = tmp_path / "gap.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 9)
    for k, year in enumerate(years):
        c.drawRightString(260 + 50 * k, 700, year)
    c.line(70, 694, 460, 694)
    y = 680.0
    for block, indent in ((upper, 84), (lower, 72)):
        for row in block:
            c.drawString(indent, y, row[0])
            for k, cell in enumerate(row[1:]):
                c.drawRightString(260 + 50 * k, y, cell)
            y -= 12
        if block is upper:  # a thick rule, then a gap, before the last rows
            c.setLineWidth(1.5)
            c.line(70, y + 4, 460, y + 4)
            y -= 20
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == [["", *years], *upper, *lower]


def test_heads_boxed_by_rules_over_a_gap_head_the_body(tmp_path):
    """A header of two lines between a top rule and a rule under it, then a gap and the body:
    the heads boxed by the rules right over the body are its header."""
    rows = [
        ["Ministry", "Revenue", "Capital", "Total"],
        ["Agriculture", "28130.48", "67.52", "28198.00"],
        ["Atomic Energy", "1779.00", "4101.00", "5880.00"],
        ["Civil Aviation", "179.90", "6540.10", "6720.00"],
        ["Coal", "53.76", "5.24", "59.00"],
    ]
    path = tmp_path / "budget.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 8)
    c.drawString(150, 714, "Budget 2014-2015")  # a title on the top rule
    c.drawRightString(420, 714, "(In crores of Rupees)")
    c.line(60, 712, 420, 712)
    c.drawCentredString(295, 703, "Plan (in crores of rupees)")
    for y, row in ((690, rows[0]), *((664 - 14 * r, row) for r, row in enumerate(rows[1:]))):
        c.drawString(62, y, row[0])
        for k, cell in enumerate(row[1:]):
            c.drawRightString(260 + 70 * k, y, cell)
    c.line(60, 684, 420, 684)
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells[2:] == rows[1:]
    assert table.cells[:2] == [
        ["Ministry", "Plan (in crores of rupees)", "", ""],
        ["", "Revenue", "Capital", "Total"],
    ]
    assert table.header_rows == 2


CHART_OVER = [
    ["Fylker", "Kvinner", "Menn", "Begge kjønn"],
    ["Innlandet", "50%", "57%", "53%"],
    ["Vestland", "43%", "55%", "49%"],
    ["Vestfold", "21%", "31%", "26%"],
    ["Buskerud", "27%", "46%", "36%"],
    ["Nordland", "35%", "60%", "47%"],
]


def test_a_bar_chart_right_over_an_open_table_is_not_its_header_rules(tmp_path):
    """A framed bar chart ending a line over an open table: the frame's rules stand close over
    the table's text, but a box with sides of its own boxes no heads of the table under it
    (only rules across do), so the table is read with its own heads."""
    path = tmp_path / "chart-over.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setLineWidth(0.5)
    c.rect(70, 500, 400, 170, stroke=1, fill=0)  # the chart's frame, its labels inside it
    for k in range(4):  # gridlines across the chart
        c.line(80, 520 + 40 * k, 460, 520 + 40 * k)
    c.setFillColorRGB(0.1, 0.35, 0.55)
    for x, h in ((110, 92), (270, 24)):
        c.rect(x, 520, 60, h, stroke=0, fill=1)
    c.setFillColorRGB(0.9, 0.5, 0.2)
    for x, h in ((170, 40), (330, 44)):
        c.rect(x, 520, 60, h, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 8)
    c.drawString(160, 508, "Arbeid")
    c.drawString(320, 508, "Utdanning")
    y = 478  # the table's heads a line under the panel
    for row in CHART_OVER:
        c.setFont("Helvetica-Bold" if row is CHART_OVER[0] else "Helvetica", 8)
        c.drawString(82, y, row[0])
        for x, cell in zip((230, 300, 380), row[1:], strict=True):
            c.drawRightString(x, y, cell)
        y -= 16
    c.save()
    tables = [t for t in read_tables(path.read_bytes()) if t.cells]
    assert [t.cells for t in tables] == [CHART_OVER]
    assert tables[0].header_rows == 1


SIGNS_APART = [
    ["Fylke", "Kvinner", "Menn"],
    ["Oslo", "47 %", "34 %"],
    ["Telemark", "65 %", "60 %"],
    ["Agder", "52 %", "48 %"],
    ["Troms", "44 %", "39 %"],
]


def test_a_sign_set_apart_after_its_figure_stays_in_its_cell(tmp_path):
    """Figures set flush right with their "%" drawn apart, a word gap after them (as a
    word processor justifies "65 %"): the sign ends every line at one x and the figures do
    too, but a sign is no value, so it is no column of its own."""
    path = tmp_path / "signs.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    y = 700
    for row in SIGNS_APART:
        c.setFont("Helvetica-Bold" if row is SIGNS_APART[0] else "Helvetica", 9)
        c.drawString(72, y, row[0])
        for right, cell in zip((220, 320), row[1:], strict=True):
            if cell.endswith("%"):
                c.drawRightString(right - 12, y, cell[:-2])  # the figure, then a wide gap
                c.drawRightString(right, y, "%")
            else:
                c.drawRightString(right, y, cell)
        y -= 16
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == SIGNS_APART


LEDGER_HEADS = ["Document", "Posted", "Payee", "Description", "Amount"]
LEDGER = [  # the description's lines: a long one, wrapped in its column, is no paragraph
    ["D-0001", "05/03/2019", "Travel card", ["Staff transportation"], "920.68"],
    ["D-0002", "05/24/2019", "Travel card", [
        "Staff transportation",
        "Airfare for a clerk from the capital to the county seat and on to the coast and return",
        "by the same route",
    ], "907.96"],
    ["D-0003", "06/13/2019", "Senator card", [
        "Airfare for the senator to the county seat, the coast, the hills and the valley and back",
    ], "1,112.00"],
    ["D-0004", "07/01/2019", "Travel card", [
        "Staff transportation",
        "Airfare for an intern from the capital to the county seat and the coast and then return",
    ], "411.49"],
]  # fmt: skip
NOTE = (
    "The amounts are those paid in the period, and each journey is listed once under the "
    "document that paid it."
)


def test_a_long_description_wrapped_in_its_column_stays_in_its_cell(tmp_path):
    """A line of many words in a table's column, between its rows or under the last one,
    is the cell's text, not running text left out; a paragraph under the table, beginning
    at its left edge, stays out of it."""
    path = tmp_path / "ledger.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(letter))
    x = [40, 110, 180, 280, 720]
    y = 540
    c.setFont("Helvetica-Bold", 7)
    for k, head in enumerate(LEDGER_HEADS[:-1]):
        c.drawString(x[k], y, head)
    c.drawRightString(x[4], y, LEDGER_HEADS[-1])
    c.setFont("Helvetica", 7)
    for row in LEDGER:
        y -= 16
        for k in range(3):
            c.drawString(x[k], y, row[k])
        c.drawRightString(x[4], y, row[4])
        for i, line in enumerate(row[3]):
            c.drawString(x[3], y - 9 * i, line)
        y -= 9 * (len(row[3]) - 1)
    c.setFont("Helvetica", 9)
    c.drawString(x[0], y - 40, NOTE)
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == [
        LEDGER_HEADS,
        *([*row[:3], " ".join(row[3]), row[4]] for row in LEDGER),
    ]


SEED_ROWS = [
    ["Brand", "Product", "Yield", "Moisture", "Income"],
    ["Kruger", "K2-1901", "56.4", "7.6", "$846"],
    ["Stine", "19RA02", "55.3", "7.6", "$830"],
    ["Hefty", "H17Y12", "53.7", "7.7", "$806"],
    ["Asgrow", "AG1832", "52.9", "7.7", "$794"],
]


def _seed_page(path, *, twice: bool = False, rounded: bool = False, pieces: bool = False):
    """An open table; ``twice``: its stub and yields drawn a second time over themselves,
    once the table is drawn (a heavier look by overprinting); ``rounded``: its body boxed by
    a frame with rounded corners; ``pieces``: the same frame drawn as rules and corner
    pieces."""
    c = canvas.Canvas(str(path), pagesize=letter)
    x = [60, 150, 290, 360, 430]
    for shift, columns in [(0.0, range(5)), *([(0.01, (0, 2))] if twice else [])]:
        for r, row in enumerate(SEED_ROWS):
            c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 8)
            for k in columns:
                draw = c.drawString if k < 2 else c.drawRightString
                draw(x[k] + shift, 700 - 14 * r, row[k])
    x0, y0, w, h = 50, 700 - 14 * len(SEED_ROWS) + 6, 400, 14 * (len(SEED_ROWS) - 1) + 2
    if rounded:
        c.roundRect(x0, y0, w, h, 6)
    if pieces:  # the sides as rules, each rounded corner a filled piece of its own, the
        x0, y0, w, h = 57, 643, 376, 63  # frame tight round the text
        r = 6
        c.line(x0 + r, y0, x0 + w - r, y0)
        c.line(x0 + r, y0 + h, x0 + w - r, y0 + h)
        c.line(x0, y0 + r, x0, y0 + h - r)
        c.line(x0 + w, y0 + r, x0 + w, y0 + h - r)
        for cx, cy, sx, sy in [(x0, y0, 1, 1), (x0 + w, y0, -1, 1), (x0, y0 + h, 1, -1),
                               (x0 + w, y0 + h, -1, -1)]:  # fmt: skip
            piece = c.beginPath()
            piece.moveTo(cx + sx * r, cy)
            piece.lineTo(cx, cy)
            piece.lineTo(cx, cy + sy * r)
            piece.curveTo(cx, cy + sy * r * 0.45, cx + sx * r * 0.45, cy, cx + sx * r, cy)
            piece.close()
            c.drawPath(piece, stroke=0, fill=1)
    c.save()
    return path


def test_text_printed_twice_over_itself_is_read_once(tmp_path):
    """Glyphs drawn a second time where they stand, same text, font and size, are one
    glyph: "Kruger", not "KKrruuggeerr"."""
    (table,) = read_tables(_seed_page(tmp_path / "twice.pdf", twice=True).read_bytes())
    assert table.cells == SEED_ROWS


def test_a_frame_with_rounded_corners_round_an_open_table_is_no_chart(tmp_path):
    """A box whose corners are rounded bends only at its corners: it frames the table, and
    is no drawn line of a chart among its text."""
    (table,) = read_tables(_seed_page(tmp_path / "rounded.pdf", rounded=True).read_bytes())
    assert table.cells == SEED_ROWS
    (table,) = read_tables(_seed_page(tmp_path / "pieces.pdf", pieces=True).read_bytes())
    assert table.cells == SEED_ROWS


# each text cell's lines; a row's cells are set at its foot, as a spreadsheet sets them
LICENCES = [
    ["648765", ["Allegiant Air"], ["7100 Terminal Drive"], ["Oklahoma City"], "73159"],
    ["648766", ["Allegiant Air"], ["7777 East Apache", "Street"], ["Tulsa"], "74115"],
    ["509609", ["American Eagle", "Airlines Inc"], ["7100 Terminal Drive"], ["Oklahoma City"],
     "73159"],
    ["429755", ["Tulsa International", "Airport"], ["7777 East Apache", "Drive North"],
     ["Tulsa"], "74115"],
    ["184066", ["Ajanta"], ["12215 North", "Pennsylvania"], ["Oklahoma City"], "73120"],
]  # fmt: skip


def _licence_page(path):
    """The rows' text cells wrapped over lines, each cell's last line on its row's line (the
    licence number's); every other row on a filled band, the lines evenly spaced."""
    c = canvas.Canvas(str(path), pagesize=letter)
    x = [110, 130, 250, 370, 520]
    y = 700
    c.setFont("Helvetica-Bold", 8)
    c.drawRightString(x[0], y, "Licence")
    for k, head in enumerate(["Name", "Address", "City"], 1):
        c.drawString(x[k], y, head)
    c.drawRightString(x[4], y, "Zip")
    c.setFont("Helvetica", 8)
    y -= 6
    for r, row in enumerate(LICENCES):
        lines = max(len(cell) for cell in row[1:4])
        height = 10 * lines
        if r % 2 == 0:
            c.setFillColorRGB(0.6, 1.0, 1.0)
            c.rect(40, y - height, 500, height, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        foot = y - height + 3
        c.drawRightString(x[0], foot, row[0])
        c.drawRightString(x[4], foot, row[4])
        for k, cell in enumerate(row[1:4], 1):
            for i, line in enumerate(reversed(cell)):
                c.drawString(x[k], foot + 10 * i, line)
        y -= height
    c.save()
    return path


def test_cells_set_at_the_foot_of_their_row_begin_on_the_lines_above_it(tmp_path):
    """A text cell wrapped over lines whose last line stands on its row's line (a
    spreadsheet sets cells at their foot) begins on the lines above: they are the row's,
    not rows of their own nor the row above's, where fills band the rows."""
    expected = [
        ["Licence", "Name", "Address", "City", "Zip"],
        *([row[0], *(" ".join(cell) for cell in row[1:4]), row[4]] for row in LICENCES),
    ]
    page = _licence_page(tmp_path / "licences.pdf")
    (table,) = read_tables(page.read_bytes())
    assert table.cells == expected


def test_heads_of_two_lines_beside_heads_centred_on_them_are_one_row(tmp_path):
    """Heads wrapped over two lines beside heads of one line set centred on the pair (the
    middle head straddles the white between the two lines): one header row whose cells
    are the wrapped heads whole, not two rows."""
    path = tmp_path / "centred.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica-Bold", 8)
    for x, upper, lower in [(70, "Code", "County"), (240, "Code", "Municipality")]:
        c.drawCentredString(x, 708, upper)
        c.drawCentredString(x, 696, lower)
    for x, head in [(150, "Name of county"), (330, "Name of municipality")]:
        c.drawCentredString(x, 702, head)
    rows = [["01", "Agder", "001", "Arendal"], ["01", "Agder", "002", "Grimstad"],
            ["03", "Oslo", "301", "Oslo"], ["11", "Rogaland", "103", "Stavanger"]]  # fmt: skip
    c.setFont("Helvetica", 8)
    for r, row in enumerate(rows):
        y = 680 - 12 * r
        for x, cell in zip((70, 120, 240, 290), row, strict=True):
            (c.drawCentredString if x in (70, 240) else c.drawString)(x, y, cell)
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == [
        ["Code County", "Name of county", "Code Municipality", "Name of municipality"],
        *rows,
    ]
    assert table.header_rows == 1


def test_headings_centred_over_groups_of_rows_are_rows_of_their_own(tmp_path):
    """Headings set centred across a table between rules (booktabs groups), the first right
    under the column heads: each a row of the body, in the column it stands over most; the
    first is no header row."""
    path = tmp_path / "groups.pdf"
    heads = ["Model", "Knowledge", "Exam", "Coding", "Math"]
    groups = [
        ("Proprietary models", [["GPT-4o", "66.68", "69.04", "59.58", "71.16"],
                                ["Max-0428", "76.65", "74.80", "49.48", "66.01"]]),
        ("Open models", [["Small-1B", "28.55", "36.99", "3.82", "13.10"],
                         ["Large-72B", "71.52", "70.04", "38.22", "63.09"],
                         ["Huge-110B", "76.26", "74.00", "44.25", "64.92"]]),
    ]  # fmt: skip
    right = [0, 250, 310, 370, 430]
    c = canvas.Canvas(str(path), pagesize=letter)
    y = 700
    c.line(80, y + 12, 440, y + 12)
    c.setFont("Times-Bold", 9)
    c.drawString(82, y, heads[0])
    for k in range(1, 5):
        c.drawRightString(right[k], y, heads[k])
    for heading, rows in groups:
        y -= 5
        c.line(80, y, 440, y)
        y -= 12
        c.setFont("Times-Italic", 9)
        c.drawCentredString(260, y, heading)
        y -= 5
        c.line(80, y, 440, y)
        c.setFont("Times-Roman", 9)
        for row in rows:
            y -= 12
            c.drawString(82, y, row[0])
            for k in range(1, 5):
                c.drawRightString(right[k], y, row[k])
    c.line(80, y - 5, 440, y - 5)
    c.save()
    (table,) = read_tables(path.read_bytes())
    expected = [heads]
    for heading, rows in groups:
        expected += [["", heading, "", "", ""], *rows]
    assert table.cells == expected
    assert table.header_rows == 1


def test_a_stub_wrapped_with_a_hanging_indent_stays_whole(tmp_path):
    """A stub wrapped onto a line indented under it, as close as a wrapped line, goes on
    with it, in the table's last row too; an indented stub line over lines indented
    further (a subheading over its rows) stays a row of its own."""
    path = tmp_path / "hanging.pdf"
    lines = [  # (indent, stub, value)
        (0, "Weekly", "71.15"),
        (0, "Monthly", "308.33"),
        (0, "Daily or miscellaneous", "14.23"),
        (9, "(each day of the payroll period)", ""),
        (0, "Of all periods", ""),
        (9, "Quarterly", "925.00"),
        (9, "Annually", "3,700.00"),
        (0, "Other or irregular", "2.10"),
        (9, "(each hour of work paid)", ""),
        (0, "Outlays:", ""),
        (9, "Appropriated programs:", ""),
        (18, "Defense", "554"),
        (18, "Nondefense", "424"),
    ]
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(100, 700, "Payroll period")
    c.drawRightString(330, 700, "Allowance")
    c.setFont("Helvetica", 9)
    for r, (indent, stub, value) in enumerate(lines, 1):
        c.drawString(100 + indent, 700 - 11 * r, stub)
        if value:
            c.drawRightString(330, 700 - 11 * r, value)
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == [
        ["Payroll period", "Allowance"],
        ["Weekly", "71.15"],
        ["Monthly", "308.33"],
        ["Daily or miscellaneous (each day of the payroll period)", "14.23"],
        ["Of all periods", ""],
        ["Quarterly", "925.00"],
        ["Annually", "3,700.00"],
        ["Other or irregular (each hour of work paid)", "2.10"],
        ["Outlays:", ""],
        ["Appropriated programs:", ""],
        ["Defense", "554"],
        ["Nondefense", "424"],
    ]


def test_values_run_together_across_two_columns_part_and_stars_alone_stay(tmp_path):
    """A total whose figures of two columns print a word space apart ("297 -7.74") is
    two cells, not one; a figure withheld as stars ("***.*") is printed as it stands, not
    taken for note markers around nothing."""
    path = tmp_path / "total.pdf"
    rows = [
        ["Murder", "0", "0", "***.*"],
        ["Rape", "2", "7", "-71.4"],
        ["Robbery", "37", "35", "5.7"],
        ["Burglary", "31", "44", "-29.5"],
        ["Assault", "52", "61", "-14.8"],
        ["Larceny", "86", "78", "10.3"],
        ["Auto theft", "27", "31", "-12.9"],
        ["Transit", "17", "16", "6.2"],
        ["Housing", "9", "9", "0.0"],
        ["TOTAL", "274", "297", "-7.74"],
    ]
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(60, 700, "Offense")
    right = [170, 200, 230]  # the last two columns close: a bold total runs them together
    for x, head in zip(right, ["2024", "2023", "% Chg"], strict=True):
        c.drawRightString(x, 700, head)
    for r, row in enumerate(rows, 1):
        y = 700 - 11 * r
        c.setFont("Helvetica-Bold" if row[0] == "TOTAL" else "Helvetica", 8)
        c.drawString(60, y, row[0])
        if row[0] == "TOTAL":  # its last two figures drawn as one string, a space apart
            c.drawRightString(right[0], y, row[1])
            c.drawRightString(right[2], y, f"{row[2]} {row[3]}")
            continue
        for x, cell in zip(right, row[1:], strict=True):
            c.drawRightString(x, y, cell)
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == [["Offense", "2024", "2023", "% Chg"], *rows]


def test_heads_set_close_on_lines_of_their_own_are_no_paragraph(tmp_path):
    """Heads of several columns stacked over three lines, each line drawn as one text of
    words with their spaces, set at the columns (words far wider apart than a space), are
    the header's, not a paragraph left out of the table."""
    path = tmp_path / "heads.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(60, 700, "State")
    lines = [
        (700, "WMA Loans Loans Loans Loans Loans"),
        (689, "from from from from from from"),
        (678, "RBI Banks LIC GIC NABARD NCDC"),
    ]
    for y, words in lines:
        text = c.beginText(200, y)  # one text object a line: each word and its space glyph
        text.setFont("Helvetica-Bold", 9)
        for k, word in enumerate(words.split()):
            text.setTextOrigin(180 + 45 * k, y)
            text.textOut(word + " ")
        c.drawText(text)
    rows = [
        ["Andhra Pradesh", "3.26", "4.4", "2.62", "0.91", "1.07", "0.25"],
        ["Assam", "0.57", "0.13", "0.20", "0.05", "0.44", "0.31"],
        ["Bihar", "2.18", "1.10", "0.75", "0.32", "0.92", "0.66"],
        ["Goa", "0.02", "0.09", "0.04", "0.01", "0.03", "0.08"],
    ]
    c.setFont("Helvetica", 9)
    for r, row in enumerate(rows):
        y = 660 - 12 * r
        c.drawString(60, y, row[0])
        for k, cell in enumerate(row[1:]):
            c.drawString(180 + 45 * k, y, cell)
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells[0] == [
        "State", "WMA from RBI", "Loans from Banks", "Loans from LIC", "Loans from GIC",
        "Loans from NABARD", "Loans from NCDC",
    ]  # fmt: skip
    assert table.cells[1:] == rows


def test_points_left_of_a_leader_after_a_label_are_no_text(tmp_path):
    """A leader cut short by the value's column leaves points set apart after a label
    ("etc. .", "violations . ."): they are no part of it; a label's own point stays."""
    path = tmp_path / "leaders.pdf"
    rows = [
        ("Weapons; carrying, possessing, etc. .", "Weapons; carrying, possessing, etc.", "132.9"),
        ("Curfew and loitering law violations . .", "Curfew and loitering law violations", "91.0"),
        ("Drunkenness", "Drunkenness", "177.3"),
        ("All other offenses", "All other offenses", "1,201.4"),
    ]
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(60, 700, "Offense charged")
    c.drawRightString(330, 700, "Total")
    c.setFont("Helvetica", 9)
    for r, (printed, _, value) in enumerate(rows, 1):
        c.drawString(60, 700 - 12 * r, printed)
        c.drawRightString(330, 700 - 12 * r, value)
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == [["Offense charged", "Total"], *([label, v] for _, label, v in rows)]
