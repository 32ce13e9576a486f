"""Property-based fuzzing of every reader (issue 22, item 7): PDF bytes, saved HTML pages, the
TOML specs and a previous release's datapackage.json.

Each input is mutated from a sound seed by hypothesis and read in a bounded worker process,
as a run reads a document (``run_each``: FUZZ_TIMEOUT seconds, FUZZ_MEMORY bytes). The
property: a reader either reads the input or refuses it with its own one-line reason; it
never raises anything else (an "internal error"). A worker stopped by its time or memory
bound is within the guarantees: the bound held.

``make test`` runs the short seed corpus (profile ``seed``: derandomized, a few examples per
reader); ``make fuzz`` (``scripts/fuzz.py``) runs the same properties with fresh random
inputs for a bounded time per reader. Every crash found is kept below as an ``@example``.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reportparse.model import DocumentError, DocumentResult, Source
from reportparse.readers.document import read_tables
from reportparse.readers.web.page import read_page
from reportparse.run.limits import MiB
from reportparse.run.pipeline import read_or_fail
from reportparse.run.tables import read_file
from reportparse.run.workers import run_each

import bombs
from conftest import ROOT

pytestmark = pytest.mark.process  # whole processes: `make test` and CI run them

FUZZ_TIMEOUT = 20.0  # s per input: a seed reads in well under a second
FUZZ_MEMORY = 512 * MiB  # per input, on top of what a worker starts with
SPECS = ROOT / "src" / "reportparse" / "specs"
PACKAGE = ROOT / "extracted"

settings.register_profile(
    "seed",
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("REPORTPARSE_FUZZ_EXAMPLES", "50")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("REPORTPARSE_FUZZ_PROFILE", "seed"))


def _table_pdf() -> bytes:
    """A small PDF with a caption and a table of three columns."""
    lines = [b"BT /F1 11 Tf 72 760 Td (Tabell 1: Deltakere etter fylke, 2024) Tj ET"]
    rows = [(b"Fylke", b"Menn", b"Kvinner"), (b"Oslo", b"1 234", b"1 456"),
            (b"Viken", b"987", b"1 012"), (b"Hele landet", b"4 321", b"4 654")]  # fmt: skip
    for i, row in enumerate(rows):
        y = 730 - 16 * i
        for x, cell in zip((72, 250, 350), row, strict=True):
            lines.append(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (x, y, cell))
    return bombs.pdf([bombs.stream(b"\n".join(lines))])


PDF_SEEDS = [bombs.text_pdf(), _table_pdf()]
HTML_SEEDS = [(ROOT / "tests" / "pages" / name).read_bytes()
              for name in ("annet-tolking.html", "nyhet-2020.html")]  # fmt: skip


@st.composite
def mutated_bytes(draw, seeds: list[bytes]) -> bytes:
    """A seed with a few bytes flipped, removed, repeated or inserted, or cut short."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "delete", "insert", "repeat", "cut", "token"]))
        if op == "flip":
            data[at] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(1, 50))
        elif op == "cut":
            del data[at:]
        else:  # a token of the format where a reader decides something
            token = draw(st.sampled_from([
                b"<<", b">>", b"[", b"]", b"obj", b"endobj", b"stream", b"endstream", b"R",
                b"/Length 999999", b"/Filter /FlateDecode", b"-1", b"1e308", b"(", b")",
                b"<table>", b"</table>", b"<td colspan=99999>", b"<tr>", b"<script>", b"<!--",
                b"<p>", b"</div>", b"&#0;", b"\x00", b"<th rowspan=0>", b"Tabell 1:",
            ]))  # fmt: skip
            data[at:at] = token
    return bytes(data)


def _read_in_worker(name: str, data: bytes, reader=read_or_fail) -> str:
    """Read ``data`` as the file ``name`` of a raw folder in a bounded worker: "ok", the
    reason it was refused, or the bound that stopped it. Fails on an internal error."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        [done] = run_each(reader, [path], jobs=1, timeout=FUZZ_TIMEOUT, max_memory=FUZZ_MEMORY)
    if done.error:
        assert done.error.startswith(("timed out:", "too large:")), done.error
        return done.error
    return _verdict(done.value)


def _verdict(value) -> str:
    if isinstance(value, str):  # the table engine's reason
        assert "\n" not in value and not value.startswith("internal error"), value
        return value
    if isinstance(value, list):  # the table engine's tables
        return f"{len(value)} tables"
    if isinstance(value, Source):
        assert not value.message.startswith("internal error"), value.message
        assert "\n" not in value.message
        return value.message
    assert isinstance(value, DocumentResult)
    return "ok"


# ---------------------------------------------------------------- PDF bytes


def test_the_pdf_seeds_are_read():
    """Neither seed is of a family: the pipeline refuses them in one line, the table engine
    reads the table."""
    assert [_read_in_worker("seed.pdf", seed) for seed in PDF_SEEDS] == [
        "unknown kind of document; its first page begins: 'Tabell 1: 1 234 personer'",
        "unknown kind of document; its first page begins: 'Tabell 1: Deltakere etter fylke, "
        "2024 Fylke Menn Kvinner Oslo 1 234 1 456 Viken '",
    ]
    assert _read_in_worker("seed.pdf", PDF_SEEDS[1], read_file) == "1 tables"


# found by make fuzz: a page whose /Resources key lost its slash drew glyphs without widths
# in pdfminer, and the table engine's header search indexed an empty column list (IndexError)
NO_RESOURCES = _table_pdf().replace(b"4 0 R /Resources", b"4 0 R \x00Resources")


@given(mutated_bytes(PDF_SEEDS))
@example(b"%PDF-1.7\n")
@example(bombs.huge_length_pdf())
@example(NO_RESOURCES)
def test_any_pdf_bytes_are_read_or_refused(data):
    _read_in_worker("fuzz.pdf", data)  # by the pipeline
    _read_in_worker("fuzz.pdf", data, read_file)  # by the table engine


def test_a_table_whose_resources_lost_their_key_is_read_whole():
    """PDFium finds the fonts of a page whose /Resources key lost its slash by their names
    (pdfminer drew its glyphs without widths): the table reads as printed."""
    [table] = read_tables(NO_RESOURCES, None)
    assert (table.table_id, table.status, table.reason, table.cells) == (
        "tabell-1",
        "extracted",
        "",
        [
            ["Fylke", "Menn", "Kvinner"],
            ["Oslo", "1 234", "1 456"],
            ["Viken", "987", "1 012"],
            ["Hele landet", "4 321", "4 654"],
        ],
    )


# ---------------------------------------------------------------- saved HTML pages


# found by make fuzz: libxml2's message quotes the page, newlines and all
CHARSET_OF_TWO_LINES = (
    b'\x00!DOCTYPE html>\n<html lang="nb">\n<h\x80ad>\n<meta charset="\x00!DOCTYPE html>\n'
    b'<html lang="nb">\n<h\x80ad>\n<meta charset="utf-8">\n<title>x</title>\n</head>\n'
    b"<body><p>I 2022 var 1 i arbeid.</p>\n</body>\n</html>\n"
)


@given(mutated_bytes(HTML_SEEDS))
@example(CHARSET_OF_TWO_LINES)
@example(b"<html>")
@example(b"<!DOCTYPE html><html><body><article><p>I 2024 var 1 234 i arbeid.</p></html>")
def test_any_page_bytes_are_read_or_refused(data):
    _read_in_worker("fuzz.html", data)


def test_a_parser_message_quoting_several_lines_is_one_line():
    with pytest.raises(DocumentError) as caught:
        read_page(CHARSET_OF_TWO_LINES)
    assert str(caught.value) == (
        "page not read whole: the HTML parser stopped at line 5 "
        "(Unsupported encoding: \ufffd!DOCTYPE html> <html lang=)"
    )


# ---------------------------------------------------------------- TOML specs

LEAVES = st.one_of(
    st.booleans(),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["(", "[a-", "*", "\\", "tabell", "alle", "00", "percent", "x" * 300]),
    st.lists(st.text(max_size=6), max_size=3),
    st.dictionaries(st.text(max_size=6), st.integers(), max_size=2),
)


def _places(data, at=()):
    """Every (container, key) of a parsed TOML document."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        yield data, key
        if isinstance(value, dict | list) and value:
            yield from _places(value, (*at, key))


@st.composite
def mutated_toml(draw, seeds: list[dict]):
    data = copy.deepcopy(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        places = list(_places(data))
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        op = draw(st.sampled_from(["replace", "delete", "add"]))
        if op == "replace":
            container[key] = draw(LEAVES)
        elif op == "delete":
            del container[key]
        elif isinstance(container, dict):
            container[draw(st.text(min_size=1, max_size=8))] = draw(LEAVES)
        else:
            container.append(draw(LEAVES))
    return data


SPEC_SEEDS = [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(SPECS.glob("*/*.toml"))]


def _spec_verdict(path: Path) -> str:
    """Load the spec in ``path`` as a year spec (in a worker): "ok" or its SpecError."""
    from reportparse.specs.load import SpecError, YearSpec, _checked

    try:
        _checked(YearSpec, json.loads(path.read_text(encoding="utf-8")), "fuzz/2025.toml")
    except SpecError as exc:
        return str(exc)
    return "ok"


@given(mutated_toml(SPEC_SEEDS))
def test_any_year_spec_is_loaded_or_refused(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "spec.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        [done] = run_each(_spec_verdict, [path], jobs=1, timeout=FUZZ_TIMEOUT,
                          max_memory=FUZZ_MEMORY)  # fmt: skip
    if done.error:
        assert done.error.startswith(("timed out:", "too large:")), done.error
    else:
        assert done.value == "ok" or done.value.startswith("specs/fuzz/2025.toml: ")


def _toml_text_verdict(path: Path) -> str:
    from reportparse.specs.load import SpecError, spec_folder, year_spec

    with spec_folder(path.parent):
        try:
            year_spec("fuzz", 2025)
        except SpecError as exc:
            return str(exc)
    return "ok"


@given(mutated_bytes([p.read_bytes() for p in sorted(SPECS.glob("*/*.toml"))]))
@example(b"\x80# a spec file that is not UTF-8\n")  # found: was UnicodeDecodeError
def test_any_spec_text_is_loaded_or_refused(data):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "fuzz").mkdir()
        path = Path(tmp) / "fuzz" / "2025.toml"
        path.write_bytes(data)
        [done] = run_each(_toml_text_verdict, [path.parent], jobs=1, timeout=FUZZ_TIMEOUT,
                          max_memory=FUZZ_MEMORY)  # fmt: skip
    if done.error:
        assert done.error.startswith(("timed out:", "too large:")), done.error
    else:
        assert done.value == "ok" or done.value.startswith("specs/fuzz/2025.toml: ")


# ---------------------------------------------------------------- a release's datapackage.json

PACKAGE_SEED = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))


def _release_verdict(folder: Path) -> str:
    """Read ``folder`` as the previous release, and keep the rows of every document of it as
    if each failed now: "ok" or why the release cannot be read."""
    from reportparse.run.stale import PreviousUnreadable, keep, previous_release

    try:
        previous = previous_release(folder)
        if previous is not None and "file" in previous.frames["sources"].columns:
            files = {str(f): "failed" for f in previous.frames["sources"]["file"]}
            keep(previous, files, ["programme_rules"])
    except PreviousUnreadable as exc:
        return str(exc)
    return "ok"


@given(mutated_toml([PACKAGE_SEED]))
@example(
    {
        **PACKAGE_SEED,
        "resources": [
            {
                "path": "../../../../etc/passwd",
                "format": "csv",
                "name": "sources",
                "schema": {"fields": []},
            }
        ],
    }
)
def test_any_datapackage_json_of_a_release_is_read_or_refused(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "extracted"
        shutil.copytree(PACKAGE, folder)
        (folder / "datapackage.json").write_text(json.dumps(data), encoding="utf-8")
        [done] = run_each(_release_verdict, [folder], jobs=1, timeout=FUZZ_TIMEOUT,
                          max_memory=FUZZ_MEMORY)  # fmt: skip
    if done.error:
        assert done.error.startswith(("timed out:", "too large:")), done.error
    else:
        assert "\n" not in done.value


def test_a_resource_path_out_of_the_release_is_never_read():
    [value] = [_release_verdict_of({"path": "../outside.csv"})]
    assert value == "the resource path '../outside.csv' leaves the folder"
    assert _release_verdict_of({"path": "/etc/passwd"}) == (
        "a resource path is not a relative path: '/etc/passwd'"
    )


def _release_verdict_of(resource: dict) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "extracted"
        shutil.copytree(PACKAGE, folder)
        (Path(tmp) / "outside.csv").write_text("source_id\nsecret\n")
        package = {**PACKAGE_SEED, "resources": [*PACKAGE_SEED["resources"], resource]}
        (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
        return _release_verdict(folder)


def test_a_spec_file_that_is_not_utf8_is_refused_in_one_line(tmp_path):
    """The first crash the fuzzer found: a spec file that is not UTF-8 raised
    UnicodeDecodeError."""
    (tmp_path / "fuzz").mkdir()
    (tmp_path / "fuzz" / "2025.toml").write_bytes(b"\x80# not UTF-8\n")
    assert _toml_text_verdict(tmp_path / "fuzz") == (
        "specs/fuzz/2025.toml: not UTF-8 text (byte 0)"
    )
