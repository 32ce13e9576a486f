"""Chart pages built with matplotlib for the tests: every chart kind, saved as PDF.

Each page is A4 with a paragraph of body text, the chart (on a white panel, as a chart
pasted into a report is) and its caption "Figur N: ..." above or below it. Data,
colours, fonts and sizes differ from the corpus on purpose: the tests check the method,
not the corpus.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, MultipleLocator

A4 = (8.27, 11.69)
PT = 72  # the figure's dpi: display units are PDF points
TYPE3, TRUETYPE = 3, 42  # matplotlib's pdf.fonttype: its default, and embedded TrueType
BODY = (
    "Tallene under viser resultatene for deltakerne som avsluttet programmet i perioden.",
    "Oversikten er laget for testene og bygger ikke på publiserte tall.",
)


def no(value: float, decimals: int = 0, unit: str = "") -> str:
    """A number as printed in Norwegian: "1 234", "12,5 %", "−3"."""
    text = f"{abs(value):,.{decimals}f}".replace(",", " ").replace(".", ",")
    sign = "−" if value < 0 else ""
    return sign + text + (f" {unit}" if unit else "")


@dataclass
class Built:
    path: Path
    per_unit: float  # points per value unit on the (first) value axis, from matplotlib


@dataclass
class Panel:
    """A chart on a white panel (as a chart pasted into a report is) with its caption."""

    draw: Callable  # draw(ax) draws the chart
    caption: str
    caption_above: bool = False
    box: tuple[float, float, float, float] = (0.1, 0.42, 0.8, 0.36)  # on the page
    axes: tuple[float, float, float, float] = (0.16, 0.2, 0.74, 0.66)  # on the panel
    colour: str | None = "white"


def chart_page(
    path: Path,
    draw: Callable,
    caption: str,
    *,
    font="DejaVu Sans",
    heading=None,
    fonttype=TYPE3,
    **panel,
) -> Built:
    """A page with body text and one chart drawn by ``draw(ax)``, with its caption."""
    return page(path, [Panel(draw, caption, **panel)], font, heading, fonttype)


def page(
    path: Path,
    panels: list[Panel],
    font: str = "DejaVu Sans",
    heading: str | None = None,
    fonttype: int = TYPE3,
) -> Built:
    """An A4 page: a heading (a report's title) if given, a paragraph at the top and at the
    bottom, the panels in between. Text in Type 3 fonts (matplotlib's default), or embedded
    TrueType as the corpus has."""
    with plt.rc_context({"pdf.fonttype": fonttype, "font.family": font}):
        fig = plt.figure(figsize=A4, dpi=PT)
        fig.patch.set_visible(False)
        if heading is not None:
            fig.text(0.1, 0.96, heading, fontsize=16, fontweight="bold")
        for top in (0.92, 0.12):
            for i, line in enumerate(BODY):
                fig.text(0.1, top - i * 0.018, line, fontsize=11)
        first = None
        for p in panels:
            x, y, w, h = p.box
            if p.colour is not None:
                rect = plt.Rectangle((x, y), w, h, transform=fig.transFigure)
                rect.set(facecolor=p.colour, edgecolor="none")
                fig.add_artist(rect)
            ax = fig.add_axes((x + p.axes[0] * w, y + p.axes[1] * h, p.axes[2] * w, p.axes[3] * h))
            p.draw(ax)
            fig.text(x, y + h + 0.012 if p.caption_above else y - 0.022, p.caption, fontsize=9)
            first = first or ax
        per_unit = _per_unit(first)
        fig.savefig(path)
        plt.close(fig)
    return Built(path, per_unit)


def _per_unit(ax) -> float:
    """Points per unit on the value axis (x for lying bars)."""
    t = ax.transData.transform
    if getattr(ax, "horizontal", False):
        return abs(t((1, 0))[0] - t((0, 0))[0])
    return abs(t((0, 1))[1] - t((0, 0))[1])


def _percent_axis(axis, step: float) -> None:
    axis.set_major_locator(MultipleLocator(step))
    axis.set_major_formatter(FuncFormatter(lambda v, _: no(v, 0, "%")))


def _count_axis(axis, step: float) -> None:
    axis.set_major_locator(MultipleLocator(step))
    axis.set_major_formatter(FuncFormatter(lambda v, _: no(v)))


# ---------------------------------------------------------------- the chart kinds

COUNTIES = ["Agder", "Innlandet", "Nordland", "Oslo", "Rogaland", "Vestland"]
SETTLED = [1234, 987, 2045, 3120, 1580, 2999]


def vertical_bars(
    path: Path, labels: list[str] | None = None, axis: bool = True, category_size: float = 8
) -> Built:
    """One series, no legend, counts labelled on top of the bars."""
    labels = labels or [no(v) for v in SETTLED]
    draw = partial(_vertical_bars, labels=labels, axis=axis, category_size=category_size)
    return chart_page(path, draw, "Figur 4: Bosatte flyktninger per fylke", font="DejaVu Serif")


def _vertical_bars(ax, labels: list[str], axis: bool, category_size: float = 8) -> None:
    bars = ax.bar(COUNTIES, SETTLED, color="#2a9d8f", width=0.6)
    ax.bar_label(bars, labels=labels, padding=2, fontsize=8)
    _count_axis(ax.yaxis, 500)
    ax.set_ylim(0, 3500)
    ax.tick_params(axis="x", labelsize=category_size)
    if not axis:
        ax.yaxis.set_visible(False)
        ax.spines[["left", "right", "top"]].set_visible(False)


ORIGINS = ["Somalia", "Syria", "Eritrea", "Afghanistan", "Ukraina"]
WORKING = [12.5, 33.0, 27.5, 41.0, 8.5]


def horizontal_bars(path: Path) -> Built:
    """One named series, decimal labels at the bar ends, categories top to bottom."""

    def draw(ax):
        ax.horizontal = True
        bars = ax.barh(ORIGINS, WORKING, color="#e76f51", height=0.55, label="Andel i arbeid")
        ax.bar_label(bars, labels=[no(v, 1, "%") for v in WORKING], padding=3, fontsize=9)
        ax.invert_yaxis()
        _percent_axis(ax.xaxis, 10)
        ax.set_xlim(0, 50)
        ax.legend(loc="lower right", fontsize=9)

    return chart_page(
        path,
        draw,
        "Figur 5: Andel i arbeid etter landbakgrunn",
        font="DejaVu Sans Mono",
        axes=(0.2, 0.14, 0.74, 0.8),
    )


GROUPS = ["Kvinner", "Menn", "Alle"]
YEARS = ["2023", "2024", "2025"]
BY_YEAR = {"2023": [38, 52, 45], "2024": [44, 55, 50], "2025": [47, 61, 54]}


def grouped_bars(
    path: Path, labels: dict[str, list[str]] | None = None, heading: str | None = None
) -> Built:
    """Three series by year side by side, legend above the plot, caption above the chart."""
    labels = labels or {y: [no(v, 0, "%") for v in vs] for y, vs in BY_YEAR.items()}
    colours = {"2023": "#264653", "2024": "#e9c46a", "2025": "#f4a261"}

    def draw(ax):
        width = 0.26
        for k, year in enumerate(YEARS):
            xs = [i + (k - 1) * width for i in range(len(GROUPS))]
            bars = ax.bar(xs, BY_YEAR[year], width, color=colours[year], label=year)
            ax.bar_label(bars, labels=labels[year], padding=2, fontsize=8)
        ax.set_xticks(range(len(GROUPS)), GROUPS)
        _percent_axis(ax.yaxis, 20)
        ax.set_ylim(0, 80)
        ax.legend(loc="upper left", ncol=3, fontsize=8, frameon=False)

    return chart_page(
        path,
        draw,
        "Figur 6: Overgang til arbeid etter kjønn, 2023-2025",
        caption_above=True,
        heading=heading,
    )


LEVELS = ["Grunnskole", "Videregående", "Høyere\nutdanning", "Ukjent"]
PARTS = {"Arbeid": [22, 35, 48, 15], "Utdanning": [5, 9, 6, 3], "Begge": [3, 4, 7, 2]}


def stacked_columns(
    path: Path, totals: list[str] | None = None, labels: dict[str, list[str]] | None = None
) -> Built:
    """Three series stacked, labels in the segments, bold totals above the columns."""
    colours = {"Arbeid": "#355070", "Utdanning": "#b56576", "Begge": "#eaac8b"}
    sums = [sum(v[i] for v in PARTS.values()) for i in range(len(LEVELS))]
    totals = totals or [no(v, 0, "%") for v in sums]
    labels = labels or {name: [no(v, 0, "%") for v in values] for name, values in PARTS.items()}

    def draw(ax):
        bottom = [0] * len(LEVELS)
        for name, values in PARTS.items():
            bars = ax.bar(LEVELS, values, 0.5, bottom=bottom, color=colours[name], label=name)
            ax.bar_label(
                bars,
                labels=labels[name],
                label_type="center",
                fontsize=7,
                color="white",
            )
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        for i, total in enumerate(totals):
            ax.annotate(
                total,
                (i, sums[i]),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
                fontweight="bold",
            )
        _percent_axis(ax.yaxis, 10)
        ax.set_ylim(0, 70)
        ax.legend(loc="upper left", fontsize=8)

    return chart_page(
        path,
        draw,
        "Figur 7: Overgang etter utdanningsnivå",
        font="STIXGeneral",
    )


SPAN = ["2019", "2020", "2021", "2022", "2023", "2024"]
MEN = [61, 63, 58, 66, 70, 72]
WOMEN = [45, 47, 44, 52, 55, 59]


def line_chart(path: Path, women_labels: list[str] | None = None) -> Built:
    """Two lines with markers; one labelled above its points, the other below."""
    draw = partial(_lines, women_labels=women_labels or [no(v, 0, "%") for v in WOMEN])
    return chart_page(path, draw, "Figur 8: Andel i arbeid etter kjønn", font="DejaVu Serif")


def _lines(ax, women_labels: list[str]) -> None:
    ax.plot(SPAN, MEN, color="#1d3557", marker="s", markersize=4, label="Menn")
    ax.plot(SPAN, WOMEN, color="#e63946", marker="o", markersize=4, label="Kvinner")
    for labels, dy in (([no(v, 0, "%") for v in MEN], 5), (women_labels, -12)):
        values = MEN if dy > 0 else WOMEN
        for i, (v, text) in enumerate(zip(values, labels, strict=True)):
            ax.annotate(
                text, (i, v), (0, dy), textcoords="offset points", ha="center", va="bottom", size=8
            )
    _percent_axis(ax.yaxis, 10)
    ax.set_ylim(30, 80)
    ax.legend(loc="lower right", fontsize=8)


def two_charts(path: Path) -> Built:
    """Bars with the caption under them, then a line chart with the caption over it: each
    caption has a chart on both sides, and the other caption between it and the wrong one."""
    bars = Panel(
        partial(_vertical_bars, labels=[no(v) for v in SETTLED], axis=True),
        "Figur 18: Bosatte per fylke",
        box=(0.1, 0.6, 0.8, 0.28),
    )
    lines = Panel(
        partial(_lines, women_labels=[no(v, 0, "%") for v in WOMEN]),
        "Figur 19: Andel i arbeid etter kjønn",
        caption_above=True,
        box=(0.1, 0.2, 0.8, 0.3),
    )
    return page(path, [bars, lines])


TOWNS = ["Bergen", "Bodø", "Hamar", "Tromsø", "Skien"]
PEOPLE = [812, 455, 290, 377, 198]
DONE = [72, 65, 81, 58, 69]


def bars_and_line(path: Path) -> Built:
    """Counts as bars on the left axis, a share as a line on a second axis (twinx); its text
    in embedded TrueType fonts."""

    def draw(ax):
        bars = ax.bar(TOWNS, PEOPLE, 0.55, color="#6a4c93", label="Deltakere")
        ax.bar_label(
            bars, labels=[no(v) for v in PEOPLE], label_type="center", fontsize=8, color="white"
        )
        _count_axis(ax.yaxis, 200)
        ax.set_ylim(0, 1000)
        right = ax.twinx()
        (line,) = right.plot(
            TOWNS, DONE, color="#ff9f1c", marker="D", markersize=4, label="Andel fullført"
        )
        for i, v in enumerate(DONE):
            right.annotate(
                no(v, 0, "%"),
                (i, v),
                xytext=(0, 6),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
                fontweight="bold",
            )
        _percent_axis(right.yaxis, 25)
        right.set_ylim(0, 125)
        ax.legend([bars, line], ["Deltakere", "Andel fullført"], loc="upper right", fontsize=8)

    return chart_page(
        path, draw, "Figur 9: Deltakere og andel fullført per kommune", fonttype=TRUETYPE
    )


TRACKS = ["Norskopplæring", "Arbeidspraksis", "Utdanning"]
STATUS = {"Fullført": [120, 98, 143], "Avbrutt": [45, 51, 22], "Pågår": [30, 40, 35]}


def horizontal_stacked(path: Path) -> Built:
    """Stacked horizontal bars with counts in the segments and totals after the bars."""
    colours = {"Fullført": "#588157", "Avbrutt": "#bc4749", "Pågår": "#a3b18a"}

    def draw(ax):
        ax.horizontal = True
        left = [0] * len(TRACKS)
        for name, values in STATUS.items():
            bars = ax.barh(TRACKS, values, 0.5, left=left, color=colours[name], label=name)
            ax.bar_label(bars, labels=[no(v) for v in values], label_type="center", fontsize=8)
            left = [a + b for a, b in zip(left, values, strict=True)]
        for i, total in enumerate(left):
            ax.annotate(
                no(total),
                (total, i),
                xytext=(4, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=8,
                fontweight="bold",
            )
        ax.invert_yaxis()
        _count_axis(ax.xaxis, 50)
        ax.set_xlim(0, 250)
        ax.legend(loc="lower right", fontsize=8)

    return chart_page(
        path,
        draw,
        "Figur 10: Tiltak etter status",
        font="STIXGeneral",
        axes=(0.22, 0.14, 0.72, 0.8),
    )


CHANGE_PLACES = ["Alta", "Moss", "Molde", "Narvik", "Lillehammer"]
CHANGE = [3.5, -2.0, 5.5, -4.5, 1.0]


def bars_below_zero(path: Path) -> Built:
    """Changes in percentage points: some bars hang below the zero line."""

    def draw(ax):
        bars = ax.bar(CHANGE_PLACES, CHANGE, 0.6, color="#3a86ff")
        ax.bar_label(bars, labels=[no(v, 1) for v in CHANGE], padding=2, fontsize=8)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.yaxis.set_major_locator(MultipleLocator(2))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: no(v)))
        ax.set_ylim(-6, 8)

    return chart_page(path, draw, "Figur 11: Endring i prosentpoeng fra 2024 til 2025")


def raster_and_vector(path: Path) -> Built:
    """A chart pasted as a picture (Figur 12) above a vector chart (Figur 13) on one page."""
    with plt.rc_context({"font.family": "DejaVu Sans"}):
        pic = plt.figure(figsize=(5, 2.4), dpi=100)
        ax = pic.add_axes((0.12, 0.15, 0.84, 0.8))
        bars = ax.bar(COUNTIES[:4], SETTLED[:4], color="#8338ec")
        ax.bar_label(bars, labels=[no(v) for v in SETTLED[:4]])
        buffer = io.BytesIO()
        pic.savefig(buffer, format="png")
        plt.close(pic)
    buffer.seek(0)
    image = plt.imread(buffer)
    with plt.rc_context({"pdf.fonttype": TYPE3, "font.family": "DejaVu Sans"}):
        fig = plt.figure(figsize=A4, dpi=PT)
        fig.patch.set_visible(False)
        holder = fig.add_axes((0.1, 0.66, 0.8, 0.25))
        holder.imshow(image)
        holder.set_axis_off()
        fig.text(0.1, 0.64, "Figur 12: Bosatte per fylke (bilde)", fontsize=9, style="italic")
        fig.text(0.1, 0.58, "Figur 13: Bosatte per fylke", fontsize=9, style="italic")
        ax = fig.add_axes((0.18, 0.3, 0.7, 0.25))
        bars = ax.bar(COUNTIES[:4], SETTLED[:4], color="#fb5607")
        ax.bar_label(bars, labels=[no(v) for v in SETTLED[:4]], fontsize=8)
        _count_axis(ax.yaxis, 1000)
        ax.set_ylim(0, 4000)
        fig.savefig(path)
        plt.close(fig)
    return Built(path, 0.0)


MONTHS = ["Jan", "Feb", "Mar", "Apr"]
TOWN = [20, 35, 50, 42]
COUNTRY = [30, 36, 40, 55]


def close_lines(path: Path, axis: bool = True) -> Built:
    """Two lines that nearly meet in February: its labels sit next to both points; with
    their value axis, or without it."""

    def draw(ax):
        ax.plot(MONTHS, TOWN, color="#7209b7", marker="o", markersize=3, label="Kommunen")
        ax.plot(MONTHS, COUNTRY, color="#4cc9f0", marker="o", markersize=3, label="Landet")
        for values, dy in ((TOWN, 4), (COUNTRY, -13)):
            for i, v in enumerate(values):
                ax.annotate(
                    no(v, 0, "%"),
                    (i, v),
                    xytext=(0, dy),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=8,
                )
        _percent_axis(ax.yaxis, 10)
        ax.set_ylim(0, 60)
        ax.yaxis.set_visible(axis)
        ax.legend(loc="upper left", fontsize=8)

    return chart_page(path, draw, "Figur 15: Andel i arbeid, kommunen og landet")


def shared_colour(path: Path) -> Built:
    """Two series drawn in one colour: the legend cannot tell their bars apart."""

    def draw(ax):
        xs = range(len(GROUPS))
        for k, year in enumerate(YEARS[:2]):
            bars = ax.bar(
                [x + (k - 0.5) * 0.3 for x in xs], BY_YEAR[year], 0.3, color="#457b9d", label=year
            )
            ax.bar_label(bars, labels=[no(v, 0, "%") for v in BY_YEAR[year]], fontsize=8)
        ax.set_xticks(list(xs), GROUPS)
        _percent_axis(ax.yaxis, 20)
        ax.set_ylim(0, 80)
        ax.legend(loc="upper left", fontsize=8)

    return chart_page(path, draw, "Figur 16: To serier i samme farge")


def caption_only(path: Path) -> Built:
    """A caption whose chart is missing from the page: only text around it."""
    with plt.rc_context({"pdf.fonttype": TYPE3}):
        fig = plt.figure(figsize=A4, dpi=PT)
        fig.patch.set_visible(False)
        for i, line in enumerate(BODY):
            fig.text(0.1, 0.9 - i * 0.018, line, fontsize=11)
        fig.text(0.1, 0.8, "Figur 17: Figuren er utelatt", fontsize=9, style="italic")
        fig.savefig(path)
        plt.close(fig)
    return Built(path, 0.0)


# ---------------------------------------------------------------- as other producers print

STACK_YEARS = ["2021", "2022", "2023", "2024"]
WORK = [28, 43, 24, 27]
STUDY = [4, 3, 32, 6]


def stacked_small_beside(path: Path) -> Built:
    """Two series stacked; a segment too small to hold its label has it set beside the
    column, in the free space to its right."""
    colours = {"Arbeid": "#1f5f8b", "Utdanning": "#e07b39"}

    def draw(ax):
        bars = ax.bar(STACK_YEARS, WORK, 0.5, color=colours["Arbeid"], label="Arbeid")
        ax.bar_label(bars, labels=[no(v, 0, "%") for v in WORK], label_type="center",
                     fontsize=8, color="white")  # fmt: skip
        bars = ax.bar(
            STACK_YEARS, STUDY, 0.5, bottom=WORK, color=colours["Utdanning"], label="Utdanning"
        )
        for i, (v, b) in enumerate(zip(STUDY, WORK, strict=True)):
            if v >= 10:
                ax.text(i, b + v / 2, no(v, 0, "%"), ha="center", va="center", size=8, color="w")
            else:
                ax.text(i + 0.28, b + v / 2, no(v, 0, "%"), ha="left", va="center", size=8)
        _percent_axis(ax.yaxis, 20)
        ax.set_ylim(0, 80)
        ax.legend(loc="upper right", fontsize=8)

    return chart_page(path, draw, "Figur 20: Overgang til arbeid og utdanning")


def lines_box_legend(path: Path) -> Built:
    """Two lines with square markers under a legend of coloured boxes (as web charts print
    it), labelled above and below their points."""
    from matplotlib.patches import Patch

    def draw(ax):
        _lines(ax, [no(v, 0, "%") for v in WOMEN])
        for line in ax.get_lines():
            line.set_marker("s")
        handles = [Patch(color=line.get_color()) for line in ax.get_lines()]
        ax.legend(handles, ["Menn", "Kvinner"], loc="lower right", fontsize=8)

    return chart_page(path, draw, "Figur 21: Andel i arbeid etter kjønn")


AGES = ["18-24 år", "25-30 år", "31-35 år", "36-40 år"]
ENDED = [1905, 2105, 1644, 1982]
SHARE = [54, 55, 47, 33]


def bars_and_line_no_axis(path: Path) -> Built:
    """Counts as bars on the one printed axis, a share as a line whose own axis is left out;
    the last point lies on its bar's end, its label over both."""

    def draw(ax):
        bars = ax.bar(AGES, ENDED, 0.6, color="#1f5f8b", label="Antall avsluttet")
        ax.bar_label(bars, labels=[no(v) for v in ENDED], label_type="center", fontsize=8,
                     color="white")  # fmt: skip
        _count_axis(ax.yaxis, 2000)
        ax.set_ylim(0, 6000)
        right = ax.twinx()
        (line,) = right.plot(AGES, SHARE, color="#e07b39", marker="s", markersize=4)
        for i, v in enumerate(SHARE):
            right.annotate(no(v, 0, "%"), (i, v), xytext=(0, 5), textcoords="offset points",
                           ha="center", va="bottom", fontsize=8)  # fmt: skip
        right.set_ylim(0, 100)
        right.yaxis.set_visible(False)
        ax.legend([bars, line], ["Antall avsluttet", "Andel i arbeid"], loc="upper right",
                  fontsize=8)  # fmt: skip

    return chart_page(path, draw, "Figur 22: Resultat fordelt på alder")


def captions_under(path: Path) -> Built:
    """Two charts, each with its caption under it; the first caption stands nearer to the
    second chart than to its own."""
    first = Panel(
        partial(_vertical_bars, labels=[no(v) for v in SETTLED], axis=True),
        "Figur 23: Bosatte per fylke",
        box=(0.1, 0.62, 0.8, 0.26),
    )
    second = Panel(
        partial(_lines, women_labels=[no(v, 0, "%") for v in WOMEN]),
        "Figur 24: Andel i arbeid etter kjønn",
        box=(0.1, 0.3, 0.8, 0.305),
    )
    return page(path, [first, second])


SIDES = {"Arbeid": [44.0, 35.0, 14.0, 33.0], "Utdanning": [25.0, 35.0, 22.0, 21.0]}


def grouped_equal(path: Path) -> Built:
    """Two series side by side; in 2022 both bars are as high, their labels set close
    enough to be one run of text."""
    colours = {"Arbeid": "#1f5f8b", "Utdanning": "#e07b39"}

    def draw(ax):
        for k, (name, values) in enumerate(SIDES.items()):
            xs = [i + (k - 0.5) * 0.4 for i in range(len(STACK_YEARS))]
            bars = ax.bar(xs, values, 0.4, color=colours[name], label=name)
            ax.bar_label(bars, labels=[no(v, 1, "%") for v in values], padding=2, fontsize=9)
        ax.set_xticks(range(len(STACK_YEARS)), STACK_YEARS)
        _percent_axis(ax.yaxis, 20)
        ax.set_ylim(0, 60)
        ax.legend(loc="upper right", fontsize=8)

    return chart_page(path, draw, "Figur 25: Overgang til arbeid og utdanning")


TABLE_OVER_CHART = [
    ["Fylke", "Kvinner", "Menn", "Begge kjønn"],
    ["Agder", "54 %", "35 %", "44 %"],
    ["Innlandet", "49 %", "54 %", "51 %"],
    ["Nordland", "59 %", "35 %", "47 %"],
    ["Oslo", "37 %", "75 %", "56 %"],
]


def table_over_chart(path: Path, gap: float = 0.012) -> Built:
    """Two pages: the first ends with a table's caption, its table (open, no rules) opens
    the second, and ``gap`` (of the page's height) under its last row stands a chart of bars
    on its white panel, its caption under it: the chart's labels stand in columns as the
    table's values do (as LibreOffice prints a table right over a chart; fuzzer seed 6)."""
    from matplotlib.backends.backend_pdf import PdfPages

    with (
        plt.rc_context({"pdf.fonttype": TYPE3, "font.family": "DejaVu Sans"}),
        PdfPages(path) as pdf,
    ):
        fig = plt.figure(figsize=A4, dpi=PT)
        fig.patch.set_visible(False)
        for i, line in enumerate(BODY):
            fig.text(0.1, 0.92 - i * 0.018, line, fontsize=11)
        fig.text(0.1, 0.1, "Tabell 2: Resultat per fylke", fontsize=9)
        pdf.savefig(fig)
        plt.close(fig)
        fig = plt.figure(figsize=A4, dpi=PT)
        fig.patch.set_visible(False)
        row = 0.025
        for r, cells in enumerate(TABLE_OVER_CHART):
            for x, cell in zip((0.1, 0.35, 0.5, 0.65), cells, strict=True):
                fig.text(x, 0.92 - r * row, cell, fontsize=9)
        bottom = 0.92 - (len(TABLE_OVER_CHART) - 1) * row - gap
        x, w, h = 0.1, 0.8, 0.3
        y = bottom - h
        rect = plt.Rectangle((x, y), w, h, transform=fig.transFigure)
        rect.set(facecolor="white", edgecolor="none")
        fig.add_artist(rect)
        ax = fig.add_axes((x + 0.16 * w, y + 0.2 * h, 0.74 * w, 0.66 * h))
        _bars_and_line(ax)
        fig.text(x, y - 0.022, "Figur 4: Resultat fordelt på alder", fontsize=9)
        per_unit = _per_unit(ax)
        pdf.savefig(fig)
        plt.close(fig)
    return Built(path, per_unit)


EIGHT_AGES = ["18-24", "25-30", "31-35", "36-40", "41-45", "46-50", "51-55", "56+"]
EIGHT_ENDED = [812, 1491, 542, 2602, 1511, 2687, 1651, 587]
EIGHT_SHARE = [50, 53, 42, 43, 31, 25, 51, 53]


def _bars_and_line(ax) -> None:
    """Counts in bars labelled inside them, shares as a line labelled over its points."""
    bars = ax.bar(EIGHT_AGES, EIGHT_ENDED, 0.6, color="#1f5f8b", label="Antall avsluttet")
    ax.bar_label(bars, labels=[no(v) for v in EIGHT_ENDED], label_type="center", fontsize=8,
                 color="white")  # fmt: skip
    _count_axis(ax.yaxis, 2000)
    ax.set_ylim(0, 6000)
    right = ax.twinx()
    (line,) = right.plot(EIGHT_AGES, EIGHT_SHARE, color="#e07b39", marker="o", markersize=4)
    for i, v in enumerate(EIGHT_SHARE):
        right.annotate(no(v, 0, "%"), (i, v), xytext=(0, 5), textcoords="offset points",
                       ha="center", va="bottom", fontsize=8)  # fmt: skip
    _percent_axis(right.yaxis, 20)
    right.set_ylim(0, 100)
    ax.legend([bars, line], ["Antall avsluttet", "Andel i arbeid og/eller utdanning"],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8,
              frameon=False)  # fmt: skip
