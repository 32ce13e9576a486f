"""The package's folders are layers: every import points down, and there is no cycle."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reportparse"

# Bottom to top. A module belongs to the longest prefix listed; it may import modules of
# its own layer or of layers below it, never above.
ROOT = "reportparse"
LAYERS = [
    # what everything shares: the records, the version, the published datasets' types in
    # each reader
    (
        "reportparse",
        "reportparse.model",
        "reportparse.published",
        "reportparse.platform_calls",  # which Linux-only calls to use (portable path)
    ),
    ("reportparse.contract",),  # schemas/: vocabularies, regions, named checks
    ("reportparse.specs",),  # spec files and their schema
    ("reportparse.text",),  # Norwegian quantities, sentences, key figures, classification
    ("reportparse.families",),  # a document's family and year from its content
    ("reportparse.mapping",),  # tidy observations, programme rules
    ("reportparse.readers",),  # readers and the assembly of a document
    ("reportparse.output",),  # merge, frames, validation, publish
    ("reportparse.run",),  # the run over raw/: inputs, workers, cache, manifest
    ("reportparse.qa",),  # inspect, pictures, the quality report
    ("reportparse.cli",),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> int:
    best, rank = "", None
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            # the package itself is no prefix: a new top-level module must be given a layer
            hit = module == prefix or (prefix != ROOT and module.startswith(prefix + "."))
            if hit and len(prefix) > len(best):
                best, rank = prefix, i
    assert rank is not None, f"{module} is in no layer"
    return rank


def _imports(module: str) -> set[str]:
    """Project modules that ``module`` imports, at the top or inside functions."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target] + [f"{target}.{a.name}" for a in node.names]
        else:
            continue
        found |= {n for n in names if n in MODULES and n != module}
    return found


GRAPH = {m: _imports(m) for m in MODULES}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    upward = sorted(i for i in GRAPH[module] if _layer(i) > _layer(module))
    assert upward == [], f"{module} (layer {_layer(module)}) imports from above: {upward}"


def test_no_import_cycle():
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for dep in sorted(GRAPH[module]):
            visit(dep, [*path, module])
        done.add(module)

    for module in sorted(GRAPH):
        visit(module, [])


def test_no_module_is_named_like_a_standard_library_module():
    clashes = sorted(m for m in MODULES if m.rpartition(".")[2] in sys.stdlib_module_names)
    assert clashes == []


def test_the_graph_is_read():
    """The checks above see real imports: the assembly imports families, specs and mapping."""
    assert {"reportparse.families", "reportparse.specs.load", "reportparse.mapping.tidy"} <= (
        GRAPH["reportparse.readers.assemble"]
    )
