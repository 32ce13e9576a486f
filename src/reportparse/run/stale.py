"""A failure never removes published data: the rows of a document that fails now are kept
from the release it was published in.

Before a run publishes (with ``--keep-going``), the previous release in ``--out`` is read.
Each document of it whose file is still in ``raw/`` but fails now (unreadable, timed out,
too large, changed while read, or left out for failing validation) keeps its rows: its
tables, notes, key figures, family datasets and printed tables as published, and its
observations, merged again with everyone else's. Its row in ``sources.csv`` says
``stale``, why (the failure of now) and ``kept_from``: the sha256 of the
``datapackage.json`` of the release the rows come from (kept as it was while the document
stays stale). A document leaves the release only when its file leaves ``raw/``, or with
``--drop-failed``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..model import KEY, Observation, Origin, Source, SourceStatus
from ..output.publish import read_published

PACKAGE = "datapackage.json"
KEPT_FROM = ("ok", "partial", "stale")  # statuses of a previous row that hold published data
# datasets whose rows a stale document keeps as published (observations are merged again;
# sources are rewritten; conflicts are recomputed)
AS_PUBLISHED = ("tables", "table_notes", "key_figures")
# the columns the rows are kept by
NEEDED = {
    "sources": ("source_id", "file", "sha256", "kind", "status"),
    "observations": (*KEY, "value", "unit", "approximate", "source_id", "page", "locator"),
    "tables": ("source_id", "table_id"),
}


class PreviousUnreadable(Exception):
    """The previous release cannot be read; the message says why."""


@dataclass
class Previous:
    release: str  # sha256 of its datapackage.json
    frames: dict[str, pd.DataFrame]
    printed: dict[str, pd.DataFrame]


@dataclass
class Kept:
    """What stale documents keep: their sources rows, rows per dataset, observations,
    publication dates and printed tables."""

    sources: list[Source] = field(default_factory=list)
    rows: dict[str, pd.DataFrame] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    published: dict[str, str] = field(default_factory=dict)
    printed: dict[str, list[list[str]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.sources)


def previous_release(out: Path | None) -> Previous | None:
    """The release published in ``out``; None where there is none (no datapackage.json)."""
    if out is None or not (Path(out) / PACKAGE).is_file():
        return None
    folder = Path(out)
    try:
        data = (folder / PACKAGE).read_bytes()
        _inside(folder, json.loads(data))
        frames, printed = read_published(folder)
    except PreviousUnreadable:
        raise
    except Exception as exc:  # any damage to a folder a user may have edited
        raise PreviousUnreadable(f"{type(exc).__name__}: {exc}") from None
    for name, columns in NEEDED.items():
        if name == "sources" and name not in frames:
            raise PreviousUnreadable("it has no sources.csv")
        missing = [c for c in columns if name in frames and c not in frames[name].columns]
        if missing:
            raise PreviousUnreadable(f"its {name} has no column {missing[0]}")
    return Previous(hashlib.sha256(data).hexdigest(), frames, printed)


def _inside(folder: Path, package) -> None:
    """PreviousUnreadable unless every resource of ``package`` is a relative path to a file
    inside ``folder`` (no link or ``..`` out of it): nothing outside the folder is read."""
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise PreviousUnreadable("its datapackage.json lists no resources")
    real = os.path.realpath(folder)
    for res in package["resources"]:
        path = res.get("path") if isinstance(res, dict) else None
        if not isinstance(path, str) or os.path.isabs(path):
            raise PreviousUnreadable(f"a resource path is not a relative path: {path!r}")
        target = os.path.realpath(os.path.join(folder, path))
        if os.path.commonpath([real, target]) != real:
            raise PreviousUnreadable(f"the resource path {path!r} leaves the folder")


def keep(previous: Previous | None, failing: dict[str, str], datasets: list[str]) -> Kept:
    """The rows of ``previous`` of each document in ``failing`` (file name as published ->
    why it fails now) that holds published data there. ``datasets``: the family datasets
    (keyed by source_id) to keep rows of, with those of AS_PUBLISHED."""
    if previous is None or not failing:
        return Kept()
    try:
        return _keep(previous, failing, datasets)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:  # rows of the wrong type
        raise PreviousUnreadable(f"its rows cannot be kept ({type(exc).__name__}: {exc})") from None


def _keep(previous: Previous, failing: dict[str, str], datasets: list[str]) -> Kept:
    kept = Kept()
    sources = previous.frames["sources"]
    rows = sources[sources["file"].isin(list(failing)) & sources["status"].isin(KEPT_FROM)]
    ids = set(rows["source_id"])
    for r in rows.to_dict("records"):
        kept.sources.append(_stale(r, failing[r["file"]], previous.release))
        kept.published[r["source_id"]] = _text(r.get("published"))
    for name in [*AS_PUBLISHED, *datasets]:
        df = previous.frames.get(name)
        if df is not None and "source_id" in df.columns:
            kept.rows[name] = df[df["source_id"].isin(ids)].reset_index(drop=True)
    tables = previous.frames.get("tables", pd.DataFrame(columns=["source_id", "table_id"]))
    table_ids = set(zip(tables["source_id"], tables["table_id"], strict=True))
    obs = previous.frames.get("observations")
    if obs is not None:
        for r in obs[obs["source_id"].isin(ids)].to_dict("records"):
            kept.observations.append(_observation(r, table_ids))
    for path, df in previous.printed.items():
        parts = path.split("/")
        if len(parts) == 3 and parts[1] in ids:
            kept.printed[path] = df.fillna("").astype(str).values.tolist()
    return kept


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _stale(row: dict, why: str, release: str) -> Source:
    """The sources row of a document that fails now, its rows kept from ``release`` (or
    from the release an earlier stale row names)."""
    since = _text(row.get("kept_from")) if row["status"] == "stale" else ""
    year, pages = row.get("year"), row.get("pages")
    return Source(
        source_id=row["source_id"],
        file=row["file"],
        sha256=row["sha256"],  # of the bytes the kept rows were read from
        kind=row["kind"],
        family=_text(row.get("family")),
        year=None if year is None or pd.isna(year) else int(year),
        title=_text(row.get("title")),
        published=_text(row.get("published")),
        pages=None if pages is None or pd.isna(pages) else int(pages),
        parser=_text(row.get("parser")),
        status=SourceStatus.STALE,
        message=f"failed now ({why}); its rows are kept from the previous release",
        kept_from=since or release,
    )


def _observation(row: dict, table_ids: set) -> Observation:
    locator = _text(row["locator"])
    origin = Origin.TABLE if (row["source_id"], locator.split(" ")[0]) in table_ids else Origin.TEXT
    page = row.get("page")
    return Observation(
        indicator=row["indicator"],
        year=int(row["year"]),
        region_code=row["region_code"],
        region_name=row["region_name"],
        gender=row["gender"],
        group=row["group"],
        age_group=row["age_group"],
        education=row["education"],
        category=row["category"],
        value=float(row["value"]),
        unit=row["unit"],
        approximate=bool(row["approximate"]),
        source_id=row["source_id"],
        page=None if page is None or pd.isna(page) else int(page),
        locator=locator,
        origin=origin,
    )
