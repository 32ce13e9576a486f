"""Command line: reportparse extract | tables | sources | validate | diff | inspect | report.

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
from .model import SourceStatus
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


def say(text: str, err: bool = False, nl: bool = True) -> None:
    """Print one line: control characters and stray bytes escaped, whatever the locale."""
    click.echo(safe_line(text), err=err, nl=nl)


def say_lines(text: str, err: bool = False, nl: bool = True) -> None:
    """Print a block of lines (a table, a failure with its rows), each escaped as by ``say``."""
    click.echo("\n".join(safe_line(line) for line in text.split("\n")), err=err, nl=nl)


# how much a command prints: -q/--quiet errors only, -v/--verbose every line. The options
# may stand on the group or on any command; they are kept in the invocation's click context.


def verbosity(name: str) -> bool:
    """Whether --quiet (``quiet``) or --verbose (``verbose``) was given to this invocation."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(f"reportparse.{name}"))


def inform(text: str) -> None:
    """A notice or a progress line (stderr): left out with --quiet."""
    if not verbosity("quiet"):
        say(text, err=True)


def closing(text: str) -> None:
    """A command's closing line on success (stdout): left out with --quiet."""
    if not verbosity("quiet"):
        say(text)


def _set_verbosity(ctx, param, value: bool) -> None:
    if value:
        ctx.meta[f"reportparse.{param.name}"] = True  # meta is shared with the subcommand
    if verbosity("quiet") and verbosity("verbose"):
        raise click.UsageError("--quiet and --verbose exclude each other")


def verbosity_options(fn):
    """-q/--quiet and -v/--verbose, taken before or after the command's name."""
    fn = click.option("-v", "--verbose", is_flag=True, expose_value=False, is_eager=True,
                      callback=_set_verbosity,
                      help="Print every line: each document's progress line stays, and "
                      "extract lists each table read.")(fn)  # fmt: skip
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, is_eager=True,
                        callback=_set_verbosity,
                        help="Print errors and findings only: no progress, notices or "
                        "closing summary.")(fn)  # fmt: skip


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
        default=None,
        show_default="the user's cache folder: ~/.cache/reportparse on Linux, "
        "~/Library/Caches/reportparse on macOS",
        type=click.Path(path_type=Path),
        help="Per-document cache (content hash + parser fingerprint); private to its user.",
    )(fn)


def _cache_folder(cache_dir: Path | None, no_cache: bool) -> Path | None:
    """The cache folder to use (None with --no-cache): created private, or refused in one
    line where others could write it (run/private.py)."""
    if no_cache:
        return None
    from .run.private import NotPrivate, default_cache_dir, private_folder, signing_key

    folder = cache_dir if cache_dir is not None else default_cache_dir()
    try:
        private_folder(folder)
        signing_key()
    except NotPrivate as exc:
        raise fail(str(exc)) from None
    return folder


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
    tty = tty and not verbosity("verbose")  # verbose: every line stays
    quiet = verbosity("quiet")

    def show(done: int, total: int, o: Outcome, how: str | None = None) -> None:
        if quiet:
            return
        how = how or ("cached" if o.cached else f"{o.seconds:.1f} s")
        note = f" - {o.message}" if o.message else ""
        line = safe_line(f"[{done}/{total}] {o.file}: {o.status} ({how}){note}")
        if tty:  # a line that says more than "ok" stays; the next one overwrites the others
            keep = done == total or o.status != SourceStatus.OK or bool(o.message)
            click.echo("\r\033[K" + line, nl=keep, err=True)
        else:
            click.echo(line, err=True)

    return show


def _show_first(files: list[Path]) -> None:
    """The document a run reads first (the largest: a run reads the largest first), on the
    progress line that the first finished document's line replaces."""
    first = max(files, key=lambda p: p.stat().st_size)
    line = safe_line(f"[0/{len(files)}] reading {display(first.name)} ...")
    click.echo("\r\033[K" + line, nl=False, err=True)


def _check_out(out: Path, raw: Path, lock_wait: float):
    """Where ``--out`` publishes, checked before any document is read; else one line."""
    from .output.outdir import OutError, check_out
    from .output.swap import PublishError, check_supported

    try:
        target = check_out(out, raw)
        check_supported(target, lock_wait, inform)
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportparse")
@verbosity_options
def main() -> None:
    """IMDi's reports and press releases on the introduction programme, as validated tidy data."""


@main.command()
@verbosity_options
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
    help="Publish the documents that could be read; record the others in sources.csv. A "
    "document of the previous release that fails now keeps its rows from it (stale).",
)
@click.option(
    "--drop-failed",
    is_flag=True,
    help="With --keep-going: a document that fails now leaves the release, rows and all.",
)
@jobs_option
@cache_options
@bounds_options
@lock_wait_option
def extract(
    raw: Path,
    out: Path,
    keep_going: bool,
    drop_failed: bool,
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
    cache_dir = _cache_folder(cache_dir, no_cache)
    try:
        listing = list_documents(raw)
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
    if cache_dir is not None and _unchanged(raw, out, cache_dir, listing, tty, timeout):
        return
    if tty:  # named at once, before the readers (a second or more) are imported
        _show_first(listing.files)
    from .readers.fate import notice
    from .run.pipeline import run

    before = _folder_id(out)
    try:
        with sigterm_as_interrupt():
            result = run(
                raw,
                out,
                keep_going=keep_going,
                jobs=jobs,
                cache_dir=cache_dir,
                timeout=timeout,
                max_memory=max_memory,
                progress=_progress_printer(tty),
                notice=inform,
                lock_wait=lock_wait,
                drop_failed=drop_failed,
            )
    except KeyboardInterrupt as exc:
        _interrupted(exc, out, before)
    except (FileNotFoundError, OutError, PublishError) as exc:
        raise fail(str(exc)) from None
    from .output.frames import conflict_keys  # pandas, loaded by the run already

    for o in result.failed_documents:
        say(f"error: {o.file}: {o.message}", err=True)
    for r in result.partial_documents:
        for problem in r.problems:
            say(f"error: {r.source.file}: {problem}", err=True)
    for r in result.results:
        for t in r.tables:
            if (line := notice(t)) is not None:
                inform(f"notice: {r.source.file}: {line}")
            if verbosity("verbose"):
                size = f"{t.n_rows}x{t.n_cols}, {t.method}" if t.n_rows else t.method
                say(f"table: {r.source.file}: {t.table_id} {t.status} ({size})", err=True)
    for f in result.failures:
        say_lines(f"invalid: {f.describe()}", err=True)
    for src in result.left_out:
        say(f"error: {src.file}: left out: {src.message}", err=True)
    for src in result.stale:
        say(f"error: {src.file}: stale: {src.message}", err=True)
    n_obs = len(result.frames.get("observations", []))
    failed = len(result.failed_documents) + len(result.left_out)
    shown = display(str(out))
    if result.published:
        partial = len(result.partial_documents)
        closing(
            f"published {shown}: {len(result.results)} document(s), {n_obs} observations, "
            f"{conflict_keys(result.frames['conflicts'])} conflicts"
            + (f", {partial} partial" if partial else "")
            + (f", {failed} failed" if failed else "")
            + (f", {len(result.stale)} stale" if result.stale else "")
        )
    else:
        reason = "some tables failed or are incomplete"
        if result.blocking or failed:
            reason = "validation failed" if result.blocking else "some documents failed"
        say(f"nothing published ({reason}); {shown} is unchanged", err=True)
    if result.failures or failed or result.partial_documents or result.stale:
        sys.exit(1)


def _unchanged(raw: Path, out: Path, cache_dir: Path, listing, tty: bool, timeout) -> bool:
    """Print the last run's summary and say True when OUT is what RAW gives already."""
    from .run.manifest import unchanged

    summary = unchanged(cache_dir, raw, out, listing.files, timeout)
    if summary is None:
        return False
    for line in listing.notices:
        inform(line)
    show = _progress_printer(tty)
    total = len(summary.outcomes)
    for i, (file, status, message) in enumerate(summary.outcomes, 1):
        show(i, total, Outcome(file, status, message), how="unchanged")
    closing(
        f"published {display(str(out))}: {summary.documents} document(s), "
        f"{summary.observations} observations, {summary.conflicts} conflicts "
        "(unchanged since the last run)"
    )
    return True


@main.command()
@verbosity_options
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
                notice=inform,
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
    closing(
        f"wrote {out}: {n} table{'s' * (n != 1)} from {read} file{'s' * (read != 1)}"
        + (f", {len(partial)} with tables not read" if partial else "")
        + (f", {len(failed)} failed" if failed else "")
    )
    if failed or (partial and not keep_going):
        sys.exit(1)


@main.command()
@verbosity_options
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

    store = Cache(_cache_folder(cache_dir, no_cache), lambda line: say(line, err=True))
    try:
        listing = list_documents(raw)
    except FileNotFoundError as exc:
        raise fail(str(exc)) from None
    for line in listing.notices:
        inform(line)
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
@verbosity_options
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option("--out", "out", default=None, hidden=True, type=click.Path(path_type=Path),
              help="The folder, as earlier versions named it (use FOLDER).")  # fmt: skip
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="One line per finding, or one JSON object per line (JSON Lines).",
)
def validate_cmd(folder: Path | None, out: Path | None, fmt: str):
    """Check the published FOLDER (default: extracted): every file (CSV, Parquet, each table
    under tables/) against its bytes and sha256 in datapackage.json, then the datasets against
    the contract's schemas, their links (vocabularies included) and each Parquet file against
    its CSV. Prints every finding; exit status 1 on any. Nothing outside FOLDER is read.

    \b
    Example:
        reportparse validate extracted --format json
    """  # fmt: skip
    import json

    from .output.verify import verify

    if folder is not None and out is not None and folder != out:
        raise fail(f"name the folder once: {display(str(folder))} or --out {display(str(out))}")
    folder = folder or out or Path("extracted")
    if not folder.is_dir():
        raise fail(f"{display(str(folder))} is not a folder")
    report = verify(folder)
    for f in report.findings:
        if fmt == "json":
            say(json.dumps(f.to_dict(), ensure_ascii=False))
        else:
            say(f.line())
            for row in f.rows:
                say("    " + ", ".join(f"{k}={v}" for k, v in row.items()))
    if report.findings:
        say(f"{len(report.findings)} finding(s) in {display(str(folder))}", err=True)
        sys.exit(1)
    if fmt == "text":
        closing(f"{display(str(folder))}: {report.datasets} datasets and {report.tables} printed "
            "tables are valid, every file as published")  # fmt: skip


@main.command(name="diff")
@verbosity_options
@click.argument("old", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.argument("new", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="A summary per indicator and year and a table of the rows, CSV, or a JSON list.",
)
@click.option("--exit-code", is_flag=True, help="Exit with status 1 when anything changed.")
def diff_cmd(old: Path, new: Path, fmt: str, exit_code: bool):
    """Compare two published folders, OLD and NEW, by primary key: the observations and key
    figures NEW adds, removes or changes, per indicator and year, with the old and the new
    value side by side and where each was read. A folder whose files are not as published
    is refused (run validate). Exit status 0, or with --exit-code 1 when anything changed;
    2 when a folder cannot be read.

    \b
    Example:
        reportparse diff previous/extracted extracted --format csv
    """  # fmt: skip
    from .output.diff import diff

    try:
        changes = diff(old, new)
    except (OSError, ValueError, KeyError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) else str(exc)
        error = fail(message)
        error.exit_code = 2
        raise error from None
    say_lines(_diff_text(changes, fmt), nl=False)
    if not changes and fmt == "table":
        inform(f"no change between {display(str(old))} and {display(str(new))}")
    if exit_code and changes:
        sys.exit(1)


def _diff_text(changes: list, fmt: str) -> str:
    """The changes as CSV, JSON, or a summary per dataset, indicator and year and a table."""
    import csv
    import io
    import json

    from .output.diff import CHANGES, key_text

    if fmt == "json":
        return json.dumps([c.to_dict() for c in changes], ensure_ascii=False, indent=2) + "\n"
    columns = ["change", "dataset", "indicator", "year", "key", "old_value", "new_value",
               "old_source", "new_source", "columns"]  # fmt: skip
    rows = [
        [c.change, c.dataset, c.indicator or "", "" if c.year is None else str(c.year),
         key_text(c), c.old_value or "", c.new_value or "", c.old_source or "",
         c.new_source or "", " ".join(c.columns)]
        for c in changes
    ]  # fmt: skip
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([columns, *rows])
        return buffer.getvalue()
    if not changes:
        return ""
    from tabulate import tabulate

    counts: dict[tuple, dict[str, int]] = {}
    for c in changes:
        group = counts.setdefault((c.dataset, c.indicator or "", c.year), dict.fromkeys(CHANGES, 0))
        group[c.change] += 1
    summary = [[d, i, "" if y is None else y, *n.values()] for (d, i, y), n in counts.items()]
    totals = {kind: sum(1 for c in changes if c.change == kind) for kind in CHANGES}
    return (
        tabulate(summary, headers=["dataset", "indicator", "year", *CHANGES], tablefmt="simple",
                 disable_numparse=True)
        + "\n\n"
        + tabulate([r[:-1] for r in rows], headers=columns[:-1], tablefmt="simple",
                   disable_numparse=True)
        + "\n\n"
        + ", ".join(f"{n} {kind}" for kind, n in totals.items())
        + "\n"
    )  # fmt: skip


@main.command()
@verbosity_options
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

    store = Cache(_cache_folder(cache_dir, no_cache), lambda line: say(line, err=True))
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
        inform(f"note: {shown.note}; the tables below are the table engine's")
    say_lines(shown.text)


@main.command()
@verbosity_options
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
    from .output.frames import conflict_keys
    from .output.outdir import OutError
    from .output.swap import PublishError
    from .qa.quality_report import build

    _check_out(out, raw, lock_wait)
    cache_dir = _cache_folder(cache_dir, no_cache)
    before = _folder_id(out)
    try:
        with sigterm_as_interrupt():
            result = build(
                raw,
                out,
                cache_dir,
                _progress_printer(False),
                timeout=timeout,
                max_memory=max_memory,
                notice=inform,
                lock_wait=lock_wait,
            )
    except KeyboardInterrupt as exc:
        _interrupted(exc, out, before)
    except (FileNotFoundError, OutError, PublishError) as exc:
        raise fail(str(exc)) from None
    n_tables = sum(len(r.tables) for r in result.results)
    closing(
        f"report {display(str(out / 'index.html'))}: {len(result.results)} document(s), "
        f"{n_tables} table(s), "
        f"{conflict_keys(result.frames['conflicts'])} conflict(s), "
        f"{len(result.failures)} failing check(s)"
    )
    failed = [*(o.file for o in result.failed_documents), *(s.file for s in result.left_out)]
    for name in failed:  # the report shows them; the exit status says so to a script
        say(f"error: {name}: not read (see the report)", err=True)
    partial = [r.source.file for r in result.partial_documents]
    for name in partial:
        say(f"error: {name}: read in part, some tables withheld (see the report)", err=True)
    if failed or partial:
        sys.exit(1)
