"""Reliability end to end: --out checked before anything is read, hostile documents failing
alone within the bounds, raw/ read as it is, rows in content order, one safe line per
message under any locale, a run killed while publishing, a second run under the lock,
SIGTERM handled as Ctrl-C. The module tests (test_outdir, test_swap, test_limits, ...)
hold the details; here each is seen through the command line or the pipeline."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from reportparse.cli import main
from reportparse.output import swap
from reportparse.output.lock import lock
from reportparse.output.outdir import Target
from reportparse.platform_calls import PORTABLE
from reportparse.run.pipeline import read_or_fail, run
from test_limits import alive, gone

import bombs
from conftest import RAW

pytestmark = pytest.mark.process  # whole processes: `make test` and CI run them

HERE = Path(__file__).parent
GOOD = "imdi-nyhet-resultater-2017.html"  # read from the warm cache
OTHER = "imdi-nyhet-resultater-2023.html"
KILLED = 77


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _raw(tmp_path: Path, *names: str) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in names or (GOOD,):
        shutil.copy(RAW / name, raw / name)
    return raw


def _extract(raw, out, cache, *more: str):
    args = ["extract", "--raw", str(raw), "--out", str(out), "--cache-dir", str(cache), *more]
    return CliRunner().invoke(main, args)


def _sources(out: Path) -> list[dict]:
    with open(out / "sources.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------- --out, before reading


def _case(tmp_path: Path, case: str) -> str:
    """Make the folder of a refusal case; the --out to give."""
    if case == "file":
        (tmp_path / "afile").write_text("mine")
        return "afile"
    if case == "under a file":
        (tmp_path / "afile").write_text("mine")
        return "afile/out"
    if case == "foreign":
        (tmp_path / "important").mkdir()
        (tmp_path / "important/notes.txt").write_text("mine")
        return "important"
    return {"raw": "raw", "inside raw": "raw/out", "above raw": "."}[case]


REFUSALS = {
    "raw": "--out raw is the raw folder; name another folder",
    "inside raw": "--out raw/out is inside the raw folder; name a folder outside it",
    "above raw": "--out . holds the raw folder; name a folder beside it",
    "file": "--out afile is a file, not a folder",
    "under a file": "--out afile/out: {tmp}/afile is a file, not a folder",
    "foreign": "--out important holds files that are not reportparse's output (notes.txt); "
    "name a new or empty folder",
}


@pytest.mark.parametrize("command", ["extract", "report"])
@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_out_is_refused_in_one_line_before_anything_is_read(tmp_path, monkeypatch, case, command):
    monkeypatch.chdir(tmp_path)
    _raw(tmp_path)
    out = _case(tmp_path, case)
    before = _files(tmp_path)
    args = [command, "--raw", "raw", "--out", out, "--cache-dir", "cache"]
    res = CliRunner().invoke(main, args)
    assert (res.exit_code, res.output) == (1, f"Error: {REFUSALS[case]}\n".format(tmp=tmp_path))
    assert _files(tmp_path) == before  # nothing written, deleted or moved
    assert not (tmp_path / "cache").exists()  # and no document read


def test_an_earlier_output_is_replaced_and_an_edited_one_refused(tmp_path, warm_cache):
    raw, out = _raw(tmp_path), tmp_path / "extracted"
    shutil.copytree(HERE.parent / "extracted", out)  # the committed output, with its marker
    assert _extract(raw, out, warm_cache).exit_code == 0
    assert [r["file"] for r in _sources(out)] == [GOOD]
    (out / "mine.csv").write_text("mine")
    res = _extract(raw, out, warm_cache, "--no-cache")
    assert (res.exit_code, res.output) == (
        1,
        f"Error: --out {out} holds files that are not reportparse's output (mine.csv); "
        "name a new or empty folder\n",
    )
    assert (out / "mine.csv").read_text() == "mine"


# ---------------------------------------------------------------- killed while publishing


def _killed_while_publishing(raw, out, cache, when: str) -> int:
    """Run the pipeline in a child that dies (no clean-up, as under SIGKILL) just before or
    just after the exchange of the two folders; its exit status."""
    real = swap.renameat2

    def exchange(dirfd, old, new, flags, **kw):
        if when == "before":
            os._exit(KILLED)
        real(dirfd, old, new, flags, **kw)
        os._exit(KILLED)

    pid = os.fork()
    if pid == 0:  # pragma: no cover (child)
        try:
            swap.renameat2 = exchange
            run(raw, out, cache_dir=cache)
        finally:
            os._exit(0)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.mark.parametrize(("when", "in_place"), [("before", [GOOD]), ("after", [GOOD, OTHER])])
def test_a_run_killed_at_the_swap_leaves_a_whole_output(
    tmp_path, warm_cache, monkeypatch, when, in_place
):
    monkeypatch.setenv(PORTABLE, "0")  # the exchange (the portable path: test_portable.py)
    raw, out = _raw(tmp_path), tmp_path / "extracted"
    assert run(raw, out, cache_dir=warm_cache).published
    shutil.copy(RAW / OTHER, raw / OTHER)
    assert _killed_while_publishing(raw, out, warm_cache, when) == KILLED
    assert [r["file"] for r in _sources(out)] == in_place  # the old output or the new, whole
    [left] = [p.name for p in tmp_path.iterdir() if p.name.startswith(".extracted.tmp-")]
    res = _extract(raw, out, warm_cache, "--no-cache")
    assert res.exit_code == 0, res.output
    assert f"removed {left}, left by a killed run" in res.output.splitlines()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [
        ".extracted.lock"
    ]
    assert [r["file"] for r in _sources(out)] == [GOOD, OTHER]


def test_a_failure_before_the_swap_leaves_the_output_as_it_was(tmp_path, warm_cache, monkeypatch):
    raw, out = _raw(tmp_path), tmp_path / "extracted"
    assert _extract(raw, out, warm_cache).exit_code == 0
    before = _files(out)
    shutil.copy(RAW / OTHER, raw / OTHER)

    def disk_fails(folder):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(swap, "sync_tree", disk_fails)
    res = _extract(raw, out, warm_cache)
    assert res.exit_code == 1
    assert res.output.splitlines()[-1] == f"Error: cannot publish into {out}: Input/output error"
    assert _files(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".extracted.tmp-")] == []


def test_a_second_run_gives_up_on_the_lock_naming_its_holder(tmp_path, warm_cache):
    raw, out = _raw(tmp_path), tmp_path / "extracted"
    words = Path("/proc/self/cmdline").read_bytes().rstrip(b"\0").split(b"\0")
    holder = f"process {os.getpid()} ({' '.join(os.fsdecode(w) for w in words)[:80]})"
    with lock(Target(tmp_path, "extracted"), 0):
        res = _extract(raw, out, warm_cache, "--lock-wait", "0")
    assert (res.exit_code, res.output) == (
        1,
        f"Error: {holder} is publishing into {out}; gave up after waiting 0 s\n",
    )
    assert not out.exists()


# ---------------------------------------------------------------- hostile documents


def test_hostile_documents_fail_alone_within_the_bounds(tmp_path, warm_cache):
    raw, out = _raw(tmp_path), tmp_path / "extracted"
    (raw / "bomb.pdf").write_bytes(bombs.inflating_pdf(128 * bombs.MiB))
    (raw / "deep.html").write_bytes(bombs.nested_page(10_000))
    length = bombs.huge_length_pdf(10**12)
    (raw / "length.pdf").write_bytes(length)
    (raw / "scan.pdf").write_bytes(bombs.scan_pdf())
    res = _extract(raw, out, warm_cache, "--max-memory", "64M", "--keep-going")
    assert res.exit_code == 1
    assert sorted(line for line in res.output.splitlines() if line.startswith("error:")) == [
        "error: bomb.pdf: too large: needed more than 64 MiB (--max-memory)",
        "error: deep.html: page not read whole: the HTML parser stopped at line 1 "
        "(Excessive depth in document: 2048)",
        "error: length.pdf: corrupt PDF (page 1: its content stream (object 4) declares "
        f"/Length 1000000000000, more than the whole file ({len(length)} bytes))",
        "error: scan.pdf: no text layer (the pages are images only; a scan?)",
    ]
    rows = {r["file"]: (r["status"], r["message"]) for r in _sources(out)}
    assert rows["bomb.pdf"] == ("failed", "too large: needed more than 64 MiB (--max-memory)")
    assert rows[GOOD][0] == "ok"


def test_sources_and_inspect_read_within_the_bounds(tmp_path, warm_cache):
    raw = _raw(tmp_path)
    (raw / "bomb.pdf").write_bytes(bombs.inflating_pdf(128 * bombs.MiB))
    bounds = ["--max-memory", "64M", "--cache-dir", str(warm_cache)]
    res = CliRunner().invoke(main, ["sources", "--raw", str(raw), "--format", "json", *bounds])
    assert res.exit_code == 1
    listed = {s["file"]: (s["status"], s["message"]) for s in json.loads(res.output)}
    assert listed == {
        "bomb.pdf": ("failed", "too large: needed more than 64 MiB (--max-memory)"),
        GOOD: ("ok", None),
    }
    res = CliRunner().invoke(main, ["inspect", str(raw / "bomb.pdf"), *bounds])
    assert (res.exit_code, res.output) == (
        1,
        "Error: bomb.pdf: too large: needed more than 64 MiB (--max-memory)\n",
    )


def test_a_memory_limit_that_is_not_a_size_is_refused(tmp_path):
    res = CliRunner().invoke(main, ["extract", "--raw", str(tmp_path), "--max-memory", "4T"])
    assert res.exit_code == 2
    assert res.output.splitlines()[-1] == (
        "Error: Invalid value for '--max-memory': not a size: '4T' (write 4G, 1.5G or 512M)"
    )


# ---------------------------------------------------------------- raw/ as it is


def test_links_out_of_raw_sub_folders_and_fifos_are_not_read(tmp_path, warm_cache):
    raw, out = _raw(tmp_path), tmp_path / "extracted"
    shutil.copy(RAW / OTHER, tmp_path / "elsewhere.html")
    os.symlink("../elsewhere.html", raw / "elsewhere.html")
    os.symlink("/etc/passwd", raw / "passwd.html")
    os.symlink(GOOD, raw / "alias.html")  # inside raw: read (the first of two same files)
    (raw / "old").mkdir()
    shutil.copy(RAW / OTHER, raw / "old" / OTHER)
    os.mkfifo(raw / "pipe.html")
    res = _extract(raw, out, warm_cache)
    assert res.exit_code == 0, res.output
    assert [line for line in res.output.splitlines() if line.startswith("skipped ")] == [
        "skipped elsewhere.html: a symbolic link to ../elsewhere.html, outside the raw folder",
        "skipped old: a sub-folder (only the files directly in the raw folder are read)",
        "skipped passwd.html: a symbolic link to /etc/passwd, outside the raw folder",
        "skipped pipe.html: not a regular file",
    ]
    rows = [(r["file"], r["status"]) for r in _sources(out)]
    assert sorted(rows) == [("alias.html", "ok"), (GOOD, "skipped")]
    package = (out / "datapackage.json").read_text(encoding="utf-8")
    assert "passwd" not in package and "elsewhere" not in package


def test_names_print_as_one_line_and_are_published_as_printed(tmp_path, warm_cache):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / GOOD, raw / "ny\nlinje.html")
    shutil.copy(RAW / OTHER, raw / os.fsdecode(b"bad\xff.html"))
    out = tmp_path / "extracted"
    res = _extract(raw, out, warm_cache, "--keep-going")
    assert res.exit_code == 1
    lines = res.output.splitlines()
    assert "[1/2] bad\\xff.html: failed (0.0 s) - its file name is not UTF-8; rename it" in lines
    assert "[2/2] ny\\nlinje.html: ok (cached)" in lines
    assert "error: bad\\xff.html: its file name is not UTF-8; rename it" in lines
    assert not any(line.startswith("linje") for line in lines)  # no fake line
    rows = {r["file"]: (r["source_id"], r["status"]) for r in _sources(out)}
    assert rows == {  # sources.csv names each file as it is printed: no control character
        "ny\\nlinje.html": ("imdi-nyhet-resultater-2017", "ok"),
        "bad\\xff.html": ("bad-xff", "failed"),
    }


def test_no_traceback_under_the_c_locale(tmp_path, warm_cache):
    """LC_ALL=C without Python's UTF-8 mode (which LC_ALL=C alone turns on): the file system
    encoding is ASCII, yet names that are not ASCII, or not UTF-8, read and print all the
    same, and so do the schemas' descriptions."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / GOOD, os.fsencode(raw) + "/blåbær.html".encode())
    shutil.copy(RAW / OTHER, os.fsencode(raw) + b"/bad\xff.html")
    out = tmp_path / "extracted"
    env = dict(os.environ, LC_ALL="C", PYTHONUTF8="0")
    code = "import sys; from reportparse.cli import main; sys.exit(main())"
    args = ["extract", "--raw", str(raw), "--out", str(out), "--cache-dir", str(warm_cache)]
    done = subprocess.run([sys.executable, "-c", code, *args, "--keep-going"],
                          capture_output=True, env=env)  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == (
        b"error: bad\\xff.html: its file name is not UTF-8; rename it"
    )
    assert "[2/2] blåbær.html: ok (cached)".encode() in done.stderr.splitlines()
    assert done.stdout.startswith(f"published {out}: 1 document(s)".encode())
    assert sorted(r["file"] for r in _sources(out)) == ["bad\\xff.html", "blåbær.html"]


# ---------------------------------------------------------------- rows in content order


def test_renaming_documents_changes_only_their_file_names(tmp_path, published, warm_cache):
    _, first = published
    names = sorted(p.name for p in RAW.iterdir() if not p.name.startswith("."))
    renamed = {name: f"{len(names) - i}-{name}" for i, name in enumerate(names)}  # reversed
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, new in renamed.items():
        shutil.copy(RAW / name, raw / new)
    out = tmp_path / "extracted"
    assert run(raw, out, cache_dir=warm_cache).published
    before, after = _files(first), _files(out)
    assert sorted(before) == sorted(after)
    differ = sorted(name for name in before if before[name] != after[name])
    assert differ == ["datapackage.json", "sources.csv", "sources.parquet"]
    sources = after["sources.csv"].decode()
    for name, new in renamed.items():
        sources = sources.replace(f",{new},", f",{name},")
    assert sources.encode() == before["sources.csv"]
    packages = [json.loads(p) for p in (before["datapackage.json"], after["datapackage.json"])]
    for package in packages:
        [resource] = [r for r in package["resources"] if r["path"] == "sources.csv"]
        del resource["bytes"], resource["hash"]
        [resource] = [r for r in package["resources"] if r["path"] == "sources.parquet"]
        del resource["hash"]
    frames = [pd.read_parquet(io.BytesIO(f["sources.parquet"])) for f in (before, after)]
    back = frames[1]["file"].map({new: old for old, new in renamed.items()})
    frames[1]["file"] = back.astype(frames[0]["file"].dtype)
    pd.testing.assert_frame_equal(frames[0], frames[1])
    for source in packages[1]["sources"]:
        source["file"] = next(old for old, new in renamed.items() if new == source["file"])
    assert packages[0] == packages[1]


# ---------------------------------------------------------------- signals


def test_sigterm_stops_extract_as_ctrl_c_does(tmp_path):
    raw, out = _raw(tmp_path), tmp_path / "extracted"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE.parent / "src"), str(HERE)]))
    extract = subprocess.Popen(
        [sys.executable, str(HERE / "sleepers.py"), "extract", str(raw), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    worker = int(extract.stdout.readline())  # reading its document, for ever
    assert alive(worker)
    extract.send_signal(signal.SIGTERM)
    _, err = extract.communicate(timeout=120)
    assert extract.returncode == 128 + signal.SIGTERM
    assert err.decode().splitlines() == [f"interrupted by SIGTERM; {out} is unchanged"]
    assert gone([worker])
    assert sorted(p.name for p in tmp_path.iterdir()) == [".extracted.lock", "raw"]


def test_a_page_nested_as_deep_as_the_limit_is_read_whole():
    from reportparse.readers.web.html_limits import LIMITS
    from reportparse.readers.web.page import read_page

    depth = LIMITS.max_depth - 4  # html, body, main and the paragraphs besides the divs
    page = read_page(bombs.nested_page(depth))
    assert [p.text for p in page.paragraphs] == [
        f"I {2000 + i} var {100 + i} personer i arbeid." for i in range(20)
    ]


def test_the_reader_is_given_the_bytes_it_was_listed_with(tmp_path):
    """A file swapped for a link out of raw/ after the listing is not read."""
    raw = _raw(tmp_path)
    (raw / GOOD).unlink()
    os.symlink("/etc/passwd", raw / GOOD)
    failed = read_or_fail(raw / GOOD, raw)
    assert (failed.status, failed.message, failed.sha256) == (
        "failed",
        "it now points out of the raw folder",
        "",
    )
