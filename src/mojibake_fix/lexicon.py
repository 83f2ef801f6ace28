"""Word knowledge: per-language word frequencies, a character model, the letters of each language.

Frequencies come from wordfreq's lists, loaded lazily, once per process, and only for
the languages in play.  Scores are natural-log probabilities so that differences between
two readings of a token are log-likelihood ratios.

>>> lex = Lexicon(["fr"])
>>> lex.word_logprob("écologiques") > lex.word_logprob("Žcologiques") + 10
True
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources

import regex

#: Languages whose lists are consulted to guess a document's languages, and to score
#: words from a language the document does not mostly use (a Portuguese street name in
#: French text).  All are wordfreq languages written in Latin, Cyrillic or Greek script.
CANDIDATE_LANGUAGES = (
    "en", "fr", "de", "es", "pt", "it", "nl", "sv", "da", "nb", "fi", "is",
    "pl", "cs", "sk", "sl", "hu", "ro", "sh", "tr", "ca", "lt", "lv", "id", "ms", "vi",
    "ru", "uk", "bg", "el",
)

#: Share of running words that are not in a large list; their probability mass is
#: spread by the character model.
OOV_PROBABILITY = 1e-3
#: Weight of a word found only in a language the document does not seem to use.
OTHER_LANGUAGE_WEIGHT = 0.02
#: Shortest half of a compound, and the cost of gluing two words into one.
COMPOUND_MIN = 3
COMPOUND_PENALTY = math.log(1e-3)
#: Word scores kept per lexicon before the cache starts afresh.
CACHE_LIMIT = 500_000
#: A one-letter word counts as known above this frequency ("à" yes, "ω" no).
COMMON_LETTER = 1e-4
#: Below this (zipf 2) a listed word is noise: typos, names, even mojibake ("ŽtŽ").
KNOWN_FLOOR = 1e-7
#: A common word: at least this frequent (zipf 3).
COMMON_WORD = 1e-6
#: Below this frequency a word is also looked up in the other languages' lists.
RARE = 1e-6
#: A word as looked up: a letter, then letters and marks.
WORD_SHAPE = regex.compile(r"\p{L}[\p{L}\p{M}]+")
#: "ş" and "ţ" (cedilla) as "ș" and "ț" (comma below), the form words are looked up in.
_UNDER = str.maketrans("şţ", "șț")
#: Controls are dropped before the guess, as the hygiene pass drops them before repairs.
CONTROLS = regex.compile(r"[\x00-\x1f\x7f-\x9f]")


@cache
def frequencies(lang: str, wordlist: str) -> dict[str, float]:
    """wordfreq's list for ``lang`` (empty when wordfreq has none).

    The list is read here rather than through ``wordfreq.get_frequency_dict``, which keeps
    the raw buckets (lists of lists) in a cache of its own: millions of strings in lists
    that Python's cycle collector would walk through at every full collection.  A dict of
    strings to floats is not tracked by the collector at all.
    """
    import wordfreq  # deferred: importing the package must stay instant
    from wordfreq.language_info import get_language_info

    files = wordfreq.available_languages(wordlist)
    if lang not in files:
        return {}
    cedillas = get_language_info(lang)["diacritics_under"] == "cedillas"  # Turkish: fold them
    frequencies: dict[str, float] = {}
    for index, bucket in enumerate(wordfreq.read_cBpack(files[lang])):
        words = [word.translate(_UNDER) for word in bucket] if cedillas else bucket
        frequencies.update(dict.fromkeys(words, wordfreq.cB_to_freq(-index)))  # one float per bucket
    return frequencies


@lru_cache(maxsize=1)
def language_table() -> dict[str, dict[str, object]]:
    """Letters and top words per language, written by ``scripts/build_tables.py``."""
    data = resources.files(__package__).joinpath("data/languages.json").read_text("utf-8")
    return json.loads(data)["languages"]


@lru_cache(maxsize=8)
def _charmodel(languages: tuple[str, ...]) -> CharModel:
    return CharModel(w for lang in languages for w in frequencies(lang, "small"))


@lru_cache(maxsize=8)
def _shared_lexicon(languages: tuple[str, ...]) -> Lexicon:
    return Lexicon(languages)


def known_language(code: str) -> bool:
    """Whether wordfreq has a word list for language ``code``.

    >>> known_language("fr"), known_language("xx")
    (True, False)
    """
    import wordfreq

    return code in wordfreq.available_languages("small")


class CharModel:
    """A character trigram model of word types, with add-k smoothing.

    It gives rare words the lexicon lacks (names, technical terms) a probability that
    depends on how word-like their letters are in the document's languages.

    >>> model = CharModel(["maison", "raison", "saison", "liaison"])
    >>> model.logprob("maison") > model.logprob("ma÷son")
    True
    """

    SMOOTHING = 0.05

    def __init__(self, words: Iterable[str]):
        trigrams: Counter[str] = Counter()
        for word in words:
            padded = f"\x02\x02{word}\x03"
            trigrams.update(padded[i : i + 3] for i in range(len(padded) - 2))
        contexts: Counter[str] = Counter()
        alphabet = set()
        for gram, count in trigrams.items():
            contexts[gram[:2]] += count
            alphabet.add(gram[2])
        self._trigrams = trigrams
        self._contexts = contexts
        # one extra symbol stands for every character never seen in training
        self._alphabet_size = len(alphabet) + 1

    def logprob(self, word: str) -> float:
        """Natural-log probability of ``word`` (lowercase it first) as a word type."""
        padded = f"\x02\x02{word}\x03"
        k, size = self.SMOOTHING, self._alphabet_size
        total = 0.0
        for i in range(len(padded) - 2):
            gram = padded[i : i + 3]
            total += math.log(
                (self._trigrams.get(gram, 0) + k) / (self._contexts.get(gram[:2], 0) + k * size)
            )
        return total


def fold(word: str) -> str:
    """The form under which a word is looked up: casefolded, ASCII apostrophe, 0 for digits,
    "ş" and "ţ" with a comma below: Romanian is written with both (the legacy code pages
    have only cedillas), and wordfreq lists it with commas, Turkish with cedillas.

    >>> fold("Aujourd’hui"), fold("1993"), fold("Straße"), fold("FIŞIER")
    ("aujourd'hui", '0000', 'strasse', 'fișier')
    """
    word = word.casefold().replace("\u2019", "'").replace("\u02bc", "'")
    if "ş" in word or "ţ" in word:
        word = word.translate(_UNDER)
    if not word.isalpha() and any(c.isdigit() for c in word):  # no letter is a digit
        word = "".join("0" if c.isdigit() else c for c in word)
    return word


def native_letters(languages: Sequence[str], initial: bool = False) -> frozenset[str]:
    """The non-ASCII letters (lower case) that common words of ``languages`` use, or
    with ``initial`` those that start common words.

    >>> sorted(native_letters(["de"])), sorted(native_letters(["de"], initial=True))
    (['ß', 'ä', 'ö', 'ü'], ['ä', 'ö', 'ü'])
    """
    table = language_table()
    key = "initials" if initial else "letters"
    return frozenset("".join(table[lang][key] for lang in languages if lang in table))  # type: ignore[misc]


def top_words(languages: Sequence[str]) -> frozenset[str]:
    """The most frequent words of ``languages`` (a few hundred each, folded).

    >>> {"è", "di"} <= top_words(["it"])
    True
    """
    table = language_table()
    return frozenset(word for lang in languages if lang in table for word in table[lang]["top"])  # type: ignore[attr-defined]


def writes(language: str, word: str) -> bool:
    """Whether every letter of ``word`` is ASCII or one of ``language``'s alphabet: the
    letters at least ``ALPHABET_WORDS`` words of its short list hold.  The lists hold noise
    too, such as German "kã"; Dutch "coördinaat" is Dutch.

    >>> writes("de", "Straße"), writes("de", "kã"), writes("nl", "coördinaat")
    (True, False, True)
    """
    letters = _alphabet(language)
    return all(c.isascii() or not c.isalpha() or c.lower() in letters for c in word)


#: Words of a language's short list that must hold a letter for it to be of its alphabet.
ALPHABET_WORDS = 5


@cache
def _alphabet(language: str) -> frozenset[str]:
    counts = Counter(c for word in frequencies(language, "small") for c in set(word) if not c.isascii() and c.isalpha())
    return frozenset(c for c, n in counts.items() if n >= ALPHABET_WORDS) | FOLDED_LETTERS.get(language, frozenset())


#: Letters wordfreq folds away in its lists ("ß" is stored as "ss").
FOLDED_LETTERS = {"de": frozenset("ß")}


def uses_apostrophe(languages: Sequence[str]) -> bool:
    """Whether common words of ``languages`` hold an apostrophe ("l'eau", "don't").

    >>> uses_apostrophe(["fr"]), uses_apostrophe(["cs"])
    (True, False)
    """
    table = language_table()
    return any(table[lang]["apostrophe"] for lang in languages if lang in table)


@lru_cache(maxsize=64)
def _clitics(languages: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    table = language_table()
    found = [table[lang] for lang in languages if lang in table]
    return frozenset(p for t in found for p in t["elided"]), frozenset(p for t in found for p in t["suffixed"])  # type: ignore[attr-defined]


def splits_at_apostrophe(languages: Sequence[str], head: str, tail: str) -> bool:
    """Whether ``languages`` split a word at an apostrophe between ``head`` and ``tail``:
    the tail is a part many listed words end with ("’s", Turkish "’da"), or the head is
    one letter ("l’eau") or a part many start with ("dell’") before a vowel
    (``opens_with_vowel``: "S’le" is none).  Anywhere else the
    apostrophe holds one word: "Meg’as" is no English "Meg" and "as".

    >>> splits_at_apostrophe(["fr"], "l", "eau"), splits_at_apostrophe(["en"], "Meg", "s")
    (True, True)
    >>> splits_at_apostrophe(["en"], "Meg", "as"), splits_at_apostrophe(["it"], "dell", "anno")
    (False, True)
    >>> splits_at_apostrophe(["fr"], "S", "le")
    False
    """
    elided, suffixed = _clitics(tuple(languages))
    return fold(tail) in suffixed or ((len(head) == 1 or fold(head) in elided) and opens_with_vowel(tail))


#: The vowels (and the French and Italian mute "h") an elided word stands before, as
#: base letters: Latin, Greek and Cyrillic ("в’язати": Ukrainian iotated vowels).
_VOWELS = frozenset("aeiouyhæœøαεηιουωаеёиіїєоуыэюя")


def opens_with_vowel(word: str) -> bool:
    """Whether ``word`` starts with a vowel (or "h"), as a word after an elision does:
    a vowel was dropped before another ("l’eau", "dell’anno"); "S’le" is no elision.

    >>> opens_with_vowel("eau"), opens_with_vowel("Hôtel"), opens_with_vowel("le"), opens_with_vowel("")
    (True, True, False, False)
    """
    return bool(word) and unicodedata.normalize("NFD", word[0])[0].lower() in _VOWELS


def listed_somewhere(token: str) -> bool:
    """Whether every word of ``token`` (none counts as all) is in some candidate list.

    >>> listed_somewhere("Ève,"), listed_somewhere("Ïðèâåò"), listed_somewhere("1/n²")
    (True, False, True)
    """
    words = [fold(w) for w in WORD_SHAPE.findall(token)]
    lists = [frequencies(lang, "small") for lang in CANDIDATE_LANGUAGES]
    return all(any(w in freqs for freqs in lists) for w in words)


#: Letters joined by apostrophes or hyphens: one word, or a compound or elision of words.
_JOINED = regex.compile(r"[\p{L}\p{M}]+(?:['’\-‐][\p{L}\p{M}]+)*")
_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
#: Punctuation a word may stand between.
_EDGES = "\"'’‘“”«»()[]{}.,;:!?…–—-"


def worded(token: str, known: Callable[[str], bool] = listed_somewhere) -> bool:
    """Whether ``token``, punctuation around it aside, is a word of two letters or more
    (``known``: some language lists it), or such words joined by apostrophes or hyphens.

    >>> worded("«Řádek,"), worded("m"), worded("؇dek"), worded("l’eau")
    (True, False, False, True)
    """
    core = token.strip(_EDGES)
    if not _JOINED.fullmatch(core):
        return False
    words = _LETTERS.findall(core)
    return any(len(word) > 1 for word in words) and all(known(word) for word in words if len(word) > 1)


def word_coverage(words: Sequence[str], limit: int = 2000) -> float:
    """The share of ``words`` (the first ``limit``) that some candidate language knows.

    >>> word_coverage(["déjà", "école"]), word_coverage(["dťjŕ", "ťcole"])
    (1.0, 0.0)
    """
    sample = [fold(w) for w in words[:limit]]
    if not sample:
        return 0.0
    lists = [frequencies(lang, "small") for lang in CANDIDATE_LANGUAGES]
    return sum(any(w in freqs for freqs in lists) for w in sample) / len(sample)


#: What a letter costs in a word of another language, one script, its letters some
#: candidate language's: a name from elsewhere ("Ñandú" in French text) is no less a word
#: than a word the document's character model knows, only rarer.  A letter the
#: document's languages do not write costs more.
FOREIGN_LETTER, STRANGE_LETTER = math.log(1 / 30), math.log(1 / 300)
_ONE_SCRIPT = regex.compile(r"(?:[\p{Latin}\p{M}]+|[\p{Cyrillic}\p{M}]+|[\p{Greek}\p{M}]+)")


@cache
def _candidate_letters() -> frozenset[str]:
    return native_letters(CANDIDATE_LANGUAGES)


def _letters_floor(word: str, native: frozenset[str]) -> float:
    """The least log-probability of ``word`` as a word type of some candidate language,
    weighted as another language's word, where every letter is ASCII or some candidate
    language's and all are of one script ("ñandú" yes, "εm" and "rƒseau" no): each
    letter ``FOREIGN_LETTER``, or ``STRANGE_LETTER`` if it is not ASCII nor ``native``.

    >>> _letters_floor("ñandú", frozenset("ñú")) > _letters_floor("ñandú", frozenset()) > -40.0
    True
    >>> _letters_floor("εm", frozenset()), _letters_floor("rƒseau", frozenset())
    (-inf, -inf)
    """
    folded = word.casefold()
    letters = _candidate_letters()
    if not _ONE_SCRIPT.fullmatch(folded) or not all(c.isascii() or c in letters or not c.isalpha() for c in folded):
        return -math.inf
    strange = sum(1 for c in folded if not c.isascii() and c not in native)
    return math.log(OTHER_LANGUAGE_WEIGHT) + FOREIGN_LETTER * (len(folded) + 1 - strange) + STRANGE_LETTER * strange


class Lexicon:
    """Word probabilities for a document's languages, with a fallback for unknown words.

    ``languages`` are the document's; words of other candidate languages still count,
    weighted down by ``OTHER_LANGUAGE_WEIGHT``.
    """

    def __init__(self, languages: Sequence[str], others: Sequence[str] = CANDIDATE_LANGUAGES):
        self.languages = tuple(languages) or ("en",)
        self._lists: list[dict[str, float]] | None = None
        self._other_languages = [lang for lang in others if lang not in self.languages]
        self._charmodel: CharModel | None = None
        self._cache: dict[str, float] = {}  # grows with the words seen; bounded below

    @classmethod
    def shared(cls, languages: Sequence[str]) -> Lexicon:
        """One lexicon per set of languages per process, so its caches serve every document."""
        return _shared_lexicon(tuple(languages))

    @property
    def _main(self) -> list[dict[str, float]]:
        """The full lists of the document's languages, loaded on first use."""
        if self._lists is None:
            self._lists = [frequencies(lang, "best") for lang in self.languages]
        return self._lists

    @property
    def letters(self) -> frozenset[str]:
        """The non-ASCII letters of the document's languages (``native_letters``)."""
        return native_letters(self.languages)

    @property
    def charmodel(self) -> CharModel:
        """The character model of the document's languages, built on first use."""
        if self._charmodel is None:
            self._charmodel = _charmodel(self.languages)
        return self._charmodel

    def frequency(self, word: str) -> tuple[float, str | None]:
        """The word's frequency and the language that gives it (0.0, None if unknown).

        >>> Lexicon(["fr"]).frequency("Praça")[1]
        'pt'
        """
        key = fold(word)
        best, where = 0.0, None
        for lang, freqs in zip(self.languages, self._main):
            if freqs.get(key, 0.0) > best:
                best, where = freqs[key], lang
        if best < RARE:
            for lang in self._other_languages:
                weighted = frequencies(lang, "small").get(key, 0.0) * OTHER_LANGUAGE_WEIGHT
                if weighted > best:
                    best, where = weighted, lang
        return best, where

    def likeliest(self, word: str) -> str | None:
        """The language most likely to write ``word``: the document's own, or another whose
        list holds it far more often (``OTHER_LANGUAGE_WEIGHT``), however common it is in
        the document's: French lists "the", English writes it.

        >>> Lexicon(["fr"]).likeliest("the"), Lexicon(["fr"]).likeliest("lui"), Lexicon(["fr"]).likeliest("qqqq")
        ('en', 'fr', None)
        """
        key = fold(word)
        best, where = 0.0, None
        for lang, freqs in zip(self.languages, self._main):
            if freqs.get(key, 0.0) > best:
                best, where = freqs[key], lang
        for lang in self._other_languages:
            weighted = frequencies(lang, "small").get(key, 0.0) * OTHER_LANGUAGE_WEIGHT
            if weighted > best:
                best, where = weighted, lang
        return where

    def known(self, word: str) -> bool:
        """Whether the document's own languages list ``word`` (a lone letter must be common).

        >>> Lexicon(["fr"]).known("à"), Lexicon(["fr"]).known("ω")
        (True, False)
        """
        key = fold(word)
        floor = COMMON_LETTER if len(key) == 1 else KNOWN_FLOOR
        for freqs in self._main:  # a loop, not any(): this is the commonest lookup of all
            if freqs.get(key, 0.0) >= floor:
                return True
        return False

    def knowing(self, word: str, pair_floor: float = KNOWN_FLOOR) -> set[str]:
        """The document's languages that list ``word`` as known (``known``); a word of two
        letters needs ``pair_floor`` (lists hold the pieces of longer words as pairs).

        >>> sorted(Lexicon(["fr", "hu"]).knowing("éve")), sorted(Lexicon(["fr"]).knowing("mê", pair_floor=RARE))
        (['hu'], [])
        """
        key = fold(word)
        floor = COMMON_LETTER if len(key) == 1 else pair_floor if len(key) == 2 else KNOWN_FLOOR
        return {lang for lang, freqs in zip(self.languages, self._main) if freqs.get(key, 0.0) >= floor}

    def compound_logprob(self, word: str) -> float | None:
        """The best reading of ``word`` as two known words glued together, if any.

        German, Dutch and Nordic compounds ("miljøvariabel") are often missing from
        frequency lists although both halves are common.

        >>> Lexicon(["da"]).compound_logprob("miljøvariabel") is not None
        True
        """
        key = fold(word)
        best = None
        for cut in range(COMPOUND_MIN, len(key) - COMPOUND_MIN + 1):
            head = self._main_frequency(key[:cut])
            tail = self._main_frequency(key[cut:]) if head else 0.0
            if head and tail:
                score = math.log(head) + math.log(tail) + COMPOUND_PENALTY
                best = score if best is None else max(best, score)
        return best

    def _main_frequency(self, key: str) -> float:
        return max((freqs.get(key, 0.0) for freqs in self._main), default=0.0)

    def word_logprob(self, word: str) -> float:
        """Natural-log probability of one word: the lexicon's, a compound's, or the character model's."""
        cached = self._cache.get(word)
        if cached is None:
            freq, _ = self.frequency(word)
            unknown = math.log(OOV_PROBABILITY) + max(self.charmodel.logprob(fold(word)), _letters_floor(word, self.letters))
            if not freq and len(word) >= 2 * COMPOUND_MIN:
                unknown = max(unknown, self.compound_logprob(word) or unknown)
            cached = max(math.log(freq), unknown) if freq else unknown
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = cached
        return cached
