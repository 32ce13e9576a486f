"""Tables set sideways, read in reading order: each page's turned views (``turned.py``) read by
the same engine as upright pages, with what they show of tables not read, the boxes turned
back onto the page; and the tables of a page upright and sideways as one list."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...model import CellBox, ContentMode, Table, TableKind
from ...specs.settings import SettingsByCaption
from .content import read_content
from .evidence import EVIDENCE, TableFigures, Unread, measure, unread_tables
from .geometry import overlap_area
from .layout import PageLayout
from .turned import QUARTER_TURNS, Turn, turned_layouts

UNCAPTIONED = re.compile(r"^utabell-p(\d+)-\d+$")


@dataclass(frozen=True)
class SidewaysSettings:
    # (count) glyphs at one quarter turn from which a page has a turned view: fewer are the
    # labels of an axis or a turned column head, no table of their own
    min_glyphs: int = 40
    # (share) an upright reading of a region read sideways is dropped when this share of
    # its text runs sideways (its cells would hold the letters of turned words)
    turned_text: float = 0.5


SIDEWAYS = SidewaysSettings()


@dataclass
class Sideways:
    tables: list[Table]  # read sideways, boxes on the page
    unread: list[Unread]  # evidence of sideways tables not read, boxes on the page
    # each table's figures, measured in its turned view, by (page, box on the page)
    figures: dict[tuple, TableFigures]

    def figures_of(self, table: Table) -> TableFigures | None:
        return self.figures.get(_key(table))


def _key(table: Table) -> tuple:
    return (tuple(table.pages), tuple(table.bbox or ()))


def read_sideways(
    layouts: list[PageLayout], settings: SettingsByCaption, config: SidewaysSettings = SIDEWAYS
) -> Sideways:
    """The tables of each page's turned views, and the evidence they show of tables not read."""
    found = Sideways([], [], {})
    for layout in layouts:
        for turn, view in turned_layouts(layout, config.min_glyphs):
            content = read_content([view], ContentMode.EVERY, settings)
            for u in unread_tables([view], content.tables, EVIDENCE):
                reason = f"{u.reason} (set sideways)"
                found.unread.append(Unread(u.page, turn.back(*u.bbox), u.method, reason))
            for t in content.tables:
                if t.kind == TableKind.TABLE:
                    back = _turned_back(t, turn)
                    found.tables.append(back)
                    found.figures[_key(back)] = measure(t, [view])
    return found


def _turned_back(table: Table, turn: Turn) -> Table:
    bbox = list(turn.back(*table.bbox)) if table.bbox else None
    boxes = [
        CellBox(b.page, b.row, b.col, *turn.back(b.x0, b.top, b.x1, b.bottom))
        for b in table.cell_boxes
    ]
    return replace(table, bbox=bbox, cell_boxes=boxes)


def with_sideways(
    upright: list[Table],
    sideways: list[Table],
    layouts: list[PageLayout],
    config: SidewaysSettings = SIDEWAYS,
) -> list[Table]:
    """The tables of both readings in page order, less the upright readings of sideways
    text that a sideways table holds; the tables without a caption numbered again on each
    page (``utabell-pP-K``)."""
    pages = {lo.number: lo for lo in layouts}
    kept = [
        t
        for t in upright
        if not any(_same_region(t, s) for s in sideways)
        or _turned_share(t, pages.get(t.pages[0] if t.pages else 0)) < config.turned_text
    ]
    merged = list(kept)
    for s in sideways:
        at = next((i for i, t in enumerate(merged) if _place(t) > _place(s)), len(merged))
        merged.insert(at, s)
    per_page: dict[int, int] = {}
    out = []
    for t in merged:
        m = UNCAPTIONED.match(t.table_id)
        if m is not None:
            page = int(m.group(1))
            per_page[page] = per_page.get(page, 0) + 1
            t = replace(t, table_id=f"utabell-p{page}-{per_page[page]}")
        out.append(t)
    return out


def _place(t: Table) -> tuple[int, float]:
    return (t.pages[0] if t.pages else 0, t.bbox[1] if t.bbox else 0.0)


def _same_region(a: Table, b: Table) -> bool:
    if not a.bbox or not b.bbox or a.pages[:1] != b.pages[:1]:
        return False
    return overlap_area(tuple(a.bbox), tuple(b.bbox)) > 0


def _turned_share(table: Table, layout: PageLayout | None) -> float:
    """The share of the text (glyphs) inside a table's box that runs sideways."""
    if layout is None or table.bbox is None:
        return 0.0
    x0, top, x1, bottom = table.bbox
    glyphs = [
        g
        for s in layout.segments
        for g in s.glyphs
        if x0 <= (g.x0 + g.x1) / 2 <= x1 and top <= (g.top + g.bottom) / 2 <= bottom
    ]
    return sum(1 for g in glyphs if g.turn in QUARTER_TURNS) / len(glyphs) if glyphs else 0.0
