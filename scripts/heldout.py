"""A held-out set of single-page tables, drawn with reportlab, truth from construction.

Each seed draws one page: a table in one of the styles below, with its own labels, numbers,
number formats, fonts, sizes, column widths and place, sometimes under a caption and beside
running text. The cells expected are those drawn (a spanning header cell written in its
top-left position, the positions it spans empty). The styles are the cases the table engine
must read in any PDF:

* ``ruled``: every row and column ruled;
* ``booktabs``: rules over and under the header and under the body only;
* ``open``: no rules, values flush right;
* ``zebra``: every other row on a filled band, no rules;
* ``filled``: every cell a filled rectangle with white gaps, no rules;
* ``header-apart``: the header in a ruled box of its own, the body in another under it;
* ``spanning``: a ruled grid whose header has cells over two columns and a stub head over
  two rows;
* ``short-rules``: a ruled grid whose column rules stop short of its frame;
* ``sideways``: a ruled or open table set at 90° or 270° on an upright page.

Seeds are the discipline: ``TUNING_SEEDS`` may be looked at while the engine is changed,
``HELD_OUT_SEEDS`` never (``make bench`` scores them, with camelot lattice, camelot stream
and pdfplumber in the same run).

    python scripts/heldout.py --out DIR [--seeds 1000-1029]   # writes the PDFs and truth
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from pathlib import Path

TUNING_SEEDS = range(0, 100)  # may be looked at while the engine is changed
HELD_OUT_SEEDS = range(1000, 1030)  # scored by make bench, never looked at while tuning
STYLES = (
    "ruled",
    "booktabs",
    "open",
    "zebra",
    "filled",
    "header-apart",
    "spanning",
    "short-rules",
    "sideways",
)
STUBS = [
    "Agder",
    "Innlandet",
    "Oslo",
    "Rogaland",
    "Vestland",
    "Viken",
    "Nordland",
    "Trøndelag",
    "Telemark",
    "Finnmark",
    "Buskerud",
    "Østfold",
    "Akershus",
    "Hedmark",
    "Oppland",
    "Hordaland",
    "Sogn",
    "Møre",
    "Troms",
    "Vestfold",
]
LONG_STUBS = (
    "Work or education",
    "Primary school",
    "Upper secondary",
    "Higher education",
    "Not in work",
    "Other outcome",
    "On leave",
    "Moved away",
    "Language training",
    "Job practice",
)
HEADS = [
    "Women",
    "Men",
    "Total",
    "Share",
    "Change",
    "Number",
    "Rate",
    "Median",
    "Mean",
    "Count",
    "Before",
    "After",
    "Planned",
    "Actual",
]
FONTS = (("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"))
PROSE = (
    "The figures are counted at the end of each year and include every participant who "
    "was registered in the programme. Where a municipality reported late, its figures are "
    "those of the previous report. Shares are of all participants in the group."
)


@dataclass
class Drawn:
    name: str
    style: str
    cells: list[list[str]]


def _number(rng: random.Random, kind: str, sep: str) -> str:
    if kind == "count":
        v = rng.randint(3, 25000)
        return f"{v:,}".replace(",", sep)
    if kind == "share":
        return f"{rng.randint(0, 100)} %"
    return f"{rng.uniform(0, 99):.1f}"


def table_cells(rng: random.Random, spanning: bool) -> tuple[list[list[str]], int]:
    """Header rows and body of a table; the number of header rows."""
    n_rows = rng.randint(3, 12)
    n_cols = 4 if spanning else rng.randint(2, 6)
    stubs = rng.sample(LONG_STUBS if rng.random() < 0.3 else STUBS, min(n_rows, 10))
    stubs += [f"Group {i}" for i in range(len(stubs), n_rows)]
    kind = rng.choice(["count", "share", "decimal"])
    sep = rng.choice([" ", ","])  # thousands separator
    body = [[s, *(_number(rng, kind, sep) for _ in range(n_cols))] for s in stubs]
    if spanning:
        a, b = rng.sample(HEADS[:6], 2)
        head = [["Region", a, "", b, ""], ["", "Number", "Share", "Number", "Share"]]
        return head + body, 2
    heads = rng.sample(HEADS, n_cols)
    return [["Region", *heads], *body], 1


def draw(path: Path, seed: int) -> Drawn:
    """Draw the page of ``seed`` into ``path``; what was drawn."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    style = STYLES[seed % len(STYLES)]
    cells, header = table_cells(rng, style == "spanning")
    font, bold = rng.choice(FONTS)
    size = rng.choice([8, 9, 10, 11])
    row_h = size * rng.choice([1.6, 1.8, 2.0])
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    stub_w = max(c.stringWidth(r[0], font, size) for r in cells) + 2 * size
    val_w = max(c.stringWidth(v, font, size) for r in cells for v in r[1:]) + 2.5 * size
    widths = [stub_w] + [val_w] * (len(cells[0]) - 1)
    x0, top = rng.uniform(50, 90), height - rng.uniform(90, 160)
    if rng.random() < 0.5 and style != "sideways":
        c.setFont(bold, size + 1)
        c.drawString(x0, top + 1.5 * size, f"Table {rng.randint(1, 20)}: Participants by region")
        top -= 0.5 * size
    if style == "sideways":
        degrees = rng.choice([90, 270])
        c.saveState()
        if degrees == 90:
            c.translate(width - 80, 60)
        else:
            c.translate(80, height - 60)
        c.rotate(degrees)
        _table(c, cells, header, widths, row_h, (0, 0), (font, bold, size), rng.random() < 0.5)
        c.restoreState()
    else:
        bottom = _table(c, cells, header, widths, row_h, (x0, top), (font, bold, size), style=style)
        if rng.random() < 0.6:
            _prose(c, x0, bottom - 2.5 * size, width - 2 * x0, font, size)
    c.save()
    return Drawn(path.stem, style, cells)


def _prose(c, x: float, y: float, width: float, font: str, size: float) -> None:
    c.setFont(font, size)
    line = ""
    for word in PROSE.split():
        trial = f"{line} {word}".strip()
        if c.stringWidth(trial, font, size) > width:
            c.drawString(x, y, line)
            y -= size * 1.3
            line = word
        else:
            line = trial
    c.drawString(x, y, line)


def _table(c, cells, header, widths, row_h, origin, fonts, ruled=None, style=None) -> float:
    """Draw ``cells`` from ``origin`` (left, top in PDF space); the y under the table."""
    font, bold, size = fonts
    x0, top = origin
    if style is None:
        style = "ruled" if ruled else "open"
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    gap = row_h * 0.8 if style == "header-apart" else 0.0

    def row_top(r: int) -> float:
        return top - r * row_h - (gap if r >= header else 0.0)

    n = len(cells)
    bottom = row_top(n - 1) - row_h
    if style in ("zebra", "filled"):
        c.setFillColorRGB(0.82, 0.88, 0.95)
        for r in range(n):
            y = row_top(r) - row_h
            if style == "zebra" and r % 2 == 1:
                c.rect(xs[0], y, xs[-1] - xs[0], row_h, stroke=0, fill=1)
            elif style == "filled":
                for k, w in enumerate(widths):
                    c.rect(xs[k] + 1, y + 1, w - 2, row_h - 2, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
    c.setLineWidth(0.6)
    if style in ("ruled", "header-apart", "spanning", "short-rules"):
        boxes = [(0, header), (header, n)] if style == "header-apart" else [(0, n)]
        for a, b in boxes:
            box_top, box_bottom = row_top(a), row_top(b - 1) - row_h
            for r in range(a, b):
                left = xs[1] if style == "spanning" and r == 1 else xs[0]  # stub head spans
                c.line(left, row_top(r), xs[-1], row_top(r))
            c.line(xs[0], box_bottom, xs[-1], box_bottom)
            for k, x in enumerate(xs):
                inner = 0 < k < len(xs) - 1
                y_top, y_bottom = box_top, box_bottom
                if style == "short-rules" and inner:
                    y_top, y_bottom = box_top - 0.3 * row_h, box_bottom + 0.3 * row_h
                if style == "spanning" and k in (2, 4):
                    y_top = row_top(1)  # a group head spans the two columns under it
                c.line(x, y_top, x, y_bottom)
    elif style == "booktabs":
        for y, w in ((row_top(0), 1.0), (row_top(header), 0.5), (bottom, 1.0)):
            c.setLineWidth(w)
            c.line(xs[0], y, xs[-1], y)
    for r, row in enumerate(cells):
        c.setFont(bold if r < header else font, size)
        y = row_top(r) - row_h / 2 - size * 0.35
        for k, text in enumerate(row):
            if not text:
                continue
            if k == 0:
                c.drawString(xs[0] + 0.5 * size, y, text)
            elif style == "spanning" and r == 0:
                c.drawCentredString(xs[k + 1], y, text)  # over its two columns
            else:
                c.drawRightString(xs[k + 1] - 0.5 * size, y, text)
    return bottom


def seeds(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def write_set(out: Path, wanted: list[int]) -> list[tuple[Path, Drawn]]:
    """Each seed's PDF and truth (``<name>.csv``) in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    drawn = []
    for seed in wanted:
        pdf = out / f"heldout-{seed}.pdf"
        d = draw(pdf, seed)
        with open(out / f"heldout-{seed}.csv", "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(d.cells)
        drawn.append((pdf, d))
    return drawn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    first, last = HELD_OUT_SEEDS[0], HELD_OUT_SEEDS[-1]
    ap.add_argument("--seeds", default=f"{first}-{last}", help="e.g. 1000-1029 or 5")
    args = ap.parse_args()
    for pdf, d in write_set(args.out, seeds(args.seeds)):
        print(pdf, d.style, f"{len(d.cells)}x{len(d.cells[0])}")


if __name__ == "__main__":
    main()
