"""The sentence truth (``tests/truth/sentences.jsonl``): precision and recall of key figures
and their classification, on the tuning half and the held-out half apart.

Each line of the truth is one sentence, its half (``tuning`` or ``held-out``, fixed in the
file), optionally the heading of its section and the year of its document, and the key
figures it states: ``[indicator, year, unit, value]`` with a fifth element naming every
dimension that is not the default (``{"region_code": "42"}``), or ``[null, null, unit,
value]`` for a figure that must stay unclassified. Numbers that are no statistic (years,
dates, page and phone numbers, durations, ages) are not listed: finding one is a spurious
key figure. ``batch`` (optional) numbers the sentences written together and scored at first
contact before any rule saw them (3 and on); a line without it was written before batches
were numbered, and is selected as batch 0.

The sentence is read as a page would be: a heading paragraph where one is given, then the
sentence as a paragraph of running text, with the county names of ``schemas/regions.csv``.

- classification precision: classified figures whose indicator, year, unit, value and
  dimensions are the truth's, over all classified figures;
- classification recall: the same, over the figures the truth classifies;
- key-figure precision: figures found that the truth lists (by unit and value), over all
  figures found; key-figure recall: the truth's figures found, over the truth's figures.

    python scripts/sentences.py [--truth tests/truth/sentences.jsonl] [--batch N] [--wrong]

``--batch N`` scores the sentences of batch N alone (each half apart, as always).

``--wrong`` lists the tuning half's mistakes only: rules are changed for those. A held-out
sentence a rule should be changed for is moved to the tuning half first (and the commit
says so); ``--held-out-mistakes`` lists the held-out half's for that.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportparse.contract import regions
from reportparse.model import Paragraph, ParagraphKind
from reportparse.readers.document import read_document
from reportparse.text.keyfigures import find_key_figures

TRUTH = Path(__file__).resolve().parents[1] / "tests" / "truth" / "sentences.jsonl"
PAGES = Path(__file__).resolve().parents[1] / "tests" / "pages"
HALVES = ("tuning", "held-out")
EARLIER = 0  # the batch of a line without one: written before batches were numbered
DEFAULTS = {
    "region_code": "00", "gender": "alle", "group": "alle", "age_group": "alle",
    "education": "alle", "category": "alle",
}  # fmt: skip


@dataclass
class Score:
    """Counts over the sentences of one half."""

    sentences: int = 0
    truth_figures: int = 0  # key figures the truth lists
    found_figures: int = 0  # key figures found
    matched_figures: int = 0  # found and listed (unit and value)
    truth: int = 0  # figures the truth classifies
    given: int = 0  # figures classified
    right: int = 0  # classified as the truth says
    wrong: list[str] = field(default_factory=list)  # one line per mistake

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 1.0

    @property
    def precision(self) -> float:
        return self._ratio(self.right, self.given)

    @property
    def recall(self) -> float:
        return self._ratio(self.right, self.truth)

    @property
    def figure_precision(self) -> float:
        return self._ratio(self.matched_figures, self.found_figures)

    @property
    def figure_recall(self) -> float:
        return self._ratio(self.matched_figures, self.truth_figures)


def load(path: Path = TRUTH) -> list[dict]:
    """The truth's lines, checked: a known half and well-formed figures."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("half") not in HALVES:
            raise ValueError(f"{path.name} line {n}: half must be one of {', '.join(HALVES)}")
        batch = row.get("batch", EARLIER + 1)
        if not isinstance(batch, int) or isinstance(batch, bool) or batch <= EARLIER:
            raise ValueError(f"{path.name} line {n}: batch must be a whole number above 0")
        for f in row["figures"]:
            if len(f) not in (4, 5) or (f[0] is None) != (f[1] is None):
                raise ValueError(
                    f"{path.name} line {n}: a figure is [indicator, year, unit, "
                    "value] (indicator and year both null or both given)"
                )
        rows.append(row)
    return rows


def figures_of(row: dict):
    """The key figures reportparse finds in the truth line's sentence."""
    paragraphs = []
    if row.get("heading"):
        paragraphs.append(Paragraph(page=None, text=row["heading"], kind=ParagraphKind.HEADING))
    paragraphs.append(Paragraph(page=None, text=row["sentence"], kind=ParagraphKind.BODY))
    found = find_key_figures(
        paragraphs, row.get("year"), find_regions=regions.county_names_in,
        region_in=regions.county_in,
    )  # fmt: skip
    return [f for f in found if f.sentence == row["sentence"]]


def _expected(f: list) -> tuple | None:
    if f[0] is None:
        return None
    dims = {**DEFAULTS, **(f[4] if len(f) == 5 else {})}
    return (f[0], f[1], *(dims[d] for d in DEFAULTS))


def _given(k) -> tuple | None:
    c = k.classification
    if not c.indicator:
        return None
    year = c.years[0] if len(c.years) == 1 else tuple(c.years)
    return (c.indicator, year, *(getattr(c, d) for d in DEFAULTS))


def score_row(row: dict, out: Score) -> None:
    out.sentences += 1
    pool = list(figures_of(row))
    out.truth_figures += len(row["figures"])
    out.found_figures += len(pool)
    for f in row["figures"]:
        expected = _expected(f)
        out.truth += expected is not None
        hit = next((k for k in pool if k.unit == f[2] and float(k.value) == float(f[3])), None)
        if hit is None:
            out.wrong.append(f"missed {f[3]} {f[2]}: {row['sentence']}")
            continue
        pool.remove(hit)
        out.matched_figures += 1
        given = _given(hit)
        out.given += given is not None
        if given is not None and given == expected:
            out.right += 1
        elif given is not None or expected is not None:
            why = f" ({hit.classification.missing})" if given is None else ""
            out.wrong.append(
                f"{hit.expression}: {given}{why}, expected {expected}: {row['sentence']}"
            )
    for k in pool:
        out.wrong.append(f"spurious {k.expression} ({k.unit}): {row['sentence']}")
        if _given(k) is not None:
            out.given += 1


def evaluate(path: Path = TRUTH, batch: int | None = None) -> dict[str, Score]:
    """The score of each half, over every line or over one batch's (``EARLIER`` for the
    lines without a batch)."""
    scores = {h: Score() for h in HALVES}
    for row in load(path):
        if batch is None or row.get("batch", EARLIER) == batch:
            score_row(row, scores[row["half"]])
    return scores


def page_figures(pages: Path = PAGES) -> tuple[int, int]:
    """(figures found that a page's truth lists, figures found) over the saved test pages
    with a truth (``tests/pages/<name>.json``) that reportparse reads: the key-figure
    precision on pages (no date, page number or phone number read as a figure)."""
    listed_found = found_all = 0
    for path in sorted(pages.glob("*.json")):
        page = json.loads(path.read_text(encoding="utf-8"))
        if page.get("error_starts_with"):
            continue  # a page that is no document of the programme
        listed = [(k["sentence"], float(k["value"]), k["unit"]) for k in page["key_figures"]]
        for f in read_document(path.with_suffix(".html")).key_figures:
            key = (f.sentence, float(f.value), str(f.unit))
            found_all += 1
            if key in listed:
                listed.remove(key)
                listed_found += 1
    return listed_found, found_all


def summary(scores: dict[str, Score]) -> list[str]:
    """A markdown table: one row per half."""
    lines = [
        "| half | sentences | classified right / given / truth | precision | recall | "
        "key figures found right / found / truth | key-figure precision | recall |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for half, s in scores.items():
        lines.append(
            f"| {half} | {s.sentences} | {s.right} / {s.given} / {s.truth} | "
            f"{s.precision:.3f} | {s.recall:.3f} | {s.matched_figures} / {s.found_figures} / "
            f"{s.truth_figures} | {s.figure_precision:.3f} | {s.figure_recall:.3f} |"
        )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--truth", type=Path, default=TRUTH)
    ap.add_argument(
        "--batch", type=int, help=f"score one batch alone ({EARLIER}: the lines without one)"
    )
    ap.add_argument("--wrong", action="store_true", help="list the tuning half's mistakes")
    ap.add_argument(
        "--held-out-mistakes",
        action="store_true",
        help="list the held-out half's mistakes too (to move a sentence to tuning, not to "
        "change rules for it)",
    )
    args = ap.parse_args()
    scores = evaluate(args.truth, args.batch)
    print("\n".join(summary(scores)))
    right, found = page_figures()
    print(f"\nkey figures on the test pages: {right} of {found} found are listed in their truth")
    if args.wrong:
        for half, s in scores.items():
            if half == "held-out" and not args.held_out_mistakes:
                continue
            print(f"\n{half}: {len(s.wrong)} mistakes")
            print("\n".join(f"  {w}" for w in s.wrong))
            print(Counter(w.split(":")[0].split()[0] for w in s.wrong))


if __name__ == "__main__":
    main()
