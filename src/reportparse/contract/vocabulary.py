"""The vocabularies of the contract in ``schemas/``: indicator ids, unit ids and their labels."""

from __future__ import annotations

import csv
from functools import cache

from .paths import schemas_dir


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a vocabulary file of schemas/ (``indicators.csv``, ``units.csv``)."""
    with open(schemas_dir() / name, encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


@cache
def vocabulary(name: str, column: str) -> frozenset[str]:
    """The values of one column of a vocabulary file."""
    return frozenset(row[column] for row in rows(name))


def indicators() -> frozenset[str]:
    return vocabulary("indicators.csv", "id")


def units() -> frozenset[str]:
    return vocabulary("units.csv", "id")


def indicator_unit(indicator: str) -> str | None:
    """The unit an indicator is counted in (``indicators.csv``)."""
    return next((row["unit"] for row in rows("indicators.csv") if row["id"] == indicator), None)


@cache
def dimension(name: str) -> frozenset[str]:
    """The values a dimension may take where the observations schema lists them
    (``gender``, ``group``)."""
    import yaml

    schema = yaml.safe_load((schemas_dir() / "observations.yaml").read_text(encoding="utf-8"))
    return frozenset(schema["columns"][name]["isin"])
