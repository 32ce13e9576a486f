"""The public held-out tables: single-page tables of public PDFs, their cells written by hand.

Each folder of ``tests/truth/public/`` holds one table: ``table.csv`` (the table as printed,
by the conventions of the corpus truth: header rows first, merged cells in their top-left
position, footnote markers removed; rectangular) and ``source.toml``, naming the PDF it was
read from by public repository, commit, path and git blob id, its 1-based page, the
publisher, the kinds of table (``KINDS``), the header rows, a note and its half (``HALVES``):
``tuning`` for a table the engine may be changed for (its first-contact figure was recorded
before it was moved there), ``held-out`` for one nobody looks at while the engine is changed.
The PDFs are not shipped: the scorer finds each one by its blob in a clone of its repository under a
sources folder (``--sources DIR`` or ``$PUBLIC_TABLES_DIR``): ``DIR/owner+name/repo``,
``DIR/owner+name`` or ``DIR/name``. ``git cat-file`` gives the exact bytes the truth was
written on; a table whose source is missing is skipped, and the section counts it.

The four tools of ``scripts/bench.py`` are scored on each table's page in the same run:
reportparse as ``reportparse tables`` reads (``read_tables``, extracted tables only),
camelot lattice, camelot stream and pdfplumber, each by its best table on the page, with
bench.py's cell accuracy, each half apart. Nothing is tuned on the held-out half; a held-out
table the engine should be changed for is moved to the tuning half first, and the commit
says so.

    python scripts/public.py --sources DIR [--write docs/benchmark.md]
    python scripts/public.py --sources DIR --half tuning [--only ID]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench import EXTRACTORS, _grid, plain_tables, score

TRUTH = Path(__file__).resolve().parents[1] / "tests" / "truth" / "public"
HEADING = "## Public tables (held out)"
AFTER = "## Held-out tables"  # the section this one follows in docs/benchmark.md
# The words a table's ``kinds`` may use: what its page shows, so results can be read by kind.
KINDS = frozenset(
    {
        "ruled", "open", "booktabs", "spanning", "row-span", "filled", "zebra", "sideways",
        "beside-prose", "multi-line-cells", "rtl", "dense",
    }
)  # fmt: skip
FIELDS = {
    "repo": str, "commit": str, "path": str, "blob": str, "page": int,
    "publisher": str, "kinds": list, "header_rows": int, "note": str, "half": str,
}  # fmt: skip
HALVES = ("held-out", "tuning")
WHAT = {str: "text", int: "an integer", list: "a list"}
HEX40 = re.compile(r"[0-9a-f]{40}")
REPO = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*")

Tables = dict[str, list[list[list[str]]]]  # tool -> the tables it found on the page


class TruthError(Exception):
    """A folder of the public truth that cannot be used; the message is one line."""


@dataclass(frozen=True)
class PublicTable:
    id: str
    repo: str
    commit: str
    path: str
    blob: str
    page: int
    publisher: str
    kinds: tuple[str, ...]
    header_rows: int
    note: str
    half: str
    cells: list[list[str]]


def load(folder: Path) -> PublicTable:
    """One table of the public truth, every field and the CSV's shape checked."""
    name = folder.name
    cells = _cells(folder / "table.csv", name)
    source = _source(folder / "source.toml", name)
    if source["page"] < 1:
        raise TruthError(f"{name}: source.toml: page {source['page']} is not a page number")
    if not name.endswith(f"-p{source['page']}"):
        raise TruthError(f"{name}: the folder's name does not end in -p{source['page']}")
    if not 0 <= source["header_rows"] < len(cells):
        raise TruthError(
            f"{name}: source.toml: header_rows {source['header_rows']} leaves no body row "
            f"in the table's {len(cells)} rows"
        )
    return PublicTable(id=name, cells=cells, **{**source, "kinds": tuple(source["kinds"])})


def load_all(root: Path = TRUTH) -> list[PublicTable]:
    """Every table under ``root``, in the order of their names."""
    return [load(d) for d in sorted(root.iterdir()) if d.is_dir()]


def _cells(path: Path, name: str) -> list[list[str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, strict=True))
    except FileNotFoundError:
        raise TruthError(f"{name}: no table.csv") from None
    except UnicodeDecodeError:
        raise TruthError(f"{name}: table.csv is not UTF-8") from None
    except csv.Error as exc:
        raise TruthError(f"{name}: table.csv: {exc}") from None
    if not rows or not rows[0]:
        raise TruthError(f"{name}: table.csv has no cells")
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            raise TruthError(
                f"{name}: table.csv row {n} has {len(row)} cells, row 1 has {len(rows[0])}"
            )
    return rows


def _source(path: Path, name: str) -> dict:
    try:
        source = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TruthError(f"{name}: no source.toml") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TruthError(f"{name}: source.toml: {exc}") from None
    for field, kind in FIELDS.items():
        if field not in source:
            raise TruthError(f"{name}: source.toml lacks {field}")
        if type(source[field]) is not kind:
            got = type(source[field])
            what = WHAT.get(got, got.__name__)
            raise TruthError(f"{name}: source.toml: {field} must be {WHAT[kind]}, not {what}")
    if extra := sorted(set(source) - set(FIELDS)):
        raise TruthError(f"{name}: source.toml: unknown field {extra[0]}")
    if not REPO.fullmatch(source["repo"]):
        raise TruthError(f"{name}: source.toml: repo {source['repo']!r} is not owner/name")
    for field in ("commit", "blob"):
        if not HEX40.fullmatch(source[field]):
            raise TruthError(f"{name}: source.toml: {field} is not 40 hexadecimal digits")
    if source["half"] not in HALVES:
        raise TruthError(
            f"{name}: source.toml: half {source['half']!r} is not {' or '.join(HALVES)}"
        )
    if unknown := sorted(set(map(str, source["kinds"])) - KINDS):
        raise TruthError(
            f"{name}: source.toml: unknown kind {unknown[0]!r} (known: {', '.join(sorted(KINDS))})"
        )
    return source


# ---------------------------------------------------------------- sources


def clones(sources: Path, repo: str) -> list[Path]:
    """Where a clone of ``owner/name`` may be under ``sources``, in the order tried."""
    owner, name = repo.split("/")
    return [sources / f"{owner}+{name}" / "repo", sources / f"{owner}+{name}", sources / name]


def pdf_bytes(sources: Path, table: PublicTable) -> bytes | None:
    """The bytes of the table's PDF, by its blob id, from the first clone that has it."""
    for where in clones(sources, table.repo):
        if where.is_dir():
            got = subprocess.run(
                ["git", "-C", str(where), "cat-file", "blob", table.blob], capture_output=True
            )
            if got.returncode == 0:
                return got.stdout
    return None


# ---------------------------------------------------------------- scoring


def tools_on_page(path: Path, page: int) -> Tables:
    """The tables each of the four tools finds on the page: the plain extractors as
    bench.py runs them, reportparse as ``reportparse tables`` reads (extracted tables)."""
    from reportparse.model import DocumentError, TableStatus
    from reportparse.readers.document import read_tables

    found = plain_tables(path, page)
    try:
        ours = read_tables(path.read_bytes(), {page})
    except DocumentError as exc:
        print(f"reportparse failed on {path.name} p{page}: {exc}", file=sys.stderr)
        ours = []
    found["reportparse"] = [_grid(t.cells) for t in ours if t.status == TableStatus.EXTRACTED]
    return found


def best(truth: list[list[str]], tables: list[list[list[str]]]) -> float:
    """A tool's cell accuracy on a table: that of its best table on the page."""
    return max((score(_grid(truth), t) for t in tables), default=0.0)


def measure(
    tables: list[PublicTable],
    sources: Path,
    extract: Callable[[Path, int], Tables] = tools_on_page,
) -> list[str]:
    """The section of the benchmark: one row per table, then each half's means and tables
    found, the held-out half first."""
    lines = [
        HEADING,
        "",
        f"{len(tables)} single-page tables of public PDFs (government statistics, annual "
        "reports and other public documents), their cells written by hand from the printed page "
        "(`tests/truth/public/`, by the corpus truth's conventions; `scripts/public.py`), "
        "without running reportparse on them. The held-out half was never looked at while the "
        "engine was changed; the tuning half was scored once at first contact, then moved there "
        "and may be. Cell accuracy as above, each tool's best table on the page, all four in "
        "this run.",
        "",
        f"| table | half | kinds | size | {' | '.join(EXTRACTORS)} |",
        f"|---|---|---|---|{'---:|' * len(EXTRACTORS)}",
    ]
    totals = {h: {e: [] for e in EXTRACTORS} for h in HALVES}
    found = {h: {e: 0 for e in EXTRACTORS} for h in HALVES}
    missing: list[str] = []
    ordered = sorted(tables, key=lambda t: (HALVES.index(t.half), t.id))
    with tempfile.TemporaryDirectory() as tmp:
        for table in ordered:
            data = pdf_bytes(sources, table)
            if data is None:
                missing.append(f"{table.id} ({table.repo})")
                continue
            pdf = Path(tmp) / f"{table.id}.pdf"
            pdf.write_bytes(data)
            on_page = extract(pdf, table.page)
            scores = {e: best(table.cells, on_page.get(e, [])) for e in EXTRACTORS}
            for e in EXTRACTORS:
                totals[table.half][e].append(scores[e])
                found[table.half][e] += bool(on_page.get(e))
            size = f"{len(table.cells)}x{len(table.cells[0])}"
            cells = " | ".join(f"{scores[e]:.1%}" for e in EXTRACTORS)
            kinds = ", ".join(table.kinds)
            lines.append(f"| {table.id} | {table.half} | {kinds} | {size} | {cells} |")
    for half in HALVES:
        n = len(totals[half][EXTRACTORS[0]])
        if not n:
            continue
        means = " | ".join(f"**{sum(totals[half][e]) / n:.3f}**" for e in EXTRACTORS)
        counts = " | ".join(f"{found[half][e]}/{n}" for e in EXTRACTORS)
        lines.append(f"| **mean cell accuracy, {half} ({n})** | | | | {means} |")
        lines.append(f"| tables found, {half} | | | | {counts} |")
    commits = sorted({(t.repo, t.commit) for t in tables})
    lines += ["", "Sources: " + ", ".join(f"{r} at {c}" for r, c in commits) + "."]
    if missing:
        lines += [
            "",
            f"Skipped, their source not found under {sources}: {len(missing)} of "
            f"{len(tables)} ({', '.join(missing)}).",
        ]
    return [*lines, ""]


def section(
    sources: Path | None, root: Path = TRUTH, half: str | None = None, only: str | None = None
) -> list[str]:
    """The section, or a line saying why it was not measured; ``half`` and ``only`` keep one
    half or one table (to score the tuning half without looking at the held-out one)."""
    if sources is None or not sources.is_dir():
        where = f"{sources} is not a folder" if sources else "PUBLIC_TABLES_DIR is not set"
        return [HEADING, "", f"Not measured in this run ({where}; the README says how to get "
                "the sources).", ""]  # fmt: skip
    try:
        tables = load_all(root)
    except TruthError as exc:
        return [HEADING, "", f"Not measured in this run (bad truth: {exc}).", ""]
    tables = [t for t in tables if half in (None, t.half) and only in (None, t.id)]
    return measure(tables, sources)


def replace_section(path: Path, lines: list[str]) -> None:
    """Write the section into the benchmark file in place of the one it has (else after the
    generated held-out tables' section, else at the end), every other section unchanged."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = "\n".join(lines).rstrip("\n") + "\n"
    start = text.find(f"\n{HEADING}\n")
    if start >= 0:
        end = text.find("\n## ", start + 1)
    else:
        after = text.find(f"\n{AFTER}\n")
        start = end = text.find("\n## ", after + 1) if after >= 0 else -1
    if start < 0:
        path.write_text(text.rstrip("\n") + "\n\n" + block, encoding="utf-8")
        return
    rest = "" if end < 0 else "\n" + text[end:].lstrip("\n")
    path.write_text(text[: start + 1] + block + rest, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sources",
        type=Path,
        default=os.environ.get("PUBLIC_TABLES_DIR") or None,
        help="the folder with clones of the source repositories (default: $PUBLIC_TABLES_DIR)",
    )
    ap.add_argument("--write", type=Path, help="replace this section of that markdown file")
    ap.add_argument("--half", choices=HALVES, help="score this half only")
    ap.add_argument("--only", metavar="ID", help="score this table only (its folder's name)")
    args = ap.parse_args()
    if args.write and (args.half or args.only):
        sys.exit("public.py: --write takes the whole set, not --half or --only")
    try:
        load_all()
    except TruthError as exc:
        sys.exit(f"public.py: {exc}")
    lines = section(args.sources, half=args.half, only=args.only)
    print("\n".join(lines))
    if args.write:
        replace_section(args.write, lines)


if __name__ == "__main__":
    main()
