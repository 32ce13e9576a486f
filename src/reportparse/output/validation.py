"""Validate data frames against the pandera schemas of ``schemas/`` and report every failure."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache

import pandas as pd
import pandera.extensions as extensions
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from ..contract.checks import CHECKS, parameters
from ..contract.paths import schemas_dir
from ..specs.schema import CheckCall
from .datasets import FOREIGN_KEYS, PRIMARY_KEYS


def _register_checks() -> None:
    """Make the contract's named checks known to pandera, so that the YAML schemas and the
    specs' ``checks`` can name them."""
    for name, fn in CHECKS.items():
        required, optional = parameters(name)
        extensions.register_check_method(
            supported_types=pd.DataFrame, statistics=sorted(required | optional)
        )(fn)


_register_checks()


@dataclass
class Failure:
    dataset: str
    check: str
    column: str | None
    rows: pd.DataFrame  # the failing rows (or the failure cases when rows cannot be told)

    def to_dict(self) -> dict:
        rows = self.rows.astype(object).where(self.rows.notna(), None)
        return {
            "dataset": self.dataset,
            "check": self.check,
            "column": self.column,
            "index": [str(i) for i in rows.index],
            "rows": rows.to_dict("records"),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Failure:
        rows = pd.DataFrame(d["rows"], index=d["index"])
        return cls(d["dataset"], d["check"], d["column"], rows)

    def describe(self, max_rows: int = 20) -> str:
        where = f" (column {self.column})" if self.column else ""
        head = f"{self.dataset}: {self.check}{where}: {len(self.rows)} failing row(s)"
        body = self.rows.head(max_rows).to_string(index=True, max_colwidth=60)
        return head + "\n" + "\n".join("    " + line for line in body.splitlines())


@cache
def schema(name: str) -> pa.DataFrameSchema:
    """The pandera schema ``schemas/<name>.yaml``, unique in its dataset's primary key."""
    path = schemas_dir() / f"{name}.yaml"
    loaded = pa.DataFrameSchema.from_yaml(path)  # a path: its text would be tried as a path
    if name in PRIMARY_KEYS:
        loaded.unique = PRIMARY_KEYS[name]
    return loaded


def with_checks(base: str, extra: list[CheckCall]) -> pa.DataFrameSchema:
    """A schema of schemas/ with more named checks (a table's cross-checks from its spec)."""
    s = schema(base)
    added = [getattr(pa.Check, call.check)(**call.params) for call in extra]
    if not added:
        return s
    extended = copy.deepcopy(s)
    extended.checks = [*s.checks, *added]
    return extended


def checks_only(name: str, calls: list[CheckCall]) -> pa.DataFrameSchema:
    """A schema of named checks alone, no columns: for a frame a schema of schemas/ has
    checked already (a table's completeness rules on its ``table_cells``)."""
    return pa.DataFrameSchema(
        checks=[getattr(pa.Check, c.check)(**c.params) for c in calls], name=name
    )


def validate(dataset: str, df: pd.DataFrame, s: pa.DataFrameSchema | None = None):
    """The validated (coerced) frame and the list of failures; the frame is None on failure."""
    s = s if s is not None else schema(dataset)
    try:
        return s.validate(df, lazy=True), []
    except SchemaErrors as exc:
        return None, _failures(dataset, df, exc.failure_cases)
    except SchemaError as exc:
        return None, [Failure(dataset, str(exc).splitlines()[0], None, df.head(0))]


def _failures(dataset: str, df: pd.DataFrame, cases: pd.DataFrame) -> list[Failure]:
    """One failure per check (per column for column checks), with the failing rows."""
    cases = cases.copy()
    frame_level = cases["schema_context"].astype(str) == "DataFrameSchema"
    cases["where"] = cases["column"].astype(str).where(~frame_level, "")
    out = []
    for (check, column), group in cases.groupby(
        [cases["check"].astype(str), cases["where"]], sort=True
    ):
        index = [i for i in group["index"].dropna().unique() if i in df.index]
        rows = df.loc[index] if index else group.drop(columns=["where"])
        out.append(Failure(dataset, check, column or None, rows))
    return out


def check_links(frames: dict[str, pd.DataFrame]) -> list[Failure]:
    """The links between datasets (``FOREIGN_KEYS``): every row whose columns name no row of
    the dataset it refers to fails, as a Failure of its dataset. A row whose linking columns
    are all empty links nothing (a key figure that is not classified). A vocabulary that is
    not among ``frames`` is the contract's (``schemas/``)."""
    from .vocabularies import vocabulary_frames

    frames = {**vocabulary_frames(), **frames}
    failures = []
    for name, links in sorted(FOREIGN_KEYS.items()):
        if name not in frames:
            continue
        df = frames[name]
        for own, other, theirs in links:
            if other not in frames:
                continue
            known = set(_texts(frames[other][theirs]))
            empty = df[own].isna().all(axis=1).tolist()
            bad = [
                not blank and v not in known
                for v, blank in zip(_texts(df[own]), empty, strict=True)
            ]
            if any(bad):
                check = f"foreign_key({', '.join(own)} -> {other}({', '.join(theirs)}))"
                failures.append(Failure(name, check, None, df[bad]))
    return failures


def _texts(df: pd.DataFrame) -> list[tuple]:
    """Each row's values as text, so that 2024 and "2024" link alike."""
    return list(df.astype(str).itertuples(index=False, name=None))
