"""`reportparse report`: a static HTML quality report of every document, table and conflict."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from lxml import html
from PIL import Image

from reportparse.cli import main
from reportparse.output.outdir import MARKER
from reportparse.qa.quality_report import CORE_INDICATORS

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


def test_report_is_written_beside_the_datasets_not_into_them(report, published):
    out, _, output = report
    _, extracted = published
    assert output.splitlines()[-1].startswith(f"report {out / 'index.html'}: ")
    assert out.name == "report" and not (extracted / "index.html").exists()
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "charts", "images", "index.html"]


def test_every_document_and_table_is_listed_with_its_picture_and_cells(report, results):
    out, doc, _ = report
    sections = doc.findall(".//section[@class='document']")
    assert sorted(s.get("id") for s in sections) == sorted(f"doc-{sid}" for sid in results)
    for sid, r in results.items():
        section = doc.get_element_by_id(f"doc-{sid}")
        assert section.get("data-status") == "ok"
        articles = section.findall(".//article[@class='table']")
        assert [a.get("data-table-id") for a in articles] == [t.table_id for t in r.tables]
        for article, table in zip(articles, r.tables, strict=True):
            assert article.get("data-status") == table.status
            assert article.get("data-valid") == "true"
            assert article.findtext("h4") == f"{table.table_id}: {table.caption or '(no caption)'}"
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


def test_key_figures_with_sentence_and_page(report, results):
    _, doc, _ = report
    for sid, r in results.items():
        rows = doc.get_element_by_id(f"doc-{sid}").findall(".//tr[@class='key-figure']")
        assert len(rows) == len(r.key_figures)
        for tr, k in zip(rows, r.key_figures, strict=True):
            cells = [td.text_content() for td in tr]
            assert cells[0] == ("" if k.page is None else str(k.page))
            assert cells[2] == k.unit and cells[4] == k.expression and cells[6] == k.sentence


def test_every_conflict_is_listed(report, published):
    result, _ = published
    _, doc, _ = report
    rows = doc.findall(".//table[@class='conflicts']/tr[@class='conflict']")
    conflicts = result.frames["conflicts"]
    assert len(rows) == len(conflicts) > 0
    for tr, c in zip(rows, conflicts.itertuples(), strict=True):
        cells = [td.text_content() for td in tr]
        assert cells[:3] == [c.indicator, str(c.year), c.region_code]
        assert cells[8] == c.values


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


def test_a_failed_validation_shows_in_the_report(tmp_path, monkeypatch):
    from reportparse.output import validation

    real = validation.validate

    def fail_tidy(dataset, df, s=None):
        if dataset == "imdi-nokkeltall-2025/tabell-2 (tidy)":
            return None, [validation.Failure(dataset, "forced_check", None, df.head(1))]
        return real(dataset, df, s)

    monkeypatch.setattr("reportparse.run.pipeline.validate", fail_tidy)
    raw = tmp_path / "raw"  # the report alone: its tables are validated when it is read
    raw.mkdir()
    shutil.copy(RAW / "imdi-nokkeltall-2025.pdf", raw)
    out = tmp_path / "report"
    res = CliRunner().invoke(main, ["report", "--raw", str(raw), "--out", str(out), "--no-cache"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1].endswith(", 1 failing check(s)")
    doc = html.parse(str(out / "index.html")).getroot()
    assert doc.get_element_by_id("validation").get("data-status") == "failed"
    article = doc.get_element_by_id("imdi-nokkeltall-2025-tabell-2")
    assert article.get("data-valid") == "false"
    assert "forced_check" in article.find(".//pre[@class='failure']").text_content()
    assert doc.get_element_by_id("imdi-nokkeltall-2025-tabell-1").get("data-valid") == "true"
