"""The table engine on a PDF no family knows: every table it finds without a caption, and
nothing where there is none. Each page is drawn by the test; the cells expected are those
drawn, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_tables

PROSE = (
    "The introduction programme gives newly arrived refugees training in Norwegian and "
    "social studies, and prepares them for work or further education. Municipalities "
    "settle refugees after an agreement with the state, and the programme starts within "
    "three months of settlement. Participants receive a benefit while they take part, "
    "and the content is set out in an individual plan that is reviewed every year. "
    "Most participants finish within two years, though some need longer, and the law "
    "allows an extension where there are good reasons for it."
)
COUNTIES = [
    ["County", "2022", "2023", "2024"],
    ["Oslo", "1 204", "1 310", "1 288"],
    ["Viken", "2 017", "2 240", "2 105"],
    ["Vestland", "988", "1 020", "1 101"],
    ["Rogaland", "741", "802", "799"],
    ["Troms", "356", "371", "402"],
]
GROUPS = [
    ["Group", "Women", "Men"],
    ["Under 25", "41", "38"],
    ["25 to 39", "55", "61"],
    ["40 and over", "22", "19"],
]


def wrap(c: canvas.Canvas, text: str, x: float, y: float, width: float, size=10) -> float:
    """Text as a ragged paragraph from its first baseline ``y``; the y under it."""
    line = ""
    c.setFont("Helvetica", size)
    for word in text.split():
        trial = f"{line} {word}".strip()
        if c.stringWidth(trial, "Helvetica", size) > width:
            c.drawString(x, y, line)
            y -= size * 1.25
            line = word
        else:
            line = trial
    c.drawString(x, y, line)
    return y - size * 1.25


def table(c: canvas.Canvas, rows, x: float, y: float, widths, size=10) -> float:
    """Rows of cells without rules: the stub flush left, the values flush right."""
    c.setFont("Helvetica", size)
    for row in rows:
        left = x
        for i, (cell, w) in enumerate(zip(row, widths, strict=True)):
            if i == 0:
                c.drawString(left, y, cell)
            else:
                c.drawRightString(left + w, y, cell)
            left += w
        y -= size * 1.4
    return y


def tables_of(tmp_path: Path, draw) -> list:
    path = tmp_path / "page.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    draw(c)
    c.save()
    return read_tables(path.read_bytes())


def test_an_open_table_without_caption_between_paragraphs(tmp_path):
    def draw(c):
        y = wrap(c, PROSE, 72, 780, 450)
        table(c, COUNTIES, 72, y - 20, [150, 70, 70, 70])
        wrap(c, PROSE, 72, y - 140, 450)

    found = tables_of(tmp_path, draw)
    assert [(t.table_id, t.caption, t.method, t.status) for t in found] == [
        ("utabell-p1-1", None, "whitespace", "extracted")
    ]
    assert (found[0].cells, found[0].header_rows) == (COUNTIES, 1)


def test_two_tables_on_a_page(tmp_path):
    def draw(c):
        y = table(c, COUNTIES, 72, 780, [150, 70, 70, 70])
        y = wrap(c, PROSE, 72, y - 20, 450)
        table(c, GROUPS, 72, y - 20, [150, 70, 70])

    found = tables_of(tmp_path, draw)
    assert [t.table_id for t in found] == ["utabell-p1-1", "utabell-p1-2"]
    assert [t.cells for t in found] == [COUNTIES, GROUPS]


def test_a_table_beside_a_paragraph(tmp_path):
    def draw(c):
        table(c, COUNTIES, 40, 760, [90, 45, 45, 45])
        wrap(c, PROSE + " " + PROSE, 300, 770, 230)

    assert [t.cells for t in tables_of(tmp_path, draw)] == [COUNTIES]


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_a_page_of_prose_has_no_table(tmp_path, columns):
    def draw(c):
        width = (500 - 20 * (columns - 1)) / columns
        for k in range(columns):
            y = 780
            for _ in range(3):
                y = wrap(c, PROSE, 48 + k * (width + 20), y, width) - 8

    assert tables_of(tmp_path, draw) == []


def test_a_numbered_list_and_a_table_of_contents_are_no_tables(tmp_path):
    def draw(c):
        y = 780
        for i, sentence in enumerate(PROSE.split(". ")[:5], 1):
            c.setFont("Helvetica", 10)
            c.drawString(72, y, f"{i}.")
            y = wrap(c, sentence, 100, y, 400) - 4
        entries = ["Summary", "Introduction", "Settlement", "Participation", "Results"]
        for i, title in enumerate(entries):
            c.drawString(72, 500 - 16 * i, title + " " + "." * 60)
            c.drawRightString(520, 500 - 16 * i, str(3 + 4 * i))

    assert tables_of(tmp_path, draw) == []


@pytest.mark.parametrize(
    "caption",
    ["Tabell 4: Deltakere etter fylke", "Table 4: Participants by county", "Tab. 4: Teilnehmer"],
)
def test_a_captioned_table_in_any_language_and_an_uncaptioned_one(tmp_path, caption):
    def draw(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, 780, caption)
        y = table(c, COUNTIES, 72, 760, [150, 70, 70, 70])
        y = wrap(c, PROSE, 72, y - 20, 450)
        table(c, GROUPS, 72, y - 20, [150, 70, 70])

    found = tables_of(tmp_path, draw)
    assert [(t.table_id, t.caption) for t in found] == [
        ("tabell-4", caption),
        ("utabell-p1-1", None),
    ]
    assert [t.cells for t in found] == [COUNTIES, GROUPS]
