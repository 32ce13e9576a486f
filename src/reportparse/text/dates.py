"""Dates as Norwegian documents print them: "16.06.2026", "24. oktober 2018", "2022-06-16"."""

from __future__ import annotations

import re
from datetime import date

MONTH_NAMES = (
    "januar", "februar", "mars", "april", "mai", "juni", "juli",
    "august", "september", "oktober", "november", "desember",
)  # fmt: skip
MONTHS = "|".join(MONTH_NAMES)  # for regular expressions


def month_number(name: str) -> int:
    """ "juni" -> 6."""
    return MONTH_NAMES.index(name.lower()) + 1


def parse_date(text: str) -> str:
    """ "16.06.2026", "24. oktober 2018", "2022-06-16" or a PDF date "D:20220616..." -> ISO
    date; "" if the text holds no valid date."""
    text = text.strip()
    if m := re.search(r"(\d{4})-(\d{2})-(\d{2})", text):
        y, mo, d = map(int, m.groups())
    elif m := re.search(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})", text):
        d, mo, y = map(int, m.groups())
    elif m := re.search(rf"(\d{{1,2}})\.?\s+({MONTHS})\s+(\d{{4}})", text, re.I):
        d, mo, y = int(m.group(1)), month_number(m.group(2)), int(m.group(3))
    elif m := re.search(r"D:(\d{4})(\d{2})(\d{2})", text):
        y, mo, d = map(int, m.groups())
    else:
        return ""
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return ""


def figure_date(value: float) -> str:
    """A key figure in unit ``date`` (the number YYYYMMDD its reader gives) as an ISO date:
    20250620 -> "2025-06-20"."""
    n = int(value)
    return date(n // 10000, n // 100 % 100, n % 100).isoformat()
