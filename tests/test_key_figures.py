"""Key figures: recall and precision against the truth; classification of core statements."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import corpus_sources, truth_json

SOURCES = corpus_sources()


def _key(page, sentence, value, unit, approximate):
    return (page, sentence, round(float(value), 1), unit, bool(approximate))


def _statistics(figures):
    return Counter(
        _key(f.page, f.sentence, f.value, f.unit, f.approximate)
        for f in figures
        if f.unit in ("persons", "percent", "percentage_points")
    )


@pytest.mark.parametrize("source_id", SOURCES)
def test_key_figures_recall_and_precision_are_complete(results, source_id):
    expected = Counter(
        _key(t["page"], t["sentence"], t["value"], t["unit"], t["approximate"])
        for t in truth_json(source_id, "key_figures")
    )
    got = _statistics(results[source_id].key_figures)
    assert sorted((expected - got).elements()) == [], "missed"
    assert sorted((got - expected).elements()) == [], "spurious"


def _classified(figures, sentence_start, value):
    hits = [f for f in figures if f.sentence.startswith(sentence_start) and f.value == value]
    assert hits, (sentence_start, value)
    return [f.classification for f in hits]


def test_participants_sentence(results):
    figs = results["imdi-nokkeltall-2025"].key_figures
    for c in _classified(figs, "26 407 flyktninger deltok i introduksjonsprogram", 26407):
        assert (c.indicator, c.years) == ("participants", [2025])


def test_footnote_gives_finishers_per_year(results):
    figs = results["imdi-nokkeltall-2025"].key_figures
    start = "I 2024 avsluttet 15 755 personer, i 2023 avsluttet 11 381"
    got = {
        (f.value, c.indicator, tuple(c.years))
        for f in figs
        if f.sentence.startswith(start) and f.page == 5
        for c in [f.classification]
    }
    assert got == {
        (15755, "finishers", (2024,)),
        (11381, "finishers", (2023,)),
        (2757, "finishers", (2022,)),
        (3295, "finishers", (2021,)),
    }


def test_ukraine_group_shares(results):
    figs = results["imdi-nokkeltall-2025"].key_figures
    start = "Blant fordrevne fra Ukraina gikk 43 prosent"
    work = _classified(figs, start, 43)[0]
    edu = _classified(figs, start, 2)[0]
    assert (work.indicator, work.group, work.years) == ("share_work", "ukraina", [2025])
    assert (edu.indicator, edu.group, edu.years) == ("share_education", "ukraina", [2025])
    others = _classified(figs, start, 27)[0]
    assert (others.indicator, others.group) == ("share_work", "ovrige")


def test_gender_results(results):
    figs = results["imdi-nokkeltall-2025"].key_figures
    start = "Også i 2025 har menn høyere måloppnåelse"
    men, women = _classified(figs, start, 53)[0], _classified(figs, start, 38)[0]
    assert (men.indicator, men.gender) == ("share_work_or_education", "menn")
    assert (women.indicator, women.gender) == ("share_work_or_education", "kvinner")


def test_approximate_and_exact_in_one_sentence(results):
    figs = results["imdi-nokkeltall-2025"].key_figures
    start = "Om lag halvparten (45 prosent) av de som avsluttet introduksjonsprogram i 2025"
    found = sorted(
        (f.value, f.approximate, f.expression) for f in figs if f.sentence.startswith(start)
    )
    assert found == [(45.0, False, "45 prosent"), (50.0, True, "Om lag halvparten")]


def test_footnote_on_a_number_inherits_its_meaning(results):
    """Footnote 25 reads "12 716"; its marker is on "Om lag 13 000 ... avsluttet ... i 2025"."""
    fig = next(f for f in results["imdi-nokkeltall-2025"].key_figures if f.sentence == "12 716")
    c = fig.classification
    assert (fig.value, fig.approximate, c.indicator, c.years, c.group) == (
        12716, False, "finishers", [2025], "alle"
    )  # fmt: skip


def test_difference_is_not_a_level(results):
    fig = next(
        f for f in results["imdi-nokkeltall-2025"].key_figures if f.expression == "om lag 10 000"
    )
    assert fig.classification.indicator is None
