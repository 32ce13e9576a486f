"""A caption wrapped over two lines with a footnote marker raised after its first line, set
almost at the caption's size and standing between its two lines (as WeasyPrint prints a
marker on a wrapped caption): the marker is a number, but the caption's line it joins is
no table row, and the table under the caption is read whole. The cells expected are those
drawn."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from reportparse.model import ContentMode
from reportparse.readers.pdf.content import read_content
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts

FIRST = (
    "Table 1. Deltakelse i tiltak i introduksjonsprogrammet fordelt på tiltaksgrupper, målt "
    "som andel med overgang til arbeid og/eller utdanning"
)
SECOND = "direkte etter avsluttet introduksjonsprogram, for alle registrerte deltakere"
ROWS = [
    ["Tiltak", "2023 N=11616", "2024 N=33890", "2025 N=38156"],
    ["Opplæring i norsk og samfunnskunnskap", "25 %", "24 %", "28 %"],
    ["Arbeidsrettede tiltak", "56 %", "48 %", "6 %"],
    ["Andre integreringstiltak", "76 %", "15 %", "56 %"],
    ["Ingen tiltak", "45 %", "16 %", "93 %"],
]
X = [69.0, 244.0, 319.0, 390.0]


def test_a_marker_raised_between_a_captions_lines_leaves_the_table_under_it(tmp_path):
    path = tmp_path / "marker.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    top = landscape(A4)[1] - 160
    c.setFont("Helvetica-Bold", 9.5)
    c.drawString(63, top, FIRST)
    c.setFont("Helvetica", 9)
    c.drawString(400, top - 12, "1")  # over the second line, across the table's columns
    c.setFont("Helvetica-Bold", 9.5)
    c.drawString(63, top - 16, SECOND)
    for r, row in enumerate(ROWS):
        c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 9)
        for x, cell in zip(X, row, strict=True):
            c.drawString(x, top - 33 - 16 * r, cell)
    c.setFont("Helvetica", 8)
    c.drawString(63, top - 33 - 16 * len(ROWS) - 4, "1 Tallene er hentet fra NIR.")
    c.save()
    pdf = open_pdf(path.read_bytes())
    try:
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    (table,) = read_content(layouts, ContentMode.SPEC).tables
    assert table.caption == f"{FIRST} {SECOND}"
    assert table.cells == ROWS


def test_a_caption_set_with_wide_leading_keeps_its_line_that_goes_on(tmp_path):
    """LibreOffice sets a wrapped caption's lines 20 pt apart at 11 pt (fuzzer seed 40): its
    second line, going on from the comma that ends the first, is the caption's, not the
    table's first row."""
    path = tmp_path / "leading.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    top = landscape(A4)[1] - 160
    c.setFont("Helvetica-Bold", 11)
    c.drawString(
        63, top, "Tab. 1a Deltakelse i tiltak i introduksjonsprogrammet fordelt på tiltaksgrupper,"
    )
    c.drawString(63, top - 20, SECOND)
    for r, row in enumerate(ROWS):
        c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 9)
        for x, cell in zip(X, row, strict=True):
            c.drawString(x, top - 46 - 16 * r, cell)
    c.save()
    pdf = open_pdf(path.read_bytes())
    try:
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    (table,) = read_content(layouts, ContentMode.SPEC).tables
    assert table.caption == (
        "Tab. 1a Deltakelse i tiltak i introduksjonsprogrammet fordelt på tiltaksgrupper, " + SECOND
    )
    assert table.cells == ROWS
