"""The command line, through click's CliRunner, with exact output checks."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from reportparse.cli import main
from reportparse.output.outdir import MARKER, finish_marker

from conftest import RAW

SHA = "d2a1959d2e907a42d18d375b6755412299c953515b6221452a69e3d7d653a7e9"
EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # sha256 of no bytes


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(command):
    res = CliRunner().invoke(main, [command, "--help"])
    assert res.exit_code == 0
    assert "Example:" in res.output
    assert f"reportparse {command}" in res.output


def _sources(tmp_path, warm_cache, *options):
    raw = tmp_path / "raw"
    raw.mkdir()
    # the file name says nothing; the family and year come from the content
    shutil.copy(RAW / "imdi-nokkeltall-2025.pdf", raw / "download (3).pdf")
    (raw / "broken.pdf").write_bytes(b"")
    args = ["sources", "--raw", str(raw), "--cache-dir", str(warm_cache), *options]
    return CliRunner().invoke(main, args)


PARSER = "report 0.1.0, specs/nokkeltall/2025.toml"


def test_sources_as_csv_one_column_per_field(tmp_path, warm_cache):
    res = _sources(tmp_path, warm_cache, "--format", "csv")
    assert res.exit_code == 1  # a document could not be read
    assert res.output == (
        "source_id,file,sha256,kind,family,year,title,published,pages,parser,status,message,"
        "kept_from\n"
        f"broken,broken.pdf,{EMPTY},unknown,,,,,,,failed,empty file (0 bytes),\n"
        f"imdi-nokkeltall-2025,download (3).pdf,{SHA},pdf,nokkeltall,2025,"
        f'Nøkkeltall introduksjonsordningen 2025,2026-06-16,17,"{PARSER}",ok,,\n'
    )


def test_sources_as_json(tmp_path, warm_cache):
    res = _sources(tmp_path, warm_cache, "--format", "json")
    assert res.exit_code == 1
    assert json.loads(res.output) == [
        {
            "source_id": "broken", "file": "broken.pdf", "sha256": EMPTY, "kind": "unknown",
            "family": None, "year": None, "title": None, "published": None, "pages": None,
            "parser": None, "status": "failed", "message": "empty file (0 bytes)",
            "kept_from": None,
        },
        {
            "source_id": "imdi-nokkeltall-2025", "file": "download (3).pdf", "sha256": SHA,
            "kind": "pdf", "family": "nokkeltall", "year": 2025,
            "title": "Nøkkeltall introduksjonsordningen 2025", "published": "2026-06-16",
            "pages": 17, "parser": PARSER, "status": "ok", "message": None,
            "kept_from": None,
        },
    ]  # fmt: skip


def test_sources_as_a_table_with_a_header(tmp_path, warm_cache):
    res = _sources(tmp_path, warm_cache)  # --format table is the default
    assert res.exit_code == 1
    header, rule, broken, report = res.output.splitlines()
    assert header.split() == [
        "source_id", "file", "sha256", "kind", "family", "year", "title", "published", "pages",
        "parser", "status", "message", "kept_from",
    ]  # fmt: skip
    assert set(rule) == {"-", " "}
    # each value starts under its column's header, empty cells are blank
    starts = {name: header.index(name) for name in header.split()}

    def cell(line: str, name: str) -> str:
        names = list(starts)
        i = names.index(name)
        end = starts[names[i + 1]] if i + 1 < len(names) else None
        return line[starts[name] : end].strip()

    assert [cell(broken, c) for c in starts] == [
        "broken", "broken.pdf", EMPTY, "unknown", "", "", "", "", "", "", "failed",
        "empty file (0 bytes)", "",
    ]  # fmt: skip
    assert [cell(report, c) for c in starts] == [
        "imdi-nokkeltall-2025", "download (3).pdf", SHA, "pdf", "nokkeltall", "2025",
        "Nøkkeltall introduksjonsordningen 2025", "2026-06-16", "17", PARSER, "ok", "", "",
    ]  # fmt: skip


def test_extract_then_validate(tmp_path, warm_cache):
    out = tmp_path / "extracted"
    res = CliRunner().invoke(
        main, ["extract", "--raw", str(RAW), "--out", str(out), "--cache-dir", str(warm_cache)]
    )
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1].startswith(f"published {out}: ")
    res = CliRunner().invoke(main, ["validate", str(out)])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1] == (
        f"{out}: 15 datasets and 23 printed tables are valid, every file as published"
    )


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


@pytest.mark.parametrize("command", [[], *([c] for c in sorted(main.commands))])
def test_h_is_help(command):
    short, long = (CliRunner().invoke(main, [*command, flag]) for flag in ("-h", "--help"))
    assert short.exit_code == long.exit_code == 0
    assert short.output == long.output
    assert "-q, --quiet" in short.output and "-v, --verbose" in short.output


def test_quiet_prints_nothing_on_success_and_verbose_every_table(tmp_path, warm_cache):
    out = tmp_path / "extracted"
    args = ["extract", "--raw", str(RAW), "--cache-dir", str(warm_cache)]
    res = CliRunner().invoke(main, ["--quiet", *args, "--out", str(tmp_path / "quiet")])
    assert (res.exit_code, res.output) == (0, "")
    res = CliRunner().invoke(main, [*args, "--out", str(out), "-v"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert "table: imdi-nokkeltall-2025.pdf: tabell-1 extracted (9x4, ruled-grid)" in lines
    assert "table: imdi-nokkeltall-2025.pdf: figur-1 image_only (image)" in lines
    assert sum(line.startswith("table: ") for line in lines) == 32
    assert lines[-1].startswith(f"published {out}: 5 document(s)")
    res = CliRunner().invoke(main, ["validate", "-q", str(out)])
    assert (res.exit_code, res.output) == (0, "")
    res = CliRunner().invoke(main, ["-q", "validate", "-v", str(out)])
    assert res.exit_code == 2
    assert res.output.splitlines()[-1] == "Error: --quiet and --verbose exclude each other"
