"""The PDF engine's settings: named tolerances with reasons, table ids side by side, and
a spec's overrides of one table's settings."""

from __future__ import annotations

import pytest

from reportparse.model import DocumentError
from reportparse.read.pdf.content import read_content
from reportparse.read.pdf.pdffile import open_pdf, page_layouts

import pdfs


def _content(path, unnumbered=False, **settings):
    pdf = open_pdf(path.read_bytes())
    try:
        return read_content(page_layouts(pdf), unnumbered, **settings)
    finally:
        pdf.close()


# ---------------------------------------------------------------- tables side by side


def test_a_ninth_table_side_by_side_is_lettered_i(tmp_path):
    tables = [[["Nr", "Ant"], [str(k), str(10 * k)]] for k in range(1, 11)]
    content = _content(pdfs.tables_side_by_side(tmp_path / "ti.pdf", tables, 30))
    assert [t.table_id for t in content.tables] == [f"tabell-9{c}" for c in "abcdefghij"]
    ninth = content.tables[8]
    assert (ninth.cells, ninth.header_rows) == ([["Nr", "Ant"], ["9", "90"]], 1)


def test_more_tables_side_by_side_than_letters_is_an_error(tmp_path):
    tables = [[["A", "B"], ["1", "2"]]] * 27
    path = pdfs.tables_side_by_side(tmp_path / "many.pdf", tables, 12)
    with pytest.raises(DocumentError) as err:
        _content(path)
    assert str(err.value) == (
        "27 tables side by side under the caption of table 9 (page 1): only 26 can be lettered a-z"
    )
