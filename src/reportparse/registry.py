"""Document families: recognise a document from its content; find the spec for its year.

Families and per-year specs are data (``specs/families.toml``,
``specs/<family>/<year>.toml``). A year without a spec of its own is read
with the nearest earlier spec (or the earliest one), and says so.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    kind: str
    parser: str
    source_id: str
    signature: tuple[str, ...]
    year: tuple[str, ...]
    title: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    unnumbered_tables: bool = False
    units: tuple[str, ...] = ()


@dataclass
class Spec:
    family: str
    year: int
    path: str
    data: dict = field(default_factory=dict)
    notice: str = ""

    @property
    def tables(self) -> list[dict]:
        return self.data.get("table", [])


@dataclass
class Detection:
    family: Family
    year: int
    title: str
    published: str


def _specs_root():
    return resources.files("reportparse.specs")


@cache
def families() -> tuple[Family, ...]:
    data = tomllib.loads(_specs_root().joinpath("families.toml").read_text(encoding="utf-8"))
    out = []
    for fid, f in data.items():
        out.append(
            Family(
                id=fid,
                name=f["name"],
                kind=f["kind"],
                parser=f["parser"],
                source_id=f["source_id"],
                signature=tuple(f["signature"]),
                year=tuple(f["year"]),
                title=tuple(f.get("title", ())),
                published=tuple(f.get("published", ())),
                unnumbered_tables=f.get("unnumbered_tables", False),
                units=tuple(f.get("units", ())),
            )
        )
    return tuple(out)


def _first(patterns: tuple[str, ...], text: str, group: str | None = None) -> str | None:
    for p in patterns:
        m = re.search(p, text, re.I | re.S)
        if m:
            return m.group(group) if group else m.group(0)
    return None


def parse_date(text: str) -> str:
    """ "16.06.2026" or "24. oktober 2018" or "2022-06-16" -> ISO date; "" if not a date."""
    months = [
        "januar", "februar", "mars", "april", "mai", "juni", "juli",
        "august", "september", "oktober", "november", "desember",
    ]  # fmt: skip
    text = text.strip()
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        y, mo, d = map(int, m.groups())
    elif m := re.search(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})", text):
        d, mo, y = map(int, m.groups())
    elif m := re.search(rf"(\d{{1,2}})\.?\s+({'|'.join(months)})\s+(\d{{4}})", text, re.I):
        d, mo, y = int(m.group(1)), months.index(m.group(2).lower()) + 1, int(m.group(3))
    elif m := re.search(r"D:(\d{4})(\d{2})(\d{2})", text):
        y, mo, d = map(int, m.groups())
    else:
        return ""
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return ""


def detect(text: str, kind: str, meta_title: str = "", meta_date: str = "") -> Detection | None:
    """The family and reference year of a document, from its own text."""
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


@cache
def spec_years(family: str) -> tuple[int, ...]:
    root = _specs_root().joinpath(family)
    if not root.is_dir():
        return ()
    return tuple(
        sorted(int(p.name[:-5]) for p in root.iterdir() if re.fullmatch(r"\d{4}\.toml", p.name))
    )


def load_spec(family: str, year: int) -> Spec:
    """The spec for ``year``; else the newest earlier one (or the earliest), with a notice."""
    years = spec_years(family)
    if not years:
        return Spec(family, year, "", {}, "")
    earlier = [y for y in years if y <= year]
    used = earlier[-1] if earlier else years[0]
    path = f"specs/{family}/{used}.toml"
    data = tomllib.loads(_specs_root().joinpath(family, f"{used}.toml").read_text(encoding="utf-8"))
    notice = "" if used == year else f"no spec for {year}; read with the {used} spec"
    return Spec(family, used, path, data, notice)
