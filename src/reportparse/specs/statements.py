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

from ..contract import vocabulary
from . import load
from .schema import Indicator, Pattern, PublishedUnit, Strict

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
    # where its phrases are looked for: the number's own clause (with the clauses that lend
    # it their words), or the whole sentence (a forecast governs every clause it leads)
    scope: Literal["clause", "sentence"] = "clause"
    # whether it applies to a number in brackets, which belongs to the words before it: "menn
    # (61 prosent) høyere måloppnåelse enn kvinner" states the level of "menn"
    bracketed: bool = True
    # whether it applies to a number its own words date ("# i 2024"), which escapes a kind of
    # part "when" otherwise: a count at a date is no year's value, whatever year it prints
    dated_too: bool = False


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
    # the units whose figure printed for several years is each year's value ("2 prosent både
    # i 2024 og 2025"); a figure of any other unit printed for several years is their sum
    each_of_several_years: list[PublishedUnit] = Field(default_factory=list)
    # the date a text was published, updated or laid out ("publisert 14. juni 2024"): no date
    # its figures are counted at, looked past by the kinds of statement
    published: list[Pattern] = Field(default_factory=list)


class Exclusion(Strict):
    """Words that set a dimension's value apart ("andre flyktninger enn fordrevne fra
    Ukraina", "utenom Oslo"): a mention within ``words`` words after them is excluded, not
    counted; it gives its dimension the value ``complement`` names, where there is one."""

    phrases: list[Pattern] = Field(default_factory=list)
    words: int = 4
    complement: dict[str, dict[str, str]] = Field(default_factory=dict)
    including: list[Pattern] = Field(default_factory=list)  # set apart, with no complement
    # words that set apart the words before them, where they end their clause ("Holder vi
    # personer med kollektiv beskyttelse utenfor, var ...")
    closing: list[Pattern] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_values(self) -> Exclusion:
        for dim, pairs in self.complement.items():
            known = vocabulary.dimension(dim)
            for value in (*pairs, *pairs.values()):
                if value not in known:
                    raise ValueError(f"complement: {value!r} is no value of {dim}")
        return self


class Coordination(Strict):
    """What may stand between coordinated counts that share the words after the last."""

    conjunction: Pattern = "(?!)"


class PartOf(Strict):
    """A count of part of a whole ("1 800 av deltakerne"): a value only where a dimension
    says which part."""

    phrases: list[Pattern] = Field(default_factory=list)
    # the words before a number that is the whole of a partitive ("Av 2 800 avsluttede ...")
    whole_after: Pattern = "(?!)"


class Participle(Strict):
    """A verb's participle used as an adjective ("avsluttede", "innskrevne"): by the ending
    it is printed with, the adjective's base ending its lemma takes instead of the verb's."""

    endings: dict[Annotated[str, Field(pattern=r"^[a-zæøå]+$")], str] = Field(default_factory=dict)


class Grammar(Strict):
    keep: list[str] = Field(default_factory=list)
    participle: Participle = Participle()
    when: When = When()
    place: Place
    says_nothing: list[Pattern] = Field(default_factory=list)
    population_frame: list[Pattern] = Field(default_factory=list)
    population_definite: Pattern = "(?!)"
    counted_nouns: list[Pattern] = Field(default_factory=list)
    exclusion: Exclusion = Exclusion()
    part_of: PartOf = PartOf()
    coordination: Coordination = Coordination()
    # words that name a dimension, by dimension: a number they are said of must get a value
    dimension_words: dict[
        Literal["gender", "group", "age_group", "education", "category"], list[Pattern]
    ] = Field(default_factory=dict)
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
