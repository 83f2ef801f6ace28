"""Hyphenation: words a typesetter broke at a line end, and invisible soft hyphens.

A word hyphenated at a line end ("com-" / "piler") is joined when the joined word is a
known word and the hyphenated spelling is not the likelier one.  Word lists hold no
hyphenated forms (their tokenizers split at hyphens), so the hyphenated spelling is
weighed as two words side by side: a real compound ("peut-être", "bien-être") is made of
common words whose glued form is rare or unknown, a hyphenated word has a piece that is
no word ("ca-" / "ractère") or is rare ("piler").  The document's own spelling decides
first: a form it writes elsewhere inside a line ("celui-ci", "MacKenzie") wins.

The tail moves up so that the line count stays the same: the hyphen on line k becomes
the tail, and the tail (with the spaces after it) leaves line k+1.  A compound broken at
its own hyphen ("Nations-" / "Unies", "systemd-" / "cgtop") comes together the same way with
its hyphen kept (``hyphenation:keep``), unless its tail is one of the language's most
frequent words ("Haupt-" / "und Nebensätze" is a suspended hyphen; "celui-" / "ci"
stays too); a German compound the lists lack is joined when
its words meet elsewhere than at the hyphen ("Unterbe-" / "fehl" is "Unter|befehl").  A form feed opening
the next line (a page break from pdfminer.six) and one blank line in between (a page or
paragraph break) are skipped.

>>> from mojibake_fix.context import Settings
>>> from mojibake_fix.document import Document
>>> from mojibake_fix.engine import run
>>> doc = Document.from_text("il faut com-\\npiler des fichiers\\ndes Nations-\\nUnies aussi")
>>> _ = run(doc, Settings(channels=(), languages=("fr",)), passes=(join,))
>>> doc.texts
['il faut compiler', 'des fichiers', 'des Nations-Unies', 'aussi']
>>> [(c.line, c.before, c.after, c.rule) for c in doc.changes()]
[(1, '-', 'piler', 'hyphenation:join'), (2, 'piler ', '', 'hyphenation:join'), (3, '', 'Unies', 'hyphenation:keep'), (4, 'Unies ', '', 'hyphenation:keep')]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence

import regex

from .. import rules
from ..changes import Proposal, Step
from ..context import Context
from ..document import Document
from ..lexicon import COMPOUND_MIN, Lexicon, fold, top_words
from ..triggers import Trigger

SOFT_HYPHEN = "\u00ad"
#: Hyphens a line end may break a word at: ASCII, U+2010 and the soft hyphen.
HYPHENS = ("-", "\u2010", SOFT_HYPHEN)
#: What in a whole text gives ``join`` work: a hyphen (ASCII, U+2010 or soft) ending a
#: line, or a soft hyphen anywhere.
TRIGGER = Trigger("[\\-\u2010\u00ad]", r"(?:(?<=\u00ad)|(?=[ \t]*$))", re.MULTILINE)
#: The broken word's head at a line end: its last letters, the hyphen, trailing blanks.
HEAD = regex.compile(r"(?<!\p{N})(\p{L}[\p{L}\p{M}]*)([-\u2010\u00ad])[ \t]*$")
#: The tail at the start of a line: blanks (a form feed), the word (with an elided
#: part, "d’hui"), what is glued to it up to the next blank, then the blanks after it.
TAIL = regex.compile(r"[ \t\f]*+((\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*)[^ \t]*)[ \t]*")
#: Words as the document's own spelling counts them: hyphenated compounds are one word.
SPELLING = regex.compile(r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*")
#: Confidence never reaches 1 on word lists alone: a list may miss the piece it lacks.
MAX_CONFIDENCE = 0.99
#: Typesetters leave at least two letters on each side of a break (TeX's
#: \lefthyphenmin and \righthyphenmin); a lone letter is a real hyphen ("e-mail").
MIN_PIECE = 2
#: A joined word no list has that reads as two listed words, with a tail no list has
#: ("Ver-" / "trauensstufe"): German compounds the lists miss.  A listed tail makes a
#: real compound likelier, and the join only a suspicion ("Unterbe-" / "fehl").
COMPOUND_CONFIDENCE = 0.9
#: A compound broken at its own hyphen ("Nations-" / "Unies") moves up whole, hyphen kept.
KEEP_CONFIDENCE = 0.95
COMPOUND_UNSURE = 0.7


def zipf(frequency: float) -> float:
    """A frequency on the Zipf scale (log10 of occurrences per billion words).

    >>> zipf(1e-6)
    3.0
    """
    return math.log10(frequency) + 9.0


def move_up(texts: Sequence[str], head: int, end: int, tail: int, match: regex.Match[str], step: Step) -> Iterator[Proposal]:
    """The two proposals that move ``match``'s tail token (``TAIL`` matched at the start of
    line ``tail``) to column ``end`` of line ``head``, replacing what follows ``end``.

    The spaces after the tail leave with it; the line's leading blanks stay.
    """
    yield Proposal(head, end, len(texts[head]), match.group(1), step)
    yield Proposal(tail, match.start(1), match.end(), "", step)


def _spellings(texts: Sequence[str]) -> Counter[str]:
    """How often the document writes each word (folded; hyphenated compounds whole)."""
    return Counter(SPELLING.findall("\n".join(texts).casefold().replace("\u2010", "-")))


def _next_text_line(texts: Sequence[str], number: int) -> int | None:
    """The line after ``number`` that holds text, skipping one blank line."""
    for candidate in (number + 1, number + 2):
        if candidate < len(texts) and texts[candidate].strip():
            return candidate
    return None


class _Judge:
    """Decides each line-end break, with the lexicon's frequencies cached per word."""

    def __init__(self, lexicon: Lexicon, spellings: Counter[str]):
        self.lexicon = lexicon
        self.spellings = spellings
        self._frequency: dict[str, tuple[float, str | None]] = {}

    def frequency(self, word: str) -> tuple[float, str | None]:
        """``Lexicon.frequency``, cached."""
        found = self._frequency.get(word)
        if found is None:
            found = self._frequency[word] = self.lexicon.frequency(word)
        return found

    def step(self, head: str, tail: str) -> Step | None:
        """The step joining ``head`` and ``tail``, or None when the hyphen stays."""
        joined, hyphenated = head + tail, f"{head}-{tail}"
        seen_joined = self.spellings[joined.casefold()]
        seen_hyphenated = self.spellings[hyphenated.casefold()]
        if seen_hyphenated > seen_joined:
            return None
        if seen_joined > seen_hyphenated:
            return Step(rules.HYPHENATION_JOIN, MAX_CONFIDENCE, f"‘{joined}’ {seen_joined}× in the text, ‘{hyphenated}’ {seen_hyphenated}×")
        if min(len(head), len(tail)) < MIN_PIECE or (tail[0].isupper() and not (head.isupper() and tail[:2].isupper())):
            return None  # "e-mail", "x-ray"; a capitalised part: a name ("Nations-Unies")
        pieces = [(piece, self.frequency(piece)[0]) for piece in (head, tail)]
        unlisted = [f"‘{piece}’ unlisted" for piece, frequency in pieces if not frequency]
        if not self.lexicon.known(joined):
            # a compound the lists lack ("Vertrauensstufe"), broken where no word ends
            if not unlisted or self.lexicon.compound_logprob(joined) is None:
                return None
            cut = self.compound_cut(joined)
            elsewhere = cut is not None and cut != len(head)  # "Unter|befehl" broken as "Unterbe-fehl"
            confidence = COMPOUND_CONFIDENCE if elsewhere or not pieces[1][1] else COMPOUND_UNSURE
            where = f", whose words meet at ‘{joined[:cut]}|{joined[cut:]}’" if elsewhere and cut else ""
            return Step(rules.HYPHENATION_JOIN, confidence, f"‘{joined}’ reads as a compound{where}; {', '.join(unlisted)}")
        frequency, language = self.frequency(joined)
        together = pieces[0][1] * pieces[1][1]
        ratio = frequency / together if together else math.inf
        if ratio <= 1.0:
            return None
        against = ", ".join(f"‘{piece}’ {f'{zipf(f):.1f}' if f else 'unlisted'}" for piece, f in pieces)
        evidence = f"‘{joined}’ {language} zipf {zipf(frequency):.1f}; {against}"
        return Step(rules.HYPHENATION_JOIN, min(MAX_CONFIDENCE, ratio / (ratio + 1.0)), evidence)


    def compound_cut(self, word: str) -> int | None:
        """Where ``word`` splits into the likeliest two listed words (None if nowhere)."""
        cuts = {
            cut: self.frequency(word[:cut])[0] * self.frequency(word[cut:])[0]
            for cut in range(COMPOUND_MIN, len(word) - COMPOUND_MIN + 1)
        }
        best = max(cuts, key=cuts.__getitem__, default=None)
        return best if best is not None and cuts[best] > 0 else None


def join(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Join words hyphenated at line ends (the tail moves up); drop soft hyphens."""
    texts = doc.texts
    if not TRIGGER.search("\n".join(texts)):
        return
    judge: _Judge | None = None
    joins: list[Proposal] = []
    for number, text in enumerate(texts):
        head = HEAD.search(text) if text.rstrip(" \t")[-1:] in HYPHENS else None
        below = _next_text_line(texts, number) if head else None
        tail = TAIL.match(texts[below]) if head and below is not None else None
        if head is None or tail is None or below is None or _covered(joins[-1:], number, head.start()):
            continue  # no break, or the line holds nothing but another break's tail
        keep = Step(rules.HYPHENATION_KEEP, KEEP_CONFIDENCE, f"‘{head.group(1)}-{tail.group(2)}’ broken at its own hyphen")
        if texts[below][tail.end(2) : tail.end(2) + 1] in ("-", "\u2010"):
            # the tail goes on with a hyphen: a compound ("a-" / "t-il"), moved up whole
            joins.extend(move_up(texts, number, head.end(2), below, tail, keep))
            continue
        if head.group(2) == SOFT_HYPHEN:
            step: Step | None = Step(rules.HYPHENATION_SOFT_HYPHEN, 1.0, "soft hyphen at the line end")
        else:
            if judge is None:
                judge = _Judge(ctx.lexicon, _spellings(texts))
            step = judge.step(head.group(1), tail.group(2))
        if step is not None:
            joins.extend(move_up(texts, number, head.start(2), below, tail, step))
        elif SOFT_HYPHEN not in head.group(2) + tail.group(1) and fold(tail.group(2)) not in top_words(ctx.lexicon.languages):
            # a real hyphen: the compound comes together on one line; but a tail that is one
            # of the language's most frequent words may follow a suspended hyphen ("Haupt- /
            # und Nebensätze"), so that break stays
            joins.extend(move_up(texts, number, head.end(2), below, tail, keep))
    yield from joins
    by_line: dict[int, list[Proposal]] = {}
    for proposal in joins:
        by_line.setdefault(proposal.line, []).append(proposal)
    soft = Step(rules.HYPHENATION_SOFT_HYPHEN, 1.0, "soft hyphen: an invisible break hint")
    for number, text in enumerate(texts):
        if SOFT_HYPHEN in text:  # those in a moving tail go once it is up
            for found in regex.finditer(SOFT_HYPHEN, text):
                if not _covered(by_line.get(number, ()), number, found.start()):
                    yield Proposal(number, found.start(), found.end(), "", soft)


def _covered(proposals: Sequence[Proposal], line: int, column: int) -> bool:
    """Whether one of ``proposals`` edits column ``column`` of line ``line``."""
    return any(p.line == line and p.start <= column < p.end for p in proposals)
