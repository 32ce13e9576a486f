"""A huge declared /Length is a damaged PDF, not a scan: told apart by the content stream."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from reportparse.readers.pdf.streams import damaged_contents

import bombs
from conftest import RAW

TRUE_LENGTH = len(bombs.PAGE_TEXT)


def seen(data: bytes) -> tuple[int, int, str | None]:
    """Characters and images on page 1 as pdfplumber sees them, and the damage found."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        return len(page.chars), len(page.images), damaged_contents(pdf, data)


def test_a_huge_length_looks_like_an_empty_page_but_is_damage():
    data = bombs.huge_length_pdf(10**12)
    assert seen(data) == (
        0,
        0,
        "page 1: its content stream (object 4) declares /Length 1000000000000, "
        f"more than the whole file ({len(data)} bytes)",
    )


@pytest.mark.parametrize("declared", [TRUE_LENGTH + 100, 5])
def test_a_length_that_misses_endstream_is_damage(declared):
    assert seen(bombs.huge_length_pdf(declared)) == (
        0,
        0,
        f"page 1: its content stream (object 4) declares /Length {declared}, "
        "which does not end at 'endstream'",
    )


def test_a_scan_and_plain_text_are_not_damage():
    assert seen(bombs.scan_pdf()) == (0, 1, None)  # no text, an image: a scan
    assert seen(bombs.text_pdf()) == (24, 0, None)
    # a /Length that takes in the end-of-line before endstream, as some writers do
    assert seen(bombs.huge_length_pdf(TRUE_LENGTH + 1)) == (24, 0, None)


def test_the_corpus_reports_are_not_damaged():
    reports = sorted(RAW.glob("*.pdf"))
    assert len(reports) == 3
    for path in reports:
        data = path.read_bytes()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert damaged_contents(pdf, data) is None, path.name
