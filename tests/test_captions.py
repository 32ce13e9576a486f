"""Captions are a grammar, and the grammar is data (``specs/captions.toml``): label words,
numbers, separators or none, "(forts.)" in its forms; a caption with no separator is a heading,
set apart by its font."""

from __future__ import annotations

import pytest

from reportparse.specs.captions import caption_grammar
from reportparse.text.printed import CAPTION


@pytest.mark.parametrize(
    ("line", "kind", "number", "continued", "bare"),
    [
        ("Tabell 2: Resultat per fylke", "Tabell", "2", False, False),
        ("Tabell 2. Resultat per fylke", "Tabell", "2", False, False),
        ("Tabell 2 – Resultat per fylke", "Tabell", "2", False, False),
        ("Tabell 2 - Resultat per fylke", "Tabell", "2", False, False),
        ("Tabell 2 Resultat per fylke i 2026", "Tabell", "2", False, True),
        ("Tab. 2-1 Resultat", "Tab.", "2-1", False, True),
        ("Table 2.1. Results by county", "Table", "2.1", False, False),
        ("Figur 3a Andel med overgang", "Figur", "3a", False, True),
        ("Fig. 3: Andel", "Fig.", "3", False, False),
        ("Diagram 4: Deltakere", "Diagram", "4", False, False),
        ("Figure 12 Share", "Figure", "12", False, True),
        ("Tabell 2 (forts.)", "Tabell", "2", True, False),
        ("Tabell 2 (fortsetter)", "Tabell", "2", True, False),
        ("Tabell 2 forts.", "Tabell", "2", True, False),
        ("Tabell 2 fortsatt", "Tabell", "2", True, False),
        ("Table 2 (continued)", "Table", "2", True, False),
        ("Tabell 2", "Tabell", "2", False, True),
    ],
)
def test_every_form_of_a_caption(line, kind, number, continued, bare):
    m = CAPTION.match(line)
    assert m is not None
    got = (m.group("kind"), m.group("num") + (m.group("sub") or ""))
    assert got == (kind, number)
    assert (m.group("continued") is not None, m.group("bare") is not None) == (continued, bare)


@pytest.mark.parametrize("line", ["Tabellen viser", "Figuren under", "Tabell: x", "Tab 2: x"])
def test_what_is_no_caption(line):
    assert CAPTION.match(line) is None


def test_the_label_words_name_a_table_or_a_chart():
    grammar = caption_grammar()
    assert [grammar.kind(w) for w in ("Tabell", "TAB.", "Table", "Diagram", "Fig.")] == [
        "tabell", "tabell", "tabell", "figur", "figur",
    ]  # fmt: skip
