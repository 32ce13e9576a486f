"""Whether a printed line goes on from the one above (text/printed.py ``goes_on``): the
test the table readers use to join a wrapped stub's lines."""

from __future__ import annotations

import pytest

from reportparse.text.printed import goes_on


@pytest.mark.parametrize(
    ("upper", "lower", "expected"),
    [
        ("Variazione rimanenze prodotti in corso di lavor.,", "semilavorati e finiti", True),
        ("Opplæring i norsk og", "Samfunnskunnskap", True),  # a word that ends no label
        ("Da Consociate", "Altri", False),
        # an item's label begins an item of its own, whatever the case of its letter (an
        # income statement's "Altri" over "b) Proventi …" was read as one stub)
        ("Altri", "b) Proventi da titoli immobiliari", False),
        ("Ricavi", "(c) Altri ricavi", False),
        ("Proventi", "iv) Svalutazioni", False),
        ("Proventi", "b. Oneri", False),
        # but a line in lower case that is no label goes on, and so does a line after a comma
        ("Deltakere etter", "kjønn", True),
        ("Deltakere", "i program", True),
        ("Proventi diversi,", "b) dai precedenti", True),
    ],
)
def test_a_line_goes_on_by_its_case_unless_it_opens_with_an_item_label(upper, lower, expected):
    assert goes_on(upper, lower) is expected
