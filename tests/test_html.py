"""Saved imdi.no news pages: the article only, key figures and their meaning, tables, merging.

The corpus pages are checked against their truth in test_key_figures.py; here the
pages of other years written in tests/htmlpages.py show that nothing depends on
the wording or markup of the two corpus pages.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from reportparse.model import DocumentError
from reportparse.readers.document import read_document
from reportparse.readers.web.page import read_page
from reportparse.run.pipeline import run

import htmlpages
from conftest import RAW


def figures(result):
    """(expression, value, unit, approximate, indicator, years, gender, group, other dims)."""
    out = []
    for f in result.key_figures:
        c = f.classification
        dims = {k: getattr(c, k) for k in ("education", "age_group", "region_code", "category")}
        other = {k: v for k, v in dims.items() if v not in ("alle", "00")}
        out.append(
            (f.expression, f.value, f.unit, f.approximate, c.indicator, c.years, c.gender,
             c.group, other)
        )  # fmt: skip
    return out


# ---------------------------------------------------------------- the corpus pages


@pytest.mark.parametrize(
    ("source_id", "year", "title", "date"),
    [
        ("imdi-nyhet-resultater-2017", 2017, "Introduksjonsprogram – resultater for 2017",
         "2018-10-24"),
        ("imdi-nyhet-resultater-2023", 2023,
         "Flere flyktninger over til arbeid etter endt introduksjonsprogram", "2024-06-24"),
    ],
)  # fmt: skip
def test_corpus_page_is_recognised_from_its_content(results, source_id, year, title, date):
    src = results[source_id].source
    assert (src.kind, src.family, src.year, src.title, src.published, src.pages) == (
        "html", "nyhet", year, title, date, None
    )  # fmt: skip
    assert src.file == f"{source_id}.html"
    assert results[source_id].tables == []


def test_only_the_article_is_read():
    page = read_page((RAW / "imdi-nyhet-resultater-2023.html").read_bytes())
    assert [(p.kind, p.text[:50]) for p in page.paragraphs] == [
        ("heading", "Flere flyktninger over til arbeid etter endt intro"),
        ("body", "Av de 11 400 flyktninger som avsluttet introduksjo"),
        ("body", "Sist oppdatert: 24. juni 2024"),
        ("heading", "Flere flyktninger går over til arbeid"),
        ("body", "41 prosent av alle flykninger gikk til arbeid dire"),
        ("body", "Det er positivt at en høy andel av deltakerne i in"),
        ("heading", "Flere fordrevne fra Ukraina som avsluttet program "),
        ("body", "I 2023 er det første året hvor et høyt antall ford"),
        ("body", "Fordrevne fra Ukraina skiller seg ut ved at svært "),
        ("heading", "Fylkene med best resultater"),
        ("body", "Troms og Finnmark, Nordland og Trøndelag hadde de "),
        ("body", "Fylkene med høy ledighet (Vestfold og Telemark og "),
        ("body", "Nye tall for 2023 publiseres her 24. juni"),
    ]
    text = page.text
    for furniture in ("Hopp til", "Hovedmeny", "Bosetting", "informasjonskapsler", "Godta",
                      "Forside", "Facebook", "Del", "Fant du", "Kontakter", "Om oss",
                      "ivareta arbeidet", "presserom", "Orion"):  # fmt: skip
        assert furniture not in text


def test_no_break_spaces_and_line_breaks_become_spaces():
    page = read_page((RAW / "imdi-nyhet-resultater-2017.html").read_bytes())
    texts = [p.text for p in page.paragraphs]
    assert any(t.startswith("Integrerings- og mangfoldsdirektoratet") and "i 2017. Her får" in t
               for t in texts)  # fmt: skip
    assert any("mens deltagere fra Somalia trekker ned. – Når kun 3 av 10" in t for t in texts)


def _one(result, sentence_start, value):
    hits = [f for f in result.key_figures if f.sentence.startswith(sentence_start)]
    hits = [f for f in hits if f.value == value]
    assert len(hits) == 1, (sentence_start, value, hits)
    c = hits[0].classification
    return (c.indicator, c.years, c.gender, c.group, hits[0].unit, hits[0].approximate)


def test_corpus_statements_of_the_issue_are_classified(results):
    r17, r23 = results["imdi-nyhet-resultater-2017"], results["imdi-nyhet-resultater-2023"]
    assert _one(r17, "Det var 6391 deltakere", 6391) == (
        "finishers", [2017], "alle", "alle", "persons", False
    )  # fmt: skip
    start = "25 prosent av deltakerne gikk direkte over i arbeid"
    assert _one(r17, start, 25)[:2] == ("share_work", [2017])
    assert _one(r17, start, 23)[:2] == ("share_education", [2017])
    start = "Menn hadde en måloppnåelse på 55 prosent"
    assert _one(r17, start, 55)[:3] == ("share_work_or_education", [2017], "menn")
    assert _one(r17, start, 34)[:3] == ("share_work_or_education", [2017], "kvinner")
    assert _one(r23, "Det er en økning på 17 prosentpoeng", 17) == (
        None, [], "alle", "alle", "percentage_points", False
    )  # fmt: skip
    start = "Blant fordrevne fra Ukraina som avsluttet programmet"
    assert _one(r23, start, 45) == ("share_work", [2023], "alle", "ukraina", "percent", False)
    assert _one(r23, start, 3)[:4] == ("share_education", [2023], "alle", "ukraina")
    start = "For øvrige deltakere var andelen overgang til arbeid"
    assert _one(r23, start, 23) == ("share_work", [2023], "alle", "ovrige", "percent", False)
    assert _one(r23, start, 28)[:4] == ("share_education", [2023], "alle", "ovrige")


def test_statements_about_other_groups_stay_unclassified(results):
    r17 = results["imdi-nyhet-resultater-2017"]
    assert _one(r17, "Kun 3 av 10 somaliere", 30)[0] is None
    assert (
        _one(r17, "Mens under 1 av 10 kvinner, som kommer til Norge som analfabeter", 10)[0] is None
    )
    assert {f.classification.indicator for f in r17.key_figures if "tiltakene" in f.sentence} == {
        None
    }


def test_figures_in_words_are_approximate_percent(results):
    r17, r23 = results["imdi-nyhet-resultater-2017"], results["imdi-nyhet-resultater-2023"]
    words = [
        (f.expression, f.value, f.unit, f.approximate)
        for r in (r17, r23)
        for f in r.key_figures
        if not f.expression[0].isdigit() or " av " in f.expression
    ]
    assert words == [
        ("Nesten halvparten", 50, "percent", True),
        ("Nesten halvparten", 50, "percent", True),
        ("over 5 av 10", 50, "percent", True),
        ("3 av 10", 30, "percent", True),
        ("3 av 10", 30, "percent", True),
        ("7 av 10", 70, "percent", True),
        ("under 1 av 10", 10, "percent", True),
        ("3 av 10", 30, "percent", True),
        ("Flere enn 4 av 10", 40, "percent", True),
        ("færre enn 2 av 10", 20, "percent", True),
        ("om lag halvparten", 50, "percent", True),
        ("i underkant av 3 000", 3000, "persons", True),
        ("om lag 9 100", 9100, "persons", True),
    ]


def test_newer_report_beats_press_release_and_conflicts_are_listed(published):
    result, _ = published
    obs, conflicts = result.frames["observations"], result.frames["conflicts"]

    def kept(indicator, year):
        rows = obs[(obs.indicator == indicator) & (obs.year == year) & (obs.region_code == "00")
                   & (obs.gender == "alle") & (obs.group == "alle")]  # fmt: skip
        assert len(rows) == 1
        return rows.iloc[0]

    row = kept("finishers", 2023)
    assert (row.value, row.source_id, bool(row.approximate)) == (
        11381, "imdi-nokkeltall-2025", False
    )  # fmt: skip
    c = conflicts[(conflicts.indicator == "finishers") & (conflicts.year == 2023)]
    assert set(c.reason) == {"the newer publication (2026-06-16) beats the older (2024-06-24)"}
    seen = c[c.source_id == "imdi-nyhet-resultater-2023"]
    assert (seen.value.tolist(), seen.kept.tolist()) == ([11400], [False])
    assert seen.locator.iloc[0].startswith('sentence "Av de 11 400 flyktninger')
    c = conflicts[(conflicts.indicator == "finishers") & (conflicts.year == 2022)]
    cited = c[c.n == 1].iloc[0]  # the place observations cites
    assert (cited.value, cited.reason) == (2757, "an exact value beats an approximate one")
    seen = c[c.source_id == "imdi-nyhet-resultater-2023"]
    assert seen[["value", "approximate", "kept"]].values.tolist() == [[3000, True, False]]
    row = kept("finishers", 2017)
    assert (row.value, row.source_id, pd.isna(row.page)) == (
        6391,
        "imdi-nyhet-resultater-2017",
        True,
    )
    assert row.locator == 'sentence "Det var 6391 deltakere som avsluttet introduksjonsprogram..."'


# ---------------------------------------------------------------- pages of other years


def test_2019_page_key_figures(tmp_path):
    result = read_document(htmlpages.results_2019(tmp_path / "side.html"))
    src = result.source
    assert (src.source_id, src.family, src.year, src.published) == (
        "imdi-nyhet-resultater-2019", "nyhet", 2019, "2020-06-19"
    )  # fmt: skip
    assert src.title == "Flere i jobb etter introduksjonsprogrammet"
    assert src.message == "no spec for 2019; read with the 2017 spec"
    wor = "share_work_or_education"
    assert figures(result) == [
        ("47 prosent", 47, "percent", False, wor, [2019], "alle", "alle", {}),
        ("I overkant av 9 000", 9000, "persons", True, "finishers", [2019], "alle", "alle", {}),
        ("9 214", 9214, "persons", False, "finishers", [2019], "alle", "alle", {}),
        ("7 760", 7760, "persons", False, "finishers", [2018], "alle", "alle", {}),
        ("36 prosent", 36, "percent", False, wor, [2019], "kvinner", "alle", {}),
        ("57 prosent", 57, "percent", False, wor, [2019], "menn", "alle", {}),
        ("Om lag 1 av 2", 50, "percent", True, wor, [2019], "alle", "alle", {}),
        ("33 prosent", 33, "percent", False, "share_work", [2019], "alle", "alle", {}),
        ("14 prosent", 14, "percent", False, "share_education", [2019], "alle", "alle", {}),
    ]


def test_2019_page_county_table(tmp_path):
    result = read_document(htmlpages.results_2019(tmp_path / "side.html"))
    (table,) = result.tables
    assert (table.table_id, table.method, table.status, table.pages, table.header_rows) == (
        "tabell-1", "html", "extracted", [], 2
    )  # fmt: skip
    assert table.caption == "Tabell 1: Overgang til arbeid og utdanning per fylke i 2019"
    assert table.cells == [
        ["Fylke", "Overgang direkte etter program (prosent)", "", ""],
        ["", "Arbeid", "Utdanning", "Arbeid eller utdanning"],
        ["Oslo", "30", "16", "46"],
        ["Hordaland", "35", "15", "50"],
        ["Trøndelag", "38", "17", "55"],
        ["Troms", "40", "14", "54"],
        ["Østfold", "28", "13", "41"],
        ["Hele landet", "33", "14", "47"],
    ]
    assert [(n.row, n.col, n.marker, n.note) for n in table.notes] == [
        (5, 0, "1", "Tallene for Troms omfatter også Svalbard.")
    ]
    assert table.spec == "resultat-fylker"
    obs = {
        (o.indicator, o.year, o.region_code): (o.value, o.region_name, o.locator)
        for o in result.observations
        if o.locator.startswith("tabell-1")
    }
    assert len(obs) == 18
    assert obs[("share_work", 2019, "03")] == (30, "Oslo", "tabell-1 r2 c1")
    assert obs[("share_education", 2019, "12")] == (15, "Hordaland", "tabell-1 r3 c2")
    assert obs[("share_work_or_education", 2019, "19")] == (54, "Troms", "tabell-1 r5 c3")
    assert obs[("share_work_or_education", 2019, "01")] == (41, "Østfold", "tabell-1 r6 c3")
    assert obs[("share_work_or_education", 2019, "50")] == (55, "Trøndelag", "tabell-1 r4 c3")
    assert obs[("share_work_or_education", 2019, "00")] == (47, "Hele landet", "tabell-1 r7 c3")


def test_2021_page_key_figures(tmp_path):
    result = read_document(htmlpages.results_2021(tmp_path / "side.html"))
    src = result.source
    assert (src.source_id, src.year, src.published) == (
        "imdi-nyhet-resultater-2021", 2021, "2022-06-16"
    )  # fmt: skip
    wor = "share_work_or_education"
    assert figures(result) == [
        ("4 av 10", 40, "percent", True, "share_work", [2021], "alle", "alle", {}),
        ("om lag 3 300", 3300, "persons", True, "finishers", [2021], "alle", "alle", {}),
        ("57 prosent", 57, "percent", False, wor, [2021], "alle", "alle", {}),
        ("3 295", 3295, "persons", False, "finishers", [2021], "alle", "alle", {}),
        ("4 820", 4820, "persons", False, "finishers", [2020], "alle", "alle", {}),
        ("44 prosent", 44, "percent", False, wor, [2021], "kvinner", "alle", {}),
        ("62 prosent", 62, "percent", False, wor, [2021], "menn", "alle", {}),
        ("Halvparten", 50, "percent", True, wor, [2021], "kvinner", "alle", {}),
        ("6 av 10", 60, "percent", True, wor, [2021], "menn", "alle", {}),
        ("68 prosent", 68, "percent", False, wor, [2021], "alle", "alle",
         {"education": "høyere utdanning"}),
        ("66 prosent", 66, "percent", False, wor, [2021], "alle", "alle", {"age_group": "18-24"}),
        ("15 prosent", 15, "percent", False, "share_primary_education", [2021], "alle", "alle", {}),
        ("2 246", 2246, "persons", False, "starters", [2021], "alle", "alle", {}),
        ("10 595", 10595, "persons", False, "participants", [2021], "alle", "alle", {}),
        ("9 210", 9210, "persons", False, "finishers", [2019], "alle", "alle", {}),
    ]  # fmt: skip
    note = next(p for p in read_page(htmlpages.results_2021(tmp_path / "b.html").read_bytes())
                .paragraphs if p.kind == "footnote")  # fmt: skip
    assert (note.marker, note.text) == (
        "1", "Registrert i Nasjonalt introduksjonsregister per 1. februar 2022."
    )  # fmt: skip


def test_2024_page_key_figures(tmp_path):
    result = read_document(htmlpages.results_2024(tmp_path / "side.html"))
    src = result.source
    assert (src.source_id, src.year, src.published, src.title) == (
        "imdi-nyhet-resultater-2024", 2024, "2025-06-20", "Måloppnåelsen var 45 prosent i 2024"
    )  # fmt: skip
    wor = "share_work_or_education"
    assert figures(result) == [
        ("45 prosent", 45, "percent", False, wor, [2024], "alle", "alle", {}),
        ("Nesten 16 000", 16000, "persons", True, "finishers", [2024], "alle", "alle", {}),
        ("nesten halvparten", 50, "percent", True, wor, [2024], "alle", "alle", {}),
        ("44 prosent", 44, "percent", False, "share_work", [2024], "alle", "ukraina", {}),
        ("25 prosent", 25, "percent", False, "share_work", [2024], "alle", "ovrige", {}),
        ("41 prosent", 41, "percent", False, "share_work", [2024], "kvinner", "ukraina", {}),
        ("9 600", 9600, "persons", False, "finishers", [2024], "alle", "ukraina", {}),
        ("Om lag 5 av 10", 50, "percent", True, wor, [2024], "menn", "alle", {}),
        ("4 av 10", 40, "percent", True, wor, [2024], "kvinner", "alle", {}),
        ("i overkant av 36 000", 36000, "persons", True, "participants", [2024], "alle", "alle",
         {}),
        ("2 prosentpoeng", 2, "percentage_points", False, None, [], "alle", "alle", {}),
        ("9 prosent", 9, "percent", False, "share_education_upper_secondary", [2024], "alle",
         "alle", {}),
    ]  # fmt: skip


def test_page_of_another_topic_is_an_unknown_kind(tmp_path):
    with pytest.raises(DocumentError) as exc:
        read_document(htmlpages.other_topic(tmp_path / "side.html"))
    assert str(exc.value) == (
        "unknown kind of document; its article begins: 'Nytt nasjonalt tolkeregister "
        "Fra 1. januar er det 2 400 kvalifiserte tolker i re'"
    )


def test_pages_merge_with_each_other_and_publish_their_tables(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    htmlpages.results_2019(raw / "a.html")
    htmlpages.results_2021(raw / "b.html")
    htmlpages.results_2024(raw / "c.html")
    out = tmp_path / "extracted"
    result = run(raw, out, cache_dir=None)
    assert result.published, [f.describe() for f in result.failures]
    obs, conflicts = result.frames["observations"], result.frames["conflicts"]
    national = obs[(obs.indicator == "share_work_or_education") & (obs.year == 2019)
                   & (obs.region_code == "00") & (obs.gender == "alle")].iloc[0]  # fmt: skip
    assert (national.value, national.locator) == (47, "tabell-1 r7 c3")
    exact = "an exact value beats an approximate one"
    kept = conflicts[conflicts.n == 1]  # each key's kept place
    assert kept[["indicator", "year", "gender", "value", "reason"]].values.tolist() == [
        ["finishers", 2019, "alle", 9210,
         "the newer publication (2022-06-16) beats the older (2020-06-19)"],
        ["finishers", 2021, "alle", 3295, exact],
        ["share_work_or_education", 2019, "alle", 47, exact],
        ["share_work_or_education", 2021, "kvinner", 44, exact],
        ["share_work_or_education", 2021, "menn", 62, exact],
        ["share_work_or_education", 2024, "alle", 45, exact],
    ]  # fmt: skip
    revised = conflicts[(conflicts.indicator == "finishers") & (conflicts.year == 2019)]
    seen = revised[revised.source_id == "imdi-nyhet-resultater-2019"]
    assert seen[["value", "approximate", "kept"]].values.tolist() == [
        [9214, False, False],
        [9000, True, False],
    ]
    tables = result.frames["tables"].fillna("")
    assert tables.to_dict("records") == [
        {"source_id": "imdi-nyhet-resultater-2019", "table_id": "tabell-1",
         "caption": "Tabell 1: Overgang til arbeid og utdanning per fylke i 2019", "pages": "",
         "n_rows": 8, "n_cols": 4, "method": "html", "status": "extracted", "kind": "table",
         "reason": "", "header_rows": 2, "body_rows": 6, "body_cols": 3, "empty_cells": 0,
         "missing_cells": 0, "unreadable_cells": 0, "rows_without_stub": 0,
         "stubs_without_values": 0, "joined_pages": False, "unobserved": "",
         "found_by": "caption"}
    ]  # fmt: skip
    with open(
        out / "tables" / "imdi-nyhet-resultater-2019" / "tabell-1.csv", encoding="utf-8"
    ) as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Fylke", "Overgang direkte etter program (prosent)", "", ""]
    assert rows[-1] == ["Hele landet", "33", "14", "47"]
    notes = result.frames["table_notes"]
    assert notes[["table_id", "row", "col", "marker", "note"]].values.tolist() == [
        ["tabell-1", 5, 0, "1", "Tallene for Troms omfatter også Svalbard."]
    ]


# ---------------------------------------------------------------- markup


def _page(body: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body><main>{body}</main></body></html>".encode()


def test_table_without_thead_caption_marker_and_foot_note():
    page = read_page(
        _page(
            "<table><caption>Deltakere etter kjønn*</caption>"
            "<tr><th>Kjønn</th><th>2020</th><th>2021</th></tr>"
            "<tr><th>Kvinner</th><td>2&nbsp;100</td><td rowspan='2'>ikke oppgitt</td></tr>"
            "<tr><th>Menn<sup>2</sup></th><td>2&nbsp;720**</td></tr>"
            "<tfoot><tr><td colspan='3'>* Foreløpige tall</td></tr></tfoot></table>"
            "<p><sup>2</sup> Inkluderer ukjent kjønn.</p><p>** Anslag.</p>"
        )
    )
    (table,) = page.tables
    assert (table.table_id, table.caption, table.header_rows) == (
        "utabell-p1-1", "Deltakere etter kjønn", 1
    )  # fmt: skip
    assert table.cells == [
        ["Kjønn", "2020", "2021"],
        ["Kvinner", "2 100", "ikke oppgitt"],
        ["Menn", "2 720", ""],
    ]
    assert [(n.row, n.col, n.marker, n.note) for n in table.notes] == [
        (None, None, "*", "Foreløpige tall"),
        (2, 0, "2", "Inkluderer ukjent kjønn."),
        (2, 1, "**", "Anslag."),
    ]
    assert [(p.kind, p.marker, p.text) for p in page.paragraphs] == [
        ("body", None, "Deltakere etter kjønn"),  # the caption, read as text too
        ("note", "*", "Foreløpige tall"),
        ("footnote", "2", "Inkluderer ukjent kjønn."),
        ("note", "**", "Anslag."),
    ]


def test_caption_printed_above_the_table_and_a_layout_table():
    page = read_page(
        _page(
            "<p>Tabell 3: Måloppnåelse etter alder</p>"
            "<table><tr><td>Alder</td><td>Andel</td></tr><tr><td>18-24 år</td><td>61 %</td></tr>"
            "</table><table><tr><td>Bare én celle</td></tr></table>"
        )
    )
    (table,) = page.tables
    assert (table.table_id, table.caption, table.header_rows, table.cells) == (
        "tabell-3", "Tabell 3: Måloppnåelse etter alder", 1,
        [["Alder", "Andel"], ["18-24 år", "61 %"]],
    )  # fmt: skip
    assert [p.text for p in page.paragraphs] == [
        "Tabell 3: Måloppnåelse etter alder",
        "Bare én celle",
    ]


def test_marker_on_a_number_is_split_from_it_and_points_to_its_footnote():
    page = read_page(
        _page("<p>I alt 3&nbsp;295<sup>1</sup> deltakere.</p><p><sup>1</sup> Fra NIR.</p>")
    )
    body, note = page.paragraphs
    assert (body.text, body.anchors) == ("I alt 3 295 deltakere.", [(11, "1")])
    assert (note.kind, note.marker, note.text) == ("footnote", "1", "Fra NIR.")


def test_page_without_main_or_article_reads_the_body_without_furniture():
    lead = "I 2022 avsluttet 2 757 deltakere."
    html = htmlpages.page("Resultater for 2022", lead, "<p>Slutt.</p>", in_main=False)
    html = html.replace('<article class="article">', "<div>").replace("</article>", "</div>")
    page = read_page(html.encode())
    assert [(p.kind, p.text) for p in page.paragraphs] == [
        ("heading", "Resultater for 2022"),
        ("body", "I 2022 avsluttet 2 757 deltakere."),
        ("body", "Slutt."),
    ]


def test_furniture_is_told_by_its_markup_not_by_chance_words():
    page = read_page(
        _page(
            '<section aria-label="Del 2: Resultater"><p>Første avsnitt.</p></section>'
            '<div class="hidden-xs">Vises på store skjermer.</div>'
            '<p>Andre <span class="visually-hidden">(lenke)</span>avsnitt.</p>'
            '<div class="article-share">Del på Facebook</div>'
        )
    )
    assert [p.text for p in page.paragraphs] == [
        "Første avsnitt.",
        "Vises på store skjermer.",
        "Andre avsnitt.",
    ]


def test_page_in_another_encoding():
    html = (
        '<html><head><meta charset="windows-1252"></head><body><article><h1>Måloppnåelse</h1>'
        "<p>Økt andel i arbeid.</p></article></body></html>"
    ).encode("cp1252")
    page = read_page(html)
    assert [p.text for p in page.paragraphs] == ["Måloppnåelse", "Økt andel i arbeid."]
    assert page.title == "Måloppnåelse"


@pytest.mark.parametrize(
    "data",
    [b"<html><head><title>x</title></head><body><nav>Meny</nav></body></html>", b"<html></html>"],
)
def test_page_without_article_text_fails_with_a_reason(data):
    with pytest.raises(DocumentError) as exc:
        read_page(data)
    assert str(exc.value) == "no article text on the page"
