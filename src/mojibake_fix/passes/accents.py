"""Spacing accents beside their letter, as PDFs typeset by TeX give them: recombined.

Fonts without accented letters (TeX's OT1) draw the accent and the letter as two
glyphs, and extraction gives "syst`eme", "´etrang`ere", "vous-mˆeme", "¨uber",
"dise˜no", "chaˆıne" (with a dotless ı), or, from other producers, the accent after
its letter ("e´").  Each spacing accent is put back on the letter it stands before or
after, whichever order the document uses, when the word becomes a known word; the
Mac-Roman "ˆ" that means "à" stands alone ("ˆ  New York") and is left to the mojibake
pass.  Once a document shows several words repaired this way, an accent in a word the
lexicon does not know (a name) is recombined too, in the document's order; but not on a
lone letter ("˜y", "˙x": a symbol of a maths extract), where neither the input nor the
result is a word: that is only reported, as a suspicion.

>>> from mojibake_fix import clean
>>> clean("Le syst`eme ´etrang`ere de fa¸con sˆure, chaˆıne, ¨uber.").text
'Le système étrangère de façon sûre, chaîne, über.'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

import regex

from .. import rules
from ..changes import Proposal, Step
from ..context import Context
from ..document import Document
from ..lexicon import Lexicon
from ..scoring import describe
from ..triggers import Trigger

#: Spacing accents and the combining marks they stand for.
ACCENTS = {
    "`": "\u0300", "´": "\u0301", "ˆ": "\u0302", "˜": "\u0303", "¨": "\u0308", "¸": "\u0327",
    "ˇ": "\u030c", "˘": "\u0306", "˙": "\u0307", "˚": "\u030a", "˝": "\u030b", "˛": "\u0328", "¯": "\u0304",
}
_ACCENT = "[" + regex.escape("".join(ACCENTS)) + "]"
#: A word holding spacing accents glued to its letters.
ACCENTED_WORD = regex.compile(rf"(?:\p{{L}}|{_ACCENT}(?=\p{{L}})|(?<=\p{{L}}){_ACCENT})+")


def _trigger() -> Trigger:
    """Spacing accents beside a letter they make one letter with ("`e", "e´", "¸c"): the
    only places this pass can act ("`show'" quoting in old GNU texts is none)."""
    sides = []
    for accent, mark in ACCENTS.items():
        bases = "".join(
            sorted(c for c in map(chr, range(0x41, 0x2B0)) if c.isalpha() and len(unicodedata.normalize("NFC", c + mark)) == 1)
        ) + "ıȷ"
        sides.append(f"(?<=[{bases}]{re.escape(accent)})|(?<={re.escape(accent)})(?=[{bases}])")
    # the class first, so that a whole text is scanned as fast as for any accent
    return Trigger(_ACCENT, "(?:" + "|".join(sides) + ")")


#: Lines without such an accent have nothing for this pass (``re`` scans a text fast).
TRIGGER = _trigger()
#: Known words repaired in one order before unknown words are repaired in that order.
EVIDENCE = 3
#: Confidence for a word the lexicon does not know, on the document's evidence alone.
BY_EVIDENCE = 0.92
#: Confidence for a lone letter the lexicon does not know ("˜y"): a suspicion.
UNSURE = 0.6


def combine(word: str, accent_first: bool) -> str | None:
    """``word`` with every spacing accent put on the letter after it (or before it), or
    None when some accent has no letter there or makes no single letter.

    >>> combine("chaˆıne", True), combine("e´te´", False), combine("ˆ", True)
    ('chaîne', 'été', None)
    """
    out: list[str] = []
    chars = list(word)
    i = 0
    while i < len(chars):
        char = chars[i]
        if char not in ACCENTS:
            out.append(char)
            i += 1
            continue
        if accent_first:
            if i + 1 >= len(chars) or chars[i + 1] in ACCENTS:
                return None
            base, i = chars[i + 1], i + 2
        else:
            if not out or out[-1] in ACCENTS:
                return None
            base, i = out.pop(), i + 1
        base = {"ı": "i", "ȷ": "j"}.get(base, base)
        letter = unicodedata.normalize("NFC", base + ACCENTS[char])
        if len(letter) != 1:
            return None
        out.append(letter)
    return "".join(out)


def _readings(word: str, lexicon: Lexicon) -> dict[bool, tuple[str, bool]]:
    """Per order (accent first or not): the combined word and whether it is known."""
    found = {}
    for accent_first in (True, False):
        reading = combine(word, accent_first)
        if reading is not None:
            found[accent_first] = (reading, lexicon.known(reading))
    return found


def repair(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Propose the recombined letters of every word with spacing accents (see the module)."""
    lexicon = ctx.lexicon
    found = [
        (number, match, _readings(match.group(), lexicon))
        for number, line in enumerate(doc.lines)
        if TRIGGER.search(line.text)
        for match in ACCENTED_WORD.finditer(line.text)
        if any(c in ACCENTS for c in match.group())
    ]
    orders = Counter(
        order for _, match, readings in found for order, (_, known) in readings.items()
        if known and not lexicon.known(match.group())
    )
    usual, count = orders.most_common(1)[0] if orders else (True, 0)
    for number, match, readings in found:
        word = match.group()
        known = [order for order, (_, is_known) in readings.items() if is_known]
        if lexicon.known(word):
            continue
        if known:
            order = usual if usual in known else known[0]
            confidence = 0.99 if len(known) == 1 or readings[True][0] == readings[False][0] else 0.9
        elif count >= EVIDENCE and usual in readings:
            order, confidence = usual, BY_EVIDENCE
        else:
            continue
        reading = readings[order][0]
        evidence = f"{describe(reading, lexicon)}; {count} words with accents {'before' if usual else 'after'} their letter"
        if not known and sum(c.isalpha() for c in reading) <= 1:
            confidence, evidence = UNSURE, f"{evidence}; a lone letter with an accent: a symbol as it stands"
        yield from _proposals(number, match.start(), word, order, Step(rules.ACCENTS_SPACING, confidence, evidence))


def _proposals(number: int, start: int, word: str, accent_first: bool, step: Step) -> Iterator[Proposal]:
    """One proposal per accent and its letter, so that every other character stays put."""
    for i, char in enumerate(word):
        if char in ACCENTS:
            a, b = (i, i + 2) if accent_first else (i - 1, i + 1)
            letter = combine(word[a:b], accent_first)
            assert letter is not None
            yield Proposal(number, start + a, start + b, letter, step)
