"""A rule set over a table without column rules, right over its header (a top rule, as
LibreOffice draws a table's frame of horizontal lines): the table is its text, read as if
the rule were not there. The page is drawn here; the cells expected are those drawn."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_tables

BODY = [
    ["Rogaland", "43,1 %", "44,9 %", "43,3 %", "47,2 %"],
    ["Nordland", "39,3 %", "50,1 %", "44,0 %", "42,7 %"],
    ["Møre og Romsdal", "66,2 %", "63,2 %", "64,0 %", "69,6 %"],
]
X = [60.0, 197.0, 287.0, 377.0, 467.0]


def test_a_top_rule_between_the_caption_and_the_header_leaves_the_table_whole(tmp_path):
    """The rule stands 11 pt under the caption and 3 pt over the header's first line
    (fuzzer seed 41, LibreOffice): the table was read from the rule alone, and failed as
    "its text makes no table of two columns"."""
    path = tmp_path / "top-rule.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(X[0], 720, "Tabell 2. Måloppnåelse per fylke, 2026")
    c.setLineWidth(0.5)
    c.line(57, 706, 540, 706)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(X[1], 695, "2026")
    c.drawString(X[4], 695, "2025")
    c.drawString(X[0], 684.3, "Fylke")
    for x, head in zip(X[1:], ["Kvinner", "Menn", "Begge kjønn", "Begge kjønn"], strict=True):
        c.drawString(x, 673.5, head)
    c.setFont("Helvetica", 10)
    for r, row in enumerate(BODY):
        for x, cell in zip(X, row, strict=True):
            c.drawString(x, 652 - 21.5 * r, cell)
    c.save()
    assert [t.cells for t in read_tables(path.read_bytes())] == [
        [
            ["Fylke", "2026", "", "", "2025"],
            ["", "Kvinner", "Menn", "Begge kjønn", "Begge kjønn"],
            *BODY,
        ]
    ]
