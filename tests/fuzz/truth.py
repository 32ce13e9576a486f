"""A composed document's truth, in the corpus conventions (``../shared/corpus/README.md``):
``<table_id>.csv`` for each table as printed (header rows first, a merged cell in its
top-left position, footnote markers removed), ``figur-N.csv`` for each chart, and
``tables.json``, ``notes.json``, ``key_figures.json``. Pages are ``null``: where a producer
breaks a page is its own affair. ``document.json`` says what the document is (family, year,
source_id) and which spec entry maps each table (``spec``)."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path

from .compose import Document


def cells(grid: list[list[str]]) -> list[list[str]]:
    """Cell text as the truth has it: runs of whitespace (no-break and thin spaces too) made
    one space."""
    return [[" ".join(c.split()) for c in row] for row in grid]


def truth(doc: Document) -> dict:
    """Everything the truth folder holds, as plain data."""
    tables = {t.table_id: cells(t.grid()) for t in doc.tables}
    figures = {f.table_id: cells(f.grid()) for f in doc.figures}
    metas = [
        {
            "table_id": t.table_id,
            "caption": " ".join(t.caption.split()),
            "pages": None,
            "n_rows": len(tables[t.table_id]),
            "n_cols": len(tables[t.table_id][0]),
            "header_rows": len(t.header),
            "text_below": [],
            "spec": t.spec,
        }
        for t in doc.tables
    ]
    images = [
        {
            "image_id": f.table_id,
            "caption": " ".join(f.caption.split()),
            "page": None,
            "kind": "chart",
            "format": "vector",
            "values_in_truth": True,
            "spec": f.spec,
            "chart": f.kind,
        }
        for f in doc.figures
    ]
    notes = [
        {
            "table_id": t.table_id,
            "where": "caption" if n.row is None else "cell",
            "row": n.row,
            "col": n.col,
            "marker": n.marker,
            "note": n.text,
        }
        for t in doc.tables
        for n in t.notes
    ]
    figures_of_text = [
        {
            "sentence": " ".join(s.text.split()),
            **asdict(k),
            "expression": " ".join(k.expression.split()),
            "page": None,
        }
        for s in doc.sentences
        for k in s.figures
    ]
    document = {
        "seed": doc.seed,
        "family": "nokkeltall",
        "year": doc.report.year,
        "source_id": doc.source_id,
        "title": doc.title,
        "published": doc.published.removeprefix("Utgitt: "),
        "layout": {k: v for k, v in asdict(doc.layout).items() if k != "seed"},
    }
    return {
        "tables": tables,
        "figures": figures,
        "tables.json": metas,
        "images.json": images,
        "notes.json": notes,
        "key_figures.json": figures_of_text,
        "document.json": document,
    }


def write(doc: Document, folder: Path) -> Path:
    """The truth of ``doc`` in ``folder`` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = truth(doc)
    for tid, grid in {**data["tables"], **data["figures"]}.items():
        with open(folder / f"{tid}.csv", "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(grid)
    for name in ("tables.json", "images.json", "notes.json", "key_figures.json", "document.json"):
        text = json.dumps(data[name], ensure_ascii=False, indent=2)
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return folder
