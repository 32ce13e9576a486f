"""No failure removes published data, no changed file or forged cache entry is published, and
the manifest is that of the folder the run published (issue 22, items 1, 2, 4, 5 and 8)."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportparse.cli import main
from reportparse.run import cache as cache_module
from reportparse.run import manifest, pipeline, private
from reportparse.run.cache import Cache, file_sha256
from reportparse.run.pipeline import run

from conftest import RAW

pytestmark = pytest.mark.process  # whole processes: `make test` and CI run them

GOOD = "imdi-nyhet-resultater-2017.html"
OTHER = "imdi-nyhet-resultater-2023.html"
OTHER_ID = "imdi-nyhet-resultater-2023"


def _raw(tmp_path: Path, *names: str) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in names:
        shutil.copy(RAW / name, raw / name)
    return raw


def _extract(raw, out, cache, *more: str):
    args = ["extract", "--raw", str(raw), "--out", str(out), "--cache-dir", str(cache), *more]
    return CliRunner().invoke(main, args)


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _of(rows: list[dict], source_id: str) -> list[dict]:
    return [r for r in rows if r["source_id"] == source_id]


# ---------------------------------------------------------------- 1. failures keep data


@pytest.fixture
def two_published(tmp_path, warm_cache):
    """Two pages published; the release's files and its datapackage.json's sha256."""
    raw, out = _raw(tmp_path, GOOD, OTHER), tmp_path / "extracted"
    assert _extract(raw, out, warm_cache).exit_code == 0
    release = hashlib.sha256((out / "datapackage.json").read_bytes()).hexdigest()
    return raw, out, warm_cache, _files(out), release


def test_a_document_that_fails_now_keeps_its_rows_marked_stale(two_published):
    raw, out, cache, before, release = two_published
    (raw / OTHER).write_bytes(b"<html><body><p>Siden finnes ikke")  # a broken download
    res = _extract(raw, out, cache, "--keep-going")
    assert res.exit_code == 1
    why = "page not whole: it ends without </html> (cut short?)"
    assert f"error: {OTHER}: {why}" in res.output.splitlines()
    after = _files(out)
    for name in ("observations.csv", "key_figures.csv", "tables.csv", "observations.parquet"):
        assert after[name] == before[name], name  # every row of both documents, as published
    assert {k for k in after if k.startswith("tables/")} == {
        k for k in before if k.startswith("tables/")
    }
    old = {r["source_id"]: r for r in _rows(RAW.parent / "extracted" / "sources.csv")}[OTHER_ID]
    row = {r["source_id"]: r for r in _rows(out / "sources.csv")}[OTHER_ID]
    assert (row["status"], row["file"], row["sha256"], row["kept_from"]) == (
        "stale",
        OTHER,
        old["sha256"],  # the bytes the kept rows were read from
        release,
    )
    assert row["message"] == f"failed now ({why}); its rows are kept from the previous release"
    assert len(_of(_rows(out / "observations.csv"), OTHER_ID)) == 10

    res = CliRunner().invoke(main, ["validate", "--out", str(out)])
    assert res.exit_code == 0, res.output  # every link holds: the stale source has its row

    # still failing on the next run: the rows stay, and name the release they came from
    res = _extract(raw, out, cache, "--keep-going")
    assert res.exit_code == 1
    row = {r["source_id"]: r for r in _rows(out / "sources.csv")}[OTHER_ID]
    assert (row["status"], row["kept_from"]) == ("stale", release)
    assert _files(out)["observations.csv"] == before["observations.csv"]


def test_a_release_whose_rows_cannot_be_kept_is_left_as_it_is(two_published):
    raw, out, cache, before, _ = two_published
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"][0]["path"] = "../../outside.csv"  # edited by hand, or damaged
    (out / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    (raw / OTHER).write_bytes(b"")
    res = _extract(raw, out, cache, "--keep-going")
    assert res.exit_code == 1
    assert (
        f"notice: the release in {out} cannot be read (the resource path '../../outside.csv' "
        "leaves the folder), so documents that fail now cannot keep their rows from it; "
        "--drop-failed publishes without them" in res.output.splitlines()
    )
    assert res.output.splitlines()[-1] == (
        f"nothing published (some documents failed); {out} is unchanged"
    )
    assert {k: v for k, v in _files(out).items() if k != "datapackage.json"} == {
        k: v for k, v in before.items() if k != "datapackage.json"
    }


def test_a_document_leaves_the_release_only_when_its_file_leaves_raw(two_published):
    raw, out, cache, _, _ = two_published
    (raw / OTHER).unlink()
    assert _extract(raw, out, cache).exit_code == 0
    assert [r["source_id"] for r in _rows(out / "sources.csv")] == ["imdi-nyhet-resultater-2017"]
    assert _of(_rows(out / "observations.csv"), OTHER_ID) == []


def test_drop_failed_takes_a_failing_document_out(two_published):
    raw, out, cache, _, _ = two_published
    (raw / OTHER).write_bytes(b"")
    res = _extract(raw, out, cache, "--keep-going", "--drop-failed")
    assert res.exit_code == 1
    row = {r["file"]: r for r in _rows(out / "sources.csv")}[OTHER]
    assert (row["status"], row["message"], row["kept_from"]) == (
        "failed",
        "empty file (0 bytes)",
        "",
    )
    assert [r for r in _rows(out / "observations.csv") if "2023" in r["source_id"]] == []


def test_a_document_whose_worker_dies_keeps_its_rows(two_published, monkeypatch):
    """A failure of the moment (the worker killed, as by the kernel out of memory) never
    empties a release: issue 22's case of every document timing out, without timing."""
    raw, out, _, before, _ = two_published
    monkeypatch.setattr(pipeline, "read_or_fail", lambda *a, **k: os._exit(9))
    res = CliRunner().invoke(main, ["extract", "--raw", str(raw), "--out", str(out),
                                    "--no-cache", "--keep-going"])  # fmt: skip
    assert res.exit_code == 1, res.output
    assert [(r["source_id"], r["status"]) for r in _rows(out / "sources.csv")] == [
        ("imdi-nyhet-resultater-2017", "stale"),
        (OTHER_ID, "stale"),
    ]
    assert _files(out)["observations.csv"] == before["observations.csv"]
    assert res.output.splitlines()[-1].endswith("2 failed, 2 stale")


# ---------------------------------------------------------------- 2. bytes read, bytes hashed


def test_a_file_changed_while_being_read_fails_and_is_not_cached(tmp_path, monkeypatch):
    raw, out, cache = _raw(tmp_path, GOOD), tmp_path / "out", tmp_path / "cache"
    listed = pipeline.document_sha256
    first = file_sha256(raw / GOOD)

    def hashed_then_changed(path, folder, timeout=None):
        sha = listed(path, folder, timeout)
        shutil.copy(RAW / OTHER, path)  # the worker will read other bytes
        return sha

    monkeypatch.setattr(pipeline, "document_sha256", hashed_then_changed)
    result = run(raw, out, cache_dir=cache, keep_going=True)
    [failed] = result.failed_documents
    second = file_sha256(RAW / OTHER)
    assert failed.message == (
        f"changed while being read: sha256 {first[:12]}... when listed, {second[:12]}... when read"
    )
    assert Cache(cache).get(first) is None and Cache(cache).get(second) is None
    monkeypatch.setattr(pipeline, "document_sha256", listed)
    result = run(raw, out, cache_dir=cache)  # the file as it is now: read, and its own data
    assert [r.source.source_id for r in result.results] == [OTHER_ID]


# ---------------------------------------------------------------- 4. a private cache


def test_the_cache_is_made_private_under_the_users_cache_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    raw, out = _raw(tmp_path, GOOD), tmp_path / "out"
    res = CliRunner().invoke(main, ["extract", "--raw", str(raw), "--out", str(out)])
    assert res.exit_code == 0, res.output
    folder = home / "cache" / "reportparse"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert len([p for p in folder.rglob("*.json") if p.parent.name != "runs"]) == 1
    key = home / "config" / "reportparse" / "cache.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert not (tmp_path / ".cache").exists() and not Path(".cache/reportparse/runs").exists()


@pytest.mark.parametrize("command", ["extract", "sources", "report"])
def test_a_cache_folder_others_can_write_is_refused(tmp_path, command):
    raw, shared = _raw(tmp_path, GOOD), tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    args = [command, "--raw", str(raw), "--cache-dir", str(shared)]
    if command != "sources":
        args += ["--out", str(tmp_path / "out")]
    res = CliRunner().invoke(main, args)
    assert (res.exit_code, res.output) == (
        1,
        f"Error: cache folder {shared} can be written by others (mode 777); "
        "make it private (chmod 700) or name another\n",
    )
    assert os.listdir(shared) == []


def test_a_cache_folder_of_another_user_is_refused(tmp_path, monkeypatch):
    raw, theirs = _raw(tmp_path, GOOD), tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    monkeypatch.setattr(private, "_owner_id", lambda: theirs.stat().st_uid + 1)
    res = _extract(raw, tmp_path / "out", theirs)
    uid = theirs.stat().st_uid
    assert (res.exit_code, res.output) == (
        1,
        f"Error: cache folder {theirs} belongs to another user (uid {uid}); "
        "name a folder of your own\n",
    )


def test_a_forged_cache_entry_is_ignored_rebuilt_and_counted(tmp_path):
    raw, out, cache = _raw(tmp_path, GOOD), tmp_path / "out", tmp_path / "cache"
    assert _extract(raw, out, cache).exit_code == 0
    truth = _files(out)
    [entry] = [p for p in cache.rglob("*.json") if p.parent.name != "runs"]
    data = json.loads(entry.read_text(encoding="utf-8"))
    first = data["entry"]["result"]["observations"][0]
    assert first["value"] != 99.0
    first["value"] = 99.0  # "Troms 99 %"
    # what a writer without the key can do: a digest of the new payload, the old MAC
    data["digest"] = hashlib.sha256(
        json.dumps(data["entry"], ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    entry.write_text(json.dumps(data), encoding="utf-8")
    for runs in cache.glob("runs/*.json"):
        runs.unlink()
    res = _extract(raw, out, cache)
    assert res.exit_code == 0, res.output
    assert (
        "notice: 1 cache entry failed its check (damaged, or not written by this user): "
        "read again" in res.output.splitlines()
    )
    assert f"[1/1] {GOOD}: ok (cached)" not in res.output
    assert _files(out) == truth
    assert Cache(cache).get(file_sha256(raw / GOOD)) is not None  # rebuilt


def test_a_forged_manifest_is_not_trusted(tmp_path):
    raw, out, cache = _raw(tmp_path, GOOD), tmp_path / "out", tmp_path / "cache"
    assert _extract(raw, out, cache).exit_code == 0
    [path] = cache.glob("runs/*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["summary"]["observations"] = 999
    path.write_text(json.dumps(data), encoding="utf-8")
    res = _extract(raw, out, cache)
    assert res.exit_code == 0 and "unchanged since the last run" not in res.output


def test_a_cache_folder_that_cannot_be_written_is_read_with_a_notice(tmp_path, monkeypatch):
    raw, out, cache = _raw(tmp_path, GOOD), tmp_path / "out", tmp_path / "cache"

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache_module.tempfile, "mkstemp", refused)  # as a read-only folder
    res = _extract(raw, out, cache)
    assert res.exit_code == 0, res.output
    assert (
        f"notice: the cache folder {cache} cannot be written (Permission denied); "
        "documents read now are not kept for the next run" in res.output.splitlines()
    )
    assert "Traceback" not in res.output and (out / "observations.csv").is_file()


# ---------------------------------------------------------------- 5. the manifest, under the lock


def test_the_manifest_is_recorded_under_the_lock_from_the_folder_published(
    tmp_path, monkeypatch, warm_cache
):
    raw, out = _raw(tmp_path, GOOD), tmp_path / "out"
    recorded = manifest.record
    seen = []

    def record(cache_dir, raw_dir, folder, inputs, summary):
        fd = os.open(tmp_path / ".out.lock", os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            seen.append("lock free")
        except BlockingIOError:
            seen.append("under the lock")
        finally:
            os.close(fd)
        recorded(cache_dir, raw_dir, folder, inputs, summary)

    monkeypatch.setattr(manifest, "record", record)
    assert run(raw, out, cache_dir=warm_cache).published
    assert seen == ["under the lock"]
    [path] = warm_cache.glob("runs/*.json")
    outputs = json.loads(path.read_text(encoding="utf-8"))["outputs"]
    assert outputs == {name: hashlib.sha256(b).hexdigest() for name, b in _files(out).items()}


# ---------------------------------------------------------------- 8. smaller faults


def test_a_memory_limit_beyond_any_address_space_is_refused_as_an_option(tmp_path):
    res = CliRunner().invoke(
        main, ["extract", "--raw", str(tmp_path), "--max-memory", "99999999999G"]
    )
    assert res.exit_code == 2
    assert res.output.splitlines()[-1] == (
        "Error: Invalid value for '--max-memory': '99999999999G' is more than 128 TiB, "
        "the address space of a process"
    )


def test_a_file_of_the_bytes_of_a_refused_name_is_still_read(tmp_path, warm_cache):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / GOOD, os.fsencode(raw) + b"/a\xff.html")  # sorts before GOOD
    shutil.copy(RAW / GOOD, raw / GOOD)
    out = tmp_path / "out"
    res = _extract(raw, out, warm_cache, "--keep-going")
    assert res.exit_code == 1
    rows = sorted((r["file"], r["status"]) for r in _rows(out / "sources.csv"))
    assert rows == [("a\\xff.html", "failed"), (GOOD, "ok")]
    assert len(_rows(out / "observations.csv")) == 8


def test_esc_and_bel_are_escaped_in_sources_csv(tmp_path, warm_cache):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / GOOD, raw / "a\x1b[31mb\x07.html")
    out = tmp_path / "out"
    assert _extract(raw, out, warm_cache).exit_code == 0
    text = (out / "sources.csv").read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text
    assert [r["file"] for r in _rows(out / "sources.csv")] == ["a\\x1b[31mb\\x07.html"]


def test_report_exits_1_when_documents_failed(tmp_path, warm_cache):
    raw = _raw(tmp_path, GOOD)
    (raw / "tom.pdf").write_bytes(b"")
    args = ["report", "--raw", str(raw), "--out", str(tmp_path / "report"),
            "--cache-dir", str(warm_cache)]  # fmt: skip
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 1
    assert "error: tom.pdf: not read (see the report)" in res.output.splitlines()
    assert (tmp_path / "report" / "index.html").is_file()
