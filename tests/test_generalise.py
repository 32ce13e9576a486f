"""A report of a known family for a year without a spec, in a layout the corpus does not have."""

from __future__ import annotations

import re

import pytest

from reportparse.readers.document import read_document

import pdfs

COUNTIES = [
    ("Troms", 60, 70, 65, 64),
    ("Østfold", 45, 60, 52, 53),
    ("Vestfold", 44, 50, 47, 46),
    ("Ukjent", 0, 0, 0, 5),
    ("Nasjonalt", 41, 54, 47, 45),
]


def test_unseen_year_and_layout_parse_without_code_changes(tmp_path):
    path = pdfs.nokkeltall_like(tmp_path / "rapport.pdf", 2026, COUNTIES)
    result = read_document(path)
    src = result.source
    assert (src.family, src.year, src.source_id) == ("nokkeltall", 2026, "imdi-nokkeltall-2026")
    assert src.message == "no spec for 2026; read with the 2025 spec"
    t1, t2 = result.tables
    assert (t1.table_id, t1.method, t1.header_rows) == ("tabell-1", "ruled-grid", 2)
    assert t1.cells[1] == ["", "2025 N=26 407", "2026 N=21 480"]
    assert (t2.table_id, t2.method, t2.header_rows) == ("tabell-2", "rules+whitespace", 1)
    assert t2.cells == [
        ["Fylke", "Kvinner 2026", "Menn 2026", "Begge kjønn 2026", "Begge kjønn 2025"],
        *[[name, *(f"{v} %" for v in values)] for name, *values in COUNTIES],
    ]
    obs = {(o.indicator, o.year, o.region_code, o.gender): o.value for o in result.observations}
    assert obs[("share_work_or_education", 2026, "55", "kvinner")] == 60
    assert obs[("share_work_or_education", 2025, "31", "alle")] == 53
    assert obs[("share_work_or_education", 2026, "99", "menn")] == 0
    participants = sorted(
        (o.value, o.approximate, o.origin, o.locator.split('"')[0])
        for o in result.observations
        if (o.indicator, o.year, o.region_code) == ("participants", 2026, "00")
    )
    assert participants == [
        (21480, False, "table", "tabell-1 r1 c2"),
        (21480, False, "text", "sentence "),
        (21500, True, "text", "sentence "),
    ]
    assert obs[("participants", 2025, "00", "alle")] == 26407


def test_footnote_marker_is_split_from_the_year(tmp_path):
    path = pdfs.nokkeltall_like(tmp_path / "rapport.pdf", 2026, COUNTIES)
    figures = read_document(path).key_figures
    sentence = "Om lag 21 500 flyktninger deltok i introduksjonsprogram i 2026."
    fig = next(f for f in figures if f.sentence == sentence)
    assert (fig.value, fig.approximate, fig.classification.years) == (21500, True, [2026])
    note = next(f for f in figures if f.sentence.startswith("Nøyaktig"))
    assert (note.value, note.classification.indicator) == (21480, "participants")


def test_file_name_does_not_decide_the_family(tmp_path):
    path = pdfs.nokkeltall_like(tmp_path / "imdi-rapport-2019.pdf", 2027, COUNTIES)
    src = read_document(path).source
    assert (src.family, src.year) == ("nokkeltall", 2027)


# ---------------------------------------------------------------- a results report for 2022

COUNTIES_2020 = [
    "Agder", "Innlandet", "Møre og Romsdal", "Nordland", "Oslo", "Rogaland",
    "Troms og Finnmark", "Trøndelag", "Vestfold og Telemark", "Vestland", "Viken",
]  # fmt: skip
AGES = ["19-24", "25-30", "31-36", "37-42", "43-48", "49-54", "55 og eldre"]


def n(v: int) -> str:
    """A count as printed: "1 314"."""
    return f"{v:,}".replace(",", " ")


def pct(v: int) -> str:
    return f"{v} %"


def body(labels: list[str], columns: list[list[int]], fmt=str) -> list[list[str]]:
    """Body rows: a label, then the i-th value of each column."""
    return [[label, *(fmt(col[i]) for col in columns)] for i, label in enumerate(labels)]


def report_tables(year: int, national_total: int | None = None) -> dict[str, pdfs.PrintedTable]:
    """The tables of a results report for ``year``, with numbers that add up (unless
    ``national_total`` overrides the national participants of Tabell 2)."""
    prev, T = year - 1, pdfs.PrintedTable
    intro = [500 + 23 * i for i in range(11)] + [1]
    integ = [300 + 11 * i for i in range(11)] + [3]
    total = [a + b for a, b in zip(intro, integ, strict=True)]
    before = [880, 770, 551, 615, 797, 1028, 645, 1047, 893, 1160, 2205, 4]
    national = [sum(c) for c in (intro, integ, total, before)]
    if national_total is not None:
        national[2] = national_total
    share_now = [45, 50, 42, 53, 55, 47, 40, 48, 51, 49, 60]
    share_before = [44, 48, 40, 51, 53, 45, 38, 47, 50, 47, 62]
    change = [b - a for a, b in zip(share_before, share_now, strict=True)]
    work = [15, 20, 14, 28, 35, 13, 15, 14, 19, 21, 27]
    higher = [5, 2, 2, 2, 1, 2, 3, 1, 4, 2, 3]
    upper = [t - w - h for t, w, h in zip(share_now, work, higher, strict=True)]
    counts = [500, 610, 700, 590, 340, 190, 70]
    women, men = [5900, 6318, 7866, 9905], [4774, 4277, 6076, 11063]
    spor1 = [22, 33, 52, 47, 30, 41, 50, 36, 42, 37, 35]
    spor2 = [65, 54, 41, 40, 59, 43, 45, 50, 38, 42, 45]
    spor3 = [100 - a - b for a, b in zip(spor1, spor2, strict=True)]
    women_share = [57, 55, 60, 53, 57, 52, 55, 59, 54, 58, 61]
    ages = [17, 20, 23, 20, 11, 6, 3]
    by_age = [[ages[k] + (k == i % 7) - (k == (i + 3) % 7) for i in range(11)] for k in range(7)]
    return {
        "kjonn-spor": T(
            [["Kjønn", "Spor 1", "spor 2", "spor 3"]],
            body(
                ["Kvinner", "Menn", "Begge kjønn"], [[22, 47, 33], [50, 68, 58], [65, 82, 73]], pct
            ),
            [110, 60, 60, 60],
        ),
        "2": T(
            [
                [
                    "Fylke",
                    "Deltakere med\nvedtak etter intro-\nduksjonsloven",
                    "Deltakere med\nvedtak etter inte-\ngreringsloven",
                    f"Antall deltakere i\nintroduksjonspro-\ngram, begge lover,\ni {year}",
                    f"Antall deltakere i\nintroduksjonspro-\ngram, i {prev}",
                ]
            ],
            [
                *body([*COUNTIES_2020, "Ukjent"], [intro, integ, total, before], n),
                ["Nasjonalt", *map(n, national)],
            ],
            [150, 120, 120, 135, 135],
            style="minimal",
        ),
        "3": T(
            [
                [
                    "Alder",
                    "Andel som har overgang\narbeid eller utdanning\ndirekte etter avsluttet\n"
                    f"program i {year}\n(i prosent)",
                    f"Deltakere avsluttet\nprogram i løpet av\n{year}\n(antall)",
                ]
            ],
            [*body(AGES, [[70, 57, 49, 44, 35, 25, 20], counts]), ["Sum", "", str(sum(counts))]],
            [90, 170, 140],
        ),
        "5": T(
            [["Fylke", f"Andel med overgang\narbeid eller utdan-\nning i {year}"]],
            [*body(COUNTIES_2020, [share_now], pct), ["Ukjent", ""], ["Totalt", "50 %"]],
            [150, 170],
            below="N=3000",
        ),
        "6": T(
            [
                [
                    "Fylke",
                    f"Andel med\novergang\narbeid og\nutdanning i\n{prev}",
                    f"Andel med\novergang\narbeid og\nutdanning i\n{year}",
                    "Differanse",
                ]
            ],
            [
                *body(COUNTIES_2020, [share_before, share_now, change], pct),
                ["Ukjent", "", "", ""],
                ["Nasjonalt", "49 %", "50 %", "1 %"],
            ],
            [150, 90, 90, 80],
        ),
        "7": T(
            [
                [
                    "Fylke",
                    "Andel med\novergang til\narbeid eller\nutdanning\n(samlet mål-\noppnåelse)",
                    "Andel med\novergang til\narbeid",
                    "Andel med\novergang til\nvideregående\nopplæring",
                    "Andel med\novergang til\nhøyere ut-\ndanning",
                ]
            ],
            [
                *body(COUNTIES_2020, [share_now, work, upper, higher], pct),
                ["Ukjent", "", "", "", ""],
                ["Nasjonalt", "50 %", "21 %", "26 %", "3 %"],
            ],
            [130, 95, 75, 85, 80],
        ),
        "8": T(
            [
                [
                    "Kommune",
                    "Andel av avsluttede del-\ntakere i kommunen med\n"
                    "overgang til arbeid/ut-\ndanning (%)",
                    "Totalt antall deltakere\navsluttet introduksjons pro-\ngram i kommunen",
                ]
            ],
            body(
                ["Oslo", "Bergen", "Stavanger", "Trondheim", "Drammen", "Bærum"],
                [[55, 50, 44, 40, 58, 70], [300, 180, 150, 120, 95, 85]],
            ),
            [90, 140, 140],
        ),
        "9a": T(
            [
                [
                    "Andel med overgang til grunnskole-\nopplæring etter avsluttet intro-\n"
                    f"duksjonsprogram i {year}, fordelt\npå deltakernes spor*",
                    None,
                    None,
                ],
                ["Fylke", "spor 1", "spor 2"],
            ],
            [
                *body(
                    COUNTIES_2020,
                    [
                        [40, 9, 15, 25, 24, 38, 30, 22, 25, 33, 20],
                        [22, 9, 12, 18, 11, 14, 22, 19, 17, 15, 9],
                    ],
                    pct,
                ),
                ["Ukjent", "", ""],
                ["Nasjonalt", "26 %", "15 %"],
            ],
            [120, 55, 55],
        ),
        "9b": T(
            [
                [
                    "Andel med overgang til videre-\ngående opplæring etter avsluttet\n"
                    f"introduksjonsprogram i {year},\nfordelt på deltakernes spor*",
                    None,
                    None,
                ],
                ["Fylke", "Spor 1", "Spor 2"],
            ],
            [
                *body(
                    COUNTIES_2020,
                    [
                        [18, 21, 14, 24, 9, 20, 17, 21, 14, 13, 23],
                        [35, 31, 33, 25, 28, 48, 28, 40, 36, 36, 41],
                    ],
                    pct,
                ),
                ["Ukjent", "", "0 %"],
                ["Nasjonalt", "18 %", "36 %"],
            ],
            [120, 55, 55],
        ),
        "10": T(
            [["", "Kvinner", "Menn", "Totalt"]],
            body(
                [str(year - i) for i in range(4)],
                [women, men, list(map(sum, zip(women, men, strict=True)))],
                n,
            ),
            [80, 80, 80, 80],
            style="minimal",
        ),
        "13": T(
            [["Fylke", "Kvinner", "Menn"]],
            [
                *body(COUNTIES_2020, [women_share, [100 - w for w in women_share]], pct),
                ["Nasjonalt", "57 %", "43 %"],
            ],
            [150, 80, 80],
            style="minimal",
            below="N=3000",
        ),
        "14": T(
            [["Fylke", "Spor 1", "Spor 2", "Spor 3"]],
            [
                *body(COUNTIES_2020, [spor1, spor2, spor3], pct),
                ["Nasjonalt", "37 %", "48 %", "15 %"],
            ],
            [150, 70, 70, 70],
            below="N=3000",
        ),
        "16": T(
            [
                ["Alder", f"Alder på deltakere avsluttet program i {year}", None],
                ["", "(antall)", "(i prosent)"],
            ],
            [
                [label, str(k), pct(round(100 * k / sum(counts)))]
                for label, k in zip([*AGES[:-1], "55 og eldre (tom 66 år)"], counts, strict=True)
            ],
            [110, 110, 100],
            style="minimal",
            below="N=3000",
        ),
        "17": T(
            [["Fylke", *AGES[:-1], "55 og\neldre"]],
            [*body(COUNTIES_2020, by_age, pct), ["Nasjonalt", *map(pct, ages)]],
            [120, 45, 45, 45, 45, 45, 45, 45],
        ),
    }


def as_read(t: pdfs.PrintedTable) -> list[list[str]]:
    """The cells a reader should give: lines joined, a hyphen at a line break inside a word
    removed, footnote markers ("*") removed, a covered cell empty."""

    def cell(text: str | None) -> str:
        text = re.sub(r"(?<=[a-zæøå])-\n(?=[a-zæøå])", "", text or "")
        return text.replace("\n", " ").replace("*", "")

    return [[cell(c) for c in row] for row in [*t.header, *t.body]]


@pytest.fixture(scope="module")
def report_2022(tmp_path_factory):
    tables = report_tables(2022)
    path = pdfs.results_report_like(tmp_path_factory.mktemp("r") / "rapport.pdf", 2022, tables)
    return tables, read_document(path)


def test_results_report_of_another_year_is_read_with_the_2021_spec(report_2022):
    _, result = report_2022
    src = result.source
    assert (src.family, src.year, src.source_id, src.title) == (
        "resultatrapport", 2022, "imdi-rapport-2022", "Introduksjonsprogram i 2022: Flere i arbeid"
    )  # fmt: skip
    assert src.message == "no spec for 2022; read with the 2021 spec"
    assert src.parser.endswith("specs/resultatrapport/2021.toml")


def test_results_report_tables_in_other_styles_are_read_cell_exact(report_2022):
    """Tabell 2 and 13 are minimal here (ruled in 2021), Tabell 3 is ruled (minimal in 2021)."""
    printed, result = report_2022
    listed = [(t.table_id, t.status, t.method, t.header_rows) for t in result.tables]
    grid, minimal, image = "ruled-grid", "rules+whitespace", "image"
    assert listed == [
        ("utabell-p3-1", "extracted", grid, 1), ("tabell-1", "image_only", image, 0),
        ("tabell-2", "extracted", minimal, 1), ("utabell-p6-1", "image_only", image, 0),
        ("tabell-3", "extracted", grid, 1), ("tabell-4", "image_only", image, 0),
        ("tabell-5", "extracted", grid, 1), ("tabell-6", "extracted", grid, 1),
        ("tabell-7", "extracted", grid, 1), ("tabell-8", "extracted", grid, 1),
        ("tabell-9a", "extracted", grid, 2), ("tabell-9b", "extracted", grid, 2),
        ("tabell-10", "extracted", minimal, 1), ("tabell-11", "image_only", image, 0),
        ("tabell-12", "image_only", image, 0), ("tabell-13", "extracted", minimal, 1),
        ("tabell-14", "extracted", grid, 1), ("tabell-15", "extracted", grid, 1),
        ("tabell-16", "extracted", minimal, 2), ("tabell-17", "extracted", grid, 1),
    ]  # fmt: skip
    ids = {"kjonn-spor": "utabell-p3-1", **{k: f"tabell-{k}" for k in printed if k != "kjonn-spor"}}
    ids["15"] = "tabell-15"
    cells = {t.table_id: t.cells for t in result.tables if t.status == "extracted"}
    assert cells == {tid: as_read(printed["14" if k == "15" else k]) for k, tid in ids.items()}
    assert cells["tabell-2"][0][1] == "Deltakere med vedtak etter introduksjonsloven"
    assert cells["tabell-8"][0][1] == (
        "Andel av avsluttede deltakere i kommunen med overgang til arbeid/utdanning (%)"
    )
    notes = [(t.table_id, n.row, n.col, n.marker, n.note) for t in result.tables for n in t.notes]
    note = "Opplæringsspor gir en indikasjon på deltakerens utdanningsnivå ved oppstart."
    assert notes == [("tabell-9a", 0, 0, "*", note), ("tabell-9b", 0, 0, "*", note)]
    unmapped = [t.table_id for t in result.tables if t.status == "extracted" and t.spec is None]
    assert unmapped == []


def test_results_report_observations_of_another_year(report_2022):
    _, result = report_2022
    table_obs = [o for o in result.observations if o.origin == "table"]
    per_table: dict[str, int] = {}
    for o in table_obs:
        tid = o.locator.split(" ")[0]
        per_table[tid] = per_table.get(tid, 0) + 1
    assert per_table == {
        "utabell-p3-1": 9, "tabell-2": 52, "tabell-3": 15, "tabell-5": 12, "tabell-6": 36,
        "tabell-7": 48, "tabell-8": 12, "tabell-9a": 24, "tabell-9b": 25, "tabell-10": 12,
        "tabell-13": 24, "tabell-14": 36, "tabell-15": 36, "tabell-16": 14, "tabell-17": 84,
    }  # fmt: skip
    got = {
        (o.indicator, o.year, o.region_code, o.gender, o.age_group, o.education, o.category): (
            o.value, o.unit, o.locator)
        for o in table_obs
    }  # fmt: skip
    a, P, PCT = "alle", "participants", "share_work_or_education"
    UP, PRIM = "share_education_upper_secondary", "share_primary_education"
    expected = {
        (P, 2022, "42", a, a, a, a): (800, "persons", "tabell-2 r1 c3"),
        (P, 2022, "42", a, a, a, "introduksjonsloven"): (500, "persons", "tabell-2 r1 c1"),
        (P, 2022, "42", a, a, a, "integreringsloven"): (300, "persons", "tabell-2 r1 c2"),
        (P, 2021, "30", a, a, a, a): (2205, "persons", "tabell-2 r11 c4"),
        (P, 2022, "00", a, a, a, a): (10674, "persons", "tabell-10 r1 c3"),
        (P, 2019, "00", "kvinner", a, a, a): (9905, "persons", "tabell-10 r4 c1"),
        (PCT, 2022, "00", a, "19-24", a, a): (70, "percent", "tabell-3 r1 c1"),
        ("finishers", 2022, "00", a, "55+", a, a): (70, "persons", "tabell-16 r8 c1"),
        ("finishers", 2022, "00", a, a, a, a): (3000, "persons", "tabell-3 r8 c2"),
        (PCT, 2021, "30", a, a, a, a): (62, "percent", "tabell-6 r11 c1"),
        ("share_work_or_education_change", 2022, "30", a, a, a, a): (
            -2, "percentage_points", "tabell-6 r11 c3"),
        ("share_work", 2022, "03", a, a, a, a): (35, "percent", "tabell-7 r5 c2"),
        (UP, 2022, "42", a, a, a, a): (25, "percent", "tabell-7 r1 c3"),
        ("share_education_higher", 2022, "42", a, a, a, a): (5, "percent", "tabell-7 r1 c4"),
        (PCT, 2022, "3005", a, a, a, a): (58, "percent", "tabell-8 r5 c1"),
        ("finishers", 2022, "0301", a, a, a, a): (300, "persons", "tabell-8 r1 c2"),
        (PRIM, 2022, "42", a, a, "spor1", a): (40, "percent", "tabell-9a r2 c1"),
        (UP, 2022, "99", a, a, "spor2", a): (
            0, "percent", "tabell-9b r13 c2"),
        ("finishers_share", 2022, "15", "kvinner", a, a, a): (60, "percent", "tabell-13 r3 c1"),
        ("finishers_share", 2022, "46", a, a, "spor3", a): (21, "percent", "tabell-15 r10 c3"),
        ("finishers_share", 2022, "50", a, "19-24", a, a): (18, "percent", "tabell-17 r8 c1"),
        ("finishers_share", 2022, "00", a, "55+", a, a): (3, "percent", "tabell-17 r12 c7"),
        (PCT, 2022, "00", "kvinner", a, "spor3", a): (
            65, "percent", "utabell-p3-1 r1 c3"),
    }  # fmt: skip
    assert {k: got.get(k) for k in expected} == expected


def test_results_report_markers_and_hyphenation_of_another_year(report_2022):
    _, result = report_2022
    figures = {(f.sentence, f.value): f for f in result.key_figures}
    first = (
        "10 674 flyktninger deltok i introduksjonsprogram i løpet av 2022, "
        "hvorav 2 100 startet program i løpet av 2022."
    )
    assert figures[(first, 2100)].classification.indicator == "starters"
    note = figures[("Hvorav 1 300 etter introduksjonsloven og 800 etter integreringsloven", 1300)]
    c = note.classification
    assert (c.indicator, c.years, c.category) == ("starters", [2022], "introduksjonsloven")
    work = "21 prosent av de som avsluttet program gikk direkte over til arbeid i 2022."
    assert figures[(work, 21)].classification.years == [2022]
    assert (
        "Tall fra nasjonalt introduksjonsregister (NIR) viser at 50 prosent av disse gikk "
        "direkte over til arbeid eller utdanning.",
        50,
    ) in figures
    # the footnote on "i 2022" speaks of employment, not of the programme's results
    nav = next(f for f in result.key_figures if f.value == 58.4)
    assert nav.classification.indicator is None


def test_results_report_cross_checks_run_on_every_extract(tmp_path):
    from reportparse.run.pipeline import run

    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    pdfs.results_report_like(good / "rapport.pdf", 2022, report_tables(2022))
    pdfs.results_report_like(bad / "rapport.pdf", 2022, report_tables(2022, national_total=10675))
    ok = run(good, tmp_path / "out-good", cache_dir=None)
    assert ok.published, [f.describe() for f in ok.failures]
    failed = run(bad, tmp_path / "out-bad", cache_dir=None)
    assert not failed.published
    found = {(f.dataset, f.check.split("(")[0], f.check.split(",")[0]) for f in failed.failures}
    assert found == {
        ("imdi-rapport-2022/tabell-2 (tidy)", "parts_sum_to_total",
         "parts_sum_to_total(dimension=region_code"),
        ("imdi-rapport-2022/tabell-2 (tidy)", "parts_sum_to_total",
         "parts_sum_to_total(dimension=category"),
    }  # fmt: skip
