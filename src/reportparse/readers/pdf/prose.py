"""Running text among a page's segments, so that no table is looked for in it.

A table's cells line up into columns; so do the lines of a paragraph, and the columns of a
page set in two or three columns. What tells them apart is the text: a paragraph's lines
stack at one left edge, close together, with several words each, most filled to the
paragraph's width, and many going on in lower case from the line above. A column of table
cells stacks at one edge too, but its cells are short and ragged, and each begins anew.
A single segment of many words across a wide stretch is running text as well.
"""

from __future__ import annotations

from itertools import pairwise
from statistics import median

from ...specs.settings import PAGE_TABLES, PageTableSettings
from ...text.printed import is_value
from .cells import bottom, printed_lines, size, top, word_spans
from .layout import Segment

ENDS = ".!?"  # the marks that end a sentence, and so may end a paragraph
# (ratio) words whose white is this many times their space glyphs' width or more are not
# words of a sentence: justification stretches a space, rarely to twice its width
SPREAD = 4.0


def words(seg: Segment) -> int:
    return len(seg.text.split())


def texty(seg: Segment, settings: PageTableSettings) -> bool:
    """A segment whose words are mostly words of letters (not figures)."""
    parts = seg.text.split()
    lettered = sum(1 for w in parts if any(ch.isalpha() for ch in w))
    return bool(parts) and lettered >= settings.prose_letters * len(parts)


def long_text(seg: Segment, settings: PageTableSettings) -> bool:
    """A segment that is running text by itself: many words over a wide stretch, mostly not
    figures."""
    parts = seg.text.split()
    figures = sum(1 for w in parts if is_value(w))
    return (
        len(parts) >= settings.prose_words
        and seg.x1 - seg.x0 >= settings.prose_width * seg.size
        and 2 * figures < len(parts)
    )


def spread(seg: Segment) -> bool:
    """Whether a segment's words stand far wider apart than its spaces: heads or cells of
    columns set closer than a segment gap ("WMA  Loans  Loans"), not words of a sentence,
    whose white is a space (stretched a little where a line is justified)."""
    spans = word_spans(seg)
    spaces = sorted(g.x1 - g.x0 for g in seg.glyphs if g.text == " ")
    if len(spans) < 2 or not spaces or spaces[len(spaces) // 2] <= 0:
        return False
    gaps = sorted(b[0] - a[1] for a, b in pairwise(spans))
    return gaps[len(gaps) // 2] > SPREAD * spaces[len(spaces) // 2]


def running_text(segments: list[Segment], settings: PageTableSettings = PAGE_TABLES) -> set[int]:
    """The ids of the segments that are running text: paragraphs and long lines of text;
    never a segment whose words stand far apart (``spread``)."""
    segments = [s for s in segments if not spread(s)]
    chains = _chains(segments, settings)
    out = {id(s) for s in segments if long_text(s, settings)}
    for chain in chains:
        out |= {id(s) for s in _paragraph_in(chain, settings)}
    for chain in chains:  # the short last line of a long line of text, going on in lower case
        for upper, lower in pairwise(chain):
            if id(upper) in out and lower.text[:1].islower():
                out.add(id(lower))
    return out


def sentences(segments: list[Segment], settings: PageTableSettings = PAGE_TABLES) -> set[int]:
    """The ids of the segments of short paragraphs, too short for ``running_text`` to know by
    their shape: two lines or more stacked at one edge, of several words each (but the last,
    which may be short), each line after the first going on in lower case from the line
    above, the last ending a sentence.
    A table's cell wrapped over lines does not end in a full stop."""
    out: set[int] = set()
    for chain in _chains(segments, settings):
        run: list[Segment] = []
        for seg in chain:
            if run and not seg.text[:1].islower():
                run = []
            run.append(seg)
            if (
                len(run) > 1
                and seg.text.rstrip()[-1:] in ENDS
                and all(texty(s, settings) for s in run)
                and median(words(s) for s in run[:-1]) >= settings.prose_line_words
            ):
                out |= {id(s) for s in run}
    return out


def _chains(segments: list[Segment], settings: PageTableSettings) -> list[list[Segment]]:
    """The segments of text stacked at one left edge, close under each other, top to
    bottom: each chain a paragraph's lines, or a column's cells."""
    lines = printed_lines(segments, settings.line_core)
    chains: list[list[tuple[int, Segment]]] = []
    open_chains: dict[int, list[tuple[int, Segment]]] = {}  # id of a chain's last segment
    for i, line in enumerate(lines):
        em = size(line)
        for seg in line:
            lettered = texty(seg, settings)
            if not lettered and not seg.text[:1].islower():
                continue  # figures, unless going on from a line above (dates, rates)
            chain = next(
                (
                    c
                    for c in open_chains.values()
                    if _under(c[-1], (i, seg), lines, settings.prose_gap * em)
                    and abs(c[-1][1].x0 - seg.x0) <= settings.prose_indent * em
                ),
                None,
            )
            if chain is None and not lettered:
                continue
            if chain is None:
                chain = []
                chains.append(chain)
            else:
                del open_chains[id(chain[-1][1])]
            chain.append((i, seg))
            open_chains[id(seg)] = chain
    return [[s for _, s in chain] for chain in chains]


def _under(
    last: tuple[int, Segment], this: tuple[int, Segment], lines: list[list[Segment]], gap: float
) -> bool:
    """Whether a segment stands under a chain's last one, at most ``gap`` below it: on a later
    printed line, or on the same one where a segment of a column beside them (set at another
    leading) joins two lines of this column into one printed line."""
    (i, upper), (j, seg) = last, this
    if i < j:
        return top(lines[j]) - bottom(lines[i]) <= gap
    return i == j and upper.bottom <= seg.top and seg.top - upper.bottom <= gap


def _paragraph_in(segs: list[Segment], settings: PageTableSettings) -> list[Segment]:
    """The lines of a chain that read as a paragraph: all of them, else the most from its
    first line (a table's first column set right under the paragraph's edge goes on the
    chain) with the lines after them that go on in lower case (its short last line), else the
    most to its last (a table's column right over it). A paragraph ends at its short last
    line that ends a sentence: what begins anew under it is read on its own (the stub head of
    a table set right under the paragraph's edge)."""
    end = _paragraph_end(segs, settings)
    if end is not None and _paragraph(segs[:end], settings):
        return segs[:end] + _paragraph_in(segs[end:], settings)
    for k in range(len(segs), settings.prose_lines - 1, -1):
        if _paragraph(segs[:k], settings):
            while k < len(segs) and segs[k].text[:1].islower():
                k += 1  # its short last line, going on in lower case
            return segs[:k]
    for k in range(1, len(segs) - settings.prose_lines + 1):
        if _paragraph(segs[k:], settings):
            widest = max(s.x1 - s.x0 for s in segs[k:])
            while _short(segs[k], widest, settings) and _paragraph(segs[k + 1 :], settings):
                k += 1  # a cell of the column over it: a paragraph's first line is filled
            return segs[k:]
    return []


def _paragraph_end(segs: list[Segment], settings: PageTableSettings) -> int | None:
    """The number of lines up to the first short line that ends a sentence with the next
    line beginning anew (not in lower case), if any."""
    for k in range(1, len(segs) - 1):
        widest = max(s.x1 - s.x0 for s in segs[: k + 1])
        line, after = segs[k].text.rstrip(), segs[k + 1].text
        if _short(segs[k], widest, settings) and line[-1:] in ENDS and not after[:1].islower():
            return k + 1
    return None


def _short(seg: Segment, widest: float, settings: PageTableSettings) -> bool:
    return seg.x1 - seg.x0 < settings.prose_fill * widest


def _paragraph(segs: list[Segment], settings: PageTableSettings) -> bool:
    """Lines stacked at one edge that read as a paragraph: enough of them, with several
    words each, most filled to the widest, many going on in lower case."""
    if len(segs) < settings.prose_lines:
        return False
    widest = max(s.x1 - s.x0 for s in segs)
    filled = sum(1 for s in segs if s.x1 - s.x0 >= settings.prose_fill * widest)
    lower = sum(1 for s in segs[1:] if s.text[:1].islower())
    return (
        median(words(s) for s in segs) >= settings.prose_line_words
        and 2 * filled >= len(segs)
        and lower >= settings.prose_lower * (len(segs) - 1)
    )
