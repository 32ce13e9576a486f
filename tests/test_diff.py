"""`reportparse diff OLD NEW`: what a new release adds, removes and changes, by primary key."""

from __future__ import annotations

import hashlib
import json
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from reportparse.cli import main
from reportparse.model import KEY
from reportparse.output.diff import diff
from reportparse.run.pipeline import run

from conftest import RAW

PAGE = "imdi-nyhet-resultater-2023"


@pytest.fixture(scope="module")
def without_the_page(published, tmp_path_factory, corpus_cache):
    """The corpus published without raw/imdi-nyhet-resultater-2023.html."""
    base = tmp_path_factory.mktemp("without")
    raw = base / "raw"
    raw.mkdir()
    for path in RAW.iterdir():
        if path.name != f"{PAGE}.html" and not path.name.startswith("."):
            shutil.copy(path, raw / path.name)
    cache = base / "cache"
    shutil.copytree(corpus_cache, cache, ignore=shutil.ignore_patterns("runs"))
    result = run(raw, base / "extracted", cache_dir=cache)
    assert result.published
    return base / "extracted"


def test_diff_without_a_page_lists_exactly_its_observations(published, without_the_page):
    result, today = published
    changes = diff(today, without_the_page)
    obs = result.frames["observations"]
    theirs = obs[obs.source_id == PAGE]
    assert len(theirs) == 7
    listed = [c for c in changes if c.dataset == "observations"]
    assert sorted((c.indicator, c.year, *c.key.values()) for c in listed) == sorted(
        tuple(row) for row in theirs[list(KEY)].itertuples(index=False, name=None)
    )
    assert all(c.old_source.startswith(f"{PAGE} [") for c in listed)
    figures = result.frames["key_figures"]
    gone = [c for c in changes if c.dataset == "key_figures"]
    assert {c.change for c in gone} == {"removed"}
    assert sorted(c.key["n"] for c in gone) == sorted(figures[figures.source_id == PAGE].n.tolist())
    assert len(changes) == len(listed) + len(gone) == 7 + 11


def test_diff_prints_old_and_new_side_by_side(published, without_the_page):
    _, today = published
    res = CliRunner().invoke(main, ["diff", str(today), str(without_the_page), "--format", "csv"])
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert lines[0] == (
        "change,dataset,indicator,year,key,old_value,new_value,old_source,new_source,columns"
    )
    assert lines[7] == (
        'removed,observations,share_work_or_education,2023,"whole country, all",'
        '50 percent (approximate),,"imdi-nyhet-resultater-2023 [sentence ""Av de 11 400 '
        'flyktninger som avsluttet introduksjonsprogr...""]",,'
    )
    assert len(lines) == 1 + 18
    res = CliRunner().invoke(main, ["diff", str(today), str(without_the_page), "--exit-code"])
    assert res.exit_code == 1
    assert res.output.splitlines()[-1] == "0 added, 18 removed, 0 changed"
    summary = res.output.splitlines()[:3]
    assert summary[2].split() == ["observations", "finishers", "2022", "0", "1", "0"]


def _republished(folder, tmp_path, edit) -> object:
    """A copy of ``folder`` with observations.parquet edited by ``edit`` and its hash
    updated, as a run that read a revised report would publish it."""
    out = tmp_path / "new"
    shutil.copytree(folder, out)
    path = out / "observations.parquet"
    frame = pd.read_parquet(path)
    edit(frame)
    frame.to_parquet(path)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["path"] == "observations.parquet":
            res["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    (out / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return out


def test_a_changed_value_is_shown_with_both_sources(published, tmp_path):
    _, today = published

    def revise(frame):
        frame.loc[frame.value == 6391, ["value", "page"]] = [6392.0, 2]

    new = _republished(today, tmp_path, revise)
    res = CliRunner().invoke(main, ["diff", str(today), str(new), "--format", "json"])
    assert res.exit_code == 0
    sentence = '[sentence "Det var 6391 deltakere som avsluttet introduksjonsprogram..."]'
    assert json.loads(res.output) == [
        {
            "change": "changed",
            "dataset": "observations",
            "indicator": "finishers",
            "year": 2017,
            "key": {"region_code": "00", "gender": "alle", "group": "alle", "age_group": "alle",
                    "education": "alle", "category": "alle"},
            "old_value": "6391 persons",
            "new_value": "6392 persons",
            "old_source": f"imdi-nyhet-resultater-2017 {sentence}",
            "new_source": f"imdi-nyhet-resultater-2017 p. 2 {sentence}",
            "columns": ["value", "page"],
        }
    ]  # fmt: skip


def test_no_change_and_a_damaged_folder(published, tmp_path):
    _, today = published
    res = CliRunner().invoke(main, ["diff", str(today), str(today), "--exit-code"])
    assert (res.exit_code, res.output) == (0, f"no change between {today} and {today}\n")
    broken = tmp_path / "broken"
    shutil.copytree(today, broken)
    (broken / "observations.parquet").write_bytes(b"PAR1")
    res = CliRunner().invoke(main, ["diff", str(today), str(broken)])
    assert res.exit_code == 2
    assert res.output == (
        f"Error: {broken}: observations.parquet is not the file published (its sha256 differs "
        "from datapackage.json); run `reportparse validate` on the folder\n"
    )
