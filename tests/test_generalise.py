"""A report of a known family for a year without a spec, in a layout the corpus does not have."""

from __future__ import annotations

from reportparse.extract import extract_file

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
    result = extract_file(path)
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
    assert obs[("participants", 2026, "00", "alle")] in (21480, 21500)
    assert ("participants", 2025, "00", "alle") in obs


def test_footnote_marker_is_split_from_the_year(tmp_path):
    path = pdfs.nokkeltall_like(tmp_path / "rapport.pdf", 2026, COUNTIES)
    figures = extract_file(path).key_figures
    sentence = "Om lag 21 500 flyktninger deltok i introduksjonsprogram i 2026."
    fig = next(f for f in figures if f.sentence == sentence)
    assert (fig.value, fig.approximate, fig.classification.years) == (21500, True, [2026])
    note = next(f for f in figures if f.sentence.startswith("Nøyaktig"))
    assert (note.value, note.classification.indicator) == (21480, "participants")


def test_file_name_does_not_decide_the_family(tmp_path):
    path = pdfs.nokkeltall_like(tmp_path / "imdi-rapport-2019.pdf", 2027, COUNTIES)
    src = extract_file(path).source
    assert (src.family, src.year) == ("nokkeltall", 2027)
