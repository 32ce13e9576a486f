"""The whole run: every document in raw/, merged, validated, published.

Each document is read once (or taken from the cache); a document that fails
is reported with its reason after all others have been tried. Nothing is
published unless every output passes its schema, and, without
``keep_going``, every document was read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from ..contract.checks import COMPLETENESS, note_accounts_for, sum_gaps
from ..model import (
    DocumentError,
    DocumentResult,
    Source,
    SourceKind,
    SourceStatus,
    Table,
    TableStatus,
)
from ..output import frames as frame
from ..output.datasets import DATASETS, FAMILY_DATASETS
from ..output.lock import DEFAULT_LOCK_WAIT
from ..output.merge import merge
from ..output.validation import (
    Failure,
    check_links,
    checks_only,
    extra_checks,
    schema,
    validate,
    validate_each,
)
from ..readers import fate
from ..readers.document import read_document, sniff
from ..specs.load import load_spec
from ..text.normalize import slugify
from . import manifest
from .cache import Cache
from .inputs import (
    InputError,
    Listing,
    Outcome,
    document_sha256,
    list_documents,
    open_document,
    read_document_bytes,
)
from .limits import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, is_out_of_memory
from .names import display, published_name
from .preload import before_fork
from .private import NotPrivate
from .stale import Kept, PreviousUnreadable, keep, previous_release
from .workers import run_each

SNIFF_BYTES = 2048  # a document's kind is told from its beginning (readers.document.sniff)
CHANGED = "changed while being read"  # a failure of the moment: never cached


def _changed(listed: str, read: str) -> str:
    return f"sha256 {listed[:12]}... when listed, {read[:12]}... when read"


def _read_listed(shas: dict[str, str], raw: Path, path: Path) -> DocumentResult | Source:
    """``read_or_fail`` of a file listed with the sha256 ``shas[path.name]``."""
    return read_or_fail(path, raw, shas[path.name])


def cacheable(value: DocumentResult | Source) -> bool:
    """Whether a value may be kept for the next run: not a failure of the moment."""
    return not (isinstance(value, Source) and value.message.startswith(CHANGED))


@dataclass
class RunResult:
    outcomes: list[Outcome] = field(default_factory=list)
    results: list[DocumentResult] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    published: bool = False
    blocking: list[Failure] = field(default_factory=list)  # failures that stop publishing
    read: list[DocumentResult] = field(default_factory=list)  # ``results`` and those left out
    paths: dict[str, Path] = field(default_factory=dict)  # each file (as published): its path
    cache_rejected: int = 0  # cache entries that failed their check, read again

    @property
    def failed_documents(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == SourceStatus.FAILED]

    @property
    def stale(self) -> list[Source]:
        """Documents that fail now, published with their rows of the previous release."""
        return [s for s in self.sources if s.status == SourceStatus.STALE]

    @property
    def partial_documents(self) -> list[DocumentResult]:
        """Documents read but for tables that failed, are incomplete or are missing."""
        return [r for r in self.results if r.source.status == SourceStatus.PARTIAL]

    @property
    def left_out(self) -> list[Source]:
        """Documents read, then left out for failing validation (``--keep-going``)."""
        read = {o.file for o in self.outcomes if o.status != SourceStatus.FAILED}  # as shown
        return [s for s in self.sources if s.status == SourceStatus.FAILED and s.file in read]


def file_name(path: Path) -> str:
    return published_name(path.name)


def _kind(path: Path, raw: Path) -> SourceKind:
    try:
        with open(open_document(path, raw), "rb") as f:
            return sniff(f.read(SNIFF_BYTES))
    except (InputError, OSError):
        return SourceKind.UNKNOWN


def _failure_source(path: Path, raw: Path, sha: str, message: str) -> Source:
    name = file_name(path)
    return Source(
        source_id=slugify(Path(name).stem) or "document",
        file=name,
        sha256=sha,
        kind=_kind(path, raw),
        status=SourceStatus.FAILED,
        message=message,
    )


def read_or_fail(
    path: Path, raw: Path | None = None, expected: str | None = None
) -> DocumentResult | Source:
    """The result of one file of ``raw`` (its folder by default), or its failure as a Source
    with status 'failed'. Runs in a bounded worker: running out of memory is not a failure
    of the document but raised, for the worker to report as too large. ``expected`` is the
    sha256 the run listed the file with: bytes that hash otherwise fail the document (the
    file changed while being read), so that a result is never kept under another file's
    hash."""
    raw = path.parent if raw is None else raw
    sha = ""
    try:
        data = read_document_bytes(path, raw)
        sha = hashlib.sha256(data).hexdigest()
        if expected is not None and sha != expected:
            return _failure_source(path, raw, expected, f"{CHANGED}: {_changed(expected, sha)}")
        result = read_document(path, data, file_name(path))
        result.invalid = validate_document_tables(result)
        if result.problems:
            result.source.status = SourceStatus.PARTIAL
            result.source.message = "; ".join(
                filter(None, [*result.problems, result.source.message])
            )
        return result
    except Exception as exc:
        if is_out_of_memory(exc):
            raise
        if isinstance(exc, (DocumentError, InputError)):
            return _failure_source(path, raw, sha, str(exc))
        # a bug must not stop the other documents
        return _failure_source(path, raw, sha, f"internal error ({type(exc).__name__}: {exc})")


def read_cached(
    listing: Listing,
    raw: Path,
    store: Cache,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
) -> Iterator[tuple[Path, DocumentResult | Source]]:
    """The value of each file of ``listing`` in turn: taken from ``store`` where it has it,
    else ``read_or_fail`` in a bounded worker (and stored). ``sources`` reads this way."""
    refused = dict(listing.refused)
    for path in listing.files:
        try:
            sha = document_sha256(path, raw, timeout)
        except InputError as exc:
            yield path, _failure_source(path, raw, "", str(exc))
            continue
        if path in refused:
            value = _failure_source(path, raw, sha, refused[path])
        elif (value := store.get(sha)) is None:
            read = partial(_read_listed, {path.name: sha}, raw)
            before_fork()  # once, shared by the workers forked from here on
            [fin] = run_each(read, [path], jobs=1, timeout=timeout, max_memory=max_memory)
            if fin.error:  # timed out, too large or crashed: reported, never cached
                value = _failure_source(path, raw, sha, fin.error)
            else:
                value = fin.value
                if cacheable(value):
                    store.put(sha, value)
        yield path, _refile(value, path)


@dataclass(frozen=True)
class RunOptions:
    """How a run goes: see ``run``."""

    keep_going: bool = False
    jobs: int = 1
    cache_dir: Path | None = None
    timeout: float | None = DEFAULT_TIMEOUT
    max_memory: int | None = DEFAULT_MAX_MEMORY
    progress: Callable[[int, int, Outcome], None] | None = None
    notice: Callable[[str], None] | None = None
    lock_wait: float = DEFAULT_LOCK_WAIT
    write: bool = True
    drop_failed: bool = False


def run(raw: Path, out: Path | None, **options) -> RunResult:
    """Extract every document of ``raw`` (cached ones from ``cache_dir``; the others in up to
    ``jobs`` worker processes, each within ``timeout`` seconds and ``max_memory`` bytes),
    merge, validate, publish (unless ``write`` is False: then everything but the publishing).
    ``notice`` hears of what raw/ holds that is not read, and of what publishing cleaned up;
    publishing waits at most ``lock_wait`` seconds for another run publishing into ``out``.
    With ``keep_going``, a document of the release in ``out`` that fails now keeps its rows
    from it (stale.py), unless ``drop_failed``. The options are those of ``RunOptions``."""
    return Run(raw, out, RunOptions(**options)).go()


@dataclass
class Run:
    """One run over ``raw`` into ``out``: its options, and what it has found so far."""

    raw: Path
    out: Path | None
    options: RunOptions
    result: RunResult = field(default_factory=RunResult)
    files: list[Path] = field(default_factory=list)  # the files of raw/ that could be hashed
    shas: dict[str, str] = field(default_factory=dict)  # file name: sha256 of its bytes
    seen_sha: dict[str, str] = field(default_factory=dict)  # sha256: the first file with it
    values: dict[str, DocumentResult | Source] = field(default_factory=dict)  # file name: value
    duplicates: dict[str, str] = field(default_factory=dict)  # file name: the first with its bytes
    done: int = 0
    total: int = 0

    def say(self, line: str) -> None:
        if self.options.notice is not None:
            self.options.notice(line)

    def report(self, outcome: Outcome) -> None:
        self.done += 1
        self.result.outcomes.append(outcome)
        if self.options.progress:
            self.options.progress(self.done, self.total, outcome)

    def go(self) -> RunResult:
        raw, opts = self.raw, self.options
        listing = list_documents(raw)
        for line in listing.notices:
            self.say(line)
        refused = {p.name: why for p, why in listing.refused}
        store = Cache(opts.cache_dir, self.say)
        todo: list[Path] = []
        self.total = len(listing.files)
        for p in listing.files:  # hashed within the time bound; a file that cannot be has no row
            try:
                self.shas[p.name] = document_sha256(p, raw, opts.timeout)
                self.files.append(p)
            except InputError as exc:
                self.report(Outcome(display(p.name), SourceStatus.FAILED, str(exc)))
        for p in self.files:
            sha = self.shas[p.name]
            if p.name in refused:  # not read, so no stand-in for a file of the same bytes
                self.values[p.name] = _failure_source(p, raw, sha, refused[p.name])
                self.report(Outcome(display(p.name), SourceStatus.FAILED, refused[p.name]))
                continue
            if sha in self.seen_sha:
                continue
            self.seen_sha[sha] = p.name
            if (cached := store.get(sha)) is not None:
                self.values[p.name] = _refile(cached, p)
            else:
                todo.append(p)
        for p in self.files:
            if p.name in self.values and p.name not in refused:
                v = self.values[p.name]
                status = SourceStatus.FAILED if isinstance(v, Source) else v.source.status
                msg = v.message if isinstance(v, Source) else v.source.message
                self.report(Outcome(display(p.name), status, msg, 0.0, cached=True))
        todo.sort(key=lambda p: -p.stat().st_size)  # largest first, so that workers end together
        if todo:  # loaded once here, shared by every worker forked below
            before_fork()
        read = partial(_read_listed, self.shas, raw)
        limits = {"timeout": opts.timeout, "max_memory": opts.max_memory}
        for fin in run_each(read, todo, jobs=opts.jobs, **limits):
            p = fin.path
            if fin.error:  # timed out, too large or crashed: reported, never cached
                value = _failure_source(p, raw, self.shas[p.name], fin.error)
                self.store(None, value, p, fin.seconds)
            else:
                self.store(store, fin.value, p, fin.seconds)
        self.result.cache_rejected = store.rejected
        if store.rejected:
            self.say(
                f"notice: {store.rejected} cache entr{'y' if store.rejected == 1 else 'ies'} "
                "failed its check (damaged, or not written by this user): read again"
            )
        self.duplicates = {
            p.name: self.seen_sha[self.shas[p.name]]
            for p in self.files
            if p.name not in refused and self.seen_sha[self.shas[p.name]] != p.name
        }
        for p in self.files:
            first = self.duplicates.get(p.name)
            if first is not None:
                same = f"same content as {file_name(raw / first)}"
                self.report(Outcome(display(p.name), SourceStatus.SKIPPED, same))
        return self.finish()

    def store(self, store: Cache | None, value, path: Path, secs: float) -> None:
        sha = self.shas[path.name]
        if isinstance(value, Source) and not value.sha256:  # it could not be read at all
            value.sha256 = sha
        if store is not None and cacheable(value):
            store.put(sha, value)
        self.values[path.name] = value
        if isinstance(value, Source):
            self.report(Outcome(display(path.name), SourceStatus.FAILED, value.message, secs))
        else:
            src = value.source
            self.report(Outcome(display(path.name), src.status, src.message, secs))

    def record(self, folder: Path) -> None:
        """Remember the run in the cache: under the publishing lock, the new output in place."""
        r, cache_dir = self.result, self.options.cache_dir
        if cache_dir is None or r.failed_documents or r.partial_documents or r.left_out:
            return
        try:
            _record(cache_dir, self.raw, folder, self.files, self.shas, r)
        except OSError as exc:
            self.say(f"notice: the run is not remembered in the cache ({exc.strerror})")
        except NotPrivate as exc:
            self.say(f"notice: the run is not remembered in the cache ({exc})")

    def finish(self) -> RunResult:
        """Merge, validate and publish. Rows follow the documents' content (source_id, then
        sha256), never their file names: renaming a file changes only its own ``file``. With
        --keep-going (and not --drop-failed), documents of the previous release that fail now
        keep their rows from it (stale.py)."""
        raw, files, values, shas = self.raw, self.files, self.values, self.shas
        run_result, keep_going = self.result, self.options.keep_going
        out = self.out if self.options.write else None
        keeping = keep_going and not self.options.drop_failed and out is not None
        previous, unreadable = None, ""
        if keeping:
            try:
                previous = previous_release(out)
            except PreviousUnreadable as exc:
                unreadable = str(exc)
        results = [values[p.name] for p in files if isinstance(values.get(p.name), DocumentResult)]
        results.sort(key=lambda r: (r.source.source_id, r.source.sha256))
        failed = _by_content(
            [values[p.name] for p in files if isinstance(values.get(p.name), Source)]
        )
        skipped = _by_content(
            Source(
                source_id=slugify(Path(file_name(p)).stem) or "document",
                file=file_name(p),
                sha256=shas[p.name],
                kind=_kind(p, raw),
                status=SourceStatus.SKIPPED,
                message=f"same content as {file_name(raw / self.duplicates[p.name])}",
            )
            for p in files
            if p.name in self.duplicates
        )
        _unique_ids([r.source for r in results] + failed + skipped)
        run_result.paths = {file_name(p): p for p in files}
        run_result.read = list(results)
        for r in results:
            for o in r.observations:
                o.source_id = r.source.source_id
        frames, printed, failures = _checked_frames(results, failed + skipped)
        seen = list(failures)
        while keep_going and failures:
            bad = _failing(results, failures)
            if not bad:
                break  # failures no document can be left out for: nothing is published
            for r in bad:
                if _withhold_failing_tables(r, _own(r, failures)):
                    continue  # its tables that fail a check are withheld; the rest is kept
                checks = sorted({f"{f.dataset}: {f.check}" for f in _own(r, failures)})
                failed.append(_left_out(r, "failed validation: " + "; ".join(checks)))
            results = [r for r in results if r.source.status != SourceStatus.FAILED]
            frames, printed, failures = _checked_frames(results, failed + skipped)
            known = {(f.dataset, f.check, f.column) for f in seen}
            seen += [f for f in failures if (f.dataset, f.check, f.column) not in known]
        kept = Kept()
        if previous is not None:
            failing = {s.file: s.message for s in failed}
            unhashed = {o.file: o.message for o in run_result.outcomes if o.status == "failed"}
            try:
                kept = keep(previous, {**unhashed, **failing}, list(FAMILY_DATASETS))
            except PreviousUnreadable as exc:
                unreadable = str(exc)
        if kept:
            stale = {s.file for s in kept.sources}
            failed = [s for s in failed if s.file not in stale]
            others = failed + skipped + kept.sources
            _unique_ids([*kept.sources, *(r.source for r in results), *failed, *skipped])
            for r in results:
                for o in r.observations:
                    o.source_id = r.source.source_id
            frames, printed, failures = _checked_frames(results, others, kept)
            known = {(f.dataset, f.check, f.column) for f in seen}
            seen += [f for f in failures if (f.dataset, f.check, f.column) not in known]
            failed = failed + kept.sources
        run_result.results = results
        run_result.sources = [r.source for r in results] + failed + skipped
        run_result.frames, run_result.failures = frames, seen
        run_result.blocking = failures
        partial = [r for r in results if r.source.status == SourceStatus.PARTIAL]
        held = (failed or partial) and not keep_going
        if failed and unreadable:  # their rows in the release cannot be kept: it stays as it is
            self.say(
                f"notice: the release in {display(str(out))} cannot be read ({unreadable}), so "
                "documents that fail now cannot keep their rows from it; --drop-failed publishes "
                "without them"
            )
            held = True
        if failures or held or out is None:
            return run_result
        publishing = {
            "raw": raw,
            "notice": self.say,
            "lock_wait": self.options.lock_wait,
            "published": self.record,
        }
        from ..output.publish import publish  # pyarrow and the writers: not in the workers

        publish(out, frames, printed, **publishing)
        run_result.published = True
        return run_result


def _record(cache_dir, raw, out, files, shas, run_result: RunResult) -> None:
    """Remember this clean run, so that a run with nothing changed has nothing to do: called
    under the publishing lock, so that ``out`` is the folder this run published."""
    order = {display(p.name): i for i, p in enumerate(files)}
    outcomes = sorted(run_result.outcomes, key=lambda o: order[o.file])
    summary = manifest.Summary(
        outcomes=[[o.file, o.status, o.message] for o in outcomes],
        documents=len(run_result.results),
        observations=len(run_result.frames["observations"]),
        conflicts=frame.conflict_keys(run_result.frames["conflicts"]),
    )
    inputs = {file_name(p): shas[p.name] for p in files}
    manifest.record(cache_dir, raw, out, inputs, summary)


def _refile(value: DocumentResult | Source, path: Path):
    """A cached value found for a file of the same bytes under another name."""
    name = file_name(path)
    if isinstance(value, Source):
        value.file = name
        value.source_id = slugify(Path(name).stem) or value.source_id
    else:
        value.source.file = name
    return value


def _by_content(sources) -> list[Source]:
    return sorted(sources, key=lambda s: (s.source_id, s.sha256))


def _unique_ids(sources: list[Source]) -> None:
    """Number repeated source ids (-2, -3, ...): the first in ``sources`` keeps its id."""
    taken: set[str] = set()
    for src in sources:
        base = src.source_id
        sid, n = base, 2
        while sid in taken:
            sid, n = f"{base}-{n}", n + 1
        taken.add(sid)
        src.source_id = sid


def _checked_frames(results: list[DocumentResult], others: list[Source], stale: Kept | None = None):
    """The published frames of ``results`` (and the sources ``others``, and what ``stale``
    documents keep), their printed tables and every failed check: the frames' own and those
    of each document's tables."""
    stale = stale or Kept()
    sources = [r.source for r in results] + others
    published_dates = {r.source.source_id: r.source.published for r in results}
    published_dates.update(stale.published)
    observations = [o for r in results for o in r.observations] + stale.observations
    kept, conflicts = merge(observations, published_dates)
    frames = {
        "sources": frame.sources_frame(sources),
        "tables": frame.tables_frame(results),
        "table_notes": frame.notes_frame(results),
        "key_figures": frame.key_figures_frame(results),
        "observations": frame.observations_frame(kept),
        "conflicts": frame.conflicts_frame(conflicts),
    }
    frames.update({name: frame.family_frame(name, results) for name in FAMILY_DATASETS})
    for name, rows in stale.rows.items():  # in content order, as a fresh run gives them
        both = [df for df in (frames[name], rows) if len(df)]
        if len(both) > 1:
            joined = pd.concat(both, ignore_index=True)
            frames[name] = joined.sort_values("source_id", kind="stable").reset_index(drop=True)
        elif both:
            frames[name] = both[0]
    printed = {**frame.printed_tables(results), **stale.printed}
    failures: list[Failure] = []
    for name in DATASETS:
        checked, errs = validate(name, frames[name])
        failures += errs
        if checked is not None:
            frames[name] = checked
    if not failures:
        failures += check_links(frames)
    failures += [Failure.from_dict(d) for r in results for d in r.invalid]
    return frames, dict(sorted(printed.items())), failures


def _own(r: DocumentResult, failures: list[Failure]) -> list[Failure]:
    """The failures that rows of document ``r`` take part in (its tables' checks, and the
    frames' rows with its source_id)."""
    mine = [Failure.from_dict(d) for d in r.invalid]
    sid = r.source.source_id
    for f in failures:
        if "source_id" in f.rows.columns and (f.rows["source_id"] == sid).any():
            mine.append(f)
    return mine


def _failing(results: list[DocumentResult], failures: list[Failure]) -> list[DocumentResult]:
    """The documents whose rows fail a check; [] where a failure belongs to no document."""
    bad = [r for r in results if _own(r, failures)]
    owned = {(f.dataset, f.check) for r in bad for f in _own(r, failures)}
    if any((f.dataset, f.check) not in owned for f in failures):
        return []
    return bad


def _table_of_rows(rows: pd.DataFrame) -> str | None:
    """The one table all the failing rows of a check were read from; None if they are not
    all cells of one table."""
    if "locator" not in rows.columns or rows.empty:
        return None
    found = {CELL.sub("", str(loc)) for loc in rows["locator"] if CELL.search(str(loc))}
    return found.pop() if len(found) == 1 and rows["locator"].map(
        lambda loc: CELL.search(str(loc)) is not None).all() else None  # fmt: skip


def _withhold_failing_tables(r: DocumentResult, own: list[Failure]) -> bool:
    """Where every check document ``r`` fails is failed by cells of its tables, withhold each
    such table (``incomplete``, the check, its cells and by how much in its reason) and keep
    the rest of the document; False (nothing changed) where a check fails elsewhere."""
    about = {d["dataset"] + d["check"]: d.get("about", "") for d in r.invalid}
    by_table: dict[str, list[str]] = {}
    for f in own:
        tid = _table_of_rows(f.rows)
        if tid is None:
            return False
        text = about.get(f.dataset + f.check) or _cells_of(f)
        by_table.setdefault(tid, []).append(f"{f.check}: {text}")
    tables = {t.table_id: t for t in r.tables}
    if not by_table or any(tid not in tables for tid in by_table):
        return False
    for tid, checks in by_table.items():
        if fate.withhold(
            r, tables[tid], "a cross-check fails: " + "; ".join(dict.fromkeys(checks))
        ):
            r.source.message = "; ".join(filter(None, [r.problems[-1], r.source.message]))
    r.invalid = [d for d in r.invalid if _table_of_rows(Failure.from_dict(d).rows) not in by_table]
    r.source.status = SourceStatus.PARTIAL
    return True


def _cells_of(f: Failure) -> str:
    """The failing cells of a check, with their values: 'r3 c4 156 (percent)'."""
    cells = []
    for row in f.rows.itertuples():
        cell = CELL.search(str(getattr(row, "locator", "")))
        if cell:
            cells.append(f"r{cell.group(1)} c{cell.group(2)} {row.value:g} ({row.unit})")
    return ", ".join(dict.fromkeys(cells))


def _left_out(r: DocumentResult, message: str) -> Source:
    """A document that failed validation, as a failed source (``--keep-going``)."""
    src = r.source
    src.status, src.message = SourceStatus.FAILED, message
    return src


def validate_document_tables(result: DocumentResult) -> list[dict]:
    """Failed checks of a document: its printed tables and each mapped table's tidy form (with
    its spec's cross-checks). Each mapped table is checked for completeness first (its spec's
    ``completeness`` rules, and that every body cell gives one observation or a reason): a
    table that fails is ``incomplete``, gives no observations, and makes the document
    partial. Run once per document, with its extraction, so that it is done in parallel and
    cached."""
    failures: list[Failure] = validate_each(
        schema("printed_table"),
        [
            (f"printed table {path}", pd.DataFrame(cells, dtype=str), [])
            for path, cells in frame.printed_tables([result]).items()
        ],
    )
    spec = load_spec(result.source.family, result.source.year) if result.source.family else None
    entries = {e.name: e for e in (spec.content.table if spec else [])}
    mapped = [
        (t, entries[t.spec])
        for t in result.tables
        if t.spec in entries and t.status == TableStatus.EXTRACTED
    ]
    for t, missing in _incomplete(result, mapped):
        fate.withhold(result, t, "; ".join(missing))
    sid = result.source.source_id
    about: dict[str, str] = {}  # a failed check of a table: which cells disagree, by how much
    extracted = [(t, entry) for t, entry in mapped if t.status == TableStatus.EXTRACTED]
    tidies = {
        t.table_id: frame.observations_frame(
            [o for o in result.observations if o.table_id == t.table_id]
        )
        for t, _ in extracted
    }
    failures += validate_each(  # every table's own checks in one pandera pass
        schema("table_observations"),
        [
            (
                f"{sid}/{t.table_id} (tidy)",
                tidies[t.table_id],
                extra_checks([c for c in entry.checks if c.check != "parts_sum_to_total"]),
            )
            for t, entry in extracted
        ],
    )
    for t, entry in extracted:
        name, tidy = f"{sid}/{t.table_id} (tidy)", tidies[t.table_id]
        for call in (c for c in entry.checks if c.check == "parts_sum_to_total"):
            # a total whose note states the difference passes, with a notice
            explained = _explained_by_notes(t, tidy, call.params)
            result.source.message = "; ".join(
                filter(None, [result.source.message, *(line for _, line in explained)])
            )
            drop = [i for gap, _ in explained for i in gap.rows]
            failed = validate(name, tidy.drop(index=drop), checks_only(name, [call]))[1]
            gaps = [_gap_text(tidy, gap, call.params) for gap in
                    sum_gaps(tidy.drop(index=drop), **call.params)]  # fmt: skip
            about.update({f.dataset + f.check: "; ".join(gaps) for f in failed})
            failures += failed
    out = [f.to_dict() for f in failures]
    for d in out:
        d["about"] = about.get(d["dataset"] + d["check"], "")
    return out


def _gap_text(tidy: pd.DataFrame, gap, params: dict) -> str:
    """Which cells disagree and by how much: 'the parts of Hele landet (finishers 2016) add
    up to 5480, 36 less than its total 5516 (r21 c1)'."""
    total = tidy.loc[gap.total_row]
    cell = CELL.search(str(total["locator"]))
    where = f" (r{cell.group(1)} c{cell.group(2)})" if cell else ""
    named = total["region_name"] if params["dimension"] == "region_code" else None
    side = "less" if gap.difference > 0 else "more"
    return (
        f"the parts of {named or total[params['dimension']]} ({total['indicator']} "
        f"{total['year']}) add up to {gap.parts:g}, {abs(gap.difference):g} {side} than its "
        f"total {gap.whole:g}{where}"
    )


CELL = re.compile(r" r(\d+) c(\d+)$")  # a table observation's cell in its locator


def _explained_by_notes(t: Table, tidy: pd.DataFrame, params: dict) -> list[tuple]:
    """The keys of ``tidy`` whose parts do not add up to their total where a note on the
    total's row states the difference, each with its notice (the difference, the note)."""
    out = []
    for gap in sum_gaps(tidy, **params):
        total = tidy.loc[gap.total_row]
        cell = CELL.search(str(total["locator"]))
        row = int(cell.group(1)) if cell else None
        notes = [n.note for n in t.notes if row is not None and n.row == row and n.note]
        tolerance = float(params.get("tolerance", 0))
        note = next((n for n in notes if note_accounts_for(gap, n, tolerance)), None)
        if note is None:
            continue
        out.append((gap, f"{t.table_id}: {_gap_text(tidy, gap, params)}, as the note on it "
                         f"says: {note!r}"))  # fmt: skip
    return out


def _incomplete(result: DocumentResult, mapped: list) -> list[tuple[Table, list[str]]]:
    """The mapped tables that are not whole, each with what it lacks. The body cells of all
    of them are checked at once (schema ``table_cells``: every cell gives one observation or
    a reason); then each table with its entry's completeness rules, as pandera checks."""
    if not mapped:
        return []
    cells = {
        t.table_id: frame.table_cells(t, entry, result.observations, _year(entry, result))
        for t, entry in mapped
    }
    sid = result.source.source_id
    every = pd.concat(cells.values(), ignore_index=True)
    _, failures = validate(f"{sid} (cells)", every, schema("table_cells"))
    unaccounted: dict[str, list[str]] = {}
    for f in failures:
        for c in f.rows.itertuples() if "table_id" in f.rows.columns else []:
            unaccounted.setdefault(c.table_id, []).append(
                f"r{c.row} c{c.col} {c.text!r} ({c.observations} observations)"
            )
    rules = [(t, entry) for t, entry in mapped if entry.completeness]
    lacking = {
        f.dataset
        for f in validate_each(
            checks_only("completeness", []),
            [
                (t.table_id, cells[t.table_id], extra_checks(entry.completeness))
                for t, entry in rules
            ],
        )
    }
    out = []
    for t, entry in mapped:
        missing = []
        if t.table_id in lacking:
            for call in entry.completeness:
                missing += COMPLETENESS[call.check](cells[t.table_id], **call.params)
        if t.table_id in unaccounted:
            named = ", ".join(unaccounted[t.table_id])
            missing.append(f"body cells that give not one observation and no reason: {named}")
        if missing:
            out.append((t, missing))
    return out


def _year(entry, result: DocumentResult) -> int:
    return entry.year if entry.year is not None else result.source.year
