"""The charts of fixed layout-fuzzer seeds (tests/fuzz/), printed by each producer, read cell
for cell against the truth of their construction: stacked, grouped, lying, line and
bar-and-line charts drawn as SVG rectangles, paths or transformed and clipped groups, inline
(Chromium, WeasyPrint) or as SVG images (LibreOffice).

The fast seed (printed with WeasyPrint) runs in ``make test-fast``; the others are marked
slow. They are tuning seeds: a floor to keep, not a measure (``make bench`` measures tuning
and fresh seeds apart).
"""

from __future__ import annotations

import pytest

from conftest import read_figures
from fuzz import seeds
from fuzz.score import load_truth

FAST = [(s, "weasyprint") for s in seeds.fast()]
SLOW = [(s, p) for p in ("chromium", "libreoffice") for s in (1, 2, 4)]


def _cases():
    yield from (pytest.param(s, p, id=f"{p}-{s}") for s, p in FAST)
    yield from (pytest.param(s, p, id=f"{p}-{s}", marks=pytest.mark.slow) for s, p in SLOW)


@pytest.mark.parametrize(("seed", "producer"), list(_cases()))
def test_every_chart_of_a_fixed_seed_reads_cell_for_cell(fuzz_document, seed, producer):
    made = fuzz_document(seed, producer)
    truth = load_truth(made.truth)
    figures = read_figures(made.pdf)
    want = {m["image_id"]: truth["grids"][m["image_id"]] for m in truth["images"]}
    got = {tid: figures[tid] for tid in want if tid in figures}
    assert {tid: (t.status, t.reason) for tid, t in got.items()} == {
        tid: ("extracted", "") for tid in want
    }
    assert {tid: t.cells for tid, t in got.items()} == want
