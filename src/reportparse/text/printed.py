"""Conventions of printed tables and notes that PDF and web readers share: captions,
footnote markers written as asterisks, notes that start with them, numeric cells and the
symbols printed in place of a number (``schemas/missing_values.csv``)."""

from __future__ import annotations

import re

from ..contract.vocabulary import missing_values
from ..specs.captions import caption_grammar

# "Tabell 2: ...", "Tab. 2.1 ...", "Figur 3 – ...", "Tabell 2 (forts.)", "Tabell 2 Resultat"
# (no separator: group ``bare``): the grammar is data, ``specs/captions.toml``
CAPTION = caption_grammar().pattern()
# "Andel*" or "**Totalt": asterisks that mark a note, not part of the text
ASTERISKS = re.compile(r"(?<=\S)(\*{1,3})(?=\s|$|[),.;:])|^(\*{1,3})(?=\S)")
# a note sign other than asterisks set after a cell's text ("Blood Pressure #", "Total †"):
# its marker, as a raised or starred one is
NOTE_SIGN = re.compile(r"(?<=\S)\s+([#†‡§¶])$")
# a note printed under a table or a page: "* Tall fra 2020"
NOTE_LEAD = re.compile(r"^(\*{1,3})\s*(?=\S)")
NUMERIC_CELL = re.compile(r"^[-−–]?\s?\d[\d ]*(?:[,.]\d+)?\s?%?$|^$")
# a number grouped in thousands by a comma or a point ("5,111,372", "1.850,00"), or one in
# parentheses as accounts print a negative ("(106,870)", "(0.21)"): a value too
GROUPED_CELL = re.compile(r"^[-−–]?\d{1,3}(?:(?P<mark>[,.])\d{3})(?:(?P=mark)\d{3})*(?:[,.]\d+)?$")
# An item's label opening a line ("a)", "b.", "(c)", "iv)"): the line begins an item of a
# list, whatever the case of its letter, so it never goes on from the line above by case
ITEM_LABEL = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4})[).](?:\s|$)")
NEGATIVE_CELL = re.compile(r"^\((?P<number>[^()]*[,.][^()]*)\)$")
YEAR_CELL = re.compile(r"^(?:19|20)\d{2}$")
# the last word of a line whose text goes on in the next line: a hyphen, a comma, a word
# that cannot end a label ("Opplæring i norsk og" / "samfunnskunnskap")
GOES_ON = re.compile(
    r"(?:[-–,(/&]|\b(?:og|eller|i|av|for|til|med|på|om|fra|etter|ved|under|over|som|uten|per|"
    r"and|or|of|the|in|for|to|with|by|from|per|a|an))$",
    re.I,
)


def is_body_row(row: list[str]) -> bool:
    """A row whose cells after the stub are all numbers (or empty), and at least one is given."""
    values = [c for c in row[1:] if c]
    return bool(values) and all(NUMERIC_CELL.match(c) for c in values)


def header_end(cells: list[list[str]]) -> int | None:
    """How many rows a table's header has: the rows before its first body row, where a row
    that heads the columns with years alone ("2025", "2024": numbers, as a body row's) and has
    a row of heads under it ("Kvinner", "Menn") is a header row too. None: no body row."""
    for i, row in enumerate(cells):
        if not is_body_row(row):
            continue
        under = cells[i + 1] if i + 1 < len(cells) else []
        years = all(YEAR_CELL.match(c.strip()) for c in row[1:] if c)
        heads = any(under[1:]) and not is_body_row(under)
        if not (years and heads and (i == 0 or not row[0].strip())):
            return i
    return None


def missing_reason(text: str) -> str | None:
    """Why a cell holds no number, where it holds a missing-value symbol ("..": data not
    available); None for any other text."""
    return missing_values().get(text.strip())


def is_value(text: str) -> bool:
    """A number or a missing-value symbol: what a table prints in a value cell."""
    text = text.strip()
    negative = NEGATIVE_CELL.match(text)
    if negative:
        text = negative["number"].strip()
    return bool(text) and (
        bool(NUMERIC_CELL.match(text) or GROUPED_CELL.match(text))
        or (not negative and missing_reason(text) is not None)
    )


def goes_on(upper: str, lower: str) -> bool:
    """Whether ``lower`` continues the text of ``upper`` on the next printed line: ``upper``
    ends in a hyphen, comma or a word that cannot end a label, or ``lower`` starts in lower
    case (but for an item's label, "b) …", which begins an item of its own)."""
    upper, lower = upper.strip(), lower.strip()
    return bool(upper and lower) and (
        bool(GOES_ON.search(upper)) or (lower[0].islower() and not ITEM_LABEL.match(lower))
    )
