"""A saved web page: the article's paragraphs and ``<table>``s, without the site around it.

The article is the page's ``<main>`` (or ``role="main"``), else its largest
``<article>``, else ``<body>``. Inside it, navigation, forms, scripts, footers,
blocks marked as share, cookie, feedback or breadcrumb blocks (by tag, ARIA role,
class, id or label), the site's header and menus, and blocks that are nothing but
links under a heading ("Les også", related articles, shortcuts) are left out. A fact
box or an aside with text of its own is article text. What remains is read block by
block into the same paragraphs the PDF reader gives (headings, body, footnotes with
their markers), so that key figures and tables go through the same code for both kinds
of document; each paragraph knows the heading of the section or box it stands in, and
a table's caption is a paragraph too (its numbers are key figures).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field

from ...model import (
    DocumentError,
    Paragraph,
    ParagraphKind,
    Table,
    TableMethod,
    TableNote,
    TableStatus,
)
from ...text.normalize import normalize_ws
from ...text.printed import ASTERISKS, CAPTION, NOTE_LEAD, is_body_row
from .html_limits import parse_page
from .wholeness import check_whole

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "table", "ul",
}  # fmt: skip
# never part of the article's text
DROPPED_TAGS = {
    "nav", "footer", "form", "button", "input", "select", "textarea", "label",
    "script", "style", "noscript", "template", "svg", "iframe", "object", "img", "picture",
    "video", "audio", "canvas", "dialog",
}  # fmt: skip
DROPPED_ROLES = {
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
}  # fmt: skip
# words of a block's class, id or aria-label that mark it as site furniture (or as text
# for screen readers only: "visually-hidden", "sr-only")
DROPPED_WORDS = {
    "share", "sharing", "deling", "social", "cookie", "cookies", "consent", "gdpr", "feedback",
    "tilbakemelding", "breadcrumb", "breadcrumbs", "brodsmulesti", "related", "relaterte",
    "newsletter", "subscribe", "skip", "informasjonskapsler", "samtykke", "tags", "print",
    "visually", "sr",
}  # fmt: skip
# words of the site's own header and menus: furniture where the block stands before the
# headline (an article's own <header class="news__header"> holds it; a "section-header"
# stands after it); of the site's footer: furniture where no text follows the block
HEADER_WORDS = {"header", "menu", "meny", "topbar", "masthead"}
FOOTER_WORDS = {"footer"}
_TEXT_AFTER = "following::*[self::p or self::li or self::table or self::h2 or self::h3]"
# a block whose words outside links and headings are at most this many (and fewer than its
# link words) is a list of links: "Les også", related articles, share links
LINK_BLOCK_WORDS = 2
MARKER = re.compile(r"^\s*(\d{1,2}|\*{1,3}|[a-z])\s*$")
SENTINEL = "\ue000"  # stands for a footnote marker while whitespace is normalised
_WORDS = re.compile(r"[A-ZÆØÅ]?[a-zæøå]+|[A-ZÆØÅ]+(?![a-zæøå])")  # "cookieWarning": 2 words
_TEXT_WORDS = re.compile(r"\w+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphen, zero-widths
_LEAD = re.compile(r"^(?:\S+\s+){5,}.*[.!?:]$")  # six words or more, ending as a sentence
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?P<site>[^|–—-]+)$")


@dataclass
class Page:
    """What a web page says: title, site, date from its markup, and its article."""

    title: str  # the headline
    site: str
    date: str  # from meta tags, JSON-LD or <time>; ISO or as written
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def lead(self) -> str:
        """The lead (ingress): the first paragraph after the headline that reads as sentences
        (a date line, a byline or a label does not)."""
        heading = next(
            (i for i, p in enumerate(self.paragraphs) if p.kind == ParagraphKind.HEADING), -1
        )
        for p in self.paragraphs[heading + 1 :]:
            if p.kind == ParagraphKind.BODY and _LEAD.search(p.text):
                return p.text
        return ""


def read_page(data: bytes) -> Page:
    """The article of a saved web page; DocumentError if the page has no readable text."""
    utf8 = _is_utf8(data)
    doc = parse_page(data, "utf-8" if utf8 else None)  # read whole, or DocumentError
    check_whole(data, doc, data.decode("utf-8" if utf8 else "latin-1"))  # was whole
    root = _article_root(doc)
    if root is None:
        raise DocumentError("no article text on the page")
    page = Page(title=_title(doc, root), site=_site(doc), date=_date(doc, root))
    reader = _Reader()
    reader.read(_pruned(root))
    page.paragraphs = reader.paragraphs
    page.tables = _tables(reader)
    if not page.paragraphs and not page.tables:
        raise DocumentError("no article text on the page")
    return page


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# ---------------------------------------------------------------- page metadata


def _meta(doc, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            hits = doc.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if hits and hits[0].strip():
                return hits[0].strip()
    return ""


def _json_ld(doc) -> list[dict]:
    out = []
    for script in doc.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data])
        out += [d for d in items if isinstance(d, dict)]
    return out


def _title(doc, root) -> str:
    """The headline: the article's <h1>, else og:title, else <title> without the site name."""
    h1 = root.xpath(".//h1")
    if h1:
        return normalize_ws(h1[0].text_content())
    title = _meta(doc, "og:title", "twitter:title")
    if not title:
        title = normalize_ws(doc.findtext(".//title") or "")
        title = _SITE_SUFFIX.sub("", title)
    return normalize_ws(title)


def _site(doc) -> str:
    """Who publishes the page: its site name in the markup, the <title>'s suffix, the
    publisher in JSON-LD and the site's logo (the link to its front page)."""
    site = _meta(doc, "og:site_name", "application-name")
    if not site:
        m = _SITE_SUFFIX.search(normalize_ws(doc.findtext(".//title") or ""))
        site = m.group("site") if m else ""
    publishers = [d.get("publisher") for d in _json_ld(doc) if isinstance(d.get("publisher"), dict)]
    names = [p.get("name", "") for p in publishers if p]
    home = doc.xpath("//a[@href='/']")
    if home:
        names += [home[0].text_content(), *home[0].xpath(".//img/@alt")]
    return normalize_ws(" ".join([site, *names]))


def _date(doc, root) -> str:
    """Publication date from the markup: meta tags, JSON-LD, then a <time> of the article."""
    found = _meta(doc, "article:published_time", "datePublished", "dcterms.issued", "dcterms.date",
                  "DC.date", "date", "pubdate")  # fmt: skip
    if found:
        return found
    for d in _json_ld(doc):
        if d.get("datePublished"):
            return str(d["datePublished"])
    times = root.xpath(".//time/@datetime") or root.xpath(".//time/text()")
    if times:
        return times[0]
    return _meta(doc, "article:modified_time", "dateModified", "dcterms.modified")


# ---------------------------------------------------------------- the article


def _article_root(doc):
    for path in ("//main", "//*[@role='main']"):
        hits = doc.xpath(path)
        if hits:
            return hits[0]
    articles = doc.xpath("//article")
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    return doc.find("body")


def _is_furniture(el) -> bool:
    if not isinstance(el.tag, str):
        return True  # comments, processing instructions
    if el.tag in DROPPED_TAGS or el.get("role") in DROPPED_ROLES or el.get("hidden") is not None:
        return True
    if el.get("aria-hidden") == "true":
        return True
    names = " ".join(el.get(a, "") for a in ("class", "id", "aria-label"))
    words = {w.lower() for w in _WORDS.findall(names)}
    if DROPPED_WORDS & words:
        return True
    if HEADER_WORDS & words and el.xpath("following::h1") and not el.xpath(".//h1"):
        return True
    if FOOTER_WORDS & words and not el.xpath(f"{_TEXT_AFTER}[normalize-space()]"):
        return True
    return _is_link_list(el)


def _is_link_list(el) -> bool:
    """A block that is nothing but links (and headings): navigation, not article text."""
    if el.tag not in BLOCKS or el.tag in HEADINGS or el.tag == "table":
        return False
    linked = sum(len(_TEXT_WORDS.findall(t)) for t in el.xpath(".//a//text()"))
    if not linked:
        return False
    own = el.xpath(".//text()[not(ancestor::a) and not(ancestor::h1 or ancestor::h2 or "
                   "ancestor::h3 or ancestor::h4 or ancestor::h5 or ancestor::h6)]")  # fmt: skip
    other = sum(len(_TEXT_WORDS.findall(t)) for t in own)
    return other <= LINK_BLOCK_WORDS and other < linked


def _pruned(root):
    """A copy of the article without the site furniture inside it."""
    root = copy.deepcopy(root)
    for el in list(root.iter()):
        if el is not root and el.getparent() is not None and _is_furniture(el):
            el.drop_tree()  # keeps the text that follows the element
    if root.tag == "body":  # no <main> or <article>: the page's own header is furniture too
        for header in root.findall("header"):
            header.drop_tree()
    return root


@dataclass
class _Block:
    """Inline text gathered for one paragraph; each footnote marker stands as a sentinel."""

    kind: ParagraphKind
    tag: str = ""  # the element it is read from
    parts: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)

    def text(self, text: str | None) -> None:
        self.parts.append((text or "").replace(SENTINEL, ""))

    def add(self, el) -> None:
        """The text of ``el``'s content (not its tail)."""
        self.text(el.text)
        for child in el:
            _inline(child, self)
            self.text(child.tail)


@dataclass
class _FoundTable:
    rows: list  # <tr> elements in display order
    thead: int  # rows in <thead>
    cells: list[list[str]]
    markers: list[tuple[int, int, str]]  # (row, col, marker) of the cells
    caption: str | None = None
    caption_markers: list[str] = field(default_factory=list)
    at: int = 0  # paragraphs before it


class _Reader:
    """Walks the article in document order: paragraphs out, tables aside.

    A heading is in force until the next one, or until the block it stands in ends: the
    heading of a fact box or a section does not reach the text after it (a block that
    holds nothing but the heading is no section: its heading goes on).
    """

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.tables: list[_FoundTable] = []
        self.heading: str | None = None
        self.headline: str | None = None  # the first <h1>: in force on the whole page

    def read(self, el, kind: ParagraphKind = ParagraphKind.BODY) -> None:
        outer, first = self.heading, len(self.paragraphs)
        block = _Block(ParagraphKind.HEADING if el.tag in HEADINGS else kind, el.tag)
        block.text(el.text)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in BLOCKS:
                self._flush(block)
                if tag == "table":
                    self._table(child)
                elif tag == "figure" and child.find(".//table") is not None:
                    self._figure(child)
                else:
                    self.read(child, block.kind)
                block = _Block(block.kind, el.tag)
            else:
                _inline(child, block)
            block.text(child.tail)
        self._flush(block)
        added = self.paragraphs[first:]
        if any(p.kind != ParagraphKind.HEADING for p in added):
            self.heading = outer  # a section or box ends: so does its heading

    def _flush(self, block: _Block) -> None:
        paragraph = _paragraph(block)
        if paragraph is None:
            return
        if paragraph.kind == ParagraphKind.HEADING:
            self.heading = paragraph.text
            if self.headline is None and block.tag == "h1":
                self.headline = paragraph.text
        paragraph.section = self.heading or self.headline
        self.paragraphs.append(paragraph)

    def _table(self, table, figcaption=None) -> None:
        rows, thead = _rows(table)
        found = _FoundTable(rows, thead, *_grid(rows))
        if sum(1 for row in found.cells if any(row)) < 2 or len(found.cells[0]) < 2:
            for cell in table.iter("td", "th", "caption"):
                self.read(cell)  # a table for layout: its text is running text
            return
        caption = table.find("caption")
        if caption is None:
            caption = figcaption
        if caption is not None:
            found.caption, found.caption_markers = text_and_markers(caption)
            if found.caption:  # the caption is read as text too: its numbers are key figures
                section = self.heading or self.headline
                self.paragraphs.append(
                    Paragraph(None, found.caption, ParagraphKind.BODY, section=section)
                )
        elif self.paragraphs and _is_caption(self.paragraphs[-1]):
            found.caption = self.paragraphs[-1].text  # a "Tabell N: ..." line above it
        found.at = len(self.paragraphs)
        self.tables.append(found)
        for tr in table.xpath("./tfoot/tr"):
            cells = tr.xpath("./td|./th")
            if len(cells) == 1:  # a line across the foot of the table is a note under it
                self.read(cells[0])

    def _figure(self, figure) -> None:
        caption = figure.find(".//figcaption")
        for table in figure.iter("table"):
            self._table(table, caption)


def _inline(el, block: _Block) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "br":
        block.parts.append("\n")
    elif tag == "sup" and len(el) == 0 and MARKER.match(el.text or ""):
        block.parts.append(SENTINEL)
        block.markers.append((el.text or "").strip())
    else:
        block.add(el)


def _paragraph(block: _Block) -> Paragraph | None:
    text = normalize_ws(_INVISIBLE.sub("", "".join(block.parts)))
    markers = list(block.markers)
    kind, marker = block.kind, None
    if text.startswith(SENTINEL) and kind != ParagraphKind.HEADING:
        kind, marker = ParagraphKind.FOOTNOTE, markers.pop(0)  # starts with its own marker
        text = text[1:].lstrip()
    elif kind != ParagraphKind.HEADING and (m := NOTE_LEAD.match(text)):
        kind, marker = ParagraphKind.NOTE, m.group(1)
        text = text[m.end() :]
    text, anchors = _take_markers(text, markers)
    if not text:
        return None
    return Paragraph(None, text, kind, marker, anchors)


def _take_markers(text: str, markers: list[str]) -> tuple[str, list[tuple[int, str]]]:
    """``text`` without its marker sentinels, and (offset, marker) where each stood."""
    pieces = text.split(SENTINEL)
    out = pieces[0]
    anchors = []
    for marker, piece in zip(markers, pieces[1:], strict=True):
        anchors.append((len(out.rstrip()), marker))
        out += piece[1:] if out.endswith(" ") and piece.startswith(" ") else piece
    return out.strip(), anchors


def text_and_markers(el) -> tuple[str, list[str]]:
    """Text of a table cell or caption with its footnote markers (superscripts, asterisks)
    taken out."""
    block = _Block(ParagraphKind.BODY)
    block.add(el)
    text = normalize_ws(_INVISIBLE.sub("", "".join(block.parts).replace(SENTINEL, "")))
    markers = list(block.markers)
    markers += [m.group(1) or m.group(2) for m in ASTERISKS.finditer(text)]
    return normalize_ws(ASTERISKS.sub("", text)), markers


# ---------------------------------------------------------------- tables


def _rows(table) -> tuple[list, int]:
    """The table's rows in display order (head, body, foot) and the number of <thead> rows."""
    head = table.xpath("./thead/tr")
    body = table.xpath("./tr|./tbody/tr")
    foot = [tr for tr in table.xpath("./tfoot/tr") if len(tr.xpath("./td|./th")) > 1]
    return head + body + foot, len(head)


def _span(td, attr: str) -> int:
    try:
        return max(1, min(int(td.get(attr, "1")), 100))
    except ValueError:
        return 1


def _grid(rows) -> tuple[list[list[str]], list[tuple[int, int, str]]]:
    """Cell texts, a merged cell written in its top-left position; (row, col, marker) notes."""
    texts: dict[tuple[int, int], str] = {}
    taken: set[tuple[int, int]] = set()
    notes: list[tuple[int, int, str]] = []
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.xpath("./td|./th"):
            while (r, c) in taken:
                c += 1
            text, markers = text_and_markers(td)
            texts[(r, c)] = text
            notes += [(r, c, m) for m in markers]
            span_r, span_c = _span(td, "rowspan"), _span(td, "colspan")
            taken |= {(r + dr, c + dc) for dr in range(span_r) for dc in range(span_c)}
            c += span_c
    width = max((c for _, c in taken), default=-1) + 1
    cells = [[texts.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    return cells, notes


def _header_rows(rows, cells: list[list[str]], thead: int) -> int:
    """<thead> rows, else the leading rows of <th> cells only, else the rows above the first
    row of numbers."""
    if thead == 0:
        for tr in rows:
            tds = tr.xpath("./td|./th")
            if not tds or any(td.tag != "th" for td in tds):
                break
            thead += 1
    if 0 < thead < len(cells):
        return thead
    return next((i for i, row in enumerate(cells) if is_body_row(row)), 0)


def _tables(reader: _Reader) -> list[Table]:
    out: list[Table] = []
    unnumbered = 0
    for found in reader.tables:
        cells = found.cells
        header_rows = _header_rows(found.rows, cells, found.thead)
        keep = [i for i, row in enumerate(cells) if any(row)]
        remap = {old: new for new, old in enumerate(keep)}
        header_rows = sum(1 for i in keep if i < header_rows)
        m = CAPTION.match(found.caption or "")
        if m and m.group("kind").lower().startswith("tab"):
            table_id = f"tabell-{m.group('num')}{m.group('sub') or ''}"
        else:
            unnumbered += 1
            table_id = f"utabell-p1-{unnumbered}"
        notes = [(None, None, mk) for mk in found.caption_markers]
        notes += [(remap[r], c, mk) for r, c, mk in found.markers if r in remap]
        out.append(
            Table(
                table_id=table_id,
                caption=found.caption,
                pages=[],
                method=TableMethod.HTML,
                status=TableStatus.EXTRACTED,
                cells=[cells[i] for i in keep],
                header_rows=header_rows,
                notes=[
                    TableNote(r, c, mk, _note_text(reader.paragraphs, mk, found.at))
                    for r, c, mk in notes
                ],
                source_text="\n".join(p.text for p in reader.paragraphs),  # the article
            )
        )
    return out


def _note_text(paragraphs: list[Paragraph], marker: str, at: int) -> str:
    """The footnote or note with ``marker`` nearest after the table (else the first one)."""
    after = [p for p in paragraphs[at:] if p.marker == marker]
    before = [p for p in paragraphs[:at] if p.marker == marker]
    found = after or before
    return found[0].text if found else ""


def _is_caption(p: Paragraph) -> bool:
    """A "Tabell N: ..." line; one with no separator ("Tabell 2 Resultat") only as a heading."""
    m = CAPTION.match(p.text)
    return m is not None and (m.group("bare") is None or p.kind == ParagraphKind.HEADING)
