"""Where the project's contract files live."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def schemas_dir() -> Path:
    """The contract folder: $REPORTPARSE_SCHEMAS where it is set (another contract to check
    against), else ``schemas/`` as shipped in the package (``reportparse.schemas``: the
    repository's ``schemas/`` in a checkout, its copy in an installed wheel)."""
    env = os.environ.get("REPORTPARSE_SCHEMAS")
    if env:
        return Path(env)
    return Path(resources.files("reportparse.schemas"))
