"""What PDFium reads differently from pdfminer, and what the glyph and path layer makes of it:
ligatures, line-end hyphens, footnote markers, spaces, Type 3 fonts, clipping, colours,
turned pages, a header after other bytes, encrypted and damaged files.

Where a test gives a glyph's box, the numbers are those pdfminer (under pdfplumber) gave for
the same glyph, to a thousandth of a point: the layer reads what the engine read before."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from reportparse.model import DocumentError
from reportparse.readers.document import SourceKind, read_tables, sniff
from reportparse.readers.pdf.objects import read_page
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts
from reportparse.readers.pdf.streams import inflating_beyond

import bombs
import pdfs
from conftest import RAW


def page(path, number: int):
    pdf = pdfium.PdfDocument(path)
    try:
        return read_page(pdf[number - 1])
    finally:
        pdf.close()


def box(glyph) -> tuple[str, tuple[float, float, float, float]]:
    return (glyph.text, (glyph.x0, glyph.x1, glyph.top, glyph.bottom))


def test_a_ligature_is_one_glyph_of_its_letters_with_the_ligature_s_width():
    """PDFium spells the ligature glyph "fl" as "f" and "l" at one origin; it is one glyph,
    as wide as the font makes the ligature, as pdfminer read it."""
    report = page(RAW / "imdi-rapport-2021.pdf", 1)
    first = next(c for c in report.chars if len(c.text) > 1)
    assert box(first) == ("fl", pytest.approx((78.395, 85.278, 74.098, 87.109), abs=1e-3))
    slides = page(RAW / "imdi-integreringsloven-slides-2025.pdf", 1)
    # "ti" has no Unicode ligature: its width is the one PDFium gives the glyph
    ti = next(c for c in slides.chars if c.text == "ti")
    assert box(ti) == ("ti", pytest.approx((605.361, 614.266, 148.819, 164.806), abs=1e-3))
    assert not [c for c in report.chars + slides.chars if not c.text.strip() and c.text != " "]


def test_a_line_end_hyphen_reads_as_printed():
    """PDFium gives a hyphen that ends a line as U+0002; it is the "-" printed there."""
    report = page(RAW / "imdi-rapport-2021.pdf", 1)
    hyphen = next(c for c in report.chars if abs(c.x0 - 388.004) < 1e-3)
    assert box(hyphen) == ("-", pytest.approx((388.004, 391.986, 112.280, 125.291), abs=1e-3))
    assert not [c for c in report.chars if "\x02" in c.text]


def test_a_footnote_marker_stays_a_marker_and_a_space_pdfium_drops_changes_nothing():
    """The space the report draws after the raised "2" on page 4 is one PDFium leaves out
    of its text page (pdfminer kept it); the marker and the line read as before."""
    chars = page(RAW / "imdi-nokkeltall-2025.pdf", 4).chars
    line = [c for c in chars if abs(c.top - 331.001) < 1e-2 and c.x0 > 480]
    assert "".join(c.text for c in line) == "l 4 år2"
    marker = line[-1]
    assert box(marker) == ("2", pytest.approx((505.0, 508.238, 331.001, 337.401), abs=1e-3))
    pdf = open_pdf((RAW / "imdi-nokkeltall-2025.pdf").read_bytes())
    try:
        [layout] = page_layouts(pdf, pages={4})
    finally:
        pdf.close()
    [segment] = [s for s in layout.segments if s.text.endswith("fra 3 måneder til 4 år")]
    assert [(m.text, m.offset) for m in segment.markers] == [("2", len(segment.text))]


def _type3_pdf() -> bytes:
    """A page of text in a Type 3 font: glyphs drawn by content streams, named "a" and "b"
    by the font's /Differences, 600 and 400 thousandths of the size wide."""
    glyph = bombs.stream(b"600 0 0 0 600 700 d1 0 0 600 700 re f")
    font = (
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] "
        b"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 6 0 R /b 6 0 R >> "
        b"/Encoding << /Type /Encoding /Differences [97 /a /b] >> "
        b"/FirstChar 97 /LastChar 98 /Widths [600 400] /Resources << >> >>"
    )
    content = bombs.stream(b"BT /T3 20 Tf 100 700 Td (abba) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /T3 5 0 R >> >> >>",
        content,
        font,
        glyph,
    ]
    return bombs.written(objects)


def test_a_type3_font_reads_its_glyph_names_and_widths():
    chars = page(_type3_pdf(), 1).chars
    assert [(c.text, round(c.x0, 3), round(c.x1, 3), c.size) for c in chars] == [
        ("a", 100.0, 112.0, 20.0),
        ("b", 112.0, 120.0, 20.0),
        ("b", 120.0, 128.0, 20.0),
        ("a", 128.0, 140.0, 20.0),
    ]
    assert {(c.top, c.bottom) for c in chars} == {(122.0, 142.0)}  # on the baseline y = 700


def test_a_path_its_clipping_path_hides_is_left_out(tmp_path):
    path = tmp_path / "clipped.pdf"
    c = Canvas(str(path), pagesize=A4)
    c.saveState()
    clip = c.beginPath()
    clip.rect(100, 600, 200, 100)
    c.clipPath(clip, stroke=0, fill=0)
    c.setFillColorRGB(0.2, 0.4, 0.6)
    c.rect(120, 620, 50, 50, stroke=0, fill=1)  # inside: shown
    c.rect(150, 680, 200, 50, stroke=0, fill=1)  # across the edge: shown in part
    c.rect(400, 100, 50, 50, stroke=0, fill=1)  # outside: hidden
    c.restoreState()
    c.setStrokeColorRGB(1, 0, 0)
    c.line(400, 100, 450, 100)  # after the clip is lifted: shown
    c.showPage()
    c.save()
    paths = page(path, 1).paths
    assert [
        (p.kind, round(p.x0), round(p.top), p.non_stroking_color, p.stroking_color) for p in paths
    ] == [
        ("rect", 120, 172, (0.2, 0.4, 0.6), None),
        ("rect", 150, 112, (0.2, 0.4, 0.6), None),
        ("line", 400, 742, None, (1.0, 0.0, 0.0)),
    ]


def test_a_turned_page_is_read_as_shown(tmp_path):
    """/Rotate 90: the text is given upright, in the coordinates of the page turned."""
    path = pdfs.text_pdf(tmp_path / "turned.pdf", ["Tabell 1: Deltakere"])
    pdf = pdfium.PdfDocument(path)
    pdf[0].set_rotation(90)
    turned = tmp_path / "turned-90.pdf"
    pdf.save(turned)
    pdf.close()
    upright, shown = page(path, 1), page(turned, 1)
    assert (shown.width, shown.height, shown.rotation) == (841.8898, 595.2756, 90)  # A4
    first, turned_first = upright.chars[0], shown.chars[0]
    assert turned_first.text == first.text == "T"
    # the page turns clockwise: what stood at (x, top) stands at (height - bottom, x)
    assert (turned_first.x0, turned_first.top) == pytest.approx(
        (upright.height - first.bottom, first.x0)
    )
    assert (turned_first.upright, round(turned_first.angle)) == (False, 270)


def test_a_header_after_other_bytes_is_a_pdf(tmp_path):
    """Bytes before "%PDF-" (a server's leftovers) are allowed within the first 1024 bytes,
    as readers allow them; further in, the file is not a PDF."""
    data = pdfs.text_pdf(tmp_path / "t.pdf", ["Tabell 1: Deltakere", "A 1", "B 2"]).read_bytes()
    late = b"x" * 1000 + data
    assert sniff(late) == SourceKind.PDF
    assert page_layouts(open_pdf(late))[0].segments[0].text == "Tabell 1: Deltakere"
    assert read_tables(late) == read_tables(data)
    too_late = b"x" * 1024 + data
    assert sniff(too_late) == SourceKind.UNKNOWN
    with pytest.raises(DocumentError, match=r"^not a PDF \(no %PDF header\)$"):
        open_pdf(too_late)


def _written(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (pdfs.encrypted_pdf, "encrypted PDF (a password is needed to read it)"),
        (pdfs.corrupt_pdf, "corrupt PDF (data format error)"),
        (lambda p: _written(p, bombs.huge_length_pdf(5)), "corrupt PDF (page 1: its "
         "content stream (object 4) declares /Length 5, which does not end at 'endstream')"),
    ],
)  # fmt: skip
def test_a_file_pdfium_cannot_read_as_published_fails_in_one_line(tmp_path, build, reason):
    path = build(tmp_path / "bad.pdf")
    with pytest.raises(DocumentError) as failure:
        open_pdf(path.read_bytes())
    assert str(failure.value) == reason


def test_a_stream_that_inflates_beyond_the_memory_left_is_told_before_pdfium_reads_it():
    """PDFium aborts the process when an allocation fails under the worker's memory limit
    (pdfminer raised MemoryError); so a stream that would inflate beyond the budget is
    counted first, and a stream that cannot reach it even at deflate's highest ratio is
    not inflated at all."""
    bomb = bombs.inflating_pdf(128 * bombs.MiB)  # two Flate filters, a few KiB on disk
    assert inflating_beyond(bomb, 64 * bombs.MiB)
    assert not inflating_beyond(bomb, 129 * bombs.MiB)
    for path in sorted(RAW.glob("*.pdf")):
        assert not inflating_beyond(path.read_bytes(), bombs.GiB), path.name
    assert inflating_beyond((RAW / "imdi-nokkeltall-2025.pdf").read_bytes(), 100_000)


def test_a_space_drawn_under_the_next_glyph_is_no_letter_of_it(tmp_path):
    """A number drawn as a space, then moved back over it ("[( ) 278 (105.19)] TJ"): PDFium
    gives the space and the "1" one origin. The space takes no room; the "1" keeps its width,
    so the number is not read as "1 05.19"."""
    rows = [
        ["Region", "1951-1961", "2001-2011"],
        ["North", "105.19", "6.68"],
        ["South", "15.65", "-24.56"],
        ["East", "81.17", "11.10"],
        ["West", "9.44", "4.86"],
    ]
    path = tmp_path / "spaced.pdf"
    c = Canvas(str(path), pagesize=A4)
    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            text = c.beginText(80 + i * 90, 700 - r * 16)
            text.setFont("Helvetica", 10)
            if i:
                text._code.append(f"[( ) 278 ({cell})] TJ")
            else:
                text.textOut(cell)
            c.drawText(text)
    c.showPage()
    c.save()
    glyphs = [box(g) for g in page(path, 1).chars if 165 < g.x0 < 181 and g.top < 135]
    assert glyphs == [
        (" ", pytest.approx((170.0, 170.0, 131.89, 141.89), abs=1e-2)),
        ("1", pytest.approx((170.0, 175.56, 131.89, 141.89), abs=1e-2)),
        ("9", pytest.approx((175.56, 181.12, 131.89, 141.89), abs=1e-2)),
    ]
    [table] = read_tables(path.read_bytes())
    assert table.cells == rows
