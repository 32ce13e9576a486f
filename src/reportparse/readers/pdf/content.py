"""A PDF report in one pass: its tables (with ids, notes and provenance) and its paragraphs.

A table that goes on over a page break is published as one table with every page it is on:
under a caption that repeats its number ("Tabell 2 (forts.)"), or with no caption at all
where the table before ends its page and the next page begins with rules or aligned text in
its columns (its header repeated or not; running heads, page numbers and footnotes on the
way are left out).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from string import ascii_lowercase

from ...model import (
    CellBox,
    ChartLabel,
    ChartReading,
    ChartScale,
    ContentMode,
    DocumentError,
    Paragraph,
    ParagraphKind,
    Table,
    TableKind,
    TableMethod,
    TableNote,
    TableStatus,
)
from ...specs.settings import (
    BY_CAPTION,
    CHARTS,
    PAGE_TABLES,
    TEXT,
    ChartSettings,
    PageTableSettings,
    SettingsByCaption,
    TableSettings,
    TextSettings,
)
from ...text.normalize import join_lines, normalize_ws
from ...text.printed import goes_on, is_value
from .alignment import Evidence, read_region
from .captions import Caption
from .cells import Grid, overlap, printed_lines, segments_in
from .charts import Chart, read_charts
from .furniture import contents, furniture
from .header import same_header
from .layout import Box, PageLayout
from .rulings import read_grid
from .tables import Candidate, FoundTable, PageTables, captions_under, in_columns, same_body
from .text import page_paragraphs


@dataclass
class PdfContent:
    tables: list[Table]
    paragraphs: list[Paragraph]


def _table_ids(found: list[FoundTable]) -> list[str]:
    """``tabell-N``; ``tabell-Na``/``b``... side by side under one caption; ``utabell-pP-K``.
    A table's continuation on a later page has its table's id.

    More tables under one caption than letters a-z is a DocumentError."""
    ids: list[str] = []
    per_caption: dict[int, list[int]] = {}
    per_page: dict[int, int] = {}
    index = {id(ft): i for i, ft in enumerate(found)}
    for i, ft in enumerate(found):
        if ft.caption is not None and ft.caption.kind == "tabell" and ft.continues is None:
            per_caption.setdefault(id(ft.caption), []).append(i)
    for i, ft in enumerate(found):
        if ft.continues is not None:
            ids.append(ids[index[id(ft.continues)]])
        elif ft.caption is not None and ft.caption.kind == "tabell":
            group = per_caption[id(ft.caption)]
            base = f"tabell-{ft.caption.number}"
            if len(group) > len(ascii_lowercase):
                raise DocumentError(
                    f"{len(group)} tables side by side under the caption of table "
                    f"{ft.caption.number} (page {ft.page}): only {len(ascii_lowercase)} "
                    "can be lettered a-z"
                )
            ids.append(base if len(group) == 1 else base + ascii_lowercase[group.index(i)])
        else:
            per_page[ft.page] = per_page.get(ft.page, 0) + 1
            ids.append(f"utabell-p{ft.page}-{per_page[ft.page]}")
    return ids


def _order_key(ft: FoundTable, settings: PageTableSettings) -> tuple:
    if ft.grid is not None:
        x0, top, _, _ = ft.grid.bbox
    elif ft.image is not None:
        x0, top = ft.image.x0, ft.image.top
    elif ft.caption is None and ft.region is not None:  # a table not read, where it stands
        x0, top = ft.region[0], ft.region[1]
    else:
        x0, top = ft.caption.x0, ft.caption.top
    if ft.caption is not None and ft.caption.kind == "tabell" and ft.continues is None:
        top = min(top, ft.caption.top)
    return (ft.page, round(top / settings.order_row_step), x0)


@dataclass
class PageContent:
    """What one page holds before anything is joined across pages: its tables (a part of the
    table before included, ``FoundTable.continues``), its charts and its paragraphs."""

    number: int
    tables: list[FoundTable]
    charts: list[Chart]
    paragraphs: list[Paragraph]
    ends_with: FoundTable | None  # its last table, where that table ends the page
    waiting: FoundTable | None = None  # a caption at its foot whose table is on the next page


def read_content(
    layouts: list[PageLayout],
    mode: ContentMode = ContentMode.SPEC,
    tables: SettingsByCaption = BY_CAPTION,
    page: PageTableSettings = PAGE_TABLES,
    text: TextSettings = TEXT,
    charts: ChartSettings = CHARTS,
) -> PdfContent:
    """The tables, figures and paragraphs of a PDF's pages. ``tables`` gives the settings of
    each captioned table (a spec's overrides), ``page``, ``text`` and ``charts`` hold for
    every page; ``mode`` says which tables without a caption are read. Each page is read on
    its own (``read_page``), then the pages are joined (``join_pages``)."""
    furnished = furniture(layouts, page)
    for i, layout in enumerate(layouts):
        furnished[i] |= contents(layout, len(layouts), page)
    pages = [
        PageTables(layout, furnished[i], tables, page, mode == ContentMode.EVERY)
        for i, layout in enumerate(layouts)
    ]
    page_charts = []
    for p in pages:  # a chart read whole gives no table its labels or its gridlines
        layout = p.layout
        found = read_charts(p.captions, layout.segments, layout.marks, layout.images, charts)
        whole = [c for c in found if c.status == TableStatus.EXTRACTED]
        p.leave_out_charts(
            {id(s) for c in whole for s in c.texts}, [c.bbox for c in whole if c.bbox]
        )
        page_charts.append(found)
    under = captions_under([o for p in pages for o in p.options()])
    read: list[PageContent] = []
    adopted: list[FoundTable] = []  # tables without a caption ending a page, gone on after
    for i, p in enumerate(pages):
        before = read[-1] if read else None
        carried = _carried(p, before.waiting) if before and before.waiting else None
        if carried is not None:  # the caption's table is this page's first: no longer failed
            before.tables.remove(before.waiting)
        ends_with = before.ends_with if before else None
        if before is not None and ends_with is None and under:
            ends_with = _uncaptioned_end(pages[i - 1], before)
        read.append(read_page(p, under, ends_with, mode, page_charts[i], text, carried))
        goes_on = ends_with is not None and (
            any(ft.continues is ends_with for ft in read[-1].tables)
            or ends_with.caption is not None  # its caption, pushed onto this page
        )
        if goes_on and all(ft is not ends_with for ft in before.tables):  # it goes on here
            before.tables.append(ends_with)
            adopted.append(ends_with)
    if mode != ContentMode.EVERY:  # parts whose caption never came: no table asked for
        lost = {id(ft) for ft in adopted if ft.caption is None}
        for content in read:
            content.tables = [
                ft for ft in content.tables if id(ft) not in lost and id(ft.continues) not in lost
            ]
    return join_pages(read, page)


def read_page(
    p: PageTables,
    under,
    last: FoundTable | None,
    mode: ContentMode,
    page_charts: list[Chart],
    text: TextSettings,
    carried: FoundTable | None = None,
) -> PageContent:
    """One page: its captioned tables (``carried``: the table it begins with, whose caption
    ended the page before), the part of ``last`` (the table that ended the page before) it
    begins with, the tables without a caption that ``mode`` asks for, its charts, and its
    running text (none taken from a table, a caption or a chart)."""
    settings = p.page
    captionless = under and last is not None and last.caption is None
    p.goes_on = last.grid if last is not None else None
    p.awaits_caption = captionless
    early = _continuation(p, last) if captionless else None  # its caption may come under it
    page_found = p.read(under)
    if carried is not None:
        page_found.append(carried)
    if early is not None:  # its caption may stand under a part on a later page yet
        _caption_under(page_found, early, last.continues or last, p.tables.defaults)
    more = early or _continuation(p, last)
    if more is not None:
        page_found.append(more)
    elif captionless:
        _caption_atop(page_found, p, last.continues or last)
    if mode == ContentMode.EVERY:
        page_found += p.uncaptioned(page_found)
    elif mode == ContentMode.SPEC_AND_UNNUMBERED:
        page_found += p.unnumbered()
    page_found.sort(key=lambda ft: _order_key(ft, settings))
    grids = [ft for ft in page_found if ft.grid is not None]
    ends_with = grids[-1] if grids and p.ends_page(grids[-1].grid) else None
    layout = p.layout
    exclude = [Box(*ft.grid.bbox) for ft in page_found if ft.grid is not None]
    exclude += [Box(s.x0, s.top, s.x1, s.bottom) for s in layout.segments if id(s) in p.furniture]
    exclude += [Box(s.x0, s.top, s.x1, s.bottom) for s in _table_rows(p, exclude)]
    taken = {id(ft.caption) for ft in page_found} | {id(c.caption) for c in page_charts}
    for cap in p.captions:  # a loose caption that took nothing is running text, if it reads
        if id(cap) in taken or not cap.loose or not cap.sentence:  # as a sentence
            exclude += [Box(s.x0, s.top, s.x1, s.bottom) for s in cap.segments]
    for ft in page_found:
        if ft.caption is not None:
            exclude += [Box(s.x0, s.top, s.x1, s.bottom) for s in ft.caption.segments]
    for chart in page_charts:  # a drawing and the text read as part of it
        if chart.method == TableMethod.VECTOR_CHART and chart.bbox is not None:
            exclude.append(Box(*chart.bbox))
        exclude += [Box(s.x0, s.top, s.x1, s.bottom) for s in chart.texts]
    paragraphs = page_paragraphs(layout, exclude, text)
    waiting = next((ft for ft in page_found if _waits(p, ft)), None)
    return PageContent(layout.number, page_found, page_charts, paragraphs, ends_with, waiting)


def _table_rows(p: PageTables, exclude: list[Box]) -> list:
    """The segments of printed lines that no table took but that are a table's rows, not
    running text: a line set in columns (two segments or more, apart by a column gap) of
    which one is a value alone ("Agder", "56 %"), or three columns or more. They give no
    paragraph, so no key figure: a table the engine could not read says nothing."""
    free = [s for s in p.segments if not any(_inside(s, b) for b in exclude)]
    out = []
    for line in printed_lines(free, p.page.line_core):
        if len(line) >= 3 or (len(line) == 2 and any(is_value(s.text) for s in line)):
            out += line
    return out


def _inside(s, box: Box) -> bool:
    return box.x0 <= s.cx <= box.x1 and box.top <= s.cy <= box.bottom


def _waits(p: PageTables, ft: FoundTable) -> bool:
    """A table caption with nothing read under or over it that ends its page: only furniture
    follows it, so its table may begin the next page."""
    cap = ft.caption
    if ft.grid is not None or ft.image is not None or cap is None or cap.kind != "tabell":
        return False
    if cap.loose and cap.sentence:
        return False
    own = {id(s) for s in cap.segments}
    return not any(s.top >= cap.bottom for s in p.segments if id(s) not in own)


def _carried(p: PageTables, waiting: FoundTable) -> FoundTable | None:
    """The table of a caption that ended the page before, where this page begins with one
    (rules or aligned text that no caption took, nothing above them but furniture)."""
    caption = waiting.caption
    lead = _caption_goes_on(p, caption)
    cand = p.opening(lead=frozenset(id(s) for s in lead))
    if cand is None:
        return None
    if lead:  # the caption's last lines, on this page: its text is whole, its lines these
        text = join_lines([caption.text, *(s.text for s in lead)])
        markers = [*caption.markers, *(m.text for s in lead for m in s.markers)]
        caption = replace(caption, text=text, segments=lead, markers=markers)
    settings = p.tables.for_caption(caption.text)
    found = p.read_candidate(caption, cand, settings, False)
    if any(ft.grid is None for ft in found):
        return None
    p.claimed |= cand.ids()
    first = found[0]
    return FoundTable(caption, first.grid, None, p.layout.number, "", settings, first.method)


def _caption_goes_on(p: PageTables, caption: Caption) -> list:
    """The lines at the top of a page (furniture aside) that go on with a caption that ended
    the page before: in its style, the first going on from its last line (a comma, a word
    that cannot end it, lower case). None where other text stands among them."""
    settings = p.page
    last = caption.segments[-1]
    lines = printed_lines(p.segments, settings.line_core)
    out: list = []
    for line in lines:
        styled = all(
            abs(s.size - last.size) < settings.caption_same_size
            and s.bold == last.bold
            and s.italic == last.italic
            for s in line
        )
        first = out[-1].text if out else last.text
        if not styled or len(line) > 1 or not goes_on(first, line[0].text):
            break
        out.append(line[0])
    return out


def join_pages(pages: list[PageContent], settings: PageTableSettings) -> PdfContent:
    """The document's tables and figures from its pages: ids given across the document, the
    parts of a table on later pages appended to it, notes found wherever they are printed."""
    found = [ft for p in pages for ft in p.tables]
    figures = [(p.number, chart) for p in pages for chart in p.charts]
    paragraphs = [para for p in pages for para in p.paragraphs]
    ids = _table_ids(found)
    footnotes = {(p.page, p.marker): p.text for p in paragraphs if p.kind == ParagraphKind.FOOTNOTE}
    by_marker = {p.marker: p.text for p in paragraphs if p.kind == ParagraphKind.FOOTNOTE}
    notes = [p for p in paragraphs if p.kind == ParagraphKind.NOTE]
    read: list[tuple[tuple, Table]] = []
    for tid, ft in zip(ids, found, strict=True):
        table = _table(tid, ft, footnotes, by_marker, notes)
        previous = next((t for _, t in read if t.table_id == tid), None)
        if previous is not None:
            lost = _header_lost(previous, table)
            if lost:  # joined, it would be published without its header: withheld
                _apart(previous, table, lost, {t.table_id for _, t in read} | set(ids))
                read.append((_order_key(ft, settings), table))
                continue
            why = _no_join(previous, table)
            if not why:
                _continue(previous, table)  # the same table on a later page
                continue
            taken = {t.table_id for _, t in read} | set(ids)
            if _another_table(previous, table, ft):
                table.table_id = _own_id(table.pages[0], taken)
            else:
                _apart(previous, table, why, taken)
        read.append((_order_key(ft, settings), table))
    for (number, chart), fid in zip(figures, _figure_ids(figures), strict=True):
        if fid is not None:
            table = _figure(fid, number, chart, footnotes, by_marker, notes)
            read.append((_figure_order_key(number, chart, settings), table))
    read.sort(key=lambda pair: pair[0])  # stable: tables before figures of the same place
    return PdfContent([t for _, t in read], paragraphs)


def _no_join(first: Table, more: Table) -> str:
    """Why ``more``, printed under the number of ``first`` on a later page, cannot be joined
    to it as its part; "" where it can (both read, with as many columns)."""
    if more.status != TableStatus.EXTRACTED:
        return f"it was not read ({more.reason})"
    if first.status != TableStatus.EXTRACTED:
        return f"the table was not read ({first.reason})"
    a, b = len(first.cells[0]), len(more.cells[0])
    return "" if a == b else f"it has {b} columns, the table {a}"


def _header_lost(first: Table, more: Table) -> str:
    """Why two parts of a table, read whole with as many columns, are not joined where the
    later part has a header and the first none: the table's header was lost (read as
    furniture, or into other text), and joined it would be published without one, its
    part's header in its body. "" where the headers agree as far as this goes."""
    if not (first.status == more.status == TableStatus.EXTRACTED) or first.header_rows:
        return ""
    if not more.header_rows or len(first.cells[0]) != len(more.cells[0]):
        return ""
    heads = " / ".join(" | ".join(filter(None, r)) for r in more.cells[: more.header_rows])
    return (
        f"their headers differ: none read on page {first.pages[0]}, "
        f"'{heads}' on page {more.pages[0]}"
    )


def _another_table(first: Table, more: Table, found: FoundTable) -> bool:
    """A table read whole under a caption that repeats an earlier table's number without
    saying it goes on ("forts."), with other columns than that table: another table printed
    under the same number (a paper's sub-tables, a number printed twice), not its part. It
    takes an id of its own, and both stay as read."""
    return (
        first.status == more.status == TableStatus.EXTRACTED
        and found.caption is not None
        and not found.caption.continued
    )


def _apart(first: Table, more: Table, why: str, taken: set[str]) -> None:
    """Two tables under one printed number that do not join: the later one takes an id of
    its own (``utabell-pP-K``), each says why, naming the other, and neither is published as
    whole (the table lacks that part's rows) — unless nothing was read under the first: then
    it is no part, and the table read later keeps the number."""
    number = first.table_id
    if not first.cells and more.status == TableStatus.EXTRACTED:
        # Nothing at all was read under the first caption (a caption at a page's foot, its
        # table on the next page, or a mention set like a caption): it is no part of the
        # table read later, which keeps the number. The caption's record keeps its failure,
        # under an id of its own, and names the table.
        first.table_id = _own_id(first.pages[0], taken)
        first.reason = f"{first.reason}; {number} was read on page {more.pages[0]}"
        return
    page = more.pages[0]
    own = _own_id(page, taken)
    if first.status == TableStatus.EXTRACTED:
        first.status = TableStatus.INCOMPLETE
        first.reason = f"its part on page {page} ({own}) does not join it: {why}"
    if more.status == TableStatus.EXTRACTED:
        more.status = TableStatus.INCOMPLETE
    more.reason = f"printed as {number}'s part, but does not join it: {why}"
    more.table_id = own


def _own_id(page: int, taken: set[str]) -> str:
    """The first ``utabell-pP-K`` of ``page`` not yet taken."""
    k = 1
    while f"utabell-p{page}-{k}" in taken:
        k += 1
    return f"utabell-p{page}-{k}"


def _figure_ids(figures: list[tuple[int, Chart]]) -> list[str | None]:
    """``figur-N``; ``figur-Na``/``b``... where one number has several drawings. A caption
    with nothing drawn next to it (None: left out) where its number has a drawing elsewhere,
    as an entry in a list of figures has."""
    drawn: dict[str, list[int]] = {}
    for i, (_, chart) in enumerate(figures):
        if chart.status != TableStatus.FAILED:
            drawn.setdefault(chart.caption.number, []).append(i)
    ids: list[str | None] = []
    seen: set[str] = set()
    for i, (_, chart) in enumerate(figures):
        number = chart.caption.number
        group = drawn.get(number, [])
        if chart.status == TableStatus.FAILED and (group or number in seen):
            ids.append(None)
        elif len(group) > 1:
            if len(group) > len(ascii_lowercase):
                raise DocumentError(
                    f"{len(group)} drawings under captions of figure {number}: only "
                    f"{len(ascii_lowercase)} can be lettered a-z"
                )
            ids.append(f"figur-{number}{ascii_lowercase[group.index(i)]}")
        else:
            ids.append(f"figur-{number}")
        seen.add(number)
    return ids


def _figure_order_key(number: int, chart: Chart, settings: PageTableSettings) -> tuple:
    top, x0 = chart.caption.top, chart.caption.x0
    if chart.bbox is not None:
        top, x0 = min(top, chart.bbox[1]), chart.bbox[0]
    return (number, round(top / settings.order_row_step), x0)


def _figure(fid: str, page: int, chart: Chart, footnotes, by_marker, notes) -> Table:
    """A chart's data table as printed, with its caption's notes and how it was read."""
    reading = None
    if chart.method == TableMethod.VECTOR_CHART and chart.bbox is not None:
        reading = ChartReading(
            kind=chart.kind,
            vertical=chart.vertical,
            labels=[
                ChartLabel(r.row, r.col, r.text, list(r.element), list(r.label))
                for r in chart.readings
            ],
            scales=[
                ChartScale(list(s.series), s.origin, s.per_unit, s.source) for s in chart.scales
            ],
        )
    return Table(
        table_id=fid,
        caption=normalize_ws(chart.caption.text),
        pages=[page],
        method=chart.method,
        status=chart.status,
        cells=chart.cells,
        header_rows=1 if chart.cells else 0,
        notes=[
            TableNote(None, None, m, _note_text(m, page, footnotes, by_marker, notes))
            for m in chart.caption.markers
        ],
        bbox=list(chart.bbox) if chart.bbox is not None else None,
        kind=TableKind.FIGURE,
        reason=chart.reason,
        chart=reading,
    )


def _continuation(p: PageTables, last: FoundTable | None) -> FoundTable | None:
    """The part of ``last`` (the table that ended the page before) that this page begins
    with: rules or aligned text that no caption took, first on the page, in its columns.
    Its header is dropped where it repeats the table's; else it has none."""
    if last is None or last.grid is None:
        return None
    before = last.grid
    words = {w for row in before.cells[: before.header_rows] for c in row for w in c.split()}
    cand = p.opening(frozenset(words))
    if cand is None:
        return None
    root = last.continues or last
    settings = last.settings or p.tables.defaults
    mark = _marker(p, cand)
    if mark is not None and root.caption is not None and mark.number != root.caption.number:
        return None  # "Tabell 3 (forts.)" over it: another table's part
    width = len(before.cells[0])
    if cand.structures and cand.structures[0].boxed(settings):
        grid = read_grid(p.segments, cand.structures[0], settings)
        if grid is None:  # one row between two rules: its rules make no grid of two rows
            grid = _one_row(p, cand.structures[0], settings)
        fits = grid is not None and (
            _same_grid(before, grid, p.page.continuation_slack * _size(p, grid))
            or (mark is not None and len(grid.cells[0]) == width)
            or same_body(before, grid)
        )
    else:
        head = before.cells[: before.header_rows]
        grid = p.read_open(cand, settings, None)
        marked = mark is not None and grid is not None and len(grid.cells[0]) == width
        # the header repeated, its heads read into other cells (a part of one or two rows
        # shows too few values to set its columns by): the same words in the same order
        repeated = (
            grid is not None and bool(head) and _words(grid.cells[: len(head)]) == _words(head)
        )
        if (
            not marked
            and not repeated
            and (grid is None or not same_header(head, grid.cells[: grid.header_rows]))
        ):
            if last.short:  # a short part is a table's only under its header repeated
                return None
            grid = _headless_part(p, cand, settings, before)
        fits = grid is not None and len(grid.cells[0]) == width
    if not fits:
        return None
    p.claimed |= cand.ids()
    p.parts |= cand.ids()
    return FoundTable(root.caption, grid, None, p.layout.number, settings=settings, continues=root)


def _headless_part(
    p: PageTables, cand: Candidate, settings: TableSettings, before: Grid
) -> Grid | None:
    """An open part under no header of its own: read in its own columns where that gives
    the columns of the table before, each holding what its body holds there (a browser lays
    a part out anew, its columns narrower); else in the columns of the table before, where
    its text stands in them. Either way its cells must be of the kinds the body's are: a
    part read into columns not its own ("Vestfold 32,4 %" as a stub) is none."""
    width = len(before.cells[0])
    own = p.read_open(cand, settings, None, Evidence(no_header=True))
    if own is not None and len(own.cells[0]) == width and same_body(before, own):
        return own
    columns = tuple(zip(before.col_bounds, before.col_bounds[1:], strict=False))
    if not _within(cand, columns, p.page.continuation_slack):
        return None
    grid = p.read_open(cand, settings, None, Evidence(columns=columns, no_header=True))
    return grid if grid is not None and same_body(before, grid) else None


def _one_row(p: PageTables, st, settings) -> Grid | None:
    """The text between a structure's rules read as a table of its own columns, no header:
    a part of one row under no header of its own."""
    segs = segments_in(p.segments, (st.x0, st.top, st.x1, st.bottom), settings.cell_tolerance)
    evidence = Evidence(no_header=True)
    return read_region(segs, settings, evidence, TableMethod.RULES_WHITESPACE) if segs else None


def _marker(p: PageTables, cand: Candidate) -> Caption | None:
    """The caption that marks ``cand`` as a table's later part ("Tabell 2 (forts.)") right
    over it, where one does: nothing else stands over a page's opening."""
    tol = p.tables.defaults.cell_tolerance
    marks = [
        c for c in p.captions if c.continued and c.kind == "tabell" and c.bottom <= cand.top + tol
    ]
    return max(marks, key=lambda c: c.bottom, default=None)


def _size(p: PageTables, grid: Grid) -> float:
    """The size of the text a grid holds (the middle one)."""
    sizes = sorted(s.size for s in segments_in(p.segments, grid.bbox, 0.0))
    return sizes[len(sizes) // 2] if sizes else p.tables.defaults.fallback_size


def _same_grid(before: Grid, grid: Grid, slack: float) -> bool:
    """Whether a ruled grid goes on with ``before``: as many columns, and its header repeats
    the table's or its column rules stand where the table's do (to ``slack``, in points)."""
    if len(grid.cells[0]) != len(before.cells[0]):
        return False
    if before.header_rows and same_header(
        before.cells[: before.header_rows], grid.cells[: grid.header_rows]
    ):
        return True
    return len(grid.col_bounds) == len(before.col_bounds) and all(
        abs(a - b) <= slack for a, b in zip(grid.col_bounds, before.col_bounds, strict=True)
    )


def _uncaptioned_end(p: PageTables, content: PageContent) -> FoundTable | None:
    """The table without a caption that ends page ``p`` (read as ``content``), in a document
    that prints its captions under its tables: its caption may stand under its last part, on
    the next page. The lowest on the page, whatever order the tables were found in (ruled
    grids first, then aligned text: a chart's labels over it read as a table too)."""
    grids = [ft for ft in p.uncaptioned(content.tables, short=True) if ft.grid is not None]
    last = max(grids, key=lambda ft: ft.grid.bbox[3], default=None)
    return last if last is not None and p.ends_page(last.grid) else None


def _caption_under(
    page_found: list[FoundTable], part: FoundTable, root: FoundTable, settings: TableSettings
) -> bool:
    """Give ``root`` (a table ending the page before, without a caption) the caption under
    ``part``, its part on this page: the nearest table caption under the part (its glyphs
    may reach up to the part's last rule, within ``cell_tolerance``) and across its columns
    that took nothing. That caption's failure is dropped. Whether there was one."""
    x0, _, x1, bottom = part.grid.bbox

    def across(cap) -> bool:
        return overlap(min(s.x0 for s in cap.segments), max(s.x1 for s in cap.segments), x0, x1) > 0

    under = [
        ft
        for ft in page_found
        if ft.grid is None
        and ft.image is None
        and ft.caption is not None
        and ft.caption.kind == "tabell"
        and not ft.caption.continued
        and ft.caption.top >= bottom - settings.cell_tolerance
        and across(ft.caption)
    ]
    if not under:
        return False
    nearest = min(under, key=lambda ft: ft.caption.top)
    root.caption = part.caption = nearest.caption
    page_found.remove(nearest)
    return True


def _caption_atop(page_found: list[FoundTable], p: PageTables, root: FoundTable) -> None:
    """Give ``root`` (a table without a caption that ended the page before, in a document
    that sets its captions under its tables) the table caption that opens this page, with
    nothing above it but furniture and nothing read by it: its caption, pushed onto the
    next page. That caption's failure is dropped."""
    for ft in page_found:
        cap = ft.caption
        if ft.grid is not None or ft.image is not None or cap is None:
            continue
        if cap.kind != "tabell" or cap.continued:
            continue
        own = {id(s) for s in cap.segments}
        if any(s.bottom <= cap.top for s in p.segments if id(s) not in own):
            continue
        root.caption = cap
        page_found.remove(ft)
        return


def _within(cand: Candidate, columns, slack: float) -> bool:
    """Whether every segment of a candidate's text stands in one of ``columns`` (x0, x1)."""
    segs = cand.block.segments if cand.block else []
    return bool(segs) and all(in_columns(s, columns, slack) for s in segs)


def _note_text(marker: str, page: int, footnotes, by_marker, notes: list[Paragraph]) -> str:
    if marker.strip("*") == "":
        for p in sorted(notes, key=lambda p: (p.page < page, p.page, p.top)):
            if p.marker == marker and p.page in (page, page + 1):
                return p.text
        return ""
    return footnotes.get((page, marker)) or by_marker.get(marker, "")


def _table(tid: str, ft: FoundTable, footnotes, by_marker, notes) -> Table:
    caption = normalize_ws(ft.caption.text) if ft.caption is not None else None
    table_notes: list[TableNote] = []
    if ft.caption is not None and ft.continues is None:
        for m in ft.caption.markers:
            table_notes.append(
                TableNote(None, None, m, _note_text(m, ft.page, footnotes, by_marker, notes))
            )
    if ft.grid is None and ft.image is not None:
        box = ft.image
        return Table(
            table_id=tid,
            caption=caption,
            pages=[ft.page],
            method=TableMethod.IMAGE,
            status=TableStatus.IMAGE_ONLY,
            bbox=[box.x0, box.top, box.x1, box.bottom],
        )
    if ft.grid is None:
        cap = ft.caption
        return Table(
            table_id=tid,
            caption=caption,
            pages=[ft.page],
            method=ft.method,
            status=TableStatus.FAILED,
            bbox=[cap.x0, cap.top, cap.x1, cap.bottom]
            if cap is not None
            else ft.region and [round(v, 1) for v in ft.region],
            reason=ft.reason,
        )
    grid = ft.grid
    for n in grid.notes:
        table_notes.append(
            TableNote(
                n.row, n.col, n.marker, _note_text(n.marker, ft.page, footnotes, by_marker, notes)
            )
        )
    return Table(
        table_id=tid,
        caption=caption,
        pages=[ft.page],
        method=grid.method,
        status=TableStatus.EXTRACTED,
        cells=grid.cells,
        header_rows=grid.header_rows,
        notes=table_notes,
        bbox=list(grid.bbox),
        cell_boxes=[CellBox(ft.page, *box) for box in grid.cell_boxes],
    )


def _words(rows: list[list[str]]) -> list[str]:
    """The words of rows in reading order, whatever cells they were taken into."""
    return " ".join(" ".join(r) for r in rows).split()


def _continue(first: Table, more: Table) -> None:
    """Append the body rows of a table continued on a later page."""
    body = more.cells[more.header_rows :]
    if not same_header(first.cells[: first.header_rows], more.cells[: more.header_rows]):
        body = more.cells
        k = first.header_rows
        if k and _words(more.cells[:k]) == _words(first.cells[:k]):
            body = more.cells[k:]  # the header repeated, its heads taken into other cells
    offset = len(first.cells) - (len(more.cells) - len(body))
    first.cells.extend(body)
    first.pages.extend(p for p in more.pages if p not in first.pages)
    first.joined = True
    for n in more.notes:
        if n.row is not None:
            first.notes.append(TableNote(n.row + offset, n.col, n.marker, n.note))
    for b in more.cell_boxes:
        if b.row + offset >= len(first.cells) - len(body):
            first.cell_boxes.append(
                CellBox(b.page, b.row + offset, b.col, b.x0, b.top, b.x1, b.bottom)
            )
