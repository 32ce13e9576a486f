"""Where the project's contract files live."""

from __future__ import annotations

import os
from pathlib import Path


def schemas_dir() -> Path:
    """``schemas/`` of the project: $REPORTPARSE_SCHEMAS, else the checkout the package runs from,
    else ``./schemas``."""
    env = os.environ.get("REPORTPARSE_SCHEMAS")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[2] / "schemas"
    if checkout.is_dir():
        return checkout
    return Path.cwd() / "schemas"
