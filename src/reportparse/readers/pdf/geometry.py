"""Plane geometry shared by the PDF readers: a box's centre, the box of several segments,
boxes that touch, grouped."""

from __future__ import annotations

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (x0 <= x1, top <= bottom)


class Centred:
    """The centre of anything with ``x0``, ``x1``, ``top`` and ``bottom``."""

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


class SpansSegments:
    """The box of the text segments (``segments``) that a caption or a block is made of."""

    @property
    def x0(self) -> float:
        return min(s.x0 for s in self.segments)

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)


def union(boxes: list[BBox]) -> BBox:
    """The box around ``boxes`` (at least one)."""
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return min(x0s), min(tops), max(x1s), max(bottoms)


def overlap_area(a: BBox, b: BBox) -> float:
    """The area two boxes share (0 where they do not meet)."""
    ax0, atop, ax1, abottom = a
    bx0, btop, bx1, bbottom = b
    w = min(ax1, bx1) - max(ax0, bx0)
    h = min(abottom, bbottom) - max(atop, btop)
    return max(0.0, w) * max(0.0, h)


def connected_groups(boxes: list[BBox], gap: float) -> list[list[int]]:
    """Indices of the boxes in groups of boxes that touch, directly or through others.

    Two boxes touch when they are at most ``gap`` apart in both directions. Groups come in
    the order of their first box, each with its indices ascending.
    """
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    for k, i in enumerate(order):
        ax0, atop, ax1, abottom = boxes[i]
        top = root(i)  # stays a root: the groups i touches are hung under it
        for j in order[k + 1 :]:
            bx0, btop, bx1, bbottom = boxes[j]
            if bx0 - gap > ax1:
                break  # sorted by x0: every later box starts further right
            if ax0 - gap <= bx1 and atop - gap <= bbottom and btop - gap <= abottom:
                other = root(j)
                if other != top:
                    parent[other] = top
    groups: dict[int, list[int]] = {}
    for i in range(len(boxes)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())
