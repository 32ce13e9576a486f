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

from ..model import DocumentError, DocumentResult, Source, SourceKind, SourceStatus
from ..output import frames as frame
from ..output.datasets import DATASETS, FAMILY_DATASETS
from ..output.lock import DEFAULT_LOCK_WAIT
from ..output.merge import merge
from ..output.publish import publish
from ..output.validation import Failure, check_links, schema, validate, with_checks
from ..read.document import read_document, sniff
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

SNIFF_BYTES = 2048  # a document's kind is told from its beginning (read.document.sniff)


@dataclass
class RunResult:
    outcomes: list[Outcome] = field(default_factory=list)
    results: list[DocumentResult] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    published: bool = False
    paths: dict[str, Path] = field(default_factory=dict)  # each file (as published): its path

    @property
    def failed_documents(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == SourceStatus.FAILED]


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
            status = SourceStatus.FAILED if isinstance(v, Source) else SourceStatus.OK
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
    if run_result.published and cache_dir is not None and not run_result.failed_documents:
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
        report(Outcome(display(path.name), SourceStatus.OK, value.source.message, secs))


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
    by_content = partial(sorted, key=lambda s: (s.source_id, s.sha256))
    results = [values[p.name] for p in files if isinstance(values.get(p.name), DocumentResult)]
    results.sort(key=lambda r: (r.source.source_id, r.source.sha256))
    failed = by_content([values[p.name] for p in files if isinstance(values.get(p.name), Source)])
    skipped = by_content(
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
    sources = [r.source for r in results] + failed + skipped
    _unique_ids(sources)
    for r in results:
        for o in r.observations:
            o.source_id = r.source.source_id
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
    printed = frame.printed_tables(results)
    failures: list[Failure] = []
    for name in DATASETS:
        checked, errs = validate(name, frames[name])
        failures += errs
        if checked is not None:
            frames[name] = checked
    if not failures:
        failures += check_links(frames)
    failures += [Failure.from_dict(d) for r in results for d in r.invalid]
    run_result.results, run_result.sources = results, sources
    run_result.paths = {file_name(p): p for p in files}
    run_result.frames, run_result.failures = frames, failures
    if failures or (failed and not keep_going) or out is None:
        return run_result
    publish(out, frames, printed, **publishing)
    run_result.published = True
    return run_result


def validate_document_tables(result: DocumentResult) -> list[dict]:
    """Failed checks of a document's printed tables and of each mapped table's tidy form
    (with its spec's cross-checks). Run once per document, with its extraction, so that
    it is done in parallel and cached."""
    failures: list[Failure] = []
    for path, cells in frame.printed_tables([result]).items():
        df = pd.DataFrame(cells, dtype=str)
        failures += validate(f"printed table {path}", df, schema("printed_table"))[1]
    spec = load_spec(result.source.family, result.source.year) if result.source.family else None
    entries = {e.name: e for e in (spec.content.table if spec else [])}
    for t in result.tables:
        if t.spec is None or t.spec not in entries:
            continue
        obs = [o for o in result.observations if o.locator.split(" ")[0] == t.table_id]
        checked = with_checks("table_observations", entries[t.spec].checks)
        name = f"{result.source.source_id}/{t.table_id} (tidy)"
        failures += validate(name, frame.observations_frame(obs), checked)[1]
    return [f.to_dict() for f in failures]
