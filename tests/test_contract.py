"""docs/data-contract.md names every published dataset and every unit of the vocabulary."""

from __future__ import annotations

import csv
import re

from reportparse.output.datasets import DATASETS, VOCABULARIES

from conftest import ROOT

CONTRACT = (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8")


def test_every_dataset_is_in_the_contract():
    listed = set(re.findall(r"^\| `(\w+)\.csv`", CONTRACT, re.M))
    assert listed == {*DATASETS, *VOCABULARIES}


def test_every_unit_is_in_the_contract():
    with open(ROOT / "schemas" / "units.csv", encoding="utf-8", newline="") as f:
        units = {row["id"] for row in csv.DictReader(f)}
    section = CONTRACT.split("## Units", 1)[1].split("\n## ", 1)[0]
    assert set(re.findall(r"^\| `(\w+)` \|", section, re.M)) == units


def test_readme_points_to_the_contract():
    assert "(docs/data-contract.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_table_ids_keep_a_chapter_number_as_printed():
    """'Tab. 2-1' and 'Figur 3.2' give ids the tables schema takes; other punctuation fails."""
    from reportparse import read
    from reportparse.output.validation import validate

    tables = read("tables", ROOT / "extracted")
    ids = ["tabell-2-1", "figur-3.2", "tabell-2.1b", "tabell-2_1", "figur-3..2"]
    tried = tables.head(len(ids)).copy()
    tried["table_id"] = ids
    _, failures = validate("tables", tried)
    failing = {v for f in failures if f.column == "table_id" for v in f.rows["table_id"]}
    assert failing == {"tabell-2_1", "figur-3..2"}
