"""All documents' observations into one set; disagreements into conflicts.

For one key the exact value beats an approximate one, then the newer
publication beats the older, then a printed table beats running text of the
same document, then document order decides. Every key with more than one
distinct value is reported as a conflict with every value seen, once per place it was read
(a document, page and locator): the same sentence printed twice is one value with two places.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Observation, Origin


@dataclass
class Conflict:
    key: tuple
    seen: list[Observation]  # every place a value was read, in the order of the rule, kept first
    kept_value: float
    kept_approximate: bool
    reason: str


def _rank(o: Observation, published: dict[str, str]) -> tuple:
    date = published.get(o.source_id, "") or "0000-00-00"
    inverted = tuple(-int(part) for part in date.split("-"))
    return (o.approximate, inverted, o.origin != Origin.TABLE, o.source_id, o.page or 0, o.locator)


def _reason(kept: Observation, other: Observation, published: dict[str, str]) -> str:
    if other.approximate and not kept.approximate:
        return "an exact value beats an approximate one"
    pk, po = published.get(kept.source_id, ""), published.get(other.source_id, "")
    if pk != po:
        return f"the newer publication ({pk or 'undated'}) beats the older ({po or 'undated'})"
    if kept.origin == Origin.TABLE and other.origin != Origin.TABLE:
        return "a printed table beats running text of the same publication"
    return "the first in document order is kept"


def ranked(
    observations: list[Observation], published: dict[str, str]
) -> dict[tuple, list[Observation]]:
    """Every key's observations in the order of the rule above: the one kept first."""
    groups: dict[tuple, list[Observation]] = {}
    for o in observations:
        groups.setdefault(o.key(), []).append(o)
    return {k: sorted(group, key=lambda o: _rank(o, published)) for k, group in groups.items()}


def merge(
    observations: list[Observation], published: dict[str, str]
) -> tuple[list[Observation], list[Conflict]]:
    groups = ranked(observations, published)
    kept: list[Observation] = []
    conflicts: list[Conflict] = []
    for key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
        group = groups[key]
        winner = group[0]
        kept.append(winner)
        distinct = {(round(o.value, 6), o.approximate) for o in group}
        if len({v for v, _ in distinct}) > 1:
            loser = next(o for o in group if round(o.value, 6) != round(winner.value, 6))
            conflicts.append(
                Conflict(
                    key=key,
                    seen=_places(group),
                    kept_value=winner.value,
                    kept_approximate=winner.approximate,
                    reason=_reason(winner, loser, published),
                )
            )
    return kept, conflicts


def _places(group: list[Observation]) -> list[Observation]:
    """Each value read at each place once: one observation per (value, approximate, source,
    page, locator), in the order of the rule."""
    seen: dict[tuple, Observation] = {}
    for o in group:
        place = (round(o.value, 6), o.approximate, o.source_id, o.page, o.locator)
        seen.setdefault(place, o)
    return list(seen.values())
