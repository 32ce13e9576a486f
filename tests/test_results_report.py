"""The 2021 results report through the pipeline: family, pictures, markers, observations and
the cross-checks of its spec. (Cells, notes and key figures are compared with the truth in
test_tables.py and test_key_figures.py.)"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from reportparse import __version__
from reportparse.mapping import tidy
from reportparse.output import frames, validation
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts
from reportparse.specs.load import load_spec

from conftest import RAW, one, truth_json

SOURCE = "imdi-rapport-2021"
COUNTIES_2020 = {
    "Agder": "42", "Innlandet": "34", "Møre og Romsdal": "15", "Nordland": "18", "Oslo": "03",
    "Rogaland": "11", "Troms og Finnmark": "54", "Trøndelag": "50", "Vestfold og Telemark": "38",
    "Vestland": "46", "Viken": "30", "Ukjent": "99", "Hele landet": "00",
}  # fmt: skip


@pytest.fixture(scope="module")
def report(results):
    return results[SOURCE]


@pytest.fixture(scope="module")
def obs(published):
    result, _ = published
    df = result.frames["observations"]
    return df[df.source_id == SOURCE]


def test_recognised_from_its_content(report):
    src = report.source
    assert (src.family, src.year, src.title, src.published, src.pages, src.message) == (
        "resultatrapport", 2021, "Introduksjonsprogram i 2021: Stabile resultater", "2022-06-16",
        18, "",
    )  # fmt: skip
    assert src.parser == f"report {__version__}, specs/resultatrapport/2021.toml"


def test_every_table_is_listed_with_its_method(published):
    _, out = published
    tables = pd.read_csv(out / "tables.csv", dtype=str, keep_default_na=False)
    rows = tables[tables.source_id == SOURCE]
    listed = list(zip(rows.table_id, rows.pages, rows.method, rows.status, strict=True))
    grid, minimal, image = "ruled-grid", "rules+whitespace", "image"
    assert listed == [
        ("utabell-p3-1", "3", grid, "extracted"), ("tabell-1", "4", image, "image_only"),
        ("tabell-2", "5", grid, "extracted"), ("utabell-p6-1", "6", image, "image_only"),
        ("tabell-3", "7", minimal, "extracted"), ("tabell-4", "7", image, "image_only"),
        ("tabell-5", "9", grid, "extracted"), ("tabell-6", "9", grid, "extracted"),
        ("tabell-7", "10", grid, "extracted"), ("tabell-8", "10", grid, "extracted"),
        ("tabell-9a", "11", grid, "extracted"), ("tabell-9b", "11", grid, "extracted"),
        ("tabell-10", "12", minimal, "extracted"), ("tabell-11", "13", image, "image_only"),
        ("tabell-12", "14", image, "image_only"), ("tabell-13", "14", grid, "extracted"),
        ("tabell-14", "15", grid, "extracted"), ("tabell-15", "16", grid, "extracted"),
        ("tabell-16", "17", minimal, "extracted"), ("tabell-17", "17", grid, "extracted"),
    ]  # fmt: skip


@pytest.mark.parametrize("image", truth_json(SOURCE, "images"), ids=lambda i: i["image_id"])
def test_pictures_are_listed_as_image_only(report, image):
    hits = [t for t in report.tables if t.caption == image["caption"]]
    assert len(hits) == 1
    table = hits[0]
    assert (table.status, table.method, table.pages, table.cells) == (
        "image_only", "image", [image["page"]], []
    )  # fmt: skip
    numbered = image["image_id"].startswith("tabell-")
    assert table.table_id == (image["image_id"] if numbered else f"utabell-p{image['page']}-1")


def test_footnote_markers_are_split_from_numbers_by_glyph_size():
    pdf = open_pdf((RAW / f"{SOURCE}.pdf").read_bytes())
    try:
        first = page_layouts(pdf)[0]
    finally:
        pdf.close()
    marked = {s.text: [(m.text, m.offset) for m in s.markers] for s in first.segments}
    line = "hvorav 2 246 startet program i løpet av 2021."
    assert marked[line] == [("1", len("hvorav 2 246"))]
    line = "flyktninger som avsluttet program i 2021."
    assert marked[line] == [("2", len(line) - 1)]
    line = next(t for t in marked if t.startswith("og 58,4. (Deltakere"))
    assert marked[line] == [("2", len("og 58,4"))]


def test_key_figures_have_the_right_values_and_meaning(report):
    figures = report.key_figures
    assert not {22461.0, 20212.0, 58.42} & {f.value for f in figures}
    by_sentence = {(f.sentence, f.value): f.classification for f in figures}
    summary = (
        "10 595 flyktninger deltok i introduksjonsprogram i løpet av 2021, "
        "hvorav 2 246 startet program i løpet av 2021."
    )
    assert (by_sentence[(summary, 10595)].indicator, by_sentence[(summary, 2246)].indicator) == (
        "participants", "starters"
    )  # fmt: skip
    note = "Hvorav 1 064 etter introduksjonsloven og 1 182 etter integreringsloven"
    found = [
        (by_sentence[(note, v)].indicator, by_sentence[(note, v)].category) for v in (1064, 1182)
    ]
    assert found == [("starters", "introduksjonsloven"), ("starters", "integreringsloven")]
    nav = next(f for f in figures if f.value == 58.4)
    assert nav.classification.indicator is None
    dehyphenated = (
        "Tall fra nasjonalt introduksjonsregister (NIR) viser at 49 prosent av disse gikk "
        "direkte over til arbeid eller utdanning."
    )
    assert (dehyphenated, 49) in by_sentence


def test_every_table_with_cells_is_mapped_to_observations(report):
    per_table: dict[str, int] = {}
    for o in report.observations:
        if o.origin == "table":
            tid = o.locator.split(" ")[0]
            per_table[tid] = per_table.get(tid, 0) + 1
    assert per_table == {
        "utabell-p3-1": 9, "tabell-2": 52, "tabell-3": 15, "tabell-5": 12, "tabell-6": 37,
        "tabell-7": 48, "tabell-8": 12, "tabell-9a": 24, "tabell-9b": 25, "tabell-10": 12,
        "tabell-13": 24, "tabell-14": 36, "tabell-15": 36, "tabell-16": 14, "tabell-17": 84,
    }  # fmt: skip
    mapped = {t.table_id for t in report.tables if t.spec}
    assert mapped == {t.table_id for t in report.tables if t.status == "extracted"}


P, PCT = "participants", "share_work_or_education"
CASES = [
    (dict(indicator=P, year=2021, region_code="30"), 2205, "persons", "tabell-2 r11 c3"),
    (dict(indicator=P, year=2021, region_code="30", category="introduksjonsloven"), 1980,
     "persons", "tabell-2 r11 c1"),
    (dict(indicator=P, year=2021, region_code="30", category="integreringsloven"), 225,
     "persons", "tabell-2 r11 c2"),
    (dict(indicator=P, year=2020, region_code="30"), 2727, "persons", "tabell-2 r11 c4"),
    (dict(indicator=PCT, year=2021, age_group="19-24"), 71, "percent", "tabell-3 r1 c1"),
    (dict(indicator="finishers", year=2021, age_group="55+"), 80, "persons", "tabell-3 r7 c2"),
    (dict(indicator=PCT, year=2021, region_code="42"), 44, "percent", "tabell-5 r1 c1"),
    (dict(indicator=PCT, year=2020, region_code="15"), 51, "percent", "tabell-6 r3 c1"),
    (dict(indicator="share_work_or_education_change", year=2021, region_code="15"), -11,
     "percentage_points", "tabell-6 r3 c3"),
    (dict(indicator="share_work", year=2021, region_code="03"), 33, "percent", "tabell-7 r5 c2"),
    (dict(indicator="share_education_upper_secondary", year=2021, region_code="50"), 33,
     "percent", "tabell-7 r8 c3"),
    (dict(indicator="share_education_higher", year=2021, region_code="42"), 6, "percent",
     "tabell-7 r1 c4"),
    (dict(indicator=PCT, year=2021, region_code="3024"), 72, "percent", "tabell-8 r6 c1"),
    (dict(indicator="finishers", year=2021, region_code="0301"), 281, "persons", "tabell-8 r1 c2"),
    (dict(indicator="share_primary_education", year=2021, region_code="42", education="spor1"),
     45, "percent", "tabell-9a r2 c1"),
    (dict(indicator="share_education_upper_secondary", year=2021, region_code="99",
          education="spor2"), 0, "percent", "tabell-9b r13 c2"),
    (dict(indicator=P, year=2018, gender="kvinner"), 11154, "persons", "tabell-10 r4 c1"),
    (dict(indicator=P, year=2019), 20968, "persons", "tabell-10 r3 c3"),
    (dict(indicator="finishers_share", year=2021, region_code="15", gender="kvinner"), 62,
     "percent", "tabell-13 r3 c1"),
    (dict(indicator="finishers_share", year=2021, region_code="46", education="spor3"), 21,
     "percent", "tabell-14 r10 c3"),
    (dict(indicator="finishers", year=2021, age_group="19-24"), 602, "persons", "tabell-3 r1 c2"),
    (dict(indicator="finishers_share", year=2021, age_group="55+"), 2, "percent",
     "tabell-16 r8 c2"),
    (dict(indicator="finishers_share", year=2021, region_code="50", age_group="25-30"), 26,
     "percent", "tabell-17 r8 c2"),
    (dict(indicator=PCT, year=2021, gender="kvinner", education="spor3"), 66, "percent",
     "utabell-p3-1 r1 c3"),
    (dict(indicator=PCT, year=2021, education="spor1"), 32, "percent", "utabell-p3-1 r3 c1"),
]  # fmt: skip


@pytest.mark.parametrize(("key", "value", "unit", "locator"), CASES, ids=[c[3] for c in CASES])
def test_observation(obs, key, value, unit, locator):
    row = one(obs, **key)
    assert (row.value, row.unit, row.locator, bool(row.approximate)) == (
        value, unit, locator, False
    )  # fmt: skip


def test_county_codes_follow_the_2020_structure(obs):
    t2 = obs[obs.locator.str.startswith("tabell-2 ")]
    assert dict(zip(t2.region_name, t2.region_code, strict=True)) == COUNTIES_2020


def test_municipality_numbers_valid_in_2021(obs):
    t8 = obs[obs.locator.str.startswith("tabell-8 ")]
    assert dict(zip(t8.region_name, t8.region_code, strict=True)) == {
        "Oslo": "0301", "Bergen": "4601", "Stavanger": "1103", "Trondheim": "5001",
        "Kristiansand": "4204", "Bærum": "3024",
    }  # fmt: skip


def test_tabell_15_repeats_tabell_14_without_duplicate_observations(report, obs, published):
    result, _ = published
    cells = {t.table_id: t.cells for t in report.tables}
    assert cells["tabell-15"] == cells["tabell-14"]
    repeated = [o for o in report.observations if o.locator.startswith("tabell-15 ")]
    first = {o.key(): o.value for o in report.observations if o.locator.startswith("tabell-14 ")}
    assert len(repeated) == 36
    assert {o.key(): o.value for o in repeated} == first
    assert not obs.locator.str.startswith("tabell-15 ").any()
    assert (obs.locator.str.startswith("tabell-14 ")).sum() == 36
    conflicts = result.frames["conflicts"]
    assert not conflicts.locator.str.startswith(("tabell-14 ", "tabell-15 ")).any()


def _tidy_failures(table, cells=None) -> list[str]:
    """The checks that fail on a table's tidy form, as its spec entry maps it."""
    spec = load_spec("resultatrapport", 2021)
    entry = next(e for e in spec.content.table if e.name == table.spec)
    if cells is not None:
        table = dataclasses.replace(table, cells=cells)
    mapped = tidy.table_observations(table, entry, SOURCE, 2021)
    frame = frames.observations_frame(mapped.observations)
    schema = validation.with_checks("table_observations", entry.checks)
    return [f.check for f in validation.validate("t", frame, schema)[1]]


TAMPERED = [
    ("tabell-2", 1, 4, "1 315", "parts_sum_to_total(dimension=region_code, total=00"),
    ("tabell-2", 1, 1, "803", "parts_sum_to_total(dimension=category, total=alle"),
    ("tabell-3", 1, 2, "603", "parts_sum_to_total(dimension=age_group, total=alle"),
    ("tabell-6", 1, 3, "1 %", "difference_of_years(change=share_work_or_education_change"),
    ("tabell-7", 1, 2, "10 %", "parts_sum_to_total(dimension=indicator"),
    ("tabell-10", 1, 1, "6 319", "parts_sum_to_total(dimension=gender, total=alle"),
    ("tabell-13", 1, 1, "60 %", "parts_sum_to(dimension=gender, target=100"),
    ("tabell-14", 1, 1, "25 %", "parts_sum_to(dimension=education, target=100"),
    ("tabell-15", 1, 1, "25 %", "parts_sum_to(dimension=education, target=100"),
    ("tabell-16", 2, 2, "30 %", "parts_sum_to(dimension=age_group, target=100"),
    ("tabell-17", 1, 1, "25 %", "parts_sum_to(dimension=age_group, target=100"),
    ("utabell-p3-1", 3, 1, "50 %", "gender_total_between(tolerance=0"),
]  # fmt: skip


@pytest.mark.parametrize(("table_id", "row", "col", "text", "check"), TAMPERED,
                         ids=[f"{t[0]}-{t[4].split('(')[0]}" for t in TAMPERED])  # fmt: skip
def test_cross_checks_catch_a_wrong_cell(report, table_id, row, col, text, check):
    table = next(t for t in report.tables if t.table_id == table_id)
    assert _tidy_failures(table) == []
    cells = [list(r) for r in table.cells]
    cells[row][col] = text
    assert any(f.startswith(check) for f in _tidy_failures(table, cells)), check


def test_the_newer_publication_gives_the_2021_finishers_without_conflict(published):
    """Tabell 3's Sum (3295) and the 2025 report's footnote agree; the newer one is kept."""
    result, _ = published
    row = one(result.frames["observations"], indicator="finishers", year=2021)
    assert (row.value, row.source_id) == (3295, "imdi-nokkeltall-2025")
    conflicts = result.frames["conflicts"]
    assert conflicts[(conflicts.indicator == "finishers") & (conflicts.year == 2021)].empty
