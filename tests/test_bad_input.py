"""Bad files: one line naming the file and the reason, the rest still processed, nothing lost."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from reportparse.cli import main
from reportparse.output.outdir import MARKER, finish_marker

import pdfs
from conftest import RAW

pytestmark = pytest.mark.process  # whole processes: `make test` and CI run them

GOOD = "imdi-nokkeltall-2025.pdf"
CASES = {
    "empty.pdf": (lambda p: p.write_bytes(b""), "empty file (0 bytes)"),
    "truncated.pdf": (pdfs.truncated_pdf, "truncated PDF (the end-of-file marker is missing)"),
    "corrupt.pdf": (pdfs.corrupt_pdf, "corrupt PDF"),
    "locked.pdf": (pdfs.encrypted_pdf, "encrypted PDF (a password is needed to read it)"),
    "scan.pdf": (pdfs.image_only_pdf, "no text layer (the pages are images only; a scan?)"),
    "kantine.pdf": (
        lambda p: pdfs.text_pdf(p, ["Årsrapport for kantinen 2024", "Omsetningen økte."]),
        "unknown kind of document; its first page begins: "
        "'Årsrapport for kantinen 2024 Omsetningen økte.'",
    ),
    "notes.txt": (lambda p: p.write_text("just some notes"), "not a PDF or an HTML page"),
}


def _raw_with(tmp_path, names):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / GOOD, raw / GOOD)
    for name in names:
        CASES[name][0](raw / name)
    return raw


def _extract(raw, out, cache) -> list[str]:
    """extract's arguments; the corpus document comes from a warm cache, the bad file is read."""
    return ["extract", "--raw", str(raw), "--out", str(out), "--cache-dir", str(cache)]


def _previous_output(tmp_path):
    """An earlier output of reportparse (its marker lists its one file)."""
    out = tmp_path / "extracted"
    out.mkdir()
    (out / "sources.csv").write_text("previous run")
    finish_marker(out)
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_fails_with_one_line_and_leaves_output_alone(tmp_path, name, warm_cache):
    raw = _raw_with(tmp_path, [name])
    out = _previous_output(tmp_path)
    res = CliRunner().invoke(main, _extract(raw, out, warm_cache))
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    errors = [line for line in res.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {name}: {CASES[name][1]}")
    assert f"[2/2] {name}: failed" in res.output or f"[1/2] {name}: failed" in res.output
    assert f"{GOOD}: ok" in res.output
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "sources.csv"]
    assert (out / "sources.csv").read_text() == "previous run"


def test_keep_going_publishes_the_rest_and_records_failures(tmp_path, warm_cache):
    raw = _raw_with(tmp_path, sorted(CASES))
    out = _previous_output(tmp_path)
    res = CliRunner().invoke(main, [*_extract(raw, out, warm_cache), "--keep-going"])
    assert res.exit_code == 1  # some documents failed
    assert (out / "sources.csv").read_text() != "previous run"
    sources = (out / "sources.csv").read_text(encoding="utf-8").splitlines()
    failed = sorted(line.split(",")[1] for line in sources[1:] if ",failed," in line)
    assert failed == sorted(CASES)
    assert any(line.startswith("imdi-nokkeltall-2025,") and ",ok," in line for line in sources)
    assert "observations.csv" in {p.name for p in out.iterdir()}


def test_same_bytes_twice_is_skipped(tmp_path, warm_cache):
    raw = _raw_with(tmp_path, [])
    shutil.copy(raw / GOOD, raw / "zz-copy.pdf")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, _extract(raw, out, warm_cache))
    assert res.exit_code == 0, res.output
    rows = (out / "sources.csv").read_text(encoding="utf-8").splitlines()[1:]
    skipped = [r for r in rows if ",skipped," in r]
    assert len(rows) == 2 and len(skipped) == 1
    assert skipped[0].startswith("zz-copy,zz-copy.pdf,")
    assert skipped[0].endswith(",skipped,same content as imdi-nokkeltall-2025.pdf,")
