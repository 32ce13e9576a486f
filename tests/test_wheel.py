"""The package as pip installs it: a wheel, built from a copy of the sources, installed into a
fresh virtual environment, reads a copy of raw/ in another folder and validates what it wrote,
with the contract (schemas/) and the specs it ships."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys

import pytest

from conftest import RAW, ROOT

BUILD_FILES = ["pyproject.toml", "setup.py", "README.md", "src", "schemas"]


def _run(command: list, cwd=None, env=None) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env)
    assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
    return done


@pytest.mark.slow
def test_a_wheel_installed_elsewhere_extracts_and_validates(tmp_path):
    source = tmp_path / "source"  # a copy: building leaves nothing in the checkout
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in BUILD_FILES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=ignore)
        else:
            shutil.copy(path, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "wheel", "--no-deps", "-w", tmp_path / "dist", source])
    (wheel,) = (tmp_path / "dist").glob("reportparse-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    # the dependencies as pip's configuration finds them (its cache keeps this local)
    _run([*pip, "--python", python, "install", "--quiet", "--no-compile", wheel])

    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(RAW, elsewhere / "raw")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "REPORTPARSE_SCHEMAS")}
    where = _run(
        [python, "-c", "import reportparse.contract.paths as p; print(p.schemas_dir())"],
        cwd=elsewhere,
        env=env,
    )
    assert where.stdout.strip().startswith(str(venv / "lib"))
    command = venv / "bin" / "reportparse"
    committed = ROOT / "extracted"

    def rows(name: str) -> int:
        with open(committed / f"{name}.csv", encoding="utf-8", newline="") as f:
            return sum(1 for _ in csv.reader(f)) - 1

    def conflicts() -> int:  # conflicts.csv has a row per value and place; n 1 per key
        with open(committed / "conflicts.csv", encoding="utf-8", newline="") as f:
            return sum(1 for row in csv.DictReader(f) if row["n"] == "1")

    done = _run([command, "extract", "--no-cache", "--jobs", "2"], cwd=elsewhere, env=env)
    assert done.stdout == (
        f"published extracted: 5 document(s), {rows('observations')} observations, "
        f"{conflicts()} conflicts\n"
    )
    done = _run([command, "validate"], cwd=elsewhere, env=env)
    printed = len(list((committed / "tables").rglob("*.csv")))
    assert done.stdout == (
        f"extracted: 15 datasets and {printed} printed tables are valid, every file as published\n"
    )
    done = _run([command, "sources", "--format", "csv", "--no-cache"], cwd=elsewhere, env=env)
    assert [row["status"] for row in csv.DictReader(io.StringIO(done.stdout))] == ["ok"] * 5
    # the text the installed package writes is the committed text, byte for byte
    published = elsewhere / "extracted"
    texts = sorted(p.relative_to(published) for p in published.rglob("*.csv"))
    assert texts == sorted(
        p.relative_to(ROOT / "extracted") for p in (ROOT / "extracted").rglob("*.csv")
    )
    for path in texts:
        assert (published / path).read_bytes() == (ROOT / "extracted" / path).read_bytes(), path
