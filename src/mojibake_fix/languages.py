"""The languages of a document: which word lists its words, and its broken tokens'
readings, call for.

Guesses from the cheapest to the most thorough: ``quick_languages`` reads only each
language's most frequent words (no word list loads: the screen needs no more);
``line_languages`` and ``guess_languages`` count the words each language's list holds;
``document_languages`` is what a round of the engine asks for: the languages the
document's lines worth a look and a sample of the rest attest, through the readings of
their broken tokens too.

>>> quick_languages("Le conseil a été lancé dans la ville et sur le lac.")
['fr']
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain

from .channels import Channel
from .lexicon import CANDIDATE_LANGUAGES, CONTROLS, WORD_SHAPE, fold, frequencies, language_table
from .screen import sample

#: Tokens read (with the readings of the suspicious ones) to guess a document's languages.
LANGUAGE_SAMPLE = 20000
#: Characters of the other lines added to the guess, spread over the document.
GUESS_SAMPLE = 5000

#: Languages kept for a document: those with at least this share of the best one's hits.
LANGUAGE_SHARE = 0.3
#: A line's own languages are guessed only from this many words some list knows.
LINE_WORDS = 4


#: Per word list and candidate languages, the languages listing each (folded) word looked
#: up so far (``_holding``), at most ``HELD_LIMIT`` words; the tuples of languages are
#: shared between words (``_SAME``), so a word costs its key and a slot.
_HELD_BY: dict[tuple[str, tuple[str, ...]], dict[str, tuple[str, ...]]] = {}
_SAME: dict[tuple[str, ...], tuple[str, ...]] = {}
HELD_LIMIT = 100_000


def _holding(wordlist: str, candidates: Sequence[str]) -> Callable[[str], tuple[str, ...]]:
    """A function giving, for a folded word, the ``candidates`` whose ``wordlist`` lists it;
    the answers are kept across calls, since the guesses of every round of every document
    look up mostly the same words.

    >>> _holding("small", ("fr", "en", "de"))("conseil"), _holding("small", ("fr", "en", "de"))("haus")
    (('fr',), ('de',))
    """
    key = (wordlist, tuple(candidates))
    cache = _HELD_BY.setdefault(key, {})
    lists = [(lang, frequencies(lang, wordlist)) for lang in key[1]]

    def holding(word: str) -> tuple[str, ...]:
        found = cache.get(word)
        if found is None:
            if len(cache) > HELD_LIMIT:
                cache.clear()
            found = tuple(lang for lang, known in lists if word in known)
            found = cache[word] = _SAME.setdefault(found, found)
        return found

    return holding


def _vote(words: Counter[str], languages: Sequence[str], holding: Callable[[str], Sequence[str]]) -> list[str]:
    """The ``languages`` whose lists hold the most of ``words`` (folded, with counts), best
    first; a word several lists hold (``holding`` names them) counts for each a share."""
    shares: dict[str, list[float]] = {}
    for word, times in words.items():
        holders = holding(word)
        for lang in holders:
            shares.setdefault(lang, []).append(times / len(holders))
    hits = Counter({lang: math.fsum(shares[lang]) for lang in languages if lang in shares})
    if not hits:
        return []
    best = hits.most_common(1)[0][1]
    return [lang for lang, score in hits.most_common(4) if score >= LANGUAGE_SHARE * best]


def guess_languages(words: Iterable[str], candidates: Sequence[str] = CANDIDATE_LANGUAGES) -> list[str]:
    """The languages a text uses, best first, from how many of its words each list has.

    Words shared by several lists count for each a share, so function words common to
    many languages decide little.

    >>> guess_languages("le conseil a été lancé au siège des nations".split())
    ['fr']
    """
    seen: Counter[str] = Counter()
    for token, times in Counter(words).items():
        for word in WORD_SHAPE.findall(CONTROLS.sub("", token)):
            seen[fold(word)] += times
    return _vote(seen, candidates, _holding("small", candidates))


def quick_languages(text: str) -> list[str]:
    """A first guess at the languages of ``text`` from their most frequent words only.

    It loads no word list, so a document can be screened before any is needed.

    >>> quick_languages("Le conseil a été lancé dans la ville et sur le lac.")
    ['fr']
    """
    table = language_table()
    seen: Counter[str] = Counter()
    for word, times in Counter(WORD_SHAPE.findall(text)).items():
        seen[fold(word)] += times
    tops = [(lang, table[lang]["top"]) for lang in CANDIDATE_LANGUAGES]
    return _vote(seen, CANDIDATE_LANGUAGES, lambda word: [lang for lang, top in tops if word in top])  # type: ignore[operator]


def line_languages(text: str) -> list[str]:
    """The languages of one line, from its words, or none when it has too few known words.

    >>> line_languages("Ève Curie est la fille cadette de Marie Curie.")
    ['fr']
    >>> line_languages("Ève Curie")
    []
    """
    words = [fold(word) for word in WORD_SHAPE.findall(CONTROLS.sub("", text))]
    holding = _holding("small", CANDIDATE_LANGUAGES)
    if sum(bool(holding(word)) for word in words) < LINE_WORDS:
        return []
    return _vote(Counter(words), CANDIDATE_LANGUAGES, holding)


def languages_listing(text: str) -> tuple[str, ...]:
    """The candidate languages whose lists hold every word of ``text`` (none: no language).

    >>> languages_listing("écologiques"), languages_listing("Žcologiques")
    (('fr',), ())
    """
    words = [fold(w) for w in WORD_SHAPE.findall(text)]
    if not words:
        return ()
    holding = _holding("small", CANDIDATE_LANGUAGES)
    found = set(holding(words[0]))
    for word in words[1:]:
        found.intersection_update(holding(word))
    return tuple(lang for lang in CANDIDATE_LANGUAGES if lang in found)


def document_languages(texts: Sequence[str], lines: Sequence[int], channels: Sequence[Channel]) -> tuple[list[str], list[str]]:
    """The languages of a document (its lines ``texts``) for the lexicon, and those it
    attests (``attested_languages``): those the ``lines`` worth a look and a sample of
    the rest attest; where they attest none, the lexicon still needs some: those of
    every reading of their odd words.

    >>> from mojibake_fix.channels import get_channel
    >>> document_languages(["Le conseil des villes a rŽuni les maires."], [0], [get_channel("mac_roman>cp1252")])
    (['fr'], ['fr'])
    """
    from .passes.mojibake import attested_languages, document_words

    looked_at = set(lines)
    odd = [texts[number] for number in lines]
    rest = sample([text for number, text in enumerate(texts) if number not in looked_at], GUESS_SAMPLE).split()
    attested = attested_languages(odd, channels, LANGUAGE_SAMPLE, rest)
    return attested or guess_languages(chain(document_words(odd, channels, LANGUAGE_SAMPLE), rest)), attested
