"""Open a PDF safely: every way a file can be unreadable becomes one clear reason.

The document is parsed once, by PDFium (pypdfium2); ``objects.py`` reads each page's
characters, paths and images from it, and ``layout.py`` makes them the page's layout.
"""

from __future__ import annotations

import os
import resource

import pypdfium2 as pdfium

from ...model import DocumentError
from ...specs.settings import FILE, LAYOUT, FileSettings, LayoutSettings
from .layout import PageLayout, build_page_layout
from .objects import read_page
from .streams import damaged_contents, inflating_beyond

PASSWORD_ERRORS = (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY)


def _cause(exc: BaseException) -> BaseException:
    seen = exc
    while seen.__cause__ is not None or seen.__context__ is not None:
        seen = seen.__cause__ or seen.__context__
    return seen


def header_offset(data: bytes, settings: FileSettings = FILE) -> int | None:
    """Where the ``%PDF-`` header starts, if it starts within the header window (readers
    accept bytes before it: a mail or web server's leftovers), else None."""
    at = data.find(b"%PDF-", 0, settings.header_window)
    return None if at < 0 else at


def open_pdf(data: bytes, settings: FileSettings = FILE) -> pdfium.PdfDocument:
    """A PDFium document, or DocumentError naming why the bytes are not a readable PDF."""
    if not data:
        raise DocumentError("empty file (0 bytes)")
    if header_offset(data, settings) is None:
        raise DocumentError("not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-settings.eof_window :]:
        raise DocumentError("truncated PDF (the end-of-file marker is missing)")
    left = memory_left()
    if left is not None and inflating_beyond(data, int(left * settings.inflate_share), settings):
        raise MemoryError("a stream inflates beyond the memory left")  # reported as too large
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in PASSWORD_ERRORS:
            raise DocumentError("encrypted PDF (a password is needed to read it)") from None
        raise DocumentError(f"corrupt PDF ({_reason(exc)})") from None
    if len(pdf) == 0:
        pdf.close()
        raise DocumentError("corrupt PDF (no pages)")
    try:  # PDFium recovers a stream whose /Length is wrong; the file is damaged all the same
        damage = damaged_contents(data, settings)
    except MemoryError:
        pdf.close()
        raise
    if damage:
        pdf.close()
        raise DocumentError(f"corrupt PDF ({damage})")
    return pdf


def memory_left() -> int | None:
    """Bytes of address space this process may still take (its RLIMIT_AS less what it
    has), or None where it has no limit."""
    limit, _ = resource.getrlimit(resource.RLIMIT_AS)
    if limit == resource.RLIM_INFINITY:
        return None
    with open("/proc/self/statm", "rb") as f:
        pages = int(f.read().split()[0])
    return max(0, limit - pages * os.sysconf("SC_PAGE_SIZE"))


def _reason(exc: pdfium.PdfiumError) -> str:
    """PDFium's reason, e.g. ``PdfiumError: Failed to load document (PDFium: Data format
    error).`` as ``data format error``."""
    text = str(exc)
    if "(PDFium: " in text:
        text = text.split("(PDFium: ", 1)[1].rstrip(").").strip()
    return text[:1].lower() + text[1:]


def page_layouts(
    pdf: pdfium.PdfDocument, settings: LayoutSettings = LAYOUT, pages: set[int] | None = None
) -> list[PageLayout]:
    """The layout of every page (of ``pages`` only, numbered from 1, where given)."""
    count = len(pdf)
    if pages is not None and not pages & set(range(1, count + 1)):
        wanted = ", ".join(str(n) for n in sorted(pages))
        raise DocumentError(f"no page {wanted} (the document has {count} pages)")
    layouts = []
    for number in range(1, count + 1):
        if pages is not None and number not in pages:
            continue
        try:
            page = pdf[number - 1]
            try:
                layouts.append(build_page_layout(read_page(page, settings), number, settings))
            finally:
                page.close()
        except Exception as exc:
            cause = _cause(exc)
            if isinstance(cause, MemoryError):
                raise cause from None
            raise DocumentError(
                f"corrupt PDF (page {number} cannot be read: {type(cause).__name__})"
            ) from None
    if not any(layout.segments for layout in layouts):
        raise DocumentError("no text layer (the pages are images only; a scan?)")
    return layouts


def metadata(pdf: pdfium.PdfDocument) -> tuple[str, str]:
    """Title and creation date from the document information dictionary."""
    info = pdf.get_metadata_dict(skip_empty=True)
    return info.get("Title", ""), info.get("CreationDate", "")
