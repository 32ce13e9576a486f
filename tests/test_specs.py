"""Spec files are checked when loaded: a mistake fails the load, naming the file and the key."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from reportparse.specs import load
from reportparse.specs.load import SpecError, spec_years
from reportparse.specs.schema import Classifier, Family, YearSpec

SPECS = resources.files("reportparse.specs")


def _shipped_year_specs() -> list[tuple[str, int]]:
    return [(f.id, y) for f in load.families() for y in spec_years(f.id)]


def test_every_shipped_spec_loads():
    assert [f.id for f in load.families()] == [
        "nokkeltall", "integreringsloven_slides", "statistikk", "publikasjon", "nyhet",
        "resultatrapport", "generisk",
    ]  # fmt: skip
    assert [f.id for f in load.families() if not f.dated] == ["generisk"]
    assert len(load.classifier().indicator) == 12
    shipped = _shipped_year_specs()
    assert shipped == [
        ("nokkeltall", 2025),
        ("integreringsloven_slides", 2025),
        ("statistikk", 2019),
        ("nyhet", 2017),
        ("resultatrapport", 2021),
    ]
    tables = {(fam, year): len(load.year_spec(fam, year).table) for fam, year in shipped}
    assert tables == {
        ("nokkeltall", 2025): 5,
        ("integreringsloven_slides", 2025): 0,
        ("statistikk", 2019): 1,
        ("nyhet", 2017): 1,
        ("resultatrapport", 2021): 13,
    }


def _load_with(monkeypatch, path: str, text: str):
    """Load the spec file ``path`` (under specs/) as if its text were ``text``."""
    real = load._read

    def read(p: str):
        return tomllib.loads(text) if p == path else real(p)

    monkeypatch.setattr(load, "_read", read)
    for fn in (load.families, load.classifier, load.year_spec):
        fn.cache_clear()
    try:
        if path == "families.toml":
            return load.families()
        if path == "classify.toml":
            return load.classifier()
        family, year = path.removesuffix(".toml").split("/")
        return load.year_spec(family, int(year))
    finally:
        for fn in (load.families, load.classifier, load.year_spec):
            fn.cache_clear()


def _shipped(path: str) -> str:
    return SPECS.joinpath(*path.split("/")).read_text(encoding="utf-8")


NOKKELTALL = "nokkeltall/2025.toml"


@pytest.mark.parametrize(
    ("path", "old", "new", "error"),
    [
        (
            NOKKELTALL,
            'indicator = "share_work_or_education"',
            'indicatr = "share_work_or_education"',
            "specs/nokkeltall/2025.toml: table[1].indicatr: unknown key",
        ),
        (
            "resultatrapport/2021.toml",
            "[[table.column]]\n  match = 'begge lover'",
            "[[table.column]]\n  indicatr = 'share_work'\n  match = 'begge lover'",
            "specs/resultatrapport/2021.toml: table[0].column[0].indicatr: unknown key",
        ),
        (
            "nyhet/2017.toml",
            "required = false",
            "requird = false",
            "specs/nyhet/2017.toml: table[0].requird: unknown key",
        ),
        (
            "resultatrapport/2021.toml",
            'checks = [\n  {check = "parts_sum_to_total"',
            'check = [\n  {check = "parts_sum_to_total"',
            "specs/resultatrapport/2021.toml: table[0].check: unknown key",
        ),
        (
            NOKKELTALL,
            "caption = 'fylke'",
            "caption = 'fylke('",
            "specs/nokkeltall/2025.toml: table[1].caption: not a valid regular expression "
            "(missing ), unterminated subpattern at position 5)",
        ),
        (
            NOKKELTALL,
            'indicator = "share_work_or_education"',
            'indicator = "share_of_nothing"',
            "specs/nokkeltall/2025.toml: table[1].indicator: unknown indicator "
            "'share_of_nothing' (known: finishers, ",
        ),
        (
            NOKKELTALL,
            'unit = "percent"\n\n  [[table.header_value]]',
            'unit = "prosent"\n\n  [[table.header_value]]',
            "specs/nokkeltall/2025.toml: table[0].unit: unknown unit 'prosent' (known: date, ",
        ),
        (
            NOKKELTALL,
            'rows = "region"',
            'rows = "regions"',
            "specs/nokkeltall/2025.toml: table[1].rows: Input should be 'region', ",
        ),
        (
            NOKKELTALL,
            "caption = 'fylke'\nrows = \"region\"",
            'caption = \'fylke\'\nrows = "region"\ngender = "kvinne"',
            "specs/nokkeltall/2025.toml: table[1].gender: unknown gender 'kvinne' "
            "(known: alle, kvinner, menn)",
        ),
        (
            NOKKELTALL,
            "caption = 'fylke'\nrows = \"region\"",
            'caption = \'fylke\'\nrows = "region"\nchecks = [{check = "sums_to_total"}]',
            "specs/nokkeltall/2025.toml: table[1].checks[0]: unknown check 'sums_to_total' "
            "(known: bounds_ordered, ",
        ),
        (
            NOKKELTALL,
            "caption = 'fylke'\nrows = \"region\"",
            "caption = 'fylke'\nrows = \"region\"\n"
            'checks = [{check = "parts_sum_to_total", dimension = "region_code"}]',
            "specs/nokkeltall/2025.toml: table[1].checks[0]: parts_sum_to_total needs "
            "tolerance, total",
        ),
        (
            NOKKELTALL,
            "caption = 'fylke'\nrows = \"region\"",
            'caption = \'fylke\'\nrows = "region"\nyear = "2025"',
            "specs/nokkeltall/2025.toml: table[1].year: Input should be a valid integer",
        ),
        (
            NOKKELTALL,
            'kind = "figure"\ncaption = \'fordelt på alder\'\nrows = "age_group"\nrequired = false',
            'kind = "figure"\ncaption = \'fordelt på alder\'\nrows = "age_group"',
            "specs/nokkeltall/2025.toml: table[4]: a figure cannot be required (required = "
            "false): a chart printed as a picture, or one that fails its self-check, gives no "
            "observations and the document is read all the same",
        ),
        (
            NOKKELTALL,
            'name = "overgang-ar"\nkind = "figure"',
            'name = "overgang-ar"\nkind = "chart"',
            "specs/nokkeltall/2025.toml: table[2].kind: Input should be 'table' or 'figure'",
        ),
        (
            NOKKELTALL,
            'rows = "indicator"\nunit',
            'rows = "category"\nunit',
            'specs/nokkeltall/2025.toml: table[3]: rows = "indicator" and [[table.row]] rules '
            "go together",
        ),
        (
            NOKKELTALL,
            "  [[table.row]]\n  match = '^arbeid$'\n  indicator = \"share_work\"",
            "  [[table.row]]\n  match = '^arbeid$'\n  indicator = \"share_arbeid\"",
            "specs/nokkeltall/2025.toml: table[3].row[0].indicator: unknown indicator "
            "'share_arbeid' (known: finishers, ",
        ),
        (
            NOKKELTALL,
            "caption = 'fordelt på alder'",
            "caption = 'fordelt på alder'\nsettings = {caption_slack = 7.5}",
            "specs/nokkeltall/2025.toml: table[4]: settings are the table engine's: a figure "
            "has none",
        ),
        (
            "families.toml",
            "unnumbered_tables = false",
            "unnumbered_table = false",
            "specs/families.toml: nokkeltall.unnumbered_table: unknown key",
        ),
        (
            "families.toml",
            "year = ['Nøkkeltall\\s+introduksjonsordningen\\s+(?P<year>\\d{4})']",
            "year = ['Nøkkeltall\\s+introduksjonsordningen\\s+(\\d{4})']",
            "specs/families.toml: nokkeltall.year[0]: the pattern needs the named group(s) year",
        ),
        (
            "families.toml",
            'source_id = "imdi-statistikk-{year}"',
            'source_id = "imdi-statistikk"',
            "specs/families.toml: statistikk: source_id of a dated family needs {year}",
        ),
        (
            "families.toml",
            "dated = false",
            "dated = false\nyear = ['(?P<year>\\d{4})']",
            "specs/families.toml: generisk: a family without a year has no year patterns; its "
            "source_id needs {title}",
        ),
        (
            "families.toml",
            'year_in = ["headline", "lead"]',
            'year_in = ["headline", "ingress"]',
            "specs/families.toml: statistikk.year_in[1]: Input should be 'text', 'headline' or "
            "'lead'",
        ),
        (
            "classify.toml",
            "[column_headers]\nparticipants",
            "[column_headers]\nparticipant",
            "specs/classify.toml: column_headers.participant.[key]: unknown indicator "
            "'participant'",
        ),
        (
            "classify.toml",
            'id = "starters"\nunit = "persons"',
            'id = "starters"\nunit = "percent"',
            "specs/classify.toml: indicator[7]: starters is counted in persons, not percent",
        ),
        (
            "classify.toml",
            "[dimensions.gender]\nkvinner",
            "[dimensions.gender]\nkvinnene",
            "specs/classify.toml: dimensions.gender.kvinnene.[key]: unknown gender 'kvinnene'",
        ),
    ],
    ids=[
        "misspelled-indicator-key",
        "misspelled-column-key",
        "misspelled-required",
        "misspelled-checks",
        "bad-regex",
        "unknown-indicator",
        "unknown-unit",
        "unknown-row-kind",
        "unknown-gender",
        "unknown-check",
        "check-parameters",
        "wrong-type",
        "figure-required",
        "unknown-table-kind",
        "indicator-rows-without-row-rules",
        "row-rule-indicator",
        "figure-settings",
        "family-unknown-key",
        "family-year-group",
        "family-source-id-year",
        "family-without-year",
        "family-year-place",
        "column-header-indicator",
        "indicator-unit",
        "classifier-gender",
    ],
)
def test_a_mistake_in_a_spec_names_file_and_key(monkeypatch, path, old, new, error):
    text = _shipped(path)
    assert text.count(old) >= 1, old
    with pytest.raises(SpecError) as err:
        _load_with(monkeypatch, path, text.replace(old, new, 1))
    assert str(err.value).startswith(error)


def test_the_shipped_texts_load_through_the_same_path(monkeypatch):
    """The mistakes above are the only change: the unchanged texts load."""
    assert isinstance(_load_with(monkeypatch, NOKKELTALL, _shipped(NOKKELTALL)), YearSpec)
    classifier = _load_with(monkeypatch, "classify.toml", _shipped("classify.toml"))
    assert isinstance(classifier, Classifier)
    families = _load_with(monkeypatch, "families.toml", _shipped("families.toml"))
    assert all(isinstance(f, Family) for f in families)


def test_a_file_that_is_not_toml_names_the_file(monkeypatch, tmp_path):
    (tmp_path / "families.toml").write_text("[nokkeltall]\nname = \n", encoding="utf-8")
    monkeypatch.setattr(load, "_root", lambda: tmp_path)
    with pytest.raises(SpecError) as err:
        load._read("families.toml")
    assert str(err.value) == (
        "specs/families.toml: not valid TOML (Invalid value (at line 2, column 8))"
    )
