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

# each test prints its report with headless Chromium (seconds each): make test runs them,
# make test-fast leaves them out (the fuzzer's fast seed, printed with WeasyPrint, stays in)
pytestmark = pytest.mark.slow


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


def _flowing(tmp_path, county_blocks):
    measures = variants.measures_table(caption="Tabell 1 Deltakelse i tiltak")
    body = [[c.replace("\n", " ") for c in row] for row in measures.body]
    blocks = [browserpdfs.heading(measures.caption),
              browserpdfs.flowing_table(measures.header, body, None), *county_blocks]  # fmt: skip
    result = read_document(browserpdfs.flowing_report(tmp_path / "flow.pdf", blocks))
    result.invalid = validate_document_tables(result)
    return result


def test_a_table_going_on_with_its_header_repeated_and_no_marker_is_joined(tmp_path):
    """The county table breaks after Agder; the browser repeats its header on the next page,
    prints no "(forts.)", and a running head and "Side N av M" stand on the way."""
    counties = variants.county_table(caption="Tabell 2 Resultat per fylke i 2026")
    table = browserpdfs.flowing_table(counties.header, counties.body, 8)
    result = _flowing(tmp_path, [browserpdfs.heading(counties.caption), table])
    t = _tables(result)["tabell-2"]
    assert (t.status, t.pages, t.joined) == (TableStatus.EXTRACTED, [1, 2], True)
    assert t.cells == counties.expected()
    assert result.problems == [] and result.invalid == []
    assert [k.expression for k in result.key_figures] == ["Om lag 21 500"]


def test_a_caption_that_ends_its_page_takes_the_table_that_begins_the_next(tmp_path):
    counties = variants.county_table(caption="Tabell 2 Resultat per fylke i 2026")
    table = browserpdfs.flowing_table(counties.header, counties.body, None)
    table = table.replace("<table>", "<table style='break-before: page'>")
    result = _flowing(tmp_path, [browserpdfs.heading(counties.caption), table])
    t = _tables(result)["tabell-2"]
    assert (t.status, t.pages, t.caption) == (
        TableStatus.EXTRACTED, [2], "Tabell 2 Resultat per fylke i 2026",
    )  # fmt: skip
    assert t.cells == counties.expected()
    assert result.problems == [] and result.invalid == []


def test_a_caption_in_the_body_font_with_no_separator_and_contents_in_one_line(tmp_path):
    """ "Tabell 2 Resultat per fylke" printed as a plain line over its table is its caption;
    "Tabell 2 viser 45 prosent ..." in the running text is not, and keeps its key figure;
    contents entries that end in their page number in the same text run give none."""
    counties = variants.county_table(caption="Tabell 2 Resultat per fylke i 2026")
    measures = variants.measures_table(caption="Tabell 1 Deltakelse i tiltak")
    body = [[c.replace("\n", " ") for c in row] for row in measures.body]
    blocks = [
        "<h2>Innhold</h2><p>Hovedfunn 2026 1<br>1. Deltakere i introduksjonsprogram 1<br>"
        "2. Resultater per fylke 2</p>",
        "<p>Tabell 2 viser at 45 prosent gikk over til arbeid eller utdanning.</p>",
        f"<p>{measures.caption}</p>",
        browserpdfs.flowing_table(measures.header, body, None),
        f"<p style='break-before: page'>{counties.caption}</p>",
        browserpdfs.flowing_table(counties.header, counties.body, None),
    ]
    result = read_document(browserpdfs.flowing_report(tmp_path / "plain.pdf", blocks))
    result.invalid = validate_document_tables(result)
    tables = _tables(result)
    assert [(t.table_id, t.status, t.pages) for t in result.tables] == [
        ("tabell-1", TableStatus.EXTRACTED, [1]),
        ("tabell-2", TableStatus.EXTRACTED, [2]),
    ]
    assert tables["tabell-1"].cells == measures.expected()
    assert tables["tabell-2"].cells == counties.expected()
    assert [(k.expression, k.value, k.unit) for k in result.key_figures] == [
        ("Om lag 21 500", 21500.0, "persons"),
        ("45 prosent", 45.0, "percent"),
    ]
    assert result.problems == [] and result.invalid == []


def _with_counties(tmp_path, county_blocks):
    measures = variants.measures_table(caption="Tabell 1 Deltakelse i tiltak")
    body = [[c.replace("\n", " ") for c in row] for row in measures.body]
    blocks = [browserpdfs.heading(measures.caption),
              browserpdfs.flowing_table(measures.header, body, None), *county_blocks]  # fmt: skip
    result = read_document(browserpdfs.flowing_report(tmp_path / "content.pdf", blocks))
    result.invalid = validate_document_tables(result)
    return result


def test_a_table_no_caption_names_is_found_by_its_counties_and_header_words(tmp_path):
    counties = variants.county_table(caption="Tabell 2 Overgang etter bosted i 2026")
    table = browserpdfs.flowing_table(counties.header, counties.body, None)
    result = _with_counties(tmp_path, [browserpdfs.heading(counties.caption), table])
    t = _tables(result)["tabell-2"]
    assert (t.status, t.spec, t.found_by) == (TableStatus.EXTRACTED, "resultat-fylker", "content")
    assert _tables(result)["tabell-1"].found_by == "caption"
    oslo = [o for o in result.observations if o.table_id == "tabell-2" and o.region_code == "03"]
    assert sorted((o.gender, o.year, o.value) for o in oslo) == [
        ("alle", 2025, 42.0), ("alle", 2026, 42.0), ("kvinner", 2026, 32.0), ("menn", 2026, 52.0),
    ]  # fmt: skip
    assert result.problems == [] and result.invalid == []


def test_two_tables_that_fit_alike_are_never_guessed_between(tmp_path):
    first = variants.county_table(caption="Tabell 2 Overgang etter bosted i 2026")
    second = variants.county_table(caption="Tabell 3 Overgang etter bosted i 2025")
    blocks = []
    for t in (first, second):
        blocks += [browserpdfs.heading(t.caption),
                   browserpdfs.flowing_table(t.header, t.body, None)]  # fmt: skip
    result = _with_counties(tmp_path, blocks)
    assert [(t.table_id, t.status, t.found_by) for t in result.tables] == [
        ("tabell-1", TableStatus.EXTRACTED, "caption"),
        ("tabell-2", TableStatus.UNMAPPED, ""),
        ("tabell-3", TableStatus.UNMAPPED, ""),
    ]
    assert result.problems == [
        "table 'resultat-fylker' is found by its content in tabell-2 and tabell-3 alike: "
        "none is taken",
    ]
