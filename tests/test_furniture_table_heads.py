"""A table's header repeated atop its parts at the height of a running head's second line,
drawn here: the county table runs over pages 2 and 3 right under the running head "IMDi",
its rows set far apart (cells padded, as LibreOffice prints them; layout fuzzer seed
1975664321), its header repeated and its caption under the last part. The header repeats
at the same place on two pages, as a running head does, but it stands in the columns of the
rows under it: it is the table's, never furniture. Read as ``make extract`` reads it; the
cells expected are those drawn."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.model import ContentMode, TableStatus
from reportparse.readers.pdf.content import read_content
from reportparse.readers.pdf.furniture import furniture
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts

HEADER = ["Fylker", "Kvinner 2026", "Menn 2026", "Begge kjønn 2026"]
FIRST = [["Vestfold", "20,0 %", "65,6 %", "42,6 %"], ["Nordland", "17,9 %", "55,6 %", "36,4 %"]]
SECOND = [["Troms", "45,5 %", "73,2 %", "59,5 %"], ["Agder", "56,2 %", "60,1 %", "58,8 %"]]
X = [57.0, 160.0, 260.0, 360.0, 480.0]
ROW = 22.0  # rows set this far apart: the gap between two lines of 9 pt is more than a line


def _grid(c, rows: list[list[str]], top: float) -> float:
    """A ruled grid from ``top`` (PDF y), rules between rows only. Returns its bottom."""
    for r in range(len(rows) + 1):
        c.line(X[0], top - ROW * r, X[-1], top - ROW * r)
    c.setFont("Helvetica", 9)
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            c.drawString(X[k] + 3, top - ROW * r - 15, cell)
    return top - ROW * len(rows)


def _read(path):
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in (1, 2, 3):
        c.setFont("Helvetica", 10)
        c.drawString(X[0], 780, "IMDi")
        if n == 1:
            c.drawString(X[0], 740, "Kommunene har ansvar for introduksjonsprogrammet.")
        elif n == 2:
            _grid(c, [HEADER, *FIRST], 768)
        else:
            bottom = _grid(c, [HEADER, *SECOND], 768)
            c.setFont("Helvetica-Bold", 10)
            c.drawString(X[0], bottom - 16, "Tabell 3: Resultat per fylke i 2026")
        c.showPage()
    c.save()
    pdf = open_pdf(path.read_bytes())
    try:
        return page_layouts(pdf)
    finally:
        pdf.close()


def test_a_header_repeated_under_a_running_head_in_the_rows_columns_is_no_furniture(tmp_path):
    layouts = _read(tmp_path / "heads.pdf")
    found = [sorted(s.text for s in lay.segments if id(s) in ids)
             for lay, ids in zip(layouts, furniture(layouts), strict=True)]  # fmt: skip
    assert found == [["IMDi"]] * 3
    tables = {t.table_id: t for t in read_content(layouts, ContentMode.SPEC).tables}
    t = tables["tabell-3"]
    assert (t.status, t.pages, t.joined, t.header_rows) == (TableStatus.EXTRACTED, [2, 3], True, 1)
    assert t.cells == [HEADER, *FIRST, *SECOND]


def test_a_part_whose_header_the_table_lacks_is_withheld_naming_both_headers(tmp_path):
    """The table's first part is read with no header (its header row left out, as a head
    taken for furniture was), the part on the next page under "Tabell 3 (forts.)" with one.
    Joined, the table would be published without a header and with the part's header in its
    body: both are withheld, each saying why, the reason naming both headers."""
    path = tmp_path / "headless.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(X[0], 780, "Tabell 3: Resultat per fylke i 2026")
    _grid(c, FIRST, 768)
    c.showPage()
    c.setFont("Helvetica-Bold", 10)
    c.drawString(X[0], 780, "Tabell 3 (forts.)")
    _grid(c, [HEADER, *SECOND], 768)
    c.showPage()
    c.save()
    pdf = open_pdf(path.read_bytes())
    try:
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    tables = {t.table_id: t for t in read_content(layouts, ContentMode.SPEC).tables}
    assert sorted(tables) == ["tabell-3", "utabell-p2-1"]
    first, part = tables["tabell-3"], tables["utabell-p2-1"]
    heads = "'Fylker | Kvinner 2026 | Menn 2026 | Begge kjønn 2026' on page 2"
    assert (first.status, first.cells) == (TableStatus.INCOMPLETE, FIRST)
    assert first.reason == (
        "its part on page 2 (utabell-p2-1) does not join it: their headers differ: "
        f"none read on page 1, {heads}"
    )
    assert (part.status, part.cells, part.header_rows) == (
        TableStatus.INCOMPLETE, [HEADER, *SECOND], 1,
    )  # fmt: skip
    assert part.reason == (
        "printed as tabell-3's part, but does not join it: their headers differ: "
        f"none read on page 1, {heads}"
    )
