"""The tables of a PDF with no family or spec, each with its figures: what ``reportparse
tables`` reads. Apart from ``document.py`` so that reading them imports no more than the PDF
engine needs: not the assembly of a document, its key figures and their classification
(simplemma), nor pandas."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import ContentMode, Table, TableKind
from ..specs.settings import TABLES, SettingsByCaption
from .pdf.camelot_engine import camelot_tables
from .pdf.content import read_content
from .pdf.evidence import (
    TableFigures,
    failed_records,
    in_page_order,
    measure,
    not_read,
    unread_tables,
)
from .pdf.pdffile import open_pdf, page_layouts
from .pdf.sideways import read_sideways, with_sideways

if TYPE_CHECKING:
    from ..specs.load import Spec


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
