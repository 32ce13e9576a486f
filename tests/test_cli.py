"""The command line, through click's CliRunner, with exact output checks."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from reportparse.cli import main
from reportparse.output.outdir import MARKER, finish_marker

from conftest import RAW

SHA = "d2a1959d2e907a42d18d375b6755412299c953515b6221452a69e3d7d653a7e9"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(command):
    res = CliRunner().invoke(main, [command, "--help"])
    assert res.exit_code == 0
    assert "Example:" in res.output
    assert f"reportparse {command}" in res.output


def test_sources_lists_family_year_title_pages_and_hash(tmp_path, warm_cache):
    raw = tmp_path / "raw"
    raw.mkdir()
    # the file name says nothing; the family and year come from the content
    shutil.copy(RAW / "imdi-nokkeltall-2025.pdf", raw / "download (3).pdf")
    res = CliRunner().invoke(main, ["sources", "--raw", str(raw), "--cache-dir", str(warm_cache)])
    assert res.exit_code == 0, res.output
    assert res.output == (
        f"download (3).pdf\tnokkeltall\t2025\tNøkkeltall introduksjonsordningen 2025\t17\t{SHA}\n"
    )


def test_extract_then_validate(tmp_path, warm_cache):
    out = tmp_path / "extracted"
    res = CliRunner().invoke(
        main, ["extract", "--raw", str(RAW), "--out", str(out), "--cache-dir", str(warm_cache)]
    )
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1].startswith(f"published {out}: ")
    res = CliRunner().invoke(main, ["validate", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert res.output.endswith("are valid\n")


def test_validate_prints_failing_check_and_rows(tmp_path, published):
    _, good = published
    out = tmp_path / "broken"
    shutil.copytree(good, out)
    path = out / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    troms = next(
        i for i, line in enumerate(lines) if ",55,Troms,kvinner," in line and ",2025," in line
    )
    lines[troms] = lines[troms].replace(",56,percent,", ",156,percent,")
    first = next(i for i, line in enumerate(lines) if line.startswith("share_in_measure,2023,"))
    lines[first] = lines[first].replace("share_in_measure", "share_of_nothing", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["validate", "--out", str(out)])
    assert res.exit_code == 1
    assert (
        "observations: percent_within(unit_column=unit, low=0, high=100): 1 failing row(s)"
        in res.output
    )
    assert "156.0" in res.output
    assert "observations: known_values(column=indicator, " in res.output
    assert "share_of_nothing" in res.output
    assert res.output.endswith("failing check(s)\n")


def test_missing_raw_folder_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(
        main, ["extract", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]
    )
    assert res.exit_code == 1
    assert res.output == f"Error: raw folder not found: {tmp_path / 'nope'}\n"


def test_empty_raw_folder_publishes_nothing(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / ".gitkeep").write_text("")
    out = tmp_path / "extracted"
    out.mkdir()
    (out / "keep.csv").write_text("previous\n")
    finish_marker(out)  # an earlier output
    res = CliRunner().invoke(main, ["extract", "--raw", str(raw), "--out", str(out)])
    assert res.exit_code == 1
    assert res.output == f"Error: no documents in {raw}\n"
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "keep.csv"]
