"""What gives a pass work, as patterns that begin with one character class.

``re`` skips through a text fast to the characters of a pattern's leading class, and
tries an alternation at every position; so each trigger is written as its first
character class plus what must follow, and ``any_of`` joins several into one pattern of
the same shape: one scan tells whether any of them has work in a clean text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Trigger:
    """``first``: the class a match starts with, as a pattern ("[-‐]", " "); ``rest``: what
    must follow it (a lookbehind in it may look at the first character again).

    >>> Trigger("[-]", "(?=$)", re.MULTILINE).search("com-\\npiler").start()
    3
    """

    first: str
    rest: str = ""
    flags: int = 0

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled trigger."""
        return re.compile(self.first + self.rest, self.flags)

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text``, if any."""
        return self.pattern.search(text)


def any_of(triggers: Sequence[Trigger]) -> re.Pattern[str]:
    """One pattern that finds something in a text exactly when one of ``triggers`` does.

    >>> hyphen, cid = Trigger("[-]", "(?=$)", re.MULTILINE), Trigger("[(]", "(?=cid:)")
    >>> [bool(any_of([hyphen, cid]).search(t)) for t in ("a-b (c)", "com-\\npiler", "(cid:3)")]
    [False, True, True]
    """
    first = "[" + "".join(t.first[1:-1] if t.first.startswith("[") else t.first for t in triggers) + "]"
    branches = "|".join(
        f"(?<={t.first})" + (f"(?m:{t.rest})" if t.flags & re.MULTILINE else f"(?:{t.rest})") for t in triggers
    )
    return re.compile(f"{first}(?:{branches})")
