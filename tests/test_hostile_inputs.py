"""No traceback anywhere: every command on a set of hostile inputs ends in lines of its own
(issue 22, item 6). A command that raised would show a traceback on stderr; under click's
test runner the exception is kept instead, so each case checks both that none was raised and
that no "Traceback" was printed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportparse.cli import main
from reportparse.run import cache as cache_module
from reportparse.run import tables as tables_module

from conftest import RAW

pytestmark = pytest.mark.process  # whole processes: `make test` and CI run them

GOOD = "imdi-nyhet-resultater-2017.html"
PDF = RAW / "imdi-nokkeltall-2025.pdf"


def _hostile(folder: Path) -> dict[str, Path]:
    """Files a hostile or unlucky user leaves: each its own kind of damage."""
    folder.mkdir()
    page = (RAW / GOOD).read_bytes()
    pdf = PDF.read_bytes()
    files = {
        "empty.pdf": b"",
        "junk.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 8,
        "cut.pdf": pdf[: len(pdf) // 3],
        "cut.html": page[: int(len(page) * 0.65)],
        "script.html": page.replace(b"<p", b"<script><p", 1),
        "text.txt": b"Ikke en rapport\n",
        "..pdf": pdf,
    }
    out = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    weird = os.fsencode(folder) + b"/bad\xff\x1b.pdf"
    with open(weird, "wb") as f:
        f.write(pdf[:100])
    out["bad-name"] = Path(os.fsdecode(weird))
    os.symlink("/etc/passwd", folder / "passwd.html")
    return out


def _clean(res) -> None:
    """The command ended by its own lines: no exception escaped, no traceback printed."""
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.output
    assert res.exit_code in (0, 1, 2), res.output


@pytest.fixture
def hostile(tmp_path):
    raw = tmp_path / "raw"
    files = _hostile(raw)
    shutil.copy(RAW / GOOD, raw / GOOD)
    return raw, files


@pytest.mark.parametrize("command", ["extract", "sources", "report"])
def test_commands_over_a_hostile_raw_folder(tmp_path, hostile, warm_cache, command):
    raw, _ = hostile
    args = [command, "--raw", str(raw), "--cache-dir", str(warm_cache), "--timeout", "30"]
    if command != "sources":
        args += ["--out", str(tmp_path / "out")]
    if command == "extract":
        args.append("--keep-going")
    res = CliRunner().invoke(main, args)
    _clean(res)
    assert res.exit_code == 1
    if command == "extract":
        assert "error: cut.html: page not whole: it ends without </html> (cut short?)" in (
            res.output.splitlines()
        )
        assert "error: bad\\xff\\x1b.pdf: its file name is not UTF-8; rename it" in (
            res.output.splitlines()
        )


@pytest.mark.parametrize(
    "name", ["empty.pdf", "junk.pdf", "cut.pdf", "cut.html", "script.html", "text.txt", "bad-name"]
)
@pytest.mark.parametrize("command", ["tables", "inspect"])
def test_tables_and_inspect_on_each_hostile_file(tmp_path, hostile, command, name):
    _, files = hostile
    args = [command, str(files[name]), "--out", str(tmp_path / "out")]
    if command == "inspect":
        args += ["--no-cache"]
    res = CliRunner().invoke(main, args)
    _clean(res)
    assert res.exit_code == 1
    assert res.output.splitlines()[-1].startswith(("Error: ", "wrote "))


def test_tables_refuses_a_file_whose_stem_is_a_dot(tmp_path, hostile):
    _, files = hostile
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["tables", str(files["..pdf"]), "--out", str(out)])
    _clean(res)
    assert (res.exit_code, res.output) == (
        1,
        f"Error: {files['..pdf']}: its stem '.' names no folder of its own; rename it\n",
    )
    assert not out.exists()


def test_tables_when_a_foreign_file_appears_in_its_folder_while_it_reads(tmp_path, monkeypatch):
    out = tmp_path / "out"
    pdf = tmp_path / "rapport.pdf"
    shutil.copy(PDF, pdf)
    read = tables_module.read_file

    def read_while_someone_writes(path, pages=None, **engine):
        (out / "rapport").mkdir(parents=True, exist_ok=True)
        (out / "rapport" / "notes.txt").write_text("mine")
        return read(path, pages, **engine)

    monkeypatch.setattr(tables_module, "read_file", read_while_someone_writes)
    res = CliRunner().invoke(main, ["tables", str(pdf), "--out", str(out), "--pages", "5"])
    _clean(res)
    assert res.exit_code == 1
    assert res.output.splitlines()[-2] == (
        f"error: rapport.pdf: not written: --out {out / 'rapport'} holds files that are not "
        "reportparse's output (notes.txt); name a new or empty folder"
    )
    assert os.listdir(out / "rapport") == ["notes.txt"]


def test_validate_on_what_is_not_a_published_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "afile").write_text("x")
    for out, line in [
        ("empty", f"1 finding(s) in {tmp_path / 'empty'}"),
        ("missing", f"Error: {tmp_path / 'missing'} is not a folder"),
        ("afile", f"Error: {tmp_path / 'afile'} is not a folder"),
    ]:
        out = tmp_path / out
        res = CliRunner().invoke(main, ["validate", "--out", str(out)])
        _clean(res)
        assert res.output.splitlines()[-1] == line


def test_a_read_only_cache_folder_is_no_traceback(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / GOOD, raw / GOOD)
    cache = tmp_path / "cache"

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(cache_module.tempfile, "mkstemp", read_only)
    for command in ("extract", "sources", "report"):
        args = [command, "--raw", str(raw), "--cache-dir", str(cache)]
        if command != "sources":
            args += ["--out", str(tmp_path / command)]
        res = CliRunner().invoke(main, args)
        _clean(res)
        assert res.exit_code == 0, res.output
        assert (
            f"notice: the cache folder {cache} cannot be written (Read-only file system); "
            "documents read now are not kept for the next run" in res.output.splitlines()
        )


# slow: three commands, each in a process of its own; the fast set keeps the same inputs
# in-process (above) and a command's whole stderr in a process of its own
# (test_reliability.py: test_no_traceback_under_the_c_locale)
@pytest.mark.slow
def test_no_traceback_on_stderr_of_the_installed_command(tmp_path, hostile, warm_cache):
    """The same, as a user runs it: a process of its own, stderr read whole."""
    raw, files = hostile
    code = "import sys; from reportparse.cli import main; sys.exit(main())"
    runs = [
        ["extract", "--raw", str(raw), "--out", str(tmp_path / "o"), "--keep-going",
         "--cache-dir", str(warm_cache)],
        ["tables", str(files["junk.pdf"]), str(files["..pdf"]), "--out", str(tmp_path / "t")],
        ["inspect", str(files["cut.pdf"]), "--no-cache", "--out", str(tmp_path / "i")],
    ]  # fmt: skip
    for args in runs:
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr


def test_a_config_folder_where_no_key_can_be_made_is_one_line(tmp_path, monkeypatch):
    from reportparse.run import private

    def refused(folder, path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(private, "_new_key", refused)  # as a read-only config folder
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / GOOD, raw / GOOD)
    key = tmp_path / "config" / "reportparse" / "cache.key"
    res = CliRunner().invoke(main, ["sources", "--raw", str(raw), "--cache-dir", str(tmp_path)])
    _clean(res)
    assert (res.exit_code, res.output) == (
        1,
        f"Error: cache key {key} cannot be made (Permission denied); run with --no-cache\n",
    )
