"""Where two versions of a text differ, as spans of each; a text with some of its spans replaced.

>>> diff_spans("ŽtŽ", "été")
((0, 1, 0, 1), (2, 3, 2, 3))
>>> diff_spans("lÃ©gal", "légal")
((1, 3, 1, 2),)
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache


def splice(text: str, replacements: Iterable[tuple[int, int, str]], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with each ``(a, b, after)`` of ``replacements`` put in place of
    ``text[a:b]`` (sorted, not overlapping, inside the stretch).

    >>> splice("Ã©tÃ©", [(0, 2, "é"), (3, 5, "é")]), splice("a si• ge", [(4, 6, "è")], 2)
    ('été', 'siège')
    """
    pieces, cursor = [], start
    for a, b, after in replacements:
        pieces += [text[cursor:a], after]
        cursor = b
    pieces.append(text[cursor:end])
    return "".join(pieces)


@lru_cache(maxsize=1 << 16)
def diff_spans(old: str, new: str) -> tuple[tuple[int, int, int, int], ...]:
    """(old_start, old_end, new_start, new_end) of each stretch that differs.

    Texts of equal length are compared position by position (runs of changed
    characters), which is what a single-byte confusion produces; others are aligned.
    Cached: a document compares the same token and reading again and again.
    """
    if len(old) == len(new):
        spans = []
        index = 0
        while index < len(old):
            if old[index] == new[index]:
                index += 1
                continue
            end = index + 1
            while end < len(old) and old[end] != new[end]:
                end += 1
            spans.append((index, end, index, end))
            index = end
        return tuple(spans)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return tuple((a0, a1, b0, b1) for tag, a0, a1, b0, b1 in matcher.get_opcodes() if tag != "equal")


def differing_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, old_end, new_end): the one stretch to replace in ``old`` to make ``new``
    (the common head and tail are left out).

    >>> differing_span("cafe\\u0301s", "cafés"), differing_span("di ff erent", "different")
    ((3, 5, 4), (2, 6, 4))
    """
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start, len(old) - tail, len(new) - tail

