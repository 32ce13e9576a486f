"""Publishing: deterministic bytes, the committed extracted/ reproduced, a valid datapackage."""

from __future__ import annotations

import filecmp
import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from reportparse.model import KEY
from reportparse.output.outdir import MARKER
from reportparse.run.pipeline import run

from conftest import RAW, ROOT


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.slow  # a second cold read of the whole corpus
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
    assert package["contract_version"] == "2.0.0"
    assert package["profile"] == "tabular-data-package"
    paths = {r["path"] for r in package["resources"]}
    files = {k for k in _files(out) if k not in ("datapackage.json", MARKER)}
    assert paths == files
    assert {r["profile"] for r in package["resources"]} == {"tabular-data-resource"}
    obs = next(r for r in package["resources"] if r["name"] == "observations")
    assert obs["schema"]["primaryKey"] == [
        "indicator", "year", "region_code", "gender", "group", "age_group", "education", "category"
    ]  # fmt: skip
    fields = {f["name"]: f for f in obs["schema"]["fields"]}
    assert fields["year"]["type"] == "integer"
    assert fields["approximate"]["type"] == "boolean"
    assert fields["region_code"]["constraints"] == {
        "required": True, "pattern": r"^(\d{2}|\d{4})$"
    }  # fmt: skip
    assert all(f["description"] for f in fields.values())
    # the documents, by file name and hash; a path into raw/ would name nothing beside extracted/
    assert [sorted(s) for s in package["sources"]] == [["file", "sha256", "title"]] * 5
    assert {s["file"] for s in package["sources"]} == {
        p.name for p in RAW.iterdir() if not p.name.startswith(".")
    }


def test_every_resource_has_its_bytes_and_hash(published):
    _, out = published
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        data = (out / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), res["path"]
        if res["format"] == "csv":
            assert res["bytes"] == len(data), res["path"]
        else:  # Frictionless 5 cannot count a Parquet file's bytes and fails a declared count
            assert (res["format"], "bytes" in res) == ("parquet", False)


def test_every_dataset_has_a_primary_key_and_its_links(published):
    _, out = published
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["name"]: r["schema"] for r in package["resources"] if "-" not in r["name"]}
    assert {name: s["primaryKey"] for name, s in schemas.items()} == {
        "sources": ["source_id"],
        "tables": ["source_id", "table_id"],
        "table_notes": ["source_id", "table_id", "n"],
        "key_figures": ["source_id", "n"],
        "observations": list(KEY),
        "conflicts": [*KEY, "n"],
        "programme_rules": ["source_id", "paragraph", "end_goal"],
        "indicators": ["id"],
        "units": ["id"],
        "regions": ["code"],
        "genders": ["id"],
        "groups": ["id"],
        "age_groups": ["id"],
        "education_levels": ["id"],
        "categories": ["id"],
    }
    links = {
        name: [(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
               for fk in s.get("foreignKeys", [])]
        for name, s in schemas.items()
    }  # fmt: skip
    source = (["source_id"], "sources", ["source_id"])
    unit = (["unit"], "units", ["id"])
    dimensions = [
        (["region_code", "region_name"], "regions", ["code", "name"]),
        (["gender"], "genders", ["id"]),
        (["group"], "groups", ["id"]),
        (["age_group"], "age_groups", ["id"]),
        (["education"], "education_levels", ["id"]),
        (["category"], "categories", ["id"]),
    ]
    vocabularies = ["units", "regions", "genders", "groups", "age_groups", "education_levels",
                    "categories"]  # fmt: skip
    assert links == {
        "sources": [],
        "tables": [source],
        "table_notes": [(["source_id", "table_id"], "tables", ["source_id", "table_id"])],
        "key_figures": [source, (["indicator"], "indicators", ["id"]), unit, *dimensions],
        "observations": [source, (["indicator", "unit"], "indicators", ["id", "unit"]), unit,
                         *dimensions],
        "conflicts": [(list(KEY), "observations", list(KEY)), source],
        "programme_rules": [source],
        "indicators": [unit],
        **{name: [] for name in vocabularies},
    }  # fmt: skip
    fields = {f["name"]: f["type"] for f in schemas["sources"]["fields"]}
    assert fields["published"] == "date"


def test_a_broken_link_fails_before_publishing(published):
    """The links are checked, not only declared: a conflict whose key names no observation."""
    from reportparse.output.validation import check_links

    result, _ = published
    frames = dict(result.frames)
    assert check_links(frames) == []
    conflicts = frames["conflicts"].copy()
    conflicts.loc[0, "year"] = 1999
    frames["conflicts"] = conflicts
    (failure,) = check_links(frames)
    assert failure.dataset == "conflicts"
    assert failure.check == (
        "foreign_key(indicator, year, region_code, gender, group, age_group, education, "
        "category -> observations(indicator, year, region_code, gender, group, age_group, "
        "education, category))"
    )
    assert failure.rows.index.tolist() == [0]


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
    nullable = {f.name: f.nullable for f in table.schema}
    assert (nullable["year"], nullable["page"]) == (False, True)
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


def test_the_contract_version_is_the_one_the_contract_and_the_changelog_state():
    from reportparse.output.publish import CONTRACT_VERSION

    contract = (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"The current version is **{CONTRACT_VERSION}**" in contract
    assert changelog.splitlines()[8] == f"## [Unreleased] (contract {CONTRACT_VERSION})"
    committed = json.loads((ROOT / "extracted" / "datapackage.json").read_text(encoding="utf-8"))
    assert committed["contract_version"] == CONTRACT_VERSION == "2.0.0"
