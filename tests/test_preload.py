"""What the run loads before it forks its workers is all a worker would load for itself:
after ``before_fork``, reading a report and a web page loads no spec file, no pandera
schema and not simplemma's dictionary again. Run in a fresh interpreter, where nothing is
loaded yet, so that a loader left out of ``before_fork`` shows."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import RAW

pytestmark = pytest.mark.process  # whole processes: `make test` and CI run them

CODE = """
import sys
from pathlib import Path

import pandera.api.pandas.container as container
from simplemma.strategies.dictionaries import dictionary_factory

import reportparse.specs.load as load
from reportparse.run.pipeline import read_or_fail
from reportparse.run.preload import before_fork

if sys.argv[1] == "preload":
    before_fork()
loaded = []


def recorded(name, fn):
    def call(*args, **kwargs):
        loaded.append(name)
        return fn(*args, **kwargs)

    return call


dictionary_factory._load_dictionary_from_disk = recorded(
    "lemmas", dictionary_factory._load_dictionary_from_disk
)
load._read = recorded("spec", load._read)
container.DataFrameSchema.from_yaml = classmethod(
    recorded("schema", container.DataFrameSchema.from_yaml.__func__)
)
for name in sys.argv[2:]:
    print(read_or_fail(Path(name)).source.status)
print(sorted(set(loaded)))
"""
DOCUMENTS = [str(RAW / "imdi-nokkeltall-2025.pdf"), str(RAW / "imdi-nyhet-resultater-2023.html")]


def _loaded(mode: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CODE, mode, *DOCUMENTS], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_worker_loads_nothing_the_run_loaded_before_the_fork():
    assert _loaded("preload") == ["ok", "ok", "[]"]


def test_without_it_each_worker_loads_the_dictionary_specs_and_schemas():
    assert _loaded("none") == ["ok", "ok", "['lemmas', 'schema', 'spec']"]
