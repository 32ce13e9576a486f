"""What every table reader of the PDF engine gives, and the steps they share: a grid of cell
texts (header rows first) with its notes and where each cell was read; text segments grouped
into printed lines, and a cell's segments into its text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...model import TableMethod
from ...specs.settings import LAYOUT, TableSettings
from ...text.normalize import join_lines, normalize_ws
from ...text.printed import ASTERISKS, NOTE_SIGN
from .direction import logical
from .layout import LEADER, Segment, make_segment, text_segments
from .turned import QUARTER_TURNS, Turn

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom
TRAILING_LEADER = re.compile(rf"\s*(?:{LEADER.pattern})\s*$")  # dots from a label to its value
# the last dots of a leader cut short by the value's column: points set apart after a
# label's text ("etc. .", "violations . ."); no word ends in a point set apart
SPACED_POINTS = re.compile(r"(?<=\S)(?:\s+\.)+\s*$")


@dataclass
class CellNote:
    row: int | None
    col: int | None
    marker: str


@dataclass
class Grid:
    """A table read from the page: rows of cell texts, header rows first."""

    cells: list[list[str]]
    header_rows: int
    method: TableMethod
    bbox: BBox
    notes: list[CellNote] = field(default_factory=list)
    row_bounds: list[float] = field(default_factory=list)
    col_bounds: list[float] = field(default_factory=list)
    # (row, col, x0, top, x1, bottom) of every cell as read: a merged cell is one box
    cell_boxes: list[tuple[int, int, float, float, float, float]] = field(default_factory=list)


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def cluster(values: list[float], tol: float) -> list[float]:
    """Values closer than ``tol`` to their neighbour, as the mean of each run."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def cluster_spans(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Spans (a, b) joined where they overlap or touch."""
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def word_spans(s: Segment) -> list[tuple[float, float]]:
    """The x spans of a segment's words: its glyphs apart at spaces (a space glyph, or white
    as wide as one)."""
    spans: list[tuple[float, float]] = []
    last = None
    for g in s.glyphs:
        if g.text.isspace() or g.sup:
            last = None
            continue
        joined = last is not None and g.x0 - last.x1 <= LAYOUT.word_gap * g.size
        if joined:
            spans[-1] = (spans[-1][0], max(spans[-1][1], g.x1))
        else:
            spans.append((g.x0, g.x1))
        last = g
    return spans


def column_of(s: Segment, columns: list[list[float]]) -> int:
    """The column a segment stands in: the one it overlaps most, else the nearest."""
    best, score = 0, None
    for i, (a, b) in enumerate(columns):
        ov = overlap(s.x0, s.x1, a, b)
        dist = 0.0 if ov > 0 else min(abs(s.x0 - b), abs(a - s.x1))
        key = (-ov, dist)
        if score is None or key < score:
            best, score = i, key
    return best


def segments_in(segments: list[Segment], box: BBox, tol: float) -> list[Segment]:
    """The segments whose centre lies in ``box`` (or within ``tol`` of it)."""
    x0, top, x1, bottom = box
    return [
        s for s in segments if x0 - tol <= s.cx <= x1 + tol and top - tol <= s.cy <= bottom + tol
    ]


def printed_lines(segs: list[Segment], core: float) -> list[list[Segment]]:
    """Segments grouped into printed lines by vertical overlap of their cores (their height
    less ``core`` of it above and below: ascenders and descenders do not join two lines), top
    to bottom, each line left to right."""
    rows: list[list[Segment]] = []
    spans: list[tuple[float, float]] = []
    for s in sorted(segs, key=lambda s: s.top):
        pad = core * (s.bottom - s.top)
        t, b = s.top + pad, s.bottom - pad
        for i in range(len(rows) - 1, -1, -1):
            rt, rb = spans[i]
            if t < rb and b > rt:
                rows[i].append(s)
                spans[i] = (min(rt, t), max(rb, b))
                break
        else:
            rows.append([s])
            spans.append((t, b))
    # growing can make a line overlap the next one
    merged: list[list[Segment]] = []
    merged_spans: list[tuple[float, float]] = []
    for i in sorted(range(len(rows)), key=lambda i: spans[i][0]):
        t, b = spans[i]
        if merged and t < merged_spans[-1][1]:
            merged[-1] += rows[i]
            merged_spans[-1] = (merged_spans[-1][0], max(merged_spans[-1][1], b))
        else:
            merged.append(list(rows[i]))
            merged_spans.append((t, b))
    return [sorted(line, key=lambda s: s.x0) for line in merged]


def cell_text(segs: list[Segment], settings: TableSettings) -> tuple[str, list[str]]:
    """Cell text from its segments (lines joined, hyphenation undone, right-to-left text in
    logical order) and its markers. Asterisks are note markers only beside text: a cell of
    asterisks and points alone ("***.*", a figure withheld) is printed as it stands."""
    lines = []
    markers: list[str] = []
    for row in printed_lines(segs, settings.row_core):
        lines.append(logical(" ".join(s.text for s in row)))
        markers += [m.text for s in row for m in s.markers]
    text = join_lines(lines)
    unmarked = ASTERISKS.sub("", text)
    if any(ch.isalnum() for ch in unmarked):  # else the stars are the cell ("***.*", "**")
        markers += [m.group(1) or m.group(2) for m in ASTERISKS.finditer(text)]
        text = unmarked
    text = normalize_ws(TRAILING_LEADER.sub("", text))
    if any(ch.isalpha() for ch in text):  # a label's, not a figure's ("12 ." stays)
        text = SPACED_POINTS.sub("", text)
    if sign := NOTE_SIGN.search(text):
        markers.append(sign.group(1))
        text = text[: sign.start()]
    return text, markers


def turned(s: Segment) -> int:
    """The quarter turn a segment's text runs at (``turned.QUARTER_TURNS``), else 0."""
    turns = {g.turn for g in s.glyphs if not g.text.isspace()}
    return turns.pop() if len(turns) == 1 and not s.upright and turns <= set(QUARTER_TURNS) else 0


def glyph_segments(s: Segment) -> list[Segment]:
    """A segment of text set at a quarter turn as one segment per glyph (the page's reading
    of turned text groups its glyphs across cells); another segment as it is."""
    if not turned(s):
        return [s]
    return [make_segment([g]) for g in s.glyphs if not g.text.isspace()]


def turned_cell_text(segs: list[Segment], settings: TableSettings) -> tuple[str, list[str]]:
    """Cell text from segments set at a quarter turn (a head printed up or down the page):
    their glyphs turned upright, read as upright text."""
    degrees = turned(segs[0])
    right = max(s.x1 for s in segs)
    low = max(s.bottom for s in segs)
    turn = Turn(degrees, right, low)  # any frame holding them keeps their order
    upright = []
    for g in (g for s in segs for g in s.glyphs):
        x0, top_, x1, bottom_ = turn.box(g.x0, g.top, g.x1, g.bottom)
        upright.append(
            replace(
                g, x0=x0, top=top_, x1=x1, bottom=bottom_, size=bottom_ - top_, upright=True, turn=0
            )
        )
    return cell_text(text_segments(upright, []), settings)


def line_text(line: list[Segment]) -> str:
    return " ".join(s.text for s in line)


def top(line: list[Segment]) -> float:
    return min(s.top for s in line)


def bottom(line: list[Segment]) -> float:
    return max(s.bottom for s in line)


def size(line: list[Segment]) -> float:
    sizes = sorted(s.size for s in line)
    return sizes[len(sizes) // 2]
