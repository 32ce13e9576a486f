"""A composed document as one HTML page (with its charts as SVG) that every producer prints.

Running heads and footers are CSS page-margin boxes (Chromium, WeasyPrint) and
``<div title="header">`` / ``<div title="footer">`` blocks with page-number fields, which is
how LibreOffice's HTML import takes them (the browsers hide those blocks). Rules are both
table attributes (LibreOffice) and CSS (the browsers). A chart is inline SVG or an SVG image
beside the page (``Layout.chart_embed``); a producer that draws no inline SVG (LibreOffice)
is given the page with every chart as an image.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from .compose import Document, PrintedFigure, PrintedTable, Sentence
from .layout import Layout
from .svg import chart

CSS = """
body {{ font-family: "{font}"; font-size: 10pt; line-height: 1.35; }}
@page {{ size: A4 {orientation}; margin: 2cm 2cm 2.2cm 2cm; {margin_boxes} }}
@page :first {{ @top-left {{ content: none }} @top-right {{ content: none }}
  @bottom-left {{ content: none }} @bottom-center {{ content: none }}
  @bottom-right {{ content: none }} }}
@page wide {{ size: A4 landscape; }}
div[title=header], div[title=footer] {{ display: none; }}
h1 {{ font-size: 22pt; margin-top: 6cm; }}
h2 {{ font-size: 14pt; }}
h3.caption {{ font-size: 11pt; font-weight: bold; margin: 0.6em 0 0.3em 0; }}
p.caption {{ font-size: 9.5pt; margin: 0.6em 0 0.3em 0; }}
p.note {{ font-size: 8pt; margin: 0.1em 0; }}
p.toc {{ margin: 0.2em 0; }}
.newpage {{ break-before: page; page-break-before: always; }}
.wide {{ page: wide; }}
.cols {{ columns: 2; column-gap: 1cm; }}
table {{ border-collapse: collapse; margin: 0.3em 0; font-size: 9pt; width: auto; }}
th, td {{ padding: 2pt 6pt; text-align: left; vertical-align: top; }}
td.num {{ text-align: right; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
table.grid th, table.grid td {{ border: 0.75pt solid #000; }}
table.horizontal thead {{ border-top: 0.75pt solid #000; border-bottom: 0.75pt solid #000; }}
table.horizontal tbody {{ border-bottom: 0.75pt solid #000; }}
table.zebra thead tr {{ background: #c9d7e6; }}
table.zebra tbody tr.odd {{ background: #e8eef4; }}
div.figure {{ break-inside: avoid; margin: 0.6em 0; }}
"""

HEAD = {
    "none": "",
    "title": '@top-left {{ content: "{title}"; font-size: 8pt; }}',
    "imdi": '@top-right {{ content: "IMDi"; font-size: 8pt; }}',
}
FOOT = {
    "none": "",
    "side-n-av-m": '@bottom-center {{ content: "Side " counter(page) " av " counter(pages); '
    "font-size: 8pt; }}",
    "bare": "@bottom-right {{ content: counter(page); font-size: 8pt; }}",
    "imdi": '@bottom-left {{ content: "IMDi – {title}"; font-size: 8pt; }} '
    "@bottom-right {{ content: counter(page); font-size: 8pt; }}",
}
# a page break LibreOffice takes too (it reads no class rules): on the heading or paragraph
NEW_PAGE = ' style="page-break-before: always"'
PAGE = "<sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield>"
PAGES = "<sdfield type=DOCSTAT subtype=PAGE format=PAGE>1</sdfield>"
LO_HEAD = {"none": "", "title": "{title}", "imdi": "IMDi"}
LO_FOOT = {
    "none": "",
    "side-n-av-m": f"Side {PAGE} av {PAGES}",
    "bare": PAGE,
    "imdi": f"IMDi – {{title}} {PAGE}",
}


def render(doc: Document, folder: Path, inline_svg: bool = True) -> Path:
    """Write ``doc`` as ``folder/report.html`` (and its chart images); the page's path."""
    lay = doc.layout
    inline = inline_svg and lay.chart_embed == "inline"
    title = escape(doc.title)
    boxes = HEAD[lay.running_head].format(title=doc.title) + " "
    boxes += FOOT[lay.footer].format(title=doc.title)
    css = CSS.format(
        font=lay.font,
        orientation="landscape" if lay.landscape == "all" else "portrait",
        margin_boxes=boxes,
    )
    out = [
        f'<!DOCTYPE html>\n<html lang="nb"><head><meta charset="utf-8"><title>{title}</title>',
        f"<style>{css}</style></head><body>",
    ]
    if LO_HEAD[lay.running_head]:
        out.append(
            f'<div title="header"><p>{LO_HEAD[lay.running_head].format(title=title)}</p></div>'
        )
    if LO_FOOT[lay.footer]:
        out.append(f'<div title="footer"><p>{LO_FOOT[lay.footer].format(title=title)}</p></div>')
    out += [
        f"<h1>{title}</h1>",
        "<p>Resultater for flyktninger som deltok i og avsluttet introduksjonsprogram</p>",
        "<p>IMDi – Integrerings- og mangfoldsdirektoratet</p>",
        f"<p>{escape(doc.published)}</p>",
    ]
    if lay.toc != "none":
        out.append(f'<h2 class="newpage"{NEW_PAGE}>Innhold</h2>')
        for heading, page in doc.toc:
            gap = " " + "." * max(8, 70 - len(heading)) + " " if lay.toc == "leaders" else " "
            out.append(f'<p class="toc">{escape(heading)}{gap}{page}</p>')
    for section in doc.sections:
        wide = lay.landscape == "tables" and any(isinstance(i, PrintedTable) for i in section.items)
        cls = ' class="wide"' if wide else ""
        heading = f'<h2 class="newpage"{NEW_PAGE}>{escape(section.heading)}</h2>'
        out.append(f"<div{cls}>{heading}")
        text = "".join(_paragraph(p) for p in section.paragraphs)
        out.append(f'<div class="cols">{text}</div>' if lay.two_columns else text)
        for item in section.items:
            if isinstance(item, PrintedTable):
                out.append(_table(item, lay))
            else:
                out.append(_figure(item, lay, folder, inline))
        out.append("</div>")
    out.append("</body></html>\n")
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "report.html"
    page.write_text("\n".join(out), encoding="utf-8")
    return page


def _paragraph(sentences: list[Sentence]) -> str:
    return f"<p>{escape(' '.join(s.text for s in sentences))}</p>"


def _marker(lay: Layout, marker: str) -> str:
    if not marker:
        return ""
    return f"<sup>{marker}</sup>" if lay.markers == "digits" else escape(marker)


def _caption(lay: Layout, text: str, marker: str = "", newpage: bool = False) -> str:
    body = escape(text) + _marker(lay, marker)
    cls = f'"caption newpage"{NEW_PAGE}' if newpage else '"caption"'
    if lay.caption_style == "heading":
        return f"<h3 class={cls}>{body}</h3>"
    if lay.caption_style == "bold":
        body = f"<b>{body}</b>"
    elif lay.caption_style == "italic":
        body = f"<i>{body}</i>"
    return f"<p class={cls}>{body}</p>"


def _attributes(lay: Layout) -> str:
    rules = {
        "grid": 'class="grid" border="1" frame="box" rules="all"',
        "horizontal": 'class="horizontal" border="1" frame="hsides" rules="groups"',
        "zebra": 'class="zebra" border="0"',
        "none": 'class="none" border="0"',
    }[lay.rules]
    return f'{rules} width="100%" cellspacing="0" cellpadding="4"'


def _head(t: PrintedTable, lay: Layout) -> str:
    placed = _placed(t)
    rows = []
    for r in range(len(t.header)):
        cells = []
        for _, col, cell in (x for x in placed if x[0] == r):
            span = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
                f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            )
            marker = _marker(lay, t.marker_at(r, col))
            cells.append(f"<th{span}>{escape(cell.text)}{marker}</th>")
        zebra = ' bgcolor="#c9d7e6"' if lay.rules == "zebra" else ""
        rows.append(f"<tr{zebra}>{''.join(cells)}</tr>")
    return f"<thead>{''.join(rows)}</thead>"


def _placed(t: PrintedTable):
    """(row, col, cell) of every header cell."""
    width = len(t.body[0])
    taken = [[False] * width for _ in t.header]
    out = []
    for r, row in enumerate(t.header):
        c = 0
        for cell in row:
            while taken[r][c]:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[r + dr][c + dc] = True
            c += cell.colspan
    return out


def _body(t: PrintedTable, lay: Layout, start: int, stop: int) -> str:
    rows = []
    head = len(t.header)
    for i in range(start, stop):
        cells = []
        for c, text in enumerate(t.body[i]):
            marker = _marker(lay, t.marker_at(head + i, c))
            cls = ' class="num"' if c else ""
            cells.append(f"<td{cls}>{escape(text)}{marker}</td>")
        zebra = ' class="odd" bgcolor="#e8eef4"' if lay.rules == "zebra" and i % 2 else ""
        rows.append(f"<tr{zebra}>{''.join(cells)}</tr>")
    return f"<tbody>{''.join(rows)}</tbody>"


def _table(t: PrintedTable, lay: Layout) -> str:
    out = []
    caption = _caption(lay, t.caption, t.marker_at(None, None))  # type: ignore[arg-type]
    if lay.table_caption == "over":
        out.append(caption)
    parts = [(0, len(t.body))]
    if t.break_after is not None:
        parts = [(0, t.break_after), (t.break_after, len(t.body))]
    for k, (start, stop) in enumerate(parts):
        if k:
            if t.continued:
                out.append(_caption(lay, t.continued, newpage=True))
            else:
                out.append(f'<p class="newpage"{NEW_PAGE}></p>')
        head = _head(t, lay) if k == 0 or lay.repeat_header else ""
        out.append(f"<table {_attributes(lay)}>{head}{_body(t, lay, start, stop)}</table>")
    if lay.table_caption == "under":
        out.append(caption)
    for n in t.notes:
        out.append(f'<p class="note">{_marker(lay, n.marker)} {escape(n.text)}</p>')
    return "\n".join(out)


def _figure(f: PrintedFigure, lay: Layout, folder: Path, inline: bool) -> str:
    drawing = chart(f, lay)
    if inline:
        body = drawing
    else:
        name = f"{f.table_id}.svg"
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(drawing, encoding="utf-8")
        body = f'<img src="{name}" width="520" height="300" alt="">'
    caption = _caption(lay, f.caption)
    if lay.figure_caption == "over":
        parts = [_kept_with_next(caption), body]
    else:  # the drawing kept on the page of its caption (LibreOffice reads no class rules)
        parts = [f'<p style="{KEEP_WITH_NEXT}">{body}</p>', caption]
    return f'<div class="figure">{"".join(parts)}</div>'


KEEP_WITH_NEXT = "page-break-after: avoid"


def _kept_with_next(element: str) -> str:
    """An element with a style that keeps it on the page of the next one."""
    tag_end = element.index(">")
    if element[:tag_end].find("style=") >= 0:
        return element
    return f'{element[:tag_end]} style="{KEEP_WITH_NEXT}"{element[tag_end:]}'
