"""What a command costs before it does anything: ``--help`` imports no library of the
pipeline, and on a terminal ``extract`` names the document it reads before it imports the
readers (a second or more), so its first line comes within a fraction of a second."""

from __future__ import annotations

import csv
import os
import pty
import shutil
import subprocess
import sys

import pytest

from reportparse.model import pad_rows
from reportparse.readers.document import read_tables
from reportparse.run.tables import english_id

from conftest import RAW

pytestmark = pytest.mark.process  # whole processes: `make test` and CI run them

HEAVY = ("pandas", "pandera", "numpy", "pyarrow", "pypdfium2", "pdfminer", "pdfplumber", "lxml")
COMMANDS = ["extract", "tables", "sources", "validate", "inspect", "report"]


@pytest.mark.parametrize("args", [[], *([c] for c in COMMANDS)], ids=["main", *COMMANDS])
def test_help_imports_nothing_heavy(args):
    code = (
        "import sys\n"
        "from reportparse.cli import main\n"
        "try:\n"
        f"    main({[*args, '--help']!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"


def _on_a_terminal(args: list[str]) -> str:
    """stderr of ``python -X importtime`` running the command on a pseudo-terminal: Python
    writes each import's line to stderr as the import ends, so the order of the lines says
    what was printed before which import, whatever the machine's speed."""
    code = "from reportparse.cli import main\nmain()\n"
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-c", code, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**os.environ, "COLUMNS": "200"},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed: the command has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=600)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_extract_names_its_first_document_before_importing_the_readers(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    # the smaller corpus PDF (a second less to read than the report): the subject is the order
    # of the first line and the imports, not the reading
    for name in ("imdi-integreringsloven-slides-2025.pdf", "imdi-nyhet-resultater-2023.html"):
        shutil.copy(RAW / name, raw / name)
    args = ["extract", "--raw", str(raw), "--out", str(tmp_path / "out"), "--no-cache"]
    err = _on_a_terminal(args)
    first = err.index("[0/2] reading imdi-integreringsloven-slides-2025.pdf ...")  # the larger
    imports = [line.split("|")[-1].strip() for line in err[:first].splitlines() if "|" in line]
    assert not [m for m in imports if m.split(".")[0] in HEAVY]
    later = [line.split("|")[-1].strip() for line in err[first:].splitlines() if "|" in line]
    assert {"pandas", "pypdfium2"} <= set(later)  # imported after the line, to read
    assert "[2/2] " in err[first:]


def test_tables_reads_and_writes_without_pandas_pandera_or_simplemma(tmp_path):
    """``reportparse tables`` needs the PDF engine alone: neither the frames and validation of
    ``extract`` (pandas, pandera, pyarrow) nor the classification of key figures
    (simplemma) is imported by it, in its process or in the workers it forks."""
    pdf = RAW / "imdi-integreringsloven-slides-2025.pdf"
    code = (
        "import sys\n"
        "from reportparse.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "print(code, sorted(m for m in ('pandas', 'pandera', 'pyarrow', 'simplemma', 'lxml')\n"
        "                   if m in sys.modules))\n"
    )
    args = ["tables", str(pdf), "--out", str(tmp_path / "out"), "--jobs", "1", "-q"]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "0 []", done.stderr
    folder = tmp_path / "out" / pdf.stem
    written = sorted(p.name for p in folder.iterdir())
    tables = {english_id(t.table_id): t for t in read_tables(pdf.read_bytes())}
    assert written == sorted([".reportparse-output", "tables.json", *(f"{t}.csv" for t in tables)])
    for table_id, t in tables.items():
        with open(folder / f"{table_id}.csv", encoding="utf-8", newline="") as f:
            assert list(csv.reader(f)) == pad_rows(t.cells)
