"""Right-to-left text in logical order.

A PDF places each glyph where it is seen, so a line read left to right gives Hebrew or Arabic
in visual order, reversed ("םולש" for "שלום"). The Unicode bidirectional algorithm
(python-bidi, which wraps the Rust crate unicode-bidi) turns a visual line back into logical
order: right-to-left runs reversed, numbers and left-to-right words within them kept as
printed. Arabic set in presentation forms (each letter's joined shape, U+FB50-U+FEFF) is
written as its letters (NFKC, once in logical order: a ligature's letters are written in
reading order), as a reader searching the text would type them. A line with no
right-to-left letter is left as it is.
"""

from __future__ import annotations

import re
import unicodedata

from bidi import get_display

RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic, ...
PRESENTATION_FORMS = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefc]+")  # Arabic shaped letters


def logical(line: str) -> str:
    """One printed line, read left to right, in logical order."""
    if not RIGHT_TO_LEFT.search(line):
        return line
    line = get_display(line)  # a ligature's letters (lam-alef) are in logical order once
    return PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
