"""A static HTML quality report of a run: what a person checks before trusting the data.

``index.html`` is the summary: the tables to check first (failing, incomplete, unmapped),
every document with a link to its own page, the validation failures, a chart of each core
indicator over the years and the conflicts, each value seen once with its sources. Each
document has a page of its own (``<source_id>.html``): its tables, those to check first,
each as the picture of the source next to the cells read, and its key figures with their
sentences. Numbers are written as printed (2757, 45 %, 20.06.2025). The report is written
to its own folder (``report/`` beside ``extracted/``), not into the published datasets,
and opens in a browser from the file system.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from ..contract.vocabulary import rows as vocabulary_rows
from ..model import KEY, DocumentResult, Observation, SourceKind, Table, TableStatus, pad_rows
from ..output.lock import DEFAULT_LOCK_WAIT
from ..output.merge import ranked
from ..output.outdir import check_out
from ..output.swap import publish_folder
from ..run.inputs import read_document_bytes
from ..run.limits import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT
from ..run.pipeline import RunResult, run
from ..run.workers import run_each
from .charts import draw
from .values import number, printed

# the core indicators of the data contract, charted over the years
CORE_INDICATORS = (
    "participants",
    "starters",
    "finishers",
    "share_work_or_education",
    "share_work",
    "share_education",
    "share_in_measure",
)
ALL = {"region_code": "00", "gender": "alle", "group": "alle", "age_group": "alle",
       "education": "alle"}  # fmt: skip
# what a table needs from the person checking it, most urgent first
ATTENTION = ("failing", "incomplete", "unmapped", "ok")
Picture = tuple[str, str, bytes]  # a table's picture: table_id, file name, PNG


@dataclass
class TableView:
    table: Table
    source_id: str
    anchor: str
    state: str = "ok"  # one of ATTENTION
    reason: str = ""
    images: list[str] = field(default_factory=list)  # paths relative to the report
    failures: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[list[str]]:
        return pad_rows(self.table.cells)

    @property
    def link(self) -> str:
        return f"{self.source_id}.html#{self.anchor}"


@dataclass
class Chart:
    indicator: str
    label: str
    unit: str
    image: str | None  # relative path; None when the run has no values for it
    points: int


@dataclass
class SeenValue:
    """One value of a conflict, as printed, with every place it was read."""

    text: str
    kept: bool
    sources: list[str]


@dataclass
class ConflictView:
    key: dict
    values: list[SeenValue]
    reason: str


def build(
    raw: Path,
    out: Path,
    cache_dir: Path | None,
    progress=None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    notice: Callable[[str], None] = lambda line: None,
    lock_wait: float = DEFAULT_LOCK_WAIT,
) -> RunResult:
    """Run the pipeline (cached, nothing published) and write the report into ``out``,
    swapped in as a whole (output/swap.py)."""
    result = run(raw, None, keep_going=True, cache_dir=cache_dir, progress=progress,
                 timeout=timeout, max_memory=max_memory, notice=notice, write=False)  # fmt: skip
    pictures = _pictures(result, raw, timeout, max_memory, notice)
    target = check_out(Path(out), raw)
    publish_folder(
        target, lambda folder: _write(result, pictures, folder), notice=notice, lock_wait=lock_wait
    )
    return result


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reportparse.qa", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["printed"] = printed
    return env


def _write(result: RunResult, pictures: dict[str, list[Picture]], folder: Path) -> None:
    env = _environment()
    documents = []
    for r in sorted(result.read, key=lambda r: r.source.source_id):  # left out ones too
        tables = _tables(r, pictures.get(r.source.source_id, []), folder, result)
        documents.append({"source": r.source, "result": r, "tables": tables})
        html = env.get_template("document.html.j2").render(
            source=r.source, result=r, tables=_by_attention(tables)
        )
        (folder / f"{r.source.source_id}.html").write_text(html, encoding="utf-8")
    failed = [s for s in result.sources if s.status != "ok"]
    read = {id(r.source) for r in result.read}
    for s in (s for s in failed if id(s) not in read):
        html = env.get_template("document.html.j2").render(source=s, result=None, tables=[])
        (folder / f"{s.source_id}.html").write_text(html, encoding="utf-8")
    to_check = _by_attention([v for d in documents for v in d["tables"] if v.state != "ok"])
    html = env.get_template("index.html.j2").render(
        documents=documents,
        failed=failed,
        to_check=to_check,
        failures=[f.describe(max_rows=10) for f in result.failures],
        conflicts=_conflicts(result),
        charts=_charts(result.frames["observations"], folder),
        n_observations=len(result.frames["observations"]),
    )
    (folder / "index.html").write_text(html, encoding="utf-8")


def _by_attention(views: list[TableView]) -> list[TableView]:
    return sorted(views, key=lambda v: ATTENTION.index(v.state))  # stable: document order


def _used_tables(r: DocumentResult) -> set[str]:
    """The tables some published row comes from (an observation, a programme rule)."""
    locators = [o.locator for o in r.observations]
    locators += [row["locator"] for rows in r.datasets.values() for row in rows]
    return {loc.split(" ")[0] for loc in locators}


def _attention(t: Table, failures: list[str], used: set[str]) -> tuple[str, str]:
    if t.status == TableStatus.FAILED:
        return "failing", t.reason or "the table could not be read"
    if failures:
        return "failing", f"{len(failures)} failing check(s)"
    if t.status == TableStatus.INCOMPLETE:
        return "incomplete", f"{t.reason}; nothing published from it"
    if t.status == TableStatus.IMAGE_ONLY:
        return "incomplete", "printed as a picture: no cells read, nothing published from it"
    if t.status == TableStatus.UNMAPPED:
        return "unmapped", t.reason
    if t.table_id not in used:
        return "unmapped", "cells read, but no observation or rule comes from it"
    return "ok", "read, valid and mapped" + (f" by the spec entry {t.spec}" if t.spec else "")


def _tables(
    r: DocumentResult, pictures: list[Picture], folder: Path, result: RunResult
) -> list[TableView]:
    sid = r.source.source_id
    used = _used_tables(r)
    views = []
    for t in r.tables:
        names = (f"printed table tables/{sid}/{t.table_id}.csv", f"{sid}/{t.table_id} (tidy)")
        failures = [f.describe(max_rows=10) for f in result.failures if f.dataset in names]
        state, reason = _attention(t, failures, used)
        views.append(TableView(t, sid, f"{sid}-{t.table_id}", state, reason, failures=failures))
    by_id = {v.table.table_id: v for v in views}
    for table_id, name, png in pictures:
        (folder / "images" / sid).mkdir(parents=True, exist_ok=True)
        (folder / "images" / sid / name).write_bytes(png)
        by_id[table_id].images.append(f"images/{sid}/{name}")
    return views


def _pictures(
    result: RunResult, raw: Path, timeout: float | None, max_memory: int | None, notice
) -> dict[str, list[Picture]]:
    """The PNG pictures of each PDF's tables by source_id, drawn in a bounded worker per
    document (as documents are read: run/workers.py); a document whose pictures cannot be
    drawn within the bounds gets none, with a notice."""
    docs = {
        result.paths[r.source.file]: r
        for r in result.read
        if r.source.kind == SourceKind.PDF and r.tables
    }

    def draw(path: Path) -> list[Picture]:
        return _draw(read_document_bytes(path, raw), docs[path].tables)

    out = {}
    for done in run_each(draw, list(docs), jobs=1, timeout=timeout, max_memory=max_memory):
        sid = docs[done.path].source.source_id
        if done.error:
            notice(f"no pictures of the tables of {sid}: {done.error}")
        else:
            out[sid] = done.value
    return out


def _draw(data: bytes, tables: list[Table]) -> list[Picture]:
    """``(table_id, file name, PNG bytes)`` of each picture of ``tables`` in the PDF ``data``."""
    import pdfplumber

    from .pictures import draw_table

    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for t in tables:
            for i, (page, im) in enumerate(draw_table(pdf, t, resolution=110)):
                png = io.BytesIO()
                im.save(png, format="PNG")
                out.append((t.table_id, t.table_id + ("" if i == 0 else f"-p{page}") + ".png",
                            png.getvalue()))  # fmt: skip
    return out


def _where(o: Observation) -> str:
    page = f" p. {o.page}" if o.page is not None else ""
    return f"{o.source_id}{page} [{o.locator}]"


def _conflicts(result: RunResult) -> list[ConflictView]:
    """Each conflict with every distinct value once, as printed, and the places it was read,
    in the order of the merge rule (the kept value first)."""
    published = {r.source.source_id: r.source.published for r in result.results}
    groups = ranked([o for r in result.results for o in r.observations], published)
    views = []
    # conflicts has a row per value and place: each key once, with its reason
    for row in result.frames["conflicts"].drop_duplicates(list(KEY)).to_dict("records"):
        key = tuple(int(row[k]) if k == "year" else row[k] for k in KEY)
        seen: dict[tuple, SeenValue] = {}
        for i, o in enumerate(groups[key]):
            text = printed(o.value, o.unit) + (" (approximate)" if o.approximate else "")
            value = seen.setdefault((number(o.value), o.approximate), SeenValue(text, i == 0, []))
            if _where(o) not in value.sources:
                value.sources.append(_where(o))
        views.append(ConflictView(dict(zip(KEY, key, strict=True)), list(seen.values()),
                                  row["reason"]))  # fmt: skip
    return views


def _vocabulary() -> dict[str, dict]:
    return {row["id"]: row for row in vocabulary_rows("indicators.csv")}


def _charts(observations: pd.DataFrame, folder: Path) -> list[Chart]:
    """One line chart per core indicator: whole country, all groups; a line per category."""
    vocab = _vocabulary()
    charts = []
    (folder / "charts").mkdir(exist_ok=True)
    for ind in CORE_INDICATORS:
        meta = vocab.get(ind, {"label": ind, "unit": ""})
        df = observations[observations["indicator"] == ind]
        for col, value in ALL.items():
            df = df[df[col] == value]
        if df.empty:
            charts.append(Chart(ind, meta["label"], meta["unit"], None, 0))
            continue
        draw(df, str(df["unit"].iloc[0]), folder / "charts" / f"{ind}.png")
        charts.append(Chart(ind, meta["label"], meta["unit"], f"charts/{ind}.png", len(df)))
    return charts
