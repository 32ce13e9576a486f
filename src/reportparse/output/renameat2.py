"""Linux renameat2 through ctypes: exchange two entries of a folder in one step
(RENAME_EXCHANGE), or rename without ever replacing (RENAME_NOREPLACE).

glibc has the wrapper since 2.28; without it the system call is made by its number.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform

RENAME_NOREPLACE = 1
RENAME_EXCHANGE = 2
# renameat2's number where libc lacks the wrapper (glibc < 2.28)
SYSCALL_RENAMEAT2 = {
    "x86_64": 316, "aarch64": 276, "riscv64": 276, "loongarch64": 276, "i686": 353,
    "i386": 353, "armv7l": 382, "ppc64le": 357, "s390x": 347,
}  # fmt: skip


class RenameUnsupported(OSError):
    """The kernel or the file system cannot do this renameat2."""


def renameat2(dirfd: int, old: str, new: str, flags: int, *, use_syscall: bool = False) -> None:
    """Linux renameat2 within the folder ``dirfd``: through libc, or the system call."""
    fn = None if use_syscall else renameat2_function()
    a, b = os.fsencode(old), os.fsencode(new)
    if fn is not None:
        result = fn(dirfd, a, dirfd, b, flags)
    else:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        number = SYSCALL_RENAMEAT2[platform.machine()]
        args = (ctypes.c_int(dirfd), ctypes.c_char_p(a), ctypes.c_int(dirfd), ctypes.c_char_p(b))
        result = libc.syscall(ctypes.c_long(number), *args, ctypes.c_uint(flags))
    if result != 0:
        code = ctypes.get_errno()
        kind = RenameUnsupported if code in (errno.EINVAL, errno.ENOSYS) else OSError
        raise kind(code, os.strerror(code), old, None, new)


def renameat2_function():
    """libc's renameat2, typed; None where libc lacks it."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    fn.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    fn.restype = ctypes.c_int
    return fn
