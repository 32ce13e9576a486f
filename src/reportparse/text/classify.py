"""Classify a numeric statement: the core indicator it states, its year and dimensions.

The rules are data (``specs/classify.toml``); this module only decides where
to look. For each number it reads, in turn, the words after it up to the next
number or clause break, the words before it back to the previous number or
clause break, and the whole sentence; for a footnote also the sentence that
points to it. A number in brackets ("måloppnåelse (53 prosent)") looks back
before it looks ahead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..model import Classification
from ..specs.load import classifier
from .quantities import Quantity, calendar_year, quantities

_CLAUSE_BREAK = re.compile(r",\s+(?!\d)|;\s*|:\s+|\s+mens\s+|\s+men\s+|\s+samt\s+|\s+[–—]\s+")
# a year after these words is what the figure is compared with, not its own year
_COMPARISON = re.compile(r"\b(?:fra|enn|siden|mot|sammenlignet med|sammenliknet med)\s+(?:i\s+)?$")
_BRACKETED = re.compile(r"\([^()]*\d[^()]*\)")


@dataclass
class ClassifierRules:
    indicators: list[tuple[str, str, list[re.Pattern]]]
    blockers: list[re.Pattern]
    after_blockers: list[re.Pattern]
    dimensions: dict[str, list[tuple[str, re.Pattern]]]
    age: re.Pattern
    age_value: str
    relative_years: list[tuple[re.Pattern, int]] = field(default_factory=list)


@cache
def classifier_rules() -> ClassifierRules:
    """The rules of ``specs/classify.toml``, compiled (matched without regard to case)."""
    spec = classifier()
    flags = re.I

    def comp(patterns: list[str]) -> list[re.Pattern]:
        return [re.compile(p, flags) for p in patterns]

    return ClassifierRules(
        indicators=[(i.id, i.unit, comp(i.patterns)) for i in spec.indicator],
        blockers=comp(spec.blockers),
        after_blockers=comp(spec.after_blockers),
        dimensions={
            dim: [(value, re.compile(p, flags)) for value, pats in values.items() for p in pats]
            for dim, values in spec.dimensions.model_dump().items()
            if values
        },
        age=re.compile(spec.age.pattern, flags),
        age_value=spec.age.value,
        relative_years=[(re.compile(y.pattern, flags), y.offset) for y in spec.relative_year],
    )


@dataclass
class Context:
    """What a sentence is read against: the document's year, the heading above it,
    the region names in force, and for a footnote the text that points to it."""

    year: int | None
    heading: str = ""
    anchor_prefix: str = ""  # text of the pointing sentence up to the marker
    anchor_sentence: str = ""
    anchor: Classification | None = None  # the number the marker is printed on, classified
    regions: list[tuple[str, str, re.Pattern]] = field(default_factory=list)  # code, name, pattern


def _clause_bounds(sentence: str, pos: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    depth = 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        # breaks inside brackets do not count
        depth = sentence[: m.start()].count("(") - sentence[: m.start()].count(")")
        if depth > 0:
            continue
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _spans(sentence: str, figures: list[Quantity], i: int) -> tuple[str, str]:
    """Words after and before figure ``i``, bounded by its neighbours and clause breaks."""
    q = figures[i]
    c_start, c_end = _clause_bounds(sentence, q.num_start)
    nxt = figures[i + 1].start if i + 1 < len(figures) else len(sentence)
    prv = figures[i - 1].end if i > 0 else 0
    after = sentence[q.end : max(q.end, min(nxt, c_end))]
    before = sentence[max(prv, c_start) : q.start]
    return after, before


def _bracketed(sentence: str, q: Quantity) -> bool:
    return sentence[: q.start].rstrip().endswith("(")


def _reduced(sentence: str) -> str:
    """The sentence without bracketed figures: "arbeid (19 prosent) og utdanning" reads
    "arbeid og utdanning"."""
    return re.sub(r"\s{2,}", " ", _BRACKETED.sub(" ", sentence))


def _unit_of(indicator: str) -> str | None:
    return next((u for i, u, _ in classifier_rules().indicators if i == indicator), None)


def _indicator(text: str, unit: str) -> str | None:
    for ind, ind_unit, patterns in classifier_rules().indicators:
        if ind_unit == unit and any(p.search(text) for p in patterns):
            return ind
    return None


def _nearest(text: str, patterns: list[tuple[str, re.Pattern]], last: bool) -> str | None:
    """The value whose mention is last (nearest the end) or first in ``text``."""
    best, pos = None, None
    for value, p in patterns:
        for m in p.finditer(text):
            at = m.start()
            if pos is None or (at > pos if last else at < pos):
                best, pos = value, at
    return best


def _dimension(
    patterns: list[tuple[str, re.Pattern]], after: str, before: str, prefix: str, look_back: bool
) -> str | None:
    first = [(before, True), (after, False)] if look_back else [(after, False), (before, True)]
    for text, last in [*first, (prefix, True)]:
        found = _nearest(text, patterns, last)
        if found:
            return found
    return None


def _years(sentence: str, all_q: list[Quantity], q: Quantity) -> list[int]:
    years = [y for y in all_q if calendar_year(y) is not None]
    if not years:
        return []
    c_start, c_end = _clause_bounds(sentence, q.num_start)
    inside = [
        y
        for y in years
        if c_start <= y.num_start < c_end and not _COMPARISON.search(sentence[: y.num_start])
    ]
    if inside:
        # years printed as a list ("i 2024 og 2025", "2018 og 2019") all count
        groups: list[list[Quantity]] = [[inside[0]]]
        for y in inside[1:]:
            gap = sentence[groups[-1][-1].num_end : y.num_start]
            if re.fullmatch(r"\s*(?:,|og|og i|eller)\s*", gap):
                groups[-1].append(y)
            else:
                groups.append([y])
        nearest = min(groups, key=lambda g: min(abs(y.num_start - q.num_start) for y in g))
        return [calendar_year(y) for y in nearest]
    before = [y for y in years if y.num_start < q.num_start]
    if before:
        return [calendar_year(before[-1])]
    return [calendar_year(years[0])]


def _year_offset(after: str, before: str) -> int:
    """-1 for "7 760 året før": a figure whose own words put it in the year before."""
    own = f"{before} {after}"
    if re.search(r"\d{4}", own):
        return 0  # the figure's own clause prints its year
    return next((offset for p, offset in classifier_rules().relative_years if p.search(own)), 0)


def classify(
    sentence: str, figures: list[Quantity], all_q: list[Quantity], i: int, ctx: Context
) -> Classification:
    """Classification of ``figures[i]`` (the statistics of ``sentence``)."""
    r = classifier_rules()
    q = figures[i]
    after, before = _spans(sentence, figures, i)
    out = Classification()
    if any(b.search(after + " " + before) for b in r.blockers):
        return out
    if any(b.search(after) for b in r.after_blockers):
        return out
    look_back = _bracketed(sentence, q)
    order = [before, after] if look_back else [after, before]
    reduced = _reduced(sentence)
    prefix = sentence[: q.start]
    own = next((i for t in [*order, reduced] if (i := _indicator(t, q.unit))), None)
    anchor = ctx.anchor if ctx.anchor and ctx.anchor.indicator else None
    indicator = own
    if indicator is None and anchor is not None and _unit_of(anchor.indicator) == q.unit:
        indicator = anchor.indicator
    if indicator is None:
        for text in (ctx.anchor_prefix, ctx.anchor_sentence):
            indicator = _indicator(text, q.unit) if text else None
            if indicator:
                break
    if indicator is None:
        return out
    # a number that borrows its meaning from elsewhere must not be about a blocked subject
    # itself ("sysselsettingsprosenten ... 58,4" in a footnote to a sentence on arbeid)
    if own is None and any(b.search(ctx.anchor_prefix) or b.search(sentence) for b in r.blockers):
        return out
    out.indicator = indicator
    years = _years(sentence, all_q, q)
    if not years and anchor is not None:
        years = list(anchor.years)
    if not years and ctx.anchor_sentence:
        years = [y for q in quantities(ctx.anchor_sentence) if (y := calendar_year(q))][:1]
    if not years and ctx.year:
        years = [ctx.year]
    out.years = [y + _year_offset(after, before) for y in years]
    prefix_ctx = prefix + " " + ctx.anchor_prefix if ctx.anchor_prefix else prefix
    for dim, patterns in r.dimensions.items():
        value = _dimension(patterns, after, before, prefix_ctx, look_back)
        if value is None and anchor is not None and getattr(anchor, dim) != "alle":
            value = getattr(anchor, dim)
        if value is None and dim == "group" and not ctx.anchor_sentence:
            value = _nearest(ctx.heading, patterns, last=True)
        if value:
            setattr(out, dim, value)
    age = None
    for text in (before, after, prefix_ctx) if look_back else (after, before, prefix_ctx):
        hits = list(r.age.finditer(text))
        if hits:
            age = r.age_value.format(*hits[-1].groups())
            break
    if age:
        out.age_group = age
    if ctx.regions:
        region = _dimension(
            [(code, p) for code, _name, p in ctx.regions], after, before, prefix, look_back
        )
        if region:
            out.region_code = region
            out.region_name = next(n for c, n, _ in ctx.regions if c == region)
    return out
