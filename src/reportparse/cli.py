"""Command line: reportparse extract | tables | sources | validate | inspect | report.

Heavy libraries (pandas, pdfplumber) are imported inside the commands that need
them, so that ``extract`` with nothing to do answers at once.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import click

from . import __version__
from .model import SourceStatus, TableKind, TableStatus
from .output.lock import DEFAULT_LOCK_WAIT
from .run.inputs import Outcome
from .run.limits import (
    DEFAULT_MAX_MEMORY,
    DEFAULT_TIMEOUT,
    Terminated,
    Unsupported,
    format_size,
    parse_size,
    sigterm_as_interrupt,
)
from .run.names import display, safe_line

DEFAULT_CACHE = Path(".cache/reportparse")
UNREAD = (TableStatus.FAILED, TableStatus.INCOMPLETE)  # a figure in these is a notice


def say(text: str, err: bool = False, nl: bool = True) -> None:
    """Print one line: control characters and stray bytes escaped, whatever the locale."""
    click.echo(safe_line(text), err=err, nl=nl)


def say_lines(text: str, err: bool = False, nl: bool = True) -> None:
    """Print a block of lines (a table, a failure with its rows), each escaped as by ``say``."""
    click.echo("\n".join(safe_line(line) for line in text.split("\n")), err=err, nl=nl)


def fail(text: str) -> click.ClickException:
    """The one line a command ends with when the user's input cannot be used."""
    return click.ClickException(safe_line(text))


class Size(click.ParamType):
    """A number of bytes written as 2G, 1.5G or 512M (GiB and MiB)."""

    name = "size"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        try:
            size = parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        if size <= 0:
            self.fail(f"{value!r} is not more than 0", param, ctx)
        return size


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


# Worker processes by default: one per core this process may use, at most this many (each
# worker may hold up to --max-memory on top of what it starts with).
MAX_DEFAULT_JOBS = 4


def default_jobs() -> int:
    return max(1, min(MAX_DEFAULT_JOBS, len(os.sched_getaffinity(0))))


def jobs_option(fn):
    """--jobs: documents read at the same time, each in a worker process of its own."""
    return click.option(
        "--jobs",
        default=default_jobs(),
        show_default="the cores this process may use, at most 4",
        type=click.IntRange(1, 64),
        help="Documents read at the same time, each in a worker process of its own.",
    )(fn)


def bounds_options(fn):
    """--timeout and --max-memory: the bounds of each document's worker process."""
    fn = click.option(
        "--max-memory",
        default=DEFAULT_MAX_MEMORY,
        show_default=format_size(DEFAULT_MAX_MEMORY),
        type=Size(),
        help="Memory (address space) one document may use, e.g. 2G or 512M; a document "
        "that needs more fails as too large, the rest go on.",
    )(fn)
    return click.option(
        "--timeout",
        default=DEFAULT_TIMEOUT,
        show_default=True,
        type=click.FloatRange(min=0, min_open=True),
        help="Seconds one document may take; a document over the limit fails, the rest go on.",
    )(fn)


def lock_wait_option(fn):
    return click.option(
        "--lock-wait",
        default=DEFAULT_LOCK_WAIT,
        show_default=True,
        type=click.FloatRange(min=0),
        help="Seconds to wait while another run publishes into OUT; then give up, naming it.",
    )(fn)


def _progress_printer(tty: bool):
    def show(done: int, total: int, o: Outcome, how: str | None = None) -> None:
        how = how or ("cached" if o.cached else f"{o.seconds:.1f} s")
        note = f" - {o.message}" if o.message else ""
        line = safe_line(f"[{done}/{total}] {o.file}: {o.status} ({how}){note}")
        if tty:  # a line that says more than "ok" stays; the next one overwrites the others
            keep = done == total or o.status != SourceStatus.OK or bool(o.message)
            click.echo("\r\033[K" + line, nl=keep, err=True)
        else:
            click.echo(line, err=True)

    return show


def _check_out(out: Path, raw: Path, lock_wait: float):
    """Where ``--out`` publishes, checked before any document is read; else one line."""
    from .output.outdir import OutError, check_out
    from .output.swap import PublishError, check_supported

    try:
        target = check_out(out, raw)
        check_supported(target, lock_wait, lambda line: say(line, err=True))
    except (OutError, PublishError) as exc:
        raise fail(str(exc)) from None
    return target


def _folder_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _interrupted(exc: KeyboardInterrupt, out: Path | None = None, before=None):
    """Say how a command ended on Ctrl-C or SIGTERM, and exit with 128 + the signal's number.
    Publishing swaps a whole folder in, so OUT is either the one before or the new one."""
    signum = exc.signum if isinstance(exc, Terminated) else signal.SIGINT
    line = f"interrupted by {signal.Signals(signum).name}"
    if out is not None:
        after = "is unchanged" if _folder_id(out) == before else "holds the new output"
        line += f"; {display(str(out))} {after}"
    say(line, err=True)
    sys.exit(128 + signum)


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
@jobs_option
@cache_options
@bounds_options
@lock_wait_option
def extract(
    raw: Path,
    out: Path,
    keep_going: bool,
    jobs: int,
    cache_dir: Path,
    no_cache: bool,
    timeout: float,
    max_memory: int,
    lock_wait: float,
):
    """Extract every document in RAW into the datasets of the data contract in OUT.

    Exit status 0 only when every document was read and every output validated.
    With the cache on, a run whose documents, code, specs and schemas are those of
    the last clean run, and whose OUT is unchanged, does nothing. OUT must be a new or
    empty folder or an earlier output of reportparse (checked before anything is read).

    \b
    Example:
        reportparse extract --raw raw --out extracted --jobs 2
    """  # fmt: skip
    from .output.outdir import OutError
    from .output.swap import PublishError
    from .run.inputs import list_documents

    tty = sys.stderr.isatty()
    _check_out(out, raw, lock_wait)
    try:
        listing = list_documents(raw)
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
    if not no_cache and _unchanged(raw, out, cache_dir, listing, tty, timeout):
        return
    from .run.pipeline import run

    before = _folder_id(out)
    try:
        with sigterm_as_interrupt():
            result = run(
                raw,
                out,
                keep_going=keep_going,
                jobs=jobs,
                cache_dir=None if no_cache else cache_dir,
                timeout=timeout,
                max_memory=max_memory,
                progress=_progress_printer(tty),
                notice=lambda line: say(line, err=True),
                lock_wait=lock_wait,
            )
    except KeyboardInterrupt as exc:
        _interrupted(exc, out, before)
    except (FileNotFoundError, OutError, PublishError) as exc:
        raise fail(str(exc)) from None
    for o in result.failed_documents:
        say(f"error: {o.file}: {o.message}", err=True)
    for r in result.partial_documents:
        for problem in r.problems:
            say(f"error: {display(r.source.file)}: {problem}", err=True)
    for r in result.results:
        for t in r.tables:
            if t.status == TableStatus.UNMAPPED:
                say(f"notice: {display(r.source.file)}: {t.table_id} {t.reason}", err=True)
            elif t.kind == TableKind.FIGURE and t.status in UNREAD:
                say(
                    f"notice: {display(r.source.file)}: {t.table_id} is {t.status}: {t.reason}",
                    err=True,
                )
    for f in result.failures:
        say_lines(f"invalid: {f.describe()}", err=True)
    for src in result.left_out:
        say(f"error: {display(src.file)}: left out: {src.message}", err=True)
    n_obs = len(result.frames.get("observations", []))
    failed = len(result.failed_documents) + len(result.left_out)
    shown = display(str(out))
    if result.published:
        partial = len(result.partial_documents)
        say(
            f"published {shown}: {len(result.results)} document(s), {n_obs} observations, "
            f"{len(result.frames['conflicts'])} conflicts"
            + (f", {partial} partial" if partial else "")
            + (f", {failed} failed" if failed else "")
        )
    else:
        reason = "some tables failed or are incomplete"
        if result.blocking or failed:
            reason = "validation failed" if result.blocking else "some documents failed"
        say(f"nothing published ({reason}); {shown} is unchanged", err=True)
    if result.failures or failed or result.partial_documents:
        sys.exit(1)


def _unchanged(raw: Path, out: Path, cache_dir: Path, listing, tty: bool, timeout) -> bool:
    """Print the last run's summary and say True when OUT is what RAW gives already."""
    from .run.manifest import unchanged

    summary = unchanged(cache_dir, raw, out, listing.files, timeout)
    if summary is None:
        return False
    for line in listing.notices:
        say(line, err=True)
    show = _progress_printer(tty)
    total = len(summary.outcomes)
    for i, (file, status, message) in enumerate(summary.outcomes, 1):
        show(i, total, Outcome(file, status, message), how="unchanged")
    say(
        f"published {display(str(out))}: {summary.documents} document(s), "
        f"{summary.observations} observations, {summary.conflicts} conflicts "
        "(unchanged since the last run)"
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
    help="Folder to write into: one folder per file, named by its stem, replaced as a whole.",
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
    "--keep-going",
    is_flag=True,
    help="Exit 0 although a page shows a table that was not read (its failed record is kept).",
)
@click.option(
    "--engine",
    type=click.Choice(["reportparse", "camelot-lattice", "camelot-stream"]),
    default="reportparse",
    show_default=True,
    help="The table engine: reportparse's, or camelot's (the extra reportparse[camelot]).",
)
@jobs_option
@bounds_options
def tables(files: tuple[Path, ...], out: Path, pages: str | None, fmt: str, keep_going: bool,
           engine: str, jobs: int, timeout: float, max_memory: int):  # fmt: skip
    """Write every table found in each PDF FILE into OUT, with no family or spec needed:
    captioned or not, ruled or open. OUT/<file stem>/<table_id>.csv holds a table's cells
    as printed, header rows first; OUT/<file stem>/tables.json holds each table's quality
    record (pages, region, method, status, reason, size, figures). A page that shows a table
    (a ruled grid, filled cells, aligned columns of values) that was not read has a failed
    record with the reason. Each OUT/<file stem> must be new, empty or an earlier output
    (checked before anything is read). Exit status 0 only when every file was read, and,
    unless --keep-going, every table it shows.

    \b
    Example:
        reportparse tables report.pdf other.pdf --out tables --pages 2-5
    """  # fmt: skip
    from .output.outdir import OutError
    from .output.swap import PublishError
    from .run.tables import extract_tables, parse_pages, targets

    selected = None
    if pages is not None:
        try:
            selected = parse_pages(pages)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--pages") from None
    try:
        where = targets(list(dict.fromkeys(files)), out)
    except (OutError, ValueError) as exc:
        raise fail(str(exc)) from None
    try:
        with sigterm_as_interrupt():
            outcomes = extract_tables(
                where,
                pages=selected,
                fmt=fmt,
                engine=engine,
                jobs=jobs,
                timeout=timeout,
                max_memory=max_memory,
                progress=_progress_printer(sys.stderr.isatty()),
                notice=lambda line: say(line, err=True),
            )
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    except (Unsupported, PublishError) as exc:
        raise fail(str(exc)) from None
    failed = [o for o in outcomes if o.status == SourceStatus.FAILED]
    for o in failed:
        say(f"error: {o.file}: {o.message}", err=True)
    partial = [o for o in outcomes if o.status == SourceStatus.PARTIAL]
    for o in partial:
        say(f"{'notice' if keep_going else 'error'}: {o.file}: {o.message}", err=True)
    n = sum(int(o.message.split()[0]) for o in outcomes if o.status != SourceStatus.FAILED)
    read = len(outcomes) - len(failed)
    say(
        f"wrote {out}: {n} table{'s' * (n != 1)} from {read} file{'s' * (read != 1)}"
        + (f", {len(partial)} with tables not read" if partial else "")
        + (f", {len(failed)} failed" if failed else "")
    )
    if failed or (partial and not keep_going):
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
@bounds_options
def sources(raw: Path, fmt: str, cache_dir: Path, no_cache: bool, timeout: float, max_memory: int):
    """List each document in RAW as read: source id, file, sha256, kind, detected family and
    reference year, title, publication date, pages, parser, status and message, one column
    each. Exit status 1 when a document could not be read (its status and reason are shown).

    \b
    Example:
        reportparse sources --raw raw --format csv
    """  # fmt: skip
    from .model import Source, field_names
    from .run.cache import Cache
    from .run.inputs import list_documents
    from .run.pipeline import read_cached

    store = Cache(None if no_cache else cache_dir)
    try:
        listing = list_documents(raw)
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
    for line in listing.notices:
        say(line, err=True)
    found = []
    try:
        with sigterm_as_interrupt():
            for _, value in read_cached(
                listing, raw, store, timeout=timeout, max_memory=max_memory
            ):
                found.append(value if isinstance(value, Source) else value.source)
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    except Unsupported as exc:  # not Linux
        raise fail(str(exc)) from None
    text = _sources_text(found, field_names(Source), fmt)
    say_lines(text, nl=False)
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
        say_lines(f.describe())
    if failures:
        click.echo(f"{len(failures)} failing check(s)", err=True)
        sys.exit(1)
    say(f"{display(str(out))}: {len(frames)} datasets and {len(printed)} printed tables are valid")


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
@bounds_options
def inspect(
    file: Path,
    table_id: str | None,
    page: int | None,
    out: Path,
    cache_dir: Path,
    no_cache: bool,
    timeout: float,
    max_memory: int,
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
    from functools import partial

    from .qa import inspection
    from .run.cache import Cache
    from .run.workers import run_each

    store = Cache(None if no_cache else cache_dir)
    work = partial(inspection.show, table_id=table_id, page=page, out=out, cache=store)
    real = Path(os.path.realpath(file))  # the file named, wherever a link points
    try:
        with sigterm_as_interrupt():
            [done] = run_each(work, [real], jobs=1, timeout=timeout, max_memory=max_memory)
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    except Unsupported as exc:  # not Linux
        raise fail(str(exc)) from None
    if done.error:  # timed out, too large
        raise fail(f"{display(file.name)}: {done.error}")
    shown = done.value
    if shown.error:
        raise fail(shown.error)
    if shown.note:
        say(f"note: {shown.note}; the tables below are the table engine's", err=True)
    say_lines(shown.text)


@main.command()
@raw_option()
@click.option(
    "--out",
    "out",
    default="report",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder for the report (index.html and its pictures); replaced as a whole.",
)
@cache_options
@bounds_options
@lock_wait_option
def report(
    raw: Path,
    out: Path,
    cache_dir: Path,
    no_cache: bool,
    timeout: float,
    max_memory: int,
    lock_wait: float,
):
    """Write a static HTML quality report of RAW into OUT (open OUT/index.html in a browser):
    each document's tables as the picture of the source next to the extracted cells, with
    their validation status; key figures with sentences and pages; conflicts; and a chart of
    each core indicator over the years. OUT is not part of the published datasets.

    \b
    Example:
        reportparse report --raw raw --out report
    """  # fmt: skip
    from .output.outdir import OutError
    from .output.swap import PublishError
    from .qa.quality_report import build

    _check_out(out, raw, lock_wait)
    before = _folder_id(out)
    try:
        with sigterm_as_interrupt():
            result = build(
                raw,
                out,
                None if no_cache else cache_dir,
                _progress_printer(False),
                timeout=timeout,
                max_memory=max_memory,
                notice=lambda line: say(line, err=True),
                lock_wait=lock_wait,
            )
    except KeyboardInterrupt as exc:
        _interrupted(exc, out, before)
    except (FileNotFoundError, OutError, PublishError) as exc:
        raise fail(str(exc)) from None
    n_tables = sum(len(r.tables) for r in result.results)
    say(
        f"report {display(str(out / 'index.html'))}: {len(result.results)} document(s), "
        f"{n_tables} table(s), "
        f"{len(result.frames['conflicts'])} conflict(s), {len(result.failures)} failing check(s)"
    )
