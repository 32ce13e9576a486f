"""Norwegian numerals in running text: "26 407", "58,4", "95 %", "om lag halvparten", "8 av 10".

``quantities(sentence)`` finds every number of a sentence with its unit.
Statistics come out as ``persons``, ``percent`` or ``percentage_points``;
numbers that are not statistics (years, ages, durations, dates, ordinals,
section numbers) come out with a unit of their own so that the caller can
leave them out, or keep them where a document family wants them.

A date is one quantity: "20. juni 2025" is unit ``date`` with value 20250620
(YYYYMMDD); a day and month without a year ("14. oktober") is
``date_without_year`` with value MMDD. An age or a duration keeps the words
that bound it in its expression ("fra og med 18", "minst 15 timer i uka",
"under 25 år"): a bound is exact, not approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import STATISTIC_UNITS, Unit
from .dates import MONTHS, month_number

WORD_NUMBERS = {
    "en": 1, "ett": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
}  # fmt: skip
FRACTIONS = {
    "halvparten": 50.0, "halvdelen": 50.0, "en tredjedel": 33.3, "to tredjedeler": 66.7,
    "en fjerdedel": 25.0, "tre fjerdedeler": 75.0, "en femtedel": 20.0,
    # "hver tredje gikk rett ut i arbeid": one in three
    "hver annen": 50.0, "hver andre": 50.0, "hver tredje": 33.3, "hver fjerde": 25.0,
    "hver femte": 20.0, "hver sjette": 16.7, "hver sjuende": 14.3, "hver syvende": 14.3,
    "hver åttende": 12.5, "hver niende": 11.1, "hver tiende": 10.0,
}  # fmt: skip
APPROX = (
    r"om ?lag|cirka|ca\.|i overkant av|i overkant|i underkant av|i underkant|nesten|rundt|"
    r"litt over|litt under|drøyt|snaut|omtrent|omkring|anslagsvis|opp mot|nærmere|nær|vel|"
    r"flere enn|færre enn|mer enn|mindre enn|over|under"
)
PERSON_NOUNS = (
    r"deltak\w*|deltag\w*|flyktning\w*|flykning\w*|personer\w*|person|kvinner|menn|"
    r"innvandrere|introduksjonsdeltak\w*|fordrevne|ukrainere|somaliere|elever|barn|avsluttere"
)
# unit words after a number that make it something other than a statistic
OTHER_UNITS = {
    "years": r"år|års|årene|åra|årsverk",
    "months": r"måneder|måned|måneders|mnd\.?",
    "weeks": r"uker|uke|ukers",
    "days": r"dager|dag|døgn",
    "hours": r"timer|time|timers",
    "minutes": r"minutter|minutt|min\.?",
    "count": r"land|kommuner|kommune|fylker|fylke|kurs|tiltak|vedtak|sider|side",
    "money": r"kroner|kr\.?|mill\.?|millioner|milliarder",
    "file_size": r"[kMG]B|[kMG]byte",
}
# words between a number and the things it counts that leave it a count ("63 ulike land")
COUNT_ADJECTIVES = r"(?:(?:ulike|forskjellige|andre)\s+)?"
# a Norwegian phone number: four pairs of digits, or three-two-three ("24 16 88 00")
_PHONE = re.compile(
    r"(?<![\w,.])(?:\+47\s?)?(?:\d{2}(?:[ \u00a0]\d{2}){3}|\d{3}(?:[ \u00a0]\d{2}){2}\d)(?![\w,])"
)
# words before a year that make it a year even where a unit follows ("i 2019 til 57 prosent")
_YEAR_BEFORE = re.compile(r"\b(?:i|fra|til|siden|mot|før|etter|innen|året|år)\s+$", re.I)
# words before a number that name a page ("Side 4 av 18"): no share
_PAGE_BEFORE = re.compile(r"\b(?:side|s\.|sidan?)\s*$", re.I)
# words before an age or a duration that bound it ("fra og med 18", "minst 15 timer")
BOUNDS = (
    r"fra og med|til og med|minst|inntil|opptil|maksimalt|maks\.?|høyst|etter|fra|over|under|"
    r"innen"
)
# units that a bound applies to: ages, durations, hours per week, the n-th month
MEASURES = frozenset(
    {"years", "months", "weeks", "days", "hours", "hours_per_week", "month_number"}
)
NUMERAL = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
WORD_NUMERAL = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_NUM = re.compile(rf"(?<![\w,.\-–/=§#])(?P<num>{NUMERAL})(?![\w\-–/]|[.,]\d)")
_FRACTION_X_OF_Y = re.compile(
    rf"(?<![\w\-])(?P<x>\d+|{WORD_NUMERAL})\s+av\s+(?:hver\s+)?(?P<y>\d+|{WORD_NUMERAL})(?![\w\-])",
    re.I,
)
_FRACTION_WORDS = re.compile(
    r"(?<![\w])(?P<frac>" + "|".join(sorted(FRACTIONS, key=len, reverse=True)) + r")(?![\w])",
    re.I,
)
_WORD_BEFORE_UNIT = re.compile(rf"(?<![\w\-])(?P<word>{WORD_NUMERAL})\s+(?=prosent\w*)", re.I)
_DATE = re.compile(
    rf"(?<![\w,.\-–/])(?P<day>\d{{1,2}})\.\s*(?P<month>{MONTHS})\b(?:\s+(?P<year>\d{{4}})\b)?"
    rf"|(?<![\w,.\-–/])(?P<nday>\d{{1,2}})\.(?P<nmonth>\d{{1,2}})\.(?P<nyear>\d{{4}})\b",
    re.I,
)
_PER_WEEK = re.compile(r"\s*(?:(?:i|per|pr\.?|hver|om)\s+uk(?:a|en|e)\b|/\s*uke\b)", re.I)
_MONTH_NUMBER = re.compile(r"\.\s*(?:måned(?:en)?|mnd\.?)(?![\wæøå])", re.I)
_BOUND_BEFORE = re.compile(rf"(?:^|(?<=[\s(–—-]))(?P<q>{BOUNDS})\s+$", re.I)
_APPROX_BEFORE = re.compile(rf"(?:^|(?<=[\s(–—-]))(?P<q>{APPROX})\s+$", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:no|com|org)\b\S*", re.I)
# numbers listed, ranged or set against each other share the unit printed after the last
# ("41 mot 45 prosent")
_LIST_TAIL = re.compile(rf"^(?:\s*(?:,|og|eller|til og med|til|mot|-|–)\s*(?:{NUMERAL}))*\s*", re.I)
# a group of three digits after a space: what follows the first digits of a numeral
_THOUSANDS = re.compile(r"[ \u00a0\u202f]\d{3}(?!\d)")
# a reference to a part of a document ("vedlegg 2", "sidene 34-35", "tabellene 3 og 4")
# or another label a number only names: no statistic
_REFERENCES = (
    r"(?:tabell|figur|kapittel|kapitl|side|vedlegg|bilag|appendiks|avsnitt|ledd|fotnote|note|"
    r"boks|punkt)(?:ene|er|ne)?"
)
_LABELS = (
    rf"(?:§|§§|{_REFERENCES}|kap\.|s\.|nr\.?|prop\.|meld\.|st\.|nou|spor|"
    r"runde|del|kl\.|krasjkurs|versjon|trinn|nivå)"
)
_PRECEDED_BY_LABEL = re.compile(rf"{_LABELS}\s*$", re.I)
# the later numbers of a list a label opens ("§§ 13 og 14", "tabell 3, 4 og 5") are labels too
_LISTED_AFTER_LABEL = re.compile(
    rf"{_LABELS}\s*\d+(?:\s*(?:,|og|eller|til|[-–])\s*\d+)*\s*(?:,|og|eller|til|[-–])\s*$", re.I
)


@dataclass(frozen=True)
class Quantity:
    """A number found in a sentence."""

    value: float
    unit: str  # persons, percent, percentage_points, or a non-statistic unit
    approximate: bool
    expression: str  # as written, qualifier included
    start: int  # span of the expression in the sentence
    end: int
    num_start: int  # span of the number itself
    num_end: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", Unit(self.unit))

    @property
    def is_statistic(self) -> bool:
        return self.unit in STATISTIC_UNITS


def parse_number(text: str) -> float | None:
    """ "26 407" -> 26407.0, "58,4" -> 58.4, "95 %" -> 95.0, "ni" -> 9.0."""
    text = text.strip().lower().replace("%", "").strip()
    if text in WORD_NUMBERS:
        return float(WORD_NUMBERS[text])
    text = re.sub(r"[ \u00a0\u202f]", "", text).replace("−", "-").replace("–", "-")
    if not re.fullmatch(r"-?\d+(?:[,.]\d+)?", text):
        return None
    return float(text.replace(",", "."))


def _approx_before(sentence: str, start: int) -> re.Match | None:
    return _APPROX_BEFORE.search(sentence[max(0, start - 25) : start])


def _bound_before(sentence: str, start: int) -> re.Match | None:
    return _BOUND_BEFORE.search(sentence[max(0, start - 25) : start])


def calendar_year(q: Quantity) -> int | None:
    """The calendar year a quantity names: a year, or the year of a date."""
    if q.unit == "year":
        return int(q.value)
    if q.unit == "date":
        return int(q.value) // 10000
    return None


def _date(m: re.Match) -> tuple[float, str] | None:
    """(value, unit) of a date match: YYYYMMDD as ``date``, MMDD as ``date_without_year``."""
    if m.group("nday"):
        day, month, year = int(m.group("nday")), int(m.group("nmonth")), int(m.group("nyear"))
    else:
        day, month = int(m.group("day")), month_number(m.group("month"))
        year = int(m.group("year")) if m.group("year") else None
    try:
        date(year or 2000, month, day)  # a leap year: 29. februar is a day
    except ValueError:
        return None
    if year is None:
        return float(month * 100 + day), "date_without_year"
    return float(year * 10000 + month * 100 + day), "date"


def _unit_after(after: str) -> tuple[str | None, int]:
    """Unit named right after a number: ("percent", length) or (None, 0)."""
    m = re.match(r"\s*(?:%|prosent(?!poeng)(?:en|er)?\b|pst\.?)", after, re.I)
    if m and not re.match(r"\s*prosentpo", after, re.I):
        return "percent", m.end()
    m = re.match(r"\s*(?:prosentpoeng\w*|prosentpo\w*|%-?poeng|pp\b)", after, re.I)
    if m:
        return "percentage_points", m.end()
    for unit, words in OTHER_UNITS.items():
        described = COUNT_ADJECTIVES if unit == "count" else ""  # "63 ulike land"
        m = re.match(rf"\s*{described}(?:{words})(?![\wæøå])", after, re.I)
        if m:
            week = _PER_WEEK.match(after, m.end()) if unit == "hours" else None
            if week:
                return "hours_per_week", week.end()
            return unit, m.end()
    return None, 0


def _is_year(value: float, raw: str, after: str) -> bool:
    if not re.fullmatch(r"\d{4}", raw) or not 1900 <= value <= 2099:
        return False
    return not re.match(rf"\s*(?:{PERSON_NOUNS})\b", after, re.I)


def quantities(sentence: str) -> list[Quantity]:
    """Every number of a sentence, statistics and others, in order of appearance."""
    text = _URL.sub(lambda m: " " * len(m.group()), sentence)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(q: Quantity) -> None:
        found.append(q)
        taken.append((q.num_start, q.num_end))

    # "20. juni 2025", "16.06.2026": one quantity, so that the day is not a count
    for m in _DATE.finditer(text):
        found_date = _date(m)
        if found_date is not None:
            value, unit = found_date
            add(Quantity(value, unit, False, m.group().strip(), *m.span(), *m.span()))
    # phone numbers and page numbers ("Side 4 av 18") are labels, no statistics
    for m in _PHONE.finditer(text):
        add(Quantity(0.0, "label", False, m.group(), *m.span(), *m.span()))
    # "8 av 10", "to av tre": a share in words, always approximate
    for m in _FRACTION_X_OF_Y.finditer(text):
        if not free(m.start(), m.end()):
            continue
        x, y = parse_number(m.group("x")), parse_number(m.group("y"))
        if _PAGE_BEFORE.search(text[: m.start()]):
            add(Quantity(x or 0.0, "label", False, m.group(), *m.span(), *m.span()))
            continue
        if not x or not y or y < x or y > 100 or re.match(r"\s*(?:år|måneder)", text[m.end() :]):
            continue
        q = _approx_before(text, m.start())
        start = m.start() - len(q.group()) if q else m.start()
        add(
            Quantity(
                round(100 * x / y, 1), "percent", True, text[start : m.end()].strip(),
                start, m.end(), m.start(), m.end(),
            )
        )  # fmt: skip
    for m in _FRACTION_WORDS.finditer(text):
        if not free(m.start(), m.end()):
            continue
        q = _approx_before(text, m.start())
        start = m.start() - len(q.group()) if q else m.start()
        add(
            Quantity(
                FRACTIONS[m.group("frac").lower()], "percent", True,
                text[start : m.end()].strip(), start, m.end(), m.start(), m.end(),
            )
        )  # fmt: skip
    # "to prosentpoeng": a small number in words before a percent unit
    for m in _WORD_BEFORE_UNIT.finditer(text):
        if not free(m.start(), m.end()):
            continue
        unit, length = _unit_after(text[m.end("word") :])
        if unit not in ("percent", "percentage_points"):
            continue
        end = m.end("word") + length
        q = _approx_before(text, m.start())
        start = m.start() - len(q.group()) if q else m.start()
        add(
            Quantity(
                float(WORD_NUMBERS[m.group("word").lower()]), unit, bool(q),
                text[start:end].strip(), start, end, m.start(), m.end("word"),
            )
        )  # fmt: skip
    for m in _NUM.finditer(text):
        if not free(m.start(), m.end()):
            continue
        raw = m.group("num")
        value = parse_number(raw)
        if value is None or _part_of_numeral(text, m):
            continue
        before, after = text[: m.start()], text[m.end() :]
        unit, length = _unit_after(after)
        if unit is None and _YEAR_BEFORE.search(before) and _is_year(value, raw, after):
            unit = "year"
        if unit is None:
            # a list ("2, 3, 4, 5 år", "62,5 og 58,4") takes the unit named after its last number
            tail = _LIST_TAIL.match(after)
            list_unit, _ = _unit_after(after[tail.end() :]) if tail and tail.end() else (None, 0)
            unit = list_unit
        if _PRECEDED_BY_LABEL.search(before[-12:]) or _LISTED_AFTER_LABEL.search(before[-40:]):
            unit = "label"
        elif re.match(rf"\.\s*(?:{MONTHS})\b", after, re.I):
            unit = "label"  # a day that is no date ("31. februar")
        elif month := _MONTH_NUMBER.match(after):
            unit, length = "month_number", month.end()
        elif re.match(r"\.\s*(?:måned|mnd|år|kvartal|klasse|trinn|gang)", after, re.I):
            unit = "ordinal"
        elif re.match(r"\s*[A-ZÆØÅ]\b", after) and not re.match(r"\s*(?:I|NIR)\b", after):
            unit = "label"  # "Prop. 81 L"
        elif unit is None and _is_year(value, raw, after):
            unit = "year"
        elif unit is None:
            unit = _default_unit(raw)
        end = m.end() + (length if length else 0)
        bound = _bound_before(text, m.start()) if unit in MEASURES else None
        q = None if bound else _approx_before(text, m.start())
        qualifier = bound or q
        start = m.start() - len(qualifier.group()) if qualifier else m.start()
        add(Quantity(value, unit, bool(q), text[start:end].strip(), start, end, m.start(), m.end()))
    found.sort(key=lambda q: q.num_start)
    return found


def _part_of_numeral(text: str, m: re.Match) -> bool:
    """Whether match ``m`` is a piece of a numeral that as a whole was no number ("10 000–12
    000" gives neither "10" nor "000"): digits a group of three follows, or a group of three
    that follows digits."""
    if _THOUSANDS.match(text, m.end()):
        return True
    return bool(
        re.fullmatch(r"\d{3}", m.group()) and re.search(r"\d[ \u00a0\u202f]$", text[: m.start()])
    )


def _default_unit(raw: str) -> str:
    """A bare number counts persons; a bare decimal ("henholdsvis 62,5 og 58,4") is a rate."""
    return "percent" if "," in raw else "persons"
