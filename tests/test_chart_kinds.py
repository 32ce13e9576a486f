"""Each chart kind, built with matplotlib (bar_label, annotate, twinx) with other data, colours,
fonts and sizes than the corpus, read cell for cell by the PDF reader."""

from __future__ import annotations

import pytest

from conftest import read_figures


def read_one(built, table_id: str):
    table = read_figures(built.path)[table_id]
    assert (table.status, table.reason) == ("extracted", "")
    assert (table.kind, table.method, table.header_rows) == ("figure", "vector-chart", 1)
    return table


def test_vertical_bars_without_legend(chart_pdf):
    built = chart_pdf("vertical_bars")
    table = read_one(built, "figur-4")
    assert table.chart.kind == "vertical bars"
    assert table.cells == [
        ["", ""],
        ["Agder", "1 234"],
        ["Innlandet", "987"],
        ["Nordland", "2 045"],
        ["Oslo", "3 120"],
        ["Rogaland", "1 580"],
        ["Vestland", "2 999"],
    ]
    (scale,) = table.chart.scales
    assert scale.source == "tick labels"
    assert scale.per_unit == pytest.approx(built.per_unit, abs=1e-3)


def test_horizontal_bars_top_to_bottom(chart_pdf):
    table = read_one(chart_pdf("horizontal_bars"), "figur-5")
    assert table.chart.kind == "horizontal bars"
    assert table.cells == [
        ["", "Andel i arbeid"],
        ["Somalia", "12,5 %"],
        ["Syria", "33,0 %"],
        ["Eritrea", "27,5 %"],
        ["Afghanistan", "41,0 %"],
        ["Ukraina", "8,5 %"],
    ]


def test_grouped_bars_with_years_as_series(chart_pdf):
    table = read_one(chart_pdf("grouped_bars"), "figur-6")
    assert table.chart.kind == "grouped vertical bars"
    assert table.cells == [
        ["", "2023", "2024", "2025"],
        ["Kvinner", "38 %", "44 %", "47 %"],
        ["Menn", "52 %", "55 %", "61 %"],
        ["Alle", "45 %", "50 %", "54 %"],
    ]


def test_stacked_columns_with_totals_and_a_wrapped_category(chart_pdf):
    table = read_one(chart_pdf("stacked_columns"), "figur-7")
    assert table.chart.kind == "stacked vertical bars"
    assert table.cells == [
        ["", "Arbeid", "Utdanning", "Begge"],
        ["Grunnskole", "22 %", "5 %", "3 %"],
        ["Videregående", "35 %", "9 %", "4 %"],
        ["Høyere utdanning", "48 %", "6 %", "7 %"],
        ["Ukjent", "15 %", "3 %", "2 %"],
    ]
    # the totals are read as checks of their stacks, not as cells
    totals = [(x.row, x.text) for x in table.chart.labels if x.col == 0]
    assert totals == [(1, "30 %"), (2, "48 %"), (3, "61 %"), (4, "20 %")]


def test_line_chart_with_point_labels(chart_pdf):
    table = read_one(chart_pdf("line_chart"), "figur-8")
    assert table.chart.kind == "lines"
    assert table.cells == [
        ["", "Menn", "Kvinner"],
        ["2019", "61 %", "45 %"],
        ["2020", "63 %", "47 %"],
        ["2021", "58 %", "44 %"],
        ["2022", "66 %", "52 %"],
        ["2023", "70 %", "55 %"],
        ["2024", "72 %", "59 %"],
    ]
    assert [s.series for s in table.chart.scales] == [["Menn"], ["Kvinner"]]


def test_bars_and_a_line_on_a_second_axis(chart_pdf):
    built = chart_pdf("bars_and_line")
    table = read_one(built, "figur-9")
    assert table.chart.kind == "vertical bars and line"
    assert table.cells == [
        ["", "Deltakere", "Andel fullført"],
        ["Bergen", "812", "72 %"],
        ["Bodø", "455", "65 %"],
        ["Hamar", "290", "81 %"],
        ["Tromsø", "377", "58 %"],
        ["Skien", "198", "69 %"],
    ]
    bars, line = table.chart.scales
    assert (bars.series, line.series) == (["Deltakere"], ["Andel fullført"])
    assert bars.per_unit == pytest.approx(built.per_unit, abs=1e-3)  # left axis: 0 to 1 000
    assert line.per_unit == pytest.approx(8 * built.per_unit, abs=1e-3)  # right: 0 % to 125 %


def test_stacked_horizontal_bars_with_totals_after_them(chart_pdf):
    table = read_one(chart_pdf("horizontal_stacked"), "figur-10")
    assert table.chart.kind == "stacked horizontal bars"
    assert table.cells == [
        ["", "Fullført", "Avbrutt", "Pågår"],
        ["Norskopplæring", "120", "45", "30"],
        ["Arbeidspraksis", "98", "51", "40"],
        ["Utdanning", "143", "22", "35"],
    ]
    totals = [(x.row, x.text) for x in table.chart.labels if x.col == 0]
    assert totals == [(1, "195"), (2, "189"), (3, "200")]


def test_bars_below_zero(chart_pdf):
    table = read_one(chart_pdf("bars_below_zero"), "figur-11")
    assert table.cells == [
        ["", ""],
        ["Alta", "3,5"],
        ["Moss", "−2,0"],
        ["Molde", "5,5"],
        ["Narvik", "−4,5"],
        ["Lillehammer", "1,0"],
    ]


def test_a_vector_chart_under_a_picture(chart_pdf):
    figures = read_figures(chart_pdf("raster_and_vector").path)
    assert [(t.table_id, t.status) for t in figures.values()] == [
        ("figur-12", "image_only"),
        ("figur-13", "extracted"),
    ]
    assert figures["figur-13"].cells == [
        ["", ""],
        ["Agder", "1 234"],
        ["Innlandet", "987"],
        ["Nordland", "2 045"],
        ["Oslo", "3 120"],
    ]


def test_two_charts_each_with_its_own_caption(chart_pdf):
    figures = read_figures(chart_pdf("two_charts").path)
    assert {i: (t.status, t.chart.kind) for i, t in figures.items()} == {
        "figur-18": ("extracted", "vertical bars"),
        "figur-19": ("extracted", "lines"),
    }
    assert figures["figur-18"].cells[1] == ["Agder", "1 234"]
    assert figures["figur-19"].cells[1] == ["2019", "61 %", "45 %"]
    assert figures["figur-18"].bbox[3] < figures["figur-19"].bbox[1]  # bars above the lines


def test_chart_text_stays_out_of_the_running_text(chart_pdf):
    """Labels, ticks, legend and categories are the chart's: the page's paragraphs are the
    body text around it."""
    from reportparse.model import ContentMode
    from reportparse.readers.pdf.content import read_content
    from reportparse.readers.pdf.pdffile import open_pdf, page_layouts

    pdf = open_pdf(chart_pdf("bars_and_line").path.read_bytes())
    try:
        content = read_content(page_layouts(pdf), ContentMode.SPEC)
    finally:
        pdf.close()
    assert [p.text for p in content.paragraphs] == [
        "Tallene under viser resultatene for deltakerne som avsluttet programmet i perioden. "
        "Oversikten er laget for testene og bygger ikke på publiserte tall.",
    ] * 2
