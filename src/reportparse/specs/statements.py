"""``statements.toml``, the grammar of statistical statements, checked on load.

A part (who, what, population, complement) is a list of phrases over lemmas; a kind (an
accumulation, a change, a negation ...) marks a statement that is no year's value; a
statement rule names the indicator that a combination of parts states. Every name a rule
uses must be a part of that kind, every indicator one of ``schemas/indicators.csv``, every
phrase a regular expression that compiles; else the load fails naming file and key.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import Field, model_validator

from . import load
from .schema import Indicator, Pattern, Strict

FILE = "statements.toml"
PartKind = Literal["who", "what", "population", "complement", "linking"]
KINDS = ("who", "what", "population", "complement", "linking")


class Part(Strict):
    kind: PartKind
    id: str
    phrases: Annotated[list[Pattern], Field(min_length=1)]


class Kind(Strict):
    id: str
    part: Literal["who", "what", "when", "where"]  # the part that is missing for a year's value
    reason: str
    phrases: Annotated[list[Pattern], Field(min_length=1)]


class Statement(Strict):
    id: str
    indicator: Indicator
    who: str | None = None
    what: str | None = None
    population: str | None = None
    complement: str | None = None
    linking: str | None = None
    # the populations a clause may name for this statement besides the one it requires ("av
    # dem som avsluttet, gikk 45 prosent over til arbeid"); any other leaves it unclassified
    among: list[str] = Field(default_factory=list)

    def parts(self) -> dict[str, str]:
        """The parts this rule needs, by kind."""
        named = {k: getattr(self, k) for k in KINDS}
        return {k: v for k, v in named.items() if v is not None}


class Place(Strict):
    opening: Pattern
    national: list[Pattern] = Field(default_factory=list)
    elsewhere: list[Pattern] = Field(default_factory=list)


class When(Strict):
    relative_to_writing: list[Pattern] = Field(default_factory=list)
    own_year: Pattern = "(?!)"


class Grammar(Strict):
    keep: list[str] = Field(default_factory=list)
    when: When = When()
    place: Place
    says_nothing: list[Pattern] = Field(default_factory=list)
    part: Annotated[list[Part], Field(min_length=1)]
    kind: list[Kind] = Field(default_factory=list)
    statement: Annotated[list[Statement], Field(min_length=1)]

    @model_validator(mode="after")
    def _known_parts(self) -> Grammar:
        known = {(p.kind, p.id) for p in self.part}
        if len(known) != len(self.part):
            raise ValueError("a part id is given twice for one kind")
        for i, s in enumerate(self.statement):
            if not s.parts():
                raise ValueError(f"statement[{i}] ({s.id}) names no part")
            for kind, pid in s.parts().items():
                if (kind, pid) not in known:
                    raise ValueError(f"statement[{i}] ({s.id}): no {kind} part {pid!r}")
            for pid in s.among:
                if ("population", pid) not in known:
                    raise ValueError(f"statement[{i}] ({s.id}): no population part {pid!r}")
        if len({s.id for s in self.statement}) != len(self.statement):
            raise ValueError("a statement id is given twice")
        return self


@cache
def grammar() -> Grammar:
    """The grammar of ``statements.toml``."""
    return load._checked(Grammar, load._read(FILE), FILE)
