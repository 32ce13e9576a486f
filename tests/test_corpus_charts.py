"""The charts of the corpus: Figur 2, 3 and 7 of the Nøkkeltall 2025 report read cell for cell
against the truth, the pictured charts listed as pictures, their observations and conflicts."""

from __future__ import annotations

import csv
from dataclasses import replace

import pandas as pd
import pytest

from reportparse.readers.pdf.charts import read_charts
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts
from reportparse.readers.pdf.tables import find_captions

from conftest import RAW, one, truth_json, truth_table

SOURCE = "imdi-nokkeltall-2025"
IMAGES = truth_json(SOURCE, "images")
KINDS = {"figur-2": "stacked vertical bars", "figur-3": "grouped vertical bars",
         "figur-7": "vertical bars and line"}  # fmt: skip


def _figure(results, table_id: str):
    return next(t for t in results[SOURCE].tables if t.table_id == table_id)


@pytest.mark.parametrize("image", IMAGES, ids=lambda i: i["image_id"])
def test_every_chart_is_listed_with_its_caption_and_page(results, image):
    table = _figure(results, image["image_id"])
    assert (table.kind, table.caption, table.pages) == ("figure", image["caption"], [image["page"]])
    if image["format"] == "raster":
        assert (table.method, table.status, table.cells) == ("image", "image_only", [])
        assert table.reason == "the chart is a picture (raster image); its values are not read"


VECTOR = [i for i in IMAGES if i["values_in_truth"]]


@pytest.mark.parametrize("image", VECTOR, ids=lambda i: i["image_id"])
def test_vector_charts_are_read_cell_for_cell(results, image):
    table = _figure(results, image["image_id"])
    assert (table.method, table.status, table.reason) == ("vector-chart", "extracted", "")
    assert table.chart.kind == KINDS[table.table_id]
    assert table.cells == truth_table(SOURCE, table.table_id)
    assert table.header_rows == 1


@pytest.mark.parametrize("table_id", sorted(KINDS))
def test_the_published_figure_files_are_the_truth(published, table_id):
    _, out = published
    with open(out / "tables" / SOURCE / f"{table_id}.csv", encoding="utf-8", newline="") as f:
        assert list(csv.reader(f)) == truth_table(SOURCE, table_id)
    listed = pd.read_csv(out / "tables.csv", dtype=str, keep_default_na=False)
    row = listed[(listed.source_id == SOURCE) & (listed.table_id == table_id)].iloc[0]
    assert (row.kind, row.method, row.status, row.reason) == (
        "figure", "vector-chart", "extracted", ""
    )  # fmt: skip


def test_pictured_charts_have_no_file(published):
    _, out = published
    files = sorted(p.name for p in (out / "tables" / SOURCE).iterdir())
    assert files == ["figur-2.csv", "figur-3.csv", "figur-7.csv", "tabell-1.csv", "tabell-2.csv"]


def test_figur_2_totals_are_checks_not_cells(results):
    chart = _figure(results, "figur-2").chart
    assert [(x.row, x.text) for x in chart.labels if x.col == 0] == [
        (1, "49 %"), (2, "49 %"), (3, "52 %"), (4, "50 %"), (5, "45 %"), (6, "45 %"),
    ]  # fmt: skip
    assert len([x for x in chart.labels if x.col > 0]) == 12


def test_figur_7_reads_each_series_on_its_own_axis(results):
    bars, line = _figure(results, "figur-7").chart.scales
    assert bars.series == ["Antall avsluttet"]
    assert line.series == ["Andel i arbeid og/eller utdanning"]
    assert (bars.source, line.source) == ("tick labels", "tick labels")
    # on the left axis 1 000 persons are 25.1 pt, on the right 20 percent are 15.7 pt
    assert (round(bars.per_unit * 1000, 1), round(line.per_unit * 20, 1)) == (25.1, 15.7)


def test_a_caption_marker_of_a_figure_is_a_note(results):
    (note,) = _figure(results, "figur-1").notes
    assert (note.row, note.col, note.marker) == (None, None, "22")
    assert note.note.startswith("Det er flere som avslutter programmet på datoene rundt seks")


AGES = ["18-24", "25-30", "31-35", "36-40", "41-45", "46-50", "51-55", "56+"]


def _column(indicator, cell, keys, values, age=False):
    """(indicator, year, group, age group, value, locator) of one figure column ``cell``
    ("figur-2 c1"), row by row: ``keys`` are years, or age groups (of 2025) if ``age``."""
    table, col = cell.split()
    return [
        (indicator, 2025 if age else key, "alle", key if age else "alle", value,
         f"{table} r{r} {col}")
        for r, (key, value) in enumerate(zip(keys, values, strict=True), 1)
    ]  # fmt: skip


# what the figures give: each cell one observation
YEARS = list(range(2020, 2026))
FIGURE_OBSERVATIONS = sorted(
    _column("share_work", "figur-2 c1", YEARS, [17, 19, 24, 41, 40, 40])
    + _column("share_education", "figur-2 c2", YEARS, [32, 30, 28, 9, 5, 5])
    + [("share_work", 2025, "ukraina", "alle", 43, "figur-3 r1 c1"),
       ("share_work", 2025, "ovrige", "alle", 27, "figur-3 r1 c2"),
       ("share_education", 2025, "ukraina", "alle", 2, "figur-3 r2 c1"),
       ("share_education", 2025, "ovrige", "alle", 17, "figur-3 r2 c2")]
    + _column("finishers", "figur-7 c1", AGES, [1402, 2186, 2245, 2071, 1708, 1373, 1069, 662],
              age=True)
    + _column("share_work_or_education", "figur-7 c2", AGES, [56, 52, 49, 47, 45, 40, 31, 18],
              age=True)
)  # fmt: skip


def test_every_figure_cell_is_one_observation(results):
    figures = [o for o in results[SOURCE].observations if o.locator.startswith("figur-")]
    got = sorted((o.indicator, o.year, o.group, o.age_group, o.value, o.locator) for o in figures)
    assert got == FIGURE_OBSERVATIONS
    assert {(o.indicator, o.unit) for o in figures} == {
        ("share_work", "percent"), ("share_education", "percent"),
        ("finishers", "persons"), ("share_work_or_education", "percent"),
    }  # fmt: skip


def test_figures_merge_with_tables_and_key_figures(published):
    _, out = published
    obs = pd.read_csv(out / "observations.csv", dtype={"region_code": str})
    # the 2025 report's chart beats the sentence of the same report that says the same
    row = one(obs, indicator="share_work", year=2025, group="ukraina")
    assert (row.value, row.locator) == (43, "figur-3 r1 c1")
    # and the 2021 report's own figure gives way to the newer publication's chart
    conflicts = pd.read_csv(out / "conflicts.csv", dtype={"region_code": str})
    rows = conflicts[(conflicts.indicator == "share_education") & (conflicts.year == 2021)]
    assert rows[["n", "value", "kept", "source_id", "locator"]].values.tolist()[:2] == [
        [1, 30, True, SOURCE, "figur-2 r2 c2"],
        [2, 31, False, "imdi-rapport-2021", rows.locator.iloc[1]],
    ]
    assert set(rows.reason) == {"the newer publication (2026-06-16) beats the older (2022-06-16)"}


@pytest.mark.parametrize("file", ["imdi-nokkeltall-2025.pdf", "imdi-rapport-2021.pdf"])
def test_no_table_is_ever_read_as_a_chart(results, file):
    """Every table caption of the corpus, passed to the chart reader as if it were a figure's:
    the ruled tables and pictures under them are never read as charts."""
    source = next(r for r in results.values() if r.source.file == file)
    pages = sorted({t.pages[0] for t in source.tables if t.kind == "table" and t.caption})
    seen = 0
    pdf = open_pdf((RAW / file).read_bytes())
    try:
        layouts = page_layouts(pdf, pages=set(pages))
    finally:
        pdf.close()
    for layout in layouts:
        captions = [
            replace(c, kind="figur", number=f"T{c.number}") if c.kind == "tabell" else c
            for c in find_captions(layout)
        ]
        for chart in read_charts(captions, layout.segments, layout.marks, layout.images):
            if chart.caption.number.startswith("T"):
                assert chart.status != "extracted", (layout.number, chart.caption.text, chart.cells)
                seen += 1
    assert seen == {"imdi-nokkeltall-2025.pdf": 2, "imdi-rapport-2021.pdf": 17}[file]
