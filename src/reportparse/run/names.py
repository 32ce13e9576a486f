"""File names and messages as printed: one line each, whatever the bytes and the locale.

A file name is bytes. Python hands it over decoded with the file system encoding (ASCII
under ``LC_ALL=C`` without UTF-8 mode), undecodable bytes kept as lone surrogates. Here a
name is shown as the UTF-8 text of its bytes, with every byte that is not UTF-8, every
control character (a newline would print a fake line) and the backslash written as an
escape, so that what is printed names exactly one file. Whole messages get the same
treatment of control characters and stray bytes (``safe_line``); click then writes them in
the stream's encoding, as UTF-8 where the locale says ASCII.
"""

from __future__ import annotations

import os
import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
# overrides and isolates (which can make a printed name read as another)
_CONTROL = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_NAME = re.compile(f"[{_CONTROL}\\\\\udc80-\udcff]")
_UNSAFE_LINE = re.compile(f"[{_CONTROL}\udc80-\udcff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def utf8_name(name: str | bytes) -> str | None:
    """The name's bytes read as UTF-8, whatever the locale; None if they are not UTF-8."""
    try:
        return os.fsencode(name).decode("utf-8")
    except UnicodeDecodeError:
        return None


def published_name(name: str | bytes) -> str:
    """A file name as sources.csv records it: as ``display`` prints it, so that a control
    character (a newline, ESC, BEL) never lands raw in the data, and a name that is not
    UTF-8 (such a file fails) is named as it is printed."""
    return display(name)


def display(name: str | bytes) -> str:
    """A file name to print: its UTF-8 text, with ``\\xNN`` for each byte that is not UTF-8
    and an escape for each control character and backslash."""
    text = os.fsencode(name).decode("utf-8", errors="surrogateescape")
    return _UNSAFE_NAME.sub(_escape, text)


def safe_line(text: str) -> str:
    """A message as one line: control characters and undecodable bytes escaped (a
    backslash is left as it is, since a message is not a name)."""
    return _UNSAFE_LINE.sub(_escape, text)


def _escape(m: re.Match) -> str:
    ch = m.group()
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
