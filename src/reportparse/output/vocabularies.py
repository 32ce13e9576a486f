"""The vocabularies of the contract as datasets of the published folder.

Each is a file of ``schemas/`` (indicators with their unit, labels and definition; units;
regions with the years each code is in force; the values of the dimensions gender, group,
age group, education and category), published as it is in the columns of its schema
(``schemas/<name>.yaml``), so that a folder holding only the published files says what
every id means, and the foreign keys of ``datasets.py`` link observations and key figures
to them.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from ..contract.paths import schemas_dir
from ..published import from_text, table_schema_type
from .datasets import VOCABULARIES


def _fields(name: str) -> list[dict]:
    """The columns of ``schemas/<name>.yaml`` with their published types (read here, not
    through validation.py, which checks links against these frames)."""
    import yaml

    text = (schemas_dir() / f"{name}.yaml").read_text(encoding="utf-8")
    return [
        {
            "name": column,
            "type": table_schema_type(spec["dtype"]),
            "constraints": {"required": True} if not spec.get("nullable", False) else {},
        }
        for column, spec in yaml.safe_load(text)["columns"].items()
    ]


@cache
def _frame(name: str) -> pd.DataFrame:
    path = schemas_dir() / f"{name}.csv"
    text = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    fields = _fields(name)
    columns = [f["name"] for f in fields]  # the published columns (regions' aliases are not)
    return from_text(text[columns], fields)


def vocabulary_frames() -> dict[str, pd.DataFrame]:
    """Every vocabulary as a frame in its published types (a copy: callers may change it)."""
    return {name: _frame(name).copy() for name in VOCABULARIES}
