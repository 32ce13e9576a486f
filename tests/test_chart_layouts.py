"""Charts as other producers print them (browsers, LibreOffice, web chart libraries): labels
beside small stacked segments, lines under a legend of boxes, a line over bars whose own axis
is left out, captions under their charts, boxes drawn as closed paths with extra points.
Each is read cell for cell."""

from __future__ import annotations

from reportparse.readers.pdf.marks import _is_box
from reportparse.specs.settings import LAYOUT

from conftest import read_figures


def read(chart_pdf, kind: str) -> dict:
    return read_figures(chart_pdf(kind).path)


def test_labels_beside_small_stacked_segments(chart_pdf):
    table = read(chart_pdf, "stacked_small_beside")["figur-20"]
    assert (table.status, table.reason) == ("extracted", "")
    assert table.cells == [
        ["", "Arbeid", "Utdanning"],
        ["2021", "28 %", "4 %"],
        ["2022", "43 %", "3 %"],
        ["2023", "24 %", "32 %"],
        ["2024", "27 %", "6 %"],
    ]


def test_lines_under_a_legend_of_boxes_with_square_markers(chart_pdf):
    table = read(chart_pdf, "lines_box_legend")["figur-21"]
    assert (table.status, table.reason) == ("extracted", "")
    assert table.cells == [
        ["", "Menn", "Kvinner"],
        ["2019", "61 %", "45 %"],
        ["2020", "63 %", "47 %"],
        ["2021", "58 %", "44 %"],
        ["2022", "66 %", "52 %"],
        ["2023", "70 %", "55 %"],
        ["2024", "72 %", "59 %"],
    ]


def test_a_label_over_a_point_and_a_bar_end_goes_by_the_scale(chart_pdf):
    # '33 %' stands over the last point, which lies on its bar's end: only the line's scale
    # (from its other labels) gives 33 there; the bars' scale gives 1 982
    table = read(chart_pdf, "bars_and_line_no_axis")["figur-22"]
    assert (table.status, table.reason) == ("extracted", "")
    assert table.cells == [
        ["", "Antall avsluttet", "Andel i arbeid"],
        ["18-24 år", "1 905", "54 %"],
        ["25-30 år", "2 105", "55 %"],
        ["31-35 år", "1 644", "47 %"],
        ["36-40 år", "1 982", "33 %"],
    ]


def test_captions_under_their_charts_take_the_chart_above(chart_pdf):
    tables = read(chart_pdf, "captions_under")
    assert [(t.status, t.reason) for t in tables.values()] == [("extracted", "")] * 2
    assert tables["figur-23"].cells[1:3] == [["Agder", "1 234"], ["Innlandet", "987"]]
    assert tables["figur-24"].cells[0] == ["", "Menn", "Kvinner"]
    assert tables["figur-24"].cells[-1] == ["2024", "72 %", "59 %"]


def test_a_box_drawn_from_the_middle_of_a_side_is_a_box():
    # LibreOffice draws an SVG rectangle from the middle of its lower side, round, and back
    drawn = [(113.2, 178.0), (109.5, 178.0), (109.5, 170.6), (117.0, 170.6), (117.0, 178.0),
             (113.2, 178.0)]  # fmt: skip
    assert _is_box(drawn, LAYOUT)
    assert _is_box([(0, 0), (4, 0), (4, 2), (0, 2), (0, 0)], LAYOUT)
    assert not _is_box([(0, 0), (4, 0), (4, 2), (2, 2), (2, 4), (0, 4), (0, 0)], LAYOUT)
    assert not _is_box([(0, 0), (4, 0), (2, 3), (0, 0)], LAYOUT)


def test_value_labels_set_close_over_two_bars_are_split_at_their_bars(chart_pdf):
    # '35,0 %' over each bar of 2022, close enough to be printed as one run of text
    table = read(chart_pdf, "grouped_equal")["figur-25"]
    assert (table.status, table.reason) == ("extracted", "")
    assert table.cells == [
        ["", "Arbeid", "Utdanning"],
        ["2021", "44,0 %", "25,0 %"],
        ["2022", "35,0 %", "35,0 %"],
        ["2023", "14,0 %", "22,0 %"],
        ["2024", "33,0 %", "21,0 %"],
    ]
