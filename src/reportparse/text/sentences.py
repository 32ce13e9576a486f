"""Sentence splitting for Norwegian report text."""

from __future__ import annotations

import re

ABBREVIATIONS = {
    "ca", "f.eks", "eks", "evt", "bl.a", "dvs", "jf", "jfr", "nr", "mnd", "osv", "mv", "m.m",
    "pr", "hhv", "ift", "inkl", "ekskl", "tlf", "kap", "prop", "st", "meld", "s", "o.l", "m.fl",
}  # fmt: skip
_NUMBERED = re.compile(r"^\s*(?:tabell|figur|tab|fig)\.?\s+\d{1,3}[a-z]?$", re.I)
_END = re.compile(r"[.!?](?:[»”\"')\]]*)\s+(?=[–—-]?\s*[«\"(]?[A-ZÆØÅ0-9–—])")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of a paragraph with their start offsets; abbreviations and ordinals
    ("24. oktober", "4. måned") do not end a sentence."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _END.finditer(text):
        head = text[start : m.start()]
        last_word = re.split(r"[\s(]", head)[-1].lower() if head else ""
        if last_word.rstrip(".") in ABBREVIATIONS:
            continue
        if re.fullmatch(r"\d{1,2}", last_word) and re.match(r"\s*[a-zæøå]", text[m.end() :]):
            continue
        if _NUMBERED.search(head):
            continue  # "Tabell 1. Resultater per fylke ..." is one caption
        piece = text[start : m.end()].strip()
        if piece:
            out.append((start + len(text[start:]) - len(text[start:].lstrip()), piece))
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append((start + len(text[start:]) - len(text[start:].lstrip()), tail))
    return out
