"""Numeric statements of running text and footnotes, classified where they state an indicator.

Each sentence is read against its context: the year of the sentences before it in its
paragraph (a lead's first sentence dates its second), else the year its section's
heading names, else the document's year; and the figures of the sentence before it, for
a sentence that refers back ("I 2017 var andelen 12 prosent").
"""

from __future__ import annotations

import re

from ..model import STATISTIC_UNITS, Classification, KeyFigure, Paragraph, ParagraphKind
from ..specs.statements import grammar
from .classify import Context, RegionFinder, RegionInYear, classify, main_year
from .quantities import quantities
from .sentences import split_sentences

_ONLY_NUMBER = re.compile(r"^[\d\s.,%]+$")


def _anchors(paragraphs: list[Paragraph]) -> dict[tuple[int | None, str], tuple[str, str, str]]:
    """Footnote marker -> (text before the marker, whole sentence, heading above), per page."""
    out: dict[tuple[int | None, str], tuple[str, str, str]] = {}
    heading = ""
    for p in paragraphs:
        if p.kind == ParagraphKind.HEADING:
            heading = p.text
        if p.kind == ParagraphKind.FOOTNOTE:
            continue
        sentences = split_sentences(p.text)
        for offset, marker in p.anchors:
            for start, sentence in sentences:
                if start <= offset <= start + len(sentence):
                    out.setdefault(
                        (p.page, marker), (sentence[: offset - start], sentence, heading)
                    )
                    break
    return out


def _places(finder: RegionFinder | None, section: str, paragraph: str) -> tuple[str, ...]:
    """The regions a statement's context is about (``specs/statements.toml``, ``[place]``):
    those its section's heading names, else those its paragraph opens with ("I Agder ...");
    none where the context names no region or names the whole country."""
    if finder is None:
        return ()
    rule = grammar().place
    if any(re.search(p, section, re.I) for p in rule.national):
        return ()
    named = tuple(name for _, _, name in finder(section))
    if named:
        return named
    opening = re.compile(rule.opening, re.I)
    return tuple(name for a, _, name in finder(paragraph) if opening.search(paragraph[:a]))


def _anchor_figure(prefix: str, sentence: str, year, heading, regions):
    """Classification of the number a footnote marker is printed on ("13 000" + marker 25)."""
    if not prefix:
        return None
    found = quantities(sentence)
    stats = [q for q in found if q.unit in STATISTIC_UNITS]
    end = len(prefix.rstrip())
    for i, q in enumerate(stats):
        if q.num_end <= end <= q.end + 1:
            ctx = Context(year=year, heading=heading, find_regions=regions[0], region_in=regions[1])
            return classify(sentence, stats, found, i, ctx)
    return None


def find_key_figures(
    paragraphs: list[Paragraph],
    year: int | None,
    units: frozenset[str] = STATISTIC_UNITS,
    find_regions: RegionFinder | None = None,
    region_in: RegionInYear | None = None,
) -> list[KeyFigure]:
    """Key figures of ``paragraphs`` in reading order.

    ``year`` is the document's reference year (None if it has none), used where neither a
    sentence, its paragraph nor its heading names one. ``units`` are the units kept: the
    statistics, plus any a family wants. ``find_regions`` finds region names in a text and
    ``region_in`` says which region a name is in a year.
    """
    anchors = _anchors(paragraphs)
    regions = (find_regions, region_in)
    figures: list[KeyFigure] = []
    heading = ""
    previous: list[Classification] | None = None  # the figures of the sentence before
    for p in paragraphs:
        if p.kind == ParagraphKind.HEADING:
            heading = p.text
            previous = None  # a back-reference does not reach over a heading
        section = p.section if p.section is not None else heading
        if p.kind != ParagraphKind.FOOTNOTE and _ONLY_NUMBER.match(p.text):
            continue  # page numbers and stray labels
        prefix, anchor_sentence, anchor = "", "", None
        notes = p.kind == ParagraphKind.FOOTNOTE
        if notes and p.marker:
            prefix, anchor_sentence, anchor_heading = anchors.get((p.page, p.marker), ("", "", ""))
            anchor = _anchor_figure(prefix, anchor_sentence, year, anchor_heading, regions)
        # a footnote is read against the document's year and its pointing sentence only
        context_year = year if notes else (main_year(section) or year)
        if notes:
            previous = None
        places = _places(find_regions, section if not notes else heading, p.text)
        for _, sentence in split_sentences(p.text):
            found = quantities(sentence)
            kept = [q for q in found if q.unit in units]
            stats = [q for q in kept if q.unit in STATISTIC_UNITS]
            ctx = Context(
                year=context_year,
                heading=section if not notes else heading,
                anchor_prefix=prefix,
                anchor_sentence=anchor_sentence,
                anchor=anchor,
                find_regions=find_regions,
                region_in=region_in,
                previous=previous,
                places=places,
            )
            classified = []
            for q in kept:
                cls = None
                if q.unit in STATISTIC_UNITS:
                    cls = classify(sentence, stats, found, stats.index(q), ctx)
                    classified.append(cls)
                figures.append(
                    KeyFigure(
                        page=p.page,
                        sentence=sentence,
                        expression=q.expression,
                        value=q.value,
                        unit=q.unit,
                        approximate=q.approximate,
                        **({"classification": cls} if cls else {}),
                    )
                )
            previous = classified
            if not notes:
                context_year = main_year(sentence) or context_year
    return figures
