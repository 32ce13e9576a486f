"""Small PDFs built on the fly for the tests (reportlab): bad files and unseen layouts."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

CORPUS_PDF = Path(__file__).resolve().parents[1] / "raw" / "imdi-nokkeltall-2025.pdf"


def text_pdf(path: Path, lines: list[str], **canvas_args) -> Path:
    c = Canvas(str(path), pagesize=A4, **canvas_args)
    y = 800
    for line in lines:
        c.setFont("Helvetica", 11)
        c.drawString(25 * mm, y, line)
        y -= 16
    c.showPage()
    c.save()
    return path


def encrypted_pdf(path: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("secret", ownerPassword="owner", strength=128)
    return text_pdf(path, ["Nøkkeltall introduksjonsordningen 2025"], encrypt=enc)


def image_only_pdf(path: Path) -> Path:
    c = Canvas(str(path), pagesize=A4)
    c.setFillGray(0.3)
    for i in range(20):
        c.rect(25 * mm, 800 - i * 30, 150 * mm, 12, fill=1, stroke=0)
    c.showPage()
    c.save()
    return path


def truncated_pdf(path: Path) -> Path:
    data = CORPUS_PDF.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\ntrailer\n<<>>\n%%EOF\n")
    return path


def _sup(c: Canvas, x: float, y: float, text: str, size: float = 11) -> float:
    """Draw text, then return x after it."""
    c.setFont("Helvetica", size)
    c.drawString(x, y, text)
    return x + c.stringWidth(text, "Helvetica", size)


def nokkeltall_like(path: Path, year: int, counties: list[tuple[str, int, int, int, int]]) -> Path:
    """A report of the Nøkkeltall family for ``year`` in a layout the corpus does not have:
    Helvetica, a minimal county table (rules only above and below the header and at the
    bottom), a boxed measures table, and a footnote marker as a raised small glyph."""
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 26)
    c.drawString(25 * mm, 760, f"Nøkkeltall introduksjonsordningen {year}")
    c.setFont("Helvetica", 14)
    c.drawString(25 * mm, 730, "Resultater for flyktninger som avsluttet program")
    c.showPage()
    # page 2: running text with a superscript marker and its footnote
    x = _sup(c, 25 * mm, 780, f"Om lag 21 500 flyktninger deltok i introduksjonsprogram i {year}.")
    c.setFont("Helvetica", 7)
    c.drawString(x + 0.5, 784, "1")
    _sup(
        c,
        25 * mm,
        762,
        f"I {year} gikk 47 prosent direkte over til arbeid, og 6 prosent til utdanning.",
    )
    c.line(25 * mm, 80, 80 * mm, 80)
    c.setFont("Helvetica", 7)
    c.drawString(25 * mm, 70, "1")
    c.setFont("Helvetica", 9)
    c.drawString(25 * mm + 5, 67, f"Nøyaktig 21 480 deltakere i {year}.")
    c.showPage()
    # page 3: a boxed measures table, header values in its second header row
    c.setFont("Helvetica-Oblique", 9)
    c.drawString(25 * mm, 790, "Tabell 1: Deltakelse i tiltak fordelt på tiltaksgrupper")
    cols = [25 * mm, 100 * mm, 140 * mm, 180 * mm]
    rows = [780, 764, 748, 732, 716]
    cells = [
        ["Tiltak", "Andel", "Andel"],
        ["", f"{year - 1} N=26 407", f"{year} N=21 480"],
        ["Arbeidsrettede tiltak", "47 %", "52 %"],
        ["Foreldreveiledning", "13 %", "12 %"],
    ]
    for y in rows:
        c.line(cols[0], y, cols[-1], y)
    for x in cols:
        c.line(x, rows[0], x, rows[-1])
    for r, row in enumerate(cells):
        for k, text in enumerate(row):
            c.setFont("Helvetica-Bold" if r < 2 else "Helvetica", 9)
            c.drawString(cols[k] + 3, rows[r] - 11, text)
    # a minimal county table: caption, header, rule, body, rule
    c.setFont("Helvetica-Oblique", 9)
    c.drawString(25 * mm, 650, "Tabell 2: Resultat per fylke")
    c.setFont("Helvetica-Bold", 9)
    heads = [
        "Fylke",
        f"Kvinner {year}",
        f"Menn {year}",
        f"Begge kjønn {year}",
        f"Begge kjønn {year - 1}",
    ]
    xs = [25 * mm, 75 * mm, 105 * mm, 135 * mm, 170 * mm]
    for x, h in zip(xs, heads, strict=True):
        c.drawString(x, 630, h)
    c.line(25 * mm, 625, 200 * mm, 625)
    y = 612
    c.setFont("Helvetica", 9)
    for name, *values in counties:
        c.drawString(xs[0], y, name)
        for x, v in zip(xs[1:], values, strict=True):
            c.drawRightString(x + 18 * mm, y, f"{v} %")
        y -= 14
    c.line(25 * mm, y + 8, 200 * mm, y + 8)
    c.showPage()
    c.save()
    return path
