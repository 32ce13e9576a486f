"""Reports as a new user brings them: printed from HTML by a browser, with captions that are
headings without a colon, running heads, "Side N av M" footers, a table of contents and inline
SVG charts. Each document is built here; its truth comes from how it was built."""

from __future__ import annotations

import pytest

import browserpdfs
from reportparse.model import TableStatus
from reportparse.readers.document import read_document
from reportparse.run.pipeline import validate_document_tables

import variants


@pytest.fixture(scope="module")
def browser_2026(tmp_path_factory):
    measures = variants.measures_table(caption="Tabell 1 Deltakelse i tiltak")
    counties = variants.county_table(caption="Tabell 2 Resultat per fylke i 2026")
    path = tmp_path_factory.mktemp("browser") / "nokkeltall-2026.pdf"
    result = read_document(browserpdfs.report_2026(path, measures, counties))
    result.invalid = validate_document_tables(result)
    return result, measures, counties


def _tables(result):
    return {t.table_id: t for t in result.tables}


def test_captions_without_a_colon_find_every_table(browser_2026):
    result, measures, counties = browser_2026
    tables = _tables(result)
    assert [(t.table_id, t.status) for t in result.tables] == [
        ("tabell-1", TableStatus.EXTRACTED),
        ("tabell-2", TableStatus.EXTRACTED),
        ("figur-3", TableStatus.EXTRACTED),
    ]
    assert tables["tabell-1"].cells == measures.expected()
    assert tables["tabell-2"].cells == counties.expected()
    assert tables["tabell-2"].caption == "Tabell 2 Resultat per fylke i 2026"
    assert (tables["tabell-1"].spec, tables["tabell-2"].spec) == (
        "deltakelse-i-tiltak", "resultat-fylker",
    )  # fmt: skip
    assert result.problems == [] and result.invalid == []


def test_a_chart_a_browser_printed_is_read_from_its_svg(browser_2026):
    chart = _tables(browser_2026[0])["figur-3"]
    assert chart.cells == [
        ["", browserpdfs.AGE_SERIES],
        *[[a, f"{v} %"] for a, v in zip(browserpdfs.AGES, browserpdfs.AGE_SHARES, strict=True)],
    ]


def test_footers_running_heads_and_contents_give_no_key_figure(browser_2026):
    result = browser_2026[0]
    assert [(k.page, k.expression, k.value, k.unit) for k in result.key_figures] == [
        (1, "Om lag 21 500", 21500.0, "persons"),
    ]
