"""Rows of text cells as CSV, written as ``publish.write_csv`` writes them (UTF-8, "\\n" line
ends, csv's minimal quoting), without the typed values' conversions and so without pandas:
for ``reportparse tables``, whose cells are all text."""

from __future__ import annotations

import csv
from pathlib import Path


def write_text_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
