"""Norwegian numerals and sentences."""

from __future__ import annotations

import pytest

from reportparse.numbers import parse_number, quantities
from reportparse.sentences import split_sentences
from reportparse.textutil import join_lines


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
        (["arbeids-", "og utdanningsrettet"], "arbeids- og utdanningsrettet"),
        (["introduksjons-pro-", "gram,"], "introduksjons-program,"),
    ],
)
def test_join_lines_undoes_hyphenation(lines, joined):
    assert join_lines(lines) == joined
