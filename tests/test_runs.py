"""Incremental, parallel and time-limited runs: cache, no-change fast path, --jobs, --timeout.

The document here is a corpus web page: these tests are about runs, not reading, and
a page is read in milliseconds."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportparse.cli import main
from reportparse.readers import document as document_module
from reportparse.run.cache import Cache, file_sha256
from reportparse.run.pipeline import run

from conftest import RAW

pytestmark = pytest.mark.process  # whole processes: `make test` and CI run them

GOOD = "imdi-nyhet-resultater-2017.html"
READ_DOCUMENT = document_module.read_document  # the reader itself, before any test wraps it


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _copy(raw: Path, name: str, tag: str) -> Path:
    """The corpus page under another name, its bytes made different by a comment at the end."""
    target = raw / name
    target.write_bytes((RAW / GOOD).read_bytes() + f"<!-- {tag} -->\n".encode())
    return target


def _raw(tmp_path: Path, copies: int = 0) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / GOOD, raw / GOOD)
    for i in range(copies):
        _copy(raw, f"copy-{i}.html", f"copy {i}")
    return raw


def _extract(raw: Path, out: Path, cache: Path, *more: str):
    return CliRunner().invoke(
        main, ["extract", "--raw", str(raw), "--out", str(out), "--cache-dir", str(cache), *more]
    )


def _record_calls(monkeypatch, log: Path, before=None):
    """Wrap the document reader so that every call (in any worker process) is logged with
    the process that made it; ``before(path)`` runs first and its result is logged too."""
    real = READ_DOCUMENT

    def logged(path: Path, *args):
        note = before(path) if before else None
        try:
            return real(path, *args)
        finally:
            with open(log, "a", encoding="utf-8") as f:
                f.write(json.dumps([path.name, os.getpid(), note]) + "\n")

    monkeypatch.setattr(document_module, "read_document", logged)
    monkeypatch.setattr("reportparse.run.pipeline.read_document", logged)


def _calls(log: Path) -> list[list]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_second_run_with_nothing_changed_does_no_document_work(tmp_path, monkeypatch):
    raw, out, cache = _raw(tmp_path), tmp_path / "out", tmp_path / "cache"
    log = tmp_path / "calls.jsonl"
    _record_calls(monkeypatch, log)
    first = _extract(raw, out, cache)
    assert first.exit_code == 0, first.output
    assert [c[0] for c in _calls(log)] == [GOOD]
    published = _files(out)
    second = _extract(raw, out, cache)
    assert second.exit_code == 0, second.output
    assert [c[0] for c in _calls(log)] == [GOOD]  # not read again
    assert second.output.splitlines() == [
        f"[1/1] {GOOD}: ok (unchanged)",
        f"{first.output.splitlines()[-1]} (unchanged since the last run)",
    ]
    assert _files(out) == published


def test_fast_path_never_trusts_an_edited_output_or_input(tmp_path, monkeypatch):
    raw, out, cache = _raw(tmp_path), tmp_path / "out", tmp_path / "cache"
    assert _extract(raw, out, cache).exit_code == 0
    published = _files(out)
    obs = out / "observations.csv"
    obs.write_text(obs.read_text(encoding="utf-8").replace(",50,", ",57,"), encoding="utf-8")
    res = _extract(raw, out, cache)
    assert res.exit_code == 0 and "(unchanged" not in res.output
    assert f"{GOOD}: ok (cached)" in res.output  # the document itself comes from the cache
    assert _files(out) == published  # the edit is undone
    (out / "stray.csv").write_text("x\n")  # not reportparse's: the run refuses OUT
    res = _extract(raw, out, cache)
    assert (res.exit_code, res.output) == (
        1,
        f"Error: --out {out} holds files that are not reportparse's output (stray.csv); "
        "name a new or empty folder\n",
    )
    (out / "stray.csv").unlink()
    _copy(raw, "new.html", "new")
    res = _extract(raw, out, cache)
    assert "(unchanged" not in res.output and "[2/2] new.html: ok (" in res.output


def test_warm_run_loads_no_pdf_or_data_libraries(tmp_path):
    """What makes a run with nothing changed fast (timed in scripts/bench.py, not here):
    it neither reads a document nor imports pypdfium2, pdfplumber, pandas or pandera."""
    raw, out, cache = _raw(tmp_path), tmp_path / "out", tmp_path / "cache"
    probe = (
        "import sys\n"
        "from reportparse.cli import main\n"
        "try:\n"
        f"    main(['extract', '--raw', {str(raw)!r}, '--out', {str(out)!r},"
        f" '--cache-dir', {str(cache)!r}])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "heavy = sorted(m for m in ('pdfplumber', 'pandas', 'pandera', 'pypdfium2')\n"
        "               if m in sys.modules)\n"
        "print('LOADED', code, ','.join(heavy))\n"
    )

    def loaded() -> str:
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        return done.stdout.splitlines()[-1]

    assert loaded() == "LOADED 0 pandas,pandera,pypdfium2"  # cold: reads and validates
    assert loaded() == "LOADED 0 "  # warm: nothing changed, nothing loaded


def test_changing_one_document_reads_that_one_only(tmp_path):
    raw, out, cache = _raw(tmp_path, copies=1), tmp_path / "out", tmp_path / "cache"
    assert run(raw, out, cache_dir=cache).published
    _copy(raw, "copy-0.html", "changed")
    seen = []
    result = run(raw, out, cache_dir=cache, progress=lambda d, t, o: seen.append(o))
    assert result.published
    assert sorted((o.file, o.cached) for o in seen) == [("copy-0.html", False), (GOOD, True)]


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "",  # empty
        lambda text: text.replace("halvparten", "tredjeparten"),  # valid JSON, edited content
        lambda text: json.dumps({"sha256": json.loads(text)["sha256"], "entry": {}}),
    ],
    ids=["truncated", "empty", "edited", "no-digest"],
)
def test_corrupt_cache_entry_is_ignored_and_rebuilt(tmp_path, damage):
    raw, out, cache = _raw(tmp_path), tmp_path / "out", tmp_path / "cache"
    assert run(raw, out, cache_dir=cache).published
    published = _files(out)
    [entry] = [p for p in cache.rglob("*.json") if p.parent.name != "runs"]
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    sha = file_sha256(raw / GOOD)
    assert Cache(cache).get(sha) is None
    seen = []
    assert run(raw, out, cache_dir=cache, progress=lambda d, t, o: seen.append(o)).published
    assert [(o.file, o.cached) for o in seen] == [(GOOD, False)]
    assert _files(out) == published
    assert Cache(cache).get(sha) is not None  # rebuilt


def _meet(barrier, wait: float) -> str:
    """'met' when another worker reached the barrier within ``wait`` seconds, else 'alone'."""
    try:
        barrier.wait(timeout=wait)
    except threading.BrokenBarrierError:
        return "alone"
    return "met"


# A bound for a partner worker to arrive, not a measure of speed: reading the page takes
# milliseconds, and a run that reads one document at a time never meets a partner at all.
PARTNER_WAIT = 120.0
NO_PARTNER_WAIT = 0.2


def test_jobs_two_reads_documents_in_parallel_with_identical_output(tmp_path, monkeypatch):
    raw = _raw(tmp_path, copies=3)
    log = tmp_path / "calls.jsonl"
    fork = multiprocessing.get_context("fork")
    lonely, pair = fork.Barrier(2), fork.Barrier(2)
    _record_calls(monkeypatch, log, before=lambda path: _meet(lonely, NO_PARTNER_WAIT))
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(raw, one, jobs=1, cache_dir=None).published
    serial = _calls(log)
    log.unlink()
    _record_calls(monkeypatch, log, before=lambda path: _meet(pair, PARTNER_WAIT))
    assert run(raw, two, jobs=2, cache_dir=None).published
    parallel = _calls(log)
    assert _files(one) == _files(two)
    assert len({pid for _, pid, _ in serial}) == len({pid for _, pid, _ in parallel}) == 4
    assert [note for *_, note in serial] == ["alone"] * 4  # one document at a time
    assert [note for *_, note in parallel] == ["met"] * 4  # two at a time, each with a partner


def test_timeout_fails_the_slow_document_and_the_run_goes_on(tmp_path, monkeypatch):
    raw, out, cache = _raw(tmp_path), tmp_path / "out", tmp_path / "cache"
    assert _extract(raw, out, cache).exit_code == 0  # the good page is cached: no race with it
    _copy(raw, "huge.html", "huge")
    # far longer than the limit: if the limit did not stop it, it would be read, and the
    # run would report it ok
    _record_calls(monkeypatch, tmp_path / "calls.jsonl", before=lambda path: time.sleep(300))
    res = _extract(raw, out, cache, "--timeout", "0.5", "--keep-going", "--jobs", "2")
    assert res.exit_code == 1
    assert "error: huge.html: timed out: not read within 0.5 s (--timeout)" in (
        res.output.splitlines()
    )
    assert f"{GOOD}: ok (cached)" in res.output
    rows = (out / "sources.csv").read_text(encoding="utf-8").splitlines()
    assert any(r.startswith("huge,huge.html,") and ",failed,timed out" in r for r in rows)
    # a timeout is not cached: the next run (perhaps with more time) tries again
    assert Cache(tmp_path / "cache").get(file_sha256(raw / "huge.html")) is None
    assert Cache(tmp_path / "cache").get(file_sha256(raw / GOOD)) is not None


def test_a_crashing_worker_fails_its_document_only(tmp_path, monkeypatch):
    raw = _raw(tmp_path)
    _copy(raw, "crash.html", "crash")
    real = document_module.read_document

    def crash_on(path: Path, *args):
        if path.name == "crash.html":
            os._exit(3)
        return real(path, *args)

    monkeypatch.setattr("reportparse.run.pipeline.read_document", crash_on)
    res = _extract(raw, tmp_path / "out", tmp_path / "cache", "--keep-going")
    assert res.exit_code == 1
    assert (
        "error: crash.html: internal error (the worker process ended unexpectedly, exit code 3)"
        in res.output.splitlines()
    )
    assert f"{GOOD}: ok" in res.output
