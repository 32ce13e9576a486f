"""imdi.no pages of every kind, written for the tests in other words and layouts than the
corpus pages (``tests/pages/<name>.html``), each with its truth (``<name>.json``): family,
year, date, title, key figures, tables with their units and observations.

Classification against the truth is in test_classification.py.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from reportparse.mapping.tidy import column_headers, column_unit
from reportparse.model import DocumentError, Source, SourceKind
from reportparse.readers.document import open_reading, read_document, read_opened
from reportparse.readers.web.page import read_page
from reportparse.run.pipeline import run, validate_document_tables

from conftest import RAW

PAGES = Path(__file__).parent / "pages"
READ = ["nyhet-2018", "nyhet-2020", "nyhet-fylker-2016", "statistikk-2019",
        "publikasjon-2022", "generisk-kommuner"]  # fmt: skip
STATISTICS = ("persons", "percent", "percentage_points")


def truth(name: str) -> dict:
    return json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages():
    return {name: read_document(PAGES / f"{name}.html") for name in READ}


@pytest.mark.parametrize(
    ("name", "source_id"),
    [
        ("nyhet-2018", "imdi-nyhet-resultater-2018"),
        ("nyhet-2020", "imdi-nyhet-resultater-2020"),
        ("nyhet-fylker-2016", "imdi-nyhet-resultater-2016"),
        ("statistikk-2019", "imdi-statistikk-2019"),
        ("publikasjon-2022", "imdi-publikasjon-2022"),
        ("generisk-kommuner", "imdi-side-introduksjonsprogram-dette-ma-kommunen-vite"),
    ],
)
def test_each_kind_of_page_is_recognised_with_its_year_and_date(pages, name, source_id):
    src, t = pages[name].source, truth(name)
    assert (src.family, src.year, src.published, src.title, src.source_id) == (
        t["family"], t["year"], t["published"], t["title"], source_id
    )  # fmt: skip


@pytest.mark.parametrize("name", ["annet-bosetting-2019", "annet-tolking"])
def test_a_page_not_about_the_programme_is_an_unknown_kind(name):
    with pytest.raises(DocumentError) as exc:
        read_document(PAGES / f"{name}.html")
    assert str(exc.value).startswith(truth(name)["error_starts_with"])


@pytest.mark.parametrize("name", READ)
def test_key_figures_of_every_part_of_the_article(pages, name):
    """Lead, lists, fact boxes, quotes and table captions; nothing of the site around."""
    expected = Counter(
        (k["sentence"], k["expression"], float(k["value"]), k["unit"], k["approximate"])
        for k in truth(name)["key_figures"]
    )
    got = Counter(
        (f.sentence, f.expression, f.value, f.unit, f.approximate)
        for f in pages[name].key_figures
        if f.unit in STATISTICS
    )
    assert sorted((expected - got).elements()) == [], "missed"
    assert sorted((got - expected).elements()) == [], "spurious"


@pytest.mark.parametrize("name", READ)
def test_furniture_is_not_article_text(name):
    text = read_page((PAGES / f"{name}.html").read_bytes()).text
    assert [s for s in truth(name)["not_article_text"] if s in text] == []


def test_fact_boxes_and_quotes_are_article_text_and_link_lists_are_not():
    page = read_page((PAGES / "nyhet-2018.html").read_bytes())
    sections = [(p.section, p.text) for p in page.paragraphs if p.text.startswith(("8 470", "31"))]
    assert sections == [
        ("Fakta om 2018", "8 470 deltakere avsluttet programmet"),
        ("Rett i jobb eller skole",
         "31 prosent av dem som avsluttet, gikk direkte over i arbeid, mens 24 prosent begynte i "
         "utdanning."),
    ]  # fmt: skip
    assert page.lead.startswith("Drøyt 6 av 10 menn og vel 4 av 10 kvinner")
    stats = read_page((PAGES / "statistikk-2019.html").read_bytes())
    assert "Snaut 1 av 10 av dem som avsluttet, har ukjent status." in stats.text  # fact box
    assert "Les også" not in stats.text  # a heading over nothing but links
    html = (PAGES / "statistikk-2019.html").read_text(encoding="utf-8")
    with_text = html.replace("<li><a href=\"/tall-og-statistikk/introduksjonsprogrammet-2018-",
                             "<li>Se også tallene for 2018: <a href=\"/tall-og-statistikk/"
                             "introduksjonsprogrammet-2018-")  # fmt: skip
    assert "Les også" in read_page(with_text.encode()).text  # words of its own: article text


@pytest.mark.parametrize(
    ("name", "table_id"),
    [("statistikk-2019", "tabell-1"), ("nyhet-fylker-2016", "tabell-1"),
     ("generisk-kommuner", "utabell-p1-1")],
)  # fmt: skip
def test_tables_are_read_with_the_units_the_page_gives(pages, name, table_id):
    (t,) = [t for t in truth(name)["tables"] if t["table_id"] == table_id]
    (table,) = [x for x in pages[name].tables if x.table_id == table_id]
    assert (table.caption, table.header_rows, table.cells) == (
        t["caption"], t["header_rows"], t["cells"]
    )  # fmt: skip
    heads = column_headers(table)
    units = [None] + [column_unit(table, c, heads[c]) for c in range(1, table.n_cols)]
    assert units == t["column_units"]
    got = sorted(
        (o.indicator, o.year, o.region_code, o.region_name, o.value, o.unit, o.locator)
        for o in pages[name].observations
        if o.locator.split(" ")[0] == table_id
    )
    assert got == sorted(
        (o["indicator"], o["year"], o["region_code"], o["region_name"], o["value"], o["unit"],
         o["locator"])
        for o in t["observations"]
    )  # fmt: skip
    assert all(
        o.gender == o.group == o.age_group == o.education == o.category == "alle"
        for o in pages[name].observations
        if o.locator.startswith(table_id)
    )


def test_counts_are_persons_and_their_shares_hold_together(pages):
    """The county table of counts and shares passes its cross-checks; a count that does not
    give the printed share, and a county that breaks the total, fail them."""
    result = pages["nyhet-fylker-2016"]
    assert validate_document_tables(result) == []
    rows = {(o.indicator, o.region_code): (o.value, o.unit) for o in result.observations}
    assert rows[("finishers_to_work", "03")] == (182, "persons")
    assert rows[("share_work_or_education", "03")] == (49, "percent")
    html = (PAGES / "nyhet-fylker-2016.html").read_text(encoding="utf-8")
    broken = html.replace("<td>Oslo</td><td>602</td><td>182</td>",
                          "<td>Oslo</td><td>602</td><td>212</td>")  # fmt: skip
    failures = {
        (f["check"].split("(")[0], tuple(sorted({r["region_code"] for r in f["rows"]})))
        for f in validate_document_tables(_read(broken))
    }
    assert failures == {
        ("counts_give_share", ("03",)),
        ("parts_sum_to_total", ("00", *(f"{c:02}" for c in range(1, 13)),
                                *(f"{c:02}" for c in range(14, 21)))),
    }  # fmt: skip


def _read(html: str):
    """The result of a page given as text."""
    source = Source(source_id="page", file="page.html", sha256="0" * 64, kind=SourceKind.HTML)
    return read_opened(open_reading(html.encode(), SourceKind.HTML), source)


def test_a_count_column_is_never_read_as_percent(pages):
    table = [o for o in pages["nyhet-fylker-2016"].observations if o.locator.startswith("tabell")]
    units = {o.indicator: o.unit for o in table}
    assert units == {
        "finishers": "persons", "finishers_to_work": "persons",
        "finishers_to_education": "persons", "share_work_or_education": "percent",
    }  # fmt: skip
    assert max(o.value for o in table if o.unit == "percent") == 62


def test_mixed_raw_of_pdfs_and_pages_publishes_with_its_conflicts(tmp_path, warm_cache):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    for page in PAGES.glob("*.html"):
        shutil.copy(page, raw / page.name)
    result = run(raw, tmp_path / "out", keep_going=True, cache_dir=warm_cache)
    assert result.published, [f.describe() for f in result.failures]
    assert sorted(o.file for o in result.outcomes if o.cached) == sorted(
        p.name for p in RAW.iterdir()
    )
    sources = result.frames["sources"]
    assert sources[["source_id", "family", "status"]].fillna("").values.tolist() == [
        ["annet-bosetting-2019", "", "failed"],
        ["annet-tolking", "", "failed"],
        ["imdi-integreringsloven-slides-2025", "integreringsloven_slides", "ok"],
        ["imdi-nokkeltall-2025", "nokkeltall", "ok"],
        ["imdi-nyhet-resultater-2016", "nyhet", "ok"],
        ["imdi-nyhet-resultater-2017", "nyhet", "ok"],
        ["imdi-nyhet-resultater-2018", "nyhet", "ok"],
        ["imdi-nyhet-resultater-2020", "nyhet", "ok"],
        ["imdi-nyhet-resultater-2023", "nyhet", "ok"],
        ["imdi-publikasjon-2022", "publikasjon", "ok"],
        ["imdi-rapport-2021", "resultatrapport", "ok"],
        ["imdi-side-introduksjonsprogram-dette-ma-kommunen-vite", "generisk", "ok"],
        ["imdi-statistikk-2019", "statistikk", "ok"],
    ]
    conflicts = result.frames["conflicts"]
    exact, newer = "an exact value beats an approximate one", "the newer publication"
    side = "imdi-side-introduksjonsprogram-dette-ma-kommunen-vite"
    kept = conflicts[conflicts.n == 1]  # each key's kept place
    got = kept[["indicator", "year", "region_code", "gender", "group", "value", "source_id",
                "reason"]].values.tolist()  # fmt: skip
    assert [[*row[:7], row[7].split(" (")[0]] for row in got] == [
        ["finishers", 2018, "00", "alle", "alle", 8470, "imdi-nyhet-resultater-2018", exact],
        ["finishers", 2022, "00", "alle", "alle", 2757, "imdi-nokkeltall-2025", exact],
        ["finishers", 2023, "00", "alle", "alle", 11381, "imdi-nokkeltall-2025", newer],
        ["finishers", 2025, "00", "alle", "alle", 12716, "imdi-nokkeltall-2025", exact],
        ["finishers", 2025, "00", "alle", "ukraina", 10550, "imdi-nokkeltall-2025",
         "the first in document order is kept"],
        ["finishers_share", 2025, "00", "kvinner", "alle", 55, "imdi-nokkeltall-2025", exact],
        ["participants", 2017, "00", "alle", "alle", 28300, side, exact],
        ["participants", 2024, "00", "alle", "alle", 36139, "imdi-nokkeltall-2025",
         "a printed table beats running text of the same publication"],
        # Figur 2 of the 2025 report against the pages of earlier years
        ["share_education", 2020, "00", "alle", "alle", 32, "imdi-nokkeltall-2025", newer],
        ["share_education", 2021, "00", "alle", "alle", 30, "imdi-nokkeltall-2025", newer],
        ["share_education", 2022, "00", "alle", "alle", 28, "imdi-nokkeltall-2025", newer],
        ["share_work", 2019, "00", "alle", "alle", 33, "imdi-nyhet-resultater-2020", exact],
        ["share_work_or_education", 2016, "00", "alle", "alle", 49, side, exact],
        ["share_work_or_education", 2017, "00", "alle", "alle", 48, "imdi-nyhet-resultater-2018",
         exact],
        ["share_work_or_education", 2017, "00", "kvinner", "alle", 34,
         "imdi-nyhet-resultater-2017", exact],
        ["share_work_or_education", 2017, "00", "menn", "alle", 55, "imdi-nyhet-resultater-2017",
         exact],
        ["share_work_or_education", 2018, "00", "alle", "alle", 55, "imdi-rapport-2021", exact],
        ["share_work_or_education", 2018, "00", "kvinner", "alle", 44,
         "imdi-nyhet-resultater-2018", exact],
        ["share_work_or_education", 2018, "00", "menn", "alle", 62, "imdi-nyhet-resultater-2018",
         exact],
        ["share_work_or_education", 2021, "00", "alle", "alle", 49, "imdi-rapport-2021", exact],
        ["share_work_or_education", 2025, "00", "alle", "alle", 45, "imdi-nokkeltall-2025", exact],
        ["share_work_or_education", 2025, "42", "alle", "alle", 27, "imdi-nokkeltall-2025", exact],
        ["share_work_or_education", 2025, "55", "alle", "alle", 64, "imdi-nokkeltall-2025", exact],
    ]  # fmt: skip
    obs = result.frames["observations"]
    counts = obs[(obs.year == 2016) & (obs.unit == "persons") & (obs.region_code != "00")]
    assert set(counts.source_id) == {"imdi-nyhet-resultater-2016"}
    assert counts.groupby("indicator")["value"].agg(["size", "sum"]).to_dict("index") == {
        "finishers": {"size": 19, "sum": 5480},
        "finishers_to_education": {"size": 19, "sum": 1190},
        "finishers_to_work": {"size": 19, "sum": 1480},
    }


def test_site_header_and_footer_are_told_by_where_they_stand():
    html = (
        '<html><body><div id="header"><p>Meny: 356 kommuner</p></div>'
        "<div><h1>Introduksjonsprogrammet i 2019</h1>"
        '<div class="section-header"><h2>Fakta om 2019</h2></div>'
        "<p>9 120 deltakere avsluttet programmet.</p>"
        '<div class="box-footer"><p>Kilde: NIR, 2020.</p></div><p>Siste avsnitt.</p></div>'
        '<div id="footer"><p>Telefon 24 16 88 00</p></div></body></html>'
    )
    page = read_page(html.encode())
    assert [(p.section, p.text) for p in page.paragraphs] == [
        ("Introduksjonsprogrammet i 2019", "Introduksjonsprogrammet i 2019"),
        ("Fakta om 2019", "Fakta om 2019"),
        ("Fakta om 2019", "9 120 deltakere avsluttet programmet."),
        ("Fakta om 2019", "Kilde: NIR, 2020."),
        ("Fakta om 2019", "Siste avsnitt."),
    ]
