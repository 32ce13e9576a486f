"""Publishing: deterministic bytes, the committed extracted/ reproduced, a valid datapackage."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pyarrow.parquet as pq

from reportparse.output.outdir import MARKER
from reportparse.run.pipeline import run

from conftest import RAW, ROOT


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_second_run_is_byte_identical(published, tmp_path):
    _, first = published
    second = tmp_path / "again"
    assert run(RAW, second, cache_dir=tmp_path / "cache").published
    assert _files(first) == _files(second)


def test_committed_extracted_is_what_raw_gives(published):
    _, out = published
    committed = ROOT / "extracted"
    cmp = filecmp.dircmp(committed, out)
    assert sorted(_files(committed)) == sorted(_files(out))
    assert _files(committed) == _files(out), "run `make extract` and commit extracted/"
    assert not cmp.diff_files


def test_datapackage_describes_every_file(published):
    _, out = published
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["contract_version"] == "1.0.0"
    paths = {r["path"] for r in package["resources"]}
    files = {k for k in _files(out) if k not in ("datapackage.json", MARKER)}
    assert paths == files
    obs = next(r for r in package["resources"] if r["name"] == "observations")
    assert obs["schema"]["primaryKey"] == [
        "indicator", "year", "region_code", "gender", "group", "age_group", "education", "category"
    ]  # fmt: skip
    fields = {f["name"]: f for f in obs["schema"]["fields"]}
    assert fields["year"]["type"] == "integer"
    assert fields["approximate"]["type"] == "boolean"
    assert all(f["description"] for f in fields.values())
    sources = {s["path"] for s in package["sources"]}
    assert sources == {"raw/" + p.name for p in RAW.iterdir() if not p.name.startswith(".")}


def test_parquet_matches_csv(published):
    result, out = published
    table = pq.read_table(out / "observations.parquet")
    assert table.column_names == list(result.frames["observations"].columns)
    assert table.num_rows == len(result.frames["observations"])
    types = {f.name: str(f.type) for f in table.schema}
    assert (types["year"], types["page"], types["value"], types["approximate"]) == (
        "int64",
        "int64",
        "double",
        "bool",
    )
    assert table.column("region_code").to_pylist()[0] == "00"


def test_failed_validation_publishes_nothing(tmp_path, monkeypatch, warm_cache):
    from reportparse.output import validation

    out = tmp_path / "extracted"
    out.mkdir()
    (out / "keep.txt").write_text("previous")
    real = validation.validate

    def fail_observations(dataset, df, s=None):
        if dataset == "observations":
            return None, [validation.Failure(dataset, "forced", None, df.head(1))]
        return real(dataset, df, s)

    monkeypatch.setattr("reportparse.run.pipeline.validate", fail_observations)
    result = run(RAW, out, cache_dir=warm_cache)
    assert not result.published
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert not list(tmp_path.glob(".extracted.*"))
