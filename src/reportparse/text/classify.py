"""Classify a numeric statement: the core indicator it states, its year and dimensions.

The indicator comes first from the grammar of statements (``specs/statements.toml``,
applied by ``grammar.py``): the parts of the number's own clause; a kind of statement that
is no year's value (an accumulation, a change, a negation ...) leaves it unclassified.
Where the grammar finds no part, the rules of ``specs/classify.toml`` decide; this module
decides where to look. For each number it reads, in turn, the words after it up to the next
number or clause break, the words before it back to the previous number or clause break,
and, only where the number's own clause says nothing of its own (``says_nothing`` of the
grammar: "mens menn har 54 prosent"), the whole sentence; for a footnote also the sentence
that points to it. A number in brackets ("måloppnåelse (53 prosent)") looks back before it
looks ahead.

It would rather say nothing than something wrong: a statement that is habitual or
undated ("vanligvis", "de siste årene"), about a subject outside the data set, or whose
year cannot be told is not classified. A statement's year comes from its own clause,
then from its sentence (not from a clause it is compared with), then from the context
the caller gives (its paragraph, its section's heading, the document). A statement
that refers back ("andelen", "av dem") takes the indicator and dimensions of the
sentence before it, where that one is classified without ambiguity; its own words win.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from ..contract.vocabulary import vocabulary
from ..model import Classification
from ..specs.load import classifier
from ..specs.statements import grammar
from .grammar import CLAUSE_BREAK, DATES, Lemmas, clauses, read, says_nothing
from .quantities import Quantity, calendar_year, quantities

# a year after these words is what the figure is compared with, not its own year
_COMPARISON = re.compile(
    r"(?:\b(?:fra|enn|siden|mot|sammenlignet med|sammenliknet med)"
    r"|\b(?:like|samme|så)\s+\w+\s+som)\s+(?:i\s+)?$"  # "like mange som i 2021"
)
# a clause that compares ("mot 33 prosent i 2019"): its year is its own figures' only
_COMPARING_CLAUSE = re.compile(r"^\W*(?:mot|enn|sammenlignet med|sammenliknet med)\b", re.I)
# a clause that compares with the clause before it, or gives the level it changed from ("mot
# 21 000 året før", "fra 19 700 året før"): a year counted from another is counted from that
# clause's
_CONTINUING_CLAUSE = re.compile(r"^\W*(?:mot|enn|fra|sammenlignet med|sammenliknet med)\b", re.I)
# the year a relative year is counted from, printed right after it ("året etter 2021")
_BASE_YEAR = re.compile(r"\s+(?:i\s+)?\d{4}\b")
# a clause joined to the one before, which continues it where it says nothing of its own
_JOINED_CLAUSE = re.compile(r"^\W*(?:og|samt)\b", re.I)
# a clause that opens a statement of its own ("..., mens 6 100 avsluttet")
_NEW_STATEMENT = re.compile(r"^\W*(?:mens|men|samt|og|eller|mot)\b", re.I)
# the vocabularies of schemas/ whose values a dimension read from words must be one of
_VOCABULARIES = {
    "education": "education_levels.csv", "age_group": "age_groups.csv",
    "category": "categories.csv",
}  # fmt: skip
# a clause that names the population the next one counts among ("Av de 9 000 som avsluttet")
_PARTITIVE_CLAUSE = re.compile(r"^\W*(?:av|blant)\b", re.I)
# a clause that says when ("i 2019, da 55 prosent ..."): it takes the year named before it
_WHEN_CLAUSE = re.compile(r"^\W*da\b", re.I)
_BRACKETED = re.compile(r"\([^()]*\d[^()]*\)")
# in the words after a number, a mention after a conjunction belongs to the next number
# ("45 pst. og blant mennene 63 pst."), one before it to this one ("62 prosent for menn og")
_CONJUNCTION = re.compile(r"\s(?:og|eller)\s")


@dataclass
class ClassifierRules:
    indicators: list[tuple[str, str, list[re.Pattern]]]
    blockers: list[re.Pattern]
    after_blockers: list[re.Pattern]
    undated: list[re.Pattern]
    back_references: list[re.Pattern]
    partitives: list[re.Pattern]
    dimensions: dict[str, list[tuple[str, re.Pattern]]]
    age: re.Pattern
    age_value: str
    age_open: re.Pattern
    age_open_value: str
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
        undated=comp(spec.undated),
        back_references=comp(spec.back_references),
        partitives=comp(spec.partitives),
        dimensions={
            dim: [(value, re.compile(p, flags)) for value, pats in values.items() for p in pats]
            for dim, values in spec.dimensions.model_dump().items()
            if values
        },
        age=re.compile(spec.age.pattern, flags),
        age_value=spec.age.value,
        age_open=re.compile(spec.age.open_pattern, flags),
        age_open_value=spec.age.open_value,
        relative_years=[(re.compile(y.pattern, flags), y.offset) for y in spec.relative_year],
    )


# (start, end, name) of the region names of a text; a function of the statement's year that
# gives the region's (code, name) in force, or None for a name not in force then
RegionFinder = Callable[[str], list[tuple[int, int, str]]]
RegionInYear = Callable[[str, int], tuple[str, str] | None]


@dataclass
class Context:
    """What a sentence is read against: the year of its context (paragraph, heading or
    document), the heading above it, the region names, for a footnote the text that points
    to it, and the classifications of the sentence before it (for a back-reference)."""

    year: int | None
    heading: str = ""
    anchor_prefix: str = ""  # text of the pointing sentence up to the marker
    anchor_sentence: str = ""
    anchor: Classification | None = None  # the number the marker is printed on, classified
    find_regions: RegionFinder | None = None
    region_in: RegionInYear | None = None
    previous: list[Classification] | None = None  # the figures of the sentence before
    # the region names its context names (its section's heading, else its paragraph's
    # opening): a statement naming no place is about the place they name; none: the country
    places: tuple[str, ...] = ()


def _clause_bounds(sentence: str, pos: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    depth = 0
    for m in CLAUSE_BREAK.finditer(sentence):
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


def _pattern(text: str, unit: str) -> tuple[str, str] | None:
    """(indicator, words matched) of the first indicator of ``unit`` whose patterns ``text``
    matches."""
    for ind, ind_unit, patterns in classifier_rules().indicators:
        if ind_unit != unit:
            continue
        for p in patterns:
            m = p.search(text)
            if m:
                return ind, m.group().strip()
    return None


def indicator_of(text: str, unit: str) -> str | None:
    """The first indicator of ``unit`` whose patterns ``text`` matches."""
    found = _pattern(text, unit)
    return found[0] if found else None


def _matched(patterns: list[re.Pattern], text: str) -> str | None:
    """The words the first matching pattern matched, or None."""
    for p in patterns:
        m = p.search(text)
        if m:
            return m.group().strip() or text.strip()
    return None


@cache
def _from_writing() -> list[re.Pattern]:
    """Words that date a statement from the time it was written ("i fjor")."""
    return [re.compile(p, re.I) for p in grammar().when.relative_to_writing]


def _unclassified(missing: str) -> Classification:
    return Classification(missing=missing)


@dataclass(frozen=True)
class _Exclusion:
    phrases: tuple[re.Pattern, ...]  # words that set a value apart
    including: tuple[re.Pattern, ...]  # words that name a value as a part of a whole
    closing: tuple[re.Pattern, ...]  # words that set apart the words before them
    tail: re.Pattern  # the words after them that they set apart
    head: re.Pattern  # the words before closing words that they set apart
    complement: dict[str, dict[str, str]]


@cache
def _exclusion() -> _Exclusion:
    """The grammar's words that set a value apart (``statements.toml``, ``[exclusion]``)."""
    e = grammar().exclusion
    return _Exclusion(
        phrases=tuple(re.compile(p) for p in e.phrases),
        including=tuple(re.compile(p) for p in e.including),
        closing=tuple(re.compile(p) for p in e.closing),
        tail=re.compile(rf"(?:[^\w\d,;:]*[^\W\d]+){{1,{e.words}}}"),
        head=re.compile(rf"(?:[^\W\d]+[^\w\d,;:]*){{1,{e.words}}}$"),
        complement=e.complement,
    )


def _set_apart(sentence: str) -> list[tuple[int, int, bool]]:
    """The spans of ``sentence`` that words like "andre ... enn", "utenom", "unntatt" or
    "inkludert" set apart: up to the grammar's number of words after them, a number or a
    clause break; with whether a complement may stand for them (not after "inkludert")."""
    e = _exclusion()
    lemmas = Lemmas(sentence, 0, len(sentence), [])  # the phrases are over lemmas
    spans = []
    for patterns, complemented in ((e.phrases, True), (e.including, False)):
        for p in patterns:
            for m in p.finditer(lemmas.text):
                end = max(b for at, _, b in lemmas.where if at < m.end())
                if t := e.tail.match(sentence, end):
                    spans.append((end, t.end(), complemented))
    for p in e.closing:
        for m in p.finditer(lemmas.text):
            covered = [(a, b) for at, a, b in lemmas.where if m.start() <= at < m.end()]
            start, end = covered[0][0], covered[-1][1]
            h = e.head.search(sentence, _clause_bounds(sentence, start)[0], start)
            # the words before it, where it ends its clause or they begin it ("Ukrainerne
            # trukket fra var måloppnåelsen ...")
            closes = re.match(r"\s*(?:[,;:.)]|$)", sentence[end:])
            if h and (closes or h.start() == _clause_bounds(sentence, start)[0]):
                spans.append((h.start(), h.end(), True))
    return spans


def _masked(sentence: str, spans: list[tuple[int, int, bool]]) -> str:
    """``sentence`` with the spans set apart blanked out (its length kept)."""
    for a, b, _ in spans:
        sentence = sentence[:a] + " " * (b - a) + sentence[b:]
    return sentence


def _set_apart_value(
    patterns: list[tuple[str, re.Pattern]], sentence: str, spans: list[tuple[int, int, bool]]
) -> tuple[str | None, str] | None:
    """(value, words) of a dimension's value that ``spans`` of ``sentence`` set apart; the
    value None where no complement may stand for it ("inkludert fordrevne fra Ukraina")."""
    for a, b, complemented in spans:
        for value, p in patterns:
            if m := p.search(sentence[a:b]):
                return (value if complemented else None), m.group()
    return None


def _compared_with_nothing_named(
    sentence: str, all_q: list[Quantity], q: Quantity, ctx: Context
) -> str | None:
    """Why a clause that compares ("mot 20 000 i rekordåret") cannot be dated: it names no
    year, no relative year, no group, gender, age or place of its own, so that what it is
    compared with is unknown; None where it names one, or does not compare."""
    c_start, c_end = _clause_bounds(sentence, q.num_start)
    clause = sentence[c_start:c_end]
    if not _COMPARING_CLAUSE.match(clause):
        return None
    r = classifier_rules()
    named = (
        any(calendar_year(y) for y in all_q if c_start <= y.num_start < c_end)
        or any(p.search(clause) for p, _ in r.relative_years)
        or any(p.search(clause) for p in _from_writing())
        or any(p.search(clause) for values in r.dimensions.values() for _, p in values)
        or r.age.search(clause)
        or (ctx.find_regions is not None and ctx.find_regions(clause))
    )
    if named:
        return None
    return ("when: it is what the clause before is compared with, and names no year, group "
            "or place of its own")  # fmt: skip


def _joint_values(patterns: list[tuple[str, re.Pattern]], text: str) -> str | None:
    """Two values of one dimension named as one ("2 000 kvinner og menn"), as printed."""
    hits = sorted((m.start(), m.end(), v) for v, p in patterns for m in p.finditer(text))
    for (_, end, a), (start, stop, b) in itertools.pairwise(hits):
        if a != b and re.fullmatch(r"\s*(?:og|eller|,|/)\s*", text[end:start]):
            return text[hits[0][0] : stop]
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


def _own_after(after: str) -> str:
    """The words after a number that still belong to it (up to a conjunction)."""
    m = _CONJUNCTION.search(after)
    return after[: m.start()] if m else after


def _dimension(
    patterns: list[tuple[str, re.Pattern]], after: str, before: str, prefix: str, look_back: bool
) -> str | None:
    after = _own_after(after)
    first = [(before, True), (after, False)] if look_back else [(after, False), (before, True)]
    for text, last in [*first, (prefix, True)]:
        found = _nearest(text, patterns, last)
        if found:
            return found
    return None


def _own_before(before: str) -> str:
    """The words before a number that are its own, where they follow another number of its
    clause: those after the first conjunction ("45 pst. for kvinner og 63 pst.": none)."""
    m = _CONJUNCTION.search(before)
    return before[m.end() :] if m else before


def _noun_of_another(
    masked: str, figures: list[Quantity], q: Quantity, patterns: list[tuple[str, re.Pattern]]
) -> str | None:
    """The last mention of a dimension's value before ``q``, as printed, where it is the noun
    right after another count ("2 000 kvinner"); None where it is not."""
    hits = [m for _, p in patterns for m in p.finditer(masked, 0, q.start)]
    if not hits:
        return None
    last = max(hits, key=lambda m: m.start())
    for f in figures:
        right_before = f.end <= last.start() and not masked[f.end : last.start()].strip()
        if f is not q and f.unit == "persons" and right_before:
            return f"{masked[f.start : f.end]} {last.group()}"
    return None


def _region_name(
    finder: RegionFinder, after: str, before: str, prefix: str, look_back: bool
) -> str | None:
    """The region named nearest the number, as printed."""
    after = _own_after(after)
    first = [(before, True), (after, False)] if look_back else [(after, False), (before, True)]
    for text, last in [*first, (prefix, True)]:
        hits = finder(text)
        if hits:
            return (hits[-1] if last else hits[0])[2]
    return None


def _compared(sentence: str, y: Quantity) -> bool:
    """Whether year ``y`` is what something is compared with ("mot 48 prosent i 2019",
    "fra 2020")."""
    if _COMPARISON.search(sentence[: y.num_start]):
        return True
    c_start, _ = _clause_bounds(sentence, y.num_start)
    return bool(_COMPARING_CLAUSE.match(sentence[c_start:]))


def _grouped(sentence: str, inside: list[Quantity]) -> list[list[Quantity]]:
    """Years printed as a list ("i 2024 og 2025", "2018 og 2019") make one group."""
    groups: list[list[Quantity]] = [[inside[0]]]
    for y in inside[1:]:
        gap = sentence[groups[-1][-1].num_end : y.num_start]
        if re.fullmatch(r"\s*(?:,|og|og i|eller)\s*", gap):
            groups[-1].append(y)
        else:
            groups.append([y])
    return groups


# a year a figure's own words give it: "8 100 i 2020", "24 000 deltakere i 2022" (after it),
# "2022: 24 000" (right before it)
_OWN_YEAR_AFTER = re.compile(
    r"(?:\s+(?!(?:i|til|på|over|ut|av|fra|med)\b)[^\W\d]+)?\s+(?:i|for|gjennom)\s+(?:året\s+)?"
)
_OWN_YEAR_BEFORE = re.compile(r"\s*[:,]?\s*")
_BRACKET_AFTER_YEAR = re.compile(r"\s*\(\s*")


def _competing_years(sentence: str, all_q: list[Quantity], q: Quantity) -> str | None:
    """The years of ``q``'s clause, as printed, where it names several (not as one list)
    and none is the figure's own ("I november 2022 var 30 prosent i arbeid av dem som
    avsluttet i 2021"); None where its year is not in doubt."""
    c_start, c_end = _clause_bounds(sentence, q.num_start)
    # the clauses before it that lend it their words ("Av dem som avsluttet i 2021, var 55
    # prosent i arbeid i 2022"): back to one with a figure of its own
    figures = [f for f in all_q if f.is_statistic]
    while c_start > 0:
        a, _ = _clause_bounds(sentence, max(0, c_start - 2))
        if a >= c_start or any(a <= f.num_start < c_start for f in figures):
            break
        c_start = a
    # and the clause after it that lends it its words ("65 prosent av dem som avsluttet i
    # 2021, i arbeid i november 2022"): after a comma, with no figure, no new statement
    bounds = clauses(sentence)
    later = [(a, b) for a, b in bounds if a >= c_end]
    if later and re.fullmatch(r",\s*", sentence[c_end : later[0][0]]):
        a, b = later[0]
        if not _NEW_STATEMENT.match(sentence[a:]) and not any(
            a <= f.num_start < b for f in figures
        ):
            c_end = b
    # a date with its day ("publisert 15. april 2021") is when something was done, no year a
    # statistic is of
    inside = [
        y
        for y in all_q
        if y.unit == "year" and c_start <= y.num_start < c_end
        and not _COMPARISON.search(sentence[: y.num_start])
    ]  # fmt: skip
    if not inside:
        return None
    groups = _grouped(sentence, inside)
    if len(groups) < 2:
        return None
    for g in groups:
        if g[0].num_start >= q.end and _OWN_YEAR_AFTER.fullmatch(sentence, q.end, g[0].num_start):
            return None
        if g[-1].num_end <= q.start and _OWN_YEAR_BEFORE.fullmatch(
            sentence, g[-1].num_end, q.start
        ):
            return None
    return ", ".join(y.expression for y in inside)


def _distance(q: Quantity, y: Quantity) -> int:
    """Characters between a figure and a year ("18 000 i 2020": 3)."""
    return y.num_start - q.end if y.num_start >= q.end else q.start - y.num_end


def _years(sentence: str, all_q: list[Quantity], q: Quantity) -> list[int]:
    """The years a sentence gives figure ``q``: its own clause's, else (for a clause that
    says when, "da ...") the year named just before, else the sentence's own (a year that is
    compared with does not count)."""
    # a date ("publisert 14. juni 2024") is when something was done, never a statistic's year
    years = [y for y in all_q if calendar_year(y) is not None and y.unit not in DATES]
    if not years:
        return []
    if _bracketed(sentence, q):
        # "enn i 2021 (9 000)": a year right before the bracket is the bracketed number's
        right_before = [
            y for y in years if _BRACKET_AFTER_YEAR.fullmatch(sentence, y.num_end, q.start)
        ]
        if right_before:
            return [calendar_year(right_before[-1])]
    c_start, c_end = _clause_bounds(sentence, q.num_start)
    inside = [
        y
        for y in years
        if c_start <= y.num_start < c_end and not _COMPARISON.search(sentence[: y.num_start])
    ]
    if inside:
        groups = _grouped(sentence, inside)
        nearest = min(groups, key=lambda g: min(_distance(q, y) for y in g))
        return [calendar_year(y) for y in nearest]
    before = [y for y in years if y.num_start < c_start]
    if _WHEN_CLAUSE.match(sentence[c_start:]) and before:
        return [calendar_year(before[-1])]
    own = [y for y in years if not _compared(sentence, y)]
    before = [y for y in own if y.num_start < q.num_start]
    if before:
        return [calendar_year(before[-1])]
    return [calendar_year(own[0])] if own else []


def main_year(sentence: str) -> int | None:
    """The year a sentence is about: the one year it names that is not compared with."""
    found = quantities(sentence)
    own = {calendar_year(y) for y in found if calendar_year(y) and not _compared(sentence, y)}
    return own.pop() if len(own) == 1 else None


def _relative(after: str, before: str) -> int | None:
    """-1 for "7 760 året før": a figure whose own words put it in the year before; None
    when its own words name no relative year."""
    own = f"{before} {after}"
    for p, offset in classifier_rules().relative_years:
        if (m := p.search(own)) and _BASE_YEAR.match(own, m.end()):
            return offset  # "året etter 2021": counted from the year printed after it
    if re.search(r"\d{4}", own):
        return None  # the figure's own clause prints its year
    return next((offset for p, offset in classifier_rules().relative_years if p.search(own)), None)


def _unproved_base(sentence: str, all_q: list[Quantity], q: Quantity, lent: int) -> str | None:
    """Why a year counted from another ("året etter", "fjoråret") cannot be resolved for
    ``q``, whose own words (from ``lent`` to the end of its clause) say it: they print no
    year, the sentence prints one elsewhere, and its clause neither compares with nor
    merely continues the clause before it ("mot 21 000 året før", "og året etter 9 000").
    None where it can."""
    c_start, c_end = _clause_bounds(sentence, q.num_start)
    printed = [y for y in all_q if calendar_year(y) is not None and y.unit not in DATES]
    if any(lent <= y.num_start < c_end for y in printed):
        return None
    if not printed:
        # "Året før var andelen 66 prosent": counted from the year of its context (the
        # paragraph's or section's), or, for "i fjor", from the writing (read below)
        return None
    clause = sentence[c_start:c_end]
    words = _matched([p for p, _ in classifier_rules().relative_years], sentence[lent:c_end])
    if _CONTINUING_CLAUSE.match(clause):
        return None
    if _JOINED_CLAUSE.match(clause):
        # "og året etter 9 000": nothing of its own but the relative year and its numbers
        blank = sentence
        for p, _ in classifier_rules().relative_years:
            blank = p.sub(lambda m: " " * len(m.group()), blank)
        if says_nothing(blank, all_q, q):
            return None
    return (f"when: a year counted from another ({words}), which its own clause does not "
            "print")  # fmt: skip


def _refers_back(sentence: str, figures: list[Quantity], patterns: list[re.Pattern]) -> bool:
    """Whether the sentence counts a part of what the sentence before counted: "Av dem var
    9 905 kvinner", "130 av dem"; not "4 820 avsluttet, og 49 prosent av dem" (its own)."""
    for p in patterns:
        for m in p.finditer(sentence):
            earlier = [q for q in figures if q.end <= m.start()]
            if not earlier:
                return True
            if len(earlier) == 1 and not sentence[earlier[0].end : m.start()].strip():
                return True
    return False


def _referred(previous: list[Classification] | None, unit: str | None) -> Classification | None:
    """What a back-reference refers to: the classified figures of the sentence before, if
    they agree on one indicator (of ``unit``, where given). Dimensions they do not agree on
    are left "alle" and marked unknown by the caller."""
    found = [c for c in previous or [] if c.indicator]
    if not found or len({c.indicator for c in found}) != 1:
        return None
    if unit is not None and _unit_of(found[0].indicator) != unit:
        return None
    return found[0]


def _agreed(previous: list[Classification], dim: str) -> str | None:
    values = {getattr(c, dim) for c in previous if c.indicator}
    return values.pop() if len(values) == 1 else None


def classify(
    sentence: str, figures: list[Quantity], all_q: list[Quantity], i: int, ctx: Context
) -> Classification:
    """Classification of ``figures[i]`` (the statistics of ``sentence``)."""
    r = classifier_rules()
    q = figures[i]
    after, before = _spans(sentence, figures, i)
    if words := _matched(r.blockers, after + " " + before):
        return _unclassified(f"who: a subject outside the data set ({words})")
    if words := _matched(r.after_blockers, after):
        return _unclassified(f"what: a difference, not a level ({words})")
    if words := _matched(r.undated, sentence):
        return _unclassified(f"when: habitual or undated ({words})")
    reading = read(sentence, all_q, figures, i)
    if reading.kind is not None:
        return _unclassified(f"{reading.missing} ({reading.kind.words})")
    if reading.missing:
        return _unclassified(reading.missing)
    look_back = _bracketed(sentence, q)
    order = [before, after] if look_back else [after, before]
    apart = _set_apart(sentence)
    masked = _masked(sentence, apart)
    reduced = _reduced(sentence)
    out = Classification()
    if reading.indicator:
        own, rule = reading.indicator, f"statement:{reading.rule}"
        evidence = [f"{m.kind}={m.words}" for m in reading.parts]
    else:
        # the rest of the sentence only for a clause that says nothing of its own
        places = [(a, b) for a, b, _ in ctx.find_regions(sentence)] if ctx.find_regions else []
        texts = [*order, reduced] if says_nothing(sentence, all_q, q, places) else order
        found = next((f for t in texts if (f := _pattern(t, q.unit))), None)
        own = found[0] if found else None
        rule, evidence = f"pattern:{own}", [f"what={found[1]}"] if found else []
    anchor = ctx.anchor if ctx.anchor and ctx.anchor.indicator else None
    partitive = _refers_back(sentence, figures, r.partitives)
    refers = partitive or any(p.search(sentence) for p in r.back_references)
    referred = None
    if partitive:
        # "av disse", "av dem": a part of what the sentence before counted, which must be known
        referred = _referred(ctx.previous, None)
        if referred is None:
            return _unclassified("who: a part of what the sentence before counts, which it "
                                 "does not say")  # fmt: skip
    indicator = own
    if indicator is None and anchor is not None and _unit_of(anchor.indicator) == q.unit:
        indicator, rule = anchor.indicator, "footnote:anchor"
        evidence = [f"what=the number the note is printed on ({anchor.rule})"]
    if indicator is None:
        for text in (ctx.anchor_prefix, ctx.anchor_sentence):
            found = _pattern(text, q.unit) if text else None
            if found:
                indicator, rule, evidence = (
                    found[0],
                    "footnote:pointing-sentence",
                    [f"what={found[1]}"],
                )
                break
    if indicator is None and refers:
        referred = _referred(ctx.previous, q.unit)
        if referred:
            indicator, rule = referred.indicator, "back-reference"
            evidence = [f"what=the sentence before ({referred.rule})"]
    if indicator is None:
        return _unclassified(reading.hint or "what: no words say what the number counts")
    # a number that borrows its meaning from elsewhere must not be about a blocked subject
    # itself ("sysselsettingsprosenten ... 58,4" in a footnote to a sentence on arbeid)
    if own is None and (words := _matched(r.blockers, ctx.anchor_prefix + " " + sentence)):
        return _unclassified(f"who: a subject outside the data set ({words})")
    if competing := _competing_years(sentence, all_q, q):
        return _unclassified(f"when: its clause names several years ({competing}), and none "
                             "is its own")  # fmt: skip
    years = _years(sentence, all_q, q)
    if not years and anchor is not None:
        years = list(anchor.years)
    if not years and ctx.anchor_sentence:
        years = [y for q in quantities(ctx.anchor_sentence) if (y := calendar_year(q))][:1]
    # "18 prosent i 2021 og 15 prosent året etter": the year before the conjunction is the
    # number before's
    c_start, _ = _clause_bounds(sentence, q.num_start)
    follows = i > 0 and figures[i - 1].end > c_start  # another number of its clause before it
    offset = _relative(after, _own_before(before) if follows else before)
    lent = _lent_from(sentence, figures, q)
    if offset is None and lent < c_start:
        # a relative year in the clauses that lend it their words ("mens antallet som
        # avsluttet året etter, var 7 100")
        offset = _relative(sentence[lent:c_start], "")
    if offset is not None and (unproved := _unproved_base(sentence, all_q, q, lent)):
        return _unclassified(unproved)
    if offset is None and (unnamed := _compared_with_nothing_named(sentence, all_q, q, ctx)):
        return _unclassified(unnamed)
    if not years and ctx.year:
        written = _matched(_from_writing(), f"{before} {after}")
        if written and not _COMPARING_CLAUSE.match(sentence[c_start:]):
            return _unclassified(f"when: a year counted from when it was written ({written}), "
                                 "and the sentence prints no year")  # fmt: skip
        elsewhere = _matched(_from_writing(), sentence)
        if offset is not None and elsewhere and not written:
            # "I fjor var det 21 000, mot 13 500 året før": the year before one nobody prints
            return _unclassified(f"when: a year counted from one the sentence dates from when "
                                 f"it was written ({elsewhere})")  # fmt: skip
        years = [ctx.year]
    if not years:
        return _unclassified("when: no year in the sentence or its context")  # say nothing
    if len(set(years)) > 1 and q.unit not in grammar().when.each_of_several_years:
        listed = "+".join(map(str, years))
        return _unclassified(f"when: a count for several years ({listed}) is their sum, not "
                             "each year's")  # fmt: skip
    out.indicator = indicator
    out.years = [y + (offset or 0) for y in years]
    # the words that count: a value set apart ("andre enn fordrevne fra Ukraina") is not
    m_after, m_before = _spans(masked, figures, i)
    if follows:
        # "50 prosent for kvinner og 60 prosent totalt": the words before a conjunction after
        # the number before are that number's, not this one's
        m_before = _own_before(m_before)
    m_prefix = masked[: q.start]
    # the words that belong to an earlier number of its clause ("50 prosent for kvinner og
    # 60 prosent totalt") give this one no value of a dimension
    d_prefix = m_prefix
    for j in range(i):
        if figures[j].end > c_start:
            own_after = _own_after(_spans(masked, figures, j)[0])
            a, b = figures[j].end, min(figures[j].end + len(own_after), q.start)
            d_prefix = d_prefix[:a] + " " * max(0, b - a) + d_prefix[max(a, b) :]
    # the number's own words begin here (its clause and those that lend it their words):
    # ``lent`` above
    reach = q.end + len(after)  # the number's own words end here
    apart_here = [span for span in apart if span[0] < reach]
    prefix_ctx = m_prefix + " " + ctx.anchor_prefix if ctx.anchor_prefix else m_prefix
    d_prefix_ctx = d_prefix + " " + ctx.anchor_prefix if ctx.anchor_prefix else d_prefix
    for dim, patterns in r.dimensions.items():
        if joint := _joint_values(patterns, m_before) or _joint_values(patterns, m_after):
            return _unclassified(f"who: it counts several values of {dim} together ({joint})")
        value = _dimension(patterns, m_after, m_before, d_prefix_ctx, look_back)
        # a value lent from the clauses before: never the noun another count counts ("I 2022
        # startet 2 000 kvinner, mens 1 500 avsluttet")
        borrowed = value is not None and not _dimension(patterns, m_after, m_before, "", look_back)
        if borrowed and (noun := _noun_of_another(masked, figures, q, patterns)):
            return _unclassified(f"who: {noun} is what another count counts, and its own words "
                                 f"say not which {dim} this one counts")  # fmt: skip
        if value is None and (shared := _shared_after(masked, figures, i, r.dimensions, dim)):
            value = _nearest(shared, patterns, last=False)
        if value is None and (set_apart := _set_apart_value(patterns, sentence, apart_here)):
            value = _exclusion().complement.get(dim, {}).get(set_apart[0] or "")
            if value is None:
                return _unclassified(f"who: it sets {set_apart[1]} apart or names it within "
                                     f"a whole, and says not which {dim} it counts")  # fmt: skip
        if value is None and anchor is not None and getattr(anchor, dim) != "alle":
            value = getattr(anchor, dim)
        if value is None and referred is not None:
            value = _agreed(ctx.previous, dim)
            if value is None:
                return _unclassified(f"who: the sentence before does not say which {dim}")
        if value is None and dim == "group" and not ctx.anchor_sentence:
            value = _nearest(ctx.heading, patterns, last=True)
        if value:
            setattr(out, dim, value)
    for m in reading.parts:
        if m.kind == "complement":  # "52 prosent av dem som avsluttet, kvinner"
            out.gender = _nearest(m.words, r.dimensions["gender"], last=True) or out.gender
    age = None
    for text in (before, after, prefix_ctx) if look_back else (after, before, prefix_ctx):
        hits = [(m.start(), value.format(*m.groups()))
                for pattern, value in ((r.age, r.age_value), (r.age_open, r.age_open_value))
                for m in pattern.finditer(text)]  # fmt: skip
        if hits:
            age = max(hits)[1]
            break
    if age is None and referred is not None:
        age = _agreed(ctx.previous, "age_group")
    if age:
        out.age_group = age
    for dim, values in _VOCABULARIES.items():
        if (value := getattr(out, dim)) not in vocabulary(values, "id"):
            return _unclassified(f"who: it names {dim} {value}, which the vocabulary "
                                 f"({values}) has no value for")  # fmt: skip
    if named := _unread_dimension(sentence, all_q, q, lent, out, reading.ends):
        return _unclassified(f"who: it names {named[0]} ({named[1]}), and gives the number no "
                             "value of it")  # fmt: skip
    # a part counted by what happened to it ("2 500 av deltakerne som avsluttet, kom i
    # arbeid") is what its indicator counts; a part that only is ("utgjorde") is not
    if not reading.said and (unnamed_part := _unnamed_part(sentence, all_q, q, out)):
        return _unclassified(f"who: a part of a whole ({unnamed_part}), and no group, gender, "
                             "age, education or category says which part")  # fmt: skip
    for a, b, _ in apart_here:
        if ctx.find_regions and (hits := ctx.find_regions(sentence[a:b])):
            return _unclassified(f"where: it sets {hits[0][2]} apart, and says not which "
                                 "region it counts")  # fmt: skip
    where, unclear = _place(out, ctx, m_after, m_before, m_prefix, look_back, referred)
    if unclear:
        return _unclassified(unclear)
    out.rule = rule
    when = "+".join(str(y) for y in out.years)
    out.matched = "; ".join([*evidence, f"when={when}", *([f"where={where}"] if where else [])])
    return out


@cache
def _dimension_words() -> dict[str, list[re.Pattern]]:
    return {d: [re.compile(p) for p in ps] for d, ps in grammar().dimension_words.items()}


def _unread_dimension(
    sentence: str,
    all_q: list[Quantity],
    q: Quantity,
    lent: int,
    out: Classification,
    ends: int | None = None,
) -> tuple[str, str] | None:
    """(dimension, words) of a dimension the number's own words name (from ``lent`` to the
    end of its clause, and the clauses after it that have no number, go on with it after a
    comma and set a value apart: "..., ukrainerne unntatt") where it was given no value of
    it; None where there is none. ``ends``: where its own words end, if before its clause's
    end (the whole of a partitive)."""
    _, c_end = _clause_bounds(sentence, q.num_start)
    if ends is not None:
        return _named(Lemmas(sentence, lent, ends, all_q, q), out)
    apart = [a for a, _, _ in _set_apart(sentence)]
    for a, b in clauses(sentence):
        if a < c_end:
            continue
        gap = sentence[c_end:a]
        if not re.fullmatch(r",\s*", gap) or _NEW_STATEMENT.match(sentence[a:b]):
            break
        if any(a <= n.num_start < b for n in all_q if n.is_statistic):
            break
        if not any(a <= x < b for x in apart):
            break  # a clause after it that sets nothing apart is a remark of its own
        c_end = b
    return _named(Lemmas(sentence, lent, c_end, all_q, q), out)


def _named(lemmas: Lemmas, out: Classification) -> tuple[str, str] | None:
    """(dimension, words) of a dimension ``lemmas`` name that ``out`` has no value of."""
    for dim, patterns in _dimension_words().items():
        if getattr(out, dim) != "alle":
            continue
        for p in patterns:
            if m := p.search(lemmas.text):
                return dim, lemmas.printed(m)
    return None


def _lent_from(sentence: str, figures: list[Quantity], q: Quantity) -> int:
    """Where the words that may give ``q`` a dimension begin: its own clause, the clauses
    before it that have no figure, and a clause that names the population it is counted
    among ("Av de 9 000 kvinnene som avsluttet, ...") before those."""
    bounds = clauses(sentence)
    ci = next((n for n, (a, b) in enumerate(bounds) if a <= q.num_start < b), len(bounds) - 1)
    start = bounds[ci][0]
    for a, b in reversed(bounds[:ci]):
        if any(a <= f.num_start < b for f in figures):
            if _PARTITIVE_CLAUSE.match(sentence[a:b]):
                start = a
            break
        start = a
    return start


def _shared_after(
    sentence: str, figures: list[Quantity], i: int, dimensions: dict, dim: str
) -> str:
    """The words after the last of the coordinated counts that figure ``i`` opens or
    continues ("2 100 kvinner og 1 900 menn med kollektiv beskyttelse"), where they are
    proved parallel: each count followed by a different value of one dimension (not
    ``dim``) and a conjunction; "" where they are not."""
    conjunction = re.compile(grammar().coordination.conjunction)
    q, values, j = figures[i], [], i
    while j + 1 < len(figures) and figures[j + 1].unit == q.unit:
        between = sentence[figures[j].end : figures[j + 1].start]
        word = next(
            ((d, v, m.end()) for d, pats in dimensions.items() if d != dim for v, p in pats
             if (m := p.match(between, 1 if between[:1].isspace() else 0))), None,
        )  # fmt: skip
        if word is None or not conjunction.fullmatch(between, word[2]):
            break
        values.append(word[:2])
        j += 1
    if j == i:
        return ""
    last = figures[j]
    _, c_end = _clause_bounds(sentence, last.num_start)
    end = figures[j + 1].start if j + 1 < len(figures) else c_end
    tail = sentence[last.end : max(last.end, min(end, c_end))]
    d = values[0][0]
    m = next((m for v, p in dimensions[d] if (m := p.match(tail, 1 if tail[:1].isspace() else 0))
              and v not in {x for _, x in values}), None)  # fmt: skip
    if m is None or any(x[0] != d for x in values):
        return ""
    return tail[m.end() :]


def _unnamed_part(sentence: str, all_q: list[Quantity], q: Quantity, out) -> str | None:
    """The words of a count of part of a whole ("1 800 av deltakerne") where no dimension's
    value of ``out`` says which part, as printed; None where it is no part or one named."""
    dims = (out.gender, out.group, out.age_group, out.education, out.category)
    if q.unit != "persons" or any(v != "alle" for v in dims):
        return None
    c_start, c_end = _clause_bounds(sentence, q.num_start)
    lemmas = Lemmas(sentence, c_start, c_end, all_q, q)
    for p in _part_of():
        if m := p.search(lemmas.text):
            return lemmas.printed(m)
    return None


@cache
def _part_of() -> list[re.Pattern]:
    return [re.compile(p) for p in grammar().part_of.phrases]


def _joint_regions(finder: RegionFinder, text: str) -> str | None:
    """Two regions named as one ("i Oslo og Viken"), as printed; None where there are none."""
    hits = finder(text)
    for (_, end, _), (start, stop, _) in itertools.pairwise(hits):
        if re.fullmatch(r"\s*(?:og|eller|,|/)\s*", text[end:start]):
            return text[hits[0][0] : stop]
    return None


@cache
def _places_elsewhere() -> list[re.Pattern]:
    return [re.compile(p) for p in grammar().place.elsewhere]


def _elsewhere(text: str, counties: RegionFinder | None = None) -> str | None:
    """A place ``text`` names that is no county nor the whole country ("I Bergen"), as
    printed; None where it names none. With ``counties``, a county's name is no such place
    ("i Oslo")."""
    national = [re.compile(p, re.I) for p in grammar().place.national]
    named = [(a, b) for a, b, _ in counties(text)] if counties is not None else []
    for p in _places_elsewhere():
        for m in p.finditer(text):
            if any(n.search(m.group()) for n in national):
                continue
            if any(a < m.end() and m.start() < b for a, b in named):
                continue
            return m.group().strip()
    return None


def _place(out, ctx, after, before, prefix, look_back, referred) -> tuple[str, str]:
    """Set the region the statement names (in force in its year), else its context's.
    (evidence, "") where found ("" evidence for the whole country by default), or ("", why)
    where it names a region not in force then, or the sentence before or its context leaves
    the region unclear."""
    if ctx.find_regions is None or ctx.region_in is None:
        return "", ""
    joint = _joint_regions(ctx.find_regions, f"{before} {after}")
    if joint:
        return "", f"where: it counts several regions together ({joint})"
    name = _region_name(ctx.find_regions, after, before, prefix, look_back)
    how = name or ""
    if name is not None and (other := _elsewhere(f"{prefix} {after}", ctx.find_regions)):
        # "deltok 1 200 personer fra Oslo i introduksjonsprogrammet i Bærum"
        return "", f"where: it names a county ({name}) and a place that is no county ({other})"
    if name is None and (other := _elsewhere(f"{prefix} {after}")):
        return "", f"where: it names a place that is no county ({other})"
    if name is None:
        if referred is not None:
            codes = {(c.region_code, c.region_name) for c in ctx.previous if c.indicator}
            if len(codes) != 1:
                return "", "where: the sentence before gives several regions"
            out.region_code, out.region_name = codes.pop()
            return out.region_name + " (the sentence before)", ""
        if not ctx.places:
            return "", ""
        if len(set(ctx.places)) != 1:
            # a context about several regions: never the whole country
            names = ", ".join(ctx.places)
            return "", f"where: its section or paragraph names several regions ({names})"
        name = ctx.places[0]
        how = f"{name} (its section or paragraph)"
    found = {ctx.region_in(name, y) for y in out.years}
    if len(found) != 1 or None in found:
        return "", f"where: {name} is no region in {'+'.join(map(str, out.years))}"
    out.region_code, out.region_name = found.pop()
    return how, ""
