"""Write the published folder: CSV, Parquet and a Frictionless datapackage.json.

Deterministic (sorted rows, fixed columns, no timestamps) and atomic: files are
written into a new sibling folder that is swapped in only when everything is written
(swap.py), and only into a folder that may be replaced (outdir.py).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from .. import __version__
from ..model import SourceStatus
from ..published import arrow_type, from_text, required, table_schema_type, typed
from .datasets import DATASETS, FOREIGN_KEYS, PARQUET, PRIMARY_KEYS, VOCABULARIES
from .lock import DEFAULT_LOCK_WAIT
from .outdir import PACKAGE_NAME, check_out
from .swap import publish_folder
from .validation import schema
from .vocabularies import vocabulary_frames

# 2.0.0: conflicts in long form (one row per value seen at each place); see CHANGELOG.md
CONTRACT_VERSION = "2.0.0"
PUBLISHED = [*DATASETS, *VOCABULARIES]  # the datasets of the folder, in datapackage.json order
WRITER_VERSIONS = ("pandas_version", "creator")  # keys of the pandas metadata no reader uses
PROFILE = "tabular-data-package"  # Data Package v1 with its tabular profile: see datapackage()


def _cell(value) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and pd.isna(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)  # a date as ISO 8601


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


def write_parquet(path: Path, df: pd.DataFrame, fields: list[dict]) -> None:
    """``df`` (in the published types) as Parquet: each column in the Arrow type of its field,
    not null where the field is required, and the pandas metadata that tells pandas the
    nullable dtypes (Int64, boolean, string). The bytes depend on the data and pyarrow's
    Parquet writer only: no timestamps, and the pandas metadata without the versions of the
    libraries that wrote it (``pandas_version``, ``creator``), which no reader uses, so that a
    new pandas release does not change a release's bytes."""
    arrow_schema = pa_arrow.schema(
        [pa_arrow.field(f["name"], arrow_type(f), nullable=not required(f)) for f in fields]
    )
    table = pa_arrow.Table.from_pandas(df, schema=arrow_schema, preserve_index=False)
    pandas_meta = json.loads(table.schema.metadata[b"pandas"])
    for key in WRITER_VERSIONS:
        pandas_meta.pop(key, None)
    table = table.replace_schema_metadata({b"pandas": json.dumps(pandas_meta).encode()})
    pq.write_table(table, path, compression="zstd", write_statistics=True)


def _constraints(col) -> dict:
    """The Table Schema constraints of a pandera column: required, unique, enum, pattern,
    minimum and maximum."""
    out = {}
    if not col.nullable:
        out["required"] = True
    if col.unique:
        out["unique"] = True
    string = table_schema_type(str(col.dtype)) == "string"
    for check in col.checks:
        stats = check.statistics
        if check.name == "isin":
            out["enum"] = list(stats["allowed_values"])
        elif check.name == "str_matches" and string:
            out["pattern"] = stats["pattern"]
        elif check.name == "in_range":
            out.update(minimum=stats["min_value"], maximum=stats["max_value"])
        elif check.name == "greater_than_or_equal_to":
            out["minimum"] = stats["min_value"]
    return out


def fields(dataset: str) -> list[dict]:
    """The Table Schema fields of a dataset, from its pandera schema."""
    out = []
    for name, col in schema(dataset).columns.items():
        field = {
            "name": name,
            "type": table_schema_type(str(col.dtype)),
            "description": col.description or "",
        }
        if constraints := _constraints(col):
            field["constraints"] = constraints
        out.append(field)
    return out


def _file_facts(path: Path) -> dict:
    """``bytes`` and ``hash`` of a resource's file. A Parquet file gets its hash only:
    Frictionless 5 reads Parquet through pyarrow, counts none of its bytes and so fails a
    declared ``bytes`` (its hash check passes over what it could not measure)."""
    data = path.read_bytes()
    facts = {"bytes": len(data)} if path.suffix != ".parquet" else {}
    return {**facts, "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def _table_schema(name: str) -> dict:
    out = {"fields": fields(name)}
    if name in PRIMARY_KEYS:
        out["primaryKey"] = PRIMARY_KEYS[name]
    links = [
        {"fields": own, "reference": {"resource": other, "fields": theirs}}
        for own, other, theirs in FOREIGN_KEYS.get(name, [])
    ]
    if links:
        out["foreignKeys"] = links
    return out


def datapackage(folder: Path, printed: dict[str, list[list[str]]], sources: pd.DataFrame) -> dict:
    """The descriptor of the files written into ``folder``.

    Data Package v1 with the tabular profile, because Frictionless 5 checks it against the
    profile it ships (v2's ``$schema`` is a URL that a validator would fetch) and checks
    each resource's primary and foreign keys, ``bytes`` and ``hash``."""
    resources = []
    for name in PUBLISHED:
        formats = ["csv", "parquet"] if name in PARQUET else ["csv"]
        for fmt in formats:
            path = f"{name}.{fmt}"
            res = {
                "profile": "tabular-data-resource",
                "name": name if fmt == "csv" else f"{name}-parquet",
                "path": path,
                "format": fmt,
                "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
                **({"encoding": "utf-8"} if fmt == "csv" else {}),
                **_file_facts(folder / path),
                "description": schema(name).description or "",
                "schema": _table_schema(name),
            }
            resources.append(res)
    for path, cells in sorted(printed.items()):
        width = max((len(r) for r in cells), default=0)
        resources.append(
            {
                "profile": "tabular-data-resource",
                "name": "table-" + path[len("tables/") : -len(".csv")].replace("/", "-"),
                "path": path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **_file_facts(folder / path),
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
        {"title": r.title or r.file, "file": r.file, "sha256": r.sha256}
        for r in sources.itertuples()
        if r.status != SourceStatus.FAILED
    ]
    return {
        "profile": PROFILE,
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
    lock_wait: float = DEFAULT_LOCK_WAIT,
    published: Callable[[Path], None] = lambda folder: None,
) -> None:
    """Write everything into a new folder beside ``out``, then swap it in (swap.py): only
    where ``out`` may be published into (outdir.py; OutError, PublishError otherwise).
    ``published(out)`` is called under the publishing lock, once the new output is in."""

    frames = {**vocabulary_frames(), **frames}

    def write(tmp: Path) -> None:
        for name in PUBLISHED:
            columns = fields(name)
            df = typed(frames[name], columns)
            write_frame_csv(tmp / f"{name}.csv", df)
            if name in PARQUET:
                write_parquet(tmp / f"{name}.parquet", df, columns)
        for path, cells in printed.items():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_csv(target, cells, None)
        package = datapackage(tmp, printed, frames["sources"])
        (tmp / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    target = check_out(Path(out), raw)
    publish_folder(target, write, notice=notice, lock_wait=lock_wait, published=published)


def read_published(folder: Path) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """The datasets and printed tables of a published folder, from its CSV files, typed by its
    datapackage.json."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    frames: dict[str, pd.DataFrame] = {}
    printed: dict[str, pd.DataFrame] = {}
    for res in package["resources"]:
        if res["format"] != "csv":
            continue
        header = res.get("dialect", {}).get("header", True)
        df = pd.read_csv(folder / res["path"], dtype=str, keep_default_na=False,
                         header=0 if header else None, encoding="utf-8")  # fmt: skip
        if not header:
            printed[res["path"]] = df
            continue
        frames[res["name"]] = from_text(df, res["schema"]["fields"])
    return frames, printed
