"""Partial results, never silent ones: completeness checked on every extract, a table that
fails or is incomplete named with its reason, --keep-going publishing the rest and marking
it, a table no spec maps published as printed with a notice."""

from __future__ import annotations

import csv
import shutil

import pytest
from click.testing import CliRunner

from reportparse.cli import _progress_printer, main
from reportparse.model import CellIssue, Source, Table
from reportparse.output.frames import table_record
from reportparse.output.outdir import MARKER, finish_marker
from reportparse.qa import inspection
from reportparse.run.inputs import Outcome

import variants as V
from conftest import RAW

PAGE = "imdi-nyhet-resultater-2017.html"  # a document that reads in milliseconds
SPEC = "specs/nokkeltall/2025.toml"
NOTICE = "no spec for 2026; read with the 2025 spec"
NO_COUNTIES = "tabell-2: no row for 18 Nordland, 56 Finnmark (county structure from 2024)"


def _raw(tmp_path, tables: list[V.Printed], page: bool = False):
    raw = tmp_path / "raw"
    raw.mkdir()
    V.report(raw / "rapport.pdf", tables)
    if page:
        shutil.copy(RAW / PAGE, raw / PAGE)
    return raw


def _extract(raw, out, *more: str):
    return CliRunner().invoke(
        main, ["extract", "--raw", str(raw), "--out", str(out), "--no-cache", *more]
    )


def _previous(tmp_path):
    """An earlier output of reportparse (its marker lists its one file)."""
    out = tmp_path / "extracted"
    out.mkdir()
    (out / "sources.csv").write_text("previous run")
    finish_marker(out)
    return out


def _rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _lines(output: str, start: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(start)]


def test_a_category_missing_and_names_the_vocabulary_does_not_know_are_named(tmp_path):
    """The measures table lacks two categories and has one the spec does not know; the
    county table has a row label that is no county."""
    rows = V.county_rows(2026)
    rows[12][0] = "Nordlandd"
    measures = V.measures_table(drop=("Foreldreveiledning", "Ingen tiltak"))
    measures.body.append(["Språkpraksis", "4 %", "5 %"])
    raw = _raw(tmp_path, [V.county_table(rows=rows), measures])
    out = _previous(tmp_path)
    res = _extract(raw, out)
    assert res.exit_code == 1
    assert _lines(res.output, "error:") == [
        "error: rapport.pdf: tabell-2: row 13 ('Nordlandd'): not a county in force in 2026",
        "error: rapport.pdf: tabell-1: no row for 'Foreldreveiledning', 'Ingen tiltak'; "
        "unknown categories: 'Språkpraksis'",
    ]
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "sources.csv"]


def test_a_county_table_missing_rows_fails_naming_the_counties_or_is_left_out(tmp_path):
    """Without --keep-going nothing is published; with it the document is, without the
    table, and marked partial."""
    raw = _raw(tmp_path, [V.county_table(drop=("Nordland", "Finnmark")), V.measures_table()])
    out = _previous(tmp_path)
    res = _extract(raw, out)
    assert res.exit_code == 1
    assert _lines(res.output, "error:") == [f"error: rapport.pdf: {NO_COUNTIES}"]
    assert "[1/1] rapport.pdf: partial (" in res.output
    assert res.output.splitlines()[-1] == (
        f"nothing published (some tables failed or are incomplete); {out} is unchanged"
    )
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "sources.csv"]
    res = _extract(raw, out, "--keep-going")
    assert res.exit_code == 1
    assert _lines(res.output, "error:") == [f"error: rapport.pdf: {NO_COUNTIES}"]
    assert res.output.splitlines()[-1].startswith(f"published {out}: 1 document(s), ")
    assert res.output.splitlines()[-1].endswith(", 1 partial")
    (source,) = _rows(out / "sources.csv")
    assert (source["source_id"], source["status"], source["message"]) == (
        "imdi-nokkeltall-2026", "partial", f"{NO_COUNTIES}; {NOTICE}"
    )  # fmt: skip
    tables = {t["table_id"]: t for t in _rows(out / "tables.csv")}
    assert (tables["tabell-2"]["status"], tables["tabell-2"]["reason"]) == (
        "incomplete", NO_COUNTIES.removeprefix("tabell-2: ")
    )  # fmt: skip
    assert (tables["tabell-1"]["status"], tables["tabell-1"]["reason"]) == ("extracted", "")
    printed = sorted(p.name for p in (out / "tables" / "imdi-nokkeltall-2026").iterdir())
    assert printed == ["tabell-1.csv"]
    observations = _rows(out / "observations.csv")
    assert len(observations) == 16
    assert {o["locator"].split(" ")[0] for o in observations} == {"tabell-1"}
    figures = _rows(out / "key_figures.csv")  # the table's exact 21 480 beats its 21 500
    assert [(f["expression"], f["indicator"]) for f in figures] == [
        ("Om lag 21 500", "participants")
    ]


def test_a_spec_entry_whose_caption_matches_nothing_names_it_and_the_captions(tmp_path):
    """Under --keep-going the document's key figures and other tables are published; the
    table that did not match is published as printed, with a notice. Its header has no gender
    words, so the entry does not find it by its content either."""
    heads = ["Fylke", "Andel 2026", "Andel 2025", "Andel 2024", "Andel 2023"]
    county = V.county_table(caption="Tabell 2: Resultat per region", heads=heads)
    raw = _raw(tmp_path, [county, V.measures_table()])
    out = tmp_path / "out"
    res = _extract(raw, out, "--keep-going")
    assert res.exit_code == 1
    missing = (
        f"expected table 'resultat-fylker' (caption like /fylke/) not found (read with {SPEC}); "
        "captions found: 'Tabell 2: Resultat per region', 'Tabell 1: Deltakelse i tiltak'"
    )
    assert _lines(res.output, "error:") == [f"error: rapport.pdf: {missing}"]
    assert _lines(res.output, "notice:") == [
        f"notice: rapport.pdf: tabell-2 is not mapped by {SPEC}: published as printed"
    ]
    tables = {t["table_id"]: t["status"] for t in _rows(out / "tables.csv")}
    assert tables == {"tabell-1": "extracted", "tabell-2": "unmapped"}
    printed = sorted(p.name for p in (out / "tables" / "imdi-nokkeltall-2026").iterdir())
    assert printed == ["tabell-1.csv", "tabell-2.csv"]
    assert len(_rows(out / "observations.csv")) == 16
    assert len(_rows(out / "key_figures.csv")) == 1


def test_a_table_no_spec_maps_is_published_as_printed_with_a_notice(tmp_path):
    other = V.Printed([["År", "Kurs"]], [["2025", "12"], ["2026", "15"]], [80, 60],
                      caption="Tabell 3: Kurs i året")  # fmt: skip
    raw = _raw(tmp_path, [V.county_table(), V.measures_table(), other])
    out = tmp_path / "out"
    res = _extract(raw, out)
    assert res.exit_code == 0, res.output
    unmapped = f"tabell-3 is not mapped by {SPEC}: published as printed"
    assert _lines(res.output, "notice:") == [f"notice: rapport.pdf: {unmapped}"]
    (source,) = _rows(out / "sources.csv")
    assert (source["status"], source["message"]) == ("ok", f"{NOTICE}; {unmapped}")
    with open(out / "tables" / "imdi-nokkeltall-2026" / "tabell-3.csv", encoding="utf-8") as f:
        assert list(csv.reader(f)) == [["År", "Kurs"], ["2025", "12"], ["2026", "15"]]


def test_a_table_that_fails_a_check_is_withheld_with_keep_going(tmp_path):
    """A share over 100 (a count read as a percent would be one too): without --keep-going
    nothing is published; with it, the table is withheld, naming the cell and its value, and
    the rest of its document and the other documents are published."""
    rows = V.county_rows(2026)
    rows[2][4] = "156 %"
    raw = _raw(tmp_path, [V.county_table(rows=rows), V.measures_table()], page=True)
    out = _previous(tmp_path)
    res = _extract(raw, out)
    assert res.exit_code == 1
    assert "invalid: observations: percent_within(unit_column=unit, low=0, high=100): 1 " in (
        res.output
    )
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "sources.csv"]
    res = _extract(raw, out, "--keep-going")
    assert res.exit_code == 1
    within = "percent_within(unit_column=unit, low=0, high=100)"
    withheld = f"tabell-2: a cross-check fails: {within}: r3 c4 156 (percent)"
    assert _lines(res.output, "error:") == [f"error: rapport.pdf: {withheld}"]
    assert res.output.splitlines()[-1].startswith(f"published {out}: 2 document(s), ")
    sources = {s["file"]: (s["status"], s["message"]) for s in _rows(out / "sources.csv")}
    assert sources == {
        PAGE: ("ok", ""),
        "rapport.pdf": ("partial", f"{withheld}; {NOTICE}"),
    }
    tables = {(t["table_id"], t["status"]) for t in _rows(out / "tables.csv")
              if t["source_id"] == "imdi-nokkeltall-2026"}  # fmt: skip
    assert tables == {("tabell-1", "extracted"), ("tabell-2", "incomplete")}
    mine = {o["locator"].split(" ")[0] for o in _rows(out / "observations.csv")
            if o["source_id"] == "imdi-nokkeltall-2026"}  # fmt: skip
    assert mine == {"tabell-1"}


def test_a_notice_stays_visible_on_a_terminal(capsys):
    """A progress line that says more than "ok" is not overwritten by the next one."""
    show = _progress_printer(tty=True)
    show(1, 3, Outcome("a.pdf", "ok", "", 1.0))
    show(2, 3, Outcome("b.html", "ok", "no spec for 2023; read with the 2017 spec", 0.1))
    show(3, 3, Outcome("c.pdf", "partial", NO_COUNTIES, 2.0))
    # (click leaves out the escape that clears the line where the output is no terminal)
    assert capsys.readouterr().err == (
        "\r[1/3] a.pdf: ok (1.0 s)"
        "\r[2/3] b.html: ok (0.1 s) - no spec for 2023; read with the 2017 spec\n"
        f"\r[3/3] c.pdf: partial (2.0 s) - {NO_COUNTIES}\n"
    )


TABLE = Table(
    "tabell-2",
    "Tabell 2: Resultat",
    [4, 5],
    "whitespace",
    "incomplete",
    cells=[
        ["Fylke", "2025", "2026"],
        ["Oslo", "45 %", ".."],
        ["Agder", "", "4O %"],
        ["", "12 %", "13 %"],
        ["Ukjent", "", ""],
    ],
    header_rows=1,
    reason="no row for 18 Nordland (county structure from 2024)",
    joined=True,
    unobserved=[
        CellIssue(1, 2, "..", "missing value (data not available)"),
        CellIssue(2, 2, "4O %", "not a number"),
    ],
)


def test_a_table_reports_on_itself():
    assert table_record(TABLE) == {
        "header_rows": 1, "body_rows": 4, "body_cols": 2, "empty_cells": 3, "missing_cells": 1,
        "unreadable_cells": 1, "rows_without_stub": 1, "stubs_without_values": 1,
        "joined_pages": True,
        "unobserved": "r1 c2 '..': missing value (data not available); "
                      "r2 c2 '4O %': not a number",
    }  # fmt: skip


def test_inspect_prints_the_same_record():
    source = Source("imdi-nokkeltall-2026", "rapport.pdf", "ab" * 32, "pdf")
    lines = inspection.describe(source, TABLE, []).splitlines()
    assert lines[3:8] == [
        "  read as  whitespace, 5 rows × 3 columns, status incomplete",
        "  record   body_rows 4, body_cols 2, empty_cells 3, missing_cells 1, unreadable_cells 1, "
        "rows_without_stub 1, stubs_without_values 1, joined_pages true",
        "  reason   no row for 18 Nordland (county structure from 2024)",
        "  no obs.  r1 c2 '..': missing value (data not available)",
        "  no obs.  r2 c2 '4O %': not a number",
    ]


@pytest.mark.parametrize("table_id", ["utabell-p24-1"])
def test_a_table_of_text_the_spec_knows_is_extracted_and_mapped_to_nothing(results, table_id):
    table = next(
        t for t in results["imdi-integreringsloven-slides-2025"].tables if t.table_id == table_id
    )
    assert (table.status, table.spec, table.reason) == ("extracted", "program", "")


def test_a_body_cell_without_observation_or_reason_makes_the_table_incomplete(tmp_path):
    """Every non-empty body cell gives exactly one observation or is listed with its reason:
    a cell of neither (here: its reason taken away) is named, and the table is incomplete."""
    from reportparse.readers.document import read_document
    from reportparse.run.pipeline import validate_document_tables

    rows = V.county_rows(2026)
    rows[2][4] = ".."
    path = V.report(tmp_path / "rapport.pdf", [V.county_table(rows=rows), V.measures_table()])
    result = read_document(path)
    table = next(t for t in result.tables if t.table_id == "tabell-2")
    assert [(u.row, u.col, u.text) for u in table.unobserved] == [(3, 4, "..")]
    table.unobserved = []
    assert validate_document_tables(result) == []
    assert (table.status, table.reason) == (
        "incomplete",
        "body cells that give not one observation and no reason: r3 c4 '..' (0 observations)",
    )
    assert result.problems == [f"tabell-2: {table.reason}"]
    assert [o for o in result.observations if o.locator.startswith("tabell-2 ")] == []
