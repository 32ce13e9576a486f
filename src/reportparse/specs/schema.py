"""The schema of every spec file, checked when the file is loaded.

``families.toml``, ``classify.toml`` and ``<family>/<year>.toml`` are read into these
pydantic models. An unknown key, a wrong type, a regular expression that does not
compile, or an indicator, unit, gender, group, check or engine setting that the
contract (``schemas/``, ``contract/checks.py``) or the table engine does not know fails
the load with the file and the key (``load.SpecError``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_type_hints

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ..contract import checks, vocabulary
from .settings import TableSettings


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    return pattern


def _known(kind: str, allowed):
    def check(value: str) -> str:
        known = allowed()
        if value not in known:
            raise ValueError(f"unknown {kind} {value!r} (known: {', '.join(sorted(known))})")
        return value

    return check


Pattern = Annotated[str, AfterValidator(_compiles)]
Indicator = Annotated[str, AfterValidator(_known("indicator", vocabulary.indicators))]
PublishedUnit = Annotated[str, AfterValidator(_known("unit", vocabulary.units))]
Gender = Annotated[str, AfterValidator(_known("gender", lambda: vocabulary.dimension("gender")))]
Group = Annotated[str, AfterValidator(_known("group", lambda: vocabulary.dimension("group")))]
RowKind = Literal[
    "region", "municipality", "category", "age_group", "gender", "education", "year", "indicator"
]


def _with_groups(*names: str):
    def check(pattern: str) -> str:
        missing = [n for n in names if f"(?P<{n}>" not in pattern]
        if missing:
            raise ValueError(f"the pattern needs the named group(s) {', '.join(missing)}")
        return pattern

    return AfterValidator(check)


class Strict(BaseModel):
    """Every spec model: unknown keys are errors, values keep the type the file gives them
    (a year written "2025" is not a number), and nothing changes after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# ---------------------------------------------------------------- families.toml


Place = Literal["text", "headline", "lead"]


class Family(Strict):
    id: str = ""  # the key of its table in families.toml
    name: str
    kind: Literal["pdf", "html"]
    parser: Literal["report", "html"]
    source_id: str  # with {year}, or {title} for a family without a year
    signature: Annotated[list[Pattern], Field(min_length=1)]
    subject: list[Pattern] = []
    headline: list[Pattern] = []
    dated: bool = True
    year: list[Annotated[Pattern, _with_groups("year")]] = []
    year_in: Annotated[list[Place], Field(min_length=1)] = ["text"]
    title: list[Pattern] = []
    published: list[Annotated[Pattern, _with_groups("date")]] = []
    unnumbered_tables: bool = False
    units: list[PublishedUnit] = []

    @model_validator(mode="after")
    def _year_or_not(self) -> Family:
        if self.dated and not self.year:
            raise ValueError("a dated family needs year patterns")
        if self.dated and "{year}" not in self.source_id:
            raise ValueError("source_id of a dated family needs {year}")
        if not self.dated and (self.year or "{title}" not in self.source_id):
            raise ValueError("a family without a year has no year patterns; its source_id "
                             "needs {title}")  # fmt: skip
        return self


# ---------------------------------------------------------------- classify.toml


class IndicatorRule(Strict):
    id: Indicator
    unit: PublishedUnit
    patterns: Annotated[list[Pattern], Field(min_length=1)]

    @model_validator(mode="after")
    def _unit_of_the_indicator(self) -> IndicatorRule:
        unit = vocabulary.indicator_unit(self.id)
        if unit != self.unit:
            raise ValueError(f"{self.id} is counted in {unit}, not {self.unit}")
        return self


class AgeRule(Strict):
    pattern: Pattern
    value: str  # "{0}-{1}": built from the pattern's groups
    # an age band open at the top ("55 år og over"), and its value ("{0}+")
    open_pattern: Pattern = "(?!)"
    open_value: str = "{0}+"


class RelativeYear(Strict):
    pattern: Pattern
    offset: int


class Dimensions(Strict):
    gender: dict[Gender, list[Pattern]] = {}
    group: dict[Group, list[Pattern]] = {}
    education: dict[str, list[Pattern]] = {}
    category: dict[str, list[Pattern]] = {}


class ColumnUnits(Strict):
    """Words of a table column's header (or its cells) that give the column's unit."""

    percent: list[Pattern] = []
    persons: list[Pattern] = []


class Classifier(Strict):
    blockers: list[Pattern] = []
    after_blockers: list[Pattern] = []
    undated: list[Pattern] = []
    back_references: list[Pattern] = []
    partitives: list[Pattern] = []
    indicator: Annotated[list[IndicatorRule], Field(min_length=1)]
    dimensions: Dimensions = Dimensions()
    age: AgeRule
    relative_year: list[RelativeYear] = []
    column_units: ColumnUnits = ColumnUnits()
    column_headers: dict[Indicator, list[Pattern]] = {}


# ---------------------------------------------------------------- <family>/<year>.toml


class CheckCall(BaseModel):
    """A named cross-check with its parameters: ``{check = "parts_sum_to", ...}``."""

    model_config = ConfigDict(extra="allow", frozen=True)
    check: str

    @model_validator(mode="after")
    def _known_check(self) -> CheckCall:
        if self.check not in checks.CHECKS:
            known = ", ".join(sorted(checks.CHECKS))
            raise ValueError(f"unknown check {self.check!r} (known: {known})")
        required, optional = checks.parameters(self.check)
        given = set(self.params)
        if missing := required - given:
            raise ValueError(f"{self.check} needs {', '.join(sorted(missing))}")
        if unknown := given - required - optional:
            raise ValueError(f"{self.check} takes no {', '.join(sorted(unknown))}")
        return self

    @property
    def params(self) -> dict:
        return dict(self.model_extra or {})


class CompletenessCall(CheckCall):
    """A completeness rule with its parameters: ``{check = "every_region", ...}``."""

    @model_validator(mode="after")
    def _a_completeness_rule(self) -> CompletenessCall:
        if self.check not in checks.COMPLETENESS:
            known = ", ".join(sorted(checks.COMPLETENESS))
            raise ValueError(f"{self.check!r} is no completeness rule (known: {known})")
        return self


class ColumnRule(Strict):
    """What a column holds, for columns whose header text ``match`` finds (first match wins)."""

    match: Pattern
    skip: bool = False
    indicator: Indicator | None = None
    unit: PublishedUnit | None = None
    gender: Gender | None = None
    group: Group | None = None
    category: str | None = None
    education: str | None = None
    age_group: str | None = None

    def dimensions(self) -> dict:
        """The dimensions and indicator the rule sets (not its match, skip or unit)."""
        names = ("indicator", "gender", "group", "category", "education", "age_group")
        return {k: getattr(self, k) for k in names if getattr(self, k) is not None}


class RowRule(Strict):
    """The indicator of the rows whose label ``match`` finds (first match wins), in a table
    whose rows are indicators (``rows = "indicator"``)."""

    match: Pattern
    indicator: Indicator
    unit: PublishedUnit | None = None


class HeaderValue(Strict):
    """A value printed in a header cell: ``2025 (N = 26 407)``."""

    pattern: Annotated[Pattern, _with_groups("year", "value")]
    indicator: Indicator
    unit: PublishedUnit


def _table_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Overrides of ``TableSettings``: known field names, each value of its field's type."""
    types = get_type_hints(TableSettings)
    if unknown := sorted(set(settings) - set(types)):
        raise ValueError(
            f"unknown table engine setting(s): {', '.join(unknown)} "
            "(the fields of TableSettings in specs/settings.py)"
        )
    checked = {}
    for name, value in settings.items():
        want = types[name]
        number = want is float and isinstance(value, (int, float))
        if isinstance(value, bool) != (want is bool) or not (number or isinstance(value, want)):
            kind = "a number" if want is float else f"of type {want.__name__}"
            raise ValueError(f"{name} must be {kind}, not {value!r}")
        checked[name] = float(value) if want is float else value
    return checked


class TableEntry(Strict):
    """One printed table (or the data table of a chart, ``kind = "figure"``) of a family's
    documents and how it maps to observations."""

    name: str
    kind: Literal["table", "figure"] = "table"
    caption: Pattern | None = None
    header: Pattern | None = None
    rows: RowKind
    indicator: Indicator | None = None
    unit: PublishedUnit | None = None
    required: bool = True
    year: int | None = None
    gender: Gender | None = None
    group: Group | None = None
    category: str | None = None
    education: str | None = None
    checks: list[CheckCall] = []
    # what the table must list, checked on every extract (``contract/checks.py``:
    # every_region, every_category); a table that lacks a row is incomplete
    completeness: list[CompletenessCall] = []
    # what its header says, where no caption names the table: patterns each found in the
    # header text (mapping/content.py finds the table by these and its stub vocabulary)
    header_words: list[Pattern] = []
    column: list[ColumnRule] = []
    row: list[RowRule] = []
    header_value: list[HeaderValue] = []
    # overrides of the PDF table engine's TableSettings for the tables under the captions
    # that ``caption`` finds (the header pattern plays no part: it is read with them)
    settings: Annotated[dict[str, Any], AfterValidator(_table_settings)] = {}
    # the engine that reads the tables under the captions ``caption`` finds: the PDF table
    # engine's, or camelot's (``readers/pdf/camelot_engine.py``, the extra reportparse[camelot])
    engine: Literal["reportparse", "camelot-lattice", "camelot-stream"] = "reportparse"

    @model_validator(mode="after")
    def _found_somehow(self) -> TableEntry:
        if self.caption is None and self.header is None:
            raise ValueError("a table is found by its caption or its header: give one")
        if self.settings and self.caption is None:
            raise ValueError("settings apply to the tables under a caption: give a caption")
        if self.kind == "figure" and self.settings:
            raise ValueError("settings are the table engine's: a figure has none")
        if self.engine != "reportparse" and (self.caption is None or self.kind == "figure"):
            raise ValueError(
                "an engine reads the tables under a caption: give a caption (a figure is "
                "read from its drawing)"
            )
        if self.engine != "reportparse" and self.settings:
            raise ValueError(f"settings are the table engine's: {self.engine} takes none")
        if self.kind == "figure" and self.required:
            raise ValueError(
                "a figure cannot be required (required = false): a chart printed as a "
                "picture, or one that fails its self-check, gives no observations and the "
                "document is read all the same"
            )
        if (self.rows == "indicator") != bool(self.row):
            raise ValueError('rows = "indicator" and [[table.row]] rules go together')
        return self

    def fixed_dimensions(self) -> dict:
        """Dimensions every observation of the table has."""
        names = ("group", "gender", "category", "education")
        return {k: getattr(self, k) for k in names if getattr(self, k) is not None}

    def describe_match(self) -> str:
        """How the entry finds its table, for messages: "caption like /fylke/"."""
        parts = [(k, getattr(self, k)) for k in ("caption", "header")]
        return " and ".join(f"{k} like /{v}/" for k, v in parts if v is not None)


class TextTable(Strict):
    """A table the family prints that holds no statistics (a programme, an agenda): read and
    published as printed, mapped to nothing, found as a ``TableEntry`` is."""

    name: str
    caption: Pattern | None = None
    header: Pattern | None = None
    about: str  # what the table is, for whoever reads the spec

    @model_validator(mode="after")
    def _found_somehow(self) -> TextTable:
        if self.caption is None and self.header is None:
            raise ValueError("a table is found by its caption or its header: give one")
        return self


class RuleColumns(Strict):
    """Header patterns of the columns of a rule table (programme rules)."""

    end_goal: Pattern
    participants: Pattern
    max_duration: Pattern
    extension: Pattern


class RuleTable(Strict):
    """A table of programme rules, found by the slide title above it."""

    name: str
    title: Annotated[Pattern, _with_groups("paragraph")]
    education_prerequisite: Literal[
        "with_upper_secondary_or_higher", "without_upper_secondary_or_higher"
    ]
    required: bool = True


class YearSpec(Strict):
    """``specs/<family>/<year>.toml``: the tables of a family's documents of a year."""

    table: list[TableEntry] = []
    text_table: list[TextTable] = []
    rule_columns: RuleColumns | None = None
    rule_table: list[RuleTable] = []

    @model_validator(mode="after")
    def _rule_columns_for_rule_tables(self) -> YearSpec:
        if self.rule_table and self.rule_columns is None:
            raise ValueError("rule_table needs [rule_columns]")
        names = [t.name for t in [*self.table, *self.text_table]]
        if len(names) != len(set(names)):
            raise ValueError("table names must be unique")
        return self
