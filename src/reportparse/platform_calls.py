"""Whether the Linux-only calls the run's guarantees rest on are to be used here.

On Linux, publishing exchanges two folders with ``renameat2``, a worker dies with its run
through ``prctl(PR_SET_PDEATHSIG)`` and its memory is bounded by ``RLIMIT_AS``. Elsewhere
(macOS) each has a portable stand-in: two renames under the lock with a recovery step on the
next run, a pipe the worker watches for its run's end, and a watch on the worker's resident
memory. ``REPORTPARSE_PORTABLE=1`` switches the Linux-only calls off on Linux too, so that
the portable path runs, and is tested, where the others run.
"""

from __future__ import annotations

import os
import sys

PORTABLE = "REPORTPARSE_PORTABLE"  # set to 1: use the portable path, even on Linux


def linux_calls() -> bool:
    """True where renameat2, PR_SET_PDEATHSIG and RLIMIT_AS are to be used."""
    return sys.platform == "linux" and os.environ.get(PORTABLE, "0") in ("", "0")
