"""A sum check tells a wrong reading from the publication's own footnote: a national total
whose note states the difference to its counties passes, with a notice quoting the note."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportparse.readers.document import read_document
from reportparse.run.pipeline import validate_document_tables

PAGE = Path(__file__).parent / "pages" / "nyhet-fylker-2016.html"
TOTAL = (
    '<tr class="sum"><td><strong>I alt</strong></td><td>5&nbsp;480</td><td>1&nbsp;480</td>'
    "<td>1&nbsp;190</td><td>49</td></tr>\n</table>"
)


def _page(tmp_path, note: str) -> Path:
    """The 2016 county page with its national row counting 36 finishers no county has, its
    share printed for them (48), and ``note`` under the table on that row's marker."""
    html = PAGE.read_text(encoding="utf-8")
    assert TOTAL in html
    row = (
        '<tr class="sum"><td><strong>Hele landet*</strong></td><td>5&nbsp;516</td>'
        "<td>1&nbsp;480</td><td>1&nbsp;190</td><td>48</td></tr>\n</table>\n"
        f"<p>* {note}</p>"
    )
    path = tmp_path / "fylker.html"
    path.write_text(html.replace(TOTAL, row), encoding="utf-8")
    return path


NOTE = "Tallet for hele landet omfatter også 36 personer som har skjermet identitet."


def test_a_total_whose_note_states_the_difference_passes_with_a_notice(tmp_path):
    result = read_document(_page(tmp_path, NOTE))
    assert validate_document_tables(result) == []
    assert result.source.message == (
        "no spec for 2016; read with the 2017 spec; tabell-1: the parts of Hele landet "
        "(finishers 2016) add up to 5480, 36 less than its total 5516 (r21 c1), as the note "
        f"on it says: {NOTE!r}"
    )
    national = [
        o for o in result.observations if o.table_id == "tabell-1" and o.region_code == "00"
    ]
    assert sorted((o.indicator, o.value) for o in national) == [
        ("finishers", 5516.0), ("finishers_to_education", 1190.0),
        ("finishers_to_work", 1480.0), ("share_work_or_education", 48.0),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "note",
    [
        "Tallet for hele landet omfatter også 35 personer som har skjermet identitet.",
        "Tallene er hentet fra Nasjonalt introduksjonsregister.",
    ],
)
def test_a_note_that_does_not_account_for_the_difference_leaves_the_check_failing(tmp_path, note):
    result = read_document(_page(tmp_path, note))
    failed = validate_document_tables(result)
    assert [(f["dataset"], f["check"]) for f in failed] == [
        (
            "imdi-nyhet-resultater-2016/tabell-1 (tidy)",
            "parts_sum_to_total(dimension=region_code, total=00, tolerance=0, unit=persons)",
        )
    ]
    assert result.source.message == "no spec for 2016; read with the 2017 spec"


def test_a_failed_sum_withholds_its_table_and_keeps_no_other_document_out(tmp_path):
    """With --keep-going the county table whose total its note does not explain is withheld,
    its reason naming the cells that disagree and by how much; the page's other figures and
    the other documents are published."""
    import shutil

    from reportparse.run.pipeline import run

    from conftest import RAW

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(_page(tmp_path, "Tallene er hentet fra NIR."), raw / "fylker.html")
    shutil.copy(RAW / "imdi-nyhet-resultater-2017.html", raw)
    done = run(raw, tmp_path / "out", keep_going=True, cache_dir=None)
    assert done.published
    sources = {s.file: (s.status, s.message) for s in done.sources}
    reason = (
        "tabell-1: a cross-check fails: parts_sum_to_total(dimension=region_code, total=00, "
        "tolerance=0, unit=persons): the parts of Hele landet (finishers 2016) add up to "
        "5480, 36 less than its total 5516 (r21 c1)"
    )
    assert sources == {
        "fylker.html": ("partial", f"{reason}; no spec for 2016; read with the 2017 spec"),
        "imdi-nyhet-resultater-2017.html": ("ok", ""),
    }
    tables = done.frames["tables"]
    assert tables[tables.source_id == "imdi-nyhet-resultater-2016"].status.tolist() == [
        "incomplete"
    ]
