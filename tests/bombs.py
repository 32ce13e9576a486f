"""Hostile documents, built on the fly: PDF bombs, a PDF with a huge declared /Length, and web
pages past libxml2's limits. Small to build and to store, whatever size they inflate to."""

from __future__ import annotations

import zlib

MiB = 1 << 20
GiB = 1 << 30
PAGE_TEXT = b"BT /F1 12 Tf 72 720 Td (Tabell 1: 1 234 personer) Tj ET"


def pdf(page_contents: list[bytes], image: bytes | None = None) -> bytes:
    """A PDF with one page per content stream (each given as its whole stream object body:
    dictionary, ``stream``, data, ``endstream``), Helvetica as /F1, and ``image`` (an image
    XObject's body) as /Im1 when given."""
    n = len(page_contents)
    font = 3 + 2 * n
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    resources = f"/Font << /F1 {font} 0 R >>"
    if image is not None:
        resources += f" /XObject << /Im1 {font + 1} 0 R >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
    ]
    for i, content in enumerate(page_contents):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << {resources} >> >>".encode()
        )
        objects.append(content)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    if image is not None:
        objects.append(image)
    return written(objects)


def written(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the first the catalogue) with its
    cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, filters: str = "", length: int | None = None) -> bytes:
    """A stream object's body; ``length`` overrides the true /Length."""
    declared = len(data) if length is None else length
    head = f"<< /Length {declared}{' /Filter ' + filters if filters else ''} >>"
    return head.encode() + b"\nstream\n" + data + b"\nendstream"


def text_pdf() -> bytes:
    """A plain one-page PDF with a line of text: what the bombs are compared with."""
    return pdf([stream(PAGE_TEXT)])


def zeros_deflated(size: int) -> bytes:
    """A zlib stream that inflates to ``size`` zero bytes, built without compressing them:
    one deflated MiB (dictionary reset at its end, so it stands alone) repeated, then the
    rest and the Adler-32 of ``size`` zeros (a = 1, b = size mod 65521)."""
    whole, rest = divmod(size, MiB)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(MiB)) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(bytes(rest)) + c.flush(zlib.Z_FINISH)
    adler = ((size % 65521) << 16) | 1
    return b"\x78\xda" + block * whole + tail + adler.to_bytes(4, "big")


def inflating_pdf(size: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``size`` bytes through two
    FlateDecode filters: a few KiB on disk for hundreds of MiB, about 10 KiB for 9 GiB."""
    inner = zeros_deflated(size)
    outer = zlib.compress(inner, 9)
    return pdf([stream(outer, "[/FlateDecode /FlateDecode]")])


def huge_length_pdf(declared: int = 10**12) -> bytes:
    """A one-page text PDF whose content stream declares ``declared`` bytes; the true
    stream is a few dozen bytes."""
    return pdf([stream(PAGE_TEXT, length=declared)])


def scan_pdf() -> bytes:
    """A one-page PDF that is an image only (one grey pixel drawn over the page): a scan."""
    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
    image += b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
    return pdf([stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q")], image=image)


def figures(n: int = 20) -> str:
    """``n`` paragraphs, each with one key figure."""
    return "".join(f"<p>I {2000 + i} var {100 + i} personer i arbeid.</p>" for i in range(n))


def nested_page(depth: int = 10_000, n: int = 20) -> bytes:
    """A web page whose article sits inside ``depth`` nested ``<div>``s."""
    article = "<div>" * depth + figures(n) + "</div>" * depth
    return _page(article)


def long_text_page(size: int = 11 * MiB, n: int = 20) -> bytes:
    """A web page with one text node of ``size`` bytes before its ``n`` key figures."""
    return _page("<p>" + "x" * size + "</p>" + figures(n))


def _page(article: str) -> bytes:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Resultater</title></head>"
        f"<body><main>{article}</main></body></html>"
    ).encode()
