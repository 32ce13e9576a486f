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


SLIDE = (960, 540)  # a 16:9 slide in points


def _vera() -> None:
    """Bitstream Vera (shipped with reportlab): a TrueType font, so that "•" reads back."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
        pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))


def _slide_title(c: Canvas, lines: list[str], y: float = 480) -> float:
    c.setFont("VeraBd", 24)
    for line in lines:
        c.drawString(40, y, line)
        y -= 30
    return y


def _grid(c: Canvas, x0: float, top: float, widths: list[float], rows: list[list[str]]) -> None:
    """A boxed table: a rule around every cell, a cell's lines split on "\\n"."""
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    heights = [8 + 13 * max(cell.count("\n") + 1 for cell in row) for row in rows]
    ys = [top]
    for h in heights:
        ys.append(ys[-1] - h)
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 11)
            for i, line in enumerate(cell.split("\n")):
                c.drawString(xs[k] + 4, ys[r] - 14 - 13 * i, line)


def _box(c: Canvas, x: float, y: float, w: float, h: float, lines: list[str]) -> None:
    c.rect(x, y, w, h, stroke=1, fill=0)
    c.setFont("Helvetica", 10)
    for i, line in enumerate(lines):
        c.drawCentredString(x + w / 2, y + h - 16 - 12 * i, line)


def law_slides(path: Path) -> Path:
    """A deck on the integration act for another bill, in a style the corpus does not have:
    Vera and Helvetica, "•" bullets, the columns of the § 13 table in another order, a § 14 title on
    two lines, a flow chart of ruled boxes joined by lines, and a group-discussion slide."""
    _vera()
    c = Canvas(str(path), pagesize=SLIDE)
    # slide 1: title left, bullets right
    c.setFont("VeraBd", 22)
    for i, line in enumerate(
        ["Prop. 95 L (2026–2027)", "Endringer i integreringsloven", "(kortere program)"]
    ):
        c.drawString(40, 330 - 28 * i, line)
    c.setFont("Vera", 14)
    bullets = [
        "• 1. juli 2027",
        "• Innvandrere fra og med 18 til og med 67 år har rett og plikt",
        "  til å delta i introduksjonsprogram.",
        "• Deltidsprogram: minst 12 timer per uke",
        "• Arbeidsrettet innhold fra 2. måned",
    ]
    for i, line in enumerate(bullets):
        c.drawString(480, 400 - 24 * i, line)
    c.showPage()
    # slide 2: the § 13 table, columns in another order, a wrapped cell
    _slide_title(
        c,
        ["§ 13 – introduksjonsprogram for deltakere med utdanning på",
         "videregående nivå eller høyere"],
    )  # fmt: skip
    _grid(
        c, 40, 400, [260, 260, 160, 160],
        [
            ["Deltaker", "Sluttmål", "Forlengelse", "Maksimal varighet"],
            ["Alle", "Arbeid", "Nei", "Inntil 9 måneder"],
            ["Fra og med 20 år til og med 50 år\n(etter kartlegging)",
             "Forberede for høyere utdanning", "Inntil 3 måneder", "Inntil 12 måneder"],
        ],
    )  # fmt: skip
    c.showPage()
    # slide 3: the § 14 table
    _slide_title(
        c,
        ["§ 14 - introduksjonsprogram for deltakere som ikke har",
         "utdanning på videregående nivå eller høyere"],
    )  # fmt: skip
    _grid(
        c, 40, 400, [300, 260, 140, 140],
        [
            ["Sluttmål", "Deltaker", "Maksimal varighet", "Forlengelse"],
            ["Arbeid", "Alle", "Inntil 18 måneder", "Nei"],
            ["Fullføre videregående opplæring", "Under 30 år", "Inntil 4 år", "Inntil 1 år"],
        ],
    )  # fmt: skip
    c.showPage()
    # slide 4: a flow chart of ruled boxes joined by lines, with numbers in its boxes
    _slide_title(c, ["Etter oppstart: 2/3"])
    _box(c, 40, 230, 150, 70, ["Personen har startet", "- hva er utfordringen?"])
    _box(c, 260, 330, 170, 70, ["A. Fravær over", "3 måneder?"])
    _box(c, 260, 230, 170, 70, ["B. Deltaker ønsker", "å avbryte"])
    _box(c, 260, 130, 170, 70, ["C. Under 10 timer", "i uka i 2 uker?"])
    _box(c, 500, 230, 170, 70, ["AVBRYTELSE"])
    c.line(190, 265, 260, 365)
    c.line(190, 265, 260, 265)
    c.line(190, 265, 260, 165)
    c.line(430, 265, 500, 265)
    c.showPage()
    # slide 5: a group discussion
    _slide_title(c, ["Gruppediskusjon"])
    c.setFont("Vera", 14)
    c.drawString(40, 380, "• Gruppediskusjon runde 1 – hva er deres erfaringer? Snakk i 10 min.")
    c.showPage()
    c.save()
    return path
