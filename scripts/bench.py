"""Benchmark: timings of `reportparse extract`, cell accuracy against the truth, ICDAR 2013.

For each document in RAW: pages, cold and warm seconds of `reportparse extract` on it
alone (a fresh process each time, as `make extract` runs it); the whole folder cold
and warm; `--jobs 1` against `--jobs 2` on copies of the folder; and for each table
of the truth, the cell accuracy of reportparse and of the plain extractors on the
same page: camelot lattice, camelot stream and pdfplumber's default extract_tables.

Cell accuracy: every cell's text with whitespace runs collapsed to one space (the
same for every extractor), the extracted grid laid over the truth at the offset of
up to three rows and columns that matches best; the matching cells divided by the
cells of the larger of the two grids, so that both missed and spurious cells count.
An extractor that finds several tables on the page is scored by its best one. The data
behind a chart (``figur-N``) is scored for reportparse alone: the others read no charts.

With ``--baseline REF`` (``make bench`` passes BASELINE, by default main), the run starts
with ``scripts/speed.py``: whole-process timings of this tree and of the revision REF,
paired and interleaved, against a pdfplumber word walk and pdfplumber's extract_tables.

Where clones of the public tables' source repositories are given (``--public DIR``, by
default the folder PUBLIC_TABLES_DIR names), the four tools on the hand-written public
held-out tables of ``tests/truth/public/`` (``scripts/public.py``).

Where the ICDAR 2013 table competition set is given (``--icdar DIR``, by default the
folder ICDAR2013_DIR names), the same run measures reportparse (``reportparse tables``),
camelot lattice, camelot stream and pdfplumber on it with the competition's structure
measure (``scripts/icdar.py``). Last, the precision and recall of key-figure classification
on the sentence truth, per half (``scripts/sentences.py``).

Last, the layout fuzzer's tuning seeds and as many fresh ones (``--fuzz-fresh``) printed by
each producer and scored the same way (``scripts/fuzzbench.py``); ``--fuzz-only`` measures
them alone and rewrites only their section of the ``--write`` file.

    python scripts/bench.py --raw raw --truth tests/truth --write docs/benchmark.md
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from reportparse.qa.inspection import read
from reportparse.run.cache import Cache
from reportparse.run.inputs import list_documents
from reportparse.text.normalize import normalize_ws

EXE = Path(sys.executable).with_name("reportparse")
EXTRACTORS = ("reportparse", "camelot lattice", "camelot stream", "pdfplumber")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=Path("raw"))
    ap.add_argument("--truth", type=Path, default=Path("tests/truth"))
    ap.add_argument("--copies", type=int, default=4, help="copies of raw/ for the --jobs run")
    ap.add_argument("--write", type=Path, help="write the report (markdown) to this file too")
    ap.add_argument(
        "--icdar",
        type=Path,
        default=os.environ.get("ICDAR2013_DIR") or None,
        help="the ICDAR 2013 table competition set (default: $ICDAR2013_DIR); skipped if none",
    )
    ap.add_argument(
        "--public",
        type=Path,
        default=os.environ.get("PUBLIC_TABLES_DIR") or None,
        help="clones of the public tables' source repositories (default: $PUBLIC_TABLES_DIR)",
    )
    ap.add_argument("--fuzz-fresh", type=int, default=100, help="fresh fuzzer seeds to draw")
    ap.add_argument("--fuzz-producers", default="chromium,weasyprint,libreoffice")
    ap.add_argument("--fuzz-jobs", type=int, default=2, help="fuzzer seeds read at once")
    ap.add_argument(
        "--fuzz-only",
        action="store_true",
        help="measure the layout fuzzer alone; --write replaces only its section",
    )
    ap.add_argument(
        "--baseline",
        help="a git revision to measure against, whole processes paired (scripts/speed.py)",
    )
    ap.add_argument("--rounds", type=int, default=5, help="paired rounds against the baseline")
    args = ap.parse_args()
    if args.fuzz_only:
        return fuzz_only(args)
    files = list_documents(args.raw).documents
    lines = ["# Benchmark", "", *machine(), ""]
    if args.baseline:
        import speed

        lines += speed.measure(args.raw.resolve(), args.baseline, args.rounds, args.icdar, 2)
    lines += timings(files)
    lines += jobs(files, args.copies)
    lines += accuracy(files, args.truth)
    lines += held_out()
    lines += public_tables(args.public)
    lines += competition(args.icdar)
    lines += fuzz_section(args)
    lines += sentence_truth()
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- machine


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    libs = ", ".join(
        f"{n} {metadata.version(n)}" for n in ("pdfplumber", "camelot-py", "pandas", "pyarrow")
    )
    today = datetime.date.today().isoformat()
    return [
        f"Run by `make bench` on {today}: {platform.system()} {platform.machine()}, {cpu}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; {libs}.",
        "",
        f"Parallel capacity of this machine: {capacity():.2f}x (two CPU-bound Python loops run "
        "together against one alone; 2.00x would be two full cores).",
    ]


def _spin(n: int = 6_000_000) -> None:
    x = 0
    for i in range(n):
        x += i


def capacity() -> float:
    here = str(Path(__file__).parent)
    code = f"import sys; sys.path.insert(0, {here!r}); import bench; bench._spin()"

    def timed(k: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(k)]
        for p in procs:
            p.wait()
        return time.perf_counter() - start

    one = min(timed(1) for _ in range(3))
    two = min(timed(2) for _ in range(3))
    return 2 * one / two


# ---------------------------------------------------------------- timings


def extract_seconds(raw: Path, out: Path, cache: Path | None, *more: str) -> tuple[float, int]:
    cmd = [str(EXE), "extract", "--raw", str(raw), "--out", str(out), "--keep-going"]
    cmd += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    start = time.perf_counter()
    done = subprocess.run([*cmd, *more], capture_output=True, text=True)
    return time.perf_counter() - start, done.returncode


def pages(path: Path) -> str:
    import pdfplumber

    if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
        return "–"
    with pdfplumber.open(path) as pdf:
        return str(len(pdf.pages))


def timings(files: list[Path]) -> list[str]:
    lines = [
        "## Cold and warm runs",
        "",
        "`reportparse extract` in a fresh process, as `make extract` runs it: cold with an "
        "empty cache, warm right after with nothing changed (the no-change fast path).",
        "",
        "| document | pages | cold s | warm s | cold / warm | exit |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            raw = Path(tmp, f.stem, "raw")
            raw.mkdir(parents=True)
            shutil.copy(f, raw / f.name)
            cold, code = extract_seconds(raw, raw.parent / "out", raw.parent / "cache")
            warm, _ = extract_seconds(raw, raw.parent / "out", raw.parent / "cache")
            lines.append(
                f"| {f.name} | {pages(f)} | {cold:.2f} | {warm:.2f} | {cold / warm:.0f}x | {code} |"
            )
        raw = files[0].parent
        out, cache = Path(tmp, "all", "out"), Path(tmp, "all", "cache")
        cold, code = extract_seconds(raw, out, cache)
        warm, _ = extract_seconds(raw, out, cache)
        lines.append(
            f"| **all of {raw}/ ({len(files)} documents)** | | **{cold:.2f}** | **{warm:.2f}** "
            f"| **{cold / warm:.0f}x** | {code} |"
        )
        lines += ["", *against_word_walk(raw, files, Path(tmp, "walk"))]
    return [*lines, ""]


WORD_WALK = """
import sys
import pdfplumber

for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
"""


def against_word_walk(raw: Path, files: list[Path], tmp: Path) -> list[str]:
    """A cold extract of the whole folder against a plain pdfplumber word walk over its PDFs
    (every page's words, in a fresh process too), medians of three alternating runs."""
    pdfs = [str(f) for f in files if pages(f) != "–"]
    walks, colds, serials = [], [], []
    for i in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", WORD_WALK, *pdfs], check=True)
        walks.append(time.perf_counter() - start)
        colds.append(extract_seconds(raw, tmp / f"cold-{i}", None)[0])
        serials.append(extract_seconds(raw, tmp / f"serial-{i}", None, "--jobs", "1")[0])
    walk, cold, serial = (sorted(v)[1] for v in (walks, colds, serials))
    return [
        f"Against a plain pdfplumber word walk over the same PDFs (`extract_words` on every "
        f"page, in a fresh process), medians of three alternating runs: the walk "
        f"{walk:.2f} s; a cold `reportparse extract` of the folder {cold:.2f} s with the default "
        f"`--jobs` (**{cold / walk:.2f}x**), {serial:.2f} s with `--jobs 1` ({serial / walk:.2f}x)."
    ]


def jobs(files: list[Path], copies: int) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp, "raw")
        raw.mkdir()
        for i in range(copies):
            for f in files:
                # different bytes after the end of the document, so that no copy is skipped
                tail = b"\n%% copy %d\n" if f.suffix.lower() == ".pdf" else b"\n<!-- copy %d -->\n"
                (raw / f"{f.stem}-{i}{f.suffix}").write_bytes(f.read_bytes() + tail % i)
        n = len(files) * copies
        # alternate the two settings, three times each: a shared machine's speed drifts
        ones, twos = [], []
        for _ in range(3):
            ones.append(extract_seconds(raw, Path(tmp, "one"), None, "--jobs", "1")[0])
            twos.append(extract_seconds(raw, Path(tmp, "two"), None, "--jobs", "2")[0])
        one, two = sorted(ones)[1], sorted(twos)[1]
        same = _tree(Path(tmp, "one")) == _tree(Path(tmp, "two"))
        # the part that is not parallel: a run with every document in the cache
        cache = Path(tmp, "cache")
        extract_seconds(raw, Path(tmp, "fill"), cache)
        serial, _ = extract_seconds(raw, Path(tmp, "serial"), cache)  # new OUT: no fast path
    ideal = one / (serial + (one - serial) / 2)
    return [
        "## Parallel runs",
        "",
        f"{n} documents ({copies} copies of each, no cache), median of three alternating runs: "
        f"`--jobs 1` {one:.2f} s, `--jobs 2` {two:.2f} s: **{one / two:.2f}x** "
        f"(each pair: {', '.join(f'{a / b:.2f}x' for a, b in zip(ones, twos, strict=True))}); "
        "outputs byte-identical: "
        f"{'yes' if same else 'NO'}.",
        "",
        f"The serial part of that run (start-up, merge, validation, publishing: the same run "
        f"with every document in the cache) takes {serial:.2f} s, so on two full cores "
        f"`--jobs 2` would be {ideal:.2f}x; the measured speed-up is bounded by the parallel "
        "capacity above.",
        "",
    ]


def _tree(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# ---------------------------------------------------------------- accuracy


def _truth_dir(root: Path, source_id: str, path: Path) -> Path | None:
    for name in (source_id, path.stem, f"{path.stem}.truth"):
        if (root / name / "tables.json").is_file():
            return root / name
    return None


def _grid(rows) -> list[list[str]]:
    return [[normalize_ws("" if c is None else str(c)) for c in row] for row in rows]


def score(truth: list[list[str]], got: list[list[str]]) -> float:
    if not got or not truth:
        return 0.0
    n_truth = len(truth) * max(len(r) for r in truth)
    n_got = len(got) * max(len(r) for r in got)
    best = 0
    for dr in range(-3, 4):
        for dc in range(-3, 4):
            hits = 0
            for r, row in enumerate(truth):
                rr = r + dr
                if not 0 <= rr < len(got):
                    continue
                for c, cell in enumerate(row):
                    cc = c + dc
                    if 0 <= cc < len(got[rr]) and got[rr][cc] == cell:
                        hits += 1
            best = max(best, hits)
    return best / max(n_truth, n_got)


def plain_tables(path: Path, page: int) -> dict[str, list[list[list[str]]]]:
    import camelot
    import pdfplumber

    out: dict[str, list[list[list[str]]]] = {}
    for flavor in ("lattice", "stream"):
        try:
            found = camelot.read_pdf(str(path), pages=str(page), flavor=flavor)
            out[f"camelot {flavor}"] = [_grid(t.df.values.tolist()) for t in found]
        except Exception as exc:  # a plain extractor's failure scores 0
            print(f"camelot {flavor} failed on {path.name} p{page}: {exc}", file=sys.stderr)
            out[f"camelot {flavor}"] = []
    with pdfplumber.open(path) as pdf:
        out["pdfplumber"] = [_grid(t) for t in pdf.pages[page - 1].extract_tables()]
    return out


def accuracy(files: list[Path], truth_root: Path) -> list[str]:
    lines = [
        "## Cell accuracy per table",
        "",
        "Against the truth of the corpus; see the top of `scripts/bench.py` for the measure. "
        "A figure (`figur-N`, the data behind a chart) is scored for reportparse alone.",
        "",
        f"| document | table | page | {' | '.join(EXTRACTORS)} |",
        f"|---|---|---:|{'---:|' * len(EXTRACTORS)}",
    ]
    notes = []
    totals = {e: [] for e in EXTRACTORS}
    figures: list[float] = []
    for f in files:
        try:
            found = read(f, Cache(None))
        except Exception as exc:
            notes.append(f"- {f.name}: not read ({exc}).")
            continue
        folder = _truth_dir(truth_root, found.source.source_id, f)
        if folder is None:
            notes.append(f"- {f.name}: no truth under {truth_root}/.")
            continue
        if found.note:
            notes.append(f"- {f.name}: {found.note}; scored on the table engine's tables.")
        ours = {t.table_id: t for t in found.tables}
        cache: dict[int, dict] = {}
        metas = json.loads((folder / "tables.json").read_text(encoding="utf-8"))
        metas += [{"table_id": p.stem, "figure": True} for p in sorted(folder.glob("figur-*.csv"))]
        for meta in metas:
            tid = meta["table_id"]
            with open(folder / f"{tid}.csv", encoding="utf-8", newline="") as fh:
                truth = _grid(csv.reader(fh))
            mine = ours.get(tid)
            scores = {"reportparse": score(truth, _grid(mine.cells)) if mine else 0.0}
            if meta.get("figure"):
                figures.append(scores["reportparse"])
                page = mine.pages[0] if mine and mine.pages else "–"
                cells = [f"{scores['reportparse']:.1%}", *("–" for _ in EXTRACTORS[1:])]
                lines.append(f"| {found.source.source_id} | {tid} | {page} | {' | '.join(cells)} |")
                continue
            page = (meta.get("pages") or [None])[0]
            if page is not None and found.source.kind == "pdf":
                if page not in cache:
                    cache[page] = plain_tables(f, page)
                for name, tables in cache[page].items():
                    scores[name] = max((score(truth, t) for t in tables), default=0.0)
            cells = [f"{scores[e]:.1%}" if e in scores else "–" for e in EXTRACTORS]
            for e in scores:
                totals[e].append(scores[e])
            lines.append(
                f"| {found.source.source_id} | {tid} | {page or '–'} | {' | '.join(cells)} |"
            )
    means = [f"**{sum(v) / len(v):.1%}**" if v else "–" for v in totals.values()]
    lines.append(f"| **mean of the tables** | | | {' | '.join(means)} |")
    if figures:
        mean = f"**{sum(figures) / len(figures):.1%}**"
        rest = " | ".join("–" for _ in EXTRACTORS[1:])
        lines.append(f"| **mean of the figures** | | | {mean} | {rest} |")
    return [*lines, "", *notes, ""] if notes else [*lines, ""]


# ---------------------------------------------------------------- layout fuzzer


def fuzz_section(args) -> list[str]:
    """The layout fuzzer's figures per producer, tuning and fresh seeds apart
    (``scripts/fuzzbench.py``)."""
    import fuzzbench

    producers = [p for p in args.fuzz_producers.split(",") if p]
    return fuzzbench.section(args.fuzz_fresh, producers, args.fuzz_jobs)


def fuzz_only(args) -> None:
    import fuzzbench

    lines = fuzz_section(args)
    print("\n".join(lines))
    if args.write:
        fuzzbench.replace_section(args.write, lines)


# ---------------------------------------------------------------- held-out tables


def held_out() -> list[str]:
    """Cell accuracy of the four tools on the generated held-out set (``scripts/heldout.py``,
    its ``HELD_OUT_SEEDS``), each tool's best table on the page against the truth drawn."""
    sys.path.insert(0, str(Path(__file__).parent))
    import heldout

    from reportparse.model import TableStatus
    from reportparse.readers.document import read_tables

    first, last = heldout.HELD_OUT_SEEDS[0], heldout.HELD_OUT_SEEDS[-1]
    lines = [
        "## Held-out tables",
        "",
        f"{len(heldout.HELD_OUT_SEEDS)} single-page tables drawn by `scripts/heldout.py` "
        f"(seeds {first}-{last}; never looked at while the engine was changed, which used "
        f"seeds {heldout.TUNING_SEEDS[0]}-{heldout.TUNING_SEEDS[-1]} at most), one style per "
        "seed in turn, the truth from construction; cell accuracy as above, each tool's best "
        "table on the page, all four in this run. The set is synthetic: its styles are the "
        "same generator's as the tuning seeds' (only the content, sizes and places differ), "
        "so it shows the engine on unseen tables of known kinds, not on other publishers' "
        "PDFs.",
        "",
        f"| table | style | size | {' | '.join(EXTRACTORS)} |",
        f"|---|---|---|{'---:|' * len(EXTRACTORS)}",
    ]
    totals: dict[str, list[float]] = {e: [] for e in EXTRACTORS}
    found = {e: 0 for e in EXTRACTORS}
    with tempfile.TemporaryDirectory() as tmp:
        for pdf, drawn in heldout.write_set(Path(tmp), list(heldout.HELD_OUT_SEEDS)):
            truth = _grid(drawn.cells)
            tables = plain_tables(pdf, 1)
            ours = read_tables(pdf.read_bytes())
            tables["reportparse"] = [
                _grid(t.cells) for t in ours if t.status == TableStatus.EXTRACTED
            ]
            scores = {e: max((score(truth, t) for t in tables[e]), default=0.0) for e in EXTRACTORS}
            for e in EXTRACTORS:
                totals[e].append(scores[e])
                found[e] += bool(tables[e])
            size = f"{len(truth)}x{len(truth[0])}"
            cells = " | ".join(f"{scores[e]:.1%}" for e in EXTRACTORS)
            lines.append(f"| {drawn.name} | {drawn.style} | {size} | {cells} |")
    n = len(heldout.HELD_OUT_SEEDS)
    means = " | ".join(f"**{sum(totals[e]) / n:.3f}**" for e in EXTRACTORS)
    lines.append(f"| **mean cell accuracy** | | | {means} |")
    lines.append(f"| tables found | | | {' | '.join(f'{found[e]}/{n}' for e in EXTRACTORS)} |")
    return [*lines, ""]


def public_tables(sources: Path | None) -> list[str]:
    """The four tools on the public tables whose cells were written by hand
    (``scripts/public.py``), or a line saying why they were not measured."""
    import public

    return public.section(sources)


# ---------------------------------------------------------------- ICDAR 2013


def sentence_truth() -> list[str]:
    """Precision and recall of key-figure classification on the sentence truth, per half,
    and the key-figure precision on the saved test pages (``scripts/sentences.py``)."""
    import sentences

    scores = sentences.evaluate()
    right, found = sentences.page_figures()
    return [
        "## Key sentences: the sentence truth",
        "",
        f"`tests/truth/sentences.jsonl`: {sum(s.sentences for s in scores.values())} sentences "
        "in varied wordings, each with the key figures it states (indicator, year, unit, value "
        "and dimensions) or none, split into a tuning half and a held-out half fixed in the "
        "file; rules are changed for tuning sentences only (`scripts/sentences.py`). "
        "Classification precision: classified figures that are right, over all classified; "
        "recall: right over the figures the truth classifies. Key-figure precision: figures "
        "found that the truth lists (by unit and value), over all found.",
        "",
        *sentences.summary(scores),
        "",
        f"Key figures on the saved test pages (`tests/pages/`): {right} of {found} found are "
        f"listed in their truth (precision {right / found if found else 1.0:.3f}).",
        "",
    ]


def competition(root: Path | None) -> list[str]:
    """reportparse and the plain extractors on the ICDAR 2013 set, measured in this run."""
    import icdar

    head = ["## ICDAR 2013 table competition", ""]
    if root is None or not root.is_dir():
        where = f"{root} is not a folder" if root is not None else "ICDAR2013_DIR is not set"
        return [*head, f"Not measured in this run ({where}; the README says how to get it).", ""]
    docs = icdar.documents(root)
    evaluations = []
    for name, tables_of in icdar.ENGINES.items():
        start = time.perf_counter()
        evaluations.append(icdar.evaluate(tables_of, docs, name, _icdar_warning(name)))
        print(f"icdar: {name}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    ours = evaluations[0]
    peers = [ev.engine for ev in evaluations[1:]]
    lines = [
        *head,
        f"{len(docs)} documents of the competition set, each engine on every page of every "
        "document, scored with the competition's structure measure (adjacency relations of "
        "non-empty cells, pooled over the documents; see the top of `scripts/icdar.py`). "
        "reportparse runs as `reportparse tables` does: no family, no spec.",
        "",
        "Which sets were used for tuning: the engine's settings up to the split into halves "
        "were tuned on all 67 documents and on the corpus in `raw/`; since then, on the "
        f"{icdar.TUNING_HALF.upper()} half, the corpus and the generated tables of "
        "`scripts/heldout.py`'s tuning seeds only. So the "
        f"{icdar.HELD_OUT_HALF.upper()} half is held out from later tuning, not from the "
        "earlier one; the held-out tables above are the set no tuning saw.",
        "",
        *icdar.summary(evaluations),
        "",
        f"The halves: settings may be tuned on the {icdar.TUNING_HALF.upper()} documents "
        f"only; the {icdar.HELD_OUT_HALF.upper()} documents are reported apart as held out "
        "(see the note at the top of this section).",
        "",
        *icdar.halves(evaluations),
        "",
        "Mean of the documents' own F1 (each document weighing the same): "
        + ", ".join(f"{ev.engine} {icdar.mean_f1(ev):.3f}" for ev in evaluations)
        + ".",
        "",
        "The ten documents where reportparse scores lowest:",
        "",
        f"| document | precision | recall | F1 | {' | '.join(f'F1 {name}' for name in peers)} |",
        f"|---|---:|---:|---:|{'---:|' * (len(evaluations) - 1)}",
    ]
    f1 = {ev.engine: {d.document.name: d.score.f1 for d in ev.documents} for ev in evaluations}
    for d in icdar.lowest(ours, 10):
        s = d.score
        peers = " | ".join(f"{f1[ev.engine][d.document.name]:.3f}" for ev in evaluations[1:])
        lines.append(
            f"| {d.document.name} | {_share(s.precision)} | {_share(s.recall)} | {s.f1:.3f} "
            f"| {peers} |"
        )
    return [*lines, ""]


def _share(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def _icdar_warning(engine: str):
    def progress(d) -> None:
        if d.error:
            print(f"icdar: {engine}: {d.document.name}: {d.error}", file=sys.stderr)

    return progress


if __name__ == "__main__":
    main()
