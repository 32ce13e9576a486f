"""A wrong declared /Length is a damaged PDF: told apart by the content stream. PDFium reads
such a page whole (it looks for ``endstream`` itself), where pdfminer saw an empty page;
the file is refused all the same."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from reportparse.readers.pdf.objects import read_page
from reportparse.readers.pdf.streams import damaged_contents

import bombs
from conftest import RAW

TRUE_LENGTH = len(bombs.PAGE_TEXT)
TRUE_CHARS = len("Tabell 1: 1 234 personer")  # the page's text, as it is drawn


def seen(data: bytes) -> tuple[int, int, str | None]:
    """Characters and images on page 1 as PDFium sees them, and the damage found."""
    pdf = pdfium.PdfDocument(data)
    try:
        page = read_page(pdf[0])
    finally:
        pdf.close()
    return len(page.chars), len(page.images), damaged_contents(data)


def test_a_huge_length_is_damage_though_pdfium_reads_the_page():
    data = bombs.huge_length_pdf(10**12)
    assert seen(data) == (
        TRUE_CHARS,
        0,
        "page 1: its content stream (object 4) declares /Length 1000000000000, "
        f"more than the whole file ({len(data)} bytes)",
    )


@pytest.mark.parametrize("declared", [TRUE_LENGTH + 100, 5])
def test_a_length_that_misses_endstream_is_damage(declared):
    assert seen(bombs.huge_length_pdf(declared)) == (
        TRUE_CHARS,
        0,
        f"page 1: its content stream (object 4) declares /Length {declared}, "
        "which does not end at 'endstream'",
    )


def test_a_scan_and_plain_text_are_not_damage():
    assert seen(bombs.scan_pdf()) == (0, 1, None)  # no text, an image: a scan
    assert seen(bombs.text_pdf()) == (TRUE_CHARS, 0, None)
    # a /Length that takes in the end-of-line before endstream, as some writers do
    assert seen(bombs.huge_length_pdf(TRUE_LENGTH + 1)) == (TRUE_CHARS, 0, None)


def test_the_corpus_reports_are_not_damaged():
    reports = sorted(RAW.glob("*.pdf"))
    assert len(reports) == 3
    for path in reports:
        assert damaged_contents(path.read_bytes()) is None, path.name
