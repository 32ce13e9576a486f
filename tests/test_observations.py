"""Spot checks of the tidy, merged observations and of conflicts."""

from __future__ import annotations

import pandas as pd
import pytest

from reportparse.mapping.tidy import table_matches, table_observations
from reportparse.model import CellIssue, Table
from reportparse.specs.schema import TableEntry

from conftest import one


@pytest.fixture(scope="module")
def obs(published):
    result, _ = published
    return result.frames["observations"]


def test_county_result_for_women_in_troms(obs):
    row = one(
        obs, indicator="share_work_or_education", year=2025, region_code="55", gender="kvinner"
    )
    assert (row.value, row.unit, row.region_name, row.locator) == (
        56.0,
        "percent",
        "Troms",
        "tabell-2 r1 c1",
    )
    assert (row.source_id, row.page, bool(row.approximate)) == ("imdi-nokkeltall-2025", 15, False)


def test_county_codes_follow_the_2024_structure(obs):
    t2 = obs[obs.locator.str.startswith("tabell-2 ") & (obs.year == 2025) & (obs.gender == "alle")]
    names = dict(zip(t2.region_name, t2.region_code, strict=True))
    assert names == {
        "Troms": "55", "Buskerud": "33", "Østfold": "31", "Akershus": "32", "Finnmark": "56",
        "Oslo": "03", "Møre og Romsdal": "15", "Vestfold": "39", "Trøndelag": "50",
        "Nordland": "18", "Vestland": "46", "Innlandet": "34", "Rogaland": "11",
        "Telemark": "40", "Agder": "42", "Ukjent": "99", "Hele landet": "00",
    }  # fmt: skip


def test_previous_year_column(obs):
    row = one(obs, indicator="share_work_or_education", year=2024, region_code="56")
    assert row.value == 48.0
    row = one(obs, indicator="share_work_or_education", year=2024, region_code="99")
    assert row.value == 5.0


def test_participants_from_table_header(obs):
    assert one(obs, indicator="participants", year=2023).value == 32506
    row = one(obs, indicator="participants", year=2024)
    assert (row.value, row.locator) == (36139, "tabell-1 r1 c2")


def test_measures_by_category(obs):
    row = one(obs, indicator="share_in_measure", year=2025, category="Arbeidsrettede tiltak")
    assert (row.value, row.unit) == (47.0, "percent")
    assert one(obs, indicator="share_in_measure", year=2023, category="Ingen tiltak").value == 3


def test_key_figures_become_observations(obs):
    assert one(obs, indicator="finishers", year=2022).value == 2757
    assert one(obs, indicator="starters", year=2024).value == 17095
    row = one(obs, indicator="share_education", year=2024, group="ovrige")
    assert (row.value, row.locator[:8]) == (19.0, "sentence")


def _places(conflicts, **key) -> list[tuple]:
    rows = conflicts
    for column, value in key.items():
        rows = rows[rows[column] == value]
    return [
        (r.n, r.value, r.approximate, r.kept, r.source_id, None if pd.isna(r.page) else r.page,
         r.locator, r.reason)
        for r in rows.itertuples()
    ]  # fmt: skip


def test_conflicts_record_every_value_and_the_reason(published):
    result, _ = published
    c = result.frames["conflicts"]
    table_beats_text = "a printed table beats running text of the same publication"
    places = _places(c, indicator="participants", year=2024, region_code="00", gender="alle",
                     group="alle", age_group="alle", education="alle", category="alle")  # fmt: skip
    sentence = 'sentence "I 2024 deltok 36 100 flyktninger i introduksjonsprogram"'
    assert [p[:7] for p in places] == [
        (1, 36139.0, False, True, "imdi-nokkeltall-2025", 8, "tabell-1 r1 c2"),
        (2, 36100.0, False, False, "imdi-nokkeltall-2025", 5, sentence),
        (3, 36100.0, False, False, "imdi-nokkeltall-2025", 7, sentence),
    ]
    assert {p[7] for p in places} == {table_beats_text}
    troms = c[(c.region_code == "55") & (c.year == 2025)]
    assert troms[["value", "approximate", "kept"]].values.tolist() == [
        [64.0, False, True],
        [60.0, True, False],
    ]
    assert set(troms.reason) == {"an exact value beats an approximate one"}


def test_the_same_sentence_printed_twice_is_one_value_with_two_places(published):
    """The 2022 finishers are printed in one sentence on pages 5 and 10: one value, two
    places, both kept; the approximate value of the 2023 press release is the third place."""
    result, _ = published
    places = _places(result.frames["conflicts"], indicator="finishers", year=2022, group="alle")
    sentence = 'sentence "I 2024 avsluttet 15 755 personer, i 2023 avsluttet 11 381..."'
    assert [p[:7] for p in places] == [
        (1, 2757.0, False, True, "imdi-nokkeltall-2025", 5, sentence),
        (2, 2757.0, False, True, "imdi-nokkeltall-2025", 10, sentence),
        (3, 3000.0, True, False, "imdi-nyhet-resultater-2023", None,
         'sentence "Det er mange flere som har avsluttet introduksjonsprogram..."'),
    ]  # fmt: skip
    obs = result.frames["observations"]
    kept = obs[(obs.indicator == "finishers") & (obs.year == 2022) & (obs.group == "alle")]
    assert kept[["value", "source_id", "page", "locator"]].values.tolist() == [
        [2757.0, "imdi-nokkeltall-2025", 5, sentence]
    ]


def _indicator_rows() -> TableEntry:
    return TableEntry.model_validate(
        {"name": "overgang-gruppe", "kind": "figure", "caption": "gruppe", "rows": "indicator",
         "unit": "percent", "required": False,
         "row": [{"match": "^arbeid$", "indicator": "share_work"},
                 {"match": "^antall$", "indicator": "finishers", "unit": "persons"}],
         "column": [{"match": "ukraina", "group": "ukraina"}]}
    )  # fmt: skip


def test_rows_that_are_indicators_take_them_from_the_row_rules():
    table = Table("figur-3", "Figur 3: Etter gruppe", [12], "vector-chart", "extracted",
                  cells=[["", "Fra Ukraina"], ["Arbeid", "43 %"], ["Antall", "1 204"]],
                  header_rows=1, kind="figure")  # fmt: skip
    got = [
        (o.indicator, o.year, o.group, o.value, o.unit, o.locator)
        for o in table_observations(table, _indicator_rows(), "kilde-2025", 2025).observations
    ]
    assert got == [
        ("share_work", 2025, "ukraina", 43.0, "percent", "figur-3 r1 c1"),
        ("finishers", 2025, "ukraina", 1204.0, "persons", "figur-3 r2 c1"),
    ]


def test_a_row_no_rule_names_gives_no_observation_and_is_named():
    table = Table("figur-3", "Figur 3: Etter gruppe", [12], "vector-chart", "extracted",
                  cells=[["", "Fra Ukraina"], ["Utdanning", "2 %"]], header_rows=1,
                  kind="figure")  # fmt: skip
    mapped = table_observations(table, _indicator_rows(), "kilde-2025", 2025)
    assert (mapped.observations, mapped.problems) == (
        [], ["row 1 ('Utdanning'): no [[table.row]] rule of the spec names its indicator"]
    )  # fmt: skip
    assert mapped.unobserved == [
        CellIssue(1, 1, "2 %", "no [[table.row]] rule of the spec names its indicator")
    ]


def test_a_figure_entry_maps_figures_only():
    entry = _indicator_rows()
    cells = [["", "Fra Ukraina"], ["Arbeid", "43 %"]]
    figure = Table("figur-3", "Figur 3: Etter gruppe", [12], "vector-chart", "extracted", cells)
    figure.kind = "figure"
    table = Table("tabell-3", "Tabell 3: Etter gruppe", [12], "ruled-grid", "extracted", cells)
    assert (table_matches(entry, figure), table_matches(entry, table)) == (True, False)


def test_a_row_in_another_unit_than_its_indicator_gives_no_observation_and_is_named():
    entry = TableEntry.model_validate(
        {"name": "x", "kind": "figure", "caption": "gruppe", "rows": "indicator",
         "unit": "percent", "required": False,
         "row": [{"match": "^arbeid$", "indicator": "finishers"}]}
    )  # fmt: skip
    table = Table("figur-3", "Figur 3: Etter gruppe", [12], "vector-chart", "extracted",
                  cells=[["", "Fra Ukraina"], ["Arbeid", "43 %"]], header_rows=1,
                  kind="figure")  # fmt: skip
    mapped = table_observations(table, entry, "kilde-2025", 2025)
    assert (mapped.observations, mapped.problems) == (
        [], ["row 1 ('Arbeid') is in percent on the page, but its spec maps it to finishers "
             "(persons)"]
    )  # fmt: skip
