"""Small PDFs built on the fly for the tests (reportlab): bad files and unseen layouts."""

from __future__ import annotations

import re
from dataclasses import dataclass
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


# ---------------------------------------------------------------- a results report


@dataclass
class PrintedTable:
    """A table to print: header rows, then body rows. A "\\n" breaks a cell over lines;
    None in a header row is covered by the cell to its left (a group header)."""

    header: list[list[str | None]]
    body: list[list[str]]
    widths: list[float]
    style: str = "ruled"  # ruled: every rule; minimal: a rule under the header and at the bottom
    below: str = ""  # a line printed under the table ("N=3295")


class Slide:
    """One 16:9 landscape page, drawn top-down: ``top`` counts points from the top edge."""

    W, H = 960.0, 540.0

    def __init__(self, c: Canvas, chapter: str):
        self.c = c
        self.text(40, 20, chapter, 26, bold=True)

    def text(self, x: float, top: float, text: str, size: float = 13, bold: bool = False) -> float:
        """Draw one line; return x after it."""
        font = "Helvetica-Bold" if bold else "Helvetica"
        self.c.setFont(font, size)
        self.c.drawString(x, self.H - top - size, text)
        return x + self.c.stringWidth(text, font, size)

    def lines(self, x: float, top: float, lines: list[str], size: float = 11, bold=False) -> float:
        """Draw lines under each other; "^N" prints N as a raised footnote marker.
        Return the bottom."""
        for line in lines:
            at = x
            for i, part in enumerate(re.split(r"\^(\d+)", line)):
                if i % 2:
                    self.c.setFont("Helvetica", 0.6 * size)
                    self.c.drawString(at + 0.5, self.H - top - 0.6 * size, part)
                    at += 0.5 + self.c.stringWidth(part, "Helvetica", 0.6 * size)
                else:
                    at = self.text(at, top, part, size, bold)
            top += 1.25 * size
        return top

    def footnote(self, top: float, mark: str, text: str, size: float = 9) -> None:
        self.c.setFont("Helvetica", 0.6 * size)
        self.c.drawString(40, self.H - top - 0.6 * size, mark)
        self.text(40 + size, top, text, size)

    def captioned(self, x: float, caption: list[str], content=None, top: float = 100) -> float:
        """A caption and under it a table, tables side by side, or (None) a picture."""
        top = self.lines(x, top, caption, 11.5, bold=True) + 8
        if content is None or content == PICTURE:
            return self.picture(x, top)
        if isinstance(content, PrintedTable):
            return self.table(x, top, content)
        bottom = top
        for t in content:
            bottom = max(bottom, self.table(x, top, t))
            x += sum(t.widths) + 20
        return bottom

    def picture(self, x: float, top: float, w: float = 400, h: float = 200) -> float:
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        image = Image.new("RGB", (120, 60), (70, 110, 160))
        self.c.drawImage(ImageReader(image), x, self.H - top - h, w, h)
        return top + h

    def table(self, x: float, top: float, t: PrintedTable, size: float = 9) -> float:
        rows = [*t.header, *t.body]
        line_h = size + 2
        heights = [max(len((cell or "").split("\n")) for cell in row) * line_h + 6 for row in rows]
        xs = [x + sum(t.widths[:i]) for i in range(len(t.widths) + 1)]
        ys = [top + sum(heights[:i]) for i in range(len(rows) + 1)]
        for r, row in enumerate(rows):
            for k, cell in enumerate(row):
                for i, text in enumerate((cell or "").split("\n")):
                    self.text(xs[k] + 4, ys[r] + 3 + i * line_h, text, size, r < len(t.header))
        rule = self.c.line
        if t.style == "ruled":
            for y in ys:
                rule(xs[0], self.H - y, xs[-1], self.H - y)
            for r, row in enumerate(rows):
                for k, xk in enumerate(xs):
                    if 0 < k < len(row) and row[k] is None:
                        continue
                    rule(xk, self.H - ys[r], xk, self.H - ys[r + 1])
        else:
            for y in (ys[len(t.header)], ys[-1]):
                rule(xs[0], self.H - y, xs[-1], self.H - y)
        if t.below:
            self.text(x, ys[-1] + 4, t.below, size)
        return ys[-1]


PICTURE = "picture"


def results_report_like(path: Path, year: int, tables: dict[str, PrintedTable]) -> Path:
    """A results report of the family of IMDi's 2021 report, for ``year``: the same chapters,
    captions and pictures, the tables given (by number, "kjonn-spor" for the one without
    a caption), running text with manual hyphenation and raised footnote markers."""
    c = Canvas(str(path), pagesize=(Slide.W, Slide.H), invariant=True)
    c.setTitle(f"Introduksjonsprogram i {year}: Flere i arbeid")
    prev, first = year - 1, year - 3
    s = Slide(c, "1 Sammendrag")
    s.lines(40, 75, [
        f"10 674 flyktninger deltok i introduksjonsprogram i løpet av {year},",
        f"hvorav 2 100^1 startet program i løpet av {year}.",
        "",
        f"3 000 flyktninger avsluttet introduksjonsprogram i {year}. Tall fra na-",
        "sjonalt introduksjonsregister (NIR) viser at 50 prosent av disse gikk",
        "direkte over til arbeid eller utdanning.",
    ])  # fmt: skip
    s.lines(480, 75, [
        "- 21 prosent av de som avsluttet program gikk direkte over til",
        f"arbeid i {year}^2.",
        f"- 29 prosent av de som avsluttet programmet i {year} gikk di-",
        "rekte over i utdanning (videregående opplæring og høyere ut-",
        "danning).",
    ])  # fmt: skip
    s.footnote(440, "1", "Hvorav 1 300 etter introduksjonsloven og 800 etter integreringsloven")
    s.footnote(
        452, "2", f"Ifølge tall fra Nav var sysselsettingsprosenten i {year} på 63,1 og 58,4."
    )
    c.showPage()
    s = Slide(c, "2 Hovedfunn")
    s.lines(40, 80, [
        f"- Også i {year} har menn (60 prosent) høyere måloppnåelse enn",
        "kvinner (42 prosent).",
    ])  # fmt: skip
    c.showPage()
    s = Slide(c, "2 Hovedfunn")
    s.text(
        40, 80, f"Måloppnåelse i {year}, fordelt på kjønn og utdanningsnivå, i prosent:", 12, True
    )
    s.table(40, 104, tables["kjonn-spor"])
    c.showPage()
    s = Slide(c, f"3 Deltakere i introduksjonsprogram, {year}")
    s.captioned(40, [f"Tabell 1. Antall deltakere i program i perioden 2012-{year}. Kilde NIR"])
    c.showPage()
    s = Slide(c, f"3 Deltakere i introduksjonsprogram, {year}")
    s.captioned(40, [
        f"Tabell 2. Antall deltakere i introduksjonsprogram i {prev} og {year}, per fylke.",
        "Kilde NIR",
    ], tables["2"])  # fmt: skip
    chapter = f"4 Deltakere avsluttet introduksjonsprogram i {year}"
    c.showPage()
    s = Slide(c, chapter)
    s.text(
        40,
        100,
        f"Avslutningsårsaker, direkte etter avsluttet introduksjonsprogram i {year}.",
        12,
        True,
    )
    s.text(40, 115, "Kilde NIR", 12, True)
    s.picture(40, 140)
    pages = [
        [(40, ["Tabell 3. Måloppnåelse for de ulike aldersgruppene, deltakere avslut-",
               f"tet program i {year}. Kilde NIR"], tables["3"]),
         (480, ["Tabell 4. Andel med overgang til arbeid og utdanning i alderen 19-27",
                "år. Kilde NIR"], PICTURE)],
        [(40, [f"Tabell 5. Resultat, andel med overgang arbeid eller utdanning i {year},",
               "fylkesoversikt. Kilde NIR"], tables["5"]),
         (480, ["Tabell 6. Resultatutvikling, andel med overgang arbeid og utdanning i",
                f"{prev} og {year}, fylkesoversikt. Kilde NIR"], tables["6"])],
        [(40, [f"Tabell 7. Avslutningsårsak, overgang til arbeid og utdanning i {year},",
               "fylkesoversikt. Kilde NIR"], tables["7"]),
         (560, ["Tabell 8. Resultater for de største kommunene (flere enn 80",
                f"avsluttede deltagere i {year}) Kilde NIR"], tables["8"])],
        [(420, ["Tabell 9. Overgang til grunnskoleopplæring og videregående opplæ-",
                "ring. Oversikt per fylke. Kilde NIR"], (tables["9a"], tables["9b"]))],
        [(40, [f"Tabell 10. Antall deltakere i introduksjonsprogram, perioden {first}-",
               f"{year}, fordeling kjønn. Kilde NIR"], tables["10"]),
         (480, [f"Tabell 11. Antall deltakere avsluttet program i perioden {first}-{year},",
                "kjønnsmessig fordeling. Kilde NIR"], PICTURE)],
        [(40, ["Tabell 12. Resultater direkte etter avsluttet program, kjønn. Kilde NIR"], PICTURE),
         (480, [f"Tabell 13. Deltakere avsluttet program i {year}, kjønnsfordeling i pro-",
                "sent. Kilde NIR"], tables["13"])],
        [(40, [f"Tabell 14. Deltakere avsluttet program i {year}, fordeling spor, i prosent.",
               "Kilde NIR"], tables["14"]),
         (480, [f"Tabell 15. Deltakere avsluttet program i {year} fordelt på spor, i prosent.",
                "Kilde NIR"], tables["14"])],
        [(40, ["Tabell 16. Alderssammensetning deltakere som avsluttet introduk-",
               f"sjonsprogram i {year}, nasjonalt. Kilde NIR"], tables["16"]),
         (460, ["Tabell 17. Alderssammensetning deltakere som avsluttet introduk-",
                f"sjonsprogram i {year}, fylkesoversikt. Kilde NIR"], tables["17"])],
    ]  # fmt: skip
    for page in pages:
        c.showPage()
        s = Slide(c, chapter)
        for x, caption, content in page:
            bottom = s.captioned(x, caption, content)
        if len(page) == 1:  # Tabell 9: its tables' header cells point to a note under them
            note = "* Opplæringsspor gir en indikasjon på deltakerens utdanningsnivå ved oppstart."
            s.lines(40, bottom + 30, [note], 9)
    c.showPage()
    c.save()
    return path


# ---------------------------------------------------------------- table engine settings


def long_minimal_table(path: Path, year: int, rows: list[tuple[int, int]]) -> Path:
    """A Nøkkeltall report for ``year`` whose second page holds one minimal table (a rule under
    the header, one at the bottom) with a body long enough that its two rules lie further
    apart than the table engine joins by default."""
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 26)
    c.drawString(25 * mm, 760, f"Nøkkeltall introduksjonsordningen {year}")
    c.showPage()
    c.setFont("Helvetica-Oblique", 9)
    c.drawString(25 * mm, 800, "Tabell 1: Deltakere per år")
    c.setFont("Helvetica-Bold", 9)
    c.drawString(25 * mm, 785, "År")
    c.drawString(60 * mm, 785, "Deltakere")
    c.line(25 * mm, 780, 90 * mm, 780)
    y = 767
    c.setFont("Helvetica", 9)
    for label, value in rows:
        c.drawString(25 * mm, y, str(label))
        c.drawRightString(75 * mm, y, str(value))
        y -= 14
    c.line(25 * mm, y + 8, 90 * mm, y + 8)
    c.showPage()
    c.save()
    return path


def distant_table(path: Path, year: int, rows: list[tuple[int, int]], gap: float) -> Path:
    """A Nøkkeltall report for ``year`` whose second page holds one table without rules whose
    header stands ``gap`` points under its caption: further than the table engine looks for
    a table without rules by default when ``gap`` is over four times the caption's size."""
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 26)
    c.drawString(25 * mm, 760, f"Nøkkeltall introduksjonsordningen {year}")
    c.showPage()
    c.setFont("Helvetica-Oblique", 9)
    c.drawString(25 * mm, 800, "Tabell 1: Deltakere per år")
    y = 800 - 9 - gap
    c.setFont("Helvetica-Bold", 9)
    c.drawString(25 * mm, y, "År")
    c.drawRightString(75 * mm, y, "Deltakere")
    c.setFont("Helvetica", 9)
    for label, value in rows:
        y -= 14
        c.drawString(25 * mm, y, str(label))
        c.drawRightString(75 * mm, y, str(value))
    c.showPage()
    c.save()
    return path


def tables_side_by_side(path: Path, tables: list[list[list[str]]], width: float) -> Path:
    """One slide: the caption "Tabell 9. ..." and under it ruled tables side by side, each of
    columns ``width`` wide, 8 points apart."""
    c = Canvas(str(path), pagesize=SLIDE)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(20, 500, f"Tabell 9. {len(tables)} tabeller side om side")
    x = 20.0
    for rows in tables:
        widths = [width] * len(rows[0])
        _grid(c, x, 480, widths, rows)
        x += sum(widths) + 8
    c.showPage()
    c.save()
    return path


# a small table of four columns the engine's tests draw in many ways (ruled, open, turned)
REGION_ROWS = [
    ["Region", "Women", "Men", "Total"],
    ["North", "1 204", "1 310", "2 514"],
    ["South", "988", "1 022", "2 010"],
    ["East", "415", "430", "845"],
    ["West", "77", "81", "158"],
]


def grid(c: Canvas, rows: list[list[str]], xs: list[float], top: float, ruled: bool = True):
    """``rows`` between the column edges ``xs``, rows 20 pt high from ``top`` (PDF y), with
    their rules where ``ruled``."""
    ys = [top - 20 * r for r in range(len(rows) + 1)]
    if ruled:
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            c.drawString(xs[k] + 4, ys[r] - 14, cell)
