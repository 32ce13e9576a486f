"""Open a PDF safely: every way a file can be unreadable becomes one clear reason."""

from __future__ import annotations

import io
import logging

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from ...model import DocumentError
from ...specs.settings import FILE, LAYOUT, FileSettings, LayoutSettings
from .layout import PageLayout, build_page_layout
from .streams import damaged_contents

# pdfminer logs every recoverable oddity at warning level; the caller reports real failures
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _cause(exc: BaseException) -> BaseException:
    seen = exc
    while seen.__cause__ is not None or seen.__context__ is not None:
        seen = seen.__cause__ or seen.__context__
    return seen


def open_pdf(data: bytes, settings: FileSettings = FILE) -> pdfplumber.PDF:
    """A pdfplumber document, or DocumentError naming why the bytes are not a readable PDF."""
    if not data:
        raise DocumentError("empty file (0 bytes)")
    if not data[: settings.header_window].lstrip().startswith(b"%PDF-"):
        raise DocumentError("not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-settings.eof_window :]:
        raise DocumentError("truncated PDF (the end-of-file marker is missing)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages
    except Exception as exc:  # pdfminer raises many kinds
        cause = _cause(exc)
        if isinstance(cause, MemoryError):  # the worker reports it as too large
            raise cause from None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(
            exc, (PDFPasswordIncorrect, PDFEncryptionError)
        ):
            raise DocumentError("encrypted PDF (a password is needed to read it)") from None
        raise DocumentError(f"corrupt PDF ({type(cause).__name__}: {cause})".strip()) from None
    if not pdf.pages:
        raise DocumentError("corrupt PDF (no pages)")
    try:  # a page whose content stream cannot be parsed would read as empty: "a scan?"
        damage = damaged_contents(pdf, data, settings)
    except Exception as exc:
        cause = _cause(exc)
        if isinstance(cause, MemoryError):
            raise cause from None
        damage = None  # the check could not be made: no evidence of damage; reading decides
    if damage:
        pdf.close()
        raise DocumentError(f"corrupt PDF ({damage})")
    return pdf


def page_layouts(
    pdf: pdfplumber.PDF, settings: LayoutSettings = LAYOUT, pages: set[int] | None = None
) -> list[PageLayout]:
    """The layout of every page (of ``pages`` only, numbered from 1, where given)."""
    if pages is not None and not pages & set(range(1, len(pdf.pages) + 1)):
        wanted = ", ".join(str(n) for n in sorted(pages))
        raise DocumentError(f"no page {wanted} (the document has {len(pdf.pages)} pages)")
    layouts = []
    for number, page in enumerate(pdf.pages, 1):
        if pages is not None and number not in pages:
            continue
        try:
            layouts.append(build_page_layout(page, number, settings))
        except Exception as exc:
            cause = _cause(exc)
            if isinstance(cause, MemoryError):
                raise cause from None
            raise DocumentError(
                f"corrupt PDF (page {number} cannot be read: {type(cause).__name__})"
            ) from None
        finally:
            page.flush_cache()
    if not any(layout.segments for layout in layouts):
        raise DocumentError("no text layer (the pages are images only; a scan?)")
    return layouts


def metadata(pdf: pdfplumber.PDF) -> tuple[str, str]:
    """Title and creation date from the document information dictionary."""
    info = pdf.metadata or {}

    def text(v) -> str:
        if isinstance(v, bytes):
            for enc in ("utf-16", "utf-8", "latin-1"):
                try:
                    return v.decode(enc)
                except UnicodeDecodeError:
                    continue
        return str(v or "")

    return text(info.get("Title")), text(info.get("CreationDate"))
