"""The PDF engine's settings: named tolerances with reasons, table ids side by side, and
a spec's overrides of one table's settings."""

from __future__ import annotations

import ast
import dataclasses
import re
import shutil
import typing
from dataclasses import replace
from pathlib import Path

import pytest

from reportparse.model import ContentMode, DocumentError
from reportparse.readers.document import read_document, table_settings
from reportparse.readers.pdf.content import read_content
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts
from reportparse.specs import load
from reportparse.specs import settings as settings_module
from reportparse.specs.settings import (
    TABLES,
    ChartSettings,
    FileSettings,
    LayoutSettings,
    PageTableSettings,
    TableSettings,
    TextSettings,
)

import pdfs


def _content(path, **settings):
    pdf = open_pdf(path.read_bytes())
    try:
        return read_content(page_layouts(pdf), ContentMode.SPEC, **settings)
    finally:
        pdf.close()


# ---------------------------------------------------------------- tables side by side


def test_a_ninth_table_side_by_side_is_lettered_i(tmp_path):
    tables = [[["Nr", "Ant"], [str(k), str(10 * k)]] for k in range(1, 11)]
    content = _content(pdfs.tables_side_by_side(tmp_path / "ti.pdf", tables, 30))
    assert [t.table_id for t in content.tables] == [f"tabell-9{c}" for c in "abcdefghij"]
    ninth = content.tables[8]
    assert (ninth.cells, ninth.header_rows) == ([["Nr", "Ant"], ["9", "90"]], 1)


def test_more_tables_side_by_side_than_letters_is_an_error(tmp_path):
    tables = [[["A", "B"], ["1", "2"]]] * 27
    path = pdfs.tables_side_by_side(tmp_path / "many.pdf", tables, 12)
    with pytest.raises(DocumentError) as err:
        _content(path)
    assert str(err.value) == (
        "27 tables side by side under the caption of table 9 (page 1): only 26 can be lettered a-z"
    )


# ---------------------------------------------------------------- a spec's overrides

SPECS = Path(__file__).resolve().parents[1] / "src" / "reportparse" / "specs"
YEARS = [(1980 + i, 100 + 7 * i) for i in range(40)]
ENTRY = """
[[table]]
name = "deltakere-ar"
caption = 'deltakere per år'
rows = "year"
indicator = "participants"
unit = "persons"
"""


@pytest.fixture
def specs(tmp_path):
    """A copy of the package's spec files, to add a year spec to."""
    folder = tmp_path / "specs"
    shutil.copytree(SPECS, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def _year_spec(specs, text: str) -> None:
    (specs / "nokkeltall" / "2026.toml").write_text(text, encoding="utf-8")


GAP = 60.0  # points between the caption and the table: more than 4 caption sizes (36 pt)


def test_by_default_a_table_far_under_its_caption_is_not_its_table(tmp_path, specs):
    """The table's header stands 60 pt under its caption, further than caption_gap (four
    times the caption's 9 pt): the caption has no table, which fails, and the spec's entry
    is not found; nothing is guessed."""
    pdf = pdfs.distant_table(tmp_path / "r.pdf", 2026, YEARS[:5], GAP)
    _year_spec(specs, ENTRY)
    with load.spec_folder(specs):
        result = read_document(pdf)
    assert [(t.table_id, t.status, t.reason) for t in result.tables] == [
        ("tabell-1", "failed", "nothing under or over the caption reads as a table")
    ]
    assert result.problems == [
        "expected table 'deltakere-ar' (caption like /deltakere per år/) not found (read with "
        "specs/nokkeltall/2026.toml); captions found: 'Tabell 1: Deltakere per år'",
        "tabell-1: nothing under or over the caption reads as a table",
    ]
    assert result.observations == []


def test_a_spec_override_reaches_a_table_far_under_its_caption(tmp_path, specs):
    pdf = pdfs.distant_table(tmp_path / "r.pdf", 2026, YEARS, GAP)
    _year_spec(specs, ENTRY + "settings = {caption_gap = 8}\n")
    with load.spec_folder(specs):
        result = read_document(pdf)
    (table,) = result.tables
    assert table.cells == [["År", "Deltakere"], *[[str(y), str(n)] for y, n in YEARS]]
    assert (table.table_id, table.header_rows, table.spec) == ("tabell-1", 1, "deltakere-ar")
    assert (table.status, table.method, result.problems) == ("extracted", "whitespace", [])
    got = [(o.indicator, o.year, o.value, o.unit, o.locator) for o in result.observations]
    assert got == [
        ("participants", y, float(n), "persons", f"tabell-1 r{r} c1")
        for r, (y, n) in enumerate(YEARS, 1)
    ]


def test_an_override_applies_only_to_tables_its_caption_finds(tmp_path, specs):
    pdf = pdfs.distant_table(tmp_path / "r.pdf", 2026, YEARS[:5], GAP)
    _year_spec(
        specs,
        ENTRY
        + """
[[table]]
name = "deltakere-fylke"
caption = 'deltakere per fylke'
rows = "region"
indicator = "participants"
unit = "persons"
required = false
settings = {caption_gap = 8}
""",
    )
    with load.spec_folder(specs):
        result = read_document(pdf)
    assert [(t.table_id, t.status, t.cells) for t in result.tables] == [("tabell-1", "failed", [])]


@pytest.mark.parametrize(
    ("settings", "where", "message"),
    [
        (
            "settings = {max_rule_distanse = 600}",
            "table[0].settings",
            "unknown table engine setting(s): max_rule_distanse "
            "(the fields of TableSettings in specs/settings.py)",
        ),
        (
            "settings = {order_row_step = 5}",  # a PageTableSettings field: not per table
            "table[0].settings",
            "unknown table engine setting(s): order_row_step "
            "(the fields of TableSettings in specs/settings.py)",
        ),
        (
            'settings = {max_rule_distance = "600"}',
            "table[0].settings",
            "max_rule_distance must be a number, not '600'",
        ),
        (
            "settings = {max_rule_distance = true}",
            "table[0].settings",
            "max_rule_distance must be a number, not True",
        ),
    ],
)
def test_a_bad_setting_fails_the_load_with_file_and_key(specs, settings, where, message):
    _year_spec(specs, ENTRY + settings + "\n")
    with load.spec_folder(specs), pytest.raises(load.SpecError) as err:
        load.year_spec("nokkeltall", 2026)
    assert str(err.value) == f"specs/nokkeltall/2026.toml: {where}: {message}"


def test_settings_need_a_caption_to_apply_to(specs):
    entry = ENTRY.replace("caption = 'deltakere per år'", "header = 'deltakere'")
    _year_spec(specs, entry + "settings = {max_rule_distance = 600}\n")
    with load.spec_folder(specs), pytest.raises(load.SpecError) as err:
        load.year_spec("nokkeltall", 2026)
    assert str(err.value) == (
        "specs/nokkeltall/2026.toml: table[0]: settings apply to the tables under a caption: "
        "give a caption"
    )


def test_override_values_are_kept_as_the_fields_type(specs):
    _year_spec(specs, ENTRY + "settings = {max_rule_distance = 600, caption_slack = 7.5}\n")
    with load.spec_folder(specs):
        spec = load.load_spec("nokkeltall", 2026)
    chosen = table_settings(spec)
    picked = chosen.for_caption("Tabell 1: Deltakere per år")
    assert picked == replace(TABLES, max_rule_distance=600.0, caption_slack=7.5)
    assert type(picked.max_rule_distance) is float
    assert chosen.for_caption("Tabell 2: Deltakere per fylke") is TABLES


def test_the_package_specs_are_read_again_after_a_spec_folder(specs):
    _year_spec(specs, ENTRY)
    with load.spec_folder(specs):
        assert load.spec_years("nokkeltall") == (2025, 2026)
    assert load.spec_years("nokkeltall") == (2025,)


# ---------------------------------------------------------------- named, with reasons

ENGINE = Path(settings_module.__file__).parent
UNIT = re.compile(r"# \((pt|sizes|lines|share|ratio|count|digits|bytes)( of [^)]+)?\) \S")
SETTINGS = [
    LayoutSettings, TextSettings, PageTableSettings, TableSettings, ChartSettings, FileSettings,
]  # fmt: skip


def _field_comments() -> dict[str, dict[str, list[str]]]:
    """Per settings class, per field: the comment lines right above the field."""
    source = (ENGINE / "settings.py").read_text(encoding="utf-8")
    lines = source.splitlines()
    out: dict[str, dict[str, list[str]]] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields = out.setdefault(node.name, {})
        for item in node.body:
            if isinstance(item, ast.AnnAssign):
                above = []
                i = item.lineno - 2
                while i >= 0 and lines[i].strip().startswith("#"):
                    above.insert(0, lines[i].strip())
                    i -= 1
                fields[item.target.id] = above
    return out


@pytest.mark.parametrize("cls", SETTINGS, ids=lambda c: c.__name__)
def test_every_setting_has_its_unit_and_a_reason(cls):
    comments = _field_comments()[cls.__name__]
    assert list(comments) == [f.name for f in dataclasses.fields(cls)]
    for name, above in comments.items():
        starts = [i for i, line in enumerate(above) if UNIT.match(line)]
        assert starts, f"{cls.__name__}.{name}: no comment '# (unit) reason' above it"
        reason = " ".join(line.lstrip("# ") for line in above[starts[-1] :])
        assert len(reason.split()) >= 6, f"{cls.__name__}.{name}: {reason!r}"


@pytest.mark.parametrize("cls", SETTINGS, ids=lambda c: c.__name__)
def test_every_setting_holds_a_value_of_its_type(cls):
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        value = getattr(cls(), f.name)
        assert type(value) is hints[f.name], (f.name, value)
        assert value > 0, f.name


def test_the_engine_has_no_bare_numbers():
    """Numbers in the engine's functions are settings; only 0, 1 and 2 remain (indices,
    halves for midpoints and medians, pairs), no number written as a float but 0.0."""
    bare = []
    modules = sorted(p.stem for p in ENGINE.glob("*.py") if p.stem not in ("__init__", "settings"))
    for module in modules:
        path = ENGINE / f"{module}.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            for node in ast.walk(func):
                if not isinstance(node, ast.Constant) or type(node.value) not in (int, float):
                    continue
                allowed = (0, 1, 2) if type(node.value) is int else (0.0,)
                if node.value not in allowed:
                    bare.append(f"{module}.py:{node.lineno}: {node.value}")
    assert bare == []
