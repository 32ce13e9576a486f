"""How a seed prints its report: one choice per dimension of ``layout.toml``."""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

CHOICES_FILE = Path(__file__).with_name("layout.toml")


@cache
def choices() -> dict[str, tuple]:
    """Each dimension's choices, checked against the fields of ``Layout``."""
    data = tomllib.loads(CHOICES_FILE.read_text(encoding="utf-8"))["choices"]
    names = {f.name for f in fields(Layout)} - {"seed"}
    if set(data) != names:
        raise ValueError(
            f"{CHOICES_FILE.name}: dimensions {sorted(set(data) ^ names)} differ from Layout's"
        )
    return {k: tuple(v) for k, v in data.items()}


@dataclass(frozen=True)
class Layout:
    seed: int
    font: str
    table_label: str
    figure_label: str
    numbering: str
    separator: str
    caption_style: str
    table_caption: str
    figure_caption: str
    wrapped_captions: bool
    continued: str
    rules: str
    header_levels: int
    thousands: str
    decimals: int
    percent_space: str
    markers: str
    table_break: str
    repeat_header: bool
    running_head: str
    footer: str
    toc: str
    two_columns: bool
    landscape: str
    chart_period: str
    chart_groups: str
    chart_ages: str
    svg_drawing: str
    chart_embed: str
    counts_table: bool


def draw(seed: int) -> Layout:
    rnd = random.Random(f"layout:{seed}")
    return Layout(seed=seed, **{k: rnd.choice(v) for k, v in choices().items()})
