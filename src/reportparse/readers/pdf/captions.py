"""Caption lines of tables and figures ("Tabell 2. ...", "Figur 7: ...") with their wrapped
lines; a caption that says its table goes on from an earlier page ("Tabell 2 (forts.)")."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...specs.settings import PAGE_TABLES, PageTableSettings
from ...text.normalize import join_lines
from ...text.printed import CAPTION
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

    @property
    def size(self) -> float:
        return self.segments[0].size


def body_size(segments: list[Segment]) -> float:
    """The font size most of a page's text is printed in (by characters); 0 for none."""
    sizes = Counter()
    for s in segments:
        sizes[round(s.size, 1)] += len(s.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def is_heading(seg: Segment, body: float, settings: PageTableSettings) -> bool:
    """A line set apart by its font: bold, or larger than the body text."""
    return seg.bold or seg.size >= settings.caption_heading_size * body


def find_captions(layout: PageLayout, settings: PageTableSettings = PAGE_TABLES) -> list[Caption]:
    """Caption lines ("Tabell 2. ...", "Figur 7: ...", a heading "Tabell 2 Resultat") with
    their wrapped continuation lines (``specs/captions.toml``)."""
    captions = []
    segs = layout.segments
    body = body_size(segs)
    used: set[int] = set()
    for i, seg in enumerate(segs):
        m = CAPTION.match(seg.text)
        if not m or i in used:
            continue
        if m.group("bare") is not None and not is_heading(seg, body, settings):
            continue  # "Tabell 2 viser ..." in running text
        parts = [seg]
        last = seg
        for j in range(i + 1, len(segs)):
            nxt = segs[j]
            if nxt.top > last.bottom + settings.caption_line_gap * last.size:
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
                and not _is_caption(nxt, body, settings)
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
            )
        )
    return captions


def _is_caption(seg: Segment, body: float, settings: PageTableSettings) -> bool:
    m = CAPTION.match(seg.text)
    return m is not None and (m.group("bare") is None or is_heading(seg, body, settings))
