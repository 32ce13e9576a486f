"""Document families: recognise a document's family and reference year from its content.

Families are data (``specs/families.toml``, checked on load by ``specs/schema.py``):
each has a signature (patterns that must all be found), for a web page what its headline
and lead must be about, patterns for its year (and where to read them: the text, the
headline, the lead), title and publication date, and the parser that reads it. File
names are never used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .specs.load import families
from .specs.schema import Family
from .text.dates import parse_date
from .text.normalize import slugify


@dataclass
class Detection:
    family: Family
    year: int | None  # None for a family without a year
    title: str
    published: str  # ISO date, or ""

    @property
    def source_id(self) -> str:
        return self.family.source_id.format(year=self.year, title=slugify(self.title))


def _first(patterns: list[str], text: str, group: str | None = None) -> str | None:
    for p in patterns:
        m = re.search(p, text, re.I | re.S)
        if m:
            return m.group(group) if group else m.group(0)
    return None


def _found(patterns: list[str], text: str) -> bool:
    return all(re.search(p, text, re.I | re.S) for p in patterns)


def detect(
    text: str,
    kind: str,
    meta_title: str = "",
    meta_date: str = "",
    headline: str = "",
    lead: str = "",
) -> Detection | None:
    """The family and reference year of a document, from its own text (and its metadata's
    title and date; a web page's headline and lead); None when no family knows it."""
    places = {"text": f"{meta_title}\n{text}", "headline": headline, "lead": lead}
    for fam in families():
        if fam.kind != kind or not _found(fam.signature, places["text"]):
            continue
        if not _found(fam.subject, f"{headline}\n{lead}") or not _found(fam.headline, headline):
            continue
        year = None
        if fam.dated:
            year = next(
                (y for place in fam.year_in if (y := _first(fam.year, places[place], "year"))),
                None,
            )
            if year is None:
                continue
        title = _first(fam.title, text) or meta_title or fam.name
        published = parse_date(_first(fam.published, text, "date") or "") or parse_date(meta_date)
        return Detection(fam, int(year) if year else None, " ".join(title.split()), published)
    return None
