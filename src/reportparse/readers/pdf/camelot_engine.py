"""camelot as a table engine to choose: its tables as the engine's records.

``reportparse tables --engine camelot-lattice`` (tables from ruling lines, found in a picture
of the page with OpenCV) or ``camelot-stream`` (tables from the white space between words)
reads each page with camelot (camelot-py, the extra ``reportparse[camelot]``) and gives its
tables as ``Table`` records: the cells as camelot reads them (a cell's lines joined by a
space), the table's box and each cell's box in points from the page's top-left corner, as the
engine's own tables have them. camelot does not say which rows are the header: every table
has ``header_rows`` 0.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from pathlib import Path

from ...model import CellBox, DocumentError, Table, TableKind, TableMethod, TableStatus
from ...text.normalize import normalize_ws
from .geometry import overlap_area
from .turned import DOWNWARD, UPWARD, Turn

ENGINES = ("reportparse", "camelot-lattice", "camelot-stream")
FLAVORS = {"camelot-lattice": "lattice", "camelot-stream": "stream"}
METHODS = {"lattice": TableMethod.RULED_GRID, "stream": TableMethod.WHITESPACE}
INSTALL = "pip install 'reportparse[camelot]'"
TURNS = {"anticlockwise": UPWARD, "clockwise": DOWNWARD}  # camelot's names for text turned


def camelot_tables(
    path: Path, engine: str, sizes: dict[int, tuple[float, float]], pages: set[int] | None = None
) -> list[Table]:
    """The tables camelot (``engine``: camelot-lattice or camelot-stream) finds in the PDF at
    ``path``, on ``pages`` (numbered from 1) or every page; ``sizes``: each page's width and
    height in points, to put camelot's boxes (from the bottom, on a page it turned to read
    text set sideways) on the page (from the top)."""
    try:
        import camelot
    except ImportError:
        raise DocumentError(f"the engine {engine} needs camelot: {INSTALL}") from None
    flavor = FLAVORS[engine]
    wanted = ",".join(str(p) for p in sorted(pages)) if pages else "all"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no tables found on page N" and the like
        try:
            found = camelot.read_pdf(str(path), pages=wanted, flavor=flavor)
        except Exception as exc:  # camelot's own errors carry no type of their own
            raise DocumentError(f"{engine} cannot read it ({type(exc).__name__}: {exc})") from None
    per_page: dict[int, int] = {}
    out = []

    def place(t) -> tuple:
        x0, _, _, y1 = t._bbox  # from the bottom: the top is y1
        return (int(t.page), -y1, x0)

    for t in sorted(found, key=place):
        page = int(t.page)
        per_page[page] = per_page.get(page, 0) + 1
        on_page = _on_page(sizes.get(page, (0.0, 0.0)), getattr(t, "rotation", ""))
        boxes = [
            CellBox(page, r, c, *on_page(cell.x1, cell.y1, cell.x2, cell.y2))
            for r, row in enumerate(t.cells)
            for c, cell in enumerate(row)
        ]
        cells = [[normalize_ws(str(v)) for v in row] for row in t.df.values.tolist()]
        out.append(
            Table(
                table_id=f"utabell-p{page}-{per_page[page]}",
                caption=None,
                pages=[page],
                method=METHODS[flavor],
                status=TableStatus.EXTRACTED,
                cells=cells,
                header_rows=0,
                bbox=list(on_page(*t._bbox)),
                cell_boxes=boxes,
            )
        )
    return out


def _on_page(size: tuple[float, float], rotation: str):
    """camelot's box (x0, y0, x1, y1 from the bottom left) as a box on the page: camelot turns
    a page whose text runs sideways upright before reading it ("anticlockwise": text at 90°,
    "clockwise": at 270°), so such a box is turned back."""
    width, height = size
    turn = TURNS.get(rotation)
    if turn is None:
        return lambda x0, y0, x1, y1: (x0, height - y1, x1, height - y0)
    view = Turn(turn, width, height)
    return lambda x0, y0, x1, y1: view.back(x0, width - y1, x1, width - y0)


def with_engines(
    tables: list[Table],
    engines: list[tuple[str, str]],
    path: Path,
    sizes: dict[int, tuple[float, float]],
) -> list[Table]:
    """``tables`` with those under a caption that one of ``engines`` (caption pattern, engine)
    names read by that engine instead: camelot's table on the same page that overlaps the
    engine's box most, with the engine's header rows; ``failed`` where camelot finds none."""
    read: dict[str, list[Table]] = {}
    out = []
    for t in tables:
        engine = next(
            (e for pattern, e in engines if t.caption and re.search(pattern, t.caption, re.I)),
            None,
        )
        if engine is None or t.kind != TableKind.TABLE or not t.pages or not t.bbox:
            out.append(t)
            continue
        if engine not in read:
            read[engine] = camelot_tables(path, engine, sizes)
        page = [c for c in read[engine] if c.pages == t.pages[:1] and c.bbox]
        best = max(page, key=lambda c: overlap_area(c.bbox, t.bbox), default=None)
        if best is None or overlap_area(best.bbox, t.bbox) <= 0:
            reason = f"{engine} found no table where the table engine read one"
            out.append(
                replace(t, status=TableStatus.FAILED, cells=[], cell_boxes=[], reason=reason)
            )
            continue
        header = min(t.header_rows, max(len(best.cells) - 1, 0))
        out.append(
            replace(
                t,
                cells=best.cells,
                header_rows=header,
                method=best.method,
                bbox=best.bbox,
                cell_boxes=best.cell_boxes,
                notes=[n for n in t.notes if n.row is None],
            )
        )
    return out
