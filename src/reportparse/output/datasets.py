"""The datasets of the published folder: their names, formats and primary keys."""

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
    "observations": list(KEY),
    "conflicts": list(KEY),
    PROGRAMME_RULES: ["source_id", "paragraph", "end_goal"],
}
