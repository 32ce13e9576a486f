"""``reportparse tables``: every table the engine finds in PDFs, with no family or spec.

Each file is read in a worker process of its own, as ``extract`` reads documents (at most
``jobs`` at a time, each within ``timeout`` seconds), and its tables are written under
``OUT/<file stem>/``: each table as ``<table_id>.csv`` (or ``.json``), the cells as printed,
header rows first, and ``tables.json`` with each table's quality record. A file's folder is
replaced as a whole when the file is read; a file that cannot be read leaves it as it was.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..model import DocumentError, SourceStatus, Table, pad_rows
from ..output.frames import table_record
from ..output.publish import swap_folder, write_csv
from .inputs import DEFAULT_TIMEOUT, Outcome
from .workers import run_each

FORMATS = ("csv", "json")
PAGE_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


def parse_pages(spec: str) -> set[int]:
    """Page numbers from "1,3-5"; ValueError says what is wrong with the text."""
    pages: set[int] = set()
    for part in spec.split(","):
        m = PAGE_RANGE.match(part.strip())
        if not m:
            raise ValueError(f"{part.strip()!r} is not a page or a range of pages (e.g. 1,3-5)")
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if first < 1 or last < first:
            raise ValueError(f"{part.strip()!r} is no range of pages numbered from 1")
        pages |= set(range(first, last + 1))
    return pages


def read_file(path: Path, pages: set[int] | None = None) -> list[Table] | str:
    """The tables of one PDF (in a worker process), or why it cannot be read."""
    from ..read.document import read_tables

    try:
        return read_tables(path.read_bytes(), pages)
    except DocumentError as exc:
        return str(exc)


def record(table: Table) -> dict:
    """A table's quality record, as ``tables.csv`` has it for a report: where it was read
    (pages, region in points), how (method), with what result (status, reason), its size
    and what its body holds."""
    counts = table_record(table)
    counts.pop("unobserved")
    return {
        "table_id": table.table_id,
        "caption": table.caption,
        "pages": table.pages,
        "region": [round(v, 1) for v in table.bbox] if table.bbox else None,
        "method": str(table.method),
        "status": str(table.status),
        "reason": table.reason or None,
        "n_rows": table.n_rows,
        "n_cols": table.n_cols,
        **counts,
    }


def write_tables(folder: Path, tables: list[Table], fmt: str) -> None:
    """``folder`` replaced by the tables (``fmt``: csv or json) and their ``tables.json``."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=folder.parent))
    try:
        for t in tables:
            cells = pad_rows(t.cells)
            if fmt == "csv":
                write_csv(tmp / f"{t.table_id}.csv", cells, None)
            else:
                text = json.dumps(
                    {"table_id": t.table_id, "header_rows": t.header_rows, "cells": cells},
                    ensure_ascii=False,
                    indent=1,
                )
                (tmp / f"{t.table_id}.json").write_text(text + "\n", encoding="utf-8")
        records = json.dumps([record(t) for t in tables], ensure_ascii=False, indent=2)
        (tmp / "tables.json").write_text(records + "\n", encoding="utf-8")
        swap_folder(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def extract_tables(
    files: list[Path],
    out: Path,
    *,
    pages: set[int] | None = None,
    fmt: str = "csv",
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    progress: Callable[[int, int, Outcome], None] | None = None,
) -> list[Outcome]:
    """The tables of every file written under ``out`` (one folder per file stem); what
    happened to each file, in the order given."""
    outcomes: dict[Path, Outcome] = {}
    for fin in run_each(partial(read_file, pages=pages), files, jobs=jobs, timeout=timeout):
        error = fin.value if isinstance(fin.value, str) else fin.error
        if error:
            outcome = Outcome(fin.path.name, SourceStatus.FAILED, error, fin.seconds)
        else:
            write_tables(out / fin.path.stem, fin.value, fmt)
            n = len(fin.value)
            outcome = Outcome(fin.path.name, SourceStatus.OK, f"{n} table{'s' * (n != 1)}")
            outcome.seconds = fin.seconds
        outcomes[fin.path] = outcome
        if progress:
            progress(len(outcomes), len(files), outcome)
    return [outcomes[p] for p in files]
