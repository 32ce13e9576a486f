"""`reportparse tables`: every table of any PDF, no family or spec needed; its outputs, page
selection, formats and errors, checked exactly."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reportparse.cli import main

GRID = [["Measure", "2022", "2023"], ["In work", "61 %", "64 %"], ["In education", "18 %", "16 %"]]
OPEN = [
    ["County", "2023", "2024"],
    ["Oslo", "1 310", "1 288"],
    ["Viken", "2 240", "2 105"],
    ["Troms", "371", "402"],
]


def _report(path):
    """Page 1: a ruled grid under "Table 1:" and a line of text; page 2: an open table
    without caption."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(72, 780, "Table 1: Results one year after")
    xs, ys = [72, 200, 280, 360], [770, 750, 730, 710]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.setFont("Helvetica", 10)
    for row, y in zip(GRID, ys, strict=False):
        for cell, x in zip(row, xs, strict=False):
            c.drawString(x + 4, y - 14, cell)
    c.drawString(72, 680, "Results are counted one year after the programme ends.")
    c.showPage()
    c.setFont("Helvetica", 10)
    for i, row in enumerate(OPEN):
        y = 700 - 14 * i
        c.drawString(72, y, row[0])
        c.drawRightString(260, y, row[1])
        c.drawRightString(330, y, row[2])
    c.save()
    return path


@pytest.fixture
def report(tmp_path):
    return _report(tmp_path / "annual report.pdf")


def _read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_every_table_written_with_its_record(tmp_path, report):
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["tables", str(report), "--out", str(out)])
    assert res.exit_code == 0
    assert res.stdout == f"wrote {out}: 2 tables from 1 file\n"
    assert res.stderr.startswith("[1/1] annual report.pdf: ok (")
    assert res.stderr.endswith(" s) - 2 tables\n")
    folder = out / "annual report"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".reportparse-output",  # the marker of an output reportparse may replace
        "table-1.csv",
        "table-p2-1.csv",
        "tables.json",
    ]
    assert _read_csv(folder / "table-1.csv") == GRID
    assert _read_csv(folder / "table-p2-1.csv") == OPEN
    records = json.loads((folder / "tables.json").read_text(encoding="utf-8"))
    assert [
        {k: r[k] for k in ("table_id", "caption", "pages", "method", "status", "reason")}
        for r in records
    ] == [
        {"table_id": "table-1", "caption": "Table 1: Results one year after", "pages": [1],
         "method": "ruled-grid", "status": "extracted", "reason": None},
        {"table_id": "table-p2-1", "caption": None, "pages": [2],
         "method": "whitespace", "status": "extracted", "reason": None},
    ]  # fmt: skip
    assert records[0]["region"] == [72.0, 71.9, 360.0, 131.9]
    assert {k: records[1][k] for k in ("n_rows", "n_cols", "header_rows", "empty_cells")} == {
        "n_rows": 4, "n_cols": 3, "header_rows": 1, "empty_cells": 0
    }  # fmt: skip


def test_pages_restricts_the_run(tmp_path, report):
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["tables", str(report), "--out", str(out), "--pages", "2"])
    assert res.exit_code == 0
    assert res.stdout == f"wrote {out}: 1 table from 1 file\n"
    folder = out / "annual report"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".reportparse-output",
        "table-p2-1.csv",
        "tables.json",
    ]


def test_json_format(tmp_path, report):
    out = tmp_path / "out"
    args = ["tables", str(report), "--out", str(out), "--pages", "1", "--format", "json"]
    assert CliRunner().invoke(main, args).exit_code == 0
    table = json.loads((out / "annual report" / "table-1.json").read_text(encoding="utf-8"))
    assert table == {"table_id": "table-1", "header_rows": 1, "cells": GRID}


def test_a_file_that_cannot_be_read_is_one_line_and_the_others_go_on(tmp_path, report):
    notes = tmp_path / "notes.pdf"
    notes.write_text("not a pdf at all", encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["tables", str(notes), str(report), "--out", str(out)])
    assert res.exit_code == 1
    assert res.stdout == f"wrote {out}: 2 tables from 1 file, 1 failed\n"
    assert res.stderr.splitlines()[-1] == "error: notes.pdf: not a PDF (no %PDF header)"
    assert sorted(p.name for p in out.iterdir()) == [".annual report.lock", "annual report"]


def test_pages_not_in_the_document(tmp_path, report):
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["tables", str(report), "--out", str(out), "--pages", "3-4"])
    assert res.exit_code == 1
    assert res.stderr.splitlines()[-1] == (
        "error: annual report.pdf: no page 3, 4 (the document has 2 pages)"
    )


def test_pages_that_are_no_pages(tmp_path, report):
    res = CliRunner().invoke(main, ["tables", str(report), "--out", "x", "--pages", "2-1"])
    assert res.exit_code == 2
    assert res.stderr.splitlines()[-1] == (
        "Error: Invalid value for --pages: '2-1' is no range of pages numbered from 1"
    )


def test_a_folder_of_other_files_is_refused_before_reading(tmp_path, report):
    out = tmp_path / "out"
    (out / "annual report").mkdir(parents=True)
    (out / "annual report" / "mine.txt").write_text("keep me", encoding="utf-8")
    res = CliRunner().invoke(main, ["tables", str(report), "--out", str(out)])
    assert res.exit_code == 1
    assert res.stderr == (
        f"Error: --out {out / 'annual report'} holds files that are not reportparse's output "
        "(mine.txt); name a new or empty folder\n"
    )
    assert sorted(p.name for p in (out / "annual report").iterdir()) == ["mine.txt"]
