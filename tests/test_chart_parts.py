"""The pieces the chart reader stands on: numbers as printed on labels, colours as PDFium
gives them, and the page's paths as marks."""

from __future__ import annotations

from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from reportparse.readers.pdf.chartparts import printed_number
from reportparse.readers.pdf.marks import page_marks, rgb
from reportparse.readers.pdf.objects import PageObjects, Path, read_page


@pytest.mark.parametrize(
    ("text", "exact", "half"),
    [
        ("43 %", "43", "0.5"),
        ("2 186", "2186", "0.5"),
        ("12,5 %", "12.5", "0.05"),
        ("−4,5", "-4.5", "0.05"),
        ("0", "0", "0.5"),
        ("1000", "1000", "0.5"),
        ("15.25", "15.25", "0.005"),
    ],
)
def test_numbers_as_printed(text, exact, half):
    number = printed_number(text)
    assert (number.exact, number.half_unit) == (Decimal(exact), Decimal(half))
    assert number.value == float(exact)


@pytest.mark.parametrize("text", ["2020-2025", "Arbeid", "12 %-poeng", "1 23", "%", "18-24 år"])
def test_not_numbers(text):
    assert printed_number(text) is None


def test_colours_in_rgb():
    assert rgb((0.5,)) == (0.5, 0.5, 0.5)
    assert rgb(1) == (1.0, 1.0, 1.0)
    assert rgb((0.1215686274, 0.3058823529, 0.4745098039)) == (0.1216, 0.3059, 0.4745)
    assert rgb((0.0, 1.0, 1.0, 0.0)) == (1.0, 0.0, 0.0)  # CMYK cyan-free magenta+yellow: red
    assert rgb("P1") is None  # a pattern
    assert rgb(None) is None


def test_marks_keep_only_the_colours_a_path_uses(tmp_path):
    path = tmp_path / "marks.pdf"
    c = Canvas(str(path), pagesize=A4)
    c.setFillColorRGB(0.2, 0.4, 0.6)
    c.rect(100, 700, 40, 80, stroke=0, fill=1)  # a bar
    c.setStrokeColorRGB(1, 0.5, 0)
    c.setLineWidth(2)
    c.line(100, 650, 160, 650)  # a line swatch: the fill colour above is stale here
    p = c.beginPath()  # a bar written as a closed path, not a rectangle
    p.moveTo(200, 700)
    p.lineTo(230, 700)
    p.lineTo(230, 760)
    p.lineTo(200, 760)
    p.close()
    c.setFillColorRGB(0, 0.5, 0)
    c.drawPath(p, stroke=0, fill=1)
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(path)
    marks = page_marks(read_page(pdf[0]))
    pdf.close()
    got = sorted((m.kind, round(m.x0), round(m.top), m.fill, m.stroke) for m in marks)
    # PDFium gives a colour's components in 8 bits: 0.5 comes back as 128/255
    assert got == [
        ("line", 100, 192, None, (1.0, 0.502, 0.0)),
        ("rect", 100, 62, (0.2, 0.4, 0.6), None),
        ("rect", 200, 82, (0.0, 0.502, 0.0), None),
    ]


def _curve(pts, fill=True):
    xs, ys = [x for x, _ in pts], [y for _, y in pts]
    return Path(kind="curve", x0=min(xs), top=min(ys), x1=max(xs), bottom=max(ys), pts=pts,
                fill=fill, stroke=False, non_stroking_color=(0.0, 0.5, 0.0), stroking_color=None,
                linewidth=1.0, matrix=(1.0, 0.0, 0.0, 1.0, 0.0, 0.0))  # fmt: skip


def test_a_filled_four_corner_path_is_a_box():
    """pdfminer gives some programs' bars as curves: a closed path round four corners with
    axis-parallel sides; a slanted one, or one not filled, stays a curve."""
    box = [(200.0, 82.0), (230.0, 82.0), (230.0, 142.0), (200.0, 142.0), (200.0, 82.0)]
    slanted = [(0.0, 0.0), (30.0, 5.0), (30.0, 60.0), (0.0, 60.0), (0.0, 0.0)]
    page = PageObjects(595.0, 842.0, 0, paths=[_curve(box), _curve(slanted), _curve(box, False)])
    kinds = [(m.kind, m.fill) for m in page_marks(page)]
    assert kinds == [("rect", (0.0, 0.5, 0.0)), ("curve", (0.0, 0.5, 0.0)), ("curve", None)]
