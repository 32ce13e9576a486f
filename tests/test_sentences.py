"""Key sentences in any wording: the grammar of statements (specs/statements.toml) on the
sentence truth (tests/truth/sentences.jsonl, a tuning and a held-out half), the issue's
sentences as exact values, the evidence columns and the region rule."""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from reportparse.contract import regions
from reportparse.model import Paragraph, ParagraphKind
from reportparse.specs import load, statements
from reportparse.specs.load import SpecError
from reportparse.text.keyfigures import find_key_figures

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import sentences as truth  # scripts/sentences.py: the measure make bench reports


def figures(*texts: str, year: int | None = None, heading: str = ""):
    """Key figures of paragraphs ``texts`` (after a heading, where given), as a page gives
    them: (expression, value, unit, approximate, indicator, years, region, rule, matched,
    missing)."""
    paragraphs = [Paragraph(None, heading, ParagraphKind.HEADING)] if heading else []
    paragraphs += [Paragraph(None, t, ParagraphKind.BODY) for t in texts]
    found = find_key_figures(paragraphs, year, find_regions=regions.county_names_in,
                             region_in=regions.county_in)  # fmt: skip
    return [
        (f.expression, f.value, str(f.unit), f.approximate, f.classification.indicator,
         f.classification.years, f.classification.region_code, f.classification.rule,
         f.classification.matched, f.classification.missing)
        for f in found
    ]  # fmt: skip


# ------------------------------------------------------------------ the sentence truth


def test_the_truth_has_two_fixed_halves_of_varied_sentences():
    rows = truth.load()
    sentences = [r["sentence"] for r in rows]
    assert len(set(sentences)) == len(sentences)
    batches = Counter((r.get("batch", truth.EARLIER), r["half"]) for r in rows)
    assert batches == {
        (truth.EARLIER, "tuning"): 289, (truth.EARLIER, "held-out"): 183,
        (3, "tuning"): 5, (3, "held-out"): 95, (4, "tuning"): 3, (4, "held-out"): 57,
        (5, "tuning"): 120, (6, "tuning"): 100, (7, "tuning"): 100,
        (8, "tuning"): 100, (9, "held-out"): 100,
    }  # fmt: skip
    rows = [r for r in rows if "batch" not in r]
    held_out = [r["sentence"] for r in rows if r["half"] == "held-out"]
    # two-clause sentences, accumulations, comparisons and non-figures in the held-out half
    assert sum(", mens " in s or s.startswith("Mens ") for s in held_out) == 5
    assert sum("Siden " in s or "siden 2016" in s for s in held_out) == 3
    assert sum("prosentpoeng" in s for s in held_out) == 3
    assert sum(r["figures"] == [] for r in rows if r["half"] == "held-out") == 13


def test_precision_and_recall_on_each_half():
    scores = truth.evaluate(batch=truth.EARLIER)
    tuning, held_out = scores["tuning"], scores["held-out"]
    # the tuning half's adversarial sentences (forecasts, differences, ranges, exclusions,
    # competing years ...) say nothing where the grammar cannot prove a figure: figures
    # left unclassified, and the numbers of a dashed range ("10 000–12 000") not read as
    # figures at all; never a wrong value
    assert [w.split(":")[0] for w in tuning.wrong] == [
        "2 000", "missed 10000 persons", "missed 12000 persons", "missed 40 percent",
        "missed 45 percent", "48 prosent", "9 000", "11 000", "9 000", "9 000", "11 000",
        "36 000", "40 prosent", "2 000", "11 000", "1 200", "900", "52 prosent", "20 000",
    ]  # fmt: skip
    assert all(" None (" in w or w.startswith("missed ") for w in tuning.wrong)
    # two held-out figures stay unclassified: "Resultatene varierer mellom fylkene, fra 39
    # prosent i Agder til 63 prosent i Troms i 2024" says no indicator in words ("51 prosent
    # av de som gikk ut av programmet" is read since "gå ut av" became a way to finish)
    # and "I 2023 gikk 48 prosent ...; året før var andelen 52 prosent": a year counted from
    # another that its own clause (a statement of its own after the semicolon) does not print
    assert [w.split(":")[0] for w in held_out.wrong] == ["39 prosent", "63 prosent", "52 prosent"]
    # "I 2022 avsluttet 9 000 personer programmet etter to år" is left unclassified: those
    # who finished after two years may be a part of all who finished; "Av de 11 000 som
    # startet i 2022, var 5 000 kvinner" is read (a count of one gender among starters)
    assert (tuning.right, tuning.given, tuning.truth) == (171, 171, 186)
    assert (held_out.right, held_out.given, held_out.truth) == (142, 142, 145)
    assert (tuning.precision, tuning.recall) == (1.0, 0.919)
    assert (held_out.precision, held_out.recall) == (1.0, 0.979)
    # no date, page number or phone number read as a key figure
    assert (tuning.matched_figures, tuning.found_figures) == (343, 343)
    assert (held_out.matched_figures, held_out.found_figures) == (198, 198)


def test_the_batches_written_before_the_rules_were_read():
    """Batch 3 after the rule changes its four wrong numbers (moved to tuning) called for;
    batch 4 after those changes: its three wrong numbers (a forecast, a difference with its
    year inside, 'andre flyktninger enn fordrevne fra Ukraina') moved to tuning, and the
    rules of modality, difference and exclusion they called for."""
    third = truth.evaluate(batch=3)
    assert (third["tuning"].right, third["tuning"].given, third["tuning"].truth) == (3, 3, 3)
    held_out = third["held-out"]
    assert (held_out.right, held_out.given, held_out.truth) == (75, 75, 76)
    assert (held_out.matched_figures, held_out.found_figures) == (99, 99)
    fourth = truth.evaluate(batch=4)
    held_out = fourth["held-out"]
    assert (held_out.right, held_out.given, held_out.truth) == (44, 44, 45)
    assert (held_out.matched_figures, held_out.found_figures) == (60, 60)
    assert [w.split(":")[0] for w in held_out.wrong] == ["10 prosent"]
    # its three wrong numbers, moved to the tuning half, now right: the forecast and the
    # difference unclassified, "andre flyktninger enn fordrevne fra Ukraina" the group ovrige
    tuning = fourth["tuning"]
    assert tuning.wrong == []
    assert (tuning.right, tuning.given, tuning.truth) == (1, 1, 1)


def test_batch_5_after_the_rules_it_called_for():
    """Batch 5 (120 sentences by a writer who had not read the rules) was scored once with
    the rules frozen at 065824f: 56 right of 63 given and 95 in the truth (precision 0.889,
    recall 0.589; key figures 120 / 121 / 123), seven wrong numbers (a shared 'med
    kollektiv beskyttelse' not given to the first of two coordinated counts, 'annen bakgrunn
    enn' not read as an exclusion, '41 mot 45 prosent' after a colon, 'fikk 3 700 av dem som
    avsluttet, jobb' as finishers, 'Nord-Norge' read as the country, 'Andre enn flyktninger'
    as participants) and 32 figures unclassified. Moved whole to the tuning half after that
    first contact, before any rule changed for it; these are its scores after the rules it
    called for (coordinated counts, exclusion by lemma, numbers set against each other, the
    object of "få", a place matched whole, a part of a whole), no evidence of how they
    generalise: no wrong number, the spurious 41 now 41 percent and left unclassified; and
    after the verbs, nouns and measures it used (omfatte, synke / stige til, ende på,
    deltakertall, nystartet, gå ut av, bli ferdig med, sysselsatt eller under utdanning,
    universitet / høyskole, grunnskole)."""
    fifth = truth.evaluate(batch=5)["tuning"]
    # and, after batch 7, "oppnådde 60,4 prosent målet om arbeid eller utdanning" (a goal
    # reached is a result) and "Av de 33 500 deltakerne i 2023 var 14 800 fordrevne fra
    # Ukraina" (the whole of a partitive is stated by its own words)
    assert (fifth.right, fifth.given, fifth.truth) == (73, 73, 95)
    assert (fifth.precision, fifth.recall) == (1.0, 0.768)
    assert (fifth.matched_figures, fifth.found_figures, fifth.truth_figures) == (121, 121, 123)
    assert all(" None (" in w or w.startswith("missed ") for w in fifth.wrong)


def test_batch_6_after_the_rules_it_called_for():
    """Batch 6 (100 sentences by a writer who had not read the rules), scored once with the
    rules frozen at 276f0b8 and left as measured: eight wrong numbers (a gender said by an
    adjective, "de mannlige deltakerne"; an age "55 år og over"; "blant øvrige" given the
    group of the clause before; "Holder vi personer med kollektiv beskyttelse utenfor", an
    exclusion after what it sets apart; a count at a date, "Ved utgangen av september 2024";
    the year of a publication date for the year of its count; "Fra juli til desember 2022",
    part of a year; an education named in a relative clause) and one spurious figure ("§§ 13
    og 14"): 51 right of 59 given and 81 in the truth (precision 0.864, recall 0.630; key
    figures 108 / 109 / 108). Moved whole to the tuning half after that first contact,
    before any rule changed for it; these are its scores after the stricter default and the
    general parts it called for (a count at a date or over part of a year, a publication
    date, words that name a dimension the number is given no value of, exclusion words that
    close their clause, "mannlig", "N år og over", "som hadde høyere utdanning", "blant
    øvrige", a labelled list), no evidence of how they generalise: no wrong number; and after
    the words it used, as lemmas (registrere, telle, vise, "ble fullført av", "Ut av
    programmet ... gikk", "sysselsatt rett etter", "ble valgt av", "var 30 200 i program", a
    count of one gender among starters or participants, the what of a clause before)."""
    sixth = truth.evaluate(batch=6)["tuning"]
    assert (sixth.right, sixth.given, sixth.truth) == (70, 70, 81)
    assert (sixth.precision, sixth.recall) == (1.0, 0.864)
    assert (sixth.matched_figures, sixth.found_figures, sixth.truth_figures) == (108, 108, 108)
    assert all(" None (" in w or w.startswith("missed ") for w in sixth.wrong)


def test_batch_7_after_the_rules_it_called_for():
    """Batch 7 (100 sentences by a writer who had not seen the rules), scored once with the
    rules frozen at 13ff394 and left as measured: two wrong numbers, each a rule's fault
    ("fikk 4 300 av sine 10 200 avsluttede deltakere over i arbeid" read "avsluttede" as what
    happened; "antallet som avsluttet året etter, var 7 100" took the sentence's year, not
    the year after it), and 23 figures unclassified. Moved whole to the tuning half after
    that first contact, before any rule changed for it; these are its scores after the
    general parts it called for (a participle before its noun names who is counted, a
    relative year resolved only against a year its own statement proves) and the words it
    used, as lemmas ("talte", "skrevet inn i", "var ferdige med", "tok utdanning", "sto
    for", a goal reached), no evidence of how they generalise."""
    seventh = truth.evaluate(batch=7)["tuning"]
    assert (seventh.right, seventh.given, seventh.truth) == (49, 49, 68)
    assert (seventh.precision, seventh.recall) == (1.0, 0.721)
    assert (seventh.matched_figures, seventh.found_figures, seventh.truth_figures) == (99, 99, 101)
    given_wrong = [w.split(":")[0] for w in seventh.wrong if " None (" not in w
                   and not w.startswith("missed ")]  # fmt: skip
    assert given_wrong == []


def test_batch_8_after_the_rules_it_called_for():
    """Batch 8 (100 sentences by a writer who had not seen the rules), scored once with the
    rules frozen at ba343a0 and left as measured: 61 right of 63 classified and 87 in the
    truth, two wrong numbers, each a rule's fault ("Utdanning ble neste steg for 1 480
    personer som avsluttet" read as the count of its population, finishers, for
    finishers_to_education; "Deltakere som fulgte introduksjonsloven" gave no category), and
    one spurious figure ("vedlegg 2"). Moved whole to the tuning half after that first
    contact, before any rule changed for it; these are its scores after the general parts it
    called for (a count stated by its population alone needs a clause that says nothing
    else, or a definite; every dimension's words, the category's too; references are no
    figures), no evidence of how they generalise."""
    eighth = truth.evaluate(batch=8)["tuning"]
    assert (eighth.right, eighth.given, eighth.truth) == (62, 62, 87)
    assert (eighth.precision, eighth.recall) == (1.0, 0.713)
    assert (eighth.matched_figures, eighth.found_figures, eighth.truth_figures) == (105, 105, 108)
    given_wrong = [w.split(":")[0] for w in eighth.wrong if " None (" not in w
                   and not w.startswith("missed ")]  # fmt: skip
    assert given_wrong == []


def test_a_count_stated_by_its_population_alone_needs_a_clause_that_says_nothing_else():
    """A relative clause ("som avsluttet") only describes who is counted: the number is that
    population's count where the rest of its clause, and a clause that goes on with it, say
    nothing else, or where a definite names the whole population; a subject or verb the
    grammar does not know may say what happened to them."""
    refused = "what: {} says what the number counts, which the grammar does not know; its " \
              "population alone does not"  # fmt: skip
    text = "Utdanning ble neste steg for 1 480 personer som avsluttet programmet i 2022."
    assert classified(text) == [
        ("1 480", "persons", None, [], "00", "alle", "alle", refused.format("Utdanning")),
    ]
    assert classified("Kurset samlet 900 personer som startet i programmet i 2022.") == [
        ("900", "persons", None, [], "00", "alle", "alle", refused.format("Kurset")),
    ]
    # the main verb in the clause after it: those who finished and then moved, not all
    assert classified("1 480 personer som avsluttet i 2022, flyttet til en annen kommune.") == [
        ("1 480", "persons", None, [], "00", "alle", "alle", refused.format("flyttet")),
    ]
    # nothing else said: the count of the population
    assert classified("Det var 11 300 personer som startet i programmet i 2022.") == [
        ("11 300", "persons", "starters", [2022], "00", "alle", "alle", ""),
    ]
    # a definite names the whole population, whatever is then said of it
    assert classified("De 1 480 personene som avsluttet i 2022, flyttet til Oslo.") == [
        ("1 480", "persons", "finishers", [2022], "00", "alle", "alle", ""),
    ]
    assert classified("Tallene gjelder de 9 120 deltakerne som avsluttet i 2019.") == [
        ("9 120", "persons", "finishers", [2019], "00", "alle", "alle", ""),
    ]


def test_every_dimension_names_its_words_and_the_act_a_programme_follows_is_read():
    """A category's words (the act, a measure) the number gets no value of leave it
    unclassified; "som fulgte introduksjonsloven" is the category read."""
    text = ("Deltakere som fulgte introduksjonsloven og avsluttet i 2022, hadde en overgang til "
            "arbeid eller utdanning på 58 prosent.")  # fmt: skip
    found = find_key_figures([Paragraph(None, text, ParagraphKind.BODY)], None)
    assert [(f.classification.indicator, f.classification.category) for f in found] == [
        ("share_work_or_education", "introduksjonsloven"),
    ]
    text = "I 2022 gikk 58 prosent av deltakerne med livsmestring over til arbeid."
    assert classified(text) == [
        ("58 prosent", "percent", None, [], "00", "alle", "alle",
         "who: it names category (livsmestring), and gives the number no value of it"),
    ]  # fmt: skip


def test_references_to_parts_of_a_document_are_no_figures():
    assert classified("Fylkestallene finner du i vedlegg 2, side 34–35.") == []
    assert classified("Se tabellene 3 og 4, sidene 10–12 og bilag 3 i kapittel 5.") == []
    assert classified("Tallene står i fotnote 7 og avsnitt 4.") == []


def test_a_participle_before_its_noun_names_who_is_counted_never_what_happened():
    """ "avsluttede" (simplemma: the verb "avslutte") describes the noun after it: the
    number counts those who finished, and what happened to them is the clause's verb."""
    assert classified("I 2021 gikk 3 000 avsluttede deltakere over i arbeid.") == [
        ("3 000", "persons", "finishers_to_work", [2021], "00", "alle", "alle", ""),
    ]
    assert classified("Det var 9 000 avsluttede deltakere i 2022.") == [
        ("9 000", "persons", "finishers", [2022], "00", "alle", "alle", ""),
    ]
    # the whole a partitive opens is a count of the population its own words name; what
    # happened in its clause is the part's
    text = "Blant 9 000 avsluttede deltakere i 2021 fikk 4 000 jobb."
    assert classified(text) == [
        ("9 000", "persons", "finishers", [2021], "00", "alle", "alle", ""),
        ("4 000", "persons", "finishers_to_work", [2021], "00", "alle", "alle", ""),
    ]
    # a whole after a possessive ("av sine 10 200") lends its clause's words to the part only
    text = "Programmet fikk 4 300 av sine 10 200 avsluttede deltakere over i arbeid i 2019."
    assert classified(text) == [
        ("4 300", "persons", "finishers_to_work", [2019], "00", "alle", "alle", ""),
        ("10 200", "persons", None, [], "00", "alle", "alle",
         "who: the whole a part is counted of (4 300 av sine 10 200)"),
    ]  # fmt: skip


def test_a_relative_year_resolves_only_against_a_year_its_own_clause_proves():
    """ "året etter" in the clause that lends a number its words is read, and counted from a
    year that statement prints, or, for a clause that compares with or merely continues the
    one before, from that one's; a statement of its own after "mens" or a semicolon that
    prints none is left unclassified."""
    missing = "when: a year counted from another (året etter), which its own clause does not print"
    text = "I 2021 startet 4 400 personer, mens antallet som avsluttet året etter, var 7 100."
    assert classified(text)[1] == ("7 100", "persons", None, [], "00", "alle", "alle", missing)
    text = "I 2021 startet 4 400 personer, og antallet som avsluttet året etter 2021, var 7 100."
    assert classified(text)[1][:4] == ("7 100", "persons", "finishers", [2022])
    assert classified("Året før 2020 deltok 30 000 i programmet.")[0][:4] == (
        "30 000", "persons", "participants", [2019])  # fmt: skip
    assert classified("I 2023 deltok 29 000 personer, mot 21 000 året før.")[1][:4] == (
        "21 000", "persons", "participants", [2022])  # fmt: skip
    assert classified("I 2020 deltok 20 000 i programmet, året før var tallet 30 000.")[1] == (
        "30 000",
        "persons",
        None,
        [],
        "00",
        "alle",
        "alle",
        missing.replace("etter", "før"),
    )


def test_years_apart_bounds_and_changes_by_a_number_are_no_level():
    """A year some years from another ("to år tidligere", "tiåret før"), a bound ("opptil",
    "minst"), more or fewer by a number: each is left unclassified, never given
    the year or the value the clause prints."""
    text = "I 2020 startet 5 000 personer, og to år tidligere deltok 28 000 i programmet."
    assert classified(text)[1] == ("28 000", "persons", None, [], "00", "alle", "alle",
                                   "when: a year counted some years from another, which the "
                                   "grammar does not count (to år tidligere)")  # fmt: skip
    assert classified("Opptil 5 000 deltakere startet i programmet i 2022.") == [
        ("5 000", "persons", None, [], "00", "alle", "alle",
         "what: a bound (at most, at least), not a value (Opptil 5 000)"),
    ]  # fmt: skip
    assert classified("Minst 5 000 deltakere startet i programmet i 2022.")[0][2] is None
    text = "I 2022 deltok 30 000 i programmet, og i 2021 var det færre med 2 000 deltakere."
    assert classified(text)[1] == ("2 000", "persons", None, [], "00", "alle", "alle",
                                   "what: a change, not a level (færre med 2 000)")  # fmt: skip


def test_a_status_some_have_or_a_time_before_they_finished_is_no_indicator():
    """A linking verb makes no indicator of a status some of them have ("i permisjon"), of a
    return ("på nytt"), or of work found before they finished."""
    text = "I 2022 var 2 000 deltakere i permisjon, mens 28 000 deltok i programmet."
    assert classified(text) == [
        ("2 000", "persons", None, [], "00", "alle", "alle",
         "who: a status some of them have (leave, absence, a placement) or a return, not the "
         "whole (permisjon)"),
        ("28 000", "persons", "participants", [2022], "00", "alle", "alle", ""),
    ]  # fmt: skip
    assert classified("I 2022 startet 11 000 personer programmet på nytt.")[0][2] is None
    assert classified("Tallet på nye deltakere var 12 500 i 2016.")[0][2] == "starters"
    assert classified("I 2022 gikk 3 000 ut i arbeid før de avsluttet.")[0][7] == (
        "what: a status during the programme, not the transition from it (før de avsluttet)"
    )


def test_a_goal_reached_is_a_result_a_goal_set_is_not():
    assert classified("I 2022 nådde 60 prosent målet om arbeid eller utdanning.") == [
        ("60 prosent", "percent", "share_work_or_education", [2022], "00", "alle", "alle", ""),
    ]
    text = "I 2022 nådde 10 av 15 fylker målet på 60 prosent."
    assert [f[2] for f in classified(text)] == [None, None]


def test_a_period_from_by_before_or_after_a_year_is_no_year_and_a_year_compared_with_is_not_its():
    for text in ("Fra og med 2021 har 30 000 deltatt i programmet.",
                 "Innen utgangen av 2022 hadde 30 000 deltatt.",
                 "Før 2020 deltok 30 000 i programmet."):  # fmt: skip
        assert classified(text)[0][2] is None
        assert classified(text)[0][7].startswith("when: a total or average over a period")
    assert classified("Året før 2020 deltok 30 000 i programmet.")[0][3] == [2019]
    assert classified("I 2022 startet like mange som i 2021, 11 000 personer.") == [
        ("11 000", "persons", "starters", [2022], "00", "alle", "alle", ""),
    ]


def test_subsets_ages_and_educations_said_in_other_words_leave_a_count_unclassified():
    for text, missing in [
        ("I 2022 startet 5 000 gutter i programmet.",
         "who: a subset the vocabulary has no value for (gutter)"),
        ("I 2022 startet 5 000 høyt utdannede i programmet.",
         "who: it names education (høyt utdannede), and gives the number no value of it"),
        ("I 2022 startet 5 000 personer med universitetsutdanning i programmet.",
         "who: it names education (med universitetsutdanning), and gives the number no value "
         "of it"),
    ]:  # fmt: skip
        assert classified(text) == [("5 000", "persons", None, [], "00", "alle", "alle", missing)]
    # an age printed after who it bounds is no count
    found = classified("I 2022 startet 5 000 deltakere under 25 i programmet.")
    assert found[1] == ("under 25", "persons", None, [], "00", "alle", "alle",
                        "who: an age, not a count (deltakere under 25)")  # fmt: skip


def test_never_and_without_negate():
    assert classified("I 2022 avsluttet 3 000 programmet uten å gå over til arbeid.") == [
        ("3 000", "persons", None, [], "00", "alle", "alle", "what: negated (uten å)"),
    ]
    assert classified("I 2022 kom 3 000 aldri i gang med programmet.")[0][7] == (
        "what: negated (aldri)"
    )


def test_a_verb_about_another_activity_than_the_programme_states_no_indicator():
    for text, words in [
        ("I 2022 begynte 3 000 å jobbe etter programmet.", "begynte 3 000 å jobbe"),
        ("I 2022 deltok 3 000 på kurs i livsmestring.", "kurs"),
        ("I 2022 startet 3 000 deltakere egen bedrift.", "egen bedrift"),
        ("I 2022 avsluttet 3 000 videregående opplæring.", "avsluttet 3 000 videregående"),
    ]:  # fmt: skip
        missing = f"what: an activity other than the programme ({words})"
        assert classified(text) == [("3 000", "persons", None, [], "00", "alle", "alle", missing)]
    text = "I 2022 avsluttet 3 000 programmet og begynte på videregående."
    assert classified(text)[0][2:4] == ("finishers", [2022])


def test_the_whole_a_partitive_opens_is_stated_by_its_own_words():
    """ "Av de 30 000 deltakerne i 2022 var 14 000 kvinner": the gender is the part's, never
    the whole's; a part of participants is no count of those who finished."""
    assert classified("Av de 30 000 deltakerne i 2022 var 14 000 kvinner.") == [
        ("30 000", "persons", "participants", [2022], "00", "alle", "alle", ""),
        ("14 000", "persons", "participants", [2022], "00", "kvinner", "alle", ""),
    ]
    assert classified("Av de 30 000 deltakerne i 2022 fikk 3 000 jobb.")[1][2] is None


def classified(text: str) -> list[tuple]:
    """(expression, unit, indicator, years, region, gender, group, missing) of each figure."""
    paragraphs = [Paragraph(None, text, ParagraphKind.BODY)]
    found = find_key_figures(
        paragraphs, None, find_regions=regions.county_names_in, region_in=regions.county_in
    )
    return [
        (f.expression, str(f.unit), f.classification.indicator, f.classification.years,
         f.classification.region_code, f.classification.gender, f.classification.group,
         f.classification.missing)
        for f in found
    ]  # fmt: skip


def test_a_group_after_parallel_coordinated_counts_is_every_counts():
    """Proved parallel (a count, a gender, "og", a count, the other gender), the group after
    the last is the first's too; with a place between them, nothing is proved."""
    text = "I 2023 avsluttet 400 kvinner og 350 menn med kollektiv beskyttelse programmet."
    assert classified(text) == [
        ("400", "persons", "finishers", [2023], "00", "kvinner", "ukraina", ""),
        ("350", "persons", "finishers", [2023], "00", "menn", "ukraina", ""),
    ]
    first = classified("I 2023 avsluttet 400 kvinner i Agder og 350 menn med kollektiv "
                       "beskyttelse programmet.")[0]  # fmt: skip
    # its clause names a group it is not proved to have: unclassified, never "alle"
    assert first == ("400", "persons", None, [], "00", "alle", "alle", "who: it names group "
                     "(kollektiv beskyttelse), and gives the number no value of it")  # fmt: skip


def test_exclusion_words_by_lemma_and_a_place_matched_whole():
    text = ("Blant deltakere med annet opphav enn fordrevne fra Ukraina var måloppnåelsen "
            "50 prosent i 2023.")  # fmt: skip
    assert classified(text) == [
        ("50 prosent", "percent", "share_work_or_education", [2023], "00", "alle", "ovrige", ""),
    ]
    assert classified("I Sør-Norge deltok 9 000 personer i programmet i 2022.") == [
        ("9 000", "persons", None, [], "00", "alle", "alle",
         "where: it names a place that is no county (I Sør-Norge)"),
    ]  # fmt: skip


def test_numbers_set_against_each_other_share_a_unit_and_no_year():
    why = ("who: numbers paired in order with years, groups or places, which the grammar "
           "does not pair (58 mot 54 prosent)")  # fmt: skip
    assert classified("Måloppnåelsen var høyere i 2023 enn i 2022: 58 mot 54 prosent.") == [
        ("58", "percent", None, [], "00", "alle", "alle", why),
        ("54 prosent", "percent", None, [], "00", "alle", "alle", why),
    ]


def test_the_object_of_get_after_its_population_and_a_part_of_a_whole():
    assert classified("I 2022 fikk 2 900 av dem som avsluttet, arbeid med en gang.") == [
        ("2 900", "persons", "finishers_to_work", [2022], "00", "alle", "alle", ""),
    ]
    assert classified("Personer med arbeidsinnvandring utgjorde 2 200 av deltakerne i 2022.") == [
        ("2 200", "persons", None, [], "00", "alle", "alle",
         "who: a part of a whole (2 200 av deltakerne), and no group, gender, age, education "
         "or category says which part"),
    ]  # fmt: skip


def test_verbs_and_nouns_by_lemma_in_wordings_the_truth_does_not_have():
    """Each inflection simplemma gives reads as its lemma: "steg til" as "stige til", "ble
    ferdige med" as "bli ferdig med"."""
    assert classified("Antallet deltakere steg til 21 000 i 2018.") == [
        ("21 000", "persons", "participants", [2018], "00", "alle", "alle", ""),
    ]
    assert classified("Deltakertallet endte på 20 100 i 2019.") == [
        ("20 100", "persons", "participants", [2019], "00", "alle", "alle", ""),
    ]
    assert classified("I 2017 gikk 5 000 deltakere ut av programmet.") == [
        ("5 000", "persons", "finishers", [2017], "00", "alle", "alle", ""),
    ]
    text = ("Av alle som ble ferdige med programmet i 2018, var 61 prosent sysselsatt eller "
            "under utdanning.")  # fmt: skip
    assert classified(text) == [
        ("61 prosent", "percent", "share_work_or_education", [2018], "00", "alle", "alle", ""),
    ]


def test_key_figure_precision_on_the_test_pages():
    """Every figure found on the saved pages is one their truth lists: no date, page number
    or phone number read as a figure."""
    assert truth.page_figures() == (84, 84)


def test_the_measure_counts_a_wrong_indicator_and_a_spurious_figure(tmp_path):
    """The score can fail: a truth that says starters for a finishers count, and one that
    lists no figure for a sentence that has one."""
    path = tmp_path / "sentences.jsonl"
    path.write_text(
        '{"half": "held-out", "sentence": "I 2019 avsluttet 9 870 personer '
        'introduksjonsprogrammet.", "figures": [["starters", 2019, "persons", 9870]]}\n'
        '{"half": "tuning", "sentence": "I 2021 startet 4 300 i programmet.", '
        '"figures": []}\n',
        encoding="utf-8",
    )
    scores = truth.evaluate(path)
    held_out, tuning = scores["held-out"], scores["tuning"]
    assert (held_out.right, held_out.given, held_out.truth, held_out.precision) == (0, 1, 1, 0.0)
    assert held_out.wrong == [
        "9 870: ('finishers', 2019, '00', 'alle', 'alle', 'alle', 'alle', 'alle'), expected "
        "('starters', 2019, '00', 'alle', 'alle', 'alle', 'alle', 'alle'): I 2019 avsluttet "
        "9 870 personer introduksjonsprogrammet."
    ]
    assert (tuning.found_figures, tuning.matched_figures, tuning.figure_precision) == (1, 0, 0.0)
    assert tuning.wrong == ["spurious 4 300 (persons): I 2021 startet 4 300 i programmet."]


def test_a_bad_truth_line_is_one_line(tmp_path):
    path = tmp_path / "sentences.jsonl"
    path.write_text('{"half": "test", "sentence": "x", "figures": []}\n', encoding="utf-8")
    with pytest.raises(ValueError) as err:
        truth.load(path)
    assert str(err.value) == "sentences.jsonl line 1: half must be one of tuning, held-out"
    path.write_text('{"half": "tuning", "batch": "3", "sentence": "x", "figures": []}\n',
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(ValueError) as err:
        truth.load(path)
    assert str(err.value) == "sentences.jsonl line 1: batch must be a whole number above 0"


# ------------------------------------------------------------------ the sentences


def test_participants_through_a_year_approximate():
    assert figures("Gjennom 2022 var rundt 18 000 personer med i introduksjonsprogrammet.") == [
        ("rundt 18 000", 18000, "persons", True, "participants", [2022], "00",
         "statement:participants-by-verb", "what=med i introduksjonsprogrammet; when=2022", ""),
    ]  # fmt: skip


def test_starters_counted_in_a_sentence_with_a_count_of_countries():
    sentence = ("Totalt 11 166 flyktninger fra 63 ulike land begynte i introduksjonsprogrammet "
                "i løpet av 2022.")  # fmt: skip
    assert figures(sentence) == [
        ("11 166", 11166, "persons", False, "starters", [2022], "00",
         "statement:starters-by-verb", "what=begynte; when=2022", ""),
    ]  # fmt: skip


def test_each_clause_of_two_gets_its_own_indicator():
    """'X started ..., while Y finished ...': the finishers are no starters."""
    assert figures("I 2022 startet 11 200 personer i introduksjonsprogrammet, mens 6 100 "
                   "avsluttet.") == [
        ("11 200", 11200, "persons", False, "starters", [2022], "00",
         "statement:starters-by-verb", "what=startet; when=2022", ""),
        ("6 100", 6100, "persons", False, "finishers", [2022], "00",
         "statement:finishers-by-verb", "what=avsluttet; when=2022", ""),
    ]  # fmt: skip
    assert [f[4] for f in figures("Mens 9 000 avsluttet programmet i 2019, startet bare "
                                  "4 200.")] == ["finishers", "starters"]  # fmt: skip


def test_a_count_since_2015_is_no_year_value():
    assert figures("Siden 2015 har over 60 000 flyktninger deltatt i introduksjonsprogrammet.",
                   year=2022) == [
        ("over 60 000", 60000, "persons", True, None, [], "00", "", "",
         "when: a total or average over a period, not one year (Siden)"),
    ]  # fmt: skip
    missing = [f[9] for f in figures(
        "Så langt i 2024 har 9 100 personer startet i introduksjonsprogram.",
        "I snitt startet 10 000 flyktninger i programmet per år fra 2015 til 2019.",
    )]  # fmt: skip
    assert missing == [
        "when: a total or average over a period, not one year (Så langt)",
        "when: a total or average over a period, not one year (fra 2015 til 2019)",
    ]


def test_a_comparison_in_points_is_left_alone_and_says_why():
    assert figures("Måloppnåelsen var 57 prosent i 2021, tre prosentpoeng lavere enn året "
                   "før.") == [
        ("57 prosent", 57, "percent", False, "share_work_or_education", [2021], "00",
         "statement:share-to-work-or-education", "what=Måloppnåelsen; when=2021", ""),
        ("tre prosentpoeng", 3, "percentage_points", False, None, [], "00", "", "",
         "what: a difference, not a level (lavere enn)"),
    ]  # fmt: skip


def test_no_phone_date_or_page_number_is_a_key_figure():
    assert (
        figures(
            "Kontakt oss på telefon 24 16 88 00 eller e-post post@imdi.no.",
            "Rapporten ble publisert 14. mars 2023.",
            "Side 4 av 18",
            "Ring 22 24 16 00 for spørsmål om statistikken for 2022.",
        )
        == []
    )


# ------------------------------------------------------------------ region by rule


def test_a_sentence_in_a_county_section_takes_the_county():
    assert figures("Her startet 640 personer i programmet i 2022.", heading="Rogaland") == [
        ("640", 640, "persons", False, "starters", [2022], "11",
         "statement:starters-by-verb",
         "what=startet; when=2022; where=Rogaland (its section or paragraph)", ""),
    ]  # fmt: skip


def test_a_paragraph_that_opens_with_a_county_is_about_it():
    found = figures(
        "I Agder startet 820 personer i introduksjonsprogrammet i 2022. Av dem som "
        "avsluttet i 2022, gikk 47 prosent over til arbeid eller utdanning."
    )
    assert [(f[0], f[4], f[6]) for f in found] == [
        ("820", "starters", "42"),
        ("47 prosent", "share_work_or_education", "42"),
    ]


def test_a_section_about_several_counties_never_falls_back_to_the_country():
    assert figures("Måloppnåelsen i fylket var 51 prosent i 2021.",
                   heading="Agder og Rogaland") == [
        ("51 prosent", 51, "percent", False, None, [], "00", "", "",
         "where: its section or paragraph names several regions (Agder, Rogaland)"),
    ]  # fmt: skip


def test_a_section_about_the_whole_country_is_national():
    found = figures("I 2021 avsluttet 410 personer programmet.",
                    heading="Nøkkeltall for hele landet")  # fmt: skip
    assert [(f[4], f[5], f[6]) for f in found] == [("finishers", [2021], "00")]


# ------------------------------------------------------------------ the grammar is data


def test_the_grammar_loads_and_names_every_part():
    g = statements.grammar()
    assert [s.indicator for s in g.statement][:2] == [
        "share_work_or_education",
        "share_education_upper_secondary",
    ]
    assert [k.id for k in g.kind] == [
        "accumulation", "years_apart", "bound", "age_bound", "range", "average", "change", "whole",
        "duration_subset", "respectively", "difference",
        "negated", "hypothetical", "other_measure", "during", "at_date", "compound_year", "subset",
        "status", "entitlement", "other_outcome", "other_activity", "narrower", "infinitive",
    ]  # fmt: skip
    assert [k.id for k in g.kind if k.scope == "sentence"] == [
        "hypothetical",
        "during",
        "other_outcome",
    ]


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            'indicator = "starters"',
            'indicator = "beginners"',
            "specs/statements.toml: statement[11].indicator: unknown indicator 'beginners'",
        ),
        (
            'what = "finish"',
            'what = "ending"',
            "specs/statements.toml: (top): statement[12] (finishers-by-verb): no what part "
            "'ending'",
        ),
        (
            "'\\bbli ta inn i\\b'",
            "'\\bbli ta (inn i\\b'",
            "specs/statements.toml: part[1].phrases[2]: not a valid regular expression",
        ),
    ],
    ids=["unknown-indicator", "unknown-part", "bad-phrase"],
)
def test_a_mistake_in_the_grammar_names_file_and_key(monkeypatch, old, new, error):
    shipped = (Path(statements.__file__).parent / "statements.toml").read_text(encoding="utf-8")
    assert old in shipped
    real = load._read
    monkeypatch.setattr(load, "_read", lambda p: tomllib.loads(shipped.replace(old, new, 1))
                        if p == statements.FILE else real(p))  # fmt: skip
    statements.grammar.cache_clear()
    try:
        with pytest.raises(SpecError) as err:
            statements.grammar()
    finally:
        statements.grammar.cache_clear()
    assert str(err.value).startswith(error)


def test_a_subject_with_a_verb_of_its_own_gets_nothing_from_the_subject_alone():
    """Who a number counts gives its indicator only with a linking verb."""
    found = figures("Det var 24 500 deltakere i 2022.",
                    "I 2021 ble 1 800 deltakere overført til en annen kommune.")  # fmt: skip
    assert [(f[4], f[7], f[8], f[9]) for f in found] == [
        ("participants", "statement:participants-by-subject",
         "who=deltakere; linking=var; when=2022", ""),
        (None, "", "", "what: deltakere with no verb the grammar knows"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ring 22 24 16 00 i dag.", [("22 24 16 00", "label")]),
        ("tlf. 900 12 345", [("900 12 345", "label")]),
        ("Side 4 av 18", [("4 av 18", "label")]),
        (
            "11 166 flyktninger fra 63 ulike land",
            [("11 166", "persons"), ("63 ulike land", "count")],
        ),
        (
            "fra 61 prosent i 2019 til 57 prosent i 2020",
            [
                ("61 prosent", "percent"),
                ("2019", "year"),
                ("57 prosent", "percent"),
                ("2020", "year"),
            ],
        ),
    ],
)
def test_numbers_that_are_no_figures(sentence, expected):
    """Phone and page numbers are labels, a count of countries a count, and a year before
    "til 57 prosent" a year, not a share."""
    from reportparse.text.quantities import quantities

    assert [(q.expression, str(q.unit)) for q in quantities(sentence)] == expected


# ------------------------------------------------------------------ what a clause cannot prove


def test_a_clause_after_mens_lends_nothing_to_the_number_before_it():
    assert figures("Antallet som begynte i 2020, var 5 100, mens antallet som avsluttet, var "
                   "8 300.") == [
        ("5 100", 5100, "persons", False, "starters", [2020], "00",
         "statement:starters-by-population", "population=som begynte; when=2020", ""),
        ("8 300", 8300, "persons", False, "finishers", [2020], "00",
         "statement:finishers-by-population", "population=som avsluttet; when=2020", ""),
    ]  # fmt: skip


def test_a_share_among_those_who_started_is_no_share_of_those_who_finished():
    assert figures("Av dem som begynte i 2021, gikk 30 prosent over til arbeid.") == [
        ("30 prosent", 30, "percent", False, None, [], "00", "", "",
         "who: counts among som begynte, which share-to-work is not about"),
    ]  # fmt: skip


def test_a_span_of_years_is_an_accumulation():
    assert figures("I årene 2016 til 2018 startet til sammen 30 000 personer i programmet.") == [
        ("30 000", 30000, "persons", False, None, [], "00", "", "",
         "when: a total or average over a period, not one year (årene 2016 til 2018)"),
    ]  # fmt: skip


def test_a_place_that_is_no_county_is_neither_the_country_nor_its_section():
    expected = [
        ("500", 500, "persons", False, None, [], "00", "", "",
         "where: it names a place that is no county (I Trondheim)"),
    ]  # fmt: skip
    sentence = "I Trondheim avsluttet 500 deltakere programmet i 2022."
    assert figures(sentence) == expected
    assert figures(sentence, heading="Trøndelag") == expected
    assert [f[9] for f in figures("I kommunen startet 90 personer i programmet i 2023.")] == [
        "where: it names a place that is no county (I kommunen)"
    ]


def test_had_links_a_count_only_as_its_object():
    # a count followed by another object ("fikk 11 000 deltakere 250 000 kroner") is not it
    text = "I 2022 fikk 11 000 deltakere 250 000 kroner i introduksjonsstønad."
    assert classified(text)[0][2] is None
    assert figures("I 2022 hadde 1 200 deltakere fravær fra programmet.",
                   "Programmet hadde i 2018 om lag 24 000 deltakere.") == [
        ("1 200", 1200, "persons", False, None, [], "00", "", "",
         "who: a status some of them have (leave, absence, a placement) or a return, not the "
         "whole (fravær)"),
        ("om lag 24 000", 24000, "persons", True, "participants", [2018], "00",
         "statement:participants-by-subject", "who=deltakere; linking=hadde; when=2018", ""),
    ]  # fmt: skip


def test_the_pattern_fallback_reads_other_clauses_only_for_a_clause_that_says_nothing():
    """A clause with a verb of its own the grammar does not know takes no indicator from
    the clause before it; one that says nothing of its own still does."""
    found = figures("I 2022 startet 11 000 i programmet, mens 2 000 ble overført til en annen "
                    "kommune.")  # fmt: skip
    assert [(f[0], f[4], f[7], f[9]) for f in found] == [
        ("11 000", "starters", "statement:starters-by-verb", ""),
        ("2 000", None, "", "what: no words say what the number counts"),
    ]
    found = figures("I 2021 var måloppnåelsen 52 prosent for kvinner, mens menn hadde 66 "
                    "prosent.")  # fmt: skip
    assert [(f[0], f[4], f[5], f[7]) for f in found] == [
        ("52 prosent", "share_work_or_education", [2021], "statement:share-to-work-or-education"),
        ("66 prosent", "share_work_or_education", [2021], "pattern:share_work_or_education"),
    ]


# ------------------------------------------------------------------ say nothing unproved


def _why(*texts: str) -> list[tuple[str, str | None, str]]:
    return [(f[0], f[4], f[9]) for f in figures(*texts)]


def test_a_forecast_a_plan_or_a_question_governs_its_whole_sentence():
    """Modality is a kind of sentence scope: the clause after "og at" is as much a forecast
    as the one "regner med" leads."""
    forecast = "what: a goal, plan, forecast, estimate, condition or question, not a result"
    assert _why("Vi regner med at 10 000 starter i 2026, og at 5 000 avslutter.",
                "Startet 11 000 personer i programmet i 2022?",
                "Dersom 8 000 starter i 2025, vil programmet ha over 30 000 deltakere.") == [
        ("10 000", None, f"{forecast} (regner med)"),
        ("5 000", None, f"{forecast} (regner med)"),
        ("11 000", None, f"{forecast} (?)"),
        ("8 000", None, f"{forecast} (vil)"),
        ("over 30 000", None, f"{forecast} (vil)"),
    ]  # fmt: skip


def test_the_size_of_a_difference_is_no_level():
    assert _why("Antallet deltakere var 4 000 lavere i 2019 enn i 2018.",
                "Menn hadde 10 prosent høyere måloppnåelse enn kvinner i 2022.") == [
        ("4 000", None, "what: a difference, not a level (4 000 lavere i 2019 enn)"),
        ("10 prosent", None,
         "what: a difference, not a level (10 prosent høyere måloppnåelse enn)"),
    ]  # fmt: skip
    # a number in brackets is the level of the words before it
    assert [(f[0], f[4], f[5]) for f in figures(
        "Også i 2021 har menn (61 prosent) høyere måloppnåelse enn kvinner (41 prosent).",
        "Antallet som startet i 2022 (11 000) var høyere enn i 2021 (9 000).",
    )] == [
        ("61 prosent", "share_work_or_education", [2021]),
        ("41 prosent", "share_work_or_education", [2021]),
        ("11 000", None, []),
        ("9 000", "starters", [2021]),
    ]  # fmt: skip


def test_a_value_set_apart_gives_its_complement_or_nothing():
    found = figures(
        "Blant andre flyktninger enn fordrevne fra Ukraina var måloppnåelsen 52 prosent i 2024.",
        "Bortsett fra fordrevne fra Ukraina startet 4 000 personer i programmet i 2023.",
    )
    assert [(f[0], f[4], f[5]) for f in found] == [
        ("52 prosent", "share_work_or_education", [2024]),
        ("4 000", "starters", [2023]),
    ]
    paragraphs = [Paragraph(None, "Bortsett fra fordrevne fra Ukraina startet 4 000 personer "
                            "i programmet i 2023.", ParagraphKind.BODY)]  # fmt: skip
    [f] = find_key_figures(paragraphs, None, find_regions=regions.county_names_in,
                           region_in=regions.county_in)  # fmt: skip
    assert f.classification.group == "ovrige"
    assert _why("Utenom Oslo deltok 20 000 personer i programmet i 2022.",
                "Blant alle deltakere, inkludert fordrevne fra Ukraina, var måloppnåelsen 50 "
                "prosent i 2023.") == [
        ("20 000", None, "where: it sets Oslo apart, and says not which region it counts"),
        ("50 prosent", None, "who: it sets Ukraina apart or names it within a whole, and "
                             "says not which group it counts"),
    ]  # fmt: skip


def test_competing_years_groups_or_places_leave_a_number_unclassified():
    assert _why(
        "I 2021 og 2022 startet 20 000 personer i programmet.",
        "Av dem som avsluttet i 2021, var 55 prosent i arbeid i 2022.",
        "I 2022 og 2023 var måloppnåelsen henholdsvis 55 og 58 prosent.",
        "I 2022 avsluttet 2 000 kvinner og menn fra Ukraina programmet.",
        "I 2022 deltok 1 200 personer fra Oslo i introduksjonsprogrammet i Bærum.",
    ) == [
        ("20 000", None, "when: a count for several years (2021+2022) is their sum, not "
                         "each year's"),
        ("55 prosent", None, "when: its clause names several years (2021, 2022), and none "
                             "is its own"),
        ("55", None, "who: numbers paired in order with years, groups or places, which the "
                     "grammar does not pair (henholdsvis)"),
        ("58 prosent", None, "who: numbers paired in order with years, groups or places, "
                             "which the grammar does not pair (henholdsvis)"),
        ("2 000", None, "who: it counts several values of gender together (kvinner og menn)"),
        ("1 200", None, "where: it names a county (Oslo) and a place that is no county (i "
                        "Bærum)"),
    ]  # fmt: skip


def test_a_comparison_with_nothing_named_is_not_dated():
    """ "mot 20 000 i rekordåret" compares with a year it does not name; "mot 40 prosent for
    kvinner" with a group, in the year of the clause it compares with."""
    found = figures(
        "I 2022 startet 11 000, mot 20 000 i rekordåret.",
        "Måloppnåelsen var 55 prosent for menn i 2022, mot 40 prosent for kvinner.",
    )
    assert [(f[0], f[4], f[5], f[9]) for f in found] == [
        ("11 000", "starters", [2022], ""),
        ("20 000", None, [], "when: it is what the clause before is compared with, and names "
                             "no year, group or place of its own"),
        ("55 prosent", "share_work_or_education", [2022], ""),
        ("40 prosent", "share_work_or_education", [2022], ""),
    ]  # fmt: skip


def test_subsets_by_duration_other_schemes_and_later_years_are_no_level():
    assert _why(
        "Rundt 1 000 deltakere var i programmet i mer enn tre år i 2023.",
        "I 2023 deltok 40 000 personer i opplæring i norsk og samfunnskunnskap.",
        "Ifølge SSB var 65 prosent av dem som avsluttet i 2021, i arbeid i november 2022.",
    ) == [
        ("Rundt 1 000", None, "who: a subset by how long they took part (i mer enn tre år)"),
        ("40 000", None, "who: a subject outside the data set (opplæring i norsk)"),
        ("65 prosent", None, "when: a count at a date or over part of a year, not the year's "
                             "value (november)"),
    ]  # fmt: skip
    # a date with its day is no year a statistic is of
    assert [(f[4], f[5]) for f in figures(
        "I 2020 startet 4 650 personer i programmet, viser tall publisert 15. april 2021."
    )] == [("starters", [2020])]  # fmt: skip


def test_ranges_averages_and_other_populations_are_no_level():
    assert _why(
        "Mellom 40 og 50 prosent av dem som avsluttet i 2022, gikk over til arbeid.",
        "Kommunene hadde gjennomsnittlig 55 deltakere i 2022.",
        "Blant dem som gikk over til arbeid i 2022, var 30 prosent kvinner.",
        "Av de 30 000 som kom til Norge i 2022, startet 11 000 i programmet.",
        "Ukrainske flyktninger utgjorde 9 000 av de 11 000 som startet i 2022.",
        "I 2022 var 45 prosent av deltakerne i arbeid mens de deltok i programmet.",
    ) == [
        ("40", None, "what: a range, not one value (Mellom 40 og 50)"),
        ("50 prosent", None, "what: a range, not one value (Mellom 40 og 50)"),
        ("55", None, "what: an average, a median or a figure per unit, not a count or share "
                     "of the whole (gjennomsnittlig)"),
        ("30 prosent", None, "who: counts among Blant dem som gikk over til arbeid, which no "
                             "statement in percent is about"),
        ("30 000", None, "who: counts among Av de 30 000 som kom, which no statement in "
                         "persons is about"),
        ("11 000", None, "who: counts among Av de 30 000 som kom, which starters-by-verb is "
                         "not about"),
        ("9 000", "starters", ""),
        ("11 000", None, "who: the whole a part is counted of (9 000 av de 11 000)"),
        ("45 prosent", None, "what: a status during the programme, not the transition from "
                             "it (mens de deltok)"),
    ]  # fmt: skip


def test_a_dashed_range_of_thousands_gives_no_piece_of_a_number():
    """ "10 000–12 000" is no "10" and no "000"."""
    from reportparse.text.quantities import quantities

    assert [(q.expression, str(q.unit)) for q in quantities("startet 10 000–12 000 personer")] == []
    assert [q.value for q in quantities("startet 10 000 personer og 2 500 kvinner")] == [
        10000, 2500,
    ]  # fmt: skip


# ------------------------------------------------------------------ the stricter default


def test_a_count_at_a_date_or_over_part_of_a_year_is_no_years_value():
    """A month, a date, a stock that "stands" in the programme or the end of a period that
    is no year's end make a count no year's value; a publication date is looked past, and
    its year is no statistic's."""
    why = "when: a count at a date or over part of a year, not the year's value"
    assert _why(
        "Ved utgangen av september 2024 sto 31 500 personer i programmet.",
        "Fra juli til desember 2022 startet 6 400 fordrevne fra Ukraina i programmet.",
        "I 2023 sto 28 000 personer i introduksjonsprogram.",
        "Per 15.03.2024 deltok 27 000 i programmet.",
        "Ved utgangen av 2023 var 26 000 personer i programmet.",
    ) == [
        ("31 500", None, f"{why} (september)"),
        ("6 400", None, f"{why} (juli)"),
        ("28 000", None, f"{why} (sto 28 000 personer i introduksjonsprogram)"),
        ("27 000", None, f"{why} (15.03.2024)"),
        ("26 000", None, f"{why} (Ved utgangen av 2023)"),
    ]  # fmt: skip
    assert [(f[0], f[4], f[5]) for f in figures(
        "Tallene ble publisert 14. juni 2024 og viser at 12 800 startet i programmet i 2023.",
        "Ved utgangen av 2022 hadde 6 500 personer avsluttet programmet det året.",
    )] == [("12 800", "starters", [2023]), ("6 500", "finishers", [2022])]  # fmt: skip


def test_a_dimension_named_and_not_read_leaves_a_number_unclassified():
    """Words that name an age, an education, a gender or a group give the number a value of
    it, or leave it unclassified: never the default "alle"."""
    assert classified(
        "I 2022 var 59 prosent av de mannlige deltakerne som avsluttet, i arbeid direkte etter "
        "programmet."
    ) == [("59 prosent", "percent", "share_work", [2022], "00", "menn", "alle", "")]
    assert [(f[0], f[4], f[5]) for f in figures(
        "Blant deltakere på 55 år og over som avsluttet i 2022, gikk 18 prosent over til "
        "arbeid eller utdanning."
    )] == [("18 prosent", "share_work_or_education", [2022])]  # fmt: skip
    found = find_key_figures([Paragraph(None, "Blant deltakere på 55 år og over som avsluttet "
                                        "i 2022, gikk 18 prosent over til arbeid eller "
                                        "utdanning.", ParagraphKind.BODY)], None)  # fmt: skip
    assert found[0].classification.age_group == "55+"
    assert _why(
        "Blant deltakere under 25 år som avsluttet i 2022, gikk 70 prosent over til arbeid.",
        "Av deltakerne uten utdanning fra hjemlandet gikk 30 prosent over til arbeid i 2022.",
        "Blant enslige mindreårige som avsluttet i 2022, gikk 60 prosent over til arbeid.",
        "I 2022 gikk 20 prosent av dem som avsluttet, over til heltidsarbeid.",
    ) == [
        ("70 prosent", None, "who: it names age_group (under 25 år), and gives the number no "
                             "value of it"),
        ("30 prosent", None, "who: it names education (uten utdanning), and gives the number "
                             "no value of it"),
        ("60 prosent", None, "who: a subset the vocabulary has no value for (enslige)"),
        ("20 prosent", None, "what: a narrower outcome than any indicator counts "
                             "(heltidsarbeid)"),
    ]  # fmt: skip


def test_exclusion_after_what_it_sets_apart_and_a_group_of_its_own_clause():
    assert classified(
        "Holder vi personer med kollektiv beskyttelse utenfor, var måloppnåelsen 52 prosent i "
        "2023."
    ) == [("52 prosent", "percent", "share_work_or_education", [2023], "00", "alle", "ovrige",
           "")]  # fmt: skip
    assert classified(
        "Mens 44 prosent av deltakerne fra Ukraina gikk over til arbeid i 2024, var andelen 39 "
        "prosent blant øvrige."
    ) == [
        ("44 prosent", "percent", "share_work", [2024], "00", "alle", "ukraina", ""),
        ("39 prosent", "percent", "share_work", [2024], "00", "alle", "ovrige", ""),
    ]
    found = find_key_figures([Paragraph(None, "Deltakere som hadde høyere utdanning fra "
                                        "hjemlandet, nådde en måloppnåelse på 65 prosent i "
                                        "2021.", ParagraphKind.BODY)], None)  # fmt: skip
    c = found[0].classification
    assert (c.indicator, c.education) == ("share_work_or_education", "høyere utdanning")


def test_the_numbers_of_a_labelled_list_are_no_figures():
    assert figures("Reglene i §§ 13 og 14 gjelder fra 1. januar 2026.",
                   "Se tabell 3, 4 og 5.") == []  # fmt: skip


def test_a_value_that_belongs_to_another_number_is_not_lent():
    """The noun of another count ("2 000 kvinner") and the words after a number up to a
    conjunction ("50 prosent for kvinner og") are that number's: the next number takes no
    value from them, and is left unclassified where its clause names the dimension."""
    assert _why(
        "I 2022 startet 2 000 kvinner, mens 1 500 avsluttet.",
        "I 2022 var måloppnåelsen 50 prosent for kvinner og 60 prosent totalt.",
    ) == [
        ("2 000", None, "who: names a subgroup (kvinner) that starters-by-verb does not count by"),
        ("1 500", None, "who: 2 000 kvinner is what another count counts, and its own words "
                        "say not which gender this one counts"),
        ("50 prosent", "share_work_or_education", ""),
        ("60 prosent", None, "who: it names gender (kvinner), and gives the number no value of "
                             "it"),
    ]  # fmt: skip
    # a population that frames the sentence is every clause's ("Blant fordrevne fra Ukraina")
    text = "Blant fordrevne fra Ukraina startet 5 000 i 2022, mens 3 000 avsluttet."
    assert classified(text)[1] == ("3 000", "persons", "finishers", [2022], "00", "alle",
                                   "ukraina", "")  # fmt: skip


def test_seasons_now_and_countries_of_origin_are_no_value():
    why = "when: a count at a date or over part of a year, not the year's value"
    assert _why(
        "Høsten 2022 deltok 25 000 personer i introduksjonsprogrammet.",
        "Våren 2023 startet 3 000 personer i programmet.",
        "I dag deltar om lag 30 000 personer i programmet.",
        "Blant deltakerne fra Kongo som avsluttet i 2022, gikk 50 prosent over til arbeid.",
        "Av de kongolesiske deltakerne som avsluttet i 2022, gikk 50 prosent over til arbeid.",
    ) == [
        ("25 000", None, f"{why} (Høsten)"),
        ("3 000", None, f"{why} (Våren 2023)"),
        ("om lag 30 000", None, f"{why} (I dag)"),
        ("50 prosent", None, "where: it names a place that is no county (deltakerne fra Kongo)"),
        ("50 prosent", None, "who: a subset the vocabulary has no value for (kongolesiske)"),
    ]  # fmt: skip


def test_subsets_by_time_taken_and_outcomes_no_indicator_counts():
    assert _why(
        "I 2022 gikk 40 prosent av dem som avsluttet, over til arbeid innen ett år.",
        "I 2022 avsluttet 9 000 personer programmet før tiden.",
        "I 2022 hadde 55 prosent av dem som avsluttet, jobb eller studieplass.",
        "I 2022 gikk 55 prosent over i arbeid, utdanning eller annen aktivitet.",
    ) == [
        ("40 prosent", None, "who: a subset by how long they took part (innen ett år)"),
        ("9 000", None, "who: a subset by how long they took part (før tiden)"),
        ("55 prosent", None, "what: an outcome listed with work or education that no "
                             "indicator counts (jobb eller studieplass)"),
        ("55 prosent", None, "what: an outcome listed with work or education that no "
                             "indicator counts (arbeid, utdanning eller annen aktivitet)"),
    ]  # fmt: skip


def test_a_value_the_vocabulary_does_not_have_leaves_a_figure_unclassified():
    assert _why(
        "Deltakere med videregående opplæring hadde en måloppnåelse på 60 prosent i 2022.",
        "Blant deltakere på 20-29 år som avsluttet i 2022, gikk 40 prosent over til arbeid.",
    ) == [
        ("60 prosent", None, "who: it names education videregående, which the vocabulary "
                             "(education_levels.csv) has no value for"),
        ("40 prosent", None, "who: it names age_group 20-29, which the vocabulary "
                             "(age_groups.csv) has no value for"),
    ]  # fmt: skip


def test_verbs_nouns_and_a_gender_among_starters_from_batch_6():
    assert _why(
        "36 400 programdeltakere ble registrert i løpet av 2024.",
        "Introduksjonsprogrammet ble fullført av 9 150 personer i 2016.",
        "Ut av programmet i 2015 gikk 9 800 deltakere.",
        "Av dem som startet i programmet i 2023, var 8 300 kvinner.",
        "Andelen som gikk til utdanning, var 18 prosent i 2021 og 15 prosent året etter.",
    ) == [
        ("36 400", "participants", ""),
        ("9 150", "finishers", ""),
        ("9 800", "finishers", ""),
        ("8 300", "starters", ""),
        ("18 prosent", "share_education", ""),
        ("15 prosent", "share_education", ""),
    ]
    assert [(f[0], f[5]) for f in figures(
        "Andelen som gikk til utdanning, var 18 prosent i 2021 og 15 prosent året etter."
    )] == [("18 prosent", [2021]), ("15 prosent", [2022])]  # fmt: skip
    assert classified("Av dem som startet i programmet i 2023, var 8 300 kvinner.") == [
        ("8 300", "persons", "starters", [2023], "00", "kvinner", "alle", ""),
    ]


def test_exclusion_words_that_open_or_follow_their_clause():
    assert _why(
        "I 2023 gikk 45 prosent over til arbeid, ukrainerne unntatt.",
        "Ukrainerne trukket fra var måloppnåelsen 55 prosent i 2023.",
    ) == [
        ("45 prosent", None, "who: it names group (ukrainerne), and gives the number no value "
                             "of it"),
        ("55 prosent", "share_work_or_education", ""),
    ]  # fmt: skip
    assert classified("Ukrainerne trukket fra var måloppnåelsen 55 prosent i 2023.")[0][6] == (
        "ovrige"
    )


def test_numbers_side_by_side_and_places_that_are_no_county():
    paired = ("who: numbers paired in order with years, groups or places, which the grammar "
              "does not pair (58 og 60)")  # fmt: skip
    assert _why(
        "For 2023 og 2024 var måloppnåelsen 58 og 60 prosent.",
        "I de fire største byene deltok 8 000 personer i 2023.",
        "Fylkene i nord hadde en måloppnåelse på 60 prosent i 2023.",
    ) == [
        ("58", None, paired),
        ("60 prosent", None, paired),
        ("8 000", None, "where: it names a place that is no county (byene)"),
        ("60 prosent", None, "where: it names a place that is no county (Fylkene i nord)"),
    ]


def test_a_status_after_the_programme_a_narrower_outcome_and_a_compound_year():
    after = "what: status some time after the programme, not the transition from it"
    assert _why(
        "Av dem som avsluttet i 2022, var 60 prosent i arbeid eller utdanning året etter.",
        "Andelen tidligere deltakere i arbeid var 60 prosent i 2022.",
        "I 2022 gikk 20 prosent over i arbeid i offentlig sektor.",
        "Av 2020-kullet var 60 prosent i arbeid eller utdanning i 2023.",
    ) == [
        ("60 prosent", None, f"{after} (i arbeid eller utdanning året etter)"),
        ("60 prosent", None, f"{after} (tidligere deltakere i arbeid)"),
        ("20 prosent", None, "what: a narrower outcome than any indicator counts (sektor)"),
        ("60 prosent", None, "when: a year inside a compound, which the grammar does not read "
                             "(2020-kullet)"),
    ]  # fmt: skip


def test_participants_in_work_and_an_outcome_of_both_are_no_transition():
    assert _why(
        "I 2022 var 4 000 deltakere i jobb.",
        "I 2022 var 40 prosent av deltakerne i arbeid.",
        "I 2022 gikk 1 500 til utdanning og 500 til begge.",
    ) == [
        ("4 000", None, "what: a status during the programme, not the transition from it (var "
                        "4 000 deltakere i jobb)"),
        ("40 prosent", None, "what: a status during the programme, not the transition from it "
                             "(var 40 prosent av deltakerne i arbeid)"),
        ("1 500", None, "what: a narrower outcome than any indicator counts (til begge)"),
        ("500", None, "what: a narrower outcome than any indicator counts (til begge)"),
    ]  # fmt: skip


def test_the_turn_of_the_year_is_a_date():
    why = "when: a count at a date or over part of a year, not the year's value"
    assert _why(
        "Ved årsslutt 2023 var 30 000 personer i programmet.",
        "Ved årets slutt var 30 000 personer i programmet i 2023.",
    ) == [("30 000", None, f"{why} (årsslutt)"), ("30 000", None, f"{why} (Ved årets slutt)")]


def test_numbers_set_against_each_other_inside_a_longer_clause():
    paired = ("who: numbers paired in order with years, groups or places, which the grammar "
              "does not pair (45 mot 62)")  # fmt: skip
    assert _why("Kvinner hadde lavere måloppnåelse enn menn i 2023, 45 mot 62 prosent.") == [
        ("45", None, paired),
        ("62 prosent", None, paired),
    ]
    assert _why("Menn over 55 hadde en måloppnåelse på 30 prosent i 2023.")[-1] == (
        "30 prosent", None, "who: it names age_group (Menn over 55), and gives the number no "
        "value of it")  # fmt: skip


def test_the_whole_of_the_country_a_part_is_counted_of():
    assert _why("I 2023 hadde Oslo 5 000 av landets 36 000 deltakere.")[1] == (
        "36 000",
        None,
        "who: the whole a part is counted of (5 000 av landets 36 000)",
    )


def test_a_possibility_a_condition_and_a_right_are_no_result():
    hypothetical = "what: a goal, plan, forecast, estimate, condition or question, not a result"
    assert _why(
        "Det kan ha vært 36 000 deltakere i 2023.",
        "Om 36 000 deltok i 2023, er det en rekord.",
        "I 2023 hadde 36 000 rett og plikt til å delta.",
    ) == [
        ("36 000", None, f"{hypothetical} (kan ha)"),
        ("36 000", None, f"{hypothetical} (Om)"),
        ("36 000", None, "what: a right, duty, application or offer, not what happened (rett og "
                         "plikt til)"),
    ]  # fmt: skip
    assert _why("Om lag 36 000 deltok i 2023.") == [("Om lag 36 000", "participants", "")]


def test_a_part_of_the_country_by_its_name():
    assert _why("I 2023 startet 500 personer på Sørlandet.") == [
        ("500", None, "where: it names a place that is no county (på Sørlandet)"),
    ]


def test_a_relative_clause_or_a_governing_verb_the_grammar_does_not_read_refuses():
    """A relative clause on the counted noun may narrow who is counted; a verb that governs
    what happened as its infinitive ("søkte om å delta") is what happened; a return ("for
    andre gang") and a time taken ("i kortere tid enn") count a subset."""
    assert classified("I 2022 startet 4 000 personer som hadde bodd i Norge i under ett år.") == [
        ("4 000", "persons", None, [], "00", "alle", "alle",
         "who: a relative clause (som hadde bodd i Norge i under ett år) may narrow who is "
         "counted, and the grammar does not read it"),
    ]  # fmt: skip
    assert classified("I 2022 søkte 4 000 personer om å delta i programmet.") == [
        ("4 000", "persons", None, [], "00", "alle", "alle",
         "what: what happened is governed by a verb the grammar does not read (I 2022 søkte "
         "4 000 personer om å delta)"),
    ]  # fmt: skip
    # a verb that says it happened governs nothing else: "lykkes ... å gå over i arbeid"
    text = "I 2022 lykkes 8 av 10 deltakere å gå over i arbeid."
    assert classified(text)[0][2:4] == ("share_work", [2022])
    assert classified("I 2022 startet 4 000 personer i programmet for andre gang.")[0][2:4] == (
        None, [],
    )  # fmt: skip
    text = "I 2022 deltok 4 000 personer i programmet i kortere tid enn to år."
    assert classified(text)[0][-1] == "who: a subset by how long they took part (i kortere tid)"
    # a purpose, a dimension in the relative clause and a first time are read
    assert classified("I 2022 startet 4 000 personer i programmet for å lære norsk.") == [
        ("4 000", "persons", "starters", [2022], "00", "alle", "alle", ""),
    ]
    text = "I 2022 startet 4 000 personer som hadde høyere utdanning."
    found = find_key_figures([Paragraph(None, text, ParagraphKind.BODY)], None)
    assert [(f.classification.indicator, f.classification.education) for f in found] == [
        ("starters", "høyere utdanning"),
    ]


def test_batch_9_as_first_scored():
    """Batch 9 (100 sentences by a writer who had not seen the rules), scored once with the
    rules frozen at 3258bbf and left as measured: one wrong number, a rule's fault ("Året
    etter at de gikk ut av programmet i 2022, var 62 prosent sysselsatt eller i utdanning",
    a status the year after, read as the transition of 2022), and 23 figures unclassified."""
    ninth = truth.evaluate(batch=9)["held-out"]
    assert (ninth.right, ninth.given, ninth.truth) == (50, 51, 73)
    assert (ninth.precision, ninth.recall) == (0.98, 0.685)
    assert (ninth.matched_figures, ninth.found_figures, ninth.truth_figures) == (101, 101, 103)
    given_wrong = [w.split(":")[0] for w in ninth.wrong if " None (" not in w
                   and not w.startswith("missed ")]  # fmt: skip
    assert given_wrong == ["62 prosent"]
