"""Document families: recognise a document's family and reference year from its content.

Families are data (``specs/families.toml``, checked on load by ``specs/schema.py``):
each has a signature (patterns that must all be found), patterns for its year, title
and publication date, and the parser that reads it. File names are never used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .specs.load import families
from .specs.schema import Family
from .text.dates import parse_date


@dataclass
class Detection:
    family: Family
    year: int
    title: str
    published: str  # ISO date, or ""


def _first(patterns: list[str], text: str, group: str | None = None) -> str | None:
    for p in patterns:
        m = re.search(p, text, re.I | re.S)
        if m:
            return m.group(group) if group else m.group(0)
    return None


def detect(text: str, kind: str, meta_title: str = "", meta_date: str = "") -> Detection | None:
    """The family and reference year of a document, from its own text (and its metadata's
    title and date); None when no family's signature is found."""
    haystack = f"{meta_title}\n{text}"
    for fam in families():
        if fam.kind != kind:
            continue
        if not all(re.search(p, haystack, re.I | re.S) for p in fam.signature):
            continue
        year = _first(fam.year, haystack, "year")
        if year is None:
            continue
        title = _first(fam.title, text) or meta_title or fam.name
        published = parse_date(_first(fam.published, text, "date") or "") or parse_date(meta_date)
        return Detection(fam, int(year), " ".join(title.split()), published)
    return None
