"""The layout fuzzer: Nøkkeltall reports drawn by seed, printed by three producers
(headless Chromium, WeasyPrint, LibreOffice), with their truth from construction.

    report.py     the numbers of a report: year, counties, categories, charts, key figures
    layout.py     how it is printed: one choice per dimension of layout.toml
    compose.py    the document as printed: captions, cells, chart labels, sentences
    svg.py        the charts as SVG
    html.py       the document as one HTML page
    producers.py  the page printed to PDF
    truth.py      the truth in the corpus conventions
    score.py      a PDF read as ``make extract`` and ``reportparse tables`` read it, scored
    seeds.toml    the tuning seeds, and the subset ``make test-fast`` generates

``generate(seed, producer, folder)`` makes ``folder/<producer>-<seed>.pdf`` and its truth
folder ``folder/<producer>-<seed>.truth/``.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import compose, html, truth
from .compose import Document
from .producers import PRODUCERS, Failed, Missing, producer

__all__ = ["PRODUCERS", "Document", "Failed", "Generated", "Missing", "generate"]


@dataclass(frozen=True)
class Generated:
    seed: int
    producer: str
    pdf: Path
    truth: Path
    document: Document


def generate(seed: int, producer_name: str, folder: Path) -> Generated:
    """Print seed ``seed`` with the named producer into ``folder``, with its truth."""
    made = producer(producer_name)
    made.check()
    doc = compose.compose(seed)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{producer_name}-{seed}"
    pdf = folder / f"{stem}.pdf"
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{stem}-") as tmp:
        page = html.render(doc, Path(tmp), inline_svg=made.inline_svg)
        made.print_pdf(page, Path(tmp) / "report.pdf")
        shutil.move(Path(tmp) / "report.pdf", pdf)
    truth_dir = truth.write(doc, folder / f"{stem}.truth")
    return Generated(seed, producer_name, pdf, truth_dir, doc)
