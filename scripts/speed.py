"""Speed against a baseline: whole processes, paired and interleaved, medians.

Each round runs, one after the other in a fresh process each: a plain pdfplumber word walk
over the PDFs of RAW (`extract_words` on every page); a cold `reportparse extract --jobs 1
--no-cache` of RAW by this tree and by the baseline; and, where the ICDAR 2013 set is given,
pdfplumber's `extract_tables` over its PDFs and `reportparse tables --jobs 1` by this tree
and by the baseline. The figures are the medians over the rounds, and the ratio of two
figures the median of the ratios of each round's pair (a shared machine's speed drifts;
a pair run back to back shares its load). The warm rerun (everything cached, nothing
changed), the peak resident memory of a worker (the largest of a run's workers, from
``getrusage(RUSAGE_CHILDREN)`` in the run's process) and the `--jobs 2` speed-up on copies
of RAW are measured for both trees the same way. The CPU seconds (user and system) of the
cold runs, workers included, are given beside their wall-clock seconds: on a machine
shared with other work they vary much less.

The baseline is a git revision of this repository (``--baseline REF``), exported with
``git archive`` into a temporary folder and run from there with this environment's
libraries; nothing is checked out or switched. ``--this REF`` measures a revision the same
way in place of the working tree.

    python scripts/speed.py --raw raw --baseline main [--rounds 5] [--icdar DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD_WALK = """
import sys
import pdfplumber

for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
"""
EXTRACT_TABLES = """
import sys
import pdfplumber

for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
"""
# reportparse's command line in this process, then the largest resident size of its workers
RUN = """
import resource, sys
from reportparse.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"WORKER_PEAK_KIB {kib}", file=sys.stderr)
sys.exit(code if isinstance(code, int) else 1)
"""


@dataclass
class Tree:
    """A source tree of reportparse to run: this one, or the baseline's export."""

    name: str
    env: dict[str, str] = field(default_factory=dict)

    def run(self, *args: str) -> tuple[float, int, int]:
        """Seconds, exit status and the largest worker's peak resident KiB of a command."""
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", RUN, *args],
            capture_output=True,
            text=True,
            env={**os.environ, **self.env},
        )
        seconds = time.perf_counter() - start
        peak = [int(line.split()[1]) for line in done.stderr.splitlines() if "WORKER_PEAK" in line]
        return seconds, done.returncode, peak[-1] if peak else 0


def exported_tree(ref: str, folder: Path, role: str) -> Tree:
    """The revision ``ref`` exported into ``folder``, run from there."""
    folder.mkdir(parents=True)
    archive = folder / "tree.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", ref], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "src-tree", filter="data")
    tree = folder / "src-tree"
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", ref],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    env = {"PYTHONPATH": str(tree / "src"), "REPORTPARSE_SCHEMAS": str(tree / "schemas")}
    return Tree(f"{role} ({ref}, {commit})", env)


def timed(code: str, files: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *files], check=True, capture_output=True)
    return time.perf_counter() - start


def children_cpu() -> float:
    """CPU seconds (user and system) of this process's finished children and theirs: the
    difference around one command is its CPU time, every worker included. On a shared
    machine wall-clock seconds follow the load; CPU seconds much less."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median(values: list[float]) -> float:
    return statistics.median(values)


def ratio(a: list[float], b: list[float]) -> float:
    """The median of the paired ratios a / b."""
    return median([x / y for x, y in zip(a, b, strict=True)])


def measure(
    raw: Path, ref: str, rounds: int, icdar: Path | None, copies: int, this: str | None = None
) -> list[str]:
    pdfs = sorted(str(p) for p in raw.iterdir() if p.suffix.lower() == ".pdf")
    icdar_pdfs = sorted(str(p) for p in icdar.rglob("*.pdf")) if icdar else []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        own = exported_tree(this, tmp / "this", "this tree") if this else Tree("this tree")
        trees = [own, exported_tree(ref, tmp / "baseline", "baseline")]
        t: dict[str, list[float]] = {}
        peaks: dict[str, list[int]] = {}
        statuses: set[int] = set()

        def add(key: str, value: float) -> None:
            t.setdefault(key, []).append(value)

        warm = [  # each tree's output and cache, filled once: every round reruns it warm
            ["extract", "--raw", str(raw), "--out", str(tmp / f"warm-{k}"), "--cache-dir",
             str(tmp / f"cache-{k}")]
            for k in range(len(trees))
        ]  # fmt: skip
        for tree, args in zip(trees, warm, strict=True):
            tree.run(*args)
        for i in range(rounds):
            cpu = children_cpu()
            add("walk", timed(WORD_WALK, pdfs))
            add("cpu walk", children_cpu() - cpu)
            for k, tree in enumerate(trees):
                out = tmp / f"cold-{k}-{i}"
                cpu = children_cpu()
                sec, code, peak = tree.run(
                    "extract", "--raw", str(raw), "--out", str(out), "--no-cache", "--jobs", "1"
                )
                add(f"cpu cold {k}", children_cpu() - cpu)
                add(f"cold {k}", sec)
                peaks.setdefault(f"{k}", []).append(peak)
                statuses.add(code)
                add(f"warm {k}", tree.run(*warm[k])[0])
            if icdar_pdfs:
                cpu = children_cpu()
                add("extract_tables", timed(EXTRACT_TABLES, icdar_pdfs))
                add("cpu extract_tables", children_cpu() - cpu)
                for k, tree in enumerate(trees):
                    out = tmp / f"tables-{k}-{i}"
                    cpu = children_cpu()
                    sec, _, _ = tree.run("tables", *icdar_pdfs, "--out", str(out), "--jobs", "1")
                    add(f"cpu tables {k}", children_cpu() - cpu)
                    add(f"tables {k}", sec)
            print(f"speed: round {i + 1} of {rounds} done", file=sys.stderr)
        scaling = {
            k: _scaling(tree, raw, tmp / f"jobs-{k}", copies, rounds)
            for k, tree in enumerate(trees)
        }
    return _report(trees, t, peaks, scaling, statuses, rounds, len(pdfs), len(icdar_pdfs), copies)


def _scaling(tree: Tree, raw: Path, folder: Path, copies: int, rounds: int) -> list[float]:
    """`--jobs 1` against `--jobs 2` on ``copies`` copies of RAW: each pair's speed-up."""
    many = folder / "raw"
    many.mkdir(parents=True)
    for i in range(copies):
        for f in sorted(raw.iterdir()):
            tail = b"\n%% copy %d\n" if f.suffix.lower() == ".pdf" else b"\n<!-- copy %d -->\n"
            (many / f"{f.stem}-{i}{f.suffix}").write_bytes(f.read_bytes() + tail % i)
    out = []
    for i in range(rounds):
        one = tree.run("extract", "--raw", str(many), "--out", str(folder / f"one-{i}"),
                       "--no-cache", "--jobs", "1")[0]  # fmt: skip
        two = tree.run("extract", "--raw", str(many), "--out", str(folder / f"two-{i}"),
                       "--no-cache", "--jobs", "2")[0]  # fmt: skip
        out.append(one / two)
    shutil.rmtree(many)
    return out


def _report(trees, t, peaks, scaling, statuses, rounds, n_pdfs, n_icdar, copies) -> list[str]:
    new, old = trees
    tables, walk_tables = t.get("tables 0"), t.get("extract_tables")
    lines = [
        "## Speed against the baseline",
        "",
        f"Whole processes, {rounds} rounds, each round running every command below once, one "
        "after the other (see the top of `scripts/speed.py`); medians over the rounds, and for "
        "a ratio the median of the rounds' ratios. This tree is "
        f"{new.name}; the baseline is {old.name}, run from its own export with the same "
        "libraries.",
        "",
        "| measure | this tree | baseline | this / baseline |",
        "|---|---:|---:|---:|",
        f"| cold `extract --jobs 1 --no-cache` of raw/, s | {median(t['cold 0']):.2f} "
        f"| {median(t['cold 1']):.2f} | {ratio(t['cold 0'], t['cold 1']):.2f}x |",
        f"| the same against the pdfplumber word walk ({median(t['walk']):.2f} s, {n_pdfs} PDFs) "
        f"| **{ratio(t['cold 0'], t['walk']):.2f}x** | {ratio(t['cold 1'], t['walk']):.2f}x | |",
        f"| warm rerun (all cached, nothing changed), s | {median(t['warm 0']):.2f} "
        f"| {median(t['warm 1']):.2f} | {ratio(t['warm 0'], t['warm 1']):.2f}x |",
        f"| peak resident memory of a worker, MiB | {median(peaks['0']) / 1024:.0f} "
        f"| {median(peaks['1']) / 1024:.0f} | {median(peaks['0']) / median(peaks['1']):.2f}x |",
        f"| `--jobs 2` speed-up on {copies} copies of raw/ | {median(scaling[0]):.2f}x "
        f"| {median(scaling[1]):.2f}x | |",
    ]
    if "tables 0" in t:
        lines += [
            f"| `tables --jobs 1` over ICDAR 2013 ({n_icdar} PDFs), s | {median(tables):.2f} "
            f"| {median(t['tables 1']):.2f} | {ratio(tables, t['tables 1']):.2f}x |",
            f"| the same against pdfplumber's `extract_tables` ({median(walk_tables):.2f} s) "
            f"| **{ratio(tables, walk_tables):.2f}x** "
            f"| {ratio(t['tables 1'], walk_tables):.2f}x | |",
        ]
    else:
        lines.append("| `tables` over ICDAR 2013 | not measured (no set given) | | |")
    lines += [
        f"| CPU s (user + system, workers included) of the cold `extract` "
        f"| {median(t['cpu cold 0']):.2f} | {median(t['cpu cold 1']):.2f} "
        f"| {ratio(t['cpu cold 0'], t['cpu cold 1']):.2f}x |",
        f"| the same against the word walk's ({median(t['cpu walk']):.2f} s) "
        f"| **{ratio(t['cpu cold 0'], t['cpu walk']):.2f}x** "
        f"| {ratio(t['cpu cold 1'], t['cpu walk']):.2f}x | |",
    ]
    if "tables 0" in t:
        lines += [
            f"| CPU s of `tables --jobs 1` over ICDAR 2013 | {median(t['cpu tables 0']):.2f} "
            f"| {median(t['cpu tables 1']):.2f} "
            f"| {ratio(t['cpu tables 0'], t['cpu tables 1']):.2f}x |",
            f"| the same against `extract_tables`' ({median(t['cpu extract_tables']):.2f} s) "
            f"| **{ratio(t['cpu tables 0'], t['cpu extract_tables']):.2f}x** "
            f"| {ratio(t['cpu tables 1'], t['cpu extract_tables']):.2f}x | |",
        ]
    each = ", ".join(f"{a:.2f}" for a in t["cold 0"])
    lines += [
        "",
        f"Each round's cold `extract --jobs 1` of this tree, s: {each}; the word walk's: "
        + ", ".join(f"{a:.2f}" for a in t["walk"])
        + f". Exit status of the cold runs: {', '.join(str(s) for s in sorted(statuses))}.",
        "",
    ]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=Path("raw"))
    ap.add_argument("--baseline", default="main", help="a git revision (default: main)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--copies", type=int, default=2, help="copies of raw/ for --jobs 2")
    ap.add_argument("--icdar", type=Path, default=os.environ.get("ICDAR2013_DIR") or None)
    ap.add_argument("--this", help="measure this git revision (exported) instead of the tree")
    args = ap.parse_args()
    lines = measure(
        args.raw.resolve(), args.baseline, args.rounds, args.icdar, args.copies, args.this
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
