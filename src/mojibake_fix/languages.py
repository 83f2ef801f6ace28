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
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain

import regex

from .channels import Channel, short_enough, suspicious_pattern
from .lexicon import (
    CANDIDATE_LANGUAGES,
    CONTROLS,
    WORD_SHAPE,
    fold,
    frequencies,
    language_table,
    listed_somewhere,
    native_letters,
)
from .scoring import COMMON_PUNCTUATION, TOKEN
from .screen import sample

#: Tokens read (with the readings of the suspicious ones) to guess a document's languages.
LANGUAGE_SAMPLE = 20000
#: Characters of the other lines added to the guess, spread over the document.
GUESS_SAMPLE = 5000
LETTER = regex.compile(r"\p{L}")

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
    looked_at = set(lines)
    odd = [texts[number] for number in lines]
    rest = sample([text for number, text in enumerate(texts) if number not in looked_at], GUESS_SAMPLE).split()
    attested = attested_languages(odd, channels, LANGUAGE_SAMPLE, rest)
    return attested or guess_languages(chain(document_words(odd, channels, LANGUAGE_SAMPLE), rest)), attested


def document_words(texts: Iterable[str], channels: Sequence[Channel], limit: int) -> Iterator[str]:
    """Up to ``limit`` tokens of ``texts``, each suspicious one that is not a listed
    word followed by the distinct readings that keep its letters letters.

    A Russian text read as cp1252 holds no Russian word; its readings do, so the
    language guess sees them too.  A word some list already knows ("Ève") adds no
    reading, nor does a reading that turns letters into symbols ("ComitŽ" as "Comit‚"),
    or they would bring in languages the text does not use.
    """
    channels = tuple(channels)
    for count, token in enumerate(m.group() for text in texts for m in TOKEN.finditer(text)):
        if count >= limit:
            return
        yield token
        yield from _letter_readings(token, channels)


#: A language only the readings of broken tokens show is the document's once this many
#: distinct tokens, and this share of the tokens read as some language's words, read as
#: its words: one token is no evidence of its own language ("εm" read as the Romanian
#: "îm"), nor are a few odd readings among many ("Å¾" of Czech UTF-8 read as Romanian).
READING_TOKENS, READING_SHARE = 3, 0.3
#: Letters a reading needs to speak for a language.
READING_LETTERS = 3


def attested_languages(texts: Iterable[str], channels: Sequence[Channel], limit: int, rest: Iterable[str] = ()) -> list[str]:
    """The languages whose words a document writes: those of its words as they stand (up
    to ``limit`` tokens of ``texts``, and the words of ``rest``), and those that at least
    ``READING_TOKENS`` distinct broken tokens (``READING_SHARE`` of those read as some
    language's words) read as (a Russian text read as cp1252 writes no Russian word as
    it stands).

    A reading is evidence only where the document backs its language: the words a
    single token reads as are no evidence that the document is written in their language.

    >>> from mojibake_fix.channels import get_channel
    >>> attested_languages(["εm"], [get_channel("cp1252>cp437")], 100)
    []
    >>> attested_languages(["Le conseil des villes a rŽuni les maires"], [get_channel("mac_roman>cp1252")], 100)
    ['fr']
    """
    channels = tuple(channels)
    written: list[str] = list(rest)
    read: dict[str, set[str]] = {}
    for count, token in enumerate(m.group() for text in texts for m in TOKEN.finditer(text)):
        if count >= limit:
            break
        written.append(token)
        readings = _letter_readings(token, channels)
        if readings and token not in read:
            # a reading of a few letters is some language's word by chance ("xì", "kê")
            read[token] = {lang for text in readings if len(LETTER.findall(text)) >= READING_LETTERS for lang in languages_listing(text)}
    found = guess_languages(written)
    support: Counter[str] = Counter()
    for langs in read.values():  # a token read as words of several languages is a share of each
        support.update({lang: 1 / len(langs) for lang in langs})
    # a share of the tokens read as some language's words: a Russian text read as UTF-8
    # twice has many tokens no reading makes a word of, and they say nothing of its language
    least = max(READING_TOKENS, READING_SHARE * sum(1 for langs in read.values() if langs))
    return found + [lang for lang in guess_languages(
        [text for token in read for text in _letter_readings(token, channels)]
    ) if lang not in found and support[lang] >= least]


@lru_cache(maxsize=1 << 14)
def _letter_readings(token: str, channels: tuple[Channel, ...]) -> tuple[str, ...]:
    """The readings ``document_words`` adds for one token (cached: every round of every
    document guesses its languages again)."""
    core = token.strip("".join(COMMON_PUNCTUATION))
    if not suspicious_pattern(channels).search(token) or not short_enough(token, channels) or (WORD_SHAPE.fullmatch(core) and listed_somewhere(core)):
        return ()
    letters = len(LETTER.findall(token))
    if letters < 2:
        return ()
    # with the letters some candidate language writes when a placeholder allows them
    written = native_letters(CANDIDATE_LANGUAGES)
    readings = {text for channel in channels for text, _ in channel.readings(token, letters=written, partial=False)}
    # as large a share of letters (a UTF-8 reading is shorter than its token)
    return tuple(sorted(text for text in readings if len(LETTER.findall(text)) * len(token) >= letters * len(text)))
