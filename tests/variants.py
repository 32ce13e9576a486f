"""Reports of the Nøkkeltall family printed the many ways Norwegian public reports print their
tables (reportlab): no rules, horizontal rules only, ruled grids; captions over or under the
table; wrapped stubs with their values on the first, middle or last line; tables going on over
page breaks with or without their header and caption repeated, past running heads, page
numbers and footnotes; portrait, wide and rotated pages.

A ``Printed`` table is drawn by ``report`` in the flow of a page, top-down; it breaks onto the
next page after the body rows ``breaks`` names (or where the page is full)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

FONT, BOLD, ITALIC = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
SIZE = 9.0  # table text
LINE = 11.0  # a table line's height
PAD = 5.0  # white space between two rows
MARGIN = 50.0

COUNTIES_2024 = [
    "Østfold", "Akershus", "Oslo", "Innlandet", "Buskerud", "Vestfold", "Telemark", "Agder",
    "Rogaland", "Vestland", "Møre og Romsdal", "Trøndelag", "Nordland", "Troms", "Finnmark",
]  # fmt: skip
MEASURES = [
    "Opplæring i norsk og samfunnskunnskap", "Arbeidsrettede tiltak", "Andre integreringstiltak",
    "Utdanningsrettede tiltak", "Foreldreveiledning", "Livsmestring i et nytt land",
    "Ingen tiltak",
]  # fmt: skip


@dataclass
class Printed:
    """A table to print. A "\\n" in a cell breaks it over lines."""

    header: list[list[str]]
    body: list[list[str]]
    widths: list[float]
    caption: str | None = "Tabell 2: Resultat per fylke"
    caption_below: bool = False
    rules: str = "none"  # none | horizontal (over and under the header, at the bottom) | grid
    values: str = "top"  # where a wrapped row prints its values: top | middle | bottom
    breaks: list[int] = field(default_factory=list)  # body rows that begin a new page
    repeat_header: bool = True  # print the header again on each page it goes on to
    repeat_caption: str | None = None  # e.g. "Tabell 2 (forts.)" over each part after the first
    text_below: str = ""  # a line under the table ("Kilde: NIR")
    pages: list[int] = field(default_factory=list)  # the pages it was printed on (by ``report``)

    def expected(self) -> list[list[str]]:
        """The cells a reader should give: lines of a cell joined with a space."""
        return [[c.replace("\n", " ") for c in row] for row in [*self.header, *self.body]]


class Page:
    """A page drawn top-down in the coordinates it is read in (``top`` from its top edge)."""

    def __init__(self, c: Canvas, size: tuple[float, float], rotated: bool):
        self.c = c
        self.w, self.h = size
        self.rotated = rotated
        if rotated:  # a portrait page shown turned: content drawn turned back
            c.setPageRotation(90)
            c.saveState()
            c.translate(self.h, 0)
            c.rotate(90)

    def text(self, x: float, top: float, text: str, font: str = FONT, size: float = SIZE):
        self.c.setFont(font, size)
        self.c.drawString(x, self.h - top - size, text)

    def right(self, x: float, top: float, text: str, font: str = FONT, size: float = SIZE):
        self.c.setFont(font, size)
        self.c.drawRightString(x, self.h - top - size, text)

    def rule(self, x0: float, x1: float, top: float) -> None:
        self.c.setLineWidth(0.6)
        self.c.line(x0, self.h - top, x1, self.h - top)

    def vrule(self, x: float, top: float, bottom: float) -> None:
        self.c.setLineWidth(0.6)
        self.c.line(x, self.h - top, x, self.h - bottom)

    def finish(self) -> None:
        if self.rotated:
            self.c.restoreState()
        self.c.showPage()


@dataclass
class Report:
    """A report of several pages: its running head, page numbers and footnotes."""

    path: Path
    year: int = 2026
    size: tuple[float, float] = A4
    rotated: bool = False  # portrait pages shown in landscape (/Rotate 90)
    running_head: bool = True
    page_numbers: bool = True
    footnotes: dict[int, str] = field(default_factory=dict)  # page number -> footnote text

    def __post_init__(self):
        self.c = Canvas(str(self.path), pagesize=A4 if self.rotated else self.size)
        self.number = 0
        self.page: Page | None = None
        self.top = 0.0

    @property
    def width(self) -> float:
        return self.size[0] if not self.rotated else A4[1]

    @property
    def height(self) -> float:
        return self.size[1] if not self.rotated else A4[0]

    def new_page(self) -> None:
        if self.page is not None:
            self._close()
        self.number += 1
        self.page = Page(self.c, (self.width, self.height), self.rotated)
        self.top = MARGIN
        if self.running_head and self.number > 1:
            self.page.text(MARGIN, 20, f"Nøkkeltall introduksjonsordningen {self.year}", ITALIC, 8)
            self.top = MARGIN + 10

    def _close(self) -> None:
        p = self.page
        if self.number in self.footnotes:
            p.rule(MARGIN, MARGIN + 120, self.height - 62)
            p.text(MARGIN, self.height - 58, "1", FONT, 5)
            p.text(MARGIN + 5, self.height - 56, self.footnotes[self.number], FONT, 7.5)
        if self.page_numbers:
            p.right(self.width - MARGIN, self.height - 30, str(self.number), FONT, 8)
        p.finish()

    def title(self) -> None:
        self.new_page()
        self.page.text(MARGIN, 60, f"Nøkkeltall introduksjonsordningen {self.year}", BOLD, 24)
        self.top = 110

    def paragraph(self, lines: list[str], size: float = 10.5) -> None:
        for line in lines:
            self.page.text(MARGIN, self.top, line, FONT, size)
            self.top += size * 1.3
        self.top += size

    def bottom_limit(self) -> float:
        return self.height - MARGIN - (40 if self.number in self.footnotes else 0)

    # ------------------------------------------------------------ tables

    def table(self, t: Printed) -> None:
        t.pages = [self.number]
        xs = [MARGIN]
        for w in t.widths:
            xs.append(xs[-1] + w)
        if t.caption and not t.caption_below:
            self._caption(t.caption)
        self._header(t, xs)
        for i, row in enumerate(t.body):
            height = _lines(row) * LINE + PAD
            if self.top + height > self.bottom_limit() or i in t.breaks:
                if t.rules == "horizontal":
                    self.page.rule(xs[0], xs[-1], self.top)
                self.new_page()
                t.pages.append(self.number)
                if t.repeat_caption:
                    self._caption(t.repeat_caption)
                if t.repeat_header:
                    self._header(t, xs)
                elif t.rules == "horizontal":
                    self.page.rule(xs[0], xs[-1], self.top)
                    self.top += 3
            self._row(t, xs, row, bold=False)
        if t.rules == "horizontal":
            self.page.rule(xs[0], xs[-1], self.top)
        self.top += 4
        if t.text_below:
            self.page.text(MARGIN, self.top, t.text_below, FONT, 8)
            self.top += 12
        if t.caption and t.caption_below:
            self.top += 2
            self._caption(t.caption)
        self.top += 14

    def _caption(self, text: str) -> None:
        self.page.text(MARGIN, self.top, text, ITALIC, 9.5)
        self.top += 9.5 + 8

    def _header(self, t: Printed, xs: list[float]) -> None:
        if t.rules == "horizontal":
            self.page.rule(xs[0], xs[-1], self.top)
            self.top += 3
        for row in t.header:
            self._row(t, xs, row, bold=True)
        if t.rules == "horizontal":
            self.page.rule(xs[0], xs[-1], self.top)
            self.top += 3

    def _row(self, t: Printed, xs: list[float], row: list[str], bold: bool) -> None:
        p = self.page
        n = _lines(row)
        top = self.top
        font = BOLD if bold else FONT
        for k, cell in enumerate(row):
            parts = cell.split("\n")
            if k == 0 or bold:
                for i, part in enumerate(parts):
                    p.text(xs[k] + 3, top + 2 + i * LINE, part, font)
                continue
            at = {"top": 0.0, "bottom": n - len(parts), "middle": (n - len(parts)) / 2}[t.values]
            for i, part in enumerate(parts):
                p.right(xs[k + 1] - 4, top + 2 + (at + i) * LINE, part, font)
        bottom = top + n * LINE + PAD
        if t.rules == "grid":
            p.rule(xs[0], xs[-1], top)
            p.rule(xs[0], xs[-1], bottom)
            for x in xs:
                p.vrule(x, top, bottom)
        self.top = bottom

    def save(self) -> Path:
        self._close()
        self.c.save()
        return self.path


def _lines(row: list[str]) -> int:
    return max(cell.count("\n") + 1 for cell in row)


# ---------------------------------------------------------------- the tables


def pct(v: float) -> str:
    return f"{v:g} %"


def county_rows(year: int, national: str = "Nasjonalt", drop: tuple[str, ...] = ()):
    """The county table's body: every county of the 2024 structure, "Ukjent" and the national
    row, each with women's, men's and both genders' shares of ``year`` and both of the year
    before; numbers that make sense (both between women and men)."""
    rows = []
    for i, name in enumerate(COUNTIES_2024):
        if name in drop:
            continue
        women, men = 30 + i, 50 + i % 7
        rows.append([name, pct(women), pct(men), pct((women + men) // 2), pct(40 + i % 5)])
    rows.append(["Ukjent", "0 %", "0 %", "0 %", "5 %"])
    rows.append([national, "38 %", "53 %", "45 %", "45 %"])
    return rows


def county_table(
    year: int = 2026,
    heads: list[str] | None = None,
    national: str = "Nasjonalt",
    drop: tuple[str, ...] = (),
    rows: list[list[str]] | None = None,
    **kw,
) -> Printed:
    """The county table (caption "Tabell 2: Resultat per fylke" unless ``caption`` says
    otherwise): women, men and both genders of ``year``, both of the year before."""
    heads = heads or ["Fylke", f"Kvinner {year}", f"Menn {year}", f"Begge kjønn {year}",
                      f"Begge kjønn {year - 1}"]  # fmt: skip
    body = rows if rows is not None else county_rows(year, national, drop)
    return Printed([heads], body, [120, 75, 75, 85, 85], **kw)


def wide_county_table(years: tuple[int, ...] = (2024, 2025, 2026), **kw) -> Printed:
    """Women's, men's and all shares of each of ``years``: a table wider than a portrait
    page."""
    heads = [f"{g} {y}" for y in years for g in ("Kvinner", "Menn", "Alle")]
    body = []
    for i, name in enumerate([*COUNTIES_2024, "Ukjent", "Nasjonalt"]):
        row = [name]
        for k in range(len(years)):
            women, men = 30 + (i + k) % 9, 50 + (i + k) % 7
            row += [pct(women), pct(men), pct((women + men) // 2)]
        body.append(row)
    return Printed([["Fylke", *heads]], body, [110] + [75] * len(heads), **kw)


def measures_table(year: int = 2026, wrap: str = "Opplæring i norsk og\nsamfunnskunnskap", **kw):
    """The measures table: categories by year, the header giving each year's N."""
    header = kw.pop("header", None) or [
        ["Tiltak", "Andel av deltakerne", "Andel av deltakerne"],
        ["", f"{year - 1} (N = 26 407)", f"{year}, N=21 480"],
    ]
    names = [wrap, *MEASURES[1:]]
    drop = kw.pop("drop", ())
    before, now = [96, 41, 36, 8, 14, 18, 3], [86, 47, 36, 11, 13, 21, 9]
    body = [
        [name, pct(a), pct(b)]
        for name, a, b in zip(names, before, now, strict=True)
        if name not in drop
    ]
    kw.setdefault("caption", "Tabell 1: Deltakelse i tiltak")
    return Printed(header, body, [170, 100, 100], **kw)


def report(path: Path, tables: list[Printed], **kw) -> Path:
    """A Nøkkeltall report: a title page with a key figure, then a page with a paragraph and
    the tables."""
    r = Report(path, **kw)
    r.title()
    r.paragraph([f"Om lag 21 500 flyktninger deltok i introduksjonsprogram i {r.year}."])
    r.new_page()
    r.paragraph(["Tabellene under viser andelen som gikk over til arbeid eller utdanning."])
    for t in tables:
        r.table(t)
    return r.save()


def table_id(t: Printed) -> str:
    """The id a reader gives a table printed under or over its caption: "tabell-N"."""
    return "tabell-" + t.caption.split()[1].rstrip(":.")
