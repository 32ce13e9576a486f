"""Command line: reportparse extract | tables | sources | validate | inspect | report.

Heavy libraries (pandas, pdfplumber) are imported inside the commands that need
them, so that ``extract`` with nothing to do answers at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .model import SourceStatus, TableKind, TableStatus
from .run.inputs import DEFAULT_TIMEOUT, Outcome

DEFAULT_CACHE = Path(".cache/reportparse")
UNREAD = (TableStatus.FAILED, TableStatus.INCOMPLETE)  # a figure in these is a notice


def raw_option(help: str = "Folder with the documents (PDF reports, saved HTML pages)."):
    return click.option(
        "--raw", "raw", default="raw", show_default=True, type=click.Path(path_type=Path), help=help
    )


def cache_options(fn):
    """--cache-dir and --no-cache, the same for every command that reads documents."""
    fn = click.option(
        "--no-cache", is_flag=True, help="Read documents again; do not use the cache."
    )(fn)
    return click.option(
        "--cache-dir",
        default=str(DEFAULT_CACHE),
        show_default=True,
        type=click.Path(path_type=Path),
        help="Per-document cache (content hash + parser fingerprint).",
    )(fn)


def _progress_printer(tty: bool):
    def show(done: int, total: int, o: Outcome, how: str | None = None) -> None:
        how = how or ("cached" if o.cached else f"{o.seconds:.1f} s")
        note = f" - {o.message}" if o.message else ""
        line = f"[{done}/{total}] {o.file}: {o.status} ({how}){note}"
        if tty:  # a line that says more than "ok" stays; the next one overwrites the others
            keep = done == total or o.status != SourceStatus.OK or bool(o.message)
            click.echo("\r\033[K" + line, nl=keep, err=True)
        else:
            click.echo(line, err=True)

    return show


@click.group()
@click.version_option(__version__, prog_name="reportparse")
def main() -> None:
    """IMDi's reports and press releases on the introduction programme, as validated tidy data."""


@main.command()
@raw_option()
@click.option(
    "--out",
    "out",
    default="extracted",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder to publish into; replaced only when every output validates.",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="Publish the documents that could be read; record the others in sources.csv.",
)
@click.option(
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Documents extracted in parallel processes.",
)
@cache_options
@click.option(
    "--timeout",
    default=DEFAULT_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds one document may take; a document over the limit fails, the rest go on.",
)
def extract(
    raw: Path,
    out: Path,
    keep_going: bool,
    jobs: int,
    cache_dir: Path,
    no_cache: bool,
    timeout: float,
):
    """Extract every document in RAW into the datasets of the data contract in OUT.

    Exit status 0 only when every document was read and every output validated.
    With the cache on, a run whose documents, code, specs and schemas are those of
    the last clean run, and whose OUT is unchanged, does nothing.

    \b
    Example:
        reportparse extract --raw raw --out extracted --jobs 2
    """  # fmt: skip
    from .run.inputs import documents

    tty = sys.stderr.isatty()
    try:
        files = documents(raw)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    if not no_cache and _unchanged(raw, out, cache_dir, files, tty):
        return
    from .run.pipeline import run

    try:
        result = run(
            raw,
            out,
            keep_going=keep_going,
            jobs=jobs,
            cache_dir=None if no_cache else cache_dir,
            timeout=timeout,
            progress=_progress_printer(tty),
        )
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    for o in result.failed_documents:
        click.echo(f"error: {o.file}: {o.message}", err=True)
    for r in result.partial_documents:
        for problem in r.problems:
            click.echo(f"error: {r.source.file}: {problem}", err=True)
    for r in result.results:
        for t in r.tables:
            if t.status == TableStatus.UNMAPPED:
                click.echo(f"notice: {r.source.file}: {t.table_id} {t.reason}", err=True)
            elif t.kind == TableKind.FIGURE and t.status in UNREAD:
                click.echo(
                    f"notice: {r.source.file}: {t.table_id} is {t.status}: {t.reason}", err=True
                )
    for f in result.failures:
        click.echo(f"invalid: {f.describe()}", err=True)
    for src in result.left_out:
        click.echo(f"error: {src.file}: left out: {src.message}", err=True)
    n_obs = len(result.frames.get("observations", []))
    failed = len(result.failed_documents) + len(result.left_out)
    if result.published:
        partial = len(result.partial_documents)
        click.echo(
            f"published {out}: {len(result.results)} document(s), {n_obs} observations, "
            f"{len(result.frames['conflicts'])} conflicts"
            + (f", {partial} partial" if partial else "")
            + (f", {failed} failed" if failed else "")
        )
    else:
        reason = "some tables failed or are incomplete"
        if result.blocking or failed:
            reason = "validation failed" if result.blocking else "some documents failed"
        click.echo(f"nothing published ({reason}); {out} is unchanged", err=True)
    if result.failures or failed or result.partial_documents:
        sys.exit(1)


def _unchanged(raw: Path, out: Path, cache_dir: Path, files: list[Path], tty: bool) -> bool:
    """Print the last run's summary and say True when OUT is what RAW gives already."""
    from .run.manifest import unchanged

    summary = unchanged(cache_dir, raw, out, files)
    if summary is None:
        return False
    show = _progress_printer(tty)
    total = len(summary.outcomes)
    for i, (file, status, message) in enumerate(summary.outcomes, 1):
        show(i, total, Outcome(file, status, message), how="unchanged")
    click.echo(
        f"published {out}: {summary.documents} document(s), {summary.observations} "
        f"observations, {summary.conflicts} conflicts (unchanged since the last run)"
    )
    return True


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False)
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write into: one folder per file, named by its stem.",
)
@click.option("--pages", default=None, help="Only these pages, e.g. 1,3-5 (numbered from 1).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Each table as CSV or as JSON (with its number of header rows).",
)
@click.option(
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Files read in parallel processes.",
)
@click.option(
    "--timeout",
    default=DEFAULT_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds one file may take; a file over the limit fails, the rest go on.",
)
def tables(files: tuple[Path, ...], out: Path, pages: str | None, fmt: str, jobs: int,
           timeout: float):  # fmt: skip
    """Write every table found in each PDF FILE into OUT, with no family or spec needed:
    captioned or not, ruled or open. OUT/<file stem>/<table_id>.csv holds a table's cells
    as printed, header rows first; OUT/<file stem>/tables.json holds each table's quality
    record (pages, region, method, status, reason, size). Exit status 0 only when every
    file was read.

    \b
    Example:
        reportparse tables report.pdf other.pdf --out tables --pages 2-5
    """  # fmt: skip
    from .run.tables import extract_tables, parse_pages

    selected = None
    if pages is not None:
        try:
            selected = parse_pages(pages)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--pages") from None
    stems: dict[str, Path] = {}
    for f in files:
        if f.stem in stems and stems[f.stem] != f:
            raise click.ClickException(
                f"{stems[f.stem]} and {f} would both be written to {out / f.stem}"
            )
        stems[f.stem] = f
    outcomes = extract_tables(
        list(stems.values()),
        out,
        pages=selected,
        fmt=fmt,
        jobs=jobs,
        timeout=timeout,
        progress=_progress_printer(sys.stderr.isatty()),
    )
    failed = [o for o in outcomes if o.status == SourceStatus.FAILED]
    for o in failed:
        click.echo(f"error: {o.file}: {o.message}", err=True)
    n = sum(int(o.message.split()[0]) for o in outcomes if o.status == SourceStatus.OK)
    read = len(outcomes) - len(failed)
    click.echo(
        f"wrote {out}: {n} table{'s' * (n != 1)} from {read} file{'s' * (read != 1)}"
        + (f", {len(failed)} failed" if failed else "")
    )
    if failed:
        sys.exit(1)


@main.command()
@raw_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="A table to read, CSV (the columns of sources.csv) or a JSON list.",
)
@cache_options
def sources(raw: Path, fmt: str, cache_dir: Path, no_cache: bool):
    """List each document in RAW as read: source id, file, sha256, kind, detected family and
    reference year, title, publication date, pages, parser, status and message, one column
    each. Exit status 1 when a document could not be read (its status and reason are shown).

    \b
    Example:
        reportparse sources --raw raw --format csv
    """  # fmt: skip
    from .model import Source, field_names
    from .run.cache import Cache
    from .run.inputs import documents
    from .run.pipeline import read_cached

    store = Cache(None if no_cache else cache_dir)
    try:
        files = documents(raw)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    found = []
    for p in files:
        value = read_cached(p, store)
        src = value if isinstance(value, Source) else value.source
        src.file = p.name
        found.append(src)
    click.echo(_sources_text(found, field_names(Source), fmt), nl=False)
    if any(src.status == SourceStatus.FAILED for src in found):
        sys.exit(1)


def _sources_text(found: list, columns: list[str], fmt: str) -> str:
    """The documents as a table, CSV or JSON: one column per field, empty where unknown."""
    import csv
    import io
    import json

    rows = [{c: _plain(getattr(src, c)) for c in columns} for src in found]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    cells = [["" if r[c] is None else str(r[c]) for c in columns] for r in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows([columns, *cells])
        return buffer.getvalue()
    from tabulate import tabulate

    return tabulate(cells, headers=columns, tablefmt="simple", disable_numparse=True) + "\n"


def _plain(value):
    """A field's value for output: an enum as its text, an empty text as None."""
    if value == "" or value is None:
        return None
    return value if isinstance(value, int) else str(value)


@main.command(name="validate")
@click.option(
    "--out",
    "out",
    default="extracted",
    show_default=True,
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="A published folder (with datapackage.json).",
)
def validate_cmd(out: Path):
    """Validate a published folder against schemas/; print every failing check and its rows.

    \b
    Example:
        reportparse validate --out extracted
    """  # fmt: skip
    import pandas as pd

    from .output.publish import read_published
    from .output.validation import check_links, schema, validate

    if not (out / "datapackage.json").is_file():
        raise click.ClickException(f"{out}: no datapackage.json (not a published folder)")
    frames, printed = read_published(out)
    failures = []
    for name, df in sorted(frames.items()):
        failures += validate(name, df)[1]
    failures += check_links(frames)
    for path, df in sorted(printed.items()):
        df = pd.DataFrame(df.fillna("").astype(str))
        failures += validate(f"printed table {path}", df, schema("printed_table"))[1]
    for f in failures:
        click.echo(f.describe())
    if failures:
        click.echo(f"{len(failures)} failing check(s)", err=True)
        sys.exit(1)
    click.echo(f"{out}: {len(frames)} datasets and {len(printed)} printed tables are valid")


@main.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--table", "table_id", default=None, help="Only this table (e.g. tabell-2, figur-7).")
@click.option("--page", default=None, type=click.IntRange(min=1), help="Only tables on page N.")
@click.option(
    "--out",
    "out",
    default="inspect",
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the PNG pictures of the tables.",
)
@cache_options
def inspect(
    file: Path, table_id: str | None, page: int | None, out: Path, cache_dir: Path, no_cache: bool
):
    """Show how the tables of FILE were read: a PNG of each table's region with the detected
    rows, columns and cells drawn over the page, and the extracted cells with their provenance.
    A chart (figur-N) is drawn as read: bars and points, each value label linked to what it
    labels, and where the value axis puts each label's value. For a web page, the table and
    the article text it came from.

    \b
    Example:
        reportparse inspect raw/imdi-nokkeltall-2025.pdf --table tabell-2 --out inspect
    """  # fmt: skip
    from .model import DocumentError, SourceKind
    from .qa import inspection
    from .run.cache import Cache

    try:
        found = inspection.read(file, Cache(None if no_cache else cache_dir))
    except DocumentError as exc:
        raise click.ClickException(f"{file.name}: {exc}") from None
    tables = inspection.select(found.tables, table_id, page)
    if not tables:
        ids = ", ".join(t.table_id for t in found.tables) or "none"
        raise click.ClickException(f"{file.name}: no such table (tables: {ids})")
    if found.note:
        click.echo(f"note: {found.note}; the tables below are the table engine's", err=True)
    blocks = []
    for t in tables:
        pictures = []
        if found.source.kind == SourceKind.PDF:
            from .qa.pictures import save_table_images

            pictures = save_table_images(file, t, out, f"{found.source.source_id}-{t.table_id}")
        blocks.append(inspection.describe(found.source, t, pictures))
    click.echo("\n\n".join(blocks))
    if found.source.kind == SourceKind.PDF:
        from .qa.pictures import LEGEND

        click.echo(f"\n{LEGEND}")


@main.command()
@raw_option()
@click.option(
    "--out",
    "out",
    default="report",
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the report (index.html and its pictures); replaced as a whole.",
)
@cache_options
def report(raw: Path, out: Path, cache_dir: Path, no_cache: bool):
    """Write a static HTML quality report of RAW into OUT (open OUT/index.html in a browser):
    each document's tables as the picture of the source next to the extracted cells, with
    their validation status; key figures with sentences and pages; conflicts; and a chart of
    each core indicator over the years. OUT is not part of the published datasets.

    \b
    Example:
        reportparse report --raw raw --out report
    """  # fmt: skip
    from .qa.quality_report import build

    try:
        result = build(raw, out, None if no_cache else cache_dir, _progress_printer(False))
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    n_tables = sum(len(r.tables) for r in result.results)
    click.echo(
        f"report {out / 'index.html'}: {len(result.results)} document(s), {n_tables} table(s), "
        f"{len(result.frames['conflicts'])} conflict(s), {len(result.failures)} failing check(s)"
    )
