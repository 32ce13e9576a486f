"""Ruled tables broken over pages, drawn here: the next page's grid joins the table by its
structure (as many columns, its header repeated or its column rules where the table's
are), a grid with other columns stays apart, and a caption printed under a table's later
part is that part's table's caption, not the caption of the table under it. The cells
expected are those drawn."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.model import ContentMode, Table, TableMethod, TableStatus
from reportparse.readers.pdf.content import _continue, read_content
from reportparse.readers.pdf.furniture import furniture
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts
from reportparse.readers.pdf.prose import running_text
from reportparse.text.printed import header_end

HEADER = [["Fylke", "2025", "", "2024"], ["", "Kvinner", "Menn", "Begge kjønn"]]
FIRST = [["Agder", "67,9 %", "25,6 %", "42,7 %"], ["Buskerud", "37,9 %", "31,8 %", "36,5 %"]]
SECOND = [["Oslo", "45,5 %", "57,0 %", "45,8 %"], ["Troms", "40,0 %", "76,3 %", "59,6 %"]]
X = [72.0, 192.0, 262.0, 332.0, 412.0]
ROW = 18.0


def _grid(c, rows: list[list[str]], top: float, xs: list[float] = X, spans=()) -> float:
    """A ruled grid from ``top`` (PDF y): every cell boxed but where ``spans`` ((row, col):
    no rule at the left of that column in that row) joins two cells. Returns its bottom."""
    ys = [top - ROW * r for r in range(len(rows) + 1)]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for r in range(len(rows)):
        for k, x in enumerate(xs):
            if (r, k) not in spans:
                c.line(x, ys[r], x, ys[r + 1])
    c.setFont("Helvetica", 9)
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            c.drawString(xs[k] + 4, ys[r] - 13, cell)
    return ys[-1]


def _footer(c, page: int, pages: int) -> None:
    c.setFont("Helvetica", 8)
    c.drawString(280, 30, f"Side {page} av {pages}")


def _tables(path) -> dict:
    pdf = open_pdf(path.read_bytes())
    try:
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    return {t.table_id: t for t in read_content(layouts, ContentMode.SPEC).tables}


def _report(path, pages) -> dict:
    c = canvas.Canvas(str(path), pagesize=A4)
    for n, draw in enumerate(pages, 1):
        draw(c)
        _footer(c, n, len(pages))
        c.showPage()
    c.save()
    return _tables(path)


def test_a_header_of_years_over_heads_is_two_header_rows():
    assert header_end([*HEADER, *FIRST]) == 2
    # years over the columns with values right under them: a row of numbers, as a body row's
    assert header_end([["Fylke", "2024", "2025"], ["Agder", "1 204", "1 310"]]) == 0
    # a year as a row's stub is a body row, whatever its values
    assert header_end([["År", "Deltakere"], ["2024", "2025"], ["2025", "Ukjent"]]) == 1


def test_a_ruled_table_goes_on_with_its_header_repeated_and_no_marker(tmp_path):
    """The county table's grid ends page 1; page 2 begins with a grid of the same columns
    under the same two header rows (the year spanning two columns), and no "(forts.)"."""
    span = {(0, 2)}

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 700, "Tabell 2: Resultat fylker")
        _grid(c, [*HEADER, *FIRST], 690, spans=span)

    def page2(c):
        _grid(c, [*HEADER, *SECOND], 800, spans=span)

    t = _report(tmp_path / "broken.pdf", [page1, page2])["tabell-2"]
    assert (t.status, t.pages, t.joined, t.header_rows) == (TableStatus.EXTRACTED, [1, 2], True, 2)
    assert t.cells == [*HEADER, *FIRST, *SECOND]


def test_a_ruled_part_without_its_header_joins_where_its_column_rules_stand(tmp_path):
    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 700, "Tabell 2: Resultat fylker")
        _grid(c, [*HEADER, *FIRST], 690, spans={(0, 2)})

    def page2(c):
        _grid(c, SECOND, 800)

    t = _report(tmp_path / "headless.pdf", [page1, page2])["tabell-2"]
    assert (t.pages, t.joined) == ([1, 2], True)
    assert t.cells == [*HEADER, *FIRST, *SECOND]


def test_a_ruled_part_set_anew_in_narrower_columns_joins_by_what_its_cells_are(tmp_path):
    """A browser prints a table broken over pages as two tables, each with its own column
    widths (fuzzer seed 33): the part's rules stand elsewhere and it repeats no header,
    but it has as many columns, each holding what the table's body holds there (a county's
    name, shares with "%")."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 700, "Tabell 2: Resultat fylker")
        _grid(c, [*HEADER, *FIRST], 690, spans={(0, 2)})

    def page2(c):
        _grid(c, SECOND, 800, xs=[72.0, 132.0, 182.0, 232.0, 282.0])

    t = _report(tmp_path / "narrower.pdf", [page1, page2])["tabell-2"]
    assert (t.status, t.pages, t.joined) == (TableStatus.EXTRACTED, [1, 2], True)
    assert t.cells == [*HEADER, *FIRST, *SECOND]


@pytest.mark.parametrize(
    ("caption", "font"),
    [("Tabell 2: Resultat fylker", "Helvetica-Bold"), ("Tab. 2 Resultat fylker", "Helvetica")],
)
def test_a_caption_ending_its_page_takes_the_table_opening_the_next_not_the_text_over_it(
    tmp_path, caption, font
):
    """Captions over their tables; "Tabell 2" ends page 1 under a chart's labels, aligned
    in columns of values (fuzzer seeds 22 and 45, Chromium and WeasyPrint): its table is
    the grid opening page 2, not the labels over it; so too where the caption has no
    separator and is set in the body's font (a title, not a sentence)."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 760, "Tabell 1: Deltakere etter kjønn")
        _grid(c, COUNTS, 750)
        c.setFont("Helvetica", 9)
        for k, line in enumerate(
            [["Arbeid", "Utdanning"], ["34,8 %", "21,8 %"], ["18,6 %", "3,2 %"]]
        ):
            c.drawString(X[0], 400 - 14 * k, line[0])
            c.drawString(X[2], 400 - 14 * k, line[1])
        c.setFont(font, 9)
        c.drawString(X[0], 340, caption)

    def page2(c):
        _grid(c, [*HEADER, *FIRST], 800, spans={(0, 2)})

    t = _report(tmp_path / "ends.pdf", [page1, page2])["tabell-2"]
    assert (t.status, t.pages) == (TableStatus.EXTRACTED, [2])
    assert t.cells == [*HEADER, *FIRST]


def test_a_ruled_part_of_one_row_joins_its_table(tmp_path):
    """The last row alone on the next page, boxed by its rules in narrower columns under
    "Tabell 2 (forts.)" (fuzzer seed 44, every producer): rules round one row make no grid
    of two rows, but its text is the table's last row."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 700, "Tabell 2: Resultat fylker")
        _grid(c, [*HEADER, *FIRST, SECOND[0]], 690, spans={(0, 2)})

    def page2(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 810, "Tabell 2 (forts.)")
        _grid(c, SECOND[1:], 800, xs=[72.0, 132.0, 182.0, 232.0, 282.0])

    t = _report(tmp_path / "one-row.pdf", [page1, page2])["tabell-2"]
    assert (t.status, t.pages, t.joined) == (TableStatus.EXTRACTED, [1, 2], True)
    assert t.cells == [*HEADER, *FIRST, *SECOND]


def test_a_caption_wrapped_over_a_page_break_takes_the_table_under_its_last_line(tmp_path):
    """Captions over their tables; the caption of table 2 begins at the foot of page 1 and
    its last line opens page 2, over the table (fuzzer seed 24, LibreOffice): the line is
    the caption's, and the table under it is the caption's table."""
    first = "Tabell 2: Resultat per fylke i 2026, målt som andel med overgang til arbeid og/eller"
    last = "utdanning direkte etter avsluttet program"

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 760, "Tabell 1: Deltakere etter kjønn")
        _grid(c, COUNTS, 750)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 340, first)

    def page2(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 810, last)
        _grid(c, [*HEADER, *FIRST], 800, spans={(0, 2)})

    t = _report(tmp_path / "wrapped-over-break.pdf", [page1, page2])["tabell-2"]
    assert (t.status, t.pages, t.caption) == (TableStatus.EXTRACTED, [2], f"{first} {last}")
    assert t.cells == [*HEADER, *FIRST]


def test_a_caption_wrapped_over_a_page_break_over_an_open_table_is_no_header_row(tmp_path):
    """As the last, but the caption is set in the body's font and its table is open: a rule
    over its header, one under the header's values, no other (fuzzer seed 202236722,
    LibreOffice). The caption's last line, one segment in no column of the table that goes
    on with the caption's unfinished text, is the caption's, not the table's first header
    row, and the rule over the header is the table's top rule."""
    first = "Tab. 2-1 - Resultat per fylke i 2026, målt som andel i arbeid, for alle registrert i"
    last = "introduksjonsregisteret"

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 760, "Tabell 1: Deltakere etter kjønn")
        _grid(c, COUNTS, 750)
        c.setFont("Helvetica", 9)
        c.drawString(X[0], 340, first)

    def page2(c):
        c.setFont("Helvetica", 9)
        c.drawString(X[0], 810, last)
        c.line(X[0], 800, X[-1], 800)
        c.setFont("Helvetica-Bold", 9)
        c.drawString(X[1] + 4, 788, HEADER[0][1])
        c.drawString(X[3] + 4, 788, HEADER[0][3])
        c.drawString(X[0] + 4, 776, HEADER[0][0])
        for k in (1, 2, 3):
            c.drawString(X[k] + 4, 764, HEADER[1][k])
        c.line(X[1], 758, X[-1], 758)
        c.setFont("Helvetica", 9)
        for r, row in enumerate([*FIRST, *SECOND]):
            for k, cell in enumerate(row):
                c.drawString(X[k] + 4, 744 - ROW * r, cell)

    t = _report(tmp_path / "wrapped-over-open.pdf", [page1, page2])["tabell-2-1"]
    assert (t.status, t.pages, t.caption) == (TableStatus.EXTRACTED, [2], f"{first} {last}")
    assert t.cells == [*HEADER, *FIRST, *SECOND]


def test_a_caption_pushed_onto_the_next_page_is_the_caption_of_the_table_over_the_break(
    tmp_path,
):
    """Captions under their tables; table 2 ends page 1 and its caption opens page 2, with
    nothing above it (fuzzer seeds 55 and 58, LibreOffice and WeasyPrint): it is that
    table's caption, not a caption with nothing read by it."""

    def page1(c):
        _grid(c, COUNTS, 760)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 690, "Tabell 1: Deltakere etter kjønn")
        c.drawString(X[0], 660, "Figur 1: Andel i arbeid")  # a chart under it, undrawn
        _grid(c, [*HEADER, *FIRST], 300, spans={(0, 2)})

    def page2(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 800, "Tabell 2: Resultat fylker")
        c.setFont("Helvetica", 10)
        c.drawString(X[0], 770, "Resultatene måles direkte etter avsluttet program.")

    tables = _report(tmp_path / "caption-pushed.pdf", [page1, page2])
    t = tables["tabell-2"]
    assert (t.status, t.pages, t.caption) == (
        TableStatus.EXTRACTED,
        [1],
        "Tabell 2: Resultat fylker",
    )
    assert t.cells == [*HEADER, *FIRST]


def test_a_grid_of_other_columns_on_the_next_page_is_not_joined(tmp_path):
    """The next page begins with a grid as wide, of as many columns, but set otherwise and
    under another header: another table, not this one's part."""
    other = [["Kommune", "Antall", "Andel", "Endring"], ["Bergen", "1 204", "12 %", "3"]]

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 700, "Tabell 2: Resultat fylker")
        _grid(c, [*HEADER, *FIRST], 690, spans={(0, 2)})

    def page2(c):
        _grid(c, other, 800, xs=[72.0, 152.0, 252.0, 352.0, 412.0])

    t = _report(tmp_path / "other.pdf", [page1, page2])["tabell-2"]
    assert (t.pages, t.joined) == ([1], False)
    assert t.cells == [*HEADER, *FIRST]


COUNTS = [["Kjønn", "2024", "2025"], ["Kvinner", "15 522", "5 277"], ["Menn", "197", "46"]]


def _captions_under(
    path: Path, size: float, gap: float, next_table: float, tops: list[float]
) -> dict:
    """Captions under their tables: the table on page 1 has none; page 2 prints its part
    under "Tabell 1 (forts.)", the caption "Tabell 1: ..." ``gap`` under the part's last
    rule, then the next table ``next_table`` under that rule with its own caption. ``tops``
    gets each last rule's distance from the page's top."""

    def page1(c):
        _grid(c, [*HEADER, *FIRST], 300, spans={(0, 2)})

    def page2(c):
        c.setFont("Helvetica", 9)
        c.drawString(X[0], 806, "Tabell 1 (forts.)")
        bottom = _grid(c, [*HEADER, *SECOND], 800, spans={(0, 2)})
        c.setFont("Helvetica", size)
        c.drawString(X[0], bottom - gap, "Tabell 1: Resultat fylker")
        tops.append(A4[1] - bottom)
        bottom = _grid(c, COUNTS, bottom - next_table, xs=X[:4])
        c.setFont("Helvetica", size)
        c.drawString(X[0], bottom - gap, "Tabell 2: Deltakere etter kjønn")
        tops.append(A4[1] - bottom)

    return _report(path, [page1, page2])


def _assert_each_caption_its_own(tables: dict) -> None:
    assert sorted(tables) == ["tabell-1", "tabell-2"]
    first, second = tables["tabell-1"], tables["tabell-2"]
    assert (first.caption, first.pages, first.status) == (
        "Tabell 1: Resultat fylker", [1, 2], TableStatus.EXTRACTED,
    )  # fmt: skip
    assert first.cells == [*HEADER, *FIRST, *SECOND]
    assert (second.caption, second.pages, second.cells) == (
        "Tabell 2: Deltakere etter kjønn", [2], COUNTS,
    )  # fmt: skip


def test_a_caption_under_a_later_part_is_its_tables_not_the_next_tables(tmp_path):
    """Neither caption under its table takes the other's table."""
    _assert_each_caption_its_own(_captions_under(tmp_path / "under.pdf", 9, 12, 24, []))


def test_captions_set_tight_under_their_tables_last_rules_are_theirs(tmp_path):
    """As LibreOffice sets captions under their tables: right under the last rule, the
    caption's glyphs reaching over it."""
    tops: list[float] = []
    tables = _captions_under(tmp_path / "tight.pdf", 9.5, 9, 20, tops)
    pdf = open_pdf((tmp_path / "tight.pdf").read_bytes())
    try:
        segs = page_layouts(pdf)[1].segments
    finally:
        pdf.close()
    captions = [s for s in segs if s.text.startswith("Tabell") and "forts" not in s.text]
    assert [s.top < rule for s, rule in zip(captions, tops, strict=True)] == [True, True]
    _assert_each_caption_its_own(tables)


MEASURES = [
    ["Tiltak", "2023 N=39 065", "2024 N=13 489"],
    ["Opplæring i norsk og samfunnskunnskap", "20,0 %", "1,8 %"],
    ["Arbeidsrettede tiltak", "96,2 %", "72,5 %"],
    ["Andre integreringstiltak", "53,1 %", "35,6 %"],
    ["Ingen tiltak", "30,0 %", "40,1 %"],
]
PARAGRAPH = [
    "Introduksjonsprogrammet er et opplæringsprogram",
    "som skal forberede nyankomne innvandrere til å delta i",
    "det norske arbeidslivet.",
]


def _open_rows(c, rows: list[list[str]], top: float) -> float:
    """Rows without rules from ``top`` (PDF y): the stub flush left, values flush right."""
    c.setFont("Helvetica", 9)
    for r, row in enumerate(rows):
        y = top - 16 * r
        c.drawString(72, y, row[0])
        for k, cell in enumerate(row[1:]):
            c.drawRightString(330 + 80 * k, y, cell)
    return top - 16 * (len(rows) - 1)


def _paragraph_over(c, rows: list[list[str]]) -> None:
    """A paragraph, and right under it (closer than a line) the first rows of a table that
    ends the page."""
    c.setFont("Helvetica", 10)
    for i, line in enumerate(PARAGRAPH):
        c.drawString(72, 140 - 13 * i, line)
    _open_rows(c, rows, 96)


def test_a_header_and_one_row_ending_a_page_begin_the_table_under_its_repeated_header(tmp_path):
    """Captions under their tables: page 1 ends with the table's header and its first row,
    set right under a paragraph (whose left edge the stubs share); page 2 prints the rest
    under "Tabell 1 (forts.)" and the header again, the caption under it."""

    def page2(c):
        c.setFont("Helvetica", 9)
        c.drawString(72, 806, "Tabell 1 (forts.)")
        bottom = _open_rows(c, [MEASURES[0], *MEASURES[2:]], 790)
        c.drawString(72, bottom - 20, "Tabell 1: Deltakelse i tiltak")

    tables = _report(tmp_path / "short.pdf", [lambda c: _paragraph_over(c, MEASURES[:2]), page2])
    t = tables["tabell-1"]
    assert (t.pages, t.joined, t.caption) == ([1, 2], True, "Tabell 1: Deltakelse i tiltak")
    assert t.cells == MEASURES


def test_a_short_part_whose_header_the_next_page_does_not_repeat_stays_out(tmp_path):
    """The same page 1, but page 2's table prints other heads: the two lines ending page 1
    are too few to be a table by themselves, and nothing says they begin this one."""
    other = [["Tiltak", "Kvinner", "Menn"], *[[r[0], *r[1:]] for r in MEASURES[2:]]]

    def page2(c):
        bottom = _open_rows(c, other, 790)
        c.setFont("Helvetica", 9)
        c.drawString(72, bottom - 20, "Tabell 1: Deltakelse i tiltak")

    tables = _report(tmp_path / "apart.pdf", [lambda c: _paragraph_over(c, MEASURES[:2]), page2])
    t = tables["tabell-1"]
    assert (t.pages, t.joined, t.cells) == ([2], False, other)


def test_a_part_set_anew_under_its_forts_caption_joins_the_table(tmp_path):
    """Captions under their tables: page 1 ends with the table (no caption); page 2 prints
    its last rows as a grid of its own, columns set anew and no header, under "Tabell 1
    (forts.)", the caption under it. The marker vouches for the part its columns do not."""

    def page1(c):
        _grid(c, [*HEADER, *FIRST], 200, spans={(0, 2)})

    def page2(c):
        c.setFont("Helvetica", 9)
        c.drawString(X[0], 806, "Tabell 1 (forts.)")
        bottom = _grid(c, SECOND, 800, xs=[72.0, 152.0, 202.0, 252.0, 302.0])
        c.setFont("Helvetica", 9)
        c.drawString(X[0], bottom - 12, "Tabell 1: Resultat fylker")

    t = _report(tmp_path / "forts.pdf", [page1, page2])["tabell-1"]
    assert (t.pages, t.joined, t.caption) == ([1, 2], True, "Tabell 1: Resultat fylker")
    assert t.cells == [*HEADER, *FIRST, *SECOND]


def test_a_part_marked_as_another_tables_is_not_joined(tmp_path):
    """Page 1 ends with table 1 under its caption; page 2 begins with a grid of the same
    columns under "Tabell 3 (forts.)": table 3's part, whatever its columns."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 700, "Tabell 1: Resultat fylker")
        _grid(c, [*HEADER, *FIRST], 690, spans={(0, 2)})

    def page2(c):
        c.setFont("Helvetica", 9)
        c.drawString(X[0], 806, "Tabell 3 (forts.)")
        _grid(c, SECOND, 800)

    tables = _report(tmp_path / "other-forts.pdf", [page1, page2])
    t = tables["tabell-1"]
    assert (t.pages, t.joined, t.cells) == ([1], False, [*HEADER, *FIRST])
    assert (tables["tabell-3"].pages, tables["tabell-3"].cells) == ([2], SECOND)


THREE = [["Fylke", "Kvinner", "Menn"], ["Oslo", "45,5 %", "57,0 %"]]


def _two_under_one_number(path: Path, second_caption: str) -> dict:
    """Tabell 2 of four columns on page 1; ``second_caption`` over a grid of three on page 2."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 700, "Tabell 2: Resultat fylker")
        _grid(c, [*HEADER, *FIRST], 690, spans={(0, 2)})

    def page2(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 806, second_caption)
        _grid(c, THREE, 796, xs=X[:4])

    return _report(path, [page1, page2])


def test_two_parts_under_one_number_that_do_not_join_are_both_withheld_naming_each_other(
    tmp_path,
):
    """Page 2 prints "Tabell 2 (forts.)" over a grid of three columns, not the table's four:
    not its part. The part takes an id of its own, and neither is published as whole (before,
    both had the id tabell-2, and the document failed its ids' uniqueness)."""
    tables = _two_under_one_number(tmp_path / "apart.pdf", "Tabell 2 (forts.)")
    assert sorted(tables) == ["tabell-2", "utabell-p2-1"]
    first, part = tables["tabell-2"], tables["utabell-p2-1"]
    assert (first.status, first.cells) == (TableStatus.INCOMPLETE, [*HEADER, *FIRST])
    assert first.reason == (
        "its part on page 2 (utabell-p2-1) does not join it: it has 3 columns, the table 4"
    )
    assert (part.status, part.cells, part.pages) == (TableStatus.INCOMPLETE, THREE, [2])
    assert (
        part.reason
        == "printed as tabell-2's part, but does not join it: it has 3 columns, the table 4"
    )


def test_a_number_printed_again_over_a_table_of_other_columns_names_another_table(tmp_path):
    """Page 2 prints "Tabell 2" again, with no "(forts.)", over a grid of three columns:
    another table under the same number, not its part. Both are read as printed; the later
    one takes an id of its own."""
    tables = _two_under_one_number(tmp_path / "again.pdf", "Tabell 2: Resultat etter kjønn")
    assert sorted(tables) == ["tabell-2", "utabell-p2-1"]
    first, other = tables["tabell-2"], tables["utabell-p2-1"]
    assert (first.status, first.pages, first.cells) == (
        TableStatus.EXTRACTED, [1], [*HEADER, *FIRST]
    )  # fmt: skip
    assert (other.status, other.pages, other.cells) == (TableStatus.EXTRACTED, [2], THREE)


def test_a_caption_with_nothing_read_under_it_does_not_hold_back_the_table_of_its_number(
    tmp_path,
):
    """ "Tabell 2" at the foot of page 1 with a line of prose under it, and the table printed
    under "Tabell 2" again on page 2: nothing was read under the first caption, so it is no
    part of the table. The table keeps its number and is published; the caption's record
    keeps its failure under an id of its own and names the table."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 90, "Tabell 2: Resultat fylker")
        c.setFont("Helvetica", 9)
        c.drawString(X[0], 76, "Tabellen viser resultatet for hvert fylke.")

    def page2(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 806, "Tabell 2: Resultat fylker")
        _grid(c, [*HEADER, *FIRST], 796, spans={(0, 2)})

    tables = _report(tmp_path / "foot.pdf", [page1, page2])
    assert sorted(tables) == ["tabell-2", "utabell-p1-1"]
    table, caption = tables["tabell-2"], tables["utabell-p1-1"]
    assert (table.status, table.pages, table.cells) == (
        TableStatus.EXTRACTED, [2], [*HEADER, *FIRST]
    )  # fmt: skip
    assert (caption.status, caption.pages, caption.cells) == (TableStatus.FAILED, [1], [])
    assert caption.reason.endswith("; tabell-2 was read on page 2")


def test_a_forts_caption_over_what_reads_as_no_table_takes_nothing(tmp_path):
    """A "(forts.)" caption over a lone filled band (a header's background, no grid of two
    rows): it takes nothing, so the rows under it stay free for the table they go on."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 700, "Tabell 2: Resultat fylker")
        _grid(c, [*HEADER, *FIRST], 690, spans={(0, 2)})

    def page2(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 806, "Tabell 2 (forts.)")
        c.setFillColorRGB(0.8, 0.85, 0.9)
        for a, b in pairwise(X):
            c.rect(a + 1, 780, b - a - 2, 16, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 9)
        for k, cell in enumerate(HEADER[1]):
            c.drawString(X[k] + 4, 785, cell)

    tables = _report(tmp_path / "band.pdf", [page1, page2])
    assert sorted(tables) == ["tabell-2"]
    assert (tables["tabell-2"].status, tables["tabell-2"].pages) == (TableStatus.EXTRACTED, [1])


def test_a_tables_head_repeated_atop_two_pages_is_no_running_head(tmp_path):
    """Six pages with a running head on each; the county table runs over pages 3 and 4 with
    its stub head "Fylke" first on both, at the same height. The running head, apart from
    the page's lines, is furniture; "Fylke", set right over the heads under it, stays the
    table's."""
    path = tmp_path / "heads.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, 7):
        c.setFont("Helvetica", 8)
        c.drawString(72, 815, "Nøkkeltall introduksjonsordningen 2025")
        if n in (3, 4):  # the table's head: "Fylke" over the gender heads, a point apart
            c.setFont("Helvetica", 9)
            c.drawString(X[0] + 4, 790, "Fylke")
            for x, head in zip(X[1:], HEADER[1][1:], strict=False):
                c.drawString(x + 4, 779, head)
            for x, cell in zip(X, (FIRST if n == 3 else SECOND)[0], strict=False):
                c.drawString(x + 4, 768, cell)
        c.showPage()
    c.save()
    pdf = open_pdf(path.read_bytes())
    try:
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    found = [sorted(s.text for s in lay.segments if id(s) in ids)
             for lay, ids in zip(layouts, furniture(layouts), strict=True)]  # fmt: skip
    assert found == [["Nøkkeltall introduksjonsordningen 2025"]] * 6


def test_a_paragraph_and_its_short_last_line_right_over_a_table_are_running_text(tmp_path):
    """A narrow paragraph (three or four words a line) ends in a line of two words, and the
    table's stubs, set at its edge, follow right under it: the paragraph is running text to
    its last line, and no stub is."""
    lines = [
        "Introduksjonsprogrammet er et",
        "opplæringsprogram som skal forberede",
        "nyankomne innvandrere til å delta i det",
        "norske arbeidslivet.",
    ]
    path = tmp_path / "narrow.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    for i, line in enumerate(lines):
        c.drawString(72, 700 - 13 * i, line)
    _open_rows(c, MEASURES, 700 - 13 * len(lines) - 6)
    c.save()
    pdf = open_pdf(path.read_bytes())
    try:
        (layout,) = page_layouts(pdf)
    finally:
        pdf.close()
    prose = running_text(layout.segments)
    assert [s.text for s in layout.segments if id(s) in prose] == lines


COUNTIES = [
    ["Agder", "67,9 %", "25,6 %", "42,7 %"],
    ["Akershus", "51,0 %", "29,2 %", "40,1 %"],
    ["Buskerud", "37,9 %", "31,8 %", "36,5 %"],
    ["Finnmark", "18,4 %", "44,0 %", "31,3 %"],
    ["Innlandet", "31,0 %", "38,5 %", "34,2 %"],
    ["Nordland", "30,1 %", "66,0 %", "48,3 %"],
    ["Oslo", "45,5 %", "57,0 %", "45,8 %"],
    ["Rogaland", "42,0 %", "34,4 %", "38,0 %"],
    ["Troms", "40,0 %", "76,3 %", "59,6 %"],
    ["Vestland", "52,2 %", "58,1 %", "55,0 %"],
]


def _open_header(c, top: float) -> float:
    """An open table's header in three lines: the years over their columns, the stub's head
    on a line of its own, then the heads. Returns the baseline of its last line."""
    c.setFont("Helvetica", 9)
    c.drawString(200, top, "2025")
    c.drawString(360, top, "2024")
    c.drawString(72, top - 11, "Fylke")
    for x, head in zip((200, 260, 360), ("Kvinner", "Menn", "Begge kjønn"), strict=True):
        c.drawString(x, top - 22, head)
    return top - 22


def _open_body(c, rows: list[list[str]], top: float) -> None:
    c.setFont("Helvetica", 9)
    for r, row in enumerate(rows):
        y = top - 21 * r
        c.drawString(72, y, row[0])
        for x, cell in zip((200, 260, 360), row[1:], strict=True):
            c.drawString(x, y, cell)


def test_an_open_tables_header_repeated_over_a_gap_on_the_next_page_joins_it(tmp_path):
    """An open table (no rules) runs onto the next page, its three-line header repeated
    there and set off from the first row by a gap three times the rows' (as LibreOffice
    sets a repeated header): the header repeated whole is no text standing over the part."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, 420, "Tabell 2: Resultat per fylke")
        _open_body(c, COUNTIES[:6], _open_header(c, 400) - 21)

    def page2(c):
        _open_body(c, COUNTIES[6:], _open_header(c, 800) - 44)

    t = _report(tmp_path / "open-repeated.pdf", [page1, page2])["tabell-2"]
    assert (t.pages, t.joined) == ([1, 2], True)
    assert t.cells == [
        ["Fylke", "2025", "", "2024"],
        ["", "Kvinner", "Menn", "Begge kjønn"],
        *COUNTIES,
    ]


def test_a_marked_part_ends_where_its_lines_leave_the_tables_columns(tmp_path):
    """Page 2 prints an open table's last rows under "Tabell 2 (forts.)", and right under
    them the labels of a chart, set in other columns: the part is its rows alone."""
    ages = ["18-24 år", "25-30 år", "31-35 år", "36-40 år", "41-45 år", "46-50 år"]

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, 420, "Tabell 2: Resultat per fylke")
        _open_body(c, COUNTIES[:7], _open_header(c, 400) - 21)

    def page2(c):
        c.setFont("Helvetica", 9)
        c.drawString(72, 806, "Tabell 2 (forts.)")
        _open_body(c, COUNTIES[7:], 780)
        c.drawString(110, 716, "Antall avsluttet")
        c.drawString(250, 716, "Andel i arbeid og/eller utdanning")
        for k, (left, right) in enumerate((("6 000", "100 %"), ("4 000", "60 %"))):
            c.drawString(90, 700 - 14 * k, left)
            c.drawString(420, 700 - 14 * k, right)
        for k, age in enumerate(ages):
            c.drawString(110 + 52 * k, 672, age)
        c.drawString(72, 650, "Figur 3: Resultat fordelt på alder")

    t = _report(tmp_path / "part-over-chart.pdf", [page1, page2])["tabell-2"]
    assert (t.pages, t.joined) == ([1, 2], True)
    assert t.cells == [
        ["Fylke", "2025", "", "2024"],
        ["", "Kvinner", "Menn", "Begge kjønn"],
        *COUNTIES,
    ]


GENDER_HEAD = [["Kjønn", "Antall deltakere", "", ""], ["", "2024", "2025", "2026"]]
GENDER = [["Kvinner", "18 548", "13 861", "14 283"], ["Menn", "13 994", "12 292", "13 185"]]


def _stub_head_grid(c, rows: list[list[str]], top: float) -> None:
    """A ruled grid whose header is two rows: the stub head "Kjønn" spans both (the rule
    between them stops at the stub's column), the group head the three year columns."""
    xs = [72.0, 200.0, 290.0, 380.0, 470.0]
    ys = [top - ROW * r for r in range(len(rows) + 3)]
    for r, y in enumerate(ys):
        c.line(xs[1] if r == 1 else xs[0], y, xs[-1], y)
    for k, x in enumerate(xs):
        c.line(x, ys[0] if k in (0, 1, 4) else ys[1], x, ys[-1])
    c.setFont("Helvetica", 9)
    c.drawString(xs[0] + 4, ys[1] - 4, "Kjønn")  # centred on the rule its cell hides
    c.drawString(xs[1] + 4, ys[0] - 13, "Antall deltakere")
    for x, year in zip(xs[1:], ("2024", "2025", "2026"), strict=False):
        c.drawString(x + 4, ys[1] - 13, year)
    for r, row in enumerate(rows):
        for x, cell in zip(xs[:-1], row, strict=True):
            c.drawString(x + 4, ys[r + 2] - 13, cell)


def test_a_stub_head_spanning_two_ruled_header_rows_keeps_both_in_the_header(tmp_path):
    """A ruled table whose stub head spans its two header rows (years under a group head)
    runs onto the next page with its header repeated: both rows are the header, so the
    repeated years are no body row."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, 220, "Tabell 1b: Deltakere etter kjønn")
        _stub_head_grid(c, GENDER[:1], 210)

    def page2(c):
        _stub_head_grid(c, GENDER[1:], 800)

    t = _report(tmp_path / "stub-head.pdf", [page1, page2])["tabell-1b"]
    assert (t.pages, t.joined, t.header_rows) == ([1, 2], True, 2)
    assert t.cells == [*GENDER_HEAD, *GENDER]


def test_a_header_repeated_on_the_next_page_but_read_into_other_cells_is_not_body():
    """The part on the next page begins with the table's header, its spanning head read into
    another column than on the first page (its words the same, in the same order): those
    rows are the header repeated, not body rows."""
    head = [["Tiltak", "Andel av deltakerne", ""], ["", "2024", "2025"]]
    first = Table("tabell-1", None, [3], TableMethod.RULED_GRID, TableStatus.EXTRACTED,
                  [*head, ["Norsk", "45 %", "42 %"]], header_rows=2)  # fmt: skip
    more = Table("tabell-1", None, [4], TableMethod.RULED_GRID, TableStatus.EXTRACTED,
                 [["", "Tiltak Andel av deltakerne", ""], ["", "2024", "2025"],
                  ["Ingen tiltak", "85 %", "52 %"]])  # fmt: skip
    _continue(first, more)
    assert first.cells == [*head, ["Norsk", "45 %", "42 %"], ["Ingen tiltak", "85 %", "52 %"]]
    assert (first.pages, first.joined) == ([3, 4], True)


SPANNED = [
    ["Tiltak i introduksjonsprogrammet", "Andel av deltakerne i program", "", ""],
    ["", "2024 N=27 852", "2025 N=9 695", "2026 N=22 140"],
]
TILTAK = [
    ["Opplæring i norsk og samfunnskunnskap", "34 %", "85 %", "51 %"],
    ["Arbeidsrettede tiltak", "24 %", "92 %", "42 %"],
    ["Andre integreringstiltak", "7 %", "38 %", "20 %"],
    ["Ingen tiltak", "63 %", "86 %", "66 %"],
]


def _spanned(c, rows: list[list[str]], top: float, xs: list[float]) -> float:
    """An open table under a stub head and a head spanning the years' columns, each row
    16 pt under the one before, heads set flush left at ``xs`` and values flush right under
    their heads' ends. Returns the last row's baseline."""
    c.setFont("Helvetica-Bold", 9)
    c.drawString(xs[0], top, SPANNED[0][0])
    c.drawString(xs[1], top, SPANNED[0][1])
    for x, head in zip(xs[1:], SPANNED[1][1:], strict=True):
        c.drawString(x, top - 16, head)
    c.setFont("Helvetica", 9)
    for r, row in enumerate(rows):
        c.drawString(xs[0], top - 32 - 16 * r, row[0])
        for x, cell in zip(xs[1:], row[1:], strict=True):
            c.drawRightString(x + 62, top - 32 - 16 * r, cell)
    return top - 32 - 16 * (len(rows) - 1)


def test_a_part_of_one_row_under_its_header_repeated_in_other_columns_joins_it(tmp_path):
    """Captions under their tables; the table ends page 1 without one, and page 2 repeats
    its header over its last row, the columns set a little further left (a browser lays
    each part out anew), then the caption (fuzzer seed 30, Chromium and WeasyPrint). One
    row shows too few values to set the columns by, and the stub head was read into the
    spanning head's cell: the same words in the same order still make the header repeated."""

    def page1(c):
        _spanned(c, TILTAK[:3], 700, [69.0, 237.0, 335.0, 425.0])

    def page2(c):
        bottom = _spanned(c, TILTAK[3:], 800, [69.0, 224.0, 322.0, 412.0])
        c.setFont("Helvetica-Bold", 10)
        c.drawString(63, bottom - 22, "Tabell 1a: Deltakelse i tiltak")

    t = _report(tmp_path / "repeated-elsewhere.pdf", [page1, page2])["tabell-1a"]
    assert (t.status, t.pages, t.joined) == (TableStatus.EXTRACTED, [1, 2], True)
    assert t.cells == [*SPANNED, *TILTAK]


def test_an_open_part_set_in_narrower_columns_is_read_in_its_own(tmp_path):
    """The table's later part, with no header, set by a browser in columns narrower than the
    table's (fuzzer seed 50): read in the table's columns, a county's name and its first
    value fell into one cell; read in its own, each column holds what the table's does."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, 420, "Tabell 2: Resultat per fylke")
        _open_body(c, COUNTIES[:6], _open_header(c, 400) - 21)

    def page2(c):
        c.setFont("Helvetica", 9)
        for r, row in enumerate(COUNTIES[6:]):
            c.drawString(72, 800 - 16 * r, row[0])
            for x, cell in zip((150, 190, 230), row[1:], strict=True):
                c.drawRightString(x, 800 - 16 * r, cell)

    t = _report(tmp_path / "narrow-part.pdf", [page1, page2])["tabell-2"]
    assert (t.status, t.pages, t.joined) == (TableStatus.EXTRACTED, [1, 2], True)
    assert t.cells == [
        ["Fylke", "2025", "", "2024"],
        ["", "Kvinner", "Menn", "Begge kjønn"],
        *COUNTIES,
    ]


def test_a_marked_part_in_narrower_columns_keeps_its_rows_with_long_names(tmp_path):
    """Page 2 prints the table's last rows under "Tabell 2 (forts.)" in columns of their
    own, as a browser lays the part out anew (fuzzer seed 36): "Møre og Romsdal" reaches
    past where the table's stub column ends, yet it and the rows after it are the part's,
    each column holding what the table's body holds there."""
    head = ["Fylke", "Kvinner", "Menn", "Begge kjønn"]
    rows = [COUNTIES[7], ["Møre og Romsdal", "32,0 %", "28,0 %", "30,0 %"], *COUNTIES[8:]]

    def draw(c, lines, top, xs):
        for r, row in enumerate(lines):
            c.drawString(72, top - 16 * r, row[0])
            for x, cell in zip(xs, row[1:], strict=True):
                c.drawRightString(x, top - 16 * r, cell)

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, 420, "Tabell 2: Resultat per fylke")
        c.setFont("Helvetica", 9)
        draw(c, [head, *COUNTIES[:7]], 400, (150, 230, 310))

    def page2(c):
        c.setFont("Helvetica", 9)
        c.drawString(72, 806, "Tabell 2 (forts.)")
        draw(c, rows, 780, (185, 225, 265))

    t = _report(tmp_path / "marked-narrow.pdf", [page1, page2])["tabell-2"]
    assert (t.status, t.pages, t.joined) == (TableStatus.EXTRACTED, [1, 2], True)
    assert t.cells == [head, *COUNTIES[:7], *rows]


LABELS = [["Arbeid", "Utdanning"], ["34,8 %", "21,8 %"], ["18,6 %", "3,2 %"]]  # a chart's


def _marked_parts(tmp_path, pushed_over_labels: bool) -> dict:
    """Captions under their tables, each table broken over two pages with "(forts.)" over
    its later part (fuzzer seed 64, WeasyPrint and LibreOffice): table 1's caption under its
    last part; table 2's pushed onto page 5, over a chart's labels aligned in columns (its
    own caption "Figur 1" under it), or, with ``pushed_over_labels`` False, under its part."""

    def part(c, caption: str, rows: list[list[str]]) -> float:
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 806, caption)
        return _grid(c, rows, 800, spans={(0, 2)})

    def page1(c):
        c.setFont("Helvetica", 10)
        c.drawString(X[0], 780, "Resultatene måles direkte etter avsluttet program.")
        _grid(c, [*HEADER, FIRST[0]], 200, spans={(0, 2)})

    def page2(c):
        bottom = part(c, "Tabell 1 (forts.)", [*HEADER, FIRST[1], *SECOND])
        c.drawString(X[0], bottom - 14, "Tabell 1: Resultat fylker")

    def page3(c):
        _grid(c, COUNTS[:2], 200, xs=X[:4])

    def page4(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 806, "Tabell 2 (forts.)")
        bottom = _grid(c, [COUNTS[0], COUNTS[2]], 800, xs=X[:4])
        if not pushed_over_labels:
            c.drawString(X[0], bottom - 14, "Tabell 2: Deltakere etter kjønn")

    def page5(c):
        c.setFont("Helvetica-Bold", 10)
        if pushed_over_labels:
            c.drawString(X[0], 806, "Tabell 2: Deltakere etter kjønn")
        c.setFont("Helvetica", 9)
        for k, line in enumerate(LABELS):
            c.drawString(X[0], 770 - 14 * k, line[0])
            c.drawString(X[2], 770 - 14 * k, line[1])
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 700, "Figur 1: Andel i arbeid")

    return _report(tmp_path / "marked.pdf", [page1, page2, page3, page4, page5])


@pytest.mark.parametrize("pushed", [True, False])
def test_captions_after_the_marks_of_their_tables_parts_are_under_them(tmp_path, pushed):
    """The caption habit is told by where each caption stands among its table's parts:
    after "Tabell 2 (forts.)", under the table's last part. A caption pushed onto the next
    page, over a chart's labels, is the caption of the table ending the page before, not
    of the labels under it (a tie of one caption under its table and one over the labels
    before, so the document read as printing captions over its tables)."""
    tables = _marked_parts(tmp_path, pushed)
    one, two = tables["tabell-1"], tables["tabell-2"]
    assert (one.status, one.pages, one.caption) == (
        TableStatus.EXTRACTED, [1, 2], "Tabell 1: Resultat fylker",
    )  # fmt: skip
    assert one.cells == [*HEADER, *FIRST, *SECOND]
    assert (two.status, two.pages, two.caption) == (
        TableStatus.EXTRACTED, [3, 4], "Tabell 2: Deltakere etter kjønn",
    )  # fmt: skip
    assert two.cells == COUNTS


def test_a_marked_part_over_a_chart_takes_neither_its_labels_nor_its_gridlines(tmp_path):
    """As above, with the chart's gridlines drawn across its plot under the labels (fuzzer
    seed 67, LibreOffice): the part is its rows alone, and the rules under them, the
    chart's, are no rules of it (before, the part was read by them, in three columns of the
    chart's labels, its stubs lost)."""

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, 420, "Tabell 2: Resultat per fylke")
        _open_body(c, COUNTIES[:7], _open_header(c, 400) - 21)

    def page2(c):
        c.setFont("Helvetica", 9)
        c.drawString(72, 806, "Tabell 2 (forts.)")
        _open_body(c, COUNTIES[7:], 780)
        c.drawString(110, 722, "Antall avsluttet")
        c.drawString(250, 722, "Andel i arbeid og/eller utdanning")
        for k, (left, right) in enumerate((("6 000", "100 %"), ("4 000", "60 %"), ("0", "0 %"))):
            c.drawString(90, 702 - 28 * k, left)
            c.drawString(420, 702 - 28 * k, right)
            c.line(110, 705 - 28 * k, 400, 705 - 28 * k)  # a gridline at each tick
        c.drawString(140, 690, "56 %")
        c.drawString(230, 676, "57 %")
        c.drawString(72, 620, "Figur 3: Resultat fordelt på alder")

    t = _report(tmp_path / "part-over-gridlines.pdf", [page1, page2])["tabell-2"]
    assert (t.status, t.pages, t.joined) == (TableStatus.EXTRACTED, [1, 2], True)
    assert t.cells == [
        ["Fylke", "2025", "", "2024"],
        ["", "Kvinner", "Menn", "Begge kjønn"],
        *COUNTIES,
    ]


def test_a_grid_ending_its_page_under_a_charts_labels_takes_its_caption_on_the_next(tmp_path):
    """Captions under their tables; page 1 ends with a ruled grid without a caption, under
    a chart whose value labels, aligned in columns, read as a table of their own (fuzzer
    seed 89, LibreOffice); its last part opens page 2, the caption under it. The table
    ending page 1 is the grid, the lowest on the page, not the labels found after it
    (before, the labels were taken for it, and the grid's rows on page 1 were lost)."""

    def page1(c):
        bottom = _grid(c, COUNTS, 800, xs=X[:4])
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], bottom - 14, "Tabell 1: Deltakere etter kjønn")
        c.setFont("Helvetica", 9)
        for k, row in enumerate([["13,5 %", "20,5 %", "11,0 %"], ["29,5 %", "18,6 %", "3,2 %"],
                                 ["34,8 %", "21,8 %", "40,1 %"]]):  # fmt: skip
            for x, label in zip((130, 230, 330), row, strict=True):
                c.drawString(x, 640 - 16 * k, label)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], 580, "Figur 1: Andel i arbeid")
        _grid(c, [*HEADER, *FIRST], 200, spans={(0, 2)})

    def page2(c):
        bottom = _grid(c, [*HEADER, *SECOND], 800, spans={(0, 2)})
        c.setFont("Helvetica-Bold", 10)
        c.drawString(X[0], bottom - 14, "Tabell 2: Resultat fylker")

    t = _report(tmp_path / "grid-under-labels.pdf", [page1, page2])["tabell-2"]
    assert (t.status, t.pages, t.joined) == (TableStatus.EXTRACTED, [1, 2], True)
    assert t.cells == [*HEADER, *FIRST, *SECOND]


def test_a_part_under_a_top_rule_and_its_header_repeated_apart_joins_the_table(tmp_path):
    """An open table between rules (a top rule, a rule under the heads that leaves the stub
    out, a bottom rule) ends page 1 after one row; page 2 opens with its top rule and its
    header repeated, and the part's rows a row's height further down, no caption over it
    (fuzzer seed 4, LibreOffice). The top rule alone, the header's text read apart from the
    rows, is no table by itself: the part is the rows under the header repeated."""

    def ruled(c, rows: list[list[str]], top: float) -> None:
        c.line(66, top + 12, 470, top + 12)
        heads = _open_header(c, top)
        c.line(190, heads - 6, 470, heads - 6)  # under the heads, not under the stub's
        first = heads - 21 - (21 if len(rows) > 1 else 0)  # a row's gap where a row was cut
        _open_body(c, rows, first)
        c.line(66, first - 21 * (len(rows) - 1) - 8, 470, first - 21 * (len(rows) - 1) - 8)

    def page1(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, 330, "Tabell 2: Resultat per fylke")
        ruled(c, COUNTIES[:1], 300)

    def page2(c):
        ruled(c, COUNTIES[1:4], 790)

    t = _report(tmp_path / "top-rule.pdf", [page1, page2])["tabell-2"]
    assert (t.status, t.pages, t.joined) == (TableStatus.EXTRACTED, [1, 2], True)
    assert t.cells == [
        ["Fylke", "2025", "", "2024"],
        ["", "Kvinner", "Menn", "Begge kjønn"],
        *COUNTIES[:4],
    ]


def test_a_caption_pushed_down_onto_the_page_number_takes_the_table_opening_the_next(
    tmp_path,
):
    """A full page whose last caption is set just over its bare page number, closer to it
    than a running foot stands to a page's text (LibreOffice fuzzer seed 1603074529): the
    number is still furniture, as every page prints one at that height, each the page's own,
    so the caption ends its page and takes the grid opening the next."""
    path = tmp_path / "pushed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(X[0], 760, "Tabell 1: Deltakere etter kjønn")
    _grid(c, COUNTS, 750, X[:4])
    c.drawString(X[0], 41, "Tabell 2: Resultat per fylke")
    for n in (1, 2):
        if n == 2:
            _grid(c, [*HEADER, *FIRST], 800, spans={(0, 2)})
        c.setFont("Helvetica", 10)
        c.drawString(X[0], 30, str(n))
        c.showPage()
    c.save()
    tables = _tables(path)
    assert (tables["tabell-1"].status, tables["tabell-1"].cells) == (TableStatus.EXTRACTED, COUNTS)
    t = tables["tabell-2"]
    assert (t.status, t.pages) == (TableStatus.EXTRACTED, [2])
    assert t.cells == [*HEADER, *FIRST]
