"""What a document writes: its clean words, counted, as evidence for an undecided token.

A damaged token may read as two frequent words alike: UTF-8 Russian read as cp1252 with
the lost bytes written as "•" turns both "с" and "я" into "Ñ•", and the lexicon alone
prefers "с" only by a little.  The document itself often knows better: where the same
token was decided by its neighbours ("с помощью") or stands undamaged elsewhere, the
document writes one reading dozens of times and the other never.  Such counts are the
document's own usage, the consistency that one ambiguous occurrence lacks.

Only tokens with no character some channel could have produced are counted, so a damaged
token never counts as a written word, and the token being judged never counts for itself.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from .scoring import LETTERS, softmax

#: Pseudo-counts of the lexicon's preference among a token's readings: the document's
#: counts outweigh it once they are a few.
PSEUDO = 4.0


class WrittenWords:
    """The clean words of ``texts``, counted lower case when first asked.

    >>> words = WrittenWords(["Работа с файлами.", "Вход с паролем, Ñ•"], lambda token: "•" in token)
    >>> words.count("с"), words.count("я"), words.count("Ñ")
    (2, 0, 0)
    """

    def __init__(self, texts: Sequence[str], damaged: Callable[[str], object]):
        self._texts = texts
        self._damaged = damaged
        self._counts: Counter[str] | None = None

    def count(self, word: str) -> int:
        """How many times the document writes ``word`` (any case) in a clean token."""
        if self._counts is None:
            self._counts = Counter(
                word.lower() for text in self._texts for token in text.split() if not self._damaged(token)
                for word in LETTERS.findall(token)
            )
        return self._counts[word.lower()]


def as_written(scores: Sequence[float], counts: Sequence[int]) -> list[float]:
    """``scores`` of a token's readings, shared again by the document's ``counts`` of them.

    The readings keep their total probability (the token stays as likely damaged as
    before); within it, each gets the Dirichlet posterior of the document's counts with
    the lexicon's shares as prior (``PSEUDO`` pseudo-counts).  Without counts, nothing moves.

    >>> [round(s, 2) for s in as_written([3.72, 3.19], [60, 0])]
    [4.16, 0.42]
    >>> as_written([3.72, 3.19], [0, 0])
    [3.72, 3.19]
    """
    total = sum(counts)
    if not total:
        return list(scores)
    mass, shares = softmax(scores)
    return [mass + math.log((count + PSEUDO * share) / (total + PSEUDO)) for count, share in zip(counts, shares)]
