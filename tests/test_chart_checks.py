"""The chart checks itself: labels moved onto the wrong bars or points, wrong totals, labels
that could belong to two points, shared colours, pictures. A chart that fails is
``incomplete`` with the reason, and gives no observation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from reportparse.output.frames import printed_tables, tables_frame
from reportparse.readers.document import read_document
from reportparse.readers.pdf.content import _figure_ids
from reportparse.specs import load

from chartpdfs import no
from conftest import read_figures


def status(table) -> tuple[str, str]:
    return table.status, table.reason


def pt(value: float) -> str:
    return f"{value:.1f}"


# the 2024 labels go round: Kvinner shows Alle's, Menn shows Kvinner's, Alle shows Menn's
MOVED = {"2023": ["38 %", "52 %", "45 %"], "2024": ["50 %", "44 %", "55 %"],
         "2025": ["47 %", "61 %", "54 %"]}  # fmt: skip


def test_labels_moved_between_grouped_bars_fail_the_scale(chart_pdf):
    built = chart_pdf("grouped_bars", labels=MOVED)
    table = read_figures(built.path)["figur-6"]
    u = built.per_unit
    assert status(table) == (
        "incomplete",
        "bar lengths do not follow the value axis: the bar of '2024' in 'Menn' is "
        f"{pt(55 * u)} pt long where its label '44 %' gives {pt(44 * u)} pt "
        "(3 of 9 labels off the scale)",
    )
    # the table is still given as read, for inspection; it is not extracted
    assert table.cells[2] == ["Menn", "52 %", "44 %", "61 %"]


def test_segment_labels_moved_within_a_stack_fail_though_the_total_adds_up(chart_pdf):
    labels = {
        "Arbeid": ["5 %", "35 %", "48 %", "15 %"],
        "Utdanning": ["3 %", "9 %", "6 %", "3 %"],
        "Begge": ["22 %", "4 %", "7 %", "2 %"],
    }
    built = chart_pdf("stacked_columns", labels=labels)
    table = read_figures(built.path)["figur-7"]
    u = built.per_unit
    assert status(table) == (
        "incomplete",
        "bar lengths do not follow the value axis: the bar of 'Begge' in 'Grunnskole' is "
        f"{pt(3 * u)} pt long where its label '22 %' gives {pt(22 * u)} pt "
        "(3 of 16 labels off the scale)",
    )


def test_a_wrong_total_fails_the_sum_and_the_scale(chart_pdf):
    built = chart_pdf("stacked_columns", totals=["30 %", "52 %", "61 %", "20 %"])
    table = read_figures(built.path)["figur-7"]
    u = built.per_unit
    assert status(table) == (
        "incomplete",
        "bar lengths do not follow the value axis: the total of 'Videregående' is "
        f"{pt(48 * u)} pt long where its label '52 %' gives {pt(52 * u)} pt "
        "(1 of 16 labels off the scale); "
        "the total '52 %' of 'Videregående' is not the sum of its segments "
        "'35 %' + '9 %' + '4 %'",
    )


def test_point_labels_shifted_by_one_fail_the_scale(chart_pdf):
    shifted = ["47 %", "44 %", "52 %", "55 %", "59 %", "45 %"]
    built = chart_pdf("line_chart", women_labels=shifted)
    table = read_figures(built.path)["figur-8"]
    u = built.per_unit
    assert status(table) == (
        "incomplete",
        "the points of 'Kvinner' do not follow the value axis: the point of 'Kvinner' in '2024' "
        f"is {pt(59 * u)} pt from 0 where its label '45 %' gives {pt(45 * u)} pt "
        "(6 of 6 labels off the scale)",
    )


def test_labels_moved_on_bars_without_a_value_axis_fail_their_own_scale(chart_pdf):
    moved = [no(v) for v in [987, 1234, 2045, 3120, 1580, 2999]]  # Agder and Innlandet swap
    built = chart_pdf("vertical_bars", labels=moved, axis=False)
    table = read_figures(built.path)["figur-4"]
    assert table.status == "incomplete"
    m = re.fullmatch(
        r"bar lengths do not follow one scale: the bar in '(\w+)' is ([\d.]+) pt long where "
        r"its label '([\d ]+)' gives ([\d.]+) pt \((\d) of 6 labels off the scale\)",
        table.reason,
    )
    assert m is not None, table.reason
    place, drawn, label, _, misses = m.groups()
    assert (place, label, misses) == ("Agder", "987", "2")
    assert drawn == pt(1234 * built.per_unit)


def test_the_same_labels_without_a_value_axis_are_read(chart_pdf):
    table = read_figures(chart_pdf("vertical_bars", axis=False).path)["figur-4"]
    assert status(table) == ("extracted", "")
    assert table.chart.scales[0].source == "value labels"
    assert table.cells == [
        ["", ""],
        ["Agder", "1 234"],
        ["Innlandet", "987"],
        ["Nordland", "2 045"],
        ["Oslo", "3 120"],
        ["Rogaland", "1 580"],
        ["Vestland", "2 999"],
    ]


def test_labels_between_two_points_go_by_their_order_on_the_one_axis(chart_pdf):
    # '35 %' and '36 %' sit next to both points of February; on the one value axis the
    # larger value is the higher point
    table = read_figures(chart_pdf("close_lines").path)["figur-15"]
    assert status(table) == ("extracted", "")
    assert table.cells[2] == ["Feb", "35 %", "36 %"]


def test_a_label_between_two_points_is_not_guessed(chart_pdf):
    # without the axis, each line's labels give its own scale: 35 and 36 fit both points
    table = read_figures(chart_pdf("close_lines", axis=False).path)["figur-15"]
    assert status(table) == (
        "incomplete",
        "the label '35 %' could belong to the point of 'Landet' in 'Feb' or the point of "
        "'Kommunen' in 'Feb'; "
        "the label '36 %' could belong to the point of 'Kommunen' in 'Feb' or the point of "
        "'Landet' in 'Feb'; "
        "no value label for the point of 'Kommunen' in 'Feb'; "
        "no value label for the point of 'Landet' in 'Feb'",
    )
    assert table.cells[2] == ["Feb", "", ""]


def test_category_labels_that_run_together_are_split_at_their_bars(chart_pdf):
    # at 10 pt the names of neighbouring bars nearly touch: one text under two bars, whose
    # words each stand centred under one bar
    table = read_figures(chart_pdf("vertical_bars", category_size=10).path)["figur-4"]
    assert status(table) == ("extracted", "")
    assert table.cells == [
        ["", ""], ["Agder", "1 234"], ["Innlandet", "987"], ["Nordland", "2 045"],
        ["Oslo", "3 120"], ["Rogaland", "1 580"], ["Vestland", "2 999"],
    ]  # fmt: skip


def test_two_series_in_one_colour_are_not_told_apart(chart_pdf):
    table = read_figures(chart_pdf("shared_colour").path)["figur-16"]
    assert status(table) == ("incomplete", "legend entries '2023' and '2024' share one colour")
    assert table.cells == []


def test_a_raster_chart_is_not_read(chart_pdf):
    table = read_figures(chart_pdf("raster_and_vector").path)["figur-12"]
    assert status(table) == (
        "image_only",
        "the chart is a picture (raster image); its values are not read",
    )
    assert (table.method, table.cells, table.chart) == ("image", [], None)


def test_a_caption_without_a_drawing(chart_pdf):
    table = read_figures(chart_pdf("caption_only").path)["figur-17"]
    assert status(table) == ("failed", "no drawing next to the caption")
    assert (table.method, table.bbox) == ("vector-chart", None)


# ---------------------------------------------------------------- no observation from a miss

SPECS = Path(__file__).resolve().parents[1] / "src" / "reportparse" / "specs"
HEADING = "Nøkkeltall introduksjonsordningen 2026"
FIGURE_ENTRY = """
[[table]]
name = "overgang-kjonn"
kind = "figure"
caption = 'overgang til arbeid etter kjønn'
rows = "gender"
indicator = "share_work"
unit = "percent"
required = false
"""


@pytest.fixture
def figure_spec(tmp_path):
    """The package's specs, with a 2026 Nøkkeltall spec that maps one figure only."""
    folder = tmp_path / "specs"
    shutil.copytree(SPECS, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (folder / "nokkeltall" / "2026.toml").write_text(FIGURE_ENTRY, encoding="utf-8")
    with load.spec_folder(folder):
        yield


def test_an_extracted_figure_gives_its_observations(chart_pdf, figure_spec):
    result = read_document(chart_pdf("grouped_bars", heading=HEADING).path)
    (table,) = result.tables
    assert (table.table_id, table.status, table.spec) == ("figur-6", "extracted", "overgang-kjonn")
    got = sorted((o.gender, o.year, o.value, o.locator) for o in result.observations)
    assert got == sorted(
        (gender, int(year), float(value), f"figur-6 r{r} c{c}")
        for r, (gender, values) in enumerate(
            [("kvinner", [38, 44, 47]), ("menn", [52, 55, 61]), ("alle", [45, 50, 54])], 1
        )
        for c, (year, value) in enumerate(zip(["2023", "2024", "2025"], values, strict=True), 1)
    )
    assert {(o.indicator, o.unit, o.page) for o in result.observations} == {
        ("share_work", "percent", 1)
    }


def test_a_figure_that_fails_its_check_gives_no_observation(chart_pdf, figure_spec):
    built = chart_pdf("grouped_bars", labels=MOVED, heading=HEADING)
    result = read_document(built.path)
    (table,) = result.tables
    assert (table.table_id, table.status, table.spec) == ("figur-6", "incomplete", None)
    assert result.observations == []
    row = tables_frame([result]).iloc[0]
    assert (row.kind, row.method, row.status) == ("figure", "vector-chart", "incomplete")
    u = built.per_unit
    assert row.reason == (
        "bar lengths do not follow the value axis: the bar of '2024' in 'Menn' is "
        f"{pt(55 * u)} pt long where its label '44 %' gives {pt(44 * u)} pt "
        "(3 of 9 labels off the scale)"
    )
    assert printed_tables([result]) == {}  # no file under tables/ either


# ---------------------------------------------------------------- ids


def _chart(number: str, status: str):
    return SimpleNamespace(caption=SimpleNamespace(number=number), status=status)


def test_figure_ids_leave_out_a_listed_caption_whose_figure_is_drawn_elsewhere():
    """A list of figures prints "Figur 2: ..." with nothing drawn next to it; the figure
    itself is drawn later. A caption with no drawing anywhere is kept, as failed."""
    figures = [
        (2, _chart("2", "failed")),  # the list of figures
        (2, _chart("5", "failed")),  # listed, and drawn nowhere
        (7, _chart("2", "extracted")),
        (9, _chart("3", "image_only")),
        (9, _chart("3", "incomplete")),  # a second drawing under one number
    ]
    assert _figure_ids(figures) == [None, "figur-5", "figur-2", "figur-3a", "figur-3b"]
