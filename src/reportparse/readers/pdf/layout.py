"""A page as glyphs, text segments and rulings.

``objects.py`` gives characters with size and position (read by PDFium). Footnote markers are
smaller glyphs raised above the baseline of the text they follow; they are
taken out of the text here (``Segment.markers``) so that "2 246" + marker "1"
never reads "2 2461".
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass, field

from ...specs.settings import LAYOUT, LayoutSettings
from .direction import RIGHT_TO_LEFT
from .geometry import Centred
from .marks import GRAY, RGB, Mark, page_marks
from .objects import PageObjects

BULLETS = "•◆▪●■►➢✓"
MARKER_TEXT = re.compile(r"^[0-9*†‡,]+$")
QUARTER, FULL_TURN = 90, 360  # degrees
QUARTER_TURNS = (90, 270)  # a page's /Rotate (degrees) that turns it from portrait to landscape
BOX_CORNERS = 4  # a box drawn as a path has its four corners
DASH_ASPECT = 0.5  # a mark at most half as thick as long runs its long way (a dash), no dot


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    sup: bool = False
    upright: bool = True  # False for a glyph set turned (an axis label, a turned head)
    angle: float = 0.0  # degrees, anticlockwise, of the glyph's baseline on the page
    font: str = ""  # the font's name
    colour: tuple[float, float, float] | None = None  # the fill colour, RGB in 0..1
    turn: int = 0  # degrees its text runs turned counter-clockwise: 0, 90, 180 or 270


@dataclass
class Marker:
    """A footnote marker: its text and the offset in the segment text it follows."""

    text: str
    offset: int


@dataclass
class Segment(Centred):
    """A run of text on one baseline, not crossing a wide gap or a ruling."""

    glyphs: list[Glyph]
    text: str
    markers: list[Marker]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool

    @property
    def upright(self) -> bool:
        return all(g.upright for g in self.glyphs)

    @property
    def lead_marker(self) -> str | None:
        """A marker printed before the text: the number of a footnote."""
        if self.markers and self.markers[0].offset == 0:
            return self.markers[0].text
        return None


@dataclass(frozen=True)
class Ruling:
    """A horizontal (``y``, from ``a`` to ``b`` in x) or vertical ruling."""

    pos: float
    a: float
    b: float


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float
    fill: tuple | None = None

    @property
    def area(self) -> float:
        return max(0.0, self.x1 - self.x0) * max(0.0, self.bottom - self.top)


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    segments: list[Segment]
    hrulings: list[Ruling]
    vrulings: list[Ruling]
    fills: list[Box]
    images: list[Box]
    drawings: list[Box] = field(default_factory=list)  # the boxes of the marks, no background
    marks: list[Mark] = field(default_factory=list)  # every path, with its colours


SPACES = str.maketrans({"\xa0": " ", "\u2009": " ", "\u202f": " "})  # read as spaces


def _glyphs(page: PageObjects, settings: LayoutSettings) -> list[Glyph]:
    out = []
    texts: dict[str, str] = {}  # what depends on the text, the font or the direction alone,
    fonts: dict[str, tuple[bool, bool]] = {}  # worked out once a page
    turns: dict[tuple, int] = {}
    digits = settings.glyph_size_digits
    for c in page.chars:
        text = c.text
        if not text:
            continue
        if (spaced := texts.get(text)) is None:
            spaced = texts[text] = text.translate(SPACES)
        font = c.fontname
        if (look := fonts.get(font)) is None:
            look = fonts[font] = (
                "Bold" in font or "Black" in font or "Heavy" in font,
                "Italic" in font or "Oblique" in font,
            )
        m = c.matrix
        direction = (m[0], m[1]) if m else ()
        if (turn := turns.get(direction)) is None:
            turn = turns[direction] = quarter_turn(m)
        out.append(
            Glyph(
                text=spaced,
                x0=c.x0,
                x1=c.x1,
                top=c.top,
                bottom=c.bottom,
                size=round(c.size, digits),
                bold=look[0],
                italic=look[1],
                upright=c.upright,
                angle=c.angle,
                font=font,
                colour=c.colour,
                turn=turn,
            )
        )
    return _once(out, settings)


def _once(glyphs: list[Glyph], settings: LayoutSettings) -> list[Glyph]:
    """The glyphs less those printed twice: a glyph of the same text, font and size as one
    before it, standing within ``overprint`` of its size of where that one stands (text
    drawn twice over itself for a heavier look would read "KK22")."""
    kept: list[Glyph] = []
    seen: dict[tuple, list[Glyph]] = {}
    for g in glyphs:
        step = settings.overprint * g.size or 1.0
        cx, cy = int(g.x0 // step), int(g.top // step)
        near = [
            other
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in seen.get((g.text, g.font, g.size, cx + dx, cy + dy), ())
        ]
        if any(abs(o.x0 - g.x0) <= step and abs(o.top - g.top) <= step for o in near):
            continue
        seen.setdefault((g.text, g.font, g.size, cx, cy), []).append(g)
        kept.append(g)
    return kept


def quarter_turn(matrix) -> int:
    """The quarter turn (0, 90, 180, 270 degrees counter-clockwise) nearest the direction a
    glyph's text matrix (a, b, c, d, e, f) runs its text in; 0 without one."""
    if not matrix or (matrix[0] == 0 and matrix[1] == 0):
        return 0
    quarters = round(math.degrees(math.atan2(matrix[1], matrix[0])) / QUARTER)
    return quarters % (FULL_TURN // QUARTER) * QUARTER


def _runs(glyphs: list[Glyph], settings: LayoutSettings) -> list[list[Glyph]]:
    """Glyphs of one size that follow each other on one baseline."""
    glyphs = sorted(glyphs, key=lambda g: (round(g.bottom / settings.sort_step), g.x0))
    runs: list[list[Glyph]] = []
    for g in glyphs:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and abs(last.size - g.size) < settings.run_size
            and abs(last.bottom - g.bottom) < settings.run_baseline * g.size
            and -settings.run_overlap * g.size < g.x0 - last.x1 < settings.run_gap * g.size
        ):
            runs[-1].append(g)
        else:
            runs.append([g])
    return runs


def mark_superscripts(glyphs: list[Glyph], settings: LayoutSettings = LAYOUT) -> None:
    """Flag runs of small, raised marker glyphs printed next to larger text."""
    runs = _runs(glyphs, settings)
    by_row = sorted(glyphs, key=lambda g: g.top)
    tops = [g.top for g in by_row]
    for run in runs:
        text = "".join(g.text for g in run).strip()
        if not text or not MARKER_TEXT.match(text):
            continue
        size = run[0].size
        x0, x1 = run[0].x0, run[-1].x1
        top, bottom = min(g.top for g in run), max(g.bottom for g in run)
        lo = bisect.bisect_left(tops, top - settings.marker_above * size)
        hi = bisect.bisect_right(tops, bottom + settings.marker_below * size)
        starts = {g.x0 for g in run}  # a glyph equal to one of the run starts where it does
        for other in by_row[lo:hi]:
            small = other.size * settings.superscript_ratio < size
            if (other.x0 in starts and other in run) or other.text.isspace() or small:
                continue
            touch = settings.marker_touch * other.size
            before = x0 - touch <= other.x1 <= x0 + touch
            after = x1 - touch <= other.x0 <= x1 + settings.marker_after_gap * other.size
            raised = (
                bottom < other.bottom - settings.marker_raise * other.size
                and top >= other.top - settings.marker_max_rise * other.size
            )
            if (before or after) and raised:
                for g in run:
                    g.sup = not g.text.isspace()
                break


def _lines(glyphs: list[Glyph], settings: LayoutSettings) -> list[list[Glyph]]:
    """Cluster full-size glyphs by baseline; superscripts join the line they are raised on,
    combining marks the letter they are set on."""
    marks = [g for g in glyphs if _is_mark(g)]
    glyphs = [g for g in glyphs if not _is_mark(g)]
    normal = sorted((g for g in glyphs if not g.sup), key=lambda g: (g.bottom, g.x0))
    lines: list[list[Glyph]] = []
    for g in normal:
        for line in reversed(lines[-settings.line_lookback :]):
            ref = line[0]
            if abs(ref.bottom - g.bottom) < settings.line_baseline * max(ref.size, g.size):
                line.append(g)
                break
        else:
            lines.append([g])
    for g in (g for g in glyphs if g.sup):
        best, dist = None, None
        rise, drop = settings.marker_line_rise * g.size, settings.marker_line_drop
        for line in lines:
            top = min(x.top for x in line)
            bottom = max(x.bottom for x in line)
            if top - rise <= g.top and g.bottom <= bottom + drop:
                d = min(abs(x.x0 - g.x1) for x in line) if line else 0
                d = min(d, min(abs(g.x0 - x.x1) for x in line))
                if dist is None or d < dist:
                    best, dist = line, d
        if best is not None:
            best.append(g)
        else:
            lines.append([g])
    order = {id(g): (g.x0, 0) for line in lines for g in line}
    for m in marks:
        base = _base_of(m, lines)
        if base is None:
            lines.append([m])
            order[id(m)] = (m.x0, 0)
            continue
        line, letter = base
        line.append(m)
        before = -1 if RIGHT_TO_LEFT.match(letter.text) else 1  # seen before a right-to-left
        order[id(m)] = (letter.x0, before)  # letter, so that read in logical order it follows
    for line in lines:
        line.sort(key=lambda g: order[id(g)])
    return lines


def _is_mark(g: Glyph) -> bool:
    """A combining mark drawn as a glyph of its own (an Arabic vowel sign, an accent)."""
    return len(g.text) == 1 and unicodedata.combining(g.text) > 0


def _base_of(mark: Glyph, lines: list[list[Glyph]]) -> tuple[list[Glyph], Glyph] | None:
    """The letter a combining mark is set on (over or under it): the nearest glyph whose
    span holds the mark's centre, within a size of it up or down; and its line."""
    cx = (mark.x0 + mark.x1) / 2
    best = None
    for line in lines:
        for g in line:
            if g.text.isspace() or not g.x0 <= cx <= g.x1:
                continue
            distance = max(g.top - mark.bottom, mark.top - g.bottom, 0.0)
            if distance <= mark.size and (best is None or distance < best[0]):
                best = (distance, line, g)
    return None if best is None else best[1:]


def _split(
    line: list[Glyph], vrulings: list[Ruling], positions: list[float], settings: LayoutSettings
) -> list[list[Glyph]]:
    """``line`` cut at wide gaps and at vertical rules (``vrulings`` in the order of their
    ``positions``, left to right). A rule counts between two glyphs from the end of the
    last glyph with ink: a space glyph drawn across a rule does not hide it."""
    parts: list[list[Glyph]] = [[]]
    last = ink = None
    for g in line:
        if last is not None:
            size = max(g.size, last.size)
            gap = g.x0 - last.x1
            slack = settings.rule_in_gap
            lo = bisect.bisect_left(positions, min(last.x1, (ink or last).x1) - slack)
            hi = bisect.bisect_right(positions, g.x0 + slack)
            rule_between = any(r.a <= (g.top + g.bottom) / 2 <= r.b for r in vrulings[lo:hi])
            if (
                (gap > settings.segment_gap * size and not last.text.isspace())
                or rule_between
                or gap > settings.segment_gap_after_space * size
            ):
                parts.append([])
        if not (g.text.isspace() and not parts[-1]):
            parts[-1].append(g)
        last = g
        ink = ink if g.text.isspace() else g
    return [p for p in parts if any(not g.text.isspace() for g in p)]


def make_segment(glyphs: list[Glyph], settings: LayoutSettings = LAYOUT) -> Segment:
    while glyphs and glyphs[-1].text.isspace():
        glyphs = glyphs[:-1]
    text: list[str] = []
    markers: list[Marker] = []
    last = None
    pending_marker = ""
    for g in glyphs:
        if g.text.isspace() and last is not None and _drawn_over(g, last):
            continue  # a space drawn over a letter's ink separates nothing
        after_marker = last is not None and last.sup
        word_gap = settings.word_gap_after_marker if after_marker else settings.word_gap
        gap_limit = word_gap * g.size
        spaced = last is not None and g.x0 - last.x1 > gap_limit
        if spaced and text and text[-1] != " " and not g.text.isspace() and not g.sup:
            text.append(" ")
        if g.sup:
            if last is not None and not last.sup and pending_marker:
                pending_marker += " "
            pending_marker += g.text
        else:
            if pending_marker:
                _add_markers(markers, pending_marker, len("".join(text).rstrip()))
                pending_marker = ""
            if not (g.text == " " and text and text[-1] == " "):
                text.append(g.text)
        last = g
    joined = "".join(text)
    if pending_marker:
        _add_markers(markers, pending_marker, len(joined.rstrip()))
    full = [g for g in glyphs if not g.sup] or glyphs
    sizes = sorted(g.size for g in full)
    stripped = joined.strip()
    lead = len(joined) - len(joined.lstrip())
    for m in markers:
        m.offset = max(0, min(len(stripped), m.offset - lead))
    return Segment(
        glyphs=glyphs,
        text=re.sub(r" {2,}", " ", stripped),
        markers=markers,
        x0=min(g.x0 for g in glyphs),
        x1=max(g.x1 for g in glyphs),
        top=min(g.top for g in full),
        bottom=max(g.bottom for g in full),
        size=sizes[len(sizes) // 2],
        bold=sum(g.bold for g in full) * 2 > len(full),
        italic=sum(g.italic for g in full) * 2 > len(full),
    )


def _drawn_over(space: Glyph, letter: Glyph) -> bool:
    """Whether a space glyph lies within the box of the letter before it: drawn at that
    letter's origin (as right-to-left text set in runs may place the space between words),
    it takes no room on the line."""
    return not letter.text.isspace() and letter.x0 <= space.x0 and space.x1 <= letter.x1


LEADER = re.compile(r"(?:\.\s?){4,}|(?:…\s?){2,}")  # dots leading from a label to its value


def without_leaders(seg: Segment, settings: LayoutSettings = LAYOUT) -> list[Segment]:
    """A segment less its dot leaders ("Total ........ 12"): the parts before and after each
    run of dots, as segments of their own; the segment itself where it has none."""
    text = "".join(g.text for g in seg.glyphs)
    if not LEADER.search(text):
        return [seg]
    starts = [0]
    for g in seg.glyphs:
        starts.append(starts[-1] + len(g.text))
    parts: list[list[Glyph]] = [[]]
    spans = [m.span() for m in LEADER.finditer(text)]
    for i, g in enumerate(seg.glyphs):
        if any(a <= starts[i] < b for a, b in spans):
            if parts[-1]:
                parts.append([])
            continue
        parts[-1].append(g)
    return [make_segment(p, settings) for p in parts if any(not g.text.isspace() for g in p)]


def _add_markers(markers: list[Marker], raw: str, offset: int) -> None:
    for part in re.split(r"[\s,]+", raw.strip()):
        if part:
            markers.append(Marker(part, offset))


def _merge_rules(rules: list[Ruling], settings: LayoutSettings) -> list[Ruling]:
    """Join collinear, touching segments into single rules. A segment joins the latest rule
    collinear with it whose span it touches: a rule on a nearby line elsewhere on the page (a
    column rule of another table, a little to the side) does not swallow it."""
    out: list[Ruling] = []
    reach = settings.rule_collinear + settings.sort_step  # how far back a collinear rule lies
    gap = settings.rule_join_gap
    for r in sorted(rules, key=lambda r: (round(r.pos / settings.sort_step), r.a)):
        joined = False
        for i in range(len(out) - 1, -1, -1):
            last = out[i]
            if last.pos < r.pos - reach:
                break
            collinear = abs(last.pos - r.pos) < settings.rule_collinear
            if collinear and r.a <= last.b + gap and last.a <= r.b + gap:
                out[i] = Ruling(last.pos, min(last.a, r.a), max(last.b, r.b))
                joined = True
                break
        if not joined:
            out.append(r)
    return out


def _is_white(color, settings: LayoutSettings) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return color >= settings.white
    light = all(isinstance(c, (int, float)) and c >= settings.white for c in color)
    return light and len(color) in (GRAY, RGB)


def _unseen(r, tinted: list, settings: LayoutSettings) -> bool:
    """A white box, not stroked, on no tinted fill: white on the white page, its edges are
    no rules (the box a program draws behind a title or a cell's text)."""
    if r.stroke or not r.fill or not _is_white(r.non_stroking_color, settings):
        return False
    return not any(
        t.x0 < r.x1 and r.x0 < t.x1 and t.top < r.bottom and r.top < t.bottom for t in tinted
    )


def _seen_edges(r, tinted: list, settings: LayoutSettings) -> set[tuple[str, float]]:
    """The edges of a box that show: all of a stroked box's; of a box of colour, not stroked,
    those not covered along their whole length by boxes of the same colour flush against
    them (cells filled one by one in the same colour show no edge between them: a row of a
    zebra table drawn cell by cell is one band, no grid of columns)."""
    edges = {("h", r.top), ("h", r.bottom), ("v", r.x0), ("v", r.x1)}
    if r.stroke or not r.fill:
        return edges
    tol = settings.rule_collinear
    same = [t for t in tinted if t is not r and not t.stroke]
    same = [t for t in same if t.non_stroking_color == r.non_stroking_color]

    def covered(span: tuple[float, float], parts: list[tuple[float, float]]) -> bool:
        reach = span[0]
        for a, b in sorted(parts):
            if a > reach + tol:
                break
            reach = max(reach, b)
        return reach >= span[1] - tol

    for x in (r.x0, r.x1):
        flush = [(t.top, t.bottom) for t in same if abs((t.x1 if x == r.x0 else t.x0) - x) <= tol]
        if covered((r.top, r.bottom), flush):
            edges.discard(("v", x))
    for y in (r.top, r.bottom):
        flush = [(t.x0, t.x1) for t in same if abs((t.bottom if y == r.top else t.top) - y) <= tol]
        if covered((r.x0, r.x1), flush):
            edges.discard(("h", y))
    return edges


def _filled_box(path) -> bool:
    """Whether a path that is no closed rectangle paints one: filled (a fill closes the
    path), its points the four corners of its bounding box and nothing else (a box drawn as
    three sides, left open, as some programs draw cell borders)."""
    if not path.fill or len(path.pts) < BOX_CORNERS:
        return False
    corners = {(x, y) for x in (path.x0, path.x1) for y in (path.top, path.bottom)}
    return len(corners) == BOX_CORNERS and set(path.pts) == corners


def rulings(
    page: PageObjects, settings: LayoutSettings = LAYOUT
) -> tuple[list[Ruling], list[Ruling], list[Box]]:
    """Horizontal and vertical rulings from lines and rectangle edges; filled boxes."""
    h: list[Ruling] = []
    v: list[Ruling] = []
    fills: list[Box] = []
    page_area = float(page.width) * float(page.height)
    boxes = [*page.rects, *(c for c in page.curves if _filled_box(c))]
    tinted = [  # boxes of colour, not rules
        r
        for r in boxes
        if r.fill
        and not _is_white(r.non_stroking_color, settings)
        and min(r.x1 - r.x0, r.bottom - r.top) >= settings.rect_thickness
    ]
    dots: list[tuple[float, float, float, float]] = []  # marks too small to run either way
    for ln in page.lines:
        if max(abs(ln.top - ln.bottom), abs(ln.x0 - ln.x1)) < settings.line_thickness:
            dots.append((min(ln.x0, ln.x1), min(ln.top, ln.bottom), max(ln.x0, ln.x1),
                         max(ln.top, ln.bottom)))  # fmt: skip
        elif abs(ln.top - ln.bottom) < settings.line_thickness:
            h.append(Ruling((ln.top + ln.bottom) / 2, ln.x0, ln.x1))
        elif abs(ln.x0 - ln.x1) < settings.line_thickness:
            v.append(Ruling((ln.x0 + ln.x1) / 2, ln.top, ln.bottom))
    for r in boxes:
        w, hgt = r.x1 - r.x0, r.bottom - r.top
        if w * hgt > settings.background_share * page_area:
            continue
        if max(w, hgt) < settings.rect_thickness:
            dots.append((r.x0, r.top, r.x1, r.bottom))
            continue
        if hgt < settings.rect_thickness:
            h.append(Ruling((r.top + r.bottom) / 2, r.x0, r.x1))
            continue
        if w < settings.rect_thickness:
            v.append(Ruling((r.x0 + r.x1) / 2, r.top, r.bottom))
            continue
        if r.fill and not _is_white(r.non_stroking_color, settings):
            fills.append(Box(r.x0, r.top, r.x1, r.bottom, r.non_stroking_color))
        elif _unseen(r, tinted, settings):
            continue
        seen = _seen_edges(r, tinted, settings)
        h += [Ruling(y, r.x0, r.x1) for y in (r.top, r.bottom) if ("h", y) in seen]
        v += [Ruling(x, r.top, r.bottom) for x in (r.x0, r.x1) if ("v", x) in seen]
    dotted_h, dotted_v = dotted_rules(dots, settings)
    return _merge_rules(h + dotted_h, settings), _merge_rules(v + dotted_v, settings), fills


def dotted_rules(
    dots: list[tuple[float, float, float, float]], settings: LayoutSettings = LAYOUT
) -> tuple[list[Ruling], list[Ruling]]:
    """Dotted and dashed rules drawn as many small marks (boxes or lines shorter than a
    rule's thickness both ways): the marks that follow each other on one line, at most
    ``dot_gap`` apart, ``dotted_rule_dots`` of them or more, as one rule along that line. A
    dash runs its long way (twice as long as thick); a round or square dot either way. A
    mark in no such run is a short rule across, as any thin mark."""
    runs: dict[str, list[Ruling]] = {"h": [], "v": []}
    used: set[int] = set()
    for way in ("h", "v"):
        along = []
        for i, (x0, top, x1, bottom) in enumerate(dots):
            length, thick = (x1 - x0, bottom - top) if way == "h" else (bottom - top, x1 - x0)
            if length < DASH_ASPECT * thick:
                continue  # a dash the other way
            if way == "h":
                along.append((i, Ruling((top + bottom) / 2, x0, x1)))
            else:
                along.append((i, Ruling((x0 + x1) / 2, top, bottom)))
        for line in _collinear(along, settings.rule_collinear):
            run: list[tuple[int, Ruling]] = []
            for i, r in [*sorted(line, key=lambda ir: ir[1].a), (-1, None)]:
                if r is not None and run and r.a - max(x.b for _, x in run) <= settings.dot_gap:
                    run.append((i, r))
                    continue
                if len(run) >= settings.dotted_rule_dots:
                    pos = sum(x.pos for _, x in run) / len(run)
                    runs[way].append(Ruling(pos, run[0][1].a, max(x.b for _, x in run)))
                    used |= {k for k, _ in run}
                run = [(i, r)] if r is not None else []
    lone = [Ruling((d[1] + d[3]) / 2, d[0], d[2]) for i, d in enumerate(dots) if i not in used]
    return runs["h"] + lone, runs["v"]


def _collinear(items: list[tuple[int, Ruling]], tol: float) -> list[list[tuple[int, Ruling]]]:
    """Rulings grouped by their line: each one less than ``tol`` from the one before."""
    groups: list[list[tuple[int, Ruling]]] = []
    for item in sorted(items, key=lambda ir: ir[1].pos):
        if groups and item[1].pos - groups[-1][-1][1].pos < tol:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def text_segments(
    glyphs: list[Glyph], vrulings: list[Ruling], settings: LayoutSettings = LAYOUT
) -> list[Segment]:
    """Glyphs (upright, in page coordinates) as segments, top to bottom, left to right."""
    mark_superscripts(glyphs, settings)
    vrulings = sorted(vrulings, key=lambda r: r.pos)
    positions = [r.pos for r in vrulings]
    segments = []
    for line in _lines(glyphs, settings):
        for part in _split(line, vrulings, positions, settings):
            segments.append(make_segment(part, settings))
    segments.sort(key=lambda s: (round(s.top / settings.sort_step), s.x0))
    return segments


def build_page_layout(
    page: PageObjects, number: int, settings: LayoutSettings = LAYOUT
) -> PageLayout:
    glyphs = _glyphs(page, settings)
    hrulings, vrulings, fills = rulings(page, settings)
    segments = text_segments(glyphs, vrulings, settings)
    images = [
        Box(im.x0, im.top, im.x1, im.bottom)
        for im in page.images
        if im.x1 > im.x0 and im.bottom > im.top
    ]
    width, height = float(page.width), float(page.height)
    if page.rotation in QUARTER_TURNS:  # a page shown turned: its text is given upright, in
        width, height = height, width  # the turned page's coordinates
    page_area = width * height
    marks = page_marks(page, settings)
    drawings = [
        Box(m.x0, m.top, m.x1, m.bottom)
        for m in marks
        if m.width * m.height < settings.background_share * page_area
    ]
    return PageLayout(
        number=number,
        width=width,
        height=height,
        segments=segments,
        hrulings=hrulings,
        vrulings=vrulings,
        fills=fills,
        images=images,
        drawings=drawings,
        marks=marks,
    )
