"""The grammar of captions (``captions.toml``), checked when loaded: label words, numbers,
separators or none, and the forms of "(forts.)". ``pattern`` is the one regular expression the
readers match a caption line with."""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .packaged import packaged


class CaptionGrammar(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    table: list[str] = Field(min_length=1)  # label words of a table
    figure: list[str] = Field(min_length=1)  # label words of a chart
    number: str  # a regular expression: the number
    letter: str  # a regular expression: the letter after a number
    separators: list[str]  # between number and text, spaces before them optional
    dashes: list[str]  # between number and text, with a space on either side
    continued: list[str]  # regular expressions: "(forts.)" in its forms

    @field_validator("number", "letter", "continued")
    @classmethod
    def _compiles(cls, value):
        for v in [value] if isinstance(value, str) else value:
            try:
                re.compile(v)
            except re.error as exc:
                raise ValueError(f"not a regular expression: {v!r} ({exc})") from None
        return value

    def kind(self, label: str) -> str:
        """ "tabell" or "figur": what a label word names."""
        words = {w.casefold() for w in self.table}
        return "tabell" if label.casefold() in words else "figur"

    def pattern(self) -> re.Pattern:
        """A caption line's beginning. Groups: ``kind`` the label word, ``num`` and ``sub``
        the number and its letter, ``continued`` a "(forts.)" form, ``bare`` where no separator
        follows the number (a heading: the reader decides by its font)."""
        words = sorted(self.table + self.figure, key=len, reverse=True)  # "Tab." before "Tabell"
        label = "|".join(re.escape(w) + ("" if w.endswith(".") else r"\b") for w in words)
        continued = "|".join(f"(?:{c})" for c in self.continued)
        punct = "".join(re.escape(s) for s in self.separators)
        dash = "".join(re.escape(d) for d in self.dashes)
        return re.compile(
            rf"^(?P<kind>{label})\s*(?<=\.|\s)(?P<num>{self.number})(?P<sub>{self.letter})?"
            rf"(?:\s*(?P<continued>{continued})|\s*[{punct}](?!\d)|\s+[{dash}](?=\s)"
            rf"|(?P<bare>\s+(?=\S)|\s*$))",
            re.I,
        )


@cache
def caption_grammar() -> CaptionGrammar:
    """The package's caption grammar; a bad file fails naming the key."""
    return packaged("captions.toml", CaptionGrammar)
