"""Norwegian numerals and sentences."""

from __future__ import annotations

import pytest

from reportparse.text.normalize import join_lines
from reportparse.text.quantities import parse_number, quantities
from reportparse.text.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("26 407", 26407),
        ("26\u00a0407", 26407),
        ("58,4", 58.4),
        ("95 %", 95),
        ("ni", 9),
        ("-11 %", -11),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def stats(sentence):
    return [
        (q.value, q.unit, q.approximate, q.expression)
        for q in quantities(sentence)
        if q.is_statistic
    ]


def test_persons_percent_and_points():
    assert stats("Av disse gikk 626 deltakere over, mens 416 (13 prosent) gikk til tiltak.") == [
        (626, "persons", False, "626"),
        (416, "persons", False, "416"),
        (13, "percent", False, "13 prosent"),
    ]
    assert stats("Dette er to prosentpoeng lavere enn i 2020.") == [
        (2, "percentage_points", False, "to prosentpoeng")
    ]


def test_shares_in_words_are_approximate():
    assert stats("I Troms går i overkant seks av ti over, i Agder i underkant tre av ti.") == [
        (60, "percent", True, "i overkant seks av ti"),
        (30, "percent", True, "i underkant tre av ti"),
    ]
    assert stats("Om lag to av tre har over to år.") == [
        (66.7, "percent", True, "Om lag to av tre")
    ]
    assert stats("Nesten halvparten gikk ut i arbeid.") == [
        (50, "percent", True, "Nesten halvparten")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Flyktninger fra i overkant av 80 land deltok.",
        "Programmet kan vare fra 3 måneder til 4 år.",
        "Etter tre måneder skal det utgjøre minst 15 timer i uken.",
        "Innvandrere fra og med 18 til og med 60 år har rett og plikt.",
        "SSB følger dem 1 år etter, og deretter 2, 3, 4, 5 år osv.",
        "Integreringsloven § 13.",
        "Prop. 81 L (2024–2025) Endringer i integreringsloven.",
        "Nye tall publiseres 24. juni 2024.",
        "I periode 1.1.2021 - 18.05.2023 og ISBN: 978-82-8246-198-6.",
        "Ledigheten økte som følge av covid-19 i 2020.",
        "Se Tabell 2 og Figur 7.",
    ],
)
def test_not_statistics(sentence):
    assert stats(sentence) == []


def test_decimals_without_unit_in_a_rate_sentence():
    s = "Sysselsettingsprosenten var på henholdsvis 62,5 og 58,4."
    assert stats(s) == [(62.5, "percent", False, "62,5"), (58.4, "percent", False, "58,4")]


def test_year_before_a_person_noun_is_a_count():
    assert stats("I 2022 avsluttet 2000 deltakere.") == [(2000, "persons", False, "2000")]


def test_split_sentences_keeps_abbreviations_and_dates():
    text = "Det gjelder f.eks. 24. oktober 2018. Neste setning har 4. måned. Siste."
    assert [s for _, s in split_sentences(text)] == [
        "Det gjelder f.eks. 24. oktober 2018.",
        "Neste setning har 4. måned.",
        "Siste.",
    ]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["Tall fra na-", "sjonalt register"], "Tall fra nasjonalt register"),
        (["perioden 2018-", "2021"], "perioden 2018-2021"),
        (["2013–", "2017"], "2013–2017"),
        (["2013 –", "2017"], "2013 – 2017"),
        (["arbeids-", "og utdanningsrettet"], "arbeids- og utdanningsrettet"),
        (["introduksjons-pro-", "gram,"], "introduksjons-program,"),
    ],
)
def test_join_lines_undoes_hyphenation(lines, joined):
    assert join_lines(lines) == joined


def measures(sentence):
    return [
        (q.value, q.unit, q.approximate, q.expression)
        for q in quantities(sentence)
        if not q.is_statistic
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("20. juni 2025", [(20250620, "date", False, "20. juni 2025")]),
        ("Loven gjelder fra 1. Januar 2026.", [(20260101, "date", False, "1. Januar 2026")]),
        ("Utgitt: 16.06.2026", [(20260616, "date", False, "16.06.2026")]),
        ("Læringsverksted 14. oktober", [(1014, "date_without_year", False, "14. oktober")]),
        ("29. februar 2024", [(20240229, "date", False, "29. februar 2024")]),
        ("31. februar 2025", [(31, "label", False, "31"), (2025, "year", False, "2025")]),
    ],
)
def test_a_date_is_one_quantity(sentence, expected):
    assert measures(sentence) == expected


def test_a_date_is_no_year_of_a_statistic():
    from reportparse.text.classify import Context, classify

    def classified(sentence):
        found = quantities(sentence)
        stats_only = [q for q in found if q.is_statistic]
        return classify(sentence, stats_only, found, 0, Context(year=2025))

    # a count on a day is no count over the year: said nothing, with the reason; a date in a
    # statement is a qualifier of time the grammar does not read as a year ("I året som
    # endte 31. desember 2026" is left unclassified rather than read by its day and month)
    why = "when: a count at a date or over part of a year, not the year's value"
    c = classified("Per 1. januar 2026 deltok 21 000 personer i introduksjonsprogram.")
    assert (c.indicator, c.missing) == (None, f"{why} (1. januar 2026)")
    c = classified("I året som endte 31. desember 2026, deltok 21 000 personer i programmet.")
    assert (c.indicator, c.missing) == (None, f"{why} (31. desember 2026)")
    c = classified("Tall publisert 2. mars 2027 viser at 21 000 personer deltok i 2026.")
    assert (c.indicator, c.years) == ("participants", [2026])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Innvandrere fra og med 18 til og med 60 år har rett og plikt",
            [(18, "years", False, "fra og med 18"), (60, "years", False, "til og med 60 år")],
        ),
        ("tilbud til innvandrere over 60 år", [(60, "years", False, "over 60 år")]),
        ("Hovedregelen for personer under 25 år", [(25, "years", False, "under 25 år")]),
        ("i om lag 3 år", [(3, "years", True, "om lag 3 år")]),
        ("minst 15 timer i uka i snitt", [(15, "hours_per_week", False, "minst 15 timer i uka")]),
        ("minst 12 timer per uke", [(12, "hours_per_week", False, "minst 12 timer per uke")]),
        ("8 timer/uke", [(8, "hours_per_week", False, "8 timer/uke")]),
        ("kurs på 40 timer", [(40, "hours", False, "40 timer")]),
        ("Snakk i 10 min.", [(10, "minutes", False, "10 min.")]),
        ("skal starte fra 4. måned", [(4, "month_number", False, "fra 4. måned")]),
        ("senest i 7. mnd.", [(7, "month_number", False, "7. mnd.")]),
        ("Etter 3 måneder i programmet", [(3, "months", False, "Etter 3 måneder")]),
        ("i 2. klasse", [(2, "ordinal", False, "2")]),
    ],
)
def test_ages_durations_hours_and_month_numbers_keep_their_bounds(sentence, expected):
    assert measures(sentence) == expected


def test_bounds_do_not_change_how_statistics_read():
    assert stats("over 60 personer og under 25 prosent") == [
        (60, "persons", True, "over 60"),
        (25, "percent", True, "under 25 prosent"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hver tredje gikk rett ut i arbeid.", [(33.3, "percent", True, "Hver tredje")]),
        ("Tre av ti menn gikk i arbeid.", [(30, "percent", True, "Tre av ti")]),
        ("Blant dem var nær 7 av 10 i arbeid.", [(70, "percent", True, "nær 7 av 10")]),
        ("Omkring 8 500 avsluttet.", [(8500, "persons", True, "Omkring 8 500")]),
        ("Drøyt 6 av 10 menn og vel 4 av 10 kvinner",
         [(60, "percent", True, "Drøyt 6 av 10"), (40, "percent", True, "vel 4 av 10")]),
        ("Av snaut 2 800 deltakere", [(2800, "persons", True, "snaut 2 800")]),
        ("i underkant av halvparten", [(50, "percent", True, "i underkant av halvparten")]),
        ("to tredjedeler gikk over", [(66.7, "percent", True, "to tredjedeler")]),
        ("55 pst. gikk direkte over", [(55, "percent", False, "55 pst.")]),
        ("Det er ett prosentpoeng lavere", [(1, "percentage_points", False, "ett prosentpoeng")]),
    ],
)  # fmt: skip
def test_numbers_in_words_and_approximate_words(sentence, expected):
    assert stats(sentence) == expected


def test_a_file_size_is_no_statistic():
    assert stats("Last ned rapporten (PDF, 1,8 MB)") == []
    assert measures("Last ned rapporten (PDF, 1,8 MB)") == [(1.8, "file_size", False, "1,8 MB")]


def test_a_numbered_caption_is_one_sentence():
    text = "Tabell 1. Resultater per fylke for de 5 480 som avsluttet. Neste setning."
    assert [s for _, s in split_sentences(text)] == [
        "Tabell 1. Resultater per fylke for de 5 480 som avsluttet.",
        "Neste setning.",
    ]
