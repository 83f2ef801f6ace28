"""Unicode hygiene: byte-order mark, NFC, and control characters nothing else explained.

>>> from mojibake_fix import clean
>>> clean("\\ufeffcafe\\u0301\\x00!").text
'café!'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

from ..changes import Proposal, Step
from ..context import Context
from ..document import Document

#: C0 and C1 controls except tab.  Line breaks never reach a line.
CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]+")
BOM = "\ufeff"


def _differing_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, old_end, new_end) of the stretch where two strings differ.

    >>> _differing_span("cafe\\u0301s", "cafés")
    (3, 5, 4)
    """
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start, len(old) - tail, len(new) - tail


def normalize(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Drop a leading byte-order mark and compose every line to NFC."""
    if doc.lines and doc.lines[0].text.startswith(BOM):
        yield Proposal(0, 0, 1, "", Step("hygiene:bom", 1.0, "byte-order mark at the start"))
    for number, line in enumerate(doc.lines):
        text = line.text[1:] if number == 0 and line.text.startswith(BOM) else line.text
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            continue
        offset = len(line.text) - len(text)
        start, old_end, new_end = _differing_span(text, unicodedata.normalize("NFC", text))
        after = unicodedata.normalize("NFC", text)[start:new_end]
        yield Proposal(number, offset + start, offset + old_end, after, Step("hygiene:nfc", 1.0, "NFC composition"))


def strip_controls(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Remove control characters (tab excepted) that no repair explained."""
    for number, line in enumerate(doc.lines):
        for match in CONTROL.finditer(line.text):
            codes = " ".join(f"U+{ord(c):04X}" for c in match.group())
            yield Proposal(number, match.start(), match.end(), "", Step("hygiene:control", 1.0, f"control {codes}"))
