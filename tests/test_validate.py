"""`reportparse validate [FOLDER]`: every file against its bytes and hash, the schemas, the
links and each Parquet file against its CSV; a damaged folder is one line per finding."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import reportparse
from reportparse.cli import main


def _copy(published, tmp_path) -> Path:
    _, good = published
    out = tmp_path / "extracted"
    shutil.copytree(good, out)
    return out


def _hash(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def _validate(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def _resources(out: Path) -> dict[str, dict]:
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r for r in package["resources"]}


def _edit_observation(out: Path) -> str:
    """Change 6391 to 6392 in observations.csv (the 2017 finishers); the old hash."""
    path = out / "observations.csv"
    before = _hash(path)
    text = path.read_text(encoding="utf-8")
    assert text.count(",6391,") == 1
    path.write_text(text.replace(",6391,", ",6392,"), encoding="utf-8")
    return before


def test_a_valid_folder_passes(published):
    _, out = published
    res = _validate(str(out))
    assert res.exit_code == 0, res.output
    assert res.output == (
        f"{out}: 15 datasets and 23 printed tables are valid, every file as published\n"
    )


def test_a_one_digit_edit_is_caught(published, tmp_path):
    out = _copy(published, tmp_path)
    before = _edit_observation(out)
    res = _validate(str(out))
    assert res.exit_code == 1
    assert res.output.splitlines() == [
        f"observations.csv: hash: {_hash(out / 'observations.csv')}, datapackage.json says "
        f"{before}",
        "observations.csv: parquet: its rows differ from those of observations-parquet",
        f"2 finding(s) in {out}",
    ]


def test_json_gives_one_object_per_finding(published, tmp_path):
    out = _copy(published, tmp_path)
    before = _edit_observation(out)
    res = _validate(str(out), "--format", "json")
    assert res.exit_code == 1
    *lines, last = res.output.splitlines()
    assert last == f"2 finding(s) in {out}"
    assert [json.loads(line) for line in lines] == [
        {
            "check": "hash",
            "resource": "observations",
            "path": "observations.csv",
            "message": f"{_hash(out / 'observations.csv')}, datapackage.json says {before}",
            "rows": [],
        },
        {
            "check": "parquet",
            "resource": "observations",
            "path": "observations.csv",
            "message": "its rows differ from those of observations-parquet",
            "rows": [],
        },
    ]


def test_an_edited_or_deleted_parquet_file_is_caught(published, tmp_path):
    out = _copy(published, tmp_path)
    path = out / "observations.parquet"
    before = _hash(path)
    frame = pd.read_parquet(path)
    frame.loc[frame.value == 6391, "value"] = 6392.0
    frame.to_parquet(path)
    res = _validate(str(out))
    assert res.output.splitlines() == [
        f"observations.parquet: hash: {_hash(path)}, datapackage.json says {before}",
        "observations.csv: parquet: its rows differ from those of observations-parquet",
        f"2 finding(s) in {out}",
    ]
    with pytest.raises(ValueError) as info:
        reportparse.read("observations", out)
    assert str(info.value) == (
        f"{out}: observations.parquet is not the file published (its sha256 differs from "
        "datapackage.json); run `reportparse validate` on the folder"
    )
    path.unlink()
    res = _validate(str(out))
    assert res.exit_code == 1
    assert res.output.splitlines() == [
        "observations.parquet: file: the file is missing",
        f"1 finding(s) in {out}",
    ]


def test_read_refuses_an_edited_csv(published, tmp_path):
    out = _copy(published, tmp_path)
    path = out / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-06-16", "2026-06-17"))
    (out / "sources.parquet").unlink()  # read would take the Parquet file; now the CSV
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "sources-parquet"]
    (out / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(ValueError, match=r"sources\.csv is not the file published"):
        reportparse.read("sources", out)
    assert len(reportparse.read("observations", out)) == 529


def test_a_broken_schema_and_link_print_their_rows(published, tmp_path):
    out = _copy(published, tmp_path)
    path = out / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    troms = next(
        i for i, line in enumerate(lines) if ",55,Troms,kvinner," in line and ",2025," in line
    )
    lines[troms] = lines[troms].replace(",56,percent,", ",156,percent,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    figures = out / "key_figures.csv"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace("\nimdi-nyhet-resultater-2017,", "\nimdi-nyhet-2099,"))
    res = _validate(str(out))
    assert res.exit_code == 1
    heads = [line for line in res.output.splitlines() if not line.startswith("    ")]
    rows = text.count("\nimdi-nyhet-resultater-2017,")
    published = _resources(out)
    assert heads == [
        f"key_figures.csv: bytes: {figures.stat().st_size} bytes, datapackage.json says "
        f"{published['key_figures']['bytes']}",
        f"key_figures.csv: hash: {_hash(figures)}, datapackage.json says "
        f"{published['key_figures']['hash']}",
        f"observations.csv: bytes: {path.stat().st_size} bytes, datapackage.json says "
        f"{published['observations']['bytes']}",
        f"observations.csv: hash: {_hash(path)}, datapackage.json says "
        f"{published['observations']['hash']}",
        "key_figures.csv: parquet: its rows differ from those of key_figures-parquet",
        "observations.csv: schema: gender_total_between(tolerance=0): 3 failing row(s)",
        "observations.csv: schema: percent_within(unit_column=unit, low=0, high=100): "
        "1 failing row(s)",
        "observations.csv: parquet: its rows differ from those of observations-parquet",
        f"key_figures.csv: link: foreign_key(source_id -> sources(source_id)): {rows} "
        "failing row(s)",
        f"9 finding(s) in {out}",
    ]
    assert (
        "    indicator=share_work_or_education, year=2025, region_code=55, region_name=Troms, "
        "gender=kvinner, group=alle, age_group=alle, education=alle, category=alle, value=156.0"
    ) in res.output


@pytest.mark.parametrize(
    "text, line",
    [
        ("{", "datapackage.json is not JSON (Expecting property name enclosed in double "
              "quotes: line 1 column 2 (char 1))"),
        ("[]", "datapackage.json holds a list, not an object"),
        ("null", "datapackage.json holds a null, not an object"),
        ('{"contract_version": "1.0.0", "resources": []}',
         "contract_version is '1.0.0'; this reportparse checks contract 2.0.0"),
        ('{"contract_version": "2.0.0"}', "datapackage.json has no list of resources"),
        ("\udcff", "datapackage.json is not UTF-8 text"),
    ],
)  # fmt: skip
def test_a_malformed_datapackage_is_one_line(tmp_path, text, line):
    (tmp_path / "datapackage.json").write_bytes(text.encode("utf-8", "surrogateescape"))
    res = _validate(str(tmp_path))
    assert res.exit_code == 1
    assert res.output == f"datapackage.json: datapackage: {line}\n1 finding(s) in {tmp_path}\n"


def test_a_resource_without_format_is_one_line(published, tmp_path):
    out = _copy(published, tmp_path)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    del resources["units"]["format"]
    resources["table-imdi-nokkeltall-2025-tabell-1"]["dialect"] = "no header"
    resources["genders"]["path"] = ["genders.csv"]
    package["resources"].append(7)
    (out / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    res = _validate(str(out))
    assert res.exit_code == 1
    assert res.output.splitlines() == [
        "datapackage.json: datapackage: resource units: its format is None, not csv or parquet",
        "['genders.csv']: path: its path ['genders.csv'] is not a file name",
        "datapackage.json: datapackage: resource table-imdi-nokkeltall-2025-tabell-1: its "
        "dialect is not an object",
        "datapackage.json: datapackage: a resource is 7, not an object",
        "datapackage.json: datapackage: no resource units (a dataset of the contract)",
        f"5 finding(s) in {out}",
    ]


def test_a_malformed_csv_is_one_line(published, tmp_path):
    out = _copy(published, tmp_path)
    path = out / "units.csv"
    path.write_text("id,label,label_en,definition\na,b,c,d\ne,f,g,h,i,j\n", encoding="utf-8")
    res = _validate(str(out))
    lines = res.output.splitlines()
    assert res.exit_code == 1
    assert lines[0].startswith("units.csv: bytes: 49 bytes, datapackage.json says ")
    assert lines[1].startswith("units.csv: hash: sha256:")
    assert lines[2:] == [
        "units.csv: read: not readable as csv: Error tokenizing data. C error: Expected 4 "
        "fields in line 3, saw 6",
        f"3 finding(s) in {out}",
    ]
    path.write_bytes(b"id,label,label_en,definition\n\xff\xfe,x,y,z\n")
    lines = _validate(str(out)).output.splitlines()
    assert lines[2].startswith("units.csv: read: not readable as csv: 'utf-8' codec can't decode")
    assert "Traceback" not in res.output


def test_paths_out_of_the_folder_are_refused_and_never_read(published, tmp_path, monkeypatch):
    out = _copy(published, tmp_path)
    outside = tmp_path / "outside.csv"
    shutil.copy(out / "units.csv", outside)
    (out / "link.csv").symlink_to(outside)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in package["resources"]}
    by_name["units"]["path"] = "../outside.csv"
    by_name["genders"]["path"] = str(outside)
    by_name["groups"]["path"] = "link.csv"
    (out / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    opened = []
    real_open = open

    def watched(file, *args, **kwargs):
        opened.append(os.path.realpath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watched)
    res = _validate(str(out))
    monkeypatch.undo()
    assert res.exit_code == 1
    lines = res.output.splitlines()
    assert lines[:3] == [
        "../outside.csv: path: its path ../outside.csv leaves the folder",
        f"{outside}: path: its path {outside} is absolute; a resource lies inside the folder",
        f"link.csv: path: its path link.csv leads out of the folder (to {outside})",
    ]
    assert not any(p.startswith(str(tmp_path)) and not p.startswith(str(out)) for p in opened)
    assert str(outside) not in opened


def test_the_folder_is_an_argument_and_out_a_hidden_alias(published):
    _, out = published
    res = _validate("--out", str(out))
    assert res.exit_code == 0, res.output
    help_text = _validate("-h").output
    assert "--out" not in help_text and "[FOLDER]" in help_text
    res = _validate(str(out), "--out", "elsewhere")
    assert res.exit_code == 1
    assert res.output == f"Error: name the folder once: {out} or --out elsewhere\n"


def test_printed_tables_validated_together_keep_their_findings_in_place(published, tmp_path):
    """The printed tables are checked in one pandera pass; each table's findings still come
    with its own rows, right after its file's findings, as if it had been checked alone."""
    out = _copy(published, tmp_path)
    folder = out / "tables" / "imdi-rapport-2021"
    edits = [("tabell-10.csv", "2021,6 318,", "2021,6 318*,"),
             ("tabell-13.csv", "Agder,58 %,", "Agder,*58 %,")]  # fmt: skip
    published_as = _resources(out)
    for name, old, new in edits:
        text = (folder / name).read_text(encoding="utf-8")
        assert text.count(old) == 1
        (folder / name).write_text(text.replace(old, new), encoding="utf-8")
    res = _validate(str(out))
    assert res.exit_code == 1
    check = r"cells_clean(marker_pattern=(?:\S\*+(?:\s|$))|(?:^\*+\S))"
    lines = []
    for name, row in [("tabell-10", "c0=2021, c1=6 318*, c2=4 277, c3=10 595"),
                      ("tabell-13", "c0=Agder, c1=*58 %, c2=42 %")]:  # fmt: skip
        path = folder / f"{name}.csv"
        was = published_as[f"table-imdi-rapport-2021-{name}"]
        lines += [
            f"tables/imdi-rapport-2021/{name}.csv: bytes: {path.stat().st_size} bytes, "
            f"datapackage.json says {was['bytes']}",
            f"tables/imdi-rapport-2021/{name}.csv: hash: {_hash(path)}, datapackage.json says "
            f"{was['hash']}",
            f"tables/imdi-rapport-2021/{name}.csv: schema: {check}: 1 failing row(s)",
            f"    {row}",
        ]
    assert res.output.splitlines() == [*lines, f"6 finding(s) in {out}"]
