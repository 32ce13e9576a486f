"""The introduction programme's rules printed as tables: ``programme_rules``, one row per end goal.

A deck on the integration act prints, under a slide title that names a section of
the act ("§ 14 - introduksjonsprogram for deltakere som ikke har utdanning på
videregående nivå eller høyere"), a table of end goals with who may take part, the
longest duration and the extension. The family's spec (``[[rule_table]]``) says which
titles head rule tables and which education prerequisite each stands for, and
(``[rule_columns]``) which header names which column. The wording of the cells
("Alle", "Fra 18 år til og med 55 år", "Inntil 2 år", "Nei") is read here; wording
that cannot be read fails the document with the table, row and cell text.
"""

from __future__ import annotations

import re

from ..model import DocumentError, FoundBy, Paragraph, Table, TableStatus, pad_rows
from ..specs.load import Spec
from ..specs.schema import RuleTable
from ..text.normalize import normalize_ws
from ..text.quantities import WORD_NUMERAL, parse_number
from .tidy import column_headers

DATASET = "programme_rules"
COLUMNS = ("end_goal", "participants", "max_duration", "extension")
ALL_AGES = {"alle", "alle aldre", "ingen aldersgrense"}
NO_EXTENSION = {"nei", "ingen"}
_BRACKETS = re.compile(r"\(([^()]*)\)")
_AGE_BOUNDS = [  # (pattern, which bound, adjustment): "over 60 år" is 61 and older
    (re.compile(r"(\d+)\s*(?:år\s*)?[-–]\s*(\d+)\s*år"), "both", 0),
    (re.compile(r"\bfra\s+(?:og\s+med\s+)?(\d+)(?:\s*år)?"), "min", 0),
    (re.compile(r"\bover\s+(\d+)(?:\s*år)?"), "min", 1),
    (re.compile(r"(\d+)\s*år\s+og\s+(?:eldre|over)"), "min", 0),
    (re.compile(r"\btil\s+og\s+med\s+(\d+)(?:\s*år)?"), "max", 0),
    (re.compile(r"\bunder\s+(\d+)(?:\s*år)?"), "max", -1),
]
_FILLER = re.compile(r"^(?:\s|[-–,]|\bog\b)*$")
_DURATION = re.compile(
    rf"^(?:(?:inntil|opptil|maksimalt|maks\.?|høyst)\s+)?(?P<n>\d+(?:,\d+)?|{WORD_NUMERAL})\s*"
    r"(?P<unit>år|måneder|måned|mnd\.?)$"
)


def age_range(text: str) -> tuple[int | None, int | None]:
    """ "Alle" -> (None, None); "Til og med 55 år" -> (None, 55); "Fra 18 år – til og med
    55 år" -> (18, 55). Words in brackets are a note, not part of the range."""
    plain = normalize_ws(_BRACKETS.sub(" ", text)).lower()
    if plain in ALL_AGES:
        return None, None
    low = high = None
    rest = plain
    for pattern, bound, shift in _AGE_BOUNDS:
        m = pattern.search(rest)
        if not m:
            continue
        if bound == "both":
            low, high = int(m.group(1)), int(m.group(2))
        elif bound == "min":
            low = int(m.group(1)) + shift
        else:
            high = int(m.group(1)) + shift
        rest = rest[: m.start()] + " " + rest[m.end() :]
    if (low is None and high is None) or not _FILLER.match(rest):
        raise ValueError(f"cannot read an age range from {text!r}")
    return low, high


def duration_months(text: str, *, none_is_zero: bool = False) -> int:
    """ "Inntil 12 måneder" -> 12, "Inntil 2 år" -> 24; "Nei" -> 0 where ``none_is_zero``."""
    plain = normalize_ws(_BRACKETS.sub(" ", text)).lower()
    if none_is_zero and plain in NO_EXTENSION:
        return 0
    m = _DURATION.match(plain)
    n = parse_number(m.group("n")) if m else None
    if n is None:
        raise ValueError(f"cannot read a duration from {text!r}")
    months = n * 12 if m.group("unit") == "år" else n
    if not float(months).is_integer():
        raise ValueError(f"not a whole number of months: {text!r}")
    return int(months)


def notes(cells: list[str]) -> str | None:
    """Words in brackets: "(hovedregel for personer under 25 år)"."""
    found = [normalize_ws(n) for cell in cells for n in _BRACKETS.findall(cell)]
    return "; ".join(dict.fromkeys(n for n in found if n)) or None


def _title(table: Table, paragraphs: list[Paragraph], entries: list[RuleTable]):
    """The nearest paragraph above the table on its page that a rule-table title matches."""
    if not table.pages or table.bbox is None:
        return None
    above = [p for p in paragraphs if p.page == table.pages[0] and p.top < table.bbox[1]]
    for p in sorted(above, key=lambda p: -p.top):
        for entry in entries:
            m = re.search(entry.title, p.text, re.I)
            if m:
                return entry, m
    return None


def _columns(table: Table, spec: Spec) -> dict[str, int]:
    patterns = spec.content.rule_columns.model_dump()
    heads = column_headers(table)
    out = {}
    for name in COLUMNS:
        hits = [c for c, h in enumerate(heads) if re.search(patterns[name], h, re.I)]
        if len(hits) != 1:
            raise DocumentError(
                f"{table.table_id}: {len(hits)} columns like /{patterns[name]}/ "
                f"in the header {heads} (read with {spec.path})"
            )
        out[name] = hits[0]
    return out


def _rows(table: Table, entry: RuleTable, paragraph: str, spec: Spec) -> list[dict]:
    cols = _columns(table, spec)
    heads = column_headers(table)
    out = []
    body = pad_rows(table.cells[table.header_rows :], table.n_cols)
    for r, row in enumerate(body, table.header_rows):
        if not any(row):
            continue
        cell = {name: row[c] for name, c in cols.items()}
        try:
            if not cell["end_goal"]:
                raise ValueError("no end goal")
            age_min, age_max = age_range(cell["participants"])
            max_duration = duration_months(cell["max_duration"])
            extension = duration_months(cell["extension"], none_is_zero=True)
        except ValueError as exc:
            where = f"{table.table_id} row {r} ({heads[0]} {row[0]!r})"
            raise DocumentError(f"{where}: {exc}") from None
        out.append(
            {
                "paragraph": paragraph,
                "education_prerequisite": entry.education_prerequisite,
                "end_goal": cell["end_goal"],
                "age_min": age_min,
                "age_max": age_max,
                "max_duration_months": max_duration,
                "extension_months": extension,
                "note": notes([cell["participants"], cell["max_duration"], cell["extension"]]),
                "page": table.pages[0],
                "locator": f"{table.table_id} r{r}",
            }
        )
    return out


def programme_rules(tables: list[Table], paragraphs: list[Paragraph], spec: Spec) -> list[dict]:
    """Rows of ``programme_rules`` from the rule tables the spec names; [] when it names none.

    A rule table the spec expects but the document lacks is an error; a rule printed
    twice is kept once, and two rules of one end goal that differ are an error.
    """
    entries = spec.content.rule_table
    if not entries:
        return []
    rows: dict[tuple[str, str], dict] = {}
    seen: set[str] = set()
    for table in tables:
        if table.status != TableStatus.EXTRACTED:
            continue
        found = _title(table, paragraphs, entries)
        if found is None:
            continue
        entry, m = found
        seen.add(entry.name)
        table.spec, table.found_by = entry.name, FoundBy.CAPTION  # its title is its caption
        paragraph = normalize_ws(m.group("paragraph"))
        for row in _rows(table, entry, paragraph, spec):
            key = (row["paragraph"], row["end_goal"])
            first = rows.setdefault(key, row)
            same = {k: v for k, v in first.items() if k not in ("page", "locator")} == {
                k: v for k, v in row.items() if k not in ("page", "locator")
            }
            if not same:
                raise DocumentError(
                    f"§ {key[0]} {key[1]!r}: {first['locator']} and {row['locator']} differ"
                )
    for entry in entries:
        if entry.name not in seen and entry.required:
            raise DocumentError(
                f"expected rule table {entry.name!r} (title like /{entry.title}/) "
                f"not found (read with {spec.path})"
            )
    return list(rows.values())
