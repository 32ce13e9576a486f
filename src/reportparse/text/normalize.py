"""Whitespace and line-break handling shared by PDF and HTML text."""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
# a hyphen at a line break followed by one of these words is a real hyphen ("arbeids- og")
_KEEP_HYPHEN_BEFORE = {"og", "eller", "til", "som"}


def normalize_ws(text: str) -> str:
    """Collapse runs of whitespace (including no-break and thin spaces) to one space."""
    return _WS.sub(" ", text.replace("\xa0", " ").replace("\u202f", " ")).strip()


def join_lines(lines: list[str]) -> str:
    """Join printed lines into running text, undoing hyphenation at line breaks.

    "na-" + "sjonalt" gives "nasjonalt"; "2018-" + "2021" keeps its hyphen (and "2013–" +
    "2017" its en dash);
    "arbeids-" + "og" keeps the hyphen and the space.
    """
    out = ""
    for raw in lines:
        line = normalize_ws(raw)
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("–") and len(out) >= 2 and out[-2].isdigit() and line[0].isdigit():
            out += line  # a range of numbers broken after its en dash: "2013–" + "2017"
        elif out.endswith("-") and len(out) >= 2:
            before, first = out[-2], line[0]
            next_word = line.split(" ", 1)[0].rstrip(",.;:")
            if before.isdigit() and first.isdigit():
                out += line
            elif before.isalpha() and first.islower() and next_word not in _KEEP_HYPHEN_BEFORE:
                out = out[:-1] + line
            elif before.isalpha() and first.isalpha():
                out += " " + line
            else:
                out += line if before.isalpha() else " " + line
        else:
            out += " " + line
    return out


def slugify(text: str) -> str:
    """ASCII slug: "Avslutningsårsaker 2021" gives "avslutningsarsaker-2021"."""
    text = text.lower().replace("ø", "o").replace("æ", "ae").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
