"""Write the published folder: CSV, Parquet and a Frictionless datapackage.json.

Deterministic (sorted rows, fixed columns, no timestamps) and atomic: files are
written into a new sibling folder that is swapped in only when everything is written
(swap.py), and only into a folder that may be replaced (outdir.py).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from .. import __version__
from ..model import SourceStatus
from .datasets import DATASETS, PARQUET, PRIMARY_KEYS
from .outdir import PACKAGE_NAME, check_out
from .swap import publish_folder
from .validation import schema

CONTRACT_VERSION = "1.0.0"
FIELD_TYPES = {
    "str": "string", "string": "string", "int64": "integer", "Int64": "integer",
    "float64": "number", "bool": "boolean",
}  # fmt: skip


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_csv(path: Path, rows: list[list], header: list[str] | None) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if header is not None:
            w.writerow(header)
        for row in rows:
            w.writerow([_cell(v) for v in row])


def write_frame_csv(path: Path, df: pd.DataFrame) -> None:
    rows = [list(r) for r in df.astype(object).itertuples(index=False, name=None)]
    write_csv(path, rows, list(df.columns))


def write_parquet(path: Path, df: pd.DataFrame) -> None:
    table = pa_arrow.Table.from_pandas(df, preserve_index=False)
    table = table.replace_schema_metadata(None)  # no pandas metadata: stable bytes
    pq.write_table(table, path, compression="zstd", write_statistics=True)


def _fields(dataset: str) -> list[dict]:
    s = schema(dataset)
    out = []
    for name, col in s.columns.items():
        dtype = str(col.dtype)
        ftype = FIELD_TYPES.get(dtype, "string" if "str" in dtype else "any")
        field = {"name": name, "type": ftype, "description": col.description or ""}
        if not col.nullable:
            field["constraints"] = {"required": True}
        out.append(field)
    return out


def datapackage(frames: dict[str, pd.DataFrame], printed: dict[str, list[list[str]]],
                sources: pd.DataFrame) -> dict:  # fmt: skip
    resources = []
    for name in DATASETS:
        formats = ["csv", "parquet"] if name in PARQUET else ["csv"]
        for fmt in formats:
            res = {
                "name": name if fmt == "csv" else f"{name}-parquet",
                "path": f"{name}.{fmt}",
                "format": fmt,
                "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
                "description": schema(name).description or "",
                "schema": {"fields": _fields(name)},
            }
            if fmt == "csv":
                res["encoding"] = "utf-8"
            if name in PRIMARY_KEYS:
                res["schema"]["primaryKey"] = PRIMARY_KEYS[name]
            resources.append(res)
    for path, cells in sorted(printed.items()):
        width = max((len(r) for r in cells), default=0)
        resources.append(
            {
                "name": "table-" + path[len("tables/") : -len(".csv")].replace("/", "-"),
                "path": path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": "A table as printed: header rows first, then body rows; "
                "every cell as text, footnote markers removed.",
                "dialect": {"header": False},
                "schema": {
                    "fields": [
                        {"name": f"c{i}", "type": "string", "description": f"Printed column {i}"}
                        for i in range(width)
                    ]
                },
            }
        )
    doc_sources = [
        {"title": r.title or r.file, "path": f"raw/{r.file}", "sha256": r.sha256}
        for r in sources.itertuples()
        if r.status != SourceStatus.FAILED
    ]
    return {
        "profile": "data-package",
        "name": PACKAGE_NAME,
        "title": "IMDi: statistikk om introduksjonsprogrammet for flyktninger",
        "description": "Tables, key figures and tidy observations extracted from IMDi's reports "
        "and press releases on the introduction programme, by reportparse.",
        "contract_version": CONTRACT_VERSION,
        "version": __version__,
        "licenses": [{"name": "NLOD-2.0", "title": "Norsk lisens for offentlige data 2.0"}],
        "sources": doc_sources,
        "resources": resources,
    }


def publish(
    out: Path,
    frames: dict[str, pd.DataFrame],
    printed: dict[str, list[list[str]]],
    *,
    raw: Path | None = None,
    notice: Callable[[str], None] = lambda line: None,
) -> None:
    """Write everything into a new folder beside ``out``, then swap it in (swap.py): only
    where ``out`` may be published into (outdir.py; OutError, PublishError otherwise)."""

    def write(tmp: Path) -> None:
        for name in DATASETS:
            write_frame_csv(tmp / f"{name}.csv", frames[name])
            if name in PARQUET:
                write_parquet(tmp / f"{name}.parquet", frames[name])
        for path, cells in printed.items():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_csv(target, cells, None)
        package = datapackage(frames, printed, frames["sources"])
        (tmp / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    publish_folder(check_out(Path(out), raw), write, notice=notice)


def read_published(folder: Path) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """The datasets and printed tables of a published folder, typed by its datapackage.json."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    frames: dict[str, pd.DataFrame] = {}
    printed: dict[str, pd.DataFrame] = {}
    for res in package["resources"]:
        path = folder / res["path"]
        if res["format"] != "csv":
            continue
        header = res.get("dialect", {}).get("header", True)
        df = pd.read_csv(
            path, dtype=str, keep_default_na=False, header=0 if header else None, encoding="utf-8"
        )
        if not header:
            printed[res["path"]] = df
            continue
        for field in res["schema"]["fields"]:
            name, ftype = field["name"], field["type"]
            if name not in df:
                continue
            col = df[name]
            if ftype == "integer":
                df[name] = pd.array([int(v) if v != "" else pd.NA for v in col], dtype="Int64")
            elif ftype == "number":
                df[name] = [float(v) if v != "" else float("nan") for v in col]
            elif ftype == "boolean":
                df[name] = [v == "true" for v in col]
            else:
                df[name] = [v if v != "" else None for v in col]
        frames[res["name"]] = df
    return frames, printed
