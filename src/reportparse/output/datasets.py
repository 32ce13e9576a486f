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
# the contract's vocabularies, published beside the datasets (vocabularies.py)
VOCABULARIES = [
    "indicators", "units", "regions", "genders", "groups", "age_groups", "education_levels",
    "categories",
]  # fmt: skip
PARQUET = {*DATASETS, *VOCABULARIES}  # every dataset is written as Parquet too
# the key of each dataset: unique in validation, primaryKey in datapackage.json
PRIMARY_KEYS = {
    "sources": ["source_id"],
    "tables": ["source_id", "table_id"],
    "table_notes": ["source_id", "table_id", "n"],
    "key_figures": ["source_id", "n"],
    "observations": list(KEY),
    "conflicts": [*KEY, "n"],
    PROGRAMME_RULES: ["source_id", "paragraph", "end_goal"],
    "indicators": ["id"],
    "units": ["id"],
    "regions": ["code"],
    "genders": ["id"],
    "groups": ["id"],
    "age_groups": ["id"],
    "education_levels": ["id"],
    "categories": ["id"],
}
SOURCE = (["source_id"], "sources", ["source_id"])
# each dimension's values, and the region a row names, from the vocabularies (a row of
# key_figures that is not classified has them empty, and so no link)
DIMENSION_LINKS = [
    (["region_code", "region_name"], "regions", ["code", "name"]),
    (["gender"], "genders", ["id"]),
    (["group"], "groups", ["id"]),
    (["age_group"], "age_groups", ["id"]),
    (["education"], "education_levels", ["id"]),
    (["category"], "categories", ["id"]),
]
# the links between datasets, (columns, dataset, its columns): checked before publishing,
# foreignKeys in datapackage.json. Every conflict's key is an observation's: the kept value.
FOREIGN_KEYS = {
    "tables": [SOURCE],
    "table_notes": [(["source_id", "table_id"], "tables", ["source_id", "table_id"])],
    "key_figures": [
        SOURCE,
        (["indicator"], "indicators", ["id"]),
        (["unit"], "units", ["id"]),
        *DIMENSION_LINKS,
    ],
    "observations": [
        SOURCE,
        (["indicator", "unit"], "indicators", ["id", "unit"]),
        (["unit"], "units", ["id"]),
        *DIMENSION_LINKS,
    ],
    "conflicts": [
        (list(KEY), "observations", list(KEY)),
        SOURCE,
    ],
    PROGRAMME_RULES: [SOURCE],
    "indicators": [(["unit"], "units", ["id"])],
}
