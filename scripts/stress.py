"""The full-size reliability cases that the tests build small (``make stress``).

    python scripts/stress.py [--rounds N] [--skip bombs,kills,concurrent,orphans] [--legacy]

- bombs: a PDF that inflates to 9 GiB read with the default --max-memory, one worker
  and then two at once: each fails alone as too large; time to fail and peak memory.
- kills: a publisher SIGKILLed at random moments while it publishes again and again; a
  watcher checks all the while that a whole output folder is in place, and the next
  publish cleans up. ``--legacy`` runs the same against the two-rename publish that this
  replaces, to show that the watcher sees the gap.
- concurrent: runs publishing into one folder at once, waiting for the lock or not.
- orphans: runs with two workers killed with SIGKILL or SIGTERM; no worker may remain.

Publishing and reading use stand-ins (a writer of an output of the corpus's size, a reader
that extracts every page's text with pdfplumber) until the pipeline calls these modules.
Exit status 1 if any guarantee was broken.
"""

from __future__ import annotations

import argparse
import io
import json
import mmap
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from reportparse.output.outdir import MARKER, PACKAGE_NAME, Target  # noqa: E402
from reportparse.output.swap import PublishError, publish_folder  # noqa: E402
from reportparse.run.limits import DEFAULT_MAX_MEMORY, GiB, format_size  # noqa: E402
from reportparse.run.workers import run_each  # noqa: E402

import bombs  # noqa: E402

# an output the size of extracted/ (31 files, 312 KiB)
FILES = [f"dataset-{i:02}.csv" for i in range(20)] + [f"tables/doc/t{i}.csv" for i in range(10)]
FILE_SIZE = 10_000


def write_output(version: int):
    def write(folder: Path) -> None:
        for path in FILES:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            body = f"version\n{version}\n".ljust(FILE_SIZE, "x")
            (folder / path).write_text(body, encoding="utf-8")
        package = {"name": PACKAGE_NAME, "resources": [{"path": p} for p in FILES]}
        (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")

    return write


def whole(out: Path) -> str:
    """'' if ``out`` holds one whole version, else what is wrong ("missing", "partial",
    "mixed"); a folder swapped out while it was being read counts as whole."""
    try:
        fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return "missing"
    try:
        versions = set()
        try:
            os.stat(MARKER, dir_fd=fd)
            for path in FILES:
                f = os.open(path, os.O_RDONLY, dir_fd=fd)
                versions.add(os.read(f, 32).split(b"\n")[1])
                os.close(f)
            problem = "" if len(versions) == 1 else "mixed"
        except FileNotFoundError:
            problem = "partial"
        if problem:  # a real problem only if the folder is still the one in place
            try:
                current = os.stat(out).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                return "missing"
            return problem if current else ""
        return ""
    finally:
        os.close(fd)


# ---------------------------------------------------------------- bombs


def read_pdf(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
        return sum(len(page.chars) for page in pdf.pages)


def bombs_case(work: Path) -> list[str]:
    broken = []
    size = 9 * GiB
    paths = []
    for name in ("bomb-1.pdf", "bomb-2.pdf"):
        paths.append(work / name)
        paths[-1].write_bytes(bombs.inflating_pdf(size))
    print(f"bombs: {paths[0].stat().st_size} bytes inflating to {format_size(size)}, "
          f"--max-memory {format_size(DEFAULT_MAX_MEMORY)}")  # fmt: skip
    available = _available()
    for jobs in (1, 2):
        if available < jobs * DEFAULT_MAX_MEMORY + 2 * GiB:
            print(f"  --jobs {jobs}: not run, {format_size(available)} available")
            continue
        start = time.perf_counter()
        done = list(run_each(read_pdf, paths[:jobs], jobs=jobs, timeout=600))
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        for f in done:
            print(f"  --jobs {jobs}: {f.path.name}: {f.error or 'read?!'} after {f.seconds:.1f} s")
            if not f.error.startswith("too large: needed more than"):
                broken.append(f"bomb {f.path.name} with --jobs {jobs}: {f.error or 'read'}")
        print(f"  --jobs {jobs}: all failed after {seconds:.1f} s; "
              f"largest worker so far {format_size(peak)} resident")  # fmt: skip
    return broken


def _available() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return 0


# ---------------------------------------------------------------- kills


def legacy_publish(target: Target, write, step) -> None:
    """The publish this replaces: rename the output away, then the new one in."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    (tmp / MARKER).write_text("{}")
    write(tmp)
    step("written")
    os.chmod(tmp, 0o755)
    if target.path.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.path.rename(old)
        step("between renames")
        tmp.rename(target.path)
        step("swapped")
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(target.path)
    step("done")


def publisher(target: Target, shared: mmap.mmap, legacy: bool) -> None:
    """Publish version after version until killed, writing the current step to ``shared``."""

    def step(name: str) -> None:
        shared[:32] = name.encode().ljust(32)

    version = 0
    while True:
        version += 1
        step("start")
        if legacy:
            legacy_publish(target, write_output(version), step)
        else:
            publish_folder(target, write_output(version), step=step)


def kills_case(work: Path, rounds: int, legacy: bool) -> list[str]:
    label = "kills (legacy two renames)" if legacy else "kills"
    target = Target(work / ("legacy" if legacy else "swap"), "extracted")
    target.parent.mkdir()
    publish_folder(target, write_output(0))
    shared = mmap.mmap(-1, 32)
    at: dict[str, int] = {}
    seen: dict[str, int] = {}
    checks = 0
    leftovers_after_next = 0
    rng = random.Random(14)
    for _ in range(rounds):
        pid = os.fork()
        if pid == 0:  # pragma: no cover (child)
            try:
                publisher(target, shared, legacy)
            finally:
                os._exit(1)
        deadline = time.monotonic() + rng.uniform(0.0, 0.3)
        while time.monotonic() < deadline:
            problem = whole(target.path)
            checks += 1
            if problem:
                seen[problem] = seen.get(problem, 0) + 1
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        point = shared[:32].decode().strip()
        at[point] = at.get(point, 0) + 1
        problem = whole(target.path)
        checks += 1
        if problem:
            seen[problem] = seen.get(problem, 0) + 1
            if legacy:  # the old code never restores: put it back for the next round
                shutil.rmtree(target.path, ignore_errors=True)
                publish_folder(target, write_output(0))
    left = [p.name for p in target.parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name]
    notices: list[str] = []
    publish_folder(target, write_output(-1), notice=notices.append)
    leftovers_after_next = sum(
        1 for p in target.parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name
    )
    kills = ", ".join(f"{k} {v}" for k, v in sorted(at.items(), key=lambda kv: -kv[1]))
    print(f"{label}: {rounds} SIGKILLs ({kills}); {checks} checks of the output in place")
    print(f"  output not whole: {seen or 'never'}; before the last publish "
          f"{len(left)} leftover(s), after it {leftovers_after_next}")  # fmt: skip
    for line in notices:
        if "left by a killed run" not in line:
            print(f"  {line}")
    broken = []
    if not legacy and seen:
        broken.append(f"kills: the output was not whole {seen}")
    if leftovers_after_next and not legacy:
        broken.append(f"{label}: {leftovers_after_next} leftover(s) after a clean publish")
    return broken


# ---------------------------------------------------------------- concurrent runs


def concurrent_case(work: Path, runs: int, publishes: int) -> list[str]:
    broken = []
    for wait in (600.0, 0.0):
        target = Target(work / f"concurrent-{wait:g}", "extracted")
        target.parent.mkdir()
        pids = []
        for n in range(runs):
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover (child)
                os.close(r)
                failures = []
                for k in range(publishes):
                    try:
                        publish_folder(target, write_output(n * 1000 + k), lock_wait=wait)
                    except PublishError as exc:
                        failures.append(str(exc))
                os.write(w, json.dumps(failures).encode())
                os._exit(0)
            os.close(w)
            pids.append((pid, r))
        failures = []
        for pid, r in pids:
            with os.fdopen(r, "rb") as f:
                failures += json.loads(f.read())
            os.waitpid(pid, 0)
        state = whole(target.path) or "whole"
        left = [p.name for p in target.parent.iterdir() if ".tmp-" in p.name]
        print(f"concurrent (--lock-wait {wait:g} s): {runs} runs x {publishes} publishes, "
              f"{len(failures)} refused, output {state}, {len(left)} leftover(s)")  # fmt: skip
        if failures:
            print(f"  e.g. {failures[0]}")
        ok_messages = all(" is publishing into " in f and "gave up after" in f for f in failures)
        if state != "whole" or left or not ok_messages or (wait > 0 and failures):
            broken.append(f"concurrent --lock-wait {wait:g}: {state}, {left}, {failures[:1]}")
    return broken


# ---------------------------------------------------------------- orphans


def orphans_case(rounds: int) -> list[str]:
    sleepers = ROOT / "tests" / "sleepers.py"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]))
    left = 0
    for n in range(rounds):
        sig = signal.SIGKILL if n % 2 == 0 else signal.SIGTERM
        run = subprocess.Popen(
            [sys.executable, str(sleepers), "2"], stdout=subprocess.PIPE, env=env
        )
        pids = [int(run.stdout.readline()) for _ in range(2)]
        run.send_signal(sig)
        run.wait()
        deadline = time.monotonic() + 60
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        alive = [p for p in pids if _alive(p)]
        left += len(alive)
        for p in alive:
            os.kill(p, signal.SIGKILL)
    print(f"orphans: {rounds} runs with 2 workers killed (SIGKILL, SIGTERM in turn): "
          f"{left} worker(s) outlived their run")  # fmt: skip
    return [f"orphans: {left} workers outlived their run"] if left else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=200, help="SIGKILLs while publishing")
    ap.add_argument("--skip", default="", help="cases not to run, comma-separated")
    ap.add_argument("--legacy", action="store_true", help="also kill the two-rename publish")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    broken: list[str] = []
    with tempfile.TemporaryDirectory(prefix="stress-") as tmp:
        work = Path(tmp)
        if "bombs" not in skip:
            broken += bombs_case(work)
        if "kills" not in skip:
            broken += kills_case(work, args.rounds, legacy=False)
            if args.legacy:
                broken += kills_case(work, args.rounds, legacy=True)
        if "concurrent" not in skip:
            broken += concurrent_case(work, runs=4, publishes=10)
        if "orphans" not in skip:
            broken += orphans_case(rounds=20)
    for line in broken:
        print(f"BROKEN: {line}")
    print("stress: " + ("guarantees broken" if broken else "every guarantee held"))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
