"""What a pass may consult: the run's settings and what the current round knows.

Data flows one way: the caller's choices become ``Settings``; before each round (and
after a pass changed the text) the engine surveys the document as it is then
(``survey.survey``) into a new ``Context``, which the passes read and never change.

>>> from mojibake_fix.lexicon import Lexicon
>>> ctx = Context(Lexicon.shared(["fr"]), ())
>>> ctx.min_confidence, ctx.worth_a_look, ctx.guessed
(0.9, (), False)
"""

from __future__ import annotations

from dataclasses import dataclass

from .channels import Channel
from .lexicon import Lexicon


@dataclass(frozen=True)
class Settings:
    """What the caller chose, for the whole run."""

    #: the channels to try in every text
    channels: tuple[Channel, ...]
    #: the bar a proposal must reach to be applied (below it, a suspicion)
    min_confidence: float = 0.9
    #: the optional repairs enabled (names of ``engine.REPAIRS``)
    repairs: frozenset[str] = frozenset()
    #: the document's languages where the caller forced them; None: guessed each round
    languages: tuple[str, ...] | None = None
    #: UTF-8 channels tried only in a text that shows them (``shown.shown_channels``)
    candidates: tuple[Channel, ...] = ()


@dataclass(frozen=True)
class Context:
    """What the passes of one round may consult: the settings they need and the survey
    of the document as it is now."""

    lexicon: Lexicon
    #: the channels to try this round: those given, and the candidates the text shows
    channels: tuple[Channel, ...]
    min_confidence: float = 0.9
    #: the optional repairs enabled (names of ``engine.REPAIRS``)
    repairs: frozenset[str] = frozenset()
    #: the languages whose words the document writes, not only its broken tokens'
    #: readings (``languages.attested_languages``): a word vouches for a reading only in
    #: one of them; None where the languages were forced: the lexicon's
    attested: tuple[str, ...] | None = None
    #: numbers of the lines the screen found worth a closer look (``screen.py``)
    worth_a_look: tuple[int, ...] = ()
    #: whether the languages were guessed, not forced: a line may then have its own
    guessed: bool = False
