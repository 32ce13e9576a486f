"""Tables of a PDF page: found by caption, rules and the alignment of text; read cell by cell.

A caption ("Tabell 2: ...") stands over its table or under it. On each side of a caption
the engine looks for what a table is printed as:

* a ruled grid (vertical and horizontal rules, or filled cell rectangles): cells from the
  rules (``rulings.read_grid``);
* horizontal rules only (above and under the header, at the bottom), or no rules at all:
  the text's alignment (``alignment.read_region``), the rules, where there are some, telling
  where the header ends and rows that no row crosses;
* a picture (no cells).

Which side a caption's table is on is decided for the whole document (``Option``,
``captions_below``): captions with a table on one side only show the document's habit, and
a caption with a table on both sides follows it. Nothing here depends on page numbers or
coordinates of a given report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ...model import TableMethod
from ...specs.settings import (
    BY_CAPTION,
    PAGE_TABLES,
    PageTableSettings,
    SettingsByCaption,
    TableSettings,
)
from ...text.normalize import join_lines, normalize_ws
from ...text.printed import is_value
from .alignment import Evidence, read_region, text_columns, value_line
from .blocks import Block, find_blocks
from .captions import Caption, find_captions
from .cells import Grid, bottom, overlap, printed_lines, segments_in, size, top
from .layout import Box, PageLayout, Segment, without_leaders
from .prose import long_text, running_text, sentences
from .rulings import Structure, find_structures, read_grid, rule_evidence, text_across_rules
from .tablecheck import looks_like_table, may_begin_table

TITLE_SOURCE = re.compile(r"\bKilde\b", re.I)  # picture titles name their source
RULED_GRID = TableMethod.RULED_GRID
TYPED_RULE = re.compile(r"^[-_=–—]{3,}$")  # a rule typed as a run of dashes
HEAD_REACH = 3.0  # (sizes) rules this close over aligned text may box its header
BAND_WIDTH = 3.0  # (times its text's width) a title band runs far wider than its words
BAND_CONTRAST = 0.5  # (lightness, 0..1) a band's text is this much lighter than its fill
# (sizes) a row of cells this close over and under a long line of text within its width holds
# that line as a cell wrapped over lines: a row's lines stand a line's height or two apart
CELL_ROW_REACH = 2.5
CELL_ROW_SEGMENTS = 3  # a row of cells: a printed line of this many segments or more
CELL_EDGE = 0.3  # (sizes) a line begins where a column begins to this much of its size


@dataclass
class FoundTable:
    caption: Caption | None
    grid: Grid | None
    image: Box | None
    page: int
    reason: str = ""  # why a caption has no table that could be read (grid and image None)
    settings: TableSettings | None = None  # how it was read (to read its continuation alike)
    method: TableMethod = TableMethod.WHITESPACE  # how it was read, or tried (grid None)
    continues: FoundTable | None = None  # the table (on an earlier page) this part goes on
    # too short to be a table by itself (tablecheck.may_begin_table): a table's first part
    # only where its header is repeated over a part on the next page
    short: bool = False
    region: tuple[float, float, float, float] | None = None  # where a table not read stands


@dataclass
class Candidate:
    """What a caption may stand over or under: rules, aligned text, or a picture."""

    structures: list[Structure] = field(default_factory=list)  # side by side: several grids
    block: Block | None = None
    image: Box | None = None

    @property
    def top(self) -> float:
        tops = [s.top for s in self.structures]
        tops += [self.block.top] if self.block else []
        return min(tops + ([self.image.top] if self.image else []))

    @property
    def bottom(self) -> float:
        bottoms = [s.bottom for s in self.structures]
        bottoms += [self.block.bottom] if self.block else []
        return max(bottoms + ([self.image.bottom] if self.image else []))

    def ids(self) -> set[int]:
        out = {i for s in self.structures for i in s.ids()}
        out |= self.block.ids() if self.block else set()
        return out | ({id(self.image)} if self.image is not None else set())


@dataclass
class Option:
    """A table caption and what stands right under and right over it."""

    caption: Caption
    settings: TableSettings
    below: Candidate | None
    above: Candidate | None


def captions_under(options: list[Option]) -> bool:
    """Whether a document prints its captions under its tables: more captions with a table
    under them alone than with one over them alone. A caption that marks a table's later
    part ("Tabell 2 (forts.)") tells nothing of the habit by itself, but it tells where the
    caption of its number stands (``options`` in the document's order): after the mark,
    under the table's last part (or pushed onto the page after it, over whatever follows);
    before it, over the table's first part."""
    marks = [i for i, o in enumerate(options) if o.caption.continued]
    under = over = 0
    for i, o in enumerate(options):
        if o.caption.continued:
            continue
        number = o.caption.number
        marked = [k for k in marks if options[k].caption.number == number]
        if marked:
            under += all(k < i for k in marked)
            over += all(k > i for k in marked)
        else:
            under += o.above is not None and o.below is None
            over += o.below is not None and o.above is None
    return under > over


class PageTables:
    """The tables of one page, found in two steps: ``options`` (what each caption has under and
    over it), then ``read`` once the document's caption habit is known."""

    def __init__(
        self,
        layout: PageLayout,
        furniture: set[int],
        tables: SettingsByCaption = BY_CAPTION,
        page: PageTableSettings = PAGE_TABLES,
        every_table: bool = False,
    ):
        self.layout = layout
        self.page = page
        self.tables = tables
        self.furniture = furniture
        self.captions = find_captions(layout, page)
        self.caption_ids = {id(s) for c in self.captions for s in c.segments}
        self.segments = [s for s in layout.segments if id(s) not in furniture]
        self.structures = {tables.defaults: find_structures(layout, tables.defaults)}
        boxed = [st for st in self.structures[tables.defaults] if st.boxed(tables.defaults)]
        self.frames: list[Structure] = []  # rules boxing open text: no cells of their own
        if every_table:
            self.frames = [st for st in boxed if not self._reads_as_grid(st)]
            boxed = [st for st in boxed if st not in self.frames]
        self.open_segments = [
            s for s in self.segments if not any(_inside(s, st) for st in boxed)
        ]  # text that no ruled grid holds
        self.every_table = every_table
        if every_table:  # no running text, dot leaders, turned text or rules typed as text
            self.open_segments = _plain_text(self.open_segments, page)
        self.claimed: set[int] = set()
        self.parts: set[int] = set()  # what a table's later part, read so far, took
        self.goes_on: Grid | None = None  # the table that ended the page before, if any
        # that table has no caption yet, in a document that prints its captions under its
        # tables: a caption opening this page may be its, pushed over the page break
        self.awaits_caption = False
        self._options: list[Option] | None = None
        self._prose: set[int] | None = None  # the running text among open_segments
        self.charted: list[tuple[float, float, float, float]] = []  # charts read whole

    def leave_out_charts(self, texts: set[int], boxes: list) -> None:
        """Leave out of every table the text of the charts read whole on the page (their
        labels, however they align) and the rules inside their drawings (gridlines): a
        chart's, not a table's. Called before any table is looked for."""
        self.charted = [tuple(b) for b in boxes]
        self.segments = [s for s in self.segments if id(s) not in texts]
        self.open_segments = [s for s in self.open_segments if id(s) not in texts]
        for settings, found in self.structures.items():
            self.structures[settings] = self._outside_charts(found)

    def _outside_charts(self, structures: list[Structure]) -> list[Structure]:
        def inside(st: Structure, box) -> bool:
            x0, top_y, x1, bottom_y = box
            return x0 <= st.x0 and st.x1 <= x1 and top_y <= st.top and st.bottom <= bottom_y

        return [st for st in structures if not any(inside(st, b) for b in self.charted)]

    def _reads_as_grid(self, st: Structure) -> bool:
        grid = read_grid(self.segments, st, self.tables.defaults)
        return grid is not None and looks_like_table(grid, self.layout, True, self.page)

    # ------------------------------------------------------------ options

    def structures_for(self, settings: TableSettings) -> list[Structure]:
        if settings not in self.structures:
            self.structures[settings] = self._outside_charts(find_structures(self.layout, settings))
        return self.structures[settings]

    def options(self) -> list[Option]:
        if self._options is None:
            self._options = [self._option(c) for c in self.captions if c.kind == "tabell"]
        return self._options

    def _option(self, cap: Caption) -> Option:
        settings = self.tables.for_caption(normalize_ws(cap.text))
        left = _left_limit(cap, self.captions, settings)
        right = _right_limit(cap, self.captions, self.layout.width, settings)
        blocks = self._blocks(left, right, settings)
        return Option(
            cap,
            settings,
            self._below(cap, settings, (left, right), blocks),
            self._above(cap, settings, (left, right), blocks),
        )

    def _blocks(self, left: float, right: float, settings: TableSettings) -> list[Block]:
        slack = settings.caption_slack
        segs = [s for s in self.open_segments if left - slack <= s.cx <= right + slack]
        return find_blocks(segs, self.page, settings, self.caption_ids, self.every_table)

    def _in_column(self, x0: float, x1: float, cap: Caption, limits, settings) -> bool:
        left, right = limits
        slack = settings.caption_slack
        return (
            x0 >= left - slack
            and x1 <= right + slack
            and overlap(x0, x1, cap.x0 - slack, right) > 0
        )

    def _below(self, cap: Caption, settings: TableSettings, limits, blocks) -> Candidate | None:
        left, right = limits
        limit = min(
            (
                c.top
                for c in self.captions
                if c.top > cap.bottom and overlap(c.x0, c.x1, cap.x0, right) > 0
            ),
            default=self.layout.height,
        )
        found = [
            st
            for st in self.structures_for(settings)
            if st.top > cap.top
            and st.top < limit
            and self._in_column(st.x0, st.x1, cap, limits, settings)
        ]
        near = settings.caption_gap * cap.size
        block = next(
            (b for b in blocks if cap.bottom <= b.top + settings.cell_tolerance and b.top < limit),
            None,
        )
        if block is not None and block.top - cap.bottom > near:
            block = None
        image = _image_next_to(self.layout, cap, (left, right, limit), settings, self.page, True)
        return _candidate(found, block, image, settings, cap, first=True)

    def _above(self, cap: Caption, settings: TableSettings, limits, blocks) -> Candidate | None:
        left, right = limits
        limit = max(
            (
                c.bottom
                for c in self.captions
                if c.bottom < cap.top and overlap(c.x0, c.x1, cap.x0, right) > 0
            ),
            default=0.0,
        )
        near = settings.caption_gap * cap.size
        found = [
            st
            for st in self.structures_for(settings)
            if limit < st.top
            and st.bottom < cap.top + settings.cell_tolerance  # its glyphs may reach the rule
            and cap.top - st.bottom <= near
            and self._in_column(st.x0, st.x1, cap, limits, settings)
        ]
        block = next(
            (
                b
                for b in reversed(blocks)
                if b.bottom <= cap.top + settings.cell_tolerance and b.top > limit
            ),
            None,
        )
        if block is not None and cap.top - block.bottom > near:
            block = None
        image = _image_next_to(self.layout, cap, (left, right, limit), settings, self.page, False)
        return _candidate(found, block, image, settings, cap, first=False)

    # ------------------------------------------------------------ reading

    def read(self, captions_under: bool) -> list[FoundTable]:
        """The page's captioned tables: each caption's table on the document's side of the
        caption (over it where ``captions_under``) where it has one there, else on the
        other side."""
        found: list[FoundTable] = []
        for option in sorted(self.options(), key=lambda o: o.caption.continued):
            sides = [option.above, option.below] if captions_under else [option.below, option.above]
            if sides[0] is not None and self.parts & sides[0].ids():
                reason = "it stands by a table's later part, not by a table of its own"
                found.append(FoundTable(option.caption, None, None, self.layout.number, reason))
                continue  # the part's caption (content.py gives it to the part's table)
            if not captions_under and option.below is None and self._ends_page(option.caption):
                reason = "nothing under the caption reads as a table, and it ends its page"
                found.append(FoundTable(option.caption, None, None, self.layout.number, reason))
                continue  # its table may begin the next page (content.py carries it there)
            if captions_under and option.above is None and self._pushed(option.caption):
                reason = "nothing over the caption reads as a table, and it opens its page"
                found.append(FoundTable(option.caption, None, None, self.layout.number, reason))
                continue  # the caption of the table ending the page before (content.py)
            chosen = next((c for c in sides if c is not None and not self.claimed & c.ids()), None)
            if chosen is None and (option.caption.loose or option.caption.continued):
                continue  # running text that begins like a caption, or a part's marker
            if chosen is None:
                reason = "nothing under or over the caption reads as a table"
                found.append(FoundTable(option.caption, None, None, self.layout.number, reason))
                continue
            if option.caption.continued and self.goes_on is not None:
                chosen = self._in_columns(chosen, option.settings)
            caption_above = chosen is option.below
            read = self.read_candidate(option.caption, chosen, option.settings, caption_above)
            if option.caption.continued and all(ft.grid is None for ft in read):
                continue  # a part's marker over what reads as no table: it takes nothing
            self.claimed |= chosen.ids()
            found += read
        return found

    def _ends_page(self, cap: Caption) -> bool:
        """Whether a caption (no later part's marker, nor a loose one that reads as a
        sentence) ends its page: no text but furniture under it. In a document that sets its
        captions over its tables, what stands over such a caption is not its table (a chart,
        the table before)."""
        if (cap.loose and cap.sentence) or cap.continued:
            return False
        own = {id(s) for s in cap.segments}
        return not any(s.top >= cap.bottom for s in self.segments if id(s) not in own)

    def _pushed(self, cap: Caption) -> bool:
        """Whether a table caption opens its page (nothing but furniture over it) under a
        table without a caption ending the page before (``awaits_caption``): that table's
        caption, pushed over the page break, not the caption of what stands under it (a
        chart, the next table, each captioned under itself)."""
        if not self.awaits_caption or cap.continued or cap.kind != "tabell":
            return False
        if cap.loose and cap.sentence:
            return False
        own = {id(s) for s in cap.segments}
        return not any(s.bottom <= cap.top for s in self.segments if id(s) not in own)

    def _in_columns(self, cand: Candidate, settings: TableSettings) -> Candidate:
        """A marked later part's text cut to its first lines that stand in the columns of
        the table ending the page before (``goes_on``): what follows in other columns (the
        labels of a chart under the part) is no row of it, nor are the rules under the lines
        kept (the chart's gridlines) a part of it. Unchanged where its first line
        does not stand in them, or where rules box it."""
        if cand.block is None or (cand.structures and cand.structures[0].boxed(settings)):
            return cand
        whole = self.read_open(cand, settings, None, Evidence(no_header=True))
        if whole is not None and same_body(self.goes_on, whole):
            return cand  # set in columns of its own, each holding what the table's body does
        bounds = self.goes_on.col_bounds
        columns = list(pairwise(bounds))
        slack = self.page.continuation_slack
        lines = cand.block.lines
        n = 0
        while n < len(lines) and all(in_columns(s, columns, slack) for s in lines[n]):
            n += 1
        if n in (0, len(lines)):
            return cand
        block = Block(lines[:n], min(cand.block.body, n))
        tol = settings.cell_tolerance  # rules under the lines kept are the chart's, not its
        structures = [st for st in cand.structures if st.top <= block.bottom + tol]
        return Candidate(structures, block, cand.image)

    def read_candidate(
        self, cap: Caption | None, cand: Candidate, settings: TableSettings, caption_above: bool
    ) -> list[FoundTable]:
        page = self.layout.number
        if cand.image is not None and (not cand.structures and cand.block is None):
            return [FoundTable(cap, None, cand.image, page)]
        if cand.structures and cand.structures[0].boxed(settings):
            out = []
            for st in cand.structures:
                grid = read_grid(self.segments, st, settings)
                reason = "" if grid else "its rules make no grid of two rows and two columns"
                out.append(FoundTable(cap, grid, None, page, reason, settings, RULED_GRID))
            return out
        start = cap.bottom + settings.header_gap if cap is not None and caption_above else None
        grid = self.read_open(cand, settings, start)
        reason = "" if grid else "its text makes no table of two columns"
        if grid is not None and (crossed := self.across_rules(grid, settings)):
            grid, reason = None, crossed
        method = TableMethod.RULES_WHITESPACE if cand.structures else TableMethod.WHITESPACE
        return [FoundTable(cap, grid, None, page, reason, settings, method)]

    def across_rules(self, grid: Grid, settings: TableSettings) -> str:
        """Why a table read by its text's alignment is doubtful: cells whose text stands on
        both sides of a column rule drawn through them (``text_across_rules``); else ""."""
        n = text_across_rules(grid, self.segments, self.layout, settings)
        if not n:
            return ""
        cells = f"{n} cells of its reading hold" if n > 1 else "a cell of its reading holds"
        return f"{cells} text on both sides of a column rule"

    def read_open(
        self,
        cand: Candidate,
        settings: TableSettings,
        start: float | None,
        evidence: Evidence | None = None,
        pool: list[Segment] | None = None,
    ) -> Grid | None:
        """A table without column rules: its block of aligned text, with the rules of its
        structure (if any) telling where the header ends and which rows they separate; the
        text within the rules is taken from ``pool`` (the page's text no grid holds)."""
        st = cand.structures[0] if cand.structures else None
        if st is None:
            segs = cand.block.segments if cand.block else []
            if start is not None:
                segs = [s for s in segs if s.top >= start]
            return read_region(segs, settings, evidence or Evidence(), TableMethod.WHITESPACE)
        top_y = start if start is not None else cand.top
        bottom_y = max(st.bottom, cand.block.bottom if cand.block else st.bottom)
        box = (st.x0, top_y, st.x1, bottom_y)
        pool = self.open_segments if pool is None else pool
        segs = segments_in(pool, box, settings.cell_tolerance)
        segs = [s for s in segs if id(s) not in self.caption_ids]
        segs = self._without_prose_over(segs, st)
        if evidence is None:  # rules over the region's first line end no header of it
            rows = st.rows(settings)
            first = min((s.top for s in segs), default=top_y)
            evidence = rule_evidence(segs, [y for y in rows if y > first], settings)
        return read_region(segs, settings, evidence, TableMethod.RULES_WHITESPACE)

    def _without_prose_over(self, segs: list[Segment], st: Structure) -> list[Segment]:
        """A region's text less the running text over the top of the table's own rules and
        fills (long lines of words, and paragraphs whose lines go on in lower case to the end
        of a sentence, known among the page's text): no header lines of it. Lines that print
        values are kept, and so are heads stacked over lines of their own: they end no
        sentence (a paragraph's shape alone, ``running_text``, takes such heads)."""
        if self._prose is None:
            self._prose = {
                id(s) for s in self.open_segments if long_text(s, self.page)
            } | sentences(self.open_segments, self.page)
        over = [s for s in segs if s.bottom <= st.top]
        drop = {
            id(s)
            for line in printed_lines(over, self.page.line_core)
            if not value_line(line)
            for s in line
            if id(s) in self._prose
        }
        return [s for s in segs if id(s) not in drop]

    def unnumbered(self) -> list[FoundTable]:
        """Ruled grids that no caption took, and pictures under a title that names a source."""
        found = self._grids()
        for image, caption in _captioned_images(self.layout, self.captions, self.page):
            found.append(FoundTable(caption, None, image, self.layout.number))
        return found

    def uncaptioned(self, found: list[FoundTable], short: bool = False) -> list[FoundTable]:
        """Every table that no caption took (``found``: the page's tables so far): ruled
        grids, then aligned text with the rules that touch it, where what is read looks like
        a table (``short``: or may be a table's first part, ``FoundTable.short``)."""
        out = self._grids()
        settings = self.tables.defaults
        boxes = [ft.grid.bbox for ft in [*found, *out] if ft.grid is not None]
        free = [
            s
            for s in self.open_segments
            if id(s) not in self.caption_ids
            and id(s) not in self.claimed
            and not any(_in_box(s, b, settings.cell_tolerance) for b in boxes)
        ]
        prose = running_text(free, self.page) - cells_among_rows(free, self.page)
        free = [s for s in free if id(s) not in prose]
        structures = [
            st
            for st in self.structures[settings]
            if not self.claimed & st.ids() and not st.boxed(settings)
        ]
        blocks = [  # each with the text it was found in: what the rules by it may hold
            (b, part)
            for group in _under_bands(free, self.layout.fills)
            for part in self._framed_apart(group)
            for b in find_blocks(part, self.page, settings, self.caption_ids, True)
        ]
        for block, part in self._rows_after_gaps(blocks, structures):
            wide = settings.row_rule_length * (block.x1 - block.x0)  # not a rule over a total
            side = [
                st
                for st in structures
                if (_touches(block, [st]) or _heads(block, st)) and st.x1 - st.x0 >= wide
            ]
            cand = Candidate(side[:1], block)
            if self.claimed & cand.ids():
                continue
            grid = self.read_open(cand, settings, None, pool=part)
            if grid is None and not side:
                grid = read_region(block.segments, settings, Evidence(no_header=True))
            if grid is None:
                continue
            partial = not looks_like_table(grid, self.layout, False, self.page)
            if partial and not (short and may_begin_table(grid, self.layout, self.page)):
                continue
            self.claimed |= cand.ids()
            method = TableMethod.RULES_WHITESPACE if side else TableMethod.WHITESPACE
            if crossed := self.across_rules(grid, settings):
                ft = FoundTable(None, None, None, self.layout.number, crossed, settings, method)
                ft.region = grid.bbox
                out.append(ft)
                continue
            out.append(
                FoundTable(
                    None, grid, None, self.layout.number, "", settings, method, short=partial
                )
            )
        return out

    def _rows_after_gaps(
        self, blocks: list[tuple[Block, list[Segment]]], structures: list[Structure]
    ):
        """The blocks top to bottom, a block of values alone (no header lines of its own)
        joined to the block over it where each of its segments stands in that block's
        columns: the rows of one table after a gap (a rule between parts of a statement);
        and to the heads that rules box right over it (a block of heads without values)."""
        settings = self.tables.defaults
        slack = self.page.continuation_slack
        out: list[tuple[Block, list[Segment]]] = []
        for block, part in sorted(blocks, key=lambda bp: (bp[0].top, bp[0].x0)):
            if out and out[-1][1] is part and block.body == 0:
                above, _ = out[-1]
                boxed = [
                    st
                    for st in structures
                    if _heads(block, st) and _holds(st, above, settings.cell_tolerance)
                ]
                if boxed and not any(value_line(line) for line in above.lines):
                    out[-1] = (Block(above.lines + block.lines, len(above.lines)), part)
                    continue
                columns = text_columns(above.lines[above.body :], settings)
                stub = [(0.0, columns[0][1])] if columns else []  # its labels may stand out
                inside = all(  # to the left of the stub
                    in_columns(s, columns, slack) or in_columns(s, stub, slack)
                    for s in block.segments
                )
                values = any(value_line(line) for line in block.lines)
                if len(columns) > 1 and inside and values:
                    out[-1] = (Block(above.lines + block.lines, above.body), part)
                    continue
            out.append((block, part))
        return out

    def _framed_apart(self, segments: list[Segment]) -> list[list[Segment]]:
        """Text grouped by the panel of a frame it stands in (``frames``: rules boxing open
        text, not a grid): a rule running down a frame parts what stands on each side of it
        (a table and the charts beside it); text outside every frame is one group."""
        settings = self.tables.defaults
        groups: dict[tuple[int, int] | None, list[Segment]] = {}
        for s in segments:
            key = None
            for i, st in enumerate(self.frames):
                if _inside(s, st):
                    key = (i, sum(1 for x in st.columns(settings) if x < s.cx))
                    break
            groups.setdefault(key, []).append(s)
        return list(groups.values())

    def _grids(self) -> list[FoundTable]:
        """Ruled grids that no caption took."""
        defaults = self.tables.defaults
        found = []
        for st in self.structures[defaults]:
            if self.claimed & st.ids() or not st.boxed(defaults):
                continue
            grid = read_grid(self.segments, st, defaults)
            if grid is None or not looks_like_table(grid, self.layout, True, self.page):
                continue
            self.claimed |= st.ids()
            found.append(
                FoundTable(
                    None, grid, None, self.layout.number, settings=defaults, method=RULED_GRID
                )
            )
        return found

    # ------------------------------------------------------------ the page's first table

    def opening(
        self, header: frozenset[str] = frozenset(), lead: frozenset[int] = frozenset()
    ) -> Candidate | None:
        """What stands first on the page, where it may be a table going on from the page
        before: rules or aligned text that no caption took, with no other text above it
        (but ``lead``, segment ids: the last lines of a caption that ended the page before)
        but, where ``header`` (the words of the table's header) is given, that header
        repeated whole in lines of its own, set off from the body by a gap."""
        settings = self.tables.defaults
        width = self.layout.width
        # the caption's last lines stop the block as its first lines do: no header row
        blocks = find_blocks(self.open_segments, self.page, settings, self.caption_ids | lead)
        block = blocks[0] if blocks else None
        structures = [
            st
            for st in self.structures[settings]
            if not self.claimed & st.ids() and not _lone_rule(st, block, settings)
        ]
        cand = _candidate(structures, block, None, settings, None, True)
        if cand is None or self.claimed & cand.ids():
            return None
        marks = {id(s) for c in self.captions if c.continued for s in c.segments}
        above = [
            s
            for s in self.segments
            if s.bottom <= cand.top and 0 <= s.cx <= width and id(s) not in marks | lead
        ]  # a "(forts.)" caption over the part may stand above it
        if above and header and {w for s in above for w in s.text.split()} == header:
            return cand
        return None if above else cand

    def ends_page(self, grid: Grid) -> bool:
        """Whether only furniture and footnotes follow a table on its page: the lines under it
        are none, or begin with a footnote, or are printed smaller than the table."""
        x0, _, x1, end = grid.bbox
        under = [
            s
            for s in self.segments
            if s.top >= end - self.page.line_core and overlap(s.x0, s.x1, x0, x1) > 0
        ]
        if not under:
            return True
        lines = printed_lines(under, self.page.line_core)
        sizes = sorted(s.size for s in segments_in(self.segments, grid.bbox, 0.0))
        body_size = sizes[len(sizes) // 2] if sizes else 0.0
        return lines[0][0].lead_marker is not None or all(
            s.size < self.page.footnote_size * body_size for s in under
        )


def cells_among_rows(segments: list[Segment], settings: PageTableSettings) -> set[int]:
    """The ids of the long lines of text that are a table's cells: each within the width of
    rows of cells (printed lines of several segments) close over it and close under it, and
    beginning where a segment of one of those rows begins (a column's edge); with rows on
    one side only (the first row, the last), where one of their columns after the first
    begins. A long description wrapped in its column, or one on a row's own line, reads as
    running text by itself; a paragraph has no rows of cells on both sides of it, and one
    over or under a table begins at its left edge."""
    lines = printed_lines(segments, settings.line_core)
    rows = [line for line in lines if len(line) >= CELL_ROW_SEGMENTS]
    out: set[int] = set()
    for s in segments:
        if not long_text(s, settings):
            continue
        reach = CELL_ROW_REACH * s.size
        tol = CELL_EDGE * s.size
        across = [r for r in rows if _across(r, s, tol)]
        over = [r for r in across if s.top - reach <= bottom(r) <= s.bottom]
        under = [r for r in across if s.top <= top(r) <= s.bottom + reach]
        inner = 0 if over and under else 1  # by one side only: a column after the first
        edges = [u.x0 for r in over + under for u in r[inner:]]
        if any(abs(x - s.x0) <= tol for x in edges):
            out.add(id(s))
    for upper, lower in pairwise(sorted(segments, key=lambda s: (round(s.x0), s.top))):
        under = 0 <= lower.top - upper.bottom <= CELL_ROW_REACH * upper.size
        if id(upper) in out and under and lower.text[:1].islower():
            out.add(id(lower))  # its short last line, going on in lower case
    return out


def _across(row: list[Segment], s: Segment, tol: float) -> bool:
    """Whether a row of cells other than the segment's own spans the segment's width."""
    inside = row[0].x0 - tol <= s.x0 and s.x1 <= row[-1].x1 + tol
    return inside and all(u is not s for u in row)


def _under_bands(segments: list[Segment], fills: list[Box]) -> list[list[Segment]]:
    """Text parted at title bands: a filled bar holding one line of light text on a darker
    fill (inverse video), much wider than its words, heads what follows it; the text over a
    band and under it are read apart, and the band's title is no row. The title of a table
    set in a band beside its table is no row of it either."""
    bands = [f for f in fills if _band_text(f, segments)]
    groups: dict[tuple, list[Segment]] = {}
    for s in segments:
        if any(s in _band_text(f, segments) for f in bands):
            continue
        key = tuple(f.bottom <= s.top for f in bands if overlap(f.x0, f.x1, s.x0, s.x1) > 0)
        groups.setdefault((key.count(True), key.count(False) > 0), []).append(s)
    return list(groups.values()) if bands else [segments]


def _band_text(fill: Box, segments: list[Segment]) -> list[Segment]:
    """The segments of a title band: one line of light text on a darker fill, the fill at
    least ``BAND_WIDTH`` times as wide as the text; empty where ``fill`` is no band."""
    inside = [s for s in segments if _in_box(s, (fill.x0, fill.top, fill.x1, fill.bottom), 0)]
    if not inside or fill.fill is None:
        return []
    if len(printed_lines(inside, 0.0)) != 1:
        return []
    width = max(s.x1 for s in inside) - min(s.x0 for s in inside)
    if fill.x1 - fill.x0 < BAND_WIDTH * width:
        return []
    dark = _lightness(fill.fill)
    colours = [g.colour for s in inside for g in s.glyphs if g.colour is not None]
    if not colours or dark is None:
        return []
    return inside if all(_lightness(c) > dark + BAND_CONTRAST for c in colours) else []


def _lightness(colour) -> float | None:
    if not colour or len(colour) < 3:
        return None
    r, g, b = colour[:3]
    return (r + g + b) / 3


def same_body(before: Grid, grid: Grid) -> bool:
    """Whether a ruled grid goes on with the body of ``before`` without a header of its own
    (a table printed again with its columns set to other widths): as many columns, and
    each column's cells, its first row's too, of the kinds that column's body cells are
    (text, or values with the same sign after them, "%" or none)."""
    if len(grid.cells[0]) != len(before.cells[0]):
        return False
    body = before.cells[before.header_rows :]
    return bool(body) and all(
        {_kind(row[c]) for row in grid.cells} <= {_kind(row[c]) for row in body}
        for c in range(len(before.cells[0]))
    )


def _kind(cell: str) -> str:
    """A body cell's kind: empty, text, or a value by what follows its digits ("%", "")."""
    text = cell.strip()
    if not text:
        return ""
    if is_value(text):
        return "value" + text.lstrip("-−0123456789,. \u00a0\u2009")
    return "text"


def in_columns(s: Segment, columns, slack: float) -> bool:
    """Whether a segment stands in one of ``columns`` (x0, x1), to ``slack`` of its size."""
    return any(a - slack * s.size <= s.x0 and s.x1 <= b + slack * s.size for a, b in columns)


def _plain_text(segments: list[Segment], settings: PageTableSettings) -> list[Segment]:
    """The text a table may be read from, where any table is looked for: segments less
    their dot leaders, without running text (so that a table beside it reads as if alone),
    turned text (axis labels) and rules typed as dashes."""
    parts = [p for s in segments if s.upright for p in without_leaders(s)]
    parts = [p for p in parts if not TYPED_RULE.match(p.text)]
    prose = running_text(parts, settings) - cells_among_rows(parts, settings)
    return [p for p in parts if id(p) not in prose]


def _in_box(s: Segment, box: tuple[float, float, float, float], tol: float) -> bool:
    x0, top_y, x1, bottom_y = box
    return x0 - tol <= s.cx <= x1 + tol and top_y - tol <= s.cy <= bottom_y + tol


def _inside(s: Segment, st: Structure) -> bool:
    return st.x0 <= s.cx <= st.x1 and st.top <= s.cy <= st.bottom


def _candidate(
    structures: list[Structure],
    block: Block | None,
    image: Box | None,
    settings: TableSettings,
    cap: Caption | None,
    first: bool,
) -> Candidate | None:
    """The table nearest the caption on one side (``first``: the topmost under it; else the
    lowest over it): rules (with the aligned text they hold), aligned text, or a picture.
    Grids whose tops are level with the nearest one stand side by side."""
    options: list[Candidate] = []
    if structures:
        pick = min if first else max
        edge = pick(structures, key=lambda s: s.top if first else s.bottom)
        em = cap.size if cap is not None else settings.fallback_size
        side = sorted(
            (s for s in structures if abs(s.top - edge.top) < settings.side_by_side * em),
            key=lambda s: s.x0,
        )
        with_block = block if block is not None and _touches(block, side) else None
        if (
            first
            and with_block is None
            and block is not None
            and _rules_over(block, side, settings)
        ):
            side = []  # a top rule right over the text: the text is the table, read alone
        if side:
            options.append(Candidate(side, with_block))
    if block is not None and not any(c.block is block for c in options):
        options.append(Candidate(block=block))
    if image is not None:
        options.append(Candidate(image=image))
    if not options:
        return None
    if first:
        return min(options, key=lambda c: c.top)
    return max(options, key=lambda c: c.bottom)


def _holds(st: Structure, block: Block, tol: float) -> bool:
    """Whether a block stands within the rules of a structure (between its top and bottom,
    to ``tol``: its glyphs may reach a rule)."""
    return st.top - tol <= block.top and block.bottom <= st.bottom + tol


def _heads(block: Block, st: Structure) -> bool:
    """Whether rules stand right over a block, boxing its header (a top rule and a rule
    under the heads, the body's lines further down): their bottom within ``HEAD_REACH``
    lines of the block's text over its top, across it."""
    if st.vrulings or st.fills:  # only rules across: a chart's bars or a grid box no heads
        return False
    sizes = sorted(s.size for s in block.segments)
    reach = HEAD_REACH * sizes[len(sizes) // 2] if sizes else 0.0
    return (
        st.bottom <= block.top
        and block.top - st.bottom <= reach
        and overlap(block.x0, block.x1, st.x0, st.x1) > 0
    )


def _touches(block: Block, structures: list[Structure]) -> bool:
    return any(
        block.top <= st.bottom
        and st.top <= block.bottom
        and overlap(block.x0, block.x1, st.x0, st.x1) > 0
        for st in structures
    )


def _lone_rule(st: Structure, block: Block | None, settings: TableSettings) -> bool:
    """Whether a structure is one rule across the page holding no text, apart from the text
    under it: a table's top rule over a header that is read apart from its body (repeated
    over a part), not a table by itself. A rule right over the text's first line (its
    header's top rule) is the table's."""
    flat = st.bottom - st.top <= settings.rule_tolerance
    return flat and (
        block is None or not (_touches(block, [st]) or _rules_over(block, [st], settings))
    )


def _rules_over(block: Block, structures: list[Structure], settings: TableSettings) -> bool:
    """Whether every structure is a rule right over the text's first line, across it and
    closer than ``rule_over_text`` of its size: a top rule over a table's header, which
    tells neither its header nor its rows."""
    reach = settings.rule_over_text * size(block.lines[0])
    return all(
        st.bottom <= block.top <= st.bottom + reach
        and overlap(block.x0, block.x1, st.x0, st.x1) > 0
        for st in structures
    )


def _right_limit(
    caption: Caption, captions: list[Caption], width: float, settings: TableSettings
) -> float:
    limit = width
    for other in captions:
        if other is caption:
            continue
        same_line = abs(other.top - caption.top) < settings.caption_same_line * caption.size
        if same_line and other.x0 > caption.x1 - settings.caption_slack:
            limit = min(limit, other.x0 - settings.caption_margin)
    return limit


def _left_limit(caption: Caption, captions: list[Caption], settings: TableSettings) -> float:
    limit = 0.0
    for other in captions:
        same_line = abs(other.top - caption.top) < settings.caption_same_line * caption.size
        if other is not caption and same_line and other.x1 < caption.x0 + settings.caption_slack:
            limit = max(limit, other.x1 + settings.caption_margin)
    return limit


def _is_decoration(img: Box, layout: PageLayout, settings: PageTableSettings) -> bool:
    w, h = img.x1 - img.x0, img.bottom - img.top
    if w <= 0 or h <= 0:
        return True
    if w / h > settings.decoration_aspect or h / w > settings.decoration_aspect:
        return True
    return img.area < settings.decoration_area * layout.width * layout.height


def _image_next_to(
    layout: PageLayout,
    cap: Caption,
    within: tuple[float, float, float],
    settings: TableSettings,
    page: PageTableSettings,
    below: bool,
) -> Box | None:
    """The picture right under (``below``) or over a caption, within (left, right, limit):
    the limit is how far down, or up, the picture may reach."""
    left, right, limit = within
    slack = settings.caption_slack
    reach = settings.image_gap * cap.size
    for img in sorted(layout.images, key=lambda b: b.top if below else -b.bottom):
        if _is_decoration(img, layout, page):
            continue
        if below:
            start = cap.bottom - settings.image_overlap
            near = start <= img.top < min(limit, cap.bottom + reach)
        else:
            end = cap.top + settings.image_overlap
            near = max(limit, cap.top - reach) < img.bottom <= end
        if near and left - slack <= img.x0 and img.x1 <= right + slack:
            return img
    return None


def _captioned_images(layout: PageLayout, captions: list[Caption], settings: PageTableSettings):
    """Pictures with a bold title line right above them and no numbered caption."""
    numbered_tops = [c.bottom for c in captions]
    for img in sorted(layout.images, key=lambda b: (b.top, b.x0)):
        if _is_decoration(img, layout, settings):
            continue
        if any(0 <= img.top - t < settings.captioned_image_gap for t in numbered_tops):
            continue
        above = [
            s
            for s in layout.segments
            if s.bold
            and s.bottom <= img.top + settings.title_overlap
            and img.top - s.bottom < settings.title_gap * s.size
            and overlap(s.x0, s.x1, img.x0, img.x1) > 0
        ]
        if not above or not any(TITLE_SOURCE.search(s.text) for s in above):
            continue
        last = max(above, key=lambda s: s.bottom)
        lines = [last]
        for s in sorted(above, key=lambda s: -s.bottom):
            follows = lines[0].top - s.bottom < settings.title_line_gap * s.size
            if s is not last and follows and abs(s.x0 - last.x0) < settings.title_indent:
                lines.insert(0, s)
        cap = Caption("bilde", "", join_lines([s.text for s in lines]), lines, [])
        yield img, cap
