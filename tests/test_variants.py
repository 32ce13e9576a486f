"""Tables as Norwegian public reports print them, read cell by cell by one engine: no rules,
horizontal rules only, ruled grids; captions over and under; wrapped stubs and header cells;
tables over page breaks; the header forms and missing-value symbols of Statistics Norway;
wide and turned pages. Each variant is a report the tests print (``variants.py``)."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4, landscape

from reportparse.output.frames import table_record
from reportparse.readers.document import read_document

import pdfs
import variants as V

WRAP3 = "Opplæring i\nnorsk og\nsamfunnskunnskap"
MISSING = V.county_rows(2026)
for (r, c), symbol in zip(
    [(0, 1), (1, 2), (2, 3), (3, 4), (4, 1), (5, 2), (6, 3)],
    ["–", "-", "..", "...", ":", "x", "*"],
    strict=True,
):
    MISSING[r][c] = symbol
FORMS = [
    V.county_table(heads=["Fylke", "2026 Kvinner", "2026 Menn", "2026 Totalt", "2025 Totalt"],
                   national="Norge", caption="Tabell 2: Resultat per fylke (Norge)"),
    V.county_table(heads=["Fylke", "Kvinner 2026", "Menn 2026", "Alle 2026", "Alle 2025"],
                   national="Landet", caption="Tabell 3: Resultat per fylke (Landet)"),
    V.county_table(heads=["Fylke", "Kvinner 2026", "Menn 2026", "I alt 2026", "I alt 2025"],
                   national="Totalt", caption="Tabell 4: Resultat per fylke (Totalt)"),
    V.county_table(national="Hele landet", caption="Tabell 5: Resultat per fylke (Hele landet)"),
    V.county_table(caption="Tabell 6: Resultat per fylke (Nasjonalt)"),
    V.measures_table(),
]  # fmt: skip
# name: the tables printed, how the report is printed, and the method each table is read with
VARIANTS = {
    "no rules": (
        [V.county_table(), V.measures_table()], {},
        {"tabell-2": "whitespace", "tabell-1": "whitespace"},
    ),
    "no rules, values on the middle line of a wrapped stub": (
        [V.county_table(), V.measures_table(values="middle")], {},
        {"tabell-2": "whitespace", "tabell-1": "whitespace"},
    ),
    "no rules, values on the last line of a wrapped stub": (
        [V.county_table(), V.measures_table(values="bottom")], {},
        {"tabell-2": "whitespace", "tabell-1": "whitespace"},
    ),
    "no rules, a stub over three lines": (
        [V.county_table(), V.measures_table(wrap=WRAP3, values="middle"),
         V.measures_table(wrap=WRAP3, values="bottom", caption="Tabell 3. Tiltak i alt")],
        {},
        {"tabell-2": "whitespace", "tabell-1": "whitespace",
         "tabell-3": "whitespace"},
    ),
    "horizontal rules, header and stub cells wrapped": (
        [V.county_table(rules="horizontal",
                        heads=["Fylke", "Kvinner\n2026", "Menn\n2026", "Begge kjønn\n2026",
                               "Begge kjønn\n2025"]),
         V.measures_table(rules="horizontal", wrap=WRAP3, header=[
             ["Tiltak", "Andel av\ndeltakerne", "Andel av\ndeltakerne"],
             ["", "2025 (N = 26 407)", "2026, N=21 480"]])],
        {},
        {"tabell-2": "rules+whitespace", "tabell-1": "rules+whitespace"},
    ),
    "ruled grid": (
        [V.county_table(rules="grid"), V.measures_table(rules="grid")], {},
        {"tabell-2": "ruled-grid", "tabell-1": "ruled-grid"},
    ),
    "captions under the tables, a source line between": (
        [V.county_table(caption_below=True, text_below="Kilde: NIR"),
         V.measures_table(caption_below=True, rules="horizontal")],
        {},
        {"tabell-2": "whitespace", "tabell-1": "rules+whitespace"},
    ),
    "captions 'Tabell 2.' and 'Tabell 1 –'": (
        [V.county_table(caption="Tabell 2. Resultat per fylke"),
         V.measures_table(caption="Tabell 1 – Deltakelse i tiltak")],
        {},
        {"tabell-2": "whitespace", "tabell-1": "whitespace"},
    ),
    "over a page break, header repeated": (
        [V.county_table(breaks=[8]), V.measures_table()], {},
        {"tabell-2": "whitespace", "tabell-1": "whitespace"},
    ),
    "over a page break, header not repeated, a footnote on the way": (
        [V.county_table(breaks=[8], repeat_header=False), V.measures_table()],
        {"footnotes": {2: "Tall fra NIR per 1. juni 2026."}},
        {"tabell-2": "whitespace", "tabell-1": "whitespace"},
    ),
    "over a page break under 'Tabell 2 (forts.)'": (
        [V.county_table(breaks=[8], repeat_caption="Tabell 2 (forts.)"), V.measures_table()],
        {},
        {"tabell-2": "whitespace", "tabell-1": "whitespace"},
    ),
    "over two page breaks under 'Tabell 2 fortsetter', rules, no header repeated": (
        [V.county_table(breaks=[5, 11], repeat_caption="Tabell 2 fortsetter",
                        repeat_header=False, rules="horizontal"),
         V.measures_table()],
        {"footnotes": {2: "Tall fra NIR per 1. juni 2026."}},
        {"tabell-2": "rules+whitespace", "tabell-1": "whitespace"},
    ),
    "over a page break, rules, header repeated, no page numbers or running heads": (
        [V.county_table(breaks=[10], rules="horizontal"), V.measures_table(rules="horizontal")],
        {"page_numbers": False, "running_head": False},
        {"tabell-2": "rules+whitespace", "tabell-1": "rules+whitespace"},
    ),
    "header forms and words for the whole country": (
        FORMS, {},
        {"tabell-2": "whitespace", "tabell-3": "whitespace",
         "tabell-4": "whitespace", "tabell-5": "whitespace",
         "tabell-6": "whitespace", "tabell-1": "whitespace"},
    ),
    "missing-value symbols": (
        [V.county_table(rows=MISSING), V.measures_table()], {},
        {"tabell-2": "whitespace", "tabell-1": "whitespace"},
    ),
    "a wide page": (
        [V.wide_county_table(rules="horizontal"), V.measures_table()], {"size": landscape(A4)},
        {"tabell-2": "rules+whitespace", "tabell-1": "whitespace"},
    ),
    "a page turned (/Rotate 90), a table wider than the page is high": (
        [V.wide_county_table(), V.measures_table(rules="horizontal")], {"rotated": True},
        {"tabell-2": "whitespace", "tabell-1": "rules+whitespace"},
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def read(tmp_path_factory):
    """Each variant printed and read once."""
    done = {}

    def get(name: str):
        if name not in done:
            tables, kw, _ = VARIANTS[name]
            path = tmp_path_factory.mktemp("v") / "rapport.pdf"
            done[name] = read_document(V.report(path, tables, **kw))
        return done[name]

    return get


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_variant_is_read_cell_for_cell(read, name):
    tables, _, method = VARIANTS[name]
    result = read(name)  # prints the report: each table knows its pages
    got = {t.table_id: (t.method, t.pages, t.cells) for t in result.tables}
    assert got == {V.table_id(t): (method[V.table_id(t)], t.pages, t.expected()) for t in tables}
    joined = {t.table_id for t in result.tables if t.joined}
    assert joined == {V.table_id(t) for t in tables if len(t.pages) > 1}
    assert [(t.table_id, t.status, t.reason) for t in result.tables] == [
        (t.table_id, "extracted", "") for t in result.tables
    ]
    assert result.problems == []


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_variant_gives_every_observation(read, name):
    """Every non-empty value cell gives one observation, or is listed with its reason."""
    result = read(name)
    for t in result.tables:
        mine = [o for o in result.observations if o.locator.split(" ")[0] == t.table_id]
        values = {(r, c) for r in range(t.header_rows, t.n_rows) for c in range(1, t.n_cols)
                  if t.cells[r][c]}  # fmt: skip
        given = [tuple(int(x[1:]) for x in o.locator.split(" ")[1:]) for o in mine]
        body = [g for g in given if g[0] >= t.header_rows]
        assert sorted(body + [(u.row, u.col) for u in t.unobserved]) == sorted(values)
        assert len(set(body)) == len(body)


def test_a_table_continued_without_caption_or_header_keeps_its_rows(read):
    t = next(t for t in read("over a page break, header not repeated, a footnote on the way")
             .tables if t.table_id == "tabell-2")  # fmt: skip
    assert [row[0] for row in t.cells[8:11]] == ["Agder", "Rogaland", "Vestland"]
    assert {b.page for b in t.cell_boxes} == {2, 3}
    assert table_record(t)["joined_pages"] is True


def test_header_forms_and_national_words_map_alike(read):
    """ "2026 Kvinner" as "Kvinner 2026"; Totalt, Alle, I alt, Begge kjønn as both genders;
    Norge, Landet, Totalt, Hele landet, Nasjonalt as the whole country; the year and N in
    one header cell, "2025 (N = 26 407)" and "2026, N=21 480"."""
    result = read("header forms and words for the whole country")
    got = {
        (o.locator.split(" ")[0], o.gender, o.year): o.value
        for o in result.observations
        if o.region_code == "00" and o.indicator == "share_work_or_education"
    }
    for tid in ("tabell-2", "tabell-3", "tabell-4", "tabell-5", "tabell-6"):
        assert {k[1:]: v for k, v in got.items() if k[0] == tid} == {
            ("kvinner", 2026): 38, ("menn", 2026): 53, ("alle", 2026): 45, ("alle", 2025): 45,
        }  # fmt: skip
    participants = sorted(
        (o.year, o.value, o.locator) for o in result.observations
        if o.indicator == "participants" and o.origin == "table"
    )  # fmt: skip
    assert participants == [(2025, 26407, "tabell-1 r1 c1"), (2026, 21480, "tabell-1 r1 c2")]


def test_missing_values_are_kept_as_printed_and_listed_with_their_reason(read):
    t = next(t for t in read("missing-value symbols").tables if t.table_id == "tabell-2")
    assert [t.cells[r + 1][c] for r, c in [(0, 1), (1, 2), (2, 3), (3, 4)]] == [
        "–", "-", "..", "..."]  # fmt: skip
    assert sorted((u.row, u.col, u.text, u.reason) for u in t.unobserved) == [
        (1, 1, "–", "missing value (nil)"),
        (2, 2, "-", "missing value (nil)"),
        (3, 3, "..", "missing value (data not available)"),
        (4, 4, "...", "missing value (data not yet available)"),
        (5, 1, ":", "missing value (suppressed for confidentiality)"),
        (6, 2, "x", "missing value (not for publication)"),
        (7, 3, "*", "missing value (too few to show)"),
    ]
    record = table_record(t)
    assert (record["missing_cells"], record["empty_cells"], record["unreadable_cells"]) == (7, 0, 0)
    assert record["unobserved"].startswith("r1 c1 '–': missing value (nil); r5 c1 ':': ")


def test_rules_far_apart_are_read_from_the_alignment(tmp_path):
    """A minimal table whose two rules lie 565 pt apart (further than one rule structure
    reaches): the rule under the header tells where the header ends, the body is read from
    the alignment of its text."""
    years = [(1980 + i, 100 + 7 * i) for i in range(40)]
    result = read_document(pdfs.long_minimal_table(tmp_path / "r.pdf", 2026, years))
    (table,) = result.tables
    assert (table.method, table.header_rows) == ("rules+whitespace", 1)
    assert table.cells == [["År", "Deltakere"], *[[str(y), str(n)] for y, n in years]]
