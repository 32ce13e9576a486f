"""Conventions of printed tables and notes that PDF and web readers share: captions,
footnote markers written as asterisks, notes that start with them, and numeric cells."""

from __future__ import annotations

import re

CAPTION = re.compile(
    r"^(?P<kind>Tabell|Table|Figur|Figure)\s+(?P<num>\d+)(?P<sub>[a-z])?\s*[.:]", re.I
)
# "Andel*" or "**Totalt": asterisks that mark a note, not part of the text
ASTERISKS = re.compile(r"(?<=\S)(\*{1,3})(?=\s|$|[),.;:])|^(\*{1,3})(?=\S)")
# a note printed under a table or a page: "* Tall fra 2020"
NOTE_LEAD = re.compile(r"^(\*{1,3})\s*(?=\S)")
NUMERIC_CELL = re.compile(r"^[-−–]?\s?\d[\d ]*(?:[,.]\d+)?\s?%?$|^$")


def is_body_row(row: list[str]) -> bool:
    """A row whose cells after the stub are all numbers (or empty), and at least one is given."""
    values = [c for c in row[1:] if c]
    return bool(values) and all(NUMERIC_CELL.match(c) for c in values)
