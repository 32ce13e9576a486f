"""The vocabularies published beside the datasets, and the links to them: a folder holding only
the published files says what every id means, and Frictionless checks every link."""

from __future__ import annotations

import hashlib
import json
import shutil

import frictionless
import pandas as pd

import reportparse
from reportparse.output.validation import check_links


def test_indicators_carry_unit_labels_and_definition(published):
    _, out = published
    indicators = reportparse.read("indicators", out).set_index("id")
    assert indicators.loc["share_work_or_education"].tolist() == [
        "Andel med overgang til arbeid og/eller utdanning (måloppnåelse)",
        "Share going on to work and/or education (goal attainment)",
        "percent",
        "Andel av dem som avsluttet program i året som gikk direkte over til arbeid og/eller "
        "utdanning (videregående eller høyere), i prosent.",
    ]
    observations = reportparse.read("observations", out)
    assert set(observations.indicator) <= set(indicators.index)
    units = reportparse.read("units", out).set_index("id")
    assert units.loc["percentage_points", ["label", "label_en"]].tolist() == [
        "prosentpoeng",
        "percentage points",
    ]


def test_regions_say_the_years_each_is_in_force(published):
    _, out = published
    regions = reportparse.read("regions", out).set_index("code")
    assert list(regions.columns) == ["name", "level", "valid_from", "valid_to"]
    rows = regions.loc[["50", "54", "55", "0301"]].astype(object)
    assert rows.where(rows.notna(), None).values.tolist() == [
        ["Trøndelag", "county", 2018, None],
        ["Troms og Finnmark", "county", 2020, 2023],
        ["Troms", "county", 2024, None],
        ["Oslo", "municipality", 1972, None],
    ]
    in_2019 = regions[(regions.level == "county") & (regions.valid_from <= 2019)
                      & (regions.valid_to.fillna(9999) >= 2019)]  # fmt: skip
    assert len(in_2019) == 18


def test_dimension_vocabularies(published):
    _, out = published
    ages = reportparse.read("age_groups", out).set_index("id")
    assert ages.loc["55+", ["label_en", "age_min"]].tolist() == ["55 years and over", 55]
    assert pd.isna(ages.loc["55+", "age_max"])
    assert reportparse.read("genders", out).label_en.tolist() == ["all", "women", "men"]
    groups = reportparse.read("groups", out).set_index("id")
    assert groups.loc["ukraina", "label_en"] == "displaced from Ukraine"
    education = reportparse.read("education_levels", out).id.tolist()
    assert education == ["alle", "spor1", "spor2", "spor3", "høyere utdanning"]
    assert len(reportparse.read("categories", out)) == 10


def test_links_to_the_vocabularies_are_checked(published):
    result, _ = published
    frames = dict(result.frames)
    obs = frames["observations"].copy()
    obs.loc[0, "gender"] = "damer"
    obs.loc[1, "unit"] = "percent"  # finishers are counted in persons
    obs.loc[2, "region_name"] = "Vikna"
    frames["observations"] = obs
    failures = {f.check: f.rows.index.tolist() for f in check_links(frames)}
    assert (obs.loc[1, "indicator"], obs.loc[2, "region_code"]) == ("finishers", "00")
    assert failures == {
        "foreign_key(gender -> genders(id))": [0],
        "foreign_key(indicator, unit -> indicators(id, unit))": [1],
        "foreign_key(region_code, region_name -> regions(code, name))": [2],
    }


def test_an_unclassified_key_figure_links_nothing(published):
    result, _ = published
    figures = result.frames["key_figures"]
    unclassified = figures[figures.indicator.isna()]
    assert len(unclassified) == 63
    assert check_links({"key_figures": figures, "sources": result.frames["sources"]}) == []
    figures = figures.copy()
    figures.loc[unclassified.index[0], "category"] = "Språkpraksis"
    (failure,) = check_links({"key_figures": figures, "sources": result.frames["sources"]})
    assert failure.check == "foreign_key(category -> categories(id))"
    assert failure.rows.index.tolist() == [unclassified.index[0]]


def test_frictionless_checks_the_links_to_the_vocabularies(published, tmp_path):
    _, good = published
    out = tmp_path / "extracted"
    shutil.copytree(good, out)
    path = out / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if ",kvinner," in line)
    lines[row] = lines[row].replace(",kvinner,", ",damer,")
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["path"] == "observations.csv":
            res["bytes"] = len(text.encode())
            res["hash"] = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
        if res["name"] == "observations":  # the enum alone would catch it: leave the link
            for field in res["schema"]["fields"]:
                field.get("constraints", {}).pop("enum", None)
    (out / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = frictionless.validate(out / "datapackage.json")
    errors = [(t.name, e.type, e.note) for t in report.tasks for e in t.errors]
    assert errors == [
        (
            "observations",
            "foreign-key",
            'for "gender": values "damer" not found in the lookup table "genders" as "id"',
        )
    ]


def test_every_vocabulary_of_the_contract_passes_its_schema():
    from reportparse.output.validation import validate
    from reportparse.output.vocabularies import vocabulary_frames

    frames = vocabulary_frames()
    assert sorted(frames) == sorted(["indicators", "units", "regions", "genders", "groups",
                                     "age_groups", "education_levels", "categories"])  # fmt: skip
    assert {name: validate(name, df)[1] for name, df in frames.items()} == {
        name: [] for name in frames
    }
    assert check_links(frames) == []  # each indicator's unit is a unit
