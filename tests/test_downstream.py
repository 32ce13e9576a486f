"""Downstream: the published folder as Frictionless, pandas, pyarrow, polars and DuckDB read
it; ``reportparse.read``; and the README's recipes for reading it."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import shutil
import subprocess
import sys

import duckdb
import frictionless
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
import yaml

import reportparse
from reportparse.published import from_text

from conftest import ROOT

VOCABULARIES = ["indicators", "units", "regions", "genders", "groups", "age_groups",
                "education_levels", "categories"]  # fmt: skip
DATASETS = ["sources", "tables", "table_notes", "key_figures", "observations", "conflicts",
            "programme_rules", *VOCABULARIES]  # fmt: skip
PARQUET = DATASETS  # every dataset has its Parquet file
# (schema dtype, nullable) -> the type in pandas, pyarrow, polars, DuckDB
EXPECTED = {
    ("str", False): ("string", "string", "String", "VARCHAR"),
    ("str", True): ("string", "string", "String", "VARCHAR"),
    ("int64", False): ("int64", "int64", "Int64", "BIGINT"),
    ("Int64", False): ("int64", "int64", "Int64", "BIGINT"),
    ("Int64", True): ("Int64", "int64", "Int64", "BIGINT"),
    ("float64", False): ("float64", "double", "Float64", "DOUBLE"),
    ("Float64", True): ("Float64", "double", "Float64", "DOUBLE"),
    ("bool", False): ("bool", "bool", "Boolean", "BOOLEAN"),
    ("date", True): ("object", "date32[day]", "Date", "DATE"),
}
PANDAS, PYARROW, POLARS, DUCKDB = range(4)


def _expected(name: str, reader: int) -> list[tuple[str, str]]:
    """The columns of ``schemas/<name>.yaml`` and the type ``reader`` should see for each."""
    columns = yaml.safe_load((ROOT / "schemas" / f"{name}.yaml").read_text())["columns"]
    return [(c, EXPECTED[spec["dtype"], spec["nullable"]][reader]) for c, spec in columns.items()]


def _frictionless(*args: str, cwd=None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "frictionless", "validate", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd)


# slow: the command in a process of its own; the fast set keeps frictionless's own validate
# of a whole published package, whose one error is the link each test breaks (below and
# test_vocabularies.py)
@pytest.mark.slow
def test_frictionless_validates_the_committed_package():
    done = _frictionless("--json", "extracted/datapackage.json", cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(done.stdout)
    package = json.loads((ROOT / "extracted" / "datapackage.json").read_text(encoding="utf-8"))
    assert report["valid"] is True
    assert sorted(t["name"] for t in report["tasks"]) == sorted(
        r["name"] for r in package["resources"]
    )
    assert all(t["valid"] and t["errors"] == [] for t in report["tasks"])


def test_frictionless_checks_the_links(published, tmp_path):
    """The foreign keys are checked: observations of a document that is not in sources."""
    _, good = published
    out = tmp_path / "extracted"
    shutil.copytree(good, out)
    path = out / "observations.csv"
    text = path.read_text(encoding="utf-8")
    broken = text.replace(",imdi-rapport-2021,", ",imdi-rapport-2099,")
    path.write_text(broken, encoding="utf-8")
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["path"] == "observations.csv":  # the file's own facts stay right
            res["bytes"] = len(broken.encode())
            res["hash"] = "sha256:" + hashlib.sha256(broken.encode()).hexdigest()
    (out / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = frictionless.validate(out / "datapackage.json")  # what the command runs
    assert report.valid is False
    errors = [(t.name, e.type, e.note) for t in report.tasks for e in t.errors]
    rows = text.count(",imdi-rapport-2021,")
    assert rows > 100
    assert (
        errors
        == [
            (
                "observations",
                "foreign-key",
                'for "source_id": values "imdi-rapport-2099" not found in the lookup table '
                '"sources" as "source_id"',
            )
        ]
        * rows
    )


@pytest.mark.parametrize("name", PARQUET)
def test_every_reader_types_parquet_as_the_schema(published, name):
    _, out = published
    path = out / f"{name}.parquet"
    pandas_types = [(c, str(t)) for c, t in pd.read_parquet(path).dtypes.items()]
    arrow_types = [(f.name, str(f.type)) for f in pq.read_schema(path)]
    polars_types = [(c, str(t)) for c, t in pl.read_parquet(path).schema.items()]
    relation = duckdb.sql(f"SELECT * FROM '{path}'")
    duckdb_types = [(c, str(t)) for c, t in zip(relation.columns, relation.types, strict=True)]
    assert pandas_types == _expected(name, PANDAS)
    assert arrow_types == _expected(name, PYARROW)
    assert polars_types == _expected(name, POLARS)
    assert duckdb_types == _expected(name, DUCKDB)


def test_empty_cells_are_missing_in_every_reader(published):
    """An unclassified figure has no year: null in pandas, polars and DuckDB alike, never
    NaN or 0."""
    _, out = published
    path = out / "key_figures.parquet"
    frame = pd.read_parquet(path)
    unclassified = frame["indicator"].isna()
    assert frame["year"].isna().equals(unclassified) and unclassified.sum() > 0
    assert pl.read_parquet(path)["year"].null_count() == unclassified.sum()
    ((count,),) = duckdb.sql(f"SELECT count(*) FROM '{path}' WHERE year IS NULL").fetchall()
    assert count == unclassified.sum()
    assert frame["page"].isna().sum() == pl.read_parquet(path)["page"].null_count() > 0


def test_a_date_is_a_date(published):
    _, out = published
    kf = reportparse.read("key_figures", out)
    dates = kf[kf.unit == "date"]
    assert list(zip(dates.expression, dates.date, dates.value, strict=True)) == [
        ("20. juni 2025", datetime.date(2025, 6, 20), 20250620),
        ("1. september 2025", datetime.date(2025, 9, 1), 20250901),
        ("1. januar 2026", datetime.date(2026, 1, 1), 20260101),
    ]
    assert kf[kf.unit != "date"].date.isna().all()
    lines = (out / "key_figures.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",category,date,n,rule,matched,missing")
    assert lines[1] == (
        "imdi-integreringsloven-slides-2025,1,20. juni 2025,20. juni 2025,20250620,date,false"
        ",,,,,,,,,,2025-06-20,1,,,"
    )
    sources = reportparse.read("sources", out).set_index("source_id")
    assert sources.loc["imdi-nokkeltall-2025", "published"] == datetime.date(2026, 6, 16)


@pytest.mark.parametrize("name", DATASETS)
def test_read_types_every_dataset_as_the_schema(published, name):
    result, out = published
    frame = reportparse.read(name, out)
    assert [(c, str(t)) for c, t in frame.dtypes.items()] == _expected(name, PANDAS)
    vocabulary = name not in result.frames  # published from schemas/, not from the run
    rows = len(pd.read_csv(out / f"{name}.csv")) if vocabulary else len(result.frames[name])
    assert len(frame) == rows


@pytest.mark.parametrize("name", PARQUET)
def test_read_gives_the_same_frame_from_csv_as_from_parquet(published, name):
    _, out = published
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in package["resources"] if r["name"] == name)["schema"]["fields"]
    text = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(reportparse.read(name, out), from_text(text, fields))


def test_read_keeps_codes_as_text(published):
    _, out = published
    obs = reportparse.read("observations", out)
    assert {"00", "03", "0301"} <= set(obs.region_code)
    table = reportparse.read("table-imdi-nokkeltall-2025-tabell-2", out)
    assert list(table.columns) == ["c0", "c1", "c2", "c3", "c4"]
    assert table.iloc[1].tolist()[0] == "Troms" and table.iloc[1, 4] == "62 %"


def test_read_names_what_it_has(published):
    _, out = published
    with pytest.raises(KeyError) as info:
        reportparse.read("observation", out)
    assert info.value.args[0] == (
        f"{out}: no dataset 'observation' (datasets: sources, tables, table_notes, key_figures, "
        "observations, conflicts, programme_rules, indicators, units, regions, genders, groups, "
        "age_groups, education_levels, categories; printed tables by their resource name in "
        "datapackage.json)"
    )
    with pytest.raises(FileNotFoundError, match=r"no datapackage\.json"):
        reportparse.read("observations", out / "tables")


def test_importing_reportparse_loads_no_pandas_and_read_survives_the_readers():
    """``import reportparse`` stays light; ``reportparse.read`` is the loader, also once the
    document readers (``reportparse.readers``) are imported."""
    probe = (
        "import sys\n"
        "import reportparse\n"
        "light = 'pandas' not in sys.modules\n"
        "first = reportparse.read\n"
        "import reportparse.readers.document\n"
        f"frame = reportparse.read('sources', {str(ROOT / 'extracted')!r})\n"
        "print(light, first.__module__, len(frame))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout == "True reportparse 5\n", done.stderr


def _readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def test_readme_recipes_read_observations_with_their_types(published, tmp_path, monkeypatch):
    """Every Python example of "Read the data" runs, and what it reads has the schema's types
    and the codes as printed."""
    result, out = published
    (tmp_path / "extracted").symlink_to(out)
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", _readme_section("Read the data"), re.S)
    assert len(blocks) == 6
    codes = result.frames["observations"]["region_code"].tolist()
    pandas = {c: t for c, t in _expected("observations", PANDAS)}
    for block in blocks:
        scope: dict = {}
        exec(compile(block, "README.md", "exec"), scope)
        obs = scope["obs"]
        if isinstance(obs, pd.DataFrame):
            if "by_year" in scope:
                assert scope["by_year"].value.tolist()[-1] == 26407.0  # participants 2025
            assert {c: str(t) for c, t in obs.dtypes.items()} == pandas
            assert obs.region_code.tolist() == codes
        elif isinstance(obs, pl.DataFrame):
            assert list(obs.schema.items()) == [
                (c, getattr(pl, t)) for c, t in _expected("observations", POLARS)
            ]
            assert obs["region_code"].to_list() == codes
        elif isinstance(obs, duckdb.DuckDBPyRelation):
            assert [str(t) for t in obs.types] == [t for _, t in _expected("observations", DUCKDB)]
            assert [r[0] for r in obs.select("region_code").fetchall()] == codes
        else:  # Frictionless rows
            assert [row["region_code"] for row in obs] == codes
            assert isinstance(obs[0]["year"], int) and isinstance(obs[0]["approximate"], bool)


def test_readme_lists_the_columns_that_are_not_text():
    table = {}
    for line in _readme_section("Read the data").splitlines():
        if m := re.match(r"\| `(\w+)\.csv` \| (.+) \|$", line):
            table[m.group(1)] = re.findall(r"`(\w+)` (\w+)", m.group(2))
    expected = {
        name: [(c, "date" if t == "object" else t) for c, t in _expected(name, PANDAS)
               if t != "string"]
        for name in DATASETS
    }  # fmt: skip
    assert table == expected
