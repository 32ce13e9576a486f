"""The vocabularies of the contract in ``schemas/``: indicator ids, unit ids and their labels,
missing-value symbols and the words of printed headers."""

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


@cache
def missing_values() -> dict[str, str]:
    """The symbols a table prints in place of a number, each with the reason it gives none
    (``missing_values.csv``: Statistics Norway's standard symbols)."""
    return {row["symbol"]: row["reason"] for row in rows("missing_values.csv")}


@cache
def table_words(dimension: str) -> dict[str, str]:
    """Words of printed headers and row labels that name a value of a dimension, lower-cased
    (``table_words.csv``: ``gender`` "begge kjønn" is "alle"; ``total`` "sum" is "alle")."""
    return {
        row["word"].casefold(): row["value"]
        for row in rows("table_words.csv")
        if row["dimension"] == dimension
    }
