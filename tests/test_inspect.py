"""`reportparse inspect`: a PNG of each table's region with its cells drawn, and its provenance."""

from __future__ import annotations

from itertools import pairwise

import pdfplumber
import pytest
from click.testing import CliRunner
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from reportparse.cli import main
from reportparse.model import CellBox, Source, Table, pad_rows
from reportparse.qa import inspection, pictures
from reportparse.qa.pictures import (
    CELL_STROKE,
    COLUMN_STROKE,
    ELEMENT_STROKE,
    LABEL_STROKE,
    SCALE_STROKE,
    TOTAL_STROKE,
)
from reportparse.readers.document import read_document
from test_chart_checks import MOVED
from test_generalise import COUNTIES

import htmlpages
import pdfs
from conftest import RAW, read_figures

PDFS = sorted(p for p in RAW.iterdir() if p.suffix.lower() == ".pdf")
PAGE_HEIGHT = A4[1]


def _tables(results):
    return [
        (r.source.file, t.table_id)
        for r in results.values()
        if r.source.kind == "pdf"
        for t in r.tables
    ]


def _colours(png) -> set[tuple[int, int, int]]:
    with Image.open(png) as im:
        return {c[:3] for _, c in im.convert("RGB").getcolors(1 << 20)}


def _printed_grid(output: str) -> list[list[str]]:
    """The cells of the grid ``inspect`` prints (tabulate's simple_outline), read back."""
    rows = [line for line in output.splitlines() if line.startswith("│")]
    return [[cell.strip() for cell in line.strip("│").split("│")] for line in rows]


def _blocks(output: str, heads: list[str]) -> list[list[str]]:
    """The lines ``inspect`` prints for each table, cut where the next table's head begins."""
    lines = output.splitlines()
    starts = [lines.index(head) for head in heads]
    ends = [*starts[1:], next(i for i, line in enumerate(lines) if line.startswith("drawn: "))]
    return [lines[a:b] for a, b in zip(starts, ends, strict=True)]


def test_every_table_of_every_pdf_in_raw_is_drawn_and_printed(results, tmp_path, warm_cache):
    tables = _tables(results)
    assert len(tables) >= 2
    for file in sorted({file for file, _ in tables}):
        result = next(r for r in results.values() if r.source.file == file)
        source_id = result.source.source_id
        res = CliRunner().invoke(
            main,
            ["inspect", str(RAW / file), "--out", str(tmp_path), "--cache-dir", str(warm_cache)],
        )
        assert res.exit_code == 0, res.output
        heads = [f"{t.table_id}: {t.caption or '(no caption)'}" for t in result.tables]
        for table, lines in zip(result.tables, _blocks(res.output, heads), strict=True):
            table_id = table.table_id
            png = tmp_path / f"{source_id}-{table_id}.png"
            assert lines[1].startswith(f"  source   {source_id} ({file}, sha256 ")
            assert f"  picture  {png}" in lines
            assert lines[2].startswith(f"  where    page {table.pages[0]}, region x0 ")
            with Image.open(png) as im:
                assert im.format == "PNG" and im.width > 100 and im.height > 50
            if table.status != "extracted":
                continue
            read_as = f"  read as  {table.method}, {table.n_rows} rows × {table.n_cols} columns"
            assert any(line.startswith(read_as) for line in lines)
            assert _printed_grid("\n".join(lines)) == pad_rows(table.cells)
            if table.kind == "figure":
                drawn = {ELEMENT_STROKE, LABEL_STROKE, SCALE_STROKE}
                assert drawn <= _colours(png) and CELL_STROKE not in _colours(png)
            else:
                assert {CELL_STROKE, COLUMN_STROKE} <= _colours(png)
                assert ELEMENT_STROKE not in _colours(png)


def test_page_option_selects_the_tables_of_one_page(tmp_path):
    res = CliRunner().invoke(
        main,
        ["inspect", str(RAW / "imdi-nokkeltall-2025.pdf"), "--page", "15", "--out", str(tmp_path)],
    )
    assert res.exit_code == 0, res.output
    assert res.output.startswith("figur-7: Figur 7: Resultat fordelt på alder, ")
    assert "\n\ntabell-2: Tabell 2: Resultat fylker\n" in res.output
    assert "tabell-1:" not in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "imdi-nokkeltall-2025-figur-7.png",
        "imdi-nokkeltall-2025-tabell-2.png",
    ]


def test_unknown_table_lists_the_tables_there_are(tmp_path):
    res = CliRunner().invoke(
        main, ["inspect", str(RAW / "imdi-nokkeltall-2025.pdf"), "--table", "tabell-9",
               "--out", str(tmp_path)],
    )  # fmt: skip
    assert res.exit_code == 1
    assert res.output == (
        "Error: imdi-nokkeltall-2025.pdf: no such table (tables: tabell-1, figur-1, figur-2, "
        "figur-3, figur-4, figur-5, figur-6, figur-7, tabell-2)\n"
    )


def test_cell_boxes_are_where_the_synthetic_grid_was_drawn(tmp_path):
    """The boxes inspect draws are the rules of the table, in PDF points from the top."""
    result = read_document(pdfs.nokkeltall_like(tmp_path / "r.pdf", 2026, COUNTIES))
    grid, minimal = result.tables
    cols = [25 * mm, 100 * mm, 140 * mm, 180 * mm]
    rows = [PAGE_HEIGHT - y for y in (780, 764, 748, 732, 716)]
    expected = [
        (3, r, c, cols[c], rows[r], cols[c + 1], rows[r + 1]) for r in range(4) for c in range(3)
    ]
    got = [(b.page, b.row, b.col, b.x0, b.top, b.x1, b.bottom) for b in grid.cell_boxes]
    assert [g[:3] for g in got] == [e[:3] for e in expected]
    assert [v for g in got for v in g[3:]] == pytest.approx(
        [v for e in expected for v in e[3:]], abs=1.0
    )
    # the minimal table: one box per row and column, rows in reading order, columns left to right
    assert {(b.row, b.col) for b in minimal.cell_boxes} == {
        (r, c) for r in range(len(COUNTIES) + 1) for c in range(5)
    }
    by_row = {}
    for b in minimal.cell_boxes:
        by_row.setdefault(b.row, []).append(b)
    tops = [min(b.top for b in by_row[r]) for r in sorted(by_row)]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # every box lies in the table's region (which running text leaves out)
    _, top, _, bottom = minimal.bbox
    assert top <= tops[0] and max(b.bottom for b in minimal.cell_boxes) <= bottom + 2
    assert all(a.x1 < b.x0 for row in by_row.values() for a, b in pairwise(row))


def _unknown_report_with_a_grid(path):
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(25 * mm, 800, "Årsrapport for kantinen 2024")
    xs, ys = [25 * mm, 90 * mm, 130 * mm], [760, 744, 728, 712]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for r, row in enumerate([["Rett", "Solgt"], ["Suppe", "120"], ["Salat", "95"]]):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 3, ys[r] - 11, text)
    c.showPage()
    c.save()
    return path


def test_a_document_the_pipeline_rejects_is_still_inspected(tmp_path):
    pdf = _unknown_report_with_a_grid(tmp_path / "kantine.pdf")
    res = CliRunner().invoke(main, ["inspect", str(pdf), "--out", str(tmp_path / "png"),
                                    "--no-cache"])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.output.startswith(
        "note: the pipeline fails it: unknown kind of document; its first page begins: "
        "'Årsrapport for kantinen 2024 Rett Solgt Suppe 120 Salat 95'; "
        "the tables below are the table engine's\n"
        "utabell-p1-1: (no caption)\n"
    )
    assert "│ Suppe │ 120   │" in res.output
    assert (tmp_path / "png" / "kantine-utabell-p1-1.png").is_file()


def test_a_file_that_cannot_be_read_is_one_clear_error(tmp_path):
    bad = pdfs.truncated_pdf(tmp_path / "half.pdf")
    res = CliRunner().invoke(main, ["inspect", str(bad), "--no-cache"])
    assert res.exit_code == 1
    assert res.output == ("Error: half.pdf: truncated PDF (the end-of-file marker is missing)\n")


def test_an_html_table_is_printed_with_the_article_text_it_came_from():
    source = Source("imdi-nyhet-2030", "nyhet.html", "ab" * 32, "html", parser="news 0.1.0")
    table = Table(
        "utabell-p1-1",
        None,
        [],
        "html",
        "extracted",
        cells=[["Fylke", "Andel"], ["Oslo", "47 %"]],
        header_rows=1,
        source_text="Resultater per fylke.\nOslo hadde 47 prosent.",
    )
    text = inspection.describe(source, table, [])
    assert text.splitlines() == [
        "utabell-p1-1: (no caption)",
        "  source   imdi-nyhet-2030 (nyhet.html, sha256 abababababab…)",
        "  read as  html, 2 rows × 2 columns, 1 header row, status extracted",
        "  record   body_rows 1, body_cols 1, empty_cells 0, missing_cells 0, unreadable_cells 0, "
        "rows_without_stub 0, stubs_without_values 0, joined_pages false",
        "",
        "┌───────┬───────┐",
        "│ Fylke │ Andel │",
        "│ Oslo  │ 47 %  │",
        "└───────┴───────┘",
        "",
        "  article text the table came from:",
        "    Resultater per fylke.",
        "    Oslo hadde 47 prosent.",
    ]


def test_cell_boxes_survive_the_cache_round_trip(results):
    from reportparse.model import DocumentResult

    for r in results.values():
        again = DocumentResult.from_dict(r.to_dict())
        assert again.tables == r.tables
        assert all(isinstance(b, CellBox) for t in again.tables for b in t.cell_boxes)


def test_inspect_of_a_web_page_prints_the_table_and_its_article(tmp_path):
    page = htmlpages.results_2019(tmp_path / "nyhet.html")
    res = CliRunner().invoke(main, ["inspect", str(page), "--no-cache", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0] == "tabell-1: Tabell 1: Overgang til arbeid og utdanning per fylke i 2019"
    assert "│ Troms       │ 40" + " " * 39 + "│ 14        │ 54                     │" in lines
    assert "  article text the table came from:" in lines
    article = lines[lines.index("  article text the table came from:") + 1 :]
    assert "    I overkant av 9 000 deltakere avsluttet programmet i 2019." in article
    assert "    Tallene for Troms omfatter også Svalbard." in article
    assert not list(tmp_path.glob("*.png"))  # nothing to draw for a web page


def test_the_tables_inspect_reads_itself_are_those_extract_read(results):
    """Where the pipeline fails a document, inspect reads its tables itself, by the same
    path as extract (family and year from the text in reading order, the family's spec);
    on a document extract takes, that path gives exactly extract's tables."""
    deck = results["imdi-integreringsloven-slides-2025"]
    read = inspection._tables_read(RAW / deck.source.file)
    assert [(t.table_id, t.pages, t.cells) for t in read] == [
        (t.table_id, t.pages, t.cells) for t in deck.tables
    ]


def test_a_chart_is_drawn_as_read(chart_pdf, tmp_path):
    built = chart_pdf("stacked_columns")
    res = CliRunner().invoke(
        main, ["inspect", str(built.path), "--table", "figur-7", "--out", str(tmp_path),
               "--no-cache"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[1] == "figur-7: Figur 7: Overgang etter utdanningsnivå"
    assert lines[4:8] == [
        "  read as  vector-chart, 5 rows × 4 columns, 1 header row, status extracted",
        "  record   body_rows 4, body_cols 3, empty_cells 0, missing_cells 0, unreadable_cells 0, "
        "rows_without_stub 0, stubs_without_values 0, joined_pages false",
        "  chart    stacked vertical bars; 12 value labels on bars and points, 4 totals of "
        "stacks (checks, not cells)",
        f"  scale    'Arbeid', 'Utdanning', 'Begge': 0 at {lines[7].split(' at ')[1][:5]} pt "
        f"from the top, 1 = {built.per_unit:.4g} pt (from the tick labels)",
    ]
    assert _printed_grid(res.output)[1] == ["Grunnskole", "22 %", "5 %", "3 %"]
    (png,) = tmp_path.iterdir()
    assert f"  picture  {png}" in lines
    colours = _colours(png)
    assert {ELEMENT_STROKE, TOTAL_STROKE, LABEL_STROKE, SCALE_STROKE} <= colours
    assert CELL_STROKE not in colours


def _marks(table):
    """Per cell label: how far the value axis as read puts its value from the bar's end or
    the point (the orange line ``inspect`` draws)."""
    out = {}
    for x in table.chart.labels:
        scale = pictures._scale_of(x, table.chart, table.cells[0])
        (_, y), _ = pictures._scale_mark(x, scale, table.chart.vertical)
        out[(x.row, x.col)] = round(y - x.element[1], 1)  # from the top of the bar or point
    return out


def test_the_scale_drawn_meets_the_bars_of_a_chart_read_right(chart_pdf):
    table = read_figures(chart_pdf("bars_and_line").path)["figur-9"]
    offsets = _marks(table)
    assert sorted(offsets) == [(r, c) for r in range(1, 6) for c in (1, 2)]
    assert all(abs(v) <= 0.5 for v in offsets.values()), offsets


def test_the_scale_drawn_misses_a_bar_whose_label_was_moved(chart_pdf):
    built = chart_pdf("grouped_bars", labels=MOVED)
    table = read_figures(built.path)["figur-6"]
    offsets = _marks(table)
    # Menn 2024 shows Kvinner's 44 % on a 55 % bar: the line is 11 % of the axis under its top
    assert offsets[(2, 2)] == round(11 * built.per_unit, 1)
    assert [k for k, v in offsets.items() if abs(v) > 0.5] == [(1, 2), (2, 2), (3, 2)]


def test_a_chart_picture_keeps_its_caption_and_leaves_its_labels_clear(results):
    """figur-2 of the 2025 key figures: its caption, printed under the chart, is in the crop,
    and no magenta outline or link crosses the glyphs of a value label."""
    table = next(t for t in results["imdi-nokkeltall-2025"].tables if t.table_id == "figur-2")
    with pdfplumber.open(RAW / "imdi-nokkeltall-2025.pdf") as pdf:
        [(number, im)] = pictures.draw_table(pdf, table)
        caption = pictures._caption_box(pdf.pages[number - 1], table.caption, table.bbox)
    x0, top, x1, bottom = im.page.bbox  # the crop
    assert caption is not None and caption[1] > table.bbox[3]  # under the chart
    assert x0 <= caption[0] and caption[2] <= x1 and top <= caption[1] and caption[3] <= bottom
    picture = im.annotated.convert("RGB")
    scale = picture.width / (x1 - x0)
    assert len(table.chart.labels) == 18
    for x in table.chart.labels:
        lx0, ltop, lx1, lbottom = x.label
        glyphs = picture.crop(
            (
                round((lx0 - x0) * scale) + 1,
                round((ltop - top) * scale) + 1,
                round((lx1 - x0) * scale) - 1,
                round((lbottom - top) * scale) - 1,
            )
        )
        colours = {colour for _, colour in glyphs.getcolors(1 << 20)}
        assert LABEL_STROKE not in colours, x.text
