"""Right-to-left text (Hebrew, Arabic) in a table reads in logical order, as typed, while the
page prints it in visual order. Each PDF is drawn by the test from the logical text (turned
into visual order for drawing), so the cells expected are the text as typed."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from bidi import get_display
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from reportparse.readers.document import read_tables
from reportparse.readers.pdf.direction import logical

# DejaVu Sans has Hebrew and Arabic letters; matplotlib (a dependency) ships it
DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
HEBREW = [
    ["מחוז", "נשים", "גברים"],
    ["צפון", "1 204", "1 310"],
    ["דרום", "988", "1 022"],
    ["מרכז 2", "415", "430"],
]
ARABIC = [
    ["المنطقة", "نساء", "رجال"],
    ["الشمال", "77", "81"],
    ["الجنوب", "120", "134"],
    ["الشرق", "56", "61"],
]


def _pdf(path: Path, rows: list[list[str]], ruled: bool) -> Path:
    """``rows`` drawn right to left (the first column rightmost), each cell in visual order."""
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVu", 10)
    edges = [450, 330, 250, 170]  # right to left
    for r, row in enumerate(rows):
        y = 760 - 20 * r
        for k, cell in enumerate(row):
            c.drawRightString(edges[k] - 4, y - 14, get_display(cell))
    if ruled:
        for r in range(len(rows) + 1):
            c.line(edges[-1], 760 - 20 * r, edges[0], 760 - 20 * r)
        for x in edges:
            c.line(x, 760, x, 760 - 20 * len(rows))
    c.save()
    return path


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "open"])
@pytest.mark.parametrize("rows", [HEBREW, ARABIC], ids=["hebrew", "arabic"])
def test_cells_read_in_logical_order(tmp_path, rows, ruled):
    (table,) = read_tables(_pdf(tmp_path / "rtl.pdf", rows, ruled).read_bytes())
    # columns stay as printed, left to right: the first column of the text is the rightmost
    assert table.cells == [list(reversed(r)) for r in rows]


def test_a_line_mixing_directions():
    assert logical("םולש 123 םלוע") == "עולם 123 שלום"
    assert logical("Total 1 204") == "Total 1 204"
    # Arabic presentation forms (the letters' joined shapes) are written as letters
    assert logical("\ufee3\ufeae\ufea3") == "حرم"


# Arabic as a typesetter prints it: each letter in its joined shape (presentation forms),
# cells of two words; the lam-alef ligature (U+FEFB) one glyph of two letters. Visual order.
SHAPED = [  # (visual, left to right, as drawn; logical, as typed)
    ("\ufee5\ufe8e\ufec4\ufee0\ufeb3 \ufef2\ufee4\ufeb3\ufe8d", "اسمي سلطان"),
    ("\ufe94\ufef3\ufefb\ufeed \ufee6\ufee3", "من ولاية"),
    ("\ufec2\ufec4\ufed7 47 \ufef1\ufeaa\ufee8\ufecb", "عندي 47 قطط"),
]


def _shaped_pdf(path: Path) -> Path:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVu", 12)
    for r, (visual, _) in enumerate(SHAPED):
        y = 740 - 22 * r
        c.drawRightString(460, y, visual)
        c.drawRightString(250, y, str(10 + r))
        c.drawRightString(320, y, str(20 + r))
    c.save()
    return path


def test_shaped_arabic_keeps_its_words_and_ligatures(tmp_path):
    """Each glyph as wide as it is drawn (the font's width by the plain letter is another
    glyph's), so the spaces between words stay; a ligature's letters in reading order."""
    (table,) = read_tables(_shaped_pdf(tmp_path / "shaped.pdf").read_bytes())
    assert table.cells == [[str(10 + r), str(20 + r), text] for r, (_, text) in enumerate(SHAPED)]


def test_a_combining_mark_follows_its_letter(tmp_path):
    """A vowel sign drawn as a glyph of its own, raised over its letter (as ``مرحباً`` is
    printed): in the letter's cell, after it in reading order."""
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    path = tmp_path / "mark.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVu", 12)
    word = "\ufe8e\ufe92\ufea3\ufeae\ufee3"  # مرحبا, visual order: the alif leftmost
    rows = [(word, "12"), ("\ufe8e\ufee8\ufe8d", "7"), ("\ufee6\ufee3", "30")]  # انا, من
    for r, (visual, value) in enumerate(rows):
        y = 740 - 22 * r
        c.drawString(400, y, visual)
        c.drawRightString(250, y, value)
    alif = c.stringWidth("\ufe8e", "DejaVu", 12)
    c.drawString(400 + alif / 2 - 1, 744, "\u064b")  # fathatan, raised over the alif
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == [["12", "مرحباً"], ["7", "انا"], ["30", "من"]]


def test_a_space_drawn_over_a_letter_is_no_gap(tmp_path):
    """A typesetter of right-to-left text may show the space between words at the origin of
    the number it follows (moved back to it in the same text run, as the Hebrew table of
    tests/truth/public/tabula-indictb1h-14-p1 does): the space lies on the number's first
    digit and splits nothing."""
    path = tmp_path / "space.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 9)  # the page's first font: /F1
    rows = [("Total", "12.0", "-4.3"), ("Building", "11.6", "3.4"), ("Imports", "13.3", "-20.6")]
    for r, (label, a, b) in enumerate(rows):
        y = 740 - 14 * r
        c.drawString(100, y, label)
        for x, value in ((200, a), (260, b)):
            back = c.stringWidth(value, "Helvetica", 1000)  # back to the origin, in 1/1000 em
            c._code.append(f"BT /F1 9 Tf 1 0 0 1 {x} {y} Tm [({value}) {back:.0f} ( )] TJ ET")
    c.save()
    (table,) = read_tables(path.read_bytes())
    assert table.cells == [list(row) for row in rows]
