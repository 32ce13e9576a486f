"""What a document yields: its source record, tables, key figures and observations.

Every record keeps its provenance (document, page, table cell or sentence).
The classes convert to and from plain dicts so that a document's extraction
can be cached as JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

DIMENSIONS = ("region_code", "gender", "group", "age_group", "education", "category")
KEY = ("indicator", "year", *DIMENSIONS)


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
    status: str = "ok"
    message: str = ""


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
class Table:
    table_id: str
    caption: str | None
    pages: list[int]
    method: str
    status: str  # extracted, image_only, failed
    cells: list[list[str]] = field(default_factory=list)
    header_rows: int = 0
    notes: list[TableNote] = field(default_factory=list)
    bbox: list[float] | None = None  # x0, top, x1, bottom on the first page
    spec: str | None = None  # the spec entry that maps it to observations
    cell_boxes: list[CellBox] = field(default_factory=list)  # drawn by `reportparse inspect`
    source_text: str | None = None  # where there is no page to draw: the text it came from

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


@dataclass
class KeyFigure:
    page: int | None
    sentence: str
    expression: str
    value: float
    unit: str
    approximate: bool
    classification: Classification = field(default_factory=Classification)


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
    unit: str
    approximate: bool
    source_id: str
    page: int | None
    locator: str
    origin: str = "table"  # table or text: a printed table beats a sentence of the same document

    def key(self) -> tuple:
        return tuple(getattr(self, k) for k in KEY)


@dataclass
class DocumentResult:
    source: Source
    tables: list[Table] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    datasets: dict[str, list[dict]] = field(default_factory=dict)  # family-specific datasets
    invalid: list[dict] = field(default_factory=list)  # failed checks of its tables (Failure dicts)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> DocumentResult:
        tables = []
        for t in d["tables"]:
            t = dict(t)
            t["notes"] = [TableNote(**n) for n in t["notes"]]
            t["cell_boxes"] = [CellBox(**b) for b in t.get("cell_boxes", [])]
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
        )


def field_names(cls) -> list[str]:
    return [f.name for f in fields(cls)]
