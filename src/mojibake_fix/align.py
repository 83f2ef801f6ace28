"""Where two versions of a short text differ, as spans of each.

>>> diff_spans("ŽtŽ", "été")
[(0, 1, 0, 1), (2, 3, 2, 3)]
>>> diff_spans("lÃ©gal", "légal")
[(1, 3, 1, 2)]
"""

from __future__ import annotations

from difflib import SequenceMatcher


def diff_spans(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """(old_start, old_end, new_start, new_end) of each stretch that differs.

    Texts of equal length are compared position by position (runs of changed
    characters), which is what a single-byte confusion produces; others are aligned.
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
        return spans
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [(a0, a1, b0, b1) for tag, a0, a1, b0, b1 in matcher.get_opcodes() if tag != "equal"]
