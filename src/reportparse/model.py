"""What a document yields: its source record, tables, key figures and observations.

Every record keeps its provenance (document, page, table cell or sentence).
The classes convert to and from plain dicts so that a document's extraction
can be cached as JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum

# The observation key: one definition, used by merging, frames, validation and publishing.
DIMENSIONS = ("region_code", "gender", "group", "age_group", "education", "category")
KEY = ("indicator", "year", *DIMENSIONS)


class SourceKind(StrEnum):
    PDF = "pdf"
    HTML = "html"
    UNKNOWN = "unknown"  # neither PDF nor HTML


class SourceStatus(StrEnum):
    OK = "ok"
    PARTIAL = "partial"  # published without its tables that failed or are incomplete (--keep-going)
    FAILED = "failed"
    SKIPPED = "skipped"  # the same bytes as another document
    STALE = "stale"  # fails now; its rows are kept from the previous release (run/stale.py)


class TableStatus(StrEnum):
    EXTRACTED = "extracted"
    INCOMPLETE = "incomplete"  # read, but not wholly or not surely: ``reason`` says why
    UNMAPPED = "unmapped"  # read; no spec entry maps it: published as printed, no observations
    IMAGE_ONLY = "image_only"  # printed as a picture: no cells
    FAILED = "failed"


class ContentMode(StrEnum):
    """Which tables a reader reads from a document: one choice, made from its family."""

    SPEC = "spec"  # the captioned tables (and charts) a spec can map
    SPEC_AND_UNNUMBERED = "spec+unnumbered"  # those and the ruled grids printed without a number
    EVERY = "every"  # every table the engine finds (a document no family knows)


class FoundBy(StrEnum):
    """How a spec entry found the table it maps (``tables.csv`` ``found_by``)."""

    CAPTION = "caption"  # its caption pattern found the table's caption
    CONTENT = "content"  # its header pattern, or its stub vocabulary and header words


class TableMethod(StrEnum):
    RULED_GRID = "ruled-grid"  # rows and columns from rules and filled cells
    RULES_WHITESPACE = "rules+whitespace"  # horizontal rules; columns from white space
    WHITESPACE = "whitespace"  # no rules: columns and rows from the alignment of the text
    HTML = "html"  # a <table>
    IMAGE = "image"  # a picture
    VECTOR_CHART = "vector-chart"  # a chart drawn as paths: its value labels


class TableKind(StrEnum):
    TABLE = "table"  # printed as a table
    FIGURE = "figure"  # the data behind a chart ("Figur N")


class ParagraphKind(StrEnum):
    BODY = "body"
    HEADING = "heading"
    FOOTNOTE = "footnote"  # starts with its own superscript marker
    NOTE = "note"  # starts with asterisks


class Origin(StrEnum):
    """Where an observation was read: a printed table beats a sentence of the same document."""

    TABLE = "table"
    TEXT = "text"


class Unit(StrEnum):
    """What a number counts. The statistics and the measures a family may keep are published
    (``schemas/units.csv`` lists them); the rest only tell the reader to leave a number out."""

    PERSONS = "persons"
    PERCENT = "percent"
    PERCENTAGE_POINTS = "percentage_points"
    YEARS = "years"  # an age or a duration
    MONTHS = "months"
    WEEKS = "weeks"
    DAYS = "days"
    HOURS = "hours"
    MINUTES = "minutes"
    HOURS_PER_WEEK = "hours_per_week"
    MONTH_NUMBER = "month_number"  # the n-th month of the programme
    DATE = "date"  # YYYYMMDD
    DATE_WITHOUT_YEAR = "date_without_year"  # MMDD
    YEAR = "year"  # a calendar year
    COUNT = "count"  # of countries, municipalities, courses ...
    MONEY = "money"
    FILE_SIZE = "file_size"  # "1,8 MB" of a download link
    LABEL = "label"  # a section, table or page number
    ORDINAL = "ordinal"


STATISTIC_UNITS = frozenset({Unit.PERSONS, Unit.PERCENT, Unit.PERCENTAGE_POINTS})


def _checked(obj, name: str, allowed: type[StrEnum]) -> None:
    """Turn the string in ``obj.name`` into its enum member; ValueError on any other value."""
    setattr(obj, name, allowed(getattr(obj, name)))


def pad_rows(cells: list[list[str]], width: int | None = None) -> list[list[str]]:
    """Rows of ``cells`` filled up with empty strings to ``width`` (default: the widest row)."""
    if width is None:
        width = max((len(row) for row in cells), default=0)
    return [row + [""] * (width - len(row)) for row in cells]


class DocumentError(Exception):
    """A document that cannot be read or parsed; the message names the reason."""


@dataclass
class Source:
    source_id: str
    file: str
    sha256: str
    kind: str
    family: str = ""
    year: int | None = None
    title: str = ""
    published: str = ""
    pages: int | None = None
    parser: str = ""
    status: SourceStatus = SourceStatus.OK
    message: str = ""
    kept_from: str = ""  # stale: the release (sha256 of its datapackage.json) of its rows

    def __post_init__(self) -> None:
        _checked(self, "kind", SourceKind)
        _checked(self, "status", SourceStatus)


@dataclass
class TableNote:
    row: int | None
    col: int | None
    marker: str
    note: str


@dataclass
class CellBox:
    """Where a cell of a table was read: page and region (PDF points, top-left origin)."""

    page: int
    row: int
    col: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class CellIssue:
    """A body cell of a table that gave no observation, and why."""

    row: int
    col: int
    text: str
    reason: str


@dataclass
class ChartLabel:
    """A chart's value label and what it was read from: the cell (row, col) it gives, or the
    total of a stack (col 0); boxes as x0, top, x1, bottom in PDF points from the top."""

    row: int
    col: int
    text: str
    element: list[float]  # the bar segment, the whole stack (a total), or the point (no size)
    label: list[float]


@dataclass
class ChartScale:
    """A value axis as read: position along it = origin + per_unit * value (points; upwards
    for standing bars, rightwards for lying ones, as minus ``bottom`` and ``x0``)."""

    series: list[str]
    origin: float
    per_unit: float
    source: str  # "tick labels", or "value labels" where the axis has none


@dataclass
class ChartReading:
    """How a chart was read, for ``reportparse inspect``."""

    kind: str  # "stacked vertical bars", "vertical bars and line", ...
    vertical: bool
    labels: list[ChartLabel] = field(default_factory=list)
    scales: list[ChartScale] = field(default_factory=list)


@dataclass
class Table:
    table_id: str
    caption: str | None
    pages: list[int]
    method: TableMethod
    status: TableStatus
    cells: list[list[str]] = field(default_factory=list)
    header_rows: int = 0
    notes: list[TableNote] = field(default_factory=list)
    bbox: list[float] | None = None  # x0, top, x1, bottom on the first page
    spec: str | None = None  # the spec entry that maps it to observations
    cell_boxes: list[CellBox] = field(default_factory=list)  # drawn by `reportparse inspect`
    source_text: str | None = None  # where there is no page to draw: the text it came from
    kind: TableKind = TableKind.TABLE
    reason: str = ""  # why the status is not ``extracted``
    chart: ChartReading | None = None  # a figure read from its drawing
    joined: bool = False  # read from parts on several pages
    unobserved: list[CellIssue] = field(default_factory=list)  # body cells without observation
    found_by: str = ""  # how the spec entry that maps it found it (FoundBy); "" if none did

    def __post_init__(self) -> None:
        _checked(self, "method", TableMethod)
        _checked(self, "status", TableStatus)
        _checked(self, "kind", TableKind)

    @property
    def n_rows(self) -> int:
        return len(self.cells)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.cells), default=0)


@dataclass
class Classification:
    indicator: str | None = None
    years: list[int] = field(default_factory=list)
    region_code: str = "00"
    region_name: str = "Hele landet"
    gender: str = "alle"
    group: str = "alle"
    age_group: str = "alle"
    education: str = "alle"
    category: str = "alle"
    # evidence: the rule that classified the figure and the words it matched ("what=begynte
    # i; who=flyktninger; when=2022"); for a figure left unclassified, the part it lacks
    rule: str = ""
    matched: str = ""
    missing: str = ""


@dataclass
class KeyFigure:
    page: int | None
    sentence: str
    expression: str
    value: float
    unit: str
    approximate: bool
    classification: Classification = field(default_factory=Classification)

    def __post_init__(self) -> None:
        _checked(self, "unit", Unit)


@dataclass
class Observation:
    indicator: str
    year: int
    region_code: str
    region_name: str
    gender: str
    group: str
    age_group: str
    education: str
    category: str
    value: float
    unit: Unit
    approximate: bool
    source_id: str
    page: int | None
    locator: str
    origin: Origin = Origin.TABLE
    table_id: str | None = None  # the table it was read from; None for a sentence

    def __post_init__(self) -> None:
        _checked(self, "unit", Unit)
        _checked(self, "origin", Origin)

    def key(self) -> tuple:
        return tuple(getattr(self, k) for k in KEY)


@dataclass
class Paragraph:
    """A paragraph of running text, as a reader (PDF or web page) gives it."""

    page: int | None  # None for a web page
    text: str
    kind: ParagraphKind
    marker: str | None = None  # footnote number or asterisks of a note
    anchors: list[tuple[int, str]] = field(default_factory=list)  # (offset, marker) in text
    top: float = 0.0
    x0: float = 0.0
    # the heading of the section or box it stands in, where the reader knows where sections
    # end (web pages); None: the last heading before it
    section: str | None = None

    def __post_init__(self) -> None:
        _checked(self, "kind", ParagraphKind)


@dataclass
class DocumentResult:
    source: Source
    tables: list[Table] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    datasets: dict[str, list[dict]] = field(default_factory=dict)  # family-specific datasets
    invalid: list[dict] = field(default_factory=list)  # failed checks of its tables (Failure dicts)
    problems: list[str] = field(
        default_factory=list
    )  # why it is partial: tables it lacks or failed

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> DocumentResult:
        tables = []
        for t in d["tables"]:
            t = dict(t)
            t["notes"] = [TableNote(**n) for n in t["notes"]]
            t["cell_boxes"] = [CellBox(**b) for b in t.get("cell_boxes", [])]
            t["unobserved"] = [CellIssue(**c) for c in t.get("unobserved", [])]
            if t.get("chart") is not None:
                c = dict(t["chart"])
                c["labels"] = [ChartLabel(**x) for x in c["labels"]]
                c["scales"] = [ChartScale(**x) for x in c["scales"]]
                t["chart"] = ChartReading(**c)
            tables.append(Table(**t))
        figures = []
        for k in d["key_figures"]:
            k = dict(k)
            k["classification"] = Classification(**k["classification"])
            figures.append(KeyFigure(**k))
        return cls(
            source=Source(**d["source"]),
            tables=tables,
            key_figures=figures,
            observations=[Observation(**o) for o in d["observations"]],
            datasets=d.get("datasets", {}),
            invalid=d.get("invalid", []),
            problems=d.get("problems", []),
        )


def field_names(cls) -> list[str]:
    return [f.name for f in fields(cls)]
