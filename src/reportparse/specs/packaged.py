"""A data file the package ships in ``specs/`` (the caption grammar, the page words), read
into its pydantic model when first needed."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def packaged(name: str, model: type[M]) -> M:
    """``specs/<name>`` read into ``model``; a bad file fails (ValueError) naming the key."""
    text = resources.files("reportparse.specs").joinpath(name).read_text("utf-8")
    try:
        return model(**tomllib.loads(text))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"specs/{name}: {where}: {first['msg']}") from None
