"""No silent zero: a page that shows a table the engine did not read gets a ``failed`` record
with the reason, and ``reportparse tables`` exits 1 for it unless ``--keep-going``; every table
read carries its figures (filled share, text inside one cell, share of the page's text).
Each page is drawn by the test, so the evidence and the figures expected are known."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.cli import main
from reportparse.readers import document, measured
from reportparse.readers.pdf.content import PdfContent
from reportparse.readers.pdf.evidence import unread_tables
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts

import pdfs

ROWS = pdfs.REGION_ROWS
X = [72, 162, 232, 302, 372]  # the column edges of every table drawn here


def _ruled(c: canvas.Canvas, top: float) -> None:
    """ROWS as a ruled grid of 5×4 cells, rows 20 pt high from ``top`` (PDF y)."""
    pdfs.grid(c, ROWS, X, top)


def _filled(c: canvas.Canvas, top: float) -> None:
    """ROWS as cells drawn as filled rectangles with white gaps, no rules."""
    for r, row in enumerate(ROWS):
        y = top - 20 * r
        for k, cell in enumerate(row):
            c.setFillColorRGB(0.7, 0.8, 0.9)
            c.rect(X[k] + 1, y - 19, X[k + 1] - X[k] - 2, 18, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(X[k] + 4, y - 14, cell)


def _open(c: canvas.Canvas, top: float) -> None:
    """ROWS without rules: stub flush left, values flush right."""
    for r, row in enumerate(ROWS):
        y = top - 14 * r
        c.drawString(X[0], y, row[0])
        for k, cell in enumerate(row[1:], 2):
            c.drawRightString(X[k] - 4, y, cell)


def _pdf(path, *draw):
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    for d in draw:
        d(c)
        c.showPage()
        c.setFont("Helvetica", 10)
    c.save()
    return path


@pytest.fixture
def three_pages(tmp_path):
    """One page of each kind; the same table on three pages would read as page furniture."""
    return _pdf(
        tmp_path / "three.pdf",
        lambda c: _ruled(c, 760),
        lambda c: _filled(c, 760),
        lambda c: _open(c, 760),
    )


@pytest.fixture
def each_kind(tmp_path):
    """Each kind of table in a file of its own."""
    return [
        _pdf(tmp_path / "ruled.pdf", lambda c: _ruled(c, 760)),
        _pdf(tmp_path / "filled.pdf", lambda c: _filled(c, 760)),
        _pdf(tmp_path / "open.pdf", lambda c: _open(c, 760)),
    ]


def _layouts(path):
    pdf = open_pdf(path.read_bytes())
    try:
        return page_layouts(pdf)
    finally:
        pdf.close()


def test_each_kind_of_evidence_is_named_when_nothing_is_read(three_pages):
    found = unread_tables(_layouts(three_pages), [])
    assert [(u.page, u.reason) for u in found] == [
        (1, "ruled grid of 5×4 cells not read"),
        (2, "block of 20 filled cell rectangles not read"),
        (3, "aligned columns over 4 lines not read"),
    ]
    assert [round(v) for v in found[0].bbox] == [72, 82, 372, 182]


def test_tables_read_leave_no_evidence(each_kind):
    for path in each_kind:
        found = document.read_measured_tables(path.read_bytes())
        assert [(t.table_id, t.status, t.cells) for t, _ in found] == [
            ("utabell-p1-1", "extracted", ROWS)
        ]
        (_, figures), = found  # fmt: skip
        assert (figures.filled_share, figures.text_in_cells, figures.page_text_share) == (
            1.0,
            1.0,
            1.0,
        )


def test_the_same_table_at_the_same_place_on_every_page_is_no_furniture(three_pages):
    """The same text on every page, at the same height, as running heads are printed: but
    its lines stand in the columns of the lines next to them, a table's rows, so no line of
    it is furniture (before, its first and last lines were, and no table was read). Each
    page's table repeats the header of the one before, in its columns: parts of one table
    over three pages, joined as any table broken over pages with its header repeated."""
    found = document.read_measured_tables(three_pages.read_bytes())
    assert [(t.table_id, t.status, t.pages, t.header_rows) for t, _ in found] == [
        ("utabell-p1-1", "extracted", [1, 2, 3], 1)
    ]
    assert found[0][0].cells == [*ROWS, *ROWS[1:], *ROWS[1:]]


def test_a_page_of_text_and_one_table_has_the_table_s_share(tmp_path):
    def page(c):
        c.drawString(72, 800, "Participants by region, as counted at the end of the year.")
        _ruled(c, 760)

    found = document.read_measured_tables(_pdf(tmp_path / "one.pdf", page).read_bytes())
    (table, figures), = found  # fmt: skip
    assert table.cells == ROWS
    text = sum(len("".join(r)) for r in ROWS)
    assert figures.filled_share == 1.0 and figures.text_in_cells == 1.0
    total = text + len("Participants by region, as counted at the end of the year.")
    assert figures.page_text_share == round(text / total, 3)


def test_tables_records_what_was_not_read_and_exits_1(tmp_path, three_pages, monkeypatch):
    """The engine stands in for one that reads nothing: every page's evidence is a record."""
    nothing = PdfContent([], [])
    monkeypatch.setattr(measured, "read_content", lambda *a, **k: nothing)
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["tables", str(three_pages), "--out", str(out), "--jobs", "1"])
    assert res.exit_code == 1
    assert res.stdout == f"wrote {out}: 0 tables from 1 file, 1 with tables not read\n"
    assert res.stderr.splitlines()[-1] == (
        "error: three.pdf: 0 tables, 3 not read: "
        "table-p1-1 (page 1): ruled grid of 5×4 cells not read; "
        "table-p2-1 (page 2): block of 20 filled cell rectangles not read; "
        "table-p3-1 (page 3): aligned columns over 4 lines not read"
    )
    records = json.loads((out / "three" / "tables.json").read_text(encoding="utf-8"))
    assert [(r["table_id"], r["status"], r["method"], r["reason"]) for r in records] == [
        ("table-p1-1", "failed", "ruled-grid", "ruled grid of 5×4 cells not read"),
        ("table-p2-1", "failed", "ruled-grid", "block of 20 filled cell rectangles not read"),
        ("table-p3-1", "failed", "whitespace", "aligned columns over 4 lines not read"),
    ]
    assert [r["filled_share"] for r in records] == [None, None, None]
    written = sorted(p.name for p in (out / "three").iterdir())
    assert written == [".reportparse-output", "tables.json"]
    again = CliRunner().invoke(
        main, ["tables", str(three_pages), "--out", str(out), "--jobs", "1", "--keep-going"]
    )
    assert again.exit_code == 0
    assert again.stderr.splitlines()[-1].startswith("notice: three.pdf: 0 tables, 3 not read: ")


def test_tables_json_carries_the_figures(tmp_path, each_kind):
    out = tmp_path / "out"
    args = ["tables", *map(str, each_kind), "--out", str(out), "--jobs", "1"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0
    for name in ("ruled", "filled", "open"):
        records = json.loads((out / name / "tables.json").read_text(encoding="utf-8"))
        assert [
            (r["table_id"], r["filled_share"], r["text_in_cells"], r["page_text_share"])
            for r in records
        ] == [("table-p1-1", 1.0, 1.0, 1.0)]
