"""Numeric statements of running text and footnotes, classified where they state an indicator."""

from __future__ import annotations

import re

from ..model import STATISTIC_UNITS, KeyFigure, Paragraph, ParagraphKind
from .classify import Context, classify
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


def _anchor_figure(prefix: str, sentence: str, year, heading, region_patterns):
    """Classification of the number a footnote marker is printed on ("13 000" + marker 25)."""
    if not prefix:
        return None
    found = quantities(sentence)
    stats = [q for q in found if q.unit in STATISTIC_UNITS]
    end = len(prefix.rstrip())
    for i, q in enumerate(stats):
        if q.num_end <= end <= q.end + 1:
            ctx = Context(year=year, heading=heading, regions=region_patterns)
            return classify(sentence, stats, found, i, ctx)
    return None


def find_key_figures(
    paragraphs: list[Paragraph],
    year: int | None,
    units: frozenset[str] = STATISTIC_UNITS,
    region_patterns: list | None = None,
) -> list[KeyFigure]:
    """Key figures of ``paragraphs`` in reading order.

    ``year`` is the document's reference year, used where a sentence names none.
    ``units`` are the units kept: the statistics, plus any a family wants.
    ``region_patterns`` are the names of the regions in force, (code, name, pattern).
    """
    anchors = _anchors(paragraphs)
    region_patterns = region_patterns or []
    figures: list[KeyFigure] = []
    heading = ""
    for p in paragraphs:
        if p.kind == ParagraphKind.HEADING:
            heading = p.text
        if p.kind != ParagraphKind.FOOTNOTE and _ONLY_NUMBER.match(p.text):
            continue  # page numbers and stray labels
        prefix, anchor_sentence, anchor = "", "", None
        if p.kind == ParagraphKind.FOOTNOTE and p.marker:
            prefix, anchor_sentence, anchor_heading = anchors.get((p.page, p.marker), ("", "", ""))
            anchor = _anchor_figure(prefix, anchor_sentence, year, anchor_heading, region_patterns)
        for _, sentence in split_sentences(p.text):
            found = quantities(sentence)
            kept = [q for q in found if q.unit in units]
            stats = [q for q in kept if q.unit in STATISTIC_UNITS]
            ctx = Context(
                year=year,
                heading=heading,
                anchor_prefix=prefix,
                anchor_sentence=anchor_sentence,
                anchor=anchor,
                regions=region_patterns,
            )
            for q in kept:
                cls = None
                if q.unit in STATISTIC_UNITS:
                    cls = classify(sentence, stats, found, stats.index(q), ctx)
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
    return figures
