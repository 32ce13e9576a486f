"""Check a published folder as a data engineer receives it: every file against its hash and
bytes in ``datapackage.json``, then the datasets against the contract's schemas and links.

Nothing outside the folder is read: a resource whose path is absolute or leads out of the
folder is a finding, and so is a malformed ``datapackage.json`` or a file that cannot be read
as its format. Each problem is one ``Finding``: one line of text, or one JSON object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..published import from_text, resource_path, sha256, typed
from .datasets import DATASETS, VOCABULARIES
from .publish import CONTRACT_VERSION
from .validation import Failure, check_links, schema, validate, validate_each

FORMATS = ("csv", "parquet")
MAX_ROWS = 20  # failing rows shown per finding


@dataclass
class Finding:
    check: str  # datapackage, path, file, bytes, hash, read, columns, parquet, schema, link
    message: str  # one line
    resource: str | None = None
    path: str | None = None
    rows: list[dict] = field(default_factory=list)  # the failing rows of a schema or link

    def line(self) -> str:
        where = self.path or "datapackage.json"
        return f"{where}: {self.check}: {self.message}"

    def to_dict(self) -> dict:
        return {
            "check": self.check,
            "resource": self.resource,
            "path": self.path,
            "message": self.message,
            "rows": self.rows,
        }


@dataclass
class Report:
    findings: list[Finding]
    datasets: int = 0
    tables: int = 0


def _package(folder: Path) -> tuple[dict | None, list[Finding]]:
    path = folder / "datapackage.json"
    if path.is_symlink() or not path.is_file():
        what = "is a symbolic link" if path.is_symlink() else "is missing"
        return None, [Finding("datapackage", f"datapackage.json {what} (not a published folder)")]
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [Finding("datapackage", "datapackage.json is not UTF-8 text")]
    except json.JSONDecodeError as exc:
        return None, [Finding("datapackage", f"datapackage.json is not JSON ({exc})")]
    if not isinstance(package, dict):
        kind = type(package).__name__ if package is not None else "null"
        return None, [Finding("datapackage", f"datapackage.json holds a {kind}, not an object")]
    version = package.get("contract_version")
    if version != CONTRACT_VERSION:
        return None, [Finding("datapackage", f"contract_version is {version!r}; this reportparse "
                              f"checks contract {CONTRACT_VERSION}")]  # fmt: skip
    resources = package.get("resources")
    if not isinstance(resources, list):
        return None, [Finding("datapackage", "datapackage.json has no list of resources")]
    return package, []


def _resource_problem(res) -> str | None:
    """Why a resource of datapackage.json cannot be checked, or None."""
    if not isinstance(res, dict):
        return f"a resource is {json.dumps(res)[:40]}, not an object"
    name = res.get("name")
    if not isinstance(name, str) or not name:
        return "a resource has no name"
    if res.get("format") not in FORMATS:
        return f"resource {name}: its format is {res.get('format')!r}, not csv or parquet"
    fields = res.get("schema", {}).get("fields") if isinstance(res.get("schema"), dict) else None
    if not isinstance(fields, list) or not all(
        isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields
    ):
        return f"resource {name}: its schema has no list of named fields"
    if not isinstance(res.get("dialect", {}), dict):
        return f"resource {name}: its dialect is not an object"
    if not isinstance(res.get("hash"), str):
        return f"resource {name}: it has no hash"
    if res["format"] == "csv" and not isinstance(res.get("bytes"), int):
        return f"resource {name}: it has no bytes"
    return None


def _file(folder: Path, res: dict) -> tuple[Path | None, list[Finding]]:
    """The resource's file, if it lies inside the folder and has its bytes and hash."""
    name, text = res["name"], res.get("path")
    try:
        path = resource_path(folder, text)
    except ValueError as exc:
        return None, [Finding("path", str(exc), name, str(text))]
    if not path.is_file():
        return None, [Finding("file", "the file is missing", name, text)]
    found = []
    size = path.stat().st_size
    if "bytes" in res and size != res["bytes"]:
        found.append(Finding("bytes", f"{size} bytes, datapackage.json says {res['bytes']}",
                             name, text))  # fmt: skip
    digest = sha256(path)
    if digest != res["hash"]:
        found.append(Finding("hash", f"{digest}, datapackage.json says {res['hash']}", name, text))
    return path, found


def _read(path: Path, res: dict) -> pd.DataFrame:
    """The resource's rows in its fields' types (a printed table: its cells as text)."""
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    if res["format"] == "parquet":
        import pyarrow.parquet as pq

        got = pq.read_schema(path).names
        if got != names:
            raise ValueError(f"its columns are {got}, datapackage.json names {names}")
        return typed(pd.read_parquet(path), fields)
    header = res.get("dialect", {}).get("header", True)
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                     header=0 if header else None)  # fmt: skip
    if not header:
        if len(df.columns) > len(names):
            raise ValueError(f"{len(df.columns)} columns, datapackage.json names {len(names)}")
        return df.set_axis(names[: len(df.columns)], axis=1)
    if list(df.columns) != names:
        raise ValueError(f"its header is {list(df.columns)}, datapackage.json names {names}")
    return from_text(df, fields)


def _rows(f: Failure) -> list[dict]:
    rows = f.rows.head(MAX_ROWS).astype(object)
    return rows.where(rows.notna(), None).map(str).to_dict("records")


def _failure(f: Failure, paths: dict[str, str], check: str) -> Finding:
    where = f" (column {f.column})" if f.column else ""
    message = f"{f.check}{where}: {len(f.rows)} failing row(s)"
    return Finding(check, message, f.dataset, paths.get(f.dataset), _rows(f))


def verify(folder: Path) -> Report:
    """Every finding in the published ``folder``; none when it is as published and valid."""
    package, findings = _package(folder)
    if package is None:
        return Report(findings)
    frames: dict[str, pd.DataFrame] = {}
    paths: dict[str, str] = {}
    parquet: dict[str, pd.DataFrame] = {}
    printed: list[tuple[int, str, pd.DataFrame]] = []  # where its findings go, name, cells
    listed = set()
    for res in package["resources"]:
        problem = _resource_problem(res)
        if problem is not None:
            findings.append(Finding("datapackage", problem))
            continue
        listed.add(res["name"])
        path, found = _file(folder, res)
        findings += found
        if path is None:
            continue
        try:
            df = _read(path, res)
        except Exception as exc:  # any reader's error on a damaged file: one finding
            message = " ".join(str(exc).split())[:300] or type(exc).__name__
            findings.append(Finding("read", f"not readable as {res['format']}: {message}",
                                    res["name"], res["path"]))  # fmt: skip
            continue
        name = res["name"]
        if res["format"] == "parquet":
            parquet[name.removesuffix("-parquet")] = df
        elif res.get("dialect", {}).get("header", True):
            frames[name], paths[name] = df, res["path"]
        else:
            paths[name] = res["path"]
            printed.append((len(findings), name, pd.DataFrame(df.astype(str))))
    findings = _with_printed(findings, printed, paths)
    findings += _contract(frames, parquet, paths, listed)
    return Report(findings, len(frames), len(printed))


def _with_printed(findings: list[Finding], printed: list, paths: dict) -> list[Finding]:
    """``findings`` with those of the printed tables against ``schemas/printed_table.yaml``,
    each table's where it was read: the tables are validated in one pandera pass, as each
    alone would be (``validate_each``)."""
    parts = [(name, cells, []) for _, name, cells in printed]
    failed: dict[str, list[Finding]] = {}
    for f in validate_each(schema("printed_table"), parts):
        failed.setdefault(f.dataset, []).append(_failure(f, paths, "schema"))
    out, done = [], 0
    for at, name, _ in printed:
        out += findings[done:at] + failed.get(name, [])
        done = at
    return out + findings[done:]


def _contract(frames: dict, parquet: dict, paths: dict, listed: set) -> list[Finding]:
    """The datasets against the schemas, the links, and each Parquet file against its CSV."""
    findings = []
    known = [*DATASETS, *VOCABULARIES]
    for name in known:
        if name not in listed:
            findings.append(Finding("datapackage", f"no resource {name} (a dataset of the "
                                    "contract)", name))  # fmt: skip
    for name, df in sorted(frames.items()):
        if name not in known:
            findings.append(Finding("datapackage", f"resource {name} is not a dataset of the "
                                    "contract", name, paths.get(name)))  # fmt: skip
            continue
        findings += [_failure(f, paths, "schema") for f in validate(name, df)[1]]
        if name in parquet and not _same(parquet[name], df):
            findings.append(Finding("parquet", f"its rows differ from those of {name}-parquet",
                                    name, paths[name]))  # fmt: skip
    linked = {n: df for n, df in frames.items() if n in known}
    findings += [_failure(f, paths, "link") for f in check_links(linked)]
    return findings


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    left = a.reset_index(drop=True).astype(object).where(a.notna().values, None)
    right = b.reset_index(drop=True).astype(object).where(b.notna().values, None)
    return left.values.tolist() == right.values.tolist()
