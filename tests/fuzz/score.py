"""A fuzzer PDF read the way ``make extract`` reads it (family, year, spec, tables, charts,
key figures) and the way ``reportparse tables`` reads it (every table, no family or spec),
scored against its truth with the project's measure (``scripts/bench.py``: cell accuracy
over the best offset, missed and spurious cells both counting).

A truth table is matched to the engine's table mapped by the same spec entry, else to the
one with its id, else to the engine's best of the same kind (``matched_by`` says which). A
key figure is right when a truth figure has its value, unit and approximateness (each truth
figure matched once); every other key figure (page furniture, a table of contents, an axis
tick) is a false positive.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from bench import _grid, score

from reportparse.model import DocumentError, Source, SourceStatus, TableKind


@dataclass
class TableScore:
    table_id: str  # the truth's
    kind: str  # "table" or "figure"
    accuracy: float
    matched_by: str  # "spec", "id", "best" or "none"
    found_id: str = ""
    status: str = ""  # the engine's table status


@dataclass
class Scored:
    seed: int
    producer: str
    identified: bool  # family, year and source_id as the truth says
    status: str  # the document's status in ``extract`` (ok, partial, failed)
    message: str
    tables: list[TableScore] = field(default_factory=list)  # as ``extract`` reads
    plain: list[TableScore] = field(default_factory=list)  # as ``reportparse tables`` reads
    key_found: int = 0
    key_right: int = 0
    key_truth: int = 0
    false_positives: list[str] = field(default_factory=list)  # "value unit: sentence"

    def describe(self) -> str:
        """What is wrong, for an assertion's message: the document's status, each table or
        chart not read cell for cell, each key figure that is no statement of the text."""
        lines = [
            f"seed {self.seed} by {self.producer}: {self.status}"
            + (f" ({self.message})" if self.message else "")
        ]
        if not self.identified:
            lines.append("  family, year or source_id not as the truth says")
        for t in self.tables:
            if t.accuracy < 1.0:
                lines.append(
                    f"  {t.table_id}: {t.accuracy:.1%} of its cells (matched by "
                    f"{t.matched_by} to {t.found_id or 'nothing'}, {t.status or '–'})"
                )
        lines += [f"  false key figure {fp}" for fp in self.false_positives]
        if self.key_right < self.key_truth:
            lines.append(
                f"  {self.key_truth - self.key_right} of {self.key_truth} key figures "
                "of the text not found"
            )
        return "\n".join(lines)


def load_truth(folder: Path) -> dict:
    def grid(tid: str) -> list[list[str]]:
        with open(folder / f"{tid}.csv", encoding="utf-8", newline="") as f:
            return _grid(csv.reader(f))

    data = {n: json.loads((folder / f"{n}.json").read_text(encoding="utf-8"))
            for n in ("tables", "images", "key_figures", "document")}  # fmt: skip
    data["grids"] = {m["table_id"]: grid(m["table_id"]) for m in data["tables"]}
    data["grids"] |= {m["image_id"]: grid(m["image_id"]) for m in data["images"]}
    return data


class _Given:
    """A cache that holds the one value already read (so that ``inspection.read`` reads the
    tables of a failed PDF as ``inspect`` does, without reading the PDF twice for the rest)."""

    def __init__(self, value):
        self.value = value

    def get(self, sha256: str):
        return self.value

    def put(self, sha256: str, value) -> None:
        pass


def _key(value: float, unit: str, approximate: bool) -> tuple:
    return (round(float(value), 3), str(unit), bool(approximate))


def _named(meta: dict, kind: str, tables) -> tuple[str, object] | None:
    """The engine's table its spec entry maps, else the one with its id."""
    tid = meta.get("table_id") or meta.get("image_id")
    same_kind = [t for t in tables if str(t.kind) == kind]
    spec = meta.get("spec")
    for how, pick in (
        ("spec", [t for t in same_kind if spec and t.spec == spec]),
        ("id", [t for t in same_kind if t.table_id == tid]),
    ):
        if pick:
            return how, pick[0]
    return None


def match(metas: list[tuple[dict, str, list[list[str]]]], tables) -> list[TableScore]:
    """Each truth table (meta, kind, grid) scored against the engine's table its spec entry
    maps, else the one with its id, else the best of the same kind no other truth table
    took."""
    found = [_named(meta, kind, tables) for meta, kind, _ in metas]
    taken = {id(f[1]) for f in found if f is not None}
    out = []
    for (meta, kind, grid), named in zip(metas, found, strict=True):
        tid = meta.get("table_id") or meta.get("image_id")
        if named is None:
            free = [t for t in tables if str(t.kind) == kind and id(t) not in taken]
            best = max(free, key=lambda t: score(grid, _grid(t.cells)), default=None)
            if best is None:
                out.append(TableScore(tid, kind, 0.0, "none"))
                continue
            taken.add(id(best))
            named = ("best", best)
        how, t = named
        out.append(TableScore(tid, kind, score(grid, _grid(t.cells)), how, t.table_id, t.status))
    return out


def score_pdf(pdf: Path, truth_dir: Path, seed: int, producer: str) -> Scored:
    """Read ``pdf`` as ``extract`` and as ``tables`` do and score it against ``truth_dir``."""
    from reportparse.qa.inspection import read
    from reportparse.readers.document import read_tables
    from reportparse.run.pipeline import read_or_fail

    truth = load_truth(truth_dir)
    doc = truth["document"]
    value = read_or_fail(pdf)  # a DocumentResult, or the Source of a failed document
    src = value if isinstance(value, Source) else value.source
    figures = [] if isinstance(value, Source) else value.key_figures
    identified = (src.family, src.year, src.source_id) == (
        doc["family"],
        doc["year"],
        doc["source_id"],
    )
    out = Scored(seed, producer, identified, str(src.status), src.message)
    try:
        tables = read(pdf, _Given(value)).tables  # type: ignore[arg-type]
    except DocumentError as exc:  # a PDF the engine cannot open at all: every table missed
        tables = []
        out.message = out.message or str(exc)
    metas = [(m, TableKind.TABLE, truth["grids"][m["table_id"]]) for m in truth["tables"]]
    metas += [(m, TableKind.FIGURE, truth["grids"][m["image_id"]]) for m in truth["images"]]
    out.tables = match(metas, tables)
    plain = read_tables(pdf.read_bytes())
    for meta in truth["tables"]:
        grid = truth["grids"][meta["table_id"]]
        best = max((score(grid, _grid(t.cells)) for t in plain), default=0.0)
        out.plain.append(TableScore(meta["table_id"], "table", best, "best"))
    out.key_truth = len(truth["key_figures"])
    out.key_found = len(figures)
    out.key_right, out.false_positives = key_figures(truth["key_figures"], figures)
    return out


def key_figures(truth: list[dict], found) -> tuple[int, list[str]]:
    """How many of the engine's key figures ``found`` the text printed (each truth figure
    matched once), and the others as "'expression' (value unit): sentence"."""
    want = Counter(_key(k["value"], k["unit"], k["approximate"]) for k in truth)
    right, false = 0, []
    for k in found:
        key = _key(k.value, k.unit, k.approximate)
        if want[key] > 0:
            want[key] -= 1
            right += 1
        else:
            false.append(f"{k.expression!r} ({k.value:g} {k.unit}): {k.sentence}")
    return right, false


def is_whole(s: Scored) -> bool:
    """Read whole: identified, published as ok, every table and chart cell for cell."""
    return s.identified and s.status == SourceStatus.OK and all(t.accuracy == 1.0 for t in s.tables)
