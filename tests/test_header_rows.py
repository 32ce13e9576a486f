"""Header rows of tables without rules, as LibreOffice prints them: the stub head centred
between two header lines, and heads set flush left over values all of one width. Each page
is drawn here; the cells expected are those drawn."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.model import ContentMode
from reportparse.readers.document import read_tables
from reportparse.readers.pdf.content import read_content
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts

BODY = [
    ["Rogaland", "60,0 %", "72,5 %", "66,4 %", "65,8 %"],
    ["Akershus", "48,6 %", "72,5 %", "60,2 %", "57,2 %"],
    ["Agder", "17,9 %", "25,6 %", "21,9 %", "24,1 %"],
]
X = [60.0, 197.0, 287.0, 377.0, 467.0]  # each column's left edge: everything flush left


def _read(path, draw) -> list[list[list[str]]]:
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(X[0], 720, "Tabell 2: Resultat per fylke i 2025")
    draw(c)
    c.save()
    return [t.cells for t in read_tables(path.read_bytes())]


def _body(c, top: float) -> None:
    c.setFont("Helvetica", 10)
    for r, row in enumerate(BODY):
        for x, cell in zip(X, row, strict=True):
            c.drawString(x, top - 21.5 * r, cell)


def test_a_stub_head_centred_between_two_header_lines_leaves_them_two_rows(tmp_path):
    """The years over the gender heads, 21 pt apart, "Fylke" half-way between them: its line
    stands close over the heads' line, but the heads' own columns show the gap."""

    def draw(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[1], 690, "2025")
        c.drawString(X[4], 690, "2024")
        c.drawString(X[0], 679.3, "Fylke")
        for x, head in zip(X[1:], ["Kvinner", "Menn", "Begge kjønn", "Begge kjønn"], strict=True):
            c.drawString(x, 668.5, head)
        _body(c, 647)

    assert _read(tmp_path / "centred.pdf", draw) == [
        [
            ["Fylke", "2025", "", "", "2024"],
            ["", "Kvinner", "Menn", "Begge kjønn", "Begge kjønn"],
            *BODY,
        ]
    ]


def test_heads_flush_left_over_values_of_one_width_stand_over_their_own_columns(tmp_path):
    """Every value is five characters wide, so the values show no alignment of their own;
    the heads, wider than them and beginning at their left edges, show that they are set
    flush left (a head belongs over the column it begins at, not the one it ends past)."""
    heads = ["Fylke", "2023 N=8 227", "2024 N=38 562", "2025 N=12 143", "2026 N=9 990"]

    def draw(c):
        c.setFont("Helvetica-Bold", 10)
        for x, head in zip(X, heads, strict=True):
            c.drawString(x, 668.5, head)
        _body(c, 647)

    assert _read(tmp_path / "flush.pdf", draw) == [[heads, *BODY]]


def test_heads_that_end_far_past_short_values_stay_the_tables_header(tmp_path):
    """Values of three characters set flush left under heads of twelve: the last head ends
    50 pt past the body's right edge (LibreOffice sets a table's columns wide). Read as
    ``extract`` reads a captioned table."""
    rows = [
        ["Tiltak", "2024 N=16524", "2025 N=15966", "2026 N=36394"],
        ["Opplæring i norsk og samfunnskunnskap", "11%", "15%", "27%"],
        ["Arbeidsrettede tiltak", "51%", "37%", "1%"],
    ]
    xs = [60.0, 390.0, 528.0, 658.0]

    def draw(c):
        for r, row in enumerate(rows):
            c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 10)
            for x, cell in zip(xs, row, strict=True):
                c.drawString(x, 690 - 22 * r, cell)

    c = canvas.Canvas(str(tmp_path / "wide.pdf"), pagesize=(842, 595 + 200))
    c.setFont("Helvetica-Bold", 11)
    c.drawString(60, 706, "Tabell 1: Deltakelse i tiltak")
    draw(c)
    c.save()
    pdf = open_pdf((tmp_path / "wide.pdf").read_bytes())
    try:
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    assert [t.cells for t in read_content(layouts, ContentMode.SPEC).tables] == [rows]


def test_a_head_whose_number_wraps_at_its_thousands_space_stays_one_header_cell(tmp_path):
    """Narrow columns: "2023 N=27 666" printed as "2023 N=27" over "666" (a line of numbers
    right under the heads, that reads as values). The second line finishes the numbers of
    the first: it is the header's, and the body begins under it."""
    assert _wrapped_heads(tmp_path, 11.0)


def test_a_number_wrapped_at_its_thousands_space_stays_one_head_with_leading(tmp_path):
    """The same heads with LibreOffice's leading: "666" set 16 pt under "2023 N=27", further
    than the lines of a cell usually stand, and beginning its cell anew. It still finishes
    the number over it: one header cell, not a header row of its own."""
    assert _wrapped_heads(tmp_path, 16.0)


def test_a_number_wrapped_under_a_stub_head_centred_between_its_lines_stays_one_head(
    tmp_path,
):
    """The same heads, 16 pt apart, with the stub head "Tiltak" centred between the two
    lines (a line of its own in between): "666" still finishes the number over it."""
    assert _wrapped_heads(tmp_path, 16.0, stub_drop=8.0)


def _wrapped_heads(tmp_path, leading: float, stub_drop: float = 0.0) -> bool:
    heads = [("2023 N=27", "666"), ("2024 N=37", "207"), ("2025 N=31", "237")]
    body = [["Opplæring i norsk og samfunnskunnskap", "67 %", "30 %", "15 %"],
            ["Arbeidsrettede tiltak", "37 %", "36 %", "81 %"],
            ["Andre integreringstiltak", "94 %", "60 %", "90 %"]]  # fmt: skip
    xs = [60.0, 266.0, 363.0, 451.0]

    def draw(c):
        c.setFont("Helvetica-Bold", 9)
        c.drawString(xs[0], 690 - stub_drop, "Tiltak")
        for x, (upper, lower) in zip(xs[1:], heads, strict=True):
            c.drawString(x, 690, upper)
            c.drawString(x, 690 - leading, lower)
        c.setFont("Helvetica", 9)
        for r, row in enumerate(body):
            c.drawString(xs[0], 660 - 14 * r, row[0])
            for x, cell in zip([*xs[2:], 540.0], row[1:], strict=True):
                c.drawRightString(x - 12, 660 - 14 * r, cell)

    c = canvas.Canvas(str(tmp_path / "wrapped.pdf"), pagesize=A4)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(60, 706, "Tabell 1: Deltakelse i tiltak")
    draw(c)
    c.save()
    pdf = open_pdf((tmp_path / "wrapped.pdf").read_bytes())
    try:
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    (table,) = read_content(layouts, ContentMode.SPEC).tables
    assert table.cells == [["Tiltak", *(f"{a} {b}" for a, b in heads)], *body]
    return True


def test_a_year_over_its_count_wrapped_in_a_narrow_column_is_one_head(tmp_path):
    """LibreOffice wraps "2023 N=36 037" in a narrow column, the count 18 pt under the year
    and the stub head half-way between (fuzzer seed 26): the count goes on with the year,
    one header row, not a row of years over a row of counts."""
    years, counts = (
        ["2023", "2024", "2025", "2026"],
        ["N=36 037", "N=17 984", "N=12 700", "N=9 990"],
    )

    def draw(c):
        c.setFont("Helvetica-Bold", 10)
        for x, year, count in zip(X[1:], years, counts, strict=True):
            c.drawString(x, 690, year)
            c.drawString(x, 672, count)
        c.drawString(X[0], 681, "Fylke")
        _body(c, 650)

    heads = ["Fylke", *(f"{y} {n}" for y, n in zip(years, counts, strict=True))]
    assert _read(tmp_path / "count.pdf", draw) == [[heads, *BODY]]
