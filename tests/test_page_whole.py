"""A saved page is whole or refused, in one line naming the check (issue 22, item 3)."""

from __future__ import annotations

import lxml.html
import pytest

from reportparse.model import DocumentError
from reportparse.readers.web.page import read_page
from reportparse.readers.web.wholeness import check_whole

from conftest import RAW, ROOT

PAGE = (RAW / "imdi-nyhet-resultater-2017.html").read_bytes()
AT = PAGE.find(b"<p", len(PAGE) // 2)  # a paragraph in mid-article, on line 72


def _refusal(data: bytes) -> str:
    with pytest.raises(DocumentError) as caught:
        read_page(data)
    return str(caught.value)


def test_a_page_cut_at_65_percent_is_refused():
    assert _refusal(PAGE[: int(len(PAGE) * 0.65)]) == (
        "page not whole: it ends without </html> (cut short?)"
    )


@pytest.mark.parametrize(
    ("inserted", "why"),
    [
        (b"<script>", "it ends inside an unclosed <script> (opened at line 72)"),
        (b"<style>", "it ends inside an unclosed <style> (opened at line 72)"),
        (b"<textarea>", "it ends inside an unclosed <textarea> (opened at line 72)"),
        (b"<!--", "it ends inside an unclosed comment (<!-- at line 72)"),
        (b"<title>", "an unclosed <title> (line 72) swallows the page up to a </div>"),
    ],
)
def test_an_article_ending_inside_raw_text_or_a_comment_is_refused(inserted, why):
    assert _refusal(PAGE[:AT] + inserted + PAGE[AT:]) == f"page not whole: {why}"


def test_an_element_left_open_is_refused():
    page = b"<html><body><article><p>I 2024 var 100 personer i arbeid.</p></body></html>"
    assert _refusal(page) == "page not whole: <article> opened at line 1 is never closed"
    inside = PAGE[:AT] + b"<div>" + PAGE[AT:]
    # an end tag closes the innermost element of its name: the one left without is the
    # <div> around the inserted one, opened on line 68
    assert _refusal(inside) == "page not whole: <div> opened at line 68 is never closed"
    at_the_end = b"<html><body><p>I 2024 var 100 personer i arbeid.</p><div></html>"
    assert _refusal(at_the_end) == "page not whole: <div> opened at line 1 is never closed"


def test_elements_whose_end_tag_html_leaves_out_are_no_reason():
    page = (
        b"<html><body><article><p>I 2024 var 100 personer i arbeid.<ul><li>en<li>to</ul>"
        b"<table><tr><td>1<td>2</table><br><img src=x></article></body></html>\n<!-- x -->\n"
    )
    first = read_page(page).paragraphs[0]
    assert first.text == "I 2024 var 100 personer i arbeid."


def test_a_parser_that_read_less_than_the_page_holds_is_caught():
    """The fourth check, alone: the parsed document holds a third of the text (as a parser
    stopping early without a word would leave it)."""
    whole = PAGE.decode("utf-8")
    third = lxml.html.document_fromstring(PAGE[: len(PAGE) // 3] + b"</html>")
    with pytest.raises(DocumentError) as caught:
        check_whole(PAGE, third, whole)
    assert str(caught.value).startswith("page not whole: the HTML parser read ")
    assert str(caught.value).endswith("of its text, less than the 90% a whole page gives")


@pytest.mark.parametrize(
    "path",
    sorted([*RAW.glob("*.html"), *(ROOT / "tests" / "pages").glob("*.html")]),
    ids=lambda p: p.name,
)
def test_every_page_of_the_corpus_and_the_tests_is_whole(path):
    check_whole(path.read_bytes(), lxml.html.document_fromstring(path.read_bytes()),
                path.read_text(encoding="utf-8"))  # fmt: skip
