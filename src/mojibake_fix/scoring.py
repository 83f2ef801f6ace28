"""How likely a stretch of text is, as a natural-log probability.

A token is cut into pieces: runs of letters (words, with inner apostrophes), runs of
digits, and single other characters.  Words are scored by the lexicon; other characters
by a small character-class model whose numbers are rough per-token rates of such
characters in running text.  Differences of two scores are log-likelihood ratios.

>>> from mojibake_fix.lexicon import Lexicon
>>> lex = Lexicon(["fr"])
>>> text_logprob("r™le", lex) < text_logprob("rôle", lex)
True
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection, Sequence
from itertools import pairwise

import regex

from .align import diff_spans
from .lexicon import (
    COMMON_LETTER,
    RARE,
    Lexicon,
    opens_with_vowel,
    splits_at_apostrophe,
    uses_apostrophe,
    writes,
)

#: A word (letters and marks, apostrophes inside), a number, or any other single character
#: (a space inside a reading, such as a no-break space, is a character like any other).
_PIECE = regex.compile(r"[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*|\p{Nd}+|.", regex.DOTALL)
_APOSTROPHES = regex.compile(r"['’ʼ]")

#: A token: a run of characters between spaces and tabs (a no-break space may be a byte
#: of mojibake: "GÃ\xa0idhlig" is one token).
TOKEN = regex.compile(r"[^ \t]+")
#: A run of letters (and marks): a word of any script, as counted.
LETTERS = regex.compile(r"[\p{L}\p{M}]+")

#: Punctuation that ordinary prose uses all the time.
COMMON_PUNCTUATION = frozenset(".,;:!?'\"’‘“”«»()[]{}-‐–—…/%&*+#@§°_")
#: Symbols real text uses often enough: marks, currencies, units, superscripts.
COMMON_SYMBOLS = frozenset("©®™°€£$¥¢§¶†‡•·²³¹µ×±")
#: Dashes that stand between words or beside them, not glued to one side of a word.
DASHES = frozenset("–—―")
#: Signs that follow what they qualify ("21°", "n°", "50 %"): opening a word, they are rare.
POSTFIX = frozenset("°%‰")
#: Ordinal indicators, letters that after a number are as common as punctuation ("2º", "3ª").
ORDINALS = frozenset("ºª")
#: Characters that may sit between two letters of one token (l’eau, Nations-Unies, a.m.).
JOINERS = frozenset("'’ʼ-‐./")

COMMON_PIECE = math.log(1e-2)  # prose's punctuation (``COMMON_PUNCTUATION``), an ordinal's ending ("1er")
UNCOMMON = math.log(1e-3)  # other punctuation, currency signs
RARE_SYMBOL = math.log(1e-6)  # ™ ‰ ¼ ÷ and other symbols
CONTROL = math.log(1e-8)  # controls, private use, unassigned
INSIDE_WORD = math.log(1e-4)  # extra for a non-joiner between two letters
FACING_AWAY = math.log(1e-3)  # extra for "Windows«", "‘sht‘": a quote facing away from its word
APOSTROPHE_JOIN = math.log(0.05)  # l’eau read as "l", "’", "eau"
#: Extra for that split where no language of the document writes apostrophes in common
#: words (``lexicon.uses_apostrophe``: below 5e-4 of running text): in Hungarian,
#: "tömör’t" is "tömörít" through Mac-Roman, not "tömör" and "t".
NO_APOSTROPHES = math.log(5e-4)
ODD_CASE = math.log(1e-2)  # "RƒSEAU", "ÇlocaleÈ": case that changes inside a word
#: Extra for an unlisted word holding an apostrophe where its languages split no word
#: ("Alban’a"): the letter model knows "l’eau" and "O’Brien", not that such an
#: apostrophe is as rare as a foreign letter.
UNSPLIT_APOSTROPHE = math.log(1e-2)
NUMBER = math.log(1e-3)
#: A quote closing the one that opens its token: most quotes are closed in their token.
PAIRED = math.log(0.5)
#: Opening and closing quotation marks as the world's quotation styles pair them:
#: “…” ‘…’ «…» »…« „…“ „…” ‚…‘ ‚…’ ‹…› ›…‹, and the styles that close with the opening
#: mark's own form, ”…” ’…’ »…» (Swedish, Finnish), "…".
QUOTE_PAIRS = frozenset(("“”", "‘’", "«»", "»«", "„“", "„”", "‚‘", "‚’", "‹›", "›‹", "””", "’’", "»»", '""'))


def symbol_logprob(char: str) -> float:
    """The log-probability of a non-word character, by how common its class is.

    >>> symbol_logprob(",") > symbol_logprob("€") > symbol_logprob("™") > symbol_logprob("\\x8f")
    True
    """
    if char in COMMON_PUNCTUATION:
        return COMMON_PIECE
    if char.isspace():
        return UNCOMMON
    category = unicodedata.category(char)
    if category[0] == "C":
        return CONTROL
    if category[0] == "P" or category == "Sc":
        return UNCOMMON
    return RARE_SYMBOL


def _odd_case(word: str) -> bool:
    letters = "".join(c for c in word if c.isalpha())
    return not (letters.islower() or letters.isupper() or letters.istitle() or len(letters) < 2)


def word_logprob(word: str, lexicon: Lexicon) -> float:
    """A word's log-probability; words with apostrophes are looked up whole, then in parts.

    >>> from mojibake_fix.lexicon import Lexicon
    >>> word_logprob("l’eau", Lexicon(["fr"])) > word_logprob("lÕeau", Lexicon(["fr"]))
    True
    >>> word_logprob("tömör’t", Lexicon(["hu"])) < word_logprob("tömörít", Lexicon(["hu"]))
    True
    >>> word_logprob("Meg’as", Lexicon(["en"])) < word_logprob("Megías", Lexicon(["en"]))
    True
    """
    score = lexicon.word_logprob(word)
    if _APOSTROPHES.search(word):
        parts = _APOSTROPHES.split(word)
        if all(apostrophe_splits(head, tail, lexicon) for head, tail in pairwise(parts)):
            join = APOSTROPHE_JOIN + (0.0 if uses_apostrophe(lexicon.languages) else NO_APOSTROPHES)
            split = sum(lexicon.word_logprob(p) for p in parts) + join * (len(parts) - 1)
            score = max(score, split)
        elif not lexicon.frequency(word)[0]:
            score += UNSPLIT_APOSTROPHE
    # case is read part by part: "d’ICLEI" is an elided article and an acronym
    return score + (ODD_CASE if any(map(_odd_case, _APOSTROPHES.split(word))) else 0.0)


def apostrophe_splits(head: str, tail: str, lexicon: Lexicon) -> bool:
    """Whether an apostrophe between ``head`` and ``tail`` parts two words of the lexicon's
    languages (``splits_at_apostrophe``), or ``head`` is a short word the lists know as
    common as a lone letter must be, elided before a vowel (French "qu’il").

    >>> from mojibake_fix.lexicon import Lexicon
    >>> apostrophe_splits("qu", "il", Lexicon(["fr"])), apostrophe_splits("Alban", "a", Lexicon(["fr"]))
    (True, False)
    """
    if splits_at_apostrophe(lexicon.languages, head, tail):
        return True
    return len(head) <= 2 and opens_with_vowel(tail) and lexicon.frequency(head)[0] >= COMMON_LETTER


def plausible_punctuation(reading: str, original: str) -> bool:
    """Whether no letter or blank beside a number alone changes nature.

    Damage turns guillemets, quotes and dashes into letters next to words ("ÇlocaleÈ",
    "lÕeau"), punctuation ("(Ç") or nothing ("Ñ"); a letter glued to a number is an
    ordinal or a unit ("2ª", "16e") and stays one, and a blank beside a number is
    typography.  A run of several characters that becomes one mark is no ordinal: it is
    the bytes of one character ("25Â°", "”0”" as "â€•0â€•").

    >>> plausible_punctuation("(«locale»", "(ÇlocaleÈ"), plausible_punctuation("2»", "2ª")
    (True, False)
    >>> plausible_punctuation("25°", "25Â°")
    True
    """
    for a0, a1, b0, b1 in diff_spans(original, reading):
        beside = reading[max(b0 - 1, 0) : b0] + reading[b1 : b1 + 1]
        by_number = any(c.isdigit() for c in beside)
        letter_lost = a1 - a0 == 1 and b1 > b0 and original[a0].isalpha() and not any(c.isalpha() for c in reading[b0:b1])
        if letter_lost and by_number and not any(c.isalpha() for c in beside):
            return False
        if original[a0:a1].isspace() and by_number:
            return False  # "25\u00a0m²", "9\u00a0h": a no-break space after a number is typography
    return True


def backed_by_words(reading: str, original: str, lexicon: Lexicon, strict: bool = True, languages: Collection[str] | None = None) -> bool:
    """Whether the lexicon vouches for a reading on its own, without document evidence.

    Every word the reading changed must be a word of the document's languages.  A
    character that became punctuation must be common punctuation, may not cut a word in
    two, and must touch such a word.  A letter may only become an apostrophe inside a
    word ("lÕeau" -> "l’eau"): that "ÇlocaleÈ" is "«locale»" and not a name such as
    "Éire" takes evidence from the rest of the document, and so does a lone letter
    ("Ó Briain").  Nor can words vouch for a symbol read as another outside a word:
    "®ndr" changes no word as "«ndr" (``_word_free`` says when none is needed).  Not
    ``strict``, the first two rules are waived: the document's evidence is gathered that way.
    Given ``languages``, a word must be a word of one of them: those the document writes,
    not only those its broken tokens read as.

    >>> from mojibake_fix.lexicon import Lexicon
    >>> lex = Lexicon(["fr"])
    >>> backed_by_words("l’eau", "lÕeau", lex), backed_by_words("«locale»", "ÇlocaleÈ", lex)
    (True, False)
    >>> backed_by_words("ÂL0A¿È", "åL0AÀé", lex), backed_by_words("A¶’ù", "A¦’ù", lex)
    (False, False)
    >>> backed_by_words("l’eau–©r", "l’eau√©r", lex), backed_by_words("«eau", "®eau", lex)
    (False, False)
    >>> backed_by_words("«eau»", "®eau¯", lex), backed_by_words("“eau”", "\x93eau\x94", lex)
    (True, True)
    >>> backed_by_words("’un", "Õun", lex, strict=False), backed_by_words("un’", "unÕ", lex, strict=False)
    (False, True)
    >>> backed_by_words("rôle", "r™le", Lexicon(["fr"])), backed_by_words("rôle", "r™le", Lexicon(["fr"]), languages=())
    (True, False)
    >>> backed_by_words("teŽ•ka", "teÄ•ka", Lexicon(["cs"])), backed_by_words("též", "teÄ", Lexicon(["cs"]))
    (False, True)
    """

    def known(word: str) -> bool:
        # a lone letter says too little ("Ó Briain", "(é)", "ƒ 2,50"): two letters at least;
        # nor is a word in a case no writer uses a listed word ("teŽ" is no "tež")
        parts = _APOSTROPHES.split(word)
        long_enough = not strict or sum(c.isalpha() for c in word) >= 2
        if not long_enough or any(map(_odd_case, parts)):
            return False
        # parts are words only where the language splits there: "Alban’a" is no "Alban" and "a"
        return listed(word) or (all(map(listed, parts)) and all(apostrophe_splits(h, t, lexicon) for h, t in pairwise(parts)))

    def listed(word: str) -> bool:
        # a word a list holds with letters its language does not write is noise ("kã" in
        # German), and so is a rare pair of letters (French "mê", a piece of "même")
        found = lexicon.knowing(word, RARE)
        found = found if languages is None else found & set(languages)
        return any(writes(language, word) for language in found)

    spans = diff_spans(original, reading)
    words = [m for m in _PIECE.finditer(reading) if m.group()[0].isalpha()]
    # the commonest refusal first: a word holding a changed character that is no word
    if not all(known(m.group()) for m in words if any(b0 < m.end() and m.start() < b1 for _, _, b0, b1 in spans if b0 < b1)):
        return False
    pair = _quote_pair(reading)
    changed = {i for _, _, b0, b1 in spans for i in range(b0, b1)}
    covering = {i: m for m in words for i in range(m.start(), m.end())}
    for a0, a1, b0, b1 in spans:
        letters_before, letters_after = (any(c.isalpha() for c in text) for text in (original[a0:a1], reading[b0:b1]))
        inside_word = all(i in covering for i in range(b0, b1))
        if strict and letters_before and not letters_after and not inside_word:
            return False
        if not (letters_before or letters_after or inside_word) and not _word_free(original[a0:a1], b0, pair):
            return False  # a symbol read as another changes no word: no word can vouch for it
    for i in sorted(changed):
        if i in covering:  # a known word, checked above
            continue
        neighbours = [covering.get(i - 1), covering.get(i + 1)]
        if reading[i] not in COMMON_PUNCTUATION or all(neighbours):
            return False  # a rare symbol, or a word cut in two ("sobreescribir·n")
        if reading[i] == "’" and neighbours[0] is None and i not in pair:
            return False  # an apostrophe elides nothing before a word ("’un"): a quote opened by a closing mark
        if any(not (c.isalnum() or c.isspace() or c in COMMON_PUNCTUATION) for c in reading[i - 1 : i] + reading[i + 1 : i + 2]):
            return False  # glued to a rare symbol, the token still broken ("přihlášen–©ho")
        if not any(m is not None and known(m.group()) for m in neighbours):
            return False
    return True


def _word_free(original: str, start: int, pair: tuple[int, int] | tuple[()]) -> bool:
    """Whether a symbol-for-symbol reading needs no word to vouch for it: the original is
    a control, which no text holds, or the reading opens or closes a quotation that the
    token closes or opens ("®locale¯" as "«locale»")."""
    return any(unicodedata.category(c) == "Cc" for c in original) or start in pair


def text_logprob(text: str, lexicon: Lexicon) -> float:
    """The log-probability of a token (or a few tokens) of running text."""
    total = 0.0
    pair = _quote_pair(text)
    for match in _PIECE.finditer(text):
        piece = match.group()
        first = piece[0]
        if first.isdigit():
            total += NUMBER
        elif piece in ORDINALS and text[match.start() - 1 : match.start()].isdigit():
            total += COMMON_PIECE
        elif len(piece) > 1 or unicodedata.category(first)[0] in "LM":
            total += word_logprob(piece, lexicon)
        else:
            before = text[match.start() - 1 : match.start()].isalnum()
            after = text[match.end() : match.end() + 1].isalnum()
            if pair and match.start() == pair[1]:
                total += PAIRED
            else:
                total += UNCOMMON if first in POSTFIX and after and not before else symbol_logprob(first)
            if before and after and first not in JOINERS:
                total += INSIDE_WORD
            elif before != after and match.start() not in pair and _facing_away(first, before):
                total += FACING_AWAY
    return total


def _quote_pair(text: str) -> tuple[int, int] | tuple[()]:
    """The positions of the quotation marks that open and close ``text``, if they pair.

    The opening mark is the first character that is not an opening bracket; the closing
    one the last that is neither a closing bracket nor the punctuation ending a clause.

    >>> _quote_pair("(”ja”),"), _quote_pair("“restart”,"), _quote_pair("‐ja‐"), _quote_pair("‘sht‘")
    ((1, 4), (0, 8), (), ())
    """
    start = len(text) - len(text.lstrip("([{"))
    end = len(text.rstrip(")]}.,;:!?")) - 1
    if end - start >= 2 and text[start] + text[end] in QUOTE_PAIRS:
        return start, end
    return ()


def _facing_away(char: str, word_before: bool) -> bool:
    """An opening mark glued after a word, a closing one glued before a word ("Windows«"),
    or a dash glued to one word only ("–ame"; "2000–2005" joins two).

    >>> _facing_away("«", True), _facing_away("–", False), _facing_away("-", False)
    (True, True, False)
    """
    category = unicodedata.category(char)
    if char in DASHES:
        return True
    return category in ("Ps", "Pi") if word_before else category in ("Pe", "Pf")


def describe(text: str, lexicon: Lexicon) -> str:
    """A few words on why ``text`` scores as it does: is it a word, and where is it known.

    >>> from mojibake_fix.lexicon import Lexicon
    >>> describe("l’écologie,", Lexicon(["fr"])), describe("r™le", Lexicon(["fr"]))
    ('‘écologie’ fr zipf 4.2', '‘r™le’ not a word')
    >>> describe("à", Lexicon(["fr"])), describe("ω", Lexicon(["fr"]))
    ('‘à’ fr zipf 7.3', '‘ω’ unknown')
    """
    core = text.strip("".join(COMMON_PUNCTUATION))
    pieces = [m.group() for m in _PIECE.finditer(core)]
    if len(pieces) != 1 or not pieces[0][0].isalpha():
        return f"‘{core or text}’ not a word"
    word = pieces[0]
    for part in [word, *sorted(_APOSTROPHES.split(word), key=len, reverse=True)]:
        freq, lang = lexicon.frequency(part)
        if freq and (len(part) > 1 or lexicon.known(part)):
            where = lang if lang in lexicon.languages else f"{lang} (weighted as another language)"
            return f"‘{part}’ {where} zipf {math.log10(freq) + 9:.1f}"
    return f"‘{word}’ unknown"


def share(score: float, scores: Sequence[float]) -> float:
    """The softmax share of ``score`` among the log-probabilities ``scores`` (which hold it):
    how sure a choice is among readings scored by the lexicon.

    >>> round(share(math.log(3), [math.log(3), 0.0]), 2)
    0.75
    """
    top = max(scores)
    return math.exp(score - top) / sum(math.exp(s - top) for s in scores)


def softmax(scores: Sequence[float]) -> tuple[float, list[float]]:
    """The log of the total probability of ``scores`` (log-probabilities), and each one's share.

    >>> mass, shares = softmax([math.log(3), 0.0])
    >>> round(math.exp(mass), 2), [round(s, 2) for s in shares]
    (4.0, [0.75, 0.25])
    """
    top = max(scores)
    weights = [math.exp(score - top) for score in scores]
    total = sum(weights)
    return top + math.log(total), [weight / total for weight in weights]
