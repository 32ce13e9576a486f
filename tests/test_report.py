"""`reportparse report`: a static HTML quality report of every document, table and conflict."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner
from lxml import html
from PIL import Image

from reportparse.cli import main
from reportparse.output.outdir import MARKER
from reportparse.qa.charts import draw
from reportparse.qa.quality_report import ALL, CORE_INDICATORS

from conftest import RAW


@pytest.fixture(scope="module")
def report(tmp_path_factory, published, corpus_cache):
    folder = tmp_path_factory.mktemp("report")
    out = folder / "report"
    cache = folder / "cache"
    shutil.copytree(corpus_cache, cache)
    res = CliRunner().invoke(
        main, ["report", "--raw", str(RAW), "--out", str(out), "--cache-dir", str(cache)]
    )
    assert res.exit_code == 0, res.output
    return out, html.parse(str(out / "index.html")).getroot(), res.output


def _png(path) -> tuple[int, int]:
    with Image.open(path) as im:
        assert im.format == "PNG"
        return im.size


def _page(out, name: str):
    return html.parse(str(out / name)).getroot()


def test_report_is_written_beside_the_datasets_not_into_them(report, published, results):
    out, _, output = report
    _, extracted = published
    assert output.splitlines()[-1].startswith(f"report {out / 'index.html'}: ")
    assert out.name == "report" and not (extracted / "index.html").exists()
    pages = [f"{sid}.html" for sid in results]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [MARKER, "charts", "images", "index.html", *pages]
    )


def test_tables_to_check_come_first_and_link_to_their_page(report):
    out, doc, _ = report
    rows = doc.findall(".//table[@class='to-check']/tr[@class='check']")
    listed = [
        (
            tr.get("data-state"),
            tr[1].text_content(),
            tr[2].text_content(),
            tr[2].find("a").get("href"),
        )
        for tr in rows
    ]
    rapport = [("tabell-1", "Tabell 1"), ("utabell-p6-1", ""), ("tabell-4", ""), ("tabell-11", ""),
               ("tabell-12", "")]  # fmt: skip
    pictured = ["figur-1", "figur-4", "figur-5", "figur-6"]  # charts printed as pictures
    assert [(state, sid, tid) for state, sid, tid, _ in listed] == [
        *[("incomplete", "imdi-nokkeltall-2025", tid) for tid in pictured],
        *[("incomplete", "imdi-rapport-2021", tid) for tid, _ in rapport],
        ("unmapped", "imdi-integreringsloven-slides-2025", "utabell-p24-1"),
    ]
    for state, sid, tid, href in listed:
        assert href == f"{sid}.html#{sid}-{tid}"
        article = _page(out, f"{sid}.html").get_element_by_id(f"{sid}-{tid}")
        assert article.get("data-state") == state
    why = rows[0][4].text_content()
    assert why == "printed as a picture: no cells read, nothing published from it"


def test_every_document_has_its_own_page_linked_from_the_summary(report, results):
    out, doc, _ = report
    rows = doc.findall(".//table[@class='documents']/tr[@class='document']")
    assert [tr[0].find("a").get("href") for tr in rows] == [
        f"{sid}.html" for sid in sorted(results)
    ]
    for sid, r in results.items():
        page = _page(out, f"{sid}.html")
        assert page.find(".//a").get("href") == "index.html"
        section = page.get_element_by_id(f"doc-{sid}")
        assert section.get("data-status") == "ok"
        assert page.findtext(".//h1") == r.source.title
    nyhet = next(tr for tr in rows if tr[0].text_content() == "imdi-nyhet-resultater-2017")
    assert [td.text_content() for td in nyhet][1:] == [
        "nyhet 2017",
        "24.10.2018",
        "0",
        "0",
        "20",
        "ok",
    ]


def test_every_table_is_shown_with_its_picture_and_cells_those_to_check_first(report, results):
    out, _, _ = report
    rank = {"failing": 0, "incomplete": 1, "unmapped": 2, "ok": 3}
    for sid, r in results.items():
        section = _page(out, f"{sid}.html").get_element_by_id(f"doc-{sid}")
        articles = section.findall(".//article[@class='table']")
        states = [a.get("data-state") for a in articles]
        order = sorted(range(len(r.tables)), key=lambda i: rank[states_of(r)[i]])
        assert [a.get("data-table-id") for a in articles] == [r.tables[i].table_id for i in order]
        assert states == sorted(states, key=rank.get)
        for article, table in zip(articles, [r.tables[i] for i in order], strict=True):
            assert article.get("data-status") == table.status
            assert article.get("data-valid") == "true"
            assert article.findtext("h3") == f"{table.table_id}: {table.caption or '(no caption)'}"
            images = article.findall(".//img[@class='source']")
            if r.source.kind == "pdf":
                assert images, table.table_id
            for img in images:
                width, height = _png(out / img.get("src"))
                assert width > 100 and height > 50
            if table.status == "extracted":
                cells = article.find(".//table[@class='cells']")
                head = [[td.text_content() for td in tr] for tr in cells.find("thead")]
                body = [[td.text_content() for td in tr] for tr in cells.find("tbody")]
                assert head + body == table.cells
                assert len(head) == table.header_rows


def states_of(r) -> list[str]:
    """What the report should say of each table of a corpus document, worked out here."""
    used = {o.locator.split(" ")[0] for o in r.observations} | {
        row["locator"].split(" ")[0] for rows in r.datasets.values() for row in rows
    }
    return [
        "incomplete" if t.status == "image_only" else "ok" if t.table_id in used else "unmapped"
        for t in r.tables
    ]


def test_key_figures_as_printed_with_sentence_and_page(report, results):
    out, _, _ = report
    shown = {}
    for sid, r in results.items():
        rows = _page(out, f"{sid}.html").findall(".//tr[@class='key-figure']")
        assert len(rows) == len(r.key_figures)
        for tr, k in zip(rows, r.key_figures, strict=True):
            cells = [td.text_content() for td in tr]
            assert cells[0] == ("" if k.page is None else str(k.page))
            assert cells[2] == k.unit and cells[4] == k.expression and cells[6] == k.sentence
            shown[sid, k.expression] = cells[1]
    slides = "imdi-integreringsloven-slides-2025"
    assert shown[slides, "20. juni 2025"] == "20.06.2025"
    assert shown[slides, "minst 15 timer i uka"] == "15 timer per uke"
    assert shown[slides, "fra 4. måned"] == "4. måned"
    assert shown["imdi-nokkeltall-2025", "26 407"] == "26407"
    assert shown["imdi-nokkeltall-2025", "i overkant av 18 000"] == "18000"
    assert shown["imdi-nokkeltall-2025", "Om lag halvparten"] == "50 %"
    assert shown["imdi-nokkeltall-2025", "45 prosent"] == "45 %"
    assert not [v for v in shown.values() if re.search(r"\d\.0( |$)|e\+", v)]  # no 2757.0


def test_conflicts_show_each_value_once_with_its_sources(report, published, results):
    result, _ = published
    _, doc, _ = report
    rows = doc.findall(".//table[@class='conflicts']/tr[@class='conflict']")
    conflicts = result.frames["conflicts"]
    keys = conflicts[conflicts.n == 1]  # one row per key: its kept place
    assert len(rows) == len(keys) == 13
    for tr, c in zip(rows, keys.itertuples(), strict=True):
        cells = [td.text_content() for td in tr]
        assert cells[:3] == [c.indicator, str(c.year), c.region_code]
        values = tr.findall(".//li")
        texts = [li.find("span[@class='printed']").text_content() for li in values]
        assert len(texts) == len(set(texts)) >= 2
        assert [li.get("data-kept") for li in values] == ["true"] + ["false"] * (len(values) - 1)
    first = rows[0]  # finishers 2022: the same sentence on pages 5 and 10, and a press release
    nokkeltall = next(
        o for o in results["imdi-nokkeltall-2025"].observations
        if (o.indicator, o.year, o.group) == ("finishers", 2022, "alle")
    )  # fmt: skip
    nyhet = next(
        o for o in results["imdi-nyhet-resultater-2023"].observations
        if (o.indicator, o.year, o.group) == ("finishers", 2022, "alle")
    )  # fmt: skip
    seen = [
        (
            li.find("span[@class='printed']").text_content(),
            li.find("span[@class='sources']").text_content(),
        )
        for li in first.findall(".//li")
    ]
    assert seen == [
        ("2757", f"imdi-nokkeltall-2025 p. 5 [{nokkeltall.locator}]; "
                 f"imdi-nokkeltall-2025 p. 10 [{nokkeltall.locator}]"),
        ("3000 (approximate)", f"imdi-nyhet-resultater-2023 [{nyhet.locator}]"),
    ]  # fmt: skip


def test_validation_status_and_a_chart_per_core_indicator(report, published):
    result, _ = published
    out, doc, _ = report
    assert doc.get_element_by_id("validation").get("data-status") == "passed"
    figures = doc.findall(".//figure[@class='chart']")
    assert [f.get("data-indicator") for f in figures] == list(CORE_INDICATORS)
    obs = result.frames["observations"]
    for f in figures:
        ind = f.get("data-indicator")
        national = obs[(obs.indicator == ind) & (obs.region_code == "00")]
        img = f.find("img")
        if national.empty:
            assert img is None
            continue
        _png(out / img.get("src"))
        alle = national[
            (national.gender == "alle") & (national.group == "alle")
            & (national.age_group == "alle") & (national.education == "alle")
        ]  # fmt: skip
        caption = f.find("figcaption").text_content()
        assert caption.endswith(f"; {len(alle)} value(s))"), caption
    participants = obs[(obs.indicator == "participants") & (obs.region_code == "00")]
    assert {2023, 2024, 2025} <= set(participants.year)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_a_chart_shows_a_missing_year_as_a_gap_and_no_label_overlaps(tmp_path):
    points = pd.DataFrame(
        {
            "category": ["alle"] * 3 + ["ukraina"] * 3,
            "year": [2021, 2023, 2024, 2021, 2023, 2024],
            "value": [45.0, 46.0, 44.5, 45.0, 47.0, 44.0],  # labels of one year collide
        }
    )
    drawing = draw(points, "percent", tmp_path / "chart.png")
    assert drawing.years == [2021, 2022, 2023, 2024]
    assert drawing.lines == {"alle": [45.0, None, 46.0, 44.5], "ukraina": [45.0, None, 47.0, 44.0]}
    assert sorted(text for text, _ in drawing.labels) == sorted(
        ["45 %", "46 %", "44,5 %", "45 %", "47 %", "44 %"]
    )
    boxes = [box for _, box in drawing.labels]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if _overlaps(a, b)]
    with Image.open(tmp_path / "chart.png") as im:  # every label inside the picture
        inside = [x0 >= 0 and x1 <= im.width and y0 >= 0 and y1 <= im.height
                  for x0, y0, x1, y1 in boxes]  # fmt: skip
    assert all(inside)


def test_no_label_of_a_corpus_chart_overlaps_another(published, tmp_path):
    result, _ = published
    obs = result.frames["observations"]
    for ind in CORE_INDICATORS:
        df = obs[obs.indicator == ind]
        for col, value in ALL.items():
            df = df[df[col] == value]
        drawing = draw(df, df["unit"].iloc[0], tmp_path / f"{ind}.png")
        boxes = [box for _, box in drawing.labels]
        assert len(boxes) == len(df)
        assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if _overlaps(a, b)]


def test_a_failed_validation_shows_in_the_report(tmp_path, monkeypatch):
    from reportparse.output import validation

    real = validation.validate_each

    def fail_tidy(base, parts):
        failures = real(base, parts)
        for dataset, df, _ in parts:
            if dataset == "imdi-nokkeltall-2025/tabell-2 (tidy)":
                failures.append(validation.Failure(dataset, "forced_check", None, df.head(1)))
        return failures

    monkeypatch.setattr("reportparse.run.pipeline.validate_each", fail_tidy)
    raw = tmp_path / "raw"  # the report alone: its tables are validated when it is read
    raw.mkdir()
    shutil.copy(RAW / "imdi-nokkeltall-2025.pdf", raw)
    out = tmp_path / "report"
    res = CliRunner().invoke(main, ["report", "--raw", str(raw), "--out", str(out), "--no-cache"])
    assert res.exit_code == 1, res.output  # its failing table is withheld: the report shows why
    assert res.output.splitlines()[-2].endswith(", 1 failing check(s)")
    assert res.output.splitlines()[-1] == (
        "error: imdi-nokkeltall-2025.pdf: read in part, some tables withheld (see the report)"
    )
    doc = html.parse(str(out / "index.html")).getroot()
    assert doc.get_element_by_id("validation").get("data-status") == "failed"
    first = doc.find(".//table[@class='to-check']/tr[@class='check']")
    assert [td.text_content() for td in first][:3] == [
        "failing",
        "imdi-nokkeltall-2025",
        "tabell-2",
    ]
    assert first[4].text_content() == "1 failing check(s)"
    page = html.parse(str(out / "imdi-nokkeltall-2025.html")).getroot()
    articles = page.findall(".//article[@class='table']")
    assert [a.get("data-table-id") for a in articles] == [  # failing first, then to check
        "tabell-2", "figur-1", "figur-4", "figur-5", "figur-6", "tabell-1", "figur-2", "figur-3",
        "figur-7",
    ]  # fmt: skip
    article = page.get_element_by_id("imdi-nokkeltall-2025-tabell-2")
    assert (article.get("data-valid"), article.get("data-state")) == ("false", "failing")
    assert "forced_check" in article.find(".//pre[@class='failure']").text_content()
    assert page.get_element_by_id("imdi-nokkeltall-2025-tabell-1").get("data-valid") == "true"
