"""What gives a pass work, as patterns that begin with one character class.

``re`` skips through a text fast to the characters of a pattern's leading class, and
tries an alternation at every position; so each trigger is written as its first
character class plus what must follow, and ``any_of`` joins several into one pattern of
the same shape: one scan tells whether any of them has work in a clean text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol


class Finder(Protocol):
    """Anything that tells whether a text gives a pass work (a pattern, a ``Trigger``...)."""

    def search(self, text: str) -> object:
        """Something true when ``text`` gives the pass work."""


@dataclass(frozen=True)
class Check:
    """A test of a whole text that no pattern expresses.

    >>> Check(str.isupper).search("NFC")
    True
    """

    test: Callable[[str], bool]

    def search(self, text: str) -> bool:
        """Whether ``test`` holds for ``text``."""
        return self.test(text)


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


@dataclass(frozen=True)
class LineFilter:
    """A line pattern too slow to run over a whole text (it would start at every space),
    run only on the lines where a cheaper ``hint`` matches.

    ``hint`` must match within every line in which ``pattern`` matches, and neither may
    match across a line break; ``pattern`` must read a line's start and end as it reads
    the text around a line break.  Then ``search`` answers as ``pattern.search`` on the
    whole text would.

    >>> spaced = LineFilter(re.compile(r" [a-z] [a-z]"), re.compile(r"(?<![^ \\n])[a-z] [a-z] [a-z]"))
    >>> spaced.search("a word\\nthe s p a c e d line"), spaced.search("a b\\nc")
    (True, False)
    """

    hint: re.Pattern[str]
    pattern: re.Pattern[str]

    def search(self, text: str) -> bool:
        """Whether ``pattern`` matches in some line of ``text``."""
        position = 0
        while (found := self.hint.search(text, position)) is not None:
            start = text.rfind("\n", 0, found.start()) + 1
            end = text.find("\n", found.end())
            end = len(text) if end < 0 else end
            if self.pattern.search(text, start, end):
                return True
            position = end + 1
        return False
