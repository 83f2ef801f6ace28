"""Spacing the damage caused: an extra space after a repaired letter.

Extractors measure glyphs of the wrong font, so a broken letter is often followed by two
spaces ("ˆ  New York").  The evidence is the document's own: how rare double spaces are
between words elsewhere.  (Words split at a broken letter are joined by the mojibake
pass, which decides the letter and the join together.)

>>> from mojibake_fix import clean
>>> clean("Il est arrivŽ ˆ  New York le matin.").text
'Il est arrivé à New York le matin.'
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .. import rules
from ..changes import Proposal, Step
from ..context import Context
from ..document import Document, Edit

#: A run of spaces between two non-space characters.
WORD_GAP = regex.compile(r"(?<=\S)( +)(?=\S)")
DOUBLE_GAP = regex.compile(r"(?<=\S)(  +)(?=\S)")
#: Pseudo-counts for the document's rate of double spaces (a short text gives little evidence).
RATE_PRIOR = (0.05, 1.0)


def _repaired_ends(line_edits: list[tuple[int, int, Edit]]) -> set[int]:
    """Current columns just after each edit that repaired a letter."""
    return {end for _, end, edit in line_edits if edit.by_codec}


def collapse_after_repairs(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Shrink two or more spaces right after a repaired character to one."""
    ends_per_line = {
        number: ends for number, line in enumerate(doc.lines) if line.edits and (ends := _repaired_ends(line.edited_spans()))
    }
    if not any(doc.lines[number].text.startswith("  ", end) for number, ends in ends_per_line.items() for end in ends):
        return  # nothing to shrink: the statistics of the gaps are not needed
    joined = "\n".join(doc.texts)
    total, doubles = len(WORD_GAP.findall(joined)), len(DOUBLE_GAP.findall(joined))
    for number, ends in ends_per_line.items():
        for end in ends:  # gaps after repairs are what is being judged, not evidence
            gap = WORD_GAP.match(doc.lines[number].text, end)
            if gap:
                total -= 1
                doubles -= len(gap.group()) > 1
    rate = (doubles + RATE_PRIOR[0]) / (total + RATE_PRIOR[1])
    confidence = 1.0 - rate
    evidence = f"{doubles} of {total} other word gaps are double"
    for number, ends in ends_per_line.items():
        text = doc.lines[number].text
        for end in sorted(ends):
            spaces = len(text[end:]) - len(text[end:].lstrip(" "))
            if spaces > 1:
                yield Proposal(number, end + 1, end + spaces, "", Step(rules.SPACING_AFTER_REPAIR, confidence, evidence))
