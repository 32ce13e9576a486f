"""``make fuzz``: property-based fuzzing of every reader for a bounded time each.

Runs the properties of ``tests/test_fuzz_readers.py`` (PDF bytes through the pipeline and the
table engine, saved HTML pages, the TOML specs as text and as data, a release's
datapackage.json) with fresh random inputs (hypothesis profile ``fuzz``), in batches of
``--batch`` examples with a new seed each, until ``--seconds`` have passed for that reader.
Every input is read in a bounded worker (the test module's FUZZ_TIMEOUT and FUZZ_MEMORY).
Exit status 1 if any reader crashed; the failing input is printed, and kept in hypothesis's
database (.hypothesis/) so that the next run tries it first. Make each crash a test: an
``@example`` in the test module, then fix it.

    python scripts/fuzz.py [--seconds 60] [--batch 40] [--only pdf]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULE = ROOT / "tests" / "test_fuzz_readers.py"
READERS = {
    "pdf": "test_any_pdf_bytes_are_read_or_refused",
    "html": "test_any_page_bytes_are_read_or_refused",
    "spec-data": "test_any_year_spec_is_loaded_or_refused",
    "spec-text": "test_any_spec_text_is_loaded_or_refused",
    "datapackage": "test_any_datapackage_json_of_a_release_is_read_or_refused",
}


def fuzz(name: str, test: str, seconds: float, batch: int) -> tuple[int, str]:
    """Batches of ``test`` until ``seconds`` have passed: (examples tried, failure or "")."""
    env = dict(os.environ, REPORTPARSE_FUZZ_PROFILE="fuzz", REPORTPARSE_FUZZ_EXAMPLES=str(batch))
    deadline = time.monotonic() + seconds
    tried = 0
    while time.monotonic() < deadline:
        seed = random.randrange(2**32)
        args = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-x",
                f"--hypothesis-seed={seed}", f"{MODULE}::{test}"]  # fmt: skip
        done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env)
        tried += batch
        if done.returncode != 0:
            return tried, f"seed {seed}:\n{done.stdout[-4000:]}"
    return tried, ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="time for each reader")
    ap.add_argument("--batch", type=int, default=40, help="examples per process")
    ap.add_argument("--only", choices=sorted(READERS), action="append", help="these readers")
    args = ap.parse_args()
    crashed = []
    for name in args.only or READERS:
        start = time.monotonic()
        tried, failure = fuzz(name, READERS[name], args.seconds, args.batch)
        took = time.monotonic() - start
        verdict = "CRASH" if failure else "no crash"
        print(f"{name}: {verdict} in about {tried} inputs, {took:.0f} s", flush=True)
        if failure:
            crashed.append(name)
            print(failure, flush=True)
    print("fuzz: " + (f"crashes in {', '.join(crashed)}" if crashed else "no reader crashed"))
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
