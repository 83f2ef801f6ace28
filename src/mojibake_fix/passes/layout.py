"""Layout damage from text extraction: words split by a space, letter-spaced headings,
runs of spaces between words, trailing blanks.

Extractors place a space wherever two glyphs stand further apart than some share of
their width, so kerning and justification split words ("na vigateurs", "T rouver")
and letter-spaced headings come out one letter a word ("S E R V I C E S").

* ``split_words`` joins two pieces when together they make a common word and the pieces
  as they stand are not plausible: a piece of two letters or more that is no word is
  the evidence of a split; a piece that is a word, or a lone letter (a variable, an
  initial, a one-letter word), is none.  A pair with such a piece ("na vigateurs",
  "A vec") is a clear split, applied once the document shows another clear split word,
  since one such pair in clean text is more likely a rare word than a split.  A pair of
  a word and a lone letter ("Sei n", "cos t", "and y") is plausible as it stands: it is
  joined only when the document shows at least two clear split words with the same
  lone letter on the same side ("T ransfer", "T ypically" for "T ask"), and is
  otherwise reported as a suspicion;
* ``letter_spaced`` joins the letters of a spaced-out heading, words being separated by
  two or more spaces there;
* ``collapse_runs`` and ``strip_trailing`` tidy the spacing of justified lines.  They
  change the layout of ordinary text files too, so they are meant for PDF input only;
  run ``letter_spaced`` before ``collapse_runs``, which removes the double spaces that
  separate its words.

>>> from mojibake_fix.context import Settings
>>> from mojibake_fix.document import Document
>>> from mojibake_fix.engine import run
>>> doc = Document.from_text("S E R V I C E S  D E  B A S E\\nLes na vigateurs A vec  le  \\nde main")
>>> passes = (split_words, letter_spaced, collapse_runs, strip_trailing)
>>> _ = run(doc, Settings(channels=(), languages=("fr",)), passes=passes)
>>> doc.texts
['SERVICES DE BASE', 'Les navigateurs Avec le', 'de main']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

import regex

from .. import rules
from ..changes import Proposal, Step
from ..context import Context
from ..document import Document
from ..lexicon import COMMON_WORD, Lexicon
from ..triggers import LineFilter
from .hyphenation import TAIL, move_up, zipf

#: Shortest joined word: shorter ones ("as" from "a s") are too easily made by chance.
MIN_JOINED = 4
#: Distinct clear split words a document must show before any is applied (the pair
#: being decided included), and before a pair of a word and a lone letter is joined
#: (that pair not included: it is no clear split).
EVIDENCE_PAIRS = 2
#: A piece of one letter is a word in its own right only if this common ("a", "y"); a
#: rarer one is a lone letter, plausible as it stands but no word.
WORD_LETTER = 1e-3
#: A second piece this common after a piece that is no word is likelier a word of its
#: own after a word the lists lack (Danish "kolon i") than the end of a split word.
FUNCTION_WORD = 1e-3
#: Confidence of a split pair, once the document shows the damage elsewhere.
SPLIT_CONFIDENCE = 0.95
#: Confidence of a repair lacking the evidence that would make it sure: a suspicion.
UNSURE = 0.6
#: Left piece: opening punctuation, an elided article ("l’"), then the letters.
LEFT = regex.compile(r"([\p{Ps}\p{Pi}\"']*(?:\p{L}{1,7}['’](?=\p{L}{2}))?)([\p{L}\p{M}]+)")
#: Right piece: the letters, then closing punctuation.
RIGHT = regex.compile(r"([\p{L}\p{M}]+)[\p{Pe}\p{Pf}\p{Po}]*")

#: What in a whole text gives ``letter_spaced`` work: four lone letters in a row (a word
#: of ``SPACED_MIN`` letters), in ``re`` syntax, which scans a whole text faster, and from
#: the space after the first letter.  It would be tried at every space of a text, so it
#: runs only on lines holding two lone letters in a row after a space, a rarer sight
#: found by a pattern without lookbehinds.
LETTER_SPACED = re.compile(r" (?<=[^\W\d_] )(?<![^ \n][^\W\d_] )[^\W\d_] [^\W\d_] [^\W\d_](?!\S)")
LETTER_SPACED_TRIGGER = LineFilter(re.compile(r" [^\W\d_] [^\W\d_](?!\S)"), LETTER_SPACED)
#: Lone letters separated by single spaces, and runs of them separated by 2+ spaces.
SPACED_WORD = regex.compile(r"(?<!\S)\p{L}(?: \p{L})*(?!\S)")
SPACED_RUN = regex.compile(r"(?<!\S)\p{L}(?: \p{L})*(?: {2,}\p{L}(?: \p{L})*)*(?!\S)")
#: A run needs a word of this many letters, and a letter-spaced line's shorter words
#: (names, "D E") need not be known; inside a line the words at either end of a run
#: need this many letters and every word must be known.
SPACED_MIN = 4
#: Confidence of a letter-spaced run of known words, or a whole line with some known
#: word (the others: names and the like).
LETTER_SPACED_CONFIDENCE = 0.95
WHOLE_LINE_CONFIDENCE = 0.9

#: What gives ``collapse_runs`` and ``strip_trailing`` work: two spaces between words,
#: blanks ending a line.
RUNS_TRIGGER = regex.compile(r"(?<=\S)  +(?=\S)")
TRAILING_TRIGGER = regex.compile(r"[ \t]+$", regex.MULTILINE)


class _Words:
    """What the document's languages say of a piece or a joined word, cached per string."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._frequency: dict[str, float] = {}
        self._pieces: dict[str, tuple[str | None, str | None]] = {}

    def frequency(self, word: str) -> float:
        """The word's frequency in the document's languages, when at least ``COMMON_WORD`` (zipf 3): a joined word must be so common
        to join two pieces."""
        found = self._frequency.get(word)
        if found is None:
            found = 0.0
            if self.lexicon.known(word):  # the cheap look-up first: most strings are no word
                frequency, language = self.lexicon.frequency(word)
                if language in self.lexicon.languages and frequency >= COMMON_WORD:
                    found = frequency
            self._frequency[word] = found
        return found

    def pieces(self, token: str) -> tuple[str | None, str | None]:
        """The letters ``token`` gives as the left piece of a split word and as the right
        one (None where it cannot be that piece)."""
        found = self._pieces.get(token)
        if found is None:
            left, right = LEFT.fullmatch(token), RIGHT.fullmatch(token)
            found = self._pieces[token] = (left.group(2) if left else None, right.group(1) if right else None)
        return found

    def is_word(self, piece: str) -> bool:
        """Whether ``piece`` is a word in its own right (a lone letter must be very common)."""
        return self.frequency(piece) >= (WORD_LETTER if len(piece) == 1 else COMMON_WORD)


@dataclass(frozen=True)
class _Pair:
    """Two pieces that may make one word: the word, the evidence, and whether the pieces
    as they stand are implausible (``clear``: a piece of two letters or more is no word).
    A pair that is not clear is a word and a lone letter.  ``lone``, for a pair with a
    piece of one letter, is its pattern: which side the letter is on, and the letter."""

    joined: str
    evidence: str
    clear: bool
    lone: tuple[str, str] | None = None


def _split_pair(words: _Words, left: str, right: str) -> _Pair | None:
    """The joined word and the evidence if ``left`` + ``right`` may be one word split by
    a space; None when it is not."""
    head, tail = words.pieces(left)[0], words.pieces(right)[1]
    if head is None or tail is None or len(head) + len(tail) < MIN_JOINED or not _same_word_case(head, tail):
        return None
    joined = head + tail
    frequency = words.frequency(joined)
    if not frequency or (words.is_word(head) and words.is_word(tail)):
        return None  # no common word, or two words ("de main") whatever they make
    if words.frequency(tail) >= FUNCTION_WORD:
        return None  # a word the lists lack, then a common one (Danish "kolon i")
    found = f"‘{joined}’ zipf {zipf(frequency):.1f}"
    lone = ("before", head.casefold()) if len(head) == 1 else ("after", tail.casefold()) if len(tail) == 1 else None
    nonword = [piece for piece in (head, tail) if len(piece) > 1 and not words.is_word(piece)]
    if nonword:
        return _Pair(joined, found + "; " + " ".join(f"‘{piece}’" for piece in nonword) + " no word", True, lone)
    # a word and a lone letter: both plausible as they stand ("Sei n", "T ask")
    letter, word = (head, tail) if len(head) == 1 else (tail, head)
    return _Pair(joined, f"{found}; ‘{word}’ a word and ‘{letter}’ a lone letter as they stand", False, lone)


def _same_word_case(head: str, tail: str) -> bool:
    """Whether ``tail`` may continue ``head`` as to letter case ("T rouver", "SER VICES",
    not "Le Pen" nor "ESC e").

    >>> _same_word_case("T", "rouver"), _same_word_case("Le", "Pen"), _same_word_case("ESC", "e")
    (True, False, False)
    """
    if (len(head) > 1 and head.isupper()) or tail[0].isupper():
        return head.isupper() and tail.isupper()
    return True


def _piece_unknown(words: _Words, token: str) -> bool:
    """Whether ``token`` could be the piece of a split word that is no word (or a lone
    letter that is none)."""
    return any(piece is not None and not words.is_word(piece) for piece in words.pieces(token))


def split_words(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Join words a space split ("na vigateurs"), also across a line break ("dif" /
    "férents": the tail moves up), once the document shows two such splits."""
    texts = doc.texts
    words = _Words(ctx.lexicon)
    suspects = {token for token in set("\n".join(texts).split()) if _piece_unknown(words, token)}
    if not suspects:
        return
    inline: dict[int, list[tuple[int, _Pair]]] = {}  # line → gaps
    for number, text in enumerate(texts):
        tokens = text.split(" ")
        if len(tokens) > 1 and not suspects.isdisjoint(tokens):
            gaps = _inline_pairs(words, suspects, tokens)
            if gaps:
                inline[number] = gaps
    across: dict[int, tuple[regex.Match[str], _Pair]] = {}  # tail's line → tail
    for number, (text, below) in enumerate(pairwise(texts)):
        tail = TAIL.match(below) if text[-1:].isalpha() and below[:1].isalpha() and number not in across else None
        if tail is None or any(gap <= tail.end(1) for gap, _ in inline.get(number + 1, ())):
            continue  # no letters meet at the break, or the tail is in a split pair itself
        last = text.rsplit(None, 1)[-1]
        if any(gap == len(text) - len(last) - 1 for gap, _ in inline.get(number, ())):
            continue  # so is the piece before the break
        if last in suspects or tail.group(1) in suspects:
            pair = _split_pair(words, last, tail.group(1))
            if pair:
                across[number + 1] = (tail, pair)
    pairs = [pair for gaps in inline.values() for _, pair in gaps] + [pair for _, pair in across.values()]
    clear = {pair.joined.casefold() for pair in pairs if pair.clear}
    patterns: dict[tuple[str, str], set[str]] = {}  # (side, lone letter) → clear words split so
    for pair in pairs:
        if pair.clear and pair.lone is not None:
            patterns.setdefault(pair.lone, set()).add(pair.joined.casefold())
    for number, gaps in inline.items():
        for end, pair in gaps:
            yield Proposal(number, end, end + 1, "", _step(pair, clear, patterns))
    for tail_line, (tail, pair) in across.items():
        yield from move_up(texts, tail_line - 1, len(texts[tail_line - 1]), tail_line, tail, _step(pair, clear, patterns))


def _inline_pairs(words: _Words, suspects: set[str], tokens: list[str]) -> list[tuple[int, _Pair]]:
    """The gaps (columns of the space) between ``tokens`` (a line split at spaces) that
    split a word, with the pair each joins; a piece two gaps would join to both
    neighbours ("A vec tor") leaves both alone."""
    found: dict[int, tuple[int, _Pair]] = {}  # index of the left token → gap
    end = -1
    for index, (left, right) in enumerate(pairwise(tokens)):
        end += len(left) + 1
        if left and right and (left in suspects or right in suspects):
            pair = _split_pair(words, left, right)
            if pair:
                found[index] = (end, pair)
    return [gap for index, gap in found.items() if index - 1 not in found and index + 1 not in found]


def _step(pair: _Pair, clear: set[str], patterns: dict[tuple[str, str], set[str]]) -> Step:
    """The step for a split pair, given the document's clear split words (``clear``) and
    those split beside a lone letter (``patterns``, by side and letter).  Only clear
    pairs are counted, and never the pair being decided: a clear pair needs one other
    clear split word, a word beside a lone letter needs ``EVIDENCE_PAIRS`` of its pattern."""
    word = pair.joined.casefold()
    if pair.clear:
        others = len(clear - {word})
        if others < EVIDENCE_PAIRS - 1:
            return Step(rules.SPLIT_WORD, UNSURE, f"{pair.evidence}; the only split word of its kind")
        return Step(rules.SPLIT_WORD, SPLIT_CONFIDENCE, f"{pair.evidence}; {_count(others, 'other clear split word')}")
    assert pair.lone is not None
    side, letter = pair.lone
    alike = len(patterns.get(pair.lone, set()) - {word})
    evidence = f"{pair.evidence}; {_count(alike, 'clear split word')} {side} a lone ‘{letter}’"
    return Step(rules.SPLIT_WORD, SPLIT_CONFIDENCE if alike >= EVIDENCE_PAIRS else UNSURE, evidence)


def _count(number: int, noun: str) -> str:
    """``number`` and ``noun``, plural when it is not 1.

    >>> _count(1, "word"), _count(3, "clear word")
    ('1 word', '3 clear words')
    """
    return f"{number} {noun}{'' if number == 1 else 's'}"


def letter_spaced(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Join letter-spaced words ("S E R V I C E S  D E  B A S E" → "SERVICES DE BASE")
    when each is a known word, or the whole line is letter-spaced with some known word
    (a whole line of no known word is a suspicion)."""
    texts = doc.texts
    if not LETTER_SPACED_TRIGGER.search("\n".join(texts)):
        return
    for number, text in enumerate(texts):
        if LETTER_SPACED.search(text):
            for run in SPACED_RUN.finditer(text):
                found = _spaced_words(ctx.lexicon, run.group(), run.group() == text.strip())
                if found:
                    start, end, joined, step = found
                    yield Proposal(number, run.start() + start, run.start() + end, joined, step)


def _spaced_words(lexicon: Lexicon, run: str, whole_line: bool) -> tuple[int, int, str, Step] | None:
    """The span of ``run`` (letter-spaced words, two or more spaces apart) to join, the
    joined words and the step; None when it is not sure enough to say.

    Inside a line, short words at either end are left out, and every word of two
    letters or more must be known (Czech "a, b a i" is three words).
    """
    spaced = list(SPACED_WORD.finditer(run))
    if not whole_line:
        while spaced and len(spaced[0].group()) < 2 * SPACED_MIN - 1:
            spaced.pop(0)
        while spaced and len(spaced[-1].group()) < 2 * SPACED_MIN - 1:
            spaced.pop()
    words = [m.group().replace(" ", "") for m in spaced]
    checked = [word for word in words if len(word) >= (SPACED_MIN if whole_line else 2)]
    known = [word for word in checked if lexicon.known(word)]
    if not any(len(word) >= SPACED_MIN for word in words):
        return None  # "x y z": too short to tell a word from letters
    if len(known) == len(checked):
        step = Step(rules.SPACING_LETTER_SPACED, LETTER_SPACED_CONFIDENCE, f"{' '.join(known)}: known words")
    elif whole_line and known:
        step = Step(rules.SPACING_LETTER_SPACED, WHOLE_LINE_CONFIDENCE, f"whole line letter-spaced; {' '.join(known)}: known words")
    elif whole_line:
        step = Step(rules.SPACING_LETTER_SPACED, UNSURE, "whole line letter-spaced; no known word")
    else:
        return None
    return spaced[0].start(), spaced[-1].end(), " ".join(words), step


def collapse_runs(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Shrink runs of two or more spaces between words to one (not leading indentation).

    Justified lines of a PDF come out with such runs; in a text file they may be meant,
    so this is for PDF input only.
    """
    step = Step(rules.SPACING_RUNS, 1.0, "a run of spaces between words")
    for number, text in enumerate(doc.texts):
        if "  " in text:
            for run in RUNS_TRIGGER.finditer(text):
                yield Proposal(number, run.start() + 1, run.end(), "", step)


def strip_trailing(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Remove spaces and tabs at line ends (for PDF input only: a text file may mean them)."""
    step = Step(rules.SPACING_TRAILING, 1.0, "blanks at the line end")
    for number, text in enumerate(doc.texts):
        blanks = TRAILING_TRIGGER.search(text) if text[-1:] in (" ", "\t") else None
        if blanks:
            yield Proposal(number, blanks.start(), blanks.end(), "", step)

