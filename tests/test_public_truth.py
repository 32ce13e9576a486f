"""The public held-out tables (``tests/truth/public/``, ``scripts/public.py``): the truth
loads and is checked on load, and the scorer finds each PDF by its blob and scores the
tools on it. None of these tests needs the public repositories themselves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import public

SOURCE = """\
repo = "example-org/tables"
commit = "{commit}"
path = "docs/a.pdf"
blob = "{blob}"
page = 1
publisher = "Example Statistics Office"
kinds = ["ruled"]
header_rows = 1
note = ""
half = "held-out"
"""
ZEROS = "0" * 40
TRUTH = [["Year", "Men", "Women"], ["2023", "10", "12"], ["2024", "11", "14"]]


def _entry(root: Path, name: str, csv_text: str, source: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "table.csv").write_text(csv_text, encoding="utf-8")
    (folder / "source.toml").write_text(source, encoding="utf-8")
    return folder


def _good(root: Path, name: str = "example-a-p1", blob: str = ZEROS) -> Path:
    csv_text = "".join(",".join(row) + "\n" for row in TRUTH)
    return _entry(root, name, csv_text, SOURCE.format(commit=ZEROS, blob=blob))


def test_the_public_truth_loads_with_every_field_checked():
    tables = [t for t in public.load_all() if t.half == "tuning"]
    assert len(tables) == 86
    assert len({t.id for t in tables}) == 86
    assert sum(t.repo == "camelot-dev/camelot" for t in tables) == 31
    # all three batches were scored at first contact and then moved to the tuning half
    # (the 17 camelot tables with the one on a page they share; then 34; then 34 more)
    # one file (by blob) per table, but for tables read from one shared file
    assert len({t.blob for t in tables}) == 81
    arrests = next(t for t in tables if t.id == "camelot-12s0324-p1")
    assert arrests.page == 1 and arrests.header_rows == 2
    assert arrests.blob == "c192726e969eb522b29415c1834a475c01ec1056"
    assert arrests.cells[0] == [
        "Offense charged", "Total", "", "", "Male", "", "", "Female", "", ""
    ]  # fmt: skip
    assert arrests.cells[26] == [
        "Liquor laws", "48.2", "90.2", "368.0", "326.8", "55.4", "271.4", "131.4", "34.7", "96.6"
    ]  # fmt: skip
    plans = next(t for t in tables if t.id == "camelot-row-span-p1")
    assert plans.cells[10] == ["", "Total GMC Enrollment", "", "1,091,255"]
    assert plans.cells[-1] == ["All Models Total Enrollments", "", "", "10,132,875"]


# The tables read from PyMuPDF's, docling's and py-pdf's test files, written by eye from
# the printed page; held out while the engine was changed, scored, then moved to tuning.
HELD_OUT_FROM_PYMUPDF_DOCLING_PYPDF = {
    "docling-2305-03393v1-pg9-p1",
    "docling-redp5110-sampled-p9",
    "docling-redp5110-sampled-p11",
    "docling-redp5110-sampled-p12",
    "pymupdf-small-table-p1",
    "pymupdf-test-styled-table-p1",
    "pymupdf-test-2979-p1",
    "pymupdf-test-3197-p2",
    "pymupdf-test-4751-p16",
    "pymupdf-chinese-tables-p1",
    "pymupdf-test-4017-p1",
    "pysamples-multicolumn-p3",
    "pysamples-google-doc-document-p1",
    "pymupdf-test-2548-p3",
    "pymupdf-test-4751-p5",
    "pymupdf-test-3062-p1",
    "pymupdf-cms-etc-filled-p9",
}


def test_the_held_out_tables_from_pymupdf_docling_and_pypdf_load():
    repos = {"pymupdf/PyMuPDF", "DS4SD/docling", "py-pdf/sample-files"}
    tables = {t.id: t for t in public.load_all() if t.repo in repos}
    assert set(tables) == HELD_OUT_FROM_PYMUPDF_DOCLING_PYPDF
    assert {t.half for t in tables.values()} == {"tuning"}
    earlier_blobs = {t.blob for t in public.load_all() if t.id not in tables}
    assert not earlier_blobs & {t.blob for t in tables.values()}
    hpo = tables["docling-2305-03393v1-pg9-p1"]
    assert hpo.header_rows == 2
    assert hpo.cells[0] == [
        "# enc-layers", "# dec-layers", "Language", "TEDs", "", "", "mAP (0.75)",
        "Inference time (secs)",
    ]  # fmt: skip
    assert hpo.cells[5] == ["", "", "HTML", "0.952", "0.909", "0.938", "0.843", "3.77"]
    asil = tables["pymupdf-test-2979-p1"]
    assert asil.cells[0] == ["Severity class", "Exposure class", "Controllability class", "", ""]
    assert asil.cells[10] == ["S3", "E1", "QM", "QM", "A"]  # the footnote marker a is gone
    flags = tables["pysamples-google-doc-document-p1"]
    assert flags.cells[3] == ["Currency", "Rupia", "EUR (€)", "", "", "-"]
    assert flags.cells[4][1:3] == ["273.879.750", "83,190,556"]
    routes = tables["pymupdf-test-3062-p1"]
    assert routes.kinds == ("ruled", "sideways")
    assert routes.cells[8] == ["RW33", "MAP", "1083 MSL", "", "CA", "", "", "330.51", "", ""]
    assert len(tables) == 17 and len({t.blob for t in tables.values()}) == 14


# The batch written from the printed pages of Unstructured-IO/unstructured, chezou/tabula-py
# and unused files of camelot, tabula-java and pdfplumber; held out, scored, moved to tuning.
HELD_OUT_E = {
    "tabulapy-campaign-donors-p1", "tabulapy-data-p1", "unstructured-all-number-table-p1",
    "unstructured-embedded-images-tables-p1", "unstructured-korean-text-with-tables-p1",
    "unstructured-layout-parser-paper-with-table-p1", "camelot-district-health-p1",
    "camelot-row-span-3-p1", "tabula-china-p1", "pdfplumber-senate-expenditures-p1",
    "pdfplumber-issue-466-example-p1", "tabula-animalsounds-p1", "camelot-birdisland-p1",
    "camelot-m27-p1", "pdfplumber-issue-316-example-p11", "tabulapy-data-p2",
    "tabula-frx-2012-disclosure-p1",
}  # fmt: skip
HELD_OUT_E_REPOS = ("Unstructured-IO/unstructured", "chezou/tabula-py")


def test_the_held_out_batch_from_unstructured_and_tabula_py_loads():
    tables = public.load_all()
    held_out = {t.id: t for t in tables if t.id in HELD_OUT_E}
    assert set(held_out) == HELD_OUT_E
    assert {t.half for t in held_out.values()} == {"tuning"}
    # every table of these two repositories is in the batch, and no file repeats an earlier one
    assert {t.id for t in tables if t.repo in HELD_OUT_E_REPOS} <= HELD_OUT_E
    earlier_blobs = {t.blob for t in tables if t.id not in HELD_OUT_E}
    assert not {t.blob for t in held_out.values()} & earlier_blobs
    donors = held_out["tabulapy-campaign-donors-p1"]
    assert (len(donors.cells), len(donors.cells[0]), donors.header_rows) == (56, 7, 1)
    assert donors.cells[18] == [
        "VALSANGIACOMO BLANCO", "FERNANDO JORGE", "26.800.203", "20-26800203-1", "09/10/2013",
        "EFECTIVO", "$ 10.000,00",
    ]  # fmt: skip
    outbreaks = held_out["camelot-row-span-3-p1"]
    assert [row[:4] for row in outbreaks.cells[3:5]] == [
        ["5.", "Madhya Pradesh", "Betul", "viii. Acute Diarrheal Disease"],
        ["", "", "Morena", "ix. Chickenpox"],
    ]
    steel = held_out["unstructured-embedded-images-tables-p1"]
    assert steel.cells[1] == [
        "0", "0.0335", "0.0409", "\u22120.9393", "0.0003", "24.0910", "2.8163"
    ]  # fmt: skip


def test_a_ragged_csv_is_refused_in_one_line(tmp_path):
    _entry(tmp_path, "bad-p1", "a,b,c\n1,2\n", SOURCE.format(commit=ZEROS, blob=ZEROS))
    with pytest.raises(public.TruthError) as err:
        public.load_all(tmp_path)
    assert str(err.value) == "bad-p1: table.csv row 2 has 2 cells, row 1 has 3"


def test_a_source_without_a_field_is_refused_in_one_line(tmp_path):
    source = SOURCE.format(commit=ZEROS, blob=ZEROS).replace(
        'publisher = "Example Statistics Office"\n', ""
    )
    _entry(tmp_path, "bad-p1", "a,b\n1,2\n", source)
    with pytest.raises(public.TruthError) as err:
        public.load_all(tmp_path)
    assert str(err.value) == "bad-p1: source.toml lacks publisher"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("page = 1", 'page = "1"'), "bad-p1: source.toml: page must be an integer, not text"),
        (('"ruled"', '"ruled", "pretty"'), "bad-p1: source.toml: unknown kind 'pretty' (known: "
         "beside-prose, booktabs, dense, filled, multi-line-cells, open, row-span, rtl, ruled, "
         "sideways, spanning, zebra)"),
        ((f'blob = "{ZEROS}"', 'blob = "abc"'),
         "bad-p1: source.toml: blob is not 40 hexadecimal digits"),
        (("header_rows = 1", "header_rows = 2"),
         "bad-p1: source.toml: header_rows 2 leaves no body row in the table's 2 rows"),
        (("page = 1", "page = 2"), "bad-p1: the folder's name does not end in -p2"),
        (('note = ""', 'note = ""\nlicence = "x"'), "bad-p1: source.toml: unknown field licence"),
        (('half = "held-out"', 'half = "test"'),
         "bad-p1: source.toml: half 'test' is not held-out or tuning"),
        (('repo = "example-org/tables"', 'repo = "tables"'),
         "bad-p1: source.toml: repo 'tables' is not owner/name"),
        (("page = 1", "page = "), "bad-p1: source.toml: Invalid value (at line 5, column 8)"),
    ],
)  # fmt: skip
def test_a_bad_source_toml_is_refused_in_one_line(tmp_path, change, message):
    source = SOURCE.format(commit=ZEROS, blob=ZEROS).replace(*change)
    _entry(tmp_path, "bad-p1", "a,b\n1,2\n", source)
    with pytest.raises(public.TruthError) as err:
        public.load_all(tmp_path)
    assert str(err.value) == message


def _clone(sources: Path, folder: str, data: bytes) -> str:
    """A git repository at ``sources/folder`` holding ``data``; its blob id."""
    repo = sources / folder
    repo.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "a.pdf").write_bytes(data)
    return subprocess.run(
        ["git", "-C", str(repo), "hash-object", "-w", "a.pdf"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip


@pytest.mark.parametrize("folder", ["example-org+tables/repo", "example-org+tables", "tables"])
def test_the_pdf_is_found_by_its_blob_in_any_of_the_clone_layouts(tmp_path, folder):
    blob = _clone(tmp_path / "sources", folder, b"%PDF-1.4 the bytes")
    table = public.load(_good(tmp_path / "truth", blob=blob))
    assert public.pdf_bytes(tmp_path / "sources", table) == b"%PDF-1.4 the bytes"
    assert public.pdf_bytes(tmp_path / "elsewhere", table) is None


def test_each_tool_is_scored_by_its_best_table_on_the_page():
    half = [["Year", "Men", "Women"], ["2023", "10", "12"], ["2024", "11", "99"]]
    assert public.best(TRUTH, []) == 0.0
    assert public.best(TRUTH, [[["x"]], half]) == pytest.approx(8 / 9)
    assert public.best(TRUTH, [[["Table 1", "", ""], *TRUTH]]) == pytest.approx(9 / 12)


def test_the_section_has_a_row_per_table_the_means_and_the_tables_found(tmp_path):
    sources = tmp_path / "sources"
    blob = _clone(sources, "example-org+tables", b"%PDF-1.4 the bytes")
    tables = [public.load(_good(tmp_path / "truth", "example-a-p1", blob)),
              public.load(_good(tmp_path / "truth", "example-b-p1", "1" * 40))]  # fmt: skip
    seen = []

    def extract(pdf: Path, page: int) -> public.Tables:
        seen.append((pdf.read_bytes(), page))
        return {"reportparse": [TRUTH], "camelot lattice": [], "camelot stream": [TRUTH[:2]],
                "pdfplumber": [[row[:2] for row in TRUTH]]}  # fmt: skip

    lines = public.measure(tables, sources, extract)
    assert seen == [(b"%PDF-1.4 the bytes", 1)]
    assert lines[0] == "## Public tables (held out)"
    assert "never looked at while the engine was changed" in lines[2]
    assert lines[6:] == [
        "| example-a-p1 | held-out | ruled | 3x3 | 100.0% | 0.0% | 66.7% | 66.7% |",
        "| **mean cell accuracy, held-out (1)** | | | | **1.000** | **0.000** | **0.667** "
        "| **0.667** |",
        "| tables found, held-out | | | | 1/1 | 0/1 | 1/1 | 1/1 |",
        "",
        f"Sources: example-org/tables at {ZEROS}.",
        "",
        f"Skipped, their source not found under {sources}: 1 of 2 (example-b-p1 "
        "(example-org/tables)).",
        "",
    ]


def test_without_sources_the_section_says_it_was_not_measured(tmp_path):
    assert public.section(None) == [
        "## Public tables (held out)",
        "",
        "Not measured in this run (PUBLIC_TABLES_DIR is not set; the README says how to get "
        "the sources).",
        "",
    ]
    assert public.section(tmp_path / "none")[2].startswith(f"Not measured in this run ({tmp_path}")


def test_write_replaces_only_its_own_section(tmp_path):
    bench = tmp_path / "benchmark.md"
    bench.write_text(
        "# Benchmark\n\n## Held-out tables\n\nA\n\n## ICDAR 2013\n\nB\n", encoding="utf-8"
    )
    public.replace_section(bench, ["## Public tables (held out)", "", "first", ""])
    assert bench.read_text(encoding="utf-8") == (
        "# Benchmark\n\n## Held-out tables\n\nA\n\n## Public tables (held out)\n\nfirst\n\n"
        "## ICDAR 2013\n\nB\n"
    )
    public.replace_section(bench, ["## Public tables (held out)", "", "second", ""])
    assert bench.read_text(encoding="utf-8") == (
        "# Benchmark\n\n## Held-out tables\n\nA\n\n## Public tables (held out)\n\nsecond\n\n"
        "## ICDAR 2013\n\nB\n"
    )


def test_one_half_or_one_table_is_scored_alone(tmp_path):
    """``--half tuning`` and ``--only ID`` leave every other table out of the run: the
    held-out one is neither scored nor named."""
    root, sources = tmp_path / "truth", tmp_path / "sources"
    sources.mkdir()
    _good(root, "example-a-p1")
    tuning = SOURCE.replace('half = "held-out"', 'half = "tuning"').format(commit=ZEROS, blob=ZEROS)
    _entry(root, "example-t-p1", "a,b\n1,2\n", tuning)
    _entry(root, "example-u-p1", "a,b\n1,2\n", tuning)
    lines = public.section(sources, root, half="tuning")
    assert lines[-2] == (
        f"Skipped, their source not found under {sources}: 2 of 2 (example-t-p1 "
        "(example-org/tables), example-u-p1 (example-org/tables))."
    )
    lines = public.section(sources, root, only="example-u-p1")
    assert lines[-2] == (
        f"Skipped, their source not found under {sources}: 1 of 1 (example-u-p1 "
        "(example-org/tables))."
    )
    assert not [line for line in lines if "example-a-p1" in line]
