"""A spec's table found by what it holds, where no caption names it.

A spec entry says what its table contains: its stub vocabulary (by ``rows``: the counties or
municipalities in force in its year, age bands, genders, years; for categories, the list its
``every_category`` rule names) and its header words (``header_words``: patterns each found
in the header, such as the gender words or a year). A table fits an entry when every stub
of its body is in the vocabulary and every header word is in its header; among the tables
that fit, the one whose stubs cover most of the vocabulary is the entry's. Two tables that
fit equally well are never guessed between: ``find`` names both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Table, TableKind
from ..specs.schema import TableEntry
from ..text.normalize import normalize_ws
from .tidy import header_text, is_total, row_dims

VOCABULARY_ROWS = ("region", "municipality", "age_group", "gender", "year")


@dataclass(frozen=True)
class Found:
    table: Table | None
    problem: str = ""  # why none was taken where two fit alike


def categories(entry: TableEntry) -> list[str] | None:
    """The categories an entry's ``every_category`` rule names; None where it names none."""
    for call in entry.completeness:
        if call.check == "every_category":
            return list(call.params.get("categories", []))
    return None


def fit(entry: TableEntry, table: Table, year: int) -> float | None:
    """How much of the entry's stub vocabulary ``table`` lists (0 to 1), where every stub of
    its body is in that vocabulary and every header word is in its header; else None."""
    if table.kind != TableKind.TABLE or entry.kind != "table" or not entry.header_words:
        return None
    heads = header_text(table)
    if not all(re.search(w, heads, re.I) for w in entry.header_words):
        return None
    stubs = [normalize_ws(r[0]) for r in table.cells[table.header_rows :] if r and r[0].strip()]
    stubs = [s for s in stubs if not is_total(s)]
    if not stubs:
        return None
    named = categories(entry)
    if entry.rows == "category" and named is not None:
        wanted = {normalize_ws(c).casefold() for c in named}
        have = {s.casefold() for s in stubs}
        return len(have & wanted) / len(wanted) if have <= wanted else None
    if entry.rows in VOCABULARY_ROWS:
        dims = [row_dims(entry.rows, s, year) for s in stubs]
        if any(not isinstance(d, dict) for d in dims):
            return None
        return len({tuple(sorted(d.items())) for d in dims}) / len(stubs)
    return None


def find(entry: TableEntry, tables: list[Table], year: int) -> Found:
    """The one table of ``tables`` that fits ``entry`` best; none, saying why, where two fit
    alike."""
    scored = [(f, t) for t in tables if (f := fit(entry, t, year)) is not None]
    if not scored:
        return Found(None)
    best = max(f for f, _ in scored)
    top = [t for f, t in scored if f == best]
    if len(top) > 1:
        names = " and ".join(t.table_id for t in top)
        return Found(
            None,
            f"table {entry.name!r} is found by its content in {names} alike: none is taken",
        )
    return Found(top[0])
