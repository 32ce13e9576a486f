"""Runs whose workers never finish: each worker prints its pid, then sleeps. Started as a
script by the tests, which then kill the run and look for its workers.

    python sleepers.py JOBS [--no-deathsig]   # run_each over JOBS sleeping workers
    python sleepers.py extract RAW OUT        # `reportparse extract`, every document sleeping
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from reportparse.run import limits, workers


def sleep_forever(*args) -> None:
    os.write(1, f"{os.getpid()}\n".encode())
    while True:
        time.sleep(3600)


def main() -> int:
    if sys.argv[1] == "extract":
        from reportparse import cli
        from reportparse.run import pipeline

        pipeline.read_document = sleep_forever
        raw, out = sys.argv[2:4]
        return cli.main(["extract", "--raw", raw, "--out", out, "--no-cache"])
    jobs = int(sys.argv[1])
    if "--no-deathsig" in sys.argv:
        limits.die_with_parent = lambda parent: None  # the control: without the fix
        limits.watch_parent = lambda parent, lifeline: None  # nor its portable stand-in
    paths = [Path(f"doc-{i}") for i in range(jobs)]
    try:
        with limits.sigterm_as_interrupt():
            for _ in workers.run_each(sleep_forever, paths, jobs=jobs, timeout=None):
                pass
    except limits.Terminated as exc:
        return 128 + exc.signum
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
