"""raw/ is read as what it is; names and messages print as one line under any locale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportparse.run.inputs import InputError, open_document, scan_raw
from reportparse.run.names import display, safe_line, utf8_name

HERE = Path(__file__).parent


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain.pdf", "plain.pdf"),
        ("blåbær.html", "blåbær.html"),
        ("new\nline.pdf", "new\\nline.pdf"),
        ("tab\there\r.pdf", "tab\\there\\r.pdf"),
        ("\x1b[31mred.pdf", "\\x1b[31mred.pdf"),
        ("back\\slash.pdf", "back\\\\slash.pdf"),
        ("\u202efdp.exe", "\\u202efdp.exe"),
        (os.fsdecode(b"bad\xff\xfe.pdf"), "bad\\xff\\xfe.pdf"),
        (b"bl\xc3\xa5.pdf", "blå.pdf"),
    ],
)
def test_names_print_as_one_unambiguous_line(name, shown):
    assert display(name) == shown


def test_utf8_names_whatever_the_locale():
    assert utf8_name(b"bl\xc3\xa5.pdf") == "blå.pdf"
    assert utf8_name(os.fsdecode(b"bad\xff.pdf")) is None
    assert safe_line("a\nb \udcff c\\d") == "a\\nb \\xff c\\d"


@pytest.fixture
def raw(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "report.pdf").write_bytes(b"%PDF-1.7 report")
    (raw / "new\nline.html").write_bytes(b"<html>")
    (raw / os.fsdecode(b"bad\xff.html")).write_bytes(b"<html>")
    (raw / "README.md").write_text("about")
    (raw / ".hidden.pdf").write_bytes(b"%PDF")
    os.symlink("report.pdf", raw / "alias.pdf")
    os.symlink("/etc/passwd", raw / "passwd.html")
    (tmp_path / "elsewhere.html").write_bytes(b"<html>")
    os.symlink("../elsewhere.html", raw / "elsewhere.html")
    os.symlink("missing.pdf", raw / "broken.pdf")
    (raw / "old").mkdir()
    (raw / "old/2019.pdf").write_bytes(b"%PDF")
    os.symlink("old", raw / "old-link")
    os.mkfifo(raw / "pipe.pdf")
    return raw


def test_raw_is_read_as_what_it_is(raw):
    listing = scan_raw(raw)
    assert [p.name for p in listing.documents] == ["alias.pdf", "new\nline.html", "report.pdf"]
    assert listing.notices == [
        "skipped broken.pdf: a broken symbolic link",
        "skipped elsewhere.html: a symbolic link to ../elsewhere.html, outside the raw folder",
        "skipped old: a sub-folder (only the files directly in the raw folder are read)",
        "skipped old-link: a sub-folder (only the files directly in the raw folder are read)",
        "skipped passwd.html: a symbolic link to /etc/passwd, outside the raw folder",
        "skipped pipe.pdf: not a regular file",
    ]
    assert listing.refused == [
        (raw / os.fsdecode(b"bad\xff.html"), "its file name is not UTF-8; rename it")
    ]


def test_a_link_swapped_in_after_the_listing_is_not_followed(raw):
    [alias, _, report] = scan_raw(raw).documents
    fd = open_document(alias, raw)
    assert os.read(fd, 100) == b"%PDF-1.7 report"
    os.close(fd)
    report.unlink()
    os.symlink("/etc/passwd", report)
    with pytest.raises(InputError, match=r"^it now points out of the raw folder$"):
        open_document(report, raw)
    report.unlink()
    os.mkfifo(report)
    with pytest.raises(InputError, match=r"^it is no longer a regular file$"):
        open_document(report, raw)
