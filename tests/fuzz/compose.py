"""A seed's report as printed: every caption, header cell, body cell, chart label and
sentence of the document, as text, with the footnote markers that go with it.

The HTML (``html.py``) prints these objects and the truth (``truth.py``) is written from
them, so the truth is what was laid out by construction; nothing is read back from a PDF.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import layout as layouts
from . import report as reports
from .layout import Layout
from .report import Report

TITLE = "Nøkkeltall introduksjonsordningen {year}"
SUBTITLE = "Resultater for flyktninger som deltok i og avsluttet introduksjonsprogram"
NOTES = {
    "source": "Tallene er hentet fra Nasjonalt introduksjonsregister (NIR).",
    "measures": "Én deltaker kan delta i flere ulike tiltak i løpet av året.",
    "none": "Kommunen har ikke registrert tiltak i NIR.",
    "unknown": "Deltakere uten registrert bostedsfylke.",
}
WRAP_TAIL = (
    ", målt som andel med overgang til arbeid og/eller utdanning direkte etter avsluttet "
    "introduksjonsprogram, for alle deltakere registrert i Nasjonalt introduksjonsregister"
)
FILLER = [
    "Introduksjonsprogrammet er et opplæringsprogram som skal forberede nyankomne "
    "innvandrere til å delta i det norske arbeidslivet.",
    "Kommunene har ansvar for introduksjonsprogrammet for flyktninger som er bosatt i "
    "kommunen, og IMDi er ansvarlig for statistikken om programmet.",
    "Resultatene måles direkte etter avsluttet program og viser hvor mange som går over til "
    "arbeid eller utdanning.",
]


@dataclass(frozen=True)
class HeadCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    marker: str = ""


@dataclass(frozen=True)
class KeyFigure:
    expression: str
    value: float
    unit: str
    approximate: bool = False


@dataclass
class Sentence:
    text: str
    figures: list[KeyFigure] = field(default_factory=list)


@dataclass
class Note:
    marker: str
    text: str
    row: int | None  # in the table's grid, header rows first; None: the caption
    col: int | None


@dataclass
class PrintedTable:
    key: str
    spec: str | None  # the spec entry that maps it
    table_id: str
    label: str  # "Tabell 2:" as printed before the title
    number: str
    title: str
    header: list[list[HeadCell]]
    body: list[list[str]]
    notes: list[Note] = field(default_factory=list)
    break_after: int | None = None  # the body row after which the table goes on a new page
    continued: str = ""  # the caption over the part on the next page, "" for none

    @property
    def caption(self) -> str:
        return f"{self.label} {self.title}"

    def header_grid(self) -> list[list[str]]:
        """The header rows as cells: a merged cell in its top-left position, the cells it
        covers empty."""
        width = len(self.body[0])
        grid = [[""] * width for _ in self.header]
        taken = [[False] * width for _ in self.header]
        for r, row in enumerate(self.header):
            c = 0
            for cell in row:
                while taken[r][c]:
                    c += 1
                grid[r][c] = cell.text
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken[r + dr][c + dc] = True
                c += cell.colspan
        return grid

    def grid(self) -> list[list[str]]:
        return [*self.header_grid(), *self.body]

    def marker_at(self, row: int, col: int) -> str:
        return "".join(n.marker for n in self.notes if (n.row, n.col) == (row, col))


@dataclass
class PrintedFigure:
    key: str
    spec: str
    table_id: str
    label: str
    number: str
    title: str
    kind: str  # layout.toml's chart kinds
    categories: list[str]
    series: list[str]
    values: list[list[float]]  # per series, per category
    labels: list[list[str]]  # as printed, per series, per category
    totals: list[str] = field(default_factory=list)  # printed above stacks, not a series
    line_series: int | None = None  # the series drawn as a line on a second axis

    @property
    def caption(self) -> str:
        return f"{self.label} {self.title}"

    def grid(self) -> list[list[str]]:
        """The chart's data as the corpus truth has it: an empty stub header, the series;
        one row per category with its labels."""
        rows = [["", *self.series]]
        for i, cat in enumerate(self.categories):
            rows.append([cat, *(labels[i] for labels in self.labels)])
        return rows


@dataclass
class Section:
    heading: str
    paragraphs: list[list[Sentence]]
    items: list[PrintedTable | PrintedFigure] = field(default_factory=list)
    new_page: bool = True


@dataclass
class Document:
    seed: int
    report: Report
    layout: Layout
    title: str
    published: str
    sections: list[Section]
    toc: list[tuple[str, int]]  # heading and page as printed in the table of contents

    @property
    def tables(self) -> list[PrintedTable]:
        return [i for s in self.sections for i in s.items if isinstance(i, PrintedTable)]

    @property
    def figures(self) -> list[PrintedFigure]:
        return [i for s in self.sections for i in s.items if isinstance(i, PrintedFigure)]

    @property
    def sentences(self) -> list[Sentence]:
        return [s for sec in self.sections for p in sec.paragraphs for s in p]

    @property
    def source_id(self) -> str:
        return f"imdi-nokkeltall-{self.report.year}"


class Printer:
    """Numbers as the layout prints them."""

    def __init__(self, lay: Layout):
        self.lay = lay

    def count(self, n: int) -> str:
        digits = str(n)
        groups = []
        while digits:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        return self.lay.thousands.join(groups)

    def exact(self, v: int, salt: int = 0) -> float:
        """The share printed for ``v``: ``v`` itself or, where the layout prints decimals,
        ``v`` and a tenth drawn from it (charts are drawn to this value)."""
        if self.lay.decimals == 0:
            return float(v)
        return v + ((v * 7 + salt) % 10) / 10

    def number(self, x: float) -> str:
        """A share as printed: "45", or "45,3" with a decimal comma."""
        if self.lay.decimals == 0:
            return str(round(x))
        return f"{x:.1f}".replace(".", ",")

    def share(self, x: float) -> str:
        return f"{self.number(x)}{self.lay.percent_space}%"

    def shares(self, values: list[int]) -> list[float]:
        return [self.exact(v, i) for i, v in enumerate(values)]


def compose(seed: int) -> Document:
    rep, lay = reports.draw(seed), layouts.draw(seed)
    rnd = random.Random(f"compose:{seed}")
    p = Printer(lay)
    y = rep.year
    numbers = Numbering(lay)
    tiltak = _participation(rep, lay, p, numbers.table(1))
    counts = _counts(rep, lay, p, numbers.table(1)) if lay.counts_table else None
    period = _period(rep, lay, p, numbers.figure(2))
    groups = _groups(rep, lay, p, numbers.figure(2))
    fylker = _counties(rep, lay, p, numbers.table(2), rnd)
    ages = _ages(rep, lay, p, numbers.figure(2))
    for t in (tiltak, fylker):
        t.break_after = _break(lay, len(t.body))
        if t.break_after is not None and lay.continued:
            word = lay.table_label
            t.continued = f"{word} {t.number} {lay.continued}"
    sections = [
        Section(f"Hovedfunn {y}", [_findings(rep, p)]),
        Section(
            "1. Deltakere i introduksjonsprogram",
            [[Sentence(FILLER[0])], _participation_text(rep, p)],
            [tiltak, *([counts] if counts else [])],
        ),
        Section(
            f"2. Deltakere som avsluttet introduksjonsprogram i {y}",
            [[Sentence(FILLER[1]), Sentence(FILLER[2])], _results_text(rep, p)],
            [period, groups, fylker, ages],
        ),
    ]
    toc = [(s.heading, 3 + i * 2) for i, s in enumerate(sections)]
    day, month, year = rep.published
    return Document(
        seed=seed,
        report=rep,
        layout=lay,
        title=TITLE.format(year=y),
        published=f"Utgitt: {day:02d}.{month:02d}.{year}",
        sections=sections,
        toc=toc,
    )


class Numbering:
    """Caption numbers in the layout's form: 2, 2.1 (chapter and number), 2-1, 2a."""

    def __init__(self, lay: Layout):
        self.lay = lay
        self.counts = {"tabell": 0, "figur": 0}
        self.in_chapter: dict[tuple[str, int], int] = {}

    def _next(self, kind: str, chapter: int) -> str:
        self.counts[kind] += 1
        k = self.in_chapter[kind, chapter] = self.in_chapter.get((kind, chapter), 0) + 1
        form = self.lay.numbering
        if form == "chapter-dot":
            return f"{chapter}.{k}"
        if form == "chapter-dash":
            return f"{chapter}-{k}"
        if form == "letter":
            return f"{chapter}{'abcdefgh'[k - 1]}"
        return str(self.counts[kind])

    def _label(self, word: str, number: str) -> str:
        sep = "" if self.lay.caption_style == "heading" else self.lay.separator
        return f"{word} {number}{sep}"

    def table(self, chapter: int) -> tuple[str, str, str]:
        number = self._next("tabell", chapter)
        return f"tabell-{number}", number, self._label(self.lay.table_label, number)

    def figure(self, chapter: int) -> tuple[str, str, str]:
        number = self._next("figur", chapter)
        return f"figur-{number}", number, self._label(self.lay.figure_label, number)


def _title(lay: Layout, text: str) -> str:
    return text + WRAP_TAIL if lay.wrapped_captions else text


def _break(lay: Layout, rows: int) -> int | None:
    share = {"none": None, "early": 0.15, "middle": 0.5, "late": 0.85}[lay.table_break]
    if share is None:
        return None
    return min(rows - 1, max(1, round(rows * share)))


def _notes(lay: Layout, places: list[tuple[int | None, int | None, str]]) -> list[Note]:
    """Footnote markers at ``places`` (row, col, note key), numbered or starred."""
    if lay.markers == "none":
        return []
    out = []
    for i, (row, col, key) in enumerate(places):
        marker = str(i + 1) if lay.markers == "digits" else "*" * (i + 1)
        out.append(Note(marker, NOTES[key], row, col))
    return out


def _participation(rep: Report, lay: Layout, p: Printer, ident) -> PrintedTable:
    tid, number, label = ident
    cols = [f"{yr} N={p.count(n)}" for yr, n in rep.participants]
    if lay.header_levels == 1:
        header = [[HeadCell("Tiltak"), *(HeadCell(c) for c in cols)]]
    else:
        header = [
            [
                HeadCell("Tiltak i introduksjonsprogrammet", rowspan=2),
                HeadCell("Andel av deltakerne i program", colspan=len(cols)),
            ],
            [HeadCell(c) for c in cols],
        ]
    body = [[c, *map(p.share, p.shares(rep.shares[c]))] for c in rep.categories]
    head = len(header)
    t = PrintedTable(
        "tiltak",
        "deltakelse-i-tiltak",
        tid,
        label,
        number,
        _title(lay, "Deltakelse i tiltak i introduksjonsprogrammet fordelt på tiltaksgrupper"),
        header,
        body,
    )
    t.notes = _notes(
        lay, [(None, None, "source"), (head - 1, 1, "measures"), (head + len(body) - 1, 0, "none")]
    )
    return t


def _counts(rep: Report, lay: Layout, p: Printer, ident) -> PrintedTable:
    tid, number, label = ident
    years = [str(yr) for yr, _ in rep.participants]
    if lay.header_levels == 1:
        header = [[HeadCell("Kjønn"), *(HeadCell(y) for y in years)]]
    else:
        header = [
            [HeadCell("Kjønn", rowspan=2), HeadCell("Antall deltakere", colspan=len(years))],
            [HeadCell(y) for y in years],
        ]
    body = [[g, *(p.count(n) for n in ns)] for g, ns in rep.gender_counts.items()]
    body.append(["Alle", *(p.count(n) for _, n in rep.participants)])
    title = _title(lay, "Deltakere i introduksjonsprogram etter kjønn")
    return PrintedTable("antall", None, tid, label, number, title, header, body)


def _counties(rep: Report, lay: Layout, p: Printer, ident, rnd: random.Random) -> PrintedTable:
    tid, number, label = ident
    y = rep.year
    stub = rnd.choice(["Fylke", "Fylker"])
    if lay.header_levels == 1:
        words = [f"Kvinner {y}", f"Menn {y}", f"Begge kjønn {y}", f"Begge kjønn {y - 1}"]
        header = [[HeadCell(stub), *(HeadCell(w) for w in words)]]
    else:
        header = [
            [HeadCell(stub, rowspan=2), HeadCell(str(y), colspan=3), HeadCell(str(y - 1))],
            [HeadCell(w) for w in ("Kvinner", "Menn", "Begge kjønn", "Begge kjønn")],
        ]
    body = [[c, *map(p.share, p.shares(rep.county_values[c]))] for c in rep.counties]
    places: list[tuple[int | None, int | None, str]] = [(None, None, "source")]
    if rep.unknown_row:
        places.append((len(header) + len(body), 0, "unknown"))
        unknown = p.shares([0, 0, 0, rep.national[3] % 7])
        body.append(["Ukjent", *map(p.share, unknown)])
    body.append([rep.national_name, *map(p.share, p.shares(rep.national))])
    title = _title(
        lay,
        rnd.choice(
            [f"Resultat per fylke i {y}", "Resultat fylker", f"Måloppnåelse per fylke, {y}"]
        ),
    )
    t = PrintedTable("fylker", "resultat-fylker", tid, label, number, title, header, body)
    t.notes = _notes(lay, places)
    return t


def _period(rep: Report, lay: Layout, p: Printer, ident) -> PrintedFigure:
    tid, number, label = ident
    cats = [str(yr) for yr, _, _ in rep.by_year]
    values = [p.shares([w for _, w, _ in rep.by_year]), p.shares([e for _, _, e in rep.by_year])]
    first, last = rep.by_year[0][0], rep.by_year[-1][0]
    fig = PrintedFigure(
        "period",
        "overgang-ar",
        tid,
        label,
        number,
        _title(
            lay,
            "Andel med overgang til arbeid og utdanning direkte etter avsluttet "
            f"introduksjonsprogram i perioden {first}-{last}",
        ),
        lay.chart_period,
        cats,
        ["Arbeid", "Utdanning"],
        values,
        [[p.share(x) for x in vs] for vs in values],
    )
    if lay.chart_period == "stacked-totals":
        fig.totals = [p.share(a + b) for a, b in zip(*values, strict=True)]
    return fig


def _groups(rep: Report, lay: Layout, p: Printer, ident) -> PrintedFigure:
    tid, number, label = ident
    names = list(rep.groups)
    values = [p.shares(list(rep.groups[n])) for n in names]
    return PrintedFigure(
        "groups",
        "overgang-gruppe",
        tid,
        label,
        number,
        _title(
            lay,
            f"Andel med overgang til arbeid og utdanning i {rep.year}, fordrevne fra "
            "Ukraina og øvrige flyktninggrupper",
        ),
        lay.chart_groups,
        ["Arbeid", "Utdanning"],
        names,
        values,
        [[p.share(x) for x in vs] for vs in values],
    )


def _ages(rep: Report, lay: Layout, p: Printer, ident) -> PrintedFigure:
    tid, number, label = ident
    counts = [n for _, n, _ in rep.ages]
    shares = p.shares([s for _, _, s in rep.ages])
    return PrintedFigure(
        "ages",
        "resultat-alder",
        tid,
        label,
        number,
        _title(
            lay,
            "Resultat fordelt på alder, andel med overgang til arbeid og/eller "
            f"utdanning direkte etter avsluttet program i {rep.year}",
        ),
        lay.chart_ages,
        [a for a, _, _ in rep.ages],
        ["Antall avsluttet", "Andel i arbeid og/eller utdanning"],
        [counts, shares],
        [[p.count(n) for n in counts], [p.share(x) for x in shares]],
        line_series=1,
    )


# ---------------------------------------------------------------- the running text


def _findings(rep: Report, p: Printer) -> list[Sentence]:
    y = rep.year
    total = rep.participants[-1][1]
    both = rep.national[2]
    out = [
        Sentence(
            f"{p.count(total)} flyktninger deltok i introduksjonsprogram i løpet av {y}.",
            [KeyFigure(p.count(total), total, "persons")],
        ),
        Sentence(
            f"I {y} startet til sammen {p.count(rep.started)} nye flyktninger i "
            "introduksjonsprogram.",
            [KeyFigure(p.count(rep.started), rep.started, "persons")],
        ),
        Sentence(
            f"{p.count(rep.finished)} deltakere avsluttet introduksjonsprogram i {y}.",
            [KeyFigure(p.count(rep.finished), rep.finished, "persons")],
        ),
    ]
    if 40 <= both <= 60:
        out.append(
            Sentence(
                f"Om lag halvparten ({both} prosent) av de som avsluttet introduksjonsprogram "
                f"i {y}, gikk direkte over til arbeid og/eller utdanning.",
                [
                    KeyFigure("Om lag halvparten", 50, "percent", True),
                    KeyFigure(f"{both} prosent", both, "percent"),
                ],
            )
        )
    else:
        out.append(
            Sentence(
                f"{both} prosent av de som avsluttet introduksjonsprogram i {y}, gikk direkte "
                "over til arbeid og/eller utdanning.",
                [KeyFigure(f"{both} prosent", both, "percent")],
            )
        )
    _, work, edu = rep.by_year[-1]
    out.append(
        Sentence(
            f"I {y} gikk {work} prosent til arbeid, og {edu} prosent gikk til utdanning.",
            [
                KeyFigure(f"{work} prosent", work, "percent"),
                KeyFigure(f"{edu} prosent", edu, "percent"),
            ],
        )
    )
    return out


def _participation_text(rep: Report, p: Printer) -> list[Sentence]:
    approx = rep.ukraine
    return [
        Sentence(
            "Fordrevne fra Ukraina utgjorde den største gruppen med i overkant av "
            f"{p.count(approx)} deltakere.",
            [KeyFigure(f"i overkant av {p.count(approx)}", approx, "persons", True)],
        )
    ]


def _results_text(rep: Report, p: Printer) -> list[Sentence]:
    y = rep.year
    women, men = rep.national[0], rep.national[1]
    out = []
    if men > women:
        out.append(
            Sentence(
                f"Også i {y} har menn høyere måloppnåelse ({men} prosent) enn kvinner "
                f"({women} prosent).",
                [
                    KeyFigure(f"{men} prosent", men, "percent"),
                    KeyFigure(f"{women} prosent", women, "percent"),
                ],
            )
        )
    rounded = round(rep.finished, -3)
    out.append(
        Sentence(
            f"Om lag {p.count(rounded)} deltakere avsluttet introduksjonsprogram i {y}.",
            [KeyFigure(f"Om lag {p.count(rounded)}", rounded, "persons", True)],
        )
    )
    before, now = rep.by_year[-2][2], rep.by_year[-1][2]
    if before != now:
        word = "Nedgang" if now < before else "Økning"
        d = abs(now - before)
        out.append(
            Sentence(
                f"{word} på {d} prosentpoeng fra {before} prosent i {y - 1}, til {now} prosent "
                f"i {y}.",
                [
                    KeyFigure(f"{d} prosentpoeng", d, "percentage_points"),
                    KeyFigure(f"{before} prosent", before, "percent"),
                    KeyFigure(f"{now} prosent", now, "percent"),
                ],
            )
        )
    return out
