"""Printed tables and classified key figures into tidy observations.

A table's spec entry (``specs/<family>/<year>.toml``) says what its rows are
and which indicator its cells hold; column headers give year, gender, spor
and age band by themselves. A column's unit is read from the page (its cells and
header, ``column_units`` in ``specs/classify.toml``) and only where the page says
nothing from the spec; a column rule that names a unit maps columns of that unit only.
Nothing here knows a particular report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..contract import regions, vocabulary
from ..contract.vocabulary import table_words
from ..model import CellIssue, KeyFigure, Observation, Origin, Table, Unit, pad_rows
from ..specs.load import classifier
from ..specs.schema import ColumnRule, RowRule, TableEntry, TextTable
from ..text.classify import indicator_of
from ..text.printed import missing_reason
from ..text.quantities import parse_number

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_SPOR = re.compile(r"\bspor\s*-?\s*(\d)\b", re.I)
_AGE_BAND = re.compile(r"^(\d{1,2})\s*[-–]\s*(\d{1,2})(?:\s*år)?$")
_AGE_OPEN = re.compile(r"^(\d{1,2})\s*(?:år\s*)?(?:og eldre|\+|år \+|og over)", re.I)


CLASSIFIED = ("region_code", "region_name", "gender", "group", "age_group", "education", "category")


def header_text(table: Table) -> str:
    """The text of a table's header rows, cell by cell, row by row."""
    return " ".join(c for row in table.cells[: table.header_rows] for c in row if c)


def table_matches(entry: TableEntry | TextTable, table: Table) -> bool:
    """Whether a spec entry maps ``table``: of the entry's kind (a table, or a chart's data
    table), by its caption, by its header text (for a table printed without a caption), or
    both; every pattern the entry gives must match."""
    if getattr(entry, "kind", "table") != table.kind:
        return False
    patterns = [(entry.caption, table.caption or ""), (entry.header, header_text(table))]
    given = [(p, text) for p, text in patterns if p is not None]
    return bool(given) and all(re.search(p, text, re.I) for p, text in given)


def is_total(label: str) -> bool:
    """A row label that names the total of its table's rows ("Sum", "I alt")."""
    return label.strip().casefold() in table_words("total")


def age_group(label: str) -> str | None:
    text = label.strip()
    if is_total(text):
        return "alle"
    m = _AGE_BAND.match(text)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    m = _AGE_OPEN.match(text)
    if m:
        return f"{m.group(1)}+"
    return None


def gender(label: str) -> str | None:
    return table_words("gender").get(label.strip().casefold())


def header_dims(text: str) -> dict:
    """Dimensions a column header names by itself: its year (before or after other words:
    "Kvinner 2026", "2026 Kvinner", "2025 (N = 26 407)"), its gender (the words of
    ``schemas/table_words.csv``, longest first), spor and age band."""
    dims: dict = {}
    years = _YEAR.findall(text)
    if years:
        dims["year"] = int(years[-1])
    words = text.casefold()
    for word, value in sorted(table_words("gender").items(), key=lambda w: -len(w[0])):
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", words):
            dims["gender"] = value
            break
    m = _SPOR.search(text)
    if m:
        dims["education"] = f"spor{m.group(1)}"
    band = (
        age_group(text) if _AGE_BAND.match(text.strip()) or _AGE_OPEN.match(text.strip()) else None
    )
    if band:
        dims["age_group"] = band
    return dims


def column_headers(table: Table) -> list[str]:
    """Each column's header text: its own header cells, and a group header spanning it."""
    heads = [[] for _ in range(table.n_cols)]
    for row in pad_rows(table.cells[: table.header_rows], table.n_cols):
        owner = ""
        for c, cell in enumerate(row):
            if cell:
                owner = cell
                heads[c].append(cell)
            elif owner and c > 0:
                heads[c].append(owner)
    return [" ".join(h) for h in heads]


def _row_rule(entry: TableEntry, label: str) -> RowRule | None:
    """The ``[[table.row]]`` rule whose pattern finds a row label (first match wins)."""
    return next((rule for rule in entry.row if re.search(rule.match, label, re.I)), None)


def row_dims(kind: str, label: str, year: int) -> dict | str:
    """The dimensions a row label gives in a table whose rows are ``kind``; where the label
    is none of them, why (a sentence)."""
    if kind in ("region", "municipality"):
        levels = ("country", "unknown", "county") if kind == "region" else (
            "country", "unknown", "municipality")  # fmt: skip
        reg = regions.lookup(label, year, levels)
        if reg is None:
            level = "county" if kind == "region" else kind
            return f"not a {level} in force in {year}"
        return {"region_code": reg.code, "region_name": reg.name}
    if kind == "age_group":
        band = age_group(label)
        return {"age_group": band} if band is not None else "not an age band"
    if kind == "gender":
        g = gender(label)
        return {"gender": g} if g is not None else "not a gender"
    if kind == "education":
        m = _SPOR.search(label)
        return {"education": f"spor{m.group(1)}" if m else label}
    if kind == "year":
        if not re.fullmatch(r"\d{4}", label.strip()):
            return "not a year"
        return {"year": int(label)}
    return {"category": "alle" if is_total(label) else label}


def _fits(rule_unit: str | None, read: str | None) -> bool:
    """Whether a rule's unit fits a column read as ``read`` (a difference of shares printed
    with % is in percentage points)."""
    if rule_unit is None or read is None or rule_unit == read:
        return True
    return (read, rule_unit) == (Unit.PERCENT, Unit.PERCENTAGE_POINTS)


def _column_rule(entry: TableEntry, header: str, unit: str | None):
    """The first rule whose pattern finds ``header`` and whose unit (if it names one) fits
    the column's unit as read from the page."""
    for rule in entry.column:
        if not _fits(rule.unit, unit):
            continue
        if re.search(rule.match, header, re.I):
            return rule
    return None


@cache
def _unit_words() -> dict[str, list[re.Pattern]]:
    units = classifier().column_units
    return {
        Unit.PERCENT: [re.compile(p, re.I) for p in units.percent],
        Unit.PERSONS: [re.compile(p, re.I) for p in units.persons],
    }


def column_unit(table: Table, c: int, header: str) -> str | None:
    """The unit of column ``c`` as the page prints it: percent where its cells print % or
    its header names a share; persons for whole numbers under a header that counts people;
    None where the page does not say."""
    cells = [row[c] for row in table.cells[table.header_rows :] if c < len(row) and row[c]]
    words = _unit_words()
    if any("%" in cell for cell in cells) or any(p.search(header) for p in words[Unit.PERCENT]):
        return Unit.PERCENT
    whole = [v for cell in cells if (v := _cell_value(cell)) is not None and v == int(v)]
    if cells and len(whole) == len(cells) and any(p.search(header) for p in words[Unit.PERSONS]):
        return Unit.PERSONS
    return None


def _observation(base: dict, dims: dict, value: float, unit: str, approximate: bool, **prov):
    fields = {
        "indicator": dims["indicator"],
        "year": dims["year"],
        "region_code": "00",
        "region_name": "",
        "gender": "alle",
        "group": "alle",
        "age_group": "alle",
        "education": "alle",
        "category": "alle",
    }
    fields.update({k: v for k, v in base.items() if k in fields})
    fields.update({k: v for k, v in dims.items() if k in fields})
    if fields["region_code"] == "00" and not fields["region_name"]:
        fields["region_name"] = "Hele landet"
    return Observation(**fields, value=value, unit=unit, approximate=approximate, **prov)


@dataclass
class Mapped:
    """What a printed table gives: its observations; each non-empty body cell that gives
    none, with the reason; and what keeps the table from being whole (a row label that is no
    region, a column the spec gives no indicator)."""

    observations: list[Observation] = field(default_factory=list)
    unobserved: list[CellIssue] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def table_observations(table: Table, entry: TableEntry, source_id: str, doc_year: int) -> Mapped:
    """Observations of one printed table, as its spec entry maps it: one for each value cell
    of its body, one for each value printed in a header cell (``header_value``)."""
    out = Mapped()
    page = table.pages[0] if table.pages else None
    base = entry.fixed_dimensions()
    heads = column_headers(table)
    year_default = entry.year if entry.year is not None else doc_year
    reported: set[str] = set()  # the rows and columns named in a problem (once each)
    for c in range(1, table.n_cols):
        for hv in entry.header_value:
            for r in range(table.header_rows):
                cell = table.cells[r][c] if c < len(table.cells[r]) else ""
                m = re.search(hv.pattern, cell)
                if m:
                    dims = {"indicator": hv.indicator, "year": int(m.group("year"))}
                    out.observations.append(
                        _observation(
                            base, dims, parse_number(m.group("value")), hv.unit, False,
                            source_id=source_id, page=page,
                            locator=f"{table.table_id} r{r} c{c}", origin=Origin.TABLE,
                            table_id=table.table_id,
                        )
                    )  # fmt: skip
    for c in range(1, table.n_cols):
        read = column_unit(table, c, heads[c])
        rule = _column_rule(entry, heads[c], read)
        col = header_dims(heads[c])
        col.update(rule.dimensions() if rule is not None else {})
        unit = rule.unit if rule is not None and rule.unit else (read or entry.unit)
        indicator = col.get("indicator", entry.indicator)
        counted = vocabulary.indicator_unit(indicator) if indicator else None
        skipped = rule is not None and rule.skip
        wrong_unit = not skipped and indicator is not None and counted != unit
        for r in range(table.header_rows, table.n_rows):
            row = table.cells[r]
            label = row[0] if row else ""
            cell = row[c] if c < len(row) else ""
            if not cell.strip():
                continue
            why = _unobserved(rule, cell, label)
            year = col.get("year", year_default)
            cell_unit, dims, problem = unit, {}, None
            if why is None and wrong_unit:
                why = f"the column is in {unit} on the page, its indicator {indicator} in {counted}"
                problem = (
                    f"column {c} ({heads[c]!r}) is in {unit} on the page, but its spec maps it "
                    f"to {indicator} ({counted})"
                )
            elif why is None and entry.rows == "indicator":
                row_rule = _row_rule(entry, label)
                row_counted = vocabulary.indicator_unit(row_rule.indicator) if row_rule else None
                cell_unit = (row_rule.unit if row_rule else None) or unit
                if row_rule is None:
                    why = "no [[table.row]] rule of the spec names its indicator"
                    problem = f"row {r} ({label!r}): {why}"
                elif row_counted != cell_unit:
                    why = f"the row is in {cell_unit} on the page, its indicator in {row_counted}"
                    problem = (
                        f"row {r} ({label!r}) is in {cell_unit} on the page, but its spec maps "
                        f"it to {row_rule.indicator} ({row_counted})"
                    )
                else:
                    dims = {"indicator": row_rule.indicator}
            elif why is None:
                found = row_dims(entry.rows, label, year)
                if isinstance(found, str):
                    why = f"row label {label!r}: {found}"
                    problem = f"row {r} ({label!r}): {found}"
                elif not (col.get("indicator") or entry.indicator):
                    why = "the spec gives this column no indicator"
                    problem = f"column {c} ({heads[c]!r}): the spec gives it no indicator"
                else:
                    dims = found
            where = problem.split(" (")[0] if problem else None  # "row 13", "column 2"
            if where is not None and where not in reported:
                reported.add(where)
                out.problems.append(problem)
            if why is not None:
                out.unobserved.append(CellIssue(r, c, cell, why))
                continue
            full = {"indicator": entry.indicator, "year": year}
            full.update({k: v for k, v in col.items() if k != "year"})
            full.update(dims)
            out.observations.append(
                _observation(
                    base, full, _cell_value(cell), cell_unit, False, source_id=source_id,
                    page=page, locator=f"{table.table_id} r{r} c{c}", origin=Origin.TABLE,
                    table_id=table.table_id,
                )
            )  # fmt: skip
    return out


def _unobserved(rule, cell: str, label: str) -> str | None:
    """Why a non-empty value cell gives no observation, before its row is looked at."""
    if rule is not None and rule.skip:
        return f"column skipped by the spec (match {rule.match!r})"
    if _cell_value(cell) is None:
        reason = missing_reason(cell)
        return f"missing value ({reason})" if reason else "not a number"
    if not label:
        return "row without stub"
    return None


@cache
def _header_words() -> list[tuple[str, list[re.Pattern]]]:
    headers = classifier().column_headers
    return [(ind, [re.compile(p, re.I) for p in pats]) for ind, pats in headers.items()]


def _header_indicator(header: str, unit: str) -> str | None:
    for ind, patterns in _header_words():
        if vocabulary.indicator_unit(ind) == unit and any(p.search(header) for p in patterns):
            return ind
    return indicator_of(header, unit)


def header_entry(table: Table) -> TableEntry | None:
    """How to map a table of a page that has no spec (a generic page), from the table alone:
    its rows must be years and its caption and headers name no region but the whole
    country; a column is mapped where the page gives its unit and its header names an
    indicator of that unit (``column_headers``, then the sentence rules of
    ``specs/classify.toml``). None when nothing can be mapped so: say nothing."""
    labels = [row[0].strip() for row in table.cells[table.header_rows :] if row and row[0]]
    if not labels or not all(re.fullmatch(r"(?:19|20)\d{2}", label) for label in labels):
        return None
    if regions.county_names_in(f"{table.caption or ''} {header_text(table)}"):
        return None
    heads = column_headers(table)
    rules = []
    for c in range(1, table.n_cols):
        unit = column_unit(table, c, heads[c])
        indicator = _header_indicator(heads[c], unit) if unit else None
        match = rf"^{re.escape(heads[c])}$"
        if indicator is None:
            rules.append(ColumnRule(match=match, skip=True))
        else:
            rules.append(ColumnRule(match=match, indicator=indicator, unit=unit))
    if all(rule.skip for rule in rules):
        return None
    return TableEntry(name="by its headers", header=".", rows="year", required=False, column=rules)


def _cell_value(cell: str) -> float | None:
    text = cell.strip().replace("−", "-").replace("–", "-")
    if not text or missing_reason(cell) is not None:
        return None
    return parse_number(text.replace("%", "").strip())


def key_figure_observations(figures: list[KeyFigure], source_id: str) -> list[Observation]:
    out = []
    for f in figures:
        c = f.classification
        if not c.indicator:
            continue
        quote = f.sentence if len(f.sentence) <= 60 else f.sentence[:57].rstrip() + "..."
        for year in c.years:
            dims = {k: getattr(c, k) for k in CLASSIFIED}
            dims.update(indicator=c.indicator, year=year)
            out.append(
                _observation(
                    {}, dims, f.value, f.unit, f.approximate, source_id=source_id, page=f.page,
                    locator=f'sentence "{quote}"', origin=Origin.TEXT,
                )
            )  # fmt: skip
    return out
