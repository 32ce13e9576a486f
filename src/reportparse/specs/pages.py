"""The words of page furniture (``pages.toml``), checked when loaded."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class PageWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    contents_headings: list[str] = Field(min_length=1)  # over a table of contents

    def is_contents_heading(self, text: str) -> bool:
        words = {w.casefold() for w in self.contents_headings}
        return " ".join(text.split()).rstrip(":").casefold() in words


@cache
def page_words() -> PageWords:
    """The package's page words; a bad file fails naming the key."""
    text = resources.files("reportparse.specs").joinpath("pages.toml").read_text("utf-8")
    try:
        return PageWords(**tomllib.loads(text))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"specs/pages.toml: {where}: {first['msg']}") from None
