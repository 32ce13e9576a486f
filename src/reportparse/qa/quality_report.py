"""A static HTML quality report of a run: what a person checks before trusting the data.

For each document: its tables (the PNG crop of the source with the cells drawn, next
to the extracted cells, with the table's validation status), its key figures with
their sentences and pages; for the whole run: the validation failures, the conflicts
and one small chart per core indicator over the years. It is written to its own
folder (``report/`` beside ``extracted/``), not into the published datasets, and
opens in a browser from the file system.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from ..contract.vocabulary import rows as vocabulary_rows
from ..model import DocumentResult, SourceKind, SourceStatus, Table, pad_rows
from ..output.outdir import check_out
from ..output.swap import publish_folder
from ..run.limits import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT
from ..run.pipeline import RunResult, run

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


@dataclass
class TableView:
    table: Table
    anchor: str
    images: list[str] = field(default_factory=list)  # paths relative to the report
    failures: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[list[str]]:
        return pad_rows(self.table.cells)


@dataclass
class Chart:
    indicator: str
    label: str
    unit: str
    image: str | None  # relative path; None when the run has no values for it
    points: int


def build(
    raw: Path,
    out: Path,
    cache_dir: Path | None,
    progress=None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    notice: Callable[[str], None] = lambda line: None,
) -> RunResult:
    """Run the pipeline (cached, nothing published) and write the report into ``out``,
    swapped in as a whole (output/swap.py)."""
    result = run(raw, None, keep_going=True, cache_dir=cache_dir, progress=progress,
                 timeout=timeout, max_memory=max_memory, notice=notice, write=False)  # fmt: skip
    target = check_out(Path(out), raw)
    publish_folder(target, lambda folder: _write(result, raw, folder), notice=notice)
    return result


def _write(result: RunResult, raw: Path, folder: Path) -> None:
    failures = [f.describe(max_rows=10) for f in result.failures]
    documents = []
    for r in sorted(result.results, key=lambda r: r.source.source_id):
        documents.append({"result": r, "tables": _tables(r, raw, folder, result)})
    failed = [s for s in result.sources if s.status != SourceStatus.OK]
    env = Environment(
        loader=PackageLoader("reportparse.qa", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    html = env.get_template("report.html.j2").render(
        documents=documents,
        failed=failed,
        failures=failures,
        conflicts=result.frames["conflicts"].to_dict("records"),
        charts=_charts(result.frames["observations"], folder),
        n_observations=len(result.frames["observations"]),
    )
    (folder / "index.html").write_text(html, encoding="utf-8")


def _tables(r: DocumentResult, raw: Path, folder: Path, result: RunResult) -> list[TableView]:
    sid = r.source.source_id
    views = []
    for t in r.tables:
        names = (f"printed table tables/{sid}/{t.table_id}.csv", f"{sid}/{t.table_id} (tidy)")
        view = TableView(
            t,
            anchor=f"{sid}-{t.table_id}",
            failures=[f.describe(max_rows=10) for f in result.failures if f.dataset in names],
        )
        views.append(view)
    if r.source.kind == SourceKind.PDF and views:
        _draw(raw / r.source.file, views, folder, sid)
    return views


def _draw(pdf_path: Path, views: list[TableView], folder: Path, sid: str) -> None:
    import pdfplumber

    from .pictures import draw_table

    target = folder / "images" / sid
    target.mkdir(parents=True, exist_ok=True)
    with pdfplumber.open(pdf_path) as pdf:
        for view in views:
            for i, (page, im) in enumerate(draw_table(pdf, view.table, resolution=110)):
                name = view.table.table_id + ("" if i == 0 else f"-p{page}") + ".png"
                im.save(target / name, format="PNG")
                view.images.append(f"images/{sid}/{name}")


def _vocabulary() -> dict[str, dict]:
    return {row["id"]: row for row in vocabulary_rows("indicators.csv")}


def _charts(observations: pd.DataFrame, folder: Path) -> list[Chart]:
    """One line chart per core indicator: whole country, all groups; a line per category."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

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
        several = df["category"].nunique() > 1
        fig, ax = plt.subplots(figsize=(6.4 if several else 4.2, 2.4), dpi=100)
        for category, g in sorted(df.groupby("category"), key=lambda kv: kv[0] != "alle"):
            g = g.sort_values("year")
            ax.plot(g["year"], g["value"], marker="o", label=category)
            for x, y in zip(g["year"], g["value"], strict=True):
                ax.annotate(f"{y:g}", (x, y), textcoords="offset points", xytext=(0, 4),
                            ha="center", fontsize=7)  # fmt: skip
        years = sorted(df["year"].unique())
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_ylabel(meta["unit"], fontsize=8)
        ax.tick_params(labelsize=7)
        ax.margins(x=0.15, y=0.2)
        if several:
            ax.legend(fontsize=6, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        fig.tight_layout()
        fig.savefig(folder / "charts" / f"{ind}.png", metadata={"Software": None})
        plt.close(fig)
        charts.append(Chart(ind, meta["label"], meta["unit"], f"charts/{ind}.png", len(df)))
    return charts
