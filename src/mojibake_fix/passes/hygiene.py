"""Unicode hygiene: byte-order mark, controls, lone surrogates, NFC.

Controls that some channel reads as a letter (Mac-Roman "è" shown as U+008F by a
sloppy cp1252 reader) are left to the mojibake pass; what it could not resolve becomes
U+FFFD at the end, the usual mark of a lost character.

>>> from mojibake_fix import clean
>>> clean("\\ufeffcafe\\u0301\\x00!").text
'café!'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex

from .. import rules
from ..align import differing_span
from ..changes import Proposal, Step
from ..channels import suspicious_characters
from ..context import Context
from ..document import Document
from ..triggers import Check, Trigger

#: C0 and C1 controls except tab.  Line breaks never reach a line.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Lone surrogates (from bytes decoded with ``surrogateescape``): not encodable as UTF-8.
SURROGATE = regex.compile(r"[\ud800-\udfff]")
BOM = "\ufeff"


#: What ``normalize`` and ``mark_lost_bytes`` act on in a whole text, besides a leading
#: byte-order mark (breaks are not controls; ``re`` scans a class fast).
NEEDS_WORK = Trigger(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def nothing_to_do(text: str) -> bool:
    """Whether a whole text gives this module's passes nothing to do: no byte-order mark,
    control or lone surrogate, and already NFC.

    >>> nothing_to_do("café\\r\\n"), nothing_to_do("cafe\\u0301"), nothing_to_do("\\x00")
    (True, False, False)
    """
    return composed(text) and NEEDS_WORK.search(text) is None


def composed(text: str) -> bool:
    """Whether ``text`` has no byte-order mark and is NFC (``nothing_to_do`` less the scan
    for controls, which ``engine.triggered`` makes with the triggers).

    >>> composed("café"), composed("\ufeffcafé"), composed("cafe\u0301")
    (True, False, False)
    """
    return not text.startswith(BOM) and unicodedata.is_normalized("NFC", text)


#: What gives ``normalize`` work in a whole text.
UNNORMALIZED = Check(lambda text: not nothing_to_do(text))


def _control_step(char: str, what: str) -> Step:
    return Step(rules.HYGIENE_CONTROL, 1.0, f"{what} U+{ord(char):04X}")


def normalize(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Drop a leading BOM and controls no channel reads; mark lone surrogates; compose to NFC
    (the engine runs it only where ``UNNORMALIZED`` finds work)."""
    letters = suspicious_characters(ctx.channels)
    for number, line in enumerate(doc.lines):
        text = line.text
        if text.isascii() and text.isprintable():
            continue
        if number == 0 and text.startswith(BOM):
            yield Proposal(0, 0, 1, "", Step(rules.HYGIENE_BOM, 1.0, "byte-order mark at the start"))
        for match in CONTROL.finditer(text):
            if match.group() not in letters:
                yield Proposal(number, match.start(), match.end(), "", _control_step(match.group(), "control"))
        for surrogate in SURROGATE.finditer(text):
            yield Proposal(number, surrogate.start(), surrogate.end(), "\ufffd", _control_step(surrogate.group(), "lone surrogate"))
        if not unicodedata.is_normalized("NFC", text):
            composed = unicodedata.normalize("NFC", text)
            start, old_end, new_end = differing_span(text, composed)
            step = Step(rules.HYGIENE_NFC, 1.0, "NFC composition")
            yield Proposal(number, start, old_end, composed[start:new_end], step)


#: The Windows code pages whose bytes 0x80–0x9F a reader of Latin-1 shows as C1 controls.
WINDOWS_CODE_PAGES = ("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1257")
#: How sure a C1 control is the punctuation every Windows code page writes with its byte:
#: the usual source of such controls, though a DOS or Mac-Roman byte read as Latin-1
#: that the mojibake pass could not place would be a letter.
WINDOWS_PUNCTUATION_CONFIDENCE = 0.95


def _windows_punctuation() -> dict[str, str]:
    """The C1 controls that every Windows code page reads as one and the same character:
    the quotation marks, dashes, ellipsis and daggers, never a letter (0x8C is "Œ" in
    cp1252 but "Ś" in cp1250).

    >>> table = _windows_punctuation()
    >>> table["\x97"], table["\x84"], "\x8c" in table
    ('—', '„', False)
    """
    table = {}
    for byte in range(0x80, 0xA0):
        readings = {bytes([byte]).decode(code_page, errors="replace") for code_page in WINDOWS_CODE_PAGES}
        if len(readings) == 1 and (reading := readings.pop()) != "\ufffd":
            table[chr(byte)] = reading
    return table


WINDOWS_PUNCTUATION = _windows_punctuation()


def mark_lost_bytes(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Turn controls still left (lost characters nothing could resolve) into the
    punctuation every Windows code page writes with their byte, as ftfy's
    ``fix_c1_controls`` does for cp1252 (here only where the code pages agree, so no
    letter is guessed), and the rest into U+FFFD.

    >>> from mojibake_fix import clean
    >>> clean("Paris \x97 Lyon").text, clean("Paris \x8c Lyon").text
    ('Paris — Lyon', 'Paris \ufffd Lyon')
    """
    for number, line in enumerate(doc.lines):
        for match in CONTROL.finditer(line.text):
            control = match.group()
            punctuation = WINDOWS_PUNCTUATION.get(control)
            if punctuation is None:
                yield Proposal(number, match.start(), match.end(), "\ufffd", _control_step(control, "unresolved byte"))
                continue
            evidence = f"C1 control U+{ord(control):04X}: byte 0x{ord(control):02X} is ‘{punctuation}’ in every Windows code page"
            step = Step(rules.HYGIENE_C1_PUNCTUATION, WINDOWS_PUNCTUATION_CONFIDENCE, evidence)
            yield Proposal(number, match.start(), match.end(), punctuation, step)
