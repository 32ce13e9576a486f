"""Running text of a PDF page in reading order, as paragraphs.

Columns are found by recursive XY-cuts (wide gaps first), so that a
two-column slide page reads column by column. Lines of a paragraph are
joined with hyphenation at line breaks undone. Footnotes (a paragraph that
starts with a marker) and asterisk notes keep their marker, so that a table
cell or a sentence can point to them.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ...model import Paragraph, ParagraphKind
from ...specs.settings import TEXT, TextSettings
from ...text.normalize import join_lines
from ...text.printed import NOTE_LEAD
from .geometry import connected_groups
from .layout import BULLETS, Box, PageLayout, Segment

BULLET_TEXT = re.compile(rf"^[{BULLETS}]$|^[-–o]$")
LEAD_BULLET = re.compile(rf"^(?:[{BULLETS}]|-(?=\s))\s*")
BULLET = "• "  # how a bullet printed apart from its text starts that text
DOT_LEADER = re.compile(r"\.{4,}|(?:\. ){4,}|…{2,}")  # a table-of-contents line
SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+(?=[A-ZÆØÅ])")


def graphic_regions(layout: PageLayout, settings: TextSettings = TEXT) -> list[Box]:
    """Areas covered by clusters of drawing objects: charts, diagrams, flow charts."""
    boxes = layout.drawings
    groups = connected_groups([(b.x0, b.top, b.x1, b.bottom) for b in boxes], settings.graphic_gap)
    return [
        Box(
            min(boxes[i].x0 for i in g),
            min(boxes[i].top for i in g),
            max(boxes[i].x1 for i in g),
            max(boxes[i].bottom for i in g),
        )
        for g in groups
        if len(g) >= settings.graphic_min_items
    ]


def _inside(seg: Segment, box: Box, pad: float) -> bool:
    return box.x0 - pad <= seg.cx <= box.x1 + pad and box.top - pad <= seg.cy <= box.bottom + pad


def _attach_bullets(segs: list[Segment], settings: TextSettings) -> list[Segment]:
    """A bullet printed apart from its text starts that text."""
    out = []
    bullets = [s for s in segs if BULLET_TEXT.match(s.text)]
    rest = [s for s in segs if not BULLET_TEXT.match(s.text)]
    for s in rest:
        for b in bullets:
            same_line = abs(b.cy - s.cy) < settings.bullet_baseline * s.size
            if same_line and 0 <= s.x0 - b.x1 < settings.bullet_gap * s.size:
                s.text = BULLET + s.text
                for m in s.markers:
                    m.offset += len(BULLET)
                s.x0 = b.x0
                bullets.remove(b)
                break
        out.append(s)
    return out


def reading_order(segs: list[Segment], settings: TextSettings = TEXT) -> list[Segment]:
    """Recursive XY-cut: full-width bands at wide horizontal gaps, then columns."""
    if len(segs) <= 1:
        return list(segs)
    line_h = sorted(s.bottom - s.top for s in segs)[len(segs) // 2]
    bands = _split(segs, axis="y", min_gap=settings.band_gap * line_h)
    if len(bands) > 1:
        return [s for band in bands for s in reading_order(band, settings)]
    cols = _split(
        segs, axis="x", min_gap=max(settings.column_gap_min, settings.column_gap * line_h)
    )
    if len(cols) > 1:
        return [s for col in cols for s in reading_order(col, settings)]
    lines = _split(segs, axis="y", min_gap=settings.line_gap)
    if len(lines) > 1:
        return [s for line in lines for s in sorted(line, key=lambda s: s.x0)]
    return sorted(segs, key=lambda s: (s.top, s.x0))


def _split(segs: list[Segment], axis: str, min_gap: float) -> list[list[Segment]]:
    if axis == "y":
        items = sorted(segs, key=lambda s: s.top)
        lo, hi = (lambda s: s.top), (lambda s: s.bottom)
    else:
        items = sorted(segs, key=lambda s: s.x0)
        lo, hi = (lambda s: s.x0), (lambda s: s.x1)
    groups: list[list[Segment]] = [[items[0]]]
    reach = hi(items[0])
    for s in items[1:]:
        if lo(s) - reach >= min_gap:
            groups.append([s])
        else:
            groups[-1].append(s)
        reach = max(reach, hi(s))
    return groups


def body_size(layout: PageLayout, settings: TextSettings = TEXT) -> float:
    """The font size most of a page's text is printed in."""
    sizes: dict[float, int] = {}
    for s in layout.segments:
        size = round(s.size, settings.body_size_digits)
        sizes[size] = sizes.get(size, 0) + len(s.text)
    return max(sizes, key=sizes.get) if sizes else settings.fallback_body_size


def page_paragraphs(
    layout: PageLayout, exclude: list[Box], settings: TextSettings = TEXT
) -> list[Paragraph]:
    """Paragraphs of a page, leaving out what lies in ``exclude`` (tables, captions, charts)."""
    body = body_size(layout, settings)
    regions = exclude + graphic_regions(layout, settings)
    pad = settings.exclude_pad
    segs = [
        s
        for s in layout.segments
        if not any(_inside(s, b, pad) for b in regions) and not DOT_LEADER.search(s.text)
    ]
    segs = _attach_bullets(segs, settings)
    paragraphs: list[Paragraph] = []
    current: list[Segment] = []

    def flush() -> None:
        if current:
            paragraphs.append(_paragraph(layout.number, current, body, settings))
            current.clear()

    ordered = reading_order(segs, settings)
    leading = _leading(ordered, settings)
    for seg in ordered:
        if current:
            prev = current[-1]
            usual = leading.get(
                round(prev.size / settings.leading_size_step), settings.leading_default * prev.size
            )
            gap_limit = usual + settings.leading_slack * prev.size
            new = (
                seg.lead_marker is not None
                or LEAD_BULLET.match(seg.text)
                or NOTE_LEAD.match(seg.text)
                or seg.top - prev.bottom > gap_limit
                or seg.top < prev.top - settings.line_back * prev.size
                or abs(seg.size - prev.size) > settings.paragraph_size_change
                or seg.bold != prev.bold
                or seg.x0 > prev.x1
            )
            if new:
                flush()
        current.append(seg)
    flush()
    return [p for p in paragraphs if p.text]


def _leading(ordered: list[Segment], settings: TextSettings) -> dict[int, float]:
    """The usual gap between lines of one paragraph, per font size, on this page."""
    gaps: dict[int, list[float]] = {}
    for a, b in pairwise(ordered):
        gap = b.top - a.bottom
        if (
            abs(a.size - b.size) < settings.leading_same_size
            and abs(a.x0 - b.x0) < settings.leading_indent
            and -settings.leading_overlap < gap < settings.leading_max * a.size
        ):
            gaps.setdefault(round(a.size / settings.leading_size_step), []).append(gap)
    return {
        size: sorted(g)[int(len(g) * settings.leading_quantile)]
        for size, g in gaps.items()
        if len(g) >= settings.leading_min_samples
    }


def _paragraph(page: int, segs: list[Segment], body: float, settings: TextSettings) -> Paragraph:
    marker = segs[0].lead_marker
    lines = []
    anchors: list[tuple[int, str]] = []
    for i, s in enumerate(segs):
        text = s.text
        shift = 0
        if i == 0:
            m = LEAD_BULLET.match(text)
            if m:
                shift = m.end()
                text = text[shift:]
        base = len(join_lines(lines)) + (1 if lines else 0)
        lines.append(text)
        for m in s.markers:
            if i == 0 and marker is not None and m.offset == 0 and m.text == marker:
                continue
            anchors.append((base + max(0, m.offset - shift), m.text))
    text = join_lines(lines)
    kind = ParagraphKind.BODY
    note = NOTE_LEAD.match(text)
    if marker is not None:
        kind = ParagraphKind.FOOTNOTE
    elif note:
        kind, marker = ParagraphKind.NOTE, note.group(1)
        text = text[note.end() :]
        anchors = [(max(0, o - note.end()), t) for o, t in anchors]
    elif segs[0].bold and segs[0].size > body + settings.heading_size_step:
        kind = ParagraphKind.HEADING
        text = SECTION_NUMBER.sub("", text)
    return Paragraph(page, text, kind, marker, anchors, segs[0].top, segs[0].x0)
