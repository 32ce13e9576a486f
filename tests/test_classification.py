"""Classification of key figures against its truth: precision first, then recall.

The truth gives, for every key figure of the corpus (``tests/truth/<source_id>/
classification.json``) and of each test page (``tests/pages/<name>.json``), the indicator,
year and dimensions it states, or null where it must not be classified. A figure
classified with anything else than its truth is wrong; one classified where the truth
says null is wrong too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reportparse.readers.document import read_document

from conftest import truth_dir, truth_json

PAGES = Path(__file__).parent / "pages"
DIMS = ("region_code", "gender", "group", "age_group", "education", "category")
CORPUS = [
    "imdi-nokkeltall-2025",
    "imdi-nyhet-resultater-2017",
    "imdi-nyhet-resultater-2023",
    "imdi-rapport-2021",
]


def _expected(e: dict | None) -> tuple | None:
    if e is None:
        return None
    years = e["year"] if isinstance(e["year"], list) else [e["year"]]
    return (e["indicator"], tuple(years), *(e[d] for d in DIMS))


def _given(c) -> tuple | None:
    if not c.indicator:
        return None
    return (c.indicator, tuple(c.years), *(getattr(c, d) for d in DIMS))


@dataclass
class Score:
    """Counts of a classification against its truth."""

    truth: int = 0  # figures the truth classifies
    given: int = 0  # figures classified
    right: int = 0  # classified as the truth says
    wrong: list = field(default_factory=list)  # (expression, given, expected)

    @property
    def precision(self) -> float:
        return round(self.right / self.given, 3) if self.given else 1.0

    @property
    def recall(self) -> float:
        return round(self.right / self.truth, 3) if self.truth else 1.0


def score(figures, truth: list[dict]) -> Score:
    """Each truth entry matched to the figure of its sentence, value and unit (and page), in
    order; figures the truth does not list count as given where they are classified."""
    pool = list(figures)
    out = Score()
    for t in truth:
        key = (t.get("page"), t["sentence"], float(t["value"]), t["unit"])
        hit = next(f for f in pool if (f.page, f.sentence, float(f.value), f.unit) == key)
        pool.remove(hit)
        expected, given = _expected(t["expected"]), _given(hit.classification)
        out.truth += expected is not None
        out.given += given is not None
        if given is not None and given == expected:
            out.right += 1
        elif given is not None:
            out.wrong.append((t["expression"], given, expected))
    for f in pool:
        if _given(f.classification) is not None:
            out.given += 1
            out.wrong.append((f.expression, _given(f.classification), None))
    return out


def test_every_corpus_key_figure_has_a_classification_truth():
    for source_id in CORPUS:
        truth = truth_json(source_id, "classification")
        figures = truth_json(source_id, "key_figures")
        assert [(t["sentence"], t["value"], t["page"]) for t in truth] == [
            (f["sentence"], f["value"], f["page"]) for f in figures
        ]
        assert all(t["expected"] is not None or t["why"] for t in truth)
    assert not (truth_dir("imdi-integreringsloven-slides-2025") / "classification.json").exists()


@pytest.mark.parametrize(
    ("source_id", "truth", "given", "right"),
    [
        ("imdi-nokkeltall-2025", 60, 60, 60),
        ("imdi-nyhet-resultater-2017", 11, 11, 11),
        ("imdi-nyhet-resultater-2023", 10, 10, 10),
        ("imdi-rapport-2021", 22, 22, 22),
    ],
)
def test_corpus_classification(results, source_id, truth, given, right):
    s = score(results[source_id].key_figures, truth_json(source_id, "classification"))
    assert s.wrong == []
    assert (s.truth, s.given, s.right) == (truth, given, right)


def test_corpus_classification_precision_and_recall(results):
    total = Score()
    for source_id in CORPUS:
        s = score(results[source_id].key_figures, truth_json(source_id, "classification"))
        total.truth, total.given, total.right = (
            total.truth + s.truth, total.given + s.given, total.right + s.right
        )  # fmt: skip
    assert (total.truth, total.given, total.right) == (103, 103, 103)
    assert (total.precision, total.recall) == (1.0, 1.0)


def page_truth(name: str) -> dict:
    return json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "truth", "given", "right"),
    [
        ("nyhet-2018", 19, 19, 19),
        ("nyhet-2020", 8, 8, 8),
        ("nyhet-fylker-2016", 12, 12, 12),
        ("statistikk-2019", 17, 17, 17),
        ("publikasjon-2022", 14, 14, 14),
        ("generisk-kommuner", 2, 2, 2),
    ],
)
def test_page_classification(name, truth, given, right):
    figures = read_document(PAGES / f"{name}.html").key_figures
    s = score(figures, page_truth(name)["key_figures"])
    assert s.wrong == []
    assert (s.truth, s.given, s.right, s.precision, s.recall) == (truth, given, right, 1.0, 1.0)


def test_a_wrong_classification_is_counted():
    """The score can fail: a truth that says another year for one figure counts it wrong."""
    truth = page_truth("nyhet-2018")["key_figures"]
    truth[5] = {**truth[5], "expected": {**truth[5]["expected"], "year": 2018}}  # 6 391: 2017
    s = score(read_document(PAGES / "nyhet-2018.html").key_figures, truth)
    assert s.wrong == [("6 391", ("finishers", (2017,), "00", *["alle"] * 5), (
        "finishers", (2018,), "00", *["alle"] * 5))]  # fmt: skip
    assert (s.precision, s.recall) == (0.947, 0.947)


def _classified(texts: list[str], year: int | None = 2021) -> list[tuple]:
    """(expression, indicator, years, gender, region) of the figures of some paragraphs."""
    from reportparse.contract.regions import county_in, county_names_in
    from reportparse.model import Paragraph, ParagraphKind
    from reportparse.text.keyfigures import find_key_figures

    paragraphs = [Paragraph(None, t, ParagraphKind.BODY) for t in texts]
    figures = find_key_figures(paragraphs, year, find_regions=county_names_in, region_in=county_in)
    return [
        (f.expression, c.indicator, c.years, c.gender, c.region_code)
        for f in figures
        for c in [f.classification]
    ]


def test_a_region_is_named_as_it_was_in_the_statements_year():
    assert _classified(["I 2021 hadde Viken en måloppnåelse på 50 prosent."]) == [
        ("50 prosent", "share_work_or_education", [2021], "alle", "30")
    ]
    assert _classified(["Troms hadde en måloppnåelse på 58 prosent."], 2019) == [
        ("58 prosent", "share_work_or_education", [2019], "alle", "19")
    ]
    # Viken did not exist in 2019, Sør-Trøndelag not in 2021: no region to give, so nothing
    assert _classified(["I 2019 hadde Viken en måloppnåelse på 50 prosent."]) == [
        ("50 prosent", None, [], "alle", "00")
    ]
    assert _classified(["Sør-Trøndelag hadde en måloppnåelse på 50 prosent."]) == [
        ("50 prosent", None, [], "alle", "00")
    ]


def test_a_back_reference_needs_one_meaning_to_refer_to():
    both = "31 prosent gikk til arbeid, og 24 prosent gikk til utdanning."
    assert _classified([both, "For menn var andelen 40 prosent."])[2] == (
        "40 prosent", None, [], "alle", "00"
    )  # fmt: skip
    one = "Blant kvinnene gikk 31 prosent til arbeid."
    assert _classified([one, "For menn var andelen 40 prosent."])[1] == (
        "40 prosent", "share_work", [2021], "menn", "00"
    )  # fmt: skip
    # a heading between them: the sentence after it refers to nothing
    from reportparse.model import Paragraph, ParagraphKind
    from reportparse.text.keyfigures import find_key_figures

    paragraphs = [
        Paragraph(None, one, ParagraphKind.BODY),
        Paragraph(None, "Menn", ParagraphKind.HEADING),
        Paragraph(None, "Andelen var 40 prosent.", ParagraphKind.BODY),
    ]
    assert find_key_figures(paragraphs, 2021)[1].classification.indicator is None


def test_a_statements_year_from_its_paragraph_heading_or_document():
    lead = "Tallene gjelder dem som avsluttet i 2019. Blant dem gikk 45 prosent til arbeid."
    assert _classified([lead], None)[0][1:3] == ("share_work", [2019])
    # "av dem": a part of a count the sentence before does not give
    lead = "Tallene gjelder dem som avsluttet i 2019. Av dem gikk 45 prosent til arbeid."
    assert _classified([lead], None)[0][1:3] == (None, [])
    assert _classified(["45 prosent gikk til arbeid."], None)[0][1:3] == (None, [])
    assert _classified(["I fjor gikk 45 prosent til arbeid."], None)[0][1:3] == (None, [])
    # "i fjor" counts from when it was written: a 2021 report written in 2022 means 2021, so
    # against the document's year alone it dates nothing (specs/statements.toml, [when])
    assert _classified(["I fjor gikk 45 prosent til arbeid."], 2021)[0][1:3] == (None, [])
    assert _classified(["I 2021 gikk 45 prosent til arbeid, mot 40 prosent i fjor."], None)[1][
        1:3
    ] == ("share_work", [2020])
    # a later sentence's year does not date an earlier one
    later = "Andelen i arbeid var 45 prosent. I 2019 var andelen 40 prosent."
    assert [f[1:3] for f in _classified([later])] == [
        ("share_work", [2021]), ("share_work", [2019])
    ]  # fmt: skip
