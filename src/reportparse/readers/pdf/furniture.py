"""Page furniture: running heads and feet, page numbers, and tables of contents. A table is
never read into them, no paragraph (so no key figure) is read from them, and a table that goes
on to the next page goes on after them."""

from __future__ import annotations

import re

from ...specs.settings import PAGE_TABLES, PageTableSettings
from ...text.normalize import normalize_ws
from .cells import line_text, printed_lines, top
from .layout import PageLayout, Segment

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
    page prints at the same height, digits aside (a running head or foot)."""
    edges: list[list[list[Segment]]] = []
    for layout in layouts:
        lines = page_lines(layout, settings)
        n = settings.furniture_lines
        edges.append(lines[:n] + [ln for ln in lines[n:][-n:]])
    seen: dict[str, list[tuple[int, float]]] = {}
    for page, lines in enumerate(edges):
        for line in lines:
            seen.setdefault(_signature(line), []).append((page, top(line)))
    out: list[set[int]] = []
    for page, lines in enumerate(edges):
        ids: set[int] = set()
        for line in lines:
            sig = _signature(line)
            repeated = any(
                other != page and abs(y - top(line)) <= settings.furniture_shift
                for other, y in seen[sig]
            )
            if PAGE_NUMBER.match(line_text(line).strip()) or (
                repeated and re.search(r"[^\W\d_]", sig)
            ):
                ids |= {id(s) for s in line}
        out.append(ids)
    return out


def contents(layout: PageLayout, pages: int, settings: PageTableSettings = PAGE_TABLES) -> set[int]:
    """The ids of the segments of a page's table of contents: ``contents_lines`` lines or
    more in a row, each ending in a number alone that is a page of the document (1 to
    ``pages``), those numbers ending at one x and never going down ("1 Innledning .... 3"
    with or without its dot leaders). A heading such as "Innhold" is not needed."""
    out: set[int] = set()
    run: list[tuple[list[Segment], int, float]] = []

    def close() -> None:
        if len(run) >= settings.contents_lines:
            for line, _, _ in run:
                out.update(id(s) for s in line)
        run.clear()

    for line in page_lines(layout, settings):
        last = line[-1].text.strip().rstrip(".")
        number = int(last) if last.isdigit() and len(line) > 1 else None
        if number is None or not 1 <= number <= pages:
            close()
            continue
        x1 = line[-1].x1
        if run and (number < run[-1][1] or abs(x1 - run[-1][2]) > settings.contents_align):
            close()
        run.append((line, number, x1))
    close()
    return out
