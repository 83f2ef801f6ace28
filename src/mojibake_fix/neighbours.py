"""Word-pair context: what follows and precedes a short word, per language.

A short token carries little evidence of its own: Russian "с" and "я" are both frequent
one-letter words, and UTF-8 read as cp1252 with the lost bytes written as "•" turns
both into "Ñ•".  Their neighbours tell them apart: "с" comes before nouns in the
instrumental ("с помощью", "с файлами"), "я" before verbs in the first person.  The
table, written by ``scripts/build_neighbours.py`` from prose that is not part of the
benchmark corpus, counts for each frequent word of at most ``SHORT`` letters the
*keys* of the item before and after it: the last two letters of a word, a digit as "0",
or a punctuation character.  Two letters of ending carry most of the grammar of
inflected languages and generalise far better than whole words from a small corpus.

The evidence of a neighbour is the likelihood ratio ``P(key | word) / P(key)``, with
the word's counts smoothed towards the background distribution, so a word the table
does not hold and a neighbour it has never seen are both neutral.  Only a ratio above 1
counts: the help is technical prose, and a pair it lacks ("с момента") is no evidence
that the pair is rare, only that the corpus is small.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import cache
from importlib import resources

import regex

#: Words of at most this many letters are in the table.
SHORT = 3
#: An item: a run of letters (and marks), a run of digits, or one other visible character.
ITEM = regex.compile(r"[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]")
#: Weight of the background distribution in a word's smoothed one (pseudo-counts).
SMOOTHING = 20.0
#: The evidence of one neighbour is at most this many nats.
LIMIT = math.log(1000)


def item_key(item: str) -> str:
    """The key of an item: a word's last two letters, lower case; "0" for a number.

    >>> item_key("Помощью"), item_key("2024"), item_key(",")
    ('ью', '0', ',')
    """
    if item[0].isalpha():
        return item[-2:].lower()
    return "0" if item[0].isdigit() else item


def beside(text: str, last: bool) -> tuple[str, str] | None:
    """The token (between blanks) of ``text`` next to a word that ``text`` ends before
    (``last``) or starts after, with the key of its item nearest the word; None at an end.

    >>> beside("работа ", last=True), beside(" помощью файла", last=False), beside("(", last=True)
    (('работа', 'та'), ('помощью', 'ью'), ('(', '('))
    """
    parts = text.rsplit(None, 1)[-1:] if last else text.split(None, 1)[:1]
    items = ITEM.findall(parts[0]) if parts else []
    if not items:
        return None
    return parts[0], item_key(items[-1] if last else items[0])


class NeighbourModel:
    """The neighbour counts of one language (``table`` as the build script writes it).

    >>> model = NeighbourModel({"total": 100, "before": {}, "after": {"ью": 10},
    ...                         "words": {"с": [50, {}, {"ью": 40}]}})
    >>> model.evidence("с", None, "ью") > 1.0, model.evidence("я", None, "ью")
    (True, 0.0)
    """

    def __init__(self, table: dict[str, object]):
        self.total = float(table["total"])  # type: ignore[arg-type]
        self.background: tuple[dict[str, int], dict[str, int]] = (table["before"], table["after"])  # type: ignore[assignment]
        self.words: dict[str, list[object]] = table["words"]  # type: ignore[assignment]

    def knows(self, word: str) -> bool:
        """Whether the table holds ``word`` (lower case)."""
        return word.lower() in self.words

    def evidence(self, word: str, before: str | None, after: str | None) -> float:
        """Log-likelihood ratio of the neighbours' keys given ``word`` against any word."""
        entry = self.words.get(word.lower())
        if entry is None:
            return 0.0
        count = float(entry[0])  # type: ignore[arg-type]
        total = 0.0
        for side, key in enumerate((before, after)):
            if key is None:
                continue
            background = (self.background[side].get(key, 0) + 1.0) / (self.total + 1.0)
            seen = entry[side + 1].get(key, 0)  # type: ignore[attr-defined]
            ratio = (seen + SMOOTHING * background) / (count + SMOOTHING) / background
            total += max(0.0, min(LIMIT, math.log(ratio)))
        return total


@cache
def _tables() -> dict[str, dict[str, object]]:
    data = resources.files(__package__).joinpath("data/neighbours.json.gz").read_bytes()
    return json.loads(gzip.decompress(data))["languages"]


@cache
def neighbour_model(lang: str) -> NeighbourModel | None:
    """The model of ``lang``, or None when the table has no prose for it.

    >>> neighbour_model("ru").knows("с"), neighbour_model("xx")
    (True, None)
    """
    table = _tables().get(lang)
    return NeighbourModel(table) if table else None
