"""Page furniture: running heads and feet, page numbers, and tables of contents. A table is
never read into them, no paragraph (so no key figure) is read from them, and a table that goes
on to the next page goes on after them."""

from __future__ import annotations

import re

from ...specs.pages import page_words
from ...specs.settings import PAGE_TABLES, PageTableSettings
from ...text.normalize import normalize_ws
from .cells import bottom, line_text, printed_lines, top
from .layout import PageLayout, Segment

DOT_LEADER = re.compile(r"\.{4,}|(?:\. ){4,}|…{2,}")  # as a table of contents prints them
PAGE_NUMBER = re.compile(r"^(?:side|page|s\.)?\s*\d{1,4}(?:\s*(?:av|of|/)\s*\d{1,4})?$", re.I)


def _signature(line: list[Segment]) -> str:
    return re.sub(r"\d+", "#", normalize_ws(line_text(line))).casefold()


def page_lines(layout: PageLayout, settings: PageTableSettings) -> list[list[Segment]]:
    return printed_lines(layout.segments, settings.line_core)


def furniture(
    layouts: list[PageLayout], settings: PageTableSettings = PAGE_TABLES
) -> list[set[int]]:
    """Per page, the ids of its segments that are furniture: among the first and last lines
    of a page, a page number alone ("7", "Side 7 av 20"), or a line with words that another
    page prints at the same height, digits aside (a running head or foot), where it stands
    apart from the page's other lines: a line set close to one that is none of these is a
    table's or a paragraph's (a table's head repeated atop its parts on two pages), but for
    a page number in step with those of other pages (``_in_step``)."""
    pages: list[list[list[Segment]]] = [page_lines(layout, settings) for layout in layouts]
    n = settings.furniture_lines
    edges = [lines[:n] + lines[n:][-n:] for lines in pages]
    seen: dict[str, list[tuple[int, float]]] = {}
    for page, lines in enumerate(edges):
        for line in lines:
            seen.setdefault(_signature(line), []).append((page, top(line)))
    out: list[set[int]] = []
    for page, lines in enumerate(edges):
        found = []
        for line in lines:
            sig = _signature(line)
            repeated = any(
                other != page and abs(y - top(line)) <= settings.furniture_shift
                for other, y in seen[sig]
            )
            if PAGE_NUMBER.match(line_text(line).strip()) or (
                repeated and re.search(r"[^\W\d_]", sig)
            ):
                found.append(line)
        numbered = [ln for ln in found if _in_step(ln, page, edges, settings)]
        while True:  # a stack of lines holds every line in it, but for a page's own number
            kept = [
                ln
                for ln in found
                if any(ln is k for k in numbered) or not _in_stack(ln, pages[page], found, settings)
            ]
            if len(kept) == len(found):
                break
            found = kept
        out.append({id(s) for ln in found for s in ln})
    return out


def _number(line: list[Segment]) -> int | None:
    """The number a page-number line prints ("7", "Side 7 av 20": 7); None for another line."""
    text = line_text(line).strip()
    return int(re.search(r"\d+", text).group()) if PAGE_NUMBER.match(text) else None


def _in_step(line, page: int, edges, settings: PageTableSettings) -> bool:
    """Whether a page-number line is the page's own number by repetition: another page prints
    one at the same height whose number differs from it by just as many pages. Such a line is
    furniture however close the page's text comes to it (a caption or a paragraph pushed down
    to the foot of a full page); a table's bare value at a page's foot is not in step so."""
    number = _number(line)
    if number is None:
        return False
    return any(
        other != page
        and abs(top(ln) - top(line)) <= settings.furniture_shift
        and (n := _number(ln)) is not None
        and n - number == other - page
        for other, lines in enumerate(edges)
        for ln in lines
    )


def _in_stack(line, lines, found, settings: PageTableSettings) -> bool:
    """Whether ``line`` belongs with a line of its page that is no furniture (``found``):
    set closer than ``furniture_gap`` of its size to it, as in a table or a paragraph, not
    apart as a running head or foot is; or standing in its columns (a table's head repeated
    atop its parts at the same height, however far apart its rows are set)."""
    i = next(k for k, ln in enumerate(lines) if ln is line)
    size = max(s.size for s in line)
    near = []
    if i > 0:
        near.append((lines[i - 1], top(line) - bottom(lines[i - 1])))
    if i + 1 < len(lines):
        near.append((lines[i + 1], top(lines[i + 1]) - bottom(line)))
    return any(
        (gap < settings.furniture_gap * size or _same_columns(line, ln))
        and not any(o is ln for o in found)
        for ln, gap in near
    )


def _same_columns(line: list[Segment], other: list[Segment]) -> bool:
    """Whether two lines stand in the same columns, as a table's rows do: each printed in two
    runs or more, every run of either over a run of the other. A running head in one run, or
    over a paragraph, is in no columns."""
    if len(line) < 2 or len(other) < 2:
        return False

    def covered(a: list[Segment], b: list[Segment]) -> bool:
        return all(any(s.x0 < t.x1 and t.x0 < s.x1 for t in b) for s in a)

    return covered(line, other) and covered(other, line)


def contents(layout: PageLayout, pages: int, settings: PageTableSettings = PAGE_TABLES) -> set[int]:
    """The ids of the segments of a page's table of contents: the lines under a heading such
    as "Innhold" (``specs/pages.toml``) that end in a page number, the numbers never going
    down (a printed page number may pass the PDF's count of pages, as a report's numbering
    may begin before its first page); or, with no heading, ``contents_lines`` lines or more
    in a row with dot leaders ("1 Innledning ........ 3") that end in one of the document's
    pages. A list of numbers in the running text or a table's column is neither."""
    out: set[int] = set()
    lines = page_lines(layout, settings)
    words = page_words()
    i = 0
    while i < len(lines):
        if not words.is_contents_heading(line_text(lines[i])):
            i += 1
            continue
        entries = _entries(lines[i + 1 :], settings.contents_max_page)
        for line in [lines[i], *entries]:
            out.update(id(s) for s in line)
        i += 1 + len(entries)
    run: list[list[Segment]] = []
    for line in [*lines, []]:
        if line and DOT_LEADER.search(line_text(line)) and _page_number(line, pages) is not None:
            run.append(line)
            continue
        if len(run) >= settings.contents_lines:
            out.update(id(s) for ln in run for s in ln)
        run = []
    return out


def _page_number(line: list[Segment], highest: int) -> int | None:
    """The page number a contents entry ends in (1 to ``highest``); None where it ends in
    none."""
    words = line_text(line).split()
    last = words[-1].rstrip(".") if words else ""
    ok = last.isdigit() and len(words) > 1 and 1 <= int(last) <= highest
    return int(last) if ok else None


def _entries(lines, highest: int) -> list:
    """The lines of a table of contents from its first entry on: each ends in a page number,
    never lower than the one before."""
    out = []
    last = 0
    for line in lines:
        number = _page_number(line, highest)
        if number is None or number < last:
            break
        out.append(line)
        last = number
    return out
