"""The fuzzer's section of ``make bench`` (scripts/fuzzbench.py): its counting of the
engine's reasons and its writing into docs/benchmark.md beside the other sections."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import fuzzbench


def test_a_message_is_cut_into_its_problems_without_the_spec_notice():
    message = (
        "no spec for 2026; read with the 2025 spec; expected table 'resultat-fylker' (caption "
        "like /fylke/) not found (read with specs/nokkeltall/2025.toml); captions found: none; "
        "figur-2a is incomplete: two bars in '2021'"
    )
    assert fuzzbench.problems(message) == [
        "expected table 'resultat-fylker' (caption like /fylke/) not found (read with "
        "specs/nokkeltall/2025.toml); captions found: none",
        "figur-2a is incomplete: two bars in '2021'",
    ]
    assert fuzzbench._reason("figur-2a is incomplete: two bars in '2021'") == (
        "figur-…a is incomplete: two bars in …"
    )


def test_the_section_replaces_its_own_and_leaves_the_rest(tmp_path):
    path = tmp_path / "benchmark.md"
    path.write_text("# Benchmark\n\n## Timings\n\nfast\n\n## ICDAR\n\nscores\n", encoding="utf-8")
    fuzzbench.replace_section(path, ["## Layout fuzzer", "", "first", ""])
    assert path.read_text(encoding="utf-8") == (
        "# Benchmark\n\n## Timings\n\nfast\n\n## ICDAR\n\nscores\n\n## Layout fuzzer\n\nfirst\n"
    )
    fuzzbench.replace_section(path, ["## Layout fuzzer", "", "second", ""])
    assert path.read_text(encoding="utf-8").endswith("## Layout fuzzer\n\nsecond\n")
    path.write_text("# B\n\n## Layout fuzzer\n\nold\n\n## ICDAR\n\nscores\n", encoding="utf-8")
    fuzzbench.replace_section(path, ["## Layout fuzzer", "", "new", ""])
    assert (
        path.read_text(encoding="utf-8") == "# B\n\n## Layout fuzzer\n\nnew\n\n## ICDAR\n\nscores\n"
    )
