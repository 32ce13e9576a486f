"""One file in, its DocumentResult out: tell PDF from web page, open it, assemble it."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import replace
from pathlib import Path

from ..model import ContentMode, DocumentError, DocumentResult, Source, SourceKind, Table, TableKind
from ..specs.load import Spec
from ..specs.settings import TABLES, SettingsByCaption
from ..text.normalize import slugify
from .assemble import Content, Document, assemble, content_mode, identify
from .pdf.camelot_engine import camelot_tables, with_engines
from .pdf.content import read_content
from .pdf.evidence import (
    TableFigures,
    failed_records,
    in_page_order,
    measure,
    not_read,
    unread_tables,
)
from .pdf.pdffile import header_offset, metadata, open_pdf, page_layouts
from .pdf.sideways import read_sideways, with_sideways
from .pdf.text import reading_order
from .web.page import read_page

FIRST_PAGES = 3  # a PDF's family and year are read from its first pages


def sniff(data: bytes) -> SourceKind:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return SourceKind.PDF
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:1024]:
        return SourceKind.HTML
    if header_offset(data) is not None:  # a PDF after some bytes of something else
        return SourceKind.PDF
    return SourceKind.UNKNOWN


def read_document(path: Path, data: bytes | None = None, name: str | None = None) -> DocumentResult:
    """Read ``path`` (or ``data``, its bytes, published under the file name ``name``); a
    DocumentError says in one line why it cannot be read."""
    data = path.read_bytes() if data is None else data
    name = path.name if name is None else name
    source = Source(
        source_id=slugify(Path(name).stem),
        file=name,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=sniff(data),
    )
    return read_opened(open_reading(data, source.kind), source)


def read_opened(document: Document, source: Source) -> DocumentResult:
    """An opened document's result: identified, its content read for its family, assembled."""
    identity = identify(document)
    if identity is None:
        raise DocumentError(f"unknown kind of document; {document.beginning}")
    reader = READERS[document.kind]
    content = reader.content(document, identity.spec, content_mode(identity.family))
    return assemble(document, identity, content, source)


def content_of(document: Document) -> Content:
    """An opened document's content, read as ``extract`` reads it: with its family's spec, or
    for every table the engine finds where no family knows it."""
    identity = identify(document)
    spec = identity.spec if identity is not None else None
    mode = content_mode(identity.family if identity is not None else None)
    return READERS[document.kind].content(document, spec, mode)


def open_reading(data: bytes, kind: SourceKind) -> Document:
    """The document opened by the reader of its kind; DocumentError if it cannot be."""
    if not data:
        raise DocumentError("empty file (0 bytes)")
    if kind not in READERS:
        raise DocumentError("not a PDF or an HTML page")
    return READERS[kind].open(data)


class PdfReader:
    """A PDF: its pages' glyphs and paths, read by the table, chart and text engine."""

    def open(self, data: bytes) -> Document:
        pdf = open_pdf(data)
        try:
            title, created = metadata(pdf)
            layouts = page_layouts(pdf)
        finally:
            pdf.close()
        first = [s for layout in layouts[:FIRST_PAGES] for s in reading_order(layout.segments)]
        start = " ".join(" ".join(s.text for s in (layouts[0].segments if layouts else [])).split())
        return Document(
            kind=SourceKind.PDF,
            text="\n".join(s.text for s in first),
            meta_title=title,
            meta_date=created,
            pages=len(layouts),
            beginning=f"its first page begins: {start[:80]!r}",
            body=layouts,
            data=data,
        )

    def content(self, document: Document, spec: Spec | None, mode: ContentMode) -> Content:
        read = read_content(document.body, mode, table_settings(spec))
        tables = _by_engine(read.tables, spec, document.data, document.body)
        return Content(tables, read.paragraphs)


class WebReader:
    """A saved web page: its article's text and its ``<table>``s."""

    def open(self, data: bytes) -> Document:
        page = read_page(data)
        start = " ".join(page.text.split())[:80]
        return Document(
            kind=SourceKind.HTML,
            text=f"{page.site}\n{page.text}",
            meta_title=page.title,
            meta_date=page.date,
            pages=None,
            beginning=f"its article begins: {start!r}",
            body=page,
            headline=page.title,
            lead=page.lead,
        )

    def content(self, document: Document, spec: Spec | None, mode: ContentMode) -> Content:
        return Content(document.body.tables, document.body.paragraphs)  # a page holds no more


READERS = {SourceKind.PDF: PdfReader(), SourceKind.HTML: WebReader()}


def _by_engine(tables: list[Table], spec: Spec | None, data: bytes, layouts) -> list[Table]:
    """The tables whose spec entry names another engine, read by it (``with_engines``)."""
    entries = spec.content.table if spec is not None else []
    engines = [(e.caption, e.engine) for e in entries if e.engine != "reportparse"]
    if not engines:
        return tables
    sizes = {lo.number: (lo.width, lo.height) for lo in layouts}
    with tempfile.TemporaryDirectory() as folder:  # camelot reads a file
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        return with_engines(tables, engines, path, sizes)


def read_tables(data: bytes, pages: set[int] | None = None) -> list[Table]:
    """Every table the engine finds in a PDF (on ``pages`` only, where given), captioned or
    not, with no family or spec: the tables of ``reportparse tables``. DocumentError says in
    one line why the PDF cannot be read."""
    return [t for t, _ in read_measured_tables(data, pages)]


def read_measured_tables(
    data: bytes, pages: set[int] | None = None, engine: str = "reportparse", path=None
) -> list[tuple[Table, TableFigures]]:
    """The tables of ``read_tables``, each with its figures (``evidence.measure``); a page
    with evidence of a table that none read covers has a ``failed`` record for it.
    ``engine`` camelot-lattice or camelot-stream reads the tables with camelot instead (from
    the file at ``path``, whose bytes are ``data``)."""
    pdf = open_pdf(data)
    try:
        layouts = page_layouts(pdf, pages=pages)
    finally:
        pdf.close()
    if engine != "reportparse":
        sizes = {lo.number: (lo.width, lo.height) for lo in layouts}
        tables = camelot_tables(path, engine, sizes, pages)
        tables = in_page_order(tables, failed_records(unread_tables(layouts, tables), tables))
        return [(t, measure(t, layouts)) for t in tables]
    content = read_content(layouts, ContentMode.EVERY, table_settings(None))
    turned = read_sideways(layouts, table_settings(None))
    upright = [t for t in content.tables if t.kind == TableKind.TABLE]
    tables = with_sideways(upright, turned.tables, layouts)
    read = content.tables + turned.tables
    unread = unread_tables(layouts, read) + not_read(turned.unread, read)
    tables = in_page_order(tables, failed_records(unread, tables))
    return [(t, turned.figures_of(t) or measure(t, layouts)) for t in tables]


def table_settings(spec: Spec | None) -> SettingsByCaption:
    """The TableSettings of each captioned table: a spec entry's ``settings`` override the
    defaults for the tables under the captions its ``caption`` pattern finds."""
    entries = spec.content.table if spec is not None else []
    overrides = tuple((e.caption, replace(TABLES, **e.settings)) for e in entries if e.settings)
    return SettingsByCaption(TABLES, overrides)
