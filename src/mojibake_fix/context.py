"""What every pass may consult: the options, the channels, the lexicon, shared notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .channels import Channel
from .lexicon import Lexicon, quick_languages
from .screen import lines_worth_a_look, sample, screen_pattern
from .shown import shown_channels

#: Characters of the document read for the quick language guess behind the screen.
SCREEN_SAMPLE = 10_000


@dataclass
class Context:
    """Per-document settings and knowledge, built once by the engine.

    ``notes`` is where passes leave document-level findings for the summary (for example
    each channel's prior and the evidence behind it).
    """

    lexicon: Lexicon
    #: the channels to try this round: those given, and those of ``candidates`` the
    #: text shows
    channels: tuple[Channel, ...]
    min_confidence: float = 0.9
    notes: dict[str, Any] = field(default_factory=dict)
    #: the languages whose words the document writes, not only its broken tokens' readings
    #: (``passes.mojibake.attested_languages``): a word vouches for a reading only in one
    #: of them; None where the languages were forced: the lexicon's
    attested: tuple[str, ...] | None = None
    #: guesses the languages of the document as it is now from the given lines worth a
    #: look (and a sample of the rest) and the channels, and those it attests; None when
    #: they were forced
    guess_languages: Callable[[Sequence[str], Sequence[int], Sequence[Channel]], tuple[Sequence[str], Sequence[str]]] | None = None
    #: UTF-8 channels tried only in a text that shows them (``shown.shown_channels``)
    candidates: tuple[Channel, ...] = ()
    #: the optional repairs enabled (names of ``engine.OPTIONAL``)
    repairs: frozenset[str] = frozenset()
    #: numbers of the lines the screen found worth a closer look (``screen.py``)
    worth_a_look: list[int] = field(default_factory=list)
    _screened: list[str] | None = None
    _given: tuple[Channel, ...] = ()

    def __post_init__(self) -> None:
        self._given = self.channels

    def refresh_languages(self, texts: Sequence[str]) -> None:
        """Find the channels the current lines show, screen them and guess their languages
        again (each round of the engine), so that a round depends on the text alone and
        cleaning twice equals cleaning once.

        The screen needs only a quick guess; the full guess, which loads word lists, is
        made only when some line is worth a look, and the lines are screened again for
        the full guess's languages when they differ.  Lines already screened as they are
        now are not screened again.
        """
        if texts == self._screened:
            return
        self._screened = list(texts)
        if self.candidates:
            self.channels = self._given + shown_channels(texts, self.candidates)
        quick = quick_languages(sample(texts, SCREEN_SAMPLE)) if self.guess_languages else self.lexicon.languages
        self.worth_a_look = lines_worth_a_look(texts, screen_pattern(self.channels, quick))
        if self.guess_languages is not None:
            languages, attested = self.guess_languages(texts, self.worth_a_look, self.channels) if self.worth_a_look else (quick, quick)
            self.attested = tuple(attested)
            if self.worth_a_look and tuple(languages) != tuple(quick):
                # the full guess may leave out a language whose letters let a line pass
                # ("Èxito" passes for Catalan in Spanish text): screen again for it
                again = lines_worth_a_look(texts, screen_pattern(self.channels, languages))
                self.worth_a_look = sorted(set(self.worth_a_look).union(again))
            self.lexicon = Lexicon.shared(languages)
            self.notes.setdefault("languages", list(self.lexicon.languages))
