"""A PDF page as PDFium reads it: every character, path and image, in page coordinates.

This is the one place that parses a PDF's content (with pypdfium2, the Python binding of
PDFium, Chrome's PDF library). It gives a page as ``PageObjects``: plain records in the
coordinates the engine uses (points, x from the left, ``top``/``bottom`` from the top of the
page as shown), so that ``layout.py`` builds its ``PageLayout`` without knowing the library.

* A character has its box, font size and name, fill colour, the angle of its baseline,
  its baseline (``baseline``: y from the top) and ``upright``. Its box is the glyph's
  advance (the width the font gives it) by the font size, standing on the baseline: the
  em box, the same for every font, so that glyphs of one line share their bottom whatever
  the descent a font declares. A ligature PDFium spells as several characters at one
  origin (``ﬁ`` as ``f`` and ``i``) is one character of two letters, as printed (a
  right-to-left one's letters in the order seen, right to left, as its line's); a line-end
  hyphen (which PDFium reports as U+0002) is ``-``; the spaces and line breaks PDFium adds
  between text objects are not characters of the page (a space the page draws where PDFium
  puts such a line break is lost with it: PDFium lists neither). A glyph the font gives no
  width by its text (a Type 3 font's) is as wide as the way to the next glyph; a letter of a
  right-to-left script is as wide as PDFium's loose box of its glyph.
* A path is split into its subpaths (one per ``m``) and each is a ``rect`` (four
  axis-parallel sides, closed), a ``line`` (one segment) or a ``curve`` (anything else),
  with its points (the end point of each segment), fill and stroke colours (RGB in 0..1,
  only where the path is filled or stroked), line width and transform. A path that a
  clipping path hides whole is left out.
* An image has its box.

Form XObjects are entered: their objects come out in page coordinates. A page that
``/Rotate`` turns is given as shown (turned), as PDF viewers show it.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ...specs.settings import LAYOUT, LayoutSettings
from .direction import RIGHT_TO_LEFT

Matrix = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f (PDF's order)
Bounds = tuple[float, float, float, float]  # x0, top, x1, bottom (or x0, y0, x1, y1)
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
HYPHEN = "\x02"  # PDFium's code for a hyphen that ends a line
LIGATURES = {  # letters PDFium spells out of one ligature glyph, and the ligature's code
    "ff": "\ufb00",
    "fi": "\ufb01",
    "fl": "\ufb02",
    "ffi": "\ufb03",
    "ffl": "\ufb04",
    "ft": "\ufb05",
    "st": "\ufb06",
}
RECT_SHAPES = ("mlllh", "mllll")  # a rectangle's path: four sides, closed or back to start
LINE_SHAPES = ("mlh", "ml")  # one segment (closed or not)
CLOSING_SIDE = "lh"  # a side back to the start, then "close": the side is drawn twice
FULL_TURN = 360
QUARTER_TURNS = (90, 270)  # a /Rotate that swaps the page's width and height
CHANNEL = 255  # PDFium gives a colour's components as 0..255
BEZIER_POINTS = 3  # PDFium spells a curve as three segments: two control points, the end
COLOURS = ("r", "g", "b", "a")
UNIT_SQUARE = ((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0))  # an image, in its own space


TURNS = {  # the page turned clockwise by its /Rotate, as a matrix (a, b, c, d)
    0: (1.0, 0.0, 0.0, 1.0),
    90: (0.0, -1.0, 1.0, 0.0),
    180: (-1.0, 0.0, 0.0, -1.0),
    270: (0.0, 1.0, -1.0, 0.0),
}


def _shown(rotation: int, box: Bounds) -> Matrix:
    """The matrix that shows a page with the media box ``box`` (x0, y0, x1, y1) turned by
    ``rotation``, its lower left corner at (0, 0)."""
    a, b, c, d = TURNS.get(rotation, TURNS[0])
    x0, y0, x1, y1 = box
    corners = [(a * x + c * y, b * x + d * y) for x in (x0, x1) for y in (y0, y1)]
    return (a, b, c, d, -min(x for x, _ in corners), -min(y for _, y in corners))


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str
    upright: bool
    angle: float  # degrees, anticlockwise, of the baseline against the page's x axis
    baseline: float  # the y of the origin, from the top
    matrix: Matrix  # the text matrix on the page (font size not included)
    colour: tuple[float, float, float] | None  # fill colour, RGB in 0..1


@dataclass
class Path:
    kind: str  # "rect", "line" or "curve"
    x0: float
    x1: float
    top: float
    bottom: float
    pts: list[tuple[float, float]]  # (x, top) of each segment's end point
    fill: bool
    stroke: bool
    non_stroking_color: tuple[float, float, float] | None  # the fill colour where filled
    stroking_color: tuple[float, float, float] | None  # the stroke colour where stroked
    linewidth: float
    matrix: Matrix  # the path's transform onto the page


@dataclass
class Image:
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class PageObjects:
    """One page's characters, paths and images, and its size as shown."""

    width: float
    height: float
    rotation: int
    chars: list[Char] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)

    @property
    def rects(self) -> list[Path]:
        return [p for p in self.paths if p.kind == "rect"]

    @property
    def lines(self) -> list[Path]:
        return [p for p in self.paths if p.kind == "line"]

    @property
    def curves(self) -> list[Path]:
        return [p for p in self.paths if p.kind == "curve"]


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (row vectors, as PDF writes its matrices)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


class _Page:
    """One page's geometry: from PDF user space to the page as shown, top down."""

    def __init__(self, page: pdfium.PdfPage, settings: LayoutSettings):
        self.settings = settings
        x0, y0, x1, y1 = (self.clean(v) for v in page.get_mediabox())
        x0, x1 = sorted((x0, x1))
        y0, y1 = sorted((y0, y1))
        self.rotation = page.get_rotation() % FULL_TURN
        self.ctm: Matrix = _shown(self.rotation, (x0, y0, x1, y1))
        turned = self.rotation in QUARTER_TURNS
        self.width = (y1 - y0) if turned else (x1 - x0)
        self.height = (x1 - x0) if turned else (y1 - y0)

    def clean(self, v: float) -> float:
        """A coordinate without the noise of PDFium's 32-bit arithmetic."""
        return round(v, self.settings.coordinate_digits)

    def point(self, x: float, y: float, m: Matrix | None = None) -> tuple[float, float]:
        """(x, y) in the space ``m`` maps to user space (user space itself where None), on
        the page shown: (x, top)."""
        a, b, c, d, e, f = self.ctm if m is None else multiply(m, self.ctm)
        digits = self.settings.coordinate_digits
        return (round(a * x + c * y + e, digits), round(self.height - (b * x + d * y + f), digits))

    def points(self, xys: list[tuple[float, float]], m: Matrix) -> list[tuple[float, float]]:
        """``point`` of each (x, y), the matrices multiplied once."""
        a, b, c, d, e, f = multiply(m, self.ctm)
        digits, h = self.settings.coordinate_digits, self.height
        return [(round(a * x + c * y + e, digits), round(h - (b * x + d * y + f), digits))
                for x, y in xys]  # fmt: skip


def _matrix(obj) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _colour(getter, *where) -> tuple[float, float, float] | None:
    """A colour from one of PDFium's getters (``where`` names the object), RGB in 0..1."""
    r, g, b, a = (ctypes.c_uint() for _ in COLOURS)
    if not getter(*where, r, g, b, a):
        return None  # a pattern or shading: no one colour
    return (r.value / CHANNEL, g.value / CHANNEL, b.value / CHANNEL)


def read_page(page: pdfium.PdfPage, settings: LayoutSettings = LAYOUT) -> PageObjects:
    """The characters, paths and images of one page."""
    geometry = _Page(page, settings)
    out = PageObjects(geometry.width, geometry.height, geometry.rotation)
    out.chars = _chars(page, geometry)
    _walk(page, geometry, out)
    return out


def _fontname(font) -> str:
    size = raw.FPDFFont_GetBaseFontName(font, None, 0) if font else 0
    buffer = ctypes.create_string_buffer(max(size, 1))
    if size:
        raw.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("utf-8", "replace")


def _chars(page: pdfium.PdfPage, g: _Page) -> list[Char]:
    textpage = raw.FPDFText_LoadPage(page.raw)
    try:
        return _read_chars(textpage, g)
    finally:
        raw.FPDFText_ClosePage(textpage)


# a character as PDFium's text page lists it: (text, x, y, key, index, obj): its origin,
# the address of its text object (``key``), its index on the text page and its text object.
# Plain tuples: a page of ICDAR 2013 has thousands of characters, read in one pass.
_Found = tuple[str, float, float, bytes, int, object]


def _read_chars(textpage, g: _Page) -> list[Char]:
    x, y = ctypes.c_double(), ctypes.c_double()
    text_object, unicode = raw.FPDFText_GetTextObject, raw.FPDFText_GetUnicode
    origin = raw.FPDFText_GetCharOrigin
    found: list[_Found] = []
    for i in range(raw.FPDFText_CountChars(textpage)):
        obj = text_object(textpage, i)
        if not obj:  # a space or line break PDFium adds between text objects
            continue
        code = unicode(textpage, i)
        origin(textpage, i, x, y)
        found.append((chr(code), x.value, y.value, bytes(obj), i, obj))
    styles: dict = {}  # the font, size, matrix and colour of each text object

    def style_of(key: bytes, index: int, obj) -> _Style:
        if key not in styles:
            styles[key] = _Style(textpage, index, obj, g)
        return styles[key]

    widths: dict = {}
    chars = []
    width = ctypes.c_float()
    k, n = 0, len(found)
    while k < n:
        text, ox, oy, key, index, obj = found[k]
        j = k + 1  # the letters of one ligature share the object and the origin
        while j < n and found[j][1] == ox and found[j][2] == oy and found[j][3] == key:
            j += 1
        if text.isspace() and j > k + 1:  # a space drawn where the next glyph is drawn takes
            chars.append(style_of(key, index, obj).char(text, ox, oy, 0.0, g))  # no room and
            k += 1  # is no letter of a ligature: "1" of " 1" keeps its own width
            continue
        if j > k + 1 or text == HYPHEN:
            letters = [f[0] for f in found[k:j]]
            if RIGHT_TO_LEFT.match(text):  # a right-to-left ligature (lam-alef), in the
                letters.reverse()  # order it is seen in, as the rest of its line
            text = "".join(letters).replace(HYPHEN, "-")
        k = j
        style = style_of(key, index, obj)
        if RIGHT_TO_LEFT.match(text):  # its glyph's own width: see _drawn_width
            advance = _drawn_width(textpage, index, style, ox, oy, text, None)
            chars.append(style.char(text, ox, oy, advance, g))
            continue
        advance = widths.get((style.font_key, style.size, text))
        if advance is None:
            advance = _font_width(style, text, width)
            if advance:
                widths[(style.font_key, style.size, text)] = advance
            else:
                following = found[k] if k < n and found[k][3] == key else None
                advance = _drawn_width(textpage, index, style, ox, oy, text, following)
        chars.append(style.char(text, ox, oy, advance, g))
    return chars


def _font_width(style: _Style, text: str, width: ctypes.c_float) -> float:
    """The advance the font gives the glyph (found by its Unicode text); 0.0 if it has none
    by that text: a ligature without a Unicode code point, a Type 3 font's glyph."""
    if len(text) != 1 and text not in LIGATURES:
        return 0.0
    code = ord(text) if len(text) == 1 else ord(LIGATURES[text])
    if raw.FPDFFont_GetGlyphWidth(style.font, code, style.size, width):
        return width.value
    return 0.0


def _drawn_width(textpage, index, style: _Style, ox, oy, text, following: _Found | None) -> float:
    """The advance of a glyph the font gives no width for by its text. A ligature: the width
    PDFium gives its glyph (by its code, in the loose box). A single letter (a Type 3 font's):
    the way to the next glyph of its text object (the loose box of the last one is its
    drawing's, wider than the advance). A letter of a right-to-left script (``following``
    None): the loose box, whatever the font says by its text: PDFium gives an Arabic glyph
    drawn in its joined form as the plain letter, which is not the code the font is asked
    for, and the next glyph of the text object stands to its left, not at its end."""
    length = math.hypot(style.a, style.b)
    if not length:
        return 0.0
    if len(text) == 1 and following is not None:
        return ((following[1] - ox) * style.a + (following[2] - oy) * style.b) / length**2
    rect = raw.FS_RECTF()
    raw.FPDFText_GetLooseCharBox(textpage, index, rect)
    return (rect.right - ox) / style.a if style.a else 0.0


class _Style:
    """What the characters of one text object share: font, size, matrix, fill colour."""

    def __init__(self, textpage, index: int, obj, g: _Page):
        self.font = raw.FPDFTextObj_GetFont(obj)
        self.font_key = bytes(self.font)
        size = ctypes.c_float()
        raw.FPDFTextObj_GetFontSize(obj, size)
        self.size = size.value
        self.fontname = _fontname(self.font)
        m = raw.FS_MATRIX()
        raw.FPDFText_GetMatrix(textpage, index, m)
        self.a, self.b, self.c, self.d = m.a, m.b, m.c, m.d
        a, b, c, d, _, _ = multiply((m.a, m.b, m.c, m.d, 0.0, 0.0), g.ctm)
        self.shown = (a, b, c, d)
        vx, vy = c * self.size, d * self.size  # up the glyph: its lower and upper reach
        self.up = (min(0.0, vx), max(0.0, vx), min(0.0, vy), max(0.0, vy))
        self.upright = a * d > 0 and b * c <= 0
        self.angle = math.degrees(math.atan2(b, a)) % FULL_TURN if (a or b) else 0.0
        self.colour = _colour(raw.FPDFText_GetFillColor, textpage, index)

    def char(self, text: str, ox: float, oy: float, advance: float, g: _Page) -> Char:
        """The character at origin (ox, oy): its em box, ``advance`` wide, on the baseline."""
        a, b, c, d, e, f = g.ctm
        x, y = a * ox + c * oy + e, b * ox + d * oy + f  # the origin on the page shown
        sa, sb, sc, sd = self.shown
        ux, uy = sa * advance, sb * advance  # along the baseline
        v_low_x, v_high_x, v_low_y, v_high_y = self.up
        digits = g.settings.coordinate_digits
        h = g.height
        top = round(h - (y + (uy if uy > 0.0 else 0.0) + v_high_y), digits)
        bottom = round(h - (y + (uy if uy < 0.0 else 0.0) + v_low_y), digits)
        baseline = round(h - y, digits)
        return Char(
            text,
            round(x + (ux if ux < 0.0 else 0.0) + v_low_x, digits),
            round(x + (ux if ux > 0.0 else 0.0) + v_high_x, digits),
            top,
            bottom,
            bottom - top,
            self.fontname,
            self.upright,
            self.angle,
            baseline,
            (sa, sb, sc, sd, round(x, digits), baseline),
            self.colour,
        )


def _walk(page: pdfium.PdfPage, g: _Page, out: PageObjects) -> None:
    def visit(obj, outer: Matrix) -> None:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            inner = multiply(_matrix(obj), outer)
            for i in range(raw.FPDFFormObj_CountObjects(obj)):
                visit(raw.FPDFFormObj_GetObject(obj, i), inner)
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            out.paths.extend(_paths(obj, multiply(_matrix(obj), outer), outer, g))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            out.images.append(_image(multiply(_matrix(obj), outer), g))

    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        visit(raw.FPDFPage_GetObject(page.raw, i), IDENTITY)


def _image(m: Matrix, g: _Page) -> Image:
    x0, top, x1, bottom = _bounds([g.point(x, y, m) for x, y in UNIT_SQUARE])
    return Image(x0=x0, x1=x1, top=top, bottom=bottom)


def _paths(obj, m: Matrix, outer: Matrix, g: _Page) -> list[Path]:
    """The painted subpaths of a path object, as pdfminer splits and names them."""
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, fillmode, stroke):
        return []
    fill, stroke_ = fillmode.value != raw.FPDF_FILLMODE_NONE, bool(stroke.value)
    if not fill and not stroke_:
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    # each subpath: its shape's letters (m, l, c, h) and its points, grown in place
    subpaths: list[tuple[list[str], list[tuple[float, float]]]] = []
    pending_curve = 0
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append((["m"], [point]))
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:  # three segments, one curve to the third
            pending_curve = (pending_curve + 1) % BEZIER_POINTS
            if pending_curve:
                continue
            subpaths[-1][0].append("c")
            subpaths[-1][1].append(point)
        else:
            subpaths[-1][0].append("l")
            subpaths[-1][1].append(point)
        if raw.FPDFPathSegment_GetClose(segment):
            letters, points = subpaths[-1]
            letters.append("h")
            points.append(points[0])
    fill_colour = _colour(raw.FPDFPageObj_GetFillColor, obj) if fill else None
    stroke_colour = _colour(raw.FPDFPageObj_GetStrokeColor, obj) if stroke_ else None
    width = ctypes.c_float()
    linewidth = width.value if raw.FPDFPageObj_GetStrokeWidth(obj, width) else 0.0
    clip = _clip_box(obj, outer, g)
    out = []
    for letters, points in subpaths:
        kind, pts = _subpath("".join(letters), g.points(points, m))
        box = _bounds(pts)
        if clip is not None and _outside(box, clip, g.settings.clip_slack):
            continue  # hidden whole by the clipping path
        x0, top, x1, bottom = box
        out.append(
            Path(
                kind=kind,
                x0=x0,
                top=top,
                x1=x1,
                bottom=bottom,
                pts=pts,
                fill=fill,
                stroke=stroke_,
                non_stroking_color=fill_colour,
                stroking_color=stroke_colour,
                linewidth=linewidth,
                matrix=m,
            )
        )
    return out


def _subpath(shape: str, pts: list[tuple[float, float]]) -> tuple[str, list]:
    """A subpath as a rect, a line or a curve, with its points."""
    if shape.endswith(CLOSING_SIDE) and shape not in LINE_SHAPES and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"  # a closing side drawn twice: once is enough
        pts = pts[:-2] + pts[-1:]
    if shape in LINE_SHAPES:
        first, second, *_ = pts
        return "line", [first, second]
    if shape in RECT_SHAPES:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), end = pts
        closed = (x0, y0) == end
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            return "rect", [(x0, y0), (x2, y0), (x2, y2), (x0, y2)]
    return "curve", pts  # a lone move too, a curve of one point, as pdfminer has it


def _clip_box(obj, outer: Matrix, g: _Page) -> tuple[float, float, float, float] | None:
    """The box that the object's clipping paths leave visible, on the page shown (the
    clipping paths are in the space of the object's form, ``outer`` maps it to the page)."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    box = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFClipPath_CountPaths(clip)):
        pts = []
        for j in range(raw.FPDFClipPath_CountPathSegments(clip, i)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, i, j)
            if raw.FPDFPathSegment_GetPoint(segment, x, y):
                pts.append(g.point(x.value, y.value, outer))
        if not pts:
            continue
        one = _bounds(pts)
        box = one if box is None else _intersect(box, one)
    return box


def _bounds(pts: list[tuple[float, float]]) -> Bounds:
    xs = [x for x, _ in pts]
    tops = [top for _, top in pts]
    return (min(xs), min(tops), max(xs), max(tops))


def _intersect(a: Bounds, b: Bounds) -> Bounds:
    (ax0, atop, ax1, abottom), (bx0, btop, bx1, bbottom) = a, b
    return (max(ax0, bx0), max(atop, btop), min(ax1, bx1), min(abottom, bbottom))


def _outside(box: Bounds, clip: Bounds, slack: float) -> bool:
    x0, top, x1, bottom = box
    cx0, ctop, cx1, cbottom = clip
    return x1 < cx0 - slack or x0 > cx1 + slack or bottom < ctop - slack or top > cbottom + slack
