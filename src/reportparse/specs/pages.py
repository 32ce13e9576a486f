"""The words of page furniture (``pages.toml``), checked when loaded."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from .packaged import packaged


class PageWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    contents_headings: list[str] = Field(min_length=1)  # over a table of contents

    def is_contents_heading(self, text: str) -> bool:
        words = {w.casefold() for w in self.contents_headings}
        return " ".join(text.split()).rstrip(":").casefold() in words


@cache
def page_words() -> PageWords:
    """The package's page words; a bad file fails naming the key."""
    return packaged("pages.toml", PageWords)
