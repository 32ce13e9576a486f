"""Text set sideways: a page's text that runs at 90° or 270°, as an upright page of its own.

A table printed sideways on an upright page (or on a page turned by ``/Rotate``, its text
turned once more) runs its lines up or down the page. Its glyphs, with the page's rules and
filled boxes, are turned a quarter turn back (``Glyph.turn`` says which way each runs), so
that the upright table engine reads it in reading order; the boxes of what it reads are
turned back onto the page. Nothing here depends on one table's layout: a page with no
glyphs at a quarter turn has no turned view.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...specs.settings import LAYOUT, LayoutSettings
from .geometry import BBox
from .layout import Box, Glyph, PageLayout, Ruling, text_segments

UPWARD, DOWNWARD = 90, 270  # degrees of text running up the page, or down it
QUARTER_TURNS = (UPWARD, DOWNWARD)


@dataclass(frozen=True)
class Turn:
    """A quarter turn of a page of ``width`` × ``height``: page coordinates to the turned
    view's (where text at ``degrees`` stands upright) and back."""

    degrees: int
    width: float
    height: float

    def box(self, x0: float, top: float, x1: float, bottom: float) -> BBox:
        """A page box in the turned view."""
        if self.degrees == UPWARD:  # text reads upward: forward is up the page, lines go right
            return (self.height - bottom, x0, self.height - top, x1)
        return (top, self.width - x1, bottom, self.width - x0)  # reads downward

    def back(self, x0: float, top: float, x1: float, bottom: float) -> BBox:
        """A box of the turned view on the page."""
        if self.degrees == UPWARD:
            return (top, self.height - x1, bottom, self.height - x0)
        return (self.width - bottom, x0, self.width - top, x1)


def turned_layouts(
    layout: PageLayout, min_glyphs: int, settings: LayoutSettings = LAYOUT
) -> list[tuple[Turn, PageLayout]]:
    """The page as seen with each quarter turn that ``min_glyphs`` glyphs or more run at:
    those glyphs upright, the page's rules and filled boxes turned with them."""
    glyphs = [g for s in layout.segments for g in s.glyphs if g.turn in QUARTER_TURNS]
    views = []
    for degrees in QUARTER_TURNS:
        mine = [g for g in glyphs if g.turn == degrees and not g.text.isspace()]
        if len(mine) < min_glyphs:
            continue
        turn = Turn(degrees, layout.width, layout.height)
        views.append((turn, _view(layout, turn, mine, settings)))
    return views


def _view(
    layout: PageLayout, turn: Turn, glyphs: list[Glyph], settings: LayoutSettings
) -> PageLayout:
    upright = []
    for g in glyphs:
        x0, top, x1, bottom = turn.box(g.x0, g.top, g.x1, g.bottom)
        size = round(bottom - top, settings.glyph_size_digits)  # a turned glyph's size is
        upright.append(  # measured along its line; upright, it is its height
            replace(g, x0=x0, top=top, x1=x1, bottom=bottom, size=size, upright=True, turn=0)
        )
    hrulings: list[Ruling] = []
    vrulings: list[Ruling] = []
    for r in layout.hrulings:  # a rule across the page runs along the turned view's columns
        x0, top, x1, bottom = turn.box(r.a, r.pos, r.b, r.pos)
        vrulings.append(Ruling((x0 + x1) / 2, top, bottom))
    for r in layout.vrulings:
        x0, top, x1, bottom = turn.box(r.pos, r.a, r.pos, r.b)
        hrulings.append(Ruling((top + bottom) / 2, x0, x1))
    fills = [Box(*turn.box(f.x0, f.top, f.x1, f.bottom), f.fill) for f in layout.fills]
    return PageLayout(
        number=layout.number,
        width=layout.height,
        height=layout.width,
        segments=text_segments(upright, vrulings, settings),
        hrulings=sorted(hrulings, key=lambda r: (r.pos, r.a)),
        vrulings=sorted(vrulings, key=lambda r: (r.pos, r.a)),
        fills=fills,
        images=[],
        drawings=[Box(*turn.box(d.x0, d.top, d.x1, d.bottom)) for d in layout.drawings],
        marks=[],
    )
