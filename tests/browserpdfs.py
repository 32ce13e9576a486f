"""Reports of the Nøkkeltall family written as HTML and printed to PDF by headless Chromium,
the way web-first publications are made: captions are headings with no colon ("Tabell 2
Resultat per fylke i 2026"), every page has a running head and a footer "Side N av M", the
report opens with a table of contents, and charts are inline SVG (paths under transforms and
a clip path, labels as separate text runs).

Each page is a block of its own (``Page``) so that the pages, their running heads and footers
are known when the HTML is written: the truth comes from construction."""

from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

STYLE = """
@page { size: A4; margin: 0; }
body { margin: 0; font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }
.page { height: 297mm; width: 210mm; box-sizing: border-box; padding: 18mm 20mm;
        position: relative; page-break-after: always; overflow: hidden; }
.head { position: absolute; top: 8mm; left: 20mm; font-size: 7.5pt; color: #555; }
.foot { position: absolute; bottom: 8mm; right: 20mm; font-size: 7.5pt; color: #555; }
h1 { font-size: 22pt; } h2 { font-size: 14pt; }
h3 { font-size: 11pt; font-weight: bold; margin: 10pt 0 4pt 0; }
table { border-collapse: collapse; font-size: 9pt; margin-bottom: 6pt; }
th, td { padding: 2pt 8pt; text-align: right; }
th:first-child, td:first-child { text-align: left; }
table.ruled th { border-bottom: 0.8pt solid #000; } table.ruled { border-bottom: 0.8pt solid #000; }
.toc div { display: flex; justify-content: space-between; width: 150mm; }
.caption-under { font-size: 9pt; font-style: italic; }
p.note { font-size: 7.5pt; }
"""


@dataclass
class Page:
    """One printed page: its blocks of HTML, top-down."""

    blocks: list[str] = field(default_factory=list)


@dataclass
class BrowserReport:
    year: int = 2026
    running_head: bool = True
    footer: str = "Side {n} av {m}"  # "" for none; {n} this page, {m} the pages
    pages: list[Page] = field(default_factory=list)

    def page(self) -> Page:
        self.pages.append(Page())
        return self.pages[-1]

    def html(self) -> str:
        out = [f"<!doctype html><html lang='no'><head><meta charset='utf-8'><style>{STYLE}"]
        out.append("</style></head><body>")
        m = len(self.pages)
        for n, p in enumerate(self.pages, 1):
            out.append("<div class='page'>")
            if self.running_head and n > 1:
                head = f"IMDi – Nøkkeltall introduksjonsordningen {self.year}"
                out.append(f"<div class='head'>{head}</div>")
            out += p.blocks
            if self.footer:
                out.append(f"<div class='foot'>{self.footer.format(n=n, m=m)}</div>")
            out.append("</div>")
        out.append("</body></html>")
        return "\n".join(out)

    def print(self, path: Path) -> Path:
        return print_pdf(self.html(), path)


def print_pdf(text: str, path: Path) -> Path:
    """``text`` (HTML) printed to ``path`` by headless Chromium; the test is skipped without it."""
    if CHROMIUM is None:
        pytest.skip("headless Chromium is not installed (apt-get install chromium)")
    source = path.with_suffix(".html")
    source.write_text(text, encoding="utf-8")
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={path}", source.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return path


def table_html(header: list[list[str]], body: list[list[str]], ruled: bool = True) -> str:
    cls = " class='ruled'" if ruled else ""
    rows = ["<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in r) + "</tr>" for r in header]
    rows += ["<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in body]
    return f"<table{cls}>" + "".join(rows) + "</table>"


def heading(text: str) -> str:
    return f"<h3>{html.escape(text)}</h3>"


def bar_chart_svg(categories: list[str], values: list[int], series: str) -> str:
    """A vertical bar chart as a browser's charting library draws it: a group moved by a
    transform, bars as paths under a clip path, a value label over each bar, the category
    under it, and a legend; every label a text run of its own."""
    width, height, left, base = 360, 200, 40, 160
    step = (width - left) / len(categories)
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height + 30}'>",
        "<defs><clipPath id='plot'><rect x='0' y='0' width='400' height='170'/></clipPath></defs>",
        "<g transform='translate(0,10)'>",
        f"<path d='M{left} {base} H{width}' stroke='#000' stroke-width='0.8'/>",
        "<g clip-path='url(#plot)'>",
    ]
    for i, v in enumerate(values):
        x = left + i * step + step * 0.25
        h = v * 1.4
        parts.append(
            f"<path d='M{x:.1f} {base} V{base - h:.1f} H{x + step * 0.5:.1f} V{base} Z' "
            "fill='#2a6ebb'/>"
        )
    parts.append("</g>")
    for i, (c, v) in enumerate(zip(categories, values, strict=True)):
        cx = left + i * step + step * 0.5
        parts.append(
            f"<text x='{cx:.1f}' y='{base - v * 1.4 - 4:.1f}' font-size='9' "
            f"text-anchor='middle'>{v} %</text>"
        )
        parts.append(
            f"<text x='{cx:.1f}' y='{base + 14}' font-size='9' text-anchor='middle'>"
            f"{html.escape(c)}</text>"
        )
    parts.append(
        f"<rect x='{left}' y='{base + 24}' width='8' height='8' fill='#2a6ebb'/>"
        f"<text x='{left + 12}' y='{base + 31}' font-size='9'>{html.escape(series)}</text>"
    )
    parts.append("</g></svg>")
    return "".join(parts)


AGES = ["18-24 år", "25-34 år", "35-44 år", "45-55 år"]
AGE_SHARES = [71, 62, 48, 30]
AGE_SERIES = "Andel i arbeid og/eller utdanning"


def contents_page(r: BrowserReport, entries: list[tuple[str, int]]) -> None:
    """A table of contents: a heading, then each entry with its page number flush right."""
    p = r.page()
    p.blocks.append("<h2>Innhold</h2><div class='toc'>")
    p.blocks += [f"<div><span>{html.escape(t)}</span><span>{n}</span></div>" for t, n in entries]
    p.blocks.append("</div>")


def report_2026(path: Path, measures, counties, year: int = 2026) -> Path:
    """A Nøkkeltall report as a browser prints it: a title page with a key figure, a table of
    contents, a page with the measures table and the county table (``Printed`` tables of
    ``variants.py``) under headings with no colon, and a page with a bar chart by age."""
    r = BrowserReport(year=year)
    r.page().blocks += [
        f"<h1>Nøkkeltall introduksjonsordningen {year}</h1>",
        f"<p>Om lag 21 500 personer deltok i introduksjonsprogram i {year}.</p>",
    ]
    contents_page(r, [("1 Innledning", 3), ("2 Deltakelse i tiltak", 3),
                      ("3 Resultater per fylke", 3), ("4 Overgang etter alder", 4)])  # fmt: skip
    r.page().blocks += [
        "<h2>1 Innledning</h2><p>Tabellene under viser andelen som gikk over til arbeid "
        "eller utdanning.</p>",
        heading(measures.caption),
        table_html(measures.header, [[c.replace("\n", " ") for c in row] for row in measures.body]),
        heading(counties.caption),
        table_html(counties.header, counties.body),
    ]
    r.page().blocks += [
        heading("Figur 3 Andel med overgang til arbeid og utdanning fordelt på alder"),
        bar_chart_svg(AGES, AGE_SHARES, AGE_SERIES),
    ]
    return r.print(path)


FLOWING = """
@page { size: A4; margin: 20mm;
  @top-left { content: "IMDi – Nøkkeltall introduksjonsordningen %(year)s"; font-size: 7.5pt; }
  @bottom-right { content: "Side " counter(page) " av " counter(pages); font-size: 7.5pt; } }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }
h3 { font-size: 11pt; font-weight: bold; }
table { border-collapse: collapse; font-size: 9pt; }
th, td { padding: 2pt 8pt; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { border-bottom: 0.8pt solid #000; }
"""


def flowing_table(header: list[list[str]], body: list[list[str]], break_before: int | None) -> str:
    """A table whose header is a ``<thead>`` (a browser repeats it on every page the table
    goes on to); ``break_before``: the body row that begins a new page."""
    head = "".join("<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in r) + "</tr>"
                   for r in header)  # fmt: skip
    rows = []
    for i, r in enumerate(body):
        style = " style='break-before: page'" if i == break_before else ""
        rows.append(f"<tr{style}>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>")
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def flowing_report(path: Path, blocks: list[str], year: int = 2026) -> Path:
    """A report printed in one flow: the browser breaks its pages, and prints a running head
    and "Side N av M" in the page margins (CSS page margin boxes)."""
    text = (
        "<!doctype html><html lang='no'><head><meta charset='utf-8'><style>"
        + FLOWING % {"year": year}
        + f"</style></head><body><h1>Nøkkeltall introduksjonsordningen {year}</h1>"
        + f"<p>Om lag 21 500 personer deltok i introduksjonsprogram i {year}.</p>"
        + "".join(blocks)
        + "</body></html>"
    )
    return print_pdf(text, path)
