"""What every worker reads the same way, loaded once in the run's process before it forks
them: the workers share it, where each would load its own copy.

A cold ``extract`` forks a worker per document. Each worker used to load simplemma's
Norwegian dictionary (about 0.6 s of CPU), parse the spec files and pandera schemas and
compile the grammar's patterns for itself; a run loads them here once, only when a
document is to be read. Nothing here changes what is read: every loader is the cached
function the readers call. A spec file that cannot be loaded is left for the worker that
needs it, which fails its document with the spec's one-line error, as it did before.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..contract.vocabulary import dimension
from ..output.validation import schema
from ..specs.load import SpecError, classifier, families, spec_years, year_spec
from ..text.grammar import load_lemmas
from ..text.lemmas import use_folder
from .private import NotPrivate, default_cache_dir, private_folder

# validate_document_tables; output.frames.table_cells
WORKER_SCHEMAS = ("printed_table", "table_observations", "table_cells")
WORKER_DIMENSIONS = ("gender", "group")  # the spec schema's vocabularies
LEMMA_FOLDER = "lemmas"  # in the user's cache folder: simplemma's dictionary as a file


def lemma_folder() -> Path | None:
    """The private folder that keeps simplemma's dictionary as a file (text/lemmas.py), in
    the user's cache folder whatever ``--cache-dir`` or ``--no-cache`` say (it depends on no
    document: the libraries' versions name it); None where it cannot be had private."""
    try:
        return private_folder(default_cache_dir() / LEMMA_FOLDER, "lemma folder")
    except NotPrivate:
        return None


def before_fork() -> None:
    """Load what the workers share (see the module's docstring)."""
    use_folder(lemma_folder())
    load_lemmas()
    for name in WORKER_SCHEMAS:
        schema(name)
    # pandera imports and registers its backends at its first validation
    cells = schema("table_cells")
    cells.validate(pd.DataFrame(columns=list(cells.columns)), lazy=True)
    for name in WORKER_DIMENSIONS:
        dimension(name)
    try:
        classifier()
        for family in families():
            for year in spec_years(family.id):
                year_spec(family.id, year)
    except SpecError:  # the worker that needs it reports it
        pass
