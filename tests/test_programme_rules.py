"""programme_rules: the rule tables of the deck on the integration act, one row per end goal."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from reportparse.mapping.programme_rules import age_range, duration_months, programme_rules
from reportparse.model import DocumentError, Paragraph, Table
from reportparse.specs.load import Spec, load_spec
from reportparse.specs.schema import YearSpec

SLIDES = "imdi-integreringsloven-slides-2025"
WITH = "with_upper_secondary_or_higher"
WITHOUT = "without_upper_secondary_or_higher"
UNDER_25 = "hovedregel for personer under 25 år"
EXPECTED = [
    ["13", WITH, "Arbeid", "", "", "12", "0", "", SLIDES, "5", "utabell-p5-1 r1"],
    [
        "13", WITH,
        "Forberede for utdanning over videregående nivå eller yrkesfaglig rekvalifisering",
        "", "55", "12", "0", "", SLIDES, "5", "utabell-p5-1 r2",
    ],
    ["14", WITHOUT, "Arbeid", "", "", "24", "0", "", SLIDES, "9", "utabell-p9-1 r1"],
    [
        "14", WITHOUT, "Fullføre videregående opplæring – studieforberedende utdanningsprogram",
        "18", "55", "48", "12", UNDER_25, SLIDES, "9", "utabell-p9-1 r2",
    ],
    [
        "14", WITHOUT, "Fullføre videregående opplæring – fag- og yrkesopplæring",
        "18", "55", "60", "0", UNDER_25, SLIDES, "9", "utabell-p9-1 r3",
    ],
    [
        "14", WITHOUT, "Fullføre deler av videregående opplæring",
        "18", "55", "36", "12", "", SLIDES, "9", "utabell-p9-1 r4",
    ],
]  # fmt: skip
COLUMNS = [
    "paragraph", "education_prerequisite", "end_goal", "age_min", "age_max",
    "max_duration_months", "extension_months", "note", "source_id", "page", "locator",
]  # fmt: skip


def test_published_rows(published):
    _, out = published
    with open(out / "programme_rules.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == COLUMNS
    assert rows[1:] == EXPECTED


def test_parquet_has_the_same_rows_typed(published):
    _, out = published
    table = pq.read_table(out / "programme_rules.parquet")
    assert table.column_names == COLUMNS
    types = {f.name: str(f.type) for f in table.schema}
    assert {k: types[k] for k in ("paragraph", "age_min", "max_duration_months", "page")} == {
        "paragraph": "string",
        "age_min": "int64",
        "max_duration_months": "int64",
        "page": "int64",
    }
    data = table.to_pydict()
    assert data["age_min"] == [None, None, None, 18, 18, 18]
    assert data["age_max"] == [None, 55, None, 55, 55, 55]
    assert data["max_duration_months"] == [12, 12, 24, 48, 60, 36]
    assert data["extension_months"] == [0, 0, 0, 12, 0, 12]
    assert data["note"] == [None, None, None, UNDER_25, UNDER_25, None]


def test_datapackage_describes_programme_rules(published):
    _, out = published
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    res = {r["name"]: r for r in package["resources"]}
    csv_res, parquet_res = res["programme_rules"], res["programme_rules-parquet"]
    assert (csv_res["path"], parquet_res["path"]) == (
        "programme_rules.csv",
        "programme_rules.parquet",
    )
    assert csv_res["schema"]["primaryKey"] == ["source_id", "paragraph", "end_goal"]
    fields = {f["name"]: f for f in csv_res["schema"]["fields"]}
    assert list(fields) == COLUMNS
    assert all(f["description"] for f in fields.values())
    assert fields["age_min"]["type"] == "integer"
    assert fields["age_min"]["constraints"] == {"minimum": 0, "maximum": 120}  # not required
    assert fields["max_duration_months"]["constraints"] == {"required": True, "minimum": 1}
    assert fields["paragraph"]["constraints"] == {"required": True, "pattern": r"^\d+(?: ?[a-z])?$"}
    assert csv_res["schema"]["foreignKeys"] == [
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}
    ]
    assert "integreringsloven" in csv_res["description"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alle", (None, None)),
        ("Til og med 55 år", (None, 55)),
        ("Fra 18 år til og med 55 år (hovedregel for personer under 25 år)", (18, 55)),
        ("Fra 18 år – til og med 55 år", (18, 55)),
        ("fra og med 18 til og med 60 år", (18, 60)),
        ("18–55 år", (18, 55)),
        ("Over 60 år", (61, None)),
        ("Under 25 år", (None, 24)),
        ("25 år og eldre", (25, None)),
    ],
)
def test_age_range(text, expected):
    assert age_range(text) == expected


@pytest.mark.parametrize("text", ["Voksne", "Til 55 år", "Fra 18 år i Oslo", "18 år"])
def test_age_range_that_cannot_be_read(text):
    with pytest.raises(ValueError, match=f"cannot read an age range from '{text}'"):
        age_range(text)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Inntil 12 måneder", 12),
        ("Inntil 2 år", 24),
        ("Inntil 1 år", 12),
        ("Inntil ett år", 12),
        ("Opptil 18 mnd.", 18),
        ("1,5 år", 18),
        ("Maksimalt tolv måneder", 12),
    ],
)
def test_duration_months(text, months):
    assert duration_months(text) == months


def test_no_extension_is_zero_only_where_allowed():
    assert duration_months("Nei", none_is_zero=True) == 0
    with pytest.raises(ValueError, match="cannot read a duration from 'Nei'"):
        duration_months("Nei")
    with pytest.raises(ValueError, match="cannot read a duration from 'Ja'"):
        duration_months("Ja", none_is_zero=True)


SPEC = load_spec("integreringsloven_slides", 2025)
TITLE_13 = (
    "§ 13 - introduksjonsprogram for deltakere med utdanning på videregående nivå eller høyere"
)
TITLE_14 = (
    "§ 14 - introduksjonsprogram for deltakere som ikke har utdanning på videregående nivå "
    "eller høyere"
)
HEADER = ["Sluttmål", "Deltaker", "Maksimal varighet", "Forlengelse"]


def _table(tid: str, page: int, rows: list[list[str]]) -> Table:
    return Table(tid, None, [page], "ruled-grid", "extracted", rows, 1, bbox=[40, 120, 890, 300])


def _title(page: int, text: str) -> Paragraph:
    return Paragraph(page, text, "heading", top=60)


def test_a_missing_rule_table_is_an_error():
    tables = [_table("utabell-p5-1", 5, [HEADER, ["Arbeid", "Alle", "Inntil 12 måneder", "Nei"]])]
    with pytest.raises(DocumentError, match="expected rule table 'uten-videregaende'"):
        programme_rules(tables, [_title(5, TITLE_13)], SPEC)


def test_a_cell_that_cannot_be_read_names_table_row_and_text():
    tables = [
        _table("utabell-p5-1", 5, [HEADER, ["Arbeid", "Alle", "Inntil 12 måneder", "Nei"]]),
        _table("utabell-p9-1", 9, [HEADER, ["Arbeid", "Voksne", "Inntil 2 år", "Nei"]]),
    ]
    paragraphs = [_title(5, TITLE_13), _title(9, TITLE_14)]
    with pytest.raises(DocumentError) as err:
        programme_rules(tables, paragraphs, SPEC)
    assert str(err.value) == (
        "utabell-p9-1 row 1 (Sluttmål 'Arbeid'): cannot read an age range from 'Voksne'"
    )


def test_a_missing_column_is_an_error():
    header = ["Sluttmål", "Deltaker", "Varighet", "Forlengelse"]
    tables = [_table("utabell-p5-1", 5, [header, ["Arbeid", "Alle", "Inntil 12 måneder", "Nei"]])]
    with pytest.raises(DocumentError, match=r"utabell-p5-1: 0 columns like /\^Maksimal"):
        programme_rules(tables, [_title(5, TITLE_13)], SPEC)


def test_a_rule_printed_twice_is_kept_once_and_a_contradiction_is_an_error():
    row = ["Arbeid", "Alle", "Inntil 2 år", "Nei"]
    tables = [
        _table("utabell-p5-1", 5, [HEADER, ["Arbeid", "Alle", "Inntil 12 måneder", "Nei"]]),
        _table("utabell-p9-1", 9, [HEADER, row]),
        _table("utabell-p12-1", 12, [HEADER, row]),
    ]
    paragraphs = [_title(5, TITLE_13), _title(9, TITLE_14), _title(12, TITLE_14)]
    rows = programme_rules(tables, paragraphs, SPEC)
    assert [(r["paragraph"], r["locator"]) for r in rows] == [
        ("13", "utabell-p5-1 r1"),
        ("14", "utabell-p9-1 r1"),
    ]
    tables[2].cells[1] = ["Arbeid", "Alle", "Inntil 3 år", "Nei"]
    with pytest.raises(DocumentError, match="§ 14 'Arbeid': utabell-p9-1 r1 and utabell-p12-1 r1"):
        programme_rules(tables, paragraphs, SPEC)


def test_a_family_without_rule_tables_yields_none():
    spec = Spec("nokkeltall", 2025, "specs/nokkeltall/2025.toml", YearSpec())
    assert programme_rules([], [], spec) == []


def test_schema_rejects_a_range_upside_down(published):
    from reportparse.output.validation import validate

    result, _ = published
    df = result.frames["programme_rules"].copy()
    df.loc[3, ["age_min", "age_max"]] = [60, 18]
    checked, failures = validate("programme_rules", df)
    assert checked is None
    assert [(f.check, f.column, list(f.rows.index)) for f in failures] == [
        ("bounds_ordered(low_column=age_min, high_column=age_max)", None, [3])
    ]
