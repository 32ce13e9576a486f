"""Caption lines of tables and figures ("Tabell 2. ...", "Figur 7: ...") with their wrapped
lines; a caption that says its table goes on from an earlier page ("Tabell 2 (forts.)")."""

from __future__ import annotations

from dataclasses import dataclass

from ...specs.settings import PAGE_TABLES, PageTableSettings
from ...text.normalize import join_lines
from ...text.printed import CAPTION, goes_on
from .geometry import SpansSegments
from .layout import PageLayout, Segment


@dataclass
class Caption(SpansSegments):
    kind: str  # "tabell" or "figur"
    number: str
    text: str
    segments: list[Segment]
    markers: list[str]
    continued: bool = False  # "Tabell 2 (forts.)": the table goes on from an earlier page
    # no separator after its number, in the body's font ("Tabell 2 Resultat"): a caption only
    # where a table or a drawing stands right by it; else it is running text
    loose: bool = False

    @property
    def size(self) -> float:
        return self.segments[0].size

    @property
    def sentence(self) -> bool:
        """Whether it reads as a sentence of the running text ("Tabell 2 under viser at ...
        ."), not a title ("Table 1 Deltakere etter kjønn, målt som andel ..."): it ends as a
        sentence does."""
        return self.text.rstrip(" *").endswith((".", "!", "?"))


def is_heading(seg: Segment, segments: list[Segment], settings: PageTableSettings) -> bool:
    """A line set apart by its font: bold, or larger than the text right above and right
    below it (``caption_heading_size`` times the larger of the two)."""
    if seg.bold:
        return True
    above = [s for s in segments if s.bottom <= seg.top and s.x1 > seg.x0 and s.x0 < seg.x1]
    below = [s for s in segments if s.top >= seg.bottom and s.x1 > seg.x0 and s.x0 < seg.x1]
    near = [max(above, key=lambda s: s.bottom)] if above else []
    near += [min(below, key=lambda s: s.top)] if below else []
    return bool(near) and seg.size >= settings.caption_heading_size * max(s.size for s in near)


def find_captions(layout: PageLayout, settings: PageTableSettings = PAGE_TABLES) -> list[Caption]:
    """Caption lines ("Tabell 2. ...", "Figur 7: ...", a heading "Tabell 2 Resultat") with
    their wrapped continuation lines (``specs/captions.toml``)."""
    captions = []
    segs = layout.segments
    used: set[int] = set()
    for i, seg in enumerate(segs):
        m = CAPTION.match(seg.text)
        if not m or i in used:
            continue
        loose = m.group("bare") is not None and not is_heading(seg, segs, settings)
        parts = [seg]
        last = seg
        # "Tabell 2 (forts.)" and nothing after: the marker ends the caption, and a line
        # under it in its font is the table's (its stub head), not the caption's
        closed = m.group("continued") is not None and not seg.text[m.end() :].strip()
        for j in range(i + 1, i + 1 if closed else len(segs)):
            nxt = segs[j]
            reach = (
                settings.caption_goes_on_gap
                if goes_on(last.text, nxt.text)
                else settings.caption_line_gap
            )
            if nxt.top > last.bottom + reach * last.size:
                break
            same_style = (
                abs(nxt.size - seg.size) < settings.caption_same_size
                and nxt.bold == seg.bold
                and nxt.italic == seg.italic
            )
            if (
                same_style
                and abs(nxt.x0 - seg.x0) < settings.caption_indent
                and nxt.top > last.top + settings.caption_next_line * last.size
                and not CAPTION.match(nxt.text)
            ):
                parts.append(nxt)
                used.add(j)
                last = nxt
        captions.append(
            Caption(
                kind="tabell" if m.group("kind").lower().startswith("tab") else "figur",
                number=m.group("num") + (m.group("sub") or ""),
                text=join_lines([p.text for p in parts]),
                segments=parts,
                markers=[mk.text for p in parts for mk in p.markers],
                continued=m.group("continued") is not None,
                loose=loose,
            )
        )
    return captions
