"""A page the HTML parser cannot read whole fails with the reason; lxml alone cuts it."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from reportparse.model import DocumentError
from reportparse.readers.web.html_limits import LIMITS, PageLimits, nesting, parse_page
from reportparse.run.limits import MiB, too_large
from reportparse.run.workers import run_each

import bombs
from conftest import RAW


def figures_read(root) -> int:
    return sum("personer i arbeid" in (p.text or "") for p in root.iter("p"))


def refusal(data: bytes, limits: PageLimits = LIMITS) -> str:
    with pytest.raises(DocumentError) as err:
        parse_page(data, "utf-8", limits)
    return str(err.value)


def test_lxml_alone_cuts_a_deep_page_in_silence():
    """What the reader does today: no exception, no figure."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    root = lxml.html.document_fromstring(bombs.nested_page(10_000), parser=parser)
    assert figures_read(root) == 0
    [entry] = parser.error_log
    assert (entry.level_name, entry.type_name) == ("FATAL", "ERR_RESOURCE_LIMIT")
    assert entry.message == "Excessive depth in document: 256, use XML_PARSE_HUGE option"


def test_a_page_in_10000_divs_fails_with_the_reason():
    assert refusal(bombs.nested_page(10_000)) == (
        "page not read whole: the HTML parser stopped at line 1 (Excessive depth in document: 2048)"
    )


def test_a_page_deeper_than_the_reader_goes_fails_before_it_is_read():
    # html, body, main, 300 divs, p: 304 levels
    assert refusal(bombs.nested_page(300)) == (
        "page not read whole: its elements nest 304 levels deep, more than the 256 read"
    )


def test_a_page_within_the_limits_is_read_whole():
    root = parse_page(bombs.nested_page(200), "utf-8")
    assert nesting(root) == 204
    assert figures_read(root) == 20


def test_a_text_node_over_10_mb_is_read_whole():
    data = bombs.long_text_page(11 * MiB)
    parser = lxml.html.HTMLParser(encoding="utf-8")
    assert figures_read(lxml.html.document_fromstring(data, parser=parser)) == 0  # lxml alone
    root = parse_page(data, "utf-8")
    assert figures_read(root) == 20
    assert len(root.find(".//p").text) == 11 * MiB
    assert refusal(data, PageLimits(huge_tree=False)) == (
        "page not read whole: the HTML parser stopped at line 1 "
        "(Resource limit exceeded: Buffer size limit exceeded)"
    )


def test_a_page_too_large_for_the_memory_limit_is_too_large(tmp_path):
    limit = 256 * MiB

    def parse_big(path: Path) -> int:
        data = bombs.long_text_page(limit * 6 // 10)  # fits once; parsing copies it
        return figures_read(parse_page(data, "utf-8"))

    [done] = run_each(parse_big, [tmp_path / "page.html"], jobs=1, timeout=None, max_memory=limit)
    assert done.error == too_large(limit)


def test_the_corpus_pages_are_far_from_the_limits():
    pages = sorted(RAW.glob("*.html"))
    assert len(pages) == 2
    for page in pages:
        root = parse_page(page.read_bytes(), "utf-8")
        assert nesting(root) == 7
