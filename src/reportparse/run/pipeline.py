"""The whole run: every document in raw/, merged, validated, published.

Each document is read once (or taken from the cache); a document that fails
is reported with its reason after all others have been tried. Nothing is
published unless every output passes its schema, and, without
``keep_going``, every document was read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from ..contract.checks import COMPLETENESS
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
from .workers import run_each

SNIFF_BYTES = 2048  # a document's kind is told from its beginning (readers.document.sniff)


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

    @property
    def failed_documents(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == SourceStatus.FAILED]

    @property
    def partial_documents(self) -> list[DocumentResult]:
        """Documents read but for tables that failed, are incomplete or are missing."""
        return [r for r in self.results if r.source.status == SourceStatus.PARTIAL]

    @property
    def left_out(self) -> list[Source]:
        """Documents read, then left out for failing validation (``--keep-going``)."""
        read = {o.file for o in self.outcomes if o.status != SourceStatus.FAILED}  # as shown
        return [
            s for s in self.sources if s.status == SourceStatus.FAILED and display(s.file) in read
        ]


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


def read_or_fail(path: Path, raw: Path | None = None) -> DocumentResult | Source:
    """The result of one file of ``raw`` (its folder by default), or its failure as a Source
    with status 'failed'. Runs in a bounded worker: running out of memory is not a failure
    of the document but raised, for the worker to report as too large."""
    raw = path.parent if raw is None else raw
    sha = ""
    try:
        data = read_document_bytes(path, raw)
        sha = hashlib.sha256(data).hexdigest()
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
            read = partial(read_or_fail, raw=raw)
            [fin] = run_each(read, [path], jobs=1, timeout=timeout, max_memory=max_memory)
            if fin.error:  # timed out, too large or crashed: reported, never cached
                value = _failure_source(path, raw, sha, fin.error)
            else:
                value = fin.value
                store.put(sha, value)
        yield path, _refile(value, path)


def run(
    raw: Path,
    out: Path | None,
    *,
    keep_going: bool = False,
    jobs: int = 1,
    cache_dir: Path | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    progress: Callable[[int, int, Outcome], None] | None = None,
    notice: Callable[[str], None] | None = None,
    lock_wait: float = DEFAULT_LOCK_WAIT,
    write: bool = True,
) -> RunResult:
    """Extract every document of ``raw`` (cached ones from ``cache_dir``; the others in up to
    ``jobs`` worker processes, each within ``timeout`` seconds and ``max_memory`` bytes),
    merge, validate, publish (unless ``write`` is False: then everything but the publishing).
    ``notice`` hears of what raw/ holds that is not read, and of what publishing cleaned up;
    publishing waits at most ``lock_wait`` seconds for another run publishing into ``out``."""
    listing = list_documents(raw)
    say = notice or (lambda line: None)
    for line in listing.notices:
        say(line)
    refused = {p.name: why for p, why in listing.refused}
    store = Cache(cache_dir)
    run_result = RunResult()
    values: dict[str, DocumentResult | Source] = {}
    seen_sha: dict[str, str] = {}
    todo: list[Path] = []
    total = len(listing.files)
    done = 0

    def report(outcome: Outcome) -> None:
        nonlocal done
        done += 1
        run_result.outcomes.append(outcome)
        if progress:
            progress(done, total, outcome)

    files, shas = [], {}
    for p in listing.files:  # hashed within the time bound; a file that cannot be has no row
        try:
            shas[p.name] = document_sha256(p, raw, timeout)
            files.append(p)
        except InputError as exc:
            report(Outcome(display(p.name), SourceStatus.FAILED, str(exc)))
    for p in files:
        sha = shas[p.name]
        if sha in seen_sha:
            continue
        seen_sha[sha] = p.name
        if p.name in refused:
            values[p.name] = _failure_source(p, raw, sha, refused[p.name])
            report(Outcome(display(p.name), SourceStatus.FAILED, refused[p.name]))
        elif (cached := store.get(sha)) is not None:
            values[p.name] = _refile(cached, p)
        else:
            todo.append(p)
    for p in files:
        if p.name in values and p.name not in refused:
            v = values[p.name]
            status = SourceStatus.FAILED if isinstance(v, Source) else v.source.status
            msg = v.message if isinstance(v, Source) else v.source.message
            report(Outcome(display(p.name), status, msg, 0.0, cached=True))
    todo.sort(key=lambda p: -p.stat().st_size)  # largest first, so that workers end together
    read = partial(read_or_fail, raw=raw)
    for fin in run_each(read, todo, jobs=jobs, timeout=timeout, max_memory=max_memory):
        p = fin.path
        if fin.error:  # timed out, too large or crashed: reported, never cached
            value = _failure_source(p, raw, shas[p.name], fin.error)
            _store(None, shas[p.name], value, values, p, report, fin.seconds)
        else:
            _store(store, shas[p.name], fin.value, values, p, report, fin.seconds)
    for p in files:
        first = seen_sha[shas[p.name]]
        if first != p.name:
            same = f"same content as {file_name(raw / first)}"
            report(Outcome(display(p.name), SourceStatus.SKIPPED, same))
    target = out if write else None
    publishing = {"raw": raw, "notice": say, "lock_wait": lock_wait}
    _finish(run_result, files, values, shas, seen_sha, target, keep_going, publishing)
    clean = not (run_result.failed_documents or run_result.partial_documents or run_result.left_out)
    if run_result.published and cache_dir is not None and clean:
        _record(cache_dir, raw, out, files, shas, run_result)
    return run_result


def _record(cache_dir, raw, out, files, shas, run_result: RunResult) -> None:
    """Remember this clean run, so that a run with nothing changed has nothing to do."""
    order = {display(p.name): i for i, p in enumerate(files)}
    outcomes = sorted(run_result.outcomes, key=lambda o: order[o.file])
    summary = manifest.Summary(
        outcomes=[[o.file, o.status, o.message] for o in outcomes],
        documents=len(run_result.results),
        observations=len(run_result.frames["observations"]),
        conflicts=len(run_result.frames["conflicts"]),
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


def _store(store, sha, value, values, path, report, secs) -> None:
    if isinstance(value, Source) and not value.sha256:  # it could not be read at all
        value.sha256 = sha
    if store is not None:
        store.put(sha, value)
    values[path.name] = value
    if isinstance(value, Source):
        report(Outcome(display(path.name), SourceStatus.FAILED, value.message, secs))
    else:
        report(Outcome(display(path.name), value.source.status, value.source.message, secs))


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


def _finish(run_result, files, values, shas, seen_sha, out, keep_going, publishing: dict):
    """Merge, validate and publish. Rows follow the documents' content (source_id, then
    sha256), never their file names: renaming a file changes only its own ``file``."""
    raw = publishing["raw"]
    results = [values[p.name] for p in files if isinstance(values.get(p.name), DocumentResult)]
    results.sort(key=lambda r: (r.source.source_id, r.source.sha256))
    failed = _by_content([values[p.name] for p in files if isinstance(values.get(p.name), Source)])
    skipped = _by_content(
        Source(
            source_id=slugify(Path(file_name(p)).stem) or "document",
            file=file_name(p),
            sha256=shas[p.name],
            kind=_kind(p, raw),
            status=SourceStatus.SKIPPED,
            message=f"same content as {file_name(raw / seen_sha[shas[p.name]])}",
        )
        for p in files
        if seen_sha[shas[p.name]] != p.name
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
            checks = sorted({f"{f.dataset}: {f.check}" for f in _own(r, failures)})
            failed.append(_left_out(r, "failed validation: " + "; ".join(checks)))
        results = [r for r in results if r not in bad]
        frames, printed, failures = _checked_frames(results, failed + skipped)
        known = {(f.dataset, f.check, f.column) for f in seen}
        seen += [f for f in failures if (f.dataset, f.check, f.column) not in known]
    run_result.results = results
    run_result.sources = [r.source for r in results] + failed + skipped
    run_result.frames, run_result.failures = frames, seen
    run_result.blocking = failures
    partial = [r for r in results if r.source.status == SourceStatus.PARTIAL]
    held = (failed or partial) and not keep_going
    if failures or held or out is None:
        return run_result
    from ..output.publish import publish  # pyarrow and the writers: not in the workers

    publish(out, frames, printed, **publishing)
    run_result.published = True
    return run_result


def _checked_frames(results: list[DocumentResult], others: list[Source]):
    """The published frames of ``results`` (and the sources ``others``), their printed tables
    and every failed check: the frames' own and those of each document's tables."""
    sources = [r.source for r in results] + others
    published_dates = {r.source.source_id: r.source.published for r in results}
    observations = [o for r in results for o in r.observations]
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
    failures: list[Failure] = []
    for name in DATASETS:
        checked, errs = validate(name, frames[name])
        failures += errs
        if checked is not None:
            frames[name] = checked
    if not failures:
        failures += check_links(frames)
    failures += [Failure.from_dict(d) for r in results for d in r.invalid]
    return frames, frame.printed_tables(results), failures


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
        t.status, t.reason = TableStatus.INCOMPLETE, "; ".join(missing)
        result.problems.append(f"{t.table_id}: {t.reason}")
        result.observations = [o for o in result.observations if _table_of(o) != t.table_id]
    sid = result.source.source_id
    by_table: dict[str, list] = {}
    for o in result.observations:
        by_table.setdefault(_table_of(o), []).append(o)
    failures += validate_each(
        schema("table_observations"),
        [
            (
                f"{sid}/{t.table_id} (tidy)",
                frame.observations_frame(by_table.get(t.table_id, [])),
                extra_checks(entry.checks),
            )
            for t, entry in mapped
            if t.status == TableStatus.EXTRACTED
        ],
    )
    return [f.to_dict() for f in failures]


def _table_of(o) -> str:
    return o.locator.split(" ")[0]


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
