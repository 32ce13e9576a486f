"""The layout fuzzer's own invariants: a seed always makes the same document, its truth is
what was laid out, every dimension of layout.toml varies over the tuning seeds, a missing
producer says so in one line, and the scorer counts what it should. (Whether the engine
reads the seeds is not asked here.)"""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from dataclasses import asdict, fields

import pdfplumber
import pytest

from reportparse.model import KeyFigure, Table, TableKind, TableMethod, TableStatus

from fuzz import compose, html, layout, producers, report, score, seeds, truth

SEED = seeds.fast()[0]


def test_a_seed_makes_the_same_document_and_page_every_time(tmp_path):
    a = truth.truth(compose.compose(SEED))
    b = truth.truth(compose.compose(SEED))
    assert a == b
    html.render(compose.compose(SEED), tmp_path / "a")
    html.render(compose.compose(SEED), tmp_path / "b")
    assert (tmp_path / "a/report.html").read_bytes() == (tmp_path / "b/report.html").read_bytes()
    assert truth.truth(compose.compose(SEED + 1))["tables"] != a["tables"]


def test_the_fast_seed_is_laid_out_as_its_truth_says():
    doc = compose.compose(SEED)
    t = truth.truth(doc)
    assert t["document.json"]["year"] == 2026
    assert t["document.json"]["layout"]["thousands"] == "\u00a0"
    assert t["document.json"]["layout"]["markers"] == "asterisks"
    assert [m["table_id"] for m in t["tables.json"]] == ["tabell-1a", "tabell-1b", "tabell-2a"]
    assert [m["spec"] for m in t["tables.json"]] == ["deltakelse-i-tiltak", None, "resultat-fylker"]
    counties = t["tables"]["tabell-2a"]
    assert counties[:2] == [
        ["Fylker", "2026", "", "", "2025"],
        ["", "Kvinner", "Menn", "Begge kjønn", "Begge kjønn"],
    ]
    # every county in force in 2026 (schemas/regions.csv), then the country
    assert sorted(r[0] for r in counties[2:-1] if r[0] != "Ukjent") == sorted(report.counties(2026))
    assert len(report.counties(2026)) == 15
    assert counties[-1][0] in report.national_names()
    # the categories are the spec's, in its order
    assert [r[0] for r in t["tables"]["tabell-1a"][2:]] == report.categories(2026)
    assert t["figures"]["figur-2a"][0] == ["", "Arbeid", "Utdanning"]
    assert [r[0] for r in t["figures"]["figur-2a"][1:]] == [str(y) for y in range(2021, 2027)]
    # a count printed with a no-break space is one space in the truth
    participants = doc.report.participants[-1][1]
    first = t["key_figures.json"][0]
    assert first["value"] == participants
    assert first["expression"] == f"{participants // 1000} {participants % 1000:03d}"
    assert (first["unit"], first["approximate"], first["page"]) == ("persons", False, None)


def test_every_dimension_takes_every_choice_over_the_tuning_seeds():
    seen: dict[str, set] = {}
    for s in seeds.tuning():
        for k, v in asdict(layout.draw(s)).items():
            seen.setdefault(k, set()).add(v)
    for name, options in layout.choices().items():
        assert seen[name] == set(options), name
    assert {report.draw(s).year for s in seeds.tuning()} == set(report.years()) == {2025, 2026}
    kinds = Counter(f.kind for s in seeds.tuning() for f in compose.compose(s).figures)
    assert set(kinds) == {
        *layout.choices()["chart_period"],
        *layout.choices()["chart_groups"],
        *layout.choices()["chart_ages"],
    }


def test_layout_file_and_layout_fields_agree():
    assert set(layout.choices()) == {f.name for f in fields(layout.Layout)} - {"seed"}


def test_fresh_seeds_are_new():
    drawn = seeds.fresh(50)
    assert len(set(drawn)) == 50
    assert not set(drawn) & set(seeds.tuning())


@pytest.mark.parametrize(
    "producer",
    [
        "weasyprint",
        pytest.param("chromium", marks=pytest.mark.slow),
        pytest.param("libreoffice", marks=pytest.mark.slow),
    ],
)
def test_the_printed_pdf_holds_every_word_of_its_truth(fuzz_document, producer):
    """Every word of the truth's tables and sentences is a word of the PDF, and every chart
    label is printed (WeasyPrint sets an SVG's text without space glyphs: "2 999" is
    drawn as "2" and "999" a space apart, which a word walk reads as "2999")."""
    made = fuzz_document(SEED, producer)
    with pdfplumber.open(made.pdf) as pdf:
        words = {w for page in pdf.pages for x in page.extract_words() for w in x["text"].split()}
        compact = "".join("".join(page.extract_text().split()) for page in pdf.pages)
        pages = len(pdf.pages)
    t = truth.truth(made.document)
    wanted = {
        w for grid in t["tables"].values() for row in grid for cell in row for w in cell.split()
    }
    wanted |= {w for k in t["key_figures.json"] for w in k["sentence"].split()}
    assert wanted - words == set()
    labels = {"".join(c.split()) for grid in t["figures"].values() for row in grid for c in row}
    assert {c for c in labels if c not in compact} == set()
    assert pages == 8


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("chromium", "fuzzer producer chromium is missing: none of chromium, chromium-browser, "
                     "google-chrome on PATH"),
        ("libreoffice", "fuzzer producer libreoffice is missing: soffice (Debian's "
                        "libreoffice-writer-nogui) not on PATH"),
    ],
)  # fmt: skip
def test_a_missing_producer_says_so_in_one_line(monkeypatch, tmp_path, name, message):
    monkeypatch.setattr(shutil, "which", lambda _: None)
    with pytest.raises(producers.Missing) as err:
        producers.producer(name).print_pdf(tmp_path / "report.html", tmp_path / "out.pdf")
    assert str(err.value) == message


def test_missing_weasyprint_says_so_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(producers.Missing) as err:
        producers.producer("weasyprint").check()
    assert str(err.value) == (
        "fuzzer producer weasyprint is missing: the Python package weasyprint cannot be "
        "imported (import of weasyprint halted; None in sys.modules)"
    )


def test_an_unknown_producer_is_named():
    with pytest.raises(producers.Missing) as err:
        producers.producer("prince")
    assert str(err.value) == (
        "no fuzzer producer 'prince' (known: chromium, weasyprint, libreoffice)"
    )


def _table(tid: str, cells, spec=None, kind=TableKind.TABLE) -> Table:
    return Table(tid, None, [1], TableMethod.RULED_GRID, TableStatus.EXTRACTED, cells,
                 spec=spec, kind=kind)  # fmt: skip


def test_the_scorer_matches_by_spec_then_id_then_the_best_left():
    grid = [["Fylke", "2026"], ["Oslo", "45 %"], ["Agder", "40 %"]]
    wrong = [["Fylke", "2026"], ["Oslo", "45 %"], ["Agder", "4 %"]]
    counts = [["Kjønn", "2026"], ["Kvinner", "1 200"], ["Menn", "1 300"]]
    found = [_table("tabell-9", wrong, "resultat-fylker"), _table("tabell-2", grid)]
    metas = [
        ({"table_id": "tabell-2", "spec": "resultat-fylker"}, TableKind.TABLE, grid),
        ({"table_id": "tabell-3", "spec": None}, TableKind.TABLE, counts),
        ({"image_id": "figur-1", "spec": "overgang-ar"}, TableKind.FIGURE, grid),
    ]
    got = [(s.matched_by, s.found_id, s.accuracy) for s in score.match(metas, found)]
    # the county table by its spec entry (one cell wrong), the count table by the best
    # table left (only its "2026" agrees), the chart by nothing
    assert got == [("spec", "tabell-9", 5 / 6), ("best", "tabell-2", 1 / 6), ("none", "", 0.0)]


def test_key_figures_match_once_each_and_the_rest_are_false():
    truth = [
        {"value": 26407, "unit": "persons", "approximate": False},
        {"value": 50, "unit": "percent", "approximate": True},
    ]
    found = [
        KeyFigure(1, "26 407 deltok.", "26 407", 26407, "persons", False),
        KeyFigure(5, "26 407 deltok.", "26 407", 26407, "persons", False),
        KeyFigure(3, "Side 3 av 7", "3 av 7", 42.857, "percent", True),
        KeyFigure(4, "Om lag halvparten", "Om lag halvparten", 50, "percent", True),
    ]
    assert score.key_figures(truth, found) == (
        2,
        ["'26 407' (26407 persons): 26 407 deltok.", "'3 av 7' (42.857 percent): Side 3 av 7"],
    )


def test_every_tuning_seed_has_a_truth_of_the_shape_it_printed():
    for s in seeds.tuning():
        doc = compose.compose(s)
        t = truth.truth(doc)
        for meta in t["tables.json"]:
            grid = t["tables"][meta["table_id"]]
            assert {len(r) for r in grid} == {meta["n_cols"]}, (s, meta["table_id"])
            assert len(grid) == meta["n_rows"]
        counties = next(g for m, g in zip(t["tables.json"], t["tables"].values(), strict=True)
                        if m["spec"] == "resultat-fylker")  # fmt: skip
        header = next(m["header_rows"] for m in t["tables.json"] if m["spec"] == "resultat-fylker")
        stubs = [r[0] for r in counties[header:]]
        assert set(stubs[:-1]) - {"Ukjent"} == set(report.counties(doc.report.year)), s
        for f in doc.figures:
            grid = t["figures"][f.table_id]
            assert len(grid) == len(f.categories) + 1
            assert {len(r) for r in grid} == {len(f.series) + 1}
            # a label prints the value its bar or point is drawn to
            for labels, values in zip(f.labels, f.values, strict=True):
                for label, value in zip(labels, values, strict=True):
                    number = "".join(label.replace("%", "").split()).replace(",", ".")
                    assert float(number) == pytest.approx(value), (s, f.table_id, label)
        for k in t["key_figures.json"]:
            assert k["expression"] in k["sentence"]
