"""The layout fuzzer's section of the benchmark: seeds printed by each producer (headless
Chromium, WeasyPrint, LibreOffice; tests/fuzz/), read as ``make extract`` and as
``reportparse tables`` read them, and scored against their truth from construction with
bench.py's cell measure. The tuning seeds (tests/fuzz/seeds.toml) and fresh seeds drawn
in this run are reported apart: a figure on the fresh seeds is one nobody tuned for.

    python scripts/bench.py --fuzz-only --write docs/benchmark.md
"""

from __future__ import annotations

import datetime
import re
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import fuzz
from fuzz import seeds
from fuzz.score import Scored, is_whole, score_pdf

HEADING = "## Layout fuzzer"


@dataclass
class Outcome:
    seed: int
    producer: str
    scored: Scored | None = None
    error: str = ""  # the producer made no PDF, or the scorer failed


def one(job: tuple[int, str, str]) -> Outcome:
    """Print one seed with one producer and score it (in a worker process)."""
    seed, producer, folder = job
    try:
        made = fuzz.generate(seed, producer, Path(folder))
        scored = score_pdf(made.pdf, made.truth, seed, producer)
        made.pdf.unlink()
        return Outcome(seed, producer, scored)
    except (fuzz.Failed, fuzz.Missing) as exc:
        return Outcome(seed, producer, error=str(exc))
    except Exception as exc:  # a crash is a result too: counted, named, never hidden
        return Outcome(seed, producer, error=f"{type(exc).__name__}: {exc}")


@dataclass
class Figures:
    outcomes: list[Outcome] = field(default_factory=list)

    def scored(self) -> list[Scored]:
        return [o.scored for o in self.outcomes if o.scored is not None]

    def row(self, label: str) -> str:
        docs = self.scored()
        n = len(self.outcomes)
        tables = [t for s in docs for t in s.tables if t.kind == "table"]
        charts = [t for s in docs for t in s.tables if t.kind == "figure"]
        plain = [t for s in docs for t in s.plain]
        found = sum(s.key_found for s in docs)
        right = sum(s.key_right for s in docs)
        truth = sum(s.key_truth for s in docs)
        cells = [
            label,
            str(n),
            _share(sum(is_whole(s) for s in docs), n),
            _share(sum(s.identified for s in docs), n),
            _mean([t.accuracy for t in tables]),
            _share(sum(t.accuracy == 1.0 for t in tables), len(tables)),
            _mean([t.accuracy for t in charts]),
            _share(sum(t.accuracy == 1.0 for t in charts), len(charts)),
            _mean([t.accuracy for t in plain]),
            f"{right / found:.3f}" if found else "–",
            f"{right / truth:.3f}" if truth else "–",
        ]
        return f"| {' | '.join(cells)} |"


def _mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.1%}" if values else "–"


def _share(k: int, n: int) -> str:
    return f"{k}/{n} ({k / n:.0%})" if n else "–"


MASK = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")


def _reason(text: str) -> str:
    """A message with its quoted names and numbers masked, to count messages alike."""
    return MASK.sub("…", text).strip()


NOTICE = re.compile(r"^no spec for \d{4}; read with the \d{4} spec$")
GOES_ON = ("captions found:", "read with the ")


def problems(message: str) -> list[str]:
    """The problems a document's message names, one each (a part that goes on from the one
    before joined to it); the notice of a year read with an earlier spec left out."""
    out: list[str] = []
    for part in (p.strip() for p in message.split(";")):
        if out and part.startswith(GOES_ON):
            out[-1] += f"; {part}"
        elif part:
            out.append(part)
    return [p for p in out if not NOTICE.match(p)]


def failures(outcomes: list[Outcome], top: int = 8) -> list[str]:
    """What fails most: tables and charts not read cell for cell (by what they are), the
    engine's reasons (names and numbers masked), and the key figures it should not give."""
    missed: Counter = Counter()
    reasons: Counter = Counter()
    false: Counter = Counter()
    errors: Counter = Counter()
    for o in outcomes:
        if o.scored is None:
            errors[_reason(o.error)] += 1
            continue
        s = o.scored
        truth = {m["table_id"]: m["what"] for m in _kinds(s)}
        for t in s.tables:
            if t.accuracy < 1.0:
                missed[truth.get(t.table_id, t.table_id)] += 1
        for part in problems(s.message):
            reasons[_reason(part)] += 1
        for fp in s.false_positives:
            false[_reason(fp.split(": ", 1)[1])] += 1
    lines = ["What fails most, over every producer and seed above:", ""]
    lines.append(
        "- not read cell for cell: "
        + (", ".join(f"{k} {v}×" for k, v in missed.most_common()) or "nothing")
        + "."
    )
    lines.append("- the engine's reasons (names and numbers as …):")
    lines += [f"  - {v}× {k}" for k, v in reasons.most_common(top)] or ["  - none"]
    lines.append("- key figures that are no statement of the text (sentence, numbers as …):")
    lines += [f"  - {v}× {k!r}" for k, v in false.most_common(top)] or ["  - none"]
    if errors:
        lines.append("- no score (the producer made no PDF, or reading crashed):")
        lines += [f"  - {v}× {k}" for k, v in errors.most_common(top)]
    return lines


def _kinds(s: Scored) -> list[dict]:
    """What each truth table and chart of a scored document is: its spec entry and, for a
    chart, its kind ("resultat-fylker", "overgang-ar (stacked)")."""
    doc = fuzz.compose.compose(s.seed)
    out = [{"table_id": t.table_id, "what": t.spec or "unmapped table"} for t in doc.tables]
    out += [{"table_id": f.table_id, "what": f"{f.spec} ({f.kind})"} for f in doc.figures]
    return out


def section(fresh: int, producers: list[str], jobs: int, first: int | None = None) -> list[str]:
    """The section, over the tuning seeds (``first``: the first so many of them, a sample)
    and ``fresh`` seeds drawn now."""
    tuning = list(seeds.tuning())[:first]
    drawn = seeds.fresh(fresh)
    lines = [
        HEADING,
        "",
        f"Nøkkeltall reports drawn by seed and printed from one HTML page by each producer "
        f"(`tests/fuzz/`): the {len(tuning)} tuning seeds of `tests/fuzz/seeds.toml` and "
        f"{len(drawn)} fresh seeds drawn in this run, reported apart. Each PDF is read as "
        "`make extract` reads it and scored against the truth its construction wrote, with "
        "the cell measure above. *Read whole*: family and year recognised, the document "
        "published as `ok`, every table and chart cell for cell. Tables and charts: mean "
        "cell accuracy and the share read cell for cell. `tables`: the county, category "
        "and count tables as `reportparse tables` reads them (best table on any page). "
        "Key figures: precision and recall of (value, unit, approximate) against the "
        "sentences printed; page furniture, contents lines and axis ticks count against "
        "precision. The count table (when a seed prints it) is mapped by no spec entry: it "
        "is published as printed and says so, a notice that the reasons below count too.",
        "",
        "| producer / seeds | documents | read whole | family and year | tables | tables "
        "at 100 % | charts | charts at 100 % | `tables` | key figures: precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    outcomes: list[Outcome] = []
    notes: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fuzz-bench-") as tmp:
        for producer in producers:
            known = fuzz.PRODUCERS.get(producer)
            why = (
                known.available()
                if known
                else f"no such producer (known: {', '.join(fuzz.PRODUCERS)})"
            )
            if why:
                lines.append(f"| {producer} | not measured: {why} | | | | | | | | | |")
                notes.append(f"- {producer}: not measured ({why}).")
                continue
            for label, chosen in (("tuning", tuning), ("fresh", drawn)):
                jobs_of = [(s, producer, tmp) for s in chosen]
                got = []
                with ProcessPoolExecutor(max_workers=jobs) as pool:
                    for k, outcome in enumerate(pool.map(one, jobs_of), 1):
                        got.append(outcome)
                        if k % 25 == 0:
                            print(f"fuzz: {producer} {label}: {k}/{len(jobs_of)}", file=sys.stderr)
                outcomes += got
                lines.append(Figures(got).row(f"{producer} / {label}"))
                print(f"fuzz: {producer} {label}: {time.perf_counter() - start:.0f} s",
                      file=sys.stderr)  # fmt: skip
    lines += [
        "",
        f"Measured on {datetime.date.today().isoformat()} in "
        f"{time.perf_counter() - start:.0f} s, {jobs} seeds at a time.",
        "",
        f"Fresh seeds of this run: {', '.join(map(str, drawn))}.",
        "",
        *failures(outcomes),
        *notes,
        "",
    ]
    return lines


def replace_section(path: Path, lines: list[str]) -> None:
    """Write the fuzzer's section into the benchmark file in place of the one it has (or at
    its end), leaving every other section as it is."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = "\n".join(lines).rstrip("\n") + "\n"
    start = text.find(f"\n{HEADING}\n")
    if start < 0:
        path.write_text(text.rstrip("\n") + "\n\n" + block, encoding="utf-8")
        return
    end = text.find("\n## ", start + 1)
    rest = "" if end < 0 else text[end:]
    path.write_text(text[: start + 1] + block + rest, encoding="utf-8")
