"""A table's status is decided in one module (``readers/fate.py``): a later step only lowers
it, and what is said of a table comes from its record."""

from __future__ import annotations

from reportparse.model import (
    DocumentResult,
    Observation,
    Source,
    SourceKind,
    Table,
    TableKind,
    TableMethod,
    TableStatus,
)
from reportparse.readers import fate
from reportparse.readers.assemble import observations
from reportparse.specs.load import load_spec

FAILED_WHY = "its text makes no table of two columns"
# a county table as the 2025 spec's entry 'resultat-fylker' maps it, whole but for its status
CELLS = [["Fylke", "Kvinner", "Menn"], ["Oslo", "55", "61"], ["Hele landet", "54", "60"]]


def _table(status: TableStatus, reason: str = "", kind: TableKind = TableKind.TABLE) -> Table:
    return Table(
        table_id="tabell-2",
        caption="Tabell 2: Overgang til arbeid og utdanning per fylke",
        pages=[3],
        method=TableMethod.WHITESPACE,
        status=status,
        cells=[list(r) for r in CELLS],
        header_rows=1,
        reason=reason,
        kind=kind,
    )


def _result(*tables: Table) -> DocumentResult:
    source = Source(source_id="doc", file="doc.pdf", sha256="0" * 64, kind=SourceKind.PDF)
    return DocumentResult(source=source, tables=list(tables))


def test_the_mapping_step_cannot_turn_a_failed_table_into_an_extracted_one():
    failed = _table(TableStatus.FAILED, FAILED_WHY)
    result = _result(failed)
    out = observations(result, load_spec("nokkeltall", 2025), 2025)
    assert (failed.status, failed.reason, failed.spec) == (TableStatus.FAILED, FAILED_WHY, None)
    assert [o for o in out if o.table_id == "tabell-2"] == []
    assert result.problems[-1] == f"tabell-2: {FAILED_WHY}"


def test_a_verdict_only_ever_lowers_a_status_and_keeps_the_earlier_reason():
    failed = _table(TableStatus.FAILED, FAILED_WHY)
    assert fate.settle(failed, TableStatus.EXTRACTED, "") is False
    assert fate.unmapped(failed, "is not mapped") is False
    assert fate.incomplete(failed, "lacks Oslo") is False
    assert (failed.status, failed.reason) == (TableStatus.FAILED, FAILED_WHY)
    read = _table(TableStatus.EXTRACTED)
    assert fate.incomplete(read, "lacks Agder") is True
    assert fate.unmapped(read, "is not mapped") is False
    assert (read.status, read.reason) == (TableStatus.INCOMPLETE, "lacks Agder")


def test_a_withheld_table_gives_no_observations_and_makes_its_document_partial():
    read = _table(TableStatus.EXTRACTED)
    result = _result(read)
    kept = Observation(
        "participants",
        2025,
        "00",
        "Hele landet",
        "alle",
        "alle",
        "alle",
        "alle",
        "alle",
        10.0,
        "persons",
        False,
        "doc",
        4,
        'sentence "10 deltakere"',
    )
    mine = Observation(
        "participants",
        2025,
        "03",
        "Oslo",
        "alle",
        "alle",
        "alle",
        "alle",
        "alle",
        55.0,
        "persons",
        False,
        "doc",
        3,
        "tabell-2 r1 c1",
        table_id="tabell-2",
    )
    result.observations = [kept, mine]
    assert fate.withhold(result, read, "lacks Agder") is True
    assert result.observations == [kept]
    assert result.problems == ["tabell-2: lacks Agder"]
    assert fate.withhold(result, read, "lacks Agder") is False  # said once
    assert result.problems == ["tabell-2: lacks Agder"]


def test_notices_and_problems_come_from_the_record_alone():
    assert fate.notice(_table(TableStatus.UNMAPPED, "is not mapped by x.toml")) == (
        "tabell-2 is not mapped by x.toml"
    )
    chart = _table(TableStatus.INCOMPLETE, "no legend", TableKind.FIGURE)
    assert fate.notice(chart) == "tabell-2 is incomplete: no legend"
    assert fate.problem(chart) is None  # a chart never keeps its document partial
    assert fate.problem(_table(TableStatus.FAILED, FAILED_WHY)) == f"tabell-2: {FAILED_WHY}"
    assert fate.notice(_table(TableStatus.EXTRACTED)) is None
    assert fate.problem(_table(TableStatus.IMAGE_ONLY)) is None
