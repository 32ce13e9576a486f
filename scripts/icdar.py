"""ICDAR 2013 table competition: the structure measure, and the peers measured with it.

The truth of each document is its ``*-str.xml``: tables of regions of cells, every
cell with its start row and column and its text. The measure compares adjacency
relations, never coordinates:

* every region is one grid; every non-empty cell stands at its start row and column
  (the end row and column of a spanning cell, and the row and column increments of
  a region, are not used);
* each non-empty cell is related to the next non-empty cell to its right in the same
  row and to the next non-empty cell below it in the same column;
* a relation is (text, text, direction), the texts lower-cased with all white space
  removed; a document's relations form a multiset (a relation printed twice counts
  twice);
* a document's found relations are matched against its truth as multisets, so that a
  table found where there is none costs precision and a table missed costs recall;
* precision and recall are pooled over all documents (correct relations over all found
  relations, and over all truth relations); F1 is their harmonic mean.

A found table is a list of rows of cell texts; each cell is one grid position, so a
spanning cell is written once, in its first position, and the others left empty.

These conventions reproduce the peers' figures published when this measure was taken up
(precision / recall / F1): pdfplumber ``extract_tables`` 0.908 / 0.250 / 0.392, camelot
lattice 0.948 / 0.253 / 0.399, camelot stream 0.678 / 0.915 / 0.779.

    python scripts/icdar.py --dataset DIR [--engines a,b] [--only eu-001,...] [--documents]

``make bench`` runs it as part of ``scripts/bench.py`` when ICDAR2013_DIR is set.

DIR is the ``icdar2013-dataset`` folder of the camelot repository (or a copy of it);
ICDAR2013_DIR is used when ``--dataset`` is not given. Results depend on the data and the
engines alone: nothing is timed and nothing is stopped for taking long.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree

# The held-out discipline: the engine's settings may be tuned on the EU half of the set
# (``eu-*``), and the US half (``us-*``) is reported apart as held out. The settings in force
# when this split was declared had been tuned on all 67 documents (see docs/benchmark.md),
# so the US figure is held out only for tuning done from then on.
TUNING_HALF = "eu"
HELD_OUT_HALF = "us"

Table = list[list[str]]
TablesOf = Callable[[Path], list[Table]]
Relation = tuple[str, str, str]  # (text, text, "right" | "below")

WHITESPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- data set


@dataclass(frozen=True)
class Document:
    name: str
    pdf: Path
    structure: Path  # the *-str.xml truth


def documents(root: Path) -> list[Document]:
    """Every PDF under ``root`` that has its structure truth, by name.

    The camelot copy holds four ``*b-str.xml`` files whose PDF is not there; they have
    no document to be measured on and are left out (67 documents remain).
    """
    docs = []
    for pdf in sorted(root.rglob("*.pdf")):
        structure = pdf.with_name(pdf.stem + "-str.xml")
        if structure.exists():
            docs.append(Document(pdf.stem, pdf, structure))
    return docs


# ---------------------------------------------------------------- relations


def normalise(text: str | None) -> str:
    return WHITESPACE.sub("", text or "").lower()


def grid_relations(cells: Iterable[tuple[int, int, str]]) -> Counter[Relation]:
    """Adjacency relations of one grid of (row, column, text) cells."""
    grid = {(r, c): t for r, c, t in ((r, c, normalise(t)) for r, c, t in cells) if t}
    rows: dict[int, list[int]] = {}
    cols: dict[int, list[int]] = {}
    for r, c in grid:
        rows.setdefault(r, []).append(c)
        cols.setdefault(c, []).append(r)
    found: Counter[Relation] = Counter()
    for r, cs in rows.items():
        cs.sort()
        found.update((grid[r, a], grid[r, b], "right") for a, b in pairwise(cs))
    for c, rs in cols.items():
        rs.sort()
        found.update((grid[a, c], grid[b, c], "below") for a, b in pairwise(rs))
    return found


def table_relations(table: Table) -> Counter[Relation]:
    return grid_relations((r, c, text) for r, row in enumerate(table) for c, text in enumerate(row))


def truth_relations(structure: Path) -> Counter[Relation]:
    """Relations of every region of every table of a ``*-str.xml``."""
    found: Counter[Relation] = Counter()
    for region in ElementTree.parse(structure).iter("region"):
        found += grid_relations(
            (int(cell.get("start-row")), int(cell.get("start-col")), cell.findtext("content"))
            for cell in region.iter("cell")
        )
    return found


def truth_tables(structure: Path) -> int:
    return sum(1 for _ in ElementTree.parse(structure).iter("table"))


# ---------------------------------------------------------------- scores


@dataclass(frozen=True)
class Score:
    correct: int
    found: int
    truth: int

    @property
    def precision(self) -> float | None:
        return self.correct / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.truth if self.truth else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.correct + other.correct, self.found + other.found, self.truth + other.truth
        )


def score(truth: Counter[Relation], found: Counter[Relation]) -> Score:
    return Score(sum((truth & found).values()), sum(found.values()), sum(truth.values()))


@dataclass(frozen=True)
class DocumentResult:
    document: Document
    score: Score
    tables: int  # tables the engine found
    truth_tables: int
    error: str | None = None


@dataclass(frozen=True)
class Evaluation:
    engine: str
    documents: list[DocumentResult]

    @property
    def total(self) -> Score:
        return sum((d.score for d in self.documents), Score(0, 0, 0))


def evaluate_document(doc: Document, tables_of: TablesOf) -> DocumentResult:
    error = None
    try:
        tables = tables_of(doc.pdf)
    except Exception as exc:  # an engine that fails on a document has found nothing there
        tables, error = [], f"{type(exc).__name__}: {exc}"
    found: Counter[Relation] = Counter()
    for table in tables:
        found += table_relations(table)
    truth = truth_relations(doc.structure)
    return DocumentResult(doc, score(truth, found), len(tables), truth_tables(doc.structure), error)


def evaluate(
    tables_of: TablesOf, docs: Sequence[Document], engine: str = "", progress=None
) -> Evaluation:
    results = []
    for doc in docs:
        results.append(evaluate_document(doc, tables_of))
        if progress:
            progress(results[-1])
    return Evaluation(engine, results)


# ---------------------------------------------------------------- peers


def pdfplumber_tables(pdf: Path) -> list[Table]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [
            [[cell or "" for cell in row] for row in table]
            for page in doc.pages
            for table in page.extract_tables()
        ]


def camelot_tables(flavor: str) -> TablesOf:
    def tables_of(pdf: Path) -> list[Table]:
        import camelot

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no tables found on page N" and the like
            found = camelot.read_pdf(str(pdf), flavor=flavor, pages="all")
        return [[[str(c) for c in row] for row in t.df.values.tolist()] for t in found]

    return tables_of


def reportparse_tables(pdf: Path) -> list[Table]:
    """The tables of ``reportparse tables``: every table the engine finds, no family."""
    from reportparse.model import TableStatus
    from reportparse.readers.document import read_tables

    return [t.cells for t in read_tables(pdf.read_bytes()) if t.status == TableStatus.EXTRACTED]


ENGINES: dict[str, TablesOf] = {
    "reportparse": reportparse_tables,
    "camelot lattice": camelot_tables("lattice"),
    "camelot stream": camelot_tables("stream"),
    "pdfplumber": pdfplumber_tables,
}


# ---------------------------------------------------------------- report


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def summary(evaluations: Sequence[Evaluation]) -> list[str]:
    lines = [
        "| engine | precision | recall | F1 | relations correct / found / truth |",
        "|---|---|---|---|---|",
    ]
    for ev in evaluations:
        t = ev.total
        lines.append(
            f"| {ev.engine} | {_pct(t.precision)} | {_pct(t.recall)} | {t.f1:.3f} "
            f"| {t.correct} / {t.found} / {t.truth} |"
        )
    return lines


def half(ev: Evaluation, prefix: str) -> Evaluation:
    """The documents of one half of the set (``eu`` or ``us``), as an evaluation."""
    return Evaluation(ev.engine, [d for d in ev.documents if d.document.name.startswith(prefix)])


def halves(evaluations: Sequence[Evaluation]) -> list[str]:
    """F1 on the whole set, on the half tuned on and on the half held out, per engine."""
    tuned, held = TUNING_HALF, HELD_OUT_HALF
    lines = [
        f"| engine | F1 whole | F1 {tuned} (tuning half) | F1 {held} (held out) "
        f"| precision / recall {held} |",
        "|---|---|---|---|---|",
    ]
    for ev in evaluations:
        t, h = half(ev, tuned).total, half(ev, held).total
        lines.append(
            f"| {ev.engine} | {ev.total.f1:.3f} | {t.f1:.3f} | {h.f1:.3f} "
            f"| {_pct(h.precision)} / {_pct(h.recall)} |"
        )
    return lines


def lowest(ev: Evaluation, n: int) -> list[DocumentResult]:
    """The ``n`` documents with the lowest F1 (by name where equal)."""
    return sorted(ev.documents, key=lambda d: (d.score.f1, d.document.name))[:n]


def mean_f1(ev: Evaluation) -> float:
    """The mean of the documents' own F1: a second view, each document weighing the same."""
    return sum(d.score.f1 for d in ev.documents) / len(ev.documents) if ev.documents else 0.0


def per_document(ev: Evaluation) -> list[str]:
    lines = [
        f"{ev.engine}, documents by F1:",
        "",
        "| document | precision | recall | F1 | tables found / truth | correct / found / truth |",
        "|---|---|---|---|---|---|",
    ]
    for d in sorted(ev.documents, key=lambda d: (d.score.f1, d.document.name)):
        s = d.score
        note = f" ({d.error})" if d.error else ""
        lines.append(
            f"| {d.document.name}{note} | {_pct(s.precision)} | {_pct(s.recall)} | {s.f1:.3f} "
            f"| {d.tables} / {d.truth_tables} | {s.correct} / {s.found} / {s.truth} |"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", type=Path, default=os.environ.get("ICDAR2013_DIR"))
    ap.add_argument("--engines", default=",".join(ENGINES), help=f"of {', '.join(ENGINES)}")
    ap.add_argument("--only", help="document names, comma-separated (e.g. eu-001,us-012)")
    ap.add_argument("--documents", action="store_true", help="print each document's scores")
    args = ap.parse_args(argv)
    if args.dataset is None or not Path(args.dataset).is_dir():
        ap.error("no data set: give --dataset DIR or set ICDAR2013_DIR (see the README)")
    docs = documents(Path(args.dataset))
    if args.only:
        wanted = set(args.only.split(","))
        docs = [d for d in docs if d.name in wanted]
    if not docs:
        ap.error(f"no documents with *-str.xml truth under {args.dataset}")
    names = args.engines.split(",")
    unknown = [n for n in names if n not in ENGINES]
    if unknown:
        ap.error(f"unknown engine {unknown[0]!r}: one of {', '.join(ENGINES)}")
    evaluations = [evaluate(ENGINES[n], docs, n, _warn(n)) for n in names]
    lines = [f"ICDAR 2013 table competition, {len(docs)} documents (structure measure)", ""]
    lines += summary(evaluations)
    lines += ["", *halves(evaluations)]
    if args.documents:
        for ev in evaluations:
            lines += ["", *per_document(ev)]
    print("\n".join(lines))
    return 0


def _warn(engine: str):
    def progress(d: DocumentResult) -> None:
        if d.error:
            print(f"{engine}: {d.document.name}: {d.error}", file=sys.stderr)

    return progress


if __name__ == "__main__":
    sys.exit(main())
