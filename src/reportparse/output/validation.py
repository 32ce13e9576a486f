"""Validate data frames against the pandera schemas of ``schemas/`` and report every failure."""

from __future__ import annotations

import bisect
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


def extra_checks(calls: list[CheckCall]) -> list[pa.Check]:
    """The named checks of a spec entry (its cross-checks or completeness rules)."""
    return [getattr(pa.Check, call.check)(**call.params) for call in calls]


def with_checks(base: str, extra: list[CheckCall]) -> pa.DataFrameSchema:
    """A schema of schemas/ with more named checks (a table's cross-checks from its spec)."""
    s = schema(base)
    added = extra_checks(extra)
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


def _by_check(cases: pd.DataFrame):
    """pandera's failure cases grouped by check and column ("" for a check of the frame)."""
    cases = cases.copy()
    frame_level = cases["schema_context"].astype(str) == "DataFrameSchema"
    cases["where"] = cases["column"].astype(str).where(~frame_level, "")
    return cases.groupby([cases["check"].astype(str), cases["where"]], sort=True)


def _failures(dataset: str, df: pd.DataFrame, cases: pd.DataFrame) -> list[Failure]:
    """One failure per check (per column for column checks), with the failing rows."""
    out = []
    for (check, column), group in _by_check(cases):
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
    columns = _Columns(frames)
    failures = []
    for name, links in sorted(FOREIGN_KEYS.items()):
        if name not in frames:
            continue
        for own, other, theirs in links:
            if other not in frames:
                continue
            known = set(columns.texts(other, theirs))
            bad = [
                not blank and v not in known
                for v, blank in zip(columns.texts(name, own), columns.empty(name, own), strict=True)
            ]
            if any(bad):
                check = f"foreign_key({', '.join(own)} -> {other}({', '.join(theirs)}))"
                failures.append(Failure(name, check, None, frames[name][bad]))
    return failures


class _Columns:
    """The columns of ``frames`` as text and as missing or not, each made once, however many
    links read it. Text, so that 2024 and "2024" link alike: a row's values are the tuple of
    its columns' texts, as ``DataFrame.astype(str)`` gives them."""

    def __init__(self, frames: dict[str, pd.DataFrame]) -> None:
        self._frames = frames
        self._text: dict[tuple[str, str], list[str]] = {}
        self._missing: dict[tuple[str, str], list[bool]] = {}

    def texts(self, name: str, columns: list[str]) -> list[tuple]:
        """Each row's values in ``columns``, as text."""
        for column in columns:
            if (name, column) not in self._text:
                self._text[name, column] = self._frames[name][column].astype(str).tolist()
        return list(zip(*(self._text[name, c] for c in columns), strict=True))

    def empty(self, name: str, columns: list[str]) -> list[bool]:
        """Whether each row's ``columns`` are all missing."""
        for column in columns:
            if (name, column) not in self._missing:
                self._missing[name, column] = self._frames[name][column].isna().tolist()
        return [all(row) for row in zip(*(self._missing[name, c] for c in columns), strict=True)]


def validate_each(
    base: pa.DataFrameSchema, parts: list[tuple[str, pd.DataFrame, list[pa.Check]]]
) -> list[Failure]:
    """Validate several frames of one kind (each named, with checks of its own besides
    ``base``'s) in one pandera pass, as each alone would be: the frames are stacked, the
    columns checked once (a column's checks look at one row at a time), and every frame
    check runs on the rows of its own frame, with that frame's columns. Each failure goes
    back to the frame whose rows fail, under its name. One pass instead of one per table:
    pandera's cost per validation is most of the cost of validating a table."""
    parts = [(name, df, extra) for name, df, extra in parts]
    if not parts:
        return []
    if base.unique:  # a key unique within each frame, not across them: one at a time
        return [f for name, df, extra in parts for f in validate(name, df, _with(base, extra))[1]]
    starts, checks = [], []
    start = 0
    for _, df, extra in parts:
        starts.append(start)
        for check in [*base.checks, *extra]:
            checks.append(_on_rows(check, start, start + len(df), list(df.columns)))
        start += len(df)
    stacked = pd.concat([df for _, df, _ in parts], ignore_index=True)
    schema_ = copy.copy(base)
    schema_.checks = checks
    try:
        schema_.validate(stacked, lazy=True)
        return []
    except SchemaErrors as exc:
        cases = exc.failure_cases
    except SchemaError as exc:
        return [Failure(name, str(exc).splitlines()[0], None, df.head(0)) for name, df, _ in parts]
    return _failures_of_parts(parts, starts, cases)


def _with(base: pa.DataFrameSchema, extra: list[pa.Check]) -> pa.DataFrameSchema:
    if not extra:
        return base
    extended = copy.deepcopy(base)
    extended.checks = [*base.checks, *extra]
    return extended


def _on_rows(check: pa.Check, start: int, stop: int, columns: list) -> pa.Check:
    """``check`` on rows ``start:stop`` of a stacked frame, with ``columns`` alone (one
    frame's rows and columns, as that frame was validated alone); True elsewhere."""

    named = CHECKS.get(check.name)  # a contract check: called as itself, without pandera's
    params = dict(check.statistics or {})  # machinery for every frame

    def run(df: pd.DataFrame) -> pd.Series:
        out = pd.Series(True, index=df.index)
        rows = df.iloc[start:stop][columns]
        result = named(rows, **params) if named else check(rows).check_output
        if isinstance(result, pd.DataFrame):
            result = result.all(axis="columns")
        if isinstance(result, pd.Series):
            out.iloc[start:stop] = result.to_numpy(dtype=bool)
        elif not bool(result):
            out.iloc[start:stop] = False
        return out

    return pa.Check(run, name=check.name, error=check.error or check.name)


def _failures_of_parts(parts, starts: list[int], cases: pd.DataFrame) -> list[Failure]:
    """The failure cases of a stacked frame, one Failure per frame, check and column, as
    ``_failures`` gives them for each frame alone."""
    out = []
    for (check, column), group in _by_check(cases):
        rows: dict[int, list[int]] = {}
        for i in group["index"].dropna().unique():
            at = bisect.bisect_right(starts, int(i)) - 1
            rows.setdefault(at, []).append(int(i) - starts[at])
        for at, (name, df, _) in enumerate(parts):
            if at in rows:
                out.append(Failure(name, check, column or None, df.iloc[rows[at]]))
            elif group["index"].isna().all():  # about no row: the frames share it
                out.append(Failure(name, check, column or None, group.drop(columns=["where"])))
    order = {name: i for i, (name, _, _) in enumerate(parts)}
    return sorted(out, key=lambda f: (order[f.dataset], f.check, f.column or ""))
