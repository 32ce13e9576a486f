"""A saved page is whole or refused: an interrupted download or a page that breaks off
inside a script, a text area or a comment never passes as read.

libxml2's recovering HTML parser reads a truncated page without a word: a page cut at 65 %
gives the first part of the article, and an unclosed ``<script>``, ``<style>``,
``<textarea>`` or ``<!--`` swallows the rest of it. So the bytes are read a second time
by another tokenizer (the standard library's ``html.parser``) and four checks must hold;
the first that fails is the one line the document fails with:

1. the page ends with the document's end tag (``</html>``, then only white space or
   comments);
2. the article does not end inside an unclosed raw-text element (script, style, textarea,
   title, ...) or comment;
3. no element whose end tag HTML requires (a ``div``, a ``table``, an ``article``) is left
   open by the end of input;
4. the parsed document holds nearly all the text the page's bytes hold (PageWholeness).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ...model import DocumentError

# Elements with no end tag, and those whose end tag HTML lets a page leave out.
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen", "image", "isindex",
    "nextid", "spacer",
})  # fmt: skip
OPTIONAL_END = frozenset({
    "html", "head", "body", "p", "li", "dt", "dd", "rt", "rp", "rb", "rtc", "optgroup",
    "option", "colgroup", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
})  # fmt: skip
# Elements whose content the browser and libxml2 read as text up to their end tag: left open,
# each swallows the rest of the page.
RAW_TEXT = frozenset({
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    "plaintext",
})  # fmt: skip
# Raw text that may hold markup in its strings (a script writing "</div>"): it swallowed the
# page only where it holds the end tag of one of these around it.
CODE = frozenset({"script", "style"})
STRUCTURE = frozenset({"html", "body", "main", "article", "section"})
FOREIGN = frozenset({"svg", "math"})  # their children may close themselves as XML does
_END_TAG = re.compile(rb"</html\s*>(\s|<!--.*?-->)*\Z", re.I | re.S)
_SPACE = re.compile(r"\s+")
_END_TAG_IN_TEXT = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)\s*>")


@dataclass(frozen=True)
class PageWholeness:
    # The share of the page's text (outside scripts and styles, as html.parser reads it) that
    # the parsed document must hold. Whole pages hold all of it (the corpus pages: 100 %); a
    # parser that swallowed the rest of a page into an unclosed element holds far less.
    # 90 % leaves room for the two tokenizers' differences in stray markup.
    min_text_read: float = 0.9


WHOLENESS = PageWholeness()


class _Tokens(HTMLParser):
    """Open elements, text, and where the page ends, as ``html.parser`` reads it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int]] = []  # (tag, line) of elements not yet closed
        self.text = 0  # characters of text outside scripts and styles, no white space
        self.foreign = 0  # depth inside svg or math
        self.swallowed: tuple[str, int, str] | None = None  # raw text holding an end tag
        self._raw: list[str] = []
        self.unclosed: tuple[str, int] | None = None  # the first element never closed itself

    def handle_starttag(self, tag, attrs) -> None:
        if tag in VOID or (self.foreign and tag not in FOREIGN):
            return
        if tag in FOREIGN:
            self.foreign += 1
        self.open.append((tag, self.getpos()[0]))
        if tag in RAW_TEXT and self.cdata_elem is None:
            self.set_cdata_mode(tag)  # text up to its own end tag, as a browser reads it

    def handle_endtag(self, tag) -> None:
        if tag == self.cdata_elem:
            self.clear_cdata_mode()
            self._check_swallowed(tag, "".join(self._raw))
            self._raw = []
        if tag in FOREIGN and self.foreign:
            self.foreign -= 1
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                skipped = [e for e in self.open[i + 1 :] if e[0] not in OPTIONAL_END]
                if skipped and self.unclosed is None:  # a <div> its parent's end tag closed
                    self.unclosed = skipped[-1]
                del self.open[i:]
                return

    def handle_data(self, data) -> None:
        if self.cdata_elem is None:
            self.text += len(_SPACE.sub("", data))
        else:
            self._raw.append(data)

    def _check_swallowed(self, tag: str, content: str) -> None:
        """Note a raw-text element that holds the end tag of an element open around it: its
        own end tag was missing, and it swallowed the page up to a later one."""
        around = {t for t, _ in self.open[:-1]}
        if tag in CODE:
            around &= STRUCTURE
        for m in _END_TAG_IN_TEXT.finditer(content):
            if m.group(1).lower() in around and self.swallowed is None:
                line = [n for t, n in self.open if t == tag][-1]
                self.swallowed = (tag, line, m.group(1).lower())
                return


def check_whole(data: bytes, doc, text: str, limits: PageWholeness = WHOLENESS) -> None:
    """DocumentError naming the first check ``data`` fails (``doc``: the page as lxml
    parsed it; ``text``: ``data`` decoded)."""
    tokens = _Tokens()
    tokens.feed(text)
    if tokens.cdata_elem is not None:
        tag = tokens.cdata_elem
        raise _refused(f"it ends inside an unclosed <{tag}> ({_opened(tokens, tag)})")
    comment = tokens.rawdata.find("<!--")  # what html.parser could not finish reading
    if comment >= 0 and "-->" not in tokens.rawdata[comment + 4 :]:
        at = len(text) - len(tokens.rawdata) + comment
        line = text.count("\n", 0, at) + 1
        raise _refused(f"it ends inside an unclosed comment (<!-- at line {line})")
    if not _END_TAG.search(data.rstrip(b"\0")):
        raise _refused("it ends without </html> (cut short?)")
    if tokens.swallowed:
        tag, line, end = tokens.swallowed
        raise _refused(f"an unclosed <{tag}> (line {line}) swallows the page up to a </{end}>")
    left_open = [(tag, line) for tag, line in tokens.open if tag not in OPTIONAL_END]
    if tokens.unclosed or left_open:
        tag, line = tokens.unclosed or left_open[-1]
        raise _refused(f"<{tag}> opened at line {line} is never closed")
    read = _parsed_text(doc)
    if tokens.text and read < limits.min_text_read * tokens.text:
        raise _refused(
            f"the HTML parser read {read / tokens.text:.0%} of its text, "
            f"less than the {limits.min_text_read:.0%} a whole page gives"
        )


def _opened(tokens: _Tokens, tag: str) -> str:
    lines = [line for t, line in tokens.open if t == tag]
    return f"opened at line {lines[-1]}" if lines else "opened near the end"


def _parsed_text(doc) -> int:
    """Characters of text in the parsed page outside scripts and styles, no white space."""
    n = 0
    for el in doc.iter():
        if el.tag not in ("script", "style") and isinstance(el.tag, str):
            n += len(_SPACE.sub("", el.text or ""))
        if el.getparent() is not None:
            n += len(_SPACE.sub("", el.tail or ""))
    return n


def _refused(why: str) -> DocumentError:
    return DocumentError(f"page not whole: {why}")
