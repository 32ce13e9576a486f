"""Numbers as the documents print them, for a person checking the report: ``2757``,
``66,7 %``, ``20.06.2025``, never ``2757.0`` or ``2.02506e+07``."""

from __future__ import annotations

import math
from datetime import date

from ..model import Unit

# a unit's word after the number; the statistics' own signs are handled below
WORDS = {
    Unit.PERCENTAGE_POINTS: "prosentpoeng",
    Unit.MONTHS: "måneder",
    Unit.YEARS: "år",
    Unit.HOURS_PER_WEEK: "timer per uke",
}


def number(value: float) -> str:
    """A number as Norwegian print writes it: no decimals for a whole number, a decimal
    comma otherwise (66,7)."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")


def printed(value, unit: str, day: date | str | None = None) -> str:
    """``value`` in ``unit`` as printed: 2757 (persons), 45 % (percent), 3 prosentpoeng,
    20.06.2025 (a date: ``day``, an ISO date, or else the value as YYYYMMDD), 4. måned.
    Empty when there is no value."""
    if unit == Unit.DATE:
        if day is None and value is not None and not _missing(value):
            n = int(value)
            day = date(n // 10000, n // 100 % 100, n % 100)
        if day is None or _missing(day):
            return ""
        day = date.fromisoformat(day) if isinstance(day, str) else day
        return day.strftime("%d.%m.%Y")
    if value is None or _missing(value):
        return ""
    n = number(value)
    if unit == Unit.PERCENT:
        return f"{n} %"
    if unit == Unit.MONTH_NUMBER:
        return f"{n}. måned"
    if unit in WORDS:
        return f"{n} {WORDS[unit]}"
    return n


def _missing(value) -> bool:
    try:
        return value != value or (isinstance(value, float) and math.isnan(value))
    except TypeError:  # pandas' NA
        return True
