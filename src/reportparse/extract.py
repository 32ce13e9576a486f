"""One document in, its DocumentResult out: recognise it, read it with its family's parser."""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import __version__, keyfigures, registry, rules, tidy
from .model import DocumentError, DocumentResult, Source, Table
from .pdf.document import metadata, open_pdf, page_layouts
from .pdf.report import read_pdf
from .pdf.text import reading_order
from .textutil import slugify

FIRST_PAGES = 3


def sniff(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:1024]:
        return "html"
    return "unknown"


def extract_file(path: Path) -> DocumentResult:
    """Read ``path``; a DocumentError says in one line why it cannot be read."""
    data = path.read_bytes()
    source = Source(
        source_id=slugify(path.stem),
        file=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=sniff(data),
    )
    if not data:
        raise DocumentError("empty file (0 bytes)")
    if source.kind == "pdf":
        return _extract_pdf(data, source)
    if source.kind == "html":
        from .html import extract_html

        return extract_html(data, source)
    raise DocumentError("not a PDF or an HTML page")


def _extract_pdf(data: bytes, source: Source) -> DocumentResult:
    pdf = open_pdf(data)
    try:
        title, created = metadata(pdf)
        layouts = page_layouts(pdf)
        source.pages = len(layouts)
        first_text = "\n".join(
            s.text for layout in layouts[:FIRST_PAGES] for s in reading_order(layout.segments)
        )
        found = registry.detect(first_text, "pdf", title, created)
        if found is None:
            start = " ".join(s.text for s in (layouts[0].segments if layouts else []))
            raise DocumentError(
                f"unknown kind of document; its first page begins: {' '.join(start.split())[:80]!r}"
            )
        spec = registry.load_spec(found.family.id, found.year)
        describe_source(source, found, spec, "report")
        content = read_pdf(layouts, found.family.unnumbered_tables)
    finally:
        pdf.close()
    units = keyfigures.STATISTIC_UNITS | frozenset(found.family.units)
    figures = keyfigures.extract(content.paragraphs, found.year, units)
    result = DocumentResult(source=source, tables=content.tables, key_figures=figures)
    result.observations = observations(result.tables, figures, spec, source.source_id, found.year)
    rule_rows = rules.programme_rules(result.tables, content.paragraphs, spec)
    if rule_rows:
        result.datasets[rules.DATASET] = rule_rows
    return result


def describe_source(
    source: Source, found: registry.Detection, spec: registry.Spec, parser: str
) -> None:
    source.family = found.family.id
    source.year = found.year
    source.title = found.title
    source.published = found.published
    source.source_id = found.family.source_id.format(year=found.year)
    source.parser = f"{parser} {__version__}" + (f", {spec.path}" if spec.path else "")
    source.message = spec.notice


def observations(tables: list[Table], figures, spec: registry.Spec, source_id: str, year: int):
    """Observations of the mapped tables and the classified key figures.

    A table the spec expects but the document lacks is an error.
    """
    out = []
    extracted = [t for t in tables if t.status == "extracted"]
    for entry in spec.tables:
        matches = [t for t in extracted if tidy.table_matches(entry, t)]
        if not matches and entry.get("required", True):
            raise DocumentError(
                f"expected table {entry['name']!r} ({tidy.describe_match(entry)}) "
                f"not found (read with {spec.path})"
            )
        for t in matches:
            t.spec = entry["name"]
            out += tidy.table_observations(t, entry, source_id, year)
    out += tidy.key_figure_observations(figures, source_id)
    return out
