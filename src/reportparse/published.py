"""The published folder as typed data: each column's type for every reader, and ``read``.

A pandera dtype of ``schemas/`` gives the column's Table Schema type (datapackage.json),
and that type, with whether the column may be empty, gives its pandas dtype and its Arrow
type (Parquet, and so polars and DuckDB):

| Table Schema | required | pandas | Arrow / polars / DuckDB |
|---|---|---|---|
| string | either | string | string / String / VARCHAR |
| integer | yes / no | int64 / Int64 | int64 / Int64 / BIGINT |
| number | yes / no | float64 / Float64 | double / Float64 / DOUBLE |
| boolean | yes / no | bool / boolean | bool / Boolean / BOOLEAN |
| date | either | object (datetime.date) | date32 / Date / DATE |

An empty cell is <NA> (None for a date) in pandas and null elsewhere, never NaN, and an
integer stays an integer. pandas and pyarrow are imported inside the functions that need
them, so that ``import reportparse`` stays light.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

TABLE_SCHEMA_TYPES = {
    "str": "string", "string": "string",
    "int64": "integer", "Int64": "integer",
    "float64": "number", "Float64": "number",
    "bool": "boolean", "boolean": "boolean",
    "date": "date",
}  # fmt: skip
PANDAS = {  # (Table Schema type, required) -> pandas dtype
    ("string", True): "string", ("string", False): "string",
    ("integer", True): "int64", ("integer", False): "Int64",
    ("number", True): "float64", ("number", False): "Float64",
    ("boolean", True): "bool", ("boolean", False): "boolean",
    ("date", True): "object", ("date", False): "object",
}  # fmt: skip


def table_schema_type(dtype: str) -> str:
    """The Table Schema type of a pandera dtype of ``schemas/`` (``str`` reads as
    ``string[pyarrow]`` or ``string[python]``, depending on the pandas version)."""
    dtype = "string" if dtype.startswith("string[") else dtype
    if dtype not in TABLE_SCHEMA_TYPES:
        raise ValueError(f"no published type for the dtype {dtype!r}")
    return TABLE_SCHEMA_TYPES[dtype]


def required(field: dict) -> bool:
    return bool(field.get("constraints", {}).get("required", False))


def pandas_dtype(field: dict) -> str:
    """The pandas dtype of a datapackage.json field."""
    return PANDAS[field["type"], required(field)]


def arrow_type(field: dict):
    """The Arrow type of a datapackage.json field."""
    import pyarrow as pa

    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }[field["type"]]


NULLABLE = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}


def typed(df, fields: list[dict]):
    """``df`` with each column that has a field in the pandas dtype of that field (the columns
    in the order of ``df``). An empty string is missing too (the CSV cannot tell them apart).
    A required column that has missing values keeps the nullable dtype, so that validation
    can report them."""
    import pandas as pd

    def missing(v) -> bool:
        return (
            v is None
            or v is pd.NA
            or v is pd.NaT
            or (isinstance(v, float) and v != v)
            or (isinstance(v, str) and v == "")
        )

    out = dict(df.items())
    for field in fields:
        name = field["name"]
        if name not in df:
            continue
        values = [None if missing(v) else v for v in df[name]]
        try:
            out[name] = _column(pd, values, field, df.index)
        except (TypeError, ValueError):  # a value of another type: left for validation to show
            out[name] = pd.Series(values, index=df.index, dtype=object)
    return pd.DataFrame(out, index=df.index)


def _column(pd, values: list, field: dict, index):
    ftype = field["type"]
    if ftype == "date":
        values = [v if v is None else _as_date(v) for v in values]
        return pd.Series(values, index=index, dtype=object)
    if ftype == "string":
        return pd.Series([v if v is None else str(v) for v in values], index=index, dtype="string")
    series = pd.Series(pd.array(values, dtype=NULLABLE[ftype]), index=index)
    return series if series.isna().any() else series.astype(pandas_dtype(field))


def _as_date(value) -> date:
    if isinstance(value, date):
        return date(value.year, value.month, value.day)  # a datetime or Timestamp: its day
    return date.fromisoformat(str(value))


def from_text(df, fields: list[dict]):
    """A frame read from CSV with every cell as text (``dtype=str, keep_default_na=False``)
    in the published types: an empty cell is missing, ``true``/``false`` a boolean."""
    import pandas as pd

    parse = {
        "integer": int,
        "number": float,
        "boolean": {"true": True, "false": False}.__getitem__,
        "date": date.fromisoformat,
        "string": str,
    }

    def value(text: str, fn):
        if text == "":
            return None
        try:
            return fn(text)
        except (KeyError, ValueError):
            return text  # not of the field's type: validation shows it

    converted = dict(df.items())
    for field in fields:
        if field["name"] in df:
            fn = parse[field["type"]]
            cells = [value(v, fn) for v in df[field["name"]]]
            converted[field["name"]] = pd.Series(cells, index=df.index, dtype=object)
    return typed(pd.DataFrame(converted, index=df.index), fields)


def _resources(folder: Path) -> dict[str, dict]:
    path = folder / "datapackage.json"
    if not path.is_file():
        raise FileNotFoundError(f"{folder}: no datapackage.json (not a published folder)")
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
        return {r["name"]: r for r in package["resources"]}
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"{path}: not a datapackage.json of reportparse ({exc})") from None


def resource_path(folder: Path, path: object) -> Path:
    """The file a resource's ``path`` names inside ``folder``; ValueError, saying why, for a
    path that is not text, is absolute or leaves the folder (``..``, a symbolic link out)."""
    if not isinstance(path, str) or not path:
        raise ValueError(f"its path {path!r} is not a file name")
    windows = PureWindowsPath(path)
    if PurePosixPath(path).is_absolute() or windows.is_absolute() or windows.drive:
        raise ValueError(f"its path {path} is absolute; a resource lies inside the folder")
    if ".." in PurePosixPath(path.replace("\\", "/")).parts:
        raise ValueError(f"its path {path} leaves the folder")
    root = Path(os.path.realpath(folder))
    target = Path(os.path.realpath(root / path))
    if not target.is_relative_to(root):
        raise ValueError(f"its path {path} leads out of the folder (to {target})")
    return target


def sha256(path: Path) -> str:
    """``sha256:<hex>`` of a file, as datapackage.json gives a resource's ``hash``."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()


def checked_file(folder: Path, res: dict) -> Path:
    """The file of a resource, inside ``folder`` and with the ``hash`` datapackage.json gives
    it; ValueError in one line otherwise (an edited or replaced file is never read)."""
    try:
        path = resource_path(folder, res.get("path"))
    except ValueError as exc:
        raise ValueError(f"{folder}: resource {res.get('name')}: {exc}") from None
    if not path.is_file():
        raise ValueError(f"{folder}: resource {res.get('name')}: no file {res['path']}")
    if sha256(path) != res.get("hash"):
        raise ValueError(
            f"{folder}: {res['path']} is not the file published (its sha256 differs from "
            "datapackage.json); run `reportparse validate` on the folder"
        )
    return path


def read(name: str, folder: str | os.PathLike = "extracted"):
    """The dataset ``name`` of a published folder (``observations``, ``key_figures``, ...;
    a vocabulary such as ``indicators``; a printed table by its resource name,
    ``table-imdi-nokkeltall-2025-tabell-2``) as a pandas DataFrame in the published types:
    from Parquet where the folder has it, else from CSV typed by ``datapackage.json``. A
    printed table comes as its cells, all text, in columns ``c0``, ``c1``, ... The file read
    must have the sha256 that ``datapackage.json`` gives it (ValueError otherwise: an edited
    file is never returned); ``reportparse validate`` checks the whole folder.

    >>> import reportparse
    >>> obs = reportparse.read("observations")  # ./extracted
    """
    import pandas as pd

    folder = Path(folder)
    resources = _resources(folder)
    if name not in resources or name.endswith("-parquet"):
        known = ", ".join(n for n in resources if "-" not in n)
        raise KeyError(f"{folder}: no dataset {name!r} (datasets: {known}; printed tables "
                       "by their resource name in datapackage.json)")  # fmt: skip
    res = resources[name]
    fields = res["schema"]["fields"]
    parquet = resources.get(f"{name}-parquet")
    if parquet is not None:
        return typed(pd.read_parquet(checked_file(folder, parquet)), fields)
    header = res.get("dialect", {}).get("header", True)
    df = pd.read_csv(checked_file(folder, res), dtype=str, keep_default_na=False, encoding="utf-8",
                     header=0 if header else None)  # fmt: skip
    if not header:  # a printed table: its cells as text, an empty cell ""
        df.columns = [f["name"] for f in fields][: len(df.columns)]
        return df.astype("string")
    return from_text(df, fields)
