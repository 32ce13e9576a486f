"""Content streams that cannot be read as declared: a damaged PDF.

A stream's data is as long as its declared /Length. When the /Length runs past the object
(up to a huge one, past the end of the file) or stops short of it, the stream's data does
not end where ``endstream`` is, which is what is checked here, page by page. PDFium then
guesses: it reads to the next ``endstream`` and shows the page whole or in part, where
pdfminer showed an empty page; either way the file is damaged, and what a reader makes of
it is not what was published, so it is refused.

Only the file's structure is read here, with pdfminer's parser (the cross-reference table,
the page tree, each content stream's dictionary), never a content stream's operators:
PDFium has no access to a stream's declared /Length.
"""

from __future__ import annotations

import io
import logging
import re
import zlib

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import KWD, LIT, PSEOF, PSBaseParser

from ...specs.settings import FILE, FileSettings

# pdfminer logs every recoverable oddity at warning level; the caller reports real failures
logging.getLogger("pdfminer").setLevel(logging.ERROR)

STREAM = KWD(b"stream")
R = KWD(b"R")
LENGTH = LIT("Length")
WHITESPACE = b"\x00\t\n\x0c\r "  # PDF's white-space characters (ISO 32000-1, 7.2.2)


def damaged_contents(data: bytes, settings: FileSettings = FILE) -> str | None:
    """Why the first damaged content stream of the PDF ``data`` cannot be read, in one line;
    None when every page's content is as declared, or when the structure cannot be read
    (no evidence of damage: PDFium's reading decides)."""
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = list(PDFPage.create_pages(doc))
    except MemoryError:
        raise
    except Exception:  # pdfminer raises many kinds
        return None
    for number, page in enumerate(pages, 1):
        for ref in content_refs(page.attrs.get("Contents")):
            try:
                problem = _problem(doc, data, ref, settings)
            except MemoryError:
                raise
            except Exception:
                problem = None
            if problem:
                return f"page {number}: its content stream (object {ref.objid}) {problem}"
    return None


FLATE = re.compile(rb"/(?:FlateDecode|Fl)(?![A-Za-z])")  # the filter that makes bombs
STREAM_START = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
OBJECT_START = re.compile(rb"\d+\s+\d+\s+obj\b")
ENDSTREAM = b"endstream"
DEFLATE_RATIO = 1032  # deflate's most: one byte in never gives more than 1032 out (RFC 1951)


def inflating_beyond(data: bytes, budget: int, settings: FileSettings = FILE) -> bool:
    """Whether a stream of the PDF ``data`` inflates to more than ``budget`` bytes. PDFium
    inflates a page's streams as it parses them and, when memory runs out, aborts the
    process rather than fail; a stream too large for the memory left is told here, before
    PDFium sees it. Each stream is found in the bytes (``<< ... >> stream``, up to
    ``endstream``; a stream is never inside an object stream); one whose Flate filters
    cannot reach the budget even at deflate's highest ratio is passed at once, any other
    is inflated a chunk at a time and counted, nothing kept."""
    for match in STREAM_START.finditer(data):
        head_start = max(0, match.start() - settings.stream_dict_window)
        heads = list(OBJECT_START.finditer(data, head_start, match.start()))
        head = data[heads[-1].end() if heads else head_start : match.start()]
        layers = len(FLATE.findall(head))
        if not layers:
            continue
        end = data.find(ENDSTREAM, match.end())
        body = data[match.end() : end if end >= 0 else len(data)]
        if len(body) * DEFLATE_RATIO**layers > budget and _inflates_beyond(
            body, layers, budget, settings
        ):
            return True
    return False


def _inflates_beyond(body: bytes, layers: int, budget: int, settings: FileSettings) -> bool:
    chain = [zlib.decompressobj() for _ in range(layers)]
    total = 0

    def push(level: int, chunk: bytes) -> bool:
        nonlocal total
        if level == len(chain):
            total += len(chunk)
            return total > budget
        inflater = chain[level]
        while chunk:
            out = inflater.decompress(chunk, settings.inflate_chunk)
            chunk = inflater.unconsumed_tail
            if push(level + 1, out):
                return True
            if not out:
                break
        return False

    try:
        return push(0, body)
    except zlib.error:
        return False  # not Flate data as read here (encrypted, damaged): PDFium decides


def content_refs(contents) -> list[PDFObjRef]:
    """The indirect content streams of a page's /Contents (a stream or an array of them)."""
    if isinstance(contents, PDFObjRef):
        resolved = resolve1(contents)
        if isinstance(resolved, list):
            contents = resolved
        else:
            return [contents]
    if isinstance(contents, list):
        return [c for c in contents if isinstance(c, PDFObjRef)]
    return []


def _problem(doc, data: bytes, ref: PDFObjRef, settings: FileSettings) -> str | None:
    stream = resolve1(ref)
    if stream is not None and not isinstance(stream, PDFStream):
        return "is not a stream"
    start, written = _stream_start(doc, data, ref.objid, settings)
    declared = written if stream is None else resolve1(stream.attrs.get("Length"))
    if start is not None and isinstance(declared, int):
        if declared > len(data):
            return f"declares /Length {declared}, more than the whole file ({len(data)} bytes)"
        after = data[start + declared :][: settings.endstream_window]
        if not after.lstrip(WHITESPACE).startswith(b"endstream"):
            return f"declares /Length {declared}, which does not end at 'endstream'"
    return None if stream is not None else "cannot be read"


def _stream_start(
    doc, data: bytes, objid: int, settings: FileSettings
) -> tuple[int | None, int | None]:
    """Where the object's stream data begins in ``data``, and its /Length when written in
    the dictionary as a number; (None, None) if the object is not found."""
    offset = _offset(doc, objid)
    if offset is None:
        return None, None
    parser = PSBaseParser(io.BytesIO(data))
    parser.seek(offset)
    tokens = []
    try:
        for _ in range(settings.stream_header_tokens):
            pos, token = parser.nexttoken()
            if token is STREAM:
                break
            tokens.append(token)
        else:
            return None, None
    except PSEOF:
        return None, None
    start = pos + len(b"stream")
    start += 2 if data[start : start + 2] == b"\r\n" else 1  # the end-of-line after "stream"
    return start, _length(doc, tokens)


def _length(doc, tokens: list) -> int | None:
    """The /Length among a dictionary's tokens: ``/Length 12`` or ``/Length 12 0 R``."""
    for i, token in enumerate(tokens[:-1]):
        value = tokens[i + 1]
        if token is not LENGTH or not isinstance(value, int):
            continue
        rest = tokens[i + 2 :]
        if len(rest) > 1 and isinstance(rest[0], int) and rest[1] is R:  # an indirect length
            resolved = resolve1(PDFObjRef(doc, value))
            return resolved if isinstance(resolved, int) else None
        return value
    return None


def _offset(doc, objid: int) -> int | None:
    for xref in doc.xrefs:
        try:
            stream_id, index, _ = xref.get_pos(objid)
        except KeyError:
            continue
        return index if stream_id is None else None  # a stream is never in an object stream
    return None
