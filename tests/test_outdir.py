"""--out is checked before anything is read: only a new folder, an empty one or an earlier
output may be published into; everything else is refused with one line."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import tempfile
from pathlib import Path

import pytest

from reportparse.output.outdir import (
    MARKER,
    PACKAGE_NAME,
    OutError,
    Target,
    check_out,
    finish_marker,
    foreign_files,
    is_ours,
    write_marker,
)

from outputs import writer


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "report.pdf").write_bytes(b"%PDF-1.7\n")
    return tmp_path


def refusal(out, raw="raw") -> str:
    with pytest.raises(OutError) as err:
        check_out(Path(out), Path(raw))
    return str(err.value)


def output(folder: Path, version="1") -> Path:
    """An output as publishing leaves it: marker first, files, marker listing them."""
    folder.mkdir(parents=True)
    write_marker(folder)
    writer(version)(folder)
    finish_marker(folder)
    return folder


def test_new_empty_and_earlier_outputs_are_accepted(work):
    assert check_out(Path("extracted"), Path("raw")) == Target(work, "extracted")
    assert check_out(Path("deep/new/out"), Path("raw")) == Target(work / "deep/new", "out")
    (work / "empty").mkdir()
    assert check_out(Path("empty"), Path("raw")).path == work / "empty"
    output(work / "earlier")
    assert check_out(Path("earlier"), Path("raw")).path == work / "earlier"


def test_an_output_without_marker_is_recognised_by_its_datapackage(work):
    folder = output(work / "committed")
    (folder / MARKER).unlink()  # as the committed extracted/ is today
    (folder / "tables/empty-folder").mkdir()
    assert check_out(Path("committed"), Path("raw")).name == "committed"


def test_files_git_merged_in_are_recognised_by_the_datapackage(work):
    """A merge brings a new table and the package that lists it, while the marker (from the
    other branch) lists the old files: the folder is still an output; a file that neither
    lists is not."""
    folder = output(work / "extracted")
    (folder / "tables/doc-a/figur-2.csv").write_text("merged in")
    package = json.loads((folder / "datapackage.json").read_text())
    package["resources"].append({"path": "tables/doc-a/figur-2.csv"})
    (folder / "datapackage.json").write_text(json.dumps(package))
    assert check_out(Path("extracted"), Path("raw")).name == "extracted"
    (folder / "tables/doc-a/mine.csv").write_text("mine")
    assert refusal("extracted") == (
        "--out extracted holds files that are not reportparse's output "
        "(tables/doc-a/mine.csv); name a new or empty folder"
    )


def test_raw_itself_inside_it_and_above_it_are_refused(work):
    assert refusal("raw") == "--out raw is the raw folder; name another folder"
    assert refusal("raw/.") == "--out raw is the raw folder; name another folder"
    assert refusal("raw/out") == "--out raw/out is inside the raw folder; name a folder outside it"
    assert refusal(".", "raw") == ("--out . holds the raw folder; name a folder beside it")
    os.symlink("raw", work / "alias")
    assert refusal("alias/x") == "--out alias/x is inside the raw folder; name a folder outside it"
    (work / "data").mkdir()
    os.rename(work / "raw", work / "data/raw")
    assert refusal("data", "data/raw") == "--out data holds the raw folder; name a folder beside it"


def test_files_links_and_foreign_folders_are_refused(work):
    (work / "afile").write_text("x")
    assert refusal("afile") == "--out afile is a file, not a folder"
    assert refusal("afile/out") == f"--out afile/out: {work}/afile is a file, not a folder"
    assert refusal("afile/a/b") == f"--out afile/a/b: {work}/afile is a file, not a folder"
    (work / "important").mkdir()
    (work / "important/notes.txt").write_text("mine")
    assert refusal("important") == (
        "--out important holds files that are not reportparse's output (notes.txt); "
        "name a new or empty folder"
    )
    os.symlink("important", work / "link")
    assert refusal("link") == "--out link is a symbolic link; name the folder it points to"
    assert refusal("/") == "--out /: name a folder to publish into"


def test_an_output_with_an_added_file_is_refused(work):
    folder = output(work / "extracted")
    (folder / "notes.txt").write_text("mine")
    (folder / "tables/doc-a/mine.csv").write_text("mine")
    os.symlink("/etc", folder / "etc")
    assert refusal("extracted") == (
        "--out extracted holds files that are not reportparse's output "
        "(etc, notes.txt, tables/doc-a/mine.csv); name a new or empty folder"
    )


def test_a_datapackage_of_another_tool_does_not_make_an_output(work):
    folder = work / "other"
    folder.mkdir()
    (folder / "datapackage.json").write_text(json.dumps({"name": "x", "resources": []}))
    assert foreign_files(folder) == ["datapackage.json"]
    assert not is_ours(folder)
    (folder / "datapackage.json").write_text("not json")
    assert foreign_files(folder) == ["datapackage.json"]
    (folder / "datapackage.json").write_text(json.dumps({"name": PACKAGE_NAME, "resources": 1}))
    assert foreign_files(folder) == ["datapackage.json"]


def test_unwritable_places_are_refused():
    """Checked as an unprivileged user (root may write anywhere): a forked child drops to
    nobody when the tests run as root."""
    base = Path(tempfile.mkdtemp(prefix="outdir-"))
    try:
        base.chmod(0o755)
        (base / "locked").mkdir(mode=0o555)
        (base / "locked").chmod(0o555)
        assert _as_unprivileged(check_out, base / "locked/out") == (
            f"--out {base}/locked/out: no permission to write in {base}/locked"
        )
    finally:
        (base / "locked").chmod(0o755)
        shutil.rmtree(base)


def _as_unprivileged(fn, *args) -> str:
    """The OutError message of ``fn(*args)``, run in a child as user nobody if we are root."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (child)
        os.close(r)
        message = "no error"
        try:
            if os.geteuid() == 0:
                nobody = pwd.getpwnam("nobody")
                os.setgroups([])
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
            fn(*args)
        except OutError as exc:
            message = str(exc)
        except BaseException as exc:
            message = f"unexpected {exc!r}"
        os.write(w, message.encode())
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        message = f.read().decode()
    os.waitpid(pid, 0)
    return message


def test_leftover_recognition(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert is_ours(empty)
    marked = tmp_path / "marked"
    marked.mkdir()
    (marked / MARKER).write_text("{}")
    (marker_only := marked / "half.csv").write_text("x")
    assert marker_only.exists() and is_ours(marked)
    legacy = output(tmp_path / "legacy")
    (legacy / MARKER).unlink()
    assert is_ours(legacy)
    (legacy / "sources.csv").unlink()  # half removed: still only listed files
    assert is_ours(legacy)
    half_marked = tmp_path / "half-marked"  # killed while writing the first marker
    half_marked.mkdir()
    (half_marked / MARKER).write_bytes(b"")
    assert is_ours(half_marked)
    relisting = output(tmp_path / "relisting")  # killed while writing the final marker
    (relisting / (MARKER + ".part")).write_text('{"written_by": "rep')
    assert is_ours(relisting)
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine")
    assert not is_ours(stranger)


def test_the_marker_lists_the_files_of_any_kind_of_output(work):
    report = work / "report"
    report.mkdir()
    write_marker(report)
    assert json.loads((report / MARKER).read_text()) == {
        "written_by": "reportparse",
        "about": "reportparse replaces this folder as a whole; it refuses to when the folder "
        "holds files that are not listed here.",
    }
    (report / "pictures").mkdir()
    (report / "pictures/t1.png").write_bytes(b"png")
    (report / "index.html").write_text("<html>")
    finish_marker(report)
    assert json.loads((report / MARKER).read_text())["files"] == ["index.html", "pictures/t1.png"]
    assert os.listdir(report / "pictures") == ["t1.png"]  # no part file left
    assert check_out(Path("report"), Path("raw")).name == "report"
    (report / "pictures/mine.png").write_bytes(b"png")
    assert refusal("report") == (
        "--out report holds files that are not reportparse's output (pictures/mine.png); "
        "name a new or empty folder"
    )


def test_a_marker_without_its_list_does_not_vouch_for_files(work):
    folder = work / "unfinished"
    folder.mkdir()
    write_marker(folder)
    (folder / "sources.csv").write_text("x")
    assert foreign_files(folder) == [MARKER, "sources.csv"]
    assert is_ours(folder)  # a leftover of a killed run, all the same
