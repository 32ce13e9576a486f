"""The numbers of one Nøkkeltall report, drawn by seed: the year, the counties in force in it,
the categories of the participation table, the three charts the spec maps and the key
figures of the running text.

Everything the report names comes from the project's data, not from this file: the years
the nøkkeltall specs cover (a seed draws one of them or the year after the newest), the
counties of ``schemas/regions.csv`` valid in that year, the categories a spec entry's
``every_category`` rule lists. Values are drawn freely; they need not be plausible, only
printed and recorded the same way.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from reportparse.contract.regions import all_regions
from reportparse.specs.load import spec_years, year_spec

FAMILY = "nokkeltall"
AGES = ["18-24 år", "25-30 år", "31-35 år", "36-40 år", "41-45 år", "46-50 år", "51-55 år"]
OLDEST = "56 år +"


@dataclass(frozen=True)
class Report:
    seed: int
    year: int
    published: tuple[int, int, int]  # day, month, year of "Utgitt"
    counties: list[str]  # in force in ``year``, in the order printed
    county_values: dict[str, tuple[int, int, int, int]]  # women, men, both, both a year before
    unknown_row: bool  # an "Ukjent" row before the national one
    national: tuple[int, int, int, int]
    national_name: str  # "Nasjonalt", "Hele landet", ...
    categories: list[str]  # the participation table's rows
    participants: list[tuple[int, int]]  # (year, N) for the three columns
    shares: dict[str, list[int]]  # category -> share per column
    gender_counts: dict[str, list[int]]  # "Kvinner"/"Menn" -> participants per column
    by_year: list[tuple[int, int, int]]  # (year, work, education) for six years
    groups: dict[str, tuple[int, int]]  # group -> (work, education)
    ages: list[tuple[str, int, int]]  # (age group, finishers, share)
    started: int
    finished: int
    ukraine: int
    extra: dict[str, int] = field(default_factory=dict)


def years() -> list[int]:
    """The years a seed may draw: those the specs cover and the year after the newest."""
    covered = list(spec_years(FAMILY))
    return [*covered, covered[-1] + 1]


def counties(year: int) -> list[str]:
    return [r.name for r in all_regions() if r.level == "county" and r.valid(year)]


def national_names() -> list[str]:
    country = next(r for r in all_regions() if r.level == "country")
    return [n for n in (country.name, *country.aliases) if n != "I alt"]


def categories(year: int) -> list[str]:
    """The categories of the spec's table whose completeness rule lists them."""
    spec = year_spec(FAMILY, max(y for y in spec_years(FAMILY) if y <= year))
    for entry in spec.table:
        for rule in entry.completeness or []:
            listed = rule.model_dump().get("categories")
            if listed:
                return list(listed)
    raise LookupError(f"no spec entry of {FAMILY} lists its categories")


def draw(seed: int) -> Report:
    rnd = random.Random(f"report:{seed}")
    year = rnd.choice(years())
    names = counties(year)
    if rnd.random() < 0.5:
        rnd.shuffle(names)
    values = {}
    for name in names:
        women, men = rnd.randint(15, 70), rnd.randint(25, 80)
        both = (women + men) // 2
        values[name] = (women, men, both, max(0, both + rnd.randint(-6, 6)))
    women, men = rnd.randint(30, 50), rnd.randint(45, 60)
    national = (women, men, (women + men) // 2, (women + men) // 2 + rnd.randint(-3, 3))
    cats = categories(year)
    cols = [year - 2, year - 1, year]
    participants = [(y, rnd.randint(8_000, 40_000)) for y in cols]
    shares = {c: [rnd.randint(1, 99) for _ in cols] for c in cats}
    gender = {"Kvinner": [n * rnd.randint(40, 60) // 100 for _, n in participants]}
    gender["Menn"] = [n - w for (_, n), w in zip(participants, gender["Kvinner"], strict=True)]
    by_year = [(y, rnd.randint(10, 45), rnd.randint(2, 35)) for y in range(year - 5, year + 1)]
    groups = {
        "Fordrevne fra Ukraina": (rnd.randint(30, 60), rnd.randint(1, 10)),
        "Øvrige flyktninggrupper": (rnd.randint(15, 40), rnd.randint(8, 25)),
    }
    ages = [(a, rnd.randint(300, 3_000), rnd.randint(25, 65)) for a in AGES]
    ages.append((OLDEST, rnd.randint(150, 900), rnd.randint(10, 30)))
    return Report(
        seed=seed,
        year=year,
        published=(rnd.randint(1, 28), rnd.randint(1, 12), year + 1),
        counties=names,
        county_values=values,
        unknown_row=rnd.random() < 0.5,
        national=national,
        national_name=rnd.choice(national_names()),
        categories=cats,
        participants=participants,
        shares=shares,
        gender_counts=gender,
        by_year=by_year,
        groups=groups,
        ages=ages,
        started=rnd.randint(5_000, 20_000),
        finished=rnd.randint(8_000, 16_000),
        ukraine=rnd.randint(10, 30) * 1000,
    )
