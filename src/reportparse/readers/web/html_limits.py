"""Parse a saved web page whole, or say why not: never a page cut short in silence.

libxml2 stops at its own limits (256 levels of nesting, 10 MB in one text node or
attribute) and, in lxml's recovering HTML parser, returns what it had read by then with
an entry in the parser's error log. A saved page may embed images as data: URIs of more
than 10 MB, so the page is parsed with ``huge_tree`` (2048 levels, 1 GB), its error log
is read, and a page nested deeper than the reader goes is refused before it is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ...model import DocumentError


@dataclass(frozen=True)
class PageLimits:
    """What a page may be, each with the reason for its value."""

    # libxml2's caps lifted to 2048 levels and 1 GB per text node: saved pages embed images
    huge_tree: bool = True
    # the corpus pages nest 7 levels; the article reader recurses once or twice per level
    # and Python stops at 1000 frames (500 nested <span>s or 1000 <div>s reach it)
    max_depth: int = 256


LIMITS = PageLimits()
_HINT = re.compile(r",? (use|try) XML_PARSE_HUGE( option)?", re.I)


def parse_page(data: bytes, encoding: str | None = None, limits: PageLimits = LIMITS):
    """The page's root element; DocumentError if the parser could not read all of it,
    MemoryError if it ran out of memory (reported as too large by the worker)."""
    parser = lxml.html.HTMLParser(encoding=encoding, huge_tree=limits.huge_tree)
    try:
        doc = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        stopped(parser.error_log)
        raise DocumentError(f"not a readable HTML page ({exc})") from None
    stopped(parser.error_log)
    depth = nesting(doc)
    if depth > limits.max_depth:
        raise DocumentError(
            f"page not read whole: its elements nest {depth} levels deep, "
            f"more than the {limits.max_depth} read"
        )
    return doc


def stopped(log) -> None:
    """Raise if the parser's error log says it stopped before the end of the page."""
    for e in log:
        if e.type_name == "ERR_NO_MEMORY":
            raise MemoryError("the HTML parser ran out of memory")
    for e in log:
        if e.level_name == "FATAL" or e.type_name == "ERR_RESOURCE_LIMIT":
            reason = " ".join(_HINT.sub("", e.message).split()).rstrip(".")  # one line
            raise DocumentError(
                f"page not read whole: the HTML parser stopped at line {e.line} ({reason})"
            )


def nesting(root) -> int:
    """The depth of the deepest element under ``root`` (``root`` itself is level 1)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest
