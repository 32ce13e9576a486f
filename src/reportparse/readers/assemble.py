"""One document from its reader to its result, the same way for every kind of document.

A reader (PDF or web page) opens the document into a ``Document``: the text its family is
recognised from, and the reader's own form of it. ``identify`` gives its family, year and
spec; the reader then reads its content in one ``ContentMode`` (``content_mode``), and
``assemble`` takes the one path that ``extract``, ``inspect`` and ``report`` all use: find
and classify the key figures, and map tables and key figures into observations (and a
family's own datasets). Data flows one way: nothing here calls back into a reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import __version__
from ..contract import regions
from ..families import Detection, detect
from ..mapping import content, tidy
from ..mapping.programme_rules import DATASET as PROGRAMME_RULES
from ..mapping.programme_rules import programme_rules
from ..model import (
    STATISTIC_UNITS,
    ContentMode,
    DocumentResult,
    FoundBy,
    Observation,
    Paragraph,
    Source,
    SourceKind,
    Table,
    TableStatus,
)
from ..specs.load import Spec, load_spec
from ..specs.schema import Family
from ..text.keyfigures import find_key_figures
from . import fate


@dataclass
class Content:
    """What a document prints: its tables and its running text."""

    tables: list[Table]
    paragraphs: list[Paragraph]


@dataclass
class Document:
    """A document opened by its reader, before its family is known."""

    kind: SourceKind
    text: str  # the text its family and year are recognised from
    meta_title: str  # from the document's metadata, "" if none
    meta_date: str
    pages: int | None
    beginning: str  # how it begins, for the message when no family knows it
    body: object  # the reader's own form of it: a PDF's page layouts, a web page
    headline: str = ""  # a web page's headline and lead (ingress); "" for a PDF
    lead: str = ""
    data: bytes = b""  # the bytes it was opened from, for an engine that reads the file itself


@dataclass
class Identity:
    """What a document is: its family and year (``Detection``), and the spec it is read with."""

    found: Detection
    spec: Spec

    @property
    def family(self) -> Family:
        return self.found.family


def identify(document: Document) -> Identity | None:
    """The family, year and spec of a document (None when no family knows it)."""
    found = detect(
        document.text, document.kind, document.meta_title, document.meta_date,
        document.headline, document.lead,
    )  # fmt: skip
    if found is None:
        return None
    return Identity(found, load_spec(found.family.id, found.year))


def content_mode(family: Family | None) -> ContentMode:
    """The tables a document of ``family`` is read for: every table where no family knows
    it; else its spec's, and the ruled grids without a number where its family prints them."""
    if family is None:
        return ContentMode.EVERY
    return ContentMode.SPEC_AND_UNNUMBERED if family.unnumbered_tables else ContentMode.SPEC


def assemble(
    document: Document, identity: Identity, content: Content, source: Source
) -> DocumentResult:
    """The whole result of one document, from its identity and its content."""
    found, spec = identity.found, identity.spec
    describe_source(source, found, spec)
    source.pages = document.pages
    units = STATISTIC_UNITS | frozenset(found.family.units)
    figures = find_key_figures(
        content.paragraphs, found.year, units, regions.county_names_in, regions.county_in
    )
    result = DocumentResult(source=source, tables=content.tables, key_figures=figures)
    rule_rows = programme_rules(content.tables, content.paragraphs, spec)
    if rule_rows:
        result.datasets[PROGRAMME_RULES] = rule_rows
    result.observations = observations(result, spec, found.year)
    notices = [spec.notice] if spec.notice else []
    notices += [n for t in result.tables if (n := fate.notice(t)) is not None]
    source.message = "; ".join(notices)
    return result


def describe_source(source: Source, found: Detection, spec: Spec) -> None:
    source.family = found.family.id
    source.year = found.year
    source.title = found.title
    source.published = found.published
    source.source_id = found.source_id
    source.parser = f"{found.family.parser} {__version__}" + (f", {spec.path}" if spec.path else "")
    source.message = spec.notice


def observations(result: DocumentResult, spec: Spec, year: int | None) -> list[Observation]:
    """Observations of the mapped tables and the classified key figures.

    Each table the spec maps gives its observations, and lists the body cells that give
    none (``Table.unobserved``); a table whose rows or columns the mapping cannot take is
    ``incomplete`` and gives none (a figure that could not be read whole is a notice). A
    family without specs (a generic page) maps a table by
    its own headers where it can (``tidy.header_entry``). A table nothing maps is
    ``unmapped``. A table the engine could not read, and a table the spec expects but the
    document lacks, make the document partial (``DocumentResult.problems``).
    """
    tables, source_id = result.tables, result.source.source_id
    out = []
    readable = (TableStatus.EXTRACTED, TableStatus.UNMAPPED)
    extracted = [t for t in tables if t.status in readable]
    claimed = {id(t) for e in spec.content.table for t in extracted if tidy.table_matches(e, t)}
    for entry in spec.content.table:
        matches = [t for t in extracted if tidy.table_matches(entry, t)]
        how = FoundBy.CAPTION if entry.caption is not None else FoundBy.CONTENT
        found = content.Found(None)
        if not matches and year is not None:  # no caption names it: found by what it holds
            found = content.find(entry, [t for t in extracted if id(t) not in claimed], year)
            matches, how = ([found.table], FoundBy.CONTENT) if found.table else ([], how)
            claimed |= {id(t) for t in matches}
        if not matches and entry.required:
            result.problems.append(found.problem or _not_found(entry, tables, spec))
        for t in matches:
            out += _mapped(t, entry, source_id, year, how)
    if not spec.path:  # a family without specs: a table is mapped by its own headers
        for t in extracted:
            entry = tidy.header_entry(t)
            if entry is not None:
                out += _mapped(t, entry, source_id, year, FoundBy.CONTENT)
    for entry in spec.content.text_table:
        for t in extracted:
            if t.spec is None and tidy.table_matches(entry, t):
                t.spec = entry.name
                t.found_by = FoundBy.CAPTION if entry.caption is not None else FoundBy.CONTENT
    for t in extracted:
        if t.spec is None:
            where = spec.path or f"the {spec.family} family, which has no spec"
            fate.unmapped(t, f"is not mapped by {where}: published as printed")
    # a figure that could not be read whole is a notice: never required
    result.problems += [p for t in tables if (p := fate.problem(t)) is not None]
    out += tidy.key_figure_observations(result.key_figures, source_id)
    return out


def _mapped(t: Table, entry, source_id: str, year: int | None, how: FoundBy) -> list[Observation]:
    """The observations of one table as ``entry`` (which found it ``how``) maps it; none from
    a table the mapping cannot take whole (it becomes incomplete)."""
    t.spec, t.found_by = entry.name, how
    mapped = tidy.table_observations(t, entry, source_id, year)
    t.unobserved = mapped.unobserved
    if mapped.problems:
        fate.incomplete(t, "; ".join(mapped.problems))
        return []
    return mapped.observations


def _not_found(entry, tables: list[Table], spec: Spec) -> str:
    """The message for a table the spec expects but the document lacks: the entry and the
    captions there are."""
    captions = [t.caption for t in tables if t.caption]
    found = ", ".join(repr(c) for c in captions) if captions else "none"
    return (
        f"expected table {entry.name!r} ({entry.describe_match()}) not found "
        f"(read with {spec.path}); captions found: {found}"
    )
