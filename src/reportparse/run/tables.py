"""``reportparse tables``: every table the engine finds in PDFs, with no family or spec.

Each file is read in a worker process of its own, as ``extract`` reads documents (at most
``jobs`` at a time, each within ``timeout`` seconds and ``max_memory`` bytes), and its
tables are written under ``OUT/<file stem>/``: each table as ``<table_id>.csv`` (or
``.json``), the cells as printed, header rows first, and ``tables.json`` with each table's
quality record. A file's folder is published as ``extract`` publishes its output (checked
before anything is read: new, empty or an earlier output; swapped in whole when the file
is read); a file that cannot be read leaves its folder as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, fields
from functools import partial
from pathlib import Path

from ..model import DocumentError, SourceStatus, Table, TableStatus, pad_rows
from ..output.outdir import OutError, Target, check_out
from ..output.records import table_record
from ..output.swap import PublishError, publish_folder
from ..output.textcsv import write_text_csv
from ..readers.measured import read_measured_tables  # here, not in each worker it forks
from ..readers.pdf.evidence import TableFigures
from .inputs import Outcome
from .limits import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT
from .workers import run_each

FORMATS = ("csv", "json")
CAPTIONED = re.compile(r"^tabell-")
UNCAPTIONED = re.compile(r"^utabell-")
FIGURES = tuple(f.name for f in fields(TableFigures))
Measured = tuple[Table, TableFigures]
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


def read_file(
    path: Path, pages: set[int] | None = None, engine: str = "reportparse"
) -> list[Measured] | str:
    """The tables of one PDF with their figures (in a worker process), or why it cannot be
    read; each named in English (``english_id``). ``engine``: reportparse, camelot-lattice
    or camelot-stream."""
    try:
        found = read_measured_tables(path.read_bytes(), pages, engine, path)
    except DocumentError as exc:
        return str(exc)
    for table, _ in found:
        table.table_id = english_id(table.table_id)
    return found


def english_id(table_id: str) -> str:
    """The id of a table of ``tables``: ``table-N`` for one under a numbered caption,
    ``table-pP-K`` for the K-th without one on page P (extract's ``tabell-N`` and
    ``utabell-pP-K`` belong to the IMDi reports, which print "Tabell N")."""
    return UNCAPTIONED.sub("table-", CAPTIONED.sub("table-", table_id))


def record(table: Table, figures: TableFigures | None = None, engine: str = "reportparse") -> dict:
    """A table's quality record, as ``tables.csv`` has it for a report: where it was read
    (pages, region in points), how (method), with what result (status, reason), its size,
    what its body holds and its figures (``evidence.TableFigures``: the share of cells
    filled, of its text inside one cell, of its page's text inside it)."""
    counts = table_record(table)
    counts.pop("unobserved")
    shares = asdict(figures) if figures is not None else dict.fromkeys(FIGURES)
    return {
        "table_id": table.table_id,
        "engine": engine,
        "caption": table.caption,
        "pages": table.pages,
        "region": [round(v, 1) for v in table.bbox] if table.bbox else None,
        "method": str(table.method),
        "status": str(table.status),
        "reason": table.reason or None,
        "n_rows": table.n_rows,
        "n_cols": table.n_cols,
        **counts,
        **shares,
    }


def targets(files: list[Path], out: Path) -> dict[Path, Target]:
    """Where each file's tables go, ``out/<file stem>``, each checked as ``extract`` checks
    its ``--out`` (``OutError``); ValueError where two files have one stem."""
    found: dict[Path, Target] = {}
    stems: dict[str, Path] = {}
    for f in files:
        if f.stem in (".", "..", ""):  # out / "." would be OUT itself
            raise ValueError(f"{f}: its stem {f.stem!r} names no folder of its own; rename it")
        if f.stem in stems:
            raise ValueError(f"{stems[f.stem]} and {f} would both be written to {out / f.stem}")
        stems[f.stem] = f
        found[f] = check_out(out / f.stem)
    return found


def write_tables(
    folder: Path, tables: list[Measured], fmt: str, engine: str = "reportparse"
) -> None:
    """The tables (``fmt``: csv or json) and their ``tables.json``, written into ``folder``;
    a ``failed`` record has no file of cells."""
    for t, _ in tables:
        if t.status == TableStatus.FAILED:
            continue
        cells = pad_rows(t.cells)
        if fmt == "csv":
            write_text_csv(folder / f"{t.table_id}.csv", cells)
        else:
            text = json.dumps(
                {"table_id": t.table_id, "header_rows": t.header_rows, "cells": cells},
                ensure_ascii=False,
                indent=1,
            )
            (folder / f"{t.table_id}.json").write_text(text + "\n", encoding="utf-8")
    records = json.dumps([record(t, f, engine) for t, f in tables], ensure_ascii=False, indent=2)
    (folder / "tables.json").write_text(records + "\n", encoding="utf-8")


def extract_tables(
    files: dict[Path, Target],
    *,
    pages: set[int] | None = None,
    fmt: str = "csv",
    engine: str = "reportparse",
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    progress: Callable[[int, int, Outcome], None] | None = None,
    notice: Callable[[str], None] = lambda line: None,
) -> list[Outcome]:
    """The tables of every file published into its target (``targets``); what happened to
    each file, in the order given."""
    outcomes: dict[Path, Outcome] = {}
    paths = list(files)
    read = partial(read_file, pages=pages, engine=engine)
    for fin in run_each(read, paths, jobs=jobs, timeout=timeout, max_memory=max_memory):
        error = fin.value if isinstance(fin.value, str) else fin.error
        if error:
            outcome = Outcome(fin.path.name, SourceStatus.FAILED, error, fin.seconds)
        else:
            write = partial(write_tables, tables=fin.value, fmt=fmt, engine=engine)
            try:  # checked again under the lock: a foreign file may have come since
                publish_folder(files[fin.path], write, notice=notice)
            except (OutError, PublishError) as exc:
                outcome = Outcome(fin.path.name, SourceStatus.FAILED, f"not written: {exc}")
            else:
                outcome = _outcome(fin.path.name, [t for t, _ in fin.value])
            outcome.seconds = fin.seconds
        outcomes[fin.path] = outcome
        if progress:
            progress(len(outcomes), len(paths), outcome)
    return [outcomes[p] for p in paths]


def _outcome(name: str, tables: list[Table]) -> Outcome:
    """A file read: ``ok`` with the number of tables read, or ``partial`` where its pages
    show tables that were not read (each failed record's page and reason)."""
    read = [t for t in tables if t.status != TableStatus.FAILED]
    n = len(read)
    message = f"{n} table{'s' * (n != 1)}"
    failed = [t for t in tables if t.status == TableStatus.FAILED]
    if not failed:
        return Outcome(name, SourceStatus.OK, message)
    reasons = "; ".join(f"{t.table_id} (page {t.pages[0]}): {t.reason}" for t in failed)
    return Outcome(name, SourceStatus.PARTIAL, f"{message}, {len(failed)} not read: {reasons}")
