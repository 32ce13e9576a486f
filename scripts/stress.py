"""The full-size reliability cases that the tests build small (``make stress``).

    python scripts/stress.py [--rounds N] [--skip bombs,kills,runs,concurrent,orphans]
                             [--legacy]

- bombs: a PDF that inflates to 9 GiB, read by ``reportparse extract`` with the default
  --max-memory and --timeout beside a corpus report, with --jobs 1 and with two bombs and
  --jobs 2: each bomb fails alone as too large, the report is published; time to fail and
  the largest worker's resident memory.
- kills: a publisher SIGKILLed at random moments while it publishes (output/swap.py) again
  and again an output the size of extracted/; a watcher checks all the while that a whole
  output folder is in place, and the next publish cleans up. ``--legacy`` runs the same
  against the two-rename publish this replaced, to show that the watcher sees its gap.
- runs: ``reportparse extract`` over raw/ (from a warm cache) SIGKILLed at random moments,
  the same watcher comparing every file with a reference run's; then a clean run.
- concurrent: publishers, then ``reportparse extract`` runs, into one folder at once,
  waiting for the lock or not (--lock-wait 0).
- orphans: runs whose two workers never finish (sleeping, or inflating bombs in a real
  ``extract``) killed with SIGKILL or SIGTERM; no worker may remain.

Exit status 1 if any guarantee was broken.
"""

from __future__ import annotations

import argparse
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
from reportparse.run.limits import (  # noqa: E402
    DEFAULT_MAX_MEMORY,
    DEFAULT_TIMEOUT,
    GiB,
    MiB,
    format_size,
)

import bombs  # noqa: E402

RAW = ROOT / "raw"
CLI = [sys.executable, "-c", "import sys; from reportparse.cli import main; sys.exit(main())"]
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]))
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


def versions_in(fd: int) -> set[bytes]:
    """The versions the stand-in output open as ``fd`` holds; FileNotFoundError if partial."""
    os.stat(MARKER, dir_fd=fd)
    found = set()
    for path in FILES:
        f = os.open(path, os.O_RDONLY, dir_fd=fd)
        found.add(os.read(f, 32).split(b"\n")[1])
        os.close(f)
    return found


def same_as(reference: dict[str, bytes]):
    """A check that an output open as ``fd`` holds exactly the files of ``reference``."""

    def check(fd: int) -> set[bytes]:
        for path, data in reference.items():
            f = os.open(path, os.O_RDONLY, dir_fd=fd)
            with os.fdopen(f, "rb") as handle:
                if handle.read() != data:
                    return {b"changed", path.encode()}
        return {b"reference"}

    return check


def whole(out: Path, read=versions_in) -> str:
    """'' if ``out`` holds one whole output, else what is wrong ("missing", "partial",
    "mixed"); a folder swapped out while it was being read counts as whole."""
    try:
        fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return "missing"
    try:
        try:
            problem = "" if len(read(fd)) == 1 else "mixed"
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


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


def extract(raw: Path, out: Path, cache: Path | None, *more: str, **kw) -> subprocess.Popen:
    """``reportparse extract`` started; from the warm ``cache`` without its no-change fast
    path (its record of the last run is removed), so that every run publishes."""
    if cache is not None:
        shutil.rmtree(cache / "runs", ignore_errors=True)
    where = ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    args = [*CLI, "extract", "--raw", str(raw), "--out", str(out), *where, *more]
    return subprocess.Popen(args, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


# ---------------------------------------------------------------- bombs


def bombs_case(work: Path) -> list[str]:
    broken = []
    size = 9 * GiB
    report = "imdi-nokkeltall-2025.pdf"
    data = [bombs.inflating_pdf(size + i * MiB) for i in range(2)]  # not the same bytes
    print(f"bombs: {len(data[0])} bytes inflating to {format_size(size)}; --max-memory "
          f"{format_size(DEFAULT_MAX_MEMORY)}, --timeout {DEFAULT_TIMEOUT:g} s")  # fmt: skip
    available = _available()
    for jobs in (1, 2):
        need = jobs * (DEFAULT_MAX_MEMORY + GiB) + 2 * GiB
        if available < need:
            print(f"  --jobs {jobs}: not run, {format_size(available)} available")
            continue
        raw = work / f"bombs-{jobs}"
        raw.mkdir()
        shutil.copy(RAW / report, raw / report)
        names = [f"bomb-{i}.pdf" for i in range(1, jobs + 1)]
        for name, bomb in zip(names, data, strict=False):
            (raw / name).write_bytes(bomb)
        start = time.perf_counter()
        run = extract(raw, work / f"out-{jobs}", None, "--jobs", str(jobs), "--keep-going")
        out, err = run.communicate()
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        lines = err.decode().splitlines()
        for line in lines:
            if "bomb-" in line and not line.startswith("error:"):
                print(f"  --jobs {jobs}: {line}")
        expected = [f"error: {n}: too large: needed more than "
                    f"{format_size(DEFAULT_MAX_MEMORY)} (--max-memory)" for n in names]  # fmt: skip
        errors = [line for line in lines if line.startswith("error:")]
        published = out.decode().startswith(f"published {work / f'out-{jobs}'}: 1 document(s)")
        print(f"  --jobs {jobs}: run ended after {seconds:.1f} s, exit {run.returncode}, "
              f"{'the report published' if published else 'NOTHING PUBLISHED'}; largest "
              f"process so far {format_size(peak)} resident")  # fmt: skip
        if sorted(errors) != expected or not published or run.returncode != 1:
            broken.append(f"bombs with --jobs {jobs}: {errors or lines[-3:]}")
    return broken


def _available() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return 0


# ---------------------------------------------------------------- kills


def legacy_publish(target: Target, write, step) -> None:
    """The publish this replaced: rename the output away, then the new one in."""
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


def watch(out: Path, until: float, seen: dict[str, int], read=versions_in) -> int:
    """Check ``out`` again and again until ``until``; the number of checks."""
    checks = 0
    while True:
        problem = whole(out, read)
        checks += 1
        if problem:
            seen[problem] = seen.get(problem, 0) + 1
        if time.monotonic() >= until:
            return checks


def kills_case(work: Path, rounds: int, legacy: bool) -> list[str]:
    label = "kills (legacy two renames)" if legacy else "kills"
    target = Target(work / ("legacy" if legacy else "swap"), "extracted")
    target.parent.mkdir()
    publish_folder(target, write_output(0))
    shared = mmap.mmap(-1, 32)
    at: dict[str, int] = {}
    seen: dict[str, int] = {}
    checks = 0
    rng = random.Random(14)
    for _ in range(rounds):
        pid = os.fork()
        if pid == 0:  # pragma: no cover (child)
            try:
                publisher(target, shared, legacy)
            finally:
                os._exit(1)
        checks += watch(target.path, time.monotonic() + rng.uniform(0.0, 0.3), seen)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        point = shared[:32].decode().strip()
        at[point] = at.get(point, 0) + 1
        checks += watch(target.path, 0, seen)
        if legacy and whole(target.path):  # the old code never restores: put it back
            shutil.rmtree(target.path, ignore_errors=True)
            publish_folder(target, write_output(0))
    left = leftovers(target.parent)
    notices: list[str] = []
    publish_folder(target, write_output(-1), notice=notices.append)
    after = leftovers(target.parent)
    kills = ", ".join(f"{k} {v}" for k, v in sorted(at.items(), key=lambda kv: -kv[1]))
    print(f"{label}: {rounds} SIGKILLs ({kills}); {checks} checks of the output in place")
    print(f"  output not whole: {seen or 'never'}; before the next publish {len(left)} "
          f"leftover(s), after it {len(after)}")  # fmt: skip
    for line in notices:
        if "left by a killed run" not in line:
            print(f"  {line}")
    broken = []
    if not legacy and seen:
        broken.append(f"kills: the output was not whole {seen}")
    if after and not legacy:
        broken.append(f"{label}: {len(after)} leftover(s) after a clean publish")
    return broken


def runs_case(work: Path, rounds: int) -> list[str]:
    """``reportparse extract`` SIGKILLed at random moments of its run."""
    cache, out = work / "runs-cache", work / "runs" / "extracted"
    out.parent.mkdir()
    first = extract(RAW, out, cache)
    first.communicate()
    reference = tree(out)
    start = time.monotonic()
    extract(RAW, out, cache).communicate()
    length = time.monotonic() - start
    seen: dict[str, int] = {}
    checks = 0
    rng = random.Random(41)
    for _ in range(rounds):
        run = extract(RAW, out, cache)
        checks += watch(out, time.monotonic() + rng.uniform(0.0, length), seen, same_as(reference))
        run.kill()
        run.communicate()
        checks += watch(out, 0, seen, same_as(reference))
    left = leftovers(out.parent)
    last = extract(RAW, out, cache)
    _, err = last.communicate()
    removed = [line for line in err.decode().splitlines() if "left by a killed run" in line]
    after = leftovers(out.parent)
    same = tree(out) == reference
    print(f"runs: {rounds} runs of extract SIGKILLed within their {length:.1f} s; {checks} "
          f"checks of the output in place; not whole: {seen or 'never'}")  # fmt: skip
    print(f"  before the next run {len(left)} leftover(s); it said {len(removed)} removed, "
          f"left {len(after)}; its output {'is' if same else 'is NOT'} the reference")  # fmt: skip
    broken = []
    if seen or after or not same or last.returncode != 0:
        broken.append(f"runs: not whole {seen}, leftovers {after}, same {same}")
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
        left = leftovers(target.parent)
        print(f"concurrent publishes (lock wait {wait:g} s): {runs} x {publishes}, "
              f"{len(failures)} refused, output {state}, {len(left)} leftover(s)")  # fmt: skip
        if failures:
            print(f"  e.g. {failures[0]}")
        ok_messages = all(" is publishing into " in f and "gave up after" in f for f in failures)
        if state != "whole" or left or not ok_messages or (wait > 0 and failures):
            broken.append(f"concurrent --lock-wait {wait:g}: {state}, {left}, {failures[:1]}")
    return broken + concurrent_runs_case(work, runs)


def concurrent_runs_case(work: Path, runs: int) -> list[str]:
    """``reportparse extract`` runs started at once into one folder."""
    broken = []
    cache = work / "concurrent-cache"
    reference = work / "concurrent-reference" / "extracted"
    reference.parent.mkdir()
    extract(RAW, reference, cache).communicate()
    expected = tree(reference)
    for wait in ("60", "0"):
        out = work / f"concurrent-runs-{wait}" / "extracted"
        out.parent.mkdir()
        started = []
        for _ in range(runs):  # each from a cache of its own: no run takes the fast path
            own = work / f"concurrent-cache-{wait}-{len(started)}"
            shutil.copytree(cache, own)
            started.append(extract(RAW, out, own, "--lock-wait", wait))
        ends = [(run.wait(), run.communicate()[1].decode()) for run in started]
        codes = sorted(code for code, _ in ends)
        refused = [e.splitlines()[-1] for code, e in ends if code != 0]
        same = tree(out) == expected
        left = leftovers(out.parent)
        print(f"concurrent runs of extract (--lock-wait {wait}): {runs} at once, exit codes "
              f"{codes}, output {'the reference' if same else 'NOT the reference'}, "
              f"{len(left)} leftover(s)")  # fmt: skip
        if refused:
            print(f"  e.g. {refused[0]}")
        messages = all(" is publishing into " in line for line in refused)
        if not same or left or not messages or (wait != "0" and refused):
            broken.append(f"concurrent runs --lock-wait {wait}: {codes} {refused[:1]} {left}")
    return broken


# ---------------------------------------------------------------- orphans


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def orphans_case(work: Path, rounds: int) -> list[str]:
    sleepers = ROOT / "tests" / "sleepers.py"
    left = 0
    for n in range(rounds):
        sig = signal.SIGKILL if n % 2 == 0 else signal.SIGTERM
        run = subprocess.Popen(
            [sys.executable, str(sleepers), "2"], stdout=subprocess.PIPE, env=ENV
        )
        pids = [int(run.stdout.readline()) for _ in range(2)]
        run.send_signal(sig)
        run.wait()
        left += _outlived(pids)
    print(f"orphans: {rounds} runs with 2 sleeping workers killed (SIGKILL, SIGTERM in turn): "
          f"{left} worker(s) outlived their run")  # fmt: skip
    raw = work / "orphans-raw"
    raw.mkdir()
    for i, name in enumerate(("bomb-1.pdf", "bomb-2.pdf")):  # not the same bytes
        (raw / name).write_bytes(bombs.inflating_pdf(9 * GiB + i * MiB))
    real_left = 0
    real_rounds = max(2, rounds // 4)
    for n in range(real_rounds):
        sig = signal.SIGKILL if n % 2 == 0 else signal.SIGTERM
        run = extract(raw, work / "orphans-out", None, "--jobs", "2")
        deadline = time.monotonic() + 120
        while len(pids := children(run.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        if len(pids) < 2:
            print(f"  round {n}: the run had {len(pids)} worker(s), not 2")
        run.send_signal(sig)
        run.communicate()
        real_left += _outlived(pids)
    print(f"orphans: {real_rounds} runs of extract killed while 2 workers inflate bombs: "
          f"{real_left} worker(s) outlived their run")  # fmt: skip
    return [f"orphans: {left + real_left} workers outlived their run"] if left + real_left else []


def _outlived(pids: list[int]) -> int:
    deadline = time.monotonic() + 60
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [p for p in pids if _alive(p)]
    for p in alive:
        os.kill(p, signal.SIGKILL)
    return len(alive)


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
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="stress-") as tmp:
        work = Path(tmp)
        if "bombs" not in skip:
            broken += bombs_case(work)
        if "kills" not in skip:
            broken += kills_case(work, args.rounds, legacy=False)
            if args.legacy:
                broken += kills_case(work, args.rounds, legacy=True)
        if "runs" not in skip:
            broken += runs_case(work, max(10, args.rounds // 5))
        if "concurrent" not in skip:
            broken += concurrent_case(work, runs=4, publishes=10)
        if "orphans" not in skip:
            broken += orphans_case(work, rounds=20)
    for line in broken:
        print(f"BROKEN: {line}")
    verdict = "guarantees broken" if broken else "every guarantee held"
    print(f"stress: {verdict} ({time.perf_counter() - started:.0f} s)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
