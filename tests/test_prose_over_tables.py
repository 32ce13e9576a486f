"""Running text set close over a table whose caption stands under it: the paragraph's short
last line, going on in lower case from a line wider than the table (or across its stub and
values), is the paragraph's, not a header line of the table. Each page is drawn here; the
cells expected are those drawn."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_tables

HEAD = ["Tiltak", "2024 N=25 584", "2025 N=36 629", "2026 N=8 534"]
BODY = [
    ["Opplæring i norsk og samfunnskunnskap", "29 %", "4 %", "59 %"],
    ["Arbeidsrettede tiltak", "54 %", "35 %", "85 %"],
    ["Andre integreringstiltak", "70 %", "53 %", "77 %"],
    ["Foreldreveiledning", "3 %", "27 %", "34 %"],
]
X = [69.0, 285.0, 360.0, 435.0]  # each column's left edge
LEFT = [  # the left column's paragraph: a long line, then its short last line
    "Introduksjonsprogrammet er et opplæringsprogram som skal forberede nyankomne",
    "innvandrere til å delta i det norske arbeidslivet.",
]
RIGHT = [  # the right column's: a line of running text by itself, then its last word
    "Fordrevne fra Ukraina utgjorde den største gruppen med i overkant av 11 000 av",
    "deltakerne.",
]


def _page(path, rules: bool, right: bool) -> list[list[list[str]]]:
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    c.setFont("Helvetica", 10)
    for i, line in enumerate(LEFT):
        c.drawString(63, 480 - 13 * i, line)
    if right:
        for i, line in enumerate(RIGHT):
            c.drawString(500, 480 - 13 * i, line)
    top = 480 - 13 * len(LEFT) - 12
    if rules:
        for y in (top + 12, top - 5, top - 5 - 16 * len(BODY)):
            c.line(63, y, 495, y)
    c.setFont("Helvetica-Bold", 10)
    for x, head in zip(X, HEAD, strict=True):
        c.drawString(x, top, head)
    c.setFont("Helvetica", 10)
    for r, row in enumerate(BODY):
        for x, cell in zip(X, row, strict=True):
            c.drawString(x, top - 18 - 16 * r, cell)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(63, top - 18 - 16 * len(BODY) - 10, "Tabell 1a - Deltakelse i tiltak")
    c.save()
    return [t.cells for t in read_tables(path.read_bytes())]


def test_a_paragraphs_short_last_line_over_an_open_table_is_no_header(tmp_path):
    """Chromium and WeasyPrint, two columns of text over a table without rules (fuzzer
    seed 27): 'innvandrere … arbeidslivet.' stood as the table's first header row."""
    assert _page(tmp_path / "open.pdf", rules=False, right=False) == [[HEAD, *BODY]]


def test_a_short_last_line_beside_another_columns_is_no_row(tmp_path):
    """The right column's paragraph, a long line and its last word beside the left
    column's two lines, over a table with rules over and under its header (fuzzer seed 25):
    the two columns' lines read as a row of two cells, and the paragraph as the table's
    first row."""
    assert _page(tmp_path / "ruled.pdf", rules=True, right=True) == [[HEAD, *BODY]]


def test_a_paragraph_ends_at_its_short_last_line_over_a_stub_head(tmp_path):
    """A paragraph of three lines ending in a short one, then a table without rules whose
    stub head stands right under the paragraph's edge (fuzzer seed 56, Chromium and
    WeasyPrint): the stub head went on the paragraph as its fourth line and was lost."""
    lines = [
        "Introduksjonsprogrammet er et opplæringsprogram som skal forberede",
        "nyankomne innvandrere til å delta i det norske samfunnet og i det norske",
        "arbeidslivet.",
    ]
    years = ["2024 N=25 584", "2025 N=36 629", "2026 N=8 534"]
    c = canvas.Canvas(str(tmp_path / "stub.pdf"), pagesize=landscape(A4))
    c.setFont("Helvetica", 10)
    for i, line in enumerate(lines):
        c.drawString(63, 480 - 13 * i, line)
    top = 480 - 13 * (len(lines) - 1) - 18  # 8 pt of white under the paragraph
    c.setFont("Helvetica-Bold", 10)
    c.drawString(X[0], top, "Tiltak i introduksjonsprogrammet")
    c.drawString(X[1], top, "Andel av deltakerne i program")
    for x, head in zip(X[1:], years, strict=True):
        c.drawString(x, top - 16, head)
    c.setFont("Helvetica", 10)
    for r, row in enumerate(BODY):
        for x, cell in zip(X, row, strict=True):
            c.drawString(x, top - 32 - 16 * r, cell)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(63, top - 32 - 16 * len(BODY) - 10, "Tabell 1: Deltakelse i tiltak")
    c.save()
    assert [t.cells for t in read_tables((tmp_path / "stub.pdf").read_bytes())] == [
        [
            ["Tiltak i introduksjonsprogrammet", "Andel av deltakerne i program", "", ""],
            ["", *years],
            *BODY,
        ]
    ]
