"""Shared fixtures: the corpus documents in raw/ and their truth under tests/truth/, and the
chart pages the chart tests build."""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
TRUTH = ROOT / "tests" / "truth"


def _home() -> Path:
    """The user's cache and config folders (the cache and its signing key, simplemma's
    dictionary as a file, platformdirs) of the test processes and the commands they start:
    one private home per run of the suite, never the real one. The processes of one run
    (pytest-xdist's workers, named by its run id) share it, as the runs of one user do, so
    that the dictionary's file is written once and a cache one process fills is another's."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run is None:
        return Path(tempfile.mkdtemp(prefix="reportparse-home-"))
    home = Path(tempfile.gettempdir()) / f"reportparse-home-{run}"
    home.mkdir(mode=0o700, exist_ok=True)
    return home


HOME = _home()
os.environ["XDG_CACHE_HOME"] = str(HOME / "cache")
os.environ["XDG_CONFIG_HOME"] = str(HOME / "config")


def corpus_sources() -> list[str]:
    """The documents of the corpus truth: the folders of tests/truth/ with a tables.json (so not
    tests/truth/public/, the public held-out tables, whose layout is their own)."""
    return sorted(d.name for d in TRUTH.iterdir() if (d / "tables.json").is_file())


def truth_dir(source_id: str) -> Path:
    return TRUTH / source_id


def truth_table(source_id: str, table_id: str) -> list[list[str]]:
    with open(truth_dir(source_id) / f"{table_id}.csv", encoding="utf-8", newline="") as f:
        return [[c.strip() for c in row] for row in csv.reader(f)]


def truth_json(source_id: str, name: str):
    return json.loads((truth_dir(source_id) / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _publish_without_waiting_for_the_disk(request, monkeypatch):
    """Publishing fsyncs every file and folder before the swap (output/swap.py), a quarter of
    a second each time on this disk; tests publish dozens of times and none cuts the power.
    A test marked ``fsync`` (test_swap's, that every file and folder is flushed) keeps it,
    and so does a run of the command outside the test process."""
    if request.node.get_closest_marker("fsync") is None:
        from reportparse.output import swap

        monkeypatch.setattr(swap, "sync_tree", lambda folder: None)


@pytest.fixture(scope="session", autouse=True)
def _reading_loaded_once_per_process():
    """A run reads each document in a worker forked from the test process (run/workers.py),
    and a worker loads whatever reading needs that its parent has not loaded: the
    lemmatiser's Norwegian dictionary (a second of work), the grammar, the classifier's
    rules, the specs. The corpus web pages are read here once per test process, so that
    every worker a test forks inherits all of it instead of loading it again."""
    from reportparse.readers.document import read_document

    for page in sorted(RAW.glob("*.html")):
        read_document(page)


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


def _shared(tmp_path_factory) -> Path:
    """A folder that every process of this run of the suite shares (pytest-xdist's workers
    each have a folder of their own under it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def corpus_cache(tmp_path_factory) -> Path:
    """A cache folder that the run's one cold run over raw/ filled (see ``published``)."""
    folder = _shared(tmp_path_factory) / "corpus-cache"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def published(tmp_path_factory, corpus_cache):
    """The one cold pipeline run over raw/ of this run of the suite: its result and the
    published folder. Tests that only read results share it; its cache entries warm
    ``warm_cache``. The first process that needs it runs it and keeps it (pickled) in the
    shared folder; the others wait for it there and read it, instead of each reading the
    corpus again."""
    import fcntl
    import pickle

    from reportparse.run.pipeline import run

    shared = _shared(tmp_path_factory)
    kept = shared / "published.pickle"
    with open(shared / "published.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if kept.is_file():
            return pickle.loads(kept.read_bytes())
        out = shared / "published" / "extracted"
        result = run(RAW, out, cache_dir=corpus_cache)
        assert result.published, [f.describe() for f in result.failures] + [
            f"{o.file}: {o.message}" for o in result.failed_documents
        ]
        assert not any(o.cached for o in result.outcomes)  # cold: every document read
        kept.write_bytes(pickle.dumps((result, out)))
        return result, out


@pytest.fixture
def warm_cache(published, corpus_cache, tmp_path) -> Path:
    """A copy, for one test, of a cache that holds every corpus document already read: a test
    whose subject is not the reading of the corpus runs the pipeline over it at once."""
    target = tmp_path / "warm-cache"
    shutil.copytree(corpus_cache, target, ignore=shutil.ignore_patterns("runs"))
    return target


@pytest.fixture(scope="session")
def results(published):
    """DocumentResult per source_id."""
    result, _ = published
    return {r.source.source_id: r for r in result.results}


def one(obs: pd.DataFrame, **key) -> pd.Series:
    """The single observation with ``key``; unnamed dimensions are 'alle', the region '00'."""
    full = dict(region_code="00", gender="alle", group="alle", age_group="alle",
                education="alle", category="alle")  # fmt: skip
    full.update(key)
    mask = pd.Series(True, index=obs.index)
    for k, v in full.items():
        mask &= obs[k] == v
    rows = obs[mask]
    assert len(rows) == 1, (key, rows)
    return rows.iloc[0]


@pytest.fixture(scope="session")
def chart_pdf(tmp_path_factory):
    """``chart_pdf(kind, **options)``: the page of that chart kind that ``chartpdfs`` builds
    with matplotlib, made once per session for each set of options."""
    import chartpdfs

    folder = tmp_path_factory.mktemp("charts")
    made: dict[tuple, chartpdfs.Built] = {}

    def build(kind: str, **options) -> chartpdfs.Built:
        key = (kind, repr(sorted(options.items())))
        if key not in made:
            made[key] = getattr(chartpdfs, kind)(folder / f"{kind}-{len(made)}.pdf", **options)
        return made[key]

    return build


@pytest.fixture(scope="session")
def fuzz_document(tmp_path_factory):
    """``fuzz_document(seed, producer="weasyprint")``: the layout fuzzer's report of that seed
    printed by that producer, with its truth (``fuzz.Generated``; ``fuzz.score.score_pdf``
    reads and scores it), made once per session under a temporary folder. A producer that
    is not installed raises ``fuzz.Missing`` saying so in one line."""
    import fuzz

    folder = tmp_path_factory.mktemp("fuzz")
    made: dict[tuple[int, str], fuzz.Generated] = {}

    def build(seed: int, producer: str = "weasyprint") -> fuzz.Generated:
        if (seed, producer) not in made:
            made[seed, producer] = fuzz.generate(seed, producer, folder)
        return made[seed, producer]

    return build


def read_figures(path: Path) -> dict:
    """Every figure of a PDF as the PDF reader gives it (a ``Table`` of kind ``figure``), by
    table id."""
    from reportparse.model import ContentMode
    from reportparse.readers.pdf.content import read_content
    from reportparse.readers.pdf.pdffile import open_pdf, page_layouts

    pdf = open_pdf(path.read_bytes())
    try:
        layouts = page_layouts(pdf)
    finally:
        pdf.close()
    return {
        t.table_id: t for t in read_content(layouts, ContentMode.SPEC).tables if t.kind == "figure"
    }
