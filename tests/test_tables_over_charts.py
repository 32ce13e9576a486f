"""A table right over a chart, drawn here with matplotlib: the table's caption ends page 1,
the table (open, no rules) opens page 2, and a hair under its last row a chart of bars and a
line, its legend over it, its value labels inside the bars and over the points, its axes
ticked on both sides (as LibreOffice prints a table right over a chart; layout fuzzer seed
6). A chart read whole gives no table its labels or its gridlines: the table is its rows
alone, the chart its own. Read as ``make extract`` reads it; the cells expected are those
drawn."""

from __future__ import annotations

from reportparse.model import ContentMode, TableStatus
from reportparse.readers.pdf.content import read_content
from reportparse.readers.pdf.pdffile import open_pdf, page_layouts

from chartpdfs import TABLE_OVER_CHART


def test_a_table_a_hair_over_a_chart_takes_none_of_the_charts_labels(chart_pdf):
    pdf = open_pdf(chart_pdf("table_over_chart", gap=0.005).path.read_bytes())
    try:
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    tables = {t.table_id: t for t in read_content(layouts, ContentMode.SPEC).tables}
    assert sorted(tables) == ["figur-4", "tabell-2"]
    table = tables["tabell-2"]
    assert (table.status, table.pages, table.header_rows) == (TableStatus.EXTRACTED, [2], 1)
    assert table.cells == TABLE_OVER_CHART
    chart = tables["figur-4"]
    assert (chart.status, chart.pages) == (TableStatus.EXTRACTED, [2])
    assert chart.cells == [
        ["", "Antall avsluttet", "Andel i arbeid og/eller utdanning"],
        ["18-24", "812", "50 %"],
        ["25-30", "1 491", "53 %"],
        ["31-35", "542", "42 %"],
        ["36-40", "2 602", "43 %"],
        ["41-45", "1 511", "31 %"],
        ["46-50", "2 687", "25 %"],
        ["51-55", "1 651", "51 %"],
        ["56+", "587", "53 %"],
    ]
