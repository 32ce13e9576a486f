"""The datasets of the published folder: their names, formats, primary and foreign keys."""

from __future__ import annotations

from ..mapping.programme_rules import DATASET as PROGRAMME_RULES
from ..model import KEY

# datasets that documents of some families yield (DocumentResult.datasets); always published
FAMILY_DATASETS = [PROGRAMME_RULES]
DATASETS = [
    "sources", "tables", "table_notes", "key_figures", "observations", "conflicts",
    *FAMILY_DATASETS,
]  # fmt: skip
PARQUET = {"key_figures", "observations", PROGRAMME_RULES}  # also written as Parquet
# the key of each dataset: unique in validation, primaryKey in datapackage.json
PRIMARY_KEYS = {
    "sources": ["source_id"],
    "tables": ["source_id", "table_id"],
    "table_notes": ["source_id", "table_id", "n"],
    "key_figures": ["source_id", "n"],
    "observations": list(KEY),
    "conflicts": list(KEY),
    PROGRAMME_RULES: ["source_id", "paragraph", "end_goal"],
}
SOURCE = (["source_id"], "sources", ["source_id"])
# the links between datasets, (columns, dataset, its columns): checked before publishing,
# foreignKeys in datapackage.json. Every conflict's key is an observation's: the kept value.
FOREIGN_KEYS = {
    "tables": [SOURCE],
    "table_notes": [(["source_id", "table_id"], "tables", ["source_id", "table_id"])],
    "key_figures": [SOURCE],
    "observations": [SOURCE],
    "conflicts": [
        (list(KEY), "observations", list(KEY)),
        (["kept_source_id"], "sources", ["source_id"]),
    ],
    PROGRAMME_RULES: [SOURCE],
}
